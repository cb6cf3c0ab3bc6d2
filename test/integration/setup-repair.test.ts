/**
 * Setup as a repair: a second run on a sound workbook changes no format, validation or protection
 * (and makes no protection again), and a run on a workbook whose protections were tampered with
 * puts them back as strong as a first setup makes them.
 */
import { appendRow, editCell, apiEdit, deleteColumns, sheetView } from '../../sandbox/src/actions';
import { getBook } from '../../sandbox/src/services/spreadsheet/model';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { newSandbox } from './project';

const KABAG = 'kabag@mk.example.id';
const KASUBBAG = 'kasubbag@mk.example.id';
const STAFF = 'andi@mk.example.id';

/** Test-only functions, run as the owner in the script editor, that change protections as a person could by hand. */
const TAMPER = `
function zzProtections_(name, type) {
  return SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name).getProtections(SpreadsheetApp.ProtectionType[type]);
}
function zzTamper() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  // A column protection of the plan gone; the Log's hard protection made a warning (as setup made
  // it before the Log was the owner's).
  zzProtections_('Konsep Konten', 'RANGE')[0].remove();
  // Another one shrunk to a few rows of another column.
  zzProtections_('Konsep Konten', 'RANGE')[0].setRange(ss.getSheetByName('Konsep Konten').getRange('D2:D10'));
  zzProtections_('Log', 'SHEET')[0].setWarningOnly(true);
  // The roster's hard protection opened: a staff editor, the domain, and an unprotected block.
  var roster = zzProtections_('Pengguna', 'SHEET')[0];
  roster.addEditor('${STAFF}');
  roster.setDomainEdit(true);
  roster.setUnprotectedRanges([ss.getSheetByName('Pengguna').getRange('A2:C5')]);
  // More rows in the plan than the column protections cover.
  var plan = ss.getSheetByName('Konsep Konten');
  plan.insertRowsAfter(plan.getMaxRows(), 500);
}
`;

function setup(sb: Sandbox, user = KABAG) {
  const r = sb.run('menuSetup', { kind: 'menu', user, replies: [{ button: 'OK' }] });
  expect(r.error).toBeUndefined();
  return r;
}

function addTeam(sb: Sandbox) {
  appendRow(sb, KABAG, 'Pengguna', { Email: KASUBBAG, Nama: 'Sri Wahyuni', Peran: 'Kasubbag' });
  appendRow(sb, KABAG, 'Pengguna', { Email: STAFF, Nama: 'Andi Pratama', Peran: 'PNS' });
}

/** Protections as plain data, without their ids, in a stable order. */
function protections(sb: Sandbox) {
  const book = getBook(sb.state);
  const names = new Map(book.sheets.map((s) => [s.id, s.name]));
  return book.protections
    .map((p) => ({ tab: names.get(p.sheetId), type: p.type, rect: p.rect, description: p.description, editors: [...p.editors].sort(), warningOnly: p.warningOnly, domainEdit: p.domainEdit, unprotected: p.unprotected }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Everything setup formats: protections, each tab's formats, validations, colours, frozen rows and widths. */
function formatState(sb: Sandbox) {
  const book = getBook(sb.state);
  return {
    protections: protections(sb),
    protectionIds: book.protections.map((p) => p.id).sort(),
    dv: book.dv,
    sheets: book.sheets.map((s) => ({ name: s.name, maxRows: s.maxRows, maxCols: s.maxCols, layers: s.layers, cf: s.cf, frozenRows: s.frozenRows, colWidths: s.colWidths })),
  };
}

const PROTECTION_WRITES = ['Range.protect', 'Sheet.protect', 'Protection.remove', 'Protection.setDescription', 'Protection.setWarningOnly', 'Protection.removeEditors', 'Protection.setDomainEdit', 'Protection.setUnprotectedRanges', 'Protection.setRange'];

describe('setup run again', () => {
  test('on a sound workbook changes no format, validation or protection, and writes no protection', () => {
    const sb = newSandbox();
    setup(sb);
    addTeam(sb);
    const before = formatState(sb);
    const r = setup(sb);
    expect(formatState(sb)).toEqual(before);
    expect(r.calls.map((c) => c.method).filter((m) => PROTECTION_WRITES.includes(m))).toEqual([]);
  });

  test('puts tampered protections back as a first setup makes them: the roster hard for the owner again, the warnings back, the new rows covered', () => {
    const sb = newSandbox({ extra: { 'zz-tamper.js': TAMPER } });
    setup(sb);
    addTeam(sb);
    const sound = protections(sb);
    expect(sb.run('zzTamper', { kind: 'editor', user: KABAG }).ok).toBe(true);
    // Tampered: staff may now edit the roster.
    expect(() => apiEdit(sb, STAFF, 'Pengguna', 'C3', 'Kabag')).not.toThrow();
    apiEdit(sb, KABAG, 'Pengguna', 'C3', 'PNS');
    // ... and her own script may write the Log (a warning stops only hand edits).
    expect(() => apiEdit(sb, STAFF, 'Log', 'F2', 'ditulis')).not.toThrow();

    const repair = setup(sb);
    // The shrunk one is moved back (one setRange), not made again; the removed one is made again.
    const writes = repair.calls.map((c) => c.method).filter((m) => PROTECTION_WRITES.includes(m));
    expect(writes.filter((m) => m === 'Protection.setRange')).toHaveLength(1);
    expect(writes.filter((m) => m === 'Range.protect')).toHaveLength(1);
    const plan = getBook(sb.state).sheets.find((s) => s.name === 'Konsep Konten')!;
    // The same protections as after the first setup; only the plan's columns reach 500 rows further.
    const grown = (p: (typeof sound)[number]) => (p.tab === 'Konsep Konten' && p.type === 'RANGE' && p.rect ? { ...p, rect: { ...p.rect, nr: plan.maxRows - 1 } } : p);
    expect(protections(sb)).toEqual(sound.map(grown).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    const roster = protections(sb).find((p) => p.tab === 'Pengguna' && p.type === 'SHEET')!;
    expect(roster).toMatchObject({ warningOnly: false, domainEdit: false, unprotected: [], editors: [KABAG] });
    // Staff are refused again, by hand and in their own scripts, also in the block that was open.
    expect(() => editCell(sb, STAFF, 'Pengguna', 'C3', 'Kabag')).toThrow(/protected/);
    expect(() => apiEdit(sb, STAFF, 'Pengguna', 'B2', 'x')).toThrow(/protected/);
    // The Log is the owner's again: her script's write and her hand edit are refused.
    const log = protections(sb).find((p) => p.tab === 'Log' && p.type === 'SHEET')!;
    expect(log).toMatchObject({ warningOnly: false, domainEdit: false, editors: [KABAG] });
    expect(() => apiEdit(sb, STAFF, 'Log', 'F2', 'x')).toThrow(/protected/);
    expect(() => editCell(sb, STAFF, 'Log', 'F2', 'x')).toThrow(/protected/);
    // A hand edit of a script-owned plan column far down the new rows gets the warning again.
    const r = editCell(sb, STAFF, 'Konsep Konten', `A${plan.maxRows}`, 'K-9999');
    expect(r.info?.warning).toBeTruthy();
  });

  test('by a Kasubbag who is not the owner is refused plainly, and leaves the hard protections as they are', () => {
    const sb = newSandbox();
    setup(sb);
    addTeam(sb);
    const before = protections(sb);
    const r = setup(sb, KASUBBAG);
    // Refused plainly before anything is written: the tabs it would repair are the owner's.
    expect(r.ui.map((u) => ('prompt' in u ? u.prompt : '')).join(' ')).toMatch(/hanya dapat dijalankan oleh pemilik workbook/);
    expect(protections(sb)).toEqual(before);
    expect(r.calls.map((c) => c.method).filter((m) => PROTECTION_WRITES.includes(m))).toEqual([]);
    expect(() => editCell(sb, KASUBBAG, 'Pengguna', 'C2', 'PNS')).toThrow(/protected/);
  });

  test('on Pengaturan without its note column and a setting: both come back, the note in the column setup adds', () => {
    const sb = newSandbox();
    setup(sb);
    const view = sheetView(sb, 'Pengaturan');
    const noteCol = view.headers.indexOf('Keterangan');
    const key = view.rows[0][0];
    deleteColumns(sb, KABAG, 'Pengaturan', noteCol + 1, 1);
    apiEdit(sb, KABAG, 'Pengaturan', 'A2', '');
    const r = setup(sb);
    expect(r.ok).toBe(true);
    const after = sheetView(sb, 'Pengaturan');
    expect(after.headers[after.headers.length - 1]).toBe('Keterangan');
    const restored = after.rows.filter((row) => row[0] === key);
    expect(restored).toHaveLength(1);
    expect(restored[0][after.headers.length - 1]).toBe(view.rows[0][noteCol]);
  });
});
