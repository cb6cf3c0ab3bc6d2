/**
 * The work of the installed time-driven triggers, as lists of jobs. Features append their job to
 * DAILY_JOBS or HOURLY_JOBS; each job runs on its own (one failing job does not stop the others)
 * and reports its result to the execution log.
 */
import { firedByOwnTrigger } from '../adapters/triggers';
import { runsAsOwner } from '../adapters/session';
import { dailyApprovalJob, mailQueueJob, recordPassJob } from './approvals/jobs';
import { addLog, commit } from './context';
import { heldLogJob } from './log-move';
import { activeEmail, openCtx } from './run';

export interface Job {
  name: string;
  run(): unknown;
}

/** triggerDaily (07.00–08.00 WIB): reminders and escalation on working days, then the mail queue. */
export const DAILY_JOBS: Job[] = [recordPassJob, dailyApprovalJob, mailQueueJob];

/** triggerHourly: the held Log lines into the Log, the owner's record pass (seals and statuses), then the mail queue. */
export const HOURLY_JOBS: Job[] = [heldLogJob, recordPassJob, mailQueueJob];

export interface JobReport {
  name: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/**
 * True when this execution is the firing of the running user's own trigger for `handler`.
 * Otherwise nothing runs, and the Log names who tried.
 */
export function ownTriggerOnly(handler: string, event: unknown, opts: { owner?: boolean } = {}): boolean {
  // The record's jobs run as the workbook's owner only: a staff member's own trigger for them
  // (made from the script editor) runs as that staff member, and is refused like a direct call.
  if (firedByOwnTrigger(handler, event) && (!opts.owner || runsAsOwner())) return true;
  const who = activeEmail() || '(tidak diketahui)';
  try {
    const ctx = openCtx(who);
    addLog(ctx, '—', 'Pemicu ditolak', handler, `${handler} dijalankan oleh ${who} di luar pemicu terpasang; tidak ada yang dikerjakan.`);
    commit(ctx);
  } catch (err) {
    console.log(`${handler}: refused; the Log could not be written (${err instanceof Error ? err.message : String(err)})`);
  }
  console.log(`${handler}: refused, not run by its installed trigger (caller ${who})`);
  return false;
}

export function runJobs(jobs: readonly Job[]): JobReport[] {
  const out: JobReport[] = [];
  for (const job of jobs) {
    try {
      out.push({ name: job.name, ok: true, result: job.run() });
    } catch (e) {
      out.push({ name: job.name, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  for (const r of out) console.log(`${r.name}: ${r.ok ? JSON.stringify(r.result) : `GAGAL ${r.error}`}`);
  return out;
}

// Monthly report (SOP step 6): last month's report on the first working day of a month (and a
// build whose resume trigger was lost); queued "report ready" mails every hour.
import { monthlyReportJob, reportMailJob } from './report/jobs';
DAILY_JOBS.push(monthlyReportJob);
HOURLY_JOBS.push(reportMailJob);
