/**
 * The yearly archive, as pure rules: which rows belong to a year, when a year is closed, how a
 * cell travels to the archive workbook and back, and the journal that lets a cut run resume.
 *
 * The run moves one tab at a time, in ARCHIVE_TABS order (leaves first: a publication's year is
 * found through its design and that design's plan item, which move later). For each tab:
 *
 *   1. select the year's rows in the working tab (one read);
 *   2. journal: where they go in the archive (`start`, fixed at the first attempt) and how many (`n`);
 *   3. write them to the archive at `start` (idempotent: a retry overwrites the same rows, and
 *      rows a longer earlier attempt left below are blanked);
 *   4. read them back and compare, cell by cell and the count (nothing is removed otherwise);
 *   5. rewrite the working tab without them in ONE write (so the year's rows are either all in the
 *      working tab or none: never some);
 *   6. journal: the tab is done; the archive's committed row count moves to `start + n`.
 *
 * A run cut anywhere resumes from the journal: a tab whose year rows are still in the working tab
 * is copied again to the same place; a tab whose rows are gone was removed after its check, so it
 * is only marked done. No row ends in both, none in neither.
 */
import { defineMessages } from './i18n';
import { tabDef, TabKey } from './schema';
import { periodOfCell } from './sop';

/** The tabs the archive moves, in the order it moves them. */
export const ARCHIVE_TABS = ['log', 'persetujuan', 'insight', 'publikasi', 'desain', 'konsep'] as const;
export type ArchiveTab = (typeof ARCHIVE_TABS)[number];

export function isArchiveTab(key: TabKey): key is ArchiveTab {
  return (ARCHIVE_TABS as readonly string[]).includes(key);
}

/** A cell as the workbook adapter reads it. */
export type ArchiveCell = string | number | boolean | Date;

/** One tab's progress in an unfinished run. */
export interface TabJournal {
  /** Archive data row (0-based, below the header) where this run's rows start. */
  start: number;
  /** Rows the last attempt wrote (a later, shorter attempt blanks the rest). */
  n: number;
  done: boolean;
}

/** What Siaran keeps about one year's archive (owner-only storage, see src/adapters/archive.ts). */
export interface ArchiveEntry {
  year: number;
  /** The archive spreadsheet. */
  id: string;
  url: string;
  /** Committed data rows per tab (the rows readers may trust). */
  rows: Partial<Record<ArchiveTab, number>>;
  /** Header width per tab. */
  width: Partial<Record<ArchiveTab, number>>;
  /** The archive's sheet id per tab (for its date formats). */
  sheets: Partial<Record<ArchiveTab, number>>;
  /** 0-based columns that hold dates, per tab (dates travel as serial numbers). */
  dates: Partial<Record<ArchiveTab, number[]>>;
  /** Moved into the report folder (a run cut before the move moves it on resume). */
  inFolder?: boolean;
  /** The unfinished run, or null. */
  journal: Partial<Record<ArchiveTab, TabJournal>> | null;
}

export function emptyEntry(year: number, id: string, url: string): ArchiveEntry {
  return { year, id, url, rows: {}, width: {}, sheets: {}, dates: {}, journal: {} };
}

/** A stored entry, or null when the text is not one. */
export function parseEntry(text: string | null): ArchiveEntry | null {
  if (!text) return null;
  try {
    const e = JSON.parse(text) as ArchiveEntry;
    if (!e || typeof e.id !== 'string' || typeof e.year !== 'number') return null;
    return { ...e, rows: e.rows ?? {}, width: e.width ?? {}, sheets: e.sheets ?? {}, dates: e.dates ?? {}, journal: e.journal ?? null };
  } catch (_e) {
    return null;
  }
}

// ------------------------------------------------------------------------------------------ year

function yearOfPeriod(v: ArchiveCell | undefined): number | null {
  const p = periodOfCell(v);
  return /^\d{4}-\d{2}$/.test(p) ? Number(p.slice(0, 4)) : null;
}

/** The year (WIB) of a date cell; null when the cell is not a date. */
export function yearOfDate(v: ArchiveCell | undefined): number | null {
  if (v instanceof Date && !isNaN(v.getTime())) return new Date(v.getTime() + 7 * 3600000).getUTCFullYear();
  const m = /^(\d{4})-\d{2}-\d{2}/.exec(String(v ?? '').trim());
  return m ? Number(m[1]) : null;
}

/** The rows the year selection needs from the tabs (columns located by the caller; -1 when absent). */
export interface YearLinks {
  /** Plan item id -> year of its Periode. */
  concepts: Map<string, number>;
  /** Design id -> year of its plan item. */
  designs: Map<string, number>;
}

export function buildLinks(konsep: { id: string; period: ArchiveCell }[], desain: { id: string; conceptId: string }[]): YearLinks {
  const concepts = new Map<string, number>();
  for (const k of konsep) {
    const y = yearOfPeriod(k.period);
    if (k.id && y !== null) concepts.set(k.id, y);
  }
  const designs = new Map<string, number>();
  for (const d of desain) {
    const y = concepts.get(d.conceptId);
    if (d.id && y !== undefined) designs.set(d.id, y);
  }
  return { concepts, designs };
}

/**
 * The year a working row belongs to (null: keep it). `col` gives the 0-based column of each key
 * the rule reads.
 */
export function rowYear(tab: ArchiveTab, row: ArchiveCell[], col: Record<string, number>, links: YearLinks): number | null {
  const at = (k: string) => (col[k] !== undefined && col[k] >= 0 ? row[col[k]] : undefined);
  switch (tab) {
    case 'konsep':
    case 'insight':
    case 'persetujuan':
      return yearOfPeriod(at('periode'));
    case 'desain':
      return links.concepts.get(String(at('konsepId') ?? '').trim()) ?? null;
    case 'publikasi':
      return links.designs.get(String(at('desainId') ?? '').trim()) ?? null;
    case 'log':
      return yearOfDate(at('waktu'));
  }
}

// ---------------------------------------------------------------------------------------- closed

export const ARCHIVE_MESSAGES = defineMessages({
  action: { id: 'Arsipkan tahun', en: 'Archive a year' },
  title: { id: 'Arsipkan tahun', en: 'Archive a year' },
  prompt: {
    id: 'Tahun yang diarsipkan (misalnya {year}). Semua baris tahun itu dipindahkan dari tab Konsep Konten, Desain Konten, Publikasi, Insight, Persetujuan dan Log ke workbook arsip di folder laporan.',
    en: 'Year to archive (e.g. {year}). Every row of that year moves from the Content Plan, Content Designs, Publications, Insights, Approvals and Log tabs into an archive workbook in the report folder.',
  },
  badYear: { id: 'Tahun "{value}" tidak sah. Tulis empat angka, misalnya {year}.', en: 'Year "{value}" is not valid. Write four digits, e.g. {year}.' },
  notEnded: {
    id: 'Tahun {year} belum berakhir. Arsip hanya untuk tahun yang sudah ditutup; tidak ada yang diubah.',
    en: 'The year {year} has not ended. Only closed years can be archived; nothing was changed.',
  },
  notReported: {
    id: 'Tahun {year} belum ditutup: laporan bulan {months} belum disusun. Susun laporannya dulu (Siaran → Susun laporan bulanan…), lalu arsipkan lagi. Tidak ada yang diubah.',
    en: 'The year {year} is not closed: the report of {months} has not been built. Build it first (Siaran → Build monthly report…), then archive again. Nothing was changed.',
  },
  openItems: {
    id: 'Tahun {year} masih punya {n} pengajuan yang menunggu keputusan ({ids}). Selesaikan dulu, lalu arsipkan lagi. Tidak ada yang diubah.',
    en: 'The year {year} still has {n} submissions waiting for a decision ({ids}). Finish them first, then archive again. Nothing was changed.',
  },
  otherRun: {
    id: 'Arsip tahun {other} belum selesai. Jalankan Arsipkan tahun untuk {other} dulu; tidak ada yang diubah.',
    en: 'The archive of {other} is unfinished. Run Archive a year for {other} first; nothing was changed.',
  },
  checkFailed: {
    id: 'Pemeriksaan arsip gagal untuk tab {tab}: {detail}. Baris kerja tidak dihapus; jalankan lagi Arsipkan tahun.',
    en: 'The archive check failed for the {tab} tab: {detail}. No working row was removed; run Archive a year again.',
  },
  done: {
    id: 'Tahun {year} diarsipkan: {counts}. Arsip: {url}. Tab kerja kini hanya berisi bulan yang masih terbuka.',
    en: 'The year {year} is archived: {counts}. Archive: {url}. The working tabs now hold the open months only.',
  },
  nothing: { id: 'Tidak ada baris tahun {year} di tab kerja; arsip {url} tidak berubah.', en: 'No row of {year} is left in the working tabs; the archive {url} is unchanged.' },
  unfinished: {
    id: 'Bulan {period} ada di arsip tahun {year} yang belum selesai dipindahkan. Minta pemilik workbook menjalankan lagi Siaran → Administrasi → Arsipkan tahun….',
    en: 'The month {period} is in the archive of {year}, whose move has not finished. Ask the workbook owner to run Siaran → Administration → Archive a year… again.',
  },
  logAction: { id: 'Arsip tahun', en: 'Year archived' },
  logDetail: { id: '{counts}; diperiksa: jumlah dan isi sama; arsip {url}', en: '{counts}; checked: same count and content; archive {url}' },
  rowsWord: { id: 'baris', en: 'rows' },
  archiveTitle: { id: 'Siaran - Arsip {year}', en: 'Siaran - Archive {year}' },
});

/** The months of `year` without a Laporan row ('' when all twelve have one). */
export function unreportedMonths(year: number, reportedPeriods: readonly string[]): string[] {
  const have = new Set(reportedPeriods);
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const p = `${year}-${String(m).padStart(2, '0')}`;
    if (!have.has(p)) out.push(p);
  }
  return out;
}

/** True when `year` has ended at `now` (WIB). */
export function yearEnded(year: number, now: number): boolean {
  return new Date(now + 7 * 3600000).getUTCFullYear() > year;
}

// -------------------------------------------------------------------------------------- encoding

const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** A Date as the Sheets serial number of its wall time in WIB (the archive's time zone). */
export function toSerial(d: Date): number {
  const wall = d.getTime() + 7 * 3600000;
  return (wall - SERIAL_EPOCH_UTC) / 86400000;
}

export function fromSerial(serial: number): Date {
  return new Date(Math.round(serial * 86400000) + SERIAL_EPOCH_UTC - 7 * 3600000);
}

/** A cell as it travels to the archive (RAW: text stays text, dates as serial numbers). */
export function encodeCell(v: ArchiveCell | null | undefined): string | number | boolean {
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : toSerial(v);
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  return v;
}

/** A cell read back from the archive (UNFORMATTED_VALUE, SERIAL_NUMBER) as the working tab held it. */
export function decodeCell(v: unknown, isDate: boolean): ArchiveCell {
  if (isDate && typeof v === 'number') return fromSerial(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return '';
}

/** Equal as the archive holds them: the count check compares encoded cells. */
export function sameCell(a: ArchiveCell | null | undefined, b: unknown): boolean {
  const x = encodeCell(a);
  if (typeof x === 'number' && typeof b === 'number') return Math.abs(x - b) < 1e-9;
  return x === (b ?? '');
}

/** First difference between the rows sent and the rows read back, or null when they match. */
export function compareBack(sent: ArchiveCell[][], back: unknown[][]): string | null {
  if (back.length !== sent.length) return `${sent.length} ≠ ${back.length}`;
  for (let i = 0; i < sent.length; i++) {
    const row = sent[i];
    const got = back[i] ?? [];
    for (let j = 0; j < Math.max(row.length, got.length); j++) {
      if (!sameCell(row[j], got[j])) return `${i + 1}:${j + 1}`;
    }
  }
  return null;
}

/** The next step of a tab in a (possibly resumed) run. */
export type TabStep = { kind: 'copy'; start: number; blankTail: number } | { kind: 'markDone'; rows: number } | { kind: 'skip' };

/**
 * What to do with a tab: `selected` year rows still in the working tab, the tab's journal (if a
 * run started it), and the archive's committed rows for the tab.
 */
export function nextTabStep(selected: number, journal: TabJournal | undefined, committed: number): TabStep {
  if (journal?.done) return { kind: 'skip' };
  if (selected === 0) {
    // Gone from the working tab: removed after its check (the removal is one write), or never there.
    return journal ? { kind: 'markDone', rows: journal.start + journal.n } : { kind: 'skip' };
  }
  const start = journal ? journal.start : committed;
  const blankTail = journal ? Math.max(0, journal.n - selected) : 0;
  return { kind: 'copy', start, blankTail };
}

/** The archive workbook's sheet for a tab: the tab's Indonesian name. */
export function archiveSheetName(key: ArchiveTab): string {
  return tabDef(key).id;
}
