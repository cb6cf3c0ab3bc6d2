/**
 * The workbook adapter: the only code that reads and writes Siaran's tabs.
 *
 * Each action opens one Workbook; `table(key)` reads a tab once (one getValues of its data range)
 * and caches it; changes are made in the arrays; `commit()` writes each changed tab once: one
 * setValues per run of adjacent changed columns (script-owned columns only, so a user's formulas
 * and own columns are never rewritten), and one setValues for appended rows.
 */
import { defineMessages } from '../core/i18n';
import { SiaranError } from '../core/errors';
import { idSequence } from '../core/ids';
import { applyProtections, colLetters, columnA1, listValidation, ProtectionPlan, Protections, rangeValidation, statusColorRules } from './sheet-format';
import { ColumnKey, locateColumns, missingRequired, normalizeHeader, TabDef, tabDef, TabKey, TABS, TAB_METADATA_KEY } from '../core/schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Blank rows added below a block that did not fit (see Tab.roomBelow), so the next appends fit. */
export const SPARE_ROWS = 100;

export const WB_MESSAGES = defineMessages({
  missingTab: {
    id: 'Tab "{tab}" tidak ditemukan. Jalankan menu Siaran → Siapkan / perbaiki workbook untuk membuatnya kembali; data di tab lain tidak diubah.',
    en: 'The "{tab}" tab is missing. Run Siaran → Set up / repair workbook to recreate it; data in the other tabs is not touched.',
  },
  missingColumn: {
    id: 'Kolom "{column}" tidak ditemukan di tab "{tab}". Jalankan menu Siaran → Siapkan / perbaiki workbook untuk menambahkannya kembali, lalu ulangi. Tidak ada yang diubah.',
    en: 'Column "{column}" is missing from the "{tab}" tab. Run Siaran → Set up / repair workbook to add it back, then try again. Nothing was changed.',
  },
  noRoom: {
    id: 'Tab "{tab}" tidak punya baris kosong lagi, dan baris baru di tab itu hanya dapat ditambahkan oleh pemilik workbook. Pemicu per jam Siaran menambahkannya; coba lagi setelah itu. Isian Anda belum tersimpan.',
    en: 'The "{tab}" tab has no blank rows left, and only the workbook\'s owner can add rows there. Siaran\'s hourly trigger adds them; try again after it. Your entry is not saved yet.',
  },
});

export type Cell = string | number | boolean | Date;

/**
 * The active spreadsheet, fetched once per execution: getActiveSpreadsheet is a round trip, and
 * every execution has its own global scope, so this holds only for the execution that fetched it.
 */
let activeSs: Spreadsheet | null = null;
export function activeSpreadsheet(): Spreadsheet {
  if (!activeSs) activeSs = SpreadsheetApp.getActiveSpreadsheet();
  return activeSs;
}

/**
 * One tab of the workbook, as operations: read and write blocks of cells, grow, format, validate,
 * protect, freeze, tag. The Sheet itself never leaves the adapter; each operation makes exactly
 * the Apps Script calls its comment names (the benchmark counts them).
 */
export class Tab {
  /** @internal The sheet; adapters only (eslint forbids Apps Script types elsewhere). */
  constructor(private readonly sheet: Sheet) {}

  /** @internal For other adapters (ui.ts): the raw sheet. */
  static raw(tab: Tab): Sheet {
    return tab.sheet;
  }

  /** getName */
  name(): string {
    return this.sheet.getName();
  }

  /** getSheetId */
  id(): number {
    return this.sheet.getSheetId();
  }

  /** getLastRow */
  lastRow(): number {
    return this.sheet.getLastRow();
  }

  /** getLastColumn */
  lastColumn(): number {
    return this.sheet.getLastColumn();
  }

  /** One getRange + getValues of a block (1-based row and column). */
  read(row: number, col: number, nRows: number, nCols: number): Cell[][] {
    return this.sheet.getRange(row, col, nRows, nCols).getValues() as Cell[][];
  }

  /** Column `col` (1-based) from row 2 to the sheet's last row, as one open-ended range (one getValues). */
  readColumn(col: number): Cell[] {
    const a = colLetters(col);
    return (this.sheet.getRange(`${a}2:${a}`).getValues() as Cell[][]).map((r) => r[0]);
  }

  /**
   * The header row, `width` columns wide (at least `minWidth`, else the last column with content):
   * one getSheetValues(1, 1, 1, -1) (-1: up to the last column with content). Returns the width
   * used and the raw header cells ('' past the last column).
   */
  headerRow(minWidth = 1): { width: number; headers: Cell[] } {
    const headers = this.values(1, 1)[0] ?? [];
    const width = Math.max(headers.length, minWidth);
    while (headers.length < width) headers.push('');
    return { width, headers };
  }

  /**
   * Rows `fromRow`.. and columns `fromCol`.. up to the last row and column with content, in ONE
   * call: getSheetValues with -1 (Apps Script: "-1 ... is equivalent to getting the very last row
   * or column that has data"), where getLastRow/getLastColumn + getRange().getValues() or
   * getDataRange().getValues() take two. `nRows` -1 reads to the last row with content. A sheet
   * with no content there has no such block; then the two-call read answers (getLastRow and
   * getLastColumn say how much there is, nothing when 0).
   */
  values(fromRow: number, nRows: number, fromCol = 1): Cell[][] {
    try {
      return this.sheet.getSheetValues(fromRow, fromCol, nRows, -1) as Cell[][];
    } catch (_e) {
      const rows = nRows === -1 ? this.sheet.getLastRow() - fromRow + 1 : nRows;
      const cols = this.sheet.getLastColumn() - fromCol + 1;
      return rows > 0 && cols > 0 ? this.read(fromRow, fromCol, rows, cols) : [];
    }
  }

  /** One getRange + setValues of a block. */
  write(row: number, col: number, values: Cell[][]): void {
    this.sheet.getRange(row, col, values.length, values[0]?.length ?? 0).setValues(values);
  }

  /**
   * Removes data rows: the `oldCount` data rows (row 2 on) become `keep` (their 0-based indexes
   * among the old rows, in order) in ONE setValues, blanks below, so at no moment are some removed
   * and some not. Text is written back as text and a kept cell's formula as its formula (one
   * getFormulas first). Then the blank rows are deleted (one deleteRows; a cut before it leaves
   * only blank rows). `values` are the old rows as read.
   */
  removeRows(values: Cell[][], width: number, keep: number[]): void {
    const oldCount = values.length;
    if (!oldCount || width < 1) return;
    const range = this.sheet.getRange(2, 1, oldCount, width);
    const formulas = range.getFormulas();
    const out: Cell[][] = keep.map((i) =>
      Array.from({ length: width }, (_x, j) => {
        const f = formulas[i]?.[j];
        if (f) return f;
        const v = values[i]?.[j];
        return typeof v === 'string' ? (v === '' ? '' : `'${v}`) : v === undefined || v === null ? '' : v;
      }),
    );
    while (out.length < oldCount) out.push(new Array(width).fill(''));
    range.setValues(out);
    const removed = oldCount - keep.length;
    const max = this.sheet.getMaxRows();
    // Sheets refuses to delete every non-frozen row: keep one blank row when nothing is kept.
    const n = keep.length === 0 && max <= oldCount + 1 ? removed - 1 : removed;
    if (n > 0) this.sheet.deleteRows(keep.length + 2, n);
  }

  /** One getRange + setBackgrounds (null clears a cell's background). */
  paint(row: number, col: number, colors: Array<Array<string | null>>): void {
    this.sheet.getRange(row, col, colors.length, colors[0]?.length ?? 0).setBackgrounds(colors as string[][]);
  }

  /** appendRow: one row below the last row with content (one call, adding rows when needed). */
  appendRow(values: Cell[]): void {
    this.sheet.appendRow(values);
  }

  /**
   * Makes room for `lastRow` rows: getRange().setValues beyond the sheet's size throws ("The
   * coordinates of the range are outside the dimensions of the sheet"), unlike appendRow.
   * One getMaxRows, and insertRowsAfter only when needed.
   */
  ensureRows(lastRow: number): void {
    const max = this.sheet.getMaxRows();
    if (lastRow > max) this.sheet.insertRowsAfter(max, lastRow - max);
  }

  /**
   * Makes room for `n` rows below row `after` (the last row with content, from the read the action
   * already made) without asking the sheet's size. Sheet.getRange is not a round trip, and beyond
   * the sheet's rows it throws ("The coordinates of the range are outside the dimensions of the
   * sheet"): a block that fits costs no call here. One that does not gets `n + SPARE_ROWS` rows
   * inserted after `after` (one insertRowsAfter), so the next appends fit too. Below the header
   * alone, ensureRows (inserting after row 1 would copy the header's style).
   */
  roomBelow(after: number, n: number): void {
    if (n < 1) return;
    if (after < 2) return this.ensureRows(after + n);
    try {
      this.sheet.getRange(after + 1, 1, n, 1);
      return;
    } catch (_e) {
      // Too short: grow it below.
    }
    try {
      this.sheet.insertRowsAfter(after, n + SPARE_ROWS);
    } catch (e) {
      // The owner's protected record columns run through every row: only the owner may add rows
      // (the owner's hourly run keeps blank ones, Table.keepRoom).
      if (/protected/i.test(e instanceof Error ? e.message : String(e))) throw new SiaranError('FORBIDDEN', WB_MESSAGES.noRoom, { tab: this.name() });
      throw e;
    }
  }

  /** One getMaxColumns, and insertColumnsAfter only when needed. */
  ensureColumns(lastColumn: number): void {
    const max = this.sheet.getMaxColumns();
    if (lastColumn > max) this.sheet.insertColumnsAfter(max, lastColumn - max);
  }

  /** The header row bold on a background colour (getRange, setFontWeight, setBackground). */
  styleHeader(width: number, background: string): void {
    this.sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground(background);
  }

  /** Freezes the header row (getFrozenRows; setFrozenRows only when it is not 1 already). */
  freezeHeader(): void {
    if (this.sheet.getFrozenRows() !== 1) this.sheet.setFrozenRows(1);
  }

  /**
   * Formats columns from row 2 to the last row: one getRangeList + setNumberFormat per number
   * format, and one setDataValidations per run of adjacent columns with a validation.
   */
  formatColumns(cols: Array<{ col: number; numberFormat?: string; validation?: Validation }>): void {
    const byFormat = new Map<string, string[]>();
    for (const c of cols) if (c.numberFormat) byFormat.set(c.numberFormat, [...(byFormat.get(c.numberFormat) ?? []), columnA1(c.col)]);
    byFormat.forEach((a1s, f) => this.sheet.getRangeList(a1s).setNumberFormat(f));
    const valid = cols.filter((c) => c.validation).sort((a, b) => a.col - b.col);
    for (let i = 0; i < valid.length; ) {
      let j = i + 1;
      while (j < valid.length && valid[j].col === valid[j - 1].col + 1) j++;
      const range = this.sheet.getRange(`${colLetters(valid[i].col)}2:${colLetters(valid[j - 1].col)}`);
      const rules = valid.slice(i, j).map(({ validation: v }) => (v!.kind === 'list' ? listValidation(v!.values, v!.dropdown, v!.allowInvalid) : rangeValidation(Tab.raw(v!.tab).getRange(v!.a1))));
      range.setDataValidations(Array.from({ length: range.getNumRows() }, () => rules));
      i = j;
    }
  }

  /** setColumnWidth */
  setColumnWidth(col: number, width: number): void {
    this.sheet.setColumnWidth(col, width);
  }

  /** setColumnWidths: `n` columns from `col`, one call. */
  setColumnWidths(col: number, n: number, width: number): void {
    this.sheet.setColumnWidths(col, n, width);
  }

  /**
   * Colours a column (from row 2 to the last row) by the cell's text, replacing the conditional
   * formats that were on that column and keeping the others (getConditionalFormatRules,
   * setConditionalFormatRules).
   */
  colorByText(col: number, colors: Record<string, { bg: string; fg: string }>): void {
    const range = this.sheet.getRange(columnA1(col));
    const rules = this.sheet.getConditionalFormatRules().filter((r) => !r.getRanges().some((x) => x.getColumn() === col));
    rules.push(...statusColorRules(range, colors));
    this.sheet.setConditionalFormatRules(rules);
  }

  /** Makes the tab's protections what `plan` says, from the workbook's protections read once (see applyProtections). */
  protect(plan: ProtectionPlan, all: Protections): void {
    applyProtections(this.sheet, all.of(this.sheet), plan);
  }

  /** addDeveloperMetadata */
  tag(key: string, value: string): void {
    this.sheet.addDeveloperMetadata(key, value);
  }

  /** activate */
  activate(): void {
    this.sheet.activate();
  }

  /**
   * The rows the user selected when this tab is the active one, else null: first row (1-based)
   * and count (getActiveSpreadsheet once per execution, getActiveSheet, two getSheetId, getActiveRange, getRow,
   * getNumRows).
   */
  selectedRows(): { row: number; count: number } | null {
    const active = activeSpreadsheet().getActiveSheet();
    const range = active && active.getSheetId() === this.sheet.getSheetId() ? activeSpreadsheet().getActiveRange() : null;
    return range ? { row: range.getRow(), count: range.getNumRows() } : null;
  }
}


/** A data validation for formatColumns: a list of values, or the values in a block of a tab (A1). */
export type Validation = { kind: 'list'; values: string[]; dropdown: boolean; allowInvalid: boolean } | { kind: 'range'; tab: Tab; a1: string };

/**
 * One tab read into arrays. `K` is the tab's column keys (ColumnKey<'konsep'> from
 * Workbook.table('konsep')): a misspelled key does not compile, and an unknown key given at run
 * time to set/append throws.
 */
export class Table<K extends string = string> {
  readonly headers: string[];
  /** Data rows (row 2 onwards), as getValues returned them. */
  readonly rows: Cell[][];
  /** Column key -> 0-based index, or -1. */
  readonly col: Record<K, number>;
  private readonly dirtyCols = new Set<number>();
  /** Cells changed in this action, as "row:col" (everything else in a dirty column is rewritten as it was). */
  private readonly changed = new Set<string>();
  /** Cells to rewrite as read in the same range as the changed ones (keep), as "row:col". */
  private readonly kept = new Set<string>();
  /** Lookup indexes by column key, built on first find() and dropped when that column changes. */
  private readonly indexes = new Map<string, Map<string, number>>();
  private readonly appended: Cell[][] = [];
  /** Set on a table that merges archived rows in: reading only. */
  private readOnly = false;

  constructor(
    /** The tab's operations (name, paint, selectedRows...); its cells go through this table. */
    readonly tab: Tab,
    readonly def: TabDef<TabKey, K>,
    values: Cell[][],
  ) {
    this.headers = (values[0] ?? []).map((h) => String(h));
    this.rows = values.slice(1);
    this.col = locateColumns(def, this.headers) as Record<K, number>;
    // Drop trailing rows that are entirely blank (a data range can include formatted blanks).
    while (this.rows.length && this.rows[this.rows.length - 1].every((v) => v === '' || v === null)) this.rows.pop();
  }

  /** Throws a plain Error for a key that is not one of the tab's columns (a programming error). */
  private known(key: string): void {
    if (!this.def.columns.some((c) => c.key === key)) throw new Error(`Unknown column key "${key}" for tab "${this.def.key}"`);
  }

  has(key: K): boolean {
    return this.col[key] >= 0;
  }

  /** Throws a plain "run setup" message when one of `keys` (or any required column) is missing. */
  require(...keys: K[]): this {
    const missing = keys.length ? this.def.columns.filter((c) => keys.includes(c.key) && this.col[c.key] < 0) : missingRequired(this.def, this.col);
    if (missing.length) {
      throw new SiaranError('SETUP_NEEDED', WB_MESSAGES.missingColumn, { column: missing[0].id, tab: this.tab.name() });
    }
    return this;
  }

  get(row: number, key: K): Cell {
    const c = this.col[key];
    if (c === undefined || c < 0) return '';
    const r = row < this.rows.length ? this.rows[row] : this.appended[row - this.rows.length];
    return r?.[c] ?? '';
  }

  text(row: number, key: K): string {
    const v = this.get(row, key);
    return v instanceof Date ? v.toISOString() : String(v ?? '').trim();
  }

  /** Sets a cell of an existing or appended row. User text must go through asSheetText first. */
  set(row: number, key: K, value: Cell): void {
    if (this.readOnly) throw new Error(`Table "${this.def.key}" includes archived rows and is read-only`);
    this.known(key);
    this.indexes.delete(key);
    const c = this.col[key];
    if (c === undefined || c < 0) {
      this.require(key);
      return;
    }
    if (row < this.rows.length) {
      this.rows[row][c] = value;
      this.dirtyCols.add(c);
      this.changed.add(`${row}:${c}`);
      this.kept.delete(`${row}:${c}`);
    } else {
      this.appended[row - this.rows.length][c] = value;
    }
  }

  /** Rows (0-based, existing rows) with a cell changed in this action in one of the columns `cols` (0-based). */
  changedRows(cols: readonly number[]): number[] {
    const out = new Set<number>();
    for (const cell of this.changed) {
      const [r, c] = cell.split(':').map(Number);
      if (cols.indexOf(c) >= 0) out.add(r);
    }
    return [...out].sort((a, b) => a - b);
  }

  /**
   * Writes a cell back as read at the next commit, in the same range as the cells changed around
   * it (text stays text; a formula in it is written as its value, so keep only Siaran's own
   * columns). No call.
   */
  keep(row: number, key: K): void {
    if (this.readOnly) throw new Error(`Table "${this.def.key}" includes archived rows and is read-only`);
    this.known(key);
    const c = this.col[key];
    if (c === undefined || c < 0 || row < 0 || row >= this.rows.length) return;
    if (!this.changed.has(`${row}:${c}`)) this.kept.add(`${row}:${c}`);
    this.dirtyCols.add(c);
  }

  /** Appends a row given by column keys; returns its row index (for get/set). */
  append(record: Partial<Record<K, Cell | undefined>>): number {
    if (this.readOnly) throw new Error(`Table "${this.def.key}" includes archived rows and is read-only`);
    for (const k of Object.keys(record)) this.known(k);
    this.indexes.clear();
    const width = Math.max(this.headers.length, 1);
    const row: Cell[] = new Array(width).fill('');
    for (const [k, v] of Object.entries(record)) {
      const c = this.col[k as K];
      if (c !== undefined && c >= 0 && v !== undefined) row[c] = v as Cell;
    }
    this.appended.push(row);
    return this.rows.length + this.appended.length - 1;
  }

  /** Number of rows including the ones appended in this action. */
  get size(): number {
    return this.rows.length + this.appended.length;
  }

  /** Finds the first row whose `key` column equals `value` (trimmed text). Indexed: O(1) after the first call. */
  find(key: K, value: string): number {
    const c = this.col[key];
    if (c === undefined || c < 0) return -1;
    let index = this.indexes.get(key);
    if (!index) {
      index = new Map();
      for (let i = 0; i < this.size; i++) {
        const v = this.text(i, key);
        if (!index.has(v)) index.set(v, i);
      }
      this.indexes.set(key, index);
    }
    return index.get(value.trim()) ?? -1;
  }

  /** Fresh ids after the highest `prefix-NNNN` in the `key` column (K-0001, D-0001, P-0001). */
  ids(prefix: string, key = 'id' as K): () => string {
    const existing: string[] = [];
    for (let i = 0; i < this.size; i++) existing.push(this.text(i, key));
    return idSequence(prefix, existing);
  }

  /**
   * A read-only table of this tab's rows followed by `rows` (archived rows, their columns given by
   * `headers` and matched to this tab's by header text). No call.
   */
  withRows(headers: string[], rows: Cell[][]): Table<K> {
    const own = this.headers.map((h) => normalizeHeader(h));
    const from = headers.map((h) => own.indexOf(normalizeHeader(h)));
    const width = this.headers.length;
    const mapped = rows.map((r) => {
      const out: Cell[] = new Array(width).fill('');
      from.forEach((to, j) => {
        if (to >= 0 && r[j] !== undefined) out[to] = r[j];
      });
      return out;
    });
    const t = new Table<K>(this.tab, this.def, [this.headers, ...this.rows, ...this.appended, ...mapped]);
    t.readOnly = true;
    return t;
  }

  /** Row index -> sheet row number. */
  sheetRow(row: number): number {
    return row + 2;
  }

  get dirty(): boolean {
    return this.dirtyCols.size > 0 || this.appended.length > 0;
  }

  /**
   * Writes changed columns (one setValues per adjacent run) and appended rows (one setValues).
   * A run covers only the rows between the first and the last changed cell, so editing one row
   * writes one row. Unchanged cells inside a run are written back exactly as they were: a user's
   * formula stays a formula (read with one getFormulas per run, skipped when every cell of the
   * run was set or kept, and on a tab only Siaran writes), and text stays text (even "=utas", "0812…" or "2026-11", which
   * setValues would otherwise parse).
   */
  commit(): void {
    if (this.dirtyCols.size && this.rows.length) {
      const cols = [...this.dirtyCols].sort((a, b) => a - b);
      const cells = [...this.changed, ...this.kept].map((cell) => cell.split(':').map(Number));
      let start = 0;
      for (let i = 1; i <= cols.length; i++) {
        if (i === cols.length || cols[i] !== cols[i - 1] + 1) {
          const from = cols[start];
          const to = cols[i - 1];
          start = i;
          let first = this.rows.length;
          let last = -1;
          let count = 0;
          for (const [r, c] of cells) {
            if (c >= from && c <= to) {
              first = Math.min(first, r);
              last = Math.max(last, r);
              count++;
            }
          }
          if (last < first) continue;
          const range = Tab.raw(this.tab).getRange(first + 2, from + 1, last - first + 1, to - from + 1);
          // Every cell of the block set or kept, or a tab only Siaran writes (its cells are values
          // Siaran wrote, rewritten as read): no user formula to keep, so none is read.
          const formulas = this.def.scriptOnly || count === (last - first + 1) * (to - from + 1) ? [] : range.getFormulas();
          const block = this.rows.slice(first, last + 1).map((r, k) =>
            r.slice(from, to + 1).map((v, j) => {
              const cell = `${first + k}:${from + j}`;
              if (this.changed.has(cell)) return v === undefined ? '' : v;
              const f = this.kept.has(cell) ? '' : formulas[k]?.[j];
              if (f) return f;
              // Text read back is written back as text: an apostrophe keeps "0812", "2026-11" or
              // "=utas" from being parsed into a number, a date or a formula (it is not stored).
              return typeof v === 'string' ? (v === '' ? '' : `'${v}`) : v === undefined ? '' : v;
            }),
          );
          range.setValues(block);
        }
      }
      this.dirtyCols.clear();
      this.changed.clear();
      this.kept.clear();
    }
    if (this.appended.length) {
      const width = Math.max(this.headers.length, 1);
      const block = this.appended.map((r) => (r.length === width ? r : r.concat(new Array(width - r.length).fill(''))).slice(0, width));
      this.tab.roomBelow(this.rows.length + 1, block.length);
      // A record column (the owner's, hard-protected) that no new row fills is left out of the
      // write: a staff member's new item leaves its status blank (Draf) instead of failing on the
      // protection. Otherwise one write.
      // Nor is a run of trailing columns no new row fills (the rows below the data are blank already).
      const skip = this.def.columns.filter((c) => c.record).map((c) => this.col[c.key as K]).filter((c) => c !== undefined && c >= 0 && block.every((r) => r[c] === ''));
      let end = width;
      while (end > 1 && block.every((r) => r[end - 1] === '')) end--;
      let from = 0;
      for (let c = 0; c <= end; c++) {
        if (c < end && skip.indexOf(c) < 0) continue;
        if (c > from) this.tab.write(this.rows.length + 2, from + 1, block.map((r) => r.slice(from, c)));
        from = c + 1;
      }
      this.rows.push(...this.appended.splice(0));
    }
  }

  /** At least SPARE_ROWS blank rows below the data (the owner's hourly run: staff cannot add rows to a tab with owner-only columns). */
  keepRoom(): void {
    this.tab.roomBelow(this.rows.length + 1, SPARE_ROWS);
  }
}

/** A1 letters of a 1-based column. */
export { colLetters };

/** Developer metadata on a column Siaran reads: value "<tab key>.<column key>" (the tag moves with its column). */
export const COLUMN_METADATA_KEY = 'siaran.kolom';
/** Developer metadata on the spreadsheet: the language setting, for onOpen and onEdit (a hint: display only). */
export const LANG_METADATA_KEY = 'siaran.bahasa';

type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

/** What one find of the workbook's developer metadata says (see Workbook.tags). */
interface Tags {
  tabs: Map<TabKey, Tab>;
  cols: Map<TabKey, Record<string, number>>;
  lang: Metadata[];
}

export class Workbook {
  private tabsByKey?: Map<TabKey, Tab>;
  private tagged?: Tags;
  private readonly tables = new Map<TabKey, Table>();

  /** @internal Adapters only: server code gets a Workbook from activeWorkbook(), an edit, or reopen(). */
  constructor(private readonly ss: Spreadsheet) {}

  /** The active spreadsheet (getActiveSpreadsheet). */
  static active(): Workbook {
    return new Workbook(activeSpreadsheet());
  }

  /** A fresh Workbook on the same spreadsheet: nothing located or read yet (no call). */
  reopen(): Workbook {
    return new Workbook(this.ss);
  }

  /**
   * Finds every Siaran tab: by developer metadata first (survives renames; the one find of tags(),
   * which also gives the tagged columns, so appending to the Log reads no header), then by default
   * name (getSheets, only when a tab is not tagged: setup tags them all).
   */
  private locate(): Map<TabKey, Tab> {
    if (this.tabsByKey) return this.tabsByKey;
    const tags = this.tags();
    if (this.tabsByKey) return this.tabsByKey;
    const map = new Map<TabKey, Tab>(tags.tabs);
    let sheets: Sheet[] | null = null;
    for (const def of TABS) {
      if (map.has(def.key)) continue;
      if (!sheets) sheets = this.ss.getSheets();
      const byName = sheets.find((s) => {
        const n = normalizeHeader(s.getName());
        return n === normalizeHeader(def.id) || n === normalizeHeader(def.en);
      });
      if (byName && ![...map.values()].some((t) => t.id() === byName.getSheetId())) map.set(def.key, new Tab(byName));
    }
    this.tabsByKey = map;
    return this.tabsByKey;
  }

  /** Forget located sheets (after setup creates tabs). */
  relocate(): void {
    this.tabsByKey = undefined;
    this.tagged = undefined;
    this.tables.clear();
  }

  /** The tab of `key`, or null when the workbook has none. */
  sheet(key: TabKey): Tab | null {
    return this.locate().get(key) ?? null;
  }

  requireSheet(key: TabKey): Tab {
    const s = this.sheet(key);
    if (!s) throw new SiaranError('SETUP_NEEDED', WB_MESSAGES.missingTab, { tab: tabDef(key).id });
    return s;
  }

  /**
   * The whole tab, read once per action (one getSheetValues, see Tab.values). Checks the required
   * columns unless `lenient`.
   */
  table<K extends TabKey>(key: K, opts: { lenient?: boolean } = {}): Table<ColumnKey<K>> {
    let t = this.tables.get(key);
    if (!t) {
      const tab = this.requireSheet(key);
      const values = tab.values(1, -1);
      t = new Table(tab, tabDef(key) as TabDef<TabKey, string>, values);
      this.tables.set(key, t);
    }
    if (!opts.lenient) t.require();
    return t as Table<ColumnKey<K>>;
  }

  /** Replaces the cached table of `key` (a read-only merge with archived rows) for this action. */
  useTable<K extends TabKey>(key: K, table: Table<ColumnKey<K>>): void {
    this.tables.set(key, table as unknown as Table);
  }

  /** Forgets the cached table of `key` (after a tab was rewritten outside it). */
  forget(key: TabKey): void {
    this.tables.delete(key);
  }

  /**
   * The workbook's Siaran developer metadata, in ONE find (what onEdit needs to start): which sheet
   * is which tab (their Tab objects: once every tab is tagged, sheet(key) makes no other call), where
   * each tagged column is now (column metadata moves with its column when columns are inserted,
   * moved or deleted) and the language hint. Kept for the execution (locate uses it too);
   * relocate() forgets it, after setup has made tabs or columns.
   */
  private tags(): Tags {
    if (this.tagged) return this.tagged;
    const t: Tags = { tabs: new Map(), cols: new Map(), lang: [] };
    const colTags: Array<[string, number, number]> = [];
    for (const md of this.ss.createDeveloperMetadataFinder().find()) {
      const key = md.getKey();
      const value = md.getValue() ?? '';
      if (key === LANG_METADATA_KEY) t.lang.push(md);
      else if (key === TAB_METADATA_KEY) {
        const sheet = md.getLocation().getSheet();
        if (sheet && TABS.some((d) => d.key === value) && !t.tabs.has(value as TabKey)) t.tabs.set(value as TabKey, new Tab(sheet));
      } else if (key === COLUMN_METADATA_KEY) {
        const col = md.getLocation().getColumn();
        if (col) colTags.push([value, col.getSheet().getSheetId(), col.getColumn() - 1]);
      }
    }
    for (const [value, sheetId, index] of colTags) {
      const [tab, col] = value.split('.');
      // A tag counts on its own tab's sheet only (a copied sheet carries copies of the tags).
      if (!col || t.tabs.get(tab as TabKey)?.id() !== sheetId) continue;
      const cols = t.cols.get(tab as TabKey) ?? {};
      if (cols[col] === undefined || index < cols[col]) cols[col] = index;
      t.cols.set(tab as TabKey, cols);
    }
    if (!this.tabsByKey && TABS.every((d) => t.tabs.has(d.key))) this.tabsByKey = t.tabs;
    this.tagged = t;
    return t;
  }

  /** Tab key of a tab, if it is one of Siaran's: from the tags (one find), else by locating the tabs. */
  keyOf(tab: Tab): TabKey | null {
    const id = tab.id();
    const tags = this.tags();
    for (const [k, s] of tags.tabs) if (s.id() === id) return k;
    if (tags.tabs.size === TABS.length) return null;
    for (const [k, s] of this.locate()) if (s.id() === id) return k;
    return null;
  }

  /**
   * Where the tagged columns of `key`'s tab are (0-based, by column key; untagged keys absent), or
   * null when the tab has no column tags (a workbook set up before the tags: read its header).
   * `readTags` false: only when this action read the tags already (no call), else null.
   */
  columns(key: TabKey, readTags = true): Record<string, number> | null {
    if (!readTags && !this.tagged) return null;
    return this.tags().cols.get(key) ?? null;
  }

  /** The language hint, when one is set ('id' or 'en'). */
  langHint(): 'id' | 'en' | null {
    const v = this.tags().lang[0]?.getValue();
    return v === 'id' || v === 'en' ? v : null;
  }

  /** Drops the language hint (Pengaturan changed): one remove per hint, after the find when not read yet. */
  dropLangHint(): void {
    const hints = this.tagged ? this.tagged.lang : this.ss.createDeveloperMetadataFinder().withKey(LANG_METADATA_KEY).find();
    for (const md of hints) md.remove();
    if (this.tagged) this.tagged.lang = [];
  }

  /** Sets the language hint (a find unless tags were read; one remove per stale hint, one add when needed). */
  setLangHint(lang: 'id' | 'en'): void {
    const hints = this.tagged ? this.tagged.lang : this.ss.createDeveloperMetadataFinder().withKey(LANG_METADATA_KEY).find();
    if (hints.length === 1 && hints[0].getValue() === lang) return;
    for (const md of hints) md.remove();
    this.ss.addDeveloperMetadata(LANG_METADATA_KEY, lang);
  }

  /**
   * Tags the columns onEdit reads (`tabs`: per tab, column key -> 0-based index, -1 when missing),
   * through SpreadsheetApp (the bound workbook's scope): one find, then for each column whose tag
   * is missing one addDeveloperMetadata, for each tag elsewhere one moveToColumn; duplicates are
   * removed. A repair run with every tag in place makes only the find. Sheets moves the tags with
   * their columns when people insert, move or delete columns.
   */
  tagColumns(tabs: Array<{ tab: Tab; key: TabKey; cols: Record<string, number> }>): void {
    const have = new Map<string, Metadata>();
    for (const md of this.ss.createDeveloperMetadataFinder().withKey(COLUMN_METADATA_KEY).find()) {
      const v = md.getValue() ?? '';
      if (have.has(v)) md.remove();
      else have.set(v, md);
    }
    for (const { tab, key, cols } of tabs) {
      for (const [col, i] of Object.entries(cols)) {
        if (i < 0) continue;
        const md = have.get(`${key}.${col}`);
        const at = md?.getLocation().getColumn();
        if (at && at.getColumn() === i + 1 && at.getSheet().getSheetId() === tab.id()) continue;
        const a = colLetters(i + 1);
        const range = Tab.raw(tab).getRange(`${a}:${a}`);
        if (md) md.moveToColumn(range);
        else range.addDeveloperMetadata(COLUMN_METADATA_KEY, `${key}.${col}`);
      }
    }
    this.tagged = undefined;
  }

  /**
   * Writes every table changed in this action. A change to Pengaturan drops the language hint, so
   * the next onOpen reads the setting again.
   */
  commit(): void {
    for (const [key, t] of this.tables) {
      if (!t.dirty) continue;
      t.commit();
      if (key === 'pengaturan') this.dropLangHint();
    }
  }

  /** getName */
  name(): string {
    return this.ss.getName();
  }

  /** rename */
  rename(name: string): void {
    this.ss.rename(name);
  }

  /** getUrl */
  url(): string {
    return this.ss.getUrl();
  }

  /** The names of all sheets (getSheets, getName each). */
  sheetNames(): string[] {
    return this.ss.getSheets().map((s) => s.getName());
  }

  /** Sets the spreadsheet's locale unless it is `locale` already (getSpreadsheetLocale, then set). */
  ensureLocale(locale: string): void {
    if (this.ss.getSpreadsheetLocale() !== locale) this.ss.setSpreadsheetLocale(locale);
  }

  /** Sets the spreadsheet's time zone unless it is `tz` already. */
  ensureTimeZone(tz: string): void {
    if (this.ss.getSpreadsheetTimeZone() !== tz) this.ss.setSpreadsheetTimeZone(tz);
  }

  /** Every protection of the workbook (two getProtections), for Tab.protect. */
  protections(): Protections {
    return new Protections(this.ss.getProtections(SpreadsheetApp.ProtectionType.RANGE), this.ss.getProtections(SpreadsheetApp.ProtectionType.SHEET));
  }

  /** A new tab (insertSheet). Call relocate() before reading tabs by key. */
  insertTab(name: string): Tab {
    return new Tab(this.ss.insertSheet(name));
  }

  /** The values of the developer metadata with `key` on the spreadsheet (one find). */
  taggedValues(key: string): Array<string | null> {
    return this.ss
      .createDeveloperMetadataFinder()
      .withKey(key)
      .find()
      .map((m) => m.getValue());
  }

  /**
   * Deletes the sheets whose name passes `test` and that are empty (getLastRow 0), never the last
   * sheet (getSheets, then per sheet getName, getLastRow, getSheets, deleteSheet).
   */
  deleteEmptySheets(test: (name: string) => boolean): void {
    for (const sheet of this.ss.getSheets()) {
      if (test(sheet.getName()) && sheet.getLastRow() === 0 && this.ss.getSheets().length > 1) this.ss.deleteSheet(sheet);
    }
  }
}
