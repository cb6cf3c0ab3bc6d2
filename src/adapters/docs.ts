/**
 * DocumentApp for the report: appends the report's blocks (src/core/report.ts) to a Doc body, one
 * Docs call per block (a table is ONE appendTable(rows) call, never row by row), and fills a
 * user's template: copies the template body's elements into the new Doc, replaces {{placeholders}}
 * and puts tables and charts where a paragraph holds only a {{tabel_*}} / {{grafik_*}} marker.
 */
import { chartPng } from './charts';
import { sharedImageBlob as logoBlob } from './drive';
import type { Block } from '../core/report';

type Body = GoogleAppsScript.Document.Body;
type Paragraph = GoogleAppsScript.Document.Paragraph;
type Table = GoogleAppsScript.Document.Table;

export const FONT = 'Arial';
const HEADER_BG = '#e8eaed';
const DRAFT_BG = '#fff4ce';
/** Usable width of an A4 page with 2.5 cm margins, in points. */
const TEXT_WIDTH = 453;

/** A figure: "1.234", "12,5%", "4.200 (+20,0%)", "+7 baru", "—" is not. */
const NUMERIC = /^[+-]?\d[\d.]*(,\d+)?%?( \([^)]*\))?( [a-z]+)?$/;

/** Column widths (points) of the report's tables, by table key. */
const WIDTHS: Record<string, number[]> = {
  tabel_strategi: [28, 80, 345],
  tabel_publikasi: [28, 80, 62, 140, 143],
  tabel_unggulan: [22, 56, 62, 99, 50, 60, 104],
  tabel_kepatuhan: [48, 72, 62, 90, 90, 91],
  tabel_persetujuan: [300, 153],
  tabel_putaran: [62, 50, 80, 40, 55, 45, 55, 66],
};

/** A4 portrait: width, height and the 2.5 cm margin, in points. */
export const A4_PORTRAIT = { width: 595.28, height: 841.89, margin: 71 } as const;
/** A4 landscape with 1.27 cm margins (the records archive). */
export const A4_LANDSCAPE = { width: 841.89, height: 595.28, margin: 36 } as const;

/** How a paragraph looks: the report's font always; the rest when given. */
export interface ParagraphStyle extends CharStyle {
  heading2?: boolean;
  center?: boolean;
}

/**
 * A Google Doc being built, as operations taking plain data (text, blocks, table rows). The
 * Document and its Body stay here: the body is fetched once (getBody) on the first operation that
 * needs it, and each operation makes the calls its comment names.
 */
export class ReportDoc {
  private bodyCache?: Body;

  private constructor(private readonly doc: GoogleAppsScript.Document.Document) {}

  /** A new Doc in My Drive (DocumentApp.create). */
  static create(name: string): ReportDoc {
    return new ReportDoc(DocumentApp.create(name));
  }

  /** An existing Doc (DocumentApp.openById). */
  static open(id: string): ReportDoc {
    return new ReportDoc(DocumentApp.openById(id));
  }

  private get body(): Body {
    if (!this.bodyCache) this.bodyCache = this.doc.getBody();
    return this.bodyCache;
  }

  /** getId */
  id(): string {
    return this.doc.getId();
  }

  /** getUrl */
  url(): string {
    return this.doc.getUrl();
  }

  /** saveAndClose */
  saveAndClose(): void {
    this.doc.saveAndClose();
  }

  /** getNumChildren */
  childCount(): number {
    return this.body.getNumChildren();
  }

  /** Empties the body (clear). */
  clear(): void {
    this.body.clear();
  }

  /** Removes the body's children from the last down to index `keep` (getChild, removeFromParent each). */
  truncate(count: number, keep: number): void {
    for (let i = count - 1; i >= keep; i--) this.body.getChild(i).removeFromParent();
  }

  /** Page size and equal margins (six setters). */
  setPage(page: { width: number; height: number; margin: number }): void {
    this.body.setPageWidth(page.width).setPageHeight(page.height);
    this.body.setMarginTop(page.margin).setMarginBottom(page.margin).setMarginLeft(page.margin).setMarginRight(page.margin);
  }

  /** Appends one block of the report (see appendBlock). */
  appendBlock(block: Block): void {
    appendBlock(this.body, block);
  }

  /**
   * Once the first block is in: drops the empty paragraph a new Doc starts with (getNumChildren;
   * when more than one child, getChild, getType, and asParagraph, getText, removeFromParent when it
   * is an empty paragraph).
   */
  dropEmptyFirst(): void {
    if (this.body.getNumChildren() > 1) {
      const first = this.body.getChild(0);
      if (isParagraph(first) && first.asParagraph().getText() === '') first.removeFromParent();
    }
  }

  /**
   * The user's template: copies its body in, fills {{placeholders}} and {{tabel_*}}/{{grafik_*}}
   * markers (fillTemplate), and drops the new Doc's empty first paragraph.
   */
  applyTemplate(templateId: string, values: Record<string, string>, blocks: Block[]): void {
    const body = this.body;
    copyTemplateBody(templateId, body);
    fillTemplate(body, values, blocks);
    if (body.getNumChildren() > 1 && isParagraph(body.getChild(0)) && body.getChild(0).asParagraph().getText() === '') body.getChild(0).removeFromParent();
  }

  /** Sets the text of the body's first paragraph and styles it (getChild, asParagraph, setText, then the style). */
  setFirstParagraph(text: string, style: ParagraphStyle): void {
    const p = this.body.getChild(0).asParagraph();
    p.setText(text);
    styleParagraph(p, style);
  }

  /** Appends a styled paragraph (appendParagraph, then the style). */
  appendParagraph(text: string, style: ParagraphStyle): void {
    styleParagraph(this.body.appendParagraph(text), style);
  }

  /** Appends a table in ONE call, styles it, and sets its font size when given (see appendTable). */
  appendTable(key: string, rows: string[][], fontSize?: number): void {
    const table = appendTable(this.body, key, rows);
    if (fontSize) table.editAsText().setFontSize(fontSize);
  }
}

/**
 * Paragraph style: setHeading (heading2), setAlignment (center), then editAsText and its
 * character styles (setBold, setFontFamily, setFontSize, setItalic, setForegroundColor as given).
 */
function styleParagraph(p: Paragraph, style: ParagraphStyle): void {
  if (style.heading2) p.setHeading(DocumentApp.ParagraphHeading.HEADING2);
  if (style.center) p.setAlignment(DocumentApp.HorizontalAlignment.CENTER);
  const t = p.editAsText();
  if (style.bold) t.setBold(true);
  t.setFontFamily(FONT).setFontSize(style.size ?? 11);
  if (style.italic) t.setItalic(true);
  if (style.underline) t.setUnderline(true);
  if (style.color) t.setForegroundColor(style.color);
}

interface CharStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  color?: string;
}

/** A paragraph in the report's font; character styles go through editAsText (Paragraph has none). */
function para(body: Body, text: string, style: CharStyle = {}): Paragraph {
  const p = body.appendParagraph(text);
  chars(p.editAsText(), style);
  return p;
}

function chars(t: GoogleAppsScript.Document.Text, style: CharStyle): void {
  t.setFontFamily(FONT).setFontSize(style.size ?? 11);
  if (style.bold) t.setBold(true);
  if (style.italic) t.setItalic(true);
  if (style.underline) t.setUnderline(true);
  if (style.color) t.setForegroundColor(style.color);
}

function styleTable(table: Table, key: string, cells: string[][]): void {
  const rows = cells.length;
  table.setBorderWidth(1).setBorderColor('#5f6368');
  table.editAsText().setFontFamily(FONT).setFontSize(9);
  const header = table.getRow(0);
  header.editAsText().setBold(true);
  for (let c = 0; c < header.getNumCells(); c++) header.getCell(c).setBackgroundColor(HEADER_BG);
  const widths = WIDTHS[key];
  if (widths) widths.forEach((w, i) => table.setColumnWidth(i, w));
  // Figures are right-aligned (Tata Naskah Dinas tables). Only the summary tables hold figures;
  // the cells are chosen from the data, so the calls do not grow with a long list of posts.
  if (FIGURE_TABLES.has(key)) {
    for (let r = 1; r < rows; r++) {
      const numeric = cells[r].map((v, c) => c > 0 && NUMERIC.test(v));
      if (!numeric.some(Boolean)) continue;
      const row = table.getRow(r);
      numeric.forEach((isNumber, c) => {
        if (isNumber) row.getCell(c).getChild(0).asParagraph().setAlignment(DocumentApp.HorizontalAlignment.RIGHT);
      });
    }
  }
  // A closing "Jumlah"/"Total" row is bold too.
  if (rows > 1 && /^(Jumlah|Total)$/.test(cells[rows - 1][0] ?? '')) table.getRow(rows - 1).editAsText().setBold(true);
}

/** The report's tables of figures (short by nature); the lists of posts are left as they are. */
const FIGURE_TABLES = new Set(['tabel_konten', 'tabel_platform', 'tabel_unggulan', 'tabel_persetujuan', 'tabel_putaran', 'tabel_kepatuhan', 'tabel_aktivitas']);

/** Appends one table in ONE call, then styles it. */
function appendTable(body: Body, key: string, rows: string[][]): Table {
  const table = body.appendTable(rows);
  styleTable(table, key, rows);
  return table;
}

function chartBlob(block: Extract<Block, { t: 'chart' }>): GoogleAppsScript.Base.Blob {
  return chartPng(block.spec, `${block.key}.png`);
}

function appendChart(body: Body, block: Extract<Block, { t: 'chart' }>): void {
  const img = body.appendImage(chartBlob(block));
  const w = Math.min(TEXT_WIDTH, block.spec.width);
  img.setWidth(w).setHeight(Math.round((block.spec.height * w) / block.spec.width));
  (img.getParent() as Paragraph).setAlignment(DocumentApp.HorizontalAlignment.CENTER);
  para(body, block.caption, { italic: true, size: 10 }).setAlignment(DocumentApp.HorizontalAlignment.CENTER);
}

/** Appends one block of the report. */
function appendBlock(body: Body, block: Block): void {
  const H = DocumentApp.HorizontalAlignment;
  switch (block.t) {
    case 'kop': {
      const logo = block.logoId ? logoBlob(block.logoId) : null;
      if (logo) {
        const img = body.appendImage(logo);
        const h = 64;
        img.setWidth(Math.round((img.getWidth() * h) / Math.max(1, img.getHeight()))).setHeight(h);
        (img.getParent() as Paragraph).setAlignment(H.CENTER).setSpacingAfter(2);
      }
      block.lines.forEach((line, i) => {
        para(body, line, { bold: true, size: i === 0 ? 12 : 11 }).setAlignment(H.CENTER).setSpacingAfter(0);
      });
      if (block.address) para(body, block.address, { size: 9 }).setAlignment(H.CENTER).setSpacingAfter(0);
      // The kop's rule: a thick line over a thin one, as official letterheads draw it.
      body.appendHorizontalRule();
      body.appendHorizontalRule();
      return;
    }
    case 'title': {
      block.lines.forEach((line, i) => {
        para(body, line, { bold: true, size: 12 })
          .setAlignment(H.CENTER)
          .setSpacingBefore(i === 0 ? 12 : 0)
          .setSpacingAfter(i === block.lines.length - 1 ? 12 : 0);
      });
      return;
    }
    case 'h1': {
      const p = body.appendParagraph(block.text).setHeading(DocumentApp.ParagraphHeading.HEADING2).setSpacingBefore(12);
      chars(p.editAsText(), { bold: true, size: 12, color: '#000000' });
      return;
    }
    case 'h2': {
      const p = body.appendParagraph(block.text).setHeading(DocumentApp.ParagraphHeading.HEADING3).setIndentStart(18).setIndentFirstLine(18).setSpacingBefore(6);
      chars(p.editAsText(), { bold: true, size: 11, color: '#000000' });
      return;
    }
    case 'p':
      para(body, block.text, block.italic ? { italic: true, size: 10 } : {})
        .setAlignment(H.JUSTIFY)
        .setIndentStart(18)
        .setIndentFirstLine(block.indent ? 36 : 18)
        .setLineSpacing(1.15);
      return;
    case 'list': {
      for (const item of block.items) {
        const li = body.appendListItem(item);
        li.setGlyphType(DocumentApp.GlyphType.NUMBER).setAlignment(H.JUSTIFY).setIndentStart(36).setIndentFirstLine(18);
        chars(li.editAsText(), {});
      }
      return;
    }
    case 'table':
      appendTable(body, block.key, block.rows);
      return;
    case 'chart':
      appendChart(body, block);
      return;
    case 'draft': {
      const t = body.appendTable([[block.text]]);
      t.setBorderColor('#b06000').setBorderWidth(1);
      const cell = t.getCell(0, 0);
      cell.setBackgroundColor(DRAFT_BG);
      chars(cell.editAsText(), { bold: true, italic: true, size: 10, color: '#7a4a00' });
      return;
    }
    case 'signature': {
      const indent = 260;
      para(body, '').setSpacingBefore(12);
      block.lines.forEach((line) => para(body, line).setIndentStart(indent).setIndentFirstLine(indent).setSpacingAfter(0));
      for (let i = 0; i < 3; i++) para(body, '').setSpacingAfter(0);
      para(body, block.name, { bold: true, underline: true }).setIndentStart(indent).setIndentFirstLine(indent).setSpacingAfter(0);
      if (block.nip) para(body, block.nip).setIndentStart(indent).setIndentFirstLine(indent);
      return;
    }
  }
}

/** Copies every element of the template's body into `body` (element.copy(), appended by type). */
function copyTemplateBody(templateId: string, body: Body): number {
  const src = DocumentApp.openById(templateId).getBody();
  const n = src.getNumChildren();
  let copied = 0;
  for (let i = 0; i < n; i++) {
    const el = src.getChild(i);
    const type = el.getType();
    if (type === DocumentApp.ElementType.PARAGRAPH) body.appendParagraph(el.copy().asParagraph());
    else if (type === DocumentApp.ElementType.LIST_ITEM) body.appendListItem(el.copy().asListItem());
    else if (type === DocumentApp.ElementType.TABLE) body.appendTable(el.copy().asTable());
    else continue;
    copied++;
  }
  return copied;
}

/** Escapes text for replaceText's regular-expression pattern. */
function rx(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Fills a copied template: {{name}} placeholders get their text; a paragraph holding only a
 * {{tabel_*}} or {{grafik_*}} marker becomes that table or chart. Returns the markers used.
 */
function fillTemplate(body: Body, values: Record<string, string>, blocks: Block[]): string[] {
  const used: string[] = [];
  const byKey = new Map<string, Block>();
  for (const b of blocks) if (b.t === 'table' || b.t === 'chart') byKey.set(b.key, b);
  for (const [key, block] of byKey) {
    const found = body.findText(rx(`{{${key}}}`));
    if (!found) continue;
    const el = found.getElement();
    const parent = el.getParent();
    const paraEl = parent.getType() === DocumentApp.ElementType.PARAGRAPH ? parent.asParagraph() : null;
    if (!paraEl || paraEl.getParent().getType() !== DocumentApp.ElementType.BODY_SECTION) {
      el.asText().replaceText(rx(`{{${key}}}`), '');
      continue;
    }
    const index = body.getChildIndex(paraEl);
    if (block.t === 'table') {
      const t = body.insertTable(index + 1, block.rows);
      styleTable(t, block.key, block.rows);
    } else if (block.t === 'chart') {
      const img = body.insertImage(index + 1, chartBlob(block));
      const w = Math.min(TEXT_WIDTH, block.spec.width);
      img.setWidth(w).setHeight(Math.round((block.spec.height * w) / block.spec.width));
    }
    if (paraEl.getText().trim() === `{{${key}}}`) paraEl.removeFromParent();
    else paraEl.replaceText(rx(`{{${key}}}`), '');
    used.push(key);
  }
  for (const [key, value] of Object.entries(values)) {
    // replaceText takes a regular expression and a replacement string where $ is special.
    body.replaceText(rx(`{{${key}}}`), value.replace(/\$/g, '\\$'));
  }
  return used;
}

/** Whether a body element is a paragraph. */
function isParagraph(el: GoogleAppsScript.Document.Element): boolean {
  return el.getType() === DocumentApp.ElementType.PARAGRAPH;
}
