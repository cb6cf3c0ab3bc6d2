/**
 * The workbench page: the sandbox's workbook as Google Sheets shows it (menu bar, grid, tab strip,
 * script sidebar and dialogs), plus panels for what Google keeps elsewhere (sent mail, Drive,
 * the clock, triggers, the executions log). Bundled by the server with esbuild.
 */

interface MenuItem {
  caption: string;
  functionName: string;
}
interface Menu {
  name: string;
  items: Array<MenuItem | { separator: true }>;
}
interface UiEvent {
  type: 'toast' | 'alert' | 'prompt' | 'sidebar' | 'dialog';
  title?: string;
  message?: string;
  prompt?: string;
  url?: string;
  width?: number;
  height?: number;
}
interface NeedsReply {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
}
interface RunReport {
  functionName: string;
  kind: string;
  ok: boolean;
  error?: string;
  needsReply?: NeedsReply;
  ui: UiEvent[];
}
interface ClockInfo {
  clockMs: number;
  iso: string;
  local: string;
  timeZone: string;
}
interface ClockProgress {
  running: boolean;
  fired?: number;
  remaining?: number;
  at?: string;
  to?: string;
  failed?: number;
}
interface AppState {
  version: number;
  /** The sheet the script (or the user) made active: the tab to show. */
  activeSheet?: string;
  clockJob?: ClockProgress;
  owner: string;
  user: string;
  users: string[];
  timeZone: string;
  clock: ClockInfo;
  tabs: unknown[];
  menus: Menu[];
  functions: string[];
  webAppUrl: string;
  counts: { mail: number; files: number; triggers: number; executions: number };
  pendingSeq: number;
  workbook?: { name: string; url: string };
  project?: string;
}
interface SheetView {
  name: string;
  headers: string[];
  rows: string[][];
  maxRows: number;
  maxColumns: number;
  backgrounds?: Array<Array<string | null>>;
  validations?: Array<{ type: string; values: string[]; helpText?: string } | null>;
  protectedColumns?: number[];
  frozenRows?: number;
}
interface Mail {
  id: string;
  from?: string;
  to?: string | string[];
  cc?: string | string[];
  subject?: string;
  text?: string;
  sentAtMs?: number;
  links: string[];
}
interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  trashed?: boolean;
  size?: number;
}
interface ExecSummary {
  functionName: string;
  kind: string;
  user: string;
  ok: boolean;
  error?: string;
  modeledSeconds: number;
  calls: number;
  callsByService: Record<string, number>;
  startedAtMs: number;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) el.append(c);
  return el;
}

// ---------------------------------------------------------------------------------------------
// Talking to the server

let user = localStorage.getItem('sbx_user') ?? '';

async function api<T>(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<T> {
  const sep = path.includes('?') ? '&' : '?';
  const res = await fetch(`${path}${user ? `${sep}as=${encodeURIComponent(user)}` : ''}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify({ user, ...body }) : undefined,
  });
  const data = (await res.json()) as T & { error?: string };
  if (!res.ok || (data && typeof data === 'object' && 'error' in data && typeof data.error === 'string' && res.status >= 400)) {
    throw new Error((data as { error?: string }).error ?? `HTTP ${res.status}`);
  }
  return data;
}

// ---------------------------------------------------------------------------------------------
// State

let S: AppState | undefined;
let activeTab = '';
/** The active sheet the server reported last: when a script activates another, the page follows. */
let serverActive = '';
let view: SheetView | undefined;
let grid: string[][] = [];
let sel = { row: 1, col: 1 };
/** The far corner of a range selection (shift-click, drag, shift+arrows); equal to sel for one cell. */
let selEnd = { row: 1, col: 1 };
let dragging = false;
let panel = localStorage.getItem('sbx_panel') ?? 'outbox';
let seenVersion = 0;
let pendingSeq = 0;
let busy = 0;

function tabName(t: unknown): string {
  return typeof t === 'string' ? t : String((t as { name?: unknown }).name ?? '');
}

function colName(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function a1(row: number, col: number): string {
  return `${colName(col)}${row}`;
}

// ---------------------------------------------------------------------------------------------
// Toasts and modals

function toast(message: string, title = '', error = false, seconds = 6): void {
  const box = h('div', { class: `toast${error ? ' error' : ''}`, role: 'status' });
  if (title) box.append(h('div', { class: 't-title', text: title }));
  box.append(h('div', { class: 't-msg', text: message }));
  const close = h('button', { class: 'icon-btn close', 'aria-label': 'Dismiss', text: '✕' });
  close.onclick = () => box.remove();
  box.append(close);
  $('toasts').append(box);
  if (seconds > 0) setTimeout(() => box.remove(), seconds * 1000);
}

function closeModal(): void {
  $('modal-back').hidden = true;
  $('modal').replaceChildren();
}

const BUTTONS: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['CANCEL', 'OK'],
  YES_NO: ['NO', 'YES'],
  YES_NO_CANCEL: ['CANCEL', 'NO', 'YES'],
};
const LABEL: Record<string, string> = { OK: 'OK', CANCEL: 'Cancel', YES: 'Yes', NO: 'No' };

/** Shows an alert or prompt as Sheets does and resolves with the reply. */
function ask(req: NeedsReply): Promise<{ button: string; text?: string }> {
  return new Promise((resolve) => {
    const modal = $('modal');
    modal.replaceChildren();
    modal.className = 'modal ask';
    const close = h('button', { class: 'icon-btn', 'aria-label': 'Close', text: '✕' });
    modal.append(h('h2', {}, h('span', { text: req.title || '' }), close));
    const body = h('div', { class: 'body', text: req.prompt });
    modal.append(body);
    let input: HTMLInputElement | undefined;
    if (req.kind === 'prompt') {
      input = h('input', { class: 'field', 'aria-label': req.prompt || 'Answer' });
      body.append(input);
    }
    const finish = (button: string) => {
      closeModal();
      resolve(input ? { button, text: input.value } : { button });
    };
    close.onclick = () => finish(req.buttons === 'OK' ? 'CLOSE' : 'CLOSE');
    const row = h('div', { class: 'buttons' });
    const names = BUTTONS[req.buttons] ?? ['OK'];
    names.forEach((b, i) => {
      const btn = h('button', { class: `btn modal-button${i === names.length - 1 ? ' primary' : ''}`, 'data-button': b, text: LABEL[b] ?? b });
      btn.onclick = () => finish(b);
      row.append(btn);
    });
    modal.append(row);
    $('modal-back').hidden = false;
    (input ?? (row.lastElementChild as HTMLElement)).focus();
    if (input) input.onkeydown = (e) => e.key === 'Enter' && finish(names[names.length - 1]);
  });
}

function message(title: string, text: string): Promise<unknown> {
  return ask({ kind: 'alert', title, prompt: text, buttons: 'OK' });
}

function openDialog(e: UiEvent): void {
  const modal = $('modal');
  modal.replaceChildren();
  modal.className = 'modal dialog';
  const close = h('button', { class: 'icon-btn', 'aria-label': 'Close dialog', text: '✕' });
  close.onclick = closeModal;
  modal.append(h('h2', {}, h('span', { class: 'dialog-title', text: e.title ?? '' }), close));
  const frame = h('iframe', { id: 'dialog-frame', title: e.title ?? 'Dialog', src: e.url ?? 'about:blank' });
  frame.style.width = `${e.width ?? 600}px`;
  frame.style.height = `${e.height ?? 400}px`;
  modal.append(frame);
  $('modal-back').hidden = false;
}

function openSidebar(e: UiEvent): void {
  $('sidebar-title').textContent = e.title ?? '';
  ($('sidebar-frame') as HTMLIFrameElement).src = e.url ?? 'about:blank';
  $('sidebar').hidden = false;
}

// google.script.host.close() and setHeight/setWidth from a sidebar or dialog.
window.addEventListener('message', (ev: MessageEvent) => {
  const data = ev.data as { type?: string; height?: number; width?: number } | null;
  if (!data || typeof data.type !== 'string') return;
  const fromSidebar = ev.source === ($('sidebar-frame') as HTMLIFrameElement).contentWindow;
  if (data.type === 'gas-sandbox:close') {
    if (fromSidebar) $('sidebar').hidden = true;
    else closeModal();
  } else if (data.type === 'gas-sandbox:setHeight' || data.type === 'gas-sandbox:setWidth') {
    const frame = document.getElementById('dialog-frame');
    if (frame && !fromSidebar) {
      if (data.height) frame.style.height = `${data.height}px`;
      if (data.width) frame.style.width = `${data.width}px`;
    }
  }
});

/** Shows what an execution showed the user: toasts, sidebars, dialogs (alerts were answered already). */
function showUi(events: UiEvent[]): void {
  for (const e of events) {
    if (e.type === 'toast') toast(e.message ?? '', e.title ?? '', false, 6);
    else if (e.type === 'sidebar') openSidebar(e);
    else if (e.type === 'dialog') openDialog(e);
  }
}

function showRuns(runs: RunReport[]): void {
  for (const r of runs) {
    showUi(r.ui);
    if (!r.ok && r.error) toast(r.error, `${r.functionName} failed`, true, 10);
  }
}

async function withBusy<T>(f: () => Promise<T>): Promise<T> {
  busy++;
  $('running').hidden = false;
  try {
    return await f();
  } finally {
    if (--busy === 0) $('running').hidden = true;
  }
}

// ---------------------------------------------------------------------------------------------
// Header, users, menus

function renderHeader(): void {
  if (!S) return;
  const select = $('user-select') as HTMLSelectElement;
  select.replaceChildren();
  const users = S.users.includes(user) ? S.users : [...S.users, user];
  for (const u of users) select.append(h('option', { value: u, text: u === S.owner ? `${u} (owner)` : u }));
  select.append(h('option', { value: '__other__', text: 'Someone else…' }));
  select.value = user;
  $('avatar').textContent = (user[0] ?? '?').toUpperCase();
  $('clock-chip').textContent = `${S.clock.local} · ${S.timeZone}`;
  const link = $('webapp-link') as HTMLAnchorElement;
  link.href = S.webAppUrl;
  const counts = S.counts;
  $('count-mail').textContent = counts.mail ? String(counts.mail) : '';
  $('count-files').textContent = counts.files ? String(counts.files) : '';
  $('count-triggers').textContent = counts.triggers ? String(counts.triggers) : '';
  $('count-executions').textContent = counts.executions ? String(counts.executions) : '';
}

function closeMenus(): void {
  document.querySelectorAll('.menu.open').forEach((m) => m.classList.remove('open'));
}
document.addEventListener('click', (e) => {
  if (!(e.target as HTMLElement).closest('.menu')) closeMenus();
});

function renderMenus(): void {
  const bar = $('menubar');
  bar.replaceChildren();
  const menus = S?.menus ?? [];
  const addMenu = (name: string, items: Array<{ label: string; hint?: string; run: () => void } | 'sep'>, system = false) => {
    const menu = h('div', { class: 'menu' });
    const button = h('button', { class: `menu-button${system ? ' system' : ''}`, text: name, 'aria-haspopup': 'true' });
    button.onclick = () => {
      const open = menu.classList.contains('open');
      closeMenus();
      if (!open) menu.classList.add('open');
    };
    button.onmouseenter = () => {
      if (document.querySelector('.menu.open') && !menu.classList.contains('open')) {
        closeMenus();
        menu.classList.add('open');
      }
    };
    const list = h('div', { class: 'menu-list', role: 'menu' });
    for (const it of items) {
      if (it === 'sep') {
        list.append(h('div', { class: 'menu-sep' }));
        continue;
      }
      const item = h('button', { class: 'menu-item', role: 'menuitem' }, it.label);
      if (it.hint) item.append(h('span', { class: 'fn', text: it.hint }));
      item.onclick = () => {
        closeMenus();
        it.run();
      };
      list.append(item);
    }
    menu.append(button, list);
    bar.append(menu);
  };
  for (const m of menus) {
    addMenu(
      m.name,
      m.items.map((it) => ('separator' in it ? 'sep' : { label: it.caption, run: () => void runMenu(`${m.name}/${it.caption}`) })),
    );
  }
  if (!menus.length) bar.append(h('span', { class: 'hint', text: 'The project adds no menu (no onOpen, or it built none).' }));
  bar.append(h('span', { class: 'sep' }));
  addMenu(
    'Script ▾',
    [
      ...(S?.functions ?? []).map((fn) => ({ label: `Run ${fn}`, hint: 'editor', run: () => void runFunction(fn) })),
      'sep' as const,
      { label: 'Reopen the workbook (onOpen)', run: () => void openWorkbook() },
      { label: 'Reset the sandbox…', run: () => void resetSandbox() },
    ],
    true,
  );
}

async function runMenu(path: string, replies: Array<{ button: string; text?: string }> = []): Promise<void> {
  const r = await withBusy(() => api<RunReport>('POST', '/api/menu', { path, replies })).catch((e: Error) => {
    toast(e.message, 'Menu', true, 10);
    return undefined;
  });
  if (!r) return;
  if (r.needsReply) {
    const reply = await ask(r.needsReply);
    return runMenu(path, [...replies, reply]);
  }
  showUi(r.ui);
  if (!r.ok && r.error) await message('Error', r.error);
  await refresh();
}

async function runFunction(fn: string): Promise<void> {
  const r = await withBusy(() => api<RunReport>('POST', '/api/run', { fn })).catch((e: Error) => {
    toast(e.message, fn, true, 10);
    return undefined;
  });
  if (!r) return;
  showUi(r.ui);
  if (r.needsReply) toast('This function asks the user something; run it from a menu item instead.', fn, true);
  else if (!r.ok && r.error) toast(r.error, `${fn} failed`, true, 10);
  else toast(`${fn} finished.`, 'Script', false, 3);
  await refresh();
}

async function openWorkbook(): Promise<void> {
  const r = await withBusy(() => api<{ menus: Menu[]; executions: RunReport[] }>('POST', '/api/open', {}));
  if (S) S.menus = r.menus;
  renderMenus();
  showRuns(r.executions);
}

async function resetSandbox(): Promise<void> {
  const answer = await ask({ kind: 'alert', title: 'Reset the sandbox', prompt: 'Start over with an empty workbook, no mail, no files and no triggers?', buttons: 'OK_CANCEL' });
  if (answer.button !== 'OK') return;
  await api('POST', '/api/reset', { owner: S?.owner ?? user });
  activeTab = '';
  $('sidebar').hidden = true;
  await loadState();
  await openWorkbook();
  await refresh();
}

// ---------------------------------------------------------------------------------------------
// The grid

function isNumberLike(s: string): boolean {
  return /^-?[\d.,]+%?$/.test(s.trim()) && /\d/.test(s);
}

function renderGrid(): void {
  const table = $('grid');
  table.replaceChildren();
  if (!view) {
    table.append(h('tbody', {}, h('tr', {}, h('td', { class: 'empty-note', text: 'This workbook has no tabs yet.' }))));
    return;
  }
  const dataCols = Math.max(view.headers.length, ...grid.map((r) => r.length), 1);
  const cols = Math.min(Math.max(dataCols + 2, 8, Math.min(view.maxColumns || 0, 26)), 200);
  const rows = Math.min(Math.max(grid.length + 30, 60), Math.max(view.maxRows || 0, grid.length + 30), 5000);
  const colgroup = h('colgroup', {}, h('col', { style: 'width:46px' }));
  let total = 46;
  for (let c = 1; c <= cols; c++) {
    const longest = Math.max((grid[0]?.[c - 1] ?? '').length, ...grid.slice(1, 40).map((r) => Math.min((r[c - 1] ?? '').length, 30)));
    const w = Math.max(100, Math.min(260, longest * 7 + 16));
    total += w;
    colgroup.append(h('col', { style: `width:${w}px` }));
  }
  table.style.width = `${total}px`;
  const validations = (view.validations ?? []) as Array<{ values?: string[] } | null>;
  const protectedCols = new Set(view.protectedColumns ?? []);
  const thead = h('thead');
  const hr = h('tr', {}, h('th', { class: 'corner' }));
  for (let c = 1; c <= cols; c++) hr.append(h('th', { 'data-col': String(c), class: c === sel.col ? 'sel' : '', text: colName(c) }));
  thead.append(hr);
  const tbody = h('tbody');
  const bgs = view.backgrounds;
  const bgOffset = bgs && bgs.length === grid.length - 1 ? 1 : 0;
  for (let r = 1; r <= rows; r++) {
    const tr = h('tr', r === 1 ? { class: 'header-row' } : {});
    tr.append(h('th', { 'data-row': String(r), class: r === sel.row ? 'sel' : '', text: String(r) }));
    const values = grid[r - 1] ?? [];
    for (let c = 1; c <= cols; c++) {
      const v = values[c - 1] ?? '';
      const td = h('td', { 'data-a1': a1(r, c), 'data-row': String(r), 'data-col': String(c), title: v.length > 20 ? v : '' });
      td.textContent = v;
      if (isNumberLike(v)) td.classList.add('num');
      const bg = bgs?.[r - 1 - bgOffset]?.[c - 1];
      if (bg && bg !== '#ffffff' && bg !== 'white') td.style.background = bg;
      if (r === sel.row && c === sel.col) td.classList.add('selected');
      else if (inSelection(r, c)) td.classList.add('in-range');
      if (r > 1 && validations[c - 1]?.values?.length) td.classList.add('has-list');
      if (r > 1 && protectedCols.has(c)) td.classList.add('locked');
      tr.append(td);
    }
    tbody.append(tr);
  }
  table.append(colgroup, thead, tbody);
  syncFormula();
}

function cellValue(row: number, col: number): string {
  return grid[row - 1]?.[col - 1] ?? '';
}

function syncFormula(): void {
  $('cell-ref').textContent = a1(sel.row, sel.col);
  ($('formula-input') as HTMLInputElement).value = cellValue(sel.row, sel.col);
}

/** The selected rectangle: top-left and bottom-right corners. */
function selRect(): { r1: number; c1: number; r2: number; c2: number } {
  return { r1: Math.min(sel.row, selEnd.row), c1: Math.min(sel.col, selEnd.col), r2: Math.max(sel.row, selEnd.row), c2: Math.max(sel.col, selEnd.col) };
}

function inSelection(r: number, c: number): boolean {
  const x = selRect();
  return r >= x.r1 && r <= x.r2 && c >= x.c1 && c <= x.c2;
}

function selA1(): string {
  const x = selRect();
  return x.r1 === x.r2 && x.c1 === x.c2 ? a1(x.r1, x.c1) : `${a1(x.r1, x.c1)}:${a1(x.r2, x.c2)}`;
}

/** Marks the cells of a range selection (the current cell keeps its outline). */
function paintRange(): void {
  document.querySelectorAll('.grid .in-range').forEach((el) => el.classList.remove('in-range'));
  const x = selRect();
  if (x.r1 === x.r2 && x.c1 === x.c2) return;
  for (let r = x.r1; r <= x.r2; r++) {
    for (let c = x.c1; c <= x.c2; c++) {
      if (r === sel.row && c === sel.col) continue;
      document.querySelector(`.grid td[data-a1="${a1(r, c)}"]`)?.classList.add('in-range');
    }
  }
  $('cell-ref').textContent = selA1();
}

/** Extends the selection from the current cell to (row, col), as shift-click and drag do. */
function extendTo(row: number, col: number): void {
  selEnd = { row: Math.max(1, row), col: Math.max(1, col) };
  paintRange();
}

/** Tells the sandbox what is selected (getActiveRange, onSelectionChange). */
async function sendSelection(): Promise<void> {
  if (!view) return;
  try {
    const r = await api<{ executions: RunReport[] }>('POST', '/api/select', { tab: activeTab, a1: selA1() });
    if (r.executions?.length) {
      showRuns(r.executions);
      await refresh();
    }
  } catch {
    /* a selection the sandbox refuses changes nothing */
  }
}

function select(row: number, col: number, scroll = true): void {
  sel = { row: Math.max(1, row), col: Math.max(1, col) };
  selEnd = { ...sel };
  document.querySelectorAll('.grid .in-range').forEach((el) => el.classList.remove('in-range'));
  document.querySelectorAll('.grid .selected').forEach((el) => el.classList.remove('selected'));
  document.querySelectorAll('.grid th.sel').forEach((el) => el.classList.remove('sel'));
  const td = document.querySelector<HTMLElement>(`.grid td[data-a1="${a1(sel.row, sel.col)}"]`);
  td?.classList.add('selected');
  document.querySelector(`.grid thead th[data-col="${sel.col}"]`)?.classList.add('sel');
  document.querySelector(`.grid tbody th[data-row="${sel.row}"]`)?.classList.add('sel');
  if (scroll) td?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  syncFormula();
}

let editing: { row: number; col: number; input: HTMLInputElement; td: HTMLElement } | undefined;

function startEdit(initial?: string): void {
  const td = document.querySelector<HTMLElement>(`.grid td[data-a1="${a1(sel.row, sel.col)}"]`);
  if (!td || !view) return;
  cancelEdit();
  const input = h('input', { 'aria-label': `Edit ${a1(sel.row, sel.col)}` });
  input.value = initial ?? cellValue(sel.row, sel.col);
  const options = sel.row > 1 ? view.validations?.[sel.col - 1]?.values : undefined;
  if (options?.length) {
    const id = 'cell-options';
    document.getElementById(id)?.remove();
    const dl = h('datalist', { id });
    for (const o of options) dl.append(h('option', { value: o }));
    document.body.append(dl);
    input.setAttribute('list', id);
  }
  td.classList.add('editing');
  td.replaceChildren(input);
  editing = { row: sel.row, col: sel.col, input, td };
  input.focus();
  input.onkeydown = (e) => {
    // The grid's own keys must not see this key too (Enter there would open a second editor on the old value).
    if (e.key === 'Enter' || e.key === 'Tab' || e.key === 'Escape') e.stopPropagation();
    if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      const move = e.key === 'Enter' ? [1, 0] : [0, 1];
      void commitEdit(input.value, move[0], move[1]);
    } else if (e.key === 'Escape') {
      cancelEdit();
      $('grid-wrap').focus();
    }
  };
  input.onblur = () => {
    if (editing?.input === input) void commitEdit(input.value, 0, 0);
  };
}

function cancelEdit(): void {
  if (!editing) return;
  const { td, row, col } = editing;
  editing = undefined;
  td.classList.remove('editing');
  td.textContent = cellValue(row, col);
}

async function commitEdit(value: string, dRow: number, dCol: number): Promise<void> {
  if (!editing) return;
  const { row, col } = editing;
  const unchanged = value === cellValue(row, col);
  cancelEdit();
  if (!unchanged) await edit(row, col, value);
  select(row + dRow, col + dCol);
  $('grid-wrap').focus();
}

async function edit(row: number, col: number, input: string): Promise<void> {
  if (!view) return;
  try {
    const r = await withBusy(() =>
      api<{ executions: RunReport[]; info?: { warning?: string } }>('POST', '/api/edit', { tab: view?.name ?? activeTab, a1: a1(row, col), input }),
    );
    if (r.info?.warning) toast(r.info.warning, 'Protected range');
    showRuns(r.executions);
  } catch (e) {
    await message('There was a problem', (e as Error).message);
  }
  await refresh();
}

/** Pastes clipboard text (tabs between cells, newlines between rows) at the top-left of the selection: one edit of the block. */
async function paste(text: string): Promise<void> {
  if (!view) return;
  const x = selRect();
  try {
    const r = await withBusy(() =>
      api<{ executions: RunReport[]; info?: { warning?: string; a1?: string } }>('POST', '/api/paste', { tab: view?.name ?? activeTab, a1: a1(x.r1, x.c1), text }),
    );
    if (r.info?.warning) toast(r.info.warning, 'Protected range');
    showRuns(r.executions);
    const rows = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    await refresh();
    sel = { row: x.r1, col: x.c1 };
    extendTo(x.r1 + rows.length - 1, x.c1 + Math.max(...rows.map((l) => l.split('\t').length)) - 1);
    return;
  } catch (e) {
    await message('There was a problem', (e as Error).message);
  }
  await refresh();
}

function gridEvents(): void {
  const wrap = $('grid-wrap');
  wrap.addEventListener('mousedown', (e) => {
    const td = (e.target as HTMLElement).closest<HTMLElement>('td[data-a1]');
    if (!td || td.classList.contains('editing')) return;
    if (e.shiftKey) {
      e.preventDefault();
      extendTo(Number(td.dataset.row), Number(td.dataset.col));
      void sendSelection();
      return;
    }
    select(Number(td.dataset.row), Number(td.dataset.col), false);
    dragging = true;
  });
  wrap.addEventListener('mouseover', (e) => {
    if (!dragging) return;
    const td = (e.target as HTMLElement).closest<HTMLElement>('td[data-a1]');
    if (td) extendTo(Number(td.dataset.row), Number(td.dataset.col));
  });
  document.addEventListener('mouseup', () => {
    if (!dragging) return;
    dragging = false;
    void sendSelection();
  });
  wrap.addEventListener('paste', (e) => {
    if (editing) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!text) return;
    e.preventDefault();
    if (/[\t\n]/.test(text.replace(/\r?\n$/, ''))) void paste(text);
    else void edit(sel.row, sel.col, text.replace(/\r?\n$/, ''));
  });
  wrap.addEventListener('dblclick', (e) => {
    const td = (e.target as HTMLElement).closest<HTMLElement>('td[data-a1]');
    if (td && !td.classList.contains('editing')) startEdit();
  });
  wrap.addEventListener('keydown', (e) => {
    if (editing || $('modal-back').hidden === false) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Enter: [0, 0], Tab: [0, 1] };
    if (e.key === 'Enter') {
      e.preventDefault();
      startEdit();
    } else if (moves[e.key] && e.shiftKey && e.key.startsWith('Arrow')) {
      e.preventDefault();
      extendTo(selEnd.row + moves[e.key][0], selEnd.col + moves[e.key][1]);
      void sendSelection();
    } else if (moves[e.key]) {
      e.preventDefault();
      select(sel.row + moves[e.key][0], sel.col + moves[e.key][1]);
      void sendSelection();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      if (cellValue(sel.row, sel.col) !== '') void edit(sel.row, sel.col, '');
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      startEdit(e.key);
    }
  });
  const fx = $('formula-input') as HTMLInputElement;
  fx.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const v = fx.value;
      if (v !== cellValue(sel.row, sel.col)) void edit(sel.row, sel.col, v).then(() => select(sel.row + 1, sel.col));
      else select(sel.row + 1, sel.col);
      $('grid-wrap').focus();
    } else if (e.key === 'Escape') {
      syncFormula();
      $('grid-wrap').focus();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Tabs

function renderTabs(): void {
  const strip = $('tabstrip');
  strip.replaceChildren();
  const names = (S?.tabs ?? []).map(tabName);
  if (!names.length) strip.append(h('span', { class: 'empty', text: 'No tabs' }));
  for (const name of names) {
    const b = h('button', { class: `tab${name === activeTab ? ' active' : ''}`, text: name, title: 'Double-click to rename' });
    b.onclick = () => {
      if (activeTab === name) return;
      activeTab = name;
      serverActive = name;
      sel = { row: 1, col: 1 };
      selEnd = { row: 1, col: 1 };
      // Switching tabs makes that sheet active, as in Sheets (getActiveSheet() then returns it).
      void api('POST', '/api/select', { tab: name, a1: 'A1' }).catch(() => undefined);
      void loadSheet().then(renderTabs);
    };
    b.ondblclick = () => void renameTab(name);
    strip.append(b);
  }
}

async function renameTab(name: string): Promise<void> {
  const r = await ask({ kind: 'prompt', title: 'Rename', prompt: `New name for "${name}"`, buttons: 'OK_CANCEL' });
  if (r.button !== 'OK' || !r.text || r.text === name) return;
  try {
    await api('POST', '/api/rename', { tab: name, to: r.text });
    if (activeTab === name) activeTab = r.text;
  } catch (e) {
    await message('There was a problem', (e as Error).message);
  }
  await refresh();
}

async function loadSheet(): Promise<void> {
  const names = (S?.tabs ?? []).map(tabName);
  if (!names.includes(activeTab)) activeTab = names[0] ?? '';
  if (!activeTab) {
    view = undefined;
    grid = [];
    renderGrid();
    return;
  }
  try {
    view = await api<SheetView>('GET', `/api/sheet?tab=${encodeURIComponent(activeTab)}`);
  } catch (e) {
    view = undefined;
    toast((e as Error).message, 'Sheet', true);
  }
  if (view) {
    const headers = view.headers ?? [];
    const rows = view.rows ?? [];
    // Row 1 is always the first grid row (a blank row 2 equal to a blank row 1 is still row 2).
    grid = headers.length || rows.length ? [headers, ...rows] : [];
  } else grid = [];
  renderGrid();
}

// ---------------------------------------------------------------------------------------------
// Panels

function fmtTime(ms: number | undefined): string {
  if (ms === undefined) return '';
  return new Date(ms).toLocaleString('en-GB', { timeZone: S?.timeZone, dateStyle: 'medium', timeStyle: 'short' });
}

function list(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

let openMailId = '';
let openFileId = '';

async function renderPanel(): Promise<void> {
  document.querySelectorAll('.drawer-tabs button[data-panel]').forEach((b) => b.classList.toggle('active', (b as HTMLElement).dataset.panel === panel));
  const body = $('drawer-body');
  if ($('drawer').classList.contains('collapsed')) return;
  try {
    if (panel === 'outbox') await renderOutbox(body);
    else if (panel === 'drive') await renderDrive(body);
    else if (panel === 'clock') renderClock(body);
    else if (panel === 'triggers') await renderTriggers(body);
    else await renderExecutions(body);
  } catch (e) {
    body.replaceChildren(h('div', { class: 'empty-note err', text: (e as Error).message }));
  }
}

/** "myJob (every 10 minutes)": an installed time-driven trigger and its schedule, in words. */
function clockWords(t: Record<string, unknown>): string {
  const c = (t.clock ?? {}) as { kind?: string; every?: number; atHour?: number; atMs?: number; weekDay?: number; monthDay?: number };
  const every = c.every ?? 1;
  const at = typeof c.atHour === 'number' ? ` at ${c.atHour}:00` : '';
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const when =
    c.kind === 'once'
      ? `once, ${typeof c.atMs === 'number' ? fmtTime(c.atMs) : ''}`
      : c.kind === 'month'
        ? `monthly${typeof c.monthDay === 'number' ? ` on day ${c.monthDay}` : ''}${at}`
        : `every ${every === 1 ? '' : `${every} `}${String(c.kind ?? '').replace(/s$/, every === 1 ? '' : 's')}${c.kind === 'weeks' && typeof c.weekDay === 'number' ? ` on ${days[c.weekDay] ?? ''}` : ''}${at}`;
  return `${String(t.handler ?? '')} (${when.trim()})`;
}

async function renderOutbox(body: HTMLElement): Promise<void> {
  const [mailList, triggers] = await Promise.all([api<Mail[]>('GET', '/api/mail'), api<Array<Record<string, unknown>>>('GET', '/api/triggers')]);
  const mails = mailList.slice().reverse();
  const split = h('div', { class: 'panel-split' });
  const listEl = h('div', { class: 'panel-list', id: 'mail-list' });
  const viewEl = h('div', { class: 'panel-view', id: 'mail-view' });
  // Mail a script leaves for its time-driven triggers goes out only when they run: with the Clock.
  const clocks = triggers.filter((t) => t.source === 'CLOCK');
  if (clocks.length) listEl.append(h('div', { class: 'empty-note outbox-clock', text: `Time-driven triggers run when the Clock moves: ${clocks.map(clockWords).join(', ')}. Mail they send appears here then.` }));
  if (!mails.length) listEl.append(h('div', { class: 'empty-note', text: 'No mail sent yet.' }));
  const show = (m: Mail) => {
    openMailId = m.id;
    listEl.querySelectorAll('.list-item').forEach((x) => x.classList.toggle('active', (x as HTMLElement).dataset.id === m.id));
    const head = h(
      'div',
      { class: 'view-head' },
      h('div', { class: 'subject', text: m.subject || '(no subject)' }),
      h('div', { class: 'meta', text: `From ${m.from ?? ''} to ${list(m.to)}${m.cc && list(m.cc) ? `, cc ${list(m.cc)}` : ''} · ${fmtTime(m.sentAtMs)}` }),
    );
    if (m.links.length) {
      const links = h('div', { class: 'links meta' }, 'Links: ');
      for (const l of m.links) links.append(h('a', { href: l, target: '_blank', rel: 'noopener', class: 'mail-link', text: l.length > 70 ? `${l.slice(0, 67)}…` : l }));
      head.append(links);
    }
    const frame = h('iframe', { class: 'mail-frame', title: m.subject ?? 'Mail', sandbox: 'allow-popups allow-popups-to-escape-sandbox', src: `/mail/${encodeURIComponent(m.id)}` });
    viewEl.replaceChildren(head, frame);
  };
  for (const m of mails) {
    const item = h(
      'div',
      { class: 'list-item mail-item', 'data-id': m.id },
      h('div', { class: 'subject', text: m.subject || '(no subject)' }),
      h('div', { class: 'meta', text: `To ${list(m.to)} · ${fmtTime(m.sentAtMs)}` }),
    );
    item.onclick = () => show(m);
    listEl.append(item);
  }
  const current = mails.find((m) => m.id === openMailId);
  if (current) show(current);
  else viewEl.append(h('div', { class: 'empty-note', text: mails.length ? 'Pick a mail to read it.' : '' }));
  split.append(listEl, viewEl);
  body.replaceChildren(split);
}

const DOC = 'application/vnd.google-apps.document';

function fileKind(mime: string): string {
  if (mime === DOC) return 'doc';
  if (mime === 'application/pdf') return 'pdf';
  if (mime.includes('spreadsheet') || mime === 'text/csv') return 'sheet';
  if (mime.startsWith('image/')) return 'img';
  return 'file';
}

async function renderDrive(body: HTMLElement): Promise<void> {
  const files = await api<DriveFile[]>('GET', '/api/files');
  const split = h('div', { class: 'panel-split' });
  const listEl = h('div', { class: 'panel-list', id: 'file-list' });
  const viewEl = h('div', { class: 'panel-view' });
  if (!files.length) listEl.append(h('div', { class: 'empty-note', text: 'Drive has no files yet.' }));
  const show = (f: DriveFile) => {
    openFileId = f.id;
    listEl.querySelectorAll('.list-item').forEach((x) => x.classList.toggle('active', (x as HTMLElement).dataset.id === f.id));
    const head = h('div', { class: 'view-head row' }, h('span', { class: 'subject', text: f.name }));
    head.append(h('a', { class: 'btn', href: `/file/${encodeURIComponent(f.id)}`, download: '', text: f.mimeType === DOC ? 'Download PDF' : 'Download' }));
    const src = f.mimeType === DOC ? `/doc/${encodeURIComponent(f.id)}` : /^(text\/|application\/pdf|image\/)/.test(f.mimeType) ? `/file/${encodeURIComponent(f.id)}?inline=1` : '';
    viewEl.replaceChildren(head);
    if (src) viewEl.append(h('iframe', { title: f.name, sandbox: 'allow-popups allow-downloads', src }));
    else viewEl.append(h('div', { class: 'empty-note', text: `${f.mimeType}: no preview.` }));
  };
  for (const f of files) {
    const item = h(
      'div',
      { class: `list-item file-item${f.trashed ? ' trashed' : ''}`, 'data-id': f.id },
      h('div', { class: 'subject' }, h('span', { class: `ftype ${fileKind(f.mimeType)}`, text: fileKind(f.mimeType).toUpperCase() }), f.name),
      h('div', { class: 'meta', text: `${f.mimeType}${f.size ? ` · ${f.size} bytes` : ''}${f.trashed ? ' · in trash' : ''}` }),
    );
    item.onclick = () => show(f);
    listEl.append(item);
  }
  const current = files.find((f) => f.id === openFileId);
  if (current) show(current);
  else viewEl.append(h('div', { class: 'empty-note', text: files.length ? 'Pick a file to preview it.' : '' }));
  split.append(listEl, viewEl);
  body.replaceChildren(split);
}

function renderClock(body: HTMLElement): void {
  if (!S) return;
  const box = h('div', { class: 'clock-panel' });
  box.append(h('div', { class: 'clock-now', id: 'clock-now', text: S.clock.local }), h('div', { class: 'meta', text: `${S.timeZone} · ${S.clock.iso}` }));
  const adv = h('div', { class: 'row' }, 'Advance: ');
  for (const [label, minutes] of [
    ['+15 min', 15],
    ['+1 hour', 60],
    ['+6 hours', 360],
    ['+1 day', 1440],
    ['+7 days', 10080],
  ] as Array<[string, number]>) {
    const b = h('button', { class: 'btn', text: label });
    b.onclick = () => void moveClock({ advanceMinutes: minutes });
    adv.append(b);
  }
  const n = h('input', { class: 'field', type: 'number', min: '1', value: '30', style: 'width:80px', 'aria-label': 'Amount' });
  const unit = h('select', { class: 'field', 'aria-label': 'Unit' }, h('option', { value: '1', text: 'minutes' }), h('option', { value: '60', text: 'hours' }), h('option', { value: '1440', text: 'days' }));
  const go = h('button', { class: 'btn primary', text: 'Advance' });
  go.onclick = () => void moveClock({ advanceMinutes: Number(n.value) * Number(unit.value) });
  adv.append(n, unit, go);
  const setRow = h('div', { class: 'row' }, 'Set to: ');
  const at = h('input', { class: 'field', type: 'datetime-local', 'aria-label': 'Date and time', value: S.clock.local.slice(4, 20).replace(' ', 'T') });
  const set = h('button', { class: 'btn', text: 'Set clock' });
  set.onclick = () => void moveClock({ set: at.value });
  setRow.append(at, h('span', { class: 'meta', text: `(${S.timeZone})` }), set);
  box.append(adv, setRow, h('div', { class: 'meta', text: 'Moving the clock forward fires the time-driven triggers that fall due, in time order. Moving it back fires nothing.' }));
  box.append(h('div', { id: 'clock-result' }));
  body.replaceChildren(box);
}

/** Shows how far a clock advance has come, polling the server until the advance ends. */
function watchClock(): () => void {
  let stopped = false;
  const show = (p: ClockProgress) => {
    const out = document.getElementById('clock-result');
    const text = p.running
      ? `Moving the clock… ${p.fired ?? 0} trigger run(s) done, ${p.remaining ?? 0} to go${p.failed ? ` (${p.failed} failed)` : ''} · now ${p.at ?? ''} → ${p.to ?? ''}`
      : '';
    if (out && text) out.replaceChildren(h('div', { class: 'meta clock-progress', role: 'status', text }));
    const chip = document.getElementById('clock-chip');
    if (chip && p.running && p.at) chip.textContent = `${p.at} · moving (${p.fired ?? 0}/${(p.fired ?? 0) + (p.remaining ?? 0)})`;
  };
  const tick = async () => {
    if (stopped) return;
    try {
      const p = await api<ClockProgress>('GET', '/api/clock/progress');
      if (!stopped) show(p);
    } catch {
      /* keep polling */
    }
    if (!stopped) setTimeout(() => void tick(), 400);
  };
  setTimeout(() => void tick(), 300);
  return () => {
    stopped = true;
  };
}

async function moveClock(req: Record<string, unknown>): Promise<void> {
  const stopWatching = watchClock();
  try {
    const r = await withBusy(() =>
      api<{ local: string; fired: Array<{ at: string; handler: string; owner: string; ok: boolean; error?: string; modeledSeconds: number }> }>('POST', '/api/clock', req),
    ).finally(stopWatching);
    await refresh();
    const out = document.getElementById('clock-result');
    if (out) {
      if (!r.fired.length) out.replaceChildren(h('div', { class: 'meta', text: 'No trigger was due.' }));
      else {
        const t = h('table', { class: 'data' }, h('tr', {}, h('th', { text: 'At' }), h('th', { text: 'Handler' }), h('th', { text: 'As' }), h('th', { text: 'Result' })));
        for (const f of r.fired) t.append(h('tr', {}, h('td', { text: f.at }), h('td', { class: 'mono', text: f.handler }), h('td', { text: f.owner }), h('td', { class: f.ok ? 'ok' : 'err', text: f.ok ? `ok · ${f.modeledSeconds} s` : (f.error ?? 'failed') })));
        out.replaceChildren(h('div', { class: 'meta', text: `${r.fired.length} trigger run(s):` }), t);
      }
    }
    toast(`Clock: ${r.local}${r.fired.length ? ` · ${r.fired.length} trigger run(s)` : ''}`, 'Clock', false, 4);
  } catch (e) {
    toast((e as Error).message, 'Clock', true);
  }
}

async function renderTriggers(body: HTMLElement): Promise<void> {
  const triggers = await api<Array<Record<string, unknown>>>('GET', '/api/triggers');
  if (!triggers.length) {
    body.replaceChildren(h('div', { class: 'empty-note', text: 'No installable triggers. (Simple triggers onOpen/onEdit need none.)' }));
    return;
  }
  const t = h('table', { class: 'data' }, h('tr', {}, ...['Handler', 'Event', 'Schedule', 'Owner', 'Created'].map((x) => h('th', { text: x }))));
  for (const tr of triggers) {
    const clock = tr.clock as Record<string, unknown> | undefined;
    const schedule = clock ? Object.entries(clock).map(([k, v]) => `${k}: ${typeof v === 'number' && v > 1e11 ? fmtTime(v) : String(v)}`).join(', ') : String(tr.source ?? '');
    t.append(
      h(
        'tr',
        {},
        h('td', { class: 'mono', text: String(tr.handler ?? '') }),
        h('td', { text: String(tr.eventType ?? '') }),
        h('td', { text: schedule }),
        h('td', { text: String(tr.owner ?? '') }),
        h('td', { text: typeof tr.createdAtMs === 'number' ? fmtTime(tr.createdAtMs) : '' }),
      ),
    );
  }
  body.replaceChildren(t);
}

async function renderExecutions(body: HTMLElement): Promise<void> {
  const ex = (await api<ExecSummary[]>('GET', '/api/executions')).slice().reverse();
  if (!ex.length) {
    body.replaceChildren(h('div', { class: 'empty-note', text: 'No execution yet.' }));
    return;
  }
  const t = h('table', { class: 'data', id: 'executions' }, h('tr', {}, ...['Started', 'Function', 'Kind', 'User', 'Status', 'Modeled', 'Calls per service'].map((x) => h('th', { text: x }))));
  for (const e of ex) {
    const calls = Object.entries(e.callsByService)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    t.append(
      h(
        'tr',
        {},
        h('td', { text: fmtTime(e.startedAtMs) }),
        h('td', { class: 'mono', text: e.functionName }),
        h('td', { text: e.kind }),
        h('td', { text: e.user || '(anonymous)' }),
        h('td', { class: e.ok ? 'ok' : 'err', text: e.ok ? 'Completed' : `Failed: ${e.error ?? ''}` }),
        h('td', { text: `${e.modeledSeconds.toFixed(2)} s` }),
        h('td', { class: 'mono', text: calls || '—' }),
      ),
    );
  }
  body.replaceChildren(t);
}

function drawerEvents(): void {
  document.querySelectorAll<HTMLElement>('.drawer-tabs button[data-panel]').forEach((b) => {
    b.onclick = () => {
      const same = panel === b.dataset.panel;
      panel = b.dataset.panel ?? 'outbox';
      localStorage.setItem('sbx_panel', panel);
      const drawer = $('drawer');
      if (same && !drawer.classList.contains('collapsed')) drawer.classList.add('collapsed');
      else drawer.classList.remove('collapsed');
      $('drawer-toggle').textContent = drawer.classList.contains('collapsed') ? '▴' : '▾';
      void renderPanel();
    };
  });
  $('drawer-toggle').onclick = () => {
    const drawer = $('drawer');
    drawer.classList.toggle('collapsed');
    $('drawer-toggle').textContent = drawer.classList.contains('collapsed') ? '▴' : '▾';
    void renderPanel();
  };
  $('clock-chip').onclick = () => {
    panel = 'clock';
    $('drawer').classList.remove('collapsed');
    $('drawer-toggle').textContent = '▾';
    void renderPanel();
  };
}

// ---------------------------------------------------------------------------------------------
// Loading and refreshing

async function loadState(): Promise<void> {
  S = await api<AppState>('GET', '/api/state');
  if (!user) {
    user = S.owner;
    localStorage.setItem('sbx_user', user);
  }
  seenVersion = S.version;
  if (!pendingSeq) pendingSeq = S.pendingSeq;
  if (S.activeSheet && S.activeSheet !== serverActive) {
    serverActive = S.activeSheet;
    if (activeTab !== S.activeSheet) {
      activeTab = S.activeSheet;
      sel = { row: 1, col: 1 };
    }
  }
  $('doc-title').textContent = S.workbook?.name || 'Workbook';
  $('project-name').textContent = S.project ?? '';
  document.title = `${S.workbook?.name || 'Workbook'} · Apps Script sandbox`;
  renderHeader();
}

async function refresh(): Promise<void> {
  await loadState();
  renderTabs();
  await loadSheet();
  renderTabs();
  void renderPanel();
}

async function switchUser(email: string): Promise<void> {
  user = email;
  localStorage.setItem('sbx_user', user);
  await api('POST', '/api/user', { email });
  $('sidebar').hidden = true;
  await loadState();
  await openWorkbook();
  await refresh();
  toast(`You are now ${email}.`, 'User', false, 3);
}

function userEvents(): void {
  const select = $('user-select') as HTMLSelectElement;
  select.onchange = async () => {
    let email = select.value;
    if (email === '__other__') {
      const r = await ask({ kind: 'prompt', title: 'Switch user', prompt: 'Email address of the person at the keyboard', buttons: 'OK_CANCEL' });
      if (r.button !== 'OK' || !r.text) {
        select.value = user;
        return;
      }
      email = r.text.trim();
    }
    try {
      await switchUser(email);
    } catch (e) {
      select.value = user;
      toast((e as Error).message, 'User', true);
    }
  };
  $('sidebar-close').onclick = () => {
    $('sidebar').hidden = true;
  };
  $('modal-back').addEventListener('mousedown', (e) => {
    if (e.target === $('modal-back') && $('modal').classList.contains('dialog')) closeModal();
  });
}

/** Picks up what happened elsewhere (google.script.run calls from the sidebar, web-app requests). */
async function poll(): Promise<void> {
  try {
    const r = await api<{ version: number; events: Array<{ seq: number; events: UiEvent[] }>; pendingSeq: number }>('GET', `/api/poll?since=${pendingSeq}`);
    for (const p of r.events) showUi(p.events);
    pendingSeq = r.pendingSeq;
    if (r.version !== seenVersion && !editing && !busy) await refresh();
  } catch {
    /* the server may be restarting */
  }
  setTimeout(() => void poll(), 1500);
}

async function main(): Promise<void> {
  gridEvents();
  drawerEvents();
  userEvents();
  if (localStorage.getItem('sbx_drawer') === 'collapsed') $('drawer').classList.add('collapsed');
  await loadState();
  if (S && !S.users.includes(user) && user !== S.owner) await api('POST', '/api/user', { email: user }).catch(() => undefined);
  renderMenus();
  await openWorkbook();
  await refresh();
  document.body.dataset.ready = '1';
  setTimeout(() => void poll(), 1500);
}

void main().catch((e: Error) => toast(e.message, 'Workbench', true, 0));
