/**
 * Formulas compute: what scripts write (setFormula, setFormulas, setValue('=...')) and what users
 * type reads back with Sheets' semantics.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox, ExecutionResult } from '../src/sandbox';
import { spreadsheetService, applyUserEdit, sheetView } from '../src/services/spreadsheet';
import { shiftFormula } from '../src/services/spreadsheet/formula';

const OWNER = 'owner@example.org';
const dirs: string[] = [];

function sandbox(source: string): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sbx-fx-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'Code.js'), source);
  return new Sandbox({ projectDir: dir, owner: OWNER, clockMs: Date.UTC(2026, 0, 5, 3, 0, 0), services: [spreadsheetService] });
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function ok(sb: Sandbox, fn: string): ExecutionResult {
  const r = sb.run(fn);
  if (!r.ok) throw new Error(`${fn} failed: ${r.error?.message}`);
  return r;
}

const SOURCE = `
function sh_() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1'); }
function onePlusTwo() {
  var r = sh_().getRange('A1');
  r.setFormula('=1+2');
  return { value: r.getValue(), formula: r.getFormula(), display: r.getDisplayValue() };
}
function basics() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = sh_();
  sh.getRange('A2:C4').setValues([['Name', 'Status', 'Amount'], ['a', 'Draf', 10], ['b', 'Terbit', 32.5]]);
  var other = ss.insertSheet('My Tab');
  other.getRange('A1').setValue(100);
  sh.getRange('E1:E12').setFormulas([
    ['=SUM(C3:C4)'],
    ['=COUNTIF(B3:B4,"Draf")'],
    ['=VLOOKUP("b",A3:C4,3,FALSE)'],
    ['=IF(C3>5,"big","small")'],
    ['=HYPERLINK("https://example.org","site")'],
    ['=TEXT(0.25,"0%")'],
    ['=CONCATENATE(A3,"-",B3)'],
    ["='My Tab'!A1*2"],
    ['=C3>5'],
    ['=MAX(C3:C4)'],
    ['=DATE(2026,1,31)'],
    ['=C3/0'],
  ]);
  var v = sh.getRange('E1:E12').getValues().map(function (row) { var x = row[0]; return x instanceof Date ? 'D:' + x.getFullYear() + '-' + (x.getMonth() + 1) + '-' + x.getDate() : x; });
  return { values: v, formula: sh.getRange('E3').getFormula() };
}
function recalcOnChange() {
  var sh = sh_();
  sh.getRange('C3').setValue(1);
  return [sh.getRange('E1').getValue(), sh.getRange('E4').getValue(), sh.getRange('E9').getValue()];
}
function errors() {
  var sh = sh_();
  sh.getRange('G1:G5').setFormulas([['=VLOOKUP("zz",A3:C4,2,FALSE)'], ['=NOSUCHFUNCTION(1)'], ['=Missing!A1'], ['=SUM(1,'], ['=G5+1']]);
  return sh.getRange('G1:G5').getValues().map(function (r) { return r[0]; });
}
function chain() {
  var sh = sh_();
  sh.getRange('H1').setValue('=H2*2');
  sh.getRange('H2').setValue('=H3+1');
  sh.getRange('H3').setValue(4);
  return sh.getRange('H1').getValue();
}
function comparisons() {
  var sh = sh_();
  sh.getRange('L1:L4').setFormulas([['="abc"="ABC"'], ['=Z99=""'], ['=Z99=0'], ['=IF(A2="name","yes","no")']]);
  return sh.getRange('L1:L4').getValues().map(function (r) { return r[0]; });
}
function named() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.setNamedRange('Amounts', sh_().getRange('C3:C4'));
  sh_().getRange('I1').setFormula('=SUM(Amounts)');
  return sh_().getRange('I1').getValue();
}
function todayIsTheSandboxClock() {
  sh_().getRange('J1').setFormula('=TODAY()');
  var d = sh_().getRange('J1').getValue();
  return [d instanceof Date, d.getFullYear(), d.getMonth() + 1, d.getDate()];
}
`;

describe('shiftFormula', () => {
  test('columns move, absolute markers stay, strings, functions like LOG10 and other sheets are left alone', () => {
    expect(shiftFormula('=SUM($B$1:D9)+LOG10(B2)&"B2"', 'S', 'S', 'col', 2, 1, true)).toBe('=SUM($C$1:E9)+LOG10(C2)&"B2"');
    expect(shiftFormula('=Other!B2+B2', 'S', 'S', 'col', 1, 1, true)).toBe('=Other!B2+C2');
    expect(shiftFormula('=S!B2+B2', 'Other', 'S', 'col', 1, 1, true)).toBe('=S!C2+B2');
    expect(shiftFormula('=SUM(B:D)+A1', 'S', 'S', 'col', 3, 1, false)).toBe('=SUM(B:C)+A1');
    expect(shiftFormula('=SUM(2:5)', 'S', 'S', 'row', 1, 2, true)).toBe('=SUM(4:7)');
    expect(shiftFormula('=SUM(A:A)', 'S', 'S', 'row', 1, 2, true)).toBe('=SUM(A:A)');
  });
});

describe('references follow structure edits', () => {
  const sb = sandbox(`
function build() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = ss.getSheetByName('Sheet1');
  sh.getRange('A1:A4').setValues([[1], [2], [3], [4]]);
  ss.insertSheet('Data').getRange('B2').setValue(7);
  sh.getRange('C1:C4').setFormulas([['=SUM(A1:A4)'], ['=A4*10'], ['=Data!B2+A2'], ['="A4 stays"&A3']]);
}
function read() { return SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('C1:C4').getFormulas().map(function (r) { return r[0]; })
  .concat(SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('C1:C4').getValues().map(function (r) { return r[0]; })); }
function readC5() { var r = SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('C5'); return [r.getFormula(), r.getValue()]; }
function insertTwo() { SpreadsheetApp.getActive().getSheetByName('Sheet1').insertRowsBefore(2, 2); }
function deleteRowSix() { SpreadsheetApp.getActive().getSheetByName('Sheet1').deleteRow(6); }
function renameData() { SpreadsheetApp.getActive().getSheetByName('Data').setName('My Data'); }
function insertDataRow() { SpreadsheetApp.getActive().getSheetByName('My Data').insertRowBefore(1); }
`);

  test('inserted rows move references after them and grow ranges across them', () => {
    ok(sb, 'build');
    ok(sb, 'insertTwo');
    // C1:C4 moved too: C1 stays, C2..C4 are now C4..C6; read the formulas where they are.
    const v = sb.run('read').value as unknown[];
    expect(v[0]).toBe('=SUM(A1:A6)');
    expect(v[4]).toBe(10);
  });

  test('a deleted referenced row becomes #REF!; ranges across it shrink', () => {
    ok(sb, 'deleteRowSix');
    expect(ok(sb, 'read').value).toEqual(['=SUM(A1:A5)', '', '', '=#REF!*10', 6, '', '', '#REF!']);
  });

  test('renaming a sheet renames it in formulas; inserting rows there moves those references', () => {
    ok(sb, 'renameData');
    ok(sb, 'insertDataRow');
    expect(ok(sb, 'readC5').value).toEqual(["='My Data'!B3+A4", 9]);
  });
});

describe('formulas compute', () => {
  const sb = sandbox(SOURCE);

  test('=1+2 written with setFormula reads back 3; getFormula returns the formula', () => {
    expect(ok(sb, 'onePlusTwo').value).toEqual({ value: 3, formula: '=1+2', display: '3' });
  });

  test('SUM, COUNTIF, VLOOKUP, IF, HYPERLINK, TEXT, CONCATENATE, cross-sheet refs, booleans, dates, errors', () => {
    const v = ok(sb, 'basics').value as { values: unknown[]; formula: string };
    expect(v.values).toEqual([42.5, 1, 32.5, 'big', 'site', '25%', 'a-Draf', 200, true, 32.5, 'D:2026-1-31', '#DIV/0!']);
    expect(v.formula).toBe('=VLOOKUP("b",A3:C4,3,FALSE)');
  });

  test('a formula follows the cells it references', () => {
    expect(ok(sb, 'recalcOnChange').value).toEqual([33.5, 'small', false]);
  });

  test('errors read back as strings: #N/A, #NAME? for unsupported functions, #REF! for missing sheets and cycles, #ERROR! for parse errors', () => {
    expect(ok(sb, 'errors').value).toEqual(['#N/A', '#NAME?', '#REF!', '#ERROR!', '#REF!']);
  });

  test('formulas that read formulas compute in dependency order', () => {
    expect(ok(sb, 'chain').value).toBe(10);
  });

  test('text compares without case; a blank cell equals "" and 0', () => {
    expect(ok(sb, 'comparisons').value).toEqual([true, true, true, 'yes']);
  });

  test('named ranges work in formulas', () => {
    expect(ok(sb, 'named').value).toBe(33.5);
  });

  test('TODAY() is the sandbox clock in the workbook time zone, a Date', () => {
    expect(ok(sb, 'todayIsTheSandboxClock').value).toEqual([true, 2026, 1, 5]);
  });

  test('a formula a user types computes, and recomputes when the user edits a referenced cell', () => {
    applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'K1', input: '=K2*10', user: OWNER });
    applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'K2', input: '4', user: OWNER });
    const view = sheetView(sb.state, 'Sheet1');
    expect(view.headers[10]).toBe('40');
  });
});
