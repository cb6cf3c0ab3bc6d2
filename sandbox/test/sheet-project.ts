/**
 * A throwaway sandbox project of one Code.js over one bound workbook (SpreadsheetApp only), for the
 * spreadsheet tests: each test file makes its projects with `sheetProject`, and the folders go when
 * the file is done.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExecutionResult, RunOptions, Sandbox } from '../src/sandbox';
import { spreadsheetService } from '../src/services/spreadsheet';

export const OWNER = 'owner@example.org';

/** Makes projects for one test file and removes their folders after it. Call at the file's top level. */
export function sheetProjects(prefix: string): (source: string) => Sandbox {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return (source) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
    writeFileSync(path.join(dir, 'Code.js'), source);
    return new Sandbox({ projectDir: dir, owner: OWNER, clockMs: Date.UTC(2026, 0, 5, 3, 0, 0), services: [spreadsheetService] });
  };
}

/** Runs `fn`; fails the test with the script's error when it throws. */
export function ok(sb: Sandbox, fn: string, opts: RunOptions = {}): ExecutionResult {
  const r = sb.run(fn, opts);
  if (!r.ok) throw new Error(`${fn} failed: ${r.error?.message}`);
  return r;
}

/** Runs `fn`, which must throw; returns the script error's message. */
export function errorOf(sb: Sandbox, fn: string, opts: RunOptions = {}): string {
  const r = sb.run(fn, opts);
  expect(r.ok).toBe(false);
  return r.error?.message ?? '';
}
