import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  base64urlDecode,
  base64urlDecodeText,
  base64urlEncode,
  base64urlEncodeText,
  constantTimeEqual,
  signToken,
  utf8Decode,
  utf8Encode,
  verifyToken,
  MAX_TOKEN_LENGTH,
  type Hmac,
  type TokenPayload,
} from '../../src/core/token';

const hmac: Hmac = (message, secret) => createHmac('sha256', secret).update(message, 'utf8').digest();
/** Like Utilities.computeHmacSha256Signature: signed bytes -128..127. */
const signedHmac: Hmac = (message, secret) => Array.from(createHmac('sha256', secret).update(message, 'utf8').digest(), (b) => (b > 127 ? b - 256 : b));

const SECRET = 'k3y-0123456789abcdef-current';
const OLD_SECRET = 'k3y-0123456789abcdef-previous';
const NOW = Date.UTC(2026, 1, 2, 3, 0);
const payload: TokenPayload = { v: 1, req: 'REQ-2026-02-001', items: ['IT-1', 'IT-2'], ap: 'kasubbag.humas@mkri.id', lvl: 2, exp: NOW + 3 * 86400000, n: 'c0ffee00-1234-4abc-9def-0123456789ab' };

describe('base64url and UTF-8', () => {
  test('known vectors (RFC 4648 test strings, url alphabet, no padding)', () => {
    const vectors: Array<[string, string]> = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, enc] of vectors) {
      expect(base64urlEncodeText(plain)).toBe(enc);
      expect(base64urlDecodeText(enc)).toBe(plain);
    }
    expect(base64urlEncode([0xfb, 0xff, 0xbf])).toBe('-_-_');
    expect(base64urlEncode([-5, -1, -65])).toBe('-_-_'); // signed bytes normalised with & 255
    expect(base64urlEncodeText('Sidang MK — 💬 café')).toBe(Buffer.from('Sidang MK — 💬 café', 'utf8').toString('base64url'));
  });

  test('rejects non-canonical and foreign input', () => {
    expect(base64urlDecode('Zh')).toBeNull(); // 'f' is Zg; Zh has non-zero trailing bits
    expect(base64urlDecode('Zg==')).toBeNull();
    expect(base64urlDecode('Z')).toBeNull();
    expect(base64urlDecode('Zm9v+')).toBeNull();
    expect(base64urlDecode('Zm 9v')).toBeNull();
    expect(base64urlDecodeText('_w')).toBeNull(); // byte 0xFF is not UTF-8
  });

  test('bytes round-trip and match Node for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
      const enc = base64urlEncode(bytes);
      expect(enc).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64urlDecode(enc)).toEqual(Array.from(bytes));
    }), { numRuns: 2000 });
  });

  test('UTF-8 encoding matches Node for any string, including lone surrogates', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 5 }), (s, t) => {
      const text = s + '\ud800' + t + '\udfff';
      expect(utf8Encode(text)).toEqual(Array.from(Buffer.from(text, 'utf8')));
      expect(utf8Decode(utf8Encode(s))).toBe(s);
    }), { numRuns: 800 });
  });

  test('strict UTF-8 decoding agrees with a fatal TextDecoder on random bytes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
      let expected: string | null;
      try {
        expected = decoder.decode(bytes);
      } catch {
        expected = null;
      }
      expect(utf8Decode(bytes)).toBe(expected);
    }), { numRuns: 5000 });
    expect(utf8Decode([0xc0, 0x80])).toBeNull(); // overlong NUL
    expect(utf8Decode([0xed, 0xa0, 0x80])).toBeNull(); // UTF-16 surrogate
    expect(utf8Decode([0xf4, 0x90, 0x80, 0x80])).toBeNull(); // > U+10FFFF
    expect(utf8Decode([0xe2, 0x82])).toBeNull(); // truncated
  });
});

describe('constantTimeEqual', () => {
  test('compares strings and bytes', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual([1, 2, 255], [1, 2, -1])).toBe(true);
    expect(constantTimeEqual([1, 2, 3], [1, 2])).toBe(false);
    expect(constantTimeEqual('ab', [97, 98])).toBe(false);
  });

  test('equals === on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
      expect(constantTimeEqual(a, b)).toBe(a === b);
      expect(constantTimeEqual(a, a)).toBe(true);
    }), { numRuns: 1000 });
  });
});

describe('signToken / verifyToken', () => {
  const token = signToken(payload, SECRET, hmac);

  test('round trip, with the format payload.signature', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'))).toEqual(payload);
    expect(verifyToken(token, SECRET, hmac, NOW)).toEqual({ ok: true, payload, secretIndex: 0 });
  });

  test('Apps Script style signed bytes give the same token', () => {
    expect(signToken(payload, SECRET, signedHmac)).toBe(token);
    expect(verifyToken(token, SECRET, signedHmac, NOW).ok).toBe(true);
  });

  test('items are optional and non-ASCII values survive', () => {
    const p: TokenPayload = { v: 1, req: 'REQ-7', ap: 'kabag@mkri.id', lvl: 1, exp: NOW + 1000, n: 'nonce-ü-😀' };
    const t = signToken(p, SECRET, hmac);
    expect(verifyToken(t, SECRET, hmac, NOW)).toEqual({ ok: true, payload: p, secretIndex: 0 });
  });

  test('expired at and after exp, valid just before', () => {
    expect(verifyToken(token, SECRET, hmac, payload.exp - 1).ok).toBe(true);
    expect(verifyToken(token, SECRET, hmac, payload.exp)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(token, SECRET, hmac, payload.exp + 86400000)).toEqual({ ok: false, reason: 'expired' });
  });

  test('wrong secret is a bad signature', () => {
    expect(verifyToken(token, 'another-secret-0123456789', hmac, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('secret rotation: [current, previous] accepts both and reports which matched', () => {
    const old = signToken(payload, OLD_SECRET, hmac);
    expect(verifyToken(old, [SECRET, OLD_SECRET], hmac, NOW)).toEqual({ ok: true, payload, secretIndex: 1 });
    expect(verifyToken(token, [SECRET, OLD_SECRET], hmac, NOW)).toEqual({ ok: true, payload, secretIndex: 0 });
    expect(verifyToken(old, [SECRET], hmac, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('a token for another request verifies; the caller must compare payload.req', () => {
    const other = signToken({ ...payload, req: 'REQ-2026-02-002' }, SECRET, hmac);
    const r = verifyToken(other, SECRET, hmac, NOW);
    expect(r.ok).toBe(true);
    // This is the check the caller must make before changing anything:
    expect(r.ok && r.payload.req === payload.req).toBe(false);
  });

  test('malformed input is rejected without throwing', () => {
    const [body, sig] = token.split('.');
    const signBody = (json: string): string => {
      const b = base64urlEncodeText(json);
      return b + '.' + base64urlEncode(hmac(b, SECRET));
    };
    const cases: unknown[] = [
      undefined, null, 42, {}, '', '.', body, body + '.', '.' + sig, token + '.' + sig, sig + '.' + body,
      ' ' + token, token + ' ', token + '\n', body + ' .' + sig, body + '.' + sig + '=', 'a'.repeat(MAX_TOKEN_LENGTH + 1),
      body + '.' + sig.slice(0, 10), // signature too short to be one
      signBody('not json'),
      signBody('{"v":2,"req":"R","ap":"a@b.c","lvl":1,"exp":9999999999999,"n":"x"}'),
      signBody('{"v":1,"req":"R","ap":"a@b.c","lvl":"1","exp":9999999999999,"n":"x"}'),
      signBody('{"v":1,"req":"R","ap":"a@b.c","lvl":1,"exp":9999999999999}'),
      signBody('{"v":1,"req":"","ap":"a@b.c","lvl":1,"exp":9999999999999,"n":"x"}'),
      signBody('{"v":1,"req":" R","ap":"a@b.c","lvl":1,"exp":9999999999999,"n":"x"}'),
      signBody('{"v":1,"req":"R","ap":"a@b.c","lvl":1,"exp":9999999999999,"n":"x","admin":true}'),
      signBody('{"v":1,"req":"R","items":[],"ap":"a@b.c","lvl":1,"exp":9999999999999,"n":"x"}'),
      signBody('{"v":1,"req":"R","items":["a",1],"ap":"a@b.c","lvl":1,"exp":9999999999999,"n":"x"}'),
      signBody('{"v":1,"req":"R","ap":"a@b.c","lvl":1.5,"exp":9999999999999,"n":"x"}'),
      signBody('[1,2,3]'),
      signBody('null'),
    ];
    for (const c of cases) {
      expect(() => verifyToken(c, SECRET, hmac, NOW)).not.toThrow();
      expect(verifyToken(c, SECRET, hmac, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  test('signing refuses bad payloads and weak secrets', () => {
    expect(() => signToken({ ...payload, lvl: 0 }, SECRET, hmac)).toThrow(RangeError);
    expect(() => signToken({ ...payload, req: '' }, SECRET, hmac)).toThrow(RangeError);
    expect(() => signToken(payload, 'short', hmac)).toThrow(RangeError);
    expect(() => verifyToken(token, [], hmac, NOW)).toThrow(RangeError);
    expect(() => signToken({ ...payload, items: Array.from({ length: 100 }, (_, i) => 'item-' + 'x'.repeat(20) + i) }, SECRET, hmac)).toThrow(/exceed/);
  });

  test('random payloads round-trip', () => {
    const field = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.length > 0);
    fc.assert(fc.property(field, fc.option(fc.array(field, { minLength: 1, maxLength: 4 }), { nil: undefined }), field, fc.integer({ min: 1, max: 99 }), field,
      (req, items, ap, lvl, n) => {
        const p: TokenPayload = items ? { v: 1, req, items, ap, lvl, exp: NOW + 1, n } : { v: 1, req, ap, lvl, exp: NOW + 1, n };
        expect(verifyToken(signToken(p, SECRET, hmac), SECRET, hmac, NOW)).toEqual({ ok: true, payload: p, secretIndex: 0 });
      }), { numRuns: 500 });
  });

  test('no mutation of a valid token is accepted (10,000 runs)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \n%é';
    const char = fc.integer({ min: 0, max: alphabet.length - 1 }).map((i) => alphabet.charAt(i));
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('flip' as const), pos: fc.nat(), ch: char }),
      fc.record({ op: fc.constant('insert' as const), pos: fc.nat(), ch: char }),
      fc.record({ op: fc.constant('delete' as const), pos: fc.nat() }),
      fc.record({ op: fc.constant('truncate' as const), pos: fc.nat() }),
      fc.record({ op: fc.constant('swap' as const) }),
      fc.record({ op: fc.constant('xorbit' as const), pos: fc.nat(), bit: fc.integer({ min: 0, max: 5 }) }),
    );
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
    const apply = (t: string, m: Mutation): string => {
      const pos = 'pos' in m ? m.pos % (t.length + 1) : 0;
      switch (m.op) {
        case 'flip': return t.slice(0, pos) + m.ch + t.slice(pos + 1);
        case 'insert': return t.slice(0, pos) + m.ch + t.slice(pos);
        case 'delete': return t.slice(0, pos) + t.slice(pos + 1);
        case 'truncate': return t.slice(0, pos);
        case 'swap': { const i = t.indexOf('.'); return i < 0 ? t : t.slice(i + 1) + '.' + t.slice(0, i); }
        case 'xorbit': {
          // Change one base64 digit by one bit: the subtle mutation (often only the last bits).
          const i = B64.indexOf(t.charAt(pos));
          return i < 0 ? t : t.slice(0, pos) + B64.charAt(i ^ (1 << m.bit)) + t.slice(pos + 1);
        }
      }
      return t;
    };
    let changed = 0;
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
      const mutated = ms.reduce(apply, token);
      const r = verifyToken(mutated, SECRET, hmac, NOW);
      if (mutated === token) {
        expect(r).toEqual({ ok: true, payload, secretIndex: 0 });
      } else {
        changed++;
        // Strict decoding makes every other spelling invalid, so acceptance would be a bug
        // (the weaker requirement, "never a different payload", follows from this).
        expect(r.ok).toBe(false);
      }
    }), { numRuns: 10000 });
    expect(changed).toBeGreaterThan(9000);
  });
});
