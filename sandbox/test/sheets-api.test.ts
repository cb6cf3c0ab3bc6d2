import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';

function sandboxWith(code: string, enabled = true): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sheets-api-test-'));
  const manifest: Record<string, unknown> = { timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' };
  if (enabled) manifest.dependencies = { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] };
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'code.js'), code);
  return new Sandbox({ projectDir: dir, owner: 'owner@example.org', clockMs: Date.UTC(2026, 11, 1) });
}

const CODE = `
  function make() {
    var ss = Sheets.Spreadsheets.create({ properties: { title: 'Arsip 2025', timeZone: 'Asia/Jakarta' },
      sheets: [{ properties: { title: 'Konsep Konten' } }, { properties: { title: 'Log' } }] });
    return { id: ss.spreadsheetId, sheets: ss.sheets.map(function (s) { return s.properties.title; }), url: ss.spreadsheetUrl,
             isArray: ss.sheets instanceof Array };
  }
  function write(id) {
    var r = Sheets.Spreadsheets.Values.batchUpdate({ valueInputOption: 'RAW', data: [
      { range: "'Konsep Konten'!A1", values: [['ID', 'Periode', 'Tanggal', 'Teks']] },
      { range: "'Konsep Konten'!A2", values: [['K-0001', '2025-01', 45678.5, '=SUM(1,2)'], ['K-0002', '0812', true, '']] },
    ] }, id);
    return r.totalUpdatedCells;
  }
  function read(id, render) {
    return Sheets.Spreadsheets.Values.batchGet(id, { ranges: ["'Konsep Konten'!A1:D10", 'Log!A1:B2'], valueRenderOption: render || 'UNFORMATTED_VALUE' }).valueRanges;
  }
  function userEntered(id) {
    Sheets.Spreadsheets.Values.update({ values: [['=1+2', '2025-03-04']] }, id, 'Log!A1', { valueInputOption: 'USER_ENTERED' });
    return Sheets.Spreadsheets.Values.get(id, 'Log!A1:B1', { valueRenderOption: 'FORMULA' }).values;
  }
  function append(id) {
    var a = Sheets.Spreadsheets.Values.append({ values: [['K-0003', '2025-02']] }, id, "'Konsep Konten'!A:D", { valueInputOption: 'RAW' });
    return a.updates.updatedRange;
  }
  function dates(id) {
    Sheets.Spreadsheets.Values.update({ values: [[new Date(Date.UTC(2025, 0, 2, 3, 0, 0))]] }, id, 'Log!C1', { valueInputOption: 'RAW' });
    Sheets.Spreadsheets.batchUpdate({ requests: [{ repeatCell: { range: { sheetId: 0, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 2, endColumnIndex: 3 },
      cell: { userEnteredFormat: { numberFormat: { type: 'DATE_TIME', pattern: 'yyyy-mm-dd hh:mm' } } }, fields: 'userEnteredFormat.numberFormat' } }] }, id);
    var opened = SpreadsheetApp.openById(id).getSheetByName('Konsep Konten').getRange('C2').getValue();
    return { wire: Sheets.Spreadsheets.Values.get(id, 'Log!C1').values[0][0],
             shown: Sheets.Spreadsheets.Values.get(id, "'Konsep Konten'!C2").values[0][0],
             asDate: opened instanceof Date ? opened.toISOString() : String(opened) };
  }
  function bad(id, what) {
    try {
      if (what === 'range') Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['Nope!A1'] });
      if (what === 'grid') Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['Log!A1:A5000'] });
      if (what === 'input') Sheets.Spreadsheets.Values.batchUpdate({ data: [{ range: 'Log!A1', values: [['x']] }] }, id);
      if (what === 'request') Sheets.Spreadsheets.batchUpdate({ requests: [{ deleteSheet: { sheetId: 0 } }] }, id);
      if (what === 'id') Sheets.Spreadsheets.Values.get('no-such-id', 'A1');
      return 'no error';
    } catch (e) { return e.name + ': ' + e.message; }
  }
  function present() { return typeof Sheets; }
`;

describe('Sheets advanced service', () => {
  test('absent unless the manifest enables it', () => {
    expect(sandboxWith(CODE, false).run('present').value).toBe('undefined');
    expect(sandboxWith(CODE).run('present').value).toBe('object');
  });

  test('create makes a Google Sheets file owned by the caller, with the named sheets', () => {
    const sb = sandboxWith(CODE);
    const r = sb.run('make');
    expect(r.error).toBeUndefined();
    const v = r.value as { id: string; sheets: string[]; url: string; isArray: boolean };
    expect(v.sheets).toEqual(['Konsep Konten', 'Log']);
    expect(v.isArray).toBe(true);
    expect(v.url).toContain(v.id);
    const files = sb.run('present'); // a later execution still finds it through SpreadsheetApp
    expect(files.error).toBeUndefined();
  });

  test('RAW writes keep text as text; batchGet renders unformatted values and trims empty cells', () => {
    const sb = sandboxWith(CODE);
    const id = (sb.run('make').value as { id: string }).id;
    expect(sb.run('write', { args: [id] }).value).toBe(12); // an empty string counts as an updated cell
    const ranges = sb.run('read', { args: [id] }).value as Array<{ range: string; values?: unknown[][] }>;
    expect(ranges[0].range).toBe("'Konsep Konten'!A1:D10");
    expect(ranges[0].values).toEqual([
      ['ID', 'Periode', 'Tanggal', 'Teks'],
      ['K-0001', '2025-01', 45678.5, '=SUM(1,2)'],
      ['K-0002', '0812', true],
    ]);
    expect(ranges[1].values).toBeUndefined();
    const shown = sb.run('read', { args: [id, 'FORMATTED_VALUE'] }).value as Array<{ values: unknown[][] }>;
    expect(shown[0].values[2]).toEqual(['K-0002', '0812', 'TRUE']);
  });

  test('USER_ENTERED parses input as typed; append writes below the table', () => {
    const sb = sandboxWith(CODE);
    const id = (sb.run('make').value as { id: string }).id;
    sb.run('write', { args: [id] });
    expect(sb.run('userEntered', { args: [id] }).value).toEqual([['=1+2', 45720]]);
    expect(sb.run('append', { args: [id] }).value).toBe("'Konsep Konten'!A4:B4");
  });

  test('dates travel as the API carries them; a date number format makes a serial a date', () => {
    const sb = sandboxWith(CODE);
    const id = (sb.run('make').value as { id: string }).id;
    sb.run('write', { args: [id] });
    const v = sb.run('dates', { args: [id] }).value as { wire: unknown; shown: unknown; asDate: string };
    expect(v.wire).toBe('2025-01-02T03:00:00.000Z'); // a Date is sent as its JSON text
    expect(v.shown).toBe('2025-01-21 12:00');
    expect(v.asDate).toBe('2025-01-21T05:00:00.000Z'); // serial 45678.5 in Asia/Jakarta
  });

  test("errors carry the API's messages", () => {
    const sb = sandboxWith(CODE);
    const id = (sb.run('make').value as { id: string }).id;
    expect(sb.run('bad', { args: [id, 'range'] }).value).toBe('GoogleJsonResponseException: API call to sheets.spreadsheets.values.batchGet failed with error: Unable to parse range: Nope!A1');
    expect(sb.run('bad', { args: [id, 'grid'] }).value).toBe(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.values.batchGet failed with error: Range (Log!A1:A5000) exceeds grid limits. Max rows: 1000, max columns: 26',
    );
    expect(sb.run('bad', { args: [id, 'input'] }).value).toContain('Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED');
    expect(sb.run('bad', { args: [id, 'request'] }).value).toContain('Unknown name "deleteSheet"');
    expect(sb.run('bad', { args: [id, 'id'] }).value).toContain('Requested entity was not found.');
  });

  test('someone without access to the file is refused', () => {
    const sb = sandboxWith(CODE);
    const id = (sb.run('make').value as { id: string }).id;
    const r = sb.run('bad', { args: [id, 'range'], user: 'staff@example.org' });
    expect(r.value).toBe('GoogleJsonResponseException: API call to sheets.spreadsheets.values.batchGet failed with error: The caller does not have permission');
  });

  test('each call is recorded once under Sheets', () => {
    const sb = sandboxWith(CODE);
    const id = (sb.run('make').value as { id: string }).id;
    const r = sb.run('read', { args: [id] });
    expect(r.calls.filter((c) => c.service === 'Sheets').map((c) => c.method)).toEqual(['Spreadsheets.Values.batchGet']);
  });
});
