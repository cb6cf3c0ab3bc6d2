/**
 * A small PDF 1.4 writer for the sandbox's PDF exports (Document.getAs('application/pdf'),
 * File.getAs, Blob.getAs). Uses the standard Type 1 fonts (Helvetica family, WinAnsi encoding), so
 * no fonts are embedded; characters outside WinAnsi print as '?'. Text wraps at the page width with
 * the fonts' real glyph widths; headings are larger and bold; tables are drawn as ruled columns.
 * Inline images are drawn at their size (pixels at 96 dpi, shrunk to fit the column and the page):
 * JPEG bytes go in as they are (DCTDecode), PNG is decoded and stored deflated with its alpha as a
 * soft mask, GIF and other formats are decoded through the canvas library. A4 pages; text content
 * streams are uncompressed.
 */
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { createCanvas, Image } from '@napi-rs/canvas';
import type { BlockNode, DocModel, InlineNode, ListItemNode, ParagraphNode } from './services/document-model';
import { listMarkers } from './services/document-model';

// Glyph widths (1/1000 em) of Helvetica and Helvetica-Bold for codes 32..126 (Adobe AFM files).
const HELV = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELV_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
  611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
const WIDE_DEFAULT = 600;
const SPECIAL_WIDTHS: Record<number, number> = { 0x95: 350, 0x96: 556, 0x97: 1000, 0x91: 222, 0x92: 222, 0x93: 333, 0x94: 333, 0x85: 1000, 0xa0: 278 };

/** Unicode code points WinAnsi places in 0x80..0x9F. */
const WIN_ANSI_EXTRA: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Text as WinAnsi bytes (one char per byte, latin1); anything else becomes '?'. */
export function toWinAnsi(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 63;
    if (cp === 9) out += '    ';
    else if (cp >= 32 && cp <= 126) out += ch;
    else if (cp >= 0xa0 && cp <= 0xff) out += ch;
    else if (WIN_ANSI_EXTRA[cp] !== undefined) out += String.fromCharCode(WIN_ANSI_EXTRA[cp]);
    else if (cp < 32) out += ' ';
    else out += '?';
  }
  return out;
}

function charWidth(code: number, bold: boolean): number {
  if (code >= 32 && code <= 126) return (bold ? HELV_BOLD : HELV)[code - 32];
  return SPECIAL_WIDTHS[code] ?? WIDE_DEFAULT;
}

/** Width in points of WinAnsi text at a size. */
export function textWidth(winAnsi: string, size: number, bold: boolean): number {
  let w = 0;
  for (let i = 0; i < winAnsi.length; i++) w += charWidth(winAnsi.charCodeAt(i), bold);
  return (w * size) / 1000;
}

function pdfString(winAnsi: string): string {
  let out = '(';
  for (let i = 0; i < winAnsi.length; i++) {
    const c = winAnsi.charCodeAt(i);
    const ch = winAnsi[i];
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (c < 32 || c > 126) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out})`;
}

const num = (n: number): string => (Math.round(n * 100) / 100).toString();

function rgb(color: string | undefined): [number, number, number] | undefined {
  if (!color) return undefined;
  let m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color);
  if (m) return [parseInt(m[1], 16) / 255, parseInt(m[2], 16) / 255, parseInt(m[3], 16) / 255];
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  if (m) return [parseInt(m[1], 16) / 15, parseInt(m[2], 16) / 15, parseInt(m[3], 16) / 15];
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Layout input

/** An image to draw inline; width and height in points. */
export interface PdfImage {
  data: Buffer;
  contentType: string;
  width: number;
  height: number;
}
export interface Span {
  text: string;
  /** Draws this image instead of text. */
  image?: PdfImage;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size: number;
  color?: string;
  /** A page number (AutoText): printed as the number of the page it is on. */
  pageNumber?: boolean;
}
export interface ParaBlock {
  kind: 'para';
  spans: Span[];
  align?: 'LEFT' | 'CENTER' | 'RIGHT' | 'JUSTIFY' | string;
  indent?: number;
  firstLineIndent?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  lineSpacing?: number;
  /** A list marker drawn left of the text. */
  marker?: Span;
}
export interface TableBlock {
  kind: 'table';
  rows: Array<Array<{ paras: ParaBlock[]; bg?: string }>>;
  widths: Array<number | undefined>;
  border: number;
}
export type PdfBlock = ParaBlock | TableBlock | { kind: 'rule' } | { kind: 'pageBreak' };

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN_X = 64;
const MARGIN_TOP = 64;
const MARGIN_BOTTOM = 64;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;

interface Piece {
  text: string;
  span: Span;
  width: number;
  space: boolean;
  newline?: boolean;
  /** The drawn height of an image piece (its width is `width`). */
  imageHeight?: number;
}
interface Line {
  pieces: Piece[];
  width: number;
  height: number;
  ascent: number;
}

function fontKey(s: Span): string {
  if (s.bold && s.italic) return 'F4';
  if (s.bold) return 'F2';
  if (s.italic) return 'F3';
  return 'F1';
}

/** Breaks spans into lines no wider than `width` (the first line `firstWidth`). */
function wrap(spans: Span[], width: number, firstWidth = width, lineSpacing = 1): Line[] {
  const pieces: Piece[] = [];
  for (const sp of spans) {
    if (sp.image) {
      // Shrink to the column width and to the page's text height, keeping the aspect ratio.
      const k = Math.min(1, width / sp.image.width, (PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - 20) / sp.image.height);
      pieces.push({ text: '', span: sp, width: sp.image.width * k, space: false, imageHeight: sp.image.height * k });
      continue;
    }
    const text = toWinAnsi(sp.text.replace(/\r\n?/g, '\n'));
    const re = /\n| +|[^ \n]+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const t = m[0];
      if (t === '\n') pieces.push({ text: '', span: sp, width: 0, space: false, newline: true });
      else pieces.push({ text: t, span: sp, width: textWidth(t, sp.size, Boolean(sp.bold)), space: t[0] === ' ' });
    }
  }
  const lines: Line[] = [];
  const baseSize = spans.reduce((m, s) => Math.max(m, s.size), 0) || 11;
  let cur: Piece[] = [];
  let curW = 0;
  const limit = () => (lines.length === 0 ? firstWidth : width);
  const push = () => {
    while (cur.length && cur[cur.length - 1].space) curW -= cur.pop()!.width;
    const size = cur.reduce((m, p) => Math.max(m, p.span.size), 0) || baseSize;
    const imageH = cur.reduce((m, p) => Math.max(m, p.imageHeight ?? 0), 0);
    lines.push({
      pieces: cur,
      width: curW,
      height: Math.max(size * 1.2 * lineSpacing, imageH + size * 0.4),
      ascent: Math.max(size * 0.8, imageH),
    });
    cur = [];
    curW = 0;
  };
  for (const p of pieces) {
    if (p.newline) {
      push();
      continue;
    }
    if (p.space) {
      if (cur.length === 0) continue;
      cur.push(p);
      curW += p.width;
      continue;
    }
    if (curW + p.width <= limit() || cur.length === 0) {
      if (p.width > limit() && cur.length === 0 && !p.span.image) {
        // A word wider than the line: break it by characters.
        let rest = p.text;
        while (rest.length) {
          let n = 1;
          while (n < rest.length && textWidth(rest.slice(0, n + 1), p.span.size, Boolean(p.span.bold)) <= limit()) n++;
          const part = rest.slice(0, n);
          rest = rest.slice(n);
          cur.push({ ...p, text: part, width: textWidth(part, p.span.size, Boolean(p.span.bold)) });
          curW += cur[cur.length - 1].width;
          if (rest.length) push();
        }
        continue;
      }
      cur.push(p);
      curW += p.width;
    } else {
      push();
      cur.push(p);
      curW += p.width;
    }
  }
  if (cur.length || lines.length === 0) push();
  return lines;
}

/** The images of one PDF: each distinct image is one XObject, named /Im1, /Im2... */
class ImageRegistry {
  readonly images: PdfImage[] = [];
  name(img: PdfImage): string {
    let i = this.images.indexOf(img);
    if (i < 0) i = this.images.push(img) - 1;
    return `Im${i + 1}`;
  }
}

class Writer {
  readonly pages: string[][] = [];
  private ops: string[] = [];
  y = PAGE_H - MARGIN_TOP;
  constructor(
    private readonly decorate: (ops: string[], pageNo: number) => void,
    readonly images: ImageRegistry = new ImageRegistry(),
  ) {
    this.newPage();
  }
  newPage(): void {
    this.ops = [];
    this.pages.push(this.ops);
    this.decorate(this.ops, this.pages.length);
    this.y = PAGE_H - MARGIN_TOP;
  }
  ensure(h: number): void {
    if (this.y - h < MARGIN_BOTTOM && this.y < PAGE_H - MARGIN_TOP) this.newPage();
  }
  get out(): string[] {
    return this.ops;
  }
}

function drawLine(ops: string[], line: Line, x: number, baseline: number, images: ImageRegistry): void {
  let cx = x;
  // Merge consecutive pieces of the same style into one Tj.
  let i = 0;
  while (i < line.pieces.length) {
    const piece = line.pieces[i];
    const sp = piece.span;
    if (sp.image) {
      // The image stands on the baseline.
      ops.push(`q ${num(piece.width)} 0 0 ${num(piece.imageHeight ?? 0)} ${num(cx)} ${num(baseline)} cm /${images.name(sp.image)} Do Q`);
      cx += piece.width;
      i++;
      continue;
    }
    let text = '';
    let w = 0;
    while (i < line.pieces.length && line.pieces[i].span === sp) {
      text += line.pieces[i].text;
      w += line.pieces[i].width;
      i++;
    }
    const c = rgb(sp.color);
    ops.push(`${c ? c.map(num).join(' ') : '0 0 0'} rg`);
    ops.push(`BT /${fontKey(sp)} ${num(sp.size)} Tf ${num(cx)} ${num(baseline)} Td ${pdfString(text)} Tj ET`);
    if (sp.underline && text.trim()) {
      ops.push(`${c ? c.map(num).join(' ') : '0 0 0'} RG 0.5 w ${num(cx)} ${num(baseline - 1.5)} m ${num(cx + w)} ${num(baseline - 1.5)} l S`);
    }
    cx += w;
  }
  ops.push('0 0 0 rg 0 0 0 RG');
}

function layoutPara(w: Writer, b: ParaBlock, x0: number, width: number): void {
  const indent = b.indent ?? 0;
  const first = b.firstLineIndent ?? 0;
  const lines = wrap(b.spans, width - indent, width - indent - first, b.lineSpacing ?? 1);
  w.y -= b.spaceBefore ?? 0;
  lines.forEach((line, i) => {
    w.ensure(line.height);
    const left = x0 + indent + (i === 0 ? first : 0);
    const avail = width - indent - (i === 0 ? first : 0);
    let x = left;
    if (b.align === 'CENTER') x = left + (avail - line.width) / 2;
    else if (b.align === 'RIGHT') x = left + avail - line.width;
    const baseline = w.y - line.ascent;
    if (i === 0 && b.marker) {
      const mk = toWinAnsi(b.marker.text);
      const mw = textWidth(mk, b.marker.size, Boolean(b.marker.bold));
      drawLine(w.out, { pieces: [{ text: mk, span: b.marker, width: mw, space: false }], width: mw, height: 0, ascent: 0 }, x0 + indent - mw - 4, baseline, w.images);
    }
    drawLine(w.out, line, x, baseline, w.images);
    w.y -= line.height;
  });
  w.y -= b.spaceAfter ?? 0;
}

function layoutTable(w: Writer, t: TableBlock): void {
  const ncols = Math.max(0, ...t.rows.map((r) => r.length));
  if (!ncols) return;
  const fixed = t.widths.slice(0, ncols).reduce<number>((s, v) => s + (v ?? 0), 0);
  const free = t.widths.slice(0, ncols).filter((v) => v === undefined).length + Math.max(0, ncols - t.widths.length);
  const scale = fixed > CONTENT_W ? CONTENT_W / fixed : 1;
  const rest = Math.max(0, CONTENT_W - fixed * scale);
  const widths = Array.from({ length: ncols }, (_x, i) => (t.widths[i] !== undefined ? (t.widths[i] as number) * scale : free ? rest / free : 0));
  const pad = 4;
  w.y -= 4;
  for (const row of t.rows) {
    // Measure the row: lay each cell out on a scratch writer.
    const heights = row.map((cell, ci) => {
      let h = 0;
      for (const p of cell.paras) {
        const lines = wrap(p.spans, widths[ci] - 2 * pad - (p.indent ?? 0), widths[ci] - 2 * pad - (p.indent ?? 0), p.lineSpacing ?? 1);
        h += lines.reduce((s, l) => s + l.height, 0) + (p.spaceBefore ?? 0) + (p.spaceAfter ?? 0);
      }
      return h + 2 * pad;
    });
    const rowH = Math.max(14, ...heights);
    w.ensure(rowH);
    const top = w.y;
    let x = MARGIN_X;
    row.forEach((cell, ci) => {
      const bg = rgb(cell.bg);
      if (bg) w.out.push(`${bg.map(num).join(' ')} rg ${num(x)} ${num(top - rowH)} ${num(widths[ci])} ${num(rowH)} re f 0 0 0 rg`);
      w.y = top - pad;
      for (const p of cell.paras) layoutParaNoBreak(w, p, x + pad, widths[ci] - 2 * pad);
      x += widths[ci];
    });
    if (t.border > 0) {
      w.out.push(`${num(Math.min(t.border, 3) / 2 + 0.25)} w 0 0 0 RG`);
      let bx = MARGIN_X;
      for (let ci = 0; ci < ncols; ci++) {
        w.out.push(`${num(bx)} ${num(top - rowH)} ${num(widths[ci])} ${num(rowH)} re S`);
        bx += widths[ci];
      }
    }
    w.y = top - rowH;
  }
  w.y -= 6;
}

/** Lays a paragraph out inside a table cell (no page breaks inside a row). */
function layoutParaNoBreak(w: Writer, b: ParaBlock, x0: number, width: number): void {
  const lines = wrap(b.spans, width - (b.indent ?? 0), width - (b.indent ?? 0), b.lineSpacing ?? 1);
  w.y -= b.spaceBefore ?? 0;
  for (const line of lines) {
    let x = x0 + (b.indent ?? 0);
    if (b.align === 'CENTER') x += (width - line.width) / 2;
    else if (b.align === 'RIGHT') x += width - line.width;
    drawLine(w.out, line, x, w.y - line.ascent, w.images);
    w.y -= line.height;
  }
  w.y -= b.spaceAfter ?? 0;
}

/** Lays blocks out on A4 pages and writes the PDF file. */
export function blocksToPdf(blocks: PdfBlock[], opts: { title?: string; header?: ParaBlock[]; footer?: ParaBlock[] } = {}): Buffer {
  const images = new ImageRegistry();
  // Page numbers in a header or footer print the number of the page they are on.
  const onPage = (p: ParaBlock, pageNo: number): ParaBlock => (p.spans.some((x) => x.pageNumber) ? { ...p, spans: p.spans.map((x) => (x.pageNumber ? { ...x, text: String(pageNo) } : x)) } : p);
  const decorate = (ops: string[], pageNo: number) => {
    if (opts.header?.length) {
      const hw = new Writer(() => undefined, images);
      hw.y = PAGE_H - 28;
      for (const p of opts.header) layoutParaNoBreak(hw, onPage(p, pageNo), MARGIN_X, CONTENT_W);
      ops.push(...hw.out);
    }
    if (opts.footer?.length) {
      const fw = new Writer(() => undefined, images);
      fw.y = 44;
      for (const p of opts.footer) layoutParaNoBreak(fw, onPage(p, pageNo), MARGIN_X, CONTENT_W);
      ops.push(...fw.out);
    }
  };
  const w = new Writer(decorate, images);
  for (const b of blocks) {
    if (b.kind === 'pageBreak') w.newPage();
    else if (b.kind === 'rule') {
      w.ensure(12);
      w.y -= 6;
      w.out.push(`0.5 w 0.6 0.6 0.6 RG ${num(MARGIN_X)} ${num(w.y)} m ${num(PAGE_W - MARGIN_X)} ${num(w.y)} l S 0 0 0 RG`);
      w.y -= 6;
    } else if (b.kind === 'table') layoutTable(w, b);
    else layoutPara(w, b, MARGIN_X, CONTENT_W);
  }
  return writePdf(w.pages, opts.title ?? '', images.images);
}

interface XObject {
  dict: string;
  data: Buffer;
  /** The alpha channel as a DeviceGray soft mask. */
  mask?: { dict: string; data: Buffer };
}

/** Width, height and component count from a JPEG's start-of-frame segment. */
function jpegInfo(b: Buffer): { width: number; height: number; components: number } | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7), components: b[i + 9] };
    }
    i += 2 + len;
  }
  return undefined;
}

/** RGBA pixels of an image the canvas library can decode (GIF, WebP, BMP...). */
function decodeWithCanvas(data: Buffer): { width: number; height: number; data: ArrayLike<number> } | undefined {
  try {
    const img = new Image();
    img.src = data;
    if (!img.width || !img.height) return undefined;
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
  } catch {
    return undefined;
  }
}

function rgbaXObject(width: number, height: number, rgba: ArrayLike<number>): XObject {
  const n = width * height;
  const rgb = Buffer.alloc(n * 3);
  const alpha = Buffer.alloc(n);
  let opaque = true;
  for (let i = 0; i < n; i++) {
    rgb[3 * i] = rgba[4 * i];
    rgb[3 * i + 1] = rgba[4 * i + 1];
    rgb[3 * i + 2] = rgba[4 * i + 2];
    alpha[i] = rgba[4 * i + 3];
    if (alpha[i] !== 255) opaque = false;
  }
  const head = `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /BitsPerComponent 8 /Filter /FlateDecode`;
  const data = deflateSync(rgb);
  const out: XObject = { dict: `${head} /ColorSpace /DeviceRGB`, data };
  if (!opaque) {
    const mask = deflateSync(alpha);
    out.mask = { dict: `${head} /ColorSpace /DeviceGray`, data: mask };
  }
  return out;
}

/** An image as a PDF image XObject; undefined when its bytes cannot be decoded. */
function imageXObject(img: PdfImage): XObject | undefined {
  const jpeg = jpegInfo(img.data);
  if (jpeg) {
    const space = jpeg.components === 1 ? '/DeviceGray' : jpeg.components === 4 ? '/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]' : '/DeviceRGB';
    return {
      dict: `/Type /XObject /Subtype /Image /Width ${jpeg.width} /Height ${jpeg.height} /ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode`,
      data: img.data,
    };
  }
  if (img.data.length > 8 && img.data.readUInt32BE(0) === 0x89504e47) {
    try {
      const png = PNG.sync.read(img.data);
      return rgbaXObject(png.width, png.height, png.data);
    } catch {
      return undefined;
    }
  }
  const decoded = decodeWithCanvas(img.data);
  return decoded ? rgbaXObject(decoded.width, decoded.height, decoded.data) : undefined;
}

/** A light grey box with a border, for an image whose bytes cannot be decoded. */
const PLACEHOLDER: XObject = {
  dict: '/Type /XObject /Subtype /Form /BBox [0 0 1 1]',
  data: Buffer.from('0.9 0.9 0.9 rg 0 0 1 1 re f 0.6 0.6 0.6 RG 0.01 w 0 0 1 1 re S', 'latin1'),
};

/** Serialises pages of content operators into a PDF file with a correct cross-reference table. */
export function writePdf(pages: string[][], title: string, images: PdfImage[] = []): Buffer {
  const objects: string[] = [];
  // Image XObjects (and their soft masks) follow the pages.
  let next = 8 + 2 * pages.length;
  const xobjects: string[] = [];
  for (const [i, img] of images.entries()) {
    const x = imageXObject(img) ?? PLACEHOLDER;
    const id = next++;
    let dict = x.dict;
    if (x.mask) {
      const maskId = next++;
      objects[maskId] = `<< ${x.mask.dict} /Length ${x.mask.data.length} >>\nstream\n${x.mask.data.toString('latin1')}\nendstream`;
      dict += ` /SMask ${maskId} 0 R`;
    }
    objects[id] = `<< ${dict} /Length ${x.data.length} >>\nstream\n${x.data.toString('latin1')}\nendstream`;
    xobjects.push(`/Im${i + 1} ${id} 0 R`);
  }
  const xobjectResource = xobjects.length ? ` /XObject << ${xobjects.join(' ')} >>` : '';
  const fontNames = ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique'];
  const firstPage = 8;
  const kids = pages.map((_p, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`;
  fontNames.forEach((f, i) => {
    objects[3 + i] = `<< /Type /Font /Subtype /Type1 /BaseFont /${f} /Encoding /WinAnsiEncoding >>`;
  });
  objects[7] = `<< /Title ${pdfString(toWinAnsi(title))} /Producer (gas-sandbox) >>`;
  pages.forEach((ops, i) => {
    const content = ops.join('\n');
    objects[firstPage + 2 * i] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R /F4 6 0 R >>${xobjectResource} >> /Contents ${firstPage + 2 * i + 1} 0 R >>`;
    objects[firstPage + 2 * i + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = Buffer.byteLength(out, 'latin1');
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++) out += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------------------------------------
// Documents and plain text

const HEADING: Record<string, { size: number; bold: boolean; before: number; after: number; color?: string }> = {
  TITLE: { size: 24, bold: true, before: 0, after: 8 },
  SUBTITLE: { size: 15, bold: false, before: 0, after: 10, color: '#666666' },
  HEADING1: { size: 18, bold: true, before: 14, after: 6 },
  HEADING2: { size: 15, bold: true, before: 12, after: 5 },
  HEADING3: { size: 13, bold: true, before: 10, after: 4 },
  HEADING4: { size: 12, bold: true, before: 8, after: 3 },
  HEADING5: { size: 11, bold: true, before: 8, after: 3 },
  HEADING6: { size: 11, bold: true, before: 8, after: 3 },
  NORMAL: { size: 11, bold: false, before: 0, after: 4 },
};

function spansOf(children: InlineNode[], base: { size: number; bold: boolean; color?: string }): Span[] {
  const spans: Span[] = [];
  for (const c of children) {
    if (c.type === 'TEXT') {
      for (const r of c.runs) {
        spans.push({
          text: r.t,
          bold: r.s?.b ?? base.bold,
          italic: r.s?.i,
          underline: r.s?.u || Boolean(r.s?.link),
          size: r.s?.size ?? base.size,
          color: r.s?.color ?? (r.s?.link ? '#1155cc' : base.color),
        });
      }
    } else if (c.type === 'INLINE_IMAGE') {
      // Docs sizes images in pixels; the PDF is in points (96 px = 72 pt).
      const image: PdfImage = { data: Buffer.from(c.data, 'base64'), contentType: c.contentType, width: c.width * 0.75, height: c.height * 0.75 };
      spans.push({ text: '', image, size: base.size });
    } else if (c.type === 'UNSUPPORTED' && c.autoText === 'PAGE_NUMBER') {
      spans.push({ text: '#', pageNumber: true, bold: base.bold, size: base.size, color: base.color });
    }
  }
  return spans;
}

function paraBlocks(p: ParagraphNode | ListItemNode, marker: string | undefined, scale = 1): PdfBlock[] {
  const h = HEADING[p.heading] ?? HEADING.NORMAL;
  const base = { size: h.size * scale, bold: h.bold, color: h.color };
  const out: PdfBlock[] = [];
  // Page breaks and rules inside a paragraph split it.
  let chunk: InlineNode[] = [];
  const flush = (last: boolean) => {
    const spans = spansOf(chunk, base);
    if (spans.length || last) {
      const list = p.type === 'LIST_ITEM';
      out.push({
        kind: 'para',
        spans: spans.length ? spans : [{ text: '', size: base.size }],
        align: p.attrs.align,
        indent: list ? 18 * (p.nesting + 1) : (p.attrs.indentStart ?? 0),
        firstLineIndent: list ? 0 : (p.attrs.indentFirstLine ?? p.attrs.indentStart ?? 0) - (p.attrs.indentStart ?? 0),
        spaceBefore: p.attrs.spaceBefore ?? h.before,
        spaceAfter: p.attrs.spaceAfter ?? (list ? 2 : h.after),
        lineSpacing: p.attrs.lineSpacing,
        marker: marker !== undefined ? { text: marker === '- ' ? '\u2022' : marker.trim(), size: base.size } : undefined,
      });
    }
    chunk = [];
  };
  const onlyBreaks = p.children.length > 0 && p.children.every((c) => c.type === 'PAGE_BREAK' || c.type === 'HORIZONTAL_RULE');
  for (const c of p.children) {
    if (c.type === 'PAGE_BREAK' || c.type === 'HORIZONTAL_RULE') {
      if (chunk.length) flush(false);
      out.push({ kind: c.type === 'PAGE_BREAK' ? 'pageBreak' : 'rule' });
    } else chunk.push(c);
  }
  if (!onlyBreaks) flush(true);
  return out;
}

function docBlocks(blocks: BlockNode[], scale = 1): PdfBlock[] {
  const markers = listMarkers(blocks);
  const out: PdfBlock[] = [];
  for (const b of blocks) {
    if (b.type === 'TABLE') {
      const ncols = Math.max(0, ...b.rows.map((r) => r.cells.length));
      out.push({
        kind: 'table',
        border: b.borderWidth,
        widths: Array.from({ length: ncols }, (_x, i) => b.columnWidths[String(i)] ?? b.rows[0]?.cells[i]?.width),
        rows: b.rows.map((r) =>
          r.cells.map((c) => ({
            bg: c.bg,
            paras: docBlocks(c.children, 10 / 11).filter((x): x is ParaBlock => x.kind === 'para'),
          })),
        ),
      });
      continue;
    }
    out.push(...paraBlocks(b, b.type === 'LIST_ITEM' ? markers.get(b) : undefined, scale));
  }
  return out;
}

/** A Google Doc model as PDF bytes. */
export function documentToPdf(model: DocModel, title = ''): Buffer {
  const small = (blocks: BlockNode[] | undefined) =>
    blocks ? docBlocks(blocks, 9 / 11).filter((x): x is ParaBlock => x.kind === 'para' && x.spans.some((s) => s.text)) : undefined;
  return blocksToPdf(docBlocks(model.body.children), { title, header: small(model.header?.children), footer: small(model.footer?.children) });
}

/** Plain lines under a bold title as PDF bytes. */
export function textToPdf(title: string, lines: string[]): Buffer {
  const blocks: PdfBlock[] = [];
  if (title) blocks.push({ kind: 'para', spans: [{ text: title, bold: true, size: 16 }], spaceAfter: 10 });
  for (const l of lines) blocks.push({ kind: 'para', spans: [{ text: l, size: 11 }], spaceAfter: 2 });
  return blocksToPdf(blocks, { title });
}
