import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isCaseNumber, parseScheduleTable, readScheduleDate, readScheduleTime, tr } from './helpers';

const FIX = path.resolve(__dirname, '../../fixtures/schedule');
const hearings = readFileSync(path.join(FIX, 'jadwal-sidang-2026-12.csv'), 'utf8');
const activities = readFileSync(path.join(FIX, 'kegiatan-2026-12.csv'), 'utf8');

describe('parseScheduleTable', () => {
  it('reads a month of hearings with every agenda kind, the date written once per day', () => {
    const r = parseScheduleTable(hearings);
    expect(r.problems).toEqual([]);
    expect(r.events.map((e) => [e.date, e.time, e.caseNumber, e.kind])).toEqual([
      ['2026-12-01', '09:00', '38/PUU-XXIV/2026', 'pendahuluan'],
      ['2026-12-01', '13:30', '39/PUU-XXIV/2026', 'pendahuluan'],
      ['2026-12-03', '09:00', '35/PUU-XXIV/2026', 'perbaikan'],
      ['2026-12-07', '10:00', '30/PUU-XXIV/2026', 'persidangan'],
      ['2026-12-09', '13:30', '1/SKLN-XXIV/2026', 'persidangan'],
      ['2026-12-10', '13:30', '25/PUU-XXIV/2026', 'putusan'],
      ['2026-12-10', '13:30', '27/PUU-XXIV/2026', 'putusan'],
      ['2026-12-17', '09:00', '28/PUU-XXIV/2026', 'putusan'],
    ]);
    expect(r.events[0]).toMatchObject({ law: 'Pengujian UU Nomor 1 Tahun 2023 tentang Kitab Undang-Undang Hukum Pidana', location: 'Ruang Sidang Panel 1', line: 3 });
    // The same row gives the same id next time (a second import finds it).
    expect(parseScheduleTable(hearings).events.map((e) => e.uid)).toEqual(r.events.map((e) => e.uid));
    expect(new Set(r.events.map((e) => e.uid)).size).toBe(8);
  });

  it('reads the non-hearing activities (visits, bimtek, seminars, anniversaries)', () => {
    const r = parseScheduleTable(activities);
    expect(r.problems).toEqual([]);
    expect(r.events.map((e) => [e.date, e.time, e.kind, e.allDay])).toEqual([
      ['2026-12-02', '10:00', 'kunjungan', false],
      ['2026-12-08', '08:00', 'bimtek', false],
      ['2026-12-15', '13:00', 'seminar', false],
      ['2026-12-19', '', 'hut', true],
    ]);
  });

  it('reads a table pasted from a spreadsheet (tabs)', () => {
    const r = parseScheduleTable('Tanggal\tJam\tAgenda\tNomor Perkara\n03/12/2026\t13:30\tPengucapan Putusan\t40/PUU-XXIV/2026\n');
    expect(r.events).toMatchObject([{ date: '2026-12-03', time: '13:30', kind: 'putusan', caseNumber: '40/PUU-XXIV/2026' }]);
  });

  it('names each bad row and its reason: no date, unreadable date or time, unknown case number, nothing said', () => {
    const r = parseScheduleTable(
      ['Tanggal,Waktu,Nomor Perkara,Agenda,Kegiatan', ',09.00,,,Rapat tanpa tanggal', '31/11/2026,09.00,,Pemeriksaan Pendahuluan,', '2026-12-02,jam sembilan,,,Kunjungan', '2026-12-02,09.00,38-PUU-2026,Pemeriksaan Pendahuluan,', '2026-12-02,09.00,,,'].join('\n'),
    );
    expect(r.events).toEqual([]);
    expect(r.problems.map((p) => [p.line, tr('id', p.msg, p.params)])).toEqual([
      [2, 'Acara "Rapat tanpa tanggal" tidak punya tanggal. Lengkapi tanggalnya di sumber, lalu impor lagi.'],
      [3, 'Tanggal "31/11/2026" tidak terbaca. Tulis seperti 2026-12-03, 03/12/2026 atau 3 Desember 2026.'],
      [4, 'Waktu "jam sembilan" tidak terbaca. Tulis seperti 09.00 atau 13:30.'],
      [5, 'Nomor perkara "38-PUU-2026" tidak dikenali. Tulis seperti 38/PUU-XXIV/2026.'],
      [6, 'Baris ini tidak punya agenda sidang maupun nama kegiatan. Isi salah satunya atau hapus barisnya.'],
    ]);
  });

  it('refuses a table without the needed columns, or nothing at all', () => {
    expect(parseScheduleTable('Nama,Alamat\nA,B\n').problems[0].msg.id).toContain('Baris judul kolom tidak ditemukan');
    expect(parseScheduleTable('  \n').problems[0].msg.id).toContain('kosong');
    expect(parseScheduleTable('Tanggal,Agenda\n').problems[0].msg.id).toContain('kosong');
  });
});

describe('dates, times and case numbers', () => {
  it('reads the forms the schedule uses', () => {
    expect(readScheduleDate('Kamis, 3 Desember 2026')).toBe('2026-12-03');
    expect(readScheduleDate('03-12-2026')).toBe('2026-12-03');
    expect(readScheduleDate('3 Des 2026')).toBe('2026-12-03');
    expect(readScheduleDate('30 Februari 2026')).toBeNull();
    expect(readScheduleTime('09.00 WIB')).toBe('09:00');
    expect(readScheduleTime('9:30 - 11:00')).toBe('09:30');
    expect(readScheduleTime('')).toBe('');
    expect(readScheduleTime('25.00')).toBeNull();
  });

  it('knows the Court\'s case number forms', () => {
    for (const ok of ['38/PUU-XXIV/2026', '1/SKLN-XXII/2024', '12/PHPU.D-VIII/2010', '100/PHP.BUP-XIX/2021', '01-01-02/PHPU.DPR-DPD-XXII/2024', ' 38 / puu-xxiv / 2026 ']) expect(isCaseNumber(ok)).toBe(true);
    for (const bad of ['38/PUU/2026', '38-PUU-XXIV-2026', 'PUU-XXIV/2026', '38/PUU-XXIV/26', '38/PUU-24/2026']) expect(isCaseNumber(bad)).toBe(false);
  });
});
