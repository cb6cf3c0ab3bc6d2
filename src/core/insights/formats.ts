/**
 * The export shapes the insights import knows, how to recognise them, and which columns map to
 * which field. Columns are matched by normalised name (case, spacing, BOM and quotes ignored),
 * never by position: platforms add, drop and rename columns over time.
 */
import { parseCsv } from '../csv';
import type { DetectedFormat, FormatId, Mapping, MappingField, NumberHint, RowKind } from './types';
import { MAPPING_FIELDS } from './types';
import type { Platform } from '../platforms';

/** Lower case, no BOM, no surrounding quotes, single spaces, typographic quotes and dashes made plain. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/\ufeff/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2013\u2014]/g, '-')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export interface FormatDef {
  id: FormatId;
  platform: Platform | null;
  kind: RowKind;
  /** Each entry: alternatives (English, Indonesian, old and new names); all entries must be present. */
  required: string[][];
  /** Columns that make the match more certain. */
  optional: string[];
  /** Columns whose presence rules the format out. */
  forbidden?: string[];
  /** Exactly this many columns (Meta daily series: Date, Primary). */
  columnCount?: number;
  /** Field -> header names, preferred first. */
  aliases: Partial<Record<MappingField, string[]>>;
  /** For daily rows: the series name in the dedupe key. */
  series?: string;
  numberHint?: NumberHint;
  /** How to read 01/02/2025. */
  slashOrder?: 'mdy' | 'dmy';
  /**
   * The numbers are for the date range chosen at export, not the post's lifetime (YouTube Studio's
   * table lists old videos with their views in that range): the row's period is the `period`
   * option when given, and the period is part of the key.
   */
  metricsForPeriod?: boolean;
}

const FB_POSTS: FormatDef = {
  id: 'meta-facebook-posts',
  platform: 'Facebook',
  kind: 'post',
  required: [['post id'], ['page id'], ['publish time'], ['permalink']],
  optional: ['page name', 'title', 'description', 'post type', 'date', 'views', 'reach',
    'reactions, comments and shares', 'reactions', 'comments', 'shares', 'seconds viewed'],
  aliases: {
    postId: ['Post ID'],
    postUrl: ['Permalink'],
    date: ['Publish time'],
    title: ['Description', 'Title'],
    reach: ['Reach'],
    impressions: ['Impressions'],
    views: ['Views'],
    likes: ['Reactions'],
    comments: ['Comments'],
    shares: ['Shares'],
    engagement: ['Reactions, Comments and Shares'],
  },
  slashOrder: 'mdy',
};

const FB_LEGACY: FormatDef = {
  id: 'meta-facebook-legacy',
  platform: 'Facebook',
  kind: 'post',
  required: [['post id'], ['permalink'], ['lifetime post total reach']],
  optional: ['post message', 'type', 'posted', 'lifetime post total impressions', 'lifetime engaged users'],
  aliases: {
    postId: ['Post ID'],
    postUrl: ['Permalink'],
    date: ['Posted'],
    title: ['Post Message'],
    reach: ['Lifetime Post Total Reach'],
    impressions: ['Lifetime Post Total Impressions'],
    engagement: ['Lifetime Engaged Users'],
  },
  slashOrder: 'mdy',
};

const IG_CONTENT: FormatDef = {
  id: 'meta-instagram-content',
  platform: 'Instagram',
  kind: 'post',
  required: [['post id'], ['account id'], ['publish time'], ['permalink']],
  optional: ['account username', 'account name', 'description', 'post type', 'date', 'views', 'reach',
    'likes', 'shares', 'follows', 'comments', 'saves'],
  aliases: {
    postId: ['Post ID'],
    postUrl: ['Permalink'],
    date: ['Publish time'],
    title: ['Description'],
    reach: ['Reach'],
    impressions: ['Impressions'],
    views: ['Views'],
    likes: ['Likes'],
    comments: ['Comments'],
    shares: ['Shares'],
    saves: ['Saves'],
    followersGained: ['Follows'],
  },
  slashOrder: 'mdy',
};

/** Meta Business Suite daily series; the value column is routed by the metric name on line 2. */
const META_DAILY: FormatDef = {
  id: 'meta-daily-series',
  platform: null,
  kind: 'daily',
  required: [['date'], ['primary']],
  optional: [],
  columnCount: 2,
  aliases: { date: ['Date'] },
};

const YOUTUBE: FormatDef = {
  id: 'youtube-table',
  platform: 'YouTube',
  kind: 'post',
  required: [['content', 'konten'], ['video title', 'judul video'], ['video publish time', 'waktu publikasi video']],
  optional: ['duration', 'durasi', 'views', 'penayangan', 'watch time (hours)', 'waktu tonton (jam)',
    'subscribers', 'subscriber', 'impressions', 'thumbnail impressions', 'tayangan',
    'impressions click-through rate (%)', 'thumbnail click-through rate (%)',
    'rasio klik-tayang dari tayangan (%)'],
  aliases: {
    postId: ['Content', 'Konten'],
    title: ['Video title', 'Judul video'],
    date: ['Video publish time', 'Waktu publikasi video'],
    views: ['Views', 'Penayangan'],
    impressions: ['Thumbnail impressions', 'Impressions', 'Tayangan'],
    followersGained: ['Subscribers', 'Subscriber', 'Subscribers gained'],
    likes: ['Likes'],
    comments: ['Comments added'],
    shares: ['Shares'],
  },
  slashOrder: 'mdy',
  metricsForPeriod: true,
};

const TIKTOK_CONTENT: FormatDef = {
  id: 'tiktok-content',
  platform: 'TikTok',
  kind: 'post',
  required: [['video title'], ['video link'], ['post time']],
  optional: ['time', 'total likes', 'total comments', 'total shares', 'total views'],
  aliases: {
    postUrl: ['Video link'],
    title: ['Video title'],
    date: ['Post time'],
    likes: ['Total likes'],
    comments: ['Total comments'],
    shares: ['Total shares'],
    views: ['Total views'],
  },
};

const TIKTOK_OVERVIEW: FormatDef = {
  id: 'tiktok-overview',
  platform: 'TikTok',
  kind: 'daily',
  series: 'overview',
  required: [['date'], ['video views'], ['profile views']],
  optional: ['likes', 'comments', 'shares', 'new followers'],
  aliases: {
    date: ['Date'],
    views: ['Video Views'],
    profileVisits: ['Profile Views'],
    likes: ['Likes'],
    comments: ['Comments'],
    shares: ['Shares'],
    followersGained: ['New followers'],
  },
};

const TIKTOK_FOLLOWERS: FormatDef = {
  id: 'tiktok-follower-history',
  platform: 'TikTok',
  kind: 'daily',
  series: 'followers',
  required: [['date'], ['followers'], ['difference in followers from previous day']],
  optional: [],
  aliases: {
    date: ['Date'],
    followersTotal: ['Followers'],
    followersGained: ['Difference in followers from previous day'],
  },
};

const X_CONTENT: FormatDef = {
  id: 'x-content',
  platform: 'X',
  kind: 'post',
  required: [['post id'], ['post link'], ['impressions'], ['engagements']],
  optional: ['date', 'post text', 'likes', 'bookmarks', 'shares', 'new follows', 'replies', 'reposts',
    'profile visits', 'detail expands', 'url clicks', 'hashtag clicks', 'permalink clicks'],
  aliases: {
    postId: ['Post id'],
    postUrl: ['Post Link'],
    date: ['Date'],
    title: ['Post text'],
    impressions: ['Impressions'],
    likes: ['Likes'],
    engagement: ['Engagements'],
    saves: ['Bookmarks'],
    shares: ['Reposts'],
    comments: ['Replies'],
    followersGained: ['New follows'],
    profileVisits: ['Profile visits'],
  },
  slashOrder: 'mdy',
};

const X_OVERVIEW: FormatDef = {
  id: 'x-overview',
  platform: 'X',
  kind: 'daily',
  series: 'overview',
  required: [['date'], ['impressions'], ['engagements'], ['new follows']],
  optional: ['likes', 'bookmarks', 'shares', 'unfollows', 'replies', 'reposts', 'profile visits',
    'create post', 'video views', 'media views'],
  forbidden: ['post id', 'post link', 'tweet id'],
  aliases: {
    date: ['Date'],
    impressions: ['Impressions'],
    likes: ['Likes'],
    engagement: ['Engagements'],
    saves: ['Bookmarks'],
    shares: ['Reposts'],
    comments: ['Replies'],
    followersGained: ['New follows'],
    profileVisits: ['Profile visits'],
  },
  slashOrder: 'mdy',
};

const X_TWEET_ACTIVITY: FormatDef = {
  id: 'x-tweet-activity',
  platform: 'X',
  kind: 'post',
  required: [['tweet id'], ['tweet permalink'], ['impressions'], ['engagements']],
  optional: ['tweet text', 'time', 'engagement rate', 'retweets', 'replies', 'likes', 'user profile clicks',
    'url clicks', 'follows'],
  aliases: {
    postId: ['Tweet id'],
    postUrl: ['Tweet permalink'],
    title: ['Tweet text'],
    date: ['time'],
    impressions: ['impressions'],
    engagement: ['engagements'],
    shares: ['retweets'],
    comments: ['replies'],
    likes: ['likes'],
    followersGained: ['follows'],
    profileVisits: ['user profile clicks'],
  },
  numberHint: 'en',
  slashOrder: 'mdy',
};

/**
 * For files no known shape matches (an Indonesian-language Meta, TikTok or X export, a sheet the
 * office keeps by hand): common names in English and Indonesian. The user confirms the mapping.
 */
const GENERIC: FormatDef = {
  id: 'generic',
  platform: null,
  kind: 'post',
  required: [],
  optional: [],
  aliases: {
    postId: ['Post ID', 'ID', 'ID unggahan', 'ID postingan', 'Video ID', 'Tweet id', 'Post id', 'Content', 'Konten'],
    postUrl: ['Permalink', 'Post Link', 'Link', 'URL', 'Tautan', 'Tautan unggahan', 'Video link', 'Tweet permalink'],
    date: ['Publish time', 'Date', 'Tanggal', 'Waktu publikasi', 'Waktu posting', 'Post time', 'Tanggal unggah', 'time'],
    title: ['Title', 'Judul', 'Description', 'Deskripsi', 'Caption', 'Keterangan', 'Post text', 'Video title', 'Judul video', 'Tweet text'],
    reach: ['Reach', 'Jangkauan', 'Accounts reached', 'Akun yang dijangkau', 'Viewers'],
    impressions: ['Impressions', 'Impresi', 'Thumbnail impressions', 'Tayangan'],
    views: ['Views', 'Penayangan', 'Video Views', 'Total views', 'Dilihat'],
    likes: ['Likes', 'Suka', 'Reactions', 'Reaksi', 'Total likes'],
    comments: ['Comments', 'Komentar', 'Replies', 'Balasan', 'Total comments'],
    shares: ['Shares', 'Dibagikan', 'Bagikan', 'Reposts', 'Total shares', 'retweets'],
    saves: ['Saves', 'Disimpan', 'Simpan', 'Bookmarks'],
    engagement: ['Engagements', 'Engagement', 'Interaksi', 'Interactions', 'Keterlibatan', 'Reactions, Comments and Shares'],
    followersGained: ['New followers', 'Follows', 'New follows', 'Pengikut baru', 'Subscribers', 'Subscriber'],
    followersTotal: ['Followers', 'Pengikut', 'Total followers', 'Total pengikut', 'Jumlah pengikut'],
    profileVisits: ['Profile visits', 'Profile Views', 'Kunjungan profil'],
  },
};

export const FORMATS: readonly FormatDef[] = [
  FB_POSTS, FB_LEGACY, IG_CONTENT, META_DAILY, YOUTUBE, TIKTOK_CONTENT, TIKTOK_OVERVIEW,
  TIKTOK_FOLLOWERS, X_CONTENT, X_OVERVIEW, X_TWEET_ACTIVITY,
];

export function formatDef(id: FormatId): FormatDef {
  if (id === 'generic') return GENERIC;
  const def = FORMATS.find((f) => f.id === id);
  if (!def) throw new Error(`Unknown insights format: ${id}`);
  return def;
}

function scoreFormat(def: FormatDef, headers: readonly string[]): number {
  const set = new Set(headers.map(normalizeHeader));
  if (def.columnCount !== undefined && headers.filter((h) => h.trim() !== '').length !== def.columnCount) return 0;
  for (const alts of def.required) if (!alts.some((a) => set.has(a))) return 0;
  if (def.forbidden && def.forbidden.some((f) => set.has(f))) return 0;
  if (def.optional.length === 0) return 1;
  const found = def.optional.filter((o) => set.has(o)).length;
  // Required columns count as half the certainty, optional ones as the other half.
  return Math.round((0.5 + (0.5 * found) / def.optional.length) * 100) / 100;
}

/**
 * Meta daily series: the platform follows from the metric name on line 2 ("Facebook follows",
 * "Instagram follows"); "Views", "Viewers" or "Content interactions" do not say (null).
 */
export function platformFromSeriesName(name: string): Platform | null {
  const n = normalizeHeader(name);
  if (/^facebook\b/.test(n)) return 'Facebook';
  if (/^instagram\b/.test(n)) return 'Instagram';
  return null;
}

/** Meta daily series metric name -> the field its `Primary` values go to (null: not used). */
export function fieldForSeriesName(name: string): MappingField | null {
  const n = normalizeHeader(name);
  if (/\bunfollows?\b/.test(n)) return null;
  if (/\bfollow(s|ers)?\b|\bpengikut\b/.test(n)) return 'followersGained';
  if (/\bvisits?\b|\bkunjungan\b/.test(n)) return 'profileVisits';
  if (/\bviewers\b|\breach\b|\bjangkauan\b/.test(n)) return 'reach';
  if (/\bviews\b|\btayangan\b/.test(n)) return 'views';
  if (/\binteractions?\b|\binteraksi\b/.test(n)) return 'engagement';
  if (/\bimpressions?\b|\bimpresi\b/.test(n)) return 'impressions';
  return null;
}

export interface LocatedFormat extends DetectedFormat {
  headerIndex: number;
  seriesName?: string;
}

/**
 * Finds the header among the first records: the first record any known format matches, with the
 * best-scoring format there (ties: the format with more required columns). For a Meta daily series
 * the single-cell record just above the header is the metric name.
 */
export function locateFormat(records: ReadonlyArray<{ fields: string[] }>, maxScan = 5): LocatedFormat | null {
  const limit = Math.min(records.length, maxScan);
  for (let i = 0; i < limit; i++) {
    const headers = records[i].fields;
    let best: { def: FormatDef; score: number } | null = null;
    for (const def of FORMATS) {
      const score = scoreFormat(def, headers);
      if (score <= 0) continue;
      if (!best || score > best.score || (score === best.score && def.required.length > best.def.required.length)) {
        best = { def, score };
      }
    }
    if (!best) continue;
    if (best.def.id === 'meta-daily-series') {
      const above = i > 0 ? records[i - 1].fields.filter((f) => f.trim() !== '') : [];
      const seriesName = above.length === 1 ? above[0].trim() : undefined;
      return {
        format: best.def.id,
        platform: seriesName ? platformFromSeriesName(seriesName) : null,
        confidence: seriesName ? 1 : 0.8,
        headerIndex: i,
        seriesName,
      };
    }
    return { format: best.def.id, platform: best.def.platform, confidence: best.score, headerIndex: i };
  }
  return null;
}

/**
 * Which known export `headers` come from. `firstLines` are the file's first raw lines (used when the
 * header is not the first line, e.g. Meta daily series: `sep=,`, the metric name, then `"Date","Primary"`).
 * Returns null for an unknown shape (the user then picks the platform and the columns).
 */
export function detectFormat(headers: string[], firstLines: string[] = []): DetectedFormat | null {
  const fromLines = firstLines.length > 0 ? locateFormat(parseCsv(firstLines.join('\n')).records) : null;
  const fromHeaders = locateFormat([{ fields: headers }], 1);
  // The lines know more (the metric name above a daily series header), so prefer them when they agree.
  const found = fromLines && (!fromHeaders || fromLines.format === fromHeaders.format) ? fromLines : fromHeaders ?? fromLines;
  if (!found) return null;
  return { format: found.format, platform: found.platform, confidence: found.confidence };
}

/** Index of the first column whose normalised name is `name` (first wins on duplicate names). */
export function findHeader(headers: readonly string[], name: string): number {
  const want = normalizeHeader(name);
  for (let i = 0; i < headers.length; i++) if (normalizeHeader(headers[i]) === want) return i;
  return -1;
}

/**
 * Suggested mapping for `format`: for each field, the first alias present in `headers`, returned as
 * written in the file. Meta daily series: `Primary` goes to the field the metric name names
 * (pass `seriesName`); a generic table gets the English and Indonesian common names.
 */
export function suggestMapping(format: FormatId, headers: string[], seriesName?: string): Mapping {
  const def = formatDef(format);
  const mapping: Mapping = {};
  const used = new Set<number>();
  for (const field of MAPPING_FIELDS) {
    const aliases = def.aliases[field];
    if (!aliases) continue;
    for (const alias of aliases) {
      const idx = findHeader(headers, alias);
      if (idx >= 0 && !used.has(idx)) {
        mapping[field] = headers[idx].trim();
        used.add(idx);
        break;
      }
    }
  }
  if (format === 'meta-daily-series') {
    const field = seriesName ? fieldForSeriesName(seriesName) : null;
    const idx = findHeader(headers, 'Primary');
    if (field && idx >= 0) mapping[field] = headers[idx].trim();
  }
  return mapping;
}
