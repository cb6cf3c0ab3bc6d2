/** Strategy (step 1, Kabag/Kasubbag): the month's strategy and directions per platform, with links to the input reports. */
import { formatDateTime, formatPeriod } from '../../../core/i18n';
import { callServer } from '../../rpc';
import type { PanelMonth, PanelReports } from '../../../shared/contract';
import type { ViewCtx } from '../view';
import { act, showUnplaced, clear, field, h, load, note, setFieldError } from '../dom';
import { fieldProblems } from '../model';
import { lang, t, T } from '../text';

export function renderStrategy(ctx: ViewCtx): void {
  const box = h('div');
  ctx.root.appendChild(box);
  let flash = '';
  const draw = (data: PanelMonth) => {
    clear(box);
    box.appendChild(h('h2', {}, t(T.strategyFor, { period: formatPeriod(data.period, lang()) })));
    box.appendChild(h('p', { className: 'muted small' }, t(T.strategyHint)));
    if (flash) box.appendChild(note('ok', flash));
    const form = h('form', { className: 'form', novalidate: true, 'aria-label': t(T.strategyFor, { period: formatPeriod(data.period, lang()) }) });
    const dirs = ctx.me.platforms.map((pl) => {
      const existing = data.strategy.find((s) => s.platform === pl);
      const ta = h('textarea', { rows: '3', maxlength: '5000' }, existing?.directions ?? '');
      const hint = existing && existing.at ? t(T.lastWritten, { by: ctx.me.people.find((x) => x.email.toLowerCase() === existing.by.toLowerCase())?.name || existing.by, at: formatDateTime(Date.parse(existing.at), lang()) }) : undefined;
      const f = field(t(T.directionsFor, { platform: pl }), ta, { key: `directions.${pl}`, hint });
      form.appendChild(f.wrap);
      return { pl, ta, f };
    });
    const reportDefs: Array<[keyof PanelReports, string]> = [
      ['analisisMedia', t(T.rAnalisisMedia)],
      ['diseminasiPerkara', t(T.rDiseminasiPerkara)],
      ['auditKehumasan', t(T.rAuditKehumasan)],
      ['referensi', t(T.rReferensi)],
    ];
    const fs = h('fieldset', { className: 'group' }, h('legend', {}, t(T.inputReports)));
    const reports = reportDefs.map(([key, label]) => {
      const input = h('input', { type: 'text', inputmode: 'url', placeholder: 'https://', maxlength: '2000', value: data.reports[key] });
      const f = field(label, input, { key: `reports.${key}` });
      fs.appendChild(f.wrap);
      return { key, input, f };
    });
    form.appendChild(fs);
    const out = h('div', { className: 'form-out' });
    const btn = h('button', { type: 'submit', className: 'btn primary block' }, t(T.saveStrategy));
    form.append(out, btn);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      for (const d of dirs) setFieldError(d.f, undefined);
      for (const r of reports) setFieldError(r.f, undefined);
      const rep = {} as PanelReports;
      for (const r of reports) rep[r.key] = r.input.value;
      void act(btn, out, t(T.saving), () =>
        callServer('apiSaveStrategy', { period: data.period, directions: dirs.map((d) => ({ platform: d.pl, text: d.ta.value })), reports: rep }),
      ).then((r) => {
        if (r.ok) {
          flash = t(T.strategySaved, { n: r.value.saved });
          ctx.invalidate();
          void load(box, ctx.month, draw);
        } else {
          const probs = fieldProblems(r.error);
          for (const d of dirs) setFieldError(d.f, probs.get(`directions.${d.pl}`));
          for (const x of reports) setFieldError(x.f, probs.get(`reports.${x.key}`));
          showUnplaced(out, r.error, [...dirs.map((x) => `directions.${x.pl}`), ...reports.map((x) => `reports.${x.key}`)]);
        }
      });
    });
    box.appendChild(form);
  };
  void load(box, ctx.month, draw);
}
