/**
 * google.script.run: the server side (callFromClient) and the browser side (clientShim).
 *
 * Rules from developers.google.com/apps-script/guides/html/reference/run and the communication
 * guide: only public top-level functions can be called (names ending in _ are private); legal
 * parameters and return values are primitives, null, and arrays and plain objects made of legal
 * values; a form element is legal as the only parameter; Date, Function and DOM elements other
 * than forms make the request fail; objects arrive as copies; undefined inside arrays becomes null.
 * A server function that returns a value containing a Date (or another illegal value) makes the
 * success handler receive null, as Apps Script does.
 */
import vm from 'node:vm';
import type { ExecutionResult, Sandbox } from './sandbox';

/** How the shim sends the content of a form's file input (the server makes a Blob of it). */
export interface FormFile {
  $sandboxFile: { name: string; type: string; base64: string };
}

function isFormFile(v: unknown): v is FormFile {
  const f = v && typeof v === 'object' ? (v as FormFile).$sandboxFile : undefined;
  return !!f && typeof f === 'object' && typeof f.name === 'string' && typeof f.type === 'string' && typeof f.base64 === 'string';
}

export type ClientCallResult =
  | { ok: true; value: unknown; execution?: ExecutionResult }
  | { ok: false; error: { name: string; message: string }; execution?: ExecutionResult };

/** Apps Script's message when a value cannot travel between browser and server. */
export function illegalValueMessage(path: string): string {
  return `Failed due to illegal value in property: ${path}`;
}

function tag(v: object): string {
  return Object.prototype.toString.call(v);
}

/** A plain object from any realm (its prototype is some realm's Object.prototype, or null). */
function isPlainObject(v: object): boolean {
  if (tag(v) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto === null) return true;
  const ctor = (proto as { constructor?: unknown }).constructor;
  return Object.getPrototypeOf(proto) === null && typeof ctor === 'function' && ctor.name === 'Object';
}

/**
 * The path of the first illegal value inside `value` (e.g. '0', 'items.2.when'), or null when
 * the whole value is legal. Circular references are illegal.
 */
export function findIllegalValue(value: unknown, path = '', seen: Set<object> = new Set()): string | null {
  const here = path || '0';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return null;
    case 'function':
    case 'symbol':
    case 'bigint':
      return here;
  }
  if (value === null) return null;
  const obj = value as object;
  if (seen.has(obj)) return here;
  const isArray = Array.isArray(obj);
  if (!isArray && !isPlainObject(obj)) return here;
  seen.add(obj);
  for (const k of Object.keys(obj)) {
    const bad = findIllegalValue((obj as Record<string, unknown>)[k], path ? `${path}.${k}` : k, seen);
    if (bad !== null) return bad;
  }
  seen.delete(obj);
  return null;
}

const topLevelCache = new WeakMap<Sandbox, Set<string>>();

/** The project's public top-level functions: what google.script.run can call. */
export function callableFunctions(sandbox: Sandbox): Set<string> {
  let names = topLevelCache.get(sandbox);
  if (!names) {
    const builtins = new Set(Object.getOwnPropertyNames(vm.runInNewContext('globalThis') as object));
    builtins.add('Date');
    const sources = sandbox.project.scripts.map((s) => s.source).join('\n');
    names = new Set(
      sandbox
        .globalFunctions()
        .filter((n) => !builtins.has(n) && !n.endsWith('_'))
        // Declared by the project itself (not a function-valued global some service installed).
        .filter((n) => new RegExp(`(^|[^\\w$.])${n.replace(/\$/g, '\\$')}\\s*(=|\\()`).test(sources)),
    );
    topLevelCache.set(sandbox, names);
  }
  return names;
}

/** Converts a server function's return value the way google.script.run delivers it. */
export function toClientValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (findIllegalValue(value) !== null) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * Runs one google.script.run call from a page: checks the function and its arguments, runs it as
 * a 'scriptRun' execution for `user`, and converts the result as the success or failure handler
 * would receive it.
 */
export function callFromClient(sandbox: Sandbox, fn: string, args: unknown[], user: string, from: { webApp?: boolean; form?: boolean } = {}): ClientCallResult {
  const name = String(fn);
  // Private functions are invisible to the page, just like missing ones.
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || name.endsWith('_') || !callableFunctions(sandbox).has(name)) {
    return { ok: false, error: { name: 'ScriptError', message: `Script function not found: ${name}` } };
  }
  if (!Array.isArray(args)) {
    return { ok: false, error: { name: 'Error', message: illegalValueMessage('0') } };
  }
  for (let i = 0; i < args.length; i++) {
    const bad = findIllegalValue(args[i], String(i));
    if (bad !== null) return { ok: false, error: { name: 'Error', message: illegalValueMessage(bad) } };
  }
  const json = JSON.stringify(args.map((a) => (a === undefined ? null : a)));
  // From a web app's page, the call runs as the web app does: as the deployer unless it executes
  // as the user accessing it. From a sidebar or dialog, as the person at the keyboard.
  const executeAs = sandbox.project.manifest.webapp?.executeAs;
  const effectiveUser = from.webApp && executeAs !== 'USER_ACCESSING' ? sandbox.state.owner : undefined;
  const execution = sandbox.run(name, {
    kind: 'scriptRun',
    user,
    ...(effectiveUser ? { effectiveUser } : {}),
    // The server receives copies made in the script's own realm.
    args: (globals, ctx) => {
      const copies = (ctx.evalInScript('JSON', 'google.script.run') as JSON).parse(json) as unknown[];
      const form = copies[0] as Record<string, unknown> | null;
      // A submitted form's file inputs arrive as Blobs (Utilities.newBlob of the file's bytes, type and name).
      if (from.form && copies.length === 1 && form && typeof form === 'object') {
        const utilities = globals.Utilities as { newBlob?: (bytes: number[], type: string, name: string) => unknown } | undefined;
        for (const [k, v] of Object.entries(form)) {
          if (!isFormFile(v) || !utilities?.newBlob) continue;
          const bytes = [...Buffer.from(v.$sandboxFile.base64, 'base64')].map((b) => (b > 127 ? b - 256 : b));
          form[k] = utilities.newBlob(bytes, v.$sandboxFile.type, v.$sandboxFile.name);
        }
      }
      return copies;
    },
  });
  if (!execution.ok) {
    const e = execution.error ?? { name: 'Error', message: 'The script failed.' };
    return { ok: false, error: { name: e.name, message: e.message }, execution };
  }
  return { ok: true, value: toClientValue(execution.value), execution };
}

/**
 * Handles the body the client shim posts ({fn, args, user?}) and returns the JSON to answer.
 * `defaultUser` is used when the page does not say who it is.
 */
export function handleRpcBody(sandbox: Sandbox, body: string, defaultUser: string): { status: number; json: string; result?: ClientCallResult } {
  let req: unknown;
  try {
    req = JSON.parse(body);
  } catch {
    return { status: 400, json: JSON.stringify({ ok: false, error: { name: 'Error', message: 'Bad request: not JSON.' } }) };
  }
  const r = req as { fn?: unknown; args?: unknown; user?: unknown; webApp?: unknown; form?: unknown };
  if (typeof r !== 'object' || r === null || typeof r.fn !== 'string' || !Array.isArray(r.args)) {
    return { status: 400, json: JSON.stringify({ ok: false, error: { name: 'Error', message: 'Bad request: expected {fn, args}.' } }) };
  }
  const user = typeof r.user === 'string' ? r.user : defaultUser;
  const result = callFromClient(sandbox, r.fn, r.args, user, { webApp: r.webApp === true, form: r.form === true });
  const payload = result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
  return { status: 200, json: JSON.stringify(payload), result };
}

export interface ShimOptions {
  /** Where the shim POSTs {fn, args, user} as JSON. */
  rpcUrl: string;
  /** Who is at the keyboard (sent with each call). */
  user?: string;
  /** The callable functions; without it, any name is forwarded to the server. */
  functions?: string[];
  /** The page is the web app's (its calls run as the web app's executeAs says). */
  webApp?: boolean;
}

/**
 * Browser JavaScript defining google.script.run, google.script.host and google.script.url.
 * Plain ES5 so it runs in any page; it needs fetch and Promise.
 */
export function clientShim(opts: ShimOptions): string {
  const config = JSON.stringify({ rpcUrl: opts.rpcUrl, user: opts.user ?? null, functions: opts.functions ?? null, webApp: opts.webApp === true }).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `(function (root) {
  'use strict';
  var config = ${config};
  var google = root.google = root.google || {};
  var script = google.script = google.script || {};
  function isForm(v) {
    return !!v && typeof v === 'object' && typeof v.tagName === 'string' && v.tagName.toUpperCase() === 'FORM' && !!v.elements;
  }
  function isElement(v) {
    return !!v && typeof v === 'object' && typeof v.nodeType === 'number' && typeof v.nodeName === 'string';
  }
  function readFile(file) {
    return new Promise(function (resolve, reject) {
      if (!file) { resolve({ $sandboxFile: { name: '', type: 'application/octet-stream', base64: '' } }); return; }
      var reader = new root.FileReader();
      reader.onload = function () {
        var s = String(reader.result || '');
        var comma = s.indexOf(',');
        resolve({ $sandboxFile: { name: String(file.name || ''), type: String(file.type || 'application/octet-stream'), base64: comma < 0 ? '' : s.slice(comma + 1) } });
      };
      reader.onerror = function () { reject(reader.error || new Error('The file could not be read.')); };
      reader.readAsDataURL(file);
    });
  }
  function formToObject(form, pending) {
    var out = {};
    var els = form.elements;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var name = el.name;
      if (!name || el.disabled) continue;
      var type = String(el.type || '').toLowerCase();
      if (type === 'submit' || type === 'button' || type === 'reset' || type === 'image') continue;
      if (type === 'file') {
        // The file's content is read before the call is sent; the server gets a Blob.
        (function (key, file) {
          pending.push(readFile(file).then(function (v) { out[key] = v; }));
        })(name, el.files && el.files.length ? el.files[0] : null);
        continue;
      }
      var values = [];
      if (type === 'checkbox' || type === 'radio') {
        if (!el.checked) continue;
        values.push(el.value == null || el.value === '' ? 'on' : String(el.value));
      } else if (type === 'select-multiple') {
        for (var j = 0; j < el.options.length; j++) if (el.options[j].selected) values.push(String(el.options[j].value));
      } else {
        values.push(el.value == null ? '' : String(el.value));
      }
      for (var k = 0; k < values.length; k++) {
        if (!Object.prototype.hasOwnProperty.call(out, name)) out[name] = values[k];
        else if (Object.prototype.toString.call(out[name]) === '[object Array]') out[name].push(values[k]);
        else out[name] = [out[name], values[k]];
      }
    }
    return out;
  }
  function illegalPath(v, path, seen) {
    var t = typeof v;
    if (v === null || t === 'string' || t === 'number' || t === 'boolean' || t === 'undefined') return null;
    if (t !== 'object') return path;
    if (isElement(v)) return path;
    var tagName = Object.prototype.toString.call(v);
    var isArray = tagName === '[object Array]';
    if (!isArray && tagName !== '[object Object]') return path;
    if (!isArray) {
      var proto = Object.getPrototypeOf(v);
      if (proto !== null && proto !== Object.prototype) return path;
    }
    for (var s = 0; s < seen.length; s++) if (seen[s] === v) return path;
    seen.push(v);
    for (var key in v) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
      var bad = illegalPath(v[key], path + '.' + key, seen);
      if (bad !== null) return bad;
    }
    seen.pop();
    return null;
  }
  function prepareArgs(args, pending) {
    var out = [];
    for (var i = 0; i < args.length; i++) {
      var a = args[i];
      if (isForm(a)) {
        if (args.length !== 1) throw new Error('Failed due to illegal value in property: ' + i);
        out.push(formToObject(a, pending));
        continue;
      }
      var bad = illegalPath(a, String(i), []);
      if (bad !== null) throw new Error('Failed due to illegal value in property: ' + bad);
      out.push(a === undefined ? null : a);
    }
    return out;
  }
  function makeError(e) {
    var err = new Error(e && e.message != null ? String(e.message) : 'Unknown error');
    err.name = e && e.name ? String(e.name) : 'Error';
    return err;
  }
  function later(fn) {
    Promise.resolve().then(fn);
  }
  function report(err) {
    if (root.console && root.console.error) root.console.error(err);
  }
  function call(settings, fn, args) {
    var pending = [];
    var payload = prepareArgs(args, pending);
    var isFormCall = args.length === 1 && isForm(args[0]);
    var done = function (ok, value) {
      later(function () {
        if (ok) {
          if (settings.success) settings.success(value, settings.userObject);
        } else if (settings.failure) {
          settings.failure(value, settings.userObject);
        } else {
          report(value);
        }
      });
    };
    var send = function () {
      var request = { fn: fn, args: payload, user: config.user };
      if (isFormCall) request.form = true;
      if (config.webApp) request.webApp = true;
      return root.fetch(config.rpcUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    };
    (pending.length ? Promise.all(pending).then(send) : send())
      .then(function (res) { return res.json(); })
      .then(function (data) {
        if (data && data.ok) done(true, data.value === undefined ? null : data.value);
        else done(false, makeError(data && data.error));
      }, function (e) {
        done(false, makeError({ name: 'NetworkError', message: 'The server could not be reached: ' + (e && e.message ? e.message : String(e)) }));
      });
  }
  function Runner(settings) {
    var self = this;
    this.withSuccessHandler = function (f) { return makeRunner({ success: f, failure: settings.failure, userObject: settings.userObject }); };
    this.withFailureHandler = function (f) { return makeRunner({ success: settings.success, failure: f, userObject: settings.userObject }); };
    this.withUserObject = function (o) { return makeRunner({ success: settings.success, failure: settings.failure, userObject: o }); };
    if (config.functions) {
      for (var i = 0; i < config.functions.length; i++) {
        (function (name) {
          if (/_$/.test(name) || name in self) return;
          self[name] = function () { call(settings, name, Array.prototype.slice.call(arguments)); };
        })(config.functions[i]);
      }
    }
  }
  var RESERVED = { then: 1, toJSON: 1, constructor: 1, valueOf: 1, toString: 1, inspect: 1 };
  function makeRunner(settings) {
    var runner = new Runner(settings);
    if (config.functions || typeof Proxy !== 'function') return runner;
    return new Proxy(runner, {
      get: function (target, prop) {
        if (typeof prop !== 'string' || prop in target || RESERVED[prop] || /_$/.test(prop)) return target[prop];
        return function () { call(settings, prop, Array.prototype.slice.call(arguments)); };
      }
    });
  }
  script.run = makeRunner({ success: null, failure: null, userObject: undefined });
  function post(message) {
    var target = root.parent && root.parent !== root ? root.parent : root;
    if (target && typeof target.postMessage === 'function') target.postMessage(message, '*');
  }
  script.host = {
    origin: root.location ? String(root.location.origin || '') : '',
    close: function () { post({ type: 'gas-sandbox:close' }); },
    setHeight: function (h) { post({ type: 'gas-sandbox:setHeight', height: Number(h) }); },
    setWidth: function (w) { post({ type: 'gas-sandbox:setWidth', width: Number(w) }); },
    editor: { focus: function () {} }
  };
  function parseQuery(q) {
    var parameter = {};
    var parameters = {};
    if (q.charAt(0) === '?') q = q.slice(1);
    if (q) {
      var parts = q.split('&');
      for (var i = 0; i < parts.length; i++) {
        if (!parts[i]) continue;
        var eq = parts[i].indexOf('=');
        var k = decodeURIComponent((eq < 0 ? parts[i] : parts[i].slice(0, eq)).replace(/\\+/g, ' '));
        var v = eq < 0 ? '' : decodeURIComponent(parts[i].slice(eq + 1).replace(/\\+/g, ' '));
        if (!Object.prototype.hasOwnProperty.call(parameters, k)) { parameters[k] = []; parameter[k] = v; }
        parameters[k].push(v);
      }
    }
    return { parameter: parameter, parameters: parameters };
  }
  script.url = {
    getLocation: function (callback) {
      var loc = root.location || { search: '', hash: '' };
      var q = parseQuery(String(loc.search || ''));
      var location = { hash: String(loc.hash || '').replace(/^#/, ''), parameter: q.parameter, parameters: q.parameters };
      later(function () { callback(location); });
    }
  };
  script.history = {
    push: function (state, params, hash) { if (root.history && root.history.pushState) root.history.pushState(state, '', toUrl(params, hash)); },
    replace: function (state, params, hash) { if (root.history && root.history.replaceState) root.history.replaceState(state, '', toUrl(params, hash)); },
    setChangeHandler: function (fn) { if (root.addEventListener) root.addEventListener('popstate', function (ev) { fn({ state: ev.state, location: null }); }); }
  };
  function toUrl(params, hash) {
    var q = [];
    if (params) for (var k in params) {
      if (!Object.prototype.hasOwnProperty.call(params, k)) continue;
      var vs = Object.prototype.toString.call(params[k]) === '[object Array]' ? params[k] : [params[k]];
      for (var i = 0; i < vs.length; i++) q.push(encodeURIComponent(k) + '=' + encodeURIComponent(String(vs[i])));
    }
    return (q.length ? '?' + q.join('&') : (root.location ? root.location.pathname : '')) + (hash ? '#' + hash : '');
  }
})(typeof window !== 'undefined' ? window : this);
`;
}

/** Puts the shim's <script> first inside <head>, or at the very start when there is no head. */
export function injectShim(html: string, opts: ShimOptions): string {
  const tag = `<script>${clientShim(opts).replace(/<\/script/gi, '<\\/script')}</script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) {
    const at = head.index + head[0].length;
    return html.slice(0, at) + tag + html.slice(at);
  }
  return tag + html;
}
