/**
 * Approval mail: what to send is recorded as a small "intent" (which request, level and approver;
 * which outcome; whose digest) and rendered from the workbook when it is sent. Mail that cannot go
 * out now (MailApp.getRemainingDailyQuota too low, or the quota error) is queued in script
 * properties, ONE property per mail:
 *
 *   key   siaran.mq.<15-digit epoch ms>.<random>      (sorts oldest first)
 *   value {"i": <intent>, "q": <queued at, epoch ms>}  (a few hundred bytes, far below 9 KB)
 *
 * The hourly and daily triggers retry the queue oldest first. Rendering at send time means a
 * queued approval mail carries a fresh link (its expiry counts from when it is really sent), and a
 * mail that is no longer needed (the request was decided meanwhile) is dropped, with a Log line.
 * Nothing is lost: every queued, sent-late and dropped mail is in the Log.
 */
import { isUrgent } from '../../core/approval';
import type { Ctx } from '../context';
import { loadRequests, StoredRequest } from './store';
import { hold, holdForOwner, holdKey, isIntent, MailEnv, MailIntent, QUEUE_PREFIX, SendReport } from './mail-common';
import { sendNowIntents } from './mail-send';

export { flushHeld, retryQueue } from './mail-send';

/**
 * Sends each intent now, or queues it when the daily quota does not allow it. Call AFTER the
 * action's changes are committed (mail never announces what was not saved). Log entries are added
 * to ctx (the caller commits them). A mail too large to send whole is sent once more with its item
 * texts cut (the full text is on the review page); other errors that waiting cannot cure are
 * logged, never thrown: the action itself stands.
 */
export function sendOrQueue(ctx: Ctx, env: MailEnv, intents: readonly MailIntent[], opts: { urgent?: boolean } = {}): SendReport {
  const out: SendReport = { sent: 0, queued: 0, sentTo: [], queuedTo: [], heldTo: [], soonTo: [], failed: [] };
  if (!intents.length) return out;
  const windowMin = ctx.settings.digestWindowMinutes;
  // Request mails of every kind wait for the digest window, unless the request is urgent (Mendesak).
  // Persetujuan parsed once, and only when a mail needs it.
  const requests = !env.sendNow || (!opts.urgent && windowMin > 0 && intents.some((i) => i.k === 'request')) ? loadRequests(ctx) : [];
  const held = new Map<string, StoredRequest>();
  if (!opts.urgent && windowMin > 0) for (const r of requests) if (!isUrgent(r)) held.set(r.id, r);
  if (!env.sendNow) {
    // Not a trigger: every mail is held for the owner's digest trigger (see MailEnv.sendNow), all
    // of them in one setProperties (all or, at a limit, none) after the loop.
    const batch: Record<string, string> = {};
    const put = (key: string, value: string): void => {
      batch[key] = value;
    };
    for (const intent of intents) {
      const holdFor = intent.k === 'request' ? held.get(intent.req) : undefined;
      if (intent.k === 'request' && holdFor) {
        hold(ctx, intent, holdFor, windowMin, put);
        out.heldTo.push(intent.ap);
      } else if (intent.k === 'request') {
        const req = requests.find((r) => r.id === intent.req);
        if (!req) continue;
        holdForOwner(ctx, intent, req, put);
        out.soonTo.push(intent.ap);
      } else {
        // A property holds at most 9 KB: a result of many items is held (and mailed) in parts.
        const parts: MailIntent[] = intent.k === 'outcome' ? chunk(intent.items, OUTCOME_ITEMS_PER_MAIL).map((items) => ({ ...intent, items })) : [intent];
        for (const part of parts) put(holdKey(ctx), JSON.stringify({ i: part, q: ctx.now, u: 1 }));
        if (intent.k === 'strategy') out.soonTo.push(intent.to);
        else if (intent.k === 'outcome') out.soonTo.push(requests.find((r) => r.id === intent.req)?.submittedBy ?? '');
      }
    }
    if (Object.keys(batch).length) env.store.setAll(batch);
    out.soonTo = out.soonTo.filter((x) => x);
    return out;
  }
  return sendNowIntents(ctx, env, intents, held, windowMin);
}

/** Items of one held result mail: its ids stay far below a property's 9 KB (ids are about 10 bytes). */
export const OUTCOME_ITEMS_PER_MAIL = 400;

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length ? out : [[]];
}

/** The request mails waiting in the queue, as "request|level|approver (lower case)". */
export function queuedRequestMail(env: MailEnv): Set<string> {
  const out = new Set<string>();
  for (const [, raw] of env.store.entries(QUEUE_PREFIX)) {
    try {
      const v = JSON.parse(raw || 'null') as { i?: unknown } | null;
      if (v && isIntent(v.i) && v.i.k === 'request') out.add(`${v.i.req}|${v.i.lvl}|${v.i.ap.toLowerCase()}`);
    } catch {
      // A broken entry is dropped by retryQueue.
    }
  }
  return out;
}

