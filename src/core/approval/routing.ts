/**
 * The approval routing policy (Pengaturan "kebijakan_persetujuan"), in one place: who decides an
 * item at which level, whether a later level waits for the earlier one, and when an item's outcome
 * is final. Everything else (applying decisions, reminders, mails, the report) asks here.
 *
 * | policy      | level 1            | level 2 | later level waits | an item is final when            |
 * |-------------|--------------------|---------|-------------------|----------------------------------|
 * | berurutan   | Kasubbag           | Kabag   | yes (in turn)     | a level sends it back, or every  |
 * |             |                    |         |                   | level approved it, in order      |
 * | paralel     | Kasubbag           | Kabag   | no (both at once) | any level sends it back (the     |
 * |             |                    |         |                   | earliest counts), or all approve |
 * | salah-satu  | Kasubbag and Kabag | —       | —                 | the first decision at level 1    |
 *
 * Within a level, the first approver who decides an item decides it for the whole level.
 */
import { isEmail, Person } from '../people';
import { ApprovalPolicy, ItemKind, Role } from '../sop';
import { ApprovalRequest, ApprovalRow, Decision, ItemDecision, RequestItemRef } from './record';

export interface PolicyRule {
  /** The roles deciding at each level, level 1 first. */
  readonly levels: ReadonlyArray<readonly Role[]>;
  /** A later level's turn starts only when the earlier levels are done (and approved the item). */
  readonly inTurn: boolean;
  /** 'every-level': each level must approve, any revision sends back; 'first-decision': one decision settles it. */
  readonly settles: 'every-level' | 'first-decision';
}

export const ROUTING: Readonly<Record<ApprovalPolicy, PolicyRule>> = {
  berurutan: { levels: [['Kasubbag'], ['Kabag']], inTurn: true, settles: 'every-level' },
  paralel: { levels: [['Kasubbag'], ['Kabag']], inTurn: false, settles: 'every-level' },
  'salah-satu': { levels: [['Kasubbag', 'Kabag']], inTurn: false, settles: 'first-decision' },
};

// ---------------------------------------------------------------------------------------------
// Who decides

export interface Level {
  level: number;
  approvers: Person[];
}

export type Routing = { ok: true; levels: Level[] } | { ok: false; missing: Role[] };

/** Levels and approvers for a policy, from the people with those roles (and an email address). */
export function routeApprovers(policy: ApprovalPolicy, people: readonly Person[]): Routing {
  const withRole = (role: Role) => people.filter((p) => p.role === role && isEmail(p.email));
  const levels: Level[] = [];
  const missing: Role[] = [];
  ROUTING[policy].levels.forEach((roles, i) => {
    const approvers = roles.reduce<Person[]>((all, role) => all.concat(withRole(role)), []);
    if (approvers.length) levels.push({ level: i + 1, approvers });
    else for (const role of roles) if (!missing.includes(role)) missing.push(role);
  });
  return missing.length ? { ok: false, missing } : { ok: true, levels };
}

export interface NewRequest {
  id: string;
  kind: ItemKind;
  period: string;
  policy: ApprovalPolicy;
  items: RequestItemRef[];
  submittedBy: string;
  now: number;
  levels: Level[];
  newNonce: () => string;
}

/** A new request: one row per level and approver; a level that must wait its turn starts as Belum Giliran. */
export function buildRequest(n: NewRequest): ApprovalRequest {
  const rows: ApprovalRow[] = [];
  const seen = new Set<string>();
  for (const lv of n.levels) {
    const waits = ROUTING[n.policy].inTurn && lv.level > 1;
    for (const p of lv.approvers) {
      const key = `${lv.level}|${p.email.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({
        requestId: n.id,
        level: lv.level,
        approver: p.email,
        status: waits ? 'Belum Giliran' : 'Menunggu',
        startedAt: waits ? null : n.now,
        decidedAt: null,
        nonce: n.newNonce(),
        decisions: {},
        workingMinutes: null,
        lastReminder: null,
      });
    }
  }
  return { id: n.id, kind: n.kind, period: n.period, policy: n.policy, items: n.items.map((i) => ({ ...i })), submittedBy: n.submittedBy, submittedAt: n.now, rows };
}

/**
 * Whether `person` may decide at `level` of a request under `policy` now: their role in the roster
 * at the time of deciding must be one the policy gives that level. An approver removed from the
 * roster or demoted after the request was made no longer decides, whatever link they hold.
 */
export function mayDecideAtLevel(policy: ApprovalPolicy, level: number, person: Pick<Person, 'role'> | undefined): boolean {
  const roles = ROUTING[policy].levels[level - 1] ?? [];
  return !!person && person.role !== null && roles.includes(person.role);
}

// ---------------------------------------------------------------------------------------------
// Separation of duties: nobody decides an item they are the PIC of

/** The email address in a PIC cell ("Andi <andi@x.id>", "andi@x.id"), lower case; '' when none. */
export function picEmail(text: string): string {
  const m = /[^\s<>,;()"']+@[^\s<>,;()"']+\.[^\s<>,;()"']+/.exec(text);
  return m ? m[0].toLowerCase() : '';
}

/**
 * The items of `ids` whose PIC is `approver`: they may not decide them. `picOf` may give more than
 * one PIC text (the item's cell now and as submitted): any of them naming the approver counts.
 */
export function recusedItems(ids: readonly string[], approver: string, picOf: (id: string) => readonly string[]): string[] {
  const me = approver.trim().toLowerCase();
  return ids.filter((id) => picOf(id).some((text) => picEmail(text) === me));
}

/**
 * Items that no approver of some level could decide, because every approver of that level is the
 * item's PIC: a submission with such an item is refused before anything is written.
 */
export function undecidableItems(levels: readonly Level[], ids: readonly string[], picOf: (id: string) => string): Array<{ itemId: string; level: number; approver: string }> {
  const out: Array<{ itemId: string; level: number; approver: string }> = [];
  for (const id of ids) {
    const pic = picEmail(picOf(id));
    if (!pic) continue;
    for (const lv of levels) {
      if (lv.approvers.length && lv.approvers.every((p) => p.email.trim().toLowerCase() === pic)) out.push({ itemId: id, level: lv.level, approver: lv.approvers[0].email });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Where an item stands

export function levelsOf(req: ApprovalRequest): number[] {
  const s: number[] = [];
  for (const r of req.rows) if (s.indexOf(r.level) < 0) s.push(r.level);
  return s.sort((a, b) => a - b);
}

/** The decision on an item at a level, by whichever approver of the level made it first. */
export function levelDecision(req: ApprovalRequest, level: number, itemId: string): ItemDecision | null {
  let best: ItemDecision | null = null;
  for (const r of req.rows) {
    if (r.level !== level) continue;
    const d = r.decisions[itemId];
    if (d && (!best || d.at < best.at)) best = d;
  }
  return best;
}

export interface Outcome {
  decision: Decision;
  /** The decision that settled it (the revising one, or the last approval). */
  final: ItemDecision;
}

/** The item's final outcome under the request's policy, or null while it is still open. */
export function itemOutcome(req: ApprovalRequest, itemId: string): Outcome | null {
  const rule = ROUTING[req.policy];
  const levels = levelsOf(req);
  if (rule.settles === 'first-decision') {
    const d = levelDecision(req, levels[0], itemId);
    return d ? { decision: d.decision, final: d } : null;
  }
  if (rule.inTurn) {
    let last: ItemDecision | null = null;
    for (const lv of levels) {
      const d = levelDecision(req, lv, itemId);
      if (!d) return null;
      if (d.decision === 'revise') return { decision: 'revise', final: d };
      last = d;
    }
    return last ? { decision: 'approve', final: last } : null;
  }
  // At once: any revision settles it (the earliest); otherwise every level must approve.
  let last: ItemDecision | null = null;
  let open = false;
  let revise: ItemDecision | null = null;
  for (const lv of levels) {
    const d = levelDecision(req, lv, itemId);
    if (!d) open = true;
    else if (d.decision === 'revise') {
      if (!revise || d.at < revise.at) revise = d;
    } else if (!last || d.at > last.at) last = d;
  }
  if (revise) return { decision: 'revise', final: revise };
  if (open || !last) return null;
  return { decision: 'approve', final: last };
}

/**
 * Items a level still has to decide (whether or not its turn has come): not decided at this
 * level, not final, and, for an in-turn policy, approved by every earlier level.
 */
export function pendingAtLevel(req: ApprovalRequest, level: number): string[] {
  const inTurn = ROUTING[req.policy].inTurn;
  const levels = levelsOf(req);
  return req.items
    .map((i) => i.id)
    .filter((id) => {
      if (levelDecision(req, level, id)) return false;
      if (itemOutcome(req, id)) return false;
      if (inTurn) {
        for (const lv of levels) {
          if (lv >= level) break;
          const d = levelDecision(req, lv, id);
          if (!d || d.decision !== 'approve') return false;
        }
      }
      return true;
    });
}

/** Items waiting for this row's approver now (empty unless the row is Menunggu). */
export function pendingForRow(req: ApprovalRequest, row: ApprovalRow): string[] {
  return row.status === 'Menunggu' ? pendingAtLevel(req, row.level) : [];
}

/**
 * Whether a waiting (Belum Giliran) level may start now: only when no earlier level is still open.
 * A partial decision at level 1 (one item of two) keeps level 2 waiting.
 */
export function laterLevelMayStart(req: ApprovalRequest, level: number): boolean {
  return !req.rows.some((r) => r.level < level && (r.status === 'Menunggu' || r.status === 'Belum Giliran'));
}
