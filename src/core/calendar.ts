/**
 * Working-minutes calendar for the SLA clock.
 *
 * All arithmetic is done in a fixed UTC offset taken from the calendar (Asia/Jakarta is +07:00 and
 * has no DST), so results never depend on the host's time zone. Instants are epoch milliseconds;
 * local dates are 'YYYY-MM-DD' strings; local times are 'HH:MM'.
 *
 * A working period is half-open [start, end): an instant exactly at the end of a period is not
 * inside it. Durations are counted in milliseconds internally (exact integers for integer inputs)
 * and reported in minutes, so minute-aligned inputs give whole minutes.
 *
 * Cost: every function walks days, not minutes (a 3-month span is about 92 loop iterations).
 */
import {
  DEFAULT_HOLIDAYS,
  DEFAULT_RAMADAN_PERIODS,
  NORMAL_WEEK,
  type Holiday,
  type HolidayKind,
  type SpecialPeriod,
  type WeekHours,
  type Weekday,
  type WorkPeriod,
} from './holidays';

export type { Holiday, HolidayKind, SpecialPeriod, WeekHours, Weekday, WorkPeriod } from './holidays';

export interface WorkCalendar {
  /** Offset of local time from UTC in minutes (Asia/Jakarta: 420). */
  readonly utcOffsetMinutes: number;
  /** Working periods per weekday (0 = Sunday), breaks excluded. */
  readonly week: WeekHours;
  /** Local dates that are not working days (libur nasional and cuti bersama), 'YYYY-MM-DD'. */
  readonly holidays: ReadonlySet<string> | readonly string[];
  /** Date ranges with their own weekly hours (e.g. Ramadan). The first matching range wins. */
  readonly special?: readonly SpecialPeriod[];
}

export const JAKARTA_OFFSET_MINUTES = 7 * 60;
const MINUTE = 60000;
const DAY = 86400000;
/** addWorkingMinutes gives up after this many consecutive days without working time. */
const MAX_IDLE_DAYS = 3660;

/** The Court's default calendar: normal hours, 2026/2027 holidays and cuti bersama, Ramadan hours. */
export function defaultCalendar(): WorkCalendar {
  return {
    utcOffsetMinutes: JAKARTA_OFFSET_MINUTES,
    week: NORMAL_WEEK,
    holidays: new Set(DEFAULT_HOLIDAYS.map((h) => h.date)),
    special: DEFAULT_RAMADAN_PERIODS.slice(),
  };
}

// ---------------------------------------------------------------------------------------------
// Dates and times

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{1,2})[:.](\d{2})$/;

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** Day number (days since 1970-01-01) of a valid 'YYYY-MM-DD', or null. */
export function dayNumberOfDate(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY;
}

function dateOfDayNumber(day: number): string {
  const d = new Date(day * DAY);
  return d.getUTCFullYear() + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate());
}

function weekdayOfDayNumber(day: number): Weekday {
  return ((((day + 4) % 7) + 7) % 7) as Weekday; // 1970-01-01 was a Thursday
}

/** Minutes after midnight of 'HH:MM' ('24:00' = 1440), or null if invalid. */
export function parseClock(text: string): number | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (mi > 59 || h > 24 || (h === 24 && mi !== 0)) return null;
  return h * 60 + mi;
}

function formatClock(minutes: number): string {
  return pad2(Math.floor(minutes / 60)) + ':' + pad2(minutes % 60);
}

function checkInstant(ms: number, what: string): void {
  if (typeof ms !== 'number' || !isFinite(ms)) throw new RangeError(what + ' must be a finite epoch-milliseconds number');
}

/** The local date ('YYYY-MM-DD') of an instant in the calendar's offset. */
export function localDate(cal: WorkCalendar, ms: number): string {
  checkInstant(ms, 'ms');
  return dateOfDayNumber(Math.floor((ms + cal.utcOffsetMinutes * MINUTE) / DAY));
}

/** The instant of a local date and time ('HH:MM', default '00:00') in the calendar's offset. */
export function localDateTime(cal: WorkCalendar, date: string, time = '00:00'): number {
  const day = dayNumberOfDate(date);
  const minutes = parseClock(time);
  if (day === null) throw new RangeError('invalid date "' + date + '", expected YYYY-MM-DD');
  if (minutes === null) throw new RangeError('invalid time "' + time + '", expected HH:MM');
  return day * DAY - cal.utcOffsetMinutes * MINUTE + minutes * MINUTE;
}

// ---------------------------------------------------------------------------------------------
// Validation and compilation

type Span = readonly [number, number]; // ms after local midnight, [start, end)

interface Compiled {
  readonly offsetMs: number;
  readonly week: ReadonlyArray<readonly Span[]>;
  readonly holidays: ReadonlySet<number>;
  readonly special: ReadonlyArray<{ readonly from: number; readonly to: number; readonly week: ReadonlyArray<readonly Span[]> }>;
}

const WEEKDAY_NAMES = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

function compileWeek(week: WeekHours, where: string, errors: string[]): Span[][] {
  const out: Span[][] = [];
  for (let d = 0; d < 7; d++) {
    const periods = week[d as Weekday] || [];
    const spans: Span[] = [];
    for (const p of periods) {
      const s = parseClock(p.start);
      const e = parseClock(p.end);
      if (s === null || e === null || s >= e) {
        errors.push(where + ' hari ' + WEEKDAY_NAMES[d] + ': jam "' + p.start + '-' + p.end + '" tidak valid (jam mulai harus sebelum jam selesai, format JJ:MM).');
        continue;
      }
      spans.push([s * MINUTE, e * MINUTE]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) {
      if (spans[i][0] < spans[i - 1][1]) {
        errors.push(where + ' hari ' + WEEKDAY_NAMES[d] + ': jam kerja ' + formatClock(spans[i - 1][0] / MINUTE) + '-' + formatClock(spans[i - 1][1] / MINUTE)
          + ' dan ' + formatClock(spans[i][0] / MINUTE) + '-' + formatClock(spans[i][1] / MINUTE) + ' tumpang tindih.');
      }
    }
    out.push(spans);
  }
  return out;
}

function compileOrErrors(cal: WorkCalendar): { compiled: Compiled; errors: string[] } {
  const errors: string[] = [];
  const off = cal.utcOffsetMinutes;
  if (typeof off !== 'number' || !isFinite(off) || Math.floor(off) !== off || Math.abs(off) > 14 * 60) {
    errors.push('Selisih zona waktu harus bilangan bulat menit antara -840 dan 840 (WIB = 420).');
  }
  const week = compileWeek(cal.week, 'Jam kerja', errors);
  const holidays = new Set<number>();
  const list: Iterable<string> = cal.holidays;
  for (const h of list) {
    const day = dayNumberOfDate(h);
    if (day === null) errors.push('Tanggal libur "' + h + '" tidak valid; gunakan format TTTT-BB-HH, misalnya 2026-03-20.');
    else holidays.add(day);
  }
  const special: Array<{ from: number; to: number; week: Span[][] }> = [];
  for (const sp of cal.special || []) {
    const label = 'Jam kerja khusus' + (sp.name ? ' "' + sp.name + '"' : '');
    const from = dayNumberOfDate(sp.from);
    const to = dayNumberOfDate(sp.to);
    if (from === null || to === null || from > to) {
      errors.push(label + ': rentang tanggal ' + sp.from + ' s.d. ' + sp.to + ' tidak valid (format TTTT-BB-HH, tanggal awal tidak boleh setelah tanggal akhir).');
      continue;
    }
    special.push({ from, to, week: compileWeek(sp.week, label, errors) });
  }
  return { compiled: { offsetMs: (off || 0) * MINUTE, week, holidays, special }, errors };
}

/** Readable Indonesian problems with a calendar; empty when it is valid. */
export function validateCalendar(cal: WorkCalendar): string[] {
  return compileOrErrors(cal).errors;
}

function compile(cal: WorkCalendar): Compiled {
  const { compiled, errors } = compileOrErrors(cal);
  if (errors.length) throw new RangeError('Invalid work calendar: ' + errors.join(' '));
  return compiled;
}

const NO_SPANS: readonly Span[] = [];

function spansOfDay(c: Compiled, day: number): readonly Span[] {
  if (c.holidays.has(day)) return NO_SPANS;
  const wd = weekdayOfDayNumber(day);
  for (const sp of c.special) {
    if (day >= sp.from && day <= sp.to) return sp.week[wd];
  }
  return c.week[wd];
}

function dayOf(c: Compiled, ms: number): number {
  return Math.floor((ms + c.offsetMs) / DAY);
}

function dayStart(c: Compiled, day: number): number {
  return day * DAY - c.offsetMs;
}

// ---------------------------------------------------------------------------------------------
// Queries

/** Working milliseconds in [startMs, endMs); 0 if endMs <= startMs. */
export function workingMsBetween(cal: WorkCalendar, startMs: number, endMs: number): number {
  checkInstant(startMs, 'startMs');
  checkInstant(endMs, 'endMs');
  if (endMs <= startMs) return 0;
  const c = compile(cal);
  let total = 0;
  const last = dayOf(c, endMs);
  for (let day = dayOf(c, startMs); day <= last; day++) {
    const base = dayStart(c, day);
    for (const [s, e] of spansOfDay(c, day)) {
      const lo = Math.max(startMs, base + s);
      const hi = Math.min(endMs, base + e);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/** Working minutes between two instants (0 if end <= start); fractional for sub-minute inputs. */
export function workingMinutesBetween(cal: WorkCalendar, startMs: number, endMs: number): number {
  return workingMsBetween(cal, startMs, endMs) / MINUTE;
}

/**
 * The earliest instant at which `ms` working milliseconds have elapsed since startMs. For ms > 0
 * the result lies inside a working period or exactly at its end (never in the next period's start
 * when the budget runs out at a break). ms = 0 returns startMs. Throws RangeError for a negative
 * amount or when the calendar has no working time for ten years.
 */
export function addWorkingMs(cal: WorkCalendar, startMs: number, ms: number): number {
  checkInstant(startMs, 'startMs');
  if (typeof ms !== 'number' || !isFinite(ms) || ms < 0) throw new RangeError('amount must be a finite number >= 0');
  if (ms === 0) return startMs;
  const c = compile(cal);
  let remaining = ms;
  let idle = 0;
  for (let day = dayOf(c, startMs); ; day++) {
    const base = dayStart(c, day);
    let worked = false;
    for (const [s, e] of spansOfDay(c, day)) {
      const lo = Math.max(startMs, base + s);
      const hi = base + e;
      if (hi <= lo) continue;
      worked = true;
      if (remaining <= hi - lo) return lo + remaining;
      remaining -= hi - lo;
    }
    idle = worked ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS) throw new RangeError('work calendar has no working time for ten years');
  }
}

/** The instant when `minutes` working minutes have elapsed since startMs (see addWorkingMs). */
export function addWorkingMinutes(cal: WorkCalendar, startMs: number, minutes: number): number {
  if (typeof minutes !== 'number' || !isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be a finite number >= 0');
  return addWorkingMs(cal, startMs, minutes * MINUTE);
}

/** True if the local date containing dateMs has working time (a weekday that is not a holiday). */
export function isWorkingDay(cal: WorkCalendar, dateMs: number): boolean {
  checkInstant(dateMs, 'dateMs');
  const c = compile(cal);
  return spansOfDay(c, dayOf(c, dateMs)).length > 0;
}

/** True if the instant lies inside a working period. */
export function isWorkingTime(cal: WorkCalendar, ms: number): boolean {
  checkInstant(ms, 'ms');
  const c = compile(cal);
  const day = dayOf(c, ms);
  const t = ms - dayStart(c, day);
  return spansOfDay(c, day).some(([s, e]) => t >= s && t < e);
}

function firstWorkingDayFrom(c: Compiled, fromDay: number): number {
  for (let day = fromDay, n = 0; n <= MAX_IDLE_DAYS; day++, n++) {
    if (spansOfDay(c, day).length) return day;
  }
  throw new RangeError('work calendar has no working time for ten years');
}

/**
 * Start of the first working period of the first working day strictly AFTER the local date of ms
 * (e.g. for "remind on the next working day"). Throws RangeError if none within ten years.
 */
export function nextWorkingDayStart(cal: WorkCalendar, ms: number): number {
  checkInstant(ms, 'ms');
  const c = compile(cal);
  const day = firstWorkingDayFrom(c, dayOf(c, ms) + 1);
  return dayStart(c, day) + spansOfDay(c, day)[0][0];
}

/** The earliest instant >= ms that lies inside a working period (ms itself if it already does). */
export function nextWorkingMoment(cal: WorkCalendar, ms: number): number {
  checkInstant(ms, 'ms');
  const c = compile(cal);
  for (let day = dayOf(c, ms), n = 0; n <= MAX_IDLE_DAYS; day++, n++) {
    const base = dayStart(c, day);
    for (const [s, e] of spansOfDay(c, day)) {
      if (base + e > ms) return Math.max(ms, base + s);
    }
  }
  throw new RangeError('work calendar has no working time for ten years');
}

export interface WorkingDayInfo {
  /** Local date, 'YYYY-MM-DD'. */
  readonly date: string;
  /** Local midnight of that date. */
  readonly dayStartMs: number;
  /** Start of its first working period. */
  readonly workStartMs: number;
}

/** The first working day of a month (month 1-12), or null if the month has none. */
export function firstWorkingDayOfMonth(cal: WorkCalendar, year: number, month: number): WorkingDayInfo | null {
  if (Math.floor(year) !== year || Math.floor(month) !== month || month < 1 || month > 12) {
    throw new RangeError('year must be an integer and month an integer 1-12');
  }
  const c = compile(cal);
  const first = Date.UTC(year, month - 1, 1) / DAY;
  const next = Date.UTC(year, month, 1) / DAY;
  for (let day = first; day < next; day++) {
    const spans = spansOfDay(c, day);
    if (spans.length) {
      return { date: dateOfDayNumber(day), dayStartMs: dayStart(c, day), workStartMs: dayStart(c, day) + spans[0][0] };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Settings text format (the workbook's Pengaturan tab)

const DAY_NAMES: Record<string, Weekday> = {
  min: 0, minggu: 0, ahad: 0, sun: 0, sunday: 0,
  sen: 1, senin: 1, mon: 1, monday: 1,
  sel: 2, selasa: 2, tue: 2, tuesday: 2,
  rab: 3, rabu: 3, wed: 3, wednesday: 3,
  kam: 4, kamis: 4, thu: 4, thursday: 4,
  jum: 5, jumat: 5, "jum'at": 5, fri: 5, friday: 5,
  sab: 6, sabtu: 6, sat: 6, saturday: 6,
};
const SHORT_DAY = ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'];
const HOURS_EXAMPLE = 'Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30';

function dayName(token: string): Weekday | undefined {
  const key = token.trim().toLowerCase().replace(/\u2019/g, "'");
  return Object.prototype.hasOwnProperty.call(DAY_NAMES, key) ? DAY_NAMES[key] : undefined;
}

function parseDays(text: string, errors: string[]): Weekday[] {
  const days: Weekday[] = [];
  const tokens = text.split(/\s*(?:,|\/|&|\bdan\b)\s*/i).filter((t) => t.trim() !== '');
  if (!tokens.length) {
    errors.push('nama hari tidak ada; tulis hari sebelum jam, misalnya "' + HOURS_EXAMPLE + '".');
    return days;
  }
  for (const token of tokens) {
    const range = token.split(/\s*[-\u2013\u2014]\s*|\s+s\.?d\.?\s+/i);
    if (range.length > 2) {
      errors.push('rentang hari "' + token.trim() + '" tidak dipahami; tulis misalnya "Sen-Kam".');
      continue;
    }
    const a = dayName(range[0]);
    const b = range.length === 2 ? dayName(range[1]) : a;
    const bad = a === undefined ? range[0] : b === undefined ? range[1] : null;
    if (bad !== null || a === undefined || b === undefined) {
      errors.push('nama hari "' + (bad || token).trim() + '" tidak dikenal; gunakan Sen, Sel, Rab, Kam, Jum, Sab atau Min.');
      continue;
    }
    for (let d = a; ; d = ((d + 1) % 7) as Weekday) {
      days.push(d);
      if (d === b) break;
    }
  }
  return days;
}

/**
 * Parse weekly hours, e.g. "Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30".
 * Segments are separated by ';' or line breaks; days not mentioned have no working time;
 * "Sab libur" states that explicitly. Times may use ':' or '.' ("07.30").
 */
export function parseWeekHours(text: string): { ok: true; week: WeekHours } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const week: { [D in Weekday]?: WorkPeriod[] } = {};
  const seen = new Set<Weekday>();
  const segments = text.split(/[;\n\r]+/).map((s) => s.trim()).filter((s) => s !== '');
  if (!segments.length) {
    return { ok: false, errors: ['Jam kerja kosong; isi misalnya "' + HOURS_EXAMPLE + '".'] };
  }
  for (const seg of segments) {
    const local: string[] = [];
    const off = /^(.*?)\s+(?:libur|tutup|-)$/i.exec(seg);
    const firstDigit = seg.search(/\d/);
    let daysText: string;
    let periodsText: string | null;
    if (off) {
      daysText = off[1];
      periodsText = null;
    } else if (firstDigit <= 0) {
      errors.push('Jam kerja "' + seg + '": ' + (firstDigit < 0 ? 'jam kerja tidak ada' : 'nama hari tidak ada')
        + '; tulis hari lalu jam, misalnya "' + HOURS_EXAMPLE + '".');
      continue;
    } else {
      daysText = seg.slice(0, firstDigit);
      periodsText = seg.slice(firstDigit);
    }
    const days = parseDays(daysText, local);
    const periods: WorkPeriod[] = [];
    if (periodsText !== null) {
      for (const part of periodsText.split(',')) {
        const m = /^\s*(\d{1,2}[:.]\d{2})\s*(?:[-\u2013\u2014]|s\.?d\.?)\s*(\d{1,2}[:.]\d{2})\s*$/i.exec(part);
        const s = m ? parseClock(m[1]) : null;
        const e = m ? parseClock(m[2]) : null;
        if (!m || s === null || e === null) {
          local.push('jam "' + part.trim() + '" tidak dipahami; tulis JJ:MM-JJ:MM, misalnya 07:30-12:00, dan pisahkan dengan koma.');
        } else if (s >= e) {
          local.push('jam "' + part.trim() + '": jam mulai harus sebelum jam selesai.');
        } else {
          periods.push({ start: formatClock(s), end: formatClock(e) });
        }
      }
      periods.sort((x, y) => (x.start < y.start ? -1 : 1));
      for (let i = 1; i < periods.length; i++) {
        if (periods[i].start < periods[i - 1].end) {
          local.push('jam ' + periods[i - 1].start + '-' + periods[i - 1].end + ' dan ' + periods[i].start + '-' + periods[i].end + ' tumpang tindih; pisahkan dengan jam istirahat.');
        }
      }
    }
    for (const d of days) {
      if (seen.has(d)) local.push('hari ' + WEEKDAY_NAMES[d] + ' disebut lebih dari sekali; sebut setiap hari satu kali saja.');
      seen.add(d);
    }
    if (local.length) {
      for (const msg of local) errors.push('Jam kerja "' + seg + '": ' + msg);
      continue;
    }
    for (const d of days) week[d] = periods;
  }
  return errors.length ? { ok: false, errors } : { ok: true, week };
}

/** Inverse of parseWeekHours: consecutive days with the same hours are grouped ("Sen-Kam ..."). */
export function formatWeekHours(week: WeekHours): string {
  const key = (d: number): string => (week[d as Weekday] || []).map((p) => p.start + '-' + p.end).join(',');
  const order = [1, 2, 3, 4, 5, 6, 0];
  const parts: string[] = [];
  for (let i = 0; i < order.length; ) {
    const k = key(order[i]);
    let j = i;
    while (j + 1 < order.length && key(order[j + 1]) === k) j++;
    if (k !== '') {
      const days = i === j ? SHORT_DAY[order[i]] : SHORT_DAY[order[i]] + '-' + SHORT_DAY[order[j]];
      parts.push(days + ' ' + k);
    }
    i = j + 1;
  }
  return parts.join('; ');
}

const MONTHS_ID: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, pebruari: 2, maret: 3, mar: 3, april: 4, apr: 4, mei: 5,
  juni: 6, jun: 6, juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, ags: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, november: 11, nov: 11, nopember: 11, desember: 12, des: 12,
};

/**
 * A date cell or text as 'YYYY-MM-DD', or null. Accepts 'YYYY-MM-DD', 'DD/MM/YYYY', 'DD-MM-YYYY',
 * '20 Maret 2026' and Date objects (as getValues returns them: local midnight, read in offsetMinutes).
 */
export function parseDateCell(value: unknown, offsetMinutes: number = JAKARTA_OFFSET_MINUTES): string | null {
  if (value instanceof Date) {
    const t = value.getTime();
    return isFinite(t) ? dateOfDayNumber(Math.floor((t + offsetMinutes * MINUTE) / DAY)) : null;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) {
    y = Number(m[1]); mo = Number(m[2]); d = Number(m[3]);
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text))) {
    d = Number(m[1]); mo = Number(m[2]); y = Number(m[3]);
  } else if ((m = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(text))) {
    const month = MONTHS_ID[m[2].toLowerCase()];
    if (!month) return null;
    d = Number(m[1]); mo = month; y = Number(m[3]);
  } else {
    return null;
  }
  const key = y + '-' + pad2(mo) + '-' + pad2(d);
  return dayNumberOfDate(key) === null ? null : key;
}

function parseOffset(text: string): number | null {
  const t = text.trim().toUpperCase();
  const named: Record<string, number> = { WIB: 420, WITA: 480, WIT: 540, 'ASIA/JAKARTA': 420, 'ASIA/PONTIANAK': 420, 'ASIA/MAKASSAR': 480, 'ASIA/JAYAPURA': 540 };
  if (Object.prototype.hasOwnProperty.call(named, t)) return named[t];
  const m = /^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return null;
  const h = Number(m[2]);
  const mi = m[3] ? Number(m[3]) : 0;
  if (h > 14 || mi > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

export type CalendarSettingsResult =
  | { ok: true; calendar: WorkCalendar; holidays: Holiday[] }
  | { ok: false; errors: string[] };

export interface CalendarSettingsOptions {
  /** Sheet row number of rows[0], for error messages (default 1). */
  firstRow?: number;
  /** Used for every part the rows do not set (default: defaultCalendar() and DEFAULT_HOLIDAYS). */
  fallback?: { calendar: WorkCalendar; holidays: readonly Holiday[] };
}

function cellText(value: unknown, offsetMinutes: number): string {
  if (value instanceof Date) return parseDateCell(value, offsetMinutes) || '';
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

/**
 * Read the calendar from the Pengaturan tab. Each row is [key, value, ...more cells] as getValues
 * returns it; the cells after the key are joined with " | ", so a row may keep everything in one
 * cell ("2026-03-20 | Cuti Bersama Idulfitri") or spread it over columns. Keys (case-insensitive):
 *
 *   Zona waktu        +07:00 | UTC+7 | WIB | WITA | WIT | Asia/Jakarta
 *   Jam kerja         Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30
 *   Jam kerja khusus  2026-02-19 s.d. 2026-03-20 | Ramadan 1447 H | Sen-Kam 08:00-12:00,12:30-15:00; Jum ...
 *   Libur             2026-03-20 | Cuti Bersama Idulfitri        (kind CB when the name says
 *                     "cuti bersama", else LN; an explicit "| CB" or "| LN" part overrides)
 *
 * Other keys are ignored (the tab holds other settings too). A part with no row at all (no
 * "Jam kerja", no "Libur" rows, no "Jam kerja khusus" rows) comes from the fallback.
 * Returns a validated calendar, or every problem as an Indonesian message with its row number.
 */
export function parseCalendarSettings(rows: ReadonlyArray<ReadonlyArray<unknown>>, options: CalendarSettingsOptions = {}): CalendarSettingsResult {
  const firstRow = options.firstRow === undefined ? 1 : options.firstRow;
  const fallback = options.fallback || { calendar: defaultCalendar(), holidays: DEFAULT_HOLIDAYS };
  const errors: string[] = [];
  let offset: number | null = null;
  let week: WeekHours | null = null;
  const holidays: Holiday[] = [];
  let sawHolidayRow = false;
  const special: SpecialPeriod[] = [];
  let sawSpecialRow = false;

  // The offset is needed to read Date cells, so find it first.
  for (let i = 0; i < rows.length; i++) {
    const key = cellText(rows[i][0], 0).toLowerCase().replace(/:$/, '').trim();
    if (key !== 'zona waktu' && key !== 'utc offset') continue;
    const value = cellText(rows[i][1], 0);
    const parsed = parseOffset(value);
    if (parsed === null) errors.push('Baris ' + (firstRow + i) + ': zona waktu "' + value + '" tidak dikenal; tulis WIB, WITA, WIT atau selisih dari UTC seperti +07:00.');
    else offset = parsed;
  }
  const off: number = offset === null ? fallback.calendar.utcOffsetMinutes : offset;

  rows.forEach((row, i) => {
    const at = 'Baris ' + (firstRow + i) + ': ';
    const key = cellText(row[0], off).toLowerCase().replace(/:$/, '').trim();
    const parts: string[] = [];
    for (let c = 1; c < row.length; c++) {
      for (const p of cellText(row[c], off).split('|')) if (p.trim() !== '') parts.push(p.trim());
    }
    if (key === 'jam kerja') {
      const r = parseWeekHours(parts.join('; '));
      if (!r.ok) for (const e of r.errors) errors.push(at + e);
      else if (week) errors.push(at + 'baris "Jam kerja" ada lebih dari satu; simpan satu baris saja.');
      else week = r.week;
    } else if (key === 'libur') {
      sawHolidayRow = true;
      const date = parts.length ? parseDateCell(parts[0], off) : null;
      if (!date) {
        errors.push(at + 'tanggal libur "' + (parts[0] || '') + '" tidak valid; tulis misalnya "2026-03-20 | Cuti Bersama Idulfitri".');
        return;
      }
      let kind: HolidayKind | null = null;
      const nameParts: string[] = [];
      for (const p of parts.slice(1)) {
        if (/^(LN|CB)$/i.test(p)) kind = p.toUpperCase() as HolidayKind;
        else nameParts.push(p);
      }
      const name = nameParts.join(' ') || 'Libur';
      holidays.push({ date, name, kind: kind || (/cuti\s*bersama/i.test(name) ? 'CB' : 'LN') });
    } else if (key === 'jam kerja khusus') {
      sawSpecialRow = true;
      const dates: string[] = [];
      let hoursText: string | null = null;
      const nameParts: string[] = [];
      for (const p of parts) {
        const range = p.split(/\s+(?:s\.?d\.?|sampai|hingga)\s+|\s*\.\.\s*|\s+[-\u2013\u2014]\s+/i);
        const asDates = range.map((r) => parseDateCell(r, off));
        if (range.length <= 2 && asDates.every((d) => d !== null)) {
          for (const d of asDates) if (d) dates.push(d);
        } else if (/\d{1,2}[:.]\d{2}\s*[-\u2013\u2014]/.test(p)) {
          hoursText = hoursText === null ? p : hoursText + '; ' + p;
        } else {
          nameParts.push(p);
        }
      }
      if (dates.length !== 2) {
        errors.push(at + 'jam kerja khusus perlu tanggal awal dan akhir, misalnya "2026-02-19 s.d. 2026-03-20 | Ramadan | Sen-Kam 08:00-12:00,12:30-15:00; Jum 08:00-11:30,12:30-15:30".');
        return;
      }
      if (dates[0] > dates[1]) {
        errors.push(at + 'tanggal awal ' + dates[0] + ' setelah tanggal akhir ' + dates[1] + '; tukar urutannya.');
        return;
      }
      if (hoursText === null) {
        errors.push(at + 'jam kerja khusus tidak berisi jam; tambahkan misalnya "Sen-Kam 08:00-12:00,12:30-15:00".');
        return;
      }
      const r = parseWeekHours(hoursText);
      if (!r.ok) {
        for (const e of r.errors) errors.push(at + e);
        return;
      }
      const name = nameParts.join(' ');
      special.push(name ? { from: dates[0], to: dates[1], name, week: r.week } : { from: dates[0], to: dates[1], week: r.week });
    }
  });

  for (let i = 0; i < special.length; i++) {
    for (let j = 0; j < i; j++) {
      if (special[i].from <= special[j].to && special[j].from <= special[i].to) {
        errors.push('Jam kerja khusus ' + special[j].from + ' s.d. ' + special[j].to + ' dan ' + special[i].from + ' s.d. ' + special[i].to + ' tumpang tindih; perbaiki tanggalnya.');
      }
    }
  }
  if (errors.length) return { ok: false, errors };

  const finalHolidays = sawHolidayRow ? dedupeHolidays(holidays) : fallback.holidays.slice();
  const calendar: WorkCalendar = {
    utcOffsetMinutes: off,
    week: week || fallback.calendar.week,
    holidays: new Set(finalHolidays.map((h) => h.date)),
    special: sawSpecialRow ? special : (fallback.calendar.special || []).slice(),
  };
  const more = validateCalendar(calendar);
  return more.length ? { ok: false, errors: more } : { ok: true, calendar, holidays: finalHolidays };
}

function dedupeHolidays(list: Holiday[]): Holiday[] {
  const seen = new Set<string>();
  const out: Holiday[] = [];
  for (const h of list) {
    if (!seen.has(h.date)) {
      seen.add(h.date);
      out.push(h);
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Rows for the Pengaturan tab that parseCalendarSettings reads back to the same calendar. */
export function calendarSettingsRows(cal: WorkCalendar, holidays: readonly Holiday[]): string[][] {
  const off = cal.utcOffsetMinutes;
  const sign = off < 0 ? '-' : '+';
  const rows: string[][] = [['Zona waktu', sign + formatClock(Math.abs(off))], ['Jam kerja', formatWeekHours(cal.week)]];
  for (const sp of cal.special || []) {
    rows.push(['Jam kerja khusus', sp.from + ' s.d. ' + sp.to + (sp.name ? ' | ' + sp.name : '') + ' | ' + formatWeekHours(sp.week)]);
  }
  for (const h of holidays) rows.push(['Libur', h.date + ' | ' + h.name + ' | ' + h.kind]);
  return rows;
}
