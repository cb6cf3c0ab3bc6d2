import { base64Length, checkLogoBytes, checkLogoUpload, LOGO_MAX_BYTES, sniffImage } from '../../src/core/logo';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const GIF = Buffer.from('GIF89a', 'latin1');

describe('the kop logo upload check', () => {
  test('the image type comes from the bytes', () => {
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(JPEG)).toBe('image/jpeg');
    expect(sniffImage(GIF)).toBeNull();
    expect(sniffImage(PNG.subarray(0, 7))).toBeNull();
    // Signed bytes, as Apps Script's Utilities hand them over.
    expect(sniffImage(Array.from(JPEG).map((b) => (b > 127 ? b - 256 : b)))).toBe('image/jpeg');
  });

  test('base64 length without decoding; not base64 is -1', () => {
    expect(base64Length(PNG.toString('base64'))).toBe(PNG.length);
    expect(base64Length(Buffer.from('ab').toString('base64'))).toBe(2);
    expect(base64Length('***')).toBe(-1);
    expect(base64Length('abc')).toBe(-1);
  });

  test('size is refused before decoding; the declared type must be PNG or JPEG and match the bytes', () => {
    const limit = Buffer.alloc(LOGO_MAX_BYTES).toString('base64');
    const over = Buffer.alloc(LOGO_MAX_BYTES + 1).toString('base64');
    expect(checkLogoUpload('a.png', 'image/png', limit)).toBeNull();
    expect(checkLogoUpload('a.png', 'image/png', over)).toEqual({ key: 'tooBig', params: { size: 1025 } });
    expect(checkLogoUpload('a.png', 'image/png', '')).toEqual({ key: 'empty' });
    expect(checkLogoUpload('a.svg', 'image/svg+xml', PNG.toString('base64'))).toEqual({ key: 'badType', params: { name: 'a.svg' } });
    expect(checkLogoBytes('a.png', 'image/png', PNG)).toBeNull();
    expect(checkLogoBytes('a.jpg', 'image/jpeg', JPEG)).toBeNull();
    expect(checkLogoBytes('a.png', 'image/png', JPEG)).toEqual({ key: 'badType', params: { name: 'a.png' } });
    expect(checkLogoBytes('a.gif', 'image/png', GIF)).toEqual({ key: 'badType', params: { name: 'a.gif' } });
  });
});
