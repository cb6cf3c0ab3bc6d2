/**
 * The Court's agenda calendar, read only (CalendarApp, scope calendar.readonly), as plain values.
 * Runs as the person at the keyboard: a calendar they cannot read is null, as Apps Script says.
 */
import type { CalendarEventData } from '../core/schedule';

export interface CalendarRead {
  name: string;
  events: CalendarEventData[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar's events overlapping [startMs, endMs): getCalendarById, getName, getEvents (the
 * billed calls; the event getters are local). null when the calendar does not exist or the user
 * cannot read it. Errors from the service (quota, a revoked authorization) propagate.
 */
export function readCalendar(calendarId: string, startMs: number, endMs: number, timeZoneOffsetMinutes = 420): CalendarRead | null {
  const cal = CalendarApp.getCalendarById(calendarId);
  if (!cal) return null;
  const events = cal.getEvents(new Date(startMs), new Date(endMs)).map((e): CalendarEventData => {
    const allDay = e.isAllDayEvent();
    let allDayDate = '';
    if (allDay) {
      // Midnight of the first day in the script's time zone (WIB), read back as that date.
      const d = new Date(e.getAllDayStartDate().getTime() + timeZoneOffsetMinutes * 60000);
      allDayDate = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    }
    const start = e.getStartTime();
    return {
      id: e.getId(),
      title: e.getTitle(),
      description: e.getDescription(),
      location: e.getLocation(),
      allDay,
      startMs: start ? start.getTime() : null,
      allDayDate,
      recurring: e.isRecurringEvent(),
    };
  });
  return { name: cal.getName(), events };
}
