/**
 * The spreadsheet's Ui: alerts, confirmations, prompts, toasts, the sidebar and dialogs, the menu,
 * and the user's selection. Each function makes the same Apps Script calls the actions used to make.
 */
import { escapeHtml as esc } from '../core/i18n';
import { activeSpreadsheet } from './workbook';

/** One OK alert. */
export function alert(title: string, message: string): void {
  SpreadsheetApp.getUi().alert(title, message, SpreadsheetApp.getUi().ButtonSet.OK);
}

/** Dialogs on one Ui handle (one getUi call for a whole conversation with the user). */
export interface Dialogs {
  /** An OK alert. */
  alert(title: string, message: string): void;
  /** A YES/NO question: true when the user chose YES. */
  confirm(title: string, message: string): boolean;
  /** An OK/CANCEL prompt: the text typed (untrimmed), or null when the user did not choose OK. */
  prompt(title: string, message: string): string | null;
}

export function dialogs(): Dialogs {
  const ui = SpreadsheetApp.getUi();
  return {
    alert: (title, message) => {
      ui.alert(title, message, ui.ButtonSet.OK);
    },
    confirm: (title, message) => ui.alert(title, message, ui.ButtonSet.YES_NO) === ui.Button.YES,
    prompt: (title, message) => {
      const res = ui.prompt(title, message, ui.ButtonSet.OK_CANCEL);
      if (res.getSelectedButton() !== ui.Button.OK) return null;
      return res.getResponseText();
    },
  };
}

/** A toast on the active spreadsheet. */
export function toast(message: string, title: string, seconds: number): void {
  activeSpreadsheet().toast(message, title, seconds);
}

/** Shows an HTML file of the project in the sidebar. */
export function showSidebarFile(file: string, title: string): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Shows an HTML file of the project in a modal dialog. */
export function showDialogFile(file: string, width: number, height: number, title: string): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setWidth(width).setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(html, title);
}

/**
 * A modal dialog with a message and one link that opens in its own tab (a dialog cannot open a tab
 * by itself: the person's click does). Every text is escaped.
 */
export function showLinkDialog(title: string, message: string, url: string, label: string): void {
  const html = `<div style="font:14px Arial,sans-serif;line-height:1.45"><p style="white-space:pre-wrap">${esc(message)}</p><p><a href="${esc(url)}" target="_blank" rel="noopener" onclick="setTimeout(function(){google.script.host.close()},300)" style="display:inline-block;background:#1a73e8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${esc(label)}</a></p></div>`;
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(420).setHeight(240), title);
}

/** A menu entry: an item (caption, global function name), a separator, or a submenu. */
export type MenuEntry = { caption: string; fn: string } | 'separator' | { caption: string; items: MenuEntry[] };

function fill(ui: GoogleAppsScript.Base.Ui, menu: GoogleAppsScript.Base.Menu, entries: MenuEntry[]): GoogleAppsScript.Base.Menu {
  let m = menu;
  for (const e of entries) {
    if (e === 'separator') m = m.addSeparator();
    else if ('fn' in e) m = m.addItem(e.caption, e.fn);
    else m = m.addSubMenu(fill(ui, ui.createMenu(e.caption), e.items));
  }
  return m;
}

/** Adds a menu to the spreadsheet's menu bar. */
export function addMenu(title: string, entries: MenuEntry[]): void {
  const ui = SpreadsheetApp.getUi();
  fill(ui, ui.createMenu(title), entries).addToUi();
}
