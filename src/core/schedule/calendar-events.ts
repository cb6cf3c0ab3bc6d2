/** Events of a Google Calendar (as the adapter reads them: plain values) -> schedule events in WIB. */
import { classify, findCaseNumber, findLaw } from './kinds';
import { SCHEDULE_MESSAGES as M } from './messages';
import type { ParsedSchedule, ScheduleEvent, ScheduleProblem } from './types';

export interface CalendarEventData {
  /** CalendarEvent.getId(): the iCalendar UID (the same for every occurrence of a series). */
  id: string;
  title: string;
  description: string;
  location: string;
  allDay: boolean;
  /** getStartTime() in epoch ms (null when missing); for all-day events, getAllDayStartDate(). */
  startMs: number | null;
  /** For all-day events: the start date as the calendar shows it, YYYY-MM-DD. */
  allDayDate: string;
  /** True for an occurrence of a repeating event (its id gets the date, so each occurrence is its own item). */
  recurring: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function eventsFromCalendar(list: readonly CalendarEventData[]): ParsedSchedule {
  const events: ScheduleEvent[] = [];
  const problems: ScheduleProblem[] = [];
  for (const c of list) {
    const title = c.title.trim() || '(tanpa judul)';
    let date = '';
    let time = '';
    if (c.allDay && /^\d{4}-\d{2}-\d{2}$/.test(c.allDayDate)) date = c.allDayDate;
    else if (c.startMs !== null && Number.isFinite(c.startMs)) {
      const d = new Date(c.startMs + 420 * 60000);
      date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    }
    if (!date) {
      problems.push({ line: 0, msg: M.noDate, params: { title } });
      continue;
    }
    const { found, bad } = findCaseNumber(`${title} ${c.description}`);
    if (bad) {
      problems.push({ line: 0, msg: M.badCase, params: { value: bad } });
      continue;
    }
    events.push({
      uid: c.recurring ? `${c.id}#${date}` : c.id,
      line: 0,
      date,
      time,
      allDay: c.allDay,
      title,
      location: c.location.trim(),
      caseNumber: found,
      law: findLaw(`${title}\n${c.description}`),
      kind: classify(title, c.description),
    });
  }
  return { events, problems, notes: [] };
}
