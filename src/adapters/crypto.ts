/** Utilities' random ids (HMAC is plain TypeScript: src/core/sha256.ts). */

export function uuid(): string {
  return Utilities.getUuid();
}
