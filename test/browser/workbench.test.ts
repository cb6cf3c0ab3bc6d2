/**
 * The workbench in a real browser (Debian's chromium through playwright-core), over a small
 * fixture project: menus, alerts, cell edits firing onEdit, a sidebar calling google.script.run,
 * and a mailed link followed to the web app.
 *
 * Skips when /usr/bin/chromium is missing (install it with: apt-get install -y chromium).
 */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Sandbox } from '../../sandbox/src/sandbox';
import { describeInBrowser, openWorkbench, Workbench } from './browser';

const d = describeInBrowser('the workbench browser test');

const CODE = String.raw`
function onOpen() {
  SpreadsheetApp.getUi().createMenu('Test')
    .addItem('Say hello', 'sayHello')
    .addItem('Open sidebar', 'openSidebar')
    .addItem('Send link', 'sendLink')
    .addItem('Show first tab', 'showFirst')
    .addItem('Install clock', 'installClock')
    .addToUi();
}
function installClock() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(10).create(); }
function tick() { MailApp.sendEmail('boss@example.org', 'Tick', 'from the clock'); }
function showFirst() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].activate(); }
function sayHello() { SpreadsheetApp.getUi().alert('Hello from the menu'); }
function openSidebar() {
  var html = '<div id="out">waiting</div>' +
    '<button id="go" onclick="google.script.run.withSuccessHandler(function (v) { document.getElementById(\'out\').textContent = v; }).echo(\'hi\')">Go</button>';
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle('Helper'));
}
function echo(s) { return 'server says ' + s + ' to ' + Session.getActiveUser().getEmail(); }
function sendLink() {
  MailApp.sendEmail({ to: 'boss@example.org', subject: 'Please look', htmlBody: '<p><a id="lnk" href="' + ScriptApp.getService().getUrl() + '?x=1">open the page</a></p>' });
}
function onEdit(e) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var log = ss.getSheetByName('Log') || ss.insertSheet('Log');
  log.appendRow([e.range.getA1Notation()]);
}
function doGet(e) {
  return HtmlService.createHtmlOutput('<h1 id="x">x is ' + e.parameter.x + '</h1>').setTitle('Web page');
}
`;

d('workbench in a browser', () => {
  let dir: string;
  let wb: Workbench;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gas-browser-'));
    const project = path.join(dir, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', webapp: { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' } }));
    writeFileSync(path.join(project, 'Code.js'), CODE);
    const sb = new Sandbox({ projectDir: project, dataDir: path.join(dir, 'data'), owner: 'owner@example.org' });
    wb = await openWorkbench(sb);
    ({ page } = wb);
  });

  afterAll(async () => {
    await wb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function clickMenu(item: string): Promise<void> {
    await page.locator('.menu-button', { hasText: 'Test' }).click();
    await page.locator('.menu-item', { hasText: item }).click();
  }

  it('shows the menu from onOpen and an alert from a menu item', async () => {
    await clickMenu('Say hello');
    const modal = page.locator('#modal');
    await modal.locator('.body', { hasText: 'Hello from the menu' }).waitFor();
    await modal.locator('.modal-button[data-button="OK"]').click();
    await page.locator('#modal-back').waitFor({ state: 'hidden' });
  });

  it('edits a cell and shows what onEdit wrote', async () => {
    await page.locator('td[data-a1="B2"]').dblclick();
    await page.keyboard.type('hello');
    await page.keyboard.press('Enter');
    // onEdit inserted the Log sheet, and insertSheet makes the new sheet active: the page shows it.
    await page.locator('.tab.active', { hasText: 'Log' }).waitFor();
    await page.locator('td[data-a1="A1"]', { hasText: 'B2' }).waitFor();
    await page.locator('.tab', { hasText: 'Sheet1' }).click();
    await page.locator('td[data-a1="B2"]', { hasText: 'hello' }).waitFor();
  });

  it('follows the script when it activates another sheet', async () => {
    await page.locator('.tab', { hasText: 'Log' }).click();
    await page.locator('.tab.active', { hasText: 'Log' }).waitFor();
    await clickMenu('Show first tab');
    await page.locator('.tab.active', { hasText: 'Sheet1' }).waitFor();
    await page.locator('td[data-a1="B2"]', { hasText: 'hello' }).waitFor();
  });

  it('selects a range with shift-click, and pastes a block as one edit (one onEdit with the range)', async () => {
    await page.locator('.tab', { hasText: 'Sheet1' }).click();
    await page.locator('.tab.active', { hasText: 'Sheet1' }).waitFor();
    await page.locator('td[data-a1="A4"]').click();
    await page.locator('td[data-a1="C6"]').click({ modifiers: ['Shift'] });
    await page.locator('#cell-ref', { hasText: 'A4:C6' }).waitFor();
    expect(await page.locator('.grid td.in-range').count()).toBe(8);
    await page.locator('td[data-a1="B8"]').click();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'p1\tp2\nq1\tq2\n');
      document.getElementById('grid-wrap')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.locator('td[data-a1="C9"]', { hasText: 'q2' }).waitFor();
    await page.locator('.tab', { hasText: 'Log' }).click();
    await page.locator('.tab.active', { hasText: 'Log' }).waitFor();
    await page.locator('td[data-a1="A2"]', { hasText: 'B8:C9' }).waitFor();
    expect(await page.locator('td[data-a1="A3"]').textContent()).toBe('');
  });

  it('opens the sidebar, whose button calls the server through google.script.run', async () => {
    await clickMenu('Open sidebar');
    await page.locator('#sidebar-title', { hasText: 'Helper' }).waitFor();
    const frame = page.frameLocator('#sidebar-frame');
    await frame.locator('#go').click();
    await frame.locator('#out', { hasText: 'server says hi to owner@example.org' }).waitFor();
  });

  it('sends a mail whose link opens the web app page', async () => {
    await clickMenu('Send link');
    await page.locator('.drawer-tabs button[data-panel="outbox"]').click();
    if (await page.locator('#drawer.collapsed').count()) await page.locator('.drawer-tabs button[data-panel="outbox"]').click();
    await page.locator('.mail-item', { hasText: 'Please look' }).click();
    const mail = page.frameLocator('iframe.mail-frame');
    const [popup] = await Promise.all([page.context().waitForEvent('page'), mail.locator('#lnk').click()]);
    await popup.waitForLoadState();
    await popup.locator('#x', { hasText: 'x is 1' }).waitFor();
    expect(popup.url()).toContain('/exec?x=1');
    await popup.close();
  });

  it('the Outbox says which time-driven triggers run when the Clock moves', async () => {
    await clickMenu('Install clock');
    await page.locator('.drawer-tabs button[data-panel="triggers"]').click();
    await page.locator('.drawer-tabs button[data-panel="outbox"]').click();
    if (await page.locator('#drawer.collapsed').count()) await page.locator('.drawer-tabs button[data-panel="outbox"]').click();
    const note = page.locator('.outbox-clock');
    await note.waitFor();
    expect(await note.textContent()).toBe('Time-driven triggers run when the Clock moves: tick (every 10 minutes). Mail they send appears here then.');
  });
});
