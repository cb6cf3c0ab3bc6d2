/**
 * Small DOM helpers. User text only ever goes in as text nodes (never innerHTML), so nothing a
 * person typed can become markup. Every server call shows a loading state and an error state.
 */
import { statusLabel } from '../../core/i18n';
import { ServerError } from '../rpc';
import type { ApiError } from '../../shared/contract';
import { fieldKey, statusTone } from './model';
import { lang, t, T } from './text';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * Only web links become live: a link typed into the sheet (a design link, a post link) could be
 * "javascript:" or "data:"; it is shown without its href, so a click does nothing.
 */
export function linkable(url: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url.trim());
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'className') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else if ((k === 'href' || k === 'src') && !linkable(String(v))) continue;
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: HTMLElement, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: HTMLElement): HTMLElement {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let uid = 0;
export function newId(prefix: string): string {
  return `${prefix}-${++uid}`;
}

export function apiError(e: unknown): ApiError {
  if (e instanceof ServerError) return e.error;
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** The box a failed call shows: the message, the per-row details, and (optionally) a retry. */
export function errorBox(err: ApiError, retry?: () => void): HTMLElement {
  const box = h('div', { className: 'msg error', role: 'alert' }, h('p', {}, err.message));
  if (err.details && err.details.length) {
    box.appendChild(h('ul', {}, ...err.details.slice(0, 30).map((d) => h('li', {}, d.message))));
  }
  if (retry) box.appendChild(h('button', { type: 'button', className: 'btn', onclick: () => retry() }, t(T.retry)));
  return box;
}

export function note(kind: 'ok' | 'info' | 'warn', text: string): HTMLElement {
  return h('div', { className: `msg ${kind}`, role: kind === 'ok' ? 'status' : undefined }, ...text.split('\n').map((line) => h('p', {}, line)));
}

/** A success note, with a "Bagikan ke WhatsApp" link when the server gave one. */
export function okNote(text: string, shareUrl?: string): HTMLElement {
  const el = note('ok', text);
  if (shareUrl) el.appendChild(h('p', {}, h('a', { href: shareUrl, target: '_blank', rel: 'noopener', className: 'share-wa' }, t(T.shareWa))));
  return el;
}

/**
 * What a submission answered: done (okNote), or checked and waiting for the submission page (the
 * owner's web app records it): the message and a link that opens the page in its own tab. When
 * the person comes back to the panel after opening it, `onBack` runs once: the view reloads, and
 * keeps the note while the items are still unsubmitted (she came back without pressing Ajukan).
 */
export function submitNote(text: string, shareUrl: string | undefined, pageUrl: string | undefined, onBack: () => void): HTMLElement {
  if (!pageUrl) return okNote(text, shareUrl);
  const el = note('info', text);
  // Announced like a success: the next step (the link) is hers to take.
  el.setAttribute('role', 'status');
  const link = h('a', { href: pageUrl, target: '_blank', rel: 'noopener', className: 'btn primary block open-page' }, t(T.openSubmitPage));
  link.addEventListener('click', () => {
    let done = false;
    const back = () => {
      if (done || document.visibilityState === 'hidden') return;
      done = true;
      window.removeEventListener('focus', back);
      document.removeEventListener('visibilitychange', back);
      onBack();
    };
    // After the page opened: the next time the panel is looked at again.
    setTimeout(() => {
      window.addEventListener('focus', back);
      document.addEventListener('visibilitychange', back);
    }, 500);
  });
  el.appendChild(h('p', {}, link));
  return el;
}

export function spinner(text = t(T.loading)): HTMLElement {
  return h('div', { className: 'loading', role: 'status', 'aria-live': 'polite' }, h('span', { className: 'spin', 'aria-hidden': 'true' }), text);
}

/** Loads into `box`: a loading state, then render(value) or an error box with a retry. */
export function load<V>(box: HTMLElement, call: () => Promise<V>, render: (value: V) => void): Promise<void> {
  clear(box).appendChild(spinner());
  box.setAttribute('aria-busy', 'true');
  return call().then(
    (v) => {
      box.removeAttribute('aria-busy');
      clear(box);
      render(v);
    },
    (e: unknown) => {
      box.removeAttribute('aria-busy');
      clear(box).appendChild(errorBox(apiError(e), () => void load(box, call, render)));
    },
  );
}

/**
 * Runs a button's server call: the button is disabled and says what is happening; an error is
 * shown in `out` (the caller may replace it). Resolves to the value or the error.
 */
export async function act<V>(button: HTMLButtonElement, out: HTMLElement, busyText: string, call: () => Promise<V>): Promise<{ ok: true; value: V } | { ok: false; error: ApiError }> {
  const label = button.textContent ?? '';
  button.disabled = true;
  button.textContent = busyText;
  clear(out).appendChild(spinner(busyText));
  try {
    const value = await call();
    clear(out);
    return { ok: true, value };
  } catch (e) {
    const error = apiError(e);
    clear(out).appendChild(errorBox(error));
    return { ok: false, error };
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

/** After a failed save: the summary in `out`, listing only the problems not already shown at a field. */
export function showUnplaced(out: HTMLElement, err: ApiError, placed: ReadonlyArray<string>): void {
  const rest = (err.details ?? []).filter((d) => placed.indexOf(fieldKey(d.field)) < 0);
  clear(out).appendChild(errorBox({ code: err.code, message: err.message, details: rest.length ? rest : undefined }));
}

export function chip(status: string): HTMLElement {
  return h('span', { className: `chip ${statusTone(status)}` }, statusLabel(status, lang()));
}

/** A labelled control with a place for its problem message (aria-describedby). */
export function field(label: string, control: HTMLElement, opts: { hint?: string; key?: string } = {}): { wrap: HTMLElement; error: HTMLElement; control: HTMLElement } {
  const id = control.id || newId('f');
  control.id = id;
  const errId = `${id}-err`;
  const error = h('div', { className: 'field-error', id: errId, 'aria-live': 'polite' });
  const describedBy = [errId];
  const hint = opts.hint ? h('div', { className: 'hint', id: `${id}-hint` }, opts.hint) : null;
  if (hint) describedBy.push(`${id}-hint`);
  control.setAttribute('aria-describedby', describedBy.join(' '));
  const wrap = h('div', { className: 'field', 'data-field': opts.key ?? '' }, h('label', { for: id }, label), control, hint, error);
  return { wrap, error, control };
}

/** Shows (or clears) a field's problem. */
export function setFieldError(f: { error: HTMLElement; control: HTMLElement }, message: string | undefined): void {
  f.error.textContent = message ?? '';
  if (message) f.control.setAttribute('aria-invalid', 'true');
  else f.control.removeAttribute('aria-invalid');
}

export function select(options: Array<{ value: string; label: string }>, value: string, attrs: Attrs = {}): HTMLSelectElement {
  const s = h('select', attrs, ...options.map((o) => h('option', { value: o.value }, o.label)));
  s.value = value;
  return s;
}
