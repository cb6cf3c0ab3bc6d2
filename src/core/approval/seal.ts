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
import { FP_KEEP, FP_LEN } from './record';
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

/** The item content's fingerprint: FP_LEN hex digits of the owner's HMAC (keyed: nobody else can make one). */
export function contentFingerprint(fields: ItemFields, mac: OwnerMac): string {
  return mac(`isi${SEP}${canonicalFields(fields)}`).slice(0, FP_LEN);
}

/** One fingerprint for the items past FP_KEEP (sorted ids) of a large row. */
function restFingerprint(ids: readonly string[], fps: Readonly<Record<string, string>>, mac: OwnerMac): string {
  return mac(`sisa${SEP}${ids.map((id) => `${id}=${fps[id] ?? ''}`).join(SEP)}`).slice(0, 12);
}

function decisionText(id: string, version: number, d: ItemDecision): string {
  return [id, version, d.decision, d.by.trim().toLowerCase(), d.at, d.via, d.feedback ?? ''].join(SEP);
}

/** What a row's MAC covers: the request, the level, the approver, each decision with its item's version and fingerprint (past FP_KEEP items: their aggregate). */
export function rowSealMessage(req: Pick<ApprovalRequest, 'id' | 'kind' | 'items'>, row: Pick<ApprovalRow, 'level' | 'approver' | 'decisions'>, fps: Readonly<Record<string, string>>, rest?: string): string {
  const versions = new Map(req.items.map((i) => [i.id, i.version]));
  const parts = ['segel', req.id, req.kind, String(row.level), row.approver.trim().toLowerCase()];
  Object.keys(row.decisions)
    .sort()
    .forEach((id, i) => parts.push(decisionText(id, versions.get(id) ?? 0, row.decisions[id]), i < FP_KEEP ? (fps[id] ?? '') : ''));
  if (rest !== undefined) parts.push(`sisa=${rest}`);
  return parts.join('\n');
}

/** Seals a row's decisions with the fingerprints of the items' current content (`fps`: FP_LEN hex each). */
export function sealRow(req: Pick<ApprovalRequest, 'id' | 'kind' | 'items'>, row: Pick<ApprovalRow, 'level' | 'approver' | 'decisions'>, fps: Readonly<Record<string, string>>, mac: OwnerMac): RowSeal {
  const ids = Object.keys(row.decisions).sort();
  const own: Record<string, string> = {};
  for (const id of ids.slice(0, FP_KEEP)) own[id] = (fps[id] ?? '').slice(0, FP_LEN);
  const rest = ids.length > FP_KEEP ? restFingerprint(ids.slice(FP_KEEP), fps, mac) : undefined;
  return { fps: own, ...(rest !== undefined ? { rest } : {}), mac: mac(rowSealMessage(req, row, own, rest)) };
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
  const ids = Object.keys(row.decisions).sort();
  for (const id of ids.slice(0, FP_KEEP)) if (typeof row.seal.fps[id] !== 'string') return 'broken';
  if ((ids.length > FP_KEEP) !== (row.seal.rest !== undefined)) return 'broken';
  return sameHex(mac(rowSealMessage(req, row, row.seal.fps, row.seal.rest)), row.seal.mac) ? 'sealed' : 'broken';
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
 * Past FP_KEEP items a row keeps one aggregate: when it differs, each of those items counts as
 * changed (the seal cannot say which).
 */
export function changedSinceDecision(req: ApprovalRequest, current: ReadonlyMap<string, string>, mac: OwnerMac): Array<{ itemId: string; level: number; by: string }> {
  const out: Array<{ itemId: string; level: number; by: string }> = [];
  const seen = new Set<string>();
  const flag = (row: ApprovalRow, id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ itemId: id, level: row.level, by: row.decisions[id].by });
  };
  for (const row of req.rows) {
    if (!row.seal) continue;
    const ids = Object.keys(row.decisions).sort();
    for (const id of ids.slice(0, FP_KEEP)) {
      const fp = row.seal.fps[id];
      const now = current.get(id);
      if (fp && now !== undefined && fp !== now.slice(0, FP_LEN)) flag(row, id);
    }
    if (row.seal.rest !== undefined && ids.length > FP_KEEP) {
      const rest = ids.slice(FP_KEEP).filter((id) => current.has(id));
      const now: Record<string, string> = {};
      for (const id of rest) now[id] = (current.get(id) ?? '').slice(0, FP_LEN);
      if (restFingerprint(ids.slice(FP_KEEP), now, mac) !== row.seal.rest) for (const id of rest) flag(row, id);
    }
  }
  return out;
}
