/**
 * Signed approval-link tokens.
 *
 *   token = base64url(UTF-8 JSON payload) + '.' + base64url(HMAC(payloadSegment, secret))
 *
 * The HMAC is injected (Siaran: hmacSha256Bytes of src/core/sha256.ts, the same bytes as Apps
 * Script's Utilities.computeHmacSha256Signature(message, secret), which returns them signed,
 * -128..127; either form is accepted; tests: node:crypto). The signature covers the exact payload
 * segment as sent, and base64url is decoded strictly (canonical, unpadded), so a token has exactly
 * one accepted spelling.
 *
 * What a valid token proves: whoever holds the secret issued this payload and it has not expired.
 * It does NOT prove that the link is used for the request the page is showing: the caller must
 * compare payload.req (and payload.items, payload.ap, payload.lvl) with what it is about to change,
 * and must consume payload.n once (under the script lock) so a link cannot be replayed.
 *
 * Secret rotation: verifyToken takes one secret or a list [current, previous, ...] and reports
 * the index of the secret that matched. Sign with the current secret only; keep the previous one
 * in the list until every link it signed has expired, then drop it. Dropping a secret invalidates
 * every outstanding link it signed.
 *
 * Pure: no Buffer, btoa, TextEncoder or crypto (Apps Script V8 has none of them).
 */

export type Hmac = (message: string, secret: string) => Uint8Array | ArrayLike<number>;

export interface TokenPayload {
  readonly v: 1;
  /** Request id (the approval request this link decides). */
  readonly req: string;
  /** Item ids within the request (optional; absent means the whole request). */
  readonly items?: readonly string[];
  /** Approver e-mail. */
  readonly ap: string;
  /** Approval level (1 = first approver, ...). */
  readonly lvl: number;
  /** Expiry, epoch ms: the token is expired when now >= exp. */
  readonly exp: number;
  /** Nonce, consumed once by the caller. */
  readonly n: string;
}

export type VerifyResult =
  | { ok: true; payload: TokenPayload; secretIndex: number }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

/** Tokens longer than this are rejected before any decoding. */
export const MAX_TOKEN_LENGTH = 2048;
const MAX_FIELD = 320;
const MAX_ITEMS = 100;
const MIN_SIGNATURE_BYTES = 16;

// ---------------------------------------------------------------------------------------------
// UTF-8 and base64url

/** UTF-8 bytes of a string; lone surrogates become U+FFFD (as TextEncoder does). */
export function utf8Encode(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      cp = 0xfffd;
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** Strict UTF-8 decoding: null for overlong forms, surrogates, code points > U+10FFFF or truncation. */
export function utf8Decode(bytes: ArrayLike<number>): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] & 255;
    let cp: number;
    let need: number;
    let min: number;
    if (b < 0x80) { cp = b; need = 0; min = 0; }
    else if (b >= 0xc2 && b <= 0xdf) { cp = b & 31; need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { cp = b & 15; need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { cp = b & 7; need = 3; min = 0x10000; }
    else return null;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return null;
      const c = bytes[i + k] & 255;
      if ((c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 63);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX: Record<string, number> = {};
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charAt(i)] = i;

/** base64url without padding. Byte values are taken `& 255`, so signed bytes are fine. */
export function base64urlEncode(bytes: ArrayLike<number>): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] & 255) << 16) | ((bytes[i + 1] & 255) << 8) | (bytes[i + 2] & 255);
    out += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63) + B64.charAt((n >> 6) & 63) + B64.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] & 255) << 16;
    out += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63);
  } else if (rest === 2) {
    const n = ((bytes[i] & 255) << 16) | ((bytes[i + 1] & 255) << 8);
    out += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63) + B64.charAt((n >> 6) & 63);
  }
  return out;
}

/**
 * Strict base64url decoding (no padding, no whitespace, unused trailing bits must be zero), so
 * every byte string has exactly one accepted encoding. Null when the text is not canonical.
 */
export function base64urlDecode(text: string): number[] | null {
  if (text.length % 4 === 1) return null;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (!Object.prototype.hasOwnProperty.call(B64_INDEX, ch)) return null;
    acc = ((acc << 6) | B64_INDEX[ch]) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/** base64url of the UTF-8 bytes of a string. */
export function base64urlEncodeText(text: string): string {
  return base64urlEncode(utf8Encode(text));
}

/** Inverse of base64urlEncodeText; null for non-canonical base64url or invalid UTF-8. */
export function base64urlDecodeText(text: string): string | null {
  const bytes = base64urlDecode(text);
  return bytes === null ? null : utf8Decode(bytes);
}

// ---------------------------------------------------------------------------------------------
// Comparison

/**
 * Constant-time equality of two strings or two byte arrays (bytes compared `& 255`). The time
 * depends only on the length of `b` (pass the expected value as b), never on where they differ.
 */
export function constantTimeEqual(a: string | ArrayLike<number>, b: string | ArrayLike<number>): boolean {
  const isStr = typeof a === 'string';
  if (isStr !== (typeof b === 'string')) return false;
  const at = (x: string | ArrayLike<number>, i: number): number =>
    typeof x === 'string' ? x.charCodeAt(i) : (x[i] & 255);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) {
    diff |= at(a, i < a.length ? i : 0) ^ at(b, i);
  }
  return diff === 0 && a.length === b.length;
}

// ---------------------------------------------------------------------------------------------
// Payload

function isShortString(x: unknown, max = MAX_FIELD): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= max && x.trim() === x;
}

/** The payload if `value` is a well-formed one (exact keys, right types), else null. */
export function checkPayload(value: unknown): TokenPayload | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  const allowed = ['v', 'req', 'items', 'ap', 'lvl', 'exp', 'n'];
  if (keys.some((k) => allowed.indexOf(k) < 0)) return null;
  if (o.v !== 1) return null;
  if (!isShortString(o.req) || !isShortString(o.ap) || !isShortString(o.n)) return null;
  if (typeof o.lvl !== 'number' || !Number.isInteger(o.lvl) || o.lvl < 1 || o.lvl > 99) return null;
  if (typeof o.exp !== 'number' || !Number.isSafeInteger(o.exp) || o.exp <= 0) return null;
  let items: string[] | undefined;
  if ('items' in o) {
    const raw = o.items;
    if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_ITEMS) return null;
    items = [];
    for (const it of raw) {
      if (!isShortString(it)) return null;
      items.push(it);
    }
  }
  const base = { v: 1 as const, req: o.req, ap: o.ap, lvl: o.lvl, exp: o.exp, n: o.n };
  return items ? { v: 1, req: o.req, items, ap: o.ap, lvl: o.lvl, exp: o.exp, n: o.n } : base;
}

function canonicalJson(p: TokenPayload): string {
  // Fixed key order, so equal payloads always produce the same token.
  const ordered: Record<string, unknown> = { v: p.v, req: p.req };
  if (p.items) ordered.items = p.items.slice();
  ordered.ap = p.ap;
  ordered.lvl = p.lvl;
  ordered.exp = p.exp;
  ordered.n = p.n;
  return JSON.stringify(ordered);
}

function signatureBytes(message: string, secret: string, hmac: Hmac): number[] {
  const raw = hmac(message, secret);
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) out.push(raw[i] & 255);
  return out;
}

function checkSecret(secret: unknown): void {
  if (typeof secret !== 'string' || secret.length < 16) {
    throw new RangeError('token secret must be a string of at least 16 characters');
  }
}

/** Sign a payload. Throws RangeError for an invalid payload or a secret shorter than 16 chars. */
export function signToken(payload: TokenPayload, secret: string, hmac: Hmac): string {
  checkSecret(secret);
  const checked = checkPayload(payload);
  if (!checked) throw new RangeError('invalid token payload');
  const body = base64urlEncodeText(canonicalJson(checked));
  const sig = signatureBytes(body, secret, hmac);
  if (sig.length < MIN_SIGNATURE_BYTES) throw new RangeError('hmac returned fewer than 16 bytes');
  const token = body + '.' + base64urlEncode(sig);
  if (token.length > MAX_TOKEN_LENGTH) throw new RangeError('token would exceed ' + MAX_TOKEN_LENGTH + ' characters');
  return token;
}

/**
 * Verify a token. Never throws for bad input: anything that is not a well-formed token is
 * 'malformed'; a well-formed token signed with none of the secrets is 'bad-signature'; a genuine
 * token with now >= exp is 'expired'. `secrets` is one secret or [current, previous, ...]; the
 * result says which one matched (see the rotation note at the top). Every secret is tried, so the
 * time taken does not reveal which one matched. Throws RangeError only for a bad secret
 * (a programming error, not bad input).
 */
export function verifyToken(token: unknown, secrets: string | readonly string[], hmac: Hmac, nowMs: number): VerifyResult {
  const list = typeof secrets === 'string' ? [secrets] : secrets.slice();
  if (!list.length) throw new RangeError('verifyToken needs at least one secret');
  list.forEach(checkSecret);
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return { ok: false, reason: 'malformed' };
  const dot = token.indexOf('.');
  const body = token.slice(0, dot);
  const sig = base64urlDecode(token.slice(dot + 1));
  const json = base64urlDecodeText(body);
  if (sig === null || json === null || sig.length < MIN_SIGNATURE_BYTES) return { ok: false, reason: 'malformed' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const payload = checkPayload(parsed);
  if (!payload) return { ok: false, reason: 'malformed' };
  let matched = -1;
  for (let i = 0; i < list.length; i++) {
    const expected = signatureBytes(body, list[i], hmac);
    if (constantTimeEqual(sig, expected) && matched < 0) matched = i;
  }
  if (matched < 0) return { ok: false, reason: 'bad-signature' };
  if (!(typeof nowMs === 'number' && nowMs < payload.exp)) return { ok: false, reason: 'expired' };
  return { ok: true, payload, secretIndex: matched };
}
