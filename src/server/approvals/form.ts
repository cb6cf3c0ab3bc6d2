/** The web app's request fields: from the query string, or from the POSTed form body only. */
export interface WebEvent {
  parameter?: Record<string, string>;
  parameters?: Record<string, string[]>;
  /** A POST's body as sent (Apps Script merges query and body fields into `parameter`). */
  postData?: { type?: string; contents?: string };
}

export function param(e: WebEvent | undefined, name: string): string {
  const v = e?.parameter?.[name];
  return typeof v === 'string' ? v : '';
}

/**
 * A field of the POSTed form body only. Apps Script merges the query string into `parameter`, so
 * a token there could come from the URL (where mail scanners and proxies log it); a token counts
 * only when the form itself carries it.
 */
export function bodyField(e: WebEvent | undefined, name: string): string {
  const body = e?.postData;
  if (!body || typeof body.contents !== 'string' || !/^application\/x-www-form-urlencoded/i.test(body.type ?? '')) return '';
  for (const pair of body.contents.split('&')) {
    const eq = pair.indexOf('=');
    const k = decodeForm(eq < 0 ? pair : pair.slice(0, eq));
    if (k === name) return decodeForm(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return '';
}

function decodeForm(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return '';
  }
}
