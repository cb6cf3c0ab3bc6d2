/**
 * RangeList in the sandbox: Sheet.getRangeList / Spreadsheet.getRangeList and the RangeList
 * setters, each ONE call whatever the number of ranges, as Apps Script documents the class ("apply
 * operations on collections of non-adjacent ranges or cells").
 */
import { errorOf, ok, sheetProjects } from './sheet-project';

const STAFF = 'staf@example.org';
const sandbox = sheetProjects('sbx-rl-');

const SOURCE = `
function sheet_() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1'); }
function formats() {
  var sh = sheet_();
  var list = sh.getRangeList(['A2:A', 'C2:C4']);
  list.setNumberFormat('d mmmm yyyy').setFontWeight('bold').setBackground('#fef7e0').setHorizontalAlignment('center').setWrap(true);
  return {
    ranges: list.getRanges().map(function (r) { return r.getA1Notation(); }),
    a: [sh.getRange('A2').getNumberFormat(), sh.getRange('A1000').getNumberFormat(), sh.getRange('A2').getFontWeight(), sh.getRange('A2').getBackground()],
    c: [sh.getRange('C4').getNumberFormat(), sh.getRange('C4').getHorizontalAlignment(), sh.getRange('C4').getWrap()],
    untouched: [sh.getRange('B2').getNumberFormat(), sh.getRange('C5').getNumberFormat(), sh.getRange('A1').getFontWeight()],
  };
}
function values() {
  var sh = sheet_();
  sh.getRangeList(['B1', 'D1:E2']).setValue('x');
  var v = sh.getRange('A1:E2').getValues();
  sh.getRangeList(['D1:E2']).clearContent();
  return { before: v, after: sh.getRange('A1:E2').getValues() };
}
function active() {
  return SpreadsheetApp.getActiveSpreadsheet().getRangeList(['A1', 'B2:C3']).getRanges().map(function (r) { return r.getSheet().getName() + '!' + r.getA1Notation(); });
}
function otherSheet() { SpreadsheetApp.getActiveSpreadsheet().insertSheet('Lain'); return sheet_().getRangeList(['A1', 'Lain!A1']); }
function empty() { return sheet_().getRangeList([]); }
function notAList() { return sheet_().getRangeList('A1:B2'); }
function badA1() { return sheet_().getRangeList(['A1', 'ZZZZ0']); }
function protectColumnB() { sheet_().getRange('B:B').protect().setDescription('B'); }
function paintAcross() { sheet_().getRangeList(['A5', 'B5']).setBackground('#ff0000'); }
function colours() { var sh = sheet_(); return [sh.getRange('A5').getBackground(), sh.getRange('B5').getBackground()]; }
`;

describe('RangeList', () => {
  test('getRangeList holds the ranges of the A1 notations (open-ended to the last row); each setter changes every range and nothing else', () => {
    const sb = sandbox(SOURCE);
    const v = ok(sb, 'formats').value;
    expect(v).toEqual({
      ranges: ['A2:A1000', 'C2:C4'],
      a: ['d mmmm yyyy', 'd mmmm yyyy', 'bold', '#fef7e0'],
      c: ['d mmmm yyyy', 'center', true],
      untouched: ['0.###############', '0.###############', 'normal'],
    });
  });

  test('each setter is one write call, costed by all the cells of its ranges; getRangeList itself is local', () => {
    const sb = sandbox(SOURCE);
    const r = ok(sb, 'formats');
    const setters = r.calls.filter((c) => c.method.startsWith('RangeList.set'));
    expect(setters.map((c) => c.method)).toEqual(['RangeList.setNumberFormat', 'RangeList.setFontWeight', 'RangeList.setBackground', 'RangeList.setHorizontalAlignment', 'RangeList.setWrap']);
    // 999 + 3 cells: a write round trip (60 ms) plus 5 ms per 1,000 cells.
    for (const c of setters) expect(c.ms).toBe(60 + 5);
    expect(r.calls.find((c) => c.method === 'Sheet.getRangeList')?.ms).toBe(0);
    expect(r.calls.some((c) => c.method.startsWith('Range.set'))).toBe(false);
  });

  test('setValue and clearContent write every range in one call each', () => {
    const sb = sandbox(SOURCE);
    const r = ok(sb, 'values');
    expect(r.value).toEqual({
      before: [
        ['', 'x', '', 'x', 'x'],
        ['', '', '', 'x', 'x'],
      ],
      after: [
        ['', 'x', '', '', ''],
        ['', '', '', '', ''],
      ],
    });
    expect(r.calls.filter((c) => c.method === 'RangeList.setValue' || c.method === 'RangeList.clearContent')).toHaveLength(2);
    expect(r.calls.some((c) => c.method === 'Range.setValue' || c.method === 'Range.clearContent')).toBe(false);
  });

  test('Spreadsheet.getRangeList takes the ranges on the active sheet', () => {
    const sb = sandbox(SOURCE);
    expect(ok(sb, 'active').value).toEqual(['Sheet1!A1', 'Sheet1!B2:C3']);
  });

  test('a RangeList holds ranges of one sheet; an empty list, a bad A1 notation or a string are refused', () => {
    const sb = sandbox(SOURCE);
    expect(errorOf(sb, 'otherSheet')).toBe('Range not found');
    expect(errorOf(sb, 'empty')).toBe('Range not found');
    expect(errorOf(sb, 'badA1')).toBe('Range not found');
    expect(errorOf(sb, 'notAList')).toBe("The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.getRangeList.");
  });

  test('a range protected from the user refuses the whole call: no range changes', () => {
    const sb = sandbox(SOURCE);
    ok(sb, 'protectColumnB');
    expect(errorOf(sb, 'paintAcross', { kind: 'scriptRun', user: STAFF })).toMatch(/protected cell/);
    expect(ok(sb, 'colours').value).toEqual(['#ffffff', '#ffffff']);
    ok(sb, 'paintAcross');
    expect(ok(sb, 'colours').value).toEqual(['#ff0000', '#ff0000']);
  });
});
