/**
 * Formulas that compute. The formula engine is fast-formula-parser (MIT): it parses Sheets/Excel
 * formula syntax and evaluates its built-in functions; functions it lacks (MAX, MIN, COUNTA,
 * MATCH, UPPER, SUMIFS, TEXTJOIN, ...) come from @formulajs/formulajs (MIT). The sandbox adds what
 * Sheets has and both lack (HYPERLINK, JOIN, REGEXMATCH, ...), TODAY/NOW on the sandbox clock, and
 * Sheets' semantics: booleans TRUE/FALSE, dates as serial numbers (1899-12-30 epoch in the
 * workbook's time zone), errors as '#N/A'-style strings, cross-sheet references and named ranges.
 *
 * Every formula cell keeps its last value in `v`: `recalc` recomputes all of them after each
 * write (cheaply skipped for workbooks without formulas), so a formula follows the cells it reads.
 */
import FormulaParser, { FormulaError, FunctionArg } from 'fast-formula-parser';
import * as formulajs from '@formulajs/formulajs';
import { Infix } from 'fast-formula-parser/formulas/operators';
import type { Cell, Scalar } from './cell';
import type { BookJson, SheetJson } from './model';
import { findSheet, findSheetByName, lastColumn, lastRow } from './model';
import { msToSerial, serialToMs } from './format';

/** Functions whose result Sheets shows as a date (it gives the cell a date format). */
const DATE_RESULT = /^=\s*(DATE|TODAY|NOW|EDATE|EOMONTH|WORKDAY|WORKDAY\.INTL|DATEVALUE)\s*\(/i;
/** A formula that only references one cell (=A1, ='Tab'!B2): it takes that cell's value as is. */
const SINGLE_REF = /^=\s*(?:('(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?([A-Za-z]{1,3})\$?(\d+)\s*$/;

type EngineValue = unknown;

function isFormula(cell: Cell | undefined): cell is { $f: string; v?: Scalar | null } {
  return cell !== null && cell !== undefined && typeof cell === 'object' && '$f' in cell;
}

const hasFormulas = new WeakMap<BookJson, boolean>();

function scan(book: BookJson): boolean {
  for (const s of book.sheets) {
    for (const row of s.cells) {
      if (!row) continue;
      for (const c of row) if (isFormula(c)) return true;
    }
  }
  return false;
}

function toFormulaError(message: string): FormulaError {
  const known: Record<string, FormulaError> = {
    '#DIV/0!': FormulaError.DIV0,
    '#N/A': FormulaError.NA,
    '#NAME?': FormulaError.NAME,
    '#NULL!': FormulaError.NULL,
    '#NUM!': FormulaError.NUM,
    '#REF!': FormulaError.REF,
    '#VALUE!': FormulaError.VALUE,
  };
  return known[message] ?? new FormulaError(message);
}

function plain(v: unknown): unknown {
  if (v instanceof FormulaError) return new Error(v.toString());
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/** A formulajs function adapted to the engine's argument objects and error values. */
function fromFormulajs(fn: (...a: unknown[]) => unknown): (...args: FunctionArg[]) => unknown {
  return (...args: FunctionArg[]) => {
    for (const a of args) if (a.value instanceof FormulaError) return a.value;
    const res = fn(...args.map((a) => (a.omitted ? undefined : plain(a.value))));
    if (res instanceof Error) return toFormulaError(res.message);
    return res;
  };
}

function text(a: FunctionArg | undefined): string {
  const v = a?.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function flat(a: FunctionArg): unknown[] {
  return Array.isArray(a.value) ? (a.value as unknown[]).flat(Infinity as 1) : [a.value];
}

/** Sheets functions neither package has. */
function sheetsFunctions(now: () => number, tz: () => string): Record<string, (...args: FunctionArg[]) => unknown> {
  return {
    HYPERLINK: (url, label) => (label && !label.omitted ? label.value : url?.value) ?? '',
    TODAY: () => Math.floor(msToSerial(now(), tz())),
    NOW: () => msToSerial(now(), tz()),
    JOIN: (sep, ...parts) => parts.flatMap(flat).map((v) => text({ value: v })).join(text(sep)),
    REGEXMATCH: (t, re) => new RegExp(text(re)).test(text(t)),
    REGEXEXTRACT: (t, re) => {
      const m = new RegExp(text(re)).exec(text(t));
      if (!m) return FormulaError.NA;
      return m[1] ?? m[0];
    },
    REGEXREPLACE: (t, re, rep) => text(t).replace(new RegExp(text(re), 'g'), text(rep).replace(/\\(\d)/g, '$$$1')),
    ISEMAIL: (t) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text(t)),
    ISURL: (t) => /^(https?:\/\/)?[^\s/]+\.[^\s]+$/i.test(text(t)),
  };
}

interface Frame {
  book: BookJson;
  now: number;
  memo: Map<string, EngineValue>;
  busy: Set<string>;
}

let frame: Frame | undefined;
let parser: FormulaParser | undefined;

function cur(): Frame {
  if (!frame) throw new Error('formula evaluated outside recalc');
  return frame;
}

function sheetNamed(name: string): SheetJson | undefined {
  return findSheetByName(cur().book, name);
}

/** A stored cell as the engine sees it (dates as serials; formula cells evaluated first). */
function engineValue(sheet: SheetJson, r: number, c: number): EngineValue {
  const row = sheet.cells[r - 1];
  const cell = row ? row[c - 1] : null;
  if (cell === null || cell === undefined) return null;
  if (isFormula(cell)) return evaluate(sheet, r, c, cell.$f);
  if (typeof cell === 'object') return msToSerial(cell.$d, cur().book.timeZone);
  return cell;
}

/**
 * Sheets compares text without case (="a"="A" is TRUE) and a blank cell equals "" as well as 0;
 * the engine compares with ===, so its comparison operator is wrapped once.
 */
function sheetsComparisons(): void {
  const original = Infix.compareOp;
  Infix.compareOp = (a, op, b, isArray1, isArray2) => {
    let v1 = isArray1 ? (a as unknown[][])[0][0] : a;
    let v2 = isArray2 ? (b as unknown[][])[0][0] : b;
    if (v1 === null || v1 === undefined) v1 = typeof v2 === 'string' ? '' : v1;
    if (v2 === null || v2 === undefined) v2 = typeof v1 === 'string' ? '' : v2;
    if (typeof v1 === 'string' && typeof v2 === 'string') {
      v1 = v1.toLowerCase();
      v2 = v2.toLowerCase();
    }
    return original(v1, op, v2, false, false);
  };
}

function engine(): FormulaParser {
  if (parser) return parser;
  sheetsComparisons();
  const p = new FormulaParser({
    onCell: ({ sheet, row, col }) => {
      const s = sheetNamed(sheet);
      if (!s) return FormulaError.REF;
      if (row > s.maxRows || col > s.maxCols) return FormulaError.REF;
      return engineValue(s, row, col);
    },
    onRange: ({ sheet, from, to }) => {
      const s = sheetNamed(sheet);
      if (!s) throw FormulaError.REF;
      // Whole columns/rows (A:A, 1:1) stop at the used part of the sheet.
      const r2 = Math.min(to.row, s.maxRows, Math.max(lastRow(s), from.row));
      const c2 = Math.min(to.col, s.maxCols, Math.max(lastColumn(s), from.col));
      const out: EngineValue[][] = [];
      for (let r = from.row; r <= r2; r++) {
        const line: EngineValue[] = [];
        for (let c = from.col; c <= c2; c++) line.push(engineValue(s, r, c));
        out.push(line);
      }
      return out;
    },
    onVariable: (name) => {
      const nr = (cur().book.namedRanges ?? []).find((n) => n.name.toLowerCase() === name.toLowerCase());
      if (!nr) return null;
      const s = findSheet(cur().book, nr.sheetId);
      if (!s) return null;
      const { r, c, nr: h, nc: w } = nr.rect;
      if (h === 1 && w === 1) return { sheet: s.name, row: r, col: c };
      return { sheet: s.name, from: { row: r, col: c }, to: { row: r + h - 1, col: c + w - 1 } };
    },
  });
  const special = new Set([...p.funsNeedContext, ...p.funsNeedContextAndNoDataRetrieve, ...p.funsPreserveRef]);
  for (const [name, fn] of Object.entries(formulajs)) {
    if (typeof fn !== 'function' || special.has(name) || !/^[A-Z][A-Z0-9.]*$/.test(name)) continue;
    const builtin = p.functions[name];
    const fallback = fromFormulajs(fn as (...a: unknown[]) => unknown);
    p.functions[name] = builtin
      ? (...args: FunctionArg[]) => {
          const r = builtin(...args);
          return r === undefined ? fallback(...args) : r;
        }
      : fallback;
  }
  Object.assign(
    p.functions,
    sheetsFunctions(
      () => cur().now,
      () => cur().book.timeZone,
    ),
  );
  parser = p;
  return p;
}

function firstOf(v: EngineValue): EngineValue {
  let x = v;
  while (Array.isArray(x)) x = x.length ? (x[0] as EngineValue) : null;
  return x;
}

/** Sheets: "Unresolved sheet name 'X'." (#REF!) for a reference to a tab that does not exist. */
function unknownSheet(formula: string): boolean {
  if (!formula.includes('!')) return false;
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  for (const m of code.matchAll(/(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!/g)) {
    const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    if (!sheetNamed(name)) return true;
  }
  return false;
}

function evaluate(sheet: SheetJson, r: number, c: number, formula: string): EngineValue {
  const f = cur();
  const key = `${sheet.id}:${r}:${c}`;
  if (f.memo.has(key)) return f.memo.get(key);
  // Sheets: "Circular dependency detected. To resolve with iterative calculation, see File > Settings." (#REF!)
  if (f.busy.has(key)) return FormulaError.REF;
  f.busy.add(key);
  let v: EngineValue;
  try {
    if (unknownSheet(formula)) throw FormulaError.REF;
    v = firstOf(engine().parse(formula.replace(/^=/, ''), { sheet: sheet.name, row: r, col: c }, true));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof FormulaError && /is not implemented/.test(msg)) v = FormulaError.NAME;
    else if (e instanceof FormulaError && e.toString() !== '#ERROR!') v = e;
    else v = new FormulaError('#ERROR!');
  }
  f.busy.delete(key);
  f.memo.set(key, v);
  return v;
}

/** The stored value of a computed result, as getValue will return it. */
function toScalar(book: BookJson, sheet: SheetJson, formula: string, v: EngineValue): Scalar | null {
  if (v instanceof FormulaError) return v.toString();
  if (v instanceof Error) return '#ERROR!';
  if (v === null || v === undefined) {
    // =A1 of a blank cell is blank; so is a function returning nothing.
    return null;
  }
  if (typeof v === 'number') {
    if (!isFinite(v)) return '#NUM!';
    if (DATE_RESULT.test(formula)) return { $d: serialToMs(v, book.timeZone) };
    const m = SINGLE_REF.exec(formula);
    if (m) {
      const name = m[1] ? m[1].replace(/^'|'$/g, '').replace(/''/g, "'") : sheet.name;
      const target = findSheetByName(book, name);
      const raw = target?.cells[Number(m[3]) - 1]?.[colIndex(m[2]) - 1];
      if (raw && typeof raw === 'object' && '$d' in raw) return { $d: raw.$d };
    }
    return v;
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Recomputes every formula cell of the workbook. `written`: the cells just written, so a workbook
 * known to hold no formula is skipped when none of them is one.
 */
export function recalc(book: BookJson, now: number, written?: Cell[][]): void {
  const known = hasFormulas.get(book);
  if (known === false && written && !written.some((row) => row.some(isFormula))) return;
  if (known === false && !written) {
    /* a structural change: nothing to recompute without formulas */
    return;
  }
  if (known === undefined && !scan(book)) {
    hasFormulas.set(book, false);
    if (!written || !written.some((row) => row.some(isFormula))) return;
  }
  const outer = frame;
  frame = { book, now, memo: new Map(), busy: new Set() };
  let any = false;
  try {
    for (const s of book.sheets) {
      for (let i = 0; i < s.cells.length; i++) {
        const row = s.cells[i];
        if (!row) continue;
        for (let j = 0; j < row.length; j++) {
          const cell = row[j];
          if (!isFormula(cell)) continue;
          any = true;
          const v = toScalar(book, s, cell.$f, evaluate(s, i + 1, j + 1, cell.$f));
          if (v === null) delete cell.v;
          else cell.v = v;
        }
      }
    }
  } finally {
    frame = outer;
  }
  hasFormulas.set(book, any);
}

/** Marks a workbook as possibly holding formulas (after a bulk change recalc did not see). */
export function forgetFormulaScan(book: BookJson): void {
  hasFormulas.delete(book);
}

// ---------------------------------------------------------------- references follow structure edits

/** A reference with an optional sheet prefix: A1, $A$1, A1:B2, A:C, 2:5 (not a function name such as LOG10( ). */
const REF_RE = /(?<![\w.$])((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)(?![\w(!])/g;

function prefixName(prefix: string | undefined): string | undefined {
  if (!prefix) return undefined;
  const p = prefix.slice(0, -1);
  return p.startsWith("'") ? p.slice(1, -1).replace(/''/g, "'") : p;
}

/** Applies `fn` to the parts of a formula outside string literals. */
function outsideStrings(formula: string, fn: (code: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 ? part : fn(part)))
    .join('');
}

function colLetters(c: number): string {
  let s = '';
  while (c > 0) {
    const m = (c - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    c = Math.floor((c - 1) / 26);
  }
  return s;
}

/**
 * Rewrites the references of one formula for rows/columns inserted or deleted on sheet `target`
 * (`host`: the sheet holding the formula), as Sheets does: references after the change move,
 * ranges grow or shrink, a reference to a deleted cell becomes #REF!.
 */
export function shiftFormula(formula: string, host: string, target: string, dim: 'row' | 'col', at: number, n: number, insert: boolean): string {
  const last = at + n - 1;
  const gone = (x: number) => !insert && x >= at && x <= last;
  const move = (x: number) => (insert ? (x >= at ? x + n : x) : x > last ? x - n : x);
  return outsideStrings(formula, (code) =>
    code.replace(REF_RE, (whole: string, prefix: string | undefined, ref: string) => {
      const sheet = prefixName(prefix) ?? host;
      if (sheet.toLowerCase() !== target.toLowerCase()) return whole;
      const ends = ref.split(':').map((e) => /^(\$?)([A-Za-z]*)(\$?)(\d*)$/.exec(e) as RegExpExecArray);
      const coord = (m: RegExpExecArray) => (dim === 'row' ? (m[4] ? Number(m[4]) : undefined) : m[2] ? lettersToIndex(m[2]) : undefined);
      const coords = ends.map(coord);
      if (coords.some((x) => x === undefined)) return whole; // whole columns under a row change, and the like
      const xs = coords as number[];
      let next: number[];
      if (xs.length === 1) {
        if (gone(xs[0])) return '#REF!';
        next = [move(xs[0])];
      } else {
        const [a, b] = [Math.min(xs[0], xs[1]), Math.max(xs[0], xs[1])];
        if (gone(a) && gone(b)) return '#REF!';
        next = [gone(a) ? at : move(a), gone(b) ? at - 1 : move(b)];
      }
      const out = ends.map((m, i) =>
        dim === 'row' ? `${m[1]}${m[2]}${m[3]}${next[i]}` : `${m[1]}${colLetters(next[i])}${m[3]}${m[4]}`,
      );
      return `${prefix ?? ''}${out.join(':')}`;
    }),
  );
}

function lettersToIndex(letters: string): number {
  return colIndex(letters);
}

/** After rows/columns were inserted or deleted on `target`: every formula's references follow. */
export function shiftFormulaRefs(book: BookJson, target: SheetJson, dim: 'row' | 'col', at: number, n: number, insert: boolean): void {
  if (hasFormulas.get(book) === false) return;
  for (const s of book.sheets) {
    for (const row of s.cells) {
      if (!row) continue;
      for (const cell of row) {
        if (isFormula(cell)) cell.$f = shiftFormula(cell.$f, s.name, target.name, dim, at, n, insert);
      }
    }
  }
}

/** After a sheet was renamed: references that name it use the new name. */
export function renameFormulaRefs(book: BookJson, from: string, to: string): void {
  if (hasFormulas.get(book) === false) return;
  const quoted = /^[A-Za-z_][A-Za-z0-9_]*$/.test(to) && !/^[A-Za-z]{1,3}\d+$/.test(to) ? to : `'${to.replace(/'/g, "''")}'`;
  for (const s of book.sheets) {
    for (const row of s.cells) {
      if (!row) continue;
      for (const cell of row) {
        if (!isFormula(cell) || !cell.$f.includes('!')) continue;
        cell.$f = outsideStrings(cell.$f, (code) =>
          code.replace(/(?<![\w.$])('(?:[^']|'')+'|[A-Za-z_][\w.]*)!/g, (whole: string, name: string) =>
            prefixName(`${name}!`)?.toLowerCase() === from.toLowerCase() ? `${quoted}!` : whole,
          ),
        );
      }
    }
  }
}
