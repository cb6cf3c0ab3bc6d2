import fc from 'fast-check';
import { asSheetCell, asSheetText, sanitizeSheetText, stripControl } from '../../src/core/sheet-text';

describe('asSheetText', () => {
  test('prefixes an apostrophe before formula-like starts', () => {
    expect(asSheetText('=HYPERLINK("http://evil","klik")')).toBe('\'=HYPERLINK("http://evil","klik")');
    expect(asSheetText('+62 812 3456')).toBe("'+62 812 3456");
    expect(asSheetText('-5 poin')).toBe("'-5 poin");
    expect(asSheetText('@humas_mk')).toBe("'@humas_mk");
    expect(asSheetText('\t=1+1')).toBe("'\t=1+1");
    expect(asSheetText('\r=1+1')).toBe("'\r=1+1");
  });

  test('keeps a leading apostrophe of the text itself (Sheets would swallow it)', () => {
    expect(asSheetText("'Kutipan' hakim")).toBe("''Kutipan' hakim");
  });

  test('leaves ordinary text alone', () => {
    for (const s of ['', 'Sidang PUU 2026', ' =1+1', 'a=b', 'Rp1.500', '#Sidang', '日本', 'naskah\n=baris kedua']) {
      expect(asSheetText(s)).toBe(s);
    }
  });

  test('property: output never starts with a formula character, and dropping the prefix gives the input', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', ' ', '1') }), (s) => {
      const out = asSheetText(s);
      expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
      // What Sheets stores: a leading apostrophe is dropped.
      const stored = out.charAt(0) === "'" ? out.slice(1) : out;
      expect(stored).toBe(s);
    }), { numRuns: 2000 });
  });
});

describe('stripControl', () => {
  test('removes control characters but keeps line feeds and tabs', () => {
    expect(stripControl('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009Fg')).toBe('abcdefg');
    expect(stripControl('baris 1\nbaris\t2')).toBe('baris 1\nbaris\t2');
    expect(stripControl('\u000B\u000Cx')).toBe('x');
  });

  test('turns CRLF and lone CR into line feeds', () => {
    expect(stripControl('a\r\nb\rc')).toBe('a\nb\nc');
  });

  test('keeps non-control Unicode (emoji, ZWJ, accents)', () => {
    const s = 'Café 👨\u200D👩\u200D👧 日本 \u00A0x';
    expect(stripControl(s)).toBe(s);
  });

  test('property: no C0/C1 control except \\n and \\t survives', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      // eslint-disable-next-line no-control-regex
      expect(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(stripControl(s))).toBe(false);
    }), { numRuns: 2000 });
  });
});

describe('sanitizeSheetText / asSheetCell', () => {
  test('strips first, so a control character cannot hide a formula', () => {
    expect(sanitizeSheetText('\u0001=IMPORTXML("x")')).toBe('\'=IMPORTXML("x")');
    expect(sanitizeSheetText('\r=1')).toBe('\n=1'); // CR becomes a line feed, which does not start a formula
    expect(sanitizeSheetText('\u0000\u0000+1')).toBe("'+1");
  });

  test('non-strings pass through; null and undefined become empty', () => {
    const d = new Date(0);
    expect(asSheetCell(d)).toBe(d);
    expect(asSheetCell(42)).toBe(42);
    expect(asSheetCell(false)).toBe(false);
    expect(asSheetCell(null)).toBe('');
    expect(asSheetCell(undefined)).toBe('');
    expect(asSheetCell('=1+1')).toBe("'=1+1");
    expect(asSheetCell({ toString: () => '@x' })).toBe("'@x");
  });
});
