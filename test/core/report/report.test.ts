/**
 * The monthly report's numbers for a known month (December 2026), computed by hand:
 * working minutes use the default calendar (Mon-Thu 07:30-12:00, 13:00-16:00; Fri 07:30-11:30,
 * 13:00-16:30). 1 December 2026 is a Tuesday.
 */
import type { ApprovalRequest } from '../../../src/core/approval';
import { defaultCalendar } from '../../../src/core/calendar';
import type { Person } from '../../../src/core/people';
import {
  attachmentsText,
  buildReportModel,
  draftConclusions,
  InsightTabRow,
  platformMetrics,
  ReportInput,
  reportLayout,
  reportTables,
  templateValues,
} from '../../../src/core/report';
import { defaultSettings } from '../../../src/core/settings';
import { isReportedDetail, LogEntry, reportedMark } from '../../../src/core/log';

/** Epoch ms of a WIB wall-clock time. */
const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);

const KABAG = 'kabag@mk.example.id';
const KASUBBAG = 'kasubbag@mk.example.id';

const people: Person[] = [
  { email: KABAG, name: 'Dr. Rahmat Hidayat, S.H., M.H.', role: 'Kabag', roleText: 'Kabag', position: 'Kepala Bagian Hubungan Masyarakat dan Kerja Sama Dalam Negeri', nip: '197503122000031001' },
  { email: KASUBBAG, name: 'Sri Wahyuni', role: 'Kasubbag', roleText: 'Kasubbag', position: 'Kepala Subbagian Humas', nip: '' },
];

function insight(p: Partial<InsightTabRow> & { period: string; platform: string }): InsightTabRow {
  return { date: null, link: '', reach: null, views: null, impressions: null, engagement: null, followers: null, source: '', key: '', ...p };
}

function approvals(): ApprovalRequest[] {
  const d = (at: string, decision: 'approve' | 'revise', by: string) => ({ decision, by, at: wib(at), via: 'panel' as const, ...(decision === 'revise' ? { feedback: 'Perbaiki' } : {}) });
  return [
    {
      id: 'R-0001', kind: 'konsep', period: '2026-12', policy: 'berurutan', submittedBy: 'andi@mk.example.id', submittedAt: wib('2026-11-30T09:00'),
      items: [{ id: 'K-0001', version: 1 }, { id: 'K-0002', version: 1 }],
      rows: [
        { requestId: 'R-0001', level: 1, approver: KASUBBAG, status: 'Selesai', startedAt: wib('2026-11-30T09:00'), decidedAt: wib('2026-11-30T09:20'), nonce: 'a', workingMinutes: 20, lastReminder: null,
          decisions: { 'K-0001': d('2026-11-30T09:20', 'approve', KASUBBAG), 'K-0002': d('2026-11-30T09:20', 'approve', KASUBBAG) } },
        { requestId: 'R-0001', level: 2, approver: KABAG, status: 'Selesai', startedAt: wib('2026-11-30T09:20'), decidedAt: wib('2026-12-01T09:00'), nonce: 'b', workingMinutes: 430, lastReminder: null,
          decisions: { 'K-0001': d('2026-12-01T09:00', 'approve', KABAG), 'K-0002': d('2026-12-01T09:00', 'approve', KABAG) } },
      ],
    },
    {
      id: 'R-0002', kind: 'desain', period: '2026-12', policy: 'salah-satu', submittedBy: 'andi@mk.example.id', submittedAt: wib('2026-12-01T10:00'),
      items: [{ id: 'D-0001', version: 1 }, { id: 'D-0002', version: 2 }, { id: 'D-0003', version: 1 }],
      rows: [
        { requestId: 'R-0002', level: 1, approver: KASUBBAG, status: 'Selesai', startedAt: wib('2026-12-01T10:00'), decidedAt: wib('2026-12-03T08:30'), nonce: 'c', workingMinutes: 25, lastReminder: null,
          decisions: { 'D-0001': d('2026-12-01T10:30', 'approve', KASUBBAG), 'D-0002': d('2026-12-02T09:20', 'approve', KASUBBAG), 'D-0003': d('2026-12-03T08:30', 'revise', KASUBBAG) } },
      ],
    },
    {
      id: 'R-0003', kind: 'konsep', period: '2027-01', policy: 'berurutan', submittedBy: 'andi@mk.example.id', submittedAt: wib('2026-12-14T10:00'),
      items: [{ id: 'K-0010', version: 1 }],
      rows: [
        { requestId: 'R-0003', level: 1, approver: KASUBBAG, status: 'Selesai', startedAt: wib('2026-12-14T10:00'), decidedAt: wib('2026-12-14T10:10'), nonce: 'd', workingMinutes: 10, lastReminder: null,
          decisions: { 'K-0010': d('2026-12-14T10:10', 'revise', KASUBBAG) } },
        { requestId: 'R-0003', level: 2, approver: KABAG, status: 'Dibatalkan', startedAt: null, decidedAt: null, nonce: 'e', workingMinutes: null, lastReminder: null, decisions: {} },
      ],
    },
  ];
}

function input(lang: 'id' | 'en' = 'id'): ReportInput {
  const settings = defaultSettings();
  settings.lang = lang;
  return {
    period: '2026-12',
    now: wib('2027-01-04T09:00'),
    settings,
    people,
    calendar: defaultCalendar(),
    strategy: [
      { period: '2026-12', platform: 'Instagram', directions: 'Carousel ringkasan putusan.', at: wib('2026-11-20T09:00') },
      { period: '2026-12', platform: 'X', directions: 'Kabar singkat setiap putusan.', at: wib('2026-11-20T10:00') },
      { period: '2026-11', platform: 'Instagram', directions: 'Bulan lalu.', at: wib('2026-10-20T10:00') },
      { period: '2027-01', platform: 'Instagram', directions: 'Bulan depan.', at: wib('2026-12-14T08:00') },
    ],
    concepts: [
      { id: 'K-0001', period: '2026-12', plannedAt: wib('2026-12-01T00:00'), activity: 'Putusan PUU', platforms: 'Instagram, X', status: 'Disetujui', version: 1, submittedAt: wib('2026-11-30T09:00'), decidedAt: wib('2026-12-01T09:00') },
      { id: 'K-0002', period: '2026-12', plannedAt: wib('2026-12-03T00:00'), activity: 'Tahukah Kamu', platforms: 'TikTok', status: 'Disetujui', version: 1, submittedAt: wib('2026-11-30T09:00'), decidedAt: wib('2026-12-01T09:00') },
      { id: 'K-0003', period: '2026-11', plannedAt: wib('2026-11-03T00:00'), activity: 'Bulan lalu', platforms: 'Facebook', status: 'Disetujui', version: 1, submittedAt: null, decidedAt: null },
    ],
    designs: [
      { id: 'D-0001', conceptId: 'K-0001', platform: 'Instagram', title: 'Carousel Putusan PUU', status: 'Ditetapkan', version: 1, submittedAt: wib('2026-12-01T10:00'), decidedAt: wib('2026-12-01T10:30') },
      { id: 'D-0002', conceptId: 'K-0001', platform: 'X', title: 'Kabar Putusan', status: 'Ditetapkan', version: 2, submittedAt: wib('2026-12-02T09:00'), decidedAt: wib('2026-12-02T09:20') },
      { id: 'D-0003', conceptId: 'K-0002', platform: 'TikTok', title: 'Tahukah Kamu', status: 'Perlu Revisi', version: 1, submittedAt: wib('2026-12-03T08:00'), decidedAt: wib('2026-12-03T08:30') },
    ],
    publications: [
      { designId: 'D-0001', platform: 'Instagram', at: wib('2026-12-01T11:00'), link: 'https://www.instagram.com/p/AAA/' },
      { designId: 'D-0002', platform: 'X', at: wib('2026-12-02T13:30'), link: 'https://x.com/mk/status/111' },
      { designId: 'D-0001', platform: 'Facebook', at: wib('2026-12-04T08:00'), link: 'https://facebook.com/mk/posts/9' },
      { designId: 'D-0001', platform: 'Instagram', at: wib('2026-11-28T08:00'), link: 'https://www.instagram.com/p/OLD/' },
    ],
    insights: [
      insight({ period: '2026-12', platform: 'Instagram', key: 'Instagram|post|AAA', link: 'https://www.instagram.com/p/AAA', date: '2026-12-01', reach: 1000, views: 900, impressions: 1500, engagement: 120, followers: 5, source: 'ig.csv · pengikut baru' }),
      insight({ period: '2026-12', platform: 'Instagram', key: 'Instagram|post|BBB', link: 'https://www.instagram.com/p/BBB', title: 'Reels jadwal sidang pekan depan', date: '2026-12-05', reach: 3200, views: 2100, impressions: 4000, engagement: 90, source: 'ig.csv' }),
      insight({ period: '2026-12', platform: 'Instagram', followers: 12500 }),
      insight({ period: '2026-11', platform: 'Instagram', reach: 3500, views: 2500, impressions: 5000, engagement: 140, followers: 12000 }),
      insight({ period: '2026-12', platform: 'X', key: 'X|daily|impressions+likes|2026-12-01', date: '2026-12-01', impressions: 800, engagement: 40 }),
      insight({ period: '2026-12', platform: 'X', key: 'X|daily|impressions+likes|2026-12-02', date: '2026-12-02', impressions: 700, engagement: 30 }),
      insight({ period: '2026-12', platform: 'X', key: 'X|daily|other|2026-12-01', date: '2026-12-01', impressions: 999, engagement: 999 }),
      insight({ period: '2026-12', platform: 'X', key: 'X|post|111', link: 'https://x.com/mk/status/111', date: '2026-12-02', impressions: 600, engagement: 50 }),
      insight({ period: '2026-12', platform: 'X', key: 'X|daily|follows|2026-12-01', date: '2026-12-01', followers: 3, source: 'overview.csv · pengikut baru' }),
      insight({ period: '2026-12', platform: 'X', key: 'X|daily|follows|2026-12-02', date: '2026-12-02', followers: 4, source: 'overview.csv · pengikut baru' }),
      insight({ period: '2026-12', platform: 'TikTok', link: 'https://www.tiktok.com/@mk/video/1', reach: 10000, engagement: 500 }),
      insight({ period: '2026-10', platform: 'TikTok', reach: 1, engagement: 1 }),
    ],
    approvals: approvals(),
    reportNumber: 12,
    log: [
      { at: wib('2026-12-01T09:00'), user: KABAG, step: '2', action: 'Ajukan', object: 'R-0001', detail: '' },
      { at: wib('2026-12-14T10:00'), user: KABAG, step: '2', action: 'Ajukan', object: 'R-0003', detail: '' },
      { at: wib('2026-12-14T10:10'), user: KASUBBAG, step: '3', action: 'Putuskan', object: 'R-0003', detail: '' },
      { at: wib('2026-12-20T10:10'), user: KABAG, step: '—', action: 'Siapkan', object: '', detail: '' },
      { at: wib('2026-11-20T10:10'), user: KABAG, step: '1', action: 'Strategi', object: '', detail: '' },
    ],
  };
}

describe('buildReportModel: December 2026', () => {
  const m = buildReportModel(input());

  test('strategy of the month, per platform', () => {
    expect(m.strategy).toEqual([
      { platform: 'X', directions: ['Kabar singkat setiap putusan.'] },
      { platform: 'Instagram', directions: ['Carousel ringkasan putusan.'] },
    ]);
  });

  test('content planned, approved and published per platform', () => {
    expect(m.content).toEqual([
      { platform: 'Facebook', planned: 0, approved: 0, published: 1 },
      { platform: 'X', planned: 1, approved: 1, published: 1 },
      { platform: 'Instagram', planned: 1, approved: 1, published: 1 },
      { platform: 'YouTube', planned: 0, approved: 0, published: 0 },
      { platform: 'TikTok', planned: 1, approved: 0, published: 0 },
    ]);
    expect(m.contentTotal).toEqual({ planned: 3, approved: 2, published: 3 });
    expect(m.published.map((p) => [p.platform, p.title, p.link])).toEqual([
      ['Instagram', 'Carousel Putusan PUU', 'https://www.instagram.com/p/AAA/'],
      ['X', 'Kabar Putusan', 'https://x.com/mk/status/111'],
      ['Facebook', 'Carousel Putusan PUU', 'https://facebook.com/mk/posts/9'],
    ]);
    expect(m.publishedPerDay.length).toBe(31);
    expect(m.publishedPerDay.slice(0, 5)).toEqual([1, 1, 0, 1, 0]);
    expect(m.publishedPerDay.reduce((a, b) => a + b, 0)).toBe(3);
  });

  test('insights per platform with the change from November', () => {
    expect(m.insights.map((x) => x.platform)).toEqual(['X', 'Instagram', 'TikTok']);
    const ig = m.insights[1];
    expect(ig.now).toEqual({ platform: 'Instagram', posts: 2, reach: 4200, views: 3000, impressions: 5500, engagement: 210, engagementRate: 0.05, followersTotal: 12500, followersGained: 5 });
    expect(ig.prev).toMatchObject({ reach: 3500, views: 2500, impressions: 5000, engagement: 140, engagementRate: 0.04, followersTotal: 12000 });
    expect(ig.change.reach).toBeCloseTo(0.2, 10);
    expect(ig.change.views).toBeCloseTo(0.2, 10);
    expect(ig.change.impressions).toBeCloseTo(0.1, 10);
    expect(ig.change.engagement).toBeCloseTo(0.5, 10);
    expect(ig.change.followers).toBeCloseTo(500 / 12000, 10);
    expect(ig.engagementRatePoints).toBeCloseTo(0.01, 10);
    expect(ig.followersDelta).toBe(500);
    // X: account-level daily rows win over the post row; the second series for 1 December is not added.
    const x = m.insights[0];
    expect(x.now).toEqual({ platform: 'X', posts: 1, reach: null, views: null, impressions: 1500, engagement: 70, engagementRate: 70 / 1500, followersTotal: null, followersGained: 7 });
    expect(x.prev).toBeNull();
    expect(x.change).toEqual({ reach: null, views: null, impressions: null, engagement: null, followers: null });
    // TikTok: one post typed by hand.
    expect(m.insights[2].now).toEqual({ platform: 'TikTok', posts: 1, reach: 10000, views: null, impressions: null, engagement: 500, engagementRate: 0.05, followersTotal: null, followersGained: null });
    expect(m.missingInsights).toEqual(['Facebook', 'YouTube']);
  });

  test('top posts by engagement, titled from the publications, else from the export\'s own text', () => {
    expect(m.topPosts.map((p) => [p.platform, p.engagement, p.title])).toEqual([
      ['TikTok', 500, ''],
      ['Instagram', 120, 'Carousel Putusan PUU'],
      ['Instagram', 90, 'Reels jadwal sidang pekan depan'],
      ['X', 50, 'Kabar Putusan'],
    ]);
  });

  test('approvals: first-pass rate, revisions, median decision time', () => {
    expect(m.approvals).toEqual({
      decided: 6,
      approved: 4,
      revisions: 2,
      firstVersionDecided: 5,
      firstVersionApproved: 3,
      firstPassRate: 0.6,
      decisions: 3,
      medianMinutes: 25,
    });
  });

  // Worked by hand for December's content (whenever each step ran), default calendar (450 working
  // minutes Mon-Fri, breaks 12:00-13:00 and Fri 11:30-13:00):
  // 1: strategy saves Fri 20 Nov 09:00 -> 10:00 = 60 (within 3600).
  // 2: R-0001 from the last save (20 Nov 10:00) to its submission Mon 30 Nov 09:00:
  //    300 (Fri) + 5 x 450 + 90 (Mon) = 2640 (late). R-0003 is January's content.
  // 3: R-0001's turns: 20 and 430 (R-0003's 10 is January's). 4: 60, 450, 840.
  // 5: R-0002: 25. 6 against the planned day: AAA on 1 Dec (planned 1 Dec) 0; X on Wed 2 Dec 13:30,
  //    planned 1 Dec: 270 + 30 = 300 late; Facebook Fri 4 Dec 08:00: 450 + 450 + 30 = 930 late;
  //    OLD on 28 Nov, before its planned day: 0.
  test('SOP compliance per step, for the month\'s content, in working minutes', () => {
    expect(m.compliance).toEqual([
      { step: 1, standard: 3600, measured: 1, within: 1, medianMinutes: 60, maxMinutes: 60, rate: 1 },
      { step: 2, standard: 30, measured: 1, within: 0, medianMinutes: 2640, maxMinutes: 2640, rate: 0 },
      { step: 3, standard: 30, measured: 2, within: 1, medianMinutes: 225, maxMinutes: 430, rate: 0.5 },
      { step: 4, standard: 3600, measured: 3, within: 3, medianMinutes: 450, maxMinutes: 840, rate: 1 },
      { step: 5, standard: 30, measured: 1, within: 1, medianMinutes: 25, maxMinutes: 25, rate: 1 },
      { step: 6, standard: 90, measured: 4, within: 2, medianMinutes: 150, maxMinutes: 930, rate: 0.5 },
    ]);
    expect(m.complianceTotal).toEqual({ measured: 12, within: 8, rate: 8 / 12 });
  });

  test('approvals both ways: the history of December\'s content, and the decisions taken in December', () => {
    // December's content: R-0001 (K-0001, K-0002 approved) and R-0002 (D-0001, D-0002 approved, D-0003 revised).
    expect(m.contentApprovals).toEqual({ decided: 5, approved: 4, revisions: 1, firstVersionDecided: 4, firstVersionApproved: 3, firstPassRate: 0.75, decisions: 3, medianMinutes: 25 });
    expect(m.rounds.map((r) => [r.requestId, r.kind, r.items, r.approved, r.revised, r.open])).toEqual([
      ['R-0001', 'konsep', 2, 2, 0, 0],
      ['R-0002', 'desain', 3, 2, 1, 0],
    ]);
    // Taken during December: R-0001's Kabag decisions (1 Dec), R-0002, R-0003 (January's plan, revised 14 Dec).
    expect(m.approvals).toEqual({ decided: 6, approved: 4, revisions: 2, firstVersionDecided: 5, firstVersionApproved: 3, firstPassRate: 0.6, decisions: 3, medianMinutes: 25 });
    expect(m.interim).toBe(false);
  });

  test('Log activity per step and the signer', () => {
    expect(m.activity).toEqual([
      { step: '2', count: 2 },
      { step: '3', count: 1 },
      { step: '—', count: 1 },
    ]);
    expect(m.signer).toEqual({ position: people[0].position, name: people[0].name, nip: '197503122000031001' });
  });

  test('tables in Indonesian number format', () => {
    const t = reportTables(m);
    expect(t.insights).toEqual([
      ['Platform', 'Jangkauan', 'Tayangan', 'Impresi', 'Interaksi', 'Tingkat Interaksi', 'Pengikut'],
      ['X', '—', '—', '1.500', '70', '4,7%', '+7 baru'],
      ['Instagram', '4.200 (+20,0%)', '3.000 (+20,0%)', '5.500 (+10,0%)', '210 (+50,0%)', '5,0% (+1,0 poin)', '12.500 (+500 dari bulan lalu)'],
      ['TikTok', '10.000', '—', '—', '500', '5,0%', '—'],
    ]);
    expect(t.compliance[3]).toEqual(['3', '30', '2', '225', '430', '1 (50,0%)']);
    expect(t.compliance[7]).toEqual(['Jumlah', '', '12', '', '', '8 (66,7%)']);
    expect(t.approvals[4]).toEqual(['Persetujuan pada pengajuan pertama', '75,0% (3/4)']);
    expect(t.rounds[2]).toEqual(['R-0002', 'Desain', '1 Desember 2026', '3', '2', '1', '0', '3 Desember 2026']);
    expect(t.posts[1]).toEqual(['1', '1 Desember 2026', 'Instagram', 'Carousel Putusan PUU', 'https://www.instagram.com/p/AAA/']);
    expect(t.content[6]).toEqual(['Jumlah', '3', '2', '3']);
  });

  test('layout: kop, title, sections A-E, draft marked, signature', () => {
    const blocks = reportLayout(m);
    const h1 = blocks.filter((b) => b.t === 'h1').map((b) => (b as { text: string }).text);
    expect(h1).toEqual(['A. Pendahuluan', 'B. Kegiatan yang Dilaksanakan', 'C. Hasil yang Dicapai', 'D. Simpulan dan Saran', 'E. Penutup']);
    expect(blocks[0]).toEqual({
      t: 'kop',
      lines: ['KEPANITERAAN DAN SEKRETARIAT JENDERAL MAHKAMAH KONSTITUSI REPUBLIK INDONESIA', 'BAGIAN HUBUNGAN MASYARAKAT DAN KERJA SAMA DALAM NEGERI'],
      address: 'Jalan Medan Merdeka Barat Nomor 6, Jakarta Pusat 10110',
      logoId: '',
    });
    expect(blocks[1]).toEqual({ t: 'title', lines: ['LAPORAN', 'PENGELOLAAN MEDIA SOSIAL BULAN DESEMBER 2026', 'Nomor: 12/LAP/HUMAS/XII/2026', 'Lampiran: -', 'Hal: Laporan Pengelolaan Media Sosial Bulan Desember 2026'] });
    const draftAt = blocks.findIndex((b) => b.t === 'draft');
    expect(blocks[draftAt - 1]).toEqual({ t: 'h1', text: 'D. Simpulan dan Saran' });
    const sig = blocks[blocks.length - 1];
    expect(sig).toEqual({ t: 'signature', lines: ['Jakarta, 4 Januari 2027', `${people[0].position},`], name: people[0].name, nip: 'NIP 197503122000031001' });
    const basis = blocks.find((b) => b.t === 'list');
    expect(basis && basis.t === 'list' && basis.items.length).toBe(5);
  });

  test('draft conclusions follow the numbers', () => {
    const d = draftConclusions(m);
    expect(d.conclusions).toEqual([
      'Sebanyak 3 unggahan diterbitkan di 3 platform dari 3 konten yang direncanakan (100,0% realisasi).',
      'Tingkat interaksi tertinggi dicapai Instagram (5,0%).',
      'Jangkauan Instagram naik 20,0% dibandingkan bulan November 2026.',
      'Tingkat persetujuan pada pengajuan pertama 75,0%, dengan 1 permintaan revisi dan median waktu keputusan 25 menit kerja.',
      '66,7% pelaksanaan langkah SOP selesai dalam waktu baku (indikator Siaran).',
    ]);
    // Steps with fewer than 3 measured executions are not judged; step 6 is (2 of 4 late).
    expect(d.suggestions).toEqual([
      'Terbitkan konten sesuai tanggal rencana tayang: 2 dari 4 unggahan terbit setelah tanggal rencananya.',
      'Lengkapi data insight Facebook, YouTube agar capaian seluruh platform dapat dievaluasi.',
    ]);
  });

  test('template placeholders', () => {
    const v = templateValues(m);
    expect(v.periode).toBe('Desember 2026');
    expect(v.jumlah_terbit).toBe('3');
    expect(v.kepatuhan_sop).toBe('66,7%');
    expect(v.tempat_tanggal).toBe('Jakarta, 4 Januari 2027');
    expect(v.judul).toBe('LAPORAN PENGELOLAAN MEDIA SOSIAL BULAN DESEMBER 2026');
  });
});

describe('English report', () => {
  test('numbers, dates and titles in English', () => {
    const m = buildReportModel(input('en'));
    const t = reportTables(m);
    expect(t.insights[2]).toEqual(['Instagram', '4,200 (+20.0%)', '3,000 (+20.0%)', '5,500 (+10.0%)', '210 (+50.0%)', '5.0% (+1.0 pts)', '12,500 (+500 from last month)']);
    const blocks = reportLayout(m);
    expect(blocks[1]).toEqual({ t: 'title', lines: ['REPORT', 'ON SOCIAL MEDIA MANAGEMENT FOR DECEMBER 2026', 'Number: 12/LAP/HUMAS/XII/2026', 'Attachments: -', 'Subject: Report on Social Media Management for December 2026'] });
    const sig = blocks[blocks.length - 1];
    expect(sig.t === 'signature' && sig.lines[0]).toBe('Jakarta, 4 January 2027');
  });
});

describe('Lampiran: the month\'s records archive', () => {
  const printed = (object: string, at: string) => ({ at: wib(at), user: KABAG, step: '—', action: 'Cetak arsip', object, detail: 'PDF: https://drive.google.com/file/d/x/view' });
  test('the archive of this month printed before the report is its one attachment; another month\'s, or a later one, is not', () => {
    const base = input();
    const withArchive = buildReportModel({ ...base, log: [...base.log, printed('2026-12', '2027-01-04T08:00')] });
    expect(withArchive.attachments).toBe(1);
    expect((reportLayout(withArchive)[1] as { lines: string[] }).lines.slice(3)).toEqual(['Lampiran: 1 (satu) berkas', 'Hal: Laporan Pengelolaan Media Sosial Bulan Desember 2026']);
    expect(templateValues(withArchive).lampiran).toBe('1 (satu) berkas');
    expect(templateValues(withArchive).hal).toBe('Laporan Pengelolaan Media Sosial Bulan Desember 2026');
    expect(buildReportModel({ ...base, log: [...base.log, printed('2026-11', '2026-12-02T08:00')] }).attachments).toBe(0);
    expect(buildReportModel({ ...base, log: [...base.log, printed('2026-12', '2027-01-05T08:00')] }).attachments).toBe(0);
    expect(attachmentsText(1, 'en')).toBe('1 (one) file(s)');
    expect(attachmentsText(0, 'id')).toBe('-');
  });
});

describe('platformMetrics', () => {
  test('hand-typed monthly rows add up; a follower total without date counts as the month end', () => {
    const rows = [
      insight({ period: '2026-12', platform: 'Facebook', reach: 100, engagement: 10 }),
      insight({ period: '2026-12', platform: 'Facebook', reach: 50, engagement: 5, followers: 800, date: '2026-12-15' }),
      insight({ period: '2026-12', platform: 'Facebook', followers: 900 }),
      insight({ period: '2026-12', platform: 'Facebook', link: 'https://facebook.com/p/1', reach: 7777 }),
    ];
    const fb = platformMetrics(rows, '2026-12').get('Facebook');
    expect(fb).toEqual({ platform: 'Facebook', posts: 1, reach: 150, views: null, impressions: null, engagement: 15, engagementRate: 0.1, followersTotal: 900, followersGained: null });
  });
});

describe('reported Log lines (held by an execution that is not the owner\'s) count for nothing the report relies on', () => {
  const base = input();
  const reported = (e: LogEntry): LogEntry => ({ ...e, detail: `${e.detail} [dilaporkan dari eksekusi ${e.user}]`, reported: true });
  const printed: LogEntry = { at: wib('2027-01-04T08:00'), user: KABAG, step: '—', action: 'Cetak arsip', object: '2026-12', detail: 'PDF: palsu' };
  const saved: LogEntry = { at: wib('2026-11-02T09:00'), user: KABAG, step: '1', action: 'Simpan strategi', object: '2026-12', detail: '2 platform: X, Instagram' };

  test('a reported "Cetak arsip" makes no Lampiran; the owner\'s own line does', () => {
    expect(buildReportModel({ ...base, log: [...base.log, reported(printed)] }).attachments).toBe(0);
    expect(buildReportModel({ ...base, log: [...base.log, printed] }).attachments).toBe(1);
  });

  test('a reported "Simpan strategi" is not a strategy save; the owner\'s own line is', () => {
    const without = buildReportModel(base).compliance;
    expect(buildReportModel({ ...base, log: [...base.log, reported(saved)] }).compliance).toEqual(without);
    expect(buildReportModel({ ...base, log: [...base.log, saved] }).compliance).not.toEqual(without);
  });

  test('the mark is read from the end of the Detail, whatever the claimed user writes', () => {
    expect(isReportedDetail(`ok${reportedMark('kabag@example.org')}`)).toBe(true);
    expect(isReportedDetail(`ok${reportedMark('kabag@example.org] bukan\nlaporan')}`)).toBe(true);
    expect(isReportedDetail('Keputusan: Disetujui')).toBe(false);
    expect(isReportedDetail('[dilaporkan dari eksekusi x] lalu teks')).toBe(false);
  });
});
