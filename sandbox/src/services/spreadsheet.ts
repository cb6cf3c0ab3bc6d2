/** SpreadsheetApp: the implementation lives in ./spreadsheet/ (this file keeps the import path). */
export * from './spreadsheet/index';
