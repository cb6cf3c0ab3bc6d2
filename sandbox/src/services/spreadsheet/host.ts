/**
 * Host-side access to the bound workbook (the CLI and the workbench use these, not scripts):
 * list and view tabs, apply edits as a user typing into Sheets, and structure edits.
 * They operate directly on the sandbox state, outside any execution.
 */
import type { SandboxState } from '../../state';
import {
  blockingProtection,
  BookJson,
  Cell,
  cellScalar,
  CfRuleJson,
  contains,
  intersects,
  setLayer,
  DvJson,
  displayAt,
  dvAt,
  eventValue,
  findSheetByName,
  getBook,
  getCell,
  getLayer,
  inputToCell,
  lastColumn,
  lastRow,
  lettersToCol,
  parseA1,
  PROTECTED_MESSAGE,
  Rect,
  rectToA1,
  satisfies,
  setCell,
  SheetJson,
  shiftSheet,
  splitSheetPrefix,
  toColumn,
  validationListValues,
} from './model';
import { authModeFor, CELL_TOO_LONG, INTERNALS, MAX_CELL_CHARS, User } from './api';
import { recalc, renameFormulaRefs, shiftFormulaRefs } from './formula';

export interface HostOptions {
  /** The time zone of a workbook created by this call (default: Apps Script's America/New_York). */
  timeZone?: string;
}

function book(state: SandboxState, opts?: HostOptions): BookJson {
  const b = getBook(state, opts?.timeZone);
  recalc(b, state.clockMs);
  return b;
}

function tabOf(b: BookJson, tab: string): SheetJson {
  const s = findSheetByName(b, tab);
  if (!s) throw new Error(`No tab named "${tab}".`);
  return s;
}

export interface WorkbookInfo {
  id: string;
  name: string;
  url: string;
  timeZone: string;
  locale: string;
  owner: string;
  activeSheet: string;
  activeRange: string | null;
}

export function workbookInfo(state: SandboxState, opts?: HostOptions): WorkbookInfo {
  const b = book(state, opts);
  const active = b.sheets.find((s) => s.id === b.activeSheetId) ?? b.sheets[0];
  return {
    id: b.id,
    name: b.name,
    url: `https://docs.google.com/spreadsheets/d/${b.id}/edit`,
    timeZone: b.timeZone,
    locale: b.locale,
    owner: b.owner,
    activeSheet: active.name,
    activeRange: b.activeRange,
  };
}

/** Sets workbook settings as File > Settings does. */
export function setWorkbookSettings(state: SandboxState, settings: { name?: string; timeZone?: string; locale?: string; editors?: string[] }): void {
  const b = book(state, { timeZone: settings.timeZone });
  if (settings.name !== undefined) b.name = settings.name;
  if (settings.timeZone !== undefined) b.timeZone = settings.timeZone;
  if (settings.locale !== undefined) b.locale = settings.locale;
  if (settings.editors !== undefined) b.editors = settings.editors.filter((e) => e !== b.owner);
}

export interface TabInfo {
  name: string;
  sheetId: number;
  index: number;
  rows: number;
  columns: number;
  frozenRows: number;
  hidden: boolean;
}

export function listTabs(state: SandboxState, opts?: HostOptions): TabInfo[] {
  return book(state, opts).sheets.map((s, i) => ({
    name: s.name,
    sheetId: s.id,
    index: i + 1,
    rows: lastRow(s),
    columns: lastColumn(s),
    frozenRows: s.frozenRows,
    hidden: s.hidden,
  }));
}

export interface ColumnValidation {
  type: string;
  /** Values a dropdown offers (list, range, checkbox); empty for other rules. */
  values: string[];
  allowInvalid: boolean;
  helpText: string;
}

export interface SheetView {
  name: string;
  sheetId: number;
  /** Row 1, as displayed. */
  headers: string[];
  /** Rows 2..lastRow, as displayed. */
  rows: string[][];
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  tabColor: string | null;
  hiddenColumns: number[];
  /** Backgrounds of rows 1..lastRow (index 0 is the header row), conditional formats applied; null = default. */
  backgrounds: (string | null)[][];
  /** Per column (index 0 = column A): the validation of its data rows, if any. */
  validations: (ColumnValidation | null)[];
  /** 1-based columns whose data rows the viewing user may not edit. */
  protectedColumns: number[];
}

function cellText(b: BookJson, s: SheetJson, r: number, c: number): string {
  return displayAt(b, s, r, c);
}

/** Evaluates the simple custom formulas conditional formats use (=$C2="x", =$C2<>"", =C2>5). */
function customFormula(b: BookJson, s: SheetJson, formula: string, anchor: Rect, r: number, c: number): boolean {
  const m = /^=\s*(\$?)([A-Za-z]{1,3})(\$?)(\d+)\s*(=|<>|>=|<=|>|<)\s*(?:"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?)|(TRUE|FALSE))\s*$/i.exec(formula.trim());
  if (!m) return false;
  const col = m[1] ? lettersToCol(m[2]) : lettersToCol(m[2]) + (c - anchor.c);
  const row = m[3] ? Number(m[4]) : Number(m[4]) + (r - anchor.r);
  const v = cellScalar(getCell(s, row, col));
  const op = m[5];
  let left: string | number | boolean;
  let right: string | number | boolean;
  if (m[7] !== undefined) {
    if (typeof v !== 'number') return op === '<>';
    left = v;
    right = Number(m[7]);
  } else if (m[8] !== undefined) {
    left = v === true;
    right = m[8].toUpperCase() === 'TRUE';
  } else {
    left = cellText(b, s, row, col).toLowerCase();
    right = (m[6] ?? '').replace(/""/g, '"').toLowerCase();
  }
  switch (op) {
    case '=':
      return left === right;
    case '<>':
      return left !== right;
    case '>':
      return left > right;
    case '<':
      return left < right;
    case '>=':
      return left >= right;
    default:
      return left <= right;
  }
}

function cfMatches(b: BookJson, s: SheetJson, rule: CfRuleJson, anchor: Rect, r: number, c: number): boolean {
  const text = cellText(b, s, r, c);
  const [a] = rule.cond.values;
  const v = cellScalar(getCell(s, r, c));
  switch (rule.cond.type) {
    case 'TEXT_EQUAL_TO':
      return text.toLowerCase() === String(a).toLowerCase();
    case 'TEXT_CONTAINS':
      return text.toLowerCase().includes(String(a).toLowerCase());
    case 'TEXT_STARTS_WITH':
      return text.toLowerCase().startsWith(String(a).toLowerCase());
    case 'CELL_EMPTY':
      return text === '';
    case 'CELL_NOT_EMPTY':
      return text !== '';
    case 'NUMBER_GREATER_THAN':
      return typeof v === 'number' && v > Number(a);
    case 'NUMBER_LESS_THAN':
      return typeof v === 'number' && v < Number(a);
    case 'CUSTOM_FORMULA':
      return customFormula(b, s, String(a), anchor, r, c);
    default:
      return false;
  }
}

function columnValidation(b: BookJson, rule: DvJson): ColumnValidation {
  return { type: rule.type, values: validationListValues(b, rule), allowInvalid: rule.allowInvalid, helpText: rule.helpText };
}

export function sheetView(state: SandboxState, tabName: string, opts?: HostOptions & { user?: string }): SheetView {
  const b = book(state, opts);
  const s = tabOf(b, tabName);
  const lr = lastRow(s);
  const lc = lastColumn(s);
  const headers: string[] = [];
  for (let c = 1; c <= lc; c++) headers.push(cellText(b, s, 1, c));
  const rows: string[][] = [];
  for (let r = 2; r <= lr; r++) {
    const line: string[] = [];
    for (let c = 1; c <= lc; c++) line.push(cellText(b, s, r, c));
    rows.push(line);
  }
  const backgrounds: (string | null)[][] = [];
  for (let r = 1; r <= lr; r++) {
    const line: (string | null)[] = [];
    for (let c = 1; c <= lc; c++) line.push((getLayer(s, 'bg', r, c) as string | null) ?? null);
    backgrounds.push(line);
  }
  for (const rule of s.cf) {
    if (!rule.fmt.bg || !rule.ranges.length) continue;
    const anchor = rule.ranges[0];
    for (const rect of rule.ranges) {
      for (let r = rect.r; r < Math.min(rect.r + rect.nr, lr + 1); r++) {
        for (let c = rect.c; c < Math.min(rect.c + rect.nc, lc + 1); c++) {
          if (cfMatches(b, s, rule, anchor, r, c)) backgrounds[r - 1][c - 1] = rule.fmt.bg;
        }
      }
    }
  }
  const validations: (ColumnValidation | null)[] = [];
  const width = Math.max(lc, 1);
  for (let c = 1; c <= width; c++) {
    let found: DvJson | undefined;
    for (let r = 2; r <= Math.max(lr + 1, 2) && !found; r++) found = dvAt(b, s, r, c);
    validations.push(found ? columnValidation(b, found) : null);
  }
  const protectedColumns: number[] = [];
  const user = opts?.user ?? b.owner;
  for (let c = 1; c <= width; c++) {
    const rect = { r: 2, c, nr: Math.max(1, lr - 1), nc: 1 };
    const p = blockingProtection(b, s, rect, user);
    if (p && (!p.rect || (p.rect.c <= c && p.rect.c + p.rect.nc > c && p.rect.r <= 2 && p.rect.r + p.rect.nr >= rect.r + rect.nr))) protectedColumns.push(c);
  }
  return {
    name: s.name,
    sheetId: s.id,
    headers,
    rows,
    maxRows: s.maxRows,
    maxColumns: s.maxCols,
    lastRow: lr,
    lastColumn: lc,
    frozenRows: s.frozenRows,
    tabColor: s.tabColor,
    hiddenColumns: [...s.hiddenCols],
    backgrounds,
    validations,
    protectedColumns,
  };
}

/** What an edit event reports about an edited cell or block (a paste). */
export interface EditInfo {
  sheetId: number;
  sheetName: string;
  row: number;
  column: number;
  /** The size of the edited block (absent: one cell). */
  numRows?: number;
  numColumns?: number;
  a1: string;
  /** Only for a single cell, as Sheets: a block edit has neither. */
  oldValue?: string;
  value?: string;
  /** Sheets' warning when the edit touched a warning-only protection (the edit went through, as after "OK"). */
  warning?: string;
}

/** Sheets' dialog for a warning-only protection. */
export const PROTECTION_WARNING = "Heads up! You're trying to edit part of this sheet that shouldn't be changed accidentally.";

/** The warning-only protection an edit of `rect` touches, if any (they warn everyone). */
function warningFor(b: BookJson, s: SheetJson, rect: Rect): string | undefined {
  for (const p of b.protections) {
    if (p.sheetId !== s.id || !p.warningOnly) continue;
    if (p.rect ? intersects(p.rect, rect) : !p.unprotected.some((u) => contains(u, rect))) return PROTECTION_WARNING;
  }
  return undefined;
}

export interface UserEdit {
  tab: string;
  a1: string;
  input: string;
  user: string;
}

function rejectText(rule: DvJson): string {
  if (rule.helpText) return rule.helpText;
  switch (rule.type) {
    case 'VALUE_IN_LIST':
      return 'Input must be an item on the specified list';
    case 'VALUE_IN_RANGE':
      return 'Input must fall within specified range';
    case 'DATE_IS_VALID_DATE':
      return 'Input must be a valid date';
    case 'NUMBER_BETWEEN':
      return `Input must be a number between ${String(rule.values[0])} and ${String(rule.values[1])}`;
    case 'CHECKBOX':
      return 'Input must be a checkbox value';
    case 'TEXT_IS_VALID_EMAIL':
      return 'Input must be a valid email address';
    case 'TEXT_IS_VALID_URL':
      return 'Input must be a valid URL';
    default:
      return 'Input violates the data validation rule of this cell';
  }
}

function editCell(b: BookJson, s: SheetJson, r: number, c: number, input: string, user: string, now: number): EditInfo {
  if (r < 1 || c < 1 || r > s.maxRows || c > s.maxCols) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
  if (input.length > MAX_CELL_CHARS) throw new Error(CELL_TOO_LONG);
  if (blockingProtection(b, s, { r, c, nr: 1, nc: 1 }, user)) throw new Error(PROTECTED_MESSAGE);
  const before: Cell = getCell(s, r, c);
  const nfBefore = getLayer(s, 'nf', r, c);
  const next = inputToCell(b, s, r, c, input);
  const rule = dvAt(b, s, r, c);
  if (rule && !rule.allowInvalid) {
    setCell(s, r, c, next);
    const ok = satisfies(b, rule, next, displayAt(b, s, r, c));
    if (!ok) {
      setCell(s, r, c, before);
      if (getLayer(s, 'nf', r, c) !== nfBefore) {
        const row = s.layers.nf?.[r - 1];
        if (row) row[c - 1] = nfBefore;
      }
      throw new Error(`There was a problem. ${rejectText(rule)}`);
    }
  } else setCell(s, r, c, next);
  recalc(b, now, [[next]]);
  const info: EditInfo = { sheetId: s.id, sheetName: s.name, row: r, column: c, a1: rectToA1({ r, c, nr: 1, nc: 1 }) };
  const oldValue = eventValue(b, s, before);
  const value = eventValue(b, s, next);
  if (oldValue !== undefined) info.oldValue = oldValue;
  if (value !== undefined) info.value = value;
  const warning = warningFor(b, s, { r, c, nr: 1, nc: 1 });
  if (warning) info.warning = warning;
  return info;
}

function cellRef(b: BookJson, tab: string, a1: string): { s: SheetJson; r: number; c: number } {
  const { sheet: prefixed, ref } = splitSheetPrefix(a1);
  const s = tabOf(b, prefixed ?? tab);
  const rect = parseA1(ref, s.maxRows, s.maxCols);
  if (!rect) throw new Error(`Not a cell: ${a1}`);
  return { s, r: rect.r, c: rect.c };
}

function blockOf(rows: unknown): string[][] {
  if (!Array.isArray(rows) || !rows.length || !rows.every((row) => Array.isArray(row) && row.length)) {
    throw new Error('The block must be a non-empty 2D array of cell texts, e.g. [["a","b"],["c","d"]].');
  }
  const width = Math.max(...(rows as unknown[][]).map((row) => row.length));
  return (rows as unknown[][]).map((row) => {
    const line = row.map((v) => (v === null || v === undefined ? '' : String(v)));
    while (line.length < width) line.push('');
    return line;
  });
}

/**
 * A person pastes a block of text at `a1` (what Ctrl+V of tab/newline separated text does): every
 * cell is parsed as typed input; a protected cell or a rejecting validation anywhere refuses the
 * whole paste with Sheets' message; otherwise it is written at once and reported as ONE edit of
 * the block (value/oldValue only when the block is a single cell). Rows past the end are added.
 */
export function applyUserPaste(state: SandboxState, paste: { tab: string; a1: string; rows: unknown; user: string }, opts?: HostOptions): EditInfo {
  const b = book(state, opts);
  const { s, r, c } = cellRef(b, paste.tab, paste.a1);
  const rows = blockOf(paste.rows);
  const nr = rows.length;
  const nc = rows[0].length;
  if (nr === 1 && nc === 1) return editCell(b, s, r, c, rows[0][0], paste.user, state.clockMs);
  if (c + nc - 1 > s.maxCols) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
  for (const line of rows) for (const t of line) if (t.length > MAX_CELL_CHARS) throw new Error(CELL_TOO_LONG);
  const rect: Rect = { r, c, nr, nc };
  if (blockingProtection(b, s, rect, paste.user)) throw new Error(PROTECTED_MESSAGE);
  if (r + nr - 1 > s.maxRows) shiftSheet(b, s, 'row', s.maxRows + 1, r + nr - 1 - s.maxRows, true);
  const before: Cell[][] = [];
  const nfBefore: unknown[][] = [];
  for (let i = 0; i < nr; i++) {
    before.push([]);
    nfBefore.push([]);
    for (let j = 0; j < nc; j++) {
      before[i].push(getCell(s, r + i, c + j));
      nfBefore[i].push(getLayer(s, 'nf', r + i, c + j));
    }
  }
  const written: Cell[][] = [];
  let refused: string | undefined;
  for (let i = 0; i < nr && !refused; i++) {
    written.push([]);
    for (let j = 0; j < nc; j++) {
      const next = inputToCell(b, s, r + i, c + j, rows[i][j]);
      setCell(s, r + i, c + j, next);
      written[i].push(next);
      const rule = dvAt(b, s, r + i, c + j);
      if (rule && !rule.allowInvalid && !satisfies(b, rule, next, displayAt(b, s, r + i, c + j))) {
        refused = `There was a problem. ${rejectText(rule)}`;
        break;
      }
    }
  }
  if (refused) {
    for (let i = 0; i < nr; i++) {
      for (let j = 0; j < nc; j++) {
        setCell(s, r + i, c + j, before[i][j]);
        setLayer(s, 'nf', r + i, c + j, nfBefore[i][j] as string | null);
      }
    }
    recalc(b, state.clockMs);
    throw new Error(refused);
  }
  recalc(b, state.clockMs, written);
  const info: EditInfo = { sheetId: s.id, sheetName: s.name, row: r, column: c, numRows: nr, numColumns: nc, a1: rectToA1(rect) };
  const warning = warningFor(b, s, rect);
  if (warning) info.warning = warning;
  return info;
}

/**
 * An edit that is not a person typing (the Sheets API with USER_ENTERED input, or another
 * script): the text is parsed as typed input and protections hold for `user`, but no onEdit
 * fires and validations do not reject it (only the Sheets UI enforces "Reject input").
 */
export function applyApiEdit(state: SandboxState, edit: UserEdit, opts?: HostOptions): EditInfo {
  const b = book(state, opts);
  const { s, r, c } = cellRef(b, edit.tab, edit.a1);
  if (r > s.maxRows || c > s.maxCols) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
  if (edit.input.length > MAX_CELL_CHARS) throw new Error(CELL_TOO_LONG);
  if (blockingProtection(b, s, { r, c, nr: 1, nc: 1 }, edit.user)) throw new Error(PROTECTED_MESSAGE);
  const before = getCell(s, r, c);
  const next = inputToCell(b, s, r, c, edit.input);
  setCell(s, r, c, next);
  recalc(b, state.clockMs, [[next]]);
  const info: EditInfo = { sheetId: s.id, sheetName: s.name, row: r, column: c, a1: rectToA1({ r, c, nr: 1, nc: 1 }) };
  const oldValue = eventValue(b, s, before);
  const value = eventValue(b, s, next);
  if (oldValue !== undefined) info.oldValue = oldValue;
  if (value !== undefined) info.value = value;
  return info;
}

/**
 * Applies what a user types into one cell, as Sheets does: the text is parsed in the workbook's
 * locale, protections and rejecting validations refuse it (throws with Sheets' message).
 */
export function applyUserEdit(state: SandboxState, edit: UserEdit, opts?: HostOptions): EditInfo {
  const b = book(state, opts);
  const { s, r, c } = cellRef(b, edit.tab, edit.a1);
  return editCell(b, s, r, c, edit.input, edit.user, state.clockMs);
}

/** Fills a new row after the last one, by header name (row 1); one edit per filled cell. */
export function appendUserRow(state: SandboxState, row: { tab: string; values: Record<string, string>; user: string }, opts?: HostOptions): EditInfo[] {
  const b = book(state, opts);
  const s = tabOf(b, row.tab);
  const lc = lastColumn(s);
  const headers: string[] = [];
  for (let c = 1; c <= lc; c++) headers.push(displayAt(b, s, 1, c));
  const targets: Array<[number, string]> = [];
  for (const [key, input] of Object.entries(row.values)) {
    const idx = headers.indexOf(key);
    if (idx < 0) throw new Error(`No column "${key}" in ${s.name}.`);
    targets.push([idx + 1, input]);
  }
  const r = lastRow(s) + 1;
  for (const [c] of targets) {
    if (blockingProtection(b, s, { r, c, nr: 1, nc: 1 }, row.user)) throw new Error(PROTECTED_MESSAGE);
  }
  if (r > s.maxRows) shiftSheet(b, s, 'row', s.maxRows + 1, r - s.maxRows, true);
  const infos: EditInfo[] = [];
  try {
    for (const [c, input] of targets) infos.push(editCell(b, s, r, c, input, row.user, state.clockMs));
  } catch (e) {
    for (const info of infos) setCell(s, info.row, info.column, null);
    recalc(b, state.clockMs);
    throw e;
  }
  return infos;
}

/**
 * The onEdit event object for an edit, built inside an execution (pass it as the args builder of
 * Sandbox.run): range is a real Range of this execution's SpreadsheetApp.
 */
export function buildEditEvent(globals: Record<string, unknown>, info: EditInfo, user: string, extra?: { triggerUid?: string }): Record<string, unknown> {
  const app = globals.SpreadsheetApp as object | undefined;
  const api = app ? INTERNALS.get(app) : undefined;
  if (!api) throw new Error('SpreadsheetApp is not installed in this execution.');
  const event: Record<string, unknown> = {
    authMode: authModeFor(globals, api.ctx.exec.kind),
    range: api.range(info.sheetId, { r: info.row, c: info.column, nr: info.numRows ?? 1, nc: info.numColumns ?? 1 }),
    source: api.spreadsheet(),
    user: new User(user),
  };
  if (info.value !== undefined) event.value = info.value;
  if (info.oldValue !== undefined) event.oldValue = info.oldValue;
  if (extra?.triggerUid) event.triggerUid = extra.triggerUid;
  return event;
}

export function renameTab(state: SandboxState, from: string, to: string, opts?: HostOptions): void {
  const b = book(state, opts);
  const s = tabOf(b, from);
  const other = findSheetByName(b, to);
  if (other && other.id !== s.id) throw new Error(`A sheet with the name "${to}" already exists. Please enter another name.`);
  if (!to.trim()) throw new Error('Sheet names cannot be empty.');
  const old = s.name;
  s.name = to;
  renameFormulaRefs(b, old, to);
  recalc(b, state.clockMs);
}

function structure(state: SandboxState, tab: string, dim: 'row' | 'col', at: number, n: number, insert: boolean, opts?: HostOptions): void {
  const b = book(state, opts);
  const s = tabOf(b, tab);
  const max = dim === 'row' ? s.maxRows : s.maxCols;
  const what = dim === 'row' ? 'rows' : 'columns';
  if (!Number.isInteger(at) || !Number.isInteger(n) || n < 1 || at < 1 || (insert ? at > max + 1 : at + n - 1 > max)) throw new Error(`Those ${what} are out of bounds.`);
  if (!insert && n >= max) throw new Error(`Sorry, it is not possible to delete all non-frozen ${what}.`);
  shiftSheet(b, s, dim, at, n, insert);
  shiftFormulaRefs(b, s, dim, at, n, insert);
  recalc(b, state.clockMs);
}

/** Inserts n columns before `column` (1-based number or letters), as "Insert column left" does. */
export function insertColumns(state: SandboxState, tab: string, column: number | string, n = 1, opts?: HostOptions): void {
  structure(state, tab, 'col', toColumn(column), n, true, opts);
}

export function deleteColumns(state: SandboxState, tab: string, column: number | string, n = 1, opts?: HostOptions): void {
  structure(state, tab, 'col', toColumn(column), n, false, opts);
}

export function insertRows(state: SandboxState, tab: string, row: number, n = 1, opts?: HostOptions): void {
  structure(state, tab, 'row', row, n, true, opts);
}

export function deleteRows(state: SandboxState, tab: string, row: number, n = 1, opts?: HostOptions): void {
  structure(state, tab, 'row', row, n, false, opts);
}

/** What a selection gesture selected (the onSelectionChange event reports its range). */
export interface SelectionInfo {
  sheetId: number;
  sheetName: string;
  /** The active range (the last one of a multi-range selection). */
  a1: string | null;
  rect: Rect | null;
  ranges: string[];
}

/**
 * Selects a tab and a range (SpreadsheetApp.getActiveSheet/getActiveRange then return them).
 * `a1` may list several ranges separated by commas (Ctrl+click): the last one is active. The
 * current cell is the top-left of the active range.
 */
export function selectRange(state: SandboxState, tab: string, a1?: string, opts?: HostOptions): SelectionInfo {
  const b = book(state, opts);
  const s = tabOf(b, tab);
  b.activeSheetId = s.id;
  delete b.selection;
  delete b.currentCell;
  if (!a1) {
    b.activeRange = null;
    return { sheetId: s.id, sheetName: s.name, a1: null, rect: null, ranges: [] };
  }
  const rects = a1.split(',').map((part) => {
    const rect = parseA1(part.trim(), s.maxRows, s.maxCols);
    if (!rect || rect.r < 1 || rect.c < 1 || rect.r + rect.nr - 1 > s.maxRows || rect.c + rect.nc - 1 > s.maxCols) throw new Error(`Not a range: ${part.trim()}`);
    return rect;
  });
  const active = rects[rects.length - 1];
  b.activeRange = rectToA1(active);
  if (rects.length > 1) b.selection = rects.map(rectToA1);
  return { sheetId: s.id, sheetName: s.name, a1: b.activeRange, rect: active, ranges: rects.map(rectToA1) };
}

/** The onSelectionChange event for a selection, built inside an execution (as buildEditEvent). */
export function buildSelectionEvent(globals: Record<string, unknown>, sel: SelectionInfo, user: string): Record<string, unknown> {
  const app = globals.SpreadsheetApp as object | undefined;
  const api = app ? INTERNALS.get(app) : undefined;
  if (!api) throw new Error('SpreadsheetApp is not installed in this execution.');
  return {
    authMode: authModeFor(globals, api.ctx.exec.kind),
    range: api.range(sel.sheetId, sel.rect ?? { r: 1, c: 1, nr: 1, nc: 1 }),
    source: api.spreadsheet(),
    user: new User(user),
  };
}

/** The id of the bound spreadsheet (DriveApp.getFileById and the like can use it). */
export function boundSpreadsheetId(state: SandboxState, opts?: HostOptions): string {
  return book(state, opts).id;
}
