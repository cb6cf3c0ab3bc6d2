/**
 * Page numbers: only a person can insert one (Google Docs: Insert > Page numbers); neither
 * DocumentApp nor the Docs API has a way to. A script sees it, read-only: DocumentApp as an
 * UnsupportedElement (ElementType.UNSUPPORTED, "such as a page number"), the Docs API as
 * `autoText {type: PAGE_NUMBER}` in the footer. A Drive copy of the Doc keeps its footer, and
 * the PDF prints on each page the number of that page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { insertPageNumbersByHand } from '../src/actions';
import { Sandbox } from '../src/sandbox';
import { driveService, getFileContent } from '../src/services/drive';
import { documentService, renderDocumentHtml, renderDocumentText } from '../src/services/document';
import { docsApiService } from '../src/services/docs-api';
import { driveApiService } from '../src/services/drive-api';
import { utilitiesService } from '../src/services/utilities';

const OWNER = 'owner@example.org';
const MANIFEST = {
  timeZone: 'Asia/Jakarta',
  runtimeVersion: 'V8',
  oauthScopes: ['https://www.googleapis.com/auth/documents', 'https://www.googleapis.com/auth/drive.file', 'https://www.googleapis.com/auth/script.external_request'],
  dependencies: {
    enabledAdvancedServices: [
      { userSymbol: 'Docs', serviceId: 'docs', version: 'v1' },
      { userSymbol: 'Drive', serviceId: 'drive', version: 'v3' },
    ],
  },
};

const CODE = `
  function threePages() {
    var doc = DocumentApp.create('Dasar');
    var body = doc.getBody();
    body.getChild(0).asParagraph().setText('Halaman satu');
    body.appendPageBreak();
    body.appendParagraph('Halaman dua');
    body.appendPageBreak();
    body.appendParagraph('Halaman tiga');
    doc.saveAndClose();
    return doc.getId();
  }
  function footerSeen(id) {
    var footer = DocumentApp.openById(id).getFooter();
    if (!footer) return null;
    var p = footer.getChild(0).asParagraph();
    var out = { text: p.getText(), types: [] };
    for (var i = 0; i < p.getNumChildren(); i++) out.types.push(String(p.getChild(i).getType()));
    out.unsupported = out.types.indexOf(String(DocumentApp.ElementType.UNSUPPORTED)) >= 0;
    return out;
  }
  function copyOf(id) { return Drive.Files.copy({ name: 'Laporan' }, id, { fields: 'id' }).id; }
  function footerViaApi(id) {
    var d = Docs.Documents.get(id);
    var f = d.footers && d.footers[d.documentStyle.defaultFooterId];
    return f ? f.content[0].paragraph.elements : null;
  }
  function pdfOf(id) { return Utilities.base64Encode(DocumentApp.openById(id).getAs('application/pdf').getBytes()); }
`;

function sandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'page-numbers-test-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(MANIFEST));
  writeFileSync(path.join(dir, 'code.js'), CODE);
  return new Sandbox({ projectDir: dir, owner: OWNER, clockMs: Date.UTC(2026, 11, 1), services: [utilitiesService, driveService, driveApiService, documentService, docsApiService] });
}

function run<T>(sb: Sandbox, fn: string, ...args: unknown[]): T {
  const r = sb.run(fn, { args, user: OWNER });
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
}

/** The text shown at each page's foot (below 60 pt), page by page. */
function footerTexts(pdf: Buffer): string[][] {
  const s = pdf.toString('latin1');
  const streams = [...s.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]).filter((x) => /BT /.test(x));
  return streams.map((ops) =>
    [...ops.matchAll(/BT \/F\d [\d.]+ Tf [\d.-]+ ([\d.-]+) Td \(((?:\\.|[^\\)])*)\) Tj ET/g)].filter((m) => Number(m[1]) < 60).map((m) => m[2]),
  );
}

describe('page numbers (inserted by a person, read-only to scripts)', () => {
  test('DocumentApp sees an UnsupportedElement in the footer; the number is not in the text', () => {
    const sb = sandbox();
    const id = run<string>(sb, 'threePages');
    expect(run(sb, 'footerSeen', id)).toBeNull();
    expect(insertPageNumbersByHand(sb, OWNER, id)).toBe(true);
    // Numbering twice leaves the one page number.
    expect(insertPageNumbersByHand(sb, OWNER, id)).toBe(false);
    expect(run(sb, 'footerSeen', id)).toEqual({ text: '', types: ['UNSUPPORTED'], unsupported: true });
  });

  test('only someone who can edit the Doc can number it', () => {
    const sb = sandbox();
    const id = run<string>(sb, 'threePages');
    expect(() => insertPageNumbersByHand(sb, 'staff@example.org', id)).toThrow('staff@example.org cannot edit the Doc');
  });

  test('a Drive copy keeps the footer and its page number; the Docs API reads it as autoText PAGE_NUMBER', () => {
    const sb = sandbox();
    const base = run<string>(sb, 'threePages');
    insertPageNumbersByHand(sb, OWNER, base);
    const copy = run<string>(sb, 'copyOf', base);
    expect(copy).not.toBe(base);
    expect(run<{ unsupported: boolean }>(sb, 'footerSeen', copy).unsupported).toBe(true);
    expect(run(sb, 'footerViaApi', copy)).toEqual([
      { startIndex: 0, endIndex: 1, autoText: { type: 'PAGE_NUMBER', textStyle: {} } },
      { startIndex: 1, endIndex: 2, textRun: { content: '\n', textStyle: {} } },
    ]);
    expect(renderDocumentText(sb.state, copy)).toContain('#');
    expect(renderDocumentHtml(sb.state, copy)).toContain('class="page-number"');
  });

  test("the PDF prints each page's own number at its foot", () => {
    const sb = sandbox();
    const id = run<string>(sb, 'threePages');
    const before = footerTexts(Buffer.from(run<string>(sb, 'pdfOf', id), 'base64'));
    expect(before).toEqual([[], [], []]);
    insertPageNumbersByHand(sb, OWNER, id);
    const pdf = Buffer.from(run<string>(sb, 'pdfOf', id), 'base64');
    expect(footerTexts(pdf)).toEqual([['1'], ['2'], ['3']]);
    // The file as Drive hands it out (the workbench's download) prints them too.
    expect(footerTexts(getFileContent(sb.state, id)!.bytes)).toEqual([['1'], ['2'], ['3']]);
  });
});
