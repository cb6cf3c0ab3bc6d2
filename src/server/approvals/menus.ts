/** Menu actions: submit the month's plan, submit designs, rotate the link secret. */
import { dialogs, showLinkDialog } from '../../adapters/ui';
import { defineMessages, tr } from '../../core/i18n';
import { approvalStep, APPROVER_ROLES, isSubmittable, nextPeriod, parsePeriod, periodOf } from '../../core/sop';
import { formatPeriod } from '../../core/i18n';
import { addLog, commit, Ctx, requireOwner, requireRole } from '../context';
import { menuAction } from '../run';
import { doSubmitConcept, doSubmitDesigns } from './api';
import { mailEnv } from './env';
import { sendOrQueue } from './mailq';
import { DIGEST_EVERY_MINUTES, MailIntent } from './mail-common';
import { pendingForRow } from '../../core/approval';
import { randomToken, rotateSecret } from './secret';
import { loadRequests, saveRequest } from './store';
import { DraftDesign, draftDesignAt, myDraftDesigns } from './submit';
import { withScriptLock, busyError } from '../run';

export const MENU_TEXT = defineMessages({
  periodTitle: { id: 'Ajukan konsep bulan', en: 'Submit month plan' },
  periodPrompt: { id: 'Periode yang diajukan (YYYY-MM). Kosongkan untuk {period}.', en: 'Period to submit (YYYY-MM). Leave empty for {period}.' },
  periodBad: { id: 'Periode "{value}" tidak sah. Tulis YYYY-MM, misalnya {period}. Tidak ada yang diajukan.', en: 'Period "{value}" is not valid. Write YYYY-MM, e.g. {period}. Nothing was submitted.' },
  designsTitle: { id: 'Ajukan desain', en: 'Submit designs' },
  designsMonth: {
    id: 'Tidak ada baris desain yang dipilih. Desain Draf/Perlu Revisi Anda: {months}.\nBulan yang diajukan (YYYY-MM). Kosongkan untuk {period}.',
    en: 'No design row is selected. Your Draft/Needs-revision designs: {months}.\nMonth to submit (YYYY-MM). Leave empty for {period}.',
  },
  designsMonthNone: { id: 'Tidak ada desain Draf/Perlu Revisi Anda untuk {period}. Ada: {months}. Tidak ada yang diajukan.', en: 'You have no Draft/Needs-revision designs for {period}. There are: {months}. Nothing was submitted.' },
  designsConfirm: {
    id: 'Ajukan {n} desain berikut? Satu permintaan persetujuan per bulan ({requests}).\n{list}',
    en: 'Submit these {n} designs? One approval request per month ({requests}).\n{list}',
  },
  designsNone: { id: 'Tidak ada desain untuk diajukan. Pilih baris Draf atau Perlu Revisi di tab Desain Konten, lalu pilih menu ini lagi.', en: 'There is no design to submit. Select Draft or Needs-revision rows in the Content Designs tab, then choose this menu again.' },
  urgentAsk: {
    id: 'Tandai pengajuan ini MENDESAK?\nYa: email ke penyetuju dikirim sekarang, dengan tanda MENDESAK di subjek dan halaman tinjauan.\nTidak: email dikirim dalam satu ringkasan bersama pengajuan lain dalam {m} menit.',
    en: 'Mark this submission URGENT?\nYes: the approvers are mailed now, with URGENT in the subject and on the review page.\nNo: the mail goes in one digest with other submissions within {m} minutes.',
  },
  openPage: { id: 'Buka halaman pengajuan', en: 'Open the submission page' },
  rotateTitle: { id: 'Perbarui kunci tautan persetujuan', en: 'Renew the approval link key' },
  rotateConfirm: { id: 'Semua tautan persetujuan yang sudah terkirim akan berhenti berlaku ("tautan sudah diganti"). Lanjutkan?', en: 'Every approval link already sent will stop working ("this link was replaced"). Continue?' },
  resendConfirm: { id: 'Kunci diperbarui. Kirim tautan baru ke {n} penyetuju yang sedang menunggu giliran?', en: 'The key was renewed. Send fresh links to the {n} approver(s) whose turn it is?' },
  rotated: { id: 'Kunci tautan diperbarui. Tautan baru untuk {n} penyetuju dikirim oleh pemicu Siaran dalam {m} menit.', en: 'The link key was renewed. Fresh links for {n} approver(s) are sent by the Siaran trigger within {m} minutes.' },
  rotateAction: { id: 'Memperbarui kunci tautan', en: 'Renewing the link key' },
});

/** A staff member's checked submission: the dialog with the submission page (the owner's web app). */
function openSubmitPage(ctx: Ctx, title: string, message: string, url: string): undefined {
  showLinkDialog(title, message, url, tr(ctx.lang, MENU_TEXT.openPage));
  return undefined;
}

/** Rows whose turn it is, with a fresh nonce each (old links become "replaced"). */
export function reissueLinks(ctx: Ctx): MailIntent[] {
  const intents: MailIntent[] = [];
  for (const req of loadRequests(ctx)) {
    const waiting = req.rows.filter((r) => r.status === 'Menunggu' && pendingForRow(req, r).length);
    if (!waiting.length) continue;
    const next = { ...req, rows: req.rows.map((r) => (waiting.indexOf(r) >= 0 ? { ...r, nonce: randomToken() } : r)) };
    saveRequest(ctx, req, next);
    for (const r of waiting) {
      intents.push({ k: 'request', req: req.id, lvl: r.level, ap: r.approver });
      addLog(ctx, String(approvalStep(req.kind)), 'Tautan persetujuan diterbitkan ulang', req.id, `Untuk ${r.approver} (tingkat ${r.level})`);
    }
  }
  return intents;
}

/** "Mendesak?" (YES/NO), asked only when submissions wait for a digest (jeda_ringkasan_menit > 0). */
function askUrgent(ctx: Ctx, ui: ReturnType<typeof dialogs>, title: string): boolean {
  const m = ctx.settings.digestWindowMinutes;
  return m > 0 && ui.confirm(title, tr(ctx.lang, MENU_TEXT.urgentAsk, { m }));
}

export function menuSubmitConceptAction(): void {
  menuAction((ctx) => {
    const ui = dialogs();
    const def = nextPeriod(periodOf(ctx.now));
    const answer = ui.prompt(tr(ctx.lang, MENU_TEXT.periodTitle), tr(ctx.lang, MENU_TEXT.periodPrompt, { period: def }));
    if (answer === null) return;
    const text = answer.trim();
    const period = text ? parsePeriod(text) : def;
    if (!period) {
      ui.alert('Siaran', tr(ctx.lang, MENU_TEXT.periodBad, { value: text, period: def }));
      return;
    }
    const urgent = askUrgent(ctx, ui, tr(ctx.lang, MENU_TEXT.periodTitle));
    const v = doSubmitConcept(ctx, period, urgent);
    if (v.pageUrl) return openSubmitPage(ctx, tr(ctx.lang, MENU_TEXT.periodTitle), v.message, v.pageUrl);
    if (v.warnings.length) ui.alert('Siaran', v.message);
    return v.message;
  });
}

/** "April 2026 (2), Mei 2026 (1)": the months of the designs, oldest first, with counts. */
function monthCounts(ctx: Ctx, designs: readonly DraftDesign[]): string {
  const counts = new Map<string, number>();
  for (const d of designs) counts.set(d.period, (counts.get(d.period) ?? 0) + 1);
  return Array.from(counts.keys())
    .sort()
    .map((p) => `${p ? formatPeriod(p, ctx.lang) : '?'} (${counts.get(p)})`)
    .join(', ');
}

/** The confirmation: each month with its designs' ids, platforms and titles. */
function designList(ctx: Ctx, designs: readonly DraftDesign[]): { list: string; requests: number } {
  const periods = Array.from(new Set(designs.map((d) => d.period))).sort();
  const lines: string[] = [];
  for (const p of periods) {
    lines.push(`${p ? formatPeriod(p, ctx.lang) : '?'}:`);
    for (const d of designs.filter((x) => x.period === p)) lines.push(`- ${d.id} · ${d.platform} · ${d.title.slice(0, 70) || d.conceptId}`);
  }
  return { list: lines.join('\n'), requests: periods.length };
}

export function menuSubmitDesignsAction(): void {
  menuAction((ctx) => {
    const ui = dialogs();
    const t = ctx.wb.table('desain');
    let chosen: DraftDesign[] = [];
    const range = t.tab.selectedRows();
    if (range) {
      for (let r = range.row; r < range.row + range.count; r++) {
        const i = r - 2;
        if (i < 0 || i >= t.size) continue;
        const status = t.text(i, 'status') || 'Draf';
        if (isSubmittable(status) && t.text(i, 'id')) chosen.push(draftDesignAt(ctx, i));
      }
    }
    if (!chosen.length) {
      // Nothing selected: the month first (never every draft across months).
      const mine = myDraftDesigns(ctx);
      if (!mine.length) {
        ui.alert('Siaran', tr(ctx.lang, MENU_TEXT.designsNone));
        return;
      }
      const months = monthCounts(ctx, mine);
      const def = mine.map((d) => d.period).filter(Boolean).sort()[0] ?? nextPeriod(periodOf(ctx.now));
      const answer = ui.prompt(tr(ctx.lang, MENU_TEXT.designsTitle), tr(ctx.lang, MENU_TEXT.designsMonth, { months, period: formatPeriod(def, ctx.lang) }));
      if (answer === null) return;
      const text = answer.trim();
      const period = text ? parsePeriod(text) : def;
      if (!period) {
        ui.alert('Siaran', tr(ctx.lang, MENU_TEXT.periodBad, { value: text, period: def }));
        return;
      }
      chosen = mine.filter((d) => d.period === period);
      if (!chosen.length) {
        ui.alert('Siaran', tr(ctx.lang, MENU_TEXT.designsMonthNone, { period: formatPeriod(period, ctx.lang), months }));
        return;
      }
    }
    const { list, requests } = designList(ctx, chosen);
    if (!ui.confirm(tr(ctx.lang, MENU_TEXT.designsTitle), tr(ctx.lang, MENU_TEXT.designsConfirm, { n: chosen.length, requests, list }))) return;
    const urgent = askUrgent(ctx, ui, tr(ctx.lang, MENU_TEXT.designsTitle));
    const v = doSubmitDesigns(
      ctx,
      chosen.map((d) => d.id),
      urgent,
    );
    return v.pageUrl ? openSubmitPage(ctx, tr(ctx.lang, MENU_TEXT.designsTitle), v.message, v.pageUrl) : v.message;
  });
}

export function menuRotateSecretAction(): void {
  menuAction((ctx) => {
    requireRole(ctx, APPROVER_ROLES, tr(ctx.lang, MENU_TEXT.rotateAction));
    // The key is in the owner's user properties: only the owner's execution can renew it.
    requireOwner(ctx, tr(ctx.lang, MENU_TEXT.rotateAction));
    const env = mailEnv();
    const links = env.links;
    if (!links) return;
    const ui = dialogs();
    if (!ui.confirm(tr(ctx.lang, MENU_TEXT.rotateTitle), tr(ctx.lang, MENU_TEXT.rotateConfirm))) return;
    const waiting = loadRequests(ctx).reduce((n, req) => n + req.rows.filter((r) => r.status === 'Menunggu' && pendingForRow(req, r).length).length, 0);
    withScriptLock(() => rotateSecret(links), busyError);
    addLog(ctx, '—', 'Kunci tautan diperbarui', 'Persetujuan', 'Tautan lama menampilkan "tautan sudah diganti".');
    let sent = 0;
    if (waiting && ui.confirm(tr(ctx.lang, MENU_TEXT.rotateTitle), tr(ctx.lang, MENU_TEXT.resendConfirm, { n: waiting }))) {
      sent = withScriptLock(() => {
        // Re-read under the lock: a decision may have been saved since the count above.
        ctx.wb.relocate();
        const intents = reissueLinks(ctx);
        commit(ctx);
        const r = sendOrQueue(ctx, env, intents, { urgent: true });
        return r.sent + r.soonTo.length;
      }, busyError);
    }
    return tr(ctx.lang, MENU_TEXT.rotated, { n: sent, m: DIGEST_EVERY_MINUTES });
  });
}
