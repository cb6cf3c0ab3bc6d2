/**
 * Several users: user properties belong to one user; installable triggers run as the user who
 * created them, whoever caused them; a web app runs as its deployer or as its visitor.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { advanceClock, editCell } from '../src/actions';
import { webAppRequest } from '../src/webapp';
import { callFromClient, clientShim, handleRpcBody } from '../src/script-run';

const OWNER = 'owner@example.org';
const ANA = 'ana@example.org';
const BUDI = 'budi@example.org';

/** What google.script.run's success handler would get (undefined when the call failed). */
const valueOf = (r: ReturnType<typeof callFromClient>): unknown => (r.ok ? r.value : undefined);

const CODE = `
function setMine(v) { PropertiesService.getUserProperties().setProperty('k', v); }
function getMine() { return PropertiesService.getUserProperties().getProperty('k'); }
function who() { return Session.getEffectiveUser().getEmail() + '|' + Session.getActiveUser().getEmail(); }
function note(what) {
  var p = PropertiesService.getScriptProperties();
  p.setProperty('seen', (p.getProperty('seen') || '') + what + ';');
}
function installClock() { ScriptApp.newTrigger('onClock').timeBased().everyHours(1).create(); }
function installEdit() { ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
function onClock() { note('clock:' + Session.getEffectiveUser().getEmail() + ':' + getMine()); }
function onEditInstalled(e) { note('edit:' + Session.getEffectiveUser().getEmail() + ':' + getMine() + ':' + e.range.getA1Notation()); }
function seen() { return PropertiesService.getScriptProperties().getProperty('seen'); }
function doGet() { return ContentService.createTextOutput(who() + '|' + getMine()); }
`;

function sandbox(executeAs: 'USER_DEPLOYING' | 'USER_ACCESSING' = 'USER_DEPLOYING'): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-users-'));
  writeFileSync(
    path.join(dir, 'appsscript.json'),
    JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8', webapp: { executeAs, access: 'ANYONE' } }),
  );
  writeFileSync(path.join(dir, 'Code.js'), CODE);
  return new Sandbox({ projectDir: dir, owner: OWNER, clockMs: Date.UTC(2026, 2, 2, 1) });
}

describe('user properties', () => {
  test('each user sees only their own', () => {
    const sb = sandbox();
    sb.run('setMine', { user: ANA, args: ['ana-value'] });
    sb.run('setMine', { user: BUDI, args: ['budi-value'] });
    expect(sb.run('getMine', { user: ANA }).value).toBe('ana-value');
    expect(sb.run('getMine', { user: BUDI }).value).toBe('budi-value');
    expect(sb.run('getMine', { user: OWNER }).value).toBeNull();
  });
});

describe('installable triggers run as the user who created them', () => {
  test('a time-driven trigger Ana created runs as Ana, with her user properties', () => {
    const sb = sandbox();
    sb.run('setMine', { user: ANA, args: ['ana-value'] });
    sb.run('installClock', { user: ANA });
    advanceClock(sb, sb.state.clockMs + 61 * 60_000);
    expect(sb.run('seen').value).toBe('clock:ana@example.org:ana-value;');
  });

  test("an edit trigger Ana created runs as Ana when Budi edits; Budi's own properties stay his", () => {
    const sb = sandbox();
    sb.run('setMine', { user: ANA, args: ['ana-value'] });
    sb.run('setMine', { user: BUDI, args: ['budi-value'] });
    sb.run('installEdit', { user: ANA });
    editCell(sb, BUDI, 'Sheet1', 'B2', 'hello');
    expect(sb.run('seen').value).toBe('edit:ana@example.org:ana-value:B2;');
  });
});

describe('web apps', () => {
  const visit = (sb: Sandbox, user: string) => webAppRequest(sb, { method: 'GET', url: 'https://script.example/exec', user }).body;

  test('deployed to execute as the deployer: every visitor runs as the owner', () => {
    const sb = sandbox('USER_DEPLOYING');
    sb.run('setMine', { user: OWNER, args: ['owner-value'] });
    sb.run('setMine', { user: BUDI, args: ['budi-value'] });
    const [effective, , props] = visit(sb, BUDI).split('|');
    expect([effective, props]).toEqual([OWNER, 'owner-value']);
    // google.script.run from the web app's page runs as the web app does; from a sidebar, as the user.
    expect(valueOf(callFromClient(sb, 'who', [], BUDI, { webApp: true }))).toMatch(/^owner@example\.org\|/);
    expect(valueOf(callFromClient(sb, 'who', [], BUDI))).toMatch(/^budi@example\.org\|/);
    // The shim of a web app page says so in each call; the server runs the call accordingly.
    expect(clientShim({ rpcUrl: '/rpc', user: BUDI, webApp: true })).toContain('"webApp":true');
    const rpc = (webApp: boolean) => JSON.parse(handleRpcBody(sb, JSON.stringify({ fn: 'who', args: [], user: BUDI, ...(webApp ? { webApp } : {}) }), BUDI).json) as { value: string };
    expect(rpc(true).value).toMatch(/^owner@example\.org\|/);
    expect(rpc(false).value).toMatch(/^budi@example\.org\|/);
  });

  test('deployed to execute as the user accessing it: each visitor runs as themselves', () => {
    const sb = sandbox('USER_ACCESSING');
    sb.run('setMine', { user: BUDI, args: ['budi-value'] });
    expect(visit(sb, BUDI)).toBe('budi@example.org|budi@example.org|budi-value');
    expect(valueOf(callFromClient(sb, 'who', [], BUDI, { webApp: true }))).toBe('budi@example.org|budi@example.org');
  });
});
