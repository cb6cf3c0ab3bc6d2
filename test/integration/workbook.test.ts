/**
 * The SOP workbook (setup, roles, guarded columns, renamed tabs and moved columns) on the built
 * script in the sandbox.
 */
import { appendRow, editCell, sheetView, renameTab, insertColumns, deleteColumns } from '../../sandbox/src/actions';
import { listTabs } from '../../sandbox/src/services/spreadsheet';
import { listTriggers } from '../../sandbox/src/services/script';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { newSandbox } from './project';
import { sheet as logTab } from './helpers';

const logView = (sb: Sandbox) => logTab(sb, 'Log');

const KABAG = 'kabag@mk.example.id';
const KASUBBAG = 'kasubbag@mk.example.id';
const STAFF = 'andi@mk.example.id';

function setup(sb: Sandbox, user = KABAG) {
  return sb.run('menuSetup', { kind: 'menu', user, replies: [{ button: 'OK' }] });
}

function addTeam(sb: Sandbox) {
  appendRow(sb, KABAG, 'Pengguna', { Email: KASUBBAG, Nama: 'Sri Wahyuni', Peran: 'Kasubbag' });
  appendRow(sb, KABAG, 'Pengguna', { Email: STAFF, Nama: 'Andi Pratama', Peran: 'PNS' });
}

function tabNames(sb: Sandbox): string[] {
  return listTabs(sb.state).map((t) => t.name);
}

function snapshot(sb: Sandbox) {
  return tabNames(sb).map((t) => sheetView(sb, t));
}

function toastText(r: { ui: Array<{ type: string }> }): string {
  return r.ui
    .filter((u) => u.type === 'toast' || u.type === 'alert')
    .map((u) => ((u as { message?: string; prompt?: string }).message ?? (u as { prompt?: string }).prompt ?? ''))
    .join('\n');
}

describe('setup', () => {
  test('creates every tab with headers, and the runner becomes the first Kabag', () => {
    const sb = newSandbox();
    const r = setup(sb);
    expect(r.error).toBeUndefined();
    const tabs = tabNames(sb);
    for (const t of ['Strategi', 'Konsep Konten', 'Desain Konten', 'Publikasi', 'Insight', 'Laporan', 'Persetujuan', 'Log', 'Pengguna', 'Pengaturan']) {
      expect(tabs).toContain(t);
    }
    const konsep = sheetView(sb, 'Konsep Konten');
    expect(konsep.headers.slice(0, 10)).toEqual(['ID', 'Periode', 'Rencana Tayang', 'Kegiatan/Informasi', 'Kategori', 'Platform', 'PIC', 'Deskripsi', 'Status', 'Catatan Revisi']);
    const people = sheetView(sb, 'Pengguna');
    expect(people.rows[0].slice(0, 3)).toEqual([KABAG, 'kabag', 'Kabag']);
    const settings = sheetView(sb, 'Pengaturan');
    const keys = settings.rows.map((row) => row[0]);
    expect(keys).toEqual(expect.arrayContaining(['bahasa', 'kebijakan_persetujuan', 'waktu_baku.langkah_1', 'waktu_baku.langkah_6', 'jam_kerja', 'batas_naskah.X']));
    const std = Object.fromEntries(settings.rows.filter((row) => row[0].startsWith('waktu_baku')).map((row) => [row[0], row[1]]));
    expect(std).toEqual({
      'waktu_baku.langkah_1': '3600',
      'waktu_baku.langkah_2': '30',
      'waktu_baku.langkah_3': '30',
      'waktu_baku.langkah_4': '3600',
      'waktu_baku.langkah_5': '30',
      'waktu_baku.langkah_6': '90',
    });
    expect(toastText(r)).toMatch(/Tab dibuat/);
  });

  test('running setup twice changes nothing the second time', () => {
    const sb = newSandbox();
    setup(sb);
    addTeam(sb);
    const before = snapshot(sb);
    const r = setup(sb);
    expect(toastText(r)).toMatch(/sudah lengkap/);
    const after = snapshot(sb);
    // The Log gains the setup entry; every other tab is identical.
    const strip = (views: ReturnType<typeof snapshot>) => views.filter((v) => v.name !== 'Log').map((v) => ({ name: v.name, headers: v.headers, rows: v.rows }));
    expect(strip(after)).toEqual(strip(before));
  });

  test('repairs a workbook a user has modified without touching data', () => {
    const sb = newSandbox();
    setup(sb);
    addTeam(sb);
    appendRow(sb, STAFF, 'Konsep Konten', { Periode: '2026-12', 'Rencana Tayang': '2026-12-03', 'Kegiatan/Informasi': 'Sidang Putusan 12/PUU', Platform: 'Instagram, X', PIC: STAFF });
    renameTab(sb, KABAG, 'Konsep Konten', 'Rencana Konten Bulanan');
    insertColumns(sb, KABAG, 'Rencana Konten Bulanan', 1, 1);
    editCell(sb, KABAG, 'Rencana Konten Bulanan', 'A1', 'Catatan Saya');
    const view0 = sheetView(sb, 'Rencana Konten Bulanan');
    const descCol = view0.headers.indexOf('Deskripsi');
    deleteColumns(sb, KABAG, 'Rencana Konten Bulanan', descCol + 1, 1);
    const before = sheetView(sb, 'Rencana Konten Bulanan');
    const r = setup(sb);
    expect(r.error).toBeUndefined();
    // No second plan tab was created: the renamed one was recognised.
    expect(tabNames(sb).filter((t) => /Konsep Konten|Rencana Konten/.test(t))).toEqual(['Rencana Konten Bulanan']);
    const after = sheetView(sb, 'Rencana Konten Bulanan');
    // The missing column is added at the end; the user's columns and data stay where they were.
    expect(after.headers.slice(0, before.headers.length)).toEqual(before.headers);
    expect(after.headers[after.headers.length - 1]).toBe('Deskripsi');
    expect(after.rows[0].slice(0, before.headers.length)).toEqual(before.rows[0]);
    expect(toastText(r)).toMatch(/Kolom ditambahkan: Rencana Konten Bulanan: Deskripsi/);
  });
});

describe('roles and the menu', () => {
  test('the first setup by someone who is not the owner is refused, and makes nothing (she would be the editor of every owner-only tab)', () => {
    const sb = newSandbox();
    const tabsBefore = JSON.stringify(listTabs(sb.state));
    const r = setup(sb, STAFF);
    expect(toastText(r)).toMatch(/hanya dapat dijalankan oleh pemilik workbook \(kabag@mk\.example\.id\)\. Tidak ada yang diubah\./);
    expect(JSON.stringify(listTabs(sb.state))).toBe(tabsBefore);
  });

  test('staff cannot repair the workbook or install triggers; the owner can, once (a head who is not the owner is told why)', () => {
    const sb = newSandbox();
    setup(sb);
    addTeam(sb);
    const denied = setup(sb, STAFF);
    expect(toastText(denied)).toMatch(/hanya dapat dilakukan oleh Kabag\/Kasubbag\. Peran Anda: PNS/);
    const deniedTriggers = sb.run('menuInstallTriggers', { kind: 'menu', user: STAFF, replies: [{ button: 'OK' }] });
    expect(toastText(deniedTriggers)).toMatch(/Peran Anda: PNS/);
    expect(listTriggers(sb.state)).toHaveLength(0);

    // The handlers run only as the owner's triggers: a Kasubbag who is not the owner is told so.
    const notOwner = sb.run('menuInstallTriggers', { kind: 'menu', user: KASUBBAG, replies: [{ button: 'OK' }] });
    expect(toastText(notOwner)).toMatch(/hanya dapat dijalankan oleh pemilik workbook \(kabag@mk\.example\.id\)\. Tidak ada yang diubah\./);
    expect(listTriggers(sb.state)).toHaveLength(0);
    const ok = sb.run('menuInstallTriggers', { kind: 'menu', user: KABAG });
    expect(toastText(ok)).toMatch(/Pemicu otomatis terpasang/);
    const again = sb.run('menuInstallTriggers', { kind: 'menu', user: KABAG });
    expect(toastText(again)).toMatch(/sudah terpasang/);
    const handlers = listTriggers(sb.state).map((t: { handler?: string; handlerFunction?: string }) => t.handler ?? t.handlerFunction);
    expect(handlers.sort()).toEqual(['triggerDaily', 'triggerDigest', 'triggerHourly']);
  });

  test('someone not in Pengguna is told to ask for access', () => {
    const sb = newSandbox();
    setup(sb);
    addTeam(sb);
    const r = sb.run('menuInstallTriggers', { kind: 'menu', user: 'tamu@luar.example.com', replies: [{ button: 'OK' }] });
    expect(toastText(r)).toMatch(/tamu@luar\.example\.com\) belum terdaftar di tab Pengguna/);
  });
});

describe('guarded columns and new rows', () => {
  test('a new plan row gets its ID; Status and Versi stay blank (Draf, version 1: the owner\'s record)', () => {
    const sb = newSandbox();
    setup(sb);
    addTeam(sb);
    appendRow(sb, STAFF, 'Konsep Konten', { Periode: '2026-12', 'Rencana Tayang': '2026-12-03', 'Kegiatan/Informasi': 'Kunjungan mahasiswa', Platform: 'Instagram', PIC: STAFF });
    appendRow(sb, STAFF, 'Konsep Konten', { Periode: '2026-12', 'Rencana Tayang': '2026-12-04', 'Kegiatan/Informasi': 'Infografis putusan', Platform: 'X', PIC: STAFF });
    const v = sheetView(sb, 'Konsep Konten');
    const col = (h: string) => v.headers.indexOf(h);
    expect(v.rows.map((r) => r[col('ID')])).toEqual(['K-0001', 'K-0002']);
    expect(v.rows.map((r) => r[col('Status')])).toEqual(['', '']);
    expect(v.rows.map((r) => r[col('Versi')])).toEqual(['', '']);
  });

  test('a staff hand edit of Status is refused; the owner\'s is reverted and logged; formula-looking text stays text in the Log', () => {
    const sb = newSandbox();
    setup(sb);
    addTeam(sb);
    appendRow(sb, STAFF, 'Konsep Konten', { Periode: '2026-12', 'Rencana Tayang': '2026-12-03', 'Kegiatan/Informasi': 'Kunjungan', Platform: 'Instagram', PIC: STAFF });
    const v = sheetView(sb, 'Konsep Konten');
    const statusCol = v.headers.indexOf('Status');
    const a1 = `${String.fromCharCode(65 + statusCol)}2`;
    expect(() => editCell(sb, STAFF, 'Konsep Konten', a1, 'Disetujui')).toThrow('You are trying to edit a protected cell or object');
    const res = editCell(sb, KABAG, 'Konsep Konten', a1, 'Disetujui');
    expect(sheetView(sb, 'Konsep Konten').rows[0][statusCol]).toBe('');
    const toast = res.executions.flatMap((e) => (e as { ui?: Array<{ type: string; message?: string }> }).ui ?? []);
    expect(JSON.stringify(toast)).toMatch(/hanya diisi oleh Siaran/);

    // A formula typed into a guarded column: reverted, and logged as plain text.
    editCell(sb, KABAG, 'Konsep Konten', a1, '=HYPERLINK("http://evil.example","klik")');
    expect(sheetView(sb, 'Konsep Konten').rows[0][statusCol]).toBe('');
    const log = logView(sb);
    const last = log.rows[log.rows.length - 1];
    expect(last[log.headers.indexOf('Aksi')]).toBe('Perubahan manual dibatalkan');
    expect(last[log.headers.indexOf('Detail')]).toContain('=HYPERLINK("http://evil.example","klik")');
  });

  test('the Log tab cannot be rewritten by hand', () => {
    const sb = newSandbox();
    setup(sb);
    const log = logView(sb);
    const original = log.rows[0][log.headers.indexOf('Aksi')];
    editCell(sb, KABAG, 'Log', `D2`, 'dihapus');
    expect(logView(sb).rows[0][3]).toBe(original);
  });
});

describe('locating the tabs', () => {
  const UNTAG = `
/** Test only: removes the Siaran tag of one tab (as a workbook from before tags, or a copied tab). */
function zzUntag(tabName) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tabName);
  sheet.getDeveloperMetadata().forEach(function (m) { if (m.getKey() === 'siaran.tab') m.remove(); });
}
`;
  const whoAmI = (sb: Sandbox) => {
    const r = sb.run('apiWhoAmI', { kind: 'scriptRun', user: KABAG, args: [{}] });
    expect(r.ok).toBe(true);
    expect((r.value as { ok: boolean }).ok).toBe(true);
    return r;
  };

  test('tagged tabs are found by their tags alone (no getSheets)', () => {
    const sb = newSandbox({ extra: { 'zz-untag.js': UNTAG } });
    expect(setup(sb).ok).toBe(true);
    const r = whoAmI(sb);
    expect(r.calls.map((c) => c.method)).not.toContain('Spreadsheet.getSheets');
    expect(r.calls.filter((c) => c.method === 'SpreadsheetApp.getActiveSpreadsheet')).toHaveLength(1);
  });

  test('a tab without its tag is still found by its name (getSheets, then)', () => {
    const sb = newSandbox({ extra: { 'zz-untag.js': UNTAG } });
    expect(setup(sb).ok).toBe(true);
    expect(sb.run('zzUntag', { kind: 'editor', user: KABAG, args: ['Pengguna'] }).ok).toBe(true);
    const r = whoAmI(sb);
    expect(r.calls.map((c) => c.method)).toContain('Spreadsheet.getSheets');
    // The roster was read from the untagged tab: the Kabag who ran setup is known.
    expect(JSON.stringify(r.value)).toContain('Kabag');
  });
});
