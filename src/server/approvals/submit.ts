/**
 * Submitting for approval: the month's concept (step 2) and designs (step 4). Both validate
 * everything first and change nothing when any item is invalid; then the items become Diajukan and
 * one request is recorded in Persetujuan (rows per level and approver).
 */
import type { Table } from '../../adapters/workbook';
import { buildRequest, ConceptRowInput, fitContents, ItemContents, routeApprovers, undecidableItems, validateConceptRows, formatObjek, RequestItemRef, withJournal } from '../../core/approval';
import { checkCopy, checkYouTube } from '../../core/copy-limits';
import { copyCheckText, copyLimitsOf } from '../copy-check';
import { isHttpUrl } from '../panel/validate';
import { parseDateCell } from '../../core/calendar';
import { SiaranError } from '../../core/errors';
import { displayName, Person } from '../../core/people';
import { defineMessages, formatPeriod, tr } from '../../core/i18n';
import { designsAllowedFor, isSubmittable, ItemKind, periodOfCell, STAFF_ROLES, submitStep } from '../../core/sop';
import { addLog, Ctx, logUser, requireLogTab, requireRole, userText } from '../context';
import type { MailIntent } from './mail-common';
import { randomToken } from './secret';
import { appendRequest, itemSnapshot, joinColumns, loadRequests, picOf } from './store';
import { parsePlatform, Platform } from '../../core/platforms';
import { cellMs } from '../clock';

export const SUBMIT_MESSAGES = defineMessages({
  actionConcept: { id: 'Mengajukan konsep', en: 'Submitting the plan' },
  actionDesign: { id: 'Mengajukan desain', en: 'Submitting designs' },
  nothingConcept: {
    id: 'Tidak ada konsep berstatus Draf atau Perlu Revisi untuk {period}. Isi baris Konsep Konten dengan Periode {code} lalu ajukan lagi.',
    en: 'There are no Draft or Needs-revision plan items for {period}. Fill Content Plan rows with Period {code}, then submit again.',
  },
  invalid: {
    id: 'Pengajuan dibatalkan: {n} masalah perlu diperbaiki dulu. Tidak ada yang diajukan.',
    en: 'Nothing was submitted: {n} problem(s) need fixing first.',
  },
  noApprover: {
    id: 'Belum ada penyetuju dengan peran {roles} di tab Pengguna. Tambahkan orangnya (email, nama, peran), lalu ajukan lagi. Tidak ada yang diajukan.',
    en: 'There is no approver with the role {roles} in the People tab. Add them (email, name, role), then submit again. Nothing was submitted.',
  },
  noStrategy: {
    id: 'Peringatan: belum ada baris Strategi untuk {period} (langkah 1). Pengajuan tetap dikirim; minta Kabag melengkapi strategi.',
    en: 'Warning: there is no Strategy row for {period} (step 1). The plan was still submitted; ask the Kabag to add the strategy.',
  },
  doneConcept: { id: '{n} konsep {period} diajukan ({id}).', en: '{n} plan item(s) for {period} submitted ({id}).' },
  doneDesign: { id: '{n} desain {period} diajukan ({id}).', en: '{n} design(s) for {period} submitted ({id}).' },
  noIds: { id: 'Pilih desain yang akan diajukan (ID Desain).', en: 'Choose the designs to submit (design IDs).' },
  unknownDesign: { id: 'Desain {id} tidak ditemukan di Desain Konten.', en: 'Design {id} is not in Content Designs.' },
  notSubmittable: { id: 'Desain {id} berstatus {status}; hanya Draf atau Perlu Revisi yang dapat diajukan.', en: 'Design {id} has status {status}; only Draft or Needs-revision designs can be submitted.' },
  conceptMissing: { id: 'ID Konsep "{concept}" tidak ada di Konsep Konten. Isi ID konsep yang sudah disetujui.', en: 'Plan ID "{concept}" is not in the Content Plan. Enter the ID of an approved plan item.' },
  conceptNotApproved: { id: 'Konsep {concept} berstatus {status}; desain hanya dapat diajukan untuk konsep yang Disetujui.', en: 'Plan item {concept} has status {status}; designs can only be submitted for Approved plan items.' },
  platform: { id: 'Platform "{value}" tidak dikenal. Pilih satu: Facebook, X, Instagram, YouTube, TikTok.', en: 'Platform "{value}" is unknown. Pick one: Facebook, X, Instagram, YouTube, TikTok.' },
  linkNotWeb: { id: 'Tautan Desain "{value}" bukan tautan web. Tempel alamat yang diawali https:// (Drive, Canva, ...).', en: 'Design Link "{value}" is not a web link. Paste an address starting with https:// (Drive, Canva, ...).' },
  link: { id: 'Tautan Desain kosong. Tempel tautan berkas desain (Drive, Canva, ...).', en: 'Design Link is empty. Paste the link to the design file (Drive, Canva, ...).' },
  duplicateId: {
    id: 'ID {id} dipakai di baris {rows}. Setiap baris perlu ID sendiri: hapus baris yang ganda, atau pindahkan isi salah satunya ke baris kosong baru (Siaran memberinya ID baru) lalu hapus baris lamanya.',
    en: 'ID {id} is used in rows {rows}. Every row needs its own ID: delete the duplicate row, or move one row\'s content to a new empty row (Siaran gives it a new ID) and delete the old row.',
  },
  checkedConcept: {
    id: 'Pemeriksaan selesai: {n} konsep {period} siap diajukan kepada {who}. Belum ada yang diajukan: buka halaman pengajuan dan tekan Ajukan di sana.',
    en: 'Checked: {n} plan item(s) for {period} are ready to submit to {who}. Nothing is submitted yet: open the submission page and press Submit there.',
  },
  checkedDesign: {
    id: 'Pemeriksaan selesai: {n} desain ({period}) siap diajukan kepada {who}. Belum ada yang diajukan: buka halaman pengajuan dan tekan Ajukan di sana.',
    en: 'Checked: {n} design(s) ({period}) are ready to submit to {who}. Nothing is submitted yet: open the submission page and press Submit there.',
  },
  noPage: {
    id: 'Halaman pengajuan Siaran belum dipasang (web app belum di-deploy), sehingga pengajuan tidak dapat dicatat. Tidak ada yang diajukan. Minta Kabag (pemilik workbook) men-deploy web app Siaran.',
    en: 'The Siaran submission page is not installed (the web app is not deployed), so a submission cannot be recorded. Nothing was submitted. Ask the Kabag (the workbook owner) to deploy the Siaran web app.',
  },
  picOnlyItem: { id: '{id} (PIC: {who}, satu-satunya penyetuju tingkat {level})', en: '{id} (PIC: {who}, the only approver of level {level})' },
  picOnlyApprover: {
    id: 'Tidak ada yang diajukan: {list}. Seorang penyetuju tidak memutuskan item yang ia tangani. Ganti PIC item itu dengan staf yang mengerjakannya, atau minta Kabag menambah penyetuju tingkat itu di tab Pengguna (atau memakai kebijakan_persetujuan salah-satu), lalu ajukan lagi.',
    en: 'Nothing was submitted: {list}. An approver does not decide an item they are the PIC of. Set the PIC to the team member doing the work, or ask the Kabag to add an approver for that level in the People tab (or use kebijakan_persetujuan salah-satu), then submit again.',
  },
  heldTo: {
    id: ' Email untuk {who} dikirim dalam satu ringkasan bersama pengajuan lain, sekitar {m} menit lagi. Lain kali, bila mendesak, centang "Mendesak": email dikirim dalam {d} menit, tanpa menunggu ringkasan.',
    en: ' Mail to {who} goes in one digest with other submissions, in about {m} minutes. Next time, if it is urgent, tick "Urgent": the mail goes within {d} minutes, without waiting for a digest.',
  },
  soonTo: {
    id: ' Email mendesak untuk {who} dikirim oleh pemicu Siaran dalam {m} menit (tautan persetujuan hanya dibuat atas nama pemilik workbook).',
    en: ' The urgent mail to {who} is sent by the Siaran trigger within {m} minutes (approval links are only made on behalf of the workbook owner).',
  },
});

/**
 * Rows of `indexes` whose ID another row of the tab also has (pasted or copied rows): decisions
 * find items by ID, so such a row could never be decided. One problem per ID, naming every row.
 */
/**
 * Separation of duties: the person who submits is never routed to decide on the submission, even
 * when Pengguna also lists them with an approver's role (a second row with the same email).
 */
function othersThan(people: readonly Person[], email: string): Person[] {
  const me = email.trim().toLowerCase();
  return people.filter((p) => p.email.trim().toLowerCase() !== me);
}

export function duplicateIdProblems(ctx: Ctx, t: Table, indexes: readonly number[]): Array<{ row: number; field: string; message: string }> {
  const wanted = new Set<string>();
  for (const i of indexes) {
    const id = t.text(i, 'id');
    if (id) wanted.add(id);
  }
  if (!wanted.size) return [];
  const rowsById = new Map<string, number[]>();
  for (let i = 0; i < t.size; i++) {
    const id = t.text(i, 'id');
    if (!wanted.has(id)) continue;
    const list = rowsById.get(id);
    if (list) list.push(t.sheetRow(i));
    else rowsById.set(id, [t.sheetRow(i)]);
  }
  const out: Array<{ row: number; field: string; message: string }> = [];
  for (const [id, rows] of rowsById) {
    if (rows.length < 2) continue;
    out.push({ row: rows[0], field: 'ID', message: tr(ctx.lang, SUBMIT_MESSAGES.duplicateId, { id, rows: rows.join(', ') }) });
  }
  return out;
}

export interface SubmitOutcome {
  /** The first request (the only one for a plan). */
  requestId: string;
  /** Every item submitted, in all requests. */
  items: string[];
  /** One request per month of content (designs of two months make two requests). */
  requests: Array<{ requestId: string; period: string; items: string[] }>;
  warnings: string[];
  approvers: string[];
  intents: MailIntent[];
}

function approverError(missing: string[]): SiaranError {
  return new SiaranError('VALIDATION', SUBMIT_MESSAGES.noApprover, { roles: missing.join(' / ') });
}

function requestIds(ctx: Ctx): () => string {
  return ctx.wb.table('persetujuan').ids('P');
}

/** Records the request and its Log lines; returns the mails to send. */
function recordRequest(ctx: Ctx, id: string, kind: ItemKind, period: string, items: RequestItemRef[], urgent: boolean): { id: string; approvers: string[]; intents: MailIntent[] } {
  const routing = routeApprovers(ctx.settings.policy, othersThan(ctx.people, ctx.email));
  if (!routing.ok) throw approverError(routing.missing);
  // Separation of duties: an item whose PIC is the only approver of a level could not be decided.
  const stuck = undecidableItems(routing.levels, items.map((i) => i.id), (itemId) => picOf(ctx, kind, itemId));
  if (stuck.length) {
    throw new SiaranError('VALIDATION', SUBMIT_MESSAGES.picOnlyApprover, {
      list: stuck.map((x) => tr(ctx.lang, SUBMIT_MESSAGES.picOnlyItem, { id: x.itemId, who: displayName(ctx.people, x.approver), level: x.level })).join('; '),
    });
  }
  const built = buildRequest({ id, kind, period, policy: ctx.settings.policy, items, submittedBy: ctx.email, now: ctx.now, levels: routing.levels, newNonce: randomToken });
  // What the approvers are shown now, kept with the request (first row) for the next version's change list.
  const content: ItemContents = {};
  for (const it of items) content[it.id] = itemSnapshot(ctx, kind, it.id);
  const req = { ...built, rows: built.rows.map((r, i) => (i === 0 ? { ...r, content: fitContents(content), ...(urgent ? { urgent: true } : {}) } : r)) };
  // The journal marker stays until the items, the Log and the mail are done (journal.ts).
  const stored = appendRequest(ctx, withJournal(req, { act: 'ajukan', at: ctx.now, user: logUser(ctx) }));
  const step = String(submitStep(kind));
  const waiting = stored.rows.filter((r) => r.status === 'Menunggu');
  addLog(ctx, step, 'Permintaan persetujuan dibuat', id, `${formatObjek(items)}; kebijakan ${req.policy}; penyetuju: ${stored.rows.map((r) => `${r.approver} (tingkat ${r.level}, ${r.status})`).join(', ')}${urgent ? '; MENDESAK (email dikirim pada putaran pemicu berikutnya, tanpa ringkasan)' : ''}`);
  return { id, approvers: waiting.map((r) => r.approver), intents: waiting.map((r) => ({ k: 'request', req: id, lvl: r.level, ap: r.approver })) };
}

/** The item columns a submission writes (written as one range, see joinColumns). */
export const SUBMIT_KEYS = ['status', 'versi', 'diajukanOleh', 'diajukanPada', 'diputuskanPada'];

function markSubmitted(ctx: Ctx, kind: ItemKind, index: number, requestId: string): RequestItemRef {
  const t = ctx.wb.table(kind);
  const id = t.text(index, 'id');
  const from = t.text(index, 'status') || 'Draf';
  const oldVersion = Number(t.get(index, 'versi')) || 1;
  const version = from === 'Perlu Revisi' ? oldVersion + 1 : oldVersion;
  t.set(index, 'status', 'Diajukan');
  if (t.has('versi')) t.set(index, 'versi', version);
  if (t.has('diajukanOleh')) t.set(index, 'diajukanOleh', userText(ctx.email));
  if (t.has('diajukanPada')) t.set(index, 'diajukanPada', new Date(ctx.now));
  if (t.has('diputuskanPada')) t.set(index, 'diputuskanPada', '');
  addLog(ctx, String(submitStep(kind)), kind === 'konsep' ? 'Ajukan konsep' : 'Ajukan desain', id, `${from} → Diajukan; versi ${version}; permintaan ${requestId}`);
  return { id, version };
}

function cellText(v: unknown): string {
  if (v !== null && typeof v === 'object' && typeof (v as Date).getTime === 'function') return parseDateCell(v) ?? '';
  return String(v ?? '').trim();
}

/**
 * Step 2: submit the month's Draf / Perlu Revisi concept rows. `dry`: check and build everything
 * in memory and write nothing (not even new IDs): a staff member's check before the submission
 * page, and the page's GET. `same`: called with the rows' IDs before anything is written; it
 * throws when they are not the rows the submission page showed (submit-page.ts).
 */
export function submitConcept(ctx: Ctx, period: string, urgent = false, dry = false, same?: (ids: string[]) => void): SubmitOutcome {
  requireRole(ctx, STAFF_ROLES, tr(ctx.lang, SUBMIT_MESSAGES.actionConcept));
  const t = ctx.wb.table('konsep');
  const rows: number[] = [];
  for (let i = 0; i < t.size; i++) {
    if (periodOfCell(t.get(i, 'periode')) !== period) continue;
    const status = t.text(i, 'status');
    // A blank status is Draf: a new row's status is the owner's to write (a row typed before
    // Siaran was installed has neither status nor ID, and counts once it has an activity).
    if (isSubmittable(status) || (status === '' && (t.text(i, 'id') !== '' || t.text(i, 'kegiatan') !== ''))) rows.push(i);
  }
  if (!rows.length) throw new SiaranError('VALIDATION', SUBMIT_MESSAGES.nothingConcept, { period: formatPeriod(period, ctx.lang), code: period });
  const inputs: ConceptRowInput[] = rows.map((i) => {
    const raw = t.get(i, 'tanggal');
    return { row: t.sheetRow(i), id: t.text(i, 'id'), date: parseDateCell(raw), dateText: cellText(raw), activity: t.text(i, 'kegiatan'), platforms: t.text(i, 'platform'), pic: t.text(i, 'pic') };
  });
  const problems = [...duplicateIdProblems(ctx, t, rows), ...validateConceptRows(inputs, period, ctx.people, ctx.settings.platforms, ctx.lang)];
  if (problems.length) {
    throw new SiaranError('VALIDATION', SUBMIT_MESSAGES.invalid, { n: problems.length }, problems.map((p) => ({ row: p.row, field: p.field, message: p.message })));
  }
  // Rows without an ID (typed before Siaran was installed) get one now.
  const next = t.ids('K');
  let assigned = 0;
  for (const i of rows) {
    if (t.text(i, 'id')) continue;
    t.set(i, 'id', next());
    assigned++;
  }

  const warnings: string[] = [];
  const strategi = ctx.wb.sheet('strategi') ? ctx.wb.table('strategi', { lenient: true }) : null;
  let hasStrategy = false;
  if (strategi) for (let i = 0; i < strategi.size && !hasStrategy; i++) hasStrategy = periodOfCell(strategi.get(i, 'periode')) === period;
  if (!hasStrategy) warnings.push(tr(ctx.lang, SUBMIT_MESSAGES.noStrategy, { period: formatPeriod(period, ctx.lang) }));

  // Route first: with no approver, nothing changes.
  const routing = routeApprovers(ctx.settings.policy, othersThan(ctx.people, ctx.email));
  if (!routing.ok) throw approverError(routing.missing);
  same?.(rows.map((i) => t.text(i, 'id')));
  const id = requestIds(ctx)();
  if (assigned && !dry) {
    // New IDs are written first, on their own: a row with an ID and no request is a consistent
    // state, and the request written next (the journal) must name rows that carry its IDs.
    requireLogTab(ctx, true);
    t.commit();
  }
  const items = rows.map((i) => markSubmitted(ctx, 'konsep', i, id));
  joinColumns(t, SUBMIT_KEYS);
  const rec = recordRequest(ctx, id, 'konsep', period, items, urgent);
  if (!hasStrategy) addLog(ctx, '2', 'Peringatan: strategi belum ada', rec.id, `Tidak ada baris Strategi untuk ${period}; pengajuan tetap dikirim.`);
  const ids = items.map((x) => x.id);
  return { requestId: rec.id, items: ids, requests: [{ requestId: rec.id, period, items: ids }], warnings, approvers: rec.approvers, intents: rec.intents };
}

/**
 * Runs a submission's checks without keeping anything: the tables it changed in memory (new IDs,
 * statuses, the request rows) and its Log lines are dropped, whether it passed or threw, so a
 * later commit of the same action writes none of it.
 */
export function dryRun(ctx: Ctx, fn: () => SubmitOutcome): SubmitOutcome {
  try {
    return fn();
  } finally {
    ctx.wb.relocate();
    ctx.log = [];
  }
}

/** Step 4: submit designs by ID. Writes Cek Naskah even when the copy blocks submission. */
export function submitDesigns(ctx: Ctx, ids: readonly string[], commitChecks: () => void, urgent = false): SubmitOutcome {
  requireRole(ctx, STAFF_ROLES, tr(ctx.lang, SUBMIT_MESSAGES.actionDesign));
  const wanted = ids.map((s) => s.trim()).filter((s, i, a) => s && a.indexOf(s) === i);
  if (!wanted.length) throw new SiaranError('BAD_REQUEST', SUBMIT_MESSAGES.noIds);
  const t = ctx.wb.table('desain');
  const k = ctx.wb.table('konsep');
  const problems: Array<{ row?: number; field?: string; message: string }> = [];
  const indexes: number[] = [];
  const limits = copyLimitsOf(ctx);
  let checksChanged = false;
  const periodOfIndex = new Map<number, string>();
  for (const id of wanted) {
    const i = t.find('id', id);
    if (i < 0) {
      problems.push({ field: 'ID', message: tr(ctx.lang, SUBMIT_MESSAGES.unknownDesign, { id }) });
      continue;
    }
    const row = t.sheetRow(i);
    const status = t.text(i, 'status') || 'Draf';
    if (!isSubmittable(status)) {
      problems.push({ row, field: 'Status', message: tr(ctx.lang, SUBMIT_MESSAGES.notSubmittable, { id, status }) });
      continue;
    }
    indexes.push(i);
    const conceptId = t.text(i, 'konsepId');
    const ci = conceptId ? k.find('id', conceptId) : -1;
    if (ci < 0) problems.push({ row, field: 'ID Konsep', message: tr(ctx.lang, SUBMIT_MESSAGES.conceptMissing, { concept: conceptId }) });
    else {
      const cs = k.text(ci, 'status');
      if (!designsAllowedFor(cs)) problems.push({ row, field: 'ID Konsep', message: tr(ctx.lang, SUBMIT_MESSAGES.conceptNotApproved, { concept: conceptId, status: cs || 'Draf' }) });
      periodOfIndex.set(i, periodOfCell(k.get(ci, 'periode')));
    }
    const platform = parsePlatform(t.text(i, 'platform'));
    if (!platform) problems.push({ row, field: 'Platform', message: tr(ctx.lang, SUBMIT_MESSAGES.platform, { value: t.text(i, 'platform') }) });
    if (!t.text(i, 'tautan')) problems.push({ row, field: 'Tautan Desain', message: tr(ctx.lang, SUBMIT_MESSAGES.link) });
    else if (!isHttpUrl(t.text(i, 'tautan'))) problems.push({ row, field: 'Tautan Desain', message: tr(ctx.lang, SUBMIT_MESSAGES.linkNotWeb, { value: t.text(i, 'tautan').slice(0, 60) }) });
    if (platform) {
      const copy = String(t.get(i, 'naskah') ?? '');
      const check = platform === 'YouTube' ? checkYouTube(t.text(i, 'judul'), copy, limits) : checkCopy(platform as Platform, copy, limits);
      const text = userText(copyCheckText(check, ctx.lang));
      if (t.text(i, 'cekNaskah') !== text.trim()) {
        t.set(i, 'cekNaskah', text);
        checksChanged = true;
      }
      if (!check.ok) problems.push({ row, field: 'Naskah', message: `Naskah: ${copyCheckText(check, ctx.lang)}` });
    }
  }
  problems.push(...duplicateIdProblems(ctx, t, indexes));
  if (problems.length) {
    if (checksChanged) commitChecks();
    throw new SiaranError('VALIDATION', SUBMIT_MESSAGES.invalid, { n: problems.length }, problems.map((p) => ({ ...(p.row ? { row: p.row } : {}), ...(p.field ? { field: p.field } : {}), message: p.message })));
  }
  const routing = routeApprovers(ctx.settings.policy, othersThan(ctx.people, ctx.email));
  if (!routing.ok) throw approverError(routing.missing);
  // One request per month of content, oldest month first: its title and page name that month.
  const byPeriod = new Map<string, number[]>();
  for (const i of indexes) {
    const p = periodOfIndex.get(i) ?? '';
    byPeriod.set(p, (byPeriod.get(p) ?? []).concat(i));
  }
  const next = requestIds(ctx);
  const requests: SubmitOutcome['requests'] = [];
  const approvers: string[] = [];
  const intents: MailIntent[] = [];
  for (const period of Array.from(byPeriod.keys()).sort()) {
    const id = next();
    const items = (byPeriod.get(period) ?? []).map((i) => markSubmitted(ctx, 'desain', i, id));
    const rec = recordRequest(ctx, id, 'desain', period, items, urgent);
    requests.push({ requestId: rec.id, period, items: items.map((x) => x.id) });
    for (const a of rec.approvers) if (approvers.indexOf(a) < 0) approvers.push(a);
    intents.push(...rec.intents);
  }
  joinColumns(t, SUBMIT_KEYS);
  return { requestId: requests[0].requestId, items: requests.reduce<string[]>((a, r) => a.concat(r.items), []), requests, warnings: [], approvers, intents };
}

export interface DraftDesign {
  id: string;
  period: string;
  platform: string;
  conceptId: string;
  /** The plan item's Kegiatan/Informasi (what the design is about). */
  title: string;
  status: string;
}

/** A design row as the submit dialogs list it (its month comes from its plan item). */
export function draftDesignAt(ctx: Ctx, i: number): DraftDesign {
  const t = ctx.wb.table('desain');
  const k = ctx.wb.table('konsep');
  const conceptId = t.text(i, 'konsepId');
  const ci = conceptId ? k.find('id', conceptId) : -1;
  return {
    id: t.text(i, 'id'),
    period: ci >= 0 ? periodOfCell(k.get(ci, 'periode')) : '',
    platform: t.text(i, 'platform'),
    conceptId,
    title: ci >= 0 ? k.text(ci, 'kegiatan') : '',
    status: t.text(i, 'status') || 'Draf',
  };
}

/** Draf and Perlu Revisi designs whose PIC is the user (for "submit my drafts of a month"). */
export function myDraftDesigns(ctx: Ctx, period?: string): DraftDesign[] {
  const t = ctx.wb.table('desain');
  const out: DraftDesign[] = [];
  for (let i = 0; i < t.size; i++) {
    const status = t.text(i, 'status') || 'Draf';
    if (!isSubmittable(status) || !t.text(i, 'id')) continue;
    const pic = t.text(i, 'pic').toLowerCase();
    const by = t.text(i, 'diajukanOleh').toLowerCase();
    if (pic !== ctx.email.toLowerCase() && (pic || by !== ctx.email.toLowerCase())) continue;
    const d = draftDesignAt(ctx, i);
    if (period === undefined || d.period === period) out.push(d);
  }
  return out;
}

export { loadRequests, cellMs };
