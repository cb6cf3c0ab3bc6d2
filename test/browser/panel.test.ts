/**
 * The Siaran panel in a real browser (Debian's chromium through playwright-core), opened from the
 * Siaran menu in the sandbox workbench over the built dist/: a staff member from adding plan items
 * to submitting the month; a design with over-long X copy, blocked, then fixed and submitted; an
 * approver deciding in the panel. Screenshots of every view in both languages go to
 * $PANEL_SHOTS (default: a temp folder) for people to look at.
 *
 * Skips when /usr/bin/chromium is missing (install it with: apt-get install -y chromium).
 */
import { decideAs, deliverHeld, viaSubmitPage } from '../integration/helpers';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { Sandbox } from '../../sandbox/src/sandbox';
import type { RunningServer } from '../../sandbox/src/server';
import { describeInBrowser, openWorkbench, Workbench } from './browser';
import { appendRow, editCell } from '../../sandbox/src/actions';
import { callFromClient } from '../../sandbox/src/script-run';
import { outbox, SentMail } from '../../sandbox/src/services/mail';
import type { PanelConcept, PanelDesign, PendingDecision, Result } from '../../src/shared/contract';
import { testProject } from '../integration/project';

/** Mail sent so far, after the owner's digest trigger sent what staff executions held for it. */
function sent(sb: Sandbox): SentMail[] {
  deliverHeld(sb);
  return outbox(sb.state);
}

const d = describeInBrowser('the panel browser tests');

const KABAG = 'kabag@mk.example.id';
const KASUBBAG = 'kasubbag@mk.example.id';
const STAFF = 'andi@mk.example.id';
const STAFF2 = 'nadia@mk.example.id';
/** Monday 6 April 2026, 09:00 WIB. */
const T0 = Date.UTC(2026, 3, 6, 2, 0);
const P = '2026-04';

d('the Siaran panel in the workbench', () => {
  let dir: string;
  let sb: Sandbox;
  let server: RunningServer;
  let wb: Workbench;
  let page: Page;
  const shots = process.env.PANEL_SHOTS || '';

  function api<T>(user: string, fn: string, arg: unknown): T {
    const r = callFromClient(sb, fn, [arg], user);
    if (!r.ok) throw new Error(`${fn}: ${r.error.message}`);
    // A staff member's submission goes on through the submission page (the owner's web app).
    const res = viaSubmitPage(sb, user, r.value as never) as Result<T>;
    if (!res.ok) throw new Error(`${fn}: ${res.error.message} ${JSON.stringify(res.error.details ?? [])}`);
    return res.value;
  }

  function records(tab: string): Array<Record<string, string>> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { sheetView } = require('../../sandbox/src/actions') as typeof import('../../sandbox/src/actions');
    const v = sheetView(sb, tab);
    return v.rows.map((r) => Object.fromEntries(v.headers.map((h, i) => [h, r[i] ?? ''])));
  }

  /** A new workbook: setup by the Kabag, the team in Pengguna. */
  function fresh(lang: 'id' | 'en' = 'id'): void {
    sb.reset(KABAG, T0);
    const r = sb.run('menuSetup', { kind: 'menu', user: KABAG });
    if (!r.ok) throw new Error(r.error?.message);
    appendRow(sb, KABAG, 'Pengguna', { Email: KASUBBAG, Nama: 'Sri Wahyuni', Peran: 'Kasubbag' });
    appendRow(sb, KABAG, 'Pengguna', { Email: STAFF, Nama: 'Andi Pratama', Peran: 'PNS' });
    appendRow(sb, KABAG, 'Pengguna', { Email: STAFF2, Nama: 'Nadia Putri', Peran: 'PPNPN' });
    if (lang === 'en') {
      const i = records('Pengaturan').findIndex((x) => x.Kunci === 'bahasa');
      editCell(sb, KABAG, 'Pengaturan', `B${i + 2}`, 'en');
    }
  }

  const concept = (over: Partial<Record<string, unknown>> = {}) => ({
    period: P,
    date: '2026-04-14',
    activity: 'Sidang pengucapan putusan perkara 12/PUU-XXIV/2026',
    category: 'Putusan',
    platforms: ['Instagram', 'X'],
    pic: STAFF,
    description: 'Carousel ringkasan putusan dan utas di X.',
    ...over,
  });

  function decideAll(user: string, decision: 'approve' | 'revise' = 'approve', only?: string): void {
    for (const p of api<PendingDecision[]>(user, 'apiPendingDecisions', {})) {
      if (only && !p.items.some((i) => i.id === only)) continue;
      // The owner decides in the panel; another head on the review page it opens (decideAs).
      expect(decideAs(sb, user, { requestId: p.requestId, decisions: p.items.map((i) => ({ itemId: i.id, decision, ...(decision === 'revise' ? { feedback: 'Perjelas nomor perkara.' } : {}) })) }).ok).toBe(true);
    }
  }

  /** A month with items at every stage. */
  function richMonth(): void {
    const a = api<PanelConcept>(STAFF, 'apiSaveConcept', concept());
    const b = api<PanelConcept>(STAFF, 'apiSaveConcept', concept({ date: '2026-04-08', activity: 'Kunjungan mahasiswa Fakultas Hukum ke MK', category: 'Kunjungan', platforms: ['YouTube', 'Facebook'], pic: STAFF2 }));
    api(STAFF, 'apiSubmitConcept', { period: P });
    decideAll(KASUBBAG);
    decideAll(KABAG);
    api<PanelDesign>(STAFF, 'apiSaveDesign', { conceptId: a.id, platform: 'X', link: 'https://drive.google.com/file/d/x1/view', title: '', copy: 'Putusan MK hari ini. #PutusanMK https://mkri.id/putusan/12' });
    const yt = api<PanelDesign>(STAFF, 'apiSaveDesign', { conceptId: b.id, platform: 'YouTube', link: 'https://drive.google.com/file/d/yt/view', title: 'Kunjungan mahasiswa ke MK', copy: 'Mahasiswa belajar hukum acara MK. #MKRI' });
    api(STAFF, 'apiSubmitDesigns', { ids: [yt.id] });
    decideAll(KASUBBAG);
    decideAll(KABAG);
    api(STAFF, 'apiRecordPublication', { designId: yt.id, url: 'https://youtu.be/abc123', publishedAt: '2026-04-06T08:30' });
    api<PanelConcept>(STAFF, 'apiSaveConcept', concept({ date: '2026-04-22', activity: 'Infografik hak konstitusional warga', category: 'Edukasi', platforms: ['Instagram', 'TikTok'] }));
    api<PanelConcept>(STAFF, 'apiSaveConcept', concept({ date: '2026-04-22', activity: 'Reels jadwal sidang pekan depan', category: 'Sidang', platforms: ['Instagram'] }));
    api(STAFF, 'apiSubmitConcept', { period: P });
    sb.setClock(T0 + 86400000);
    const c = api<PanelConcept>(STAFF2, 'apiSaveConcept', concept({ date: '2026-04-27', activity: 'Kutipan hakim konstitusi tentang demokrasi', category: 'Edukasi', platforms: ['Instagram', 'Facebook'], pic: STAFF2 }));
    api(STAFF2, 'apiSubmitConcept', { period: P });
    decideAll(KASUBBAG, 'revise', c.id);
    api<PanelConcept>(STAFF, 'apiSaveConcept', concept({ date: '2026-04-29', activity: 'Ucapan Hari Buruh', category: 'Informasi', platforms: ['X'] }));
    api(KABAG, 'apiSaveStrategy', {
      period: P,
      directions: [
        { platform: 'Instagram', text: 'Utamakan carousel ringkasan putusan dan Reels jadwal sidang.' },
        { platform: 'X', text: 'Kabar singkat setiap putusan dengan tautan ke salinan putusan.' },
      ],
      reports: { analisisMedia: 'https://drive.google.com/analisis', diseminasiPerkara: '', auditKehumasan: '', referensi: 'Humas MA dan KY' },
    });
    sb.setClock(T0 + 3 * 86400000); // Thursday: some clocks are past their standard
  }

  async function openPanelAs(email: string, menuItem = 'Buka panel'): Promise<FrameLocator> {
    await page.request.post(`${server.url}api/user`, { data: { email } });
    await page.evaluate((e) => localStorage.setItem('sbx_user', e), email);
    await page.goto(server.url);
    await page.locator('body[data-ready="1"]').waitFor();
    await page.locator('.menu-button', { hasText: 'Siaran' }).click();
    await page.locator('.menu-item', { hasText: menuItem }).click();
    await page.locator('#sidebar').waitFor({ state: 'visible' });
    const frame = page.frameLocator('#sidebar-frame');
    await frame.locator('header.top').waitFor();
    return frame;
  }

  /**
   * After a staff member's submit in the panel (her check): she opens the submission page from the
   * panel's note, looks at it at 375 px, presses Ajukan, reads the answer, and comes back to the
   * panel (which reloads). Returns the page's answer as text.
   */
  async function submitOnPage(f: FrameLocator, name?: string): Promise<string> {
    const link = f.locator('.msg.info a.open-page');
    await link.waitFor();
    if (name) await shot(`${name}-check`);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.setViewportSize({ width: 375, height: 800 });
    await tab.locator('form button[type="submit"]').waitFor();
    expect(await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    if (shots && name) await tab.screenshot({ path: path.join(shots, `${name}-page.png`), fullPage: true });
    await tab.locator('form button[type="submit"]').click();
    await tab.locator('h1.ok').waitFor();
    if (shots && name) await tab.screenshot({ path: path.join(shots, `${name}-done.png`), fullPage: true });
    const said = ((await tab.locator('p.message').textContent()) ?? '').replace(/\s+/g, ' ');
    await tab.close();
    await page.bringToFront();
    await f.locator('body').evaluate(() => window.dispatchEvent(new Event('focus')));
    return said;
  }

  async function shot(name: string): Promise<void> {
    if (!shots) return;
    await page.locator('#sidebar').screenshot({ path: path.join(shots, `${name}.png`) });
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'siaran-panel-'));
    if (shots) mkdirSync(shots, { recursive: true });
    sb = new Sandbox({ projectDir: testProject(), dataDir: path.join(dir, 'data'), owner: KABAG, clockMs: T0 });
    wb = await openWorkbench(sb, { width: 1280, height: 900 });
    ({ server, page } = wb);
  });

  afterAll(async () => {
    await wb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('staff: adds plan items (a problem shown next to its field), then submits the month', async () => {
    fresh();
    const f = await openPanelAs(STAFF);
    await f.locator('.view-btn', { hasText: 'Konsep' }).click();
    await f.locator('text=Belum ada konsep untuk April 2026.').waitFor();
    await f.locator('button', { hasText: '+ Tambah konsep' }).click();
    const form = f.locator('form.card.form');
    await form.getByLabel('Rencana tayang').fill('2026-04-14');
    await form.getByLabel('Kegiatan/Informasi').fill('Sidang pengucapan putusan perkara 12/PUU-XXIV/2026');
    await form.getByLabel('Kategori').fill('Putusan');
    await form.getByLabel('Instagram').check();
    await form.getByLabel('X', { exact: true }).check();
    await form.getByLabel('Deskripsi').fill('Carousel ringkasan putusan.');
    await form.locator('button[type="submit"]').click();
    await f.locator('.msg.ok', { hasText: 'Tersimpan: K-0001.' }).waitFor();

    // A second item, first without an activity: the problem shows next to that field.
    await f.locator('button', { hasText: '+ Tambah konsep' }).click();
    await form.getByLabel('Rencana tayang').fill('2026-04-20');
    await form.getByLabel('TikTok').check();
    await form.locator('button[type="submit"]').click();
    const activity = form.getByLabel('Kegiatan/Informasi');
    await form.locator('[data-field="activity"] .field-error', { hasText: 'Kegiatan/Informasi kosong' }).waitFor();
    expect(await activity.getAttribute('aria-invalid')).toBe('true');
    await shot('id-concept-form-error');
    expect(records('Konsep Konten')).toHaveLength(1);
    await activity.fill('Video TikTok: Tahukah Kamu tentang MK');
    await form.locator('button[type="submit"]').click();
    await f.locator('.msg.ok', { hasText: 'Tersimpan: K-0002.' }).waitFor();
    expect(await f.locator('article.card[data-id]').count()).toBe(2);
    await shot('id-concepts');

    await f.locator('button', { hasText: 'Ajukan konsep April 2026' }).click();
    expect(await submitOnPage(f, 'id-submit-concepts')).toContain('2 konsep April 2026 diajukan');
    expect(records('Konsep Konten').map((r) => r.Status)).toEqual(['Diajukan', 'Diajukan']);
    // Under review: no edit buttons any more, and the month view shows them as submitted.
    expect(await f.locator('button', { hasText: 'Ubah' }).count()).toBe(0);
    await f.locator('.view-btn', { hasText: 'Kalender' }).click();
    await f.locator('.cal-table').waitFor();
    expect(await f.locator('button.day').count()).toBe(2);
    await f.locator('button.day[aria-label^="14 April 2026"]').click();
    expect(await f.locator('.list article.card').count()).toBe(1);
    await f.getByLabel('Status').selectOption('Draf');
    await f.locator('text=Tidak ada item yang cocok dengan saringan.').waitFor();
  });

  it('staff: over-long X copy blocks the submit; fixed, the design is submitted', async () => {
    fresh();
    const a = api<PanelConcept>(STAFF, 'apiSaveConcept', concept());
    api(STAFF, 'apiSubmitConcept', { period: P });
    decideAll(KASUBBAG);
    decideAll(KABAG);
    const f = await openPanelAs(STAFF);
    await f.locator('.view-btn', { hasText: 'Desain' }).click();
    const card = f.locator('article.design[data-platform="X"]');
    await card.waitFor();
    await card.getByLabel('Tautan desain').fill('https://drive.google.com/file/d/x1/view');
    const long = `${'Putusan MK hari ini menegaskan hak konstitusional warga negara. '.repeat(5)}#PutusanMK #MKRI https://mkri.id/berita/12`;
    await card.getByLabel('Naskah', { exact: true }).fill(long);
    await card.locator('.meter.over', { hasText: 'lebih' }).waitFor();
    await card.locator('.problems.error').waitFor();
    const submit = card.locator('button', { hasText: 'Simpan & ajukan' });
    expect(await submit.isDisabled()).toBe(true);
    await card.locator('.field-error', { hasText: 'Belum dapat diajukan' }).waitFor();
    expect(await card.locator('.checker').textContent()).toContain('#PutusanMK');
    // A long unbroken link in the checker's list wraps inside the 300 px sidebar.
    await card.getByLabel('Naskah', { exact: true }).fill(`${long} https://www.mkri.id/index.php?page=web.Putusan&id=1&kat=1&cari=${'pengujian-undang-undang-'.repeat(5)}`);
    await card.locator('.checker', { hasText: 'pengujian-undang-undang' }).waitFor();
    expect(await f.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(0);
    await shot('id-designs-blocked');

    await card.getByLabel('Naskah', { exact: true }).fill('Putusan MK hari ini menegaskan hak konstitusional warga. #PutusanMK https://mkri.id/berita/12');
    await card.locator('.ok-text').waitFor();
    expect(await submit.isDisabled()).toBe(false);
    await submit.click();
    expect(await submitOnPage(f)).toContain('1 desain April 2026 diajukan');
    const rows = records('Desain Konten');
    expect(rows.map((r) => [r['ID Konsep'], r.Platform, r.Status])).toEqual([[a.id, 'X', 'Diajukan']]);
    expect(rows[0]['Cek Naskah']).toMatch(/^OK/);
    await f.locator('article.design[data-platform="X"] .chip', { hasText: 'Diajukan' }).waitFor();
  });

  it('staff: saving or submitting one design card keeps the other cards\' unsaved text; leaving asks first', async () => {
    fresh();
    api<PanelConcept>(STAFF, 'apiSaveConcept', concept({ platforms: ['Instagram', 'X', 'Facebook'] }));
    api(STAFF, 'apiSubmitConcept', { period: P });
    decideAll(KASUBBAG);
    decideAll(KABAG);
    await page.setViewportSize({ width: 1280, height: 900 });
    const f = await openPanelAs(STAFF);
    // The sidebar is 300 px wide, as in Sheets.
    expect(await f.locator('body').evaluate((b) => b.clientWidth)).toBeLessThanOrEqual(300);
    await f.locator('.view-btn', { hasText: 'Desain' }).click();
    const card = (p: string) => f.locator(`article.design[data-platform="${p}"]`);
    await card('Facebook').waitFor();
    const texts: Record<string, string> = {
      Instagram: 'Carousel putusan hari ini.\n#PutusanMK',
      X: 'Putusan MK hari ini. #PutusanMK',
      Facebook: 'Ringkasan putusan untuk Facebook.',
    };
    for (const p of ['Instagram', 'X', 'Facebook']) {
      await card(p).getByLabel('Tautan desain').fill(`https://drive.google.com/file/d/${p.toLowerCase()}/view`);
      await card(p).getByLabel('Naskah', { exact: true }).fill(texts[p]);
    }
    await card('X').locator('.unsaved-note', { hasText: 'Belum disimpan' }).waitFor();
    await card('X').locator('button', { hasText: 'Simpan draf' }).click();
    await f.locator('.msg.ok', { hasText: 'Tersimpan: D-0001.' }).waitFor();
    // The view re-rendered: the saved card shows what was saved, the others what was typed.
    expect(await card('X').getByLabel('Naskah', { exact: true }).inputValue()).toBe(texts.X);
    expect(await card('X').locator('.unsaved-note').textContent()).toBe('');
    expect(await card('Instagram').getByLabel('Naskah', { exact: true }).inputValue()).toBe(texts.Instagram);
    expect(await card('Facebook').getByLabel('Naskah', { exact: true }).inputValue()).toBe(texts.Facebook);
    expect(await card('Facebook').getByLabel('Tautan desain').inputValue()).toBe('https://drive.google.com/file/d/facebook/view');
    expect(records('Desain Konten').map((r) => r.Platform)).toEqual(['X']);
    await shot('id-designs-unsaved-kept');

    // Correct the saved X copy, then submit Instagram: X shows the correction, not the old draft.
    await card('X').getByLabel('Naskah', { exact: true }).fill('Putusan MK hari ini (diperbaiki). #PutusanMK');
    await card('Instagram').locator('button', { hasText: 'Simpan & ajukan' }).click();
    expect(await submitOnPage(f)).toContain('1 desain April 2026 diajukan');
    await card('Instagram').locator('.chip', { hasText: 'Diajukan' }).waitFor();
    expect(await card('X').getByLabel('Naskah', { exact: true }).inputValue()).toBe('Putusan MK hari ini (diperbaiki). #PutusanMK');
    expect(await card('Facebook').getByLabel('Naskah', { exact: true }).inputValue()).toBe(texts.Facebook);

    // Leaving with unsaved text asks; declining stays with the text, accepting leaves.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dlg) => {
        resolve(dlg.message());
        void dlg.dismiss();
      }),
    );
    await f.locator('.view-btn', { hasText: 'Konsep' }).click();
    const question = await asked;
    expect(question).toContain('belum disimpan');
    expect(question).toContain('X');
    expect(await f.locator('.view-btn[aria-current="page"]').textContent()).toBe('Desain');
    expect(await card('Facebook').getByLabel('Naskah', { exact: true }).inputValue()).toBe(texts.Facebook);
    page.once('dialog', (d) => void d.accept());
    await f.locator('.view-btn', { hasText: 'Konsep' }).click();
    await f.locator('.view-btn[aria-current="page"]', { hasText: 'Konsep' }).waitFor();
  });

  it('staff: submits the month\'s designs together, after a list of ids, platforms and titles: one request, one mail per approver', async () => {
    fresh();
    const a = api<PanelConcept>(STAFF, 'apiSaveConcept', concept());
    const b = api<PanelConcept>(STAFF, 'apiSaveConcept', concept({ date: '2026-04-20', activity: 'Video TikTok tentang MK', platforms: ['TikTok'] }));
    api(STAFF, 'apiSubmitConcept', { period: P });
    decideAll(KASUBBAG);
    decideAll(KABAG);
    api<PanelDesign>(STAFF, 'apiSaveDesign', { conceptId: a.id, platform: 'Instagram', link: 'https://drive.google.com/file/d/ig/view', title: '', copy: 'Carousel putusan. #PutusanMK' });
    api<PanelDesign>(STAFF, 'apiSaveDesign', { conceptId: a.id, platform: 'X', link: 'https://drive.google.com/file/d/x/view', title: '', copy: 'Putusan hari ini. #PutusanMK' });
    api<PanelDesign>(STAFF, 'apiSaveDesign', { conceptId: b.id, platform: 'TikTok', link: 'https://drive.google.com/file/d/tt/view', title: '', copy: 'Tahukah kamu? #MKRI' });
    const mailsBefore = records('Persetujuan').length;
    const f = await openPanelAs(STAFF);
    await f.locator('.view-btn', { hasText: 'Desain' }).click();
    const box = f.locator('section.month-submit');
    await box.waitFor();
    expect(await box.locator('label.design-tick').count()).toBe(3);
    expect(await box.textContent()).toContain('D-0003 · TikTok · Video TikTok tentang MK');
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dlg) => {
        resolve(dlg.message());
        void dlg.accept();
      }),
    );
    await box.locator('button', { hasText: 'Ajukan 3 desain' }).click();
    const question = await asked;
    expect(question).toContain('Ajukan 3 desain April 2026 dalam satu permintaan?');
    expect(question).toContain('D-0002 · X · Sidang pengucapan putusan');
    expect(await submitOnPage(f, 'id-submit-designs-month')).toContain('3 desain April 2026 diajukan (P-0002)');
    expect(records('Desain Konten').map((r) => r.Status)).toEqual(['Diajukan', 'Diajukan', 'Diajukan']);
    expect(new Set(records('Persetujuan').slice(mailsBefore).map((r) => r['ID Permintaan']))).toEqual(new Set(['P-0002']));
    await shot('id-designs-month-submitted');
  });

  it('staff: back in the panel without pressing Ajukan on the submission page, the link is still there; after Ajukan it goes', async () => {
    fresh();
    api<PanelConcept>(STAFF, 'apiSaveConcept', concept());
    const f = await openPanelAs(STAFF);
    await f.locator('.view-btn', { hasText: 'Konsep' }).click();
    await f.locator('button', { hasText: 'Ajukan konsep April 2026' }).click();
    const link = f.locator('.msg.info a.open-page');
    await link.waitFor();
    expect(await f.locator('.msg.info').getAttribute('role')).toBe('status');
    // She opens the page, reads it, closes it without pressing Ajukan, and looks at the panel again.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.locator('form button[type="submit"]').waitFor();
    await tab.close();
    await page.bringToFront();
    await f.locator('body').evaluate(() => window.dispatchEvent(new Event('focus')));
    await f.locator('article.card[data-id="K-0001"]').waitFor();
    await f.locator('.loading').waitFor({ state: 'detached' });
    expect(records('Konsep Konten')[0].Status || 'Draf').toBe('Draf');
    expect(await link.count()).toBe(1);
    // Now through the page: the item is Diajukan and the link has gone.
    expect(await submitOnPage(f)).toContain('1 konsep April 2026 diajukan');
    await f.locator('article.card[data-id="K-0001"] .chip', { hasText: 'Diajukan' }).waitFor();
    expect(await f.locator('.msg.info a.open-page').count()).toBe(0);
  });

  it("staff: ticks Mendesak on the plan and on one design card; each is mailed by the owner's next digest run, marked MENDESAK; without it the mail waits for the digest window", async () => {
    fresh();
    const subjects = () => sent(sb).map((m) => m.subject);
    const a = api<PanelConcept>(STAFF, 'apiSaveConcept', concept());
    const e = await openPanelAs(STAFF);
    await e.locator('.view-btn', { hasText: 'Konsep' }).click();
    const tick = e.locator('section.submit-box label.tick.urgent');
    await tick.waitFor();
    expect(await tick.textContent()).toContain('Mendesak');
    // The tick is a whole line of the 300 px sidebar, nothing overflows.
    expect((await tick.boundingBox())!.width).toBeLessThanOrEqual(300);
    expect(await e.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(0);
    await tick.locator('input').check();
    await e.locator('button', { hasText: 'Ajukan konsep April 2026' }).click();
    expect(await submitOnPage(e)).toContain('Email mendesak untuk Sri Wahyuni dikirim oleh pemicu Siaran dalam 10 menit');
    expect(subjects()).toContain('[Siaran] MENDESAK – Mohon persetujuan konsep konten April 2026 (1 item) – P-0001');
    decideAll(KASUBBAG);
    decideAll(KABAG);

    // Designs: X with Mendesak ticked goes at once; Instagram without it waits for the digest.
    const f = await openPanelAs(STAFF);
    await f.locator('.view-btn', { hasText: 'Desain' }).click();
    const x = f.locator('article.design[data-platform="X"]');
    await x.waitFor();
    await x.getByLabel('Tautan desain').fill('https://drive.google.com/file/d/x1/view');
    await x.getByLabel('Naskah', { exact: true }).fill('Putusan MK hari ini. #PutusanMK');
    await x.locator('label.tick.urgent input').check();
    await x.locator('button', { hasText: 'Simpan & ajukan' }).click();
    expect(await submitOnPage(f)).toContain('1 desain April 2026 diajukan (P-0002). Email mendesak untuk Sri Wahyuni');
    expect(subjects()).toContain('[Siaran] MENDESAK – Mohon persetujuan desain konten April 2026 (1 item) – P-0002');
    const ig = f.locator('article.design[data-platform="Instagram"]');
    await ig.getByLabel('Tautan desain').fill('https://drive.google.com/file/d/ig/view');
    await ig.getByLabel('Naskah', { exact: true }).fill('Carousel putusan. #PutusanMK');
    expect(await ig.locator('label.tick.urgent input').isChecked()).toBe(false);
    await ig.locator('button', { hasText: 'Simpan & ajukan' }).click();
    expect(await submitOnPage(f)).toContain('dikirim dalam satu ringkasan bersama pengajuan lain');
    expect(subjects().filter((s) => s.includes('P-0003'))).toEqual([]);
    expect(await f.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(0);
    await shot('id-designs-urgent');
    void a;

    // The approver's panel marks the urgent request.
    const g = await openPanelAs(KASUBBAG);
    const urgent = g.locator('article.request[data-request="P-0002"] .chip.urgent');
    await urgent.waitFor();
    expect(await urgent.textContent()).toBe('MENDESAK');
    expect(await g.locator('article.request[data-request="P-0003"] .chip.urgent').count()).toBe(0);
  });

  it('approver: the Kasubbag gets the review page; the owner decides in the panel; a revision needs a note', async () => {
    fresh();
    const a = api<PanelConcept>(STAFF, 'apiSaveConcept', concept());
    const b = api<PanelConcept>(STAFF, 'apiSaveConcept', concept({ date: '2026-04-20', activity: 'Video TikTok tentang MK', platforms: ['TikTok'] }));
    api(STAFF, 'apiSubmitConcept', { period: P });
    // The Kasubbag is not the workbook's owner: her card shows the items and opens the review page.
    const k = await openPanelAs(KASUBBAG);
    const card = k.locator('article.request');
    await card.waitFor();
    const open = card.locator('a', { hasText: 'Buka halaman keputusan' });
    // Her execution cannot sign a link: the page is opened by request, and signs the form for her.
    const href = (await open.getAttribute('href'))!;
    expect(href).toMatch(/\/macros\/s\/.+\/exec\?r=P-0001&l=1$/);
    expect(await open.getAttribute('target')).toBe('_blank');
    expect(await card.locator('input[type=radio]').count()).toBe(0);
    await shot('id-decisions-review-page-link');
    await page.context().addCookies([{ name: 'sbx_user', value: KASUBBAG, url: server.url }]);
    const size = page.viewportSize();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(href);
    await page.locator('form.review input[name="t"]').waitFor({ state: 'attached' });
    expect(await page.locator('h1').textContent()).toContain('Persetujuan konsep konten April 2026');
    if (shots) await page.screenshot({ path: path.join(shots, 'id-review-page-from-panel-375.png'), fullPage: true });
    if (size) await page.setViewportSize(size);
    decideAll(KASUBBAG);
    // The Kabag owns the workbook: he decides in the panel itself.
    const f = await openPanelAs(KABAG);
    const req = f.locator('article.request');
    await req.waitFor();
    await shot('id-decisions');
    await req.locator(`.decide-item[data-id="${a.id}"]`).getByLabel('Setujui').check();
    await req.locator(`.decide-item[data-id="${b.id}"]`).getByLabel('Minta revisi').check();
    await req.locator('button', { hasText: 'Kirim keputusan' }).click();
    await req.locator(`.decide-item[data-id="${b.id}"] .field-error`, { hasText: 'Tulis catatan revisi' }).waitFor();
    expect(records('Persetujuan').filter((r) => r.Tingkat === '2').every((r) => r.Status !== 'Selesai')).toBe(true);
    await req.locator(`.decide-item[data-id="${b.id}"]`).getByLabel('Catatan revisi').fill('Sebutkan nomor perkara yang dibahas.');
    await req.locator('button', { hasText: 'Kirim keputusan' }).click();
    await f.locator('.msg.ok', { hasText: '2 keputusan tersimpan' }).waitFor();
    await f.locator('text=Tidak ada yang menunggu keputusan Anda.').waitFor();
    const konsep = records('Konsep Konten');
    expect(konsep.find((r) => r.ID === b.id)?.Status).toBe('Perlu Revisi');
    expect(konsep.find((r) => r.ID === b.id)?.['Catatan Revisi']).toBe('Sebutkan nomor perkara yang dibahas.');
    // The staff member sees it in their tasks, with the note.
    const g = await openPanelAs(STAFF);
    await g.locator('li.task[data-kind="concept-revise"]', { hasText: 'Sebutkan nomor perkara' }).waitFor();
  });

  it("approver: the Kasubbag's card names the items she is the PIC of, which another approver decides, in a short note within the 300 px sidebar, in both languages", async () => {
    for (const [lang, text] of [
      ['id', 'Anda PIC K-0002, K-0003: diputuskan penyetuju lain.'],
      ['en', 'You are the PIC of K-0002, K-0003: another approver decides.'],
    ] as const) {
      fresh(lang);
      const i = records('Pengaturan').findIndex((x) => x.Kunci === 'kebijakan_persetujuan');
      editCell(sb, KABAG, 'Pengaturan', `B${i + 2}`, 'salah-satu');
      api<PanelConcept>(STAFF, 'apiSaveConcept', concept());
      api<PanelConcept>(STAFF, 'apiSaveConcept', concept({ date: '2026-04-20', activity: 'Video TikTok tentang MK', platforms: ['TikTok'], pic: KASUBBAG }));
      api<PanelConcept>(STAFF, 'apiSaveConcept', concept({ date: '2026-04-21', activity: 'Seminar konstitusi', platforms: ['X'], pic: KASUBBAG }));
      api(STAFF, 'apiSubmitConcept', { period: P });
      const k = await openPanelAs(KASUBBAG, lang === 'en' ? 'Open panel' : 'Buka panel');
      const card = k.locator('article.request[data-request="P-0001"]');
      await card.waitFor();
      expect(await card.locator('.decide-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(['K-0001']);
      const line = card.locator('.recused');
      expect(await line.textContent()).toBe(text);
      expect((await line.boundingBox())!.width).toBeLessThanOrEqual(300);
      expect(await k.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(0);
      await shot(`${lang}-decisions-recused`);
      // The Kabag, the other approver of the level, decides all three: his card has no such line.
      const f = await openPanelAs(KABAG, lang === 'en' ? 'Open panel' : 'Buka panel');
      await f.locator('article.request[data-request="P-0001"]').waitFor();
      expect(await f.locator('article.request .recused').count()).toBe(0);
    }
  });

  it('staff: imports an X analytics export from the panel, and a second import adds nothing', async () => {
    fresh();
    const file = path.resolve(__dirname, '../fixtures/insights/x/account_analytics_content_2025-11-01_2025-11-30.csv');
    const f = await openPanelAs(STAFF);
    await f.locator('.view-btn', { hasText: 'Insight' }).click();
    await f.getByLabel('Periode (YYYY-MM)').fill('2025-11');
    await f.getByLabel('Berkas CSV').setInputFiles(file);
    await f.locator('.msg.info', { hasText: 'Terdeteksi' }).waitFor();
    expect(await f.getByLabel('Platform', { exact: true }).inputValue()).toBe('X');
    await f.locator('table.mini tbody tr').first().waitFor();
    await shot('id-insights-preview');
    await f.locator('button', { hasText: 'Impor ke tab Insight' }).click();
    const done = f.locator('.msg.ok', { hasText: 'ditambahkan' });
    // The result is said once.
    await done.waitFor();
    const added = records('Insight').length;
    expect(added).toBeGreaterThan(0);
    expect(await done.textContent()).toMatch(new RegExp(`^${added} baris insight X ditambahkan; 0 sudah ada`));
    expect(((await done.textContent()) ?? '').split('baris insight').length - 1).toBe(1);
    await f.locator('button', { hasText: 'Impor ke tab Insight' }).click();
    await f.locator('.msg.ok', { hasText: `0 baris insight X ditambahkan; ${added} sudah ada` }).waitFor();
    expect(records('Insight')).toHaveLength(added);
  });

  // Both languages, every role and view: about 30-55 s alone, longer on a loaded machine.
  it('every view renders in both languages and fits 300 pixels', async () => {
    const staffViews: Record<'id' | 'en', string[]> = {
      id: ['Tugas saya', 'Kalender', 'Konsep', 'Desain', 'Publikasi', 'Insight'],
      en: ['My tasks', 'Calendar', 'Plan', 'Designs', 'Publish', 'Insights'],
    };
    const headViews: Record<'id' | 'en', string[]> = {
      id: ['Keputusan', 'Ikhtisar', 'Kalender', 'Strategi', 'Insight'],
      en: ['Decisions', 'Overview', 'Calendar', 'Strategy', 'Insights'],
    };
    await page.setViewportSize({ width: 1280, height: 1900 });
    for (const lang of ['id', 'en'] as const) {
      fresh(lang);
      richMonth();
      for (const [who, views] of [[STAFF, staffViews[lang]], [KABAG, headViews[lang]], [KASUBBAG, headViews[lang].slice(0, 1)]] as const) {
        const f = await openPanelAs(who, lang === 'id' ? 'Buka panel' : 'Open panel');
        for (const v of views) {
          await f.locator('.view-btn', { hasText: v }).first().click();
          await f.locator('.view-btn[aria-current="page"]', { hasText: v }).first().waitFor();
          await f.locator('#view .loading').waitFor({ state: 'detached' });
          expect(await f.locator('#view .msg.error').count()).toBe(0);
          // Nothing wider than the sidebar.
          const overflow = await f.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          // Every form control has a label a screen reader can read.
          const unlabelled = await f.locator('body').evaluate((b) =>
            Array.from(b.querySelectorAll('input, select, textarea'))
              .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
              .map((el) => el.outerHTML.slice(0, 80)),
          );
          expect(unlabelled).toEqual([]);
          await shot(`${lang}-${who.split('@')[0]}-${v.replace(/\s+/g, '-').toLowerCase()}`);
        }
      }
    }
  }, 150_000);
});
