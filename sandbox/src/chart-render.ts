/**
 * Draws a chart of the Charts service as SVG (title, legend, axes with ticks and gridlines, bars,
 * lines, areas or pie slices) and rasterizes it to PNG or JPEG with the canvas library
 * (@napi-rs/canvas, Skia). Text uses the machine's fonts: Liberation Sans (Debian's
 * fonts-liberation, which CI installs), else Arial, DejaVu Sans or any sans-serif font.
 *
 * The look follows Google Charts' defaults (its ten-colour palette, the legend on the right, grey
 * gridlines, percentages on pie slices), not pixel for pixel.
 */
import { createCanvas, Image } from '@napi-rs/canvas';

export type ChartKind = 'AREA' | 'BAR' | 'COLUMN' | 'LINE' | 'PIE';
export type ColumnKind = 'STRING' | 'NUMBER' | 'DATE';

export interface ChartData {
  columns: Array<{ type: ColumnKind; label: string }>;
  /** Values: strings, numbers, epoch ms for DATE columns, or null. */
  rows: Array<Array<string | number | null>>;
}

export interface ChartSpec {
  kind: ChartKind;
  data: ChartData;
  /** Google Charts option names: title, width, height, colors, isStacked, legend.position... */
  options: Record<string, unknown>;
  /** For DATE columns. */
  timeZone: string;
}

export const DEFAULT_COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00', '#b82e2e', '#316395'];
export const DEFAULT_WIDTH = 600;
export const DEFAULT_HEIGHT = 400;
const FONT = "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif";

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n2 = (v: number): string => (Math.round(v * 100) / 100).toString();

/** A rough text width for layout (average glyph of a sans-serif font). */
function textW(s: string, size: number): number {
  return s.length * size * 0.55;
}

function fit(s: string, size: number, width: number): string {
  if (textW(s, size) <= width) return s;
  const n = Math.max(1, Math.floor(width / (size * 0.55)) - 1);
  return `${s.slice(0, n)}…`;
}

interface TextOpts {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  color?: string;
  rotate?: number;
}
function text(x: number, y: number, s: string, o: TextOpts = {}): string {
  const rot = o.rotate ? ` transform="rotate(${o.rotate} ${n2(x)} ${n2(y)})"` : '';
  return (
    `<text x="${n2(x)}" y="${n2(y)}" font-family="${FONT}" font-size="${o.size ?? 12}" fill="${esc(o.color ?? '#222222')}"` +
    `${o.bold ? ' font-weight="bold"' : ''} text-anchor="${o.anchor ?? 'start'}"${rot}>${esc(s)}</text>`
  );
}

function opt<T>(options: Record<string, unknown>, key: string, fallback: T): T {
  const v = options[key];
  return v === undefined || v === null ? fallback : (v as T);
}

/** Round axis bounds and a step of 1, 2 or 5 times a power of ten, about five intervals. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) {
    const m = max === 0 ? 1 : Math.abs(max);
    return niceTicks(Math.min(0, min) - (min < 0 ? m : 0), Math.max(0, max) + (max >= 0 ? m : 0), count);
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const out: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) out.push(Number((Math.round(v / step) * step).toPrecision(12)));
  return out;
}

/** The `ticks` option as sorted {v, f?} (numbers or objects with a number v); null when unusable. */
function explicitTicks(v: unknown): Array<{ v: number; f?: string }> | null {
  if (!Array.isArray(v)) return null;
  const out: Array<{ v: number; f?: string }> = [];
  for (const t of v) {
    if (typeof t === 'number' && Number.isFinite(t)) out.push({ v: t });
    else if (t && typeof t === 'object' && typeof (t as { v?: unknown }).v === 'number') {
      const f = (t as { f?: unknown }).f;
      out.push({ v: (t as { v: number }).v, ...(f !== undefined && f !== null ? { f: String(f) } : {}) });
    }
  }
  if (out.length < 2) return null;
  return out.sort((a, b) => a.v - b.v);
}

function formatNumber(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) < 10 ? 2 : 1 });
}

function formatDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(ms));
}

function cellLabel(v: string | number | null, type: ColumnKind, timeZone: string): string {
  if (v === null) return '';
  if (type === 'DATE' && typeof v === 'number') return formatDate(v, timeZone);
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The legend's entries drawn in a box; returns the SVG. */
function legend(entries: Array<{ label: string; color: string }>, position: string, area: Box, size: number): string {
  const out: string[] = [];
  if (position === 'right') {
    let y = area.y + 4;
    for (const e of entries) {
      out.push(`<rect x="${n2(area.x)}" y="${n2(y)}" width="${size}" height="${size}" fill="${esc(e.color)}"/>`);
      out.push(text(area.x + size + 6, y + size - 1, fit(e.label, size, area.w - size - 6), { size }));
      y += size + 8;
      if (y > area.y + area.h - size) break;
    }
  } else {
    let x = area.x;
    for (const e of entries) {
      const label = fit(e.label, size, 160);
      out.push(`<rect x="${n2(x)}" y="${n2(area.y)}" width="${size}" height="${size}" fill="${esc(e.color)}"/>`);
      out.push(text(x + size + 6, area.y + size - 1, label, { size }));
      x += size + 6 + textW(label, size) + 16;
      if (x > area.x + area.w) break;
    }
  }
  return out.join('');
}

/** The chart as an SVG document. */
export function chartSvg(spec: ChartSpec): string {
  const o = spec.options;
  const W = Math.max(50, Math.round(opt(o, 'width', DEFAULT_WIDTH)));
  const H = Math.max(50, Math.round(opt(o, 'height', DEFAULT_HEIGHT)));
  const colors = opt<string[]>(o, 'colors', []).concat(DEFAULT_COLORS);
  const title = String(opt(o, 'title', ''));
  const titleSize = Number(opt(o, 'titleTextStyle.fontSize', 16));
  const legendPos = String(opt(o, 'legend.position', 'right')).toLowerCase();
  const labelSize = 12;
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="${esc(String(opt(o, 'backgroundColor', '#ffffff')))}"/>`);
  let top = 12;
  if (title) {
    parts.push(text(16, top + titleSize, fit(title, titleSize, W - 32), { size: titleSize, bold: true, color: String(opt(o, 'titleTextStyle.color', '#222222')) }));
    top += titleSize + 14;
  }
  const { columns } = spec.data;
  let rows = spec.data.rows;
  if (opt(o, 'reverseCategories', false)) rows = [...rows].reverse();
  const catType = columns[0]?.type ?? 'STRING';
  const categories = rows.map((r) => cellLabel(r[0] ?? null, catType, spec.timeZone));

  if (spec.kind === 'PIE') {
    const values = rows.map((r) => Math.max(0, num(r[1]) ?? 0));
    const entries = categories.map((label, i) => ({ label, color: colors[i % colors.length] }));
    const legendW = legendPos === 'right' ? Math.min(W * 0.35, 180) : 0;
    const legendH = legendPos === 'top' || legendPos === 'bottom' ? labelSize + 12 : 0;
    const plot: Box = { x: 16, y: top + (legendPos === 'top' ? legendH : 0), w: W - 32 - legendW, h: H - top - 16 - legendH };
    if (legendPos === 'right') parts.push(legend(entries, 'right', { x: W - legendW, y: plot.y + 8, w: legendW - 8, h: plot.h }, labelSize));
    else if (legendPos === 'top') parts.push(legend(entries, 'top', { x: 16, y: top, w: W - 32, h: legendH }, labelSize));
    else if (legendPos === 'bottom') parts.push(legend(entries, 'bottom', { x: 16, y: H - legendH - 4, w: W - 32, h: legendH }, labelSize));
    const total = values.reduce((s, v) => s + v, 0);
    const r = Math.max(4, Math.min(plot.w, plot.h) / 2 - 4);
    const cx = plot.x + plot.w / 2;
    const cy = plot.y + plot.h / 2;
    let angle = -Math.PI / 2;
    values.forEach((v, i) => {
      if (!total || !v) return;
      const sweep = (v / total) * 2 * Math.PI;
      const color = colors[i % colors.length];
      if (sweep >= 2 * Math.PI - 1e-9) parts.push(`<circle cx="${n2(cx)}" cy="${n2(cy)}" r="${n2(r)}" fill="${esc(color)}"/>`);
      else {
        const x1 = cx + r * Math.cos(angle);
        const y1 = cy + r * Math.sin(angle);
        const x2 = cx + r * Math.cos(angle + sweep);
        const y2 = cy + r * Math.sin(angle + sweep);
        parts.push(
          `<path d="M ${n2(cx)} ${n2(cy)} L ${n2(x1)} ${n2(y1)} A ${n2(r)} ${n2(r)} 0 ${sweep > Math.PI ? 1 : 0} 1 ${n2(x2)} ${n2(y2)} Z" fill="${esc(color)}" stroke="#ffffff" stroke-width="1"/>`,
        );
      }
      const pct = (v / total) * 100;
      if (pct >= 5) {
        const mid = angle + sweep / 2;
        parts.push(text(cx + r * 0.65 * Math.cos(mid), cy + r * 0.65 * Math.sin(mid) + 4, `${pct.toFixed(1)}%`, { size: labelSize, anchor: 'middle', color: '#ffffff' }));
      }
      angle += sweep;
    });
    return wrapSvg(W, H, parts);
  }

  // Axis charts: series are the columns after the first.
  const series = columns.slice(1).map((c, i) => ({ label: c.label, color: colors[i % colors.length], index: i + 1 }));
  const stacked = Boolean(opt(o, 'isStacked', false)) && spec.kind !== 'LINE';
  const horizontal = spec.kind === 'BAR';
  const valueAxis = horizontal ? 'hAxis' : 'vAxis';
  let lo = 0;
  let hi = 0;
  rows.forEach((r) => {
    let pos = 0;
    let neg = 0;
    for (const s of series) {
      const v = num(r[s.index]);
      if (v === null) continue;
      if (stacked) {
        if (v >= 0) pos += v;
        else neg += v;
      } else {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (stacked) {
      lo = Math.min(lo, neg);
      hi = Math.max(hi, pos);
    }
  });
  const minOpt = num(o[`${valueAxis}.minValue`]);
  const maxOpt = num(o[`${valueAxis}.maxValue`]);
  // As setRange documents: the range grows to include every data point.
  if (minOpt !== null) lo = Math.min(lo, minOpt);
  if (maxOpt !== null) hi = Math.max(hi, maxOpt);
  // The value axis's ticks: given ones (the option `vAxis.ticks`, `hAxis.ticks` for a bar chart:
  // numbers, or {v, f} with f the label to draw), else round ones. The axis spans the ticks and
  // every data point.
  const given = explicitTicks(o[`${valueAxis}.ticks`]);
  const ticks = given ? given.map((t) => t.v) : niceTicks(lo, hi);
  const vMin = Math.min(ticks[0], lo);
  const vMax = Math.max(ticks[ticks.length - 1], hi);
  const tickLabels = given ? given.map((t) => t.f ?? formatNumber(t.v)) : ticks.map(formatNumber);

  const entries = series.map((s) => ({ label: s.label, color: s.color }));
  const legendW = legendPos === 'right' ? Math.min(W * 0.3, Math.max(...entries.map((e) => textW(e.label, labelSize)), 40) + 30) : 0;
  const legendH = legendPos === 'top' || legendPos === 'bottom' ? labelSize + 12 : 0;
  const hTitle = String(opt(o, 'hAxis.title', ''));
  const vTitle = String(opt(o, 'vAxis.title', ''));
  const leftLabels = horizontal ? categories : tickLabels;
  const leftW = Math.min(W * 0.3, Math.max(...leftLabels.map((l) => textW(l, labelSize)), 10)) + 10;
  const plot: Box = {
    x: 16 + (vTitle ? labelSize + 10 : 0) + leftW,
    y: top + (legendPos === 'top' ? legendH + 8 : 4),
    w: 0,
    h: 0,
  };
  plot.w = Math.max(10, W - plot.x - 20 - legendW);
  plot.h = Math.max(10, H - plot.y - (labelSize + 12) - (hTitle ? labelSize + 10 : 0) - (legendPos === 'bottom' ? legendH + 8 : 0) - 8);
  const valuePos = (v: number): number =>
    horizontal ? plot.x + ((v - vMin) / (vMax - vMin)) * plot.w : plot.y + plot.h - ((v - vMin) / (vMax - vMin)) * plot.h;

  // Gridlines and value ticks.
  ticks.forEach((t, i) => {
    const p = valuePos(t);
    const color = t === 0 ? '#333333' : '#cccccc';
    if (horizontal) {
      parts.push(`<line x1="${n2(p)}" y1="${n2(plot.y)}" x2="${n2(p)}" y2="${n2(plot.y + plot.h)}" stroke="${color}" stroke-width="1"/>`);
      parts.push(text(p, plot.y + plot.h + labelSize + 4, tickLabels[i], { size: labelSize, anchor: 'middle', color: '#444444' }));
    } else {
      parts.push(`<line x1="${n2(plot.x)}" y1="${n2(p)}" x2="${n2(plot.x + plot.w)}" y2="${n2(p)}" stroke="${color}" stroke-width="1"/>`);
      parts.push(text(plot.x - 6, p + 4, tickLabels[i], { size: labelSize, anchor: 'end', color: '#444444' }));
    }
  });
  // Category positions and labels (every n-th when they would overlap).
  const nCat = Math.max(1, rows.length);
  const band = (horizontal ? plot.h : plot.w) / nCat;
  const catPos = (i: number): number => (horizontal ? plot.y : plot.x) + band * (i + 0.5);
  const longest = Math.max(...categories.map((c) => (horizontal ? labelSize + 2 : textW(c, labelSize) + 8)), 1);
  const every = Math.max(1, Math.ceil(longest / band));
  categories.forEach((c, i) => {
    if (i % every) return;
    if (horizontal) parts.push(text(plot.x - 6, catPos(i) + 4, fit(c, labelSize, leftW - 8), { size: labelSize, anchor: 'end', color: '#444444' }));
    else parts.push(text(catPos(i), plot.y + plot.h + labelSize + 4, fit(c, labelSize, band * every - 4), { size: labelSize, anchor: 'middle', color: '#444444' }));
  });
  if (hTitle) parts.push(text(plot.x + plot.w / 2, plot.y + plot.h + 2 * labelSize + 12, hTitle, { size: labelSize, anchor: 'middle', color: '#222222' }));
  if (vTitle) parts.push(text(16 + labelSize, plot.y + plot.h / 2, vTitle, { size: labelSize, anchor: 'middle', color: '#222222', rotate: -90 }));

  if (spec.kind === 'BAR' || spec.kind === 'COLUMN') {
    const groupW = band * 0.7;
    const barW = stacked ? groupW : groupW / Math.max(1, series.length);
    rows.forEach((r, i) => {
      let pos = 0;
      let neg = 0;
      series.forEach((s, si) => {
        const v = num(r[s.index]);
        if (v === null || v === 0) return;
        let from: number;
        let to: number;
        if (stacked) {
          from = v >= 0 ? pos : neg;
          to = from + v;
          if (v >= 0) pos = to;
          else neg = to;
        } else {
          from = 0;
          to = v;
        }
        const a = valuePos(from);
        const b = valuePos(to);
        const offset = catPos(i) - groupW / 2 + (stacked ? 0 : si * barW);
        const rect = horizontal
          ? { x: Math.min(a, b), y: offset, w: Math.abs(b - a), h: barW }
          : { x: offset, y: Math.min(a, b), w: barW, h: Math.abs(b - a) };
        parts.push(`<rect x="${n2(rect.x)}" y="${n2(rect.y)}" width="${n2(Math.max(rect.w, 0.5))}" height="${n2(Math.max(rect.h, 0.5))}" fill="${esc(s.color)}"/>`);
      });
    });
  } else {
    const smooth = opt<string>(o, 'curveType', 'none') === 'function';
    const pointSize = Number(opt(o, 'pointSize', 0));
    const lineWidth = Number(opt(o, 'lineWidth', 2));
    series.forEach((s) => {
      const pts = rows
        .map((r, i) => ({ x: catPos(i), v: num(r[s.index]) }))
        .filter((p): p is { x: number; v: number } => p.v !== null)
        .map((p) => ({ x: p.x, y: valuePos(p.v) }));
      if (!pts.length) return;
      const d = smooth ? smoothPath(pts) : pts.map((p, i) => `${i ? 'L' : 'M'} ${n2(p.x)} ${n2(p.y)}`).join(' ');
      if (spec.kind === 'AREA') {
        const base = valuePos(Math.max(vMin, Math.min(0, vMax)));
        parts.push(`<path d="${d} L ${n2(pts[pts.length - 1].x)} ${n2(base)} L ${n2(pts[0].x)} ${n2(base)} Z" fill="${esc(s.color)}" fill-opacity="0.3"/>`);
      }
      parts.push(`<path d="${d}" fill="none" stroke="${esc(s.color)}" stroke-width="${lineWidth}" stroke-linejoin="round"/>`);
      if (pointSize > 0) for (const p of pts) parts.push(`<circle cx="${n2(p.x)}" cy="${n2(p.y)}" r="${n2(pointSize / 2 + 1)}" fill="${esc(s.color)}"/>`);
    });
  }
  // The axis line at the base.
  if (horizontal) parts.push(`<line x1="${n2(plot.x)}" y1="${n2(plot.y)}" x2="${n2(plot.x)}" y2="${n2(plot.y + plot.h)}" stroke="#333333" stroke-width="1"/>`);
  else parts.push(`<line x1="${n2(plot.x)}" y1="${n2(plot.y + plot.h)}" x2="${n2(plot.x + plot.w)}" y2="${n2(plot.y + plot.h)}" stroke="#333333" stroke-width="1"/>`);

  if (legendPos === 'right') parts.push(legend(entries, 'right', { x: W - legendW, y: plot.y, w: legendW - 8, h: plot.h }, labelSize));
  else if (legendPos === 'top') parts.push(legend(entries, 'top', { x: plot.x, y: top, w: plot.w, h: legendH }, labelSize));
  else if (legendPos === 'bottom') parts.push(legend(entries, 'bottom', { x: plot.x, y: H - legendH - 4, w: plot.w, h: legendH }, labelSize));
  return wrapSvg(W, H, parts);
}

/** A Catmull-Rom spline through the points as cubic Bézier segments. */
function smoothPath(pts: Array<{ x: number; y: number }>): string {
  let d = `M ${n2(pts[0].x)} ${n2(pts[0].y)}`;
  for (let i = 0; i < pts.length - 1; i++) {
    const p0 = pts[i - 1] ?? pts[i];
    const p1 = pts[i];
    const p2 = pts[i + 1];
    const p3 = pts[i + 2] ?? p2;
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += ` C ${n2(c1.x)} ${n2(c1.y)} ${n2(c2.x)} ${n2(c2.y)} ${n2(p2.x)} ${n2(p2.y)}`;
  }
  return d;
}

function wrapSvg(W: number, H: number, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}

/** Rasterizes an SVG document at its own size. */
export function rasterize(svg: string, type: 'image/png' | 'image/jpeg'): Buffer {
  const img = new Image();
  img.src = Buffer.from(svg, 'utf8');
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.drawImage(img, 0, 0);
  return type === 'image/jpeg' ? canvas.toBuffer('image/jpeg') : canvas.toBuffer('image/png');
}
