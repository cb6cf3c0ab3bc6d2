/**
 * The web app request path: doGet/doPost with Apps Script's event object, executeAs and access,
 * and Apps Script's answers (always 200, error pages, HtmlOutput/TextOutput only).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { sessionService } from '../src/services/session';
import type { Manifest } from '../src/project';
import { htmlService } from '../src/services/html';
import { buildEvent, parseExecUrl, webAppActiveUser, webAppRequest } from '../src/webapp';

jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));


const OWNER = 'owner@dinas.go.id';
const BASE = 'http://127.0.0.1:8080/macros/s/sandbox-script/exec';

function makeSandbox(code: string, webapp: Manifest['webapp'] = { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' }, html: Record<string, string> = {}): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webapp-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', webapp }));
  writeFileSync(path.join(dir, 'Code.gs'), code);
  for (const [k, v] of Object.entries(html)) writeFileSync(path.join(dir, `${k}.html`), v);
  return new Sandbox({ projectDir: dir, services: [htmlService, sessionService], owner: OWNER, clockMs: Date.UTC(2026, 0, 5) });
}

const ECHO = `
function doGet(e) {
  return ContentService.createTextOutput(JSON.stringify(e)).setMimeType(ContentService.MimeType.JSON);
}
function doPost(e) {
  return ContentService.createTextOutput(JSON.stringify(e)).setMimeType(ContentService.MimeType.JSON);
}
`;

function eventOf(sb: Sandbox, req: Parameters<typeof webAppRequest>[1]): Record<string, unknown> {
  const res = webAppRequest(sb, req);
  expect(res.status).toBe(200);
  expect(res.mimeType).toBe('application/json');
  return JSON.parse(res.body) as Record<string, unknown>;
}

describe('parseExecUrl', () => {
  test('accepts /exec and /dev URLs, with path info and query', () => {
    expect(parseExecUrl(`${BASE}?a=1`)).toEqual({ basePath: '/macros/s/sandbox-script/exec', pathInfo: '', queryString: 'a=1' });
    expect(parseExecUrl('/macros/s/ID/exec/hello/world?x=1&x=2')).toEqual({
      basePath: '/macros/s/ID/exec',
      pathInfo: 'hello/world',
      queryString: 'x=1&x=2',
    });
    expect(parseExecUrl('/a/dev')).toEqual({ basePath: '/a/dev', pathInfo: '', queryString: null });
    expect(parseExecUrl('/exec?')).toEqual({ basePath: '/exec', pathInfo: '', queryString: '' });
  });

  test('refuses other paths', () => {
    expect(parseExecUrl('/macros/s/ID/execute')).toBeNull();
    expect(parseExecUrl('/rpc')).toBeNull();
    expect(parseExecUrl('/')).toBeNull();
  });
});

describe('the event object', () => {
  const sb = makeSandbox(ECHO);

  test('GET with a query string: the documented shape', () => {
    const e = eventOf(sb, { method: 'GET', url: `${BASE}?username=jsmith&age=21`, user: '' });
    expect(e).toEqual({
      queryString: 'username=jsmith&age=21',
      parameter: { username: 'jsmith', age: '21' },
      parameters: { username: ['jsmith'], age: ['21'] },
      contextPath: '',
      contentLength: -1,
    });
  });

  test('repeated parameters: parameter has the first, parameters all; values are decoded', () => {
    const e = eventOf(sb, { method: 'GET', url: `${BASE}?n=1&n=2&name=alice&q=a+b%26c&flag`, user: '' });
    expect(e.parameter).toEqual({ n: '1', name: 'alice', q: 'a b&c', flag: '' });
    expect(e.parameters).toEqual({ n: ['1', '2'], name: ['alice'], q: ['a b&c'], flag: [''] });
    expect(e.queryString).toBe('n=1&n=2&name=alice&q=a+b%26c&flag');
  });

  test('no query string: queryString is null', () => {
    const e = eventOf(sb, { method: 'GET', url: BASE, user: '' });
    expect(e.queryString).toBeNull();
    expect(e.parameter).toEqual({});
    expect(e.parameters).toEqual({});
    expect('pathInfo' in e).toBe(false);
  });

  test('path info after /exec/', () => {
    const e = eventOf(sb, { method: 'GET', url: `${BASE}/hello/there?x=1`, user: '' });
    expect(e.pathInfo).toBe('hello/there');
    expect(e.parameter).toEqual({ x: '1' });
  });

  test('a urlencoded POST: fields merge into the parameters after the query', () => {
    const body = 'decision=approve&note=ok+then&n=3';
    const e = eventOf(sb, { method: 'POST', url: `${BASE}?n=1&t=abc`, body, contentType: 'application/x-www-form-urlencoded; charset=UTF-8', user: '' });
    expect(e.parameter).toEqual({ n: '1', t: 'abc', decision: 'approve', note: 'ok then' });
    expect(e.parameters).toEqual({ n: ['1', '3'], t: ['abc'], decision: ['approve'], note: ['ok then'] });
    expect(e.contentLength).toBe(body.length);
    expect(e.postData).toEqual({ length: body.length, type: 'application/x-www-form-urlencoded', contents: body, name: 'postData' });
  });

  test('a POST with parsed form fields', () => {
    const e = eventOf(sb, {
      method: 'POST',
      url: BASE,
      form: { a: 'x', b: ['1', '2'] },
      body: 'a=x&b=1&b=2',
      contentType: 'application/x-www-form-urlencoded',
      user: '',
    });
    expect(e.parameter).toEqual({ a: 'x', b: '1' });
    expect(e.parameters).toEqual({ a: ['x'], b: ['1', '2'] });
  });

  test('a JSON POST is not parsed into parameters; contentLength counts bytes', () => {
    const body = JSON.stringify({ kata: 'héllo' });
    const e = eventOf(sb, { method: 'POST', url: BASE, body, contentType: 'application/json', user: '' });
    expect(e.parameter).toEqual({});
    expect(e.postData).toEqual({ length: Buffer.byteLength(body), type: 'application/json', contents: body, name: 'postData' });
    expect(e.contentLength).toBe(Buffer.byteLength(body));
  });

  test('the event object belongs to the script realm', () => {
    const sb2 = makeSandbox(`function doGet(e) { return ContentService.createTextOutput(String(e.parameters.a instanceof Array) + ' ' + String(e instanceof Object)); }`);
    expect(webAppRequest(sb2, { method: 'GET', url: `${BASE}?a=1`, user: '' }).body).toBe('true true');
  });

  test('buildEvent alone', () => {
    expect(buildEvent({ method: 'GET', url: '/x/exec/p?k=v', user: '' })).toEqual({
      queryString: 'k=v',
      parameter: { k: 'v' },
      parameters: { k: ['v'] },
      pathInfo: 'p',
      contextPath: '',
      contentLength: -1,
    });
  });
});

describe('users', () => {
  const WHO = `function doGet() {
    return ContentService.createTextOutput(Session.getActiveUser().getEmail() + '|' + Session.getEffectiveUser().getEmail());
  }`;

  test('executing as the deployer: the visitor is seen only inside the owner domain', () => {
    const sb = makeSandbox(WHO);
    const get = (user: string) => webAppRequest(sb, { method: 'GET', url: BASE, user });
    expect(get('staff@dinas.go.id').body).toBe(`staff@dinas.go.id|${OWNER}`);
    expect(get('someone@gmail.com').body).toBe(`|${OWNER}`);
    expect(get('').body).toBe(`|${OWNER}`);
    expect(get(OWNER).body).toBe(`${OWNER}|${OWNER}`);
    const r = get('someone@gmail.com');
    expect(r.execution.kind).toBe('webapp');
    expect(r.execution.user).toBe('');
  });

  test('executing as the user accessing: both are the visitor', () => {
    const sb = makeSandbox(WHO, { executeAs: 'USER_ACCESSING', access: 'ANYONE' });
    expect(webAppRequest(sb, { method: 'GET', url: BASE, user: 'someone@gmail.com' }).body).toBe('someone@gmail.com|someone@gmail.com');
  });

  test('consumer accounts share no domain', () => {
    expect(webAppActiveUser('b@gmail.com', 'a@gmail.com', 'USER_DEPLOYING')).toBe('');
    expect(webAppActiveUser('a@gmail.com', 'a@gmail.com', 'USER_DEPLOYING')).toBe('a@gmail.com');
    expect(webAppActiveUser('B@Dinas.go.id', 'a@dinas.go.id', undefined)).toBe('B@Dinas.go.id');
  });

  test('access DOMAIN turns outsiders away without running the script', () => {
    const sb = makeSandbox(WHO, { executeAs: 'USER_DEPLOYING', access: 'DOMAIN' });
    const out = webAppRequest(sb, { method: 'GET', url: BASE, user: 'x@gmail.com' });
    expect(out.status).toBe(403);
    expect(out.body).toContain('You need access');
    const anon = webAppRequest(sb, { method: 'GET', url: BASE, user: '' });
    expect(anon.status).toBe(403);
    expect(sb.history).toHaveLength(0);
    expect(webAppRequest(sb, { method: 'GET', url: BASE, user: 'y@dinas.go.id' }).status).toBe(200);
  });

  test('access MYSELF admits only the owner', () => {
    const sb = makeSandbox(WHO, { executeAs: 'USER_DEPLOYING', access: 'MYSELF' });
    expect(webAppRequest(sb, { method: 'GET', url: BASE, user: 'y@dinas.go.id' }).status).toBe(403);
    expect(webAppRequest(sb, { method: 'GET', url: BASE, user: OWNER }).status).toBe(200);
  });
});

describe('answers', () => {
  test('an HtmlOutput: content and title', () => {
    const sb = makeSandbox(
      `function doGet(e) {
        var t = HtmlService.createTemplateFromFile('Index');
        t.name = e.parameter.name;
        return t.evaluate().setTitle('Persetujuan');
      }`,
      undefined,
      { Index: '<!DOCTYPE html><html><head></head><body>Halo <?= name ?></body></html>' },
    );
    const r = webAppRequest(sb, { method: 'GET', url: `${BASE}?name=%3Cb%3EAna`, user: '' });
    expect(r).toMatchObject({ status: 200, mimeType: 'text/html', title: 'Persetujuan' });
    expect(r.body).toBe('<!DOCTYPE html><html><head></head><body>Halo &lt;b&gt;Ana</body></html>');
  });

  test('with an rpcUrl, HTML answers carry the google.script.run shim', () => {
    const sb = makeSandbox(`function doGet() { return HtmlService.createHtmlOutput('<html><head></head><body>x</body></html>'); } function ping() { return 1; } function hidden_() {}`);
    const r = webAppRequest(sb, { method: 'GET', url: BASE, user: 'v@dinas.go.id' }, { rpcUrl: '/rpc' });
    expect(r.body.startsWith('<html><head><script>')).toBe(true);
    expect(r.body).toContain('"functions":["doGet","ping"]');
    expect(r.body).toContain('"user":"v@dinas.go.id"');
    expect(r.body.endsWith('</script></head><body>x</body></html>')).toBe(true);
  });

  test('a TextOutput: its MIME type and download name', () => {
    const sb = makeSandbox(`function doGet() { return ContentService.createTextOutput('a,b\\n1,2').setMimeType(ContentService.MimeType.CSV).downloadAsFile('x.csv'); }`);
    expect(webAppRequest(sb, { method: 'GET', url: BASE, user: '' })).toMatchObject({
      status: 200,
      mimeType: 'text/csv',
      body: 'a,b\n1,2',
      fileName: 'x.csv',
    });
  });

  test('missing doGet / doPost', () => {
    const sb = makeSandbox('function doGet() { return HtmlService.createHtmlOutput("x"); }');
    const r = webAppRequest(sb, { method: 'POST', url: BASE, body: '', user: '' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('Script function not found: doPost');
    expect(r.execution.ok).toBe(false);
    expect(webAppRequest(makeSandbox('function other() {}'), { method: 'GET', url: BASE, user: '' }).body).toContain(
      'Script function not found: doGet',
    );
  });

  test('a thrown error is an error page with status 200, its text escaped', () => {
    const sb = makeSandbox('function doGet() { throw new Error("Link <expired>"); }');
    const r = webAppRequest(sb, { method: 'GET', url: BASE, user: '' });
    expect(r).toMatchObject({ status: 200, mimeType: 'text/html', title: 'Error' });
    expect(r.body).toContain('Link &lt;expired&gt;');
    expect(r.execution.error?.message).toBe('Link <expired>');
  });

  test('anything but an HtmlOutput or TextOutput is Apps Script\'s "did not return anything"', () => {
    for (const ret of ['', 'return "text";', 'return { getContent: function () { return "x"; } };']) {
      const sb = makeSandbox(`function doGet() { ${ret} }`);
      const r = webAppRequest(sb, { method: 'GET', url: BASE, user: '' });
      expect(r.status).toBe(200);
      expect(r.body).toContain('The script completed but did not return anything.');
      expect(r.execution.ok).toBe(false);
    }
  });
});
