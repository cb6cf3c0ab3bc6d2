/**
 * The review page (web app) as HTML strings. Every user value is escaped; the decision is a plain
 * HTML form POSTed to the web app URL (works without JavaScript); links and forms use target=_top
 * because HtmlService pages run in a sandboxed iframe.
 */
import { APPROVAL_TEXT, ApprovalRequest, cellHtml, Decision, isUrgent, ItemDecision, ItemView, itemExtrasHtml, itemFields, kindLabel, levelDecision, levelsOf, policyLabel, urgentHtml } from '../../core/approval';
import { defineMessages, escapeHtml, formatDateTime, formatPeriod, Lang, Msg, statusLabel, tr } from '../../core/i18n';

export const PAGE = defineMessages({
  title: { id: 'Peninjauan {id}', en: 'Review {id}' },
  heading: { id: 'Persetujuan {kind} {period}', en: 'Approval of the {kind} for {period}' },
  meta: { id: 'Permintaan {id} dari {submitter}, diajukan {at}. Tingkat {level} dari {levels} ({policy}). Penyetuju: {approver}', en: 'Request {id} from {submitter}, submitted {at}. Level {level} of {levels} ({policy}). Approver: {approver}' },
  instructions: {
    id: 'Pilih Setujui atau Minta revisi untuk setiap item. Revisi wajib disertai catatan. Keputusan baru tersimpan setelah Anda menekan tombol di bawah.',
    en: 'Choose Approve or Request revision for each item. A revision needs a note. Nothing is saved until you press a button below.',
  },
  approve: { id: 'Setujui', en: 'Approve' },
  revise: { id: 'Minta revisi', en: 'Request revision' },
  feedback: { id: 'Catatan revisi', en: 'Revision note' },
  submit: { id: 'Kirim keputusan', en: 'Send decisions' },
  approveAll: { id: 'Setujui semua', en: 'Approve all' },
  confirmAll: { id: 'Setujui semua {n} item yang menunggu keputusan Anda?', en: 'Approve all {n} items waiting for your decision?' },
  workbook: { id: 'Buka workbook', en: 'Open the workbook' },
  decidedBy: { id: '{decision} oleh {by} pada {at}', en: '{decision} by {by} at {at}' },
  decidedApprove: { id: 'Disetujui', en: 'Approved' },
  decidedRevise: { id: 'Perlu revisi', en: 'Revision requested' },
  levelN: { id: 'Tingkat {level}', en: 'Level {level}' },
  notYet: { id: 'belum diputuskan', en: 'not decided yet' },
  approvedSoFar: { id: 'Disetujui di tingkat {done}; menunggu tingkat {next}', en: 'Approved at level {done}; waiting for level {next}' },
  history: { id: 'Keputusan yang tercatat', en: 'Recorded decisions' },
  missingDecision: { id: 'Pilih Setujui atau Minta revisi untuk {id}.', en: 'Choose Approve or Request revision for {id}.' },
  missingFeedback: { id: 'Tulis catatan revisi untuk {id}: tim perlu tahu apa yang harus diperbaiki.', en: 'Write a revision note for {id}: the team needs to know what to fix.' },
  nothingChanged: { id: 'Belum ada yang disimpan. Perbaiki isian yang ditandai, lalu kirim lagi.', en: 'Nothing was saved. Fix the marked fields, then send again.' },
  savedTitle: { id: 'Keputusan tersimpan', en: 'Decisions saved' },
  saved: { id: 'Terima kasih. Keputusan Anda untuk {n} item tersimpan pada {at}.', en: 'Thank you. Your decisions on {n} item(s) were saved at {at}.' },
  alreadyTitle: { id: 'Sudah diputuskan', en: 'Already decided' },
  already: { id: '{id} sudah diputuskan oleh {by} pada {at} ({decision}). Keputusan Anda untuk item ini tidak disimpan.', en: '{id} was already decided by {by} at {at} ({decision}). Your decision on this item was not saved.' },
  allDone: { id: 'Permintaan ini sudah diputuskan pada tingkat Anda; tidak ada lagi yang menunggu keputusan Anda.', en: 'This request has been decided at your level; nothing is waiting for you.' },
  invalidTitle: { id: 'Tautan tidak sah', en: 'Invalid link' },
  invalid: { id: 'Tautan ini tidak sah (rusak atau diubah). Tidak ada yang diubah. Buka tautan persis seperti di email, atau putuskan lewat panel Siaran di workbook.', en: 'This link is not valid (damaged or altered). Nothing was changed. Open the link exactly as in the mail, or decide in the Siaran panel in the workbook.' },
  expiredTitle: { id: 'Tautan kedaluwarsa', en: 'Link expired' },
  expired: { id: 'Masa berlaku tautan ini sudah habis. Tidak ada yang diubah. Putuskan lewat panel Siaran di workbook, atau tunggu email pengingat dengan tautan baru.', en: 'This link has expired. Nothing was changed. Decide in the Siaran panel in the workbook, or wait for the reminder mail with a fresh link.' },
  replacedTitle: { id: 'Tautan sudah diganti', en: 'This link was replaced' },
  replaced: { id: 'Tautan ini sudah diganti dengan tautan baru (dikirim ulang atau kunci keamanan diperbarui). Tidak ada yang diubah. Gunakan tautan di email terbaru, atau panel Siaran di workbook.', en: 'This link was replaced by a newer one (re-sent, or the security key was renewed). Nothing was changed. Use the link in the latest mail, or the Siaran panel in the workbook.' },
  wrongUserTitle: { id: 'Bukan untuk akun ini', en: 'Not for this account' },
  wrongUser: { id: 'Tautan ini dikirim kepada penyetuju lain. Anda masuk sebagai {email}. Tidak ada yang diubah. Buka tautan dengan akun penerima email.', en: 'This link was sent to another approver. You are signed in as {email}. Nothing was changed. Open it with the account the mail was sent to.' },
  busyTitle: { id: 'Sedang sibuk', en: 'Busy' },
  busy: { id: 'Siaran sedang memproses keputusan lain. Tidak ada yang diubah. Tunggu sebentar lalu kirim lagi.', en: 'Siaran is busy with another decision. Nothing was changed. Wait a moment, then send again.' },
  notFoundTitle: { id: 'Permintaan tidak ditemukan', en: 'Request not found' },
  notFound: { id: 'Permintaan persetujuan ini tidak ada lagi di workbook. Tidak ada yang diubah.', en: 'This approval request is no longer in the workbook. Nothing was changed.' },
  notYourTurnTitle: { id: 'Belum giliran Anda', en: 'Not your turn yet' },
  notYourTurn: { id: 'Permintaan ini belum sampai ke tingkat Anda. Anda akan menerima email saat giliran Anda tiba.', en: 'This request has not reached your level yet. You will get a mail when it does.' },
  ownRequestTitle: { id: 'Permintaan Anda sendiri', en: 'Your own request' },
  ownRequest: { id: 'Anda mengajukan permintaan ini sendiri, sehingga tidak dapat memutuskannya. Tidak ada yang diubah. Keputusan diambil oleh Kasubbag atau Kabag lain.', en: 'You submitted this request, so you cannot decide on it. Nothing was changed. Another Kasubbag or Kabag decides.' },
  notApproverTitle: { id: 'Bukan penyetuju lagi', en: 'No longer an approver' },
  notApprover: { id: '{email} tidak lagi tercatat sebagai penyetuju tingkat ini di tab Pengguna, sehingga tautan ini tidak dapat dipakai. Tidak ada yang diubah. Bila ini keliru, minta Kabag memperbaiki tab Pengguna.', en: '{email} is no longer listed as an approver of this level in the People tab, so this link cannot be used. Nothing was changed. If this is wrong, ask the Kabag to fix the People tab.' },
  brokenTitle: { id: 'Workbook perlu diperbaiki', en: 'The workbook needs repair' },
  broken: { id: 'Siaran tidak dapat membuka permintaan ini: {reason} Tidak ada yang diubah. Minta Kabag menjalankan menu Siaran → Administrasi → Siapkan / perbaiki workbook, lalu buka tautan ini lagi.', en: 'Siaran cannot open this request: {reason} Nothing was changed. Ask the Kabag to run Siaran → Administration → Set up / repair workbook, then open this link again.' },
  signInTitle: { id: 'Akun Anda tidak dikenali', en: 'Your account is not recognised' },
  signIn: {
    id: 'Halaman ini hanya menampilkan permintaan kepada penyetujunya, tetapi Siaran tidak dapat mengetahui akun Anda (Anda belum masuk, atau akun Anda di luar domain kantor). Tidak ada yang diubah. Masuk dengan akun kantor lalu buka lagi, atau pakai tautan di email Siaran.',
    en: 'This page shows a request only to its approver, but Siaran cannot tell your account (you are not signed in, or your account is outside the office domain). Nothing was changed. Sign in with your office account and open it again, or use the link in the Siaran mail.',
  },
  noKeyTitle: { id: 'Tautan belum siap', en: 'Links are not ready' },
  noKey: { id: 'Kunci tautan persetujuan belum dibuat. Tidak ada yang diubah. Minta Kabag (pemilik workbook) menjalankan Siaran → Administrasi → Siapkan / perbaiki workbook.', en: 'The approval-link key has not been made yet. Nothing was changed. Ask the Kabag (the workbook owner) to run Siaran → Administration → Set up / repair workbook.' },
  recused: { id: '{id}: Anda PIC item ini, sehingga tidak memutuskannya; keputusannya diambil oleh {by}.', en: '{id}: you are the PIC of this item, so you do not decide it; {by} decides it.' },
  recusedNobody: {
    id: '{id}: Anda PIC item ini, sehingga tidak memutuskannya, dan tidak ada penyetuju lain pada tingkat ini. Minta staf mengganti PIC dengan orang yang mengerjakannya.',
    en: '{id}: you are the PIC of this item, so you do not decide it, and this level has no other approver. Ask the team to set the PIC to the person doing the work.',
  },
  homeTitle: { id: 'Siaran', en: 'Siaran' },
  home: { id: 'Halaman ini dibuka dari tautan persetujuan di email Siaran.', en: 'This page is opened from an approval link in a Siaran mail.' },
});

/**
 * Phone first: everything fits 320 px without scrolling sideways (long links and copy wrap, item
 * details are stacked label-over-value, the history table becomes one block per item under
 * 600 px); ids never break; every tap target is at least 44 px high.
 */
const STYLE = `<style>
*{box-sizing:border-box}
body{font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#202124;margin:0 auto;padding:12px;max-width:760px;line-height:1.45;overflow-wrap:anywhere;word-break:break-word}
h1{font-size:19px;margin:0 0 8px}h2{font-size:16px;margin:0 0 6px}
a{overflow-wrap:anywhere}.id{white-space:nowrap}
dl.fields{margin:6px 0}dl.fields dt{color:#5f6368;font-size:12px;margin-top:8px}dl.fields dd{margin:0;white-space:pre-wrap}
table{border-collapse:collapse;margin:8px 0;width:100%}th,td{border:1px solid #dadce0;padding:6px;text-align:left;vertical-align:top;white-space:pre-wrap}
th{background:#f1f3f4}
@media (max-width:600px){table.history,table.history tbody,table.history tr,table.history td{display:block;width:100%}table.history tr.head{display:none}table.history tr{border:1px solid #dadce0;border-radius:6px;margin:8px 0}table.history td{border:0;border-top:1px solid #eee}table.history td[data-label]::before{content:attr(data-label) ": ";color:#5f6368;font-size:12px}}
.item{border:1px solid #dadce0;border-radius:8px;padding:12px;margin:12px 0}
.err{color:#c5221f;font-weight:bold}.note{color:#5f6368;font-size:12px}.ok{color:#137333}
.choices{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0}
.choice{display:flex;align-items:center;gap:10px;min-height:48px;padding:8px 14px;border:1px solid #dadce0;border-radius:8px;flex:1 1 130px;cursor:pointer;font-weight:bold}
.choice input{width:24px;height:24px;margin:0;flex:none;accent-color:#1a73e8}
.choice:has(input:checked){border-color:#1a73e8;background:#e8f0fe}
textarea{width:100%;min-height:72px;font-size:15px;padding:8px}
button{min-height:48px;padding:10px 18px;margin:8px 8px 0 0;font-size:15px;cursor:pointer;border-radius:6px}
.primary{background:#1a73e8;color:#fff;border:1px solid #1a73e8}.secondary{background:#fff;color:#1a73e8;border:1px solid #1a73e8}
.actions{position:sticky;bottom:0;background:#fff;padding:4px 0 8px;border-top:1px solid #dadce0}
.links a{display:inline-block;min-height:44px;line-height:44px}
.urgent-tag{display:inline-block;background:#c5221f;color:#fff;border-radius:4px;padding:0 6px;font-size:15px;vertical-align:middle}
</style>`;

export function page(lang: Lang, title: string, body: string): string {
  return `<!DOCTYPE html><html lang="${lang}"><head><base target="_top"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>${STYLE}</head><body>${body}</body></html>`;
}

export function messagePage(lang: Lang, title: Msg, message: Msg, params: Record<string, string | number> = {}, extra = '', workbookUrl = ''): { title: string; html: string } {
  const t = tr(lang, title);
  const wb = workbookUrl ? `<p><a href="${escapeHtml(workbookUrl)}" target="_top">${escapeHtml(tr(lang, PAGE.workbook))}</a></p>` : '';
  return { title: t, html: page(lang, t, `<h1>${escapeHtml(t)}</h1><p>${escapeHtml(tr(lang, message, params))}</p>${extra}${wb}`) };
}

function decisionText(lang: Lang, d: ItemDecision, name: (email: string) => string): string {
  return tr(lang, PAGE.decidedBy, { decision: tr(lang, d.decision === 'approve' ? PAGE.decidedApprove : PAGE.decidedRevise), by: name(d.by), at: formatDateTime(d.at, lang) });
}

/** Who decided what and when, for every item and level. */
export function historyHtml(lang: Lang, req: ApprovalRequest, items: readonly ItemView[], name: (email: string) => string): string {
  const levels = levelsOf(req);
  const heads = [tr(lang, { id: 'Item', en: 'Item' }), ...levels.map((l) => tr(lang, PAGE.levelN, { level: l })), tr(lang, { id: 'Status', en: 'Status' })];
  const rows = items
    .map((it) => {
      const cells = levels.map((l) => {
        const d = levelDecision(req, l, it.id);
        const label = escapeHtml(tr(lang, PAGE.levelN, { level: l }));
        if (!d) return `<td class="note" data-label="${label}">${escapeHtml(tr(lang, PAGE.notYet))}</td>`;
        return `<td data-label="${label}">${escapeHtml(decisionText(lang, d, name))}${d.feedback ? `<br><em>${escapeHtml(d.feedback)}</em>` : ''}</td>`;
      });
      // "Diajukan" after the first level approved reads as "not approved": say where it stands.
      const approvedAt = levels.filter((l) => levelDecision(req, l, it.id)?.decision === 'approve');
      const next = levels.find((l) => !levelDecision(req, l, it.id));
      const status = it.status === 'Diajukan' && approvedAt.length && next !== undefined ? tr(lang, PAGE.approvedSoFar, { done: approvedAt.join(', '), next }) : statusLabel(it.status, lang);
      return `<tr><td><b class="id">${escapeHtml(`${it.id} v${it.version}`)}</b></td>${cells.join('')}<td data-label="${escapeHtml(heads[heads.length - 1])}">${escapeHtml(status)}</td></tr>`;
    })
    .join('');
  return `<h2>${escapeHtml(tr(lang, PAGE.history))}</h2><table class="history"><tr class="head">${heads.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>${rows}</table>`;
}

/** An item's fields, stacked label over value (reads on a phone; long values wrap), then the extras. */
function itemDetails(lang: Lang, it: ItemView): string {
  return `<dl class="fields">${itemFields(it, lang)
    .map((f) => (f.key === 'id' || !f.text ? '' : `<dt>${escapeHtml(f.label)}</dt><dd>${cellHtml(it, f.key, f.text)}</dd>`))
    .join('')}</dl>${itemExtrasHtml(it, lang)}`;
}

export interface ReviewPageInput {
  lang: Lang;
  request: ApprovalRequest;
  level: number;
  approver: string;
  items: readonly ItemView[];
  pending: readonly string[];
  /** Pending items this approver is the PIC of (not theirs to decide), with who decides instead. */
  recused?: ReadonlyArray<{ id: string; by: string }>;
  token: string;
  actionUrl: string;
  workbookUrl: string;
  name: (email: string) => string;
  /** Errors from a POST that saved nothing, by item id ('' for the page). */
  errors?: Record<string, string>;
  /** What was posted (kept in the form after an error). */
  posted?: Record<string, { decision?: Decision; feedback?: string }>;
}

export function reviewPage(p: ReviewPageInput): { title: string; html: string } {
  const { lang, request: req } = p;
  const urgent = isUrgent(req);
  const tag = tr(lang, APPROVAL_TEXT.urgentTag);
  const title = (urgent ? `${tag} – ` : '') + tr(lang, PAGE.title, { id: req.id });
  const levels = levelsOf(req).length;
  const head =
    `<h1>${urgent ? `<span class="urgent-tag">${escapeHtml(tag)}</span> ` : ''}${escapeHtml(tr(lang, PAGE.heading, { kind: kindLabel(req.kind, lang), period: formatPeriod(req.period, lang) }))}</h1>` +
    urgentHtml(urgent, p.name(req.submittedBy), lang) +
    `<p>${escapeHtml(tr(lang, PAGE.meta, { id: req.id, submitter: p.name(req.submittedBy), at: formatDateTime(req.submittedAt, lang), level: p.level, levels, policy: policyLabel(req.policy, lang), approver: p.name(p.approver) }))}</p>`;
  const errs = p.errors ?? {};
  const errorTop = Object.keys(errs).length ? `<p class="err" role="alert">${escapeHtml(tr(lang, PAGE.nothingChanged))}</p>` : '';
  let body = head + errorTop;
  for (const r of p.recused ?? []) {
    body += `<p class="note recused">${escapeHtml(tr(lang, r.by ? PAGE.recused : PAGE.recusedNobody, { id: r.id, by: r.by }))}</p>`;
  }
  if (p.pending.length) {
    body += `<p>${escapeHtml(tr(lang, PAGE.instructions))}</p>`;
    // data-* texts are for the optional script (src/client/review.ts); the form works without it.
    body +=
      `<form method="post" action="${escapeHtml(p.actionUrl)}" target="_top" class="review"` +
      ` data-missing-decision="${escapeHtml(tr(lang, PAGE.missingDecision))}" data-missing-feedback="${escapeHtml(tr(lang, PAGE.missingFeedback))}"` +
      ` data-confirm-all="${escapeHtml(tr(lang, PAGE.confirmAll))}"><input type="hidden" name="t" value="${escapeHtml(p.token)}">`;
    for (const it of p.items) {
      if (p.pending.indexOf(it.id) < 0) continue;
      const posted = p.posted?.[it.id] ?? {};
      const fid = it.id.replace(/[^A-Za-z0-9_-]/g, '_');
      body +=
        `<div class="item"><h2 class="id">${escapeHtml(`${it.id} v${it.version}`)}</h2>${itemDetails(lang, it)}` +
        (errs[it.id] ? `<p class="err">${escapeHtml(errs[it.id])}</p>` : '') +
        `<div class="choices" role="radiogroup" aria-label="${escapeHtml(it.id)}"><label class="choice"><input type="radio" name="decision_${escapeHtml(it.id)}" value="approve"${posted.decision === 'approve' ? ' checked' : ''}> ${escapeHtml(tr(lang, PAGE.approve))}</label>` +
        `<label class="choice"><input type="radio" name="decision_${escapeHtml(it.id)}" value="revise"${posted.decision === 'revise' ? ' checked' : ''}> ${escapeHtml(tr(lang, PAGE.revise))}</label></div>` +
        `<p><label for="fb_${fid}">${escapeHtml(tr(lang, PAGE.feedback))}</label><br><textarea id="fb_${fid}" name="feedback_${escapeHtml(it.id)}" maxlength="2000">${escapeHtml(posted.feedback ?? '')}</textarea></p></div>`;
    }
    body +=
      `<div class="actions"><button type="submit" class="primary" name="aksi" value="kirim">${escapeHtml(tr(lang, PAGE.submit))}</button>` +
      `<button type="submit" class="secondary" name="aksi" value="setujui-semua">${escapeHtml(tr(lang, PAGE.approveAll))}</button></div></form>`;
  } else {
    body += `<p class="ok">${escapeHtml(tr(lang, PAGE.allDone))}</p>`;
  }
  const decided = p.items.filter((it) => p.pending.indexOf(it.id) < 0);
  if (decided.length || !p.pending.length) body += historyHtml(lang, req, p.items, p.name);
  body += `<p class="links"><a href="${escapeHtml(p.workbookUrl)}" target="_top">${escapeHtml(tr(lang, PAGE.workbook))}</a></p>`;
  return { title, html: page(lang, title, body) };
}

export function resultPage(
  lang: Lang,
  req: ApprovalRequest,
  items: readonly ItemView[],
  saved: number,
  at: number,
  rejected: ReadonlyArray<{ itemId: string; by?: string; at?: number; decision?: Decision }>,
  name: (email: string) => string,
  workbookUrl: string,
): { title: string; html: string } {
  const title = tr(lang, saved ? PAGE.savedTitle : PAGE.alreadyTitle);
  let body = `<h1>${escapeHtml(title)}</h1>`;
  if (saved) body += `<p class="ok">${escapeHtml(tr(lang, PAGE.saved, { n: saved, at: formatDateTime(at, lang) }))}</p>`;
  for (const r of rejected) {
    body += `<p class="err">${escapeHtml(
      tr(lang, PAGE.already, {
        id: r.itemId,
        by: r.by ? name(r.by) : '?',
        at: r.at ? formatDateTime(r.at, lang) : '?',
        decision: tr(lang, r.decision === 'revise' ? PAGE.decidedRevise : PAGE.decidedApprove),
      }),
    )}</p>`;
  }
  body += historyHtml(lang, req, items, name);
  body += `<p><a href="${escapeHtml(workbookUrl)}" target="_top">${escapeHtml(tr(lang, PAGE.workbook))}</a></p>`;
  return { title, html: page(lang, title, body) };
}
