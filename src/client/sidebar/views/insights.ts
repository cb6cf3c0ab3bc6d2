/**
 * Insights (step 6): import an analytics CSV export from the panel. The file is read in the
 * browser as bytes (the server detects the encoding: YouTube and some Meta exports are UTF-16),
 * previewed with a proposed column mapping, confirmed, then imported.
 */
import { formatNumber } from '../../../core/i18n';
import { callServer } from '../../rpc';

import type { InsightMapping, PreviewInsightsValue } from '../../../shared/contract';
import type { ViewCtx } from '../view';
import { act, clear, errorBox, field, h, note, select, spinner, apiError } from '../dom';
import { lang, t, T } from '../text';
import type { Platform } from '../../../core/platforms';

/** The server accepts up to 5 MB; the bytes travel as a JSON array, so keep to that. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

function num(n: number | null): string {
  return n === null ? '—' : formatNumber(n, lang());
}

export function renderInsights(ctx: ViewCtx): void {
  const box = h('div');
  ctx.root.appendChild(box);
  box.appendChild(h('h2', {}, t(T.insightsHead)));
  box.appendChild(h('p', { className: 'muted small' }, t(T.insightsHint)));
  const file = h('input', { type: 'file', accept: '.csv,.tsv,.txt,text/csv,text/plain' });
  const platformSel = select([{ value: '', label: t(T.detect) }, ...ctx.me.platforms.map((p) => ({ value: p, label: p }))], '');
  const period = h('input', { type: 'text', inputmode: 'numeric', pattern: '\\d{4}-\\d{2}', maxlength: '7', value: ctx.period, placeholder: 'YYYY-MM' });
  const fFile = field(t(T.fFile), file, { key: 'file' });
  const fPlatform = field(t(T.fPlatform), platformSel, { key: 'platform' });
  const fPeriod = field(t(T.fImportPeriod), period, { key: 'period', hint: t(T.periodHint) });
  const out = h('div', { 'aria-live': 'polite' });
  box.append(fFile.wrap, h('div', { className: 'row2' }, fPlatform.wrap, fPeriod.wrap), out);

  let bytes: number[] | null = null;
  let fileName = '';

  const previewNow = () => {
    if (!bytes) return;
    const req: { fileName: string; bytes: number[]; platform?: Platform } = { fileName, bytes };
    if (platformSel.value) req.platform = platformSel.value as Platform;
    clear(out).appendChild(spinner());
    callServer('apiPreviewInsights', req).then(
      (v) => showPreview(v),
      (e: unknown) => clear(out).appendChild(errorBox(apiError(e), previewNow)),
    );
  };

  const showPreview = (v: PreviewInsightsValue) => {
    clear(out);
    out.appendChild(note('info', v.format ? t(T.detected, { format: v.formatLabel }) : t(T.unknownFormat)));
    if (v.platform && !platformSel.value) platformSel.value = v.platform;
    const mapping: InsightMapping = { ...v.mapping };
    const fs = h('fieldset', { className: 'group' }, h('legend', {}, t(T.mapping)), h('p', { className: 'hint' }, v.mappingSource === 'remembered' ? t(T.mappingRemembered) : t(T.mappingSuggested)));
    for (const f of v.fields) {
      const key = f.field as keyof InsightMapping;
      const sel = select([{ value: '', label: t(T.notMapped) }, ...v.headers.map((x) => ({ value: x, label: x }))], mapping[key] ?? '');
      sel.addEventListener('change', () => {
        if (sel.value) mapping[key] = sel.value;
        else delete mapping[key];
      });
      fs.appendChild(field(f.label, sel, { key: `map.${f.field}` }).wrap);
    }
    out.appendChild(fs);
    if (v.parsed.length) {
      out.appendChild(h('h3', {}, t(T.preview, { n: v.parsed.length, total: v.total })));
      out.appendChild(
        h(
          'table',
          { className: 'mini' },
          h('thead', {}, h('tr', {}, ...[T.colDate, T.colReach, T.colViews, T.colImpr, T.colEng].map((m) => h('th', { scope: 'col' }, t(m))))),
          h('tbody', {}, ...v.parsed.map((r) => h('tr', {}, h('td', {}, r.date || '—'), h('td', {}, num(r.reach)), h('td', {}, num(r.views)), h('td', {}, num(r.impressions)), h('td', {}, num(r.engagement))))),
        ),
      );
    }
    if (v.problems.length) {
      out.appendChild(
        h(
          'details',
          { className: 'msg warn' },
          h('summary', {}, t(T.problemsN, { n: v.problems.length })),
          h('ul', {}, ...v.problems.slice(0, 20).map((p) => h('li', {}, `${p.line ? `${t(T.line, { n: p.line })}: ` : ''}${p.reason}`))),
        ),
      );
    }
    const result = h('div', { 'aria-live': 'polite' });
    const btn = h('button', { type: 'button', className: 'btn primary block' }, t(T.doImport));
    btn.addEventListener('click', () => {
      const platform = (platformSel.value || v.platform || '') as Platform | '';
      if (!platform) {
        fPlatform.error.textContent = t(T.choosePlatform);
        platformSel.focus();
        return;
      }
      fPlatform.error.textContent = '';
      void act(btn, result, t(T.importing), () =>
        callServer('apiImportInsights', { fileName, bytes: bytes ?? [], platform, mapping, ...(period.value.trim() ? { period: period.value.trim() } : {}) }),
      ).then((r) => {
        if (!r.ok) return;
        const x = r.value;
        // The server's sentence says the result (once); the panel's own words only when it sent none.
        clear(result).appendChild(note('ok', x.message || t(T.imported, { added: x.added, dup: x.duplicates, skipped: x.skipped.length })));
        if (x.skipped.length) {
          result.appendChild(
            h('details', { className: 'msg warn' }, h('summary', {}, t(T.skippedHead)), h('ul', {}, ...x.skipped.slice(0, 50).map((p) => h('li', {}, `${p.line ? `${t(T.line, { n: p.line })}: ` : ''}${p.reason}`)))),
          );
        }
      });
    });
    out.append(btn, result);
  };

  file.addEventListener('change', () => {
    const f = file.files && file.files[0];
    bytes = null;
    fFile.error.textContent = '';
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) {
      fFile.error.textContent = t(T.tooBig, { size: formatNumber(f.size, lang()), max: formatNumber(MAX_FILE_BYTES, lang()) });
      return;
    }
    fileName = f.name;
    clear(out).appendChild(spinner(t(T.reading)));
    f.arrayBuffer().then(
      (buf) => {
        bytes = Array.from(new Uint8Array(buf));
        previewNow();
      },
      (e: unknown) => clear(out).appendChild(errorBox(apiError(e))),
    );
  });
  platformSel.addEventListener('change', previewNow);
}
