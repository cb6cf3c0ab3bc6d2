/**
 * The submission page (the owner's web app, `?ajukan=…`). The record (Persetujuan, the items'
 * status and submission columns, the Log) is hard-protected for the workbook's owner, so a staff
 * member's own execution cannot write a submission: her panel checks it and opens this page, and
 * the page's POST, an execution of the owner, makes it in her name (the visitor Google names).
 *
 * GET shows what would be submitted, with every check of the submission, and writes nothing. POST
 * submits, once its form token holds: signed with the owner's link key for this visitor and this
 * plan month or set of designs (no other page can make a visitor submit, and a token for one
 * person or set is refused for another).
 */
import { defineMessages, escapeHtml, formatPeriod, Msg, tr } from '../../core/i18n';
import { isSiaranError, SiaranError } from '../../core/errors';
import { sha256Hex } from '../../core/sha256';
import { parsePeriod } from '../../core/sop';
import { compressIds, expandIds } from '../../core/approval';
import { displayName } from '../../core/people';
import { addLog, appendLog, Ctx } from '../context';
import { withScriptLock } from '../run';
import { doSubmitConcept, doSubmitDesigns } from './api';
import { bodyField, param, WebEvent } from './form';
import type { MailEnv } from './mail-common';
import { messagePage, page, PAGE } from './pages';
import { hasSecret, randomToken, sign, verify } from './secret';
import { draftDesignAt, dryRun, SubmitOutcome, submitConcept, submitDesigns } from './submit';

export const SUBMIT_PAGE = defineMessages({
  titleConcept: { id: 'Ajukan konsep {period}', en: 'Submit the plan for {period}' },
  titleDesign: { id: 'Ajukan {n} desain', en: 'Submit {n} design(s)' },
  intro: {
    id: 'Anda ({email}) akan mengajukan {n} item berikut kepada {who}. Belum ada yang diajukan sampai Anda menekan Ajukan.',
    en: 'You ({email}) are about to submit these {n} item(s) to {who}. Nothing is submitted until you press Submit.',
  },
  urgent: { id: 'Mendesak: email ke penyetuju dikirim pada putaran pemicu berikutnya, tanpa menunggu ringkasan.', en: 'Urgent: the approvers are mailed at the next trigger run, without waiting for a digest.' },
  submit: { id: 'Ajukan', en: 'Submit' },
  doneTitle: { id: 'Pengajuan tercatat', en: 'Submission recorded' },
  back: { id: 'Kembali ke panel Siaran di workbook; panel memuat ulang sendiri.', en: 'Go back to the Siaran panel in the workbook; it reloads by itself.' },
  share: { id: 'Bagikan ke WhatsApp', en: 'Share on WhatsApp' },
  problemsTitle: { id: 'Belum dapat diajukan', en: 'Cannot be submitted yet' },
  problemsEnd: { id: 'Tidak ada yang diajukan. Perbaiki di workbook, lalu ajukan lagi dari panel Siaran.', en: 'Nothing was submitted. Fix it in the workbook, then submit again from the Siaran panel.' },
  badTitle: { id: 'Halaman pengajuan tidak sah', en: 'Invalid submission page' },
  changed: {
    id: 'Konsep {period} berubah sejak halaman ini dibuka: ada baris yang ditambahkan, diajukan, atau dihapus. Buka halaman pengajuan lagi dari panel untuk melihat daftar yang baru.',
    en: 'The {period} plan changed since this page was opened: rows were added, submitted, or deleted. Open the submission page again from the panel to see the new list.',
  },
  bad: {
    id: 'Alamat halaman pengajuan ini rusak, kedaluwarsa, atau dibuka dengan akun lain. Tidak ada yang diajukan. Ajukan lagi dari panel Siaran di workbook.',
    en: 'This submission page address is damaged, expired, or opened with another account. Nothing was submitted. Submit again from the Siaran panel in the workbook.',
  },
  signIn: {
    id: 'Siaran tidak dapat mengetahui akun Anda (Anda belum masuk, atau akun Anda di luar domain kantor), sehingga pengajuan tidak dapat dicatat atas nama Anda. Tidak ada yang diajukan. Masuk dengan akun kantor, lalu ajukan lagi dari panel.',
    en: 'Siaran cannot tell your account (you are not signed in, or your account is outside the office domain), so a submission cannot be recorded in your name. Nothing was submitted. Sign in with your office account, then submit again from the panel.',
  },
});

/** How long a submission page's form stays valid. */
const FORM_VALID_MS = 2 * 3600 * 1000;
/** The token's request field for a submission (never an approval request's id: those are P-…). */
const SUBMIT_REQ = 'ajukan';

type Page = { title: string; html: string };
type Scope = { kind: 'konsep'; period: string } | { kind: 'desain'; ids: string[] };

/** What the GET asks for: `ajukan=konsep&p=YYYY-MM` or `ajukan=desain&ids=D-0001,D-0002`. */
function scopeOf(kind: string, period: string, ids: string): Scope | null {
  if (kind === 'konsep') {
    const p = parsePeriod(period);
    return p ? { kind, period: p } : null;
  }
  if (kind !== 'desain') return null;
  // Runs ("D-0001..D-0480") as the panel and the menu write them, at most expandIds' cap.
  const list = [...new Set(expandIds(ids))];
  return list.length && list.every((s) => s.length <= 40) ? { kind, ids: list } : null;
}

/** A set of item ids, hashed (sorted): what a form showed, in a token of bounded size. */
function idsHash(ids: readonly string[]): string {
  return sha256Hex(ids.slice().sort().join(','));
}

/**
 * What the form token binds: the kind, and the design ids; or the month and (`rows`) the ids of
 * the plan rows the page listed, so a row added, submitted or deleted meanwhile stops the POST.
 */
function bound(s: Scope, rows = ''): string[] {
  return s.kind === 'konsep' ? ['konsep', s.period, rows] : ['desain', idsHash(s.ids)];
}

function plain(ctx: Ctx | null, env: MailEnv, title: Msg, message: Msg, params: Record<string, string | number> = {}, extra = ''): Page {
  return messagePage(ctx?.lang ?? 'id', title, message, params, extra, env.workbookUrl);
}

/** A refused submission: its message and, from the error, each problem (row, field, what to do). */
function problemsPage(ctx: Ctx, env: MailEnv, err: unknown): Page {
  if (!isSiaranError(err)) throw err;
  const list = err.details.length ? `<ul>${err.details.map((d) => `<li>${d.row ? `${escapeHtml(tr(ctx.lang, { id: 'Baris', en: 'Row' }))} ${d.row}: ` : ''}${escapeHtml(d.message)}</li>`).join('')}</ul>` : '';
  const text = err.text(ctx.lang);
  return plain(ctx, env, SUBMIT_PAGE.problemsTitle, { id: text, en: text }, {}, `${list}<p>${escapeHtml(tr(ctx.lang, SUBMIT_PAGE.problemsEnd))}</p>`);
}

/** One line per item: its id and what it is (the plan item's activity; a design's platform and plan item). */
function itemLines(ctx: Ctx, kind: 'konsep' | 'desain', ids: readonly string[]): string[] {
  const k = ctx.wb.table(kind);
  return ids.map((id) => {
    const i = k.find('id', id);
    const d = i >= 0 && kind === 'desain' ? draftDesignAt(ctx, i) : null;
    const what = i < 0 ? '' : d ? `${d.platform} · ${d.title}` : k.text(i, 'kegiatan');
    return `<li><span class="id">${escapeHtml(id)}</span>${what ? ` · ${escapeHtml(what.slice(0, 120))}` : ''}</li>`;
  });
}

/** The GET: the items, the approvers and the form; writes nothing. */
export function submitGet(ctx: Ctx, env: MailEnv, e: WebEvent | undefined): Page {
  if (!ctx.email) return plain(ctx, env, PAGE.signInTitle, SUBMIT_PAGE.signIn);
  const scope = scopeOf(param(e, 'ajukan'), param(e, 'p'), param(e, 'ids'));
  if (!scope) return plain(ctx, env, SUBMIT_PAGE.badTitle, SUBMIT_PAGE.bad);
  if (!env.links || !hasSecret(env.links)) return plain(ctx, env, PAGE.noKeyTitle, PAGE.noKey);
  let out: SubmitOutcome;
  let lines: string[] = [];
  try {
    // Every check of the submission, in memory only (dry: not even new IDs are written); the list
    // is read from the tables the check already read, before the dry run drops them.
    out = dryRun(ctx, () => {
      const o = scope.kind === 'konsep' ? submitConcept(ctx, scope.period, false, true) : submitDesigns(ctx, scope.ids, () => undefined);
      lines = itemLines(ctx, scope.kind, o.items);
      return o;
    });
  } catch (err) {
    return problemsPage(ctx, env, err);
  }
  const lang = ctx.lang;
  const token = sign(env.links, { v: 1, req: SUBMIT_REQ, items: bound(scope, idsHash(out.items)), ap: ctx.email, lvl: 1, exp: ctx.now + FORM_VALID_MS, n: randomToken() });
  const title = scope.kind === 'konsep' ? tr(lang, SUBMIT_PAGE.titleConcept, { period: formatPeriod(scope.period, lang) }) : tr(lang, SUBMIT_PAGE.titleDesign, { n: out.items.length });
  const who = out.approvers.map((a) => displayName(ctx.people, a)).join(', ');
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const form =
    `<form method="post" action="${escapeHtml(env.webAppUrl)}" target="_top">${hidden('t', token)}${hidden('ajukan', scope.kind)}` +
    (scope.kind === 'desain' ? hidden('ids', compressIds(scope.ids.slice().sort())) : '') +
    `<label class="choice"><input type="checkbox" name="mendesak" value="1"${param(e, 'mendesak') === '1' ? ' checked' : ''}><span>${escapeHtml(tr(lang, SUBMIT_PAGE.urgent))}</span></label>` +
    `<div class="actions"><button type="submit" class="primary">${escapeHtml(tr(lang, SUBMIT_PAGE.submit))}</button></div></form>`;
  const warnings = out.warnings.map((w) => `<p class="err">${escapeHtml(w)}</p>`).join('');
  const body = `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(tr(lang, SUBMIT_PAGE.intro, { email: ctx.email, n: out.items.length, who }))}</p><ul>${lines.join('')}</ul>${warnings}${form}`;
  return { title, html: page(lang, title, body) };
}

/** The POST: submits in the visitor's name, under the script lock, when the form token holds. */
export function submitPost(ctx: Ctx, env: MailEnv, e: WebEvent | undefined): Page {
  if (!ctx.email) return plain(ctx, env, PAGE.signInTitle, SUBMIT_PAGE.signIn);
  const kind = bodyField(e, 'ajukan');
  const v = env.links ? verify(env.links, bodyField(e, 't'), ctx.now) : null;
  const scope = scopeOf(kind, v?.ok && kind === 'konsep' ? (v.payload.items?.[1] ?? '') : '', bodyField(e, 'ids'));
  const p = v?.ok && v.secretIndex === 0 ? v.payload : null;
  const rows = p?.items?.[2] ?? '';
  const holds = !!p && !!scope && p.req === SUBMIT_REQ && p.ap.toLowerCase() === ctx.email.toLowerCase() && (p.items ?? []).join('|') === bound(scope, rows).join('|');
  if (!holds || !scope) {
    // Someone holds a form that is not theirs (or a damaged one): logged, nothing submitted.
    withScriptLock(
      () => {
        try {
          // The object is one of two words, never the posted field (the Log is the owner's record).
          const why = !v ? 'kunci tautan tidak ada' : v.ok ? (v.secretIndex > 0 ? 'kunci lama' : 'akun atau isi tidak cocok') : v.reason;
          addLog(ctx, kind === 'desain' ? '4' : '2', 'Pengajuan ditolak', kind === 'desain' ? 'desain' : 'konsep', `Formulir halaman pengajuan tidak sah (${why}); pengunjung: ${ctx.email}. Tidak ada yang diajukan.`);
          appendLog(ctx);
        } catch {
          ctx.log = [];
        }
      },
      () => undefined,
    );
    return plain(ctx, env, SUBMIT_PAGE.badTitle, SUBMIT_PAGE.bad);
  }
  const urgent = bodyField(e, 'mendesak') === '1';
  let value;
  try {
    const period = scope.kind === 'konsep' ? scope.period : '';
    const same = (ids: string[]) => {
      if (idsHash(ids) !== rows) throw new SiaranError('CONFLICT', SUBMIT_PAGE.changed, { period: formatPeriod(period, ctx.lang) });
    };
    value = scope.kind === 'konsep' ? doSubmitConcept(ctx, period, urgent, same) : doSubmitDesigns(ctx, scope.ids, urgent);
  } catch (err) {
    if (isSiaranError(err) && err.code === 'BUSY') return plain(ctx, env, PAGE.busyTitle, { id: err.text('id'), en: err.text('en') });
    return problemsPage(ctx, env, err);
  }
  const share = value.shareUrl ? `<p class="links"><a href="${escapeHtml(value.shareUrl)}" target="_blank" rel="noopener">${escapeHtml(tr(ctx.lang, SUBMIT_PAGE.share))}</a></p>` : '';
  const requests = value.requests
    .map((r) => `<li data-request="${escapeHtml(r.requestId)}" data-period="${escapeHtml(r.period)}" data-items="${escapeHtml(r.items.join(','))}"><span class="id">${escapeHtml(r.requestId)}</span> · ${escapeHtml(formatPeriod(r.period, ctx.lang))} · ${r.items.length} item</li>`)
    .join('');
  const done = plain(ctx, env, SUBMIT_PAGE.doneTitle, { id: value.message, en: value.message }, {}, `<ul class="requests">${requests}</ul><p>${escapeHtml(tr(ctx.lang, SUBMIT_PAGE.back))}</p>${share}`);
  // The heading in green, the message as the page's answer (its lines kept).
  return { title: done.title, html: done.html.replace('<h1>', '<h1 class="ok">').replace(/<p>([^<]*)<\/p>/, (_m, text: string) => `<p class="message">${text.replace(/\n/g, '<br>')}</p>`) };
}
