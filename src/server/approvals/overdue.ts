/** Marks the Persetujuan rows that are over their standard time (core/sla.ts decides which). */
import { slaRows } from '../../core/approval';
import { minutesFn } from '../clock';
import type { Ctx } from '../context';
import { loadRequests } from './store';

const OVERDUE_BG = '#fce8e6';

/**
 * Colours the Persetujuan rows over their standard time (one setBackgrounds call); others are
 * cleared. Reads only what the action already read.
 */
export function markOverdue(ctx: Ctx): number {
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
  const width = Math.max(t.headers.length, 1);
  const colors: Array<Array<string | null>> = [];
  for (let i = 0; i < n; i++) colors.push(new Array<string | null>(width).fill(overdueRows.has(i) ? OVERDUE_BG : null));
  t.tab.paint(2, 1, colors);
  return overdueRows.size;
}
