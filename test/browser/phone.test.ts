/**
 * Phone first: the review page and the approval mails at 375 px (and 320 px) in Chromium. A design
 * with a long caption and a long unbroken link must not make anything scroll sideways; ids stay on
 * one line; the decision controls are at least 44 px high; one item is decided in two taps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Sandbox } from '../../sandbox/src/sandbox';
import { appendRow } from '../../sandbox/src/actions';
import { decideAs, deliverHeld, viaSubmitPage } from '../integration/helpers';
import { outbox, SentMail } from '../../sandbox/src/services/mail';
import { sheetView } from '../../sandbox/src/services/spreadsheet';
import { callFromClient } from '../../sandbox/src/script-run';
import type { PanelConcept, PanelDesign, PendingDecision, Result } from '../../src/shared/contract';
import { testProject } from '../integration/project';
import { setSetting } from '../integration/helpers';
import { describeInBrowser, openWorkbench, Workbench } from './browser';

/** Mail sent so far, after the owner's digest trigger sent what staff executions held for it. */
function sent(sb: Sandbox): SentMail[] {
  deliverHeld(sb);
  return outbox(sb.state);
}

const d = describeInBrowser('the phone browser tests');
const KABAG = 'kabag@mk.example.id';
const KASUBBAG = 'kasubbag@mk.example.id';
const STAFF = 'andi@mk.example.id';
const LONG_URL = `https://drive.google.com/file/d/${'1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'.repeat(3)}/view?usp=sharing&resourcekey=${'0-abcdefghijklmnop'.repeat(3)}`;
const LONG_CAPTION = `Putusan Mahkamah Konstitusi atas perkara Nomor 12/PUU-XXIV/2026 dibacakan hari ini.\nBaca salinan lengkapnya: https://www.mkri.id/index.php?page=web.Putusan&id=1&kat=1&cari=${'pengujian-undang-undang-'.repeat(4)}\n#PutusanMK #MahkamahKonstitusi #${'Konstitusi'.repeat(6)}`;

d('the review page and the approval mail on a phone', () => {
  let dir: string;
  let sb: Sandbox;
  let wb: Workbench;
  let page: Page;

  function api<T>(user: string, fn: string, arg: unknown): T {
    const r = callFromClient(sb, fn, [arg], user);
    if (!r.ok) throw new Error(`${fn}: ${r.error.message}`);
    // A staff member's submission goes on through the submission page (the owner's web app).
    const res = viaSubmitPage(sb, user, r.value as never) as Result<T>;
    if (!res.ok) throw new Error(`${fn}: ${res.error.message} ${JSON.stringify(res.error.details ?? [])}`);
    return res.value;
  }

  function decideAll(user: string): void {
    for (const p of api<PendingDecision[]>(user, 'apiPendingDecisions', {})) {
      // The owner decides in the panel; another head on the review page it opens (decideAs).
      expect(decideAs(sb, user, { requestId: p.requestId, decisions: p.items.map((i) => ({ itemId: i.id, decision: 'approve' })) }).ok).toBe(true);
    }
  }

  /** The newest mail to someone whose subject matches. */
  function mailTo(email: string, subject: RegExp): SentMail {
    const m = sent(sb).filter((x) => x.to.includes(email) && subject.test(x.subject)).pop();
    if (!m) throw new Error(`no mail to ${email} matching ${subject}: ${sent(sb).map((x) => x.subject).join(' | ')}`);
    return m;
  }

  async function noSideScroll(): Promise<void> {
    const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    expect(r.sw).toBeLessThanOrEqual(r.cw);
  }

  /** Ids (K-0001, D-0001 v1, P-0001) each sit on one line. */
  async function idsWhole(): Promise<void> {
    const broken = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.id'))
        .filter((el) => el.getClientRects().length > 1 || /^[A-Z]-\d{4}/.test(el.textContent ?? '') === false)
        .map((el) => el.textContent),
    );
    expect(broken).toEqual([]);
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'siaran-phone-'));
    sb = new Sandbox({ projectDir: testProject(), dataDir: path.join(dir, 'data'), owner: KABAG, clockMs: Date.UTC(2026, 3, 6, 2, 0) });
    wb = await openWorkbench(sb, { width: 375, height: 740 });
    page = wb.page;
    sb.run('menuSetup', { kind: 'menu', user: KABAG });
    appendRow(sb, KABAG, 'Pengguna', { Email: KASUBBAG, Nama: 'Sri Wahyuni', Peran: 'Kasubbag' });
    appendRow(sb, KABAG, 'Pengguna', { Email: STAFF, Nama: 'Andi Pratama', Peran: 'PNS' });
    // Every request mailed at once (no digest window): the test reads each mail.
    setSetting(sb, 'jeda_ringkasan_menit', '0');
    const c = api<PanelConcept>(STAFF, 'apiSaveConcept', {
      period: '2026-04',
      date: '2026-04-14',
      activity: `Sidang pengucapan putusan perkara 12/PUU-XXIV/2026 ${'dan perkara lain '.repeat(6)}`,
      category: 'Putusan',
      platforms: ['Instagram'],
      pic: STAFF,
      description: `Carousel ringkasan putusan; rujukan ${LONG_URL}`,
    });
    api(STAFF, 'apiSubmitConcept', { period: '2026-04' });
    decideAll(KASUBBAG);
    decideAll(KABAG);
    const dz = api<PanelDesign>(STAFF, 'apiSaveDesign', { conceptId: c.id, platform: 'Instagram', link: LONG_URL, title: '', copy: LONG_CAPTION });
    // Marked Mendesak: the page and the mails carry the MENDESAK banner, which must fit too.
    api(STAFF, 'apiSubmitDesigns', { ids: [dz.id], urgent: true });
  });

  afterAll(async () => {
    await wb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the link the Kasubbag's panel opens (she is not the owner) is the review page, served by the workbench, and fits 375 px", async () => {
    const p = api<PendingDecision[]>(KASUBBAG, 'apiPendingDecisions', {}).find((x) => x.kind === 'desain')!;
    expect(p.reviewUrl).toMatch(new RegExp(`^${wb.server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await page.context().addCookies([{ name: 'sbx_user', value: KASUBBAG, url: wb.server.url }]);
    await page.goto(p.reviewUrl!);
    await page.locator('form.review').waitFor();
    expect(await page.locator('h1').textContent()).toContain('Persetujuan desain konten April 2026');
    await noSideScroll();
    await idsWhole();
    if (process.env.PANEL_SHOTS) await page.screenshot({ path: path.join(process.env.PANEL_SHOTS, 'phone-review-from-panel-375.png'), fullPage: true });
  });

  it('the design review page fits 375 and 320 px, ids stay whole, and one item is decided in two taps', async () => {
    const mail = mailTo(KASUBBAG, /desain/i);
    const link = /href="([^"]+\?t=[^"]+)"/.exec(mail.html ?? '')![1].replace(/&amp;/g, '&');
    await page.context().addCookies([{ name: 'sbx_user', value: KASUBBAG, url: wb.server.url }]);
    await page.goto(link);
    await page.locator('form.review').waitFor();
    expect(await page.locator('body').textContent()).toContain('#PutusanMK');
    expect(await page.locator('h1 .urgent-tag').textContent()).toBe('MENDESAK');
    expect(await page.locator('p.urgent').textContent()).toContain('menandai pengajuan ini mendesak');
    expect(await page.title()).toMatch(/^MENDESAK – Peninjauan P-\d{4}$/);
    await noSideScroll();
    await idsWhole();
    if (process.env.PANEL_SHOTS) await page.screenshot({ path: path.join(process.env.PANEL_SHOTS, 'phone-review-375.png'), fullPage: true });
    // Decision controls: big enough to tap.
    for (const sel of ['label.choice', 'button[value="kirim"]']) {
      for (const box of await page.locator(sel).all()) {
        const b = await box.boundingBox();
        expect(b!.height).toBeGreaterThanOrEqual(44);
      }
    }
    const radio = await page.locator('input[type=radio]').first().boundingBox();
    expect(radio!.width).toBeGreaterThanOrEqual(20);
    await page.setViewportSize({ width: 320, height: 640 });
    await noSideScroll();
    await idsWhole();
    // Two taps: Setujui, then Kirim keputusan.
    await page.locator('label.choice', { hasText: 'Setujui' }).first().click();
    await Promise.all([page.waitForNavigation(), page.locator('button[value="kirim"]').click()]);
    await page.locator('p.ok').first().waitFor();
    await noSideScroll();
    const v = sheetView(sb.state, 'Persetujuan');
    expect(v.rows.some((row) => row.join(' ').includes('"approve"'))).toBe(true);
    await page.setViewportSize({ width: 375, height: 740 });
  });

  it('the request and outcome mails fit 375 px in Chromium and keep ids whole', async () => {
    const request = mailTo(KABAG, /desain/i);
    expect(request.subject).toMatch(/^\[Siaran\] MENDESAK – Mohon persetujuan desain konten/);
    expect(request.html).toContain('class="urgent"');
    decideAll(KABAG);
    const outcome = mailTo(STAFF, /Hasil/);
    for (const [name, m] of [['request', request], ['outcome', outcome]] as const) {
      await page.setContent(`<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="margin:8px">${m.html}</body></html>`);
      expect(await page.locator('body').textContent()).toMatch(/D-0001/);
      await noSideScroll();
      await idsWhole();
      if (process.env.PANEL_SHOTS) await page.screenshot({ path: path.join(process.env.PANEL_SHOTS, `phone-mail-${name}-375.png`), fullPage: true });
    }
  });
});
