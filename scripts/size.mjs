// npm run size: what each module costs in dist/Code.js and in each chunk (esbuild's metafile: bytes
// of a module's code in the bundle before local names are shortened; the totals are the files
// as written). Prints a Markdown table (README "Bundle size").
import { Buffer } from 'node:buffer';
import { buildServer } from './build.mjs';

const kb = (n) => (n / 1024).toFixed(1);
const server = await buildServer();
const out = (meta) => Object.values(meta.outputs)[0];
const rows = (meta) =>
  Object.entries(out(meta).inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([file, v]) => ({ file: file.replace(/^chunk:|^shared:/, ''), bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
const top = Number(process.argv.find((a) => /^--top=/.test(a))?.slice(6) ?? 25);

function table(title, file, meta, size) {
  const r = rows(meta);
  const sum = r.reduce((s, x) => s + x.bytes, 0);
  console.log(`\n### ${title}: ${kb(size)} KB written (${kb(sum)} KB of module code before shortening local names)\n`);
  console.log('| module | KB | share |\n|---|---:|---:|');
  for (const x of r.slice(0, top)) console.log(`| ${x.file} | ${kb(x.bytes)} | ${((100 * x.bytes) / sum).toFixed(1)}% |`);
  if (r.length > top) {
    const rest = r.slice(top).reduce((s, x) => s + x.bytes, 0);
    console.log(`| ${r.length - top} smaller modules | ${kb(rest)} | ${((100 * rest) / sum).toFixed(1)}% |`);
  }
  // By folder, for the overview.
  const dirs = new Map();
  for (const x of r) {
    const d = x.file.split('/').slice(0, 2).join('/');
    dirs.set(d, (dirs.get(d) ?? 0) + x.bytes);
  }
  console.log(`\n${file} by folder: ${[...dirs].sort((a, b) => b[1] - a[1]).map(([d, b]) => `${d} ${kb(b)} KB`).join(', ')}`);
}

table('dist/Code.js (loaded by every execution)', 'Code.js', server.metafile, Buffer.byteLength(server.text));
for (const c of server.chunks) table(`dist/${c.name} (loaded only by the actions that need it)`, c.name, c.metafile, Buffer.byteLength(c.text));
