/**
 * Charts: data tables, data view definitions, text styles and the bar, column, line, area and pie
 * chart builders; a built Chart renders to PNG (or JPEG) through chart-render.ts.
 *
 * Builders keep Google Charts' option names (title, hAxis.title, legend.position, isStacked...)
 * so `setOption(name, value)` and the named setters write the same options, and
 * `Chart.getOptions().get(name)` reads them back.
 *
 * Costs: building is local; rendering a chart (getAs, getBlob) is one 'chartRender' call.
 */
import type { ServiceContext, ServiceModule } from '../service';
import { SandboxBlob } from './blob';
import { fail, isDate, scriptObject, signatureError } from './utilities';
import { chartSvg, rasterize, DEFAULT_HEIGHT, DEFAULT_WIDTH, type ChartData, type ChartKind, type ColumnKind } from '../chart-render';

function enumOf<T extends string>(names: T[]): Readonly<Record<T, T>> {
  const o = {} as Record<T, T>;
  for (const n of names) o[n] = n;
  return Object.freeze(o);
}

export const ChartType = enumOf([
  'TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'RADAR', 'LINE', 'ORG', 'PIE',
  'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TREEMAP', 'WATERFALL',
]);
export const ColumnType = enumOf(['DATE', 'NUMBER', 'STRING']);
export const Position = enumOf(['TOP', 'RIGHT', 'BOTTOM', 'NONE']);
export const CurveStyle = enumOf(['NORMAL', 'SMOOTH']);
export const PointStyle = enumOf(['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE']);
const ChartHiddenDimensionStrategy = enumOf(['IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH']);
const ChartMergeStrategy = enumOf(['MERGE_COLUMNS', 'MERGE_ROWS']);
const PickerValuesLayout = enumOf(['ASIDE', 'BELOW', 'BELOW_WRAPPING', 'BELOW_STACKED']);

/** Point sizes in pixels for PointStyle (the sandbox's choice; Google does not publish them). */
const POINT_SIZES: Record<string, number> = { NONE: 0, TINY: 2, MEDIUM: 5, LARGE: 8, HUGE: 12 };

type Cell = string | number | null;

/** A built data table: columns and rows (dates as epoch ms). */
export class DataTable {
  constructor(readonly data: ChartData) {}
  toString(): string {
    return 'DataTable';
  }
  /** Service objects stringify as {} in Apps Script; this keeps the sandbox's state out of JSON.stringify. */
  toJSON(): Record<string, never> {
    return {};
  }
}

class DataTableBuilder {
  private readonly columns: ChartData['columns'] = [];
  private readonly rows: Cell[][] = [];
  /** setValue may address cells of columns not added yet; they are kept until build. */
  private readonly values = new Map<string, Cell>();
  constructor(private readonly ctx: ServiceContext) {}

  addColumn(type: unknown, label: unknown): DataTableBuilder {
    const t = String(type);
    if (!(t in ColumnType) || label === undefined) signatureError(this.ctx, 'DataTableBuilder.addColumn', [type, label].filter((x) => x !== undefined));
    this.columns.push({ type: t as ColumnKind, label: label === null ? '' : String(label) });
    return this;
  }
  addRow(values: unknown): DataTableBuilder {
    if (!Array.isArray(values)) signatureError(this.ctx, 'DataTableBuilder.addRow', [values]);
    if (values.length !== this.columns.length) {
      fail(this.ctx, `Row ${this.rows.length + 1} has ${values.length} values but the data table has ${this.columns.length} columns.`);
    }
    this.rows.push(values.map((v, i) => this.cell(v, i)));
    return this;
  }
  setValue(row: unknown, column: unknown, value: unknown): DataTableBuilder {
    if (typeof row !== 'number' || typeof column !== 'number') signatureError(this.ctx, 'DataTableBuilder.setValue', [row, column, value]);
    this.values.set(`${row}:${column}`, value === undefined ? null : (value as Cell));
    return this;
  }
  build(): DataTable {
    if (!this.columns.length) fail(this.ctx, 'The data table is empty: add columns with addColumn before building it.');
    const rows = this.rows.map((r) => [...r]);
    for (const [key, v] of this.values) {
      const [r, c] = key.split(':').map(Number);
      if (c < 0 || c >= this.columns.length || r < 0) continue;
      while (rows.length <= r) rows.push(this.columns.map(() => null));
      rows[r][c] = this.cell(v, c);
    }
    return new DataTable({ columns: this.columns.map((c) => ({ ...c })), rows });
  }
  private cell(v: unknown, column: number): Cell {
    if (v === null || v === undefined || v === '') return null;
    const type = this.columns[column]?.type;
    if (isDate(v)) return (v as Date).getTime();
    if (type === 'NUMBER') {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n)) fail(this.ctx, `The value ${String(v)} in column ${column + 1} is not a number.`);
      return n;
    }
    return typeof v === 'number' ? v : String(v);
  }
  toString(): string {
    return 'DataTableBuilder';
  }
  /** Service objects stringify as {} in Apps Script; this keeps the sandbox's state out of JSON.stringify. */
  toJSON(): Record<string, never> {
    return {};
  }
}

class DataViewDefinition {
  constructor(readonly columns: number[]) {}
  toString(): string {
    return 'DataViewDefinition';
  }
  /** Service objects stringify as {} in Apps Script; this keeps the sandbox's state out of JSON.stringify. */
  toJSON(): Record<string, never> {
    return {};
  }
}
class DataViewDefinitionBuilder {
  private columns: number[] = [];
  constructor(private readonly ctx: ServiceContext) {}
  setColumns(columns: unknown): DataViewDefinitionBuilder {
    if (!Array.isArray(columns)) signatureError(this.ctx, 'DataViewDefinitionBuilder.setColumns', [columns]);
    this.columns = columns.map((c) => Number(c));
    return this;
  }
  build(): DataViewDefinition {
    return new DataViewDefinition([...this.columns]);
  }
  toString(): string {
    return 'DataViewDefinitionBuilder';
  }
  /** Service objects stringify as {} in Apps Script; this keeps the sandbox's state out of JSON.stringify. */
  toJSON(): Record<string, never> {
    return {};
  }
}

class TextStyle {
  constructor(readonly style: { color?: string; fontName?: string; fontSize?: number }) {}
  getColor(): string | null {
    return this.style.color ?? null;
  }
  getFontName(): string | null {
    return this.style.fontName ?? null;
  }
  getFontSize(): number | null {
    return this.style.fontSize ?? null;
  }
  toString(): string {
    return 'TextStyle';
  }
  /** Service objects stringify as {} in Apps Script; this keeps the sandbox's state out of JSON.stringify. */
  toJSON(): Record<string, never> {
    return {};
  }
}
class TextStyleBuilder {
  private readonly style: { color?: string; fontName?: string; fontSize?: number } = {};
  setColor(cssValue: unknown): TextStyleBuilder {
    this.style.color = String(cssValue);
    return this;
  }
  setFontName(fontName: unknown): TextStyleBuilder {
    this.style.fontName = String(fontName);
    return this;
  }
  setFontSize(fontSize: unknown): TextStyleBuilder {
    this.style.fontSize = Number(fontSize);
    return this;
  }
  build(): TextStyle {
    return new TextStyle({ ...this.style });
  }
  toString(): string {
    return 'TextStyleBuilder';
  }
  /** Service objects stringify as {} in Apps Script; this keeps the sandbox's state out of JSON.stringify. */
  toJSON(): Record<string, never> {
    return {};
  }
}

class ChartOptions {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: Record<string, unknown>,
    private readonly defaults: Record<string, unknown>,
  ) {}
  get(option: unknown): unknown {
    const v = this.options[String(option)];
    return v === undefined ? null : copyOut(this.ctx, v);
  }
  getOrDefault(option: unknown): unknown {
    const k = String(option);
    const v = this.options[k] ?? this.defaults[k];
    return v === undefined ? null : copyOut(this.ctx, v);
  }
  toString(): string {
    return 'ChartOptions';
  }
  /** Service objects stringify as {} in Apps Script; this keeps the sandbox's state out of JSON.stringify. */
  toJSON(): Record<string, never> {
    return {};
  }
}

/** Arrays handed to the script are made in its realm (so `instanceof Array` holds there). */
function copyOut(ctx: ServiceContext, v: unknown): unknown {
  if (Array.isArray(v)) {
    const A = ctx.evalInScript('Array', 'sandbox-realm') as ArrayConstructor;
    return A.from(v);
  }
  return v;
}

class Chart {
  private id: string | null = null;
  constructor(
    private readonly ctx: ServiceContext,
    private readonly kind: ChartKind,
    private readonly data: ChartData,
    private readonly options: Record<string, unknown>,
  ) {}
  private render(type: string): SandboxBlob {
    const t = type === 'image/jpg' ? 'image/jpeg' : type;
    if (t !== 'image/png' && t !== 'image/jpeg') fail(this.ctx, `Converting from image/png to ${type} is not supported.`);
    this.ctx.exec.record('Charts', 'Chart.getAs', 'chartRender');
    const svg = chartSvg({ kind: this.kind, data: this.data, options: this.options, timeZone: this.ctx.timeZone });
    const name = `${String(this.options.title ?? '') || 'Chart'}.${t === 'image/png' ? 'png' : 'jpg'}`;
    return new SandboxBlob(rasterize(svg, t), t, name);
  }
  getAs(contentType: unknown): SandboxBlob {
    if (typeof contentType !== 'string') signatureError(this.ctx, 'Chart.getAs', [contentType]);
    return this.render(contentType);
  }
  getBlob(): SandboxBlob {
    return this.render('image/png');
  }
  getId(): string | null {
    return this.id;
  }
  setId(id: unknown): Chart {
    this.id = String(id);
    return this;
  }
  getType(): string {
    return this.kind;
  }
  getOptions(): ChartOptions {
    return new ChartOptions(this.ctx, this.options, { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, 'legend.position': 'right', isStacked: false });
  }
  /** The SVG the PNG is drawn from (the sandbox's own use: the workbench and tests). */
  svg(): string {
    return chartSvg({ kind: this.kind, data: this.data, options: this.options, timeZone: this.ctx.timeZone });
  }
  toString(): string {
    return 'Chart';
  }
  /** Service objects stringify as {} in Apps Script; this keeps the sandbox's state out of JSON.stringify. */
  toJSON(): Record<string, never> {
    return {};
  }
}

/** The common part of every chart builder. */
class ChartBuilder {
  protected table: ChartData | undefined;
  protected view: number[] | undefined;
  protected readonly options: Record<string, unknown> = {};
  constructor(
    protected readonly ctx: ServiceContext,
    protected readonly kind: ChartKind,
    private readonly builderName: string,
  ) {}
  protected sig(method: string, args: unknown[]): never {
    return signatureError(this.ctx, `${this.builderName}.${method}`, args);
  }
  protected str(method: string, v: unknown): string {
    if (typeof v !== 'string') this.sig(method, [v]);
    return v;
  }
  setDataTable(table: unknown): this {
    if (table instanceof DataTable) this.table = table.data;
    else if (table instanceof DataTableBuilder) this.table = table.build().data;
    else if (table && typeof (table as { getValues?: unknown }).getValues === 'function') this.table = fromValues((table as { getValues(): unknown[][] }).getValues());
    else this.sig('setDataTable', [table]);
    return this;
  }
  setDataViewDefinition(dataViewDefinition: unknown): this {
    if (!(dataViewDefinition instanceof DataViewDefinition)) this.sig('setDataViewDefinition', [dataViewDefinition]);
    this.view = dataViewDefinition.columns;
    return this;
  }
  setDataSourceUrl(url: unknown): this {
    this.options.dataSourceUrl = this.str('setDataSourceUrl', url);
    return this;
  }
  setTitle(title: unknown): this {
    this.options.title = this.str('setTitle', title);
    return this;
  }
  setTitleTextStyle(textStyle: unknown): this {
    return this.textStyle('setTitleTextStyle', 'titleTextStyle', textStyle);
  }
  setDimensions(width: unknown, height: unknown): this {
    if (typeof width !== 'number' || typeof height !== 'number') this.sig('setDimensions', [width, height]);
    this.options.width = width;
    this.options.height = height;
    return this;
  }
  setColors(cssValues: unknown): this {
    if (!Array.isArray(cssValues)) this.sig('setColors', [cssValues]);
    this.options.colors = cssValues.map(String);
    return this;
  }
  setBackgroundColor(cssValue: unknown): this {
    this.options.backgroundColor = this.str('setBackgroundColor', cssValue);
    return this;
  }
  setLegendPosition(position: unknown): this {
    const p = String(position);
    if (!(p in Position)) this.sig('setLegendPosition', [position]);
    this.options['legend.position'] = p.toLowerCase();
    return this;
  }
  setLegendTextStyle(textStyle: unknown): this {
    return this.textStyle('setLegendTextStyle', 'legend.textStyle', textStyle);
  }
  reverseCategories(): this {
    this.options.reverseCategories = true;
    return this;
  }
  setOption(option: unknown, value: unknown): this {
    if (typeof option !== 'string') this.sig('setOption', [option, value]);
    this.options[option] = isDate(value) ? (value as Date).getTime() : Array.isArray(value) ? [...value] : value;
    return this;
  }
  protected textStyle(method: string, key: string, textStyle: unknown): this {
    if (!(textStyle instanceof TextStyle)) this.sig(method, [textStyle]);
    for (const [k, v] of Object.entries(textStyle.style)) if (v !== undefined) this.options[`${key}.${k}`] = v;
    return this;
  }
  build(): Chart {
    if (!this.table) fail(this.ctx, 'Data table is not set: call setDataTable before build.');
    let data = this.table;
    if (this.view) {
      const cols = this.view.filter((c) => c >= 0 && c < data.columns.length);
      data = { columns: cols.map((c) => data.columns[c]), rows: data.rows.map((r) => cols.map((c) => r[c] ?? null)) };
    }
    return new Chart(this.ctx, this.kind, data, JSON.parse(JSON.stringify(this.options)) as Record<string, unknown>);
  }
  toString(): string {
    return this.builderName;
  }
  /** Service objects stringify as {} in Apps Script; this keeps the sandbox's state out of JSON.stringify. */
  toJSON(): Record<string, never> {
    return {};
  }
}

/** Builders with axes: bar, column, line, area. */
class AxisChartBuilder extends ChartBuilder {
  /** The axis that carries values: horizontal for bar charts, vertical otherwise. */
  private get valueAxis(): string {
    return this.kind === 'BAR' ? 'hAxis' : 'vAxis';
  }
  setXAxisTitle(title: unknown): this {
    this.options['hAxis.title'] = this.str('setXAxisTitle', title);
    return this;
  }
  setYAxisTitle(title: unknown): this {
    this.options['vAxis.title'] = this.str('setYAxisTitle', title);
    return this;
  }
  setXAxisTextStyle(textStyle: unknown): this {
    return this.textStyle('setXAxisTextStyle', 'hAxis.textStyle', textStyle);
  }
  setYAxisTextStyle(textStyle: unknown): this {
    return this.textStyle('setYAxisTextStyle', 'vAxis.textStyle', textStyle);
  }
  setXAxisTitleTextStyle(textStyle: unknown): this {
    return this.textStyle('setXAxisTitleTextStyle', 'hAxis.titleTextStyle', textStyle);
  }
  setYAxisTitleTextStyle(textStyle: unknown): this {
    return this.textStyle('setYAxisTitleTextStyle', 'vAxis.titleTextStyle', textStyle);
  }
  setStacked(): this {
    this.options.isStacked = true;
    return this;
  }
  /** The value axis' range; as documented, data outside it widens it. */
  setRange(start: unknown, end: unknown): this {
    if (typeof start !== 'number' || typeof end !== 'number') this.sig('setRange', [start, end]);
    this.options[`${this.valueAxis}.minValue`] = start;
    this.options[`${this.valueAxis}.maxValue`] = end;
    return this;
  }
  useLogScale(): this {
    this.options[`${this.valueAxis}.logScale`] = true;
    return this;
  }
}

class BarChartBuilder extends AxisChartBuilder {
  reverseDirection(): this {
    this.options['hAxis.direction'] = -1;
    return this;
  }
}
class LineChartBuilder extends AxisChartBuilder {
  setCurveStyle(style: unknown): this {
    const s = String(style);
    if (!(s in CurveStyle)) this.sig('setCurveStyle', [style]);
    this.options.curveType = s === 'SMOOTH' ? 'function' : 'none';
    return this;
  }
  setPointStyle(style: unknown): this {
    const s = String(style);
    if (!(s in PointStyle)) this.sig('setPointStyle', [style]);
    this.options.pointSize = POINT_SIZES[s];
    return this;
  }
}
class AreaChartBuilder extends LineChartBuilder {}
class PieChartBuilder extends ChartBuilder {
  set3D(): this {
    this.options.is3D = true;
    return this;
  }
}

/** A data table from a 2D array with a header row (a Range as DataTableSource). */
function fromValues(values: unknown[][]): ChartData {
  const [header = [], ...body] = values;
  const columns = header.map((h, c) => {
    const cells = body.map((r) => r[c]).filter((v) => v !== '' && v !== null && v !== undefined);
    const type: ColumnKind = cells.length && cells.every(isDate) ? 'DATE' : cells.length && cells.every((v) => typeof v === 'number') ? 'NUMBER' : 'STRING';
    return { type, label: String(h ?? '') };
  });
  const rows = body.map((r) =>
    columns.map((col, c) => {
      const v = r[c];
      if (v === '' || v === null || v === undefined) return null;
      if (isDate(v)) return (v as Date).getTime();
      return col.type === 'NUMBER' ? Number(v) : typeof v === 'number' ? v : String(v);
    }),
  );
  return { columns, rows };
}

export const chartsService: ServiceModule = {
  name: 'charts',
  install(ctx: ServiceContext) {
    const Charts = scriptObject(ctx, {
      ChartType,
      ColumnType,
      Position,
      CurveStyle,
      PointStyle,
      ChartHiddenDimensionStrategy,
      ChartMergeStrategy,
      PickerValuesLayout,
      newDataTable: () => new DataTableBuilder(ctx),
      newDataViewDefinition: () => new DataViewDefinitionBuilder(ctx),
      newTextStyle: () => new TextStyleBuilder(),
      newAreaChart: () => new AreaChartBuilder(ctx, 'AREA', 'AreaChartBuilder'),
      newBarChart: () => new BarChartBuilder(ctx, 'BAR', 'BarChartBuilder'),
      newColumnChart: () => new AxisChartBuilder(ctx, 'COLUMN', 'ColumnChartBuilder'),
      newLineChart: () => new LineChartBuilder(ctx, 'LINE', 'LineChartBuilder'),
      newPieChart: () => new PieChartBuilder(ctx, 'PIE', 'PieChartBuilder'),
      toString: () => 'Charts',
    });
    return { Charts };
  },
};
