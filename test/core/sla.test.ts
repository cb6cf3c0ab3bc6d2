/**
 * The SLA boundary: a step is late only when it took strictly more working minutes than its
 * standard. Each place that shows lateness (the panel's stages, the Persetujuan SLA rows, the
 * report's compliance) is checked at exactly the standard and one minute past it, so a change of
 * the one comparison in core/sla.ts, or a caller that stops using it, turns these red.
 */
import { buildRequest, routeApprovers, slaRows } from '../../src/core/approval';
import { defaultCalendar } from '../../src/core/calendar';
import type { Person } from '../../src/core/people';
import { buildReportModel, ReportInput } from '../../src/core/report';
import { defaultSettings } from '../../src/core/settings';
import { isOverdue, measureStep, STEP_MEASURES, withinStandard } from '../../src/core/sla';
import { approvalStep, approvedStatus, DEFAULT_STANDARD_MINUTES, SOP_STEPS, STEPS, submitStep } from '../../src/core/sop';
import { stageOf } from '../../src/server/panel/stages';

const MIN = 60000;
const T0 = Date.UTC(2026, 2, 2, 2, 0); // Monday 09:00 WIB
const elapsed = (a: number, b: number) => (b - a) / MIN;
const STD = { ...DEFAULT_STANDARD_MINUTES };

describe('isOverdue: strictly more than the standard', () => {
  test('exactly the standard is on time; one minute more is late', () => {
    expect(isOverdue(30, 30)).toBe(false);
    expect(isOverdue(31, 30)).toBe(true);
    expect(isOverdue(29, 30)).toBe(false);
    expect(withinStandard(30, 30)).toBe(true);
    expect(withinStandard(31, 30)).toBe(false);
  });
  test('without a start or a standard nothing is late', () => {
    expect(isOverdue(null, 30)).toBe(false);
    expect(isOverdue(10000, null)).toBe(false);
  });
  test('measureStep rounds working minutes and reads the standard of its step', () => {
    expect(measureStep(3, T0, T0 + 30 * MIN + 20000, STD, elapsed)).toEqual({ step: 3, minutes: 30, standard: 30, overdue: false });
    expect(measureStep(3, T0, T0 + 30 * MIN + 40000, STD, elapsed)).toEqual({ step: 3, minutes: 31, standard: 30, overdue: true });
    expect(measureStep(6, null, T0, STD, elapsed)).toEqual({ step: 6, minutes: null, standard: 90, overdue: false });
  });
});

describe('the panel: where an item waits', () => {
  const concept = (submittedAt: number) => ({ id: 'K-1', status: 'Diajukan', platforms: ['X'], submittedAt, decidedAt: null });
  test('step 3 at exactly its standard is not overdue; a minute later it is', () => {
    expect(stageOf(concept(T0), [], STD, T0 + 30 * MIN, elapsed)).toMatchObject({ step: 3, minutes: 30, overdue: false });
    expect(stageOf(concept(T0), [], STD, T0 + 31 * MIN, elapsed)).toMatchObject({ step: 3, minutes: 31, overdue: true });
  });
  test('step 6 at exactly its standard (90) is not overdue', () => {
    const c = { id: 'K-1', status: 'Disetujui', platforms: ['X'], submittedAt: T0, decidedAt: T0 };
    const d = { conceptId: 'K-1', platform: 'X', status: 'Ditetapkan', submittedAt: T0, decidedAt: T0, published: false };
    expect(stageOf(c, [d], STD, T0 + 90 * MIN, elapsed)).toMatchObject({ step: 6, minutes: 90, overdue: false });
    expect(stageOf(c, [d], STD, T0 + 91 * MIN, elapsed)).toMatchObject({ step: 6, minutes: 91, overdue: true });
  });
});

const person = (email: string, role: Person['role']): Person => ({ email, name: email.split('@')[0], role, roleText: String(role), position: '', nip: '' });
const PEOPLE = [person('kasub@x.go.id', 'Kasubbag'), person('kabag@x.go.id', 'Kabag')];

function planRequest() {
  const r = routeApprovers('paralel', PEOPLE);
  if (!r.ok) throw new Error('routing');
  return buildRequest({ id: 'P-1', kind: 'konsep', period: '2026-03', policy: 'paralel', items: [{ id: 'K-1', version: 1 }], submittedBy: 's@x.go.id', now: T0, levels: r.levels, newNonce: () => 'n' });
}

describe('Persetujuan SLA rows (reminders and the red rows)', () => {
  test('a waiting approver at exactly the standard is not overdue; a minute later both are', () => {
    expect(slaRows([planRequest()], STD, T0 + 30 * MIN, elapsed).map((r) => [r.step, r.minutes, r.overdue])).toEqual([[3, 30, false], [3, 30, false]]);
    expect(slaRows([planRequest()], STD, T0 + 31 * MIN, elapsed).map((r) => r.overdue)).toEqual([true, true]);
  });
});

describe("the report's compliance", () => {
  function withDecisionTaking(workingMinutes: number) {
    const settings = defaultSettings();
    const at = Date.parse('2026-03-10T09:00:00+07:00');
    const req = planRequest();
    req.rows = req.rows.slice(0, 1).map((r) => ({ ...r, status: 'Selesai' as const, decidedAt: at, workingMinutes, decisions: { 'K-1': { decision: 'approve' as const, by: r.approver, at, via: 'panel' as const } } }));
    const input: ReportInput = {
      period: '2026-03', now: Date.parse('2026-04-02T09:00:00+07:00'), settings, people: PEOPLE, calendar: defaultCalendar(),
      strategy: [], concepts: [], designs: [], publications: [], insights: [], approvals: [req], log: [],
    };
    return buildReportModel(input).compliance.find((c) => c.step === 3);
  }
  test('a decision taking exactly the standard counts as within it', () => {
    expect(withDecisionTaking(30)).toMatchObject({ measured: 1, within: 1 });
    expect(withDecisionTaking(31)).toMatchObject({ measured: 1, within: 0 });
  });
});

describe('the SOP step table', () => {
  test('every step has actors, a standard, and a measure in both languages; the defaults add up to the SOP header total', () => {
    for (const s of STEPS) {
      expect(SOP_STEPS[s].no).toBe(s);
      expect(SOP_STEPS[s].actors.length).toBeGreaterThan(0);
      expect(STEP_MEASURES[s].id).toMatch(new RegExp(`^Langkah ${s} `));
      expect(STEP_MEASURES[s].en).toMatch(new RegExp(`^Step ${s} `));
    }
    expect(STEPS.reduce((n, s) => n + DEFAULT_STANDARD_MINUTES[s], 0)).toBe(7380);
  });
  test('plans are made in step 2 and decided in step 3; designs in 4 and 5; staff make, heads decide', () => {
    expect([submitStep('konsep'), approvalStep('konsep'), submitStep('desain'), approvalStep('desain')]).toEqual([2, 3, 4, 5]);
    expect([approvedStatus('konsep'), approvedStatus('desain')]).toEqual(['Disetujui', 'Ditetapkan']);
    for (const kind of ['konsep', 'desain'] as const) {
      expect(SOP_STEPS[submitStep(kind)].actors).toEqual(['PNS', 'PPNPN']);
      expect([...SOP_STEPS[approvalStep(kind)].actors].sort()).toEqual(['Kabag', 'Kasubbag']);
    }
  });
});
