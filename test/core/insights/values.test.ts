import { monthFromName, parseDateLoose, parseNumberLoose, tiktokIdDate } from '../../../src/core/insights';
import type { NumberHint } from '../../../src/core/insights';

describe('parseNumberLoose', () => {
  const table: Array<[string, NumberHint | undefined, number | null | 'invalid']> = [
    // plain and missing
    ['1234', undefined, 1234],
    ['0', undefined, 0],
    ['', undefined, null],
    ['  ', undefined, null],
    ['-', undefined, null],
    ['undefined', undefined, null],
    ['Undefined', 'id', null],
    ['N/A', undefined, null],
    ['—', undefined, null],
    // one separator followed by exactly 3 digits: thousands without a hint
    ['1.234', undefined, 1234],
    ['1,234', undefined, 1234],
    ['5,431', undefined, 5431],
    ['0.125', undefined, 0.125],
    ['.5', undefined, 0.5],
    // the hint decides the single-separator cases
    ['1.234', 'id', 1234],
    ['1.234', 'en', 1.234],
    ['1,234', 'id', 1.234],
    ['1,234', 'en', 1234],
    ['12,5', 'id', 12.5],
    ['12,5', undefined, 12.5],
    ['12,5', 'en', 12.5],
    ['3423.0', undefined, 3423],
    ['3423.0', 'id', 3423],
    ['3423.0', 'en', 3423],
    ['4321.5678', undefined, 4321.5678],
    // both separators: the last one is the decimal, whatever the hint
    ['1.234,5', undefined, 1234.5],
    ['1.234,5', 'en', 1234.5],
    ['1,234.5', undefined, 1234.5],
    ['1,234.5', 'id', 1234.5],
    ['12.345.678,90', 'id', 12345678.9],
    ['1,234,567', undefined, 1234567],
    ['1.234.567', 'en', 1234567],
    ['1 234 567', undefined, 1234567],
    ['1\u00a0234', undefined, 1234],
    // percent and sign
    ['12%', undefined, 0.12],
    ['12,5%', 'id', 0.125],
    ['5.12%', undefined, 0.0512],
    ['-28', undefined, -28],
    ['+7', undefined, 7],
    ['1.2E+05', undefined, 120000],
    // invalid
    ['12,3,4', undefined, 'invalid'],
    ['1.23.456', undefined, 'invalid'],
    ['1,234,5', undefined, 'invalid'],
    ['1.234,5,6', undefined, 'invalid'],
    ['1,2.3,4', undefined, 'invalid'],
    ['12abc', undefined, 'invalid'],
    ['1.', undefined, 'invalid'],
    ['abc', undefined, 'invalid'],
    ['%', undefined, 'invalid'],
  ];
  it.each(table)('%p with hint %p is %p', (text, hint, expected) => {
    expect(parseNumberLoose(text, hint)).toBe(expected);
  });

  it('passes numbers through and rejects non-finite ones', () => {
    expect(parseNumberLoose(42)).toBe(42);
    expect(parseNumberLoose(Number.NaN)).toBe('invalid');
    expect(parseNumberLoose(null)).toBeNull();
    expect(parseNumberLoose(undefined)).toBeNull();
  });
});

describe('parseDateLoose', () => {
  const table: Array<[string, { period?: string; slashOrder?: 'mdy' | 'dmy'; referenceDate?: string }, string | null]> = [
    // Meta: MM/DD/YYYY HH:mm
    ['09/01/2025 21:13', {}, '2025-09-01'],
    ['09/01/2025 21:13', { slashOrder: 'dmy' }, '2025-01-09'],
    ['25/09/2025', {}, '2025-09-25'],
    ['09/25/2025', { slashOrder: 'dmy' }, '2025-09-25'],
    ['10/28/2014 07:00:01 AM', {}, '2014-10-28'],
    // ISO, with and without an offset (converted to Asia/Jakarta)
    ['2025-09-20T00:00:00', {}, '2025-09-20'],
    ['2025-09-20', {}, '2025-09-20'],
    ['2025/09/20', {}, '2025-09-20'],
    ['2021-03-02 03:15 +0000', {}, '2021-03-02'],
    ['2021-03-15 19:30 +0000', {}, '2021-03-16'],
    ['2025-12-31T17:00:00Z', {}, '2026-01-01'],
    ['2025-12-31T16:59:59Z', {}, '2025-12-31'],
    ['2025-09-20T01:00:00+07:00', {}, '2025-09-20'],
    // English month names
    ['Sep 27, 2024', {}, '2024-09-27'],
    ['Sun, Nov 9, 2025', {}, '2025-11-09'],
    ['November 9, 2025', {}, '2025-11-09'],
    ['Sept 3 2024', {}, '2024-09-03'],
    // Indonesian month names
    ['27 Sep 2024', {}, '2024-09-27'],
    ['5 Januari 2026', {}, '2026-01-05'],
    ['2 Okt 2024', {}, '2024-10-02'],
    ['17 Agustus 2025', {}, '2025-08-17'],
    ['Minggu, 9 November 2025', {}, '2025-11-09'],
    ['1 Mei 2025 pukul 09.30', {}, '2025-05-01'],
    ['24 Des 2025', {}, '2025-12-24'],
    // no year: from the period (the year before when the month is after the period's)
    ['August 18', { period: '2025-08' }, '2025-08-18'],
    ['18 Agustus', { period: '2025-09' }, '2025-08-18'],
    ['December 30', { period: '2026-01' }, '2025-12-30'],
    ['January 2', { period: '2026-01' }, '2026-01-02'],
    ['February 29', { period: '2025-03' }, '2024-02-29'],
    // no year: nearest to the reference day
    ['December 30', { referenceDate: '2026-01-02' }, '2025-12-30'],
    ['January 2', { referenceDate: '2025-12-30', period: '2025-12' }, '2026-01-02'],
    // empty
    ['', {}, null],
    ['undefined', {}, null],
  ];
  it.each(table)('%p %p -> %p', (text, options, expected) => {
    expect(parseDateLoose(text, options)).toBe(expected);
  });

  it.each(['Nov 31, 2025', '02/30/2025', 'Lifetime', '31 Smarch 2025', '2025-13-01', '13/13/2025', 'tomorrow'])('%p is invalid', (text) => {
    expect(parseDateLoose(text)).toBe('invalid');
  });

  it('asks for a year when the text has none and no period is given', () => {
    expect(parseDateLoose('August 18')).toBe('needs-year');
    expect(parseDateLoose('18 Agustus', { period: 'bad' })).toBe('needs-year');
  });

  it('knows English and Indonesian month names', () => {
    expect(['Jan', 'Februari', 'Maret', 'apr', 'Mei', 'Juni', 'Juli', 'Agt', 'Sept', 'Okt', 'Nopember', 'Des'].map(monthFromName))
      .toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(monthFromName('Lifetime')).toBeNull();
  });
});

describe('tiktokIdDate', () => {
  it('reads the upload day from the top 32 bits of a TikTok video ID, in Jakarta time', () => {
    // 1756951929 s = 2025-09-04T02:12:09Z; 1757612400 s = 2025-09-11T17:40:00Z = 2025-09-12 00:40 WIB.
    expect(tiktokIdDate(String(BigInt(1756951929) * BigInt(4294967296) + BigInt(123456789)))).toBe('2025-09-04');
    expect(tiktokIdDate(String(BigInt(1757612400) * BigInt(4294967296) + BigInt(1)))).toBe('2025-09-12');
    expect(tiktokIdDate('7546051075822570773')).toBe('2025-09-04');
  });

  it('refuses what is not a plausible ID', () => {
    expect(tiktokIdDate('123')).toBeUndefined();
    expect(tiktokIdDate('abc')).toBeUndefined();
    expect(tiktokIdDate('1000000000000000000')).toBeUndefined();
  });
});
