import { createHmac } from 'node:crypto';
import { ApprovalRequest, ApprovalRow, changedSinceDecision, contentFingerprint, formatKeputusan, FP_KEEP, parseKeputusan, rowSealState, sealRow, trustedRequest } from '../../../src/core/approval';

const mac = (m: string) => createHmac('sha256', 'kunci-pemilik').update(m).digest('hex');
const other = (m: string) => createHmac('sha256', 'kunci-lain').update(m).digest('hex');
const id = (i: number) => `K-${String(i + 1).padStart(5, '0')}`;

function request(n: number): { req: ApprovalRequest; row: ApprovalRow; fps: Map<string, string> } {
  const items = Array.from({ length: n }, (_, i) => ({ id: id(i), version: 1 }));
  const decisions: ApprovalRow['decisions'] = {};
  for (const it of items) decisions[it.id] = { decision: 'approve', by: 'kasubbag@mk.go.id', at: Date.UTC(2026, 3, 6, 3), via: 'tautan' };
  const row: ApprovalRow = { requestId: 'P-0001', level: 1, approver: 'kasubbag@mk.go.id', status: 'Selesai', startedAt: 0, decidedAt: 1, nonce: 'n', decisions, workingMinutes: 5, lastReminder: null };
  const fps = new Map(items.map((it) => [it.id, contentFingerprint({ activity: `Isi ${it.id}` }, mac)]));
  row.seal = sealRow({ id: 'P-0001', kind: 'konsep', items }, row, Object.fromEntries(fps), mac);
  const req: ApprovalRequest = { id: 'P-0001', kind: 'konsep', period: '2026-05', policy: 'berurutan', items, submittedBy: 'staf@mk.go.id', submittedAt: 0, rows: [row] };
  return { req, row, fps };
}

/** The row as the sheet gives it back: through its Keputusan cell. */
function roundTrip(req: ApprovalRequest, row: ApprovalRow): ApprovalRequest {
  const k = parseKeputusan(formatKeputusan(row));
  return { ...req, rows: [{ ...row, decisions: k.decisions, ...(k.seal ? { seal: k.seal } : { seal: undefined }) }] };
}

describe('the seal over a row of decisions', () => {
  it('holds through the Keputusan cell, for a month plan and for a row past FP_KEEP items (which fits a cell)', () => {
    for (const n of [3, FP_KEEP + 500]) {
      const { req, row } = request(n);
      const cell = formatKeputusan(row);
      expect(cell.length).toBeLessThan(50000 - 30000);
      const back = roundTrip(req, row);
      expect(rowSealState(back, back.rows[0], mac)).toBe('sealed');
      // Another key (a staff member's own) does not verify it.
      expect(rowSealState(back, back.rows[0], other)).toBe('broken');
    }
  });

  it('an edited decision, an added decision or a sealed row copied to another approver is broken, and trustedRequest drops it', () => {
    const { req, row } = request(3);
    const edited = roundTrip(req, { ...row, decisions: { ...row.decisions, [id(1)]: { ...row.decisions[id(1)], decision: 'revise', feedback: 'x' } } });
    expect(rowSealState(edited, edited.rows[0], mac)).toBe('broken');
    const added = roundTrip({ ...req, items: [...req.items, { id: 'K-09999', version: 1 }] }, { ...row, decisions: { ...row.decisions, 'K-09999': row.decisions[id(0)] } });
    expect(rowSealState(added, added.rows[0], mac)).toBe('broken');
    const moved = roundTrip(req, { ...row, approver: 'kabag@mk.go.id', level: 2 });
    expect(rowSealState(moved, moved.rows[0], mac)).toBe('broken');
    const t = trustedRequest(edited, mac);
    expect(t.untrusted.map((u) => ({ ...u, items: [...u.items].sort() }))).toEqual([{ level: 1, approver: 'kasubbag@mk.go.id', state: 'broken', items: [id(0), id(1), id(2)] }]);
    expect(t.request.rows[0].decisions).toEqual({});
  });

  it('names the item whose content changed; past FP_KEEP a change flags the aggregated items', () => {
    const small = request(3);
    const now = new Map(small.fps);
    now.set(id(1), contentFingerprint({ activity: 'Isi lain' }, mac));
    expect(changedSinceDecision(roundTrip(small.req, small.row), now, mac).map((c) => c.itemId)).toEqual([id(1)]);
    expect(changedSinceDecision(roundTrip(small.req, small.row), small.fps, mac)).toEqual([]);
    const big = request(FP_KEEP + 3);
    const back = roundTrip(big.req, big.row);
    expect(changedSinceDecision(back, big.fps, mac)).toEqual([]);
    const later = new Map(big.fps);
    later.set(id(FP_KEEP + 1), contentFingerprint({ activity: 'Isi lain' }, mac));
    expect(changedSinceDecision(back, later, mac).map((c) => c.itemId)).toEqual([id(FP_KEEP), id(FP_KEEP + 1), id(FP_KEEP + 2)]);
  });
});
