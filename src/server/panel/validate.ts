/**
 * Checking the panel's request objects: shape errors (wrong types, unknown keys) are BAD_REQUEST;
 * content problems (too long, empty, bad dates) are collected per field and thrown together as
 * one VALIDATION error whose details name the fields, in the user's language.
 */
import { SiaranError } from '../../core/errors';
import { Lang, Msg, tr } from '../../core/i18n';
import { PANEL_MESSAGES as M } from './messages';

export type Detail = { field: string; message: string };

export function badRequest(what: string): SiaranError {
  return new SiaranError('BAD_REQUEST', M.badRequest, { what });
}

/** The request as a plain object with only the `allowed` keys (others are a BAD_REQUEST). */
export function requestObject(req: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof req !== 'object' || req === null || Array.isArray(req)) throw badRequest(`{${allowed.join(', ')}}`);
  const obj = req as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (allowed.indexOf(k) < 0) throw badRequest(k);
  return obj;
}

export class FieldCheck {
  readonly details: Detail[] = [];
  constructor(readonly lang: Lang) {}

  add(field: string, msg: Msg, params: Record<string, string | number> = {}): void {
    if (!this.details.some((d) => d.field === field)) this.details.push({ field, message: tr(this.lang, msg, params) });
  }

  /** A string field: wrong type is BAD_REQUEST; too long or empty (when required) is a field problem. */
  text(obj: Record<string, unknown>, key: string, label: Msg, opts: { max: number; required?: boolean; optional?: boolean }): string {
    const v = obj[key];
    if (v === undefined && opts.optional) return '';
    if (typeof v !== 'string') throw badRequest(key);
    const s = v.trim();
    if (s.length > opts.max) this.add(key, M.tooLong, { label: tr(this.lang, label), n: s.length, max: opts.max });
    else if (opts.required && !s) this.add(key, M.required, { label: tr(this.lang, label) });
    return s;
  }

  /** An id-like string (K-0001): wrong type or absurd length is BAD_REQUEST. */
  id(obj: Record<string, unknown>, key: string, opts: { optional?: boolean } = {}): string {
    const v = obj[key];
    if (v === undefined && opts.optional) return '';
    if (typeof v !== 'string' || v.length > 40 || (!opts.optional && !v.trim())) throw badRequest(key);
    return v.trim();
  }

  /** Throws VALIDATION with every collected problem. */
  done(): void {
    if (this.details.length) throw new SiaranError('VALIDATION', M.invalid, { n: this.details.length }, this.details.slice());
  }
}

/** An http(s) link with a host. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i.test(value) && value.length <= 2000;
}

const LOCAL_DT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/** 'YYYY-MM-DDTHH:MM' in WIB (UTC+7) as epoch ms, or null when it is not a real date and time. */
export function parseLocalDateTime(value: string, utcOffsetMinutes = 420): number | null {
  const m = LOCAL_DT.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(utc);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return null;
  return utc - utcOffsetMinutes * 60000;
}

/** 'YYYY-MM-DD' as the instant of local midnight in WIB (how Sheets hands date cells), or null. */
export function localMidnight(date: string, utcOffsetMinutes = 420): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = m.slice(1).map(Number);
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (mo < 1 || mo > 12 || back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return null;
  return utc - utcOffsetMinutes * 60000;
}
