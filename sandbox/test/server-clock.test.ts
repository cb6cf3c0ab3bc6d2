/**
 * The workbench server and the things that happen around a run: the clock moving in slices with
 * progress, the command line changing the state while the server runs, a menu run whose last UI
 * is an alert, and scripts switching the visible tab.
 */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { startServer, RunningServer } from '../src/server';
import { runCli } from '../src/cli';
import { advanceClock, clickMenu, startClockAdvance } from '../src/actions';

const CODE = String.raw`
function onOpen() {
  SpreadsheetApp.getUi().createMenu('T').addItem('Build', 'build').addItem('Go to Data', 'goData').addItem('Show Other', 'showOther').addToUi();
}
function bump(k) { var p = PropertiesService.getScriptProperties(); p.setProperty(k, String(Number(p.getProperty(k) || 0) + 1)); }
function build() { bump('builds'); SpreadsheetApp.getUi().alert('Report built'); }
function goData() { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').activate(); }
function showOther() { var ss = SpreadsheetApp.getActiveSpreadsheet(); ss.setActiveSheet(ss.getSheetByName('Other')); }
function setup() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.insertSheet('Data');
  ss.insertSheet('Other');
  ss.setActiveSheet(ss.getSheets()[0]);
  ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
}
function tick() { bump('ticks'); }
function once() { ScriptApp.newTrigger('later').timeBased().after(60 * 1000).create(); }
function later() { bump('later'); }
function count(k) { return Number(PropertiesService.getScriptProperties().getProperty(k) || 0); }
`;

const START = Date.UTC(2026, 3, 6, 2, 0);
let dir: string;
let project: string;
let data: string;
let sb: Sandbox;
let server: RunningServer;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gas-server-clock-'));
  project = path.join(dir, 'project');
  data = path.join(dir, 'data');
  mkdirSync(project);
  writeFileSync(path.join(project, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta' }));
  writeFileSync(path.join(project, 'Code.js'), CODE);
  sb = new Sandbox({ projectDir: project, dataDir: data, owner: 'owner@example.org', clockMs: START });
  expect(sb.run('setup').ok).toBe(true);
  server = await startServer({ sandbox: sb, port: 0, host: '127.0.0.1', clockSliceMs: 0 });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function json<T = Record<string, unknown>>(method: 'GET' | 'POST', p: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(new URL(p, server.url), {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, data: (await res.json()) as T };
}

const count = async (k: string) => (await json<{ value: number }>('POST', '/api/call', { fn: 'count', args: [k] })).data.value;

describe('moving the clock', () => {
  it('runs in slices: progress is visible while it runs, and other work waits for it', async () => {
    // The hourly trigger fires at 10:00, 11:00... (created at 09:00): 48 firings in 48 h and a minute.
    const move = json<{ fired: Array<{ ok: boolean }> }>('POST', '/api/clock', { advanceMinutes: 48 * 60 + 1 });
    const seen: Array<{ running: boolean; fired?: number; remaining?: number }> = [];
    let refused: { status: number; data: { error?: string } } | undefined;
    let done = false;
    void move.then(() => (done = true));
    while (!done) {
      const p = (await json<{ running: boolean; fired?: number; remaining?: number }>('GET', '/api/clock/progress')).data;
      seen.push(p);
      if (p.running && !refused) refused = await json('POST', '/api/run', { fn: 'tick' });
    }
    const r = await move;
    expect(r.status).toBe(200);
    expect(r.data.fired.length).toBe(48);
    expect(r.data.fired.every((f) => f.ok)).toBe(true);
    const running = seen.filter((p) => p.running);
    expect(running.length).toBeGreaterThan(0);
    for (const p of running) expect(p.fired! + p.remaining!).toBe(48);
    const firedCounts = running.map((p) => p.fired!);
    expect([...firedCounts].sort((a, b) => a - b)).toEqual(firedCounts);
    expect(refused?.status).toBe(409);
    expect(refused?.data.error).toMatch(/The clock is moving/);
    expect((await json('GET', '/api/clock/progress')).data).toEqual({ running: false });
    // The refused run did not happen: 48 ticks, all from the triggers.
    expect(await count('ticks')).toBe(48);
  });

  it('steps one firing at a time and writes the state once', () => {
    const job = startClockAdvance(sb, START + 3 * 3600_000 + 60_000);
    expect(job.remaining()).toBe(3);
    job.step();
    expect([job.fired.length, job.remaining()]).toEqual([1, 2]);
    while (!job.done()) job.step();
    expect(job.finish().fired.map((f) => f.ok)).toEqual([true, true, true]);
    expect(sb.state.clockMs).toBe(START + 3 * 3600_000 + 60_000);
    const saves: number[] = [];
    const original = sb.store!.save.bind(sb.store!);
    sb.store!.save = (state) => {
      saves.push(state.clockMs);
      original(state);
    };
    advanceClock(sb, START + 27 * 3600_000);
    expect(saves).toEqual([START + 27 * 3600_000]);
  });

  it('fires a one-shot trigger once, although it leaves the trigger list when it falls due', () => {
    expect(sb.run('once').ok).toBe(true);
    const r = advanceClock(sb, START + 30 * 60_000);
    expect(r.fired.map((f) => f.handler)).toEqual(['later']);
    expect(sb.run('count', { args: ['later'] }).value).toBe(1);
    expect(advanceClock(sb, START + 50 * 60_000).fired).toEqual([]);
  });
});

describe('the command line and the workbench on one data folder', () => {
  it('the server picks up a clock change made by the CLI and does not run those hours again', async () => {
    const before = await count('ticks');
    // 10:00 to 08:00 the next day: 23 firings. The clock is set to an instant, not moved by "+1d":
    // it moves on its own with each execution, so "+1d" from a few hundred milliseconds past 09:00
    // would also reach the 09:00 firing of the next day.
    const cli = (await runCli(['--project', project, '--data', data, 'clock', new Date(START + 86400_000).toISOString()])) as { fired: unknown[] };
    expect(cli.fired).toHaveLength(23);
    const state = (await json<{ clock: { clockMs: number } }>('GET', '/api/state')).data;
    expect(state.clock.clockMs).toBe(START + 86400_000);
    expect(await count('ticks')).toBe(before + 23);
    const r = await json<{ fired: unknown[] }>('POST', '/api/clock', { advanceMinutes: 60 });
    expect(r.data.fired).toHaveLength(1);
    expect(await count('ticks')).toBe(before + 24);
    // And the CLI sees the server's change.
    // (The count() execution in between moved it on by its own few milliseconds.)
    const seen = ((await runCli(['--project', project, '--data', data, 'clock'])) as { clockMs: number }).clockMs;
    expect(seen).toBeGreaterThanOrEqual(START + 86400_000 + 3600_000);
    expect(seen).toBeLessThan(START + 86400_000 + 3600_000 + 5000);
  });
});

describe('menus and tabs', () => {
  it('a menu run that ends with an alert does its work once when the alert is answered', async () => {
    const first = await json<{ needsReply?: { prompt: string } }>('POST', '/api/menu', { path: 'T/Build' });
    expect(first.data.needsReply?.prompt).toBe('Report built');
    // Waiting at the alert: nothing of the run is kept yet.
    expect(await count('builds')).toBe(0);
    const second = await json<{ ok: boolean; ui: Array<{ type: string }> }>('POST', '/api/menu', { path: 'T/Build', replies: ['OK'] });
    expect(second.data.ok).toBe(true);
    expect(await count('builds')).toBe(1);
    // The same through the actions the CLI uses.
    expect(clickMenu(sb, sb.state.owner, 'T/Build').needsReply).toBeTruthy();
    expect(clickMenu(sb, sb.state.owner, 'T/Build', [{ button: 'OK' }]).ok).toBe(true);
    expect(await count('builds')).toBe(2);
  });

  it('sheet.activate() and setActiveSheet() change the tab the workbench shows', async () => {
    const first = (await json<{ activeSheet: string }>('GET', '/api/state')).data.activeSheet;
    expect(first).not.toBe('Data');
    await json('POST', '/api/menu', { path: 'T/Go to Data' });
    expect((await json<{ activeSheet: string }>('GET', '/api/state')).data.activeSheet).toBe('Data');
    await json('POST', '/api/menu', { path: 'T/Show Other' });
    expect((await json<{ activeSheet: string }>('GET', '/api/state')).data.activeSheet).toBe('Other');
  });
});
