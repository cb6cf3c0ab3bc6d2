/**
 * The schedule import dialog (menu Siaran → Draf rencana dari jadwal…): choose the month and the
 * source (the Court's calendar, an .ics file, a CSV file or a pasted table), read it, check the
 * proposed rows (source event, duplicates and locked items skipped, weekends and holidays marked),
 * untick what is not wanted, then write the rest as Draf in one batch. Talks to the server only
 * through callServer (apiWhoAmI, apiPreviewSchedule, apiImportSchedule).
 */
import { defineMessages, escapeHtml, Lang, tr } from '../core/i18n';
import { callServer, ServerError } from './rpc';
import type { PreviewScheduleValue, ScheduleSourceInput } from '../shared/contract';
import { readChosenFile } from './file-input';

/** The dialog's choice: a source, with the table either as a file or pasted. */
type Mode = ScheduleSourceInput['source'] | 'tempel';

const T = defineMessages({
  loading: { id: 'Memuat…', en: 'Loading…' },
  period: { id: 'Bulan (YYYY-MM)', en: 'Month (YYYY-MM)' },
  source: { id: 'Sumber jadwal', en: 'Schedule source' },
  calendar: { id: 'Google Calendar agenda (Pengaturan kalender_jadwal)', en: 'Agenda Google Calendar (setting kalender_jadwal)' },
  ics: { id: 'Berkas kalender (.ics)', en: 'Calendar file (.ics)' },
  csv: { id: 'Berkas tabel (CSV)', en: 'Table file (CSV)' },
  paste: { id: 'Tempel tabel', en: 'Paste a table' },
  pasteHint: { id: 'Salin tabel jadwal sidang atau kegiatan (dengan baris judul kolom: Tanggal, Pukul, Nomor Perkara, Agenda, Ruang; atau Tanggal, Kegiatan) lalu tempel di sini.', en: 'Copy the hearing or activity table (with its header row: Tanggal, Pukul, Nomor Perkara, Agenda, Ruang; or Tanggal, Kegiatan) and paste it here.' },
  read: { id: 'Baca jadwal', en: 'Read the schedule' },
  write: { id: 'Tulis {n} konsep sebagai Draf', en: 'Write {n} items as Draf' },
  busy: { id: 'Memproses…', en: 'Working…' },
  rows: { id: 'Usulan konsep dari {source}: {n} baris', en: 'Proposed items from {source}: {n} rows' },
  outside: { id: '{n} acara di luar bulan ini tidak diikutkan.', en: '{n} events outside this month are left out.' },
  problems: { id: 'Masalah ({n}): perbaiki sumbernya lalu baca ulang; tidak ada yang dapat ditulis sebelum bersih.', en: 'Problems ({n}): fix the source and read it again; nothing can be written until it is clean.' },
  notes: { id: 'Catatan', en: 'Notes' },
  line: { id: 'Baris {n}: ', en: 'Line {n}: ' },
  hDate: { id: 'Tanggal', en: 'Date' },
  hTime: { id: 'Waktu', en: 'Time' },
  hKind: { id: 'Jenis', en: 'Kind' },
  hActivity: { id: 'Kegiatan/Informasi', en: 'Activity' },
  hPlatforms: { id: 'Platform dan format', en: 'Platforms and formats' },
  hSource: { id: 'Sumber', en: 'Source' },
  hAction: { id: 'Tindakan', en: 'Action' },
  weekend: { id: 'akhir pekan', en: 'weekend' },
  allDay: { id: 'sepanjang hari', en: 'all day' },
  none: { id: 'Tidak ada acara pada bulan ini di sumber tersebut.', en: 'The source has no event in this month.' },
});

interface State {
  lang: Lang;
  period: string;
  mode: Mode;
  fileName: string;
  bytes: number[] | null;
  pasted: string;
  preview: PreviewScheduleValue | null;
  unticked: Set<string>;
  busy: boolean;
  message: string;
  error: string;
}

const state: State = { lang: 'id', period: '', mode: 'ics', fileName: '', bytes: null, pasted: '', preview: null, unticked: new Set(), busy: false, message: '', error: '' };
const t = (m: { id: string; en: string }, p: Record<string, string | number> = {}) => tr(state.lang, m, p);

function el<E extends HTMLElement>(id: string): E {
  return document.getElementById(id) as E;
}

function fail(e: unknown): void {
  state.error = e instanceof ServerError ? e.error.message + (e.error.details ? ' ' + e.error.details.map((d) => (d.row ? `(${d.row}) ` : '') + d.message).join('; ') : '') : String(e);
  state.busy = false;
  render();
}

function request(): ScheduleSourceInput {
  if (state.mode === 'kalender') return { source: 'kalender', period: state.period };
  if (state.mode === 'tempel') return { source: 'tabel', period: state.period, content: state.pasted };
  return { source: state.mode, period: state.period, fileName: state.fileName, bytes: state.bytes ?? [] };
}

function chosen(): string[] {
  const p = state.preview;
  return p ? p.rows.filter((r) => r.include && !state.unticked.has(r.key)).map((r) => r.key) : [];
}

function preview(keepMessage = false): void {
  state.busy = true;
  state.error = '';
  if (!keepMessage) state.message = '';
  render();
  callServer('apiPreviewSchedule', request())
    .then((v) => {
      state.preview = v;
      state.unticked = new Set();
      state.busy = false;
      render();
    })
    .catch(fail);
}

function doImport(): void {
  const keys = chosen();
  if (!keys.length) return;
  state.busy = true;
  state.error = '';
  render();
  callServer('apiImportSchedule', { ...request(), keys })
    .then((v) => {
      state.message = v.message;
      preview(true);
    })
    .catch(fail);
}

function table(p: PreviewScheduleValue): string {
  if (!p.rows.length) return `<p class="note">${escapeHtml(t(T.none))}</p>`;
  const head = `<tr><th></th><th>${t(T.hDate)}</th><th>${t(T.hTime)}</th><th>${t(T.hKind)}</th><th>${t(T.hActivity)}</th><th>${t(T.hPlatforms)}</th><th>${t(T.hSource)}</th><th>${t(T.hAction)}</th></tr>`;
  const body = p.rows
    .map((r, i) => {
      const day = r.holiday ? ` <span class="mark">${escapeHtml(r.holiday)}</span>` : r.weekend ? ` <span class="mark">${escapeHtml(t(T.weekend))}</span>` : '';
      const checked = r.include && !state.unticked.has(r.key);
      const cls = r.include ? '' : ' class="skip"';
      return `<tr${cls} data-row="${i}"><td><input type="checkbox" data-key="${escapeHtml(r.key)}"${checked ? ' checked' : ''}${r.include ? '' : ' disabled'} aria-label="${escapeHtml(r.activity)}"></td><td>${escapeHtml(r.date)}${day}</td><td>${escapeHtml(r.time ? r.time.replace(':', '.') : t(T.allDay))}</td><td>${escapeHtml(r.kindLabel)}</td><td class="wide">${escapeHtml(r.activity)}</td><td>${escapeHtml(r.formats || r.platforms.join(', '))}</td><td>${escapeHtml(r.source)}</td><td>${escapeHtml(r.actionLabel)}</td></tr>`;
    })
    .join('');
  return `<div class="scroll"><table>${head}${body}</table></div>`;
}

function list(items: Array<{ line: number; reason: string }>, cls: string): string {
  return `<ul class="${cls}">${items.map((x) => `<li>${x.line ? escapeHtml(t(T.line, { n: x.line })) : ''}${escapeHtml(x.reason)}</li>`).join('')}</ul>`;
}

function render(): void {
  const p = state.preview;
  const h: string[] = [];
  h.push(`<div class="row"><div><label for="period">${t(T.period)}</label><input id="period" type="text" size="8" placeholder="2026-12" value="${escapeHtml(state.period)}"></div>`);
  h.push(`<div><label for="source">${t(T.source)}</label><select id="source">${(
    [
      ['kalender', T.calendar],
      ['ics', T.ics],
      ['tabel', T.csv],
      ['tempel', T.paste],
    ] as Array<[string, { id: string; en: string }]>
  )
    .map(([v, m]) => `<option value="${v}"${v === state.mode ? ' selected' : ''}>${t(m)}</option>`)
    .join('')}</select></div>`);
  if (state.mode === 'ics' || state.mode === 'tabel') h.push(`<div><label for="file">${escapeHtml(state.fileName || '—')}</label><input id="file" type="file" accept="${state.mode === 'ics' ? '.ics,text/calendar' : '.csv,.tsv,.txt,text/csv,text/plain'}"></div>`);
  h.push(`</div>`);
  if (state.mode === 'tempel') h.push(`<p class="note">${t(T.pasteHint)}</p><textarea id="pasted" rows="5">${escapeHtml(state.pasted)}</textarea>`);
  h.push(`<div class="row"><button id="read"${state.busy ? ' disabled' : ''}>${t(T.read)}</button></div>`);
  if (p) {
    h.push(`<h2>${escapeHtml(t(T.rows, { source: p.sourceName, n: p.rows.length }))}</h2>`);
    if (p.outside) h.push(`<p class="note">${escapeHtml(t(T.outside, { n: p.outside }))}</p>`);
    if (p.problems.length) h.push(`<p class="err">${escapeHtml(t(T.problems, { n: p.problems.length }))}</p>${list(p.problems, 'problems')}`);
    if (p.notes.length) h.push(`<p class="note">${t(T.notes)}</p>${list(p.notes, 'notes')}`);
    h.push(table(p));
  }
  if (state.error) h.push(`<p class="err">${escapeHtml(state.error)}</p>`);
  if (state.message) h.push(`<p class="ok">${escapeHtml(state.message)}</p>`);
  const n = chosen().length;
  h.push(`<div class="row"><button id="write" class="primary"${p && !p.problems.length && n && !state.busy ? '' : ' disabled'}>${escapeHtml(t(T.write, { n }))}</button>${state.busy ? `<span class="note">${t(T.busy)}</span>` : ''}</div>`);
  el('app').innerHTML = h.join('');

  el<HTMLInputElement>('period').addEventListener('change', (e) => {
    state.period = (e.target as HTMLInputElement).value.trim();
  });
  el<HTMLSelectElement>('source').addEventListener('change', (e) => {
    state.mode = (e.target as HTMLSelectElement).value as Mode;
    state.bytes = null;
    state.fileName = '';
    state.preview = null;
    render();
  });
  const file = document.getElementById('file') as HTMLInputElement | null;
  if (file) file.addEventListener('change', onFile);
  const pasted = document.getElementById('pasted') as HTMLTextAreaElement | null;
  if (pasted) pasted.addEventListener('input', () => (state.pasted = pasted.value));
  document.querySelectorAll<HTMLInputElement>('input[data-key]').forEach((c) =>
    c.addEventListener('change', () => {
      const key = c.getAttribute('data-key') as string;
      if (c.checked) state.unticked.delete(key);
      else state.unticked.add(key);
      const w = el<HTMLButtonElement>('write');
      const count = chosen().length;
      w.textContent = t(T.write, { n: count });
      w.disabled = !count || !!state.preview?.problems.length || state.busy;
    }),
  );
  el('read').addEventListener('click', () => preview());
  el('write').addEventListener('click', doImport);
}

function onFile(e: Event): void {
  readChosenFile(e, (file, bytes) => {
    state.fileName = file.name;
    state.bytes = Array.from(bytes);
    state.preview = null;
    state.message = '';
    preview();
  });
}

render();
callServer('apiWhoAmI', {})
  .then((me) => {
    state.lang = me.lang;
    if (!state.period) state.period = me.nextPeriod;
    render();
  })
  .catch(fail);
