/**
 * Draft next month's plan from the Court's schedule (issue 18, part 1; SOP step 2, whose equipment
 * lists the Court's activity schedule).
 *
 * - Preview: reads the source (the calendar in Pengaturan `kalender_jadwal`, an .ics file, or a CSV
 *   or pasted table), turns the month's events into proposed Draf items (src/core/schedule) and
 *   marks, per row, what the import will do against the month's items. Nothing is saved.
 * - Import: reads the same source again (the browser sends only the ticked rows' keys, never row
 *   contents), refuses while the source has any problem, then appends the new items and updates the
 *   changed ones in one batch; each item keeps its source event's id in Sumber Jadwal, so importing
 *   again updates instead of duplicating. Items already submitted or approved are never touched.
 */
import { readCalendar } from '../../adapters/calendar';
import { WB_MESSAGES } from '../../adapters/workbook';
import type { Cell } from '../../adapters/workbook';
import { isWorkingDay, parseDateCell } from '../../core/calendar';
import { decodeBytes, stripBom } from '../../core/csv';
import { SiaranError } from '../../core/errors';
import { DEFAULT_HOLIDAYS } from '../../core/holidays';
import { defineMessages, formatNumber, formatPeriod, Lang, tr } from '../../core/i18n';
import { parsePlatform } from '../../core/platforms';
import { tabDef } from '../../core/schema';
import {
  DayInfo,
  draftRows,
  DraftRow,
  eventsFromCalendar,
  ExistingConcept,
  KIND_LABELS,
  ParsedSchedule,
  parseIcs,
  parseScheduleTable,
  recurringFromStrategy,
  ScheduleEvent,
  ScheduleProblem,
} from '../../core/schedule';
import { stripControl } from '../../core/sheet-text';
import { parsePeriod, periodOfCell, transition } from '../../core/sop';
import type { ImportScheduleValue, InsightProblem, PreviewScheduleValue, ScheduleRowInfo } from '../../shared/contract';
import { workCalendar } from '../clock';
import { addLog, Ctx, userText } from '../context';
import { badRequest, localMidnight, requestObject } from '../panel/validate';

/** Largest file or pasted table (characters or bytes). */
export const MAX_SCHEDULE_FILE = 2 * 1024 * 1024;
/** Most keys one import may name (a month holds far fewer events). */
export const MAX_SCHEDULE_KEYS = 5000;

export const SCHEDULE_IMPORT_MESSAGES = defineMessages({
  action: { id: 'Menyusun draf rencana dari jadwal', en: 'Drafting the plan from the schedule' },
  title: { id: 'Draf rencana dari jadwal', en: 'Draft plan from the schedule' },
  period: { id: 'Periode "{value}" tidak sah. Tulis YYYY-MM, misalnya 2026-12.', en: 'Period "{value}" is not valid. Write YYYY-MM, e.g. 2026-12.' },
  noFile: { id: 'Belum ada berkas atau tabel. Pilih berkas .ics atau CSV, atau tempel tabel jadwalnya.', en: 'No file or table yet. Choose an .ics or CSV file, or paste the schedule table.' },
  tooBig: { id: 'Berkas terlalu besar ({size}). Batasnya {max}; ekspor satu bulan saja.', en: 'The file is too large ({size}). The limit is {max}; export one month only.' },
  noCalendar: { id: 'Pengaturan "kalender_jadwal" masih kosong. Isi ID Google Calendar agenda Mahkamah di tab Pengaturan, atau pakai berkas .ics atau tabel.', en: 'Setting "kalender_jadwal" is empty. Put the Court agenda\'s Google Calendar id in the Settings tab, or use an .ics file or a table.' },
  calendarDenied: { id: 'Kalender "{id}" tidak ditemukan atau Anda tidak punya akses untuk membacanya. Periksa ID di Pengaturan "kalender_jadwal", atau minta pemilik kalender membagikannya ke email Anda.', en: 'Calendar "{id}" was not found or you may not read it. Check the id in the "kalender_jadwal" setting, or ask the calendar\'s owner to share it with your email.' },
  calendarFailed: { id: 'Kalender "{id}" tidak dapat dibaca saat ini ({message}). Tidak ada yang ditulis; coba lagi sebentar lagi.', en: 'Calendar "{id}" cannot be read now ({message}). Nothing was written; try again shortly.' },
  problems: { id: 'Jadwal belum dapat diimpor: {n} masalah. Tidak ada yang ditulis. Perbaiki sumbernya, lalu baca ulang.', en: 'The schedule cannot be imported yet: {n} problems. Nothing was written. Fix the source, then read it again.' },
  nothingChosen: { id: 'Tidak ada baris yang dipilih untuk ditulis. Centang baris yang ingin dijadikan konsep.', en: 'No row is chosen to write. Tick the rows you want as plan items.' },
  done: { id: '{added} konsep baru dan {updated} konsep diperbarui ditulis sebagai Draf untuk {month}. Periksa PIC dan platformnya, lalu ajukan seperti biasa.', en: '{added} new and {updated} updated plan items written as Draf for {month}. Check their owner and platforms, then submit as usual.' },
  logAction: { id: 'Impor jadwal', en: 'Schedule import' },
  logDetail: { id: '{added} baru, {updated} diperbarui, dari {source}', en: '{added} new, {updated} updated, from {source}' },
  pasted: { id: 'tabel tempel', en: 'pasted table' },
  line: { id: 'baris {n}', en: 'line {n}' },
  calendarSource: { id: 'kalender "{name}"', en: 'calendar "{name}"' },
  recurring: { id: 'Konten rutin', en: 'Recurring content' },
});
const M = SCHEDULE_IMPORT_MESSAGES;

/** The plan tab's column that keeps each imported item's source event id. */
const SOURCE_HEADER = tabDef('konsep').columns.find((c) => c.key === 'sumberJadwal')?.id ?? 'Sumber Jadwal';

const ACTION_LABELS = defineMessages({
  baru: { id: 'Baru', en: 'New' },
  perbarui: { id: 'Perbarui {id}', en: 'Update {id}' },
  sama: { id: 'Sudah ada ({id}), tidak berubah', en: 'Already there ({id}), unchanged' },
  duplikat: { id: 'Duplikat {id}: dilewati', en: 'Duplicate {id}: skipped' },
  terkunci: { id: '{id} sudah diajukan/disetujui: dilewati', en: '{id} already submitted/approved: skipped' },
});

interface Source {
  period: string;
  parsed: ParsedSchedule;
  sourceName: string;
  sourceOf: (e: ScheduleEvent) => string;
}

function problemsOf(list: readonly ScheduleProblem[], lang: Lang): InsightProblem[] {
  return list.map((p) => ({ line: p.line, reason: tr(lang, p.msg, p.params) }));
}

/** The file or pasted table as text. */
function sourceText(ctx: Ctx, o: Record<string, unknown>): string {
  if (typeof o.content === 'string' && o.content.trim()) {
    if (o.content.length > MAX_SCHEDULE_FILE) throw new SiaranError('VALIDATION', M.tooBig, { size: formatNumber(o.content.length, ctx.lang), max: formatNumber(MAX_SCHEDULE_FILE, ctx.lang) });
    return stripBom(o.content);
  }
  if (Array.isArray(o.bytes) && o.bytes.length) {
    if (o.bytes.length > MAX_SCHEDULE_FILE) throw new SiaranError('VALIDATION', M.tooBig, { size: formatNumber(o.bytes.length, ctx.lang), max: formatNumber(MAX_SCHEDULE_FILE, ctx.lang) });
    return decodeBytes(o.bytes.map((b) => (typeof b === 'number' && Number.isFinite(b) ? b : 0))).text;
  }
  throw new SiaranError('VALIDATION', M.noFile);
}

/** Reads the request's source for its month. Throws plain messages for what cannot be read at all. */
export function readSource(ctx: Ctx, req: unknown, extraKeys: readonly string[] = []): Source & { obj: Record<string, unknown> } {
  const obj = requestObject(req, ['source', 'period', 'fileName', 'content', 'bytes', ...extraKeys]);
  if (typeof obj.period !== 'string') throw badRequest('period');
  const period = parsePeriod(obj.period);
  if (!period) throw new SiaranError('VALIDATION', M.period, { value: obj.period.slice(0, 20) });
  const fileName = typeof obj.fileName === 'string' && obj.fileName.trim() ? stripControl(obj.fileName.trim()).slice(0, 200) : '';
  if (obj.source === 'kalender') {
    const id = ctx.settings.scheduleCalendarId;
    if (!id) throw new SiaranError('VALIDATION', M.noCalendar);
    const from = (localMidnight(`${period}-01`) as number) - 86400000;
    const [y, m] = period.split('-').map(Number);
    const to = Date.UTC(y, m, 1) - 7 * 3600000 + 86400000;
    let read: ReturnType<typeof readCalendar>;
    try {
      read = readCalendar(id, from, to);
    } catch (e) {
      throw new SiaranError('VALIDATION', M.calendarFailed, { id, message: e instanceof Error ? e.message : String(e) });
    }
    if (!read) throw new SiaranError('VALIDATION', M.calendarDenied, { id });
    const name = tr(ctx.lang, M.calendarSource, { name: read.name });
    return { obj, period, parsed: eventsFromCalendar(read.events), sourceName: name, sourceOf: () => name };
  }
  if (obj.source !== 'ics' && obj.source !== 'tabel') throw badRequest('source');
  const text = sourceText(ctx, obj);
  const sourceName = fileName || tr(ctx.lang, M.pasted);
  const parsed = obj.source === 'ics' ? parseIcs(text) : parseScheduleTable(text);
  return { obj, period, parsed, sourceName, sourceOf: (e) => `${sourceName} ${tr(ctx.lang, M.line, { n: e.line })}` };
}

function dayInfo(ctx: Ctx): (date: string) => DayInfo {
  const cal = workCalendar(ctx);
  const names = new Map<string, string>();
  for (const h of DEFAULT_HOLIDAYS) names.set(h.date, h.name);
  for (const h of ctx.settings.holidays) names.set(h.date, h.name || names.get(h.date) || '');
  return (date) => {
    const ms = localMidnight(date) as number;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    const working = isWorkingDay(cal, ms + 12 * 3600000);
    const holiday = !working && !weekend ? names.get(date) || 'libur' : names.get(date) && !working ? (names.get(date) as string) : '';
    return { working, weekend, holiday };
  };
}

interface Drafted {
  source: Source;
  rows: DraftRow[];
  outside: number;
  /** Row index in the Konsep table of each existing item id. */
  rowOf: Map<string, number>;
}

function draft(ctx: Ctx, source: Source): Drafted {
  const t = ctx.wb.table('konsep');
  // A workbook from before the import lacks the column: setup adds it (nothing is read or written until then).
  if (!t.has('sumberJadwal')) throw new SiaranError('SETUP_NEEDED', WB_MESSAGES.missingColumn, { column: SOURCE_HEADER, tab: t.tab.name() });
  const existing: ExistingConcept[] = [];
  const rowOf = new Map<string, number>();
  for (let i = 0; i < t.size; i++) {
    const id = t.text(i, 'id');
    if (!id && !t.text(i, 'kegiatan')) continue;
    if (id) rowOf.set(id, i);
    existing.push({
      id,
      date: parseDateCell(t.get(i, 'tanggal')) ?? '',
      activity: t.text(i, 'kegiatan'),
      description: t.text(i, 'deskripsi'),
      source: t.text(i, 'sumberJadwal'),
      editable: transition('konsep', t.text(i, 'status') || 'Draf', 'edit') !== null,
    });
  }
  const strategy: Array<{ platform: ReturnType<typeof parsePlatform>; directions: string }> = [];
  if (ctx.wb.sheet('strategi')) {
    const s = ctx.wb.table('strategi', { lenient: true });
    for (let i = 0; i < s.size; i++) {
      if (periodOfCell(s.get(i, 'periode')) === source.period) strategy.push({ platform: parsePlatform(s.text(i, 'platform')), directions: s.text(i, 'arahan') });
    }
  }
  const { rows, outside } = draftRows({
    period: source.period,
    events: source.parsed.events,
    sourceOf: source.sourceOf,
    rules: ctx.settings.scheduleRules,
    strategy,
    platforms: ctx.settings.platforms,
    recurring: ctx.settings.recurringFormats.concat(recurringFromStrategy(strategy)),
    day: dayInfo(ctx),
    existing,
  });
  return { source, rows, outside, rowOf };
}

function rowInfo(ctx: Ctx, r: DraftRow): ScheduleRowInfo {
  return {
    key: r.key,
    source: r.source,
    kindLabel: r.kind === 'rutin' ? tr(ctx.lang, M.recurring) : KIND_LABELS[r.kind][ctx.lang],
    date: r.date,
    time: r.time,
    activity: r.activity,
    category: r.category,
    platforms: r.platforms,
    formats: r.formats,
    weekend: r.weekend,
    holiday: r.holiday,
    action: r.action,
    actionLabel: tr(ctx.lang, ACTION_LABELS[r.action], { id: r.existingId }),
    existingId: r.existingId,
    include: r.include,
  };
}

export function previewSchedule(ctx: Ctx, req: unknown): PreviewScheduleValue {
  const source = readSource(ctx, req);
  const d = draft(ctx, source);
  return {
    period: source.period,
    sourceName: source.sourceName,
    rows: d.rows.map((r) => rowInfo(ctx, r)),
    outside: d.outside,
    problems: problemsOf(source.parsed.problems, ctx.lang),
    notes: problemsOf(source.parsed.notes, ctx.lang),
    calendarId: ctx.settings.scheduleCalendarId,
  };
}

/** User text for a cell: control characters removed, never a formula. */
const cellText = (s: string) => userText(stripControl(s));

export function importSchedule(ctx: Ctx, req: unknown): ImportScheduleValue {
  const source = readSource(ctx, req, ['keys']);
  const keysArg = source.obj.keys;
  if (!Array.isArray(keysArg) || keysArg.length > MAX_SCHEDULE_KEYS || !keysArg.every((k) => typeof k === 'string' && k.length <= 1000)) throw badRequest('keys');
  if (source.parsed.problems.length) {
    const err = new SiaranError('VALIDATION', M.problems, { n: source.parsed.problems.length });
    err.details.push(...problemsOf(source.parsed.problems, ctx.lang).map((p) => ({ row: p.line || undefined, message: p.reason })));
    throw err;
  }
  const wanted = new Set(keysArg as string[]);
  const d = draft(ctx, source);
  const chosen = d.rows.filter((r) => r.include && wanted.has(r.key));
  if (!chosen.length) throw new SiaranError('VALIDATION', M.nothingChosen);
  const t = ctx.wb.table('konsep');
  const nextId = t.ids('K');
  const ids: string[] = [];
  let added = 0;
  let updated = 0;
  for (const r of chosen) {
    const date: Cell = new Date(localMidnight(r.date) as number);
    if (r.action === 'perbarui') {
      const i = d.rowOf.get(r.existingId);
      if (i === undefined) continue;
      t.set(i, 'tanggal', date);
      t.set(i, 'kegiatan', cellText(r.activity));
      t.set(i, 'deskripsi', cellText(r.description));
      ids.push(r.existingId);
      updated++;
    } else {
      const id = nextId();
      t.append({
        id,
        periode: source.period,
        tanggal: date,
        kegiatan: cellText(r.activity),
        kategori: cellText(r.category),
        platform: r.platforms.join(', '),
        pic: cellText(ctx.email),
        deskripsi: cellText(r.description),
        // Status and version stay blank (Draf, version 1): the owner's record, hard-protected.
        sumberJadwal: cellText(r.key),
      });
      ids.push(id);
      added++;
    }
  }
  addLog(ctx, '2', tr(ctx.lang, M.logAction), source.period, tr(ctx.lang, M.logDetail, { added, updated, source: source.sourceName }));
  return { added, updated, ids, message: tr(ctx.lang, M.done, { added, updated, month: formatPeriod(source.period, ctx.lang) }) };
}
