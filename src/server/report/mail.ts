/**
 * The "report is ready" mail to the Kabag and Kasubbag. Sent with the mail adapter; when the daily
 * quota does not allow it (or the quota error comes), the whole mail is queued in script properties
 * (one property per mail, key siaran.rq.<15-digit epoch ms>.<n>, a few hundred bytes) and the
 * hourly trigger job retries it. Queued, late and sent mails are all in the Log.
 */
import { appsScriptMailer, recipientCount } from '../../adapters/mail';
import { PrefixStore, scriptProperties } from '../../adapters/props';
import { defineMessages, escapeHtml, formatDateTime, formatPeriod, Lang, tr } from '../../core/i18n';
import { peopleWithRole, Person } from '../../core/people';
import type { Mailer, OutgoingMail } from '../../core/ports';
import { addLog, Ctx } from '../context';

export const REPORT_QUEUE_PREFIX = 'siaran.rq.';

export const REPORT_MAIL = defineMessages({
  subject: { id: '[Siaran] Laporan Media Sosial {period} siap ditinjau', en: '[Siaran] Social Media Report for {period} is ready for review' },
  greeting: { id: 'Yth. {names},', en: 'Dear {names},' },
  body: {
    id: 'Laporan pengelolaan media sosial bulan {period} telah disusun oleh Siaran. Bagian D (Simpulan dan Saran) masih berupa draf untuk disunting Kabag sebelum ditandatangani.',
    en: 'The social media management report for {period} has been built by Siaran. Section D (Conclusions and Recommendations) is a draft for the Kabag to edit before signing.',
  },
  doc: { id: 'Dokumen (Google Docs)', en: 'Document (Google Docs)' },
  pdf: { id: 'PDF', en: 'PDF' },
  footer: { id: 'Pesan ini dikirim otomatis oleh Siaran.', en: 'This message was sent automatically by Siaran.' },
});

export function reportMail(lang: Lang, period: string, to: Person[], docUrl: string, pdfUrl: string): OutgoingMail {
  const p = formatPeriod(period, lang);
  const names = to.map((x) => x.name).join(', ');
  const text = [tr(lang, REPORT_MAIL.greeting, { names }), '', tr(lang, REPORT_MAIL.body, { period: p }), '', `${tr(lang, REPORT_MAIL.doc)}: ${docUrl}`, `${tr(lang, REPORT_MAIL.pdf)}: ${pdfUrl}`, '', tr(lang, REPORT_MAIL.footer)].join('\n');
  const html =
    `<p>${escapeHtml(tr(lang, REPORT_MAIL.greeting, { names }))}</p>` +
    `<p>${escapeHtml(tr(lang, REPORT_MAIL.body, { period: p }))}</p>` +
    `<ul><li><a href="${escapeHtml(docUrl)}">${escapeHtml(tr(lang, REPORT_MAIL.doc))}</a></li><li><a href="${escapeHtml(pdfUrl)}">${escapeHtml(tr(lang, REPORT_MAIL.pdf))}</a></li></ul>` +
    `<p style="color:#5f6368;font-size:12px">${escapeHtml(tr(lang, REPORT_MAIL.footer))}</p>`;
  return { to: to.map((x) => x.email).join(','), subject: tr(lang, REPORT_MAIL.subject, { period: p }), text, html };
}

function quotaError(e: unknown): boolean {
  return /too many times|quota|Limit Exceeded: Email/i.test(e instanceof Error ? e.message : String(e));
}

function safeQuota(m: Mailer): number {
  try {
    return m.remainingQuota();
  } catch (_e) {
    return 0;
  }
}

/** Sends the mail now or queues it. Adds Log entries to ctx (the caller commits). */
export function sendReportMail(ctx: Ctx, period: string, docUrl: string, pdfUrl: string, mailer: Mailer = appsScriptMailer, store: PrefixStore = scriptProperties()): 'sent' | 'queued' | 'nobody' {
  const to = [...peopleWithRole(ctx.people, 'Kabag'), ...peopleWithRole(ctx.people, 'Kasubbag')];
  if (!to.length) return 'nobody';
  const mail = reportMail(ctx.lang, period, to, docUrl, pdfUrl);
  let why: string;
  if (store.keys(REPORT_QUEUE_PREFIX).length === 0) {
    // No quota question first: MailApp refuses a mail the day's quota cannot take with its quota
    // error, which queues it just the same (one call fewer).
    try {
      mailer.send(mail);
      addLog(ctx, '6', 'Email laporan', mail.to, `"${mail.subject}" terkirim.`);
      return 'sent';
    } catch (e) {
      if (!quotaError(e)) throw e;
      why = `kuota email harian tidak cukup untuk ${recipientCount(mail)} penerima: ${e instanceof Error ? e.message : String(e)}`;
    }
  } else why = 'antrean email laporan belum kosong';
  const key = `${REPORT_QUEUE_PREFIX}${String(ctx.now).padStart(15, '0')}.${store.keys(REPORT_QUEUE_PREFIX).length}`;
  store.set(key, JSON.stringify({ m: mail, q: ctx.now }));
  addLog(ctx, '6', 'Email ditunda', mail.to, `"${mail.subject}" diantrekan (${why}); dikirim ulang otomatis oleh pemicu per jam.`);
  return 'queued';
}

function isMail(v: unknown): v is OutgoingMail {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.to === 'string' && typeof o.subject === 'string' && typeof o.text === 'string' && typeof o.html === 'string';
}

/** Sends queued report mails, oldest first, while the quota allows. */
export function retryReportMails(ctx: Ctx, mailer: Mailer = appsScriptMailer, store: PrefixStore = scriptProperties()): { sent: number; left: number } {
  const keys = store.keys(REPORT_QUEUE_PREFIX);
  let sent = 0;
  let i = 0;
  for (; i < keys.length; i++) {
    let parsed: { m?: unknown; q?: unknown } | null;
    try {
      parsed = JSON.parse(store.get(keys[i]) || 'null') as { m?: unknown; q?: unknown } | null;
    } catch (_e) {
      parsed = null;
    }
    if (!parsed || !isMail(parsed.m)) {
      store.delete(keys[i]);
      continue;
    }
    const mail = parsed.m;
    if (safeQuota(mailer) < recipientCount(mail)) break;
    try {
      mailer.send(mail);
    } catch (e) {
      if (quotaError(e)) break;
      throw e;
    }
    store.delete(keys[i]);
    sent++;
    const queuedAt = typeof parsed.q === 'number' ? parsed.q : ctx.now;
    addLog(ctx, '6', 'Email tertunda terkirim', mail.to, `"${mail.subject}" terkirim ${formatDateTime(ctx.now, 'id')}; diantrekan sejak ${formatDateTime(queuedAt, 'id')}.`);
  }
  return { sent, left: keys.length - i };
}
