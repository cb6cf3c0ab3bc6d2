/**
 * Designs (step 4): for an approved plan item, one card per platform with the design link and
 * the copy, and a live copy checker (src/core/copy-limits.ts run here in the browser with the
 * limits from the settings; the server checks again on submit). Submit from the card.
 */
import { formatDate, formatPeriod } from '../../../core/i18n';
import { callServer } from '../../rpc';
import type { DesignInput, PanelConcept, PanelDesign, PanelMonth, SubmitApprovalValue } from '../../../shared/contract';
import type { ViewCtx } from '../view';
import { act, showUnplaced, append, chip, clear, errorBox, field, h, load, select, submitNote, setFieldError } from '../dom';
import { copyView, designSlots, editable, fieldProblems, meterText } from '../model';
import { lang, t, T } from '../text';
import { forget, remember, unsavedLabels, valuesFor } from '../unsaved';

function dateText(date: string): string {
  if (!date) return '?';
  return formatDate(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 7 * 3600000, lang());
}

/** Reloads the view with a note: a save's, or a submission's answer (its page link and items). */
type Reload = (msg?: string, value?: SubmitApprovalValue) => void;

/** The live checker's panel for one card. */
function checker(platform: string, limits: Record<string, number>): { el: HTMLElement; update: (copy: string, title: string) => boolean } {
  const el = h('div', { className: 'checker', 'aria-live': 'polite' });
  const update = (copy: string, title: string): boolean => {
    const v = copyView(platform, copy, title, limits, lang());
    clear(el);
    if (!v) return true;
    for (const m of v.meters) {
      el.appendChild(
        h(
          'div',
          { className: `meter${m.over ? ' over' : ''}` },
          h('div', { className: 'meter-text' }, h('span', {}, m.label), h('span', { className: 'count' }, meterText(m, lang()))),
          h('div', { className: 'bar', role: 'meter', 'aria-label': t(T.lengthOf, { label: m.label.toLowerCase() }), 'aria-valuemin': '0', 'aria-valuemax': String(m.limit), 'aria-valuenow': String(Math.min(m.count, m.limit)) }, h('i', { style: `width:${Math.round(m.fill * 100)}%` })),
        ),
      );
    }
    const list = (label: string, items: string[], prefix: string) =>
      h('div', { className: 'small' }, h('b', {}, `${label}: `), items.length ? items.map((x) => prefix + x).join(' ') : t(T.none));
    el.appendChild(list(t(T.hashtags), v.hashtags, '#'));
    if (v.mentions.length) el.appendChild(list(t(T.mentions), v.mentions, '@'));
    el.appendChild(list(t(T.links), v.links, ''));
    if (v.visible !== null) {
      el.appendChild(h('div', { className: 'fold' }, h('div', { className: 'small muted' }, t(T.beforeMore)), h('span', {}, v.visible), h('span', { className: 'folded' }, ` … ${v.hidden.trim().slice(0, 120)}${v.hidden.trim().length > 120 ? '…' : ''}`)));
    }
    if (v.errors.length) el.appendChild(h('ul', { className: 'problems error' }, ...v.errors.map((m) => h('li', {}, m))));
    if (v.warnings.length) el.appendChild(h('ul', { className: 'problems warn' }, ...v.warnings.map((m) => h('li', {}, m))));
    if (!v.errors.length && !v.warnings.length && copy.trim()) el.appendChild(h('div', { className: 'small ok-text' }, `✓ ${t(T.copyOk)}`));
    return v.ok;
  };
  return { el, update };
}

function readOnlyCard(d: PanelDesign): HTMLElement[] {
  const parts: Array<HTMLElement | null> = [
    d.link ? h('div', { className: 'small' }, h('a', { href: d.link, target: '_blank', rel: 'noopener' }, t(T.designLink))) : null,
    d.title ? h('div', { className: 'card-title' }, d.title) : null,
    h('pre', { className: 'copy' }, d.copy),
    d.copyCheck ? h('div', { className: 'small muted' }, `${t(T.copyCheck)}: ${d.copyCheck}`) : null,
  ];
  return parts.filter((x): x is HTMLElement => x !== null);
}

function designCard(ctx: ViewCtx, data: PanelMonth, c: PanelConcept, platform: string, design: PanelDesign | null, reload: Reload): HTMLElement {
  const card = h('article', { className: 'card design', 'data-platform': platform, 'aria-label': `${platform} ${c.id}` });
  card.appendChild(
    h('div', { className: 'card-head' }, h('b', {}, platform), design ? chip(design.status) : h('span', { className: 'chip draft' }, t(T.newDesign))),
  );
  if (design && design.status === 'Perlu Revisi' && design.feedback) card.appendChild(h('div', { className: 'feedback' }, h('b', {}, `${t(T.feedback)}: `), design.feedback));
  if (design && !editable(design.status)) {
    card.append(...readOnlyCard(design));
    return card;
  }
  // What this card shows: its own unsaved typing when there is some (kept across re-renders
  // caused by other cards), else what the server has.
  const key = `design:${c.id}:${platform}`;
  const label = `${c.id} · ${platform}`;
  let saved: Record<string, string> = { link: design?.link ?? '', title: design?.title ?? '', copy: design?.copy ?? '' };
  const start = valuesFor(key, saved);
  const link = h('input', { type: 'url', inputmode: 'url', placeholder: 'https://', maxlength: '2000', value: start.link });
  const title = h('input', { type: 'text', maxlength: '200', value: start.title });
  const copy = h('textarea', { rows: '5', maxlength: '10000' }, start.copy);
  const current = () => ({ link: link.value, title: title.value, copy: copy.value });
  const unsavedNote = h('div', { className: 'small unsaved-note', role: 'status' });
  const track = () => {
    remember(key, label, current(), saved);
    const dirty = JSON.stringify(current()) !== JSON.stringify(saved);
    unsavedNote.textContent = dirty ? t(T.unsavedCard) : '';
    if (dirty) card.setAttribute('data-unsaved', '1');
    else card.removeAttribute('data-unsaved');
  };
  for (const el of [link, title, copy]) el.addEventListener('input', track);
  const fLink = field(t(T.fLink), link, { key: 'link' });
  const fTitle = field(t(T.fTitle), title, { key: 'title' });
  const fCopy = field(t(T.fCopy), copy, { key: 'copy' });
  const check = checker(platform, data.copyLimits);
  const blocked = h('div', { className: 'field-error', role: 'status' });
  const out = h('div', { className: 'form-out' });
  const saveBtn = h('button', { type: 'button', className: 'btn' }, t(T.saveDraft));
  const submitBtn = h('button', { type: 'button', className: 'btn primary' }, t(T.submitDesign));
  const refresh = () => {
    const ok = check.update(copy.value, title.value);
    submitBtn.disabled = !ok;
    blocked.textContent = ok ? '' : t(T.submitBlocked);
    if (ok) submitBtn.removeAttribute('aria-describedby');
    else submitBtn.setAttribute('aria-describedby', blocked.id || (blocked.id = `blk-${c.id}-${platform}`));
  };
  copy.addEventListener('input', refresh);
  title.addEventListener('input', refresh);
  const urgent = h('input', { type: 'checkbox', name: 'urgent' });
  const urgentTick = h('label', { className: 'tick urgent' }, urgent, h('span', {}, t(T.urgent)));
  append(card, [fLink.wrap, platform === 'YouTube' ? fTitle.wrap : null, fCopy.wrap, check.el, blocked, unsavedNote, out, urgentTick, h('div', { className: 'actions' }, saveBtn, submitBtn)]);
  refresh();
  track();

  let id = design?.id;
  const save = async (button: HTMLButtonElement): Promise<PanelDesign | null> => {
    const sent = current();
    const input: DesignInput = { conceptId: c.id, platform, link: sent.link, title: platform === 'YouTube' ? sent.title : '', copy: sent.copy };
    if (id) input.id = id;
    for (const f of [fLink, fTitle, fCopy]) setFieldError(f, undefined);
    const r = await act(button, out, t(T.saving), () => callServer('apiSaveDesign', input));
    if (r.ok) {
      id = r.value.id;
      // What was sent is now saved; anything typed while saving stays unsaved.
      saved = { link: r.value.link, title: r.value.title, copy: r.value.copy };
      forget(key);
      track();
      return r.value;
    }
    const probs = fieldProblems(r.error);
    setFieldError(fLink, probs.get('link'));
    setFieldError(fTitle, probs.get('title'));
    setFieldError(fCopy, probs.get('copy'));
    showUnplaced(out, r.error, ['link', 'title', 'copy']);
    return null;
  };
  saveBtn.addEventListener('click', () => {
    void save(saveBtn).then((d) => {
      if (d) {
        ctx.invalidate();
        reload(t(T.saved, { id: d.id }));
      }
    });
  });
  submitBtn.addEventListener('click', () => {
    void (async () => {
      const d = await save(submitBtn);
      if (!d) return;
      ctx.invalidate();
      const r = await act(submitBtn, out, t(T.sending), () => callServer('apiSubmitDesigns', { ids: [d.id], ...(urgent.checked ? { urgent: true } : {}) }));
      if (r.ok) reload(r.value.message, r.value);
      else {
        const probs = fieldProblems(r.error);
        setFieldError(fCopy, probs.get('copy'));
        setFieldError(fLink, probs.get('link'));
      }
    })();
  });
  return card;
}

/**
 * Submitting the month's designs together: the designs (id, platform, plan item) with a tick each,
 * then, after a confirmation that lists them, one check (staff go on to the submission page) and
 * one request for the month whatever their number.
 */
function monthSubmit(data: PanelMonth, reload: Reload, invalidate: () => void): HTMLElement {
  const period = formatPeriod(data.period, lang());
  const box = h('section', { className: 'card month-submit', 'aria-label': t(T.monthSubmitHead, { period }) }, h('b', {}, t(T.monthSubmitHead, { period })));
  const open = data.designs.filter((d) => editable(d.status));
  if (!open.length) {
    box.appendChild(h('p', { className: 'small muted' }, t(T.monthSubmitNone, { period })));
    return box;
  }
  box.appendChild(h('p', { className: 'small muted' }, t(T.monthSubmitHint, { period })));
  const titleOf = (d: PanelDesign) => data.concepts.find((c) => c.id === d.conceptId)?.activity ?? d.conceptId;
  const ticks = open.map((d) => {
    const cb = h('input', { type: 'checkbox', checked: true, value: d.id });
    box.appendChild(h('label', { className: 'tick design-tick' }, cb, h('span', {}, h('span', { className: 'id' }, d.id), ` · ${d.platform} · ${titleOf(d).slice(0, 60)}`)));
    return { cb, d };
  });
  const urgent = h('input', { type: 'checkbox', name: 'urgent' });
  box.appendChild(h('label', { className: 'tick urgent' }, urgent, h('span', {}, t(T.urgent))));
  const out = h('div', { className: 'form-out' });
  const button = h('button', { type: 'button', className: 'btn primary' });
  const label = () => {
    const n = ticks.filter((x) => x.cb.checked).length;
    button.textContent = t(T.monthSubmitButton, { n });
    button.disabled = n === 0;
  };
  for (const x of ticks) x.cb.addEventListener('change', label);
  label();
  button.addEventListener('click', () => {
    const chosen = ticks.filter((x) => x.cb.checked).map((x) => x.d);
    if (!chosen.length) return;
    const list = chosen.map((d) => `- ${d.id} · ${d.platform} · ${titleOf(d).slice(0, 60)}`).join('\n');
    const unsaved = unsavedLabels('design:');
    const question = t(T.monthSubmitConfirm, { n: chosen.length, period, list }) + (unsaved.length ? `\n\n${t(T.monthSubmitUnsaved, { list: unsaved.join(', ') })}` : '');
    if (!window.confirm(question)) return;
    void act(button, out, t(T.sending), () => callServer('apiSubmitDesigns', { ids: chosen.map((d) => d.id), ...(urgent.checked ? { urgent: true } : {}) })).then((r) => {
      label();
      if (!r.ok) return;
      invalidate();
      reload(r.value.message, r.value);
    });
  });
  box.append(out, h('div', { className: 'actions' }, button));
  return box;
}

export function renderDesigns(ctx: ViewCtx): void {
  const box = h('div');
  ctx.root.appendChild(box);
  let chosen = ctx.focus ?? '';
  let flash = '';
  // What the last submission check answered: its link, and the designs it checked.
  let submitted: SubmitApprovalValue | undefined;
  const draw = (data: PanelMonth) => {
    clear(box);
    const approved = data.concepts.filter((c) => c.status === 'Disetujui');
    if (!approved.length) {
      box.appendChild(h('p', { className: 'empty-note' }, t(T.noApproved, { period: formatPeriod(data.period, lang()) })));
      return;
    }
    if (!approved.some((c) => c.id === chosen)) chosen = approved[0].id;
    const sel = select(approved.map((c) => ({ value: c.id, label: `${c.id} · ${c.activity.slice(0, 60)}` })), chosen);
    sel.addEventListener('change', () => {
      chosen = sel.value;
      // A saved note belongs to the item left; a submission page's link stays until it is used.
      if (!submitted?.pageUrl) flash = '';
      draw(data);
    });
    box.appendChild(field(t(T.chooseConcept), sel).wrap);
    if (flash) {
      box.appendChild(
        submitNote(flash, submitted?.shareUrl, submitted?.pageUrl, () => {
          const items = submitted?.items ?? [];
          ctx.invalidate();
          void load(box, ctx.month, (d) => {
            // Back from the submission page: the note (and its link) stays until the designs are submitted.
            if (!d.designs.some((x) => items.indexOf(x.id) >= 0 && editable(x.status))) {
              flash = '';
              submitted = undefined;
            }
            draw(d);
          });
        }),
      );
    }
    const c = approved.find((x) => x.id === chosen) as PanelConcept;
    box.appendChild(
      h(
        'div',
        { className: 'concept-sum' },
        h('div', { className: 'muted small' }, `${dateText(c.date)} · ${c.category || '—'} · ${c.picName || c.pic}`),
        c.description ? h('p', { className: 'small' }, c.description) : null,
      ),
    );
    const dirs = data.strategy.filter((s) => c.platforms.indexOf(s.platform) >= 0 && s.directions.trim());
    if (dirs.length) {
      box.appendChild(
        h('details', { className: 'directions' }, h('summary', {}, t(T.directions, { period: formatPeriod(data.period, lang()) })), ...dirs.map((s) => h('p', {}, h('b', {}, `${s.platform}: `), s.directions))),
      );
    }
    const reload: Reload = (msg, value) => {
      flash = msg ?? '';
      submitted = value;
      void load(box, ctx.month, draw);
    };
    for (const slot of designSlots(c, data.designs)) box.appendChild(designCard(ctx, data, c, slot.platform, slot.design, reload));
    box.appendChild(monthSubmit(data, reload, () => ctx.invalidate()));
  };
  void load(box, ctx.month, draw).catch((e: unknown) => box.appendChild(errorBox({ code: 'INTERNAL', message: String(e) })));
}
