import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { clockEvent, dueTriggers, eventTriggers, listTriggers, scriptService } from '../src/services/script';
import { zonedParts } from '../src/services/utilities';

// Only the modules under test are installed; keep the registry (and its other services) out.
jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

const TZ = 'Asia/Jakarta';
// Monday 5 January 2026, 10:00 in Jakarta (UTC+7).
const T0 = Date.UTC(2026, 0, 5, 3, 0, 0);
const HOUR = 3600000;
const DAY = 24 * HOUR;

function newSandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-script-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: TZ, runtimeVersion: 'V8' }));
  writeFileSync(
    path.join(dir, 'Code.js'),
    `
function hourly() { return ScriptApp.newTrigger('tick').timeBased().everyHours(2).create().getUniqueId(); }
function daily() { return ScriptApp.newTrigger('morning').timeBased().atHour(9).everyDays(1).create().getUniqueId(); }
function near() { return ScriptApp.newTrigger('near').timeBased().atHour(9).nearMinute(30).everyDays(1).create().getUniqueId(); }
function utcDaily() { return ScriptApp.newTrigger('utc').timeBased().atHour(9).everyDays(1).inTimezone('UTC').create().getUniqueId(); }
function weekly() { return ScriptApp.newTrigger('friday').timeBased().onWeekDay(ScriptApp.WeekDay.FRIDAY).atHour(8).create().getUniqueId(); }
function monthly() { return ScriptApp.newTrigger('monthly').timeBased().onMonthDay(15).atHour(7).create().getUniqueId(); }
function once(ms) { return ScriptApp.newTrigger('once').timeBased().at(new Date(ms)).create().getUniqueId(); }
function later() { return ScriptApp.newTrigger('later').timeBased().after(30 * 60 * 1000).create().getUniqueId(); }
function badMinutes() { ScriptApp.newTrigger('x').timeBased().everyMinutes(7).create(); }
function badHour() { ScriptApp.newTrigger('x').timeBased().atHour(24).everyDays(1).create(); }
function onEdit() { return ScriptApp.newTrigger('handleEdit').forSpreadsheet('sheet-1').onEdit().create().getTriggerSourceId(); }
function make(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('f' + i).timeBased().everyMinutes(5).create(); }
function describeAll() {
  return ScriptApp.getProjectTriggers().map(function (t) {
    return [t.getHandlerFunction(), t.getEventType() === ScriptApp.EventType.CLOCK ? 'CLOCK' : String(t.getEventType()),
      String(t.getTriggerSource()), t.getTriggerSourceId()];
  });
}
function deleteFirst() { var ts = ScriptApp.getProjectTriggers(); ScriptApp.deleteTrigger(ts[0]); return ScriptApp.getProjectTriggers().length; }
function userTriggers() { return ScriptApp.getUserTriggers({ getId: function () { return 'sheet-1'; } }).length; }
function info() { return [ScriptApp.getService().getUrl(), ScriptApp.getScriptId(), typeof ScriptApp.getOAuthToken(), ScriptApp.AuthMode.FULL]; }
`,
  );
  return new Sandbox({ projectDir: dir, services: [scriptService], owner: 'owner@example.org', clockMs: T0, webAppUrl: 'https://script.example/exec' });
}

describe('ScriptApp triggers', () => {
  test('a clock trigger is listed with its handler, event type and source', () => {
    const sb = newSandbox();
    const uid = sb.run('hourly').value;
    expect(typeof uid).toBe('string');
    expect(sb.run('describeAll').value).toEqual([['tick', 'CLOCK', 'CLOCK', null]]);
    expect(listTriggers(sb.state)[0]).toMatchObject({ uid, handler: 'tick', owner: 'owner@example.org', eventType: 'CLOCK' });
  });

  test('everyMinutes accepts only 1, 5, 10, 15, 30 and atHour only 0-23', () => {
    const sb = newSandbox();
    expect(sb.run('badMinutes').error?.message).toMatch(/Invalid argument: minutes/);
    expect(sb.run('badHour').error?.message).toMatch(/Invalid argument: hour/);
    expect(listTriggers(sb.state)).toHaveLength(0);
  });

  test('20 triggers per user per script; the 21st fails with Apps Script message; other users have their own', () => {
    const sb = newSandbox();
    expect(sb.run('make', { args: [20] }).ok).toBe(true);
    const r = sb.run('make', { args: [1] });
    expect(r.error?.message).toBe('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    expect(listTriggers(sb.state)).toHaveLength(20);
    expect(sb.run('make', { args: [2], user: 'other@example.org' }).ok).toBe(true);
    // getProjectTriggers returns only the current user's triggers.
    expect((sb.run('describeAll', { user: 'other@example.org' }).value as unknown[]).length).toBe(2);
    expect((sb.run('describeAll').value as unknown[]).length).toBe(20);
    expect(sb.run('deleteFirst').value).toBe(19);
    expect(sb.run('make', { args: [1] }).ok).toBe(true);
  });

  test('installable triggers belong to the effective user who created them', () => {
    const sb = newSandbox();
    sb.run('daily', { kind: 'webapp', user: 'visitor@example.org', effectiveUser: 'owner@example.org' });
    sb.run('hourly', { user: 'editor@example.org' });
    expect(listTriggers(sb.state).map((t) => t.owner)).toEqual(['owner@example.org', 'editor@example.org']);
  });

  test('simple triggers cannot create triggers', () => {
    const sb = newSandbox();
    const r = sb.run('hourly', { kind: 'simpleTrigger' });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/permission/);
    expect(listTriggers(sb.state)).toHaveLength(0);
  });

  test('atHour(9).everyDays(1) fires once a day between 9:00 and 10:00 in the script time zone', () => {
    const sb = newSandbox();
    const uid = sb.run('daily').value;
    const due = dueTriggers(sb.state, T0, T0 + 3 * DAY, TZ);
    expect(due).toHaveLength(3);
    const days = new Set<number>();
    for (const f of due) {
      expect(f).toMatchObject({ triggerUid: uid, handler: 'morning', owner: 'owner@example.org' });
      const p = zonedParts(f.atMs, TZ);
      expect(p.hour).toBe(9);
      days.add(p.day);
    }
    expect([...days]).toEqual([6, 7, 8]);
    // The same minute every day.
    expect(new Set(due.map((f) => zonedParts(f.atMs, TZ).minute)).size).toBe(1);
    // Windows that do not contain 9:00-10:00 have no firing.
    expect(dueTriggers(sb.state, T0, T0 + 20 * HOUR, TZ)).toHaveLength(0);
  });

  test('nearMinute keeps within 15 minutes; inTimezone uses that zone', () => {
    const sb = newSandbox();
    sb.run('near');
    sb.run('utcDaily');
    const due = dueTriggers(sb.state, T0, T0 + DAY, TZ);
    const near = due.find((f) => f.handler === 'near');
    const utc = due.find((f) => f.handler === 'utc');
    const m = zonedParts(near?.atMs ?? 0, TZ).minute;
    expect(m).toBeGreaterThanOrEqual(15);
    expect(m).toBeLessThanOrEqual(45);
    expect(zonedParts(utc?.atMs ?? 0, 'UTC').hour).toBe(9);
    expect(zonedParts(utc?.atMs ?? 0, TZ).hour).toBe(16);
  });

  test('everyHours(2) fires every two hours from the creation time, in time order', () => {
    const sb = newSandbox();
    sb.run('hourly');
    const created = listTriggers(sb.state)[0].createdAtMs;
    const due = dueTriggers(sb.state, T0, T0 + 7 * HOUR, TZ);
    expect(due.map((f) => f.atMs - created)).toEqual([2 * HOUR, 4 * HOUR, 6 * HOUR]);
    // Consecutive windows split the same firings.
    const a = dueTriggers(sb.state, T0, T0 + 3 * HOUR, TZ);
    const b = dueTriggers(sb.state, T0 + 3 * HOUR, T0 + 7 * HOUR, TZ);
    expect([...a, ...b].map((f) => f.atMs)).toEqual(due.map((f) => f.atMs));
  });

  test('onWeekDay fires on that weekday only; onMonthDay on that date', () => {
    const sb = newSandbox();
    sb.run('weekly');
    sb.run('monthly');
    const due = dueTriggers(sb.state, T0, T0 + 21 * DAY, TZ);
    const fridays = due.filter((f) => f.handler === 'friday').map((f) => zonedParts(f.atMs, TZ));
    expect(fridays.map((p) => [p.weekday, p.day, p.hour])).toEqual([
      [5, 9, 8],
      [5, 16, 8],
      [5, 23, 8],
    ]);
    const monthly = due.filter((f) => f.handler === 'monthly').map((f) => zonedParts(f.atMs, TZ));
    expect(monthly.map((p) => [p.day, p.hour])).toEqual([[15, 7]]);
  });

  test('one-shot at() and after() fire once and are removed', () => {
    const sb = newSandbox();
    const at = T0 + 5 * HOUR;
    const uid = sb.run('once', { args: [at] }).value;
    sb.run('later');
    expect(dueTriggers(sb.state, T0, T0 + HOUR, TZ).map((f) => f.handler)).toEqual(['later']);
    expect(dueTriggers(sb.state, T0 + HOUR, T0 + 10 * HOUR, TZ)).toEqual([{ atMs: at, triggerUid: uid, handler: 'once', owner: 'owner@example.org' }]);
    expect(listTriggers(sb.state)).toHaveLength(0);
    expect(dueTriggers(sb.state, T0, T0 + 10 * HOUR, TZ)).toEqual([]);
  });

  test('spreadsheet event triggers: forSpreadsheet(id).onEdit()', () => {
    const sb = newSandbox();
    expect(sb.run('onEdit').value).toBe('sheet-1');
    expect(eventTriggers(sb.state, 'ON_EDIT')).toEqual([{ triggerUid: listTriggers(sb.state)[0].uid, handler: 'handleEdit', owner: 'owner@example.org' }]);
    expect(eventTriggers(sb.state, 'ON_OPEN')).toEqual([]);
    expect(sb.run('userTriggers').value).toBe(1);
    expect(sb.run('describeAll').value).toEqual([['handleEdit', 'ON_EDIT', 'SPREADSHEETS', 'sheet-1']]);
  });

  test('clockEvent has the documented fields', () => {
    // Friday 9 January 2026 09:07:05 in Jakarta.
    const at = Date.UTC(2026, 0, 9, 2, 7, 5);
    expect(clockEvent(at, TZ, 'u1')).toEqual({
      authMode: 'FULL',
      'day-of-month': 9,
      'day-of-week': 5,
      hour: 9,
      minute: 7,
      month: 1,
      second: 5,
      timezone: TZ,
      triggerUid: 'u1',
      'week-of-year': 2,
      year: 2026,
    });
  });

  test('service URL, script id and token', () => {
    const sb = newSandbox();
    expect(sb.run('info').value).toEqual(['https://script.example/exec', 'sandbox-script', 'string', 'FULL']);
  });
});
