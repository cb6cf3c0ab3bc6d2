/**
 * The report's measures as the Kabag who signs it reads them: a month planned and approved weeks
 * ahead and published on the planned dates is on time; its approval rounds are listed although
 * they were decided in an earlier month; a month not yet ended is interim and compares like with like.
 */
import type { ApprovalRequest } from '../../../src/core/approval';
import { defaultCalendar } from '../../../src/core/calendar';
import type { Person } from '../../../src/core/people';
import { buildReportModel, draftConclusions, formatReportNumber, ReportInput, reportLayout, reportRunningNumber } from '../../../src/core/report';
import { defaultSettings } from '../../../src/core/settings';

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const KABAG = 'kabag@mk.example.id';
const KASUB = 'kasub@mk.example.id';
const people: Person[] = [
  { email: KABAG, name: 'Kabag', role: 'Kabag', roleText: 'Kabag', position: 'Kepala Bagian', nip: '1' },
  { email: KASUB, name: 'Kasub', role: 'Kasubbag', roleText: 'Kasubbag', position: '', nip: '' },
];
const d = (at: string, by: string, decision: 'approve' | 'revise' = 'approve') => ({ decision, by, at: wib(at), via: 'tautan' as const, ...(decision === 'revise' ? { feedback: 'Perbaiki' } : {}) });

/** February's plan: sent back once in December, approved in January; designs approved in January. */
function february(now: string): ReportInput {
  const settings = defaultSettings();
  const approvals: ApprovalRequest[] = [
    { id: 'R-1', kind: 'konsep', period: '2027-02', policy: 'berurutan', submittedBy: 's@mk.example.id', submittedAt: wib('2026-12-14T09:00'), items: [{ id: 'K-1', version: 1 }, { id: 'K-2', version: 1 }],
      rows: [
        { requestId: 'R-1', level: 1, approver: KASUB, status: 'Selesai', startedAt: wib('2026-12-14T09:00'), decidedAt: wib('2026-12-14T09:20'), nonce: 'a', workingMinutes: 20, lastReminder: null, decisions: { 'K-1': d('2026-12-14T09:20', KASUB), 'K-2': d('2026-12-14T09:20', KASUB, 'revise') } },
        { requestId: 'R-1', level: 2, approver: KABAG, status: 'Selesai', startedAt: wib('2026-12-14T09:20'), decidedAt: wib('2026-12-14T09:40'), nonce: 'b', workingMinutes: 20, lastReminder: null, decisions: { 'K-1': d('2026-12-14T09:40', KABAG) } },
      ] },
    { id: 'R-2', kind: 'konsep', period: '2027-02', policy: 'berurutan', submittedBy: 's@mk.example.id', submittedAt: wib('2026-12-15T09:00'), items: [{ id: 'K-2', version: 2 }],
      rows: [
        { requestId: 'R-2', level: 1, approver: KASUB, status: 'Selesai', startedAt: wib('2026-12-15T09:00'), decidedAt: wib('2026-12-15T09:10'), nonce: 'c', workingMinutes: 10, lastReminder: null, decisions: { 'K-2': d('2026-12-15T09:10', KASUB) } },
        { requestId: 'R-2', level: 2, approver: KABAG, status: 'Selesai', startedAt: wib('2026-12-15T09:10'), decidedAt: wib('2026-12-15T09:30'), nonce: 'd', workingMinutes: 20, lastReminder: null, decisions: { 'K-2': d('2026-12-15T09:30', KABAG) } },
      ] },
  ];
  return {
    period: '2027-02', now: wib(now), settings, people, calendar: defaultCalendar(),
    strategy: [{ period: '2027-02', platform: 'Instagram', directions: 'Putusan', at: wib('2026-12-10T09:00') }],
    concepts: [
      { id: 'K-1', period: '2027-02', plannedAt: wib('2027-02-03T00:00'), activity: 'Putusan', platforms: 'Instagram', status: 'Disetujui', version: 1, submittedAt: wib('2026-12-14T09:00'), decidedAt: wib('2026-12-14T09:40') },
      { id: 'K-2', period: '2027-02', plannedAt: wib('2027-02-10T00:00'), activity: 'Sidang', platforms: 'X', status: 'Disetujui', version: 2, submittedAt: wib('2026-12-15T09:00'), decidedAt: wib('2026-12-15T09:30') },
    ],
    designs: [
      { id: 'D-1', conceptId: 'K-1', platform: 'Instagram', title: 'Putusan', status: 'Ditetapkan', version: 1, submittedAt: wib('2027-01-05T09:00'), decidedAt: wib('2027-01-06T09:00') },
      { id: 'D-2', conceptId: 'K-2', platform: 'X', title: 'Sidang', status: 'Ditetapkan', version: 1, submittedAt: wib('2027-01-05T09:00'), decidedAt: wib('2027-01-06T09:00') },
    ],
    publications: [
      { designId: 'D-1', platform: 'Instagram', at: wib('2027-02-03T15:00'), link: 'https://www.instagram.com/p/A/' },
      { designId: 'D-2', platform: 'X', at: wib('2027-02-10T08:00'), link: 'https://x.com/mk/status/1' },
    ],
    insights: [
      { period: '2027-01', platform: 'Instagram', date: '2027-01-02', link: '', reach: 100, views: null, impressions: null, engagement: 10, followers: null, source: '', key: 'Instagram|daily|reach|2027-01-02' },
      { period: '2027-01', platform: 'Instagram', date: '2027-01-20', link: '', reach: 900, views: null, impressions: null, engagement: 90, followers: null, source: '', key: 'Instagram|daily|reach|2027-01-20' },
      { period: '2027-02', platform: 'Instagram', date: '2027-02-02', link: '', reach: 120, views: null, impressions: null, engagement: 12, followers: null, source: '', key: 'Instagram|daily|reach|2027-02-02' },
    ],
    approvals,
    log: [],
  };
}

describe('a month planned and approved early, published on the planned dates', () => {
  const m = buildReportModel(february('2027-03-02T09:00'));
  test('step 6 is 100% on time, measured against the planned day, not the approval weeks earlier', () => {
    expect(m.compliance.find((c) => c.step === 6)).toMatchObject({ measured: 2, within: 2, medianMinutes: 0, rate: 1 });
    expect(draftConclusions(m).suggestions.join(' ')).not.toMatch(/langkah 6/);
  });
  test("the report lists the content's approval rounds, decided in December, with the revision round", () => {
    expect(m.rounds.map((r) => [r.requestId, r.items, r.approved, r.revised])).toEqual([['R-1', 2, 1, 1], ['R-2', 1, 1, 0]]);
    expect(m.contentApprovals).toMatchObject({ decided: 3, approved: 2, revisions: 1 });
    expect(m.approvals.decided).toBe(0);
    // Steps 2 to 4 are measured for February's content although they ran in December and January
    // (no design went through a request in this fixture, so step 5 has nothing).
    expect(m.compliance.filter((c) => c.step >= 2 && c.step <= 5).map((c) => c.measured)).toEqual([2, 4, 2, 0]);
    const text = reportLayout(m).filter((b) => b.t === 'p').map((b) => (b as { text: string }).text).join('\n');
    expect(text).toContain('a. Konten bulan Februari 2027 (kapan pun diputuskan): 2 putaran pengajuan; 3 butir telah diputuskan, 2 disetujui dan 1 dikembalikan untuk revisi.');
    expect(text).toContain('b. Tidak ada keputusan persetujuan yang diambil selama bulan Februari 2027.');
  });
  test('the resubmission is measured from the revision request (step 2), not from the strategy', () => {
    // K-2 was sent back by the Kasubbag on Mon 14 Dec 09:20 and resubmitted Tue 15 Dec 09:00.
    const step2 = m.compliance.find((c) => c.step === 2);
    // strategy Thu 10 Dec 09:00 -> Mon 14 Dec 09:00: 360 (Thu) + 450 (Fri) + 90 (Mon) = 900.
    // Mon 14 Dec 09:20 -> Tue 15 Dec 09:00: 160 + 180 (Mon) + 90 (Tue) = 430. Median 665.
    expect(step2).toMatchObject({ measured: 2, maxMinutes: 900, medianMinutes: 665 });
  });
});

describe('a month that has not ended', () => {
  const m = buildReportModel(february('2027-02-02T12:00'));
  test('is interim (SEMENTARA) on its title, and compares the same days of the previous month', () => {
    expect(m.interim).toBe(true);
    expect(m.throughDay).toBe(2);
    const ig = m.insights.find((x) => x.platform === 'Instagram');
    // January 1-2 had reach 100; the 900 of 20 January is not compared with two days of February.
    expect(ig?.prev?.reach).toBe(100);
    expect(ig?.change.reach).toBeCloseTo(0.2);
    const title = reportLayout(m).find((b) => b.t === 'title');
    expect(title && title.t === 'title' && title.lines[5]).toBe('SEMENTARA — data sampai dengan 2 Februari 2027');
  });
  test('a closed month compares whole months', () => {
    const closed = buildReportModel(february('2027-03-01T09:00'));
    expect(closed.interim).toBe(false);
    expect(closed.insights.find((x) => x.platform === 'Instagram')?.prev?.reach).toBe(1000);
  });
});

describe('the report number (Nomor)', () => {
  test('runs per year in the order months were first reported; a rebuilt month keeps its number', () => {
    const built = [
      { period: '2026-11', at: wib('2026-12-02T09:00') },
      { period: '2026-10', at: wib('2026-11-03T09:00') },
      { period: '2026-11', at: wib('2026-12-05T09:00') },
      { period: '2025-12', at: wib('2026-01-05T09:00') },
    ];
    expect(reportRunningNumber(built, '2026-10')).toBe(1);
    expect(reportRunningNumber(built, '2026-11')).toBe(2);
    expect(reportRunningNumber(built, '2026-12')).toBe(3);
    expect(reportRunningNumber(built, '2027-01')).toBe(1);
  });
  test('the pattern fills the number, the Roman month and the year; without a number it leaves a blank to fill', () => {
    expect(formatReportNumber('{nomor}/LAP/HUMAS/{bulan_romawi}/{tahun}', 3, '2026-12')).toBe('3/LAP/HUMAS/XII/2026');
    expect(formatReportNumber('LAP-{tahun}{bulan}-{nomor}', 7, '2027-02')).toBe('LAP-202702-7');
    expect(formatReportNumber('{nomor}/LAP/{bulan_romawi}/{tahun}', 0, '2027-04')).toBe('…/LAP/IV/2027');
  });
});

describe('the insight note', () => {
  test('says there is nothing to compare with when the previous month has no data, instead of promising a change', () => {
    const input = february('2027-03-02T09:00');
    const only = { ...input, insights: input.insights.filter((r) => r.period === '2027-02') };
    const text = reportLayout(buildReportModel(only)).filter((b) => b.t === 'p').map((b) => (b as { text: string }).text).join('\n');
    expect(text).toContain('Bulan Januari 2027 tidak memiliki data insight, sehingga perubahan belum dapat dihitung.');
    expect(text).not.toContain('Perubahan dibandingkan dengan bulan Januari 2027');
  });
});
