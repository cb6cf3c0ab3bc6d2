/**
 * Building a populated test workbook in the sandbox, running the BUILT script (dist/).
 *
 *   const sb = newWorkbook();          // setup run by the owner (the first Kabag), clock Mon 6 Apr 2026 09:00 WIB
 *   addPeople(sb);                     // Kasubbag and two staff
 *   addConcepts(sb, '2026-05', 3);     // three Draf plan rows typed by a staff member (onEdit gives IDs)
 *
 * Rows are typed through the sandbox's user actions, so onEdit runs as it does in Sheets.
 */
import { Sandbox } from '../../sandbox/src/sandbox';
import { addClockTriggerByHand, appendRow, editCell, fireTrigger, sheetView, SheetView } from '../../sandbox/src/actions';
import { listTriggers } from '../../sandbox/src/services/script';
import { outbox, SentMail } from '../../sandbox/src/services/mail';
import type { UiReply } from '../../sandbox/src/execution';
import { buildEvent, webAppRequest } from '../../sandbox/src/webapp';
import type { ConcurrentJob } from '../../sandbox/src/concurrent';

export const KABAG = 'kabag@example.org';
export const KASUBBAG = 'kasubbag@example.org';
export const STAFF = 'staf@example.org';
export const STAFF2 = 'ppnpn@example.org';
/** Someone of the same domain who is not an approver. */
export const OTHER = 'tamu@example.org';

/** Monday 6 April 2026, 09:00 WIB (a working day outside Ramadan). */
export const MONDAY_0900 = Date.UTC(2026, 3, 6, 2, 0);

export const TAB = {
  konsep: 'Konsep Konten',
  desain: 'Desain Konten',
  persetujuan: 'Persetujuan',
  log: 'Log',
  pengguna: 'Pengguna',
  pengaturan: 'Pengaturan',
  strategi: 'Strategi',
} as const;

/**
 * A set-up workbook. Request mails go out at once (jeda_ringkasan_menit 0) unless `digestWindow`
 * gives the window in minutes (the product's default is 30; test/integration/digest.test.ts
 * covers the held digest): most tests follow one request and read its mail right away.
 */
export function newWorkbook(opts: { clockMs?: number; owner?: string; digestWindow?: number } = {}): Sandbox {
  const owner = opts.owner ?? KABAG;
  const sb = new Sandbox({ projectDir: 'dist', owner, clockMs: opts.clockMs ?? MONDAY_0900, webAppUrl: 'https://script.google.com/macros/s/sandbox-script/exec' });
  const r = sb.run('menuSetup', { kind: 'menu', user: owner });
  if (!r.ok) throw new Error(`menuSetup failed: ${r.error?.message}`);
  if (opts.digestWindow !== 30) setSetting(sb, 'jeda_ringkasan_menit', String(opts.digestWindow ?? 0));
  return sb;
}

export function addPerson(sb: Sandbox, email: string, name: string, role: string, by = KABAG): void {
  appendRow(sb, by, TAB.pengguna, { Email: email, Nama: name, Peran: role });
}

/** The Kasubbag and two staff members (the owner is already the Kabag). */
export function addPeople(sb: Sandbox): void {
  addPerson(sb, KASUBBAG, 'Kasubbag Humas', 'Kasubbag');
  addPerson(sb, STAFF, 'Staf PNS', 'PNS');
  addPerson(sb, STAFF2, 'Staf PPNPN', 'PPNPN');
}

export interface ConceptRow {
  Periode?: string;
  'Rencana Tayang'?: string;
  'Kegiatan/Informasi'?: string;
  Platform?: string;
  PIC?: string;
  Deskripsi?: string;
}

/** `n` plan rows for `period` typed by `by` (defaults: valid rows, PIC the staff member). */
export function addConcepts(sb: Sandbox, period: string, n: number, override: (i: number) => ConceptRow = () => ({}), by = STAFF): void {
  for (let i = 0; i < n; i++) {
    const day = String(5 + i).padStart(2, '0');
    const row: ConceptRow = {
      Periode: period,
      'Rencana Tayang': `${period}-${day}`,
      'Kegiatan/Informasi': `Sidang pengucapan putusan perkara ${i + 1}`,
      Platform: 'Instagram, X',
      PIC: STAFF,
      ...override(i),
    };
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(row)) if (v !== undefined) values[k] = v;
    appendRow(sb, by, TAB.konsep, values);
  }
}

export function addStrategy(sb: Sandbox, period: string, by = KABAG): void {
  appendRow(sb, by, TAB.strategi, { Periode: period, Platform: 'Instagram', Arahan: 'Fokus pada putusan dan edukasi konstitusi.' });
}

export function addDesign(sb: Sandbox, values: { konsep: string; platform: string; naskah: string; judul?: string; tautan?: string; pic?: string }, by = STAFF): void {
  const row: Record<string, string> = {
    'ID Konsep': values.konsep,
    Platform: values.platform,
    'Tautan Desain': values.tautan ?? 'https://drive.google.com/file/d/desain-1/view',
    Naskah: values.naskah,
    PIC: values.pic ?? STAFF,
  };
  if (values.judul !== undefined) row.Judul = values.judul;
  appendRow(sb, by, TAB.desain, row);
}

/** Sets a Pengaturan value (by key) as the Kabag would type it. */
/** Pengaturan is the owner's (hard-protected): the owner types the value. */
export function setSetting(sb: Sandbox, key: string, value: string, by: string = sb.state.owner): void {
  const v = sheet(sb, TAB.pengaturan);
  const i = v.rows.findIndex((r) => r[0] === key);
  if (i < 0) {
    appendRow(sb, by, TAB.pengaturan, { Kunci: key, Nilai: value });
    return;
  }
  // Column B holds Nilai after setup.
  editCell(sb, by, TAB.pengaturan, `B${i + 2}`, value);
}

/** A tab as people see it; the Log as it is after the owner's next digest run (see flushHeldLog). */
export function sheet(sb: Sandbox, tab: string): SheetView {
  if (tab === TAB.log) flushHeldLog(sb);
  return sheetView(sb, tab);
}

/** The script properties that hold Log lines of executions other than the owner's. */
export const HELD_LOG_PREFIX = 'siaran.catat.';

export function heldLogKeys(sb: Sandbox): string[] {
  const props = (sb.state.services.properties as { script?: Record<string, string> } | undefined)?.script ?? {};
  return Object.keys(props).filter((k) => k.startsWith(HELD_LOG_PREFIX));
}

/**
 * Only the owner's executions write the Log (a hard protection for the owner): anyone else's
 * (a staff member's panel call, onEdit) hold their Log lines in script properties, and the owner's
 * 10-minute digest trigger moves them into the Log. Readers of the Log in tests (`sheet`, `records`
 * of TAB.log, the hostile catalogue's `logEntries`) see it as it is after that run: when lines are
 * held, they fire triggerDigest as the owner first, at the same instant (like deliverHeld for mail).
 * Held lines land marked " [dilaporkan dari eksekusi <user>]". With nothing held, nothing runs.
 */
export function flushHeldLog(sb: Sandbox): void {
  if (!heldLogKeys(sb).length) return;
  const r = runTrigger(sb, 'triggerDigest', sb.state.owner);
  if (!r.ok) throw new Error(`triggerDigest (held Log lines): ${r.error?.message}`);
}

/** Rows of a tab as objects keyed by header. */
export function records(sb: Sandbox, tab: string): Array<Record<string, string>> {
  const v = sheet(sb, tab);
  return v.rows.map((r) => Object.fromEntries(v.headers.map((h, i) => [h, r[i] ?? ''])));
}

/** A snapshot of every tab's values (to compare before/after). */
export function snapshot(sb: Sandbox): string {
  const tabs = [TAB.konsep, TAB.desain, TAB.persetujuan, TAB.log, TAB.pengguna, TAB.pengaturan, TAB.strategi];
  return JSON.stringify(tabs.map((t) => [t, sheetView(sb, t).rows]));
}

/**
 * Request mail that a staff execution held for the owner (only the owner's executions sign links):
 * the owner's 10-minute digest trigger sends it. Tests that read mail run that trigger first, at
 * the same instant, as if it had just fired; with nothing held it does not run.
 */
export function deliverHeld(sb: Sandbox): void {
  const props = (sb.state.services.properties as { script?: Record<string, string> } | undefined)?.script ?? {};
  if (!Object.keys(props).some((k) => k.startsWith('siaran.ringkas.') && /"u":1/.test(props[k]))) return;
  runTrigger(sb, 'triggerDigest', sb.state.owner);
}

export function mails(sb: Sandbox): SentMail[] {
  deliverHeld(sb);
  return outbox(sb.state);
}

export function mailsTo(sb: Sandbox, email: string): SentMail[] {
  return mails(sb).filter((m) => m.to.includes(email) || m.cc.includes(email));
}

/** The review link (…/exec?t=…) in a mail. */
export function reviewLink(m: SentMail): string {
  const hit = /https:\/\/script\.google\.com\/macros\/s\/sandbox-script\/exec\?t=[A-Za-z0-9_.-]+/.exec(m.html ?? m.text);
  if (!hit) throw new Error(`No review link in mail "${m.subject}"`);
  return hit[0];
}

export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('t') ?? '';
}

/** The decision token a review page's form carries ('' when the page has no form). */
export function formToken(html: string): string {
  return /<input type="hidden" name="t" value="([^"]*)">/.exec(html)?.[1] ?? '';
}

/**
 * Runs a menu function with UI replies; fails the test on a script error. A staff member's
 * submission menu ends in a dialog with the submission page's link: she clicks it and presses
 * Ajukan (viaSubmitPage); the page she then sees is `page` (shown() includes its text).
 */
export function menu(sb: Sandbox, fn: string, user: string, replies: UiReply[] = []): ReturnType<Sandbox['run']> & { page?: string } {
  const r = sb.run(fn, { kind: 'menu', user, replies });
  if (!r.ok) throw new Error(`${fn} failed: ${r.error?.message}`);
  const url = submitPageLink(r);
  if (!url) return r;
  return { ...r, page: viaSubmitPage(sb, user, { ok: true, value: { pageUrl: url } }).page };
}

/** The submission page's link in a dialog the execution showed ('' when none). */
export function submitPageLink(r: ReturnType<Sandbox['run']>): string {
  for (const e of r.ui) {
    if (e.type !== 'dialog') continue;
    const href = /href="([^"]*ajukan=[^"]*)"/.exec(e.html)?.[1];
    if (href) return unescape(href);
  }
  return '';
}

/** Alerts and toasts an execution showed, as text, and the text of the submission page it led to. */
export function shown(r: ReturnType<Sandbox['run']> & { page?: string }): string {
  const out = r.ui.map((e) => {
    if (e.type === 'toast') return e.message;
    if (e.type === 'alert' || e.type === 'prompt') return `${e.title}: ${e.prompt}`;
    return '';
  });
  if (r.page) out.push(unescape(r.page.replace(/<br>/g, '\n').replace(/<\/(p|li|h1)>/g, '\n').replace(/<[^>]+>/g, '')));
  return out.join('\n');
}

/**
 * Fires `handler`'s time-driven trigger as `owner` would have it fire (the trigger's event, run as
 * its owner); when the owner has none yet, they add one by hand first. The trigger handlers run
 * only as their installer's trigger, so calling the function directly is refused.
 */
export function runTrigger(sb: Sandbox, handler: string, owner: string = KABAG): ReturnType<Sandbox['run']> {
  const has = listTriggers(sb.state).some((t) => t.handler === handler && t.source === 'CLOCK' && t.owner.toLowerCase() === owner.toLowerCase());
  if (!has) addClockTriggerByHand(sb, handler, owner);
  return fireTrigger(sb, handler, owner);
}

export interface DecideArg {
  requestId: string;
  decisions: Array<{ itemId: string; decision: 'approve' | 'revise'; feedback?: string }>;
}

/**
 * An approver decides as they would from the panel: the workbook's owner in the panel itself; anyone
 * else through the review page the panel opens (its fresh link), a POST to the owner's web app.
 * Returns the panel's answer, or for the page `{ ok, page }` (ok: the page says decisions were saved).
 */
export function decideAs(sb: Sandbox, user: string, arg: DecideArg): { ok: boolean; value?: unknown; error?: { code: string; message: string }; page?: string } {
  const call = (fn: string, a: unknown) => {
    const r = sb.run(fn, { kind: 'scriptRun', user, args: [a] });
    if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
    return JSON.parse(JSON.stringify(r.value)) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  };
  // She decides after the request mail reached her: the owner's digest run has sent it.
  deliverHeld(sb);
  const pending = call('apiPendingDecisions', {});
  const mine = pending.ok ? (pending.value as Array<{ requestId: string; reviewUrl?: string }>).find((p) => p.requestId === arg.requestId) : undefined;
  if (!mine?.reviewUrl) return call('apiDecide', arg);
  // The panel link opens the review page by request and level; the page signs the form's token
  // for the signed-in approver (a head's own execution cannot sign links).
  const form: Record<string, string> = { t: tokenOf(mine.reviewUrl) || formToken(webAppRequest(sb, { method: 'GET', url: mine.reviewUrl, user }).body), aksi: 'kirim' };
  for (const d of arg.decisions) {
    form[`decision_${d.itemId}`] = d.decision;
    if (d.feedback !== undefined) form[`feedback_${d.itemId}`] = d.feedback;
  }
  const res = webAppRequest(sb, { method: 'POST', url: mine.reviewUrl.split('?')[0], form, user });
  return { ok: /Keputusan tersimpan|Decisions saved/.test(res.body), page: res.body };
}

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } };

/** Decodes the few HTML entities escapeHtml writes. */
function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The fields a submission page's form POSTs when she presses Ajukan (null: the page has no form). */
export function submitPageForm(html: string): Record<string, string> | null {
  const field = (name: string) => unescape(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html)?.[1] ?? '');
  if (!field('t')) return null;
  const form: Record<string, string> = { t: field('t'), ajukan: field('ajukan') };
  if (field('ids')) form.ids = field('ids');
  if (/name="mendesak" value="1" checked/.test(html)) form.mendesak = '1';
  return form;
}

/**
 * A staff member submits as she would: her panel call checks the submission and, because her own
 * execution may not write the record, answers with the submission page (`pageUrl`); she opens it
 * (GET, the owner's web app) and presses Ajukan (POST). Returns the panel's shape: on success the
 * page's message and requests; on a refusal the page's message as an error. The owner's own call
 * (no pageUrl) is returned as it is.
 */
export function viaSubmitPage(sb: Sandbox, user: string, first: Answer): Answer & { page?: string } {
  const v = first.value as { pageUrl?: string } | undefined;
  if (!first.ok || !v?.pageUrl) return first;
  const get = webAppRequest(sb, { method: 'GET', url: v.pageUrl, user }).body;
  const form = submitPageForm(get);
  if (!form) return { ok: false, error: { code: 'PAGE', message: unescape(get.replace(/<[^>]+>/g, ' ')) }, page: get };
  const body = webAppRequest(sb, { method: 'POST', url: v.pageUrl.split('?')[0], form, user }).body;
  const requests = [...body.matchAll(/<li data-request="([^"]*)" data-period="([^"]*)" data-items="([^"]*)">/g)].map((m) => ({ requestId: m[1], period: m[2], items: m[3] ? m[3].split(',') : [] }));
  if (!requests.length) {
    const text = unescape(body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
    return { ok: false, error: { code: /Sedang sibuk|Busy/.test(body) ? 'BUSY' : 'VALIDATION', message: text }, page: body };
  }
  const message = unescape((/<p class="message">([\s\S]*?)<\/p>/.exec(body)?.[1] ?? '').replace(/<br>/g, '\n'));
  const shareUrl = /<a href="([^"]*)" target="_blank" rel="noopener">/.exec(body)?.[1];
  return {
    ok: true,
    value: { ...(first.value as object), pageUrl: undefined, requestId: requests[0].requestId, requests, items: requests.flatMap((r) => r.items), message, ...(shareUrl ? { shareUrl: unescape(shareUrl) } : {}) },
    page: body,
  };
}

/** Runs a panel endpoint as `user`; a submission goes on through the submission page (viaSubmitPage). */
export function call<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown): { ok: boolean; value?: T; error?: { code: string; message: string; details?: Array<{ row?: number; field?: string; message: string }> }; page?: string } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  const answer = JSON.parse(JSON.stringify(r.value)) as Answer;
  return (/^apiSubmit/.test(fn) ? viaSubmitPage(sb, user, answer) : answer) as never;
}

/**
 * A staff member's submission made ready to race others: her panel's check and the submission
 * page's GET run now; the returned job is the page's POST (doPost in the owner's web app, with her
 * as the visitor), for sb.runConcurrent. The submission is then read from the record.
 */
export function submitPostJob(sb: Sandbox, user: string, fn: string, arg: unknown): ConcurrentJob {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  const url = (r.value as { value?: { pageUrl?: string } } | undefined)?.value?.pageUrl;
  if (!url) throw new Error(`${fn} gave no submission page: ${JSON.stringify(r.value)}`);
  const form = submitPageForm(webAppRequest(sb, { method: 'GET', url, user }).body);
  if (!form) throw new Error(`the submission page for ${user} has no form`);
  const event = buildEvent({ method: 'POST', url: url.split('?')[0], form, user });
  return { functionName: 'doPost', kind: 'webapp', user, effectiveUser: sb.state.owner, args: [JSON.parse(JSON.stringify(event))] };
}

/** The request ids of the Persetujuan tab, once each, in order. */
export function requestIds(sb: Sandbox): string[] {
  return [...new Set(records(sb, TAB.persetujuan).map((r) => r['ID Permintaan']))];
}
