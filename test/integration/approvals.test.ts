/**
 * Approval routing end to end, on the built script in the sandbox: submitting the month's plan,
 * each policy, approve / revise / resubmit, the review page (GET changes nothing; POST decides
 * once), and the panel endpoints.
 */
import { parse } from 'node-html-parser';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { webAppRequest } from '../../sandbox/src/webapp';
import {
  addConcepts,
  addPeople,
  addStrategy,
  KABAG,
  KASUBBAG,
  mails,
  mailsTo,
  menu,
  newWorkbook,
  records,
  reviewLink,
  setSetting,
  shown,
  snapshot,
  STAFF,
  STAFF2,
  TAB,
  viaSubmitPage,
} from './helpers';

const URL_BASE = 'https://script.google.com/macros/s/sandbox-script/exec';

function get(sb: Sandbox, url: string, user: string) {
  return webAppRequest(sb, { method: 'GET', url, user });
}
function post(sb: Sandbox, form: Record<string, string>, user: string) {
  return webAppRequest(sb, { method: 'POST', url: URL_BASE, form, user });
}
function text(html: string): string {
  return parse(html).textContent.replace(/\s+/g, ' ');
}
function api<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown): { ok: boolean; value?: T; error?: { code: string; message: string } } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  // A staff member's submission goes on through the submission page (the owner's web app).
  return viaSubmitPage(sb, user, JSON.parse(JSON.stringify(r.value))) as never;
}
function concept(sb: Sandbox, id: string): Record<string, string> {
  const row = records(sb, TAB.konsep).find((r) => r.ID === id);
  if (!row) throw new Error(`no ${id}`);
  return row;
}
function submit(sb: Sandbox, period = '2026-05', user = STAFF) {
  return menu(sb, 'menuSubmitConcept', user, [{ button: 'OK', text: period }, { button: 'OK' }]);
}
function tokenFrom(link: string): string {
  return new URL(link).searchParams.get('t') ?? '';
}
function setup(n = 2): Sandbox {
  const sb = newWorkbook();
  addPeople(sb);
  addStrategy(sb, '2026-05');
  addConcepts(sb, '2026-05', n);
  return sb;
}

describe('submitting the month plan (step 2)', () => {
  it('lists every problem of every row and submits nothing', () => {
    const sb = newWorkbook();
    addPeople(sb);
    addConcepts(sb, '2026-05', 3, (i) => (i === 1 ? { 'Rencana Tayang': '2026-06-01', Platform: 'Friendster', PIC: 'nobody@example.org' } : i === 2 ? { 'Kegiatan/Informasi': '' , Platform: ''} : {}));
    const before = snapshot(sb);
    const r = menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }, { button: 'OK' }]);
    const said = shown(r);
    expect(said).toContain('Tidak ada yang diajukan');
    expect(said).toMatch(/3: Rencana Tayang "2026-06-01" tidak berada di Mei 2026/);
    expect(said).toContain('3: Platform "Friendster" tidak dikenal');
    expect(said).toContain('nobody@example.org tidak ada di tab Pengguna');
    expect(said).toContain('4: Kegiatan/Informasi kosong');
    expect(said).toContain('4: Platform kosong');
    expect(snapshot(sb)).toBe(before);
    expect(mails(sb)).toHaveLength(0);
  });

  it('CANCEL does nothing; an empty answer means next month', () => {
    const sb = setup(1);
    const before = snapshot(sb);
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'CANCEL' }]);
    expect(snapshot(sb)).toBe(before);
    // The clock is in April 2026: the default is May 2026.
    const r = menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '' }]);
    expect(shown(r)).toContain('1 konsep Mei 2026 diajukan (P-0001)');
    expect(concept(sb, 'K-0001').Status).toBe('Diajukan');
  });

  it('warns (message and Log) when the month has no Strategi row, and still submits', () => {
    const sb = newWorkbook();
    addPeople(sb);
    addConcepts(sb, '2026-05', 1);
    const r = submit(sb);
    expect(shown(r)).toContain('belum ada baris Strategi untuk Mei 2026');
    expect(records(sb, TAB.log).some((l) => l.Aksi === 'Peringatan: strategi belum ada' && l.Objek === 'P-0001')).toBe(true);
    expect(concept(sb, 'K-0001').Status).toBe('Diajukan');
  });

  it('only staff may submit; a missing approver gives a plain message', () => {
    const sb = setup(1);
    const asKabag = api(sb, 'apiSubmitConcept', KABAG, { period: '2026-05' });
    expect(asKabag.ok).toBe(false);
    expect(asKabag.error?.code).toBe('FORBIDDEN');
    const bad = api(sb, 'apiSubmitConcept', STAFF, { period: 'Mei' });
    expect(bad.error?.code).toBe('BAD_REQUEST');
    expect(api(sb, 'apiSubmitConcept', STAFF, null).error?.code).toBe('BAD_REQUEST');

    const lonely = newWorkbook();
    addConcepts(lonely, '2026-05', 1, () => ({ PIC: KABAG }));
    // Only the Kabag exists: make the owner staff-like by adding a PNS who submits.
    const { appendRow } = jest.requireActual('../../sandbox/src/actions') as typeof import('../../sandbox/src/actions');
    appendRow(lonely, KABAG, TAB.pengguna, { Email: STAFF, Nama: 'Staf', Peran: 'PNS' });
    const before = snapshot(lonely);
    const r = api(lonely, 'apiSubmitConcept', STAFF, { period: '2026-05' });
    expect(r.error?.code).toBe('VALIDATION');
    expect(r.error?.message).toContain('Belum ada penyetuju dengan peran Kasubbag');
    expect(snapshot(lonely)).toBe(before);
  });
});

describe('sequential policy (berurutan), through the mail link', () => {
  it('level 1 approves one item and sends one back; level 2 gets only the approved one; resubmit makes v2', () => {
    const sb = setup(2);
    submit(sb);
    expect(mails(sb).map((m) => m.to)).toEqual([[KASUBBAG]]);
    const link = reviewLink(mails(sb)[0]);
    expect(mails(sb)[0].html).toContain('https://docs.google.com/spreadsheets/');

    // GET (a scanner, then the person) changes nothing.
    const before = snapshot(sb);
    const page = get(sb, link, KASUBBAG);
    expect(page.body).toContain('K-0001 v1');
    expect(page.body).toContain('method="post"');
    expect(page.body).toContain(`action="${URL_BASE}"`);
    expect(page.body).toContain('target="_top"');
    get(sb, link, '');
    expect(snapshot(sb)).toBe(before);

    const feedback = '=HYPERLINK("http://evil") <script>alert(1)</script>';
    const res = post(sb, { t: tokenFrom(link), 'decision_K-0001': 'approve', 'decision_K-0002': 'revise', 'feedback_K-0002': feedback, aksi: 'kirim' }, KASUBBAG);
    expect(text(res.body)).toContain('Keputusan Anda untuk 2 item tersimpan');
    expect(res.body).not.toContain('<script>alert(1)</script>');

    expect(concept(sb, 'K-0001').Status).toBe('Diajukan');
    expect(concept(sb, 'K-0002').Status).toBe('Perlu Revisi');
    expect(concept(sb, 'K-0002')['Catatan Revisi']).toBe(feedback);

    // Level 2 (Kabag) gets its mail with only K-0001.
    const kabagMail = mailsTo(sb, KABAG);
    expect(kabagMail).toHaveLength(1);
    expect(kabagMail[0].text).toContain('K-0001 v1');
    expect(kabagMail[0].text).not.toContain('K-0002');
    // The submitter gets the feedback, escaped in HTML.
    const outcome = mailsTo(sb, STAFF);
    expect(outcome).toHaveLength(1);
    expect(outcome[0].text).toContain(feedback);
    expect(outcome[0].html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(outcome[0].html).not.toContain('<script>');

    // Level 2 decides in the panel.
    const pending = api<Array<{ requestId: string; items: Array<{ id: string }> }>>(sb, 'apiPendingDecisions', KABAG, {});
    expect(pending.value?.map((p) => [p.requestId, p.items.map((i) => i.id)])).toEqual([['P-0001', ['K-0001']]]);
    const d = api<{ applied: unknown[] }>(sb, 'apiDecide', KABAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(d.ok).toBe(true);
    expect(concept(sb, 'K-0001').Status).toBe('Disetujui');

    const rows = records(sb, TAB.persetujuan);
    expect(rows.map((r) => [r.Tingkat, r.Penyetuju, r.Status])).toEqual([
      ['1', KASUBBAG, 'Selesai'],
      ['2', KABAG, 'Selesai'],
    ]);
    expect(rows[0]['Menit Kerja']).toBe('0');
    expect(JSON.parse(rows[0].Keputusan).items['K-0002']).toMatchObject({ decision: 'revise', by: KASUBBAG, feedback });

    // Resubmit after revision: version 2, a new request; history stays.
    const r2 = submit(sb);
    expect(shown(r2)).toContain('P-0002');
    expect(concept(sb, 'K-0002')).toMatchObject({ Status: 'Diajukan', Versi: '2' });
    expect(concept(sb, 'K-0001').Status).toBe('Disetujui');
    expect(records(sb, TAB.persetujuan).filter((r) => r['ID Permintaan'] === 'P-0002').map((r) => r.Objek)).toEqual(['K-0002 v2', 'K-0002 v2']);
    expect(records(sb, TAB.log).filter((l) => l.Objek === 'K-0002').map((l) => l.Aksi)).toEqual(
      expect.arrayContaining(['Ajukan konsep', 'Minta revisi (tingkat 1)', 'Status: Perlu Revisi']),
    );
  });

  it('a revision without feedback saves nothing and keeps what was typed', () => {
    const sb = setup(2);
    submit(sb);
    const link = reviewLink(mails(sb)[0]);
    const before = snapshot(sb);
    const res = post(sb, { t: tokenFrom(link), 'decision_K-0001': 'revise', 'feedback_K-0001': '  ', aksi: 'kirim' }, KASUBBAG);
    expect(text(res.body)).toContain('Belum ada yang disimpan');
    expect(text(res.body)).toContain('Tulis catatan revisi untuk K-0001');
    expect(text(res.body)).toContain('Pilih Setujui atau Minta revisi untuk K-0002');
    expect(snapshot(sb)).toBe(before);
  });

  it('approve all, then a later GET shows who decided what and when; a replay is refused', () => {
    const sb = setup(2);
    submit(sb);
    const link = reviewLink(mails(sb)[0]);
    post(sb, { t: tokenFrom(link), aksi: 'setujui-semua' }, KASUBBAG);
    const later = get(sb, link, KASUBBAG);
    expect(text(later.body)).toContain('sudah diputuskan pada tingkat Anda');
    expect(text(later.body)).toMatch(/Disetujui oleh Kasubbag Humas pada 6 April 2026 09\.00 WIB/);
    expect(later.body).not.toContain('method="post"');
    const before = snapshot(sb);
    const again = post(sb, { t: tokenFrom(link), 'decision_K-0001': 'revise', 'feedback_K-0001': 'x', aksi: 'kirim' }, KASUBBAG);
    expect(text(again.body)).toContain('K-0001 sudah diputuskan oleh Kasubbag Humas pada 6 April 2026 09.00 WIB');
    expect(snapshot(sb)).toBe(before);
  });
});

describe('parallel and any-one policies', () => {
  it('paralel: both approvers at once; an item is approved only when both approve', () => {
    const sb = setup(1);
    setSetting(sb, 'kebijakan_persetujuan', 'paralel');
    submit(sb);
    expect(mails(sb).map((m) => m.to[0]).sort()).toEqual([KABAG, KASUBBAG].sort());
    post(sb, { t: tokenFrom(reviewLink(mailsTo(sb, KABAG)[0])), 'decision_K-0001': 'approve', aksi: 'kirim' }, KABAG);
    expect(concept(sb, 'K-0001').Status).toBe('Diajukan');
    post(sb, { t: tokenFrom(reviewLink(mailsTo(sb, KASUBBAG)[0])), 'decision_K-0001': 'approve', aksi: 'kirim' }, KASUBBAG);
    expect(concept(sb, 'K-0001').Status).toBe('Disetujui');
  });

  it('paralel: one revision settles the item', () => {
    const sb = setup(1);
    setSetting(sb, 'kebijakan_persetujuan', 'paralel');
    submit(sb);
    post(sb, { t: tokenFrom(reviewLink(mailsTo(sb, KABAG)[0])), 'decision_K-0001': 'revise', 'feedback_K-0001': 'Perjelas jadwal', aksi: 'kirim' }, KABAG);
    expect(concept(sb, 'K-0001')).toMatchObject({ Status: 'Perlu Revisi', 'Catatan Revisi': 'Perjelas jadwal' });
    const late = get(sb, reviewLink(mailsTo(sb, KASUBBAG)[0]), KASUBBAG);
    expect(text(late.body)).toContain('tidak ada lagi yang menunggu keputusan Anda');
  });

  it('salah-satu: the first approver decides; the second sees "already decided by X at T"', () => {
    const sb = setup(1);
    setSetting(sb, 'kebijakan_persetujuan', 'salah-satu');
    submit(sb);
    expect(mails(sb)).toHaveLength(2);
    const kabagLink = reviewLink(mailsTo(sb, KABAG)[0]);
    const kasubLink = reviewLink(mailsTo(sb, KASUBBAG)[0]);
    post(sb, { t: tokenFrom(kasubLink), 'decision_K-0001': 'approve', aksi: 'kirim' }, KASUBBAG);
    expect(concept(sb, 'K-0001').Status).toBe('Disetujui');
    const before = snapshot(sb);
    const second = post(sb, { t: tokenFrom(kabagLink), 'decision_K-0001': 'revise', 'feedback_K-0001': 'tidak', aksi: 'kirim' }, KABAG);
    expect(text(second.body)).toContain('K-0001 sudah diputuskan oleh Kasubbag Humas');
    expect(snapshot(sb)).toBe(before);
    const panel = api<{ rejected: Array<{ reason: string; by: string }> }>(sb, 'apiDecide', KABAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(panel.value?.rejected).toEqual([expect.objectContaining({ reason: 'decided', by: KASUBBAG })]);
  });
});

describe('panel endpoints', () => {
  it('validate their arguments and the caller', () => {
    const sb = setup(1);
    submit(sb);
    for (const bad of [null, 'x', { requestId: 'P-0001' }, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'maybe' }] }, { requestId: 'DROP', decisions: [] }]) {
      const r = api(sb, 'apiDecide', KASUBBAG, bad);
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('BAD_REQUEST');
      expect(r.error?.message).not.toMatch(/at .*\.js/);
    }
    // Staff cannot decide; the Kabag cannot decide before level 1 (not their turn).
    expect(api(sb, 'apiDecide', STAFF2, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] }).error?.code).toBe('FORBIDDEN');
    const early = api<{ applied: unknown[]; rejected: Array<{ reason: string }> }>(sb, 'apiDecide', KABAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(early.value?.applied).toEqual([]);
    expect(early.value?.rejected[0].reason).toBe('not-pending');
    expect(concept(sb, 'K-0001').Status).toBe('Diajukan');
    const overview = api<Array<{ requestId: string; status: string; standardMinutes: number }>>(sb, 'apiApprovalOverview', KABAG, {});
    expect(overview.value?.map((r) => [r.requestId, r.status, r.standardMinutes])).toEqual([
      ['P-0001', 'Menunggu', 30],
      ['P-0001', 'Belum Giliran', 30],
    ]);
  });
});
