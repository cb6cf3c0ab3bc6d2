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
import { locateColumns, missingRequired, normalizeHeader, TabDef, tabDef, TabKey, TABS, TAB_METADATA_KEY } from '../core/schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const WB_MESSAGES = defineMessages({
  missingTab: {
    id: 'Tab "{tab}" tidak ditemukan. Jalankan menu Siaran → Siapkan / perbaiki workbook untuk membuatnya kembali; data di tab lain tidak diubah.',
    en: 'The "{tab}" tab is missing. Run Siaran → Set up / repair workbook to recreate it; data in the other tabs is not touched.',
  },
  missingColumn: {
    id: 'Kolom "{column}" tidak ditemukan di tab "{tab}". Jalankan menu Siaran → Siapkan / perbaiki workbook untuk menambahkannya kembali, lalu ulangi. Tidak ada yang diubah.',
    en: 'Column "{column}" is missing from the "{tab}" tab. Run Siaran → Set up / repair workbook to add it back, then try again. Nothing was changed.',
  },
});

export type Cell = string | number | boolean | Date;

/**
 * Makes room for `lastRow` rows: getRange().setValues beyond the sheet's size throws ("The
 * coordinates of the range are outside the dimensions of the sheet"), unlike appendRow.
 */
export function ensureRows(sheet: Sheet, lastRow: number): void {
  const max = sheet.getMaxRows();
  if (lastRow > max) sheet.insertRowsAfter(max, lastRow - max);
}

export function ensureColumns(sheet: Sheet, lastColumn: number): void {
  const max = sheet.getMaxColumns();
  if (lastColumn > max) sheet.insertColumnsAfter(max, lastColumn - max);
}

export class Table {
  readonly headers: string[];
  /** Data rows (row 2 onwards), as getValues returned them. */
  readonly rows: Cell[][];
  /** Column key -> 0-based index, or -1. */
  readonly col: Record<string, number>;
  private readonly dirtyCols = new Set<number>();
  /** Cells changed in this action, as "row:col" (everything else in a dirty column is rewritten as it was). */
  private readonly changed = new Set<string>();
  /** Lookup indexes by column key, built on first find() and dropped when that column changes. */
  private readonly indexes = new Map<string, Map<string, number>>();
  private readonly appended: Cell[][] = [];

  constructor(
    readonly sheet: Sheet,
    readonly def: TabDef,
    values: Cell[][],
  ) {
    this.headers = (values[0] ?? []).map((h) => String(h));
    this.rows = values.slice(1);
    this.col = locateColumns(def, this.headers);
    // Drop trailing rows that are entirely blank (a data range can include formatted blanks).
    while (this.rows.length && this.rows[this.rows.length - 1].every((v) => v === '' || v === null)) this.rows.pop();
  }

  has(key: string): boolean {
    return this.col[key] >= 0;
  }

  /** Throws a plain "run setup" message when one of `keys` (or any required column) is missing. */
  require(...keys: string[]): this {
    const missing = keys.length ? this.def.columns.filter((c) => keys.includes(c.key) && this.col[c.key] < 0) : missingRequired(this.def, this.col);
    if (missing.length) {
      throw new SiaranError('SETUP_NEEDED', WB_MESSAGES.missingColumn, { column: missing[0].id, tab: this.sheet.getName() });
    }
    return this;
  }

  get(row: number, key: string): Cell {
    const c = this.col[key];
    if (c === undefined || c < 0) return '';
    const r = row < this.rows.length ? this.rows[row] : this.appended[row - this.rows.length];
    return r?.[c] ?? '';
  }

  text(row: number, key: string): string {
    const v = this.get(row, key);
    return v instanceof Date ? v.toISOString() : String(v ?? '').trim();
  }

  /** Sets a cell of an existing or appended row. User text must go through asSheetText first. */
  set(row: number, key: string, value: Cell): void {
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
    } else {
      this.appended[row - this.rows.length][c] = value;
    }
  }

  /** Appends a row given by column keys; returns its row index (for get/set). */
  append(record: Record<string, Cell | undefined>): number {
    this.indexes.clear();
    const width = Math.max(this.headers.length, 1);
    const row: Cell[] = new Array(width).fill('');
    for (const [k, v] of Object.entries(record)) {
      const c = this.col[k];
      if (c !== undefined && c >= 0 && v !== undefined) row[c] = v;
    }
    this.appended.push(row);
    return this.rows.length + this.appended.length - 1;
  }

  /** Number of rows including the ones appended in this action. */
  get size(): number {
    return this.rows.length + this.appended.length;
  }

  /** Finds the first row whose `key` column equals `value` (trimmed text). Indexed: O(1) after the first call. */
  find(key: string, value: string): number {
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
  ids(prefix: string, key = 'id'): () => string {
    const existing: string[] = [];
    for (let i = 0; i < this.size; i++) existing.push(this.text(i, key));
    return idSequence(prefix, existing);
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
   * formula stays a formula (read with one getFormulas per run), and text stays text (even
   * "=utas", "0812…" or "2026-11", which setValues would otherwise parse).
   */
  commit(): void {
    if (this.dirtyCols.size && this.rows.length) {
      const cols = [...this.dirtyCols].sort((a, b) => a - b);
      let start = 0;
      for (let i = 1; i <= cols.length; i++) {
        if (i === cols.length || cols[i] !== cols[i - 1] + 1) {
          const from = cols[start];
          const to = cols[i - 1];
          let first = this.rows.length;
          let last = -1;
          for (const cell of this.changed) {
            const [r, c] = cell.split(':').map(Number);
            if (c >= from && c <= to) {
              first = Math.min(first, r);
              last = Math.max(last, r);
            }
          }
          const range = this.sheet.getRange(first + 2, from + 1, last - first + 1, to - from + 1);
          const formulas = range.getFormulas();
          const block = this.rows.slice(first, last + 1).map((r, k) =>
            r.slice(from, to + 1).map((v, j) => {
              const ri = first + k;
              if (this.changed.has(`${ri}:${from + j}`)) return v === undefined ? '' : v;
              const f = formulas[k]?.[j];
              if (f) return f;
              // Text read back is written back as text: an apostrophe keeps "0812", "2026-11" or
              // "=utas" from being parsed into a number, a date or a formula (it is not stored).
              return typeof v === 'string' ? (v === '' ? '' : `'${v}`) : v === undefined ? '' : v;
            }),
          );
          range.setValues(block);
          start = i;
        }
      }
      this.dirtyCols.clear();
      this.changed.clear();
    }
    if (this.appended.length) {
      const width = Math.max(this.headers.length, 1);
      const block = this.appended.map((r) => (r.length === width ? r : r.concat(new Array(width - r.length).fill(''))).slice(0, width));
      ensureRows(this.sheet, this.rows.length + 1 + block.length);
      this.sheet.getRange(this.rows.length + 2, 1, block.length, width).setValues(block);
      this.rows.push(...this.appended.splice(0));
    }
  }
}

export class Workbook {
  private sheetsByKey?: Map<TabKey, Sheet>;
  private readonly tables = new Map<TabKey, Table>();

  constructor(readonly ss: Spreadsheet) {}

  /** Finds every Siaran tab: by developer metadata first (survives renames), then by default name. */
  private locate(): Map<TabKey, Sheet> {
    if (this.sheetsByKey) return this.sheetsByKey;
    const map = new Map<TabKey, Sheet>();
    const sheets = this.ss.getSheets();
    for (const md of this.ss.createDeveloperMetadataFinder().withKey(TAB_METADATA_KEY).find()) {
      const key = md.getValue() as TabKey;
      const sheet = md.getLocation().getSheet();
      if (sheet && TABS.some((t) => t.key === key) && !map.has(key)) map.set(key, sheet);
    }
    for (const def of TABS) {
      if (map.has(def.key)) continue;
      const byName = sheets.find((s) => {
        const n = normalizeHeader(s.getName());
        return n === normalizeHeader(def.id) || n === normalizeHeader(def.en);
      });
      if (byName && ![...map.values()].some((s) => s.getSheetId() === byName.getSheetId())) map.set(def.key, byName);
    }
    this.sheetsByKey = map;
    return map;
  }

  /** Forget located sheets (after setup creates tabs). */
  relocate(): void {
    this.sheetsByKey = undefined;
    this.tables.clear();
  }

  sheet(key: TabKey): Sheet | null {
    return this.locate().get(key) ?? null;
  }

  requireSheet(key: TabKey): Sheet {
    const s = this.sheet(key);
    if (!s) throw new SiaranError('SETUP_NEEDED', WB_MESSAGES.missingTab, { tab: tabDef(key).id });
    return s;
  }

  /** The whole tab, read once per action. Checks the required columns unless `lenient`. */
  table(key: TabKey, opts: { lenient?: boolean } = {}): Table {
    let t = this.tables.get(key);
    if (!t) {
      const sheet = this.requireSheet(key);
      const values = sheet.getDataRange().getValues() as Cell[][];
      t = new Table(sheet, tabDef(key), values);
      this.tables.set(key, t);
    }
    if (!opts.lenient) t.require();
    return t;
  }

  /** Tab key of a sheet, if it is one of Siaran's. */
  keyOf(sheet: Sheet): TabKey | null {
    const id = sheet.getSheetId();
    for (const [k, s] of this.locate()) if (s.getSheetId() === id) return k;
    return null;
  }

  /** Writes every table changed in this action. */
  commit(): void {
    for (const t of this.tables.values()) if (t.dirty) t.commit();
  }
}
