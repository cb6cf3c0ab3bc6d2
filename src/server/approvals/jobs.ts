/** The approval jobs of the time-driven triggers (listed in src/server/jobs.ts). */
import { TRIGGER_USER } from '../run';
import { commit } from '../context';
import { openCtx } from '../run';
import { mailEnv } from './env';
import { scriptKeysWaiting } from '../../adapters/props';
import { HOLD_PREFIX } from './mail-common';
import { runDigest, runMailQueue, runReminders } from './reminders';
import { ownerMac, recordPass } from './record-pass';
import { itemTable } from './store';
import { busyError, withScriptLock } from '../run';

/** The owner's record pass (record-pass.ts): unsealed decisions out, statuses from the record. */
export const recordPassJob = {
  name: 'recordPass',
  run: () => {
    const ctx = openCtx(TRIGGER_USER);
    return withScriptLock(() => {
      ctx.wb.relocate();
      const mac = ownerMac(ctx);
      if (!mac) return { skipped: 'not the owner' };
      const pass = recordPass(ctx, mac);
      // Blank rows for the staff's new items (no call while there are enough; the pass read both tabs).
      for (const kind of ['konsep', 'desain'] as const) itemTable(ctx, kind).keepRoom();
      return pass;
    }, busyError);
  },
};

export const dailyApprovalJob = {
  name: 'approvalReminders',
  run: () => {
    const ctx = openCtx(TRIGGER_USER);
    const r = runReminders(ctx, mailEnv({ trigger: true }));
    commit(ctx);
    return r;
  },
};

export const mailQueueJob = {
  name: 'mailQueue',
  run: () => {
    const ctx = openCtx(TRIGGER_USER);
    const r = runMailQueue(ctx, mailEnv({ trigger: true }));
    commit(ctx);
    return r;
  },
};

/** triggerDigest: the held request mails whose window has ended (nothing is opened when none is held). */
export const digestJob = {
  name: 'digest',
  run: () => {
    if (!scriptKeysWaiting(HOLD_PREFIX)) return { sent: 0, queued: 0 };
    const env = mailEnv({ trigger: true });
    const ctx = openCtx(TRIGGER_USER);
    const r = runDigest(ctx, env);
    commit(ctx);
    return r;
  },
};
