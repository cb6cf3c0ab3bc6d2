/** The "Siaran" menu, its housekeeping items, and trigger installation. */
import { defineMessages, Lang, tr } from '../../core/i18n';
import { Workbook } from '../../adapters/workbook';
import { requireOwner, requireRole, addLog, Ctx, readSettings } from '../context';
import { menuAction, activeEmail, withScriptLock } from '../run';
import { ownerMac } from '../approvals/record-pass';
import { setupWorkbook } from '../setup';
import { ensureSecret } from '../approvals/secret';
import { mailEnv } from '../approvals/env';
import { activeWorkbook, openedWorkbook, OpenEvent } from '../../adapters/session';
import { handlersInstalled, install, TriggerKind } from '../../adapters/triggers';
import { DIGEST_EVERY_MINUTES, DIGEST_HANDLER } from '../approvals/mail-common';
import { addMenu, alert, showSidebarFile } from '../../adapters/ui';

export const MENU = defineMessages({
  panel: { id: 'Buka panel', en: 'Open panel' },
  submitConcept: { id: 'Ajukan konsep bulan…', en: 'Submit month plan…' },
  submitDesigns: { id: 'Ajukan desain…', en: 'Submit designs…' },
  report: { id: 'Susun laporan bulanan…', en: 'Build monthly report…' },
  records: { id: 'Cetak arsip bulan (PDF)…', en: 'Print month records (PDF)…' },
  importInsights: { id: 'Impor insight (CSV)…', en: 'Import insights (CSV)…' },
  importSchedule: { id: 'Draf rencana dari jadwal…', en: 'Draft plan from the schedule…' },
  setup: { id: 'Siapkan / perbaiki workbook', en: 'Set up / repair workbook' },
  triggers: { id: 'Pasang pemicu otomatis', en: 'Install automatic triggers' },
  demo: { id: 'Muat data demo', en: 'Load demo data' },
  rotate: { id: 'Perbarui kunci tautan persetujuan…', en: 'Renew approval-link key…' },
  template: { id: 'Buat templat laporan', en: 'Create report template' },
  pageNumbers: { id: 'Siapkan nomor halaman laporan', en: 'Prepare report page numbers' },
  logo: { id: 'Unggah logo kop…', en: 'Upload letterhead logo…' },
  archive: { id: 'Arsipkan tahun…', en: 'Archive a year…' },
  settings: { id: 'Pengaturan', en: 'Settings' },
  help: { id: 'Bantuan', en: 'Help' },
  admin: { id: 'Administrasi', en: 'Administration' },
  triggersDone: { id: 'Pemicu otomatis terpasang: {list}. Tidak ada pemicu ganda.', en: 'Automatic triggers installed: {list}. No duplicates.' },
  triggersSame: { id: 'Pemicu otomatis sudah terpasang; tidak ada yang ditambahkan.', en: 'Automatic triggers were already installed; nothing added.' },
  demoRefused: {
    id: 'Data demo hanya dapat dimuat ke workbook yang belum berisi konsep konten. Workbook ini sudah berisi {n} baris konsep; tidak ada yang diubah.',
    en: 'Demo data can only be loaded into a workbook with no content plan yet. This one has {n} plan rows; nothing was changed.',
  },
  help_text: {
    id: 'Siaran menjalankan SOP 170/SOP/2300/06/2022 Pengelolaan Media Sosial.\n\n1. Kabag menulis strategi di tab Strategi (langkah 1).\n2. Staf mengisi Konsep Konten bulan depan lalu memilih "Ajukan konsep bulan…" (langkah 2).\n3. Kasubbag dan Kabag menyetujui atau meminta revisi dari email atau panel (langkah 3).\n4. Staf membuat desain per platform di Desain Konten lalu mengajukannya (langkah 4).\n5. Kabag/Kasubbag menetapkan desain (langkah 5).\n6. Staf mencatat publikasi dan insight, lalu menyusun laporan bulanan (langkah 6).\n\nKolom Status, ID dan Log hanya diisi oleh Siaran.',
    en: 'Siaran runs SOP 170/SOP/2300/06/2022 Social Media Management.\n\n1. The Kabag writes the strategy in the Strategy tab (step 1).\n2. Staff fill next month\'s Content Plan and choose "Submit month plan…" (step 2).\n3. The Kasubbag and Kabag approve or request revisions from mail or the panel (step 3).\n4. Staff make designs per platform in Content Designs and submit them (step 4).\n5. The Kabag/Kasubbag approve the designs (step 5).\n6. Staff record publications and insights, then build the monthly report (step 6).\n\nThe Status, ID and Log columns are filled by Siaran only.',
  },
});

/**
 * The language setting, cheaply: onOpen runs as a simple trigger on every open, so the workbook's
 * language hint answers (one metadata find); without one only Pengaturan is read, and the hint is
 * set. A change to Pengaturan (a hand edit, a script write, setup) drops the hint.
 */
function menuLang(e?: OpenEvent): Lang {
  try {
    const wb = openedWorkbook(e);
    const hint = wb.langHint();
    if (hint) return hint;
    const lang: Lang = wb.sheet('pengaturan') ? readSettings(wb).settings.lang : 'id';
    try {
      wb.setLangHint(lang);
    } catch (_e) {
      // A viewer cannot write the hint: the menu still shows.
    }
    return lang;
  } catch (_e) {
    return 'id';
  }
}

export function buildMenu(e?: OpenEvent): void {
  const lang = menuLang(e);
  const t = (m: { id: string; en: string }) => tr(lang, m);
  addMenu('Siaran', [
    { caption: t(MENU.panel), fn: 'menuOpenPanel' },
    'separator',
    { caption: t(MENU.importSchedule), fn: 'menuImportSchedule' },
    { caption: t(MENU.submitConcept), fn: 'menuSubmitConcept' },
    { caption: t(MENU.submitDesigns), fn: 'menuSubmitDesigns' },
    'separator',
    { caption: t(MENU.importInsights), fn: 'menuImportInsights' },
    { caption: t(MENU.report), fn: 'menuBuildReport' },
    { caption: t(MENU.records), fn: 'menuExportRecords' },
    'separator',
    {
      caption: t(MENU.admin),
      items: [
        { caption: t(MENU.setup), fn: 'menuSetup' },
        { caption: t(MENU.triggers), fn: 'menuInstallTriggers' },
        { caption: t(MENU.rotate), fn: 'menuRotateSecret' },
        { caption: t(MENU.template), fn: 'menuCreateTemplate' },
        { caption: t(MENU.pageNumbers), fn: 'menuCreateReportBase' },
        { caption: t(MENU.logo), fn: 'menuUploadLogo' },
        { caption: t(MENU.archive), fn: 'menuArchiveYear' },
        { caption: t(MENU.demo), fn: 'menuLoadDemo' },
      ],
    },
    { caption: t(MENU.settings), fn: 'menuSettings' },
    { caption: t(MENU.help), fn: 'menuHelp' },
  ]);
}

/**
 * The approval-link key, made at setup in the owner's user properties (nobody else's execution can
 * make or read it).
 */
function linkKeyAtSetup(): void {
  const links = mailEnv().links;
  if (links) ensureSecret(links);
}

/** The owner's setup makes the sealing key (and adopts the record as it stands): see approvals/keeper.ts. */
function sealingKeyAtSetup(c: Ctx): void {
  withScriptLock(() => {
    c.wb.relocate();
    ownerMac(c);
  }, () => undefined);
}

export function runSetup(): void {
  menuAction((c) => {
    // Once people are listed, only the heads may repair (the role says why to a staff member).
    if (c.people.length) requireRole(c, ['Kabag', 'Kasubbag'], tr(c.lang, MENU.setup));
    // The roster, the settings and the record are the owner's (hard protections), and the first
    // setup makes them: anyone else's run would make herself their editor, or stop half-way on
    // them, so it is refused plainly before anything is written.
    requireOwner(c, tr(c.lang, MENU.setup));
    const report = setupWorkbook(c.wb, c.email, c.lang);
    // The approval-link signing key is made once, here (rotatable from the Administrasi menu).
    linkKeyAtSetup();
    // Setup may have made tabs and columns: locate them again before logging.
    c.wb.relocate();
    sealingKeyAtSetup(c);
    addLog(c, '—', 'Siapkan workbook', c.wb.name(), report.messages.join(' '));
    return report.messages.join('\n');
  });
}

/** The installable triggers Siaran needs: [handler, how]. */
export const TRIGGERS: ReadonlyArray<{ handler: string; describe: string; kind: TriggerKind }> = [
  { handler: 'triggerDaily', describe: 'harian 07.00–08.00 WIB', kind: { daily: { atHour: 7 } } },
  { handler: 'triggerHourly', describe: 'setiap jam', kind: { everyHours: 1 } },
  { handler: DIGEST_HANDLER, describe: `ringkasan pengajuan, setiap ${DIGEST_EVERY_MINUTES} menit`, kind: { everyMinutes: DIGEST_EVERY_MINUTES } },
];

/** Installs the triggers that are missing; never duplicates one (idempotent). */
export function setupTriggers_(): string[] {
  const existing = handlersInstalled();
  const added: string[] = [];
  for (const t of TRIGGERS) {
    if (existing.has(t.handler)) continue;
    install(t.handler, t.kind);
    added.push(`${t.handler} (${t.describe})`);
  }
  return added;
}

export function runInstallTriggers(): void {
  menuAction((ctx) => {
    requireRole(ctx, ['Kabag', 'Kasubbag'], tr(ctx.lang, MENU.triggers));
    // The trigger handlers run only as the owner's own triggers: anyone else's would be refused at
    // every firing.
    requireOwner(ctx, tr(ctx.lang, MENU.triggers));
    const added = setupTriggers_();
    addLog(ctx, '—', 'Pasang pemicu', 'ScriptApp', added.length ? added.join(', ') : 'sudah terpasang');
    return added.length ? tr(ctx.lang, MENU.triggersDone, { list: added.join(', ') }) : tr(ctx.lang, MENU.triggersSame);
  });
}

export function showSettings(): void {
  const wb = activeWorkbook();
  const sheet = wb.sheet('pengaturan');
  if (sheet) sheet.activate();
  else runSetup();
}

export function showHelp(): void {
  const lang = menuLang();
  alert('Siaran', tr(lang, MENU.help_text));
}

/** Menu: loads the demo month (only into a workbook with no plan yet). */
export function runLoadDemo(load: (book: Workbook, email: string, now: number) => string): void {
  menuAction((ctx) => load(ctx.wb.reopen(), ctx.email || activeEmail(), ctx.now));
}

/**
 * Loads the demo month into the active spreadsheet (script editor, sandbox --demo) and installs
 * the daily and hourly triggers, so the demo's reminders and escalations run as time passes.
 */
export function loadDemoIntoActive(load: (book: Workbook, email: string, now: number) => string): string {
  const done = load(activeWorkbook(), activeEmail(), Date.now());
  setupTriggers_();
  return done;
}

/** Menu: opens the panel in the sidebar. */
export function openPanel(): void {
  showSidebarFile('Sidebar', 'Siaran');
}
