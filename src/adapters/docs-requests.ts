/**
 * The report's blocks (src/core/report/layout.ts) as Google Docs API requests, for ONE
 * documents.batchUpdate on a new, empty Doc. Pure: no Apps Script service is called here.
 *
 * Indexes follow the Docs API: the body starts at 1, each paragraph ends in "\n", a table takes
 * one index, each row one and each cell one before its content. All text and tables go in first,
 * in document order, always at the end of the body (so nothing already placed moves); the styles
 * follow, by the final ranges. Text goes in unstyled, so nothing inherits a neighbour's style, and
 * a new paragraph copies the (still plain) style of the one it splits from.
 *
 * What the Docs API cannot insert (an image from a blob: insertInlineImage wants a public URL; a
 * horizontal rule: no request exists) gets an empty paragraph, a slot, whose body child index is
 * returned so that DocumentApp can fill it (see fillSlots in docs.ts).
 */
import type { Block } from '../core/report';

export type DocsRequest = Record<string, unknown>;

export const FONT = 'Arial';
export const HEADER_BG = '#e8eaed';
export const DRAFT_BG = '#fff4ce';

/** A figure: "1.234", "12,5%", "4.200 (+20,0%)", "+7 baru", "—" is not. */
export const NUMERIC = /^[+-]?\d[\d.]*(,\d+)?%?( \([^)]*\))?( [a-z]+)?$/;

/** Column widths (points) of the report's tables, by table key. */
export const WIDTHS: Record<string, number[]> = {
  tabel_strategi: [28, 80, 345],
  tabel_publikasi: [28, 80, 62, 140, 143],
  tabel_unggulan: [22, 56, 62, 99, 50, 60, 104],
  tabel_kepatuhan: [48, 72, 62, 90, 90, 91],
  tabel_persetujuan: [300, 153],
  tabel_putaran: [62, 50, 80, 40, 55, 45, 55, 66],
};

/** The report's tables of figures (short by nature); the lists of posts are left as they are. */
export const FIGURE_TABLES = new Set(['tabel_konten', 'tabel_platform', 'tabel_unggulan', 'tabel_persetujuan', 'tabel_putaran', 'tabel_kepatuhan', 'tabel_aktivitas']);

/** Where DocumentApp finishes the Doc: body child indexes of the empty slot paragraphs. */
export interface Slots {
  logo: number | null;
  rule: number | null;
  charts: Array<{ key: string; child: number }>;
}

export interface TextStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  color?: string;
}

export interface ParaStyle {
  heading?: 'HEADING_2' | 'HEADING_3';
  align?: 'CENTER' | 'JUSTIFIED' | 'END';
  indentStart?: number;
  indentFirstLine?: number;
  spaceAbove?: number;
  spaceBelow?: number;
  lineSpacing?: number;
}

const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });

function rgb(hex: string): Record<string, unknown> {
  const n = (i: number) => Math.round((parseInt(hex.slice(i, i + 2), 16) / 255) * 1000) / 1000;
  return { color: { rgbColor: { red: n(1), green: n(3), blue: n(5) } } };
}

/** What the Docs API strips from inserted text (control and private-use characters); lengths must match. */
// eslint-disable-next-line no-control-regex
const STRIPPED = /[\u0000-\u0008\u000b-\u001f\ue000-\uf8ff]/g;
/** Text as the API will store it: without stripped characters, a vertical tab or CR as a space. */
export function apiText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u000b\r]/g, ' ').replace(STRIPPED, '');
}

/**
 * A Doc body being written at its end, with every index known: content requests in order, then
 * style requests (applied after all content, on final indexes).
 */
export class DocBatch {
  private readonly content: DocsRequest[] = [];
  private readonly styles: DocsRequest[] = [];
  /** The body's end index (a new Doc: one empty paragraph, 1..2). */
  private end = 2;
  /** Whether the body's last paragraph is still empty (a new Doc, or right after a table). */
  private lastEmpty = true;
  /** The number of body children (paragraphs and tables). */
  private children = 1;

  /** Appends a paragraph; returns its range and its body child index. */
  paragraph(text: string, para: ParaStyle = {}, style: TextStyle = {}): { start: number; end: number; child: number } {
    const t = apiText(text).replace(/\n/g, ' ');
    let start: number;
    let child: number;
    if (this.lastEmpty) {
      start = this.end - 1;
      child = this.children - 1;
      if (t) this.content.push({ insertText: { location: { index: start }, text: t } });
      this.end += t.length;
    } else {
      start = this.end;
      child = this.children++;
      this.content.push({ insertText: { location: { index: this.end - 1 }, text: `\n${t}` } });
      this.end += t.length + 1;
    }
    this.lastEmpty = false;
    const range = { start, end: start + t.length + 1 };
    this.paraStyle(range, para);
    this.textStyle(range, style);
    return { ...range, child };
  }

  /**
   * Appends a table filled with `rows` (its cells filled from the last back, so earlier indexes
   * do not move). Returns the table's start index and each cell's content range.
   */
  table(rows: string[][]): { start: number; cells: Array<Array<{ start: number; end: number }>>; end: number } {
    const nRows = rows.length;
    const nCols = Math.max(1, ...rows.map((r) => r.length));
    // A newline goes in at the location and the table right after it: at the end of the last
    // paragraph when it has text (no empty line before the table), else after an empty one.
    const at = this.end - 1;
    this.content.push({ insertTable: { rows: nRows, columns: nCols, location: { index: at } } });
    const start = at + 1;
    const fills: DocsRequest[] = [];
    const cells: Array<Array<{ start: number; end: number }>> = [];
    let empty = start + 1; // positions in the empty table
    let pos = start + 1; // positions once filled
    for (let r = 0; r < nRows; r++) {
      empty += 1;
      pos += 1;
      const row: Array<{ start: number; end: number }> = [];
      for (let c = 0; c < nCols; c++) {
        empty += 1;
        pos += 1;
        const text = apiText(String(rows[r][c] ?? ''));
        if (text) fills.push({ insertText: { location: { index: empty }, text } });
        row.push({ start: pos, end: pos + text.length + 1 });
        empty += 1;
        pos += text.length + 1;
      }
      cells.push(row);
    }
    this.content.push(...fills.reverse());
    // The table, then the empty paragraph after it (the body's last).
    // Either way the last paragraph (empty or not) ends before the table and its newline becomes
    // the empty paragraph after it: the table and that paragraph are two new body children.
    this.end = pos + 1;
    this.children += 2;
    this.lastEmpty = true;
    return { start, cells, end: pos };
  }

  paraStyle(range: { start: number; end: number }, s: ParaStyle): void {
    const style: Record<string, unknown> = {};
    if (s.heading) style.namedStyleType = s.heading;
    if (s.align) style.alignment = s.align;
    if (s.indentStart !== undefined) style.indentStart = pt(s.indentStart);
    if (s.indentFirstLine !== undefined) style.indentFirstLine = pt(s.indentFirstLine);
    if (s.spaceAbove !== undefined) style.spaceAbove = pt(s.spaceAbove);
    if (s.spaceBelow !== undefined) style.spaceBelow = pt(s.spaceBelow);
    if (s.lineSpacing !== undefined) style.lineSpacing = s.lineSpacing;
    const fields = Object.keys(style);
    if (fields.length) this.styles.push({ updateParagraphStyle: { range: { startIndex: range.start, endIndex: range.end }, paragraphStyle: style, fields: fields.join(',') } });
  }

  textStyle(range: { start: number; end: number }, s: TextStyle): void {
    const style: Record<string, unknown> = {};
    if (s.bold) style.bold = true;
    if (s.italic) style.italic = true;
    if (s.underline) style.underline = true;
    if (s.size !== undefined) style.fontSize = pt(s.size);
    if (s.color) style.foregroundColor = rgb(s.color);
    const fields = Object.keys(style);
    if (fields.length) this.styles.push({ updateTextStyle: { range: { startIndex: range.start, endIndex: range.end }, textStyle: style, fields: fields.join(',') } });
  }

  /** Numbers the paragraphs of a range as one list (1., 2., ...). */
  numbered(range: { start: number; end: number }): void {
    this.styles.push({ createParagraphBullets: { range: { startIndex: range.start, endIndex: range.end }, bulletPreset: 'NUMBERED_DECIMAL_ALPHA_ROMAN' } });
  }

  cellBackground(tableStart: number, row: number, col: number, rowSpan: number, colSpan: number, color: string): void {
    this.styles.push({
      updateTableCellStyle: {
        tableRange: { tableCellLocation: { tableStartLocation: { index: tableStart }, rowIndex: row, columnIndex: col }, rowSpan, columnSpan: colSpan },
        tableCellStyle: { backgroundColor: rgb(color) },
        fields: 'backgroundColor',
      },
    });
  }

  tableBorders(tableStart: number, width: number, color: string): void {
    const border = { width: pt(width), color: rgb(color), dashStyle: 'SOLID' };
    this.styles.push({
      updateTableCellStyle: {
        tableStartLocation: { index: tableStart },
        tableCellStyle: { borderLeft: border, borderRight: border, borderTop: border, borderBottom: border },
        fields: 'borderLeft,borderRight,borderTop,borderBottom',
      },
    });
  }

  columnWidth(tableStart: number, col: number, width: number): void {
    this.styles.push({
      updateTableColumnProperties: { tableStartLocation: { index: tableStart }, columnIndices: [col], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: pt(width) }, fields: 'width,widthType' },
    });
  }

  page(p: { width: number; height: number; margin: number }): void {
    this.styles.push({
      updateDocumentStyle: {
        documentStyle: { pageSize: { width: pt(p.width), height: pt(p.height) }, marginTop: pt(p.margin), marginBottom: pt(p.margin), marginLeft: pt(p.margin), marginRight: pt(p.margin) },
        fields: 'pageSize,marginTop,marginBottom,marginLeft,marginRight',
      },
    });
  }

  /** The whole body's text in one font and size; specific styles (added later) win. */
  private baseStyle(): DocsRequest {
    return { updateTextStyle: { range: { startIndex: 1, endIndex: this.end }, textStyle: { weightedFontFamily: { fontFamily: FONT }, fontSize: pt(11) }, fields: 'weightedFontFamily,fontSize' } };
  }

  /** Every request, in order: content, the base font, then the styles. */
  requests(): DocsRequest[] {
    return [...this.content, this.baseStyle(), ...this.styles];
  }
}

/** Styles one table: borders, 9 pt text, a bold shaded header, widths, right-aligned figures, a bold total row. */
function styleTable(b: DocBatch, key: string, rows: string[][], t: ReturnType<DocBatch['table']>): void {
  const nCols = Math.max(1, ...rows.map((r) => r.length));
  b.tableBorders(t.start, 1, '#5f6368');
  b.textStyle({ start: t.start + 1, end: t.end }, { size: 9 });
  const header = t.cells[0];
  b.textStyle({ start: header[0].start, end: header[header.length - 1].end }, { bold: true });
  b.cellBackground(t.start, 0, 0, 1, nCols, HEADER_BG);
  (WIDTHS[key] ?? []).forEach((w, i) => {
    if (i < nCols) b.columnWidth(t.start, i, w);
  });
  // Figures are right-aligned (Tata Naskah Dinas tables), in the summary tables only.
  if (FIGURE_TABLES.has(key)) {
    for (let r = 1; r < rows.length; r++) {
      rows[r].forEach((v, c) => {
        if (c > 0 && NUMERIC.test(v)) b.paraStyle(t.cells[r][c], { align: 'END' });
      });
    }
  }
  const last = rows.length - 1;
  if (last > 0 && /^(Jumlah|Total)$/.test(rows[last][0] ?? '')) {
    const row = t.cells[last];
    b.textStyle({ start: row[0].start, end: row[row.length - 1].end }, { bold: true });
  }
}

/** The report's blocks as requests, and the slots DocumentApp fills afterwards. */
export function reportRequests(blocks: Block[], page: { width: number; height: number; margin: number }, withLogo: boolean): { requests: DocsRequest[]; slots: Slots } {
  const b = new DocBatch();
  const slots: Slots = { logo: null, rule: null, charts: [] };
  b.page(page);
  for (const block of blocks) {
    switch (block.t) {
      case 'kop': {
        if (withLogo) slots.logo = b.paragraph('', { align: 'CENTER', spaceBelow: 2 }).child;
        block.lines.forEach((line, i) => b.paragraph(line, { align: 'CENTER', spaceBelow: 0 }, { bold: true, size: i === 0 ? 12 : 11 }));
        if (block.address) b.paragraph(block.address, { align: 'CENTER', spaceBelow: 0 }, { size: 9 });
        // The kop's rule: a thick line over a thin one (DocumentApp draws it in this slot).
        slots.rule = b.paragraph('', { spaceBelow: 0 }).child;
        break;
      }
      case 'title':
        block.lines.forEach((line, i) => b.paragraph(line, { align: 'CENTER', spaceAbove: i === 0 ? 12 : 0, spaceBelow: i === block.lines.length - 1 ? 12 : 0 }, { bold: true, size: 12 }));
        break;
      case 'h1':
        b.paragraph(block.text, { heading: 'HEADING_2', spaceAbove: 12 }, { bold: true, size: 12, color: '#000000' });
        break;
      case 'h2':
        b.paragraph(block.text, { heading: 'HEADING_3', indentStart: 18, indentFirstLine: 18, spaceAbove: 6 }, { bold: true, size: 11, color: '#000000' });
        break;
      case 'p':
        b.paragraph(block.text, { align: 'JUSTIFIED', indentStart: 18, indentFirstLine: block.indent ? 36 : 18, lineSpacing: 115 }, block.italic ? { italic: true, size: 10 } : {});
        break;
      case 'list': {
        if (!block.items.length) break;
        const items = block.items.map((item) => b.paragraph(item, { align: 'JUSTIFIED', indentStart: 36, indentFirstLine: 18 }));
        b.numbered({ start: items[0].start, end: items[items.length - 1].end });
        break;
      }
      case 'table': {
        const t = b.table(block.rows);
        styleTable(b, block.key, block.rows, t);
        break;
      }
      case 'chart':
        slots.charts.push({ key: block.key, child: b.paragraph('', { align: 'CENTER' }).child });
        b.paragraph(block.caption, { align: 'CENTER' }, { italic: true, size: 10 });
        break;
      case 'draft': {
        const t = b.table([[block.text]]);
        b.tableBorders(t.start, 1, '#b06000');
        b.cellBackground(t.start, 0, 0, 1, 1, DRAFT_BG);
        b.textStyle(t.cells[0][0], { bold: true, italic: true, size: 10, color: '#7a4a00' });
        break;
      }
      case 'signature': {
        const indent = 260;
        b.paragraph('', { spaceAbove: 12 });
        block.lines.forEach((line) => b.paragraph(line, { indentStart: indent, indentFirstLine: indent, spaceBelow: 0 }));
        for (let i = 0; i < 3; i++) b.paragraph('', { spaceBelow: 0 });
        b.paragraph(block.name, { indentStart: indent, indentFirstLine: indent, spaceBelow: 0 }, { bold: true, underline: true });
        if (block.nip) b.paragraph(block.nip, { indentStart: indent, indentFirstLine: indent });
        break;
      }
    }
  }
  return { requests: b.requests(), slots };
}
