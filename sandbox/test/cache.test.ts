import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { cacheService } from '../src/services/cache';

// Only the modules under test are installed; keep the registry (and its other services) out.
jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

const T0 = Date.UTC(2026, 0, 5, 3);

function newSandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-cache-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(
    path.join(dir, 'Code.js'),
    `
var c = function () { return CacheService.getScriptCache(); };
function put(k, v, ttl) { if (ttl === undefined) c().put(k, v); else c().put(k, v, ttl); }
function get(k) { return c().get(k); }
function putAll(obj, ttl) { c().putAll(obj, ttl); }
function getAll(keys) { return JSON.stringify(c().getAll(keys)); }
function remove(k) { c().remove(k); }
function removeAll(keys) { c().removeAll(keys); }
function putUser(v) { CacheService.getUserCache().put('u', v); }
function getUser() { return CacheService.getUserCache().get('u'); }
function bigValue(n) { c().put('big', new Array(n + 1).join('x')); }
function longKey(n) { c().put(new Array(n + 1).join('k'), 'v'); }
`,
  );
  return new Sandbox({ projectDir: dir, services: [cacheService], owner: 'owner@example.org', clockMs: T0 });
}

describe('CacheService', () => {
  test('put/get with the default 10-minute expiry by the sandbox clock', () => {
    const sb = newSandbox();
    sb.run('put', { args: ['a', 'one'] });
    expect(sb.run('get', { args: ['a'] }).value).toBe('one');
    sb.setClock(T0 + 599 * 1000);
    expect(sb.run('get', { args: ['a'] }).value).toBe('one');
    sb.setClock(T0 + 601 * 1000);
    expect(sb.run('get', { args: ['a'] }).value).toBeNull();
  });

  test('a custom expiry, capped at 6 hours', () => {
    const sb = newSandbox();
    sb.run('put', { args: ['short', 's', 5] });
    sb.run('put', { args: ['long', 'l', 100000] });
    sb.setClock(T0 + 6000);
    expect(sb.run('get', { args: ['short'] }).value).toBeNull();
    sb.setClock(T0 + 21599 * 1000);
    expect(sb.run('get', { args: ['long'] }).value).toBe('l');
    sb.setClock(T0 + 21601 * 1000);
    expect(sb.run('get', { args: ['long'] }).value).toBeNull();
  });

  test('putAll, getAll (only keys present), remove and removeAll', () => {
    const sb = newSandbox();
    sb.run('putAll', { args: [{ a: '1', b: '2', c: '3' }, 60] });
    expect(JSON.parse(sb.run('getAll', { args: [['a', 'b', 'zz']] }).value as string)).toEqual({ a: '1', b: '2' });
    sb.run('remove', { args: ['a'] });
    sb.run('removeAll', { args: [['b']] });
    expect(JSON.parse(sb.run('getAll', { args: [['a', 'b', 'c']] }).value as string)).toEqual({ c: '3' });
    sb.setClock(T0 + 61000);
    expect(sb.run('get', { args: ['c'] }).value).toBeNull();
  });

  test('user caches are per user', () => {
    const sb = newSandbox();
    sb.run('putUser', { user: 'a@example.org', args: ['A'] });
    expect(sb.run('getUser', { user: 'a@example.org' }).value).toBe('A');
    expect(sb.run('getUser', { user: 'b@example.org' }).value).toBeNull();
  });

  test('values up to 100 KB and keys up to 250 characters', () => {
    const sb = newSandbox();
    expect(sb.run('bigValue', { args: [100 * 1024] }).ok).toBe(true);
    expect(sb.run('bigValue', { args: [100 * 1024 + 1] }).error?.message).toBe('Argument too large: value');
    expect(sb.run('longKey', { args: [250] }).ok).toBe(true);
    expect(sb.run('longKey', { args: [251] }).error?.message).toBe('Argument too large: key');
  });
});
