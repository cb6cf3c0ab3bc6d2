import crypto from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { formatDatePattern, parseCsvText, utilitiesService } from '../src/services/utilities';

// Only the modules under test are installed; keep the registry (and its other services) out.
jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

const TZ = 'Asia/Jakarta';
// Monday 5 January 2026, 09:07:05.009 in Jakarta.
const AT = Date.UTC(2026, 0, 5, 2, 7, 5, 9);

function newSandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-util-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: TZ, runtimeVersion: 'V8' }));
  writeFileSync(
    path.join(dir, 'Code.js'),
    `
function fmt(ms, tz, pattern) { return Utilities.formatDate(new Date(ms), tz, pattern); }
function fmtString() { return Utilities.formatString.apply(null, arguments); }
function hmac(value, key) { return Utilities.computeHmacSha256Signature(value, key); }
function digest(alg, value) { return Utilities.computeDigest(Utilities.DigestAlgorithm[alg], value); }
function b64(data) { return Utilities.base64Encode(data); }
function b64ws(data) { return Utilities.base64EncodeWebSafe(data); }
function unb64(s) { return Utilities.base64Decode(s); }
function unb64ws(s) { return Utilities.base64DecodeWebSafe(s); }
function roundTripWebSafe(bytes) { var s = Utilities.base64EncodeWebSafe(bytes); return [s, Utilities.base64DecodeWebSafe(s)]; }
function csv(text, d) { return d === undefined ? Utilities.parseCsv(text) : Utilities.parseCsv(text, d); }
function blob() { var b = Utilities.newBlob('héllo', 'text/plain', 'a.txt'); return [b.getDataAsString(), b.getContentType(), b.getName(), b.getBytes().length]; }
function uuid() { return Utilities.getUuid(); }
function sleep(ms) { Utilities.sleep(ms); return Date.now(); }
function json() { var o = Utilities.jsonParse('{"a":[1,2]}'); return [o instanceof Object, o.a instanceof Array, Utilities.jsonStringify(o)]; }
function zipRoundTrip() {
  var z = Utilities.zip([Utilities.newBlob('one', 'text/plain', 'one.txt'), Utilities.newBlob('two two', 'text/plain', 'two.txt')], 'x.zip');
  return Utilities.unzip(z).map(function (b) { return b.getName() + '=' + b.getDataAsString(); });
}
function badFormat() { return Utilities.formatDate('2026-01-01', 'Asia/Jakarta', 'yyyy'); }
`,
  );
  return new Sandbox({ projectDir: dir, services: [utilitiesService], owner: 'owner@example.org', clockMs: AT });
}

const hex = (bytes: number[]) => bytes.map((b) => (b & 255).toString(16).padStart(2, '0')).join('');

describe('Utilities', () => {
  const sb = newSandbox();
  const run = (fn: string, ...args: unknown[]) => {
    const r = sb.run(fn, { args });
    if (!r.ok) throw new Error(r.error?.message);
    return r.value;
  };

  test('formatDate with SimpleDateFormat patterns in Asia/Jakarta', () => {
    expect(run('fmt', AT, TZ, 'yyyy-MM-dd HH:mm:ss')).toBe('2026-01-05 09:07:05');
    expect(run('fmt', AT, TZ, 'EEE, d MMM yyyy')).toBe('Mon, 5 Jan 2026');
    expect(run('fmt', AT, TZ, 'EEEE dd MMMM yy')).toBe('Monday 05 January 26');
    expect(run('fmt', AT, TZ, 'h:mm a')).toBe('9:07 AM');
    expect(run('fmt', AT + 12 * 3600000, TZ, 'hh a, H')).toBe('09 PM, 21');
    expect(run('fmt', AT, TZ, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2026-01-05T09:07:05.009+07:00');
    expect(run('fmt', AT, TZ, 'Z X z')).toBe('+0700 +07 WIB');
    expect(run('fmt', AT, TZ, "'at' HH 'o''clock'")).toBe("at 09 o'clock");
    expect(run('fmt', AT, 'UTC', 'HH:mm XXX')).toBe('02:07 Z');
    // 20:00 UTC is already the next day in Jakarta.
    expect(run('fmt', Date.UTC(2026, 0, 5, 20), TZ, 'yyyy-MM-dd HH:mm')).toBe('2026-01-06 03:00');
    expect(sb.run('fmt', { args: [AT, TZ, 'yyyy qq'] }).error?.message).toMatch(/Illegal pattern character 'q'/);
    expect(sb.run('badFormat').error?.message).toMatch(/don't match the method signature for Utilities.formatDate/);
  });

  test('formatDate agrees with Intl for many instants', () => {
    const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2026, 0, 1); ms += 86400000 * 3 + 3600000 * 7) {
      const expected = f.format(new Date(ms)).replace(',', '');
      expect(formatDatePattern(ms, 'America/New_York', 'yyyy-MM-dd HH:mm')).toBe(expected);
    }
  });

  test('formatString', () => {
    expect(run('fmtString', '%s has %d items costing %.2f', 'cart', 3, 4.5)).toBe('cart has 3 items costing 4.50');
    expect(run('fmtString', '%05d|%-4s|%4s|%%|%x', 42, 'ab', 'cd', 255)).toBe('00042|ab  |  cd|%|ff');
  });

  test('computeHmacSha256Signature returns signed bytes (RFC 4231 test case 2)', () => {
    const bytes = run('hmac', 'what do ya want for nothing?', 'Jefe') as number[];
    expect(hex(bytes)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(bytes).toHaveLength(32);
    expect(bytes.every((b) => Number.isInteger(b) && b >= -128 && b <= 127)).toBe(true);
    expect(bytes.some((b) => b < 0)).toBe(true);
    // Byte-array arguments give the same signature.
    const asBytes = (s: string) => [...Buffer.from(s)].map((b) => (b > 127 ? b - 256 : b));
    expect(run('hmac', asBytes('what do ya want for nothing?'), asBytes('Jefe'))).toEqual(bytes);
  });

  test('computeDigest', () => {
    expect(hex(run('digest', 'SHA_256', 'abc') as number[])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(run('digest', 'MD5', '') as number[])).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex(run('digest', 'SHA_1', 'abc') as number[])).toBe(crypto.createHash('sha1').update('abc').digest('hex'));
  });

  test('base64 and web-safe base64 round trips', () => {
    expect(run('b64', 'hello')).toBe('aGVsbG8=');
    expect(Buffer.from(run('unb64', 'aGVsbG8=') as number[]).toString()).toBe('hello');
    const bytes = [-5, -1, -2, 0, 127, -128];
    const [encoded, decoded] = run('roundTripWebSafe', bytes) as [string, number[]];
    expect(encoded).toBe(Buffer.from(bytes.map((b) => b & 255)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'));
    expect(encoded).toMatch(/^[A-Za-z0-9_=-]+$/);
    expect(decoded).toEqual(bytes);
    expect(run('b64ws', bytes)).toBe(encoded);
    expect(run('b64', bytes)).toMatch(/[+/]/);
    expect(sb.run('unb64', { args: [encoded] }).error?.message).toBe('Could not decode string.');
    expect(run('unb64ws', encoded.replace(/=+$/, ''))).toEqual(bytes);
  });

  test('parseCsv: quotes, escaped quotes, newlines inside quotes, other delimiters', () => {
    expect(run('csv', 'a,"b\nc","d ""q"""\r\n1,,3\n')).toEqual([
      ['a', 'b\nc', 'd "q"'],
      ['1', '', '3'],
    ]);
    expect(run('csv', 'x\ty\n"1\t2"\t3', '\t')).toEqual([
      ['x', 'y'],
      ['1\t2', '3'],
    ]);
    expect(parseCsvText('a\n\nb')).toEqual([['a'], [''], ['b']]);
  });

  test('newBlob, getUuid, jsonParse in the script realm, zip/unzip', () => {
    expect(run('blob')).toEqual(['héllo', 'text/plain', 'a.txt', 6]);
    const ids = new Set([run('uuid'), run('uuid')]);
    expect(ids.size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(run('json')).toEqual([true, true, '{"a":[1,2]}']);
    expect(run('zipRoundTrip')).toEqual(['one.txt=one', 'two.txt=two two']);
  });

  test('sleep charges modeled time (max 5 minutes)', () => {
    const r = sb.run('sleep', { args: [1500] });
    expect(r.value).toBeGreaterThanOrEqual(AT + 1500);
    expect(r.modeledMs).toBeGreaterThanOrEqual(1500);
    expect(sb.run('sleep', { args: [300001] }).ok).toBe(false);
  });
});
