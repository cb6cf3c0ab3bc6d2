/**
 * Time zones, number formats and typed-input parsing for the in-process Sheets model.
 *
 * Cells hold dates as epoch ms; Sheets thinks in "serial numbers" (days since 1899-12-30 on the
 * wall clock of the spreadsheet's time zone). Display follows Sheets' number-format patterns.
 */
import type { Cell } from './cell';

// ---------------------------------------------------------------- time zones

const offsetCache = new Map<string, Map<number, number>>();
const dtfCache = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter of an instant's calendar fields in `tz` (throws RangeError for an unknown zone). */
export function dtf(tz: string): Intl.DateTimeFormat {
  let f = dtfCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    dtfCache.set(tz, f);
  }
  return f;
}

/** Offset (ms) of the zone's wall clock from UTC at instant `ms`. */
export function zoneOffset(ms: number, tz: string): number {
  let byHour = offsetCache.get(tz);
  if (!byHour) offsetCache.set(tz, (byHour = new Map()));
  const bucket = Math.floor(ms / 3600000);
  const hit = byHour.get(bucket);
  if (hit !== undefined) return hit;
  const p: Record<string, string> = {};
  for (const part of dtf(tz).formatToParts(new Date(bucket * 3600000))) p[part.type] = part.value;
  let year = Number(p.year);
  if (p.era === 'BC' || p.era === 'B') year = 1 - year;
  const wall = Date.UTC(year, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const off = wall - bucket * 3600000;
  byHour.set(bucket, off);
  return off;
}

/** Instant -> wall-clock ms (read with getUTC* methods). */
export function toWall(ms: number, tz: string): number {
  return ms + zoneOffset(ms, tz);
}

/** Wall-clock ms in `tz` -> instant. */
export function fromWall(wall: number, tz: string): number {
  const guess = wall - zoneOffset(wall, tz);
  return wall - zoneOffset(guess, tz);
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

export function msToSerial(ms: number, tz: string): number {
  return Math.round(toWall(ms, tz) - SERIAL_EPOCH) / 86400000;
}

export function serialToMs(serial: number, tz: string): number {
  return fromWall(Math.round(serial * 86400000) + SERIAL_EPOCH, tz);
}

// ---------------------------------------------------------------- locales

export interface LocaleInfo {
  decimal: string;
  group: string;
  /** Day before month in numeric dates. */
  dayFirst: boolean;
  months: string[];
  monthsShort: string[];
  days: string[];
  daysShort: string[];
  dateDefault: string;
  dateTimeDefault: string;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ID_MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const ID_MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ID_DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const ID_DAYS_SHORT = ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'];

const EN_US: LocaleInfo = {
  decimal: '.',
  group: ',',
  dayFirst: false,
  months: EN_MONTHS,
  monthsShort: EN_MONTHS.map((m) => m.slice(0, 3)),
  days: EN_DAYS,
  daysShort: EN_DAYS.map((d) => d.slice(0, 3)),
  dateDefault: 'M/d/yyyy',
  dateTimeDefault: 'M/d/yyyy H:mm:ss',
};
const EN_GB: LocaleInfo = { ...EN_US, dayFirst: true, dateDefault: 'dd/MM/yyyy', dateTimeDefault: 'dd/MM/yyyy HH:mm:ss' };
const ID_ID: LocaleInfo = {
  decimal: ',',
  group: '.',
  dayFirst: true,
  months: ID_MONTHS,
  monthsShort: ID_MONTHS_SHORT,
  days: ID_DAYS,
  daysShort: ID_DAYS_SHORT,
  dateDefault: 'd/M/yyyy',
  dateTimeDefault: 'd/M/yyyy H:mm:ss',
};

/** Indonesian is 'id_ID' (Sheets also accepts the legacy 'in_ID'). */
export function isIndonesian(locale: string): boolean {
  return /^(id|in)(_|-|$)/i.test(locale);
}

const localeCache = new Map<string, LocaleInfo>();

export function localeInfo(locale: string): LocaleInfo {
  let info = localeCache.get(locale);
  if (!info) {
    info = isIndonesian(locale) ? ID_ID : /^en_(GB|AU|NZ|IE|IN|ZA|SG)/i.test(locale) ? EN_GB : EN_US;
    localeCache.set(locale, info);
  }
  return info;
}

// ---------------------------------------------------------------- number formats

type DateToken =
  | { t: 'lit'; s: string }
  | { t: 'y' | 'm' | 'd' | 'h' | 's'; n: number }
  | { t: 'ampm'; short: boolean }
  | { t: 'frac'; n: number };

interface ParsedFormat {
  kind: 'text' | 'date' | 'number' | 'general';
  tokens?: DateToken[];
  sections?: string[];
}

const formatCache = new Map<string, ParsedFormat>();

function stripLiterals(p: string): string {
  return p.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

export function parseFormat(pattern: string | null | undefined): ParsedFormat {
  if (!pattern) return { kind: 'general' };
  let f = formatCache.get(pattern);
  if (f) return f;
  const bare = stripLiterals(pattern);
  if (pattern === '@' || (bare.includes('@') && !/[0#?]/.test(bare))) f = { kind: 'text' };
  else if (/^general$/i.test(pattern.trim()) || /^0\.#+$/.test(pattern)) f = { kind: 'general' };
  else if (/[ydhs]|m/i.test(bare.replace(/am\/pm|a\/p/gi, 'A')) && !/^[#0?,.%\s]*$/.test(bare)) f = { kind: 'date', tokens: tokenizeDate(pattern) };
  else f = { kind: 'number', sections: splitSections(pattern) };
  formatCache.set(pattern, f);
  return f;
}

export function isDateFormat(pattern: string | null | undefined): boolean {
  return parseFormat(pattern).kind === 'date';
}

export function isNumberFormat(pattern: string | null | undefined): boolean {
  return parseFormat(pattern).kind === 'number';
}

function splitSections(p: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '"') q = !q;
    if (ch === ';' && !q) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function tokenizeDate(p: string): DateToken[] {
  const toks: DateToken[] = [];
  let i = 0;
  while (i < p.length) {
    const ch = p[i];
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = p.indexOf('"', i + 1);
      toks.push({ t: 'lit', s: p.slice(i + 1, end < 0 ? p.length : end) });
      i = end < 0 ? p.length : end + 1;
    } else if (ch === '\\') {
      toks.push({ t: 'lit', s: p[i + 1] ?? '' });
      i += 2;
    } else if (ch === '[') {
      const end = p.indexOf(']', i);
      i = end < 0 ? p.length : end + 1;
    } else if (/^am\/pm/i.test(p.slice(i, i + 5))) {
      toks.push({ t: 'ampm', short: false });
      i += 5;
    } else if (/^a\/p/i.test(p.slice(i, i + 3))) {
      toks.push({ t: 'ampm', short: true });
      i += 3;
    } else if ('ymdhs'.includes(lower)) {
      let n = 0;
      while (i < p.length && p[i].toLowerCase() === lower) {
        n++;
        i++;
      }
      toks.push({ t: lower as 'y' | 'm' | 'd' | 'h' | 's', n });
    } else if (ch === '.' && p[i + 1] === '0' && toks.length && toks[toks.length - 1].t === 's') {
      let n = 0;
      i++;
      while (p[i] === '0') {
        n++;
        i++;
      }
      toks.push({ t: 'frac', n });
    } else {
      toks.push({ t: 'lit', s: ch });
      i++;
    }
  }
  // m after an hour or before seconds means minutes.
  const fields = toks.filter((t) => t.t !== 'lit');
  for (let k = 0; k < fields.length; k++) {
    const t = fields[k];
    if (t.t !== 'm' || t.n > 2) continue;
    const prev = fields[k - 1];
    const next = fields[k + 1];
    if ((prev && prev.t === 'h') || (next && next.t === 's')) (t as { t: string }).t = 'min';
  }
  return toks;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function formatWall(wall: number, tokens: DateToken[], loc: LocaleInfo): string {
  const d = new Date(wall);
  const hasAmPm = tokens.some((t) => t.t === 'ampm');
  let out = '';
  for (const t of tokens) {
    switch (t.t as string) {
      case 'lit':
        out += (t as { s: string }).s;
        break;
      case 'y': {
        const n = (t as { n: number }).n;
        out += n <= 2 ? pad(d.getUTCFullYear() % 100) : String(d.getUTCFullYear());
        break;
      }
      case 'm': {
        const n = (t as { n: number }).n;
        const m = d.getUTCMonth();
        out += n === 1 ? String(m + 1) : n === 2 ? pad(m + 1) : n === 3 ? loc.monthsShort[m] : n === 5 ? loc.months[m][0] : loc.months[m];
        break;
      }
      case 'min':
        out += (t as { n: number }).n === 1 ? String(d.getUTCMinutes()) : pad(d.getUTCMinutes());
        break;
      case 'd': {
        const n = (t as { n: number }).n;
        out += n === 1 ? String(d.getUTCDate()) : n === 2 ? pad(d.getUTCDate()) : n === 3 ? loc.daysShort[d.getUTCDay()] : loc.days[d.getUTCDay()];
        break;
      }
      case 'h': {
        let h = d.getUTCHours();
        if (hasAmPm) h = h % 12 === 0 ? 12 : h % 12;
        out += (t as { n: number }).n === 1 ? String(h) : pad(h);
        break;
      }
      case 's':
        out += (t as { n: number }).n === 1 ? String(d.getUTCSeconds()) : pad(d.getUTCSeconds());
        break;
      case 'frac':
        out += loc.decimal + pad(d.getUTCMilliseconds(), 3).slice(0, (t as { n: number }).n);
        break;
      case 'ampm': {
        const pm = d.getUTCHours() >= 12;
        out += (t as { short: boolean }).short ? (pm ? 'P' : 'A') : pm ? 'PM' : 'AM';
        break;
      }
    }
  }
  return out;
}

function unquote(s: string): string {
  return s
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/\[\$([^\]-]*)[^\]]*\]/g, '$1')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, ' ')
    .replace(/\*./g, '');
}

function groupDigits(int: string, sep: string): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += sep;
    out += int[i];
  }
  return out;
}

function formatWithSection(x: number, sec: string, loc: LocaleInfo, withSign: boolean): string {
  // Find the numeric core outside quoted literals.
  let start = -1;
  let end = -1;
  let q = false;
  for (let i = 0; i < sec.length; i++) {
    const ch = sec[i];
    if (ch === '"') q = !q;
    else if (!q && ch === '\\') i++;
    else if (!q && /[0#?]/.test(ch)) {
      if (start < 0) start = i;
      end = i;
    } else if (!q && (ch === '.' || ch === ',') && start >= 0) end = Math.max(end, i);
    else if (!q && ch === '.' && start < 0 && /[0#?]/.test(sec[i + 1] ?? '')) start = i;
  }
  if (start < 0) return unquote(sec);
  const core = sec.slice(start, end + 1);
  let prefix = unquote(sec.slice(0, start));
  let suffix = unquote(sec.slice(end + 1));
  const pct = (stripLiterals(sec).match(/%/g) ?? []).length;
  let v = Math.abs(x) * Math.pow(100, pct);
  // Trailing commas scale by 1000.
  let scaleCommas = 0;
  let c = core;
  while (c.endsWith(',')) {
    scaleCommas++;
    c = c.slice(0, -1);
  }
  v /= Math.pow(1000, scaleCommas);
  const dot = c.indexOf('.');
  const intPat = dot < 0 ? c : c.slice(0, dot);
  const decPat = dot < 0 ? '' : c.slice(dot + 1).replace(/,/g, '');
  const decimals = (decPat.match(/[0#?]/g) ?? []).length;
  const minDecimals = (decPat.match(/0/g) ?? []).length;
  const minInt = (intPat.match(/0/g) ?? []).length;
  const grouping = intPat.includes(',');
  let [int, dec = ''] = v.toFixed(decimals).split('.');
  while (dec.length > minDecimals && dec.endsWith('0')) dec = dec.slice(0, -1);
  if (int === '0' && minInt === 0) int = '';
  if (int.length < minInt) int = int.padStart(minInt, '0');
  if (grouping) int = groupDigits(int, loc.group);
  const negative = withSign && x < 0 && Number(int.replace(/\D/g, '') + dec) !== 0;
  const body = int + (dec || (decPat.length && minDecimals) ? loc.decimal + dec : '');
  if (prefix.endsWith(' ') && prefix.trim() === '') prefix = '';
  suffix = suffix.replace(/\s+$/, (s) => (s.length && !suffix.trim() ? '' : s));
  return (negative ? '-' : '') + prefix + body + suffix;
}

/** A number as Sheets shows it without a format ("General"). */
export function formatGeneral(x: number, loc: LocaleInfo): string {
  if (!isFinite(x)) return '#NUM!';
  let s: string;
  if (x !== 0 && (Math.abs(x) >= 1e15 || Math.abs(x) < 1e-9)) {
    s = x.toExponential(5).replace(/\.?0+e/, 'e').toUpperCase().replace(/E([+-])(\d)$/, 'E$10$2');
  } else if (Number.isInteger(x)) s = String(x);
  else s = String(parseFloat(x.toFixed(10)));
  return loc.decimal === '.' ? s : s.replace('.', loc.decimal);
}

export function formatNumber(x: number, pattern: string, loc: LocaleInfo, tz: string): string {
  const f = parseFormat(pattern);
  if (f.kind === 'general' || f.kind === 'text') return formatGeneral(x, loc);
  if (f.kind === 'date') return formatWall(Math.round(x * 86400000) + SERIAL_EPOCH, f.tokens ?? [], loc);
  const secs = f.sections ?? [pattern];
  if (x < 0 && secs.length > 1) return formatWithSection(x, secs[1], loc, false);
  if (x === 0 && secs.length > 2) return formatWithSection(x, secs[2], loc, false);
  void tz;
  return formatWithSection(x, secs[0], loc, true);
}

export function formatDate(ms: number, pattern: string | null | undefined, loc: LocaleInfo, tz: string): string {
  const f = parseFormat(pattern);
  if (f.kind === 'date') return formatWall(toWall(ms, tz), f.tokens ?? [], loc);
  if (f.kind === 'number') return formatNumber(msToSerial(ms, tz), pattern as string, loc, tz);
  const wall = toWall(ms, tz);
  const midnight = wall % 86400000 === 0;
  if (wall >= SERIAL_EPOCH && wall < SERIAL_EPOCH + 86400000 && !midnight) {
    return formatWall(wall, parseFormat('H:mm:ss').tokens ?? [], loc);
  }
  return formatWall(wall, parseFormat(midnight ? loc.dateDefault : loc.dateTimeDefault).tokens ?? [], loc);
}

/** The text Sheets shows for a stored cell under a number format. */
export function displayCell(cell: Cell | undefined, pattern: string | null | undefined, loc: LocaleInfo, tz: string): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return pattern ? formatNumber(cell, pattern, loc, tz) : formatGeneral(cell, loc);
  if ('$d' in cell) return formatDate(cell.$d, pattern, loc, tz);
  return displayCell(cell.v ?? null, pattern, loc, tz);
}

// ---------------------------------------------------------------- typed input

export interface ParsedInput {
  value: Cell;
  /** The number format Sheets applies when the cell had none (typed dates, percents). */
  format?: string;
}

const EN_MONTH_INDEX = new Map<string, number>();
for (const list of [EN_MONTHS, ID_MONTHS, ID_MONTHS_SHORT, EN_MONTHS.map((m) => m.slice(0, 3))]) {
  list.forEach((m, i) => EN_MONTH_INDEX.set(m.toLowerCase(), i));
}
for (const [k, i] of [['sept', 8], ['agt', 7], ['nop', 10]] as const) EN_MONTH_INDEX.set(k, i);

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const ISO_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/;
const NUMERIC_DATE_RE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?: (\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/;
const DAY_MONTH_RE = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/;
const MONTH_DAY_RE = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i;
const EN_NUM_RE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;
const ID_NUM_RE = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)?(?:,\d+)?(?:[eE][+-]?\d+)?%?$/;

function dateCell(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): Cell {
  return { $d: fromWall(Date.UTC(y, mo - 1, d, h, mi, s), tz) };
}

/**
 * A typed amount with the locale's currency symbol ($1,234.50 in en_US, Rp1.000 in id_ID; a
 * leading minus or parentheses make it negative): the number, with a currency format.
 */
function parseCurrency(t: string, loc: LocaleInfo): ParsedInput | undefined {
  const id = loc.decimal === ',';
  const m = (id ? /^(-)?\(?\s*Rp\s?(-)?([0-9.,]+)\)?$/i : /^(-)?\(?\s*\$\s?(-)?([0-9.,]+)\)?$/).exec(t);
  if (!m) return undefined;
  const numRe = id ? ID_NUM_RE : EN_NUM_RE;
  if (!numRe.test(m[3]) || !/\d/.test(m[3])) return undefined;
  const parens = t.includes('(') !== t.includes(')') ? undefined : t.includes('(');
  if (parens === undefined) return undefined;
  const plain = id ? m[3].replace(/\./g, '').replace(',', '.') : m[3].replace(/,/g, '');
  const n = Number(plain);
  if (isNaN(n)) return undefined;
  const negative = !!m[1] || !!m[2] || parens;
  const decimals = plain.includes('.');
  const symbol = id ? 'Rp' : '$';
  return { value: negative ? -n : n, format: `"${symbol}"#,##0${decimals ? '.00' : ''}` };
}

/**
 * Parses text the way Sheets parses what a user types (and what setValue receives as a string):
 * formulas, a leading apostrophe, booleans, numbers and dates in the workbook's locale.
 */
export function parseInput(text: string, loc: LocaleInfo, tz: string): ParsedInput {
  if (text === '') return { value: null };
  const c0 = text.charCodeAt(0);
  if (c0 === 39 /* ' */) return { value: text.length > 1 ? text.slice(1) : null };
  if (c0 === 61 /* = */) return { value: { $f: text } };
  const t = text.trim();
  if (t === '') return { value: text };
  const money = parseCurrency(t, loc);
  if (money) return money;
  const first = t[0];
  if (/[0-9+\-.,]/.test(first)) {
    const numRe = loc.decimal === ',' ? ID_NUM_RE : EN_NUM_RE;
    if (/\d/.test(t) && numRe.test(t)) {
      let s = t;
      const pct = s.endsWith('%');
      if (pct) s = s.slice(0, -1);
      s = loc.decimal === ',' ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
      const n = Number(s);
      if (!isNaN(n)) {
        if (!pct) return { value: n };
        const decs = (s.split('.')[1] ?? '').replace(/e.*/i, '').length;
        return { value: n / 100, format: decs ? `0.${'0'.repeat(decs)}%` : '0%' };
      }
    }
    let m = ISO_RE.exec(t);
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (validDate(y, mo, d)) {
        const timed = m[4] !== undefined;
        return {
          value: dateCell(y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), tz),
          format: timed ? 'yyyy-mm-dd H:mm:ss' : 'yyyy-mm-dd',
        };
      }
    }
    m = NUMERIC_DATE_RE.exec(t);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      let y = Number(m[3]);
      if (m[3].length === 2) y += y < 30 ? 2000 : 1900;
      const [d, mo] = loc.dayFirst ? [a, b] : [b, a];
      if (validDate(y, mo, d)) return { value: dateCell(y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), tz) };
    }
    m = TIME_RE.exec(t);
    if (m) {
      let h = Number(m[1]);
      const mi = Number(m[2]);
      const s = Number(m[3] ?? 0);
      const ap = m[4]?.toLowerCase().replace(/\./g, '');
      if (ap === 'pm' && h < 12) h += 12;
      if (ap === 'am' && h === 12) h = 0;
      if (h < 24 && mi < 60 && s < 60) {
        return { value: dateCell(1899, 12, 30, h, mi, s, tz), format: ap ? 'h:mm:ss am/pm' : 'H:mm:ss' };
      }
    }
    m = DAY_MONTH_RE.exec(t);
    if (m) {
      const mo = EN_MONTH_INDEX.get(m[2].toLowerCase());
      if (mo !== undefined && validDate(Number(m[3]), mo + 1, Number(m[1]))) {
        return { value: dateCell(Number(m[3]), mo + 1, Number(m[1]), 0, 0, 0, tz), format: m[2].length > 3 ? 'd mmmm yyyy' : 'd mmm yyyy' };
      }
    }
    return { value: text };
  }
  if (t.length <= 5 && /^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  if (t.length <= 24 && /^[A-Za-z]/.test(t)) {
    const m = MONTH_DAY_RE.exec(t);
    if (m) {
      const mo = EN_MONTH_INDEX.get(m[1].toLowerCase());
      if (mo !== undefined && validDate(Number(m[3]), mo + 1, Number(m[2]))) {
        return { value: dateCell(Number(m[3]), mo + 1, Number(m[2]), 0, 0, 0, tz), format: m[1].length > 3 ? 'mmmm d, yyyy' : 'mmm d, yyyy' };
      }
    }
  }
  return { value: text };
}
