/**
 * The kop logo an admin uploads: a PNG or JPEG of at most 1 MB, checked by its bytes (the type the
 * browser claims must match what the file is). Pure; the upload endpoint and the dialog use it.
 */
import { defineMessages } from './i18n';

export const LOGO_MAX_BYTES = 1024 * 1024;
export type LogoType = 'image/png' | 'image/jpeg';

export const LOGO_MESSAGES = defineMessages({
  empty: { id: 'Pilih berkas gambar logo terlebih dahulu.', en: 'Choose a logo image file first.' },
  tooBig: { id: 'Berkas logo {size} KB; batasnya 1024 KB (1 MB). Perkecil gambarnya lalu unggah lagi.', en: 'The logo file is {size} KB; the limit is 1024 KB (1 MB). Make the image smaller and upload it again.' },
  badType: { id: 'Logo harus berupa gambar PNG atau JPEG. Berkas "{name}" bukan PNG atau JPEG; simpan ulang sebagai PNG/JPEG lalu unggah lagi.', en: 'The logo must be a PNG or JPEG image. The file "{name}" is neither; save it again as PNG/JPEG and upload it again.' },
  badData: { id: 'Isi berkas logo tidak terbaca. Pilih berkasnya lagi lalu unggah ulang.', en: 'The logo file could not be read. Choose the file again and upload it again.' },
});

/** The image type the bytes are (by their signature), or null. */
export function sniffImage(bytes: ArrayLike<number>): LogoType | null {
  const b = (i: number) => bytes[i] & 255;
  if (bytes.length >= 8 && b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a && b(6) === 0x1a && b(7) === 0x0a) return 'image/png';
  if (bytes.length >= 3 && b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  return null;
}

/** Decoded length of a base64 text (without decoding it), or -1 when it is not base64. */
export function base64Length(text: string): number {
  const t = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return -1;
  const pad = t.endsWith('==') ? 2 : t.endsWith('=') ? 1 : 0;
  return (t.length / 4) * 3 - pad;
}

export type LogoProblem = { key: keyof typeof LOGO_MESSAGES; params?: Record<string, string | number> };

/** Checks the size first (before anything is decoded), then the declared type. */
export function checkLogoUpload(name: string, mimeType: string, base64: string): LogoProblem | null {
  if (!base64) return { key: 'empty' };
  const size = base64Length(base64);
  if (size < 0) return { key: 'badData' };
  if (size === 0) return { key: 'empty' };
  if (size > LOGO_MAX_BYTES) return { key: 'tooBig', params: { size: Math.ceil(size / 1024) } };
  if (mimeType !== 'image/png' && mimeType !== 'image/jpeg') return { key: 'badType', params: { name } };
  return null;
}

/** After decoding: the bytes must be the image type declared. */
export function checkLogoBytes(name: string, mimeType: string, bytes: ArrayLike<number>): LogoProblem | null {
  if (!bytes.length) return { key: 'empty' };
  if (bytes.length > LOGO_MAX_BYTES) return { key: 'tooBig', params: { size: Math.ceil(bytes.length / 1024) } };
  return sniffImage(bytes) === mimeType ? null : { key: 'badType', params: { name } };
}
