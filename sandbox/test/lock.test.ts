import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { holdLock, lockService, releaseHostLocks } from '../src/services/lock';

// Only the modules under test are installed; keep the registry (and its other services) out.
jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

const T0 = Date.UTC(2026, 0, 5, 3);

function newSandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-lock-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(
    path.join(dir, 'Code.js'),
    `
function tryScript(ms) { var l = LockService.getScriptLock(); var before = l.hasLock(); var got = l.tryLock(ms); return [before, got, l.hasLock()]; }
function waitScript(ms) { var l = LockService.getScriptLock(); l.waitLock(ms); return l.hasLock(); }
function tryUser(ms) { return LockService.getUserLock().tryLock(ms); }
function tryDoc(ms) { return LockService.getDocumentLock().tryLock(ms); }
function takeAndKeep() { return LockService.getScriptLock().tryLock(0); }
function release() { var l = LockService.getScriptLock(); l.waitLock(1000); l.releaseLock(); return l.hasLock(); }
function waitError(ms) { try { LockService.getScriptLock().waitLock(ms); return 'acquired'; } catch (e) { return [e instanceof Error, e.message]; } }
`,
  );
  return new Sandbox({ projectDir: dir, services: [lockService], owner: 'owner@example.org', clockMs: T0 });
}

describe('LockService', () => {
  test('an uncontended lock is acquired at once', () => {
    const sb = newSandbox();
    const r = sb.run('tryScript', { args: [10000] });
    expect(r.value).toEqual([false, true, true]);
    expect(r.modeledMs).toBeLessThan(1000);
    expect(sb.run('release').value).toBe(false);
  });

  test('a lock held elsewhere is acquired after waiting, within the timeout', () => {
    const sb = newSandbox();
    holdLock(sb.state, 'script', T0 + 5000, 'other-execution');
    const r = sb.run('tryScript', { args: [10000] });
    expect(r.value).toEqual([false, true, true]);
    // The wait ends when the hold does: modeled waiting plus the script's own running time.
    expect(r.modeledMs + r.cpuMs).toBeGreaterThanOrEqual(5000);
    expect(r.modeledMs).toBeLessThan(10000);
  });

  test('tryLock returns false and waitLock throws after the timeout', () => {
    const sb = newSandbox();
    holdLock(sb.state, 'script', T0 + 60000, 'other-execution');
    const t = sb.run('tryScript', { args: [2000] });
    expect(t.value).toEqual([false, false, false]);
    expect(t.modeledMs).toBeGreaterThanOrEqual(2000);
    expect(t.modeledMs).toBeLessThan(60000);
    expect(sb.run('waitError', { args: [2000] }).value).toEqual([true, 'Lock timeout: another process was holding the lock for too long.']);
    expect(sb.run('waitScript', { args: [2000] }).ok).toBe(false);
    // Document locks are separate.
    expect(sb.run('tryDoc', { args: [0] }).value).toBe(true);
    // Once the other execution is done, the lock is free.
    sb.setClock(T0 + 60001);
    expect(sb.run('waitScript', { args: [0] }).value).toBe(true);
    holdLock(sb.state, 'script', T0 + 999999, 'again');
    releaseHostLocks(sb.state, 'again');
    expect(sb.run('tryScript', { args: [0] }).value).toEqual([false, true, true]);
  });

  test('a lock the script does not release ends with its execution', () => {
    const sb = newSandbox();
    expect(sb.run('takeAndKeep').value).toBe(true);
    expect(sb.run('takeAndKeep').value).toBe(true);
  });

  test("user locks block only that user's executions", () => {
    const sb = newSandbox();
    holdLock(sb.state, 'user', T0 + 60000, 'a@example.org');
    expect(sb.run('tryUser', { user: 'a@example.org', args: [1000] }).value).toBe(false);
    expect(sb.run('tryUser', { user: 'b@example.org', args: [1000] }).value).toBe(true);
  });
});
