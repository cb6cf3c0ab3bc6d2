/**
 * Loose number reading for analytics exports written in English or Indonesian formats.
 *
 * parseNumberLoose(text, hint) returns a number, `null` for "no value", or 'invalid'.
 *
 * Rules, in order:
 * 1. Spaces, NBSP and narrow NBSP are removed ("1 234" = 1234).
 * 2. Missing (null, not an error): '', '-', '–', '—', 'undefined', 'null', 'n/a', 'na', 'nan',
 *    'none', 'tidak ada' (any case).
 * 3. A leading '+' or '-' sign is allowed. A trailing '%' divides by 100 ("12%" = 0.12,
 *    "12,5%" with hint 'id' = 0.125): rates are kept as fractions, like X's "engagement rate".
 * 4. Scientific notation as spreadsheets write it ("1.2E+05") is read as such.
 * 5. Otherwise only digits, '.' and ',' may remain, with a digit somewhere.
 * 6. Both '.' and ',' present: the one that occurs last is the decimal separator (exactly once),
 *    the other is the thousands separator. "1.234,5" = 1234.5 and "1,234.5" = 1234.5 whatever
 *    the hint (the shape is unambiguous).
 * 7. One kind of separator, several times ("1.234.567", "1,234,567"): thousands separators.
 * 8. One separator, once:
 *    - hint 'id': ',' is the decimal comma ("12,5" = 12.5); '.' followed by exactly 3 digits is a
 *      thousands dot ("1.234" = 1234), any other '.' can only be a decimal point ("3423.0" = 3423).
 *    - hint 'en': '.' is the decimal point ("1.234" = 1.234); ',' followed by exactly 3 digits is a
 *      thousands comma ("1,234" = 1234), any other ',' is a decimal comma ("12,5" = 12.5).
 *    - no hint: a separator followed by exactly 3 digits is a thousands separator ("1.234" and
 *      "1,234" are both 1234), unless the part before it is empty or "0" ("0.125" = 0.125); any
 *      other separator is decimal ("3423.0" = 3423, "12,5" = 12.5).
 * 9. Thousands groups must be well formed: 1-3 digits, then groups of exactly 3 ("12,3,4" and
 *    "1.23.456" are 'invalid'). A decimal separator must have digits after it.
 */
import type { NumberHint } from './types';

const MISSING = new Set(['', '-', '–', '—', 'undefined', 'null', 'n/a', 'na', 'nan', 'none', 'tidak ada']);

function groupsOk(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  if (!/^\d{1,3}$/.test(groups[0])) return false;
  for (let i = 1; i < groups.length; i++) if (!/^\d{3}$/.test(groups[i])) return false;
  return true;
}

function withThousands(intPart: string, sep: string, frac: string | null): number | 'invalid' {
  if (!groupsOk(intPart, sep)) return 'invalid';
  const digits = intPart.split(sep).join('');
  return Number(frac === null ? digits : `${digits}.${frac}`);
}

function readUnsigned(body: string, hint: NumberHint | undefined): number | 'invalid' {
  if (/^\d+(\.\d+)?[eE][+-]?\d+$/.test(body)) return Number(body);
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return 'invalid';
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot < 0 && lastComma < 0) return Number(body);

  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    const thou = dec === '.' ? ',' : '.';
    const at = body.lastIndexOf(dec);
    const intPart = body.slice(0, at);
    const frac = body.slice(at + 1);
    if (body.indexOf(dec) !== at || !/^\d+$/.test(frac)) return 'invalid';
    return withThousands(intPart, thou, frac);
  }

  const sep = lastDot >= 0 ? '.' : ',';
  const parts = body.split(sep);
  if (parts.length > 2) return withThousands(body, sep, null);
  const [intPart, frac] = parts;
  if (!/^\d+$/.test(frac)) return 'invalid';
  if (intPart !== '' && !/^\d+$/.test(intPart)) return 'invalid';
  const threeAfter = frac.length === 3;
  let thousands: boolean;
  if (hint === 'id') thousands = sep === '.' && threeAfter;
  else if (hint === 'en') thousands = sep === ',' && threeAfter;
  else thousands = threeAfter && intPart !== '' && intPart !== '0';
  if (thousands) return withThousands(body, sep, null);
  return Number(`${intPart === '' ? '0' : intPart}.${frac}`);
}

export function parseNumberLoose(text: string | number | null | undefined, hint?: NumberHint): number | null | 'invalid' {
  if (text === null || text === undefined) return null;
  if (typeof text === 'number') return Number.isFinite(text) ? text : 'invalid';
  let s = text.replace(/[\s\u00a0\u202f]+/g, '');
  if (MISSING.has(s.toLowerCase()) || MISSING.has(text.trim().toLowerCase())) return null;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  let scale = 1;
  if (s.endsWith('%')) {
    scale = 0.01;
    s = s.slice(0, -1);
  }
  const v = readUnsigned(s, hint);
  if (v === 'invalid' || !Number.isFinite(v)) return 'invalid';
  // Round away binary noise introduced by the percent scaling (12.3% -> 0.123, not 0.12300000000000001).
  const out = scale === 1 ? v : Number((v * scale).toPrecision(15));
  return sign * out === 0 ? 0 : sign * out;
}
