/**
 * Applying an approver's decisions (from the review page or the panel): the same rules and records
 * for both. The caller holds the script lock; this re-reads Persetujuan and the items and checks
 * their current status before changing anything.
 *
 * Write order (finishDecision): Persetujuan first, in one range, with the journal marker; then
 * the item statuses; then the mail is held; then the Log (one append, the mail's lines with the
 * decision's); then the marker is cleared. A cut anywhere in between is finished by the owner's
 * next approval action or trigger (journal.ts): the decisions are never lost.
 */
import { applyDecisions, ApplyResult, changedSinceDecision, DecisionInput, DecisionVia, Journal, JournalEffects, mayDecideAtLevel, sealRow, withJournal } from '../../core/approval';
import { currentFingerprints, dropUnsealed, ownerMac } from './record-pass';
import { findPerson } from '../../core/people';
import { SiaranError } from '../../core/errors';
import { defineMessages, formatMinutes } from '../../core/i18n';
import { addLog, commit, commitAround, Ctx, logUser, userText } from '../context';
import { sendOrQueue } from './mailq';
import { MailEnv, MailIntent, SendReport } from './mail-common';
import { isOverdue, markOverdue } from './overdue';
import { itemTable, joinColumns, loadRequests, recusedFor, saveRequest, setIfChanged, StoredRequest } from './store';
export { setIfChanged } from './store';
import { approvalStep, approvedStatus } from '../../core/sop';
import { minutesFn } from '../clock';

export const DECIDE_MESSAGES = defineMessages({
  notFound: { id: 'Permintaan {id} tidak ditemukan di tab Persetujuan.', en: 'Request {id} is not in the Approvals tab.' },
  ownRequest: { id: '{email} mengajukan permintaan ini sendiri, sehingga tidak dapat memutuskannya. Tidak ada yang diubah. Keputusan diambil oleh penyetuju lain (Kasubbag atau Kabag).', en: '{email} submitted this request, so cannot decide on it. Nothing was changed. Another approver (Kasubbag or Kabag) decides.' },
  ownerOnly: {
    id: 'Keputusan dicatat oleh Siaran atas nama pemilik workbook, lewat halaman persetujuan. Tidak ada yang diubah. Buka tautan di email permintaan, atau tombol "Buka halaman keputusan" di panel.',
    en: 'Decisions are recorded by Siaran on behalf of the workbook owner, through the review page. Nothing was changed. Open the link in the request mail, or the "Open the decision page" button in the panel.',
  },
  notApprover: { id: '{email} tidak lagi tercatat sebagai penyetuju tingkat {level} di tab Pengguna. Tidak ada yang diubah. Bila ini keliru, minta Kabag memperbaiki tab Pengguna.', en: '{email} is no longer listed as an approver of level {level} in the People tab. Nothing was changed. If this is wrong, ask the Kabag to fix the People tab.' },
});

export interface DecideInput {
  requestId: string;
  level: number;
  approver: string;
  decisions: DecisionInput[];
  via: DecisionVia;
}

export interface DecideOutcome {
  request: StoredRequest;
  result: ApplyResult;
  intents: MailIntent[];
  /** The journal marker finishDecision writes with the decisions (null: nothing applied). */
  journal: Journal | null;
  /** Whether a row of the request was over its standard time before the decision (painted so). */
  wasOverdue?: boolean;
}

/** (step, action, object, detail): where decision records go (the Log of this action, or a repair's). */
export type LogFn = (step: string, action: string, object: string, detail: string) => void;

export function findRequest(ctx: Ctx, id: string): StoredRequest {
  const req = loadRequests(ctx).find((r) => r.id === id);
  if (!req) throw new SiaranError('NOT_FOUND', DECIDE_MESSAGES.notFound, { id });
  return req;
}

/**
 * Records what a decision did: the Log lines, the item statuses of the finalized items, and the
 * mails to send. Used by decide (fresh effects) and by the journal repair (effects read back from
 * Persetujuan, `repair` set: items already written by the cut execution are accepted as they are).
 */
export function recordDecisionEffects(
  ctx: Ctx,
  req: StoredRequest,
  eff: JournalEffects,
  who: { approver: string; level: number; via: DecisionVia; at: number },
  log: LogFn,
  repair = false,
): MailIntent[] {
  const step = String(approvalStep(req.kind));
  const via = who.via === 'tautan' ? 'tautan email' : 'panel';
  for (const a of eff.applied) {
    log(step, a.decision === 'approve' ? `Setujui (tingkat ${who.level})` : `Minta revisi (tingkat ${who.level})`, a.itemId, `Permintaan ${req.id}; oleh ${who.approver} lewat ${via}${a.feedback ? `; catatan: ${a.feedback}` : ''}`);
  }
  const t = itemTable(ctx, req.kind);
  const approved = approvedStatus(req.kind);
  const outcomeItems: string[] = [];
  const changed = new Set<string>();
  for (const f of eff.finalized) {
    const i = t.find('id', f.itemId);
    const version = req.items.find((x) => x.id === f.itemId)?.version ?? 1;
    if (i < 0) {
      log(step, 'Item tidak ditemukan', f.itemId, `Keputusan ${f.outcome} dicatat di ${req.id}, tetapi baris item sudah tidak ada.`);
      continue;
    }
    const status = t.text(i, 'status');
    const current = Number(t.get(i, 'versi')) || 1;
    const next = f.outcome === 'approve' ? approved : 'Perlu Revisi';
    const written = repair && status === next && current === version;
    if ((status !== 'Diajukan' || current !== version) && !written) {
      log(step, 'Status item tidak diubah', f.itemId, `Item berstatus ${status} versi ${current}; permintaan ${req.id} memutuskan versi ${version}.`);
      continue;
    }
    setIfChanged(t, i, 'status', next, changed);
    if (f.outcome === 'revise') setIfChanged(t, i, 'catatan', userText(f.feedback), changed);
    setIfChanged(t, i, 'diputuskanPada', new Date(who.at), changed);
    log(step, `Status: ${next}`, f.itemId, `Diajukan → ${next}; permintaan ${req.id}; versi ${version}`);
    outcomeItems.push(f.itemId);
  }
  joinColumns(t, [...changed]);
  const intents: MailIntent[] = [];
  for (const r of eff.started) {
    log(step, `Tingkat ${r.level} dimulai`, req.id, `Giliran ${r.approver}`);
    intents.push({ k: 'request', req: req.id, lvl: r.level, ap: r.approver });
  }
  for (const lv of eff.completedLevels) {
    const rows = req.rows.filter((r) => r.level === lv && r.workingMinutes !== null);
    const minutes = rows.length ? rows[0].workingMinutes : null;
    log(step, `Tingkat ${lv} selesai`, req.id, `${minutes === null ? '' : `${formatMinutes(minutes)}, dihitung dalam jam kerja (waktu baku ${formatMinutes(ctx.settings.standardMinutes[approvalStep(req.kind)])})`}`);
  }
  if (outcomeItems.length) intents.push({ k: 'outcome', req: req.id, items: outcomeItems });
  return intents;
}

/**
 * Applies the decisions in memory: the Persetujuan rows, the items and the Log lines. Nothing is
 * written here; finishDecision writes them in the journal order (with the marker).
 */
export function decide(ctx: Ctx, input: DecideInput): DecideOutcome {
  const mac = ownerMac(ctx);
  if (!mac) throw new SiaranError('FORBIDDEN', DECIDE_MESSAGES.ownerOnly);
  // Only sealed decisions count: anything pasted into the request's cells is removed first.
  const stored = dropUnsealed(ctx, findRequest(ctx, input.requestId), mac);
  if (stored.submittedBy.trim().toLowerCase() === input.approver.trim().toLowerCase()) {
    throw new SiaranError('FORBIDDEN', DECIDE_MESSAGES.ownRequest, { email: input.approver });
  }
  if (!mayDecideAtLevel(stored.policy, input.level, findPerson(ctx.people, input.approver))) {
    throw new SiaranError('FORBIDDEN', DECIDE_MESSAGES.notApprover, { email: input.approver, level: input.level });
  }
  // What the approver decides is the content as it is now; an item that changed since an earlier
  // level decided it can only go back (the earlier decision was about other content).
  // Separation of duties: an approver's decision on an item they are the PIC of (as the item's tab
  // says now, or as it was submitted) does not count; another approver of the level decides it.
  const recused = new Set(recusedFor(ctx, stored, input.decisions.map((d) => d.itemId), input.approver));
  const fps = currentFingerprints(ctx, stored.kind, stored.items.map((i) => i.id), mac);
  const changed = new Map(changedSinceDecision(stored, fps, mac).map((c) => [c.itemId, c]));
  const decisions = input.decisions.filter((d) => !recused.has(d.itemId)).map((d) => {
    const c = changed.get(d.itemId);
    if (!c) return d;
    const note = `Isi berubah setelah diputuskan di tingkat ${c.level}; dikembalikan otomatis agar diajukan ulang.`;
    return { itemId: d.itemId, decision: 'revise' as const, feedback: d.decision === 'revise' && d.feedback ? `${note} ${d.feedback}` : note };
  });
  const result = applyDecisions(stored, { level: input.level, approver: input.approver, decisions, now: ctx.now, via: input.via }, minutesFn(ctx));
  for (const id of recused) result.rejected.push({ itemId: id, reason: 'recused' });
  if (!result.applied.length) return { request: stored, result, intents: [], journal: null };
  // The deciding row is sealed anew: its decisions, each with the fingerprint of what was decided.
  const row = result.request.rows.find((r) => r.level === input.level && r.approver.toLowerCase() === input.approver.toLowerCase());
  if (row) row.seal = sealRow(result.request, row, { ...Object.fromEntries(fps), ...(row.seal?.fps ?? {}) }, mac);
  const saved = saveRequest(ctx, stored, result.request);
  const intents = recordDecisionEffects(
    ctx,
    saved,
    { applied: result.applied, finalized: result.finalized, started: result.started, completedLevels: result.completedLevels },
    { approver: input.approver, level: input.level, via: input.via, at: ctx.now },
    (step, action, object, detail) => addLog(ctx, step, action, object, detail),
  );
  return { request: saved, result, intents, journal: { act: 'putuskan', at: ctx.now, user: logUser(ctx), approver: input.approver, level: input.level, via: input.via }, wasOverdue: isOverdue(ctx, stored) };
}

/** Rewrites a request's Persetujuan rows without the journal marker (in memory; commit writes). */
export function clearJournal(ctx: Ctx, requestId: string): void {
  const req = loadRequests(ctx).find((r) => r.id === requestId);
  if (req && req.rows.some((r) => r.journal)) saveRequest(ctx, req, withJournal(req, null));
}

/**
 * Writes a decision in the journal order: Persetujuan (decisions and marker, one range), the
 * items; holds the mail; the Log (the decision's lines and the mail's, one append); clears the
 * marker; repaints the request's rows when one of them was over its standard time (a decision
 * never makes a row late: a level it starts starts now; the hourly pass paints the rest). The
 * caller holds the script lock.
 */
export function finishDecision(ctx: Ctx, env: MailEnv, out: DecideOutcome): SendReport {
  const journal = ctx.wb.table('persetujuan');
  // The marker goes into the same range as the decisions (the Keputusan cells decide changed).
  if (out.journal) saveRequest(ctx, out.request, withJournal(out.request, out.journal));
  const sent = commitAround(ctx, [journal, itemTable(ctx, out.request.kind)], () => sendOrQueue(ctx, env, out.intents));
  clearJournal(ctx, out.request.id);
  commit(ctx, [journal]);
  if (out.wasOverdue) {
    const rows = out.request.rows.map((r) => r.index).filter((i) => i >= 0);
    if (rows.length) markOverdue(ctx, { from: Math.min(...rows), to: Math.max(...rows) });
  }
  return sent;
}
