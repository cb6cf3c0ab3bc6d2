/**
 * The document cache (CacheService.getDocumentCache) as a small store for reads that repeat across
 * executions: what onOpen and onEdit need on every run and that changes rarely (the language
 * setting, which sheet is which Siaran tab). Nothing here is trusted for a decision about who may
 * do what: a value is a hint that saves a read, dropped on every write that could change it (see
 * the callers) and expiring after CACHE_TTL_SECONDS at the latest.
 */

/** Apps Script keeps a cache entry at most 6 hours. */
export const CACHE_TTL_SECONDS = 21600;

/** Keys of the document cache. */
export const CACHE_KEYS = {
  /** The workbook's language setting ('id' or 'en'). */
  lang: 'siaran.lang',
  /** JSON { sheetId: tab key } of the workbook's Siaran tabs. */
  tabs: 'siaran.tabs',
} as const;

export interface CacheStore {
  /** One CacheService get; null when absent or expired. */
  get(key: string): string | null;
  /** One CacheService put. */
  put(key: string, value: string): void;
  /** One CacheService removeAll. */
  remove(keys: string[]): void;
}

const NO_CACHE: CacheStore = { get: () => null, put: () => undefined, remove: () => undefined };

/** The bound workbook's document cache (a store that keeps nothing when there is none). */
export function documentCache(): CacheStore {
  const c = CacheService.getDocumentCache();
  if (!c) return NO_CACHE;
  return {
    get: (key) => c.get(key),
    put: (key, value) => c.put(key, value, CACHE_TTL_SECONDS),
    remove: (keys) => c.removeAll(keys),
  };
}
