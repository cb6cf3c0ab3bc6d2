/**
 * The one entry file. Every Apps Script entry point (menu handlers, triggers, doGet/doPost and
 * google.script.run targets) is exported here; the build turns each export into a top-level
 * function (scripts/build.mjs). Nothing else becomes global. Keep this file thin: it only delegates.
 */
import type { EditEvent } from './adapters/edit';
import type { OpenEvent } from './adapters/session';
import { handleEdit } from './server/workbook/edits';
import { buildMenu, loadDemoIntoActive, openPanel, runInstallTriggers, runLoadDemo, runSetup, showHelp, showSettings } from './server/workbook/menu';
import { loadDemo } from './server/demo';
import { menuArchiveYearAction } from './server/archive/entry';

/** Simple trigger: the "Siaran" menu. */
export function onOpen(e?: OpenEvent): void {
  buildMenu(e);
}

/** Simple trigger: IDs for new rows, reverting hand edits of Siaran's columns. */
export function onEdit(e: EditEvent): void {
  handleEdit(e);
}

export function menuSetup(): void {
  runSetup();
}

/** Siaran → Administrasi → Arsipkan tahun… (owner only). */
export function menuArchiveYear(): void {
  menuArchiveYearAction();
}

export function menuInstallTriggers(): void {
  runInstallTriggers();
}

export function menuSettings(): void {
  showSettings();
}

export function menuHelp(): void {
  showHelp();
}

export function menuLoadDemo(): void {
  runLoadDemo(loadDemo);
}

/** Loads the demo month from the script editor (or the sandbox's --demo). Returns what it did. */
export function loadDemoData(): string {
  return loadDemoIntoActive(loadDemo);
}

export function menuOpenPanel(): void {
  openPanel();
}

export { apiWhoAmI } from './server/endpoints';
export * from './server/approvals/entry';
export * from './server/panel/entry';
export * from './server/report/entry';
export * from './server/report/files-entry';
export * from './server/insights/entry';
export * from './server/schedule/entry';
