/**
 * ScriptApp: installable triggers (time-driven and spreadsheet/document events), the web app URL,
 * the script id and an OAuth token stand-in.
 *
 * Triggers belong to the user who created them (the execution's effective user) and run as that
 * user; getProjectTriggers returns only the current user's, as documented. At most 20 triggers per
 * user per script. The host drives time-driven triggers with dueTriggers() and event triggers
 * with eventTriggers().
 */
import crypto from 'node:crypto';
import type { ServiceContext, ServiceModule } from '../service';
import type { SandboxState } from '../state';
import { slice } from '../state';
import { isDate, isValidTimeZone, scriptArray, signatureError, weekOfYear, zonedDayNumber, zonedParts, zonedToEpoch, fail } from './utilities';

export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

export const AuthMode = Object.freeze({ NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' });
export const EventType = Object.freeze({
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
});
export const TriggerSource = Object.freeze({ SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' });
export const WeekDay = Object.freeze({
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
});
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
export const AuthorizationStatus = Object.freeze({ REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' });

export type TriggerEventType = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE';

/** A time-driven schedule. */
export interface ClockSpec {
  kind: 'minutes' | 'hours' | 'days' | 'weeks' | 'month' | 'once';
  /** Interval for minutes/hours/days/weeks. */
  every?: number;
  atHour?: number;
  nearMinute?: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekDay?: number;
  monthDay?: number;
  /** One-shot triggers (at/after/atDate): when. */
  atMs?: number;
  /** inTimezone(); without it the script's time zone. */
  timeZone?: string;
}

export interface TriggerRecord {
  uid: string;
  handler: string;
  /** The user who created it; it runs as this user. */
  owner: string;
  eventType: TriggerEventType;
  source: 'CLOCK' | 'SPREADSHEETS' | 'DOCUMENTS';
  sourceId: string | null;
  createdAtMs: number;
  clock?: ClockSpec;
}

export interface ScriptSlice {
  triggers: TriggerRecord[];
}

const init = (): ScriptSlice => ({ triggers: [] });

/** Every installable trigger of every user. */
export function listTriggers(state: SandboxState): TriggerRecord[] {
  return slice(state, 'script', init).triggers;
}

export interface DueFiring {
  atMs: number;
  triggerUid: string;
  handler: string;
  owner: string;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** The wall-clock minute and second a daily-or-slower trigger fires at, fixed per trigger. */
function fireMinute(t: TriggerRecord, c: ClockSpec, createdHour: number, createdMinute: number): { hour: number; minute: number; second: number } {
  const h = hash(t.uid);
  const second = (h >>> 8) % 60;
  if (c.atHour === undefined && c.nearMinute === undefined) return { hour: createdHour, minute: createdMinute, second };
  const hour = c.atHour ?? createdHour;
  if (c.nearMinute !== undefined) {
    // Within +/-15 minutes of the requested minute, kept inside the hour.
    const minute = Math.min(59, Math.max(0, c.nearMinute + (h % 31) - 15));
    return { hour, minute, second };
  }
  return { hour, minute: h % 60, second };
}

/** Firings of one trigger in (fromMs, toMs]. */
function firings(t: TriggerRecord, fromMs: number, toMs: number, defaultTz: string): number[] {
  const c = t.clock;
  if (!c) return [];
  const out: number[] = [];
  const start = Math.max(fromMs, t.createdAtMs);
  if (c.kind === 'once') {
    const at = c.atMs ?? t.createdAtMs;
    if (at > fromMs && at <= toMs) out.push(at);
    return out;
  }
  if (c.kind === 'minutes' || c.kind === 'hours') {
    const period = (c.every ?? 1) * (c.kind === 'minutes' ? 60000 : 3600000);
    let k = Math.max(1, Math.floor((start - t.createdAtMs) / period) + 1);
    for (let at = t.createdAtMs + k * period; at <= toMs; at = t.createdAtMs + ++k * period) {
      if (at > fromMs) out.push(at);
    }
    return out;
  }
  const tz = c.timeZone ?? defaultTz;
  const created = zonedParts(t.createdAtMs, tz);
  const createdDay = zonedDayNumber(t.createdAtMs, tz);
  const { hour, minute, second } = fireMinute(t, c, created.hour, created.minute);
  const firstDay = zonedDayNumber(start, tz) - 1;
  const lastDay = zonedDayNumber(toMs, tz) + 1;
  const every = Math.max(1, c.every ?? 1);
  for (let day = firstDay; day <= lastDay; day++) {
    const date = new Date(day * 86400000);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const weekday = date.getUTCDay();
    let match = false;
    if (c.kind === 'days') match = (day - createdDay) % every === 0;
    else if (c.kind === 'weeks') {
      const week = Math.floor((day + 4) / 7);
      const createdWeek = Math.floor((createdDay + 4) / 7);
      match = weekday === (c.weekDay ?? created.weekday) && (week - createdWeek) % every === 0;
    } else if (c.kind === 'month') match = d === (c.monthDay ?? created.day);
    if (!match) continue;
    const at = zonedToEpoch(tz, y, m, d, hour, minute, second);
    if (at > fromMs && at > t.createdAtMs && at <= toMs) out.push(at);
  }
  return out;
}

/**
 * The time-driven firings in (fromMs, toMs], in time order. One-shot triggers (at, after, atDate)
 * that fire in the window are removed from the project (they run once).
 */
export function dueTriggers(state: SandboxState, fromMs: number, toMs: number, timeZone: string): DueFiring[] {
  const s = slice(state, 'script', init);
  const out: DueFiring[] = [];
  const fired = new Set<string>();
  for (const t of s.triggers) {
    if (t.eventType !== 'CLOCK') continue;
    for (const atMs of firings(t, fromMs, toMs, timeZone)) {
      out.push({ atMs, triggerUid: t.uid, handler: t.handler, owner: t.owner });
      if (t.clock?.kind === 'once') fired.add(t.uid);
    }
  }
  if (fired.size) s.triggers = s.triggers.filter((t) => !fired.has(t.uid));
  return out.sort((a, b) => a.atMs - b.atMs || a.triggerUid.localeCompare(b.triggerUid));
}

/** Installable triggers for an event (ON_EDIT, ON_OPEN, ON_CHANGE, ON_FORM_SUBMIT), optionally of one file. */
export function eventTriggers(state: SandboxState, eventType: TriggerEventType, sourceId?: string): Array<{ triggerUid: string; handler: string; owner: string }> {
  return slice(state, 'script', init)
    .triggers.filter((t) => t.eventType === eventType && (sourceId === undefined || t.sourceId === sourceId))
    .map((t) => ({ triggerUid: t.uid, handler: t.handler, owner: t.owner }));
}

/** The event object a time-driven trigger passes to its handler. */
export function clockEvent(atMs: number, timeZone: string, triggerUid: string): Record<string, unknown> {
  const p = zonedParts(atMs, timeZone);
  return {
    authMode: AuthMode.FULL,
    'day-of-month': p.day,
    'day-of-week': p.weekday === 0 ? 7 : p.weekday,
    hour: p.hour,
    minute: p.minute,
    month: p.month,
    second: p.second,
    timezone: timeZone,
    triggerUid,
    'week-of-year': weekOfYear(p),
    year: p.year,
  };
}

class SandboxTrigger {
  constructor(readonly record: TriggerRecord) {}
  getUniqueId(): string {
    return this.record.uid;
  }
  getHandlerFunction(): string {
    return this.record.handler;
  }
  getEventType(): string {
    return this.record.eventType;
  }
  getTriggerSource(): string {
    return this.record.source;
  }
  getTriggerSourceId(): string | null {
    return this.record.sourceId;
  }
  toString(): string {
    return 'Trigger';
  }
}

function sourceIdOf(ctx: ServiceContext, method: string, v: unknown): string {
  if (typeof v === 'string' && v) return v;
  if (v && typeof (v as { getId?: unknown }).getId === 'function') return String((v as { getId(): unknown }).getId());
  return signatureError(ctx, method, [v]);
}

export const scriptService: ServiceModule = {
  name: 'script',
  install(ctx: ServiceContext) {
    const data = () => ctx.slice('script', init);
    const rec = (method: string, cost: 'trigger' | 'local' = 'trigger') => ctx.exec.record('ScriptApp', method, cost);

    const create = (handler: string, fields: Omit<TriggerRecord, 'uid' | 'handler' | 'owner' | 'createdAtMs'>): SandboxTrigger => {
      ctx.exec.requireAuth('ScriptApp.newTrigger');
      rec('TriggerBuilder.create');
      const owner = ctx.exec.effectiveUser;
      const s = data();
      if (s.triggers.filter((t) => t.owner === owner).length >= MAX_TRIGGERS_PER_USER) fail(ctx, TOO_MANY_TRIGGERS);
      const record: TriggerRecord = { uid: ctx.newId('number'), handler, owner, createdAtMs: ctx.now(), ...fields };
      s.triggers.push(record);
      return new SandboxTrigger(record);
    };

    const intArg = (method: string, v: unknown, min: number, max: number, name: string): number => {
      if (typeof v !== 'number' || !Number.isFinite(v)) signatureError(ctx, `ClockTriggerBuilder.${method}`, [v]);
      const n = Math.trunc(v);
      if (n < min || n > max) fail(ctx, `Invalid argument: ${name}`);
      return n;
    };

    class ClockTriggerBuilder {
      private spec: Partial<ClockSpec> = {};
      constructor(private readonly handler: string) {}
      private recurrence(kind: ClockSpec['kind'], every?: number): ClockTriggerBuilder {
        if (this.spec.kind && this.spec.kind !== kind) fail(ctx, 'The recurrence interval for clock triggers has already been set.');
        this.spec.kind = kind;
        if (every !== undefined) this.spec.every = every;
        return this;
      }
      everyMinutes(n: unknown): ClockTriggerBuilder {
        const v = intArg('everyMinutes', n, 1, 30, 'minutes');
        if (![1, 5, 10, 15, 30].includes(v)) fail(ctx, 'Invalid argument: minutes. Valid values are 1, 5, 10, 15 and 30.');
        return this.recurrence('minutes', v);
      }
      everyHours(n: unknown): ClockTriggerBuilder {
        const v = intArg('everyHours', n, 1, 12, 'hours');
        if (![1, 2, 4, 6, 8, 12].includes(v)) fail(ctx, 'Invalid argument: hours. Valid values are 1, 2, 4, 6, 8 and 12.');
        return this.recurrence('hours', v);
      }
      everyDays(n: unknown): ClockTriggerBuilder {
        return this.recurrence('days', intArg('everyDays', n, 1, 365, 'days'));
      }
      everyWeeks(n: unknown): ClockTriggerBuilder {
        return this.recurrence('weeks', intArg('everyWeeks', n, 1, 52, 'weeks'));
      }
      onWeekDay(day: unknown): ClockTriggerBuilder {
        const i = WEEKDAYS.indexOf(String(day));
        if (i < 0) signatureError(ctx, 'ClockTriggerBuilder.onWeekDay', [day]);
        this.spec.weekDay = i;
        if (this.spec.kind !== 'weeks') this.recurrence('weeks', 1);
        return this;
      }
      onMonthDay(day: unknown): ClockTriggerBuilder {
        this.spec.monthDay = intArg('onMonthDay', day, 1, 31, 'day');
        return this.recurrence('month');
      }
      atHour(hour: unknown): ClockTriggerBuilder {
        this.spec.atHour = intArg('atHour', hour, 0, 23, 'hour');
        return this;
      }
      nearMinute(minute: unknown): ClockTriggerBuilder {
        this.spec.nearMinute = intArg('nearMinute', minute, 0, 59, 'minute');
        return this;
      }
      inTimezone(timezone: unknown): ClockTriggerBuilder {
        if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) fail(ctx, `Invalid argument: timezone`);
        this.spec.timeZone = timezone;
        return this;
      }
      at(date: unknown): ClockTriggerBuilder {
        if (!isDate(date)) signatureError(ctx, 'ClockTriggerBuilder.at', [date]);
        this.recurrence('once');
        this.spec.atMs = date.getTime();
        return this;
      }
      atDate(year: unknown, month: unknown, day: unknown): ClockTriggerBuilder {
        const y = intArg('atDate', year, 1970, 9999, 'year');
        const m = intArg('atDate', month, 1, 12, 'month');
        const d = intArg('atDate', day, 1, 31, 'day');
        this.recurrence('once');
        // Near midnight in the trigger's time zone (resolved at create()).
        this.spec.atMs = Date.UTC(y, m - 1, d);
        (this.spec as { atDateLocal?: boolean }).atDateLocal = true;
        return this;
      }
      after(durationMilliseconds: unknown): ClockTriggerBuilder {
        const ms = intArg('after', durationMilliseconds, 0, Number.MAX_SAFE_INTEGER, 'durationMilliseconds');
        this.recurrence('once');
        this.spec.atMs = ctx.now() + ms;
        return this;
      }
      create(): SandboxTrigger {
        const spec = { ...this.spec } as ClockSpec & { atDateLocal?: boolean };
        if (!spec.kind) {
          if (spec.atHour !== undefined) spec.kind = 'days';
          else fail(ctx, 'Unable to create a clock trigger without a schedule: call everyMinutes, everyHours, everyDays, everyWeeks, onWeekDay, onMonthDay, at or after first.');
        }
        if (spec.atDateLocal) {
          const d = new Date(spec.atMs ?? 0);
          spec.atMs = zonedToEpoch(spec.timeZone ?? ctx.timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
          delete spec.atDateLocal;
        }
        return create(this.handler, { eventType: 'CLOCK', source: 'CLOCK', sourceId: null, clock: spec });
      }
    }

    const eventBuilder = (handler: string, source: 'SPREADSHEETS' | 'DOCUMENTS', sourceId: string, types: TriggerEventType[]) => {
      const b: Record<string, () => { create(): SandboxTrigger }> = {};
      for (const type of types) {
        const method = { ON_OPEN: 'onOpen', ON_EDIT: 'onEdit', ON_CHANGE: 'onChange', ON_FORM_SUBMIT: 'onFormSubmit', CLOCK: '' }[type];
        b[method] = () => ({ create: () => create(handler, { eventType: type, source, sourceId }) });
      }
      return b;
    };

    const ScriptApp = {
      AuthMode,
      EventType,
      TriggerSource,
      WeekDay,
      AuthorizationStatus,
      InstallationSource: Object.freeze({ APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON', NONE: 'NONE', WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON' }),
      newTrigger(functionName: unknown) {
        rec('newTrigger', 'local');
        if (typeof functionName !== 'string' || !functionName) signatureError(ctx, 'ScriptApp.newTrigger', [functionName]);
        return {
          timeBased: () => new ClockTriggerBuilder(functionName),
          forSpreadsheet: (sheet: unknown) =>
            eventBuilder(functionName, 'SPREADSHEETS', sourceIdOf(ctx, 'TriggerBuilder.forSpreadsheet', sheet), ['ON_OPEN', 'ON_EDIT', 'ON_CHANGE', 'ON_FORM_SUBMIT']),
          forDocument: (doc: unknown) => eventBuilder(functionName, 'DOCUMENTS', sourceIdOf(ctx, 'TriggerBuilder.forDocument', doc), ['ON_OPEN']),
        };
      },
      getProjectTriggers(): SandboxTrigger[] {
        ctx.exec.requireAuth('ScriptApp.getProjectTriggers');
        rec('getProjectTriggers');
        const me = ctx.exec.effectiveUser;
        return scriptArray(ctx, data().triggers.filter((t) => t.owner === me).map((t) => new SandboxTrigger(t)));
      },
      getUserTriggers(file: unknown): SandboxTrigger[] {
        ctx.exec.requireAuth('ScriptApp.getUserTriggers');
        rec('getUserTriggers');
        const id = sourceIdOf(ctx, 'ScriptApp.getUserTriggers', file);
        const me = ctx.exec.effectiveUser;
        return scriptArray(ctx, data().triggers.filter((t) => t.owner === me && t.sourceId === id).map((t) => new SandboxTrigger(t)));
      },
      deleteTrigger(trigger: unknown): void {
        ctx.exec.requireAuth('ScriptApp.deleteTrigger');
        rec('deleteTrigger');
        if (!(trigger instanceof SandboxTrigger)) signatureError(ctx, 'ScriptApp.deleteTrigger', [trigger]);
        const s = data();
        const me = ctx.exec.effectiveUser;
        s.triggers = s.triggers.filter((t) => !(t.uid === trigger.record.uid && t.owner === me));
      },
      getService() {
        rec('getService', 'local');
        return {
          getUrl: () => ctx.webAppUrl,
          isEnabled: () => true,
        };
      },
      getScriptId(): string {
        rec('getScriptId', 'local');
        return ctx.scriptId;
      },
      getOAuthToken(): string {
        ctx.exec.requireAuth('ScriptApp.getOAuthToken');
        rec('getOAuthToken', 'local');
        const h = crypto.createHash('sha256').update(`${ctx.scriptId}\n${ctx.exec.effectiveUser}`).digest('base64url');
        return `ya29.sandbox-${h}`;
      },
      getAuthorizationInfo(_authMode?: unknown) {
        rec('getAuthorizationInfo', 'local');
        return {
          getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED,
          getAuthorizationUrl: () => null,
          getAuthorizedScopes: () => scriptArray(ctx, ctx.project.manifest.oauthScopes ?? []),
        };
      },
      getInstallationSource(): string {
        rec('getInstallationSource', 'local');
        return 'NONE';
      },
    };
    return { ScriptApp };
  },
};
