/**
 * PropertiesService: script, user (per effective user) and document property stores, kept in
 * state. Values are strings (other values are converted with String()). Limits from Google's
 * quotas page: 9 KB per value, 500 KB per store.
 */
import type { ServiceContext, ServiceModule } from '../service';
import { scriptArray, scriptObject, signatureError, fail } from './utilities';

/** 9 KB per value. */
export const MAX_VALUE_BYTES = 9 * 1024;
/** 500 KB per property store (keys and values). */
export const MAX_STORE_BYTES = 500 * 1024;

export const VALUE_TOO_LARGE = 'Argument too large: value';
export const STORE_FULL = 'You have exceeded the property storage quota. Please remove some properties and try again.';

type Store = Record<string, string>;

export interface PropertiesSlice {
  script: Store;
  /** Keyed by the effective user's email. */
  user: Record<string, Store>;
  document: Store;
}

const init = (): PropertiesSlice => ({ script: {}, user: {}, document: {} });

function storeBytes(store: Store): number {
  let n = 0;
  for (const [k, v] of Object.entries(store)) n += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
  return n;
}

class SandboxProperties {
  constructor(private readonly ctx: ServiceContext, private readonly store: () => Store, private readonly kind: string) {}

  private get(method: string): void {
    this.ctx.exec.record('PropertiesService', `${this.kind}.${method}`, 'propertiesGet');
  }
  private set(method: string): void {
    this.ctx.exec.record('PropertiesService', `${this.kind}.${method}`, 'propertiesSet');
  }
  private key(method: string, key: unknown): string {
    if (key === null || key === undefined) signatureError(this.ctx, `Properties.${method}`, [key]);
    return String(key);
  }
  /** Applies changes to a copy, checks the limits, then commits (nothing changes when a limit fails). */
  private commit(update: (draft: Store) => void): void {
    const current = this.store();
    const draft: Store = { ...current };
    update(draft);
    for (const v of Object.values(draft)) {
      if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) fail(this.ctx, VALUE_TOO_LARGE);
    }
    if (storeBytes(draft) > MAX_STORE_BYTES) fail(this.ctx, STORE_FULL);
    for (const k of Object.keys(current)) delete current[k];
    Object.assign(current, draft);
  }

  getProperty(key: unknown): string | null {
    this.get('getProperty');
    const k = this.key('getProperty', key);
    const store = this.store();
    return Object.prototype.hasOwnProperty.call(store, k) ? store[k] : null;
  }
  getProperties(): Store {
    this.get('getProperties');
    return scriptObject(this.ctx, { ...this.store() });
  }
  getKeys(): string[] {
    this.get('getKeys');
    return scriptArray(this.ctx, Object.keys(this.store()));
  }
  setProperty(key: unknown, value: unknown): SandboxProperties {
    this.set('setProperty');
    const k = this.key('setProperty', key);
    if (value === undefined) signatureError(this.ctx, 'Properties.setProperty', [key, value]);
    this.commit((d) => {
      d[k] = String(value);
    });
    return this;
  }
  setProperties(properties: unknown, deleteAllOthers?: unknown): SandboxProperties {
    this.set('setProperties');
    if (properties === null || typeof properties !== 'object') signatureError(this.ctx, 'Properties.setProperties', [properties]);
    const entries = Object.entries(properties as Record<string, unknown>);
    this.commit((d) => {
      if (deleteAllOthers === true) for (const k of Object.keys(d)) delete d[k];
      for (const [k, v] of entries) d[k] = String(v);
    });
    return this;
  }
  deleteProperty(key: unknown): SandboxProperties {
    this.set('deleteProperty');
    const k = this.key('deleteProperty', key);
    delete this.store()[k];
    return this;
  }
  deleteAllProperties(): SandboxProperties {
    this.set('deleteAllProperties');
    const store = this.store();
    for (const k of Object.keys(store)) delete store[k];
    return this;
  }
  toString(): string {
    return 'Properties';
  }
}

export const propertiesService: ServiceModule = {
  name: 'properties',
  install(ctx: ServiceContext) {
    const data = () => ctx.slice('properties', init);
    const PropertiesService = {
      getScriptProperties: () => new SandboxProperties(ctx, () => data().script, 'script'),
      getUserProperties: () => {
        const user = ctx.exec.effectiveUser;
        return new SandboxProperties(ctx, () => (data().user[user] ??= {}), 'user');
      },
      getDocumentProperties: () => new SandboxProperties(ctx, () => data().document, 'document'),
    };
    return { PropertiesService };
  },
};
