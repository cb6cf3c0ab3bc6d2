/**
 * The one entry file. Every Apps Script entry point (menu handlers, triggers, doGet/doPost and
 * google.script.run targets) is exported here; the build turns each export into a top-level
 * function. Nothing else becomes global. Keep this file thin: it only delegates.
 */
export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu('Siaran')
    .addItem('Buka panel', 'menuOpenPanel')
    .addToUi();
}

export function menuOpenPanel(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Siaran');
  SpreadsheetApp.getUi().showSidebar(html);
}

export function ping(): { ok: true; value: string } {
  return { ok: true, value: 'pong' };
}
