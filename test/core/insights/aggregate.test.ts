import { readFileSync } from 'fs';
import { join } from 'path';
import { aggregateByPlatform, parseInsights } from '../../../src/core/insights';
import type { InsightRow, ParseOptions, PlatformTotals } from '../../../src/core/insights';

const FIX = join(__dirname, '..', '..', 'fixtures', 'insights');
const rowsOf = (name: string, options: ParseOptions = {}): InsightRow[] => {
  const res = parseInsights(new Uint8Array(readFileSync(join(FIX, name))), options);
  return res.rows;
};
const only = (totals: PlatformTotals[], platform: string): PlatformTotals => {
  const t = totals.find((x) => x.platform === platform);
  if (!t) throw new Error(`no totals for ${platform}`);
  return t;
};

describe('aggregateByPlatform', () => {
  it('Facebook: posts give reach and engagement; the daily files give views and follows (not added to the posts)', () => {
    const rows = [
      ...rowsOf('meta/Sep-01-2025_Sep-30-2025_104857362718495.csv'),
      ...rowsOf('meta/Follows.csv'),
      ...rowsOf('meta/Views.csv', { platform: 'Facebook' }),
    ];
    const fb = only(aggregateByPlatform(rows, '2025-09'), 'Facebook');
    expect(fb).toEqual({
      platform: 'Facebook',
      period: '2025-09',
      posts: 4,
      reach: 9876 + 30125 + 6120 + 80300,
      impressions: null,
      views: 5120 + 4875 + 6230,
      engagement: 412 + 1287 + 233 + 5120,
      followersGained: 14 + 9 + 22 + 0 + 31 + 17 + 12,
      followersTotal: null,
      followersTotalDate: null,
      sources: { reach: 'posts', impressions: null, views: 'daily', engagement: 'posts', followersGained: 'daily' },
      engagementRate: 7052 / 126421,
      engagementRateBasis: 'reach',
    });
  });

  it('Facebook posts alone: every metric from the posts', () => {
    const fb = only(aggregateByPlatform(rowsOf('meta/Sep-01-2025_Sep-30-2025_104857362718495.csv'), '2025-09'), 'Facebook');
    expect([fb.views, fb.impressions, fb.followersGained]).toEqual([192644, null, null]);
    expect(fb.sources.views).toBe('posts');
  });

  it('Instagram: follows from the posts when there is no daily series', () => {
    const ig = only(aggregateByPlatform(rowsOf('meta/Sep-01-2025_Sep-30-2025_17841400000000001.csv'), '2025-09'), 'Instagram');
    expect(ig.posts).toBe(4);
    expect(ig.reach).toBe(18230 + 61200 + 9100 + 5000);
    expect(ig.engagement).toBe(1736 + 5340 + 865 + 315);
    expect(ig.followersGained).toBe(12 + 95 + 3);
    expect(ig.sources.followersGained).toBe('posts');
    expect(ig.engagementRate).toBeCloseTo(8256 / 93530, 12);
  });

  it('TikTok: overlapping follower series count each day once; the latest total; rate on views (no reach, no impressions)', () => {
    const rows = [
      ...rowsOf('tiktok/Content.csv'),
      ...rowsOf('tiktok/Overview.csv', { period: '2025-09' }),
      ...rowsOf('tiktok/FollowerHistory.csv', { period: '2025-09' }),
    ];
    const tt = only(aggregateByPlatform(rows, '2025-09'), 'TikTok');
    expect(tt.posts).toBe(4);
    expect(tt.views).toBe(1520 + 980 + 4310 + 2105);
    expect(tt.impressions).toBeNull();
    expect(tt.engagement).toBe(233 + 142 + 680 + 299);
    // Overview gives 12, 5, 28, 9 (3 September is all 'undefined'); FollowerHistory adds 3 September's 0.
    expect(tt.followersGained).toBe(54);
    expect(tt.followersTotal).toBe(15272);
    expect(tt.followersTotalDate).toBe('2025-09-05');
    expect(tt.reach).toBeNull();
    expect(tt.engagementRateBasis).toBe('views');
    expect(tt.engagementRate).toBe(1354 / 8915);
  });

  it('X: post totals without the overview, daily totals with it', () => {
    const content = rowsOf('x/account_analytics_content_2025-11-01_2025-11-30.csv');
    const postsOnly = only(aggregateByPlatform(content, '2025-11'), 'X');
    expect([postsOnly.posts, postsOnly.impressions, postsOnly.engagement, postsOnly.followersGained]).toEqual([3, 24031, 1410, 5]);
    expect(postsOnly.engagementRate).toBe(1410 / 24031);

    const both = only(aggregateByPlatform([...content, ...rowsOf('x/account_overview_analytics_2025-11-01_2025-11-30.csv')], '2025-11'), 'X');
    expect([both.posts, both.impressions, both.engagement, both.followersGained]).toEqual([3, 19220, 942, 24]);
    expect(both.sources.impressions).toBe('daily');
  });

  it('YouTube: only the period asked for; no engagement column means no rate', () => {
    const rows = [...rowsOf('youtube-2025/Table data.csv'), ...rowsOf('youtube-id/Data tabel.csv')];
    const sept = only(aggregateByPlatform(rows, '2024-09'), 'YouTube');
    expect([sept.posts, sept.views, sept.impressions, sept.followersGained]).toEqual([3, 58210, 402310, 312]);
    expect(sept.engagement).toBeNull();
    expect(sept.engagementRate).toBeNull();
    expect(sept.engagementRateBasis).toBeNull();
    const oct = only(aggregateByPlatform(rows, '2024-10'), 'YouTube');
    expect([oct.posts, oct.views, oct.impressions]).toEqual([2, 12345 + 3210, 98000 + 21000]);
  });

  it('lists platforms in a fixed order and leaves out those without rows in the period', () => {
    const rows = [
      ...rowsOf('tiktok/Content.csv'),
      ...rowsOf('meta/Sep-01-2025_Sep-30-2025_17841400000000001.csv'),
      ...rowsOf('meta/Sep-01-2025_Sep-30-2025_104857362718495.csv'),
      ...rowsOf('x/account_analytics_content_2025-11-01_2025-11-30.csv'),
    ];
    expect(aggregateByPlatform(rows, '2025-09').map((t) => t.platform)).toEqual(['Facebook', 'Instagram', 'TikTok']);
    expect(aggregateByPlatform(rows, '2025-11').map((t) => t.platform)).toEqual(['X']);
    expect(aggregateByPlatform(rows, '2030-01')).toEqual([]);
  });
});
