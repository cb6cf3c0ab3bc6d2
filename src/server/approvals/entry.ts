/**
 * Apps Script entry points of the approval feature (re-exported by src/main.ts): menu items, the
 * review page (doGet/doPost), panel endpoints and the time-driven triggers.
 */
import type { WebPage } from '../../adapters/html';
import { runJobs, DAILY_JOBS, HOURLY_JOBS } from '../jobs';
import { menuRotateSecretAction, menuSubmitConceptAction, menuSubmitDesignsAction } from './menus';
import { handleGet, handlePost, WebEvent } from './webapp';

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

/** Installed daily trigger (menu.ts setupTriggers_). */
export function triggerDaily(): void {
  runJobs(DAILY_JOBS);
}

/** Installed hourly trigger: retries the mail queue. */
export function triggerHourly(): void {
  runJobs(HOURLY_JOBS);
}
