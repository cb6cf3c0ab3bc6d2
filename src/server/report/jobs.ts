/** The report's jobs of the time-driven triggers (listed in src/server/jobs.ts). */
import { scriptLock } from '../../adapters/lock';
import { commit } from '../context';
import { openCtx } from '../run';
import { TRIGGER_USER } from '../run';
import { retryReportMails } from './mail';
import { scriptKeysWaiting } from '../../adapters/props';
import { runMonthlyReport } from './monthly';
import { buildRequested } from './request';
import { REQUEST_PREFIX } from './request-key';

/** Daily: last month's report on the first working day of a month (src/server/report/monthly.ts). */
export const monthlyReportJob = {
  name: 'monthlyReport',
  run: (): unknown => runMonthlyReport(),
};

/** Hourly: queued "report ready" mails. */
export const reportMailJob = {
  name: 'reportMail',
  run: (): unknown => {
    const lock = scriptLock();
    if (!lock.tryLock(5000)) return { skipped: 'busy' };
    try {
      const ctx = openCtx(TRIGGER_USER);
      const r = retryReportMails(ctx);
      commit(ctx);
      return r;
    } finally {
      lock.release();
    }
  },
};

/**
 * The digest trigger (every 10 minutes): a report someone who is not the owner asked for, built as
 * the owner (request.ts). Nothing but the trigger's one listing of the keys when none waits.
 */
export const reportRequestJob = {
  name: 'reportRequest',
  run: (): unknown => (scriptKeysWaiting(REQUEST_PREFIX) ? buildRequested() : { requests: 0 }),
};
