/**
 * The yearly archive's two ports:
 *
 * - `archiveRegistry()`: which archive workbook Siaran made for each year, its committed row counts
 *   and the journal of an unfinished run. Kept in the USER properties of the execution, so only the
 *   workbook owner's own executions (the menu is owner-only) can write it: a staff member cannot
 *   point Siaran at a spreadsheet of their choosing. Readers running as someone else see no entry.
 * - `ArchiveBook` functions: the archive spreadsheet through the Sheets advanced service (Sheets
 *   API v4), which works under the drive.file scope for files Siaran creates; the bound workbook
 *   stays on spreadsheets.currentonly.
 */
import type { ArchiveEntry } from '../core/archive';
import { parseEntry } from '../core/archive';

const PREFIX = 'siaran.arsip.';

export interface ArchiveRegistry {
  get(year: number): ArchiveEntry | null;
  set(entry: ArchiveEntry): void;
  /** Years with an entry, ascending. */
  years(): number[];
}

/** The registry in the user properties (one getUserProperties; get/set one property each). */
export function archiveRegistry(): ArchiveRegistry {
  const p = PropertiesService.getUserProperties();
  return {
    get: (year) => parseEntry(p.getProperty(PREFIX + year)),
    set: (entry) => {
      p.setProperty(PREFIX + entry.year, JSON.stringify(entry));
    },
    years: () =>
      p
        .getKeys()
        .filter((k) => k.indexOf(PREFIX) === 0)
        .map((k) => Number(k.slice(PREFIX.length)))
        .filter((y) => Number.isInteger(y))
        .sort((a, b) => a - b),
  };
}

function sheetsApi(): GoogleAppsScript.Sheets {
  if (typeof Sheets === 'undefined' || !Sheets) throw new Error('The Sheets advanced service is not enabled in appsscript.json');
  return Sheets;
}

/** A1 of a block on a named sheet (1-based row, 0-based width). */
export function blockA1(sheet: string, row: number, width: number, rows: number): string {
  const col = (n: number): string => {
    let s = '';
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  return `'${sheet.replace(/'/g, "''")}'!A${row}:${col(Math.max(1, width))}${row + Math.max(1, rows) - 1}`;
}

/** One Spreadsheets.create: a new spreadsheet with these sheets (WIB, Indonesian locale). */
export function createArchiveBook(title: string, sheetNames: string[]): { id: string; url: string; sheetIds: number[] } {
  const ss = sheetsApi().Spreadsheets.create({
    properties: { title, timeZone: 'Asia/Jakarta', locale: 'id_ID' },
    sheets: sheetNames.map((t) => ({ properties: { title: t, gridProperties: { frozenRowCount: 1 } } })),
  });
  return { id: ss.spreadsheetId ?? '', url: ss.spreadsheetUrl ?? '', sheetIds: (ss.sheets ?? []).map((s) => s.properties?.sheetId ?? 0) };
}

/** One Values.batchUpdate (RAW: text stays text) of blocks given by A1. */
export function writeArchiveBlocks(id: string, blocks: Array<{ range: string; values: Array<Array<string | number | boolean>> }>): void {
  sheetsApi().Spreadsheets.Values.batchUpdate({ valueInputOption: 'RAW', data: blocks }, id);
}

/** One Values.batchGet of ranges, unformatted, dates as serial numbers; a missing block is []. */
export function readArchiveBlocks(id: string, ranges: string[]): unknown[][][] {
  if (!ranges.length) return [];
  const res = sheetsApi().Spreadsheets.Values.batchGet(id, { ranges, valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER' });
  return (res.valueRanges ?? []).map((r) => (r.values ?? []) as unknown[][]);
}

/** One Spreadsheets.batchUpdate: a date-time number format on the given columns' rows. */
export function formatArchiveDates(id: string, blocks: Array<{ sheetId: number; startRow: number; endRow: number; columns: number[] }>): void {
  const requests = blocks.flatMap((b) =>
    b.columns.map((c) => ({
      repeatCell: {
        range: { sheetId: b.sheetId, startRowIndex: b.startRow, endRowIndex: b.endRow, startColumnIndex: c, endColumnIndex: c + 1 },
        cell: { userEnteredFormat: { numberFormat: { type: 'DATE_TIME', pattern: 'yyyy-mm-dd hh:mm:ss' } } },
        fields: 'userEnteredFormat.numberFormat',
      },
    })),
  );
  if (requests.length) sheetsApi().Spreadsheets.batchUpdate({ requests }, id);
}
