/**
 * What a report chart shows: its kind, size, title, categories and series. Pure data; the Charts
 * service draws it (src/adapters/charts.ts), so the picture in the report is Google's own.
 */
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
