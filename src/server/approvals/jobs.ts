/** The approval jobs of the time-driven triggers (listed in src/server/jobs.ts). */
import { TRIGGER_USER } from '../run';
import { commit } from '../context';
import { openCtx } from '../run';
import { mailEnv } from './env';
import { runMailQueue, runReminders } from './reminders';

export const dailyApprovalJob = {
  name: 'approvalReminders',
  run: () => {
    const ctx = openCtx(TRIGGER_USER);
    const r = runReminders(ctx, mailEnv());
    commit(ctx);
    return r;
  },
};

export const mailQueueJob = {
  name: 'mailQueue',
  run: () => {
    const ctx = openCtx(TRIGGER_USER);
    const r = runMailQueue(ctx, mailEnv());
    commit(ctx);
    return r;
  },
};
