import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { driveService, getFileContent, grantFileAccess, listFiles, registerFile } from '../src/services/drive';
import { driveApiService } from '../src/services/drive-api';
import { documentService, getDocumentModel } from '../src/services/document';
import { propertiesService } from '../src/services/properties';
import { utilitiesService } from '../src/services/utilities';

const DRIVE = 'https://www.googleapis.com/auth/drive';
const DRIVE_FILE = 'https://www.googleapis.com/auth/drive.file';
const DOCS = 'https://www.googleapis.com/auth/documents';
const V3 = { enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }] };

function sandboxWith(code: string, manifest: Record<string, unknown>): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drive-api-test-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8', ...manifest }));
  writeFileSync(path.join(dir, 'code.js'), code);
  return new Sandbox({
    projectDir: dir,
    owner: 'owner@example.org',
    clockMs: Date.UTC(2024, 4, 1),
    services: [utilitiesService, propertiesService, driveService, driveApiService, documentService],
  });
}

const fileScoped = { oauthScopes: [DRIVE_FILE, DOCS], dependencies: V3 };

describe('Drive advanced service (v3)', () => {
  test('is there only when the manifest enables it, under its userSymbol', () => {
    const code = `function kind() { return typeof Drive; } function other() { return typeof DriveV3 + ' ' + typeof Drive; }`;
    expect(sandboxWith(code, {}).run('kind').value).toBe('undefined');
    const renamed = sandboxWith(code, { dependencies: { enabledAdvancedServices: [{ userSymbol: 'DriveV3', serviceId: 'drive', version: 'v3' }] } });
    expect(renamed.run('other').value).toBe('object undefined');
  });

  test('create, get, list, update (move, rename, trash) and copy under drive.file', () => {
    const sb = sandboxWith(
      `
      function make() {
        var folder = Drive.Files.create({ name: 'Laporan', mimeType: 'application/vnd.google-apps.folder' });
        var year = Drive.Files.create({ name: '2024', mimeType: 'application/vnd.google-apps.folder', parents: [folder.id] }, null, { fields: 'id,parents' });
        var blob = Utilities.newBlob([137, 80, 78, 71], 'image/png', 'logo.png');
        var logo = Drive.Files.create({ name: 'logo.png', parents: [year.id] }, blob, { fields: 'id,name,mimeType,size,trashed' });
        var doc = DocumentApp.create('Laporan Mei');
        doc.getBody().appendParagraph('isi laporan');
        doc.saveAndClose();
        return { folder: folder, year: year, logo: logo, doc: doc.getId() };
      }
      function find(parent) {
        return Drive.Files.list({ q: "'" + parent + "' in parents and mimeType = 'application/vnd.google-apps.folder' and name = '2024' and trashed = false", fields: 'files(id,name)' });
      }
      function move(docId, folderId) {
        var before = Drive.Files.get(docId, { fields: 'parents' }).parents;
        Drive.Files.update({ name: 'Laporan Mei 2024' }, docId, null, { addParents: folderId, removeParents: before.join(',') });
        return Drive.Files.get(docId, { fields: 'name,parents,webViewLink' });
      }
      function bytes(id) { return Drive.Files.get(id, { alt: 'media' }).getBytes(); }
      function trash(id) { return Drive.Files.update({ trashed: true }, id, null, { fields: 'trashed,explicitlyTrashed' }); }
      function copy(id) { return Drive.Files.copy({ name: 'Salinan' }, id, { fields: 'id,name,mimeType' }); }
      `,
      fileScoped,
    );
    const made = sb.run('make');
    expect(made.error).toBeUndefined();
    const v = made.value as { folder: Record<string, string>; year: { id: string; parents: string[] }; logo: Record<string, unknown>; doc: string };
    expect(v.folder).toEqual({ kind: 'drive#file', id: v.folder.id, name: 'Laporan', mimeType: 'application/vnd.google-apps.folder' });
    expect(v.year.parents).toEqual([v.folder.id]);
    expect(v.logo).toEqual({ id: v.logo.id, name: 'logo.png', mimeType: 'image/png', size: '4', trashed: false });
    expect(getFileContent(sb.state, String(v.logo.id))?.bytes).toEqual(Buffer.from([137, 80, 78, 71]));

    expect(sb.run('find', { args: [v.folder.id] }).value).toEqual({ files: [{ id: v.year.id, name: '2024' }] });

    const moved = sb.run('move', { args: [v.doc, v.year.id] });
    expect(moved.error).toBeUndefined();
    expect(moved.value).toEqual({ name: 'Laporan Mei 2024', parents: [v.year.id], webViewLink: `https://docs.google.com/document/d/${v.doc}/edit` });
    expect(listFiles(sb.state).find((f) => f.id === v.doc)?.parentId).toBe(v.year.id);

    expect(sb.run('bytes', { args: [v.logo.id] }).value).toEqual([-119, 80, 78, 71]);

    const copied = sb.run('copy', { args: [v.doc] });
    expect(copied.error).toBeUndefined();
    const c = copied.value as { id: string; name: string; mimeType: string };
    expect(c.name).toBe('Salinan');
    expect(JSON.stringify(getDocumentModel(sb.state, c.id)?.body)).toContain('isi laporan');

    expect(sb.run('trash', { args: [v.doc] }).value).toEqual({ trashed: true, explicitlyTrashed: true });
    expect(listFiles(sb.state).find((f) => f.id === v.doc)?.trashed).toBe(true);
    // A file in a trashed folder is trashed, not explicitly.
    sb.run('trash', { args: [v.year.id] });
    const logoNow = sb.run('trash', { args: [v.logo.id] });
    expect(logoNow.value).toEqual({ trashed: true, explicitlyTrashed: true });
  });

  test('under drive.file a file the project did not make is "File not found" for get, update, copy, alt=media and create parents, and list leaves it out', () => {
    const sb = sandboxWith(
      `
      function probe(id) {
        var out = {};
        var tries = {
          get: function () { return Drive.Files.get(id); },
          media: function () { return Drive.Files.get(id, { alt: 'media' }); },
          trash: function () { return Drive.Files.update({ trashed: true }, id); },
          copy: function () { return Drive.Files.copy({}, id); },
          into: function () { return Drive.Files.create({ name: 'x', parents: [id] }); },
        };
        for (var k in tries) {
          try { tries[k](); out[k] = 'ok'; } catch (e) { out[k] = e.name + ': ' + e.message + ' [' + (e.details && e.details.code) + ']'; }
        }
        out.listed = Drive.Files.list({ q: "name = 'private.txt'" }).files.length;
        return out;
      }
      `,
      fileScoped,
    );
    const foreign = registerFile(sb.state, { name: 'private.txt', mimeType: 'text/plain', content: 'rahasia', owner: 'owner@example.org' });
    const r = sb.run('probe', { args: [foreign] });
    expect(r.error).toBeUndefined();
    const nf = (m: string) => `GoogleJsonResponseException: API call to drive.files.${m} failed with error: File not found: ${foreign}. [404]`;
    expect(r.value).toEqual({ get: nf('get'), media: nf('get'), trash: nf('update'), copy: nf('copy'), into: nf('create'), listed: 0 });
    expect(listFiles(sb.state).find((f) => f.id === foreign)?.trashed).toBe(false);

    // A file the user picked (Google Picker) is reachable, for that user only.
    grantFileAccess(sb.state, foreign, 'owner@example.org');
    const picked = sb.run('probe', { args: [foreign] }).value as Record<string, unknown>;
    expect(picked.get).toBe('ok');
    expect(picked.listed).toBe(1);
    const other = sb.run('probe', { args: [foreign], user: 'staf@example.org' }).value as Record<string, unknown>;
    expect(other.get).toBe(nf('get'));
  });

  test('drive.file reach is per user: what one user\'s execution made, another user\'s cannot reach', () => {
    const sb = sandboxWith(
      `function make() { return Drive.Files.create({ name: 'a.txt' }, Utilities.newBlob('a', 'text/plain')).id; }
       function read(id) { try { return Drive.Files.get(id).name; } catch (e) { return e.message; } }`,
      fileScoped,
    );
    const id = String(sb.run('make', { user: 'kabag@example.org' }).value);
    expect(sb.run('read', { args: [id], user: 'kabag@example.org' }).value).toBe('a.txt');
    expect(sb.run('read', { args: [id], user: 'staf@example.org' }).value).toBe(`API call to drive.files.get failed with error: File not found: ${id}.`);
  });

  test('with the full drive scope every file is reachable; without a Drive scope the call is refused', () => {
    const code = `function read(id) { try { return Drive.Files.get(id).name; } catch (e) { return e.name + ': ' + e.message; } }`;
    const full = sandboxWith(code, { oauthScopes: [DRIVE], dependencies: V3 });
    const id = registerFile(full.state, { name: 'b.txt', mimeType: 'text/plain', content: 'b' });
    expect(full.run('read', { args: [id] }).value).toBe('b.txt');
    const none = sandboxWith(code, { oauthScopes: [DOCS], dependencies: V3 });
    const id2 = registerFile(none.state, { name: 'b.txt', mimeType: 'text/plain', content: 'b' });
    expect(none.run('read', { args: [id2] }).value).toBe('GoogleJsonResponseException: API call to drive.files.get failed with error: Request had insufficient authentication scopes.');
  });

  test('a Google Doc cannot be downloaded with alt=media; an unsupported query is "Invalid Value"', () => {
    const sb = sandboxWith(
      `function media() { var id = DocumentApp.create('D').getId(); try { Drive.Files.get(id, { alt: 'media' }); } catch (e) { return e.message; } }
       function query() { try { Drive.Files.list({ q: "name = 'a' or name = 'b'" }); } catch (e) { return e.message; } }`,
      fileScoped,
    );
    expect(sb.run('media').value).toBe('API call to drive.files.get failed with error: Only files with binary content can be downloaded. Use Export with Docs Editors files.');
    expect(sb.run('query').value).toBe('API call to drive.files.list failed with error: Invalid Value');
  });

  test('list pages with pageSize and nextPageToken', () => {
    const sb = sandboxWith(
      `function go() {
         for (var i = 0; i < 5; i++) Drive.Files.create({ name: 'f' + i }, Utilities.newBlob('x', 'text/plain'));
         var names = [], token, pages = 0;
         do { var r = Drive.Files.list({ pageSize: 2, pageToken: token, fields: 'nextPageToken,files(name)' }); pages++;
              r.files.forEach(function (f) { names.push(f.name); }); token = r.nextPageToken; } while (token);
         return { names: names, pages: pages };
       }`,
      fileScoped,
    );
    expect(sb.run('go').value).toEqual({ names: ['f0', 'f1', 'f2', 'f3', 'f4'], pages: 3 });
  });
});

describe('DriveApp and the manifest scopes', () => {
  test('DriveApp needs the full drive scope when the manifest lists scopes', () => {
    const code = `function go() { return DriveApp.createFolder('X').getName(); }
                  function get(id) { return DriveApp.getFileById(id).getName(); }`;
    const narrow = sandboxWith(code, fileScoped);
    const r = narrow.run('go');
    expect(r.ok).toBe(false);
    expect(r.error?.message).toBe('You do not have permission to call DriveApp.createFolder. Required permissions: https://www.googleapis.com/auth/drive');
    const id = registerFile(narrow.state, { name: 'c.txt', mimeType: 'text/plain', content: 'c' });
    expect(narrow.run('get', { args: [id] }).error?.message).toBe(
      'You do not have permission to call DriveApp.getFileById. Required permissions: (https://www.googleapis.com/auth/drive.readonly || https://www.googleapis.com/auth/drive)',
    );
    expect(sandboxWith(code, { oauthScopes: [DRIVE] }).run('go').value).toBe('X');
    // Without oauthScopes Apps Script infers them from the code.
    expect(sandboxWith(code, {}).run('go').value).toBe('X');
  });
});
