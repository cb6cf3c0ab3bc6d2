/**
 * Writing the cells of ONE existing row. Table.set marks a whole column dirty and commit rewrites
 * that column for every row; for the columns people type in (Kegiatan, Arahan, Tautan...) that
 * would re-enter other rows' values as typed input (text such as "=utas", read back without its
 * protecting apostrophe, would become a formula) and flatten any formula a user keeps there. So
 * an edit writes only its own row's cells: one setValues per run of adjacent columns.
 */
import type { Cell, Table } from '../../adapters/workbook';

export function writeRowCells(t: Table, row: number, values: Record<string, Cell>): void {
  if (row >= t.rows.length) {
    // A row appended in this action: commit writes it whole.
    for (const [k, v] of Object.entries(values)) if (t.has(k)) t.set(row, k, v);
    return;
  }
  const cols = Object.keys(values)
    .filter((k) => t.has(k))
    .map((k) => ({ c: t.col[k], v: values[k] }))
    .sort((a, b) => a.c - b.c);
  for (const x of cols) t.rows[row][x.c] = x.v;
  let start = 0;
  for (let i = 1; i <= cols.length; i++) {
    if (i === cols.length || cols[i].c !== cols[i - 1].c + 1) {
      const run = cols.slice(start, i);
      t.sheet.getRange(t.sheetRow(row), run[0].c + 1, 1, run.length).setValues([run.map((x) => x.v)]);
      start = i;
    }
  }
}
