/**
 * Apps Script entry points of the approval feature (re-exported by src/main.ts): menu items, the
 * review page (doGet/doPost), panel endpoints and the time-driven triggers.
 */
import type { WebPage } from '../../adapters/html';
import { DAILY_JOBS, HOURLY_JOBS, ownTriggerOnly, runJobs } from '../jobs';
import { reportRequestJob } from '../report/jobs';
import { menuRotateSecretAction, menuSubmitConceptAction, menuSubmitDesignsAction } from './menus';
import { handleGet, handlePost, WebEvent } from './webapp';
import { digestJob } from './jobs';
import { DIGEST_HANDLER } from './mail-common';
import { heldLogJob } from '../log-move';

export { apiSubmitConcept, apiSubmitDesigns, apiPendingDecisions, apiDecide, apiApprovalOverview } from './api';

export function menuSubmitConcept(): void {
  menuSubmitConceptAction();
}

export function menuSubmitDesigns(): void {
  menuSubmitDesignsAction();
}

/** Administration: renew the approval-link key (old links show "replaced"); offers to resend. */
export function menuRotateSecret(): void {
  menuRotateSecretAction();
}

export function doGet(e: WebEvent): WebPage {
  return handleGet(e);
}

export function doPost(e: WebEvent): WebPage {
  return handlePost(e);
}

/**
 * Installed daily trigger (menu.ts setupTriggers_). Runs only as the firing of the installer's own
 * trigger: a workbook editor calling it through google.script.run would otherwise send the
 * reminders, with the approvers' signed links, from their own account.
 */
export function triggerDaily(e?: unknown): void {
  if (ownTriggerOnly('triggerDaily', e, { owner: true })) runJobs(DAILY_JOBS);
}

/**
 * Installed trigger (every 10 minutes, menu.ts setupTriggers_): sends the held request mails whose
 * digest window has ended. Only as its installer's trigger, as above: the digest carries the
 * approvers' signed links, so it never goes out from a staff member's execution. It first moves
 * the Log lines other executions held into the Log (log-move.ts), and last builds the oldest report
 * request (report/request.ts).
 */
export function triggerDigest(e?: unknown): void {
  if (ownTriggerOnly(DIGEST_HANDLER, e, { owner: true })) runJobs([heldLogJob, digestJob, reportRequestJob]);
}

/** Installed hourly trigger: retries the mail queue. Only as its installer's trigger, as above. */
export function triggerHourly(e?: unknown): void {
  if (ownTriggerOnly('triggerHourly', e, { owner: true })) runJobs(HOURLY_JOBS);
}
