/**
 * What onOpen and onEdit keep in the document cache (the language, the tab map) follows the
 * workbook: a settings change, a renamed tab and a repair run are seen at once. And a repair run
 * keeps the column widths people chose.
 */
import { editCell, openWorkbook, renameTab, tracked } from '../../sandbox/src/actions';
import { Sandbox } from '../../sandbox/src/sandbox';
import { addPeople, records, setSetting, STAFF, KABAG } from './helpers';
import { testProject } from './project';

const WIDTH = 'function zzWidth(tab, col) { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab).getColumnWidth(col); }\n' +
  'function zzSetWidth(tab, col, w) { SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab).setColumnWidth(col, w); }\n';

function workbook(): Sandbox {
  const sb = new Sandbox({ projectDir: testProject({ extra: { 'zz-width.js': WIDTH } }), owner: KABAG, clockMs: Date.UTC(2026, 10, 30, 2, 0) });
  expect(sb.run('menuSetup', { kind: 'menu', user: KABAG }).ok).toBe(true);
  addPeople(sb);
  return sb;
}

function captions(sb: Sandbox, user: string): string[] {
  const siaran = openWorkbook(sb, user).menus.find((m) => m.name === 'Siaran');
  return (siaran?.items ?? []).flatMap((i) => ('caption' in i ? [i.caption] : []));
}

function cacheCalls(r: { calls: Array<{ service: string }> }): number {
  return r.calls.filter((c) => c.service === 'CacheService').length;
}

describe('the document cache of onOpen and onEdit', () => {
  test('onOpen reads the language once, and sees a change to Pengaturan at the next open', () => {
    const sb = workbook();
    expect(captions(sb, STAFF)).toContain('Buka panel');
    const warm = tracked(sb, () => openWorkbook(sb, STAFF)).executions[0];
    // A warm open reads no tab at all.
    expect(warm.calls.some((c) => c.method === 'Range.getValues')).toBe(false);
    setSetting(sb, 'bahasa', 'en');
    expect(captions(sb, STAFF)).toContain('Open panel');
    setSetting(sb, 'bahasa', 'id');
    expect(captions(sb, STAFF)).toContain('Buka panel');
  });

  test('onEdit finds a renamed tab from the cached map and gives a new row its ID', () => {
    const sb = workbook();
    editCell(sb, STAFF, 'Konsep Konten', 'C2', 'Kegiatan pertama');
    renameTab(sb, KABAG, 'Konsep Konten', 'Rencana');
    const { executions } = tracked(sb, () => editCell(sb, STAFF, 'Rencana', 'C3', 'Kegiatan kedua'));
    expect(executions[0].ok).toBe(true);
    expect(cacheCalls(executions[0])).toBe(1);
    expect(records(sb, 'Rencana').map((r) => r.ID)).toEqual(['K-0001', 'K-0002']);
  });

  test('a repair run keeps the widths people chose; a new tab gets the schema widths', () => {
    const sb = workbook();
    const before = sb.run('zzWidth', { kind: 'editor', args: ['Konsep Konten', 3] }).value as number;
    expect(before).not.toBe(100); // setup gave the schema width to the new tab's column
    sb.run('zzSetWidth', { kind: 'editor', args: ['Konsep Konten', 3, 333] });
    expect(sb.run('menuSetup', { kind: 'menu', user: KABAG }).ok).toBe(true);
    expect(sb.run('zzWidth', { kind: 'editor', args: ['Konsep Konten', 3] }).value).toBe(333);
  });
});
