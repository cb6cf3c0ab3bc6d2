/**
 * Reminders and escalation: which waiting approvers get a digest today, and the SLA rows of
 * Persetujuan (measured by core/sla.ts).
 */
import { findPerson, isEmail, Person } from '../people';
import { approvalStep, ItemKind, SOP_STEPS } from '../sop';
import { isOverdue } from '../sla';
import { ApprovalRequest, RowStatus } from './record';
import { pendingForRow } from './routing';

// Reminders, escalation and the SLA clock

export interface DigestEntry {
  requestId: string;
  level: number;
  waitedMinutes: number;
  /** For escalations: who it waits on. */
  waitingOn?: string;
}

export interface Digest {
  to: string;
  own: DigestEntry[];
  escalated: DigestEntry[];
}

/**
 * Who gets a digest now: each approver with requests waiting longer than `reminderAfter` working
 * minutes, and each Kabag for what waited at a Kasubbag longer than `escalateAfter`. People who
 * already got one today (`sentToday`) are left out. One digest per person.
 * `decides`: the items of a row its approver decides (default: the row's pending items; the server
 * leaves out those she is the PIC of). A request is in her own list only when one is left; the
 * escalation still counts the level's pending items (an item nobody at the level may decide waits
 * there too, and the Kabag hears of it).
 */
export function selectDigests<R extends ApprovalRequest>(
  requests: readonly R[],
  people: readonly Person[],
  opts: {
    now: number;
    reminderAfter: number;
    escalateAfter: number;
    minutesBetween: (a: number, b: number) => number;
    sentToday: (email: string) => boolean;
    decides?: (req: R, row: R['rows'][number]) => readonly string[];
  },
): Digest[] {
  const byPerson = new Map<string, Digest>();
  const get = (email: string): Digest => {
    const k = email.toLowerCase();
    let d = byPerson.get(k);
    if (!d) {
      d = { to: email, own: [], escalated: [] };
      byPerson.set(k, d);
    }
    return d;
  };
  const kabags = people.filter((p) => p.role === 'Kabag' && isEmail(p.email));
  for (const req of requests) {
    for (const row of req.rows) {
      if (row.status !== 'Menunggu' || row.startedAt === null) continue;
      if (!pendingForRow(req, row).length) continue;
      const waited = Math.round(opts.minutesBetween(row.startedAt, opts.now));
      if (waited > opts.reminderAfter && (!opts.decides || opts.decides(req, row).length)) get(row.approver).own.push({ requestId: req.id, level: row.level, waitedMinutes: waited });
      const role = findPerson(people, row.approver)?.role;
      if (role === 'Kasubbag' && waited > opts.escalateAfter) {
        for (const k of kabags) {
          const kabagWaits = req.rows.some((r) => r.approver.toLowerCase() === k.email.toLowerCase() && r.status === 'Menunggu');
          if (kabagWaits) continue;
          const d = get(k.email);
          if (!d.escalated.some((e) => e.requestId === req.id)) d.escalated.push({ requestId: req.id, level: row.level, waitedMinutes: waited, waitingOn: row.approver });
        }
      }
    }
  }
  return [...byPerson.values()].filter((d) => (d.own.length || d.escalated.length) && !opts.sentToday(d.to));
}

export interface SlaRow {
  requestId: string;
  kind: ItemKind;
  period: string;
  level: number;
  approver: string;
  status: RowStatus;
  step: 3 | 5;
  /** Recorded minutes, or the minutes so far for a waiting row. */
  minutes: number | null;
  standard: number;
  overdue: boolean;
}

export function slaRows(
  requests: readonly ApprovalRequest[],
  standardMinutes: Record<number, number>,
  now: number,
  minutesBetween: (a: number, b: number) => number,
): SlaRow[] {
  const out: SlaRow[] = [];
  for (const req of requests) {
    const step = approvalStep(req.kind);
    const standard = standardMinutes[step] ?? SOP_STEPS[step].standardMinutes;
    for (const r of req.rows) {
      let minutes: number | null = r.workingMinutes;
      if (minutes === null && r.status === 'Menunggu' && r.startedAt !== null) minutes = Math.round(minutesBetween(r.startedAt, now));
      out.push({ requestId: req.id, kind: req.kind, period: req.period, level: r.level, approver: r.approver, status: r.status, step, minutes, standard, overdue: isOverdue(minutes, standard) });
    }
  }
  return out;
}
