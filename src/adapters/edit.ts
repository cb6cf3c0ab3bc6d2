/**
 * The onEdit event, as operations: where the edit is, who made it, what was typed, and how to put
 * the old value back. The event's Range and Sheet stay here; each operation makes the calls its
 * comment names, only when asked (the event's fields and the Range's getters are free: an edit of
 * a tab Siaran does not watch costs one call, the tags' find).
 */
import { Tab, Workbook } from './workbook';

/** The event object Apps Script passes to onEdit; opaque outside the adapters. */
export interface EditEvent {
  readonly __brand: 'EditEvent';
}

type SheetsOnEdit = GoogleAppsScript.Events.SheetsOnEdit;

export class Edit {
  private readonly e: SheetsOnEdit;
  private readonly range: GoogleAppsScript.Spreadsheet.Range;
  private readonly sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** The edited spreadsheet (range.getSheet, getParent). */
  readonly wb: Workbook;
  /** The edited tab. */
  readonly tab: Tab;

  constructor(event: EditEvent) {
    this.e = event as unknown as SheetsOnEdit;
    this.range = this.e.range;
    this.sheet = this.range.getSheet();
    this.wb = new Workbook(this.sheet.getParent());
    this.tab = new Tab(this.sheet);
  }

  /** The edited block: first row and column (1-based), rows and columns (four calls). */
  block(): { row: number; col: number; nRows: number; nCols: number } {
    const row = this.range.getRow();
    const col = this.range.getColumn();
    const nRows = this.range.getNumRows();
    const nCols = this.range.getNumColumns();
    return { row, col, nRows, nCols };
  }

  /** The editor's email, '' when Apps Script does not tell (e.user.getEmail). */
  email(): string {
    const e = this.e;
    return (e.user && typeof e.user.getEmail === 'function' ? e.user.getEmail() : '') || '';
  }

  /** The cell's value before a single-cell edit (undefined when it was empty or for a block). */
  get oldValue(): string | undefined {
    return this.e.oldValue;
  }

  /** What the person typed in a single cell: its formula, else the new value (getFormula). */
  typed(): string {
    return this.range.getFormula() || String(this.e.value ?? '');
  }

  /** Writes `value` into the edited cell (setValue). */
  setValue(value: string): void {
    this.range.setValue(value);
  }

  /** "Tab!A1" of the edited range (getName, getA1Notation). */
  where(): string {
    return `${this.sheet.getName()}!${this.range.getA1Notation()}`;
  }

  /** A toast on the edited spreadsheet (getParent, toast). */
  toast(message: string, title: string, seconds: number): void {
    this.sheet.getParent().toast(message, title, seconds);
  }
}
