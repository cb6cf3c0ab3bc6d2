/**
 * The insights import dialog (menu Siaran → Impor insight (CSV)…): choose a platform export, check
 * the detected platform and the column mapping (remembered per platform), preview, then import.
 * Talks to the server only through callServer (apiPreviewInsights, apiImportInsights).
 */
import { escapeHtml } from '../core/i18n';
import { callServer, ServerError } from './rpc';
import type { InsightMapping, PreviewInsightsValue } from '../shared/contract';
import { readChosenFile } from './file-input';

type Platform = 'Facebook' | 'Instagram' | 'X' | 'YouTube' | 'TikTok';
const PLATFORMS: Platform[] = ['Facebook', 'Instagram', 'X', 'YouTube', 'TikTok'];

interface State {
  fileName: string;
  bytes: number[] | null;
  platform: Platform | '';
  period: string;
  preview: PreviewInsightsValue | null;
  mapping: InsightMapping;
  busy: boolean;
  message: string;
  error: string;
  skipped: Array<{ line: number; reason: string }>;
}

const state: State = { fileName: '', bytes: null, platform: '', period: '', preview: null, mapping: {}, busy: false, message: '', error: '', skipped: [] };

function el<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function fail(e: unknown): void {
  state.error = e instanceof ServerError ? e.error.message + (e.error.details ? ' ' + e.error.details.map((d) => (d.row ? `(${d.row}) ` : '') + d.message).join('; ') : '') : String(e);
  state.busy = false;
  render();
}

function request() {
  return { fileName: state.fileName, bytes: state.bytes ?? [] };
}

function preview(): void {
  if (!state.bytes) return;
  state.busy = true;
  state.error = '';
  state.message = '';
  render();
  callServer('apiPreviewInsights', { ...request(), ...(state.platform ? { platform: state.platform } : {}), ...(state.period ? { period: state.period } : {}) } as Parameters<typeof callServer<'apiPreviewInsights'>>[1])
    .then((v) => {
      state.preview = v;
      state.mapping = { ...v.mapping };
      if (!state.platform && v.platform) state.platform = v.platform;
      state.busy = false;
      render();
    })
    .catch(fail);
}

function doImport(): void {
  if (!state.bytes || !state.platform) return;
  state.busy = true;
  state.error = '';
  render();
  callServer('apiImportInsights', { ...request(), platform: state.platform, mapping: state.mapping, ...(state.period ? { period: state.period } : {}) })
    .then((v) => {
      state.message = v.message;
      state.skipped = v.skipped;
      state.busy = false;
      render();
    })
    .catch(fail);
}

function mappingForm(p: PreviewInsightsValue): string {
  const options = (selected: string | undefined) =>
    `<option value="">—</option>` + p.headers.map((h) => `<option value="${escapeHtml(h)}"${h === selected ? ' selected' : ''}>${escapeHtml(h)}</option>`).join('');
  return `<div class="map">${p.fields
    .map((f) => `<label for="m-${f.field}">${escapeHtml(f.label)}</label><select id="m-${f.field}" data-field="${f.field}">${options((state.mapping as Record<string, string | undefined>)[f.field])}</select>`)
    .join('')}</div>`;
}

function render(): void {
  const p = state.preview;
  const html: string[] = [];
  html.push(`<div class="row"><div><label for="file">Berkas CSV ekspor platform</label><input id="file" type="file" accept=".csv,text/csv,text/plain"></div>`);
  html.push(`<div><label for="platform">Platform</label><select id="platform"><option value="">(deteksi otomatis)</option>${PLATFORMS.map((x) => `<option${x === state.platform ? ' selected' : ''}>${x}</option>`).join('')}</select></div>`);
  html.push(`<div><label for="period">Periode (YYYY-MM)</label><input id="period" type="text" size="8" placeholder="2026-12" value="${escapeHtml(state.period)}"></div></div>`);
  html.push(`<p class="note">Meta Business Suite (Facebook, Instagram), YouTube Studio, TikTok Studio dan X. Periode diperlukan bila tanggal di berkas tidak memuat tahun. Angka format Indonesia (1.234) maupun Inggris (1,234) terbaca.</p>`);
  if (state.fileName) html.push(`<p>Berkas: <b>${escapeHtml(state.fileName)}</b></p>`);
  if (p) {
    html.push(`<h2>Format: ${escapeHtml(p.formatLabel)}${p.encoding ? ` <span class="note">(${escapeHtml(p.encoding)})</span>` : ''}</h2>`);
    html.push(`<p class="note">${p.mappingSource === 'remembered' ? 'Pemetaan kolom yang tersimpan untuk platform ini dipakai.' : 'Pemetaan kolom diusulkan dari nama kolom; periksa lalu impor. Siaran mengingatnya untuk impor berikutnya.'}</p>`);
    html.push(mappingForm(p));
    if (p.rows.length) {
      html.push(`<h2>Baris pertama berkas</h2><div class="scroll"><table><tr>${p.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>${p.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</table></div>`);
    }
    html.push(`<h2>Hasil pembacaan: ${p.total} baris</h2><table><tr><th>Tanggal</th><th>Tautan</th><th>Jangkauan</th><th>Tayangan</th><th>Impresi</th><th>Interaksi</th><th>Pengikut</th></tr>${p.parsed.map((r) => `<tr><td>${escapeHtml(r.date)}</td><td>${escapeHtml(r.link)}</td><td>${escapeHtml(r.reach ?? '')}</td><td>${escapeHtml(r.views ?? '')}</td><td>${escapeHtml(r.impressions ?? '')}</td><td>${escapeHtml(r.engagement ?? '')}</td><td>${escapeHtml(r.followers ?? '')}</td></tr>`).join('')}</table>`);
    if (p.problems.length) html.push(`<h2>Masalah (${p.problems.length})</h2><ul class="problems">${p.problems.map((x) => `<li>${x.line ? `Baris ${x.line}: ` : ''}${escapeHtml(x.reason)}</li>`).join('')}</ul>`);
  }
  if (state.error) html.push(`<p class="err">${escapeHtml(state.error)}</p>`);
  if (state.message) html.push(`<p class="ok">${escapeHtml(state.message)}</p>`);
  if (state.skipped.length) html.push(`<ul class="problems">${state.skipped.map((x) => `<li>${x.line ? `Baris ${x.line}: ` : ''}${escapeHtml(x.reason)}</li>`).join('')}</ul>`);
  html.push(`<div class="row"><button id="preview"${state.bytes && !state.busy ? '' : ' disabled'}>Baca ulang</button><button id="import" class="primary"${p && state.platform && !state.busy ? '' : ' disabled'}>Impor ke tab Insight</button>${state.busy ? '<span class="note">Memproses…</span>' : ''}</div>`);
  el('app').innerHTML = html.join('');
  el<HTMLInputElement>('file').addEventListener('change', onFile);
  el<HTMLSelectElement>('platform').addEventListener('change', (e) => {
    state.platform = (e.target as HTMLSelectElement).value as Platform | '';
    preview();
  });
  el<HTMLInputElement>('period').addEventListener('change', (e) => {
    state.period = (e.target as HTMLInputElement).value.trim();
  });
  document.querySelectorAll<HTMLSelectElement>('select[data-field]').forEach((s) =>
    s.addEventListener('change', () => {
      const f = s.getAttribute('data-field') as string;
      const m = state.mapping as Record<string, string | undefined>;
      if (s.value) m[f] = s.value;
      else delete m[f];
    }),
  );
  el('preview').addEventListener('click', preview);
  el('import').addEventListener('click', doImport);
}

function onFile(e: Event): void {
  readChosenFile(e, (file, bytes) => {
    state.fileName = file.name;
    state.bytes = Array.from(bytes);
    state.preview = null;
    state.message = '';
    state.skipped = [];
    preview();
  });
}

render();
