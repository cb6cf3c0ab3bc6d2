/**
 * The kop logo upload dialog (menu Siaran → Administrasi → Unggah logo kop…): choose a PNG or
 * JPEG of at most 1 MB; it is checked here (size, and that the bytes are the image type) and
 * again on the server, then sent as base64 through callServer('apiUploadLogo').
 */
import { defineMessages, escapeHtml, Lang, tr } from '../core/i18n';
import { checkLogoBytes, LOGO_MESSAGES } from '../core/logo';
import { callServer, ServerError } from './rpc';
import { readChosenFile } from './file-input';

const UI = defineMessages({
  file: { id: 'Berkas gambar logo (PNG atau JPEG, maks. 1 MB)', en: 'Logo image file (PNG or JPEG, at most 1 MB)' },
  note: {
    id: 'Siaran menyimpan logo ini di folder laporannya dan memakainya di kop laporan bulanan. Logo lama tetap ada di Drive.',
    en: 'Siaran stores this logo in its report folder and uses it on the monthly report letterhead. The old logo stays in Drive.',
  },
  upload: { id: 'Unggah', en: 'Upload' },
  busy: { id: 'Mengunggah…', en: 'Uploading…' },
});

interface State {
  lang: Lang;
  name: string;
  mimeType: string;
  bytes: Uint8Array | null;
  busy: boolean;
  message: string;
  error: string;
}

const state: State = { lang: 'id', name: '', mimeType: '', bytes: null, busy: false, message: '', error: '' };

function el<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...Array.from(bytes.subarray(i, i + 0x8000)));
  return btoa(bin);
}

function render(): void {
  const t = (m: { id: string; en: string }) => tr(state.lang, m);
  const html: string[] = [];
  html.push(`<label for="file">${escapeHtml(t(UI.file))}</label><input id="file" type="file" accept="image/png,image/jpeg">`);
  html.push(`<p class="note">${escapeHtml(t(UI.note))}</p>`);
  if (state.error) html.push(`<p class="err">${escapeHtml(state.error)}</p>`);
  if (state.message) html.push(`<p class="ok">${escapeHtml(state.message)}</p>`);
  html.push(`<button id="upload" class="primary"${state.bytes && !state.busy ? '' : ' disabled'}>${escapeHtml(t(UI.upload))}</button>${state.busy ? ` <span class="note">${escapeHtml(t(UI.busy))}</span>` : ''}`);
  el('app').innerHTML = html.join('');
  el<HTMLInputElement>('file').addEventListener('change', onFile);
  el('upload').addEventListener('click', upload);
}

function onFile(e: Event): void {
  readChosenFile(e, (file, bytes) => {
    state.name = file.name;
    state.mimeType = file.type;
    state.message = '';
    const problem = checkLogoBytes(file.name, file.type, bytes);
    state.error = problem ? tr(state.lang, LOGO_MESSAGES[problem.key], problem.params ?? {}) : '';
    state.bytes = problem ? null : bytes;
    render();
  });
}

function upload(): void {
  if (!state.bytes) return;
  state.busy = true;
  state.error = '';
  render();
  callServer('apiUploadLogo', { name: state.name, mimeType: state.mimeType, base64: base64(state.bytes) })
    .then((v) => {
      state.message = v.message;
      state.bytes = null;
      state.busy = false;
      render();
    })
    .catch((e: unknown) => {
      state.error = e instanceof ServerError ? e.error.message : String(e);
      state.busy = false;
      render();
    });
}

render();
callServer('apiWhoAmI', {})
  .then((me) => {
    state.lang = me.lang;
    render();
  })
  .catch(() => undefined);
