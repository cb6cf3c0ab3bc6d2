/**
 * The workbench server: one node:http server on 127.0.0.1 that serves
 *   /                         the workbench page (the workbook as a grid, menus, sidebar, panels)
 *   /workbench.js, .css       its client code, bundled from src/workbench/ at start
 *   /api/...                  the JSON API the page uses (each call is one host action)
 *   /ui/<id>                  a sidebar's or dialog's HTML, with the google.script.run shim
 *   /rpc                      google.script.run calls ({fn, args, user} -> {ok, value|error})
 *   /mail/<id>                a sent mail's HTML (links open in a new tab)
 *   /doc/<id>, /file/<id>     a Google Doc rendered as HTML; a Drive file's bytes
 *   .../exec[/path]           the web app (GET and POST), as the acting user
 *
 * Every request is handled synchronously against the one Sandbox once its body has arrived, so
 * executions never interleave. Moving the clock is the exception: it runs its trigger firings in
 * slices, answering GET requests (progress, state) in between and refusing anything that would
 * run an execution until it ends. Before each request the state is reloaded if another process
 * (the command line) saved it. The acting user is the `user` of a JSON body, else ?as=, else the
 * sbx_user cookie the workbench sets, else the workbook's owner.
 */
import http from 'node:http';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { buildSync } from 'esbuild';
import type { Sandbox, ExecutionResult } from './sandbox';
import * as actions from './actions';
import { handleRpcBody, injectShim, callableFunctions } from './script-run';
import { parseExecUrl, parseUrlEncoded, webAppRequest } from './webapp';

export interface ServerOptions {
  sandbox: Sandbox;
  /** 0 picks a free port. */
  port?: number;
  /** Always 127.0.0.1 unless a test says otherwise. */
  host?: string;
  /** How long one slice of a clock advance runs before the server answers other requests (ms; 0: one firing per slice). */
  clockSliceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface UiPage {
  type: 'sidebar' | 'dialog';
  title: string;
  html: string;
  user: string;
  width?: number;
  height?: number;
  modal?: boolean;
}

/** UI events the page has not seen yet (from google.script.run calls and web-app requests). */
interface PendingUi {
  seq: number;
  user: string;
  events: Array<Record<string, unknown>>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const WORKBENCH_DIR = path.join(__dirname, 'workbench');

let bundleCache: { js: string; css: string; html: string } | undefined;

/** Bundles the workbench client (TypeScript) once per process. */
export function workbenchAssets(): { js: string; css: string; html: string } {
  if (!bundleCache) {
    const out = buildSync({
      entryPoints: [path.join(WORKBENCH_DIR, 'app.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2019',
      write: false,
      logLevel: 'silent',
      charset: 'utf8',
    });
    bundleCache = {
      js: out.outputFiles[0].text,
      css: readFileSync(path.join(WORKBENCH_DIR, 'workbench.css'), 'utf8'),
      html: readFileSync(path.join(WORKBENCH_DIR, 'index.html'), 'utf8'),
    };
  }
  return bundleCache;
}

function cookies(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    try {
      out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      /* ignore a malformed cookie */
    }
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function readBody(req: http.IncomingMessage, limit = 20 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new HttpError(413, 'Request body too large.'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw new HttpError(400, `${what} is missing.`);
  return v;
}

function num(v: unknown, what: string): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new HttpError(400, `${what} must be a number.`);
  return n;
}

/** Starts the workbench server. Resolves once it listens. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const sb = opts.sandbox;
  const host = opts.host ?? '127.0.0.1';
  const assets = workbenchAssets();
  const uiPages = new Map<string, UiPage>();
  let uiSeq = 0;
  const pending: PendingUi[] = [];
  let pendingSeq = 0;
  let version = 1;
  /** A clock advance in progress (POST /api/clock), with its slices still to run. */
  let clockJob: actions.ClockAdvance | undefined;

  const clockProgress = () =>
    clockJob
      ? {
          running: true,
          fired: clockJob.fired.length,
          remaining: clockJob.remaining(),
          at: actions.clockInfo(sb).local,
          to: actions.localTime(clockJob.toMs, sb.timeZone),
          failed: clockJob.fired.filter((f) => !f.ok).length,
        }
      : { running: false };

  /** Advances the clock in slices of about 100 ms, so the server answers progress polls meanwhile. */
  const advanceInSlices = (to: number): Promise<actions.ClockResult> => {
    if (clockJob) return Promise.reject(new HttpError(409, 'The clock is already moving.'));
    const job = actions.startClockAdvance(sb, to);
    const release = sb.holdSaves();
    clockJob = job;
    return new Promise((resolve, reject) => {
      const slice = () => {
        try {
          const until = Date.now() + (opts.clockSliceMs ?? 100);
          do job.step();
          while (!job.done() && Date.now() < until);
          if (!job.done()) {
            setImmediate(slice);
            return;
          }
          const r = job.finish();
          clockJob = undefined;
          release();
          version++;
          resolve(r);
        } catch (e) {
          clockJob = undefined;
          release();
          version++;
          reject(e as Error);
        }
      };
      slice();
    });
  };

  const actingUser = (req: http.IncomingMessage, url: URL, body?: Record<string, unknown>): string => {
    const fromBody = body && typeof body.user === 'string' && body.user ? body.user : undefined;
    return fromBody ?? url.searchParams.get('as') ?? cookies(req).sbx_user ?? sb.state.owner;
  };

  /** Registers sidebars and dialogs so the page can load them from /ui/<id>; returns the events as the page shows them. */
  const pageEvents = (ui: actions.SeenUi[], user: string): Array<Record<string, unknown>> =>
    ui.map((e) => {
      if (e.type === 'sidebar' || e.type === 'dialog') {
        const id = String(++uiSeq);
        uiPages.set(id, { ...e, user });
        if (uiPages.size > 200) uiPages.delete(uiPages.keys().next().value as string);
        const { html: _html, ...rest } = e;
        return { ...rest, url: `/ui/${id}` };
      }
      return { ...e };
    });

  const reports = (executions: actions.RunReport[], user: string) =>
    executions.map((r) => ({ ...r, ui: pageEvents(r.ui, user) }));

  /** UI from executions the page did not start itself (google.script.run, web app). */
  const queueUi = (executions: ExecutionResult[], user: string) => {
    const events = pageEvents(actions.seenUi(executions.flatMap((e) => e.ui)), user);
    if (events.length) {
      pending.push({ seq: ++pendingSeq, user, events });
      if (pending.length > 100) pending.shift();
    }
  };

  const state = (user: string) => {
    const tabs = safe(() => actions.listTabs(sb), []);
    return {
      version,
      activeSheet: safe(() => actions.workbookInfo(sb).activeSheet, ''),
      clockJob: clockProgress(),
      owner: sb.state.owner,
      user,
      users: actions.knownUsers(sb),
      timeZone: sb.timeZone,
      clock: actions.clockInfo(sb),
      tabs,
      menus: actions.knownMenus(sb, user),
      functions: actions.runnableFunctions(sb),
      webAppUrl: sb.webAppUrl,
      workbook: safe(() => {
        const w = actions.workbookInfo(sb);
        return { name: w.name, url: w.url };
      }, undefined),
      project: path.basename(sb.project.dir),
      counts: {
        mail: safe(() => actions.outbox(sb).length, 0),
        files: safe(() => actions.files(sb).length, 0),
        triggers: safe(() => actions.triggers(sb).length, 0),
        executions: actions.executionLog(sb).length,
      },
      pendingSeq,
    };
  };

  const api = (method: string, route: string, url: URL, req: http.IncomingMessage, body: Record<string, unknown>): unknown => {
    const user = actingUser(req, url, body);
    const changed = () => {
      version++;
    };
    switch (`${method} ${route}`) {
      case 'GET /api/state':
        return state(user);
      case 'GET /api/poll':
        return { version, events: pending.filter((p) => p.seq > num(url.searchParams.get('since') ?? 0, 'since') && p.user === user), pendingSeq };
      case 'GET /api/sheet':
        return actions.sheetView(sb, str(url.searchParams.get('tab'), 'tab'));
      case 'POST /api/open': {
        const r = actions.openWorkbook(sb, user);
        changed();
        return { ...r, executions: reports(r.executions, user) };
      }
      case 'POST /api/menu': {
        const replies = Array.isArray(body.replies) ? body.replies.map((x) => (typeof x === 'string' ? actions.parseReply(x) : (x as { button: string; text?: string }))) : [];
        const r = actions.clickMenu(sb, user, str(body.path, 'path'), replies);
        changed();
        return { ...r, ui: pageEvents(r.ui, user) };
      }
      case 'POST /api/run': {
        const r = actions.runFunction(sb, user, str(body.fn, 'fn'));
        changed();
        return { ...r, ui: pageEvents(r.ui, user) };
      }
      case 'POST /api/edit': {
        const r = actions.editCell(sb, user, str(body.tab, 'tab'), str(body.a1, 'a1'), typeof body.input === 'string' ? body.input : String(body.input ?? ''));
        changed();
        return { ...r, executions: reports(r.executions, user) };
      }
      case 'POST /api/append': {
        const r = actions.appendRow(sb, user, str(body.tab, 'tab'), body.values);
        changed();
        return { ...r, executions: reports(r.executions, user) };
      }
      case 'POST /api/select': {
        const r = actions.selectRange(sb, user, str(body.tab, 'tab'), str(body.a1, 'a1'));
        if (r.executions.length) changed();
        return { ...r, executions: reports(r.executions, user) };
      }
      case 'POST /api/paste': {
        // rows: a 2D array of cell texts, or text: clipboard text (tabs between cells, newlines between rows).
        const rows = typeof body.text === 'string' ? actions.clipboardRows(body.text) : body.rows;
        const r = actions.pasteBlock(sb, user, str(body.tab, 'tab'), str(body.a1, 'a1'), rows);
        changed();
        return { ...r, executions: reports(r.executions, user) };
      }
      case 'POST /api/api-edit': {
        const r = actions.apiEdit(sb, user, str(body.tab, 'tab'), str(body.a1, 'a1'), typeof body.input === 'string' ? body.input : String(body.input ?? ''));
        changed();
        return r;
      }
      case 'POST /api/rename': {
        const r = actions.renameTab(sb, user, str(body.tab, 'tab'), str(body.to, 'to'));
        changed();
        return r;
      }
      case 'POST /api/insert-columns':
      case 'POST /api/delete-columns': {
        const f = route === '/api/insert-columns' ? actions.insertColumns : actions.deleteColumns;
        const r = f(sb, user, str(body.tab, 'tab'), num(body.column, 'column'), num(body.n ?? 1, 'n'));
        changed();
        return r;
      }
      case 'POST /api/call': {
        const r = actions.callFunction(sb, user, str(body.fn, 'fn'), Array.isArray(body.args) ? body.args : []);
        changed();
        return r;
      }
      case 'GET /api/clock':
        return actions.clockInfo(sb);
      case 'GET /api/clock/progress':
        return clockProgress();
      case 'POST /api/clock': {
        let to: number;
        if (typeof body.advanceMinutes === 'number' || typeof body.advanceMinutes === 'string') {
          to = sb.state.clockMs + Math.round(num(body.advanceMinutes, 'advanceMinutes') * 60_000);
        } else if (typeof body.set === 'string') to = actions.parseClockArg(body.set, sb.state.clockMs, sb.timeZone);
        else if (typeof body.setMs === 'number') to = body.setMs;
        else throw new HttpError(400, 'Give advanceMinutes, set (ISO) or setMs.');
        return advanceInSlices(to);
      }
      case 'POST /api/user': {
        const email = str(body.email, 'email');
        actions.addUser(sb, email);
        return { user: email, users: actions.knownUsers(sb) };
      }
      case 'GET /api/mail':
        return actions.outbox(sb).map(({ html, ...m }) => ({ ...m, hasHtml: !!html }));
      case 'GET /api/files':
        return actions.files(sb);
      case 'GET /api/triggers':
        return actions.triggers(sb);
      case 'GET /api/executions':
        return actions.executionLog(sb);
      case 'GET /api/stats':
        return actions.lastStats(sb);
      case 'POST /api/reset': {
        const owner = typeof body.owner === 'string' && body.owner ? body.owner : sb.state.owner;
        sb.reset(owner);
        uiPages.clear();
        pending.length = 0;
        changed();
        return { ok: true, owner };
      }
      case 'POST /api/web': {
        const target = str(body.url, 'url');
        const r = body.form && typeof body.form === 'object' ? actions.webPost(sb, user, target, body.form as Record<string, string>) : actions.webGet(sb, user, target);
        changed();
        return r;
      }
      default:
        if (method === 'GET' && route.startsWith('/api/doc/')) {
          const format = url.searchParams.get('format') === 'text' ? 'text' : 'html';
          return actions.documentOf(sb, decodeURIComponent(route.slice('/api/doc/'.length)), format);
        }
        throw new HttpError(404, `No such endpoint: ${method} ${route}`);
    }
  };

  const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };
  const sendJson = (res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);

  const handleWebApp = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, method: string, raw: string) => {
    const user = url.searchParams.get('as') ?? cookies(req).sbx_user ?? sb.state.owner;
    const parsed = parseExecUrl(url.pathname);
    const pathInfo = parsed?.pathInfo ? `/${parsed.pathInfo}` : '';
    const query = new URLSearchParams(url.search);
    query.delete('as');
    const qs = query.toString();
    const full = `${sb.webAppUrl}${pathInfo}${qs ? `?${qs}` : url.search === '?' ? '?' : ''}`;
    const contentType = req.headers['content-type'] ?? '';
    let form: Record<string, string | string[]> | undefined;
    if (method === 'POST' && /application\/x-www-form-urlencoded/i.test(contentType)) {
      form = {};
      for (const [k, v] of parseUrlEncoded(raw)) {
        const prev = form[k];
        form[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
    }
    const { value: r, executions } = actions.tracked(sb, () =>
      webAppRequest(sb, { method: method === 'POST' ? 'POST' : 'GET', url: full, user, body: raw, contentType, ...(form ? { form } : {}) }, { rpcUrl: '/rpc' }),
    );
    queueUi(executions, user);
    version++;
    const headers: Record<string, string> = {};
    if (r.fileName) headers['Content-Disposition'] = `attachment; filename="${r.fileName.replace(/"/g, '')}"`;
    const type = /html/i.test(r.mimeType) ? 'text/html; charset=utf-8' : `${r.mimeType}; charset=utf-8`;
    send(res, r.status, type, r.body, headers);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const route = url.pathname;
    const raw = method === 'POST' || method === 'PUT' ? await readBody(req) : '';
    // From here on, everything is synchronous: one request at a time against the sandbox.
    try {
      if (!clockJob && sb.reloadIfChanged()) {
        // The command line changed the state: the page reloads it; open sidebars refer to the old one.
        version++;
      }
      if (clockJob && (method !== 'GET' || (parseExecUrl(route) && !route.startsWith('/api/')))) {
        const p = clockJob;
        throw new HttpError(409, `The clock is moving (${p.fired.length} trigger runs done, ${p.remaining()} to go). Try again when it stops.`);
      }
      if (route === '/' || route === '/index.html') {
        return send(res, 200, 'text/html; charset=utf-8', assets.html);
      }
      if (route === '/workbench.js') return send(res, 200, 'text/javascript; charset=utf-8', assets.js);
      if (route === '/workbench.css') return send(res, 200, 'text/css; charset=utf-8', assets.css);
      if (route === '/favicon.ico') return send(res, 204, 'text/plain', '');
      if (route === '/rpc' && method === 'POST') {
        const user = cookies(req).sbx_user ?? sb.state.owner;
        const { value: r, executions } = actions.tracked(sb, () => handleRpcBody(sb, raw, user));
        const who = (() => {
          try {
            const b = JSON.parse(raw) as { user?: unknown };
            return typeof b.user === 'string' ? b.user : user;
          } catch {
            return user;
          }
        })();
        queueUi(executions, who);
        version++;
        return send(res, r.status, 'application/json; charset=utf-8', r.json);
      }
      if (route.startsWith('/ui/')) {
        const page = uiPages.get(route.slice(4));
        if (!page) return send(res, 404, 'text/html; charset=utf-8', '<p>This sidebar or dialog is no longer open. Run its menu item again.</p>');
        const html = injectShim(page.html, { rpcUrl: '/rpc', user: page.user, functions: [...callableFunctions(sb)] });
        return send(res, 200, 'text/html; charset=utf-8', html);
      }
      if (route.startsWith('/mail/')) {
        const id = decodeURIComponent(route.slice(6));
        const m = actions.outbox(sb).find((x) => x.id === id);
        if (!m) return send(res, 404, 'text/html; charset=utf-8', '<p>No such mail.</p>');
        const content = m.html ? m.html : `<pre style="white-space:pre-wrap;font:14px/1.5 Arial,sans-serif">${escapeHtml(m.text ?? '')}</pre>`;
        const base = '<base target="_blank">';
        const html = /<head(\s[^>]*)?>/i.test(content) ? content.replace(/<head(\s[^>]*)?>/i, (h) => h + base) : base + content;
        return send(res, 200, 'text/html; charset=utf-8', html);
      }
      if (route.startsWith('/doc/')) {
        const id = decodeURIComponent(route.slice(5));
        const d = actions.documentOf(sb, id, 'html');
        const body = /<!doctype|<html/i.test(d.content)
          ? d.content
          : `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Document</title><style>body{font:14px/1.5 Arial,sans-serif;max-width:800px;margin:32px auto;padding:0 48px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style></head><body>${d.content}</body></html>`;
        return send(res, 200, 'text/html; charset=utf-8', body);
      }
      if (route.startsWith('/file/') || route.startsWith('/api/file/')) {
        const id = decodeURIComponent(route.slice(route.lastIndexOf('/') + 1));
        let f: ReturnType<typeof actions.fileContent>;
        try {
          f = actions.fileContent(sb, id);
        } catch (e) {
          throw new HttpError(404, (e as Error).message);
        }
        const inline = url.searchParams.get('inline') === '1';
        return send(res, 200, f.mimeType || 'application/octet-stream', f.bytes, {
          'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${f.name.replace(/["\\\r\n]/g, '')}"`,
        });
      }
      if (parseExecUrl(route) && !route.startsWith('/api/')) return handleWebApp(req, res, url, method, raw);
      if (route.startsWith('/api/')) {
        let body: Record<string, unknown> = {};
        if (raw) {
          try {
            body = JSON.parse(raw) as Record<string, unknown>;
          } catch {
            throw new HttpError(400, 'The request body is not JSON.');
          }
        }
        const value = await api(method, route, url, req, body);
        const headers: Record<string, string> = {};
        if (route === '/api/user' || route === '/api/state') {
          const u = route === '/api/user' ? String(body.email) : actingUser(req, url, body);
          headers['Set-Cookie'] = `sbx_user=${encodeURIComponent(u)}; Path=/; SameSite=Lax`;
        }
        return sendJson(res, 200, value ?? null, headers);
      }
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 400;
      const message = (err as Error)?.message ?? String(err);
      if (route.startsWith('/api/') || route === '/rpc') return sendJson(res, status, { error: message });
      return send(res, status, 'text/html; charset=utf-8', `<!DOCTYPE html><p style="font-family:Arial,sans-serif;color:#d93025">${escapeHtml(message)}</p>`);
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, err instanceof HttpError ? err.status : 500, { error: (err as Error)?.message ?? String(err) });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://${host}:${port}`;
  sb.webAppUrl = `${base}/macros/s/${sb.scriptId}/exec`;
  return {
    url: `${base}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
