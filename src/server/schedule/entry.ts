/**
 * Entry points of the schedule import (re-exported by src/main.ts, so every export here becomes a
 * global function): the menu's dialog and the two endpoints it calls. Staff (PNS/PPNPN) draft the
 * plan, as in the panel.
 */
import { showDialogFile } from '../../adapters/ui';
import { tr } from '../../core/i18n';
import { STAFF_ROLES } from '../../core/sop';
import type { ImportScheduleValue, PreviewScheduleValue, Result } from '../../shared/contract';
import { commit, requireRole } from '../context';
import { busyError, endpoint, menuAction, withScriptLock } from '../run';
import { importSchedule, previewSchedule, SCHEDULE_IMPORT_MESSAGES as M } from './import';

/** Menu: Draf rencana dari jadwal… opens the dialog. */
export function menuImportSchedule(): void {
  menuAction((ctx) => {
    requireRole(ctx, STAFF_ROLES, tr(ctx.lang, M.action));
    showDialogFile('ScheduleDialog', 960, 680, tr(ctx.lang, M.title));
  });
}

/** Reads the schedule and proposes the month's draft items; saves nothing. */
export function apiPreviewSchedule(req: unknown): Result<PreviewScheduleValue> {
  return endpoint((ctx) => {
    requireRole(ctx, STAFF_ROLES, tr(ctx.lang, M.action));
    return previewSchedule(ctx, req);
  });
}

/** Writes the ticked proposed items as Draf, in one batch, under the script lock. */
export function apiImportSchedule(req: unknown): Result<ImportScheduleValue> {
  return endpoint((ctx) => {
    requireRole(ctx, STAFF_ROLES, tr(ctx.lang, M.action));
    return withScriptLock(
      () => {
        const out = importSchedule(ctx, req);
        commit(ctx);
        return out;
      },
      () => busyError(),
    );
  });
}
