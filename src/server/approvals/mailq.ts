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
import { recipientCount } from '../../adapters/mail';
import type { PrefixStore } from '../../adapters/props';
import {
  buildDigestMail,
  buildOutcomeMail,
  buildBatchRequestMail,
  buildRequestMail,
  buildStrategyMail,
  RequestMailInput,
  Decision,
  itemOutcome,
  levelsOf,
  pendingForRow,
  selectDigests,
  DigestLine,
  isUrgent,
  mayDecideAtLevel,
} from '../../core/approval';
import { formatDateTime } from '../../core/i18n';
import { displayName, findPerson } from '../../core/people';
import type { KeyValueStore, Mailer, OutgoingMail } from '../../core/ports';
import { addLog, Ctx } from '../context';
import { sign, randomToken } from './secret';
import { itemView, loadRequests, reviewView, StoredRequest } from './store';
import { decidedSummary, whatsappUrl } from '../../core/share';
import { approvalStep, APPROVER_ROLES, periodOfCell } from '../../core/sop';
import { minutesFn } from '../clock';

export type MailIntent =
  | { k: 'request'; req: string; lvl: number; ap: string }
  | { k: 'outcome'; req: string; items: string[] }
  | { k: 'digest'; to: string; day: string }
  | { k: 'strategy'; period: string; to: string; by: string };

export interface MailEnv {
  mailer: Mailer;
  store: PrefixStore;
  /** The web app's URL (review links). */
  webAppUrl: string;
  workbookUrl: string;
  /**
   * The link key's store: the owner's user properties in the owner's executions, null in anyone
   * else's. Without it no link is minted, so request mail waits for the owner's digest trigger.
   */
  links: KeyValueStore | null;
  /**
   * True in the owner's triggers, which send mail themselves. Everywhere else (a panel call, the
   * review page, a menu) mail is held for the owner's digest trigger, so nobody waits on MailApp
   * (about 1.5 s a mail) and only the owner's executions sign links.
   */
  sendNow: boolean;
}

export const QUEUE_PREFIX = 'siaran.mq.';
const DAY_MS = 86400000;

function isIntent(v: unknown): v is MailIntent {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (o.k === 'request') return typeof o.req === 'string' && typeof o.lvl === 'number' && typeof o.ap === 'string';
  if (o.k === 'outcome') return typeof o.req === 'string' && Array.isArray(o.items);
  if (o.k === 'digest') return typeof o.to === 'string' && typeof o.day === 'string';
  if (o.k === 'strategy') return typeof o.period === 'string' && typeof o.to === 'string' && typeof o.by === 'string';
  return false;
}

function stepOf(req: StoredRequest | undefined): string {
  return req ? (String(approvalStep(req.kind))) : '3, 5';
}

/** The review link for one row: a fresh token bound to the request, approver, level and expiry. */
export function reviewUrl(ctx: Ctx, env: MailEnv, req: StoredRequest, level: number, approver: string): { url: string; expires: number } | null {
  const row = req.rows.find((r) => r.level === level && r.approver.toLowerCase() === approver.toLowerCase());
  if (!row || !row.nonce || !env.links) return null;
  const expires = ctx.now + Math.round(ctx.settings.linkValidityDays * DAY_MS);
  const token = sign(env.links, { v: 1, req: req.id, ap: row.approver, lvl: level, exp: expires, n: row.nonce });
  const sep = env.webAppUrl.indexOf('?') >= 0 ? '&' : '?';
  return { url: `${env.webAppUrl}${sep}t=${token}`, expires };
}

/**
 * The review page of one request and level, without a token: the page (the owner's web app) shows
 * the form only to the signed-in approver of that row, with a token it signs then. For the panel
 * of a head whose execution cannot sign links.
 */
export function reviewPageUrl(webAppUrl: string, requestId: string, level: number): string {
  const sep = webAppUrl.indexOf('?') >= 0 ? '&' : '?';
  return `${webAppUrl}${sep}r=${encodeURIComponent(requestId)}&l=${level}`;
}

/** Today's date in WIB, 'YYYY-MM-DD'. */
export function dayKey(ms: number): string {
  return new Date(ms + 7 * 3600000).toISOString().slice(0, 10);
}

/** What a request mail says (null when nothing waits on that approver any more). */
function requestInput(ctx: Ctx, env: MailEnv, requests: readonly StoredRequest[], intent: Extract<MailIntent, { k: 'request' }>, compact: boolean): { input: RequestMailInput; req: StoredRequest } | null {
  const shorten = <T extends ReturnType<typeof itemView>>(v: T): T => (compact ? compactView(v) : v);
  const lang = ctx.lang;
  const req = requests.find((r) => r.id === intent.req);
  const row = req?.rows.find((r) => r.level === intent.lvl && r.approver.toLowerCase() === intent.ap.toLowerCase());
  if (!req || !row) return null;
  const pending = pendingForRow(req, row);
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
      const pic = /[^\s<>,;]+@[^\s<>,;]+/.exec(view.pic ?? '')?.[0] ?? '';
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
  const digests = selectDigests(requests, ctx.people, {
    now: ctx.now,
    reminderAfter: ctx.settings.reminderAfterMinutes,
    escalateAfter: ctx.settings.escalateAfterMinutes,
    minutesBetween: minutesFn(ctx),
    sentToday: () => false,
  });
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

function enqueue(ctx: Ctx, env: MailEnv, intent: MailIntent): void {
  const key = `${QUEUE_PREFIX}${String(ctx.now).padStart(15, '0')}.${randomToken().slice(0, 10)}`;
  env.store.set(key, JSON.stringify({ i: intent, q: ctx.now }));
}

/** What sendOrQueue did, by recipient: for messages that say who was mailed now and who later. */
export interface SendReport {
  sent: number;
  queued: number;
  sentTo: string[];
  queuedTo: string[];
  /** Design request mails held for the digest window (jeda_ringkasan_menit). */
  heldTo: string[];
  /**
   * Urgent request mails of an execution that is not the owner's: only the owner's executions sign
   * links, so the owner's digest trigger sends them at its next run (every DIGEST_EVERY_MINUTES).
   */
  soonTo: string[];
  failed: Array<{ to: string; why: string }>;
}

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
  const held = new Map<string, StoredRequest>();
  if (!opts.urgent && windowMin > 0 && intents.some((i) => i.k === 'request')) for (const r of loadRequests(ctx)) if (!isUrgent(r)) held.set(r.id, r);
  if (!env.sendNow) {
    // Not a trigger: every mail is held for the owner's digest trigger (see MailEnv.sendNow).
    const requests = loadRequests(ctx);
    for (const intent of intents) {
      const holdFor = intent.k === 'request' ? held.get(intent.req) : undefined;
      if (intent.k === 'request' && holdFor) {
        hold(ctx, env, intent, holdFor, windowMin);
        out.heldTo.push(intent.ap);
      } else if (intent.k === 'request') {
        const req = requests.find((r) => r.id === intent.req);
        if (!req) continue;
        holdForOwner(ctx, env, intent, req);
        out.soonTo.push(intent.ap);
      } else {
        env.store.set(holdKey(ctx), JSON.stringify({ i: intent, q: ctx.now, u: 1 }));
        if (intent.k === 'strategy') out.soonTo.push(intent.to);
        else if (intent.k === 'outcome') out.soonTo.push(requests.find((r) => r.id === intent.req)?.submittedBy ?? '');
      }
    }
    out.soonTo = out.soonTo.filter((x) => x);
    return out;
  }
  // Mail already waiting goes first: never overtake the queue.
  const backlog = env.store.keys(QUEUE_PREFIX).length > 0;
  for (const intent of intents) {
    const holdFor = intent.k === 'request' ? held.get(intent.req) : undefined;
    if (intent.k === 'request' && holdFor) {
      hold(ctx, env, intent, holdFor, windowMin);
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
  return out;
}

/** Request mails (plan and design) wait here until the digest window of their approver's first one ends. */
export const HOLD_PREFIX = 'siaran.ringkas.';
/**
 * The installer's recurring trigger that sends the digests whose window has ended (the hourly
 * trigger does too). Submissions never create triggers: a trigger made in a staff member's
 * execution would run, and send the approvers' signed links, as that staff member.
 */
export const DIGEST_HANDLER = 'triggerDigest';
/** How often the digest trigger runs (ScriptApp allows 1, 5, 10, 15 or 30 minutes). */
export const DIGEST_EVERY_MINUTES = 10 as const;

function holdKey(ctx: Ctx): string {
  return `${HOLD_PREFIX}${String(ctx.now).padStart(15, '0')}.${randomToken().slice(0, 10)}`;
}

function hold(ctx: Ctx, env: MailEnv, intent: Extract<MailIntent, { k: 'request' }>, req: StoredRequest, windowMin: number): void {
  env.store.set(holdKey(ctx), JSON.stringify({ i: intent, q: ctx.now }));
  addLog(ctx, stepOf(req), 'Email digabung', `${intent.req} → ${intent.ap}`, `Dikirim dalam satu email ringkasan bersama pengajuan lain dalam ${windowMin} menit (jeda_ringkasan_menit).`);
}

/** An urgent request mail held for the owner's next digest run (`u`: no window to wait out). */
function holdForOwner(ctx: Ctx, env: MailEnv, intent: Extract<MailIntent, { k: 'request' }>, req: StoredRequest): void {
  env.store.set(holdKey(ctx), JSON.stringify({ i: intent, q: ctx.now, u: 1 }));
  addLog(ctx, stepOf(req), 'Email menunggu pemicu', `${intent.req} → ${intent.ap}`, `Dikirim oleh pemicu Siaran milik pemilik workbook dalam ${DIGEST_EVERY_MINUTES} menit (tautan persetujuan hanya dibuat di sana).`);
}

/** Whether any request mail waits for its digest (one listing of the store, nothing else). */
export function anyHeld(env: MailEnv): boolean {
  return env.store.keys(HOLD_PREFIX).length > 0;
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
  for (const key of env.store.keys(HOLD_PREFIX)) {
    let v: { i?: unknown; q?: unknown; u?: unknown } | null;
    try {
      v = JSON.parse(env.store.get(key) || 'null') as { i?: unknown; q?: unknown; u?: unknown } | null;
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
  if (notices.length) {
    // Deleted first: sendOrQueue queues what cannot go now, so nothing is sent twice or lost.
    for (const n of notices) env.store.delete(n.key);
    const r = sendOrQueue(ctx, { ...env, sendNow: true }, notices.map((n) => n.intent));
    sent += r.sent;
    queued += r.queued;
  }
  const requests = byApprover.size ? loadRequests(ctx) : [];
  // Held in the same millisecond (two requests of one submission), keys sort by their random part:
  // the digest lists requests in the order they were held, then by request number.
  const reqNo = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  for (const list of byApprover.values()) list.sort((a, b) => a.q - b.q || reqNo(a.intent.req) - reqNo(b.intent.req) || a.intent.lvl - b.intent.lvl);
  for (const [group, entries] of byApprover) {
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

/** The request mails waiting in the queue, as "request|level|approver (lower case)". */
export function queuedRequestMail(env: MailEnv): Set<string> {
  const out = new Set<string>();
  for (const key of env.store.keys(QUEUE_PREFIX)) {
    try {
      const v = JSON.parse(env.store.get(key) || 'null') as { i?: unknown } | null;
      if (v && isIntent(v.i) && v.i.k === 'request') out.add(`${v.i.req}|${v.i.lvl}|${v.i.ap.toLowerCase()}`);
    } catch {
      // A broken entry is dropped by retryQueue.
    }
  }
  return out;
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
