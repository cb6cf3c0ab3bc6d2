/** HtmlService for the web app: pages and the project's HTML files. */

/** An HtmlOutput for doGet/doPost to return to Apps Script; opaque outside the adapters. */
export interface WebPage {
  readonly __brand: 'WebPage';
}

/** A web page with the mobile viewport meta tag. */
export function htmlOutput(html: string, title: string): WebPage {
  const out: GoogleAppsScript.HTML.HtmlOutput = HtmlService.createHtmlOutput(html).setTitle(title).addMetaTag('viewport', 'width=device-width, initial-scale=1');
  return out as unknown as WebPage;
}

/** The content of an HTML file of the project (throws when it is missing). */
export function fileContent(name: string): string {
  return HtmlService.createHtmlOutputFromFile(name).getContent();
}
