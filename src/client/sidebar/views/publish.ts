/** Publish (step 6): record the post link and time for each approved design of the month. */
import { formatDate, formatDateTime, formatPeriod } from '../../../core/i18n';
import { callServer } from '../../rpc';
import type { PanelDesign, PanelMonth } from '../../../shared/contract';
import type { ViewCtx } from '../view';
import { act, showUnplaced, chip, clear, field, h, load, note, setFieldError } from '../dom';
import { fieldProblems, wibInputValue } from '../model';
import { lang, t, T } from '../text';

function publishCard(ctx: ViewCtx, data: PanelMonth, d: PanelDesign, reload: (msg: string) => void): HTMLElement {
  const c = data.concepts.find((x) => x.id === d.conceptId);
  const url = h('input', { type: 'url', inputmode: 'url', placeholder: 'https://', maxlength: '2000', value: d.publication?.url ?? '' });
  const when = h('input', { type: 'datetime-local', value: wibInputValue(d.publication?.at ?? data.now), max: wibInputValue(data.now) });
  const fUrl = field(t(T.fPostUrl), url, { key: 'url' });
  const fWhen = field(t(T.fPostTime), when, { key: 'publishedAt' });
  const out = h('div', { className: 'form-out' });
  const btn = h('button', { type: 'button', className: 'btn primary' }, t(T.recordPost));
  btn.addEventListener('click', () => {
    setFieldError(fUrl, undefined);
    setFieldError(fWhen, undefined);
    void act(btn, out, t(T.saving), () => callServer('apiRecordPublication', { designId: d.id, url: url.value, publishedAt: when.value })).then((r) => {
      if (r.ok) {
        ctx.invalidate();
        reload(t(T.saved, { id: d.id }));
      } else {
        const probs = fieldProblems(r.error);
        setFieldError(fUrl, probs.get('url'));
        setFieldError(fWhen, probs.get('publishedAt'));
        showUnplaced(out, r.error, ['url', 'publishedAt']);
      }
    });
  });
  return h(
    'article',
    { className: `card ${d.publication ? 'tone-published' : 'tone-approved'}`, 'data-id': d.id, 'aria-label': `${d.platform} ${d.id}` },
    h('div', { className: 'card-head' }, h('b', {}, `${d.platform} · ${d.id}`), d.publication ? chip('Terbit') : chip(d.status)),
    h('div', { className: 'card-title' }, c?.activity ?? d.conceptId),
    c?.date ? h('div', { className: 'muted small planned' }, t(T.plannedOn, { when: formatDate(Date.UTC(Number(c.date.slice(0, 4)), Number(c.date.slice(5, 7)) - 1, Number(c.date.slice(8, 10))) - 7 * 3600000, lang()) })) : null,
    d.publication ? h('div', { className: 'small' }, t(T.published, { at: d.publication.at ? formatDateTime(Date.parse(d.publication.at), lang()) : '?' }), ' · ', h('a', { href: d.publication.url, target: '_blank', rel: 'noopener' }, t(T.openPost))) : null,
    d.link ? h('div', { className: 'small' }, h('a', { href: d.link, target: '_blank', rel: 'noopener' }, t(T.designLink))) : null,
    fUrl.wrap,
    fWhen.wrap,
    out,
    h('div', { className: 'actions' }, btn),
  );
}

export function renderPublish(ctx: ViewCtx): void {
  const box = h('div');
  ctx.root.appendChild(box);
  let flash = '';
  const draw = (data: PanelMonth) => {
    clear(box);
    if (flash) box.appendChild(note('ok', flash));
    const ready = data.designs.filter((d) => d.status === 'Ditetapkan');
    if (!ready.length) box.appendChild(h('p', { className: 'empty-note' }, t(T.noApprovedDesigns, { period: formatPeriod(data.period, lang()) })));
    // Not yet published first, each by planned date (what is due first).
    const dateOf = (d: PanelDesign) => data.concepts.find((c) => c.id === d.conceptId)?.date || '9999-99-99';
    ready.sort((a, b) => Number(!!a.publication) - Number(!!b.publication) || (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0) || (a.id < b.id ? -1 : 1));
    const reload = (msg: string) => {
      flash = msg;
      void load(box, ctx.month, draw);
    };
    for (const d of ready) box.appendChild(publishCard(ctx, data, d, reload));
  };
  void load(box, ctx.month, draw);
}
