import fc from 'fast-check';
import {
  applyDecisions,
  ApprovalRequest,
  buildDigestMail,
  buildOutcomeMail,
  buildRequest,
  buildRequestMail,
  DecisionInput,
  formatKeputusan,
  formatObjek,
  itemOutcome,
  journalEffects,
  journalOf,
  planItemRepairs,
  repairRowStatuses,
  withJournal,
  ItemView,
  levelDecision,
  parseKeputusan,
  parseObjek,
  pendingAtLevel,
  routeApprovers,
  selectDigests,
  slaRows,
  validateConceptRows,
} from '../../../src/core/approval';
import type { Person } from '../../../src/core/people';
import type { ApprovalPolicy } from '../../../src/core/sop';
import { PLATFORMS } from '../../../src/core/platforms';


const person = (email: string, role: Person['role']): Person => ({ email, name: email.split('@')[0], role, roleText: String(role), position: '', nip: '' });
const PEOPLE: Person[] = [person('kasub@x.go.id', 'Kasubbag'), person('kabag@x.go.id', 'Kabag'), person('staf@x.go.id', 'PNS')];
const T0 = Date.UTC(2026, 2, 2, 2, 0); // Monday 09:00 WIB
const minutes = (a: number, b: number) => Math.round((b - a) / 60000);

function request(policy: ApprovalPolicy, ids = ['K-0001', 'K-0002'], people = PEOPLE): ApprovalRequest {
  const r = routeApprovers(policy, people);
  if (!r.ok) throw new Error('routing');
  let n = 0;
  return buildRequest({ id: 'P-0001', kind: 'konsep', period: '2026-03', policy, items: ids.map((id) => ({ id, version: 1 })), submittedBy: 'staf@x.go.id', now: T0, levels: r.levels, newNonce: () => `n${++n}` });
}

describe('routing', () => {
  it('sequential: Kasubbag first, Kabag waits its turn', () => {
    const req = request('berurutan');
    expect(req.rows.map((r) => [r.level, r.approver, r.status])).toEqual([
      [1, 'kasub@x.go.id', 'Menunggu'],
      [2, 'kabag@x.go.id', 'Belum Giliran'],
    ]);
  });
  it('parallel: both at once; any-one: one level with both', () => {
    expect(request('paralel').rows.map((r) => r.status)).toEqual(['Menunggu', 'Menunggu']);
    expect(request('salah-satu').rows.map((r) => [r.level, r.status])).toEqual([
      [1, 'Menunggu'],
      [1, 'Menunggu'],
    ]);
  });
  it('missing approvers are named', () => {
    expect(routeApprovers('berurutan', [PEOPLE[0], PEOPLE[2]])).toEqual({ ok: false, missing: ['Kabag'] });
    expect(routeApprovers('salah-satu', [PEOPLE[2]])).toEqual({ ok: false, missing: ['Kasubbag', 'Kabag'] });
  });
});

describe('applying decisions', () => {
  it('sequential: level 2 starts after level 1, with only the approved items', () => {
    const req = request('berurutan');
    const r1 = applyDecisions(req, { level: 1, approver: 'kasub@x.go.id', now: T0 + 60 * 60000, via: 'tautan', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'revise', feedback: 'Ganti judul' }] }, minutes);
    expect(r1.completedLevels).toEqual([1]);
    expect(r1.started.map((r) => r.approver)).toEqual(['kabag@x.go.id']);
    expect(r1.finalized).toEqual([{ itemId: 'K-0002', outcome: 'revise', feedback: 'Ganti judul', by: 'kasub@x.go.id', at: T0 + 3600000 }]);
    expect(pendingAtLevel(r1.request, 2)).toEqual(['K-0001']);
    expect(r1.request.rows[0]).toMatchObject({ status: 'Selesai', workingMinutes: 60 });
    const r2 = applyDecisions(r1.request, { level: 2, approver: 'kabag@x.go.id', now: T0 + 2 * 3600000, via: 'panel', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] }, minutes);
    expect(r2.applied.map((a) => a.itemId)).toEqual(['K-0001']);
    expect(r2.rejected).toEqual([{ itemId: 'K-0002', reason: 'decided', by: 'kasub@x.go.id', at: T0 + 3600000, decision: 'revise' }]);
    expect(itemOutcome(r2.request, 'K-0001')?.decision).toBe('approve');
    expect(r2.request.rows[1]).toMatchObject({ status: 'Selesai', workingMinutes: 60 });
  });

  it('sequential: everything revised at level 1 never reaches level 2', () => {
    const r = applyDecisions(request('berurutan', ['K-0001']), { level: 1, approver: 'kasub@x.go.id', now: T0, via: 'tautan', decisions: [{ itemId: 'K-0001', decision: 'revise', feedback: 'x' }] }, minutes);
    expect(r.started).toEqual([]);
    expect(r.request.rows[1].status).toBe('Dibatalkan');
  });

  it('a revision needs feedback; unknown items and second decisions are refused', () => {
    const req = request('paralel');
    const r = applyDecisions(req, { level: 1, approver: 'kasub@x.go.id', now: T0, via: 'tautan', decisions: [{ itemId: 'K-0001', decision: 'revise', feedback: '   ' }, { itemId: 'K-9', decision: 'approve' }] }, minutes);
    expect(r.applied).toEqual([]);
    expect(r.rejected.map((x) => x.reason)).toEqual(['feedback-needed', 'unknown-item']);
    const once = applyDecisions(req, { level: 1, approver: 'kasub@x.go.id', now: T0, via: 'tautan', decisions: [{ itemId: 'K-0001', decision: 'approve' }] }, minutes);
    const twice = applyDecisions(once.request, { level: 1, approver: 'kasub@x.go.id', now: T0 + 1, via: 'tautan', decisions: [{ itemId: 'K-0001', decision: 'revise', feedback: 'no' }] }, minutes);
    expect(twice.applied).toEqual([]);
    expect(levelDecision(twice.request, 1, 'K-0001')?.decision).toBe('approve');
  });

  it('parallel: a revision at either level settles the item; approval needs both', () => {
    const req = request('paralel');
    const a = applyDecisions(req, { level: 2, approver: 'kabag@x.go.id', now: T0, via: 'panel', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'revise', feedback: 'f' }] }, minutes);
    expect(a.finalized.map((f) => f.itemId)).toEqual(['K-0002']);
    expect(itemOutcome(a.request, 'K-0001')).toBeNull();
    const b = applyDecisions(a.request, { level: 1, approver: 'kasub@x.go.id', now: T0 + 5, via: 'panel', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] }, minutes);
    expect(b.applied.map((x) => x.itemId)).toEqual(['K-0001']);
    expect(itemOutcome(b.request, 'K-0001')?.decision).toBe('approve');
  });

  it('any-one: the first approver decides; the other row closes', () => {
    const r = applyDecisions(request('salah-satu'), { level: 1, approver: 'kabag@x.go.id', now: T0, via: 'tautan', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] }, minutes);
    expect(r.request.rows.map((x) => x.status)).toEqual(['Dibatalkan', 'Selesai']);
    const late = applyDecisions(r.request, { level: 1, approver: 'kasub@x.go.id', now: T0 + 1, via: 'tautan', decisions: [{ itemId: 'K-0001', decision: 'revise', feedback: 'f' }] }, minutes);
    expect(late.rejected[0]).toMatchObject({ reason: 'decided', by: 'kabag@x.go.id' });
  });

  it('property: any sequence of decisions leaves at most one decision per item and level, and outcomes never change once final', () => {
    const policies: ApprovalPolicy[] = ['berurutan', 'paralel', 'salah-satu'];
    const approvers = ['kasub@x.go.id', 'kasub2@x.go.id', 'kabag@x.go.id'];
    const people = [...PEOPLE, person('kasub2@x.go.id', 'Kasubbag')];
    const ids = ['K-0001', 'K-0002', 'K-0003'];
    const step = fc.record({
      approver: fc.constantFrom(...approvers),
      level: fc.constantFrom(1, 2),
      decisions: fc.array(fc.record({ itemId: fc.constantFrom(...ids, 'K-0009'), decision: fc.constantFrom<'approve' | 'revise'>('approve', 'revise'), feedback: fc.constantFrom('', 'ok', '<b>x</b>') }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...policies), fc.array(step, { maxLength: 12 }), (policy, steps) => {
        let req = request(policy, ids, people);
        const finals = new Map<string, string>();
        let t = T0;
        for (const s of steps) {
          const res = applyDecisions(req, { level: s.level, approver: s.approver, now: (t += 60000), via: 'panel', decisions: s.decisions as DecisionInput[] }, minutes);
          req = res.request;
          // exactly one decision per item and level
          for (const lv of [1, 2]) {
            for (const id of ids) {
              const n = req.rows.filter((r) => r.level === lv && r.decisions[id]).length;
              expect(n).toBeLessThanOrEqual(1);
            }
          }
          for (const id of ids) {
            const o = itemOutcome(req, id);
            if (finals.has(id)) expect(o?.decision).toBe(finals.get(id));
            else if (o) finals.set(id, o.decision);
          }
          for (const f of res.finalized) expect(finals.get(f.itemId)).toBe(f.outcome);
          // a row waits only while it has something to decide
          for (const r of req.rows) if (r.status === 'Menunggu') expect(pendingAtLevel(req, r.level).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('cells', () => {
  it('Keputusan and Objek round-trip', () => {
    const decisions = { 'K-0001': { decision: 'revise' as const, by: 'a@x.go.id', at: T0, via: 'tautan' as const, feedback: '=HYPERLINK("x")' } };
    expect(parseKeputusan(formatKeputusan({ nonce: 'abc', decisions }))).toEqual({ nonce: 'abc', decisions });
    expect(parseKeputusan('not json')).toEqual({ nonce: '', decisions: {} });
    expect(parseObjek(formatObjek([{ id: 'K-0001', version: 2 }, { id: 'D-0003', version: 1 }]))).toEqual([{ id: 'K-0001', version: 2 }, { id: 'D-0003', version: 1 }]);
  });
});

describe('validation', () => {
  it('lists every problem of every row', () => {
    const rows = [
      { row: 2, id: 'K-0001', date: '2026-03-05', dateText: '', activity: 'Sidang', platforms: 'Instagram, X', pic: 'staf@x.go.id' },
      { row: 3, id: 'K-0002', date: '2026-04-01', dateText: '1 April 2026', activity: '', platforms: 'Friendster', pic: 'nobody' },
      { row: 4, id: 'K-0003', date: null, dateText: '', activity: 'x', platforms: '', pic: 'who@x.go.id' },
    ];
    const problems = validateConceptRows(rows, '2026-03', PEOPLE, PLATFORMS, 'id');
    expect(problems.map((p) => `${p.row}:${p.field}`)).toEqual(['3:Rencana Tayang', '3:Kegiatan/Informasi', '3:Platform', '3:PIC', '4:Rencana Tayang', '4:Platform', '4:PIC']);
    expect(problems[0].message).toContain('Maret 2026');
    expect(problems[2].message).toContain('Friendster');
  });
});

describe('reminders and SLA', () => {
  it('one digest per person; escalation to the Kabag of what waits at the Kasubbag', () => {
    const req = request('berurutan');
    const opts = { now: T0 + 8 * 3600000, reminderAfter: 30, escalateAfter: 240, minutesBetween: minutes, sentToday: () => false };
    const d = selectDigests([req, { ...request('berurutan'), id: 'P-0002' }], PEOPLE, opts);
    expect(d.map((x) => [x.to, x.own.length, x.escalated.length])).toEqual([
      ['kasub@x.go.id', 2, 0],
      ['kabag@x.go.id', 0, 2],
    ]);
    expect(selectDigests([req], PEOPLE, { ...opts, sentToday: (e) => e === 'kasub@x.go.id' }).map((x) => x.to)).toEqual(['kabag@x.go.id']);
    expect(selectDigests([req], PEOPLE, { ...opts, now: T0 + 10 * 60000 })).toEqual([]);
  });
  it('marks rows over the standard time', () => {
    const rows = slaRows([request('paralel')], { 3: 30, 5: 30 }, T0 + 31 * 60000, minutes);
    expect(rows.map((r) => [r.minutes, r.overdue])).toEqual([
      [31, true],
      [31, true],
    ]);
  });
});

describe('mail content', () => {
  const evil = '<script>alert(1)</script>&"\'';
  const item: ItemView = { id: 'K-0001', version: 1, kind: 'konsep', status: 'Diajukan', date: T0, activity: evil, platforms: 'Instagram', pic: 'staf@x.go.id', picName: evil };
  it('escapes user text in HTML and keeps it in text', () => {
    const m = buildRequestMail({ lang: 'id', requestId: 'P-0001', kind: 'konsep', period: '2026-03', policy: 'berurutan', level: 1, levels: 2, approverName: evil, submitterName: evil, items: [item], reviewUrl: 'https://s/exec?t=a.b', workbookUrl: 'https://docs/x', expiresAt: T0 });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(m.text).toContain('<script>alert(1)</script>');
    expect(m.html).toContain('href="https://s/exec?t=a.b"');
    expect(m.subject).toBe('[Siaran] Mohon persetujuan konsep konten Maret 2026 (1 item) – P-0001');
    const design: ItemView = { id: 'D-0001', version: 1, kind: 'desain', status: 'Diajukan', link: 'javascript:alert(1)', copy: evil, copyCheck: 'OK' };
    const d = buildRequestMail({ lang: 'en', requestId: 'P-2', kind: 'desain', period: '2026-03', policy: 'paralel', level: 1, levels: 2, approverName: 'A', submitterName: 'B', items: [design], reviewUrl: 'https://s', workbookUrl: 'https://w', expiresAt: T0 });
    expect(d.html).not.toContain('href="javascript');
    const o = buildOutcomeMail({ lang: 'id', requestId: 'P-1', kind: 'konsep', period: '2026-03', submitterName: 'S', workbookUrl: 'https://w', items: [{ ...item, outcome: 'revise', decidedBy: 'K', feedback: evil }] });
    expect(o.html).not.toContain('<script>');
    expect(o.text).toContain(evil);
    const g = buildDigestMail({ lang: 'id', name: evil, own: [{ requestId: 'P-1', kind: 'konsep', period: '2026-03', level: 1, waitedMinutes: 90 }], escalated: [], workbookUrl: 'https://w' });
    expect(g.html).not.toContain('<script>');
    expect(g.text).toContain('1 jam 30 menit');
  });
});

describe('journal: finishing an action cut mid-way', () => {
  const T1 = T0 + 3600000;

  it('the marker travels in the Keputusan cell and is gone once cleared', () => {
    const req = withJournal(request('berurutan'), { act: 'ajukan', at: T0, user: 'staf@x.go.id' });
    const cell = formatKeputusan(req.rows[0]);
    expect(JSON.parse(cell).jurnal).toEqual({ act: 'ajukan', at: new Date(T0).toISOString(), user: 'staf@x.go.id' });
    const back = parseKeputusan(cell);
    expect(back.journal).toEqual({ act: 'ajukan', at: T0, user: 'staf@x.go.id' });
    expect(journalOf({ ...req, rows: req.rows.map((r, i) => ({ ...r, ...(i ? {} : { journal: back.journal }) })) })).toEqual(back.journal);
    const cleared = withJournal(req, null);
    expect(journalOf(cleared)).toBeNull();
    expect(formatKeputusan(cleared.rows[0])).toBe(formatKeputusan(request('berurutan').rows[0]));
    // A broken marker is no marker (the row still reads).
    expect(parseKeputusan(cell.replace('"ajukan"', '"hapus"')).journal).toBeUndefined();
  });

  it('journalEffects reads back exactly what applyDecisions reported (random decisions, every policy)', () => {
    fc.assert(
      fc.property(fc.constantFrom<ApprovalPolicy>('berurutan', 'paralel', 'salah-satu'), fc.array(fc.constantFrom<'approve' | 'revise'>('approve', 'revise'), { minLength: 1, maxLength: 4 }), (policy, ds) => {
        const ids = ds.map((_, i) => `K-000${i + 1}`);
        const req = request(policy, ids);
        const row = req.rows[0];
        const input = { level: row.level, approver: row.approver, now: T1, via: 'tautan' as const, decisions: ds.map((d, i) => ({ itemId: ids[i], decision: d, feedback: d === 'revise' ? 'ubah' : undefined })) };
        const r = applyDecisions(req, input, minutes);
        const j = { act: 'putuskan' as const, at: T1, user: row.approver, approver: row.approver, level: row.level, via: 'tautan' as const };
        const eff = journalEffects(withJournal(r.request, j), j);
        expect(eff.applied.map((a) => [a.itemId, a.decision])).toEqual(r.applied.map((a) => [a.itemId, a.decision]));
        expect(eff.finalized).toEqual(r.finalized);
        expect(eff.started.map((x) => [x.level, x.approver])).toEqual(r.started.map((x) => [x.level, x.approver]));
        expect(eff.completedLevels).toEqual(r.completedLevels);
      }),
      { numRuns: 200 },
    );
  });

  it('planItemRepairs: a decided item left Diajukan rolls forward; an item no request holds goes back', () => {
    const req = request('salah-satu', ['K-0001', 'K-0002']);
    const decided = applyDecisions(req, { level: 1, approver: 'kasub@x.go.id', now: T1, via: 'panel', decisions: [{ itemId: 'K-0001', decision: 'revise', feedback: 'judul' }] }, minutes).request;
    const items = [
      { id: 'K-0001', version: 1, status: 'Diajukan', feedback: '' },
      { id: 'K-0002', version: 1, status: 'Diajukan', feedback: '' },
      { id: 'K-0003', version: 1, status: 'Diajukan', feedback: '' },
      { id: 'K-0004', version: 3, status: 'Diajukan', feedback: 'foto' },
      { id: 'K-0005', version: 1, status: 'Draf', feedback: '' },
    ];
    expect(planItemRepairs([decided], items)).toEqual([
      { kind: 'forward', itemId: 'K-0001', requestId: 'P-0001', version: 1, outcome: 'revise', feedback: 'judul', at: T1, by: 'kasub@x.go.id' },
      { kind: 'revert', itemId: 'K-0003', version: 1, to: 'Draf' },
      { kind: 'revert', itemId: 'K-0004', version: 2, to: 'Perlu Revisi' },
    ]);
    // A request still being written (journal marker) is left to the journal repair.
    expect(planItemRepairs([withJournal(decided, { act: 'putuskan', at: T1, user: 'kasub@x.go.id', approver: 'kasub@x.go.id', level: 1, via: 'panel' })], items.slice(0, 2))).toEqual([]);
  });

  it('repairRowStatuses reopens a "Selesai" row without decisions and leaves sound requests alone', () => {
    const req = request('berurutan');
    expect(repairRowStatuses(req)).toBeNull();
    const broken: ApprovalRequest = { ...req, rows: req.rows.map((r, i) => (i === 0 ? { ...r, status: 'Selesai' as const, decidedAt: T1, workingMinutes: 60 } : r)) };
    const fixed = repairRowStatuses(broken);
    expect(fixed?.rows[0]).toMatchObject({ status: 'Menunggu', decidedAt: null, workingMinutes: null });
    expect(broken.rows[0].status).toBe('Selesai');
    const done = applyDecisions(req, { level: 1, approver: 'kasub@x.go.id', now: T1, via: 'panel', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] }, minutes).request;
    expect(repairRowStatuses(done)).toBeNull();
  });
});
