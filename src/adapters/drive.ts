/**
 * DriveApp for the report: the report folder and its year subfolders, moving a new Doc into a
 * folder, saving a PDF beside it, and trashing the files a rebuilt month replaces.
 */

type Folder = GoogleAppsScript.Drive.Folder;

/** A Drive folder, as the operations the report needs (each forwards one call). */
export class DriveFolder {
  /** @internal Adapters only. */
  constructor(private readonly folder: Folder) {}

  /** @internal For other adapters: the raw folder. */
  static raw(f: DriveFolder): Folder {
    return f.folder;
  }

  /** getId */
  id(): string {
    return this.folder.getId();
  }

  /** getName */
  name(): string {
    return this.folder.getName();
  }
}

export const REPORT_FOLDER_NAME = 'Siaran - Laporan Media Sosial';

/** The folder with this id when it exists and is not in the trash, else null. */
export function usableFolder(id: string): DriveFolder | null {
  if (!id) return null;
  try {
    const f = DriveApp.getFolderById(id);
    return f.isTrashed() ? null : new DriveFolder(f);
  } catch (_e) {
    return null;
  }
}

/**
 * The report folder: `configuredId` when usable; otherwise a new folder in My Drive (created: true,
 * so the caller writes its id back to the settings and says so in the Log).
 */
export function reportFolder(configuredId: string): { folder: DriveFolder; created: boolean } {
  const f = usableFolder(configuredId);
  if (f) return { folder: f, created: false };
  return { folder: new DriveFolder(DriveApp.createFolder(REPORT_FOLDER_NAME)), created: true };
}

/** The subfolder named `name` (e.g. the year), created when missing. */
export function subfolder(parentFolder: DriveFolder, name: string): DriveFolder {
  const parent = DriveFolder.raw(parentFolder);
  const it = parent.getFoldersByName(name);
  while (it.hasNext()) {
    const f = it.next();
    if (!f.isTrashed()) return new DriveFolder(f);
  }
  return new DriveFolder(parent.createFolder(name));
}

/**
 * An image file for the report's kop (Pengaturan "logo_kop"), or null (no logo): when it cannot be
 * read, is not a PNG, JPEG or GIF, or is private to its owner. The report is mailed to both heads,
 * so only an image already shared (with the domain or by link) may go into it: a file id typed into
 * Pengaturan cannot carry someone's private picture into the report.
 */
export function sharedImageBlob(id: string): GoogleAppsScript.Base.Blob | null {
  try {
    const file = DriveApp.getFileById(id);
    if (String(file.getSharingAccess()) === String(DriveApp.Access.PRIVATE)) return null;
    const blob = file.getBlob();
    return /^image\/(png|jpeg|gif)$/.test(blob.getContentType() ?? '') ? blob : null;
  } catch (_e) {
    return null;
  }
}

/** Moves a file (e.g. a Doc just created in My Drive) into `folder`. */
export function moveInto(fileId: string, folder: DriveFolder): void {
  const file = DriveApp.getFileById(fileId);
  file.moveTo(DriveFolder.raw(folder));
}

/** The Doc as a PDF file in `folder`, named `name`.pdf. Returns the PDF's id and URL. */
export function savePdf(docId: string, into: DriveFolder, name: string): { id: string; url: string } {
  const folder = DriveFolder.raw(into);
  const blob = DriveApp.getFileById(docId).getAs('application/pdf');
  blob.setName(`${name}.pdf`);
  const pdf = folder.createFile(blob);
  return { id: pdf.getId(), url: pdf.getUrl() };
}

/** Moves a file to the trash; false when it no longer exists. */
export function trashFile(id: string): boolean {
  if (!id) return false;
  try {
    const f = DriveApp.getFileById(id);
    if (!f.isTrashed()) f.setTrashed(true);
    return true;
  } catch (_e) {
    return false;
  }
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
