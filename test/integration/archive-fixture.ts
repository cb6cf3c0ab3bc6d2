/** A workbook with a closed year (2026) and an open month (2027-01), for the yearly archive's tests. */
import { sheetView } from '../../sandbox/src/actions';
import type { Sandbox } from '../../sandbox/src/sandbox';
import type { BookJson } from '../../sandbox/src/services/spreadsheet';
import { displayCell, localeInfo } from '../../sandbox/src/services/spreadsheet';
import { newSandbox } from './project';

export const KABAG = 'kabag@mk.example.id';
export const STAFF = 'andi@mk.example.id';
/** Monday 1 February 2027, 09:00 WIB. */
export const FEB1 = Date.parse('2027-02-01T09:00:00+07:00');

export const ARCHIVED_TABS = ['Log', 'Persetujuan', 'Insight', 'Publikasi', 'Desain Konten', 'Konsep Konten'];

export function bulk(sb: Sandbox, tab: string, records: Array<Record<string, unknown>>): void {
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
export function rowsOf(sb: Sandbox, tab: string): string[][] {
  return sheetView(sb, tab).rows.filter((r) => r.some((c) => c !== ''));
}

export function archiveBook(sb: Sandbox): BookJson | undefined {
  const s = sb.state.services.spreadsheet as { others?: BookJson[] };
  return s.others?.find((b) => b.name.includes('Arsip 2026'));
}

/** The archive's rows of a sheet, displayed with the working workbook's formats for comparison. */
export function archiveRows(book: BookJson, tab: string): string[][] {
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
export function storedValues(sb: Sandbox, tab: string, archive = false): unknown[][] {
  const fn = archive ? 'zzArchiveValues' : 'zzWorkingValues';
  const r = sb.run(fn, { user: KABAG, args: [tab] });
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as unknown[][];
}

export function archive(sb: Sandbox, user = KABAG, year = '2026', budgetMs?: number) {
  return sb.run('menuArchiveYear', { kind: 'menu', user, replies: [{ button: 'OK', text: year }, { button: 'OK' }], ...(budgetMs ? { budgetMs } : {}) });
}

export function alertText(r: ReturnType<Sandbox['run']>): string {
  return r.ui.map((u) => (u.type === 'alert' ? u.prompt : u.type === 'toast' ? u.message : '')).join('\n');
}

/** Timestamps written while the test runs (setup's Log line) vary with the host's speed. */
export const stable = (rows: unknown[][]) => rows.map((r) => r.map((c) => String(c).replace(/^D:2027-02-01T.*$/, 'D:(during the test)')));

/** The Log lines the archive run itself writes (they are not part of what moves). */
export const thisRun = (row: unknown[]) => row.some((c) => /Arsip tahun|Folder laporan dibuat/.test(String(c)));

const VALUE_HELPERS = `
function zzCells(sheet) {
  var vals = sheet.getDataRange().getValues();
  return vals.slice(1).filter(function (r) { return r.some(function (c) { return c !== ''; }); }).map(function (r) {
    return r.map(function (c) { return c instanceof Date ? 'D:' + c.toISOString() : (typeof c) + ':' + String(c); });
  });
}
function zzArchiveViaApi(id) { return Sheets.Spreadsheets.Values.get(id, "'Konsep Konten'!A1:B2").values; }
function zzWorkingValues(tab) { return zzCells(SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab)); }
function zzArchiveValues(tab) {
  // The archive Siaran's registry names (the owner's user properties), as Siaran finds it: a run cut
  // between making the file and registering it leaves an empty one of the same name behind.
  var entry = JSON.parse(PropertiesService.getUserProperties().getProperty('siaran.arsip.2026'));
  return zzCells(SpreadsheetApp.openById(entry.id).getSheetByName(tab));
}
`;

export function archiveSandbox(perMonth = 2, opts: { reportDecember?: boolean } = {}): Sandbox {
  const sb = newSandbox({ bulk: true, clockMs: FEB1, owner: KABAG, extra: { 'zz-values.js': VALUE_HELPERS } });
  populateYears(sb, perMonth, opts);
  return sb;
}

