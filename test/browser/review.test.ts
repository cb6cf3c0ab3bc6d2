/**
 * The review page in a real browser: the plain form, enhanced by its optional script, refuses to
 * send an item without a decision or a revision without a note (nothing reaches the server), and
 * sends a complete decision.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../../sandbox/src/sandbox';
import { appendRow } from '../../sandbox/src/actions';
import { outbox, SentMail } from '../../sandbox/src/services/mail';
import { sheetView } from '../../sandbox/src/services/spreadsheet';
import { testProject } from '../integration/project';
import { setSetting, deliverHeld, menu } from '../integration/helpers';
import { describeInBrowser, openWorkbench, Workbench } from './browser';

/** Mail sent so far, after the owner's digest trigger sent what staff executions held for it. */
function sent(sb: Sandbox): SentMail[] {
  deliverHeld(sb);
  return outbox(sb.state);
}

const d = describeInBrowser('the review page browser test');
const KABAG = 'kabag@mk.example.id';
const KASUBBAG = 'kasubbag@mk.example.id';
const STAFF = 'andi@mk.example.id';

d('the review page in a browser', () => {
  let dir: string;
  let sb: Sandbox;
  let wb: Workbench;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'siaran-review-'));
    sb = new Sandbox({ projectDir: testProject(), dataDir: path.join(dir, 'data'), owner: KABAG, clockMs: Date.UTC(2026, 3, 6, 2, 0) });
    wb = await openWorkbench(sb);
    sb.run('menuSetup', { kind: 'menu', user: KABAG });
    appendRow(sb, KABAG, 'Pengguna', { Email: KASUBBAG, Nama: 'Sri Wahyuni', Peran: 'Kasubbag' });
    appendRow(sb, KABAG, 'Pengguna', { Email: STAFF, Nama: 'Andi Pratama', Peran: 'PNS' });
    // The request mail goes at once (no digest window): the test opens its link.
    setSetting(sb, 'jeda_ringkasan_menit', '0');
    for (const [day, what] of [
      ['2026-05-04', 'Sidang pengucapan putusan'],
      ['2026-05-05', 'Kunjungan mahasiswa'],
    ]) {
      appendRow(sb, STAFF, 'Konsep Konten', { Periode: '2026-05', 'Rencana Tayang': day, 'Kegiatan/Informasi': what, Platform: 'Instagram', PIC: STAFF });
    }
    // Her menu checks the plan and gives the submission page; she opens it and presses Ajukan.
    const r = menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-05' }, { button: 'OK' }]);
    expect(r.page).toContain('Pengajuan tercatat');
  });

  afterAll(async () => {
    await wb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function statuses(): string[] {
    const v = sheetView(sb.state, 'Konsep Konten');
    return v.rows.map((row) => row[v.headers.indexOf('Status')]);
  }

  it('refuses an incomplete form in the page, then sends a complete decision', async () => {
    const mail = sent(sb).find((m) => m.to.includes(KASUBBAG));
    expect(mail).toBeDefined();
    const link = /href="([^"]+\?t=[^"]+)"/.exec(mail!.html ?? '')![1].replace(/&amp;/g, '&');
    expect(link.startsWith(wb.server.url.replace(/\/$/, ''))).toBe(true);
    const page = wb.page;
    // The workbench's user switch keeps the acting user in a cookie; the form's POST carries it too.
    await page.context().addCookies([{ name: 'sbx_user', value: KASUBBAG, url: wb.server.url }]);
    await page.goto(link);
    await page.locator('form.review').waitFor();

    // Nothing chosen: the script stops the submit and says which items need a decision.
    await page.locator('button[value="kirim"]').click();
    await page.locator('.item p.err.client').first().waitFor();
    expect(await page.locator('.item p.err.client').count()).toBe(2);
    expect(statuses()).toEqual(['Diajukan', 'Diajukan']);

    // A revision without a note is stopped too; its note gets the focus.
    const items = page.locator('.item');
    await items.nth(0).locator('input[value="approve"]').check();
    await items.nth(1).locator('input[value="revise"]').check();
    await page.locator('button[value="kirim"]').click();
    expect(await items.nth(1).locator('p.err.client').textContent()).toMatch(/catatan revisi/i);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(statuses()).toEqual(['Diajukan', 'Diajukan']);

    // Complete: it is sent and saved.
    await items.nth(1).locator('textarea').fill('Tambahkan nama universitas.');
    await Promise.all([page.waitForNavigation(), page.locator('button[value="kirim"]').click()]);
    await page.locator('p.ok').first().waitFor();
    const log = sheetView(sb.state, 'Persetujuan');
    expect(log.rows.some((row) => row.join(' ').includes('Tambahkan nama universitas.'))).toBe(true);
  });
});
