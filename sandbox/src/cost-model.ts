/**
 * The modeled cost of Apps Script service calls, in milliseconds. One place for every constant.
 *
 * Sources (see the project's field notes): Google's best-practices page (10,000 single-cell calls
 * took about 70 s; one batched call about 1 s), published measurements of Spreadsheet round trips
 * (30-100 ms), flush (~0.5 s), MailApp.sendEmail (1-2 s), Properties get/set (30/60 ms).
 * Figures for DocumentApp and DriveApp are not published; they are set to a Spreadsheet-like round
 * trip, and a per-element cost for document builds.
 */
export const COST_MS = {
  /** Calls that only touch objects already in memory (getName on a fetched sheet, Logger.log). */
  local: 0,
  /** A read round trip to the Spreadsheet service (getValues, getSheets, getDataRange...). */
  spreadsheetRead: 50,
  /** A write round trip (setValues, setBackgrounds, insertSheet...). */
  spreadsheetWrite: 60,
  /** Extra cost per 1,000 cells moved by one read or write. */
  spreadsheetPer1000Cells: 5,
  /** SpreadsheetApp.flush(). */
  spreadsheetFlush: 500,
  /** Opening a spreadsheet/the active spreadsheet. */
  spreadsheetOpen: 100,
  /** Ui calls (menus, toasts, alerts, sidebars). */
  ui: 100,
  /** MailApp.sendEmail. */
  mailSend: 1500,
  mailQuota: 30,
  /** PropertiesService / CacheService. */
  propertiesGet: 30,
  propertiesSet: 60,
  cacheGet: 20,
  cacheSet: 30,
  /** LockService acquisition (uncontended). */
  lock: 30,
  /** DocumentApp: open/create/save, and each element appended or changed. */
  documentOpen: 400,
  documentCreate: 800,
  documentSave: 500,
  documentElement: 15,
  /** DriveApp: a metadata call; a blob conversion (getAs PDF). */
  drive: 100,
  driveCreate: 300,
  pdfConvert: 2000,
  /** CalendarApp: fetching a calendar or its events (one round trip; the events' getters are local). */
  calendar: 100,
  /** ScriptApp triggers. */
  trigger: 200,
  /** Utilities: signing and hashing, date formatting, CSV parsing are in-process and cheap. */
  utilities: 1,
  /**
   * Charts: rendering a built chart to an image (Chart.getAs / getBlob). An estimate: Google
   * renders charts on its servers and publishes no figure; about a second per image.
   */
  chartRender: 1000,
  /**
   * An advanced-service call (a REST call to a Google API through Apps Script: Docs
   * documents.create/get/batchUpdate). The field notes give roughly 0.3-1 s per call in published
   * measurements; this is the middle of that range. One call, whatever the number of requests a
   * batchUpdate carries: Google publishes no per-request figure.
   */
  advancedService: 650,
  /** HtmlService evaluation of a template. */
  html: 20,
} as const;

export type CostKey = keyof typeof COST_MS;

/** Apps Script's per-execution limit (6 minutes). */
export const DEFAULT_BUDGET_MS = 6 * 60 * 1000;
/** Simple triggers (onOpen, onEdit) must finish in 30 seconds. */
export const SIMPLE_TRIGGER_BUDGET_MS = 30 * 1000;

export function cellsCost(cells: number): number {
  return Math.round((cells / 1000) * COST_MS.spreadsheetPer1000Cells);
}
