/**
 * Reading archived months: when an action asks for a period of an archived year, the rows of that
 * year come from its archive workbook and are merged (read-only) into the working tables for this
 * action, so the report and the panel read them as before. Only past years consult the registry
 * (no call at all for the current year's months).
 */
import { ARCHIVE_MESSAGES as M, archiveSheetName, ArchiveTab, decodeCell, yearEnded } from '../../core/archive';
import { SiaranError } from '../../core/errors';
import type { ArchiveRegistry } from '../../adapters/archive';
import { archiveRegistry, blockA1, readArchiveBlocks } from '../../adapters/archive';
import type { Cell } from '../../adapters/workbook';
import type { Ctx } from '../context';

/**
 * Merges the archived rows of the years of `periods` into the tables `keys` of this action (one
 * Values.batchGet per archived year). Throws a plain message when that year's move is unfinished.
 */
export function mergeArchived(ctx: Ctx, periods: string[], keys: readonly ArchiveTab[], registry?: () => ArchiveRegistry): number {
  const years = [...new Set(periods.map((p) => Number(p.slice(0, 4))))].filter((y) => Number.isInteger(y) && yearEnded(y, ctx.now)).sort();
  if (!years.length) return 0;
  const reg = (registry ?? archiveRegistry)();
  let merged = 0;
  for (const year of years) {
    const e = reg.get(year);
    if (!e) continue;
    if (e.journal) throw new SiaranError('CONFLICT', M.unfinished, { period: periods.find((p) => p.startsWith(String(year))) ?? String(year), year });
    const wanted = keys.filter((k) => (e.rows[k] ?? 0) > 0 && ctx.wb.sheet(k));
    const blocks = readArchiveBlocks(
      e.id,
      wanted.map((k) => blockA1(archiveSheetName(k), 1, e.width[k] ?? 1, (e.rows[k] ?? 0) + 1)),
    );
    wanted.forEach((k, i) => {
      const block = blocks[i] ?? [];
      const headers = (block[0] ?? []).map((h) => String(h ?? ''));
      const dates = new Set(e.dates[k] ?? []);
      const rows: Cell[][] = block.slice(1).map((r) => headers.map((_h, j) => decodeCell(r[j], dates.has(j))));
      const t = ctx.wb.table(k, { lenient: true });
      ctx.wb.useTable(k, t.withRows(headers, rows));
      merged += rows.length;
    });
  }
  return merged;
}
