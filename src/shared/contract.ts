/**
 * The one typed contract between the browser (sidebar, review page) and the server.
 *
 * Every google.script.run target is a member of `ServerApi`; src/main.ts exports each of them (a
 * compile-time check there fails if one is missing or has the wrong type), and the client calls
 * them only through `callServer` (src/client/rpc.ts), so a misspelled name is a compile error.
 *
 * Endpoints take ONE plain-object argument, validate it, and return `Result<T>`: a value, or a
 * typed error with a message in the user's language. They never throw stack traces at the user.
 */
import type { Platform } from '../core/platforms';

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VALIDATION'
  | 'SETUP_NEEDED'
  | 'BUSY'
  | 'QUOTA'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  /** Plain message in the user's language: what is wrong and what to do. */
  message: string;
  /** Field- or row-level problems, shown next to the fields. */
  details?: Array<{ field?: string; row?: number; message: string }>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export type Lang = 'id' | 'en';

export interface Me {
  email: string;
  name: string;
  role: 'Kabag' | 'Kasubbag' | 'PNS' | 'PPNPN' | null;
  lang: Lang;
  /** Known people, for PIC pickers. */
  people: Array<{ email: string; name: string; role: string }>;
  platforms: Platform[];
  /** Link to the workbook. */
  workbookUrl: string;
  /** Today's period (YYYY-MM) and the next one, in WIB. */
  currentPeriod: string;
  nextPeriod: string;
  /**
   * Settings in the Pengaturan tab whose values are nonsense (the default is used instead), one
   * plain sentence each saying which key and what to do. Empty or absent: nothing to show.
   */
  settingsProblems?: string[];
}

/** Approvals (steps 2-5): one item as the panel shows it. Dates are ISO strings or 'YYYY-MM-DD'. */
export interface ApprovalItemInfo {
  id: string;
  version: number;
  status: string;
  /** Concepts. */
  date?: string;
  activity?: string;
  platforms?: string;
  pic?: string;
  picName?: string;
  /** Designs. */
  conceptId?: string;
  platform?: string;
  link?: string;
  title?: string;
  copy?: string;
  copyCheck?: string;
  feedback?: string;
  category?: string;
  description?: string;
  /** Designs: the plan item's title and planned date (YYYY-MM-DD). */
  conceptTitle?: string;
  conceptDate?: string;
  /** Designs: the copy as the feed shows it. */
  preview?: { visible: string; more: boolean };
  /** Designs on Drive: Drive's thumbnail URL. */
  thumbnail?: string;
  /** A resubmission: the previous version's revision note, and what changed since (null: unknown). */
  previousNote?: { text: string; by: string };
  changes?: Array<{ field: string; before: string; after: string }> | null;
}

export interface SubmitApprovalValue {
  /** The first request made (designs of several months make one request per month). */
  requestId: string;
  items: string[];
  /** Every request made: one per month of content. */
  requests: Array<{ requestId: string; period: string; items: string[] }>;
  /** E.g. "no Strategi row for the month" (the submit still went ahead). */
  warnings: string[];
  /** Whom the request mail went to (now). */
  approvers: string[];
  mailsQueued: number;
  message: string;
  /** "Bagikan ke WhatsApp": a wa.me link with a short summary and the workbook link. */
  shareUrl?: string;
  /**
   * Set when nothing was submitted yet: the caller is not the workbook's owner, whose executions
   * alone write the record. The submission passed every check; this page (the owner's web app)
   * makes it. requestId is then '' and requests is empty.
   */
  pageUrl?: string;
}

export interface PendingDecision {
  requestId: string;
  kind: 'konsep' | 'desain';
  period: string;
  policy: 'berurutan' | 'paralel' | 'salah-satu';
  level: number;
  levels: number;
  submittedBy: string;
  submittedByName: string;
  /** The submitter marked it "Mendesak". */
  urgent?: boolean;
  submittedAt: string;
  startedAt: string | null;
  /** Working minutes waited so far, and the SOP standard for the step. */
  waitedMinutes: number;
  standardMinutes: number;
  items: ApprovalItemInfo[];
  /** Items of the request waiting at this level that the caller is the PIC of: another approver of the level decides them (not in `items`). */
  recused?: string[];
  /**
   * Present when the caller is not the workbook's owner: their decisions are recorded by the
   * review page (the owner's web app), opened with this fresh link; the panel shows it instead of
   * its own form.
   */
  reviewUrl?: string;
}

export interface DecideRequest {
  requestId: string;
  decisions: Array<{ itemId: string; decision: 'approve' | 'revise'; feedback?: string }>;
}

export interface DecideValue {
  requestId: string;
  applied: Array<{ itemId: string; decision: 'approve' | 'revise' }>;
  /** Decisions not saved: already decided (by whom, when), not waiting, unknown, or a revision without feedback. */
  rejected: Array<{ itemId: string; reason: 'decided' | 'not-pending' | 'unknown-item' | 'feedback-needed' | 'recused'; by?: string; at?: string; message: string }>;
  finalized: Array<{ itemId: string; outcome: 'approve' | 'revise' }>;
  message: string;
  /** "Bagikan ke WhatsApp": a wa.me link with a short summary and the workbook link. */
  shareUrl?: string;
}

export interface ApprovalOverviewRow {
  requestId: string;
  kind: 'konsep' | 'desain';
  period: string;
  level: number;
  approver: string;
  status: string;
  step: 3 | 5;
  minutes: number | null;
  standardMinutes: number;
  overdue: boolean;
}

/** The panel (sidebar): one plan item of a month as the panel shows it. Dates 'YYYY-MM-DD', times ISO. */
export interface PanelConcept {
  id: string;
  /** After a save: things worth a word that did not stop it (a planned date on a weekend or holiday). */
  warnings?: string[];
  /** Sheet row number (submission problems name rows). */
  row: number;
  period: string;
  date: string;
  activity: string;
  category: string;
  platforms: string[];
  pic: string;
  picName: string;
  description: string;
  status: string;
  feedback: string;
  version: number;
  submittedAt: string | null;
  decidedAt: string | null;
}

export interface PanelDesign {
  id: string;
  row: number;
  conceptId: string;
  platform: string;
  link: string;
  title: string;
  copy: string;
  status: string;
  feedback: string;
  version: number;
  copyCheck: string;
  pic: string;
  submittedAt: string | null;
  decidedAt: string | null;
  /** The recorded post (Publikasi tab), if any. */
  publication: { url: string; at: string | null } | null;
}

export interface PanelStrategy {
  platform: string;
  directions: string;
  by: string;
  at: string | null;
}

/** Links to the step-1 input reports. */
export interface PanelReports {
  analisisMedia: string;
  diseminasiPerkara: string;
  auditKehumasan: string;
  referensi: string;
}

/** Where a plan item stands (the SOP step it waits in) and its clock against the standard time. */
export interface PanelStage {
  conceptId: string;
  /** The step the item is in; null when everything is published. */
  step: 2 | 3 | 4 | 5 | 6 | null;
  since: string | null;
  /** Working minutes in this step so far (null when the clock has not started). */
  minutes: number | null;
  standardMinutes: number | null;
  overdue: boolean;
  done: boolean;
}

export interface PanelMonth {
  period: string;
  concepts: PanelConcept[];
  designs: PanelDesign[];
  strategy: PanelStrategy[];
  reports: PanelReports;
  stages: PanelStage[];
  /** Copy limits from the settings (keys as in the Pengaturan tab: X, Instagram, Instagram.hashtag, ...). */
  copyLimits: Record<string, number>;
  standardMinutes: Record<string, number>;
  now: string;
}

export interface ConceptInput {
  /** Absent for a new item. */
  id?: string;
  period: string;
  date: string;
  activity: string;
  category: string;
  platforms: string[];
  pic: string;
  description: string;
}

export interface DesignInput {
  id?: string;
  conceptId: string;
  platform: string;
  link: string;
  /** YouTube title (other platforms: empty). */
  title: string;
  copy: string;
}

export interface PublicationInput {
  designId: string;
  url: string;
  /** Local WIB time 'YYYY-MM-DDTHH:MM'. */
  publishedAt: string;
}

export interface StrategyInput {
  period: string;
  directions: Array<{ platform: string; text: string }>;
  reports: PanelReports;
}

export interface PanelTask {
  kind: 'concept-draft' | 'concept-revise' | 'design-needed' | 'design-draft' | 'design-revise' | 'publish' | 'decide';
  id: string;
  period: string;
  title: string;
  platform?: string;
  /** The plan item a design task belongs to. */
  conceptId?: string;
  feedback?: string;
  since?: string | null;
  /** The plan item's planned date (YYYY-MM-DD), when the task has one. */
  date?: string;
}

/** Monthly report (step 6): the outcome of a build. */
export interface BuildReportValue {
  period: string;
  /**
   * 'continuing': the build resumes by itself within a minute (time limit). 'queued': asked by
   * someone who is not the workbook's owner; the owner's trigger builds it within 10 minutes.
   */
  status: 'done' | 'continuing' | 'queued';
  docUrl: string;
  pdfUrl: string;
  /** The month had a report: its old Doc and PDF went to the trash. */
  replaced: boolean;
  message: string;
}

/** Insights import: a file as text, or as bytes (0..255 or signed), with its name. */
export interface InsightFileInput {
  fileName: string;
  content?: string;
  bytes?: number[];
}

/** Our fields a column can be mapped to (see src/core/insights/types.ts MappingField). */
export type InsightMapping = Partial<Record<'postId' | 'postUrl' | 'date' | 'title' | 'reach' | 'impressions' | 'views' | 'likes' | 'comments' | 'shares' | 'saves' | 'engagement' | 'followersGained' | 'followersTotal' | 'profileVisits', string>>;

export interface InsightProblem {
  /** 1-based line in the file; 0 for the whole file. */
  line: number;
  reason: string;
}

export interface PreviewInsightsValue {
  format: string | null;
  formatLabel: string;
  platform: Platform | null;
  /** The mapping to confirm: the remembered one for this platform when it fits, else the suggestion. */
  mapping: InsightMapping;
  mappingSource: 'remembered' | 'suggested';
  headers: string[];
  /** First data rows as the file has them (up to 5). */
  rows: string[][];
  /** What the rows become with this mapping (up to 5), and the problems found in the whole file. */
  parsed: Array<{ date: string; link: string; reach: number | null; views: number | null; impressions: number | null; engagement: number | null; followers: number | null }>;
  total: number;
  problems: InsightProblem[];
  encoding?: string;
  /** Fields the mapping can use, with their labels in the user's language. */
  fields: Array<{ field: string; label: string }>;
}

export interface ImportInsightsRequest extends InsightFileInput {
  platform: Platform;
  mapping: InsightMapping;
  /** 'YYYY-MM': the year of dates written without one, and the period of rows without a date. */
  period?: string;
}

export interface ImportInsightsValue {
  added: number;
  duplicates: number;
  skipped: InsightProblem[];
  message: string;
}

/** The kop logo as the upload dialog sends it: the file's name, its type and its bytes in base64. */
export interface UploadLogoRequest {
  name: string;
  mimeType: string;
  base64: string;
}

export interface UploadLogoValue {
  /** The Drive file Siaran stored (now in Pengaturan "logo_kop"). */
  id: string;
  url: string;
  message: string;
}

/** Schedule import (step 2): the Court's schedule for a month, from its calendar, an .ics file or a table. */
export interface ScheduleSourceInput {
  source: 'kalender' | 'ics' | 'tabel';
  /** The month to draft, YYYY-MM. */
  period: string;
  /** A file (ics or tabel) as text or bytes, or a pasted table as `content`. */
  fileName?: string;
  content?: string;
  bytes?: number[];
}

export interface ScheduleRowInfo {
  /** The source event's id (kept in the item's Sumber Jadwal). */
  key: string;
  source: string;
  kindLabel: string;
  date: string;
  time: string;
  activity: string;
  category: string;
  platforms: Platform[];
  formats: string;
  weekend: boolean;
  /** The holiday's name, or ''. */
  holiday: string;
  action: 'baru' | 'perbarui' | 'sama' | 'duplikat' | 'terkunci';
  /** What the import does with the row, in the user's language. */
  actionLabel: string;
  existingId: string;
  /** Proposed for writing; only these may be ticked. */
  include: boolean;
}

export interface PreviewScheduleValue {
  period: string;
  /** The source as the user knows it (calendar name, file name, "tabel tempel"). */
  sourceName: string;
  rows: ScheduleRowInfo[];
  /** Events of other months, left out. */
  outside: number;
  /** Bad input: while any remains, nothing can be imported. */
  problems: InsightProblem[];
  /** Worth knowing, not blocking (a cancelled event, a repeating event read once). */
  notes: InsightProblem[];
  /** The calendar id in Pengaturan ('' when none), so the dialog can offer the calendar. */
  calendarId: string;
}

export interface ImportScheduleRequest extends ScheduleSourceInput {
  /** The keys of the rows the user kept ticked. */
  keys: string[];
}

export interface ImportScheduleValue {
  added: number;
  updated: number;
  /** IDs of the items written (new and updated). */
  ids: string[];
  message: string;
}

/**
 * Server endpoints callable from the browser. Each takes one argument object and returns a Result.
 * Features add their endpoints here.
 */
export interface ServerApi {
  /** Who am I, my role and language, and lookup lists for forms. */
  apiWhoAmI(req: Record<string, never>): Result<Me>;
  /** Step 2: submit the month's Draf/Perlu Revisi plan items (PNS/PPNPN). */
  apiSubmitConcept(req: { period: string; urgent?: boolean }): Result<SubmitApprovalValue>;
  /** Step 4: submit designs by ID (PNS/PPNPN). */
  apiSubmitDesigns(req: { ids: string[]; urgent?: boolean }): Result<SubmitApprovalValue>;
  /** Steps 3 and 5: what waits on me (approvers). */
  apiPendingDecisions(req: Record<string, never>): Result<PendingDecision[]>;
  /** Steps 3 and 5: decide items of a request whose turn is mine. */
  apiDecide(req: DecideRequest): Result<DecideValue>;
  /** The SLA clock per request level (working minutes against the standard). */
  apiApprovalOverview(req: Record<string, never>): Result<ApprovalOverviewRow[]>;
  /** Panel: a month's plan items, designs, strategy and where each item stands. */
  apiPanelMonth(req: { period: string }): Result<PanelMonth>;
  /** Panel, step 2: add or edit a plan item (PNS/PPNPN). */
  apiSaveConcept(req: ConceptInput): Result<PanelConcept>;
  /** Panel, step 4: add or edit the design of a plan item for one platform (PNS/PPNPN). */
  apiSaveDesign(req: DesignInput): Result<PanelDesign>;
  /** Panel, step 6: record the post URL and time of an approved design (PNS/PPNPN). */
  apiRecordPublication(req: PublicationInput): Result<PanelDesign>;
  /** Panel, step 1: the month's strategy and directions per platform (Kabag/Kasubbag). */
  apiSaveStrategy(req: StrategyInput): Result<{ saved: number }>;
  /** Panel: what waits on me, and what came back for revision. */
  apiMyTasks(req: Record<string, never>): Result<PanelTask[]>;
  /** Step 6: build (or rebuild) the monthly report of a period (default: last month). Staff and heads. */
  apiBuildReport(req: { period?: string }): Result<BuildReportValue>;
  /** Step 6: read an analytics export and propose the column mapping (nothing is saved). */
  apiPreviewInsights(req: InsightFileInput & { platform?: Platform }): Result<PreviewInsightsValue>;
  /** Step 6: import an analytics export into the Insight tab with the confirmed mapping. */
  apiImportInsights(req: ImportInsightsRequest): Result<ImportInsightsValue>;
  /** Administration: store the report's kop logo (PNG/JPEG, at most 1 MB, base64). Kabag/Kasubbag. */
  apiUploadLogo(req: UploadLogoRequest): Result<UploadLogoValue>;
  /** Step 2: read the Court's schedule and propose draft plan items for a month (nothing is saved). PNS/PPNPN. */
  apiPreviewSchedule(req: ScheduleSourceInput): Result<PreviewScheduleValue>;
  /** Step 2: write the ticked proposed items as Draf in one batch (a second import updates, never duplicates). PNS/PPNPN. */
  apiImportSchedule(req: ImportScheduleRequest): Result<ImportScheduleValue>;
}

export type EndpointName = keyof ServerApi;
export type RequestOf<K extends EndpointName> = Parameters<ServerApi[K]>[0];
export type ValueOf<K extends EndpointName> = ReturnType<ServerApi[K]> extends Result<infer V> ? V : never;
