/**
 * Runs actions from Apps Script entry points: builds the context from the real services, commits,
 * and turns errors into what the user should see (an alert, a typed Result), never a stack trace.
 */
import { activeEmail as sessionEmail, activeWorkbook } from '../adapters/session';
import { alert, toast } from '../adapters/ui';
import { isSiaranError, SiaranError } from '../core/errors';
import { scriptLock } from '../adapters/lock';
import { defineMessages, Lang, tr } from '../core/i18n';
import type { ApiError, ErrorCode, Result } from '../shared/contract';
import { buildCtx, commit, Ctx } from './context';

export const RUN_MESSAGES = defineMessages({
  internal: {
    id: 'Terjadi kesalahan tak terduga: {message}. Tidak ada perubahan yang tersimpan sebagian. Coba lagi; bila berulang, laporkan ke admin beserta waktu kejadian.',
    en: 'An unexpected error occurred: {message}. Nothing was half-saved. Try again; if it keeps happening, report it to the admin with the time it happened.',
  },
  busy: {
    id: 'Siaran sedang memproses permintaan lain. Tunggu sebentar, lalu coba lagi.',
    en: 'Siaran is busy with another request. Wait a moment, then try again.',
  },
  settingsNote: {
    id: 'Pengaturan bermasalah: {keys}; nilai bawaan dipakai. Perbaiki di tab Pengaturan (Siapkan / perbaiki workbook menampilkan rinciannya).',
    en: 'Settings with problems: {keys}; the defaults are used. Fix them in the Settings tab (Set up / repair workbook lists the details).',
  },
  timeout: {
    id: 'Waktu eksekusi habis sebelum selesai. Tidak ada perubahan yang tersimpan sebagian. Coba lagi dengan data yang lebih sedikit.',
    en: 'The execution ran out of time. Nothing was half-saved. Try again with less data.',
  },
});

export function activeEmail(): string {
  return sessionEmail();
}

export function openCtx(email = activeEmail()): Ctx {
  const wb = activeWorkbook();
  return buildCtx(wb, email, Date.now());
}

/** The language to report an error in, when the context itself could not be built. */
function fallbackLang(ctx?: Ctx): Lang {
  return ctx?.lang ?? 'id';
}

export function toApiError(e: unknown, lang: Lang): ApiError {
  if (isSiaranError(e)) {
    return { code: (e.code as ErrorCode) || 'BAD_REQUEST', message: e.text(lang), details: e.details.length ? e.details : undefined };
  }
  const message = e instanceof Error ? e.message : String(e);
  if (/Lock timeout|too long/i.test(message)) return { code: 'BUSY', message: tr(lang, RUN_MESSAGES.busy) };
  if (/Exceeded maximum execution time/i.test(message)) return { code: 'INTERNAL', message: tr(lang, RUN_MESSAGES.timeout) };
  if (/too many times/i.test(message)) return { code: 'QUOTA', message };
  return { code: 'INTERNAL', message: tr(lang, RUN_MESSAGES.internal, { message }) };
}

/**
 * Runs an endpoint: builds the context, runs `fn`, commits, returns Result. Any error becomes a
 * typed error; nothing is committed when `fn` throws (all writes happen in commit).
 */
export function endpoint<T>(fn: (ctx: Ctx) => T): Result<T> {
  let ctx: Ctx | undefined;
  try {
    ctx = openCtx();
    const value = fn(ctx);
    commit(ctx);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toApiError(e, fallbackLang(ctx)) };
  }
}

/** The words that start the settings note (a message that already lists the problems has them). */
export const SETTINGS_NOTE_MARK = { id: 'Pengaturan bermasalah', en: 'Settings with problems' };

/** A short note naming the settings whose nonsense values were replaced by defaults ('' if none). */
export function settingsNote(ctx: Ctx | undefined): string {
  if (!ctx || !ctx.settingsProblems.length) return '';
  const keys = ctx.settingsProblems.map((p) => p.key).filter((k, i, a) => a.indexOf(k) === i);
  return tr(ctx.lang, RUN_MESSAGES.settingsNote, { keys: keys.join(', ') });
}

/** `message` with the settings note appended, unless it already lists the problems. */
function withSettingsNote(ctx: Ctx | undefined, message: string): string {
  const note = settingsNote(ctx);
  if (!note || message.indexOf(tr(ctx?.lang ?? 'id', SETTINGS_NOTE_MARK)) >= 0) return message;
  return `${message}\n\n${note}`;
}

/** Runs a menu action: on error, shows an alert with the plain message. */
export function menuAction(fn: (ctx: Ctx) => string | void): void {
  let ctx: Ctx | undefined;
  try {
    ctx = openCtx();
    const message = fn(ctx);
    commit(ctx);
    if (message) toast(withSettingsNote(ctx, message), 'Siaran', 8);
  } catch (e) {
    const err = toApiError(e, fallbackLang(ctx));
    const details = err.details?.map((d) => `• ${d.row ? `${d.row}: ` : ''}${d.message}`).join('\n');
    alert('Siaran', withSettingsNote(ctx, details ? `${err.message}\n\n${details}` : err.message));
  }
}

/** Who the Log names for work a trigger did. */
export const TRIGGER_USER = 'Siaran (pemicu otomatis)';

/** How long an action waits for the script lock before saying "busy". */
export const LOCK_WAIT_MS = 10000;

/** Runs fn under the script lock; when the lock is not free in time, `busy()` (nothing changes). */
export function withScriptLock<T>(fn: () => T, busy: () => T, waitMs = LOCK_WAIT_MS): T {
  const lock = scriptLock();
  if (!lock.tryLock(waitMs)) return busy();
  try {
    return fn();
  } finally {
    lock.release();
  }
}

/** For endpoints and menus: the typed BUSY error. */
export function busyError(): never {
  throw new SiaranError('BUSY', RUN_MESSAGES.busy);
}
