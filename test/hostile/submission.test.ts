/**
 * The submission page (the owner's web app): staff executions may not write the record, so a
 * submission is recorded by the page's POST in the visitor's name. Attacked as a PPNPN who wants
 * her plan submitted in someone else's name, as a page that makes a visitor POST, as a mail scanner
 * that opens the page, and as two clicks on Ajukan.
 */
import type { Sandbox } from '../../sandbox/src/sandbox';
import { webAppRequest } from '../../sandbox/src/webapp';
import { apiEdit, sheetView } from '../../sandbox/src/actions';
import { addConcepts, addPeople, addStrategy, KABAG, newWorkbook, OTHER, records, snapshot, STAFF, STAFF2, submitPageForm, submitPostJob, TAB, viaSubmitPage } from '../integration/helpers';

const EXEC = 'https://script.google.com/macros/s/sandbox-script/exec';

/** The staff member's check in the panel: the submission page's URL (nothing written). */
function check(sb: Sandbox, user: string, period = '2026-05'): string {
  const r = sb.run('apiSubmitConcept', { kind: 'scriptRun', user, args: [{ period }] });
  const url = (r.value as { value?: { pageUrl?: string } }).value?.pageUrl;
  if (!url) throw new Error(`no submission page: ${JSON.stringify(r.value)}`);
  return url;
}

function world(): Sandbox {
  const sb = newWorkbook();
  addPeople(sb);
  addStrategy(sb, '2026-05');
  addStrategy(sb, '2026-06');
  addConcepts(sb, '2026-05', 2, () => ({}), STAFF2);
  addConcepts(sb, '2026-06', 1, () => ({ PIC: STAFF2 }), STAFF2);
  return sb;
}

const get = (sb: Sandbox, url: string, user: string) => webAppRequest(sb, { method: 'GET', url, user }).body;
const post = (sb: Sandbox, form: Record<string, string>, user: string) => webAppRequest(sb, { method: 'POST', url: EXEC, form, user }).body;
const refusals = (sb: Sandbox) => records(sb, TAB.log).filter((l) => l.Aksi === 'Pengajuan ditolak');

describe('the submission page', () => {
  it('the check in the panel and the page GET write nothing (a mail scanner may open the page)', () => {
    const sb = world();
    const before = snapshot(sb);
    const url = check(sb, STAFF2);
    expect(url).toBe(`${EXEC}?ajukan=konsep&p=2026-05`);
    const page = get(sb, url, STAFF2);
    expect(page).toContain('Ajukan konsep Mei 2026');
    expect(page).toContain('K-0001');
    expect(submitPageForm(page)).not.toBeNull();
    // Twice, and by someone else: still nothing written, no request, no Log line.
    get(sb, url, STAFF);
    expect(snapshot(sb)).toBe(before);
  });

  it('a row added to the month after she opened the page is not submitted in her name: the POST is refused, and a fresh page lists it', () => {
    const sb = world();
    const url = check(sb, STAFF2);
    const form = submitPageForm(get(sb, url, STAFF2))!;
    // The other staff member adds a May item while the page is open.
    addConcepts(sb, '2026-05', 1, () => ({ 'Kegiatan/Informasi': 'Baris yang ditambahkan kemudian' }), STAFF);
    const before = JSON.stringify([records(sb, TAB.konsep), records(sb, TAB.persetujuan)]);
    expect(post(sb, form, STAFF2)).toContain('berubah sejak halaman ini dibuka');
    expect(JSON.stringify([records(sb, TAB.konsep), records(sb, TAB.persetujuan)])).toBe(before);
    const fresh = get(sb, url, STAFF2);
    expect(fresh).toContain('Baris yang ditambahkan kemudian');
    expect(post(sb, submitPageForm(fresh)!, STAFF2)).toContain('Pengajuan tercatat');
    expect(records(sb, TAB.konsep).filter((k) => k.Periode === '2026-05').every((k) => k.Status === 'Diajukan')).toBe(true);
  });

  it('the record names the visitor Google names, and the page is the only way a staff member records it', () => {
    const sb = world();
    const r = viaSubmitPage(sb, STAFF2, sb.run('apiSubmitConcept', { kind: 'scriptRun', user: STAFF2, args: [{ period: '2026-05' }] }).value as never);
    expect(r.ok).toBe(true);
    const rows = records(sb, TAB.persetujuan);
    expect(new Set(rows.map((x) => x['Diajukan Oleh']))).toEqual(new Set([STAFF2]));
    expect(records(sb, TAB.konsep).filter((k) => k.Periode === '2026-05').map((k) => [k.Status, k['Diajukan Oleh']])).toEqual([
      ['Diajukan', STAFF2],
      ['Diajukan', STAFF2],
    ]);
    // Written by the owner's execution: its Log lines are the owner's own, not reported ones.
    const made = records(sb, TAB.log).find((l) => l.Aksi === 'Permintaan persetujuan dibuat');
    expect(made?.Pengguna).toBe(STAFF2);
    expect(made?.Detail).not.toContain('dilaporkan');
  });

  it("a form signed for one staff member cannot submit in another's name, nor another month; a POST without a token changes nothing; each is logged with who tried", () => {
    const sb = world();
    const form = submitPageForm(get(sb, check(sb, STAFF2), STAFF2))!;
    const record = () => JSON.stringify([records(sb, TAB.konsep), records(sb, TAB.persetujuan)]);
    const before = record();
    // The PPNPN's form, posted by the other staff member (a forwarded page, a shared screen).
    expect(post(sb, form, STAFF)).toContain('Halaman pengajuan tidak sah');
    // Her own form, pointed at June (the month is part of what the token binds).
    expect(post(sb, { ...form, ajukan: 'desain', ids: 'K-0003' }, STAFF2)).toContain('Halaman pengajuan tidak sah');
    // Another page making her browser POST (no token, or a made-up one).
    expect(post(sb, { ajukan: 'konsep' }, STAFF2)).toContain('Halaman pengajuan tidak sah');
    expect(post(sb, { ajukan: 'konsep', t: `${form.t.slice(0, -4)}AAAA` }, STAFF2)).toContain('Halaman pengajuan tidak sah');
    // Someone outside the domain or not signed in: nothing either.
    expect(post(sb, form, '')).toMatch(/Sign in to continue|tidak dapat mengetahui akun Anda/);
    expect(record()).toBe(before);
    expect(records(sb, TAB.persetujuan)).toHaveLength(0);
    const who = refusals(sb).map((l) => l.Pengguna);
    expect(who).toEqual([STAFF, STAFF2, STAFF2, STAFF2]);
    expect(refusals(sb)[0].Detail).toContain(`pengunjung: ${STAFF}`);
    // The posted fields never reach the owner's Log: a 5,000-character kind is logged as a word, with the reason.
    expect(post(sb, { ajukan: 'x'.repeat(5000), t: form.t }, STAFF2)).toContain('Halaman pengajuan tidak sah');
    const last = refusals(sb)[refusals(sb).length - 1];
    expect(last.Objek).toBe('konsep');
    expect(last.Detail).toContain('(akun atau isi tidak cocok)');
    expect(refusals(sb)[2].Detail).toContain('(malformed)');
  });

  it('a token of an approval link does not submit, and a submission form does not decide', () => {
    const sb = world();
    const form = submitPageForm(get(sb, check(sb, STAFF2), STAFF2))!;
    // The form's token on the review page's POST: not a request's link.
    expect(post(sb, { t: form.t, aksi: 'setujui-semua' }, STAFF2)).toMatch(/tidak sah|tidak ditemukan/);
    expect(records(sb, TAB.persetujuan)).toHaveLength(0);
  });

  it('someone not on the roster, or an approver, cannot submit on the page', () => {
    const sb = world();
    const url = check(sb, STAFF2);
    expect(submitPageForm(get(sb, url, OTHER))).toBeNull();
    expect(get(sb, url, OTHER)).toContain('belum terdaftar di tab Pengguna');
    const before = snapshot(sb);
    // The Kabag is the owner: his own panel submits directly (no page); the page as a head is refused by role.
    expect(submitPageForm(get(sb, url, KABAG))).toBeNull();
    expect(snapshot(sb)).toBe(before);
  });

  it('two clicks on Ajukan (or two tabs) make one request; the second says there is nothing left to submit', () => {
    const sb = world();
    const form = submitPageForm(get(sb, check(sb, STAFF2), STAFF2))!;
    expect(post(sb, form, STAFF2)).toContain('Pengajuan tercatat');
    const again = post(sb, form, STAFF2);
    expect(again).toContain('Belum dapat diajukan');
    expect(again).toContain('Tidak ada konsep berstatus Draf atau Perlu Revisi untuk Mei 2026');
    expect(new Set(records(sb, TAB.persetujuan).map((x) => x['ID Permintaan']))).toEqual(new Set(['P-0001']));
  });

  it('two staff members pressing Ajukan for the same month at the same moment make one request (true concurrency)', () => {
    for (const seed of [1, 2, 3]) {
      const sb = world();
      const run = sb.runConcurrent([submitPostJob(sb, STAFF, 'apiSubmitConcept', { period: '2026-05' }), submitPostJob(sb, STAFF2, 'apiSubmitConcept', { period: '2026-05' })], { seed });
      expect(run.results.every((r) => r.ok)).toBe(true);
      const requests = records(sb, TAB.persetujuan);
      expect(new Set(requests.map((x) => x['ID Permintaan']))).toEqual(new Set(['P-0001']));
      expect(records(sb, TAB.konsep).filter((k) => k.Periode === '2026-05').map((k) => k.Status)).toEqual(['Diajukan', 'Diajukan']);
      // One of them submitted; the record names that one, whoever it was.
      expect(new Set(requests.map((x) => x['Diajukan Oleh'])).size).toBe(1);
    }
  });

  it('staff cannot write the record from their own execution: a request row or a status written by her own script fails on the protection', () => {
    const sb = world();
    const before = snapshot(sb);
    expect(() => apiEdit(sb, STAFF2, TAB.persetujuan, 'A2', 'P-0009')).toThrow('You are trying to edit a protected cell or object');
    const status = String.fromCharCode(65 + sheetView(sb, TAB.konsep).headers.indexOf('Status'));
    const version = String.fromCharCode(65 + sheetView(sb, TAB.konsep).headers.indexOf('Versi'));
    expect(() => apiEdit(sb, STAFF2, TAB.konsep, `${status}2`, 'Diajukan')).toThrow('You are trying to edit a protected cell or object');
    expect(() => apiEdit(sb, STAFF2, TAB.konsep, `${version}2`, '1')).toThrow('You are trying to edit a protected cell or object');
    expect(snapshot(sb)).toBe(before);
  });
});
