/**
 * The workbench server over a small fixture project: its JSON API, the sidebar pages with the
 * google.script.run shim, /rpc, mail pages and the web app, all through real HTTP on 127.0.0.1.
 */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { startServer, RunningServer } from '../src/server';

const CODE = String.raw`
function onOpen() {
  SpreadsheetApp.getUi().createMenu('Test').addItem('Hello', 'hello').addItem('Side', 'side').addItem('Mail', 'mail').addToUi();
}
function hello() { SpreadsheetApp.getUi().alert('Hello there'); SpreadsheetApp.getActiveSpreadsheet().toast('done', 'T'); }
function side() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p id="p">side</p>').setTitle('Side bar')); }
function echo(s) { return 'echo:' + s + ':' + Session.getActiveUser().getEmail(); }
function mail() { MailApp.sendEmail('a@example.org', 'Link', 'see', { htmlBody: '<a href="' + ScriptApp.getService().getUrl() + '?x=7">go</a>' }); }
function onEdit(e) { e.source.getSheetByName('Sheet1').getRange('C1').setValue('saw ' + e.range.getA1Notation()); }
function doGet(e) { return HtmlService.createHtmlOutput('<html><head><title>t</title></head><body>x=' + e.parameter.x + ' path=' + (e.pathInfo || '') + '</body></html>'); }
function makeDoc() { var d = DocumentApp.create('Minutes'); d.getBody().appendParagraph('Agreed items'); d.saveAndClose(); return d.getId(); }
function doPost(e) { return ContentService.createTextOutput(JSON.stringify({ got: e.parameter.a })).setMimeType(ContentService.MimeType.JSON); }
`;

let dir: string;
let sb: Sandbox;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gas-server-'));
  const project = path.join(dir, 'project');
  mkdirSync(project);
  writeFileSync(path.join(project, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', webapp: { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' } }));
  writeFileSync(path.join(project, 'Code.js'), CODE);
  sb = new Sandbox({ projectDir: project, dataDir: path.join(dir, 'data'), owner: 'owner@example.org' });
  server = await startServer({ sandbox: sb, port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function json<T = Record<string, unknown>>(method: 'GET' | 'POST', p: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(new URL(p, server.url), {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, data: (await res.json()) as T };
}

describe('workbench server', () => {
  it('listens on 127.0.0.1 and points the web app URL at itself', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(sb.webAppUrl).toBe(`${server.url}macros/s/${sb.scriptId}/exec`);
  });

  it('serves the page and its bundled client', async () => {
    const page = await fetch(server.url);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/workbench.js');
    const js = await (await fetch(new URL('/workbench.js', server.url))).text();
    expect(js).toContain('/api/state');
  });

  it('opens the workbook and runs a menu item, asking for the alert reply', async () => {
    const open = await json<{ menus: Array<{ name: string }> }>('POST', '/api/open', { user: 'owner@example.org' });
    expect(open.data.menus.map((m) => m.name)).toEqual(['Test']);
    const first = await json<{ needsReply?: { prompt: string } }>('POST', '/api/menu', { path: 'Test/Hello' });
    expect(first.data.needsReply?.prompt).toBe('Hello there');
    const second = await json<{ ok: boolean; ui: Array<{ type: string; message?: string }> }>('POST', '/api/menu', { path: 'Test/Hello', replies: [{ button: 'OK' }] });
    expect(second.data.ok).toBe(true);
    expect(second.data.ui.map((u) => u.type)).toEqual(['alert', 'toast']);
  });

  it('serves a sidebar at /ui/<id> with the shim, and /rpc calls functions as the page user', async () => {
    const r = await json<{ ui: Array<{ type: string; title: string; url: string }> }>('POST', '/api/menu', { path: 'Test/Side', user: 'ani@example.org' });
    expect(r.data.ui[0]).toMatchObject({ type: 'sidebar', title: 'Side bar' });
    const html = await (await fetch(new URL(r.data.ui[0].url, server.url))).text();
    expect(html).toContain('<p id="p">side</p>');
    expect(html).toContain('google.script');
    expect(html).toContain('ani@example.org');
    const rpc = await json<{ ok: boolean; value: string }>('POST', '/rpc', { fn: 'echo', args: ['x'], user: 'ani@example.org' });
    expect(rpc.data).toEqual({ ok: true, value: 'echo:x:ani@example.org' });
    const missing = await json<{ ok: boolean; error: { message: string } }>('POST', '/rpc', { fn: 'nope', args: [] });
    expect(missing.data.ok).toBe(false);
    expect(missing.data.error.message).toMatch(/Script function not found: nope/);
  });

  it('edits a cell, firing onEdit; a bad tab is an error with a message', async () => {
    const r = await json<{ executions: Array<{ functionName: string; ok: boolean }> }>('POST', '/api/edit', { tab: 'Sheet1', a1: 'A2', input: '5' });
    expect(r.data.executions).toEqual([expect.objectContaining({ functionName: 'onEdit', ok: true })]);
    const view = await json<{ headers: string[]; rows: string[][] }>('GET', '/api/sheet?tab=Sheet1');
    expect(view.data.headers[2]).toBe('saw A2');
    expect(view.data.rows[0][0]).toBe('5');
    const bad = await json<{ error: string }>('POST', '/api/edit', { tab: 'Nope', a1: 'A1', input: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toMatch(/Nope/);
  });

  it('pastes clipboard text as one edit of the block; an API edit fires no onEdit; a selection is kept', async () => {
    const r = await json<{ info: { a1: string; value?: string }; executions: Array<{ functionName: string }> }>('POST', '/api/paste', {
      tab: 'Sheet1',
      a1: 'A5',
      text: '1\t2\n3\t4\n',
    });
    expect(r.data.info.a1).toBe('A5:B6');
    expect(r.data.info.value).toBeUndefined();
    expect(r.data.executions.map((x) => x.functionName)).toEqual(['onEdit']);
    let view = await json<{ headers: string[]; rows: string[][] }>('GET', '/api/sheet?tab=Sheet1');
    expect(view.data.headers[2]).toBe('saw A5:B6');
    expect(view.data.rows[4].slice(0, 2)).toEqual(['3', '4']);
    const api = await json<{ executions: unknown[] }>('POST', '/api/api-edit', { tab: 'Sheet1', a1: 'A8', input: '9' });
    expect(api.data.executions).toEqual([]);
    view = await json<{ headers: string[]; rows: string[][] }>('GET', '/api/sheet?tab=Sheet1');
    expect(view.data.headers[2]).toBe('saw A5:B6');
    expect(view.data.rows[6][0]).toBe('9');
    const sel = await json<{ ranges: string[] }>('POST', '/api/select', { tab: 'Sheet1', a1: 'A5:B6' });
    expect(sel.data.ranges).toEqual(['A5:B6']);
  });

  it('lists mail, serves its HTML with links opening a new tab, and serves the web app', async () => {
    await json('POST', '/api/menu', { path: 'Test/Mail' });
    const mails = await json<Array<{ id: string; subject: string; links: string[] }>>('GET', '/api/mail');
    expect(mails.data).toHaveLength(1);
    const link = mails.data[0].links[0];
    expect(link.startsWith(sb.webAppUrl)).toBe(true);
    const mailHtml = await (await fetch(new URL(`/mail/${mails.data[0].id}`, server.url))).text();
    expect(mailHtml).toContain('<base target="_blank">');
    // Whoever was sent mail can be picked in the user switch.
    const st = await json<{ users: string[] }>('GET', '/api/state');
    expect(st.data.users).toContain('a@example.org');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('x=7 path=');
    expect(body).toContain('google.script');
    const withPath = await (await fetch(new URL('/macros/s/sandbox-script/exec/a/b?x=1', server.url))).text();
    expect(withPath).toContain('x=1 path=a/b');
    const post = await fetch(new URL('/macros/s/sandbox-script/exec', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=hello+there',
    });
    expect(post.headers.get('content-type')).toMatch(/application\/json/);
    expect(await post.json()).toEqual({ got: 'hello there' });
  });

  it('moves the clock, lists executions with modeled time and calls per service, and adds users', async () => {
    const before = sb.state.clockMs;
    const r = await json<{ toMs: number; fired: unknown[] }>('POST', '/api/clock', { advanceMinutes: 90 });
    expect(r.data.toMs).toBe(before + 90 * 60_000);
    expect(sb.state.clockMs).toBe(r.data.toMs);
    const ex = await json<Array<{ functionName: string; kind: string; modeledSeconds: number; callsByService: Record<string, number> }>>('GET', '/api/executions');
    const mailRun = ex.data.find((e) => e.functionName === 'mail');
    expect(mailRun?.kind).toBe('menu');
    expect(mailRun?.callsByService.MailApp).toBeGreaterThan(0);
    expect(mailRun?.modeledSeconds).toBeGreaterThan(1);
    const u = await json<{ users: string[] }>('POST', '/api/user', { email: 'budi@example.org' });
    expect(u.data.users).toContain('budi@example.org');
    const notEmail = await json<{ error: string }>('POST', '/api/user', { email: 'budi' });
    expect(notEmail.status).toBe(400);
  });

  it('lists Drive files, renders a Google Doc as HTML and downloads it as PDF', async () => {
    const made = await json<{ ok: boolean; value: string }>('POST', '/api/run', { fn: 'makeDoc' });
    expect(made.data.ok).toBe(true);
    const files = await json<Array<{ id: string; name: string }>>('GET', '/api/files');
    expect(files.data.map((f) => f.name)).toContain('Minutes');
    const doc = await fetch(new URL(`/doc/${made.data.value}`, server.url));
    expect(await doc.text()).toContain('Agreed items');
    const pdf = await fetch(new URL(`/file/${made.data.value}`, server.url));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/attachment; filename="Minutes\.pdf"/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const missing = await fetch(new URL('/file/nope', server.url));
    expect(missing.status).toBe(404);
  });

  it('answers unknown endpoints with 404', async () => {
    const r = await json<{ error: string }>('GET', '/api/nothing');
    expect(r.status).toBe(404);
  });
});
