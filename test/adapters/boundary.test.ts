/**
 * The adapter boundary: outside src/adapters nothing holds an Apps Script object.
 * 1. eslint refuses a GoogleAppsScript.* type in src/server, src/core, src/client, src/shared and
 *    src/main.ts (the lint fixture test/fixtures/lint/sheet-leak.ts, linted under those paths),
 *    and allows it in src/adapters.
 * 2. The TypeScript checker finds no expression outside src/adapters whose type is an Apps Script
 *    type, so a leak through an inferred type (an adapter returning a raw Sheet) fails too.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const fixture = readFileSync(path.join(root, 'test/fixtures/lint/sheet-leak.ts'), 'utf8');

interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
}

const PATHS = ['src/server/report/zz-leak.ts', 'src/core/zz-leak.ts', 'src/client/zz-leak.ts', 'src/shared/zz-leak.ts', 'src/main.ts', 'src/adapters/zz-leak.ts'];

/**
 * Lints `code` as if it were each of `paths`, with the project's config, in one eslint run (a
 * separate node process: eslint.config.mjs is an ES module). Returns the messages by path.
 */
function lintAs(code: string, paths: string[]): Record<string, LintMessage[]> {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = {};
      for (const p of JSON.parse(process.argv[1])) out[p] = (await eslint.lintText(process.env.LINT_CODE, { filePath: p }))[0].messages;
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(paths)], { cwd: root, env: { ...process.env, LINT_CODE: code }, encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout) throw new Error(`eslint failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, LintMessage[]>;
}

describe('eslint: no Apps Script types outside src/adapters', () => {
  let results: Record<string, LintMessage[]>;
  beforeAll(() => {
    results = lintAs(fixture, PATHS);
  }, 120000);

  test.each(PATHS.filter((p) => !p.startsWith('src/adapters/')))('a Sheet type in %s is an error', (asPath) => {
    const messages = results[asPath].filter((m) => m.ruleId === 'no-restricted-syntax');
    expect(messages).toHaveLength(1);
    expect(messages[0].line).toBe(5);
    expect(messages[0].message).toMatch(/^Only src\/adapters may hold Apps Script objects/);
  });

  test('the same code is allowed in src/adapters', () => {
    expect(results['src/adapters/zz-leak.ts']).toEqual([]);
  });
});

describe('typescript: no expression outside src/adapters has an Apps Script type', () => {
  test('every src file outside src/adapters', () => {
    const files = ts.sys.readDirectory(path.join(root, 'src'), ['.ts']).filter((f) => !f.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(50);
    const program = ts.createProgram(files, { noEmit: true, strict: true, skipLibCheck: true, target: ts.ScriptTarget.ES2020, lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'], types: ['google-apps-script', 'node'] });
    const checker = program.getTypeChecker();
    const leaks: string[] = [];
    let checked = 0;
    for (const sf of program.getSourceFiles()) {
      const rel = path.relative(root, sf.fileName).split(path.sep).join('/');
      if (!rel.startsWith('src/') || rel.startsWith('src/adapters/')) continue;
      checked++;
      const visit = (node: ts.Node): void => {
        if (ts.isExpression(node) || ts.isParameter(node) || ts.isVariableDeclaration(node)) {
          const type = checker.typeToString(checker.getTypeAtLocation(node), undefined, ts.TypeFormatFlags.UseFullyQualifiedType | ts.TypeFormatFlags.NoTruncation);
          if (type.includes('GoogleAppsScript.')) {
            const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
            leaks.push(`${rel}:${line + 1} ${node.getText(sf).slice(0, 60)}: ${type.slice(0, 80)}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(checked).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  }, 180000);
});
