/** The panel's pure view-model: month grid, filters, status tones, SLA state, problems, copy checker. */
import { defaultCopyLimitSettings, limitsFromSettings } from '../../../src/core/copy-limits';
import type { PanelConcept, PanelDesign, PanelStage } from '../../../src/shared/contract';
import {
  byDay,
  copyView,
  designSlots,
  displayStatus,
  fieldProblems,
  filterConcepts,
  meterText,
  monthGrid,
  problemsByItem,
  shiftPeriod,
  slaState,
  statusTone,
  wibInputValue,
} from '../../../src/client/sidebar/model';

const concept = (over: Partial<PanelConcept>): PanelConcept => ({
  id: 'K-0001', row: 2, period: '2026-04', date: '2026-04-14', activity: 'A', category: '', platforms: ['Instagram', 'X'],
  pic: 'a@x.id', picName: 'A', description: '', status: 'Draf', feedback: '', version: 1, submittedAt: null, decidedAt: null, ...over,
});
const design = (over: Partial<PanelDesign>): PanelDesign => ({
  id: 'D-0001', row: 2, conceptId: 'K-0001', platform: 'X', link: '', title: '', copy: '', status: 'Draf', feedback: '', version: 1,
  copyCheck: '', pic: '', submittedAt: null, decidedAt: null, publication: null, ...over,
});

describe('periods and the month grid', () => {
  test('shiftPeriod crosses years both ways', () => {
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-04', -16)).toBe('2024-12');
  });

  test('April 2026 starts on a Wednesday: two blanks, 30 days, weeks of seven, Monday first', () => {
    const g = monthGrid('2026-04');
    expect(g[0]).toEqual([null, null, '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05']);
    expect(g.every((w) => w.length === 7)).toBe(true);
    expect(g.flat().filter(Boolean)).toHaveLength(30);
    expect(g[g.length - 1]).toEqual(['2026-04-27', '2026-04-28', '2026-04-29', '2026-04-30', null, null, null]);
  });

  test('February 2027 starts on a Monday and fills exactly four weeks', () => {
    const g = monthGrid('2027-02');
    expect(g).toHaveLength(4);
    expect(g[0][0]).toBe('2027-02-01');
    expect(g[3][6]).toBe('2027-02-28');
  });

  test('wibInputValue shows an instant as WIB wall time', () => {
    expect(wibInputValue('2026-04-06T01:30:00.000Z')).toBe('2026-04-06T08:30');
    expect(wibInputValue('2026-04-30T20:00:00.000Z')).toBe('2026-05-01T03:00');
    expect(wibInputValue(null)).toBe('');
    expect(wibInputValue('nonsense')).toBe('');
  });
});

describe('status, filters and SLA', () => {
  test('tones for every stored status', () => {
    expect(['Draf', 'Diajukan', 'Disetujui', 'Ditetapkan', 'Perlu Revisi', 'Terbit', ''].map(statusTone)).toEqual(['draft', 'submitted', 'approved', 'approved', 'revise', 'published', 'draft']);
  });

  test('a plan item shows Terbit only when every planned platform is published', () => {
    const c = concept({ status: 'Disetujui' });
    const x = design({ platform: 'X', status: 'Ditetapkan', publication: { url: 'https://x.com/1', at: null } });
    expect(displayStatus(c, [x])).toBe('Disetujui');
    const ig = design({ id: 'D-0002', platform: 'Instagram', status: 'Ditetapkan', publication: { url: 'https://instagram.com/p/1', at: null } });
    expect(displayStatus(c, [x, ig])).toBe('Terbit');
    expect(displayStatus(concept({ status: 'Diajukan' }), [x, ig])).toBe('Diajukan');
  });

  test('filters by platform and by shown status; groups by day', () => {
    const items = [
      concept({ id: 'K-0001', platforms: ['X'], status: 'Draf', date: '2026-04-01' }),
      concept({ id: 'K-0002', platforms: ['Instagram'], status: 'Diajukan', date: '2026-04-01' }),
      concept({ id: 'K-0003', platforms: ['Instagram', 'X'], status: 'Disetujui', date: '2026-04-03' }),
    ];
    expect(filterConcepts(items, [], { platform: 'X', status: '' }).map((c) => c.id)).toEqual(['K-0001', 'K-0003']);
    expect(filterConcepts(items, [], { platform: 'Instagram', status: 'Diajukan' }).map((c) => c.id)).toEqual(['K-0002']);
    expect(filterConcepts(items, [], { platform: '', status: '' })).toHaveLength(3);
    const days = byDay(items);
    expect([...days.keys()]).toEqual(['2026-04-01', '2026-04-03']);
    expect(days.get('2026-04-01')?.map((c) => c.id)).toEqual(['K-0001', 'K-0002']);
  });

  test('SLA state: ok below 80% of the standard, near from 80%, over past it', () => {
    const s = (minutes: number | null, std: number | null, done = false): PanelStage => ({ conceptId: 'K', step: 3, since: null, minutes, standardMinutes: std, overdue: false, done });
    expect(slaState(undefined)).toBe('none');
    expect(slaState(s(null, 30))).toBe('none');
    expect(slaState(s(23, 30))).toBe('ok');
    expect(slaState(s(24, 30))).toBe('near');
    expect(slaState(s(30, 30))).toBe('near');
    expect(slaState(s(31, 30))).toBe('over');
    expect(slaState(s(null, null, true))).toBe('done');
  });

  test('design slots: one per planned platform, with its design when there is one', () => {
    const c = concept({ platforms: ['Instagram', 'X', 'TikTok'] });
    const slots = designSlots(c, [design({ platform: 'X' }), design({ id: 'D-9', conceptId: 'K-0002', platform: 'TikTok' })]);
    expect(slots.map((s) => [s.platform, s.design?.id ?? null])).toEqual([['Instagram', null], ['X', 'D-0001'], ['TikTok', null]]);
  });
});

describe('server problems on the form and on the items', () => {
  test('submission details naming rows land on those items, under their fields, without the "Field: " prefix', () => {
    const items = [concept({ id: 'K-0001', row: 2 }), concept({ id: 'K-0002', row: 3 })];
    const p = problemsByItem(
      {
        code: 'VALIDATION',
        message: 'Pengajuan dibatalkan',
        details: [
          { row: 3, field: 'PIC', message: 'PIC: PIC x@y.id tidak ada di tab Pengguna.' },
          { row: 3, field: 'Rencana Tayang', message: 'Rencana Tayang: kosong.' },
          { row: 2, field: 'Platform', message: 'Platform: "Friendster" tidak dikenal.' },
          { row: 9, field: 'PIC', message: 'PIC: baris lain' },
          { message: 'Tidak ada penyetuju' },
        ],
      },
      items,
    );
    expect(Object.fromEntries(p.byItem.get('K-0002') ?? [])).toEqual({ pic: ['PIC x@y.id tidak ada di tab Pengguna.'], date: ['kosong.'] });
    expect(Object.fromEntries(p.byItem.get('K-0001') ?? [])).toEqual({ platforms: ['"Friendster" tidak dikenal.'] });
    expect(p.general).toEqual(['PIC: baris lain', 'Tidak ada penyetuju']);
  });

  test('save details map to field keys; the first message per field wins', () => {
    const m = fieldProblems({ code: 'VALIDATION', message: 'x', details: [{ field: 'activity', message: 'kosong' }, { field: 'activity', message: 'lagi' }, { field: 'Naskah', message: 'Naskah: terlalu panjang' }] });
    expect(Object.fromEntries(m)).toEqual({ activity: 'kosong', copy: 'terlalu panjang' });
  });
});

describe('the live copy checker', () => {
  const limits = { X: 280, Instagram: 2200, 'Instagram.hashtag': 30, Facebook: 63206, 'YouTube.judul': 100, 'YouTube.deskripsi': 5000, TikTok: 2200 };

  test('settings limits become the copy-limits override, ignoring nonsense values', () => {
    expect(limitsFromSettings(limits)).toEqual({
      X: { maxWeighted: 280 },
      Instagram: { maxChars: 2200, maxHashtags: 30 },
      Facebook: { maxChars: 63206 },
      YouTube: { titleMaxChars: 100, descriptionMaxBytes: 5000 },
      TikTok: { maxChars: 2200 },
    });
    expect(limitsFromSettings({ X: -1 }).X).toBeUndefined();
    // The defaults of the settings keys are the checks' own defaults: one table.
    expect(limitsFromSettings(defaultCopyLimitSettings())).toEqual(limitsFromSettings(limits));
  });

  test('X counts links as 23 and reports how far over the copy is', () => {
    const link = 'https://mkri.id/berita/sidang-pengucapan-putusan-perkara-12';
    const copy = `${'a'.repeat(260)} ${link}`; // 260 + 1 + 23 = 284
    const v = copyView('X', copy, '', limits, 'id');
    expect(v?.ok).toBe(false);
    expect(v?.meters).toEqual([{ label: 'Naskah', count: 284, limit: 280, over: 4, unit: 'karakter berbobot', fill: 1 }]);
    expect(v?.links).toEqual([link]);
    expect(v?.errors).toHaveLength(1);
    expect(meterText(v!.meters[0], 'id')).toBe('284 / 280 karakter berbobot — lebih 4');
    const fixed = copyView('X', `${'a'.repeat(256)} ${link}`, '', limits, 'en');
    expect(fixed?.ok).toBe(true);
    expect(meterText(fixed!.meters[0], 'en')).toBe('280 / 280 weighted characters');
  });

  test('a lower limit from the settings is the one applied', () => {
    expect(copyView('X', 'a'.repeat(150), '', { ...limits, X: 140 }, 'id')?.meters[0]).toMatchObject({ count: 150, limit: 140, over: 10 });
  });

  test('Instagram: hashtags, the part shown before "more", and what it hides', () => {
    const copy = `${'Putusan MK hari ini menegaskan hak konstitusional. '.repeat(4)}#PutusanMK #MKRI #putusanmk`;
    const v = copyView('Instagram', copy, '', limits, 'id')!;
    expect(v.hashtags).toEqual(['PutusanMK', 'MKRI']);
    expect(v.visible).not.toBeNull();
    expect(v.visible!.length).toBeLessThanOrEqual(125);
    expect(v.visible! + v.hidden).toBe(copy);
    expect(copyView('Instagram', 'Pendek saja. #MKRI', '', limits, 'id')?.visible).toBeNull();
  });

  test('YouTube checks the title and the description separately', () => {
    const v = copyView('YouTube', 'Deskripsi <b>', 'Judul yang terlalu panjang '.repeat(5), limits, 'en')!;
    expect(v.meters.map((m) => [m.label, m.limit, m.unit])).toEqual([['Title', 100, 'characters'], ['Description', 5000, 'as YouTube counts']]);
    expect(v.meters[0].over).toBe(35);
    expect(v.ok).toBe(false);
    expect(v.errors.join(' ')).toMatch(/"<" or ">"/);
  });

  test('an unknown platform has no checker', () => {
    expect(copyView('Friendster', 'x', '', limits, 'id')).toBeNull();
  });
});
