/**
 * The Docs advanced service (Docs API v1): enabled by the manifest only; create/get/batchUpdate on
 * the same document model DocumentApp and the PDF export read; the API's indexes (body from 1,
 * "\n" ends each paragraph, tables' own indexes); atomic batches; Google's error texts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { driveService, getFileContent, listFiles } from '../src/services/drive';
import { documentService, getDocumentModel, renderDocumentHtml, renderDocumentText } from '../src/services/document';
import { docsApiService } from '../src/services/docs-api';
import { utilitiesService } from '../src/services/utilities';

const OWNER = 'owner@example.org';
const DOCS = { dependencies: { enabledAdvancedServices: [{ userSymbol: 'Docs', serviceId: 'docs', version: 'v1' }] } };

function sandboxWith(code: string, manifestExtra: object = DOCS): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docs-api-test-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8', ...manifestExtra }));
  writeFileSync(path.join(dir, 'code.js'), code);
  return new Sandbox({ projectDir: dir, owner: OWNER, clockMs: Date.UTC(2026, 11, 1), services: [utilitiesService, driveService, documentService, docsApiService] });
}

const HELPERS = `
  function newDoc() { return Docs.Documents.create({ title: 'Laporan' }).documentId; }
  function update(id, requests) { return Docs.Documents.batchUpdate({ requests: requests }, id); }
  function getDoc(id) { return Docs.Documents.get(id); }
  function viaDocumentApp(id) {
    var body = DocumentApp.openById(id).getBody();
    var out = [];
    for (var i = 0; i < body.getNumChildren(); i++) out.push(body.getChild(i).getType() + ':' + body.getChild(i).asText().getText());
    return out;
  }
`;

function run<T>(sb: Sandbox, fn: string, ...args: unknown[]): T {
  const r = sb.run(fn, { args });
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
}

describe('Docs advanced service', () => {
  test('is not defined unless the manifest enables it; the userSymbol names the global', () => {
    const off = sandboxWith('function f() { return Docs.Documents.create({ title: "x" }).documentId; }', {});
    const r = off.run('f');
    expect(r.ok).toBe(false);
    expect(r.error?.message).toBe('Docs is not defined');
    expect(r.error?.name).toBe('ReferenceError');
    const renamed = sandboxWith('function f() { return typeof Docs + " " + typeof GDocs.Documents.batchUpdate; }', { dependencies: { enabledAdvancedServices: [{ userSymbol: 'GDocs', serviceId: 'docs', version: 'v1' }] } });
    expect(run(renamed, 'f')).toBe('undefined function');
  });

  test('create makes a Google Doc in Drive with one empty paragraph at index 1', () => {
    const sb = sandboxWith(`${HELPERS} function f() { var d = Docs.Documents.create({ title: 'Laporan' }); return d; }`);
    const d = run<{ documentId: string; title: string; body: { content: Array<{ startIndex?: number; endIndex: number; paragraph?: unknown; sectionBreak?: unknown }> } }>(sb, 'f');
    expect(d.title).toBe('Laporan');
    expect(d.body.content.map((c) => [c.startIndex, c.endIndex, c.sectionBreak ? 'sectionBreak' : 'paragraph'])).toEqual([[undefined, 1, 'sectionBreak'], [1, 2, 'paragraph']]);
    const file = listFiles(sb.state).find((f) => f.id === d.documentId);
    expect(file?.mimeType).toBe('application/vnd.google-apps.document');
    expect(file?.name).toBe('Laporan');
  });

  test('insertText splits paragraphs at newlines; DocumentApp and get see the same content and indexes', () => {
    const sb = sandboxWith(`${HELPERS}
      function f() {
        var id = newDoc();
        update(id, [
          { insertText: { location: { index: 1 }, text: 'Judul\\nIsi pertama' } },
          { insertText: { endOfSegmentLocation: {}, text: ' dan akhir' } },
          { insertText: { location: { index: 1 }, text: 'Laporan ' } },
        ]);
        return { id: id, doc: getDoc(id), app: viaDocumentApp(id) };
      }`);
    const r = run<{ id: string; doc: { body: { content: Array<{ startIndex: number; endIndex: number; paragraph?: { elements: Array<{ textRun?: { content: string } }> } }> } }; app: string[] }>(sb, 'f');
    expect(r.app).toEqual(['PARAGRAPH:Laporan Judul', 'PARAGRAPH:Isi pertama dan akhir']);
    const paras = r.doc.body.content.slice(1);
    expect(paras.map((p) => [p.startIndex, p.endIndex])).toEqual([[1, 15], [15, 37]]);
    expect(paras.map((p) => p.paragraph!.elements.map((e) => e.textRun!.content).join(''))).toEqual(['Laporan Judul\n', 'Isi pertama dan akhir\n']);
    expect(renderDocumentText(sb.state, r.id)).toContain('Laporan Judul');
  });

  test('indexes are UTF-16 code units: an emoji takes two', () => {
    const sb = sandboxWith(`${HELPERS}
      function f() {
        var id = newDoc();
        update(id, [{ insertText: { location: { index: 1 }, text: 'a😀b' } }, { insertText: { location: { index: 4 }, text: 'X' } }]);
        return viaDocumentApp(id);
      }`);
    expect(run<string[]>(sb, 'f')).toEqual(['PARAGRAPH:a😀Xb']);
  });

  test('insertTable: a newline before it, the table at index + 1, each cell filled at its own index', () => {
    const sb = sandboxWith(`${HELPERS}
      function f() {
        var id = newDoc();
        update(id, [{ insertText: { location: { index: 1 }, text: 'Tabel' } }, { insertTable: { rows: 2, columns: 2, location: { index: 6 } } }]);
        var before = getDoc(id);
        // Table at 7: row 0 at 8, cells at 9 and 11 (content 10, 12); row 1 at 13, cells 14/16 (content 15, 17).
        // Fill from the last cell back, so earlier indexes do not move.
        update(id, [
          { insertText: { location: { index: 17 }, text: 'd' } },
          { insertText: { location: { index: 15 }, text: 'c' } },
          { insertText: { location: { index: 12 }, text: 'bb' } },
          { insertText: { location: { index: 10 }, text: 'a' } },
        ]);
        var t = DocumentApp.openById(id).getBody().getTables()[0];
        return { before: before, cells: [t.getCell(0, 0).getText(), t.getCell(0, 1).getText(), t.getCell(1, 0).getText(), t.getCell(1, 1).getText()], after: getDoc(id) };
      }`);
    const r = run<{ before: { body: { content: Array<{ startIndex: number; endIndex: number; table?: { tableRows: Array<{ startIndex: number; tableCells: Array<{ startIndex: number; content: Array<{ startIndex: number }> }> }> } }> } }; cells: string[]; after: { body: { content: Array<{ startIndex: number; endIndex: number; table?: unknown }> } } }>(sb, 'f');
    const content = r.before.body.content;
    expect(content.map((c) => [c.startIndex, c.endIndex, c.table ? 'table' : 'p'])).toEqual([[undefined, 1, 'p'], [1, 7, 'p'], [7, 18, 'table'], [18, 19, 'p']]);
    const t = content[2].table!;
    expect(t.tableRows.map((row) => row.startIndex)).toEqual([8, 13]);
    expect(t.tableRows.map((row) => row.tableCells.map((c) => [c.startIndex, c.content[0].startIndex]))).toEqual([[[9, 10], [11, 12]], [[14, 15], [16, 17]]]);
    expect(r.cells).toEqual(['a', 'bb', 'c', 'd']);
    expect(r.after.body.content.map((c) => c.endIndex)).toEqual([1, 7, 23, 24]);
  });

  test('styles: text, paragraph (heading, alignment, indents, spacing, line spacing), bullets, table cells and columns, page', () => {
    const sb = sandboxWith(`${HELPERS}
      function f() {
        var id = newDoc();
        update(id, [
          { insertText: { location: { index: 1 }, text: 'Judul\\nSatu\\nDua' } },
          { updateTextStyle: { range: { startIndex: 1, endIndex: 6 }, textStyle: { bold: true, fontSize: { magnitude: 14, unit: 'PT' }, weightedFontFamily: { fontFamily: 'Arial' }, foregroundColor: { color: { rgbColor: { red: 1, green: 0, blue: 0 } } } }, fields: 'bold,fontSize,weightedFontFamily,foregroundColor' } },
          { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_2', alignment: 'CENTER', spaceAbove: { magnitude: 12, unit: 'PT' }, lineSpacing: 115 }, fields: 'namedStyleType,alignment,spaceAbove,lineSpacing' } },
          { updateParagraphStyle: { range: { startIndex: 7, endIndex: 15 }, paragraphStyle: { alignment: 'JUSTIFIED', indentStart: { magnitude: 36, unit: 'PT' }, indentFirstLine: { magnitude: 18, unit: 'PT' } }, fields: 'alignment,indentStart,indentFirstLine' } },
          { createParagraphBullets: { range: { startIndex: 7, endIndex: 15 }, bulletPreset: 'NUMBERED_DECIMAL_ALPHA_ROMAN' } },
          { insertTable: { rows: 1, columns: 2, endOfSegmentLocation: {} } },
          { updateTableCellStyle: { tableRange: { tableCellLocation: { tableStartLocation: { index: 16 }, rowIndex: 0, columnIndex: 1 }, rowSpan: 1, columnSpan: 1 }, tableCellStyle: { backgroundColor: { color: { rgbColor: { red: 0.9, green: 0.9, blue: 0.9 } } } }, fields: 'backgroundColor' } },
          { updateTableColumnProperties: { tableStartLocation: { index: 16 }, columnIndices: [0], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: { magnitude: 100, unit: 'PT' } }, fields: 'width,widthType' } },
          { updateDocumentStyle: { documentStyle: { pageSize: { width: { magnitude: 595.28, unit: 'PT' }, height: { magnitude: 841.89, unit: 'PT' } }, marginTop: { magnitude: 71, unit: 'PT' } }, fields: 'pageSize,marginTop' } },
        ]);
        var body = DocumentApp.openById(id).getBody();
        var h = body.getChild(0).asParagraph();
        var li = body.getChild(1).asListItem();
        var t = body.getTables()[0];
        return {
          heading: String(h.getHeading()), align: String(h.getAlignment()), bold: h.editAsText().isBold(), size: h.editAsText().getFontSize(), color: h.editAsText().getForegroundColor(), font: h.editAsText().getFontFamily(), before: h.getSpacingBefore(), line: h.getLineSpacing(),
          liType: String(body.getChild(1).getType()), glyph: String(li.getGlyphType()), liAlign: String(li.getAlignment()), liIndent: li.getIndentStart(), sameList: li.getListId() === body.getChild(2).asListItem().getListId(),
          bg: t.getCell(0, 1).getBackgroundColor(), width: t.getColumnWidth(0), doc: getDoc(id).documentStyle,
        };
      }`);
    const r = run<Record<string, unknown>>(sb, 'f');
    expect(r).toMatchObject({ heading: 'HEADING2', align: 'CENTER', bold: true, size: 14, color: '#ff0000', font: 'Arial', before: 12, line: 1.15, liType: 'LIST_ITEM', glyph: 'NUMBER', liAlign: 'JUSTIFY', liIndent: 36, sameList: true, bg: '#e6e6e6', width: 100 });
    expect(r.doc).toMatchObject({ pageSize: { width: { magnitude: 595.28 } }, marginTop: { magnitude: 71 } });
  });

  test('a Doc built through the API renders as HTML and exports to PDF', () => {
    const sb = sandboxWith(`${HELPERS}
      function f() {
        var id = newDoc();
        update(id, [{ insertText: { location: { index: 1 }, text: 'Laporan Bulanan\\nIsi' } }, { updateTextStyle: { range: { startIndex: 1, endIndex: 8 }, textStyle: { bold: true }, fields: 'bold' } }]);
        var pdf = DriveApp.getFileById(id).getAs('application/pdf');
        return { id: id, pdf: DriveApp.createFile(pdf).getId() };
      }`);
    const r = run<{ id: string; pdf: string }>(sb, 'f');
    expect(renderDocumentHtml(sb.state, r.id)).toMatch(/<(b|strong)[^>]*>Laporan<\/(b|strong)>|font-weight:\s*bold[^>]*>Laporan/);
    const bytes = getFileContent(sb.state, r.pdf)!.bytes;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // "Laporan" in Helvetica-Bold (F2), the rest in Helvetica (F1).
    expect(bytes.toString('latin1')).toMatch(/\/F2 11 Tf [\d. ]+Td \(Laporan\) Tj[\s\S]*\/F1 11 Tf [\d. ]+Td \( Bulanan\) Tj/);
  });

  test("errors: Google's message names the request; a failed batch changes nothing", () => {
    const sb = sandboxWith(`${HELPERS}
      function attempt(id, requests) { try { update(id, requests); return 'ok'; } catch (e) { return e.name + ': ' + e.message; } }
      function f() {
        var id = newDoc();
        update(id, [{ insertText: { location: { index: 1 }, text: 'ab' } }]);
        var out = [
          attempt(id, [{ insertText: { location: { index: 5 }, text: 'x' } }]),
          attempt(id, [{ insertText: { location: { index: 1 }, text: 'x' } }, { updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: { bold: true } } }]),
          attempt(id, [{ insertTable: { rows: 1, columns: 1, location: { index: 1 } } }, { insertText: { location: { index: 2 }, text: 'x' } }]),
          attempt(id, [{ insertText: { location: { index: 0 }, text: 'x' } }]),
          attempt(id, [{ insertInlineImage: { location: { index: 1 }, uri: 'https://example.com/a.png' } }]),
          attempt('nope', [{ insertText: { location: { index: 1 }, text: 'x' } }]),
        ];
        return { out: out, text: viaDocumentApp(id) };
      }`);
    const r = run<{ out: string[]; text: string[] }>(sb, 'f');
    expect(r.out[0]).toBe('GoogleJsonResponseException: API call to docs.documents.batchUpdate failed with error: Invalid requests[0].insertText: Index 5 must be less than the end index of the referenced segment, 4.');
    expect(r.out[1]).toBe("GoogleJsonResponseException: API call to docs.documents.batchUpdate failed with error: Invalid requests[1].updateTextStyle: At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)");
    expect(r.out[2]).toBe('GoogleJsonResponseException: API call to docs.documents.batchUpdate failed with error: Invalid requests[1].insertText: The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.');
    expect(r.out[3]).toContain('Invalid requests[0].insertText: The insertion index must be inside the bounds of an existing paragraph.');
    expect(r.out[4]).toContain('Invalid requests[0].insertInlineImage: insertInlineImage is not implemented by the sandbox');
    expect(r.out[5]).toBe('GoogleJsonResponseException: API call to docs.documents.batchUpdate failed with error: Requested entity was not found.');
    // None of the failed batches left a trace (request 0 of the second and third batches was valid).
    expect(r.text).toEqual(['PARAGRAPH:ab']);
  });

  test('only editors may update: another user gets no permission', () => {
    const sb = sandboxWith(`${HELPERS}
      function tryUpdate(id) { try { update(id, [{ insertText: { location: { index: 1 }, text: 'x' } }]); return 'ok'; } catch (e) { return e.message; } }`);
    const id = run<string>(sb, 'newDoc');
    const r = sb.run('tryUpdate', { user: 'other@example.org', args: [id] });
    expect(r.value).toBe('API call to docs.documents.batchUpdate failed with error: The caller does not have permission');
    expect(getDocumentModel(sb.state, id)!.body.children.length).toBe(1);
    expect(run(sb, 'tryUpdate', id)).toBe('ok');
  });

  test('each call is one billable Docs call, whatever the number of requests', () => {
    const sb = sandboxWith(`${HELPERS}
      function f() {
        var id = newDoc();
        var reqs = [];
        for (var i = 0; i < 200; i++) reqs.push({ insertText: { endOfSegmentLocation: {}, text: 'baris ' + i + '\\n' } });
        update(id, reqs);
        return viaDocumentApp(id).length;
      }`);
    const r = sb.run('f');
    expect(r.value).toBe(201);
    const docs = r.calls.filter((c) => c.service === 'Docs');
    expect(docs.map((c) => c.method)).toEqual(['Documents.create', 'Documents.batchUpdate']);
  });
});
