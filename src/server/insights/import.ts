/**
 * The insights import (SOP step 6): platform analytics exports (Meta Business Suite, YouTube Studio,
 * TikTok, X) into the Insight tab, with the parsing core of src/core/insights.
 *
 * - Preview: detects the format and platform, proposes the mapping (the one remembered for this
 *   platform and export format when its columns are all in the file, else the suggestion), shows the
 *   first rows and the problems. Nothing is saved.
 * - Import: parses with the confirmed mapping, drops rows whose key ('Kunci Impor') is already in
 *   the tab (re-importing a file adds nothing), appends the rest in ONE write, lists bad rows with
 *   their reason, and remembers the mapping in the document properties, one key per platform:
 *   siaran.insights.mapping.<Platform> = {"<format>": {<field>: "<column>"}, ...}.
 *
 * The Insight tab keeps reach, views (Tayangan), impressions (Impresi), engagement and one followers column. "Pengikut" holds
 * the total number of followers; when a file gives only new followers, their number goes there and
 * Sumber says "· pengikut baru" (src/core/report.ts reads it that way).
 */
import { documentProperties } from '../../adapters/drive';
import type { Cell } from '../../adapters/workbook';
import type { ColumnKey } from '../../core/schema';
import { SiaranError } from '../../core/errors';
import { defineMessages, formatNumber, Lang, tr } from '../../core/i18n';
import { dedupe, FIELD_LABELS, findHeader, InsightError, InsightRow, Mapping, MAPPING_FIELDS, MappingField, parseInsights, ParseResult } from '../../core/insights';
import { decodeBytes, parseCsv, stripBom } from '../../core/csv';
import { isPeriod } from '../../core/insights';
import { NEW_FOLLOWERS_MARK } from '../../core/report';
import type { ImportInsightsValue, InsightMapping, InsightProblem, PreviewInsightsValue } from '../../shared/contract';
import { addLog, Ctx, userText } from '../context';
import { Platform, parsePlatform } from '../../core/platforms';

export const MAPPING_KEY_PREFIX = 'siaran.insights.mapping.';
/** Largest file accepted (characters or bytes). */
export const MAX_FILE = 5 * 1024 * 1024;

export const IMPORT_MESSAGES = defineMessages({
  action: { id: 'Mengimpor insight', en: 'Importing insights' },
  noFile: { id: 'Berkas kosong atau tidak terbaca. Pilih berkas CSV hasil ekspor platform.', en: 'The file is empty or unreadable. Choose a CSV exported from the platform.' },
  tooBig: { id: 'Berkas terlalu besar ({size}). Batasnya {max}; ekspor rentang tanggal yang lebih pendek.', en: 'The file is too large ({size}). The limit is {max}; export a shorter date range.' },
  platform: { id: 'Pilih platform berkas ini (Facebook, Instagram, X, YouTube, TikTok).', en: 'Choose the platform of this file (Facebook, Instagram, X, YouTube, TikTok).' },
  period: { id: 'Periode "{value}" tidak sah. Tulis YYYY-MM, misalnya 2026-12.', en: 'Period "{value}" is not valid. Write YYYY-MM, e.g. 2026-12.' },
  mapping: { id: 'Kolom "{column}" untuk {field} tidak ada di berkas. Pilih kolom dari daftar.', en: 'Column "{column}" for {field} is not in the file. Choose a column from the list.' },
  nothing: { id: 'Tidak ada baris yang dapat diimpor. Periksa daftar masalah di bawah.', en: 'No row could be imported. See the problems below.' },
  done: {
    id: '{added} baris insight {platform} ditambahkan; {duplicates} sudah ada (tidak ditambahkan lagi); {skipped} baris bermasalah dilewati.',
    en: '{added} {platform} insight rows added; {duplicates} were already there (not added again); {skipped} problem rows skipped.',
  },
  empty: { id: '{n} baris tanpa jangkauan, tayangan, impresi, interaksi, atau pengikut tidak disimpan.', en: '{n} rows without reach, views, impressions, engagement or followers were not stored.' },
  generic: { id: 'Tabel lain (pilih kolom sendiri)', en: 'Other table (choose the columns)' },
});

const FORMAT_LABELS: Record<string, string> = {
  'meta-facebook-posts': 'Meta Business Suite — Facebook (unggahan)',
  'meta-facebook-legacy': 'Facebook Insights (ekspor lama)',
  'meta-instagram-content': 'Meta Business Suite — Instagram (konten)',
  'meta-daily-series': 'Meta Business Suite — deret harian',
  'youtube-table': 'YouTube Studio — Data tabel',
  'tiktok-content': 'TikTok Studio — Content',
  'tiktok-overview': 'TikTok Studio — Overview',
  'tiktok-follower-history': 'TikTok Studio — Follower history',
  'x-content': 'X — Konten',
  'x-overview': 'X — Ringkasan akun',
  'x-tweet-activity': 'X — Tweet activity (lama)',
};

function bad(ctx: Ctx, msg: { id: string; en: string }, params: Record<string, string | number> = {}): SiaranError {
  void ctx;
  return new SiaranError('VALIDATION', msg, params);
}

export interface FileArg {
  fileName: string;
  input: string | number[];
}

/** Validates { fileName, content | bytes }. */
export function fileArg(ctx: Ctx, req: unknown): FileArg {
  const o = typeof req === 'object' && req !== null ? (req as Record<string, unknown>) : {};
  const fileName = typeof o.fileName === 'string' && o.fileName.trim() ? o.fileName.trim().slice(0, 200) : 'berkas.csv';
  if (typeof o.content === 'string' && o.content.length) {
    if (o.content.length > MAX_FILE) throw bad(ctx, IMPORT_MESSAGES.tooBig, { size: formatNumber(o.content.length, ctx.lang), max: formatNumber(MAX_FILE, ctx.lang) });
    return { fileName, input: o.content };
  }
  if (Array.isArray(o.bytes) && o.bytes.length) {
    if (o.bytes.length > MAX_FILE) throw bad(ctx, IMPORT_MESSAGES.tooBig, { size: formatNumber(o.bytes.length, ctx.lang), max: formatNumber(MAX_FILE, ctx.lang) });
    const bytes = o.bytes.map((b) => (typeof b === 'number' && Number.isFinite(b) ? b : 0));
    return { fileName, input: bytes };
  }
  throw bad(ctx, IMPORT_MESSAGES.noFile);
}

function platformArg(v: unknown): Platform | null {
  const p = parsePlatform(v);
  return p as Platform | null;
}

function problemsOf(errors: readonly InsightError[], lang: Lang): InsightProblem[] {
  return errors.map((e) => ({ line: e.line, reason: lang === 'en' ? e.reason_en : e.reason_id }));
}

/** The header row and first records as the parser sees them (for the mapping form). */
function headerAndRows(input: string | number[], headerGuess: (records: string[][]) => number): { headers: string[]; rows: string[][] } {
  const text = typeof input === 'string' ? stripBom(input) : decodeBytes(input).text;
  const records = parseCsv(text.length > 200000 ? text.slice(0, 200000) : text).records.map((r) => r.fields);
  const h = Math.max(0, headerGuess(records));
  return { headers: (records[h] ?? []).map((x) => x.trim()), rows: records.slice(h + 1, h + 6) };
}

// ---------------------------------------------------------------------------------------------
// Remembered mappings

type Remembered = Record<string, Mapping>;

export function rememberedMappings(platform: Platform): Remembered {
  const raw = documentProperties().get(MAPPING_KEY_PREFIX + platform);
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return typeof v === 'object' && v !== null ? (v as Remembered) : {};
  } catch (_e) {
    return {};
  }
}

function remember(platform: Platform, format: string, mapping: Mapping): void {
  const all = rememberedMappings(platform);
  all[format] = mapping;
  documentProperties().set(MAPPING_KEY_PREFIX + platform, JSON.stringify(all));
}

function cleanMapping(m: unknown): Mapping {
  const out: Mapping = {};
  if (typeof m !== 'object' || m === null) return out;
  for (const f of MAPPING_FIELDS) {
    const v = (m as Record<string, unknown>)[f];
    if (typeof v === 'string' && v.trim()) out[f] = v.trim();
  }
  return out;
}

function fitsHeaders(m: Mapping, headers: string[]): boolean {
  const cols = Object.values(m);
  return cols.length > 0 && cols.every((c) => c !== undefined && findHeader(headers, c) >= 0);
}

// ---------------------------------------------------------------------------------------------
// Preview and import

export function previewInsights(ctx: Ctx, req: unknown): PreviewInsightsValue {
  const file = fileArg(ctx, req);
  const o = req as Record<string, unknown>;
  const wanted = o.platform !== undefined && o.platform !== '' ? platformArg(o.platform) : null;
  const period = typeof o.period === 'string' && isPeriod(o.period) ? o.period : undefined;
  const first = parseInsights(file.input, { platform: wanted ?? undefined, period });
  const platform = wanted ?? first.platform;
  let result: ParseResult = first;
  let mappingSource: 'remembered' | 'suggested' = 'suggested';
  const { headers, rows } = headerAndRows(file.input, (records) => {
    const want = Object.values(first.mapping).filter((x): x is string => typeof x === 'string');
    const i = records.findIndex((r) => want.length > 0 && want.every((w) => findHeader(r, w) >= 0));
    return i >= 0 ? i : records.findIndex((r) => r.some((c) => c.trim() !== '') && r.length > 1);
  });
  if (platform) {
    const remembered = rememberedMappings(platform)[first.format ?? 'generic'];
    if (remembered && fitsHeaders(remembered, headers)) {
      result = parseInsights(file.input, { platform, mapping: remembered, period, ...(first.format ? { format: first.format } : {}) });
      mappingSource = 'remembered';
    }
  }
  const problems = problemsOf(result.errors, ctx.lang);
  if (!platform) problems.unshift({ line: 0, reason: tr(ctx.lang, IMPORT_MESSAGES.platform) });
  return {
    format: result.format,
    formatLabel: result.format ? (FORMAT_LABELS[result.format] ?? tr(ctx.lang, IMPORT_MESSAGES.generic)) : tr(ctx.lang, IMPORT_MESSAGES.generic),
    platform,
    mapping: result.mapping as InsightMapping,
    mappingSource,
    headers,
    rows,
    parsed: result.rows.slice(0, 5).map((r) => ({ date: r.date ?? '', link: r.postUrl ?? '', reach: r.reach ?? null, views: r.views ?? null, impressions: r.impressions ?? null, engagement: r.engagement ?? null, followers: r.followersTotal ?? r.followersGained ?? null })),
    total: result.rows.length,
    problems,
    ...(result.encoding ? { encoding: result.encoding } : {}),
    fields: MAPPING_FIELDS.map((f) => ({ field: f, label: FIELD_LABELS[f][ctx.lang] })),
  };
}

/** A Date at local midnight (WIB) of 'YYYY-MM-DD', as a date cell. */
function dateCell(d: string | undefined): Cell {
  if (!d) return '';
  const [y, m, day] = d.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day) - 7 * 3600000);
}

function tabRecord(r: InsightRow, fileName: string): Record<ColumnKey<'insight'>, Cell> | null {
  const followers = r.followersTotal ?? r.followersGained;
  if (r.reach === undefined && r.views === undefined && r.impressions === undefined && r.engagement === undefined && followers === undefined) return null;
  const newOnly = r.followersTotal === undefined && r.followersGained !== undefined;
  return {
    periode: r.period,
    platform: r.platform,
    tanggal: dateCell(r.date),
    tautan: r.postUrl ? userText(r.postUrl) : '',
    judul: r.title ? userText(r.title) : '',
    jangkauan: r.reach ?? '',
    tayangan: r.views ?? '',
    impresi: r.impressions ?? '',
    interaksi: r.engagement ?? '',
    pengikut: followers ?? '',
    sumber: userText(newOnly ? `${fileName} · ${NEW_FOLLOWERS_MARK}` : fileName),
    kunci: userText(r.key),
  };
}

export function importInsights(ctx: Ctx, req: unknown): ImportInsightsValue {
  const file = fileArg(ctx, req);
  const o = req as Record<string, unknown>;
  const platform = platformArg(o.platform);
  if (!platform) throw bad(ctx, IMPORT_MESSAGES.platform);
  let period: string | undefined;
  if (o.period !== undefined && o.period !== '') {
    if (typeof o.period !== 'string' || !isPeriod(o.period)) throw bad(ctx, IMPORT_MESSAGES.period, { value: String(o.period) });
    period = o.period;
  }
  const mapping = cleanMapping(o.mapping);
  const detected = parseInsights(file.input, { platform, period });
  const useMapping = Object.keys(mapping).length ? mapping : detected.mapping;
  const result = parseInsights(file.input, { platform, mapping: useMapping, period, ...(detected.format ? { format: detected.format } : {}) });
  const fileProblems = result.errors.filter((e) => e.line === 0);
  if (fileProblems.length && !result.rows.length) {
    throw new SiaranError('VALIDATION', IMPORT_MESSAGES.nothing, {}, problemsOf(result.errors, ctx.lang).map((p) => ({ row: p.line, message: p.reason })));
  }
  const t = ctx.wb.table('insight');
  const existing = new Set<string>();
  for (let i = 0; i < t.size; i++) {
    const k = t.text(i, 'kunci');
    if (k) existing.add(k);
  }
  const { fresh, duplicates } = dedupe(existing, result.rows);
  let added = 0;
  let empty = 0;
  for (const r of fresh) {
    const rec = tabRecord(r, file.fileName);
    if (!rec) {
      empty++;
      continue;
    }
    t.append(rec);
    added++;
  }
  remember(platform, result.format ?? 'generic', useMapping);
  const skipped = problemsOf(result.errors, ctx.lang);
  const parts = [tr(ctx.lang, IMPORT_MESSAGES.done, { added: formatNumber(added, ctx.lang), platform, duplicates: formatNumber(duplicates.length, ctx.lang), skipped: formatNumber(skipped.filter((s) => s.line > 0).length, ctx.lang) })];
  if (empty) parts.push(tr(ctx.lang, IMPORT_MESSAGES.empty, { n: formatNumber(empty, ctx.lang) }));
  addLog(ctx, '6', 'Impor insight', file.fileName, `${platform}: ${added} ditambahkan, ${duplicates.length} sudah ada, ${skipped.length} baris bermasalah dilewati${empty ? `, ${empty} tanpa angka` : ''}.`);
  return { added, duplicates: duplicates.length, skipped, message: parts.join(' ') };
}

/** Labels of the mapping fields, for the dialog. */
export function fieldLabel(field: MappingField, lang: Lang): string {
  return FIELD_LABELS[field][lang];
}
