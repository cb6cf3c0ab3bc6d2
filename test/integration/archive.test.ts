/**
 * The yearly archive on the BUILT script in the sandbox: a closed year moves to its archive
 * workbook (same columns and values, counts equal), the working tabs keep the open months, the
 * archive sits in the report folder, and the report and the panel still find archived months.
 * The hostile cases (second run, cut run, year not closed, staff) are in test/hostile/archive.test.ts.
 */
import { sheetView } from '../../sandbox/src/actions';
import { listFiles } from '../../sandbox/src/services/drive';
import { alertText, archive, archiveBook, archiveRows, archiveSandbox, ARCHIVED_TABS, KABAG, rowsOf, storedValues, thisRun } from './archive-fixture';

describe('yearly archive', () => {
  it('moves every row of a closed year, same columns and values, into an archive in the report folder', () => {
    const sb = archiveSandbox();
    const before = Object.fromEntries(ARCHIVED_TABS.map((t) => [t, storedValues(sb, t)]));
    const headers = Object.fromEntries(ARCHIVED_TABS.map((t) => [t, sheetView(sb, t).headers]));
    const r = archive(sb);
    expect(r.error).toBeUndefined();
    expect(alertText(r)).toContain('Tahun 2026 diarsipkan');
    const book = archiveBook(sb);
    expect(book).toBeDefined();
    for (const tab of ARCHIVED_TABS) {
      const after = storedValues(sb, tab);
      const archived = storedValues(sb, tab, true);
      // Nothing lost, nothing doubled: the rows before are exactly the archived ones plus the kept ones.
      const kept = after.filter((row) => !thisRun(row));
      expect(archived.length + kept.length).toBe(before[tab].length);
      expect(archived.length).toBeGreaterThan(0);
      expect([...archived, ...kept].map((x) => JSON.stringify(x)).sort()).toEqual(before[tab].map((x) => JSON.stringify(x)).sort());
      expect(book!.sheets.find((s) => s.name === tab)?.cells[0]?.filter((c) => c !== null)).toEqual(headers[tab].filter((h) => h !== ''));
    }
    // The working tabs keep the open month (January 2027) only.
    expect(rowsOf(sb, 'Konsep Konten').every((row) => row[1] === '2027-01')).toBe(true);
    expect(rowsOf(sb, 'Konsep Konten').length).toBe(2);
    expect(rowsOf(sb, 'Insight').length).toBe(2);
    expect(rowsOf(sb, 'Persetujuan').length).toBe(1);
    // 24 items of 2026: the text that looks like a formula or a number stayed text.
    const konsepArchive = storedValues(sb, 'Konsep Konten', true);
    expect(konsepArchive.length).toBe(24);
    expect(konsepArchive[0][3]).toBe('string:Sidang 1 =bukan rumus');
    expect(konsepArchive[0][7]).toBe('string:0812');
    expect(konsepArchive[0][2]).toMatch(/^D:2026-01-01T17:00:00.000Z$/);
    expect(archiveRows(book!, 'Publikasi')[0][2]).toBe('2026-01-02 10:30:00');
    // Kept in the report folder, and the Log says what moved.
    const folderId = sheetView(sb, 'Pengaturan').rows.find((x) => x[0] === 'folder_laporan')?.[1];
    const file = listFiles(sb.state).find((f) => f.id === book!.id);
    expect(file?.parentId).toBe(folderId);
    const logRow = rowsOf(sb, 'Log').find((x) => x[3] === 'Arsip tahun');
    expect(logRow?.[5]).toContain('Konsep Konten 24 baris');
    // The working tabs shrank.
    expect(sheetView(sb, 'Konsep Konten').rows.length).toBeLessThan(30);
  });

  it('the report and the panel still find an archived month', () => {
    const sb = archiveSandbox();
    const before = sb.run('apiPanelMonth', { kind: 'scriptRun', user: KABAG, args: [{ period: '2026-06' }] }).value as { ok: boolean; value: { concepts: Array<{ id: string }>; designs: Array<{ publication: unknown }> } };
    expect(archive(sb).error).toBeUndefined();
    const after = sb.run('apiPanelMonth', { kind: 'scriptRun', user: KABAG, args: [{ period: '2026-06' }] }).value as typeof before;
    expect(after.ok).toBe(true);
    expect(after.value.concepts.map((c) => c.id)).toEqual(before.value.concepts.map((c) => c.id));
    expect(after.value.concepts.length).toBe(2);
    expect(after.value.designs.every((d) => d.publication)).toBe(true);
    // The monthly report of an archived month builds from the archive's rows.
    const report = sb.run('apiBuildReport', { kind: 'scriptRun', user: KABAG, args: [{ period: '2026-06' }] }).value as { ok: boolean; error?: { message: string } };
    expect(report.error).toBeUndefined();
    expect(report.ok).toBe(true);
  });
});
