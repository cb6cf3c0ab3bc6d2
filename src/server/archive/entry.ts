/** Entry point of the yearly archive (re-exported by src/main.ts). */
import { archiveRegistry } from '../../adapters/archive';
import { alert, dialogs } from '../../adapters/ui';
import { ARCHIVE_MESSAGES as M } from '../../core/archive';
import { SiaranError } from '../../core/errors';
import { tr } from '../../core/i18n';
import { Ctx, requireOwner } from '../context';
import { busyError, menuAction, withScriptLock } from '../run';
import { archiveYear } from './year';

function askYear(ctx: Ctx, suggested: number): number | null {
  const answer = dialogs().prompt(tr(ctx.lang, M.title), tr(ctx.lang, M.prompt, { year: suggested }));
  if (answer === null) return null;
  const text = answer.trim();
  if (!text) return suggested;
  if (!/^\d{4}$/.test(text)) throw new SiaranError('BAD_REQUEST', M.badYear, { value: text.slice(0, 20), year: suggested });
  return Number(text);
}

/** Menu: Siaran → Administrasi → Arsipkan tahun… (owner only). */
export function menuArchiveYearAction(): void {
  menuAction((ctx) => {
    // The archive and its registry live in the owner's Drive and properties.
    requireOwner(ctx, tr(ctx.lang, M.title));
    const reg = archiveRegistry();
    // An unfinished run is suggested first (running it again resumes it); otherwise last year.
    const unfinished = reg.years().find((y) => reg.get(y)?.journal);
    const suggested = unfinished ?? new Date(ctx.now + 7 * 3600000).getUTCFullYear() - 1;
    const year = askYear(ctx, suggested);
    if (year === null) return;
    const out = withScriptLock(() => archiveYear(ctx, year, reg), busyError);
    alert('Siaran', out.message);
  });
}
