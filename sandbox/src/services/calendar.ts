/**
 * CalendarApp, read only: getCalendarById, Calendar.getId/getName/getTimeZone/getDescription/
 * getEvents(start, end) and the CalendarEvent getters. Calendars and their events are kept in state
 * and put there by the host (addCalendar), as a shared calendar someone else made; who may read one
 * is its owner and its readers ('*': anyone), checked against the effective user.
 *
 * As Apps Script documents: getCalendarById returns null when the calendar does not exist or the
 * user cannot read it; getEvents returns the events that start in the range, end in it, or span
 * it, in start order; an all-day event's getStartTime is midnight of its first day in the
 * calendar's time zone and getEndTime midnight after its last day. Writing (createEvent, setTitle...)
 * is not implemented: a script that calls it fails with TypeError, as a missing method does.
 */
import type { ServiceContext, ServiceModule } from '../service';
import type { SandboxState } from '../state';
import { slice } from '../state';
import { fail, isDate, scriptArray, signatureError } from './utilities';

export interface CalendarEventRecord {
  /** The iCalendar UID, as getId() returns it. */
  id: string;
  title: string;
  description?: string;
  location?: string;
  /** Timed events: start and end instants (epoch ms). */
  startMs?: number;
  endMs?: number;
  /** All-day events: first day and the day after the last, YYYY-MM-DD (end exclusive, as Google stores them). */
  allDayStart?: string;
  allDayEnd?: string;
  /** An occurrence of a repeating series (isRecurringEvent). */
  recurring?: boolean;
}

export interface CalendarRecord {
  id: string;
  name: string;
  description?: string;
  timeZone: string;
  owner: string;
  /** Emails that may read it; '*' for a public calendar. */
  readers: string[];
  events: CalendarEventRecord[];
}

export interface CalendarSlice {
  calendars: Record<string, CalendarRecord>;
}

const init = (): CalendarSlice => ({ calendars: {} });

/** Host action: adds (or replaces) a calendar and its events. */
export function addCalendar(state: SandboxState, cal: CalendarRecord): void {
  slice(state, 'calendar', init).calendars[cal.id] = JSON.parse(JSON.stringify(cal)) as CalendarRecord;
}

/** The calendars in the state (id, name, owner, readers, number of events). */
export function listCalendars(state: SandboxState): Array<{ id: string; name: string; timeZone: string; owner: string; readers: string[]; events: number }> {
  return Object.values(slice(state, 'calendar', init).calendars).map((c) => ({ id: c.id, name: c.name, timeZone: c.timeZone, owner: c.owner, readers: c.readers, events: c.events.length }));
}

/**
 * A calendar from JSON as a person writes it (the CLI's `calendar-add`): events may give `start`
 * and `end` as ISO times instead of epoch ms. Throws a plain Error naming the first bad field.
 */
export function calendarFromJson(v: unknown): CalendarRecord {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const str = (x: unknown, what: string): string => {
    if (typeof x !== 'string' || !x.trim()) throw new Error(`calendar: ${what} must be a non-empty string`);
    return x;
  };
  const timeZone = str(o.timeZone ?? 'Asia/Jakarta', 'timeZone');
  let known = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch (_e) {
    known = false;
  }
  if (!known) throw new Error(`calendar: unknown timeZone "${timeZone}"`);
  if (!Array.isArray(o.events)) throw new Error('calendar: events must be an array');
  const readers = o.readers === undefined ? [] : o.readers;
  if (!Array.isArray(readers) || !readers.every((r) => typeof r === 'string')) throw new Error('calendar: readers must be an array of emails (or "*")');
  const time = (x: unknown, what: string): number | undefined => {
    if (x === undefined) return undefined;
    const t = typeof x === 'number' ? x : typeof x === 'string' ? Date.parse(x) : NaN;
    if (!Number.isFinite(t)) throw new Error(`calendar: ${what} is not a time`);
    return t;
  };
  const events = o.events.map((e, i): CalendarEventRecord => {
    const r = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const out: CalendarEventRecord = { id: str(r.id, `events[${i}].id`), title: typeof r.title === 'string' ? r.title : '' };
    if (typeof r.description === 'string') out.description = r.description;
    if (typeof r.location === 'string') out.location = r.location;
    if (r.recurring === true) out.recurring = true;
    if (r.allDayStart !== undefined) {
      if (typeof r.allDayStart !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(r.allDayStart)) throw new Error(`calendar: events[${i}].allDayStart must be YYYY-MM-DD`);
      out.allDayStart = r.allDayStart;
      if (r.allDayEnd !== undefined) {
        if (typeof r.allDayEnd !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(r.allDayEnd)) throw new Error(`calendar: events[${i}].allDayEnd must be YYYY-MM-DD`);
        out.allDayEnd = r.allDayEnd;
      }
      return out;
    }
    const start = time(r.startMs ?? r.start, `events[${i}].start`);
    if (start === undefined) throw new Error(`calendar: events[${i}] needs start (or startMs) or allDayStart`);
    out.startMs = start;
    out.endMs = time(r.endMs ?? r.end, `events[${i}].end`) ?? start;
    return out;
  });
  return { id: str(o.id, 'id'), name: str(o.name, 'name'), timeZone, owner: str(o.owner, 'owner'), readers: readers as string[], events, ...(typeof o.description === 'string' ? { description: o.description } : {}) };
}

/** The UTC offset (minutes) of a time zone at an instant. */
function offsetAt(timeZone: string, ms: number): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - ms) / 60000);
}

/** Midnight of a date in a time zone, as epoch ms. */
function midnight(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetAt(timeZone, wall) * 60000;
  t = wall - offsetAt(timeZone, t) * 60000;
  return t;
}

function span(e: CalendarEventRecord, timeZone: string): { start: number; end: number } {
  if (e.allDayStart) {
    const start = midnight(e.allDayStart, timeZone);
    return { start, end: e.allDayEnd ? midnight(e.allDayEnd, timeZone) : start + 86400000 };
  }
  return { start: e.startMs ?? 0, end: e.endMs ?? e.startMs ?? 0 };
}

class SandboxCalendarEvent {
  constructor(private readonly ctx: ServiceContext, private readonly e: CalendarEventRecord, private readonly timeZone: string) {}
  private rec(method: string): void {
    this.ctx.exec.record('CalendarApp', `CalendarEvent.${method}`, 'local');
  }
  getId(): string {
    this.rec('getId');
    return this.e.id;
  }
  getTitle(): string {
    this.rec('getTitle');
    return this.e.title;
  }
  getDescription(): string {
    this.rec('getDescription');
    return this.e.description ?? '';
  }
  getLocation(): string {
    this.rec('getLocation');
    return this.e.location ?? '';
  }
  getStartTime(): Date {
    this.rec('getStartTime');
    return new this.ctx.Date(span(this.e, this.timeZone).start);
  }
  getEndTime(): Date {
    this.rec('getEndTime');
    return new this.ctx.Date(span(this.e, this.timeZone).end);
  }
  isAllDayEvent(): boolean {
    this.rec('isAllDayEvent');
    return !!this.e.allDayStart;
  }
  isRecurringEvent(): boolean {
    this.rec('isRecurringEvent');
    return !!this.e.recurring;
  }
  /** The first day at midnight in the script's time zone; only for all-day events. */
  getAllDayStartDate(): Date {
    this.rec('getAllDayStartDate');
    if (!this.e.allDayStart) fail(this.ctx, 'Event is not an all-day event.');
    return new this.ctx.Date(midnight(this.e.allDayStart, this.ctx.timeZone));
  }
  /** The day after the last day at midnight in the script's time zone; only for all-day events. */
  getAllDayEndDate(): Date {
    this.rec('getAllDayEndDate');
    if (!this.e.allDayStart) fail(this.ctx, 'Event is not an all-day event.');
    const end = this.e.allDayEnd ?? this.e.allDayStart;
    return new this.ctx.Date(midnight(end, this.ctx.timeZone) + (this.e.allDayEnd ? 0 : 86400000));
  }
  toString(): string {
    return 'CalendarEvent';
  }
}

class SandboxCalendar {
  constructor(private readonly ctx: ServiceContext, private readonly id: string) {}
  private cal(): CalendarRecord {
    return slice(this.ctx.state, 'calendar', init).calendars[this.id];
  }
  getId(): string {
    this.ctx.exec.record('CalendarApp', 'Calendar.getId', 'local');
    return this.id;
  }
  getName(): string {
    this.ctx.exec.record('CalendarApp', 'Calendar.getName', 'local');
    return this.cal().name;
  }
  getDescription(): string {
    this.ctx.exec.record('CalendarApp', 'Calendar.getDescription', 'local');
    return this.cal().description ?? '';
  }
  getTimeZone(): string {
    this.ctx.exec.record('CalendarApp', 'Calendar.getTimeZone', 'local');
    return this.cal().timeZone;
  }
  getEvents(startTime: unknown, endTime: unknown, ...rest: unknown[]): SandboxCalendarEvent[] {
    this.ctx.exec.record('CalendarApp', 'Calendar.getEvents', 'calendar');
    if (!isDate(startTime) || !isDate(endTime) || rest.length > 1 || (rest.length === 1 && (typeof rest[0] !== 'object' || rest[0] === null))) {
      signatureError(this.ctx, 'CalendarApp.Calendar.getEvents', [startTime, endTime, ...rest]);
    }
    if (rest.length) fail(this.ctx, 'The sandbox does not implement the options of Calendar.getEvents.');
    const a = startTime.getTime();
    const b = endTime.getTime();
    if (!(a < b)) fail(this.ctx, 'The start time must be before the end time.');
    const cal = this.cal();
    const hits = cal.events
      .map((e) => ({ e, s: span(e, cal.timeZone) }))
      .filter(({ s }) => s.start < b && s.end > a)
      .sort((x, y) => x.s.start - y.s.start);
    return scriptArray(this.ctx, hits.map(({ e }) => new SandboxCalendarEvent(this.ctx, e, cal.timeZone)));
  }
  toString(): string {
    return 'Calendar';
  }
}

export const calendarService: ServiceModule = {
  name: 'calendar',
  install(ctx: ServiceContext) {
    const CalendarApp = {
      getCalendarById(id: unknown): SandboxCalendar | null {
        ctx.exec.record('CalendarApp', 'getCalendarById', 'calendar');
        if (typeof id !== 'string') signatureError(ctx, 'CalendarApp.getCalendarById', [id]);
        const cal = slice(ctx.state, 'calendar', init).calendars[id];
        const user = ctx.exec.effectiveUser;
        if (!cal || !(cal.owner === user || cal.readers.includes(user) || cal.readers.includes('*'))) return null;
        return new SandboxCalendar(ctx, id);
      },
      toString: () => 'CalendarApp',
    };
    return { CalendarApp };
  },
};
