/**
 * Hostile catalogue, Drive: Siaran runs under the drive.file scope and touches only the files in
 * its own registry. A workbook editor points Siaran at someone else's file through a cell (a Doc
 * link pasted into Laporan, a template id and a logo id in Pengaturan): the file is not trashed,
 * not read into the report and not copied, and each attempt leaves a plain message and a Log row.
 */
import { apiEdit, editCell, sheetView } from '../../sandbox/src/actions';
import { getFileContent, listFiles, registerFile } from '../../sandbox/src/services/drive';
import { renderDocumentText } from '../../sandbox/src/services/document';
import { expectPlainMessage, hand, KABAG, logEntries, runMenu, STAFF, uiText, world } from './catalogue';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
// April: the world's clock is 6 April 2026, and a month that has not begun (May) is refused.
const BUILD = [{ button: 'OK', text: '2026-04' }, { button: 'OK' }, { button: 'OK' }];

function cellOf(tab: string, key: string, header: string, sb: ReturnType<typeof world>): string {
  const v = sheetView(sb, tab);
  const row = v.rows.findIndex((r) => r[0] === key);
  const col = v.headers.indexOf(header);
  return `${String.fromCharCode(65 + col)}${row + 2}`;
}

describe('Drive: only what Siaran made', () => {
  it('a Doc link pasted into Laporan, a template id and a logo id typed into Pengaturan: nothing trashed, read or copied; each attempt told and logged', () => {
    const sb = world();
    const first = runMenu(sb, 'menuBuildReport', KABAG, BUILD);
    expect(first.ok).toBe(true);

    // The Kabag's own Doc (made in his executions, so drive.file alone would let Siaran reach it)
    // and an image in his Drive that Siaran never saw.
    const privateDoc = String(hand(sb, 'zzOwnDoc', 'Catatan pribadi Kabag', 'Isi pribadi yang tidak boleh tersebar'));
    const privateImage = registerFile(sb.state, { name: 'foto.png', mimeType: 'image/png', content: PNG, owner: KABAG });
    const filesBefore = listFiles(sb.state).length;

    // A staff member writes the cells: the Laporan link through the Sheets API (no onEdit to
    // revert it), the settings by hand.
    const laporan = sheetView(sb, 'Laporan');
    const docCol = laporan.headers.findIndex((h) => /Dokumen/i.test(h));
    expect(docCol).toBeGreaterThanOrEqual(0);
    apiEdit(sb, STAFF, 'Laporan', `${String.fromCharCode(65 + docCol)}2`, `https://docs.google.com/document/d/${privateDoc}/edit`);
    expect(sheetView(sb, 'Laporan').rows[0][docCol]).toContain(privateDoc);
    // Pengaturan is the owner's: a staff member's typing is refused by Sheets itself ...
    expect(() => editCell(sb, STAFF, 'Pengaturan', cellOf('Pengaturan', 'templat_laporan', 'Nilai', sb), privateDoc)).toThrow(/protected/);
    // ... and even the owner's own typed ids reach nothing Siaran did not make.
    editCell(sb, KABAG, 'Pengaturan', cellOf('Pengaturan', 'templat_laporan', 'Nilai', sb), privateDoc);
    editCell(sb, KABAG, 'Pengaturan', cellOf('Pengaturan', 'logo_kop', 'Nilai', sb), privateImage);

    const again = runMenu(sb, 'menuBuildReport', KABAG, BUILD);
    expect(again.ok).toBe(true);
    const said = uiText(again);
    expectPlainMessage(said);
    expect(said).toContain(`Berkas ${privateDoc} yang ditautkan di tab Laporan tidak tercatat sebagai buatan Siaran untuk akun ini, jadi tidak disentuh`);
    expect(said).toContain(`Templat laporan (${privateDoc}) di Pengaturan bukan templat yang dibuat Siaran, jadi diabaikan`);
    expect(said).toContain(`Logo kop (${privateImage}) di Pengaturan bukan logo yang diunggah lewat Siaran, jadi tidak dipakai`);

    // Not trashed, not changed.
    const docFile = listFiles(sb.state).find((f) => f.id === privateDoc)!;
    expect(docFile.trashed).toBe(false);
    expect(renderDocumentText(sb.state, privateDoc)).toContain('Isi pribadi yang tidak boleh tersebar');
    expect(getFileContent(sb.state, privateImage)!.bytes.equals(PNG)).toBe(true);
    // Not copied or read into the new report: the report is the built-in layout, without an image
    // on the kop; the only new files are the new report's Doc and PDF.
    const reportUrl = String(sheetView(sb, 'Laporan').rows[0][docCol]);
    const reportId = /\/d\/([\w-]+)/.exec(reportUrl)![1];
    const text = renderDocumentText(sb.state, reportId);
    expect(text).not.toContain('Isi pribadi');
    expect(text).toContain('A. Pendahuluan');
    const added = listFiles(sb.state).slice(filesBefore);
    expect(added.map((f) => f.mimeType).sort()).toEqual(['application/pdf', 'application/vnd.google-apps.document']);
    expect(added.filter((f) => f.mimeType.startsWith('image/'))).toEqual([]);

    const log = logEntries(sb).map((l) => l.Aksi);
    expect(log).toContain('Berkas bukan buatan Siaran');
    expect(log).toContain('Templat laporan diabaikan');
    expect(log).toContain('Logo kop diabaikan');
  });

  it("a report checkpoint forged in script properties to point at the Kabag's own Doc: the owner's resume writes nothing into it", () => {
    const sb = world();
    const privateDoc = String(hand(sb, 'zzOwnDoc', 'Catatan pribadi Kabag', 'Isi pribadi yang tidak boleh hilang'));
    const cp = { v: 1, period: '2026-05', phase: 'doc', docId: privateDoc, docUrl: '', pdfId: '', pdfUrl: '', folderId: '', next: 0, children: 1, mode: 'default', user: STAFF, now: sb.state.clockMs, touched: sb.state.clockMs, runs: 1, notes: [] };
    const r0 = sb.run('zzSetScriptProperty', { kind: 'editor', user: STAFF, args: ['siaran.report.checkpoint', JSON.stringify(cp)] });
    expect(r0.ok).toBe(true);
    const r = sb.run('triggerResumeReport', { kind: 'trigger', user: KABAG });
    expect(r.error).toBeUndefined();
    expect(renderDocumentText(sb.state, privateDoc)).toContain('Isi pribadi yang tidak boleh hilang');
    expect(logEntries(sb).filter((l) => l.Aksi === 'Lanjutan laporan ditolak').map((l) => l.Objek)).toEqual(['2026-05']);
  });
});
