/**
 * Checks where people type: a post link must be a post of the design's platform; the strategy's
 * report links must be links; a planned date on a weekend or holiday is saved with a warning that
 * names the day.
 */
import type { Sandbox } from '../../sandbox/src/sandbox';
import { addPeople, KABAG, KASUBBAG, newWorkbook, records, STAFF, TAB, decideAs, viaSubmitPage } from './helpers';

type Res<T> = { ok: boolean; value?: T; error?: { code: string; message: string; details?: Array<{ field?: string; message: string }> } };
function api<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown): Res<T> {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  // A staff member's submission goes on through the submission page (the owner's web app).
  return viaSubmitPage(sb, user, JSON.parse(JSON.stringify(r.value))) as never;
}
const concept = (date: string) => ({ period: '2026-05', date, activity: 'Sidang pengucapan putusan', category: 'Putusan', platforms: ['X'], pic: STAFF, description: '' });

describe('checks where people type', () => {
  it('a planned date on a weekend or a holiday is saved, with a warning naming the day', () => {
    const sb = newWorkbook();
    addPeople(sb);
    const sat = api<{ id: string; warnings?: string[] }>(sb, 'apiSaveConcept', STAFF, concept('2026-05-02'));
    expect(sat.ok).toBe(true);
    expect(sat.value?.warnings).toEqual(['Perhatian: 2 Mei 2026 jatuh pada hari Sabtu (akhir pekan). Tetap disimpan; pastikan ada yang bertugas mengunggah.']);
    const holiday = api<{ warnings?: string[] }>(sb, 'apiSaveConcept', STAFF, concept('2026-05-01'));
    expect(holiday.value?.warnings?.[0]).toBe('Perhatian: 1 Mei 2026 (hari Jumat) adalah hari libur: Hari Buruh Internasional. Tetap disimpan; pastikan ada yang bertugas mengunggah.');
    const monday = api<{ warnings?: string[] }>(sb, 'apiSaveConcept', STAFF, concept('2026-05-04'));
    expect(monday.ok).toBe(true);
    expect(monday.value?.warnings).toBeUndefined();
    expect(records(sb, TAB.konsep)).toHaveLength(3);
  });

  it('the strategy\'s report links must be links (Referensi is free text)', () => {
    const sb = newWorkbook();
    addPeople(sb);
    const base = { period: '2026-05', directions: [{ platform: 'X', text: 'Kabar singkat setiap putusan.' }] };
    const bad = api(sb, 'apiSaveStrategy', KABAG, { ...base, reports: { analisisMedia: 'laporan bulan lalu', diseminasiPerkara: '', auditKehumasan: '', referensi: 'Humas MA dan KY' } });
    expect(bad.ok).toBe(false);
    expect(bad.error?.details?.[0]).toEqual({ field: 'reports.analisisMedia', message: 'Laporan Analisis Media: "laporan bulan lalu" bukan tautan. Tempel tautan lengkap yang diawali https:// (misalnya dari Google Drive), atau kosongkan.' });
    expect(records(sb, TAB.strategi)).toHaveLength(0);
    const good = api(sb, 'apiSaveStrategy', KABAG, { ...base, reports: { analisisMedia: 'https://drive.google.com/file/d/abc/view', diseminasiPerkara: '', auditKehumasan: '', referensi: 'Humas MA dan KY' } });
    expect(good.ok).toBe(true);
  });

  it('an Instagram link is refused as the X post, with a plain message; the X link is taken', () => {
    const sb = newWorkbook();
    addPeople(sb);
    const c = api<{ id: string }>(sb, 'apiSaveConcept', STAFF, concept('2026-05-04')).value!;
    api(sb, 'apiSubmitConcept', STAFF, { period: '2026-05' });
    for (const who of [KASUBBAG, KABAG]) decideAs(sb, who, { requestId: 'P-0001', decisions: [{ itemId: c.id, decision: 'approve' }] });
    const d = api<{ id: string }>(sb, 'apiSaveDesign', STAFF, { conceptId: c.id, platform: 'X', link: 'https://drive.google.com/file/d/x/view', title: '', copy: 'Putusan hari ini. #PutusanMK' }).value!;
    api(sb, 'apiSubmitDesigns', STAFF, { ids: [d.id], urgent: true });
    for (const who of [KASUBBAG, KABAG]) expect(decideAs(sb, who, { requestId: 'P-0002', decisions: [{ itemId: d.id, decision: 'approve' }] }).ok).toBe(true);
    const wrong = api(sb, 'apiRecordPublication', STAFF, { designId: d.id, url: 'https://www.instagram.com/p/Cxyz123/', publishedAt: '2026-04-06T08:30' });
    expect(wrong.ok).toBe(false);
    expect(wrong.error?.details?.[0]).toEqual({ field: 'url', message: `Tautan ini milik Instagram, bukan X. Tempel tautan postingan X untuk desain ${d.id} (alamatnya x.com, twitter.com, t.co).` });
    const elsewhere = api(sb, 'apiRecordPublication', STAFF, { designId: d.id, url: 'https://mkri.id/berita/1', publishedAt: '2026-04-06T08:30' });
    expect(elsewhere.error?.details?.[0].message).toContain('Tautan ini bukan tautan X.');
    expect(records(sb, 'Publikasi')).toHaveLength(0);
    const right = api(sb, 'apiRecordPublication', STAFF, { designId: d.id, url: 'https://x.com/humasmkri/status/1234567890', publishedAt: '2026-04-06T08:30' });
    expect(right.ok).toBe(true);
  });
});
