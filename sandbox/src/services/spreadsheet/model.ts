/**
 * The workbook as JSON: one bound spreadsheet kept in the sandbox state. Cells are stored per
 * sheet as a 2D array of compact values; formats live in sparse parallel 2D "layers".
 */
import { newId, SandboxState, slice } from '../../state';
import { displayCell, isDateFormat, isNumberFormat, LocaleInfo, localeInfo, parseInput, msToSerial } from './format';

import type { Cell, DateCell, FormulaCell, Scalar } from './cell';

export type { Cell, DateCell, FormulaCell, Scalar };

export type LayerKey = 'nf' | 'bg' | 'fc' | 'fw' | 'fs' | 'wrap' | 'ha' | 'va' | 'dv' | 'note';
export type LayerVal = string | number | boolean | null;
export type Grid<T> = Array<Array<T> | null | undefined>;

/** 1-based rectangle. */
export interface Rect {
  r: number;
  c: number;
  nr: number;
  nc: number;
}

export interface CfRuleJson {
  ranges: Rect[];
  cond: { type: string; values: string[] };
  fmt: { bg?: string | null; fc?: string | null; bold?: boolean | null; italic?: boolean | null; strike?: boolean | null; underline?: boolean | null };
}

export interface SheetJson {
  id: number;
  name: string;
  maxRows: number;
  maxCols: number;
  cells: Grid<Cell>;
  layers: Partial<Record<LayerKey, Grid<LayerVal>>>;
  frozenRows: number;
  frozenCols: number;
  tabColor: string | null;
  hidden: boolean;
  hiddenCols: number[];
  hiddenRows: number[];
  colWidths: Record<string, number>;
  cf: CfRuleJson[];
}

export interface ProtectionJson {
  id: number;
  type: 'RANGE' | 'SHEET';
  sheetId: number;
  rect: Rect | null;
  description: string;
  editors: string[];
  warningOnly: boolean;
  domainEdit: boolean;
  unprotected: Rect[];
}

export type MetaLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheetId: number }
  | { type: 'ROW' | 'COLUMN'; sheetId: number; index: number };

export interface MetadataJson {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  loc: MetaLocation;
}

export type DvValue = string | number | boolean | DateCell | { sheetId: number; rect: Rect } | string[];

export interface DvJson {
  type: string;
  values: DvValue[];
  allowInvalid: boolean;
  helpText: string;
}

export interface NamedRangeJson {
  name: string;
  sheetId: number;
  rect: Rect;
}

export interface BookJson {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string;
  editors: string[];
  viewers: string[];
  sheets: SheetJson[];
  activeSheetId: number;
  activeRange: string | null;
  protections: ProtectionJson[];
  metadata: MetadataJson[];
  dv: Record<string, DvJson>;
  seq: number;
  /** Named ranges (Data > Named ranges); absent in older states. */
  namedRanges?: NamedRangeJson[];
  /** The selected ranges beyond the active one (a multi-range selection), A1 on the active sheet. */
  selection?: string[];
  /** The current cell (A1 on the active sheet) when not the top-left of the active range. */
  currentCell?: string;
}

export interface SpreadsheetSlice {
  book: BookJson | null;
  /** Spreadsheets made by SpreadsheetApp.create (the bound one is `book`). */
  others?: BookJson[];
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;

export function newSheet(id: number, name: string, rows = DEFAULT_ROWS, cols = DEFAULT_COLS): SheetJson {
  return {
    id,
    name,
    maxRows: rows,
    maxCols: cols,
    cells: [],
    layers: {},
    frozenRows: 0,
    frozenCols: 0,
    tabColor: null,
    hidden: false,
    hiddenCols: [],
    hiddenRows: [],
    colWidths: {},
    cf: [],
  };
}

/** The bound workbook, created on first use with one sheet "Sheet1" (gid 0). */
export function getBook(state: SandboxState, timeZone = 'America/New_York'): BookJson {
  const s = slice<SpreadsheetSlice>(state, 'spreadsheet', () => ({ book: null }));
  if (!s.book) {
    s.book = {
      id: newId(state, 'file'),
      name: 'Untitled spreadsheet',
      timeZone,
      locale: 'en_US',
      owner: state.owner,
      editors: [],
      viewers: [],
      sheets: [newSheet(0, 'Sheet1')],
      activeSheetId: 0,
      activeRange: null,
      protections: [],
      metadata: [],
      dv: {},
      seq: 1,
    };
  }
  return s.book;
}

/** A new, empty spreadsheet with one sheet "Sheet1". */
export function newBook(id: string, name: string, owner: string, timeZone: string, rows = DEFAULT_ROWS, cols = DEFAULT_COLS): BookJson {
  return {
    id,
    name,
    timeZone,
    locale: 'en_US',
    owner,
    editors: [],
    viewers: [],
    sheets: [newSheet(0, 'Sheet1', rows, cols)],
    activeSheetId: 0,
    activeRange: null,
    protections: [],
    metadata: [],
    dv: {},
    seq: 1,
  };
}

function spreadsheetSlice(state: SandboxState): SpreadsheetSlice {
  return slice<SpreadsheetSlice>(state, 'spreadsheet', () => ({ book: null }));
}

/** A spreadsheet made by SpreadsheetApp.create, by id. */
export function otherBook(state: SandboxState, id: string): BookJson | undefined {
  return spreadsheetSlice(state).others?.find((b) => b.id === id);
}

export function addOtherBook(state: SandboxState, book: BookJson): void {
  const s = spreadsheetSlice(state);
  (s.others = s.others ?? []).push(book);
}

export function nextSeq(book: BookJson): number {
  return book.seq++;
}

// ---------------------------------------------------------------- A1 notation

export function colToLetters(c: number): string {
  let s = '';
  while (c > 0) {
    const m = (c - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    c = Math.floor((c - 1) / 26);
  }
  return s;
}

export function lettersToCol(s: string): number {
  let n = 0;
  for (const ch of s.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function rectToA1(rect: Rect): string {
  const a = `${colToLetters(rect.c)}${rect.r}`;
  if (rect.nr === 1 && rect.nc === 1) return a;
  return `${a}:${colToLetters(rect.c + rect.nc - 1)}${rect.r + rect.nr - 1}`;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Splits "'My Sheet'!A1:B2" into sheet name and the rest. */
export function splitSheetPrefix(a1: string): { sheet?: string; ref: string } {
  const s = a1.trim();
  const bang = s.lastIndexOf('!');
  if (bang < 0) return { ref: s };
  let name = s.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheet: name, ref: s.slice(bang + 1) };
}

const CELL_RE = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

/** Parses A1 notation (A1, A1:B2, A:C, 2:5, A2:C) against a sheet's size; undefined when invalid. */
export function parseA1(ref: string, maxRows: number, maxCols: number): Rect | undefined {
  const parts = ref.split(':');
  if (parts.length > 2 || !ref) return undefined;
  const ends = parts.map((p) => CELL_RE.exec(p.trim()));
  if (ends.some((m) => !m || (!m[1] && !m[2]))) return undefined;
  const [m1, m2] = ends as RegExpExecArray[];
  if (!m2) {
    if (!m1[1] || !m1[2]) return undefined;
    const r = Number(m1[2]);
    const c = lettersToCol(m1[1]);
    return { r, c, nr: 1, nc: 1 };
  }
  const c1 = m1[1] ? lettersToCol(m1[1]) : 1;
  const c2 = m2[1] ? lettersToCol(m2[1]) : m1[1] && !m1[2] ? c1 : maxCols;
  const r1 = m1[2] ? Number(m1[2]) : 1;
  const r2 = m2[2] ? Number(m2[2]) : maxRows;
  if ((!m1[1] && m2[1]) || (m1[1] && !m2[1] && m2[2] && !m1[2])) return undefined;
  const r = Math.min(r1, r2);
  const c = Math.min(c1, c2);
  return { r, c, nr: Math.abs(r2 - r1) + 1, nc: Math.abs(c2 - c1) + 1 };
}

/** A column given as 1-based number or letters. */
export function toColumn(col: number | string): number {
  if (typeof col === 'number') return col;
  return /^\d+$/.test(col) ? Number(col) : lettersToCol(col);
}

// ---------------------------------------------------------------- sheets and cells

export function findSheetByName(book: BookJson, name: string): SheetJson | undefined {
  return book.sheets.find((s) => s.name === name) ?? book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

export function findSheet(book: BookJson, id: number): SheetJson | undefined {
  return book.sheets.find((s) => s.id === id);
}

export function getCell(sheet: SheetJson, r: number, c: number): Cell {
  const row = sheet.cells[r - 1];
  if (!row) return null;
  const v = row[c - 1];
  return v === undefined ? null : v;
}

export function setCell(sheet: SheetJson, r: number, c: number, v: Cell): void {
  let row = sheet.cells[r - 1];
  if (!row) {
    if (v === null) return;
    while (sheet.cells.length < r - 1) sheet.cells.push(null);
    row = sheet.cells[r - 1] = [];
  }
  if (v === null && row.length < c) return;
  while (row.length < c - 1) row.push(null);
  row[c - 1] = v;
}

export function getLayer(sheet: SheetJson, key: LayerKey, r: number, c: number): LayerVal {
  const g = sheet.layers[key];
  if (!g) return null;
  const row = g[r - 1];
  if (!row) return null;
  const v = row[c - 1];
  return v === undefined ? null : v;
}

export function setLayer(sheet: SheetJson, key: LayerKey, r: number, c: number, v: LayerVal): void {
  let g = sheet.layers[key];
  if (!g) {
    if (v === null) return;
    g = sheet.layers[key] = [];
  }
  let row = g[r - 1];
  if (!row) {
    if (v === null) return;
    while (g.length < r - 1) g.push(null);
    row = g[r - 1] = [];
  }
  while (row.length < c - 1) row.push(null);
  row[c - 1] = v;
}

export function clearLayerRect(sheet: SheetJson, key: LayerKey, rect: Rect): void {
  const g = sheet.layers[key];
  if (!g) return;
  for (let r = rect.r; r < rect.r + rect.nr; r++) {
    const row = g[r - 1];
    if (!row) continue;
    for (let c = rect.c; c < rect.c + rect.nc && c <= row.length; c++) row[c - 1] = null;
  }
}

function isBlank(v: Cell | undefined): boolean {
  return v === null || v === undefined || v === '';
}

function rowUsed(row: Array<Cell> | null | undefined): boolean {
  if (!row) return false;
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return true;
  return false;
}

export function lastRow(sheet: SheetJson): number {
  for (let r = Math.min(sheet.cells.length, sheet.maxRows); r > 0; r--) if (rowUsed(sheet.cells[r - 1])) return r;
  return 0;
}

export function lastColumn(sheet: SheetJson): number {
  let max = 0;
  for (const row of sheet.cells) {
    if (!row) continue;
    for (let c = Math.min(row.length, sheet.maxCols); c > max; c--) {
      if (!isBlank(row[c - 1])) {
        max = c;
        break;
      }
    }
  }
  return max;
}

export function cellFormula(cell: Cell): string {
  return cell !== null && typeof cell === 'object' && '$f' in cell ? cell.$f : '';
}

export function cellScalar(cell: Cell): Scalar | null {
  if (cell !== null && typeof cell === 'object' && '$f' in cell) return cell.v ?? null;
  return cell;
}

/** A formula as stored; its value is computed by recalc (formula.ts) after the write. */
export function formulaCell(f: string): FormulaCell {
  return { $f: f };
}

export function bookLocale(book: BookJson): LocaleInfo {
  return localeInfo(book.locale);
}

export function displayAt(book: BookJson, sheet: SheetJson, r: number, c: number): string {
  return displayCell(getCell(sheet, r, c), getLayer(sheet, 'nf', r, c) as string | null, bookLocale(book), book.timeZone);
}

/** A typed value as it would be written into (r, c), honouring a plain-text format. */
export function inputToCell(book: BookJson, sheet: SheetJson, r: number, c: number, text: string): Cell {
  const nf = getLayer(sheet, 'nf', r, c) as string | null;
  if (nf === '@') {
    if (text === '') return null;
    return text.startsWith("'") ? text.slice(1) : text;
  }
  const parsed = parseInput(text, bookLocale(book), book.timeZone);
  if (parsed.format && !nf) setLayer(sheet, 'nf', r, c, parsed.format);
  const v = parsed.value;
  if (v !== null && typeof v === 'object' && '$f' in v) return formulaCell(v.$f);
  return v;
}

/** The value an edit event reports (a string; dates as serial numbers; undefined when blank). */
export function eventValue(book: BookJson, sheet: SheetJson, cell: Cell): string | undefined {
  const v = cellScalar(cell);
  if (v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') return String(msToSerial(v.$d, book.timeZone));
  void sheet;
  return String(v);
}

/** Value semantics of a cell under its number format: dates are serials under number formats and vice versa. */
export function valueKind(cell: Scalar | null, nf: string | null): 'date' | 'number' | 'other' {
  if (typeof cell === 'number') return nf && isDateFormat(nf) ? 'date' : 'number';
  if (cell !== null && typeof cell === 'object') return nf && isNumberFormat(nf) ? 'number' : 'date';
  return 'other';
}

// ---------------------------------------------------------------- rectangles

export function intersects(a: Rect, b: Rect): boolean {
  return a.r < b.r + b.nr && b.r < a.r + a.nr && a.c < b.c + b.nc && b.c < a.c + a.nc;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.r >= outer.r && inner.c >= outer.c && inner.r + inner.nr <= outer.r + outer.nr && inner.c + inner.nc <= outer.c + outer.nc;
}

/**
 * Shifts a 1-D span [start, start+len) for an insert of n at `at` (before index `at`) or a delete of
 * n starting at `at`. Returns undefined when a delete removes the span entirely.
 */
export function shiftSpan(start: number, len: number, at: number, n: number, insert: boolean): [number, number] | undefined {
  const end = start + len; // exclusive
  if (insert) {
    if (at <= start) return [start + n, len];
    if (at < end) return [start, len + n];
    return [start, len];
  }
  const dEnd = at + n;
  if (dEnd <= start) return [start - n, len];
  if (at >= end) return [start, len];
  const keepBefore = Math.max(0, at - start);
  const keepAfter = Math.max(0, end - dEnd);
  const newLen = keepBefore + keepAfter;
  if (newLen === 0) return undefined;
  return [Math.min(start, at), newLen];
}

/** `oldMax`: rectangles that reach the sheet's last row/column grow with rows/columns added at the end (whole-column ranges). */
function shiftRect(rect: Rect, dim: 'row' | 'col', at: number, n: number, insert: boolean, oldMax: number): Rect | undefined {
  const [start, len] = dim === 'row' ? [rect.r, rect.nr] : [rect.c, rect.nc];
  let s = shiftSpan(start, len, at, n, insert);
  if (insert && at === oldMax + 1 && start + len - 1 === oldMax) s = [start, len + n];
  if (!s) return undefined;
  return dim === 'row' ? { ...rect, r: s[0], nr: s[1] } : { ...rect, c: s[0], nc: s[1] };
}

function spliceGrid<T>(grid: Grid<T>, dim: 'row' | 'col', at: number, n: number, insert: boolean, inherit: boolean): void {
  if (dim === 'row') {
    if (at - 1 > grid.length) return;
    if (insert) {
      const src = inherit ? grid[at - 2] ?? grid[at - 1] : null;
      const rows: Array<Array<T> | null> = [];
      for (let i = 0; i < n; i++) rows.push(src ? [...src] : null);
      grid.splice(at - 1, 0, ...rows);
    } else grid.splice(at - 1, n);
    return;
  }
  for (let i = 0; i < grid.length; i++) {
    const row = grid[i];
    if (!row || row.length < at - 1) continue;
    if (insert) {
      const src = inherit ? (at >= 2 ? row[at - 2] : row[at - 1]) : null;
      const fill: T[] = [];
      for (let k = 0; k < n; k++) fill.push((src ?? null) as T);
      row.splice(at - 1, 0, ...fill);
    } else row.splice(at - 1, n);
  }
}

/**
 * Inserts or deletes rows/columns as Sheets does: values move, formats and validations move (new
 * rows/columns inherit the format of the one before), and protections, conditional-format ranges,
 * validation ranges and row/column developer metadata follow.
 */
export function shiftSheet(book: BookJson, sheet: SheetJson, dim: 'row' | 'col', at: number, n: number, insert: boolean): void {
  const oldMax = dim === 'row' ? sheet.maxRows : sheet.maxCols;
  spliceGrid(sheet.cells, dim, at, n, insert, false);
  for (const key of Object.keys(sheet.layers) as LayerKey[]) {
    const g = sheet.layers[key];
    if (g) spliceGrid(g, dim, at, n, insert, key !== 'note');
  }
  if (dim === 'row') sheet.maxRows += insert ? n : -n;
  else sheet.maxCols += insert ? n : -n;
  const frozenKey = dim === 'row' ? 'frozenRows' : 'frozenCols';
  if (sheet[frozenKey] > 0) {
    const s = shiftSpan(1, sheet[frozenKey], at, n, insert);
    sheet[frozenKey] = s ? s[1] : 0;
  }
  const hiddenKey = dim === 'row' ? 'hiddenRows' : 'hiddenCols';
  sheet[hiddenKey] = sheet[hiddenKey]
    .map((i) => shiftSpan(i, 1, at, n, insert))
    .filter((s): s is [number, number] => !!s)
    .map((s) => s[0]);
  if (dim === 'col') {
    const widths: Record<string, number> = {};
    for (const [k, w] of Object.entries(sheet.colWidths)) {
      const s = shiftSpan(Number(k), 1, at, n, insert);
      if (s) widths[String(s[0])] = w;
    }
    sheet.colWidths = widths;
  }
  book.protections = book.protections.filter((p) => {
    if (p.sheetId !== sheet.id) return true;
    p.unprotected = p.unprotected.map((u) => shiftRect(u, dim, at, n, insert, oldMax)).filter((u): u is Rect => !!u);
    if (!p.rect) return true;
    const moved = shiftRect(p.rect, dim, at, n, insert, oldMax);
    if (!moved) return false;
    p.rect = moved;
    return true;
  });
  sheet.cf = sheet.cf.filter((rule) => {
    rule.ranges = rule.ranges.map((r) => shiftRect(r, dim, at, n, insert, oldMax)).filter((r): r is Rect => !!r);
    return rule.ranges.length > 0;
  });
  for (const rule of Object.values(book.dv)) {
    for (const v of rule.values) {
      if (v && typeof v === 'object' && 'rect' in v && v.sheetId === sheet.id) {
        const moved = shiftRect(v.rect, dim, at, n, insert, oldMax);
        if (moved) v.rect = moved;
      }
    }
  }
  if (book.namedRanges) {
    book.namedRanges = book.namedRanges.filter((nr) => {
      if (nr.sheetId !== sheet.id) return true;
      const moved = shiftRect(nr.rect, dim, at, n, insert, oldMax);
      if (!moved) return false;
      nr.rect = moved;
      return true;
    });
  }
  const locType = dim === 'row' ? 'ROW' : 'COLUMN';
  book.metadata = book.metadata.filter((m) => {
    if (m.loc.type !== locType || m.loc.sheetId !== sheet.id) return true;
    const s = shiftSpan(m.loc.index, 1, at, n, insert);
    if (!s) return false;
    m.loc.index = s[0];
    return true;
  });
}

// ---------------------------------------------------------------- protections and validation

export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** The owner, the protection's editors, and (with setDomainEdit(true)) anyone in the owner's domain. */
export function canEditProtection(book: BookJson, p: ProtectionJson, user: string): boolean {
  if (user === book.owner || p.editors.includes(user)) return true;
  const domain = (e: string) => e.slice(e.lastIndexOf('@') + 1).toLowerCase();
  return p.domainEdit && !!user && domain(user) === domain(book.owner);
}

/** The protection (not warning-only unless `includeWarnings`) that stops `user` from editing `rect`. */
export function blockingProtection(book: BookJson, sheet: SheetJson, rect: Rect, user: string, includeWarnings = false): ProtectionJson | undefined {
  if (user === book.owner) return undefined;
  for (const p of book.protections) {
    if (p.sheetId !== sheet.id || (p.warningOnly && !includeWarnings)) continue;
    if (!p.warningOnly && canEditProtection(book, p, user)) continue;
    if (p.rect) {
      if (intersects(p.rect, rect)) return p;
    } else if (!p.unprotected.some((u) => contains(u, rect))) return p;
  }
  return undefined;
}

export function ruleCriteriaText(book: BookJson, rule: DvJson): string {
  switch (rule.type) {
    case 'VALUE_IN_LIST':
      return `Please enter one of the following values: ${(rule.values[0] as string[]).join(', ')}`;
    case 'VALUE_IN_RANGE':
      return `Please enter a value from the specified range: ${validationListValues(book, rule).join(', ')}`;
    case 'DATE_IS_VALID_DATE':
      return 'Please enter a valid date.';
    case 'NUMBER_BETWEEN':
      return `Please enter a number between ${String(rule.values[0])} and ${String(rule.values[1])}.`;
    case 'CHECKBOX':
      return 'Please enter a checkbox value.';
    default:
      return 'Please enter a valid value.';
  }
}

/** List values a validation offers (for dropdowns). */
export function validationListValues(book: BookJson, rule: DvJson): string[] {
  if (rule.type === 'VALUE_IN_LIST') return (rule.values[0] as string[]).map(String);
  if (rule.type === 'CHECKBOX') return rule.values.length ? rule.values.map((v) => String(v)) : ['TRUE', 'FALSE'];
  if (rule.type === 'VALUE_IN_RANGE') {
    const ref = rule.values[0] as { sheetId: number; rect: Rect };
    const sh = findSheet(book, ref.sheetId);
    if (!sh) return [];
    const out: string[] = [];
    for (let r = ref.rect.r; r < ref.rect.r + ref.rect.nr; r++) {
      for (let c = ref.rect.c; c < ref.rect.c + ref.rect.nc; c++) {
        const d = displayAt(book, sh, r, c);
        if (d !== '') out.push(d);
      }
    }
    return out;
  }
  return [];
}

/** Whether a stored value satisfies a validation rule (blank always does). */
export function satisfies(book: BookJson, rule: DvJson, cell: Cell, display: string): boolean {
  const v = cellScalar(cell);
  if (v === null || v === '') return true;
  switch (rule.type) {
    case 'VALUE_IN_LIST':
    case 'VALUE_IN_RANGE':
      return validationListValues(book, rule).includes(display);
    case 'CHECKBOX':
      if (!rule.values.length) return typeof v === 'boolean';
      return rule.values.some((x) => String(x) === display);
    case 'DATE_IS_VALID_DATE':
      return typeof v === 'object';
    case 'NUMBER_BETWEEN': {
      const lo = Number(rule.values[0]);
      const hi = Number(rule.values[1]);
      return typeof v === 'number' && v >= Math.min(lo, hi) && v <= Math.max(lo, hi);
    }
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return typeof v === 'number' && v >= Number(rule.values[0]);
    case 'TEXT_IS_VALID_EMAIL':
      return typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
    case 'TEXT_IS_VALID_URL':
      return typeof v === 'string' && /^https?:\/\/\S+$/.test(v);
    default:
      return true;
  }
}

export function dvAt(book: BookJson, sheet: SheetJson, r: number, c: number): DvJson | undefined {
  const id = getLayer(sheet, 'dv', r, c);
  return id === null ? undefined : book.dv[String(id)];
}

/** Stores a rule once per workbook (identical rules share an id). */
export function internRule(book: BookJson, rule: DvJson, cache: Map<string, number>): number {
  const key = JSON.stringify(rule);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  for (const [id, r] of Object.entries(book.dv)) {
    if (JSON.stringify(r) === key) {
      cache.set(key, Number(id));
      return Number(id);
    }
  }
  const id = nextSeq(book);
  book.dv[String(id)] = JSON.parse(key) as DvJson;
  cache.set(key, id);
  return id;
}
