/**
 * What the report reads: plain rows of the workbook's tabs, as the server collects them.
 */
import { ApprovalRequest } from '../approval';
import { WorkCalendar } from '../calendar';
import type { LogEntry } from '../log';
import type { Person } from '../people';
import type { Settings } from '../settings';

// Input

export interface StrategyInput {
  period: string;
  platform: string;
  directions: string;
  /** Epoch ms the strategy was written, or null. */
  at: number | null;
}

export interface ConceptInput {
  id: string;
  period: string;
  /** Planned date, epoch ms or null. */
  plannedAt: number | null;
  activity: string;
  /** "Instagram, X" as typed. */
  platforms: string;
  status: string;
  version: number;
  submittedAt: number | null;
  decidedAt: number | null;
}

export interface DesignInput {
  id: string;
  conceptId: string;
  platform: string;
  title: string;
  status: string;
  version: number;
  submittedAt: number | null;
  decidedAt: number | null;
}

export interface PublicationInput {
  designId: string;
  platform: string;
  at: number | null;
  link: string;
}

/** One row of the Insight tab, as stored (imported or typed by hand). */
export interface InsightTabRow {
  period: string;
  platform: string;
  /** 'YYYY-MM-DD' or null. */
  date: string | null;
  link: string;
  /** The post's title or text as the export gave it ('' when typed by hand without one). */
  title?: string;
  reach: number | null;
  /** "Tayangan" (views). */
  views: number | null;
  /** "Impresi" (impressions). */
  impressions: number | null;
  engagement: number | null;
  followers: number | null;
  source: string;
  /** Kunci Impor: '' for rows typed by hand. */
  key: string;
}

export interface ReportInput {
  period: string;
  /** When the report is made (epoch ms): its date line. */
  now: number;
  settings: Settings;
  people: readonly Person[];
  calendar: WorkCalendar;
  strategy: readonly StrategyInput[];
  concepts: readonly ConceptInput[];
  designs: readonly DesignInput[];
  publications: readonly PublicationInput[];
  /** Insight rows of this and the previous month (others are ignored). */
  insights: readonly InsightTabRow[];
  approvals: readonly ApprovalRequest[];
  log: readonly LogEntry[];
  /** The report's running number in its year (see reportRunningNumber); 0 when unknown. */
  reportNumber?: number;
}

// ---------------------------------------------------------------------------------------------
// The followers column: what it holds

/**
 * The Insight tab has one "Pengikut" column. It holds the total number of followers (what people
 * type by hand, and what follower-history exports give), unless the row's Sumber says the number
 * is of NEW followers: imports of "follows" columns write this marker after the file name.
 */
export const NEW_FOLLOWERS_MARK = 'pengikut baru';
export const NEW_FOLLOWERS_MARK_EN = 'new followers';

export function holdsNewFollowers(source: string): boolean {
  const s = source.toLowerCase();
  return s.indexOf(NEW_FOLLOWERS_MARK) >= 0 || s.indexOf(NEW_FOLLOWERS_MARK_EN) >= 0;
}
