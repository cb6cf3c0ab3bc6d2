/**
 * The report's numbers (SOP step 6, "Laporan Media Sosial"): computed by a pure function from
 * plain rows. The SLA measures come from core/sla.ts.
 */
import { ApprovalRequest, itemOutcome } from '../approval';
import { workingMinutesBetween } from '../calendar';
import { Lang } from '../i18n';
import { normalizeUrl } from '../insights/parse';
import { parsePeriod, previousPeriod, StepNo, STEPS } from '../sop';
import { parsePlatform, parsePlatformList, Platform, PLATFORMS } from '../platforms';
import { stepInstances } from '../sla';
import { ConceptInput, DesignInput, InsightTabRow, ReportInput, holdsNewFollowers } from './input';

// Model

export interface PlatformMetrics {
  platform: Platform;
  /** Post rows of the month (imported or typed with a link). */
  posts: number;
  reach: number | null;
  /** Tayangan: views (YouTube "Penayangan", Meta and TikTok "Views"). */
  views: number | null;
  /** Impresi: impressions (YouTube "Tayangan", X "Impressions"). */
  impressions: number | null;
  engagement: number | null;
  /** engagement / reach, else engagement / impressions, else engagement / views. */
  engagementRate: number | null;
  /** Latest total follower count known in the month. */
  followersTotal: number | null;
  /** New followers in the month (from "follows" series or columns). */
  followersGained: number | null;
}

export interface PlatformInsight {
  platform: Platform;
  now: PlatformMetrics;
  prev: PlatformMetrics | null;
  /** Relative change (0.1 = +10%) of each metric, null when either month lacks it or prev is 0. */
  change: { reach: number | null; views: number | null; impressions: number | null; engagement: number | null; followers: number | null };
  /** Change of the engagement rate in percentage points (0.012 = +1.2 points). */
  engagementRatePoints: number | null;
  /** Change of the follower total (absolute), when both months know it. */
  followersDelta: number | null;
}

export interface ContentCounts {
  platform: Platform;
  planned: number;
  approved: number;
  published: number;
}

export interface PublishedPost {
  at: number;
  platform: Platform;
  title: string;
  link: string;
  designId: string;
}

export interface TopPost {
  platform: Platform;
  link: string;
  title: string;
  date: string | null;
  engagement: number;
  reach: number | null;
}

export interface ApprovalStats {
  /** Item decisions (plan items and designs) settled in the month. */
  decided: number;
  approved: number;
  revisions: number;
  /** Items settled in the month on their first version, and of those, approved. */
  firstVersionDecided: number;
  firstVersionApproved: number;
  firstPassRate: number | null;
  /** Approver decisions (levels) completed in the month with their working minutes. */
  decisions: number;
  medianMinutes: number | null;
}

/** One approval round (request) of the month's content, whenever it was decided. */
export interface ApprovalRound {
  requestId: string;
  kind: 'konsep' | 'desain';
  submittedAt: number;
  items: number;
  approved: number;
  revised: number;
  /** Items still without a final outcome. */
  open: number;
  /** When the last item of the round was settled, or null while any is open. */
  settledAt: number | null;
}

export interface StepCompliance {
  step: StepNo;
  standard: number;
  /** Instances measured in the month. */
  measured: number;
  within: number;
  medianMinutes: number | null;
  maxMinutes: number | null;
  /** within / measured, null when nothing was measured. */
  rate: number | null;
}

export interface ReportModel {
  period: string;
  previous: string;
  lang: Lang;
  now: number;
  institution: string;
  unit: string;
  place: string;
  address: string;
  logoId: string;
  /** The report's number (Nomor), from the settings' pattern and its running number in the year. */
  number: string;
  /**
   * Its attachments (Lampiran): the month's records archive PDF when it was printed ("Cetak
   * arsip" in the Log for this period) before the report was built; 0 otherwise.
   */
  attachments: number;
  strategy: Array<{ platform: string; directions: string[] }>;
  content: ContentCounts[];
  contentTotal: { planned: number; approved: number; published: number };
  published: PublishedPost[];
  /** Published posts per day of the month (index 0 = day 1). */
  publishedPerDay: number[];
  insights: PlatformInsight[];
  /** Platforms managed (settings) without any insight row this month. */
  missingInsights: Platform[];
  topPosts: TopPost[];
  /** Decisions taken during the month, on any month's content (the decision month). */
  approvals: ApprovalStats;
  /** The approval history of this month's content, whenever it was decided (the content month). */
  contentApprovals: ApprovalStats;
  rounds: ApprovalRound[];
  /** Compliance of this month's content with the SOP standard times (core/sla.ts stepInstances). */
  compliance: StepCompliance[];
  complianceTotal: { measured: number; within: number; rate: number | null };
  /** Log entries per SOP step in the month. */
  activity: Array<{ step: string; count: number }>;
  signer: { position: string; name: string; nip: string };
  /** The month has not ended when the report is made: the report is interim (SEMENTARA). */
  interim: boolean;
  /** For an interim report, the day of the month it runs to; the previous month is compared over the same days. */
  throughDay: number | null;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const DAY = 86400000;

export function periodBounds(period: string, utcOffsetMinutes = 420): { start: number; end: number; days: number } {
  const [y, m] = period.split('-').map(Number);
  const start = Date.UTC(y, m - 1, 1) - utcOffsetMinutes * 60000;
  const end = Date.UTC(y, m, 1) - utcOffsetMinutes * 60000;
  return { start, end, days: Math.round((end - start) / DAY) };
}

function inPeriod(ms: number | null, b: { start: number; end: number }): ms is number {
  return ms !== null && ms >= b.start && ms < b.end;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function change(now: number | null, prev: number | null): number | null {
  if (now === null || prev === null || prev === 0) return null;
  return (now - prev) / prev;
}

// ---------------------------------------------------------------------------------------------
// Insights

interface Acc {
  /** Account-level (daily series, or a hand-typed monthly row): metric -> date -> value (first wins). */
  daily: Record<'reach' | 'views' | 'impressions' | 'engagement' | 'gained', Map<string, number>>;
  manual: Record<'reach' | 'views' | 'impressions' | 'engagement' | 'gained', number[]>;
  posts: Record<'reach' | 'views' | 'impressions' | 'engagement' | 'gained', number[]>;
  postCount: number;
  total: { value: number; date: string } | null;
}

function newAcc(): Acc {
  const m = () => ({ reach: new Map<string, number>(), views: new Map<string, number>(), impressions: new Map<string, number>(), engagement: new Map<string, number>(), gained: new Map<string, number>() });
  const a = () => ({ reach: [] as number[], views: [] as number[], impressions: [] as number[], engagement: [] as number[], gained: [] as number[] });
  return { daily: m(), manual: a(), posts: a(), postCount: 0, total: null };
}

/**
 * Per-platform metrics of one month from Insight tab rows (with `throughDay`, only rows dated up to
 * that day of the month). The rules of the import's own totals
 * (aggregateByPlatform) apply, extended to rows typed by hand:
 * - a metric comes from the account-level rows (imported daily series, deduplicated by date, plus
 *   hand-typed rows without a post link) when any has it; otherwise it is the sum over post rows;
 *   the two are never added together (that would count the same views twice);
 * - the follower total is the value of the latest-dated row that holds a total (a hand-typed row
 *   without a date counts as the month's last day);
 * - reach is a sum of per-post or per-day reach, not of unique people.
 */
export function platformMetrics(rows: readonly InsightTabRow[], period: string, throughDay: number | null = null): Map<Platform, PlatformMetrics> {
  const accs = new Map<Platform, Acc>();
  const { days } = periodBounds(period);
  const lastDay = `${period}-${String(days).padStart(2, '0')}`;
  const cutoff = throughDay === null ? null : `${period}-${String(Math.min(throughDay, days)).padStart(2, '0')}`;
  for (const r of rows) {
    if (r.period !== period) continue;
    // Like with like: only the dated rows of the same days (an undated monthly total cannot be cut).
    if (cutoff !== null && (r.date === null || r.date > cutoff)) continue;
    const platform = parsePlatform(r.platform);
    if (!platform) continue;
    let acc = accs.get(platform);
    if (!acc) accs.set(platform, (acc = newAcc()));
    const imported = r.key !== '';
    const isDaily = imported && r.key.indexOf('|daily|') >= 0;
    const isPost = imported ? !isDaily : r.link !== '';
    const gained = r.followers !== null && holdsNewFollowers(r.source) ? r.followers : null;
    const total = r.followers !== null && !holdsNewFollowers(r.source) ? r.followers : null;
    const values: Record<'reach' | 'views' | 'impressions' | 'engagement' | 'gained', number | null> = { reach: r.reach, views: r.views, impressions: r.impressions, engagement: r.engagement, gained };
    if (isPost) acc.postCount++;
    for (const k of ['reach', 'views', 'impressions', 'engagement', 'gained'] as const) {
      const v = values[k];
      if (v === null) continue;
      if (isDaily) {
        const d = r.date ?? lastDay;
        if (!acc.daily[k].has(d)) acc.daily[k].set(d, v);
      } else if (isPost) acc.posts[k].push(v);
      else acc.manual[k].push(v);
    }
    if (total !== null) {
      const d = r.date ?? lastDay;
      if (!acc.total || d >= acc.total.date) acc.total = { value: total, date: d };
    }
  }
  const out = new Map<Platform, PlatformMetrics>();
  for (const [platform, acc] of accs) {
    const pick = (k: 'reach' | 'views' | 'impressions' | 'engagement' | 'gained'): number | null => {
      const account = [...acc.daily[k].values(), ...acc.manual[k]];
      if (account.length) return account.reduce((a, b) => a + b, 0);
      if (acc.posts[k].length) return acc.posts[k].reduce((a, b) => a + b, 0);
      return null;
    };
    const reach = pick('reach');
    const views = pick('views');
    const impressions = pick('impressions');
    const engagement = pick('engagement');
    let engagementRate: number | null = null;
    if (engagement !== null) {
      if (reach !== null && reach > 0) engagementRate = engagement / reach;
      else if (impressions !== null && impressions > 0) engagementRate = engagement / impressions;
      else if (views !== null && views > 0) engagementRate = engagement / views;
    }
    out.set(platform, {
      platform,
      posts: acc.postCount,
      reach,
      views,
      impressions,
      engagement,
      engagementRate,
      followersTotal: acc.total ? acc.total.value : null,
      followersGained: pick('gained'),
    });
  }
  return out;
}

function topPosts(rows: readonly InsightTabRow[], period: string, titles: Map<string, string>, limit: number): TopPost[] {
  const posts: TopPost[] = [];
  for (const r of rows) {
    if (r.period !== period || !r.link || r.engagement === null) continue;
    if (r.key && r.key.indexOf('|daily|') >= 0) continue;
    const platform = parsePlatform(r.platform);
    if (!platform) continue;
    // The published post's title when the link matches one; else the title the export carried.
    posts.push({ platform, link: r.link, title: titles.get(normalizeUrl(r.link)) || (r.title ?? ''), date: r.date, engagement: r.engagement, reach: r.reach });
  }
  posts.sort((a, b) => b.engagement - a.engagement || (b.reach ?? 0) - (a.reach ?? 0) || a.link.localeCompare(b.link));
  return posts.slice(0, limit);
}

// ---------------------------------------------------------------------------------------------
// The model

export function buildReportModel(input: ReportInput): ReportModel {
  const { period, settings, calendar: cal } = input;
  const previous = previousPeriod(period);
  const bounds = periodBounds(period, cal.utcOffsetMinutes);
  const minutes = (a: number, b: number) => (b > a ? workingMinutesBetween(cal, a, b) : 0);
  const interim = input.now < bounds.end;
  const throughDay = interim ? Math.max(1, Math.min(bounds.days, Math.floor((input.now - bounds.start) / DAY) + 1)) : null;
  const platformOrder = (p: Platform) => {
    const i = settings.platforms.indexOf(p);
    return i >= 0 ? i : settings.platforms.length + PLATFORMS.indexOf(p);
  };

  // B. Strategy and directions of the month, per platform.
  const strategyMap = new Map<string, string[]>();
  for (const s of input.strategy) {
    if (s.period !== period || !s.directions.trim()) continue;
    const name = parsePlatform(s.platform) ?? (s.platform.trim() || '—');
    const list = strategyMap.get(name) ?? [];
    list.push(s.directions.trim());
    strategyMap.set(name, list);
  }
  const strategy = [...strategyMap.entries()]
    .map(([platform, directions]) => ({ platform, directions }))
    .sort((a, b) => {
      const pa = parsePlatform(a.platform);
      const pb = parsePlatform(b.platform);
      return (pa ? platformOrder(pa) : 99) - (pb ? platformOrder(pb) : 99);
    });

  // B. Content planned, approved, published per platform.
  const counts = new Map<Platform, ContentCounts>();
  const countsOf = (p: Platform) => {
    let c = counts.get(p);
    if (!c) counts.set(p, (c = { platform: p, planned: 0, approved: 0, published: 0 }));
    return c;
  };
  for (const p of settings.platforms) countsOf(p);
  const conceptById = new Map<string, ConceptInput>();
  for (const c of input.concepts) {
    conceptById.set(c.id, c);
    if (c.period !== period) continue;
    for (const p of parsePlatformList(c.platforms).platforms) countsOf(p).planned++;
  }
  const designById = new Map<string, DesignInput>();
  for (const d of input.designs) {
    designById.set(d.id, d);
    const concept = conceptById.get(d.conceptId);
    const p = parsePlatform(d.platform);
    if (!concept || concept.period !== period || !p) continue;
    if (d.status === 'Ditetapkan') countsOf(p).approved++;
  }
  const published: PublishedPost[] = [];
  const titles = new Map<string, string>();
  const perDay: number[] = new Array(bounds.days).fill(0);
  for (const pub of input.publications) {
    const p = parsePlatform(pub.platform);
    if (!p || !inPeriod(pub.at, bounds)) continue;
    countsOf(p).published++;
    const design = designById.get(pub.designId);
    const concept = design ? conceptById.get(design.conceptId) : undefined;
    const title = (design && design.title) || (concept && concept.activity) || '';
    published.push({ at: pub.at, platform: p, title, link: pub.link, designId: pub.designId });
    if (pub.link) titles.set(normalizeUrl(pub.link), title);
    perDay[Math.floor((pub.at - bounds.start) / DAY)]++;
  }
  published.sort((a, b) => a.at - b.at || platformOrder(a.platform) - platformOrder(b.platform));
  const content = [...counts.values()].sort((a, b) => platformOrder(a.platform) - platformOrder(b.platform));
  const contentTotal = content.reduce((t, c) => ({ planned: t.planned + c.planned, approved: t.approved + c.approved, published: t.published + c.published }), { planned: 0, approved: 0, published: 0 });

  // C. Insights per platform, with the change from the previous month.
  const nowM = platformMetrics(input.insights, period);
  const prevM = platformMetrics(input.insights, previous, throughDay);
  const insights: PlatformInsight[] = [...nowM.values()]
    .sort((a, b) => platformOrder(a.platform) - platformOrder(b.platform))
    .map((m) => {
      const prev = prevM.get(m.platform) ?? null;
      const followersNow = m.followersTotal ?? m.followersGained;
      const followersPrev = prev ? (m.followersTotal !== null ? prev.followersTotal : prev.followersGained) : null;
      return {
        platform: m.platform,
        now: m,
        prev,
        change: {
          reach: change(m.reach, prev ? prev.reach : null),
          views: change(m.views, prev ? prev.views : null),
          impressions: change(m.impressions, prev ? prev.impressions : null),
          engagement: change(m.engagement, prev ? prev.engagement : null),
          followers: change(followersNow, followersPrev),
        },
        engagementRatePoints: m.engagementRate !== null && prev && prev.engagementRate !== null ? m.engagementRate - prev.engagementRate : null,
        followersDelta: m.followersTotal !== null && prev && prev.followersTotal !== null ? m.followersTotal - prev.followersTotal : null,
      };
    });
  const missingInsights = settings.platforms.filter((p) => !nowM.has(p));

  // C. Approvals, attributed both ways: decisions taken during the month (on any month's content),
  // and the approval history of this month's content (whenever it was decided).
  const approvals = approvalStats(input.approvals, (at) => inPeriod(at, bounds));
  const ofMonth = input.approvals.filter((req) => req.period === period);
  const contentApprovals = approvalStats(ofMonth, () => true);
  const rounds: ApprovalRound[] = ofMonth
    .map((req) => {
      const outcomes = req.items.map((i) => itemOutcome(req, i.id));
      const open = outcomes.filter((o) => o === null).length;
      return {
        requestId: req.id,
        kind: req.kind,
        submittedAt: req.submittedAt,
        items: req.items.length,
        approved: outcomes.filter((o) => o !== null && o.decision === 'approve').length,
        revised: outcomes.filter((o) => o !== null && o.decision === 'revise').length,
        open,
        settledAt: open ? null : outcomes.reduce((m, o) => Math.max(m, o ? o.final.at : 0), 0),
      };
    })
    .sort((x, y) => x.submittedAt - y.submittedAt || (x.requestId < y.requestId ? -1 : 1));

  // Compliance of this month's content, each step from its real start to its real end (core/sla.ts).
  const strategySaves: Array<{ period: string; at: number }> = [];
  for (const s of input.strategy) if (s.at !== null) strategySaves.push({ period: s.period, at: s.at });
  // Only the owner's own Log lines count as a save (a reported line is an editor's claim, which
  // could move a save earlier); a later save by someone else is still in the Strategi tab's date.
  for (const e of input.log) if (!e.reported && e.step.trim() === '1' && e.action === STRATEGY_SAVED && parsePeriod(e.object)) strategySaves.push({ period: parsePeriod(e.object) as string, at: e.at });
  const instances = stepInstances(
    { strategySaves, requests: input.approvals, concepts: input.concepts, designs: input.designs, publications: input.publications },
    settings.standardMinutes,
    minutes,
    cal.utcOffsetMinutes,
  ).filter((x) => x.contentPeriod === period);
  const compliance: StepCompliance[] = STEPS.map((step) => {
    const mine = instances.filter((x) => x.step === step);
    const values = mine.map((x) => x.minutes);
    const within = mine.filter((x) => !x.late).length;
    return {
      step,
      standard: settings.standardMinutes[step],
      measured: mine.length,
      within,
      medianMinutes: median(values),
      maxMinutes: values.length ? Math.max(...values) : null,
      rate: mine.length ? within / mine.length : null,
    };
  });
  const cm = compliance.reduce((n, c) => n + c.measured, 0);
  const cw = compliance.reduce((n, c) => n + c.within, 0);

  // Activity recorded in the Log, per step.
  const activityMap = new Map<string, number>();
  for (const e of input.log) {
    if (!inPeriod(e.at, bounds)) continue;
    const step = e.step.trim() || '—';
    activityMap.set(step, (activityMap.get(step) ?? 0) + 1);
  }
  const activity = [...activityMap.entries()].map(([step, count]) => ({ step, count })).sort((a, b) => (a.step < b.step ? -1 : a.step > b.step ? 1 : 0));

  const kabag = input.people.find((p) => p.role === 'Kabag');
  return {
    period,
    previous,
    lang: settings.lang,
    now: input.now,
    institution: settings.institution,
    unit: settings.unitName,
    place: settings.reportPlace,
    address: settings.address,
    logoId: settings.logoId,
    number: formatReportNumber(settings.reportNumberPattern, input.reportNumber ?? 0, period),
    attachments: input.log.some((e) => !e.reported && e.action === RECORDS_PRINTED && e.object === period && e.at <= input.now) ? 1 : 0,
    strategy,
    content,
    contentTotal,
    published,
    publishedPerDay: perDay,
    insights,
    missingInsights,
    topPosts: topPosts(input.insights, period, titles, 10),
    approvals,
    contentApprovals,
    rounds,
    compliance,
    complianceTotal: { measured: cm, within: cw, rate: cm ? cw / cm : null },
    activity,
    signer: {
      position: (kabag && kabag.position) || `Kepala ${settings.unitName}`,
      name: kabag ? kabag.name : '',
      nip: kabag ? kabag.nip : '',
    },
    interim,
    throughDay,
  };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** "{nomor}/LAP/HUMAS/{bulan_romawi}/{tahun}" -> "3/LAP/HUMAS/XII/2026" (a running number of 0 leaves "…" to fill by hand). */
export function formatReportNumber(pattern: string, n: number, period: string): string {
  const [y, m] = period.split('-');
  return pattern
    .replace(/\{nomor\}/g, n > 0 ? String(n) : '…')
    .replace(/\{bulan_romawi\}/g, ROMAN[Number(m) - 1] ?? m)
    .replace(/\{bulan\}/g, m)
    .replace(/\{tahun\}/g, y);
}

/** The Log action of a strategy save (server/panel/api.ts writes it; step 1 is measured from it). */
export const STRATEGY_SAVED = 'Simpan strategi';
/** The Log action of a month's records archive (its object is the period): the report's attachment. */
export const RECORDS_PRINTED = 'Cetak arsip';

/**
 * Item outcomes and approver decisions of `requests` that `counts(at)` accepts: items settled,
 * approved, revised, first-pass rate, and the approvers' working minutes.
 */
function approvalStats(requests: readonly ApprovalRequest[], counts: (at: number) => boolean): ApprovalStats {
  const a: ApprovalStats = { decided: 0, approved: 0, revisions: 0, firstVersionDecided: 0, firstVersionApproved: 0, firstPassRate: null, decisions: 0, medianMinutes: null };
  const minutes: number[] = [];
  for (const req of requests) {
    for (const item of req.items) {
      const o = itemOutcome(req, item.id);
      if (!o || !counts(o.final.at)) continue;
      a.decided++;
      if (o.decision === 'approve') a.approved++;
      else a.revisions++;
      if (item.version === 1) {
        a.firstVersionDecided++;
        if (o.decision === 'approve') a.firstVersionApproved++;
      }
    }
    for (const row of req.rows) {
      if (row.status !== 'Selesai' || row.workingMinutes === null || row.decidedAt === null || !counts(row.decidedAt)) continue;
      a.decisions++;
      minutes.push(row.workingMinutes);
    }
  }
  a.firstPassRate = a.firstVersionDecided ? a.firstVersionApproved / a.firstVersionDecided : null;
  a.medianMinutes = median(minutes);
  return a;
}

/**
 * The running number of the report of `period` within its year: its place among the year's
 * reported months in the order they were first built (Laporan rows). A rebuilt month keeps its
 * number; a month reported for the first time gets the next one.
 */
export function reportRunningNumber(built: ReadonlyArray<{ period: string; at: number | null }>, period: string): number {
  const year = period.slice(0, 4);
  const first = new Map<string, number>();
  for (const b of built) {
    if (b.period.slice(0, 4) !== year) continue;
    const at = b.at ?? Number.MAX_SAFE_INTEGER;
    if (!first.has(b.period) || at < (first.get(b.period) as number)) first.set(b.period, at);
  }
  const order = [...first.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p);
  const i = order.indexOf(period);
  return i >= 0 ? i + 1 : order.length + 1;
}
