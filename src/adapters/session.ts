/** Session and the active spreadsheet: who runs this execution, and where. */
import { activeSpreadsheet, Workbook } from './workbook';

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

/** The onOpen event object; opaque outside the adapters. */
export interface OpenEvent {
  readonly __brand: 'OpenEvent';
}

/** The opened workbook: the open event's source (no call), else the active spreadsheet. */
export function openedWorkbook(e?: OpenEvent): Workbook {
  const source = (e as unknown as GoogleAppsScript.Events.SheetsOnOpen | undefined)?.source;
  return source ? new Workbook(source) : Workbook.active();
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
    return activeSpreadsheet().getUrl();
  } catch {
    return '';
  }
}

/**
 * True when this execution runs as the workbook's owner: the web app deployed "execute as me",
 * the owner's installed triggers, and the owner's own menu and panel runs. Google decides both
 * facts (whose authority the script runs with, and who owns the file); no editor can change them.
 * A workbook in a shared drive has no owner: then no execution is the owner's. The owner is looked
 * up once per execution (and the active spreadsheet fetched once).
 */
export function runsAsOwner(): boolean {
  try {
    const me = Session.getEffectiveUser().getEmail();
    const owner = workbookOwnerEmail();
    return !!me && !!owner && owner.toLowerCase() === me.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The workbook owner's email (getOwner, getEmail: once per execution, since neither the file's
 * owner nor the execution's authority changes while it runs); '' when not available.
 */
let ownerEmail: string | null = null;
export function workbookOwnerEmail(): string {
  if (ownerEmail !== null) return ownerEmail;
  try {
    const owner = activeSpreadsheet().getOwner();
    ownerEmail = owner ? owner.getEmail() || '' : '';
  } catch {
    ownerEmail = '';
  }
  return ownerEmail;
}
