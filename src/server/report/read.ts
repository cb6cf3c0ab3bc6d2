/**
 * Reading the workbook for the report: each tab once (one getValues through the workbook adapter),
 * turned into the plain rows src/core/report.ts takes.
 */
import type { Cell, Table } from '../../adapters/workbook';
import { parseDateCell } from '../../core/calendar';
import { parseNumberLoose } from '../../core/insights';
import { isReportedDetail, LogEntry } from '../../core/log';
import { reportRunningNumber } from '../../core/report';
import type { ConceptInput, DesignInput, InsightTabRow, PublicationInput, ReportInput, StrategyInput } from '../../core/report';
import { periodOfCell, previousPeriod } from '../../core/sop';
import { ARCHIVE_TABS } from '../../core/archive';
import { mergeArchived } from '../archive/read';
import type { TabKey } from '../../core/schema';
import type { Ctx } from '../context';
import { loadRequests } from '../approvals/store';
import { cellMs, workCalendar } from '../clock';

export function tableOrNull(ctx: Ctx, key: TabKey): Table | null {
  return ctx.wb.sheet(key) ? ctx.wb.table(key, { lenient: true }) : null;
}

function rowsOf(t: Table | null): number[] {
  if (!t) return [];
  const out: number[] = [];
  for (let i = 0; i < t.size; i++) out.push(i);
  return out;
}

export function numberCell(v: Cell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = String(v ?? '').trim();
  if (!s) return null;
  const n = parseNumberLoose(s, 'id');
  return typeof n === 'number' ? n : null;
}

export function readInsightRows(t: Table | null): InsightTabRow[] {
  return rowsOf(t).map((i) => {
    const tt = t as Table;
    return {
      period: periodOfCell(tt.get(i, 'periode')),
      platform: tt.text(i, 'platform'),
      date: parseDateCell(tt.get(i, 'tanggal')),
      link: tt.text(i, 'tautan'),
      title: tt.has('judul') ? tt.text(i, 'judul') : '',
      reach: numberCell(tt.get(i, 'jangkauan')),
      views: numberCell(tt.get(i, 'tayangan')),
      impressions: tt.has('impresi') ? numberCell(tt.get(i, 'impresi')) : null,
      engagement: numberCell(tt.get(i, 'interaksi')),
      followers: numberCell(tt.get(i, 'pengikut')),
      source: tt.text(i, 'sumber'),
      key: tt.text(i, 'kunci'),
    };
  });
}

export function readLog(t: Table | null): LogEntry[] {
  const out: LogEntry[] = [];
  for (const i of rowsOf(t)) {
    const tt = t as Table;
    const at = cellMs(tt.get(i, 'waktu'));
    if (at === null) continue;
    const detail = tt.text(i, 'detail');
    out.push({ at, user: tt.text(i, 'pengguna'), step: tt.text(i, 'langkah'), action: tt.text(i, 'aksi'), object: tt.text(i, 'objek'), detail, reported: isReportedDetail(detail) });
  }
  return out;
}

/** The months already reported (Laporan rows), for the report's running number. */
function readBuiltReports(t: Table | null): Array<{ period: string; at: number | null }> {
  return rowsOf(t).map((i) => ({ period: periodOfCell((t as Table).get(i, 'periode')), at: cellMs((t as Table).get(i, 'dibuatPada')) }));
}

/** Everything the report needs, each tab read once. */
export function readReportInput(ctx: Ctx, period: string, now: number): ReportInput {
  // A month of an archived year (or January, compared with an archived December): merge the archive in.
  mergeArchived(ctx, [period, previousPeriod(period)], ARCHIVE_TABS);
  const cal = workCalendar(ctx);
  const strategyT = tableOrNull(ctx, 'strategi');
  const konsepT = tableOrNull(ctx, 'konsep');
  const desainT = tableOrNull(ctx, 'desain');
  const pubT = tableOrNull(ctx, 'publikasi');
  const strategy: StrategyInput[] = rowsOf(strategyT).map((i) => {
    const t = strategyT as Table;
    return { period: periodOfCell(t.get(i, 'periode')), platform: t.text(i, 'platform'), directions: t.text(i, 'arahan'), at: cellMs(t.get(i, 'tanggal')) };
  });
  const concepts: ConceptInput[] = rowsOf(konsepT).map((i) => {
    const t = konsepT as Table;
    return {
      id: t.text(i, 'id'),
      period: periodOfCell(t.get(i, 'periode')),
      plannedAt: cellMs(t.get(i, 'tanggal')),
      activity: t.text(i, 'kegiatan'),
      platforms: t.text(i, 'platform'),
      status: t.text(i, 'status'),
      version: Number(t.get(i, 'versi')) || 1,
      submittedAt: cellMs(t.get(i, 'diajukanPada')),
      decidedAt: cellMs(t.get(i, 'diputuskanPada')),
    };
  });
  const designs: DesignInput[] = rowsOf(desainT).map((i) => {
    const t = desainT as Table;
    return {
      id: t.text(i, 'id'),
      conceptId: t.text(i, 'konsepId'),
      platform: t.text(i, 'platform'),
      title: t.text(i, 'judul'),
      status: t.text(i, 'status'),
      version: Number(t.get(i, 'versi')) || 1,
      submittedAt: cellMs(t.get(i, 'diajukanPada')),
      decidedAt: cellMs(t.get(i, 'diputuskanPada')),
    };
  });
  const publications: PublicationInput[] = rowsOf(pubT).map((i) => {
    const t = pubT as Table;
    return { designId: t.text(i, 'desainId'), platform: t.text(i, 'platform'), at: cellMs(t.get(i, 'tanggal')), link: t.text(i, 'tautan') };
  });
  return {
    period,
    now,
    settings: ctx.settings,
    people: ctx.people,
    calendar: cal,
    strategy,
    concepts,
    designs,
    publications,
    insights: readInsightRows(tableOrNull(ctx, 'insight')),
    approvals: ctx.wb.sheet('persetujuan') ? loadRequests(ctx) : [],
    log: readLog(tableOrNull(ctx, 'log')),
    reportNumber: reportRunningNumber(readBuiltReports(tableOrNull(ctx, 'laporan')), period),
  };
}
