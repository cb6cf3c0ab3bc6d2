/**
 * The SLA clock: how long an SOP step took, in working minutes, and whether it is over its
 * standard time (Mutu Baku). The panel (where each item waits), the approvals (reminders and the
 * SLA rows of Persetujuan) and the monthly report (compliance per step) all ask here, so the rule
 * "late means strictly more than the standard" lives in one function.
 *
 * What starts and ends each step is described in SOP_STEPS (core/sop.ts). Working minutes come from
 * core/calendar.ts (workingMinutesBetween), passed in as a function so this module stays pure.
 */
import type { StepNo } from './sop';

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
