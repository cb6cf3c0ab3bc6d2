/**
 * Several users at once and block edits: a block paste fires one onEdit for the whole range, an
 * API edit fires none, selections reach getActiveRange/getActiveRangeList/getSelection and
 * onSelectionChange, protections hold per user by hand and by script, warning-only protections
 * only warn. Plus the missing Spreadsheet/Sheet/Range methods and typed-input details.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox, ExecutionResult, RunOptions } from '../src/sandbox';
import * as actions from '../src/actions';
import { applyUserEdit, sheetView, PROTECTION_WARNING } from '../src/services/spreadsheet';

const OWNER = 'owner@example.org';
const STAFF = 'staff@example.org';
const OTHER = 'other@example.org';
const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
const dirs: string[] = [];

function sandbox(source: string, timeZone = 'Asia/Jakarta'): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sbx-ub-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone, runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'Code.js'), source);
  return new Sandbox({ projectDir: dir, owner: OWNER, clockMs: Date.UTC(2026, 0, 5, 3, 0, 0) });
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function ok(sb: Sandbox, fn: string, opts: RunOptions = {}): ExecutionResult {
  const r = sb.run(fn, opts);
  if (!r.ok) throw new Error(`${fn} failed: ${r.error?.message}`);
  return r;
}

function errorOf(sb: Sandbox, fn: string, opts: RunOptions = {}): string {
  const r = sb.run(fn, opts);
  expect(r.ok).toBe(false);
  return r.error?.message ?? '';
}

const EVENTS = `
function log_(line) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = ss.getSheetByName('Log') || ss.insertSheet('Log');
  sh.appendRow([line]);
}
function onEdit(e) {
  log_('edit ' + e.range.getA1Notation() + ' rows=' + e.range.getNumRows() + ' value=' + ('value' in e ? e.value : '(none)') + ' old=' + ('oldValue' in e ? e.oldValue : '(none)') + ' by ' + e.user);
}
function onSelectionChange(e) {
  log_('select ' + e.range.getSheet().getName() + '!' + e.range.getA1Notation());
}
function installEditTrigger() {
  ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
}
function onEditInstalled(e) {
  log_('installed ' + e.range.getA1Notation() + ' value=' + ('value' in e ? e.value : '(none)'));
}
function setup() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = ss.getSheetByName('Sheet1');
  sh.getRange('A1:C1').setValues([['ID', 'Status', 'Total']]);
  sh.getRange('B2:B20').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Draf', 'Terbit']).setAllowInvalid(false).build());
  var p = sh.getRange('C1:C20').protect().setDescription('owner only');
  p.removeEditors(p.getEditors());
  var w = sh.getRange('E1:E5').protect().setWarningOnly(true);
  ss.addEditor('${STAFF}');
}
function logLines() {
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log');
  return sh ? sh.getDataRange().getValues().map(function (r) { return r[0]; }).filter(String) : [];
}
function clearLog() {
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log');
  if (sh) sh.clear();
}
function writeProtected() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange('C2').setValue(5); }
function clearProtected() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange('A2:C2').clear(); }
function formatProtected() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange('C2:C3').setBackground('#ff0000'); }
function writeWarned() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange('E2').setValue('ok'); return 'done'; }
function canEditC() {
  return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getProtections(SpreadsheetApp.ProtectionType.RANGE).map(function (p) { return [p.getDescription(), p.canEdit(), p.isWarningOnly()]; });
}
function selection() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = ss.getActiveSheet();
  var sel = ss.getSelection();
  return {
    range: ss.getActiveRange().getA1Notation(),
    cell: ss.getActiveCell().getA1Notation(),
    current: ss.getCurrentCell().getA1Notation(),
    list: ss.getActiveRangeList().getRanges().map(function (r) { return r.getA1Notation(); }),
    sheetRange: sh.getActiveRange().getA1Notation(),
    sheetCell: sh.getActiveCell().getA1Notation(),
    selRange: sel.getActiveRange().getA1Notation(),
    selSheet: sel.getActiveSheet().getName(),
    app: [SpreadsheetApp.getActiveRangeList().getRanges().length, SpreadsheetApp.getSelection().getCurrentCell().getA1Notation(), SpreadsheetApp.getCurrentCell().getA1Notation()],
    height: ss.getActiveRange().getHeight(),
    width: ss.getActiveRange().getWidth(),
  };
}
`;

describe('block paste, API edits and selections', () => {
  const sb = sandbox(EVENTS);
  ok(sb, 'setup');

  test('a pasted block of two Status cells fires ONE onEdit with that range, no value and no oldValue', () => {
    const r = actions.pasteBlock(sb, STAFF, 'Sheet1', 'B2', [['Draf'], ['Terbit']]);
    expect(r.info.a1).toBe('B2:B3');
    expect(r.executions.map((x) => x.functionName)).toEqual(['onEdit']);
    expect(ok(sb, 'logLines').value).toEqual([`edit B2:B3 rows=2 value=(none) old=(none) by ${STAFF}`]);
    expect(sheetView(sb.state, 'Sheet1').rows.slice(0, 2).map((row) => row[1])).toEqual(['Draf', 'Terbit']);
    ok(sb, 'clearLog');
  });

  test('a one-cell paste is an ordinary edit with value and oldValue', () => {
    actions.pasteBlock(sb, STAFF, 'Sheet1', 'B2', [['Terbit']]);
    expect(ok(sb, 'logLines').value).toEqual([`edit B2 rows=1 value=Terbit old=Draf by ${STAFF}`]);
    ok(sb, 'clearLog');
  });

  test('installable ON_EDIT triggers get the block too; clipboard text splits on tabs and newlines', () => {
    ok(sb, 'installEditTrigger');
    const rows = actions.clipboardRows('7\tDraf\r\n8\tTerbit\n');
    expect(rows).toEqual([['7', 'Draf'], ['8', 'Terbit']]);
    const r = actions.pasteBlock(sb, STAFF, 'Sheet1', 'A4', rows);
    expect(r.executions.map((x) => x.functionName)).toEqual(['onEdit', 'onEditInstalled']);
    expect(ok(sb, 'logLines').value).toEqual([`edit A4:B5 rows=2 value=(none) old=(none) by ${STAFF}`, 'installed A4:B5 value=(none)']);
    ok(sb, 'clearLog');
  });

  test('a paste touching a protected cell, or a value the validation rejects, is refused whole', () => {
    expect(() => actions.pasteBlock(sb, STAFF, 'Sheet1', 'B6', [['Draf', '9']])).toThrow(PROTECTED);
    expect(() => actions.pasteBlock(sb, STAFF, 'Sheet1', 'A6', [['1', 'Draf'], ['2', 'Nope']])).toThrow(/^There was a problem\. Input must be an item on the specified list$/);
    const v = sheetView(sb.state, 'Sheet1');
    expect(v.lastRow).toBe(5);
    expect(ok(sb, 'logLines').value).toEqual([]);
  });

  test('an API edit writes as the user with input parsing and fires no onEdit; protections still hold', () => {
    const r = actions.apiEdit(sb, STAFF, 'Sheet1', 'A7', '42');
    expect(r.executions).toEqual([]);
    expect(r.info.value).toBe('42');
    expect(ok(sb, 'logLines').value).toEqual([]);
    expect(() => actions.apiEdit(sb, STAFF, 'Sheet1', 'C7', '1')).toThrow(PROTECTED);
  });

  test('a range selection reaches getActiveRange, getActiveCell, getSelection and fires onSelectionChange', () => {
    const r = actions.selectRange(sb, STAFF, 'Sheet1', 'A2:C5');
    expect(r.executions.map((x) => x.functionName)).toEqual(['onSelectionChange']);
    expect(ok(sb, 'logLines').value).toEqual(['select Sheet1!A2:C5']);
    ok(sb, 'clearLog');
    // The log write selected the Log sheet (insertSheet activates it); select again.
    actions.selectRange(sb, STAFF, 'Sheet1', 'A2:C5');
    expect(ok(sb, 'selection').value).toEqual({
      range: 'A2:C5',
      cell: 'A2',
      current: 'A2',
      list: ['A2:C5'],
      sheetRange: 'A2:C5',
      sheetCell: 'A2',
      selRange: 'A2:C5',
      selSheet: 'Sheet1',
      app: [1, 'A2', 'A2'],
      height: 4,
      width: 3,
    });
    ok(sb, 'clearLog');
  });

  test('a multi-range selection lists every range, the last one active', () => {
    actions.selectRange(sb, STAFF, 'Sheet1', 'A1:A3,C2:D4');
    const v = ok(sb, 'selection').value as { range: string; list: string[] };
    expect(v.range).toBe('C2:D4');
    expect(v.list).toEqual(['A1:A3', 'C2:D4']);
    ok(sb, 'clearLog');
  });
});

describe('protections per user', () => {
  const sb = sandbox(EVENTS);
  ok(sb, 'setup');

  test('a non-owner edit of an owner-protected range is refused by hand, the owner edit goes through', () => {
    expect(() => actions.editCell(sb, STAFF, 'Sheet1', 'C2', '5')).toThrow(PROTECTED);
    expect(() => actions.editCell(sb, OTHER, 'Sheet1', 'C2', '5')).toThrow(PROTECTED);
    expect(actions.editCell(sb, OWNER, 'Sheet1', 'C2', '5').info.value).toBe('5');
  });

  test("a non-editor's own script cannot write or clear the protected range; the owner's can", () => {
    expect(errorOf(sb, 'writeProtected', { user: STAFF, effectiveUser: STAFF })).toBe(PROTECTED);
    expect(errorOf(sb, 'clearProtected', { user: STAFF, effectiveUser: STAFF })).toBe(PROTECTED);
    expect(errorOf(sb, 'formatProtected', { user: STAFF, effectiveUser: STAFF })).toBe(PROTECTED);
    ok(sb, 'writeProtected', { user: OWNER, effectiveUser: OWNER });
    expect(ok(sb, 'canEditC', { user: STAFF, effectiveUser: STAFF }).value).toEqual([
      ['owner only', false, false],
      ['', true, true],
    ]);
  });

  test('a warning-only protection warns by hand and lets the edit through; by script it is allowed', () => {
    const r = actions.editCell(sb, STAFF, 'Sheet1', 'E2', 'x');
    expect(r.info.warning).toBe(PROTECTION_WARNING);
    expect(r.info.value).toBe('x');
    const p = actions.pasteBlock(sb, STAFF, 'Sheet1', 'E3', [['a'], ['b']]);
    expect(p.info.warning).toBe(PROTECTION_WARNING);
    expect(ok(sb, 'writeWarned', { user: STAFF, effectiveUser: STAFF }).value).toBe('done');
  });

  test('an added editor can edit; a removed one cannot', () => {
    const src = `
function addStaff() { protection_().addEditor('${STAFF}'); return protection_().getEditors().map(String); }
function removeStaff() { protection_().removeEditor('${STAFF}'); return protection_().getEditors().map(String); }
function protection_() { return SpreadsheetApp.getActive().getSheetByName('Sheet1').getProtections(SpreadsheetApp.ProtectionType.RANGE)[0]; }`;
    const sb2 = sandbox(EVENTS + src);
    ok(sb2, 'setup');
    expect(ok(sb2, 'addStaff').value).toEqual([OWNER, STAFF]);
    expect(actions.editCell(sb2, STAFF, 'Sheet1', 'C3', '1').info.value).toBe('1');
    expect(ok(sb2, 'removeStaff').value).toEqual([OWNER]);
    expect(() => actions.editCell(sb2, STAFF, 'Sheet1', 'C3', '2')).toThrow(PROTECTED);
  });

  test('a sheet protection with an unprotected range: only that range is open to others', () => {
    const src = `
function protectSheet() {
  var sh = SpreadsheetApp.getActive().insertSheet('Locked');
  var p = sh.protect();
  p.removeEditors(p.getEditors());
  p.setUnprotectedRanges([sh.getRange('B2:B10')]);
  return [p.getProtectionType().toString(), p.getUnprotectedRanges().length];
}`;
    const sb2 = sandbox(EVENTS + src);
    expect(ok(sb2, 'protectSheet').value).toEqual(['SHEET', 1]);
    expect(actions.editCell(sb2, STAFF, 'Locked', 'B3', 'fine').info.value).toBe('fine');
    expect(() => actions.editCell(sb2, STAFF, 'Locked', 'A3', 'no')).toThrow(PROTECTED);
  });
});

describe('missing methods', () => {
  const sb = sandbox(`
function named() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = ss.getSheetByName('Sheet1');
  sh.getRange('A1:A3').setValues([[1], [2], [3]]);
  ss.setNamedRange('Numbers', sh.getRange('A1:A3'));
  var out = [ss.getRangeByName('Numbers').getA1Notation(), ss.getNamedRanges().map(function (n) { return n.getName(); }), ss.getRangeByName('Nope'), ss.getRange('Numbers').getNumRows()];
  sh.getRange('B1').setFormula('=SUM(Numbers)');
  out.push(sh.getRange('B1').getValue());
  ss.getNamedRanges()[0].setRange(sh.getRange('A1:A2'));
  out.push(sh.getRange('B1').getValue());
  ss.removeNamedRange('Numbers');
  out.push(ss.getNamedRanges().length, sh.getRange('B1').getValue());
  return out;
}
function badName() { SpreadsheetApp.getActive().setNamedRange('A1', SpreadsheetApp.getActive().getRange('A1')); }
function activeFamily() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = ss.getSheetByName('Sheet1');
  var other = ss.insertSheet('Other');
  sh.getRange('B2:D4').activate();
  var out = [ss.getActiveSheet().getName(), ss.getActiveRange().getA1Notation(), sh.getActiveCell().getA1Notation(), other.getActiveRange()];
  sh.setActiveSelection('C3:C5');
  out.push(sh.getSelection().getActiveRange().getA1Notation());
  ss.setActiveRange(other.getRange('A1:B2'));
  out.push(ss.getActiveSheet().getName(), ss.getCurrentCell().getA1Notation(), sh.getActiveRange());
  try { sh.setActiveRange(other.getRange('A1')); } catch (e) { out.push(e.message); }
  return out;
}
function menus() {
  SpreadsheetApp.getActiveSpreadsheet().addMenu('Tools', [{ name: 'Do it', functionName: 'doIt' }, null, { name: 'Other', functionName: 'other' }]);
}
function create() {
  var ss = SpreadsheetApp.create('Report 2026', 10, 4);
  ss.getSheets()[0].getRange('A1').setValue('hello');
  var again = SpreadsheetApp.openById(ss.getId());
  var byUrl = SpreadsheetApp.openByUrl(ss.getUrl());
  var bound = SpreadsheetApp.openById(SpreadsheetApp.getActive().getId());
  var file = DriveApp.getFileById(ss.getId());
  return [again.getName(), again.getSheets()[0].getRange('A1').getValue(), byUrl.getId() === ss.getId(), again.getSheets()[0].getMaxRows(), again.getSheets()[0].getMaxColumns(),
    bound.getSheets()[0].getRange('A1').getValue(), file.getName(), file.getMimeType(), SpreadsheetApp.getActive().getName()];
}
function openUnknown() { SpreadsheetApp.openById('no-such-id'); }
function longText() { SpreadsheetApp.getActive().getRange('A9').setValue(new Array(50002).join('x')); }
function typedMoney() {
  var r = SpreadsheetApp.getActive().getRange('D1:D3');
  r.setValues([['$1.00'], ['$1,234.5'], ['-$2']]);
  return [r.getValues().map(function (x) { return x[0]; }), r.getNumberFormats().map(function (x) { return x[0]; }), r.getDisplayValues().map(function (x) { return x[0]; })];
}
`);

  test('named ranges: set, get by name, list, use in formulas, move, remove', () => {
    expect(ok(sb, 'named').value).toEqual(['A1:A3', ['Numbers'], null, 3, 6, 3, 0, '#NAME?']);
    expect(errorOf(sb, 'badName')).toBe('Named range name is invalid: A1');
  });

  test('the active cell/range family on Spreadsheet, Sheet and Range', () => {
    expect(ok(sb, 'activeFamily').value).toEqual([
      'Sheet1',
      'B2:D4',
      'B2',
      null,
      'C3:C5',
      'Other',
      'A1',
      null,
      'Target range and sheet must be on the same sheet.',
    ]);
  });

  test('Spreadsheet.addMenu adds a menu with separators (null entries)', () => {
    const r = ok(sb, 'menus');
    expect(r.ui).toContainEqual({
      type: 'menu',
      name: 'Tools',
      items: [{ caption: 'Do it', functionName: 'doIt' }, { separator: true }, { caption: 'Other', functionName: 'other' }],
      addon: false,
    });
  });

  test('SpreadsheetApp.create makes a spreadsheet in Drive that openById/openByUrl open; unknown ids fail', () => {
    expect(ok(sb, 'create').value).toEqual(['Report 2026', 'hello', true, 10, 4, 1, 'Report 2026', 'application/vnd.google-apps.spreadsheet', 'Untitled spreadsheet']);
    expect(errorOf(sb, 'openUnknown')).toBe('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
  });

  test('cells over 50,000 characters are refused by script and by hand', () => {
    const msg = 'Your input contains more than the maximum of 50000 characters in a single cell.';
    expect(errorOf(sb, 'longText')).toBe(msg);
    expect(() => applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'A9', input: 'y'.repeat(50001), user: OWNER })).toThrow(msg);
    expect(() => actions.pasteBlock(sb, OWNER, 'Sheet1', 'A9', [['a', 'y'.repeat(50001)]])).toThrow(msg);
    expect(applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'A9', input: 'y'.repeat(50000), user: OWNER }).row).toBe(9);
  });

  test('typed $1.00 becomes the number 1 with a currency format', () => {
    expect(ok(sb, 'typedMoney').value).toEqual([
      [1, 1234.5, -2],
      ['"$"#,##0.00', '"$"#,##0.00', '"$"#,##0'],
      ['$1.00', '$1,234.50', '-$2'],
    ]);
  });

  test('typed Rp1.000 in an Indonesian-locale workbook is the number 1000 shown as Rp1.000', () => {
    const sb2 = sandbox('function f() {}');
    actions.runFunction(sb2, OWNER, 'f');
    const { setWorkbookSettings } = jest.requireActual<typeof import('../src/services/spreadsheet')>('../src/services/spreadsheet');
    setWorkbookSettings(sb2.state, { locale: 'id_ID' });
    applyUserEdit(sb2.state, { tab: 'Sheet1', a1: 'A1', input: 'Rp1.000', user: OWNER });
    applyUserEdit(sb2.state, { tab: 'Sheet1', a1: 'A2', input: '=A1*2', user: OWNER });
    const v = sheetView(sb2.state, 'Sheet1');
    expect(v.headers[0]).toBe('Rp1.000');
    expect(v.rows[0][0]).toBe('2000');
  });
});
