/**
 * Host-level actions: what a person does in Google Sheets, Gmail, Drive or a browser, expressed as
 * operations on a Sandbox. The CLI and the workbench both call these; every result is JSON-friendly.
 *
 * The actions tie the services together the way Google does: a cell edit fires the onEdit simple
 * trigger and the installable ON_EDIT triggers, opening the workbook runs onOpen and collects its
 * menus, advancing the clock fires the time-driven triggers that fall due, in time order.
 */
import { parse, HTMLElement } from 'node-html-parser';
import type { ExecutionResult, Sandbox } from './sandbox';
import type { UiEvent, UiReply } from './execution';
import * as spreadsheet from './services/spreadsheet';
import * as script from './services/script';
import * as mail from './services/mail';
import * as drive from './services/drive';
import * as documentSvc from './services/document';
import { callFromClient } from './script-run';
import { webAppRequest } from './webapp';

// ---------------------------------------------------------------------------------------------
// The host functions the service modules export (looked up at run time, so a missing one reports
// itself clearly instead of crashing the whole CLI).

type State = Sandbox['state'];
type Globals = Record<string, unknown>;

export interface MenuItem {
  caption: string;
  functionName: string;
}
export interface Menu {
  name: string;
  items: Array<MenuItem | { separator: true }>;
  addon: boolean;
}

export interface SheetView {
  name: string;
  sheetId: number | string;
  headers: string[];
  rows: string[][];
  maxRows: number;
  maxColumns: number;
  backgrounds?: Array<Array<string | null>>;
  validations?: unknown;
  [key: string]: unknown;
}

export interface EditInfo {
  sheetId: number | string;
  sheetName: string;
  row: number;
  column: number;
  oldValue?: unknown;
  value?: unknown;
  [key: string]: unknown;
}

export interface TriggerRef {
  triggerUid: string;
  handler: string;
  owner: string;
}

export interface MailMessage {
  id: string;
  from?: string;
  to?: string | string[];
  cc?: string | string[];
  subject?: string;
  text?: string;
  html?: string;
  sentAtMs?: number;
  [key: string]: unknown;
}

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parentId?: string | null;
  trashed?: boolean;
  size?: number;
  url?: string;
  [key: string]: unknown;
}

interface SpreadsheetHost {
  listTabs(state: State): unknown[];
  sheetView(state: State, tab: string): SheetView;
  applyUserEdit(state: State, edit: { tab: string; a1: string; input: string; user: string }): EditInfo;
  buildEditEvent(globals: Globals, info: EditInfo, user: string): Record<string, unknown>;
  appendUserRow(state: State, row: { tab: string; values: unknown; user: string }): EditInfo[];
  renameTab(state: State, from: string, to: string): unknown;
  insertColumns(state: State, tab: string, column: number, n: number): unknown;
  deleteColumns(state: State, tab: string, column: number, n: number): unknown;
  selectRange(state: State, tab: string, a1: string): unknown;
}
interface ScriptHost {
  listTriggers(state: State): unknown[];
  dueTriggers(state: State, fromMs: number, toMs: number, timeZone: string): Array<TriggerRef & { atMs: number }>;
  eventTriggers(state: State, type: 'ON_EDIT' | 'ON_OPEN'): TriggerRef[];
  clockEvent(atMs: number, timeZone: string, triggerUid: string): unknown;
}
interface MailHost {
  outbox(state: State): MailMessage[];
  mailLinks(htmlOrText: string): string[];
}
interface DriveHost {
  listFiles(state: State): DriveFile[];
  getFileContent(state: State, id: string): { name: string; mimeType: string; bytes: Buffer | Uint8Array | number[] };
}
interface DocumentHost {
  renderDocumentHtml(state: State, docId: string): string;
  renderDocumentText(state: State, docId: string): string;
}
const MODULES: Record<string, Record<string, unknown>> = {
  spreadsheet: spreadsheet as unknown as Record<string, unknown>,
  script: script as unknown as Record<string, unknown>,
  mail: mail as unknown as Record<string, unknown>,
  drive: drive as unknown as Record<string, unknown>,
  document: documentSvc as unknown as Record<string, unknown>,
};

/** A host function of a module, or a clear error when that module does not provide it. */
function hostFn<T>(module: string, name: string): T {
  const fn = MODULES[module]?.[name];
  if (typeof fn !== 'function') throw new Error(`The sandbox's ${module} module does not provide ${name}() yet.`);
  return (fn as (...a: unknown[]) => unknown).bind(MODULES[module]) as unknown as T;
}
function hasHostFn(module: string, name: string): boolean {
  return typeof MODULES[module]?.[name] === 'function';
}

export const host = {
  sheets: <K extends keyof SpreadsheetHost>(k: K): SpreadsheetHost[K] => hostFn<SpreadsheetHost[K]>('spreadsheet', k),
  script: <K extends keyof ScriptHost>(k: K): ScriptHost[K] => hostFn<ScriptHost[K]>('script', k),
  mail: <K extends keyof MailHost>(k: K): MailHost[K] => hostFn<MailHost[K]>('mail', k),
  drive: <K extends keyof DriveHost>(k: K): DriveHost[K] => hostFn<DriveHost[K]>('drive', k),
  doc: <K extends keyof DocumentHost>(k: K): DocumentHost[K] => hostFn<DocumentHost[K]>('document', k),
};

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
  return (globals: Globals): unknown[] => {
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
    if (hasHostFn('script', 'eventTriggers')) {
      for (const t of host.script('eventTriggers')(sb.state, 'ON_OPEN')) {
        sb.run(t.handler, { kind: 'trigger', user, effectiveUser: t.owner, args: openEventBuilder(user, { triggerUid: t.triggerUid }, 'FULL') });
      }
    }
  });
  const menus = menusOf(executions);
  workbench(sb).menus[user] = menus;
  sb.save();
  return { user, menus, executions: executions.map(report) };
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
  const { value } = tracked(sb, () => sb.run(item.functionName, { kind: 'menu', user, replies }));
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
  const buildEditEvent = host.sheets('buildEditEvent');
  if (definesFunction(sb, 'onEdit')) {
    sb.run('onEdit', { kind: 'simpleTrigger', user, args: (globals) => [buildEditEvent(globals, info, user)] });
  }
  if (hasHostFn('script', 'eventTriggers')) {
    for (const t of host.script('eventTriggers')(sb.state, 'ON_EDIT')) {
      sb.run(t.handler, {
        kind: 'trigger',
        user,
        effectiveUser: t.owner,
        args: (globals) => {
          const e = buildEditEvent(globals, info, user);
          const ScriptApp = globals.ScriptApp as { AuthMode?: Record<string, unknown> } | undefined;
          return [{ ...e, triggerUid: t.triggerUid, authMode: ScriptApp?.AuthMode?.FULL ?? 'FULL' }];
        },
      });
    }
  }
}

/** A person types `input` into `tab`!`a1`. A refused edit (protection, validation) throws its message. */
export function editCell(sb: Sandbox, user: string, tab: string, a1: string, input: string): EditResult {
  const info = host.sheets('applyUserEdit')(sb.state, { tab, a1, input, user });
  sb.save();
  const { executions } = tracked(sb, () => fireEdit(sb, user, info));
  return { info: jsonSafe(info) as EditInfo, executions: executions.map(report) };
}

export interface AppendResult {
  infos: EditInfo[];
  executions: RunReport[];
}

/**
 * A person fills in a new row at the bottom of `tab` (values: an object keyed by header, or an
 * array). onEdit fires once per edited cell, left to right, as when typing the row cell by cell.
 */
export function appendRow(sb: Sandbox, user: string, tab: string, values: unknown): AppendResult {
  const infos = host.sheets('appendUserRow')(sb.state, { tab, values, user });
  sb.save();
  const { executions } = tracked(sb, () => {
    for (const info of infos) fireEdit(sb, user, info);
  });
  return { infos: jsonSafe(infos) as EditInfo[], executions: executions.map(report) };
}

/** Renames a tab (Sheets fires no onEdit for structural changes; neither does the sandbox). */
export function renameTab(sb: Sandbox, _user: string, from: string, to: string): unknown {
  const r = host.sheets('renameTab')(sb.state, from, to);
  sb.save();
  return jsonSafe(r) ?? { ok: true, from, to };
}

export function insertColumns(sb: Sandbox, _user: string, tab: string, column: number, n: number): unknown {
  const r = host.sheets('insertColumns')(sb.state, tab, column, n);
  sb.save();
  return jsonSafe(r) ?? { ok: true, tab, column, inserted: n };
}

export function deleteColumns(sb: Sandbox, _user: string, tab: string, column: number, n: number): unknown {
  const r = host.sheets('deleteColumns')(sb.state, tab, column, n);
  sb.save();
  return jsonSafe(r) ?? { ok: true, tab, column, deleted: n };
}

/** Selects a range (what getActiveRange/getActiveSheet then return). */
export function selectRange(sb: Sandbox, _user: string, tab: string, a1: string): unknown {
  const r = host.sheets('selectRange')(sb.state, tab, a1);
  sb.save();
  return jsonSafe(r) ?? { ok: true, tab, a1 };
}

export function listTabs(sb: Sandbox): unknown[] {
  const tabs = host.sheets('listTabs')(sb.state);
  sb.save();
  return jsonSafe(tabs) as unknown[];
}

export function sheetView(sb: Sandbox, tab: string): SheetView {
  return jsonSafe(host.sheets('sheetView')(sb.state, tab)) as SheetView;
}

/** Tab names, whatever shape listTabs returns (strings or {name}). */
export function tabNames(sb: Sandbox): string[] {
  return listTabs(sb).map((t) => (typeof t === 'string' ? t : String((t as { name?: unknown }).name ?? '')));
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

/** The offset of `timeZone` from UTC at `ms`, in ms. */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const n = (t: string) => Number(parts.find((x) => x.type === t)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
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
    const guess = Date.UTC(y, mo - 1, d, h, mi, s);
    let ms = guess - zoneOffsetMs(guess, timeZone);
    ms = guess - zoneOffsetMs(ms, timeZone);
    return ms;
  }
  const ms = Date.parse(arg);
  if (Number.isNaN(ms)) throw new Error(`Not a time: "${arg}". Give an ISO date-time (2026-03-02T09:00) or +MINUTES (+90, +2h, +1d).`);
  return ms;
}

/**
 * Moves the clock forward to `toMs`, firing every time-driven trigger that falls due on the way,
 * in time order: the clock is set to each firing's time and the handler runs as the trigger's
 * owner with the clock event. Triggers a handler creates or deletes take effect for later firings.
 * Moving the clock backwards fires nothing.
 */
export function advanceClock(sb: Sandbox, toMs: number, maxFirings = 10_000): ClockResult {
  const fromMs = sb.state.clockMs;
  const tz = sb.timeZone;
  const fired: ClockFiring[] = [];
  if (toMs > fromMs && hasHostFn('script', 'dueTriggers')) {
    const dueTriggers = host.script('dueTriggers');
    const clockEvent = host.script('clockEvent');
    const listTriggers = host.script('listTriggers');
    const uids = () => new Set(listTriggers(sb.state).map((t) => String((t as { uid?: unknown }).uid ?? (t as { triggerUid?: unknown }).triggerUid)));
    let known = uids();
    // dueTriggers removes the one-shot triggers it returns: they may fire although no longer listed.
    let queue = dueTriggers(sb.state, fromMs, toMs, tz);
    const oneShots = new Set(queue.map((q) => q.triggerUid).filter((u) => !uids().has(u)));
    while (queue.length) {
      const next = queue.shift() as (typeof queue)[number];
      // A handler that ran earlier may have deleted this trigger.
      if (!oneShots.has(next.triggerUid) && !uids().has(next.triggerUid)) continue;
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
    }
  }
  sb.setClock(toMs);
  return { fromMs, toMs, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), local: localTime(toMs, tz), timeZone: tz, fired };
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

export interface OutboxEntry extends MailMessage {
  links: string[];
}

export function outbox(sb: Sandbox): OutboxEntry[] {
  const links = host.mail('mailLinks');
  return host.mail('outbox')(sb.state).map((m) => ({ ...(jsonSafe(m) as MailMessage), links: links(m.html || m.text || '') }));
}

export function files(sb: Sandbox): DriveFile[] {
  return jsonSafe(host.drive('listFiles')(sb.state)) as DriveFile[];
}

export function fileContent(sb: Sandbox, id: string): { name: string; mimeType: string; bytes: Buffer } {
  const f = host.drive('getFileContent')(sb.state, id);
  return { name: f.name, mimeType: f.mimeType, bytes: Buffer.from(f.bytes as Uint8Array) };
}

/** A document id from an id or a docs.google.com URL (/d/<id>/). */
export function docIdOf(idOrUrl: string): string {
  const m = /\/d\/([A-Za-z0-9_-]+)/.exec(idOrUrl) ?? /[?&]id=([A-Za-z0-9_-]+)/.exec(idOrUrl);
  return m ? m[1] : idOrUrl.trim();
}

export function documentOf(sb: Sandbox, idOrUrl: string, format: 'text' | 'html'): { id: string; format: string; content: string } {
  const id = docIdOf(idOrUrl);
  const content = format === 'html' ? host.doc('renderDocumentHtml')(sb.state, id) : host.doc('renderDocumentText')(sb.state, id);
  return { id, format, content };
}

export function triggers(sb: Sandbox): unknown[] {
  return jsonSafe(host.script('listTriggers')(sb.state)) as unknown[];
}

/** Calls and modeled time of the last execution (persisted, so it works across CLI commands). */
export function lastStats(sb: Sandbox): ExecutionSummary | { message: string } {
  const log = executionLog(sb);
  return log[log.length - 1] ?? { message: 'No execution has run yet.' };
}

/** Adds a person to the known users (the workbench's user switcher lists them). */
export function addUser(sb: Sandbox, email: string, name?: string): void {
  const e = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(e)) throw new Error(`Not an email address: "${email}".`);
  if (!sb.state.users[e]) {
    sb.state.users[e] = name ?? e.split('@')[0];
    sb.save();
  }
}
