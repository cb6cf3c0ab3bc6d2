/**
 * Utilities: date formatting (Java SimpleDateFormat patterns), sprintf-like formatString, digests
 * and HMAC signatures (signed bytes, -128..127, as Apps Script returns them), base64, CSV parsing,
 * blobs, UUIDs, zip/unzip and sleep (modeled time only).
 *
 * Also exports small helpers other sandbox services share: time-zone arithmetic and values made in
 * the script's realm.
 */
import { dtf } from './spreadsheet/format';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { ServiceContext, ServiceModule } from '../service';
import { SandboxBlob } from './blob';

// ---------------------------------------------------------------------------------------------
// Time zones

export interface ZonedParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
  /** Offset from UTC in minutes (Asia/Jakarta: 420). */
  offsetMinutes: number;
}

/**
 * The offset in minutes of a Java custom time zone id ("GMT+7", "GMT+07:00", "GMT-0530"), as
 * java.util.TimeZone.getTimeZone parses them; undefined for anything else.
 */
export function fixedOffsetMinutes(tz: string): number | undefined {
  const m = /^GMT([+-])(\d{1,4})(?::(\d{2}))?$/.exec(tz);
  if (!m) return undefined;
  let hours: number;
  let minutes: number;
  if (m[3] !== undefined) {
    if (m[2].length > 2) return undefined;
    hours = Number(m[2]);
    minutes = Number(m[3]);
  } else if (m[2].length <= 2) {
    hours = Number(m[2]);
    minutes = 0;
  } else {
    hours = Math.floor(Number(m[2]) / 100);
    minutes = Number(m[2]) % 100;
  }
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const validZones = new Map<string, boolean>();

/** True when the zone is a Java custom id (GMT+7) or an IANA zone the host knows. */
export function isValidTimeZone(tz: string): boolean {
  let ok = validZones.get(tz);
  if (ok === undefined) {
    ok = fixedOffsetMinutes(tz) !== undefined;
    if (!ok && !/^[+-]/.test(tz)) {
      try {
        dtf(tz);
        ok = true;
      } catch {
        ok = false;
      }
    }
    if (validZones.size > 1000) validZones.clear();
    validZones.set(tz, ok);
  }
  return ok;
}

/**
 * Calendar fields of an instant in a time zone. Unknown zones count as GMT, as
 * java.util.TimeZone.getTimeZone silently returns GMT for an id it does not know.
 */
export function zonedParts(ms: number, tz: string): ZonedParts {
  const fixed = fixedOffsetMinutes(tz);
  if (fixed !== undefined) return partsAt(ms, fixed);
  const zone = isValidTimeZone(tz) ? tz : 'UTC';
  const offsetMs = zoneOffsetMs(ms, zone);
  return partsAt(ms, Math.round(offsetMs / 60000), offsetMs);
}

/** The fields of `ms` shifted by an offset (minutes; `offsetMs` when the zone gives it in ms). */
function partsAt(ms: number, offsetMinutes: number, offsetMs = offsetMinutes * 60000): ZonedParts {
  const d = new Date(ms + offsetMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes,
  };
}

/**
 * Offsets by zone: per week when the offset is the same at both ends of the week (zones change
 * offset at most a few times a year), else per quarter hour (offsets and their changes fall on
 * whole quarter hours).
 */
const weekCache = new Map<string, Map<number, number | null>>();
const quarterCache = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 15 * 60000;
const WEEK = 7 * 86400000;

/** The offset from UTC in ms of an IANA zone at an instant, as Intl computes it (to the second). */
function intlOffsetMs(at: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of dtf(zone).formatToParts(new Date(at))) {
    if (p.type !== 'literal' && p.type !== 'era') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - at;
}

function cacheFor<V>(caches: Map<string, Map<number, V>>, zone: string): Map<number, V> {
  let c = caches.get(zone);
  if (!c) caches.set(zone, (c = new Map()));
  if (c.size > 100_000) c.clear();
  return c;
}

function zoneOffsetMs(ms: number, zone: string): number {
  const weeks = cacheFor(weekCache, zone);
  const week = Math.floor(ms / WEEK);
  let steady = weeks.get(week);
  if (steady === undefined) {
    const start = intlOffsetMs(week * WEEK, zone);
    steady = start === intlOffsetMs((week + 1) * WEEK - QUARTER_HOUR, zone) ? start : null;
    weeks.set(week, steady);
  }
  if (steady !== null) return steady;
  const quarters = cacheFor(quarterCache, zone);
  const q = Math.floor(ms / QUARTER_HOUR);
  let off = quarters.get(q);
  if (off === undefined) {
    off = intlOffsetMs(q * QUARTER_HOUR, zone);
    quarters.set(q, off);
  }
  return off;
}

/** The instant of a wall-clock time in a time zone (month 1-12; fields may overflow, as Date.UTC's do). */
export function zonedToEpoch(tz: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const fixed = fixedOffsetMinutes(tz);
  if (fixed !== undefined) return Date.UTC(year, month - 1, day, hour, minute, second, ms) - fixed * 60000;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const first = utc - zonedParts(utc, tz).offsetMinutes * 60000;
  return utc - zonedParts(first, tz).offsetMinutes * 60000;
}

/** Days since 1970-01-01 of the calendar date of `ms` in `tz`. */
export function zonedDayNumber(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86400000);
}

/** 'YYYY-MM-DD' of `ms` in `tz`. */
export function zonedDateKey(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${p.year}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

/** Week of year as java.util.Calendar counts it in the US locale (weeks start on Sunday, week 1 holds Jan 1). */
export function weekOfYear(p: Pick<ZonedParts, 'year' | 'month' | 'day'>): number {
  const dayMs = Date.UTC(p.year, p.month - 1, p.day);
  const nextJan1 = Date.UTC(p.year + 1, 0, 1);
  const nextJan1Weekday = new Date(nextJan1).getUTCDay();
  // The days of the last week of December that share a week with next year's Jan 1 are week 1.
  if (nextJan1 - dayMs <= nextJan1Weekday * 86400000) return 1;
  const jan1 = Date.UTC(p.year, 0, 1);
  const jan1Weekday = new Date(jan1).getUTCDay();
  const dayOfYear = Math.round((dayMs - jan1) / 86400000);
  return Math.floor((dayOfYear + jan1Weekday) / 7) + 1;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Java's short names for zones whose English CLDR names are missing in Intl ("GMT+7"). */
const JAVA_ZONE_NAMES: Record<string, [string, string]> = {
  'Asia/Jakarta': ['WIB', 'West Indonesia Time'],
  'Asia/Pontianak': ['WIB', 'West Indonesia Time'],
  'Asia/Makassar': ['WITA', 'Central Indonesia Time'],
  'Asia/Jayapura': ['WIT', 'East Indonesia Time'],
  UTC: ['UTC', 'Coordinated Universal Time'],
  'Etc/UTC': ['UTC', 'Coordinated Universal Time'],
  GMT: ['GMT', 'Greenwich Mean Time'],
  'Etc/GMT': ['GMT', 'Greenwich Mean Time'],
};

function offsetText(offsetMinutes: number, colon: boolean): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const a = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(a / 60), 2)}${colon ? ':' : ''}${pad(a % 60, 2)}`;
}

function zoneName(ms: number, tz: string, long: boolean, offsetMinutes: number): string {
  if (fixedOffsetMinutes(tz) !== undefined) return `GMT${offsetText(offsetMinutes, true)}`;
  if (!isValidTimeZone(tz)) return long ? 'Greenwich Mean Time' : 'GMT';
  const known = JAVA_ZONE_NAMES[tz];
  if (known) return known[long ? 1 : 0];
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: long ? 'long' : 'short' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  if (!name || /^GMT[+-]/.test(name)) return `GMT${offsetText(offsetMinutes, true)}`;
  return name;
}

/** Formats an instant with a java.text.SimpleDateFormat pattern in a time zone (English names). */
export function formatDatePattern(ms: number, tz: string, pattern: string): string {
  const p = zonedParts(ms, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      // A quoted literal; inside it, '' is a quote.
      let j = i + 1;
      let lit = '';
      for (;;) {
        const close = pattern.indexOf("'", j);
        if (close === -1) throw new Error('Unterminated quote');
        lit += pattern.slice(j, close);
        if (pattern[close + 1] === "'") {
          lit += "'";
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      out += lit;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    out += field(c, n, p, ms, tz);
  }
  return out;
}

function field(c: string, n: number, p: ZonedParts, ms: number, tz: string): string {
  const dayOfYear = Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
  switch (c) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y':
      return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
    case 'M':
    case 'L':
      if (n >= 4) return MONTHS[p.month - 1];
      if (n === 3) return MONTHS[p.month - 1].slice(0, 3);
      return pad(p.month, n);
    case 'd':
      return pad(p.day, n);
    case 'D':
      return pad(dayOfYear, n);
    case 'E':
      return n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, n);
    case 'F':
      return pad(Math.floor((p.day - 1) / 7) + 1, n);
    case 'w':
      return pad(weekOfYear(p), n);
    case 'W': {
      const firstWeekday = new Date(Date.UTC(p.year, p.month - 1, 1)).getUTCDay();
      return pad(Math.floor((p.day - 1 + firstWeekday) / 7) + 1, n);
    }
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, n);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, n);
    case 'K':
      return pad(p.hour % 12, n);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
    case 'm':
      return pad(p.minute, n);
    case 's':
      return pad(p.second, n);
    case 'S':
      return pad(p.millisecond, n);
    case 'z':
      return zoneName(ms, tz, n >= 4, p.offsetMinutes);
    case 'Z':
      return offsetText(p.offsetMinutes, false);
    case 'X': {
      if (p.offsetMinutes === 0) return 'Z';
      if (n === 1) return offsetText(p.offsetMinutes, false).slice(0, 3);
      if (n === 2) return offsetText(p.offsetMinutes, false);
      if (n === 3) return offsetText(p.offsetMinutes, true);
      throw new Error('invalid ISO 8601 format: length=' + n);
    }
    default:
      throw new Error(`Illegal pattern character '${c}'`);
  }
}

// ---------------------------------------------------------------------------------------------
// formatString (sprintf-like, java.util.Formatter's common conversions)

export function formatJava(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(/%(\d+\$)?([-#+ 0,(]*)(\d+)?(\.\d+)?([a-zA-Z%])/g, (whole, pos: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    if (conv === 'n') return '\n';
    const index = pos ? Number(pos.slice(0, -1)) - 1 : next++;
    const arg = args[index];
    const precision = prec ? Number(prec.slice(1)) : undefined;
    let s: string;
    switch (conv) {
      case 's':
      case 'S':
        s = arg === null || arg === undefined ? 'null' : String(arg);
        if (precision !== undefined) s = s.slice(0, precision);
        if (conv === 'S') s = s.toUpperCase();
        break;
      case 'b':
      case 'B':
        s = String(arg !== null && arg !== undefined && arg !== false);
        break;
      case 'c':
        s = typeof arg === 'number' ? String.fromCharCode(arg) : String(arg).charAt(0);
        break;
      case 'd': {
        const v = Math.trunc(Number(arg));
        s = numberWithFlags(Math.abs(v).toString(), v < 0, flags);
        break;
      }
      case 'x':
      case 'X':
      case 'o': {
        const v = Math.trunc(Number(arg));
        const radix = conv === 'o' ? 8 : 16;
        s = (v < 0 ? (v >>> 0) : v).toString(radix);
        if (conv === 'X') s = s.toUpperCase();
        break;
      }
      case 'f':
      case 'e':
      case 'E':
      case 'g': {
        const v = Number(arg);
        const p = precision ?? 6;
        const body = conv === 'f' ? Math.abs(v).toFixed(p) : conv === 'g' ? String(Number(Math.abs(v).toPrecision(p || 1))) : Math.abs(v).toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
        s = numberWithFlags(conv === 'E' ? body.toUpperCase() : body, v < 0, flags);
        break;
      }
      default:
        return whole;
    }
    const w = width ? Number(width) : 0;
    if (s.length < w) {
      if (flags.includes('-')) s = s + ' '.repeat(w - s.length);
      else if (flags.includes('0') && /[dfeEgxXo]/.test(conv)) {
        const sign = /^[+\- ]/.test(s) ? s[0] : '';
        const rest = sign ? s.slice(1) : s;
        s = sign + '0'.repeat(w - s.length) + rest;
      } else s = ' '.repeat(w - s.length) + s;
    }
    return s;
  });
}

function numberWithFlags(digits: string, negative: boolean, flags: string): string {
  let body = digits;
  if (flags.includes(',')) {
    const [int, frac] = body.split('.');
    body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
  }
  if (negative) return flags.includes('(') ? `(${body})` : '-' + body;
  if (flags.includes('+')) return '+' + body;
  if (flags.includes(' ')) return ' ' + body;
  return body;
}

// ---------------------------------------------------------------------------------------------
// Bytes and realms

/** Java's signed bytes (-128..127) from a Buffer. */
export function signedBytes(buf: Buffer | Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** Bytes from a string (in a charset) or from a Byte[] (signed or unsigned numbers). */
export function toBuffer(data: unknown, charset?: unknown): Buffer {
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 255));
  if (data instanceof Uint8Array) return Buffer.from(data);
  const enc = typeof charset === 'string' && /ascii/i.test(charset) ? 'latin1' : 'utf8';
  return Buffer.from(String(data), enc);
}

/** A name for the type of an argument, as Apps Script prints them in signature errors. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (isDate(v)) return 'Date';
  if (Array.isArray(v)) return typeof v[0] === 'number' ? 'number[]' : 'Object[]';
  return 'Object';
}

/**
 * Throws an Error made in the script's realm (so `e instanceof Error` holds in script code), named
 * 'Exception' as Apps Script's service errors are.
 */
export function fail(ctx: ServiceContext, message: string, name = 'Exception'): never {
  const E = ctx.evalInScript('Error', 'sandbox-realm') as ErrorConstructor;
  const err = new E(message);
  err.name = name;
  throw err;
}

/** Apps Script's V8 message for arguments that match no overload of a method. */
export function signatureError(ctx: ServiceContext, method: string, args: unknown[]): never {
  return fail(ctx, `The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${method}.`);
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

interface Realm {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  JSON: JSON;
}
const realms = new WeakMap<ServiceContext, Realm>();

/** The script context's own Array, Object and JSON (so `instanceof Array` holds in script code). */
export function scriptRealm(ctx: ServiceContext): Realm {
  let r = realms.get(ctx);
  if (!r) {
    r = ctx.evalInScript('({ Array: Array, Object: Object, JSON: JSON })', 'sandbox-realm') as Realm;
    realms.set(ctx, r);
  }
  return r;
}

/** An array made in the script's realm. */
export function scriptArray<T>(ctx: ServiceContext, items: readonly T[]): T[] {
  return scriptRealm(ctx).Array.from(items);
}

/** A plain object made in the script's realm. */
export function scriptObject<T extends object>(ctx: ServiceContext, props: T): T {
  return Object.assign(scriptRealm(ctx).Object.create(scriptRealm(ctx).Object.prototype) as T, props);
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

export function parseCsvText(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  let rowHasContent = false;
  while (i < csv.length) {
    const c = csv[i];
    if (quoted) {
      if (c === '"') {
        if (csv[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      rowHasContent = true;
      i++;
    } else if (c === delimiter) {
      row.push(cell);
      cell = '';
      rowHasContent = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      rowHasContent = false;
      i += c === '\r' && csv[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += c;
      rowHasContent = true;
      i++;
    }
  }
  if (quoted) throw new Error('Could not parse text.');
  if (rowHasContent || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// zip

function zipBlobs(blobs: SandboxBlob[], name: string): SandboxBlob {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const b of blobs) {
    const fileName = Buffer.from(b.getName() ?? 'unknown', 'utf8');
    const data = b.buffer();
    const deflated = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    locals.push(local, fileName, deflated);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(deflated.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(fileName.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, fileName);
    offset += 30 + fileName.length + deflated.length;
  }
  const cenBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(blobs.length, 8);
  end.writeUInt16LE(blobs.length, 10);
  end.writeUInt32LE(cenBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return new SandboxBlob(Buffer.concat([...locals, cenBuf, end]), 'application/zip', name);
}

function unzipBlob(blob: SandboxBlob): SandboxBlob[] {
  const buf = blob.buffer();
  let endAt = -1;
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      endAt = i;
      break;
    }
  }
  if (endAt < 0) throw new Error('Invalid zip file.');
  const count = buf.readUInt16LE(endAt + 10);
  let at = buf.readUInt32LE(endAt + 16);
  const out: SandboxBlob[] = [];
  for (let k = 0; k < count; k++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const localAt = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    const data = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    if (!name.endsWith('/')) out.push(new SandboxBlob(data, null, name));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The service

export const Charset = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' });
export const DigestAlgorithm = Object.freeze({ MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' });
export const MacAlgorithm = Object.freeze({ HMAC_MD5: 'HMAC_MD5', HMAC_SHA_1: 'HMAC_SHA_1', HMAC_SHA_256: 'HMAC_SHA_256', HMAC_SHA_384: 'HMAC_SHA_384', HMAC_SHA_512: 'HMAC_SHA_512' });
const HASHES: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

/** Utilities.sleep's documented maximum. */
export const MAX_SLEEP_MS = 300000;

function asBlob(v: unknown): SandboxBlob | undefined {
  if (v instanceof SandboxBlob) return v;
  if (v && typeof (v as { getBlob?: unknown }).getBlob === 'function') {
    const b = (v as { getBlob(): unknown }).getBlob();
    if (b instanceof SandboxBlob) return b;
  }
  return undefined;
}

export const utilitiesService: ServiceModule = {
  name: 'utilities',
  install(ctx: ServiceContext) {
    const rec = (method: string) => ctx.exec.record('Utilities', method, 'utilities');
    const bytes = (buf: Buffer) => scriptArray(ctx, signedBytes(buf));
    const isData = (v: unknown) => typeof v === 'string' || Array.isArray(v);

    const decode = (method: string, encoded: unknown, webSafe: boolean): number[] => {
      rec(method);
      if (typeof encoded !== 'string') signatureError(ctx, `Utilities.${method}`, [encoded]);
      const s = encoded.replace(/\s+/g, '');
      const ok = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
      if (!ok.test(s) || s.replace(/=+$/, '').length % 4 === 1) fail(ctx, 'Could not decode string.');
      return bytes(Buffer.from(s, webSafe ? 'base64url' : 'base64'));
    };
    const encode = (method: string, data: unknown, charset: unknown, webSafe: boolean): string => {
      rec(method);
      if (!isData(data)) signatureError(ctx, `Utilities.${method}`, [data]);
      const b64 = toBuffer(data, charset).toString('base64');
      return webSafe ? b64.replace(/\+/g, '-').replace(/\//g, '_') : b64;
    };
    const hmac = (method: string, algorithm: string, value: unknown, key: unknown, charset: unknown): number[] => {
      rec(method);
      if (!isData(value) || !isData(key)) signatureError(ctx, `Utilities.${method}`, [value, key]);
      const hash = HASHES[algorithm.replace(/^HMAC_/, '')];
      if (!hash) fail(ctx, `Invalid argument: algorithm`);
      return bytes(crypto.createHmac(hash, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
    };

    const Utilities = {
      Charset,
      DigestAlgorithm,
      MacAlgorithm,
      formatDate(date: unknown, timeZone: unknown, format: unknown): string {
        rec('formatDate');
        if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
          signatureError(ctx, 'Utilities.formatDate', [date, timeZone, format]);
        }
        const ms = date.getTime();
        if (Number.isNaN(ms)) fail(ctx, 'Invalid argument: date');
        try {
          return formatDatePattern(ms, timeZone, format);
        } catch (e) {
          return fail(ctx, `Invalid argument: format. ${(e as Error).message}`);
        }
      },
      formatString(template: unknown, ...args: unknown[]): string {
        rec('formatString');
        return formatJava(String(template), args);
      },
      computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
        return hmac('computeHmacSha256Signature', 'HMAC_SHA_256', value, key, charset);
      },
      computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown): number[] {
        return hmac('computeHmacSignature', String(algorithm), value, key, charset);
      },
      computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
        rec('computeDigest');
        if (!isData(value)) signatureError(ctx, 'Utilities.computeDigest', [algorithm, value]);
        const hash = HASHES[String(algorithm)];
        if (!hash) fail(ctx, 'Invalid argument: algorithm');
        return bytes(crypto.createHash(hash).update(toBuffer(value, charset)).digest());
      },
      base64Encode(data: unknown, charset?: unknown): string {
        return encode('base64Encode', data, charset, false);
      },
      base64EncodeWebSafe(data: unknown, charset?: unknown): string {
        return encode('base64EncodeWebSafe', data, charset, true);
      },
      base64Decode(encoded: unknown): number[] {
        return decode('base64Decode', encoded, false);
      },
      base64DecodeWebSafe(encoded: unknown): number[] {
        return decode('base64DecodeWebSafe', encoded, true);
      },
      newBlob(data: unknown, contentType?: unknown, name?: unknown): SandboxBlob {
        rec('newBlob');
        if (!isData(data)) signatureError(ctx, 'Utilities.newBlob', [data, contentType, name].filter((x) => x !== undefined));
        const type = contentType === undefined || contentType === null ? (typeof data === 'string' ? 'text/plain' : null) : String(contentType);
        return new SandboxBlob(toBuffer(data), type, name === undefined || name === null ? null : String(name));
      },
      getUuid(): string {
        rec('getUuid');
        return crypto.randomUUID();
      },
      parseCsv(csv: unknown, delimiter?: unknown): string[][] {
        rec('parseCsv');
        if (typeof csv !== 'string') signatureError(ctx, 'Utilities.parseCsv', [csv]);
        const d = delimiter === undefined ? ',' : String(delimiter);
        if (d.length !== 1) fail(ctx, 'Invalid argument: delimiter');
        let rows: string[][];
        try {
          rows = parseCsvText(csv, d);
        } catch (e) {
          return fail(ctx, (e as Error).message);
        }
        return scriptArray(ctx, rows.map((r) => scriptArray(ctx, r)));
      },
      sleep(milliseconds: unknown): void {
        rec('sleep');
        const ms = Number(milliseconds);
        if (!Number.isFinite(ms) || ms < 0) signatureError(ctx, 'Utilities.sleep', [milliseconds]);
        if (ms > MAX_SLEEP_MS) fail(ctx, 'Invalid argument: milliseconds');
        ctx.exec.wait(Math.floor(ms));
      },
      jsonParse(json: unknown): unknown {
        rec('jsonParse');
        return scriptRealm(ctx).JSON.parse(String(json));
      },
      jsonStringify(obj: unknown): string {
        rec('jsonStringify');
        return scriptRealm(ctx).JSON.stringify(obj);
      },
      zip(blobs: unknown, name?: unknown): SandboxBlob {
        rec('zip');
        const list = Array.isArray(blobs) ? blobs.map(asBlob) : [];
        if (!Array.isArray(blobs) || list.some((b) => !b)) signatureError(ctx, 'Utilities.zip', [blobs]);
        return zipBlobs(list as SandboxBlob[], name === undefined ? 'Archive.zip' : String(name));
      },
      unzip(blob: unknown): SandboxBlob[] {
        rec('unzip');
        const b = asBlob(blob);
        if (!b) return signatureError(ctx, 'Utilities.unzip', [blob]);
        try {
          return scriptArray(ctx, unzipBlob(b));
        } catch (e) {
          return fail(ctx, (e as Error).message);
        }
      },
    };
    return { Utilities };
  },
};
