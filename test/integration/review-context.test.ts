/**
 * Approvers decide with everything in front of them: the plan item's Kategori and Deskripsi; for a
 * resubmission, the previous note and what changed since the version they saw (review page, mail,
 * panel); for a design, the plan item's title and date, the copy as the feed shows it, and the
 * Drive thumbnail.
 */
import { parse } from 'node-html-parser';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { editCell } from '../../sandbox/src/actions';
import { webAppRequest } from '../../sandbox/src/webapp';
import { addConcepts, addDesign, addPeople, addStrategy, ConceptRow, KABAG, KASUBBAG, mailsTo, menu, newWorkbook, records, reviewLink, setSetting, STAFF, TAB, decideAs, viaSubmitPage } from './helpers';
import type { PendingDecision } from '../../src/shared/contract';

function api<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown): { ok: boolean; value?: T; error?: { code: string; message: string } } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  // A staff member's submission goes on through the submission page (the owner's web app).
  return viaSubmitPage(sb, user, JSON.parse(JSON.stringify(r.value))) as never;
}
const get = (sb: Sandbox, url: string, user: string) => webAppRequest(sb, { method: 'GET', url, user });
const text = (html: string) => parse(html).textContent.replace(/\s+/g, ' ');
const extra = (i: number): ConceptRow => ({ Kategori: i === 0 ? 'Putusan' : 'Edukasi', Deskripsi: i === 0 ? 'Carousel lima slide ringkasan putusan.' : 'Infografik hak warga.' }) as ConceptRow;

describe('what approvers see', () => {
  it('a plan item shows Kategori and Deskripsi; its resubmission shows the previous note and what changed', () => {
    const sb = newWorkbook();
    addPeople(sb);
    addStrategy(sb, '2026-05');
    addConcepts(sb, '2026-05', 2, extra);
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }, { button: 'OK' }]);
    const first = mailsTo(sb, KASUBBAG).pop()!;
    expect(first.text).toContain('Kategori: Putusan');
    expect(first.text).toContain('Deskripsi: Carousel lima slide ringkasan putusan.');
    expect(text(first.html ?? '')).toContain('Infografik hak warga.');
    const page1 = text(get(sb, reviewLink(first), KASUBBAG).body);
    expect(page1).toContain('Kategori');
    expect(page1).toContain('Carousel lima slide ringkasan putusan.');

    decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'revise', feedback: 'Ganti judul agar menyebut hak pilih.' }] });
    // The staff member fixes K-0002 (row 3): the activity and the description.
    const v = records(sb, TAB.konsep);
    expect(v[1].ID).toBe('K-0002');
    const headers = Object.keys(v[0]);
    const col = (h: string) => String.fromCharCode(65 + headers.indexOf(h));
    editCell(sb, STAFF, TAB.konsep, `${col('Kegiatan/Informasi')}3`, 'Infografik hak pilih warga');
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }, { button: 'OK' }]);
    const second = mailsTo(sb, KASUBBAG).pop()!;
    expect(second.subject).toContain('P-0002');
    expect(second.text).toContain('Catatan revisi sebelumnya (Kasubbag Humas): Ganti judul agar menyebut hak pilih.');
    expect(second.text).toContain('Yang berubah sejak versi 1:');
    expect(second.text).toContain('Kegiatan/Informasi: Sebelumnya "Sidang pengucapan putusan perkara 2" → Sekarang "Infografik hak pilih warga"');
    expect(second.text).not.toContain('Deskripsi: Sebelumnya');

    const html = get(sb, reviewLink(second), KASUBBAG).body;
    const root = parse(html);
    expect(root.querySelector('.prev-note')?.textContent).toContain('Ganti judul agar menyebut hak pilih.');
    const changes = root.querySelector('.changes');
    expect(changes?.querySelector('del')?.textContent).toBe('Sidang pengucapan putusan perkara 2');
    expect(changes?.querySelector('ins')?.textContent).toBe('Infografik hak pilih warga');

    const pending = api<PendingDecision[]>(sb, 'apiPendingDecisions', KASUBBAG, {}).value!;
    const item = pending.find((p) => p.requestId === 'P-0002')!.items[0];
    expect(item.previousNote).toEqual({ text: 'Ganti judul agar menyebut hak pilih.', by: 'Kasubbag Humas' });
    expect(item.changes).toEqual([{ field: 'Kegiatan/Informasi', before: 'Sidang pengucapan putusan perkara 2', after: 'Infografik hak pilih warga' }]);
    expect(item.category).toBe('Edukasi');
    expect(item.description).toBe('Infografik hak warga.');
  });

  it('a design shows its plan item title and date, the copy as the feed shows it, and the Drive thumbnail', () => {
    const sb = newWorkbook();
    addPeople(sb);
    addStrategy(sb, '2026-05');
    addConcepts(sb, '2026-05', 1, extra);
    setSetting(sb, 'jeda_ringkasan_menit', '0');
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }, { button: 'OK' }]);
    for (const who of [KASUBBAG, KABAG]) decideAs(sb, who, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    const ig = `Putusan hari ini menegaskan hak konstitusional warga negara dalam pemilihan umum.\nSimak ringkasannya di carousel.\n${'Penjelasan lengkap. '.repeat(8)}#PutusanMK`;
    addDesign(sb, { konsep: 'K-0001', platform: 'Instagram', naskah: ig, tautan: 'https://drive.google.com/file/d/1AbCdEfGh_ijk-LMN/view?usp=sharing' });
    addDesign(sb, { konsep: 'K-0001', platform: 'X', naskah: 'Putusan hari ini https://www.mkri.id/index.php?page=web.Putusan&id=12345 #PutusanMK', tautan: 'https://www.canva.com/design/abc/view' });
    const r = api(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0001', 'D-0002'] });
    expect(r.ok).toBe(true);
    const m = mailsTo(sb, KASUBBAG).pop()!;
    // The plan item: title and planned date (5 May 2026).
    expect(m.text).toContain('Konsep: Sidang pengucapan putusan perkara 1 · 5 Mei 2026');
    // Instagram folds after about 125 characters with "... lainnya"; the second line break is kept.
    expect(m.text).toMatch(/Tampilan di Instagram:\n {4}Putusan hari ini menegaskan[^\n]*\n {4}Simak ringkasannya di carousel\.\n {4}Penjelasan \.\.\. lainnya\n/);
    // X shows the link shortened.
    expect(m.text).toContain('Tampilan di X:\n    Putusan hari ini mkri.id/index.php?page… #PutusanMK');
    const root = parse(m.html ?? '');
    const imgs = root.querySelectorAll('img');
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual(['https://drive.google.com/thumbnail?id=1AbCdEfGh_ijk-LMN&amp;sz=w480'.replace('&amp;', '&')]);
    const page = parse(get(sb, reviewLink(m), KASUBBAG).body);
    expect(page.querySelectorAll('.feed').length).toBe(2);
    expect(page.querySelector('img')?.getAttribute('src')).toBe('https://drive.google.com/thumbnail?id=1AbCdEfGh_ijk-LMN&sz=w480');
    const pending = api<PendingDecision[]>(sb, 'apiPendingDecisions', KASUBBAG, {}).value!;
    const d1 = pending[0].items.find((i) => i.id === 'D-0001')!;
    expect(d1).toMatchObject({ conceptTitle: 'Sidang pengucapan putusan perkara 1', conceptDate: '2026-05-05', thumbnail: 'https://drive.google.com/thumbnail?id=1AbCdEfGh_ijk-LMN&sz=w480' });
    expect(d1.preview?.more).toBe(true);
  });
});
