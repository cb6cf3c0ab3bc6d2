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
  // A hard protection (the roster's) stays when the person running setup may not edit it.
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) if (p.getDescription().indexOf('Siaran:') === 0 && (p.isWarningOnly() || p.canEdit())) p.remove();
}

/**
 * A hard protection of the whole tab for the workbook's owner (Google's documented recipe: remove
 * every editor, no domain edit). Apps Script keeps the owner and the person running the script as
 * editors. When a hard protection that this person may not edit is already there, it stays as is.
 */
export function protectSheetForOwner(sheet: Sheet, description: string): void {
  if (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).some((p) => !p.isWarningOnly())) return;
  const p = sheet.protect().setDescription(description);
  p.removeEditors(p.getEditors());
  if (p.canDomainEdit()) p.setDomainEdit(false);
}
