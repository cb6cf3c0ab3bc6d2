/**
 * The owner's record pass: what the Persetujuan tab proves, made true in the sheet. It runs only in
 * the owner's executions (they alone hold the sealing key: keeper.ts) — the hourly trigger, the
 * web app before a decision, setup — and:
 *
 *  1. removes decisions that carry no valid seal (pasted, typed or written by someone's own script
 *     run), each removal logged with what it claimed;
 *  2. writes each item's status from the sealed record: a status typed or pasted into the Status
 *     column is put back, and logged;
 *  3. takes back an approval whose item changed afterwards (text, date, platforms, design link,
 *     copy: the content fingerprint in the seal differs): the item becomes Perlu Revisi with a note
 *     naming the changed fields, and the Log says so.
 *
 * Status columns people see are thus derived from the record, not trusted.
 */
import { ApprovalRequest, changedSinceDecision, contentFingerprint, itemOutcome, journalOf, OwnerMac, repairRowStatuses, sealRow, trustedRequest, fieldLabel } from '../../core/approval';
import { approvalStep, approvedStatus, ItemKind } from '../../core/sop';
import { addLog, commit, Ctx, userText } from '../context';
import { keeper } from './keeper';
import { itemSnapshot, itemTable, joinColumns, loadRequests, saveRequest, setIfChanged, StoredRequest } from './store';

/** The current content fingerprints of `ids` (absent for an item whose row is gone). */
export function currentFingerprints(ctx: Ctx, kind: ItemKind, ids: readonly string[], mac: OwnerMac): Map<string, string> {
  const t = itemTable(ctx, kind);
  const out = new Map<string, string>();
  for (const id of ids) if (t.find('id', id) >= 0) out.set(id, contentFingerprint(itemSnapshot(ctx, kind, id), mac));
  return out;
}

/**
 * The owner's MAC for this execution, or null when it is not the owner's. The execution that makes
 * the key adopts the record as it stands: every decision already there is sealed (logged once).
 */
export function ownerMac(ctx: Ctx): OwnerMac | null {
  const k = keeper(ctx);
  if (!k) return null;
  if (k.created) adoptRecord(ctx, k.mac);
  return k.mac;
}

function adoptRecord(ctx: Ctx, mac: OwnerMac): void {
  let rows = 0;
  for (const req of loadRequests(ctx)) {
    const fps = currentFingerprints(ctx, req.kind, req.items.map((i) => i.id), mac);
    const next = { ...req, rows: req.rows.map((r) => (Object.keys(r.decisions).length ? { ...r, seal: sealRow(req, r, Object.fromEntries(fps), mac) } : r)) };
    if (next.rows.some((r, i) => r !== req.rows[i])) {
      rows += req.rows.filter((r) => Object.keys(r.decisions).length).length;
      saveRequest(ctx, req, next);
    }
  }
  addLog(ctx, '—', 'Kunci segel dibuat', 'Persetujuan', rows ? `Catatan yang ada diadopsi: keputusan di ${rows} baris disegel dengan kunci pemilik.` : 'Belum ada keputusan untuk disegel.');
  commit(ctx, [ctx.wb.table('persetujuan')]);
}

/** Removes decisions without a valid seal from `req` (in memory; Log lines added). */
const dropped = new WeakMap<Ctx, Map<string, StoredRequest>>();

export function dropUnsealed(ctx: Ctx, req: StoredRequest, mac: OwnerMac): StoredRequest {
  const done = dropped.get(ctx) ?? new Map<string, StoredRequest>();
  dropped.set(ctx, done);
  const before = done.get(req.id);
  if (before) return before;
  const { request, untrusted } = trustedRequest(req, mac);
  if (!untrusted.length) return req;
  const fixed = repairRowStatuses(request) ?? request;
  for (const u of untrusted) {
    const claimed = u.items.slice(0, 20).join(', ') + (u.items.length > 20 ? ` (+${u.items.length - 20})` : '');
    addLog(
      ctx,
      String(approvalStep(req.kind)),
      'Keputusan tanpa segel dihapus',
      req.id,
      `Tingkat ${u.level}, atas nama ${u.approver}: ${claimed}. ${u.state === 'unsealed' ? 'Tidak bersegel' : 'Segel tidak cocok'}: ditulis di luar Siaran (ditempel, diketik, atau skrip pengguna), tidak dihitung.`,
    );
  }
  const saved = saveRequest(ctx, req, fixed);
  done.set(req.id, saved);
  return saved;
}

interface Derived {
  status: string;
  note?: string;
  /** A new item's blank status shown as Draf: not a repair, no Log line. */
  fill?: boolean;
}

/** The status the sealed record gives an item (null: nothing to say, keep the cell). */
function deriveStatus(kind: ItemKind, version: number, cell: string, feedback: string, holding: readonly ApprovalRequest[], changed: ReadonlyMap<string, string>, id: string): Derived | null {
  const latest = holding.length ? holding[holding.length - 1] : null;
  if (!latest) {
    if (cell === 'Draf' || cell === 'Perlu Revisi') return null;
    // A new item's status is left blank by staff executions (the column is the owner's): shown as Draf.
    if (cell === '') return { status: 'Draf', fill: true };
    return { status: version > 1 || feedback.trim() ? 'Perlu Revisi' : 'Draf' };
  }
  if (journalOf(latest)) return null; // an action in progress: the journal repair finishes it
  const o = itemOutcome(latest, id);
  if (!o) {
    const open = latest.rows.some((r) => r.status === 'Menunggu' || r.status === 'Belum Giliran');
    return open ? { status: 'Diajukan' } : null;
  }
  if (o.decision === 'revise') return { status: 'Perlu Revisi' };
  const fields = changed.get(id);
  if (fields !== undefined) return { status: 'Perlu Revisi', note: fields };
  return { status: approvedStatus(kind) };
}

/** The fields of an item that differ from the request's snapshot (labels), or '' when unknown. */
function changedFields(ctx: Ctx, req: ApprovalRequest, kind: ItemKind, id: string): string {
  let before: Record<string, string> | null = null;
  for (const r of req.rows) if (r.content && r.content[id]) before = r.content[id];
  if (!before) return '';
  const now = itemSnapshot(ctx, kind, id);
  return Object.keys(now)
    .filter((k) => (before?.[k] ?? '') !== now[k])
    .map((k) => fieldLabel(k as never, ctx.lang))
    .join(', ');
}

export interface PassResult {
  dropped: number;
  statuses: number;
}

/**
 * The pass itself (the caller holds the script lock and is the owner's execution). Reads
 * Persetujuan and both item tabs once; writes only what differs.
 */
export function recordPass(ctx: Ctx, mac: OwnerMac): PassResult {
  const res: PassResult = { dropped: 0, statuses: 0 };
  let filled = 0;
  const requests: StoredRequest[] = [];
  for (const req of loadRequests(ctx)) {
    const next = dropUnsealed(ctx, req, mac);
    if (next !== req) res.dropped++;
    requests.push(next);
  }
  const touched: ItemKind[] = [];
  for (const kind of ['konsep', 'desain'] as const) {
    const t = itemTable(ctx, kind);
    const byItem = new Map<string, StoredRequest[]>();
    for (const r of requests) {
      if (r.kind !== kind) continue;
      for (const x of r.items) {
        const k = `${x.id}|${x.version}`;
        const list = byItem.get(k);
        if (list) list.push(r);
        else byItem.set(k, [r]);
      }
    }
    const changed = new Set<string>();
    const changedByRequest = new Map<string, Set<string>>();
    const step = String(approvalStep(kind));
    for (let i = 0; i < t.size; i++) {
      const id = t.text(i, 'id');
      if (!id) continue;
      const version = Number(t.get(i, 'versi')) || 1;
      const cell = t.text(i, 'status');
      const holding = (byItem.get(`${id}|${version}`) ?? []).slice().sort((a, b) => a.submittedAt - b.submittedAt);
      // Approved content that changed since: fingerprints only for the items the record approved.
      const contentChanged = new Map<string, string>();
      const latest = holding[holding.length - 1];
      if (latest && itemOutcome(latest, id)?.decision === 'approve') {
        // Once per request: the fingerprints of all its items (a large row's seal keeps an aggregate).
        let moved = changedByRequest.get(latest.id);
        if (!moved) {
          moved = new Set(changedSinceDecision(latest, currentFingerprints(ctx, kind, latest.items.map((x) => x.id), mac), mac).map((c) => c.itemId));
          changedByRequest.set(latest.id, moved);
        }
        if (moved.has(id)) contentChanged.set(id, changedFields(ctx, latest, kind, id));
      }
      const d = deriveStatus(kind, version, cell, t.text(i, 'catatan'), holding, contentChanged, id);
      if (!d || d.status === cell) continue;
      setIfChanged(t, i, 'status', d.status, changed);
      if (d.fill) {
        filled++;
        continue;
      }
      if (d.note !== undefined) {
        const what = d.note || (ctx.lang === 'en' ? 'its content' : 'isinya');
        setIfChanged(t, i, 'catatan', userText(ctx.lang === 'en' ? `Changed after approval (${what}): the approval no longer counts. Submit it again.` : `Diubah setelah disetujui (${what}): persetujuan tidak berlaku lagi. Ajukan kembali.`), changed);
        addLog(ctx, step, 'Persetujuan gugur: isi berubah', id, `${cell} → ${d.status}; versi ${version}; berubah: ${d.note || 'isi'}; permintaan ${latest?.id ?? '-'}. Diubah di luar alur persetujuan (lihat baris Log perubahan manual untuk siapa).`);
      } else {
        addLog(ctx, step, 'Status dipulihkan dari catatan', id, `"${cell}" → ${d.status}; versi ${version}. Status ditulis di luar Siaran; status mengikuti catatan Persetujuan yang bersegel.`);
      }
      res.statuses++;
    }
    if (changed.size) {
      joinColumns(t, [...changed]);
      touched.push(kind);
    }
  }
  if (res.dropped || res.statuses || filled) commit(ctx, [ctx.wb.table('persetujuan'), ...touched.map((k) => itemTable(ctx, k))]);
  return res;
}
