import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';

const CODE = `
function localFields() {
  var d = new Date(2026, 0, 1);
  return [d.getTime(), d.getHours(), d.getDate(), d.getTimezoneOffset(), String(d), d.toDateString(), d.toTimeString()];
}
function parsed() {
  return [new Date('2026-01-01T00:00:00').getTime(), new Date('2026-01-01').getTime(), Date.parse('2026-01-01T00:00:00Z'),
          new Date('Jan 1, 2026 08:30').getTime(), new Date('2026/01/01').getTime(), new Date('Thu Jan 01 2026 00:00:00 GMT+0000').getTime()];
}
function setters() {
  var d = new Date(2026, 0, 31, 23, 0);
  d.setHours(25);
  var a = [d.getDate(), d.getHours()];
  d.setDate(0);
  a.push(d.getMonth(), d.getDate());
  d.setFullYear(2027, 5, 15);
  a.push(d.getFullYear(), d.getMonth(), d.getDate(), d.getDay());
  d.setMinutes(90, 5, 7);
  a.push(d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
  return a;
}
function locale() {
  var d = new Date(Date.UTC(2026, 0, 1, 17, 0));
  return [d.toLocaleString('en-US'), d.toLocaleDateString('en-GB'), d.toLocaleTimeString('en-US', { timeZone: 'UTC' }),
          new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23' }).format(d), Intl.DateTimeFormat().resolvedOptions().timeZone];
}
function realm() {
  var d = new Date();
  return [d instanceof Date, d instanceof Object, Object.prototype.toString.call(d), typeof Date(), Date.length, Date.name,
          (function () { class D2 extends Date {} var x = new D2(2026, 0, 1); return x instanceof D2 && x.getHours() === 0; })()];
}
function formats() {
  var z = new Date(0);
  return ['GMT+7', 'GMT+07:00', 'GMT-0530', 'UTC', 'America/New_York', 'Mars/Olympus', 'GMT+25'].map(function (tz) {
    return Utilities.formatDate(z, tz, 'HH:mm z');
  });
}
function nowAndSleep() {
  var a = Date.now();
  Utilities.sleep(5000);
  var b = Date.now();
  return [a, b];
}
function spin() { while (true) {} }
function waitOnClock(ms) { var end = Date.now() + ms; var n = 0; while (Date.now() < end) { n++; } return n; }
function now() { return Date.now(); }
`;

function project(timeZone = 'Asia/Jakarta'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-time-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone, runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'Code.js'), CODE);
  return dir;
}

const JAKARTA_2026 = Date.UTC(2025, 11, 31, 17);
const T0 = Date.UTC(2026, 2, 2, 2);

describe("the script's time zone is the manifest's, not the host's", () => {
  test('local fields, String(date) and friends are in the manifest zone', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    const r = sb.run('localFields');
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual([
      JAKARTA_2026,
      0,
      1,
      -420,
      'Thu Jan 01 2026 00:00:00 GMT+0700 (Western Indonesia Time)',
      'Thu Jan 01 2026',
      '00:00:00 GMT+0700 (Western Indonesia Time)',
    ]);
  });

  test('a zone west of UTC (the default America/New_York) works the same way', () => {
    const sb = new Sandbox({ projectDir: project('America/New_York'), clockMs: T0 });
    const [ms, hours, , offset, text] = sb.run('localFields').value as [number, number, number, number, string];
    expect([ms, hours, offset]).toEqual([Date.UTC(2026, 0, 1, 5), 0, 300]);
    expect(text).toBe('Thu Jan 01 2026 00:00:00 GMT-0500 (Eastern Standard Time)');
  });

  test('strings without an offset are read in the script zone; ISO dates and explicit offsets are not', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    expect(sb.run('parsed').value).toEqual([
      JAKARTA_2026,
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 0, 1),
      JAKARTA_2026 + 8.5 * 3600_000,
      JAKARTA_2026,
      Date.UTC(2026, 0, 1),
    ]);
  });

  test('setters work on local fields and overflow as the spec says', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    expect(sb.run('setters').value).toEqual([1, 1, 0, 31, 2027, 5, 15, 2, 2, 30, 5, 7]);
  });

  test('toLocaleString and Intl.DateTimeFormat default to the script zone', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    expect(sb.run('locale').value).toEqual(['1/2/2026, 12:00:00 AM', '02/01/2026', '5:00:00 PM', '00', 'Asia/Jakarta']);
  });

  test('the script Date is the realm-own Date, callable and subclassable', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    const v = sb.run('realm').value as unknown[];
    expect(v).toEqual([true, true, '[object Date]', 'string', 7, 'Date', true]);
  });

  test('from a shell with TZ=UTC, new Date(2026, 0, 1) is Jakarta midnight and formatDate honours GMT+7', () => {
    const dir = project();
    const code = `
      const { Sandbox } = require(${JSON.stringify(path.resolve(__dirname, '../src/sandbox'))});
      const sb = new Sandbox({ projectDir: ${JSON.stringify(dir)}, clockMs: ${T0} });
      const a = sb.run('localFields').value;
      const f = sb.run('formats').value;
      process.stdout.write(JSON.stringify({ hostOffset: new Date(2026, 0, 1).getTimezoneOffset(), ms: a[0], hours: a[1], gmt7: f[0] }));
    `;
    const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', code], {
      env: { ...process.env, TZ: 'UTC' },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ hostOffset: 0, ms: JAKARTA_2026, hours: 0, gmt7: '07:00 GMT+07:00' });
  });
});

describe('Utilities.formatDate time zones', () => {
  test('Java custom ids, UTC and IANA names; an unknown id is GMT, as java.util.TimeZone makes it', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    expect(sb.run('formats').value).toEqual(['07:00 GMT+07:00', '07:00 GMT+07:00', '18:30 GMT-05:30', '00:00 UTC', '19:00 EST', '00:00 GMT', '00:00 GMT']);
  });
});

describe('the clock moves', () => {
  test('Utilities.sleep advances Date.now() inside the execution', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    const [a, b] = sb.run('nowAndSleep').value as [number, number];
    expect(a).toBeGreaterThanOrEqual(T0);
    expect(b - a).toBeGreaterThanOrEqual(5000);
  });

  test('each execution starts where the last one ended', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    const first = sb.run('nowAndSleep');
    const second = sb.run('now');
    expect(second.value as number).toBeGreaterThanOrEqual((first.value as number[])[1]);
    expect(sb.state.clockMs).toBeGreaterThanOrEqual(T0 + 5000);
    expect(second.startedAtMs).toBeGreaterThanOrEqual(T0 + 5000);
  });

  test('setClock still sets the base the next execution starts from', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    sb.run('nowAndSleep');
    sb.setClock(T0);
    const v = sb.run('now').value as number;
    expect(v).toBeGreaterThanOrEqual(T0);
    expect(v).toBeLessThan(T0 + 5000);
  });

  test('a loop that never calls a service is stopped with Apps Script message', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    const r = sb.run('spin', { budgetMs: 300 });
    expect(r.ok).toBe(false);
    expect(r.timedOut).toBe(true);
    expect(r.error).toEqual({ name: 'Exception', message: 'Exceeded maximum execution time' });
  });

  test('a loop waiting on Date.now() ends: the script running time moves the clock', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    const r = sb.run('waitOnClock', { args: [50] });
    expect(r.ok).toBe(true);
    expect(r.cpuMs).toBeGreaterThanOrEqual(50);
  });

  test('modeled time and running time share one budget: waiting past it is stopped', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    const r = sb.run('waitOnClock', { args: [10 * 60 * 1000], budgetMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.error?.message).toBe('Exceeded maximum execution time');
  });

  test('simple triggers get 30 s, others 6 minutes', () => {
    const sb = new Sandbox({ projectDir: project(), clockMs: T0 });
    const sleepy = sb.run('nowAndSleep', { kind: 'simpleTrigger' });
    expect(sleepy.ok).toBe(true);
    // 7 sleeps of 5 s pass 30 s: the simple trigger is stopped, an editor run is not.
    const dir = project();
    writeFileSync(path.join(dir, 'More.js'), 'function sleeps() { for (var i = 0; i < 7; i++) Utilities.sleep(5000); return "done"; }');
    const sb2 = new Sandbox({ projectDir: dir, clockMs: T0 });
    expect(sb2.run('sleeps', { kind: 'simpleTrigger' }).error?.message).toBe('Exceeded maximum execution time');
    expect(sb2.run('sleeps').value).toBe('done');
  });
});
