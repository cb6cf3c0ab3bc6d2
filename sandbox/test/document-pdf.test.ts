import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { PNG } from 'pngjs';
import { Sandbox } from '../src/sandbox';
import { driveService, getFileContent, registerFile } from '../src/services/drive';
import { documentService } from '../src/services/document';
import { textToPdf, textWidth } from '../src/pdf';

function sandboxWith(code: string): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'document-pdf-test-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'code.js'), code);
  return new Sandbox({ projectDir: dir, services: [driveService, documentService] });
}

/** Checks the file structure: header, every xref offset pointing at its object, trailer, EOF. Returns the page count. */
function checkPdf(pdf: Buffer): number {
  const s = pdf.toString('latin1');
  expect(s.startsWith('%PDF-1.4\n')).toBe(true);
  expect(s.endsWith('%%EOF\n')).toBe(true);
  const startxref = /startxref\n(\d+)\n%%EOF\n$/.exec(s);
  expect(startxref).not.toBeNull();
  const xrefAt = Number(startxref![1]);
  expect(s.slice(xrefAt, xrefAt + 5)).toBe('xref\n');
  const head = /^xref\n0 (\d+)\n/.exec(s.slice(xrefAt));
  const size = Number(head![1]);
  const entries = s.slice(xrefAt + head![0].length).split('\n').slice(0, size);
  expect(entries[0]).toBe('0000000000 65535 f ');
  for (let n = 1; n < size; n++) {
    const m = /^(\d{10}) 00000 n $/.exec(entries[n]);
    expect(m).not.toBeNull();
    const off = Number(m![1]);
    expect(s.slice(off, off + `${n} 0 obj`.length)).toBe(`${n} 0 obj`);
  }
  expect(s).toMatch(new RegExp(`trailer\\n<< /Size ${size} /Root 1 0 R`));
  // Every stream's /Length matches its bytes.
  const streamRe = /<< \/Length (\d+) >>\nstream\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(s))) {
    const start = m.index + m[0].length;
    expect(s.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
  }
  const pages = (s.match(/\/Type \/Page /g) ?? []).length;
  expect(s).toContain(`/Count ${pages} `);
  return pages;
}

/** Text show operations: [font, size, x, text]. */
function shows(pdf: Buffer): Array<{ font: string; size: number; x: number; text: string }> {
  const out: Array<{ font: string; size: number; x: number; text: string }> = [];
  const re = /BT \/(F\d) ([\d.]+) Tf ([\d.-]+) [\d.-]+ Td \(((?:\\.|[^\\)])*)\) Tj ET/g;
  let m: RegExpExecArray | null;
  const s = pdf.toString('latin1');
  while ((m = re.exec(s))) {
    const text = m[4].replace(/\\([0-7]{3})/g, (_a, o: string) => String.fromCharCode(parseInt(o, 8))).replace(/\\(.)/g, '$1');
    out.push({ font: m[1], size: Number(m[2]), x: Number(m[3]), text });
  }
  return out;
}

const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

function extract(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pdf-')), 'x.pdf');
  writeFileSync(file, pdf);
  return execFileSync(pdftotext!, ['-layout', file, '-'], { encoding: 'utf8' });
}

const LONG = Array.from({ length: 60 }, (_x, i) => `kalimat${i}`).join(' ');

describe('PDF output', () => {
  test('a document exports as a valid PDF with headings, wrapping, tables and page breaks', () => {
    const sb = sandboxWith(`
      function go() {
        var doc = DocumentApp.create('Laporan');
        var body = doc.getBody();
        body.appendParagraph('Laporan Bulanan').setHeading(DocumentApp.ParagraphHeading.TITLE);
        body.appendParagraph('Ringkasan').setHeading(DocumentApp.ParagraphHeading.HEADING1);
        body.appendParagraph(${JSON.stringify(LONG)});
        body.appendListItem('Butir pertama');
        body.appendTable([['Kanal', 'Jumlah'], ['Instagram', '12']]);
        body.appendPageBreak();
        body.appendParagraph('Halaman kedua: caf\\u00e9 \\u2013 \\u4e16');
        doc.saveAndClose();
        var blob = doc.getAs('application/pdf');
        var file = DriveApp.createFile(blob);
        return { id: file.getId(), name: blob.getName(), type: blob.getContentType() };
      }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    const v = r.value as { id: string; name: string; type: string };
    expect(v.name).toBe('Laporan.pdf');
    expect(v.type).toBe('application/pdf');
    const pdf = getFileContent(sb.state, v.id)!.bytes;
    expect(checkPdf(pdf)).toBe(2);
    const ops = shows(pdf);
    // Headings are bold and larger than body text.
    const title = ops.find((o) => o.text === 'Laporan Bulanan')!;
    const body = ops.find((o) => o.text.startsWith('kalimat0'))!;
    expect(title.font).toBe('F2');
    expect(title.size).toBeGreaterThan(body.size);
    // The long paragraph wraps onto several lines, each within the right margin.
    const bodyLines = ops.filter((o) => o.text.includes('kalimat'));
    expect(bodyLines.length).toBeGreaterThan(2);
    for (const o of bodyLines) expect(o.x + textWidth(o.text, o.size, o.font === 'F2')).toBeLessThanOrEqual(595 - 64 + 0.01);
    expect(bodyLines.map((o) => o.text).join(' ')).toBe(LONG);
    // Table cells and a list bullet (WinAnsi 0x95); non-WinAnsi characters print as '?'.
    expect(ops.map((o) => o.text)).toEqual(expect.arrayContaining(['Kanal', 'Jumlah', 'Instagram', '12', '\x95']));
    expect(ops.map((o) => o.text)).toContain('Halaman kedua: caf\xe9 \x96 ?');
  });

  test('textToPdf paginates long text', () => {
    const lines = Array.from({ length: 120 }, (_x, i) => `Baris ${i + 1}`);
    const pdf = textToPdf('Judul (uji) \\ garis', lines);
    expect(checkPdf(pdf)).toBeGreaterThanOrEqual(2);
    const texts = shows(pdf).map((o) => o.text);
    expect(texts[0]).toBe('Judul (uji) \\ garis');
    expect(texts.slice(1)).toEqual(lines);
  });

  (pdftotext ? test : test.skip)('pdftotext reads the text back', () => {
    const sb = sandboxWith(`
      function go() {
        var doc = DocumentApp.create('Baca');
        doc.getBody().appendParagraph('Judul Dokumen').setHeading(DocumentApp.ParagraphHeading.HEADING1);
        doc.getBody().appendTable([['Kolom A', 'Kolom B'], ['nilai satu', 'nilai dua']]);
        doc.getBody().appendParagraph('Selesai.');
        return DriveApp.createFile(doc.getBlob()).getId();
      }`);
    const id = sb.run('go').value as string;
    const text = extract(getFileContent(sb.state, id)!.bytes);
    expect(text).toContain('Judul Dokumen');
    expect(text).toMatch(/Kolom A\s+Kolom B/);
    expect(text).toMatch(/nilai satu\s+nilai dua/);
    expect(text).toContain('Selesai.');
  });

  test('inline images (PNG with transparency, JPEG) are drawn at their size between the text', () => {
    // A 40x20 PNG: left half opaque red, right half transparent.
    const png = new PNG({ width: 40, height: 20 });
    for (let y = 0; y < 20; y++)
      for (let x = 0; x < 40; x++) {
        const i = 4 * (y * 40 + x);
        png.data[i] = 255;
        png.data[i + 3] = x < 20 ? 255 : 0;
      }
    const pngBytes = PNG.sync.write(png);
    const canvas = createCanvas(64, 32);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#0000ff';
    ctx.fillRect(0, 0, 64, 32);
    const jpegBytes = canvas.toBuffer('image/jpeg');
    const sb = sandboxWith(`
      function go(pngId, jpegId) {
        var doc = DocumentApp.create('Foto');
        var body = doc.getBody();
        body.appendParagraph('Sebelum');
        body.appendImage(DriveApp.getFileById(pngId).getBlob());
        body.appendParagraph('Foto: ').appendInlineImage(DriveApp.getFileById(jpegId).getBlob());
        body.appendParagraph('Sesudah');
        doc.saveAndClose();
        return DriveApp.createFile(doc.getAs('application/pdf')).getId();
      }`);
    const pngId = registerFile(sb.state, { name: 'a.png', mimeType: 'image/png', content: pngBytes });
    const jpegId = registerFile(sb.state, { name: 'b.jpg', mimeType: 'image/jpeg', content: jpegBytes });
    const r = sb.run('go', { args: [pngId, jpegId] });
    expect(r.error).toBeUndefined();
    const pdf = getFileContent(sb.state, r.value as string)!.bytes;
    expect(checkPdf(pdf)).toBe(1);
    const s = pdf.toString('latin1');
    // The image objects, with their streams.
    const objs = new Map<number, { dict: string; data: Buffer }>();
    const re = /(\d+) 0 obj\n<< (\/Type \/XObject [^]*?)\/Length (\d+) >>\nstream\n/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      const start = m.index + m[0].length;
      objs.set(Number(m[1]), { dict: m[2], data: pdf.subarray(start, start + Number(m[3])) });
      expect(s.slice(start + Number(m[3]), start + Number(m[3]) + 10)).toBe('\nendstream');
    }
    const images = [...objs.values()].filter((o) => !/DeviceGray/.test(o.dict));
    expect(images).toHaveLength(2);
    const [pngObj, jpegObj] = images;
    expect(pngObj.dict).toMatch(/\/Width 40 \/Height 20 .*\/ColorSpace \/DeviceRGB/);
    const rgb = inflateSync(pngObj.data);
    expect(rgb.length).toBe(40 * 20 * 3);
    expect([...rgb.subarray(0, 3)]).toEqual([255, 0, 0]);
    const maskId = Number(/\/SMask (\d+) 0 R/.exec(pngObj.dict)![1]);
    const alpha = inflateSync(objs.get(maskId)!.data);
    expect([alpha[0], alpha[19], alpha[20], alpha[39]]).toEqual([255, 255, 0, 0]);
    expect(jpegObj.dict).toMatch(/\/Width 64 \/Height 32 .*\/DCTDecode/);
    expect(Buffer.compare(jpegObj.data, jpegBytes)).toBe(0);
    // Both are drawn on the page at 96 px = 72 pt, and the page's resources name them.
    expect(s).toMatch(/\/XObject << \/Im1 \d+ 0 R \/Im2 \d+ 0 R >>/);
    const draws = [...s.matchAll(/q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm \/(Im\d) Do Q/g)].map((d) => ({
      w: Number(d[1]), h: Number(d[2]), x: Number(d[3]), y: Number(d[4]), name: d[5],
    }));
    expect(draws.map(({ w, h, name }) => ({ w, h, name }))).toEqual([
      { w: 30, h: 15, name: 'Im1' },
      { w: 48, h: 24, name: 'Im2' },
    ]);
    // The inline image follows its caption on the same line; text flows around the images in order.
    const ops = shows(pdf);
    const y = (t: string) => Number(new RegExp(`([\\d.]+) Td \\(${t}`).exec(s)![1]);
    const caption = ops.find((o) => o.text === 'Foto: ')!;
    expect(draws[1].x).toBeGreaterThan(caption.x + textWidth('Foto:', caption.size, false));
    expect(y('Sebelum')).toBeGreaterThan(draws[0].y + draws[0].h);
    expect(draws[0].y).toBeGreaterThan(draws[1].y + draws[1].h);
    expect(draws[1].y).toBeGreaterThan(y('Sesudah'));
  });

  test('an image that cannot be decoded is drawn as a grey box of its size', () => {
    const sb = sandboxWith(`
      function go() {
        var doc = DocumentApp.create('Rusak');
        doc.getBody().appendImage(DriveApp.createFile('x.png', 'not an image', 'image/png').getBlob());
        return DriveApp.createFile(doc.getAs('application/pdf')).getId();
      }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    const pdf = getFileContent(sb.state, r.value as string)!.bytes;
    checkPdf(pdf);
    const s = pdf.toString('latin1');
    expect(s).toMatch(/\/Type \/XObject \/Subtype \/Form \/BBox \[0 0 1 1\]/);
    expect(s).toMatch(/q 75 0 0 75 [\d.]+ [\d.]+ cm \/Im1 Do Q/);
  });

  test('a text blob converts to PDF via getAs', () => {
    const sb = sandboxWith(`
      function go() { return DriveApp.createFile(DriveApp.createFile('memo.html', '<h1>Memo</h1><p>Isi memo</p>', 'text/html').getBlob().getAs('application/pdf')).getId(); }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    const pdf = getFileContent(sb.state, r.value as string)!;
    expect(pdf.name).toBe('memo.pdf');
    checkPdf(pdf.bytes);
    expect(shows(pdf.bytes).map((o) => o.text)).toEqual(['Memo', 'Isi memo']);
  });
});
