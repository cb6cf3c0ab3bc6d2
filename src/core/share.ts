/**
 * "Bagikan ke WhatsApp": the SOP's step 2 note says the concept is shared to the team's WhatsApp
 * group. A wa.me link opens WhatsApp (app or web) with a short Indonesian summary and the workbook
 * link ready to send; the person picks the group. Used by the panel and the result mail.
 */
import { defineMessages, formatPeriod, Lang, tr } from './i18n';
import type { ItemKind } from './sop';

export const SHARE_TEXT = defineMessages({
  label: { id: 'Bagikan ke WhatsApp', en: 'Share to WhatsApp' },
  submitted: { id: '[Siaran] {n} {kind} {period} diajukan untuk persetujuan ({id}).', en: '[Siaran] {n} {kind} item(s) for {period} submitted for approval ({id}).' },
  decided: { id: '[Siaran] Hasil persetujuan {kind} {period} ({id}): {approved} disetujui, {revise} perlu revisi.', en: '[Siaran] Approval result, {kind} {period} ({id}): {approved} approved, {revise} need revision.' },
  strategy: { id: '[Siaran] Strategi {period} sudah disimpan.', en: '[Siaran] The strategy for {period} was saved.' },
  workbook: { id: 'Workbook: {url}', en: 'Workbook: {url}' },
  kindKonsep: { id: 'konsep', en: 'plan' },
  kindDesain: { id: 'desain', en: 'design' },
});

/** https://wa.me/?text=… with the summary and (when known) the workbook link on its own line. */
export function whatsappUrl(summary: string, workbookUrl: string, lang: Lang): string {
  const text = workbookUrl ? `${summary}\n${tr(lang, SHARE_TEXT.workbook, { url: workbookUrl })}` : summary;
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}

export function kindWord(kind: ItemKind, lang: Lang): string {
  return tr(lang, kind === 'konsep' ? SHARE_TEXT.kindKonsep : SHARE_TEXT.kindDesain);
}

export function submittedSummary(p: { kind: ItemKind; period: string; n: number; requestId: string }, lang: Lang): string {
  return tr(lang, SHARE_TEXT.submitted, { n: p.n, kind: kindWord(p.kind, lang), period: formatPeriod(p.period, lang), id: p.requestId });
}

export function decidedSummary(p: { kind: ItemKind; period: string; requestId: string; approved: number; revise: number }, lang: Lang): string {
  return tr(lang, SHARE_TEXT.decided, { kind: kindWord(p.kind, lang), period: formatPeriod(p.period, lang), id: p.requestId, approved: p.approved, revise: p.revise });
}
