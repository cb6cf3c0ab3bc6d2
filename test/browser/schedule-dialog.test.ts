/**
 * The schedule import dialog in a real browser (Debian's chromium through playwright-core), opened
 * from the Siaran menu in the sandbox workbench over the built dist/: a staff member pastes the
 * month's hearing table, reads it, unticks a row and writes the rest; then chooses an .ics file
 * whose hearings are already planned (marked as duplicates, not tickable) and whose weekend event
 * is marked; bad input shows its problems and keeps the write button disabled.
 *
 * Skips when /usr/bin/chromium is missing (install it with: apt-get install -y chromium).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { Sandbox } from '../../sandbox/src/sandbox';
import type { RunningServer } from '../../sandbox/src/server';
import { appendRow, sheetView } from '../../sandbox/src/actions';
import { describeInBrowser, openWorkbench, Workbench } from './browser';
import { testProject } from '../integration/project';

const d = describeInBrowser('the schedule dialog browser tests');

const KABAG = 'kabag@mk.example.id';
const STAFF = 'andi@mk.example.id';
/** Thursday 26 November 2026, 09:00 WIB: the dialog proposes December. */
const T0 = Date.UTC(2026, 10, 26, 2);
const FIX = path.resolve(__dirname, '../fixtures/schedule');

d('the schedule import dialog in the workbench', () => {
  let dir: string;
  let sb: Sandbox;
  let server: RunningServer;
  let wb: Workbench;
  let page: Page;

  const konsep = () => {
    const v = sheetView(sb, 'Konsep Konten');
    return v.rows.map((r) => Object.fromEntries(v.headers.map((h, i) => [h, r[i] ?? '']))).filter((r) => r.ID);
  };

  async function openDialogAs(email: string): Promise<FrameLocator> {
    await page.request.post(`${server.url}api/user`, { data: { email } });
    await page.evaluate((e) => localStorage.setItem('sbx_user', e), email);
    await page.goto(server.url);
    await page.locator('body[data-ready="1"]').waitFor();
    await page.locator('.menu-button', { hasText: 'Siaran' }).click();
    await page.locator('.menu-item', { hasText: 'Draf rencana dari jadwal' }).click();
    const f = page.frameLocator('#dialog-frame');
    await f.locator('#read').waitFor();
    return f;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'siaran-schedule-'));
    sb = new Sandbox({ projectDir: testProject(), dataDir: path.join(dir, 'data'), owner: KABAG, clockMs: T0 });
    const r = sb.run('menuSetup', { kind: 'menu', user: KABAG });
    if (!r.ok) throw new Error(r.error?.message);
    appendRow(sb, KABAG, 'Pengguna', { Email: STAFF, Nama: 'Andi Pratama', Peran: 'PNS' });
    wb = await openWorkbench(sb, { width: 1280, height: 900 });
    ({ server, page } = wb);
  });

  afterAll(async () => {
    await wb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('paste, read, untick, write; then an .ics with duplicates and a weekend marked', async () => {
    const f = await openDialogAs(STAFF);
    await f.locator('#period[value="2026-12"]').waitFor();
    await f.locator('#source').selectOption('tempel');
    // Copied from a spreadsheet: tab separated.
    const table = readFileSync(path.join(FIX, 'jadwal-sidang-2026-12.csv'), 'utf8').split('\n').slice(1).join('\n').replace(/;/g, '\t').replace(/"/g, '');
    await f.locator('#pasted').fill(table);
    await f.locator('#read').click();
    await f.locator('h2', { hasText: 'Usulan konsep dari tabel tempel: 8 baris' }).waitFor();
    expect(await f.locator('input[data-key]:checked').count()).toBe(8);
    await f.locator('button#write', { hasText: 'Tulis 8 konsep sebagai Draf' }).waitFor();
    await f.locator('input[data-key*="SKLN"]').uncheck();
    await f.locator('button#write', { hasText: 'Tulis 7 konsep sebagai Draf' }).click();
    await f.locator('.ok', { hasText: '7 konsep baru dan 0 konsep diperbarui ditulis sebagai Draf untuk Desember 2026.' }).waitFor();
    expect(konsep()).toHaveLength(7);
    expect(konsep().every((r) => r.Status === '' && r.PIC === STAFF)).toBe(true); // Status blank: Draf (the owner's record)
    // After writing, the dialog reads again: the written rows are now unchanged, the unticked one still new.
    await f.locator('td', { hasText: 'Sudah ada (K-0001), tidak berubah' }).waitFor();
    expect(await f.locator('input[data-key]:not([disabled])').count()).toBe(1);

    await f.locator('#source').selectOption('ics');
    await f.locator('#file').setInputFiles({ name: 'agenda-mk.ics', mimeType: 'text/calendar', buffer: readFileSync(path.join(FIX, 'agenda-mk.ics')) });
    await f.locator('h2', { hasText: 'Usulan konsep dari agenda-mk.ics' }).waitFor();
    await f.locator('tr', { hasText: '38/PUU-XXIV/2026' }).locator('td', { hasText: 'Duplikat K-0001: dilewati' }).waitFor();
    expect(await f.locator('tr', { hasText: '38/PUU-XXIV/2026' }).locator('input[data-key]').isDisabled()).toBe(true);
    await f.locator('tr', { hasText: 'Diskusi Publik' }).locator('.mark', { hasText: 'akhir pekan' }).waitFor();
    await f.locator('.note', { hasText: '1 acara di luar bulan ini tidak diikutkan.' }).waitFor();
    await f.locator('.notes li', { hasText: 'Seminar yang batal' }).waitFor();
  });

  it('bad input: the problems are listed with their lines and nothing can be written', async () => {
    const f = await openDialogAs(STAFF);
    await f.locator('#source').selectOption('tempel');
    await f.locator('#pasted').fill('Tanggal\tAgenda\tNomor Perkara\n2026-12-02\tPengucapan Putusan\t38-PUU-2026\n');
    await f.locator('#read').click();
    await f.locator('.problems li', { hasText: 'Baris 2: Nomor perkara "38-PUU-2026" tidak dikenali.' }).waitFor();
    expect(await f.locator('button#write').isDisabled()).toBe(true);
  });
});
