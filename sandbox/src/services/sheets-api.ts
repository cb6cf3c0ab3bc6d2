/**
 * The Sheets advanced service (`Sheets`, the Sheets API v4 as Apps Script exposes it), backed by
 * the sandbox's spreadsheet model. Present only when the manifest enables it
 * (`dependencies.enabledAdvancedServices` with `serviceId: "sheets"`; the global is its
 * `userSymbol`, "Sheets" by default), as in Apps Script.
 *
 * Implemented: `Spreadsheets.create`, `Spreadsheets.get` (properties and sheets' properties, no
 * grid data), `Spreadsheets.batchUpdate` (`repeatCell` with a number format, `updateSheetProperties`
 * with frozen rows, `createDeveloperMetadata` on the spreadsheet, a sheet or one row or column,
 * `deleteDeveloperMetadata` by a `developerMetadataLookup`; any other request is refused as the
 * API refuses an unknown field), and
 * `Spreadsheets.Values.get`, `batchGet`, `update`, `batchUpdate`, `append`. Access follows the
 * Drive file: its owner and editors may read and write, viewers may read; anyone else gets the
 * API's "The caller does not have permission". The bound workbook is reachable by its id too.
 *
 * Errors are thrown as Apps Script throws them for an advanced service:
 * "API call to sheets.spreadsheets.values.batchGet failed with error: <the API's message>".
 */
import type { ServiceContext, ServiceModule } from '../service';
import { createGoogleFile, driveItem, GOOGLE_SHEET_MIME } from './drive';
import { addOtherBook, BookJson, cellScalar, colToLetters, findSheetByName, getBook, getCell, getLayer, newBook, newSheet, nextSeq, otherBook, parseA1, quoteSheetName, Rect, setCell, setLayer, SheetJson, splitSheetPrefix, inputToCell, displayAt, lastRow, lastColumn } from './spreadsheet/model';
import type { Cell, MetadataJson, MetaLocation } from './spreadsheet/model';
import { msToSerial } from './spreadsheet/format';
import { recalc } from './spreadsheet/formula';
import { scriptArray } from './utilities';

const SERVICE = 'Sheets';
const MAX_CELL_CHARS = 50000;

interface AdvancedServiceEntry {
  userSymbol?: string;
  serviceId?: string;
  version?: string;
}

/** The enabled Sheets entry of the manifest, if any. */
function enabledEntry(ctx: ServiceContext): AdvancedServiceEntry | undefined {
  const deps = ctx.project.manifest.dependencies as { enabledAdvancedServices?: AdvancedServiceEntry[] } | undefined;
  return deps?.enabledAdvancedServices?.find((s) => s && s.serviceId === 'sheets');
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** What the script passed, as the API receives it (JSON: a Date becomes its ISO string). */
function wire(v: unknown): Json {
  return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as Json);
}

class SheetsApi {
  constructor(private readonly ctx: ServiceContext) {}

  fail(method: string, message: string): never {
    return this.ctx.fail(`API call to sheets.${method} failed with error: ${message}`, 'GoogleJsonResponseException');
  }

  rec(method: string, cost: 'spreadsheetRead' | 'spreadsheetWrite' | 'driveCreate', cells = 0): void {
    this.ctx.exec.requireAuth(`Sheets.${method}`);
    this.ctx.exec.record(SERVICE, method, cost, Math.round((cells / 1000) * 5));
  }

  /** The spreadsheet with this id, checked for the caller's access. */
  book(method: string, id: unknown, write: boolean): BookJson {
    if (typeof id !== 'string' || !id) return this.fail(method, 'Requested entity was not found.');
    const bound = getBook(this.ctx.state, this.ctx.timeZone);
    const book = bound.id === id ? bound : otherBook(this.ctx.state, id);
    const item = driveItem(this.ctx.state, id);
    if (!book || (item && item.trashed && bound.id !== id)) return this.fail(method, 'Requested entity was not found.');
    const user = (this.ctx.exec.effectiveUser || this.ctx.state.owner).toLowerCase();
    const owner = (item?.owner ?? book.owner).toLowerCase();
    const editors = [...(item?.editors ?? []), ...book.editors].map((e) => e.toLowerCase());
    const viewers = [...(item?.viewers ?? []), ...book.viewers].map((e) => e.toLowerCase());
    const can = user === owner || editors.includes(user) || (!write && viewers.includes(user));
    if (!can) return this.fail(method, 'The caller does not have permission');
    return book;
  }

  /** A1 range with a sheet name (or a sheet name alone) → sheet and rectangle. */
  range(method: string, book: BookJson, a1: unknown, forWrite: boolean): { sheet: SheetJson; rect: Rect; whole: boolean } {
    if (typeof a1 !== 'string' || !a1.trim()) return this.fail(method, `Unable to parse range: ${String(a1 ?? '')}`);
    const { sheet: name, ref } = splitSheetPrefix(a1);
    const sheet = name === undefined ? findSheetByName(book, ref.replace(/^'(.*)'$/, '$1').replace(/''/g, "'")) : findSheetByName(book, name);
    if (name === undefined) {
      // A bare sheet name: the whole sheet. A bare cell reference means the first sheet.
      if (sheet) return { sheet, rect: { r: 1, c: 1, nr: sheet.maxRows, nc: sheet.maxCols }, whole: true };
      const first = book.sheets[0];
      const rect = first && parseA1(ref, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      if (!first || !rect) return this.fail(method, `Unable to parse range: ${a1}`);
      return this.fit(method, a1, first, rect, ref, forWrite);
    }
    if (!sheet) return this.fail(method, `Unable to parse range: ${a1}`);
    const rect = parseA1(ref, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    if (!rect) return this.fail(method, `Unable to parse range: ${a1}`);
    return this.fit(method, a1, sheet, rect, ref, forWrite);
  }

  /** Open-ended ranges (A:C, A2:C) end at the grid; a read past the grid is refused as the API refuses it. */
  private fit(method: string, a1: string, sheet: SheetJson, rect: Rect, ref: string, forWrite: boolean): { sheet: SheetJson; rect: Rect; whole: boolean } {
    const openRows = /^\$?[A-Za-z]+\$?\d*:\$?[A-Za-z]+$/.test(ref) || /^\$?[A-Za-z]+$/.test(ref);
    const openCols = /^\$?\d+:\$?\d+$/.test(ref);
    const r = { ...rect };
    if (openRows || rect.nr >= Number.MAX_SAFE_INTEGER / 2) r.nr = Math.max(1, sheet.maxRows - r.r + 1);
    if (openCols || rect.nc >= Number.MAX_SAFE_INTEGER / 2) r.nc = Math.max(1, sheet.maxCols - r.c + 1);
    if (!forWrite && (r.r + r.nr - 1 > sheet.maxRows || r.c + r.nc - 1 > sheet.maxCols)) {
      return this.fail(method, `Range (${quoteSheetName(sheet.name)}!${ref.toUpperCase()}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxCols}`);
    }
    return { sheet, rect: r, whole: false };
  }

  a1(sheet: SheetJson, rect: Rect): string {
    const a = `${colToLetters(rect.c)}${rect.r}`;
    const b = `${colToLetters(rect.c + rect.nc - 1)}${rect.r + rect.nr - 1}`;
    return `${quoteSheetName(sheet.name)}!${a}:${b}`;
  }

  /** One cell as the API renders it. */
  out(book: BookJson, sheet: SheetJson, r: number, c: number, render: string, dates: string): Json {
    const cell = getCell(sheet, r, c);
    if (cell === null || cell === undefined) return '';
    if (render === 'FORMULA' && typeof cell === 'object' && '$f' in cell) return cell.$f;
    if (render === 'FORMATTED_VALUE') return displayAt(book, sheet, r, c);
    const v = cellScalar(cell);
    if (v === null) return '';
    if (typeof v === 'object') return dates === 'FORMATTED_STRING' ? displayAt(book, sheet, r, c) : msToSerial(v.$d, book.timeZone);
    if (typeof v === 'number' && dates === 'FORMATTED_STRING') {
      const nf = getLayer(sheet, 'nf', r, c);
      if (typeof nf === 'string' && /[dy]|h+:m|:s/i.test(nf.replace(/"[^"]*"/g, ''))) return displayAt(book, sheet, r, c);
    }
    return v;
  }

  /** The values of a rectangle, trailing empty rows and columns trimmed (the API omits them). */
  read(book: BookJson, sheet: SheetJson, rect: Rect, render: string, dates: string): Json[][] {
    const rows: Json[][] = [];
    const lastR = Math.min(rect.r + rect.nr - 1, lastRow(sheet));
    const lastC = Math.min(rect.c + rect.nc - 1, lastColumn(sheet));
    for (let r = rect.r; r <= lastR; r++) {
      const row: Json[] = [];
      for (let c = rect.c; c <= lastC; c++) row.push(this.out(book, sheet, r, c, render, dates));
      while (row.length && row[row.length - 1] === '') row.pop();
      rows.push(row);
    }
    while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
    return rows;
  }

  /** Writes a block at the top-left of `rect`, growing the grid as the API does. */
  write(method: string, book: BookJson, sheet: SheetJson, at: { r: number; c: number }, values: Json, input: string): { rows: number; cols: number; cells: number } {
    if (input !== 'RAW' && input !== 'USER_ENTERED') return this.fail(method, `Invalid valueInputOption: ${input ? String(input) : 'INPUT_VALUE_OPTION_UNSPECIFIED'}`);
    if (!Array.isArray(values)) return this.fail(method, "Invalid JSON payload received. Unknown name \"values\": Proto field is not repeating, cannot start list.");
    let cols = 0;
    let cells = 0;
    const written: Cell[][] = [];
    values.forEach((row, i) => {
      if (!Array.isArray(row)) return this.fail(method, 'Invalid values[' + i + ']: ' + JSON.stringify(row));
      cols = Math.max(cols, row.length);
      const out: Cell[] = [];
      row.forEach((v, j) => {
        const r = at.r + i;
        const c = at.c + j;
        if (r > sheet.maxRows) sheet.maxRows = r;
        if (c > sheet.maxCols) sheet.maxCols = c;
        let cell: Cell;
        if (v === null || v === '') cell = null;
        else if (typeof v === 'number' || typeof v === 'boolean') cell = v;
        else if (typeof v === 'string') {
          if (v.length > MAX_CELL_CHARS) return this.fail(method, `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
          cell = input === 'RAW' ? v : inputToCell(book, sheet, r, c, v);
        } else return this.fail(method, `Invalid values[${i}][${j}]: ${JSON.stringify(v)}`);
        setCell(sheet, r, c, cell);
        out.push(cell);
        cells++;
      });
      written.push(out);
    });
    recalc(book, this.ctx.now(), written);
    return { rows: values.length, cols, cells };
  }
}

function str(v: Json | undefined, def = ''): string {
  return typeof v === 'string' ? v : def;
}

function obj(v: Json | undefined): { [k: string]: Json } {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

function sheetProps(sheet: SheetJson, index: number): Json {
  return {
    sheetId: sheet.id,
    title: sheet.name,
    index,
    sheetType: 'GRID',
    gridProperties: { rowCount: sheet.maxRows, columnCount: sheet.maxCols, ...(sheet.frozenRows ? { frozenRowCount: sheet.frozenRows } : {}) },
  };
}

function spreadsheetJson(book: BookJson): Json {
  return {
    spreadsheetId: book.id,
    properties: { title: book.name, locale: book.locale, timeZone: book.timeZone, autoRecalc: 'ON_CHANGE' },
    sheets: book.sheets.map((s, i) => ({ properties: sheetProps(s, i) })),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${book.id}/edit`,
  };
}

export function createSheetsApi(ctx: ServiceContext): Record<string, unknown> {
  const api = new SheetsApi(ctx);
  const realm = (v: Json): unknown => toScript(ctx, v);

  const Values = {
    get: (spreadsheetId: unknown, range: unknown, optionalArgs?: unknown) => {
      const m = 'spreadsheets.values.get';
      api.rec('Spreadsheets.Values.get', 'spreadsheetRead');
      const book = api.book(m, spreadsheetId, false);
      const o = obj(wire(optionalArgs));
      const { sheet, rect } = api.range(m, book, range, false);
      const values = api.read(book, sheet, rect, str(o.valueRenderOption, 'FORMATTED_VALUE'), str(o.dateTimeRenderOption, 'SERIAL_NUMBER'));
      return realm({ range: api.a1(sheet, rect), majorDimension: 'ROWS', ...(values.length ? { values } : {}) });
    },
    batchGet: (spreadsheetId: unknown, optionalArgs?: unknown) => {
      const m = 'spreadsheets.values.batchGet';
      const o = obj(wire(optionalArgs));
      const ranges = Array.isArray(o.ranges) ? o.ranges : o.ranges === undefined || o.ranges === null ? [] : [o.ranges];
      const book = api.book(m, spreadsheetId, false);
      const found = ranges.map((r) => api.range(m, book, r, false));
      let cells = 0;
      const valueRanges = found.map(({ sheet, rect }) => {
        const values = api.read(book, sheet, rect, str(o.valueRenderOption, 'FORMATTED_VALUE'), str(o.dateTimeRenderOption, 'SERIAL_NUMBER'));
        cells += values.reduce((n, r) => n + r.length, 0);
        return { range: api.a1(sheet, rect), majorDimension: 'ROWS', ...(values.length ? { values } : {}) };
      });
      api.rec('Spreadsheets.Values.batchGet', 'spreadsheetRead', cells);
      return realm({ spreadsheetId: book.id, valueRanges });
    },
    update: (resource: unknown, spreadsheetId: unknown, range: unknown, optionalArgs?: unknown) => {
      const m = 'spreadsheets.values.update';
      const body = obj(wire(resource));
      const o = obj(wire(optionalArgs));
      const book = api.book(m, spreadsheetId, true);
      const { sheet, rect } = api.range(m, book, range, true);
      const n = api.write(m, book, sheet, rect, body.values ?? [], str(o.valueInputOption));
      api.rec('Spreadsheets.Values.update', 'spreadsheetWrite', n.cells);
      return realm({ spreadsheetId: book.id, updatedRange: api.a1(sheet, { r: rect.r, c: rect.c, nr: Math.max(1, n.rows), nc: Math.max(1, n.cols) }), updatedRows: n.rows, updatedColumns: n.cols, updatedCells: n.cells });
    },
    batchUpdate: (resource: unknown, spreadsheetId: unknown) => {
      const m = 'spreadsheets.values.batchUpdate';
      const body = obj(wire(resource));
      const book = api.book(m, spreadsheetId, true);
      const input = str(body.valueInputOption);
      const data = Array.isArray(body.data) ? body.data : [];
      // The API checks every range before it writes any: a bad range writes nothing.
      const targets = data.map((d) => ({ d: obj(d), ...api.range(m, book, obj(d).range, true) }));
      if (input !== 'RAW' && input !== 'USER_ENTERED') api.fail(m, `Invalid valueInputOption: ${input || 'INPUT_VALUE_OPTION_UNSPECIFIED'}`);
      let rows = 0;
      let cols = 0;
      let cells = 0;
      const sheets = new Set<number>();
      const responses = targets.map(({ d, sheet, rect }) => {
        const n = api.write(m, book, sheet, rect, d.values ?? [], input);
        rows += n.rows;
        cols = Math.max(cols, n.cols);
        cells += n.cells;
        sheets.add(sheet.id);
        return { spreadsheetId: book.id, updatedRange: api.a1(sheet, { r: rect.r, c: rect.c, nr: Math.max(1, n.rows), nc: Math.max(1, n.cols) }), updatedRows: n.rows, updatedColumns: n.cols, updatedCells: n.cells };
      });
      api.rec('Spreadsheets.Values.batchUpdate', 'spreadsheetWrite', cells);
      return realm({ spreadsheetId: book.id, totalUpdatedRows: rows, totalUpdatedColumns: cols, totalUpdatedCells: cells, totalUpdatedSheets: sheets.size, responses });
    },
    append: (resource: unknown, spreadsheetId: unknown, range: unknown, optionalArgs?: unknown) => {
      const m = 'spreadsheets.values.append';
      const body = obj(wire(resource));
      const o = obj(wire(optionalArgs));
      const book = api.book(m, spreadsheetId, true);
      const { sheet, rect } = api.range(m, book, range, true);
      // The table: the rows with data in the range's columns, from its first row; append below.
      let last = rect.r - 1;
      const lastR = lastRow(sheet);
      for (let r = rect.r; r <= lastR; r++) {
        for (let c = rect.c; c < rect.c + rect.nc && c <= sheet.maxCols; c++) {
          if (getCell(sheet, r, c) !== null && getCell(sheet, r, c) !== undefined) {
            last = r;
            break;
          }
        }
      }
      const values = Array.isArray(body.values) ? body.values : [];
      const at = { r: last + 1, c: rect.c };
      if (str(o.insertDataOption) === 'INSERT_ROWS' && values.length) insertRowsAt(sheet, at.r, values.length);
      const n = api.write(m, book, sheet, at, values, str(o.valueInputOption));
      api.rec('Spreadsheets.Values.append', 'spreadsheetWrite', n.cells);
      const tableRange = last >= rect.r ? api.a1(sheet, { r: rect.r, c: rect.c, nr: last - rect.r + 1, nc: Math.max(1, rect.nc < 1e6 ? rect.nc : n.cols) }) : undefined;
      return realm({
        spreadsheetId: book.id,
        ...(tableRange ? { tableRange } : {}),
        updates: { spreadsheetId: book.id, updatedRange: api.a1(sheet, { r: at.r, c: at.c, nr: Math.max(1, n.rows), nc: Math.max(1, n.cols) }), updatedRows: n.rows, updatedColumns: n.cols, updatedCells: n.cells },
      });
    },
  };

  const Spreadsheets = {
    create: (resource: unknown) => {
      const m = 'spreadsheets.create';
      api.rec('Spreadsheets.create', 'driveCreate');
      const body = obj(wire(resource));
      const props = obj(body.properties);
      const title = str(props.title, 'Untitled spreadsheet');
      const id = createGoogleFile(ctx, title, GOOGLE_SHEET_MIME);
      const book = newBook(id, title, ctx.exec.effectiveUser || ctx.state.owner, str(props.timeZone, ctx.timeZone));
      if (typeof props.locale === 'string' && props.locale) book.locale = props.locale;
      const sheetDefs = Array.isArray(body.sheets) ? body.sheets.map((s) => obj(obj(s).properties)) : [];
      if (sheetDefs.length) {
        const names = new Set<string>();
        book.sheets = sheetDefs.map((p, i) => {
          const name = str(p.title, `Sheet${i + 1}`);
          if (names.has(name.toLowerCase())) api.fail(m, `Invalid requests[0].addSheet: A sheet with the name "${name}" already exists. Please enter another name.`);
          names.add(name.toLowerCase());
          const grid = obj(p.gridProperties);
          const sheet = newSheet(typeof p.sheetId === 'number' ? p.sheetId : i === 0 ? 0 : Number(ctx.newId('number')), name, typeof grid.rowCount === 'number' ? grid.rowCount : 1000, typeof grid.columnCount === 'number' ? grid.columnCount : 26);
          if (typeof grid.frozenRowCount === 'number') sheet.frozenRows = grid.frozenRowCount;
          return sheet;
        });
        book.activeSheetId = book.sheets[0].id;
      }
      addOtherBook(ctx.state, book);
      return realm(spreadsheetJson(book));
    },
    get: (spreadsheetId: unknown) => {
      api.rec('Spreadsheets.get', 'spreadsheetRead');
      return realm(spreadsheetJson(api.book('spreadsheets.get', spreadsheetId, false)));
    },
    batchUpdate: (resource: unknown, spreadsheetId: unknown) => {
      const m = 'spreadsheets.batchUpdate';
      const body = obj(wire(resource));
      const book = api.book(m, spreadsheetId, true);
      const requests = Array.isArray(body.requests) ? body.requests : [];
      // Checked first: the API applies all the requests or none.
      const plan = requests.map((q, i) => {
        const req = obj(q);
        const kind = Object.keys(req)[0];
        if (kind === 'createDeveloperMetadata') return { kind, r: obj(req[kind]), sheet: null, meta: plannedMetadata(api, m, book, obj(req[kind]), i) };
        if (kind === 'deleteDeveloperMetadata') return { kind, r: obj(req[kind]), sheet: null, lookup: plannedLookup(api, m, obj(req[kind]), i) };
        if (kind !== 'repeatCell' && kind !== 'updateSheetProperties') {
          return api.fail(m, `Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': Cannot find field.`);
        }
        const r = obj(req[kind]);
        const sheetId = kind === 'repeatCell' ? obj(r.range).sheetId : obj(r.properties).sheetId;
        const sheet = book.sheets.find((s) => s.id === (typeof sheetId === 'number' ? sheetId : 0));
        if (!sheet) return api.fail(m, `Invalid requests[${i}].${kind}: No grid with id: ${String(sheetId ?? 0)}`);
        return { kind, r, sheet };
      });
      const replies: Json[] = [];
      for (const step of plan) {
        const { kind, r, sheet } = step;
        if ('meta' in step && step.meta) {
          const md: MetadataJson = { ...step.meta, id: nextSeq(book) };
          book.metadata.push(md);
          replies.push({ createDeveloperMetadata: { developerMetadata: metadataResource(md) } });
          continue;
        }
        if ('lookup' in step && step.lookup) {
          const match = step.lookup;
          const gone = book.metadata.filter(match);
          book.metadata = book.metadata.filter((x) => !match(x));
          replies.push({ deleteDeveloperMetadata: { deletedDeveloperMetadata: gone.map(metadataResource) } });
          continue;
        }
        replies.push({});
        if (!sheet) continue;
        if (kind === 'updateSheetProperties') {
          const grid = obj(obj(r.properties).gridProperties);
          if (typeof grid.frozenRowCount === 'number') sheet.frozenRows = grid.frozenRowCount;
          continue;
        }
        const range = obj(r.range);
        const num = (v: Json | undefined, d: number) => (typeof v === 'number' ? v : d);
        const rect: Rect = { r: num(range.startRowIndex, 0) + 1, c: num(range.startColumnIndex, 0) + 1, nr: 0, nc: 0 };
        rect.nr = num(range.endRowIndex, sheet.maxRows) - rect.r + 1;
        rect.nc = num(range.endColumnIndex, sheet.maxCols) - rect.c + 1;
        const fmt = obj(obj(r.cell).userEnteredFormat);
        const nf = obj(fmt.numberFormat);
        const pattern = typeof nf.pattern === 'string' ? nf.pattern : null;
        const bold = obj(fmt.textFormat).bold;
        for (let y = rect.r; y < rect.r + rect.nr; y++) {
          for (let x = rect.c; x < rect.c + rect.nc; x++) {
            if (pattern !== null) setLayer(sheet, 'nf', y, x, pattern);
            if (typeof bold === 'boolean') setLayer(sheet, 'fw', y, x, bold ? 'bold' : null);
          }
        }
      }
      nextSeq(book);
      api.rec('Spreadsheets.batchUpdate', 'spreadsheetWrite');
      return realm({ spreadsheetId: book.id, replies });
    },
    Values,
  };
  return { Spreadsheets, toString: () => 'AdvancedServiceIdentifier{name=sheets, version=v4}' };
}

function insertRowsAt(sheet: SheetJson, at: number, n: number): void {
  const cells = sheet.cells;
  if (cells.length >= at) cells.splice(at - 1, 0, ...new Array<null>(n).fill(null));
  sheet.maxRows += n;
}

/** Plain JSON rebuilt in the script's realm (arrays pass `instanceof Array` there). */
function toScript(ctx: ServiceContext, v: Json): unknown {
  if (Array.isArray(v)) return scriptArray(ctx, v.map((x) => toScript(ctx, x)));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toScript(ctx, x);
    return out;
  }
  return v;
}

export const sheetsApiService: ServiceModule = {
  name: 'sheets-api',
  install: (ctx) => {
    const entry = enabledEntry(ctx);
    if (!entry) return {};
    return { [entry.userSymbol || 'Sheets']: createSheetsApi(ctx) };
  },
};

/** The API's DeveloperMetadata resource of a stored entry. */
function metadataResource(md: MetadataJson): Json {
  const loc = md.loc;
  const location: { [k: string]: Json } =
    loc.type === 'SPREADSHEET'
      ? { locationType: 'SPREADSHEET', spreadsheet: true }
      : loc.type === 'SHEET'
        ? { locationType: 'SHEET', sheetId: loc.sheetId }
        : { locationType: loc.type, dimensionRange: { sheetId: loc.sheetId, dimension: loc.type === 'ROW' ? 'ROWS' : 'COLUMNS', startIndex: loc.index - 1, endIndex: loc.index } };
  const out: { [k: string]: Json } = { metadataId: md.id, metadataKey: md.key, location, visibility: md.visibility };
  if (md.value !== null) out.metadataValue = md.value;
  return out;
}

type JsonObject = { [k: string]: Json };

/**
 * A createDeveloperMetadata request, checked before anything is applied: a key, a visibility, and
 * one location (the spreadsheet, a sheet, or a dimensionRange of exactly one row or column).
 */
function plannedMetadata(api: SheetsApi, m: string, book: BookJson, r: JsonObject, i: number): Omit<MetadataJson, 'id'> {
  const at = `Invalid requests[${i}].createDeveloperMetadata`;
  const md = (r.developerMetadata && typeof r.developerMetadata === 'object' && !Array.isArray(r.developerMetadata) ? r.developerMetadata : {}) as JsonObject;
  if (typeof md.metadataKey !== 'string' || !md.metadataKey) return api.fail(m, `${at}: A metadata key is required.`);
  if (md.visibility !== 'DOCUMENT' && md.visibility !== 'PROJECT') return api.fail(m, `${at}: Developer metadata visibility must be specified.`);
  const l = (md.location && typeof md.location === 'object' && !Array.isArray(md.location) ? md.location : {}) as JsonObject;
  const sheetOf = (id: Json | undefined) => {
    const sheet = book.sheets.find((s) => s.id === (typeof id === 'number' ? id : 0));
    if (!sheet) return api.fail(m, `${at}: No grid with id: ${String(id ?? 0)}`);
    return sheet;
  };
  let loc: MetaLocation;
  if (l.spreadsheet === true) loc = { type: 'SPREADSHEET' };
  else if (l.dimensionRange && typeof l.dimensionRange === 'object' && !Array.isArray(l.dimensionRange)) {
    const d = l.dimensionRange as JsonObject;
    const sheet = sheetOf(d.sheetId);
    const start = typeof d.startIndex === 'number' ? d.startIndex : -1;
    const end = typeof d.endIndex === 'number' ? d.endIndex : -1;
    const rows = d.dimension === 'ROWS';
    if (!rows && d.dimension !== 'COLUMNS') return api.fail(m, `${at}: A dimension (ROWS or COLUMNS) is required.`);
    if (start < 0 || end !== start + 1 || end > (rows ? sheet.maxRows : sheet.maxCols)) {
      return api.fail(m, `${at}: Developer metadata may only be associated with a single row or column.`);
    }
    loc = { type: rows ? 'ROW' : 'COLUMN', sheetId: sheet.id, index: start + 1 };
  } else if (l.sheetId !== undefined) loc = { type: 'SHEET', sheetId: sheetOf(l.sheetId).id };
  else return api.fail(m, `${at}: A metadata location is required.`);
  return { key: md.metadataKey, value: typeof md.metadataValue === 'string' ? md.metadataValue : null, visibility: md.visibility, loc };
}

/** A deleteDeveloperMetadata request's filter: a developerMetadataLookup by key, value, id or location type. */
function plannedLookup(api: SheetsApi, m: string, r: JsonObject, i: number): (md: MetadataJson) => boolean {
  const f = (r.dataFilter && typeof r.dataFilter === 'object' && !Array.isArray(r.dataFilter) ? r.dataFilter : {}) as JsonObject;
  const l = f.developerMetadataLookup;
  if (!l || typeof l !== 'object' || Array.isArray(l)) return api.fail(m, `Invalid requests[${i}].deleteDeveloperMetadata: A developerMetadataLookup data filter is required.`);
  const { metadataKey: key, metadataValue: value, metadataId: id, locationType: type } = l as JsonObject;
  if (key === undefined && value === undefined && id === undefined && type === undefined) {
    return api.fail(m, `Invalid requests[${i}].deleteDeveloperMetadata: The data filter must select developer metadata.`);
  }
  return (md) =>
    (key === undefined || md.key === key) &&
    (value === undefined || md.value === value) &&
    (id === undefined || md.id === id) &&
    (type === undefined || md.loc.type === (type === 'ROW' || type === 'COLUMN' || type === 'SHEET' || type === 'SPREADSHEET' ? type : ''));
}
