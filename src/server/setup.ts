/**
 * "Siapkan / perbaiki workbook": creates what is missing and never touches data. Safe to run twice,
 * and on a workbook a user has changed (renamed tabs, reordered or added columns, deleted columns).
 */
import { Tab, Validation, Workbook } from '../adapters/workbook';
import type { ProtectionPlan, Protections } from '../adapters/sheet-format';
import { defineMessages, tr, Lang } from '../core/i18n';
import { ColumnDef, editedColumns, locateColumns, TabDef, TABS, TAB_METADATA_KEY } from '../core/schema';
import { defaultSettingRows, parseSettings, SettingsProblem } from '../core/settings';
import { CONCEPT_STATUSES, DESIGN_STATUSES, ROLES, APPROVAL_POLICIES } from '../core/sop';
import { PLATFORMS } from '../core/platforms';

export const SETUP_MESSAGES = defineMessages({
  created: { id: 'Tab dibuat: {tabs}.', en: 'Tabs created: {tabs}.' },
  columns: { id: 'Kolom ditambahkan: {cols}.', en: 'Columns added: {cols}.' },
  nothing: { id: 'Workbook sudah lengkap; tidak ada yang perlu diperbaiki.', en: 'The workbook is complete; nothing needed repair.' },
  settingsProblems: {
    id: 'Pengaturan bermasalah (nilai bawaan dipakai sampai diperbaiki di tab Pengaturan):',
    en: 'Settings with problems (the defaults are used until they are fixed in the Settings tab):',
  },
  settings: { id: 'Pengaturan bawaan ditambahkan: {keys}.', en: 'Default settings added: {keys}.' },
  owner: { id: '{email} ditambahkan ke tab Pengguna sebagai Kabag. Ubah peran dan tambahkan anggota tim di tab itu.', en: '{email} was added to the People tab as Kabag. Change the role and add the team in that tab.' },
  protectedNote: { id: 'Hanya Siaran yang mengisi kolom ini. Perubahan manual akan dibatalkan.', en: 'Only Siaran fills this column. Manual changes are reverted.' },
});

const STATUS_COLORS: Record<string, { bg: string; fg: string }> = {
  Draf: { bg: '#f1f3f4', fg: '#3c4043' },
  Diajukan: { bg: '#fef7e0', fg: '#b06000' },
  Disetujui: { bg: '#e6f4ea', fg: '#137333' },
  Ditetapkan: { bg: '#e6f4ea', fg: '#137333' },
  'Perlu Revisi': { bg: '#fce8e6', fg: '#c5221f' },
};

export interface SetupReport {
  createdTabs: string[];
  addedColumns: string[];
  addedSettings: string[];
  addedOwner: string | null;
  /** Settings whose values are nonsense (the default is used), with what to do. */
  settingsProblems: SettingsProblem[];
  messages: string[];
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function headerName(def: TabDef, lang: Lang): string {
  return lang === 'en' ? def.en : def.id;
}

/**
 * Runs setup on `book`, using the tabs it has located and the tables it has read (the menu's
 * context has read Pengguna and Pengaturan already): a tab that gets columns is read again, and
 * the tabs are located again when this run makes or tags one. `email` becomes the first Kabag when
 * Pengguna has nobody yet.
 */
export function setupWorkbook(book: Workbook, email: string, lang: Lang = 'id'): SetupReport {
  const wb = book;
  const report: SetupReport = { createdTabs: [], addedColumns: [], addedSettings: [], addedOwner: null, settingsProblems: [], messages: [] };
  const existingNames = new Set(wb.sheetNames());

  // A new Siaran workbook reads Indonesian dates and numbers in WIB (only set on first setup).
  const firstSetup = !wb.sheet('pengaturan');
  if (firstSetup) {
    if (lang === 'id') wb.ensureLocale('id_ID');
    wb.ensureTimeZone('Asia/Jakarta');
  }
  const sheets = new Map<string, Tab>();
  // Tabs this run made: their header row is known to be empty (no read).
  const made = new Set<string>();
  for (const def of TABS) {
    let sheet = wb.sheet(def.key);
    if (!sheet) {
      let name = headerName(def, lang);
      if (existingNames.has(name)) name = `${name} (Siaran)`;
      sheet = wb.insertTab(name);
      existingNames.add(name);
      report.createdTabs.push(name);
      made.add(def.key);
    }
    sheets.set(def.key, sheet);
  }
  // Tag every tab with its key so renames keep working (only where the tag is missing).
  const tagged = new Set(wb.taggedValues(TAB_METADATA_KEY));
  const untagged = TABS.filter((def) => !tagged.has(def.key));
  for (const def of untagged) sheets.get(def.key)!.tag(TAB_METADATA_KEY, def.key);
  // Locate the tabs again only when this run made or tagged one.
  if (report.createdTabs.length || untagged.length) wb.relocate();

  // The first sheet of a new spreadsheet ("Sheet1"/"Lembar1") stays; users may delete it.
  // Pass 1: headers (adds the missing ones). Pass 2: formats, which need the Pengguna email column.
  const locatedByTab = new Map<string, Record<string, number>>();
  // Per tab: its width after pass 1, and the columns setup added (only these get a width: a
  // repair run keeps the widths people chose).
  const widthByTab = new Map<string, number>();
  const addedByTab = new Map<string, Set<number>>();
  for (const def of TABS) {
    const sheet = sheets.get(def.key)!;
    const { width: lastCol, headers: cells } = made.has(def.key) ? { width: 0, headers: [] } : sheet.headerRow();
    const headers = cells.map(String);
    const located = locateColumns(def, headers);
    const missing = def.columns.filter((c) => located[c.key] < 0);
    const isEmpty = headers.every((h) => h.trim() === '');
    const added = new Set<number>();
    widthByTab.set(def.key, isEmpty ? missing.length : lastCol + missing.length);
    addedByTab.set(def.key, added);
    if (missing.length) {
      // Append the missing headers after the last used header: never move or overwrite user columns.
      const start = isEmpty ? 1 : lastCol + 1;
      sheet.ensureColumns(start + missing.length - 1);
      sheet.write(1, start, [missing.map((c) => c.id)]);
      missing.forEach((c, i) => {
        located[c.key] = start - 1 + i;
        added.add(start + i);
      });
      if (!isEmpty) report.addedColumns.push(...missing.map((c) => `${sheet.name()}: ${c.id}`));
      wb.forget(def.key);
    }
    locatedByTab.set(def.key, located);
  }
  // onEdit finds the columns it reads by their tags, which move with the columns.
  wb.tagColumns(TABS.map((def) => ({ tab: sheets.get(def.key)!, key: def.key, cols: editedColumns(def, locatedByTab.get(def.key)!) })));
  const peopleTab = { sheet: sheets.get('pengguna')!, emailCol: locatedByTab.get('pengguna')!.email };
  // Every protection of the workbook, read once: each tab then changes only what differs.
  const protections = wb.protections();
  for (const def of TABS) {
    formatTab(sheets.get(def.key)!, def, locatedByTab.get(def.key)!, peopleTab, widthByTab.get(def.key)!, addedByTab.get(def.key)!, protections);
  }

  // Default settings: add keys that are missing, never change values already there.
  const settings = wb.table('pengaturan', { lenient: true });
  const have = new Set(settings.rows.map((r) => String(r[settings.col.kunci] ?? '').trim()));
  for (const [key, value, note] of defaultSettingRows()) {
    if (have.has(key)) continue;
    settings.append({ kunci: key, nilai: value, keterangan: note });
    report.addedSettings.push(key);
  }
  // Nobody in Pengguna yet: the person running setup becomes the first Kabag.
  const people = wb.table('pengguna', { lenient: true });
  if (email && people.rows.every((r) => String(r[people.col.email] ?? '').trim() === '')) {
    people.append({ email, nama: email.split('@')[0], peran: 'Kabag', jabatan: 'Kepala Bagian Hubungan Masyarakat dan Kerja Sama Dalam Negeri' });
    report.addedOwner = email;
  }
  wb.commit();

  if (report.createdTabs.length) report.messages.push(tr(lang, SETUP_MESSAGES.created, { tabs: report.createdTabs.join(', ') }));
  if (report.addedColumns.length) report.messages.push(tr(lang, SETUP_MESSAGES.columns, { cols: report.addedColumns.join('; ') }));
  if (report.addedSettings.length && report.addedSettings.length < defaultSettingRows().length) {
    report.messages.push(tr(lang, SETUP_MESSAGES.settings, { keys: report.addedSettings.join(', ') }));
  }
  if (report.addedOwner) report.messages.push(tr(lang, SETUP_MESSAGES.owner, { email: report.addedOwner }));
  // Setup never changes a value a person typed; it names every nonsense one and what to do.
  const typed = settings.rows.map((r) => [r[settings.col.kunci] ?? '', r[settings.col.nilai] ?? '', r[settings.col.keterangan] ?? '']);
  report.settingsProblems = parseSettings(typed, lang).problems;
  if (report.settingsProblems.length) {
    report.messages.push([tr(lang, SETUP_MESSAGES.settingsProblems), ...report.settingsProblems.map((p) => `• ${p.message}`)].join('\n'));
  }
  if (!report.messages.length) report.messages.push(tr(lang, SETUP_MESSAGES.nothing));
  return report;
}

function listFor(col: ColumnDef): string[] | null {
  switch (col.list) {
    case 'platform':
      return [...PLATFORMS];
    case 'conceptStatus':
      return [...CONCEPT_STATUSES];
    case 'designStatus':
      return [...DESIGN_STATUSES];
    case 'role':
      return [...ROLES];
    case 'policy':
      return [...APPROVAL_POLICIES];
    default:
      return null;
  }
}

/**
 * Tabs only the workbook's owner may edit (hard protection): who has which role, the settings, the
 * approval record, and the Log (only the owner's executions write it; others hold their lines, see
 * context.ts commit).
 */
const OWNER_ONLY_TABS: readonly string[] = ['pengguna', 'pengaturan', 'persetujuan', 'log'];

/**
 * Header style, frozen row, formats, dropdowns, status colours and protections for one tab. Formats
 * and protections reach from row 2 to the sheet's last row; number formats go one call per format
 * (a range list), validations one call per run of adjacent columns, and protections change only
 * where they differ from what the tab should have (a repair run on a sound tab writes none).
 */
function formatTab(sheet: Tab, def: TabDef, located: Record<string, number>, people: { sheet: Tab; emailCol: number }, lastColumn: number, added: ReadonlySet<number>, protections: Protections): void {
  const width = Math.max(lastColumn, 1);
  sheet.styleHeader(width, '#e8f0fe');
  sheet.freezeHeader();
  const peopleEmailCol = people.emailCol;
  const widths = new Map<number, number>();
  const formats: Array<{ col: number; numberFormat?: string; validation?: Validation }> = [];
  for (const col of def.columns) {
    const c = located[col.key];
    if (c < 0) continue;
    const numberFormat = col.format ? NUMBER_FORMATS[col.format] : undefined;
    let validation: Validation | undefined;
    const list = listFor(col);
    if (list) {
      // Platforms in the plan may hold several names ("Instagram, X"): suggest, don't reject.
      const multi = col.list === 'platforms';
      validation = { kind: 'list', values: list, dropdown: !multi, allowInvalid: multi || col.scriptOwned === true };
    } else if (col.list === 'pic' && peopleEmailCol >= 0) {
      // Pass 1 found the Pengguna email column, so the dropdown is there from the first setup on.
      validation = { kind: 'range', tab: people.sheet, a1: `${colLetter(peopleEmailCol + 1)}2:${colLetter(peopleEmailCol + 1)}` };
    } else if (col.list === 'platforms') {
      validation = { kind: 'list', values: [...PLATFORMS], dropdown: false, allowInvalid: true };
    }
    formats.push({ col: c + 1, numberFormat, validation });
    if (col.width && added.has(c + 1)) widths.set(c + 1, col.width);
  }
  sheet.formatColumns(formats);
  // Widths: one setColumnWidths per run of adjacent columns of the same width.
  const cols = [...widths.keys()].sort((a, b) => a - b);
  for (let i = 0; i < cols.length; ) {
    let j = i + 1;
    while (j < cols.length && cols[j] === cols[j - 1] + 1 && widths.get(cols[j]) === widths.get(cols[i])) j++;
    sheet.setColumnWidths(cols[i], j - i, widths.get(cols[i])!);
    i = j;
  }
  // Status colours.
  const statusCol = located.status;
  if (statusCol !== undefined && statusCol >= 0 && (def.key === 'konsep' || def.key === 'desain')) sheet.colorByText(statusCol + 1, STATUS_COLORS);
  // Protections: the roster, the settings and the record (Persetujuan, an item's status and its
  // submission and decision columns) are hard, for the owner: only the owner's executions (their
  // panel, the web app, their triggers) write them. Siaran's other columns are warning-only, so
  // staff actions can still write them (an ID, a copy check); onEdit reverts hand edits. Checked
  // on each setup run so they follow moved columns.
  const plan: ProtectionPlan = { tab: null, what: def.id, columns: [] };
  if (OWNER_ONLY_TABS.indexOf(def.key) >= 0) {
    // Roles come from a roster only the owner can change: a hard protection, not a warning.
    plan.tab = 'owner';
  } else if (def.scriptOnly) {
    plan.tab = 'warning';
  } else {
    for (const col of def.columns) {
      const c = located[col.key];
      if (col.scriptOwned && c >= 0) plan.columns.push({ col: c + 1, what: `${def.id} / ${col.id}`, ...(col.record ? { owner: true } : {}) });
    }
  }
  sheet.protect(plan, protections);
}

/** Number format of a column by its schema format ('number' keeps the sheet's own). */
const NUMBER_FORMATS: Partial<Record<NonNullable<ColumnDef['format']>, string>> = {
  date: 'd mmmm yyyy',
  datetime: 'd mmmm yyyy hh:mm',
  text: '@',
  integer: '#,##0',
};
