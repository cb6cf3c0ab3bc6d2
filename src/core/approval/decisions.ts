/**
 * Applying approvers' decisions to a request: exactly one decision per item and level, then the
 * row statuses settle (levels finish, the next level's turn starts).
 */
import { ApprovalRequest, ApprovalRow, Decision, DecisionVia, ItemDecision, MAX_FEEDBACK } from './record';
import { itemOutcome, laterLevelMayStart, levelDecision, levelsOf, pendingAtLevel, pendingForRow } from './routing';

// Decisions

export interface DecisionInput {
  itemId: string;
  decision: Decision;
  feedback?: string;
}

export type RejectReason = 'decided' | 'not-pending' | 'unknown-item' | 'feedback-needed' | 'recused';

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
    if (!laterLevelMayStart(req, lv)) continue;
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
