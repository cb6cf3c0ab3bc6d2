/** The parts of the formula packages (plain JavaScript, no bundled types) the sandbox uses. */
declare module 'fast-formula-parser' {
  export interface CellRef {
    sheet: string;
    row: number;
    col: number;
  }
  export interface RangeRef {
    sheet: string;
    from: { row: number; col: number };
    to: { row: number; col: number };
  }
  export interface FunctionArg {
    value: unknown;
    isArray?: boolean;
    isRangeRef?: boolean;
    isCellRef?: boolean;
    omitted?: boolean;
  }
  export class FormulaError extends Error {
    constructor(error: string, msg?: string);
    readonly error: string;
    toString(): string;
    static DIV0: FormulaError;
    static NA: FormulaError;
    static NAME: FormulaError;
    static NULL: FormulaError;
    static NUM: FormulaError;
    static REF: FormulaError;
    static VALUE: FormulaError;
  }
  export interface ParserConfig {
    onCell?: (ref: CellRef) => unknown;
    onRange?: (ref: RangeRef) => unknown;
    onVariable?: (name: string, sheet: string) => CellRef | RangeRef | Omit<RangeRef, 'sheet'> | null | undefined;
    functions?: Record<string, (...args: FunctionArg[]) => unknown>;
  }
  export default class FormulaParser {
    constructor(config: ParserConfig);
    functions: Record<string, (...args: FunctionArg[]) => unknown>;
    funsNeedContext: string[];
    funsNeedContextAndNoDataRetrieve: string[];
    funsPreserveRef: string[];
    parse(formula: string, position: CellRef, allowReturnArray?: boolean): unknown;
  }
  export const MAX_ROW: number;
  export const MAX_COLUMN: number;
}

declare module 'fast-formula-parser/formulas/operators' {
  export const Infix: {
    compareOp: (value1: unknown, infix: string, value2: unknown, isArray1: boolean, isArray2: boolean) => boolean;
  };
}

declare module '@formulajs/formulajs' {
  const functions: Record<string, unknown>;
  export = functions;
}
