/**
 * The panel's shell: who is signed in (apiWhoAmI gives the role and language), the view
 * navigation, the month picker, and a cache of the month's data shared by the views.
 */
import { formatPeriod } from '../../core/i18n';
import { callServer } from '../rpc';
import type { Me, PanelMonth } from '../../shared/contract';
import { clear, h, load, note } from './dom';
import { shiftPeriod } from './model';
import { lang, setLang, t, T } from './text';
import type { ViewCtx, ViewKey } from './view';
import { forgetAll, unsavedLabels } from './unsaved';
import { renderConcepts } from './views/concepts';
import { renderDecisions } from './views/decisions';
import { renderDesigns } from './views/designs';
import { renderInsights } from './views/insights';
import { renderMonth } from './views/month';
import { renderOverview } from './views/overview';
import { renderPublish } from './views/publish';
import { renderStrategy } from './views/strategy';
import { renderTasks } from './views/tasks';

const VIEWS: Record<ViewKey, { label: typeof T.vTasks; render: (ctx: ViewCtx) => void; monthly: boolean }> = {
  tasks: { label: T.vTasks, render: renderTasks, monthly: false },
  month: { label: T.vMonth, render: renderMonth, monthly: true },
  concepts: { label: T.vConcepts, render: renderConcepts, monthly: true },
  designs: { label: T.vDesigns, render: renderDesigns, monthly: true },
  publish: { label: T.vPublish, render: renderPublish, monthly: true },
  insights: { label: T.vInsights, render: renderInsights, monthly: true },
  strategy: { label: T.vStrategy, render: renderStrategy, monthly: true },
  decisions: { label: T.vDecisions, render: renderDecisions, monthly: false },
  overview: { label: T.vOverview, render: renderOverview, monthly: true },
};

export function viewsFor(role: Me['role']): ViewKey[] {
  if (role === 'Kabag' || role === 'Kasubbag') return ['decisions', 'overview', 'month', 'strategy', 'insights'];
  if (role === 'PNS' || role === 'PPNPN') return ['tasks', 'month', 'concepts', 'designs', 'publish', 'insights'];
  return [];
}

export function start(app: HTMLElement): void {
  void load(app, () => callServer('apiWhoAmI', {}), (me) => shell(app, me));
}

function shell(app: HTMLElement, me: Me): void {
  setLang(me.lang);
  document.documentElement.lang = me.lang;
  const views = viewsFor(me.role);
  app.appendChild(
    h('header', { className: 'top' }, h('div', { className: 'who' }, t(T.signedInAs, { name: me.name || me.email, role: me.role ?? '—' }))),
  );
  // Nonsense in the Pengaturan tab: say so (the defaults are in use until someone fixes it).
  for (const problem of me.settingsProblems ?? []) app.appendChild(note('warn', problem));
  if (!views.length) {
    app.appendChild(note('warn', t(T.noRole, { email: me.email || '?' })));
    return;
  }
  const state = { view: views[0], period: me.currentPeriod, focus: undefined as string | undefined };
  const cache = new Map<string, Promise<PanelMonth>>();

  const nav = h('nav', { className: 'views', 'aria-label': t(T.views) });
  const buttons = new Map<ViewKey, HTMLButtonElement>();
  for (const v of views) {
    const b = h('button', { type: 'button', className: 'view-btn', 'data-view': v, onclick: () => go(v) }, t(VIEWS[v].label));
    buttons.set(v, b);
    nav.appendChild(b);
  }
  const periodLabel = h('span', { className: 'period-label', 'aria-live': 'polite' });
  const periodBar = h(
    'div',
    { className: 'period-bar', role: 'group', 'aria-label': t(T.period) },
    h('button', { type: 'button', className: 'icon', 'aria-label': t(T.prevMonth), title: t(T.prevMonth), onclick: () => setPeriod(shiftPeriod(state.period, -1)) }, '‹'),
    periodLabel,
    h('button', { type: 'button', className: 'icon', 'aria-label': t(T.nextMonth), title: t(T.nextMonth), onclick: () => setPeriod(shiftPeriod(state.period, 1)) }, '›'),
  );
  const root = h('main', { className: 'view', id: 'view', tabindex: '-1' });
  app.append(nav, periodBar, root);

  /** Leaving the view or the month with unsaved typing asks first; leaving discards it. */
  function mayLeave(): boolean {
    const open = unsavedLabels();
    if (!open.length) return true;
    if (!window.confirm(t(T.leaveUnsaved, { list: open.join(', ') }))) return false;
    forgetAll();
    return true;
  }
  // Closing the panel (or reloading it) with unsaved typing: the browser asks.
  window.addEventListener('beforeunload', (ev) => {
    if (!unsavedLabels().length) return;
    ev.preventDefault();
    ev.returnValue = '';
  });

  function setPeriod(p: string) {
    if (!mayLeave()) return;
    state.period = p;
    state.focus = undefined;
    render();
  }

  function go(v: ViewKey, opts: { period?: string; focus?: string } = {}) {
    if (!mayLeave()) return;
    state.view = v;
    if (opts.period) state.period = opts.period;
    state.focus = opts.focus;
    render();
  }

  function render() {
    for (const [k, b] of buttons) {
      if (k === state.view) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    periodBar.hidden = !VIEWS[state.view].monthly;
    periodLabel.textContent = formatPeriod(state.period, lang());
    app.setAttribute('data-view', state.view);
    const period = state.period;
    const ctx: ViewCtx = {
      me,
      period,
      root: clear(root),
      month: () => {
        let p = cache.get(period);
        if (!p) {
          p = callServer('apiPanelMonth', { period });
          cache.set(period, p);
          p.catch(() => cache.delete(period));
        }
        return p;
      },
      invalidate: () => cache.clear(),
      go,
      focus: state.focus,
    };
    VIEWS[state.view].render(ctx);
  }

  render();
}
