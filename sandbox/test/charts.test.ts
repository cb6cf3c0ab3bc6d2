/**
 * The Charts service: data tables, builders, options, and real PNG images decoded back with an
 * independent decoder (pngjs). Text needs a sans-serif font on the machine (CI installs
 * fonts-liberation).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { Sandbox } from '../src/sandbox';
import { COST_MS } from '../src/cost-model';
import { chartSvg, niceTicks } from '../src/chart-render';

function sandboxWith(code: string): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'charts-test-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'code.js'), code);
  return new Sandbox({ projectDir: dir });
}

// Google's own sample table (DataTableBuilder reference page).
const TABLE = `
function table() {
  return Charts.newDataTable()
    .addColumn(Charts.ColumnType.STRING, 'Month')
    .addColumn(Charts.ColumnType.NUMBER, 'In Store')
    .addColumn(Charts.ColumnType.NUMBER, 'Online')
    .addRow(['January', 10, 1])
    .addRow(['February', 12, 1])
    .addRow(['March', 20, 2])
    .addRow(['April', 25, 3])
    .addRow(['May', 30, 4])
    .build();
}
function bytesOf(blob) { return { bytes: blob.getBytes(), type: blob.getContentType(), name: blob.getName() }; }
`;

function png(bytes: number[]): PNG {
  return PNG.sync.read(Buffer.from(bytes.map((b) => b & 255)));
}

/** How many pixels in a box have exactly this colour. */
function countColor(img: PNG, hex: string, box = { x: 0, y: 0, w: img.width, h: img.height }): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++)
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = 4 * (y * img.width + x);
      if (img.data[i] === r && img.data[i + 1] === g && img.data[i + 2] === b) n++;
    }
  return n;
}

/** Pixels darker than mid-grey in a box (text). */
function darkPixels(img: PNG, box: { x: number; y: number; w: number; h: number }): number {
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++)
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = 4 * (y * img.width + x);
      if (img.data[i] + img.data[i + 1] + img.data[i + 2] < 3 * 100) n++;
    }
  return n;
}

describe('Charts', () => {
  test('a column chart renders to a PNG of the set size, with bars in the series colours, a title and labels', () => {
    const sb = sandboxWith(`${TABLE}
      function go() {
        var chart = Charts.newColumnChart()
          .setDataTable(table())
          .setTitle('Sales by month')
          .setXAxisTitle('Month')
          .setYAxisTitle('Sales')
          .setDimensions(480, 320)
          .build();
        return bytesOf(chart.getAs('image/png'));
      }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    const v = r.value as { bytes: number[]; type: string; name: string };
    expect(v.type).toBe('image/png');
    expect(v.name).toBe('Sales by month.png');
    const img = png(v.bytes);
    expect([img.width, img.height]).toEqual([480, 320]);
    // Two series in Google's first two default colours; 'In Store' (larger values) has more area.
    const blue = countColor(img, '#3366cc');
    const red = countColor(img, '#dc3912');
    expect(red).toBeGreaterThan(100);
    expect(blue).toBeGreaterThan(5 * red);
    // The title is text at the top left; the rest of the top band is blank.
    expect(darkPixels(img, { x: 10, y: 8, w: 200, h: 30 })).toBeGreaterThan(150);
    expect(darkPixels(img, { x: 300, y: 0, w: 100, h: 8 })).toBe(0);
    // The chart is recorded as one rendering call of the cost model.
    expect(r.calls).toContainEqual({ service: 'Charts', method: 'Chart.getAs', ms: COST_MS.chartRender });
  });

  test('bar, line, area and pie charts render; colours, legend position and stacking apply', () => {
    const sb = sandboxWith(`${TABLE}
      function go() {
        var out = {};
        out.bar = bytesOf(Charts.newBarChart().setDataTable(table()).setStacked().setColors(['#00aa00', '#aa00aa'])
          .setLegendPosition(Charts.Position.BOTTOM).build().getBlob());
        out.line = bytesOf(Charts.newLineChart().setDataTable(table()).setCurveStyle(Charts.CurveStyle.SMOOTH)
          .setPointStyle(Charts.PointStyle.MEDIUM).setLegendPosition(Charts.Position.NONE).build().getBlob());
        out.area = bytesOf(Charts.newAreaChart().setDataTable(table()).build().getBlob());
        out.pie = bytesOf(Charts.newPieChart().setDataTable(table()).setDimensions(300, 200).build().getAs('image/png'));
        return out;
      }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    const v = r.value as Record<string, { bytes: number[] }>;
    const bar = png(v.bar.bytes);
    expect([bar.width, bar.height]).toEqual([600, 400]);
    expect(countColor(bar, '#00aa00')).toBeGreaterThan(1000);
    expect(countColor(bar, '#aa00aa')).toBeGreaterThan(100);
    expect(countColor(bar, '#3366cc')).toBe(0);
    // The legend's swatches sit at the bottom, not on the right.
    expect(countColor(bar, '#00aa00', { x: 0, y: 370, w: 600, h: 30 })).toBeGreaterThan(50);
    const line = png(v.line.bytes);
    expect(countColor(line, '#3366cc')).toBeGreaterThan(200);
    // No legend: nothing drawn in the right margin.
    expect(countColor(line, '#3366cc', { x: 580, y: 0, w: 20, h: 400 })).toBe(0);
    expect(countColor(png(v.area.bytes), '#3366cc')).toBeGreaterThan(200);
    const pie = png(v.pie.bytes);
    expect([pie.width, pie.height]).toEqual([300, 200]);
    // Five slices in the first five palette colours; May (30 of 97) is the largest.
    const slices = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099'].map((c) => countColor(pie, c));
    for (const s of slices) expect(s).toBeGreaterThan(100);
    expect(Math.max(...slices)).toBe(slices[4]);
  });

  test('a data table row with the wrong number of values throws; so does building without columns', () => {
    const sb = sandboxWith(`
      function go() {
        var errors = [];
        try {
          Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'A').addColumn(Charts.ColumnType.NUMBER, 'B').addRow(['x', 1]).addRow(['y']);
        } catch (e) { errors.push([e instanceof Error, e.message]); }
        try { Charts.newDataTable().build(); } catch (e) { errors.push([e instanceof Error, e.message]); }
        try { Charts.newColumnChart().build(); } catch (e) { errors.push([e instanceof Error, e.message]); }
        return errors;
      }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual([
      [true, 'Row 2 has 1 values but the data table has 2 columns.'],
      [true, expect.stringMatching(/data table is empty/)],
      [true, expect.stringMatching(/Data table is not set/)],
    ]);
  });

  test('options read back through getOptions; a data view picks columns; enums have their names', () => {
    const sb = sandboxWith(`${TABLE}
      function go() {
        var view = Charts.newDataViewDefinition().setColumns([0, 2]).build();
        var chart = Charts.newLineChart().setDataTable(table()).setDataViewDefinition(view)
          .setTitle('T').setXAxisTitle('X').setYAxisTitle('Y').setRange(0, 100).setColors(['#112233'])
          .setOption('lineWidth', 4).setLegendPosition(Charts.Position.TOP).build();
        var o = chart.getOptions();
        return {
          title: o.get('title'), h: o.get('hAxis.title'), v: o.get('vAxis.title'), min: o.get('vAxis.minValue'),
          max: o.get('vAxis.maxValue'), colors: o.get('colors'), colorsIsArray: o.get('colors') instanceof Array,
          lineWidth: o.get('lineWidth'), legend: o.get('legend.position'), unset: o.get('nothing'),
          width: o.get('width'), widthDefault: o.getOrDefault('width'), type: chart.getType(),
          enums: [Charts.ChartType.PIE, Charts.ColumnType.DATE, Charts.Position.RIGHT, Charts.CurveStyle.SMOOTH, Charts.PointStyle.HUGE],
          png: bytesOf(chart.getBlob()),
          json: [JSON.stringify(chart), JSON.stringify(Charts.newBarChart()), JSON.stringify(o)],
        };
      }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    const v = r.value as Record<string, unknown> & { png: { bytes: number[] } };
    expect(v).toMatchObject({
      title: 'T', h: 'X', v: 'Y', min: 0, max: 100, colors: ['#112233'], colorsIsArray: true, lineWidth: 4, legend: 'top',
      unset: null, width: null, widthDefault: 600, type: 'LINE', enums: ['PIE', 'DATE', 'RIGHT', 'SMOOTH', 'HUGE'],
      json: ['{}', '{}', '{}'],
    });
    // Only the 'Online' column is drawn, in the first colour.
    const img = png(v.png.bytes);
    expect(countColor(img, '#112233')).toBeGreaterThan(100);
    expect(countColor(img, '#dc3912')).toBe(0);
  });

  test('a chart image goes into a Doc and shows in its PDF', () => {
    const sb = sandboxWith(`${TABLE}
      function go() {
        var chart = Charts.newPieChart().setDataTable(table()).setDimensions(400, 300).build();
        var doc = DocumentApp.create('Grafik');
        doc.getBody().appendImage(chart.getBlob());
        doc.saveAndClose();
        return doc.getAs('application/pdf').getDataAsString('ISO-8859-1');
      }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    expect(r.value).toMatch(/\/Subtype \/Image \/Width 400 \/Height 300 /);
    expect(r.value).toMatch(/q 300 0 0 225 [\d.]+ [\d.]+ cm \/Im1 Do Q/);
  });

  test('axis ticks are round numbers covering the data', () => {
    expect(niceTicks(0, 30)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(0, 34)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(-12, 47)).toEqual([-20, 0, 20, 40, 60]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  test('vAxis.ticks: the given values and labels ({v, f}) replace the round ticks, as Google Charts documents', () => {
    const data = { columns: [{ type: 'STRING' as const, label: 'Platform' }, { type: 'NUMBER' as const, label: 'Jangkauan' }], rows: [['Instagram', 4200], ['X', 900]] as Array<Array<string | number | null>> };
    const labels = (svg: string) => [...svg.matchAll(/text-anchor="end"[^>]*>([^<]*)</g)].map((m) => m[1]);
    const plain = chartSvg({ kind: 'COLUMN', data, options: {}, timeZone: 'Asia/Jakarta' });
    expect(labels(plain)).toEqual(['0', '1,000', '2,000', '3,000', '4,000', '5,000']);
    const ticks = [0, 2000, 4000, 6000].map((v) => ({ v, f: v.toLocaleString('de-DE') }));
    const given = chartSvg({ kind: 'COLUMN', data, options: { 'vAxis.ticks': ticks }, timeZone: 'Asia/Jakarta' });
    expect(labels(given)).toEqual(['0', '2.000', '4.000', '6.000']);
    // Plain numbers are labelled as the renderer formats numbers; a bar chart's value axis is hAxis.
    const bar = chartSvg({ kind: 'BAR', data, options: { 'hAxis.ticks': [0, 2500, 5000] }, timeZone: 'Asia/Jakarta' });
    expect(bar).toContain('>2,500<');
    expect(bar).toContain('>5,000<');
  });
});
