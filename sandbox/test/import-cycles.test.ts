/**
 * The sandbox's modules import each other without cycles at run time (type-only imports are
 * erased by the compiler and do not count). A cycle makes a module see another's exports as
 * undefined depending on which one loads first.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..', 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return n.endsWith('.ts') ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [`${base}.ts`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      /* not this one */
    }
  }
  return undefined;
}

/** Relative modules a file imports or re-exports values from. */
function valueImports(file: string, source: string): string[] {
  const out: string[] = [];
  const re = /^(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+'(\.[^']*)'/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    if (m[2]) continue;
    const target = resolve(file, m[4]);
    if (target) out.push(target);
  }
  return out;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 'open') found.push(stack.slice(stack.indexOf(d)).concat(d));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe('sandbox modules', () => {
  test('the import scanner sees value imports and skips type-only ones', () => {
    const file = path.join(SRC, 'services', 'x.ts');
    const src = "import type { A } from './document-model';\nimport { b } from '../pdf';\nexport { c } from './blob';\n";
    expect(valueImports(file, src).map((p) => path.relative(SRC, p))).toEqual(['pdf.ts', path.join('services', 'blob.ts')]);
    expect(cycles(new Map([['a', ['b']], ['b', ['a']]]))).toEqual([['a', 'b', 'a']]);
  });

  test('have no import cycles at run time', () => {
    const graph = new Map<string, string[]>();
    for (const f of tsFiles(SRC)) graph.set(f, valueImports(f, readFileSync(f, 'utf8')));
    expect(graph.size).toBeGreaterThan(20);
    expect(cycles(graph).map((c) => c.map((p) => path.relative(SRC, p)).join(' > '))).toEqual([]);
  });
});
