/** The built panel page: small enough, self-contained (nothing fetched from a CDN at run time), accessible basics. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { DIST } from './project';

const html = readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');

test('the built Sidebar.html stays under 150 KB', () => {
  expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(150 * 1024);
});

test('it loads nothing from the network: scripts and styles are inline', () => {
  const doc = parse(html);
  expect(doc.querySelectorAll('script[src]')).toHaveLength(0);
  expect(doc.querySelectorAll('link')).toHaveLength(0);
  expect(html).not.toMatch(/@import|url\(\s*['"]?https?:|fonts\.googleapis|cdn\./i);
  expect(doc.querySelectorAll('script').length).toBeGreaterThan(0);
  expect(doc.querySelectorAll('style').length).toBeGreaterThan(0);
  // The build markers were all replaced.
  expect(html).not.toMatch(/@bundle|@style/);
});

test('links open outside the sandboxed iframe and the page declares its language', () => {
  const doc = parse(html);
  expect(doc.querySelector('base')?.getAttribute('target')).toBe('_top');
  expect(doc.querySelector('html')?.getAttribute('lang')).toBe('id');
});
