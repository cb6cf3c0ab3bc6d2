/**
 * The daily trigger's report work: on the first working day of a month, build last month's report,
 * unless one was already built after that month ended. Also picks up a build whose resume trigger
 * was lost. Listed in src/server/report/jobs.ts; kept apart so that file does not pull the report
 * builder into Code.js (scripts/build.mjs builds this module into the ServerExtras chunk).
 */
import { firstWorkingDayOfMonth, localDate } from '../../core/calendar';
import { periodOfCell, previousPeriod } from '../../core/sop';
import { commit } from '../context';
import { openCtx } from '../run';
import { cellMs, workCalendar } from '../clock';
import { TRIGGER_USER } from '../run';
import { loadCheckpoint, resumeBuild, STALE_MS, startBuild } from './build';

export function runMonthlyReport(): unknown {
  const ctx = openCtx(TRIGGER_USER);
  const cp = loadCheckpoint();
  if (cp && Date.now() - cp.touched > STALE_MS) {
    const out = resumeBuild(ctx);
    commit(ctx);
    return out === 'running' ? { skipped: 'build-running', period: cp.period } : { resumed: out ? out.period : null };
  }
  const cal = workCalendar(ctx);
  const today = localDate(cal, ctx.now);
  const first = firstWorkingDayOfMonth(cal, Number(today.slice(0, 4)), Number(today.slice(5, 7)));
  if (!first || first.date !== today) return { skipped: 'not-first-working-day' };
  const period = previousPeriod(today.slice(0, 7));
  const monthStart = Date.parse(`${today.slice(0, 7)}-01T00:00:00+07:00`);
  if (ctx.wb.sheet('laporan')) {
    const t = ctx.wb.table('laporan', { lenient: true });
    for (let i = 0; i < t.size; i++) {
      const made = cellMs(t.get(i, 'dibuatPada'));
      if (periodOfCell(t.get(i, 'periode')) === period && made !== null && made >= monthStart) return { skipped: 'already-built', period };
    }
  }
  if (cp) return { skipped: 'build-running', period: cp.period };
  const out = startBuild(ctx, period);
  commit(ctx);
  return { period, status: out.status };
}
