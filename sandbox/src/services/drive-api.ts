/**
 * The Drive advanced service (Drive API v3) on the sandbox's Drive model: `Drive.Files.create`,
 * `get`, `update`, `list` and `copy`. It exists in an execution only when the manifest enables it
 * (`dependencies.enabledAdvancedServices` with serviceId "drive", version "v3"), under the
 * userSymbol given there.
 *
 * Reach: with the full `drive` scope (or `drive.readonly` for get and list) a call reaches every
 * item; with only `drive.file` it reaches the items this project made in the running user's
 * executions or that the user picked (DriveItem.appUsers). Anything else is answered as Drive
 * answers it: 404 "File not found: <id>." (the API does not say the file exists). Without any
 * Drive scope, 403 "Request had insufficient authentication scopes." Errors are Apps Script's
 * GoogleJsonResponseException: "API call to drive.files.get failed with error: File not found: <id>."
 */
import type { ServiceContext, ServiceModule } from '../service';
import { DRIVE_FILE_SCOPE, DRIVE_READONLY_SCOPE, DRIVE_SCOPE, hasScope } from '../scopes';
import { SandboxBlob } from './blob';
import { newDocModel } from './document';
import type { DocumentSlice } from './document-model';
import { driveSlice, driveUser, DriveItem, DriveSlice, fileUrl, FOLDER_MIME, GOOGLE_DOC_MIME, isEffectivelyTrashed, markAppMade, newItem } from './drive';

const SVC = 'Drive';

interface AdvancedServiceEntry {
  userSymbol?: string;
  serviceId?: string;
  version?: string;
}

/** The userSymbol the manifest enables Drive v3 under, or null when it is not enabled. */
export function enabledDriveSymbol(manifest: Record<string, unknown>): string | null {
  const deps = manifest.dependencies as { enabledAdvancedServices?: AdvancedServiceEntry[] } | undefined;
  for (const s of deps?.enabledAdvancedServices ?? []) {
    if (s && s.serviceId === 'drive' && s.version === 'v3') return s.userSymbol || 'Drive';
  }
  return null;
}

/** Throws a GoogleJsonResponseException with the API's code in `details`, as Apps Script does. */
function apiFail(ctx: ServiceContext, method: string, code: number, message: string): never {
  try {
    return ctx.fail(`API call to drive.files.${method} failed with error: ${message}`, 'GoogleJsonResponseException');
  } catch (e) {
    (e as { details?: unknown }).details = { code, message };
    throw e;
  }
}

/** What the execution may reach: 'all', 'app' (drive.file only) or nothing. */
function reach(ctx: ServiceContext, write: boolean): 'all' | 'app' | 'none' {
  if (hasScope(ctx, DRIVE_SCOPE)) return 'all';
  if (!write && hasScope(ctx, DRIVE_READONLY_SCOPE)) return 'all';
  if (hasScope(ctx, DRIVE_FILE_SCOPE)) return 'app';
  return 'none';
}

function reachable(ctx: ServiceContext, d: DriveSlice, it: DriveItem, how: 'all' | 'app'): boolean {
  if (how === 'all') return true;
  // Under drive.file the root folder is addressable (as 'root' or its id), its contents are not.
  return it.id === d.rootId || (it.appUsers ?? []).includes(driveUser(ctx));
}

/** The item `id` ('root' is My Drive) when the execution may reach it, else Drive's 404. */
function reachItem(ctx: ServiceContext, method: string, id: unknown, write: boolean): DriveItem {
  const how = scoped(ctx, method, write);
  const d = driveSlice(ctx.state);
  const key = String(id ?? '');
  const it = key === 'root' ? d.items[d.rootId] : d.items[key];
  if (!it || !reachable(ctx, d, it, how)) return apiFail(ctx, method, 404, `File not found: ${key}.`);
  return it;
}

function scoped(ctx: ServiceContext, method: string, write: boolean): 'all' | 'app' {
  const how = reach(ctx, write);
  if (how === 'none') return apiFail(ctx, method, 403, 'Request had insufficient authentication scopes.');
  return how;
}

// ---------------------------------------------------------------------------------------------
// The File resource and `fields`

type FileResource = Record<string, unknown>;

const DEFAULT_FIELDS = ['kind', 'id', 'name', 'mimeType'];

function resource(ctx: ServiceContext, d: DriveSlice, it: DriveItem): FileResource {
  const size = it.kind === 'folder' || it.mimeType.startsWith('application/vnd.google-apps.') ? undefined : String(Buffer.from(it.content ?? '', 'base64').length);
  const r: FileResource = {
    kind: 'drive#file',
    id: it.id,
    name: it.name,
    mimeType: it.mimeType,
    description: it.description || undefined,
    parents: [...it.parents],
    trashed: isEffectivelyTrashed(d, it.id),
    explicitlyTrashed: it.trashed,
    createdTime: new Date(it.created).toISOString(),
    modifiedTime: new Date(it.updated).toISOString(),
    webViewLink: fileUrl(it),
    owners: [{ kind: 'drive#user', emailAddress: it.owner, me: it.owner === driveUser(ctx) }],
    size,
  };
  return r;
}

/** The top-level names of a `fields` mask ("id,name", "files(id,name)", "*"). */
function parseFields(fields: unknown): { top: Set<string> | null; inner: Map<string, Set<string> | null> } {
  const inner = new Map<string, Set<string> | null>();
  if (fields === undefined || fields === null || fields === '') return { top: null, inner };
  const text = String(fields);
  if (text.trim() === '*') return { top: new Set(['*']), inner };
  const top = new Set<string>();
  let depth = 0;
  let cur = '';
  const flush = () => {
    const t = cur.trim();
    cur = '';
    if (!t) return;
    const m = /^([A-Za-z]+)(?:\((.*)\))?$/.exec(t);
    if (!m) return;
    top.add(m[1]);
    if (m[2] !== undefined) inner.set(m[1], m[2].trim() === '*' ? null : new Set(m[2].split(',').map((x) => x.trim().split('/')[0])));
  };
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) flush();
    else cur += ch;
  }
  flush();
  return { top, inner };
}

function pick(r: FileResource, names: Set<string> | null): FileResource {
  const out: FileResource = {};
  const want = names === null || names.has('*') ? Object.keys(r) : [...names];
  for (const k of want) if (r[k] !== undefined) out[k] = r[k];
  return out;
}

function fileOut(ctx: ServiceContext, d: DriveSlice, it: DriveItem, fields: unknown): FileResource {
  const f = parseFields(fields);
  return pick(resource(ctx, d, it), f.top ?? new Set(DEFAULT_FIELDS));
}

// ---------------------------------------------------------------------------------------------
// The query language of files.list (q): the subset below, joined by "and".

type Term = (it: DriveItem, d: DriveSlice) => boolean;

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** Parses `q`; null when it uses what the sandbox does not model (or is malformed). */
function parseQuery(q: string, rootId: string): Term[] | null {
  const str = String.raw`'(?:[^'\\]|\\.)*'`;
  const parts = q.trim() ? q.split(new RegExp(String.raw`\s+and\s+(?=(?:[^']*'[^']*')*[^']*$)`, 'i')) : [];
  const terms: Term[] = [];
  for (const raw of parts) {
    const p = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^(${str})\\s+in\\s+parents$`).exec(p))) {
      const v = unquote(m[1]);
      const id = v === 'root' ? rootId : v;
      terms.push((it) => it.parents.includes(id));
    } else if ((m = new RegExp(`^(name|mimeType|fullText)\\s*(=|!=|contains)\\s*(${str})$`).exec(p))) {
      const field = m[1] as 'name' | 'mimeType' | 'fullText';
      const op = m[2];
      const v = unquote(m[3]);
      if (field === 'fullText' || (field === 'mimeType' && op === 'contains')) return null;
      const get = (it: DriveItem) => (field === 'name' ? it.name : it.mimeType);
      if (op === '=') terms.push((it) => get(it) === v);
      else if (op === '!=') terms.push((it) => get(it) !== v);
      else terms.push((it) => get(it).toLowerCase().includes(v.toLowerCase()));
    } else if ((m = /^trashed\s*(=|!=)\s*(true|false)$/i.exec(p))) {
      const want = (m[2].toLowerCase() === 'true') === (m[1] === '=');
      terms.push((it, d) => isEffectivelyTrashed(d, it.id) === want);
    } else {
      return null;
    }
  }
  return terms;
}

// ---------------------------------------------------------------------------------------------
// The service

interface BlobLike {
  getBytes(): number[];
  getContentType(): string | null;
  getName(): string | null;
}

function blobArg(v: unknown): BlobLike | null {
  if (v === undefined || v === null) return null;
  if (v instanceof SandboxBlob) return v;
  const b = v as { getBlob?: () => unknown };
  if (typeof b.getBlob === 'function') {
    const inner = b.getBlob();
    if (inner instanceof SandboxBlob) return inner;
  }
  return null;
}

function csv(v: unknown): string[] {
  return v === undefined || v === null || v === '' ? [] : String(v).split(',').map((x) => x.trim()).filter(Boolean);
}

function makeFiles(ctx: ServiceContext): Record<string, unknown> {
  const d = () => driveSlice(ctx.state);
  const rec = (method: string, cost: 'drive' | 'driveCreate' = 'drive') => {
    ctx.exec.requireAuth(`Drive.Files.${method}`);
    ctx.exec.record(SVC, `Files.${method}`, cost);
  };
  /** A destination folder for create/copy/update: reachable, a folder. */
  const parentFolder = (method: string, id: string): string => {
    const it = reachItem(ctx, method, id, true);
    if (it.kind !== 'folder') return apiFail(ctx, method, 403, 'The specified parent is not a folder.');
    return it.id;
  };
  const newItemFor = (name: string, mimeType: string, parents: string[]): DriveItem => {
    const id = ctx.newId();
    const it = newItem(id, mimeType === FOLDER_MIME ? 'folder' : 'file', name, mimeType, parents, driveUser(ctx), ctx.now());
    markAppMade(ctx, it);
    d().items[id] = it;
    return it;
  };

  return {
    create(file: unknown, mediaData?: unknown, optionalArgs?: Record<string, unknown>) {
      rec('create', 'driveCreate');
      scoped(ctx, 'create', true);
      const meta = (file && typeof file === 'object' ? file : {}) as Record<string, unknown>;
      const blob = blobArg(mediaData);
      const parentsIn = Array.isArray(meta.parents) ? meta.parents.map(String) : [];
      if (parentsIn.length > 1) return apiFail(ctx, 'create', 403, 'A shared drive item must have exactly one parent.');
      const parents = parentsIn.length ? [parentFolder('create', parentsIn[0])] : [d().rootId];
      const mimeType = typeof meta.mimeType === 'string' && meta.mimeType ? meta.mimeType : blob?.getContentType() || 'application/octet-stream';
      const name = typeof meta.name === 'string' && meta.name ? meta.name : blob?.getName() || 'Untitled';
      if (mimeType === FOLDER_MIME && blob) return apiFail(ctx, 'create', 400, 'Bad Request');
      const it = newItemFor(name, mimeType, parents);
      if (typeof meta.description === 'string') it.description = meta.description;
      if (mimeType === GOOGLE_DOC_MIME) {
        // A new Google Doc (media conversion is not modelled: its body starts empty).
        const docs = ctx.slice<DocumentSlice>('document', () => ({ docs: {} }));
        docs.docs[it.id] = newDocModel(it.id);
      } else if (blob) {
        it.content = Buffer.from(blob.getBytes().map((b) => b & 255)).toString('base64');
      } else if (it.kind === 'file' && !mimeType.startsWith('application/vnd.google-apps.')) {
        it.content = '';
      }
      return fileOut(ctx, d(), it, optionalArgs?.fields);
    },

    get(fileId: unknown, optionalArgs?: Record<string, unknown>) {
      rec('get');
      const it = reachItem(ctx, 'get', fileId, false);
      if (optionalArgs?.alt === 'media') {
        if (it.kind === 'folder' || it.mimeType.startsWith('application/vnd.google-apps.')) {
          return apiFail(ctx, 'get', 403, 'Only files with binary content can be downloaded. Use Export with Docs Editors files.');
        }
        return new SandboxBlob(Buffer.from(it.content ?? '', 'base64'), it.mimeType, it.name);
      }
      return fileOut(ctx, d(), it, optionalArgs?.fields);
    },

    update(file: unknown, fileId: unknown, mediaData?: unknown, optionalArgs?: Record<string, unknown>) {
      rec('update');
      const it = reachItem(ctx, 'update', fileId, true);
      const meta = (file && typeof file === 'object' ? file : {}) as Record<string, unknown>;
      if (it.id === d().rootId) return apiFail(ctx, 'update', 403, 'The user does not have sufficient permissions for this file.');
      if (Array.isArray(meta.parents)) return apiFail(ctx, 'update', 403, 'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.');
      const add = csv(optionalArgs?.addParents).map((p) => parentFolder('update', p));
      const remove = csv(optionalArgs?.removeParents);
      for (const p of add) {
        if (p === it.id || (it.kind === 'folder' && isUnder(d(), p, it.id))) return apiFail(ctx, 'update', 400, 'Bad Request');
      }
      const parents = it.parents.filter((p) => !remove.includes(p) && !(remove.includes('root') && p === d().rootId));
      for (const p of add) if (!parents.includes(p)) parents.push(p);
      if (parents.length > 1) return apiFail(ctx, 'update', 403, 'Increasing the number of parents is not allowed. A file can only have one parent.');
      if (add.length || remove.length) it.parents = parents;
      if (typeof meta.name === 'string') it.name = meta.name;
      if (typeof meta.description === 'string') it.description = meta.description;
      if (typeof meta.trashed === 'boolean') it.trashed = meta.trashed;
      const blob = blobArg(mediaData);
      if (blob) {
        if (it.kind === 'folder' || it.mimeType.startsWith('application/vnd.google-apps.')) return apiFail(ctx, 'update', 400, 'Bad Request');
        it.content = Buffer.from(blob.getBytes().map((b) => b & 255)).toString('base64');
      }
      it.updated = ctx.now();
      return fileOut(ctx, d(), it, optionalArgs?.fields);
    },

    copy(file: unknown, fileId: unknown, optionalArgs?: Record<string, unknown>) {
      rec('copy', 'driveCreate');
      scoped(ctx, 'copy', true);
      const src = reachItem(ctx, 'copy', fileId, false);
      if (src.kind === 'folder') return apiFail(ctx, 'copy', 403, 'This file cannot be copied by the user.');
      const meta = (file && typeof file === 'object' ? file : {}) as Record<string, unknown>;
      const parentsIn = Array.isArray(meta.parents) ? meta.parents.map(String) : [];
      const parents = parentsIn.length ? [parentFolder('copy', parentsIn[0])] : [...src.parents];
      const name = typeof meta.name === 'string' && meta.name ? meta.name : `Copy of ${src.name}`;
      const it = newItemFor(name, src.mimeType, parents);
      it.content = src.content;
      if (src.mimeType === GOOGLE_DOC_MIME) {
        const docs = ctx.slice<DocumentSlice>('document', () => ({ docs: {} }));
        const model = docs.docs[src.id];
        docs.docs[it.id] = model ? { ...JSON.parse(JSON.stringify(model)), id: it.id } : newDocModel(it.id);
      }
      return fileOut(ctx, d(), it, optionalArgs?.fields);
    },

    list(optionalArgs?: Record<string, unknown>) {
      rec('list');
      const how = scoped(ctx, 'list', false);
      const s = d();
      const terms = parseQuery(String(optionalArgs?.q ?? ''), s.rootId);
      if (!terms) return apiFail(ctx, 'list', 400, 'Invalid Value');
      const pageSize = Math.min(1000, Math.max(1, Number(optionalArgs?.pageSize) || 100));
      const start = optionalArgs?.pageToken ? Number(Buffer.from(String(optionalArgs.pageToken), 'base64').toString('utf8')) : 0;
      if (!Number.isInteger(start) || start < 0) return apiFail(ctx, 'list', 400, 'Invalid Value');
      const matches = Object.values(s.items)
        .filter((it) => it.id !== s.rootId && reachable(ctx, s, it, how) && terms.every((t) => t(it, s)))
        .sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
      const page = matches.slice(start, start + pageSize);
      const f = parseFields(optionalArgs?.fields);
      const inner = f.inner.has('files') ? f.inner.get('files') ?? null : new Set(DEFAULT_FIELDS);
      const out: Record<string, unknown> = {
        kind: 'drive#fileList',
        incompleteSearch: false,
        files: page.map((it) => pick(resource(ctx, s, it), inner)),
      };
      if (start + pageSize < matches.length) out.nextPageToken = Buffer.from(String(start + pageSize)).toString('base64');
      if (f.top && !f.top.has('*')) for (const k of Object.keys(out)) if (!f.top.has(k)) delete out[k];
      return out;
    },

    toString() {
      return 'Files';
    },
  };
}

function isUnder(d: DriveSlice, id: string, ancestorId: string, seen = new Set<string>()): boolean {
  const it = d.items[id];
  if (!it || seen.has(id)) return false;
  seen.add(id);
  return it.parents.some((p) => p === ancestorId || isUnder(d, p, ancestorId, seen));
}

export const driveApiService: ServiceModule = {
  name: 'driveApi',
  install: (ctx) => {
    const symbol = enabledDriveSymbol(ctx.project.manifest);
    if (!symbol) return {};
    return { [symbol]: { Files: makeFiles(ctx), toString: () => 'Drive' } };
  },
};
