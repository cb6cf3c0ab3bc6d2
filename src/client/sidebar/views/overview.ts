/** Overview (Kabag/Kasubbag): where each item of the month stands, and which steps are over their standard time. */
import { formatMinutes, formatPeriod } from '../../../core/i18n';
import type { PanelMonth, PanelStage } from '../../../shared/contract';
import type { ViewCtx } from '../view';
import { chip, clear, h, load } from '../dom';
import { displayStatus, slaState } from '../model';
import { lang, t, T } from '../text';

const STEP_NAMES = [T.stepName2, T.stepName3, T.stepName4, T.stepName5, T.stepName6];

export function stageText(s: PanelStage | undefined): string {
  if (!s) return '';
  if (s.done) return t(T.done);
  const step = s.step ? `${t(T.step, { n: s.step })} · ${t(STEP_NAMES[s.step - 2])}` : '';
  if (s.minutes === null || s.standardMinutes === null) return t(T.notStarted, { step });
  return t(T.waitingIn, { step, minutes: formatMinutes(s.minutes, lang()), std: formatMinutes(s.standardMinutes, lang()) });
}

export function renderOverview(ctx: ViewCtx): void {
  const box = h('div');
  ctx.root.appendChild(box);
  const draw = (data: PanelMonth) => {
    clear(box);
    box.appendChild(h('h2', {}, t(T.overviewHead, { period: formatPeriod(data.period, lang()) })));
    if (!data.concepts.length) {
      box.appendChild(h('p', { className: 'empty-note' }, t(T.noItems, { period: formatPeriod(data.period, lang()) })));
      return;
    }
    // Counts per step.
    const counts = new Map<string, number>();
    for (const s of data.stages) {
      const key = s.done ? 'done' : String(s.step);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const steps = h('div', { className: 'steps' });
    for (const n of [2, 3, 4, 5, 6]) {
      steps.appendChild(h('div', { className: 'step-count' }, h('b', {}, String(counts.get(String(n)) ?? 0)), h('span', {}, t(T.step, { n }))));
    }
    steps.appendChild(h('div', { className: 'step-count done' }, h('b', {}, String(counts.get('done') ?? 0)), h('span', {}, '✓')));
    box.appendChild(steps);
    const over = data.stages.filter((s) => s.overdue);
    box.appendChild(h('p', { className: over.length ? 'msg warn' : 'msg ok', role: 'status' }, over.length ? t(T.overdueCount, { n: over.length }) : t(T.noneOverdue)));
    const list = h('div', { className: 'list' });
    // Overdue first, then by step.
    const order = data.concepts.slice().sort((a, b) => {
      const sa = data.stages.find((s) => s.conceptId === a.id);
      const sb = data.stages.find((s) => s.conceptId === b.id);
      return Number(!!sb?.overdue) - Number(!!sa?.overdue) || (sa?.step ?? 9) - (sb?.step ?? 9);
    });
    for (const c of order) {
      const s = data.stages.find((x) => x.conceptId === c.id);
      const state = slaState(s);
      list.appendChild(
        h(
          'article',
          { className: `card${state === 'over' ? ' late' : ''}`, 'data-id': c.id },
          h('div', { className: 'card-head' }, h('span', { className: 'muted' }, c.id), chip(displayStatus(c, data.designs))),
          h('div', { className: 'card-title' }, c.activity),
          h('div', { className: `small sla-line ${state}` }, state === 'over' ? h('b', {}, `${t(T.late)} · `) : null, stageText(s)),
        ),
      );
    }
    box.appendChild(list);
  };
  void load(box, ctx.month, draw);
}
