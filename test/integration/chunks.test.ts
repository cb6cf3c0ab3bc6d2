/**
 * The ServerExtras chunk (scripts/build.mjs): the report, records export, insight import and demo
 * code live in dist/ServerExtras.html and are read only by the executions that call into them.
 * Everyday executions (onOpen, onEdit, a panel call) never read it; an action behind a gate reads
 * it once per execution and works through the modules Code.js shares with it.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { editCell } from '../../sandbox/src/actions';
import { KABAG, newWorkbook, TAB } from './helpers';

type Run = { calls: Array<{ service: string; method: string }> };
const chunkReads = (r: Run) => r.calls.filter((c) => c.service === 'HtmlService' && c.method === 'createHtmlOutputFromFile').length;

describe('the ServerExtras chunk', () => {
  test('dist has the chunk as a project HTML file, and Code.js does not hold its code', () => {
    const file = path.resolve(__dirname, '../../dist/ServerExtras.html');
    expect(existsSync(file)).toBe(true);
    const chunk = readFileSync(file, 'utf8');
    const code = readFileSync(path.resolve(__dirname, '../../dist/Code.js'), 'utf8');
    // The report's fixed text is in the chunk only.
    expect(chunk).toContain('PENGELOLAAN MEDIA SOSIAL BULAN');
    expect(code).not.toContain('PENGELOLAAN MEDIA SOSIAL BULAN');
  });

  test('onOpen, an onEdit and a panel call do not read it; a gated action reads it once and works', () => {
    const sb = newWorkbook();
    const open = sb.run('onOpen', { kind: 'simpleTrigger', user: KABAG });
    expect(open.ok).toBe(true);
    expect(chunkReads(open)).toBe(0);

    const edit = editCell(sb, KABAG, TAB.konsep, 'B2', '2026-05');
    expect(edit.executions.length).toBeGreaterThan(0);
    // The onEdit report counts calls per service: no HtmlService call at all.
    for (const e of edit.executions) expect(e.callsByService.HtmlService ?? 0).toBe(0);

    const who = sb.run('apiWhoAmI', { kind: 'scriptRun', user: KABAG });
    expect(who.ok).toBe(true);
    expect(chunkReads(who)).toBe(0);

    // Preview of an insight export: the import code is in the chunk; it answers with a Result.
    const preview = sb.run('apiPreviewInsights', {
      kind: 'scriptRun',
      user: KABAG,
      args: [{ fileName: 'ig.csv', content: 'Tanggal,Jangkauan\n2026-05-01,10\n', platform: 'Instagram' }],
    });
    expect(preview.ok).toBe(true);
    expect(chunkReads(preview)).toBe(1);
    expect(typeof (preview.value as { ok: boolean }).ok).toBe('boolean');
  });
});
