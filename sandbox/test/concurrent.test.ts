import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { LOCK_TIMEOUT_MESSAGE } from '../src/services/lock';

const CODE = `
function inc(store) {
  var p = store === 'document' ? PropertiesService.getDocumentProperties() : PropertiesService.getScriptProperties();
  var n = Number(p.getProperty('n') || 0);
  p.setProperty('n', String(n + 1));
}
function incUnlocked() { inc('script'); }
function incLocked() {
  var lock = LockService.getScriptLock();
  lock.waitLock(30000);
  try { inc('script'); } finally { lock.releaseLock(); }
}
function incCellUnlocked() {
  var cell = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1');
  cell.setValue(Number(cell.getValue() || 0) + 1);
}
function incCellLocked() {
  var lock = LockService.getDocumentLock();
  if (!lock.tryLock(30000)) throw new Error('no lock');
  incCellUnlocked();
  SpreadsheetApp.flush();
  lock.releaseLock();
}
function incLockedNoRelease() {
  LockService.getScriptLock().waitLock(30000);
  inc('script');
}
function holdLong() {
  var lock = LockService.getScriptLock();
  lock.waitLock(1000);
  PropertiesService.getScriptProperties().setProperty('held', 'yes');
  for (var i = 0; i < 20; i++) Utilities.sleep(1000);
  return 'held';
}
function waitForHolder() {
  var p = PropertiesService.getScriptProperties();
  while (!p.getProperty('held')) Utilities.sleep(10);
}
function tryShort() {
  waitForHolder();
  var t = Date.now();
  var got = LockService.getScriptLock().tryLock(5000);
  return [got, Date.now() - t];
}
function waitShort() {
  waitForHolder();
  try { LockService.getScriptLock().waitLock(5000); return 'acquired'; } catch (e) { return [e instanceof Error, e.message]; }
}
function ab() { LockService.getScriptLock().waitLock(1000); Utilities.sleep(200); return LockService.getDocumentLock().tryLock(3000); }
function ba() { LockService.getDocumentLock().waitLock(1000); Utilities.sleep(200); return LockService.getScriptLock().tryLock(5000); }
function count() { return Number(PropertiesService.getScriptProperties().getProperty('n')); }
function cell() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').getValue(); }
function reset() { PropertiesService.getScriptProperties().deleteAllProperties(); SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').setValue(0); }
`;

const T0 = Date.UTC(2026, 2, 2, 2);
let sb: Sandbox;

beforeAll(() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-conc-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'Code.js'), CODE);
  sb = new Sandbox({ projectDir: dir, clockMs: T0 });
});
afterAll(() => sb.close());

const SEEDS = Array.from({ length: 50 }, (_, i) => i + 1);
const N = 5;

function counterAfter(fn: string, seed: number, read = 'count'): number {
  sb.run('reset');
  const run = sb.runConcurrent(Array.from({ length: N }, () => ({ functionName: fn })), { seed });
  for (const r of run.results) expect(r.error).toBeUndefined();
  return sb.run(read).value as number;
}

describe('concurrent executions interleave at service calls', () => {
  test('an unlocked read-modify-write of a script property loses updates for some seeds', () => {
    const finals = SEEDS.map((seed) => counterAfter('incUnlocked', seed));
    expect(finals.every((n) => n >= 1 && n <= N)).toBe(true);
    expect(finals.some((n) => n < N)).toBe(true);
  });

  test('with the script lock the counter is exact for every seed', () => {
    expect(SEEDS.map((seed) => counterAfter('incLocked', seed))).toEqual(SEEDS.map(() => N));
  });

  test('a sheet cell: lost updates without the document lock, exact with it', () => {
    const seeds = SEEDS.slice(0, 20);
    expect(seeds.map((seed) => counterAfter('incCellUnlocked', seed, 'cell')).some((n) => n < N)).toBe(true);
    expect(seeds.map((seed) => counterAfter('incCellLocked', seed, 'cell'))).toEqual(seeds.map(() => N));
  });

  test('a lock is released when its execution ends', () => {
    expect(counterAfter('incLockedNoRelease', 7)).toBe(N);
  });

  test('a failing seed replays identically', () => {
    const seed = SEEDS.find((s) => counterAfter('incUnlocked', s) < N) as number;
    const runOnce = () => {
      sb.run('reset');
      const base = sb.state.clockMs;
      const run = sb.runConcurrent(Array.from({ length: N }, () => ({ functionName: 'incUnlocked' })), { seed });
      const offsets = run.results.map((r) => [r.startedAtMs - base, r.modeledMs]);
      return { schedule: run.schedule, n: sb.run('count').value, offsets, calls: run.results.map((r) => r.calls) };
    };
    const a = runOnce();
    const b = runOnce();
    expect(b).toEqual(a);
    expect(a.n).toBeLessThan(N);
  });

  test('tryLock returns false after its timeout while another execution holds the lock', () => {
    for (const seed of [1, 2, 3]) {
      sb.run('reset');
      const run = sb.runConcurrent([{ functionName: 'holdLong' }, { functionName: 'tryShort' }], { seed });
      expect(run.results[0].value).toBe('held');
      const [got, waited] = run.results[1].value as [boolean, number];
      expect(got).toBe(false);
      expect(waited).toBeGreaterThanOrEqual(5000);
      expect(waited).toBeLessThan(20000);
    }
  });

  test("waitLock throws Apps Script's message after its timeout", () => {
    sb.run('reset');
    const run = sb.runConcurrent([{ functionName: 'waitShort' }, { functionName: 'holdLong' }], { seed: 4 });
    expect(run.results[0].value).toEqual([true, LOCK_TIMEOUT_MESSAGE]);
  });

  test('two executions taking two locks in opposite order: the shorter wait times out, its end frees the other', () => {
    for (const seed of [1, 2, 3]) {
      const run = sb.runConcurrent([{ functionName: 'ab' }, { functionName: 'ba' }], { seed });
      expect(run.results.map((r) => r.value)).toEqual([false, true]);
      expect(run.results[0].modeledMs).toBeGreaterThanOrEqual(3200);
    }
  });

  test('the sandbox clock moves on past the longest execution', () => {
    sb.setClock(T0);
    sb.run('reset');
    const before = sb.state.clockMs;
    sb.runConcurrent([{ functionName: 'holdLong' }, { functionName: 'incUnlocked' }], { seed: 9 });
    expect(sb.state.clockMs).toBeGreaterThanOrEqual(before + 20000);
  });
});
