/**
 * Loose date reading for analytics exports. Returns 'YYYY-MM-DD', null (empty cell), 'invalid',
 * or 'needs-year' (a date without a year and no period to take it from).
 *
 * Accepted shapes (a time after the date is ignored unless it carries a UTC offset):
 * - ISO: 2025-09-20, 2025-09-20T00:00:00, 2025-09-20 21:13, 2025/09/20.
 *   With an offset ('Z', '+0000', '+07:00'), the instant is converted to Asia/Jakarta (UTC+7, no DST):
 *   X's classic "2021-03-01 20:00 +0000" is 2021-03-02 in Jakarta.
 * - Slashes: 09/01/2025 21:13 is month/day/year (Meta) unless `slashOrder: 'dmy'`; when one of the
 *   first two numbers is above 12 the order follows from it. Dashes and dots work the same (01.09.2025).
 * - Month names, English or Indonesian, full or short, any case: "Sep 27, 2024", "Sun, Nov 9, 2025",
 *   "November 9 2025", "27 Sep 2024", "5 Januari 2026", "Minggu, 9 November 2025", "18 Agustus".
 * - Without a year ("August 18", "18 Agustus"): the year comes from `period` ('YYYY-MM'): the
 *   period's year, or the year before when the month is after the period's month (an export for
 *   January 2026 that shows "December 30" means 2025-12-30). With `referenceDate`, the year that
 *   puts the date nearest to that day instead.
 */

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, januari: 1,
  february: 2, feb: 2, februari: 2, pebruari: 2, peb: 2,
  march: 3, mar: 3, maret: 3,
  april: 4, apr: 4,
  may: 5, mei: 5,
  june: 6, jun: 6, juni: 6,
  july: 7, jul: 7, juli: 7,
  august: 8, aug: 8, agustus: 8, agu: 8, agt: 8, ags: 8, agus: 8,
  september: 9, sep: 9, sept: 9,
  october: 10, oct: 10, oktober: 10, okt: 10,
  november: 11, nov: 11, nop: 11, nopember: 11,
  december: 12, dec: 12, desember: 12, des: 12,
};

export function monthFromName(name: string): number | null {
  const key = name.toLowerCase().replace(/\.$/, '');
  return Object.prototype.hasOwnProperty.call(MONTHS, key) ? MONTHS[key] : null;
}

export interface DateOptions {
  /** 'YYYY-MM' to take the year from when the text has none. */
  period?: string;
  /** How to read 01/02/2025; default 'mdy' (Meta, YouTube and X write month first). */
  slashOrder?: 'mdy' | 'dmy';
  /**
   * 'YYYY-MM-DD' known to be near the date (TikTok: the day encoded in the video ID). A date without
   * a year then takes the year that puts it nearest to this day; it wins over `period`.
   */
  referenceDate?: string;
}

export type DateResult = string | null | 'invalid' | 'needs-year';

function pad(n: number, width = 2): string {
  let s = String(n);
  while (s.length < width) s = `0${s}`;
  return s;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ymd(year: number, month: number, day: number): string | 'invalid' {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return 'invalid';
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const PERIOD = /^(\d{4})-(\d{2})$/;

export function isPeriod(text: string): boolean {
  const m = PERIOD.exec(text);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function nearestYear(month: number, day: number, reference: string): DateResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(reference);
  if (!m) return 'needs-year';
  const ref = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let best: string | 'invalid' = 'invalid';
  let bestDist = Infinity;
  for (const y of [Number(m[1]) - 1, Number(m[1]), Number(m[1]) + 1]) {
    const d = ymd(y, month, day);
    if (d === 'invalid') continue;
    const dist = Math.abs(Date.UTC(y, month - 1, day) - ref);
    if (dist < bestDist) {
      best = d;
      bestDist = dist;
    }
  }
  return best;
}

function withPeriodYear(month: number, day: number, period: string | undefined, reference?: string): DateResult {
  if (reference) return nearestYear(month, day, reference);
  if (!period || !isPeriod(period)) return 'needs-year';
  const m = PERIOD.exec(period) as RegExpExecArray;
  const py = Number(m[1]);
  const pm = Number(m[2]);
  let year = month > pm ? py - 1 : py;
  // 29 February in a non-leap year: the leap year before is the only sensible reading.
  if (month === 2 && day === 29 && daysIn(year, 2) === 28) year -= 1;
  return ymd(year, month, day);
}

const JAKARTA_OFFSET_MIN = 7 * 60;

function isoWithOffset(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: string): string | 'invalid' {
  if (ymd(y, mo, d) === 'invalid' || h > 23 || mi > 59 || s > 60) return 'invalid';
  let offMin = 0;
  if (offset !== 'Z' && offset !== 'z') {
    const om = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
    if (!om) return 'invalid';
    offMin = (om[1] === '-' ? -1 : 1) * (Number(om[2]) * 60 + Number(om[3]));
  }
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - offMin * 60000;
  const local = new Date(utc + JAKARTA_OFFSET_MIN * 60000);
  return ymd(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
}

export function parseDateLoose(text: string | null | undefined, options: DateOptions = {}): DateResult {
  if (text === null || text === undefined) return null;
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '' || s === '-' || /^undefined$/i.test(s)) return null;

  // ISO date, optional time and offset.
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s?(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[7]) return isoWithOffset(y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), m[7]);
    return ymd(y, mo, d);
  }

  // Numeric day/month/year with a time or AM/PM after it.
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T,]+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?: ?[AaPp][Mm])?)?$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    let year = Number(m[3]);
    if (m[3].length === 2) year += 2000;
    let order = options.slashOrder ?? 'mdy';
    if (a > 12 && b <= 12) order = 'dmy';
    else if (b > 12 && a <= 12) order = 'mdy';
    return order === 'mdy' ? ymd(year, a, b) : ymd(year, b, a);
  }

  // Month names. Drop a leading weekday ("Sun, ", "Minggu, ") and a trailing time.
  let rest = s.replace(/^[A-Za-z]+\.?,\s*/, (w) => (monthFromName(w.replace(/[.,\s]/g, '')) ? w : ''));
  rest = rest.replace(/(?:,?\s*(?:at|pukul|pkl\.?)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s?[AaPp][Mm])?(?:\s?(?:WIB|UTC|GMT))?)$/, '');
  // "Sep 27, 2024" / "Nov 9 2025" / "August 18"
  m = /^([A-Za-z]+)\.?\s(\d{1,2})(?:st|nd|rd|th)?(?:,?\s(\d{4}))?$/.exec(rest);
  if (m) {
    const month = monthFromName(m[1]);
    if (month === null) return 'invalid';
    const day = Number(m[2]);
    return m[3] ? ymd(Number(m[3]), month, day) : withPeriodYear(month, day, options.period, options.referenceDate);
  }
  // "27 Sep 2024" / "5 Januari 2026" / "18 Agustus" / "27-Sep-2024"
  m = /^(\d{1,2})[\s-]([A-Za-z]+)\.?(?:[\s,-]+(\d{4}))?$/.exec(rest);
  if (m) {
    const month = monthFromName(m[2]);
    if (month === null) return 'invalid';
    const day = Number(m[1]);
    return m[3] ? ymd(Number(m[3]), month, day) : withPeriodYear(month, day, options.period, options.referenceDate);
  }
  return 'invalid';
}
