import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DayInfo, DraftInput, defaultRules, draftRows, parseRecurringSetting, parseRuleText, parseScheduleTable, recurringDates, recurringFromStrategy, suggest } from './helpers';
import { PLATFORMS } from '../../../src/core/platforms';

const FIX = path.resolve(__dirname, '../../fixtures/schedule');
const events = parseScheduleTable(readFileSync(path.join(FIX, 'jadwal-sidang-2026-12.csv'), 'utf8')).events.concat(
  parseScheduleTable(readFileSync(path.join(FIX, 'kegiatan-2026-12.csv'), 'utf8')).events,
);
const HOLIDAYS: Record<string, string> = { '2026-12-24': 'Cuti Bersama Natal', '2026-12-25': 'Natal' };
const day = (date: string): DayInfo => {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekend = dow === 0 || dow === 6;
  return { weekend, holiday: HOLIDAYS[date] ?? '', working: !weekend && !HOLIDAYS[date] };
};
const base: DraftInput = { period: '2026-12', events, sourceOf: (e) => `jadwal baris ${e.line}`, rules: defaultRules(), strategy: [], platforms: [...PLATFORMS], recurring: [], day, existing: [] };

describe('draftRows', () => {
  it('makes one Draf row per event of the month, with activity, category, platforms and formats from the rules', () => {
    const { rows } = draftRows(base);
    expect(rows).toHaveLength(12);
    const putusan = rows.find((r) => r.key.includes('25/PUU'));
    expect(putusan).toMatchObject({
      date: '2026-12-10',
      time: '13:30',
      activity: 'Sidang Pengucapan Putusan/Ketetapan Perkara Nomor 25/PUU-XXIV/2026 (Pengujian UU Nomor 1 Tahun 2024 tentang Informasi dan Transaksi Elektronik)',
      category: 'Putusan',
      platforms: ['YouTube', 'X', 'Instagram'],
      formats: 'YouTube: siaran langsung; X: pembaruan; Instagram: carousel',
      action: 'baru',
      include: true,
    });
    expect(putusan?.description).toBe('Pukul 13.30 WIB · Ruang Sidang Pleno · Agenda: Pengucapan Putusan · Format: YouTube: siaran langsung; X: pembaruan; Instagram: carousel');
    expect(putusan?.source).toBe('jadwal baris 8');
    expect(rows.find((r) => r.key.includes('38/PUU'))).toMatchObject({ platforms: ['X'], category: 'Persidangan' });
    expect(rows.find((r) => r.kind === 'kunjungan')).toMatchObject({ platforms: ['Instagram', 'Facebook'], activity: 'Kunjungan Mahasiswa Fakultas Hukum Universitas Indonesia', category: 'Kegiatan' });
    expect(rows.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort());
  });

  it('marks weekends and holidays, and leaves events of other months out', () => {
    const extra = [
      { ...events[0], uid: 'sat', date: '2026-12-19', caseNumber: '', title: 'Sabtu' },
      { ...events[0], uid: 'xmas', date: '2026-12-25', caseNumber: '', title: 'Natal' },
      { ...events[0], uid: 'jan', date: '2027-01-04' },
    ];
    const r = draftRows({ ...base, events: extra });
    expect(r.outside).toBe(1);
    expect(r.rows.map((x) => [x.key, x.weekend, x.holiday])).toEqual([['sat', true, ''], ['xmas', false, 'Natal']]);
  });

  it('marks what the month already holds: same source updates, hand-made duplicates and locked items are skipped', () => {
    const { rows: first } = draftRows(base);
    const [a, b, c, d] = first;
    const existing = [
      { id: 'K-0001', date: a.date, activity: a.activity, description: a.description, source: a.key, editable: true }, // imported before, unchanged
      { id: 'K-0002', date: '2026-12-02', activity: 'lama', description: '', source: b.key, editable: true }, // imported before, changed since
      { id: 'K-0003', date: c.date, activity: c.activity, description: '', source: '', editable: true }, // typed by hand
      { id: 'K-0004', date: d.date, activity: 'x', description: '', source: d.key, editable: false }, // submitted
      { id: 'K-0005', date: '2026-12-10', activity: 'Liputan sidang 27/PUU-XXIV/2026', description: '', source: '', editable: true }, // same case, same day
    ];
    const { rows } = draftRows({ ...base, existing });
    const of = (k: string) => rows.find((r) => r.key === k);
    expect(of(a.key)).toMatchObject({ action: 'sama', existingId: 'K-0001', include: false });
    expect(of(b.key)).toMatchObject({ action: 'perbarui', existingId: 'K-0002', include: true });
    expect(of(c.key)).toMatchObject({ action: 'duplikat', existingId: 'K-0003', include: false });
    expect(of(d.key)).toMatchObject({ action: 'terkunci', existingId: 'K-0004', include: false });
    expect(rows.find((r) => r.key.includes('27/PUU'))).toMatchObject({ action: 'duplikat', existingId: 'K-0005' });
    expect(rows.filter((r) => r.action === 'baru')).toHaveLength(7);
  });

  it('marks an event the source lists twice as a duplicate', () => {
    const { rows } = draftRows({ ...base, events: [events[0], events[0]] });
    expect(rows.map((r) => r.action)).toEqual(['baru', 'duplikat']);
  });

  it('suggests from the month\'s Strategi: only its platforms, plus a platform whose directions name the event', () => {
    const strategy = [
      { platform: 'Instagram' as const, directions: 'Fokus pada edukasi.' },
      { platform: 'YouTube' as const, directions: 'Siarkan setiap sidang perkara pengujian.' },
    ];
    expect(suggest('putusan', { ...base, strategy })).toEqual([{ platform: 'YouTube', format: 'siaran langsung' }, { platform: 'Instagram', format: 'carousel' }]);
    // No rule platform has a Strategi row: the rule stays, and YouTube is added by its directions.
    expect(suggest('pendahuluan', { ...base, strategy }).map((f) => f.platform)).toEqual(['X', 'YouTube']);
    // Platforms the office does not manage are never suggested.
    expect(suggest('putusan', { ...base, platforms: ['X'] }).map((f) => f.platform)).toEqual(['X']);
  });
});

describe('rules and recurring formats', () => {
  it('reads rule texts and names unknown platforms', () => {
    expect(parseRuleText('YouTube: siaran langsung; Twitter (utas), ig')).toEqual({ formats: [{ platform: 'YouTube', format: 'siaran langsung' }, { platform: 'X', format: 'utas' }, { platform: 'Instagram', format: '' }], unknown: [] });
    expect(parseRuleText('Threads: post').unknown).toEqual(['Threads']);
  });

  it('reads recurring formats from Pengaturan and from Strategi lines', () => {
    expect(parseRecurringSetting('Tahukah Kamu | Jumat | YouTube: video; Instagram: reels').format).toEqual({ name: 'Tahukah Kamu', weekday: 5, formats: [{ platform: 'YouTube', format: 'video' }, { platform: 'Instagram', format: 'reels' }], origin: 'Pengaturan' });
    expect(parseRecurringSetting('Tahukah Kamu | kadang | YouTube').problem?.msg.id).toContain('format_berulang');
    const rec = recurringFromStrategy([
      { platform: 'YouTube', directions: 'Perbanyak video.\nRutin: Tahukah Kamu setiap Jumat (video pendek)' },
      { platform: 'Instagram', directions: '- rutin: Tahukah Kamu setiap jumat (reels)' },
      { platform: null, directions: 'Rutin: X setiap Senin' },
    ]);
    expect(rec).toEqual([{ name: 'Tahukah Kamu', weekday: 5, formats: [{ platform: 'YouTube', format: 'video pendek' }, { platform: 'Instagram', format: 'reels' }], origin: 'Strategi' }]);
  });

  it('places a weekly format on working days: a holiday Friday moves to the next working day of that week, or is skipped', () => {
    const f = { name: 'Tahukah Kamu', weekday: 5, formats: [], origin: 'Pengaturan' };
    // Fridays of December 2026: 4, 11, 18, 25 (Natal; nothing after it that week).
    expect(recurringDates(f, '2026-12', day)).toEqual(['2026-12-04', '2026-12-11', '2026-12-18']);
    expect(recurringDates({ ...f, weekday: 4 }, '2026-12', day)).toEqual(['2026-12-03', '2026-12-10', '2026-12-17', '2026-12-31']);
    expect(recurringDates({ ...f, weekday: 'kerja' }, '2026-12', day)).toHaveLength(21);
    const { rows } = draftRows({ ...base, events: [], recurring: [{ ...f, formats: [{ platform: 'YouTube', format: 'video' }] }] });
    expect(rows.map((r) => [r.key, r.activity, r.category, r.platforms.join()])).toEqual([
      ['rutin:tahukah-kamu:2026-12-04', 'Tahukah Kamu', 'Konten Rutin', 'YouTube'],
      ['rutin:tahukah-kamu:2026-12-11', 'Tahukah Kamu', 'Konten Rutin', 'YouTube'],
      ['rutin:tahukah-kamu:2026-12-18', 'Tahukah Kamu', 'Konten Rutin', 'YouTube'],
    ]);
  });
});
