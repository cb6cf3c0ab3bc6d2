/**
 * The Docs advanced service (Google Docs API v1 through Apps Script's `Docs` global), on top of the
 * sandbox's document model (document-model.ts), so a Doc built through the API is the same Doc
 * DocumentApp reads, Drive exports to PDF and the workbench shows.
 *
 * Installed only when the manifest enables it, as Apps Script does:
 *   "dependencies": {"enabledAdvancedServices": [{"userSymbol": "Docs", "serviceId": "docs", "version": "v1"}]}
 * Without that, `Docs` is not defined (ReferenceError). The global's name is the userSymbol.
 *
 * Methods: Documents.create(resource), Documents.get(documentId), Documents.batchUpdate(resource,
 * documentId). Requests batchUpdate applies (each as the API reference describes it): insertText,
 * insertTable, updateParagraphStyle, updateTextStyle, createParagraphBullets, updateTableCellStyle,
 * updateTableColumnProperties, updateDocumentStyle. Any other request kind fails as unsupported
 * (see sandbox/README.md). Indexes are the API's: UTF-16 code units in the body segment, the body
 * starting with a section break at 0 (its first paragraph at 1), each paragraph ending in "\n", a
 * table taking one index, each row one and each cell one before its content. A batch is atomic:
 * when one request fails, none is applied, and the error names the request as Google's does
 * ("Invalid requests[3].insertText: ...").
 */
import type { ServiceContext, ServiceModule } from '../service';
import type { BlockNode, CharStyle, DocModel, InlineNode, ListItemNode, ParagraphNode, ParaAttrs, TableCellNode, TableNode } from './document-model';
import { createGoogleFile, driveItem, GOOGLE_DOC_MIME } from './drive';
import { getDocumentModel, newDocModel, putDocumentModel } from './document';

const SVC = 'Docs';

interface Manifest {
  dependencies?: { enabledAdvancedServices?: Array<{ userSymbol?: string; serviceId?: string; version?: string }> };
}

/** The userSymbol under which the manifest enables the Docs API v1 (undefined when it does not). */
export function docsSymbol(manifest: unknown): string | undefined {
  const list = (manifest as Manifest)?.dependencies?.enabledAdvancedServices ?? [];
  const entry = list.find((s) => s.serviceId === 'docs' && (s.version ?? 'v1') === 'v1');
  return entry ? entry.userSymbol || 'Docs' : undefined;
}

// ---------------------------------------------------------------------------------------------
// Errors

/** A request that Google refuses with 400: thrown inside a batch, reported with its index. */
class RequestError extends Error {}

function apiFail(ctx: ServiceContext, method: string, message: string): never {
  return ctx.fail(`API call to docs.documents.${method} failed with error: ${message}`, 'GoogleJsonResponseException');
}

// ---------------------------------------------------------------------------------------------
// Index layout of the body

type Para = ParagraphNode | ListItemNode;

/** One character position of a paragraph: a text character with its style, or an inline element. */
type Unit = { ch: string; s?: CharStyle } | { node: Exclude<InlineNode, { type: 'TEXT' }> };

interface ParaSpan {
  kind: 'para';
  /** Its position in Layout.spans. */
  pos: number;
  node: Para;
  /** The array holding the node (the body's or a cell's children). */
  parent: BlockNode[];
  start: number;
  end: number;
}
interface CellSpan {
  node: TableCellNode;
  row: number;
  col: number;
}
interface TableSpan {
  kind: 'table';
  node: TableNode;
  parent: BlockNode[];
  start: number;
  end: number;
  cells: CellSpan[];
}
type Span = ParaSpan | TableSpan;

const inlineLength = (n: InlineNode): number => (n.type === 'TEXT' ? n.runs.reduce((k, r) => k + r.t.length, 0) : 1);
const paraLength = (p: Para): number => p.children.reduce((k, c) => k + inlineLength(c), 0) + 1;

/** Lays out blocks from `start`; pushes every paragraph and table (cells' paragraphs included). */
function layout(blocks: BlockNode[], start: number, out: Span[]): number {
  let i = start;
  for (const b of blocks) {
    if (b.type === 'TABLE') {
      const span: TableSpan = { kind: 'table', node: b, parent: blocks, start: i, end: 0, cells: [] };
      out.push(span);
      i += 1;
      b.rows.forEach((row, r) => {
        i += 1;
        row.cells.forEach((cell, c) => {
          i += 1;
          i = layout(cell.children, i, out);
          span.cells.push({ node: cell, row: r, col: c });
        });
      });
      span.end = i;
    } else {
      const len = paraLength(b);
      out.push({ kind: 'para', pos: out.length, node: b, parent: blocks, start: i, end: i + len });
      i += len;
    }
  }
  return i;
}

class Layout {
  readonly spans: Span[] = [];
  /** The paragraph spans alone, in document order (sorted by start). */
  readonly paras: ParaSpan[];
  end: number;
  constructor(readonly doc: DocModel) {
    // Index 0 is the body's section break.
    this.end = layout(doc.body.children, 1, this.spans);
    this.paras = this.spans.filter((s): s is ParaSpan => s.kind === 'para');
  }
  /** The paragraph whose range [start, end) holds `index` (undefined at a table's, row's or cell's own index). */
  paraAt(index: number): ParaSpan | undefined {
    let lo = 0;
    let hi = this.paras.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.paras[mid];
      if (index < s.start) hi = mid - 1;
      else if (index >= s.end) lo = mid + 1;
      else return s;
    }
    return undefined;
  }
  tableAt(index: number): TableSpan | undefined {
    for (const s of this.spans) if (s.kind === 'table' && s.start === index) return s;
    return undefined;
  }
  parasIn(start: number, end: number): ParaSpan[] {
    return this.paras.filter((s) => s.start < end && s.end > start);
  }
  /**
   * Moves every index after `index` by `by`: text of that length went into `span` at `index`, no
   * new paragraph. Spans after it move; of those before it, only the tables around it grow.
   */
  shift(span: ParaSpan, index: number, by: number): void {
    span.end += by;
    for (let k = span.pos + 1; k < this.spans.length; k++) {
      const s = this.spans[k];
      s.start += by;
      s.end += by;
    }
    for (let k = span.pos - 1; k >= 0; k--) {
      const s = this.spans[k];
      if (s.kind === 'table' && s.end > index) s.end += by;
    }
    this.end += by;
  }
}

function toUnits(p: Para): Unit[] {
  const out: Unit[] = [];
  for (const c of p.children) {
    if (c.type === 'TEXT') {
      for (const r of c.runs) for (const ch of r.t.split('')) out.push(r.s ? { ch, s: r.s } : { ch });
    } else out.push({ node: c });
  }
  return out;
}

const sameStyle = (a?: CharStyle, b?: CharStyle): boolean => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

function fromUnits(units: Unit[]): InlineNode[] {
  const out: InlineNode[] = [];
  for (const u of units) {
    if ('node' in u) {
      out.push(u.node);
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.type === 'TEXT') {
      const run = last.runs[last.runs.length - 1];
      if (run && sameStyle(run.s, u.s)) run.t += u.ch;
      else last.runs.push(u.s ? { t: u.ch, s: { ...u.s } } : { t: u.ch });
    } else out.push({ type: 'TEXT', runs: [u.s ? { t: u.ch, s: { ...u.s } } : { t: u.ch }] });
  }
  return out;
}

/** A new paragraph with the same paragraph style (and list membership) as `p`. */
function sibling(p: Para): Para {
  const copy = JSON.parse(JSON.stringify({ ...p, children: [] })) as Para;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Style conversions

type Json = Record<string, unknown>;
const HEADINGS: Record<string, string> = {
  NORMAL_TEXT: 'NORMAL', TITLE: 'TITLE', SUBTITLE: 'SUBTITLE',
  HEADING_1: 'HEADING1', HEADING_2: 'HEADING2', HEADING_3: 'HEADING3', HEADING_4: 'HEADING4', HEADING_5: 'HEADING5', HEADING_6: 'HEADING6',
};
const ALIGN: Record<string, string> = { START: 'LEFT', CENTER: 'CENTER', END: 'RIGHT', JUSTIFIED: 'JUSTIFY' };
const ALIGN_BACK: Record<string, string> = { LEFT: 'START', CENTER: 'CENTER', RIGHT: 'END', JUSTIFY: 'JUSTIFIED' };

function fieldList(req: Json): string[] {
  const f = typeof req.fields === 'string' ? req.fields : '';
  const list = f.split(',').map((x) => x.trim()).filter(Boolean);
  if (!list.length) throw new RequestError("At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)");
  return list;
}

/** A Dimension in points (the API's only unit); undefined when absent. */
function points(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const d = v as { magnitude?: unknown; unit?: unknown };
  if (d.unit !== undefined && d.unit !== 'PT') throw new RequestError(`Invalid value for ${what}.unit: ${String(d.unit)}. Only PT is supported.`);
  const m = Number(d.magnitude ?? 0);
  if (!Number.isFinite(m)) throw new RequestError(`Invalid value for ${what}.magnitude.`);
  return m;
}

/** An OptionalColor's rgbColor (0..1 floats) as '#rrggbb'; undefined when absent or transparent. */
function hexColor(v: unknown): string | undefined {
  const rgb = (v as { color?: { rgbColor?: { red?: number; green?: number; blue?: number } } })?.color?.rgbColor;
  if (!rgb) return undefined;
  const h = (x: number | undefined) => Math.round(Math.max(0, Math.min(1, Number(x ?? 0))) * 255).toString(16).padStart(2, '0');
  return `#${h(rgb.red)}${h(rgb.green)}${h(rgb.blue)}`;
}
function rgbOf(hex: string): Json {
  const n = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { color: { rgbColor: { red: n(1), green: n(3), blue: n(5) } } };
}

const TEXT_FIELDS = ['bold', 'italic', 'underline', 'strikethrough', 'fontSize', 'weightedFontFamily', 'foregroundColor', 'backgroundColor', 'link'];
const PARA_FIELDS = ['namedStyleType', 'alignment', 'indentStart', 'indentFirstLine', 'indentEnd', 'spaceAbove', 'spaceBelow', 'lineSpacing'];

function expand(fields: string[], known: string[], what: string): string[] {
  if (fields.includes('*')) return known;
  for (const f of fields) if (!known.includes(f)) throw new RequestError(`Invalid field: ${f} (${what} fields supported by the sandbox: ${known.join(', ')}).`);
  return fields;
}

function patchText(s: CharStyle | undefined, style: Json, fields: string[]): CharStyle | undefined {
  const out: CharStyle = { ...(s ?? {}) };
  const flag = (key: 'b' | 'i' | 'u' | 's', v: unknown) => {
    if (v === true) out[key] = true;
    else delete out[key];
  };
  for (const f of fields) {
    if (f === 'bold') flag('b', style.bold);
    else if (f === 'italic') flag('i', style.italic);
    else if (f === 'underline') flag('u', style.underline);
    else if (f === 'strikethrough') flag('s', style.strikethrough);
    else if (f === 'fontSize') {
      const pt = points(style.fontSize, 'fontSize');
      if (pt === undefined) delete out.size;
      else out.size = pt;
    } else if (f === 'weightedFontFamily') {
      const fam = (style.weightedFontFamily as { fontFamily?: string } | undefined)?.fontFamily;
      if (fam) out.font = fam;
      else delete out.font;
    } else if (f === 'foregroundColor') {
      const c = hexColor(style.foregroundColor);
      if (c) out.color = c;
      else delete out.color;
    } else if (f === 'backgroundColor') {
      const c = hexColor(style.backgroundColor);
      if (c) out.bg = c;
      else delete out.bg;
    } else if (f === 'link') {
      const url = (style.link as { url?: string } | undefined)?.url;
      if (url) out.link = url;
      else delete out.link;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function patchPara(p: Para, style: Json, fields: string[]): void {
  const a: ParaAttrs = p.attrs;
  const dim = (key: keyof ParaAttrs, name: string) => {
    const v = points(style[name], name);
    if (v === undefined) delete a[key];
    else (a as Record<string, number>)[key] = v;
  };
  for (const f of fields) {
    if (f === 'namedStyleType') {
      const v = String(style.namedStyleType ?? 'NORMAL_TEXT');
      if (!HEADINGS[v]) throw new RequestError(`Invalid value at 'requests.paragraph_style.named_style_type', "${v}"`);
      p.heading = HEADINGS[v];
    } else if (f === 'alignment') {
      const v = style.alignment === undefined ? undefined : String(style.alignment);
      if (v === undefined) delete a.align;
      else if (!ALIGN[v]) throw new RequestError(`Invalid value at 'requests.paragraph_style.alignment', "${v}"`);
      else a.align = ALIGN[v];
    } else if (f === 'indentStart') dim('indentStart', 'indentStart');
    else if (f === 'indentFirstLine') dim('indentFirstLine', 'indentFirstLine');
    else if (f === 'indentEnd') dim('indentEnd', 'indentEnd');
    else if (f === 'spaceAbove') dim('spaceBefore', 'spaceAbove');
    else if (f === 'spaceBelow') dim('spaceAfter', 'spaceBelow');
    else if (f === 'lineSpacing') {
      // The API's line spacing is a percentage (100 = single); DocumentApp's is a multiple.
      if (style.lineSpacing === undefined) delete a.lineSpacing;
      else a.lineSpacing = Number(style.lineSpacing) / 100;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The requests

interface Range {
  start: number;
  end: number;
}

function segmentOf(v: Json | undefined, what: string): void {
  const seg = v?.segmentId;
  if (seg !== undefined && seg !== '') throw new RequestError(`${what}.segmentId "${String(seg)}": headers, footers and footnotes are not modelled by the sandbox (only the body segment).`);
}

function rangeOf(v: unknown, lay: Layout): Range {
  const r = v as { startIndex?: unknown; endIndex?: unknown; segmentId?: unknown } | undefined;
  if (!r || r.startIndex === undefined || r.endIndex === undefined) throw new RequestError('The range must have a start index and an end index.');
  segmentOf(r as Json, 'range');
  const start = Number(r.startIndex);
  const end = Number(r.endIndex);
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new RequestError('Range indexes must be integers.');
  if (start >= end) throw new RequestError(`The range should not be empty.`);
  if (start < 0) throw new RequestError(`Index ${start} must be greater than or equal to 0.`);
  if (end > lay.end) throw new RequestError(`Index ${end - 1} must be less than the end index of the referenced segment, ${lay.end}.`);
  return { start, end };
}

/** Where an insertion goes: location.index, or the end of the body (before its last newline). */
function insertionIndex(req: Json, lay: Layout): number {
  if (req.location && req.endOfSegmentLocation) throw new RequestError('Exactly one of location or endOfSegmentLocation must be set.');
  if (req.endOfSegmentLocation) {
    segmentOf(req.endOfSegmentLocation as Json, 'endOfSegmentLocation');
    return lay.end - 1;
  }
  const loc = req.location as Json | undefined;
  if (!loc) throw new RequestError('Exactly one of location or endOfSegmentLocation must be set.');
  segmentOf(loc, 'location');
  const index = Number(loc.index);
  if (!Number.isInteger(index) || index < 0) throw new RequestError(`Index ${String(loc.index)} must be greater than or equal to 0.`);
  if (index >= lay.end) throw new RequestError(`Index ${index} must be less than the end index of the referenced segment, ${lay.end}.`);
  return index;
}

const NOT_IN_PARAGRAPH = 'The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.';

/**
 * Inserts text at `index` of the layout's document; "\n" splits paragraphs. Returns whether the
 * layout still holds (true: only indexes moved, and they were moved).
 */
function insertText(lay: Layout, index: number, raw: string): boolean {
  const span = lay.paraAt(index);
  if (!span) throw new RequestError(NOT_IN_PARAGRAPH);
  // The API strips control characters (U+0000-U+0008, U+000C-U+001F) and private-use characters.
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]/g, '');
  const units = toUnits(span.node);
  const offset = index - span.start;
  const neighbour = units[offset - 1] ?? units[offset];
  const style = neighbour && 'ch' in neighbour ? neighbour.s : undefined;
  const inserted: Unit[] = text.split('').map((ch) => (style ? { ch, s: { ...style } } : { ch }));
  const all = [...units.slice(0, offset), ...inserted, ...units.slice(offset)];
  // Split at each newline: the part before it stays in this paragraph, each later part is a new
  // paragraph with the same paragraph style (lists and bullets included).
  const parts: Unit[][] = [[]];
  for (const u of all) {
    if ('ch' in u && u.ch === '\n') parts.push([]);
    else parts[parts.length - 1].push(u);
  }
  if (parts.length === 1) {
    span.node.children = fromUnits(parts[0]);
    lay.shift(span, index, inserted.length);
    return true;
  }
  const at = span.parent.indexOf(span.node);
  const nodes: Para[] = parts.map((p, i) => {
    const n = i === 0 ? span.node : sibling(span.node);
    n.children = fromUnits(p);
    return n;
  });
  span.parent.splice(at, 1, ...nodes);
  return false;
}

function insertTable(lay: Layout, index: number, rows: number, columns: number): void {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(columns) || columns < 1) throw new RequestError('The table must have at least one row and one column.');
  const span = lay.paraAt(index);
  if (!span) throw new RequestError(NOT_IN_PARAGRAPH);
  // A newline goes in at the index; the table starts right after it (index + 1).
  insertText(lay, index, '\n');
  const after = span.parent.indexOf(span.node) + 1;
  const emptyPara = (): ParagraphNode => ({ type: 'PARAGRAPH', heading: 'NORMAL', attrs: {}, children: [] });
  const table: TableNode = {
    type: 'TABLE',
    rows: Array.from({ length: rows }, () => ({ type: 'TABLE_ROW' as const, cells: Array.from({ length: columns }, () => ({ type: 'TABLE_CELL' as const, children: [emptyPara()] as BlockNode[] })) })),
    borderWidth: 1,
    borderColor: '#000000',
    columnWidths: {},
  };
  span.parent.splice(after, 0, table);
}

function tableAtLocation(lay: Layout, v: unknown, what: string): TableSpan {
  const loc = v as Json | undefined;
  if (!loc || loc.index === undefined) throw new RequestError(`${what} must be set.`);
  segmentOf(loc, what);
  const t = lay.tableAt(Number(loc.index));
  if (!t) throw new RequestError(`${what} ${String(loc.index)} is not the start index of a table.`);
  return t;
}

function bullets(lay: Layout, range: Range, preset: string, listId: string): void {
  const glyph = /^NUMBERED_/.test(preset) ? (preset === 'NUMBERED_UPPERALPHA_ALPHA_ROMAN' ? 'LATIN_UPPER' : preset === 'NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL' ? 'ROMAN_UPPER' : 'NUMBER') : 'BULLET';
  if (!/^(NUMBERED|BULLET)_[A-Z_]+$/.test(preset)) throw new RequestError(`Invalid value at 'requests.create_paragraph_bullets.bullet_preset', "${preset}"`);
  for (const s of lay.parasIn(range.start, range.end)) {
    const p = s.node;
    const li: ListItemNode = { type: 'LIST_ITEM', heading: p.heading, attrs: p.attrs, children: p.children, glyph, nesting: p.type === 'LIST_ITEM' ? p.nesting : 0, listId };
    s.parent.splice(s.parent.indexOf(p), 1, li);
  }
}

/** Applies one request to `doc`; returns the layout after it (the same one when it still holds). */
function applyRequest(ctx: ServiceContext, doc: DocModel, lay: Layout, kind: string, req: Json, replies: Json[]): Layout {
  replies.push({});
  switch (kind) {
    case 'insertText': {
      if (typeof req.text !== 'string') throw new RequestError('text must be set.');
      return insertText(lay, insertionIndex(req, lay), req.text) ? lay : new Layout(doc);
    }
    case 'insertTable':
      insertTable(lay, insertionIndex(req, lay), Number(req.rows), Number(req.columns));
      return new Layout(doc);
    case 'updateTextStyle': {
      const fields = expand(fieldList(req), TEXT_FIELDS, 'text style');
      const r = rangeOf(req.range, lay);
      const style = (req.textStyle ?? {}) as Json;
      for (const s of lay.parasIn(r.start, r.end)) {
        const units = toUnits(s.node);
        units.forEach((u, i) => {
          const at = s.start + i;
          if (at >= r.start && at < r.end && 'ch' in u) u.s = patchText(u.s, style, fields);
        });
        s.node.children = fromUnits(units);
      }
      break;
    }
    case 'updateParagraphStyle': {
      const fields = expand(fieldList(req), PARA_FIELDS, 'paragraph style');
      const r = rangeOf(req.range, lay);
      for (const s of lay.parasIn(r.start, r.end)) patchPara(s.node, (req.paragraphStyle ?? {}) as Json, fields);
      break;
    }
    case 'createParagraphBullets':
      bullets(lay, rangeOf(req.range, lay), String(req.bulletPreset ?? ''), `kix.${ctx.newId('number')}`);
      return new Layout(doc);
    case 'updateTableCellStyle': {
      const fields = expand(fieldList(req), ['backgroundColor', 'borderLeft', 'borderRight', 'borderTop', 'borderBottom'], 'table cell style');
      const style = (req.tableCellStyle ?? {}) as Json;
      let table: TableSpan;
      let cells: CellSpan[];
      if (req.tableRange) {
        const tr = req.tableRange as { tableCellLocation?: { tableStartLocation?: unknown; rowIndex?: number; columnIndex?: number }; rowSpan?: number; columnSpan?: number };
        table = tableAtLocation(lay, tr.tableCellLocation?.tableStartLocation, 'tableRange.tableCellLocation.tableStartLocation');
        const r0 = Number(tr.tableCellLocation?.rowIndex ?? 0);
        const c0 = Number(tr.tableCellLocation?.columnIndex ?? 0);
        const rs = Number(tr.rowSpan ?? 0);
        const cs = Number(tr.columnSpan ?? 0);
        if (rs < 1 || cs < 1) throw new RequestError('The table range must span at least one row and one column.');
        const nRows = table.node.rows.length;
        const nCols = table.node.rows[0]?.cells.length ?? 0;
        if (r0 < 0 || c0 < 0 || r0 + rs > nRows || c0 + cs > nCols) throw new RequestError(`The table range is outside the table (${nRows} rows, ${nCols} columns).`);
        cells = table.cells.filter((c) => c.row >= r0 && c.row < r0 + rs && c.col >= c0 && c.col < c0 + cs);
      } else {
        table = tableAtLocation(lay, req.tableStartLocation, 'tableStartLocation');
        cells = table.cells;
      }
      const whole = cells.length === table.cells.length;
      for (const f of fields) {
        if (f === 'backgroundColor') {
          const c = hexColor(style.backgroundColor);
          for (const cell of cells) {
            if (c) cell.node.bg = c;
            else delete cell.node.bg;
          }
        } else {
          // The model keeps one border for the whole table (DocumentApp's setBorderWidth/Color).
          if (!whole) throw new RequestError(`${f} on part of a table is not modelled by the sandbox (only the whole table's borders).`);
          const b = style[f] as { width?: unknown; color?: unknown } | undefined;
          const w = points(b?.width, `${f}.width`);
          if (w !== undefined) table.node.borderWidth = w;
          const c = hexColor(b?.color);
          if (c) table.node.borderColor = c;
        }
      }
      break;
    }
    case 'updateTableColumnProperties': {
      const fields = expand(fieldList(req), ['width', 'widthType'], 'table column');
      const table = tableAtLocation(lay, req.tableStartLocation, 'tableStartLocation');
      const nCols = table.node.rows[0]?.cells.length ?? 0;
      const cols = Array.isArray(req.columnIndices) && req.columnIndices.length ? (req.columnIndices as number[]) : Array.from({ length: nCols }, (_v, i) => i);
      const props = (req.tableColumnProperties ?? {}) as Json;
      for (const c of cols) if (!Number.isInteger(c) || c < 0 || c >= nCols) throw new RequestError(`Column index ${c} is outside the table (${nCols} columns).`);
      if (fields.includes('width')) {
        const w = points(props.width, 'tableColumnProperties.width');
        if (w !== undefined && w < 5) throw new RequestError('The column width must be at least 5 points.');
        for (const c of cols) {
          if (w === undefined || props.widthType === 'EVENLY_DISTRIBUTED') delete table.node.columnWidths[String(c)];
          else table.node.columnWidths[String(c)] = w;
        }
      }
      break;
    }
    case 'updateDocumentStyle': {
      const fields = expand(fieldList(req), ['pageSize', 'marginTop', 'marginBottom', 'marginLeft', 'marginRight'], 'document style');
      const style = (req.documentStyle ?? {}) as Json;
      const page = { ...(doc.page ?? {}) };
      for (const f of fields) {
        if (f === 'pageSize') {
          const ps = (style.pageSize ?? {}) as Json;
          page.width = points(ps.width, 'pageSize.width');
          page.height = points(ps.height, 'pageSize.height');
        } else page[f as 'marginTop'] = points(style[f], f);
      }
      doc.page = page;
      break;
    }
    default:
      throw new RequestError(`${kind} is not implemented by the sandbox (see sandbox/README.md).`);
  }
  return lay;
}

// ---------------------------------------------------------------------------------------------
// documents.get: the document resource (the parts the sandbox models)

function textStyleJson(s: CharStyle | undefined): Json {
  const out: Json = {};
  if (!s) return out;
  if (s.b) out.bold = true;
  if (s.i) out.italic = true;
  if (s.u) out.underline = true;
  if (s.s) out.strikethrough = true;
  if (s.size !== undefined) out.fontSize = { magnitude: s.size, unit: 'PT' };
  if (s.font) out.weightedFontFamily = { fontFamily: s.font, weight: 400 };
  if (s.color) out.foregroundColor = rgbOf(s.color);
  if (s.bg) out.backgroundColor = rgbOf(s.bg);
  if (s.link) out.link = { url: s.link };
  return out;
}

function paraJson(p: Para, start: number): Json {
  const elements: Json[] = [];
  let i = start;
  for (const c of p.children) {
    if (c.type === 'TEXT') {
      for (const r of c.runs) {
        elements.push({ startIndex: i, endIndex: i + r.t.length, textRun: { content: r.t, textStyle: textStyleJson(r.s) } });
        i += r.t.length;
      }
    } else {
      if (c.type === 'UNSUPPORTED') elements.push({ startIndex: i, endIndex: i + 1, autoText: { type: c.autoText, textStyle: {} } });
      else {
        const kind = c.type === 'INLINE_IMAGE' ? 'inlineObjectElement' : c.type === 'PAGE_BREAK' ? 'pageBreak' : 'horizontalRule';
        elements.push({ startIndex: i, endIndex: i + 1, [kind]: {} });
      }
      i += 1;
    }
  }
  elements.push({ startIndex: i, endIndex: i + 1, textRun: { content: '\n', textStyle: {} } });
  const a = p.attrs;
  const style: Json = { namedStyleType: Object.keys(HEADINGS).find((k) => HEADINGS[k] === p.heading) ?? 'NORMAL_TEXT' };
  if (a.align) style.alignment = ALIGN_BACK[a.align] ?? 'START';
  const pt = (v: number | undefined) => (v === undefined ? undefined : { magnitude: v, unit: 'PT' });
  if (a.indentStart !== undefined) style.indentStart = pt(a.indentStart);
  if (a.indentFirstLine !== undefined) style.indentFirstLine = pt(a.indentFirstLine);
  if (a.indentEnd !== undefined) style.indentEnd = pt(a.indentEnd);
  if (a.spaceBefore !== undefined) style.spaceAbove = pt(a.spaceBefore);
  if (a.spaceAfter !== undefined) style.spaceBelow = pt(a.spaceAfter);
  if (a.lineSpacing !== undefined) style.lineSpacing = Math.round(a.lineSpacing * 100);
  const out: Json = { elements, paragraphStyle: style };
  if (p.type === 'LIST_ITEM') out.bullet = { listId: p.listId, nestingLevel: p.nesting || undefined };
  return out;
}

function contentJson(blocks: BlockNode[], start: number): { content: Json[]; end: number } {
  const content: Json[] = [];
  let i = start;
  for (const b of blocks) {
    if (b.type === 'TABLE') {
      const s = i;
      i += 1;
      const tableRows = b.rows.map((row) => {
        const rs = i;
        i += 1;
        const tableCells = row.cells.map((cell) => {
          const cs = i;
          i += 1;
          const inner = contentJson(cell.children, i);
          i = inner.end;
          const cellStyle: Json = {};
          if (cell.bg) cellStyle.backgroundColor = rgbOf(cell.bg);
          return { startIndex: cs, endIndex: i, content: inner.content, tableCellStyle: cellStyle };
        });
        return { startIndex: rs, endIndex: i, tableCells };
      });
      const columns = b.rows[0]?.cells.length ?? 0;
      const tableColumnProperties = Array.from({ length: columns }, (_v, c) => (b.columnWidths[String(c)] !== undefined ? { widthType: 'FIXED_WIDTH', width: { magnitude: b.columnWidths[String(c)], unit: 'PT' } } : { widthType: 'EVENLY_DISTRIBUTED' }));
      content.push({ startIndex: s, endIndex: i, table: { rows: b.rows.length, columns, tableRows, tableStyle: { tableColumnProperties } } });
    } else {
      const len = paraLength(b);
      content.push({ startIndex: i, endIndex: i + len, paragraph: paraJson(b, i) });
      i += len;
    }
  }
  return { content, end: i };
}

function documentJson(doc: DocModel, title: string): Json {
  const body = contentJson(doc.body.children, 1);
  const p = doc.page ?? {};
  const pt = (v: number | undefined, d: number) => ({ magnitude: v ?? d, unit: 'PT' });
  return {
    documentId: doc.id,
    title,
    body: { content: [{ endIndex: 1, sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } } }, ...body.content] },
    documentStyle: {
      pageSize: { width: pt(p.width, 612), height: pt(p.height, 792) },
      marginTop: pt(p.marginTop, 72),
      marginBottom: pt(p.marginBottom, 72),
      marginLeft: pt(p.marginLeft, 72),
      marginRight: pt(p.marginRight, 72),
      ...(doc.footer ? { defaultFooterId: FOOTER_ID } : {}),
    },
    revisionId: `sandbox-${doc.revision ?? 0}`,
    // The footer (a segment of its own: indexes from 0), e.g. with a page number a person inserted.
    ...(doc.footer ? { footers: { [FOOTER_ID]: { footerId: FOOTER_ID, content: contentJson(doc.footer.children, 0).content } } } : {}),
  };
}

/** The id of a Doc's one (default) footer in documents.get. */
const FOOTER_ID = 'kix.sandbox-footer';

// ---------------------------------------------------------------------------------------------
// The service

function makeDocs(ctx: ServiceContext): Record<string, unknown> {
  const rec = (method: string) => {
    ctx.exec.requireAuth(`Docs.Documents.${method}`);
    ctx.exec.record(SVC, `Documents.${method}`, 'advancedService');
  };
  /** The Doc, when the effective user may read (and, for a write, edit) it. */
  const access = (method: string, documentId: unknown, write: boolean): DocModel => {
    const id = String(documentId ?? '');
    const it = driveItem(ctx.state, id);
    const model = getDocumentModel(ctx.state, id);
    if (!it || it.mimeType !== GOOGLE_DOC_MIME || !model) return apiFail(ctx, method, 'Requested entity was not found.');
    const me = ctx.exec.effectiveUser || ctx.state.owner;
    const domain = (e: string) => e.split('@')[1] ?? '';
    const access = it.sharing?.access ?? 'PRIVATE';
    // Link sharing: anyone, or anyone in the owner's domain, with the link's permission.
    const byLink = access === 'ANYONE' || access === 'ANYONE_WITH_LINK' || ((access === 'DOMAIN' || access === 'DOMAIN_WITH_LINK') && domain(me) === domain(it.owner));
    const mayEdit = it.owner === me || it.editors.includes(me) || (byLink && it.sharing.permission === 'EDIT');
    const mayRead = mayEdit || it.viewers.includes(me) || byLink;
    if (!(write ? mayEdit : mayRead)) return apiFail(ctx, method, 'The caller does not have permission');
    return model;
  };
  const Documents = {
    create(resource: unknown) {
      rec('create');
      const title = String((resource as { title?: unknown } | undefined)?.title ?? '') || 'Untitled document';
      const id = createGoogleFile(ctx, title, GOOGLE_DOC_MIME);
      const model = newDocModel(id);
      putDocumentModel(ctx.state, model);
      return documentJson(model, title);
    },
    get(documentId: unknown) {
      rec('get');
      const model = access('get', documentId, false);
      return documentJson(model, driveItem(ctx.state, model.id)?.name ?? '');
    },
    batchUpdate(resource: unknown, documentId: unknown) {
      rec('batchUpdate');
      const model = access('batchUpdate', documentId, true);
      const requests = (resource as { requests?: unknown } | undefined)?.requests;
      if (!Array.isArray(requests)) return apiFail(ctx, 'batchUpdate', 'Invalid JSON payload received. Expected an object with a "requests" list.');
      // Atomic: work on a copy, keep it only when every request applied.
      const work = JSON.parse(JSON.stringify(model)) as DocModel;
      const replies: Json[] = [];
      let lay = new Layout(work);
      requests.forEach((r, i) => {
        const keys = r && typeof r === 'object' ? Object.keys(r as object) : [];
        if (keys.length !== 1) apiFail(ctx, 'batchUpdate', `Invalid requests[${i}]: exactly one kind of request must be set.`);
        const kind = keys[0];
        try {
          lay = applyRequest(ctx, work, lay, kind, (r as Json)[kind] as Json, replies);
        } catch (e) {
          if (e instanceof RequestError) apiFail(ctx, 'batchUpdate', `Invalid requests[${i}].${kind}: ${e.message}`);
          throw e;
        }
      });
      work.revision = (model.revision ?? 0) + 1;
      putDocumentModel(ctx.state, work);
      return { documentId: model.id, replies, writeControl: { requiredRevisionId: `sandbox-${work.revision}` } };
    },
    toString: () => 'Documents',
  };
  return { Documents, newBatchUpdateDocumentRequest: () => ({}), toString: () => 'AdvancedServiceIdentifier' };
}

export const docsApiService: ServiceModule = {
  name: 'docs',
  install: (ctx) => {
    const symbol = docsSymbol(ctx.project.manifest);
    return symbol ? { [symbol]: makeDocs(ctx) } : {};
  },
};

/** For tests and tools: the Docs API's view of a document (documents.get without a script). */
export function docsApiDocument(doc: DocModel, title = ''): Json {
  return documentJson(doc, title);
}
