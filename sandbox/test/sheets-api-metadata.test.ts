/**
 * The Sheets advanced service's developer metadata requests (spreadsheets.batchUpdate
 * createDeveloperMetadata / deleteDeveloperMetadata): what they create is what SpreadsheetApp's
 * finder sees, a column's metadata moves with its column, and a bad request applies nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { insertColumns } from '../src/actions';

const CODE = `
  function col(sheetId, index, key, value) {
    return { createDeveloperMetadata: { developerMetadata: { metadataKey: key, metadataValue: value, visibility: 'DOCUMENT',
      location: { dimensionRange: { sheetId: sheetId, dimension: 'COLUMNS', startIndex: index, endIndex: index + 1 } } } } };
  }
  function tag() {
    var ss = SpreadsheetApp.getActiveSpreadsheet();
    var id = ss.getSheets()[0].getSheetId();
    var r = Sheets.Spreadsheets.batchUpdate({ requests: [col(id, 0, 'k.col', 'id'), col(id, 2, 'k.col', 'status'),
      { createDeveloperMetadata: { developerMetadata: { metadataKey: 'k.lang', metadataValue: 'en', visibility: 'DOCUMENT', location: { spreadsheet: true } } } }] }, ss.getId());
    return r.replies.map(function (x) { return x.createDeveloperMetadata.developerMetadata.location.locationType; });
  }
  function seen() {
    return SpreadsheetApp.getActiveSpreadsheet().createDeveloperMetadataFinder().find().map(function (m) {
      var c = m.getLocation().getColumn();
      return m.getKey() + '=' + m.getValue() + (c ? '@' + c.getColumn() : '');
    }).sort();
  }
  function untag() {
    var ss = SpreadsheetApp.getActiveSpreadsheet();
    var r = Sheets.Spreadsheets.batchUpdate({ requests: [{ deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: 'k.col' } } } }] }, ss.getId());
    return r.replies[0].deleteDeveloperMetadata.deletedDeveloperMetadata.length;
  }
  function bad(what) {
    var ss = SpreadsheetApp.getActiveSpreadsheet();
    var id = ss.getSheets()[0].getSheetId();
    var wide = col(id, 0, 'k.col', 'x');
    wide.createDeveloperMetadata.developerMetadata.location.dimensionRange.endIndex = 3;
    var hidden = col(id, 0, 'k.col', 'x');
    delete hidden.createDeveloperMetadata.developerMetadata.visibility;
    var req = what === 'wide' ? wide : what === 'visibility' ? hidden : { deleteDeveloperMetadata: { dataFilter: {} } };
    try {
      Sheets.Spreadsheets.batchUpdate({ requests: [col(id, 1, 'k.col', 'first'), req] }, ss.getId());
      return 'no error';
    } catch (e) {
      return e.message;
    }
  }
`;

function sandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sheets-md-test-'));
  const manifest = { timeZone: 'Asia/Jakarta', runtimeVersion: 'V8', dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] } };
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'code.js'), CODE);
  return new Sandbox({ projectDir: dir, owner: 'owner@example.org', clockMs: Date.UTC(2026, 11, 1) });
}

describe('Sheets.Spreadsheets.batchUpdate developer metadata', () => {
  test('created metadata is found by SpreadsheetApp, follows its column, and is deleted by key', () => {
    const sb = sandbox();
    const made = sb.run('tag', { kind: 'editor' });
    expect(made.ok).toBe(true);
    expect(made.value).toEqual(['COLUMN', 'COLUMN', 'SPREADSHEET']);
    expect(sb.run('seen', { kind: 'editor' }).value).toEqual(['k.col=id@1', 'k.col=status@3', 'k.lang=en']);
    // A column inserted before the tagged ones moves them, as in Sheets.
    insertColumns(sb, 'owner@example.org', 'Sheet1', 1, 1);
    expect(sb.run('seen', { kind: 'editor' }).value).toEqual(['k.col=id@2', 'k.col=status@4', 'k.lang=en']);
    expect(sb.run('untag', { kind: 'editor' }).value).toBe(2);
    expect(sb.run('seen', { kind: 'editor' }).value).toEqual(['k.lang=en']);
  });

  test('a bad request is refused and nothing of the batch is applied', () => {
    const sb = sandbox();
    expect(sb.run('bad', { kind: 'editor', args: ['wide'] }).value).toMatch(/^API call to sheets\.spreadsheets\.batchUpdate failed with error: Invalid requests\[1\]\.createDeveloperMetadata: .*single row or column/);
    expect(sb.run('bad', { kind: 'editor', args: ['visibility'] }).value).toMatch(/visibility/);
    expect(sb.run('bad', { kind: 'editor', args: ['filter'] }).value).toMatch(/deleteDeveloperMetadata/);
    expect(sb.run('seen', { kind: 'editor' }).value).toEqual([]);
  });
});
