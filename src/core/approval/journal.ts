/**
 * The journal: what a decision still has to write when an execution was cut mid-way (roll forward),
 * and the repairs of item statuses that no request explains.
 */
import { ApprovalRequest, ApprovalRow, Decision, Journal } from './record';
import { cloneRequest } from './decisions';
import { itemOutcome, Outcome, pendingAtLevel } from './routing';

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
