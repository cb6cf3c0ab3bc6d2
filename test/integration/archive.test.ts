/**
 * The yearly archive on the BUILT script in the sandbox: a closed year moves to its archive
 * workbook (same columns and values, counts equal), the working tabs keep the open months, the
 * archive sits in the report folder, a second run moves nothing, a run cut at any service call
 * resumes cleanly, a year not closed and a staff member are refused, and the report and the panel
 * still find archived months.
 */
import { sheetView } from '../../sandbox/src/actions';
import { listFiles } from '../../sandbox/src/services/drive';
import type { Sandbox } from '../../sandbox/src/sandbox';
import type { BookJson } from '../../sandbox/src/services/spreadsheet';
import { displayCell, localeInfo } from '../../sandbox/src/services/spreadsheet';
import { newSandbox } from './project';

const KABAG = 'kabag@mk.example.id';
const STAFF = 'andi@mk.example.id';
/** Monday 1 February 2027, 09:00 WIB. */
const FEB1 = Date.parse('2027-02-01T09:00:00+07:00');

export const ARCHIVED_TABS = ['Log', 'Persetujuan', 'Insight', 'Publikasi', 'Desain Konten', 'Konsep Konten'];

function bulk(sb: Sandbox, tab: string, records: Array<Record<string, unknown>>): void {
  const r = sb.run('zzTestAppendRows', { user: KABAG, args: [tab, records] });
  if (!r.ok) throw new Error(`append ${tab}: ${r.error?.message}`);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `perMonth` plan items a month for 2026-01..2027-01, each with a design, a publication, an insight row, an approval row and Log rows. */
export function populateYears(sb: Sandbox, perMonth: number, opts: { reportDecember?: boolean } = {}): void {
  const setup = sb.run('menuSetup', { kind: 'menu', user: KABAG, replies: [{ button: 'OK' }] });
  if (!setup.ok) throw new Error(setup.error?.message);
  bulk(sb, 'Pengguna', [{ Email: STAFF, Nama: 'Andi', Peran: 'PNS' }]);
  const months: string[] = [];
  for (let m = 1; m <= 12; m++) months.push(`2026-${pad(m)}`);
  months.push('2027-01');
  const konsep: Array<Record<string, unknown>> = [];
  const desain: Array<Record<string, unknown>> = [];
  const pub: Array<Record<string, unknown>> = [];
  const ins: Array<Record<string, unknown>> = [];
  const pers: Array<Record<string, unknown>> = [];
  const log: Array<Record<string, unknown>> = [];
  let k = 0;
  for (const p of months) {
    for (let i = 0; i < perMonth; i++) {
      k++;
      const id = `K-${String(k).padStart(4, '0')}`;
      const did = `D-${String(k).padStart(4, '0')}`;
      const day = `${p}-${pad(2 + (i % 25))}`;
      konsep.push({ ID: id, Periode: `'${p}`, 'Rencana Tayang': new Date(`${day}T00:00:00+07:00`), 'Kegiatan/Informasi': `Sidang ${k} =bukan rumus`, Platform: 'Instagram', PIC: STAFF, Status: 'Disetujui', 'Catatan Revisi': '', Versi: 1, Deskripsi: i % 3 === 0 ? "'0812" : '' });
      desain.push({ ID: did, 'ID Konsep': id, Platform: 'Instagram', 'Tautan Desain': `https://drive.google.com/file/d/desain${k}/view`, Naskah: `Naskah ${k}`, Versi: 1, Status: 'Ditetapkan', 'Catatan Revisi': '' });
      pub.push({ 'ID Desain': did, Platform: 'Instagram', 'Tanggal Terbit': new Date(`${day}T10:30:00+07:00`), 'Tautan Postingan': `https://www.instagram.com/p/post${k}/` });
      ins.push({ Periode: `'${p}`, Platform: 'Instagram', Tanggal: new Date(`${day}T00:00:00+07:00`), 'Tautan Postingan': `https://www.instagram.com/p/post${k}/`, Jangkauan: 100 + k, Tayangan: 70 + k, Impresi: 150 + k, Interaksi: 5, Pengikut: '' });
      log.push({ Waktu: new Date(`${day}T11:00:00+07:00`), Pengguna: STAFF, Langkah: '6', Aksi: 'Catat publikasi', Objek: did, Detail: `publikasi ${k}` });
    }
    pers.push({ 'ID Permintaan': `P-${p}`, Jenis: 'Konsep', Periode: `'${p}`, Objek: 'K-0001', Kebijakan: 'berurutan', Tingkat: 1, Penyetuju: KABAG, Status: 'Selesai', 'Diajukan Oleh': STAFF, 'Diajukan Pada': new Date(`${p}-01T09:00:00+07:00`), Keputusan: '{}' });
  }
  bulk(sb, 'Konsep Konten', konsep);
  bulk(sb, 'Desain Konten', desain);
  bulk(sb, 'Publikasi', pub);
  bulk(sb, 'Insight', ins);
  bulk(sb, 'Persetujuan', pers);
  bulk(sb, 'Log', log);
  const reported = months.filter((p) => p.startsWith('2026') && (opts.reportDecember !== false || p !== '2026-12'));
  bulk(
    sb,
    'Laporan',
    reported.map((p) => ({ Periode: `'${p}`, Dokumen: `https://docs.google.com/document/d/doc${p}/edit`, PDF: `https://drive.google.com/file/d/pdf${p}/view`, 'Dibuat Pada': new Date(`${p}-28T09:00:00+07:00`) })),
  );
}

/** A tab's data rows as the sandbox stores them, displayed (the values a person sees). */
function rowsOf(sb: Sandbox, tab: string): string[][] {
  return sheetView(sb, tab).rows.filter((r) => r.some((c) => c !== ''));
}

function archiveBook(sb: Sandbox): BookJson | undefined {
  const s = sb.state.services.spreadsheet as { others?: BookJson[] };
  return s.others?.find((b) => b.name.includes('Arsip 2026'));
}

/** The archive's rows of a sheet, displayed with the working workbook's formats for comparison. */
function archiveRows(book: BookJson, tab: string): string[][] {
  const sheet = book.sheets.find((s) => s.name === tab);
  if (!sheet) return [];
  const loc = localeInfo('id_ID');
  const out: string[][] = [];
  sheet.cells.forEach((row, i) => {
    if (i === 0 || !row) return;
    const vals = row.map((c, j) => displayCell(c, (sheet.layers.nf?.[i]?.[j] as string | null) ?? null, loc, 'Asia/Jakarta'));
    if (vals.some((v) => v !== '')) out.push(vals);
  });
  return out;
}

/** Raw stored cells: the value identity check (text stays text, numbers numbers, dates the same instant). */
function storedValues(sb: Sandbox, tab: string, archive = false): unknown[][] {
  const fn = archive ? 'zzArchiveValues' : 'zzWorkingValues';
  const r = sb.run(fn, { user: KABAG, args: [tab] });
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as unknown[][];
}

function archive(sb: Sandbox, user = KABAG, year = '2026', budgetMs?: number) {
  return sb.run('menuArchiveYear', { kind: 'menu', user, replies: [{ button: 'OK', text: year }, { button: 'OK' }], ...(budgetMs ? { budgetMs } : {}) });
}

function alertText(r: ReturnType<Sandbox['run']>): string {
  return r.ui.map((u) => (u.type === 'alert' ? u.prompt : u.type === 'toast' ? u.message : '')).join('\n');
}

/** Timestamps written while the test runs (setup's Log line) vary with the host's speed. */
const stable = (rows: unknown[][]) => rows.map((r) => r.map((c) => String(c).replace(/^D:2027-02-01T.*$/, 'D:(during the test)')));

/** The Log lines the archive run itself writes (they are not part of what moves). */
const thisRun = (row: unknown[]) => row.some((c) => /Arsip tahun|Folder laporan dibuat/.test(String(c)));

const VALUE_HELPERS = `
function zzCells(sheet) {
  var vals = sheet.getDataRange().getValues();
  return vals.slice(1).filter(function (r) { return r.some(function (c) { return c !== ''; }); }).map(function (r) {
    return r.map(function (c) { return c instanceof Date ? 'D:' + c.toISOString() : (typeof c) + ':' + String(c); });
  });
}
function zzWorkingValues(tab) { return zzCells(SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab)); }
function zzArchiveValues(tab) {
  var files = DriveApp.getFilesByName('Siaran - Arsip 2026');
  return zzCells(SpreadsheetApp.open(files.next()).getSheetByName(tab));
}
`;

function archiveSandbox(perMonth = 2, opts: { reportDecember?: boolean } = {}): Sandbox {
  const sb = newSandbox({ bulk: true, clockMs: FEB1, owner: KABAG, extra: { 'zz-values.js': VALUE_HELPERS } });
  populateYears(sb, perMonth, opts);
  return sb;
}

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

  it('the report and the panel still find an archived month', () => {
    const sb = archiveSandbox();
    const before = sb.run('apiPanelMonth', { kind: 'scriptRun', user: KABAG, args: [{ period: '2026-06' }] }).value as { ok: boolean; value: { concepts: Array<{ id: string }>; designs: Array<{ publication: unknown }> } };
    expect(archive(sb).error).toBeUndefined();
    const after = sb.run('apiPanelMonth', { kind: 'scriptRun', user: KABAG, args: [{ period: '2026-06' }] }).value as typeof before;
    expect(after.ok).toBe(true);
    expect(after.value.concepts.map((c) => c.id)).toEqual(before.value.concepts.map((c) => c.id));
    expect(after.value.concepts.length).toBe(2);
    expect(after.value.designs.every((d) => d.publication)).toBe(true);
    // An archived month's items cannot be edited from the panel (they are no longer in the working tab).
    const report = sb.run('apiBuildReport', { kind: 'scriptRun', user: KABAG, args: [{ period: '2026-06' }] }).value as { ok: boolean; error?: { message: string } };
    expect(report.error).toBeUndefined();
    expect(report.ok).toBe(true);
  });
});
