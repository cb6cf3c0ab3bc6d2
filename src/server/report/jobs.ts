/** The report's jobs of the time-driven triggers (listed in src/server/jobs.ts). */
import { scriptLock } from '../../adapters/lock';
import { commit } from '../context';
import { openCtx } from '../run';
import { TRIGGER_USER } from '../run';
import { retryReportMails } from './mail';
import { runMonthlyReport } from './monthly';

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
