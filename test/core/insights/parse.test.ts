import { readFileSync } from 'fs';
import { join } from 'path';
import { decodeBytes, parseCsv } from '../../../src/core/csv';
import { dedupe, detectFormat, parseInsights, suggestMapping } from '../../../src/core/insights';
import type { InsightRow, ParseResult } from '../../../src/core/insights';

const FIX = join(__dirname, '..', '..', 'fixtures', 'insights');
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIX, name)));
/** As Apps Script's Blob.getBytes() returns them: -128..127. */
const signedBytesOf = (name: string): number[] => Array.from(bytesOf(name), (b) => (b > 127 ? b - 256 : b));

const FB_POSTS = 'meta/Sep-01-2025_Sep-30-2025_104857362718495.csv';
const IG_CONTENT = 'meta/Sep-01-2025_Sep-30-2025_17841400000000001.csv';
const FB_FOLLOWS = 'meta/Follows.csv';
const META_VIEWS = 'meta/Views.csv';
const YT_2025 = 'youtube-2025/Table data.csv';
const YT_2026 = 'youtube-2026/Table data.csv';
const YT_ID = 'youtube-id/Data tabel.csv';
const TT_CONTENT = 'tiktok/Content.csv';
const TT_OVERVIEW = 'tiktok/Overview.csv';
const TT_FOLLOWERS = 'tiktok/FollowerHistory.csv';
const X_CONTENT = 'x/account_analytics_content_2025-11-01_2025-11-30.csv';
const X_OVERVIEW = 'x/account_overview_analytics_2025-11-01_2025-11-30.csv';
const X_CLASSIC = 'x/tweet_activity_metrics_officialMKRI_20210301_20210401_en.csv';

const pick = (rows: InsightRow[], field: keyof InsightRow): unknown[] => rows.map((r) => r[field]);
const sum = (rows: InsightRow[], field: 'reach' | 'impressions' | 'views' | 'engagement' | 'followersGained'): number =>
  rows.reduce((a, r) => a + (r[field] ?? 0), 0);

describe('Meta Facebook posts (UTF-8 BOM, CRLF, captions over several lines)', () => {
  let res: ParseResult;
  beforeAll(() => { res = parseInsights(bytesOf(FB_POSTS)); });

  it('is recognised, with the mapping by column name', () => {
    expect(res.format).toBe('meta-facebook-posts');
    expect(res.platform).toBe('Facebook');
    expect(res.encoding).toBe('utf-8-bom');
    expect(res.mapping).toEqual({
      postId: 'Post ID', postUrl: 'Permalink', date: 'Publish time', title: 'Description', reach: 'Reach',
      views: 'Views', likes: 'Reactions', comments: 'Comments', shares: 'Shares', engagement: 'Reactions, Comments and Shares',
    });
  });

  it('keeps the good posts with their exact numbers', () => {
    expect(res.rows).toHaveLength(4);
    expect(pick(res.rows, 'postId')).toEqual([
      '104857362718495_1122334455667788', '104857362718495_1122334455669001',
      '104857362718495_1122334455670123', '104857362718495_1122334455671555',
    ]);
    expect(pick(res.rows, 'date')).toEqual(['2025-09-01', '2025-09-03', '2025-09-15', '2025-09-22']);
    expect(pick(res.rows, 'reach')).toEqual([9876, 30125, 6120, 80300]);
    expect(pick(res.rows, 'views')).toEqual([15230, 48210, 8754, 120450]);
    // No Impressions column in 2025 files: views stay views, impressions are unknown (never copied).
    expect(pick(res.rows, 'impressions')).toEqual([undefined, undefined, undefined, undefined]);
    // The platform's own "Reactions, Comments and Shares".
    expect(pick(res.rows, 'engagement')).toEqual([412, 1287, 233, 5120]);
    expect(pick(res.rows, 'likes')).toEqual([356, 1010, 201, 4301]);
    expect(res.rows.every((r) => r.period === '2025-09' && r.kind === 'post')).toBe(true);
  });

  it('reads a caption that spans lines into a one-line title, quotes kept', () => {
    expect(res.rows[0].title).toBe('Sidang Pleno Pengucapan Putusan Perkara Nomor 60/PUU-XXII/2024 Saksikan siaran langsung di kanal YouTube Mahkamah Konstitusi. #MKRI #PutusanMK');
    expect(res.rows[1].title).toContain('frasa "paling lama" dimaknai');
    expect(res.rows[0].postUrl).toBe('https://www.facebook.com/104857362718495/posts/1122334455667788');
    expect(res.rows[0].key).toBe('Facebook|post|104857362718495_1122334455667788');
  });

  it('lists the bad row with its physical line and what is wrong, in both languages', () => {
    expect(res.errors).toEqual([{
      line: 10,
      reason_id: `Baris 10: angka 'Jangkauan' tidak terbaca: '12,3,4' (kolom "Reach").`,
      reason_en: `Line 10: number 'Reach' is not readable: '12,3,4' (column "Reach").`,
    }]);
    expect(res.skipped).toBe(0);
  });

  it('gives the same result from text, bytes and signed bytes', () => {
    const fromText = parseInsights(readFileSync(join(FIX, FB_POSTS), 'utf8'));
    const fromSigned = parseInsights(signedBytesOf(FB_POSTS));
    expect(fromText.rows).toEqual(res.rows);
    expect(fromSigned.rows).toEqual(res.rows);
    expect(fromText.errors).toEqual(res.errors);
  });
});

describe('Meta Instagram content', () => {
  const res = parseInsights(bytesOf(IG_CONTENT));

  it('reads posts; engagement = likes + comments + shares + saves; empty cells are missing, not errors', () => {
    expect(res.format).toBe('meta-instagram-content');
    expect(res.platform).toBe('Instagram');
    expect(res.errors).toEqual([]);
    expect(pick(res.rows, 'reach')).toEqual([18230, 61200, 9100, 5000]);
    expect(pick(res.rows, 'views')).toEqual([25400, 98700, 12045, 7000]);
    expect(pick(res.rows, 'engagement')).toEqual([1540 + 64 + 87 + 45, 4210 + 212 + 530 + 388, 820 + 22 + 14 + 9, 300 + 10 + 5]);
    expect(pick(res.rows, 'followersGained')).toEqual([12, 95, 3, undefined]);
    expect(pick(res.rows, 'saves')).toEqual([45, 388, 9, undefined]);
    expect(res.rows[1].postUrl).toBe('https://www.instagram.com/reel/DOxYz123AbC/');
    expect(res.rows[0].title).toBe('Sidang Pengucapan Putusan uji materiil UU Pilkada. Geser untuk membaca amar putusan lengkap. #MahkamahKonstitusi #PutusanMK');
  });
});

describe('Meta daily series (UTF-16LE with BOM, sep=, metric name on line 2)', () => {
  it('routes "Facebook follows" to followersGained for Facebook, one row per day', () => {
    const res = parseInsights(bytesOf(FB_FOLLOWS));
    expect(res.encoding).toBe('utf-16le');
    expect(res.format).toBe('meta-daily-series');
    expect(res.seriesName).toBe('Facebook follows');
    expect(res.platform).toBe('Facebook');
    expect(res.mapping).toEqual({ date: 'Date', followersGained: 'Primary' });
    expect(res.errors).toEqual([]);
    expect(pick(res.rows, 'date')).toEqual(['2025-09-01', '2025-09-02', '2025-09-03', '2025-09-04', '2025-09-05', '2025-09-06', '2025-09-07']);
    expect(pick(res.rows, 'followersGained')).toEqual([14, 9, 22, 0, 31, 17, 12]);
    expect(res.rows.every((r) => r.kind === 'daily')).toBe(true);
    expect(res.rows[0].key).toBe('Facebook|daily|followersGained|2025-09-01');
  });

  it('asks for the platform when the metric name does not say it ("Views"), then reads it', () => {
    const unknown = parseInsights(bytesOf(META_VIEWS));
    expect(unknown.platform).toBeNull();
    expect(unknown.rows).toEqual([]);
    expect(unknown.errors).toHaveLength(1);
    expect(unknown.errors[0].reason_id).toMatch(/Pilih platform/);
    expect(unknown.errors[0].reason_en).toMatch(/Choose the platform/);

    const res = parseInsights(bytesOf(META_VIEWS), { platform: 'Instagram' });
    expect(res.platform).toBe('Instagram');
    expect(pick(res.rows, 'views')).toEqual([5120, 4875, 6230]);
    expect(pick(res.rows, 'impressions')).toEqual([undefined, undefined, undefined]);
    expect(res.rows[2].key).toBe('Instagram|daily|views|2025-09-03');
  });

  it('reads the same series as plain UTF-8 text too', () => {
    const text = 'sep=,\n"Instagram follows"\n"Date","Primary"\n"2025-09-20T00:00:00","3"\n"2025-09-21T00:00:00","5"\n';
    const res = parseInsights(text);
    expect(res.platform).toBe('Instagram');
    expect(pick(res.rows, 'followersGained')).toEqual([3, 5]);
  });

  it('says which series it does not use', () => {
    const res = parseInsights('sep=,\n"Facebook link clicks"\n"Date","Primary"\n"2025-09-20T00:00:00","3"\n');
    expect(res.rows).toEqual([]);
    expect(res.errors[0].reason_en).toMatch(/'Facebook link clicks' is not used/);
  });
});

describe('YouTube Studio "Table data.csv"', () => {
  it('2025 headers: skips the Total row, Impressions are impressions, Subscribers are followers gained', () => {
    const res = parseInsights(bytesOf(YT_2025));
    expect(res.format).toBe('youtube-table');
    expect(res.platform).toBe('YouTube');
    expect(res.skipped).toBe(1);
    expect(res.errors).toEqual([]);
    expect(pick(res.rows, 'postId')).toEqual(['kQ3sQ1aZpX0', 'Xy7_Bc-12dE', 'Lm9-pQrStUv']);
    expect(pick(res.rows, 'date')).toEqual(['2024-09-03', '2024-09-12', '2024-09-27']);
    expect(pick(res.rows, 'views')).toEqual([41200, 9810, 7200]);
    expect(pick(res.rows, 'impressions')).toEqual([310200, 60110, 32000]);
    expect(pick(res.rows, 'followersGained')).toEqual([250, 41, 21]);
    expect(pick(res.rows, 'engagement')).toEqual([undefined, undefined, undefined]);
    expect(res.rows[1].postUrl).toBe('https://www.youtube.com/watch?v=Xy7_Bc-12dE');
    expect(pick(res.rows, 'period')).toEqual(['2024-09', '2024-09', '2024-09']);
    expect(res.rows[1].key).toBe('YouTube|post|Xy7_Bc-12dE|2024-09');
    // The rows add up to the Total row the file carries: 58210 views, 402310 impressions, 312 subscribers.
    expect([sum(res.rows, 'views'), sum(res.rows, 'impressions'), sum(res.rows, 'followersGained')]).toEqual([58210, 402310, 312]);
  });

  it('numbers are for the export range: the chosen period wins over the publish month, and is in the key', () => {
    const res = parseInsights(bytesOf(YT_2025), { period: '2024-10' });
    expect(pick(res.rows, 'period')).toEqual(['2024-10', '2024-10', '2024-10']);
    expect(pick(res.rows, 'date')).toEqual(['2024-09-03', '2024-09-12', '2024-09-27']);
    expect(res.rows[0].key).toBe('YouTube|post|kQ3sQ1aZpX0|2024-10');
  });

  it('2026 headers: "Thumbnail impressions", and a Likes column the user added', () => {
    const res = parseInsights(bytesOf(YT_2026));
    expect(res.mapping.impressions).toBe('Thumbnail impressions');
    expect(res.mapping.likes).toBe('Likes');
    expect(res.skipped).toBe(1);
    expect(pick(res.rows, 'impressions')).toEqual([110200, 40200]);
    expect(pick(res.rows, 'views')).toEqual([15300, 4850]);
    expect(pick(res.rows, 'engagement')).toEqual([950, 260]);
    expect(pick(res.rows, 'period')).toEqual(['2026-01', '2026-01']);
  });

  it('Indonesian headers: Penayangan = views, Tayangan = impressions, Indonesian dates', () => {
    const res = parseInsights(bytesOf(YT_ID));
    expect(res.format).toBe('youtube-table');
    expect(res.mapping).toEqual({
      postId: 'Konten', title: 'Judul video', date: 'Waktu publikasi video', views: 'Penayangan',
      impressions: 'Tayangan', followersGained: 'Subscriber',
    });
    expect(res.skipped).toBe(1);
    expect(pick(res.rows, 'views')).toEqual([12345, 3210]);
    expect(pick(res.rows, 'impressions')).toEqual([98000, 21000]);
    expect(pick(res.rows, 'date')).toEqual(['2024-10-02', '2024-10-16']);
  });
});

describe('TikTok Studio', () => {
  it('Content.csv: no-year dates get their year from the video ID; thousands commas; undoubled quotes; a split title rejoined', () => {
    const res = parseInsights(bytesOf(TT_CONTENT));
    expect(res.format).toBe('tiktok-content');
    expect(res.platform).toBe('TikTok');
    expect(res.errors).toEqual([]);
    expect(pick(res.rows, 'date')).toEqual(['2025-09-04', '2025-09-11', '2025-09-19', '2025-09-26']);
    expect(pick(res.rows, 'postId')).toEqual(['7546051075822570773', '7548779544855865521', '7551646576827878745', '7554366437369272242']);
    expect(pick(res.rows, 'likes')).toEqual([5431, 1203, 356, undefined]);
    expect(pick(res.rows, 'views')).toEqual([89568, 20410, 6120, undefined]);
    expect(pick(res.rows, 'impressions')).toEqual([undefined, undefined, undefined, undefined]);
    expect(pick(res.rows, 'engagement')).toEqual([5431 + 124 + 461, 1203 + 45 + 88, 356 + 12 + 7, undefined]);
    expect(res.rows[1].title).toBe('Kenalan sama "Sidang PUU" yuk! Begini jalannya sidang di MK');
    expect(res.rows[2].title).toBe('Kunjungan siswa SMAN 8 Jakarta ke MK, belajar konstitusi, dari dekat #EdukasiKonstitusi');
    expect(res.rows[0].key).toBe('TikTok|post|7546051075822570773');
  });

  it('Overview.csv without a period: one file-level error, no rows', () => {
    const res = parseInsights(bytesOf(TT_OVERVIEW));
    expect(res.rows).toEqual([]);
    expect(res.errors).toEqual([{
      line: 0,
      reason_id: "4 baris TikTok bertanggal tanpa tahun (mis. 'September 1'). Pilih periode (bulan dan tahun) lalu impor lagi.",
      reason_en: "4 TikTok rows have dates without a year (e.g. 'September 1'). Choose the period (month and year) and import again.",
    }]);
  });

  it('Overview.csv with the period: daily rows, "undefined" is missing, an all-undefined day is skipped', () => {
    const res = parseInsights(bytesOf(TT_OVERVIEW), { period: '2025-09' });
    expect(res.format).toBe('tiktok-overview');
    expect(res.errors).toEqual([]);
    expect(res.skipped).toBe(1);
    expect(pick(res.rows, 'date')).toEqual(['2025-09-01', '2025-09-02', '2025-09-04', '2025-09-05']);
    expect(pick(res.rows, 'views')).toEqual([1520, 980, 4310, 2105]);
    expect(pick(res.rows, 'comments')).toEqual([14, 6, 41, undefined]);
    expect(pick(res.rows, 'engagement')).toEqual([233, 142, 680, 299]);
    expect(pick(res.rows, 'followersGained')).toEqual([12, 5, 28, 9]);
    expect(pick(res.rows, 'profileVisits')).toEqual([87, 45, 220, 96]);
    expect(res.rows[0].key).toBe('TikTok|daily|overview|2025-09-01');
  });

  it('FollowerHistory.csv: total and daily difference', () => {
    const res = parseInsights(bytesOf(TT_FOLLOWERS), { period: '2025-09' });
    expect(res.format).toBe('tiktok-follower-history');
    expect(pick(res.rows, 'followersTotal')).toEqual([15230, 15235, 15235, 15263, 15272]);
    expect(pick(res.rows, 'followersGained')).toEqual([12, 5, 0, 28, 9]);
    expect(res.rows[4].key).toBe('TikTok|daily|followers|2025-09-05');
  });

  it('a December day in a January export belongs to the year before', () => {
    const text = '\ufeff"Date","Followers","Difference in followers from previous day"\n"December 31","20100","7"\n"January 1","20104","4"';
    const res = parseInsights(text, { period: '2026-01' });
    expect(pick(res.rows, 'date')).toEqual(['2025-12-31', '2026-01-01']);
    expect(pick(res.rows, 'period')).toEqual(['2025-12', '2026-01']);
  });

  it('reads Indonesian month names in TikTok dates ("18 Agustus")', () => {
    const text = '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"18 Agustus","300","12","40","2","1"';
    const res = parseInsights(text, { period: '2025-08' });
    expect(res.rows[0].date).toBe('2025-08-18');
    expect(res.rows[0].engagement).toBe(43);
  });
});

describe('X', () => {
  it('current content export: junk /status/undefined rows skipped, "Sun, Nov 9, 2025" dates, Engagements column', () => {
    const res = parseInsights(bytesOf(X_CONTENT));
    expect(res.format).toBe('x-content');
    expect(res.platform).toBe('X');
    expect(res.skipped).toBe(2);
    expect(pick(res.rows, 'postId')).toEqual(['1987654321098765432', '1989012345678901234', '1991234567890123456']);
    expect(pick(res.rows, 'date')).toEqual(['2025-11-09', '2025-11-12', '2025-11-18']);
    expect(pick(res.rows, 'impressions')).toEqual([12450, 8021, 3560]);
    expect(pick(res.rows, 'engagement')).toEqual([798, 402, 210]);
    expect(pick(res.rows, 'followersGained')).toEqual([4, 1, 0]);
    expect(pick(res.rows, 'saves')).toEqual([21, 11, 4]);
    expect(res.errors).toEqual([{
      line: 6,
      reason_id: `Baris 6: tanggal tidak terbaca: 'Mon, Nov 31, 2025' (kolom "Date").`,
      reason_en: `Line 6: date is not readable: 'Mon, Nov 31, 2025' (column "Date").`,
    }]);
  });

  it('overview export: daily rows', () => {
    const res = parseInsights(bytesOf(X_OVERVIEW));
    expect(res.format).toBe('x-overview');
    expect(pick(res.rows, 'date')).toEqual(['2025-11-01', '2025-11-02', '2025-11-03']);
    expect(pick(res.rows, 'impressions')).toEqual([5230, 4120, 9870]);
    expect(pick(res.rows, 'engagement')).toEqual([240, 190, 512]);
    expect(pick(res.rows, 'followersGained')).toEqual([6, 3, 15]);
    expect(pick(res.rows, 'kind')).toEqual(['daily', 'daily', 'daily']);
  });

  it('classic tweet activity: float numbers, "-" promoted columns, UTC times moved to Jakarta', () => {
    const res = parseInsights(bytesOf(X_CLASSIC));
    expect(res.format).toBe('x-tweet-activity');
    expect(res.errors).toEqual([]);
    expect(pick(res.rows, 'impressions')).toEqual([3423, 2210, 5012]);
    expect(pick(res.rows, 'engagement')).toEqual([187, 95, 140]);
    expect(pick(res.rows, 'shares')).toEqual([25, 10, 18]);
    // 2021-03-15 19:30 UTC is 2021-03-16 02:30 WIB.
    expect(pick(res.rows, 'date')).toEqual(['2021-03-02', '2021-03-16', '2021-03-25']);
    expect(res.rows[0].postUrl).toBe('https://twitter.com/officialMKRI/status/1366612345678901234');
  });
});

describe('detectFormat', () => {
  /** The file's first record, read with the CSV reader (the header of every shape but Meta's daily series). */
  const firstRecord = (name: string): string[] => parseCsv(decodeBytes(bytesOf(name)).text).records[0].fields;
  const headerOf = firstRecord;

  it.each([
    [FB_POSTS, 'meta-facebook-posts', 'Facebook'],
    [IG_CONTENT, 'meta-instagram-content', 'Instagram'],
    [YT_2025, 'youtube-table', 'YouTube'],
    [YT_2026, 'youtube-table', 'YouTube'],
    [YT_ID, 'youtube-table', 'YouTube'],
    [TT_CONTENT, 'tiktok-content', 'TikTok'],
    [TT_OVERVIEW, 'tiktok-overview', 'TikTok'],
    [TT_FOLLOWERS, 'tiktok-follower-history', 'TikTok'],
    [X_CONTENT, 'x-content', 'X'],
    [X_OVERVIEW, 'x-overview', 'X'],
    [X_CLASSIC, 'x-tweet-activity', 'X'],
  ])('%s -> %s', (name, format, platform) => {
    const found = detectFormat(headerOf(name));
    expect(found).not.toBeNull();
    expect(found?.format).toBe(format);
    expect(found?.platform).toBe(platform);
    expect(found?.confidence).toBeGreaterThan(0.5);
  });

  it('finds a Meta daily series from its first lines, platform from the metric name', () => {
    expect(detectFormat(['sep=,'], ['sep=,', '"Facebook follows"', '"Date","Primary"'])).toEqual({ format: 'meta-daily-series', platform: 'Facebook', confidence: 1 });
    expect(detectFormat(['Date', 'Primary'], ['sep=,', '"Views"', '"Date","Primary"'])?.platform).toBeNull();
    expect(detectFormat(['Date', 'Primary'])?.format).toBe('meta-daily-series');
  });

  it('does not mistake a post export for an overview, nor guess unknown files', () => {
    const xContentHeaders = firstRecord(X_CONTENT);
    expect(detectFormat(xContentHeaders)?.format).toBe('x-content');
    expect(detectFormat(['Tanggal', 'Jangkauan', 'Impresi'])).toBeNull();
    expect(detectFormat([])).toBeNull();
    expect(detectFormat(['Date', 'Primary', 'Secondary'])).toBeNull();
  });

  it('scores fewer known columns lower', () => {
    const full = detectFormat(firstRecord(X_CONTENT));
    const bare = detectFormat(['Post id', 'Post Link', 'Impressions', 'Engagements']);
    expect(bare?.format).toBe('x-content');
    expect((bare?.confidence ?? 1)).toBeLessThan(full?.confidence ?? 0);
  });
});

describe('suggestMapping', () => {
  it('matches names regardless of case, spacing and position', () => {
    const headers = ['  total VIEWS ', 'Video Title', 'CONTENT', 'Thumbnail  impressions', 'Video publish time'];
    expect(suggestMapping('youtube-table', headers)).toEqual({
      postId: 'CONTENT', title: 'Video Title', date: 'Video publish time', impressions: 'Thumbnail  impressions',
    });
  });

  it('accepts both the 2025 and the 2026 YouTube impressions column', () => {
    expect(suggestMapping('youtube-table', ['Content', 'Impressions']).impressions).toBe('Impressions');
    expect(suggestMapping('youtube-table', ['Content', 'Thumbnail impressions']).impressions).toBe('Thumbnail impressions');
    expect(suggestMapping('youtube-table', ['Konten', 'Penayangan', 'Tayangan'])).toEqual({ postId: 'Konten', views: 'Penayangan', impressions: 'Tayangan' });
  });

  it('suggests English and Indonesian names for an unknown table', () => {
    expect(suggestMapping('generic', ['Tanggal', 'Judul', 'Tautan', 'Jangkauan', 'Impresi', 'Suka', 'Komentar', 'Dibagikan', 'Disimpan', 'Pengikut baru', 'Pengikut'])).toEqual({
      date: 'Tanggal', title: 'Judul', postUrl: 'Tautan', reach: 'Jangkauan', impressions: 'Impresi', likes: 'Suka',
      comments: 'Komentar', shares: 'Dibagikan', saves: 'Disimpan', followersGained: 'Pengikut baru', followersTotal: 'Pengikut',
    });
  });

  it('routes a Meta series to the field its name says', () => {
    expect(suggestMapping('meta-daily-series', ['Date', 'Primary'], 'Facebook visits')).toEqual({ date: 'Date', profileVisits: 'Primary' });
    expect(suggestMapping('meta-daily-series', ['Date', 'Primary'], 'Viewers')).toEqual({ date: 'Date', reach: 'Primary' });
    expect(suggestMapping('meta-daily-series', ['Date', 'Primary'], 'Content interactions')).toEqual({ date: 'Date', engagement: 'Primary' });
  });
});

describe('parseInsights with a user mapping', () => {
  // No real Indonesian Meta export is known: the user picks the columns once per platform.
  const text = [
    'Tanggal;Judul;Tautan;Jangkauan;Impresi;Interaksi',
    '01/09/2025;Sidang PUU perkara 12/PUU-XXIII/2025;https://www.facebook.com/mkri/posts/1;1.234;2.345;120',
    '02/09/2025;Putusan MK;https://www.facebook.com/mkri/posts/2;12,3,4;900;-',
    '',
    '03/09/2025;Kunjungan;https://www.facebook.com/mkri/posts/3;"1.500,5";-5;30',
    '04/09/2025;Total;https://www.facebook.com/mkri/posts/4;abc;1;x',
  ].join('\r\n');
  const mapping = { date: 'Tanggal', title: 'Judul', postUrl: 'Tautan', reach: 'Jangkauan', impressions: 'Impresi', engagement: 'Interaksi' };

  it('is unknown without a platform, with a suggestion to confirm', () => {
    const res = parseInsights(text);
    expect(res.format).toBeNull();
    expect(res.rows).toEqual([]);
    expect(res.mapping).toEqual(mapping);
    expect(res.errors[0].reason_en).toMatch(/not recognised/);
  });

  it('keeps the good rows and lists every problem of each bad row', () => {
    const res = parseInsights(text, { platform: 'Facebook', mapping, numberLocale: 'id', period: '2025-09' });
    expect(res.format).toBe('generic');
    expect(res.rows).toHaveLength(1);
    expect(res.rows[0]).toEqual({
      platform: 'Facebook', kind: 'post', period: '2025-09', date: '2025-09-01', postUrl: 'https://www.facebook.com/mkri/posts/1',
      title: 'Sidang PUU perkara 12/PUU-XXIII/2025', reach: 1234, impressions: 2345, engagement: 120,
      key: 'Facebook|url|https://www.facebook.com/mkri/posts/1',
    });
    expect(res.skipped).toBe(1);
    expect(res.errors.map((e) => e.reason_id)).toEqual([
      `Baris 3: angka 'Jangkauan' tidak terbaca: '12,3,4' (kolom "Jangkauan").`,
      `Baris 5: angka 'Impresi' tidak boleh negatif: '-5' (kolom "Impresi").`,
      `Baris 6: angka 'Jangkauan' tidak terbaca: 'abc' (kolom "Jangkauan"); angka 'Interaksi' tidak terbaca: 'x' (kolom "Interaksi").`,
    ]);
    expect(res.errors[2].reason_en).toBe(`Line 6: number 'Reach' is not readable: 'abc' (column "Jangkauan"); number 'Engagement' is not readable: 'x' (column "Interaksi").`);
  });

  it('reads day/month/year in an Indonesian table, and month/day/year when told so', () => {
    const sheet = 'Tanggal,Jangkauan\n25/09/2025,10\n01/09/2025,"1.250"\n';
    const opts = { platform: 'Instagram' as const, mapping: { date: 'Tanggal', reach: 'Jangkauan' } };
    const id = parseInsights(sheet, { ...opts, numberLocale: 'id' });
    expect(id.rows.map((r) => [r.kind, r.date, r.reach, r.key])).toEqual([
      ['daily', '2025-09-25', 10, 'Instagram|daily|reach|2025-09-25'],
      ['daily', '2025-09-01', 1250, 'Instagram|daily|reach|2025-09-01'],
    ]);
    const en = parseInsights(sheet, { ...opts, numberLocale: 'en', dateOrder: 'mdy' });
    expect(en.rows.map((r) => [r.date, r.reach])).toEqual([['2025-09-25', 10], ['2025-01-09', 1.25]]);
  });

  it('says which mapped column is missing from the file', () => {
    const res = parseInsights(text, { platform: 'Facebook', mapping: { ...mapping, reach: 'Reach' } });
    expect(res.rows).toEqual([]);
    expect(res.errors).toEqual([{
      line: 0,
      reason_id: `Kolom "Reach" (untuk 'Jangkauan') tidak ada di berkas. Perbaiki pencocokan kolom.`,
      reason_en: `Column "Reach" (for 'Reach') is not in the file. Fix the column mapping.`,
    }]);
  });

  it('needs a number column and a way to tell rows apart', () => {
    expect(parseInsights(text, { platform: 'Facebook', mapping: { date: 'Tanggal', title: 'Judul' } }).errors[0].reason_en).toMatch(/No number column/);
    expect(parseInsights(text, { platform: 'Facebook', mapping: { title: 'Judul', reach: 'Jangkauan' } }).errors[0].reason_en).toMatch(/Map the 'Post ID', 'Post link' or 'Date'/);
  });

  it('rejects a malformed period', () => {
    expect(parseInsights(text, { platform: 'Facebook', period: '2025-9' }).errors[0].reason_en).toBe("Period '2025-9' is not valid; write it as YYYY-MM, e.g. 2025-09.");
  });

  it('flags the same post twice in one file', () => {
    const dup = 'Post id,Date,Post text,Post Link,Impressions,Engagements\n1,"Sun, Nov 9, 2025",a,https://x.com/a/status/1,10,1\n1,"Sun, Nov 9, 2025",a,https://x.com/a/status/1,10,1\n';
    const res = parseInsights(dup);
    expect(res.rows).toHaveLength(1);
    expect(res.errors[0].reason_en).toBe('Line 3: same as line 2 (the same post or date appears twice in the file).');
  });
});

describe('legacy Facebook "Export Data"', () => {
  it('skips the description row and uses the first of duplicate column names', () => {
    const text = [
      'Post ID,Permalink,Post Message,Type,Posted,Lifetime Post Total Reach,Lifetime Post Total Impressions,Lifetime Engaged Users,Lifetime Engaged Users',
      ',,,,,The number of people who saw your Page post.,The number of times your Page post was seen.,The number of people who clicked anywhere in your posts.,',
      '104857362718495_5512,https://www.facebook.com/mkri/posts/5512,Sidang pleno MK,Photo,10/28/2014 07:00:01 AM,5120,8000,310,999',
    ].join('\n');
    const res = parseInsights(text);
    expect(res.format).toBe('meta-facebook-legacy');
    expect(res.skipped).toBe(1);
    expect(res.errors).toEqual([]);
    expect(res.rows).toEqual([expect.objectContaining({ date: '2014-10-28', reach: 5120, impressions: 8000, engagement: 310 })]);
  });
});

describe('dedupe', () => {
  it('adds nothing when the same files are imported again', () => {
    const files = [FB_POSTS, IG_CONTENT, FB_FOLLOWS, YT_2025, TT_CONTENT, X_CONTENT, X_CLASSIC];
    const first = files.flatMap((f) => parseInsights(bytesOf(f)).rows);
    const stored = new Set<string>();
    const once = dedupe(stored, first);
    expect(once.duplicates).toEqual([]);
    expect(once.fresh).toHaveLength(first.length);
    once.fresh.forEach((r) => stored.add(r.key));

    const again = files.flatMap((f) => parseInsights(signedBytesOf(f)).rows);
    const twice = dedupe(stored, again);
    expect(twice.fresh).toEqual([]);
    expect(twice.duplicates).toHaveLength(first.length);
  });

  it('lets through only the new rows of an overlapping export, and keeps the first of repeats', () => {
    const sept = parseInsights(bytesOf(TT_OVERVIEW), { period: '2025-09' }).rows;
    const stored = new Set(sept.slice(0, 2).map((r) => r.key));
    const { fresh, duplicates } = dedupe(stored, [...sept, sept[3]]);
    expect(pick(fresh, 'date')).toEqual(['2025-09-04', '2025-09-05']);
    expect(pick(duplicates, 'date')).toEqual(['2025-09-01', '2025-09-02', '2025-09-05']);
    expect(stored.size).toBe(2);
  });

  it('gives different keys to different series on the same day', () => {
    const overview = parseInsights(bytesOf(TT_OVERVIEW), { period: '2025-09' }).rows;
    const followers = parseInsights(bytesOf(TT_FOLLOWERS), { period: '2025-09' }).rows;
    const { duplicates } = dedupe(new Set(overview.map((r) => r.key)), followers);
    expect(duplicates).toEqual([]);
  });
});
