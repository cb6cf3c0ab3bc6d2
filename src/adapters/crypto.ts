/** Utilities' random ids and HMAC. */

export function uuid(): string {
  return Utilities.getUuid();
}

export function hmacSha256(message: string, secret: string): number[] {
  return Utilities.computeHmacSha256Signature(message, secret);
}
