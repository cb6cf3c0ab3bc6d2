/**
 * Notifications that reach the right people: the result mail goes to the submitter and the PICs of
 * every decided item, greeting each by name, with a "Bagikan ke WhatsApp" link; the heads hear when
 * a month's strategy is saved; submissions and decisions in the panel offer the WhatsApp link.
 */
import type { Sandbox } from '../../sandbox/src/sandbox';
import { addConcepts, addPeople, addStrategy, KABAG, KASUBBAG, mails, mailsTo, newWorkbook, records, runTrigger, setSetting, STAFF, STAFF2, TAB, decideAs, viaSubmitPage } from './helpers';

function api<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown): { ok: boolean; value?: T; error?: { code: string; message: string } } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  // A staff member's submission goes on through the submission page (the owner's web app).
  return viaSubmitPage(sb, user, JSON.parse(JSON.stringify(r.value))) as never;
}

const waText = (url: string) => decodeURIComponent(url.replace(/^https:\/\/wa\.me\/\?text=/, ''));

describe('who is told', () => {
  it('the result mail reaches the submitter and every decided item\'s PIC, by name, with a WhatsApp link', () => {
    const sb = newWorkbook();
    addPeople(sb);
    addStrategy(sb, '2026-05');
    // K-0001's PIC is the submitter; K-0002's PIC is the PPNPN staff member.
    addConcepts(sb, '2026-05', 2, (i) => ({ PIC: i === 0 ? STAFF : STAFF2 }));
    const submitted = api<{ shareUrl?: string }>(sb, 'apiSubmitConcept', STAFF, { period: '2026-05' });
    expect(waText(submitted.value?.shareUrl ?? '')).toMatch(/^\[Siaran\] 2 konsep Mei 2026 diajukan untuk persetujuan \(P-0001\)\.\nWorkbook: https:\/\/docs\.google\.com\/spreadsheets\//);
    decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] });
    const decided = api<{ shareUrl?: string }>(sb, 'apiDecide', KABAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] });
    expect(waText(decided.value?.shareUrl ?? '')).toContain('[Siaran] Hasil persetujuan konsep Mei 2026 (P-0001): 2 disetujui, 0 perlu revisi.');
    const out = mailsTo(sb, STAFF).filter((m) => /Hasil persetujuan/.test(m.subject)).pop()!;
    expect(out.to).toContain(STAFF);
    expect(out.cc).toContain(STAFF2);
    expect(out.text.startsWith('Yth. Bapak/Ibu Staf PNS, Bapak/Ibu Staf PPNPN,\n')).toBe(true);
    const wa = /href="(https:\/\/wa\.me\/\?text=[^"]+)"/.exec(out.html ?? '');
    expect(wa).not.toBeNull();
    expect(waText(wa![1].replace(/&amp;/g, '&'))).toContain('2 disetujui, 0 perlu revisi');
    // The request mail greets the approver properly too.
    expect(mailsTo(sb, KASUBBAG)[0].text.startsWith('Yth. Bapak/Ibu Kasubbag Humas,')).toBe(true);
  });

  it('the heads hear when the strategy for a month is saved', () => {
    const sb = newWorkbook();
    addPeople(sb);
    const before = mailsTo(sb, KASUBBAG).length;
    const r = api(sb, 'apiSaveStrategy', KABAG, {
      period: '2026-05',
      directions: [{ platform: 'Instagram', text: 'Utamakan carousel ringkasan putusan.' }],
      reports: { analisisMedia: '', diseminasiPerkara: '', auditKehumasan: '', referensi: '' },
    });
    expect(r.ok).toBe(true);
    const got = mailsTo(sb, KASUBBAG).slice(before);
    expect(got).toHaveLength(1);
    expect(got[0].subject).toContain('Strategi Mei 2026 disimpan');
    expect(got[0].text).toContain('Yth. Bapak/Ibu Kasubbag Humas,');
    expect(got[0].text).toContain('- Instagram: Utamakan carousel ringkasan putusan.');
    // The one who saved it is not mailed about their own save.
    expect(mailsTo(sb, KABAG).filter((m) => /Strategi/.test(m.subject))).toHaveLength(0);
  });
});

describe('a result of many items', () => {
  it('is held in parts (a script property holds at most 9 KB) and reaches the submitter as one mail per part, every item once', () => {
    const sb = newWorkbook();
    addPeople(sb);
    addStrategy(sb, '2026-05');
    addConcepts(sb, '2026-05', 450, (i) => ({ 'Rencana Tayang': `2026-05-${String(1 + (i % 28)).padStart(2, '0')}` }));
    expect(api(sb, 'apiSubmitConcept', STAFF, { period: '2026-05' }).ok).toBe(true);
    const ids = Array.from({ length: 450 }, (_, i) => `K-${String(i + 1).padStart(4, '0')}`);
    const all = ids.map((itemId) => ({ itemId, decision: 'approve' as const }));
    expect(decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: all }).ok).toBe(true);
    // The Kabag (the owner) decides all 450 in the panel: the result waits for the digest trigger.
    expect(api(sb, 'apiDecide', KABAG, { requestId: 'P-0001', decisions: all }).ok).toBe(true);
    const held = Object.entries((sb.state.services.properties as { script: Record<string, string> }).script).filter(([k, v]) => k.startsWith('siaran.ringkas.') && /"k":"outcome"/.test(v));
    expect(held.length).toBe(2);
    for (const [, v] of held) expect(v.length).toBeLessThan(9000);
    const results = mailsTo(sb, STAFF).filter((m) => /Hasil persetujuan/.test(m.subject));
    expect(results).toHaveLength(2);
    // One part starts at K-0001, the other at K-0401 (a mail lists its first items, then a count).
    const firsts = results.map((m) => /- (K-\d{4}) v1: Disetujui/.exec(m.text)?.[1]).sort();
    expect(firsts).toEqual(['K-0001', 'K-0401']);
  });
});

describe('the daily reminder and recusal', () => {
  it("counts for an approver only the requests with an item she decides: an item she is the PIC of is the other approver's, and with nothing left she is not reminded", () => {
    const sb = newWorkbook();
    addPeople(sb);
    setSetting(sb, 'kebijakan_persetujuan', 'salah-satu');
    // P-0001: one item whose PIC is the Kasubbag (the Kabag decides it); P-0002: an ordinary item.
    addStrategy(sb, '2026-05');
    addConcepts(sb, '2026-05', 1, () => ({ PIC: KASUBBAG }), STAFF2);
    expect(api(sb, 'apiSubmitConcept', STAFF2, { period: '2026-05' }).ok).toBe(true);
    addStrategy(sb, '2026-06');
    addConcepts(sb, '2026-06', 1, () => ({}), STAFF2);
    expect(api(sb, 'apiSubmitConcept', STAFF2, { period: '2026-06' }).ok).toBe(true);
    const base = mails(sb).length;
    const reminders = (from: number) => mails(sb).slice(from).filter((m) => /Pengingat/.test(m.subject));
    const reminderLog = () => records(sb, TAB.log).filter((l) => l.Aksi === 'Pengingat harian');
    // Tuesday 07:30 WIB: both requests waited 360 working minutes.
    sb.setClock(Date.UTC(2026, 3, 7, 0, 30));
    expect(runTrigger(sb, 'triggerDaily', KABAG).ok).toBe(true);
    const tue = reminders(base);
    const hers = tue.filter((m) => m.to.includes(KASUBBAG));
    expect(hers.map((m) => m.subject)).toEqual(['[Siaran] Pengingat: 1 permintaan persetujuan menunggu']);
    expect(hers[0].text).toContain('P-0002');
    expect(hers[0].text).not.toContain('P-0001');
    expect(tue.filter((m) => m.to.includes(KABAG)).map((m) => m.subject)).toEqual(['[Siaran] Pengingat: 2 permintaan persetujuan menunggu']);
    const herLog = reminderLog().filter((l) => l.Objek === KASUBBAG);
    expect(herLog).toHaveLength(1);
    expect(herLog[0].Detail).toContain('P-0002');
    expect(herLog[0].Detail).not.toContain('P-0001');
    // Her row of P-0001 was not reminded; her row of P-0002 was.
    const last = (id: string, who: string) => records(sb, TAB.persetujuan).find((r) => r['ID Permintaan'] === id && r.Penyetuju === who)?.['Pengingat Terakhir'];
    expect(last('P-0001', KASUBBAG)).toBe('');
    expect(last('P-0002', KASUBBAG)).toBe('7 April 2026 07:30');
    // She decides P-0002. On Wednesday only P-0001 waits at her row, and it is not hers to decide.
    expect(decideAs(sb, KASUBBAG, { requestId: 'P-0002', decisions: [{ itemId: 'K-0002', decision: 'approve' }] }).ok).toBe(true);
    const before = mails(sb).length;
    sb.setClock(Date.UTC(2026, 3, 8, 0, 30));
    expect(runTrigger(sb, 'triggerDaily', KABAG).ok).toBe(true);
    const wed = reminders(before);
    expect(wed.filter((m) => m.to.includes(KASUBBAG))).toEqual([]);
    expect(reminderLog().filter((l) => l.Objek === KASUBBAG)).toHaveLength(1);
    expect(wed.filter((m) => m.to.includes(KABAG)).map((m) => m.subject)).toEqual(['[Siaran] Pengingat: 1 permintaan persetujuan menunggu']);
    expect(last('P-0001', KASUBBAG)).toBe('');
  });
});
