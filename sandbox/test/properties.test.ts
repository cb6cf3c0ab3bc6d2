import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { propertiesService } from '../src/services/properties';

// Only the modules under test are installed; keep the registry (and its other services) out.
jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

function newSandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-props-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(
    path.join(dir, 'Code.js'),
    `
var sp = function () { return PropertiesService.getScriptProperties(); };
function set(k, v) { sp().setProperty(k, v); }
function get(k) { return sp().getProperty(k); }
function typeOf(k) { return typeof sp().getProperty(k); }
function all() { return JSON.stringify(sp().getProperties()); }
function keys() { return sp().getKeys().sort(); }
function setMany(obj, del) { sp().setProperties(obj, del); }
function del(k) { sp().deleteProperty(k); }
function delAll() { sp().deleteAllProperties(); }
function copyIsNotLive() { var p = sp().getProperties(); p.x = 'changed'; return sp().getProperty('x'); }
function chain() { return sp().setProperty('a', '1').setProperty('b', '2').getKeys().length; }
function setUser(v) { PropertiesService.getUserProperties().setProperty('pref', v); }
function getUser() { return PropertiesService.getUserProperties().getProperty('pref'); }
function setDoc(v) { PropertiesService.getDocumentProperties().setProperty('doc', v); }
function getDoc() { return PropertiesService.getDocumentProperties().getProperty('doc'); }
function big(n) { sp().setProperty('big', new Array(n + 1).join('x')); }
function fill(count, size) { var v = new Array(size + 1).join('y'); for (var i = 0; i < count; i++) sp().setProperty('k' + i, v); }
function errorIsError(n) { try { big(n); return 'no error'; } catch (e) { return [e instanceof Error, e.message]; } }
`,
  );
  return new Sandbox({ projectDir: dir, services: [propertiesService], owner: 'owner@example.org', clockMs: Date.UTC(2026, 0, 5) });
}

describe('PropertiesService', () => {
  test('values persist between executions as strings; missing keys are null', () => {
    const sb = newSandbox();
    sb.run('set', { args: ['n', 42] });
    sb.run('set', { args: ['flag', true] });
    expect(sb.run('get', { args: ['n'] }).value).toBe('42');
    expect(sb.run('typeOf', { args: ['n'] }).value).toBe('string');
    expect(sb.run('get', { args: ['flag'] }).value).toBe('true');
    expect(sb.run('get', { args: ['missing'] }).value).toBeNull();
    expect(sb.run('keys').value).toEqual(['flag', 'n']);
    expect(sb.run('chain').value).toBe(4);
  });

  test('getProperties returns a copy; setProperties merges or replaces', () => {
    const sb = newSandbox();
    sb.run('set', { args: ['x', 'orig'] });
    expect(sb.run('copyIsNotLive').value).toBe('orig');
    sb.run('setMany', { args: [{ a: 1, b: 'two' }] });
    expect(JSON.parse(sb.run('all').value as string)).toEqual({ x: 'orig', a: '1', b: 'two' });
    sb.run('setMany', { args: [{ c: 'only' }, true] });
    expect(JSON.parse(sb.run('all').value as string)).toEqual({ c: 'only' });
    sb.run('del', { args: ['c'] });
    expect(sb.run('keys').value).toEqual([]);
    sb.run('setMany', { args: [{ a: 1, b: 2 }] });
    sb.run('delAll');
    expect(sb.run('all').value).toBe('{}');
  });

  test('user properties belong to each user; document properties are shared', () => {
    const sb = newSandbox();
    sb.run('setUser', { user: 'a@example.org', args: ['metric'] });
    sb.run('setUser', { user: 'b@example.org', args: ['imperial'] });
    expect(sb.run('getUser', { user: 'a@example.org' }).value).toBe('metric');
    expect(sb.run('getUser', { user: 'b@example.org' }).value).toBe('imperial');
    expect(sb.run('getUser', { user: 'c@example.org' }).value).toBeNull();
    sb.run('setDoc', { user: 'a@example.org', args: ['shared'] });
    expect(sb.run('getDoc', { user: 'b@example.org' }).value).toBe('shared');
  });

  test('a value over 9 KB is refused with "Argument too large: value"', () => {
    const sb = newSandbox();
    expect(sb.run('big', { args: [9 * 1024] }).ok).toBe(true);
    expect(sb.run('errorIsError', { args: [9 * 1024 + 1] }).value).toEqual([true, 'Argument too large: value']);
  });

  test('a store over 500 KB is refused and left unchanged', () => {
    const sb = newSandbox();
    // 500 KB = 512,000 bytes of keys and values: 63 entries of 8,000 bytes fit ('k0'..'k62', 504,179
    // bytes), the 64th does not (512,182).
    expect(sb.run('fill', { args: [60, 8000] }).ok).toBe(true);
    const r = sb.run('fill', { args: [65, 8000] });
    expect(r.error?.message).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect((sb.run('keys').value as string[]).length).toBe(63);
    expect(sb.run('get', { args: ['k62'] }).value).toHaveLength(8000);
    expect(sb.run('get', { args: ['k63'] }).value).toBeNull();
  });

  test('calls are billed as property reads and writes', () => {
    const sb = newSandbox();
    const r = sb.run('set', { args: ['a', 'b'] });
    expect(r.calls.map((c) => c.method)).toEqual(['script.setProperty']);
    expect(r.modeledMs).toBeGreaterThan(0);
  });
});
