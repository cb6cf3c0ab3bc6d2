/** Script and user properties as the KeyValueStore port, plus listing by prefix (for the mail queue). */
import type { KeyValueStore } from '../core/ports';

export interface PrefixStore extends KeyValueStore {
  /** Keys that start with `prefix`, sorted. */
  keys(prefix: string): string[];
  /** Sets several keys in one call (setProperties): all of them, or (a limit hit) none. */
  setAll(values: Record<string, string>): void;
  /** The keys that start with `prefix` and their values, in one call (getProperties). */
  entries(prefix: string): Array<[string, string]>;
}

function store(p: GoogleAppsScript.Properties.Properties): PrefixStore {
  return {
    get: (key) => p.getProperty(key),
    set: (key, value) => {
      p.setProperty(key, value);
    },
    delete: (key) => {
      p.deleteProperty(key);
    },
    keys: (prefix) =>
      p
        .getKeys()
        .filter((k) => k.indexOf(prefix) === 0)
        .sort(),
    setAll: (values) => {
      p.setProperties(values);
    },
    entries: (prefix) => {
      const all = p.getProperties();
      return Object.keys(all)
        .filter((k) => k.indexOf(prefix) === 0)
        .sort()
        .map((k): [string, string] => [k, all[k]]);
    },
  };
}

/**
 * Whether some script property's key starts with `prefix`, from ONE listing of the keys per
 * execution (getKeys): the "anything waiting?" check of each trigger job (held Log lines, held
 * mail, report requests), which each job made with a listing of its own. A snapshot: an entry
 * written after it waits for the next run, and the work itself reads the store afresh.
 */
let keySnapshot: string[] | null = null;
export function scriptKeysWaiting(prefix: string): boolean {
  if (!keySnapshot) keySnapshot = PropertiesService.getScriptProperties().getKeys();
  return keySnapshot.some((k) => k.indexOf(prefix) === 0);
}

/** Script properties: shared by every execution, readable and writable by every editor. */
export function scriptProperties(): PrefixStore {
  return store(PropertiesService.getScriptProperties());
}

/**
 * The running user's own properties: private to that user (no editor of the workbook, and no other
 * user's execution, can read them). Siaran keeps the owner's sealing and link keys here; the keeper
 * (the sealing key) and the links (their keys) both ask, so the few entries are read once per
 * execution, in one getProperties, and written through. Only this execution's writes change them
 * meanwhile: the owner's executions that write them (a first key, a rotation) hold the script lock.
 */
let own: Map<string, string | null> | null = null;
export function userProperties(): KeyValueStore & { fresh(key: string): string | null } {
  const p = PropertiesService.getUserProperties();
  const loaded = (): Map<string, string | null> => (own ??= new Map<string, string | null>(Object.entries(p.getProperties())));
  return {
    get: (key) => loaded().get(key) ?? null,
    set: (key, value) => {
      p.setProperty(key, value);
      loaded().set(key, value);
    },
    delete: (key) => {
      p.deleteProperty(key);
      loaded().set(key, null);
    },
    /** Read again (one getProperty): before making a key that was missing, in case another execution just made it. */
    fresh: (key) => {
      const v = p.getProperty(key);
      loaded().set(key, v);
      return v;
    },
  };
}
