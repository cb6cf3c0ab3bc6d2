/**
 * Apps Script entry points of the approval feature (re-exported by src/main.ts): menu items, the
 * review page (doGet/doPost), panel endpoints and the time-driven triggers.
 */
import { runJobs, DAILY_JOBS, HOURLY_JOBS } from '../jobs';
import { menuRotateSecretAction, menuSubmitConceptAction, menuSubmitDesignsAction } from './menus';
import { handleGet, handlePost, WebEvent } from './webapp';
import { mailQueueJob } from './jobs';

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

export function doGet(e: WebEvent): GoogleAppsScript.HTML.HtmlOutput {
  return handleGet(e);
}

export function doPost(e: WebEvent): GoogleAppsScript.HTML.HtmlOutput {
  return handlePost(e);
}

/** Installed daily trigger (menu.ts setupTriggers_). */
export function triggerDaily(): void {
  runJobs(DAILY_JOBS);
}

/** One-shot trigger made when the first design request mail is held: sends the digests that are due (and the queue). */
export function triggerDigest(): void {
  runJobs([mailQueueJob]);
}

/** Installed hourly trigger: retries the mail queue. */
export function triggerHourly(): void {
  runJobs(HOURLY_JOBS);
}
