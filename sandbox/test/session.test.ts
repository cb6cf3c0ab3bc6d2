import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { sessionService, setUserLocale } from '../src/services/session';

// Only the modules under test are installed; keep the registry (and its other services) out.
jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

function newSandbox(manifest: Record<string, unknown> = {}): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-session-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8', ...manifest }));
  writeFileSync(
    path.join(dir, 'Code.js'),
    `
function who() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), String(Session.getActiveUser())]; }
function tz() { return Session.getScriptTimeZone(); }
function locale() { return Session.getActiveUserLocale(); }
function key() { return Session.getTemporaryActiveUserKey(); }
function doGet() { return who(); }
`,
  );
  return new Sandbox({ projectDir: dir, services: [sessionService], owner: 'owner@example.org', clockMs: Date.UTC(2026, 0, 5) });
}

describe('Session', () => {
  test('active and effective users', () => {
    const sb = newSandbox({ webapp: { executeAs: 'USER_DEPLOYING', access: 'ANYONE' } });
    expect(sb.run('who', { user: 'editor@example.org' }).value).toEqual(['editor@example.org', 'editor@example.org', 'editor@example.org']);
    // A web app executing as the deployer: the visitor is unknown (''), the code runs as the owner.
    expect(sb.run('doGet', { kind: 'webapp', user: '' }).value).toEqual(['', 'owner@example.org', '']);
  });

  test('script time zone from the manifest', () => {
    expect(newSandbox().run('tz').value).toBe('Asia/Jakarta');
  });

  test("the user's locale: 'id' by default, configurable per user", () => {
    const sb = newSandbox();
    expect(sb.run('locale').value).toBe('id');
    setUserLocale(sb.state, 'en@example.org', 'en');
    expect(sb.run('locale', { user: 'en@example.org' }).value).toBe('en');
    expect(sb.run('locale', { user: 'x@example.org' }).value).toBe('id');
    setUserLocale(sb.state, '*', 'en_GB');
    expect(sb.run('locale', { user: 'x@example.org' }).value).toBe('en_GB');
  });

  test('the temporary user key is stable per user and differs between users', () => {
    const sb = newSandbox();
    const a1 = sb.run('key', { user: 'a@example.org' }).value;
    const a2 = sb.run('key', { user: 'a@example.org' }).value;
    const b = sb.run('key', { user: 'b@example.org' }).value;
    expect(typeof a1).toBe('string');
    expect((a1 as string).length).toBeGreaterThan(20);
    expect(a1).toBe(a2);
    expect(a1).not.toBe(b);
  });
});
