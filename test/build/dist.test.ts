/**
 * dist/Code.js must be what Apps Script can run: a classic script (no import/export, no Node
 * modules) whose only globals are the entry points of src/main.ts plus the bundle's namespace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const code = readFileSync(path.join(root, 'dist/Code.js'), 'utf8');

/** Names exported by src/main.ts, read with the TypeScript compiler (direct and re-exports). */
let cachedExports: string[] | undefined;
function mainExports(): string[] {
  if (cachedExports) return cachedExports;
  const program = ts.createProgram([path.join(root, 'src/main.ts')], { noEmit: true, strict: true, skipLibCheck: true, types: ['google-apps-script', 'node'] });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(path.join(root, 'src/main.ts'))!;
  const sym = checker.getSymbolAtLocation(sf)!;
  cachedExports = checker.getExportsOfModule(sym).map((s) => s.getName()).sort();
  return cachedExports;
}

describe('dist/Code.js', () => {
  const sf = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2019, true, ts.ScriptKind.JS);

  test('parses as a classic script (no import/export)', () => {
    expect(() => new vm.Script(code, { filename: 'Code.js' })).not.toThrow();
    const moduleSyntax = sf.statements.filter((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s));
    expect(moduleSyntax).toHaveLength(0);
  });

  test('is at most 250 KB, 250,000 bytes (Apps Script loads it for every execution; npm run size shows what costs what)', () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThanOrEqual(250_000);
  });

  test('uses no Node modules', () => {
    expect(code).not.toMatch(/\brequire\s*\(\s*['"]/);
    expect(code).not.toMatch(/\bprocess\.env\b/);
    expect(code).not.toMatch(/\bBuffer\./);
  });

  test('every export of src/main.ts is a top-level function declaration, and nothing else is global', () => {
    const exported = mainExports();
    expect(exported.length).toBeGreaterThan(3);
    const functions: string[] = [];
    const variables: string[] = [];
    for (const s of sf.statements) {
      if (ts.isFunctionDeclaration(s) && s.name) functions.push(s.name.text);
      else if (ts.isVariableStatement(s)) s.declarationList.declarations.forEach((d) => variables.push(d.name.getText()));
      else if (!ts.isExpressionStatement(s) && !ts.isEmptyStatement(s)) throw new Error(`Unexpected top-level ${ts.SyntaxKind[s.kind]}`);
    }
    expect(functions.sort()).toEqual(exported);
    // The one namespace the entry functions delegate to; it is not a function.
    expect(variables).toEqual(['Siaran_']);
  });

  test('simple triggers and the web app entry points are there', () => {
    const exported = mainExports();
    for (const name of ['onOpen', 'onEdit', 'menuSetup', 'menuOpenPanel']) expect(exported).toContain(name);
  });

  test('a thrown error\'s stack names the real functions, not shortened ones', () => {
    // The build shortens local names only: a stand-in menu that throws from addItem must show the
    // project's own functions (fill, addMenu, buildMenu, onOpen) in the stack, as Apps Script's
    // execution log would.
    const failing = () => {
      const menu = {
        addItem: () => {
          throw new Error('stand-in failure');
        },
        addSeparator: () => menu,
        addSubMenu: () => menu,
        addToUi: () => undefined,
      };
      return menu;
    };
    const sandbox: Record<string, unknown> = {
      SpreadsheetApp: {
        getUi: () => ({ createMenu: failing }),
        getActiveSpreadsheet: () => ({
          getSheets: () => [],
          createDeveloperMetadataFinder: () => ({ withKey: () => ({ find: () => [] }) }),
        }),
      },
      Session: { getActiveUser: () => ({ getEmail: () => '' }) },
    };
    vm.createContext(sandbox);
    vm.runInContext(code, sandbox, { filename: 'Code.js' });
    let stack = '';
    try {
      (sandbox.onOpen as () => void)();
    } catch (e) {
      stack = String((e as Error).stack);
    }
    expect(stack).toContain('stand-in failure');
    const names = [...stack.matchAll(/^\s*at (?:Object\.)?([\w$.]+) \(Code\.js:/gm)].map((m) => m[1]);
    for (const name of ['fill', 'addMenu', 'buildMenu', 'onOpen']) expect(names).toContain(name);
    // No frame of the bundle is named like a shortened local (one or two characters).
    expect(names.filter((n) => n.length <= 2)).toEqual([]);
  });

  test('loads in node:vm with stand-in Apps Script globals and onOpen builds the menu', () => {
    const menus: Array<{ name: string; items: string[] }> = [];
    const makeMenu = (name: string) => {
      const items: string[] = [];
      const menu = {
        addItem: (caption: string, fn: string) => (items.push(`${caption}=>${fn}`), menu),
        addSeparator: () => menu,
        addSubMenu: (sub: { __items: string[] }) => (items.push(...sub.__items.map((i) => `sub:${i}`)), menu),
        addToUi: () => void menus.push({ name, items }),
        __items: items,
      };
      return menu;
    };
    const ui = { createMenu: makeMenu, createAddonMenu: () => makeMenu('addon') };
    const sandbox: Record<string, unknown> = {
      SpreadsheetApp: {
        getUi: () => ui,
        // No Siaran tabs yet: onOpen must still build the menu (default language).
        getActiveSpreadsheet: () => ({
          getSheets: () => [],
          createDeveloperMetadataFinder: () => ({ withKey: () => ({ find: () => [] }) }),
        }),
      },
      Session: { getActiveUser: () => ({ getEmail: () => '' }) },
    };
    vm.createContext(sandbox);
    vm.runInContext(code, sandbox);
    expect(typeof sandbox.onOpen).toBe('function');
    (sandbox.onOpen as () => void)();
    expect(menus).toHaveLength(1);
    expect(menus[0].name).toBe('Siaran');
    expect(menus[0].items).toContain('Buka panel=>menuOpenPanel');
    expect(menus[0].items.some((i) => i.endsWith('=>menuSetup'))).toBe(true);
    // Every menu item names a function the script really defines.
    for (const item of menus[0].items) {
      const fn = item.split('=>')[1];
      expect(mainExports()).toContain(fn);
    }
  });
});
