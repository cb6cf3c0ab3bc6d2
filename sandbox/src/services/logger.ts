/**
 * Logger and console. Both write to the execution's log (what the executions page shows), never to
 * the host's stdout: "INFO: ...", "WARNING: ...", "ERROR: ...", "DEBUG: ...".
 *
 * Logger.log prints values the way Apps Script's Java-side logger does (5 -> "5.0", objects as
 * {a=1.0}) and formats with %s-style templates; console.* formats as the V8 console does.
 */
import util from 'node:util';
import type { ServiceContext, ServiceModule } from '../service';
import { formatDatePattern, formatJava, isDate } from './utilities';
import { forConsole, isServiceObject, namespaceNames } from '../script-realm';

/** A value as Java's String.valueOf prints Apps Script values (numbers are doubles). */
export function javaString(v: unknown, depth = 0): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e7 ? `${v}.0` : String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // A function of the sandbox prints as a native one: its source is the sandbox's, not the script's.
  if (typeof v === 'function') return v instanceof Function ? `function ${v.name}() { [native code] }` : String(v);
  if (isDate(v)) return String(v);
  if (depth > 5) return '...';
  const namespace = namespaceNames.get(v as object);
  if (namespace) return namespace;
  if (Array.isArray(v)) return `[${v.map((x) => javaString(x, depth + 1)).join(', ')}]`;
  const o = v as Record<string, unknown>;
  // Objects with their own toString (a User, a Blob) print through it; plain objects as {k=v}.
  const s = typeof o.toString === 'function' ? String(o) : '[object Object]';
  if (s !== '[object Object]') return s;
  // A service object without its own toString prints as its Apps Script class (Blob), never its fields.
  if (isServiceObject(o)) return (o.constructor as { name?: string })?.name?.replace(/^Sandbox/, '') || 'Object';
  const own = Object.keys(o);
  return `{${own.map((k) => `${k}=${javaString(o[k], depth + 1)}`).join(', ')}}`;
}

export const loggerService: ServiceModule = {
  name: 'logger',
  install(ctx: ServiceContext) {
    const entries: string[] = [];
    const write = (level: 'INFO' | 'WARNING' | 'ERROR' | 'DEBUG', message: string) => {
      ctx.exec.logs.push(`${level}: ${message}`);
    };

    const Logger = {
      log(data?: unknown, ...values: unknown[]) {
        ctx.exec.record('Logger', 'log', 'local');
        const message = values.length > 0 && typeof data === 'string' ? formatJava(data, values) : javaString(data);
        const stamp = formatDatePattern(ctx.now(), ctx.timeZone, 'yy-MM-dd HH:mm:ss:SSS z');
        entries.push(`[${stamp}] ${message}`);
        write('INFO', message);
        return Logger;
      },
      getLog(): string {
        ctx.exec.record('Logger', 'getLog', 'local');
        return entries.map((e) => e + '\n').join('');
      },
      clear(): void {
        ctx.exec.record('Logger', 'clear', 'local');
        entries.length = 0;
      },
    };

    const timers = new Map<string, number>();
    const fmt = (args: unknown[]) => util.format(...args.map((a) => forConsole(a)));
    const console = {
      log: (...args: unknown[]) => write('INFO', fmt(args)),
      info: (...args: unknown[]) => write('INFO', fmt(args)),
      warn: (...args: unknown[]) => write('WARNING', fmt(args)),
      error: (...args: unknown[]) => write('ERROR', fmt(args)),
      debug: (...args: unknown[]) => write('DEBUG', fmt(args)),
      assert: (cond: unknown, ...args: unknown[]) => {
        if (!cond) write('ERROR', args.length ? `Assertion failed: ${fmt(args)}` : 'Assertion failed');
      },
      time: (label: unknown = 'default') => {
        timers.set(String(label), ctx.now());
      },
      timeEnd: (label: unknown = 'default') => {
        const key = String(label);
        const start = timers.get(key);
        if (start === undefined) {
          write('WARNING', `Timer '${key}' does not exist`);
          return;
        }
        timers.delete(key);
        write('INFO', `${key}: ${ctx.now() - start}ms`);
      },
    };
    return { Logger, console };
  },
};
