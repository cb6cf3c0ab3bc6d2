/**
 * DocumentApp: Google Docs as a JSON model in the 'document' slice of state (keyed by Drive file
 * id; the Drive record with mimeType application/vnd.google-apps.document holds the name).
 *
 * The model: a document has a body and optional header/footer sections; sections and table cells
 * hold blocks (paragraphs, list items, tables); paragraphs hold inline elements (text with
 * per-character styles, inline images, page breaks, horizontal rules). Script-facing wrappers hold
 * references into the live model, so every change lands in state directly.
 *
 * Costs: create/open/save once each; every element appended or inserted is one 'documentElement'
 * call, so appendTable(rows) is one call while a row-by-row build is one per row and per cell.
 */
import type { ServiceContext, ServiceModule } from '../service';
import type { SandboxState } from '../state';
import { SandboxBlob } from './blob';
import { scriptFail, createGoogleFile, driveItem, driveSlice, fileUrl, GOOGLE_DOC_MIME, toBlob } from './drive';
import { documentToPdf } from '../pdf';
import { listMarkers } from './document-model';
import type {
  BlockNode, CharStyle, DocModel, DocumentSlice, ImageNode, InlineNode, ListItemNode, PageBreakNode, ParaAttrs, ParagraphNode,
  RuleNode, Run, SectionNode, TableCellNode, TableNode, TableRowNode, TextNode,
} from './document-model';
export type {
  BlockNode, CharStyle, DocModel, DocumentSlice, ImageNode, InlineNode, ListItemNode, PageBreakNode, ParaAttrs, ParagraphNode,
  RuleNode, Run, SectionNode, TableCellNode, TableNode, TableRowNode, TextNode,
} from './document-model';
export { listMarker, listMarkers } from './document-model';

// ---------------------------------------------------------------------------------------------
// Model

type AnyNode = InlineNode | BlockNode | TableRowNode | TableCellNode | SectionNode;
type Container = SectionNode | TableCellNode;

const SVC = 'DocumentApp';
const DOC_MISSING = "Document is missing (perhaps it was deleted, or you don't have read access?)";
const DOC_CLOSED = 'Document is closed, its contents cannot be updated.';

function docSlice(state: SandboxState): DocumentSlice {
  if (!state.services.document) state.services.document = { docs: {} };
  return state.services.document as DocumentSlice;
}

const emptyParagraph = (text = ''): ParagraphNode => ({ type: 'PARAGRAPH', heading: 'NORMAL', attrs: {}, children: text ? [textNode(text)] : [] });
const textNode = (t: string, s?: CharStyle): TextNode => ({ type: 'TEXT', runs: t ? [s ? { t, s } : { t }] : [] });
const emptyCell = (text = ''): TableCellNode => ({ type: 'TABLE_CELL', children: [emptyParagraph(text)] });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function newDocModel(id: string): DocModel {
  return { id, body: { type: 'BODY_SECTION', children: [emptyParagraph()] } };
}

// Text helpers: a text node as characters with per-character styles.
interface Flat {
  text: string;
  styles: Array<CharStyle | undefined>;
}
function flat(node: TextNode): Flat {
  const styles: Array<CharStyle | undefined> = [];
  let text = '';
  for (const r of node.runs) {
    text += r.t;
    for (let i = 0; i < r.t.length; i++) styles.push(r.s);
  }
  return { text, styles };
}
function cleanStyle(s: CharStyle | undefined): CharStyle | undefined {
  if (!s) return undefined;
  const out: CharStyle = {};
  for (const [k, v] of Object.entries(s) as Array<[keyof CharStyle, unknown]>) {
    if (v !== undefined && v !== null && v !== false && v !== '') (out as Record<string, unknown>)[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}
function setFlat(node: TextNode, f: Flat): void {
  const runs: Run[] = [];
  let key = '';
  for (let i = 0; i < f.text.length; i++) {
    const s = cleanStyle(f.styles[i]);
    const k = s ? JSON.stringify(s) : '';
    const last = runs[runs.length - 1];
    if (last && k === key) last.t += f.text[i];
    else {
      runs.push(s ? { t: f.text[i], s } : { t: f.text[i] });
      key = k;
    }
  }
  node.runs = runs;
}
export function nodeText(node: TextNode): string {
  return node.runs.map((r) => r.t).join('');
}
export function paragraphText(p: ParagraphNode | ListItemNode): string {
  return p.children.map((c) => (c.type === 'TEXT' ? nodeText(c) : '')).join('');
}
export function blockText(b: BlockNode): string {
  if (b.type === 'TABLE') return b.rows.map((r) => r.cells.map((c) => containerText(c)).join('\t')).join('\n');
  return paragraphText(b);
}
function containerText(c: Container): string {
  return c.children.map(blockText).join('\n');
}

/** Text nodes under a node, in document order. */
function textNodesOf(node: AnyNode): TextNode[] {
  switch (node.type) {
    case 'TEXT':
      return [node];
    case 'PARAGRAPH':
    case 'LIST_ITEM':
      return node.children.filter((c): c is TextNode => c.type === 'TEXT');
    case 'TABLE':
      return node.rows.flatMap((r) => textNodesOf(r));
    case 'TABLE_ROW':
      return node.cells.flatMap((c) => textNodesOf(c));
    case 'TABLE_CELL':
    case 'BODY_SECTION':
    case 'HEADER_SECTION':
    case 'FOOTER_SECTION':
      return node.children.flatMap((c) => textNodesOf(c));
    default:
      return [];
  }
}

/** Paragraph-like nodes under a node (for the text view of a container), in order. */
function paragraphsOf(node: AnyNode): Array<ParagraphNode | ListItemNode> {
  switch (node.type) {
    case 'PARAGRAPH':
    case 'LIST_ITEM':
      return [node];
    case 'TABLE':
      return node.rows.flatMap((r) => r.cells.flatMap((c) => c.children.flatMap(paragraphsOf)));
    case 'TABLE_ROW':
      return node.cells.flatMap((c) => c.children.flatMap(paragraphsOf));
    case 'TABLE_CELL':
    case 'BODY_SECTION':
    case 'HEADER_SECTION':
    case 'FOOTER_SECTION':
      return node.children.flatMap(paragraphsOf);
    default:
      return [];
  }
}

function childrenOf(node: AnyNode): AnyNode[] {
  switch (node.type) {
    case 'PARAGRAPH':
    case 'LIST_ITEM':
      return node.children;
    case 'TABLE':
      return node.rows;
    case 'TABLE_ROW':
      return node.cells;
    case 'TABLE_CELL':
    case 'BODY_SECTION':
    case 'HEADER_SECTION':
    case 'FOOTER_SECTION':
      return node.children;
    default:
      return [];
  }
}

function findParent(doc: DocModel, target: AnyNode): AnyNode | null {
  const walk = (n: AnyNode): AnyNode | null => {
    for (const c of childrenOf(n)) {
      if (c === target) return n;
      const r = walk(c);
      if (r) return r;
    }
    return null;
  };
  for (const s of [doc.body, doc.header, doc.footer]) {
    if (!s) continue;
    const r = walk(s);
    if (r) return r;
  }
  return null;
}

/** Converts a Java-style regular expression (as replaceText/findText take) to a RegExp. */
export function toRegExp(pattern: string, global = true): RegExp {
  let src = String(pattern);
  let flags = global ? 'g' : '';
  const m = /^\(\?([imsx]+)\)/.exec(src);
  if (m) {
    src = src.slice(m[0].length);
    if (m[1].includes('i')) flags += 'i';
    if (m[1].includes('s')) flags += 's';
    if (m[1].includes('m')) flags += 'm';
  }
  src = src.replace(/\\Q([\s\S]*?)(\\E|$)/g, (_all, lit: string) => lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(src, flags);
}
function toJsReplacement(replacement: string): string {
  // Java: \$ is a literal dollar; JS: $$.
  return String(replacement).replace(/\\\$/g, '$$$$');
}

/** Image size in pixels from PNG/JPEG/GIF headers (100x100 when unknown). */
export function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length > 10 && bytes.toString('latin1', 0, 3) === 'GIF') return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) break;
      const marker = bytes[i + 1];
      const len = bytes.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
      }
      i += 2 + len;
    }
  }
  return { width: 100, height: 100 };
}

// ---------------------------------------------------------------------------------------------
// Enums

function enumOf(names: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (const n of names) o[n] = n;
  return Object.freeze(o);
}
const ParagraphHeading = enumOf(['NORMAL', 'HEADING1', 'HEADING2', 'HEADING3', 'HEADING4', 'HEADING5', 'HEADING6', 'TITLE', 'SUBTITLE']);
const HorizontalAlignment = enumOf(['LEFT', 'CENTER', 'RIGHT', 'JUSTIFY']);
const VerticalAlignment = enumOf(['BOTTOM', 'CENTER', 'TOP']);
const TextAlignment = enumOf(['NORMAL', 'SUPERSCRIPT', 'SUBSCRIPT']);
const GlyphType = enumOf(['BULLET', 'HOLLOW_BULLET', 'SQUARE_BULLET', 'NUMBER', 'LATIN_UPPER', 'LATIN_LOWER', 'ROMAN_UPPER', 'ROMAN_LOWER']);
const ElementType = enumOf([
  'BODY_SECTION', 'COMMENT_SECTION', 'DATE', 'EQUATION', 'EQUATION_FUNCTION', 'EQUATION_FUNCTION_ARGUMENT_SEPARATOR',
  'EQUATION_SYMBOL', 'RICH_LINK', 'FOOTER_SECTION', 'FOOTNOTE', 'FOOTNOTE_SECTION', 'HEADER_SECTION', 'HORIZONTAL_RULE',
  'INLINE_DRAWING', 'INLINE_IMAGE', 'LIST_ITEM', 'PAGE_BREAK', 'PARAGRAPH', 'PERSON', 'TABLE', 'TABLE_CELL',
  'TABLE_OF_CONTENTS', 'TABLE_ROW', 'TEXT', 'UNSUPPORTED',
]);
const Attribute = enumOf([
  'BACKGROUND_COLOR', 'BOLD', 'BORDER_COLOR', 'BORDER_WIDTH', 'CODE', 'FONT_FAMILY', 'FONT_SIZE', 'FOREGROUND_COLOR',
  'HEADING', 'HEIGHT', 'HORIZONTAL_ALIGNMENT', 'INDENT_END', 'INDENT_FIRST_LINE', 'INDENT_START', 'ITALIC',
  'GLYPH_TYPE', 'LEFT_TO_RIGHT', 'LINE_SPACING', 'LINK_URL', 'LIST_ID', 'MARGIN_BOTTOM', 'MARGIN_LEFT', 'MARGIN_RIGHT',
  'MARGIN_TOP', 'NESTING_LEVEL', 'MINIMUM_HEIGHT', 'PADDING_BOTTOM', 'PADDING_LEFT', 'PADDING_RIGHT', 'PADDING_TOP',
  'PAGE_HEIGHT', 'PAGE_WIDTH', 'SPACING_AFTER', 'SPACING_BEFORE', 'STRIKETHROUGH', 'UNDERLINE', 'VERTICAL_ALIGNMENT', 'WIDTH',
]);
const CHAR_ATTRS: Record<string, keyof CharStyle> = {
  BOLD: 'b',
  ITALIC: 'i',
  UNDERLINE: 'u',
  STRIKETHROUGH: 's',
  FONT_SIZE: 'size',
  FOREGROUND_COLOR: 'color',
  BACKGROUND_COLOR: 'bg',
  LINK_URL: 'link',
  FONT_FAMILY: 'font',
};
const PARA_ATTRS: Record<string, keyof ParaAttrs> = {
  HORIZONTAL_ALIGNMENT: 'align',
  INDENT_START: 'indentStart',
  INDENT_FIRST_LINE: 'indentFirstLine',
  INDENT_END: 'indentEnd',
  SPACING_BEFORE: 'spaceBefore',
  SPACING_AFTER: 'spaceAfter',
  LINE_SPACING: 'lineSpacing',
};

// ---------------------------------------------------------------------------------------------
// Script-facing objects

/** Per-execution state of the document service. */
class Session {
  readonly closed = new Set<string>();
  constructor(readonly ctx: ServiceContext) {}
  rec(method: string, cost: 'local' | 'documentElement' | 'documentOpen' | 'documentCreate' | 'documentSave' | 'pdfConvert' = 'local'): void {
    this.ctx.exec.record(SVC, method, cost);
  }
  fail(message: string): never {
    return scriptFail(this.ctx, message);
  }
}

abstract class El {
  constructor(
    protected readonly s: Session,
    protected readonly doc: DocModel,
    readonly node: AnyNode,
  ) {}
  protected rec(method: string, cost: Parameters<Session['rec']>[1] = 'local', write = false): void {
    if (write && this.s.closed.has(this.doc.id)) this.s.fail(DOC_CLOSED);
    this.s.rec(`${this.node.type === 'BODY_SECTION' ? 'Body' : typeName(this.node.type)}.${method}`, cost);
  }
  getType(): string {
    return this.node.type;
  }
  getParent(): El | null {
    this.rec('getParent');
    const p = findParent(this.doc, this.node);
    return p ? wrap(this.s, this.doc, p) : null;
  }
  protected siblings(): AnyNode[] | null {
    const p = findParent(this.doc, this.node);
    return p ? childrenOf(p) : null;
  }
  getNextSibling(): El | null {
    this.rec('getNextSibling');
    const sib = this.siblings();
    if (!sib) return null;
    const i = sib.indexOf(this.node);
    return i >= 0 && i + 1 < sib.length ? wrap(this.s, this.doc, sib[i + 1]) : null;
  }
  getPreviousSibling(): El | null {
    this.rec('getPreviousSibling');
    const sib = this.siblings();
    if (!sib) return null;
    const i = sib.indexOf(this.node);
    return i > 0 ? wrap(this.s, this.doc, sib[i - 1]) : null;
  }
  isAtDocumentEnd(): boolean {
    const ch = this.doc.body.children;
    return ch[ch.length - 1] === this.node;
  }
  removeFromParent(): this {
    this.rec('removeFromParent', 'documentElement', true);
    const p = findParent(this.doc, this.node);
    if (!p) return this;
    const sib = childrenOf(p);
    const i = sib.indexOf(this.node);
    if (i >= 0) sib.splice(i, 1);
    return this;
  }
  getText(): string {
    this.rec('getText');
    return textOfNode(this.node);
  }
  editAsText(): TextEl {
    this.rec('editAsText');
    return new TextEl(this.s, this.doc, this.node);
  }
  /** Paragraph-level and character-level attributes, keyed by DocumentApp.Attribute names. */
  getAttributes(): Record<string, unknown> {
    this.rec('getAttributes');
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(Attribute)) out[k] = null;
    const n = this.node;
    if (n.type === 'PARAGRAPH' || n.type === 'LIST_ITEM') {
      for (const [name, key] of Object.entries(PARA_ATTRS)) out[name] = n.attrs[key] ?? null;
      out.HEADING = n.heading;
      if (n.type === 'LIST_ITEM') {
        out.GLYPH_TYPE = n.glyph;
        out.NESTING_LEVEL = n.nesting;
        out.LIST_ID = n.listId;
      }
    }
    if (n.type === 'TABLE') {
      out.BORDER_WIDTH = n.borderWidth;
      out.BORDER_COLOR = n.borderColor;
    }
    if (n.type === 'TABLE_CELL') out.BACKGROUND_COLOR = n.bg ?? null;
    const texts = textNodesOf(n);
    const f = texts.length ? flat(texts[0]) : undefined;
    const s0 = f && f.text.length ? f.styles[0] : undefined;
    if (f && f.text.length) {
      for (const [name, key] of Object.entries(CHAR_ATTRS)) {
        const v = s0?.[key];
        out[name] = v === undefined ? (key === 'b' || key === 'i' || key === 'u' || key === 's' ? false : null) : v;
      }
    }
    return out;
  }
  setAttributes(attributes: Record<string, unknown>): this {
    this.rec('setAttributes', 'local', true);
    const n = this.node;
    const patch: CharStyle = {};
    for (const [name, v] of Object.entries(attributes ?? {})) {
      const ck = CHAR_ATTRS[name];
      if (ck) (patch as Record<string, unknown>)[ck] = v === null ? undefined : v;
      if (n.type === 'PARAGRAPH' || n.type === 'LIST_ITEM') {
        const pk = PARA_ATTRS[name];
        if (pk) (n.attrs as Record<string, unknown>)[pk] = v === null ? undefined : v;
        if (name === 'HEADING' && typeof v === 'string') n.heading = v;
        if (n.type === 'LIST_ITEM') {
          if (name === 'GLYPH_TYPE' && typeof v === 'string') n.glyph = v;
          if (name === 'NESTING_LEVEL' && typeof v === 'number') n.nesting = v;
        }
      }
      if (n.type === 'TABLE') {
        if (name === 'BORDER_WIDTH' && typeof v === 'number') n.borderWidth = v;
        if (name === 'BORDER_COLOR' && typeof v === 'string') n.borderColor = v;
      }
      if (n.type === 'TABLE_CELL' && name === 'BACKGROUND_COLOR') n.bg = typeof v === 'string' ? v : undefined;
    }
    if (Object.keys(patch).length) styleAll(n, patch);
    return this;
  }
  // Character styles on the whole element.
  protected charStyle(method: string, patch: CharStyle): this {
    this.rec(method, 'local', true);
    styleAll(this.node, patch);
    return this;
  }
  setBold(bold: boolean): this {
    return this.charStyle('setBold', { b: Boolean(bold) });
  }
  setItalic(italic: boolean): this {
    return this.charStyle('setItalic', { i: Boolean(italic) });
  }
  setUnderline(underline: boolean): this {
    return this.charStyle('setUnderline', { u: Boolean(underline) });
  }
  setStrikethrough(v: boolean): this {
    return this.charStyle('setStrikethrough', { s: Boolean(v) });
  }
  setFontSize(size: number): this {
    return this.charStyle('setFontSize', { size: Number(size) });
  }
  setFontFamily(font: string): this {
    return this.charStyle('setFontFamily', { font: String(font) });
  }
  setForegroundColor(color: string): this {
    return this.charStyle('setForegroundColor', { color: color === null ? undefined : String(color) });
  }
  setLinkUrl(url: string | null): this {
    return this.charStyle('setLinkUrl', { link: url === null ? undefined : String(url) });
  }
  private as<T extends El>(types: string[]): T {
    if (!types.includes(this.node.type)) this.s.fail(`Cannot convert ${typeName(this.node.type)} to ${typeName(types[0])}.`);
    return this as unknown as T;
  }
  asParagraph(): ParagraphEl {
    return this.as<ParagraphEl>(['PARAGRAPH']);
  }
  asListItem(): ListItemEl {
    return this.as<ListItemEl>(['LIST_ITEM']);
  }
  asTable(): TableEl {
    return this.as<TableEl>(['TABLE']);
  }
  asTableRow(): TableRowEl {
    return this.as<TableRowEl>(['TABLE_ROW']);
  }
  asTableCell(): TableCellEl {
    return this.as<TableCellEl>(['TABLE_CELL']);
  }
  asInlineImage(): InlineImageEl {
    return this.as<InlineImageEl>(['INLINE_IMAGE']);
  }
  asPageBreak(): SimpleEl {
    return this.as<SimpleEl>(['PAGE_BREAK']);
  }
  asHorizontalRule(): SimpleEl {
    return this.as<SimpleEl>(['HORIZONTAL_RULE']);
  }
  asBody(): SectionEl {
    return this.as<SectionEl>(['BODY_SECTION']);
  }
  asHeaderSection(): SectionEl {
    return this.as<SectionEl>(['HEADER_SECTION']);
  }
  asFooterSection(): SectionEl {
    return this.as<SectionEl>(['FOOTER_SECTION']);
  }
  asText(): TextEl {
    return this.node.type === 'TEXT' ? (this as unknown as TextEl) : new TextEl(this.s, this.doc, this.node);
  }
  copy(): El {
    this.rec('copy');
    return wrap(this.s, this.doc, clone(this.node));
  }
  toString(): string {
    return typeName(this.node.type);
  }
}

function typeName(t: string): string {
  const map: Record<string, string> = {
    PARAGRAPH: 'Paragraph',
    LIST_ITEM: 'ListItem',
    TABLE: 'Table',
    TABLE_ROW: 'TableRow',
    TABLE_CELL: 'TableCell',
    TEXT: 'Text',
    INLINE_IMAGE: 'InlineImage',
    PAGE_BREAK: 'PageBreak',
    HORIZONTAL_RULE: 'HorizontalRule',
    UNSUPPORTED: 'UnsupportedElement',
    BODY_SECTION: 'Body',
    HEADER_SECTION: 'HeaderSection',
    FOOTER_SECTION: 'FooterSection',
  };
  return map[t] ?? t;
}

function textOfNode(n: AnyNode): string {
  switch (n.type) {
    case 'TEXT':
      return nodeText(n);
    case 'PARAGRAPH':
    case 'LIST_ITEM':
    case 'TABLE':
      return blockText(n);
    case 'TABLE_ROW':
      return n.cells.map(containerText).join('\t');
    case 'TABLE_CELL':
    case 'BODY_SECTION':
    case 'HEADER_SECTION':
    case 'FOOTER_SECTION':
      return containerText(n);
    default:
      return '';
  }
}

function styleAll(n: AnyNode, patch: CharStyle): void {
  for (const t of textNodesOf(n)) {
    const f = flat(t);
    f.styles = f.styles.map((s) => ({ ...(s ?? {}), ...patch }));
    setFlat(t, f);
  }
}

function wrap(s: Session, doc: DocModel, n: AnyNode): El {
  switch (n.type) {
    case 'PARAGRAPH':
      return new ParagraphEl(s, doc, n);
    case 'LIST_ITEM':
      return new ListItemEl(s, doc, n);
    case 'TABLE':
      return new TableEl(s, doc, n);
    case 'TABLE_ROW':
      return new TableRowEl(s, doc, n);
    case 'TABLE_CELL':
      return new TableCellEl(s, doc, n);
    case 'TEXT':
      return new TextEl(s, doc, n);
    case 'INLINE_IMAGE':
      return new InlineImageEl(s, doc, n);
    case 'PAGE_BREAK':
    case 'HORIZONTAL_RULE':
    case 'UNSUPPORTED':
      return new SimpleEl(s, doc, n);
    default:
      return new SectionEl(s, doc, n);
  }
}

function indexError(s: Session, i: number, n: number): never {
  return s.fail(`Child index (${i}) must be less than the number of child elements (${n}).`);
}

/** Search helpers shared by containers and elements. */
function findTextIn(s: Session, doc: DocModel, root: AnyNode, pattern: string, from?: unknown): RangeElementEl | null {
  const re = toRegExp(pattern, true);
  const nodes = textNodesOf(root);
  let startNode = 0;
  let startOffset = 0;
  if (from instanceof RangeElementEl) {
    const i = nodes.indexOf(from.el.node as TextNode);
    if (i >= 0) {
      startNode = i;
      startOffset = from.end + 1;
    }
  }
  for (let k = startNode; k < nodes.length; k++) {
    const text = nodeText(nodes[k]);
    re.lastIndex = k === startNode ? startOffset : 0;
    let m = re.exec(text);
    while (m && m[0].length === 0) {
      re.lastIndex++;
      if (re.lastIndex > text.length) {
        m = null;
        break;
      }
      m = re.exec(text);
    }
    if (m) return new RangeElementEl(new TextEl(s, doc, nodes[k]), m.index, m.index + m[0].length - 1, text.length);
  }
  return null;
}

function replaceTextIn(root: AnyNode, pattern: string, replacement: string): void {
  const re = toRegExp(pattern, true);
  const rep = toJsReplacement(replacement);
  for (const node of textNodesOf(root)) {
    const f = flat(node);
    re.lastIndex = 0;
    if (!re.test(f.text)) continue;
    re.lastIndex = 0;
    let out = '';
    const styles: Array<CharStyle | undefined> = [];
    let last = 0;
    f.text.replace(re, (...args: unknown[]) => {
      const match = String(args[0]);
      const offset = args.find((a, idx) => idx > 0 && typeof a === 'number') as number;
      out += f.text.slice(last, offset);
      styles.push(...f.styles.slice(last, offset));
      const replaced = match.replace(toRegExp(pattern, false), rep);
      out += replaced;
      const st = f.styles[offset] ?? f.styles[offset - 1];
      for (let i = 0; i < replaced.length; i++) styles.push(st);
      last = offset + match.length;
      return match;
    });
    out += f.text.slice(last);
    styles.push(...f.styles.slice(last));
    setFlat(node, { text: out, styles });
  }
}

class RangeElementEl {
  constructor(
    readonly el: TextEl,
    readonly start: number,
    readonly end: number,
    private readonly length: number,
  ) {}
  getElement(): TextEl {
    return this.el;
  }
  getStartOffset(): number {
    return this.start;
  }
  getEndOffsetInclusive(): number {
    return this.end;
  }
  isPartial(): boolean {
    return this.start > 0 || this.end < this.length - 1;
  }
}

/**
 * Text: one text element, or the text of an element seen as one string (editAsText). Offsets in a
 * multi-paragraph view count a '\n' between paragraphs, which no edit touches.
 */
class TextEl extends El {
  private segments(): Array<{ node: TextNode; start: number; end: number }> {
    const out: Array<{ node: TextNode; start: number; end: number }> = [];
    let pos = 0;
    if (this.node.type === 'TEXT') return [{ node: this.node, start: 0, end: nodeText(this.node).length }];
    const paras = paragraphsOf(this.node);
    paras.forEach((p, i) => {
      if (i > 0) pos += 1;
      for (const c of p.children) {
        if (c.type !== 'TEXT') continue;
        const len = nodeText(c).length;
        out.push({ node: c, start: pos, end: pos + len });
        pos += len;
      }
    });
    return out;
  }
  private ensureNode(): TextNode {
    const segs = this.segments();
    if (segs.length) return segs[segs.length - 1].node;
    const paras = paragraphsOf(this.node);
    if (!paras.length) return this.s.fail('Invalid argument: text');
    const t = textNode('');
    paras[paras.length - 1].children.push(t);
    return t;
  }
  override getText(): string {
    this.rec('getText');
    return textOfNode(this.node);
  }
  setText(text: string): this {
    this.rec('setText', 'local', true);
    const segs = this.segments();
    const first = segs.length ? segs[0].node : this.ensureNode();
    const st = flat(first).styles[0];
    for (const sg of segs) if (sg.node !== first) sg.node.runs = [];
    const t = String(text ?? '');
    setFlat(first, { text: t, styles: t.split('').map(() => st) });
    return this;
  }
  appendText(text: string): this {
    this.rec('appendText', 'local', true);
    const node = this.ensureNode();
    const f = flat(node);
    const st = f.styles[f.styles.length - 1];
    const t = String(text ?? '');
    setFlat(node, { text: f.text + t, styles: [...f.styles, ...t.split('').map(() => st)] });
    return this;
  }
  insertText(offset: number, text: string): this {
    this.rec('insertText', 'local', true);
    const segs = this.segments();
    const seg = segs.find((sg) => offset >= sg.start && offset <= sg.end);
    if (!seg) return this.s.fail(`Invalid argument: offset`);
    const f = flat(seg.node);
    const at = offset - seg.start;
    const st = f.styles[at - 1] ?? f.styles[at];
    const t = String(text ?? '');
    setFlat(seg.node, {
      text: f.text.slice(0, at) + t + f.text.slice(at),
      styles: [...f.styles.slice(0, at), ...t.split('').map(() => st), ...f.styles.slice(at)],
    });
    return this;
  }
  deleteText(startOffset: number, endOffsetInclusive: number): this {
    this.rec('deleteText', 'local', true);
    this.eachRange(startOffset, endOffsetInclusive, (f, a, b) => ({
      text: f.text.slice(0, a) + f.text.slice(b),
      styles: [...f.styles.slice(0, a), ...f.styles.slice(b)],
    }));
    return this;
  }
  private eachRange(start: number, endInclusive: number, fn: (f: Flat, a: number, b: number) => Flat): void {
    const total = textOfNode(this.node).length;
    if (start < 0 || endInclusive >= total || start > endInclusive) this.s.fail('Invalid argument: offset');
    for (const sg of this.segments()) {
      const a = Math.max(start, sg.start) - sg.start;
      const b = Math.min(endInclusive + 1, sg.end) - sg.start;
      if (b <= a) continue;
      setFlat(sg.node, fn(flat(sg.node), a, b));
    }
  }
  private styleRange(method: string, args: unknown[], key: keyof CharStyle, conv: (v: unknown) => unknown): this {
    if (args.length >= 3) {
      this.rec(method, 'local', true);
      const [a, b, v] = args as [number, number, unknown];
      this.eachRange(Number(a), Number(b), (f, x, y) => {
        const styles = f.styles.slice();
        for (let i = x; i < y; i++) styles[i] = { ...(styles[i] ?? {}), [key]: conv(v) };
        return { text: f.text, styles };
      });
      return this;
    }
    return this.charStyle(method, { [key]: conv(args[0]) } as CharStyle);
  }
  override setBold(...args: unknown[]): this {
    return this.styleRange('setBold', args, 'b', Boolean);
  }
  override setItalic(...args: unknown[]): this {
    return this.styleRange('setItalic', args, 'i', Boolean);
  }
  override setUnderline(...args: unknown[]): this {
    return this.styleRange('setUnderline', args, 'u', Boolean);
  }
  override setStrikethrough(...args: unknown[]): this {
    return this.styleRange('setStrikethrough', args, 's', Boolean);
  }
  override setFontSize(...args: unknown[]): this {
    return this.styleRange('setFontSize', args, 'size', Number);
  }
  override setFontFamily(...args: unknown[]): this {
    return this.styleRange('setFontFamily', args, 'font', String);
  }
  override setForegroundColor(...args: unknown[]): this {
    return this.styleRange('setForegroundColor', args, 'color', (v) => (v === null ? undefined : String(v)));
  }
  setBackgroundColor(...args: unknown[]): this {
    return this.styleRange('setBackgroundColor', args, 'bg', (v) => (v === null ? undefined : String(v)));
  }
  override setLinkUrl(...args: unknown[]): this {
    return this.styleRange('setLinkUrl', args, 'link', (v) => (v === null ? undefined : String(v)));
  }
  private styleAt(offset?: number): CharStyle | undefined {
    for (const sg of this.segments()) {
      const f = flat(sg.node);
      if (offset === undefined) return f.styles[0];
      if (offset >= sg.start && offset < sg.end) return f.styles[offset - sg.start];
    }
    return undefined;
  }
  isBold(offset?: number): boolean {
    this.rec('isBold');
    return Boolean(this.styleAt(offset)?.b);
  }
  isItalic(offset?: number): boolean {
    this.rec('isItalic');
    return Boolean(this.styleAt(offset)?.i);
  }
  isUnderline(offset?: number): boolean {
    this.rec('isUnderline');
    return Boolean(this.styleAt(offset)?.u);
  }
  getFontSize(offset?: number): number | null {
    this.rec('getFontSize');
    return this.styleAt(offset)?.size ?? null;
  }
  getFontFamily(offset?: number): string | null {
    this.rec('getFontFamily');
    return this.styleAt(offset)?.font ?? null;
  }
  getForegroundColor(offset?: number): string | null {
    this.rec('getForegroundColor');
    return this.styleAt(offset)?.color ?? null;
  }
  getLinkUrl(offset?: number): string | null {
    this.rec('getLinkUrl');
    return this.styleAt(offset)?.link ?? null;
  }
  /** Offsets where a run of text with different attributes starts. */
  getTextAttributeIndices(): number[] {
    this.rec('getTextAttributeIndices');
    const out: number[] = [];
    for (const sg of this.segments()) {
      let pos = sg.start;
      for (const r of sg.node.runs) {
        out.push(pos);
        pos += r.t.length;
      }
    }
    return out.length ? out : [0];
  }
  replaceText(searchPattern: string, replacement: string): this {
    this.rec('replaceText', 'local', true);
    replaceTextIn(this.node, searchPattern, replacement);
    return this;
  }
  findText(searchPattern: string, from?: unknown): RangeElementEl | null {
    this.rec('findText');
    return findTextIn(this.s, this.doc, this.node, searchPattern, from);
  }
  override editAsText(): TextEl {
    return this;
  }
  override getType(): string {
    return 'TEXT';
  }
}

class SimpleEl extends El {}

class InlineImageEl extends El {
  private img(): ImageNode {
    return this.node as ImageNode;
  }
  getBlob(): SandboxBlob {
    this.rec('getBlob');
    return new SandboxBlob(Buffer.from(this.img().data, 'base64'), this.img().contentType, 'image');
  }
  getAs(contentType: string): SandboxBlob {
    this.rec('getAs');
    const b = this.getBlob();
    if (String(contentType) !== this.img().contentType) this.s.fail(`Converting from ${this.img().contentType} to ${contentType} is not supported.`);
    return b;
  }
  getWidth(): number {
    this.rec('getWidth');
    return this.img().width;
  }
  getHeight(): number {
    this.rec('getHeight');
    return this.img().height;
  }
  setWidth(w: number): this {
    this.rec('setWidth', 'local', true);
    this.img().width = Number(w);
    return this;
  }
  setHeight(h: number): this {
    this.rec('setHeight', 'local', true);
    this.img().height = Number(h);
    return this;
  }
  getAltTitle(): string | null {
    return this.img().alt ?? null;
  }
  setAltTitle(t: string): this {
    this.img().alt = String(t);
    return this;
  }
  getAltDescription(): string | null {
    return this.img().alt ?? null;
  }
  setAltDescription(t: string): this {
    this.img().alt = String(t);
    return this;
  }
  override setLinkUrl(url: string | null): this {
    this.rec('setLinkUrl', 'local', true);
    this.img().link = url === null ? undefined : String(url);
    return this;
  }
  getLinkUrl(): string | null {
    return this.img().link ?? null;
  }
}

function makeImageNode(s: Session, v: unknown): ImageNode {
  if (v instanceof InlineImageEl) return clone(v.node as ImageNode);
  const blob = toBlob(s.ctx, v, 'image');
  const bytes = blob.buffer();
  const size = imageSize(bytes);
  return { type: 'INLINE_IMAGE', data: bytes.toString('base64'), contentType: blob.getContentType() ?? 'image/png', ...size };
}

/** Paragraph and ListItem. */
class ParagraphEl extends El {
  protected p(): ParagraphNode | ListItemNode {
    return this.node as ParagraphNode | ListItemNode;
  }
  setText(text: string): this {
    this.rec('setText', 'local', true);
    const st = this.p().children.find((c): c is TextNode => c.type === 'TEXT');
    const style = st ? flat(st).styles[0] : undefined;
    this.p().children = [textNode(String(text ?? ''), cleanStyle(style))];
    return this;
  }
  appendText(text: string): TextEl {
    this.rec('appendText', 'documentElement', true);
    const t = textNode(String(text ?? ''));
    this.p().children.push(t);
    return new TextEl(this.s, this.doc, t);
  }
  insertText(childIndex: number, text: string): TextEl {
    this.rec('insertText', 'documentElement', true);
    const t = textNode(String(text ?? ''));
    this.p().children.splice(childIndex, 0, t);
    return new TextEl(this.s, this.doc, t);
  }
  appendInlineImage(image: unknown): InlineImageEl {
    this.rec('appendInlineImage', 'documentElement', true);
    const n = makeImageNode(this.s, image);
    this.p().children.push(n);
    return new InlineImageEl(this.s, this.doc, n);
  }
  insertInlineImage(childIndex: number, image: unknown): InlineImageEl {
    this.rec('insertInlineImage', 'documentElement', true);
    const n = makeImageNode(this.s, image);
    this.p().children.splice(childIndex, 0, n);
    return new InlineImageEl(this.s, this.doc, n);
  }
  appendPageBreak(): SimpleEl {
    this.rec('appendPageBreak', 'documentElement', true);
    const n: PageBreakNode = { type: 'PAGE_BREAK' };
    this.p().children.push(n);
    return new SimpleEl(this.s, this.doc, n);
  }
  appendHorizontalRule(): SimpleEl {
    this.rec('appendHorizontalRule', 'documentElement', true);
    const n: RuleNode = { type: 'HORIZONTAL_RULE' };
    this.p().children.push(n);
    return new SimpleEl(this.s, this.doc, n);
  }
  getNumChildren(): number {
    this.rec('getNumChildren');
    return this.p().children.length;
  }
  getChild(i: number): El {
    this.rec('getChild');
    const ch = this.p().children;
    if (i < 0 || i >= ch.length) indexError(this.s, i, ch.length);
    return wrap(this.s, this.doc, ch[i]);
  }
  getChildIndex(child: unknown): number {
    this.rec('getChildIndex');
    const i = child instanceof El ? (this.p().children as AnyNode[]).indexOf(child.node) : -1;
    if (i < 0) this.s.fail('Element does not contain the specified child element.');
    return i;
  }
  removeChild(child: unknown): this {
    this.rec('removeChild', 'documentElement', true);
    const i = child instanceof El ? (this.p().children as AnyNode[]).indexOf(child.node) : -1;
    if (i < 0) this.s.fail('Element does not contain the specified child element.');
    this.p().children.splice(i, 1);
    return this;
  }
  clear(): this {
    this.rec('clear', 'local', true);
    this.p().children = [];
    return this;
  }
  setHeading(heading: string): this {
    this.rec('setHeading', 'local', true);
    if (!(String(heading) in ParagraphHeading)) this.s.fail('Invalid argument: heading');
    this.p().heading = String(heading);
    return this;
  }
  getHeading(): string {
    this.rec('getHeading');
    return this.p().heading;
  }
  setAlignment(alignment: string): this {
    this.rec('setAlignment', 'local', true);
    if (!(String(alignment) in HorizontalAlignment)) this.s.fail('Invalid argument: alignment');
    this.p().attrs.align = String(alignment);
    return this;
  }
  getAlignment(): string {
    this.rec('getAlignment');
    return this.p().attrs.align ?? 'LEFT';
  }
  private attr(method: string, key: keyof ParaAttrs, v: unknown): this {
    this.rec(method, 'local', true);
    (this.p().attrs as Record<string, unknown>)[key] = v === null ? undefined : Number(v);
    return this;
  }
  setIndentStart(v: number): this {
    return this.attr('setIndentStart', 'indentStart', v);
  }
  setIndentFirstLine(v: number): this {
    return this.attr('setIndentFirstLine', 'indentFirstLine', v);
  }
  setIndentEnd(v: number): this {
    return this.attr('setIndentEnd', 'indentEnd', v);
  }
  setSpacingBefore(v: number): this {
    return this.attr('setSpacingBefore', 'spaceBefore', v);
  }
  setSpacingAfter(v: number): this {
    return this.attr('setSpacingAfter', 'spaceAfter', v);
  }
  setLineSpacing(v: number): this {
    return this.attr('setLineSpacing', 'lineSpacing', v);
  }
  getIndentStart(): number | null {
    return this.p().attrs.indentStart ?? null;
  }
  getIndentFirstLine(): number | null {
    return this.p().attrs.indentFirstLine ?? null;
  }
  getSpacingBefore(): number | null {
    return this.p().attrs.spaceBefore ?? null;
  }
  getSpacingAfter(): number | null {
    return this.p().attrs.spaceAfter ?? null;
  }
  getLineSpacing(): number | null {
    return this.p().attrs.lineSpacing ?? null;
  }
  getLinkUrl(): string | null {
    const t = textNodesOf(this.node)[0];
    return t ? (flat(t).styles[0]?.link ?? null) : null;
  }
  replaceText(searchPattern: string, replacement: string): this {
    this.rec('replaceText', 'local', true);
    replaceTextIn(this.node, searchPattern, replacement);
    return this;
  }
  findText(searchPattern: string, from?: unknown): RangeElementEl | null {
    this.rec('findText');
    return findTextIn(this.s, this.doc, this.node, searchPattern, from);
  }
  isLeftToRight(): boolean {
    return true;
  }
}

class ListItemEl extends ParagraphEl {
  private li(): ListItemNode {
    return this.node as ListItemNode;
  }
  setGlyphType(glyph: string): this {
    this.rec('setGlyphType', 'local', true);
    if (!(String(glyph) in GlyphType)) this.s.fail('Invalid argument: glyphType');
    this.li().glyph = String(glyph);
    return this;
  }
  getGlyphType(): string {
    this.rec('getGlyphType');
    return this.li().glyph;
  }
  setNestingLevel(level: number): this {
    this.rec('setNestingLevel', 'local', true);
    this.li().nesting = Math.max(0, Math.min(8, Math.floor(Number(level))));
    return this;
  }
  getNestingLevel(): number {
    this.rec('getNestingLevel');
    return this.li().nesting;
  }
  setListId(listItem: unknown): this {
    this.rec('setListId', 'local', true);
    if (!(listItem instanceof ListItemEl)) this.s.fail('Invalid argument: listItem');
    const other = listItem.node as ListItemNode;
    this.li().listId = other.listId;
    return this;
  }
  getListId(): string {
    this.rec('getListId');
    return this.li().listId;
  }
}

/** Shared by Body, HeaderSection, FooterSection and TableCell. */
abstract class ContainerEl extends El {
  protected c(): Container {
    return this.node as Container;
  }
  private blockArg(v: unknown, type: 'PARAGRAPH' | 'LIST_ITEM'): ParagraphNode | ListItemNode {
    if (v instanceof El && (v.node.type === 'PARAGRAPH' || v.node.type === 'LIST_ITEM')) {
      if (findParent(this.doc, v.node)) this.s.fail('Element must be detached.');
      return v.node;
    }
    const text = v === undefined || v === null ? '' : String(v);
    if (type === 'PARAGRAPH') return emptyParagraph(text);
    return { type: 'LIST_ITEM', heading: 'NORMAL', attrs: {}, children: text ? [textNode(text)] : [], glyph: 'BULLET', nesting: 0, listId: '' };
  }
  private insertAt(index: number, n: BlockNode): void {
    const ch = this.c().children;
    if (index < 0 || index > ch.length) indexError(this.s, index, ch.length);
    if (n.type === 'LIST_ITEM' && !n.listId) {
      const prev = ch[index - 1];
      const next = ch[index];
      const near = prev?.type === 'LIST_ITEM' ? prev : next?.type === 'LIST_ITEM' ? next : undefined;
      if (near) {
        n.listId = near.listId;
        n.glyph = near.glyph;
      } else n.listId = `kix.${this.s.ctx.newId('number')}`;
    }
    ch.splice(index, 0, n);
  }
  appendParagraph(v: unknown): ParagraphEl {
    this.rec('appendParagraph', 'documentElement', true);
    const n = this.blockArg(v, 'PARAGRAPH');
    this.insertAt(this.c().children.length, n);
    return wrap(this.s, this.doc, n) as ParagraphEl;
  }
  insertParagraph(index: number, v: unknown): ParagraphEl {
    this.rec('insertParagraph', 'documentElement', true);
    const n = this.blockArg(v, 'PARAGRAPH');
    this.insertAt(Number(index), n);
    return wrap(this.s, this.doc, n) as ParagraphEl;
  }
  appendListItem(v: unknown): ListItemEl {
    this.rec('appendListItem', 'documentElement', true);
    const n = this.blockArg(v, 'LIST_ITEM');
    this.insertAt(this.c().children.length, n);
    return wrap(this.s, this.doc, n) as ListItemEl;
  }
  insertListItem(index: number, v: unknown): ListItemEl {
    this.rec('insertListItem', 'documentElement', true);
    const n = this.blockArg(v, 'LIST_ITEM');
    this.insertAt(Number(index), n);
    return wrap(this.s, this.doc, n) as ListItemEl;
  }
  private tableArg(v: unknown): TableNode {
    if (v instanceof TableEl) {
      if (findParent(this.doc, v.node)) this.s.fail('Element must be detached.');
      return v.node as TableNode;
    }
    const t: TableNode = { type: 'TABLE', rows: [], borderWidth: 1, borderColor: '#000000', columnWidths: {} };
    if (v === undefined || v === null) return t;
    if (!Array.isArray(v) || !v.every((r) => Array.isArray(r))) return this.s.fail('Invalid argument: cells');
    const rows = v as unknown[][];
    const width = Math.max(0, ...rows.map((r) => r.length));
    t.rows = rows.map((r) => ({
      type: 'TABLE_ROW',
      cells: Array.from({ length: width }, (_x, i) => emptyCell(r[i] === undefined || r[i] === null ? '' : String(r[i]))),
    }));
    return t;
  }
  appendTable(cells?: unknown): TableEl {
    this.rec('appendTable', 'documentElement', true);
    const n = this.tableArg(cells);
    this.insertAt(this.c().children.length, n);
    return new TableEl(this.s, this.doc, n);
  }
  insertTable(index: number, cells?: unknown): TableEl {
    this.rec('insertTable', 'documentElement', true);
    const n = this.tableArg(cells);
    this.insertAt(Number(index), n);
    return new TableEl(this.s, this.doc, n);
  }
  appendImage(image: unknown): InlineImageEl {
    this.rec('appendImage', 'documentElement', true);
    const img = makeImageNode(this.s, image);
    const p = emptyParagraph();
    p.children.push(img);
    this.insertAt(this.c().children.length, p);
    return new InlineImageEl(this.s, this.doc, img);
  }
  insertImage(index: number, image: unknown): InlineImageEl {
    this.rec('insertImage', 'documentElement', true);
    const img = makeImageNode(this.s, image);
    const p = emptyParagraph();
    p.children.push(img);
    this.insertAt(Number(index), p);
    return new InlineImageEl(this.s, this.doc, img);
  }
  appendHorizontalRule(): SimpleEl {
    this.rec('appendHorizontalRule', 'documentElement', true);
    const hr: RuleNode = { type: 'HORIZONTAL_RULE' };
    const p = emptyParagraph();
    p.children.push(hr);
    this.insertAt(this.c().children.length, p);
    return new SimpleEl(this.s, this.doc, hr);
  }
  getNumChildren(): number {
    this.rec('getNumChildren');
    return this.c().children.length;
  }
  getChild(i: number): El {
    this.rec('getChild');
    const ch = this.c().children;
    if (i < 0 || i >= ch.length) indexError(this.s, i, ch.length);
    return wrap(this.s, this.doc, ch[i]);
  }
  getChildIndex(child: unknown): number {
    this.rec('getChildIndex');
    const i = child instanceof El ? (this.c().children as AnyNode[]).indexOf(child.node) : -1;
    if (i < 0) this.s.fail('Element does not contain the specified child element.');
    return i;
  }
  removeChild(child: unknown): this {
    this.rec('removeChild', 'documentElement', true);
    const ch = this.c().children;
    const i = child instanceof El ? (ch as AnyNode[]).indexOf(child.node) : -1;
    if (i < 0) this.s.fail('Element does not contain the specified child element.');
    if (this.c().type === 'BODY_SECTION' && ch[i].type === 'PARAGRAPH' && ch.filter((b) => b.type !== 'TABLE').length === 1) {
      this.s.fail("Can't remove the last paragraph in a document section.");
    }
    ch.splice(i, 1);
    return this;
  }
  clear(): this {
    this.rec('clear', 'documentElement', true);
    this.c().children = [emptyParagraph()];
    return this;
  }
  setText(text: string): this {
    this.rec('setText', 'documentElement', true);
    this.c().children = String(text ?? '')
      .split('\n')
      .map((line) => emptyParagraph(line));
    return this;
  }
  getParagraphs(): El[] {
    this.rec('getParagraphs');
    return paragraphsOf(this.node).map((p) => wrap(this.s, this.doc, p));
  }
  getTables(): TableEl[] {
    this.rec('getTables');
    const out: TableEl[] = [];
    const walk = (n: AnyNode) => {
      for (const c of childrenOf(n)) {
        if (c.type === 'TABLE') out.push(new TableEl(this.s, this.doc, c));
        if (c.type === 'TABLE' || c.type === 'TABLE_ROW' || c.type === 'TABLE_CELL') walk(c);
      }
    };
    walk(this.node);
    return out;
  }
  getListItems(): ListItemEl[] {
    this.rec('getListItems');
    return paragraphsOf(this.node)
      .filter((p) => p.type === 'LIST_ITEM')
      .map((p) => new ListItemEl(this.s, this.doc, p));
  }
  getImages(): InlineImageEl[] {
    this.rec('getImages');
    return paragraphsOf(this.node).flatMap((p) =>
      p.children.filter((c): c is ImageNode => c.type === 'INLINE_IMAGE').map((c) => new InlineImageEl(this.s, this.doc, c)),
    );
  }
  replaceText(searchPattern: string, replacement: string): this {
    this.rec('replaceText', 'local', true);
    replaceTextIn(this.node, searchPattern, replacement);
    return this;
  }
  findText(searchPattern: string, from?: unknown): RangeElementEl | null {
    this.rec('findText');
    return findTextIn(this.s, this.doc, this.node, searchPattern, from);
  }
  findElement(elementType: string, from?: unknown): { getElement(): El; isPartial(): boolean } | null {
    this.rec('findElement');
    const all: AnyNode[] = [];
    const walk = (n: AnyNode) => {
      for (const c of childrenOf(n)) {
        all.push(c);
        walk(c);
      }
    };
    walk(this.node);
    let start = 0;
    if (from && typeof (from as { getElement?: unknown }).getElement === 'function') {
      const el = (from as { getElement(): unknown }).getElement();
      if (el instanceof El) start = all.indexOf(el.node) + 1;
    }
    const hit = all.slice(start).find((n) => n.type === String(elementType));
    if (!hit) return null;
    const el = wrap(this.s, this.doc, hit);
    return { getElement: () => el, isPartial: () => false };
  }
}

class SectionEl extends ContainerEl {
  appendPageBreak(): SimpleEl {
    this.rec('appendPageBreak', 'documentElement', true);
    const pb: PageBreakNode = { type: 'PAGE_BREAK' };
    const p = emptyParagraph();
    p.children.push(pb);
    this.c().children.push(p);
    return new SimpleEl(this.s, this.doc, pb);
  }
  // Page setup is recorded by nobody; these return Google's defaults (points, US Letter).
  getPageWidth(): number {
    return 612;
  }
  getPageHeight(): number {
    return 792;
  }
  getMarginTop(): number {
    return 72;
  }
  getMarginBottom(): number {
    return 72;
  }
  getMarginLeft(): number {
    return 72;
  }
  getMarginRight(): number {
    return 72;
  }
  setPageWidth(): this {
    return this;
  }
  setPageHeight(): this {
    return this;
  }
  setMarginTop(): this {
    return this;
  }
  setMarginBottom(): this {
    return this;
  }
  setMarginLeft(): this {
    return this;
  }
  setMarginRight(): this {
    return this;
  }
  override getParent(): El | null {
    return null;
  }
}

class TableCellEl extends ContainerEl {
  private cell(): TableCellNode {
    return this.node as TableCellNode;
  }
  setBackgroundColor(color: string | null): this {
    this.rec('setBackgroundColor', 'local', true);
    this.cell().bg = color === null ? undefined : String(color);
    return this;
  }
  getBackgroundColor(): string | null {
    this.rec('getBackgroundColor');
    return this.cell().bg ?? null;
  }
  setWidth(w: number): this {
    this.rec('setWidth', 'local', true);
    this.cell().width = Number(w);
    return this;
  }
  getWidth(): number | null {
    return this.cell().width ?? null;
  }
  getParentRow(): TableRowEl | null {
    const p = findParent(this.doc, this.node);
    return p && p.type === 'TABLE_ROW' ? new TableRowEl(this.s, this.doc, p) : null;
  }
  getParentTable(): TableEl | null {
    const row = findParent(this.doc, this.node);
    const t = row ? findParent(this.doc, row) : null;
    return t && t.type === 'TABLE' ? new TableEl(this.s, this.doc, t) : null;
  }
  getColSpan(): number {
    return 1;
  }
  getRowSpan(): number {
    return 1;
  }
  setVerticalAlignment(): this {
    return this;
  }
  setPaddingTop(): this {
    return this;
  }
  setPaddingBottom(): this {
    return this;
  }
  setPaddingLeft(): this {
    return this;
  }
  setPaddingRight(): this {
    return this;
  }
}

class TableRowEl extends El {
  private row(): TableRowNode {
    return this.node as TableRowNode;
  }
  appendTableCell(v?: unknown): TableCellEl {
    this.rec('appendTableCell', 'documentElement', true);
    let cell: TableCellNode;
    if (v instanceof TableCellEl) {
      if (findParent(this.doc, v.node)) this.s.fail('Element must be detached.');
      cell = v.node as TableCellNode;
    } else cell = emptyCell(v === undefined || v === null ? '' : String(v));
    this.row().cells.push(cell);
    return new TableCellEl(this.s, this.doc, cell);
  }
  insertTableCell(index: number, v?: unknown): TableCellEl {
    this.rec('insertTableCell', 'documentElement', true);
    const cell = emptyCell(v === undefined || v === null ? '' : String(v));
    this.row().cells.splice(Number(index), 0, cell);
    return new TableCellEl(this.s, this.doc, cell);
  }
  getNumCells(): number {
    this.rec('getNumCells');
    return this.row().cells.length;
  }
  getNumChildren(): number {
    return this.getNumCells();
  }
  getCell(i: number): TableCellEl {
    this.rec('getCell');
    const cells = this.row().cells;
    if (i < 0 || i >= cells.length) indexError(this.s, i, cells.length);
    return new TableCellEl(this.s, this.doc, cells[i]);
  }
  getChild(i: number): TableCellEl {
    return this.getCell(i);
  }
  removeCell(i: number): TableCellEl {
    this.rec('removeCell', 'documentElement', true);
    const cells = this.row().cells;
    if (i < 0 || i >= cells.length) indexError(this.s, i, cells.length);
    const [c] = cells.splice(i, 1);
    return new TableCellEl(this.s, this.doc, c);
  }
  getParentTable(): TableEl | null {
    const t = findParent(this.doc, this.node);
    return t && t.type === 'TABLE' ? new TableEl(this.s, this.doc, t) : null;
  }
  setMinimumHeight(h: number): this {
    this.row().minHeight = Number(h);
    return this;
  }
  getMinimumHeight(): number {
    return this.row().minHeight ?? 0;
  }
  replaceText(searchPattern: string, replacement: string): this {
    this.rec('replaceText', 'local', true);
    replaceTextIn(this.node, searchPattern, replacement);
    return this;
  }
}

class TableEl extends El {
  private t(): TableNode {
    return this.node as TableNode;
  }
  appendTableRow(v?: unknown): TableRowEl {
    this.rec('appendTableRow', 'documentElement', true);
    let row: TableRowNode;
    if (v instanceof TableRowEl) {
      if (findParent(this.doc, v.node)) this.s.fail('Element must be detached.');
      row = v.node as TableRowNode;
    } else row = { type: 'TABLE_ROW', cells: [] };
    this.t().rows.push(row);
    return new TableRowEl(this.s, this.doc, row);
  }
  insertTableRow(index: number): TableRowEl {
    this.rec('insertTableRow', 'documentElement', true);
    const row: TableRowNode = { type: 'TABLE_ROW', cells: [] };
    this.t().rows.splice(Number(index), 0, row);
    return new TableRowEl(this.s, this.doc, row);
  }
  getNumRows(): number {
    this.rec('getNumRows');
    return this.t().rows.length;
  }
  getNumChildren(): number {
    return this.getNumRows();
  }
  getRow(i: number): TableRowEl {
    this.rec('getRow');
    const rows = this.t().rows;
    if (i < 0 || i >= rows.length) indexError(this.s, i, rows.length);
    return new TableRowEl(this.s, this.doc, rows[i]);
  }
  getChild(i: number): TableRowEl {
    return this.getRow(i);
  }
  removeRow(i: number): TableRowEl {
    this.rec('removeRow', 'documentElement', true);
    const rows = this.t().rows;
    if (i < 0 || i >= rows.length) indexError(this.s, i, rows.length);
    const [r] = rows.splice(i, 1);
    return new TableRowEl(this.s, this.doc, r);
  }
  getCell(r: number, c: number): TableCellEl {
    this.rec('getCell');
    const rows = this.t().rows;
    if (r < 0 || r >= rows.length) indexError(this.s, r, rows.length);
    const cells = rows[r].cells;
    if (c < 0 || c >= cells.length) indexError(this.s, c, cells.length);
    return new TableCellEl(this.s, this.doc, cells[c]);
  }
  setBorderWidth(w: number): this {
    this.rec('setBorderWidth', 'local', true);
    this.t().borderWidth = Number(w);
    return this;
  }
  getBorderWidth(): number {
    return this.t().borderWidth;
  }
  setBorderColor(color: string): this {
    this.rec('setBorderColor', 'local', true);
    this.t().borderColor = String(color);
    return this;
  }
  getBorderColor(): string {
    return this.t().borderColor;
  }
  setColumnWidth(col: number, width: number): this {
    this.rec('setColumnWidth', 'local', true);
    this.t().columnWidths[String(col)] = Number(width);
    return this;
  }
  getColumnWidth(col: number): number | null {
    return this.t().columnWidths[String(col)] ?? null;
  }
  replaceText(searchPattern: string, replacement: string): this {
    this.rec('replaceText', 'local', true);
    replaceTextIn(this.node, searchPattern, replacement);
    return this;
  }
  findText(searchPattern: string, from?: unknown): RangeElementEl | null {
    this.rec('findText');
    return findTextIn(this.s, this.doc, this.node, searchPattern, from);
  }
}

class DocumentObj {
  constructor(
    private readonly s: Session,
    private readonly model: DocModel,
  ) {}
  private live(): void {
    if (this.s.closed.has(this.model.id)) this.s.fail(DOC_CLOSED);
  }
  getId(): string {
    this.s.rec('Document.getId');
    return this.model.id;
  }
  getName(): string {
    this.s.rec('Document.getName');
    return driveItem(this.s.ctx.state, this.model.id)?.name ?? '';
  }
  setName(name: string): this {
    this.s.rec('Document.setName', 'documentElement');
    this.live();
    const it = driveItem(this.s.ctx.state, this.model.id);
    if (it) {
      it.name = String(name);
      it.updated = this.s.ctx.now();
    }
    return this;
  }
  getUrl(): string {
    this.s.rec('Document.getUrl');
    return fileUrl({ id: this.model.id, mimeType: GOOGLE_DOC_MIME, kind: 'file' });
  }
  getBody(): SectionEl {
    this.s.rec('Document.getBody');
    return new SectionEl(this.s, this.model, this.model.body);
  }
  getHeader(): SectionEl | null {
    this.s.rec('Document.getHeader');
    return this.model.header ? new SectionEl(this.s, this.model, this.model.header) : null;
  }
  getFooter(): SectionEl | null {
    this.s.rec('Document.getFooter');
    return this.model.footer ? new SectionEl(this.s, this.model, this.model.footer) : null;
  }
  addHeader(): SectionEl {
    this.s.rec('Document.addHeader', 'documentElement');
    this.live();
    if (this.model.header) this.s.fail('Document already contains a header.');
    this.model.header = { type: 'HEADER_SECTION', children: [emptyParagraph()] };
    return new SectionEl(this.s, this.model, this.model.header);
  }
  addFooter(): SectionEl {
    this.s.rec('Document.addFooter', 'documentElement');
    this.live();
    if (this.model.footer) this.s.fail('Document already contains a footer.');
    this.model.footer = { type: 'FOOTER_SECTION', children: [emptyParagraph()] };
    return new SectionEl(this.s, this.model, this.model.footer);
  }
  saveAndClose(): void {
    this.s.rec('Document.saveAndClose', 'documentSave');
    const it = driveItem(this.s.ctx.state, this.model.id);
    if (it) it.updated = this.s.ctx.now();
    this.s.closed.add(this.model.id);
  }
  getAs(contentType: string): SandboxBlob {
    const type = String(contentType);
    if (type !== 'application/pdf') {
      this.s.rec('Document.getAs');
      return this.s.fail(`Converting from ${GOOGLE_DOC_MIME} to ${type} is not supported.`);
    }
    this.s.rec('Document.getAs', 'pdfConvert');
    const name = this.getName();
    return new SandboxBlob(documentToPdf(this.model, name), 'application/pdf', `${name}.pdf`);
  }
  getBlob(): SandboxBlob {
    return this.getAs('application/pdf');
  }
  getEditors(): Array<{ getEmail(): string }> {
    this.s.rec('Document.getEditors');
    const it = driveItem(this.s.ctx.state, this.model.id);
    return [it?.owner ?? '', ...(it?.editors ?? [])].filter(Boolean).map((e) => ({ getEmail: () => e, toString: () => e }));
  }
  addEditor(user: unknown): this {
    this.s.rec('Document.addEditor');
    const it = driveItem(this.s.ctx.state, this.model.id);
    const email = typeof user === 'string' ? user : String((user as { getEmail?: () => string })?.getEmail?.() ?? '');
    if (it && email && !it.editors.includes(email)) it.editors.push(email);
    return this;
  }
  addViewer(user: unknown): this {
    this.s.rec('Document.addViewer');
    const it = driveItem(this.s.ctx.state, this.model.id);
    const email = typeof user === 'string' ? user : String((user as { getEmail?: () => string })?.getEmail?.() ?? '');
    if (it && email && !it.viewers.includes(email)) it.viewers.push(email);
    return this;
  }
  getCursor(): null {
    return null;
  }
  getSelection(): null {
    return null;
  }
  getLanguage(): string {
    return 'en';
  }
  toString(): string {
    return 'Document';
  }
}

function makeDocumentApp(ctx: ServiceContext): Record<string, unknown> {
  const s = new Session(ctx);
  const auth = (m: string) => ctx.exec.requireAuth(`DocumentApp.${m}`);
  const open = (id: string): DocumentObj => {
    const docs = docSlice(ctx.state);
    const d = driveSlice(ctx.state);
    const it = d.items[id];
    const model = docs.docs[id];
    if (!it || it.mimeType !== GOOGLE_DOC_MIME || !model) return scriptFail(ctx, DOC_MISSING);
    // A trashed Doc stays openable by id, as in Drive.
    s.closed.delete(id);
    return new DocumentObj(s, model);
  };
  return {
    ParagraphHeading,
    HorizontalAlignment,
    VerticalAlignment,
    TextAlignment,
    GlyphType,
    ElementType,
    Attribute,
    create(name: unknown) {
      auth('create');
      s.rec('create', 'documentCreate');
      if (typeof name !== 'string' || !name) return scriptFail(ctx, 'Invalid argument: name');
      const id = createGoogleFile(ctx, name, GOOGLE_DOC_MIME);
      docSlice(ctx.state).docs[id] = newDocModel(id);
      return new DocumentObj(s, docSlice(ctx.state).docs[id]);
    },
    openById(id: unknown) {
      auth('openById');
      s.rec('openById', 'documentOpen');
      return open(String(id));
    },
    openByUrl(url: unknown) {
      auth('openByUrl');
      s.rec('openByUrl', 'documentOpen');
      const m = /\/d\/([A-Za-z0-9_-]+)/.exec(String(url));
      if (!m) return scriptFail(ctx, DOC_MISSING);
      return open(m[1]);
    },
    getActiveDocument() {
      s.rec('getActiveDocument');
      return null;
    },
    getUi() {
      return scriptFail(ctx, 'Cannot call DocumentApp.getUi() from this context.');
    },
    toString() {
      return 'DocumentApp';
    },
  };
}

export const documentService: ServiceModule = {
  name: 'document',
  install: (ctx) => ({ DocumentApp: makeDocumentApp(ctx) }),
};

// ---------------------------------------------------------------------------------------------
// Host rendering

/** The model of a document (undefined when there is none). */
export function getDocumentModel(state: SandboxState, docId: string): DocModel | undefined {
  return docSlice(state).docs[docId];
}

/** Stores a document model (the Docs advanced service writes whole models, atomically). */
export function putDocumentModel(state: SandboxState, model: DocModel): void {
  docSlice(state).docs[model.id] = model;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const safeColor = (c: string | undefined): string | undefined => (c && /^#[0-9a-fA-F]{3,8}$|^[a-zA-Z]+$/.test(c) ? c : undefined);
const safeUrl = (u: string): string => (/^(https?:|mailto:|#)/i.test(u) ? u : '#');

function runHtml(r: Run): string {
  let h = esc(r.t).replace(/\r?\n|\r/g, '<br>');
  const s = r.s;
  if (!s) return h;
  const css: string[] = [];
  if (s.size) css.push(`font-size:${Number(s.size)}pt`);
  if (safeColor(s.color)) css.push(`color:${safeColor(s.color)}`);
  if (safeColor(s.bg)) css.push(`background:${safeColor(s.bg)}`);
  if (s.font) css.push(`font-family:${esc(JSON.stringify(String(s.font)))}`);
  if (css.length) h = `<span style="${css.join(';')}">${h}</span>`;
  if (s.b) h = `<strong>${h}</strong>`;
  if (s.i) h = `<em>${h}</em>`;
  if (s.u) h = `<u>${h}</u>`;
  if (s.s) h = `<s>${h}</s>`;
  if (s.link) h = `<a href="${esc(safeUrl(s.link))}">${h}</a>`;
  return h;
}

function inlineHtml(children: InlineNode[]): string {
  return children
    .map((c) => {
      switch (c.type) {
        case 'TEXT':
          return c.runs.map(runHtml).join('');
        case 'INLINE_IMAGE': {
          const img = `<img src="data:${esc(c.contentType)};base64,${c.data}" width="${Math.round(c.width)}" height="${Math.round(c.height)}" alt="${esc(c.alt ?? '')}">`;
          return c.link ? `<a href="${esc(safeUrl(c.link))}">${img}</a>` : img;
        }
        case 'PAGE_BREAK':
          return '<hr class="page-break" title="page break">';
        case 'HORIZONTAL_RULE':
          return '<hr>';
        case 'UNSUPPORTED':
          // A page number: the page it is printed on (shown as # on screen).
          return '<span class="page-number" title="page number">#</span>';
        default:
          return '';
      }
    })
    .join('');
}

function paraStyle(p: ParagraphNode | ListItemNode): string {
  const css: string[] = [];
  const a = p.attrs;
  if (a.align) css.push(`text-align:${a.align.toLowerCase()}`);
  if (a.indentStart !== undefined && p.type === 'PARAGRAPH') css.push(`margin-left:${a.indentStart}pt`);
  if (a.indentFirstLine !== undefined && a.indentStart !== undefined && p.type === 'PARAGRAPH') css.push(`text-indent:${a.indentFirstLine - a.indentStart}pt`);
  if (a.spaceBefore !== undefined) css.push(`margin-top:${a.spaceBefore}pt`);
  if (a.spaceAfter !== undefined) css.push(`margin-bottom:${a.spaceAfter}pt`);
  if (a.lineSpacing !== undefined) css.push(`line-height:${a.lineSpacing}`);
  return css.length ? ` style="${css.join(';')}"` : '';
}

const HEADING_TAG: Record<string, string> = {
  TITLE: 'h1 class="title"',
  SUBTITLE: 'p class="subtitle"',
  HEADING1: 'h1',
  HEADING2: 'h2',
  HEADING3: 'h3',
  HEADING4: 'h4',
  HEADING5: 'h5',
  HEADING6: 'h6',
  NORMAL: 'p',
};

const isOrdered = (glyph: string) => !/BULLET/.test(glyph);
const listStyle: Record<string, string> = {
  BULLET: 'disc',
  HOLLOW_BULLET: 'circle',
  SQUARE_BULLET: 'square',
  NUMBER: 'decimal',
  LATIN_UPPER: 'upper-alpha',
  LATIN_LOWER: 'lower-alpha',
  ROMAN_UPPER: 'upper-roman',
  ROMAN_LOWER: 'lower-roman',
};

function blocksHtml(blocks: BlockNode[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < blocks.length) {
    const b = blocks[i];
    if (b.type === 'LIST_ITEM') {
      const items: ListItemNode[] = [];
      while (i < blocks.length && blocks[i].type === 'LIST_ITEM' && (blocks[i] as ListItemNode).listId === b.listId) {
        items.push(blocks[i] as ListItemNode);
        i++;
      }
      out.push(listHtml(items, 0));
      continue;
    }
    i++;
    if (b.type === 'TABLE') {
      const bw = Math.max(0, b.borderWidth);
      const border = bw > 0 ? `${bw}px solid ${safeColor(b.borderColor) ?? '#000'}` : 'none';
      const rows = b.rows
        .map((r) => {
          const cells = r.cells
            .map((c, ci) => {
              const css = [`border:${border}`, 'padding:4px 6px', 'vertical-align:top'];
              if (safeColor(c.bg)) css.push(`background:${safeColor(c.bg)}`);
              const w = c.width ?? b.columnWidths[String(ci)];
              if (w) css.push(`width:${w}pt`);
              return `<td style="${css.join(';')}">${blocksHtml(c.children)}</td>`;
            })
            .join('');
          return `<tr>${cells}</tr>`;
        })
        .join('\n');
      out.push(`<table style="border-collapse:collapse;border:${border}">\n${rows}\n</table>`);
      continue;
    }
    if (b.children.length && b.children.every((c) => c.type === 'PAGE_BREAK' || c.type === 'HORIZONTAL_RULE')) {
      // An <hr> may not sit inside a <p>.
      out.push(inlineHtml(b.children));
      continue;
    }
    const tag = HEADING_TAG[b.heading] ?? 'p';
    const close = tag.split(' ')[0];
    const inner = inlineHtml(b.children);
    out.push(`<${tag}${paraStyle(b)}>${inner || (b.children.length ? '' : '<br>')}</${close}>`);
  }
  return out.join('\n');
}

function listHtml(items: ListItemNode[], level: number): string {
  const first = items[0];
  const tag = isOrdered(first.glyph) ? 'ol' : 'ul';
  const parts: string[] = [];
  let i = 0;
  while (i < items.length) {
    const it = items[i];
    if (it.nesting > level) {
      const sub: ListItemNode[] = [];
      while (i < items.length && items[i].nesting > level) sub.push(items[i++]);
      const nested = listHtml(sub, level + 1);
      if (parts.length) parts[parts.length - 1] = parts[parts.length - 1].replace(/<\/li>$/, `${nested}</li>`);
      else parts.push(`<li style="list-style:none">${nested}</li>`);
      continue;
    }
    parts.push(`<li${paraStyle(it)}>${inlineHtml(it.children)}</li>`);
    i++;
  }
  return `<${tag} style="list-style-type:${listStyle[first.glyph] ?? 'disc'}">${parts.join('')}</${tag}>`;
}

/** A readable standalone HTML page of a document (for the workbench). */
export function renderDocumentHtml(state: SandboxState, docId: string): string {
  const model = getDocumentModel(state, docId);
  const name = driveItem(state, docId)?.name ?? docId;
  if (!model) return `<!doctype html><meta charset="utf-8"><title>${esc(name)}</title><p>No document ${esc(docId)}</p>`;
  const header = model.header ? `<header class="doc-header">${blocksHtml(model.header.children)}</header>\n` : '';
  const footer = model.footer ? `\n<footer class="doc-footer">${blocksHtml(model.footer.children)}</footer>` : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(name)}</title>
<style>
body{background:#f1f3f4;margin:0;font-family:Arial,Helvetica,sans-serif;font-size:11pt;color:#202124}
.page{background:#fff;max-width:8.27in;margin:24px auto;padding:0.8in 1in;box-shadow:0 1px 3px rgba(0,0,0,.3)}
h1.title{font-size:26pt;font-weight:normal;margin:0 0 6pt}
p.subtitle{font-size:15pt;color:#666;margin:0 0 12pt}
h1{font-size:20pt}h2{font-size:16pt}h3{font-size:14pt}h4{font-size:12pt}h5,h6{font-size:11pt}
p{margin:0 0 6pt;line-height:1.3}
table{margin:6pt 0}td p{margin:0}
hr.page-break{border:none;border-top:2px dashed #999;margin:24pt -1in;position:relative}
hr.page-break::after{content:"page break";position:absolute;right:8px;top:-10px;font-size:8pt;color:#999;background:#fff;padding:0 4px}
.doc-header,.doc-footer{color:#555;font-size:9pt}
.doc-header{border-bottom:1px solid #ddd;margin-bottom:12pt}
.doc-footer{border-top:1px solid #ddd;margin-top:12pt}
</style></head>
<body><div class="page">
${header}<main>
${blocksHtml(model.body.children)}
</main>${footer}
</div></body></html>
`;
}

function inlineText(children: InlineNode[]): string {
  return children
    .map((c) => {
      if (c.type === 'TEXT') return nodeText(c);
      if (c.type === 'INLINE_IMAGE') return '[image]';
      if (c.type === 'PAGE_BREAK') return '\f';
      if (c.type === 'UNSUPPORTED') return '#';
      return '----------';
    })
    .join('');
}

function blocksText(blocks: BlockNode[]): string[] {
  const markers = listMarkers(blocks);
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.type === 'TABLE') {
      for (const r of b.rows) lines.push(r.cells.map((c) => blocksText(c.children).join(' ').replace(/\t/g, ' ')).join('\t'));
      continue;
    }
    const text = inlineText(b.children);
    if (b.type === 'LIST_ITEM') lines.push(`${'  '.repeat(b.nesting)}${markers.get(b) ?? '- '}${text}`);
    else lines.push(text);
  }
  return lines;
}

/** The document as plain text: tables as tab-separated rows, list items with "- " or "1. ". */
export function renderDocumentText(state: SandboxState, docId: string): string {
  const model = getDocumentModel(state, docId);
  if (!model) return '';
  const parts: string[] = [];
  if (model.header) parts.push(...blocksText(model.header.children), '');
  parts.push(...blocksText(model.body.children));
  if (model.footer) parts.push('', ...blocksText(model.footer.children));
  return parts.join('\n');
}
