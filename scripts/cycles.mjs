#!/usr/bin/env node
// Lists import cycles among the TypeScript files of the given folders (type-only imports count too:
// a cycle of types still ties the files together). Exits 1 when there is any. Usage:
//   node scripts/cycles.mjs src sandbox/src
import fs from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2);
if (!roots.length) {
  console.error('usage: node scripts/cycles.mjs DIR [DIR...]');
  process.exit(2);
}
const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) files.push(path.resolve(p));
  }
};
roots.forEach(walk);
const known = new Set(files);
const resolve = (from, spec) => {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, path.join(base, 'index.ts')]) if (known.has(c)) return c;
  return null;
};
const graph = new Map();
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  const deps = new Set();
  for (const m of text.matchAll(IMPORT)) {
    const r = resolve(f, m[1] ?? m[2] ?? m[3]);
    if (r) deps.add(r);
  }
  graph.set(f, [...deps]);
}
// Tarjan's strongly connected components: every component of more than one file is a cycle.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const on = new Set();
const sccs = [];
const strong = (v) => {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of graph.get(v)) {
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1 || graph.get(v).includes(v)) sccs.push(c);
  }
};
for (const f of files) if (!idx.has(f)) strong(f);
const rel = (f) => path.relative(process.cwd(), f);
if (!sccs.length) {
  console.log(`No import cycles in ${roots.join(', ')} (${files.length} files).`);
  process.exit(0);
}
for (const c of sccs) console.log(`cycle: ${c.map(rel).sort().join(' <-> ')}`);
process.exit(1);
