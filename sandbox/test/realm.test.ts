/** What the script sees of the sandbox: its own arrays, {} for service objects, its own stack frames. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';

const CODE = `
function arrays() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var r = ss.getSheets()[0].getRange('A1:B2');
  r.setValues([[1, 'x'], [true, new Date(2026, 0, 1)]]);
  var v = r.getValues();
  return [v instanceof Array, v[0] instanceof Array, v instanceof Object, r.getDisplayValues() instanceof Array,
          r.getDisplayValues()[1] instanceof Array, r.getFormulas() instanceof Array, r.getBackgrounds()[0] instanceof Array,
          ss.getSheets() instanceof Array, v[1][1] instanceof Date, ss.getSheets()[0].getSheetValues(1, 1, 1, 1) instanceof Array];
}
function stringify() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = ss.getSheets()[0];
  return [JSON.stringify(sh), JSON.stringify(sh.getRange('A1')), JSON.stringify(ss), JSON.stringify({ s: sh, n: 1, a: [sh] }),
          JSON.stringify({ a: 1, b: 2 }, ['a']), JSON.stringify({ a: 1 }, function (k, v) { return k === 'a' ? v + 1 : v; }), JSON.stringify([1, 'x'], null, 1)];
}
function logs() {
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  Logger.log(sh);
  Logger.log(sh.getRange('A1'));
  Logger.log(MailApp);
  Logger.log(Utilities.newBlob('x'));
  console.log(sh);
  console.log({ range: sh.getRange('A1'), n: 1 });
  console.log([1, 'x']);
}
function boom() { var x = null; return x.foo; }
function serviceError() { SpreadsheetApp.getActiveSpreadsheet().getRange('Nope!A1:'); }
`;

function sandbox(): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-realm-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'Code.js'), CODE);
  return new Sandbox({ projectDir: dir, clockMs: Date.UTC(2026, 2, 2) });
}

describe("the script's realm", () => {
  test('arrays the services return are the script realm arrays', () => {
    const r = sandbox().run('arrays');
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual([true, true, true, true, true, true, true, true, true, true]);
  });

  test('JSON.stringify of a service object is {}; replacers still work', () => {
    expect(sandbox().run('stringify').value).toEqual(['{}', '{}', '{}', '{"s":{},"n":1,"a":[{}]}', '{"a":1}', '{"a":2}', '[\n 1,\n "x"\n]']);
  });

  test('Logger and console never print the sandbox fields or source', () => {
    const r = sandbox().run('logs');
    expect(r.logs).toEqual(['INFO: Sheet', 'INFO: Range', 'INFO: MailApp', 'INFO: Blob', 'INFO: {}', 'INFO: { range: {}, n: 1 }', "INFO: [ 1, 'x' ]"]);
    expect(r.logs.join('\n')).not.toMatch(/ctx|exec|sandbox|Sandbox|api/);
  });

  test('error stacks show the script frames only', () => {
    const sb = sandbox();
    const a = sb.run('boom').error;
    expect(a?.stack).toBe("TypeError: Cannot read properties of null (reading 'foo')\n    at boom (Code:27:42)");
    const b = sb.run('serviceError').error;
    expect(b?.stack?.split('\n')[0]).toBe(`Exception: ${b?.message}`);
    expect(b?.stack).toMatch(/\n {4}at serviceError \(Code:28:\d+\)$/);
    expect(b?.stack).not.toMatch(/sandbox\/src|node:|\.ts:/);
  });
});
