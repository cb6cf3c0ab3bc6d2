/**
 * The registry of the Drive files and folders Siaran made (a port: the storage behind it may move).
 *
 * Siaran touches in Drive only what is in here: the report rebuild trashes only the previous
 * report registered for the month, the template and the logo are used only when Siaran made them.
 * An id typed into a cell (Laporan, Pengaturan) is never trusted by itself.
 *
 * Storage: the running user's user properties (PropertiesService.getUserProperties()), which no
 * other user can read or write, not even an editor of the script's project. The owner's
 * executions (menu runs, installable triggers, the web app deployed "execute as me") therefore
 * keep the owner's registry. Under the drive.file scope a user's executions reach only the files
 * made in that user's executions, so a per-user registry matches what Drive allows anyway.
 *
 * One property per file (`siaran.drive.f.<id>` → kind) and one per month's report
 * (`siaran.drive.report.<YYYY-MM>` → {doc, pdf}), read together once per execution
 * (getProperties) and written one key at a time, or, inside registryBatch, all at once (one
 * setProperties) when the batch ends. A property value holds 9 KB and a store 500 KB, room for
 * thousands of files.
 */

/** What a registered file is for. */
export type MadeKind = 'folder' | 'report' | 'pdf' | 'records' | 'temp' | 'template' | 'logo' | 'archive' | 'base';

const FILE_PREFIX = 'siaran.drive.f.';
const REPORT_PREFIX = 'siaran.drive.report.';
const KINDS: MadeKind[] = ['folder', 'report', 'pdf', 'records', 'temp', 'template', 'logo', 'archive', 'base'];

export interface FileRegistry {
  /** The kind Siaran registered `id` as, or null when Siaran did not make it. */
  kindOf(id: string): MadeKind | null;
  /** True when Siaran made `id` (as `kind`, when given). */
  has(id: string, kind?: MadeKind): boolean;
  /** Registers a file or folder Siaran has just made. */
  add(id: string, kind: MadeKind): void;
  /** Forgets a file (e.g. once it is in the trash). */
  remove(id: string): void;
  /** The report (Doc and PDF ids) currently registered for a month, or null. */
  reportOf(period: string): { doc: string; pdf: string } | null;
  /** Records the month's current report. */
  setReport(period: string, doc: string, pdf: string): void;
}

let cached: { store: GoogleAppsScript.Properties.Properties; values: Record<string, string> } | null = null;
/** Registrations held by registryBatch, written when the outermost batch ends. */
let held: Record<string, string> | null = null;
let depth = 0;

function put(key: string, value: string): void {
  const c = load();
  c.values[key] = value;
  if (held) held[key] = value;
  else c.store.setProperty(key, value);
}

/**
 * Runs `fn` with the registrations it makes held, then writes them in ONE setProperties (also when
 * `fn` throws, so a file made before the error stays registered). Reads inside the batch see them.
 * A run cut before the batch ends leaves its files unregistered: Siaran then never touches them.
 */
export function registryBatch<T>(fn: () => T): T {
  if (depth === 0) held = {};
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    if (depth === 0) {
      flushRegistry();
      held = null;
    }
  }
}

/** Writes what the running batch holds now (one setProperties; none when nothing is held). */
export function flushRegistry(): void {
  if (!held || !Object.keys(held).length) return;
  const out = held;
  held = {};
  load().store.setProperties(out);
}

function load(): { store: GoogleAppsScript.Properties.Properties; values: Record<string, string> } {
  if (!cached) {
    const store = PropertiesService.getUserProperties();
    cached = { store, values: { ...store.getProperties() } };
  }
  return cached;
}

/** The running user's registry (read once per execution, on first use). */
export function fileRegistry(): FileRegistry {
  return {
    kindOf(id) {
      if (!id) return null;
      const v = load().values[FILE_PREFIX + id];
      return (KINDS as string[]).includes(v) ? (v as MadeKind) : null;
    },
    has(id, kind) {
      const k = this.kindOf(id);
      return k !== null && (kind === undefined || k === kind);
    },
    add(id, kind) {
      if (id) put(FILE_PREFIX + id, kind);
    },
    remove(id) {
      const c = load();
      if (!(FILE_PREFIX + id in c.values)) return;
      if (held) delete held[FILE_PREFIX + id];
      c.store.deleteProperty(FILE_PREFIX + id);
      delete c.values[FILE_PREFIX + id];
    },
    reportOf(period) {
      const raw = load().values[REPORT_PREFIX + period];
      if (!raw) return null;
      try {
        const v = JSON.parse(raw) as { doc?: unknown; pdf?: unknown };
        return { doc: typeof v.doc === 'string' ? v.doc : '', pdf: typeof v.pdf === 'string' ? v.pdf : '' };
      } catch (_e) {
        return null;
      }
    },
    setReport(period, doc, pdf) {
      put(REPORT_PREFIX + period, JSON.stringify({ doc, pdf }));
    },
  };
}
