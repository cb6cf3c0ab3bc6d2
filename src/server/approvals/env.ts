/** The Apps Script services approvals use, gathered once per execution, and the script lock. */
import { scriptLock } from '../../adapters/lock';
import { appsScriptMailer } from '../../adapters/mail';
import { scriptProperties } from '../../adapters/props';
import { webAppUrl, workbookUrl } from '../../adapters/session';
import { SiaranError } from '../../core/errors';
import { RUN_MESSAGES } from '../run';
import type { MailEnv } from './mailq';

/** How long an action waits for the script lock before saying "busy". */
export const LOCK_WAIT_MS = 10000;

export function mailEnv(): MailEnv {
  const web = webAppUrl();
  const workbook = workbookUrl();
  return { mailer: appsScriptMailer, store: scriptProperties(), webAppUrl: web, workbookUrl: workbook };
}

/** Runs fn under the script lock; when the lock is not free in time, `busy()` (nothing changes). */
export function withScriptLock<T>(fn: () => T, busy: () => T, waitMs = LOCK_WAIT_MS): T {
  const lock = scriptLock();
  if (!lock.tryLock(waitMs)) return busy();
  try {
    return fn();
  } finally {
    lock.release();
  }
}

/** For endpoints and menus: the typed BUSY error. */
export function busyError(): never {
  throw new SiaranError('BUSY', RUN_MESSAGES.busy);
}
