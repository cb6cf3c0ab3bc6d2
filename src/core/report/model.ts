/**
 * The report's numbers (SOP step 6, "Laporan Media Sosial"): computed by a pure function from
 * plain rows. The SLA measures come from core/sla.ts.
 */
import { itemOutcome } from '../approval';
import { workingMinutesBetween } from '../calendar';
import { Lang } from '../i18n';
import { normalizeUrl } from '../insights/parse';
import { approvalStep, previousPeriod, StepNo, STEPS } from '../sop';
import { parsePlatform, parsePlatformList, Platform, PLATFORMS } from '../platforms';
import { withinStandard } from '../sla';
import { ConceptInput, DesignInput, InsightTabRow, ReportInput, holdsNewFollowers } from './input';

// Model

export interface PlatformMetrics {
  platform: Platform;
  /** Post rows of the month (imported or typed with a link). */
  posts: number;
  reach: number | null;
  impressions: number | null;
  engagement: number | null;
  /** engagement / reach, else engagement / impressions. */
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
  change: { reach: number | null; impressions: number | null; engagement: number | null; followers: number | null };
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
  approvals: ApprovalStats;
  compliance: StepCompliance[];
  complianceTotal: { measured: number; within: number; rate: number | null };
  /** Log entries per SOP step in the month. */
  activity: Array<{ step: string; count: number }>;
  signer: { position: string; name: string; nip: string };
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
  daily: Record<'reach' | 'impressions' | 'engagement' | 'gained', Map<string, number>>;
  manual: Record<'reach' | 'impressions' | 'engagement' | 'gained', number[]>;
  posts: Record<'reach' | 'impressions' | 'engagement' | 'gained', number[]>;
  postCount: number;
  total: { value: number; date: string } | null;
}

function newAcc(): Acc {
  const m = () => ({ reach: new Map<string, number>(), impressions: new Map<string, number>(), engagement: new Map<string, number>(), gained: new Map<string, number>() });
  const a = () => ({ reach: [] as number[], impressions: [] as number[], engagement: [] as number[], gained: [] as number[] });
  return { daily: m(), manual: a(), posts: a(), postCount: 0, total: null };
}

/**
 * Per-platform metrics of one month from Insight tab rows. The rules of the import's own totals
 * (aggregateByPlatform) apply, extended to rows typed by hand:
 * - a metric comes from the account-level rows (imported daily series, deduplicated by date, plus
 *   hand-typed rows without a post link) when any has it; otherwise it is the sum over post rows;
 *   the two are never added together (that would count the same views twice);
 * - the follower total is the value of the latest-dated row that holds a total (a hand-typed row
 *   without a date counts as the month's last day);
 * - reach is a sum of per-post or per-day reach, not of unique people.
 */
export function platformMetrics(rows: readonly InsightTabRow[], period: string): Map<Platform, PlatformMetrics> {
  const accs = new Map<Platform, Acc>();
  const { days } = periodBounds(period);
  const lastDay = `${period}-${String(days).padStart(2, '0')}`;
  for (const r of rows) {
    if (r.period !== period) continue;
    const platform = parsePlatform(r.platform);
    if (!platform) continue;
    let acc = accs.get(platform);
    if (!acc) accs.set(platform, (acc = newAcc()));
    const imported = r.key !== '';
    const isDaily = imported && r.key.indexOf('|daily|') >= 0;
    const isPost = imported ? !isDaily : r.link !== '';
    const gained = r.followers !== null && holdsNewFollowers(r.source) ? r.followers : null;
    const total = r.followers !== null && !holdsNewFollowers(r.source) ? r.followers : null;
    const values: Record<'reach' | 'impressions' | 'engagement' | 'gained', number | null> = { reach: r.reach, impressions: r.impressions, engagement: r.engagement, gained };
    if (isPost) acc.postCount++;
    for (const k of ['reach', 'impressions', 'engagement', 'gained'] as const) {
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
    const pick = (k: 'reach' | 'impressions' | 'engagement' | 'gained'): number | null => {
      const account = [...acc.daily[k].values(), ...acc.manual[k]];
      if (account.length) return account.reduce((a, b) => a + b, 0);
      if (acc.posts[k].length) return acc.posts[k].reduce((a, b) => a + b, 0);
      return null;
    };
    const reach = pick('reach');
    const impressions = pick('impressions');
    const engagement = pick('engagement');
    let engagementRate: number | null = null;
    if (engagement !== null) {
      if (reach !== null && reach > 0) engagementRate = engagement / reach;
      else if (impressions !== null && impressions > 0) engagementRate = engagement / impressions;
    }
    out.set(platform, {
      platform,
      posts: acc.postCount,
      reach,
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
    posts.push({ platform, link: r.link, title: titles.get(normalizeUrl(r.link)) ?? '', date: r.date, engagement: r.engagement, reach: r.reach });
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
  const prevM = platformMetrics(input.insights, previous);
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
          impressions: change(m.impressions, prev ? prev.impressions : null),
          engagement: change(m.engagement, prev ? prev.engagement : null),
          followers: change(followersNow, followersPrev),
        },
        engagementRatePoints: m.engagementRate !== null && prev && prev.engagementRate !== null ? m.engagementRate - prev.engagementRate : null,
        followersDelta: m.followersTotal !== null && prev && prev.followersTotal !== null ? m.followersTotal - prev.followersTotal : null,
      };
    });
  const missingInsights = settings.platforms.filter((p) => !nowM.has(p));

  // C. Approvals: item outcomes settled in the month, approver decisions and their working minutes.
  const approvals: ApprovalStats = { decided: 0, approved: 0, revisions: 0, firstVersionDecided: 0, firstVersionApproved: 0, firstPassRate: null, decisions: 0, medianMinutes: null };
  const decisionMinutes: number[] = [];
  const stepMinutes: Record<StepNo, number[]> = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] };
  for (const req of input.approvals) {
    for (const item of req.items) {
      const o = itemOutcome(req, item.id);
      if (!o || !inPeriod(o.final.at, bounds)) continue;
      approvals.decided++;
      if (o.decision === 'approve') approvals.approved++;
      else approvals.revisions++;
      if (item.version === 1) {
        approvals.firstVersionDecided++;
        if (o.decision === 'approve') approvals.firstVersionApproved++;
      }
    }
    for (const row of req.rows) {
      if (row.status !== 'Selesai' || row.workingMinutes === null || !inPeriod(row.decidedAt, bounds)) continue;
      approvals.decisions++;
      decisionMinutes.push(row.workingMinutes);
      stepMinutes[approvalStep(req.kind)].push(row.workingMinutes);
    }
    // Step 2: from the month's directions (the latest strategy row for the plan's period written
    // before the submission) to the submission of the plan.
    if (req.kind === 'konsep' && inPeriod(req.submittedAt, bounds)) {
      let start: number | null = null;
      for (const s of input.strategy) {
        if (s.period === req.period && s.at !== null && s.at <= req.submittedAt && (start === null || s.at > start)) start = s.at;
      }
      if (start !== null) stepMinutes[2].push(minutes(start, req.submittedAt));
    }
  }
  approvals.firstPassRate = approvals.firstVersionDecided ? approvals.firstVersionApproved / approvals.firstVersionDecided : null;
  approvals.medianMinutes = median(decisionMinutes);

  // Step 4: from the plan item's approval to the design's submission.
  for (const d of input.designs) {
    if (!inPeriod(d.submittedAt, bounds)) continue;
    const c = conceptById.get(d.conceptId);
    if (c && c.decidedAt !== null && c.decidedAt <= d.submittedAt) stepMinutes[4].push(minutes(c.decidedAt, d.submittedAt));
  }
  // Step 6: from the design's approval to its publication.
  for (const pub of input.publications) {
    if (!inPeriod(pub.at, bounds)) continue;
    const d = designById.get(pub.designId);
    if (d && d.decidedAt !== null && d.decidedAt <= pub.at) stepMinutes[6].push(minutes(d.decidedAt, pub.at));
  }
  const compliance: StepCompliance[] = STEPS.map((step) => {
    const values = stepMinutes[step];
    const standard = settings.standardMinutes[step];
    const within = values.filter((v) => withinStandard(v, standard)).length;
    return {
      step,
      standard,
      measured: values.length,
      within,
      medianMinutes: median(values),
      maxMinutes: values.length ? Math.max(...values) : null,
      rate: values.length ? within / values.length : null,
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
    strategy,
    content,
    contentTotal,
    published,
    publishedPerDay: perDay,
    insights,
    missingInsights,
    topPosts: topPosts(input.insights, period, titles, 10),
    approvals,
    compliance,
    complianceTotal: { measured: cm, within: cw, rate: cm ? cw / cm : null },
    activity,
    signer: {
      position: (kabag && kabag.position) || `Kepala ${settings.unitName}`,
      name: kabag ? kabag.name : '',
      nip: kabag ? kabag.nip : '',
    },
  };
}
