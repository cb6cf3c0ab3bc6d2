/**
 * Making user text safe to write to a sheet with Range.setValues.
 *
 * setValues interprets a string the way Sheets interprets typed input: "=SUM(A1)" becomes a
 * formula, and "+", "-", "@" starts are also parsed as formulas/operators by spreadsheet programs
 * (and by CSV exports opened in other programs, the classic formula-injection vector). A leading
 * apostrophe forces text; Sheets does not keep it as part of the value, so getValues returns the
 * original string.
 */

/** Characters that make a cell value a formula (or formula-like) when they come first. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The value to pass to setValues so that `value` is stored as plain text.
 * Prefixes an apostrophe when the text starts with '=', '+', '-', '@', tab or CR, and also when
 * it already starts with an apostrophe: Sheets would otherwise swallow that first apostrophe and
 * the stored text would lose a character.
 */
export function asSheetText(value: string): string {
  return FORMULA_START.test(value) || value.charAt(0) === "'" ? "'" + value : value;
}

/**
 * Remove control characters other than line feed and tab: C0 controls, DEL and C1 controls.
 * Carriage returns are not dropped but turned into line feeds (CRLF and lone CR both become
 * "\n"), so Windows line breaks survive as line breaks.
 */
export function stripControl(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
}

/** stripControl, then asSheetText: the usual treatment of free text from a user. */
export function sanitizeSheetText(value: string): string {
  return asSheetText(stripControl(value));
}

/**
 * A cell value for setValues: strings are sanitised (sanitizeSheetText); numbers, booleans and
 * Dates pass through; null and undefined become ''; anything else is converted with String().
 */
export function asSheetCell(value: unknown): string | number | boolean | Date {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return sanitizeSheetText(typeof value === 'string' ? value : String(value));
}
