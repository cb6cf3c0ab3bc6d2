/**
 * An Apps Script project folder as clasp pushes it: appsscript.json, script files (.js/.gs) that
 * share one global scope, run in push order, and .html files for HtmlService.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

export interface Manifest {
  timeZone?: string;
  runtimeVersion?: string;
  oauthScopes?: string[];
  webapp?: { executeAs?: 'USER_DEPLOYING' | 'USER_ACCESSING'; access?: string };
  [key: string]: unknown;
}

export interface ProjectFile {
  /** Name as Apps Script shows it: relative path without extension, with / separators. */
  name: string;
  file: string;
  source: string;
}

export interface Project {
  dir: string;
  manifest: Manifest;
  scripts: ProjectFile[];
  /** HTML files by name without the .html extension (HtmlService.createHtmlOutputFromFile('Sidebar')). */
  html: Map<string, ProjectFile>;
}

function walk(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full, base));
    else out.push(path.relative(base, full));
  }
  return out;
}

/**
 * Loads a project folder. Push order follows .clasp.json's filePushOrder when the folder has one,
 * then the rest in alphabetical order, as clasp does.
 */
export function loadProject(dir: string): Project {
  const manifestFile = path.join(dir, 'appsscript.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`No appsscript.json in ${dir}. Build the project first (npm run build) or pass --project DIR.`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const files = walk(dir);
  let order: string[] = [];
  const claspFile = path.join(dir, '.clasp.json');
  if (existsSync(claspFile)) {
    const clasp = JSON.parse(readFileSync(claspFile, 'utf8')) as { filePushOrder?: string[] };
    order = (clasp.filePushOrder ?? []).map((f) => path.normalize(f));
  }
  const scriptFiles = files.filter((f) => /\.(js|gs)$/.test(f));
  scriptFiles.sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
    return a.localeCompare(b);
  });
  const toEntry = (f: string): ProjectFile => ({
    name: f.replace(/\.(js|gs|html)$/, '').split(path.sep).join('/'),
    file: path.join(dir, f),
    source: readFileSync(path.join(dir, f), 'utf8'),
  });
  const html = new Map<string, ProjectFile>();
  for (const f of files.filter((x) => x.endsWith('.html'))) {
    const e = toEntry(f);
    html.set(e.name, e);
  }
  return { dir, manifest, scripts: scriptFiles.map(toEntry), html };
}
