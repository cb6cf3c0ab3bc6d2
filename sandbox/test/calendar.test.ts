import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { addCalendar, calendarService } from '../src/services/calendar';

jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

const OWNER = 'owner@example.org';
const READER = 'reader@example.org';
const STRANGER = 'stranger@example.org';
const CAL = 'agenda@group.calendar.google.com';

function newSandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-cal-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(
    path.join(dir, 'Code.js'),
    `
function open(id) { var c = CalendarApp.getCalendarById(id); return c === null ? null : [c.getId(), c.getName(), c.getTimeZone()]; }
function list(id, a, b) {
  return CalendarApp.getCalendarById(id).getEvents(new Date(a), new Date(b)).map(function (e) {
    return [e.getId(), e.getTitle(), e.getStartTime().getTime(), e.getEndTime().getTime(), e.isAllDayEvent(), e.getLocation(), e.getDescription(), e.isRecurringEvent(), e.getStartTime() instanceof Date];
  });
}
function allDay(id) { var e = CalendarApp.getCalendarById(id).getEvents(new Date(0), new Date(4102444800000)); return e.map(function (x) { try { return x.getAllDayStartDate().getTime(); } catch (err) { return String(err); } }); }
function wrong(id) { try { CalendarApp.getCalendarById(id).getEvents('2026-12-01', '2026-12-31'); } catch (e) { return [e instanceof Error, e.message]; } }
function reversed(id) { try { CalendarApp.getCalendarById(id).getEvents(new Date(2), new Date(1)); } catch (e) { return e.message; } }
function write(id) { try { CalendarApp.getCalendarById(id).createEvent('x', new Date(), new Date()); } catch (e) { return e.name; } }
`,
  );
  const sb = new Sandbox({ projectDir: dir, services: [calendarService], owner: OWNER, clockMs: Date.UTC(2026, 10, 30) });
  addCalendar(sb.state, {
    id: CAL,
    name: 'Agenda MK',
    timeZone: 'Asia/Jakarta',
    owner: OWNER,
    readers: [READER],
    events: [
      { id: 'b@google.com', title: 'Putusan', startMs: Date.UTC(2026, 11, 10, 6, 30), endMs: Date.UTC(2026, 11, 10, 9), location: 'Pleno', description: 'd', recurring: true },
      { id: 'a@google.com', title: 'Hari Ibu', allDayStart: '2026-12-22', allDayEnd: '2026-12-23' },
      { id: 'c@google.com', title: 'Januari', startMs: Date.UTC(2027, 0, 5, 2), endMs: Date.UTC(2027, 0, 5, 3) },
    ],
  });
  return sb;
}

const run = (sb: Sandbox, fn: string, args: unknown[], user = OWNER) => {
  const r = sb.run(fn, { kind: 'scriptRun', user, args });
  if (r.error) throw new Error(r.error.message);
  return r.value;
};

describe('CalendarApp (read only)', () => {
  test('getCalendarById gives the calendar to its owner and readers, null to anyone else and for an unknown id', () => {
    const sb = newSandbox();
    expect(run(sb, 'open', [CAL])).toEqual([CAL, 'Agenda MK', 'Asia/Jakarta']);
    expect(run(sb, 'open', [CAL], READER)).toEqual([CAL, 'Agenda MK', 'Asia/Jakarta']);
    expect(run(sb, 'open', [CAL], STRANGER)).toBeNull();
    expect(run(sb, 'open', ['nope@group.calendar.google.com'])).toBeNull();
  });

  test('getEvents returns the events overlapping the range, in start order, with their getters', () => {
    const sb = newSandbox();
    const dec = run(sb, 'list', [CAL, Date.UTC(2026, 10, 30, 17), Date.UTC(2026, 11, 31, 17)]) as unknown[][];
    expect(dec).toEqual([
      ['b@google.com', 'Putusan', Date.UTC(2026, 11, 10, 6, 30), Date.UTC(2026, 11, 10, 9), false, 'Pleno', 'd', true, true],
      // An all-day event spans midnight to midnight in the calendar's zone (WIB).
      ['a@google.com', 'Hari Ibu', Date.UTC(2026, 11, 21, 17), Date.UTC(2026, 11, 22, 17), true, '', '', false, true],
    ]);
    // An event that only overlaps the range's start is included.
    expect((run(sb, 'list', [CAL, Date.UTC(2026, 11, 10, 7), Date.UTC(2026, 11, 10, 8)]) as unknown[][]).map((e) => e[0])).toEqual(['b@google.com']);
  });

  test('getAllDayStartDate only for all-day events; wrong arguments fail with Apps Script\'s messages', () => {
    const sb = newSandbox();
    expect(run(sb, 'allDay', [CAL])).toEqual(['Exception: Event is not an all-day event.', Date.UTC(2026, 11, 21, 17), 'Exception: Event is not an all-day event.']);
    expect(run(sb, 'wrong', [CAL])).toEqual([true, "The parameters (String,String) don't match the method signature for CalendarApp.Calendar.getEvents."]);
    expect(run(sb, 'reversed', [CAL])).toBe('The start time must be before the end time.');
    expect(run(sb, 'write', [CAL])).toBe('TypeError');
  });

  test('each fetch is billed; the getters are local', () => {
    const sb = newSandbox();
    const r = sb.run('list', { kind: 'scriptRun', user: OWNER, args: [CAL, 0, 4102444800000] });
    expect(r.callsByService.CalendarApp).toBeGreaterThan(2);
    expect(r.modeledMs).toBe(200);
  });
});
