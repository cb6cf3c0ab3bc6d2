/**
 * Shared helpers of the hostile-input and fault catalogue (test/hostile/*.test.ts).
 *
 * Every case runs the BUILT script (dist/) in the sandbox. A world is a populated workbook: setup
 * by the Kabag, a Kasubbag and two staff, a strategy row and `concepts` plan rows for May 2026
 * typed through onEdit, exactly as the integration tests build it. The project gets one extra,
 * test-only script file (zz-hostile.js) with the structural changes a person makes by hand that
 * the sandbox host has no action for (deleting a tab, pasting a block, moving columns).
 *
 * The three checks each case makes:
 *   - expectPlainMessage(text): what the user sees is a sentence in Bahasa Indonesia (the default
 *     language), says what is wrong, and carries no stack trace or raw exception text;
 *   - snapshotWorkbook(sb): every tab's values, to compare before and after (nothing lost or
 *     half-written);
 *   - logEntries(sb) / lastLog(sb): the Log tab says what happened.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { Sandbox, ExecutionResult, RunOptions } from '../../sandbox/src/sandbox';
import { listTabs, sheetView } from '../../sandbox/src/actions';
import { buildEvent, webAppRequest, WebAppResponse } from '../../sandbox/src/webapp';
import { outbox, SentMail } from '../../sandbox/src/services/mail';
import { addConcepts, addPeople, addStrategy, deliverHeld, flushHeldLog, KABAG, setSetting, submitPageForm, submitPageLink, TAB } from '../integration/helpers';

export { KABAG, KASUBBAG, STAFF, STAFF2, OTHER, TAB, MONDAY_0900, addConcepts, addPeople, addStrategy, addDesign, setSetting, menu, shown, records } from '../integration/helpers';

export const DIST = path.resolve(__dirname, '../../dist');
export const WEB_APP_URL = 'https://script.google.com/macros/s/sandbox-script/exec';

/** Test-only Apps Script code: what a person does by hand in the Sheets UI, in one call. */
const HOSTILE_SCRIPT = `
/** Test only: deletes a tab by name. */
function zzDeleteTab(name) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.deleteSheet(ss.getSheetByName(name));
}
/** Test only: pastes rows (objects keyed by header) below the last row of a tab, in one block. */
function zzPasteRows(tabName, records) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tabName);
  var width = sheet.getLastColumn();
  var headers = sheet.getRange(1, 1, 1, width).getValues()[0];
  var rows = records.map(function (r) {
    return headers.map(function (h) { return r[h] === undefined ? '' : r[h]; });
  });
  if (rows.length) sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, width).setValues(rows);
  return rows.length;
}
/** Test only: sets one cell by header and data-row index (0 = row 2), as typed text. */
function zzSetCell(tabName, rowIndex, header, value) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tabName);
  var headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  var c = headers.indexOf(header);
  if (c < 0) throw new Error('no column ' + header);
  sheet.getRange(rowIndex + 2, c + 1).setValue(value);
}
/** Test only: clears one data row's values (0 = row 2), as the Delete key on a selected row. */
function zzClearRow(tabName, rowIndex) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tabName);
  sheet.getRange(rowIndex + 2, 1, 1, sheet.getLastColumn()).clearContent();
}
/** Test only: removes every dropdown of a tab (a person clearing data validation by hand). */
function zzClearValidation(tabName) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tabName);
  sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns()).clearDataValidations();
}
/** Test only: a Google Doc of the Kabag's own (not made through Siaran's registry). */
function zzOwnDoc(name, text) {
  var doc = DocumentApp.create(name);
  doc.getBody().getChild(0).asParagraph().setText(text);
  doc.saveAndClose();
  return doc.getId();
}
/** Test only: a script property written by whoever runs it (an editor can, from the script editor). */
function zzSetScriptProperty(key, value) {
  PropertiesService.getScriptProperties().setProperty(key, value);
}
/** Test only: reverses the order of the columns of a tab (cut and paste by hand). */
function zzReverseColumns(tabName) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tabName);
  var range = sheet.getDataRange();
  var values = range.getValues().map(function (r) { return r.slice().reverse(); });
  range.setValues(values);
}
`;

let projectDir: string | undefined;

/** A copy of dist/ with the test-only file, made once per test file. */
export function hostileProject(): string {
  if (!projectDir) {
    projectDir = mkdtempSync(path.join(os.tmpdir(), 'siaran-hostile-'));
    cpSync(DIST, projectDir, { recursive: true });
    writeFileSync(path.join(projectDir, 'zz-hostile.js'), HOSTILE_SCRIPT);
  }
  return projectDir;
}

export interface WorldOptions {
  /** Plan rows for 2026-05 (default 2). 0 leaves Konsep Konten empty. */
  concepts?: number;
  /** Add the Kasubbag and the staff (default true). */
  people?: boolean;
  clockMs?: number;
}

/** Monday 6 April 2026, 09:00 WIB. */
export const T_MONDAY = Date.UTC(2026, 3, 6, 2, 0);

/** A set-up workbook with the team, a May 2026 strategy row and `concepts` plan rows. */
export function world(opts: WorldOptions = {}): Sandbox {
  const sb = new Sandbox({ projectDir: hostileProject(), owner: KABAG, clockMs: opts.clockMs ?? T_MONDAY, webAppUrl: WEB_APP_URL });
  const r = sb.run('menuSetup', { kind: 'menu', user: KABAG });
  if (!r.ok) throw new Error(`menuSetup failed: ${r.error?.message}`);
  // Request mails at once (the digest window is tested in test/integration/digest.test.ts).
  setSetting(sb, 'jeda_ringkasan_menit', '0');
  if (opts.people !== false) addPeople(sb);
  addStrategy(sb, '2026-05');
  const n = opts.concepts ?? 2;
  if (n > 0) addConcepts(sb, '2026-05', n);
  return sb;
}

// ---------------------------------------------------------------------------------------------
// The workbook before and after

export interface TabSnapshot {
  name: string;
  headers: string[];
  rows: string[][];
}

/** Every tab's headers and displayed values, in tab order. */
export function snapshotWorkbook(sb: Sandbox): TabSnapshot[] {
  return listTabs(sb).map((t) => {
    const v = sheetView(sb, t.name);
    return { name: v.name, headers: v.headers.slice(), rows: v.rows.map((r) => r.slice()) };
  });
}

/** The snapshot without the Log tab (for cases where the Log is expected to grow). */
export function withoutLog(s: TabSnapshot[]): TabSnapshot[] {
  return s.filter((t) => t.name !== 'Log');
}

export function tab(s: TabSnapshot[], name: string): TabSnapshot {
  const t = s.find((x) => x.name === name);
  if (!t) throw new Error(`no tab ${name} in snapshot`);
  return t;
}

/** Rows of a snapshot tab as objects keyed by header. */
export function rowsOf(s: TabSnapshot[], name: string): Array<Record<string, string>> {
  const t = tab(s, name);
  return t.rows.map((r) => Object.fromEntries(t.headers.map((h, i) => [h, r[i] ?? ''])));
}

/** The Persetujuan row that carries a journal marker (an approval action cut before it finished), if any. */
export function journalRow(sb: Sandbox): Record<string, string> | undefined {
  return rowsOf(snapshotWorkbook(sb), TAB.persetujuan).find((r) => /"jurnal"/.test(r.Keputusan ?? ''));
}

/**
 * One time budget per service call of a full run: the cumulative modeled ms up to the end of that
 * call, one short, so a run given it is cut inside that call. Calls that cost nothing are skipped.
 */
export function cutPoints(calls: ExecutionResult['calls']): Array<{ at: number; call: string }> {
  const out: Array<{ at: number; call: string }> = [];
  let t = 0;
  for (const c of calls) {
    t += c.ms;
    if (c.ms > 0) out.push({ at: t - 1, call: `${c.service}.${c.method}` });
  }
  return out;
}

export interface LogRow {
  Waktu: string;
  Pengguna: string;
  Langkah: string;
  Aksi: string;
  Objek: string;
  Detail: string;
}

/** Entries of the Log tab (found by its name, Log). */
/** The Log as it is after the owner's next digest run (helpers.ts flushHeldLog). */
export function logEntries(sb: Sandbox): LogRow[] {
  flushHeldLog(sb);
  const v = sheetView(sb, 'Log');
  return v.rows.map((r) => Object.fromEntries(v.headers.map((h, i) => [h, r[i] ?? ''])) as unknown as LogRow);
}

export function lastLog(sb: Sandbox): LogRow | undefined {
  const l = logEntries(sb);
  return l[l.length - 1];
}

/** Log entries added since `before` entries were there. */
export function newLog(sb: Sandbox, before: number): LogRow[] {
  return logEntries(sb).slice(before);
}

// ---------------------------------------------------------------------------------------------
// What the user sees

const STACK = [/\n\s+at\s/, /\.js:\d+/, /\.ts:\d+/, /\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/, /undefined is not|Cannot read propert|is not a function/i, /\[object Object\]/];
/** English words that never appear in a Bahasa Indonesia sentence of Siaran. */
const ENGLISH = /\b(the|is|was|were|please|invalid|failed|cannot|could not|error|not found|exceeded|too many|try again|missing)\b/i;
/** Words an Indonesian message of Siaran uses (what is wrong, what to do). */
const INDONESIAN = /\b(tidak|belum|sudah|bukan|coba|tautan|isi|pilih|tulis|jalankan|tunggu|perbaiki|dibatalkan|diubah|tersimpan|kosong|diajukan|ditemukan|habis|minta|gunakan|buka|kunci|ulangi|hubungi|terlalu|sah|sedang)\b/i;

/** The text without what the user typed (quoted values may be in any language). */
function unquoted(text: string): string {
  return text.replace(/"[^"]*"/g, '""').replace(/“[^”]*”/g, '""');
}

/**
 * What the user sees is a plain sentence in Bahasa Indonesia: no stack trace or exception text,
 * no English sentence, and words that say what is wrong or what to do.
 */
export function expectPlainMessage(text: string | undefined): void {
  const t = String(text ?? '');
  if (!t.trim()) throw new Error('The user sees no message at all.');
  for (const re of STACK) if (re.test(t)) throw new Error(`The user sees a stack trace or raw exception (${re}):\n${t}`);
  const plain = unquoted(t);
  const en = ENGLISH.exec(plain);
  if (en) throw new Error(`The user sees English ("${en[0]}") where Bahasa Indonesia is the default:\n${t}`);
  if (!INDONESIAN.test(plain)) throw new Error(`The message does not read as Bahasa Indonesia saying what is wrong or what to do:\n${t}`);
}

/** Alerts, prompts and toasts an execution showed, as text. */
/** What the person was shown: toasts, alerts and prompts, and the submission page she went on to. */
export function uiText(r: ExecutionResult & { page?: string }): string {
  return [
    ...r.ui.map((e) => {
      if (e.type === 'toast') return e.message;
      if (e.type === 'alert' || e.type === 'prompt') return e.prompt;
      return '';
    }),
    r.page ? pageText(r.page) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function pageText(html: string): string {
  return parse(html).textContent.replace(/\s+/g, ' ').trim();
}

/** The main message of a Siaran page: its h1 and paragraphs. */
export function pageMessage(res: WebAppResponse): string {
  const root = parse(res.body);
  const parts = [root.querySelector('h1'), ...root.querySelectorAll('p')].map((el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '')).filter(Boolean);
  return parts.length ? parts.join('\n') : pageText(res.body);
}

// ---------------------------------------------------------------------------------------------
// Calling the script

export interface ApiAnswer<T = unknown> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string; details?: Array<{ row?: number; field?: string; message: string }> };
}

/** google.script.run.fn(arg) as `user`; the execution must not throw (endpoints return Result). */
export function api<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown, opts: Partial<RunOptions> = {}): ApiAnswer<T> {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg], ...opts });
  if (!r.ok) throw new Error(`${fn} threw to the browser: ${r.error?.message}`);
  return JSON.parse(JSON.stringify(r.value)) as ApiAnswer<T>;
}

export function get(sb: Sandbox, url: string, user: string): WebAppResponse {
  return webAppRequest(sb, { method: 'GET', url, user });
}

export function post(sb: Sandbox, form: Record<string, string>, user: string): WebAppResponse {
  return webAppRequest(sb, { method: 'POST', url: WEB_APP_URL, form, user });
}

/** doPost run directly (to give it a time budget), with the event object webAppRequest builds. */
export function postWithBudget(sb: Sandbox, form: Record<string, string>, user: string, budgetMs: number): ExecutionResult {
  const eventJson = JSON.stringify(buildEvent({ method: 'POST', url: WEB_APP_URL, form, user }));
  return sb.run('doPost', {
    kind: 'webapp',
    user,
    effectiveUser: sb.state.owner,
    budgetMs,
    args: (_g, ctx) => [(ctx.evalInScript('JSON', 'doPost') as JSON).parse(eventJson) as unknown],
  });
}

/** Runs a menu function as `user` with replies; returns the execution (errors are the test's to judge). */
export function runMenu(sb: Sandbox, fn: string, user: string, replies: RunOptions['replies'] = [], budgetMs?: number): ExecutionResult {
  return sb.run(fn, { kind: 'menu', user, replies, ...(budgetMs ? { budgetMs } : {}) });
}

/** Runs a test-only zz* helper of the project; fails the test when it throws. */
export function hand(sb: Sandbox, fn: string, ...args: unknown[]): unknown {
  const r = sb.run(fn, { kind: 'editor', user: KABAG, args });
  if (!r.ok) throw new Error(`${fn} failed: ${r.error?.message}`);
  return r.value;
}

/**
 * Submits the May 2026 plan as the staff member: the menu checks it (her execution, nothing
 * written) and gives the submission page; she opens it and presses Ajukan. The result is the
 * page's POST (the owner's web app: `budgetMs` cuts it), with the menu's dialogs as its `ui` and
 * the page it showed as `page`. A submission the check refused returns the menu's execution.
 */
export function submitMay(sb: Sandbox, user: string, budgetMs?: number): ExecutionResult & { page?: string } {
  return submitMonth(sb, user, '2026-05', budgetMs);
}

/** submitMay for any month (YYYY-MM). */
export function submitMonth(sb: Sandbox, user: string, period: string, budgetMs?: number): ExecutionResult & { page?: string } {
  const check = runMenu(sb, 'menuSubmitConcept', user, [{ button: 'OK', text: period }, { button: 'OK' }, { button: 'OK' }]);
  const url = submitPageLink(check);
  if (!url) return check;
  const form = submitPageForm(get(sb, url, user).body);
  if (!form) return check;
  const eventJson = JSON.stringify(buildEvent({ method: 'POST', url: WEB_APP_URL, form, user }));
  const post = sb.run('doPost', { kind: 'webapp', user, effectiveUser: sb.state.owner, ...(budgetMs ? { budgetMs } : {}), args: (_g, ctx) => [(ctx.evalInScript('JSON', 'doPost') as JSON).parse(eventJson) as unknown] });
  const out = post.value as { __settings?: () => { content: string } } | undefined;
  return { ...post, ui: check.ui, page: post.ok && out?.__settings ? out.__settings().content : '' };
}

// ---------------------------------------------------------------------------------------------
// Mail and links

export function mails(sb: Sandbox): SentMail[] {
  deliverHeld(sb);
  return outbox(sb.state);
}

export function mailsTo(sb: Sandbox, email: string): SentMail[] {
  return mails(sb).filter((m) => m.to.includes(email) || m.cc.includes(email));
}

export function reviewLinkOf(m: SentMail): string {
  const hit = /https:\/\/script\.google\.com\/macros\/s\/sandbox-script\/exec\?t=[A-Za-z0-9_.-]+/.exec(m.html ?? m.text);
  if (!hit) throw new Error(`No review link in mail "${m.subject}"`);
  return hit[0];
}

export function tokenOfLink(link: string): string {
  return new URL(link).searchParams.get('t') ?? '';
}

/** The token of the newest review mail to `email`. */
export function latestToken(sb: Sandbox, email: string): string {
  const m = mailsTo(sb, email).filter((x) => /exec\?t=/.test(x.html ?? x.text));
  if (!m.length) throw new Error(`no review mail to ${email}`);
  return tokenOfLink(reviewLinkOf(m[m.length - 1]));
}

// ---------------------------------------------------------------------------------------------
// State

/** A deep copy of the sandbox state (it is plain JSON: the sandbox saves it as a file). */
export function saveState(sb: Sandbox): string {
  return JSON.stringify(sb.state);
}

export function restoreState(sb: Sandbox, saved: string): void {
  sb.state = JSON.parse(saved) as Sandbox['state'];
}
