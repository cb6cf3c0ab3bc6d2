/**
 * Designs are submitted by month: designs of two months submitted together make two requests,
 * each titled for its month; the menu with nothing selected asks for the month and submits only
 * that month's designs, in one request however many they are.
 */
import type { Sandbox } from '../../sandbox/src/sandbox';
import { addConcepts, addDesign, addPeople, addStrategy, KABAG, KASUBBAG, mailsTo, menu, newWorkbook, records, setSetting, shown, STAFF, TAB, decideAs, viaSubmitPage } from './helpers';

function api<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown): { ok: boolean; value?: T; error?: { code: string; message: string } } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  // A staff member's submission goes on through the submission page (the owner's web app).
  return viaSubmitPage(sb, user, JSON.parse(JSON.stringify(r.value))) as never;
}

/** May and June plans, approved: K-0001..K-0002 (May), K-0003..K-0004 (June). */
function twoMonths(): Sandbox {
  const sb = newWorkbook();
  addPeople(sb);
  // Request mails at once (no digest window): these tests read each request's mail.
  setSetting(sb, 'jeda_ringkasan_menit', '0');
  for (const p of ['2026-05', '2026-06']) {
    addStrategy(sb, p);
    addConcepts(sb, p, 2);
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: p }, { button: 'OK' }]);
  }
  for (const req of ['P-0001', 'P-0002']) {
    for (const who of [KASUBBAG, KABAG]) {
      const ids = req === 'P-0001' ? ['K-0001', 'K-0002'] : ['K-0003', 'K-0004'];
      const r = decideAs(sb, who, { requestId: req, decisions: ids.map((itemId) => ({ itemId, decision: 'approve' })) });
      expect(r.ok).toBe(true);
    }
  }
  expect(records(sb, TAB.konsep).map((r) => r.Status)).toEqual(['Disetujui', 'Disetujui', 'Disetujui', 'Disetujui']);
  return sb;
}

describe('design submissions by month', () => {
  it('designs of two months submitted together make two requests, each named for its month', () => {
    const sb = twoMonths();
    addDesign(sb, { konsep: 'K-0001', platform: 'Instagram', naskah: 'Mei satu' });
    addDesign(sb, { konsep: 'K-0003', platform: 'X', naskah: 'Juni satu' });
    addDesign(sb, { konsep: 'K-0002', platform: 'X', naskah: 'Mei dua' });
    const before = mailsTo(sb, KASUBBAG).length;
    const r = api<{ requestId: string; requests: Array<{ requestId: string; period: string; items: string[] }>; message: string }>(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0001', 'D-0002', 'D-0003'] });
    expect(r.ok).toBe(true);
    expect(r.value?.requests).toEqual([
      { requestId: 'P-0003', period: '2026-05', items: ['D-0001', 'D-0003'] },
      { requestId: 'P-0004', period: '2026-06', items: ['D-0002'] },
    ]);
    expect(r.value?.message).toContain('2 desain Mei 2026 diajukan (P-0003)');
    expect(r.value?.message).toContain('1 desain Juni 2026 diajukan (P-0004)');
    // One submission, one mail (sent by the owner's digest run): each request in its own section.
    const newMails = mailsTo(sb, KASUBBAG).slice(before);
    expect(newMails.map((m) => m.subject)).toEqual(['[Siaran] Mohon persetujuan: 2 permintaan (3 item) – P-0003, P-0004']);
    const [may, june] = newMails[0].text.split('== P-0004 – desain konten Juni 2026 ==');
    expect(may).toContain('== P-0003 – desain konten Mei 2026 ==');
    expect(may).toContain('Mei satu');
    expect(may).not.toContain('Juni satu');
    expect(june).toContain('Juni satu');
    // The Persetujuan rows record each request's own month.
    const v = records(sb, TAB.persetujuan).filter((x) => x['ID Permintaan'] === 'P-0003' || x['ID Permintaan'] === 'P-0004');
    expect(Array.from(new Set(v.map((x) => `${x['ID Permintaan']}:${x.Periode}`)))).toEqual(['P-0003:2026-05', 'P-0004:2026-06']);
  });

  it('the menu with nothing selected asks for the month, lists titles and platforms, and makes one request for it', () => {
    const sb = twoMonths();
    addDesign(sb, { konsep: 'K-0001', platform: 'Instagram', naskah: 'Mei satu' });
    addDesign(sb, { konsep: 'K-0003', platform: 'X', naskah: 'Juni satu' });
    addDesign(sb, { konsep: 'K-0004', platform: 'Instagram', naskah: 'Juni dua' });
    addDesign(sb, { konsep: 'K-0004', platform: 'X', naskah: 'Juni tiga' });
    const r = menu(sb, 'menuSubmitDesigns', STAFF, [{ button: 'OK', text: '2026-06' }, { button: 'YES' }]);
    const text = shown(r);
    // The month question names the months that have drafts.
    expect(text).toContain('Mei 2026 (1), Juni 2026 (3)');
    // The confirmation lists the June designs with platform and plan title, and no May design.
    expect(text).toContain('Ajukan 3 desain berikut? Satu permintaan persetujuan per bulan (1)');
    expect(text).toContain('D-0002 · X · Sidang pengucapan putusan perkara 1');
    expect(text).toContain('D-0004 · X · Sidang pengucapan putusan perkara 2');
    expect(text).not.toContain('D-0001');
    expect(records(sb, TAB.desain).map((d) => d.Status)).toEqual(['', 'Diajukan', 'Diajukan', 'Diajukan']); // '' is Draf
    const m = mailsTo(sb, KASUBBAG).pop()!;
    expect(m.subject).toMatch(/desain konten Juni 2026 \(3 item\) – P-0003/);
    // A month with nothing to submit says so and changes nothing.
    const none = menu(sb, 'menuSubmitDesigns', STAFF, [{ button: 'OK', text: '2026-07' }, { button: 'OK' }]);
    expect(shown(none)).toContain('Tidak ada desain Draf/Perlu Revisi Anda untuk Juli 2026');
    expect(records(sb, TAB.desain)[0].Status).toBe(''); // Draf
  });
});
