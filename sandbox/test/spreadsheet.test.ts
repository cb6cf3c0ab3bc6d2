/**
 * SpreadsheetApp in the sandbox: documented Apps Script behaviour over one bound workbook.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { errorOf, ok, sheetProjects } from './sheet-project';
import {
  spreadsheetService,
  listTabs,
  sheetView,
  applyUserEdit,
  appendUserRow,
  buildEditEvent,
  renameTab,
  insertColumns,
  deleteColumns,
  selectRange,
  setWorkbookSettings,
  EditInfo,
} from '../src/services/spreadsheet';

const OWNER = 'owner@example.org';
const dirs: string[] = [];

/** A project whose Code.js holds `source`; every test function returns JSON-friendly data. */
const sandbox = sheetProjects('sbx-ss-');

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const COMMON = `
function sheet_() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1'); }
`;

describe('workbook basics', () => {
  const sb = sandbox(
    COMMON +
      `
function info() {
  var ss = SpreadsheetApp.getActive();
  var sh = ss.getSheets()[0];
  return { id: ss.getId(), same: SpreadsheetApp.openById(ss.getId()).getId() === ss.getId(), url: ss.getUrl(),
    name: sh.getName(), gid: sh.getSheetId(), rows: sh.getMaxRows(), cols: sh.getMaxColumns(), last: sh.getLastRow(),
    tz: ss.getSpreadsheetTimeZone(), locale: ss.getSpreadsheetLocale(), str: String(ss) + '/' + String(sh) };
}
function addSheets() {
  var ss = SpreadsheetApp.getActive();
  ss.insertSheet('Data');
  ss.insertSheet('First', 0);
  return ss.getSheets().map(function (s) { return s.getName() + ':' + s.getIndex(); });
}
function dup() { SpreadsheetApp.getActive().insertSheet('data'); }
function renameDup() { SpreadsheetApp.getActive().getSheetByName('First').setName('Data'); }
function byId() { var ss = SpreadsheetApp.getActive(); var d = ss.getSheetByName('Data'); return ss.getSheetById(d.getSheetId()).getName() + '|' + ss.getSheetById(424242); }
function removeAll() { var ss = SpreadsheetApp.getActive(); ss.getSheets().forEach(function (s) { ss.deleteSheet(s); }); }
function otherFile() { return SpreadsheetApp.openById('nope'); }
`,
  );

  test('the bound workbook is created lazily with Sheet1 (1000 x 26, gid 0) in the script time zone', () => {
    const v = ok(sb, 'info').value as Record<string, unknown>;
    expect(v).toMatchObject({ same: true, name: 'Sheet1', gid: 0, rows: 1000, cols: 26, last: 0, tz: 'Asia/Jakarta', locale: 'en_US' });
    expect(v.url).toBe(`https://docs.google.com/spreadsheets/d/${String(v.id)}/edit`);
    expect(v.str).toBe('Spreadsheet/Sheet');
  });

  test('insertSheet places sheets and rejects duplicate names (case-insensitive)', () => {
    expect(ok(sb, 'addSheets').value).toEqual(['First:1', 'Sheet1:2', 'Data:3']);
    expect(errorOf(sb, 'dup')).toBe('A sheet with the name "data" already exists. Please enter another name.');
    expect(errorOf(sb, 'renameDup')).toBe('A sheet with the name "Data" already exists. Please enter another name.');
    expect(ok(sb, 'byId').value).toBe('Data|null');
    expect(listTabs(sb.state).map((t) => t.name)).toEqual(['First', 'Sheet1', 'Data']);
  });

  test('the last sheet cannot be deleted; another file cannot be opened', () => {
    expect(errorOf(sb, 'removeAll')).toBe("You can't remove all the sheets in a document.");
    expect(listTabs(sb.state)).toHaveLength(1);
    expect(errorOf(sb, 'otherFile')).toMatch(/openById/);
  });
});

describe('values', () => {
  const sb = sandbox(
    COMMON +
      `
function writeRead() {
  var r = sheet_().getRange(1, 1, 2, 3);
  r.setValues([['a', 1.5, true], [new Date(2026, 0, 5, 9, 30), null, '']]);
  var v = r.getValues();
  return { v0: v[0], isDate: v[1][0] instanceof Date, iso: v[1][0].toISOString(), blanks: [v[1][1], v[1][2]], last: [sheet_().getLastRow(), sheet_().getLastColumn()] };
}
function badRows() { sheet_().getRange(1, 1, 2, 2).setValues([[1, 2]]); }
function badCols() { sheet_().getRange(1, 1, 2, 2).setValues([[1, 2], [3]]); }
function notArray() { sheet_().getRange(1, 1).setValues('x'); }
function outOfBounds() { sheet_().getRange(1000, 1, 2, 1); }
function rowZero() { sheet_().getRange(0, 1); }
function colZero() { sheet_().getRange(1, 0); }
function zeroRows() { sheet_().getRange(1, 1, 0, 1); }
function stringArgs() { sheet_().getRange('1', 2); }
function formulas() {
  var sh = sheet_();
  sh.getRange('A5').setValue('=SUM(B1:B2)');
  sh.getRange('B5').setValue("'=HYPERLINK(\\"x\\")");
  sh.getRange('C5').setFormula('="hello"');
  sh.getRange('D5').setValue("'0812");
  sh.getRange('E5').setValue('0812');
  sh.getRange('F5').setValue('2026-02-03');
  sh.getRange('G5').setValue('TRUE');
  return { values: sh.getRange('A5:G5').getValues()[0].map(function (x) { return x instanceof Date ? 'D:' + x.getDate() + '/' + (x.getMonth() + 1) : x; }),
    formulas: sh.getRange('A5:G5').getFormulas()[0], f: sh.getRange('C5').getFormula() };
}
function plainText() {
  var sh = sheet_();
  sh.getRange('A7:B7').setNumberFormat('@');
  sh.getRange('A7:B7').setValues([['=1+1', '2026-01-01']]);
  return sh.getRange('A7:B7').getValues()[0].concat(sh.getRange('A7:B7').getFormulas()[0]);
}
function dataRange() {
  var sh = sheet_();
  var r = sh.getDataRange();
  return { a1: r.getA1Notation(), rows: r.getNumRows(), cols: r.getNumColumns() };
}
function appendAndOffset() {
  var sh = sheet_();
  sh.appendRow(['x', 2, new Date(2026, 0, 1)]);
  var last = sh.getLastRow();
  var r = sh.getRange(last, 1).offset(0, 1, 1, 2);
  return { last: last, a1: r.getA1Notation(), v: r.getValues()[0][0], row: r.getRow(), col: r.getColumn(), lastCol: r.getLastColumn(), sheet: r.getSheet().getName() };
}
function setValueFill() { var r = sheet_().getRange('H1:I2'); r.setValue(7); return r.getValues(); }
function clearIt() { var r = sheet_().getRange('H1:I2'); r.clearContent(); return r.isBlank(); }
`,
  );

  test('setValues/getValues round-trip numbers, booleans, blanks and Dates of the script realm', () => {
    const v = ok(sb, 'writeRead').value as Record<string, unknown>;
    expect(v.v0).toEqual(['a', 1.5, true]);
    expect(v.isDate).toBe(true);
    expect(v.iso).toBe('2026-01-05T02:30:00.000Z'); // 09:30 in Jakarta (UTC+7)
    expect(v.blanks).toEqual(['', '']);
    expect(v.last).toEqual([2, 3]);
  });

  test('dimension and coordinate errors use Apps Script wording', () => {
    expect(errorOf(sb, 'badRows')).toBe('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
    expect(errorOf(sb, 'badCols')).toBe('The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.');
    expect(errorOf(sb, 'notArray')).toBe("The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.");
    expect(errorOf(sb, 'outOfBounds')).toBe('The coordinates of the range are outside the dimensions of the sheet.');
    expect(errorOf(sb, 'rowZero')).toBe('The starting row of the range is too small.');
    expect(errorOf(sb, 'colZero')).toBe('The starting column of the range is too small.');
    expect(errorOf(sb, 'zeroRows')).toBe('The number of rows in the range must be at least 1.');
    expect(errorOf(sb, 'stringArgs')).toBe("The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
  });

  test('strings starting with = become formulas; an apostrophe keeps text; strings are parsed like typed input', () => {
    const v = ok(sb, 'formulas').value as { values: unknown[]; formulas: string[]; f: string };
    // A5 computes =SUM(B1:B2): B1 holds 1.5 from writeRead, B2 is blank.
    expect(v.values).toEqual([1.5, '=HYPERLINK("x")', 'hello', '0812', 812, 'D:3/2', true]);
    expect(v.formulas).toEqual(['=SUM(B1:B2)', '', '="hello"', '', '', '', '']);
    expect(v.f).toBe('="hello"');
  });

  test('plain-text format (@) stores strings as written', () => {
    expect(ok(sb, 'plainText').value).toEqual(['=1+1', '2026-01-01', '', '']);
  });

  test('getDataRange, appendRow, offset and range getters', () => {
    expect(ok(sb, 'dataRange').value).toEqual({ a1: 'A1:G7', rows: 7, cols: 7 });
    const v = ok(sb, 'appendAndOffset').value as Record<string, unknown>;
    expect(v).toMatchObject({ last: 8, a1: 'B8:C8', v: 2, row: 8, col: 2, lastCol: 3, sheet: 'Sheet1' });
    expect(ok(sb, 'setValueFill').value).toEqual([[7, 7], [7, 7]]);
    expect(ok(sb, 'clearIt').value).toBe(true);
  });
});

describe('recorded calls', () => {
  const sb = sandbox(`
function batch() {
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1');
  var values = sh.getDataRange().getValues();
  sh.getRange(1, 1, values.length, values[0].length).setValues(values);
}
function seed() {
  var rows = [];
  for (var i = 0; i < 1000; i++) rows.push([i, 'row ' + i, i % 2 === 0]);
  SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, rows.length, 3).setValues(rows);
}
`);

  test('getDataRange().getValues() + setValues() is one call each', () => {
    ok(sb, 'seed');
    const r = ok(sb, 'batch');
    expect(r.calls.map((c) => c.method)).toEqual([
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSheetByName',
      'Sheet.getDataRange',
      'Range.getValues',
      'Sheet.getRange',
      'Range.setValues',
    ]);
    expect(r.callsByService).toEqual({ SpreadsheetApp: 6 });
    const getValues = r.calls.find((c) => c.method === 'Range.getValues');
    // a read round trip plus the per-cell transfer of 3,000 cells
    expect(getValues?.ms).toBe(50 + 15);
  });
});

describe('getSheetValues', () => {
  const sb = sandbox(`
function sh_() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1'); }
function seed() { sh_().getRange(1, 1, 3, 4).setValues([['a', 'b', 'c', 'd'], [1, 2, 3, 4], [5, 6, '', '']]); }
function toLast() { return sh_().getSheetValues(1, 1, -1, -1); }
function header() { return sh_().getSheetValues(1, 1, 1, -1); }
function middle() { return sh_().getSheetValues(2, 2, -1, 2); }
`);

  test('-1 as the number of rows or columns reads up to the last row or column with data, in one call', () => {
    ok(sb, 'seed');
    const r = ok(sb, 'toLast');
    expect(r.value).toEqual([['a', 'b', 'c', 'd'], [1, 2, 3, 4], [5, 6, '', '']]);
    const read = r.calls.filter((c) => c.ms > 0).map((c) => c.method);
    expect(read).toEqual(['SpreadsheetApp.getActiveSpreadsheet', 'Spreadsheet.getSheetByName', 'Sheet.getSheetValues']);
    expect(ok(sb, 'header').value).toEqual([['a', 'b', 'c', 'd']]);
    expect(ok(sb, 'middle').value).toEqual([[2, 3], [6, '']]);
  });
});

describe('display values and number formats', () => {
  const sb = sandbox(
    COMMON +
      `
function shown(locale) {
  var ss = SpreadsheetApp.getActive();
  if (locale) ss.setSpreadsheetLocale(locale);
  var sh = ss.getSheets()[0];
  var d = new Date(2026, 0, 5, 14, 7, 0);
  var day = new Date(2026, 0, 5);
  var r = sh.getRange(1, 1, 1, 13);
  r.setValues([[d, d, d, d, d, 1234567.891, 1234.5, 0.125, 3.7, day, d, 'text', 1/3]]);
  r.setNumberFormats([['yyyy-mm-dd', 'dd/mm/yyyy', 'd mmmm yyyy', 'dd mmm yyyy hh:mm', 'hh:mm', '#,##0', '#,##0.00', '0.00%', '0', '', '', '@', '']]);
  return r.getDisplayValues()[0];
}
function numberFormatReads() {
  var sh = sheet_();
  sh.getRange('A3').setValue(46027);
  sh.getRange('A3').setNumberFormat('yyyy-mm-dd');
  var v = sh.getRange('A3').getValue();
  return [v instanceof Date, sh.getRange('A3').getDisplayValue(), sh.getRange('B3').getNumberFormat(), sh.getRange('A3').getNumberFormat()];
}
`,
  );

  test('en_US display of dates and numbers under common formats', () => {
    expect(ok(sb, 'shown', { args: [''] }).value).toEqual([
      '2026-01-05',
      '05/01/2026',
      '5 January 2026',
      '05 Jan 2026 14:07',
      '14:07',
      '1,234,568',
      '1,234.50',
      '12.50%',
      '4',
      '1/5/2026',
      '1/5/2026 14:07:00',
      'text',
      '0.3333333333',
    ]);
  });

  test('id_ID uses a decimal comma and Indonesian month names', () => {
    expect(ok(sb, 'shown', { args: ['id_ID'] }).value).toEqual([
      '2026-01-05',
      '05/01/2026',
      '5 Januari 2026',
      '05 Jan 2026 14:07',
      '14:07',
      '1.234.568',
      '1.234,50',
      '12,50%',
      '4',
      '5/1/2026',
      '5/1/2026 14:07:00',
      'text',
      '0,3333333333',
    ]);
  });

  test('a number under a date format reads back as a Date; the general format is 0.###############', () => {
    expect(ok(sb, 'numberFormatReads').value).toEqual([true, '2026-01-05', '0.###############', 'yyyy-mm-dd']);
  });
});

describe('formats, validation, conditional formats', () => {
  const sb = sandbox(
    COMMON +
      `
function styles() {
  var r = sheet_().getRange('A1:B1');
  r.setBackground('red').setFontWeight('bold').setFontColor('#00F').setWrap(true).setHorizontalAlignment('center');
  sheet_().getRange('A2:B2').setBackgrounds([['#abcdef', null]]);
  return { bg: r.getBackgrounds(), bg2: sheet_().getRange('A2:B2').getBackgrounds(), fw: r.getFontWeight(), fc: r.getFontColor() };
}
function validate() {
  var sh = sheet_();
  sh.getRange('C1').setValue('Status');
  var rule = SpreadsheetApp.newDataValidation().requireValueInList(['Draf', 'Disetujui'], true).setAllowInvalid(false).setHelpText('Pilih status').build();
  sh.getRange('C2:C100').setDataValidation(rule);
  var got = sh.getRange('C5').getDataValidation();
  return { type: String(got.getCriteriaType()), isEnum: got.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST,
    values: got.getCriteriaValues(), allow: got.getAllowInvalid(), help: got.getHelpText(), none: sh.getRange('D5').getDataValidation() };
}
function writeInvalid() { sheet_().getRange('C3').setValue('Bogus'); }
function writeValid() { sheet_().getRange('C3').setValue('Draf'); return sheet_().getRange('C3').getValue(); }
function checkbox() {
  var sh = sheet_();
  sh.getRange('E2:E3').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
  return sh.getRange('E2:E3').getValues();
}
function cfRules() {
  var sh = sheet_();
  var rule = SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('Disetujui').setBackground('#b7e1cd').setRanges([sh.getRange('C2:C100')]).build();
  var rule2 = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$C2="Draf"').setBackground('#fff2cc').setRanges([sh.getRange('A2:B100')]).build();
  sh.setConditionalFormatRules([rule, rule2]);
  var got = sh.getConditionalFormatRules();
  return got.map(function (r) { var c = r.getBooleanCondition(); return [String(c.getCriteriaType()), c.getCriteriaValues()[0], c.getBackground(), r.getRanges()[0].getA1Notation()]; });
}
`,
  );

  test('background, font and colour setters', () => {
    expect(ok(sb, 'styles').value).toEqual({ bg: [['#ff0000', '#ff0000']], bg2: [['#abcdef', '#ffffff']], fw: 'bold', fc: '#0000ff' });
  });

  test('data validation rules round-trip and reject invalid script writes', () => {
    const v = ok(sb, 'validate').value as Record<string, unknown>;
    expect(v).toEqual({ type: 'VALUE_IN_LIST', isEnum: true, values: [['Draf', 'Disetujui'], true], allow: false, help: 'Pilih status', none: null });
    expect(errorOf(sb, 'writeInvalid')).toBe('The data you entered in cell C3 violates the data validation rules set on this cell. Pilih status');
    expect(ok(sb, 'writeValid').value).toBe('Draf');
    expect(ok(sb, 'checkbox').value).toEqual([[false], [false]]);
  });

  test('conditional format rules are stored and shown in the sheet view', () => {
    expect(ok(sb, 'cfRules').value).toEqual([
      ['TEXT_EQUAL_TO', 'Disetujui', '#b7e1cd', 'C2:C100'],
      ['CUSTOM_FORMULA', '=$C2="Draf"', '#fff2cc', 'A2:B100'],
    ]);
    applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'C4', input: 'Disetujui', user: OWNER });
    const view = sheetView(sb.state, 'Sheet1');
    expect(view.backgrounds[3][2]).toBe('#b7e1cd'); // C4
    expect(view.backgrounds[2][0]).toBe('#fff2cc'); // A3, because C3 is Draf
    expect(view.backgrounds[3][0]).toBeNull();
    expect(view.validations[2]).toEqual({ type: 'VALUE_IN_LIST', values: ['Draf', 'Disetujui'], allowInvalid: false, helpText: 'Pilih status' });
    expect(view.validations[4]?.values).toEqual(['TRUE', 'FALSE']);
  });
});

describe('user edits, protections and edit events', () => {
  const sb = sandbox(
    COMMON +
      `
function setup() {
  var sh = sheet_();
  sh.getRange('A1:D1').setValues([['Judul', 'Tanggal', 'Status', 'Catatan']]);
  sh.setFrozenRows(1);
  var p = sh.getRange('C:C').protect().setDescription('Status: script only');
  p.removeEditors(p.getEditors());
  var w = sh.getRange('D:D').protect().setWarningOnly(true);
  sh.getRange('C2:C').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Draf', 'Terbit']).setAllowInvalid(false).build());
  sh.getRange('B2:B').setDataValidation(SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).build());
  return { editors: p.getEditors().map(function (u) { return u.getEmail(); }), type: String(p.getProtectionType()), warn: w.isWarningOnly(),
    n: sh.getProtections(SpreadsheetApp.ProtectionType.RANGE).length, desc: sh.getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].getDescription(),
    range: p.getRange().getA1Notation() };
}
function onEdit(e) {
  return { a1: e.range.getA1Notation(), sheet: e.range.getSheet().getName(), value: e.value, oldValue: e.oldValue, user: e.user.getEmail(),
    auth: String(e.authMode), src: e.source.getId() === SpreadsheetApp.getActive().getId(), hasOld: 'oldValue' in e };
}
function scriptWritesStatus() { sheet_().getRange('C2').setValue('Terbit'); return sheet_().getRange('C2').getValue(); }
`,
  );

  test('protect() starts with the owner and the script user; removeEditors keeps the owner', () => {
    const v = ok(sb, 'setup').value as Record<string, unknown>;
    expect(v).toEqual({ editors: [OWNER], type: 'RANGE', warn: true, n: 2, desc: 'Status: script only', range: 'C1:C1000' });
  });

  test('a user cannot type into a protected range; the owner can; warning-only lets the edit through', () => {
    expect(() => applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'C2', input: 'Draf', user: 'staf@example.org' })).toThrow(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    expect(applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'C2', input: 'Draf', user: OWNER })).toMatchObject({ row: 2, column: 3, value: 'Draf' });
    expect(applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'D2', input: 'catatan', user: 'staf@example.org' }).value).toBe('catatan');
  });

  test('a script running as another user cannot write protected cells; as the owner it can', () => {
    expect(errorOf(sb, 'scriptWritesStatus', { kind: 'scriptRun', user: 'staf@example.org' })).toMatch(/protected cell/);
    expect(ok(sb, 'scriptWritesStatus').value).toBe('Terbit');
  });

  test('rejecting validations refuse typed input', () => {
    expect(() => applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'B2', input: 'besok', user: 'staf@example.org' })).toThrow('Input must be a valid date');
    const info = applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'B2', input: '2026-01-05', user: 'staf@example.org' });
    expect(info.value).toBe('46027'); // dates are reported as serial numbers
    expect(info.oldValue).toBeUndefined();
    expect(sheetView(sb.state, 'Sheet1').rows[0][1]).toBe('2026-01-05');
  });

  test('an edit event carries a real Range, the user and old/new values', () => {
    const first = applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'A2', input: 'Poster', user: 'staf@example.org' });
    const second = applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'A2', input: 'Poster HUT', user: 'staf@example.org' });
    expect(first.oldValue).toBeUndefined();
    const r = ok(sb, 'onEdit', { kind: 'simpleTrigger', user: 'staf@example.org', args: (g) => [buildEditEvent(g, second, 'staf@example.org')] });
    expect(r.value).toEqual({ a1: 'A2', sheet: 'Sheet1', value: 'Poster HUT', oldValue: 'Poster', user: 'staf@example.org', auth: 'LIMITED', src: true, hasOld: true });
    // building the event costs no recorded calls of its own
    expect(r.calls.map((c) => c.method)).toEqual(expect.not.arrayContaining(['Sheet.getRange']));
  });

  test('appendUserRow fills by header name and returns one edit per cell', () => {
    const infos: EditInfo[] = appendUserRow(sb.state, { tab: 'Sheet1', values: { Judul: 'Video', Tanggal: '6/1/2026' }, user: 'staf@example.org' });
    expect(infos.map((i) => [i.a1, i.value])).toEqual([
      ['A3', 'Video'],
      ['B3', '46174'], // en_US reads 6/1/2026 as June 1 (Jan 5 is 46027)
    ]);
    expect(() => appendUserRow(sb.state, { tab: 'Sheet1', values: { Nope: 'x' }, user: OWNER })).toThrow('No column "Nope"');
    expect(sheetView(sb.state, 'Sheet1', { user: 'staf@example.org' }).protectedColumns).toEqual([3]);
  });
});

describe('typed input in the Indonesian locale', () => {
  const sb = sandbox(COMMON + `function read() { return sheet_().getRange('A1:E1').getValues()[0].map(function (v) { return v instanceof Date ? 'D:' + v.getFullYear() + '-' + (v.getMonth() + 1) + '-' + v.getDate() : v; }); }`);

  test('decimal comma, day-first dates, month names and a leading apostrophe', () => {
    setWorkbookSettings(sb.state, { locale: 'id_ID', timeZone: 'Asia/Jakarta' });
    const inputs = ['1.234,5', '6/1/2026', '5 Januari 2026', "'007", 'FALSE'];
    inputs.forEach((input, i) => applyUserEdit(sb.state, { tab: 'Sheet1', a1: `${'ABCDE'[i]}1`, input, user: OWNER }));
    expect(ok(sb, 'read').value).toEqual([1234.5, 'D:2026-1-6', 'D:2026-1-5', '007', false]);
    expect(sheetView(sb.state, 'Sheet1').headers).toEqual(['1234,5', '6/1/2026', '5 Januari 2026', '007', 'FALSE']);
  });
});

describe('structure edits', () => {
  const sb = sandbox(
    COMMON +
      `
function setup() {
  var sh = sheet_();
  sh.getRange('A1:C2').setValues([['a', 'b', 'c'], [1, 2, 3]]);
  sh.getRange('B1:B2').setBackground('#ff0000');
  sh.getRange('C:C').protect().setDescription('c');
  sh.getRange('C:C').addDeveloperMetadata('col', 'status');
  sh.getRange('C2:C').setDataValidation(SpreadsheetApp.newDataValidation().requireNumberBetween(0, 10).build());
  var rule = SpreadsheetApp.newConditionalFormatRule().whenCellEmpty().setBackground('#eeeeee').setRanges([sh.getRange('C2:C10')]).build();
  sh.setConditionalFormatRules([rule]);
}
function inspect() {
  var ss = SpreadsheetApp.getActive();
  var sh = ss.getSheets()[0];
  var meta = ss.createDeveloperMetadataFinder().withKey('col').find();
  return { values: sh.getDataRange().getValues(), bg: sh.getRange('A1:E1').getBackgrounds()[0],
    prot: sh.getProtections(SpreadsheetApp.ProtectionType.RANGE).map(function (p) { return p.getRange().getA1Notation(); }),
    meta: meta.map(function (m) { return m.getLocation().getColumn().getColumn() + ':' + m.getValue(); }),
    dv: sh.getRange('E2').getDataValidation() ? String(sh.getRange('E2').getDataValidation().getCriteriaType()) : null,
    cf: sh.getConditionalFormatRules().map(function (r) { return r.getRanges()[0].getA1Notation(); }), cols: sh.getMaxColumns() };
}
function scriptInsert() { var sh = sheet_(); sh.insertColumnsBefore(1, 1); sh.deleteColumns(1, 1); sh.insertRowsAfter(1, 2); return sh.getRange('A4').getValue(); }
function badDelete() { sheet_().deleteRows(999, 5); }
`,
  );

  test('inserting columns shifts values, formats, protections, validations, conditional formats and column metadata', () => {
    ok(sb, 'setup');
    insertColumns(sb.state, 'Sheet1', 'B', 2);
    const v = ok(sb, 'inspect').value as Record<string, unknown>;
    expect(v.values).toEqual([
      ['a', '', '', 'b', 'c'],
      [1, '', '', 2, 3],
    ]);
    // new columns inherit the format of the column before them
    expect(v.bg).toEqual(['#ffffff', '#ffffff', '#ffffff', '#ff0000', '#ffffff']);
    expect(v.prot).toEqual(['E1:E1000']);
    expect(v.meta).toEqual(['5:status']);
    expect(v.dv).toBe('NUMBER_BETWEEN');
    expect(v.cf).toEqual(['E2:E10']);
    expect(v.cols).toBe(28);
  });

  test('deleting a column removes its protection and metadata', () => {
    deleteColumns(sb.state, 'Sheet1', 5, 1);
    const v = ok(sb, 'inspect').value as Record<string, unknown>;
    expect(v.values).toEqual([
      ['a', '', '', 'b'],
      [1, '', '', 2],
    ]);
    expect(v.prot).toEqual([]);
    expect(v.meta).toEqual([]);
    expect(v.cf).toEqual([]);
  });

  test('scripts insert and delete rows/columns; bounds are checked', () => {
    expect(ok(sb, 'scriptInsert').value).toBe(1);
    expect(errorOf(sb, 'badDelete')).toBe('Those rows are out of bounds.');
  });

  test('renameTab and selectRange drive getActiveSheet/getActiveRange', () => {
    renameTab(sb.state, 'Sheet1', 'Konten');
    expect(() => renameTab(sb.state, 'Nope', 'X')).toThrow('No tab named "Nope".');
    selectRange(sb.state, 'Konten', 'B2:C3');
    const sb2 = sb;
    writeFileSync(
      path.join(sb2.project.dir, 'Code.js'),
      'function active() { return SpreadsheetApp.getActiveSheet().getName() + "!" + SpreadsheetApp.getActiveRange().getA1Notation(); }',
    );
    const fresh = new Sandbox({ projectDir: sb2.project.dir, services: [spreadsheetService] });
    fresh.state = sb2.state;
    expect(ok(fresh, 'active').value).toBe('Konten!B2:C3');
  });
});

describe('developer metadata', () => {
  const sb = sandbox(`
function meta() {
  var ss = SpreadsheetApp.getActive();
  ss.addDeveloperMetadata('schema', '3');
  ss.addDeveloperMetadata('private', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  var sh = ss.getSheets()[0];
  sh.addDeveloperMetadata('role', 'content');
  var found = ss.createDeveloperMetadataFinder().withKey('role').withValue('content').find();
  var byKey = ss.createDeveloperMetadataFinder().withKey('schema').find()[0];
  byKey.setValue('4');
  return { top: ss.getDeveloperMetadata().map(function (m) { return m.getKey() + '=' + m.getValue() + ':' + m.getVisibility(); }),
    sheetMeta: sh.getDeveloperMetadata().length, found: found.length, sheetName: found[0].getLocation().getSheet().getName(),
    loc: String(found[0].getLocation().getLocationType()), again: ss.createDeveloperMetadataFinder().withKey('schema').find()[0].getValue() };
}
function arbitrary() { SpreadsheetApp.getActive().getSheets()[0].getRange('A1:B2').addDeveloperMetadata('x'); }
`);

  test('add, find and update metadata; arbitrary ranges are refused', () => {
    expect(ok(sb, 'meta').value).toEqual({
      top: ['schema=4:DOCUMENT', 'private=null:PROJECT'],
      sheetMeta: 1,
      found: 1,
      sheetName: 'Sheet1',
      loc: 'SHEET',
      again: '4',
    });
    expect(errorOf(sb, 'arbitrary')).toMatch(/^Adding developer metadata to arbitrary ranges is not currently supported/);
  });
});

describe('Ui', () => {
  const sb = sandbox(`
function onOpen() {
  var ui = SpreadsheetApp.getUi();
  ui.createMenu('Siaran').addItem('Buka panel', 'openPanel').addSeparator().addSubMenu(ui.createMenu('Admin').addItem('Pasang', 'install')).addToUi();
}
function ask() {
  var ui = SpreadsheetApp.getUi();
  var b = ui.alert('Hapus?', 'Yakin?', ui.ButtonSet.YES_NO);
  var p = ui.prompt('Nama', ui.ButtonSet.OK_CANCEL);
  return [b === ui.Button.YES, String(b), p.getResponseText(), p.getSelectedButton() === ui.Button.OK];
}
function sidebar() {
  var out = { getContent: function () { return '<p>hi</p>'; }, getTitle: function () { return 'Panel'; } };
  SpreadsheetApp.getUi().showSidebar(out);
  SpreadsheetApp.getActive().toast('Tersimpan', 'Siaran', 3);
}
function fromTrigger() { SpreadsheetApp.getUi(); }
`);

  test('menus are pushed as a UiEvent from a simple trigger', () => {
    const r = ok(sb, 'onOpen', { kind: 'simpleTrigger' });
    expect(r.ui).toEqual([
      {
        type: 'menu',
        name: 'Siaran',
        addon: false,
        items: [{ caption: 'Buka panel', functionName: 'openPanel' }, { separator: true }, { caption: 'Admin > Pasang', functionName: 'install' }],
      },
    ]);
  });

  test('alerts and prompts use the queued replies, or ask for one', () => {
    const r = ok(sb, 'ask', { replies: [{ button: 'YES' }, { button: 'OK', text: 'Ani' }] });
    expect(r.value).toEqual([true, 'YES', 'Ani', true]);
    expect(r.ui.map((e) => e.type)).toEqual(['alert', 'prompt']);
    const waiting = sb.run('ask');
    expect(waiting.needsReply).toEqual({ kind: 'alert', title: 'Hapus?', prompt: 'Yakin?', buttons: 'YES_NO' });
  });

  test('sidebars and toasts become UiEvents; getUi() fails in time-driven triggers', () => {
    const r = ok(sb, 'sidebar');
    expect(r.ui).toEqual([
      { type: 'sidebar', title: 'Panel', html: '<p>hi</p>' },
      { type: 'toast', message: 'Tersimpan', title: 'Siaran', timeoutSeconds: 3 },
    ]);
    expect(errorOf(sb, 'fromTrigger', { kind: 'trigger' })).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(errorOf(sb, 'sidebar', { kind: 'simpleTrigger' })).toMatch(/permission to call Ui.showSidebar/);
  });
});

describe('scale', () => {
  const sb = sandbox(`
function big() {
  var rows = [];
  for (var i = 0; i < 10000; i++) { var row = []; for (var j = 0; j < 20; j++) row.push(j === 0 ? i : 'r' + i + 'c' + j); rows.push(row); }
  var sh = SpreadsheetApp.getActive().getSheets()[0];
  sh.insertRowsAfter(1000, 9000);
  sh.getRange(1, 1, rows.length, 20).setValues(rows);
  var back = sh.getDataRange().getValues();
  return [back.length, back[9999][0], back[9999][19]];
}
`);

  test('10,000 x 20 round-trips through one setValues and one getValues', () => {
    const r = ok(sb, 'big');
    expect(r.value).toEqual([10000, 9999, 'r9999c19']);
    expect(listTabs(sb.state)[0]).toMatchObject({ rows: 10000, columns: 20 });
  });
});

describe('execution contexts and persistence', () => {
  const src = `
function caught() {
  try { SpreadsheetApp.getActive().getSheets()[0].getRange(0, 1); } catch (e) { return [e instanceof Error, e.name, e.message]; }
}
function writeFromTrigger() {
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  sh.getRange('A1:C1').setValues([[new Date(2026, 4, 17, 8, 0), '=HYPERLINK("https://x.test", "Buka")', 42]]);
  sh.setFrozenRows(1);
  return sh.getFrozenRows();
}
function readBack() {
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var v = sh.getRange('A1:C1').getValues()[0];
  return [v[0] instanceof Date, v[0].getHours(), v[0].getDate(), v[1], v[2], sh.getRange('B1').getFormula(), sh.getFrozenRows()];
}
function other() { return SpreadsheetApp.openById('someone-elses-file'); }
function ui() { return String(SpreadsheetApp.getUi()); }
`;

  test('errors are Errors of the script realm named Exception', () => {
    const sb = sandbox(src);
    expect(ok(sb, 'caught').value).toEqual([true, 'Exception', 'The starting row of the range is too small.']);
  });

  test('simple triggers write the bound workbook; state survives a reload from disk', () => {
    const sb = sandbox(src);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sbx-ss-data-'));
    dirs.push(dataDir);
    const first = new Sandbox({ projectDir: sb.project.dir, dataDir, owner: OWNER, services: [spreadsheetService] });
    expect(ok(first, 'writeFromTrigger', { kind: 'simpleTrigger' }).value).toBe(1);
    const second = new Sandbox({ projectDir: sb.project.dir, dataDir, services: [spreadsheetService] });
    expect(ok(second, 'readBack').value).toEqual([true, 8, 17, 'Buka', 42, '=HYPERLINK("https://x.test", "Buka")', 1]);
  });

  test('opening another file needs authorization; getUi() is refused in web apps', () => {
    const sb = sandbox(src);
    expect(errorOf(sb, 'other', { kind: 'simpleTrigger' })).toBe('You do not have permission to call SpreadsheetApp.openById');
    expect(errorOf(sb, 'ui', { kind: 'webapp' })).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(ok(sb, 'ui', { kind: 'menu' }).value).toBe('Ui');
  });
});

describe('growing past the grid', () => {
  const sb = sandbox(`
function fill() {
  var sh = SpreadsheetApp.getActive().getSheets()[0];
  sh.getRange('B:B').protect().removeEditors(['staf@example.org']);
  var rows = [];
  for (var i = 0; i < 1000; i++) rows.push(['r' + i, i]);
  sh.getRange(1, 1, 1000, 2).setValues(rows);
  sh.appendRow(['extra', 1000, 'new column?']);
  return [sh.getMaxRows(), sh.getLastRow(), sh.getRange('A1001:B1001').getValues()[0], sh.getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].getRange().getA1Notation()];
}
`);

  test('appendRow adds a row at the end and whole-column protections follow it', () => {
    expect(ok(sb, 'fill').value).toEqual([1001, 1001, ['extra', 1000], 'B1:B1001']);
    expect(() => applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'B1001', input: '5', user: 'staf@example.org' })).toThrow(/protected cell/);
    expect(applyUserEdit(sb.state, { tab: 'Sheet1', a1: 'A1001', input: '5,5', user: 'staf@example.org' }).value).toBe('5,5');
  });
});
