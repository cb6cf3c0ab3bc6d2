/** Marks the Persetujuan rows that are over their standard time (core/sla.ts decides which). */
import { ApprovalRequest, slaRows } from '../../core/approval';
import { minutesFn } from '../clock';
import type { Ctx } from '../context';
import { loadRequests } from './store';

const OVERDUE_BG = '#fce8e6';

/** Whether one of `req`'s rows is over its standard time now (no call). */
export function isOverdue(ctx: Ctx, req: ApprovalRequest): boolean {
  return slaRows([req], ctx.settings.standardMinutes, ctx.now, minutesFn(ctx)).some((s) => s.overdue);
}

/**
 * Colours the Persetujuan rows over their standard time (one setBackgrounds call); others are
 * cleared. Reads only what the action already read. `only`: just the rows between these indexes
 * (a decision repaints its own request's rows; the hourly pass paints them all).
 */
export function markOverdue(ctx: Ctx, only?: { from: number; to: number }): number {
  const t = ctx.wb.table('persetujuan');
  const n = t.size;
  if (!n) return 0;
  const requests = loadRequests(ctx);
  const sla = slaRows(requests, ctx.settings.standardMinutes, ctx.now, minutesFn(ctx));
  const overdueRows = new Set<number>();
  for (const req of requests) {
    for (const r of req.rows) {
      const s = sla.find((x) => x.requestId === req.id && x.level === r.level && x.approver === r.approver);
      if (s?.overdue) overdueRows.add(r.index);
    }
  }
  const from = only ? Math.max(0, only.from) : 0;
  const to = only ? Math.min(n - 1, only.to) : n - 1;
  if (to < from) return 0;
  const width = Math.max(t.headers.length, 1);
  const colors: Array<Array<string | null>> = [];
  for (let i = from; i <= to; i++) colors.push(new Array<string | null>(width).fill(overdueRows.has(i) ? OVERDUE_BG : null));
  t.tab.paint(2 + from, 1, colors);
  return overdueRows.size;
}
