/**
 * Records for the paper archive (the SOP's "pencatatan dan pendataan"): a month's rows of Strategi,
 * Konsep Konten, Desain Konten, Publikasi, Insight and Persetujuan and its Log entries, one table
 * per tab, as ONE PDF "Arsip Siaran - <Month Year>" in the report folder's year subfolder. The
 * temporary Doc the PDF is made from goes to the trash (the PDF is the record; the workbook keeps
 * the live data).
 */
import { runsAsOwner } from '../../adapters/session';
import { writeSetting } from './files';
import { A4_LANDSCAPE, ReportDoc } from '../../adapters/docs';
import { moveInto, registerMade, reportFolder, savePdf, subfolder, trashFile } from '../../adapters/drive';
import type { Cell, Table } from '../../adapters/workbook';
import { defineMessages, formatDateTime, formatNumber, formatPeriod, tr } from '../../core/i18n';
import { periodBounds, RECORDS_PRINTED } from '../../core/report';
import type { TabKey } from '../../core/schema';
import { addLog, commit, Ctx } from '../context';
import { cellMs } from '../clock';
import { tableOrNull } from './read';
import { periodOfCell } from '../../core/sop';

export const RECORDS_MESSAGES = defineMessages({
  name: { id: 'Arsip Siaran - {period}', en: 'Siaran Records - {period}' },
  title: { id: 'ARSIP PENGELOLAAN MEDIA SOSIAL BULAN {period}', en: 'SOCIAL MEDIA MANAGEMENT RECORDS FOR {period}' },
  printed: { id: 'Dicetak oleh Siaran pada {at} oleh {user}.', en: 'Printed by Siaran on {at} by {user}.' },
  rows: { id: '{n} baris', en: '{n} rows' },
  none: { id: 'Tidak ada baris untuk bulan ini.', en: 'No rows for this month.' },
  done: { id: 'Arsip {period} tersimpan sebagai PDF: {url} ({rows} baris dari {tabs} tab). Dokumen sementaranya dipindahkan ke sampah.', en: 'The {period} records were saved as a PDF: {url} ({rows} rows from {tabs} tabs). The temporary document was moved to the trash.' },
});

const TABS: TabKey[] = ['strategi', 'konsep', 'desain', 'publikasi', 'insight', 'persetujuan', 'log'];

function cellText(v: Cell, lang: 'id' | 'en'): string {
  if (v instanceof Date || (typeof v === 'object' && v !== null)) {
    const ms = cellMs(v);
    return ms === null ? '' : formatDateTime(ms, lang);
  }
  if (typeof v === 'number') return formatNumber(v, lang, Math.round(v) === v ? 0 : 2);
  return String(v ?? '');
}

/** Row indexes of a tab that belong to `period`. */
export function monthRows(ctx: Ctx, key: TabKey, t: Table, period: string, conceptPeriods: Map<string, string>): number[] {
  const b = periodBounds(period);
  const inMonth = (v: Cell) => {
    const ms = cellMs(v);
    return ms !== null && ms >= b.start && ms < b.end;
  };
  const out: number[] = [];
  for (let i = 0; i < t.size; i++) {
    let keep: boolean;
    if (key === 'log') keep = inMonth(t.get(i, 'waktu'));
    else if (key === 'publikasi') keep = inMonth(t.get(i, 'tanggal'));
    else if (key === 'desain') keep = conceptPeriods.get(t.text(i, 'konsepId')) === period || inMonth(t.get(i, 'diajukanPada'));
    else keep = periodOfCell(t.get(i, 'periode')) === period;
    if (keep) out.push(i);
  }
  return out;
}

export function exportRecords(ctx: Ctx, period: string): { url: string; rows: number } {
  const lang = ctx.lang;
  const p = formatPeriod(period, lang);
  const name = tr(lang, RECORDS_MESSAGES.name, { period: p });
  const { folder, created } = reportFolder(ctx.settings.reportFolderId);
  if (created) {
    writeSetting(ctx, 'folder_laporan', folder.id(), 'ID folder Drive untuk laporan.');
    // Only the owner's execution writes Pengaturan (writeSetting); anyone else's reaches only the
    // files her own executions made, so the office's folder is out of her reach, not missing.
    addLog(
      ctx,
      '6',
      'Folder laporan dibuat',
      folder.name(),
      runsAsOwner()
        ? 'Folder laporan tidak ditemukan atau ada di sampah; folder baru dibuat dan ID-nya ditulis ke Pengaturan "folder_laporan".'
        : `Folder laporan kantor hanya terjangkau oleh eksekusi pemilik workbook; arsip disimpan di folder baru "${folder.name()}" di Drive ${ctx.email}. Pengaturan tidak diubah.`,
    );
  }
  const year = subfolder(folder, period.slice(0, 4));
  const doc = ReportDoc.create(name);
  registerMade(doc.id(), 'temp');
  doc.setPage(A4_LANDSCAPE);
  doc.setFirstParagraph(tr(lang, RECORDS_MESSAGES.title, { period: p.toUpperCase() }), { center: true, bold: true, size: 12 });
  doc.appendParagraph(tr(lang, RECORDS_MESSAGES.printed, { at: formatDateTime(ctx.now, lang), user: ctx.me?.name || ctx.email }), { center: true, size: 9, italic: true });

  const konsep = tableOrNull(ctx, 'konsep');
  const conceptPeriods = new Map<string, string>();
  if (konsep) {
    for (let i = 0; i < konsep.size; i++) conceptPeriods.set(konsep.text(i, 'id'), periodOfCell(konsep.get(i, 'periode')));
  }
  let total = 0;
  let tabs = 0;
  for (const key of TABS) {
    const t = tableOrNull(ctx, key);
    if (!t) continue;
    tabs++;
    const rows = monthRows(ctx, key, t, period, conceptPeriods);
    total += rows.length;
    const heading = `${t.tab.name()} (${tr(lang, RECORDS_MESSAGES.rows, { n: formatNumber(rows.length, lang) })})`;
    doc.appendParagraph(heading, { heading2: true, bold: true, size: 11, color: '#000000' });
    if (!rows.length) {
      doc.appendParagraph(tr(lang, RECORDS_MESSAGES.none), { italic: true, size: 9 });
      continue;
    }
    const width = t.headers.length;
    const cells = [t.headers.map((x) => String(x))].concat(rows.map((i) => t.rows[i].slice(0, width).map((v) => cellText(v, lang))));
    doc.appendTable(`arsip_${key}`, cells, 7);
  }
  doc.saveAndClose();
  moveInto(doc.id(), year);
  const pdf = savePdf(doc.id(), year, name, 'records');
  trashFile(doc.id());
  addLog(ctx, '—', RECORDS_PRINTED, period, `PDF: ${pdf.url}; ${total} baris dari ${tabs} tab. Dokumen sementara dipindahkan ke sampah.`);
  commit(ctx);
  return { url: pdf.url, rows: total };
}
