/** My tasks: what waits on me, and what came back for revision, with the feedback. */
import { formatDate, formatPeriod } from '../../../core/i18n';
import { callServer } from '../../rpc';
import type { PanelTask } from '../../../shared/contract';
import type { ViewCtx, ViewKey } from '../view';
import { h, load } from '../dom';
import { lang, t, T } from '../text';

function taskText(task: PanelTask): string {
  const p = { platform: task.platform ?? '', id: task.id };
  switch (task.kind) {
    case 'decide':
      return t(T.tDecide, p);
    case 'concept-draft':
      return t(T.tConceptDraft, p);
    case 'concept-revise':
      return t(T.tConceptRevise, p);
    case 'design-needed':
      return t(T.tDesignNeeded, p);
    case 'design-draft':
      return t(T.tDesignDraft, p);
    case 'design-revise':
      return t(T.tDesignRevise, p);
    default:
      return t(T.tPublish, p);
  }
}

function target(task: PanelTask): { view: ViewKey; focus?: string } {
  switch (task.kind) {
    case 'decide':
      return { view: 'decisions' };
    case 'concept-draft':
    case 'concept-revise':
      return { view: 'concepts', focus: task.id };
    case 'design-needed':
      return { view: 'designs', focus: task.id };
    case 'publish':
      return { view: 'publish' };
    default:
      return { view: 'designs', focus: task.conceptId };
  }
}

/** "Tayang 14 Apr 2026" (today and tomorrow said so): when the post is planned. */
function plannedText(date: string): string {
  const today = new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 31 * 3600000).toISOString().slice(0, 10);
  const when = date === today ? t(T.today) : date === tomorrow ? t(T.tomorrow) : formatDate(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 7 * 3600000, lang());
  return t(T.plannedOn, { when });
}

export function renderTasks(ctx: ViewCtx): void {
  const box = h('div');
  ctx.root.appendChild(box);
  void load(box, () => callServer('apiMyTasks', {}), (tasks) => {
    if (!tasks.length) {
      box.appendChild(h('p', { className: 'empty-note' }, t(T.noTasks)));
      return;
    }
    const list = h('ul', { className: 'tasks' });
    for (const task of tasks) {
      const revise = task.kind === 'concept-revise' || task.kind === 'design-revise';
      const go = target(task);
      list.appendChild(
        h(
          'li',
          { className: `card task${revise ? ' tone-revise' : ''}`, 'data-kind': task.kind },
          h('div', { className: 'card-head' }, h('b', {}, taskText(task)), h('span', { className: 'muted small task-date' }, task.date ? plannedText(task.date) : task.period ? formatPeriod(task.period, lang()) : '')),
          h('div', { className: 'card-title' }, `${task.kind === 'decide' ? '' : `${task.id} · `}${task.title}`),
          task.feedback ? h('div', { className: 'feedback' }, h('b', {}, `${t(T.feedback)}: `), task.feedback) : null,
          h(
            'div',
            { className: 'actions' },
            h('button', { type: 'button', className: 'btn small', onclick: () => ctx.go(go.view, { period: task.period || undefined, focus: go.focus }) }, t(T.open)),
          ),
        ),
      );
    }
    box.appendChild(list);
  });
}
