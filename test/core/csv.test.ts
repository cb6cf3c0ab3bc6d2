import * as fc from 'fast-check';
import { decodeBytes, decodeUtf16, decodeUtf8, detectDelimiter, isBlankRecord, parseCsv, stripBom } from '../../src/core/csv';

const fields = (text: string): string[][] => parseCsv(text).records.map((r) => r.fields);

/** Apps Script's Blob.getBytes() gives Java bytes: -128..127. */
const signed = (bytes: Uint8Array): number[] => Array.from(bytes, (b) => (b > 127 ? b - 256 : b));

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF and lone CR line ends', () => {
    expect(fields('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps the last record without a final line break, and empty trailing fields', () => {
    expect(fields('"a","b"\n"1","2"')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b,\n1,,')).toEqual([['a', 'b', ''], ['1', '', '']]);
    expect(fields('a\n""')).toEqual([['a'], ['']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = 'id,caption,n\r\n7,"Sidang Pleno\r\nPutusan ""final"", mengikat",3\r\n8,plain,4\r\n';
    const res = parseCsv(text);
    expect(res.records.map((r) => r.fields)).toEqual([
      ['id', 'caption', 'n'],
      ['7', 'Sidang Pleno\r\nPutusan "final", mengikat', '3'],
      ['8', 'plain', '4'],
    ]);
    // Physical line where each record starts: the caption spans lines 2-3.
    expect(res.records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(res.errors).toEqual([]);
  });

  it('gives blank lines as records of one empty field, which isBlankRecord spots', () => {
    const res = parseCsv('a,b\n\n1,2\n ,\n');
    expect(res.records.map((r) => r.fields)).toEqual([['a', 'b'], [''], ['1', '2'], [' ', '']]);
    expect(res.records.map((r) => isBlankRecord(r.fields))).toEqual([false, true, false, true]);
    expect(res.records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  it('takes the delimiter from an Excel sep= first line and does not return that line', () => {
    const res = parseCsv('sep=;\n"Facebook follows"\n"Date";"Primary"\n"2025-09-01T00:00:00";"14"\n');
    expect(res.sepHint).toBe(true);
    expect(res.delimiter).toBe(';');
    expect(res.records.map((r) => r.fields)).toEqual([['Facebook follows'], ['Date', 'Primary'], ['2025-09-01T00:00:00', '14']]);
    expect(res.records[0].line).toBe(2);
  });

  it('detects comma, semicolon or tab from the first line, ignoring quoted text', () => {
    expect(detectDelimiter('Tanggal;Jangkauan;Impresi')).toBe(';');
    expect(detectDelimiter('Date\tReach')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(detectDelimiter('Date')).toBe(',');
    expect(parseCsv('Tanggal;Jangkauan\n01/09/2025;"1.234,5"').records[1].fields).toEqual(['01/09/2025', '1.234,5']);
    expect(parseCsv('a,b;c', { delimiter: ';' }).records[0].fields).toEqual(['a,b', 'c']);
  });

  it('reports a quote that is never closed, with the line where it opened', () => {
    const res = parseCsv('a,b\n1,"open\n2,3\n');
    expect(res.errors).toEqual([{ line: 2, code: 'unterminated-quote' }]);
    expect(res.records[1].fields).toEqual(['1', 'open\n2,3\n']);
  });

  it('keeps an undoubled quote inside a quoted field as text (TikTok titles)', () => {
    expect(fields('"Kenalan sama "Sidang PUU" yuk!","12"')).toEqual([['Kenalan sama "Sidang PUU" yuk!', '12']]);
  });

  it('drops a leading BOM', () => {
    expect(fields('\ufeffPost ID,Reach\n1,2')[0]).toEqual(['Post ID', 'Reach']);
    expect(stripBom('\ufeffx')).toBe('x');
    expect(stripBom('x')).toBe('x');
  });

  it('rejects an unusable delimiter', () => {
    expect(() => parseCsv('a', { delimiter: '"' })).toThrow(/delimiter/);
    expect(() => parseCsv('a', { delimiter: ';;' })).toThrow(/delimiter/);
  });

  it('reads back any table written per RFC 4180 (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', ';', '"', '\n', '\r\n', 'é', '🏛') });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(table, fc.boolean(), (rows, finalBreak) => {
      const text = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n') + (finalBreak ? '\r\n' : '');
      const res = parseCsv(text, { delimiter: ',' });
      expect(res.errors).toEqual([]);
      expect(res.records.map((r) => r.fields)).toEqual(rows);
    }));
  });
});

describe('decodeBytes', () => {
  const sample = 'Sidang PUU: putusan “final” 🏛 — Mahkamah Konstitusi, é';

  it('reads UTF-8 without a BOM, including 3- and 4-byte characters', () => {
    const d = decodeBytes(new Uint8Array(Buffer.from(sample, 'utf8')));
    expect(d).toEqual({ text: sample, encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM and drops it', () => {
    const d = decodeBytes(new Uint8Array(Buffer.from(`\ufeff${sample}`, 'utf8')));
    expect(d).toEqual({ text: sample, encoding: 'utf-8-bom' });
  });

  it('reads the signed bytes Apps Script gives', () => {
    const bytes = signed(new Uint8Array(Buffer.from(`\ufeff${sample}`, 'utf8')));
    expect(bytes.some((b) => b < 0)).toBe(true);
    expect(decodeBytes(bytes)).toEqual({ text: sample, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16LE with a BOM, surrogate pairs included, plain or signed', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(sample, 'utf16le')]);
    expect(decodeBytes(bytes)).toEqual({ text: sample, encoding: 'utf-16le' });
    expect(decodeBytes(signed(bytes))).toEqual({ text: sample, encoding: 'utf-16le' });
  });

  it('reads UTF-16BE with a BOM', () => {
    const le = Buffer.from('sep=,\n"Views"', 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeBytes(new Uint8Array([0xfe, 0xff, ...be]))).toEqual({ text: 'sep=,\n"Views"', encoding: 'utf-16be' });
  });

  it('recognises UTF-16LE without a BOM from its zero high bytes', () => {
    const bytes = new Uint8Array(Buffer.from('"Date","Primary"\n"2025-09-01T00:00:00","14"', 'utf16le'));
    expect(decodeBytes(bytes).encoding).toBe('utf-16le');
    expect(decodeBytes(bytes).text).toBe('"Date","Primary"\n"2025-09-01T00:00:00","14"');
  });

  it('replaces invalid UTF-8 with U+FFFD like TextDecoder', () => {
    const cases = [
      [0x61, 0xff, 0x62],
      [0xc3],
      [0xe2, 0x82],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x28, 0xa1],
    ];
    const reference = new TextDecoder('utf-8', { ignoreBOM: true });
    for (const c of cases) expect(decodeUtf8(c)).toBe(reference.decode(new Uint8Array(c)));
  });

  it('matches the platform decoder on any text (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(decodeUtf8(new Uint8Array(Buffer.from(s, 'utf8')))).toBe(s);
      expect(decodeUtf16(new Uint8Array(Buffer.from(s, 'utf16le')), true)).toBe(s);
    }));
  });

  it('matches TextDecoder on arbitrary bytes, valid or not (property)', () => {
    const reference = new TextDecoder('utf-8', { ignoreBOM: true });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      expect(decodeUtf8(bytes)).toBe(reference.decode(bytes));
    }), { numRuns: 2000 });
  });

  it('decodes an empty input', () => {
    expect(decodeBytes([])).toEqual({ text: '', encoding: 'utf-8' });
  });
});
