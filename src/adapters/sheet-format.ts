/** SpreadsheetApp's builders for tab formatting: data validation, conditional formats, protections. */
type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A validation that accepts the values of `list` (shown as a dropdown when `dropdown`). */
export function listValidation(list: string[], dropdown: boolean, allowInvalid: boolean): GoogleAppsScript.Spreadsheet.DataValidation {
  return SpreadsheetApp.newDataValidation().requireValueInList(list, dropdown).setAllowInvalid(allowInvalid).build();
}

/**
 * A dropdown of the values in `range` that warns about other values rather than rejecting them:
 * the list (people) may lag behind, and submitting lists every wrong value with a plain message.
 */
export function rangeValidation(range: Range): GoogleAppsScript.Spreadsheet.DataValidation {
  return SpreadsheetApp.newDataValidation().requireValueInRange(range, true).setAllowInvalid(true).build();
}

/** One conditional-format rule per status: the cell's text equal to the status gets its colours. */
export function statusColorRules(range: Range, colors: Record<string, { bg: string; fg: string }>): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  for (const [status, c] of Object.entries(colors)) {
    rules.push(SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(status).setBackground(c.bg).setFontColor(c.fg).setRanges([range]).build());
  }
  return rules;
}

/** Removes the range and sheet protections Siaran made (description "Siaran: …"). */
export function removeSiaranProtections(sheet: Sheet): void {
  const mine = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((p) => p.getDescription().indexOf('Siaran:') === 0);
  mine.forEach((p) => p.remove());
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) if (p.getDescription().indexOf('Siaran:') === 0) p.remove();
}
