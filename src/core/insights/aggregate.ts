/** Re-import dedupe and the per-platform totals the monthly report uses. */
import type { InsightRow } from './types';
import { type Platform, PLATFORMS } from '../platforms';


/**
 * Splits `rows` into those whose key is new and those already stored (or repeated within `rows`:
 * the first one wins). Re-importing the same file therefore adds nothing. `existingKeys` is not changed.
 */
export function dedupe(existingKeys: ReadonlySet<string>, rows: readonly InsightRow[]): { fresh: InsightRow[]; duplicates: InsightRow[] } {
  const seen = new Set<string>();
  const fresh: InsightRow[] = [];
  const duplicates: InsightRow[] = [];
  for (const row of rows) {
    if (existingKeys.has(row.key) || seen.has(row.key)) duplicates.push(row);
    else {
      seen.add(row.key);
      fresh.push(row);
    }
  }
  return { fresh, duplicates };
}

export type SummedMetric = 'reach' | 'impressions' | 'views' | 'engagement' | 'followersGained';
const SUMMED: readonly SummedMetric[] = ['reach', 'impressions', 'views', 'engagement', 'followersGained'];

export interface PlatformTotals {
  platform: Platform;
  period: string;
  /** Post rows of the period (posts published in that month). */
  posts: number;
  /** null: no row of the period reports the metric (not zero). */
  reach: number | null;
  impressions: number | null;
  views: number | null;
  engagement: number | null;
  followersGained: number | null;
  /** The latest total follower count known in the period, and its date. */
  followersTotal: number | null;
  followersTotalDate: string | null;
  /** Where each summed metric came from: the account's daily series, or the sum over posts. */
  sources: Record<SummedMetric, 'daily' | 'posts' | null>;
  /** engagement / reach when reach > 0, else engagement / impressions when impressions > 0, else null. */
  engagementRate: number | null;
  engagementRateBasis: 'reach' | 'impressions' | 'views' | null;
}

/**
 * Totals per platform for `period` ('YYYY-MM'), in the order Facebook, Instagram, X, YouTube, TikTok,
 * for platforms with at least one row in the period.
 *
 * Rules:
 * - Each summed metric (reach, impressions, views, engagement, followersGained) comes from the
 *   platform's daily rows when any daily row of the period has it (account-level numbers, e.g. Meta
 *   Views.csv, TikTok Overview.csv); otherwise it is the sum over the period's post rows. The two are
 *   never added together (that would count the same views twice).
 * - Daily rows: when two daily files give the same metric for the same date (TikTok Overview
 *   "New followers" and FollowerHistory "Difference"), the first row in `rows` counts, not both.
 * - Reach is a sum of per-post or per-day reach, not unique people: say so in the report.
 * - followersTotal: the value of the latest-dated row that has one.
 */
export function aggregateByPlatform(rows: readonly InsightRow[], period: string): PlatformTotals[] {
  const out: PlatformTotals[] = [];
  for (const platform of PLATFORMS) {
    const mine = rows.filter((r) => r.platform === platform && r.period === period);
    if (mine.length === 0) continue;
    const posts = mine.filter((r) => r.kind === 'post');
    const daily = mine.filter((r) => r.kind === 'daily');
    const totals: PlatformTotals = {
      platform,
      period,
      posts: posts.length,
      reach: null,
      impressions: null,
      views: null,
      engagement: null,
      followersGained: null,
      followersTotal: null,
      followersTotalDate: null,
      sources: { reach: null, impressions: null, views: null, engagement: null, followersGained: null },
      engagementRate: null,
      engagementRateBasis: null,
    };
    for (const m of SUMMED) {
      const byDate = new Map<string, number>();
      for (const r of daily) {
        const v = r[m];
        if (v !== undefined && r.date && !byDate.has(r.date)) byDate.set(r.date, v);
      }
      if (byDate.size > 0) {
        let sum = 0;
        byDate.forEach((v) => { sum += v; });
        totals[m] = sum;
        totals.sources[m] = 'daily';
        continue;
      }
      const vals = posts.map((r) => r[m]).filter((v): v is number => v !== undefined);
      if (vals.length > 0) {
        totals[m] = vals.reduce((a, b) => a + b, 0);
        totals.sources[m] = 'posts';
      }
    }
    for (const r of mine) {
      if (r.followersTotal === undefined) continue;
      const d = r.date ?? '';
      if (totals.followersTotal === null || d > (totals.followersTotalDate ?? '')) {
        totals.followersTotal = r.followersTotal;
        totals.followersTotalDate = r.date ?? null;
      }
    }
    if (totals.engagement !== null) {
      if (totals.reach !== null && totals.reach > 0) {
        totals.engagementRate = totals.engagement / totals.reach;
        totals.engagementRateBasis = 'reach';
      } else if (totals.impressions !== null && totals.impressions > 0) {
        totals.engagementRate = totals.engagement / totals.impressions;
        totals.engagementRateBasis = 'impressions';
      } else if (totals.views !== null && totals.views > 0) {
        totals.engagementRate = totals.engagement / totals.views;
        totals.engagementRateBasis = 'views';
      }
    }
    out.push(totals);
  }
  return out;
}
