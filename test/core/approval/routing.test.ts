/**
 * The routing policy at its boundaries: a level that has decided only part of a request keeps the
 * next level waiting (berurutan), while the parallel policy lets both levels work at once.
 */
import { applyDecisions, buildRequest, itemOutcome, laterLevelMayStart, pendingAtLevel, routeApprovers, ROUTING } from '../../../src/core/approval';
import type { Person } from '../../../src/core/people';
import type { ApprovalPolicy } from '../../../src/core/sop';

const person = (email: string, role: Person['role']): Person => ({ email, name: email.split('@')[0], role, roleText: String(role), position: '', nip: '' });
const PEOPLE: Person[] = [person('kasub@x.go.id', 'Kasubbag'), person('kabag@x.go.id', 'Kabag'), person('staf@x.go.id', 'PPNPN')];
const T0 = Date.UTC(2026, 2, 2, 2, 0);
const minutes = (a: number, b: number) => Math.round((b - a) / 60000);

function request(policy: ApprovalPolicy) {
  const r = routeApprovers(policy, PEOPLE);
  if (!r.ok) throw new Error('routing');
  let n = 0;
  return buildRequest({ id: 'P-1', kind: 'konsep', period: '2026-03', policy, items: [{ id: 'K-1', version: 1 }, { id: 'K-2', version: 1 }], submittedBy: 'staf@x.go.id', now: T0, levels: r.levels, newNonce: () => `n${++n}` });
}
const decide = (req: ReturnType<typeof request>, level: number, approver: string, itemId: string, at: number) =>
  applyDecisions(req, { level, approver, now: at, via: 'panel', decisions: [{ itemId, decision: 'approve' }] }, minutes);

describe('berurutan: a partial level-1 decision', () => {
  test('the Kasubbag decides one item of two: the Kabag still waits, and may not decide it yet', () => {
    const r1 = decide(request('berurutan'), 1, 'kasub@x.go.id', 'K-1', T0 + 10 * 60000);
    const [kasub, kabag] = r1.request.rows;
    expect(kasub).toMatchObject({ level: 1, status: 'Menunggu', workingMinutes: null });
    expect(kabag).toMatchObject({ level: 2, status: 'Belum Giliran', startedAt: null });
    expect(r1.started).toEqual([]);
    expect(r1.completedLevels).toEqual([]);
    expect(laterLevelMayStart(r1.request, 2)).toBe(false);
    expect(pendingAtLevel(r1.request, 1)).toEqual(['K-2']);
    // The Kabag's early attempt changes nothing.
    const early = decide(r1.request, 2, 'kabag@x.go.id', 'K-1', T0 + 11 * 60000);
    expect(early.applied).toEqual([]);
    expect(early.rejected).toEqual([{ itemId: 'K-1', reason: 'not-pending' }]);
    expect(itemOutcome(early.request, 'K-1')).toBeNull();
  });

  test('when the Kasubbag decides the second item, the Kabag’s turn starts with both, its clock from then', () => {
    const r1 = decide(request('berurutan'), 1, 'kasub@x.go.id', 'K-1', T0 + 10 * 60000);
    const r2 = decide(r1.request, 1, 'kasub@x.go.id', 'K-2', T0 + 20 * 60000);
    expect(r2.completedLevels).toEqual([1]);
    expect(r2.started.map((r) => r.approver)).toEqual(['kabag@x.go.id']);
    expect(r2.request.rows[0]).toMatchObject({ status: 'Selesai', workingMinutes: 20 });
    expect(r2.request.rows[1]).toMatchObject({ status: 'Menunggu', startedAt: T0 + 20 * 60000 });
    expect(pendingAtLevel(r2.request, 2)).toEqual(['K-1', 'K-2']);
  });
});

describe('paralel: levels at once', () => {
  test('the Kabag may decide before the Kasubbag; an item is final only when both approved', () => {
    const r1 = decide(request('paralel'), 2, 'kabag@x.go.id', 'K-1', T0 + 5 * 60000);
    expect(r1.applied.map((a) => a.itemId)).toEqual(['K-1']);
    expect(itemOutcome(r1.request, 'K-1')).toBeNull();
    const r2 = decide(r1.request, 1, 'kasub@x.go.id', 'K-1', T0 + 6 * 60000);
    expect(itemOutcome(r2.request, 'K-1')?.decision).toBe('approve');
  });
});

describe('the policy table', () => {
  test('reads as the settings note says: sequential Kasubbag then Kabag, parallel both, any-one either', () => {
    expect(ROUTING.berurutan).toEqual({ levels: [['Kasubbag'], ['Kabag']], inTurn: true, settles: 'every-level' });
    expect(ROUTING.paralel.inTurn).toBe(false);
    expect(ROUTING['salah-satu'].levels).toEqual([['Kasubbag', 'Kabag']]);
  });
});
