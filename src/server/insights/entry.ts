/**
 * Entry points of the insights import (re-exported by src/main.ts, so every export here becomes a
 * global function): the menu's dialog and the two endpoints it calls.
 */
import { showDialogFile } from '../../adapters/ui';
import { tr } from '../../core/i18n';
import { ROLES } from '../../core/sop';
import type { ImportInsightsValue, PreviewInsightsValue, Result } from '../../shared/contract';
import { commit, requireRole } from '../context';
import { endpoint, menuAction } from '../run';
import { busyError, withScriptLock } from '../run';
import { IMPORT_MESSAGES, importInsights, previewInsights } from './import';

/** Menu: Impor insight (CSV)… opens the import dialog. */
export function menuImportInsights(): void {
  menuAction((ctx) => {
    requireRole(ctx, ROLES, tr(ctx.lang, IMPORT_MESSAGES.action));
    showDialogFile('ImportDialog', 760, 620, ctx.lang === 'en' ? 'Import insights (CSV)' : 'Impor insight (CSV)');
  });
}

/** Reads an export and proposes the mapping; saves nothing. Staff and heads. */
export function apiPreviewInsights(req: unknown): Result<PreviewInsightsValue> {
  return endpoint((ctx) => {
    requireRole(ctx, ROLES, tr(ctx.lang, IMPORT_MESSAGES.action));
    return previewInsights(ctx, req);
  });
}

/** Imports an export into the Insight tab with the confirmed mapping. Staff and heads. */
export function apiImportInsights(req: unknown): Result<ImportInsightsValue> {
  return endpoint((ctx) => {
    requireRole(ctx, ROLES, tr(ctx.lang, IMPORT_MESSAGES.action));
    return withScriptLock(
      () => {
        const out = importInsights(ctx, req);
        commit(ctx);
        return out;
      },
      () => busyError(),
    );
  });
}
