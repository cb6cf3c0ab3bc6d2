/**
 * Test projects: the built dist/ exactly as it ships, copied to a temp folder, plus (optionally) a
 * test-only script file that fills tabs in bulk with SpreadsheetApp, as a person pasting rows would.
 * The extra file shares the global scope like any other file of an Apps Script project.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../../sandbox/src/sandbox';

export const DIST = path.resolve(__dirname, '../../dist');

const BULK_HELPERS = `
/** Test only: appends rows to a tab, given as objects keyed by header. */
function zzTestAppendRows(tabName, records) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tabName);
  var width = sheet.getLastColumn();
  var headers = sheet.getRange(1, 1, 1, width).getValues()[0];
  var rows = records.map(function (r) {
    return headers.map(function (h) { return r[h] === undefined ? '' : r[h]; });
  });
  var start = sheet.getLastRow() + 1;
  // Leave 100 empty rows below the data, as a sheet a person fills has.
  var need = start + rows.length - 1 + 100;
  if (need > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), need - sheet.getMaxRows());
  if (rows.length) sheet.getRange(start, 1, rows.length, width).setValues(rows);
  return rows.length;
}
`;

export function testProject(opts: { bulk?: boolean; extra?: Record<string, string> } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'siaran-project-'));
  cpSync(DIST, dir, { recursive: true });
  if (opts.bulk) writeFileSync(path.join(dir, 'zz-test-helpers.js'), BULK_HELPERS);
  for (const [name, source] of Object.entries(opts.extra ?? {})) writeFileSync(path.join(dir, name), source);
  return dir;
}

export const T0 = Date.parse('2026-11-26T02:00:00Z'); // Thursday 26 November 2026, 09:00 WIB

export function newSandbox(opts: { owner?: string; bulk?: boolean; clockMs?: number; extra?: Record<string, string> } = {}): Sandbox {
  return new Sandbox({ projectDir: testProject({ bulk: opts.bulk, extra: opts.extra }), owner: opts.owner ?? 'kabag@mk.example.id', clockMs: opts.clockMs ?? T0 });
}
