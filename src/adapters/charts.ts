/**
 * Report charts drawn by Apps Script's Charts service (no extra scope): a data table from the
 * spec, a column or line chart with readable labels, returned as a PNG blob for the Doc.
 */
import { labelStep } from '../core/chart';
import type { ChartSpec } from '../core/chart';

export function chartPng(spec: ChartSpec, name: string): GoogleAppsScript.Base.Blob {
  const table = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, spec.xTitle ?? '');
  for (const s of spec.series) table.addColumn(Charts.ColumnType.NUMBER, s.name);
  spec.categories.forEach((c, i) => table.addRow([c, ...spec.series.map((s) => s.values[i] ?? 0)]));
  const builder = spec.kind === 'bar' ? Charts.newColumnChart() : Charts.newLineChart();
  builder
    .setDataTable(table)
    .setTitle(spec.title)
    .setDimensions(spec.width, spec.height)
    .setColors(spec.series.map((s) => s.color))
    .setLegendPosition(spec.series.length > 1 ? Charts.Position.BOTTOM : Charts.Position.NONE)
    .setXAxisTitle(spec.xTitle ?? '')
    .setYAxisTitle(spec.yTitle ?? '')
    .setOption('fontName', 'Arial')
    .setOption('fontSize', 13)
    .setOption('vAxis.minValue', 0)
    .setOption('hAxis.showTextEvery', labelStep(spec.categories.length, spec.width));
  // Labels in the report's language ("1.000"): ticks with their own labels (Google Charts'
  // vAxis.ticks, [{v, f}]); else the ICU pattern, grouped in the renderer's locale.
  if (spec.ticks && spec.ticks.length > 1) builder.setOption('vAxis.ticks', spec.ticks.map((t) => ({ v: t.v, f: t.f })));
  else builder.setOption('vAxis.format', '#,##0');
  return builder.build().getAs('image/png').setName(name);
}
