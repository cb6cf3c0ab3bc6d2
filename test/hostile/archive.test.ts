/**
 * Hostile catalogue, yearly archive: a second run, a run cut at its time budget at the service
 * calls of the move (then run again), a year not closed or not ended, someone who is not the
 * owner, another year's unfinished run, and reading an archived month while its move is unfinished.
 */
import { listFiles } from '../../sandbox/src/services/drive';
import { alertText, archive, archiveBook, archiveSandbox, ARCHIVED_TABS, KABAG, stable, STAFF, storedValues, thisRun } from '../integration/archive-fixture';

describe('hostile: the yearly archive', () => {
  it('a second run moves nothing and changes nothing', () => {
    const sb = archiveSandbox();
    expect(archive(sb).error).toBeUndefined();
    const working = ARCHIVED_TABS.map((t) => storedValues(sb, t));
    const archived = ARCHIVED_TABS.map((t) => storedValues(sb, t, true));
    const r = archive(sb);
    expect(alertText(r)).toContain('Tidak ada baris tahun 2026');
    expect(ARCHIVED_TABS.map((t) => storedValues(sb, t))).toEqual(working);
    expect(ARCHIVED_TABS.map((t) => storedValues(sb, t, true))).toEqual(archived);
    expect(listFiles(sb.state).filter((f) => f.name === 'Siaran - Arsip 2026').length).toBe(1);
  });

  it('refuses a year not closed, an open year, and anyone but the owner; nothing changes', () => {
    const sb = archiveSandbox(1, { reportDecember: false });
    const snap = () => JSON.stringify(ARCHIVED_TABS.map((t) => storedValues(sb, t)));
    const before = snap();
    const notClosed = archive(sb);
    expect(alertText(notClosed)).toContain('laporan bulan 2026-12 belum disusun');
    const open = archive(sb, KABAG, '2027');
    expect(alertText(open)).toContain('Tahun 2027 belum berakhir');
    const staff = archive(sb, STAFF);
    expect(alertText(staff)).toContain('hanya dapat dijalankan oleh pemilik workbook (kabag@mk.example.id)');
    expect(snap()).toBe(before);
    expect(archiveBook(sb)).toBeUndefined();
  });

  it('a run cut at any service call resumes: no row in both, none in neither', () => {
    const probe = archiveSandbox(1);
    const full = archive(probe);
    expect(full.error).toBeUndefined();
    let t = 0;
    const cuts: Array<{ at: number; call: string }> = [];
    for (const c of full.calls) {
      t += c.ms;
      if (c.ms > 0) cuts.push({ at: t - 1, call: `${c.service}.${c.method}` });
    }
    expect(cuts.some((c) => c.call.startsWith('Sheets.'))).toBe(true);
    const expected = ARCHIVED_TABS.map((tab) => [stable(storedValues(probe, tab).filter((row) => !thisRun(row))), storedValues(probe, tab, true)]);
    const problems: string[] = [];
    let resumed = 0;
    // Every fourth cut point (plus the last, and every Sheets API call) keeps the run time reasonable.
    const chosen = cuts.filter((c, i) => i % 4 === 0 || i === cuts.length - 1 || c.call.startsWith('Sheets.'));
    for (const cut of chosen) {
      const sb = archiveSandbox(1);
      const r = archive(sb, KABAG, '2026', cut.at);
      if (!r.timedOut) continue;
      const again = archive(sb);
      if (again.error) problems.push(`${cut.call}: resume failed: ${again.error.message}`);
      if (alertText(again).includes('diarsipkan')) resumed++;
      const got = ARCHIVED_TABS.map((tab) => [stable(storedValues(sb, tab).filter((row) => !thisRun(row))), archiveBook(sb) ? storedValues(sb, tab, true) : []]);
      ARCHIVED_TABS.forEach((tab, i) => {
        if (JSON.stringify(got[i][0]) !== JSON.stringify(expected[i][0])) problems.push(`${cut.call}: working ${tab} differs: ${JSON.stringify(got[i][0]).slice(0, 300)} vs ${JSON.stringify(expected[i][0]).slice(0, 300)}`);
        if (JSON.stringify(got[i][1]) !== JSON.stringify(expected[i][1])) problems.push(`${cut.call}: archive ${tab} differs`);
      });
    }
    expect(problems).toEqual([]);
    expect(resumed).toBeGreaterThan(3);
  });


  it('while a cut move is unfinished: another year is refused, an archived month says to finish it; running it again finishes', () => {
    const probe = archiveSandbox(1);
    const full = archive(probe);
    let t = 0;
    let cutAt = 0;
    for (const c of full.calls) {
      t += c.ms;
      // Cut inside the move: just after the Konsep Konten tab's archive write (the last tab).
      if (c.service === 'Sheets' && c.method === 'Spreadsheets.Values.batchUpdate') cutAt = t + 1;
    }
    const sb = archiveSandbox(1);
    const cut = archive(sb, KABAG, '2026', cutAt);
    expect(cut.timedOut).toBe(true);
    const other = archive(sb, KABAG, '2025');
    expect(alertText(other)).toContain('Arsip tahun 2026 belum selesai');
    const panel = sb.run('apiPanelMonth', { kind: 'scriptRun', user: KABAG, args: [{ period: '2026-06' }] }).value as { ok: boolean; error?: { message: string } };
    expect(panel.ok).toBe(false);
    expect(panel.error?.message).toContain('belum selesai dipindahkan');
    const again = archive(sb);
    expect(alertText(again)).toContain('Tahun 2026 diarsipkan');
    const after = sb.run('apiPanelMonth', { kind: 'scriptRun', user: KABAG, args: [{ period: '2026-06' }] }).value as { ok: boolean; value: { concepts: unknown[] } };
    expect(after.ok).toBe(true);
    expect(after.value.concepts.length).toBe(1);
    expect(storedValues(sb, 'Konsep Konten', true).length).toBe(12);
  });

  it('a staff member cannot read the archive: the registry and the file are the owner\'s', () => {
    const sb = archiveSandbox(1);
    expect(alertText(archive(sb))).toContain('diarsipkan');
    // The staff member's own executions see no archive entry (user properties are per user), so an
    // archived month shows no items to them; nothing is read from a file they cannot open.
    const staff = sb.run('apiPanelMonth', { kind: 'scriptRun', user: STAFF, args: [{ period: '2026-06' }] }).value as { ok: boolean; value: { concepts: unknown[] } };
    expect(staff.ok).toBe(true);
    expect(staff.value.concepts).toEqual([]);
    const direct = sb.run('zzArchiveViaApi', { user: STAFF, args: [archiveBook(sb)!.id] });
    expect(direct.error?.message).toContain('The caller does not have permission');
    expect(sb.run('zzArchiveViaApi', { user: KABAG, args: [archiveBook(sb)!.id] }).ok).toBe(true);
  });
});
