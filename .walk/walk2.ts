import { chromium } from 'playwright-core';
import { Sandbox } from '../sandbox/src/sandbox';
import { startServer } from '../sandbox/src/server';
(async () => {
  const sb = new Sandbox({ projectDir: 'dist', dataDir: '/tmp/sbdemo', owner: 'kabag@mk.example.id' });
  const server = await startServer({ sandbox: sb, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.addCookies([{ name: 'sandbox-user', value: process.argv[2] ?? 'andi@mk.example.id', url: server.url }]);
  const page = await ctx.newPage();
  await page.goto(server.url);
  await page.locator('body[data-ready="1"]').waitFor();
  const sel = page.locator('select').first();
  await sel.selectOption({ value: process.argv[2] ?? 'andi@mk.example.id' }).catch((e) => console.log('select', e.message));
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Siaran' }).first().click();
  await page.waitForTimeout(200);
  await page.getByText(/panel/i).first().click();
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/panel-${process.argv[3] ?? 'a'}.png` });
  const frame = page.frames().find((f) => f.url().includes('/ui/'));
  if (frame && process.argv[4]) {
    await frame.getByText(process.argv[4]).first().click().catch((e) => console.log('tab', e.message));
    await page.waitForTimeout(2000);
    await page.screenshot({ path: `/tmp/panel-${process.argv[3] ?? 'a'}-2.png` });
  }
  await browser.close();
  await server.close();
  console.log('ok');
})().catch((e) => { console.error(e); process.exit(1); });
