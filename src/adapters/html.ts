/** HtmlService for the web app: pages and the project's HTML files. */

/** A web page with the mobile viewport meta tag. */
export function htmlOutput(html: string, title: string): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput(html).setTitle(title).addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

/** The content of an HTML file of the project (throws when it is missing). */
export function fileContent(name: string): string {
  return HtmlService.createHtmlOutputFromFile(name).getContent();
}
