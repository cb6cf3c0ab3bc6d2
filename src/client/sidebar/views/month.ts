/** Month view: the month's calendar, the items on each day, status colours and SLA state, filters. */
import { formatDate, formatMinutes, statusLabel } from '../../../core/i18n';
import type { PanelConcept, PanelMonth } from '../../../shared/contract';
import type { ViewCtx } from '../view';
import { chip, clear, field, h, load, select } from '../dom';
import { byDay, displayStatus, filterConcepts, Filter, monthGrid, slaState, statusTone } from '../model';
import { lang, t, T } from '../text';

const STATUSES = ['Draf', 'Diajukan', 'Perlu Revisi', 'Disetujui', 'Terbit'];

function dateMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 7 * 3600000;
}

export function itemCard(ctx: ViewCtx, data: PanelMonth, c: PanelConcept, extra: Array<HTMLElement | null> = []): HTMLElement {
  const stage = data.stages.find((s) => s.conceptId === c.id);
  const sla = slaState(stage);
  const status = displayStatus(c, data.designs);
  const slaBadge =
    stage && stage.step && (sla === 'over' || sla === 'near')
      ? h(
          'span',
          { className: `sla ${sla}`, title: `${t(T.step, { n: stage.step })}: ${formatMinutes(stage.minutes ?? 0, lang())} / ${formatMinutes(stage.standardMinutes ?? 0, lang())}` },
          sla === 'over' ? `${t(T.step, { n: stage.step })}: ${t(T.slaOver)}` : `${t(T.step, { n: stage.step })}: ${t(T.slaNear)}`,
        )
      : null;
  return h(
    'article',
    { className: `card tone-${statusTone(status)}`, 'data-id': c.id },
    h('div', { className: 'card-head' }, h('span', { className: 'muted' }, `${c.id || '—'} · ${c.date ? formatDate(dateMs(c.date), lang()) : '?'}`), chip(status)),
    h('div', { className: 'card-title' }, c.activity),
    h('div', { className: 'muted small' }, [c.platforms.join(', '), c.category, c.picName].filter(Boolean).join(' · ')),
    slaBadge,
    ...extra,
  );
}

export function renderMonth(ctx: ViewCtx): void {
  const box = h('div');
  ctx.root.appendChild(box);
  void load(box, ctx.month, (data) => {
    const filter: Filter = { platform: '', status: '' };
    let day = '';
    const platformSel = select([{ value: '', label: t(T.all) }, ...ctx.me.platforms.map((p) => ({ value: p, label: p }))], '');
    const statusSel = select([{ value: '', label: t(T.all) }, ...STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang()) }))], '');
    const filters = h('div', { className: 'row2' }, field(t(T.filterPlatform), platformSel).wrap, field(t(T.filterStatus), statusSel).wrap);
    const grid = h('div', { className: 'cal' });
    const list = h('div', { className: 'list', 'aria-live': 'polite' });
    box.append(filters, grid, list);

    const draw = () => {
      const shown = filterConcepts(data.concepts, data.designs, filter);
      const days = byDay(shown);
      clear(grid);
      const table = h('table', { className: 'cal-table' });
      const headRow = h('tr', {}, ...t(T.weekdaysShort).split(',').map((d) => h('th', { scope: 'col' }, d)));
      table.appendChild(h('thead', {}, headRow));
      const body = h('tbody');
      for (const week of monthGrid(data.period)) {
        const tr = h('tr');
        for (const d of week) {
          if (!d) {
            tr.appendChild(h('td', { className: 'out' }));
            continue;
          }
          const items = days.get(d) ?? [];
          const num = String(Number(d.slice(8)));
          const dots = h('span', { className: 'dots', 'aria-hidden': 'true' }, ...items.slice(0, 4).map((c) => h('i', { className: `dot ${statusTone(displayStatus(c, data.designs))}` })));
          const over = items.some((c) => slaState(data.stages.find((s) => s.conceptId === c.id)) === 'over');
          const label = `${formatDate(dateMs(d), lang())}: ${t(T.itemsCount, { n: items.length })}`;
          const cell = items.length
            ? h(
                'button',
                {
                  type: 'button',
                  className: `day${day === d ? ' sel' : ''}${over ? ' late' : ''}`,
                  'aria-label': label,
                  'aria-pressed': day === d ? 'true' : 'false',
                  onclick: () => {
                    day = day === d ? '' : d;
                    draw();
                  },
                },
                h('span', { className: 'num' }, num),
                dots,
              )
            : h('span', { className: 'day empty' }, h('span', { className: 'num' }, num));
          tr.appendChild(h('td', {}, cell));
        }
        body.appendChild(tr);
      }
      table.appendChild(body);
      grid.appendChild(table);
      grid.appendChild(
        h(
          'div',
          { className: 'legend', 'aria-label': t(T.legend) },
          ...STATUSES.map((s) => h('span', {}, h('i', { className: `dot ${statusTone(s)}`, 'aria-hidden': 'true' }), statusLabel(s, lang()))),
        ),
      );
      clear(list);
      const listed = day ? shown.filter((c) => c.date === day) : shown;
      if (!data.concepts.length) list.appendChild(h('p', { className: 'empty-note' }, t(T.noItems, { period: data.period })));
      else if (!listed.length) list.appendChild(h('p', { className: 'empty-note' }, t(T.noMatch)));
      for (const c of listed) list.appendChild(itemCard(ctx, data, c));
    };
    platformSel.addEventListener('change', () => {
      filter.platform = platformSel.value;
      draw();
    });
    statusSel.addEventListener('change', () => {
      filter.status = statusSel.value;
      draw();
    });
    draw();
  });
}
