/**
 * Reading and writing approval requests (the Persetujuan tab) and the items they decide (Konsep
 * Konten, Desain Konten) through the workbook adapter. Each tab is read once per action.
 */
import type { Cell, Table } from '../../adapters/workbook';
import type { ColumnKey } from '../../core/schema';
import {
  ApprovalRequest,
  ApprovalRow,
  CONTENT_FIELD_MAX,
  fieldLabel,
  ItemChange,
  ItemFieldKey,
  formatKeputusan,
  CELL_MAX_CHARS,
  formatObjek,
  ItemView,
  parseKeputusan,
  parseObjek,
  parseRowStatus,
  pendingForRow,
  recusedItems,
} from '../../core/approval';
import { parseDateCell } from '../../core/calendar';
import { SiaranError } from '../../core/errors';
import { defineMessages } from '../../core/i18n';
import { cellMs } from '../clock';
import { displayName } from '../../core/people';
import { ItemKind, parsePolicy } from '../../core/sop';
import { feedPreview } from '../../core/copy-limits';
import { parsePlatform } from '../../core/platforms';
import { copyLimitsOf } from '../copy-check';
import type { Ctx } from '../context';
import { userText } from '../context';

export interface StoredRow extends ApprovalRow {
  /** Index in the Persetujuan table (for set), or -1 for a new row. */
  index: number;
}

export interface StoredRequest extends ApprovalRequest {
  rows: StoredRow[];
}

/** Every request in the Persetujuan tab, in sheet order. */
export function loadRequests(ctx: Ctx): StoredRequest[] {
  const t = ctx.wb.table('persetujuan');
  const byId = new Map<string, StoredRequest>();
  const order: StoredRequest[] = [];
  for (let i = 0; i < t.size; i++) {
    const id = t.text(i, 'id');
    if (!id) continue;
    const status = parseRowStatus(t.text(i, 'status'));
    if (!status) continue;
    let req = byId.get(id);
    if (!req) {
      const kind: ItemKind = t.text(i, 'jenis') === 'desain' ? 'desain' : 'konsep';
      req = {
        id,
        kind,
        period: t.text(i, 'periode'),
        policy: parsePolicy(t.text(i, 'kebijakan')) ?? 'berurutan',
        items: parseObjek(t.text(i, 'objek')),
        submittedBy: t.text(i, 'diajukanOleh'),
        submittedAt: cellMs(t.get(i, 'diajukanPada')) ?? 0,
        rows: [],
      };
      byId.set(id, req);
      order.push(req);
    }
    const k = parseKeputusan(String(t.get(i, 'keputusan') ?? ''));
    const minutes = t.get(i, 'menitKerja');
    req.rows.push({
      index: i,
      requestId: id,
      level: Number(t.get(i, 'tingkat')) || 1,
      approver: t.text(i, 'penyetuju'),
      status,
      startedAt: cellMs(t.get(i, 'mulaiPada')),
      decidedAt: cellMs(t.get(i, 'diputuskanPada')),
      nonce: k.nonce,
      decisions: k.decisions,
      workingMinutes: minutes === '' || minutes === null || minutes === undefined ? null : Number(minutes),
      lastReminder: cellMs(t.get(i, 'pengingat')),
      ...(k.journal ? { journal: k.journal } : {}),
      ...(k.content ? { content: k.content } : {}),
      ...(k.seal ? { seal: k.seal } : {}),
      ...(k.urgent ? { urgent: true } : {}),
    });
  }
  return order;
}

const STORE_MESSAGES = defineMessages({
  tooBig: {
    id: 'Permintaan {id} terlalu besar untuk disimpan: catatannya melebihi {max} karakter per sel yang diizinkan Google Sheets. Tidak ada yang diubah. Ajukan butirnya dalam beberapa bagian (misalnya per minggu).',
    en: 'Request {id} is too large to store: its record exceeds the {max} characters Google Sheets allows in a cell. Nothing was changed. Submit its items in several parts (for example week by week).',
  },
});

/** Refuses, before anything is written, a record that Sheets would refuse half-way. */
function fitsCell(req: ApprovalRequest, text: string): string {
  if (text.length > CELL_MAX_CHARS) throw new SiaranError('VALIDATION', STORE_MESSAGES.tooBig, { id: req.id, max: '50.000' });
  return text;
}

function rowRecord(req: ApprovalRequest, r: ApprovalRow): Record<ColumnKey<'persetujuan'>, Cell> {
  return {
    id: req.id,
    jenis: req.kind,
    periode: req.period,
    objek: fitsCell(req, formatObjek(req.items)),
    kebijakan: req.policy,
    tingkat: r.level,
    penyetuju: r.approver,
    status: r.status,
    diajukanOleh: req.submittedBy,
    diajukanPada: new Date(req.submittedAt),
    mulaiPada: r.startedAt === null ? '' : new Date(r.startedAt),
    diputuskanPada: r.decidedAt === null ? '' : new Date(r.decidedAt),
    keputusan: fitsCell(req, userText(formatKeputusan(r))),
    menitKerja: r.workingMinutes === null ? '' : r.workingMinutes,
    pengingat: r.lastReminder === null ? '' : new Date(r.lastReminder),
  };
}

/** Appends a new request's rows. */
export function appendRequest(ctx: Ctx, req: ApprovalRequest): StoredRequest {
  const t = ctx.wb.table('persetujuan');
  const rows: StoredRow[] = req.rows.map((r) => ({ ...r, index: t.append(rowRecord(req, r)) }));
  return { ...req, rows };
}

/** Writes the changed cells of a request's rows (matched by level and approver). */
export function saveRequest(ctx: Ctx, stored: StoredRequest, next: ApprovalRequest): StoredRequest {
  const t = ctx.wb.table('persetujuan');
  const rows: StoredRow[] = [];
  const written = new Set<string>();
  for (const r of next.rows) {
    const old = stored.rows.find((o) => o.level === r.level && o.approver.toLowerCase() === r.approver.toLowerCase());
    if (!old) continue;
    const rec = rowRecord(next, r);
    const before = rowRecord(stored, old);
    for (const key of ['status', 'mulaiPada', 'diputuskanPada', 'keputusan', 'menitKerja', 'pengingat'] as const) {
      const a = rec[key];
      const b = before[key];
      const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
      if (!same && t.has(key)) {
        t.set(old.index, key, a);
        written.add(key);
      }
    }
    rows.push({ ...r, index: old.index });
  }
  joinColumns(t, [...written]);
  return { ...next, rows };
}

/**
 * Makes the next commit of `t` write the columns `keys` (just set) as ONE range: on each row
 * changed in them, the schema columns lying between them are rewritten as read (they are
 * script-owned), so a cut can never leave half of a row's change written, and no cell of the range
 * is left to read back first. A column that is not Siaran's (a user's own column inside the range)
 * is never rewritten; the write then stays in two parts.
 */
export function joinColumns(t: Table, keys: readonly string[]): void {
  if (!t.rows.length) return;
  const changed = keys.filter((k) => t.has(k)).map((k) => t.col[k]);
  if (changed.length < 2) return;
  const lo = Math.min(...changed);
  const hi = Math.max(...changed);
  const rows = t.changedRows(changed);
  for (const c of t.def.columns) {
    const i = t.col[c.key];
    if (i === undefined || i <= lo || i >= hi || changed.indexOf(i) >= 0) continue;
    if (!(t.def.scriptOnly || c.scriptOwned)) continue;
    for (const r of rows) t.keep(r, c.key);
  }
}


/** Sets a cell only when its value differs (an unchanged column is not rewritten). */
export function setIfChanged(t: Table, row: number, key: string, value: string | number | Date, changed?: Set<string>): boolean {
  if (!t.has(key)) return false;
  const cur = t.get(row, key);
  let same: boolean;
  if (value instanceof Date) {
    // getValues gives Date objects of the script's realm: compare by time, not by instanceof.
    same = typeof cur === 'object' && cur !== null && typeof (cur as Date).getTime === 'function' && (cur as Date).getTime() === value.getTime();
  } else {
    same = typeof cur !== 'object' && String(cur ?? '').trim() === String(value).trim();
  }
  if (same) return false;
  t.set(row, key, value);
  if (changed) changed.add(key);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Items

export function itemTable(ctx: Ctx, kind: ItemKind): Table {
  return ctx.wb.table(kind);
}

export function findItemRow(t: Table, id: string): number {
  return t.find('id', id);
}

/** The PIC cell of an item as its tab holds it now ('' when the tab has no PIC column or no such row). */
export function picOf(ctx: Ctx, kind: ItemKind, id: string): string {
  const t = itemTable(ctx, kind);
  if (!t.has('pic')) return '';
  const i = findItemRow(t, id);
  return i < 0 ? '' : t.text(i, 'pic');
}

/**
 * An item's PIC as its tab says now and as it was submitted (the request's snapshot): a PIC cell
 * emptied or changed after submission does not let its PIC decide the item.
 */
export function picsOf(ctx: Ctx, req: Pick<StoredRequest, 'kind' | 'rows'>, id: string): string[] {
  const submitted = req.rows.find((r) => r.content)?.content?.[id]?.pic ?? '';
  return [picOf(ctx, req.kind, id), submitted];
}

/** The items of `ids` that `approver` may not decide: they are (or were when submitted) their PIC. */
export function recusedFor(ctx: Ctx, req: Pick<StoredRequest, 'kind' | 'rows'>, ids: readonly string[], approver: string): string[] {
  return ids.length ? recusedItems(ids, approver, (id) => picsOf(ctx, req, id)) : [];
}

/**
 * What a row's approver has to decide now: the row's pending items without those the approver is
 * the PIC of (`recused`: separation of duties; another approver of the level decides them).
 */
export function pendingOf(ctx: Ctx, req: StoredRequest, row: StoredRow): { pending: string[]; recused: string[] } {
  const all = pendingForRow(req, row);
  const recused = recusedFor(ctx, req, all, row.approver);
  return { pending: all.filter((id) => recused.indexOf(id) < 0), recused };
}

/** The fields a submission snapshots (to list what changed on resubmission), by kind. */
const SNAPSHOT_KEYS: Record<ItemKind, Array<keyof ItemView & ItemFieldKey>> = {
  konsep: ['date', 'activity', 'category', 'platforms', 'pic', 'description'],
  desain: ['platform', 'link', 'title', 'copy'],
};

/** The item's submitted fields as text (dates as YYYY-MM-DD), for the request's "isi". */
export function itemSnapshot(ctx: Ctx, kind: ItemKind, id: string): Record<string, string> {
  // A design's snapshot has none of its plan item's fields: the plan tab is not read for it.
  const v = itemView(ctx, kind, id, 1, false);
  const out: Record<string, string> = {};
  for (const k of SNAPSHOT_KEYS[kind]) {
    const x = v[k];
    out[k] = k === 'date' ? (typeof x === 'number' ? new Date(x + 7 * 3600000).toISOString().slice(0, 10) : '') : String(x ?? '');
  }
  return out;
}

/** True when one text is the other cut by fitContents (the same text, stored shorter). */
function wasCut(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.indexOf(short) !== 0) return false;
  for (let n = CONTENT_FIELD_MAX; n >= 50; n = Math.floor(n / 2)) if (short.length === n) return true;
  return false;
}

/** The snapshot of an item in a request (any row may carry it). */
function contentOf(req: ApprovalRequest, id: string): Record<string, string> | null {
  for (const r of req.rows) if (r.content && r.content[id]) return r.content[id];
  return null;
}

/**
 * An item as an approver should see it: its fields, and for a resubmission (version 2 and up) the
 * note the previous version was sent back with and what changed since that version (compared with
 * what that request stored; null when it stored nothing, e.g. a request from before snapshots).
 */
export function reviewView(ctx: Ctx, requests: readonly ApprovalRequest[], req: ApprovalRequest, id: string): ItemView {
  const ref = req.items.find((i) => i.id === id);
  const view = itemView(ctx, req.kind, id, ref?.version);
  const version = ref?.version ?? view.version;
  if (version <= 1) return view;
  const prev = requests.filter((r) => r.id !== req.id && r.kind === req.kind && r.items.some((i) => i.id === id && i.version === version - 1)).pop();
  if (!prev) return { ...view, changes: null };
  let note: ItemView['previousNote'];
  for (const row of prev.rows) {
    const d = row.decisions[id];
    if (d && d.decision === 'revise' && d.feedback) note = { text: d.feedback, by: displayName(ctx.people, d.by) };
  }
  const before = contentOf(prev, id);
  const now = contentOf(req, id) ?? itemSnapshot(ctx, req.kind, id);
  let changes: ItemChange[] | null = null;
  if (before) {
    changes = [];
    for (const k of SNAPSHOT_KEYS[req.kind]) {
      const a = before[k] ?? '';
      const b = now[k] ?? '';
      if (a === b || wasCut(a, b)) continue;
      changes.push({ field: fieldLabel(k, ctx.lang), before: a, after: b });
    }
  }
  return { ...view, ...(note ? { previousNote: note } : {}), changes };
}

/**
 * How an item looks in mails and pages (current sheet content). A design shows its plan item's
 * title and date (the plan tab is read) unless `withConcept` is false.
 */
export function itemView(ctx: Ctx, kind: ItemKind, id: string, fallbackVersion = 1, withConcept = true): ItemView {
  const t = itemTable(ctx, kind);
  const i = findItemRow(t, id);
  if (i < 0) return { id, version: fallbackVersion, kind, status: '' };
  const version = Number(t.get(i, 'versi')) || fallbackVersion;
  const base = { id, version, kind, status: t.text(i, 'status'), feedback: t.text(i, 'catatan') };
  if (kind === 'konsep') {
    const d = parseDateCell(t.get(i, 'tanggal'));
    const pic = t.text(i, 'pic');
    return {
      ...base,
      date: d ? Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) - 7 * 3600000 : null,
      activity: t.text(i, 'kegiatan'),
      category: t.text(i, 'kategori'),
      platforms: t.text(i, 'platform'),
      pic,
      picName: displayName(ctx.people, pic),
      description: t.text(i, 'deskripsi'),
    };
  }
  const conceptId = t.text(i, 'konsepId');
  const k = withConcept && conceptId ? ctx.wb.table('konsep') : null;
  const ci = k ? k.find('id', conceptId) : -1;
  const cd = k && ci >= 0 ? parseDateCell(k.get(ci, 'tanggal')) : null;
  const platform = parsePlatform(t.text(i, 'platform'));
  const copy = t.text(i, 'naskah');
  return {
    ...base,
    conceptTitle: k && ci >= 0 ? k.text(ci, 'kegiatan') : '',
    conceptDate: cd ? Date.UTC(Number(cd.slice(0, 4)), Number(cd.slice(5, 7)) - 1, Number(cd.slice(8, 10))) - 7 * 3600000 : null,
    ...(platform && copy ? { preview: feedPreview(platform, copy, copyLimitsOf(ctx)) } : {}),
    conceptId,
    platform: t.text(i, 'platform'),
    link: t.text(i, 'tautan'),
    title: t.text(i, 'judul'),
    copy: t.text(i, 'naskah'),
    copyCheck: t.text(i, 'cekNaskah'),
    pic: t.text(i, 'pic'),
  };
}

