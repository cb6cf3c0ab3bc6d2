/** Script properties as the KeyValueStore port, plus listing by prefix (for the mail queue). */
import type { KeyValueStore } from '../core/ports';

export interface PrefixStore extends KeyValueStore {
  /** Keys that start with `prefix`, sorted. */
  keys(prefix: string): string[];
}

export function scriptProperties(): PrefixStore {
  const p = PropertiesService.getScriptProperties();
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
  };
}

/**
 * The running user's own properties: private to that user (no editor of the workbook, and no other
 * user's execution, can read them). Siaran keeps the owner's sealing key here.
 */
export function userProperties(): KeyValueStore {
  const p = PropertiesService.getUserProperties();
  return {
    get: (key) => p.getProperty(key),
    set: (key, value) => {
      p.setProperty(key, value);
    },
    delete: (key) => {
      p.deleteProperty(key);
    },
  };
}
