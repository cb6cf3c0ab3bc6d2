/**
 * MailApp: sendEmail in its documented forms and getRemainingDailyQuota. Sent mail goes to an
 * outbox in state. The daily quota counts recipients (to + cc + bcc) per effective user per day in
 * the script's time zone (100 a day, as a consumer account; setMailQuota changes it).
 */
import type { ServiceContext, ServiceModule } from '../service';
import type { SandboxState } from '../state';
import { slice } from '../state';
import { SandboxBlob } from './blob';
import { signatureError, zonedDateKey, fail } from './utilities';

export const DEFAULT_DAILY_QUOTA = 100;
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
/** 200 KB per message body (consumer accounts). */
export const MAX_BODY_BYTES = 200 * 1024;
/** 25 MB of attachments per message. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export const QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
export const RECIPIENTS_MESSAGE = 'Limit Exceeded: Email Recipients Per Message.';
export const NO_RECIPIENT_MESSAGE = 'Failed to send email: no recipient';

export interface SentMail {
  id: string;
  /** The effective user who sent it. */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  /** The plain-text body. */
  text: string;
  /** The HTML body, or null. */
  html: string | null;
  /** The sender's display name, or null. */
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  sentAtMs: number;
  attachments: Array<{ name: string | null; contentType: string | null; size: number }>;
}

export interface MailSlice {
  outbox: SentMail[];
  dailyQuota: number;
  /** Recipients used per effective user on one day (YYYY-MM-DD in the script time zone). */
  usage: Record<string, { day: string; count: number }>;
}

const init = (): MailSlice => ({ outbox: [], dailyQuota: DEFAULT_DAILY_QUOTA, usage: {} });

/** Everything sent so far, newest last. */
export function outbox(state: SandboxState): SentMail[] {
  return slice(state, 'mail', init).outbox;
}

export function clearOutbox(state: SandboxState): void {
  slice(state, 'mail', init).outbox = [];
}

/** Sets the daily recipient quota (100 consumer, 1,500 Workspace). */
export function setMailQuota(state: SandboxState, n: number): void {
  slice(state, 'mail', init).dailyQuota = n;
}

/** The links in a message body: href values of an HTML body, and bare http(s) URLs of a text body. */
export function mailLinks(body: string): string[] {
  const out: string[] = [];
  const add = (u: string) => {
    const clean = u.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    if (clean && !out.includes(clean)) out.push(clean);
  };
  for (const m of body.matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) add(m[1] ?? m[2]);
  for (const m of body.matchAll(/https?:\/\/[^\s"'<>]+/g)) add(m[0].replace(/[.,;:!?)\]]+$/, ''));
  return out;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** Splits "a@x.org, B <b@y.org>" into addresses; throws "Invalid email: X" on a bad one. */
function addresses(ctx: ServiceContext, list: unknown): string[] {
  if (list === undefined || list === null) return [];
  const out: string[] = [];
  for (const part of String(list).split(',')) {
    const item = part.trim();
    if (!item) continue;
    const angle = /<([^<>]*)>\s*$/.exec(item);
    const addr = (angle ? angle[1] : item).trim();
    if (!EMAIL.test(addr)) fail(ctx, `Invalid email: ${item}`);
    out.push(addr);
  }
  return out;
}

interface Message {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  name?: unknown;
  replyTo?: unknown;
  noReply?: unknown;
  attachments?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function toBlob(ctx: ServiceContext, a: unknown): SandboxBlob {
  if (a instanceof SandboxBlob) return a;
  if (a && typeof (a as { getBlob?: unknown }).getBlob === 'function') {
    const b = (a as { getBlob(): unknown }).getBlob();
    if (b instanceof SandboxBlob) return b;
  }
  return fail(ctx, 'Invalid argument: attachments');
}

export const mailService: ServiceModule = {
  name: 'mail',
  install(ctx: ServiceContext) {
    const data = () => ctx.slice('mail', init);
    const used = (): number => {
      const u = data().usage[ctx.exec.effectiveUser];
      return u && u.day === zonedDateKey(ctx.now(), ctx.timeZone) ? u.count : 0;
    };

    const send = (m: Message): void => {
      const to = addresses(ctx, m.to);
      const cc = addresses(ctx, m.cc);
      const bcc = addresses(ctx, m.bcc);
      const count = to.length + cc.length + bcc.length;
      if (count === 0) fail(ctx, NO_RECIPIENT_MESSAGE);
      if (count > MAX_RECIPIENTS_PER_MESSAGE) fail(ctx, RECIPIENTS_MESSAGE);
      const text = m.body === undefined || m.body === null ? '' : String(m.body);
      const html = m.htmlBody === undefined || m.htmlBody === null ? null : String(m.htmlBody);
      if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES || Buffer.byteLength(html ?? '', 'utf8') > MAX_BODY_BYTES) {
        fail(ctx, 'Limit Exceeded: Email Body Size.');
      }
      const blobs = m.attachments === undefined || m.attachments === null ? [] : Array.isArray(m.attachments) ? m.attachments.map((a) => toBlob(ctx, a)) : fail(ctx, 'Invalid argument: attachments');
      if (blobs.reduce((n, b) => n + b.buffer().length, 0) > MAX_ATTACHMENT_BYTES) fail(ctx, 'Limit Exceeded: Email Total Attachments Size.');
      const replyTo = m.replyTo === undefined || m.replyTo === null || m.replyTo === '' ? null : String(m.replyTo);
      if (replyTo) addresses(ctx, replyTo);
      const s = data();
      if (used() + count > s.dailyQuota) fail(ctx, QUOTA_MESSAGE);
      s.usage[ctx.exec.effectiveUser] = { day: zonedDateKey(ctx.now(), ctx.timeZone), count: used() + count };
      s.outbox.push({
        id: `mail-${ctx.newId('number')}`,
        from: ctx.exec.effectiveUser,
        to,
        cc,
        bcc,
        subject: m.subject === undefined || m.subject === null ? '' : String(m.subject),
        text,
        html,
        name: m.name === undefined || m.name === null ? null : String(m.name),
        replyTo,
        noReply: m.noReply === true,
        sentAtMs: ctx.now(),
        attachments: blobs.map((b) => ({ name: b.getName(), contentType: b.getContentType(), size: b.buffer().length })),
      });
    };

    const MailApp = {
      sendEmail(...args: unknown[]): void {
        ctx.exec.requireAuth('MailApp.sendEmail');
        ctx.exec.record('MailApp', 'sendEmail', 'mailSend');
        const [a, b, c, d] = args;
        if (args.length === 1 && isObject(a)) return send(a as Message);
        if (args.length === 3 && typeof a === 'string' && typeof c === 'string') return send({ to: a, subject: b, body: c });
        if (args.length === 4 && typeof a === 'string' && typeof c === 'string' && (isObject(d) || d === undefined || d === null)) {
          const o = (d ?? {}) as Message;
          return send({ ...o, to: a, subject: b, body: c });
        }
        if (args.length === 4 && typeof a === 'string' && typeof b === 'string' && typeof c === 'string' && typeof d === 'string') {
          return send({ to: a, replyTo: b, subject: c, body: d });
        }
        signatureError(ctx, 'MailApp.sendEmail', args);
      },
      getRemainingDailyQuota(): number {
        ctx.exec.requireAuth('MailApp.getRemainingDailyQuota');
        ctx.exec.record('MailApp', 'getRemainingDailyQuota', 'mailQuota');
        return Math.max(0, data().dailyQuota - used());
      },
    };
    return { MailApp };
  },
};
