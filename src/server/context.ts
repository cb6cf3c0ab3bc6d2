/**
 * The context of one action: the workbook, who is acting, their role, the settings and the clock.
 * Actions take a Ctx, so the demo loader and tests can act as any person at any time.
 */
import { Workbook, Cell, ensureRows } from '../adapters/workbook';
import { defineMessages, Lang, tr } from '../core/i18n';
import { SiaranError } from '../core/errors';
import type { LogEntry } from '../core/log';
import { findPerson, Person } from '../core/people';
import { parseSettings, Settings, SettingsProblem } from '../core/settings';
import { normalizeRole, Role } from '../core/sop';
import { asSheetText } from '../core/sheet-text';

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
}

export const CTX_MESSAGES = defineMessages({
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
  forbidden: {
    id: '{action} hanya dapat dilakukan oleh {roles}. Peran Anda: {role}. Bila ini keliru, minta Kabag memperbaiki tab Pengguna.',
    en: '{action} can only be done by {roles}. Your role: {role}. If this is wrong, ask the Kabag to fix the People tab.',
  },
});

/** Reads Pengguna and Pengaturan (once each) and builds the context. */
export function buildCtx(wb: Workbook, email: string, now: number): Ctx {
  const people = readPeople(wb);
  const settingsTable = wb.sheet('pengaturan') ? wb.table('pengaturan', { lenient: true }) : null;
  const rows = settingsTable
    ? settingsTable.rows.map((r) => [r[settingsTable.col.kunci] ?? '', r[settingsTable.col.nilai] ?? '', r[settingsTable.col.keterangan] ?? ''])
    : [];
  const { settings, problems } = parseSettings(rows);
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

export function addLog(ctx: Ctx, step: string, action: string, object: string, detail: string): void {
  ctx.log.push({ at: ctx.now, user: ctx.email || '(tidak diketahui)', step, action, object, detail });
}

/** User text, safe to write into a cell (never becomes a formula). */
export function userText(value: unknown): string {
  return asSheetText(String(value ?? ''));
}

/**
 * Writes the action's changes: every changed table once, then the Log entries in one append.
 * The Log is append-only: it is never read back and rewritten.
 */
export function commit(ctx: Ctx): void {
  ctx.wb.commit();
  if (!ctx.log.length) return;
  const sheet = ctx.wb.sheet('log');
  if (!sheet) return;
  const width = Math.max(sheet.getLastColumn(), 6);
  const headers = sheet.getRange(1, 1, 1, width).getValues()[0].map((h) => String(h).trim().toLowerCase());
  const idx = (id: string, en: string) => {
    const i = headers.indexOf(id.toLowerCase());
    return i >= 0 ? i : headers.indexOf(en.toLowerCase());
  };
  const cols = {
    at: idx('Waktu', 'Time'),
    user: idx('Pengguna', 'User'),
    step: idx('Langkah', 'Step'),
    action: idx('Aksi', 'Action'),
    object: idx('Objek', 'Object'),
    detail: idx('Detail', 'Details'),
  };
  const rows: Cell[][] = ctx.log.map((e) => {
    const r: Cell[] = new Array(width).fill('');
    const put = (i: number, v: Cell) => {
      if (i >= 0) r[i] = v;
    };
    put(cols.at, new Date(e.at));
    put(cols.user, userText(e.user));
    put(cols.step, userText(e.step));
    put(cols.action, userText(e.action));
    put(cols.object, userText(e.object));
    put(cols.detail, userText(e.detail));
    return r;
  });
  const start = sheet.getLastRow() + 1;
  ensureRows(sheet, start + rows.length - 1);
  sheet.getRange(start, 1, rows.length, width).setValues(rows);
  ctx.log = [];
}

export function say(ctx: Ctx, msg: { id: string; en: string }, params: Record<string, string | number> = {}): string {
  return tr(ctx.lang, msg, params);
}
