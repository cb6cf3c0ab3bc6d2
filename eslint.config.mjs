import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const appsScriptGlobals = [
  'SpreadsheetApp', 'MailApp', 'GmailApp', 'DocumentApp', 'DriveApp', 'ScriptApp', 'HtmlService',
  'ContentService', 'PropertiesService', 'CacheService', 'LockService', 'Session', 'Utilities',
  'Logger', 'UrlFetchApp', 'Charts',
].map((name) => ({ name, message: 'Only src/adapters may touch Apps Script services; call an adapter function or pass what you need in as a parameter.' }));

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
  { files: ['src/core/**/*.ts', 'src/client/**/*.ts', 'src/shared/**/*.ts', 'src/server/**/*.ts', 'src/main.ts'], rules: { 'no-restricted-globals': ['error', ...appsScriptGlobals] } },
  { files: ['**/*.js', '**/*.mjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    // Plain Apps Script files (the benchmark's naive reference): Apps Script globals, functions
    // called by name from outside.
    files: ['bench/**/*.js'],
    languageOptions: { globals: Object.fromEntries(appsScriptGlobals.map((g) => [g.name, 'readonly'])) },
    rules: { 'no-unused-vars': 'off', '@typescript-eslint/no-unused-vars': 'off' },
  },
);
