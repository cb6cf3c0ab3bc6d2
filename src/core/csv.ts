/**
 * RFC 4180 CSV reading for the insights import, plus the byte decoding the exports need.
 *
 * Pure: no Apps Script globals and no Node-only APIs (Apps Script has no TextDecoder or Buffer), so
 * bytes are decoded here by hand. Bytes may come as a Uint8Array, a number[] of 0..255, or the
 * signed bytes (-128..127) that Apps Script's `Blob.getBytes()` returns.
 *
 * Parsing rules (RFC 4180 plus what real exports do):
 * - records end at CRLF, LF or a lone CR; a final line break is optional;
 * - a field that starts with `"` is quoted: `""` inside it is one `"`, and line breaks and
 *   delimiters inside it are data (Meta captions span lines);
 * - lenient: inside a quoted field, a lone `"` that is not followed by the delimiter, a line break
 *   or the end is kept as data (TikTok writes `"Sidang "PUU" hari ini"` without doubling quotes);
 * - a quote that is never closed is reported in `errors` and the rest of the file becomes that field;
 * - an Excel hint line `sep=X` as the very first line sets the delimiter and is not a record;
 * - without a hint or an explicit delimiter, the delimiter is the most frequent of `,` `;` TAB
 *   outside quotes on the first line (comma on ties or when none occurs);
 * - a leading BOM (U+FEFF) is dropped;
 * - each record carries the 1-based physical line where it starts, for error messages.
 */

export type TextEncodingId = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingId;
}

export type ByteInput = ArrayLike<number>;

const REPLACEMENT = 0xfffd;

function byteAt(bytes: ByteInput, i: number): number {
  // Signed Java-style bytes (-128..127) and plain 0..255 both map to 0..255.
  return bytes[i] & 0xff;
}

function codePointsToString(units: number[]): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < units.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, units.slice(i, i + CHUNK));
  }
  return out;
}

/** UTF-8 to a string; invalid or truncated sequences become U+FFFD (as TextDecoder does). */
export function decodeUtf8(bytes: ByteInput, start = 0): string {
  const units: number[] = [];
  const n = bytes.length;
  let i = start;
  while (i < n) {
    const b0 = byteAt(bytes, i);
    if (b0 < 0x80) {
      units.push(b0);
      i += 1;
      continue;
    }
    // Lead byte: how many continuation bytes, its payload bits, and the range the first
    // continuation byte must be in (WHATWG Encoding: this rules out overlongs and surrogates).
    const need = b0 >= 0xc2 && b0 <= 0xdf ? 1 : b0 >= 0xe0 && b0 <= 0xef ? 2 : b0 >= 0xf0 && b0 <= 0xf4 ? 3 : 0;
    if (need === 0) {
      units.push(REPLACEMENT);
      i += 1;
      continue;
    }
    let cp = b0 & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    const lower = b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80;
    const upper = b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf;
    let j = 1;
    for (; j <= need; j++) {
      if (i + j >= n) break;
      const b = byteAt(bytes, i + j);
      const lo = j === 1 ? lower : 0x80;
      const hi = j === 1 ? upper : 0xbf;
      if (b < lo || b > hi) break;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (j <= need) {
      // One U+FFFD for the maximal valid prefix; the offending byte is read again.
      units.push(REPLACEMENT);
      i += j;
      continue;
    }
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
    } else {
      units.push(cp);
    }
    i += need + 1;
  }
  return codePointsToString(units);
}

/** UTF-16 (little or big endian) to a string; an odd trailing byte becomes U+FFFD. */
export function decodeUtf16(bytes: ByteInput, littleEndian: boolean, start = 0): string {
  const units: number[] = [];
  const n = bytes.length;
  let i = start;
  for (; i + 1 < n; i += 2) {
    const a = byteAt(bytes, i);
    const b = byteAt(bytes, i + 1);
    units.push(littleEndian ? a | (b << 8) : (a << 8) | b);
  }
  if (i < n) units.push(REPLACEMENT);
  return codePointsToString(units);
}

/**
 * Decodes an export's bytes. A BOM decides (EF BB BF UTF-8, FF FE UTF-16LE, FE FF UTF-16BE);
 * without one, text whose odd bytes are mostly zero in the first 64 bytes is read as UTF-16LE
 * (Meta's series files saved again without a BOM); everything else is UTF-8. The BOM is removed.
 */
export function decodeBytes(bytes: ByteInput): DecodedText {
  const n = bytes.length;
  const b0 = n > 0 ? byteAt(bytes, 0) : -1;
  const b1 = n > 1 ? byteAt(bytes, 1) : -1;
  const b2 = n > 2 ? byteAt(bytes, 2) : -1;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: decodeUtf8(bytes, 3), encoding: 'utf-8-bom' };
  if (b0 === 0xff && b1 === 0xfe) return { text: decodeUtf16(bytes, true, 2), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { text: decodeUtf16(bytes, false, 2), encoding: 'utf-16be' };
  const probe = Math.min(n - (n % 2), 64);
  if (probe >= 4) {
    let zeroOdd = 0;
    let zeroEven = 0;
    for (let i = 0; i < probe; i += 2) {
      if (byteAt(bytes, i) === 0) zeroEven++;
      if (byteAt(bytes, i + 1) === 0) zeroOdd++;
    }
    const pairs = probe / 2;
    if (zeroOdd >= pairs * 0.75 && zeroEven === 0) return { text: decodeUtf16(bytes, true, 0), encoding: 'utf-16le' };
  }
  return { text: decodeUtf8(bytes, 0), encoding: 'utf-8' };
}

/** Drops one leading U+FEFF. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface CsvRecord {
  /** 1-based physical line number where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvError {
  line: number;
  code: 'unterminated-quote';
}

export interface CsvParseResult {
  delimiter: string;
  /** True when the first line was an Excel `sep=` hint (it is not among the records). */
  sepHint: boolean;
  records: CsvRecord[];
  errors: CsvError[];
}

export interface CsvOptions {
  /** One character; when omitted: the `sep=` hint, else detected from the first line. */
  delimiter?: string;
}

const SEP_HINT = /^sep=(.)\s*$/i;

function firstLineOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/** The most frequent of `,` `;` TAB outside quotes in `line`; comma on ties or when none occurs. */
export function detectDelimiter(line: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c in counts) counts[c]++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

export function parseCsv(input: string, options: CsvOptions = {}): CsvParseResult {
  let text = stripBom(input);
  let line = 1;
  let sepHint = false;
  let delimiter = options.delimiter;
  const first = firstLineOf(text);
  const hint = SEP_HINT.exec(first);
  if (hint) {
    sepHint = true;
    delimiter = delimiter ?? hint[1];
    const rest = text.slice(first.length);
    text = rest.startsWith('\r\n') ? rest.slice(2) : rest.slice(1);
    line = 2;
  }
  if (delimiter === undefined) delimiter = detectDelimiter(firstLineOf(text));
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`CSV delimiter must be one character other than a quote or line break: ${JSON.stringify(delimiter)}`);
  }

  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  const n = text.length;
  let i = 0;
  let fields: string[] = [];
  let recordLine = line;
  let field = '';
  let atFieldStart = true;

  const endRecord = (): void => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    atFieldStart = true;
  };

  while (i < n) {
    const c = text[i];
    if (atFieldStart && c === '"') {
      const openLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const q = text[i];
        if (q === '"') {
          const next = text[i + 1];
          if (next === '"') {
            field += '"';
            i += 2;
            continue;
          }
          if (next === undefined || next === delimiter || next === '\r' || next === '\n') {
            i++;
            closed = true;
            break;
          }
          // Lenient: a quote followed by ordinary text is data (TikTok does not double quotes
          // inside titles: "Sidang "PUU" hari ini"). RFC 4180 input never has this.
          field += q;
          i++;
          continue;
        }
        if (q === '\r') {
          line++;
          if (text[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
            continue;
          }
        } else if (q === '\n') {
          line++;
        }
        field += q;
        i++;
      }
      if (!closed) errors.push({ line: openLine, code: 'unterminated-quote' });
      atFieldStart = false;
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  // A final record without a line break (TikTok exports have none); nothing after a final break.
  if (!atFieldStart || fields.length > 0 || field !== '') endRecord();
  return { delimiter, sepHint, records, errors };
}

/** True when every field is empty or whitespace (a blank line or a row of empty cells). */
export function isBlankRecord(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}
