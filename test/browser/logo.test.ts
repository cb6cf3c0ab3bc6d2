/**
 * The kop logo upload dialog in a real browser (Debian's chromium through playwright-core), opened
 * from Siaran → Administrasi → Unggah logo kop… in the sandbox workbench over the built dist/: a
 * file that is not a PNG/JPEG is refused in the dialog; a PNG goes through the typed contract as
 * base64, is stored in Drive and becomes Pengaturan "logo_kop".
 *
 * Skips when /usr/bin/chromium is missing (install it with: apt-get install -y chromium).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../../sandbox/src/sandbox';
import { sheetView } from '../../sandbox/src/actions';
import { getFileContent } from '../../sandbox/src/services/drive';
import { describeInBrowser, openWorkbench, Workbench } from './browser';
import { testProject } from '../integration/project';

const d = describeInBrowser('the logo dialog browser test');

const KABAG = 'kabag@mk.example.id';
const T0 = Date.UTC(2026, 3, 6, 2, 0);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

d('the kop logo upload dialog', () => {
  let dir: string;
  let sb: Sandbox;
  let wb: Workbench;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'siaran-logo-'));
    sb = new Sandbox({ projectDir: testProject(), dataDir: path.join(dir, 'data'), owner: KABAG, clockMs: T0 });
    const r = sb.run('menuSetup', { kind: 'menu', user: KABAG });
    if (!r.ok) throw new Error(r.error?.message);
    wb = await openWorkbench(sb, { width: 1280, height: 900 });
  });

  afterAll(async () => {
    await wb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a GIF named .png in the dialog, then uploads a PNG that becomes logo_kop', async () => {
    const { page, server } = wb;
    await page.request.post(`${server.url}api/user`, { data: { email: KABAG } });
    await page.evaluate((e) => localStorage.setItem('sbx_user', e), KABAG);
    await page.goto(server.url);
    await page.locator('body[data-ready="1"]').waitFor();
    await page.locator('.menu-button', { hasText: 'Siaran' }).click();
    await page.locator('.menu-item', { hasText: 'Unggah logo kop' }).click();
    const frame = page.frameLocator('#dialog-frame');
    await frame.locator('#file').waitFor();

    await frame.locator('#file').setInputFiles({ name: 'anim.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') });
    await frame.locator('.err', { hasText: 'Logo harus berupa gambar PNG atau JPEG' }).waitFor();
    expect(await frame.locator('#upload').isDisabled()).toBe(true);

    await frame.locator('#file').setInputFiles({ name: 'pemda.png', mimeType: 'image/png', buffer: PNG });
    await frame.locator('#upload:not([disabled])').click();
    await frame.locator('.ok', { hasText: 'Logo kop tersimpan di folder laporan' }).waitFor();

    const v = sheetView(sb, 'Pengaturan');
    const id = String(v.rows.find((r) => r[0] === 'logo_kop')?.[1] ?? '');
    expect(id).not.toBe('');
    expect(getFileContent(sb.state, id)?.bytes.equals(PNG)).toBe(true);
  }, 60000);
});
