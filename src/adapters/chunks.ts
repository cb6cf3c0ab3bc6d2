/**
 * Code that only rarely used actions need lives in a project HTML file (a "chunk", built by
 * scripts/build.mjs), read and run only by the executions that call into it. `shared` hands the
 * chunk the modules Code.js already has, so both use one instance of each.
 */
export function loadChunk(file: string, shared: readonly unknown[]): unknown {
  const source = HtmlService.createHtmlOutputFromFile(file).getContent();
  // The chunk is part of this project (dist/<file>.html, pushed with Code.js), not outside input.
  // sourceURL names the chunk in stack traces.
  const run = new Function('shared', `${source}\nreturn SiaranChunk_;\n//# sourceURL=${file}.html`) as (s: readonly unknown[]) => unknown;
  return run(shared);
}
