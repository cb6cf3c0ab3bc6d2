/**
 * Errors users see. Each carries a code and a message in both languages that says what is wrong
 * and what to do. Endpoints turn them into typed error results; menu handlers into alerts.
 */
import type { Lang, Msg } from './i18n';
import { tr } from './i18n';

export class SiaranError extends Error {
  constructor(
    readonly code: string,
    readonly msg: Msg,
    readonly params: Record<string, string | number> = {},
    /** Per-field or per-row problems, for forms and validation lists. */
    readonly details: Array<{ field?: string; row?: number; message: string }> = [],
  ) {
    super(tr('id', msg, params));
    this.name = 'SiaranError';
  }
  text(lang: Lang): string {
    return tr(lang, this.msg, this.params);
  }
}

export function isSiaranError(e: unknown): e is SiaranError {
  return e instanceof SiaranError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'SiaranError');
}
