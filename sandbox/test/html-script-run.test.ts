/**
 * google.script.run: the server side (callFromClient, handleRpcBody) and the browser shim, run in
 * a node:vm context with a fake window and fetch wired to the sandbox.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { Sandbox } from '../src/sandbox';
import { sessionService } from '../src/services/session';
import { htmlService } from '../src/services/html';
import { utilitiesService } from '../src/services/utilities';
import { callFromClient, clientShim, findIllegalValue, handleRpcBody, injectShim } from '../src/script-run';

jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));


const CODE = `
var counter = 0;
function echo(x) { return x; }
function describe(x) {
  return { type: typeof x, isArray: Array.isArray(x), json: JSON.stringify(x), isObject: x instanceof Object };
}
function mutate(o) { o.changed = true; return o; }
function whoAmI() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }
function boom() { throw new Error('Nothing selected.'); }
function typed() { var e = new TypeError('bad type'); throw e; }
function today() { return new Date(); }
function nested() { return { ok: 1, when: [new Date()] }; }
function nothing() { }
function withFunction() { return { f: function () {} }; }
function secret_() { return 'hidden'; }
function add(a, b) { return a + b; }
function submit(form) { return form; }
var notAFunction = 3;
var arrow = function (x) { return x * 2; };
`;

function makeSandbox(code = CODE): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'script-run-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta' }));
  writeFileSync(path.join(dir, 'Code.gs'), code);
  return new Sandbox({ projectDir: dir, services: [htmlService, sessionService], owner: 'owner@example.org', clockMs: Date.UTC(2026, 0, 5) });
}

describe('callFromClient', () => {
  const sb = makeSandbox();

  test('runs a public function with copied arguments and returns its value', () => {
    const arg = { name: 'Ana', list: [1, 'two', null, true] };
    const r = callFromClient(sb, 'mutate', [arg], 'ana@example.org');
    expect(r).toMatchObject({ ok: true, value: { name: 'Ana', list: [1, 'two', null, true], changed: true } });
    // The server got a copy: the caller's object is unchanged.
    expect(arg).toEqual({ name: 'Ana', list: [1, 'two', null, true] });
    expect(r.execution?.kind).toBe('scriptRun');
    expect(r.execution?.user).toBe('ana@example.org');
  });

  test('arguments are objects of the script realm', () => {
    const r = callFromClient(sb, 'describe', [[1, 2]], 'a@example.org');
    expect(r).toMatchObject({ ok: true, value: { type: 'object', isArray: true, json: '[1,2]', isObject: true } });
  });

  test('undefined inside arrays becomes null; several arguments', () => {
    expect(callFromClient(sb, 'echo', [[1, undefined, 3]], 'a@example.org')).toMatchObject({ ok: true, value: [1, null, 3] });
    expect(callFromClient(sb, 'add', [2, 3], 'a@example.org')).toMatchObject({ ok: true, value: 5 });
  });

  test('the active and effective user are the caller', () => {
    expect(callFromClient(sb, 'whoAmI', [], 'ana@example.org')).toMatchObject({ ok: true, value: ['ana@example.org', 'ana@example.org'] });
  });

  test('Date, function and circular arguments make the request fail', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const cases: Array<[unknown[], string]> = [
      [[new Date()], '0'],
      [['x', { when: new Date() }], '1.when'],
      [[() => 1], '0'],
      [[[1, [2, new Map()]]], '0.1.1'],
      [[circular], '0.self'],
    ];
    for (const [args, where] of cases) {
      const r = callFromClient(sb, 'echo', args, 'a@example.org');
      expect(r).toEqual({ ok: false, error: { name: 'Error', message: `Failed due to illegal value in property: ${where}` } });
    }
    // Nothing ran.
    expect(sb.history.filter((h) => h.functionName === 'echo' && !h.ok)).toHaveLength(0);
  });

  test('private, unknown, non-function and built-in names are refused', () => {
    const before = sb.history.length;
    for (const name of ['secret_', 'missing', 'notAFunction', 'Date', 'eval', 'Object', 'counter', 'echo.call', '']) {
      const r = callFromClient(sb, name, [], 'a@example.org');
      expect(r).toEqual({ ok: false, error: { name: 'ScriptError', message: `Script function not found: ${name}` } });
    }
    expect(sb.history.length).toBe(before);
  });

  test('a function assigned to a global var is callable', () => {
    expect(callFromClient(sb, 'arrow', [21], 'a@example.org')).toMatchObject({ ok: true, value: 42 });
  });

  test('a thrown error becomes the failure handler\'s error', () => {
    expect(callFromClient(sb, 'boom', [], 'a@example.org')).toMatchObject({ ok: false, error: { name: 'Error', message: 'Nothing selected.' } });
    expect(callFromClient(sb, 'typed', [], 'a@example.org')).toMatchObject({ ok: false, error: { name: 'TypeError', message: 'bad type' } });
  });

  test('a return value holding a Date or a function arrives as null', () => {
    expect(callFromClient(sb, 'today', [], 'a@example.org')).toMatchObject({ ok: true, value: null });
    expect(callFromClient(sb, 'nested', [], 'a@example.org')).toMatchObject({ ok: true, value: null });
    expect(callFromClient(sb, 'withFunction', [], 'a@example.org')).toMatchObject({ ok: true, value: null });
    expect(callFromClient(sb, 'nothing', [], 'a@example.org')).toMatchObject({ ok: true, value: null });
  });

  test('findIllegalValue accepts plain data from another realm', () => {
    const foreign = vm.runInNewContext('({ a: [1, { b: null }], c: "x" })') as unknown;
    expect(findIllegalValue(foreign)).toBeNull();
    expect(findIllegalValue(vm.runInNewContext('({ d: new Date() })'))).toBe('d');
    expect(findIllegalValue(Object.create(null))).toBeNull();
    expect(findIllegalValue(new (class Point {})())).toBe('0');
  });

  test('handleRpcBody answers JSON and rejects malformed requests', () => {
    const good = handleRpcBody(sb, JSON.stringify({ fn: 'add', args: [1, 2] }), 'a@example.org');
    expect(good.status).toBe(200);
    expect(JSON.parse(good.json)).toEqual({ ok: true, value: 3 });
    expect(handleRpcBody(sb, '{nope', 'a').status).toBe(400);
    expect(handleRpcBody(sb, JSON.stringify({ fn: 'add' }), 'a').status).toBe(400);
    const who = handleRpcBody(sb, JSON.stringify({ fn: 'whoAmI', args: [], user: 'b@example.org' }), 'a@example.org');
    expect(JSON.parse(who.json).value).toEqual(['b@example.org', 'b@example.org']);
  });
});

// ---------------------------------------------------------------------------------------------
// The browser shim
// ---------------------------------------------------------------------------------------------

interface Page {
  context: vm.Context;
  window: Record<string, unknown>;
  requests: Array<{ url: string; body: unknown }>;
  messages: unknown[];
  run(code: string): unknown;
}

function page(sb: Sandbox, opts: { functions?: string[]; href?: string; fetchFails?: boolean } = {}): Page {
  const requests: Page['requests'] = [];
  const messages: unknown[] = [];
  const url = new URL(opts.href ?? 'http://127.0.0.1:8080/macros/s/x/exec?a=1&a=2&b=%C3%A9#frag');
  const parent = { postMessage: (m: unknown) => messages.push(JSON.parse(JSON.stringify(m))) };
  const window: Record<string, unknown> = {
    parent,
    location: { href: url.href, search: url.search, hash: url.hash, origin: url.origin, pathname: url.pathname },
    console: { error: () => undefined },
    fetch: (u: string, init: { body: string }) => {
      requests.push({ url: u, body: JSON.parse(init.body) });
      if (opts.fetchFails) return Promise.reject(new Error('offline'));
      const { json } = handleRpcBody(sb, init.body, 'owner@example.org');
      return Promise.resolve({ json: () => Promise.resolve(JSON.parse(json)) });
    },
  };
  const context = vm.createContext(window);
  window.window = context;
  vm.runInContext(clientShim({ rpcUrl: '/rpc', user: 'ana@example.org', functions: opts.functions }), context);
  return { context, window, requests, messages, run: (code) => vm.runInContext(code, context) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

describe('client shim', () => {
  const sb = makeSandbox();

  test('success handler gets the value and the user object, asynchronously', async () => {
    const p = page(sb);
    p.run(`
      var log = [];
      var user = { id: 7 };
      google.script.run.withSuccessHandler(function (v, u) { log.push(['ok', v, u === user]); })
        .withUserObject(user).add(2, 40);
      log.push('after call');
    `);
    expect(p.run('JSON.stringify(log)')).toBe('["after call"]');
    await settle();
    expect(JSON.parse(p.run('JSON.stringify(log)') as string)).toEqual(['after call', ['ok', 42, true]]);
    expect(p.requests).toEqual([{ url: '/rpc', body: { fn: 'add', args: [2, 40], user: 'ana@example.org' } }]);
  });

  test('failure handler gets an Error with name and message, and the user object', async () => {
    const p = page(sb);
    p.run(`
      var log = [];
      google.script.run
        .withSuccessHandler(function () { log.push('wrong'); })
        .withFailureHandler(function (e, u) { log.push([e instanceof Error, e.name, e.message, u]); })
        .withUserObject('button-1')
        .boom();
    `);
    await settle();
    expect(JSON.parse(p.run('JSON.stringify(log)') as string)).toEqual([[true, 'Error', 'Nothing selected.', 'button-1']]);
  });

  test('each chain is a fresh runner: handlers do not stick to google.script.run', async () => {
    const p = page(sb);
    p.run(`
      var log = [];
      var withHandler = google.script.run.withSuccessHandler(function (v) { log.push('first ' + v); });
      var other = withHandler.withSuccessHandler(function (v) { log.push('second ' + v); });
      withHandler.add(1, 1);
      other.add(2, 2);
      google.script.run.add(3, 3);
      var distinct = withHandler !== google.script.run && other !== withHandler;
    `);
    await settle();
    expect(p.run('distinct')).toBe(true);
    expect((JSON.parse(p.run('JSON.stringify(log)') as string) as string[]).sort()).toEqual(['first 2', 'second 4']);
    expect(p.requests).toHaveLength(3);
  });

  test('a Date argument throws at the call and sends nothing', () => {
    const p = page(sb);
    expect(() => p.run('google.script.run.echo({ when: new Date() })')).toThrow('Failed due to illegal value in property: 0.when');
    expect(() => p.run('google.script.run.echo(function () {})')).toThrow('Failed due to illegal value in property: 0');
    expect(p.requests).toHaveLength(0);
  });

  test('a form argument is sent as its named fields', async () => {
    const p = page(sb);
    p.run(`
      var form = {
        tagName: 'FORM', nodeType: 1, nodeName: 'FORM',
        elements: [
          { name: 'title', type: 'text', value: 'Halo' },
          { name: 'agree', type: 'checkbox', checked: true, value: 'yes' },
          { name: 'skip', type: 'checkbox', checked: false, value: 'no' },
          { name: 'tag', type: 'text', value: 'a' },
          { name: 'tag', type: 'text', value: 'b' },
          { name: 'off', type: 'text', value: 'x', disabled: true },
          { name: 'go', type: 'submit', value: 'Send' },
          { type: 'text', value: 'unnamed' },
          { name: 'many', type: 'select-multiple', options: [{ value: '1', selected: true }, { value: '2', selected: false }, { value: '3', selected: true }] }
        ]
      };
      var got;
      google.script.run.withSuccessHandler(function (v) { got = v; }).submit(form);
    `);
    await settle();
    expect(JSON.parse(p.run('JSON.stringify(got)') as string)).toEqual({ title: 'Halo', agree: 'yes', tag: ['a', 'b'], many: ['1', '3'] });
    expect(() => p.run('google.script.run.submit(form, 1)')).toThrow(/illegal value/);
  });

  test("a form's file inputs arrive as Blobs (name, content type, bytes); an empty one as an empty Blob", async () => {
    const sb2 = new Sandbox({
      projectDir: (() => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'script-run-file-'));
        writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta' }));
        writeFileSync(
          path.join(dir, 'Code.gs'),
          `function upload(form) {
  var f = form.photo, e = form.empty;
  return { title: form.title, isBlob: typeof f.getBytes === 'function', name: f.getName(), type: f.getContentType(), text: f.getDataAsString(), size: f.getBytes().length, emptySize: e.getBytes().length };
}`,
        );
        return dir;
      })(),
      services: [htmlService, sessionService, utilitiesService],
      owner: 'owner@example.org',
      clockMs: Date.UTC(2026, 0, 5),
    });
    const p = page(sb2);
    // A FileReader as the browser's: readAsDataURL gives "data:<type>;base64,<bytes>".
    p.window.FileReader = class {
      result: string | null = null;
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      readAsDataURL(file: { type: string; content: string }) {
        setImmediate(() => {
          this.result = `data:${file.type};base64,${Buffer.from(file.content).toString('base64')}`;
          this.onload?.();
        });
      }
    };
    p.run(`
      var form = {
        tagName: 'FORM', nodeType: 1, nodeName: 'FORM',
        elements: [
          { name: 'title', type: 'text', value: 'Poster' },
          { name: 'photo', type: 'file', files: [{ name: 'poster.txt', type: 'text/plain', content: 'héllo' }] },
          { name: 'empty', type: 'file', files: [] }
        ]
      };
      var got;
      google.script.run.withSuccessHandler(function (v) { got = v; }).upload(form);
    `);
    await settle();
    expect(JSON.parse(p.run('JSON.stringify(got)') as string)).toEqual({
      title: 'Poster',
      isBlob: true,
      name: 'poster.txt',
      type: 'text/plain',
      text: 'héllo',
      size: 6,
      emptySize: 0,
    });
    expect(p.requests[0].body).toMatchObject({ fn: 'upload', form: true });
  });

  test('other DOM elements are illegal arguments', () => {
    const p = page(sb);
    expect(() => p.run("google.script.run.echo({ nodeType: 1, nodeName: 'DIV', tagName: 'DIV' })")).toThrow(/illegal value in property: 0/);
  });

  test('with a function list, only public functions exist on the runner', () => {
    const p = page(sb, { functions: ['add', 'secret_'] });
    expect(p.run('typeof google.script.run.add')).toBe('function');
    expect(p.run('typeof google.script.run.secret_')).toBe('undefined');
    expect(p.run('typeof google.script.run.withSuccessHandler(function(){}).add')).toBe('function');
    expect(p.run('typeof google.script.run.missing')).toBe('undefined');
  });

  test('without a list, private names are not callable and any other name is forwarded', async () => {
    const p = page(sb);
    expect(p.run('typeof google.script.run.secret_')).toBe('undefined');
    p.run('var err; google.script.run.withFailureHandler(function (e) { err = e.message; }).missing();');
    await settle();
    expect(p.run('err')).toBe('Script function not found: missing');
  });

  test('an unreachable server calls the failure handler', async () => {
    const p = page(sb, { fetchFails: true });
    p.run('var err; google.script.run.withFailureHandler(function (e) { err = e.name + ": " + e.message; }).add(1, 2);');
    await settle();
    expect(p.run('err')).toBe('NetworkError: The server could not be reached: offline');
  });

  test('google.script.host posts messages to the parent window', () => {
    const p = page(sb);
    p.run('google.script.host.setHeight(450); google.script.host.setWidth(300); google.script.host.editor.focus(); google.script.host.close();');
    expect(p.messages).toEqual([
      { type: 'gas-sandbox:setHeight', height: 450 },
      { type: 'gas-sandbox:setWidth', width: 300 },
      { type: 'gas-sandbox:close' },
    ]);
  });

  test('google.script.url.getLocation reads the page URL', async () => {
    const p = page(sb);
    p.run('var loc; google.script.url.getLocation(function (l) { loc = l; });');
    expect(p.run('loc')).toBeUndefined();
    await settle();
    expect(JSON.parse(p.run('JSON.stringify(loc)') as string)).toEqual({
      hash: 'frag',
      parameter: { a: '1', b: 'é' },
      parameters: { a: ['1', '2'], b: ['é'] },
    });
  });
});

describe('injectShim', () => {
  test('goes first inside <head>', () => {
    const out = injectShim('<!DOCTYPE html><html><head lang="id"><title>x</title></head><body></body></html>', { rpcUrl: '/rpc' });
    expect(out.startsWith('<!DOCTYPE html><html><head lang="id"><script>(function (root)')).toBe(true);
    expect(out.indexOf('</script><title>x</title>')).toBeGreaterThan(0);
  });

  test('goes at the start without a head', () => {
    const out = injectShim('<p>hi</p>', { rpcUrl: '/rpc' });
    expect(out.startsWith('<script>')).toBe(true);
    expect(out.endsWith('</script><p>hi</p>')).toBe(true);
  });

  test('does not treat <header> as <head>, and cannot be broken out of by its options', () => {
    const out = injectShim('<header>x</header>', { rpcUrl: '/rpc</script><b>', user: 'x' });
    expect(out.startsWith('<script>')).toBe(true);
    expect(out.match(/<\/script/gi)).toHaveLength(1);
  });
});
