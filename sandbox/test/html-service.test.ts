/**
 * HtmlService and ContentService in the sandbox: templates and scriptlets, HtmlOutput, TextOutput.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { htmlService, compileTemplate, escapeForScript, parseScriptlets } from '../src/services/html';

// Only the modules a test passes are installed: keep the full service list (other work) out.
jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'html-svc-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function sandboxWith(code: string, html: Record<string, string> = {}): Sandbox {
  const files: Record<string, string> = { 'Code.gs': code };
  for (const [k, v] of Object.entries(html)) files[`${k}.html`] = v;
  return new Sandbox({ projectDir: project(files), services: [htmlService], clockMs: Date.UTC(2026, 0, 5, 2, 0) });
}

/** Runs `fn` and returns its value, failing the test with the script's error if it threw. */
function value(sb: Sandbox, fn: string): unknown {
  const r = sb.run(fn);
  if (!r.ok) throw new Error(`${fn} failed: ${r.error?.name}: ${r.error?.message}`);
  return r.value;
}

describe('scriptlets', () => {
  test('<?= ?> escapes HTML, <?!= ?> does not', () => {
    const sb = sandboxWith(`
      function page() {
        var t = HtmlService.createTemplate('<p><?= v ?></p><div><?!= v ?></div>');
        t.v = '<b title="x">Tom & Jerry\\'s</b>';
        return t.evaluate().getContent();
      }`);
    expect(value(sb, 'page')).toBe(
      '<p>&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;</p><div><b title="x">Tom & Jerry\'s</b></div>',
    );
  });

  test('escaped output in an attribute cannot break out of it', () => {
    const sb = sandboxWith(`
      function page() {
        var t = HtmlService.createTemplate('<a href="#" title="<?= v ?>">x</a>');
        t.v = '" onmouseover="alert(1)';
        return t.evaluate().getContent();
      }`);
    const html = value(sb, 'page') as string;
    expect(html).toBe('<a href="#" title="&quot; onmouseover=&quot;alert(1)">x</a>');
  });

  test('inside <script>, <?= ?> prints a safe JavaScript literal', () => {
    const sb = sandboxWith(`
      function page() {
        var t = HtmlService.createTemplate('<script>var data = <?= data ?>; var s = <?= s ?>;</script><p><?= s ?></p>');
        t.data = { name: 'Ana', tags: ['a', 'b'], n: 2 };
        t.s = '</script><script>alert(1)</script>';
        return t.evaluate().getContent();
      }`);
    const html = value(sb, 'page') as string;
    expect(html).not.toContain('</script><script>alert(1)');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    // The script body is valid JavaScript that reproduces the values.
    const got = new Function(`${script}; return { data: data, s: s };`)() as { data: unknown; s: string };
    expect(got.data).toEqual({ name: 'Ana', tags: ['a', 'b'], n: 2 });
    expect(got.s).toBe('</script><script>alert(1)</script>');
    // After the script element, the context is HTML again.
    expect(html).toContain('<p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  test('a non-JavaScript script type is HTML context', () => {
    const pieces = parseScriptlets('<script type="text/x-template"><?= a ?></script><script type="module"><?= b ?></script>');
    expect(pieces.filter((p) => p.kind === 'print').map((p) => p.context)).toEqual(['html', 'script']);
  });

  test('loops and conditions with <? ?> code scriptlets', () => {
    const sb = sandboxWith(`
      function page() {
        var t = HtmlService.createTemplate(
          '<ul><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?></ul>' +
          '<? if (items.length > 2) { ?>many<? } else { ?>few<? } ?>');
        t.items = ['a<', 'b', 'c'];
        return t.evaluate().getContent();
      }`);
    expect(value(sb, 'page')).toBe('<ul><li>a&lt;</li><li>b</li><li>c</li></ul>many');
  });

  test('scriptlets can use output.append and trailing semicolons', () => {
    const sb = sandboxWith(`
      function page() {
        var t = HtmlService.createTemplate('<? output.append("<i>x</i>"); ?>|<?= 1 + 2; ?>|<?!= "<b>" ; ?>');
        return t.evaluate().getContent();
      }`);
    expect(value(sb, 'page')).toBe('<i>x</i>|3|<b>');
  });

  test('null and undefined print as nothing; numbers and booleans as text', () => {
    const sb = sandboxWith(`
      function page() {
        var t = HtmlService.createTemplate('[<?= a ?>][<?= b ?>][<?= c ?>][<?= d ?>]');
        t.a = null; t.b = undefined; t.c = 0; t.d = false;
        return t.evaluate().getContent();
      }`);
    expect(value(sb, 'page')).toBe('[][][0][false]');
  });

  test('scriptlets run in the script global scope: the include pattern', () => {
    const sb = sandboxWith(
      `
      function include(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }
      function greet(n) { return 'Hi ' + n; }
      function page() { return HtmlService.createTemplateFromFile('Page').evaluate().getContent(); }`,
      {
        Page: '<head><?!= include("Style"); ?></head><p><?= greet("<Ana>") ?></p>',
        Style: '<style>p { color: red; }</style><? not a scriptlet here ?>',
      },
    );
    // createHtmlOutputFromFile does not evaluate scriptlets: the included text stays as is.
    expect(value(sb, 'page')).toBe('<head><style>p { color: red; }</style><? not a scriptlet here ?></head><p>Hi &lt;Ana&gt;</p>');
  });

  test('a variable the template does not define is a ReferenceError', () => {
    const sb = sandboxWith(`
      function page() { return HtmlService.createTemplate('<?= missing ?>').evaluate().getContent(); }`);
    const r = sb.run('page');
    expect(r.ok).toBe(false);
    expect(r.error?.name).toBe('ReferenceError');
    expect(r.error?.message).toContain('missing');
  });

  test('template variables do not leak into the next evaluation or the global scope', () => {
    const sb = sandboxWith(`
      function page() {
        var t = HtmlService.createTemplate('<?= typeof secret ?>');
        t.secret = 1;
        var first = t.evaluate().getContent();
        var second = HtmlService.createTemplate('<?= typeof secret ?>').evaluate().getContent();
        return [first, second, typeof secret];
      }`);
    expect(value(sb, 'page')).toEqual(['number', 'undefined', 'undefined']);
  });

  test('missing files fail with Apps Script\'s message', () => {
    const sb = sandboxWith(`
      function a() { return HtmlService.createHtmlOutputFromFile('Nope'); }
      function b() { return HtmlService.createTemplateFromFile('Nope'); }`);
    for (const fn of ['a', 'b']) {
      const r = sb.run(fn);
      expect(r.ok).toBe(false);
      expect(r.error?.message).toBe('No HTML file named Nope was found.');
    }
  });

  test('a file name may carry the .html extension', () => {
    const sb = sandboxWith(`function a() { return HtmlService.createHtmlOutputFromFile('Page.html').getContent(); }`, { Page: 'hello' });
    expect(value(sb, 'a')).toBe('hello');
  });

  test('getRawContent and getCode', () => {
    const sb = sandboxWith(`
      function a() {
        var t = HtmlService.createTemplateFromFile('Page');
        t.who = 'x';
        return [t.getRawContent(), t.getCode()];
      }`, { Page: '<p><?= who ?></p>' });
    const [raw, code] = value(sb, 'a') as [string, string];
    expect(raw).toBe('<p><?= who ?></p>');
    expect(code).toContain('var who = __vars["who"];');
    expect(code).toContain('output.__print((who');
  });

  test('an unterminated scriptlet fails', () => {
    expect(() => compileTemplate('<p><?= x </p>')).toThrow(/Unterminated scriptlet/);
    const sb = sandboxWith(`function a() { return HtmlService.createTemplate('<? if (x) {').evaluate(); }`);
    const r = sb.run('a');
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/Unterminated scriptlet/);
  });

  test('evaluate is recorded as an html call', () => {
    const sb = sandboxWith(`function a() { return HtmlService.createTemplate('x').evaluate().getContent(); }`);
    const r = sb.run('a');
    expect(r.calls.map((c) => `${c.service}.${c.method}`)).toEqual([
      'HtmlService.createTemplate',
      'HtmlService.evaluate',
      'HtmlService.getContent',
    ]);
    expect(r.modeledMs).toBeGreaterThan(0);
  });

  test('escapeForScript neutralises characters that end a script or a line', () => {
    expect(escapeForScript('a</script>&\'\u2028')).toBe('"a\\u003c/script\\u003e\\u0026\\u0027\\u2028"');
    expect(escapeForScript(undefined)).toBe('undefined');
    expect(escapeForScript([1, null])).toBe('[1,null]');
  });
});

describe('HtmlOutput', () => {
  test('content, title, size, meta tags, favicon, modes', () => {
    const sb = sandboxWith(`
      function a() {
        var o = HtmlService.createHtmlOutput('<p>a</p>')
          .append('<b>b</b>')
          .appendUntrusted('<i>c</i>')
          .setTitle('T')
          .setWidth(300.7)
          .setHeight(200)
          .setSandboxMode(HtmlService.SandboxMode.IFRAME)
          .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
          .addMetaTag('viewport', 'width=device-width')
          .setFaviconUrl('https://example.org/f.png');
        var tags = o.getMetaTags().map(function (t) { return t.getName() + '=' + t.getContent(); });
        return [o.getContent(), o.getTitle(), o.getWidth(), o.getHeight(), tags, o.getFaviconUrl()];
      }`);
    expect(value(sb, 'a')).toEqual([
      '<p>a</p><b>b</b>&lt;i&gt;c&lt;/i&gt;',
      'T',
      300,
      200,
      ['viewport=width=device-width'],
      'https://example.org/f.png',
    ]);
  });

  test('defaults, setContent, clear', () => {
    const sb = sandboxWith(`
      function a() {
        var o = HtmlService.createHtmlOutput();
        var before = [o.getContent(), o.getTitle(), o.getWidth(), o.getHeight()];
        o.setContent('x');
        var set = o.getContent();
        o.clear();
        return [before, set, o.getContent()];
      }`);
    expect(value(sb, 'a')).toEqual([['', '', null, null], 'x', '']);
  });

  test('getBlob and getAs', () => {
    const sb = sandboxWith(`
      function a() {
        var o = HtmlService.createHtmlOutput('<p>é</p>').setTitle('Page');
        var b = o.getBlob();
        return [b.getContentType(), b.getDataAsString(), b.getName(), o.getAs('application/pdf').getContentType()];
      }`);
    expect(value(sb, 'a')).toEqual(['text/html', '<p>é</p>', 'Page.html', 'application/pdf']);
  });

  test('createHtmlOutput from a template evaluates it; asTemplate goes back', () => {
    const sb = sandboxWith(`
      function a() {
        var t = HtmlService.createTemplate('<?= 6 * 7 ?>');
        var fromTemplate = HtmlService.createHtmlOutput(t).getContent();
        var round = HtmlService.createHtmlOutput('<?= 1 + 1 ?>').asTemplate().evaluate().getContent();
        return [fromTemplate, round];
      }`);
    expect(value(sb, 'a')).toEqual(['42', '2']);
  });

  test('createTemplate from a blob source', () => {
    const sb = sandboxWith(`
      function a() {
        var blob = HtmlService.createHtmlOutput('<?= "ok" ?>').getBlob();
        return HtmlService.createTemplate(blob).evaluate().getContent();
      }`);
    expect(value(sb, 'a')).toBe('ok');
  });
});

describe('ContentService', () => {
  test('TextOutput: content, MIME type, download file name', () => {
    const sb = sandboxWith(`
      function a() {
        var out = ContentService.createTextOutput('{"a":');
        var defaults = [out.getMimeType() === ContentService.MimeType.TEXT, out.getFileName()];
        out.append('1}').setMimeType(ContentService.MimeType.JSON).downloadAsFile('a.json');
        return [defaults, out.getContent(), String(out.getMimeType()), out.getFileName()];
      }`);
    expect(value(sb, 'a')).toEqual([[true, null], '{"a":1}', 'JSON', 'a.json']);
  });

  test('MimeType lists the documented types; unknown types are refused', () => {
    const sb = sandboxWith(`
      function a() { return Object.keys(ContentService.MimeType).sort(); }
      function b() { return ContentService.createTextOutput().setMimeType('application/json'); }`);
    expect(value(sb, 'a')).toEqual(['ATOM', 'CSV', 'ICAL', 'JAVASCRIPT', 'JSON', 'RSS', 'TEXT', 'VCARD', 'XML']);
    expect(sb.run('b').ok).toBe(false);
  });

  test('createTextOutput with no argument is empty; setContent and clear', () => {
    const sb = sandboxWith(`
      function a() {
        var o = ContentService.createTextOutput();
        var e = o.getContent();
        o.setContent('abc');
        var s = o.getContent();
        return [e, s, o.clear().getContent()];
      }`);
    expect(value(sb, 'a')).toEqual(['', 'abc', '']);
  });
});
