import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { Sandbox } from '../src/sandbox';
import { driveService, listFiles, registerFile } from '../src/services/drive';
import { documentService, renderDocumentHtml, renderDocumentText } from '../src/services/document';

function sandboxWith(code: string): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'document-test-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'code.js'), code);
  return new Sandbox({ projectDir: dir, owner: 'owner@example.org', clockMs: Date.UTC(2024, 4, 1), services: [driveService, documentService] });
}

/** The first bytes of a PNG: signature and an IHDR chunk declaring width x height. */
function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 6;
  return b;
}

const BUILD = `
  function build(imageId) {
    var doc = DocumentApp.create('Laporan Mei');
    var body = doc.getBody();
    body.getChild(0).asParagraph().setText('Laporan Kegiatan').setHeading(DocumentApp.ParagraphHeading.TITLE)
      .setAlignment(DocumentApp.HorizontalAlignment.CENTER);
    body.appendParagraph('A. Pendahuluan').setHeading(DocumentApp.ParagraphHeading.HEADING1);
    var p = body.appendParagraph('Kepada {{nama}}, terima kasih.');
    p.appendText(' Bagian tebal').setBold(true);
    body.appendListItem('Satu');
    body.appendListItem('Sub satu').setNestingLevel(1);
    body.appendListItem('Dua');
    body.appendParagraph('Langkah:');
    body.appendListItem('Pertama').setGlyphType(DocumentApp.GlyphType.NUMBER);
    body.appendListItem('Kedua');
    var t = body.appendTable([['Kanal', 'Jumlah'], ['Instagram', '12'], ['X', '5']]);
    t.getCell(0, 0).setBackgroundColor('#dddddd');
    t.getRow(0).getCell(1).editAsText().setBold(true);
    var img = body.appendImage(DriveApp.getFileById(imageId).getBlob());
    img.setWidth(img.getWidth() / 2);
    body.appendPageBreak();
    body.appendParagraph('Halaman dua, nama {{nama}}.');
    body.appendParagraph('Situs').setLinkUrl('https://example.org/info');
    doc.addHeader().setText('Kop surat');
    doc.addFooter().setText('Halaman kaki');
    body.replaceText('{{nama}}', 'Budi');
    doc.saveAndClose();
    return doc.getId();
  }
`;

describe('DocumentApp', () => {
  test('builds a document; text rendering shows headings, lists, table, image, page break, header and footer', () => {
    const sb = sandboxWith(BUILD);
    const imageId = registerFile(sb.state, { name: 'logo.png', mimeType: 'image/png', content: pngHeader(80, 40) });
    const r = sb.run('build', { args: [imageId] });
    expect(r.error).toBeUndefined();
    const id = r.value as string;
    expect(renderDocumentText(sb.state, id).split('\n')).toEqual([
      'Kop surat',
      '',
      'Laporan Kegiatan',
      'A. Pendahuluan',
      'Kepada Budi, terima kasih. Bagian tebal',
      '- Satu',
      '  - Sub satu',
      '- Dua',
      'Langkah:',
      '1. Pertama',
      '2. Kedua',
      'Kanal\tJumlah',
      'Instagram\t12',
      'X\t5',
      '[image]',
      '\f',
      'Halaman dua, nama Budi.',
      'Situs',
      '',
      'Halaman kaki',
    ]);
    const file = listFiles(sb.state).find((f) => f.id === id);
    expect(file).toMatchObject({ name: 'Laporan Mei', mimeType: 'application/vnd.google-apps.document', url: `https://docs.google.com/document/d/${id}/edit` });
  });

  test('HTML rendering carries structure and formatting', () => {
    const sb = sandboxWith(BUILD);
    const imageId = registerFile(sb.state, { name: 'logo.png', mimeType: 'image/png', content: pngHeader(80, 40) });
    const id = sb.run('build', { args: [imageId] }).value as string;
    const html = renderDocumentHtml(sb.state, id);
    const root = parse(html);
    expect(root.querySelector('title')?.text).toBe('Laporan Mei');
    const title = root.querySelector('h1.title');
    expect(title?.text).toBe('Laporan Kegiatan');
    expect(title?.getAttribute('style')).toContain('text-align:center');
    expect(root.querySelectorAll('h1').map((h) => h.text)).toEqual(['Laporan Kegiatan', 'A. Pendahuluan']);
    expect(root.querySelector('strong')?.text).toBe(' Bagian tebal');
    const ul = root.querySelector('ul');
    expect(ul?.querySelectorAll('li').map((li) => li.text)).toEqual(['SatuSub satu', 'Sub satu', 'Dua']);
    expect(root.querySelector('ol')?.querySelectorAll('li').map((li) => li.text)).toEqual(['Pertama', 'Kedua']);
    const rows = root.querySelectorAll('table tr');
    expect(rows.map((tr) => tr.querySelectorAll('td').map((td) => td.text))).toEqual([['Kanal', 'Jumlah'], ['Instagram', '12'], ['X', '5']]);
    expect(rows[0].querySelector('td')?.getAttribute('style')).toContain('background:#dddddd');
    expect(rows[0].querySelectorAll('td')[1].querySelector('strong')?.text).toBe('Jumlah');
    const img = root.querySelector('img');
    expect(img?.getAttribute('src')).toBe(`data:image/png;base64,${pngHeader(80, 40).toString('base64')}`);
    expect(img?.getAttribute('width')).toBe('40');
    expect(img?.getAttribute('height')).toBe('40');
    expect(root.querySelectorAll('hr.page-break')).toHaveLength(1);
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://example.org/info');
    expect(root.querySelector('header')?.text.trim()).toBe('Kop surat');
    expect(root.querySelector('footer')?.text.trim()).toBe('Halaman kaki');
  });

  test('reopening by id and url, element navigation, findText and styles within a Text', () => {
    const sb = sandboxWith(`
      function make() {
        var doc = DocumentApp.create('Surat');
        doc.getBody().appendParagraph('Nomor: {{nomor}} / {{nomor}}');
        return doc.getId();
      }
      function inspect(id) {
        var doc = DocumentApp.openByUrl('https://docs.google.com/document/d/' + id + '/edit');
        var body = doc.getBody();
        var found = body.findText('\\\\{\\\\{nomor\\\\}\\\\}');
        var next = body.findText('\\\\{\\\\{nomor\\\\}\\\\}', found);
        var text = found.getElement().asText();
        text.setBold(found.getStartOffset(), found.getEndOffsetInclusive(), true);
        var para = body.getChild(1);
        return {
          name: DocumentApp.openById(id).getName(),
          children: body.getNumChildren(),
          type: String(para.getType()),
          isParagraph: para.getType() == DocumentApp.ElementType.PARAGRAPH,
          start: found.getStartOffset(), end: found.getEndOffsetInclusive(), nextStart: next.getStartOffset(),
          bold: [text.isBold(0), text.isBold(8), text.isBold(16)],
          indices: text.getTextAttributeIndices(),
          index: body.getChildIndex(para),
          parentType: String(para.getParent().getType()),
          missing: body.findText('nothing here'),
        };
      }
      function missing() { DocumentApp.openById('not-a-doc'); }
    `);
    const id = sb.run('make').value as string;
    const r = sb.run('inspect', { args: [id] });
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual({
      name: 'Surat',
      children: 2,
      type: 'PARAGRAPH',
      isParagraph: true,
      start: 7,
      end: 15,
      nextStart: 19,
      bold: [false, true, false],
      indices: [0, 7, 16],
      index: 1,
      parentType: 'BODY_SECTION',
      missing: null,
    });
    expect(sb.run('missing').error?.message).toBe("Document is missing (perhaps it was deleted, or you don't have read access?)");
  });

  test('replaceText keeps the style of the replaced text and supports groups', () => {
    const sb = sandboxWith(`
      function go() {
        var doc = DocumentApp.create('R');
        var p = doc.getBody().appendParagraph('Tanggal: 2024-05-01');
        p.editAsText().setItalic(9, 18, true);
        doc.getBody().replaceText('(\\\\d{4})-(\\\\d{2})-(\\\\d{2})', '$3/$2/$1');
        var t = p.editAsText();
        return [p.getText(), t.isItalic(8), t.isItalic(9), t.isItalic(18)];
      }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual(['Tanggal: 01/05/2024', false, true, true]);
  });

  test('removing elements, clear, and the last-paragraph rule', () => {
    const sb = sandboxWith(`
      function go() {
        var body = DocumentApp.create('X').getBody();
        var a = body.appendParagraph('a'); body.appendParagraph('b'); body.appendTable([['c']]);
        a.removeFromParent();
        var afterRemove = body.getNumChildren();
        var tables = body.getTables().length;
        body.clear();
        var afterClear = body.getNumChildren();
        try { body.removeChild(body.getChild(0)); return 'no error'; } catch (e) { return [afterRemove, tables, afterClear, e.message]; }
      }`);
    expect(sb.run('go').value).toEqual([3, 1, 1, "Can't remove the last paragraph in a document section."]);
  });

  test('a closed document refuses changes', () => {
    const sb = sandboxWith(`
      function go() { var d = DocumentApp.create('C'); var b = d.getBody(); d.saveAndClose(); b.appendParagraph('late'); }`);
    expect(sb.run('go').error?.message).toBe('Document is closed, its contents cannot be updated.');
  });

  test('appendTable(rows) is one element call; a row-by-row build costs one call per row and cell', () => {
    const sb = sandboxWith(`
      function rows() { var r = []; for (var i = 0; i < 10; i++) r.push(['a' + i, 'b' + i, 'c' + i]); return r; }
      function batched() { var d = DocumentApp.create('B'); d.getBody().appendTable(rows()); return d.getId(); }
      function rowByRow() {
        var d = DocumentApp.create('R'); var t = d.getBody().appendTable();
        rows().forEach(function (row) { var tr = t.appendTableRow(); row.forEach(function (v) { tr.appendTableCell(v); }); });
        return d.getId();
      }`);
    const a = sb.run('batched');
    const b = sb.run('rowByRow');
    expect(a.error).toBeUndefined();
    expect(b.error).toBeUndefined();
    const elementCalls = (r: typeof a) => r.calls.filter((c) => c.service === 'DocumentApp' && c.ms === 15).length;
    expect(elementCalls(a)).toBe(1);
    expect(elementCalls(b)).toBe(1 + 10 + 30);
    expect(b.modeledMs - a.modeledMs).toBe(40 * 15);
    // Both build the same table.
    expect(renderDocumentText(sb.state, a.value as string)).toBe(renderDocumentText(sb.state, b.value as string));
  });

  test('simple triggers may not use DocumentApp', () => {
    const sb = sandboxWith(`function onOpen() { DocumentApp.create('x'); }`);
    const r = sb.run('onOpen', { kind: 'simpleTrigger' });
    expect(r.error?.message).toBe('You do not have permission to call DocumentApp.create');
    expect(listFiles(sb.state)).toHaveLength(0);
  });

  test('getActiveDocument is null outside a bound document; makeCopy copies the content', () => {
    const sb = sandboxWith(`
      function go() {
        var d = DocumentApp.create('Asli'); d.getBody().appendParagraph('isi');
        d.saveAndClose();
        var copy = DriveApp.getFileById(d.getId()).makeCopy('Salinan');
        var c = DocumentApp.openById(copy.getId());
        c.getBody().appendParagraph('tambahan');
        return [DocumentApp.getActiveDocument(), c.getName(), c.getBody().getText(), DocumentApp.openById(d.getId()).getBody().getText()];
      }`);
    expect(sb.run('go').value).toEqual([null, 'Salinan', '\nisi\ntambahan', '\nisi']);
  });
});
