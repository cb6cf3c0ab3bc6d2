/**
 * Where each plan item of a month stands, and whether its current SOP step is over the standard
 * time. Pure: the working-minutes function comes in as a parameter.
 *
 * A plan item waits in
 *   step 2 while it is a draft (no clock: drafting has no start mark) or sent back (clock from
 *          the revision request);
 *   step 3 while it is submitted (clock from the submission);
 *   step 4 once approved, until every platform has a submitted or approved design (clock from
 *          the approval);
 *   step 5 while any of its designs is submitted (clock from the earliest waiting submission);
 *   step 6 once every design is approved, until each is published (clock from the last design
 *          approval);
 *   done   when every platform's design is published.
 */
import type { PanelStage } from '../../shared/contract';
import { measureStep } from '../../core/sla';
import { designsAllowedFor, isSubmittable } from '../../core/sop';

export interface StageConcept {
  id: string;
  status: string;
  platforms: readonly string[];
  submittedAt: number | null;
  decidedAt: number | null;
}

export interface StageDesign {
  conceptId: string;
  platform: string;
  status: string;
  submittedAt: number | null;
  decidedAt: number | null;
  published: boolean;
}

export function stageOf(
  c: StageConcept,
  designs: readonly StageDesign[],
  standard: Readonly<Record<number, number>>,
  now: number,
  minutes: (from: number, to: number) => number,
): PanelStage {
  const at = (step: 2 | 3 | 4 | 5 | 6, since: number | null): PanelStage => {
    const m = measureStep(step, since, now, standard, minutes);
    return {
      conceptId: c.id,
      step,
      since: since === null ? null : new Date(since).toISOString(),
      minutes: m.minutes,
      standardMinutes: m.standard,
      overdue: m.overdue,
      done: false,
    };
  };
  const status = c.status || 'Draf';
  if (status === 'Draf') return at(2, null);
  if (status === 'Perlu Revisi') return at(2, c.decidedAt);
  if (status === 'Diajukan') return at(3, c.submittedAt);
  if (!designsAllowedFor(status)) return at(2, null);

  const mine = designs.filter((d) => d.conceptId === c.id);
  const byPlatform = c.platforms.map((p) => mine.find((d) => d.platform === p) ?? null);
  if (byPlatform.some((d) => d === null || isSubmittable(d.status) || d.status === '')) {
    // Still designing; a design sent back restarts the clock from the revision request.
    const revised = mine.filter((d) => d.status === 'Perlu Revisi' && d.decidedAt !== null).map((d) => d.decidedAt as number);
    const since = revised.length ? Math.max(c.decidedAt ?? 0, ...revised) : c.decidedAt;
    return at(4, since || null);
  }
  const waiting = mine.filter((d) => d.status === 'Diajukan');
  if (waiting.length) {
    const starts = waiting.map((d) => d.submittedAt).filter((x): x is number => x !== null);
    return at(5, starts.length ? Math.min(...starts) : null);
  }
  const designsOfPlan = byPlatform as StageDesign[];
  if (designsOfPlan.some((d) => !d.published)) {
    const decided = designsOfPlan.map((d) => d.decidedAt).filter((x): x is number => x !== null);
    return at(6, decided.length ? Math.max(...decided) : null);
  }
  return { conceptId: c.id, step: null, since: null, minutes: null, standardMinutes: null, overdue: false, done: true };
}
