/**
 * The insights import on the BUILT script in the sandbox: each platform's export shape (the
 * fixtures in test/fixtures/insights), bad rows listed and skipped, re-import adds nothing, the
 * mapping remembered per platform, roles, and the menu's dialog.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appendRow, sheetView } from '../../sandbox/src/actions';
import { renderDocumentText } from '../../sandbox/src/services/document';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { newSandbox } from './project';
import { sheet as logTab } from './helpers';

const logView = (sb: Sandbox) => logTab(sb, 'Log');

const KABAG = 'kabag@mk.example.id';
const STAFF = 'andi@mk.example.id';
const FIX = path.resolve(__dirname, '../fixtures/insights');

interface Preview {
  format: string | null;
  platform: string | null;
  mapping: Record<string, string>;
  mappingSource: string;
  headers: string[];
  rows: string[][];
  total: number;
  problems: Array<{ line: number; reason: string }>;
  parsed: Array<{ date: string; link: string; reach: number | null; impressions: number | null; engagement: number | null; followers: number | null }>;
}
interface Imported {
  added: number;
  duplicates: number;
  skipped: Array<{ line: number; reason: string }>;
  message: string;
}

function setup(): Sandbox {
  const sb = newSandbox({ owner: KABAG });
  const r = sb.run('menuSetup', { kind: 'menu', user: KABAG, replies: [{ button: 'OK' }] });
  if (!r.ok) throw new Error(r.error?.message);
  appendRow(sb, KABAG, 'Pengguna', { Email: STAFF, Nama: 'Andi Pratama', Peran: 'PPNPN' });
  return sb;
}

function call<T>(sb: Sandbox, fn: string, arg: unknown, user = STAFF): { ok: boolean; value: T; error?: { code: string; message: string; details?: unknown[] } } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (r.error) throw new Error(`${fn}: ${r.error.message}`);
  return r.value as { ok: boolean; value: T; error?: { code: string; message: string } };
}

function file(rel: string): { fileName: string; bytes: number[] } {
  const buf = readFileSync(path.join(FIX, rel));
  return { fileName: path.basename(rel), bytes: [...buf] };
}

function insightRows(sb: Sandbox) {
  const v = sheetView(sb, 'Insight');
  const col = (h: string) => v.headers.indexOf(h);
  return v.rows
    .filter((r) => r.some((c) => c !== ''))
    .map((r) => ({ periode: r[col('Periode')], platform: r[col('Platform')], tanggal: r[col('Tanggal')], tautan: r[col('Tautan Postingan')], jangkauan: r[col('Jangkauan')], tayangan: r[col('Tayangan')], interaksi: r[col('Interaksi')], pengikut: r[col('Pengikut')], sumber: r[col('Sumber')], kunci: r[col('Kunci Impor')] }));
}

/** Preview, then import with the proposed mapping; the preview's row count is what gets added. */
function roundTrip(sb: Sandbox, rel: string, extra: Record<string, unknown> = {}) {
  const f = file(rel);
  const p = call<Preview>(sb, 'apiPreviewInsights', { ...f, ...extra });
  expect(p.ok).toBe(true);
  const platform = (extra.platform as string | undefined) ?? p.value.platform;
  const i = call<Imported>(sb, 'apiImportInsights', { ...f, platform, mapping: p.value.mapping, ...extra });
  expect(i.ok).toBe(true);
  return { preview: p.value, imported: i.value };
}

describe('insights import: each platform export', () => {
  const cases: Array<{ rel: string; platform: string; format: string; extra?: Record<string, unknown> }> = [
    { rel: 'meta/Sep-01-2025_Sep-30-2025_104857362718495.csv', platform: 'Facebook', format: 'meta-facebook-posts' },
    { rel: 'meta/Sep-01-2025_Sep-30-2025_17841400000000001.csv', platform: 'Instagram', format: 'meta-instagram-content' },
    { rel: 'meta/Follows.csv', platform: 'Facebook', format: 'meta-daily-series' },
    { rel: 'meta/Views.csv', platform: 'Instagram', format: 'meta-daily-series', extra: { platform: 'Instagram' } },
    { rel: 'youtube-2025/Table data.csv', platform: 'YouTube', format: 'youtube-table' },
    { rel: 'youtube-2026/Table data.csv', platform: 'YouTube', format: 'youtube-table' },
    { rel: 'youtube-id/Data tabel.csv', platform: 'YouTube', format: 'youtube-table' },
    { rel: 'tiktok/Content.csv', platform: 'TikTok', format: 'tiktok-content' },
    { rel: 'tiktok/Overview.csv', platform: 'TikTok', format: 'tiktok-overview', extra: { period: '2025-09' } },
    { rel: 'tiktok/FollowerHistory.csv', platform: 'TikTok', format: 'tiktok-follower-history', extra: { period: '2025-09' } },
    { rel: 'x/account_analytics_content_2025-11-01_2025-11-30.csv', platform: 'X', format: 'x-content' },
    { rel: 'x/account_overview_analytics_2025-11-01_2025-11-30.csv', platform: 'X', format: 'x-overview' },
    { rel: 'x/tweet_activity_metrics_officialMKRI_20210301_20210401_en.csv', platform: 'X', format: 'x-tweet-activity' },
  ];

  test.each(cases)('$rel', ({ rel, platform, format, extra }) => {
    const sb = setup();
    const { preview, imported } = roundTrip(sb, rel, extra);
    expect(preview.format).toBe(format);
    expect(preview.platform).toBe(platform);
    expect(preview.mappingSource).toBe('suggested');
    expect(preview.headers.length).toBeGreaterThan(1);
    expect(preview.total).toBeGreaterThan(0);
    const rows = insightRows(sb);
    // Rows with no number Siaran keeps (e.g. only profile visits) are not stored.
    expect(imported.added).toBe(rows.length);
    expect(imported.added).toBeGreaterThan(0);
    expect(imported.added).toBeLessThanOrEqual(preview.total);
    expect(rows.every((r) => r.platform === platform && /^\d{4}-\d{2}$/.test(r.periode) && r.kunci.startsWith(`${platform}|`))).toBe(true);
    expect(new Set(rows.map((r) => r.kunci)).size).toBe(rows.length);
    // Re-importing the same file adds nothing.
    const again = call<Imported>(sb, 'apiImportInsights', { ...file(rel), platform, mapping: preview.mapping, ...(extra ?? {}) }).value;
    expect(again.added).toBe(0);
    expect(again.duplicates).toBe(imported.added);
    expect(insightRows(sb).length).toBe(rows.length);
  });

  test('Instagram content: the numbers land in the right columns; new followers are marked', () => {
    const sb = setup();
    roundTrip(sb, 'meta/Sep-01-2025_Sep-30-2025_17841400000000001.csv');
    const raw = readFileSync(path.join(FIX, 'meta/Sep-01-2025_Sep-30-2025_17841400000000001.csv'), 'utf8');
    const first = insightRows(sb)[0];
    // The file's first post: its reach and views are in the file; Siaran stores reach and impressions (= views).
    const line = raw.split('\n').find((l) => l.startsWith('18045678901234567')) ?? '';
    expect(line).not.toBe('');
    expect(first.kunci).toBe('Instagram|post|18045678901234567');
    expect(first.periode).toBe('2025-09');
    expect(first.tautan).toMatch(/^https:\/\/www\.instagram\.com\//);
    expect(Number(first.jangkauan)).toBeGreaterThan(0);
    expect(Number(first.tayangan)).toBeGreaterThanOrEqual(Number(first.jangkauan));
    if (first.pengikut !== '') expect(first.sumber).toContain('pengikut baru');
  });

  test('TikTok follower history: totals go to Pengikut without the new-followers mark', () => {
    const sb = setup();
    roundTrip(sb, 'tiktok/FollowerHistory.csv', { period: '2025-09' });
    const rows = insightRows(sb);
    expect(rows[0]).toMatchObject({ periode: '2025-09', platform: 'TikTok', pengikut: '15.230', sumber: 'FollowerHistory.csv' });
  });
});

describe('insights import: bad rows, numbers, memory', () => {
  test('bad rows are listed with the line and reason and skipped; good rows are kept; Indonesian numbers read', () => {
    const sb = setup();
    const content = [
      'Tautan,Tanggal,Jangkauan,Interaksi',
      'https://www.instagram.com/p/A1,2026-12-01,"1.234",56',
      'https://www.instagram.com/p/A2,2026-12-02,banyak,7',
      'https://www.instagram.com/p/A3,2026-12-03,"2.000",8',
      'https://www.instagram.com/p/A4,bukan tanggal,10,1',
    ].join('\n');
    const mapping = { postUrl: 'Tautan', date: 'Tanggal', reach: 'Jangkauan', engagement: 'Interaksi' };
    const p = call<Preview>(sb, 'apiPreviewInsights', { fileName: 'manual.csv', content, platform: 'Instagram' }).value;
    expect(p.format).toBe('generic');
    const r = call<Imported>(sb, 'apiImportInsights', { fileName: 'manual.csv', content, platform: 'Instagram', mapping }).value;
    expect(r.added).toBe(2);
    expect(r.skipped.map((s) => s.line)).toEqual([3, 5]);
    expect(r.skipped[0].reason).toContain("'banyak'");
    expect(r.skipped[1].reason).toMatch(/tanggal/);
    const rows = insightRows(sb);
    expect(rows.map((x) => [x.tautan, x.jangkauan, x.interaksi])).toEqual([
      // Numbers (shown with the workbook's Indonesian grouping).
      ['https://www.instagram.com/p/A1', '1.234', '56'],
      ['https://www.instagram.com/p/A3', '2.000', '8'],
    ]);
    expect(r.message).toContain('2 baris insight Instagram ditambahkan');
    const log = logView(sb).rows.find((x) => x[3] === 'Impor insight');
    expect(log?.[5]).toContain('2 ditambahkan');
  });

  test('the confirmed mapping is remembered for the platform and proposed next time', () => {
    const sb = setup();
    const content = 'Link,Day,People reached,Reactions\nhttps://facebook.com/p/1,2026-12-01,100,5\n';
    const mapping = { postUrl: 'Link', date: 'Day', reach: 'People reached', engagement: 'Reactions' };
    const before = call<Preview>(sb, 'apiPreviewInsights', { fileName: 'a.csv', content, platform: 'Facebook' }).value;
    expect(before.mappingSource).toBe('suggested');
    expect(call<Imported>(sb, 'apiImportInsights', { fileName: 'a.csv', content, platform: 'Facebook', mapping }).value.added).toBe(1);
    const next = 'Link,Day,People reached,Reactions\nhttps://facebook.com/p/2,2026-12-02,300,9\n';
    const after = call<Preview>(sb, 'apiPreviewInsights', { fileName: 'b.csv', content: next, platform: 'Facebook' }).value;
    expect(after.mappingSource).toBe('remembered');
    expect(after.mapping).toEqual(mapping);
    expect(after.parsed[0]).toMatchObject({ reach: 300, engagement: 9 });
    // Another platform does not get Facebook's mapping.
    expect(call<Preview>(sb, 'apiPreviewInsights', { fileName: 'b.csv', content: next, platform: 'X' }).value.mappingSource).toBe('suggested');
  });

  test('rows typed by hand stay and are never treated as duplicates', () => {
    const sb = setup();
    appendRow(sb, STAFF, 'Insight', { Periode: '2025-09', Platform: 'TikTok', Pengikut: '15000' });
    roundTrip(sb, 'tiktok/FollowerHistory.csv', { period: '2025-09' });
    const rows = insightRows(sb);
    expect(rows[0]).toMatchObject({ periode: '2025-09', platform: 'TikTok', pengikut: '15.000', kunci: '' });
    expect(rows.length).toBeGreaterThan(1);
  });

  test('refusals: no file, no platform, bad period, unknown person', () => {
    const sb = setup();
    expect(call(sb, 'apiPreviewInsights', { fileName: 'x.csv' }).error?.code).toBe('VALIDATION');
    expect(call(sb, 'apiImportInsights', { fileName: 'x.csv', content: 'a,b\n1,2', mapping: {} }).error?.code).toBe('VALIDATION');
    expect(call(sb, 'apiImportInsights', { fileName: 'x.csv', content: 'a,b\n1,2', platform: 'X', period: '2025-13', mapping: {} }).error?.code).toBe('VALIDATION');
    expect(call(sb, 'apiPreviewInsights', { ...file('tiktok/Content.csv') }, 'tamu@mk.example.id').error?.code).toBe('FORBIDDEN');
  });

  test('the menu opens the import dialog', () => {
    const sb = setup();
    const r = sb.run('menuImportInsights', { kind: 'menu', user: STAFF });
    expect(r.error).toBeUndefined();
    const dialog = r.ui.find((u) => u.type === 'dialog') as { html: string; title: string } | undefined;
    expect(dialog?.title).toBe('Impor insight (CSV)');
    expect(dialog?.html).toContain('Impor ke tab Insight');
  });
});

describe('views and impressions mean one thing each', () => {
  test("YouTube Studio's Indonesian export: Penayangan (views) lands in Tayangan, Tayangan (impressions) in Impresi, and the report's YouTube views are their sum", () => {
    const sb = setup();
    const rel = 'youtube-id/Data tabel.csv';
    roundTrip(sb, rel, { period: '2024-10' });
    const csv = readFileSync(path.join(FIX, rel), 'utf8').trim().split('\n').map((l) => l.split(','));
    const head = csv[0];
    const data = csv.slice(1).filter((r) => r[0] !== 'Total');
    const sum = (name: string) => data.reduce((n, r) => n + Number(r[head.indexOf(name)]), 0);
    const v = sheetView(sb, 'Insight');
    const col = (h: string) => v.headers.indexOf(h);
    const rows = v.rows.filter((r) => r[col('Platform')] === 'YouTube');
    expect(rows.length).toBe(data.length);
    const total = (h: string) => rows.reduce((n, r) => n + Number(String(r[col(h)]).replace(/\./g, '')), 0);
    expect(total('Tayangan')).toBe(sum('Penayangan'));
    expect(total('Impresi')).toBe(sum('Tayangan'));
    expect(total('Tayangan')).toBeLessThan(total('Impresi'));

    // The report of the month says the same: its YouTube "Tayangan" is the sum of the views.
    const r = sb.run('apiBuildReport', { kind: 'scriptRun', user: KABAG, args: [{ period: '2024-10' }] });
    const built = r.value as { ok: boolean; value: { docUrl: string } };
    expect(built.ok).toBe(true);
    const id = /\/d\/([\w-]+)/.exec(built.value.docUrl)?.[1] ?? '';
    const text = renderDocumentText(sb.state, id);
    // The insights table: Platform, Jangkauan, Tayangan, Impresi, Interaksi, ...
    const header = text.split('\n').find((l) => l.startsWith('Platform\tJangkauan\t')) ?? '';
    expect(header.split('\t').slice(0, 4)).toEqual(['Platform', 'Jangkauan', 'Tayangan', 'Impresi']);
    const youtube = text.split('\n').filter((l) => l.startsWith('YouTube\t')).map((l) => l.split('\t')).find((c) => c.length === header.split('\t').length) ?? [];
    expect(youtube[2]).toBe(sum('Penayangan').toLocaleString('id-ID'));
    expect(youtube[3]).toBe(sum('Tayangan').toLocaleString('id-ID'));
  });
});

describe('the export carries the post text', () => {
  test('a Meta Facebook posts export stores each post title in Judul, so an unmatched top post is not "—"', () => {
    const sb = setup();
    roundTrip(sb, 'meta/Sep-01-2025_Sep-30-2025_104857362718495.csv');
    const v = sheetView(sb, 'Insight');
    const titles = v.rows.filter((r) => r[v.headers.indexOf('Platform')] === 'Facebook').map((r) => String(r[v.headers.indexOf('Judul')]));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => t.trim().length > 0)).toBe(true);
  });
});
