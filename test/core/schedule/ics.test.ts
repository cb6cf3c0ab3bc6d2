import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIcs, tr } from './helpers';

const FIX = path.resolve(__dirname, '../../fixtures/schedule');
const ics = readFileSync(path.join(FIX, 'agenda-mk.ics'), 'utf8');

describe('parseIcs', () => {
  const r = parseIcs(ics);
  const by = (uid: string) => r.events.find((e) => e.uid === uid);

  it('reads every event, with no problem in a clean export', () => {
    expect(r.problems).toEqual([]);
    expect(r.events.map((e) => e.uid).sort()).toEqual(
      ['ahad-2026@mkri.example', 'akhir-november@mkri.example', 'audiensi-2026@mkri.example', 'hari-ibu-2026@mkri.example', 'pendahuluan-38-2026@mkri.example', 'perbaikan-35-2026@mkri.example', 'persidangan-30-2026@mkri.example', 'putusan-25-2026@mkri.example'].sort(),
    );
  });

  it('reads times in WIB whatever the zone they were written in', () => {
    expect(by('putusan-25-2026@mkri.example')).toMatchObject({ date: '2026-12-10', time: '13:30', allDay: false }); // TZID=Asia/Jakarta
    expect(by('pendahuluan-38-2026@mkri.example')).toMatchObject({ date: '2026-12-01', time: '09:00' }); // 02:00Z
    expect(by('perbaikan-35-2026@mkri.example')).toMatchObject({ date: '2026-12-03', time: '09:00' }); // the file's own VTIMEZONE, +08:00
    expect(by('persidangan-30-2026@mkri.example')).toMatchObject({ date: '2026-12-07', time: '10:00' }); // Asia/Makassar
    expect(by('audiensi-2026@mkri.example')).toMatchObject({ date: '2026-12-09', time: '13:30' }); // Amsterdam in winter, +01:00 (Intl)
  });

  it('keeps the date of all-day events as written', () => {
    expect(by('hari-ibu-2026@mkri.example')).toMatchObject({ date: '2026-12-19', time: '', allDay: true, kind: 'kegiatan' });
    expect(by('akhir-november@mkri.example')).toMatchObject({ date: '2026-11-30', allDay: true });
  });

  it('unfolds and unescapes text, finds the case number, the law and the agenda kind', () => {
    const e = by('putusan-25-2026@mkri.example');
    expect(e).toMatchObject({ kind: 'putusan', caseNumber: '25/PUU-XXIV/2026', location: 'Ruang Sidang Pleno, Gedung MK' });
    expect(e?.law).toBe('Pengujian UU Nomor 1 Tahun 2024 tentang Informasi dan Transaksi Elektronik');
    expect(by('pendahuluan-38-2026@mkri.example')?.kind).toBe('pendahuluan');
    expect(by('perbaikan-35-2026@mkri.example')?.kind).toBe('perbaikan');
    expect(by('persidangan-30-2026@mkri.example')?.kind).toBe('persidangan');
    expect(by('audiensi-2026@mkri.example')?.kind).toBe('kunjungan');
    expect(by('ahad-2026@mkri.example')?.kind).toBe('seminar');
  });

  it('leaves cancelled events out, with a note', () => {
    expect(by('seminar-batal@mkri.example')).toBeUndefined();
    expect(r.notes.map((n) => tr('id', n.msg, n.params))).toEqual(['Acara "Seminar yang batal" dibatalkan di kalender; tidak dibuat konsep.']);
  });

  it('refuses a file that is not a calendar, an event without a date, an unknown zone and a bad case number', () => {
    expect(parseIcs('Tanggal,Agenda\n2026-12-01,Sidang').problems.map((p) => p.msg.id)).toEqual([expect.stringContaining('tidak terbaca sebagai kalender')]);
    expect(parseIcs('').problems[0].msg.id).toContain('kosong');
    const noDate = parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:Rapat\nEND:VEVENT\nEND:VCALENDAR\n');
    expect(noDate.events).toEqual([]);
    expect(tr('id', noDate.problems[0].msg, noDate.problems[0].params)).toBe('Acara "Rapat" tidak punya tanggal. Lengkapi tanggalnya di sumber, lalu impor lagi.');
    expect(noDate.problems[0].line).toBe(2);
    const zone = parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:Rapat\nDTSTART;TZID=Mars/Olympus:20261201T090000\nEND:VEVENT\nEND:VCALENDAR\n');
    expect(tr('id', zone.problems[0].msg, zone.problems[0].params)).toContain('Zona waktu "Mars/Olympus"');
    const badCase = parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:Putusan 38/PUU/2026\nDTSTART:20261201T020000Z\nEND:VEVENT\nEND:VCALENDAR\n');
    expect(tr('id', badCase.problems[0].msg, badCase.problems[0].params)).toBe('Nomor perkara "38/PUU/2026" tidak dikenali. Tulis seperti 38/PUU-XXIV/2026.');
    const badDate = parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:X\nDTSTART:20261332T090000\nEND:VEVENT\nEND:VCALENDAR\n');
    expect(badDate.problems[0].msg.id).toContain('tidak terbaca');
  });

  it('reads a repeating event once, with a note, and a moved occurrence as its own event', () => {
    const r2 = parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:r\nSUMMARY:Rapat Mingguan\nDTSTART:20261201T020000Z\nRRULE:FREQ=WEEKLY\nEND:VEVENT\nBEGIN:VEVENT\nUID:r\nRECURRENCE-ID:20261208T020000Z\nSUMMARY:Rapat Mingguan\nDTSTART:20261209T020000Z\nEND:VEVENT\nEND:VCALENDAR\n');
    expect(r2.events.map((e) => [e.uid, e.date])).toEqual([['r', '2026-12-01'], ['r#20261208T020000Z', '2026-12-09']]);
    expect(r2.notes[0].msg.id).toContain('berulang');
  });
});
