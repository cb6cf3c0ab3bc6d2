/**
 * Bar and line charts as PNG bytes, for the monthly report's Google Doc. Pure: runs in Apps Script
 * (no Buffer, no Node APIs, no canvas). The raster is an 8-bit palette image; text uses a built-in
 * 5x7 bitmap font (upper case, digits and common punctuation); the PNG is written with zlib
 * "stored" (uncompressed) deflate blocks, CRC-32 and Adler-32, which every PNG reader accepts.
 */
import { formatNumber, Lang } from './i18n';

export interface ChartSeries {
  name: string;
  /** '#rrggbb'. */
  color: string;
  values: number[];
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  width: number;
  height: number;
  title: string;
  categories: string[];
  series: ChartSeries[];
  lang: Lang;
}

// ---------------------------------------------------------------------------------------------
// 5x7 font: each glyph is 7 rows of 5 pixels ('#' on).

const GLYPHS: Record<string, string> = {
  ' ': '.....|.....|.....|.....|.....|.....|.....',
  '0': '.###.|#...#|#..##|#.#.#|##..#|#...#|.###.',
  '1': '..#..|.##..|..#..|..#..|..#..|..#..|.###.',
  '2': '.###.|#...#|....#|...#.|..#..|.#...|#####',
  '3': '#####|...#.|..#..|...#.|....#|#...#|.###.',
  '4': '...#.|..##.|.#.#.|#..#.|#####|...#.|...#.',
  '5': '#####|#....|####.|....#|....#|#...#|.###.',
  '6': '..##.|.#...|#....|####.|#...#|#...#|.###.',
  '7': '#####|....#|...#.|..#..|.#...|.#...|.#...',
  '8': '.###.|#...#|#...#|.###.|#...#|#...#|.###.',
  '9': '.###.|#...#|#...#|.####|....#|...#.|.##..',
  A: '.###.|#...#|#...#|#####|#...#|#...#|#...#',
  B: '####.|#...#|#...#|####.|#...#|#...#|####.',
  C: '.###.|#...#|#....|#....|#....|#...#|.###.',
  D: '###..|#..#.|#...#|#...#|#...#|#..#.|###..',
  E: '#####|#....|#....|####.|#....|#....|#####',
  F: '#####|#....|#....|####.|#....|#....|#....',
  G: '.###.|#...#|#....|#.###|#...#|#...#|.####',
  H: '#...#|#...#|#...#|#####|#...#|#...#|#...#',
  I: '.###.|..#..|..#..|..#..|..#..|..#..|.###.',
  J: '..###|...#.|...#.|...#.|...#.|#..#.|.##..',
  K: '#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#',
  L: '#....|#....|#....|#....|#....|#....|#####',
  M: '#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#',
  N: '#...#|#...#|##..#|#.#.#|#..##|#...#|#...#',
  O: '.###.|#...#|#...#|#...#|#...#|#...#|.###.',
  P: '####.|#...#|#...#|####.|#....|#....|#....',
  Q: '.###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#',
  R: '####.|#...#|#...#|####.|#.#..|#..#.|#...#',
  S: '.####|#....|#....|.###.|....#|....#|####.',
  T: '#####|..#..|..#..|..#..|..#..|..#..|..#..',
  U: '#...#|#...#|#...#|#...#|#...#|#...#|.###.',
  V: '#...#|#...#|#...#|#...#|#...#|.#.#.|..#..',
  W: '#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#.',
  X: '#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#',
  Y: '#...#|#...#|.#.#.|..#..|..#..|..#..|..#..',
  Z: '#####|....#|...#.|..#..|.#...|#....|#####',
  '.': '.....|.....|.....|.....|.....|.##..|.##..',
  ',': '.....|.....|.....|.....|.##..|..#..|.#...',
  '%': '##...|##..#|...#.|..#..|.#...|#..##|...##',
  '-': '.....|.....|.....|#####|.....|.....|.....',
  '+': '.....|..#..|..#..|#####|..#..|..#..|.....',
  '/': '.....|....#|...#.|..#..|.#...|#....|.....',
  ':': '.....|.##..|.##..|.....|.##..|.##..|.....',
  '(': '...#.|..#..|.#...|.#...|.#...|..#..|...#.',
  ')': '.#...|..#..|...#.|...#.|...#.|..#..|.#...',
  '?': '.###.|#...#|....#|...#.|..#..|.....|..#..',
};

const FONT: Record<string, number[]> = {};
for (const [ch, rows] of Object.entries(GLYPHS)) {
  FONT[ch] = rows.split('|').map((r) => {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (r.charAt(i) === '#') bits |= 1 << (4 - i);
    return bits;
  });
}

/** Folds text to what the font can draw: upper case, Indonesian/English letters without accents. */
function fontText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split('')
    .map((c) => (FONT[c] ? c : c === '\u2013' || c === '\u2014' ? '-' : '?'))
    .join('');
}

export function textWidth(text: string, scale = 1): number {
  const n = fontText(text).length;
  return n ? (n * 6 - 1) * scale : 0;
}

// ---------------------------------------------------------------------------------------------
// Raster

export class Raster {
  readonly pixels: Uint8Array;
  readonly palette: number[][] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly width: number,
    readonly height: number,
    background = '#ffffff',
  ) {
    this.pixels = new Uint8Array(width * height);
    this.color(background);
  }

  /** Palette index of a '#rrggbb' colour (added on first use; at most 256). */
  color(hex: string): number {
    const key = hex.toLowerCase();
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(key);
    const rgb = m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [0, 0, 0];
    if (this.palette.length >= 256) return 0;
    this.palette.push(rgb);
    this.index.set(key, this.palette.length - 1);
    return this.palette.length - 1;
  }

  set(x: number, y: number, c: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.pixels[y * this.width + x] = c;
  }

  get(x: number, y: number): number {
    return this.pixels[y * this.width + x];
  }

  rect(x: number, y: number, w: number, h: number, c: number): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) this.pixels.fill(c, yy * this.width + x0, yy * this.width + Math.max(x0, x1));
  }

  line(x0: number, y0: number, x1: number, y1: number, c: number, thickness = 1): void {
    x0 = Math.round(x0);
    y0 = Math.round(y0);
    x1 = Math.round(x1);
    y1 = Math.round(y1);
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    const half = Math.floor(thickness / 2);
    for (;;) {
      if (thickness <= 1) this.set(x0, y0, c);
      else this.rect(x0 - half, y0 - half, thickness, thickness, c);
      if (x0 === x1 && y0 === y1) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  /** Draws text with its top-left corner at (x, y). */
  text(x: number, y: number, text: string, c: number, scale = 1): void {
    let cx = Math.round(x);
    const top = Math.round(y);
    for (const ch of fontText(text)) {
      const rows = FONT[ch];
      for (let r = 0; r < 7; r++) {
        for (let col = 0; col < 5; col++) {
          if (rows[r] & (1 << (4 - col))) this.rect(cx + col * scale, top + r * scale, scale, scale, c);
        }
      }
      cx += 6 * scale;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// PNG encoding

let CRC_TABLE: Uint32Array | null = null;
function crcTable(): Uint32Array {
  if (CRC_TABLE) return CRC_TABLE;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  CRC_TABLE = t;
  return t;
}

export function crc32(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function adler32(bytes: ArrayLike<number>): number {
  let a = 1;
  let b = 0;
  const MOD = 65521;
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(bytes.length, i + 5552);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib stream of `data` in stored (uncompressed) deflate blocks. */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + data.length + blocks * 5 + 4);
  let o = 0;
  out[o++] = 0x78;
  out[o++] = 0x01;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, data.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0;
    out[o++] = len & 0xff;
    out[o++] = (len >>> 8) & 0xff;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >>> 8) & 0xff;
    out.set(data.subarray(start, start + len), o);
    o += len;
  }
  const ad = adler32(data);
  out[o++] = (ad >>> 24) & 0xff;
  out[o++] = (ad >>> 16) & 0xff;
  out[o++] = (ad >>> 8) & 0xff;
  out[o] = ad & 0xff;
  return out;
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function chunk(type: string, data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length), 0);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data as ArrayLike<number>, 8);
  out.set(u32(crc32(out, 4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The raster as PNG bytes (8-bit palette, filter 0 on every row). */
export function encodePng(r: Raster): Uint8Array {
  const raw = new Uint8Array((r.width + 1) * r.height);
  for (let y = 0; y < r.height; y++) {
    raw[y * (r.width + 1)] = 0;
    raw.set(r.pixels.subarray(y * r.width, (y + 1) * r.width), y * (r.width + 1) + 1);
  }
  const ihdr = [...u32(r.width), ...u32(r.height), 8, 3, 0, 0, 0];
  const plte: number[] = [];
  for (const c of r.palette) plte.push(c[0], c[1], c[2]);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('PLTE', plte), chunk('IDAT', zlibStored(raw)), chunk('IEND', [])];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const png = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    png.set(p, o);
    o += p.length;
  }
  return png;
}

// ---------------------------------------------------------------------------------------------
// Charts

/** A "nice" axis maximum and step (1, 2, 2.5 or 5 times a power of ten) for values up to `max`. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const rough = max / ticks;
  const pow = Math.pow(10, Math.floor(Math.log10(rough)));
  const candidates = [1, 2, 2.5, 5, 10];
  let step = pow * 10;
  for (const c of candidates) {
    if (c * pow >= rough) {
      step = c * pow;
      break;
    }
  }
  return { max: Math.ceil(max / step) * step, step };
}

function compactNumber(v: number, lang: Lang): string {
  const abs = Math.abs(v);
  const units: Array<[number, string, string]> = [
    [1e9, lang === 'id' ? 'M' : 'B', lang === 'id' ? 'M' : 'B'],
    [1e6, lang === 'id' ? 'JT' : 'M', 'M'],
    [1e3, lang === 'id' ? 'RB' : 'K', 'K'],
  ];
  for (const [n, id] of units) {
    if (abs >= n) {
      const x = v / n;
      return `${formatNumber(x, lang, Math.round(x) === x ? 0 : 1)}${id}`;
    }
  }
  return formatNumber(v, lang, Math.round(v) === v ? 0 : 1);
}

/** Draws the chart and returns the raster (tests look at pixels; renderChartPng encodes it). */
export function drawChart(spec: ChartSpec): Raster {
  const r = new Raster(spec.width, spec.height);
  const ink = r.color('#202124');
  const grid = r.color('#dadce0');
  const axis = r.color('#5f6368');
  const colors = spec.series.map((s) => r.color(s.color));
  // Text at twice the font size: charts are shrunk to the page width in the Doc.
  const S = 2;
  const all = spec.series.reduce<number[]>((a, s) => a.concat(s.values), []);
  const integers = all.every((v) => Math.round(v) === v);
  const scale = niceScale(Math.max(0, ...all));
  let { max, step } = scale;
  if (integers && step < 1) {
    step = 1;
    max = Math.max(1, Math.ceil(max));
  }
  const labels: string[] = [];
  for (let v = 0; v <= max + step / 2; v += step) labels.push(compactNumber(v, spec.lang));
  const left = 18 + Math.max(...labels.map((l) => textWidth(l, S)));
  const right = spec.width - 16;
  const top = 16 + 7 * S + 16;
  const bottom = spec.height - (16 + 7 * S + 14 + 7 * S + 12);
  r.text(Math.max(4, (spec.width - textWidth(spec.title, S)) / 2), 12, spec.title, ink, S);

  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  labels.forEach((label, i) => {
    const yy = Math.round(y(i * step));
    r.line(left, yy, right, yy, grid);
    r.text(left - 6 - textWidth(label, S), yy - (7 * S) / 2, label, axis, S);
  });
  r.line(left, top, left, bottom, axis);
  r.line(left, bottom, right, bottom, axis);

  const n = spec.categories.length;
  const slot = n ? (right - left) / n : right - left;
  // Category labels: skip some when they would overlap.
  const widest = Math.max(1, ...spec.categories.map((c) => textWidth(c, S)));
  const every = Math.max(1, Math.ceil((widest + 8) / Math.max(1, slot)));
  spec.categories.forEach((c, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    const cx = left + slot * (i + 0.5);
    r.text(cx - textWidth(c, S) / 2, bottom + 8, c, ink, S);
  });

  if (spec.kind === 'bar') {
    const groups = Math.max(1, spec.series.length);
    const barW = Math.max(2, Math.min(56, Math.floor((slot * 0.7) / groups)));
    spec.series.forEach((s, si) => {
      s.values.forEach((v, i) => {
        if (!(v > 0)) return;
        const x0 = left + slot * i + (slot - barW * groups) / 2 + si * barW;
        const yTop = y(v);
        r.rect(x0, yTop, barW - 2, bottom - yTop, colors[si]);
      });
    });
  } else {
    spec.series.forEach((s, si) => {
      let prev: [number, number] | null = null;
      s.values.forEach((v, i) => {
        const pt: [number, number] = [left + slot * (i + 0.5), y(Math.max(0, v))];
        if (prev) r.line(prev[0], prev[1], pt[0], pt[1], colors[si], 2);
        r.rect(pt[0] - 2, pt[1] - 2, 5, 5, colors[si]);
        prev = pt;
      });
    });
  }

  // Legend at the bottom, centred.
  const legendW = spec.series.reduce((w, s) => w + 14 * S + textWidth(s.name, S) + 24, -24);
  let lx = Math.max(left, (spec.width - legendW) / 2);
  const ly = spec.height - 12 - 7 * S;
  spec.series.forEach((s, si) => {
    r.rect(lx, ly, 10 * S, 7 * S, colors[si]);
    r.text(lx + 14 * S, ly, s.name, ink, S);
    lx += 14 * S + textWidth(s.name, S) + 24;
  });
  return r;
}

export function renderChartPng(spec: ChartSpec): Uint8Array {
  return encodePng(drawChart(spec));
}

/** Bytes as Apps Script's Byte[] wants them (-128..127). */
export function signedBytes(bytes: Uint8Array): number[] {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] > 127 ? bytes[i] - 256 : bytes[i];
  return out;
}
