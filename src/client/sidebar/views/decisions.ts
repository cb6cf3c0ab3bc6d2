/**
 * Decisions (steps 3 and 5, Kabag/Kasubbag): the requests waiting on me, with the same
 * information and rules as the review page: a decision for every item, a note for every revision.
 */
import { formatDate, formatDateTime, formatMinutes, formatPeriod } from '../../../core/i18n';
import { callServer } from '../../rpc';
import type { ApprovalItemInfo, DecideRequest, PendingDecision } from '../../../shared/contract';
import type { ViewCtx } from '../view';
import { act, chip, clear, h, load, newId, okNote } from '../dom';
import { lang, t, T } from '../text';

export const MAX_FEEDBACK = 2000;

function dayText(date: string | undefined): string {
  return date ? formatDate(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 7 * 3600000, lang()) : '?';
}

/** The copy as the feed shows it: line breaks kept, hashtags and links coloured, the fold marked. */
function feed(platform: string, p: { visible: string; more: boolean }): HTMLElement {
  const box = h('div', { className: 'feed', 'aria-label': t(T.previewOn, { platform }) });
  p.visible.split(/(#[\p{L}\p{N}_]+|@[A-Za-z0-9_.]+|https?:\/\/\S+)/u).forEach((part, i) => box.appendChild(i % 2 ? h('span', { className: 'tag' }, part) : document.createTextNode(part)));
  if (p.more) box.appendChild(h('span', { className: 'muted' }, ` ${t(T.feedMore)}`));
  return box;
}

function itemDetails(kind: 'konsep' | 'desain', it: ApprovalItemInfo): HTMLElement[] {
  const out: Array<HTMLElement | null> = [];
  if (kind === 'konsep') {
    out.push(h('div', { className: 'card-title' }, it.activity ?? ''));
    out.push(h('div', { className: 'muted small' }, [dayText(it.date), it.category, it.platforms, it.picName || it.pic].filter(Boolean).join(' · ')));
    if (it.description) out.push(h('p', { className: 'small desc' }, it.description));
  } else {
    out.push(h('div', { className: 'card-title' }, it.conceptTitle || it.conceptId || ''));
    out.push(h('div', { className: 'muted small' }, [it.conceptId, it.conceptDate ? dayText(it.conceptDate) : '', it.platform].filter(Boolean).join(' · ')));
    if (it.thumbnail && it.link) out.push(h('a', { href: it.link, target: '_blank', rel: 'noopener', className: 'thumb' }, h('img', { src: it.thumbnail, alt: t(T.thumbAlt), loading: 'lazy' })));
    if (it.link) out.push(h('div', { className: 'small' }, h('a', { href: it.link, target: '_blank', rel: 'noopener' }, t(T.designLink))));
    if (it.title) out.push(h('div', { className: 'card-title' }, it.title));
    if (it.preview && it.platform) out.push(h('div', { className: 'small muted' }, t(T.previewOn, { platform: it.platform })), feed(it.platform, it.preview));
    else if (it.copy) out.push(h('pre', { className: 'copy' }, it.copy));
    if (it.copyCheck) out.push(h('div', { className: 'small muted' }, `${t(T.copyCheck)}: ${it.copyCheck}`));
  }
  if (it.version > 1) {
    const n = it.version - 1;
    if (it.previousNote) out.push(h('div', { className: 'feedback prev-note' }, h('b', {}, `${t(T.prevNote, { n, by: it.previousNote.by })}: `), it.previousNote.text));
    else if (it.feedback) out.push(h('div', { className: 'feedback' }, h('b', {}, `${t(T.feedback)} (${t(T.version, { n })}): `), it.feedback));
    if (it.changes === null) out.push(h('div', { className: 'small muted changes' }, t(T.changesUnknown, { n })));
    else if (it.changes && !it.changes.length) out.push(h('div', { className: 'small muted changes' }, t(T.changesNone, { n })));
    else if (it.changes) {
      out.push(
        h(
          'div',
          { className: 'changes small' },
          h('b', {}, t(T.changesHead, { n })),
          h(
            'ul',
            {},
            ...it.changes.map((c) =>
              h('li', {}, h('b', {}, c.field), h('div', {}, `${t(T.before)}: `, h('del', {}, c.before || '—')), h('div', {}, `${t(T.after)}: `, h('ins', {}, c.after || '—'))),
            ),
          ),
        ),
      );
    }
  }
  return out.filter((x): x is HTMLElement => x !== null);
}

function requestHead(p: PendingDecision): HTMLElement[] {
  const kind = p.kind === 'konsep' ? t(T.kindKonsep) : t(T.kindDesain);
  const over = p.waitedMinutes > p.standardMinutes;
  const out: Array<HTMLElement | null> = [
    h('h3', {}, p.urgent ? h('span', { className: 'chip urgent' }, t(T.urgentTag)) : null, p.urgent ? ' ' : null, t(T.requestHead, { kind, period: p.period ? formatPeriod(p.period, lang()) : '', id: p.requestId })),
    h('div', { className: 'muted small' }, t(T.requestMeta, { by: p.submittedByName || p.submittedBy, at: formatDateTime(Date.parse(p.submittedAt), lang()), level: p.level, levels: p.levels, policy: t(p.policy === 'paralel' ? T.policyParalel : p.policy === 'salah-satu' ? T.policySalahSatu : T.policyBerurutan) })),
    h('div', { className: `small sla-line ${over ? 'over' : 'ok'}` }, over ? h('b', {}, `${t(T.late)} · `) : null, `${t(T.waited, { waited: formatMinutes(p.waitedMinutes, lang()), std: formatMinutes(p.standardMinutes, lang()) })}`),
    p.recused?.length ? h('div', { className: 'small muted recused' }, t(T.recusedItems, { ids: p.recused.join(', ') })) : null,
  ];
  return out.filter((x): x is HTMLElement => x !== null);
}

/** A request decided on the review page (the caller's decisions are recorded by the owner's web app). */
function pageCard(p: PendingDecision & { reviewUrl: string }, reload: () => void): HTMLElement {
  const again = h('button', { type: 'button', className: 'btn' }, t(T.reload));
  again.addEventListener('click', reload);
  return h(
    'article',
    { className: 'card request', 'data-request': p.requestId },
    ...requestHead(p),
    ...p.items.map((it) => h('div', { className: 'decide-item', 'data-id': it.id }, h('div', { className: 'card-head' }, h('b', {}, `${it.id} · ${t(T.version, { n: it.version })}`), chip(it.status)), ...itemDetails(p.kind, it))),
    h('p', { className: 'small muted' }, t(T.decisionPageNote)),
    h('div', { className: 'actions' }, again, h('a', { className: 'btn primary', href: p.reviewUrl, target: '_blank', rel: 'noopener' }, t(T.openDecisionPage))),
  );
}

function requestCard(p: PendingDecision, done: (message: string, shareUrl?: string) => void): HTMLElement {
  const rows = p.items.map((it) => {
    const name = newId('dec');
    const approve = h('input', { type: 'radio', name, value: 'approve' });
    const revise = h('input', { type: 'radio', name, value: 'revise' });
    const fb = h('textarea', { rows: '2', maxlength: String(MAX_FEEDBACK), id: newId('fb') });
    const err = h('div', { className: 'field-error', id: `${fb.id}-err`, 'aria-live': 'polite' });
    fb.setAttribute('aria-describedby', err.id);
    const fbWrap = h('div', { className: 'field', hidden: true }, h('label', { for: fb.id }, t(T.feedback)), fb);
    const toggle = () => {
      fbWrap.hidden = !revise.checked;
      if (revise.checked) fb.focus();
    };
    approve.addEventListener('change', toggle);
    revise.addEventListener('change', toggle);
    const el = h(
      'div',
      { className: 'decide-item', 'data-id': it.id },
      h('div', { className: 'card-head' }, h('b', {}, `${it.id} · ${t(T.version, { n: it.version })}`), chip(it.status)),
      ...itemDetails(p.kind, it),
      h(
        'fieldset',
        { className: 'radios' },
        h('legend', { className: 'sr-only' }, t(T.decision, { id: it.id })),
        h('label', { className: 'check' }, approve, t(T.approve)),
        h('label', { className: 'check' }, revise, t(T.revise)),
      ),
      fbWrap,
      err,
    );
    return { it, approve, revise, fb, err, el };
  });
  const out = h('div', { className: 'form-out' });
  const send = h('button', { type: 'button', className: 'btn primary' }, t(T.sendDecisions));
  const all = h('button', { type: 'button', className: 'btn' }, t(T.approveAll));
  all.addEventListener('click', () => {
    for (const r of rows) {
      r.approve.checked = true;
      r.fb.closest('.field')?.setAttribute('hidden', '');
    }
  });
  send.addEventListener('click', () => {
    let firstBad: HTMLElement | null = null;
    const decisions: DecideRequest['decisions'] = [];
    for (const r of rows) {
      r.err.textContent = '';
      r.fb.removeAttribute('aria-invalid');
      if (!r.approve.checked && !r.revise.checked) {
        r.err.textContent = t(T.needDecision, { id: r.it.id });
        firstBad = firstBad ?? r.approve;
      } else if (r.revise.checked && !r.fb.value.trim()) {
        r.err.textContent = t(T.needFeedback, { id: r.it.id });
        r.fb.setAttribute('aria-invalid', 'true');
        firstBad = firstBad ?? r.fb;
      } else if (r.fb.value.length > MAX_FEEDBACK) {
        r.err.textContent = t(T.feedbackTooLong, { max: MAX_FEEDBACK });
        firstBad = firstBad ?? r.fb;
      } else {
        decisions.push(r.revise.checked ? { itemId: r.it.id, decision: 'revise', feedback: r.fb.value.trim() } : { itemId: r.it.id, decision: 'approve' });
      }
    }
    if (firstBad) {
      (firstBad as HTMLElement).focus();
      return;
    }
    void act(send, out, t(T.sending), () => callServer('apiDecide', { requestId: p.requestId, decisions })).then((r) => {
      if (r.ok) done(r.value.message, r.value.shareUrl);
    });
  });
  return h(
    'article',
    { className: 'card request', 'data-request': p.requestId },
    ...requestHead(p),
    ...rows.map((r) => r.el),
    out,
    h('div', { className: 'actions' }, all, send),
  );
}

export function renderDecisions(ctx: ViewCtx): void {
  const box = h('div');
  ctx.root.appendChild(box);
  let flash = '';
  let share: string | undefined;
  const draw = (pending: PendingDecision[]) => {
    clear(box);
    if (flash) box.appendChild(okNote(flash, share));
    if (!pending.length) box.appendChild(h('p', { className: 'empty-note' }, t(T.noDecisions)));
    for (const p of pending) {
      if (p.reviewUrl) {
        box.appendChild(pageCard({ ...p, reviewUrl: p.reviewUrl }, () => void load(box, () => callServer('apiPendingDecisions', {}), draw)));
        continue;
      }
      box.appendChild(
        requestCard(p, (message, shareUrl) => {
          flash = message;
          share = shareUrl;
          ctx.invalidate();
          void load(box, () => callServer('apiPendingDecisions', {}), draw);
        }),
      );
    }
  };
  void load(box, () => callServer('apiPendingDecisions', {}), draw);
}
