/**
 * The review page: GET shows a request (and changes nothing: mail scanners open links); POST is the
 * approver's deliberate decision, applied under the script lock after re-reading everything.
 */
import { fileContent, htmlOutput, WebPage } from '../../adapters/html';
import { Decision, DecisionInput, mayDecideAtLevel } from '../../core/approval';
import { Lang, Msg, tr } from '../../core/i18n';
import { isSiaranError } from '../../core/errors';
import { displayName, findPerson } from '../../core/people';
import type { TokenPayload } from '../../core/token';
import { addLog, appendLog, Ctx } from '../context';
import { openCtx } from '../run';
import { decide, finishDecision } from './decide';
import { reconcile } from './journal';
import { mailEnv } from './env';
import { MailEnv, reviewToken } from './mail-common';
import { messagePage, PAGE, resultPage, reviewPage } from './pages';
import { hasSecret, verify } from './secret';
import { itemView, loadRequests, pendingOf, reviewView, StoredRequest, StoredRow } from './store';
import { withScriptLock } from '../run';
import { bodyField, param, WebEvent } from './form';

export type { WebEvent } from './form';

import { submitGet, submitPost } from './submit-page';

type Page = { title: string; html: string };

/** The review form's optional script (bundled from src/client/review.ts); the form works without it. */
function enhanced(html: string): string {
  if (html.indexOf('<form') < 0) return html;
  let script: string;
  try {
    // Marked, so reviewers and tests can tell Siaran's one script from anything else.
    script = fileContent('ReviewEnhance').replace('<script>', '<script data-siaran="review">');
  } catch (_e) {
    return html;
  }
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + script : html.slice(0, at) + script + html.slice(at);
}

function toOutput(p: Page): WebPage {
  return htmlOutput(enhanced(p.html), p.title);
}

function safeCtx(): Ctx | null {
  try {
    return openCtx();
  } catch {
    return null;
  }
}

function msg(ctx: Ctx | null, env: MailEnv | null, title: Msg, message: Msg, params: Record<string, string | number> = {}): Page {
  const lang: Lang = ctx?.lang ?? 'id';
  return messagePage(lang, title, message, params, '', env?.workbookUrl ?? '');
}

/** Why a link was refused (Log wording, Bahasa Indonesia: the Log is the office's record). */
const REFUSAL_REASON = {
  malformed: 'tautan tidak sah: tautan rusak atau diubah',
  'bad-signature': 'tautan tidak sah: tanda tangan salah',
  'no-secret': 'tautan tidak sah: kunci tautan belum dibuat',
  expired: 'tautan kedaluwarsa',
  replaced: 'tautan sudah diganti (kunci diperbarui atau tautan dikirim ulang)',
  'wrong-account': 'tautan dibuka dengan akun lain',
  'wrong-row': 'tautan tidak sah: penyetuju atau tingkat tidak cocok',
  'not-found': 'permintaan tidak ditemukan',
  'not-your-turn': 'belum giliran penyetuju ini',
  'not-approver': 'penyetuju tidak lagi tercatat dengan peran penyetuju di tab Pengguna',
  'own-request': 'penyetuju adalah pengaju permintaan ini sendiri',
} as const;
type RefusalReason = keyof typeof REFUSAL_REASON;

type Checked = { ok: true; payload: TokenPayload; req: StoredRequest; row: StoredRow } | { ok: false; page: Page; reason: RefusalReason; requestId?: string };

/** Everything a link must pass before its request is shown or decided. */
function checkLink(ctx: Ctx, env: MailEnv, token: string): Checked {
  const v = env.links ? verify(env.links, token, ctx.now) : ({ ok: false, reason: 'no-secret' } as const);
  if (!v.ok) {
    if (v.reason === 'expired') return { ok: false, page: msg(ctx, env, PAGE.expiredTitle, PAGE.expired), reason: 'expired' };
    return { ok: false, page: msg(ctx, env, PAGE.invalidTitle, PAGE.invalid), reason: v.reason };
  }
  const p = v.payload;
  if (v.secretIndex > 0) return { ok: false, page: msg(ctx, env, PAGE.replacedTitle, PAGE.replaced), reason: 'replaced', requestId: p.req };
  if (ctx.email && ctx.email.toLowerCase() !== p.ap.toLowerCase()) return { ok: false, page: msg(ctx, env, PAGE.wrongUserTitle, PAGE.wrongUser, { email: ctx.email }), reason: 'wrong-account', requestId: p.req };
  const req = loadRequests(ctx).find((r) => r.id === p.req);
  if (!req) return { ok: false, page: msg(ctx, env, PAGE.notFoundTitle, PAGE.notFound), reason: 'not-found', requestId: p.req };
  const row = req.rows.find((r) => r.level === p.lvl && r.approver.toLowerCase() === p.ap.toLowerCase());
  if (!row) return { ok: false, page: msg(ctx, env, PAGE.invalidTitle, PAGE.invalid), reason: 'wrong-row', requestId: p.req };
  if (!row.nonce || row.nonce !== p.n) return { ok: false, page: msg(ctx, env, PAGE.replacedTitle, PAGE.replaced), reason: 'replaced', requestId: p.req };
  // Separation of duties: nobody decides on their own submission.
  if (row.approver.toLowerCase() === req.submittedBy.toLowerCase()) {
    return { ok: false, page: msg(ctx, env, PAGE.ownRequestTitle, PAGE.ownRequest), reason: 'own-request', requestId: p.req };
  }
  // The roster at the time of deciding: a removed or demoted approver's link no longer decides.
  if (!mayDecideAtLevel(req.policy, row.level, findPerson(ctx.people, row.approver))) {
    return { ok: false, page: msg(ctx, env, PAGE.notApproverTitle, PAGE.notApprover, { email: row.approver }), reason: 'not-approver', requestId: p.req };
  }
  if (row.status === 'Belum Giliran') return { ok: false, page: msg(ctx, env, PAGE.notYourTurnTitle, PAGE.notYourTurn), reason: 'not-your-turn', requestId: p.req };
  return { ok: true, payload: p, req, row };
}

/** Refusals that say someone holds a link they may not use: these POSTs are logged. */
function isSuspicious(reason: RefusalReason): boolean {
  return reason !== 'not-found' && reason !== 'not-your-turn';
}

/**
 * One Log row for a refused POST: the reason and the visitor (never the token). The caller holds
 * the script lock. Logging never breaks the refusal page (a missing Log tab is reported by the
 * next ordinary action).
 */
function logRefusal(ctx: Ctx, c: Extract<Checked, { ok: false }>): void {
  if (!isSuspicious(c.reason)) return;
  try {
    addLog(ctx, '3, 5', 'Tautan ditolak', c.requestId ?? '—', `${REFUSAL_REASON[c.reason]}; pengunjung: ${ctx.email || 'tidak diketahui (di luar domain atau tidak masuk)'}; lewat formulir (POST). Tidak ada yang diubah.`);
    appendLog(ctx);
  } catch {
    ctx.log = [];
  }
}

/**
 * The items this approver decides now, and those they are the PIC of with who decides instead (the
 * other approvers of the level).
 */
function recusal(ctx: Ctx, c: Extract<Checked, { ok: true }>): { pending: string[]; recused: Array<{ id: string; by: string }> } {
  const { pending, recused } = pendingOf(ctx, c.req, c.row);
  const others = c.req.rows.filter((r) => r.level === c.row.level && r.approver.toLowerCase() !== c.row.approver.toLowerCase()).map((r) => displayName(ctx.people, r.approver));
  return { pending, recused: recused.map((id) => ({ id, by: others.join(', ') })) };
}

function views(ctx: Ctx, req: StoredRequest) {
  const all = loadRequests(ctx);
  return req.items.map((i) => reviewView(ctx, all, req, i.id));
}

function showRequest(ctx: Ctx, env: MailEnv, token: string, c: Extract<Checked, { ok: true }>, errors?: Record<string, string>, posted?: Record<string, { decision?: Decision; feedback?: string }>): Page {
  return reviewPage({
    lang: ctx.lang,
    request: c.req,
    level: c.row.level,
    approver: c.row.approver,
    items: views(ctx, c.req),
    ...recusal(ctx, c),
    token,
    actionUrl: env.webAppUrl,
    workbookUrl: env.workbookUrl,
    name: (e) => displayName(ctx.people, e),
    errors,
    posted,
  });
}

/** doGet: shows the request for a link; never changes anything. */
export function handleGet(e: WebEvent | undefined): WebPage {
  return plainOnFailure(() => getPage(e));
}

/**
 * Every failure (a tab or column missing, a damaged cell) shows Siaran's own plain page, never
 * Apps Script's error page: the visitor learns what to do, and nothing is half-written (the
 * actions behind the page write only at their end).
 */
function plainOnFailure(fn: () => WebPage): WebPage {
  try {
    return fn();
  } catch (err) {
    const reason = isSiaranError(err) ? tr('id', err.msg, err.params) : 'terjadi kesalahan tak terduga.';
    console.log(`review page failed: ${err instanceof Error ? err.message : String(err)}`);
    return toOutput(msg(null, null, PAGE.brokenTitle, PAGE.broken, { reason: /[.!?]$/.test(reason) ? reason : `${reason}.` }));
  }
}

function getPage(e: WebEvent | undefined): WebPage {
  const ctx = safeCtx();
  const env = mailEnv();
  let token = param(e, 't');
  if (!ctx) return toOutput(msg(null, env, PAGE.notFoundTitle, PAGE.notFound));
  if (param(e, 'ajukan')) return toOutput(submitGet(ctx, env, e));
  if (!token && param(e, 'r')) {
    // Opened from a head's panel (whose execution cannot sign): sign for the signed-in approver.
    const minted = tokenForVisitor(ctx, env, param(e, 'r'), Number(param(e, 'l')));
    if ('page' in minted) return toOutput(minted.page);
    token = minted.token;
  }
  if (!token) return toOutput(msg(ctx, env, PAGE.homeTitle, PAGE.home));
  const c0 = checkLink(ctx, env, token);
  if (!c0.ok) return toOutput(c0.page);
  // Opening a link never writes or mails, whatever the state (mail scanners open links): a cut
  // execution is finished by the next POST, panel action or the hourly trigger, not by a GET.
  return toOutput(showRequest(ctx, env, token, c0));
}

/**
 * A fresh token for the visitor Google names, when they are the approver of that request's level
 * (the checks of checkLink follow on the token as on any link). Writes nothing: without a link key
 * the page says so rather than making one on a GET.
 */
function tokenForVisitor(ctx: Ctx, env: MailEnv, requestId: string, level: number): { token: string } | { page: Page } {
  if (!ctx.email) return { page: msg(ctx, env, PAGE.signInTitle, PAGE.signIn) };
  if (!env.links || !hasSecret(env.links)) return { page: msg(ctx, env, PAGE.noKeyTitle, PAGE.noKey) };
  const req = loadRequests(ctx).find((r) => r.id === requestId);
  if (!req) return { page: msg(ctx, env, PAGE.notFoundTitle, PAGE.notFound) };
  const mine = req.rows.find((r) => r.level === level && r.approver.toLowerCase() === ctx.email.toLowerCase());
  if (!mine) return { page: msg(ctx, env, PAGE.wrongUserTitle, PAGE.wrongUser, { email: ctx.email }) };
  const t = reviewToken(ctx, env, req, level, mine.approver);
  return t ? { token: t.token } : { page: msg(ctx, env, PAGE.replacedTitle, PAGE.replaced) };
}

/** doPost: applies the decisions of the form, once, under the script lock. */
export function handlePost(e: WebEvent | undefined): WebPage {
  return plainOnFailure(() => postPage(e));
}

function postPage(e: WebEvent | undefined): WebPage {
  const ctx = safeCtx();
  const env = mailEnv();
  const token = bodyField(e, 't');
  if (!ctx) return toOutput(msg(null, env, PAGE.notFoundTitle, PAGE.notFound));
  if (bodyField(e, 'ajukan')) return toOutput(submitPost(ctx, env, e));
  if (!token) {
    const refused: Extract<Checked, { ok: false }> = { ok: false, page: msg(ctx, env, PAGE.invalidTitle, PAGE.invalid), reason: 'malformed' };
    withScriptLock(
      () => logRefusal(ctx, refused),
      () => undefined,
    );
    return toOutput(refused.page);
  }
  // Reject bad links before waiting for the lock (they can never change anything).
  const pre = env.links ? verify(env.links, token, ctx.now) : ({ ok: false, reason: 'no-secret' } as const);
  if (!pre.ok || pre.secretIndex > 0) {
    const refused = checkLink(ctx, env, token) as Extract<Checked, { ok: false }>;
    // The Log row is written under the lock (Log appends are serialised). When the lock stays busy
    // the refusal is still shown, unlogged: a flood of bad links cannot hold up real decisions.
    withScriptLock(
      () => logRefusal(ctx, refused),
      () => undefined,
    );
    return toOutput(refused.page);
  }
  const page = withScriptLock<Page>(
    () => {
      // A tab or column missing throws before anything is written; plainOnFailure shows the page.
      return decidePage(ctx, env, e, token);
    },
    () => msg(ctx, env, PAGE.busyTitle, PAGE.busy),
  );
  return toOutput(page);
}

/** The decision of a POST whose token verified; the caller holds the script lock. */
function decidePage(ctx: Ctx, env: MailEnv, e: WebEvent | undefined, token: string): Page {
  reconcile(ctx, env);
  const c = checkLink(ctx, env, token);
  if (!c.ok) {
    logRefusal(ctx, c);
    return c.page;
  }
  const { pending } = pendingOf(ctx, c.req, c.row);
  const approveAll = param(e, 'aksi') === 'setujui-semua';
  const posted: Record<string, { decision?: Decision; feedback?: string }> = {};
  const errors: Record<string, string> = {};
  const decisions: DecisionInput[] = [];
  for (const item of c.req.items) {
    const raw = param(e, `decision_${item.id}`);
    const feedback = param(e, `feedback_${item.id}`);
    const decision: Decision | undefined = approveAll ? 'approve' : raw === 'approve' || raw === 'revise' ? raw : undefined;
    posted[item.id] = { ...(decision ? { decision } : {}), feedback };
    const isPending = pending.indexOf(item.id) >= 0;
    if (!decision) {
      if (isPending) errors[item.id] = ctx.lang === 'en' ? PAGE.missingDecision.en.replace('{id}', item.id) : PAGE.missingDecision.id.replace('{id}', item.id);
      continue;
    }
    if (decision === 'revise' && !feedback.trim() && isPending) {
      errors[item.id] = ctx.lang === 'en' ? PAGE.missingFeedback.en.replace('{id}', item.id) : PAGE.missingFeedback.id.replace('{id}', item.id);
      continue;
    }
    decisions.push({ itemId: item.id, decision, ...(decision === 'revise' ? { feedback } : {}) });
  }
  const name = (em: string) => displayName(ctx.people, em);
  // The result page shows each item's id, version and status (historyHtml): a design's plan item
  // is not read for it.
  const statuses = (req: StoredRequest) => req.items.map((i) => itemView(ctx, req.kind, i.id, i.version, false));
  if (!pending.length) {
    // Everything at this level is decided: say by whom and when.
    const out = decide(ctx, { requestId: c.req.id, level: c.row.level, approver: c.row.approver, decisions: c.req.items.map((i) => ({ itemId: i.id, decision: 'approve' as const })), via: 'tautan' });
    return resultPage(ctx.lang, out.request, statuses(out.request), 0, ctx.now, out.result.rejected.filter((r) => r.reason === 'decided'), name, env.workbookUrl);
  }
  if (Object.keys(errors).length) return showRequest(ctx, env, token, c, errors, posted);
  const out = decide(ctx, { requestId: c.req.id, level: c.row.level, approver: c.row.approver, decisions, via: 'tautan' });
  if (out.result.applied.length) finishDecision(ctx, env, out);
  return resultPage(ctx.lang, out.request, statuses(out.request), out.result.applied.length, ctx.now, out.result.rejected.filter((r) => r.reason === 'decided'), name, env.workbookUrl);
}
