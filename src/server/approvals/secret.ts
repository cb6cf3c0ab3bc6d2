/**
 * The signing secret for approval links and the token helpers bound to it. The store is the
 * owner's user properties (see env.ts): staff executions cannot read it, so only the owner's
 * executions mint or check a link. Rotating keeps the previous secrets so old links can be
 * recognised as "replaced" rather than "tampered"; they never decide anything.
 */
import { uuid } from '../../adapters/crypto';
import { hmacSha256Bytes } from '../../core/sha256';
import type { KeyValueStore } from '../../core/ports';
import { signToken, TokenPayload, verifyToken, VerifyResult } from '../../core/token';

export const SECRET_KEY = 'siaran.approval.secret';
export const PREVIOUS_SECRETS_KEY = 'siaran.approval.secret.previous';
const KEEP_PREVIOUS = 3;

export function randomToken(): string {
  return uuid().replace(/-/g, '');
}

export function newSecret(): string {
  return randomToken() + randomToken();
}

/** HMAC-SHA256 in plain TypeScript (the same bytes Utilities.computeHmacSha256Signature gives): no service call per link. */
export function hmac(message: string, secret: string): number[] {
  return hmacSha256Bytes(secret, message);
}

/**
 * Moves a secret that an older Siaran kept in script properties (which every editor can read) out
 * of there, once, before the owner's store has a key of its own: it becomes a "previous" secret
 * in the owner's store (its links show "replaced", never decide) and is deleted from script
 * properties.
 */
export function adoptLegacySecret(script: KeyValueStore, own: KeyValueStore): void {
  // Once the owner holds a key, script properties are never looked at again (a key planted there
  // later means nothing).
  if (hasSecret(own)) return;
  const legacy = script.get(SECRET_KEY);
  if (!legacy) return;
  const prev = [legacy, ...previousSecrets(script), ...previousSecrets(own)].filter((x, i, a) => x.length >= 16 && a.indexOf(x) === i);
  own.set(PREVIOUS_SECRETS_KEY, JSON.stringify(prev.slice(0, KEEP_PREVIOUS)));
  script.delete(SECRET_KEY);
  script.delete(PREVIOUS_SECRETS_KEY);
}

/** Whether the store holds a usable secret (one read, no write). */
export function hasSecret(store: KeyValueStore): boolean {
  const s = store.get(SECRET_KEY);
  return !!s && s.length >= 16;
}

/** The current secret, created if missing. */
export function ensureSecret(store: KeyValueStore): string {
  const s = store.get(SECRET_KEY);
  if (s && s.length >= 16) return s;
  const fresh = newSecret();
  store.set(SECRET_KEY, fresh);
  return fresh;
}

export function previousSecrets(store: KeyValueStore): string[] {
  try {
    const v = JSON.parse(store.get(PREVIOUS_SECRETS_KEY) || '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length >= 16) : [];
  } catch {
    return [];
  }
}

/** Replaces the secret; the old one is kept (up to 3) only to recognise replaced links. */
export function rotateSecret(store: KeyValueStore): void {
  const old = store.get(SECRET_KEY);
  const prev = previousSecrets(store);
  if (old && old.length >= 16) prev.unshift(old);
  store.set(PREVIOUS_SECRETS_KEY, JSON.stringify(prev.slice(0, KEEP_PREVIOUS)));
  store.set(SECRET_KEY, newSecret());
}

export function sign(store: KeyValueStore, payload: TokenPayload): string {
  return signToken(payload, ensureSecret(store), hmac);
}

/** Verifies against the current secret and the previous ones; secretIndex > 0 means replaced. */
export function verify(store: KeyValueStore, token: unknown, now: number): VerifyResult | { ok: false; reason: 'no-secret' } {
  const current = store.get(SECRET_KEY);
  if (!current || current.length < 16) return { ok: false, reason: 'no-secret' };
  return verifyToken(token, [current, ...previousSecrets(store)], hmac, now);
}
