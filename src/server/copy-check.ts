/**
 * The copy check as the server writes it (the Cek Naskah column): the settings' limits applied by
 * core/copy-limits.ts, and the one-line verdict in the user's language.
 */
import { CopyCheck, CopyLimitsOverride, copyUnitLabel, limitsFromSettings } from '../core/copy-limits';
import { defineMessages, Lang, tr } from '../core/i18n';
import type { Ctx } from './context';

const COPY_MESSAGES = defineMessages({
  copyOk: { id: 'OK: {count}/{limit} {unit}', en: 'OK: {count}/{limit} {unit}' },
  copyBad: { id: 'Melebihi batas: {problems}', en: 'Over the limit: {problems}' },
  copyWarn: { id: 'OK dengan catatan: {problems}', en: 'OK with notes: {problems}' },
});

/** Copy limits of the settings in the shape copy-limits.ts takes. */
export function copyLimitsOf(ctx: Ctx): CopyLimitsOverride {
  return limitsFromSettings(ctx.settings.copyLimits);
}

/** The text written to Cek Naskah. */
export function copyCheckText(c: CopyCheck, lang: Lang): string {
  const msg = (p: { message_id: string; message_en: string }) => (lang === 'en' ? p.message_en : p.message_id);
  const errors = c.problems.filter((p) => p.severity === 'error');
  const warns = c.problems.filter((p) => p.severity === 'warning');
  if (errors.length) return tr(lang, COPY_MESSAGES.copyBad, { problems: errors.map(msg).join(' ') });
  const ok = c.fields
    ? `${tr(lang, COPY_MESSAGES.copyOk, { count: c.fields.title.count, limit: c.fields.title.limit, unit: copyUnitLabel(c.fields.title.unit, lang) })}; ${tr(lang, COPY_MESSAGES.copyOk, { count: c.fields.description.count, limit: c.fields.description.limit, unit: copyUnitLabel(c.fields.description.unit, lang) })}`
    : tr(lang, COPY_MESSAGES.copyOk, { count: c.count, limit: c.limit, unit: copyUnitLabel(c.unit, lang) });
  return warns.length ? `${ok}. ${tr(lang, COPY_MESSAGES.copyWarn, { problems: warns.map(msg).join(' ') })}` : ok;
}
