/**
 * What a report chart shows: its kind, size, title, categories and series. Pure data; the Charts
 * service draws it (src/adapters/charts.ts), so the picture in the report is Google's own.
 */
import { formatNumber } from './i18n';
import type { Lang } from './i18n';

export interface ChartSeries {
  name: string;
  /** '#rrggbb'. */
  color: string;
  values: number[];
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  /** Pixels of the rendered image (the Doc shrinks it to the page width). */
  width: number;
  height: number;
  title: string;
  /** Axis titles. */
  xTitle?: string;
  yTitle?: string;
  categories: string[];
  series: ChartSeries[];
  lang: Lang;
  /** Value-axis ticks with their labels (valueTicks); Google's own when absent. */
  ticks?: Tick[];
}

/** A value-axis tick: its value and the label drawn for it (Google Charts' {v, f}). */
export interface Tick {
  v: number;
  f: string;
}

/**
 * The value axis's ticks, from 0 up past the largest value in round steps (1, 2 or 5 times a power
 * of ten, about five intervals), labelled in the report's language: Indonesian groups digits with
 * a dot ("1.000"), English with a comma. Google Charts formats axis labels in the locale its
 * library was loaded with, which a script cannot choose; ticks with their own labels (the
 * documented `vAxis.ticks` option) say the same thing in any locale.
 */
export function valueTicks(values: number[], lang: Lang, count = 5): Tick[] {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  const top = max > 0 ? max : 1;
  const raw = top / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  // Whole numbers only (counts and reach): a step below 1 becomes 1.
  const whole = Math.max(1, Math.round(step));
  const ticks: Tick[] = [];
  for (let v = 0; v < top + whole; v += whole) ticks.push({ v, f: formatNumber(v, lang) });
  return ticks;
}

/**
 * Every how-many category labels to show so they never overlap: about one label per 40 pixels
 * of plot width (a day-of-month axis at 900 px shows every day; at 640 px every second day).
 */
export function labelStep(categories: number, width: number, pxPerLabel = 40): number {
  if (categories <= 0) return 1;
  const plot = Math.max(1, width - 120);
  return Math.max(1, Math.ceil((categories * pxPerLabel) / plot));
}
