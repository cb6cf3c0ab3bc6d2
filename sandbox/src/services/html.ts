/**
 * HtmlService and ContentService.
 *
 * HtmlService follows developers.google.com/apps-script/reference/html: outputs, templates with
 * scriptlets (<? code ?>, <?= escaped ?>, <?!= raw ?>), files read from the project's .html files.
 * A template compiles to JavaScript that runs in the script's global scope (so scriptlets can call
 * the script's own functions, e.g. the include() pattern), with the template's properties as
 * variables and `output` bound to the HtmlOutput being built, as in Apps Script.
 *
 * ContentService follows developers.google.com/apps-script/reference/content: TextOutput with a
 * MIME type, for web apps that answer text, JSON, CSV...
 */
import type { ServiceContext, ServiceModule } from '../service';
import { SandboxBlob } from './blob';

const SERVICE = 'HtmlService';

export const SandboxMode = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' });
export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });

/** ContentService.MimeType, and the HTTP content type each one is served with. */
export const CONTENT_MIME_TYPES: Record<string, string> = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'text/xml',
};
export const ContentMimeType = Object.freeze(
  Object.fromEntries(Object.keys(CONTENT_MIME_TYPES).map((k) => [k, k])) as Record<keyof typeof CONTENT_MIME_TYPES, string>,
);

/** Escapes text for HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * A value printed by <?= ?> inside a <script> element: a JavaScript literal (strings are quoted,
 * objects and arrays become JSON), with the characters that could end the script element or
 * break the literal written as \u escapes.
 */
export function escapeForScript(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function' || typeof value === 'symbol') return 'null';
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = JSON.stringify(String(value));
  }
  if (json === undefined) return 'null';
  return json.replace(/[<>&'\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function toText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function isBlobSource(v: unknown): v is { getBlob(): { getDataAsString(): string } } {
  return typeof v === 'object' && v !== null && typeof (v as { getBlob?: unknown }).getBlob === 'function';
}

type Recorder = (method: string, cost?: 'local' | 'html') => void;

interface MetaTag {
  name: string;
  content: string;
}

/** HtmlOutputMetaTag. */
export class HtmlOutputMetaTag {
  constructor(private readonly tag: MetaTag) {}
  getName(): string {
    return this.tag.name;
  }
  getContent(): string {
    return this.tag.content;
  }
}

/** Apps Script's HtmlOutput. Methods whose names start with __ are the template runtime's. */
export class HtmlOutput {
  private content: string;
  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  private sandboxMode: string = SandboxMode.IFRAME;
  private xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  private faviconUrl: string | null = null;
  private readonly metaTags: MetaTag[] = [];

  constructor(
    private readonly rec: Recorder,
    private readonly fail: ServiceContext['fail'],
    content = '',
    private readonly evalInScript?: ServiceContext['evalInScript'],
  ) {
    this.content = content;
  }

  getContent(): string {
    this.rec('getContent');
    return this.content;
  }
  setContent(content: string): HtmlOutput {
    this.rec('setContent');
    this.content = toText(content);
    return this;
  }
  append(addedContent: string): HtmlOutput {
    this.rec('append');
    this.content += toText(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): HtmlOutput {
    this.rec('appendUntrusted');
    this.content += escapeHtml(toText(addedContent));
    return this;
  }
  clear(): HtmlOutput {
    this.rec('clear');
    this.content = '';
    return this;
  }
  getTitle(): string {
    this.rec('getTitle');
    return this.title;
  }
  setTitle(title: string): HtmlOutput {
    this.rec('setTitle');
    this.title = toText(title);
    return this;
  }
  getWidth(): number | null {
    this.rec('getWidth');
    return this.width;
  }
  setWidth(width: number): HtmlOutput {
    this.rec('setWidth');
    this.width = this.integer(width, 'width');
    return this;
  }
  getHeight(): number | null {
    this.rec('getHeight');
    return this.height;
  }
  setHeight(height: number): HtmlOutput {
    this.rec('setHeight');
    this.height = this.integer(height, 'height');
    return this;
  }
  setSandboxMode(mode: string): HtmlOutput {
    this.rec('setSandboxMode');
    // Apps Script now uses IFRAME whatever is asked; the value is kept for inspection only.
    this.sandboxMode = String(mode);
    return this;
  }
  setXFrameOptionsMode(mode: string): HtmlOutput {
    this.rec('setXFrameOptionsMode');
    this.xFrameOptionsMode = String(mode);
    return this;
  }
  addMetaTag(name: string, content: string): HtmlOutput {
    this.rec('addMetaTag');
    this.metaTags.push({ name: toText(name), content: toText(content) });
    return this;
  }
  getMetaTags(): HtmlOutputMetaTag[] {
    this.rec('getMetaTags');
    return this.metaTags.map((t) => new HtmlOutputMetaTag(t));
  }
  getFaviconUrl(): string | null {
    this.rec('getFaviconUrl');
    return this.faviconUrl;
  }
  setFaviconUrl(iconUrl: string): HtmlOutput {
    this.rec('setFaviconUrl');
    this.faviconUrl = toText(iconUrl);
    return this;
  }
  getBlob(): SandboxBlob {
    this.rec('getBlob');
    return new SandboxBlob(this.content, 'text/html', this.title ? `${this.title}.html` : null);
  }
  /**
   * Approximate: the blob keeps the HTML bytes and takes the requested content type (the sandbox
   * does not render HTML to PDF).
   */
  getAs(contentType: string): SandboxBlob {
    this.rec('getAs');
    return new SandboxBlob(this.content, toText(contentType), this.title || null);
  }
  asTemplate(): HtmlTemplate {
    this.rec('asTemplate');
    if (!this.evalInScript) this.fail('This HtmlOutput cannot be turned into a template.', 'Exception');
    return makeTemplate(this.content, '', { rec: this.rec, fail: this.fail, evalInScript: this.evalInScript });
  }

  /** The sandbox's own view of the settings (no recorded call). */
  __settings(): {
    content: string;
    title: string;
    width: number | null;
    height: number | null;
    sandboxMode: string;
    xFrameOptionsMode: string;
    faviconUrl: string | null;
    metaTags: MetaTag[];
  } {
    return {
      content: this.content,
      title: this.title,
      width: this.width,
      height: this.height,
      sandboxMode: this.sandboxMode,
      xFrameOptionsMode: this.xFrameOptionsMode,
      faviconUrl: this.faviconUrl,
      metaTags: this.metaTags.map((t) => ({ ...t })),
    };
  }
  /** Template runtime: static text. */
  __text(s: string): void {
    this.content += s;
  }
  /** Template runtime: <?= ?> output, escaped for its context. */
  __print(value: unknown, context: 'html' | 'script'): void {
    this.content += context === 'script' ? escapeForScript(value) : escapeHtml(toText(value));
  }
  /** Template runtime: <?!= ?> output, unescaped. */
  __raw(value: unknown): void {
    this.content += toText(value);
  }

  private integer(n: number, what: string): number {
    const v = Number(n);
    if (!Number.isFinite(v)) this.fail(`Invalid argument: ${what}`, 'Exception');
    return Math.trunc(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

export interface ScriptletPiece {
  kind: 'text' | 'code' | 'print' | 'raw';
  text: string;
  /** For print: the context the output lands in. */
  context?: 'html' | 'script';
}

/** Where static HTML leaves the output: inside a JavaScript <script> element or not. */
function contextAfter(html: string): 'html' | 'script' {
  const lower = html.toLowerCase();
  const open = lower.lastIndexOf('<script');
  if (open === -1) return 'html';
  const close = lower.lastIndexOf('</script');
  if (close > open) return 'html';
  const end = lower.indexOf('>', open);
  if (end === -1) return 'html'; // still inside the <script ...> tag: an attribute
  const tag = html.slice(open, end + 1);
  const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase();
  if (!type) return 'script';
  if (/^(text|application)\/(javascript|ecmascript|x-javascript|json|ld\+json)$/.test(type) || type === 'module') return 'script';
  return 'html';
}

/**
 * Splits a template into static text and scriptlets. Throws (with `fail`) on a scriptlet that is
 * never closed.
 */
export function parseScriptlets(source: string, fail: (message: string) => never = (m) => {
  throw new Error(m);
}): ScriptletPiece[] {
  const pieces: ScriptletPiece[] = [];
  let staticSoFar = '';
  let i = 0;
  while (i < source.length) {
    const start = source.indexOf('<?', i);
    if (start === -1) {
      pieces.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (start > i) {
      const text = source.slice(i, start);
      pieces.push({ kind: 'text', text });
      staticSoFar += text;
    }
    let kind: ScriptletPiece['kind'] = 'code';
    let open = 2;
    if (source.startsWith('<?!=', start)) {
      kind = 'raw';
      open = 4;
    } else if (source.startsWith('<?=', start)) {
      kind = 'print';
      open = 3;
    }
    const end = source.indexOf('?>', start + open);
    if (end === -1) fail(`Unterminated scriptlet: a "<?" at character ${start + 1} has no closing "?>".`);
    const body = source.slice(start + open, end);
    if (kind === 'code') {
      pieces.push({ kind, text: body });
    } else {
      const expr = body.trim().replace(/[;\s]+$/, '');
      if (expr) pieces.push({ kind, text: expr, context: kind === 'print' ? contextAfter(staticSoFar) : undefined });
    }
    i = end + 2;
  }
  return pieces;
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval output undefined NaN Infinity'
  ).split(' '),
);

/** Template variable names that can become `var` declarations. */
function variableNames(vars: Record<string, unknown>): string[] {
  return Object.keys(vars).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && !RESERVED.has(k) && !k.startsWith('__'));
}

/**
 * The JavaScript a template compiles to: a function expression taking (vars, output) that runs
 * the scriptlets in order and returns the output.
 */
export function compileTemplate(source: string, varNames: string[] = [], fail?: (message: string) => never): string {
  const lines = ['(function (__vars, output) {'];
  for (const name of varNames) lines.push(`var ${name} = __vars[${JSON.stringify(name)}];`);
  for (const p of parseScriptlets(source, fail)) {
    switch (p.kind) {
      case 'text':
        lines.push(`output.__text(${JSON.stringify(p.text)});`);
        break;
      case 'code':
        lines.push(p.text);
        break;
      case 'print':
        lines.push(`output.__print((${p.text}\n), ${JSON.stringify(p.context ?? 'html')});`);
        break;
      case 'raw':
        lines.push(`output.__raw((${p.text}\n));`);
        break;
    }
  }
  lines.push('return output;', '})');
  return lines.join('\n');
}

interface TemplateDeps {
  rec: Recorder;
  fail: ServiceContext['fail'];
  evalInScript: ServiceContext['evalInScript'];
}

interface TemplateState extends TemplateDeps {
  source: string;
  fileName: string;
}

/** Internals live here so that a template's own properties are only its variables. */
const templateState = new WeakMap<object, TemplateState>();

/** Apps Script's HtmlTemplate. Variables are set as properties: `t.items = [...]`. */
export class HtmlTemplate {
  [variable: string]: unknown;

  evaluate(): HtmlOutput {
    const st = stateOf(this);
    st.rec('evaluate', 'html');
    const vars: Record<string, unknown> = {};
    for (const k of Object.keys(this)) vars[k] = this[k];
    const code = compileTemplate(st.source, variableNames(vars), (m) => st.fail(m, 'SyntaxError'));
    const fn = st.evalInScript(code, st.fileName ? `${st.fileName}.html` : 'template.html');
    if (typeof fn !== 'function') st.fail('Template did not compile.', 'Exception');
    const out = new HtmlOutput(st.rec, st.fail, '', st.evalInScript);
    (fn as (vars: Record<string, unknown>, output: HtmlOutput) => unknown)(vars, out);
    return out;
  }
  getCode(): string {
    const st = stateOf(this);
    st.rec('getCode');
    return compileTemplate(st.source, variableNames({ ...this }), (m) => st.fail(m, 'SyntaxError'));
  }
  getCodeWithComments(): string {
    const st = stateOf(this);
    st.rec('getCodeWithComments');
    const header = `// Compiled from ${st.fileName ? `${st.fileName}.html` : 'a template'}\n`;
    return header + compileTemplate(st.source, variableNames({ ...this }), (m) => st.fail(m, 'SyntaxError'));
  }
  getRawContent(): string {
    const st = stateOf(this);
    st.rec('getRawContent');
    return st.source;
  }
}

function stateOf(t: HtmlTemplate): TemplateState {
  const st = templateState.get(t);
  if (!st) throw new Error('Not an HtmlTemplate');
  return st;
}

function makeTemplate(source: string, fileName: string, deps: TemplateDeps): HtmlTemplate {
  const t = new HtmlTemplate();
  templateState.set(t, { ...deps, source, fileName });
  return t;
}

// ---------------------------------------------------------------------------------------------
// ContentService
// ---------------------------------------------------------------------------------------------

/** Apps Script's TextOutput. */
export class TextOutput {
  private mimeType: string = ContentMimeType.TEXT;
  private fileName: string | null = null;
  constructor(
    private readonly rec: Recorder,
    private readonly fail: ServiceContext['fail'],
    private content = '',
  ) {}
  getContent(): string {
    this.rec('getContent');
    return this.content;
  }
  setContent(content: string): TextOutput {
    this.rec('setContent');
    this.content = toText(content);
    return this;
  }
  append(addedContent: string): TextOutput {
    this.rec('append');
    this.content += toText(addedContent);
    return this;
  }
  clear(): TextOutput {
    this.rec('clear');
    this.content = '';
    return this;
  }
  getMimeType(): string {
    this.rec('getMimeType');
    return this.mimeType;
  }
  setMimeType(mimeType: string): TextOutput {
    this.rec('setMimeType');
    const key = String(mimeType);
    if (!(key in CONTENT_MIME_TYPES)) this.fail(`Invalid argument: mimeType`, 'Exception');
    this.mimeType = key;
    return this;
  }
  downloadAsFile(filename: string): TextOutput {
    this.rec('downloadAsFile');
    this.fileName = toText(filename);
    return this;
  }
  getFileName(): string | null {
    this.rec('getFileName');
    return this.fileName;
  }
  /** The sandbox's own view (no recorded call). */
  __settings(): { content: string; mimeType: string; httpMimeType: string; fileName: string | null } {
    return { content: this.content, mimeType: this.mimeType, httpMimeType: CONTENT_MIME_TYPES[this.mimeType], fileName: this.fileName };
  }
}

// ---------------------------------------------------------------------------------------------
// The module
// ---------------------------------------------------------------------------------------------

function stringContent(v: unknown): string {
  if (isBlobSource(v)) return v.getBlob().getDataAsString();
  return toText(v);
}

/**
 * Throws an Error made in the script's realm (so `e instanceof Error` holds in script code).
 * Takes the realm's Error from the script's global scope.
 */
function scriptFail(ctx: ServiceContext): ServiceContext['fail'] {
  return (message: string, name?: string): never => {
    const E = ctx.evalInScript('Error', 'HtmlService') as ErrorConstructor;
    const err = new E(message);
    if (name) err.name = name;
    throw err;
  };
}

export const htmlService: ServiceModule = {
  name: 'html',
  install(ctx: ServiceContext) {
    const fail: ServiceContext['fail'] = scriptFail(ctx);
    const rec: Recorder = (method, cost = 'local') => ctx.exec.record(SERVICE, method, cost);
    const contentRec: Recorder = (method, cost = 'local') => ctx.exec.record('ContentService', method, cost);
    const deps: TemplateDeps = { rec, fail: fail, evalInScript: ctx.evalInScript };

    const readFile = (name: string): { name: string; source: string } => {
      const key = toText(name).replace(/\.html$/, '');
      const file = ctx.project.html.get(key);
      if (!file) fail(`No HTML file named ${toText(name)} was found.`, 'Exception');
      return { name: key, source: file.source };
    };

    const HtmlServiceApi = {
      SandboxMode,
      XFrameOptionsMode,
      createHtmlOutput(html?: unknown): HtmlOutput {
        rec('createHtmlOutput');
        if (html instanceof HtmlTemplate) return html.evaluate();
        return new HtmlOutput(rec, fail, html === undefined ? '' : stringContent(html), ctx.evalInScript);
      },
      createHtmlOutputFromFile(filename: string): HtmlOutput {
        rec('createHtmlOutputFromFile');
        return new HtmlOutput(rec, fail, readFile(filename).source, ctx.evalInScript);
      },
      createTemplate(html: unknown): HtmlTemplate {
        rec('createTemplate');
        return makeTemplate(stringContent(html), '', deps);
      },
      createTemplateFromFile(filename: string): HtmlTemplate {
        rec('createTemplateFromFile');
        const f = readFile(filename);
        return makeTemplate(f.source, f.name, deps);
      },
      getUserAgent(): string {
        rec('getUserAgent');
        return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
      },
    };

    const ContentServiceApi = {
      MimeType: ContentMimeType,
      createTextOutput(content?: string): TextOutput {
        contentRec('createTextOutput');
        return new TextOutput(contentRec, fail, content === undefined ? '' : toText(content));
      },
    };

    return { HtmlService: HtmlServiceApi, ContentService: ContentServiceApi };
  },
};

/** True for an HtmlOutput made by this module. */
export function isHtmlOutput(v: unknown): v is HtmlOutput {
  return v instanceof HtmlOutput;
}

/** True for a TextOutput made by this module. */
export function isTextOutput(v: unknown): v is TextOutput {
  return v instanceof TextOutput;
}
