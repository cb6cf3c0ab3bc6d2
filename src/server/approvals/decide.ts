/**
 * Applying an approver's decisions (from the review page or the panel): the same rules and records
 * for both. The caller holds the script lock; this re-reads Persetujuan and the items and checks
 * their current status before changing anything.
 */
import { applyDecisions, ApplyResult, DecisionInput, DecisionVia } from '../../core/approval';
import { SiaranError } from '../../core/errors';
import { defineMessages } from '../../core/i18n';
import { addLog, Ctx, userText } from '../context';
import type { MailIntent } from './mailq';
import { itemTable, loadRequests, minutesFn, saveRequest, StoredRequest } from './store';

export const DECIDE_MESSAGES = defineMessages({
  notFound: { id: 'Permintaan {id} tidak ditemukan di tab Persetujuan.', en: 'Request {id} is not in the Approvals tab.' },
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
}

export function findRequest(ctx: Ctx, id: string): StoredRequest {
  const req = loadRequests(ctx).find((r) => r.id === id);
  if (!req) throw new SiaranError('NOT_FOUND', DECIDE_MESSAGES.notFound, { id });
  return req;
}

export function decide(ctx: Ctx, input: DecideInput): DecideOutcome {
  const stored = findRequest(ctx, input.requestId);
  const step = stored.kind === 'konsep' ? '3' : '5';
  const result = applyDecisions(stored, { level: input.level, approver: input.approver, decisions: input.decisions, now: ctx.now, via: input.via }, minutesFn(ctx));
  if (!result.applied.length) return { request: stored, result, intents: [] };
  const saved = saveRequest(ctx, stored, result.request);
  const via = input.via === 'tautan' ? 'tautan email' : 'panel';
  for (const a of result.applied) {
    addLog(
      ctx,
      step,
      a.decision === 'approve' ? `Setujui (tingkat ${input.level})` : `Minta revisi (tingkat ${input.level})`,
      a.itemId,
      `Permintaan ${stored.id}; oleh ${input.approver} lewat ${via}${a.feedback ? `; catatan: ${a.feedback}` : ''}`,
    );
  }
  const t = itemTable(ctx, stored.kind);
  const approved = stored.kind === 'konsep' ? 'Disetujui' : 'Ditetapkan';
  const outcomeItems: string[] = [];
  for (const f of result.finalized) {
    const i = t.find('id', f.itemId);
    const version = stored.items.find((x) => x.id === f.itemId)?.version ?? 1;
    if (i < 0) {
      addLog(ctx, step, 'Item tidak ditemukan', f.itemId, `Keputusan ${f.outcome} dicatat di ${stored.id}, tetapi baris item sudah tidak ada.`);
      continue;
    }
    const status = t.text(i, 'status');
    const current = Number(t.get(i, 'versi')) || 1;
    if (status !== 'Diajukan' || current !== version) {
      addLog(ctx, step, 'Status item tidak diubah', f.itemId, `Item berstatus ${status} versi ${current}; permintaan ${stored.id} memutuskan versi ${version}.`);
      continue;
    }
    const next = f.outcome === 'approve' ? approved : 'Perlu Revisi';
    t.set(i, 'status', next);
    if (f.outcome === 'revise') t.set(i, 'catatan', userText(f.feedback));
    if (t.has('diputuskanPada')) t.set(i, 'diputuskanPada', new Date(ctx.now));
    addLog(ctx, step, `Status: ${next}`, f.itemId, `Diajukan → ${next}; permintaan ${stored.id}; versi ${version}`);
    outcomeItems.push(f.itemId);
  }
  const intents: MailIntent[] = [];
  for (const r of result.started) {
    addLog(ctx, step, `Tingkat ${r.level} dimulai`, stored.id, `Giliran ${r.approver}`);
    intents.push({ k: 'request', req: stored.id, lvl: r.level, ap: r.approver });
  }
  for (const lv of result.completedLevels) {
    const rows = saved.rows.filter((r) => r.level === lv && r.workingMinutes !== null);
    const minutes = rows.length ? rows[0].workingMinutes : null;
    addLog(ctx, step, `Tingkat ${lv} selesai`, stored.id, `${minutes === null ? '' : `${minutes} menit kerja (waktu baku ${ctx.settings.standardMinutes[stored.kind === 'konsep' ? 3 : 5]})`}`);
  }
  if (outcomeItems.length) intents.push({ k: 'outcome', req: stored.id, items: outcomeItems });
  return { request: saved, result, intents };
}
