/**
 * The published-sample check: a Sheets add-on written in the style of Google's add-on templates
 * (add-on menu, templated sidebar with an included stylesheet, google.script.run) runs in the
 * sandbox, and its sidebar's own script works against the server through the client shim.
 */
import path from 'node:path';
import vm from 'node:vm';
import { parse } from 'node-html-parser';
import { Sandbox } from '../src/sandbox';
import type { ServiceModule } from '../src/service';
import { htmlService, isHtmlOutput } from '../src/services/html';
import { callFromClient, handleRpcBody, injectShim } from '../src/script-run';
import { applyUserEdit, listTabs, selectRange, spreadsheetService } from '../src/services/spreadsheet';

jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

const FIXTURE = path.join(__dirname, 'fixtures', 'addon-sample');

/**
 * A small stand-in for SpreadsheetApp (the real module is separate work): the Ui's add-on menu
 * and sidebar, and an active range whose display values the test sets.
 */
function fakeSpreadsheet(selection: { values: string[][] | null }): ServiceModule {
  return {
    name: 'fake-spreadsheet',
    install: (ctx) => {
      const ui = {
        createAddonMenu() {
          const items: Array<{ caption: string; functionName: string }> = [];
          const menu = {
            addItem(caption: string, functionName: string) {
              items.push({ caption, functionName });
              return menu;
            },
            addToUi() {
              ctx.exec.record('SpreadsheetApp', 'Menu.addToUi', 'ui');
              ctx.exec.ui.push({ type: 'menu', name: 'Add-ons', items, addon: true });
            },
          };
          return menu;
        },
        showSidebar(output: unknown) {
          if (!isHtmlOutput(output)) throw new Error('showSidebar needs an HtmlOutput');
          ctx.exec.record('SpreadsheetApp', 'Ui.showSidebar', 'ui');
          const s = output.__settings();
          ctx.exec.ui.push({ type: 'sidebar', title: s.title, html: s.content });
        },
      };
      return {
        SpreadsheetApp: {
          getUi: () => ui,
          getActiveRange: () => {
            ctx.exec.record('SpreadsheetApp', 'getActiveRange', 'spreadsheetRead');
            const values = selection.values;
            return values ? { getDisplayValues: () => values.map((r) => r.slice()) } : null;
          },
        },
      };
    },
  };
}

function load(selection: { values: string[][] | null }): Sandbox {
  return new Sandbox({
    projectDir: FIXTURE,
    services: [htmlService, fakeSpreadsheet(selection)],
    owner: 'owner@example.org',
    clockMs: Date.UTC(2026, 0, 5),
  });
}

describe('the add-on sample', () => {
  test('onOpen adds the add-on menu', () => {
    const sb = load({ values: null });
    const r = sb.run('onOpen', { kind: 'simpleTrigger', args: [{ authMode: 'LIMITED' }] });
    expect(r.ok).toBe(true);
    expect(r.ui).toEqual([{ type: 'menu', name: 'Add-ons', items: [{ caption: 'Show word counter', functionName: 'showSidebar' }], addon: true }]);
  });

  test('the sidebar is the evaluated template with the stylesheet inlined', () => {
    const sb = load({ values: null });
    const r = sb.run('showSidebar', { kind: 'menu' });
    expect(r.ok).toBe(true);
    const sidebar = r.ui.find((u) => u.type === 'sidebar');
    if (!sidebar || sidebar.type !== 'sidebar') throw new Error('no sidebar shown');
    expect(sidebar.title).toBe('Word counter');
    expect(sidebar.html).not.toContain('<?');
    expect(sidebar.html).toContain('.branding-below');
    expect(sidebar.html).toContain('https://ssl.gstatic.com/docs/script/css/add-ons1.css');
    const root = parse(sidebar.html);
    // The stylesheet landed inside <head>, unescaped.
    expect(root.querySelector('head style')?.text).toContain('bottom: 56px;');
    expect(root.querySelector('head link[rel=stylesheet]')).not.toBeNull();
    expect(root.querySelector('#count-words')?.text).toBe('Count words in selection');
    expect(r.calls.map((c) => `${c.service}.${c.method}`)).toEqual([
      'HtmlService.createTemplateFromFile',
      'HtmlService.evaluate',
      'HtmlService.createHtmlOutputFromFile',
      'HtmlService.getContent',
      'HtmlService.setTitle',
      'SpreadsheetApp.Ui.showSidebar',
    ]);
  });

  test('the sidebar\'s server function works through google.script.run; the private helper does not', () => {
    const selection = { values: [['Halo dunia'], [''], ['satu dua  tiga']] as string[][] | null };
    const sb = load(selection);
    expect(callFromClient(sb, 'getSelectedText', [], 'staff@example.org')).toMatchObject({
      ok: true,
      value: { text: 'Halo dunia\nsatu dua  tiga', words: 5, cells: 2 },
    });
    expect(callFromClient(sb, 'countWords_', ['a b'], 'staff@example.org')).toEqual({
      ok: false,
      error: { name: 'ScriptError', message: 'Script function not found: countWords_' },
    });
    selection.values = null;
    expect(callFromClient(sb, 'getSelectedText', [], 'staff@example.org')).toMatchObject({
      ok: false,
      error: { name: 'Error', message: 'Select some cells first.' },
    });
  });

  test('the sidebar page itself: click, server call, result shown; then an error shown', async () => {
    const selection = { values: [['one two three']] as string[][] | null };
    const sb = load(selection);
    const shown = sb.run('showSidebar').ui.find((u) => u.type === 'sidebar');
    if (!shown || shown.type !== 'sidebar') throw new Error('no sidebar shown');
    const html = injectShim(shown.html, { rpcUrl: '/rpc', user: 'staff@example.org' });
    const root = parse(html);

    // A tiny DOM: elements by id with the properties the sidebar's script touches.
    const elements: Record<string, { id: string; disabled: boolean; textContent: string; onclick: null | (() => void) }> = {};
    for (const el of root.querySelectorAll('[id]')) {
      const id = el.getAttribute('id') as string;
      elements[id] = { id, disabled: false, textContent: '', onclick: null };
    }
    const window: Record<string, unknown> = {
      document: { getElementById: (id: string) => elements[id] ?? null },
      location: { search: '', hash: '' },
      fetch: (url: string, init: { body: string }) => {
        expect(url).toBe('/rpc');
        const { json } = handleRpcBody(sb, init.body, 'nobody@example.org');
        return Promise.resolve({ json: () => Promise.resolve(JSON.parse(json)) });
      },
    };
    const context = vm.createContext(window);
    window.window = context;
    for (const script of root.querySelectorAll('script')) vm.runInContext(script.text, context);

    const button = elements['count-words'];
    expect(typeof button.onclick).toBe('function');
    button.onclick?.call(button);
    expect(button.disabled).toBe(true);
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(elements.result.textContent).toBe('3 words in 1 cells');
    expect(button.disabled).toBe(false);
    expect(sb.history.at(-1)).toMatchObject({ functionName: 'getSelectedText', kind: 'scriptRun', user: 'staff@example.org', ok: true });

    selection.values = null;
    button.onclick?.call(button);
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(elements.error.textContent).toBe('Select some cells first.');
    expect(button.disabled).toBe(false);
  });
});

describe('the add-on sample with the real SpreadsheetApp', () => {
  function loadReal(): Sandbox {
    return new Sandbox({ projectDir: FIXTURE, services: [htmlService, spreadsheetService], owner: 'owner@example.org', clockMs: Date.UTC(2026, 0, 5) });
  }

  test('menu, sidebar and the server call on a real selection', () => {
    const sb = loadReal();
    const menu = sb.run('onOpen', { kind: 'simpleTrigger', args: [{}] });
    expect(menu.ok).toBe(true);
    expect(menu.ui.find((u) => u.type === 'menu')).toMatchObject({ addon: true, items: [{ caption: 'Show word counter', functionName: 'showSidebar' }] });

    const shown = sb.run('showSidebar', { kind: 'menu' });
    expect(shown.ok).toBe(true);
    const sidebar = shown.ui.find((u) => u.type === 'sidebar');
    expect(sidebar).toMatchObject({ title: 'Word counter' });
    expect(sidebar && sidebar.type === 'sidebar' ? sidebar.html : '').toContain('.branding-below');

    const tab = listTabs(sb.state)[0].name;
    applyUserEdit(sb.state, { tab, a1: 'A1', input: 'satu dua', user: 'owner@example.org' });
    applyUserEdit(sb.state, { tab, a1: 'A2', input: 'tiga', user: 'owner@example.org' });
    selectRange(sb.state, tab, 'A1:A3');
    expect(callFromClient(sb, 'getSelectedText', [], 'owner@example.org')).toMatchObject({
      ok: true,
      value: { text: 'satu dua\ntiga', words: 3, cells: 2 },
    });
  });
});
