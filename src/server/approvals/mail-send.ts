/**
 * Sending approval mail: rendering an intent from the workbook, sending or queueing it, the digest
 * flush and the queue retry. Only the owner's triggers send (MailEnv.sendNow), so this code is in
 * the ServerExtras chunk (scripts/build.mjs), loaded only by the executions that send.
 */
import { recipientCount } from '../../adapters/mail';
import {
  buildDigestMail,
  buildOutcomeMail,
  buildBatchRequestMail,
  buildRequestMail,
  buildStrategyMail,
  RequestMailInput,
  Decision,
  itemOutcome,
  selectDigests,
  Digest,
  journalOf,
  levelsOf,
  DigestLine,
  isUrgent,
  mayDecideAtLevel,
  picEmail,
} from '../../core/approval';
import { formatDateTime } from '../../core/i18n';
import { displayName, findPerson } from '../../core/people';
import type { OutgoingMail } from '../../core/ports';
import { addLog, Ctx } from '../context';
import { itemView, loadRequests, pendingOf, reviewView, StoredRequest } from './store';
import { minutesFn } from '../clock';
import { decidedSummary, whatsappUrl } from '../../core/share';
import { APPROVER_ROLES, periodOfCell } from '../../core/sop';
import { dayKey, enqueue, hold, HOLD_PREFIX, isIntent, MailEnv, MailIntent, QUEUE_PREFIX, reviewUrl, SendReport, stepOf } from './mail-common';

/** What a request mail says (null when nothing waits on that approver any more). */
function requestInput(ctx: Ctx, env: MailEnv, requests: readonly StoredRequest[], intent: Extract<MailIntent, { k: 'request' }>, compact: boolean): { input: RequestMailInput; req: StoredRequest } | null {
  const shorten = <T extends ReturnType<typeof itemView>>(v: T): T => (compact ? compactView(v) : v);
  const lang = ctx.lang;
  const req = requests.find((r) => r.id === intent.req);
  const row = req?.rows.find((r) => r.level === intent.lvl && r.approver.toLowerCase() === intent.ap.toLowerCase());
  if (!req || !row) return null;
  // Items the approver is the PIC of are left out: another approver of the level decides them.
  const { pending } = pendingOf(ctx, req, row);
  if (!pending.length) return null;
  // Mail from the owner's trigger goes only to the people of the owner's roster (held mail lives in
  // script properties, which any editor can write): an approver the roster no longer backs gets none.
  if (!mayDecideAtLevel(req.policy, row.level, findPerson(ctx.people, row.approver))) return null;
  const link = reviewUrl(ctx, env, req, row.level, row.approver);
  if (!link) return null;
  const items = pending.map((id) => shorten(reviewView(ctx, requests, req, id)));
  return {
    req,
    input: {
      lang,
      requestId: req.id,
      kind: req.kind,
      period: req.period,
      policy: req.policy,
      level: row.level,
      levels: levelsOf(req).length,
      approverName: displayName(ctx.people, row.approver),
      submitterName: displayName(ctx.people, req.submittedBy),
      items,
      reviewUrl: link.url,
      workbookUrl: env.workbookUrl,
      expiresAt: link.expires,
      ...(isUrgent(req) ? { urgent: true } : {}),
    },
  };
}

/** Renders an intent from the current workbook; null when it is no longer needed. */
export function render(ctx: Ctx, env: MailEnv, intent: MailIntent, compact = false): { mail: OutgoingMail; step: string; object: string } | null {
  const requests = loadRequests(ctx);
  const shorten = <T extends ReturnType<typeof itemView>>(v: T): T => (compact ? compactView(v) : v);
  const lang = ctx.lang;
  if (intent.k === 'request') {
    const r = requestInput(ctx, env, requests, intent, compact);
    if (!r) return null;
    return { mail: { to: intent.ap, ...buildRequestMail(r.input) }, step: stepOf(r.req), object: `${r.req.id} → ${intent.ap}` };
  }
  if (intent.k === 'outcome') {
    const req = requests.find((r) => r.id === intent.req);
    if (!req) return null;
    const items: Array<ReturnType<typeof itemView> & { outcome: Decision; decidedBy: string }> = [];
    const cc: string[] = [];
    for (const id of intent.items) {
      const o = itemOutcome(req, id);
      if (!o) continue;
      const view = shorten(itemView(ctx, req.kind, id, req.items.find((i) => i.id === id)?.version));
      items.push({ ...view, feedback: o.decision === 'revise' ? (o.final.feedback ?? '') : '', outcome: o.decision, decidedBy: displayName(ctx.people, o.final.by) });
      // The PIC of every decided item is told (approved or sent back), not only the submitter.
      const pic = picEmail(view.pic ?? '');
      if (pic && pic.toLowerCase() !== req.submittedBy.toLowerCase() && findPerson(ctx.people, pic) && !cc.some((x) => x.toLowerCase() === pic.toLowerCase())) cc.push(pic);
    }
    if (!items.length || !req.submittedBy || !findPerson(ctx.people, req.submittedBy)) return null;
    const summary = decidedSummary({ kind: req.kind, period: req.period, requestId: req.id, approved: items.filter((i) => i.outcome === 'approve').length, revise: items.filter((i) => i.outcome === 'revise').length }, lang);
    const mail = buildOutcomeMail({
      lang,
      requestId: req.id,
      kind: req.kind,
      period: req.period,
      submitterName: displayName(ctx.people, req.submittedBy),
      items,
      workbookUrl: env.workbookUrl,
      recipientNames: [req.submittedBy, ...cc].map((e) => displayName(ctx.people, e)),
      shareUrl: whatsappUrl(summary, env.workbookUrl, lang),
    });
    return { mail: { to: req.submittedBy, ...(cc.length ? { cc: cc.join(',') } : {}), ...mail }, step: stepOf(req), object: `${req.id} → ${req.submittedBy}` };
  }
  if (intent.k === 'strategy') {
    const head = findPerson(ctx.people, intent.to);
    if (!head || !head.role || !(APPROVER_ROLES as readonly string[]).includes(head.role)) return null;
    const t = ctx.wb.sheet('strategi') ? ctx.wb.table('strategi', { lenient: true }) : null;
    const directions: Array<{ platform: string; text: string }> = [];
    if (t) for (let i = 0; i < t.size; i++) if (periodOfCell(t.get(i, 'periode')) === intent.period && t.text(i, 'arahan')) directions.push({ platform: t.text(i, 'platform'), text: t.text(i, 'arahan') });
    const mail = buildStrategyMail({ lang, name: displayName(ctx.people, intent.to), byName: displayName(ctx.people, intent.by), period: intent.period, directions, workbookUrl: env.workbookUrl });
    return { mail: { to: intent.to, ...mail }, step: '1', object: `Strategi ${intent.period} → ${intent.to}` };
  }
  // digest
  if (intent.day !== dayKey(ctx.now)) return null;
  const digests = dueDigests(ctx, requests, () => false);
  const d = digests.find((x) => x.to.toLowerCase() === intent.to.toLowerCase());
  if (!d) return null;
  const line = (e: { requestId: string; level: number; waitedMinutes: number; waitingOn?: string }, withLink: boolean): DigestLine => {
    const req = requests.find((r) => r.id === e.requestId) as StoredRequest;
    const link = withLink ? reviewUrl(ctx, env, req, e.level, d.to) : null;
    return {
      requestId: e.requestId,
      kind: req.kind,
      period: req.period,
      level: e.level,
      waitedMinutes: e.waitedMinutes,
      ...(e.waitingOn ? { waitingOn: displayName(ctx.people, e.waitingOn) } : {}),
      ...(link ? { reviewUrl: link.url } : {}),
    };
  };
  const mail = buildDigestMail({
    lang,
    name: displayName(ctx.people, d.to),
    own: d.own.map((e) => line(e, true)),
    escalated: d.escalated.map((e) => line(e, false)),
    workbookUrl: env.workbookUrl,
  });
  return { mail: { to: d.to, ...mail }, step: '3, 5', object: `Pengingat → ${d.to}` };
}

/** Longest text of one item field in a shortened mail (the full text is on the review page). */
const COMPACT_FIELD = 300;

function cut(text: string | undefined): string | undefined {
  if (text === undefined || text.length <= COMPACT_FIELD) return text;
  return `${text.slice(0, COMPACT_FIELD)}… (terpotong; selengkapnya di halaman tinjauan dan workbook)`;
}

/** An item with its long texts cut, for a mail that was too large to send whole. */
function compactView<T extends ReturnType<typeof itemView>>(v: T): T {
  const preview = v.preview ? { visible: cut(v.preview.visible) ?? '', more: v.preview.more } : undefined;
  const changes = v.changes ? v.changes.map((c) => ({ field: c.field, before: cut(c.before) ?? '', after: cut(c.after) ?? '' })) : v.changes;
  return { ...v, activity: cut(v.activity), description: cut(v.description), copy: cut(v.copy), title: cut(v.title), feedback: cut(v.feedback), link: v.link && v.link.length > COMPACT_FIELD ? '' : v.link, preview, changes };
}

function bodyTooLarge(e: unknown): boolean {
  return /body size/i.test(e instanceof Error ? e.message : String(e));
}

/** A send error as the Log says it (Bahasa Indonesia: the Log is the office's record). */
function plainSendError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  if (bodyTooLarge(e)) return 'isi email terlalu besar untuk dikirim (batas ukuran isi email Apps Script), bahkan setelah teks item dipotong';
  if (/recipients per message/i.test(m)) return 'penerima terlalu banyak dalam satu email';
  if (/invalid email|invalid argument/i.test(m)) return `alamat email tidak sah (${m})`;
  return m;
}

function quotaError(e: unknown): boolean {
  // Only the daily quota passes with time; a body too large or too many recipients never will.
  return /too many times|daily quota/i.test(e instanceof Error ? e.message : String(e));
}

/**
 * sendOrQueue in the owner's triggers (env.sendNow): renders each intent from the workbook and
 * sends it, or queues it when the quota does not allow it (see sendOrQueue).
 */
export function sendNowIntents(ctx: Ctx, env: MailEnv, intents: readonly MailIntent[], held: Map<string, StoredRequest>, windowMin: number): SendReport {
  const out: SendReport = { sent: 0, queued: 0, sentTo: [], queuedTo: [], heldTo: [], soonTo: [], failed: [] };
  // Mail already waiting goes first: never overtake the queue.
  const backlog = env.store.keys(QUEUE_PREFIX).length > 0;
  // Held request mails are written together, in one setProperties, as sendOrQueue does.
  const batch: Record<string, string> = {};
  const put = (key: string, value: string): void => {
    batch[key] = value;
  };
  for (const intent of intents) {
    const holdFor = intent.k === 'request' ? held.get(intent.req) : undefined;
    if (intent.k === 'request' && holdFor) {
      hold(ctx, intent, holdFor, windowMin, put);
      out.heldTo.push(intent.ap);
      continue;
    }
    const r = render(ctx, env, intent);
    if (!r) continue;
    let ok = false;
    let why = '';
    if (!backlog) {
      const left = safeQuota(env);
      if (left >= recipientCount(r.mail)) {
        try {
          env.mailer.send(r.mail);
          ok = true;
        } catch (e) {
          why = e instanceof Error ? e.message : String(e);
          if (!quotaError(e)) {
            let err: unknown = e;
            const short = bodyTooLarge(e) ? render(ctx, env, intent, true) : null;
            if (short) {
              try {
                env.mailer.send(short.mail);
                addLog(ctx, r.step, 'Email diperpendek', r.object, `"${r.mail.subject}": isi email terlalu besar untuk dikirim utuh; teks item dipotong, selengkapnya di halaman tinjauan dan workbook.`);
                out.sent++;
                out.sentTo.push(r.mail.to);
                continue;
              } catch (e2) {
                err = e2;
              }
            }
            // Waiting will not help (bad address, body too large): the action itself stands;
            // the Log says which mail did not go out and why.
            const plain = plainSendError(err);
            addLog(ctx, r.step, 'Email gagal dikirim', r.object, `"${r.mail.subject}": ${plain}. Penerima dapat memakai panel Siaran di workbook.`);
            out.failed.push({ to: r.mail.to, why: plain });
            continue;
          }
        }
      } else why = `kuota email harian tersisa ${left}`;
    } else why = 'antrean email belum kosong';
    if (ok) {
      out.sent++;
      out.sentTo.push(r.mail.to);
    } else {
      enqueue(ctx, env, intent);
      out.queued++;
      out.queuedTo.push(r.mail.to);
      addLog(ctx, r.step, 'Email ditunda', r.object, `"${r.mail.subject}" diantrekan (${why}); dikirim ulang otomatis oleh pemicu per jam.`);
    }
  }
  if (Object.keys(batch).length) env.store.setAll(batch);
  return out;
}

/**
 * Sends the held request mails whose window has ended (or all, with `all`): one mail per
 * approver, listing every request still waiting on them, plan and design alike (a single request
 * gets its usual mail). Call under the script lock. The held entries are deleted only after the
 * mail went out (or was moved to the queue): a cut in between sends the digest again at the next
 * run rather than never. What cannot be sent now goes to the mail queue (sent one by one by the
 * hourly trigger).
 */
export function flushHeld(ctx: Ctx, env: MailEnv, all = false): { sent: number; queued: number } {
  // Only the owner's executions sign links: anyone else leaves the held mail for them.
  if (!env.links) return { sent: 0, queued: 0 };
  const windowMs = ctx.settings.digestWindowMinutes * 60000;
  const byApprover = new Map<string, Array<{ key: string; intent: Extract<MailIntent, { k: 'request' }>; q: number }>>();
  const notices: Array<{ key: string; intent: MailIntent }> = [];
  // Every held entry in one getProperties (not one getProperty per held mail).
  for (const [key, raw] of env.store.entries(HOLD_PREFIX)) {
    let v: { i?: unknown; q?: unknown; u?: unknown } | null;
    try {
      v = JSON.parse(raw || 'null') as { i?: unknown; q?: unknown; u?: unknown } | null;
    } catch {
      v = null;
    }
    if (!v || !isIntent(v.i)) {
      env.store.delete(key);
      continue;
    }
    if (v.i.k !== 'request') {
      // A result or strategy notice held by an interactive action: sent as it is, below.
      notices.push({ key, intent: v.i });
      continue;
    }
    // Urgent ones (u) have no window to wait out and go in a mail of their own, so an approver's
    // held ordinary requests are not sent early with them.
    const group = `${v.i.ap.toLowerCase()}|${v.u ? 'u' : ''}`;
    byApprover.set(group, (byApprover.get(group) ?? []).concat({ key, intent: v.i, q: typeof v.q === 'number' ? v.q : ctx.now }));
  }
  let sent = 0;
  let queued = 0;
  const requests = byApprover.size || notices.some((n) => n.intent.k === 'outcome') ? loadRequests(ctx) : [];
  // The mail of an action that was cut before it finished (its journal marker still set) waits
  // until the journal repair has finished it (journal.ts): the repair then finds it held and does
  // not hold it again, so nobody gets it twice, and no mail announces a half-written action.
  const unfinished = new Set(requests.filter((r) => journalOf(r)).map((r) => r.id));
  const ready = notices.filter((n) => !(n.intent.k === 'outcome' && unfinished.has(n.intent.req)));
  if (ready.length) {
    // Deleted first: sendOrQueue queues what cannot go now, so nothing is sent twice or lost.
    for (const n of ready) env.store.delete(n.key);
    const r = sendNowIntents(ctx, { ...env, sendNow: true }, ready.map((n) => n.intent), new Map(), 0);
    sent += r.sent;
    queued += r.queued;
  }
  // Held in the same millisecond (two requests of one submission), keys sort by their random part:
  // the digest lists requests in the order they were held, then by request number.
  const reqNo = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  for (const list of byApprover.values()) list.sort((a, b) => a.q - b.q || reqNo(a.intent.req) - reqNo(b.intent.req) || a.intent.lvl - b.intent.lvl);
  for (const [group, held] of byApprover) {
    const entries = held.filter((e) => !unfinished.has(e.intent.req));
    if (!entries.length) continue;
    const ap = entries[0].intent.ap.toLowerCase();
    const oldest = Math.min(...entries.map((e) => e.q));
    if (!all && !group.endsWith('|u') && oldest + windowMs > ctx.now) continue;
    // The same request held twice for one approver (a journal roll-forward) is mailed once.
    const seen = new Set<string>();
    const parts = entries
      .filter((e) => {
        const k = `${e.intent.req}|${e.intent.lvl}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      })
      .map((e) => requestInput(ctx, env, requests, e.intent, false))
      .filter((x): x is NonNullable<typeof x> => x !== null);
    const done = () => {
      for (const e of entries) env.store.delete(e.key);
    };
    if (!parts.length) {
      done();
      continue;
    }
    const to = entries[0].intent.ap;
    const content = parts.length === 1 ? buildRequestMail(parts[0].input) : buildBatchRequestMail(parts.map((p) => p.input));
    const mail: OutgoingMail = { to, ...content };
    const object = `${parts.map((p) => p.req.id).join(', ')} → ${to}`;
    const step = Array.from(new Set(parts.map((p) => stepOf(p.req)))).sort().join(', ');
    try {
      const left = safeQuota(env);
      if (left < recipientCount(mail)) throw new Error(`kuota email harian tersisa ${left}`);
      env.mailer.send(mail);
      done();
      sent++;
      addLog(ctx, step, parts.length > 1 ? 'Email ringkasan terkirim' : 'Email terkirim', object, `"${mail.subject}"`);
    } catch (e) {
      for (const p of parts) enqueue(ctx, env, { k: 'request', req: p.req.id, lvl: p.input.level, ap });
      done();
      queued += parts.length;
      addLog(ctx, step, 'Email ditunda', object, `${parts.length > 1 ? "Ringkasan" : "Email"} tidak terkirim (${plainSendError(e)}); permintaan diantrekan satu per satu untuk pemicu per jam.`);
    }
  }
  return { sent, queued };
}

function safeQuota(env: MailEnv): number {
  try {
    return env.mailer.remainingQuota();
  } catch {
    return 0;
  }
}

/** Sends queued mail, oldest first, while the quota allows. */
export function retryQueue(ctx: Ctx, env: MailEnv): { sent: number; dropped: number; left: number } {
  // Queued request mail needs a link, which only the owner's executions sign.
  if (!env.links) return { sent: 0, dropped: 0, left: env.store.keys(QUEUE_PREFIX).length };
  const keys = env.store.keys(QUEUE_PREFIX);
  let sent = 0;
  let dropped = 0;
  let i = 0;
  for (; i < keys.length; i++) {
    const raw = env.store.get(keys[i]);
    let parsed: { i?: unknown; q?: unknown } | null;
    try {
      parsed = raw ? (JSON.parse(raw) as { i?: unknown; q?: unknown }) : null;
    } catch {
      parsed = null;
    }
    if (!parsed || !isIntent(parsed.i)) {
      env.store.delete(keys[i]);
      dropped++;
      continue;
    }
    const queuedAt = typeof parsed.q === 'number' ? parsed.q : ctx.now;
    const r = render(ctx, env, parsed.i);
    if (!r) {
      env.store.delete(keys[i]);
      dropped++;
      addLog(ctx, '—', 'Email tertunda dibatalkan', parsed.i.k, `Diantrekan ${formatDateTime(queuedAt, 'id')}; tidak diperlukan lagi (sudah diputuskan atau kedaluwarsa).`);
      continue;
    }
    if (safeQuota(env) < recipientCount(r.mail)) break;
    try {
      env.mailer.send(r.mail);
    } catch (e) {
      if (quotaError(e)) break;
      // Retrying can never cure it: drop it from the queue and say so.
      env.store.delete(keys[i]);
      dropped++;
      addLog(ctx, r.step, 'Email gagal dikirim', r.object, `"${r.mail.subject}": ${plainSendError(e)}. Penerima dapat memakai panel Siaran di workbook.`);
      continue;
    }
    env.store.delete(keys[i]);
    sent++;
    addLog(ctx, r.step, 'Email tertunda terkirim', r.object, `"${r.mail.subject}" terkirim ${formatDateTime(ctx.now, 'id')}; diantrekan sejak ${formatDateTime(queuedAt, 'id')}.`);
  }
  return { sent, dropped, left: keys.length - i };
}

/**
 * The intents that no held or queued mail carries yet. A journal roll-forward (journal.ts) asks
 * before it holds the mail of an action that was cut: when the cut came after the action held its
 * mail, that mail is already waiting and is not held a second time (the approver would get the
 * request twice, the staff member the result twice). One getProperties, only on a repair (so it
 * lives with the sending, outside Code.js).
 */
export function notYetHeld(env: MailEnv, intents: readonly MailIntent[]): MailIntent[] {
  if (!intents.length) return [];
  const waiting: MailIntent[] = [];
  for (const [key, value] of env.store.entries('')) {
    if (key.indexOf(HOLD_PREFIX) !== 0 && key.indexOf(QUEUE_PREFIX) !== 0) continue;
    try {
      const v = JSON.parse(value) as { i?: unknown } | null;
      if (v && isIntent(v.i)) waiting.push(v.i);
    } catch {
      // A broken entry is dropped by the sender.
    }
  }
  const requestKey = (i: Extract<MailIntent, { k: 'request' }>) => `${i.req}|${i.lvl}|${i.ap.toLowerCase()}`;
  const requests = new Set(waiting.flatMap((w) => (w.k === 'request' ? [requestKey(w)] : [])));
  // A result mail may be held in parts (OUTCOME_ITEMS_PER_MAIL): it waits when all its items do.
  const results = new Set(waiting.flatMap((w) => (w.k === 'outcome' ? w.items.map((id) => `${w.req}|${id}`) : [])));
  return intents.filter((i) => {
    if (i.k === 'request') return !requests.has(requestKey(i));
    if (i.k === 'outcome') return !i.items.every((id) => results.has(`${i.req}|${id}`));
    return true;
  });
}

/**
 * The digests due now, by the office's settings: the daily run's choice and, at send time, a held
 * digest's content (with the sending: the daily run sends what it picks). Only what each approver decides: items she is the PIC of are another's.
 */
export function dueDigests(ctx: Ctx, requests: readonly StoredRequest[], sentToday: (email: string) => boolean): Digest[] {
  return selectDigests(requests, ctx.people, {
    now: ctx.now,
    reminderAfter: ctx.settings.reminderAfterMinutes,
    escalateAfter: ctx.settings.escalateAfterMinutes,
    minutesBetween: minutesFn(ctx),
    decides: (req, row) => pendingOf(ctx, req, row).pending,
    sentToday,
  });
}
