/**
 * Drive for the report, under the drive.file scope: the report folder and its year subfolders,
 * moving a new Doc into a folder, saving a PDF beside it, trashing what a rebuilt month replaces,
 * the template Doc and the kop logo. Everything goes through the Drive advanced service (Drive API
 * v3), which works with drive.file (DriveApp needs the full, restricted drive scope): under it
 * Siaran reaches only the files it made (or a user picked). On top of that, each operation that
 * acts on an existing file first checks the registry (./registry.ts) of what Siaran made, so an id
 * read from a cell is never acted on by itself.
 */
import { fileRegistry, MadeKind } from './registry';

const FOLDER_MIME = 'application/vnd.google-apps.folder';
const DOC_MIME = 'application/vnd.google-apps.document';

/** The part of the Drive v3 advanced service Siaran uses (the `Drive` global). */
interface DriveFileMeta {
  id?: string;
  name?: string;
  mimeType?: string;
  parents?: string[];
  trashed?: boolean;
  webViewLink?: string;
}
interface DriveV3 {
  Files: {
    create(resource: DriveFileMeta, mediaData?: GoogleAppsScript.Base.Blob | null, optionalArgs?: Record<string, unknown>): DriveFileMeta;
    get(fileId: string, optionalArgs?: Record<string, unknown>): unknown;
    update(resource: DriveFileMeta, fileId: string, mediaData?: GoogleAppsScript.Base.Blob | null, optionalArgs?: Record<string, unknown>): DriveFileMeta;
    list(optionalArgs?: Record<string, unknown>): { files?: DriveFileMeta[]; nextPageToken?: string };
    copy(resource: DriveFileMeta, fileId: string, optionalArgs?: Record<string, unknown>): DriveFileMeta;
  };
}

function api(): DriveV3 {
  if (typeof Drive === 'undefined' || !Drive) throw new Error('The Drive advanced service (v3) is not enabled in appsscript.json.');
  return Drive as unknown as DriveV3;
}

function meta(id: string, fields: string): DriveFileMeta {
  return api().Files.get(id, { fields }) as DriveFileMeta;
}

/** A Drive folder Siaran made, as plain data (id and name). */
export class DriveFolder {
  /** @internal Adapters only. */
  constructor(
    private readonly folderId: string,
    private readonly folderName: string,
  ) {}

  id(): string {
    return this.folderId;
  }

  name(): string {
    return this.folderName;
  }
}

export const REPORT_FOLDER_NAME = 'Siaran - Laporan Media Sosial';

/** Registers a file Siaran has just made (e.g. a Doc from ReportDoc.create). */
export function registerMade(id: string, kind: MadeKind): void {
  fileRegistry().add(id, kind);
}

/** True when Siaran made `id` (as `kind`, when given). */
export function isSiaranFile(id: string, kind?: MadeKind): boolean {
  return fileRegistry().has(id, kind);
}

/**
 * The folder with this id when Siaran made it, it exists and is not in the trash, else null (one
 * Drive call; none for an id Siaran did not make).
 */
export function usableFolder(id: string): DriveFolder | null {
  if (!id || !fileRegistry().has(id, 'folder')) return null;
  try {
    const f = meta(id, 'id,name,mimeType,trashed');
    return f.trashed || f.mimeType !== FOLDER_MIME ? null : new DriveFolder(id, String(f.name ?? ''));
  } catch (_e) {
    return null;
  }
}

function createFolder(name: string, parentId?: string): DriveFolder {
  const f = api().Files.create({ name, mimeType: FOLDER_MIME, ...(parentId ? { parents: [parentId] } : {}) }, null, { fields: 'id,name' });
  const id = String(f.id);
  fileRegistry().add(id, 'folder');
  return new DriveFolder(id, String(f.name ?? name));
}

/**
 * The report folder: `configuredId` when Siaran made it and it is usable; otherwise a new folder
 * in My Drive (created: true, so the caller writes its id back to the settings and says so in the
 * Log).
 */
export function reportFolder(configuredId: string): { folder: DriveFolder; created: boolean } {
  const f = usableFolder(configuredId);
  if (f) return { folder: f, created: false };
  return { folder: createFolder(REPORT_FOLDER_NAME), created: true };
}

function quoted(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The subfolder named `name` (e.g. the year) that Siaran made in `parent`, created when missing.
 * `parentIsNew`: this execution has just made `parent`, so it holds nothing yet (no files.list).
 */
export function subfolder(parent: DriveFolder, name: string, parentIsNew = false): DriveFolder {
  if (parentIsNew) return createFolder(name, parent.id());
  const q = `${quoted(parent.id())} in parents and name = ${quoted(name)} and mimeType = '${FOLDER_MIME}' and trashed = false`;
  const found = api().Files.list({ q, fields: 'files(id,name)', pageSize: 10 }).files ?? [];
  const reg = fileRegistry();
  const mine = found.find((f) => f.id && reg.has(f.id, 'folder'));
  if (mine?.id) return new DriveFolder(mine.id, String(mine.name ?? name));
  return createFolder(name, parent.id());
}

/**
 * An image for the report's kop (Pengaturan "logo_kop"), or null (no logo): only the logo Siaran
 * stored from an upload (registered as 'logo'), when it can be read and is a PNG or JPEG. An id
 * of any other file is ignored, so a cell cannot carry someone's picture into the report.
 */
export function sharedImageBlob(id: string): GoogleAppsScript.Base.Blob | null {
  if (!id || !fileRegistry().has(id, 'logo')) return null;
  try {
    const m = meta(id, 'id,name,mimeType,trashed');
    if (m.trashed || !/^image\/(png|jpeg)$/.test(String(m.mimeType))) return null;
    const media = api().Files.get(id, { alt: 'media' });
    // Apps Script hands alt=media content back as a Blob; bytes or a string are accepted too.
    let blob: GoogleAppsScript.Base.Blob;
    if (media && typeof (media as GoogleAppsScript.Base.Blob).getBytes === 'function') blob = media as GoogleAppsScript.Base.Blob;
    else if (Array.isArray(media)) blob = Utilities.newBlob(media as number[], String(m.mimeType), String(m.name ?? 'logo'));
    else return null;
    return blob.getBytes().length ? blob.setContentType(String(m.mimeType)) : null;
  } catch (_e) {
    return null;
  }
}

/** The kop logo under its own name: see sharedImageBlob. */
export const logoImageBlob = sharedImageBlob;

/** Moves a file Siaran made (e.g. a Doc just created in My Drive) into `folder`. */
export function moveInto(fileId: string, folder: DriveFolder): void {
  if (!fileRegistry().has(fileId)) throw new Error(`Siaran did not make the file ${fileId}.`);
  const before = meta(fileId, 'parents').parents ?? [];
  api().Files.update({}, fileId, null, { addParents: folder.id(), removeParents: before.filter((p) => p !== folder.id()).join(','), fields: 'id' });
}

/**
 * The Doc as a PDF file in `folder`, named `name`.pdf (converted by DocumentApp, which the
 * documents scope allows; stored with Drive v3 and registered as `kind`). Returns its id and URL.
 */
export function savePdf(docId: string, into: DriveFolder, name: string, kind: MadeKind = 'pdf'): { id: string; url: string } {
  const blob = DocumentApp.openById(docId).getAs('application/pdf');
  blob.setName(`${name}.pdf`);
  const f = api().Files.create({ name: `${name}.pdf`, mimeType: 'application/pdf', parents: [into.id()] }, blob, { fields: 'id,webViewLink' });
  const id = String(f.id);
  fileRegistry().add(id, kind);
  return { id, url: String(f.webViewLink ?? `https://drive.google.com/file/d/${id}/view?usp=drivesdk`) };
}

/** What trashing a file did. */
export type TrashOutcome = 'trashed' | 'notSiaran' | 'missing';

/**
 * Moves a file Siaran made to the trash and forgets it. A file not in the registry is left alone
 * ('notSiaran'), whatever id a cell held; one Drive no longer has is 'missing'.
 */
export function trashOwnFile(id: string): TrashOutcome {
  const reg = fileRegistry();
  if (!id || !reg.has(id)) return 'notSiaran';
  try {
    api().Files.update({ trashed: true }, id, null, { fields: 'id' });
    reg.remove(id);
    return 'trashed';
  } catch (_e) {
    return 'missing';
  }
}

/** Moves a file Siaran made to the trash; false when it is not Siaran's or no longer exists. */
export function trashFile(id: string): boolean {
  return trashOwnFile(id) === 'trashed';
}

/** A new, empty Google Doc named `name` in `folder`, made and registered by Siaran as `kind`. */
export function createDocIn(folder: DriveFolder, name: string, kind: MadeKind): { id: string; url: string } {
  const f = api().Files.create({ name, mimeType: DOC_MIME, parents: [folder.id()] }, null, { fields: 'id,webViewLink' });
  const id = String(f.id);
  fileRegistry().add(id, kind);
  return { id, url: String(f.webViewLink ?? `https://docs.google.com/document/d/${id}/edit`) };
}

/**
 * A Drive copy of the Siaran-made Doc `sourceId` in `folder`, registered as `kind` (one files.copy;
 * under drive.file Siaran can copy only what it made). A copy keeps the source's header and footer,
 * with any page numbers a person put there.
 */
export function copyDocIn(sourceId: string, folder: DriveFolder, name: string, kind: MadeKind): { id: string; url: string } {
  const f = api().Files.copy({ name, parents: [folder.id()] }, sourceId, { fields: 'id,webViewLink' });
  const id = String(f.id);
  fileRegistry().add(id, kind);
  return { id, url: String(f.webViewLink ?? `https://docs.google.com/document/d/${id}/edit`) };
}

/** Stores uploaded bytes as a file in `folder`, registered as `kind`. Returns its id and URL. */
export function storeFile(folder: DriveFolder, name: string, mimeType: string, bytes: number[], kind: MadeKind): { id: string; url: string } {
  const blob = Utilities.newBlob(bytes, mimeType, name);
  const f = api().Files.create({ name, mimeType, parents: [folder.id()] }, blob, { fields: 'id,webViewLink' });
  const id = String(f.id);
  fileRegistry().add(id, kind);
  return { id, url: String(f.webViewLink ?? `https://drive.google.com/file/d/${id}/view?usp=drivesdk`) };
}

/** The month's report as registered by Siaran (never read from the Laporan tab). */
export function registeredReport(period: string): { doc: string; pdf: string } | null {
  return fileRegistry().reportOf(period);
}

/** Records the month's current report in the registry. */
export function registerReport(period: string, doc: string, pdf: string): void {
  fileRegistry().setReport(period, doc, pdf);
}

/** The id in a Docs/Drive URL (…/d/<id>/…, ?id=<id>), or the text itself when it looks like an id. */
export function idFromUrl(url: string): string {
  const t = String(url || '').trim();
  const m = /\/d\/([\w-]{10,})/.exec(t) || /[?&]id=([\w-]{10,})/.exec(t) || /\/folders\/([\w-]{10,})/.exec(t);
  if (m) return m[1];
  return /^[\w-]{10,}$/.test(t) ? t : '';
}

/** Document properties (per workbook): used for the remembered column mappings of the import. */
export function documentProperties(): { get(key: string): string | null; set(key: string, value: string): void } {
  const p = PropertiesService.getDocumentProperties();
  return {
    get: (key) => p.getProperty(key),
    set: (key, value) => {
      p.setProperty(key, value);
    },
  };
}

/** The bytes of a base64 text (Utilities.base64Decode), or null when it is not base64. */
export function decodeBase64(text: string): number[] | null {
  try {
    return Utilities.base64Decode(text.replace(/\s+/g, ''));
  } catch (_e) {
    return null;
  }
}
