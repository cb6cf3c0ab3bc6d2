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

// Code that only rarely used actions need (the report, the records export, the insight import, the
// demo month) is built into its own project file, dist/<name>.html, which the script reads and runs
// only when such an action runs (src/adapters/chunks.ts). Apps Script loads every .gs file for every
// execution, so a separate .gs file would not make an onEdit or a panel call lighter; an HTML file is
// read only when asked for. A gate is a module whose exported functions the rest of the script calls:
// in Code.js each becomes a small function of the same name that loads the chunk once per execution
// and calls the real one. Only functions can be exported across a gate (esbuild stops the build
// with "No matching export" if Code.js imports anything else from a gate). The chunk uses the very
// module instances of Code.js for everything Code.js has (settings, the workbook, i18n, errors...),
// so there is one copy of each module and of its state.
export const CHUNKS = [
  {
    name: 'ServerExtras',
    gates: ['src/server/report/entry.ts', 'src/server/report/monthly.ts', 'src/server/report/request.ts', 'src/server/report/files-entry.ts', 'src/server/insights/entry.ts', 'src/server/schedule/entry.ts', 'src/server/demo.ts', 'src/server/setup.ts', 'src/server/approvals/menus.ts', 'src/server/archive/entry.ts', 'src/server/approvals/mail-send.ts', 'src/server/approvals/submit-page.ts', 'src/server/archive/read.ts'],
  },
];
const CHUNK_GLOBAL = 'SiaranChunk_';

const serverOptions = {
  bundle: true,
  platform: 'neutral',
  target: 'es2019',
  // Whitespace and syntax only: names stay readable in Apps Script's stack traces and editor.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'utf8',
  legalComments: 'none',
  write: false,
  metafile: true,
  logLevel: 'warning',
};

/**
 * Marks every `defineMessages(...)` call as pure, so a message table that nothing reads is left out
 * of the bundle (esbuild keeps a call it cannot prove free of side effects).
 */
const pureMessages = {
  name: 'pure-messages',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('defineMessages(')) return undefined;
      return { contents: text.replace(/\bdefineMessages\(/g, '/* @__PURE__ */ defineMessages('), loader: 'ts' };
    });
  },
};

const abs = (p) => path.resolve(root, p);
const rel = (p) => path.relative(root, p).split(path.sep).join('/');

/** The exported names of a module, and whether each is a function (esbuild's ESM output, read with acorn). */
async function exportsOf(file) {
  const r = await build({ ...serverOptions, entryPoints: [abs(file)], format: 'esm', minifySyntax: false, logLevel: 'silent' });
  const ast = acorn.parse(r.outputFiles[0].text, { ecmaVersion: 2020, sourceType: 'module' });
  const fns = new Set(ast.body.filter((n) => n.type === 'FunctionDeclaration').map((n) => n.id.name));
  const out = [];
  for (const n of ast.body) {
    if (n.type !== 'ExportNamedDeclaration') continue;
    for (const sp of n.specifiers) out.push({ name: sp.exported.name, fn: fns.has(sp.local.name) });
  }
  return out;
}

/**
 * esbuild plugin: resolves every relative import first, then lets `redirect(absPath)` send it to a
 * virtual module ({namespace, path}) or keep it.
 */
function redirectPlugin(name, redirect, load) {
  return {
    name,
    setup(b) {
      b.onResolve({ filter: /^[./]/ }, async (args) => {
        if (args.pluginData === name) return undefined;
        const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: name });
        if (r.errors.length || r.namespace !== 'file') return undefined;
        return redirect(r.path) ?? { path: r.path };
      });
      b.onResolve({ filter: /^chunk:/ }, (args) => ({ path: args.path, namespace: name }));
      b.onLoad({ filter: /.*/, namespace: name }, (args) => ({ contents: load(args.path), resolveDir: root, loader: 'js' }));
    },
  };
}

/** Code.js with each chunk's gates replaced by loaders; `shared[i]` lists what chunk i takes from Code.js. */
async function buildMain(chunks, gateExports, shared) {
  const gateOf = new Map();
  chunks.forEach((c, ci) => c.gates.forEach((g, gi) => gateOf.set(abs(g), { ci, gi })));
  const plugin = redirectPlugin(
    'gates',
    (p) => (gateOf.has(p) ? { path: `gate:${gateOf.get(p).ci}:${gateOf.get(p).gi}`, namespace: 'gates' } : undefined),
    (p) => {
      const [kind, ci, gi] = p.split(':');
      const chunk = chunks[Number(ci)];
      if (kind === 'chunk') {
        // What the chunk takes from Code.js (src/ exports only functions and constants, never a
        // `let`, so the values do not change after loading).
        const mods = shared[ci] ?? [];
        const local = (i, j) => `s${i}_${j}`;
        return [
          `import { loadChunk } from ${JSON.stringify(abs('src/adapters/chunks.ts'))};`,
          ...mods.map((m, i) => `import { ${m.names.map((n, j) => `${n} as ${local(i, j)}`).join(', ')} } from ${JSON.stringify(abs(m.key))};`),
          'let loaded;',
          'export function chunk() {',
          '  if (loaded) return loaded;',
          `  const shared = [${mods.map((m, i) => `{ ${m.names.map((n, j) => `${n}: ${local(i, j)}`).join(', ')} }`).join(', ')}];`,
          `  return (loaded = loadChunk(${JSON.stringify(chunk.name)}, shared));`,
          '}',
        ].join('\n');
      }
      return [
        `import { chunk } from "chunk:${ci}";`,
        ...gateExports[ci][gi]
          .filter((e) => e.fn)
          .map((e) => `export function ${e.name}() { return chunk().g${gi}.${e.name}.apply(this, arguments); }`),
      ].join('\n');
    },
  );
  return build({ ...serverOptions, entryPoints: [abs('src/main.ts')], format: 'iife', globalName: BUNDLE_GLOBAL, plugins: [pureMessages, plugin] });
}

/** The exported names of each module (one esbuild run without bundling). */
async function exportNames(files) {
  const r = await build({ entryPoints: files.map(abs), outdir: path.join(root, '.names'), outbase: root, format: 'esm', platform: 'neutral', write: false, metafile: true, logLevel: 'silent' });
  const out = new Map();
  for (const o of Object.values(r.metafile.outputs)) if (o.entryPoint) out.set(rel(abs(o.entryPoint)), o.exports);
  return out;
}

/**
 * One chunk: its gates' modules and what only they use; what Code.js has comes from `shared`.
 * Returns the chunk and, per module it takes from Code.js, the names it uses (read from an ESM
 * build of the chunk with those modules left external).
 */
async function buildChunk(chunk, mainInputs) {
  const entry = chunk.gates.map((g, i) => `export * as g${i} from ${JSON.stringify(abs(g))};`).join('\n');
  // The probe sees each module of Code.js as its list of exports, re-exported from an external
  // module, so `export * from` resolves statically and only the names used stay imported.
  const names = await exportNames([...mainInputs]);
  const probePlugin = redirectPlugin(
    'probe',
    (p) => (mainInputs.has(rel(p)) ? { path: `mod:${rel(p)}`, namespace: 'probe' } : undefined),
    (p) => (p === 'chunk:entry' ? entry : `export { ${names.get(p.slice(4)).join(', ')} } from ${JSON.stringify(`shared:${p.slice(4)}`)};`),
  );
  const externals = { name: 'externals', setup: (b) => b.onResolve({ filter: /^shared:/ }, (args) => ({ path: args.path, external: true })) };
  const probe = await build({ ...serverOptions, minifySyntax: false, minifyWhitespace: false, entryPoints: ['chunk:entry'], format: 'esm', plugins: [pureMessages, externals, probePlugin] });
  const used = new Map();
  for (const n of acorn.parse(probe.outputFiles[0].text, { ecmaVersion: 2020, sourceType: 'module' }).body) {
    if (n.type !== 'ImportDeclaration') continue;
    const key = n.source.value.replace(/^shared:/, '');
    const names = used.get(key) ?? new Set();
    for (const sp of n.specifiers) {
      if (sp.type !== 'ImportSpecifier') throw new Error(`build: the chunk ${chunk.name} imports all of ${key}; import names instead`);
      names.add(sp.imported.name);
    }
    used.set(key, names);
  }
  const order = [...used.keys()];
  const plugin = redirectPlugin(
    'shared',
    (p) => (used.has(rel(p)) ? { path: `shared:${rel(p)}`, namespace: 'shared' } : undefined),
    (p) => (p === 'chunk:entry' ? entry : `module.exports = shared[${order.indexOf(p.slice(7))}];`),
  );
  const result = await build({ ...serverOptions, entryPoints: ['chunk:entry'], format: 'iife', globalName: CHUNK_GLOBAL, plugins: [pureMessages, plugin] });
  return { result, used: order.map((key) => ({ key, names: [...used.get(key)] })) };
}

// SIARAN_CHUNKS=0 builds everything into Code.js (to compare, or if a deployment cannot run chunks).
const defaultChunks = () => (process.env.SIARAN_CHUNKS === '0' ? [] : CHUNKS);

export async function buildServer({ chunks = defaultChunks() } = {}) {
  // The metafile lists an entry's exports only for ESM output: ask it once for the names.
  const exports = (await exportsOf('src/main.ts')).map((e) => e.name).sort();
  const gateExports = await Promise.all(chunks.map((c) => Promise.all(c.gates.map(exportsOf))));
  // 1. Code.js without the chunks: which modules it keeps code of. 2. Each chunk, taking those
  // modules from Code.js. 3. Code.js again, handing each chunk what it takes. A module of src/core
  // (pure functions and tables, no state) that would grow in Code.js only to serve a chunk is left
  // out of the shared set and the chunk gets its own copy instead (2 and 3 again): so the report's
  // model stays out of Code.js although Code.js keeps one constant of it. Modules with state
  // (src/server, src/adapters) and classes (instanceof) always come from Code.js: one instance.
  const first = await buildMain(chunks, gateExports, []);
  const sizes = (r) => {
    const inputs = Object.values(r.metafile.outputs)[0].inputs;
    return new Map(Object.keys(inputs).filter((k) => k.startsWith('src/') && inputs[k].bytesInOutput > 0).map((k) => [k, inputs[k].bytesInOutput]));
  };
  const base = sizes(first);
  const shared = new Set(base.keys());
  const mayCopy = async (k) => k.startsWith('src/core/') && !/\bclass\s/.test(await readFile(abs(k), 'utf8'));
  let built;
  let result;
  for (let round = 0; ; round++) {
    built = await Promise.all(chunks.map((c) => buildChunk(c, shared)));
    result = await buildMain(chunks, gateExports, built.map((b) => b.used));
    const grown = [...sizes(result)].filter(([k, n]) => n > (base.get(k) ?? 0)).map(([k]) => k);
    const copy = [];
    for (const k of grown) if (shared.has(k) && (await mayCopy(k))) copy.push(k);
    if (!copy.length) {
      const foreign = grown.filter((k) => !base.has(k) && !k.startsWith('src/core/'));
      // An adapter the chunks reach through a shared module comes along (one instance; its size counts).
      if (foreign.some((k) => !k.startsWith('src/adapters/'))) throw new Error(`build: ${foreign.join(', ')} came into Code.js only for the chunks`);
      break;
    }
    if (round > 5) throw new Error(`build: the chunks' shared modules do not settle (${copy.join(', ')})`);
    for (const k of copy) shared.delete(k);
  }
  const code = await shortenLocals(result.outputFiles[0].text);
  const stubs = exports
    .map((name) => `function ${name}() {\n  return ${BUNDLE_GLOBAL}.${name}.apply(this, arguments);\n}`)
    .join('\n');
  const header = '// Siaran: built from src/ by scripts/build.mjs. Do not edit; edit src/ and rebuild.\n';
  // esbuild emits `var Siaran_ = (() => {...})();`: one global var, then the entry functions.
  const files = [];
  for (let i = 0; i < chunks.length; i++) {
    const text = await shortenLocals(built[i].result.outputFiles[0].text);
    files.push({ name: `${chunks[i].name}.html`, text, metafile: built[i].result.metafile });
  }
  return { text: `${header}${code}\n${stubs}\n`, exports, metafile: result.metafile, chunks: files };
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
  for (const c of server.chunks) await writeFile(path.join(dist, c.name), c.text);
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
