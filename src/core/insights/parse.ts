/**
 * parseInsights: one analytics export (text or bytes) -> normalized insight rows, the rows it could
 * not read (with the reason in Indonesian and English), and the count of rows left out on purpose.
 */
import { decodeBytes, isBlankRecord, parseCsv, stripBom } from '../csv';
import type { ByteInput, CsvRecord } from '../csv';
import { isPeriod, parseDateLoose } from './dates';
import type { DateResult } from './dates';
import { fieldForSeriesName, findHeader, formatDef, locateFormat, normalizeHeader, suggestMapping } from './formats';
import type { FormatDef } from './formats';
import { fileErrors, problems, rowError } from './messages';
import type { Problem } from './messages';
import { parseNumberLoose } from './numbers';
import type { FormatId, InsightError, InsightRow, MappingField, ParseOptions, ParseResult, RowKind } from './types';
import { MAPPING_FIELDS } from './types';
import type { Platform } from '../platforms';

/** Titles are for display in the workbook and the report: whitespace collapsed, cut at this length. */
export const TITLE_MAX = 200;

const NUMBER_FIELDS = [
  'reach', 'impressions', 'views', 'likes', 'comments', 'shares', 'saves', 'engagement',
  'followersGained', 'followersTotal', 'profileVisits',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** Fields that may be negative (a day can lose followers). */
const SIGNED: ReadonlySet<NumberField> = new Set<NumberField>(['followersGained']);

const TOTAL_WORDS = new Set(['total', 'totals', 'grand total', 'jumlah', 'total keseluruhan']);

/** FNV-1a 32-bit, hex: a short stable fingerprint for keys of rows without an ID or link. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (`0000000${h.toString(16)}`).slice(-8);
}

/** The post ID a platform's link carries (X /status/ID, TikTok /video/ID, YouTube v=ID, /shorts/ID, youtu.be/ID). */
export function postIdFromUrl(url: string): string | undefined {
  const patterns = [
    /\/status(?:es)?\/(\d+)/,
    /\/video\/(\d+)/,
    /[?&]v=([\w-]{6,})/,
    /youtu\.be\/([\w-]{6,})/,
    /\/shorts\/([\w-]{6,})/,
  ];
  for (const p of patterns) {
    const m = p.exec(url);
    if (m) return m[1];
  }
  return undefined;
}

/** Link with the scheme and host in lower case, without a trailing slash, query or fragment. */
export function normalizeUrl(url: string): string {
  const t = url.trim();
  const m = /^(https?):\/\/([^/?#]+)([^?#]*)/i.exec(t);
  if (!m) return t;
  return `${m[1].toLowerCase()}://${m[2].toLowerCase()}${m[3].replace(/\/+$/, '')}`;
}

/**
 * The day (Asia/Jakarta) a TikTok video ID was created: its top 32 bits are Unix seconds. Doubles
 * lose the low bits of a 19-digit ID, but dividing by 2^32 keeps the seconds exact enough for a day.
 */
export function tiktokIdDate(id: string): string | undefined {
  if (!/^\d{18,20}$/.test(id)) return undefined;
  const seconds = Math.floor(Number(id) / 4294967296);
  if (seconds < 1420070400 || seconds > 4102444800) return undefined; // 2015..2100
  const d = new Date((seconds + 7 * 3600) * 1000);
  const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A row with more cells than the header whose extra cells are not all empty: a title that contained
 * the delimiter was split (seen in TikTok's Content.csv). The extra cells are joined back into the
 * title column, so the columns after it line up again.
 */
function rejoinSplitTitle(cells: string[], headerCount: number, titleIdx: number | undefined, delimiter: string): string[] {
  const extra = cells.length - headerCount;
  if (extra <= 0 || titleIdx === undefined) return cells;
  if (cells.slice(headerCount).every((c) => c.trim() === '')) return cells;
  const merged = cells.slice(titleIdx, titleIdx + extra + 1).join(delimiter);
  return [...cells.slice(0, titleIdx), merged, ...cells.slice(titleIdx + extra + 1)];
}

function cleanTitle(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > TITLE_MAX ? `${t.slice(0, TITLE_MAX - 1).trimEnd()}…` : t;
}

function isJunkXRow(postId: string, postUrl: string): boolean {
  return /\/status\/undefined\/?$/i.test(postUrl) || postId.trim().toLowerCase() === 'undefined';
}

function textInput(input: string | ByteInput): { text: string; encoding?: string } {
  if (typeof input === 'string') return { text: stripBom(input) };
  const d = decodeBytes(input);
  return { text: d.text, encoding: d.encoding };
}

function headerIndexFor(def: FormatDef, records: CsvRecord[]): number {
  for (let i = 0; i < Math.min(records.length, 5); i++) {
    const set = new Set(records[i].fields.map(normalizeHeader));
    if (def.required.length > 0 && def.required.every((alts) => alts.some((a) => set.has(a)))) return i;
  }
  return records.findIndex((r) => !isBlankRecord(r.fields));
}

interface Prepared {
  format: FormatId | null;
  def: FormatDef;
  platform: Platform | null;
  headerIndex: number;
  seriesName?: string;
}

function prepare(records: CsvRecord[], options: ParseOptions): Prepared | null {
  if (options.format) {
    const def = formatDef(options.format);
    const headerIndex = headerIndexFor(def, records);
    if (headerIndex < 0) return null;
    let seriesName: string | undefined;
    if (def.id === 'meta-daily-series' && headerIndex > 0) {
      const above = records[headerIndex - 1].fields.filter((f) => f.trim() !== '');
      if (above.length === 1) seriesName = above[0].trim();
    }
    return { format: def.id, def, platform: def.platform, headerIndex, seriesName };
  }
  const found = locateFormat(records);
  if (found) {
    return { format: found.format, def: formatDef(found.format), platform: found.platform, headerIndex: found.headerIndex, seriesName: found.seriesName };
  }
  const headerIndex = records.findIndex((r) => !isBlankRecord(r.fields));
  if (headerIndex < 0) return null;
  return { format: null, def: formatDef('generic'), platform: null, headerIndex };
}

function dateSummary(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * Parses one export. Steps: decode (bytes: UTF-8 with or without BOM, UTF-16LE/BE with BOM), read
 * the CSV, find the header and the format, choose the platform (option first, then what the file
 * says), take the mapping (option first, else the suggestion), then read each row.
 *
 * Rows: blank lines, Total rows, a repeated header and X's `/status/undefined` rows are skipped
 * (counted in `skipped`); a Meta daily row or TikTok day with no value at all is skipped too. A row
 * with an unreadable number or date, or a key already seen in this file, is listed in `errors` and
 * left out; the other rows are kept. Dates without a year need `period`; without it those rows are
 * left out with one file-level error that says so.
 *
 * Each metric means one thing (views are never stored as impressions). Derived values: `engagement` =
 * the mapped engagement column when the cell has a value, else likes+comments+shares+saves (those
 * present); `postId` from the link (X, TikTok, YouTube) when no ID column; YouTube `postUrl` from the
 * video ID. `period` is the month of `date`, or `options.period` for rows without a date; for
 * YouTube's table (numbers for the export's date range) `options.period` first, and the key is
 * `YouTube|post|<id>|<period>`.
 * TikTok posts: a date without a year takes the year nearest to the day in the video ID, so
 * Content.csv needs no period. A row with more cells than the header has its title rejoined.
 */
export function parseInsights(input: string | ByteInput, options: ParseOptions = {}): ParseResult {
  const { text, encoding } = textInput(input);
  const csv = parseCsv(text);
  const errors: InsightError[] = csv.errors.map((e) => fileErrors.unterminatedQuote(e.line));
  const base: { encoding?: string } = encoding === undefined ? {} : { encoding };
  if (options.period !== undefined && !isPeriod(options.period)) {
    return { format: null, platform: options.platform ?? null, mapping: options.mapping ?? {}, rows: [], errors: [...errors, fileErrors.badPeriod(options.period)], skipped: 0, ...base };
  }

  const prep = prepare(csv.records, options);
  if (!prep) {
    return { format: null, platform: options.platform ?? null, mapping: options.mapping ?? {}, rows: [], errors: [...errors, fileErrors.empty()], skipped: 0, ...base };
  }
  const headers = csv.records[prep.headerIndex].fields;
  const platform = options.platform ?? prep.platform;
  const format: FormatId | null = prep.format ?? (options.platform || options.mapping ? 'generic' : null);
  const mapping = options.mapping ?? suggestMapping(format ?? 'generic', headers, prep.seriesName);
  const result: ParseResult = { format, platform, mapping, rows: [], errors, skipped: 0, ...base };
  if (prep.seriesName !== undefined) result.seriesName = prep.seriesName;

  if (format === null) {
    errors.push(fileErrors.unknownFormat());
    return result;
  }
  if (platform === null) {
    errors.push(fileErrors.needPlatform());
    return result;
  }
  if (format === 'meta-daily-series' && !options.mapping && prep.seriesName !== undefined && !fieldForSeriesName(prep.seriesName)) {
    errors.push(fileErrors.unknownSeries(prep.seriesName));
    return result;
  }

  // Resolve the mapping to column indexes.
  const col: Partial<Record<MappingField, number>> = {};
  for (const field of MAPPING_FIELDS) {
    const name = mapping[field];
    if (name === undefined || name === '') continue;
    const idx = findHeader(headers, name);
    if (idx < 0) errors.push(fileErrors.missingColumn(field, name));
    else col[field] = idx;
  }
  if (errors.some((e) => e.line === 0)) return result;
  const metricFields = NUMBER_FIELDS.filter((f) => col[f] !== undefined);
  if (metricFields.length === 0) {
    errors.push(fileErrors.noMetricMapped());
    return result;
  }
  if (col.postId === undefined && col.postUrl === undefined && col.date === undefined) {
    errors.push(fileErrors.noKeyMapped());
    return result;
  }

  const def = prep.def;
  const kind: RowKind = format === 'generic' ? (col.postId !== undefined || col.postUrl !== undefined ? 'post' : 'daily') : def.kind;
  const series = def.series ?? metricFields.join('+');
  const hint = options.numberLocale ?? def.numberHint;
  const slashOrder = options.dateOrder ?? def.slashOrder ?? (options.numberLocale === 'id' ? 'dmy' : 'mdy');
  const seen = new Map<string, number>();
  const needYear: { line: number; value: string }[] = [];
  const headerNorm = headers.map(normalizeHeader).join('\u0001');

  for (let r = prep.headerIndex + 1; r < csv.records.length; r++) {
    const rec = csv.records[r];
    const cells = rejoinSplitTitle(rec.fields, headers.length, col.title, csv.delimiter);
    const cell = (f: MappingField): string => {
      const i = col[f];
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    if (isBlankRecord(cells)) {
      result.skipped++;
      continue;
    }
    if (cells.map(normalizeHeader).join('\u0001') === headerNorm) {
      result.skipped++;
      continue;
    }
    const firstCell = normalizeHeader(cells.find((c) => c.trim() !== '') ?? '');
    if (TOTAL_WORDS.has(firstCell) || TOTAL_WORDS.has(normalizeHeader(cell('postId')))) {
      result.skipped++;
      continue;
    }
    if (platform === 'X' && isJunkXRow(cell('postId'), cell('postUrl'))) {
      result.skipped++;
      continue;
    }

    const probs: Problem[] = [];
    const values: Partial<Record<NumberField, number>> = {};
    for (const f of metricFields) {
      const raw = cell(f);
      const v = parseNumberLoose(raw, hint);
      if (v === 'invalid') probs.push(problems.badNumber(f, headers[col[f] as number].trim(), raw));
      else if (v !== null && v < 0 && !SIGNED.has(f)) probs.push(problems.negativeNumber(f, headers[col[f] as number].trim(), raw));
      else if (v !== null) values[f] = v;
    }
    // Legacy Facebook exports: the row under the header describes each column in words.
    if (format === 'meta-facebook-legacy' && r === prep.headerIndex + 1 && Object.keys(values).length === 0) {
      result.skipped++;
      continue;
    }

    if (kind === 'daily' && probs.length === 0 && Object.keys(values).length === 0) {
      result.skipped++;
      continue;
    }

    let postUrl = cell('postUrl');
    let postId = cell('postId');
    if (!postId && postUrl) postId = postIdFromUrl(postUrl) ?? '';

    let date: string | undefined;
    const rawDate = cell('date');
    if (col.date !== undefined) {
      const referenceDate = platform === 'TikTok' && postId ? tiktokIdDate(postId) : undefined;
      const d: DateResult = parseDateLoose(rawDate, { period: options.period, slashOrder, referenceDate });
      if (d === 'invalid') probs.push(problems.badDate(headers[col.date].trim(), dateSummary(rawDate)));
      else if (d === 'needs-year') {
        if (probs.length === 0) needYear.push({ line: rec.line, value: rawDate });
        else errors.push(rowError(rec.line, probs));
        continue;
      } else if (d !== null) date = d;
    }
    if (probs.length > 0) {
      errors.push(rowError(rec.line, probs));
      continue;
    }

    const row: Partial<InsightRow> = { platform, kind };
    if (date) row.date = date;
    const period = def.metricsForPeriod && options.period ? options.period : date ? date.slice(0, 7) : options.period;
    if (!period) {
      errors.push(rowError(rec.line, [problems.noPeriod()]));
      continue;
    }
    row.period = period;

    if (!postUrl && postId && platform === 'YouTube' && /^[\w-]{11}$/.test(postId)) postUrl = `https://www.youtube.com/watch?v=${postId}`;
    if (postId) row.postId = postId;
    if (postUrl) row.postUrl = postUrl;
    const title = cell('title') ? cleanTitle(cells[col.title as number]) : '';
    if (title) row.title = title;

    for (const f of metricFields) if (values[f] !== undefined) row[f] = values[f];
    if (values.engagement === undefined) {
      const parts = [values.likes, values.comments, values.shares, values.saves].filter((v): v is number => v !== undefined);
      if (parts.length > 0) row.engagement = parts.reduce((a, b) => a + b, 0);
    }

    let key: string;
    if (kind === 'daily') {
      if (!date) {
        errors.push(rowError(rec.line, [problems.noDate()]));
        continue;
      }
      key = `${platform}|daily|${series}|${date}`;
    } else if (postId && def.metricsForPeriod) {
      key = `${platform}|post|${postId}|${period}`;
    } else if (postId) {
      key = `${platform}|post|${postId}`;
    } else if (postUrl) {
      key = `${platform}|url|${normalizeUrl(postUrl)}`;
    } else if (date && title) {
      key = `${platform}|post|${date}|${fingerprint(title)}`;
    } else {
      errors.push(rowError(rec.line, [problems.noIdentity()]));
      continue;
    }
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      errors.push(rowError(rec.line, [problems.duplicateInFile(firstLine)]));
      continue;
    }
    seen.set(key, rec.line);
    row.key = key;
    result.rows.push(row as InsightRow);
  }

  if (needYear.length > 0) {
    errors.push(fileErrors.needsYear(needYear.length, dateSummary(needYear[0].value), platform));
  }
  errors.sort((a, b) => a.line - b.line);
  return result;
}
