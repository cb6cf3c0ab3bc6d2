// Builds the Apps Script project into dist/:
//   dist/Code.js         the server bundle, with one top-level function per export of src/main.ts
//   dist/appsscript.json the manifest
//   dist/<page>.html     each page of src/html, with its client TypeScript bundled and inlined
// Apps Script only sees top-level function declarations, and serves no separate JS/CSS files.
import { build } from 'esbuild';
import { minify } from 'terser';
import * as acorn from 'acorn';
import { mkdir, readFile, readdir, rm, writeFile as writeFileRaw, rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
// The one global the bundle needs: a namespace the entry functions delegate to. Not a function,
// so google.script.run cannot call it, and its name ends in _ as Apps Script's private names do.
export const BUNDLE_GLOBAL = 'Siaran_';

async function buildServer() {
  // The metafile lists an entry's exports only for ESM output: ask it once for the names.
  const probe = await build({
    entryPoints: [path.join(root, 'src/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2019',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const exports = [...Object.values(probe.metafile.outputs)[0].exports].sort();
  const result = await build({
    entryPoints: [path.join(root, 'src/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    platform: 'neutral',
    target: 'es2019',
    // Whitespace and syntax only: names stay readable in Apps Script's stack traces and editor.
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  const code = await shortenLocals(result.outputFiles[0].text);
  const stubs = exports
    .map((name) => `function ${name}() {\n  return ${BUNDLE_GLOBAL}.${name}.apply(this, arguments);\n}`)
    .join('\n');
  const header = '// Siaran: built from src/ by scripts/build.mjs. Do not edit; edit src/ and rebuild.\n';
  // esbuild emits `var Siaran_ = (() => {...})();`: one global var, then the entry functions.
  return { text: `${header}${code}\n${stubs}\n`, exports };
}

/**
 * Shortens the names of local variables and parameters (terser's mangler, no other rewriting), and
 * keeps every name a stack trace shows: function declarations, named function expressions,
 * classes, and variables that hold a function or class (`const f = () => ...` is named f in a
 * stack trace). Property names are never touched. test/build/dist.test.ts checks a thrown error's
 * stack still names the real functions.
 */
export async function shortenLocals(code) {
  const keep = new Set();
  const isFn = (n) => n && /^(FunctionExpression|ArrowFunctionExpression|ClassExpression)$/.test(n.type);
  (function walk(n) {
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && isFn(n.init)) keep.add(n.id.name);
    if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && isFn(n.right)) keep.add(n.left.name);
    if (n.type === 'AssignmentPattern' && n.left.type === 'Identifier' && isFn(n.right)) keep.add(n.left.name);
    for (const key of Object.keys(n)) {
      const v = n[key];
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c.type === 'string') walk(c);
      }
      else if (v && typeof v.type === 'string') walk(v);
    }
  })(acorn.parse(code, { ecmaVersion: 2020 }));
  const out = await minify(code, {
    ecma: 2019,
    compress: false,
    mangle: { keep_fnames: true, keep_classnames: true, reserved: [...keep] },
    format: { comments: false, ascii_only: false },
  });
  return out.code;
}

async function bundleClient(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  // Inline safely inside <script>: a literal "</script" would end the element early.
  return result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
}

async function buildPages() {
  const htmlDir = path.join(root, 'src/html');
  const names = (await readdir(htmlDir)).filter((f) => f.endsWith('.html'));
  const pages = [];
  for (const name of names) {
    let html = await readFile(path.join(htmlDir, name), 'utf8');
    // <!-- @bundle client/foo.ts --> is replaced by the bundled client script.
    const marks = [...html.matchAll(/<!--\s*@bundle\s+([\w./-]+)\s*-->/g)];
    for (const m of marks) {
      const js = await bundleClient(path.join(root, 'src', m[1]));
      html = html.replace(m[0], () => `<script>${js}</script>`);
    }
    // <!-- @style html/foo.css --> is replaced by the stylesheet.
    const styles = [...html.matchAll(/<!--\s*@style\s+([\w./-]+)\s*-->/g)];
    for (const m of styles) {
      const css = await readFile(path.join(root, 'src', m[1]), 'utf8');
      html = html.replace(m[0], () => `<style>${css}</style>`);
    }
    await writeFile(path.join(dist, name), html);
    pages.push(name);
  }
  return pages;
}

/**
 * Each file is written to a temp name and renamed into place, and stale files are removed last, so
 * a process reading dist/ while another builds it (parallel test runs) never sees a missing file.
 */
const written = new Set();
async function writeFile(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFileRaw(tmp, text);
  await rename(tmp, file);
  written.add(path.basename(file));
}

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  written.clear();
  await mkdir(dist, { recursive: true });
  const server = await buildServer();
  await writeFile(path.join(dist, 'Code.js'), server.text);
  await writeFile(path.join(dist, 'appsscript.json'), await readFile(path.join(root, 'appsscript.json'), 'utf8'));
  const pages = await buildPages();
  for (const f of await readdir(dist)) {
    if (!written.has(f) && !f.endsWith('.tmp')) await rm(path.join(dist, f), { recursive: true, force: true });
  }
  if (!quiet) {
    console.log(
      `dist/ built in ${Date.now() - started} ms: Code.js (${server.exports.length} entry points), ` +
        `${pages.length} page(s): ${pages.join(', ')}`,
    );
  }
  return { exports: server.exports, pages };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAll().catch((err) => {
    console.error(err.message || err);
    process.exit(1);
  });
}
