/** Session and the active spreadsheet: who runs this execution, and where. */
import { Workbook } from './workbook';

/** The active user's email ('' when Apps Script does not reveal it). */
export function activeEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || '';
  } catch (_e) {
    return '';
  }
}

/** The active spreadsheet as a Workbook (getActiveSpreadsheet). */
export function activeWorkbook(): Workbook {
  return Workbook.active();
}

/** The deployed web app's URL ('' when not deployed or not available). */
export function webAppUrl(): string {
  try {
    return ScriptApp.getService().getUrl() || '';
  } catch {
    return '';
  }
}

/** The active spreadsheet's URL ('' when not available). */
export function workbookUrl(): string {
  try {
    return SpreadsheetApp.getActiveSpreadsheet().getUrl();
  } catch {
    return '';
  }
}

/** The workbook owner's email (getActiveSpreadsheet, getOwner, getEmail); '' when not available. */
export function workbookOwnerEmail(): string {
  try {
    const owner = SpreadsheetApp.getActiveSpreadsheet().getOwner();
    return owner ? owner.getEmail() || '' : '';
  } catch {
    return '';
  }
}
