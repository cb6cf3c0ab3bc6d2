/**
 * Plan items (step 2): the Kabag's directions, the month's items with add/edit, and submitting
 * the month. Problems from the server are shown next to the fields (save) or on the items
 * they concern (submit).
 */
import { formatPeriod } from '../../../core/i18n';
import { callServer } from '../../rpc';
import type { ApiError, ConceptInput, PanelConcept, PanelMonth } from '../../../shared/contract';
import type { ViewCtx } from '../view';
import { act, showUnplaced, clear, errorBox, field, h, load, newId, note, select, submitNote, setFieldError } from '../dom';
import { daysInMonth, editable, fieldProblems, problemsByItem, ItemProblems } from '../model';
import { lang, t, T } from '../text';
import { itemCard } from './month';

const CATEGORIES = ['Sidang', 'Putusan', 'Kunjungan', 'Edukasi', 'Kegiatan', 'Kampanye', 'Informasi'];

export function directionsBox(data: PanelMonth): HTMLElement {
  // Only directions with text: an empty row must not show a heading over nothing.
  const given = data.strategy.filter((s) => s.directions.trim());
  const d = h('details', { className: 'directions', open: given.length > 0 }, h('summary', {}, t(T.directions, { period: formatPeriod(data.period, lang()) })));
  if (!given.length) d.appendChild(h('p', { className: 'muted' }, t(T.noDirections)));
  for (const s of given) d.appendChild(h('p', {}, h('b', {}, `${s.platform}: `), s.directions));
  const links: Array<[string, string]> = [
    [t(T.rAnalisisMedia), data.reports.analisisMedia],
    [t(T.rDiseminasiPerkara), data.reports.diseminasiPerkara],
    [t(T.rAuditKehumasan), data.reports.auditKehumasan],
    [t(T.rReferensi), data.reports.referensi],
  ];
  const shown = links.filter(([, v]) => v);
  if (shown.length) {
    d.appendChild(
      h(
        'ul',
        { className: 'links' },
        ...shown.map(([label, v]) => h('li', {}, /^https?:\/\//i.test(v) ? h('a', { href: v, target: '_blank', rel: 'noopener' }, label) : `${label}: ${v}`)),
      ),
    );
  }
  return d;
}

function conceptForm(ctx: ViewCtx, data: PanelMonth, item: PanelConcept | null, done: (saved: PanelConcept | null) => void): HTMLElement {
  const p = data.period;
  const date = h('input', { type: 'date', min: `${p}-01`, max: `${p}-${String(daysInMonth(p)).padStart(2, '0')}`, required: true, value: item?.date ?? '' });
  const activity = h('input', { type: 'text', maxlength: '1000', required: true, value: item?.activity ?? '' });
  const listId = newId('cat');
  const category = h('input', { type: 'text', maxlength: '100', list: listId, value: item?.category ?? '' });
  const datalist = h('datalist', { id: listId }, ...CATEGORIES.map((c) => h('option', { value: c })));
  const legendId = newId('pl');
  const boxes = ctx.me.platforms.map((pl) => {
    const cb = h('input', { type: 'checkbox', value: pl, checked: item ? item.platforms.indexOf(pl) >= 0 : false });
    return { pl, cb, label: h('label', { className: 'check' }, cb, pl) };
  });
  const platformErr = h('div', { className: 'field-error', id: `${legendId}-err`, 'aria-live': 'polite' });
  const platforms = h(
    'fieldset',
    { className: 'field checks', 'data-field': 'platforms', 'aria-describedby': `${legendId}-err` },
    h('legend', { id: legendId }, t(T.fPlatforms)),
    h('div', { className: 'check-row' }, ...boxes.map((b) => b.label)),
    platformErr,
  );
  const staff = ctx.me.people.filter((x) => x.role === 'PNS' || x.role === 'PPNPN');
  const picOptions = [{ value: '', label: t(T.choosePic) }, ...staff.map((x) => ({ value: x.email, label: x.name }))];
  if (item?.pic && !staff.some((x) => x.email.toLowerCase() === item.pic.toLowerCase())) picOptions.push({ value: item.pic, label: item.picName || item.pic });
  const pic = select(picOptions, item?.pic ?? (staff.some((x) => x.email === ctx.me.email) ? ctx.me.email : ''), { required: true });
  const description = h('textarea', { rows: '3', maxlength: '5000' }, item?.description ?? '');
  const fields = {
    date: field(t(T.fDate), date, { key: 'date' }),
    activity: field(t(T.fActivity), activity, { key: 'activity' }),
    category: field(t(T.fCategory), category, { key: 'category' }),
    pic: field(t(T.fPic), pic, { key: 'pic' }),
    description: field(t(T.fDescription), description, { key: 'description' }),
  };
  const out = h('div', { className: 'form-out' });
  const saveBtn = h('button', { type: 'submit', className: 'btn primary' }, t(T.save));
  const form = h(
    'form',
    { className: 'card form', 'aria-label': item ? t(T.editConcept, { id: item.id }) : t(T.newConcept), novalidate: true },
    h('h3', {}, item ? t(T.editConcept, { id: item.id }) : t(T.newConcept)),
    item && item.status === 'Perlu Revisi' && item.feedback ? h('div', { className: 'feedback' }, h('b', {}, `${t(T.feedback)}: `), item.feedback) : null,
    fields.date.wrap,
    fields.activity.wrap,
    fields.category.wrap,
    datalist,
    platforms,
    fields.pic.wrap,
    fields.description.wrap,
    out,
    h('div', { className: 'actions' }, saveBtn, h('button', { type: 'button', className: 'btn', onclick: () => done(null) }, t(T.cancel))),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input: ConceptInput = {
      period: p,
      date: date.value,
      activity: activity.value,
      category: category.value,
      platforms: boxes.filter((b) => b.cb.checked).map((b) => b.pl),
      pic: pic.value,
      description: description.value,
    };
    if (item) input.id = item.id;
    for (const f of Object.values(fields)) setFieldError(f, undefined);
    platformErr.textContent = '';
    void (async () => {
      const r = await act(saveBtn, out, t(T.saving), () => callServer('apiSaveConcept', input));
      if (r.ok) {
        done(r.value);
        return;
      }
      {
        const probs = fieldProblems(r.error);
        for (const [key, f] of Object.entries(fields)) setFieldError(f, probs.get(key));
        platformErr.textContent = probs.get('platforms') ?? '';
        showUnplaced(out, r.error, [...Object.keys(fields), 'platforms']);
        const first = form.querySelector('[aria-invalid="true"]') as HTMLElement | null;
        if (first) first.focus();
      }
    })();
  });
  setTimeout(() => date.focus(), 0);
  return form;
}

function problemList(probs: ItemProblems, id: string): HTMLElement | null {
  const fields = probs.byItem.get(id);
  if (!fields) return null;
  const items: HTMLElement[] = [];
  for (const msgs of fields.values()) for (const m of msgs) items.push(h('li', {}, m));
  return h('ul', { className: 'item-problems', role: 'alert' }, ...items);
}

export function renderConcepts(ctx: ViewCtx): void {
  const box = h('div');
  ctx.root.appendChild(box);
  let problems: ItemProblems = { byItem: new Map(), general: [] };
  let flash: HTMLElement | null = null;
  const draw = (data: PanelMonth, editing: PanelConcept | 'new' | null) => {
    clear(box);
    box.appendChild(directionsBox(data));
    if (flash) box.appendChild(flash);
    const formSlot = h('div');
    box.appendChild(formSlot);
    const finish = (saved: PanelConcept | null) => {
      if (saved) {
        flash = h('div', {}, note('ok', t(T.saved, { id: saved.id })), ...(saved.warnings ?? []).map((w) => note('warn', w)));
        ctx.invalidate();
        void load(box, ctx.month, (d) => draw(d, null));
      } else draw(data, null);
    };
    if (editing) formSlot.appendChild(conceptForm(ctx, data, editing === 'new' ? null : editing, finish));
    else box.insertBefore(h('button', { type: 'button', className: 'btn primary block', onclick: () => draw(data, 'new') }, `+ ${t(T.newConcept)}`), formSlot);
    const list = h('div', { className: 'list' });
    if (!data.concepts.length) list.appendChild(h('p', { className: 'empty-note' }, t(T.noItems, { period: formatPeriod(data.period, lang()) })));
    for (const c of data.concepts) {
      const extra: Array<HTMLElement | null> = [];
      if (c.status === 'Perlu Revisi' && c.feedback) extra.push(h('div', { className: 'feedback' }, h('b', {}, `${t(T.feedback)}: `), c.feedback));
      extra.push(problemList(problems, c.id));
      if (editable(c.status)) extra.push(h('div', { className: 'actions' }, h('button', { type: 'button', className: 'btn small', 'aria-label': t(T.editConcept, { id: c.id }), onclick: () => draw(data, c) }, t(T.edit))));
      else if (c.status === 'Diajukan') extra.push(h('div', { className: 'muted small' }, t(T.lockedNote)));
      list.appendChild(itemCard(ctx, data, c, extra));
    }
    box.appendChild(list);
    // Submit the month.
    const submittable = data.concepts.filter((c) => editable(c.status));
    const out = h('div', { className: 'form-out' });
    const submitBtn = h('button', { type: 'button', className: 'btn primary block', disabled: !submittable.length }, t(T.submitMonth, { period: formatPeriod(data.period, lang()) }));
    const urgent = h('input', { type: 'checkbox', name: 'urgent' });
    submitBtn.addEventListener('click', () => {
      void (async () => {
        const r = await act(submitBtn, out, t(T.sending), () => callServer('apiSubmitConcept', { period: data.period, ...(urgent.checked ? { urgent: true } : {}) }));
        if (r.ok) {
          problems = { byItem: new Map(), general: [] };
          const items = r.value.items;
          const reloadView = () => {
            ctx.invalidate();
            void load(box, ctx.month, (d) => {
              // Back from the submission page: the note (and its link) stays until the items are submitted.
              if (!d.concepts.some((c) => items.indexOf(c.id) >= 0 && editable(c.status))) flash = null;
              draw(d, null);
            });
          };
          flash = submitNote(r.value.message, r.value.shareUrl, r.value.pageUrl, reloadView);
          ctx.invalidate();
          void load(box, ctx.month, (d) => draw(d, null));
        } else {
          const err: ApiError = r.error;
          problems = problemsByItem(err, data.concepts);
          draw(data, null);
          // The summary (and problems naming no item) at the submit button; the rest on the items.
          const outNow = box.querySelector('.submit-out');
          if (outNow) clear(outNow as HTMLElement).appendChild(errorBox({ code: err.code, message: err.message, details: problems.general.map((m) => ({ message: m })) }));
        }
      })();
    });
    box.appendChild(
      h(
        'section',
        { className: 'submit-box' },
        h('p', { className: 'muted small' }, submittable.length ? t(T.submitHint) : t(T.nothingToSubmit)),
        submittable.length ? h('label', { className: 'tick urgent' }, urgent, h('span', {}, t(T.urgent))) : null,
        submitBtn,
        h('div', { className: 'submit-out' }, out),
      ),
    );
    if (ctx.focus) {
      const target = box.querySelector(`[data-id="${CSS.escape(ctx.focus)}"]`) as HTMLElement | null;
      if (target) target.scrollIntoView({ block: 'center' });
      ctx.focus = undefined;
    }
  };
  void load(box, ctx.month, (data) => draw(data, null));
}
