/**
 * Each action reads each tab it needs at most once and writes each at most once, so its service
 * calls do not grow with the workbook. Checked at 10 and at 10,000 plan rows of one month (a
 * month's request is stored as ID runs, "K-00001..K-10000 v1", so it fits Sheets' 50,000-character
 * cell; see test/core/approval/record.test.ts).
 */
import type { Sandbox } from '../../sandbox/src/sandbox';
import { appendRow, pasteBlock } from '../../sandbox/src/actions';
import { webAppRequest } from '../../sandbox/src/webapp';
import { newSandbox } from './project';
import { HELD_LOG_PREFIX, runTrigger, submitPageForm, submitPageLink } from './helpers';
import { sheetView } from '../../sandbox/src/actions';

function scriptProps(sb: Sandbox): Record<string, string> {
  return (sb.state.services.properties as { script?: Record<string, string> } | undefined)?.script ?? {};
}

const KABAG = 'kabag@mk.example.id';
const STAFF = 'andi@mk.example.id';
const PERIOD = '2026-12';
const LARGE = 10000;

function workbook(n: number): Sandbox {
  const sb = newSandbox({ bulk: true });
  sb.run('menuSetup', { kind: 'menu', user: KABAG });
  const people = [
    { Email: 'kasubbag@mk.example.id', Nama: 'Sri Wahyuni', Peran: 'Kasubbag' },
    { Email: STAFF, Nama: 'Andi Pratama', Peran: 'PNS' },
  ];
  const rows = Array.from({ length: n }, (_, i) => ({
    ID: `K-${String(i + 1).padStart(5, '0')}`,
    Periode: PERIOD,
    'Rencana Tayang': new Date(Date.UTC(2026, 11, 1 + (i % 28), -7)),
    'Kegiatan/Informasi': `Sidang perkara ${i + 1}`,
    Platform: 'Instagram, X',
    PIC: STAFF,
    Status: 'Draf',
    Versi: 1,
  }));
  for (const [tab, records] of [
    ['Pengguna', people],
    ['Konsep Konten', rows],
  ] as const) {
    const r = sb.run('zzTestAppendRows', { kind: 'editor', args: [tab, records], budgetMs: Number.MAX_SAFE_INTEGER });
    if (!r.ok) throw new Error(r.error?.message);
  }
  return sb;
}

/** Calls per Service.method of one execution. */
function methods(r: ReturnType<Sandbox['run']>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of r.calls) out[`${c.service}.${c.method}`] = (out[`${c.service}.${c.method}`] ?? 0) + 1;
  return out;
}

function reads(m: Record<string, number>): number {
  return (m['SpreadsheetApp.Range.getValues'] ?? 0) + (m['SpreadsheetApp.Range.getDisplayValues'] ?? 0) + (m['SpreadsheetApp.Sheet.getSheetValues'] ?? 0);
}

describe('service calls do not grow with the workbook', () => {
  const sizes = [10, LARGE];
  const submit: Record<number, Record<string, number>> = {};
  const edit: Record<number, Record<string, number>> = {};
  let large: Sandbox | undefined;

  beforeAll(() => {
    for (const n of sizes) {
      const sb = workbook(n);
      // Not Mendesak: the request mail waits for the digest (the usual path).
      // Her menu checks the month; the submission page's POST (the owner's web app) records it.
      const r = sb.run('menuSubmitConcept', { kind: 'menu', user: STAFF, replies: [{ button: 'OK', text: PERIOD }, { button: 'NO' }, { button: 'OK' }] });
      if (!r.ok) throw new Error(`${r.error?.message} ${JSON.stringify(r.ui)}`);
      const url = submitPageLink(r);
      const form = submitPageForm(webAppRequest(sb, { method: 'GET', url, user: STAFF }).body);
      const page = webAppRequest(sb, { method: 'POST', url: url.split('?')[0], form: form ?? {}, user: STAFF }).body;
      expect(page).toContain('Pengajuan tercatat');
      submit[n] = methods(sb.history[sb.history.length - 1]);
      // A person adds one more row: onEdit assigns its ID.
      const res = appendRow(sb, STAFF, 'Konsep Konten', { 'Kegiatan/Informasi': 'Baris baru' });
      const last = res.executions[res.executions.length - 1] as unknown as { calls?: Array<{ service: string; method: string }> };
      const run = sb.history[sb.history.length - 1];
      expect(run.functionName).toBe('onEdit');
      void last;
      edit[n] = methods(run);
      if (n === LARGE) large = sb;
    }
  }, 180000);

  test('submitting the month makes the same calls at 10 and at 10,000 rows', () => {
    // The Log's lines go into its blank rows when they are enough; 10,000 lines are more than a
    // new workbook's blank rows, so rows are inserted there once (one call, whatever the size).
    const insert = 'SpreadsheetApp.Sheet.insertRowsAfter';
    const without = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== insert));
    expect(without(submit[LARGE])).toEqual(without(submit[10]));
    expect(submit[10][insert] ?? 0).toBe(0);
    expect(submit[LARGE][insert]).toBe(1);
  });

  test("a staff paste of 2,000 new rows holds its 2,000 Log lines in several entries under Google's 9 KB, and the owner's trigger moves each line once", () => {
    const sb = large!;
    const first = sheetView(sb, 'Konsep Konten').rows.length + 2;
    const lines = Array.from({ length: 2000 }, (_v, i) => [`Baris tempel ${i + 1}`]);
    const col = String.fromCharCode(65 + sheetView(sb, 'Konsep Konten').headers.indexOf('Kegiatan/Informasi'));
    pasteBlock(sb, STAFF, 'Konsep Konten', `${col}${first}`, lines);
    const held = Object.entries(scriptProps(sb)).filter(([k]) => k.startsWith(HELD_LOG_PREFIX));
    expect(held.length).toBeGreaterThan(2);
    for (const [, v] of held) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(9 * 1024);
    expect(runTrigger(sb, 'triggerDigest', sb.state.owner).ok).toBe(true);
    expect(Object.keys(scriptProps(sb)).filter((k) => k.startsWith(HELD_LOG_PREFIX))).toEqual([]);
    const log = sheetView(sb, 'Log');
    const aksi = log.headers.indexOf('Aksi');
    const objek = log.headers.indexOf('Objek');
    const added = log.rows.filter((r) => r[aksi] === 'Baris baru').map((r) => r[objek]);
    expect(added.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(added).size).toBe(added.length);
  }, 120000);

  test('submitting reads each tab at most once and writes the plan once per changed column run', () => {
    // Tabs read: Pengguna, Pengaturan, Strategi, Konsep Konten, Persetujuan (and nothing twice).
    expect(reads(submit[10])).toBeLessThanOrEqual(6);
    expect(submit[10]['SpreadsheetApp.Range.setValue'] ?? 0).toBe(0);
  });

  test('onEdit for a new row makes the same calls at 10 and at 10,000 rows', () => {
    expect(edit[LARGE]).toEqual(edit[10]);
    expect(reads(edit[10])).toBeLessThanOrEqual(4);
  });
});
