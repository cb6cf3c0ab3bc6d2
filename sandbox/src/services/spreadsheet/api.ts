/**
 * The script-facing SpreadsheetApp: Spreadsheet, Sheet, Range, Protection, DataValidation,
 * ConditionalFormatRule, DeveloperMetadata and Ui objects over the workbook JSON.
 * Every method records one call; getValues/setValues are one call each, whatever their size.
 */
import { cellsCost, CostKey } from '../../cost-model';
import type { ServiceContext } from '../../service';
import type { UiEvent } from '../../execution';
import {
  BookJson,
  blockingProtection,
  canEditProtection,
  Cell,
  CfRuleJson,
  cellFormula,
  cellScalar,
  clearLayerRect,
  colToLetters,
  DvJson,
  DvValue,
  displayAt,
  dvAt,
  findSheet,
  findSheetByName,
  formulaCell,
  getBook,
  getCell,
  getLayer,
  inputToCell,
  internRule,
  lastColumn,
  lastRow,
  LayerKey,
  LayerVal,
  MetadataJson,
  MetaLocation,
  NamedRangeJson,
  addOtherBook,
  newBook,
  otherBook,
  newSheet,
  nextSeq,
  parseA1,
  PROTECTED_MESSAGE,
  ProtectionJson,
  Rect,
  rectToA1,
  ruleCriteriaText,
  satisfies,
  setCell,
  setLayer,
  SheetJson,
  shiftSheet,
  splitSheetPrefix,
} from './model';
import { displayCell, isDateFormat, isNumberFormat, localeInfo, msToSerial, serialToMs } from './format';
import { recalc, renameFormulaRefs, shiftFormulaRefs } from './formula';
import { createGoogleFile, GOOGLE_SHEET_MIME } from '../drive';
import {
  AuthMode,
  BooleanCriteria,
  Button,
  ButtonSet,
  DataValidationCriteria,
  DeveloperMetadataLocationType,
  DeveloperMetadataVisibility,
  Dimension,
  Enum,
  enumKey,
  EnumValue,
  ProtectionType,
  WrapStrategy,
} from './enums';
import { scriptArray } from '../utilities';

const SERVICE = 'SpreadsheetApp';
/** Sheets refuses longer cell contents, by hand and by script. */
export const MAX_CELL_CHARS = 50000;
export const CELL_TOO_LONG = 'Your input contains more than the maximum of 50000 characters in a single cell.';
const GENERAL_FORMAT = '0.###############';

const COLOR_NAMES: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
};

export function normalizeColor(color: unknown): string | null {
  if (color === null || color === undefined || color === '') return null;
  const s = String(color).trim().toLowerCase();
  if (COLOR_NAMES[s]) return COLOR_NAMES[s];
  const m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) return `#${m[1][0]}${m[1][0]}${m[1][1]}${m[1][1]}${m[1][2]}${m[1][2]}`;
  return s;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'Object[]';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (isDate(v)) return 'Date';
  return 'Object';
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && !isNaN(v);
}

/** Per-execution internals, reachable from the SpreadsheetApp global (for edit events). */
export const INTERNALS = new WeakMap<object, Api>();

export class User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getNickname(): string {
    return this.email.split('@')[0];
  }
  getUserLoginId(): string {
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

function emailOf(u: unknown): string {
  if (u && typeof u === 'object' && typeof (u as User).getEmail === 'function') return (u as User).getEmail();
  return String(u);
}

export class Api {
  private bookCache?: BookJson;
  private readonly sheets = new Map<number, Sheet>();
  private ss?: Spreadsheet;
  readonly ruleCache = new Map<string, number>();

  /** `bookId`: a spreadsheet made by SpreadsheetApp.create (undefined: the bound workbook). */
  constructor(
    readonly ctx: ServiceContext,
    readonly bookId?: string,
  ) {}

  book(): BookJson {
    if (!this.bookCache) {
      this.bookCache = this.bookId === undefined ? getBook(this.ctx.state, this.ctx.timeZone) : otherBook(this.ctx.state, this.bookId);
      if (!this.bookCache) return this.fail('The spreadsheet has been deleted.');
      // Volatile formulas (TODAY, NOW) follow the clock between executions.
      recalc(this.bookCache, this.ctx.now());
    }
    return this.bookCache;
  }

  /** Recomputes the formulas after a write (`written`: the new cells, when known). */
  recalc(written?: Cell[][]): void {
    recalc(this.book(), this.ctx.now(), written);
  }

  /** Set while one batched call (a RangeList method) runs its per-range work: nothing more is recorded. */
  private muted = false;

  rec(method: string, cost: CostKey = 'local', cells = 0): void {
    if (this.muted) return;
    this.ctx.exec.record(SERVICE, method, cost, cells > 0 ? cellsCost(cells) : 0);
  }

  /** Records ONE call of `method` (a write moving `cells` cells), then runs `fn` without recording the calls it makes. */
  batch(method: string, cells: number, fn: () => void): void {
    this.rec(method, 'spreadsheetWrite', cells);
    const was = this.muted;
    this.muted = true;
    try {
      fn();
    } finally {
      this.muted = was;
    }
  }

  /** Rows made in the script's realm, so `instanceof Array` holds in script code. */
  grid<T>(rows: T[][]): T[][] {
    return scriptArray(this.ctx, rows.map((r) => scriptArray(this.ctx, r)));
  }

  private scriptError?: ErrorConstructor;

  /** Throws an Error of the script's realm (so `e instanceof Error` holds in script code). */
  fail(message: string): never {
    if (!this.scriptError) {
      let E: unknown;
      try {
        E = this.ctx.evalInScript('Error', 'SpreadsheetApp');
      } catch {
        E = undefined;
      }
      this.scriptError = typeof E === 'function' ? (E as ErrorConstructor) : Error;
    }
    const err = new this.scriptError(message);
    err.name = 'Exception';
    throw err;
  }

  signature(method: string, args: unknown[]): never {
    return this.fail(`The parameters (${args.map(typeName).join(',')}) don't match the method signature for SpreadsheetApp.${method}.`);
  }

  spreadsheet(): Spreadsheet {
    if (!this.ss) this.ss = new Spreadsheet(this);
    return this.ss;
  }

  sheet(id: number): Sheet {
    let s = this.sheets.get(id);
    if (!s) this.sheets.set(id, (s = new Sheet(this, id)));
    return s;
  }

  sheetJson(id: number): SheetJson {
    const s = findSheet(this.book(), id);
    if (!s) return this.fail('The sheet has been deleted.');
    return s;
  }

  range(sheetId: number, rect: Rect): Range {
    return new Range(this, sheetId, rect);
  }

  get tz(): string {
    return this.book().timeZone;
  }

  /** A stored value as getValues returns it. */
  outValue(cell: Cell | undefined, nf: LayerVal): unknown {
    const v = cell === undefined ? null : cellScalar(cell);
    if (v === null) return '';
    if (typeof v === 'object') {
      if (typeof nf === 'string' && isNumberFormat(nf)) return msToSerial(v.$d, this.tz);
      return new this.ctx.Date(v.$d);
    }
    if (typeof v === 'number' && typeof nf === 'string' && isDateFormat(nf)) return new this.ctx.Date(serialToMs(v, this.tz));
    return v;
  }

  /** A script value as setValue(s) stores it. */
  inValue(v: unknown, sheet: SheetJson, r: number, c: number): Cell {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return isFinite(v) ? v : '#NUM!';
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      if (v.length > MAX_CELL_CHARS) this.fail(CELL_TOO_LONG);
      // Fast path: long text that starts with a letter cannot parse as a number, date or boolean.
      const c0 = v.charCodeAt(0) | 32;
      if (v.length > 24 && c0 >= 97 && c0 <= 122 && !sheet.layers.nf) return v;
      return inputToCell(this.book(), sheet, r, c, v);
    }
    if (isDate(v)) {
      const t = v.getTime();
      return isNaN(t) ? null : { $d: t };
    }
    return inputToCell(this.book(), sheet, r, c, String(v));
  }

  /** Scripts running as someone other than the owner cannot edit protected ranges. */
  checkWrite(sheet: SheetJson, rect: Rect): void {
    const user = this.ctx.exec.effectiveUser || this.book().owner;
    if (blockingProtection(this.book(), sheet, rect, user)) this.fail(PROTECTED_MESSAGE);
  }

  /** Writes a block of new cells after checking rejecting validations. */
  writeCells(sheet: SheetJson, rect: Rect, cells: Cell[][]): void {
    const book = this.book();
    if (sheet.layers.dv) {
      for (let i = 0; i < rect.nr; i++) {
        for (let j = 0; j < rect.nc; j++) {
          const rule = dvAt(book, sheet, rect.r + i, rect.c + j);
          if (!rule || rule.allowInvalid) continue;
          const cell = cells[i][j];
          const shown = displayCell(cell, getLayer(sheet, 'nf', rect.r + i, rect.c + j) as string | null, localeInfo(book.locale), book.timeZone);
          if (!satisfies(book, rule, cell, shown)) {
            const a1 = `${colToLetters(rect.c + j)}${rect.r + i}`;
            this.fail(`The data you entered in cell ${a1} violates the data validation rules set on this cell. ${rule.helpText || ruleCriteriaText(book, rule)}`);
          }
        }
      }
    }
    const grid = sheet.cells;
    while (grid.length < rect.r - 1) grid.push(null);
    for (let i = 0; i < rect.nr; i++) {
      const src = cells[i];
      let row = grid[rect.r - 1 + i];
      if (!row) {
        if (src.every((v) => v === null)) continue;
        row = grid[rect.r - 1 + i] = [];
      }
      while (row.length < rect.c - 1) row.push(null);
      for (let j = 0; j < rect.nc; j++) row[rect.c - 1 + j] = src[j];
    }
    this.recalc(cells);
  }

  user(email: string): User {
    return new User(email);
  }

  newProtectionEditors(): string[] {
    const book = this.book();
    const out = [book.owner];
    for (const e of [this.ctx.exec.effectiveUser, ...book.editors]) if (e && !out.includes(e)) out.push(e);
    return out;
  }

  protection(id: number): Protection {
    return new Protection(this, id);
  }

  metadata(id: number): DeveloperMetadata {
    return new DeveloperMetadata(this, id);
  }

  addMetadata(loc: MetaLocation, args: unknown[], method: string): void {
    this.rec(method, 'spreadsheetWrite');
    const [key, a, b] = args;
    if (typeof key !== 'string' || !key) this.signature(method, args);
    let value: string | null = null;
    let visibility: 'DOCUMENT' | 'PROJECT' = 'DOCUMENT';
    if (a instanceof EnumValue) visibility = (enumKey(DeveloperMetadataVisibility, a) as 'DOCUMENT' | 'PROJECT') ?? 'DOCUMENT';
    else if (a !== undefined && a !== null) value = String(a);
    if (b instanceof EnumValue) visibility = (enumKey(DeveloperMetadataVisibility, b) as 'DOCUMENT' | 'PROJECT') ?? 'DOCUMENT';
    const book = this.book();
    book.metadata.push({ id: nextSeq(book), key, value, visibility, loc });
  }

  metadataAt(match: (m: MetadataJson) => boolean): DeveloperMetadata[] {
    return this.book()
      .metadata.filter(match)
      .map((m) => this.metadata(m.id));
  }

  dataValidation(rule: DvJson): DataValidation {
    return new DataValidation(this, rule);
  }

  requireSheetNameFree(name: string, except?: number): void {
    const other = findSheetByName(this.book(), name);
    if (other && other.id !== except) this.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  /** "Sheet!A1:B2" or "A1:B2" on the active sheet. */
  rangeFromA1(a1: unknown, defaultSheet: SheetJson, method: string): Range {
    if (typeof a1 !== 'string') this.signature(method, [a1]);
    const { sheet: name, ref } = splitSheetPrefix(a1);
    if (name === undefined && !parseA1(ref, defaultSheet.maxRows, defaultSheet.maxCols)) {
      // A named range works where A1 notation does (getRange('Totals')).
      const named = findNamed(this.book(), ref);
      if (named) return this.range(named.sheetId, { ...named.rect });
    }
    const sh = name === undefined ? defaultSheet : findSheetByName(this.book(), name);
    if (!sh) this.fail('Range not found');
    const rect = parseA1(ref, sh.maxRows, sh.maxCols);
    if (!rect || rect.r < 1 || rect.c < 1) this.fail('Range not found');
    if (rect.r + rect.nr - 1 > sh.maxRows || rect.c + rect.nc - 1 > sh.maxCols) this.fail('Range not found');
    return this.range(sh.id, rect);
  }

  /**
   * The RangeList of `a1Notations` on `sheet`: a non-empty array of A1 notations (or range names)
   * of that one sheet. Not an array of strings: the signature error; empty: "Range not found" (the
   * sandbox's wording; Google documents only that the list is non-empty); a range of another sheet:
   * "Range not found" too, since a RangeList holds ranges of one sheet.
   */
  rangeList(a1Notations: unknown, sheet: SheetJson, method: string): RangeList {
    if (!Array.isArray(a1Notations) || a1Notations.some((a) => typeof a !== 'string')) return this.signature(method, [a1Notations]);
    if (!a1Notations.length) return this.fail('Range not found');
    const ranges = a1Notations.map((a1: string) => {
      const r = this.rangeFromA1(a1, sheet, method);
      if (r.sheetId !== sheet.id) this.fail('Range not found');
      return r;
    });
    return new RangeList(this, ranges);
  }

  activeSheetJson(): SheetJson {
    const book = this.book();
    return findSheet(book, book.activeSheetId) ?? book.sheets[0];
  }

  activeRange(): Range {
    const book = this.book();
    const sh = this.activeSheetJson();
    const rect = (book.activeRange && parseA1(book.activeRange, sh.maxRows, sh.maxCols)) || { r: 1, c: 1, nr: 1, nc: 1 };
    return this.range(sh.id, rect);
  }

  /** Every range of the selection (a multi-range selection keeps the active range last). */
  activeRanges(): Range[] {
    const book = this.book();
    const sh = this.activeSheetJson();
    const list = book.selection && book.selection.length ? book.selection : [];
    const out = list.map((a1) => parseA1(a1, sh.maxRows, sh.maxCols)).filter((r): r is Rect => !!r).map((r) => this.range(sh.id, r));
    return out.length ? out : [this.activeRange()];
  }

  /** The current cell: the one the cursor is on (the top-left of the active range unless set). */
  currentCell(): Range {
    const book = this.book();
    const sh = this.activeSheetJson();
    const rect = book.currentCell ? parseA1(book.currentCell, sh.maxRows, sh.maxCols) : undefined;
    if (rect) return this.range(sh.id, rect);
    const r = this.activeRange().rect;
    return this.range(sh.id, { r: r.r, c: r.c, nr: 1, nc: 1 });
  }

  /** Selects `range` (its sheet becomes active); the current cell moves to its top-left. */
  select(range: Range, current?: Rect): void {
    const book = this.book();
    book.activeSheetId = range.sheetId;
    book.activeRange = rectToA1(range.rect);
    delete book.selection;
    const cc = current ?? { r: range.rect.r, c: range.rect.c, nr: 1, nc: 1 };
    book.currentCell = rectToA1(cc);
  }

  namedRange(name: string): NamedRange {
    return new NamedRange(this, name);
  }

  pushUi(ev: UiEvent): void {
    this.ctx.exec.ui.push(ev);
  }
}

// ---------------------------------------------------------------- Spreadsheet

export class Spreadsheet {
  constructor(private readonly api: Api) {}
  toString(): string {
    return 'Spreadsheet';
  }
  private get book(): BookJson {
    return this.api.book();
  }
  getId(): string {
    this.api.rec('Spreadsheet.getId');
    return this.book.id;
  }
  getName(): string {
    this.api.rec('Spreadsheet.getName');
    return this.book.name;
  }
  rename(name: string): void {
    this.api.rec('Spreadsheet.rename', 'spreadsheetWrite');
    this.book.name = String(name);
  }
  getUrl(): string {
    this.api.rec('Spreadsheet.getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }
  getSheets(): Sheet[] {
    this.api.rec('Spreadsheet.getSheets', 'spreadsheetRead');
    return scriptArray(this.api.ctx, this.book.sheets.map((s) => this.api.sheet(s.id)));
  }
  getNumSheets(): number {
    this.api.rec('Spreadsheet.getNumSheets', 'spreadsheetRead');
    return this.book.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    this.api.rec('Spreadsheet.getSheetByName', 'spreadsheetRead');
    const s = findSheetByName(this.book, String(name));
    return s ? this.api.sheet(s.id) : null;
  }
  getSheetById(id: number): Sheet | null {
    this.api.rec('Spreadsheet.getSheetById', 'spreadsheetRead');
    const s = findSheet(this.book, Number(id));
    return s ? this.api.sheet(s.id) : null;
  }
  insertSheet(...args: unknown[]): Sheet {
    this.api.rec('Spreadsheet.insertSheet', 'spreadsheetWrite');
    const book = this.book;
    let name: string | undefined;
    let index: number | undefined;
    if (typeof args[0] === 'string') {
      name = args[0];
      if (isNum(args[1])) index = args[1];
    } else if (isNum(args[0])) index = args[0];
    else if (args[0] !== undefined && args[0] !== null && typeof args[0] !== 'object') this.api.signature('Spreadsheet.insertSheet', args);
    if (name === undefined) {
      let k = book.sheets.length + 1;
      while (findSheetByName(book, `Sheet${k}`)) k++;
      name = `Sheet${k}`;
    }
    if (!name.trim()) this.api.fail('Sheet names cannot be empty.');
    this.api.requireSheetNameFree(name);
    const id = Number(this.api.ctx.newId('number'));
    const sheet = newSheet(id, name);
    if (index === undefined) {
      const active = book.sheets.findIndex((s) => s.id === book.activeSheetId);
      index = active < 0 ? book.sheets.length : active + 1;
    }
    book.sheets.splice(Math.max(0, Math.min(index, book.sheets.length)), 0, sheet);
    book.activeSheetId = id;
    book.activeRange = null;
    this.api.recalc();
    return this.api.sheet(id);
  }
  deleteSheet(sheet: Sheet): void {
    this.api.rec('Spreadsheet.deleteSheet', 'spreadsheetWrite');
    if (!(sheet instanceof Sheet)) this.api.signature('Spreadsheet.deleteSheet', [sheet]);
    const book = this.book;
    const idx = book.sheets.findIndex((s) => s.id === sheet.id);
    if (idx < 0) this.api.fail('The sheet has been deleted.');
    if (book.sheets.length === 1) this.api.fail("You can't remove all the sheets in a document.");
    const id = sheet.id;
    book.sheets.splice(idx, 1);
    book.protections = book.protections.filter((p) => p.sheetId !== id);
    book.metadata = book.metadata.filter((m) => !('sheetId' in m.loc) || m.loc.sheetId !== id);
    if (book.namedRanges) book.namedRanges = book.namedRanges.filter((n) => n.sheetId !== id);
    if (book.activeSheetId === id) {
      book.activeSheetId = book.sheets[Math.max(0, idx - 1)].id;
      book.activeRange = null;
      delete book.selection;
      delete book.currentCell;
    }
    this.api.recalc();
  }
  getActiveSheet(): Sheet {
    this.api.rec('Spreadsheet.getActiveSheet', 'spreadsheetRead');
    return this.api.sheet(this.api.activeSheetJson().id);
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this.api.rec('Spreadsheet.setActiveSheet', 'spreadsheetWrite');
    if (!(sheet instanceof Sheet)) this.api.signature('Spreadsheet.setActiveSheet', [sheet]);
    this.api.sheetJson(sheet.id);
    this.book.activeSheetId = sheet.id;
    this.book.activeRange = null;
    delete this.book.selection;
    delete this.book.currentCell;
    return sheet;
  }
  getActiveRange(): Range {
    this.api.rec('Spreadsheet.getActiveRange', 'spreadsheetRead');
    return this.api.activeRange();
  }
  getActiveCell(): Range {
    this.api.rec('Spreadsheet.getActiveCell', 'spreadsheetRead');
    return this.api.currentCell();
  }
  setActiveRange(range: Range): Range {
    this.api.rec('Spreadsheet.setActiveRange', 'spreadsheetWrite');
    if (!(range instanceof Range)) this.api.signature('Spreadsheet.setActiveRange', [range]);
    this.api.select(range);
    return range;
  }
  getRange(a1: string): Range {
    this.api.rec('Spreadsheet.getRange');
    return this.api.rangeFromA1(a1, this.api.activeSheetJson(), 'Spreadsheet.getRange');
  }
  /** Sheet.getRangeList on the active sheet. */
  getRangeList(a1Notations: unknown): RangeList {
    this.api.rec('Spreadsheet.getRangeList');
    return this.api.rangeList(a1Notations, this.api.activeSheetJson(), 'Spreadsheet.getRangeList');
  }
  getRangeByName(name: string): Range | null {
    this.api.rec('Spreadsheet.getRangeByName', 'spreadsheetRead');
    const nr = findNamed(this.book, String(name));
    return nr ? this.api.range(nr.sheetId, { ...nr.rect }) : null;
  }
  setNamedRange(name: string, range: Range): void {
    this.api.rec('Spreadsheet.setNamedRange', 'spreadsheetWrite');
    if (typeof name !== 'string' || !(range instanceof Range)) this.api.signature('Spreadsheet.setNamedRange', [name, range]);
    checkRangeName(this.api, name);
    const book = this.book;
    const list = (book.namedRanges = book.namedRanges ?? []);
    const existing = findNamed(book, name);
    if (existing) {
      existing.sheetId = range.sheetId;
      existing.rect = { ...range.rect };
    } else list.push({ name, sheetId: range.sheetId, rect: { ...range.rect } });
    this.api.recalc();
  }
  getNamedRanges(): NamedRange[] {
    this.api.rec('Spreadsheet.getNamedRanges', 'spreadsheetRead');
    return (this.book.namedRanges ?? []).map((n) => this.api.namedRange(n.name));
  }
  removeNamedRange(name: string): void {
    this.api.rec('Spreadsheet.removeNamedRange', 'spreadsheetWrite');
    const book = this.book;
    if (!findNamed(book, String(name))) this.api.fail('Named range not found.');
    book.namedRanges = (book.namedRanges ?? []).filter((n) => n.name.toLowerCase() !== String(name).toLowerCase());
    this.api.recalc();
  }
  getActiveRangeList(): RangeList {
    this.api.rec('Spreadsheet.getActiveRangeList', 'spreadsheetRead');
    return new RangeList(this.api, this.api.activeRanges());
  }
  getSelection(): Selection {
    this.api.rec('Spreadsheet.getSelection', 'spreadsheetRead');
    return new Selection(this.api);
  }
  getCurrentCell(): Range {
    this.api.rec('Spreadsheet.getCurrentCell', 'spreadsheetRead');
    return this.api.currentCell();
  }
  setCurrentCell(cell: Range): Range {
    this.api.rec('Spreadsheet.setCurrentCell', 'spreadsheetWrite');
    if (!(cell instanceof Range)) this.api.signature('Spreadsheet.setCurrentCell', [cell]);
    const book = this.book;
    book.activeSheetId = cell.sheetId;
    book.currentCell = rectToA1({ r: cell.rect.r, c: cell.rect.c, nr: 1, nc: 1 });
    return cell;
  }
  setActiveSelection(range: unknown): Range {
    this.api.rec('Spreadsheet.setActiveSelection', 'spreadsheetWrite');
    const r = range instanceof Range ? range : this.api.rangeFromA1(range, this.api.activeSheetJson(), 'Spreadsheet.setActiveSelection');
    this.api.select(r);
    return r;
  }
  addMenu(name: unknown, subMenus: unknown): void {
    this.api.rec('Spreadsheet.addMenu', 'ui');
    if (typeof name !== 'string' || !Array.isArray(subMenus)) this.api.signature('Spreadsheet.addMenu', [name, subMenus]);
    const items: Array<{ caption: string; functionName: string } | { separator: true }> = [];
    for (const it of subMenus as unknown[]) {
      if (it === null || it === undefined) {
        items.push({ separator: true });
        continue;
      }
      const o = it as { name?: unknown; functionName?: unknown };
      if (typeof o !== 'object' || typeof o.name !== 'string' || typeof o.functionName !== 'string') this.api.signature('Spreadsheet.addMenu', [name, subMenus]);
      items.push({ caption: o.name, functionName: o.functionName });
    }
    this.api.pushUi({ type: 'menu', name, items, addon: false });
  }
  removeMenu(name: string): void {
    this.api.rec('Spreadsheet.removeMenu', 'ui');
    void name;
  }
  getDataRange(): Range {
    return this.api.sheet(this.api.activeSheetJson().id).getDataRange();
  }
  getLastRow(): number {
    return this.api.sheet(this.api.activeSheetJson().id).getLastRow();
  }
  getLastColumn(): number {
    return this.api.sheet(this.api.activeSheetJson().id).getLastColumn();
  }
  appendRow(values: unknown[]): Sheet {
    return this.api.sheet(this.api.activeSheetJson().id).appendRow(values);
  }
  toast(msg: unknown, title?: unknown, timeoutSeconds?: unknown): void {
    this.api.rec('Spreadsheet.toast', 'ui');
    this.api.pushUi({
      type: 'toast',
      message: String(msg ?? ''),
      title: title === undefined || title === null ? '' : String(title),
      timeoutSeconds: isNum(timeoutSeconds) ? timeoutSeconds : 5,
    });
  }
  getSpreadsheetTimeZone(): string {
    this.api.rec('Spreadsheet.getSpreadsheetTimeZone', 'spreadsheetRead');
    return this.book.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.api.rec('Spreadsheet.setSpreadsheetTimeZone', 'spreadsheetWrite');
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: String(tz) });
    } catch {
      this.api.fail(`Invalid argument: ${String(tz)}`);
    }
    this.book.timeZone = String(tz);
  }
  getSpreadsheetLocale(): string {
    this.api.rec('Spreadsheet.getSpreadsheetLocale', 'spreadsheetRead');
    return this.book.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.api.rec('Spreadsheet.setSpreadsheetLocale', 'spreadsheetWrite');
    this.book.locale = String(locale);
  }
  getOwner(): User {
    this.api.rec('Spreadsheet.getOwner', 'spreadsheetRead');
    return this.api.user(this.book.owner);
  }
  getEditors(): User[] {
    this.api.rec('Spreadsheet.getEditors', 'spreadsheetRead');
    return [this.book.owner, ...this.book.editors.filter((e) => e !== this.book.owner)].map((e) => this.api.user(e));
  }
  getViewers(): User[] {
    this.api.rec('Spreadsheet.getViewers', 'spreadsheetRead');
    return this.book.viewers.map((e) => this.api.user(e));
  }
  addEditor(user: unknown): Spreadsheet {
    this.api.rec('Spreadsheet.addEditor', 'spreadsheetWrite');
    const e = emailOf(user);
    if (e !== this.book.owner && !this.book.editors.includes(e)) this.book.editors.push(e);
    this.book.viewers = this.book.viewers.filter((v) => v !== e);
    return this;
  }
  addEditors(users: unknown[]): Spreadsheet {
    for (const u of users) this.addEditor(u);
    return this;
  }
  removeEditor(user: unknown): Spreadsheet {
    this.api.rec('Spreadsheet.removeEditor', 'spreadsheetWrite');
    const e = emailOf(user);
    this.book.editors = this.book.editors.filter((x) => x !== e);
    return this;
  }
  addViewer(user: unknown): Spreadsheet {
    this.api.rec('Spreadsheet.addViewer', 'spreadsheetWrite');
    const e = emailOf(user);
    if (!this.book.viewers.includes(e) && !this.book.editors.includes(e) && e !== this.book.owner) this.book.viewers.push(e);
    return this;
  }
  getProtections(type: unknown): Protection[] {
    this.api.rec('Spreadsheet.getProtections', 'spreadsheetRead');
    const t = enumKey(ProtectionType, type);
    if (!t) this.api.signature('Spreadsheet.getProtections', [type]);
    return this.book.protections.filter((p) => p.type === t).map((p) => this.api.protection(p.id));
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.api.rec('Spreadsheet.getDeveloperMetadata', 'spreadsheetRead');
    return this.api.metadataAt((m) => m.loc.type === 'SPREADSHEET');
  }
  addDeveloperMetadata(...args: unknown[]): Spreadsheet {
    this.api.addMetadata({ type: 'SPREADSHEET' }, args, 'Spreadsheet.addDeveloperMetadata');
    return this;
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.api.rec('Spreadsheet.createDeveloperMetadataFinder');
    return new DeveloperMetadataFinder(this.api, () => true);
  }
}

// ---------------------------------------------------------------- Sheet

export class Sheet {
  constructor(
    private readonly api: Api,
    readonly id: number,
  ) {}
  toString(): string {
    return 'Sheet';
  }
  private get json(): SheetJson {
    return this.api.sheetJson(this.id);
  }
  private whole(): Rect {
    const s = this.json;
    return { r: 1, c: 1, nr: s.maxRows, nc: s.maxCols };
  }
  getName(): string {
    this.api.rec('Sheet.getName');
    return this.json.name;
  }
  setName(name: string): Sheet {
    this.api.rec('Sheet.setName', 'spreadsheetWrite');
    const n = String(name);
    if (!n.trim()) this.api.fail('Sheet names cannot be empty.');
    this.api.requireSheetNameFree(n, this.id);
    this.api.checkWrite(this.json, this.whole());
    const old = this.json.name;
    this.json.name = n;
    renameFormulaRefs(this.api.book(), old, n);
    this.api.recalc();
    return this;
  }
  getSheetId(): number {
    this.api.rec('Sheet.getSheetId');
    return this.json.id;
  }
  getSheetName(): string {
    return this.getName();
  }
  getIndex(): number {
    this.api.rec('Sheet.getIndex');
    return this.api.book().sheets.findIndex((s) => s.id === this.id) + 1;
  }
  getParent(): Spreadsheet {
    this.api.rec('Sheet.getParent');
    return this.api.spreadsheet();
  }
  getLastRow(): number {
    this.api.rec('Sheet.getLastRow', 'spreadsheetRead');
    return lastRow(this.json);
  }
  getLastColumn(): number {
    this.api.rec('Sheet.getLastColumn', 'spreadsheetRead');
    return lastColumn(this.json);
  }
  getMaxRows(): number {
    this.api.rec('Sheet.getMaxRows', 'spreadsheetRead');
    return this.json.maxRows;
  }
  getMaxColumns(): number {
    this.api.rec('Sheet.getMaxColumns', 'spreadsheetRead');
    return this.json.maxCols;
  }
  getRange(...args: unknown[]): Range {
    this.api.rec('Sheet.getRange');
    const s = this.json;
    if (args.length === 1) return this.api.rangeFromA1(args[0], s, 'Sheet.getRange');
    if (args.length < 2 || args.length > 4 || !args.every(isNum)) this.api.signature('Sheet.getRange', args);
    const [r, c, nr = 1, nc = 1] = (args as number[]).map(Math.floor);
    if (r < 1) this.api.fail('The starting row of the range is too small.');
    if (c < 1) this.api.fail('The starting column of the range is too small.');
    if (nr < 1) this.api.fail('The number of rows in the range must be at least 1.');
    if (nc < 1) this.api.fail('The number of columns in the range must be at least 1.');
    if (r + nr - 1 > s.maxRows || c + nc - 1 > s.maxCols) this.api.fail('The coordinates of the range are outside the dimensions of the sheet.');
    return this.api.range(this.id, { r, c, nr, nc });
  }
  /** The ranges of a non-empty list of A1 notations of this sheet, as one RangeList (no call: like getRange). */
  getRangeList(a1Notations: unknown): RangeList {
    this.api.rec('Sheet.getRangeList');
    return this.api.rangeList(a1Notations, this.json, 'Sheet.getRangeList');
  }
  getDataRange(): Range {
    this.api.rec('Sheet.getDataRange', 'spreadsheetRead');
    const s = this.json;
    return this.api.range(this.id, { r: 1, c: 1, nr: Math.max(1, lastRow(s)), nc: Math.max(1, lastColumn(s)) });
  }
  getSheetValues(r: number, c: number, nr: number, nc: number): unknown[][] {
    const s = this.json;
    if (nr === -1) nr = lastRow(s) - r + 1;
    if (nc === -1) nc = lastColumn(s) - c + 1;
    this.api.rec('Sheet.getSheetValues', 'spreadsheetRead', nr * nc);
    return this.api.grid(this.api.range(this.id, { r, c, nr, nc }).readValues());
  }
  appendRow(values: unknown[]): Sheet {
    if (!Array.isArray(values)) this.api.signature('Sheet.appendRow', [values]);
    this.api.rec('Sheet.appendRow', 'spreadsheetWrite', values.length);
    const s = this.json;
    const r = lastRow(s) + 1;
    const rect = { r, c: 1, nr: 1, nc: Math.max(1, values.length) };
    this.api.checkWrite(s, rect);
    if (r > s.maxRows) shiftSheet(this.api.book(), s, 'row', s.maxRows + 1, r - s.maxRows, true);
    if (values.length > s.maxCols) shiftSheet(this.api.book(), s, 'col', s.maxCols + 1, values.length - s.maxCols, true);
    const row = values.map((v, j) => this.api.inValue(v, s, r, j + 1));
    if (row.length) this.api.writeCells(s, { ...rect, nc: row.length }, [row]);
    return this;
  }
  private structural(method: string, dim: 'row' | 'col', at: number, n: number, insert: boolean, args: unknown[]): Sheet {
    this.api.rec(`Sheet.${method}`, 'spreadsheetWrite');
    if (!isNum(at) || !isNum(n)) this.api.signature(`Sheet.${method}`, args);
    const s = this.json;
    const max = dim === 'row' ? s.maxRows : s.maxCols;
    const what = dim === 'row' ? 'rows' : 'columns';
    if (insert) {
      if (n < 1 || at < 1 || at > max + 1) this.api.fail(`Those ${what} are out of bounds.`);
    } else {
      if (n < 1 || at < 1 || at + n - 1 > max) this.api.fail(`Those ${what} are out of bounds.`);
      const frozen = dim === 'row' ? s.frozenRows : s.frozenCols;
      if (n >= max - frozen && at > frozen) this.api.fail(`Sorry, it is not possible to delete all non-frozen ${what}.`);
      if (n >= max) this.api.fail(`Sorry, it is not possible to delete all non-frozen ${what}.`);
    }
    this.api.checkWrite(s, this.whole());
    shiftSheet(this.api.book(), s, dim, at, n, insert);
    shiftFormulaRefs(this.api.book(), s, dim, at, n, insert);
    this.api.recalc();
    return this;
  }
  insertRows(rowIndex: number, numRows = 1): Sheet {
    return this.structural('insertRows', 'row', rowIndex, numRows, true, [rowIndex, numRows]);
  }
  insertRowsBefore(before: number, n: number): Sheet {
    return this.structural('insertRowsBefore', 'row', before, n, true, [before, n]);
  }
  insertRowsAfter(after: number, n: number): Sheet {
    return this.structural('insertRowsAfter', 'row', after + 1, n, true, [after, n]);
  }
  insertRowBefore(before: number): Sheet {
    return this.structural('insertRowBefore', 'row', before, 1, true, [before]);
  }
  insertRowAfter(after: number): Sheet {
    return this.structural('insertRowAfter', 'row', after + 1, 1, true, [after]);
  }
  insertColumns(col: number, n = 1): Sheet {
    return this.structural('insertColumns', 'col', col, n, true, [col, n]);
  }
  insertColumnsBefore(before: number, n: number): Sheet {
    return this.structural('insertColumnsBefore', 'col', before, n, true, [before, n]);
  }
  insertColumnsAfter(after: number, n: number): Sheet {
    return this.structural('insertColumnsAfter', 'col', after + 1, n, true, [after, n]);
  }
  insertColumnBefore(before: number): Sheet {
    return this.structural('insertColumnBefore', 'col', before, 1, true, [before]);
  }
  insertColumnAfter(after: number): Sheet {
    return this.structural('insertColumnAfter', 'col', after + 1, 1, true, [after]);
  }
  deleteRow(r: number): Sheet {
    return this.structural('deleteRow', 'row', r, 1, false, [r]);
  }
  deleteRows(r: number, n: number): Sheet {
    return this.structural('deleteRows', 'row', r, n, false, [r, n]);
  }
  deleteColumn(c: number): Sheet {
    return this.structural('deleteColumn', 'col', c, 1, false, [c]);
  }
  deleteColumns(c: number, n: number): Sheet {
    return this.structural('deleteColumns', 'col', c, n, false, [c, n]);
  }
  setFrozenRows(n: number): void {
    this.api.rec('Sheet.setFrozenRows', 'spreadsheetWrite');
    if (!isNum(n) || n < 0 || n > this.json.maxRows) this.api.signature('Sheet.setFrozenRows', [n]);
    this.json.frozenRows = Math.floor(n);
  }
  getFrozenRows(): number {
    this.api.rec('Sheet.getFrozenRows', 'spreadsheetRead');
    return this.json.frozenRows;
  }
  setFrozenColumns(n: number): void {
    this.api.rec('Sheet.setFrozenColumns', 'spreadsheetWrite');
    if (!isNum(n) || n < 0 || n > this.json.maxCols) this.api.signature('Sheet.setFrozenColumns', [n]);
    this.json.frozenCols = Math.floor(n);
  }
  getFrozenColumns(): number {
    this.api.rec('Sheet.getFrozenColumns', 'spreadsheetRead');
    return this.json.frozenCols;
  }
  private hide(method: string, key: 'hiddenCols' | 'hiddenRows', start: unknown, n: unknown, hidden: boolean): void {
    this.api.rec(`Sheet.${method}`, 'spreadsheetWrite');
    const s = this.json;
    let first: number;
    let count = isNum(n) ? n : 1;
    if (start instanceof Range) {
      first = key === 'hiddenCols' ? start.rect.c : start.rect.r;
      count = key === 'hiddenCols' ? start.rect.nc : start.rect.nr;
    } else if (isNum(start)) first = start;
    else return this.api.signature(`Sheet.${method}`, [start, n]);
    const set = new Set(s[key]);
    for (let i = first; i < first + count; i++) {
      if (hidden) set.add(i);
      else set.delete(i);
    }
    s[key] = [...set].sort((a, b) => a - b);
  }
  hideColumns(col: unknown, n?: number): void {
    this.hide('hideColumns', 'hiddenCols', col, n, true);
  }
  hideColumn(range: Range): void {
    this.hide('hideColumn', 'hiddenCols', range, undefined, true);
  }
  showColumns(col: unknown, n?: number): void {
    this.hide('showColumns', 'hiddenCols', col, n, false);
  }
  hideRows(row: unknown, n?: number): void {
    this.hide('hideRows', 'hiddenRows', row, n, true);
  }
  hideRow(range: Range): void {
    this.hide('hideRow', 'hiddenRows', range, undefined, true);
  }
  showRows(row: unknown, n?: number): void {
    this.hide('showRows', 'hiddenRows', row, n, false);
  }
  isColumnHiddenByUser(col: number): boolean {
    this.api.rec('Sheet.isColumnHiddenByUser', 'spreadsheetRead');
    return this.json.hiddenCols.includes(col);
  }
  isRowHiddenByUser(row: number): boolean {
    this.api.rec('Sheet.isRowHiddenByUser', 'spreadsheetRead');
    return this.json.hiddenRows.includes(row);
  }
  setColumnWidth(col: number, width: number): Sheet {
    this.api.rec('Sheet.setColumnWidth', 'spreadsheetWrite');
    this.json.colWidths[String(col)] = width;
    return this;
  }
  setColumnWidths(col: number, n: number, width: number): Sheet {
    this.api.rec('Sheet.setColumnWidths', 'spreadsheetWrite');
    for (let i = col; i < col + n; i++) this.json.colWidths[String(i)] = width;
    return this;
  }
  getColumnWidth(col: number): number {
    this.api.rec('Sheet.getColumnWidth', 'spreadsheetRead');
    return this.json.colWidths[String(col)] ?? 100;
  }
  setRowHeight(_row: number, _h: number): Sheet {
    this.api.rec('Sheet.setRowHeight', 'spreadsheetWrite');
    return this;
  }
  autoResizeColumns(_col: number, _n: number): Sheet {
    this.api.rec('Sheet.autoResizeColumns', 'spreadsheetWrite');
    return this;
  }
  autoResizeColumn(_col: number): Sheet {
    this.api.rec('Sheet.autoResizeColumn', 'spreadsheetWrite');
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.api.rec('Sheet.getDeveloperMetadata', 'spreadsheetRead');
    return this.api.metadataAt((m) => m.loc.type === 'SHEET' && m.loc.sheetId === this.id);
  }
  addDeveloperMetadata(...args: unknown[]): Sheet {
    this.api.addMetadata({ type: 'SHEET', sheetId: this.id }, args, 'Sheet.addDeveloperMetadata');
    return this;
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.api.rec('Sheet.createDeveloperMetadataFinder');
    return new DeveloperMetadataFinder(this.api, (m) => 'sheetId' in m.loc && m.loc.sheetId === this.id);
  }
  protect(): Protection {
    this.api.rec('Sheet.protect', 'spreadsheetWrite');
    const book = this.api.book();
    const existing = book.protections.find((p) => p.type === 'SHEET' && p.sheetId === this.id);
    if (existing) return this.api.protection(existing.id);
    const p: ProtectionJson = {
      id: nextSeq(book),
      type: 'SHEET',
      sheetId: this.id,
      rect: null,
      description: '',
      editors: this.api.newProtectionEditors(),
      warningOnly: false,
      domainEdit: false,
      unprotected: [],
    };
    book.protections.push(p);
    return this.api.protection(p.id);
  }
  getProtections(type: unknown): Protection[] {
    this.api.rec('Sheet.getProtections', 'spreadsheetRead');
    const t = enumKey(ProtectionType, type);
    if (!t) this.api.signature('Sheet.getProtections', [type]);
    return this.api
      .book()
      .protections.filter((p) => p.type === t && p.sheetId === this.id)
      .map((p) => this.api.protection(p.id));
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Sheet {
    this.api.rec('Sheet.clear', 'spreadsheetWrite');
    const s = this.json;
    this.api.checkWrite(s, this.whole());
    if (!options?.formatOnly) {
      s.cells = [];
      this.api.recalc();
    }
    if (!options?.contentsOnly) {
      for (const k of Object.keys(s.layers) as LayerKey[]) if (k !== 'dv') delete s.layers[k];
    }
    return this;
  }
  clearContents(): Sheet {
    this.api.rec('Sheet.clearContents', 'spreadsheetWrite');
    this.api.checkWrite(this.json, this.whole());
    this.json.cells = [];
    this.api.recalc();
    return this;
  }
  clearFormats(): Sheet {
    this.api.rec('Sheet.clearFormats', 'spreadsheetWrite');
    const s = this.json;
    for (const k of Object.keys(s.layers) as LayerKey[]) if (k !== 'dv' && k !== 'note') delete s.layers[k];
    return this;
  }
  setConditionalFormatRules(rules: unknown[]): void {
    this.api.rec('Sheet.setConditionalFormatRules', 'spreadsheetWrite');
    if (!Array.isArray(rules) || !rules.every((r) => r instanceof ConditionalFormatRule)) this.api.signature('Sheet.setConditionalFormatRules', [rules]);
    this.json.cf = (rules as ConditionalFormatRule[]).map((r) => r.toJson(this.id));
  }
  getConditionalFormatRules(): ConditionalFormatRule[] {
    this.api.rec('Sheet.getConditionalFormatRules', 'spreadsheetRead');
    return this.json.cf.map((r) => new ConditionalFormatRule(this.api, JSON.parse(JSON.stringify(r)) as CfRuleJson, this.id));
  }
  clearConditionalFormatRules(): void {
    this.api.rec('Sheet.clearConditionalFormatRules', 'spreadsheetWrite');
    this.json.cf = [];
  }
  activate(): Sheet {
    this.api.rec('Sheet.activate', 'spreadsheetWrite');
    const book = this.api.book();
    book.activeSheetId = this.id;
    book.activeRange = null;
    delete book.selection;
    delete book.currentCell;
    return this;
  }
  /** The active range when this sheet is the active one; null otherwise (as Sheets). */
  getActiveRange(): Range | null {
    this.api.rec('Sheet.getActiveRange', 'spreadsheetRead');
    if (this.api.activeSheetJson().id !== this.id) return null;
    return this.api.activeRange();
  }
  getActiveRangeList(): RangeList | null {
    this.api.rec('Sheet.getActiveRangeList', 'spreadsheetRead');
    if (this.api.activeSheetJson().id !== this.id) return null;
    return new RangeList(this.api, this.api.activeRanges());
  }
  getActiveCell(): Range {
    this.api.rec('Sheet.getActiveCell', 'spreadsheetRead');
    if (this.api.activeSheetJson().id !== this.id) return this.api.range(this.id, { r: 1, c: 1, nr: 1, nc: 1 });
    return this.api.currentCell();
  }
  getCurrentCell(): Range | null {
    this.api.rec('Sheet.getCurrentCell', 'spreadsheetRead');
    if (this.api.activeSheetJson().id !== this.id) return null;
    return this.api.currentCell();
  }
  getSelection(): Selection {
    this.api.rec('Sheet.getSelection', 'spreadsheetRead');
    return new Selection(this.api);
  }
  setActiveRange(range: Range): Range {
    this.api.rec('Sheet.setActiveRange', 'spreadsheetWrite');
    if (!(range instanceof Range)) this.api.signature('Sheet.setActiveRange', [range]);
    if (range.sheetId !== this.id) this.api.fail('Target range and sheet must be on the same sheet.');
    this.api.select(range);
    return range;
  }
  setActiveSelection(range: unknown): Range {
    this.api.rec('Sheet.setActiveSelection', 'spreadsheetWrite');
    const r = range instanceof Range ? range : this.api.rangeFromA1(range, this.json, 'Sheet.setActiveSelection');
    if (r.sheetId !== this.id) this.api.fail('Target range and sheet must be on the same sheet.');
    this.api.select(r);
    return r;
  }
  setCurrentCell(cell: Range): Range {
    return this.api.spreadsheet().setCurrentCell(cell);
  }
  getNamedRanges(): NamedRange[] {
    this.api.rec('Sheet.getNamedRanges', 'spreadsheetRead');
    return (this.api.book().namedRanges ?? []).filter((n) => n.sheetId === this.id).map((n) => this.api.namedRange(n.name));
  }
  setTabColor(color: string | null): Sheet {
    this.api.rec('Sheet.setTabColor', 'spreadsheetWrite');
    this.json.tabColor = normalizeColor(color);
    return this;
  }
  getTabColor(): string | null {
    this.api.rec('Sheet.getTabColor', 'spreadsheetRead');
    return this.json.tabColor;
  }
  hideSheet(): Sheet {
    this.api.rec('Sheet.hideSheet', 'spreadsheetWrite');
    const book = this.api.book();
    if (book.sheets.filter((s) => !s.hidden && s.id !== this.id).length === 0) this.api.fail("You can't hide all the sheets in a document.");
    this.json.hidden = true;
    return this;
  }
  showSheet(): Sheet {
    this.api.rec('Sheet.showSheet', 'spreadsheetWrite');
    this.json.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.api.rec('Sheet.isSheetHidden', 'spreadsheetRead');
    return this.json.hidden;
  }
}

// ---------------------------------------------------------------- Range

type Grid2 = unknown[][];

export class Range {
  constructor(
    private readonly api: Api,
    readonly sheetId: number,
    readonly rect: Rect,
  ) {}
  toString(): string {
    return 'Range';
  }
  private get json(): SheetJson {
    return this.api.sheetJson(this.sheetId);
  }
  private get cells(): number {
    return this.rect.nr * this.rect.nc;
  }
  private checkDims(data: unknown, method: string): Grid2 {
    if (!Array.isArray(data)) return this.api.signature(method, [data]);
    if (data.length !== this.rect.nr) {
      this.api.fail(`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.rect.nr}.`);
    }
    for (const row of data) {
      if (!Array.isArray(row)) return this.api.signature(method, [data]);
      if (row.length !== this.rect.nc) {
        this.api.fail(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.rect.nc}.`);
      }
    }
    return data as Grid2;
  }
  private layerGrid<T>(key: LayerKey, map: (v: LayerVal) => T): T[][] {
    const s = this.json;
    const g = s.layers[key];
    const out: T[][] = [];
    for (let i = 0; i < this.rect.nr; i++) {
      const row = g?.[this.rect.r - 1 + i];
      const line: T[] = new Array(this.rect.nc);
      for (let j = 0; j < this.rect.nc; j++) {
        const v = row ? row[this.rect.c - 1 + j] : null;
        line[j] = map(v === undefined ? null : v);
      }
      out.push(line);
    }
    return this.api.grid(out);
  }
  private setLayerGrid(method: string, key: LayerKey, data: unknown, conv: (v: unknown) => LayerVal): Range {
    this.api.rec(`Range.${method}`, 'spreadsheetWrite', this.cells);
    const grid = this.checkDims(data, `Range.${method}`);
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    for (let i = 0; i < this.rect.nr; i++) for (let j = 0; j < this.rect.nc; j++) setLayer(s, key, this.rect.r + i, this.rect.c + j, conv(grid[i][j]));
    return this;
  }
  private setLayerAll(method: string, key: LayerKey, value: LayerVal): Range {
    this.api.rec(`Range.${method}`, 'spreadsheetWrite', this.cells);
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    if (value === null) clearLayerRect(s, key, this.rect);
    else for (let i = 0; i < this.rect.nr; i++) for (let j = 0; j < this.rect.nc; j++) setLayer(s, key, this.rect.r + i, this.rect.c + j, value);
    return this;
  }

  /** Values without recording (used by other recorded calls). */
  readValues(): unknown[][] {
    const s = this.json;
    const nfGrid = s.layers.nf;
    const out: unknown[][] = [];
    const { r, c, nr, nc } = this.rect;
    for (let i = 0; i < nr; i++) {
      const row = s.cells[r - 1 + i];
      const nfRow = nfGrid?.[r - 1 + i];
      const line: unknown[] = new Array(nc);
      for (let j = 0; j < nc; j++) {
        const cell = row ? row[c - 1 + j] : null;
        const nf = nfRow ? nfRow[c - 1 + j] ?? null : null;
        line[j] = cell === null || cell === undefined ? '' : typeof cell === 'string' && !nf ? cell : this.api.outValue(cell, nf);
      }
      out.push(line);
    }
    return out;
  }

  getValues(): unknown[][] {
    this.api.rec('Range.getValues', 'spreadsheetRead', this.cells);
    return this.api.grid(this.readValues());
  }
  getValue(): unknown {
    this.api.rec('Range.getValue', 'spreadsheetRead');
    const s = this.json;
    return this.api.outValue(getCell(s, this.rect.r, this.rect.c), getLayer(s, 'nf', this.rect.r, this.rect.c));
  }
  setValues(values: unknown): Range {
    this.api.rec('Range.setValues', 'spreadsheetWrite', this.cells);
    const grid = this.checkDims(values, 'Range.setValues');
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    const cells: Cell[][] = grid.map((row, i) => row.map((v, j) => this.api.inValue(v, s, this.rect.r + i, this.rect.c + j)));
    this.api.writeCells(s, this.rect, cells);
    return this;
  }
  setValue(value: unknown): Range {
    this.api.rec('Range.setValue', 'spreadsheetWrite', this.cells);
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    const cells: Cell[][] = [];
    for (let i = 0; i < this.rect.nr; i++) {
      const row: Cell[] = [];
      for (let j = 0; j < this.rect.nc; j++) row.push(this.api.inValue(value, s, this.rect.r + i, this.rect.c + j));
      cells.push(row);
    }
    this.api.writeCells(s, this.rect, cells);
    return this;
  }
  getDisplayValues(): string[][] {
    this.api.rec('Range.getDisplayValues', 'spreadsheetRead', this.cells);
    const s = this.json;
    const book = this.api.book();
    const out: string[][] = [];
    for (let i = 0; i < this.rect.nr; i++) {
      const line: string[] = [];
      for (let j = 0; j < this.rect.nc; j++) line.push(displayAt(book, s, this.rect.r + i, this.rect.c + j));
      out.push(line);
    }
    return this.api.grid(out);
  }
  getDisplayValue(): string {
    this.api.rec('Range.getDisplayValue', 'spreadsheetRead');
    return displayAt(this.api.book(), this.json, this.rect.r, this.rect.c);
  }
  getFormulas(): string[][] {
    this.api.rec('Range.getFormulas', 'spreadsheetRead', this.cells);
    const s = this.json;
    const out: string[][] = [];
    for (let i = 0; i < this.rect.nr; i++) {
      const line: string[] = [];
      for (let j = 0; j < this.rect.nc; j++) line.push(cellFormula(getCell(s, this.rect.r + i, this.rect.c + j)));
      out.push(line);
    }
    return this.api.grid(out);
  }
  getFormula(): string {
    this.api.rec('Range.getFormula', 'spreadsheetRead');
    return cellFormula(getCell(this.json, this.rect.r, this.rect.c));
  }
  private formulaToCell(f: unknown, r: number, c: number): Cell {
    const s = String(f ?? '');
    if (s.length > MAX_CELL_CHARS) this.api.fail(CELL_TOO_LONG);
    if (s.startsWith('=')) return formulaCell(s);
    return this.api.inValue(s, this.json, r, c);
  }
  setFormulas(formulas: unknown): Range {
    this.api.rec('Range.setFormulas', 'spreadsheetWrite', this.cells);
    const grid = this.checkDims(formulas, 'Range.setFormulas');
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    const cells = grid.map((row, i) => row.map((f, j) => this.formulaToCell(f, this.rect.r + i, this.rect.c + j)));
    this.api.writeCells(s, this.rect, cells);
    return this;
  }
  setFormula(formula: unknown): Range {
    this.api.rec('Range.setFormula', 'spreadsheetWrite', this.cells);
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    const cells: Cell[][] = [];
    for (let i = 0; i < this.rect.nr; i++) {
      const row: Cell[] = [];
      for (let j = 0; j < this.rect.nc; j++) row.push(this.formulaToCell(formula, this.rect.r + i, this.rect.c + j));
      cells.push(row);
    }
    this.api.writeCells(s, this.rect, cells);
    return this;
  }
  getNumberFormat(): string {
    this.api.rec('Range.getNumberFormat', 'spreadsheetRead');
    return (getLayer(this.json, 'nf', this.rect.r, this.rect.c) as string | null) ?? GENERAL_FORMAT;
  }
  getNumberFormats(): string[][] {
    this.api.rec('Range.getNumberFormats', 'spreadsheetRead', this.cells);
    return this.layerGrid('nf', (v) => (v === null ? GENERAL_FORMAT : String(v)));
  }
  setNumberFormat(format: string): Range {
    return this.setLayerAll('setNumberFormat', 'nf', format === null || format === undefined || format === '' ? null : String(format));
  }
  setNumberFormats(formats: unknown): Range {
    return this.setLayerGrid('setNumberFormats', 'nf', formats, (v) => (v === null || v === undefined || v === '' ? null : String(v)));
  }
  getBackground(): string {
    this.api.rec('Range.getBackground', 'spreadsheetRead');
    return (getLayer(this.json, 'bg', this.rect.r, this.rect.c) as string | null) ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    this.api.rec('Range.getBackgrounds', 'spreadsheetRead', this.cells);
    return this.layerGrid('bg', (v) => (v === null ? '#ffffff' : String(v)));
  }
  setBackground(color: string | null): Range {
    return this.setLayerAll('setBackground', 'bg', normalizeColor(color));
  }
  setBackgrounds(colors: unknown): Range {
    return this.setLayerGrid('setBackgrounds', 'bg', colors, normalizeColor);
  }
  getFontColor(): string {
    this.api.rec('Range.getFontColor', 'spreadsheetRead');
    return (getLayer(this.json, 'fc', this.rect.r, this.rect.c) as string | null) ?? '#000000';
  }
  getFontColors(): string[][] {
    this.api.rec('Range.getFontColors', 'spreadsheetRead', this.cells);
    return this.layerGrid('fc', (v) => (v === null ? '#000000' : String(v)));
  }
  setFontColor(color: string | null): Range {
    return this.setLayerAll('setFontColor', 'fc', normalizeColor(color));
  }
  setFontColors(colors: unknown): Range {
    return this.setLayerGrid('setFontColors', 'fc', colors, normalizeColor);
  }
  getFontWeight(): string {
    this.api.rec('Range.getFontWeight', 'spreadsheetRead');
    return (getLayer(this.json, 'fw', this.rect.r, this.rect.c) as string | null) ?? 'normal';
  }
  getFontWeights(): string[][] {
    this.api.rec('Range.getFontWeights', 'spreadsheetRead', this.cells);
    return this.layerGrid('fw', (v) => (v === null ? 'normal' : String(v)));
  }
  setFontWeight(w: string | null): Range {
    return this.setLayerAll('setFontWeight', 'fw', w === 'bold' ? 'bold' : null);
  }
  setFontWeights(ws: unknown): Range {
    return this.setLayerGrid('setFontWeights', 'fw', ws, (v) => (v === 'bold' ? 'bold' : null));
  }
  setFontStyle(st: string | null): Range {
    return this.setLayerAll('setFontStyle', 'fs', st === 'italic' ? 'italic' : null);
  }
  getFontStyle(): string {
    this.api.rec('Range.getFontStyle', 'spreadsheetRead');
    return (getLayer(this.json, 'fs', this.rect.r, this.rect.c) as string | null) ?? 'normal';
  }
  setWrap(wrap: boolean): Range {
    return this.setLayerAll('setWrap', 'wrap', wrap ? true : null);
  }
  setWrapStrategy(strategy: unknown): Range {
    return this.setLayerAll('setWrapStrategy', 'wrap', enumKey(WrapStrategy, strategy) === 'WRAP' ? true : null);
  }
  getWrap(): boolean {
    this.api.rec('Range.getWrap', 'spreadsheetRead');
    return getLayer(this.json, 'wrap', this.rect.r, this.rect.c) === true;
  }
  setHorizontalAlignment(a: string | null): Range {
    return this.setLayerAll('setHorizontalAlignment', 'ha', a && a !== 'normal' ? String(a) : null);
  }
  getHorizontalAlignment(): string {
    this.api.rec('Range.getHorizontalAlignment', 'spreadsheetRead');
    return (getLayer(this.json, 'ha', this.rect.r, this.rect.c) as string | null) ?? 'general';
  }
  setVerticalAlignment(a: string | null): Range {
    return this.setLayerAll('setVerticalAlignment', 'va', a ? String(a) : null);
  }
  setNote(note: string | null): Range {
    return this.setLayerAll('setNote', 'note', note ? String(note) : null);
  }
  getNote(): string {
    this.api.rec('Range.getNote', 'spreadsheetRead');
    return (getLayer(this.json, 'note', this.rect.r, this.rect.c) as string | null) ?? '';
  }
  setDataValidation(rule: DataValidation | null): Range {
    this.api.rec('Range.setDataValidation', 'spreadsheetWrite', this.cells);
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    if (rule === null || rule === undefined) {
      clearLayerRect(s, 'dv', this.rect);
      return this;
    }
    if (!(rule instanceof DataValidation)) this.api.signature('Range.setDataValidation', [rule]);
    const id = internRule(this.api.book(), rule.rule, this.api.ruleCache);
    for (let i = 0; i < this.rect.nr; i++) {
      for (let j = 0; j < this.rect.nc; j++) {
        setLayer(s, 'dv', this.rect.r + i, this.rect.c + j, id);
        if (rule.rule.type === 'CHECKBOX' && getCell(s, this.rect.r + i, this.rect.c + j) === null) {
          setCell(s, this.rect.r + i, this.rect.c + j, rule.rule.values.length ? (rule.rule.values[1] as Cell) : false);
        }
      }
    }
    return this;
  }
  setDataValidations(rules: unknown): Range {
    this.api.rec('Range.setDataValidations', 'spreadsheetWrite', this.cells);
    const grid = this.checkDims(rules, 'Range.setDataValidations');
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    for (let i = 0; i < this.rect.nr; i++) {
      for (let j = 0; j < this.rect.nc; j++) {
        const rule = grid[i][j];
        if (rule !== null && rule !== undefined && !(rule instanceof DataValidation)) this.api.signature('Range.setDataValidations', [rules]);
        setLayer(s, 'dv', this.rect.r + i, this.rect.c + j, rule ? internRule(this.api.book(), (rule as DataValidation).rule, this.api.ruleCache) : null);
      }
    }
    return this;
  }
  getDataValidation(): DataValidation | null {
    this.api.rec('Range.getDataValidation', 'spreadsheetRead');
    const rule = dvAt(this.api.book(), this.json, this.rect.r, this.rect.c);
    return rule ? this.api.dataValidation(rule) : null;
  }
  getDataValidations(): Array<Array<DataValidation | null>> {
    this.api.rec('Range.getDataValidations', 'spreadsheetRead', this.cells);
    const book = this.api.book();
    return this.layerGrid('dv', (id) => {
      const rule = id === null ? undefined : book.dv[String(id)];
      return rule ? this.api.dataValidation(rule) : null;
    });
  }
  clearDataValidations(): Range {
    this.api.rec('Range.clearDataValidations', 'spreadsheetWrite');
    clearLayerRect(this.json, 'dv', this.rect);
    return this;
  }
  protect(): Protection {
    this.api.rec('Range.protect', 'spreadsheetWrite');
    const book = this.api.book();
    const p: ProtectionJson = {
      id: nextSeq(book),
      type: 'RANGE',
      sheetId: this.sheetId,
      rect: { ...this.rect },
      description: '',
      editors: this.api.newProtectionEditors(),
      warningOnly: false,
      domainEdit: false,
      unprotected: [],
    };
    book.protections.push(p);
    return this.api.protection(p.id);
  }
  getRow(): number {
    this.api.rec('Range.getRow');
    return this.rect.r;
  }
  getRowIndex(): number {
    return this.getRow();
  }
  getColumn(): number {
    this.api.rec('Range.getColumn');
    return this.rect.c;
  }
  getColumnIndex(): number {
    return this.getColumn();
  }
  getNumRows(): number {
    this.api.rec('Range.getNumRows');
    return this.rect.nr;
  }
  getNumColumns(): number {
    this.api.rec('Range.getNumColumns');
    return this.rect.nc;
  }
  getLastRow(): number {
    this.api.rec('Range.getLastRow');
    return this.rect.r + this.rect.nr - 1;
  }
  getLastColumn(): number {
    this.api.rec('Range.getLastColumn');
    return this.rect.c + this.rect.nc - 1;
  }
  getA1Notation(): string {
    this.api.rec('Range.getA1Notation');
    return rectToA1(this.rect);
  }
  getSheet(): Sheet {
    this.api.rec('Range.getSheet');
    return this.api.sheet(this.sheetId);
  }
  getCell(row: number, col: number): Range {
    this.api.rec('Range.getCell');
    if (!isNum(row) || !isNum(col)) this.api.signature('Range.getCell', [row, col]);
    if (row < 1 || col < 1 || row > this.rect.nr || col > this.rect.nc) this.api.fail('The coordinates of the range are outside the dimensions of the sheet.');
    return this.api.range(this.sheetId, { r: this.rect.r + row - 1, c: this.rect.c + col - 1, nr: 1, nc: 1 });
  }
  offset(rowOffset: number, colOffset: number, numRows?: number, numCols?: number): Range {
    this.api.rec('Range.offset');
    if (!isNum(rowOffset) || !isNum(colOffset)) this.api.signature('Range.offset', [rowOffset, colOffset]);
    const s = this.json;
    const rect = { r: this.rect.r + rowOffset, c: this.rect.c + colOffset, nr: numRows ?? this.rect.nr, nc: numCols ?? this.rect.nc };
    if (rect.r < 1) this.api.fail('The starting row of the range is too small.');
    if (rect.c < 1) this.api.fail('The starting column of the range is too small.');
    if (rect.nr < 1) this.api.fail('The number of rows in the range must be at least 1.');
    if (rect.nc < 1) this.api.fail('The number of columns in the range must be at least 1.');
    if (rect.r + rect.nr - 1 > s.maxRows || rect.c + rect.nc - 1 > s.maxCols) this.api.fail('The coordinates of the range are outside the dimensions of the sheet.');
    return this.api.range(this.sheetId, rect);
  }
  isBlank(): boolean {
    this.api.rec('Range.isBlank', 'spreadsheetRead', this.cells);
    const s = this.json;
    for (let i = 0; i < this.rect.nr; i++) {
      for (let j = 0; j < this.rect.nc; j++) {
        const v = getCell(s, this.rect.r + i, this.rect.c + j);
        if (v !== null && v !== '') return false;
      }
    }
    return true;
  }
  private clearCells(): void {
    const s = this.json;
    for (let i = 0; i < this.rect.nr; i++) {
      const row = s.cells[this.rect.r - 1 + i];
      if (!row) continue;
      for (let j = 0; j < this.rect.nc && this.rect.c - 1 + j < row.length; j++) row[this.rect.c - 1 + j] = null;
    }
    this.api.recalc();
  }
  clearContent(): Range {
    this.api.rec('Range.clearContent', 'spreadsheetWrite', this.cells);
    this.api.checkWrite(this.json, this.rect);
    this.clearCells();
    return this;
  }
  clearFormat(): Range {
    this.api.rec('Range.clearFormat', 'spreadsheetWrite', this.cells);
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    for (const k of ['nf', 'bg', 'fc', 'fw', 'fs', 'wrap', 'ha', 'va'] as LayerKey[]) clearLayerRect(s, k, this.rect);
    return this;
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; commentsOnly?: boolean }): Range {
    this.api.rec('Range.clear', 'spreadsheetWrite', this.cells);
    const s = this.json;
    this.api.checkWrite(s, this.rect);
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    if (!any || o.contentsOnly) this.clearCells();
    if (!any || o.formatOnly) for (const k of ['nf', 'bg', 'fc', 'fw', 'fs', 'wrap', 'ha', 'va'] as LayerKey[]) clearLayerRect(s, k, this.rect);
    if (o.validationsOnly) clearLayerRect(s, 'dv', this.rect);
    if (o.commentsOnly) clearLayerRect(s, 'note', this.rect);
    return this;
  }
  activate(): Range {
    this.api.rec('Range.activate', 'spreadsheetWrite');
    this.api.select(this);
    return this;
  }
  activateAsCurrentCell(): Range {
    this.api.rec('Range.activateAsCurrentCell', 'spreadsheetWrite');
    if (this.rect.nr !== 1 || this.rect.nc !== 1) this.api.fail('The range must be a single cell.');
    this.api.select(this);
    return this;
  }
  /** The number of rows (Apps Script documents getHeight as getNumRows). */
  getHeight(): number {
    this.api.rec('Range.getHeight');
    return this.rect.nr;
  }
  /** The number of columns (Apps Script documents getWidth as getNumColumns). */
  getWidth(): number {
    this.api.rec('Range.getWidth');
    return this.rect.nc;
  }
  private metaLocation(): MetaLocation | undefined {
    const s = this.json;
    const { r, c, nr, nc } = this.rect;
    if (nc === 1 && r === 1 && nr === s.maxRows) return { type: 'COLUMN', sheetId: this.sheetId, index: c };
    if (nr === 1 && c === 1 && nc === s.maxCols) return { type: 'ROW', sheetId: this.sheetId, index: r };
    return undefined;
  }
  addDeveloperMetadata(...args: unknown[]): Range {
    const loc = this.metaLocation();
    if (!loc) {
      this.api.rec('Range.addDeveloperMetadata', 'spreadsheetWrite');
      this.api.fail(
        'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    }
    this.api.addMetadata(loc, args, 'Range.addDeveloperMetadata');
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.api.rec('Range.getDeveloperMetadata', 'spreadsheetRead');
    const loc = this.metaLocation();
    if (!loc || loc.type === 'SPREADSHEET' || loc.type === 'SHEET') return [];
    return this.api.metadataAt((m) => m.loc.type === loc.type && m.loc.sheetId === this.sheetId && m.loc.index === loc.index);
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.api.rec('Range.createDeveloperMetadataFinder');
    const rect = this.rect;
    return new DeveloperMetadataFinder(this.api, (m) => {
      if (m.loc.type === 'COLUMN' && m.loc.sheetId === this.sheetId) {
        return rect.nr === this.json.maxRows && m.loc.index >= rect.c && m.loc.index < rect.c + rect.nc;
      }
      if (m.loc.type === 'ROW' && m.loc.sheetId === this.sheetId) {
        return rect.nc === this.json.maxCols && m.loc.index >= rect.r && m.loc.index < rect.r + rect.nr;
      }
      return false;
    });
  }
}

// ---------------------------------------------------------------- Named ranges, selections

const RANGE_NAME_RE = /^[A-Za-z_][A-Za-z0-9_.]{0,249}$/;

function findNamed(book: BookJson, name: string): NamedRangeJson | undefined {
  return (book.namedRanges ?? []).find((n) => n.name.toLowerCase() === name.toLowerCase());
}

/** Sheets' rules: letters, digits, underscores (and dots), not starting with a digit, not a cell reference, not TRUE/FALSE. */
function checkRangeName(api: Api, name: string): void {
  if (!RANGE_NAME_RE.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^(true|false)$/i.test(name) || /^[RrCc]\d*([Cc]\d*)?$/.test(name)) {
    api.fail(`Named range name is invalid: ${name}`);
  }
}

export class NamedRange {
  constructor(
    private readonly api: Api,
    private name: string,
  ) {}
  toString(): string {
    return 'NamedRange';
  }
  private get json(): NamedRangeJson {
    const n = findNamed(this.api.book(), this.name);
    if (!n) return this.api.fail('Named range not found.');
    return n;
  }
  getName(): string {
    this.api.rec('NamedRange.getName');
    return this.json.name;
  }
  getRange(): Range {
    this.api.rec('NamedRange.getRange', 'spreadsheetRead');
    const n = this.json;
    return this.api.range(n.sheetId, { ...n.rect });
  }
  setName(name: string): NamedRange {
    this.api.rec('NamedRange.setName', 'spreadsheetWrite');
    checkRangeName(this.api, String(name));
    const n = this.json;
    const other = findNamed(this.api.book(), String(name));
    if (other && other !== n) this.api.fail(`A named range with the name "${String(name)}" already exists.`);
    n.name = String(name);
    this.name = n.name;
    this.api.recalc();
    return this;
  }
  setRange(range: Range): NamedRange {
    this.api.rec('NamedRange.setRange', 'spreadsheetWrite');
    if (!(range instanceof Range)) this.api.signature('NamedRange.setRange', [range]);
    const n = this.json;
    n.sheetId = range.sheetId;
    n.rect = { ...range.rect };
    this.api.recalc();
    return this;
  }
  remove(): void {
    this.api.rec('NamedRange.remove', 'spreadsheetWrite');
    const book = this.api.book();
    const n = this.json;
    book.namedRanges = (book.namedRanges ?? []).filter((x) => x !== n);
    this.api.recalc();
  }
}

/**
 * Several ranges of one sheet (Sheet.getRangeList, Spreadsheet.getRangeList, the active range
 * list). Each setter is ONE call, whatever the number of ranges (one batch request in Apps Script),
 * costed by the cells it covers; every range is checked against protections before any changes.
 */
export class RangeList {
  constructor(
    private readonly api: Api,
    private readonly ranges: Range[],
  ) {}
  toString(): string {
    return 'RangeList';
  }
  getRanges(): Range[] {
    this.api.rec('RangeList.getRanges');
    return [...this.ranges];
  }
  activate(): RangeList {
    this.api.rec('RangeList.activate', 'spreadsheetWrite');
    const last = this.ranges[this.ranges.length - 1];
    if (!last) return this;
    this.api.select(last);
    this.api.book().selection = this.ranges.filter((r) => r.sheetId === last.sheetId).map((r) => rectToA1(r.rect));
    return this;
  }
  private each(method: string, fn: (r: Range) => void, checked = true): RangeList {
    const cells = this.ranges.reduce((n, r) => n + r.rect.nr * r.rect.nc, 0);
    this.api.batch(`RangeList.${method}`, cells, () => {
      if (checked) for (const r of this.ranges) this.api.checkWrite(this.api.sheetJson(r.sheetId), r.rect);
      for (const r of this.ranges) fn(r);
    });
    return this;
  }
  setValue(value: unknown): RangeList {
    return this.each('setValue', (r) => r.setValue(value));
  }
  clearContent(): RangeList {
    return this.each('clearContent', (r) => r.clearContent());
  }
  clearFormat(): RangeList {
    return this.each('clearFormat', (r) => r.clearFormat());
  }
  clearDataValidations(): RangeList {
    return this.each('clearDataValidations', (r) => r.clearDataValidations(), false);
  }
  clearNote(): RangeList {
    return this.each('clearNote', (r) => r.setNote(null));
  }
  setNote(note: string | null): RangeList {
    return this.each('setNote', (r) => r.setNote(note));
  }
  setBackground(color: string | null): RangeList {
    return this.each('setBackground', (r) => r.setBackground(color));
  }
  setFontColor(color: string | null): RangeList {
    return this.each('setFontColor', (r) => r.setFontColor(color));
  }
  setFontWeight(weight: string | null): RangeList {
    return this.each('setFontWeight', (r) => r.setFontWeight(weight));
  }
  setFontStyle(style: string | null): RangeList {
    return this.each('setFontStyle', (r) => r.setFontStyle(style));
  }
  setNumberFormat(format: string): RangeList {
    return this.each('setNumberFormat', (r) => r.setNumberFormat(format));
  }
  setHorizontalAlignment(alignment: string | null): RangeList {
    return this.each('setHorizontalAlignment', (r) => r.setHorizontalAlignment(alignment));
  }
  setVerticalAlignment(alignment: string | null): RangeList {
    return this.each('setVerticalAlignment', (r) => r.setVerticalAlignment(alignment));
  }
  setWrap(wrap: boolean): RangeList {
    return this.each('setWrap', (r) => r.setWrap(wrap));
  }
  setWrapStrategy(strategy: unknown): RangeList {
    return this.each('setWrapStrategy', (r) => r.setWrapStrategy(strategy));
  }
}

export class Selection {
  constructor(private readonly api: Api) {}
  toString(): string {
    return 'Selection';
  }
  getActiveRange(): Range {
    this.api.rec('Selection.getActiveRange', 'spreadsheetRead');
    return this.api.activeRange();
  }
  getActiveRangeList(): RangeList {
    this.api.rec('Selection.getActiveRangeList', 'spreadsheetRead');
    return new RangeList(this.api, this.api.activeRanges());
  }
  getActiveSheet(): Sheet {
    this.api.rec('Selection.getActiveSheet', 'spreadsheetRead');
    return this.api.sheet(this.api.activeSheetJson().id);
  }
  getCurrentCell(): Range {
    this.api.rec('Selection.getCurrentCell', 'spreadsheetRead');
    return this.api.currentCell();
  }
}

// ---------------------------------------------------------------- Protection

export class Protection {
  constructor(
    private readonly api: Api,
    private readonly id: number,
  ) {}
  toString(): string {
    return 'Protection';
  }
  private get json(): ProtectionJson {
    const p = this.api.book().protections.find((x) => x.id === this.id);
    if (!p) return this.api.fail('The protection has been removed.');
    return p;
  }
  getDescription(): string {
    this.api.rec('Protection.getDescription');
    return this.json.description;
  }
  setDescription(d: string): Protection {
    this.api.rec('Protection.setDescription', 'spreadsheetWrite');
    this.json.description = String(d ?? '');
    return this;
  }
  getRange(): Range {
    this.api.rec('Protection.getRange');
    const p = this.json;
    const s = this.api.sheetJson(p.sheetId);
    return this.api.range(p.sheetId, p.rect ? { ...p.rect } : { r: 1, c: 1, nr: s.maxRows, nc: s.maxCols });
  }
  setRange(range: Range): Protection {
    this.api.rec('Protection.setRange', 'spreadsheetWrite');
    const p = this.json;
    if (p.type === 'RANGE') {
      p.rect = { ...range.rect };
      p.sheetId = range.sheetId;
    }
    return this;
  }
  getProtectionType(): EnumValue {
    this.api.rec('Protection.getProtectionType');
    return ProtectionType[this.json.type];
  }
  getEditors(): User[] {
    this.api.rec('Protection.getEditors', 'spreadsheetRead');
    const book = this.api.book();
    const list = [book.owner, ...this.json.editors.filter((e) => e !== book.owner)];
    return list.map((e) => this.api.user(e));
  }
  addEditor(user: unknown): Protection {
    this.api.rec('Protection.addEditor', 'spreadsheetWrite');
    const e = emailOf(user);
    const p = this.json;
    if (!p.editors.includes(e)) p.editors.push(e);
    return this;
  }
  addEditors(users: unknown[]): Protection {
    this.api.rec('Protection.addEditors', 'spreadsheetWrite');
    const p = this.json;
    for (const u of users) {
      const e = emailOf(u);
      if (!p.editors.includes(e)) p.editors.push(e);
    }
    return this;
  }
  removeEditor(user: unknown): Protection {
    return this.removeEditors([user], 'removeEditor');
  }
  removeEditors(users: unknown[], method = 'removeEditors'): Protection {
    this.api.rec(`Protection.${method}`, 'spreadsheetWrite');
    if (!Array.isArray(users)) this.api.signature(`Protection.${method}`, [users]);
    const gone = new Set(users.map(emailOf));
    const owner = this.api.book().owner;
    // The owner always keeps access; so does the user running the script (Apps Script keeps them).
    const me = this.api.ctx.exec.effectiveUser;
    this.json.editors = this.json.editors.filter((e) => !gone.has(e) || e === owner || e === me);
    return this;
  }
  canEdit(): boolean {
    this.api.rec('Protection.canEdit', 'spreadsheetRead');
    const user = this.api.ctx.exec.effectiveUser || this.api.book().owner;
    // A warning-only protection lets everyone edit (after the warning).
    return this.json.warningOnly || canEditProtection(this.api.book(), this.json, user);
  }
  canDomainEdit(): boolean {
    this.api.rec('Protection.canDomainEdit', 'spreadsheetRead');
    return this.json.domainEdit;
  }
  setDomainEdit(v: boolean): Protection {
    this.api.rec('Protection.setDomainEdit', 'spreadsheetWrite');
    this.json.domainEdit = !!v;
    return this;
  }
  isWarningOnly(): boolean {
    this.api.rec('Protection.isWarningOnly');
    return this.json.warningOnly;
  }
  setWarningOnly(v: boolean): Protection {
    this.api.rec('Protection.setWarningOnly', 'spreadsheetWrite');
    this.json.warningOnly = !!v;
    return this;
  }
  setUnprotectedRanges(ranges: Range[]): Protection {
    this.api.rec('Protection.setUnprotectedRanges', 'spreadsheetWrite');
    const p = this.json;
    if (p.type !== 'SHEET') return this;
    p.unprotected = ranges.filter((r) => r.sheetId === p.sheetId).map((r) => ({ ...r.rect }));
    return this;
  }
  getUnprotectedRanges(): Range[] {
    this.api.rec('Protection.getUnprotectedRanges', 'spreadsheetRead');
    const p = this.json;
    return p.unprotected.map((u) => this.api.range(p.sheetId, { ...u }));
  }
  remove(): void {
    this.api.rec('Protection.remove', 'spreadsheetWrite');
    const book = this.api.book();
    book.protections = book.protections.filter((p) => p.id !== this.id);
  }
}

// ---------------------------------------------------------------- Data validation

export class DataValidation {
  constructor(
    private readonly api: Api,
    readonly rule: DvJson,
  ) {}
  toString(): string {
    return 'DataValidation';
  }
  getCriteriaType(): EnumValue {
    this.api.rec('DataValidation.getCriteriaType');
    return DataValidationCriteria[this.rule.type];
  }
  getCriteriaValues(): unknown[] {
    this.api.rec('DataValidation.getCriteriaValues');
    return this.rule.values.map((v) => {
      if (Array.isArray(v)) return [...v];
      if (v && typeof v === 'object' && 'rect' in v) return this.api.range(v.sheetId, { ...v.rect });
      if (v && typeof v === 'object' && '$d' in v) return new this.api.ctx.Date(v.$d);
      return v;
    });
  }
  getAllowInvalid(): boolean {
    this.api.rec('DataValidation.getAllowInvalid');
    return this.rule.allowInvalid;
  }
  getHelpText(): string | null {
    this.api.rec('DataValidation.getHelpText');
    return this.rule.helpText || null;
  }
  copy(): DataValidationBuilder {
    this.api.rec('DataValidation.copy');
    return new DataValidationBuilder(this.api, JSON.parse(JSON.stringify(this.rule)) as DvJson);
  }
}

export class DataValidationBuilder {
  constructor(
    private readonly api: Api,
    private readonly rule: DvJson = { type: '', values: [], allowInvalid: true, helpText: '' },
  ) {}
  toString(): string {
    return 'DataValidationBuilder';
  }
  private set(method: string, type: string, values: DvValue[]): DataValidationBuilder {
    this.api.rec(`DataValidationBuilder.${method}`);
    this.rule.type = type;
    this.rule.values = values;
    return this;
  }
  requireValueInList(values: unknown[], showDropdown = true): DataValidationBuilder {
    if (!Array.isArray(values)) this.api.signature('DataValidationBuilder.requireValueInList', [values]);
    return this.set('requireValueInList', 'VALUE_IN_LIST', [values.map(String), showDropdown !== false]);
  }
  requireValueInRange(range: Range, showDropdown = true): DataValidationBuilder {
    if (!(range instanceof Range)) this.api.signature('DataValidationBuilder.requireValueInRange', [range]);
    return this.set('requireValueInRange', 'VALUE_IN_RANGE', [{ sheetId: range.sheetId, rect: { ...range.rect } }, showDropdown !== false]);
  }
  requireDate(): DataValidationBuilder {
    return this.set('requireDate', 'DATE_IS_VALID_DATE', []);
  }
  requireNumberBetween(start: number, end: number): DataValidationBuilder {
    return this.set('requireNumberBetween', 'NUMBER_BETWEEN', [Number(start), Number(end)]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): DataValidationBuilder {
    return this.set('requireNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [Number(n)]);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): DataValidationBuilder {
    const vals: DvValue[] = checked === undefined ? [] : [String(checked), String(unchecked ?? '')];
    return this.set('requireCheckbox', 'CHECKBOX', vals);
  }
  requireTextIsEmail(): DataValidationBuilder {
    return this.set('requireTextIsEmail', 'TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): DataValidationBuilder {
    return this.set('requireTextIsUrl', 'TEXT_IS_VALID_URL', []);
  }
  setAllowInvalid(allow: boolean): DataValidationBuilder {
    this.api.rec('DataValidationBuilder.setAllowInvalid');
    this.rule.allowInvalid = !!allow;
    return this;
  }
  setHelpText(text: string): DataValidationBuilder {
    this.api.rec('DataValidationBuilder.setHelpText');
    this.rule.helpText = String(text ?? '');
    return this;
  }
  getCriteriaType(): EnumValue | null {
    return this.rule.type ? DataValidationCriteria[this.rule.type] : null;
  }
  build(): DataValidation {
    this.api.rec('DataValidationBuilder.build');
    if (!this.rule.type) this.api.fail('You must specify a validation criteria.');
    return this.api.dataValidation(JSON.parse(JSON.stringify(this.rule)) as DvJson);
  }
}

// ---------------------------------------------------------------- Conditional formats

export class BooleanCondition {
  constructor(private readonly rule: CfRuleJson) {}
  getCriteriaType(): EnumValue {
    return BooleanCriteria[this.rule.cond.type];
  }
  getCriteriaValues(): string[] {
    return [...this.rule.cond.values];
  }
  getBackground(): string | null {
    return this.rule.fmt.bg ?? null;
  }
  getFontColor(): string | null {
    return this.rule.fmt.fc ?? null;
  }
  getBold(): boolean | null {
    return this.rule.fmt.bold ?? null;
  }
  getItalic(): boolean | null {
    return this.rule.fmt.italic ?? null;
  }
}

export class ConditionalFormatRule {
  constructor(
    private readonly api: Api,
    readonly rule: CfRuleJson,
    private readonly sheetId: number | null,
    readonly pendingRanges: Range[] = [],
  ) {}
  toString(): string {
    return 'ConditionalFormatRule';
  }
  getRanges(): Range[] {
    this.api.rec('ConditionalFormatRule.getRanges');
    if (this.sheetId === null) return [...this.pendingRanges];
    return this.rule.ranges.map((r) => this.api.range(this.sheetId as number, { ...r }));
  }
  getBooleanCondition(): BooleanCondition {
    this.api.rec('ConditionalFormatRule.getBooleanCondition');
    return new BooleanCondition(this.rule);
  }
  copy(): ConditionalFormatRuleBuilder {
    this.api.rec('ConditionalFormatRule.copy');
    const b = new ConditionalFormatRuleBuilder(this.api, JSON.parse(JSON.stringify(this.rule)) as CfRuleJson);
    b.ranges = this.getRanges();
    return b;
  }
  toJson(sheetId: number): CfRuleJson {
    const ranges = this.sheetId === null ? this.pendingRanges.filter((r) => r.sheetId === sheetId).map((r) => ({ ...r.rect })) : this.rule.ranges;
    return { ...JSON.parse(JSON.stringify(this.rule)), ranges } as CfRuleJson;
  }
}

export class ConditionalFormatRuleBuilder {
  ranges: Range[] = [];
  constructor(
    private readonly api: Api,
    private readonly rule: CfRuleJson = { ranges: [], cond: { type: '', values: [] }, fmt: {} },
  ) {}
  toString(): string {
    return 'ConditionalFormatRuleBuilder';
  }
  private when(method: string, type: string, values: string[]): ConditionalFormatRuleBuilder {
    this.api.rec(`ConditionalFormatRuleBuilder.${method}`);
    this.rule.cond = { type, values };
    return this;
  }
  whenTextEqualTo(t: string): ConditionalFormatRuleBuilder {
    return this.when('whenTextEqualTo', 'TEXT_EQUAL_TO', [String(t)]);
  }
  whenTextContains(t: string): ConditionalFormatRuleBuilder {
    return this.when('whenTextContains', 'TEXT_CONTAINS', [String(t)]);
  }
  whenTextStartsWith(t: string): ConditionalFormatRuleBuilder {
    return this.when('whenTextStartsWith', 'TEXT_STARTS_WITH', [String(t)]);
  }
  whenCellEmpty(): ConditionalFormatRuleBuilder {
    return this.when('whenCellEmpty', 'CELL_EMPTY', []);
  }
  whenCellNotEmpty(): ConditionalFormatRuleBuilder {
    return this.when('whenCellNotEmpty', 'CELL_NOT_EMPTY', []);
  }
  whenFormulaSatisfied(f: string): ConditionalFormatRuleBuilder {
    return this.when('whenFormulaSatisfied', 'CUSTOM_FORMULA', [String(f)]);
  }
  whenNumberGreaterThan(n: number): ConditionalFormatRuleBuilder {
    return this.when('whenNumberGreaterThan', 'NUMBER_GREATER_THAN', [String(n)]);
  }
  whenNumberLessThan(n: number): ConditionalFormatRuleBuilder {
    return this.when('whenNumberLessThan', 'NUMBER_LESS_THAN', [String(n)]);
  }
  private fmt(method: string, patch: CfRuleJson['fmt']): ConditionalFormatRuleBuilder {
    this.api.rec(`ConditionalFormatRuleBuilder.${method}`);
    Object.assign(this.rule.fmt, patch);
    return this;
  }
  setBackground(c: string | null): ConditionalFormatRuleBuilder {
    return this.fmt('setBackground', { bg: normalizeColor(c) });
  }
  setFontColor(c: string | null): ConditionalFormatRuleBuilder {
    return this.fmt('setFontColor', { fc: normalizeColor(c) });
  }
  setBold(b: boolean | null): ConditionalFormatRuleBuilder {
    return this.fmt('setBold', { bold: b });
  }
  setItalic(b: boolean | null): ConditionalFormatRuleBuilder {
    return this.fmt('setItalic', { italic: b });
  }
  setStrikethrough(b: boolean | null): ConditionalFormatRuleBuilder {
    return this.fmt('setStrikethrough', { strike: b });
  }
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder {
    this.api.rec('ConditionalFormatRuleBuilder.setRanges');
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof Range)) this.api.signature('ConditionalFormatRuleBuilder.setRanges', [ranges]);
    this.ranges = [...ranges];
    return this;
  }
  getRanges(): Range[] {
    return [...this.ranges];
  }
  build(): ConditionalFormatRule {
    this.api.rec('ConditionalFormatRuleBuilder.build');
    if (!this.rule.cond.type) this.api.fail('A conditional format rule needs a condition.');
    if (!this.ranges.length) this.api.fail('A conditional format rule needs at least one range.');
    return new ConditionalFormatRule(this.api, JSON.parse(JSON.stringify(this.rule)) as CfRuleJson, null, [...this.ranges]);
  }
}

// ---------------------------------------------------------------- Developer metadata

export class DeveloperMetadataLocation {
  constructor(
    private readonly api: Api,
    private readonly loc: MetaLocation,
  ) {}
  getLocationType(): EnumValue {
    return DeveloperMetadataLocationType[this.loc.type];
  }
  getSpreadsheet(): Spreadsheet | null {
    return this.loc.type === 'SPREADSHEET' ? this.api.spreadsheet() : null;
  }
  getSheet(): Sheet | null {
    return this.loc.type === 'SHEET' ? this.api.sheet(this.loc.sheetId) : null;
  }
  getColumn(): Range | null {
    if (this.loc.type !== 'COLUMN') return null;
    const s = this.api.sheetJson(this.loc.sheetId);
    return this.api.range(this.loc.sheetId, { r: 1, c: this.loc.index, nr: s.maxRows, nc: 1 });
  }
  getRow(): Range | null {
    if (this.loc.type !== 'ROW') return null;
    const s = this.api.sheetJson(this.loc.sheetId);
    return this.api.range(this.loc.sheetId, { r: this.loc.index, c: 1, nr: 1, nc: s.maxCols });
  }
}

export class DeveloperMetadata {
  constructor(
    private readonly api: Api,
    private readonly id: number,
  ) {}
  toString(): string {
    return 'DeveloperMetadata';
  }
  private get json(): MetadataJson {
    const m = this.api.book().metadata.find((x) => x.id === this.id);
    if (!m) return this.api.fail('The developer metadata has been removed.');
    return m;
  }
  getId(): number {
    this.api.rec('DeveloperMetadata.getId');
    return this.id;
  }
  getKey(): string {
    this.api.rec('DeveloperMetadata.getKey');
    return this.json.key;
  }
  getValue(): string | null {
    this.api.rec('DeveloperMetadata.getValue');
    return this.json.value;
  }
  getVisibility(): EnumValue {
    this.api.rec('DeveloperMetadata.getVisibility');
    return DeveloperMetadataVisibility[this.json.visibility];
  }
  getLocation(): DeveloperMetadataLocation {
    this.api.rec('DeveloperMetadata.getLocation');
    return new DeveloperMetadataLocation(this.api, this.json.loc);
  }
  setKey(key: string): DeveloperMetadata {
    this.api.rec('DeveloperMetadata.setKey', 'spreadsheetWrite');
    this.json.key = String(key);
    return this;
  }
  setValue(value: string | null): DeveloperMetadata {
    this.api.rec('DeveloperMetadata.setValue', 'spreadsheetWrite');
    this.json.value = value === null || value === undefined ? null : String(value);
    return this;
  }
  setVisibility(v: unknown): DeveloperMetadata {
    this.api.rec('DeveloperMetadata.setVisibility', 'spreadsheetWrite');
    const k = enumKey(DeveloperMetadataVisibility, v);
    if (k) this.json.visibility = k as 'DOCUMENT' | 'PROJECT';
    return this;
  }
  moveToColumn(range: Range): DeveloperMetadata {
    this.api.rec('DeveloperMetadata.moveToColumn', 'spreadsheetWrite');
    this.json.loc = { type: 'COLUMN', sheetId: range.sheetId, index: range.rect.c };
    return this;
  }
  moveToRow(range: Range): DeveloperMetadata {
    this.api.rec('DeveloperMetadata.moveToRow', 'spreadsheetWrite');
    this.json.loc = { type: 'ROW', sheetId: range.sheetId, index: range.rect.r };
    return this;
  }
  moveToSheet(sheet: Sheet): DeveloperMetadata {
    this.api.rec('DeveloperMetadata.moveToSheet', 'spreadsheetWrite');
    this.json.loc = { type: 'SHEET', sheetId: sheet.id };
    return this;
  }
  moveToSpreadsheet(): DeveloperMetadata {
    this.api.rec('DeveloperMetadata.moveToSpreadsheet', 'spreadsheetWrite');
    this.json.loc = { type: 'SPREADSHEET' };
    return this;
  }
  remove(): void {
    this.api.rec('DeveloperMetadata.remove', 'spreadsheetWrite');
    const book = this.api.book();
    book.metadata = book.metadata.filter((m) => m.id !== this.id);
  }
}

export class DeveloperMetadataFinder {
  private readonly filters: Array<(m: MetadataJson) => boolean> = [];
  constructor(
    private readonly api: Api,
    scope: (m: MetadataJson) => boolean,
  ) {
    this.filters.push(scope);
  }
  toString(): string {
    return 'DeveloperMetadataFinder';
  }
  private add(method: string, f: (m: MetadataJson) => boolean): DeveloperMetadataFinder {
    this.api.rec(`DeveloperMetadataFinder.${method}`);
    this.filters.push(f);
    return this;
  }
  withId(id: number): DeveloperMetadataFinder {
    return this.add('withId', (m) => m.id === Number(id));
  }
  withKey(key: string): DeveloperMetadataFinder {
    return this.add('withKey', (m) => m.key === String(key));
  }
  withValue(value: string): DeveloperMetadataFinder {
    return this.add('withValue', (m) => m.value === String(value));
  }
  withLocationType(t: unknown): DeveloperMetadataFinder {
    const k = enumKey(DeveloperMetadataLocationType, t);
    return this.add('withLocationType', (m) => m.loc.type === k);
  }
  withVisibility(v: unknown): DeveloperMetadataFinder {
    const k = enumKey(DeveloperMetadataVisibility, v);
    return this.add('withVisibility', (m) => m.visibility === k);
  }
  onIntersectingLocations(): DeveloperMetadataFinder {
    return this.add('onIntersectingLocations', () => true);
  }
  find(): DeveloperMetadata[] {
    this.api.rec('DeveloperMetadataFinder.find', 'spreadsheetRead');
    return this.api.metadataAt((m) => this.filters.every((f) => f(m)));
  }
}

// ---------------------------------------------------------------- Ui

type MenuItem = { caption: string; functionName: string } | { separator: true } | { submenu: Menu };

export class Menu {
  readonly items: MenuItem[] = [];
  constructor(
    private readonly api: Api,
    readonly name: string,
    readonly addon: boolean,
  ) {}
  toString(): string {
    return 'Menu';
  }
  addItem(caption: string, functionName: string): Menu {
    this.api.rec('Menu.addItem');
    if (typeof caption !== 'string' || typeof functionName !== 'string') this.api.signature('Menu.addItem', [caption, functionName]);
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): Menu {
    this.api.rec('Menu.addSeparator');
    this.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: Menu): Menu {
    this.api.rec('Menu.addSubMenu');
    if (!(menu instanceof Menu)) this.api.signature('Menu.addSubMenu', [menu]);
    this.items.push({ submenu: menu });
    return this;
  }
  /** Sub-menus are flattened as "Sub > Item" (the UiEvent carries a flat list). */
  flatItems(prefix = ''): Array<{ caption: string; functionName: string } | { separator: true }> {
    const out: Array<{ caption: string; functionName: string } | { separator: true }> = [];
    for (const it of this.items) {
      if ('submenu' in it) out.push(...it.submenu.flatItems(`${prefix}${it.submenu.name} > `));
      else if ('separator' in it) out.push({ separator: true });
      else out.push({ caption: prefix + it.caption, functionName: it.functionName });
    }
    return out;
  }
  addToUi(): void {
    this.api.rec('Menu.addToUi', 'ui');
    this.api.pushUi({ type: 'menu', name: this.name, items: this.flatItems(), addon: this.addon });
  }
}

export class PromptResponse {
  constructor(
    private readonly button: EnumValue,
    private readonly text: string,
  ) {}
  toString(): string {
    return 'PromptResponse';
  }
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): EnumValue {
    return this.button;
  }
}

interface HtmlLike {
  getContent(): string;
  getTitle?(): string;
  getWidth?(): number;
  getHeight?(): number;
}

export class Ui {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(private readonly api: Api) {}
  toString(): string {
    return 'Ui';
  }
  createMenu(name: string): Menu {
    this.api.rec('Ui.createMenu');
    if (typeof name !== 'string') this.api.signature('Ui.createMenu', [name]);
    return new Menu(this.api, name, false);
  }
  createAddonMenu(): Menu {
    this.api.rec('Ui.createAddonMenu');
    return new Menu(this.api, 'Extensions', true);
  }
  private dialogArgs(method: string, args: unknown[]): { title: string; prompt: string; buttons: string } {
    let title = '';
    let prompt: unknown;
    let buttons: unknown = ButtonSet.OK;
    if (args.length >= 3) [title, prompt, buttons] = [String(args[0] ?? ''), args[1], args[2]];
    else if (args.length === 2 && args[1] instanceof EnumValue) [prompt, buttons] = args;
    else if (args.length === 2) [title, prompt] = [String(args[0] ?? ''), args[1]];
    else prompt = args[0];
    if (typeof prompt !== 'string') this.api.signature(`Ui.${method}`, args);
    const set = enumKey(ButtonSet, buttons);
    if (!set) this.api.signature(`Ui.${method}`, args);
    return { title, prompt, buttons: set };
  }
  private button(name: string): EnumValue {
    return Button[String(name).toUpperCase()] ?? Button.CLOSE;
  }
  alert(...args: unknown[]): EnumValue {
    this.api.rec('Ui.alert', 'ui');
    const { title, prompt, buttons } = this.dialogArgs('alert', args);
    const reply = this.api.ctx.exec.takeReply({ kind: 'alert', title, prompt, buttons });
    const b = this.button(reply.button);
    this.api.pushUi({ type: 'alert', title, prompt, buttons, reply: b.name() });
    return b;
  }
  prompt(...args: unknown[]): PromptResponse {
    this.api.rec('Ui.prompt', 'ui');
    const { title, prompt, buttons } = this.dialogArgs('prompt', args);
    const reply = this.api.ctx.exec.takeReply({ kind: 'prompt', title, prompt, buttons });
    const b = this.button(reply.button);
    const text = reply.text ?? '';
    this.api.pushUi({ type: 'prompt', title, prompt, buttons, reply: b.name(), text });
    return new PromptResponse(b, text);
  }
  private html(method: string, out: unknown): { html: string; title: string; width?: number; height?: number } {
    const h = out as HtmlLike;
    if (!h || typeof h !== 'object' || typeof h.getContent !== 'function') this.api.signature(`Ui.${method}`, [out]);
    const width = typeof h.getWidth === 'function' ? h.getWidth() : undefined;
    const height = typeof h.getHeight === 'function' ? h.getHeight() : undefined;
    return {
      html: h.getContent(),
      title: typeof h.getTitle === 'function' ? String(h.getTitle() ?? '') : '',
      width: isNum(width) ? width : undefined,
      height: isNum(height) ? height : undefined,
    };
  }
  showSidebar(out: unknown): void {
    this.api.ctx.exec.requireAuth('Ui.showSidebar');
    this.api.rec('Ui.showSidebar', 'ui');
    const h = this.html('showSidebar', out);
    this.api.pushUi({ type: 'sidebar', title: h.title, html: h.html, ...(h.width !== undefined ? { width: h.width } : {}) });
  }
  showModalDialog(out: unknown, title: string): void {
    this.api.ctx.exec.requireAuth('Ui.showModalDialog');
    this.api.rec('Ui.showModalDialog', 'ui');
    const h = this.html('showModalDialog', out);
    this.api.pushUi({ type: 'dialog', title: String(title ?? h.title), html: h.html, modal: true, width: h.width, height: h.height });
  }
  showModelessDialog(out: unknown, title: string): void {
    this.api.ctx.exec.requireAuth('Ui.showModelessDialog');
    this.api.rec('Ui.showModelessDialog', 'ui');
    const h = this.html('showModelessDialog', out);
    this.api.pushUi({ type: 'dialog', title: String(title ?? h.title), html: h.html, modal: false, width: h.width, height: h.height });
  }
  showDialog(out: unknown): void {
    this.showModalDialog(out, '');
  }
}

// ---------------------------------------------------------------- SpreadsheetApp

export function createSpreadsheetApp(ctx: ServiceContext): Record<string, unknown> {
  const api: Api = new Api(ctx);
  const others = new Map<string, Api>();
  const open = (method: string): Spreadsheet => {
    api.rec(method, 'spreadsheetOpen');
    return api.spreadsheet();
  };
  const openOther = (id: string, method: string): Spreadsheet => {
    ctx.exec.requireAuth(`SpreadsheetApp.${method}`);
    api.rec(`SpreadsheetApp.${method}`, 'spreadsheetOpen');
    if (id === api.book().id) return api.spreadsheet();
    let other = others.get(id);
    if (!other && otherBook(ctx.state, id)) others.set(id, (other = new Api(ctx, id)));
    if (!other) return api.fail(`Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`);
    return other.spreadsheet();
  };
  const app = {
    toString: () => 'SpreadsheetApp',
    getActive: () => open('SpreadsheetApp.getActive'),
    getActiveSpreadsheet: () => open('SpreadsheetApp.getActiveSpreadsheet'),
    openById: (id: unknown) => {
      if (typeof id !== 'string') api.signature('SpreadsheetApp.openById', [id]);
      return openOther(id, 'openById');
    },
    openByUrl: (url: unknown) => {
      if (typeof url !== 'string') api.signature('SpreadsheetApp.openByUrl', [url]);
      const m = /\/d\/([^/?#]+)/.exec(url);
      return openOther(m ? m[1] : '', 'openByUrl');
    },
    open: (file: unknown) => {
      const f = file as { getId?: () => string };
      if (!f || typeof f.getId !== 'function') api.signature('SpreadsheetApp.open', [file]);
      return openOther(f.getId(), 'open');
    },
    /** A new spreadsheet in the user's Drive (root folder), owned by the effective user. */
    create: (name: unknown, rows?: unknown, columns?: unknown) => {
      ctx.exec.requireAuth('SpreadsheetApp.create');
      api.rec('SpreadsheetApp.create', 'driveCreate');
      if (typeof name !== 'string' || (rows !== undefined && !isNum(rows)) || (columns !== undefined && !isNum(columns))) {
        api.signature('SpreadsheetApp.create', [name, rows, columns].filter((a) => a !== undefined));
      }
      if ((rows !== undefined && (rows as number) < 1) || (columns !== undefined && (columns as number) < 1)) api.fail('Invalid argument: rows/columns');
      const id = createGoogleFile(ctx, name, GOOGLE_SHEET_MIME);
      addOtherBook(ctx.state, newBook(id, name, ctx.exec.effectiveUser || ctx.state.owner, ctx.timeZone, isNum(rows) ? rows : undefined, isNum(columns) ? columns : undefined));
      const other = new Api(ctx, id);
      others.set(id, other);
      return other.spreadsheet();
    },
    getUi: () => {
      api.rec('SpreadsheetApp.getUi');
      if (ctx.exec.kind === 'trigger' || ctx.exec.kind === 'webapp') api.fail('Cannot call SpreadsheetApp.getUi() from this context.');
      return new Ui(api);
    },
    flush: () => api.rec('SpreadsheetApp.flush', 'spreadsheetFlush'),
    newDataValidation: () => {
      api.rec('SpreadsheetApp.newDataValidation');
      return new DataValidationBuilder(api);
    },
    newConditionalFormatRule: () => {
      api.rec('SpreadsheetApp.newConditionalFormatRule');
      return new ConditionalFormatRuleBuilder(api);
    },
    getActiveSheet: () => {
      api.rec('SpreadsheetApp.getActiveSheet', 'spreadsheetRead');
      return api.sheet(api.activeSheetJson().id);
    },
    getActiveRange: () => {
      api.rec('SpreadsheetApp.getActiveRange', 'spreadsheetRead');
      return api.activeRange();
    },
    setActiveSheet: (sheet: Sheet) => api.spreadsheet().setActiveSheet(sheet),
    setActiveRange: (range: Range) => api.spreadsheet().setActiveRange(range),
    getActiveRangeList: () => api.spreadsheet().getActiveRangeList(),
    getSelection: () => api.spreadsheet().getSelection(),
    getCurrentCell: () => api.spreadsheet().getCurrentCell(),
    setCurrentCell: (cell: Range) => api.spreadsheet().setCurrentCell(cell),
    ProtectionType,
    DataValidationCriteria,
    BooleanCriteria,
    DeveloperMetadataVisibility,
    DeveloperMetadataLocationType,
    Dimension,
    WrapStrategy,
  };
  INTERNALS.set(app, api);
  return { SpreadsheetApp: app };
}

export function authModeFor(globals: Record<string, unknown>, kind: string): unknown {
  const script = globals.ScriptApp as { AuthMode?: Enum } | undefined;
  const modes = script?.AuthMode ?? AuthMode;
  return kind === 'simpleTrigger' ? modes.LIMITED : modes.FULL;
}

