/**
 * Approval links under attack and under load, designs (step 4), reminders and escalation, and mail
 * that cannot go out: on the built script in the sandbox.
 */
import { parse } from 'node-html-parser';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { webAppRequest } from '../../sandbox/src/webapp';
import { apiEdit, deleteColumns, editCell, sheetView } from '../../sandbox/src/actions';
import { Sandbox as SandboxClass } from '../../sandbox/src/sandbox';
import { testProject } from './project';
import { setMailQuota } from '../../sandbox/src/services/mail';
import { holdLock, releaseHostLocks } from '../../sandbox/src/services/lock';
import { listTriggers } from '../../sandbox/src/services/script';
import {
  addConcepts,
  addDesign,
  addPeople,
  addPerson,
  addStrategy,
  KABAG,
  KASUBBAG,
  mails,
  mailsTo,
  menu,
  MONDAY_0900,
  newWorkbook,
  OTHER,
  records,
  reviewLink,
  runTrigger,
  sheet,
  shown,
  snapshot,
  setSetting,
  STAFF,
  TAB, decideAs, viaSubmitPage } from './helpers';

const URL_BASE = 'https://script.google.com/macros/s/sandbox-script/exec';
const HOUR = 3600000;
const DAY = 24 * HOUR;

const get = (sb: Sandbox, url: string, user: string) => webAppRequest(sb, { method: 'GET', url, user });
const post = (sb: Sandbox, form: Record<string, string>, user: string) => webAppRequest(sb, { method: 'POST', url: URL_BASE, form, user });
const text = (html: string) => parse(html).textContent.replace(/\s+/g, ' ');
const tok = (link: string) => new URL(link).searchParams.get('t') ?? '';
function api<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown): { ok: boolean; value?: T; error?: { code: string; message: string; details?: Array<{ row?: number; message: string }> } } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  // A staff member's submission goes on through the submission page (the owner's web app).
  return viaSubmitPage(sb, user, JSON.parse(JSON.stringify(r.value))) as never;
}
const row = (sb: Sandbox, tab: string, id: string) => records(sb, tab).find((r) => r.ID === id) as Record<string, string>;
const logs = (sb: Sandbox, aksi: string) => records(sb, TAB.log).filter((l) => l.Aksi === aksi);

function submitted(n = 1): { sb: Sandbox; link: string } {
  const sb = newWorkbook();
  addPeople(sb);
  addStrategy(sb, '2026-05');
  addConcepts(sb, '2026-05', n);
  menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }]);
  return { sb, link: reviewLink(mailsTo(sb, KASUBBAG)[0]) };
}

/** Every tab but the Log (a refused POST adds one Log row and changes nothing else). */
function snapshotWithoutLog(sb: Sandbox): string {
  const tabs = [TAB.konsep, TAB.desain, TAB.persetujuan, TAB.pengguna, TAB.pengaturan, TAB.strategi];
  return JSON.stringify(tabs.map((t) => [t, sheetView(sb, t).rows]));
}

/** The Log rows that record refused links. */
function refusals(sb: Sandbox): Array<Record<string, string>> {
  return records(sb, TAB.log).filter((l) => l.Aksi === 'Tautan ditolak');
}

describe('hostile visits to the review page', () => {
  it('GET-only visits (scanners, anyone) change nothing', () => {
    const { sb, link } = submitted(2);
    const before = snapshot(sb);
    for (const user of ['', KASUBBAG, KASUBBAG, OTHER]) get(sb, link, user);
    get(sb, `${URL_BASE}?t=${tok(link)}&decision_K-0001=approve&aksi=setujui-semua`, KASUBBAG);
    get(sb, URL_BASE, KASUBBAG);
    expect(snapshot(sb)).toBe(before);
  });

  it('tampered, expired, replaced and foreign links show a clear page and change nothing', () => {
    const { sb, link } = submitted(1);
    const t = tok(link);
    const before = snapshotWithoutLog(sb);
    const [body, sig] = t.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), lvl: 2, ap: KABAG })).toString('base64url');
    for (const bad of [`${body}.${sig.slice(0, -2)}AA`, `${forgedBody}.${sig}`, 'garbage', `${t}x`]) {
      const g = post(sb, { t: bad, aksi: 'setujui-semua' }, KASUBBAG);
      expect(g.title).toBe('Tautan tidak sah');
      expect(text(g.body)).toContain('Tidak ada yang diubah');
    }
    // Someone else opening (or posting) the approver's link.
    expect(get(sb, link, OTHER).title).toBe('Bukan untuk akun ini');
    expect(post(sb, { t, aksi: 'setujui-semua' }, OTHER).title).toBe('Bukan untuk akun ini');
    expect(snapshotWithoutLog(sb)).toBe(before);
    // Each refused POST (not the GET) is one Log row with the reason and the visitor; never the token.
    expect(refusals(sb).map((l) => [l.Pengguna, l.Detail.split(';')[0]])).toEqual([
      [KASUBBAG, 'tautan tidak sah: tanda tangan salah'],
      [KASUBBAG, 'tautan tidak sah: tanda tangan salah'],
      [KASUBBAG, 'tautan tidak sah: tautan rusak atau diubah'],
      [KASUBBAG, 'tautan tidak sah: tanda tangan salah'],
      [OTHER, 'tautan dibuka dengan akun lain'],
    ]);
    expect(records(sb, TAB.log).some((l) => Object.values(l).some((v) => v.includes(sig)))).toBe(false);
    // Expired after 14 days.
    sb.setClock(MONDAY_0900 + 15 * DAY);
    expect(get(sb, link, KASUBBAG).title).toBe('Tautan kedaluwarsa');
    expect(post(sb, { t, aksi: 'setujui-semua' }, KASUBBAG).title).toBe('Tautan kedaluwarsa');
    expect(snapshotWithoutLog(sb)).toBe(before);
    expect(refusals(sb).map((l) => l.Detail.split(';')[0])).toHaveLength(6);
    expect(refusals(sb)[5].Detail).toMatch(/^tautan kedaluwarsa/);
  });

  it('rotating the secret replaces outstanding links; fresh links can be resent', () => {
    const { sb, link } = submitted(1);
    const r = menu(sb, 'menuRotateSecret', KABAG, [{ button: 'YES' }, { button: 'YES' }]);
    expect(shown(r)).toContain('Tautan baru untuk 1 penyetuju dikirim oleh pemicu Siaran dalam 10 menit');
    expect(get(sb, link, KASUBBAG).title).toBe('Tautan sudah diganti');
    const before = snapshotWithoutLog(sb);
    expect(post(sb, { t: tok(link), aksi: 'setujui-semua' }, KASUBBAG).title).toBe('Tautan sudah diganti');
    expect(snapshotWithoutLog(sb)).toBe(before);
    expect(refusals(sb).map((l) => [l.Objek, l.Detail.split(';')[0]])).toEqual([['P-0001', 'tautan sudah diganti (kunci diperbarui atau tautan dikirim ulang)']]);
    const fresh = reviewLink(mailsTo(sb, KASUBBAG)[1]);
    expect(fresh).not.toBe(link);
    post(sb, { t: tok(fresh), aksi: 'setujui-semua' }, KASUBBAG);
    expect(row(sb, 'Konsep Konten', 'K-0001').Status).toBe('Diajukan');
    expect(records(sb, TAB.persetujuan)[0].Status).toBe('Selesai');
    // Only approvers may rotate.
    const staff = sb.run('menuRotateSecret', { kind: 'menu', user: STAFF, replies: [{ button: 'OK' }] });
    expect(shown(staff)).toContain('hanya dapat dilakukan oleh Kasubbag/Kabag');
  });

  it('50 submits of the same decision: exactly one wins', () => {
    const { sb, link } = submitted(1);
    const pages = [];
    for (let i = 0; i < 50; i++) pages.push(post(sb, { t: tok(link), 'decision_K-0001': i % 2 ? 'approve' : 'revise', 'feedback_K-0001': `ulang ${i}`, aksi: 'kirim' }, KASUBBAG));
    expect(logs(sb, 'Minta revisi (tingkat 1)')).toHaveLength(1);
    expect(logs(sb, 'Setujui (tingkat 1)')).toHaveLength(0);
    expect(row(sb, 'Konsep Konten', 'K-0001')).toMatchObject({ Status: 'Perlu Revisi', 'Catatan Revisi': 'ulang 0' });
    expect(pages.slice(1).every((p) => text(p.body).includes('K-0001 sudah diputuskan oleh Kasubbag Humas'))).toBe(true);
    expect(mailsTo(sb, STAFF)).toHaveLength(1);
  });

  it('with the script lock held elsewhere: a busy page and nothing changes', () => {
    const { sb, link } = submitted(1);
    const before = snapshot(sb);
    holdLock(sb.state, 'script', MONDAY_0900 + 10 * 60000, 'another execution');
    const busy = post(sb, { t: tok(link), aksi: 'setujui-semua' }, KASUBBAG);
    expect(busy.title).toBe('Sedang sibuk');
    expect(text(busy.body)).toContain('Tidak ada yang diubah');
    expect(snapshot(sb)).toBe(before);
    releaseHostLocks(sb.state);
    expect(post(sb, { t: tok(link), aksi: 'setujui-semua' }, KASUBBAG).title).toBe('Keputusan tersimpan');
  });

  it('HTML and script in every user field are shown escaped in mail and pages', () => {
    const sb = newWorkbook();
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    addPerson(sb, KASUBBAG, `Kasubbag ${evil}`, 'Kasubbag');
    addPerson(sb, STAFF, `Staf ${evil}`, 'PNS');
    addConcepts(sb, '2026-05', 1, () => ({ 'Kegiatan/Informasi': `Sidang ${evil}`, Deskripsi: evil }));
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }, { button: 'OK' }]);
    const m = mailsTo(sb, KASUBBAG)[0];
    expect(m.html).not.toMatch(/<script|<img/);
    expect(m.html).toContain('&lt;script&gt;');
    const link = reviewLink(m);
    const page = get(sb, link, KASUBBAG);
    expect(page.body).not.toMatch(/<script>alert|<img src=x/);
    const res = post(sb, { t: tok(link), 'decision_K-0001': 'revise', 'feedback_K-0001': evil, aksi: 'kirim' }, KASUBBAG);
    expect(res.body).not.toMatch(/<script>alert|<img src=x/);
    const out = mailsTo(sb, STAFF)[0];
    expect(out.html).not.toMatch(/<script|<img/);
    expect(get(sb, link, KASUBBAG).body).not.toMatch(/<script>alert|<img src=x/);
  });
});

describe('designs (step 4)', () => {
  function approvedConcept(): Sandbox {
    const sb = newWorkbook();
    addPeople(sb);
    // Design request mails at once (no digest window): these tests read each mail.
    setSetting(sb, 'jeda_ringkasan_menit', '0');
    addStrategy(sb, '2026-05');
    addConcepts(sb, '2026-05', 2);
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }]);
    decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'revise', feedback: 'Ganti' }] });
    api(sb, 'apiDecide', KABAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(row(sb, 'Konsep Konten', 'K-0001').Status).toBe('Disetujui');
    return sb;
  }

  it('a design link that is not a web link (javascript:, data:) is refused, with a plain message', () => {
    const sb = approvedConcept();
    addDesign(sb, { konsep: 'K-0001', platform: 'X', naskah: 'Putusan hari ini', tautan: 'javascript:alert(document.cookie)' });
    const r = api(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0001'], urgent: true });
    expect(r.error?.code).toBe('VALIDATION');
    expect((r.error?.details ?? []).map((d) => d.message).join(' ')).toContain('bukan tautan web');
    expect(row(sb, 'Desain Konten', 'D-0001').Status).toBe(''); // Draf
  });

  it('copy over its limit blocks submission, says by how much, and writes Cek Naskah', () => {
    const sb = approvedConcept();
    addDesign(sb, { konsep: 'K-0001', platform: 'X', naskah: 'a'.repeat(300) });
    addDesign(sb, { konsep: 'K-0002', platform: 'Instagram', naskah: 'Putusan hari ini' });
    addDesign(sb, { konsep: 'K-0001', platform: 'YouTube', judul: 'J'.repeat(105), naskah: 'Deskripsi' });
    const r = api(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0001', 'D-0002', 'D-0003'] });
    expect(r.error?.code).toBe('VALIDATION');
    const details = (r.error?.details ?? []).map((d) => `${d.row}: ${d.message}`).join('\n');
    expect(details).toMatch(/2: Naskah: .*sebanyak 20/);
    expect(details).toContain('3: Konsep K-0002 berstatus Perlu Revisi');
    expect(details).toMatch(/4: Naskah: .*Judul YouTube melebihi batas 100 karakter sebanyak 5/);
    expect(row(sb, 'Desain Konten', 'D-0001')['Cek Naskah']).toContain('Melebihi batas');
    expect(row(sb, 'Desain Konten', 'D-0001').Status).toBe(''); // Draf
    expect(records(sb, TAB.persetujuan).filter((x) => x['ID Permintaan'] === 'P-0002')).toHaveLength(0);

    editCell(sb, STAFF, 'Desain Konten', 'F2', 'Putusan MK hari ini https://mkri.id/berita');
    const ok = api<{ requestId: string }>(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0001'] });
    expect(ok.ok).toBe(true);
    expect(ok.value?.requestId).toBe('P-0002');
    expect(row(sb, 'Desain Konten', 'D-0001')).toMatchObject({ Status: 'Diajukan' });
    expect(row(sb, 'Desain Konten', 'D-0001')['Cek Naskah']).toMatch(/^OK: \d+\/280/);
    const m = mailsTo(sb, KASUBBAG).pop();
    expect(m?.subject).toContain('desain konten');
    expect(m?.html).toContain('href="https://drive.google.com/file/d/desain-1/view"');
    expect(m?.text).toContain('Putusan MK hari ini');
    expect(m?.text).toMatch(/Cek Naskah: OK/);
  });

  it('the menu with nothing selected asks for the month, lists the designs, and submits after YES (nothing after NO)', () => {
    const sb = approvedConcept();
    addDesign(sb, { konsep: 'K-0001', platform: 'Instagram', naskah: 'Satu' });
    addDesign(sb, { konsep: 'K-0001', platform: 'Facebook', naskah: 'Dua' });
    const before = snapshot(sb);
    menu(sb, 'menuSubmitDesigns', STAFF, [{ button: 'OK', text: '' }, { button: 'NO' }]);
    expect(snapshot(sb)).toBe(before);
    const r = menu(sb, 'menuSubmitDesigns', STAFF, [{ button: 'OK', text: '' }, { button: 'YES' }]);
    expect(shown(r)).toContain('Ajukan 2 desain berikut?');
    expect(shown(r)).toContain('D-0001 · Instagram ·');
    expect(shown(r)).toContain('D-0002 · Facebook ·');
    expect(records(sb, 'Desain Konten').map((d) => d.Status)).toEqual(['Diajukan', 'Diajukan']);
    // Step 5 decided by link: Ditetapkan.
    const link = reviewLink(mailsTo(sb, KASUBBAG).pop()!);
    post(sb, { t: tok(link), aksi: 'setujui-semua' }, KASUBBAG);
    const l2 = reviewLink(mailsTo(sb, KABAG).pop()!);
    post(sb, { t: tok(l2), aksi: 'setujui-semua' }, KABAG);
    expect(records(sb, 'Desain Konten').map((d) => d.Status)).toEqual(['Ditetapkan', 'Ditetapkan']);
  });
});

describe('reminders, escalation and the SLA clock', () => {
  it('one digest per approver per working day; escalation to the Kabag; nothing on a weekend', () => {
    const { sb } = submitted(1);
    const sent = () => mails(sb).length;
    const base = sent();
    // Tuesday 07:30 WIB: waited Monday 09:00-16:00 = 360 working minutes (> 30, < 450).
    sb.setClock(Date.UTC(2026, 3, 7, 0, 30));
    expect(runTrigger(sb, 'triggerDaily', KABAG).ok).toBe(true);
    expect(mails(sb).slice(base).map((m) => [m.to[0], m.subject])).toEqual([[KASUBBAG, '[Siaran] Pengingat: 1 permintaan persetujuan menunggu']]);
    // About six working hours (the sandbox clock also moves with each execution's own running time).
    expect(mails(sb)[base].text).toMatch(/menunggu (6 jam|5 jam 5\d menit)/);
    expect(records(sb, TAB.persetujuan)[0]['Pengingat Terakhir']).toBe('7 April 2026 07:30');
    sb.setClock(Date.UTC(2026, 3, 7, 1, 30));
    runTrigger(sb, 'triggerDaily', KABAG);
    expect(sent()).toBe(base + 1);
    // Wednesday: 810 working minutes at the Kasubbag: escalated to the Kabag.
    sb.setClock(Date.UTC(2026, 3, 8, 0, 30));
    runTrigger(sb, 'triggerDaily', KABAG);
    const wed = mails(sb).slice(base + 1);
    expect(wed.map((m) => m.to[0]).sort()).toEqual([KABAG, KASUBBAG].sort());
    const esc = wed.find((m) => m.to[0] === KABAG)!;
    expect(esc.text).toContain('Eskalasi');
    expect(esc.text).toContain('P-0001');
    expect(logs(sb, 'Eskalasi ke Kabag')).toHaveLength(1);
    // Saturday: no reminders.
    sb.setClock(Date.UTC(2026, 3, 11, 0, 30));
    runTrigger(sb, 'triggerDaily', KABAG);
    expect(mails(sb)).toHaveLength(base + 3);
    // Over the standard time: the Persetujuan row is highlighted and the overview says so.
    const overview = api<Array<{ overdue: boolean; minutes: number }>>(sb, 'apiApprovalOverview', KABAG, {});
    expect(overview.value?.[0]).toMatchObject({ overdue: true });
    const view = sheet(sb, TAB.persetujuan);
    expect(view.backgrounds?.[1]?.[0]).toBe('#fce8e6');
    expect(view.backgrounds?.[2]?.[0]).not.toBe('#fce8e6');
    // Monday: the Kasubbag decides at last. The decision repaints its request's rows: hers stays
    // marked (decided after the standard time), the Kabag's level starts now (not marked).
    sb.setClock(Date.UTC(2026, 3, 13, 2, 0));
    const link = reviewLink(mailsTo(sb, KASUBBAG)[0]);
    expect(text(post(sb, { t: tok(link), aksi: 'setujui-semua' }, KASUBBAG).body)).toContain('Keputusan tersimpan');
    expect(sb.history[sb.history.length - 1].calls.filter((c) => c.method === 'Range.setBackgrounds')).toHaveLength(1);
    const after = sheet(sb, TAB.persetujuan);
    expect(records(sb, TAB.persetujuan).map((r) => r.Status)).toEqual(['Selesai', 'Menunggu']);
    expect(after.backgrounds?.[1]?.[0]).toBe('#fce8e6');
    expect(after.backgrounds?.[2]?.[0]).not.toBe('#fce8e6');
  });

  it('a decision within the standard time paints nothing (no row of its request was late)', () => {
    const { sb, link } = submitted(1);
    expect(text(post(sb, { t: tok(link), aksi: 'setujui-semua' }, KASUBBAG).body)).toContain('Keputusan tersimpan');
    const run = sb.history[sb.history.length - 1];
    expect(run.functionName).toBe('doPost');
    expect(run.calls.filter((c) => c.method === 'Range.setBackgrounds')).toHaveLength(0);
    expect(sheet(sb, TAB.persetujuan).backgrounds?.[1]?.[0]).not.toBe('#fce8e6');
  });
});

describe('mail that cannot go out', () => {
  it('is queued when the quota is exhausted and sent by the trigger when it recovers', () => {
    const sb = newWorkbook();
    addPeople(sb);
    addStrategy(sb, '2026-05');
    addConcepts(sb, '2026-05', 1);
    setMailQuota(sb.state, 0);
    const r = menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }]);
    // Only the owner's executions sign links: the owner's digest trigger sends it, and finds no quota.
    expect(shown(r)).toContain('Email mendesak untuk Kasubbag Humas dikirim oleh pemicu Siaran dalam 10 menit');
    expect(shown(r)).not.toContain('Email dikirim ke');
    expect(mails(sb)).toHaveLength(0);
    expect(logs(sb, 'Email ditunda')).toHaveLength(1);
    expect(row(sb, 'Konsep Konten', 'K-0001').Status).toBe('Diajukan');
    // Still no quota: the hourly retry keeps it.
    sb.setClock(MONDAY_0900 + HOUR);
    runTrigger(sb, 'triggerHourly', KABAG);
    expect(mails(sb)).toHaveLength(0);
    setMailQuota(sb.state, 100);
    sb.setClock(MONDAY_0900 + 2 * HOUR);
    expect(runTrigger(sb, 'triggerHourly', KABAG).ok).toBe(true);
    expect(mails(sb).map((m) => m.to[0])).toEqual([KASUBBAG]);
    expect(logs(sb, 'Email tertunda terkirim')).toHaveLength(1);
    expect(logs(sb, 'Email tertunda terkirim')[0].Detail).toContain('diantrekan sejak 6 April 2026 09.00 WIB');
    // The delayed link works.
    const link = reviewLink(mails(sb)[0]);
    expect(post(sb, { t: tok(link), aksi: 'setujui-semua' }, KASUBBAG).title).toBe('Keputusan tersimpan');
    runTrigger(sb, 'triggerHourly', KABAG);
    expect(logs(sb, 'Email tertunda terkirim')).toHaveLength(1);
  });
});

/** Test only: clears a tab's data rows (a person selecting rows 2.. and pressing Delete). */
const CLEAR_ROWS = `
function zzClearRows(tabName) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tabName);
  if (sheet.getLastRow() > 1) sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).clearContent();
}
`;

describe('repairs of states left by older versions or by hand', () => {
  it('items Diajukan that no request holds go back to Draf on the next hourly run, logged, and can be submitted again', () => {
    const owner = KABAG;
    const sb = new SandboxClass({ projectDir: testProject({ extra: { 'zz-clear.js': CLEAR_ROWS } }), owner, clockMs: MONDAY_0900, webAppUrl: URL_BASE });
    expect(sb.run('menuSetup', { kind: 'menu', user: owner }).ok).toBe(true);
    setSetting(sb, 'jeda_ringkasan_menit', '0');
    addPeople(sb);
    addStrategy(sb, '2026-05');
    addConcepts(sb, '2026-05', 2);
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }]);
    expect(records(sb, TAB.konsep).map((r) => r.Status)).toEqual(['Diajukan', 'Diajukan']);
    // The request rows are wiped by hand: the items are locked with nobody able to decide them.
    expect(sb.run('zzClearRows', { kind: 'editor', user: owner, args: [TAB.persetujuan] }).ok).toBe(true);
    // The hourly trigger checks both item tabs against the requests.
    expect(runTrigger(sb, 'triggerHourly', owner).ok).toBe(true);
    expect(records(sb, TAB.konsep).map((r) => [r.ID, r.Status, r.Versi])).toEqual([
      ['K-0001', 'Draf', '1'],
      ['K-0002', 'Draf', '1'],
    ]);
    // The owner's record pass writes statuses from the record, and says so.
    const restored = records(sb, TAB.log).filter((l) => l.Aksi === 'Status dipulihkan dari catatan');
    expect(restored.map((l) => [l.Objek, l.Detail.split(';')[0]])).toEqual([
      ['K-0001', '"Diajukan" → Draf'],
      ['K-0002', '"Diajukan" → Draf'],
    ]);
    // A second run finds nothing to repair and writes nothing.
    const before = snapshot(sb);
    expect(runTrigger(sb, 'triggerHourly', owner).ok).toBe(true);
    expect(snapshot(sb)).toBe(before);
    // The items can be submitted again.
    const again = menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }]);
    expect(shown(again)).toContain('2 konsep Mei 2026 diajukan (P-0001)');
  });
});

describe('trigger handlers run only as their installer\'s trigger', () => {
  it('a staff member calling triggerDaily through google.script.run sends nothing, and the Log names her', () => {
    const { sb } = submitted(1);
    runTrigger(sb, 'triggerHourly', KABAG); // the owner's triggers exist
    const base = mails(sb).length;
    // Tuesday 07:30: a real daily run would send the Kasubbag a reminder with her signed link.
    sb.setClock(Date.UTC(2026, 3, 7, 0, 30));
    for (const fn of ['triggerDaily', 'triggerHourly', 'triggerDigest']) {
      const r = sb.run(fn, { kind: 'scriptRun', user: OTHER, args: [{ triggerUid: listTriggers(sb.state)[0].uid }] });
      expect(r.ok).toBe(true);
    }
    expect(mails(sb)).toHaveLength(base);
    const refused = logs(sb, 'Pemicu ditolak');
    expect(refused.map((l) => l.Objek)).toEqual(['triggerDaily', 'triggerHourly', 'triggerDigest']);
    expect(refused.every((l) => l.Pengguna === OTHER || JSON.stringify(l).includes(OTHER))).toBe(true);
    // The Kabag's own trigger still works.
    expect(runTrigger(sb, 'triggerDaily', KABAG).ok).toBe(true);
    expect(mails(sb).length).toBe(base + 1);
  });
});

describe('nothing unrecorded', () => {
  it('with the Log header blanked, a decision is still recorded in the Log columns their tags name', () => {
    const { sb } = submitted(1);
    for (const a1 of ['A1', 'B1', 'C1', 'D1', 'E1', 'F1']) apiEdit(sb, KABAG, TAB.log, a1, '');
    const r = decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(r.ok).toBe(true);
    // Columns: Waktu, Pengguna, Langkah, Aksi, Objek, Detail (each found by its tag, not its header).
    const log = sheetView(sb, TAB.log).rows;
    const line = log.find((l) => l[4] === 'K-0001' && /Setujui|Disetujui/i.test(String(l[3])));
    expect(line).toBeDefined();
    expect(line![1]).toBe(KASUBBAG);
  });

  it('with a Log column deleted, a decision changes nothing and says how to repair the Log', () => {
    const { sb } = submitted(1);
    deleteColumns(sb, KABAG, TAB.log, 6, 1);
    const before = snapshot(sb);
    const mailsBefore = mails(sb).length;
    const r = decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(r.ok).toBe(false);
    const said = parse(r.page ?? '').textContent;
    expect(said).toContain('tidak ditemukan di tab "Log"');
    expect(said).toContain('Siapkan / perbaiki workbook');
    expect(snapshot(sb)).toBe(before);
    expect(mails(sb)).toHaveLength(mailsBefore);
  });
});

describe('links: GET shows, only a POSTed form decides', () => {
  it('a POST with the token only in the URL decides nothing', () => {
    const { sb, link } = submitted(1);
    const pers = JSON.stringify(records(sb, TAB.persetujuan));
    const r = webAppRequest(sb, { method: 'POST', url: `${URL_BASE}?t=${encodeURIComponent(tok(link))}`, form: { 'decision_K-0001': 'approve', aksi: 'setujui-semua' }, user: KASUBBAG });
    expect(text(r.body)).not.toContain('Keputusan tersimpan');
    expect(JSON.stringify(records(sb, TAB.persetujuan))).toBe(pers);
    expect(row(sb, 'Konsep Konten', 'K-0001').Status).toBe('Diajukan');
    // The attempt is on record, naming who made it.
    expect(logs(sb, 'Tautan ditolak').map((l) => l.Pengguna)).toEqual([KASUBBAG]);
  });
});

describe('the review page never shows Apps Script\'s error page', () => {
  it('with a column of Persetujuan deleted, opening and posting a link show Siaran\'s plain page', () => {
    const { sb, link } = submitted(1);
    deleteColumns(sb, KABAG, TAB.persetujuan, 3, 1);
    for (const r of [get(sb, link, KASUBBAG), post(sb, { t: tok(link), aksi: 'setujui-semua' }, KASUBBAG)]) {
      expect(r.execution.ok).toBe(true);
      expect(r.title).toBe('Workbook perlu diperbaiki');
      expect(text(r.body)).toContain('Siapkan / perbaiki workbook');
      expect(text(r.body)).toMatch(/Tidak ada yang diubah/);
    }
    expect(row(sb, 'Konsep Konten', 'K-0001').Status).toBe('Diajukan');
  });
});

describe('the roster at the time of deciding', () => {
  it('a Kasubbag demoted after the request was made can no longer decide, by link or in the panel', () => {
    const { sb, link } = submitted(1);
    const people = records(sb, TAB.pengguna);
    const rowNo = people.findIndex((p) => p.Email === KASUBBAG) + 2;
    const roleCol = String.fromCharCode(65 + sheet(sb, TAB.pengguna).headers.indexOf('Peran'));
    editCell(sb, KABAG, TAB.pengguna, `${roleCol}${rowNo}`, 'PNS');
    const before = JSON.stringify(records(sb, TAB.persetujuan));
    const r = post(sb, { t: tok(link), aksi: 'setujui-semua' }, KASUBBAG);
    expect(r.title).toBe('Bukan penyetuju lagi');
    expect(text(r.body)).toContain('Tidak ada yang diubah');
    const panel = api(sb, 'apiDecide', KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(panel.ok).toBe(false);
    expect(JSON.stringify(records(sb, TAB.persetujuan))).toBe(before);
    expect(row(sb, 'Konsep Konten', 'K-0001').Status).toBe('Diajukan');
    expect(logs(sb, 'Tautan ditolak').some((l) => /tidak lagi tercatat/.test(l.Detail))).toBe(true);
  });
});

describe('separation of duties', () => {
  it('a PPNPN who lists herself again as Kasubbag is not routed her own submission, and cannot decide it', () => {
    const sb = newWorkbook();
    addPeople(sb);
    // A second Pengguna row with her own email and an approver's role (the sheet is not protected yet).
    addPerson(sb, STAFF, 'Saya', 'Kasubbag');
    addStrategy(sb, '2026-05');
    addConcepts(sb, '2026-05', 1);
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }]);
    const approvers = records(sb, TAB.persetujuan).map((r) => r.Penyetuju);
    expect(approvers).toContain(KASUBBAG);
    expect(approvers).not.toContain(STAFF);
    expect(mailsTo(sb, STAFF).filter((m) => /Mohon persetujuan/.test(m.subject))).toHaveLength(0);
    // Deciding in the panel as a listed approver of the request is refused when it is her own.
    const r = api(sb, 'apiDecide', STAFF, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(r.ok).toBe(false);
    expect(row(sb, 'Konsep Konten', 'K-0001').Status).toBe('Diajukan');
  });
});
