/**
 * CacheService: script, user (per effective user) and document caches kept in state, expiring by
 * the sandbox clock. Limits from Google's reference: keys up to 250 characters, values up to
 * 100 KB, expiration 1 s to 21,600 s (6 h), default 600 s.
 */
import type { ServiceContext, ServiceModule } from '../service';
import { scriptObject, signatureError, fail } from './utilities';

export const MAX_KEY_LENGTH = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const DEFAULT_TTL_SECONDS = 600;
export const MAX_TTL_SECONDS = 21600;

interface Entry {
  value: string;
  expiresAtMs: number;
}
type Cache = Record<string, Entry>;

export interface CacheSlice {
  script: Cache;
  user: Record<string, Cache>;
  document: Cache;
}

const init = (): CacheSlice => ({ script: {}, user: {}, document: {} });

class SandboxCache {
  constructor(private readonly ctx: ServiceContext, private readonly cache: () => Cache, private readonly kind: string) {}

  private live(): Cache {
    const c = this.cache();
    const now = this.ctx.now();
    for (const [k, e] of Object.entries(c)) if (e.expiresAtMs <= now) delete c[k];
    return c;
  }
  private key(method: string, key: unknown): string {
    if (typeof key !== 'string') signatureError(this.ctx, `Cache.${method}`, [key]);
    if (key.length > MAX_KEY_LENGTH) fail(this.ctx, 'Argument too large: key');
    return key;
  }
  private entry(method: string, key: unknown, value: unknown, ttl: unknown): [string, Entry] {
    const k = this.key(method, key);
    if (value === null || value === undefined) signatureError(this.ctx, `Cache.${method}`, [key, value]);
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) fail(this.ctx, 'Argument too large: value');
    let seconds = ttl === undefined || ttl === null ? DEFAULT_TTL_SECONDS : Number(ttl);
    if (!Number.isFinite(seconds)) signatureError(this.ctx, `Cache.${method}`, [key, value, ttl]);
    // Apps Script keeps entries for at most 6 hours and at least 1 second.
    seconds = Math.min(MAX_TTL_SECONDS, Math.max(1, Math.floor(seconds)));
    return [k, { value: v, expiresAtMs: this.ctx.now() + seconds * 1000 }];
  }

  get(key: unknown): string | null {
    this.ctx.exec.record('CacheService', `${this.kind}.get`, 'cacheGet');
    const k = this.key('get', key);
    return this.live()[k]?.value ?? null;
  }
  getAll(keys: unknown): Record<string, string> {
    this.ctx.exec.record('CacheService', `${this.kind}.getAll`, 'cacheGet');
    if (!Array.isArray(keys)) signatureError(this.ctx, 'Cache.getAll', [keys]);
    const c = this.live();
    const out: Record<string, string> = {};
    for (const key of keys) {
      const k = this.key('getAll', key);
      if (c[k]) out[k] = c[k].value;
    }
    return scriptObject(this.ctx, out);
  }
  put(key: unknown, value: unknown, expirationInSeconds?: unknown): void {
    this.ctx.exec.record('CacheService', `${this.kind}.put`, 'cacheSet');
    const [k, e] = this.entry('put', key, value, expirationInSeconds);
    this.live()[k] = e;
  }
  putAll(values: unknown, expirationInSeconds?: unknown): void {
    this.ctx.exec.record('CacheService', `${this.kind}.putAll`, 'cacheSet');
    if (values === null || typeof values !== 'object') signatureError(this.ctx, 'Cache.putAll', [values]);
    const entries = Object.entries(values as Record<string, unknown>).map(([k, v]) => this.entry('putAll', k, v, expirationInSeconds));
    const c = this.live();
    for (const [k, e] of entries) c[k] = e;
  }
  remove(key: unknown): void {
    this.ctx.exec.record('CacheService', `${this.kind}.remove`, 'cacheSet');
    delete this.live()[this.key('remove', key)];
  }
  removeAll(keys: unknown): void {
    this.ctx.exec.record('CacheService', `${this.kind}.removeAll`, 'cacheSet');
    if (!Array.isArray(keys)) signatureError(this.ctx, 'Cache.removeAll', [keys]);
    const c = this.live();
    for (const key of keys) delete c[this.key('removeAll', key)];
  }
  toString(): string {
    return 'Cache';
  }
}

export const cacheService: ServiceModule = {
  name: 'cache',
  install(ctx: ServiceContext) {
    const data = () => ctx.slice('cache', init);
    const CacheService = {
      getScriptCache: () => new SandboxCache(ctx, () => data().script, 'script'),
      getUserCache: () => {
        const user = ctx.exec.effectiveUser;
        return new SandboxCache(ctx, () => (data().user[user] ??= {}), 'user');
      },
      getDocumentCache: () => new SandboxCache(ctx, () => data().document, 'document'),
    };
    return { CacheService };
  },
};
