/**
 * Entry points of the monthly report (re-exported by src/main.ts, so every export here becomes a
 * global function): the menu items, the panel endpoint and the one-shot resume trigger. The jobs
 * of the daily and hourly triggers are in ./jobs.
 */
import { alert, dialogs } from '../../adapters/ui';
import { SiaranError } from '../../core/errors';
import { defineMessages, formatPeriod, tr } from '../../core/i18n';
import { monthBefore } from '../../core/report';
import { parsePeriod, REPORT_ROLES } from '../../core/sop';
import type { BuildReportValue, Result } from '../../shared/contract';
import { commit, Ctx, requireRole } from '../context';
import { endpoint, menuAction, openCtx } from '../run';
import { workCalendar } from '../clock';
import { TRIGGER_USER } from '../run';
import { BUILD_MESSAGES, loadCheckpoint, resumeBuild } from './build';
import { buildOrRequest } from './request';
import { exportRecords, RECORDS_MESSAGES } from './records';

const REPORT_MENU = defineMessages({
  periodTitle: { id: 'Laporan bulanan', en: 'Monthly report' },
  periodPrompt: { id: 'Periode laporan (YYYY-MM). Kosongkan untuk bulan lalu: {period}.', en: 'Report period (YYYY-MM). Leave empty for last month: {period}.' },
  recordsTitle: { id: 'Cetak arsip bulan', en: 'Print month records' },
  recordsPrompt: { id: 'Periode arsip (YYYY-MM). Kosongkan untuk bulan lalu: {period}.', en: 'Records period (YYYY-MM). Leave empty for last month: {period}.' },
  periodBad: { id: 'Periode "{value}" tidak sah. Tulis YYYY-MM, misalnya {period}.', en: 'Period "{value}" is not valid. Write YYYY-MM, e.g. {period}.' },
});

function askPeriod(ctx: Ctx, title: string, prompt: string): string | null {
  const ui = dialogs();
  const def = monthBefore(ctx.now, workCalendar(ctx));
  const answer = ui.prompt(title, tr(ctx.lang, { id: prompt, en: prompt }, { period: def }));
  if (answer === null) return null;
  const text = answer.trim();
  const period = text ? parsePeriod(text) : def;
  if (!period) {
    ui.alert('Siaran', tr(ctx.lang, REPORT_MENU.periodBad, { value: text, period: def }));
    return null;
  }
  return period;
}

/** Menu: Susun laporan bulanan… */
export function menuBuildReport(): void {
  menuAction((ctx) => {
    requireRole(ctx, REPORT_ROLES, tr(ctx.lang, BUILD_MESSAGES.action));
    const period = askPeriod(ctx, tr(ctx.lang, REPORT_MENU.periodTitle), tr(ctx.lang, REPORT_MENU.periodPrompt));
    if (!period) return;
    const out = buildOrRequest(ctx, period);
    alert('Siaran', out.message);
  });
}

function badPeriod(value: unknown): SiaranError {
  return new SiaranError('BAD_REQUEST', { id: 'Periode "{value}" tidak sah. Tulis YYYY-MM, misalnya 2026-12.', en: 'Period "{value}" is not valid. Write YYYY-MM, e.g. 2026-12.' }, { value: String(value ?? '') });
}

/** Panel: build (or rebuild) the report of a period. Staff and heads. */
export function apiBuildReport(req: unknown): Result<BuildReportValue> {
  return endpoint((ctx) => {
    requireRole(ctx, REPORT_ROLES, tr(ctx.lang, BUILD_MESSAGES.action));
    const raw = typeof req === 'object' && req !== null ? (req as { period?: unknown }).period : undefined;
    const period = raw === undefined || raw === '' ? monthBefore(ctx.now, workCalendar(ctx)) : parsePeriod(raw);
    if (!period) throw badPeriod(raw);
    return buildOrRequest(ctx, period);
  });
}

/** The one-shot trigger that continues a build from its checkpoint (deletes its own trigger). */
export function triggerResumeReport(): void {
  const cp = loadCheckpoint();
  const ctx = openCtx(cp?.user || TRIGGER_USER);
  const out = resumeBuild(ctx);
  commit(ctx);
  console.log(out === 'running' ? `${cp?.period}: still running, resume re-armed` : out ? `${out.period}: ${out.status}` : 'no report to resume');
}

/** Menu: Cetak arsip bulan (PDF)… */
export function menuExportRecords(): void {
  menuAction((ctx) => {
    requireRole(ctx, REPORT_ROLES, tr(ctx.lang, REPORT_MENU.recordsTitle));
    const period = askPeriod(ctx, tr(ctx.lang, REPORT_MENU.recordsTitle), tr(ctx.lang, REPORT_MENU.recordsPrompt));
    if (!period) return;
    const out = exportRecords(ctx, period);
    const msg = tr(ctx.lang, RECORDS_MESSAGES.done, { period: formatPeriod(period, ctx.lang), url: out.url, rows: out.rows, tabs: 7 });
    alert('Siaran', msg);
  });
}
