import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const appsScriptGlobals = [
  'SpreadsheetApp', 'MailApp', 'GmailApp', 'DocumentApp', 'DriveApp', 'ScriptApp', 'HtmlService',
  'ContentService', 'PropertiesService', 'CacheService', 'LockService', 'Session', 'Utilities',
  'Logger', 'UrlFetchApp', 'Charts', 'Drive', 'Docs', 'CalendarApp', 'Sheets',
].map((name) => ({ name, message: 'Only src/adapters may touch Apps Script services; call an adapter function or pass what you need in as a parameter.' }));

export const ADAPTER_TYPES_MESSAGE =
  'Only src/adapters may hold Apps Script objects (GoogleAppsScript.* types); use the operations of Table/Tab/Workbook, ReportDoc and the other adapters.';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.sandbox-data/', 'sandbox/build/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Outside src/adapters nothing holds an Apps Script object: no GoogleAppsScript.* type (a Sheet,
    // Range, Document, Body, Folder, event...). Adapters expose operations on plain data instead
    // (Table, Tab and Workbook in workbook.ts, ReportDoc in docs.ts, DriveFolder, Edit, WebPage).
    files: ['src/core/**/*.ts', 'src/client/**/*.ts', 'src/shared/**/*.ts', 'src/server/**/*.ts', 'src/main.ts'],
    rules: {
      'no-restricted-globals': ['error', ...appsScriptGlobals],
      'no-restricted-syntax': ['error', { selector: "Identifier[name='GoogleAppsScript']", message: ADAPTER_TYPES_MESSAGE }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    // Plain Apps Script files (the benchmark's naive reference): Apps Script globals, functions
    // called by name from outside.
    files: ['bench/**/*.js'],
    languageOptions: { globals: Object.fromEntries(appsScriptGlobals.map((g) => [g.name, 'readonly'])) },
    rules: { 'no-unused-vars': 'off', '@typescript-eslint/no-unused-vars': 'off' },
  },
);
