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

type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** The letters of column `col` (1-based). */
export function colLetters(col: number): string {
  let s = '';
  for (let x = col; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Column `col` from row 2 to the last row, in A1 notation ("C2:C"). */
export function columnA1(col: number): string {
  const c = colLetters(col);
  return `${c}2:${c}`;
}

/**
 * What setup wants protected on one tab: the whole tab (hard, for the owner; or warning-only) and
 * columns from row 2, warning-only or (`owner`) hard for the owner. Each protection is described
 * "Siaran: `what`", which is how a later run knows it as Siaran's.
 */
export interface ProtectionPlan {
  tab: 'owner' | 'warning' | null;
  what: string;
  columns: Array<{ col: number; what: string; owner?: boolean }>;
}

/** Every protection of a workbook, read once (two getProtections), by sheet. */
export class Protections {
  private readonly bySheet = new Map<number, { range: Protection[]; sheet: Protection[] }>();
  constructor(range: Protection[], sheet: Protection[]) {
    for (const [list, kind] of [[range, 'range'], [sheet, 'sheet']] as const) {
      for (const p of list) {
        const id = p.getRange().getSheet().getSheetId();
        const entry = this.bySheet.get(id) ?? { range: [], sheet: [] };
        entry[kind].push(p);
        this.bySheet.set(id, entry);
      }
    }
  }
  of(sheet: Sheet): { range: Protection[]; sheet: Protection[] } {
    return this.bySheet.get(sheet.getSheetId()) ?? { range: [], sheet: [] };
  }
}

const SIARAN = 'Siaran:';
const isSiaran = (p: Protection) => p.getDescription().indexOf(SIARAN) === 0;

/**
 * Makes the protections of `sheet` what `plan` says, touching only what differs (a repair run on a
 * workbook that already has them makes no write): Siaran's warning-only column protection of a
 * column stays, moved (setRange) when the column's rows or place changed; the others Siaran made
 * go; the missing ones are made. The tab's protection: a warning-only one stays when it is already
 * as asked (and has no unprotected ranges); a hard one for the owner goes through
 * protectSheetForOwner. A hard protection that the person running setup may not edit stays as it is.
 */
export function applyProtections(sheet: Sheet, existing: { range: Protection[]; sheet: Protection[] }, plan: ProtectionPlan): void {
  const description = `${SIARAN} ${plan.what}`;
  // By description ("Siaran: Tab / Column"): one protection per column.
  const wanted = new Map(plan.columns.map((c) => [`${SIARAN} ${c.what}`, { range: sheet.getRange(columnA1(c.col)), owner: c.owner === true }]));
  for (const p of existing.range) {
    const w = isSiaran(p) ? wanted.get(p.getDescription()) : undefined;
    // A hard one this person may not edit stays as it is (only its owner changes it), and is not made again.
    if (w && !p.isWarningOnly() && !p.canEdit()) {
      wanted.delete(p.getDescription());
      continue;
    }
    if (!w) {
      if (isSiaran(p) && (p.isWarningOnly() || p.canEdit())) p.remove();
      continue;
    }
    if (p.getRange().getA1Notation() !== w.range.getA1Notation()) p.setRange(w.range);
    if (w.owner) makeOwnerOnly(p);
    else if (!p.isWarningOnly()) p.setWarningOnly(true);
    wanted.delete(p.getDescription());
  }
  wanted.forEach((w, what) => {
    const p = w.range.protect().setDescription(what);
    if (w.owner) makeOwnerOnly(p);
    else p.setWarningOnly(true);
  });
  let kept = false;
  const left: Protection[] = [];
  for (const p of existing.sheet) {
    if (!isSiaran(p)) {
      left.push(p);
      continue;
    }
    if (plan.tab === 'warning' && !kept && p.isWarningOnly() && p.getDescription() === description && !p.getUnprotectedRanges().length) kept = true;
    else if (plan.tab === 'owner' && !p.isWarningOnly()) left.push(p);
    else if (p.isWarningOnly() || p.canEdit()) p.remove();
    else left.push(p);
  }
  if (plan.tab === 'warning' && !kept) sheet.protect().setDescription(description).setWarningOnly(true);
  if (plan.tab === 'owner') protectSheetForOwner(sheet, description, left);
}

/**
 * A hard protection of the whole tab for the workbook's owner (Google's documented recipe: remove
 * every editor, no domain edit). Apps Script keeps the owner and the person running the script as
 * editors. A hard protection that is not Siaran's, or that this person may not edit, stays as it
 * is; Siaran's own, when this person may edit it, is made as strict as a new one (its other
 * editors removed, no domain edit, no unprotected ranges) without being made again.
 */
export function protectSheetForOwner(sheet: Sheet, description: string, existing: Protection[]): void {
  const hard = existing.find((p) => !p.isWarningOnly());
  if (hard) {
    if (!isSiaran(hard) || !hard.canEdit()) return;
    if (hard.getDescription() !== description) hard.setDescription(description);
    makeOwnerOnly(hard);
    if (hard.getUnprotectedRanges().length) hard.setUnprotectedRanges([]);
    return;
  }
  // protect() hands back a tab's existing protection: someone's warning-only one becomes hard.
  makeOwnerOnly(sheet.protect().setDescription(description));
}

/**
 * Google's recipe for a protection only the owner may edit: not warning-only, every editor removed
 * (Apps Script keeps the owner and the person running the script), no domain edit. Changes only
 * what differs.
 */
function makeOwnerOnly(p: Protection): void {
  if (p.isWarningOnly()) p.setWarningOnly(false);
  const editors = p.getEditors();
  if (editors.length > 1) p.removeEditors(editors);
  if (p.canDomainEdit()) p.setDomainEdit(false);
}
