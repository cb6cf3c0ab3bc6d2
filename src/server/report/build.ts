/**
 * Building the monthly report (SOP step 6): the Google Doc (official layout or the user's template),
 * its PDF beside it in the report folder's year subfolder, the Laporan row, and the mail to the
 * heads. Rebuilding a month replaces its report: one Laporan row per period, the old Doc and PDF go
 * to Drive's trash.
 *
 * The official layout is written with ONE Docs API batchUpdate (text, tables, styles), then
 * DocumentApp puts the kop logo, the kop's rule and the charts into the slots the batch left for
 * them (the Docs API inserts images only from a public URL and has no horizontal rule). A user's
 * template is filled with DocumentApp (ReportDoc.applyTemplate).
 *
 * Time: the build checks its elapsed time (Date.now()) against a 4.5-minute budget between its
 * steps. It keeps a checkpoint in script properties (period, phase, Doc id, step: 0 = empty Doc,
 * 1 = text written, slots known), written after each step (after the slots only when it pauses
 * there: a run cut in the PDF step resumes at the slots, filled once), and a one-shot trigger
 * (triggerResumeReport, 60 s) exists for the whole build. So whether the build pauses on its
 * budget or is stopped by Apps Script's 6-minute limit, the trigger resumes it from the
 * checkpoint: a Doc that may hold a text batch the checkpoint does not know of is emptied and
 * written again, and a slot already filled is not filled twice. When the build finishes, the
 * checkpoint and the trigger are deleted.
 *
 * The trigger may fire while the run that holds the checkpoint is still working (a build longer
 * than a minute). The checkpoint says when that run started and whether it paused: a resume
 * continues only a paused checkpoint or one whose run started more than Apps Script's 6-minute
 * limit ago (that run is dead); otherwise it changes nothing and re-arms itself for just after the
 * limit. A run that pauses re-arms the trigger for a minute later.
 */
import { writeSetting } from './files';
import { A4_PORTRAIT, fillReportSlots, ReportDoc, Slots, writeReportText } from '../../adapters/docs';
import { copyDocIn, createDocIn, DriveFolder, idFromUrl, isSiaranFile, registeredReport, registerReport, reportFolder, savePdf, subfolder, trashFile, usableFolder } from '../../adapters/drive';
import { scriptLock } from '../../adapters/lock';
import { scriptProperties } from '../../adapters/props';
import { flushRegistry, registryBatch } from '../../adapters/registry';
import { deleteTriggersFor, MadeTrigger, runOnceAfter } from '../../adapters/triggers';
import type { Table } from '../../adapters/workbook';
import { SiaranError } from '../../core/errors';
import { defineMessages, formatPeriod, tr } from '../../core/i18n';
import { buildReportModel, reportDocName, reportLayout, templateValues } from '../../core/report';
import { periodOfCell } from '../../core/sop';
import { userText, addLog, commit, Ctx } from '../context';
import { sendReportMail } from './mail';
import { readReportInput } from './read';

export const CHECKPOINT_KEY = 'siaran.report.checkpoint';
export const RESUME_HANDLER = 'triggerResumeReport';
/** Work stops for a resume once this much time has passed in one execution. */
export const REPORT_BUDGET_MS = 4.5 * 60 * 1000;
/** Apps Script stops an execution after 6 minutes: a run that started longer ago is dead. */
export const RUN_LIMIT_MS = 6 * 60 * 1000;
/** A resume that finds a live run fires again this long after the run's limit. */
const AFTER_LIMIT_MS = 30 * 1000;
/** A checkpoint untouched this long belongs to a build that stopped (its trigger may be lost). */
export const STALE_MS = 10 * 60 * 1000;

export const BUILD_MESSAGES = defineMessages({
  action: { id: 'Menyusun laporan bulanan', en: 'Building the monthly report' },
  done: { id: 'Laporan {period} selesai: {doc} (PDF: {pdf}).', en: 'The report for {period} is done: {doc} (PDF: {pdf}).' },
  replaced: { id: 'Laporan sebelumnya untuk {period} dipindahkan ke sampah Drive.', en: 'The previous report for {period} was moved to the Drive trash.' },
  continuing: {
    id: 'Laporan {period} belum selesai dalam batas waktu satu eksekusi; Siaran melanjutkannya otomatis dalam 1 menit. Tautannya akan muncul di tab Laporan.',
    en: 'The report for {period} did not finish within one execution; Siaran continues it automatically in 1 minute. Its links will appear in the Reports tab.',
  },
  inProgress: {
    id: 'Laporan {period} sedang disusun (dimulai {at}). Tunggu hingga selesai; tautannya akan muncul di tab Laporan.',
    en: 'The report for {period} is being built (started {at}). Wait until it finishes; its links will appear in the Reports tab.',
  },
  folderNew: {
    id: 'Folder laporan "{name}" dibuat di Drive Anda dan ID-nya ditulis ke Pengaturan "folder_laporan".',
    en: 'The report folder "{name}" was created in your Drive and its ID written to the setting "folder_laporan".',
  },
  folderCreated: {
    id: 'Folder laporan tidak ditemukan atau ada di sampah; folder baru "{name}" dibuat dan ID-nya ditulis ke Pengaturan "folder_laporan".',
    en: 'The report folder was missing or in the trash; a new folder "{name}" was created and its ID written to the setting "folder_laporan".',
  },
  templateFailed: {
    id: 'Templat laporan ({id}) tidak dapat dibuka: {error}. Tata naskah dinas bawaan dipakai.',
    en: 'The report template ({id}) could not be opened: {error}. The built-in official layout was used.',
  },
  templateForeign: {
    id: 'Templat laporan ({id}) di Pengaturan bukan templat yang dibuat Siaran, jadi diabaikan; tata naskah dinas bawaan dipakai. Buat templat lewat menu Siaran → Administrasi → Buat templat laporan.',
    en: 'The report template ({id}) in Settings is not a template Siaran made, so it was ignored; the built-in official layout was used. Make one with Siaran → Administration → Create report template.',
  },
  logoForeign: {
    id: 'Logo kop ({id}) di Pengaturan bukan logo yang diunggah lewat Siaran, jadi tidak dipakai; kop tanpa logo. Unggah logo lewat menu Siaran → Administrasi → Unggah logo kop.',
    en: 'The letterhead logo ({id}) in Settings was not uploaded through Siaran, so it was not used; the letterhead has no logo. Upload one with Siaran → Administration → Upload letterhead logo.',
  },
  noBase: {
    id: 'Laporan ini belum bernomor halaman. Sekali saja, pemilik workbook menjalankan menu Siaran → Administrasi → Siapkan nomor halaman laporan, lalu menyisipkan nomor halaman di dokumen dasarnya; laporan berikutnya bernomor halaman.',
    en: 'This report has no page numbers yet. Once, the workbook owner runs Siaran → Administration → Prepare report page numbers, then inserts page numbers in its base document; later reports have page numbers.',
  },
  baseUnnumbered: {
    id: 'Laporan ini belum bernomor halaman: dokumen dasar laporan (https://docs.google.com/document/d/{id}/edit) belum diberi nomor halaman. Buka dokumen itu, pilih Sisipkan → Nomor halaman (di kaki halaman), lalu tutup; laporan berikutnya bernomor halaman.',
    en: 'This report has no page numbers: the report base (https://docs.google.com/document/d/{id}/edit) has none yet. Open it, choose Insert → Page numbers (in the footer), then close it; later reports have page numbers.',
  },
  linkForeign: {
    id: 'Berkas {id} yang ditautkan di tab Laporan tidak tercatat sebagai buatan Siaran untuk akun ini, jadi tidak disentuh (tidak dipindahkan ke sampah).',
    en: 'The file {id} linked in the Reports tab is not recorded as made by Siaran for this account, so it was left alone (not moved to the trash).',
  },
  mailQueued: { id: 'Email ke Kabag/Kasubbag diantrekan (kuota harian); dikirim otomatis nanti.', en: 'The mail to the Kabag/Kasubbag was queued (daily quota); it is sent automatically later.' },
});

export interface Checkpoint {
  v: 1;
  period: string;
  phase: 'doc' | 'pdf' | 'finish';
  docId: string;
  docUrl: string;
  pdfId: string;
  pdfUrl: string;
  folderId: string;
  /**
   * The official layout's step: 0 = nothing written, 1 = text written (slots known), 2 = slots
   * filled; a template build sets it to its number of blocks once filled. `children`: the Doc
   * body's child count then (kept for older checkpoints).
   */
  next: number;
  children: number;
  /** Where DocumentApp puts the logo, the kop rule and the charts (known once step 1 is done). */
  slots?: Slots;
  mode: 'default' | 'template';
  /** The Doc is a copy of the report base (its body is emptied before the text goes in). */
  fromBase?: boolean;
  user: string;
  /** The build's start: the report's date line. */
  now: number;
  /** When the run that holds the checkpoint started (Date.now(); absent in older checkpoints). */
  runStarted?: number;
  /** That run paused on its budget (it stopped by itself): a resume may continue at once. */
  paused?: boolean;
  touched: number;
  runs: number;
  notes: string[];
}

export interface BuildOutcome {
  period: string;
  status: 'done' | 'continuing' | 'queued';
  docUrl: string;
  pdfUrl: string;
  replaced: boolean;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Checkpoint and the resume trigger

export function loadCheckpoint(): Checkpoint | null {
  const raw = scriptProperties().get(CHECKPOINT_KEY);
  if (!raw) return null;
  try {
    const cp = JSON.parse(raw) as Checkpoint;
    return cp && cp.v === 1 && typeof cp.period === 'string' ? cp : null;
  } catch (_e) {
    return null;
  }
}

function saveCheckpoint(cp: Checkpoint): void {
  cp.touched = Date.now();
  scriptProperties().set(CHECKPOINT_KEY, JSON.stringify(cp));
}

function clearCheckpoint(): void {
  scriptProperties().delete(CHECKPOINT_KEY);
}

export function deleteResumeTriggers(): number {
  return deleteTriggersFor(RESUME_HANDLER);
}

/** The resume trigger this execution made: deleted without listing the project's triggers. */
let madeResume: MadeTrigger | null = null;

function scheduleResume(afterMs = 60 * 1000): void {
  deleteResumeTriggers();
  madeResume = runOnceAfter(RESUME_HANDLER, afterMs);
}

/** Deletes the resume trigger(s): the one this execution made at once, else by listing them. */
function endResume(): void {
  if (madeResume) madeResume.delete();
  else deleteResumeTriggers();
  madeResume = null;
}

// ---------------------------------------------------------------------------------------------
// Settings and the Laporan tab

function writeFolderSetting(ctx: Ctx, folderId: string): void {
  if (ctx.wb.sheet('pengaturan')) writeSetting(ctx, 'folder_laporan', folderId, 'ID folder Drive untuk laporan. Kosongkan: Siaran membuatnya sendiri.');
  ctx.settings.reportFolderId = folderId;
}

function laporanRow(t: Table, period: string): number {
  for (let i = 0; i < t.size; i++) {
    if (periodOfCell(t.get(i, 'periode')) === period) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// The build

/** The year folder this execution found or made (so the PDF step does not look it up again). */
let yearFolder: DriveFolder | null = null;

/** Starts a build of `period` (or reports the one already running). */
export function startBuild(ctx: Ctx, period: string, budgetMs = REPORT_BUDGET_MS): BuildOutcome {
  const startMs = Date.now();
  const lock = scriptLock();
  if (!lock.tryLock(10000)) throw new SiaranError('BUSY', { id: 'Siaran sedang sibuk. Coba lagi sebentar lagi.', en: 'Siaran is busy. Try again in a moment.' });
  let cp: Checkpoint;
  try {
    const running = loadCheckpoint();
    if (running && Date.now() - running.touched < STALE_MS) {
      const at = new Date(running.now + 7 * 3600000).toISOString().slice(11, 16);
      throw new SiaranError('CONFLICT', BUILD_MESSAGES.inProgress, { period: formatPeriod(running.period, ctx.lang), at: `${at} WIB` });
    }
    if (running) abandon(ctx, running);

    // Only a template Siaran made (and registered) is used: an id typed into Pengaturan is not.
    const templateId = ctx.settings.reportTemplateId;
    const foreignTemplate = templateId !== '' && !isSiaranFile(templateId, 'template');
    const useTemplate = templateId !== '' && !foreignTemplate;
    // The folders and the Doc are registered together (one setProperties), the Doc made in its
    // year folder at once (one Drive files.create: no move afterwards). The built-in layout is a
    // copy of the owner's report base when there is one (its footer carries the page numbers a
    // person put there); only a base Siaran made counts.
    const base = !useTemplate && ctx.settings.reportBaseId && isSiaranFile(ctx.settings.reportBaseId, 'base') ? ctx.settings.reportBaseId : '';
    const { folder, created, year, doc } = registryBatch(() => {
      const root = reportFolder(ctx.settings.reportFolderId);
      const inYear = subfolder(root.folder, period.slice(0, 4), root.created);
      const name = reportDocName(period, ctx.lang);
      return { ...root, year: inYear, doc: base ? copyDocIn(base, inYear, name, 'report') : createDocIn(inYear, name, 'report') };
    });
    // An empty setting is the normal first build; a set but unusable one means the folder was lost.
    const folderMsg = ctx.settings.reportFolderId ? BUILD_MESSAGES.folderCreated : BUILD_MESSAGES.folderNew;
    if (created) {
      writeFolderSetting(ctx, folder.id());
      addLog(ctx, '6', 'Folder laporan dibuat', folder.name(), tr('id', folderMsg, { name: folder.name() }));
    }
    yearFolder = year;
    const docId = doc.id;
    const notes = created ? [tr(ctx.lang, folderMsg, { name: folder.name() })] : [];
    if (ctx.settings.logoId && !isSiaranFile(ctx.settings.logoId, 'logo')) {
      notes.push(tr(ctx.lang, BUILD_MESSAGES.logoForeign, { id: ctx.settings.logoId }));
      addLog(ctx, '6', 'Logo kop diabaikan', ctx.settings.logoId, tr('id', BUILD_MESSAGES.logoForeign, { id: ctx.settings.logoId }));
    }
    if (foreignTemplate) {
      notes.push(tr(ctx.lang, BUILD_MESSAGES.templateForeign, { id: templateId }));
      addLog(ctx, '6', 'Templat laporan diabaikan', templateId, tr('id', BUILD_MESSAGES.templateForeign, { id: templateId }));
    }
    cp = {
      v: 1,
      period,
      phase: 'doc',
      docId,
      docUrl: doc.url,
      pdfId: '',
      pdfUrl: '',
      folderId: year.id(),
      next: 0,
      children: 1,
      mode: useTemplate ? 'template' : 'default',
      ...(base ? { fromBase: true } : {}),
      user: ctx.email,
      now: ctx.now,
      runStarted: startMs,
      touched: 0,
      runs: 1,
      notes,
    };
    saveCheckpoint(cp);
    scheduleResume();
    commit(ctx);
  } finally {
    lock.release();
  }
  return continueBuild(ctx, cp, startMs, budgetMs, true);
}

/** A build that stopped long ago: its unfinished Doc goes to the trash (unless it was already linked). */
function abandon(ctx: Ctx, cp: Checkpoint): void {
  const linked = ctx.wb.sheet('laporan') ? ctx.wb.table('laporan', { lenient: true }) : null;
  const row = linked ? laporanRow(linked, cp.period) : -1;
  const linkedDoc = linked && row >= 0 ? idFromUrl(linked.text(row, 'dokumen')) : '';
  if (cp.docId && cp.docId !== linkedDoc) trashFile(cp.docId);
  clearCheckpoint();
  addLog(ctx, '6', 'Laporan dihentikan', cp.period, 'Penyusunan sebelumnya tidak selesai; dokumennya dipindahkan ke sampah dan penyusunan dimulai ulang.');
}

/**
 * Resumes the build in the checkpoint (the resume trigger, or the daily job for a stale one).
 * 'running': the run that holds it is still working (not paused, started less than 6 minutes ago):
 * nothing is changed and the trigger is re-armed for just after that run's limit.
 */
export function resumeBuild(ctx: Ctx, budgetMs = REPORT_BUDGET_MS): BuildOutcome | 'running' | null {
  const startMs = Date.now();
  const cp = loadCheckpoint();
  if (!cp) {
    deleteResumeTriggers();
    return null;
  }
  // The checkpoint lives in script properties, which any editor can change: a resume writes (and
  // empties) only a Doc this user's executions made for a report, never an id found there.
  if (!isSiaranFile(cp.docId, 'report')) {
    clearCheckpoint();
    deleteResumeTriggers();
    addLog(ctx, '6', 'Lanjutan laporan ditolak', cp.period, `Titik lanjut menunjuk dokumen ${cp.docId || '(kosong)'} yang bukan laporan buatan Siaran untuk akun ini; tidak ada yang ditulis. Susun ulang laporan dari menu.`);
    return null;
  }
  const age = startMs - (cp.runStarted ?? 0);
  if (!cp.paused && age >= 0 && age <= RUN_LIMIT_MS) {
    scheduleResume(RUN_LIMIT_MS - age + AFTER_LIMIT_MS);
    return 'running';
  }
  cp.runs++;
  cp.runStarted = startMs;
  cp.paused = false;
  scheduleResume();
  saveCheckpoint(cp);
  return continueBuild(ctx, cp, startMs, budgetMs);
}

function pause(ctx: Ctx, cp: Checkpoint): BuildOutcome {
  cp.paused = true;
  saveCheckpoint(cp);
  // The trigger armed when this run started may have found it working and moved to after its limit.
  scheduleResume();
  return { period: cp.period, status: 'continuing', docUrl: cp.docUrl, pdfUrl: '', replaced: false, message: tr(ctx.lang, BUILD_MESSAGES.continuing, { period: formatPeriod(cp.period, ctx.lang) }) };
}

/**
 * Runs the build's remaining steps. The PDF made here is registered with the month's report in one
 * write (registryBatch; at the latest when the run pauses or ends). A run cut between making the
 * PDF and that write leaves the PDF unregistered: Siaran then never trashes it.
 */
export function continueBuild(ctx: Ctx, cp: Checkpoint, startMs: number, budgetMs: number, fresh = false): BuildOutcome {
  const out = registryBatch(() => buildSteps(ctx, cp, startMs, budgetMs, fresh));
  return 'mail' in out ? mailAndSay(ctx, cp, out.replaced) : out;
}

function buildSteps(ctx: Ctx, cp: Checkpoint, startMs: number, budgetMs: number, fresh: boolean): BuildOutcome | { mail: true; replaced: boolean } {
  const over = () => Date.now() - startMs > budgetMs;
  if (cp.phase === 'doc') {
    const model = buildReportModel(readReportInput(ctx, cp.period, cp.now));
    const blocks = reportLayout(model);
    // Checked again here: the checkpoint lives in script properties, which editors can change.
    if (cp.mode === 'template' && !isSiaranFile(ctx.settings.reportTemplateId, 'template')) cp.mode = 'default';
    if (cp.mode === 'template' && cp.next === 0) {
      const doc = ReportDoc.open(cp.docId);
      // A resumed template build starts over on an empty Doc.
      if (!fresh) doc.clear();
      doc.setPage(A4_PORTRAIT);
      try {
        doc.applyTemplate(ctx.settings.reportTemplateId, templateValues(model), blocks);
        doc.saveAndClose();
        cp.next = blocks.length;
        saveCheckpoint(cp);
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        doc.clear();
        doc.saveAndClose();
        cp.mode = 'default';
        cp.notes.push(tr(ctx.lang, BUILD_MESSAGES.templateFailed, { id: ctx.settings.reportTemplateId, error }));
        addLog(ctx, '6', 'Templat laporan gagal', ctx.settings.reportTemplateId, tr('id', BUILD_MESSAGES.templateFailed, { id: ctx.settings.reportTemplateId, error }));
        commit(ctx);
        fresh = true;
      }
    }
    if (cp.mode === 'default') {
      // A checkpoint of an older build (block by block, no slots) starts over too.
      if (cp.next > 0 && !cp.slots) cp.next = 0;
      if (cp.next === 0) {
        // A run stopped after its batch but before its checkpoint leaves the text in: start over.
        // A copy of the base is emptied too (whatever someone typed into the base's body).
        if (!fresh || cp.fromBase) {
          const doc = ReportDoc.open(cp.docId);
          doc.clear();
          doc.saveAndClose();
        }
        cp.slots = writeReportText(cp.docId, blocks, A4_PORTRAIT);
        cp.next = 1;
        fresh = true;
        saveCheckpoint(cp);
        if (over()) return pause(ctx, cp);
      }
      if (cp.next === 1 && cp.slots) {
        const { pageNumbered } = fillReportSlots(cp.docId, blocks, cp.slots, !fresh);
        if (!pageNumbered) {
          const baseId = cp.fromBase ? ctx.settings.reportBaseId : '';
          const note = baseId ? tr(ctx.lang, BUILD_MESSAGES.baseUnnumbered, { id: baseId }) : tr(ctx.lang, BUILD_MESSAGES.noBase);
          if (cp.notes.indexOf(note) < 0) cp.notes.push(note);
          addLog(ctx, '6', 'Laporan tanpa nomor halaman', cp.period, baseId ? tr('id', BUILD_MESSAGES.baseUnnumbered, { id: baseId }) : tr('id', BUILD_MESSAGES.noBase));
        }
      }
      cp.next = 2;
    }
    cp.phase = 'pdf';
    // Saved only before a pause: a run cut in the PDF step resumes at the slots, which are filled
    // once (a filled slot is left alone), then makes the PDF.
    if (over()) return pause(ctx, cp);
  }
  if (cp.phase === 'pdf') {
    // The year folder this execution found or made is used as it is (no second Drive look-up).
    const known = yearFolder && yearFolder.id() === cp.folderId ? yearFolder : null;
    const folder = known ?? usableFolder(cp.folderId) ?? subfolder(reportFolder(ctx.settings.reportFolderId).folder, cp.period.slice(0, 4));
    const pdf = savePdf(cp.docId, folder, reportDocName(cp.period, ctx.lang));
    cp.pdfId = pdf.id;
    cp.pdfUrl = pdf.url;
    cp.phase = 'finish';
    saveCheckpoint(cp);
    if (over()) return pause(ctx, cp);
  }
  return finish(ctx, cp);
}

function finish(ctx: Ctx, cp: Checkpoint): BuildOutcome | { mail: true; replaced: boolean } {
  const lock = scriptLock();
  if (!lock.tryLock(10000)) return pause(ctx, cp);
  let replaced = false;
  try {
    const t = ctx.wb.table('laporan');
    const row = laporanRow(t, cp.period);
    const record = { periode: cp.period, dokumen: cp.docUrl, pdf: cp.pdfUrl, dibuatPada: new Date(ctx.now), dibuatOleh: userText(cp.user) };
    // The month's previous report is the one Siaran registered, never a link read from the tab.
    const old = registeredReport(cp.period);
    for (const id of old ? [old.doc, old.pdf] : []) if (id && id !== cp.docId && id !== cp.pdfId && trashFile(id)) replaced = true;
    registerReport(cp.period, cp.docId, cp.pdfId);
    // The PDF and the month's report are registered (one write) before the row links them.
    flushRegistry();
    // Links in the row that are not Siaran's are left alone, and the person is told.
    const known = new Set([cp.docId, cp.pdfId, ...(old ? [old.doc, old.pdf] : [])]);
    const linked = row >= 0 ? [idFromUrl(t.text(row, 'dokumen')), idFromUrl(t.text(row, 'pdf'))] : [];
    for (const id of linked) {
      if (!id || known.has(id) || isSiaranFile(id)) continue;
      known.add(id);
      cp.notes.push(tr(ctx.lang, BUILD_MESSAGES.linkForeign, { id }));
      addLog(ctx, '6', 'Berkas bukan buatan Siaran', id, tr('id', BUILD_MESSAGES.linkForeign, { id }));
    }
    if (row >= 0) {
      for (const [k, v] of Object.entries(record)) t.set(row, k as keyof typeof record, v);
    } else t.append(record);
    const detail = `Dokumen: ${cp.docUrl}; PDF: ${cp.pdfUrl}${replaced ? '; laporan sebelumnya dipindahkan ke sampah' : ''}${cp.runs > 1 ? `; dilanjutkan ${cp.runs - 1} kali` : ''}.`;
    addLog(ctx, '6', replaced ? 'Susun ulang laporan' : 'Susun laporan', cp.period, detail);
    commit(ctx);
    clearCheckpoint();
    endResume();
  } finally {
    lock.release();
  }
  return { mail: true, replaced };
}

/** The mail to the heads (after the registry's write), and what the person is told. */
function mailAndSay(ctx: Ctx, cp: Checkpoint, replaced: boolean): BuildOutcome {
  const mail = sendReportMail(ctx, cp.period, cp.docUrl, cp.pdfUrl);
  commit(ctx);
  const p = formatPeriod(cp.period, ctx.lang);
  const parts = [tr(ctx.lang, BUILD_MESSAGES.done, { period: p, doc: cp.docUrl, pdf: cp.pdfUrl })];
  if (replaced) parts.push(tr(ctx.lang, BUILD_MESSAGES.replaced, { period: p }));
  if (mail === 'queued') parts.push(tr(ctx.lang, BUILD_MESSAGES.mailQueued));
  parts.push(...cp.notes);
  return { period: cp.period, status: 'done', docUrl: cp.docUrl, pdfUrl: cp.pdfUrl, replaced, message: parts.join(' ') };
}
