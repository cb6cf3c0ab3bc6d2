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
    .setOption('vAxis.format', '#,##0')
    .setOption('hAxis.showTextEvery', labelStep(spec.categories.length, spec.width));
  return builder.build().getAs('image/png').setName(name);
}
