/**
 * Helpers that keep the script's realm looking like Apps Script's: calls into script code under
 * the execution's time limit, service objects that JSON.stringify as {}, and error stacks that show
 * the script's own frames only (never the sandbox's files or class names).
 */
import vm from 'node:vm';
import path from 'node:path';
import type { Execution } from './execution';
import type { Project } from './project';

/** node:vm's largest timeout (2^32 - 1 ms). */
const MAX_VM_TIMEOUT = 4294967295;

/** Real time the script may still run before its budget is spent (at least 1 ms). */
export function remainingMs(exec: Execution): number {
  return Math.min(MAX_VM_TIMEOUT, Math.max(1, Math.ceil(exec.budgetMs - exec.elapsedMs())));
}

/** True for the error node:vm throws when a script runs past its `timeout`. */
export function isHostTimeout(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

const ENTRY = '__sandboxEntry__';
const callers = new WeakMap<vm.Context, vm.Script>();

/**
 * Calls `fn` (which calls script code) from inside the context, so node:vm's `timeout` stops a
 * script that loops without calling any service (`while (true) {}`).
 */
export function callInContext<T>(context: vm.Context, fn: () => T, timeoutMs: number): T {
  Object.defineProperty(context, ENTRY, { value: fn, configurable: true, enumerable: false, writable: false });
  let script = callers.get(context);
  if (!script) {
    script = new vm.Script(`(function () { var f = globalThis.${ENTRY}; delete globalThis.${ENTRY}; return f(); })()`, { filename: 'sandbox-realm' });
    callers.set(context, script);
  }
  return script.runInContext(context, { timeout: timeoutMs }) as T;
}

/**
 * An object made by the sandbox's services (an instance of a host class: a Sheet, a Range...), as
 * opposed to plain data and the script's own objects.
 */
export function isServiceObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (!(v instanceof Object)) return false; // made in the script's realm
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null || Array.isArray(v)) return false;
  if (v instanceof Date || v instanceof Error || ArrayBuffer.isView(v) || v instanceof Map || v instanceof Set) return false;
  return true;
}

/**
 * JSON.stringify in the script prints a service object as {}, as Apps Script does, instead of
 * the sandbox's own fields.
 */
export function hideHostObjects(context: vm.Context): void {
  const install = vm.runInContext(
    `(function (isService) {
      var stringify = JSON.stringify;
      Object.defineProperty(JSON, 'stringify', { writable: true, configurable: true, value: function stringify_(value, replacer, space) {
        var keep = null;
        if (Array.isArray(replacer)) {
          keep = {};
          replacer.forEach(function (k) { if (typeof k === 'string' || typeof k === 'number') keep[String(k)] = true; });
        }
        var fn = typeof replacer === 'function' ? replacer : null;
        return stringify(value, function (key, v) {
          if (keep && key !== '' && !Array.isArray(this) && !keep[key]) return undefined;
          if (fn) v = fn.call(this, key, v);
          // Only objects of the sandbox's own realm can be service objects: ask the host about those only.
          return v !== null && typeof v === 'object' && !(v instanceof Object) && isService(v) ? {} : v;
        }, space);
      } });
      Object.defineProperty(JSON.stringify, 'name', { value: 'stringify' });
    })`,
    context,
    { filename: 'sandbox-realm' },
  ) as (isService: (v: unknown) => boolean) => void;
  install(isServiceObject);
}

/**
 * An error's stack as Apps Script shows it: the message, then only the frames in the project's
 * own files, named as the editor names them ("at myFunction (Code:3:5)"). Host frames go.
 */
export function cleanStack(stack: string | undefined, project: Project, name?: string): string | undefined {
  if (!stack) return stack;
  const names = new Map(project.scripts.map((f) => [f.file, f.name] as const));
  let lines = stack.split('\n');
  // node:vm puts the host source line and a caret above an error thrown from the sandbox's code.
  const head = name ? lines.findIndex((l) => l === name || l.startsWith(`${name}:`)) : -1;
  if (head > 0) lines = lines.slice(head);
  const out: string[] = [];
  let inFrames = false;
  for (const line of lines) {
    const frame = /^\s+at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!frame) {
      if (!inFrames) out.push(line);
      continue;
    }
    inFrames = true;
    const name = names.get(frame[2]) ?? names.get(path.resolve(frame[2]));
    if (name === undefined) continue;
    out.push(`    at ${frame[1] ? `${frame[1]} (` : ''}${name}:${frame[3]}:${frame[4]}${frame[1] ? ')' : ''}`);
  }
  return out.join('\n');
}

/** The global names of service namespaces (SpreadsheetApp, MailApp...), as Logger.log prints them. */
export const namespaceNames = new WeakMap<object, string>();

/**
 * A value as console.log may show it to the script's user: service objects become {} (their
 * fields are the sandbox's), the rest is left as it is. Arrays and plain objects are copied.
 */
export function forConsole(v: unknown, depth = 0): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (namespaceNames.has(v)) return {};
  if (isServiceObject(v)) return {};
  if (depth > 6) return v;
  if (Array.isArray(v)) return v.map((x) => forConsole(x, depth + 1));
  const proto = Object.getPrototypeOf(v);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return v; // Dates, Maps, script class instances
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = forConsole(x, depth + 1);
  return out;
}
