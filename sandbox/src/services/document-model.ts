/**
 * The Google Docs model shared by DocumentApp (services/document.ts), DriveApp and the PDF writer:
 * plain JSON kept in the 'document' slice of state. It lives apart from the service so that the
 * PDF writer and Drive can read documents without importing the service (no import cycles).
 */

export interface CharStyle {
  b?: boolean;
  i?: boolean;
  u?: boolean;
  s?: boolean;
  size?: number;
  color?: string;
  bg?: string;
  link?: string;
  font?: string;
}
export interface Run {
  t: string;
  s?: CharStyle;
}
export interface TextNode {
  type: 'TEXT';
  runs: Run[];
}
export interface ImageNode {
  type: 'INLINE_IMAGE';
  /** base64 bytes */
  data: string;
  contentType: string;
  width: number;
  height: number;
  alt?: string;
  link?: string;
}
export interface PageBreakNode {
  type: 'PAGE_BREAK';
}
export interface RuleNode {
  type: 'HORIZONTAL_RULE';
}
/**
 * An AutoText element a person inserts in Google Docs (Insert > Page numbers): read-only for
 * scripts. DocumentApp shows it as an UnsupportedElement (ElementType.UNSUPPORTED); the Docs API
 * returns it as `autoText: {type: 'PAGE_NUMBER'}` and has no request that inserts one.
 */
export interface AutoTextNode {
  type: 'UNSUPPORTED';
  autoText: 'PAGE_NUMBER';
}
export type InlineNode = TextNode | ImageNode | PageBreakNode | RuleNode | AutoTextNode;
export interface ParaAttrs {
  align?: string;
  indentStart?: number;
  indentFirstLine?: number;
  indentEnd?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  lineSpacing?: number;
}
export interface ParagraphNode {
  type: 'PARAGRAPH';
  heading: string;
  attrs: ParaAttrs;
  children: InlineNode[];
}
export interface ListItemNode {
  type: 'LIST_ITEM';
  heading: string;
  attrs: ParaAttrs;
  children: InlineNode[];
  glyph: string;
  nesting: number;
  listId: string;
}
export interface TableCellNode {
  type: 'TABLE_CELL';
  children: BlockNode[];
  bg?: string;
  width?: number;
}
export interface TableRowNode {
  type: 'TABLE_ROW';
  cells: TableCellNode[];
  minHeight?: number;
}
export interface TableNode {
  type: 'TABLE';
  rows: TableRowNode[];
  borderWidth: number;
  borderColor: string;
  columnWidths: Record<string, number>;
}
export type BlockNode = ParagraphNode | ListItemNode | TableNode;
export interface SectionNode {
  type: 'BODY_SECTION' | 'HEADER_SECTION' | 'FOOTER_SECTION';
  children: BlockNode[];
}
export interface DocModel {
  id: string;
  body: SectionNode;
  header?: SectionNode;
  footer?: SectionNode;
  /** Page size and margins in points, when set (Docs API updateDocumentStyle). */
  page?: { width?: number; height?: number; marginTop?: number; marginBottom?: number; marginLeft?: number; marginRight?: number };
  /** Counts Docs API batchUpdates (the API's revisionId). */
  revision?: number;
}
export interface DocumentSlice {
  docs: Record<string, DocModel>;
}

const toLatin = (n: number, upper: boolean): string => {
  let s = '';
  let x = n;
  while (x > 0) {
    x--;
    s = String.fromCharCode(97 + (x % 26)) + s;
    x = Math.floor(x / 26);
  }
  return upper ? s.toUpperCase() : s;
};
const toRoman = (n: number, upper: boolean): string => {
  const table: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let s = '';
  let x = n;
  for (const [v, r] of table) while (x >= v) {
    s += r;
    x -= v;
  }
  return upper ? s.toUpperCase() : s;
};

/** The marker of a list item ("- ", "1. ", "a. "...), counting items of the same list and level. */
export function listMarker(glyph: string, n: number): string {
  switch (glyph) {
    case 'NUMBER':
      return `${n}. `;
    case 'LATIN_UPPER':
      return `${toLatin(n, true)}. `;
    case 'LATIN_LOWER':
      return `${toLatin(n, false)}. `;
    case 'ROMAN_UPPER':
      return `${toRoman(n, true)}. `;
    case 'ROMAN_LOWER':
      return `${toRoman(n, false)}. `;
    default:
      return '- ';
  }
}

/** Numbers list items: for each list item node, its marker. */
export function listMarkers(blocks: BlockNode[]): Map<ListItemNode, string> {
  const counters = new Map<string, number[]>();
  const out = new Map<ListItemNode, string>();
  for (const b of blocks) {
    if (b.type !== 'LIST_ITEM') continue;
    const c = counters.get(b.listId) ?? [];
    c[b.nesting] = (c[b.nesting] ?? 0) + 1;
    c.length = b.nesting + 1;
    counters.set(b.listId, c);
    out.set(b, listMarker(b.glyph, c[b.nesting]));
  }
  return out;
}
