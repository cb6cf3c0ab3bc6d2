/**
 * The stored shape of a cell, shared by the model, the formats and the formula engine (its own
 * module so that format.ts and model.ts do not import each other).
 */
export type DateCell = { $d: number };
export type Scalar = string | number | boolean | DateCell;
export type FormulaCell = { $f: string; v?: Scalar | null };
export type Cell = Scalar | FormulaCell | null;
