/**
 * The interactive part of the benchmark: what people do most (open the workbook, edit a cell, open
 * the panel, call it, open a review link), with the targets each must meet, and one day of the
 * installed triggers. Used by bench/run.ts.
 */
import { advanceClock, editCell, listTabs, openWorkbook, pasteBlock, sheetView, tracked } from '../sandbox/src/actions';
import type { Sandbox, ExecutionResult } from '../sandbox/src/sandbox';
import { callFromClient } from '../sandbox/src/script-run';
import { webAppRequest } from '../sandbox/src/webapp';

/** What an interactive action must stay within. `perCall`: the limit applies to each execution. */
export interface Target {
  maxCalls?: number;
  maxSeconds: number;
  perCall?: boolean;
  label: string;
}

/** onOpen and onEdit: at most 5 service calls and 0.5 modeled s at any size (people feel every edit). */
export const TRIGGER_TARGET: Target = { maxCalls: 5, maxSeconds: 0.5, label: '≤5 calls, ≤0.5 s' };
/** A panel call (and each call of opening the panel or a dialog): at most 1 modeled s. */
export const PANEL_TARGET: Target = { maxSeconds: 1, perCall: true, label: '≤1 s per call' };
/** The review page's GET (the target), and the bench holds its POST and the submission page's GET and POST to it too: at most 1 modeled s. */
export const PAGE_TARGET: Target = { maxSeconds: 1, label: '≤1 s' };
/** One day of installed triggers at 10,000 rows: at most 10% of the consumer cap (90 min/day). */
export const CONSUMER_TRIGGER_CAP_S = 90 * 60;
export const DAY_TARGET: Target = { maxSeconds: 0.1 * CONSUMER_TRIGGER_CAP_S, label: '≤10% of 90 min' };

export interface Measured {
  action: string;
  rows: number;
  calls: Record<string, number>;
  modeledSeconds: number;
  /** The slowest single execution of the action (several for opening the panel or a day). */
  maxExecSeconds: number;
  executions: number;
  localMs: number;
  ok: boolean;
  error?: string;
  target?: string;
  met?: boolean;
}

function sum(results: ExecutionResult[]): { calls: Record<string, number>; ms: number; max: number } {
  const calls: Record<string, number> = {};
  let ms = 0;
  let max = 0;
  for (const r of results) {
    // Service round trips: calls with a modeled cost. Getters on objects already fetched (a sheet's
    // name, a menu builder's addItem) are local in Apps Script and cost nothing.
    for (const c of r.calls) if (c.ms > 0) calls[c.service] = (calls[c.service] ?? 0) + 1;
    ms += r.modeledMs;
    max = Math.max(max, r.modeledMs);
  }
  return { calls, ms, max };
}

export function totalCalls(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** Whether a measured action meets its target (a failed action never does). */
export function meets(m: Measured, t: Target): boolean {
  if (!m.ok) return false;
  const seconds = t.perCall ? m.maxExecSeconds : m.modeledSeconds;
  if (seconds > t.maxSeconds + 1e-9) return false;
  if (t.maxCalls !== undefined && totalCalls(m.calls) > t.maxCalls * (t.perCall ? m.executions : 1)) return false;
  return true;
}

/**
 * BENCH_DUMP=<part of an action's name>: print that action's service calls in order, with their
 * modeled ms, to see where its time goes.
 */
export function dumpCalls(action: string, rows: number, r: { calls: Array<{ service: string; method: string; ms: number }> }): void {
  const want = process.env.BENCH_DUMP;
  if (!want || !action.includes(want)) return;
  process.stderr.write(`\n${action} @ ${rows}:\n`);
  for (const c of r.calls) if (c.ms > 0) process.stderr.write(`  ${String(c.ms).padStart(5)} ms  ${c.service}.${c.method}\n`);
}

/**
 * Runs `fn`, collects every execution the sandbox ran meanwhile, and records them as one action.
 * `check` says whether the action did what it should (an endpoint's Result, a page's status).
 */
export function measureExecs(sb: Sandbox, action: string, rows: number, fn: () => string | void, out: Measured[], target?: Target): Measured {
  const t0 = process.hrtime.bigint();
  let error: string | undefined;
  const { executions } = tracked(sb, () => {
    try {
      const e = fn();
      if (e) error = e;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  });
  const localMs = Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
  for (const r of executions) dumpCalls(action, rows, r);
  for (const r of executions) if (!r.ok && !error) error = `${r.functionName}: ${r.error?.message ?? 'failed'}`;
  if (!executions.length && !error) error = 'no execution ran';
  const s = sum(executions);
  const m: Measured = {
    action,
    rows,
    calls: s.calls,
    modeledSeconds: s.ms / 1000,
    maxExecSeconds: s.max / 1000,
    executions: executions.length,
    localMs,
    ok: !error,
    ...(error ? { error } : {}),
  };
  if (target) {
    m.target = target.label;
    m.met = meets(m, target);
  }
  out.push(m);
  return m;
}

/** google.script.run from the panel as `user`; returns an error text when the Result is not ok. */
export function panelCall(sb: Sandbox, user: string, fn: string, req: unknown): { error?: string; value?: unknown } {
  const r = callFromClient(sb, fn, [req], user);
  if (!r.ok) return { error: r.error.message };
  const v = r.value as { ok?: boolean; value?: unknown; error?: { message: string } } | null;
  if (!v || v.ok !== true) return { error: v?.error?.message ?? 'no result' };
  return { value: v.value };
}

/** onOpen as `user`. */
export function onOpenAs(sb: Sandbox, user: string): string | void {
  const r = openWorkbook(sb, user);
  if (!r.menus.some((m) => m.name === 'Siaran')) return 'no Siaran menu';
}

/** Opening the panel as `user`: the menu item, then the panel's first calls (who am I, the first view). */
export function openPanelAs(sb: Sandbox, user: string, firstView: 'apiMyTasks' | 'apiPendingDecisions'): string | void {
  const menu = sb.run('menuOpenPanel', { kind: 'menu', user });
  if (!menu.ok) return menu.error?.message;
  if (!menu.ui.some((u) => u.type === 'sidebar')) return 'no sidebar';
  const me = panelCall(sb, user, 'apiWhoAmI', {});
  if (me.error) return me.error;
  return panelCall(sb, user, firstView, {}).error;
}

/** A1 column letters of a 1-based column. */
function colA1(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * An edit on each tab: one typed cell and one pasted block (3 rows x 2 columns) below the last
 * row, in the first columns `user` may edit (on a tab they may not edit at all, as the owner, who
 * may: onEdit then reverts the change). What is typed: a short text, the kind people type.
 */
export function measureEdits(sb: Sandbox, rows: number, users: { staff: string; owner: string }, out: Measured[]): void {
  for (const tab of listTabs(sb)) {
    const staffView = sheetView(sb, tab.name, users.staff);
    const headed = staffView.headers.map((h, i) => (h ? i + 1 : 0)).filter((c) => c > 0);
    // Columns a typed text fits: not protected for the staff member, no validation that rejects it.
    const free = headed.filter((c) => !staffView.protectedColumns.includes(c) && (!staffView.validations[c - 1] || staffView.validations[c - 1]!.allowInvalid));
    const user = free.length >= 2 ? users.staff : users.owner;
    const ownerView = sheetView(sb, tab.name, users.owner);
    const cols = free.length >= 2 ? free : headed.filter((c) => !ownerView.validations[c - 1] || ownerView.validations[c - 1]!.allowInvalid);
    if (cols.length < 2) continue;
    // The pasted block covers two adjacent columns: the first pair both fit.
    const pair = cols.find((c) => cols.includes(c + 1)) ?? cols[0];
    const row = staffView.lastRow + 1;
    const who = user === users.staff ? 'staff' : 'owner';
    measureExecs(sb, `onEdit ${tab.name}: typed cell (${who})`, rows, () => {
      editCell(sb, user, tab.name, `${colA1(cols[0])}${row}`, 'Catatan baru');
    }, out, TRIGGER_TARGET);
    measureExecs(sb, `onEdit ${tab.name}: pasted 3×2 (${who})`, rows, () => {
      pasteBlock(sb, user, tab.name, `${colA1(pair)}${row + 1}`, [0, 1, 2].map((i) => [`Tempel ${i}`, `Teks ${i}`]));
    }, out, TRIGGER_TARGET);
  }
}

/** The review page of `link` (GET) as `user`. */
export function reviewGet(sb: Sandbox, user: string, link: string): string | void {
  const res = webAppRequest(sb, { method: 'GET', url: link, user });
  if (res.status !== 200) return `status ${res.status}`;
  if (!/<form/i.test(res.body)) return 'no decision form on the review page';
}

/**
 * One day of Siaran's installed triggers: the clock runs 24 hours from `fromMs` and every due
 * firing runs (hourly, daily, one-shot resumes and digests). Returns the sum of their modeled time.
 */
export function triggerDay(sb: Sandbox, fromMs: number): string | void {
  sb.setClock(fromMs);
  const r = advanceClock(sb, fromMs + 86400000);
  const failed = r.fired.filter((f) => !f.ok);
  if (failed.length) return failed.map((f) => `${f.handler}: ${f.error}`).join('; ');
  if (!r.fired.length) return 'no trigger fired';
}
