/**
 * DriveApp: folders and files kept in the 'drive' slice of state. File contents are base64; a
 * Google Doc's content is the document model the document service keeps in the 'document' slice
 * (keyed by the same id), and its Drive record has mimeType application/vnd.google-apps.document.
 *
 * Listing: iterators of a folder (and DriveApp.getFiles/getFilesByName) leave out trashed items;
 * an item inside a trashed folder counts as trashed. Trashed items stay reachable by id, as in Drive.
 * Sharing calls (addEditor, setSharing) are recorded and reported back; nothing enforces them.
 */
import type { ServiceContext, ServiceModule } from '../service';
import type { SandboxState } from '../state';
import { newId, slice } from '../state';
import { htmlText, SandboxBlob } from './blob';
import { documentToPdf, textToPdf } from '../pdf';
import type { DocumentSlice } from './document-model';
import { requireScope, DRIVE_SCOPE, DRIVE_READONLY_SCOPE } from '../scopes';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';
export const GOOGLE_SHEET_MIME = 'application/vnd.google-apps.spreadsheet';
const NOT_FOUND = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
const ITERATOR_END = 'Cannot retrieve the next object: iterator has reached the end.';

export interface DriveItem {
  id: string;
  kind: 'folder' | 'file';
  name: string;
  mimeType: string;
  parents: string[];
  /** Trashed explicitly (children of a trashed folder count as trashed too). */
  trashed: boolean;
  created: number;
  updated: number;
  owner: string;
  description: string;
  editors: string[];
  viewers: string[];
  sharing: { access: string; permission: string };
  /** Base64 bytes of a non-Google file. */
  content?: string;
  /**
   * Users for whom this script project may reach the item under the drive.file scope: the item was
   * made by the project (any service) in that user's execution, or the user picked it (host
   * `grantFileAccess`). Absent on items made outside the project.
   */
  appUsers?: string[];
}

export interface DriveSlice {
  rootId: string;
  items: Record<string, DriveItem>;
}

/** The Drive slice of a state, with the root folder "My Drive" made on first use. */
export function driveSlice(state: SandboxState): DriveSlice {
  const d = slice<DriveSlice>(state, 'drive', () => ({ rootId: '', items: {} }));
  if (!d.rootId || !d.items[d.rootId]) {
    const id = newId(state);
    d.rootId = id;
    d.items[id] = newItem(id, 'folder', 'My Drive', FOLDER_MIME, [], state.owner, state.clockMs);
  }
  return d;
}

/** A new Drive item, private to its owner. */
export function newItem(id: string, kind: DriveItem['kind'], name: string, mimeType: string, parents: string[], owner: string, now: number): DriveItem {
  return {
    id,
    kind,
    name,
    mimeType,
    parents,
    trashed: false,
    created: now,
    updated: now,
    owner,
    description: '',
    editors: [],
    viewers: [],
    sharing: { access: 'PRIVATE', permission: 'NONE' },
  };
}

/** True when the item or any folder above it is trashed. */
export function isEffectivelyTrashed(d: DriveSlice, id: string, seen = new Set<string>()): boolean {
  const it = d.items[id];
  if (!it) return false;
  if (it.trashed) return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return it.parents.some((p) => isEffectivelyTrashed(d, p, seen));
}

export function fileUrl(item: Pick<DriveItem, 'id' | 'mimeType' | 'kind'>): string {
  if (item.kind === 'folder') return `https://drive.google.com/drive/folders/${item.id}`;
  if (item.mimeType === GOOGLE_DOC_MIME) return `https://docs.google.com/document/d/${item.id}/edit`;
  if (item.mimeType === GOOGLE_SHEET_MIME) return `https://docs.google.com/spreadsheets/d/${item.id}/edit`;
  if (item.mimeType === 'application/vnd.google-apps.presentation') return `https://docs.google.com/presentation/d/${item.id}/edit`;
  return `https://drive.google.com/file/d/${item.id}/view?usp=drivesdk`;
}

/** Converters other services may add: Google-type content as PDF bytes (e.g. a spreadsheet). */
type PdfConverter = (state: SandboxState, id: string, name: string) => Buffer;
const pdfConverters = new Map<string, PdfConverter>();
export function registerPdfConverter(mimeType: string, convert: PdfConverter): void {
  pdfConverters.set(mimeType, convert);
}

function docModelOf(state: SandboxState, id: string) {
  const docs = state.services.document as DocumentSlice | undefined;
  return docs?.docs?.[id];
}

/** The bytes of a file as PDF (Google types are converted; PDFs are returned as they are). */
function pdfBytes(state: SandboxState, item: DriveItem): Buffer {
  if (item.mimeType === GOOGLE_DOC_MIME) {
    const model = docModelOf(state, item.id);
    if (model) return documentToPdf(model, item.name);
    return textToPdf(item.name, []);
  }
  const conv = pdfConverters.get(item.mimeType);
  if (conv) return conv(state, item.id, item.name);
  if (item.mimeType === 'application/pdf') return Buffer.from(item.content ?? '', 'base64');
  const raw = Buffer.from(item.content ?? '', 'base64');
  if (item.mimeType.startsWith('text/') || item.mimeType === 'application/json') {
    const text = item.mimeType === 'text/html' ? htmlText(raw.toString('utf8')) : raw.toString('utf8');
    return textToPdf(item.name, text.split(/\r?\n/));
  }
  return textToPdf(item.name, [`[${item.mimeType}]`]);
}

// ---------------------------------------------------------------------------------------------
// Host functions (workbench, CLI, other services)

export interface FileListing {
  id: string;
  name: string;
  mimeType: string;
  parentId: string | null;
  trashed: boolean;
  size: number;
  url: string;
  /** Whose Drive holds it (the account that made it). */
  owner: string;
}

/** Every file (not folder) in Drive, trashed ones included (flagged). */
export function listFiles(state: SandboxState): FileListing[] {
  const d = driveSlice(state);
  return Object.values(d.items)
    .filter((it) => it.kind === 'file')
    .map((it) => ({
      id: it.id,
      name: it.name,
      mimeType: it.mimeType,
      parentId: it.parents[0] ?? null,
      trashed: isEffectivelyTrashed(d, it.id),
      size: itemSize(it),
      url: fileUrl(it),
      owner: it.owner,
    }));
}

/** A file's bytes for download: Google Docs (and registered Google types) come as PDF. */
export function getFileContent(state: SandboxState, id: string): { name: string; mimeType: string; bytes: Buffer } | undefined {
  const d = driveSlice(state);
  const it = d.items[id];
  if (!it || it.kind !== 'file') return undefined;
  if (it.mimeType.startsWith('application/vnd.google-apps.')) {
    return { name: withExtension(it.name, 'pdf'), mimeType: 'application/pdf', bytes: pdfBytes(state, it) };
  }
  return { name: it.name, mimeType: it.mimeType, bytes: Buffer.from(it.content ?? '', 'base64') };
}

export interface RegisterFileOptions {
  id?: string;
  name: string;
  mimeType: string;
  parentId?: string;
  content?: Buffer | string;
  owner?: string;
}

/**
 * Adds (or updates, when the id exists) a file record, e.g. the bound workbook of the spreadsheet
 * service. Returns the file's id. Google-type files keep their content in their own service.
 */
export function registerFile(state: SandboxState, opts: RegisterFileOptions): string {
  const d = driveSlice(state);
  const id = opts.id ?? newId(state);
  const parent = opts.parentId && d.items[opts.parentId]?.kind === 'folder' ? opts.parentId : d.rootId;
  const existing = d.items[id];
  const item = existing ?? newItem(id, 'file', opts.name, opts.mimeType, [parent], opts.owner ?? state.owner, state.clockMs);
  item.name = opts.name;
  item.mimeType = opts.mimeType;
  if (existing && opts.parentId) item.parents = [parent];
  if (opts.content !== undefined) {
    item.content = (typeof opts.content === 'string' ? Buffer.from(opts.content, 'utf8') : opts.content).toString('base64');
  }
  item.updated = state.clockMs;
  d.items[id] = item;
  return id;
}

/** Host: a person moves an item to the trash (or out of it) in Drive's own UI. False when missing. */
export function setTrashed(state: SandboxState, id: string, trashed: boolean): boolean {
  const it = driveSlice(state).items[id];
  if (!it) return false;
  it.trashed = trashed;
  it.updated = state.clockMs;
  return true;
}

function itemSize(it: DriveItem): number {
  if (it.kind === 'folder' || it.mimeType.startsWith('application/vnd.google-apps.')) return 0;
  return Buffer.from(it.content ?? '', 'base64').length;
}

function withExtension(name: string, ext: string): string {
  if (!ext) return name;
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${base}.${ext}`;
}

// ---------------------------------------------------------------------------------------------
// Script-facing objects

/** Throws an Apps Script 'Exception' made in the script's realm. */
export function scriptFail(ctx: ServiceContext, message: string): never {
  return ctx.fail(message, 'Exception');
}

const SVC = 'DriveApp';

interface BlobLike {
  getBlob(): unknown;
}

/** A SandboxBlob from anything with getBlob (Blob, HtmlOutput, File, Document). */
export function toBlob(ctx: ServiceContext, v: unknown, what = 'blob'): SandboxBlob {
  if (v instanceof SandboxBlob) return v;
  if (v && typeof (v as BlobLike).getBlob === 'function') {
    const b = (v as BlobLike).getBlob();
    if (b instanceof SandboxBlob) return b;
  }
  return scriptFail(ctx, `Invalid argument: ${what}`);
}

class DriveUser {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getName(): string {
    return this.email.split('@')[0];
  }
  getDomain(): string {
    return this.email.split('@')[1] ?? '';
  }
  getPhotoUrl(): string {
    return '';
  }
  toString(): string {
    return this.email;
  }
}

type Item = DriveFolder | DriveFile;

class DriveIterator<T extends Item> {
  private i = 0;
  constructor(
    private readonly ctx: ServiceContext,
    private readonly items: T[],
    private readonly kind: string,
  ) {}
  hasNext(): boolean {
    this.ctx.exec.record(SVC, `${this.kind}.hasNext`, 'local');
    return this.i < this.items.length;
  }
  next(): T {
    this.ctx.exec.record(SVC, `${this.kind}.next`, 'drive');
    if (this.i >= this.items.length) scriptFail(this.ctx, ITERATOR_END);
    return this.items[this.i++];
  }
  getContinuationToken(): string {
    return Buffer.from(JSON.stringify({ i: this.i, ids: this.items.map((x) => x.getId()) })).toString('base64');
  }
}

abstract class DriveEntry {
  constructor(
    protected readonly ctx: ServiceContext,
    protected readonly d: DriveSlice,
    readonly id: string,
  ) {}
  protected abstract readonly label: string;
  protected item(): DriveItem {
    const it = this.d.items[this.id];
    if (!it) return scriptFail(this.ctx, NOT_FOUND);
    return it;
  }
  protected rec(method: string, cost: 'local' | 'drive' | 'driveCreate' | 'pdfConvert' = 'local'): void {
    this.ctx.exec.record(SVC, `${this.label}.${method}`, cost);
  }
  protected touch(): void {
    this.item().updated = this.ctx.now();
  }
  getId(): string {
    this.rec('getId');
    return this.id;
  }
  getName(): string {
    this.rec('getName');
    return this.item().name;
  }
  setName(name: string): this {
    this.rec('setName', 'drive');
    if (typeof name !== 'string') scriptFail(this.ctx, 'Invalid argument: name');
    this.item().name = name;
    this.touch();
    return this;
  }
  getDescription(): string | null {
    this.rec('getDescription');
    return this.item().description || null;
  }
  setDescription(description: string): this {
    this.rec('setDescription', 'drive');
    this.item().description = String(description ?? '');
    this.touch();
    return this;
  }
  getUrl(): string {
    this.rec('getUrl');
    return fileUrl(this.item());
  }
  getParents(): DriveIterator<DriveFolder> {
    this.rec('getParents', 'drive');
    const ps = this.item().parents.filter((p) => this.d.items[p]).map((p) => new DriveFolder(this.ctx, this.d, p));
    return new DriveIterator(this.ctx, ps, 'FolderIterator');
  }
  getDateCreated(): Date {
    this.rec('getDateCreated');
    return new this.ctx.Date(this.item().created);
  }
  getLastUpdated(): Date {
    this.rec('getLastUpdated');
    return new this.ctx.Date(this.item().updated);
  }
  getOwner(): DriveUser {
    this.rec('getOwner', 'drive');
    return new DriveUser(this.item().owner);
  }
  isTrashed(): boolean {
    this.rec('isTrashed');
    return isEffectivelyTrashed(this.d, this.id);
  }
  setTrashed(trashed: boolean): this {
    this.rec('setTrashed', 'drive');
    if (this.id === this.d.rootId) scriptFail(this.ctx, 'Access denied: DriveApp.');
    this.item().trashed = Boolean(trashed);
    this.touch();
    return this;
  }
  moveTo(destination: unknown): this {
    this.rec('moveTo', 'drive');
    const dest = folderArg(this.ctx, this.d, destination, 'destination');
    if (this.id === this.d.rootId) scriptFail(this.ctx, 'Access denied: DriveApp.');
    if (this.item().kind === 'folder' && (dest === this.id || isAncestor(this.d, this.id, dest))) {
      scriptFail(this.ctx, 'Invalid argument: destination');
    }
    this.item().parents = [dest];
    this.touch();
    return this;
  }
  addEditor(user: unknown): this {
    this.rec('addEditor', 'drive');
    addUnique(this.item().editors, emailArg(this.ctx, user));
    return this;
  }
  addEditors(users: unknown[]): this {
    this.rec('addEditors', 'drive');
    for (const u of users ?? []) addUnique(this.item().editors, emailArg(this.ctx, u));
    return this;
  }
  addViewer(user: unknown): this {
    this.rec('addViewer', 'drive');
    addUnique(this.item().viewers, emailArg(this.ctx, user));
    return this;
  }
  addViewers(users: unknown[]): this {
    this.rec('addViewers', 'drive');
    for (const u of users ?? []) addUnique(this.item().viewers, emailArg(this.ctx, u));
    return this;
  }
  removeEditor(user: unknown): this {
    this.rec('removeEditor', 'drive');
    const e = emailArg(this.ctx, user);
    this.item().editors = this.item().editors.filter((x) => x !== e);
    return this;
  }
  removeViewer(user: unknown): this {
    this.rec('removeViewer', 'drive');
    const e = emailArg(this.ctx, user);
    this.item().viewers = this.item().viewers.filter((x) => x !== e);
    return this;
  }
  getEditors(): DriveUser[] {
    this.rec('getEditors', 'drive');
    return this.item().editors.map((e) => new DriveUser(e));
  }
  getViewers(): DriveUser[] {
    this.rec('getViewers', 'drive');
    return this.item().viewers.map((e) => new DriveUser(e));
  }
  setSharing(accessType: unknown, permissionType: unknown): this {
    this.rec('setSharing', 'drive');
    this.item().sharing = { access: String(accessType), permission: String(permissionType) };
    return this;
  }
  getSharingAccess(): string {
    this.rec('getSharingAccess', 'drive');
    return this.item().sharing.access;
  }
  getSharingPermission(): string {
    this.rec('getSharingPermission', 'drive');
    return this.item().sharing.permission;
  }
  getSize(): number {
    this.rec('getSize');
    return itemSize(this.item());
  }
  toString(): string {
    return this.item().name;
  }
}

function addUnique(list: string[], v: string): void {
  if (!list.includes(v)) list.push(v);
}

function emailArg(ctx: ServiceContext, user: unknown): string {
  if (typeof user === 'string' && user.includes('@')) return user;
  if (user && typeof (user as { getEmail?: unknown }).getEmail === 'function') return String((user as { getEmail(): unknown }).getEmail());
  return scriptFail(ctx, 'Invalid argument: email');
}

function isAncestor(d: DriveSlice, ancestorId: string, id: string, seen = new Set<string>()): boolean {
  const it = d.items[id];
  if (!it || seen.has(id)) return false;
  seen.add(id);
  return it.parents.some((p) => p === ancestorId || isAncestor(d, ancestorId, p, seen));
}

function folderArg(ctx: ServiceContext, d: DriveSlice, v: unknown, what: string): string {
  if (v instanceof DriveFolder) return v.id;
  return scriptFail(ctx, `Invalid argument: ${what}`);
}

function fileArg(ctx: ServiceContext, v: unknown, what: string): string {
  if (v instanceof DriveFile) return v.id;
  return scriptFail(ctx, `Invalid argument: ${what}`);
}

export class DriveFile extends DriveEntry {
  protected readonly label = 'File';
  getMimeType(): string {
    this.rec('getMimeType');
    return this.item().mimeType;
  }
  getDownloadUrl(): string | null {
    this.rec('getDownloadUrl');
    const it = this.item();
    if (it.mimeType.startsWith('application/vnd.google-apps.')) return null;
    return `https://drive.google.com/uc?id=${it.id}&export=download`;
  }
  getBlob(): SandboxBlob {
    const it = this.item();
    if (it.mimeType.startsWith('application/vnd.google-apps.')) {
      // A Google Doc's blob is its PDF export.
      this.rec('getBlob', 'pdfConvert');
      return new SandboxBlob(pdfBytes(this.ctx.state, it), 'application/pdf', withExtension(it.name, 'pdf'));
    }
    this.rec('getBlob', 'drive');
    return new SandboxBlob(Buffer.from(it.content ?? '', 'base64'), it.mimeType, it.name);
  }
  getAs(contentType: string): SandboxBlob {
    const it = this.item();
    const type = String(contentType);
    if (type === 'application/pdf') {
      this.rec('getAs', 'pdfConvert');
      return new SandboxBlob(pdfBytes(this.ctx.state, it), 'application/pdf', withExtension(it.name, 'pdf'));
    }
    if (type === it.mimeType && !it.mimeType.startsWith('application/vnd.google-apps.')) {
      this.rec('getAs', 'drive');
      return new SandboxBlob(Buffer.from(it.content ?? '', 'base64'), it.mimeType, it.name);
    }
    this.rec('getAs', 'drive');
    return scriptFail(this.ctx, `Converting from ${it.mimeType} to ${type} is not supported.`);
  }
  setContent(content: string): this {
    this.rec('setContent', 'drive');
    const it = this.item();
    if (it.mimeType.startsWith('application/vnd.google-apps.')) scriptFail(this.ctx, 'Invalid argument: content');
    it.content = Buffer.from(String(content), 'utf8').toString('base64');
    this.touch();
    return this;
  }
  makeCopy(a?: unknown, b?: unknown): DriveFile {
    this.rec('makeCopy', 'driveCreate');
    const it = this.item();
    let name = `Copy of ${it.name}`;
    let parent = it.parents[0] ?? this.d.rootId;
    if (typeof a === 'string') name = a;
    else if (a instanceof DriveFolder) parent = a.id;
    else if (a !== undefined && a !== null) scriptFail(this.ctx, 'Invalid argument: name');
    if (b instanceof DriveFolder) parent = b.id;
    else if (b !== undefined && b !== null) scriptFail(this.ctx, 'Invalid argument: destination');
    const id = this.ctx.newId();
    const copy: DriveItem = {
      ...JSON.parse(JSON.stringify(it)),
      id,
      name,
      parents: [parent],
      trashed: false,
      created: this.ctx.now(),
      updated: this.ctx.now(),
      owner: this.ctx.exec.effectiveUser || this.ctx.state.owner,
      editors: [],
      viewers: [],
      sharing: { access: 'PRIVATE', permission: 'NONE' },
      appUsers: [],
    };
    markAppMade(this.ctx, copy);
    this.d.items[id] = copy;
    if (it.mimeType === GOOGLE_DOC_MIME) {
      const docs = this.ctx.slice<DocumentSlice>('document', () => ({ docs: {} }));
      const model = docs.docs[it.id];
      if (model) docs.docs[id] = { ...JSON.parse(JSON.stringify(model)), id };
    }
    return new DriveFile(this.ctx, this.d, id);
  }
}

export class DriveFolder extends DriveEntry {
  protected readonly label = 'Folder';
  private children(kind: DriveItem['kind'], name?: string, mimeType?: string): DriveItem[] {
    return Object.values(this.d.items).filter(
      (it) =>
        it.kind === kind &&
        it.parents.includes(this.id) &&
        !isEffectivelyTrashed(this.d, it.id) &&
        (name === undefined || it.name === name) &&
        (mimeType === undefined || it.mimeType === mimeType),
    );
  }
  private fileIter(items: DriveItem[]): DriveIterator<DriveFile> {
    return new DriveIterator(this.ctx, items.map((it) => new DriveFile(this.ctx, this.d, it.id)), 'FileIterator');
  }
  private folderIter(items: DriveItem[]): DriveIterator<DriveFolder> {
    return new DriveIterator(this.ctx, items.map((it) => new DriveFolder(this.ctx, this.d, it.id)), 'FolderIterator');
  }
  getFiles(): DriveIterator<DriveFile> {
    this.rec('getFiles', 'drive');
    return this.fileIter(this.children('file'));
  }
  getFolders(): DriveIterator<DriveFolder> {
    this.rec('getFolders', 'drive');
    return this.folderIter(this.children('folder'));
  }
  getFilesByName(name: string): DriveIterator<DriveFile> {
    this.rec('getFilesByName', 'drive');
    return this.fileIter(this.children('file', String(name)));
  }
  getFoldersByName(name: string): DriveIterator<DriveFolder> {
    this.rec('getFoldersByName', 'drive');
    return this.folderIter(this.children('folder', String(name)));
  }
  getFilesByType(mimeType: string): DriveIterator<DriveFile> {
    this.rec('getFilesByType', 'drive');
    return this.fileIter(this.children('file', undefined, String(mimeType)));
  }
  createFolder(name: string): DriveFolder {
    this.rec('createFolder', 'driveCreate');
    return createFolderIn(this.ctx, this.d, this.id, name);
  }
  createFile(a: unknown, content?: unknown, mimeType?: unknown): DriveFile {
    this.rec('createFile', 'driveCreate');
    return createFileIn(this.ctx, this.d, this.id, a, content, mimeType);
  }
  addFile(child: unknown): this {
    this.rec('addFile', 'drive');
    const id = fileArg(this.ctx, child, 'child');
    addUnique(this.d.items[id].parents, this.id);
    return this;
  }
  removeFile(child: unknown): this {
    this.rec('removeFile', 'drive');
    const id = fileArg(this.ctx, child, 'child');
    const it = this.d.items[id];
    it.parents = it.parents.filter((p) => p !== this.id);
    return this;
  }
  addFolder(child: unknown): this {
    this.rec('addFolder', 'drive');
    const id = folderArg(this.ctx, this.d, child, 'child');
    if (id === this.id || isAncestor(this.d, id, this.id)) scriptFail(this.ctx, 'Invalid argument: child');
    addUnique(this.d.items[id].parents, this.id);
    return this;
  }
  removeFolder(child: unknown): this {
    this.rec('removeFolder', 'drive');
    const id = folderArg(this.ctx, this.d, child, 'child');
    const it = this.d.items[id];
    it.parents = it.parents.filter((p) => p !== this.id);
    return this;
  }
}

function createFolderIn(ctx: ServiceContext, d: DriveSlice, parentId: string, name: unknown): DriveFolder {
  if (typeof name !== 'string') return scriptFail(ctx, 'Invalid argument: name');
  const id = ctx.newId();
  d.items[id] = newItem(id, 'folder', name, FOLDER_MIME, [parentId], ctx.exec.effectiveUser || ctx.state.owner, ctx.now());
  markAppMade(ctx, d.items[id]);
  return new DriveFolder(ctx, d, id);
}

function createFileIn(ctx: ServiceContext, d: DriveSlice, parentId: string, a: unknown, content: unknown, mimeType: unknown): DriveFile {
  let name: string;
  let bytes: Buffer;
  let type: string;
  if (typeof a === 'string') {
    name = a;
    if (content === undefined || content === null) return scriptFail(ctx, 'Invalid argument: content');
    bytes = Buffer.from(String(content), 'utf8');
    type = mimeType === undefined || mimeType === null ? 'text/plain' : String(mimeType);
    if (type.startsWith('application/vnd.google-apps.')) return scriptFail(ctx, `Invalid argument: file.contentType`);
  } else {
    const blob = toBlob(ctx, a, 'blob');
    bytes = Buffer.from(blob.buffer());
    type = blob.getContentType() ?? 'application/octet-stream';
    name = blob.getName() ?? 'Untitled';
  }
  const id = ctx.newId();
  const it = newItem(id, 'file', name, type, [parentId], ctx.exec.effectiveUser || ctx.state.owner, ctx.now());
  it.content = bytes.toString('base64');
  markAppMade(ctx, it);
  d.items[id] = it;
  return new DriveFile(ctx, d, id);
}

/** Creates the Drive record of a new Google-type file (used by DocumentApp.create). */
export function createGoogleFile(ctx: ServiceContext, name: string, mimeType: string, parentId?: string): string {
  const d = driveSlice(ctx.state);
  const id = ctx.newId();
  d.items[id] = newItem(id, 'file', name, mimeType, [parentId ?? d.rootId], ctx.exec.effectiveUser || ctx.state.owner, ctx.now());
  markAppMade(ctx, d.items[id]);
  return id;
}

/** The execution's user: the one whose drive.file grants count. */
export function driveUser(ctx: ServiceContext): string {
  return ctx.exec.effectiveUser || ctx.state.owner;
}

/** Records that this project made `item` in the running user's execution (drive.file reach). */
export function markAppMade(ctx: ServiceContext, item: DriveItem): void {
  const user = driveUser(ctx);
  item.appUsers = item.appUsers ?? [];
  if (!item.appUsers.includes(user)) item.appUsers.push(user);
}

/**
 * Host: `user` picked the file or folder `id` for this project (as a Google Picker dialog does),
 * so the project reaches it under drive.file in that user's executions. False when there is no
 * such item.
 */
export function grantFileAccess(state: SandboxState, id: string, user: string): boolean {
  const it = driveSlice(state).items[id];
  if (!it) return false;
  it.appUsers = it.appUsers ?? [];
  if (!it.appUsers.includes(user)) it.appUsers.push(user);
  return true;
}

/** The Drive record of a file, for other services (undefined when missing). */
export function driveItem(state: SandboxState, id: string): DriveItem | undefined {
  return driveSlice(state).items[id];
}

const MIME_TYPE = {
  GOOGLE_APPS_SCRIPT: 'application/vnd.google-apps.script',
  GOOGLE_DRAWINGS: 'application/vnd.google-apps.drawing',
  GOOGLE_DOCS: GOOGLE_DOC_MIME,
  GOOGLE_FORMS: 'application/vnd.google-apps.form',
  GOOGLE_SHEETS: GOOGLE_SHEET_MIME,
  GOOGLE_SITES: 'application/vnd.google-apps.site',
  GOOGLE_SLIDES: 'application/vnd.google-apps.presentation',
  FOLDER: FOLDER_MIME,
  SHORTCUT: 'application/vnd.google-apps.shortcut',
  BMP: 'image/bmp',
  GIF: 'image/gif',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  SVG: 'image/svg+xml',
  PDF: 'application/pdf',
  CSS: 'text/css',
  CSV: 'text/csv',
  HTML: 'text/html',
  JAVASCRIPT: 'application/javascript',
  PLAIN_TEXT: 'text/plain',
  RTF: 'application/rtf',
  OPENDOCUMENT_GRAPHICS: 'application/vnd.oasis.opendocument.graphics',
  OPENDOCUMENT_PRESENTATION: 'application/vnd.oasis.opendocument.presentation',
  OPENDOCUMENT_SPREADSHEET: 'application/vnd.oasis.opendocument.spreadsheet',
  OPENDOCUMENT_TEXT: 'application/vnd.oasis.opendocument.text',
  MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  MICROSOFT_EXCEL_LEGACY: 'application/vnd.ms-excel',
  MICROSOFT_POWERPOINT: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  MICROSOFT_POWERPOINT_LEGACY: 'application/vnd.ms-powerpoint',
  MICROSOFT_WORD: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  MICROSOFT_WORD_LEGACY: 'application/msword',
  ZIP: 'application/zip',
} as const;

function enumOf(names: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (const n of names) o[n] = n;
  return Object.freeze(o);
}

function makeDriveApp(ctx: ServiceContext): Record<string, unknown> {
  const d = (): DriveSlice => driveSlice(ctx.state);
  // Methods that only read accept drive.readonly; every other one needs the full drive scope.
  const readOnly = /^(get|toString)/;
  const auth = (method: string) => {
    ctx.exec.requireAuth(`DriveApp.${method}`);
    requireScope(ctx, `DriveApp.${method}`, readOnly.test(method) ? [DRIVE_READONLY_SCOPE, DRIVE_SCOPE] : [DRIVE_SCOPE]);
  };
  const rec = (method: string, cost: 'local' | 'drive' | 'driveCreate' = 'drive') => {
    auth(method);
    ctx.exec.record(SVC, method, cost);
  };
  const all = (kind: DriveItem['kind'], name?: string, mimeType?: string): DriveItem[] => {
    const s = d();
    return Object.values(s.items).filter(
      (it) =>
        it.kind === kind &&
        it.id !== s.rootId &&
        !isEffectivelyTrashed(s, it.id) &&
        (name === undefined || it.name === name) &&
        (mimeType === undefined || it.mimeType === mimeType),
    );
  };
  const files = (items: DriveItem[]) => new DriveIterator(ctx, items.map((it) => new DriveFile(ctx, d(), it.id)), 'FileIterator');
  const folders = (items: DriveItem[]) => new DriveIterator(ctx, items.map((it) => new DriveFolder(ctx, d(), it.id)), 'FolderIterator');
  return {
    Access: enumOf(['ANYONE', 'ANYONE_WITH_LINK', 'DOMAIN', 'DOMAIN_WITH_LINK', 'PRIVATE']),
    Permission: enumOf(['VIEW', 'EDIT', 'COMMENT', 'OWNER', 'ORGANIZER', 'FILE_ORGANIZER', 'NONE']),
    getRootFolder() {
      rec('getRootFolder');
      return new DriveFolder(ctx, d(), d().rootId);
    },
    getFolderById(id: unknown) {
      rec('getFolderById');
      const it = d().items[String(id)];
      if (!it || it.kind !== 'folder') return scriptFail(ctx, NOT_FOUND);
      return new DriveFolder(ctx, d(), it.id);
    },
    getFileById(id: unknown) {
      rec('getFileById');
      const it = d().items[String(id)];
      if (!it || it.kind !== 'file') return scriptFail(ctx, NOT_FOUND);
      return new DriveFile(ctx, d(), it.id);
    },
    getFiles() {
      rec('getFiles');
      return files(all('file'));
    },
    getFolders() {
      rec('getFolders');
      return folders(all('folder'));
    },
    getFilesByName(name: unknown) {
      rec('getFilesByName');
      return files(all('file', String(name)));
    },
    getFoldersByName(name: unknown) {
      rec('getFoldersByName');
      return folders(all('folder', String(name)));
    },
    getFilesByType(mimeType: unknown) {
      rec('getFilesByType');
      return files(all('file', undefined, String(mimeType)));
    },
    getTrashedFiles() {
      rec('getTrashedFiles');
      const s = d();
      return files(Object.values(s.items).filter((it) => it.kind === 'file' && isEffectivelyTrashed(s, it.id)));
    },
    getTrashedFolders() {
      rec('getTrashedFolders');
      const s = d();
      return folders(Object.values(s.items).filter((it) => it.kind === 'folder' && isEffectivelyTrashed(s, it.id)));
    },
    createFolder(name: unknown) {
      rec('createFolder', 'driveCreate');
      return createFolderIn(ctx, d(), d().rootId, name);
    },
    createFile(a: unknown, content?: unknown, mimeType?: unknown) {
      rec('createFile', 'driveCreate');
      return createFileIn(ctx, d(), d().rootId, a, content, mimeType);
    },
    getStorageUsed() {
      rec('getStorageUsed');
      return Object.values(d().items).reduce((n, it) => n + itemSize(it), 0);
    },
    getStorageLimit() {
      rec('getStorageLimit');
      return 15 * 1024 * 1024 * 1024;
    },
    toString() {
      return 'DriveApp';
    },
  };
}

export const driveService: ServiceModule = {
  name: 'drive',
  install: (ctx) => ({
    DriveApp: makeDriveApp(ctx),
    MimeType: Object.freeze({ ...MIME_TYPE }),
  }),
};
