/**
 * The report's own Drive files that the office supplies: the template Doc and the kop logo. Both
 * are files Siaran makes in its report folder and registers (src/adapters/registry.ts), so the
 * report uses them under the drive.file scope and never a file someone typed the id of.
 *
 * - Template: Siaran creates a Doc with the placeholders listed (menu Administrasi → Buat templat
 *   laporan), writes its id to Pengaturan "templat_laporan"; the office edits it in Docs. An id
 *   typed into that setting is ignored unless it is a registered template.
 * - Logo: uploaded through a dialog (PNG or JPEG, at most 1 MB, sent as base64), stored in the
 *   report folder, registered, and its id written to Pengaturan "logo_kop".
 */
import { runsAsOwner } from '../../adapters/session';
import { ReportDoc } from '../../adapters/docs';
import { createDocIn, decodeBase64, DriveFolder, isSiaranFile, reportFolder, storeFile } from '../../adapters/drive';
import { docHasPageNumber } from '../../adapters/docs';
import { SiaranError } from '../../core/errors';
import { defineMessages, tr } from '../../core/i18n';
import { checkLogoBytes, checkLogoUpload, LOGO_MESSAGES, LogoProblem } from '../../core/logo';
import { TEMPLATE_BLOCKS } from '../../core/report';
import type { UploadLogoValue } from '../../shared/contract';
import { addLog, Ctx } from '../context';

export const FILES_MESSAGES = defineMessages({
  templateAction: { id: 'Membuat templat laporan', en: 'Creating the report template' },
  templateName: { id: 'Siaran - Templat Laporan', en: 'Siaran - Report Template' },
  templateDone: {
    id: 'Templat laporan dibuat di folder laporan: {url}. Ubah isinya di Google Docs (tempat {{penanda}} diisi Siaran); ID-nya sudah ditulis ke Pengaturan "templat_laporan". Laporan berikutnya memakai templat ini.',
    en: 'The report template was created in the report folder: {url}. Edit it in Google Docs (Siaran fills each {{marker}}); its ID was written to the setting "templat_laporan". The next report uses it.',
  },
  logoAction: { id: 'Mengunggah logo kop', en: 'Uploading the letterhead logo' },
  logoDone: {
    id: 'Logo kop tersimpan di folder laporan ({kb} KB) dan ID-nya ditulis ke Pengaturan "logo_kop". Laporan berikutnya memakai logo ini.',
    en: 'The letterhead logo was stored in the report folder ({kb} KB) and its ID written to the setting "logo_kop". The next report uses it.',
  },
  badRequest: { id: 'Permintaan unggah logo tidak lengkap. Tutup dialog lalu buka lagi.', en: 'The logo upload request is incomplete. Close the dialog and open it again.' },
  baseAction: { id: 'Menyiapkan nomor halaman laporan', en: 'Preparing report page numbers' },
  baseName: { id: 'Siaran - Dasar Laporan (nomor halaman)', en: 'Siaran - Report Base (page numbers)' },
  baseDone: {
    id: 'Dokumen dasar laporan dibuat: {url}. Sekali saja: buka dokumen itu, pilih Sisipkan → Nomor halaman (di kaki halaman), lalu tutup. Google tidak mengizinkan skrip menyisipkan nomor halaman, jadi langkah ini dilakukan orang. Setiap laporan berikutnya adalah salinannya dan bernomor halaman.',
    en: 'The report base was created: {url}. Once: open it, choose Insert → Page numbers (in the footer), then close it. Google lets no script insert page numbers, so a person does this step. Every later report is a copy of it and has page numbers.',
  },
  baseReady: {
    id: 'Dokumen dasar laporan sudah ada dan sudah bernomor halaman: {url}. Setiap laporan bulanan disalin darinya.',
    en: 'The report base exists and has page numbers: {url}. Every monthly report is copied from it.',
  },
  baseWaiting: {
    id: 'Dokumen dasar laporan sudah ada tetapi belum bernomor halaman: {url}. Buka dokumen itu, pilih Sisipkan → Nomor halaman (di kaki halaman), lalu tutup.',
    en: 'The report base exists but has no page numbers yet: {url}. Open it, choose Insert → Page numbers (in the footer), then close it.',
  },
  templateIntro: {
    id: 'Templat laporan Siaran. Ubah teks dan tata letaknya sesuka Anda; Siaran mengisi setiap {{penanda}} saat menyusun laporan. Tabel dan grafik ditaruh di paragraf yang hanya berisi penandanya.',
    en: "Siaran's report template. Change its text and layout as you like; Siaran fills each {{marker}} when it builds the report. Tables and charts go in a paragraph holding only their marker.",
  },
});

/**
 * Writes a Pengaturan value (adds the key when missing). Pengaturan is the owner's (hard-protected):
 * another person's execution leaves it as it is; the registry (user properties) is what counts.
 */
export function writeSetting(ctx: Ctx, key: string, value: string, note: string): void {
  if (!runsAsOwner()) return;
  const t = ctx.wb.table('pengaturan', { lenient: true });
  const row = t.find('kunci', key);
  if (row >= 0) t.set(row, 'nilai', value);
  else t.append({ kunci: key, nilai: value, keterangan: note });
}

/** The report folder, created (and written to Pengaturan) when missing. */
function ensureFolder(ctx: Ctx): DriveFolder {
  const { folder, created } = reportFolder(ctx.settings.reportFolderId);
  if (created) {
    writeSetting(ctx, 'folder_laporan', folder.id(), 'ID folder Drive untuk laporan. Kosongkan: Siaran membuatnya sendiri.');
    ctx.settings.reportFolderId = folder.id();
    addLog(ctx, '6', 'Folder laporan dibuat', folder.name(), `Folder laporan "${folder.name()}" dibuat di Drive.`);
  }
  return folder;
}

/** The starter text of a template: every placeholder, and where tables and charts go. */
function starterLines(lang: Ctx['lang']): string[] {
  return [
    '{{judul}}',
    '{{instansi}} - {{unit}}',
    tr(lang, FILES_MESSAGES.templateIntro),
    'Periode: {{periode}} (sebelumnya {{periode_sebelumnya}})',
    'Ringkasan: {{ringkasan}}',
    'Konten direncanakan {{jumlah_rencana}}, desain disetujui {{jumlah_disetujui}}, terbit {{jumlah_terbit}}; persetujuan pertama {{persetujuan_pertama}}, revisi {{jumlah_revisi}}, median keputusan {{median_keputusan}} menit kerja; kepatuhan SOP {{kepatuhan_sop}}.',
    ...TEMPLATE_BLOCKS.map((k) => `{{${k}}}`),
    'Simpulan:',
    '{{simpulan}}',
    'Saran:',
    '{{saran}}',
    '{{tempat_tanggal}}',
    '{{jabatan}}',
    '{{nama}}',
    'NIP {{nip}}',
  ];
}

/** Creates a Siaran-made template Doc in the report folder and points "templat_laporan" at it. */
export function createTemplate(ctx: Ctx): { id: string; url: string; message: string } {
  const folder = ensureFolder(ctx);
  const made = createDocIn(folder, tr(ctx.lang, FILES_MESSAGES.templateName), 'template');
  const doc = ReportDoc.open(made.id);
  const lines = starterLines(ctx.lang);
  doc.setFirstParagraph(lines[0], { bold: true, center: true, size: 12 });
  for (const line of lines.slice(1)) doc.appendParagraph(line, {});
  doc.saveAndClose();
  writeSetting(ctx, 'templat_laporan', made.id, 'ID Google Doc templat laporan yang dibuat Siaran (menu Administrasi → Buat templat laporan). Kosongkan: tata naskah dinas bawaan.');
  ctx.settings.reportTemplateId = made.id;
  addLog(ctx, '6', 'Templat laporan dibuat', made.id, made.url);
  return { ...made, message: tr(ctx.lang, FILES_MESSAGES.templateDone, { url: made.url }) };
}

/**
 * Makes the report base (owner only, once): an empty Doc in the report folder, registered as
 * Siaran's, its id in Pengaturan "dasar_laporan". A person then inserts page numbers in its footer
 * (no script can); every built-in report is a Drive copy of it. Run again: says whether the base has
 * its page numbers yet (and makes a new one only when the old one is gone or was not Siaran's).
 */
export function createReportBase(ctx: Ctx): { id: string; url: string; message: string } {
  const existing = ctx.settings.reportBaseId;
  if (existing && isSiaranFile(existing, 'base')) {
    const state = docHasPageNumber(existing);
    if (state !== null) {
      const url = `https://docs.google.com/document/d/${existing}/edit`;
      return { id: existing, url, message: tr(ctx.lang, state ? FILES_MESSAGES.baseReady : FILES_MESSAGES.baseWaiting, { url }) };
    }
  }
  const folder = ensureFolder(ctx);
  const made = createDocIn(folder, tr(ctx.lang, FILES_MESSAGES.baseName), 'base');
  writeSetting(ctx, 'dasar_laporan', made.id, 'ID Google Doc dasar laporan yang dibuat Siaran (menu Administrasi → Siapkan nomor halaman laporan); nomor halaman di kakinya ikut ke setiap laporan. Dokumen lain diabaikan.');
  ctx.settings.reportBaseId = made.id;
  addLog(ctx, '6', 'Dasar laporan dibuat', made.id, made.url);
  return { ...made, message: tr(ctx.lang, FILES_MESSAGES.baseDone, { url: made.url }) };
}

function logoError(ctx: Ctx, p: LogoProblem): SiaranError {
  return new SiaranError('VALIDATION', LOGO_MESSAGES[p.key], p.params ?? {});
}

/** Stores an uploaded logo (checked: PNG/JPEG, at most 1 MB) and points "logo_kop" at it. */
export function uploadLogo(ctx: Ctx, req: unknown): UploadLogoValue {
  const r = (typeof req === 'object' && req !== null ? req : {}) as Record<string, unknown>;
  if (typeof r.name !== 'string' || typeof r.mimeType !== 'string' || typeof r.base64 !== 'string') throw new SiaranError('BAD_REQUEST', FILES_MESSAGES.badRequest);
  const name = r.name.slice(0, 200) || 'logo';
  const first = checkLogoUpload(name, r.mimeType, r.base64);
  if (first) throw logoError(ctx, first);
  const bytes = decodeBase64(r.base64);
  if (!bytes) throw logoError(ctx, { key: 'badData' });
  const second = checkLogoBytes(name, r.mimeType, bytes);
  if (second) throw logoError(ctx, second);
  const folder = ensureFolder(ctx);
  const ext = r.mimeType === 'image/png' ? 'png' : 'jpg';
  const stored = storeFile(folder, `Siaran - Logo Kop.${ext}`, r.mimeType, bytes, 'logo');
  writeSetting(ctx, 'logo_kop', stored.id, 'Logo kop laporan, diunggah lewat menu Administrasi → Unggah logo kop (PNG/JPEG, maks. 1 MB).');
  ctx.settings.logoId = stored.id;
  const kb = Math.ceil(bytes.length / 1024);
  addLog(ctx, '6', 'Logo kop diunggah', stored.id, `${name} (${kb} KB): ${stored.url}`);
  return { id: stored.id, url: stored.url, message: tr(ctx.lang, FILES_MESSAGES.logoDone, { kb }) };
}
