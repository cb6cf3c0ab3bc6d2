/**
 * The daily reminder digest and escalation, the mail queue retry, and the SLA highlight of the
 * Persetujuan rows that went over their standard time.
 */
import { isWorkingDay } from '../../core/calendar';
import { formatMinutes } from '../../core/i18n';
import { addLog, commit, Ctx } from '../context';
import { withScriptLock } from '../run';
import { tryReconcile } from './journal';
import { flushHeld, queuedRequestMail, retryQueue, sendOrQueue } from './mailq';
import { dayKey, MailEnv, MailIntent } from './mail-common';
import { loadRequests, saveRequest } from './store';
import { dueDigests } from './mail-send';
import { markOverdue } from './overdue';
import { workCalendar } from '../clock';

/** Script property recording the day (WIB) of a person's last digest: at most one a day. */
export const DIGEST_KEY_PREFIX = 'siaran.digest.';
/** Sends (or queues) today's digests. Does nothing on a non-working day. */
export function runReminders(ctx: Ctx, env: MailEnv): { digests: number; skipped?: 'non-working-day' | 'busy' } {
  if (!isWorkingDay(workCalendar(ctx), ctx.now)) return { digests: 0, skipped: 'non-working-day' };
  return withScriptLock(
    () => {
      const today = dayKey(ctx.now);
      const requests = loadRequests(ctx);
      const waitingMail = queuedRequestMail(env);
      const digests = dueDigests(ctx, requests, (email) => env.store.get(DIGEST_KEY_PREFIX + email.toLowerCase()) === today)
        // Never remind someone of a request whose mail is still waiting in the queue: the
        // reminder would arrive together with (or before) the request itself.
        .map((d) => ({ ...d, own: d.own.filter((e) => !waitingMail.has(`${e.requestId}|${e.level}|${d.to.toLowerCase()}`)) }))
        .filter((d) => d.own.length || d.escalated.length);
      const intents: MailIntent[] = [];
      for (const d of digests) {
        env.store.set(DIGEST_KEY_PREFIX + d.to.toLowerCase(), today);
        for (const e of d.own) {
          const req = requests.find((r) => r.id === e.requestId);
          if (!req) continue;
          const next = { ...req, rows: req.rows.map((r) => (r.level === e.level && r.approver.toLowerCase() === d.to.toLowerCase() ? { ...r, lastReminder: ctx.now } : r)) };
          const saved = saveRequest(ctx, req, next);
          requests[requests.indexOf(req)] = saved;
        }
        if (d.own.length) addLog(ctx, '3, 5', 'Pengingat harian', d.to, `Menunggu: ${d.own.map((e) => `${e.requestId} (tingkat ${e.level}, ${formatMinutes(e.waitedMinutes)} dalam jam kerja)`).join(', ')}`);
        if (d.escalated.length) addLog(ctx, '3, 5', 'Eskalasi ke Kabag', d.to, `Menunggu di Kasubbag lebih dari ${formatMinutes(ctx.settings.escalateAfterMinutes)} dalam jam kerja: ${d.escalated.map((e) => `${e.requestId} (${e.waitingOn}, ${formatMinutes(e.waitedMinutes)})`).join(', ')}`);
        intents.push({ k: 'digest', to: d.to, day: today });
      }
      markOverdue(ctx);
      commit(ctx);
      sendOrQueue(ctx, env, intents);
      commit(ctx);
      return { digests: digests.length };
    },
    () => ({ digests: 0, skipped: 'busy' as const }),
  );
}

/**
 * Under the lock (the queue is shared by every execution): first finishes what cut executions
 * left (journal.ts; both item tabs are checked, once an hour), then retries queued mail. A repair
 * that cannot run (a tab missing) does not stop the mail.
 */
export function runMailQueue(ctx: Ctx, env: MailEnv): { sent: number; dropped: number; left: number; digests?: number; repaired?: boolean | string } {
  return withScriptLock(
    () => {
      const repaired = tryReconcile(ctx, env, ['konsep', 'desain']);
      const r = retryQueue(ctx, env);
      // Design request mails whose digest window has ended: one mail per approver.
      const digests = flushHeld(ctx, env);
      commit(ctx);
      return { ...r, digests: digests.sent, repaired };
    },
    () => ({ sent: 0, dropped: 0, left: -1 }),
  );
}

/**
 * Under the lock: sends the held request mails whose digest window has ended (mailq.ts flushHeld).
 * An action cut after it held its mail is finished first (journal.ts; flushHeld does not send the
 * mail of an unfinished one), so that mail goes out in this run rather than after the hourly repair.
 */
export function runDigest(ctx: Ctx, env: MailEnv): { sent: number; queued: number; skipped?: 'busy' } {
  return withScriptLock(
    () => {
      tryReconcile(ctx, env);
      const r = flushHeld(ctx, env);
      commit(ctx);
      return r;
    },
    () => ({ sent: 0, queued: 0, skipped: 'busy' as const }),
  );
}
