import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { hmacSha256Bytes, hmacSha256Hex, sha256Hex } from '../../src/core/sha256';

describe('SHA-256 and HMAC-SHA256 in plain TypeScript', () => {
  it('match the FIPS 180-4 and RFC 4231 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    // RFC 4231 test case 2.
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('agree with Node on any text, key and length (emoji, Indonesian, long keys, block edges)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 150 }), (key, msg) => {
        expect(sha256Hex(msg)).toBe(createHash('sha256').update(msg, 'utf8').digest('hex'));
        expect(hmacSha256Hex(key, msg)).toBe(createHmac('sha256', Buffer.from(key, 'utf8')).update(msg, 'utf8').digest('hex'));
        expect(hmacSha256Bytes(key, msg)).toEqual([...createHmac('sha256', Buffer.from(key, 'utf8')).update(msg, 'utf8').digest()]);
      }),
      { numRuns: 300 },
    );
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1000]) expect(sha256Hex('x'.repeat(n))).toBe(createHash('sha256').update('x'.repeat(n)).digest('hex'));
  });
});
