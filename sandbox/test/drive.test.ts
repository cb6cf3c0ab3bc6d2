import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { driveService, getFileContent, listFiles, registerFile } from '../src/services/drive';
import { documentService } from '../src/services/document';

function sandboxWith(code: string): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drive-test-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'code.js'), code);
  return new Sandbox({ projectDir: dir, owner: 'owner@example.org', clockMs: Date.UTC(2024, 4, 1), services: [driveService, documentService] });
}

function names(iterSource: string): string {
  return `(function(){ var it = ${iterSource}; var out = []; while (it.hasNext()) out.push(it.next().getName()); return out.sort(); })()`;
}

describe('DriveApp', () => {
  test('root folder is "My Drive", owned by the sandbox owner, without parents', () => {
    const sb = sandboxWith(`
      function info() {
        var root = DriveApp.getRootFolder();
        return { name: root.getName(), owner: root.getOwner().getEmail(), parents: root.getParents().hasNext(),
                 sameId: DriveApp.getFolderById(root.getId()).getName() };
      }`);
    const r = sb.run('info');
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual({ name: 'My Drive', owner: 'owner@example.org', parents: false, sameId: 'My Drive' });
  });

  test('folder and file lifecycle persists across executions', () => {
    const sb = sandboxWith(`
      function make() {
        var reports = DriveApp.createFolder('Reports');
        var may = reports.createFolder('2024-05');
        var f = may.createFile('notes.txt', 'hello drive');
        return { folderId: reports.getId(), subId: may.getId(), fileId: f.getId() };
      }
      function inspect(fileId, subId) {
        var f = DriveApp.getFileById(fileId);
        var parent = f.getParents().next();
        return {
          name: f.getName(), mime: f.getMimeType(), text: f.getBlob().getDataAsString(), size: f.getSize(),
          parent: parent.getName(), grandParent: parent.getParents().next().getName(),
          url: f.getUrl(), download: f.getDownloadUrl(), created: f.getDateCreated() instanceof Date,
          folderUrl: DriveApp.getFolderById(subId).getUrl(),
        };
      }
      function rename(fileId) { DriveApp.getFileById(fileId).setName('renamed.txt').setContent('changed'); }
    `);
    const made = sb.run('make');
    expect(made.error).toBeUndefined();
    const ids = made.value as { folderId: string; subId: string; fileId: string };
    const r = sb.run('inspect', { args: [ids.fileId, ids.subId] });
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual({
      name: 'notes.txt',
      mime: 'text/plain',
      text: 'hello drive',
      size: 11,
      parent: '2024-05',
      grandParent: 'Reports',
      url: `https://drive.google.com/file/d/${ids.fileId}/view?usp=drivesdk`,
      download: `https://drive.google.com/uc?id=${ids.fileId}&export=download`,
      created: true,
      folderUrl: `https://drive.google.com/drive/folders/${ids.subId}`,
    });
    sb.run('rename', { args: [ids.fileId] });
    const listed = listFiles(sb.state).find((f) => f.id === ids.fileId);
    expect(listed).toMatchObject({ name: 'renamed.txt', mimeType: 'text/plain', parentId: ids.subId, trashed: false, size: 7 });
    expect(getFileContent(sb.state, ids.fileId)?.bytes.toString('utf8')).toBe('changed');
  });

  test('iterators by name, exhaustion error, and trash hides items from listings but not from getFileById', () => {
    const sb = sandboxWith(`
      function setup() {
        var a = DriveApp.createFolder('A');
        a.createFile('x.txt', '1'); a.createFile('x.txt', '2'); a.createFile('y.txt', '3');
        var inner = a.createFolder('Inner');
        var deep = inner.createFile('deep.txt', 'deep');
        DriveApp.createFolder('A');
        return { a: a.getId(), inner: inner.getId(), deep: deep.getId() };
      }
      function listing(aId) {
        var a = DriveApp.getFolderById(aId);
        return { files: ${names('a.getFiles()')}, byName: ${names("a.getFilesByName('x.txt')")},
                 folders: ${names('a.getFolders()')}, rootA: ${names("DriveApp.getFoldersByName('A')")},
                 everywhere: ${names("DriveApp.getFilesByName('deep.txt')")} };
      }
      function exhaust(aId) { var it = DriveApp.getFolderById(aId).getFilesByName('y.txt'); it.next(); it.next(); }
      function trashInner(innerId) { DriveApp.getFolderById(innerId).setTrashed(true); }
      function deepState(deepId) { var f = DriveApp.getFileById(deepId); return { trashed: f.isTrashed(), name: f.getName() }; }
    `);
    const ids = sb.run('setup').value as { a: string; inner: string; deep: string };
    const before = sb.run('listing', { args: [ids.a] });
    expect(before.error).toBeUndefined();
    expect(before.value).toEqual({
      files: ['x.txt', 'x.txt', 'y.txt'],
      byName: ['x.txt', 'x.txt'],
      folders: ['Inner'],
      rootA: ['A', 'A'],
      everywhere: ['deep.txt'],
    });
    const ex = sb.run('exhaust', { args: [ids.a] });
    expect(ex.ok).toBe(false);
    expect(ex.error?.message).toBe('Cannot retrieve the next object: iterator has reached the end.');

    sb.run('trashInner', { args: [ids.inner] });
    const after = sb.run('listing', { args: [ids.a] });
    expect((after.value as { folders: string[] }).folders).toEqual([]);
    expect((after.value as { everywhere: string[] }).everywhere).toEqual([]);
    // The file inside the trashed folder counts as trashed but is still reachable by id.
    expect(sb.run('deepState', { args: [ids.deep] }).value).toEqual({ trashed: true, name: 'deep.txt' });
    expect(listFiles(sb.state).find((f) => f.id === ids.deep)?.trashed).toBe(true);
  });

  test('moveTo, makeCopy, addFile/removeFile and sharing records', () => {
    const sb = sandboxWith(`
      function go() {
        var src = DriveApp.createFolder('Src'), dst = DriveApp.createFolder('Dst');
        var f = src.createFile('a.txt', 'abc');
        f.moveTo(dst);
        var copy = f.makeCopy('b.txt', src);
        var copy2 = f.makeCopy();
        src.addFile(f);
        var inBoth = ${names('src.getFiles()')};
        src.removeFile(f);
        f.addEditor('ed@example.org').addViewer('view@example.org');
        f.setSharing(DriveApp.Access.ANYONE_WITH_LINK, DriveApp.Permission.VIEW);
        return { src: ${names('src.getFiles()')}, dst: ${names('dst.getFiles()')}, inBoth: inBoth,
                 copyText: copy.getBlob().getDataAsString(), copy2: copy2.getName(),
                 editors: f.getEditors().map(function (u) { return u.getEmail(); }),
                 access: f.getSharingAccess(), permission: f.getSharingPermission() };
      }`);
    const r = sb.run('go');
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual({
      src: ['b.txt'],
      dst: ['Copy of a.txt', 'a.txt'],
      inBoth: ['a.txt', 'b.txt'],
      copyText: 'abc',
      copy2: 'Copy of a.txt',
      editors: ['ed@example.org'],
      access: 'ANYONE_WITH_LINK',
      permission: 'VIEW',
    });
  });

  test('createFile from a blob-like object and getAs PDF', () => {
    const sb = sandboxWith(`
      function pdf() {
        var f = DriveApp.createFile('letter.txt', 'Dear reader,\\nthis is a letter.', MimeType.PLAIN_TEXT);
        var p = f.getAs(MimeType.PDF);
        var again = DriveApp.getRootFolder().createFile(p);
        return { name: p.getName(), type: p.getContentType(), head: p.getDataAsString().slice(0, 8),
                 savedName: again.getName(), savedType: again.getMimeType(), id: again.getId() };
      }
      function bad() { DriveApp.createFile('x', 'y', 'text/plain').getAs('image/png'); }`);
    const r = sb.run('pdf');
    expect(r.error).toBeUndefined();
    const v = r.value as { name: string; type: string; head: string; savedName: string; savedType: string; id: string };
    expect(v).toMatchObject({ name: 'letter.pdf', type: 'application/pdf', head: '%PDF-1.4', savedName: 'letter.pdf', savedType: 'application/pdf' });
    const bytes = getFileContent(sb.state, v.id)?.bytes;
    expect(bytes?.toString('latin1')).toContain('(this is a letter.) Tj');
    expect(r.calls.filter((c) => c.method === 'File.getAs')).toEqual([{ service: 'DriveApp', method: 'File.getAs', ms: 2000 }]);
    expect(sb.run('bad').error?.message).toBe('Converting from text/plain to image/png is not supported.');
  });

  test('bad ids fail with Drive\'s message; a file id is not a folder id', () => {
    const sb = sandboxWith(`
      function missingFile() { DriveApp.getFileById('nope'); }
      function fileAsFolder() { var f = DriveApp.createFile('a.txt', 'x'); DriveApp.getFolderById(f.getId()); }
      function caught() { try { DriveApp.getFileById('nope'); } catch (e) { return e instanceof Error; } }`);
    const msg = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
    expect(sb.run('missingFile').error?.message).toBe(msg);
    expect(sb.run('fileAsFolder').error?.message).toBe(msg);
    expect(sb.run('caught').value).toBe(true);
  });

  test('simple triggers may not use DriveApp; editor runs may', () => {
    const sb = sandboxWith(`function onOpen() { return DriveApp.getRootFolder().getName(); }`);
    const r = sb.run('onOpen', { kind: 'simpleTrigger' });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toBe('You do not have permission to call DriveApp.getRootFolder');
    expect(sb.run('onOpen').value).toBe('My Drive');
  });

  test('registerFile makes a host file visible to scripts', () => {
    const sb = sandboxWith(`function read(id) { var f = DriveApp.getFileById(id); return [f.getName(), f.getMimeType(), f.getUrl()]; }`);
    const id = registerFile(sb.state, { name: 'Siaran workbook', mimeType: 'application/vnd.google-apps.spreadsheet' });
    expect(sb.run('read', { args: [id] }).value).toEqual(['Siaran workbook', 'application/vnd.google-apps.spreadsheet', `https://docs.google.com/spreadsheets/d/${id}/edit`]);
    expect(listFiles(sb.state).map((f) => f.id)).toContain(id);
  });
});
