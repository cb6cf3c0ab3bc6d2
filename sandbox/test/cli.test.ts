/**
 * The gas-sandbox command line, on a small fixture project: verbs run in-process through runCli
 * (fast), and the launcher is spawned for exit codes and output format.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, runCli, UsageError } from '../src/cli';
import { parseClockArg, parseForms, parseReply } from '../src/actions';

const FIXTURE_CODE = String.raw`
function onOpen(e) {
  SpreadsheetApp.getUi().createMenu('Test')
    .addItem('Say hello', 'sayHello')
    .addItem('Open sidebar', 'openSidebar')
    .addSeparator()
    .addItem('Send link', 'sendLink')
    .addItem('Ask name', 'askName')
    .addToUi();
}
function sayHello() { SpreadsheetApp.getUi().alert('Hello from the menu'); }
function openSidebar() {
  var html = '<div id="out">waiting</div><button id="go" onclick="google.script.run.withSuccessHandler(function (v) { document.getElementById(\'out\').textContent = v; }).echo(\'hi\')">Go</button>';
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle('Helper'));
}
function echo(s) { return 'echo:' + s + ' from ' + Session.getActiveUser().getEmail(); }
function sendLink() {
  MailApp.sendEmail({ to: 'boss@example.org', subject: 'Please look', htmlBody: '<p>Hello, <a href="' + ScriptApp.getService().getUrl() + '?x=1">open the page</a>.</p>' });
}
function askName() {
  var ui = SpreadsheetApp.getUi();
  var r = ui.prompt('Your name?', ui.ButtonSet.OK_CANCEL);
  if (r.getSelectedButton() == ui.Button.OK) ui.alert('Hi ' + r.getResponseText());
  else ui.alert('Cancelled');
}
function onEdit(e) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var log = ss.getSheetByName('Log') || ss.insertSheet('Log');
  log.appendRow([e.range.getA1Notation(), e.value]);
}
function doGet(e) {
  return HtmlService.createHtmlOutput('<h1>x=' + e.parameter.x + '</h1>' +
    '<form method="post"><label for="n">Name</label><input id="n" name="name" value="a">' +
    '<label><input type="checkbox" name="agree" checked> Agree</label>' +
    '<select name="pick"><option value="1">One</option><option value="2" selected>Two</option></select>' +
    '<button name="decision" value="yes">Yes</button></form>').setTitle('Page');
}
function doPost(e) { return HtmlService.createHtmlOutput('<p>Got ' + e.parameter.name + '/' + e.parameter.decision + '</p>'); }
function tick() {
  var p = PropertiesService.getScriptProperties();
  p.setProperty('ticks', String(Number(p.getProperty('ticks') || 0) + 1));
}
function installTick() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
function makeDoc() {
  var d = DocumentApp.create('Report');
  d.getBody().appendParagraph('Hello doc');
  d.saveAndClose();
  return d.getId();
}
function calendarTitles(id) { var c = CalendarApp.getCalendarById(id); return c === null ? null : c.getEvents(new Date(0), new Date(4102444800000)).map(function (e) { return e.getTitle(); }); }
function getTicks() { return Number(PropertiesService.getScriptProperties().getProperty('ticks') || 0); }
`;

function makeFixture(): { dir: string; project: string; data: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-cli-'));
  const project = path.join(dir, 'project');
  mkdirSync(project);
  writeFileSync(
    path.join(project, 'appsscript.json'),
    JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8', webapp: { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' } }),
  );
  writeFileSync(path.join(project, 'Code.js'), FIXTURE_CODE);
  return { dir, project, data: path.join(dir, 'data') };
}

const OWNER = 'owner@example.org';
let fx: ReturnType<typeof makeFixture>;

async function cli<T = Record<string, unknown>>(...argv: string[]): Promise<T> {
  return (await runCli(['--project', fx.project, '--data', fx.data, ...argv])) as T;
}

beforeEach(async () => {
  fx = makeFixture();
  await cli('reset', '--owner', OWNER);
});
afterEach(() => rmSync(fx.dir, { recursive: true, force: true }));

describe('argument parsing', () => {
  it('takes global options anywhere and repeats --reply', () => {
    const a = parseArgs(['--as', 'a@x.org', 'menu', 'M/I', '--reply', 'OK', '--reply=2026-12']);
    expect(a.as).toBe('a@x.org');
    expect(a.replies).toEqual(['OK', '2026-12']);
    expect(a.positional).toEqual(['menu', 'M/I']);
  });
  it('rejects unknown options, missing values and unknown verbs', async () => {
    expect(() => parseArgs(['--nope'])).toThrow(UsageError);
    expect(() => parseArgs(['--as'])).toThrow(UsageError);
    await expect(cli('frobnicate')).rejects.toThrow(UsageError);
    await expect(cli('edit', 'Sheet1')).rejects.toThrow(UsageError);
  });
  it('reads replies as buttons or prompt text', () => {
    expect(parseReply('yes')).toEqual({ button: 'YES' });
    expect(parseReply('CANCEL')).toEqual({ button: 'CANCEL' });
    expect(parseReply('2026-12')).toEqual({ button: 'OK', text: '2026-12' });
  });
  it('reads clock arguments in the script time zone', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseClockArg('+90', now, 'Asia/Jakarta')).toBe(now + 90 * 60_000);
    expect(parseClockArg('+2h', now, 'Asia/Jakarta')).toBe(now + 2 * 3600_000);
    expect(parseClockArg('2026-03-02T09:00', now, 'Asia/Jakarta')).toBe(Date.UTC(2026, 2, 2, 2, 0));
    expect(parseClockArg('2026-03-02T09:00:00Z', now, 'Asia/Jakarta')).toBe(Date.UTC(2026, 2, 2, 9, 0));
    expect(() => parseClockArg('soon', now, 'Asia/Jakarta')).toThrow(/Not a time/);
  });
});

describe('parseForms', () => {
  it('finds fields with their labels, checked state and selected option', () => {
    const forms = parseForms(
      '<form action="/x" method="post"><label for="a">Alpha</label><input id="a" name="alpha" value="1">' +
        '<label>Beta <input type="radio" name="b" value="z" checked></label><textarea name="t">hi</textarea>' +
        '<select name="s"><option>p</option><option value="q" selected>Q</option></select><input type="submit" value="Send"></form>',
    );
    expect(forms).toHaveLength(1);
    expect(forms[0].action).toBe('/x');
    expect(forms[0].method).toBe('POST');
    const by = Object.fromEntries(forms[0].fields.map((f) => [f.name || f.type, f]));
    expect(by.alpha).toMatchObject({ type: 'text', value: '1', label: 'Alpha' });
    expect(by.b).toMatchObject({ type: 'radio', value: 'z', checked: true, label: 'Beta' });
    expect(by.t).toMatchObject({ type: 'textarea', value: 'hi' });
    expect(by.s).toMatchObject({ type: 'select', value: 'q' });
    expect(by.submit).toMatchObject({ label: 'Send' });
  });
});

describe('verbs', () => {
  it('open lists the menus onOpen built', async () => {
    const r = await cli<{ menus: Array<{ name: string; items: Array<{ caption?: string; functionName?: string; separator?: boolean }> }> }>('open');
    expect(r.menus.map((m) => m.name)).toEqual(['Test']);
    const captions = r.menus[0].items.map((i) => i.caption ?? '---');
    expect(captions).toEqual(['Say hello', 'Open sidebar', '---', 'Send link', 'Ask name']);
  });

  it('menu asks for a reply, then shows the alert answered with it', async () => {
    const waiting = await cli<{ ok: boolean; needsReply?: { kind: string; prompt: string } }>('menu', 'Test/Say hello');
    expect(waiting.ok).toBe(false);
    expect(waiting.needsReply).toMatchObject({ kind: 'alert', prompt: 'Hello from the menu' });
    const done = await cli<{ ok: boolean; ui: Array<{ type: string; prompt?: string; reply?: string }> }>('--reply', 'OK', 'menu', 'Test/Say hello');
    expect(done.ok).toBe(true);
    expect(done.ui).toEqual([expect.objectContaining({ type: 'alert', prompt: 'Hello from the menu' })]);
  });

  it('menu feeds prompt replies in order, text or CANCEL', async () => {
    const named = await cli<{ ok: boolean; ui: Array<{ type: string; prompt?: string; text?: string }> }>('menu', 'Test/Ask name', '--reply', 'Ani', '--reply', 'OK');
    expect(named.ok).toBe(true);
    expect(named.ui.map((u) => u.type)).toEqual(['prompt', 'alert']);
    expect(named.ui[1].prompt).toBe('Hi Ani');
    const cancelled = await cli<{ ui: Array<{ prompt?: string }> }>('menu', 'Test/Ask name', '--reply', 'CANCEL', '--reply', 'OK');
    expect(cancelled.ui[1].prompt).toBe('Cancelled');
  });

  it('menu prints a sidebar with its title and HTML; an unknown item lists the menus', async () => {
    const r = await cli<{ ui: Array<{ type: string; title: string; html: string }> }>('menu', 'Test/Open sidebar');
    expect(r.ui).toHaveLength(1);
    expect(r.ui[0]).toMatchObject({ type: 'sidebar', title: 'Helper' });
    expect(r.ui[0].html).toContain('google.script.run');
    await expect(cli('menu', 'Test/Nothing')).rejects.toThrow(/Test\/Say hello/);
  });

  it('call runs a function as google.script.run would, as --as', async () => {
    const r = await cli<{ ok: boolean; value: string }>('--as', 'ani@example.org', 'call', 'echo', '"hi"');
    expect(r).toMatchObject({ ok: true, value: 'echo:hi from ani@example.org' });
    const bad = await cli<{ ok: boolean; error: { message: string } }>('call', 'nothingHere');
    expect(bad.ok).toBe(false);
    expect(bad.error.message).toMatch(/Script function not found: nothingHere/);
  });

  it('edit fires onEdit, whose effect shows in sheet and tabs', async () => {
    const r = await cli<{ info: { row: number; column: number }; executions: Array<{ functionName: string; ok: boolean; kind: string }> }>(
      'edit', 'Sheet1', 'B3', 'hello',
    );
    expect(r.info).toMatchObject({ row: 3, column: 2 });
    expect(r.executions).toEqual([expect.objectContaining({ functionName: 'onEdit', ok: true, kind: 'simpleTrigger' })]);
    const tabs = (await cli<unknown[]>('tabs')).map((t) => (typeof t === 'string' ? t : (t as { name: string }).name));
    expect(tabs).toContain('Log');
    const log = await cli<{ rows: string[][]; headers: string[] }>('sheet', 'Log');
    const all = [log.headers, ...log.rows].map((row) => row.join('|'));
    expect(all).toContain('B3|hello');
    const sheet = await cli<{ rows: string[][]; headers: string[] }>('sheet', 'Sheet1');
    expect(JSON.stringify([sheet.headers, sheet.rows])).toContain('hello');
  });

  it('paste writes a block as one edit (onEdit once, with the range); api-edit fires no onEdit', async () => {
    const r = await cli<{ info: { a1: string; value?: string }; executions: Array<{ functionName: string }> }>('paste', 'Sheet1', 'D2', '[["x","y"],["z","w"]]');
    expect(r.info.a1).toBe('D2:E3');
    expect(r.info.value).toBeUndefined();
    expect(r.executions.map((x) => x.functionName)).toEqual(['onEdit']);
    const a = await cli<{ executions: unknown[]; info: { value: string } }>('api-edit', 'Sheet1', 'D5', 'quiet');
    expect(a.executions).toEqual([]);
    expect(a.info.value).toBe('quiet');
    const log = await cli<{ rows: string[][]; headers: string[] }>('sheet', 'Log');
    const all = [log.headers, ...log.rows].map((row) => row.join('|'));
    expect(all.filter((line) => line.startsWith('D2:E3'))).toHaveLength(1);
    expect(all.some((line) => line.startsWith('D5'))).toBe(false);
    await expect(cli('paste', 'Sheet1', 'D2', 'not json')).rejects.toThrow();
    const sel = await cli<{ ranges: string[] }>('select', 'Sheet1', 'A1:B2,D4');
    expect(sel.ranges).toEqual(['A1:B2', 'D4']);
  });

  it('mail shows the sent link; get and post drive the web app and its form', async () => {
    await cli('menu', 'Test/Send link');
    const mails = await cli<Array<{ subject: string; to: unknown; links: string[]; html?: string }>>('mail');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Please look');
    expect(mails[0].html).toBeUndefined();
    const link = mails[0].links.find((l) => l.includes('?x=1'));
    expect(link).toBeDefined();
    const page = await cli<{ status: number; title: string; body: string; forms: Array<{ method: string; fields: Array<{ name: string; label: string; value: string; checked?: boolean }> }> }>(
      'get', link as string,
    );
    expect(page.status).toBe(200);
    expect(page.title).toBe('Page');
    expect(page.body).toContain('x=1');
    const fields = Object.fromEntries(page.forms[0].fields.map((f) => [f.name, f]));
    expect(page.forms[0].method).toBe('POST');
    expect(fields.name).toMatchObject({ label: 'Name', value: 'a' });
    expect(fields.agree).toMatchObject({ label: 'Agree', checked: true });
    expect(fields.pick).toMatchObject({ value: '2' });
    const posted = await cli<{ body: string }>('post', link as string, JSON.stringify({ name: 'Budi', decision: 'yes' }));
    expect(posted.body).toContain('Got Budi/yes');
  });

  it('clock advances through due time-driven triggers and runs each one', async () => {
    await cli('run', 'installTick');
    const triggers = await cli<Array<{ handler: string }>>('triggers');
    expect(triggers.map((t) => t.handler)).toEqual(['tick']);
    const before = await cli<{ clockMs: number }>('clock');
    const r = await cli<{ toMs: number; fired: Array<{ handler: string; atMs: number; ok: boolean }> }>('clock', '+300');
    expect(r.toMs).toBe(before.clockMs + 300 * 60_000);
    expect(r.fired.length).toBeGreaterThanOrEqual(4);
    expect(r.fired.length).toBeLessThanOrEqual(5);
    expect(r.fired.every((f) => f.handler === 'tick' && f.ok)).toBe(true);
    const times = r.fired.map((f) => f.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const ticks = await cli<{ value: number }>('run', 'getTicks');
    expect(ticks.value).toBe(r.fired.length);
    // The getTicks run in between moved the clock on by the time it took.
    const after = await cli<{ clockMs: number }>('clock');
    expect(after.clockMs).toBeGreaterThanOrEqual(r.toMs);
    expect(after.clockMs).toBeLessThan(r.toMs + 60_000);
  });

  it('calendar-add puts a Google Calendar in the state (kept between runs); calendars lists them', async () => {
    const file = path.join(fx.dir, 'cal.json');
    writeFileSync(file, JSON.stringify({ id: 'agenda@group.calendar.google.com', name: 'Agenda', owner: 'boss@example.org', readers: [OWNER], events: [{ id: 'a', title: 'Sidang', start: '2026-12-01T09:00:00+07:00', end: '2026-12-01T10:00:00+07:00' }, { id: 'b', title: 'HUT', allDayStart: '2026-12-24' }] }));
    expect(await cli('calendar-add', file)).toEqual({ ok: true, id: 'agenda@group.calendar.google.com', events: 2 });
    expect(await cli('calendars')).toEqual([{ id: 'agenda@group.calendar.google.com', name: 'Agenda', timeZone: 'Asia/Jakarta', owner: 'boss@example.org', readers: [OWNER], events: 2 }]);
    expect(await cli('call', 'calendarTitles', 'agenda@group.calendar.google.com')).toMatchObject({ ok: true, value: ['Sidang', 'HUT'] });
    expect(await cli('--as', 'other@example.org', 'call', 'calendarTitles', 'agenda@group.calendar.google.com')).toMatchObject({ ok: true, value: null });
    writeFileSync(file, JSON.stringify({ id: 'x', name: 'X', owner: OWNER, events: [{ id: 'a', title: 'no time' }] }));
    await expect(cli('calendar-add', file)).rejects.toThrow('calendar: events[0] needs start (or startMs) or allDayStart');
  });

  it('files lists Drive; doc prints a Google Doc as text or HTML, by id or URL', async () => {
    const made = await cli<{ ok: boolean; value: string }>('run', 'makeDoc');
    expect(made.ok).toBe(true);
    const list = await cli<Array<{ id: string; name: string; mimeType: string; url: string }>>('files');
    const file = list.find((f) => f.id === made.value);
    expect(file).toMatchObject({ name: 'Report', mimeType: 'application/vnd.google-apps.document' });
    const text = await cli<{ content: string }>('doc', made.value);
    expect(text.content).toContain('Hello doc');
    const html = await cli<{ content: string; format: string }>('doc', `https://docs.google.com/document/d/${made.value}/edit`, '--format', 'html');
    expect(html.format).toBe('html');
    expect(html.content).toMatch(/<p[^>]*>[^<]*Hello doc/);
    await expect(cli('doc', 'no-such-id')).rejects.toThrow(/No file with id no-such-id/);
  });

  it('stats reports the last execution; reset starts over with a new owner', async () => {
    await cli('call', 'echo', 'x');
    const stats = await cli<{ functionName: string; kind: string; modeledMs: number }>('stats');
    expect(stats).toMatchObject({ functionName: 'echo', kind: 'scriptRun' });
    await cli('--as', 'new@example.org', 'reset');
    const open = await cli<{ user: string }>('open');
    expect(open.user).toBe('new@example.org');
    expect(await cli('stats')).toMatchObject({ functionName: 'onOpen' });
  });
});

describe('serve', () => {
  it('runs --init once on a new state, says when --demo has no loadDemoData, and serves the workbench', async () => {
    const servers: Array<{ url: string; close(): Promise<void> }> = [];
    const serve = (...extra: string[]) =>
      runCli(['--project', fx.project, '--data', fx.data, 'serve', '--port', '0', ...extra], { onServe: (s) => servers.push(s) }) as Promise<{
        url: string;
        init?: { ran: boolean; ok?: boolean; message?: string };
      }>;
    try {
      const first = await serve('--init', 'installTick');
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(first.init).toMatchObject({ ran: true, ok: true });
      const page = await fetch(first.url);
      expect(page.status).toBe(200);
      const second = await serve('--init', 'installTick');
      expect(second.init?.ran).toBe(false);
      expect((await cli<unknown[]>('triggers')).length).toBe(1);
      const demo = await serve('--demo');
      expect(demo.init).toMatchObject({ ran: false, message: expect.stringMatching(/loadDemoData/) });
    } finally {
      for (const s of servers) await s.close();
    }
  });
});

describe('the launcher', () => {
  const bin = path.join(__dirname, '..', 'bin', 'gas-sandbox.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, '--project', fx.project, '--data', fx.data, ...args], { encoding: 'utf8' });

  it('prints JSON, an error as {error} with exit 1, and usage with exit 2', () => {
    const ok = run('--as', 'ani@example.org', 'call', 'echo', '"x"');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, value: 'echo:x from ani@example.org' });
    const err = run('menu', 'Nope/Item');
    expect(err.status).toBe(1);
    expect(JSON.parse(err.stdout).error).toMatch(/No menu item "Nope\/Item"/);
    const usage = run('bogus-verb');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: gas-sandbox');
  });

  it('--help prints the usage on stdout and exits 0', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: gas-sandbox');
    expect(help.stdout).toContain('serve [--port N]');
    expect(help.stderr).toBe('');
  });

  it('serve works through the launcher: it listens, serves the page, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, '--project', fx.project, '--data', fx.data, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // The launcher prints its JSON on stdout, then says on stderr that it is running.
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('Workbench running at')) resolve();
        });
        child.on('exit', () => reject(new Error(`serve exited early: ${stdout} ${stderr}`)));
      });
      const out = JSON.parse(stdout) as { url: string };
      expect(out.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(out.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
