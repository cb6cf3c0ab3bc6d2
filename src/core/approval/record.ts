/**
 * What the Persetujuan tab records: requests, rows per level and approver, decisions, and the
 * formats of its Keputusan (JSON) and Objek cells. See index.ts for the cell format.
 */
import { ApprovalPolicy, ItemKind } from '../sop';

// Types

export type Decision = 'approve' | 'revise';
export type RowStatus = 'Belum Giliran' | 'Menunggu' | 'Selesai' | 'Dibatalkan';
export const ROW_STATUSES: readonly RowStatus[] = ['Belum Giliran', 'Menunggu', 'Selesai', 'Dibatalkan'];
export type DecisionVia = 'tautan' | 'panel';

export interface ItemDecision {
  decision: Decision;
  by: string;
  /** Epoch ms. */
  at: number;
  via: DecisionVia;
  feedback?: string;
}

export interface ApprovalRow {
  requestId: string;
  level: number;
  approver: string;
  status: RowStatus;
  /** When this row's turn started (epoch ms), null while "Belum Giliran". */
  startedAt: number | null;
  decidedAt: number | null;
  nonce: string;
  decisions: Record<string, ItemDecision>;
  workingMinutes: number | null;
  lastReminder: number | null;
  /** Set while an action that wrote this request has not finished its other writes (see Journal). */
  journal?: Journal;
  /**
   * What the items held when submitted (item id -> field -> text), kept in the first row of a
   * request only (the Keputusan cell's "isi"): a resubmission compares with it to list what changed.
   */
  content?: ItemContents;
  /** The owner's seal over this row's decisions (see seal.ts); decisions without it do not count. */
  seal?: RowSeal;
  /**
   * The submitter marked the request "Mendesak" (urgent): its mails skip the digest window and say
   * MENDESAK in the subject and on the review page. Kept in the first row only (Keputusan "mendesak").
   */
  urgent?: boolean;
}

/**
 * One row's seal: the fingerprint of each decided item's content (6 hex digits, in the row's
 * sorted item order), and the MAC over the row. A row of thousands of items keeps the first
 * FP_KEEP fingerprints one by one and the others as one aggregate (`rest`), so the cell stays
 * within what Sheets allows next to the request's snapshot.
 */
export interface RowSeal {
  fps: Record<string, string>;
  rest?: string;
  mac: string;
}

/** Fingerprint length (hex digits) and how many are kept one by one in a row's seal. */
export const FP_LEN = 6;
export const FP_KEEP = 2000;

/** True when the submitter marked the request urgent ("Mendesak"). */
export function isUrgent(req: { rows: ReadonlyArray<Pick<ApprovalRow, 'urgent'>> }): boolean {
  return req.rows.some((r) => r.urgent === true);
}

/** Item id -> field -> the text submitted. */
export type ItemContents = Record<string, Record<string, string>>;

/** Each stored field is cut to this many characters; the whole "isi" to CONTENT_BUDGET. */
export const CONTENT_FIELD_MAX = 4000;
export const CONTENT_BUDGET = 30000;

/** Cuts a snapshot to fit a cell (50,000 characters) next to the decisions: long fields first, then (for thousands of items) the items that do not fit. */
export function fitContents(content: ItemContents): ItemContents {
  let max = CONTENT_FIELD_MAX;
  for (;;) {
    const out: ItemContents = {};
    for (const [id, fields] of Object.entries(content)) {
      out[id] = {};
      for (const [k, v] of Object.entries(fields)) out[id][k] = v.length > max ? v.slice(0, max) : v;
    }
    if (JSON.stringify(out).length <= CONTENT_BUDGET) return out;
    if (max <= 50) return firstThatFit(out);
    max = Math.floor(max / 2);
  }
}

/**
 * A very large request (thousands of items) cannot keep every item's snapshot even with short
 * fields: the items that fit are kept, in order; the others show "not stored" on a resubmission.
 */
function firstThatFit(content: ItemContents): ItemContents {
  const out: ItemContents = {};
  let size = 2;
  for (const [id, fields] of Object.entries(content)) {
    const piece = JSON.stringify({ [id]: fields }).length;
    if (size + piece > CONTENT_BUDGET) break;
    out[id] = fields;
    size += piece;
  }
  return out;
}

/**
 * The journal marker of an action in progress. Apps Script has no transaction across tabs, so an
 * approval action writes the Persetujuan rows FIRST (one setValues, with this marker in every row
 * of the request), then the items, then the Log, then sends its mail, and finally rewrites the
 * Keputusan cells without the marker. An execution cut anywhere in between leaves the marker; the
 * next approval action (or the hourly trigger) finishes the work from the journal (roll forward):
 * see journalEffects and src/server/approvals/journal.ts.
 */
export interface Journal {
  /** 'ajukan': the request was just submitted; 'putuskan': decisions were just recorded. */
  act: 'ajukan' | 'putuskan';
  /** The action's clock (epoch ms): decisions, starts and ends it recorded carry this time. */
  at: number;
  /** Who the Log names for the action. */
  user: string;
  /** For 'putuskan': the approver, level and channel of the decisions. */
  approver?: string;
  level?: number;
  via?: DecisionVia;
}

export interface RequestItemRef {
  id: string;
  version: number;
}

export interface ApprovalRequest {
  id: string;
  kind: ItemKind;
  period: string;
  policy: ApprovalPolicy;
  items: RequestItemRef[];
  submittedBy: string;
  submittedAt: number;
  rows: ApprovalRow[];
}

/** Maximum length of a feedback text (longer text is cut). */
export const MAX_FEEDBACK = 2000;

// ---------------------------------------------------------------------------------------------
// Keputusan and Objek cells

/** Sheets refuses a cell longer than this (by hand and by script). */
export const CELL_MAX_CHARS = 50000;

/**
 * IDs as runs: ["K-0001", "K-0002", "K-0003", "K-0007"] -> "K-0001..K-0003, K-0007". A run needs
 * the same prefix and the same digit width, so "K-0009..K-0010" never hides a K-00010.
 */
export function compressIds(ids: readonly string[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < ids.length) {
    const m = /^([A-Za-z]+-)(\d+)$/.exec(ids[i]);
    let j = i;
    if (m) {
      while (j + 1 < ids.length) {
        const n = /^([A-Za-z]+-)(\d+)$/.exec(ids[j + 1]);
        const prev = /^([A-Za-z]+-)(\d+)$/.exec(ids[j]) as RegExpExecArray;
        if (!n || n[1] !== m[1] || n[2].length !== m[2].length || Number(n[2]) !== Number(prev[2]) + 1) break;
        j++;
      }
    }
    parts.push(j > i ? `${ids[i]}..${ids[j]}` : ids[i]);
    i = j + 1;
  }
  return parts.join(', ');
}

/** The most IDs one cell expands to (a month holds far fewer items). */
const MAX_EXPANDED = 100000;

/**
 * The inverse of compressIds. A backwards run is left out, and the whole expansion stops at `max`
 * IDs: a cell pasted full of huge runs cannot make an action build millions of IDs.
 */
export function expandIds(text: string, max = MAX_EXPANDED): string[] {
  const out: string[] = [];
  for (const part of String(text || '').split(',')) {
    const p = part.trim();
    if (!p) continue;
    const run = /^([A-Za-z]+-)(\d+)\.\.([A-Za-z]+-)(\d+)$/.exec(p);
    if (run) {
      const [, pre, from, pre2, to] = run;
      if (pre !== pre2 || from.length !== to.length) continue;
      const a = Number(from);
      const z = Number(to);
      if (z < a || z - a >= max - out.length) continue;
      for (let n = a; n <= z; n++) out.push(pre + String(n).padStart(from.length, '0'));
    } else if (out.length < max) out.push(p);
  }
  return out;
}

/**
 * The Keputusan cell. Decisions without feedback that share who, when, how and what are kept as
 * one group of ID runs ("grup"), so approving a whole month stays far under the cell limit;
 * revisions, which each carry their own feedback, are kept per item ("items").
 */
export function formatKeputusan(row: Pick<ApprovalRow, 'nonce' | 'decisions' | 'journal' | 'content' | 'seal' | 'urgent'>): string {
  const items: Record<string, Record<string, string>> = {};
  const groups = new Map<string, { ids: string[]; o: Record<string, string> }>();
  for (const id of Object.keys(row.decisions).sort()) {
    const d = row.decisions[id];
    const o: Record<string, string> = { decision: d.decision, by: d.by, at: new Date(d.at).toISOString(), via: d.via };
    if (d.feedback) {
      o.feedback = d.feedback;
      items[id] = o;
      continue;
    }
    const key = `${o.decision}|${o.by}|${o.at}|${o.via}`;
    const g = groups.get(key) ?? { ids: [], o };
    g.ids.push(id);
    groups.set(key, g);
  }
  const out: Record<string, unknown> = { nonce: row.nonce, items };
  // A group of one stays an item, as older cells have it.
  const grup = [...groups.values()].filter((g) => {
    if (g.ids.length > 1) return true;
    items[g.ids[0]] = g.o;
    return false;
  });
  if (grup.length) out.grup = grup.map((g) => ({ ids: compressIds(g.ids), ...g.o }));
  // The content the request showed (its first row only; see ItemContents).
  if (row.content && Object.keys(row.content).length) out.isi = row.content;
  if (row.seal && Object.keys(row.decisions).length) {
    const ids = Object.keys(row.decisions).sort();
    const fp = ids.slice(0, FP_KEEP).map((id) => (row.seal?.fps[id] ?? '').padEnd(FP_LEN, '-').slice(0, FP_LEN)).join('');
    out.segel = { fp, ...(row.seal.rest ? { r: row.seal.rest } : {}), mac: row.seal.mac };
  }
  if (row.urgent) out.mendesak = true;
  if (row.journal) {
    const j = row.journal;
    const jurnal: Record<string, string | number> = { act: j.act, at: new Date(j.at).toISOString(), user: j.user };
    if (j.approver) jurnal.approver = j.approver;
    if (j.level !== undefined) jurnal.level = j.level;
    if (j.via) jurnal.via = j.via;
    out.jurnal = jurnal;
  }
  return JSON.stringify(out);
}

function parseJournal(v: unknown): Journal | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (o.act !== 'ajukan' && o.act !== 'putuskan') return undefined;
  const at = typeof o.at === 'string' ? Date.parse(o.at) : NaN;
  if (!Number.isFinite(at) || typeof o.user !== 'string') return undefined;
  const j: Journal = { act: o.act, at, user: o.user };
  if (typeof o.approver === 'string') j.approver = o.approver;
  if (typeof o.level === 'number') j.level = o.level;
  if (o.via === 'tautan' || o.via === 'panel') j.via = o.via;
  return j;
}

/** The segel of a Keputusan cell: `fp` holds the fingerprints in the row's sorted item order. */
function parseSeal(v: unknown, ids: readonly string[]): RowSeal | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.mac !== 'string' || typeof o.fp !== 'string') return undefined;
  const fps: Record<string, string> = {};
  const n = Math.min(ids.length, FP_KEEP, Math.floor(o.fp.length / FP_LEN));
  for (let i = 0; i < n; i++) fps[ids[i]] = o.fp.slice(i * FP_LEN, (i + 1) * FP_LEN);
  return { fps, ...(typeof o.r === 'string' ? { rest: o.r } : {}), mac: o.mac };
}

function parseDecision(v: unknown): ItemDecision | null {
  if (typeof v !== 'object' || v === null) return null;
  const d = v as Record<string, unknown>;
  if (d.decision !== 'approve' && d.decision !== 'revise') return null;
  const at = typeof d.at === 'string' ? Date.parse(d.at) : typeof d.at === 'number' ? d.at : NaN;
  return {
    decision: d.decision,
    by: typeof d.by === 'string' ? d.by : '',
    at: Number.isFinite(at) ? at : 0,
    via: d.via === 'panel' ? 'panel' : 'tautan',
    ...(typeof d.feedback === 'string' && d.feedback ? { feedback: d.feedback } : {}),
  };
}

/** Reads a Keputusan cell; a broken cell gives no nonce and no decisions (and so refuses links). */
export function parseKeputusan(text: string): { nonce: string; decisions: Record<string, ItemDecision>; journal?: Journal; content?: ItemContents; seal?: RowSeal; urgent?: boolean } {
  const out: { nonce: string; decisions: Record<string, ItemDecision>; journal?: Journal; content?: ItemContents; seal?: RowSeal; urgent?: boolean } = { nonce: '', decisions: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(String(text || '').replace(/^'/, ''));
  } catch {
    return out;
  }
  if (typeof raw !== 'object' || raw === null) return out;
  const o = raw as Record<string, unknown>;
  if (typeof o.nonce === 'string') out.nonce = o.nonce;
  const journal = parseJournal(o.jurnal);
  if (journal) out.journal = journal;
  const rawSeal = o.segel;
  if (o.mendesak === true) out.urgent = true;
  if (Array.isArray(o.grup)) {
    let budget = MAX_EXPANDED;
    for (const g of o.grup as unknown[]) {
      const d = parseDecision(g);
      const ids = typeof g === 'object' && g !== null && typeof (g as { ids?: unknown }).ids === 'string' ? expandIds((g as { ids: string }).ids, budget) : [];
      budget -= ids.length;
      if (d) for (const id of ids) out.decisions[id] = { ...d };
      if (budget <= 0) break;
    }
  }
  if (typeof o.isi === 'object' && o.isi !== null) {
    const content: ItemContents = {};
    for (const [id, fields] of Object.entries(o.isi as Record<string, unknown>)) {
      if (typeof fields !== 'object' || fields === null) continue;
      content[id] = {};
      for (const [k, v] of Object.entries(fields as Record<string, unknown>)) if (typeof v === 'string') content[id][k] = v;
    }
    out.content = content;
  }
  const items = o.items;
  if (typeof items === 'object' && items !== null) {
    for (const [id, v] of Object.entries(items as Record<string, unknown>)) {
      const d = parseDecision(v);
      if (d) out.decisions[id] = d;
    }
  }
  const seal = parseSeal(rawSeal, Object.keys(out.decisions).sort());
  if (seal) out.seal = seal;
  return out;
}

/** "K-0001..K-0003 v1, K-0007 v2": items as runs of IDs per version, in their order. */
export function formatObjek(items: readonly RequestItemRef[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < items.length) {
    let j = i;
    while (j + 1 < items.length && items[j + 1].version === items[i].version) j++;
    for (const run of compressIds(items.slice(i, j + 1).map((x) => x.id)).split(', ')) parts.push(`${run} v${items[i].version}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export function parseObjek(text: string): RequestItemRef[] {
  const out: RequestItemRef[] = [];
  for (const part of String(text || '').split(',')) {
    const m = /^\s*([A-Za-z]+-\d+(?:\.\.[A-Za-z]+-\d+)?)(?:\s+v(\d+))?\s*$/.exec(part);
    if (!m) continue;
    // The same total cap as expandIds: a pasted cell cannot make an action build millions of items.
    for (const id of expandIds(m[1], MAX_EXPANDED - out.length)) out.push({ id, version: m[2] ? Number(m[2]) : 1 });
    if (out.length >= MAX_EXPANDED) break;
  }
  return out;
}

export function parseRowStatus(value: string): RowStatus | null {
  const v = value.trim();
  return (ROW_STATUSES as readonly string[]).indexOf(v) >= 0 ? (v as RowStatus) : null;
}
