/**
 * Insights import: platform analytics CSV exports -> normalized rows, dedupe and monthly totals.
 * Pure: no Apps Script globals; the adapter passes the file's text or its bytes (Blob.getBytes()).
 */
export * from './types';
export { parseNumberLoose } from './numbers';
export { parseDateLoose, monthFromName, isPeriod } from './dates';
export type { DateOptions, DateResult } from './dates';
export {
  detectFormat, suggestMapping, normalizeHeader, findHeader, formatDef, FORMATS,
  platformFromSeriesName, fieldForSeriesName,
} from './formats';
export type { FormatDef } from './formats';
export { parseInsights, postIdFromUrl, normalizeUrl, fingerprint, tiktokIdDate, TITLE_MAX } from './parse';
export { dedupe, aggregateByPlatform } from './aggregate';
export type { PlatformTotals, SummedMetric } from './aggregate';
export { FIELD_LABELS } from './messages';
