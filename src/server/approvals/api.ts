/** The approval endpoints of the panel (google.script.run), each returning Result<T>. */
import { runsAsOwner, webAppUrl } from '../../adapters/session';
import { driveFileId, driveThumbnailUrl, isUrgent, levelsOf, slaRows, ItemView, RejectReason } from '../../core/approval';
import { SiaranError } from '../../core/errors';
import { defineMessages, formatDateTime, formatPeriod, tr } from '../../core/i18n';
import { displayName } from '../../core/people';
import { approvalStep, APPROVER_ROLES, parsePeriod } from '../../core/sop';
import type {
  ApprovalItemInfo,
  ApprovalOverviewRow,
  DecideRequest,
  DecideValue,
  PendingDecision,
  Result,
  SubmitApprovalValue,
} from '../../shared/contract';
import { commit, commitAround, Ctx, requireRole } from '../context';
import { endpoint } from '../run';
import { clearJournal, decide, finishDecision } from './decide';
import { reconcile, repairIfNeeded } from './journal';
import { mailEnv } from './env';
import { sendOrQueue } from './mailq';
import { DIGEST_EVERY_MINUTES, MailEnv, reviewPageUrl, submitPageUrl } from './mail-common';
import { dryRun, SubmitOutcome, SUBMIT_MESSAGES, submitConcept, submitDesigns } from './submit';
import { loadRequests, pendingOf, reviewView, StoredRequest, StoredRow } from './store';
import { minutesFn } from '../clock';
import { decidedSummary, submittedSummary, whatsappUrl } from '../../core/share';
import { busyError, withScriptLock } from '../run';

export const API_MESSAGES = defineMessages({
  badRequest: { id: 'Permintaan tidak sah: {what}. Muat ulang panel lalu coba lagi.', en: 'Invalid request: {what}. Reload the panel and try again.' },
  period: { id: 'Periode "{value}" tidak sah. Tulis YYYY-MM, misalnya 2026-03.', en: 'Period "{value}" is not valid. Write YYYY-MM, e.g. 2026-03.' },
  decideAction: { id: 'Memberi persetujuan', en: 'Deciding approvals' },
  notYours: { id: 'Permintaan {id} tidak menunggu keputusan Anda ({email}).', en: 'Request {id} is not waiting for your decision ({email}).' },
  decided: { id: '{n} keputusan tersimpan.', en: '{n} decision(s) saved.' },
  rejectedDecided: { id: '{id} sudah diputuskan oleh {by} pada {at}.', en: '{id} was already decided by {by} at {at}.' },
  rejectedPending: { id: '{id} tidak sedang menunggu keputusan Anda.', en: '{id} is not waiting for your decision.' },
  rejectedUnknown: { id: '{id} bukan bagian dari permintaan ini.', en: '{id} is not part of this request.' },
  rejectedRecused: { id: 'Anda PIC {id}, sehingga tidak memutuskannya; penyetuju lain pada tingkat ini yang memutuskan.', en: 'You are the PIC of {id}, so you do not decide it; another approver of this level does.' },
  rejectedFeedback: { id: 'Tulis catatan revisi untuk {id}.', en: 'Write a revision note for {id}.' },
});

function bad(what: string): SiaranError {
  return new SiaranError('BAD_REQUEST', API_MESSAGES.badRequest, { what });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function info(v: ItemView): ApprovalItemInfo {
  const out: ApprovalItemInfo = { id: v.id, version: v.version, status: v.status };
  if (v.date) out.date = new Date(v.date + 7 * 3600000).toISOString().slice(0, 10);
  const copy: Array<keyof ApprovalItemInfo & keyof ItemView> = ['activity', 'category', 'description', 'platforms', 'pic', 'picName', 'conceptId', 'conceptTitle', 'platform', 'link', 'title', 'copy', 'copyCheck', 'feedback'];
  for (const k of copy) {
    const x = v[k];
    if (typeof x === 'string' && x !== '') (out as unknown as Record<string, string>)[k] = x;
  }
  if (v.conceptDate) out.conceptDate = new Date(v.conceptDate + 7 * 3600000).toISOString().slice(0, 10);
  if (v.preview) out.preview = v.preview;
  const file = v.kind === 'desain' ? driveFileId(v.link) : null;
  if (file) out.thumbnail = driveThumbnailUrl(file);
  if (v.previousNote) out.previousNote = v.previousNote;
  if (v.changes !== undefined) out.changes = v.changes;
  return out;
}

/** "Kasubbag Humas, Kabag Humas": display names of unique addresses, in order. */
function names(ctx: Ctx, emails: readonly string[]): string {
  const seen: string[] = [];
  for (const e of emails) if (seen.indexOf(e.toLowerCase()) < 0) seen.push(e.toLowerCase());
  return seen.map((e) => displayName(ctx.people, e)).join(', ');
}

/**
 * Writes a submission in the journal order (journal.ts): Persetujuan first (with the marker), the
 * items; the mail held; the Log (the action's lines and the mail's, one append); then the marker is
 * cleared. Only the owner's interactive executions get here, and they hold every mail for the
 * digest trigger (mailEnv): the message says whose mail goes in a digest and whose goes at the
 * next trigger run.
 */
function submitValue(ctx: Ctx, env: MailEnv, out: SubmitOutcome, kind: 'konsep' | 'desain'): SubmitApprovalValue {
  const journal = ctx.wb.table('persetujuan');
  // An urgent request is recorded as such: sendOrQueue holds it for the owner's next digest run, without the window (so does a roll-forward).
  const mail = commitAround(ctx, [journal, ctx.wb.table(kind)], () => sendOrQueue(ctx, env, out.intents));
  for (const r of out.requests) clearJournal(ctx, r.requestId);
  commit(ctx, [journal]);
  let message = out.requests
    .map((r) =>
      tr(ctx.lang, kind === 'konsep' ? SUBMIT_MESSAGES.doneConcept : SUBMIT_MESSAGES.doneDesign, { n: r.items.length, period: formatPeriod(r.period, ctx.lang), id: r.requestId }),
    )
    .join(' ');
  if (mail.heldTo.length) message += tr(ctx.lang, SUBMIT_MESSAGES.heldTo, { who: names(ctx, mail.heldTo), m: ctx.settings.digestWindowMinutes, d: DIGEST_EVERY_MINUTES });
  if (mail.soonTo.length) message += tr(ctx.lang, SUBMIT_MESSAGES.soonTo, { who: names(ctx, mail.soonTo), m: DIGEST_EVERY_MINUTES });
  if (out.warnings.length) message += `\n${out.warnings.join('\n')}`;
  const summary = out.requests.map((r) => submittedSummary({ kind, period: r.period, n: r.items.length, requestId: r.requestId }, ctx.lang)).join('\n');
  return {
    shareUrl: whatsappUrl(summary, env.workbookUrl, ctx.lang),
    requestId: out.requestId,
    items: out.items,
    requests: out.requests.map((r) => ({ requestId: r.requestId, period: r.period, items: r.items })),
    warnings: out.warnings,
    approvers: out.approvers,
    mailsQueued: mail.queued,
    message,
  };
}

/**
 * A staff member's submission checked in her own execution, which may not write the record (hard
 * protected for the owner): nothing is written; the value names the submission page (the owner's
 * web app), where the submission is made. The checks are those of the submission itself.
 */
function checkedValue(ctx: Ctx, out: SubmitOutcome, kind: 'konsep' | 'desain', urgent: boolean): SubmitApprovalValue {
  const web = webAppUrl();
  if (!web) throw new SiaranError('SETUP_NEEDED', SUBMIT_MESSAGES.noPage);
  const n = out.items.length;
  const period = formatPeriod(out.requests.map((r) => r.period).sort()[0] ?? '', ctx.lang);
  let message = tr(ctx.lang, kind === 'konsep' ? SUBMIT_MESSAGES.checkedConcept : SUBMIT_MESSAGES.checkedDesign, { n, period, who: names(ctx, out.approvers) });
  if (out.warnings.length) message += `\n${out.warnings.join('\n')}`;
  const scope = kind === 'konsep' ? { kind, period: out.requests[0].period } : { kind, ids: out.items };
  return { requestId: '', items: out.items, requests: [], warnings: out.warnings, approvers: out.approvers, mailsQueued: 0, message, pageUrl: submitPageUrl(web, scope, urgent) };
}

/**
 * Submits a month's plan; shared by the endpoint, the menu and the submission page. Takes the
 * script lock. Only the owner's executions write the record: anyone else's call checks the
 * submission and hands back the submission page (checkedValue).
 */
export function doSubmitConcept(ctx: Ctx, period: string, urgent = false, same?: (ids: string[]) => void): SubmitApprovalValue {
  if (!runsAsOwner()) return checkedValue(ctx, dryRun(ctx, () => submitConcept(ctx, period, urgent, true)), 'konsep', urgent);
  const env = mailEnv();
  return withScriptLock(() => {
    reconcile(ctx, env, ['konsep']);
    return submitValue(ctx, env, submitConcept(ctx, period, urgent, false, same), 'konsep');
  }, busyError);
}

export function doSubmitDesigns(ctx: Ctx, ids: string[], urgent = false): SubmitApprovalValue {
  // A copy over its limit is still written to Cek Naskah (a column staff may write), as on submit.
  if (!runsAsOwner()) return checkedValue(ctx, dryRun(ctx, () => submitDesigns(ctx, ids, () => ctx.wb.table('desain').commit(), urgent)), 'desain', urgent);
  const env = mailEnv();
  return withScriptLock(() => {
    reconcile(ctx, env, ['konsep', 'desain']);
    const out = submitDesigns(ctx, ids, () => commit(ctx), urgent);
    return submitValue(ctx, env, out, 'desain');
  }, busyError);
}

export function apiSubmitConcept(req: unknown): Result<SubmitApprovalValue> {
  return endpoint((ctx) => {
    if (!isPlainObject(req) || typeof req.period !== 'string') throw bad('period');
    if (req.urgent !== undefined && typeof req.urgent !== 'boolean') throw bad('urgent');
    const period = parsePeriod(req.period);
    if (!period) throw new SiaranError('BAD_REQUEST', API_MESSAGES.period, { value: String(req.period).slice(0, 20) });
    return doSubmitConcept(ctx, period, req.urgent === true);
  });
}

export function apiSubmitDesigns(req: unknown): Result<SubmitApprovalValue> {
  return endpoint((ctx) => {
    if (!isPlainObject(req) || !Array.isArray(req.ids) || req.ids.length > 500 || !req.ids.every((x) => typeof x === 'string' && x.length <= 40)) throw bad('ids');
    if (req.urgent !== undefined && typeof req.urgent !== 'boolean') throw bad('urgent');
    return doSubmitDesigns(ctx, req.ids as string[], req.urgent === true);
  });
}

export function pendingFor(ctx: Ctx): PendingDecision[] {
  const minutes = minutesFn(ctx);
  const out: PendingDecision[] = [];
  const me = ctx.email.toLowerCase();
  const requests = loadRequests(ctx);
  // Not the owner: decisions go through the review page (the owner's web app). This execution
  // cannot sign a link (the key is the owner's), so the page is opened by request and level: the
  // page knows its signed-in visitor and shows the form only to that row's approver.
  const owner = runsAsOwner();
  const web = owner ? '' : webAppUrl();
  const reviewLink = (req: StoredRequest, row: StoredRow): { reviewUrl?: string } => (web ? { reviewUrl: reviewPageUrl(web, req.id, row.level) } : {});
  for (const req of requests) {
    for (const row of req.rows) {
      if (row.approver.toLowerCase() !== me) continue;
      // Items she is the PIC of are not hers to decide (another approver of the level decides them).
      const { pending, recused } = pendingOf(ctx, req, row);
      if (!pending.length) continue;
      const step = approvalStep(req.kind);
      out.push({
        requestId: req.id,
        kind: req.kind,
        period: req.period,
        policy: req.policy,
        level: row.level,
        levels: levelsOf(req).length,
        submittedBy: req.submittedBy,
        submittedByName: displayName(ctx.people, req.submittedBy),
        ...(isUrgent(req) ? { urgent: true } : {}),
        submittedAt: new Date(req.submittedAt).toISOString(),
        startedAt: row.startedAt === null ? null : new Date(row.startedAt).toISOString(),
        waitedMinutes: row.startedAt === null ? 0 : Math.round(minutes(row.startedAt, ctx.now)),
        standardMinutes: ctx.settings.standardMinutes[step],
        items: pending.map((id) => info(reviewView(ctx, requests, req, id))),
        ...(recused.length ? { recused } : {}),
        ...(owner ? {} : reviewLink(req, row)),
      });
    }
  }
  return out;
}

export function apiPendingDecisions(req: unknown): Result<PendingDecision[]> {
  return endpoint((ctx) => {
    if (req !== undefined && req !== null && !isPlainObject(req)) throw bad('{}');
    requireRole(ctx, APPROVER_ROLES, tr(ctx.lang, API_MESSAGES.decideAction));
    repairIfNeeded(ctx, mailEnv);
    return pendingFor(ctx);
  });
}

function parseDecide(req: unknown): DecideRequest {
  if (!isPlainObject(req)) throw bad('{requestId, decisions}');
  if (typeof req.requestId !== 'string' || !/^P-\d{1,9}$/.test(req.requestId)) throw bad('requestId');
  if (!Array.isArray(req.decisions) || !req.decisions.length || req.decisions.length > 500) throw bad('decisions');
  const decisions: DecideRequest['decisions'] = [];
  for (const d of req.decisions) {
    if (!isPlainObject(d) || typeof d.itemId !== 'string' || d.itemId.length > 40 || (d.decision !== 'approve' && d.decision !== 'revise')) throw bad('decisions[]');
    if (d.feedback !== undefined && typeof d.feedback !== 'string') throw bad('feedback');
    decisions.push({ itemId: d.itemId, decision: d.decision, ...(typeof d.feedback === 'string' ? { feedback: d.feedback } : {}) });
  }
  return { requestId: req.requestId, decisions };
}

function rejectMessage(ctx: Ctx, r: { itemId: string; reason: RejectReason; by?: string; at?: number }): string {
  switch (r.reason) {
    case 'decided':
      return tr(ctx.lang, API_MESSAGES.rejectedDecided, { id: r.itemId, by: r.by ? displayName(ctx.people, r.by) : '?', at: r.at ? formatDateTime(r.at, ctx.lang) : '?' });
    case 'not-pending':
      return tr(ctx.lang, API_MESSAGES.rejectedPending, { id: r.itemId });
    case 'unknown-item':
      return tr(ctx.lang, API_MESSAGES.rejectedUnknown, { id: r.itemId });
    case 'recused':
      return tr(ctx.lang, API_MESSAGES.rejectedRecused, { id: r.itemId });
    default:
      return tr(ctx.lang, API_MESSAGES.rejectedFeedback, { id: r.itemId });
  }
}

export function apiDecide(req: unknown): Result<DecideValue> {
  return endpoint((ctx) => {
    const args = parseDecide(req);
    requireRole(ctx, APPROVER_ROLES, tr(ctx.lang, API_MESSAGES.decideAction));
    const env = mailEnv();
    return withScriptLock(() => {
      reconcile(ctx, env);
      const stored = loadRequests(ctx).find((r) => r.id === args.requestId);
      const mine = stored?.rows.filter((r) => r.approver.toLowerCase() === ctx.email.toLowerCase()) ?? [];
      if (!stored || !mine.length) throw new SiaranError('FORBIDDEN', API_MESSAGES.notYours, { id: args.requestId, email: ctx.email });
      // The row whose turn it is (or, when none waits, the latest one: it reports "already decided").
      const row = mine.find((r) => r.status === 'Menunggu') ?? mine[mine.length - 1];
      const out = decide(ctx, { requestId: stored.id, level: row.level, approver: row.approver, decisions: args.decisions, via: 'panel' });
      if (out.result.applied.length) finishDecision(ctx, env, out);
      const rejected = out.result.rejected.map((r) => ({
        itemId: r.itemId,
        reason: r.reason,
        ...(r.by ? { by: r.by } : {}),
        ...(r.at ? { at: new Date(r.at).toISOString() } : {}),
        message: rejectMessage(ctx, r),
      }));
      const message = [tr(ctx.lang, API_MESSAGES.decided, { n: out.result.applied.length }), ...rejected.map((r) => r.message)].join('\n');
      const applied = out.result.applied;
      const summary = decidedSummary({ kind: stored.kind, period: stored.period, requestId: stored.id, approved: applied.filter((a) => a.decision === 'approve').length, revise: applied.filter((a) => a.decision === 'revise').length }, ctx.lang);
      return {
        ...(applied.length ? { shareUrl: whatsappUrl(summary, env.workbookUrl, ctx.lang) } : {}),
        requestId: stored.id,
        applied: out.result.applied.map((a) => ({ itemId: a.itemId, decision: a.decision })),
        rejected,
        finalized: out.result.finalized.map((f) => ({ itemId: f.itemId, outcome: f.outcome })),
        message,
      };
    }, busyError);
  });
}

export function overview(ctx: Ctx): ApprovalOverviewRow[] {
  return slaRows(loadRequests(ctx), ctx.settings.standardMinutes, ctx.now, minutesFn(ctx)).map((r) => ({
    requestId: r.requestId,
    kind: r.kind,
    period: r.period,
    level: r.level,
    approver: r.approver,
    status: r.status,
    step: r.step,
    minutes: r.minutes,
    standardMinutes: r.standard,
    overdue: r.overdue,
  }));
}

export function apiApprovalOverview(req: unknown): Result<ApprovalOverviewRow[]> {
  return endpoint((ctx) => {
    if (req !== undefined && req !== null && !isPlainObject(req)) throw bad('{}');
    repairIfNeeded(ctx, mailEnv);
    return overview(ctx);
  });
}
