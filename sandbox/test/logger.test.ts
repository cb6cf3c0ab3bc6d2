import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { loggerService } from '../src/services/logger';
import { utilitiesService } from '../src/services/utilities';

// Only the modules under test are installed; keep the registry (and its other services) out.
jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

// Monday 5 January 2026, 09:07:05.009 in Jakarta.
const AT = Date.UTC(2026, 0, 5, 2, 7, 5, 9);

function newSandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-log-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(
    path.join(dir, 'Code.js'),
    `
function logs() {
  Logger.log('Hello %s, you have %s new', 'Ana', 'two');
  Logger.log(5);
  Logger.log({ a: 1, b: 'x' });
  return Logger.getLog();
}
function cleared() { Logger.log('one'); Logger.clear(); Logger.log('two'); return Logger.getLog(); }
function consoles() {
  console.log('plain', 1, { k: true });
  console.info('info');
  console.warn('careful');
  console.error('broken');
  console.time('t');
  Utilities.sleep(1500);
  console.timeEnd('t');
}
`,
  );
  return new Sandbox({ projectDir: dir, services: [loggerService, utilitiesService], owner: 'owner@example.org', clockMs: AT });
}

describe('Logger and console', () => {
  test('Logger.log formats and prints values as Apps Script does; getLog has timestamps', () => {
    const r = newSandbox().run('logs');
    expect(r.logs).toEqual(['INFO: Hello Ana, you have two new', 'INFO: 5.0', 'INFO: {a=1.0, b=x}']);
    const lines = (r.value as string).split('\n');
    // The milliseconds include the script's own running time, so only their first digit is fixed.
    expect(lines[0]).toMatch(/^\[26-01-05 09:07:05:\d\d\d WIB\] Hello Ana, you have two new$/);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  test('Logger.clear empties the log of this execution', () => {
    const r = newSandbox().run('cleared');
    expect(r.value).toMatch(/^\[[^\]]+\] two\n$/);
  });

  test('console writes to the execution log with levels, never to the host stdout', () => {
    const out = jest.spyOn(process.stdout, 'write');
    const hostLog = jest.spyOn(console, 'log');
    try {
      const r = newSandbox().run('consoles');
      expect(r.ok).toBe(true);
      expect(r.logs.slice(0, 4)).toEqual(['INFO: plain 1 { k: true }', 'INFO: info', 'WARNING: careful', 'ERROR: broken']);
      // The timer measures modeled time: the 1.5 s sleep plus the (small) cost of the call itself.
      const ms = Number(/^INFO: t: (\d+)ms$/.exec(r.logs[4])?.[1]);
      expect(ms).toBeGreaterThanOrEqual(1500);
      expect(ms).toBeLessThan(1600);
      expect(out).not.toHaveBeenCalled();
      expect(hostLog).not.toHaveBeenCalled();
    } finally {
      out.mockRestore();
      hostLog.mockRestore();
    }
  });
});
