/**
 * The context of one action: the workbook, who is acting, their role, the settings and the clock.
 * Actions take a Ctx, so the demo loader and tests can act as any person at any time.
 */
import { Workbook, Cell, Tab, Table, WB_MESSAGES } from '../adapters/workbook';
import { runsAsOwner, workbookOwnerEmail } from '../adapters/session';
import { ColumnKey, locateColumns, tabDef } from '../core/schema';
import { defineMessages, Lang, tr } from '../core/i18n';
import { SiaranError } from '../core/errors';
import type { LogEntry } from '../core/log';
import { findPerson, Person } from '../core/people';
import { parseSettings, Settings, SettingsProblem } from '../core/settings';
import { normalizeRole, Role } from '../core/sop';
import { asSheetText } from '../core/sheet-text';
import { scriptProperties } from '../adapters/props';

export interface Ctx {
  wb: Workbook;
  /** The acting person's email ('' if Apps Script does not tell). */
  email: string;
  /** Their Pengguna row, if any. */
  me?: Person;
  role: Role | null;
  people: Person[];
  settings: Settings;
  settingsProblems: SettingsProblem[];
  lang: Lang;
  /** The action's clock (epoch ms). */
  now: number;
  /** Log entries written at commit. */
  log: LogEntry[];
  /**
   * True: this execution's Log lines are held for the owner's trigger without asking whose
   * execution this is (onEdit: a simple trigger runs as the editor, and one call fewer). Unset:
   * held unless the execution is the owner's (`logsHeld`).
   */
  holdLog?: boolean;
}

export const CTX_MESSAGES = defineMessages({
  ownerOnly: {
    id: '{action} hanya dapat dijalankan oleh pemilik workbook ({owner}). Tidak ada yang diubah.',
    en: '{action} can only be run by the workbook owner ({owner}). Nothing was changed.',
  },
  unknownUser: {
    id: 'Email Anda ({email}) belum terdaftar di tab Pengguna. Minta Kabag atau Kasubbag menambahkan email Anda beserta perannya.',
    en: 'Your email ({email}) is not in the People tab. Ask the Kabag or Kasubbag to add it with your role.',
  },
  noEmail: {
    id: 'Siaran tidak dapat mengetahui email Anda. Buka workbook dengan akun kantor Anda, lalu coba lagi.',
    en: 'Siaran cannot tell your email. Open the workbook with your office account, then try again.',
  },
  unknownRole: {
    id: 'Peran "{role}" untuk {email} di tab Pengguna tidak dikenal. Pilih salah satu: Kabag, Kasubbag, PNS, PPNPN.',
    en: 'The role "{role}" for {email} in the People tab is unknown. Choose one of: Kabag, Kasubbag, PNS, PPNPN.',
  },
  notHeld: {
    id: 'Tindakan ini tidak dapat dicatat untuk Log (penyimpanan catatan sementara Siaran penuh atau gagal ditulis), jadi tidak ada yang diubah. Coba lagi beberapa menit lagi; bila berulang, beri tahu pemilik workbook.',
    en: "This action could not be recorded for the Log (Siaran's holding store is full or could not be written), so nothing was changed. Try again in a few minutes; if it keeps happening, tell the workbook owner.",
  },
  forbidden: {
    id: '{action} hanya dapat dilakukan oleh {roles}. Peran Anda: {role}. Bila ini keliru, minta Kabag memperbaiki tab Pengguna.',
    en: '{action} can only be done by {roles}. Your role: {role}. If this is wrong, ask the Kabag to fix the People tab.',
  },
});

/** Reads Pengguna and Pengaturan (once each) and builds the context. */
export function buildCtx(wb: Workbook, email: string, now: number): Ctx {
  const people = readPeople(wb);
  const { settings, problems } = readSettings(wb);
  const me = findPerson(people, email);
  return {
    wb,
    email,
    me,
    role: me?.role ?? null,
    people,
    settings,
    settingsProblems: problems,
    lang: settings.lang,
    now,
    log: [],
  };
}

/** The Pengaturan tab (read once) as settings, with the problems of nonsense values. */
export function readSettings(wb: Workbook): { settings: Settings; problems: SettingsProblem[] } {
  const settingsTable = wb.sheet('pengaturan') ? wb.table('pengaturan', { lenient: true }) : null;
  const rows = settingsTable
    ? settingsTable.rows.map((r) => [r[settingsTable.col.kunci] ?? '', r[settingsTable.col.nilai] ?? '', r[settingsTable.col.keterangan] ?? ''])
    : [];
  return parseSettings(rows);
}

export function readPeople(wb: Workbook): Person[] {
  if (!wb.sheet('pengguna')) return [];
  const t = wb.table('pengguna', { lenient: true });
  if (t.col.email < 0) return [];
  const out: Person[] = [];
  for (let i = 0; i < t.size; i++) {
    const email = t.text(i, 'email');
    if (!email) continue;
    const roleText = t.text(i, 'peran');
    out.push({ email, name: t.text(i, 'nama') || email, role: normalizeRole(roleText), roleText, position: t.text(i, 'jabatan'), nip: t.text(i, 'nip') });
  }
  return out;
}

/** Throws a plain message unless the acting person has one of `roles`. */
export function requireRole(ctx: Ctx, roles: readonly Role[], action: string): Person {
  if (!ctx.email) throw new SiaranError('FORBIDDEN', CTX_MESSAGES.noEmail);
  if (!ctx.me) throw new SiaranError('FORBIDDEN', CTX_MESSAGES.unknownUser, { email: ctx.email });
  if (!ctx.me.role) throw new SiaranError('FORBIDDEN', CTX_MESSAGES.unknownRole, { role: ctx.me.roleText, email: ctx.email });
  if (!roles.includes(ctx.me.role)) {
    throw new SiaranError('FORBIDDEN', CTX_MESSAGES.forbidden, { action, roles: roles.join('/'), role: ctx.me.role });
  }
  return ctx.me;
}

/**
 * Throws a plain message unless this execution is the workbook owner's (`runsAsOwner`: the
 * effective user owns the file). The one owner check of the actions that only the owner may run.
 */
export function requireOwner(ctx: Ctx, action: string): void {
  if (!runsAsOwner()) throw new SiaranError('FORBIDDEN', CTX_MESSAGES.ownerOnly, { action, owner: workbookOwnerEmail() || '?' });
}

/** Who the Log names for the acting person. */
export function logUser(ctx: Ctx): string {
  return ctx.email || '(tidak diketahui)';
}

export function addLog(ctx: Ctx, step: string, action: string, object: string, detail: string): void {
  ctx.log.push({ at: ctx.now, user: logUser(ctx), step, action, object, detail });
}

/** User text, safe to write into a cell (never becomes a formula). */
export function userText(value: unknown): string {
  return asSheetText(String(value ?? ''));
}

/**
 * Throws the plain "run setup" message when the action has Log entries (or, with `always`, will
 * have: call it before an action's first write) and the Log tab is gone.
 */
export function requireLogTab(ctx: Ctx, always = false): void {
  if ((always || ctx.log.length) && !ctx.wb.sheet('log')) throw new SiaranError('SETUP_NEEDED', WB_MESSAGES.missingTab, { tab: tabDef('log').id });
}

/**
 * Writes the action's changes: first the tables of `first`, in that order (an action whose records
 * span tabs writes its journal first, see approvals/journal.ts), then every other changed table
 * once, then the Log entries in one append. The Log is append-only: it is never read back here.
 *
 * An action that has something to log refuses to run unrecorded: when the Log tab is missing it
 * throws SETUP_NEEDED before anything is written.
 *
 * Only the owner's executions write the Log (a hard protection for the owner). Anyone else's hold
 * their lines in script properties (`holdLogLines`) for the owner's trigger to move into the Log
 * (log-move.ts). They are held BEFORE the content writes: a store that refuses them (the 500 KB
 * quota, a store error) then stops the action with nothing written, where holding after the writes
 * would leave a change no line records. When a content write then fails, the held lines are
 * taken back (best effort: an execution cut by its time limit leaves them, which is right for the
 * journaled approval actions that finish from the journal, and otherwise leaves a reported line of
 * an action that was half-done or, cut before its first write, not done: a line too many, never
 * a change without one).
 */
export function commit(ctx: Ctx, first: readonly Table[] = []): void {
  commitAround(ctx, first, () => undefined);
}

/**
 * commit, with `between` run after the tables are written and before the Log is appended. The
 * journaled approval actions hold their mail there (approvals/journal.ts), so the action's Log
 * lines and the lines about its mail go into the Log in ONE append. (Held Log lines: the action's
 * are held before the writes, as commit says; those `between` adds, after it.)
 */
export function commitAround<T>(ctx: Ctx, first: readonly Table[], between: () => T): T {
  requireLogTab(ctx);
  let header: LogHeader | null = null;
  if (ctx.log.length && logsHeld(ctx)) {
    const keys = holdLogLines(ctx);
    try {
      for (const t of first) if (t.dirty) t.commit();
      ctx.wb.commit();
    } catch (e) {
      dropHeld(keys);
      throw e;
    }
  } else {
    // Nothing unrecorded: the Log's header is checked before anything is written, so an action
    // whose Log lines would be lost (a blanked or damaged header) changes nothing.
    header = ctx.log.length ? checkedLogHeader(ctx) : null;
    for (const t of first) if (t.dirty) t.commit();
    ctx.wb.commit();
  }
  const out = between();
  appendLog(ctx, header ?? undefined);
  return out;
}

/** Script-property keys of held Log lines: time-ordered (the action's clock), then unique. */
export const HELD_LOG_PREFIX = 'siaran.catat.';
/** A held entry's JSON stays under this many UTF-8 bytes (a property value may hold 9 KB). */
export const HELD_ENTRY_BYTES = 8000;

/** True when this execution's Log lines wait for the owner (see commit). */
function logsHeld(ctx: Ctx): boolean {
  return ctx.holdLog ?? !runsAsOwner();
}

function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/** One held line, as the mover reads it back: [at, user, step, action, object, detail]. */
export type HeldLine = [number, string, string, string, string, string];

/**
 * Holds ctx.log in script properties, in one call (setProperties: all entries or none), and empties
 * it. Returns the keys. A store that refuses them throws the plain "not recorded" message.
 *
 * One entry per action, split into several when its JSON would pass HELD_ENTRY_BYTES. An entry is
 * `{ t, s, l }`: `s` each distinct text once, `l` the lines as [ms after t, then the index in s of
 * user, step, action, object, detail]: a month's submission repeats the same words for every item,
 * so 10,000 lines take about 300 KB of the store's 500 KB. A line too long for an entry by itself
 * (a long Detail) is held with each field cut short.
 */
export function holdLogLines(ctx: Ctx): string[] {
  // Unique among executions of the same millisecond; not a secret (Utilities.getUuid would be a
  // round trip more on every onEdit).
  const base = `${HELD_LOG_PREFIX}${String(ctx.now).padStart(15, '0')}.${Math.random().toString(36).slice(2, 12)}.`;
  const limit = HELD_ENTRY_BYTES - 64;
  const values: Record<string, string> = {};
  let t0 = 0;
  let texts: string[] = [];
  let index: Record<string, number> = {};
  let lines: number[][] = [];
  let size = 0;
  const flush = () => {
    if (lines.length) values[base + String(Object.keys(values).length).padStart(3, '0')] = JSON.stringify({ t: t0, s: texts, l: lines });
    texts = [];
    index = {};
    lines = [];
    size = 0;
  };
  const cut = (t: string, n: number) => (t.length > n ? `${t.slice(0, n)}…` : t);
  for (const e of ctx.log) {
    let fields = [e.user, e.step, e.action, e.object, e.detail];
    if (utf8Bytes(JSON.stringify(fields)) > limit - 64) fields = [cut(e.user, 200), cut(e.step, 20), cut(e.action, 200), cut(e.object, 300), cut(e.detail, 1200)];
    for (let pass = 0; pass < 2; pass++) {
      if (!lines.length) t0 = e.at;
      const fresh = fields.filter((f, i) => !(('#' + f) in index) && fields.indexOf(f) === i);
      const bytes = fresh.reduce((n, f) => n + utf8Bytes(JSON.stringify(f)) + 1, 0) + 48;
      if (size + bytes > limit && lines.length) {
        flush();
        continue;
      }
      for (const f of fresh) index['#' + f] = texts.push(f) - 1;
      lines.push([e.at - t0, ...fields.map((f) => index['#' + f])]);
      size += bytes;
      break;
    }
  }
  flush();
  try {
    scriptProperties().setAll(values);
  } catch (err) {
    console.log(`Log lines not held: ${err instanceof Error ? err.message : String(err)}`);
    throw new SiaranError('QUOTA', CTX_MESSAGES.notHeld);
  }
  ctx.log = [];
  return Object.keys(values);
}

/** The lines of one held entry (see holdLogLines); null when it is not one Siaran writes. */
export function parseHeld(value: string): HeldLine[] | null {
  try {
    const v = JSON.parse(value) as { t?: unknown; s?: unknown; l?: unknown } | null;
    if (!v || typeof v !== 'object' || typeof v.t !== 'number' || !Array.isArray(v.s) || !Array.isArray(v.l) || !v.l.length) return null;
    const s = v.s as unknown[];
    const t0 = v.t;
    if (!s.every((x) => typeof x === 'string' && x.length <= 10000)) return null;
    const out: HeldLine[] = [];
    for (const l of v.l as unknown[]) {
      if (!Array.isArray(l) || l.length !== 6 || !l.every((x) => typeof x === 'number' && Math.floor(x) === x)) return null;
      const at = t0 + (l[0] as number);
      const f = (l as number[]).slice(1).map((i) => (s[i] as string | undefined));
      if (!(at > 0 && at < 8.64e15) || f.some((x) => x === undefined) || !f[0]!.trim() || f[0]!.length > 320) return null;
      out.push([at, ...(f as string[])] as HeldLine);
    }
    return out;
  } catch {
    return null;
  }
}

function dropHeld(keys: readonly string[]): void {
  try {
    const store = scriptProperties();
    for (const k of keys) store.delete(k);
  } catch {
    // The lines stay held: the owner's trigger logs an action that was not (fully) done.
  }
}

type LogHeader = ReturnType<typeof readLogHeader>;

/**
 * The Log header as read by this execution, per Tab object (a relocate, as after setup, gives new
 * Tab objects and so a fresh read): an action that commits twice (a decision, then its cleared
 * marker and any repaint) reads it once.
 */
const logHeaders = new WeakMap<Tab, LogHeader>();

/** The Log's header, when every column a Log line needs is there; otherwise SETUP_NEEDED (nothing written). */
function checkedLogHeader(ctx: Ctx): LogHeader {
  const tab = ctx.wb.requireSheet('log');
  const header = logHeaders.get(tab) ?? taggedLogHeader(ctx.wb) ?? readLogHeader(tab);
  logHeaders.set(tab, header);
  const missing = tabDef('log').columns.find((c) => c.required && header.col[c.key as ColumnKey<'log'>] < 0);
  if (missing) throw new SiaranError('SETUP_NEEDED', WB_MESSAGES.missingColumn, { column: missing.id, tab: tabDef('log').id });
  return header;
}

/** The Log's columns from their tags when this action read them (onEdit) and every Log column is tagged. */
function taggedLogHeader(wb: Workbook): LogHeader | null {
  const cols = wb.columns('log', false);
  const keys = tabDef('log').columns.map((c) => c.key);
  if (!cols || keys.some((k) => cols[k] === undefined)) return null;
  return { width: Math.max(6, ...keys.map((k) => cols[k] + 1)), col: cols as Record<ColumnKey<'log'>, number> };
}

/**
 * The Log tab's header, read once (one getSheetValues, see Tab.headerRow): its width (at least the six
 * columns) and where each column is, by Indonesian or English header (-1 when missing). The one
 * reader of the Log's header: the append below and the journal's "did the Log land?" both use it.
 */
export function readLogHeader(tab: Tab): { width: number; col: Record<ColumnKey<'log'>, number> } {
  const { width, headers } = tab.headerRow(6);
  return { width, col: locateColumns(tabDef('log'), headers) as Record<ColumnKey<'log'>, number> };
}

/**
 * Appends ctx.log to the Log tab (one write) and empties it. Nothing to append: no call at all.
 * Outside the owner's executions the lines are held instead (see commit).
 */
export function appendLog(ctx: Ctx, header?: LogHeader): void {
  if (!ctx.log.length) return;
  requireLogTab(ctx);
  if (logsHeld(ctx)) {
    holdLogLines(ctx);
    return;
  }
  const sheet = ctx.wb.requireSheet('log');
  const { width, col: cols } = header ?? checkedLogHeader(ctx);
  const rows: Cell[][] = ctx.log.map((e) => {
    const r: Cell[] = new Array(width).fill('');
    const put = (i: number, v: Cell) => {
      if (i >= 0) r[i] = v;
    };
    put(cols.waktu, new Date(e.at));
    put(cols.pengguna, userText(e.user));
    put(cols.langkah, userText(e.step));
    put(cols.aksi, userText(e.action));
    put(cols.objek, userText(e.object));
    put(cols.detail, userText(e.detail));
    return r;
  });
  if (rows.length === 1) {
    // One line (an edit reverted, a new row's ID): appendRow is one call and adds its own row.
    sheet.appendRow(rows[0]);
    ctx.log = [];
    return;
  }
  // Like appendRow, but for a block: below the last entry, in the blank rows when they are enough
  // (no call to find out), else in rows inserted there. The calls are the same whether the Log
  // has 10 or 100,000 rows.
  const last = sheet.lastRow();
  sheet.roomBelow(last, rows.length);
  sheet.write(last + 1, 1, rows);
  ctx.log = [];
}

export function say(ctx: Ctx, msg: { id: string; en: string }, params: Record<string, string | number> = {}): string {
  return tr(ctx.lang, msg, params);
}
