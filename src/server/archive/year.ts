/**
 * Siaran → Administrasi → Arsipkan tahun…: moves a closed year's rows into its archive workbook.
 * The rules (selection, closed year, encoding, journal) are in src/core/archive.ts; this file reads
 * the working tabs, talks to the archive through src/adapters/archive.ts and records the run.
 */
import {
  ARCHIVE_MESSAGES as M,
  ARCHIVE_TABS,
  ArchiveCell,
  ArchiveEntry,
  ArchiveTab,
  buildLinks,
  compareBack,
  emptyEntry,
  encodeCell,
  nextTabStep,
  rowYear,
  unreportedMonths,
  yearEnded,
} from '../../core/archive';
import { SiaranError } from '../../core/errors';
import { tr } from '../../core/i18n';
import { archiveSheetName } from '../../core/archive';
import { periodOfCell } from '../../core/sop';
import type { ArchiveRegistry } from '../../adapters/archive';
import { blockA1, createArchiveBook, formatArchiveDates, readArchiveBlocks, writeArchiveBlocks } from '../../adapters/archive';
import { moveInto, registerMade, reportFolder } from '../../adapters/drive';
import type { Table } from '../../adapters/workbook';
import { addLog, Ctx } from '../context';

/** The archive's sheet for a tab: the tab's Indonesian name. */
function ensureFolderFor(ctx: Ctx, fileId: string): void {
  const { folder, created } = reportFolder(ctx.settings.reportFolderId);
  if (created) {
    const t = ctx.wb.table('pengaturan', { lenient: true });
    const row = t.find('kunci', 'folder_laporan');
    if (row >= 0) t.set(row, 'nilai', folder.id());
    else t.append({ kunci: 'folder_laporan', nilai: folder.id(), keterangan: 'ID folder Drive untuk laporan.' });
    addLog(ctx, '6', 'Folder laporan dibuat', folder.name(), 'Folder laporan tidak ditemukan atau ada di sampah; folder baru dibuat dan ID-nya ditulis ke Pengaturan "folder_laporan".');
  }
  moveInto(fileId, folder);
}

/** Refuses (nothing changed) unless `year` is closed: ended, all twelve months reported, nothing waiting. */
function requireClosed(ctx: Ctx, year: number): void {
  if (!yearEnded(year, ctx.now)) throw new SiaranError('CONFLICT', M.notEnded, { year });
  const laporan = ctx.wb.sheet('laporan') ? ctx.wb.table('laporan', { lenient: true }) : null;
  const reported: string[] = [];
  if (laporan) for (let i = 0; i < laporan.size; i++) if (laporan.text(i, 'dokumen')) reported.push(periodOfCell(laporan.get(i, 'periode')));
  const missing = unreportedMonths(year, reported);
  if (missing.length) throw new SiaranError('CONFLICT', M.notReported, { year, months: missing.join(', ') });
  const waiting: string[] = [];
  const inYear = (v: ArchiveCell) => periodOfCell(v).slice(0, 4) === String(year);
  const p = ctx.wb.table('persetujuan', { lenient: true });
  for (let i = 0; i < p.size; i++) {
    const s = p.text(i, 'status');
    if ((s === 'Menunggu' || s === 'Belum Giliran') && inYear(p.get(i, 'periode')) && !waiting.includes(p.text(i, 'id'))) waiting.push(p.text(i, 'id'));
  }
  if (waiting.length) throw new SiaranError('CONFLICT', M.openItems, { year, n: waiting.length, ids: waiting.slice(0, 5).join(', ') + (waiting.length > 5 ? ', …' : '') });
}

/** Columns of a table that hold a Date in any of `rows`, plus the schema's date columns. */
function dateColumns(t: Table, rows: ArchiveCell[][]): number[] {
  const out = new Set<number>();
  for (const c of t.def.columns) if ((c.format === 'date' || c.format === 'datetime') && t.col[c.key] >= 0) out.add(t.col[c.key]);
  for (const r of rows) r.forEach((v, j) => v instanceof Date && out.add(j));
  return [...out].sort((a, b) => a - b);
}

/** The outcome of one archive run (a fresh one or a resumed one). */
export interface ArchiveOutcome {
  year: number;
  url: string;
  moved: Partial<Record<ArchiveTab, number>>;
  message: string;
}

export function archiveYear(ctx: Ctx, year: number, reg: ArchiveRegistry): ArchiveOutcome {
  for (const y of reg.years()) {
    const other = reg.get(y);
    if (y !== year && other && other.journal) throw new SiaranError('CONFLICT', M.otherRun, { other: y });
  }
  let entry: ArchiveEntry | null = reg.get(year);
  if (!entry || !entry.journal) requireClosed(ctx, year);
  if (!entry) {
    const made = createArchiveBook(tr(ctx.lang, M.archiveTitle, { year }), ARCHIVE_TABS.map(archiveSheetName));
    entry = emptyEntry(year, made.id, made.url);
    ARCHIVE_TABS.forEach((k, i) => ((entry as ArchiveEntry).sheets[k] = made.sheetIds[i]));
    reg.set(entry);
  } else if (!entry.journal) {
    entry.journal = {};
    reg.set(entry);
  }
  const e = entry;
  if (!e.inFolder) {
    // Siaran made it (its id is in the owner's archive registry): into the registry of Siaran's
    // files, so it may be moved into the report folder. Idempotent, so a resumed run does it again.
    registerMade(e.id, 'archive');
    ensureFolderFor(ctx, e.id);
    e.inFolder = true;
    reg.set(e);
  }
  const journal = e.journal ?? (e.journal = {});

  // The year of a design and a publication comes through its plan item: read once, before anything moves.
  const konsep = ctx.wb.table('konsep', { lenient: true });
  const desain = ctx.wb.table('desain', { lenient: true });
  const links = buildLinks(
    konsep.rows.map((_r, i) => ({ id: konsep.text(i, 'id'), period: konsep.get(i, 'periode') })),
    desain.rows.map((_r, i) => ({ id: desain.text(i, 'id'), conceptId: desain.text(i, 'konsepId') })),
  );

  for (const key of ARCHIVE_TABS) {
    if (!ctx.wb.sheet(key)) continue;
    const t = ctx.wb.table(key, { lenient: true }) as Table;
    const col = t.col as Record<string, number>;
    const selected: number[] = [];
    const keep: number[] = [];
    t.rows.forEach((r, i) => (rowYear(key, r, col, links) === year ? selected : keep).push(i));
    const step = nextTabStep(selected.length, journal[key], e.rows[key] ?? 0);
    if (step.kind === 'skip') continue;
    if (step.kind === 'markDone') {
      e.rows[key] = step.rows;
      journal[key] = { ...(journal[key] ?? { start: 0, n: 0 }), done: true };
      reg.set(e);
      continue;
    }
    const width = Math.max(t.headers.length, 1);
    const rows = selected.map((i) => t.rows[i]);
    const dates = dateColumns(t, rows);
    const prevWidth = e.width[key] ?? 0;
    journal[key] = { start: step.start, n: rows.length, done: false };
    e.width[key] = Math.max(width, prevWidth);
    e.dates[key] = [...new Set([...(e.dates[key] ?? []), ...dates])].sort((a, b) => a - b);
    reg.set(e);

    const name = archiveSheetName(key);
    const encoded = rows.map((r) => Array.from({ length: width }, (_x, j) => encodeCell(r[j])));
    const blankWidth = Math.max(width, prevWidth);
    const block = encoded.map((r) => r.concat(new Array(blankWidth - width).fill('')));
    for (let k = 0; k < step.blankTail; k++) block.push(new Array(blankWidth).fill(''));
    writeArchiveBlocks(e.id, [
      { range: blockA1(name, 1, width, 1), values: [t.headers.slice(0, width)] },
      { range: blockA1(name, step.start + 2, blankWidth, block.length), values: block },
    ]);
    if (dates.length) formatArchiveDates(e.id, [{ sheetId: e.sheets[key] ?? 0, startRow: step.start + 1, endRow: step.start + 1 + rows.length, columns: dates }]);
    // The count check: read the rows back and compare them, cell by cell, before removing anything.
    const back = readArchiveBlocks(e.id, [blockA1(name, step.start + 2, width, rows.length)])[0] ?? [];
    const diff = compareBack(rows, back);
    if (diff) throw new SiaranError('INTERNAL', M.checkFailed, { tab: name, detail: diff });
    t.tab.removeRows(t.rows, width, keep);
    ctx.wb.forget(key);
    e.rows[key] = step.start + rows.length;
    journal[key] = { start: step.start, n: rows.length, done: true };
    reg.set(e);
  }

  const moved: Partial<Record<ArchiveTab, number>> = {};
  for (const k of ARCHIVE_TABS) moved[k] = journal[k]?.n ?? 0;
  e.journal = null;
  reg.set(e);
  const total = ARCHIVE_TABS.reduce((n, k) => n + (moved[k] ?? 0), 0);
  const counts = ARCHIVE_TABS.map((k) => `${archiveSheetName(k)} ${moved[k]} ${tr(ctx.lang, M.rowsWord)}`).join(', ');
  if (!total) return { year, url: e.url, moved, message: tr(ctx.lang, M.nothing, { year, url: e.url }) };
  addLog(ctx, '—', tr('id', M.logAction), String(year), tr('id', M.logDetail, { counts, url: e.url }));
  return { year, url: e.url, moved, message: tr(ctx.lang, M.done, { year, counts, url: e.url }) };
}
