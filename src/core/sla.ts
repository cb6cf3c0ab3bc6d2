/**
 * The SLA clock: how long an SOP step took, in working minutes, and whether it is over its
 * standard time (Mutu Baku). The panel (where each item waits), the approvals (reminders and the
 * SLA rows of Persetujuan) and the monthly report (compliance per step) all ask here, so the rule
 * "late means strictly more than the standard" lives in one function.
 *
 * What starts and ends each step is described in SOP_STEPS (core/sop.ts). Working minutes come from
 * core/calendar.ts (workingMinutesBetween), passed in as a function so this module stays pure.
 */
import type { ApprovalRequest } from './approval/record';
import { itemOutcome } from './approval/routing';
import { defineMessages } from './i18n';
import { approvalStep, StepNo } from './sop';

/** Working minutes between two instants (core/calendar.ts's workingMinutesBetween, bound to a calendar). */
export type MinutesBetween = (startMs: number, endMs: number) => number;

/**
 * Over the standard time: strictly more working minutes than the standard. Exactly the standard is
 * on time. Unknown minutes or an unknown standard are never overdue.
 */
export function isOverdue(minutes: number | null, standard: number | null): boolean {
  return minutes !== null && standard !== null && minutes > standard;
}

/** Within the standard time (the report's "selesai dalam waktu baku"): the complement of isOverdue. */
export function withinStandard(minutes: number, standard: number): boolean {
  return !isOverdue(minutes, standard);
}

export interface StepMeasure {
  step: StepNo;
  /** Working minutes, rounded; null when the step has no recorded start. */
  minutes: number | null;
  /** The step's standard time, or null when the settings have none. */
  standard: number | null;
  overdue: boolean;
}

/**
 * Measures one step from `start` to `end` (both epoch ms; `end` is "now" for a step still running).
 * `standards` are the settings' standard minutes per step.
 */
export function measureStep(
  step: StepNo,
  start: number | null,
  end: number,
  standards: Readonly<Partial<Record<number, number>>>,
  minutesBetween: MinutesBetween,
): StepMeasure {
  const minutes = start === null ? null : Math.round(minutesBetween(start, end));
  const standard = standards[step] ?? null;
  return { step, minutes, standard, overdue: isOverdue(minutes, standard) };
}

// ---------------------------------------------------------------------------------------------
// Each step of a month, from its real start to its real end

/** The records the steps are measured from (plain rows, as the report reads them). */
export interface SlaRecords {
  /** Every save of a month's strategy (Log "Simpan strategi", and the Strategi rows' dates). */
  strategySaves: ReadonlyArray<{ period: string; at: number }>;
  requests: readonly ApprovalRequest[];
  concepts: ReadonlyArray<{ id: string; period: string; plannedAt: number | null; decidedAt: number | null }>;
  designs: ReadonlyArray<{ id: string; conceptId: string; submittedAt: number | null; decidedAt: number | null }>;
  publications: ReadonlyArray<{ designId: string; at: number | null }>;
}

/** One measured run of a step. */
export interface StepInstance {
  step: StepNo;
  /** The month of the content the step worked on (YYYY-MM): a report attributes by it. */
  contentPeriod: string;
  /** What was measured: a period, a request, an approver's row, a design, a post. */
  ref: string;
  start: number;
  end: number;
  /** Working minutes; for step 6, the working minutes after the planned day (0 when on time). */
  minutes: number;
  /** Over the standard time (steps 1 to 5), or published after the planned day (step 6). */
  late: boolean;
}

/**
 * Measures every step the records show, each from its real start to its real end (the SOP_STEPS
 * texts in core/sop.ts say the same in words):
 *
 * 1. strategy: from the month's first strategy save to its last save before the month's plan was
 *    first submitted (or its last save, when nothing was submitted yet);
 * 2. plan: from the month's latest strategy save before the submission (a first version), or from
 *    the item's revision request (a resubmission), to the submission;
 * 3. and 5. approvals: each approver's turn, from its start to the decision (the minutes recorded
 *    in Persetujuan);
 * 4. design: from the plan item's approval to the design's submission;
 * 6. publication: against the planned date of the plan item: a post published on or before the
 *    planned day is on time; one published later is late, by the working minutes after that day.
 */
export function stepInstances(
  r: SlaRecords,
  standards: Readonly<Partial<Record<number, number>>>,
  minutesBetween: MinutesBetween,
  utcOffsetMinutes: number,
): StepInstance[] {
  const out: StepInstance[] = [];
  const late = (step: StepNo, minutes: number) => isOverdue(minutes, standards[step] ?? null);
  const push = (step: StepNo, contentPeriod: string, ref: string, start: number, end: number, recorded?: number | null) => {
    const minutes = recorded ?? Math.round(end > start ? minutesBetween(start, end) : 0);
    out.push({ step, contentPeriod, ref, start, end, minutes, late: late(step, minutes) });
  };
  const saves = new Map<string, number[]>();
  for (const s of r.strategySaves) {
    const list = saves.get(s.period) ?? [];
    list.push(s.at);
    saves.set(s.period, list);
  }
  const plans = r.requests.filter((q) => q.kind === 'konsep');

  // Step 1.
  for (const [period, list] of saves) {
    const firstSubmit = plans.filter((q) => q.period === period).reduce<number | null>((m, q) => (m === null || q.submittedAt < m ? q.submittedAt : m), null);
    const upTo = list.filter((at) => firstSubmit === null || at <= firstSubmit);
    if (!upTo.length) continue;
    push(1, period, period, Math.min(...upTo), Math.max(...upTo));
  }

  // Step 2, and the approvers' turns (steps 3 and 5).
  for (const q of r.requests) {
    if (q.kind === 'konsep') {
      const resubmitted = q.items.some((i) => i.version > 1);
      let start: number | null = null;
      if (resubmitted) {
        for (const earlier of plans) {
          if (earlier === q || earlier.submittedAt >= q.submittedAt) continue;
          for (const i of q.items) {
            const o = earlier.items.some((x) => x.id === i.id) ? itemOutcome(earlier, i.id) : null;
            if (o && o.decision === 'revise' && o.final.at <= q.submittedAt && (start === null || o.final.at > start)) start = o.final.at;
          }
        }
      } else {
        for (const at of saves.get(q.period) ?? []) if (at <= q.submittedAt && (start === null || at > start)) start = at;
      }
      if (start !== null) push(2, q.period, q.id, start, q.submittedAt);
    }
    for (const row of q.rows) {
      if (row.status !== 'Selesai' || row.startedAt === null || row.decidedAt === null) continue;
      push(approvalStep(q.kind), q.period, `${q.id}/${row.level}/${row.approver}`, row.startedAt, row.decidedAt, row.workingMinutes);
    }
  }

  // Step 4.
  const concepts = new Map(r.concepts.map((c) => [c.id, c]));
  const designs = new Map(r.designs.map((d) => [d.id, d]));
  for (const d of r.designs) {
    const c = concepts.get(d.conceptId);
    if (!c || d.submittedAt === null || c.decidedAt === null || c.decidedAt > d.submittedAt) continue;
    push(4, c.period, d.id, c.decidedAt, d.submittedAt);
  }

  // Step 6: against the planned day.
  for (const p of r.publications) {
    const d = designs.get(p.designId);
    const c = d ? concepts.get(d.conceptId) : undefined;
    if (!c || c.plannedAt === null || p.at === null) continue;
    const dayEnd = endOfLocalDay(c.plannedAt, utcOffsetMinutes);
    const after = p.at >= dayEnd;
    const minutes = after ? Math.round(minutesBetween(dayEnd, p.at)) : 0;
    out.push({ step: 6, contentPeriod: c.period, ref: p.designId, start: c.plannedAt, end: p.at, minutes, late: after });
  }
  return out;
}

/** The first instant after the local calendar day of `ms`. */
export function endOfLocalDay(ms: number, utcOffsetMinutes: number): number {
  const DAY = 86400000;
  const local = ms + utcOffsetMinutes * 60000;
  return local - (((local % DAY) + DAY) % DAY) + DAY - utcOffsetMinutes * 60000;
}

/** How each step is measured, in words, for the report and the panel (the same rules as stepInstances). */
export const STEP_MEASURES = defineMessages({
  1: {
    id: 'Langkah 1 (strategi): dari penyimpanan strategi pertama untuk bulan konten hingga penyimpanan terakhir sebelum konsep bulan itu diajukan.',
    en: "Step 1 (strategy): from the first save of the month's strategy to its last save before that month's plan was submitted.",
  },
  2: {
    id: 'Langkah 2 (konsep): dari strategi terakhir yang disimpan sebelum pengajuan (versi pertama), atau dari permintaan revisi (pengajuan ulang), hingga konsep diajukan.',
    en: 'Step 2 (plan): from the latest strategy save before the submission (a first version), or from the revision request (a resubmission), to the submission.',
  },
  3: {
    id: 'Langkah 3 (persetujuan konsep): setiap giliran penyetuju, dari dimulainya giliran hingga keputusannya.',
    en: "Step 3 (plan approval): each approver's turn, from its start to the decision.",
  },
  4: {
    id: 'Langkah 4 (desain): dari persetujuan konsep hingga desain diajukan.',
    en: "Step 4 (design): from the plan item's approval to the design's submission.",
  },
  5: {
    id: 'Langkah 5 (persetujuan desain): setiap giliran penyetuju, dari dimulainya giliran hingga keputusannya.',
    en: "Step 5 (design approval): each approver's turn, from its start to the decision.",
  },
  6: {
    id: 'Langkah 6 (publikasi): terhadap tanggal rencana tayang; terbit pada atau sebelum tanggal rencana berarti tepat waktu, terbit sesudahnya terlambat sebanyak menit kerja setelah tanggal rencana.',
    en: 'Step 6 (publication): against the planned date; a post published on or before the planned day is on time, one published later is late by the working minutes after that day.',
  },
});
