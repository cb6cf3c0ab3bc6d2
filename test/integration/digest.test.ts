/**
 * One digest for the heads: design submissions close together (Pengaturan jeda_ringkasan_menit,
 * default 30) reach each approver as one mail at the end of the window, run by the one-shot
 * trigger on the sandbox clock; an urgent submission is mailed at once.
 */
import type { Sandbox } from '../../sandbox/src/sandbox';
import { advanceClock } from '../../sandbox/src/actions';
import { addConcepts, addDesign, addPeople, addStrategy, KABAG, KASUBBAG, mailsTo, MONDAY_0900, newWorkbook, records, reviewLink, STAFF, TAB, decideAs } from './helpers';

function api<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown): { ok: boolean; value?: T; error?: { code: string; message: string } } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  return JSON.parse(JSON.stringify(r.value));
}

const MIN = 60000;
const designMails = (sb: Sandbox, to: string) => mailsTo(sb, to).filter((m) => /desain|permintaan/i.test(m.subject) && /Mohon persetujuan/.test(m.subject));

/** Five approved plan items with one Instagram design each (D-0001..D-0005), at Monday 09:00. */
function fiveDesigns(): Sandbox {
  const sb = newWorkbook();
  addPeople(sb);
  addStrategy(sb, '2026-05');
  addConcepts(sb, '2026-05', 5, () => ({ Platform: 'Instagram' }));
  const ids = ['K-0001', 'K-0002', 'K-0003', 'K-0004', 'K-0005'];
  expect(api(sb, 'apiSubmitConcept', STAFF, { period: '2026-05' }).ok).toBe(true);
  for (const who of [KASUBBAG, KABAG]) decideAs(sb, who, { requestId: 'P-0001', decisions: ids.map((itemId) => ({ itemId, decision: 'approve' })) });
  for (const k of ids) addDesign(sb, { konsep: k, platform: 'Instagram', naskah: `Keterangan untuk ${k}. #MKRI` });
  expect(records(sb, TAB.desain)).toHaveLength(5);
  return sb;
}

describe('the digest window', () => {
  it('five designs submitted within the window reach each head as one mail', () => {
    const sb = fiveDesigns();
    const t0 = MONDAY_0900 + 60 * MIN;
    for (let i = 0; i < 5; i++) {
      sb.setClock(t0 + i * 5 * MIN);
      const r = api<{ message: string; requestId: string }>(sb, 'apiSubmitDesigns', STAFF, { ids: [`D-000${i + 1}`] });
      expect(r.ok).toBe(true);
      expect(r.value?.message).toContain('dikirim dalam satu ringkasan');
    }
    // 20 minutes in: nothing yet.
    expect(designMails(sb, KASUBBAG)).toHaveLength(0);
    // The window of the first ends at t0 + 30 min: the one-shot trigger sends one mail.
    const fired = advanceClock(sb, t0 + 45 * MIN);
    expect(fired.fired.map((f) => f.handler)).toContain('triggerDigest');
    const sub = designMails(sb, KASUBBAG);
    expect(sub).toHaveLength(1);
    expect(sub[0].subject).toBe('[Siaran] Mohon persetujuan: 5 permintaan (5 item) – P-0002, P-0003, P-0004, P-0005, P-0006');
    expect(sub[0].text.startsWith('Yth. Bapak/Ibu Kasubbag Humas,')).toBe(true);
    // Each request keeps its own review link.
    expect((sub[0].html ?? '').match(/exec\?t=/g)).toHaveLength(5);
    expect(designMails(sb, KABAG)).toHaveLength(0);

    // The Kasubbag decides the five, a few minutes apart: the Kabag gets one mail too.
    for (let i = 0; i < 5; i++) {
      sb.setClock(t0 + 50 * MIN + i * 3 * MIN);
      expect(decideAs(sb, KASUBBAG, { requestId: `P-000${i + 2}`, decisions: [{ itemId: `D-000${i + 1}`, decision: 'approve' }] }).ok).toBe(true);
    }
    expect(designMails(sb, KABAG)).toHaveLength(0);
    advanceClock(sb, t0 + 120 * MIN);
    const head = designMails(sb, KABAG);
    expect(head).toHaveLength(1);
    expect(head[0].subject).toContain('5 permintaan');
    expect(designMails(sb, KASUBBAG)).toHaveLength(1);
  });

  it('an urgent submission is mailed at once', () => {
    const sb = fiveDesigns();
    const r = api<{ message: string }>(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0001'], urgent: true });
    expect(r.value?.message).toContain('Email dikirim ke Kasubbag Humas');
    const m = designMails(sb, KASUBBAG);
    expect(m).toHaveLength(1);
    expect(m[0].subject).toContain('P-0002');
    expect(reviewLink(m[0])).toMatch(/exec\?t=/);
  });
});
