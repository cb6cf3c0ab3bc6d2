/** The CLI's concurrent verb and mail-quota setting (in-process through runCli). */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli';

const CODE = `
function bump() {
  var p = PropertiesService.getScriptProperties();
  p.setProperty('n', String(Number(p.getProperty('n') || 0) + 1));
  return Session.getActiveUser().getEmail();
}
function read() { return Number(PropertiesService.getScriptProperties().getProperty('n') || 0); }
function clear() { PropertiesService.getScriptProperties().deleteAllProperties(); }
function quota() { return MailApp.getRemainingDailyQuota(); }
`;

function fixture(): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-cli-conc-'));
  const project = path.join(dir, 'project');
  mkdirSync(project);
  writeFileSync(path.join(project, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(path.join(project, 'Code.js'), CODE);
  return ['--project', project, '--data', path.join(dir, 'data')];
}

describe('gas-sandbox concurrent', () => {
  test('runs the functions at once; a seed replays; some seed loses an update', async () => {
    const base = fixture();
    const once = async (seed: number) => {
      await runCli([...base, 'run', 'clear']);
      const out = (await runCli([...base, '--as', 'ana@example.org', '--seed', String(seed), 'concurrent', 'bump', 'bump', 'bump'])) as {
        seed: number;
        schedule: number[];
        results: Array<{ functionName: string; ok: boolean; value: unknown }>;
      };
      const n = ((await runCli([...base, 'run', 'read'])) as { value: number }).value;
      return { out, n };
    };
    const first = await once(3);
    expect(first.out.seed).toBe(3);
    expect(first.out.results.map((r) => [r.functionName, r.ok, r.value])).toEqual([
      ['bump', true, 'ana@example.org'],
      ['bump', true, 'ana@example.org'],
      ['bump', true, 'ana@example.org'],
    ]);
    expect((await once(3)).out.schedule).toEqual(first.out.schedule);
    const counts: number[] = [];
    for (let seed = 1; seed <= 6; seed++) counts.push((await once(seed)).n);
    expect(counts.every((n) => n >= 1 && n <= 3)).toBe(true);
    expect(counts.some((n) => n < 3)).toBe(true);
  }, 120_000);
});

describe('mail quota setting', () => {
  test('100 by default (consumer), 1500 with --mail-quota or SANDBOX_MAIL_QUOTA (Workspace)', async () => {
    const a = fixture();
    expect(((await runCli([...a, 'run', 'quota'])) as { value: number }).value).toBe(100);
    expect(((await runCli([...a, '--mail-quota', '1500', 'run', 'quota'])) as { value: number }).value).toBe(1500);
    // It is kept in the state.
    expect(((await runCli([...a, 'run', 'quota'])) as { value: number }).value).toBe(1500);
    const b = fixture();
    expect(((await runCli([...b, 'run', 'quota'], { env: { SANDBOX_MAIL_QUOTA: '1500' } })) as { value: number }).value).toBe(1500);
    await expect(runCli([...b, '--mail-quota', 'lots', 'run', 'quota'])).rejects.toThrow(/mail quota must be a whole number/);
  });
});
