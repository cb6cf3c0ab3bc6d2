/**
 * Approval routing for SOP steps 2→3 (the month's concept) and 4→5 (designs). Pure rules, no Apps
 * Script: validating a month's concept rows, routing a request to approvers by policy, applying
 * decisions (exactly one decision per item and level), reminder and escalation selection, and the
 * content of the mails (subject, plain text and HTML; all user text escaped).
 *
 * The Persetujuan tab holds one row per request, level and approver. Its "Keputusan" cell is JSON:
 *
 *   {"nonce":"<link nonce>","items":{"K-0001":{"decision":"approve","by":"a@x.go.id","at":"2026-03-02T02:00:00.000Z","via":"tautan"},
 *                                    "K-0002":{"decision":"revise","by":"a@x.go.id","at":"…","via":"panel","feedback":"…"}}}
 *
 * - nonce: the link nonce of this row's current approval link; a link whose nonce differs was
 *   replaced (re-issued) and is refused.
 * - items: the decisions THIS approver made at this level, by item id. A decision at a level by one
 *   approver settles that item for the whole level (other approvers of the same level see "already
 *   decided by X at T"). Feedback is the revision text as typed (stored escaped nowhere: it is
 *   escaped when shown).
 *
 * Row statuses: "Belum Giliran" (a later level of the sequential policy, not yet its turn),
 * "Menunggu" (waiting for this approver), "Selesai" (the level has decided everything it had to),
 * "Dibatalkan" (nothing left for this row: another approver of the level decided, or every item
 * was sent back before the level's turn came).
 */
import { escapeHtml, formatDate, formatDateTime, formatMinutes, formatPeriod, Lang, defineMessages, tr, statusLabel } from './i18n';
import { findPerson, isEmail, Person } from './people';
import { ApprovalPolicy, ItemKind, Role } from './sop';
import { parsePlatformList, Platform } from './platforms';

// ---------------------------------------------------------------------------------------------
// Types

export type Decision = 'approve' | 'revise';
export type RowStatus = 'Belum Giliran' | 'Menunggu' | 'Selesai' | 'Dibatalkan';
export const ROW_STATUSES: readonly RowStatus[] = ['Belum Giliran', 'Menunggu', 'Selesai', 'Dibatalkan'];
export type DecisionVia = 'tautan' | 'panel';

export interface ItemDecision {
  decision: Decision;
  by: string;
  /** Epoch ms. */
  at: number;
  via: DecisionVia;
  feedback?: string;
}

export interface ApprovalRow {
  requestId: string;
  level: number;
  approver: string;
  status: RowStatus;
  /** When this row's turn started (epoch ms), null while "Belum Giliran". */
  startedAt: number | null;
  decidedAt: number | null;
  nonce: string;
  decisions: Record<string, ItemDecision>;
  workingMinutes: number | null;
  lastReminder: number | null;
  /** Set while an action that wrote this request has not finished its other writes (see Journal). */
  journal?: Journal;
}

/**
 * The journal marker of an action in progress. Apps Script has no transaction across tabs, so an
 * approval action writes the Persetujuan rows FIRST (one setValues, with this marker in every row
 * of the request), then the items, then the Log, then sends its mail, and finally rewrites the
 * Keputusan cells without the marker. An execution cut anywhere in between leaves the marker; the
 * next approval action (or the hourly trigger) finishes the work from the journal (roll forward):
 * see journalEffects and src/server/approvals/journal.ts.
 */
export interface Journal {
  /** 'ajukan': the request was just submitted; 'putuskan': decisions were just recorded. */
  act: 'ajukan' | 'putuskan';
  /** The action's clock (epoch ms): decisions, starts and ends it recorded carry this time. */
  at: number;
  /** Who the Log names for the action. */
  user: string;
  /** For 'putuskan': the approver, level and channel of the decisions. */
  approver?: string;
  level?: number;
  via?: DecisionVia;
}

export interface RequestItemRef {
  id: string;
  version: number;
}

export interface ApprovalRequest {
  id: string;
  kind: ItemKind;
  period: string;
  policy: ApprovalPolicy;
  items: RequestItemRef[];
  submittedBy: string;
  submittedAt: number;
  rows: ApprovalRow[];
}

/** Maximum length of a feedback text (longer text is cut). */
export const MAX_FEEDBACK = 2000;

// ---------------------------------------------------------------------------------------------
// Keputusan and Objek cells

export function formatKeputusan(row: Pick<ApprovalRow, 'nonce' | 'decisions' | 'journal'>): string {
  const items: Record<string, Record<string, string>> = {};
  for (const id of Object.keys(row.decisions).sort()) {
    const d = row.decisions[id];
    const o: Record<string, string> = { decision: d.decision, by: d.by, at: new Date(d.at).toISOString(), via: d.via };
    if (d.feedback) o.feedback = d.feedback;
    items[id] = o;
  }
  if (!row.journal) return JSON.stringify({ nonce: row.nonce, items });
  const j = row.journal;
  const jurnal: Record<string, string | number> = { act: j.act, at: new Date(j.at).toISOString(), user: j.user };
  if (j.approver) jurnal.approver = j.approver;
  if (j.level !== undefined) jurnal.level = j.level;
  if (j.via) jurnal.via = j.via;
  return JSON.stringify({ nonce: row.nonce, items, jurnal });
}

function parseJournal(v: unknown): Journal | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (o.act !== 'ajukan' && o.act !== 'putuskan') return undefined;
  const at = typeof o.at === 'string' ? Date.parse(o.at) : NaN;
  if (!Number.isFinite(at) || typeof o.user !== 'string') return undefined;
  const j: Journal = { act: o.act, at, user: o.user };
  if (typeof o.approver === 'string') j.approver = o.approver;
  if (typeof o.level === 'number') j.level = o.level;
  if (o.via === 'tautan' || o.via === 'panel') j.via = o.via;
  return j;
}

/** Reads a Keputusan cell; a broken cell gives no nonce and no decisions (and so refuses links). */
export function parseKeputusan(text: string): { nonce: string; decisions: Record<string, ItemDecision>; journal?: Journal } {
  const out: { nonce: string; decisions: Record<string, ItemDecision>; journal?: Journal } = { nonce: '', decisions: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(String(text || '').replace(/^'/, ''));
  } catch {
    return out;
  }
  if (typeof raw !== 'object' || raw === null) return out;
  const o = raw as Record<string, unknown>;
  if (typeof o.nonce === 'string') out.nonce = o.nonce;
  const journal = parseJournal(o.jurnal);
  if (journal) out.journal = journal;
  const items = o.items;
  if (typeof items === 'object' && items !== null) {
    for (const [id, v] of Object.entries(items as Record<string, unknown>)) {
      if (typeof v !== 'object' || v === null) continue;
      const d = v as Record<string, unknown>;
      if (d.decision !== 'approve' && d.decision !== 'revise') continue;
      const at = typeof d.at === 'string' ? Date.parse(d.at) : typeof d.at === 'number' ? d.at : NaN;
      out.decisions[id] = {
        decision: d.decision,
        by: typeof d.by === 'string' ? d.by : '',
        at: Number.isFinite(at) ? at : 0,
        via: d.via === 'panel' ? 'panel' : 'tautan',
        ...(typeof d.feedback === 'string' && d.feedback ? { feedback: d.feedback } : {}),
      };
    }
  }
  return out;
}

/** "K-0001 v1, K-0002 v2". */
export function formatObjek(items: readonly RequestItemRef[]): string {
  return items.map((i) => `${i.id} v${i.version}`).join(', ');
}

export function parseObjek(text: string): RequestItemRef[] {
  const out: RequestItemRef[] = [];
  for (const part of String(text || '').split(',')) {
    const m = /^\s*([A-Za-z]+-\d+)(?:\s+v(\d+))?\s*$/.exec(part);
    if (m) out.push({ id: m[1], version: m[2] ? Number(m[2]) : 1 });
  }
  return out;
}

export function parseRowStatus(value: string): RowStatus | null {
  const v = value.trim();
  return (ROW_STATUSES as readonly string[]).indexOf(v) >= 0 ? (v as RowStatus) : null;
}

// ---------------------------------------------------------------------------------------------
// Validating a month's concept rows (step 2)

export interface ConceptRowInput {
  /** Sheet row number. */
  row: number;
  id: string;
  /** The Rencana Tayang cell as read (Date, 'YYYY-MM-DD', ...), already converted to 'YYYY-MM-DD' or null. */
  date: string | null;
  /** The cell text, for messages. */
  dateText: string;
  activity: string;
  platforms: string;
  pic: string;
}

export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

export const VALIDATION_MESSAGES = defineMessages({
  date: {
    id: 'Rencana Tayang "{value}" tidak berada di {period}. Isi tanggal di bulan itu (misalnya {example}).',
    en: 'Planned Date "{value}" is not in {period}. Enter a date in that month (e.g. {example}).',
  },
  dateMissing: { id: 'Rencana Tayang kosong atau bukan tanggal. Isi tanggal di {period} (misalnya {example}).', en: 'Planned Date is empty or not a date. Enter a date in {period} (e.g. {example}).' },
  activity: { id: 'Kegiatan/Informasi kosong. Tulis kegiatan atau informasi yang akan didiseminasikan.', en: 'Activity/Information is empty. Describe the activity or information to publish.' },
  platformNone: { id: 'Platform kosong. Isi satu atau lebih platform dipisah koma: {list}.', en: 'Platforms is empty. Enter one or more platforms separated by commas: {list}.' },
  platformUnknown: { id: 'Platform "{value}" tidak dikenal. Gunakan: {list}.', en: 'Platform "{value}" is unknown. Use: {list}.' },
  picEmail: { id: 'PIC "{value}" bukan alamat email. Pilih email anggota tim dari tab Pengguna.', en: 'Owner "{value}" is not an email address. Pick a team member\'s email from the People tab.' },
  picUnknown: { id: 'PIC {value} tidak ada di tab Pengguna. Tambahkan orangnya di tab Pengguna atau pilih PIC lain.', en: 'Owner {value} is not in the People tab. Add them to the People tab or pick another owner.' },
});

/** Every problem of every row at once (row number, column, what to do). */
export function validateConceptRows(rows: readonly ConceptRowInput[], period: string, people: readonly Person[], allowed: readonly Platform[], lang: Lang): RowProblem[] {
  const out: RowProblem[] = [];
  const list = allowed.join(', ');
  const example = formatDate(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1, 15) - 420 * 60000, lang);
  const periodName = formatPeriod(period, lang);
  for (const r of rows) {
    if (!r.date) out.push({ row: r.row, field: 'Rencana Tayang', message: tr(lang, VALIDATION_MESSAGES.dateMissing, { period: periodName, example }) });
    else if (r.date.slice(0, 7) !== period) out.push({ row: r.row, field: 'Rencana Tayang', message: tr(lang, VALIDATION_MESSAGES.date, { value: r.dateText || r.date, period: periodName, example }) });
    if (!r.activity.trim()) out.push({ row: r.row, field: 'Kegiatan/Informasi', message: tr(lang, VALIDATION_MESSAGES.activity) });
    const { platforms, unknown } = parsePlatformList(r.platforms);
    const notAllowed = platforms.filter((p) => allowed.indexOf(p) < 0);
    if (!platforms.length && !unknown.length) out.push({ row: r.row, field: 'Platform', message: tr(lang, VALIDATION_MESSAGES.platformNone, { list }) });
    for (const u of unknown.concat(notAllowed)) out.push({ row: r.row, field: 'Platform', message: tr(lang, VALIDATION_MESSAGES.platformUnknown, { value: u, list }) });
    const pic = r.pic.trim();
    if (!isEmail(pic)) out.push({ row: r.row, field: 'PIC', message: tr(lang, VALIDATION_MESSAGES.picEmail, { value: pic }) });
    else if (!findPerson(people, pic)) out.push({ row: r.row, field: 'PIC', message: tr(lang, VALIDATION_MESSAGES.picUnknown, { value: pic }) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Routing by policy

export interface Level {
  level: number;
  approvers: Person[];
}

export type Routing = { ok: true; levels: Level[] } | { ok: false; missing: Role[] };

/**
 * Levels and approvers for a policy. berurutan: level 1 Kasubbag, level 2 Kabag (in turn).
 * paralel: level 1 Kasubbag and level 2 Kabag at once, both must approve. salah-satu: one level
 * holding every Kasubbag and Kabag; the first decision settles an item.
 */
export function routeApprovers(policy: ApprovalPolicy, people: readonly Person[]): Routing {
  const withRole = (role: Role) => people.filter((p) => p.role === role && isEmail(p.email));
  const kasubbag = withRole('Kasubbag');
  const kabag = withRole('Kabag');
  if (policy === 'salah-satu') {
    const all = kasubbag.concat(kabag);
    return all.length ? { ok: true, levels: [{ level: 1, approvers: all }] } : { ok: false, missing: ['Kasubbag', 'Kabag'] };
  }
  const missing: Role[] = [];
  if (!kasubbag.length) missing.push('Kasubbag');
  if (!kabag.length) missing.push('Kabag');
  if (missing.length) return { ok: false, missing };
  return { ok: true, levels: [{ level: 1, approvers: kasubbag }, { level: 2, approvers: kabag }] };
}

export interface NewRequest {
  id: string;
  kind: ItemKind;
  period: string;
  policy: ApprovalPolicy;
  items: RequestItemRef[];
  submittedBy: string;
  now: number;
  levels: Level[];
  newNonce: () => string;
}

export function buildRequest(n: NewRequest): ApprovalRequest {
  const rows: ApprovalRow[] = [];
  const seen = new Set<string>();
  for (const lv of n.levels) {
    const waits = n.policy === 'berurutan' && lv.level > 1;
    for (const p of lv.approvers) {
      const key = `${lv.level}|${p.email.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({
        requestId: n.id,
        level: lv.level,
        approver: p.email,
        status: waits ? 'Belum Giliran' : 'Menunggu',
        startedAt: waits ? null : n.now,
        decidedAt: null,
        nonce: n.newNonce(),
        decisions: {},
        workingMinutes: null,
        lastReminder: null,
      });
    }
  }
  return { id: n.id, kind: n.kind, period: n.period, policy: n.policy, items: n.items.map((i) => ({ ...i })), submittedBy: n.submittedBy, submittedAt: n.now, rows };
}

// ---------------------------------------------------------------------------------------------
// Decisions

export function levelsOf(req: ApprovalRequest): number[] {
  const s: number[] = [];
  for (const r of req.rows) if (s.indexOf(r.level) < 0) s.push(r.level);
  return s.sort((a, b) => a - b);
}

/** The decision on an item at a level, by whichever approver of the level made it. */
export function levelDecision(req: ApprovalRequest, level: number, itemId: string): ItemDecision | null {
  let best: ItemDecision | null = null;
  for (const r of req.rows) {
    if (r.level !== level) continue;
    const d = r.decisions[itemId];
    if (d && (!best || d.at < best.at)) best = d;
  }
  return best;
}

export interface Outcome {
  decision: Decision;
  /** The decision that settled it (the revising one, or the last approval). */
  final: ItemDecision;
}

/** The item's final outcome under the request's policy, or null while it is still open. */
export function itemOutcome(req: ApprovalRequest, itemId: string): Outcome | null {
  const levels = levelsOf(req);
  if (req.policy === 'salah-satu') {
    const d = levelDecision(req, levels[0], itemId);
    return d ? { decision: d.decision, final: d } : null;
  }
  if (req.policy === 'berurutan') {
    let last: ItemDecision | null = null;
    for (const lv of levels) {
      const d = levelDecision(req, lv, itemId);
      if (!d) return null;
      if (d.decision === 'revise') return { decision: 'revise', final: d };
      last = d;
    }
    return last ? { decision: 'approve', final: last } : null;
  }
  // paralel: any revision settles it; otherwise every level must approve.
  let last: ItemDecision | null = null;
  let open = false;
  let revise: ItemDecision | null = null;
  for (const lv of levels) {
    const d = levelDecision(req, lv, itemId);
    if (!d) open = true;
    else if (d.decision === 'revise') {
      if (!revise || d.at < revise.at) revise = d;
    } else if (!last || d.at > last.at) last = d;
  }
  if (revise) return { decision: 'revise', final: revise };
  if (open || !last) return null;
  return { decision: 'approve', final: last };
}

/** Items a level still has to decide (whether or not its turn has come). */
export function pendingAtLevel(req: ApprovalRequest, level: number): string[] {
  const levels = levelsOf(req);
  return req.items
    .map((i) => i.id)
    .filter((id) => {
      if (levelDecision(req, level, id)) return false;
      if (itemOutcome(req, id)) return false;
      if (req.policy === 'berurutan') {
        for (const lv of levels) {
          if (lv >= level) break;
          const d = levelDecision(req, lv, id);
          if (!d || d.decision !== 'approve') return false;
        }
      }
      return true;
    });
}

/** Items waiting for this row's approver now (empty unless the row is Menunggu). */
export function pendingForRow(req: ApprovalRequest, row: ApprovalRow): string[] {
  return row.status === 'Menunggu' ? pendingAtLevel(req, row.level) : [];
}

export interface DecisionInput {
  itemId: string;
  decision: Decision;
  feedback?: string;
}

export type RejectReason = 'decided' | 'not-pending' | 'unknown-item' | 'feedback-needed';

export interface ApplyResult {
  request: ApprovalRequest;
  applied: Array<DecisionInput & { feedback?: string }>;
  rejected: Array<{ itemId: string; reason: RejectReason; by?: string; at?: number; decision?: Decision }>;
  /** Items whose outcome became final in this action. */
  finalized: Array<{ itemId: string; outcome: Decision; feedback: string; by: string; at: number }>;
  /** Rows whose turn started in this action (they need their mail). */
  started: ApprovalRow[];
  /** Levels that finished in this action. */
  completedLevels: number[];
}

export function cloneRequest(req: ApprovalRequest): ApprovalRequest {
  return {
    ...req,
    items: req.items.map((i) => ({ ...i })),
    rows: req.rows.map((r) => ({ ...r, decisions: { ...r.decisions } })),
  };
}

export function cleanFeedback(text: unknown): string {
  return String(text ?? '')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim()
    .slice(0, MAX_FEEDBACK);
}

/**
 * Applies one approver's decisions at one level. Decisions on items the level already decided,
 * items not (or no longer) waiting, unknown items and revisions without feedback are rejected and
 * change nothing; the rest are recorded. Then statuses settle: levels with nothing left finish
 * (minutes recorded with `minutesBetween`), the next level of the sequential policy starts, rows
 * with nothing left close. Never mutates `req`.
 */
export function applyDecisions(
  req: ApprovalRequest,
  input: { level: number; approver: string; decisions: readonly DecisionInput[]; now: number; via: DecisionVia },
  minutesBetween: (start: number, end: number) => number,
): ApplyResult {
  const out = cloneRequest(req);
  const result: ApplyResult = { request: out, applied: [], rejected: [], finalized: [], started: [], completedLevels: [] };
  const row = out.rows.find((r) => r.level === input.level && r.approver.toLowerCase() === input.approver.toLowerCase());
  const before = new Map(out.items.map((i) => [i.id, itemOutcome(out, i.id)]));
  const seen = new Set<string>();
  // Computed once: a decision changes only its own item, and each item is decided once per call.
  const known = new Set(out.items.map((i) => i.id));
  const pending = new Set(row ? pendingForRow(out, row) : []);
  for (const d of input.decisions) {
    if (seen.has(d.itemId)) continue;
    seen.add(d.itemId);
    if (!known.has(d.itemId)) {
      result.rejected.push({ itemId: d.itemId, reason: 'unknown-item' });
      continue;
    }
    const existing = levelDecision(out, input.level, d.itemId);
    if (existing) {
      result.rejected.push({ itemId: d.itemId, reason: 'decided', by: existing.by, at: existing.at, decision: existing.decision });
      continue;
    }
    if (!row || row.status !== 'Menunggu' || !pending.has(d.itemId)) {
      const o = itemOutcome(out, d.itemId);
      result.rejected.push(o ? { itemId: d.itemId, reason: 'decided', by: o.final.by, at: o.final.at, decision: o.decision } : { itemId: d.itemId, reason: 'not-pending' });
      continue;
    }
    const feedback = cleanFeedback(d.feedback);
    if (d.decision === 'revise' && !feedback) {
      result.rejected.push({ itemId: d.itemId, reason: 'feedback-needed' });
      continue;
    }
    const rec: ItemDecision = { decision: d.decision, by: row.approver, at: input.now, via: input.via };
    if (feedback) rec.feedback = feedback;
    row.decisions[d.itemId] = rec;
    result.applied.push({ itemId: d.itemId, decision: d.decision, ...(feedback ? { feedback } : {}) });
  }
  settle(out, input.now, minutesBetween, result);
  for (const i of out.items) {
    const o = itemOutcome(out, i.id);
    if (o && !before.get(i.id)) {
      result.finalized.push({ itemId: i.id, outcome: o.decision, feedback: o.decision === 'revise' ? (o.final.feedback ?? '') : '', by: o.final.by, at: o.final.at });
    }
  }
  return result;
}

/** Brings row statuses in line with the decisions (idempotent). */
export function settle(req: ApprovalRequest, now: number, minutesBetween: (start: number, end: number) => number, result?: ApplyResult): void {
  const levels = levelsOf(req);
  for (let k = 0; k < levels.length; k++) {
    const lv = levels[k];
    const rows = req.rows.filter((r) => r.level === lv);
    const pending = pendingAtLevel(req, lv);
    const active = rows.some((r) => r.status === 'Menunggu');
    if (active && pending.length === 0) {
      for (const r of rows) {
        if (r.status !== 'Menunggu') continue;
        r.status = Object.keys(r.decisions).length ? 'Selesai' : 'Dibatalkan';
        r.decidedAt = now;
        if (r.startedAt !== null) r.workingMinutes = Math.max(0, Math.round(minutesBetween(r.startedAt, now)));
      }
      if (result && result.completedLevels.indexOf(lv) < 0) result.completedLevels.push(lv);
    }
    const waiting = rows.filter((r) => r.status === 'Belum Giliran');
    if (!waiting.length) continue;
    const earlierOpen = req.rows.some((r) => r.level < lv && (r.status === 'Menunggu' || r.status === 'Belum Giliran'));
    if (earlierOpen) continue;
    if (pending.length) {
      for (const r of waiting) {
        r.status = 'Menunggu';
        r.startedAt = now;
        if (result) result.started.push(r);
      }
    } else {
      for (const r of waiting) {
        r.status = 'Dibatalkan';
        r.decidedAt = now;
      }
    }
  }
}

/** True when every item has its final outcome. */
export function requestDone(req: ApprovalRequest): boolean {
  return req.items.every((i) => itemOutcome(req, i.id) !== null);
}

/** Groups flat Persetujuan rows into requests (rows keep their order within a request). */
export function groupRequests<T extends { requestId: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.requestId);
    if (list) list.push(r);
    else m.set(r.requestId, [r]);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// The journal: finishing an action that was cut mid-way (roll forward)

/** The request with `journal` on every row (null: without it). Never mutates `req`. */
export function withJournal<T extends ApprovalRequest>(req: T, journal: Journal | null): T {
  return { ...req, rows: req.rows.map((r) => {
    const { journal: _old, ...rest } = r;
    return journal ? { ...rest, journal: { ...journal } } : rest;
  }) };
}

/** The unfinished action recorded in a request, if any. */
export function journalOf(req: ApprovalRequest): Journal | null {
  for (const r of req.rows) if (r.journal) return r.journal;
  return null;
}

export interface JournalEffects {
  /** Decisions the action recorded, in the request's item order. */
  applied: Array<{ itemId: string; decision: Decision; feedback?: string }>;
  /** Items whose outcome the action made final. */
  finalized: Array<{ itemId: string; outcome: Decision; feedback: string; by: string; at: number }>;
  /** Rows whose turn the action started. */
  started: ApprovalRow[];
  /** Levels the action finished. */
  completedLevels: number[];
}

/**
 * What a 'putuskan' action did, read back from the request it wrote: every decision, start and
 * end it recorded carries its clock (`journal.at`). The same facts applyDecisions returned.
 */
export function journalEffects(req: ApprovalRequest, j: Journal): JournalEffects {
  const out: JournalEffects = { applied: [], finalized: [], started: [], completedLevels: [] };
  const row = req.rows.find((r) => r.level === j.level && r.approver.toLowerCase() === String(j.approver ?? '').toLowerCase());
  for (const i of req.items) {
    const d = row?.decisions[i.id];
    if (d && d.at === j.at) out.applied.push({ itemId: i.id, decision: d.decision, ...(d.feedback ? { feedback: d.feedback } : {}) });
    const o = itemOutcome(req, i.id);
    if (o && o.final.at === j.at) out.finalized.push({ itemId: i.id, outcome: o.decision, feedback: o.decision === 'revise' ? (o.final.feedback ?? '') : '', by: o.final.by, at: o.final.at });
  }
  // Times read back from date cells: allow for a cell that keeps whole seconds only.
  const same = (t: number | null) => t !== null && Math.abs(t - j.at) < 1000;
  for (const r of req.rows) {
    if (same(r.startedAt) && r.level > 1 && j.act === 'putuskan') out.started.push(r);
    if (same(r.decidedAt) && r.startedAt !== null && out.completedLevels.indexOf(r.level) < 0) out.completedLevels.push(r.level);
  }
  out.completedLevels.sort((a, b) => a - b);
  return out;
}

/** An item as the repair sees it (its row in Konsep Konten or Desain Konten). */
export interface ItemState {
  id: string;
  version: number;
  status: string;
  feedback: string;
}

export type ItemRepair =
  | { kind: 'forward'; itemId: string; requestId: string; version: number; outcome: Decision; feedback: string; at: number; by: string }
  | { kind: 'revert'; itemId: string; version: number; to: 'Draf' | 'Perlu Revisi' };

/**
 * Items left half-done by an execution cut before the journal existed (or by a hand edit), judged
 * from the requests alone. An item marked Diajukan
 *  - whose version a request has decided, gets that outcome (roll forward);
 *  - that no request holds at its version (none open, none decided), goes back to its previous
 *    status: Perlu Revisi when it has a revision note (the submission had raised its version),
 *    otherwise Draf.
 * Requests with an unfinished journal are left to the journal repair.
 */
export function planItemRepairs(requests: readonly ApprovalRequest[], items: readonly ItemState[]): ItemRepair[] {
  const out: ItemRepair[] = [];
  // Requests by the item versions they hold (one pass, so a month of thousands of items stays linear).
  const byItem = new Map<string, ApprovalRequest[]>();
  for (const r of requests) {
    for (const x of r.items) {
      const k = `${x.id}|${x.version}`;
      const list = byItem.get(k);
      if (list) list.push(r);
      else byItem.set(k, [r]);
    }
  }
  for (const it of items) {
    if (it.status !== 'Diajukan' || !it.id) continue;
    const holding = byItem.get(`${it.id}|${it.version}`) ?? [];
    if (holding.some((r) => journalOf(r) !== null)) continue;
    let decided: { req: ApprovalRequest; o: Outcome } | null = null;
    let open = false;
    for (const r of holding) {
      const o = itemOutcome(r, it.id);
      if (o) decided = { req: r, o };
      else if (r.rows.some((row) => row.status === 'Menunggu' || row.status === 'Belum Giliran')) open = true;
    }
    if (open) continue;
    if (decided) {
      const { req, o } = decided;
      out.push({ kind: 'forward', itemId: it.id, requestId: req.id, version: it.version, outcome: o.decision, feedback: o.decision === 'revise' ? (o.final.feedback ?? '') : '', at: o.final.at, by: o.final.by });
    } else if (it.feedback.trim()) {
      out.push({ kind: 'revert', itemId: it.id, version: Math.max(1, it.version - 1), to: 'Perlu Revisi' });
    } else {
      out.push({ kind: 'revert', itemId: it.id, version: it.version, to: 'Draf' });
    }
  }
  return out;
}

/**
 * Rows that say "Selesai" without any decision (a cut between two writes of an older version):
 * "Selesai" is only ever written with the decisions. Such a row is reopened (Menunggu) when its
 * level still has items to decide and its turn had started, otherwise closed as Dibatalkan.
 * Returns the repaired request, or null when nothing is wrong. Never mutates `req`.
 */
export function repairRowStatuses(req: ApprovalRequest): ApprovalRequest | null {
  const bad = req.rows.filter((r) => r.status === 'Selesai' && !Object.keys(r.decisions).length);
  if (!bad.length) return null;
  const out = cloneRequest(req);
  for (const r of out.rows) {
    if (r.status !== 'Selesai' || Object.keys(r.decisions).length) continue;
    const waiting = r.startedAt !== null && pendingAtLevel(out, r.level).length > 0;
    r.status = waiting ? 'Menunggu' : 'Dibatalkan';
    if (waiting) {
      r.decidedAt = null;
      r.workingMinutes = null;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reminders, escalation and the SLA clock

export interface DigestEntry {
  requestId: string;
  level: number;
  waitedMinutes: number;
  /** For escalations: who it waits on. */
  waitingOn?: string;
}

export interface Digest {
  to: string;
  own: DigestEntry[];
  escalated: DigestEntry[];
}

/**
 * Who gets a digest now: each approver with requests waiting longer than `reminderAfter` working
 * minutes, and each Kabag for what waited at a Kasubbag longer than `escalateAfter`. People who
 * already got one today (`sentToday`) are left out. One digest per person.
 */
export function selectDigests(
  requests: readonly ApprovalRequest[],
  people: readonly Person[],
  opts: { now: number; reminderAfter: number; escalateAfter: number; minutesBetween: (a: number, b: number) => number; sentToday: (email: string) => boolean },
): Digest[] {
  const byPerson = new Map<string, Digest>();
  const get = (email: string): Digest => {
    const k = email.toLowerCase();
    let d = byPerson.get(k);
    if (!d) {
      d = { to: email, own: [], escalated: [] };
      byPerson.set(k, d);
    }
    return d;
  };
  const kabags = people.filter((p) => p.role === 'Kabag' && isEmail(p.email));
  for (const req of requests) {
    for (const row of req.rows) {
      if (row.status !== 'Menunggu' || row.startedAt === null) continue;
      if (!pendingForRow(req, row).length) continue;
      const waited = Math.round(opts.minutesBetween(row.startedAt, opts.now));
      if (waited > opts.reminderAfter) get(row.approver).own.push({ requestId: req.id, level: row.level, waitedMinutes: waited });
      const role = findPerson(people, row.approver)?.role;
      if (role === 'Kasubbag' && waited > opts.escalateAfter) {
        for (const k of kabags) {
          const kabagWaits = req.rows.some((r) => r.approver.toLowerCase() === k.email.toLowerCase() && r.status === 'Menunggu');
          if (kabagWaits) continue;
          const d = get(k.email);
          if (!d.escalated.some((e) => e.requestId === req.id)) d.escalated.push({ requestId: req.id, level: row.level, waitedMinutes: waited, waitingOn: row.approver });
        }
      }
    }
  }
  return [...byPerson.values()].filter((d) => (d.own.length || d.escalated.length) && !opts.sentToday(d.to));
}

export interface SlaRow {
  requestId: string;
  kind: ItemKind;
  period: string;
  level: number;
  approver: string;
  status: RowStatus;
  step: 3 | 5;
  /** Recorded minutes, or the minutes so far for a waiting row. */
  minutes: number | null;
  standard: number;
  overdue: boolean;
}

export function slaRows(
  requests: readonly ApprovalRequest[],
  standardMinutes: Record<number, number>,
  now: number,
  minutesBetween: (a: number, b: number) => number,
): SlaRow[] {
  const out: SlaRow[] = [];
  for (const req of requests) {
    const step = req.kind === 'konsep' ? 3 : 5;
    const standard = standardMinutes[step] ?? 30;
    for (const r of req.rows) {
      let minutes: number | null = r.workingMinutes;
      if (minutes === null && r.status === 'Menunggu' && r.startedAt !== null) minutes = Math.round(minutesBetween(r.startedAt, now));
      out.push({ requestId: req.id, kind: req.kind, period: req.period, level: r.level, approver: r.approver, status: r.status, step, minutes, standard, overdue: minutes !== null && minutes > standard });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What an item looks like in mails and pages

export interface ItemView {
  id: string;
  version: number;
  kind: ItemKind;
  status: string;
  /** Concepts. */
  date?: number | null;
  activity?: string;
  category?: string;
  platforms?: string;
  pic?: string;
  picName?: string;
  description?: string;
  /** Designs. */
  conceptId?: string;
  platform?: string;
  link?: string;
  title?: string;
  copy?: string;
  copyCheck?: string;
  feedback?: string;
}

/** An href for a user-typed link: only http(s) URLs become links. */
export function safeHref(url: string | undefined): string | null {
  const u = String(url ?? '').trim();
  return /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : null;
}

/**
 * Mail bodies list at most this many items (Apps Script caps a body at 200-400 KB; a month of
 * thousands of items would not fit): the rest are on the review page and in the workbook.
 */
export const MAIL_ITEM_LIMIT = 50;

export const APPROVAL_TEXT = defineMessages({
  moreItems: { id: '… dan {n} item lainnya. Semua item ada di halaman tinjauan dan di workbook.', en: '… and {n} more items. All items are on the review page and in the workbook.' },
  kindKonsep: { id: 'konsep konten', en: 'content plan' },
  kindDesain: { id: 'desain konten', en: 'content designs' },
  colId: { id: 'ID', en: 'ID' },
  colDate: { id: 'Rencana Tayang', en: 'Planned date' },
  colActivity: { id: 'Kegiatan/Informasi', en: 'Activity/Information' },
  colPlatforms: { id: 'Platform', en: 'Platforms' },
  colPic: { id: 'PIC', en: 'Owner' },
  colConcept: { id: 'ID Konsep', en: 'Plan ID' },
  colLink: { id: 'Tautan Desain', en: 'Design link' },
  colTitle: { id: 'Judul', en: 'Title' },
  colCopy: { id: 'Naskah', en: 'Copy' },
  colCheck: { id: 'Cek Naskah', en: 'Copy check' },
  colStatus: { id: 'Status', en: 'Status' },
  colFeedback: { id: 'Catatan Revisi', en: 'Revision notes' },
  requestSubject: { id: '[Siaran] Mohon persetujuan {kind} {period} ({n} item) – {id}', en: '[Siaran] Approval requested: {kind} {period} ({n} items) – {id}' },
  greeting: { id: 'Yth. {name},', en: 'Dear {name},' },
  requestIntro: {
    id: '{submitter} mengajukan {n} item {kind} untuk {period} (langkah {step} SOP). Mohon setujui atau minta revisi per item.',
    en: '{submitter} submitted {n} item(s) of the {kind} for {period} (SOP step {step}). Please approve each item or send it back for revision.',
  },
  levelInfo: { id: 'Tingkat {level} dari {levels} ({policy}).', en: 'Level {level} of {levels} ({policy}).' },
  reviewLink: { id: 'Tinjau dan putuskan', en: 'Review and decide' },
  workbookLink: { id: 'Buka workbook', en: 'Open the workbook' },
  safety: {
    id: 'Membuka email atau tautan ini tidak memutuskan apa pun: keputusan baru tersimpan setelah Anda menekan tombol Kirim di halaman peninjauan. Tautan berlaku sampai {expiry} dan hanya untuk Anda.',
    en: 'Opening this mail or the link decides nothing: a decision is saved only when you press Send on the review page. The link is valid until {expiry} and only for you.',
  },
  outcomeSubject: { id: '[Siaran] Hasil persetujuan {kind} {period} – {id}', en: '[Siaran] Approval result: {kind} {period} – {id}' },
  outcomeIntro: { id: 'Keputusan atas {kind} {period} yang diajukan {submitter}:', en: 'Decisions on the {kind} for {period} submitted by {submitter}:' },
  outcomeRevise: {
    id: 'Item berstatus Perlu Revisi: perbaiki sesuai catatan, lalu ajukan kembali (versi baru akan dibuat).',
    en: 'Items marked Needs revision: fix them as noted, then submit again (a new version is made).',
  },
  digestSubject: { id: '[Siaran] Pengingat: {n} permintaan persetujuan menunggu', en: '[Siaran] Reminder: {n} approval request(s) waiting' },
  digestIntro: { id: 'Permintaan berikut menunggu keputusan Anda:', en: 'These requests are waiting for your decision:' },
  digestEscalated: { id: 'Eskalasi: permintaan berikut menunggu di Kasubbag melebihi batas waktu:', en: 'Escalation: these requests have waited at the Kasubbag beyond the limit:' },
  digestLine: { id: '{id} – {kind} {period}, tingkat {level}, menunggu {waited} (menit kerja){on}', en: '{id} – {kind} {period}, level {level}, waiting {waited} (working time){on}' },
  digestOn: { id: ', di {who}', en: ', at {who}' },
  footer: { id: 'Email ini dikirim otomatis oleh Siaran (SOP 170/SOP/2300/06/2022).', en: 'This mail was sent automatically by Siaran (SOP 170/SOP/2300/06/2022).' },
  policyBerurutan: { id: 'berurutan: Kasubbag lalu Kabag', en: 'sequential: Kasubbag then Kabag' },
  policyParalel: { id: 'paralel: semua penyetuju harus menyetujui', en: 'parallel: every approver must approve' },
  policySalahSatu: { id: 'salah satu penyetuju cukup', en: 'any one approver decides' },
  approved: { id: 'Disetujui', en: 'Approved' },
  revise: { id: 'Perlu Revisi', en: 'Needs revision' },
});

export function kindLabel(kind: ItemKind, lang: Lang): string {
  return tr(lang, kind === 'konsep' ? APPROVAL_TEXT.kindKonsep : APPROVAL_TEXT.kindDesain);
}

export function policyLabel(policy: ApprovalPolicy, lang: Lang): string {
  return tr(lang, policy === 'berurutan' ? APPROVAL_TEXT.policyBerurutan : policy === 'paralel' ? APPROVAL_TEXT.policyParalel : APPROVAL_TEXT.policySalahSatu);
}

/** Column headers and cell texts of the item table (plain text, not escaped). */
export function itemColumns(kind: ItemKind, lang: Lang): string[] {
  const t = (m: { id: string; en: string }) => tr(lang, m);
  return kind === 'konsep'
    ? [t(APPROVAL_TEXT.colId), t(APPROVAL_TEXT.colDate), t(APPROVAL_TEXT.colActivity), t(APPROVAL_TEXT.colPlatforms), t(APPROVAL_TEXT.colPic)]
    : [t(APPROVAL_TEXT.colId), t(APPROVAL_TEXT.colConcept), t(APPROVAL_TEXT.colPlatforms), t(APPROVAL_TEXT.colLink), t(APPROVAL_TEXT.colTitle), t(APPROVAL_TEXT.colCopy), t(APPROVAL_TEXT.colCheck)];
}

export function itemCells(item: ItemView, lang: Lang): string[] {
  if (item.kind === 'konsep') {
    const date = item.date ? formatDate(item.date, lang) : '';
    const pic = item.picName && item.picName !== item.pic ? `${item.picName} <${item.pic ?? ''}>` : (item.pic ?? '');
    return [`${item.id} v${item.version}`, date, item.activity ?? '', item.platforms ?? '', pic];
  }
  return [`${item.id} v${item.version}`, item.conceptId ?? '', item.platform ?? '', item.link ?? '', item.title ?? '', item.copy ?? '', item.copyCheck ?? ''];
}

/** The item table as HTML: every cell escaped; a design link becomes a link only when it is http(s). */
export function itemTableHtml(items: readonly ItemView[], kind: ItemKind, lang: Lang, extra?: { header: string; cell: (item: ItemView) => string }): string {
  const th = 'style="text-align:left;border:1px solid #dadce0;padding:6px;background:#f1f3f4"';
  const td = 'style="vertical-align:top;border:1px solid #dadce0;padding:6px;white-space:pre-wrap"';
  const heads = itemColumns(kind, lang).map((h) => `<th ${th}>${escapeHtml(h)}</th>`).join('') + (extra ? `<th ${th}>${escapeHtml(extra.header)}</th>` : '');
  const body = items
    .map((it) => {
      const cells = itemCells(it, lang).map((c, i) => {
        if (kind === 'desain' && i === 3) {
          const href = safeHref(it.link);
          return `<td ${td}>${href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(c)}</a>` : escapeHtml(c)}</td>`;
        }
        return `<td ${td}>${escapeHtml(c)}</td>`;
      });
      return `<tr>${cells.join('')}${extra ? `<td ${td}>${extra.cell(it)}</td>` : ''}</tr>`;
    })
    .join('');
  return `<table style="border-collapse:collapse;font-size:13px;margin:8px 0">${`<tr>${heads}</tr>`}${body}</table>`;
}

export function itemTableText(items: readonly ItemView[], kind: ItemKind, lang: Lang): string {
  const heads = itemColumns(kind, lang);
  return items
    .map((it) => {
      const cells = itemCells(it, lang);
      return cells.map((c, i) => `  ${heads[i]}: ${c.replace(/\n/g, '\n    ')}`).join('\n');
    })
    .join('\n\n');
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

function wrapHtml(inner: string): string {
  return `<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;line-height:1.45">${inner}</div>`;
}

function button(href: string, label: string, primary: boolean): string {
  const bg = primary ? '#1a73e8' : '#ffffff';
  const fg = primary ? '#ffffff' : '#1a73e8';
  return `<a href="${escapeHtml(href)}" target="_blank" style="display:inline-block;padding:8px 16px;margin:4px 8px 4px 0;border:1px solid #1a73e8;border-radius:4px;background:${bg};color:${fg};text-decoration:none">${escapeHtml(label)}</a>`;
}

/** The mail to an approver whose turn it is. */
export function buildRequestMail(p: {
  lang: Lang;
  requestId: string;
  kind: ItemKind;
  period: string;
  policy: ApprovalPolicy;
  level: number;
  levels: number;
  approverName: string;
  submitterName: string;
  items: readonly ItemView[];
  reviewUrl: string;
  workbookUrl: string;
  expiresAt: number;
}): MailContent {
  const { lang } = p;
  const kind = kindLabel(p.kind, lang);
  const period = formatPeriod(p.period, lang);
  const step = p.kind === 'konsep' ? 3 : 5;
  const subject = tr(lang, APPROVAL_TEXT.requestSubject, { kind, period, n: p.items.length, id: p.requestId });
  const greeting = tr(lang, APPROVAL_TEXT.greeting, { name: p.approverName });
  const intro = tr(lang, APPROVAL_TEXT.requestIntro, { submitter: p.submitterName, n: p.items.length, kind, period, step });
  const level = tr(lang, APPROVAL_TEXT.levelInfo, { level: p.level, levels: p.levels, policy: policyLabel(p.policy, lang) });
  const safety = tr(lang, APPROVAL_TEXT.safety, { expiry: formatDateTime(p.expiresAt, lang) });
  const review = tr(lang, APPROVAL_TEXT.reviewLink);
  const workbook = tr(lang, APPROVAL_TEXT.workbookLink);
  const footer = tr(lang, APPROVAL_TEXT.footer);
  const shown = p.items.slice(0, MAIL_ITEM_LIMIT);
  const more = p.items.length > shown.length ? tr(lang, APPROVAL_TEXT.moreItems, { n: p.items.length - shown.length }) : '';
  const text = [greeting, '', intro, level, '', itemTableText(shown, p.kind, lang), more, '', `${review}: ${p.reviewUrl}`, `${workbook}: ${p.workbookUrl}`, '', safety, '', footer].join('\n');
  const html = wrapHtml(
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}<br>${escapeHtml(level)}</p>` +
      itemTableHtml(shown, p.kind, lang) +
      (more ? `<p>${escapeHtml(more)}</p>` : '') +
      `<p>${button(p.reviewUrl, review, true)}${button(p.workbookUrl, workbook, false)}</p>` +
      `<p style="color:#5f6368;font-size:12px">${escapeHtml(safety)}</p><p style="color:#5f6368;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}

/** The mail to the submitter (and the PICs) with the final outcome of items, feedback included. */
export function buildOutcomeMail(p: {
  lang: Lang;
  requestId: string;
  kind: ItemKind;
  period: string;
  submitterName: string;
  items: ReadonlyArray<ItemView & { outcome: Decision; decidedBy: string }>;
  workbookUrl: string;
}): MailContent {
  const { lang } = p;
  const kind = kindLabel(p.kind, lang);
  const period = formatPeriod(p.period, lang);
  const subject = tr(lang, APPROVAL_TEXT.outcomeSubject, { kind, period, id: p.requestId });
  const intro = tr(lang, APPROVAL_TEXT.outcomeIntro, { kind, period, submitter: p.submitterName });
  const label = (d: Decision) => tr(lang, d === 'approve' ? APPROVAL_TEXT.approved : APPROVAL_TEXT.revise);
  const anyRevise = p.items.some((i) => i.outcome === 'revise');
  const workbook = tr(lang, APPROVAL_TEXT.workbookLink);
  const footer = tr(lang, APPROVAL_TEXT.footer);
  const feedbackHead = tr(lang, APPROVAL_TEXT.colFeedback);
  const shown = p.items.slice(0, MAIL_ITEM_LIMIT);
  const more = p.items.length > shown.length ? tr(lang, APPROVAL_TEXT.moreItems, { n: p.items.length - shown.length }) : '';
  const textItems = shown
    .map((i) => {
      const cells = itemCells(i, lang);
      const lines = [`- ${cells[0]}: ${label(i.outcome)} (${i.decidedBy})`, `  ${cells.slice(1).filter(Boolean).join(' | ').replace(/\n/g, ' ')}`];
      if (i.outcome === 'revise' && i.feedback) lines.push(`  ${feedbackHead}: ${i.feedback.replace(/\n/g, '\n    ')}`);
      return lines.join('\n');
    })
    .join('\n');
  const text = [intro, '', textItems, more, '', anyRevise ? tr(lang, APPROVAL_TEXT.outcomeRevise) : '', `${workbook}: ${p.workbookUrl}`, '', footer].join('\n');
  const html = wrapHtml(
    `<p>${escapeHtml(intro)}</p>` +
      itemTableHtml(shown, p.kind, lang, {
        header: `${tr(lang, APPROVAL_TEXT.colStatus)} / ${feedbackHead}`,
        cell: (it) => {
          const o = (it as ItemView & { outcome: Decision; decidedBy: string }).outcome;
          const by = (it as ItemView & { decidedBy: string }).decidedBy;
          return `<strong>${escapeHtml(label(o))}</strong> (${escapeHtml(by)})${o === 'revise' && it.feedback ? `<br>${escapeHtml(it.feedback)}` : ''}`;
        },
      }) +
      (more ? `<p>${escapeHtml(more)}</p>` : '') +
      (anyRevise ? `<p>${escapeHtml(tr(lang, APPROVAL_TEXT.outcomeRevise))}</p>` : '') +
      `<p>${button(p.workbookUrl, workbook, true)}</p><p style="color:#5f6368;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}

export interface DigestLine {
  requestId: string;
  kind: ItemKind;
  period: string;
  level: number;
  waitedMinutes: number;
  waitingOn?: string;
  reviewUrl?: string;
}

/** One daily digest: what waits on the person, and (for the Kabag) what is escalated. */
export function buildDigestMail(p: { lang: Lang; name: string; own: readonly DigestLine[]; escalated: readonly DigestLine[]; workbookUrl: string }): MailContent {
  const { lang } = p;
  const n = p.own.length + p.escalated.length;
  const subject = tr(lang, APPROVAL_TEXT.digestSubject, { n });
  const line = (l: DigestLine) =>
    tr(lang, APPROVAL_TEXT.digestLine, {
      id: l.requestId,
      kind: kindLabel(l.kind, lang),
      period: formatPeriod(l.period, lang),
      level: l.level,
      waited: formatMinutes(l.waitedMinutes, lang),
      on: l.waitingOn ? tr(lang, APPROVAL_TEXT.digestOn, { who: l.waitingOn }) : '',
    });
  const review = tr(lang, APPROVAL_TEXT.reviewLink);
  const workbook = tr(lang, APPROVAL_TEXT.workbookLink);
  const textParts = [tr(lang, APPROVAL_TEXT.greeting, { name: p.name }), ''];
  const htmlParts = [`<p>${escapeHtml(tr(lang, APPROVAL_TEXT.greeting, { name: p.name }))}</p>`];
  if (p.own.length) {
    textParts.push(tr(lang, APPROVAL_TEXT.digestIntro));
    htmlParts.push(`<p>${escapeHtml(tr(lang, APPROVAL_TEXT.digestIntro))}</p><ul>`);
    for (const l of p.own) {
      textParts.push(`- ${line(l)}${l.reviewUrl ? `\n  ${review}: ${l.reviewUrl}` : ''}`);
      htmlParts.push(`<li>${escapeHtml(line(l))}${l.reviewUrl ? ` – <a href="${escapeHtml(l.reviewUrl)}" target="_blank">${escapeHtml(review)}</a>` : ''}</li>`);
    }
    htmlParts.push('</ul>');
    textParts.push('');
  }
  if (p.escalated.length) {
    textParts.push(tr(lang, APPROVAL_TEXT.digestEscalated));
    htmlParts.push(`<p>${escapeHtml(tr(lang, APPROVAL_TEXT.digestEscalated))}</p><ul>`);
    for (const l of p.escalated) {
      textParts.push(`- ${line(l)}`);
      htmlParts.push(`<li>${escapeHtml(line(l))}</li>`);
    }
    htmlParts.push('</ul>');
    textParts.push('');
  }
  textParts.push(`${workbook}: ${p.workbookUrl}`, '', tr(lang, APPROVAL_TEXT.footer));
  htmlParts.push(`<p>${button(p.workbookUrl, workbook, true)}</p><p style="color:#5f6368;font-size:12px">${escapeHtml(tr(lang, APPROVAL_TEXT.footer))}</p>`);
  return { subject, text: textParts.join('\n'), html: wrapHtml(htmlParts.join('')) };
}

/** A status as shown (the stored value, or its English label). */
export function shownStatus(status: string, lang: Lang): string {
  return statusLabel(status, lang);
}
