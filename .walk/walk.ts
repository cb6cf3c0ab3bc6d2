import { chromium } from 'playwright-core';
import { Sandbox } from '/work/main/sandbox/src/sandbox';
import { startServer } from '/work/main/sandbox/src/server';
(async () => {
  const sb = new Sandbox({ projectDir: '/work/main/dist', dataDir: '/tmp/sbdemo', owner: 'kabag@mk.example.id' });
  const server = await startServer({ sandbox: sb, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  await page.goto(server.url);
  await page.locator('body[data-ready="1"]').waitFor();
  await page.screenshot({ path: '/tmp/wb-1.png' });
  // Open the panel as staff
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const p2 = await ctx.newPage();
  await p2.goto(server.url + '?as=andi@mk.example.id');
  await p2.locator('body[data-ready="1"]').waitFor();
  const menus = await p2.locator('text=Siaran').first();
  await menus.click().catch(() => undefined);
  await p2.waitForTimeout(300);
  await p2.screenshot({ path: '/tmp/wb-2.png' });
  await browser.close();
  await server.close();
  console.log('ok');
})().catch((e) => { console.error(e); process.exit(1); });
