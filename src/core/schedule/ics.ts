/**
 * iCalendar (.ics, RFC 5545) files as exported by Google Calendar, Outlook or any calendar: the
 * VEVENTs, with their dates read in Asia/Jakarta (WIB). Times may be UTC (...Z), in a named zone
 * (TZID=...), or floating (the calendar's X-WR-TIMEZONE, else WIB); all-day events (VALUE=DATE)
 * keep their date as written. Cancelled events are left out; a repeating event is read once (its
 * first occurrence), with a note.
 */
import { SCHEDULE_MESSAGES as M } from './messages';
import { classify, findCaseNumber, findLaw } from './kinds';
import type { ParsedSchedule, ScheduleEvent, ScheduleProblem } from './types';

const WIB = 420;

/** UTC offsets (minutes) of zones without daylight saving that exports use, IANA and Windows names. */
const KNOWN_ZONES: Record<string, number> = {
  'asia/jakarta': 420, 'asia/pontianak': 420, 'asia/makassar': 480, 'asia/jayapura': 540, 'asia/bangkok': 420,
  'asia/ho_chi_minh': 420, 'asia/singapore': 480, 'asia/kuala_lumpur': 480, 'asia/manila': 480, 'asia/shanghai': 480,
  'asia/tokyo': 540, 'asia/seoul': 540, 'asia/kolkata': 330, 'asia/dubai': 240, 'utc': 0, 'etc/utc': 0, 'gmt': 0, 'etc/gmt': 0, 'z': 0,
  'se asia standard time': 420, 'singapore standard time': 480, 'tokyo standard time': 540, 'india standard time': 330,
  'china standard time': 480, 'w. australia standard time': 480, 'utc+07:00': 420,
};

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

/** Unfolded content lines with the line number each starts on. */
function contentLines(text: string): Array<{ text: string; line: number }> {
  const raw = text.split(/\r\n|\n|\r/);
  const out: Array<{ text: string; line: number }> = [];
  raw.forEach((l, i) => {
    if ((l.startsWith(' ') || l.startsWith('\t')) && out.length) out[out.length - 1].text += l.slice(1);
    else if (l.trim() !== '') out.push({ text: l, line: i + 1 });
  });
  return out;
}

function parseProp(text: string, line: number): Prop {
  // The name and parameters end at the first ':' outside double quotes.
  let i = 0;
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) break;
  }
  const head = text.slice(0, i);
  const value = text.slice(i + 1);
  const parts = head.split(';');
  const params: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: parts[0].toUpperCase(), params, value, line };
}

function unescapeText(v: string): string {
  return v.replace(/\\([nN,;\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The UTC offset of a zone at an instant, through Intl when the zone is not in the table; null if unknown. */
function zoneOffset(zone: string, utcGuess: number, fixed: Record<string, number>): number | null {
  const key = zone.trim().toLowerCase();
  if (Object.prototype.hasOwnProperty.call(fixed, key)) return fixed[key];
  if (Object.prototype.hasOwnProperty.call(KNOWN_ZONES, key)) return KNOWN_ZONES[key];
  try {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone.trim(), hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    const parts: Record<string, number> = {};
    for (const p of f.formatToParts(new Date(utcGuess))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute);
    return Math.round((asUtc - utcGuess) / 60000);
  } catch (_e) {
    return null;
  }
}

function offsetOf(text: string): number | null {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const pad = (n: number) => String(n).padStart(2, '0');

function wib(ms: number): { date: string; time: string } {
  const d = new Date(ms + WIB * 60000);
  return { date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` };
}

function validYmd(y: number, mo: number, d: number): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

type DateOut = { ok: true; date: string; time: string; allDay: boolean } | { ok: false; zone?: string };

function readDate(p: Prop, defaultZone: string, fixed: Record<string, number>): DateOut {
  const v = p.value.trim();
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/.exec(v);
  if (!m) return { ok: false };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validYmd(y, mo, d)) return { ok: false };
  if (m[4] === undefined || p.params.VALUE === 'DATE') return { ok: true, date: `${m[1]}-${m[2]}-${m[3]}`, time: '', allDay: true };
  const h = Number(m[4]);
  const mi = Number(m[5]);
  if (h > 23 || mi > 59) return { ok: false };
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (m[7]) return { ok: true, ...wib(wall), allDay: false };
  const zone = p.params.TZID || defaultZone || 'Asia/Jakarta';
  // The offset at the wall time read as UTC, then once more at the corrected instant (daylight saving edges).
  let off = zoneOffset(zone, wall, fixed);
  if (off === null) return { ok: false, zone };
  const again = zoneOffset(zone, wall - off * 60000, fixed);
  if (again !== null) off = again;
  return { ok: true, ...wib(wall - off * 60000), allDay: false };
}

/** Reads an .ics text. Problems stop the import; notes do not. */
export function parseIcs(text: string): ParsedSchedule {
  const events: ScheduleEvent[] = [];
  const problems: ScheduleProblem[] = [];
  const notes: ScheduleProblem[] = [];
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return { events, problems: [{ line: 0, msg: M.empty, params: {} }], notes };
  if (!/^\s*BEGIN:VCALENDAR/i.test(body)) return { events, problems: [{ line: 0, msg: M.unreadable, params: {} }], notes };
  const lines = contentLines(body);
  let defaultZone = '';
  // Zones defined in the file with one fixed offset (no DAYLIGHT part).
  const fixed: Record<string, number> = {};
  let zone: { id: string; offsets: number[]; daylight: boolean } | null = null;
  let ev: Prop[] | null = null;
  let evLine = 0;
  let depth = 0;
  for (const l of lines) {
    const p = parseProp(l.text, l.line);
    if (p.name === 'BEGIN') {
      const what = p.value.trim().toUpperCase();
      if (what === 'VEVENT' && !ev) {
        ev = [];
        evLine = l.line;
        depth = 0;
      } else if (ev) depth++;
      else if (what === 'VTIMEZONE') zone = { id: '', offsets: [], daylight: false };
      else if (what === 'DAYLIGHT' && zone) zone.daylight = true;
      continue;
    }
    if (p.name === 'END') {
      const what = p.value.trim().toUpperCase();
      if (ev && what === 'VEVENT' && depth === 0) {
        readEvent(ev, evLine, defaultZone, fixed, events, problems, notes);
        ev = null;
      } else if (ev) depth--;
      else if (what === 'VTIMEZONE' && zone) {
        const offs = zone.offsets;
        if (zone.id && !zone.daylight && offs.length && offs.every((o) => o === offs[0])) fixed[zone.id.toLowerCase()] = offs[0];
        zone = null;
      }
      continue;
    }
    if (ev) {
      if (depth === 0) ev.push(p);
    } else if (zone) {
      if (p.name === 'TZID') zone.id = p.value.trim();
      else if (p.name === 'TZOFFSETTO') {
        const o = offsetOf(p.value);
        if (o !== null) zone.offsets.push(o);
      }
    } else if (p.name === 'X-WR-TIMEZONE') defaultZone = p.value.trim();
  }
  return { events, problems, notes };
}

function readEvent(props: Prop[], line: number, defaultZone: string, fixed: Record<string, number>, events: ScheduleEvent[], problems: ScheduleProblem[], notes: ScheduleProblem[]): void {
  const get = (n: string) => props.find((p) => p.name === n);
  const text = (n: string) => {
    const p = get(n);
    return p ? unescapeText(p.value).trim() : '';
  };
  const title = text('SUMMARY') || '(tanpa judul)';
  const status = text('STATUS').toUpperCase();
  if (status === 'CANCELLED') {
    notes.push({ line, msg: M.cancelled, params: { title } });
    return;
  }
  const start = get('DTSTART');
  if (!start || !start.value.trim()) {
    problems.push({ line, msg: M.noDate, params: { title } });
    return;
  }
  const d = readDate(start, defaultZone, fixed);
  if (!d.ok) {
    if (d.zone) problems.push({ line: start.line, msg: M.badZone, params: { zone: d.zone, title } });
    else problems.push({ line: start.line, msg: M.badIcsDate, params: { value: start.value.trim(), title } });
    return;
  }
  if (get('RRULE')) notes.push({ line, msg: M.repeating, params: { title, date: d.date } });
  const description = text('DESCRIPTION');
  const location = text('LOCATION');
  const { found, bad } = findCaseNumber(`${title} ${description}`);
  if (bad) {
    problems.push({ line, msg: M.badCase, params: { value: bad } });
    return;
  }
  // A moved occurrence of a repeating event is its own event, with its own id.
  const recurrence = get('RECURRENCE-ID');
  const uid = text('UID') || `ics:${d.date}|${title}`;
  events.push({
    uid: recurrence ? `${uid}#${recurrence.value.trim()}` : uid,
    line,
    date: d.date,
    time: d.time,
    allDay: d.allDay,
    title,
    location,
    caseNumber: found,
    law: findLaw(`${title}\n${description}`),
    kind: classify(title, text('CATEGORIES'), description),
  });
}
