/**
 * Finishing what an execution cut at its time limit left half-done (roll forward).
 *
 * Apps Script has no transaction across tabs, and an execution can be cut between any two service
 * calls. Approval actions therefore write in a fixed order with the Persetujuan tab as the journal:
 *
 *   submit:  [new IDs] → Persetujuan rows (one range, marker) → item statuses → mail held → Log → marker cleared
 *   decide:  Persetujuan rows (one range, marker) → item statuses → mail held → Log → marker cleared
 *
 * The marker (core/approval.ts Journal, in the Keputusan cell of every row of the request) names
 * the action, its clock and its user. Any prefix of the writes is either consistent by itself
 * (nothing written yet; new IDs only; everything but the cleared marker) or carries the marker,
 * and reconcile() finishes it from the journal: items get the status the journal implies, the Log
 * gets the action's lines (with the action's own time and user, marked as restored) unless they
 * are already there, the mail is held unless it already is, and the marker is cleared. Repeating
 * reconcile is harmless: every step checks what is already written. The digest trigger does not
 * send the held mail of a request whose marker is still set (mail-send.ts flushHeld), so a mail the
 * cut run held is sent once, after the repair.
 *
 * reconcile() runs at the start of every approval action, under the script lock. It reads only
 * what the action reads anyway (Persetujuan, and the item tabs the caller names) unless there is
 * something to repair. It also repairs states left by versions without the journal (and by hand
 * edits): an item marked Diajukan whose version a request has decided gets the outcome; one that no
 * request holds goes back to Draf or Perlu Revisi; a request row "Selesai" without decisions is
 * reopened.
 */
import { formatObjek, OwnerMac, ItemState, journalEffects, journalOf, Journal, planItemRepairs, repairRowStatuses } from '../../core/approval';
import { formatDateTime } from '../../core/i18n';
import type { ItemKind } from '../../core/sop';
import { addLog, commit, commitAround, Ctx, readLogHeader, userText } from '../context';
import { runsAsOwner } from '../../adapters/session';
import { isReportedDetail } from '../../core/log';
import { withScriptLock } from '../run';
import { clearJournal, LogFn, recordDecisionEffects, setIfChanged } from './decide';
import { sendOrQueue } from './mailq';
import { notYetHeld } from './mail-send';
import { MailEnv, MailIntent } from './mail-common';
import { itemTable, joinColumns, loadRequests, saveRequest, StoredRequest } from './store';
import { SUBMIT_KEYS } from './submit';
import { dropUnsealed, ownerMac } from './record-pass';
import { approvalStep, approvedStatus, isSubmittable, submitStep } from '../../core/sop';

/** The words every restored Log line carries. */
export const RESTORED = 'dipulihkan setelah eksekusi terputus';

type EnvArg = MailEnv | (() => MailEnv);

function envOf(env: EnvArg): MailEnv {
  return typeof env === 'function' ? env() : env;
}

/** True when some request carries a journal marker or a row that must be repaired. */
export function needsRepair(requests: readonly StoredRequest[]): boolean {
  return requests.some((r) => journalOf(r) !== null || repairRowStatuses(r) !== null);
}

/**
 * Whether the Log already holds the lines of the journaled action: its append is one write, so
 * one line with the action's time and user (and an object of the request) means all of them.
 * Reads the end of the Log; called only when there is a journal to finish.
 *
 * Submissions and decisions are made by the owner's executions (the web app, the owner's panel),
 * which write the Log directly: a reported line (held by another execution, see log-move.ts) is an
 * editor's claim and never counts as the action's record.
 */
function logLanded(ctx: Ctx, req: StoredRequest, j: Journal, expected: number): boolean {
  const sheet = ctx.wb.sheet('log');
  if (!sheet) return false;
  const last = sheet.lastRow();
  if (last < 2) return false;
  const { width, col } = readLogHeader(sheet);
  const cAt = col.waktu;
  const cUser = col.pengguna;
  const cObj = col.objek;
  const cDetail = col.detail;
  if (cAt < 0 || cUser < 0 || cDetail < 0) return false;
  const n = Math.min(last - 1, expected + 200);
  const rows = sheet.read(last - n + 1, 1, n, width);
  const objects = new Set([req.id, ...req.items.map((i) => i.id)]);
  return rows.some((r) => {
    const at = r[cAt] as unknown;
    const ms = at !== null && typeof at === 'object' && typeof (at as Date).getTime === 'function' ? (at as Date).getTime() : NaN;
    if (isReportedDetail(String(r[cDetail]))) return false;
    return Math.abs(ms - j.at) < 1000 && String(r[cUser]).trim().toLowerCase() === j.user.toLowerCase() && (cObj < 0 || objects.has(String(r[cObj]).trim()));
  });
}

/** Log lines of a restored action: its own time and user, and the words saying it was restored. */
function restoredLog(ctx: Ctx, j: Journal): LogFn {
  return (step, action, object, detail) => {
    ctx.log.push({ at: j.at, user: j.user, step, action, object, detail: `${detail}${detail ? '; ' : ''}${RESTORED} (dicatat ${formatDateTime(ctx.now, 'id')})` });
  };
}

const noLog: LogFn = () => undefined;

/** Finishes a submission from its journal: the items become Diajukan; the request's Log lines; its mail. */
function finishSubmit(ctx: Ctx, req: StoredRequest, log: LogFn): MailIntent[] {
  const t = itemTable(ctx, req.kind);
  const step = String(submitStep(req.kind));
  const changed = new Set<string>();
  for (const ref of req.items) {
    const i = t.find('id', ref.id);
    if (i < 0) {
      log(step, 'Item tidak ditemukan', ref.id, `Permintaan ${req.id} mengajukan ${ref.id} v${ref.version}, tetapi baris item sudah tidak ada.`);
      continue;
    }
    const status = t.text(i, 'status') || 'Draf';
    if (!isSubmittable(status) && status !== 'Diajukan') {
      log(step, 'Status item tidak diubah', ref.id, `Item berstatus ${status}; permintaan ${req.id} mengajukan versi ${ref.version}.`);
      continue;
    }
    const from = status === 'Diajukan' ? (ref.version > 1 ? 'Perlu Revisi' : 'Draf') : status;
    setIfChanged(t, i, 'status', 'Diajukan', changed);
    setIfChanged(t, i, 'versi', ref.version, changed);
    setIfChanged(t, i, 'diajukanOleh', userText(req.submittedBy), changed);
    setIfChanged(t, i, 'diajukanPada', new Date(req.submittedAt), changed);
    setIfChanged(t, i, 'diputuskanPada', '', changed);
    log(step, req.kind === 'konsep' ? 'Ajukan konsep' : 'Ajukan desain', ref.id, `${from} → Diajukan; versi ${ref.version}; permintaan ${req.id}`);
  }
  if (changed.size) joinColumns(t, SUBMIT_KEYS.filter((k) => changed.has(k)));
  log(step, 'Permintaan persetujuan dibuat', req.id, `${formatObjek(req.items)}; kebijakan ${req.policy}; penyetuju: ${req.rows.map((r) => `${r.approver} (tingkat ${r.level}, ${r.status})`).join(', ')}`);
  return req.rows.filter((r) => r.status === 'Menunggu').map((r) => ({ k: 'request' as const, req: req.id, lvl: r.level, ap: r.approver }));
}

/**
 * Repairs what cut executions left (see the top of this file). The caller holds the script lock.
 * `kinds`: item tabs the calling action reads anyway, checked for half-done items of older
 * versions. Returns true when something was repaired (and written).
 */
export function reconcile(ctx: Ctx, env: EnvArg, kinds: readonly ItemKind[] = []): boolean {
  // Only the owner's executions write the record (hard-protected) and check seals: anyone else's
  // (a head's panel call) leaves the repair to the owner's next action or trigger, unwritten.
  if (!runsAsOwner()) return false;
  const requests = loadRequests(ctx);
  let repaired = false;
  const intents: MailIntent[] = [];
  const journaled: string[] = [];
  const tables = new Set<ItemKind>();
  // Rows "Selesai" without decisions (older versions).
  for (const req of requests) {
    if (journalOf(req)) continue;
    const fixed = repairRowStatuses(req);
    if (!fixed) continue;
    saveRequest(ctx, req, fixed);
    addLog(ctx, String(approvalStep(req.kind)), 'Status permintaan dipulihkan', req.id, `Baris "Selesai" tanpa keputusan dibuka kembali; ${RESTORED}.`);
    repaired = true;
  }
  // Journaled actions: roll forward.
  let mac: OwnerMac | null | undefined;
  for (const stored of requests) {
    let req = stored;
    const j = journalOf(req);
    if (!j) continue;
    if (j.act === 'putuskan') {
      // A decision is finished only from what its seal proves, and only by the owner's execution
      // (the one that can check seals): a marker pasted into a cell replays nothing.
      if (mac === undefined) mac = ownerMac(ctx);
      if (!mac) continue;
      req = dropUnsealed(ctx, req, mac);
    }
    journaled.push(req.id);
    tables.add(req.kind);
    repaired = true;
    if (j.act === 'ajukan') {
      const landed = logLanded(ctx, req, j, req.items.length + 2);
      intents.push(...finishSubmit(ctx, req, landed ? noLog : restoredLog(ctx, j)));
    } else {
      const eff = journalEffects(req, j);
      const landed = logLanded(ctx, req, j, eff.applied.length + 2 * eff.finalized.length + eff.started.length + eff.completedLevels.length);
      intents.push(...recordDecisionEffects(ctx, req, eff, { approver: j.approver ?? j.user, level: j.level ?? 1, via: j.via ?? 'tautan', at: j.at }, landed ? noLog : restoredLog(ctx, j), true));
    }
  }
  // Items of older versions left Diajukan (read only the item tabs the caller reads anyway).
  for (const kind of kinds) {
    const t = itemTable(ctx, kind);
    const states: ItemState[] = [];
    for (let i = 0; i < t.size; i++) states.push({ id: t.text(i, 'id'), version: Number(t.get(i, 'versi')) || 1, status: t.text(i, 'status'), feedback: t.text(i, 'catatan') });
    const ofKind = requests.filter((r) => r.kind === kind);
    let plan = planItemRepairs(ofKind, states);
    // An outcome is rolled forward only from sealed decisions (the owner's key is read only when
    // there is one to roll forward: submissions stay free of the check).
    if (plan.some((rep) => rep.kind === 'forward')) {
      if (mac === undefined) mac = ownerMac(ctx);
      const owner = mac;
      plan = owner ? planItemRepairs(ofKind.map((r) => dropUnsealed(ctx, r, owner)), states) : plan.filter((rep) => rep.kind === 'revert');
    }
    const step = String(approvalStep(kind));
    const changed = new Set<string>();
    const approved = approvedStatus(kind);
    for (const rep of plan) {
      const i = t.find('id', rep.itemId);
      if (i < 0) continue;
      if (rep.kind === 'forward') {
        const next = rep.outcome === 'approve' ? approved : 'Perlu Revisi';
        setIfChanged(t, i, 'status', next, changed);
        if (rep.outcome === 'revise') setIfChanged(t, i, 'catatan', userText(rep.feedback), changed);
        setIfChanged(t, i, 'diputuskanPada', new Date(rep.at), changed);
        addLog(ctx, step, `Status: ${next}`, rep.itemId, `Diajukan → ${next}; permintaan ${rep.requestId}; versi ${rep.version}; keputusan ${rep.by} ${formatDateTime(rep.at, 'id')}; ${RESTORED}`);
      } else {
        setIfChanged(t, i, 'status', rep.to, changed);
        setIfChanged(t, i, 'versi', rep.version, changed);
        addLog(ctx, String(submitStep(kind)), `Status: ${rep.to}`, rep.itemId, `Diajukan tanpa permintaan persetujuan → ${rep.to}; versi ${rep.version}; ajukan kembali. ${RESTORED}`);
      }
      repaired = true;
    }
    if (changed.size) {
      joinColumns(t, [...changed]);
      tables.add(kind);
    }
  }
  if (!repaired) return false;
  // Items, then the mail held, then the Log (its lines and the mail's), then the markers cleared.
  const journal = ctx.wb.table('persetujuan');
  commitAround(
    ctx,
    [...tables].map((k) => itemTable(ctx, k)),
    () => {
      // Mail a cut run already held is not held twice.
      const e = intents.length ? envOf(env) : null;
      const todo = e ? notYetHeld(e, intents) : [];
      if (e && todo.length) sendOrQueue(ctx, e, todo);
    },
  );
  for (const id of journaled) clearJournal(ctx, id);
  commit(ctx, [journal]);
  return true;
}

/**
 * reconcile for the triggers: a repair that cannot run (a tab missing) is reported, not thrown, so
 * the rest of the run (the mail) still goes.
 */
export function tryReconcile(ctx: Ctx, env: EnvArg, kinds: readonly ItemKind[] = []): boolean | string {
  try {
    return reconcile(ctx, env, kinds);
  } catch (e) {
    ctx.log = [];
    ctx.wb.relocate();
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * For actions that otherwise change nothing (opening a review link, the panel's lists): repairs
 * under the script lock only when the Persetujuan rows already read show something to repair.
 * Busy, or not the owner's execution: the next owner's action repairs it. Returns true when
 * something was repaired.
 */
export function repairIfNeeded(ctx: Ctx, env: EnvArg): boolean {
  // Nothing to repair, or not the owner's execution (reconcile would leave it): no lock taken.
  if (!needsRepair(loadRequests(ctx)) || !runsAsOwner()) return false;
  return withScriptLock(
    () => {
      ctx.wb.relocate();
      return reconcile(ctx, env);
    },
    () => false,
  );
}

