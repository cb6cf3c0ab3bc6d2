/**
 * The seal: what makes a decision in the Persetujuan tab count.
 *
 * Every staff member can edit the workbook, so a decision is not trusted because a cell says so.
 * A decision counts only when its row carries a seal: an HMAC, with the owner's key, over the
 * row's decisions and a fingerprint of each decided item's content as the approver saw it. The
 * key lives in the installing owner's user properties (see server/approvals/owner-key.ts), which
 * only the owner's executions can read: the web app (deployed "execute as me"), the owner's
 * triggers, and the owner's own menu and panel runs. So a decision pasted into a cell, typed by
 * hand, or written by a staff member's own script run carries no valid seal and changes nothing.
 *
 * The fingerprint binds the approval to the content: when an item's text, date, platforms, design
 * link or copy changes after a level decided it, that decision no longer counts for it.
 *
 * Pure: the MAC comes in as a function.
 */
import type { ApprovalRequest, ApprovalRow, ItemDecision, RowSeal } from './record';
import { cloneRequest } from './decisions';

/** HMAC of a message with the owner's key, as lower-case hex. */
export type OwnerMac = (message: string) => string;

/** The fields of an item that a decision binds to, by field key ("date", "activity", ...). */
export type ItemFields = Record<string, string>;

const SEP = '\u001f';

/** A field set as one canonical text (keys sorted, values trimmed, line ends normalised). */
export function canonicalFields(fields: ItemFields): string {
  return Object.keys(fields)
    .sort()
    .map((k) => `${k}=${String(fields[k] ?? '').replace(/\r\n?/g, '\n').trim()}`)
    .join(SEP);
}

/** The item content's fingerprint: 12 hex digits of the owner's HMAC (keyed: nobody else can make one). */
export function contentFingerprint(fields: ItemFields, mac: OwnerMac): string {
  return mac(`isi${SEP}${canonicalFields(fields)}`).slice(0, 12);
}

function decisionText(id: string, version: number, d: ItemDecision): string {
  return [id, version, d.decision, d.by.trim().toLowerCase(), d.at, d.via, d.feedback ?? ''].join(SEP);
}

/** What a row's MAC covers: the request, the level, the approver, each decision with its item's version and fingerprint. */
export function rowSealMessage(req: Pick<ApprovalRequest, 'id' | 'kind' | 'items'>, row: Pick<ApprovalRow, 'level' | 'approver' | 'decisions'>, fps: Record<string, string>): string {
  const versions = new Map(req.items.map((i) => [i.id, i.version]));
  const parts = ['segel', req.id, req.kind, String(row.level), row.approver.trim().toLowerCase()];
  for (const id of Object.keys(row.decisions).sort()) parts.push(decisionText(id, versions.get(id) ?? 0, row.decisions[id]), fps[id] ?? '');
  return parts.join('\n');
}

/** Seals a row's decisions with the fingerprints of the items' current content. */
export function sealRow(req: Pick<ApprovalRequest, 'id' | 'kind' | 'items'>, row: Pick<ApprovalRow, 'level' | 'approver' | 'decisions'>, fps: Record<string, string>, mac: OwnerMac): RowSeal {
  const own: Record<string, string> = {};
  for (const id of Object.keys(row.decisions)) own[id] = fps[id] ?? '';
  return { fps: own, mac: mac(rowSealMessage(req, row, own)) };
}

/** Constant-time comparison of two hex strings. */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type SealState = 'none' | 'sealed' | 'unsealed' | 'broken';

/** 'none': no decisions; 'sealed': the seal holds; 'unsealed': decisions without a seal; 'broken': a seal that does not match. */
export function rowSealState(req: Pick<ApprovalRequest, 'id' | 'kind' | 'items'>, row: ApprovalRow, mac: OwnerMac): SealState {
  if (!Object.keys(row.decisions).length) return 'none';
  if (!row.seal) return 'unsealed';
  for (const id of Object.keys(row.decisions)) if (typeof row.seal.fps[id] !== 'string') return 'broken';
  return sameHex(mac(rowSealMessage(req, row, row.seal.fps)), row.seal.mac) ? 'sealed' : 'broken';
}

export interface UntrustedRow {
  level: number;
  approver: string;
  state: 'unsealed' | 'broken';
  /** The item ids its decisions named. */
  items: string[];
}

/**
 * The request as the record proves it: rows whose decisions carry no valid seal lose them (their
 * status goes back to what the sealed decisions imply: see repairRowStatuses). Never mutates `req`.
 */
export function trustedRequest<T extends ApprovalRequest>(req: T, mac: OwnerMac): { request: T; untrusted: UntrustedRow[] } {
  const untrusted: UntrustedRow[] = [];
  for (const row of req.rows) {
    const s = rowSealState(req, row, mac);
    if (s === 'unsealed' || s === 'broken') untrusted.push({ level: row.level, approver: row.approver, state: s, items: Object.keys(row.decisions) });
  }
  if (!untrusted.length) return { request: req, untrusted };
  const out = cloneRequest(req) as T;
  for (const row of out.rows) {
    if (!untrusted.some((u) => u.level === row.level && u.approver === row.approver)) continue;
    row.decisions = {};
    delete row.seal;
  }
  return { request: out, untrusted };
}

/**
 * Items whose content changed since a level decided them: the fingerprint the seal holds differs
 * from the current one. `current` maps item id to its current fingerprint (absent: item gone).
 */
export function changedSinceDecision(req: ApprovalRequest, current: ReadonlyMap<string, string>): Array<{ itemId: string; level: number; by: string }> {
  const out: Array<{ itemId: string; level: number; by: string }> = [];
  const seen = new Set<string>();
  for (const row of req.rows) {
    if (!row.seal) continue;
    for (const id of Object.keys(row.decisions)) {
      const fp = row.seal.fps[id];
      const now = current.get(id);
      if (!fp || now === undefined || fp === now || seen.has(id)) continue;
      seen.add(id);
      out.push({ itemId: id, level: row.level, by: row.decisions[id].by });
    }
  }
  return out;
}
