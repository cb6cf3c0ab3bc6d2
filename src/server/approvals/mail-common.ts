/**
 * What approval mail is (intents, the environment) and how it waits: the link of a request, the
 * digest hold and the queue keys. Loaded by every execution (see mail-send.ts for the sending).
 */
import type { KeyValueStore, Mailer } from '../../core/ports';
import type { PrefixStore } from '../../adapters/props';
import { addLog, Ctx } from '../context';
import { sign, randomToken } from './secret';
import type { StoredRequest } from './store';
import { approvalStep } from '../../core/sop';
import { compressIds } from '../../core/approval';

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

export function isIntent(v: unknown): v is MailIntent {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (o.k === 'request') return typeof o.req === 'string' && typeof o.lvl === 'number' && typeof o.ap === 'string';
  if (o.k === 'outcome') return typeof o.req === 'string' && Array.isArray(o.items);
  if (o.k === 'digest') return typeof o.to === 'string' && typeof o.day === 'string';
  if (o.k === 'strategy') return typeof o.period === 'string' && typeof o.to === 'string' && typeof o.by === 'string';
  return false;
}

export function stepOf(req: StoredRequest | undefined): string {
  return req ? (String(approvalStep(req.kind))) : '3, 5';
}

/** A fresh token for one row, bound to the request, approver, level and expiry (null: no such row, or not the owner's execution). */
export function reviewToken(ctx: Ctx, env: MailEnv, req: StoredRequest, level: number, approver: string): { token: string; expires: number } | null {
  const row = req.rows.find((r) => r.level === level && r.approver.toLowerCase() === approver.toLowerCase());
  if (!row || !row.nonce || !env.links) return null;
  const expires = ctx.now + Math.round(ctx.settings.linkValidityDays * DAY_MS);
  return { token: sign(env.links, { v: 1, req: req.id, ap: row.approver, lvl: level, exp: expires, n: row.nonce }), expires };
}

/** The review link for one row (its token in the query: the page shows it; only a POSTed form decides). */
export function reviewUrl(ctx: Ctx, env: MailEnv, req: StoredRequest, level: number, approver: string): { url: string; expires: number } | null {
  const t = reviewToken(ctx, env, req, level, approver);
  if (!t) return null;
  const sep = env.webAppUrl.indexOf('?') >= 0 ? '&' : '?';
  return { url: `${env.webAppUrl}${sep}t=${t.token}`, expires: t.expires };
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

/**
 * The submission page (the owner's web app) for a plan month or a set of designs: a staff
 * member's own execution may not write the record, so the page records the submission.
 */
export function submitPageUrl(webAppUrl: string, scope: { kind: 'konsep'; period: string } | { kind: 'desain'; ids: readonly string[] }, urgent: boolean): string {
  const sep = webAppUrl.indexOf('?') >= 0 ? '&' : '?';
  // Design ids as runs ("D-0001..D-0480"): a month of designs stays a short address.
  const what = scope.kind === 'konsep' ? `ajukan=konsep&p=${encodeURIComponent(scope.period)}` : `ajukan=desain&ids=${encodeURIComponent(compressIds(scope.ids.slice().sort()))}`;
  return `${webAppUrl}${sep}${what}${urgent ? '&mendesak=1' : ''}`;
}

/** Today's date in WIB, 'YYYY-MM-DD'. */
export function dayKey(ms: number): string {
  return new Date(ms + 7 * 3600000).toISOString().slice(0, 10);
}

export function enqueue(ctx: Ctx, env: MailEnv, intent: MailIntent): void {
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

export function holdKey(ctx: Ctx): string {
  return `${HOLD_PREFIX}${String(ctx.now).padStart(15, '0')}.${randomToken().slice(0, 10)}`;
}

/** Where a held mail goes: a batch the caller writes in one setProperties (all or none). */
export type HoldSink = (key: string, value: string) => void;

/** A request mail held for its digest window; `put` collects it for the caller's one setProperties. */
export function hold(ctx: Ctx, intent: Extract<MailIntent, { k: 'request' }>, req: StoredRequest, windowMin: number, put: HoldSink): void {
  put(holdKey(ctx), JSON.stringify({ i: intent, q: ctx.now }));
  addLog(ctx, stepOf(req), 'Email digabung', `${intent.req} → ${intent.ap}`, `Dikirim dalam satu email ringkasan bersama pengajuan lain dalam ${windowMin} menit (jeda_ringkasan_menit).`);
}

/** An urgent request mail held for the owner's next digest run (`u`: no window to wait out). */
export function holdForOwner(ctx: Ctx, intent: Extract<MailIntent, { k: 'request' }>, req: StoredRequest, put: HoldSink): void {
  put(holdKey(ctx), JSON.stringify({ i: intent, q: ctx.now, u: 1 }));
  addLog(ctx, stepOf(req), 'Email menunggu pemicu', `${intent.req} → ${intent.ap}`, `Dikirim oleh pemicu Siaran milik pemilik workbook dalam ${DIGEST_EVERY_MINUTES} menit (tautan persetujuan hanya dibuat di sana).`);
}
