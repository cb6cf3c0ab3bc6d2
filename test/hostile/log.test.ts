/**
 * The Log against its own editors: only the owner's executions write it (a hard protection for the
 * owner). A staff member's actions hold their lines in script properties, and the owner's trigger
 * moves them into the Log marked as reported; a held entry she forges lands only as such a line,
 * which neither the journal (an interrupted decision) nor the report counts. See SECURITY.md.
 */
import type { Sandbox } from '../../sandbox/src/sandbox';
import { editCell } from '../../sandbox/src/actions';
import * as script from '../../sandbox/src/services/script';
import { MAX_STORE_BYTES } from '../../sandbox/src/services/properties';
import {
  api,
  cutPoints,
  journalRow,
  ApiAnswer,
  expectPlainMessage,
  KABAG,
  KASUBBAG,
  latestToken,
  logEntries,
  postWithBudget,
  restoreState,
  runMenu,
  saveState,
  snapshotWorkbook,
  STAFF,
  submitMay,
  TAB,
  world,
} from './catalogue';
import { flushHeldLog, heldLogKeys, records, runTrigger } from '../integration/helpers';

const MARK = (user: string) => ` [dilaporkan dari eksekusi ${user}]`;

function scriptProps(sb: Sandbox): Record<string, string> {
  const services = sb.state.services as { properties?: { script: Record<string, string> } };
  if (!services.properties) services.properties = { script: {}, user: {}, document: {} } as never;
  return services.properties!.script;
}

/** A staff member's own script run (from the script editor) of a test-only helper. */
/** A staff member adds a June plan item in her panel: her execution holds its Log line ("Tambah konsep"). */
function addJune(sb: Sandbox, activity = 'Infografik Juni'): ApiAnswer<{ id: string }> {
  return api<{ id: string }>(sb, 'apiSaveConcept', STAFF, { period: '2026-06', date: '2026-06-10', activity, category: '', platforms: ['Instagram'], pic: STAFF, description: '' });
}

function ownScript(sb: Sandbox, user: string, fn: string, ...args: unknown[]) {
  return sb.run(fn, { kind: 'editor', user, args });
}

describe('the Log: only the owner writes it', () => {
  it("a staff member's own script cannot write or clear a Log row, nor can she by hand: Sheets refuses (protected cell), the Log is unchanged", () => {
    const sb = world();
    submitMay(sb, STAFF);
    const before = JSON.stringify(logEntries(sb));
    expect(JSON.parse(before).length).toBeGreaterThan(2);
    const write = ownScript(sb, STAFF, 'zzSetCell', TAB.log, 0, 'Detail', 'tidak pernah terjadi');
    expect(write.ok).toBe(false);
    expect(write.error?.message).toMatch(/protected cell or object/);
    const clear = ownScript(sb, STAFF, 'zzClearRow', TAB.log, 1);
    expect(clear.ok).toBe(false);
    expect(clear.error?.message).toMatch(/protected cell or object/);
    expect(() => editCell(sb, STAFF, TAB.log, 'F3', 'diubah')).toThrow(/protected/);
    expect(JSON.stringify(logEntries(sb))).toBe(before);
  });

  it("a staff member's lines land through the owner's trigger, with their time and user, marked as reported; the owner's own lines are not marked", () => {
    const sb = world();
    const t0 = sb.state.clockMs;
    expect(addJune(sb).ok).toBe(true);
    // Held, not written: the Log itself does not have it until the owner's trigger runs.
    expect(heldLogKeys(sb).length).toBeGreaterThan(0);
    const added = logEntries(sb).filter((l) => l.Aksi === 'Tambah konsep');
    expect(heldLogKeys(sb)).toEqual([]);
    expect(added).toHaveLength(1);
    expect(added[0].Pengguna).toBe(STAFF);
    expect(added[0].Detail.endsWith(MARK(STAFF))).toBe(true);
    expect(new Date(added[0].Waktu).getTime()).toBeLessThanOrEqual(t0 + 60000);
    // Her submission is recorded by the owner's web app (the submission page): its lines are not reported ones.
    expect(submitMay(sb, STAFF).ok).toBe(true);
    const submitted = logEntries(sb).filter((l) => l.Aksi === 'Permintaan persetujuan dibuat');
    expect(submitted).toHaveLength(1);
    expect(submitted[0].Pengguna).toBe(STAFF);
    expect(submitted[0].Detail).not.toMatch(/dilaporkan dari eksekusi/);
    // The Kasubbag decides through the owner's web app: its lines are the owner's execution's.
    const decided = records(sb, TAB.log).length;
    const post = postWithBudget(sb, { t: latestToken(sb, KASUBBAG), aksi: 'setujui-semua' }, KASUBBAG, 6 * 60 * 1000);
    expect(post.ok).toBe(true);
    const own = logEntries(sb).slice(decided).filter((l) => l.Pengguna === KASUBBAG);
    expect(own.length).toBeGreaterThan(0);
    for (const l of own) expect(l.Detail).not.toMatch(/dilaporkan dari eksekusi/);
  });

  it('a held entry a staff member forges "as the Kabag" lands only as a reported line naming the Kabag; a broken one is dropped with one line', () => {
    const sb = world();
    const at = Date.UTC(2026, 3, 1, 2, 0);
    // The held format (context.ts holdLogLines): each text once in s, lines as indexes into it.
    const s = [KABAG, '1', 'Simpan strategi', '2026-05', '=HYPERLINK("http://x","strategi")', '—', 'Cetak arsip', 'PDF: palsu'];
    const forged = JSON.stringify({ t: at, s, l: [[0, 0, 1, 2, 3, 4], [0, 0, 5, 6, 3, 7]] });
    expect(ownScript(sb, STAFF, 'zzSetScriptProperty', 'siaran.catat.000000000000001.palsu00000.000', forged).ok).toBe(true);
    expect(ownScript(sb, STAFF, 'zzSetScriptProperty', 'siaran.catat.000000000000002.rusak00000.000', '{"l":[[1,"x"]]}').ok).toBe(true);
    const log = logEntries(sb);
    const claimed = log.filter((l) => l.Pengguna === KABAG && (l.Aksi === 'Simpan strategi' || l.Aksi === 'Cetak arsip'));
    expect(claimed.map((l) => [l.Aksi, l.Detail])).toEqual([
      ['Simpan strategi', `=HYPERLINK("http://x","strategi")${MARK(KABAG)}`],
      ['Cetak arsip', `PDF: palsu${MARK(KABAG)}`],
    ]);
    const dropped = log.filter((l) => l.Aksi === 'Catatan titipan tidak terbaca');
    expect(dropped).toHaveLength(1);
    expect(dropped[0].Detail).not.toContain('"x"');
    expect(heldLogKeys(sb)).toEqual([]);
  });

  it('a forged reported line claiming an interrupted decision\'s Log does not count: the owner\'s repair still writes the decision\'s lines', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const form = { t: latestToken(sb, KASUBBAG), aksi: 'setujui-semua' };
    flushHeldLog(sb);
    const saved = saveState(sb);
    const full = postWithBudget(sb, form, KASUBBAG, 6 * 60 * 1000);
    expect(full.ok).toBe(true);
    const decisionLines = (s: Sandbox) => logEntries(s).filter((l) => l.Pengguna === KASUBBAG && /K-000[12]/.test(l.Objek) && !/dilaporkan dari eksekusi/.test(l.Detail));
    expect(decisionLines(sb).length).toBeGreaterThan(0);
    // Cut the decision after the journal and statuses are written but before its Log lines.
    let found = false;
    for (const point of cutPoints(full.calls)) {
      restoreState(sb, saved);
      const cut = postWithBudget(sb, form, KASUBBAG, point.at);
      if (cut.ok) break;
      const row = journalRow(sb);
      if (!row || decisionLines(sb).length) continue;
      const j = (JSON.parse(row.Keputusan) as { jurnal: { at: string; user: string } }).jurnal;
      // She reads the marker and forges the decision's Log line, as if it had landed.
      const entry = { t: Date.parse(j.at), s: [j.user, '3', 'Keputusan', 'K-0001', 'Disetujui'], l: [[0, 0, 1, 2, 3, 4]] };
      expect(ownScript(sb, STAFF, 'zzSetScriptProperty', 'siaran.catat.000000000000003.palsu00000.000', JSON.stringify(entry)).ok).toBe(true);
      expect(runTrigger(sb, 'triggerHourly', KABAG).ok).toBe(true);
      found = true;
      break;
    }
    expect(found).toBe(true);
    expect(journalRow(sb)).toBeUndefined();
    // The forged line is there, marked; the decision's own lines were written by the owner's repair.
    expect(logEntries(sb).filter((l) => l.Detail.endsWith(MARK(KASUBBAG)))).toHaveLength(1);
    const restored = decisionLines(sb);
    expect(restored.length).toBeGreaterThan(0);
    expect(restored.every((l) => /dipulihkan setelah eksekusi terputus/.test(l.Detail))).toBe(true);
  });

  it('two owner runs at once (the digest and the hourly trigger) move each held line once', () => {
    for (const seed of [1, 2]) {
      const sb = world();
      runMenu(sb, 'menuInstallTriggers', KABAG);
      for (let i = 0; i < 3; i++) expect(addJune(sb, `Infografik Juni ${i + 1}`).ok).toBe(true);
      const held = heldLogKeys(sb).length;
      expect(held).toBeGreaterThan(0);
      const now = sb.state.clockMs;
      const event = (handler: string) => script.clockEvent(now, sb.timeZone, script.listTriggers(sb.state).find((x) => x.handler === handler)!.uid);
      const run = sb.runConcurrent(
        [
          { functionName: 'triggerDigest', kind: 'trigger', user: KABAG, effectiveUser: KABAG, args: [event('triggerDigest')] },
          { functionName: 'triggerHourly', kind: 'trigger', user: KABAG, effectiveUser: KABAG, args: [event('triggerHourly')] },
        ],
        { seed },
      );
      expect(run.results.every((r) => r.ok)).toBe(true);
      expect(heldLogKeys(sb)).toEqual([]);
      const reported = logEntries(sb).filter((l) => l.Pengguna === STAFF && l.Detail.endsWith(MARK(STAFF)));
      expect(reported.filter((l) => l.Aksi === 'Tambah konsep')).toHaveLength(3);
      const keys = reported.map((l) => `${l.Waktu}|${l.Aksi}|${l.Objek}|${l.Detail}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('nothing unrecorded: when her lines cannot be held (the script properties are full), her save changes nothing and she is told plainly', () => {
    const sb = world();
    const props = scriptProps(sb);
    const used = Object.entries(props).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    // Fill the store to 100 bytes short of Google's 500 KB (values of at most 9 KB each): less than one held line.
    let left = MAX_STORE_BYTES - used - 100;
    for (let i = 0; left > 0; i++) {
      const key = `zz.isi.${i}`;
      const n = Math.min(9000, left - key.length);
      if (n <= 0) break;
      props[key] = 'x'.repeat(n);
      left -= key.length + n;
    }
    const before = JSON.stringify(snapshotWorkbook(sb));
    const heldBefore = heldLogKeys(sb);
    const r = addJune(sb);
    expect(r.ok).toBe(false);
    const said = r.error?.message ?? '';
    expect(said).toMatch(/tidak dapat dicatat untuk Log/);
    expectPlainMessage(said);
    expect(JSON.stringify(snapshotWorkbook(sb))).toBe(before);
    expect(heldLogKeys(sb)).toEqual(heldBefore);
    // Room again: the same save goes through.
    for (const k of Object.keys(props)) if (k.startsWith('zz.isi.')) delete props[k];
    expect(addJune(sb).ok).toBe(true);
    expect(records(sb, TAB.konsep).filter((x) => x.Periode === '2026-06')).toHaveLength(1);
  });
});
