/**
 * Time as an action reads it: date cells as instants, and the working calendar of the settings
 * that the SLA clock (core/sla.ts) measures with.
 */
import type { Cell } from '../adapters/workbook';
import { defaultCalendar, parseCalendarSettings, WorkCalendar, workingMinutesBetween } from '../core/calendar';
import type { Ctx } from './context';

/** A Date-like cell (getValues gives Date objects from the script's realm) as epoch ms, or null. */
export function cellMs(v: Cell | undefined): number | null {
  if (v !== null && typeof v === 'object' && typeof (v as Date).getTime === 'function') {
    const t = (v as Date).getTime();
    return Number.isFinite(t) ? t : null;
  }
  if (typeof v === 'string' && v.trim()) {
    const t = Date.parse(v.trim());
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

/** The working calendar of the settings (jam kerja and libur), or the default one when they do not parse. */
export function workCalendar(ctx: Ctx): WorkCalendar {
  const rows: unknown[][] = [['Jam kerja', ctx.settings.workingHours]];
  for (const h of ctx.settings.holidays) rows.push(['Libur', `${h.date}${h.name ? ` | ${h.name}` : ''}`]);
  const r = parseCalendarSettings(rows);
  return r.ok ? r.calendar : defaultCalendar();
}

/** Working minutes between two instants under the settings' calendar (0 when `b` is not after `a`). */
export function minutesFn(ctx: Ctx): (a: number, b: number) => number {
  const cal = workCalendar(ctx);
  return (a, b) => (b > a ? workingMinutesBetween(cal, a, b) : 0);
}
