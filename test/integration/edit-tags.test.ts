/**
 * What onOpen and onEdit take from the workbook's developer metadata (the language hint, which
 * sheet is which tab, where each column is) follows the workbook: a settings change, a renamed tab,
 * an inserted column and a repair run are seen at once, with no cache to go stale. Each edit stays
 * within a few round trips. And a repair run keeps the column widths people chose.
 */
import { editCell, insertColumns, openWorkbook, pasteBlock, renameTab, tracked } from '../../sandbox/src/actions';
import type { ExecutionResult } from '../../sandbox/src/sandbox';
import { Sandbox } from '../../sandbox/src/sandbox';
import { addConcepts, addPeople, records, setSetting, sheet, STAFF, KABAG } from './helpers';
import { testProject } from './project';

const HELPERS =
  'function zzWidth(tab, col) { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab).getColumnWidth(col); }\n' +
  'function zzSetWidth(tab, col, w) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab).setColumnWidth(col, w); }\n' +
  // A staff member's own script re-tags sheets (developer metadata is open to every editor's scripts).
  "function zzRetag(from, to) { SpreadsheetApp.getActiveSpreadsheet().createDeveloperMetadataFinder().withKey('siaran.tab').withValue(from).find().forEach(function (m) { m.setValue(to); }); }\n" +
  // The owner loosens the roster's protection by hand-made script: one staff member may edit Pengguna.
  "function zzLetEdit(tab, email) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab).getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].addEditor(email); }\n" +
  "function zzUntagColumns() { SpreadsheetApp.getActiveSpreadsheet().createDeveloperMetadataFinder().withKey('siaran.kolom').find().forEach(function (m) { m.remove(); }); }\n";

function workbook(): Sandbox {
  const sb = new Sandbox({ projectDir: testProject({ extra: { 'zz-helpers.js': HELPERS } }), owner: KABAG, clockMs: Date.UTC(2026, 10, 30, 2, 0) });
  expect(sb.run('menuSetup', { kind: 'menu', user: KABAG }).ok).toBe(true);
  addPeople(sb);
  return sb;
}

function captions(sb: Sandbox, user: string): string[] {
  const siaran = openWorkbook(sb, user).menus.find((m) => m.name === 'Siaran');
  return (siaran?.items ?? []).flatMap((i) => ('caption' in i ? [i.caption] : []));
}

/** Service round trips of an execution (calls with a modeled cost; local getters are free). */
function roundTrips(r: ExecutionResult): string[] {
  return r.calls.filter((c) => c.ms > 0).map((c) => `${c.service}.${c.method}`);
}

function onlyEdit(sb: Sandbox, fn: () => unknown): ExecutionResult {
  const { executions } = tracked(sb, fn);
  expect(executions).toHaveLength(1);
  expect(executions[0].ok).toBe(true);
  return executions[0];
}

function lastLog(sb: Sandbox): Record<string, string> {
  const log = records(sb, 'Log');
  return log[log.length - 1];
}

const PROTECTED = 'You are trying to edit a protected cell or object';

describe('onOpen and onEdit read the workbook’s tags, not a cache', () => {
  test('onOpen reads the language hint once, and sees a change to Pengaturan at the next open', () => {
    const sb = workbook();
    expect(captions(sb, STAFF)).toContain('Buka panel');
    const warm = tracked(sb, () => openWorkbook(sb, STAFF)).executions[0];
    // A warm open reads no tab at all.
    expect(warm.calls.some((c) => c.method === 'Range.getValues')).toBe(false);
    setSetting(sb, 'bahasa', 'en');
    expect(captions(sb, STAFF)).toContain('Open panel');
    setSetting(sb, 'bahasa', 'id');
    expect(captions(sb, STAFF)).toContain('Buka panel');
  });

  test('onEdit finds a renamed tab by its tag and gives a new row its ID (Status and Versi stay blank: Draf, version 1)', () => {
    const sb = workbook();
    editCell(sb, STAFF, 'Konsep Konten', 'D2', 'Kegiatan pertama');
    renameTab(sb, KABAG, 'Konsep Konten', 'Rencana');
    const run = onlyEdit(sb, () => editCell(sb, STAFF, 'Rencana', 'D3', 'Kegiatan kedua'));
    expect(run.calls.some((c) => c.service === 'CacheService')).toBe(false);
    // The tags, the two rows' columns, the ID column, the ID, the Log line.
    expect(roundTrips(run).length).toBeLessThanOrEqual(5);
    const rows = records(sb, 'Rencana');
    // Status and Versi are the owner's record (hard-protected): a staff member's onEdit leaves them blank.
    expect(rows.map((r) => [r.ID, r.Status, r.Versi])).toEqual([
      ['K-0001', '', ''],
      ['K-0002', '', ''],
    ]);
    expect(lastLog(sb)).toMatchObject({ Aksi: 'Baris baru', Objek: 'K-0002' });
  });

  test('a pasted block of new rows gets consecutive IDs; Status is refused to staff, and the owner\'s typed Status is reverted in at most 5 round trips', () => {
    const sb = workbook();
    addConcepts(sb, '2026-12', 2);
    pasteBlock(sb, STAFF, 'Konsep Konten', 'D4', [['Satu'], ['Dua'], ['']]);
    expect(records(sb, 'Konsep Konten').map((r) => r.ID)).toEqual(['K-0001', 'K-0002', 'K-0003', 'K-0004']);
    expect(() => editCell(sb, STAFF, 'Konsep Konten', 'I2', 'Disetujui')).toThrow(PROTECTED);
    const run = onlyEdit(sb, () => editCell(sb, KABAG, 'Konsep Konten', 'I2', 'Disetujui'));
    expect(roundTrips(run).length).toBeLessThanOrEqual(5);
    expect(records(sb, 'Konsep Konten')[0].Status).toBe('');
    expect(lastLog(sb)).toMatchObject({ Aksi: 'Perubahan manual dibatalkan', Pengguna: KABAG });
  });

  test('an inserted column moves the tags with the columns: Status is still guarded, the new column is not', () => {
    const sb = workbook();
    addConcepts(sb, '2026-12', 1);
    insertColumns(sb, KABAG, 'Konsep Konten', 2, 1); // no onEdit, no setup run
    const v = sheet(sb, 'Konsep Konten');
    const status = v.headers.indexOf('Status') + 1;
    expect(status).toBe(10);
    editCell(sb, STAFF, 'Konsep Konten', 'B2', 'catatan saya'); // the new, untitled column
    editCell(sb, KABAG, 'Konsep Konten', 'J2', 'Disetujui');
    const row = sheet(sb, 'Konsep Konten').rows[0];
    expect(row[1]).toBe('catatan saya');
    expect(row[status - 1]).toBe('');
  });

  test('Laporan puts back a staff edit and logs it, in at most 5 round trips; Persetujuan and the Log are the owner\'s (Sheets refuses her)', () => {
    const sb = workbook();
    const rows = sheet(sb, 'Persetujuan').rows.length;
    expect(() => editCell(sb, STAFF, 'Persetujuan', `A${rows + 2}`, 'tulisan')).toThrow(PROTECTED);
    for (const tab of ['Laporan']) {
      const before = sheet(sb, tab).rows.length;
      const run = onlyEdit(sb, () => editCell(sb, STAFF, tab, `A${before + 2}`, 'tulisan'));
      expect(roundTrips(run).length).toBeLessThanOrEqual(5);
      expect(sheet(sb, tab).rows.length).toBe(before);
      expect(lastLog(sb)).toMatchObject({ Aksi: 'Perubahan manual dibatalkan', Pengguna: STAFF });
    }
    const logRows = sheet(sb, 'Log').rows.length;
    expect(() => editCell(sb, STAFF, 'Log', `A${logRows + 2}`, 'tulisan')).toThrow(/protected/);
    // The owner may type there; onEdit puts it back and logs it.
    const run = onlyEdit(sb, () => editCell(sb, KABAG, 'Log', `A${logRows + 2}`, 'tulisan'));
    expect(roundTrips(run).length).toBeLessThanOrEqual(5);
    expect(sheet(sb, 'Log').rows.length).toBe(logRows + 1);
    expect(lastLog(sb)).toMatchObject({ Aksi: 'Perubahan manual dibatalkan', Pengguna: KABAG });
  });

  test('without column tags (a workbook set up before them) onEdit reads the header and still guards', () => {
    const sb = workbook();
    addConcepts(sb, '2026-12', 1);
    expect(sb.run('zzUntagColumns', { kind: 'editor', user: KABAG }).ok).toBe(true);
    editCell(sb, KABAG, 'Konsep Konten', 'I2', 'Disetujui');
    expect(records(sb, 'Konsep Konten')[0].Status).toBe('');
    editCell(sb, STAFF, 'Konsep Konten', 'D3', 'Baru');
    expect(records(sb, 'Konsep Konten').map((r) => r.ID)).toEqual(['K-0001', 'K-0002']);
    // A repair run tags the columns again.
    expect(sb.run('menuSetup', { kind: 'menu', user: KABAG }).ok).toBe(true);
    const run = onlyEdit(sb, () => editCell(sb, KABAG, 'Konsep Konten', 'I2', 'Ditolak'));
    expect(run.calls.some((c) => c.method === 'Sheet.getLastColumn')).toBe(false);
  });

  test('the owner’s roster change is logged even when a staff script re-tags the Pengguna tab', () => {
    const sb = workbook();
    // Swapped with Insight's tag: every tab still has one, so the tags alone would call Pengguna "insight".
    for (const [from, to] of [['pengguna', 'x'], ['insight', 'pengguna'], ['x', 'insight']]) {
      expect(sb.run('zzRetag', { kind: 'editor', user: STAFF, args: [from, to] }).ok).toBe(true);
    }
    const before = records(sb, 'Log').length;
    const run = onlyEdit(sb, () => editCell(sb, KABAG, 'Pengguna', 'D2', 'Kepala Bagian Humas'));
    expect(roundTrips(run).length).toBeLessThanOrEqual(5);
    expect(records(sb, 'Log')).toHaveLength(before + 1);
    expect(lastLog(sb)).toMatchObject({ Aksi: 'Pengguna diubah', Pengguna: KABAG, Objek: 'Pengguna!D2' });
    expect(lastLog(sb).Detail).toContain('Kepala Bagian Humas');
  });

  test('a repair run keeps the widths people chose; a new tab gets the schema widths', () => {
    const sb = workbook();
    const before = sb.run('zzWidth', { kind: 'editor', args: ['Konsep Konten', 3] }).value as number;
    expect(before).not.toBe(100); // setup gave the schema width to the new tab's column
    sb.run('zzSetWidth', { kind: 'editor', args: ['Konsep Konten', 3, 333] });
    expect(sb.run('menuSetup', { kind: 'menu', user: KABAG }).ok).toBe(true);
    expect(sb.run('zzWidth', { kind: 'editor', args: ['Konsep Konten', 3] }).value).toBe(333);
  });

  test('a roster edit by someone other than the owner (a protection the owner loosened) is still logged: held, and moved in marked as reported', () => {
    const sb = workbook();
    expect(sb.run('zzLetEdit', { kind: 'editor', user: KABAG, args: ['Pengguna', STAFF] }).ok).toBe(true);
    const run = onlyEdit(sb, () => editCell(sb, STAFF, 'Pengguna', 'B4', 'Staf PNS (diubah)'));
    // Her onEdit tried the Log, which is the owner's, and held the line instead.
    expect(run.calls.map((c) => c.method).filter((m) => /appendRow|setProperties$/.test(m))).toEqual(['Sheet.appendRow', 'script.setProperties']);
    const line = lastLog(sb);
    expect(line).toMatchObject({ Aksi: 'Pengguna diubah', Pengguna: STAFF });
    expect(line.Detail).toContain('[dilaporkan dari eksekusi');
  });
});
