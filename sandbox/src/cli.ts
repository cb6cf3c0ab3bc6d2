/**
 * gas-sandbox: a scriptable command line over the sandbox. Every verb prints JSON on stdout; an
 * error prints {"error": message} and exits 1; wrong usage prints the usage and exits 2.
 *
 *   gas-sandbox [--project DIR] [--data DIR] [--as EMAIL] [--reply TEXT]... VERB ...
 */
import path from 'node:path';
import { Sandbox } from './sandbox';
import * as actions from './actions';
import { listCalendars } from './services/calendar';
// A static import: the launcher loads this file through tsx's require hook, which does not serve
// a dynamic import() of an extensionless .ts path.
import { startServer } from './server';

export const USAGE = `Usage: gas-sandbox [--project DIR] [--data DIR] [--as EMAIL] [--reply TEXT]... VERB ...

Options:
  --project DIR   the Apps Script project (appsscript.json + scripts). Default: <repo>/dist
  --data DIR      where the sandbox keeps its state. Default: $SANDBOX_DATA or <repo>/.sandbox-data
  --as EMAIL      who is at the keyboard. Default: the workbook's owner
  --reply TEXT    an answer to the next alert or prompt (repeatable, used in order):
                  OK, CANCEL, YES, NO, CLOSE for buttons; any other text answers a prompt with OK
  --mail-quota N  MailApp's daily recipient quota: 100 (consumer account, the default), 1500
                  (Google Workspace), or any number; also $SANDBOX_MAIL_QUOTA. Kept in the state
  --seed N        the scheduler seed of \`concurrent\` (default 1): a seed replays identically
  --help, -h      print this text

Verbs:
  reset [--owner EMAIL]          start over with a new, empty workbook (owner: --owner, else --as)
  open                           open the workbook: runs onOpen, prints the menus
  menu "Menu/Item"               click a custom menu item; prints alerts, prompts, toasts, sidebars
  call FN [JSON_ARG...]          google.script.run.FN(args) as from a sidebar
  run FN                         the script editor's Run button
  tabs                           the workbook's tabs
  sheet TAB                      a tab's values as displayed
  edit TAB A1 VALUE              type VALUE into a cell (fires onEdit and ON_EDIT triggers)
  append TAB JSON_OBJECT         fill in a new row (object keyed by header, or an array)
  paste TAB A1 JSON_2D           paste a block at A1 as the user (one onEdit for the whole range)
  api-edit TAB A1 VALUE          write VALUE as the Sheets API would, as --as (no onEdit)
  select TAB A1[:C5][,E1:E3]     select a cell, a range or several (fires onSelectionChange)
  rename TAB NEW                 rename a tab
  insert-columns TAB COLUMN N    insert N columns before COLUMN (1-based)
  delete-columns TAB COLUMN N    delete N columns from COLUMN (1-based)
  mail [ID]                      the outbox (one mail in full with ID)
  get URL                        GET the web app (URL, /exec?..., or ?query)
  post URL JSON_FORM             POST a form to the web app
  files                          Drive files
  calendar-add FILE.json         add (or replace) a Google Calendar the script may read: {id, name,
                                 timeZone, owner, readers, events: [{id, title, start, end} or
                                 {id, title, allDayStart, allDayEnd}]}
  calendars                      the calendars in the sandbox
  doc ID_OR_URL [--format text|html]   a Google Doc's content
  triggers                       installed triggers
  clock [ISO | +MINUTES]         show the clock, or set/advance it (fires due time-driven triggers)
  stats                          calls and modeled time of the last execution
  concurrent FN [FN...]          run the functions at the same time (as the Run button would,
                                 one execution each), interleaved at service calls by --seed
  serve [--port N] [--init FN] [--demo]
                                 the browser workbench on http://127.0.0.1:PORT (default 8787)
`;

export class UsageError extends Error {}
/** --help or -h: the usage goes to stdout and the exit code is 0. */
export class HelpRequested extends UsageError {}

export interface ParsedArgs {
  project?: string;
  data?: string;
  as?: string;
  replies: string[];
  owner?: string;
  format?: string;
  port?: string;
  init?: string;
  demo: boolean;
  seed?: string;
  'mail-quota'?: string;
  positional: string[];
}

const VALUE_OPTIONS = ['project', 'data', 'as', 'reply', 'owner', 'format', 'port', 'init', 'seed', 'mail-quota'] as const;

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { replies: [], demo: false, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--help' || a === '-h') throw new HelpRequested('');
    if (a === '--demo') {
      out.demo = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = (eq > 0 ? a.slice(2, eq) : a.slice(2)) as (typeof VALUE_OPTIONS)[number];
      if (!VALUE_OPTIONS.includes(name)) throw new UsageError(`Unknown option ${a}`);
      let value: string | undefined;
      if (eq > 0) value = a.slice(eq + 1);
      else {
        value = argv[++i];
        if (value === undefined) throw new UsageError(`${a} needs a value`);
      }
      if (name === 'reply') out.replies.push(value);
      else out[name] = value;
      continue;
    }
    out.positional.push(a);
  }
  return out;
}

/** The repository root: this file lives in sandbox/src/. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function openSandbox(args: Pick<ParsedArgs, 'project' | 'data' | 'mail-quota'> & { owner?: string }, env: NodeJS.ProcessEnv = process.env): Sandbox {
  const projectDir = path.resolve(args.project ?? path.join(REPO_ROOT, 'dist'));
  const dataDir = path.resolve(args.data ?? env.SANDBOX_DATA ?? path.join(REPO_ROOT, '.sandbox-data'));
  const quota = args['mail-quota'] ?? env.SANDBOX_MAIL_QUOTA;
  let mailQuota: number | undefined;
  if (quota !== undefined && quota !== '') {
    mailQuota = Number(quota);
    if (!Number.isInteger(mailQuota) || mailQuota < 0) throw new UsageError(`The mail quota must be a whole number (100 consumer, 1500 Workspace), not "${quota}"`);
  }
  // --owner only matters for a new state (the owner of the new workbook and script).
  return new Sandbox({ projectDir, dataDir, ...(args.owner ? { owner: args.owner } : {}), ...(mailQuota !== undefined ? { mailQuota } : {}) });
}

function need(positional: string[], n: number, what: string): string[] {
  if (positional.length < n + 1) throw new UsageError(`${positional[0]} needs ${what}`);
  return positional.slice(1);
}

function int(s: string, what: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${what} must be a whole number of at least 1, not "${s}"`);
  return n;
}

function json(s: string, what: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    throw new UsageError(`${what} must be JSON, not ${s}`);
  }
}

/** A JSON argument; bare words that are not JSON are taken as strings (call fn hello). */
function jsonArg(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export interface CliIo {
  env?: NodeJS.ProcessEnv;
  /** serve keeps running; tests get the server handle through this. */
  onServe?: (server: { url: string; close(): Promise<void> }) => void;
}

/**
 * Runs one command and returns what it prints (JSON-friendly). `serve` returns after the server
 * is listening. Throws UsageError for wrong usage and Error for everything else.
 */
export async function runCli(argv: string[], io: CliIo = {}): Promise<unknown> {
  const args = parseArgs(argv);
  const [verb] = args.positional;
  if (!verb) throw new UsageError('Give a verb.');
  const known = [
    'reset', 'open', 'menu', 'call', 'run', 'tabs', 'sheet', 'edit', 'paste', 'api-edit', 'append', 'select', 'rename', 'insert-columns',
    'delete-columns', 'mail', 'get', 'post', 'files', 'doc', 'triggers', 'clock', 'stats', 'serve', 'concurrent',
    'calendar-add', 'calendars',
  ];
  if (!known.includes(verb)) throw new UsageError(`Unknown verb "${verb}".`);
  const sb = openSandbox(args, io.env);
  const user = args.as ?? sb.state.owner;
  const p = args.positional;
  const replies = args.replies.map(actions.parseReply);
  switch (verb) {
    case 'reset': {
      const owner = args.owner ?? args.as ?? sb.state.owner;
      sb.reset(owner);
      return { ok: true, owner: sb.state.owner, clock: actions.clockInfo(sb) };
    }
    case 'open':
      return actions.openWorkbook(sb, user);
    case 'menu': {
      const [itemPath] = need(p, 1, 'a "Menu/Item" path');
      return actions.clickMenu(sb, user, itemPath, replies);
    }
    case 'call': {
      const [fn, ...rest] = need(p, 1, 'a function name');
      return actions.callFunction(sb, user, fn, rest.map(jsonArg));
    }
    case 'run': {
      const [fn] = need(p, 1, 'a function name');
      return actions.runFunction(sb, user, fn);
    }
    case 'tabs':
      return actions.listTabs(sb);
    case 'sheet': {
      const [tab] = need(p, 1, 'a tab name');
      return actions.sheetView(sb, tab);
    }
    case 'edit': {
      const [tab, a1, value] = need(p, 3, 'TAB A1 VALUE');
      return actions.editCell(sb, user, tab, a1, value);
    }
    case 'paste': {
      const [tab, a1, block] = need(p, 3, 'TAB A1 JSON_2D');
      return actions.pasteBlock(sb, user, tab, a1, json(block, 'The block'));
    }
    case 'api-edit': {
      const [tab, a1, value] = need(p, 3, 'TAB A1 VALUE');
      return actions.apiEdit(sb, user, tab, a1, value);
    }
    case 'append': {
      const [tab, obj] = need(p, 2, 'TAB JSON_OBJECT');
      return actions.appendRow(sb, user, tab, json(obj, 'The row'));
    }
    case 'select': {
      const [tab, a1] = need(p, 2, 'TAB A1');
      return actions.selectRange(sb, user, tab, a1);
    }
    case 'rename': {
      const [tab, to] = need(p, 2, 'TAB NEW_NAME');
      return actions.renameTab(sb, user, tab, to);
    }
    case 'insert-columns':
    case 'delete-columns': {
      const [tab, col, n] = need(p, 3, 'TAB COLUMN N');
      const f = verb === 'insert-columns' ? actions.insertColumns : actions.deleteColumns;
      return f(sb, user, tab, int(col, 'COLUMN'), int(n, 'N'));
    }
    case 'mail': {
      const all = actions.outbox(sb);
      if (p[1]) {
        const m = all.find((x) => x.id === p[1]);
        if (!m) throw new Error(`No mail with id ${p[1]}. The outbox has ${all.length} mail(s).`);
        return m;
      }
      return all.map(({ html: _html, ...rest }) => rest);
    }
    case 'get': {
      const [url] = need(p, 1, 'a URL');
      return actions.webGet(sb, user, url);
    }
    case 'post': {
      const [url, form] = need(p, 2, 'URL JSON_FORM');
      const f = json(form, 'The form');
      if (!f || typeof f !== 'object' || Array.isArray(f)) throw new UsageError('The form must be a JSON object of field names to values.');
      const fields: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(f as Record<string, unknown>)) fields[k] = Array.isArray(v) ? v.map(String) : String(v);
      return actions.webPost(sb, user, url, fields);
    }
    case 'files':
      return actions.files(sb);
    case 'calendar-add': {
      const [file] = need(p, 1, 'a JSON file');
      return actions.addCalendarFromFile(sb, file);
    }
    case 'calendars':
      return listCalendars(sb.state);
    case 'doc': {
      const [id] = need(p, 1, 'a document id or URL');
      const format = args.format ?? 'text';
      if (format !== 'text' && format !== 'html') throw new UsageError('--format is text or html');
      return actions.documentOf(sb, id, format);
    }
    case 'triggers':
      return actions.triggers(sb);
    case 'clock': {
      if (!p[1]) return actions.clockInfo(sb);
      return actions.advanceClock(sb, actions.parseClockArg(p[1], sb.state.clockMs, sb.timeZone));
    }
    case 'stats':
      return actions.lastStats(sb);
    case 'concurrent': {
      const fns = need(p, 1, 'one or more function names');
      const seed = args.seed === undefined ? 1 : Number(args.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${args.seed}"`);
      try {
        const run = sb.runConcurrent(
          fns.map((functionName) => ({ functionName, user })),
          { seed },
        );
        return {
          seed: run.seed,
          turns: run.schedule.length,
          schedule: run.schedule,
          results: run.results.map((r) => ({ functionName: r.functionName, ok: r.ok, value: r.value, ...(r.error ? { error: r.error } : {}), modeledSeconds: Math.round(r.modeledMs) / 1000, logs: r.logs })),
        };
      } finally {
        sb.close();
      }
    }
    case 'serve':
      return serve(sb, args, io);
    default:
      throw new UsageError(`Unknown verb "${verb}".`);
  }
}

async function serve(sb: Sandbox, args: ParsedArgs, io: CliIo): Promise<unknown> {
  const env = io.env ?? process.env;
  const port = args.port !== undefined ? Number(args.port) : env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Not a port: ${args.port ?? env.PORT}`);
  const init = args.init ?? (args.demo ? 'loadDemoData' : undefined);
  let initReport: unknown;
  const server = await startServer({ sandbox: sb, port, host: '127.0.0.1' });
  if (init) {
    if (!actions.definesFunction(sb, init)) {
      initReport = args.init
        ? { ran: false, message: `The project defines no function ${init}; starting without it.` }
        : { ran: false, message: 'The project defines no loadDemoData(); starting with an empty workbook.' };
    } else if (isEmptyState(sb)) {
      const r = actions.runFunction(sb, sb.state.owner, init);
      initReport = { ran: true, function: init, ok: r.ok, ...(r.error ? { error: r.error } : {}) };
    } else {
      initReport = { ran: false, message: `The sandbox already has data; ${init} not run (gas-sandbox reset to start over).` };
    }
  }
  io.onServe?.(server);
  return { url: server.url, project: sb.project.dir, data: sb.store?.dir, owner: sb.state.owner, ...(initReport ? { init: initReport } : {}) };
}

/** A state no execution has touched yet (no service has written a slice other than the workbench's). */
function isEmptyState(sb: Sandbox): boolean {
  return Object.keys(sb.state.services).filter((k) => k !== 'workbench').length === 0 || actions.executionLog(sb).length === 0;
}

export async function main(argv: string[]): Promise<void> {
  let serving = false;
  try {
    const out = await runCli(argv, {
      onServe: (server) => {
        serving = true;
        const stop = () => {
          void server.close().then(() => process.exit(0));
          setTimeout(() => process.exit(0), 2000).unref();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    });
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    if (serving) process.stderr.write(`Workbench running at ${(out as { url: string }).url} (Ctrl+C to stop)\n`);
  } catch (err) {
    if (err instanceof HelpRequested) {
      process.stdout.write(USAGE);
      return;
    }
    if (err instanceof UsageError) {
      if (err.message) process.stderr.write(`${err.message}\n\n`);
      process.stderr.write(USAGE);
      process.exitCode = 2;
      return;
    }
    process.stdout.write(`${JSON.stringify({ error: (err as Error)?.message ?? String(err) })}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main(process.argv.slice(2));
