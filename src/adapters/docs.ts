/**
 * The report's Docs: the official layout written by the Docs advanced service in ONE batchUpdate
 * (requests from docs-requests.ts), then DocumentApp for what that API cannot insert (images from
 * a blob, horizontal rules) in the slots the batch left; a user's template filled with DocumentApp
 * (copies the template body's elements into the new Doc, replaces {{placeholders}} and puts tables
 * and charts where a paragraph holds only a {{tabel_*}} / {{grafik_*}} marker); the records
 * archive's tables (ReportDoc, one appendTable(rows) call per table, never row by row).
 */
import { chartPng } from './charts';
import { sharedImageBlob as logoBlob } from './drive';
import { FIGURE_TABLES, FONT, HEADER_BG, NUMERIC, reportRequests, Slots, WIDTHS } from './docs-requests';
import type { Block } from '../core/report';

export { FONT };
export type { Slots };

type Body = GoogleAppsScript.Document.Body;
type Paragraph = GoogleAppsScript.Document.Paragraph;
type Table = GoogleAppsScript.Document.Table;

/** Usable width of an A4 page with 2.5 cm margins, in points. */
const TEXT_WIDTH = 453;
/** The kop logo's height on the page, in points. */
const LOGO_HEIGHT = 64;

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

  /** Empties the body (clear). */
  clear(): void {
    this.body.clear();
  }

  /** Page size and equal margins (six setters). */
  setPage(page: { width: number; height: number; margin: number }): void {
    this.body.setPageWidth(page.width).setPageHeight(page.height);
    this.body.setMarginTop(page.margin).setMarginBottom(page.margin).setMarginLeft(page.margin).setMarginRight(page.margin);
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


/** Appends one table in ONE call, then styles it. */
function appendTable(body: Body, key: string, rows: string[][]): Table {
  const table = body.appendTable(rows);
  styleTable(table, key, rows);
  return table;
}

function chartBlob(block: Extract<Block, { t: 'chart' }>): GoogleAppsScript.Base.Blob {
  return chartPng(block.spec, `${block.key}.png`);
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

// ---------------------------------------------------------------------------------------------
// The official layout through the Docs API: one batchUpdate, then DocumentApp for the slots

/** The kop logo of this execution, fetched once (the Drive calls of sharedImageBlob). */
const logos = new Map<string, GoogleAppsScript.Base.Blob | null>();
function kopLogo(blocks: Block[]): GoogleAppsScript.Base.Blob | null {
  const kop = blocks.find((b): b is Extract<Block, { t: 'kop' }> => b.t === 'kop');
  if (!kop || !kop.logoId) return null;
  if (!logos.has(kop.logoId)) logos.set(kop.logoId, logoBlob(kop.logoId));
  return logos.get(kop.logoId) ?? null;
}

function docsApi(): GoogleAppsScript.Docs.Collection.DocumentsCollection {
  if (typeof Docs === 'undefined' || !Docs || !Docs.Documents) throw new Error('The Docs advanced service is not enabled (appsscript.json dependencies).');
  return Docs.Documents;
}

/**
 * Writes the whole report into the new, empty Doc `docId` with ONE Docs.Documents.batchUpdate
 * (text, tables, styles, page size), after checking the kop logo (sharedImageBlob's Drive calls,
 * once per execution). Returns the slots that fillReportSlots fills.
 */
export function writeReportText(docId: string, blocks: Block[], page: { width: number; height: number; margin: number }): Slots {
  const { requests, slots } = reportRequests(blocks, page, kopLogo(blocks) !== null);
  docsApi().batchUpdate({ requests } as GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest, docId);
  return slots;
}

/**
 * Puts what the Docs API cannot insert into the slots: the kop logo, the kop's double rule and
 * the charts (rendered first: Chart.getAs each). Calls: openById, getBody, then per slot
 * getChild and asParagraph, and appendInlineImage with setWidth and setHeight (the logo also
 * getWidth and getHeight), or appendHorizontalRule twice; saveAndClose. With `resumed`, a slot
 * that already holds something is left alone (getNumChildren each): a resumed build fills each once.
 */
export function fillReportSlots(docId: string, blocks: Block[], slots: Slots, resumed: boolean): { pageNumbered: boolean } {
  const charts = slots.charts.map((s) => {
    const block = blocks.find((b): b is Extract<Block, { t: 'chart' }> => b.t === 'chart' && b.key === s.key);
    return { child: s.child, block, blob: block ? chartBlob(block) : null };
  });
  const logo = slots.logo !== null ? kopLogo(blocks) : null;
  const doc = DocumentApp.openById(docId);
  const body = doc.getBody();
  const slot = (child: number): Paragraph | null => {
    const p = body.getChild(child).asParagraph();
    return resumed && p.getNumChildren() > 0 ? null : p;
  };
  if (logo && slots.logo !== null) {
    const p = slot(slots.logo);
    if (p) {
      const img = p.appendInlineImage(logo);
      img.setWidth(Math.round((img.getWidth() * LOGO_HEIGHT) / Math.max(1, img.getHeight()))).setHeight(LOGO_HEIGHT);
    }
  }
  if (slots.rule !== null) {
    const p = slot(slots.rule);
    if (p) {
      p.appendHorizontalRule();
      p.appendHorizontalRule();
    }
  }
  for (const c of charts) {
    if (!c.block || !c.blob) continue;
    const p = slot(c.child);
    if (!p) continue;
    const w = Math.min(TEXT_WIDTH, c.block.spec.width);
    p.appendInlineImage(c.blob).setWidth(w).setHeight(Math.round((c.block.spec.height * w) / c.block.spec.width));
  }
  const pageNumbered = footerHasPageNumber(doc);
  doc.saveAndClose();
  return { pageNumbered };
}

/**
 * Whether a Doc's footer holds a page number. Scripts cannot insert one, and DocumentApp shows the
 * one a person inserted (Insert → Page numbers) as an UnsupportedElement ("a region that is unknown
 * or cannot be affected by a script, such as a page number"); Siaran's own footers hold nothing else.
 * Calls: getFooter, findElement.
 */
function footerHasPageNumber(doc: GoogleAppsScript.Document.Document): boolean {
  const footer = doc.getFooter();
  return !!footer && footer.findElement(DocumentApp.ElementType.UNSUPPORTED) !== null;
}

/** Whether the Doc `docId` has a page number in its footer; null when it cannot be opened. */
export function docHasPageNumber(docId: string): boolean | null {
  try {
    return footerHasPageNumber(DocumentApp.openById(docId));
  } catch {
    return null;
  }
}
