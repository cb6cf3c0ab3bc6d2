/** Types of the insights import (platform analytics exports to normalized rows). */
import type { Platform } from '../platforms';

/** The export shapes this import recognises. 'generic' = any table, with a user-supplied mapping. */
export type FormatId =
  | 'meta-facebook-posts'
  | 'meta-facebook-legacy'
  | 'meta-instagram-content'
  | 'meta-daily-series'
  | 'youtube-table'
  | 'tiktok-content'
  | 'tiktok-overview'
  | 'tiktok-follower-history'
  | 'x-content'
  | 'x-overview'
  | 'x-tweet-activity'
  | 'generic';

/**
 * 'post': one row per post, lifetime metrics of that post.
 * 'daily': one row per day of an account-level series (Meta Follows.csv, TikTok Overview.csv, ...).
 */
export type RowKind = 'post' | 'daily';

export interface InsightRow {
  platform: Platform;
  kind: RowKind;
  /** 'YYYY-MM': the month of `date`, or the `period` option when the row has no date. */
  period: string;
  /** 'YYYY-MM-DD' in Asia/Jakarta: publish date for posts, metric date for daily rows. */
  date?: string;
  postUrl?: string;
  postId?: string;
  title?: string;
  reach?: number;
  /** Impressions: how often the item was shown (YouTube "Tayangan" / thumbnail impressions, X impressions). */
  impressions?: number;
  /** The platform's own engagement/interaction column when there is one, else likes+comments+shares+saves (those present). */
  engagement?: number;
  /** Followers gained in this row (post: follows from the post; daily: new followers that day). */
  followersGained?: number;
  /** Total followers at `date` (only daily follower series report it). */
  followersTotal?: number;
  /** Views: how often it was watched or viewed (YouTube "Penayangan", Meta and TikTok "Views"). Siaran calls these "Tayangan". */
  views?: number;
  likes?: number;
  comments?: number;
  shares?: number;
  saves?: number;
  /** Profile or page visits (daily series only). */
  profileVisits?: number;
  /**
   * Stable dedupe key: `platform|post|id` (YouTube: `YouTube|post|id|period`), `platform|url|link`
   * when there is no ID, `platform|post|date|fingerprint(title)` when neither, or
   * `platform|daily|series|date` for daily rows.
   */
  key: string;
}

/** The fields a column can be mapped to. */
export type MappingField =
  | 'postId'
  | 'postUrl'
  | 'date'
  | 'title'
  | 'reach'
  | 'impressions'
  | 'views'
  | 'likes'
  | 'comments'
  | 'shares'
  | 'saves'
  | 'engagement'
  | 'followersGained'
  | 'followersTotal'
  | 'profileVisits';

export const MAPPING_FIELDS: readonly MappingField[] = [
  'postId', 'postUrl', 'date', 'title', 'reach', 'impressions', 'views', 'likes', 'comments',
  'shares', 'saves', 'engagement', 'followersGained', 'followersTotal', 'profileVisits',
];

/** Our field -> the header name in the file (as written in the file). */
export type Mapping = Partial<Record<MappingField, string>>;

export type NumberHint = 'id' | 'en';

export interface DetectedFormat {
  format: FormatId;
  platform: Platform | null;
  /** 0..1: share of the format's signature columns found (1 = all, plus structural checks). */
  confidence: number;
}

export interface InsightError {
  /** 1-based line in the file where the row starts; 0 for a problem with the whole file. */
  line: number;
  reason_id: string;
  reason_en: string;
}

export interface ParseOptions {
  /** Required when the file does not say (Meta 'Views' series, generic tables). Overrides detection. */
  platform?: Platform;
  /** The confirmed mapping; when omitted, `suggestMapping` is used. */
  mapping?: Mapping;
  /** 'YYYY-MM': fills the year of dates written without one, and the period of rows without a date. */
  period?: string;
  /** Number format of the file: 'id' (1.234,5) or 'en' (1,234.5). Without it, see parseNumberLoose. */
  numberLocale?: NumberHint;
  /**
   * How to read 01/02/2025 when neither number is above 12. Default: the format's own order (Meta,
   * YouTube, X: month first); for other tables 'dmy' when numberLocale is 'id', else 'mdy'.
   */
  dateOrder?: 'mdy' | 'dmy';
  /** Force a format instead of detecting it. */
  format?: FormatId;
}

export interface ParseResult {
  format: FormatId | null;
  platform: Platform | null;
  mapping: Mapping;
  rows: InsightRow[];
  errors: InsightError[];
  /** Rows left out on purpose: Total rows, junk X rows, blank lines. Errors are not counted here. */
  skipped: number;
  /** Text encoding found when bytes were given. */
  encoding?: string;
  /** For Meta daily series: the metric name on line 2 ("Facebook follows"). */
  seriesName?: string;
}
