/**
 * Host-level actions: what a person does in Google Sheets, Gmail, Drive or a browser, expressed as
 * operations on a Sandbox. The CLI and the workbench both call these; every result is JSON-friendly.
 *
 * The actions tie the services together the way Google does: a cell edit fires the onEdit simple
 * trigger and the installable ON_EDIT triggers, opening the workbook runs onOpen and collects its
 * menus, advancing the clock fires the time-driven triggers that fall due, in time order.
 */
import { readFileSync } from 'node:fs';
import { fromWall } from './services/spreadsheet/format';
import { parse, HTMLElement } from 'node-html-parser';
import type { ExecutionResult, Sandbox } from './sandbox';
import type { UiEvent, UiReply } from './execution';
import * as sheets from './services/spreadsheet';
import type { EditInfo, SheetView, TabInfo } from './services/spreadsheet';
import * as script from './services/script';
import { newId as newStateId } from './state';
import * as mail from './services/mail';
import * as drive from './services/drive';
import { addCalendar, calendarFromJson } from './services/calendar';
import * as documentSvc from './services/document';
import { callFromClient } from './script-run';
import { webAppRequest } from './webapp';

export type { EditInfo, SheetView, TabInfo };

export interface MenuItem {
  caption: string;
  functionName: string;
}
export interface Menu {
  name: string;
  items: Array<MenuItem | { separator: true }>;
  addon: boolean;
}

/** Host options for the bound workbook: a workbook created now takes the script's time zone. */
function wb(sb: Sandbox): { timeZone: string } {
  return { timeZone: sb.timeZone };
}

// ---------------------------------------------------------------------------------------------
// The workbench's own slice of state: menus per user and a short log of executions (the CLI runs
// one process per command, so the log must persist for `stats`).

export interface ExecutionSummary {
  functionName: string;
  kind: string;
  user: string;
  ok: boolean;
  error?: string;
  needsReply?: boolean;
  modeledMs: number;
  modeledSeconds: number;
  calls: number;
  callsByService: Record<string, number>;
  callsByMethod: Record<string, number>;
  startedAtMs: number;
  logs: string[];
}

interface WorkbenchSlice {
  menus: Record<string, Menu[]>;
  executions: ExecutionSummary[];
}

const MAX_LOG = 100;

function workbench(sb: Sandbox): WorkbenchSlice {
  const s = sb.state.services as Record<string, unknown>;
  if (!s.workbench) s.workbench = { menus: {}, executions: [] } satisfies WorkbenchSlice;
  const w = s.workbench as WorkbenchSlice;
  w.menus ??= {};
  w.executions ??= [];
  return w;
}

export function summarize(r: ExecutionResult): ExecutionSummary {
  const byMethod: Record<string, number> = {};
  for (const c of r.calls) byMethod[`${c.service}.${c.method}`] = (byMethod[`${c.service}.${c.method}`] ?? 0) + 1;
  return {
    functionName: r.functionName,
    kind: r.kind,
    user: r.user,
    ok: r.ok,
    ...(r.error ? { error: `${r.error.name === 'Error' || r.error.name === 'Exception' ? '' : `${r.error.name}: `}${r.error.message}` } : {}),
    ...(r.needsReply ? { needsReply: true } : {}),
    modeledMs: r.modeledMs,
    modeledSeconds: Math.round(r.modeledMs) / 1000,
    calls: r.calls.length,
    callsByService: r.callsByService,
    callsByMethod: byMethod,
    startedAtMs: r.startedAtMs,
    logs: r.logs.slice(0, 50),
  };
}

/**
 * Runs `fn` and returns its value with every execution the sandbox ran meanwhile (including those
 * started inside the services, e.g. by a web-app request), logged in the workbench slice and saved.
 */
export function tracked<T>(sb: Sandbox, fn: () => T): { value: T; executions: ExecutionResult[] } {
  const before = new Set(sb.history);
  let value: T;
  try {
    value = fn();
  } finally {
    const fresh = sb.history.filter((r) => !before.has(r));
    const w = workbench(sb);
    for (const r of fresh) w.executions.push(summarize(r));
    if (w.executions.length > MAX_LOG) w.executions.splice(0, w.executions.length - MAX_LOG);
    sb.save();
  }
  return { value, executions: sb.history.filter((r) => !before.has(r)) };
}

export function executionLog(sb: Sandbox): ExecutionSummary[] {
  return workbench(sb).executions;
}

// ---------------------------------------------------------------------------------------------
// Project introspection

const functionCache = new WeakMap<Sandbox, Set<string>>();

/** Top-level functions of the project (cached per sandbox: the project does not change). */
export function projectFunctions(sb: Sandbox): Set<string> {
  let set = functionCache.get(sb);
  if (!set) {
    set = new Set(sb.globalFunctions());
    functionCache.set(sb, set);
  }
  return set;
}

export function definesFunction(sb: Sandbox, name: string): boolean {
  return projectFunctions(sb).has(name);
}

/** Functions the editor's Run menu offers: top-level, not private (no trailing _), not service globals. */
export function runnableFunctions(sb: Sandbox): string[] {
  return [...projectFunctions(sb)].filter((n) => !n.endsWith('_') && !/^[A-Z]/.test(n) && n !== 'Date').sort();
}

// ---------------------------------------------------------------------------------------------
// UI events as a person sees them

export type SeenUi =
  | { type: 'toast'; title: string; message: string }
  | { type: 'alert'; title: string; prompt: string; buttons: string; reply: string }
  | { type: 'prompt'; title: string; prompt: string; buttons: string; reply: string; text: string }
  | { type: 'sidebar'; title: string; html: string; width?: number }
  | { type: 'dialog'; title: string; html: string; modal: boolean; width?: number; height?: number };

export function seenUi(events: UiEvent[]): SeenUi[] {
  const out: SeenUi[] = [];
  for (const e of events) {
    if (e.type === 'menu') continue;
    if (e.type === 'toast') out.push({ type: 'toast', title: e.title, message: e.message });
    else out.push({ ...e });
  }
  return out;
}

export interface RunReport {
  functionName: string;
  kind: string;
  user: string;
  ok: boolean;
  value?: unknown;
  error?: string;
  needsReply?: ExecutionResult['needsReply'];
  ui: SeenUi[];
  logs: string[];
  modeledSeconds: number;
  callsByService: Record<string, number>;
}

export function report(r: ExecutionResult): RunReport {
  return {
    functionName: r.functionName,
    kind: r.kind,
    user: r.user,
    ok: r.ok,
    ...(r.ok && r.value !== undefined ? { value: jsonSafe(r.value) } : {}),
    ...(r.error && !r.needsReply ? { error: r.error.message } : {}),
    ...(r.needsReply ? { needsReply: r.needsReply } : {}),
    ui: seenUi(r.ui),
    logs: r.logs,
    modeledSeconds: Math.round(r.modeledMs) / 1000,
    callsByService: r.callsByService,
  };
}

/** A value from script code, made JSON-friendly (Dates to ISO strings, objects with methods to a tag). */
export function jsonSafe(v: unknown, depth = 0): unknown {
  if (v === null || v === undefined) return v ?? null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'function') return undefined;
  if (Object.prototype.toString.call(v) === '[object Date]') {
    const t = (v as Date).getTime();
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  if (depth > 20) return '[deep]';
  if (Array.isArray(v)) return v.map((x) => jsonSafe(x, depth + 1) ?? null);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const j = jsonSafe(x, depth + 1);
      if (j !== undefined) out[k] = j;
    }
    return out;
  }
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// Opening the workbook and its menus

function openEventBuilder(user: string, extra: Record<string, unknown> = {}, authMode = 'LIMITED') {
  return (globals: Record<string, unknown>): unknown[] => {
    const ScriptApp = globals.ScriptApp as { AuthMode?: Record<string, unknown> } | undefined;
    const SpreadsheetApp = globals.SpreadsheetApp as { getActiveSpreadsheet?: () => unknown } | undefined;
    const Session = globals.Session as { getActiveUser?: () => unknown } | undefined;
    const event: Record<string, unknown> = { authMode: ScriptApp?.AuthMode?.[authMode] ?? authMode, ...extra };
    try {
      if (SpreadsheetApp?.getActiveSpreadsheet) event.source = SpreadsheetApp.getActiveSpreadsheet();
    } catch {
      /* a workbook is not available: leave source out */
    }
    try {
      event.user = Session?.getActiveUser ? Session.getActiveUser() : user;
    } catch {
      event.user = user;
    }
    return [event];
  };
}

export interface OpenResult {
  user: string;
  menus: Menu[];
  executions: RunReport[];
}

function menusOf(results: ExecutionResult[]): Menu[] {
  const menus: Menu[] = [];
  for (const r of results) {
    for (const e of r.ui) {
      if (e.type !== 'menu') continue;
      const i = menus.findIndex((m) => m.name === e.name);
      const menu: Menu = { name: e.name, items: e.items.map((x) => ({ ...x })), addon: e.addon };
      if (i >= 0) menus[i] = menu;
      else menus.push(menu);
    }
  }
  return menus;
}

/**
 * What opening the workbook in a browser does: the onOpen simple trigger (if the project defines
 * it), then each installable ON_OPEN trigger as its owner. Returns the menus the user now sees.
 */
export function openWorkbook(sb: Sandbox, user: string): OpenResult {
  const { executions } = tracked(sb, () => {
    if (definesFunction(sb, 'onOpen')) sb.run('onOpen', { kind: 'simpleTrigger', user, args: openEventBuilder(user) });
    for (const t of script.eventTriggers(sb.state, 'ON_OPEN', sheets.boundSpreadsheetId(sb.state, wb(sb)))) {
      sb.run(t.handler, { kind: 'trigger', user, effectiveUser: t.owner, args: openEventBuilder(user, { triggerUid: t.triggerUid }, 'FULL') });
    }
  });
  const menus = menusOf(executions);
  workbench(sb).menus[user] = menus;
  sb.save();
  return { user, menus, executions: executions.map(report) };
}

/** The menus a user saw when they last opened the workbook ([] if they never did). */
export function knownMenus(sb: Sandbox, user: string): Menu[] {
  return workbench(sb).menus[user] ?? [];
}

/** The menus a user saw when they last opened the workbook (opening it first if they never did). */
export function menusFor(sb: Sandbox, user: string): Menu[] {
  const known = workbench(sb).menus[user];
  return known ?? openWorkbook(sb, user).menus;
}

export function findMenuItem(menus: Menu[], itemPath: string): MenuItem | undefined {
  for (const m of menus) {
    if (!itemPath.startsWith(`${m.name}/`)) continue;
    const rest = itemPath.slice(m.name.length + 1);
    const items = m.items.filter((x): x is MenuItem => !('separator' in x));
    const hit = items.find((x) => x.caption === rest) ?? items.find((x) => x.caption.trim().toLowerCase() === rest.trim().toLowerCase());
    if (hit) return hit;
    const byFn = items.find((x) => x.functionName === rest);
    if (byFn) return byFn;
  }
  return undefined;
}

export interface MenuClickResult extends RunReport {
  path: string;
  needsReply?: ExecutionResult['needsReply'];
}

/**
 * Clicks "Menu/Item". Alerts and prompts take `replies` in order; when they run out the result has
 * `needsReply` and the caller asks the person, then clicks again with one more reply (the item runs
 * again from the start, as if the person had answered at once).
 */
export function clickMenu(sb: Sandbox, user: string, itemPath: string, replies: UiReply[] = []): MenuClickResult {
  const menus = menusFor(sb, user);
  const item = findMenuItem(menus, itemPath);
  if (!item) {
    const known = menus.flatMap((m) => m.items.filter((x): x is MenuItem => !('separator' in x)).map((x) => `${m.name}/${x.caption}`));
    throw new Error(`No menu item "${itemPath}". The menus are: ${known.length ? known.join(', ') : '(none: the project adds no menu)'}`);
  }
  // A run that stops at an alert or prompt nobody has answered yet is undone, so that running it
  // again from the start with the answer does its work once (Apps Script waits at the alert; the
  // sandbox replays). Without this, a report built before a closing alert was built twice.
  const before = JSON.stringify(sb.state);
  const { value } = tracked(sb, () => {
    const r = sb.run(item.functionName, { kind: 'menu', user, replies });
    if (r.needsReply) sb.state = JSON.parse(before) as typeof sb.state;
    return r;
  });
  return { path: itemPath, ...report(value) };
}

/** Parses a reply as the CLI and the workbench give it: a button name, or a prompt's text (OK). */
export function parseReply(text: string): UiReply {
  const up = text.trim().toUpperCase();
  if (['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'].includes(up)) return { button: up };
  return { button: 'OK', text };
}

// ---------------------------------------------------------------------------------------------
// Editing the workbook

export interface EditResult {
  info: EditInfo;
  executions: RunReport[];
}

/** Fires onEdit (simple trigger) and the installable ON_EDIT triggers for one edited cell. */
function fireEdit(sb: Sandbox, user: string, info: EditInfo): void {
  if (definesFunction(sb, 'onEdit')) {
    sb.run('onEdit', { kind: 'simpleTrigger', user, args: (globals) => [sheets.buildEditEvent(globals, info, user)] });
  }
  for (const t of script.eventTriggers(sb.state, 'ON_EDIT', sheets.boundSpreadsheetId(sb.state, wb(sb)))) {
    sb.run(t.handler, {
      kind: 'trigger',
      user,
      effectiveUser: t.owner,
      args: (globals) => [sheets.buildEditEvent(globals, info, user, { triggerUid: t.triggerUid })],
    });
  }
}

/** A person types `input` into `tab`!`a1`. A refused edit (protection, validation) throws its message. */
export function editCell(sb: Sandbox, user: string, tab: string, a1: string, input: string): EditResult {
  const info = sheets.applyUserEdit(sb.state, { tab, a1, input, user }, wb(sb));
  sb.save();
  const { executions } = tracked(sb, () => fireEdit(sb, user, info));
  return { info, executions: executions.map(report) };
}

export interface AppendResult {
  infos: EditInfo[];
  executions: RunReport[];
}

/** A row as header -> text: an object keyed by header, or an array in column order. */
function rowValues(sb: Sandbox, tab: string, values: unknown): Record<string, string> {
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (Array.isArray(values)) {
    const headers = sheets.sheetView(sb.state, tab, wb(sb)).headers;
    if (values.length > headers.length) throw new Error(`The row has ${values.length} values but ${tab} has ${headers.length} headed columns.`);
    const out: Record<string, string> = {};
    values.forEach((v, i) => {
      if (!headers[i]) throw new Error(`Column ${i + 1} of ${tab} has no header.`);
      out[headers[i]] = text(v);
    });
    return out;
  }
  if (!values || typeof values !== 'object') throw new Error('The row must be an object keyed by header (or an array in column order).');
  return Object.fromEntries(Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, text(v)]));
}

/**
 * A person fills in a new row at the bottom of `tab` (values: an object keyed by header, or an
 * array). onEdit fires once per edited cell, left to right, as when typing the row cell by cell.
 */
export function appendRow(sb: Sandbox, user: string, tab: string, values: unknown): AppendResult {
  const infos = sheets.appendUserRow(sb.state, { tab, values: rowValues(sb, tab, values), user }, wb(sb));
  sb.save();
  const { executions } = tracked(sb, () => {
    for (const info of infos) fireEdit(sb, user, info);
  });
  return { infos, executions: executions.map(report) };
}

/** Adds (or replaces) a Google Calendar from a JSON file (see calendarFromJson); the state is saved. */
export function addCalendarFromFile(sb: Sandbox, file: string): { ok: true; id: string; events: number } {
  let raw: unknown;
  let problem = '';
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
  }
  if (problem) throw new Error(`calendar-add: cannot read ${file}: ${problem}`);
  const cal = calendarFromJson(raw);
  addCalendar(sb.state, cal);
  sb.save();
  return { ok: true, id: cal.id, events: cal.events.length };
}

/** Renames a tab (Sheets fires no onEdit for structural changes; neither does the sandbox). */
export function renameTab(sb: Sandbox, _user: string, from: string, to: string): unknown {
  sheets.renameTab(sb.state, from, to, wb(sb));
  sb.save();
  return { ok: true, from, to };
}

export function insertColumns(sb: Sandbox, _user: string, tab: string, column: number, n: number): unknown {
  sheets.insertColumns(sb.state, tab, column, n, wb(sb));
  sb.save();
  return { ok: true, tab, column, inserted: n };
}

export function deleteColumns(sb: Sandbox, _user: string, tab: string, column: number, n: number): unknown {
  sheets.deleteColumns(sb.state, tab, column, n, wb(sb));
  sb.save();
  return { ok: true, tab, column, deleted: n };
}

/**
 * A person pastes a block (rows of cell texts) at `a1`: written at once as typed input, refused
 * whole by a protection or a rejecting validation, and ONE onEdit (and ON_EDIT trigger run) for
 * the whole range, with no value/oldValue when it is more than one cell.
 */
export function pasteBlock(sb: Sandbox, user: string, tab: string, a1: string, rows: unknown): EditResult {
  const info = sheets.applyUserPaste(sb.state, { tab, a1, rows, user }, wb(sb));
  sb.save();
  const { executions } = tracked(sb, () => fireEdit(sb, user, info));
  return { info, executions: executions.map(report) };
}

/** Splits pasted clipboard text (tabs between cells, newlines between rows) into rows. */
export function clipboardRows(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((l) => l.split('\t'));
}

/**
 * An edit that fires no onEdit: the Sheets API (valueInputOption USER_ENTERED) or another script
 * writing as `user`. Protections still hold for that user.
 */
export function apiEdit(sb: Sandbox, user: string, tab: string, a1: string, input: string): { info: EditInfo; executions: RunReport[] } {
  const info = sheets.applyApiEdit(sb.state, { tab, a1, input, user }, wb(sb));
  sb.save();
  return { info, executions: [] };
}

/**
 * A person selects a range (comma-separated ranges: a multi-range selection, the last active):
 * what getActiveRange/getActiveRangeList/getSelection then return. Fires the onSelectionChange
 * simple trigger when the project defines it.
 */
export function selectRange(sb: Sandbox, user: string, tab: string, a1: string): { ok: true; tab: string; a1: string; ranges: string[]; executions: RunReport[] } {
  const sel = sheets.selectRange(sb.state, tab, a1, wb(sb));
  sb.save();
  const { executions } = tracked(sb, () => {
    if (definesFunction(sb, 'onSelectionChange')) {
      sb.run('onSelectionChange', { kind: 'simpleTrigger', user, args: (globals) => [sheets.buildSelectionEvent(globals, sel, user)] });
    }
  });
  return { ok: true, tab, a1: sel.a1 ?? '', ranges: sel.ranges, executions: executions.map(report) };
}

export function listTabs(sb: Sandbox): TabInfo[] {
  const tabs = sheets.listTabs(sb.state, wb(sb));
  sb.save();
  return tabs;
}

/** A tab as `user` sees it (protected columns are the ones this user may not edit). */
export function sheetView(sb: Sandbox, tab: string, user?: string): SheetView {
  return sheets.sheetView(sb.state, tab, { ...wb(sb), ...(user ? { user } : {}) });
}

export function workbookInfo(sb: Sandbox): sheets.WorkbookInfo {
  return sheets.workbookInfo(sb.state, wb(sb));
}

// ---------------------------------------------------------------------------------------------
// Running functions

export interface CallResult {
  ok: boolean;
  value?: unknown;
  error?: unknown;
  executions: RunReport[];
}

/** google.script.run.fn(...args) from a sidebar, dialog or web page. */
export function callFunction(sb: Sandbox, user: string, fn: string, args: unknown[]): CallResult {
  const { value: r, executions } = tracked(sb, () => callFromClient(sb, fn, args, user));
  return r.ok
    ? { ok: true, value: r.value, executions: executions.map(report) }
    : { ok: false, error: r.error, executions: executions.map(report) };
}

/** The script editor's Run button. */
export function runFunction(sb: Sandbox, user: string, fn: string): RunReport {
  if (!definesFunction(sb, fn)) throw new Error(`Script function not found: ${fn}`);
  const { value } = tracked(sb, () => sb.run(fn, { kind: 'editor', user }));
  return report(value);
}

// ---------------------------------------------------------------------------------------------
// The clock and time-driven triggers

export interface ClockFiring {
  atMs: number;
  at: string;
  handler: string;
  owner: string;
  triggerUid: string;
  ok: boolean;
  error?: string;
  modeledSeconds: number;
}

export interface ClockResult {
  fromMs: number;
  toMs: number;
  from: string;
  to: string;
  local: string;
  timeZone: string;
  fired: ClockFiring[];
}

/** Formats epoch ms in a time zone as "2026-03-02 09:00:00 (Asia/Jakarta)". */
export function localTime(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('weekday')} ${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

/**
 * Parses a clock argument: an ISO date-time (without an offset it is read in the script's time
 * zone), or "+N" minutes, "+Nm", "+Nh", "+Nd". Returns epoch ms.
 */
export function parseClockArg(arg: string, nowMs: number, timeZone: string): number {
  const rel = /^\+(\d+(?:\.\d+)?)\s*(m|min|h|d)?$/i.exec(arg.trim());
  if (rel) {
    const unit = (rel[2] ?? 'm').toLowerCase();
    const mult = unit === 'h' ? 3600_000 : unit === 'd' ? 86400_000 : 60_000;
    return nowMs + Math.round(Number(rel[1]) * mult);
  }
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(arg.trim());
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((x) => Number(x ?? 0));
    return fromWall(Date.UTC(y, mo - 1, d, h, mi, s), timeZone);
  }
  const ms = Date.parse(arg);
  if (Number.isNaN(ms)) throw new Error(`Not a time: "${arg}". Give an ISO date-time (2026-03-02T09:00) or +MINUTES (+90, +2h, +1d).`);
  return ms;
}

/** A clock advance in progress: `step()` runs the next due firing; the server runs it in slices. */
export interface ClockAdvance {
  readonly fromMs: number;
  readonly toMs: number;
  readonly fired: ClockFiring[];
  /** Firings known to be due still (handlers may add more). */
  remaining(): number;
  done(): boolean;
  /** Runs the next firing (moving the clock to its time). */
  step(): void;
  /** Sets the clock to the target time and returns what happened. */
  finish(): ClockResult;
}

/**
 * Starts moving the clock forward to `toMs`: every time-driven trigger that falls due on the way
 * fires in time order, with the clock set to each firing's time, the handler running as the
 * trigger's owner with the clock event. Triggers a handler creates or deletes take effect for
 * later firings. Moving the clock backwards fires nothing.
 */
export function startClockAdvance(sb: Sandbox, toMs: number, maxFirings = 10_000): ClockAdvance {
  const fromMs = sb.state.clockMs;
  const tz = sb.timeZone;
  const fired: ClockFiring[] = [];
  const { dueTriggers, clockEvent } = script;
  const uids = () => new Set(script.listTriggers(sb.state).map((t) => t.uid));
  let known = uids();
  // dueTriggers removes the one-shot triggers it returns: they may fire although no longer listed.
  let queue = toMs > fromMs ? dueTriggers(sb.state, fromMs, toMs, tz) : [];
  const listed = uids();
  const oneShots = new Set(queue.map((q) => q.triggerUid).filter((u) => !listed.has(u)));
  const step = () => {
    const next = queue.shift();
    if (!next) return;
    // A handler that ran earlier may have deleted this trigger.
    if (!oneShots.has(next.triggerUid) && !uids().has(next.triggerUid)) return;
    sb.setClock(next.atMs);
    const { value: r } = tracked(sb, () =>
      sb.run(next.handler, {
        kind: 'trigger',
        user: next.owner,
        effectiveUser: next.owner,
        args: () => [clockEvent(next.atMs, tz, next.triggerUid)],
      }),
    );
    fired.push({
      atMs: next.atMs,
      at: localTime(next.atMs, tz),
      handler: next.handler,
      owner: next.owner,
      triggerUid: next.triggerUid,
      ok: r.ok,
      ...(r.error ? { error: r.error.message } : {}),
      modeledSeconds: Math.round(r.modeledMs) / 1000,
    });
    if (fired.length >= maxFirings) throw new Error(`More than ${maxFirings} trigger firings; advance the clock in smaller steps.`);
    // Triggers the handler created fire later in the same advance.
    const now = uids();
    const created = [...now].filter((u) => !known.has(u));
    known = now;
    if (created.length) {
      const more = dueTriggers(sb.state, next.atMs, toMs, tz).filter((d) => created.includes(d.triggerUid));
      for (const m of more) if (!uids().has(m.triggerUid)) oneShots.add(m.triggerUid);
      queue = [...queue, ...more].sort((a, b) => a.atMs - b.atMs);
    }
  };
  return {
    fromMs,
    toMs,
    fired,
    remaining: () => queue.length,
    done: () => queue.length === 0,
    step,
    finish: () => {
      sb.setClock(toMs);
      return { fromMs, toMs, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), local: localTime(toMs, tz), timeZone: tz, fired };
    },
  };
}

/** Moves the clock forward to `toMs`, firing the due time-driven triggers (see startClockAdvance); the state is written once. */
export function advanceClock(sb: Sandbox, toMs: number, maxFirings = 10_000): ClockResult {
  const release = sb.holdSaves();
  try {
    const adv = startClockAdvance(sb, toMs, maxFirings);
    while (!adv.done()) adv.step();
    return adv.finish();
  } finally {
    release();
  }
}

export function clockInfo(sb: Sandbox): { clockMs: number; iso: string; local: string; timeZone: string } {
  return { clockMs: sb.state.clockMs, iso: new Date(sb.state.clockMs).toISOString(), local: localTime(sb.state.clockMs, sb.timeZone), timeZone: sb.timeZone };
}

// ---------------------------------------------------------------------------------------------
// The web app

export interface FormField {
  name: string;
  type: string;
  value: string;
  label: string;
  checked?: boolean;
  options?: Array<{ value: string; label: string; selected: boolean }>;
}
export interface PageForm {
  action: string;
  method: string;
  fields: FormField[];
}

function text(el: HTMLElement | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The forms of an HTML page, with their fields and the fields' labels. */
export function parseForms(html: string): PageForm[] {
  const root = parse(html);
  const labelFor = new Map<string, string>();
  for (const l of root.querySelectorAll('label')) {
    const f = l.getAttribute('for');
    if (f) labelFor.set(f, text(l));
  }
  const labelOf = (el: HTMLElement): string => {
    const id = el.getAttribute('id');
    if (id && labelFor.has(id)) return labelFor.get(id) ?? '';
    let p = el.parentNode as HTMLElement | null;
    while (p && p.tagName) {
      if (p.tagName === 'LABEL') return text(p);
      p = p.parentNode as HTMLElement | null;
    }
    return el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? '';
  };
  return root.querySelectorAll('form').map((form) => {
    const fields: FormField[] = [];
    for (const el of form.querySelectorAll('input, select, textarea, button')) {
      const tag = el.tagName.toLowerCase();
      const name = el.getAttribute('name') ?? '';
      if (tag === 'button') {
        if (!name) continue;
        fields.push({ name, type: (el.getAttribute('type') ?? 'submit').toLowerCase(), value: el.getAttribute('value') ?? '', label: text(el) });
      } else if (tag === 'select') {
        const options = el.querySelectorAll('option').map((o) => ({
          value: o.getAttribute('value') ?? text(o),
          label: text(o),
          selected: o.hasAttribute('selected'),
        }));
        const sel = options.find((o) => o.selected) ?? options[0];
        fields.push({ name, type: 'select', value: sel?.value ?? '', label: labelOf(el), options });
      } else if (tag === 'textarea') {
        fields.push({ name, type: 'textarea', value: el.textContent ?? '', label: labelOf(el) });
      } else {
        const type = (el.getAttribute('type') ?? 'text').toLowerCase();
        const field: FormField = { name, type, value: el.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''), label: labelOf(el) };
        if (type === 'checkbox' || type === 'radio') field.checked = el.hasAttribute('checked');
        if (type === 'submit' || type === 'button') field.label = el.getAttribute('value') ?? field.label;
        fields.push(field);
      }
    }
    return { action: form.getAttribute('action') ?? '', method: (form.getAttribute('method') ?? 'GET').toUpperCase(), fields };
  });
}

export function pageTitle(html: string): string {
  return text(parse(html).querySelector('title'));
}

export interface WebResult {
  url: string;
  status: number;
  mimeType: string;
  title: string;
  body: string;
  forms: PageForm[];
  links: string[];
  executions: RunReport[];
}

/** Resolves "?x=1", "/exec?x=1" or a full URL against the web app's URL. */
export function resolveWebUrl(sb: Sandbox, url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  return new URL(url, sb.webAppUrl).toString();
}

function webRequest(
  sb: Sandbox,
  user: string,
  method: 'GET' | 'POST',
  url: string,
  extra: { form?: Record<string, string | string[]>; body?: string; contentType?: string } = {},
  rpcUrl?: string,
): WebResult {
  const full = resolveWebUrl(sb, url);
  const { value: res, executions } = tracked(sb, () => webAppRequest(sb, { method, url: full, user, ...extra }, rpcUrl ? { rpcUrl } : {}));
  const isHtml = /html/i.test(res.mimeType ?? '');
  return {
    url: full,
    status: res.status,
    mimeType: res.mimeType,
    title: res.title || (isHtml ? pageTitle(res.body) : ''),
    body: res.body,
    forms: isHtml ? parseForms(res.body) : [],
    links: isHtml ? pageLinks(res.body) : [],
    executions: executions.map(report),
  };
}

export function pageLinks(html: string): string[] {
  return parse(html)
    .querySelectorAll('a[href]')
    .map((a) => a.getAttribute('href') ?? '')
    .filter((h) => h && !h.startsWith('#') && !/^javascript:/i.test(h));
}

/** GET the web app as `user` ('' for someone not signed in). With rpcUrl, HTML gets the google.script.run shim. */
export function webGet(sb: Sandbox, user: string, url: string, rpcUrl?: string): WebResult {
  return webRequest(sb, user, 'GET', url, {}, rpcUrl);
}

/** POST a urlencoded form to the web app. */
export function webPost(sb: Sandbox, user: string, url: string, form: Record<string, string | string[]>, rpcUrl?: string): WebResult {
  const body = Object.entries(form)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
    .join('&');
  return webRequest(sb, user, 'POST', url, { form, body, contentType: 'application/x-www-form-urlencoded' }, rpcUrl);
}

// ---------------------------------------------------------------------------------------------
// Mail, Drive, triggers, stats

export interface OutboxEntry extends mail.SentMail {
  links: string[];
}

export function outbox(sb: Sandbox): OutboxEntry[] {
  return mail.outbox(sb.state).map((m) => ({ ...m, links: mail.mailLinks(m.html || m.text || '') }));
}

export function files(sb: Sandbox): drive.FileListing[] {
  return drive.listFiles(sb.state);
}

export function fileContent(sb: Sandbox, id: string): { name: string; mimeType: string; bytes: Buffer } {
  const f = drive.getFileContent(sb.state, id);
  if (!f) throw new Error(`No file with id ${id}.`);
  return f;
}

/** A document id from an id or a docs.google.com URL (/d/<id>/). */
export function docIdOf(idOrUrl: string): string {
  const m = /\/d\/([A-Za-z0-9_-]+)/.exec(idOrUrl) ?? /[?&]id=([A-Za-z0-9_-]+)/.exec(idOrUrl);
  return m ? m[1] : idOrUrl.trim();
}

export function documentOf(sb: Sandbox, idOrUrl: string, format: 'text' | 'html'): { id: string; format: string; content: string } {
  const id = docIdOf(idOrUrl);
  const file = drive.listFiles(sb.state).find((f) => f.id === id);
  if (!file) throw new Error(`No file with id ${id} in Drive.`);
  if (file.mimeType !== 'application/vnd.google-apps.document') throw new Error(`${file.name} is not a Google Doc (${file.mimeType}).`);
  const content = format === 'html' ? documentSvc.renderDocumentHtml(sb.state, id) : documentSvc.renderDocumentText(sb.state, id);
  return { id, format, content };
}

export function triggers(sb: Sandbox): script.TriggerRecord[] {
  return script.listTriggers(sb.state);
}

/** Calls and modeled time of the last execution (persisted, so it works across CLI commands). */
export function lastStats(sb: Sandbox): ExecutionSummary | { message: string } {
  const log = executionLog(sb);
  return log[log.length - 1] ?? { message: 'No execution has run yet.' };
}

/** Adds a person to the known users (the workbench's user switcher lists them). */
/**
 * People the workbench offers in its user switch: the known users, plus everyone who was sent mail
 * (in a real domain they are colleagues who could open the workbook or a link).
 */
export function knownUsers(sb: Sandbox): string[] {
  const out = new Set(Object.keys(sb.state.users));
  for (const m of mail.outbox(sb.state)) for (const a of [...m.to, ...m.cc]) if (/^[^\s@]+@[^\s@]+$/.test(a)) out.add(a);
  return [...out].sort((a, b) => (a === sb.state.owner ? -1 : b === sb.state.owner ? 1 : a.localeCompare(b)));
}

export function addUser(sb: Sandbox, email: string, name?: string): void {
  const e = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(e)) throw new Error(`Not an email address: "${email}".`);
  if (!sb.state.users[e]) {
    sb.state.users[e] = name ?? e.split('@')[0];
    sb.save();
  }
}

/**
 * A user adds a time-driven trigger by hand, on the script editor's Triggers page (no script
 * runs): it then fires as that user. Returns the trigger's id.
 */
export function addClockTriggerByHand(sb: Sandbox, handler: string, owner: string, clock: script.ClockSpec = { kind: 'hours', every: 1 }): string {
  const uid = newStateId(sb.state, 'number');
  script.listTriggers(sb.state).push({ uid, handler, owner, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, createdAtMs: sb.state.clockMs, clock });
  sb.save();
  return uid;
}

/**
 * Fires an installed time-driven trigger now, as Apps Script would when it falls due: the handler
 * runs as the trigger's owner with the time-driven event (which carries the trigger's id). Without
 * such a trigger (of `owner`, when given) it throws: run the function otherwise to test callers
 * that are not the trigger.
 */
export function fireTrigger(sb: Sandbox, handler: string, owner?: string): ExecutionResult {
  const t = script
    .listTriggers(sb.state)
    .find((x) => x.handler === handler && x.source === 'CLOCK' && (owner === undefined || x.owner.toLowerCase() === owner.toLowerCase()));
  if (!t) throw new Error(`No installed time-driven trigger for ${handler}${owner ? ` of ${owner}` : ''}.`);
  const at = sb.state.clockMs;
  return sb.run(handler, { kind: 'trigger', user: t.owner, effectiveUser: t.owner, args: () => [script.clockEvent(at, sb.timeZone, t.uid)] });
}

/**
 * A person numbers a Google Doc's pages in Google Docs (Insert > Page numbers), which no script
 * can do (neither DocumentApp nor the Docs API inserts a page number). The footer is made when
 * missing and its first paragraph gets the page number at its end, aligned right; a footer that
 * already holds one is left as it is. `user` must own or edit the Doc, as in Docs. Returns whether
 * a page number was added.
 */
export function insertPageNumbersByHand(sb: Sandbox, user: string, docId: string): boolean {
  const it = drive.driveItem(sb.state, docId);
  const model = documentSvc.getDocumentModel(sb.state, docId);
  if (!it || !model || it.trashed) throw new Error(`No Google Doc ${docId}.`);
  const who = user.toLowerCase();
  if (it.owner.toLowerCase() !== who && !it.editors.some((e) => e.toLowerCase() === who)) throw new Error(`${user} cannot edit the Doc ${docId}.`);
  const footer = model.footer ?? (model.footer = { type: 'FOOTER_SECTION', children: [] });
  const has = footer.children.some((b) => b.type !== 'TABLE' && b.children.some((c) => c.type === 'UNSUPPORTED' && c.autoText === 'PAGE_NUMBER'));
  if (has) return false;
  let first = footer.children.find((b) => b.type === 'PARAGRAPH');
  if (!first || first.type !== 'PARAGRAPH') {
    first = { type: 'PARAGRAPH', heading: 'NORMAL', attrs: {}, children: [] };
    footer.children.unshift(first);
  }
  first.attrs = { ...first.attrs, align: 'RIGHT' };
  first.children.push({ type: 'UNSUPPORTED', autoText: 'PAGE_NUMBER' });
  it.updated = sb.state.clockMs;
  sb.save();
  return true;
}
