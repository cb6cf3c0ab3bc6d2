/**
 * The web app request path: a GET or POST to .../exec runs doGet(e) or doPost(e) as Apps Script
 * does (developers.google.com/apps-script/guides/web), with its documented event object, the
 * manifest's executeAs and access settings, and Apps Script's answers: always status 200 for
 * what the script returns (no status codes), an error page when the script throws.
 */
import type { ExecutionResult, Sandbox } from './sandbox';
import { escapeHtml, isHtmlOutput, isTextOutput } from './services/html';
import { injectShim, callableFunctions } from './script-run';

export interface WebAppRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Form fields already parsed by the server (merged into the parameters). */
  form?: Record<string, string | string[]>;
  /** The raw POST body. */
  body?: string;
  contentType?: string;
  /** The visitor's email, '' when not signed in. */
  user: string;
}

export interface WebAppResponse {
  status: number;
  mimeType: string;
  title: string;
  body: string;
  execution: ExecutionResult;
  /** Set by TextOutput.downloadAsFile. */
  fileName?: string;
}

export interface WebAppEvent {
  queryString: string | null;
  parameter: Record<string, string>;
  parameters: Record<string, string[]>;
  pathInfo?: string;
  contextPath: string;
  contentLength: number;
  postData?: { length: number; type: string; contents: string; name: 'postData' };
}

export interface ParsedExecUrl {
  /** The URL's path up to and including /exec (or /dev). */
  basePath: string;
  /** The path after /exec/, '' when none. */
  pathInfo: string;
  /** The query string without '?', or null when the URL has none. */
  queryString: string | null;
}

/**
 * Parses a web app URL: any URL (absolute, or a path) whose path ends in /exec or /dev, optionally
 * followed by /path/info, with an optional query string. Returns null for anything else.
 */
export function parseExecUrl(url: string): ParsedExecUrl | null {
  let u: URL;
  try {
    u = new URL(url, 'http://sandbox.invalid');
  } catch {
    return null;
  }
  const m = /^(.*?\/(?:exec|dev))(?:\/(.*))?$/.exec(u.pathname);
  if (!m) return null;
  const rawQuery = url.includes('?') ? u.search.replace(/^\?/, '') : null;
  let pathInfo = m[2] ?? '';
  try {
    pathInfo = decodeURIComponent(pathInfo);
  } catch {
    // keep it as sent
  }
  return { basePath: m[1], pathInfo: pathInfo.replace(/\/+$/, ''), queryString: rawQuery };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Parses application/x-www-form-urlencoded text into name -> values, in order. */
export function parseUrlEncoded(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    out.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return out;
}

/** The event object doGet(e)/doPost(e) receives. */
function encodeForm(form: Record<string, string | string[]>): string {
  const enc = (x: string) => encodeURIComponent(x).replace(/%20/g, '+');
  const parts: string[] = [];
  for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) parts.push(`${enc(k)}=${enc(String(one))}`);
  return parts.join('&');
}

export function buildEvent(req: WebAppRequest): WebAppEvent {
  const parsed = parseExecUrl(req.url);
  const queryString = parsed ? parsed.queryString : null;
  const pairs: Array<[string, string]> = queryString ? parseUrlEncoded(queryString) : [];
  // A form given as fields is sent as a browser sends a form: a urlencoded body (which the script
  // sees both merged into e.parameter and, as sent, in e.postData).
  const formBody = req.method === 'POST' && req.form && !req.body ? encodeForm(req.form) : null;
  const body = formBody ?? req.body ?? '';
  const type = formBody !== null ? 'application/x-www-form-urlencoded' : (req.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (req.method === 'POST') {
    if (req.form) {
      for (const [k, v] of Object.entries(req.form)) for (const one of Array.isArray(v) ? v : [v]) pairs.push([k, one]);
    } else if (type === 'application/x-www-form-urlencoded') {
      pairs.push(...parseUrlEncoded(body));
    }
  }
  const parameter: Record<string, string> = {};
  const parameters: Record<string, string[]> = {};
  for (const [k, v] of pairs) {
    if (!Object.prototype.hasOwnProperty.call(parameters, k)) {
      parameters[k] = [];
      parameter[k] = v;
    }
    parameters[k].push(v);
  }
  const e: WebAppEvent = { queryString, parameter, parameters, contextPath: '', contentLength: -1 };
  if (parsed?.pathInfo) e.pathInfo = parsed.pathInfo;
  if (req.method === 'POST') {
    const length = Buffer.byteLength(body, 'utf8');
    e.contentLength = length;
    e.postData = { length, type: type || 'application/octet-stream', contents: body, name: 'postData' };
  }
  return e;
}

const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

/**
 * Who Apps Script says is at the keyboard in a web app. Executing as the user accessing: the
 * visitor. Executing as the deployer: the visitor only when it is the owner or shares the
 * owner's Workspace domain (consumer gmail.com accounts share no domain); '' otherwise.
 */
export function webAppActiveUser(visitor: string, owner: string, executeAs: string | undefined): string {
  if (!visitor) return '';
  if (executeAs === 'USER_ACCESSING') return visitor;
  if (visitor.toLowerCase() === owner.toLowerCase()) return visitor;
  const d = domainOf(owner);
  return d && !CONSUMER_DOMAINS.has(d) && domainOf(visitor) === d ? visitor : '';
}

/** Why the manifest's access setting turns the visitor away, or null when it does not. */
export function accessDenied(visitor: string, owner: string, access: string | undefined): string | null {
  switch (access ?? 'ANYONE_ANONYMOUS') {
    case 'ANYONE_ANONYMOUS':
      return null;
    case 'ANYONE':
      return visitor ? null : 'Sign in to continue: this web app is only for people signed in to a Google account.';
    case 'DOMAIN': {
      const d = domainOf(owner);
      if (!visitor) return 'Sign in to continue: this web app is only for people in ' + d + '.';
      return domainOf(visitor) === d ? null : `You need access: this web app is only for people in ${d}.`;
    }
    case 'MYSELF':
      return visitor.toLowerCase() === owner.toLowerCase() ? null : 'You need access: only the owner can open this web app.';
    default:
      return null;
  }
}

export function errorPage(message: string): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error</title></head>' +
    '<body style="font-family:Arial,sans-serif;margin:24px">' +
    `<div style="color:#d93025;font-size:16px">${escapeHtml(message)}</div></body></html>`
  );
}

export interface WebAppOptions {
  /** When set, HTML answers get the google.script.run shim posting to this URL. */
  rpcUrl?: string;
}

const NOT_RETURNED = 'The script completed but did not return anything.';

/** Answers one web app request by running doGet or doPost. */
export function webAppRequest(sandbox: Sandbox, req: WebAppRequest, opts: WebAppOptions = {}): WebAppResponse {
  const manifest = sandbox.project.manifest.webapp ?? {};
  const owner = sandbox.state.owner;
  const visitor = req.user ?? '';
  const fnName = req.method === 'POST' ? 'doPost' : 'doGet';
  const activeUser = webAppActiveUser(visitor, owner, manifest.executeAs);
  const effectiveUser = manifest.executeAs === 'USER_ACCESSING' ? visitor : owner;
  const denied = accessDenied(visitor, owner, manifest.access);
  const event = buildEvent(req);
  const eventJson = JSON.stringify(event);

  if (denied) {
    // No execution happens; report an empty one so callers have a uniform shape.
    const execution: ExecutionResult = {
      functionName: fnName,
      kind: 'webapp',
      user: activeUser,
      ok: false,
      error: { name: 'Exception', message: denied },
      timedOut: false,
      modeledMs: 0,
      cpuMs: 0,
      calls: [],
      callsByService: {},
      ui: [],
      logs: [],
      startedAtMs: sandbox.state.clockMs,
    };
    return { status: 403, mimeType: 'text/html', title: 'Error', body: errorPage(denied), execution };
  }

  const execution = sandbox.run(fnName, {
    kind: 'webapp',
    user: activeUser,
    effectiveUser,
    // The event object is made in the script's own realm.
    args: (_globals, ctx) => [(ctx.evalInScript('JSON', 'doGet') as JSON).parse(eventJson) as unknown],
  });
  const fail = (message: string): WebAppResponse => ({ status: 200, mimeType: 'text/html', title: 'Error', body: errorPage(message), execution });

  if (!execution.ok) {
    const e = execution.error;
    const message = !e ? 'The script failed.' : e.name && e.name !== 'Error' && e.name !== 'Exception' ? `${e.name}: ${e.message}` : e.message;
    return fail(message);
  }
  const value = execution.value;
  if (isHtmlOutput(value)) {
    const s = value.__settings();
    const functions = [...callableFunctions(sandbox)];
    const body = opts.rpcUrl ? injectShim(s.content, { rpcUrl: opts.rpcUrl, user: visitor, functions, webApp: true }) : s.content;
    return { status: 200, mimeType: 'text/html', title: s.title, body, execution };
  }
  if (isTextOutput(value)) {
    const s = value.__settings();
    const res: WebAppResponse = { status: 200, mimeType: s.httpMimeType, title: '', body: s.content, execution };
    if (s.fileName) res.fileName = s.fileName;
    return res;
  }
  execution.ok = false;
  execution.error = { name: 'Exception', message: NOT_RETURNED };
  return fail(NOT_RETURNED);
}
