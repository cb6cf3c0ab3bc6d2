/**
 * SpreadsheetApp for the sandbox: one bound workbook kept in the state slice 'spreadsheet'.
 * Script-facing objects live in api.ts; host-side helpers (CLI, workbench) in host.ts.
 */
import type { ServiceModule } from '../../service';
import { createSpreadsheetApp } from './api';
import { getBook } from './model';

export const spreadsheetService: ServiceModule = {
  name: 'spreadsheet',
  install: (ctx) => {
    Object.defineProperty(ctx.shared, 'activeSpreadsheetId', {
      get: () => getBook(ctx.state, ctx.timeZone).id,
      enumerable: true,
      configurable: true,
    });
    return createSpreadsheetApp(ctx);
  },
};

export {
  listTabs,
  sheetView,
  applyUserEdit,
  applyUserPaste,
  applyApiEdit,
  appendUserRow,
  buildEditEvent,
  buildSelectionEvent,
  PROTECTION_WARNING,
  renameTab,
  insertColumns,
  deleteColumns,
  insertRows,
  deleteRows,
  selectRange,
  workbookInfo,
  setWorkbookSettings,
  boundSpreadsheetId,
} from './host';
export type { EditInfo, SelectionInfo, SheetView, TabInfo, UserEdit, ColumnValidation, WorkbookInfo, HostOptions } from './host';
export type { BookJson, SheetJson, Cell } from './model';
export { parseInput, displayCell, localeInfo } from './format';
