import fc from 'fast-check';
import {
  addWorkingMinutes,
  addWorkingMs,
  calendarSettingsRows,
  defaultCalendar,
  firstWorkingDayOfMonth,
  formatWeekHours,
  isWorkingDay,
  isWorkingTime,
  localDate,
  localDateTime,
  nextWorkingDayStart,
  nextWorkingMoment,
  parseCalendarSettings,
  parseDateCell,
  parseWeekHours,
  validateCalendar,
  workingMinutesBetween,
  workingMsBetween,
  type WorkCalendar,
} from '../../src/core/calendar';
import { DEFAULT_HOLIDAYS, DEFAULT_RAMADAN_PERIODS, NORMAL_WEEK, RAMADAN_WEEK } from '../../src/core/holidays';

const cal = defaultCalendar();
const at = (date: string, time = '00:00'): number => localDateTime(cal, date, time);
const MIN = 60000;
const DAY = 86400000;

/** Independent per-minute oracle: is the minute starting at t working time in the default calendar? */
function oracleWorking(t: number): boolean {
  const local = new Date(t + 7 * 3600000);
  const date = local.toISOString().slice(0, 10);
  if (DEFAULT_HOLIDAYS.some((h) => h.date === date)) return false;
  const ramadan = DEFAULT_RAMADAN_PERIODS.some((p) => date >= p.from && date <= p.to);
  const week = ramadan ? RAMADAN_WEEK : NORMAL_WEEK;
  const periods = week[local.getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6] || [];
  const hhmm = local.toISOString().slice(11, 16);
  return periods.some((p) => hhmm >= p.start && hhmm < p.end);
}

// Minute-aligned instants from 2025-12-01 to 2028-01-31 (the default lists cover 2026 and 2027).
const FROM_MIN = Date.UTC(2025, 11, 1) / MIN;
const TO_MIN = Date.UTC(2028, 0, 31) / MIN;
const minuteInstant = fc.integer({ min: FROM_MIN, max: TO_MIN }).map((m) => m * MIN);
const msInstant = fc.integer({ min: FROM_MIN * MIN, max: TO_MIN * MIN });

describe('defaultCalendar', () => {
  test('is valid and works in +07:00 whatever the host time zone', () => {
    expect(validateCalendar(cal)).toEqual([]);
    expect(cal.utcOffsetMinutes).toBe(420);
    expect(at('2026-02-02', '07:30')).toBe(Date.UTC(2026, 1, 2, 0, 30));
    expect(localDate(cal, Date.UTC(2026, 1, 1, 17, 0))).toBe('2026-02-02');
    expect(localDate(cal, Date.UTC(2026, 1, 1, 16, 59))).toBe('2026-02-01');
  });

  test('a normal week has 2250 working minutes, Mon-Thu and Fri 450 each', () => {
    expect(workingMinutesBetween(cal, at('2026-02-02'), at('2026-02-09'))).toBe(2250);
    for (const d of ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06']) {
      expect(workingMinutesBetween(cal, at(d), at(d) + DAY)).toBe(450);
    }
  });

  test('a Ramadan week has 1950 working minutes (390 a day)', () => {
    expect(workingMinutesBetween(cal, at('2026-02-23'), at('2026-03-02'))).toBe(1950);
    expect(workingMinutesBetween(cal, at('2026-02-27'), at('2026-02-28'))).toBe(390);
  });

  test('Friday break 11:30-13:00 is excluded, the Mon-Thu break is 12:00-13:00', () => {
    expect(workingMinutesBetween(cal, at('2026-02-06', '11:00'), at('2026-02-06', '13:30'))).toBe(60);
    expect(workingMinutesBetween(cal, at('2026-02-05', '11:00'), at('2026-02-05', '13:30'))).toBe(90);
    expect(addWorkingMinutes(cal, at('2026-02-06', '11:00'), 45)).toBe(at('2026-02-06', '13:15'));
  });

  test('over a weekend', () => {
    expect(workingMinutesBetween(cal, at('2026-02-06', '16:00'), at('2026-02-09', '08:00'))).toBe(60);
    expect(addWorkingMinutes(cal, at('2026-02-06', '16:00'), 60)).toBe(at('2026-02-09', '08:00'));
    expect(isWorkingDay(cal, at('2026-02-07', '10:00'))).toBe(false);
    expect(nextWorkingDayStart(cal, at('2026-02-06', '09:00'))).toBe(at('2026-02-09', '07:30'));
  });

  test('over Idulfitri 2026 with cuti bersama (18-24 March) and the end of Ramadan hours', () => {
    // Tue 17 March is a Ramadan day (08:00-12:00, 12:30-15:00): 60 minutes left after 14:00.
    expect(addWorkingMinutes(cal, at('2026-03-17', '14:00'), 90)).toBe(at('2026-03-25', '08:00'));
    expect(workingMinutesBetween(cal, at('2026-03-17'), at('2026-03-25'))).toBe(390);
    for (const d of ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24']) {
      expect(isWorkingDay(cal, at(d, '09:00'))).toBe(false);
    }
    expect(nextWorkingDayStart(cal, at('2026-03-17', '10:00'))).toBe(at('2026-03-25', '07:30'));
  });

  test('a budget that runs out at a break ends at the break, not after it', () => {
    expect(addWorkingMinutes(cal, at('2026-02-02', '07:30'), 270)).toBe(at('2026-02-02', '12:00'));
    expect(addWorkingMinutes(cal, at('2026-02-02', '07:30'), 271)).toBe(at('2026-02-02', '13:01'));
    expect(addWorkingMinutes(cal, at('2026-02-02', '12:15'), 0)).toBe(at('2026-02-02', '12:15'));
  });

  test('SOP standard of 3600 working minutes is eight normal working days', () => {
    // Mon 2 Feb 07:30 + 3600 min = 1.6 weeks: Mon 2 - Fri 6 (2250), Mon 9 - Wed 11 (1350).
    expect(addWorkingMinutes(cal, at('2026-02-02', '07:30'), 3600)).toBe(at('2026-02-11', '16:00'));
  });

  test('a three-month span equals the per-minute count', () => {
    const a = at('2026-04-01', '10:17');
    const b = at('2026-07-01', '09:03');
    let expected = 0;
    for (let t = a; t < b; t += MIN) if (oracleWorking(t)) expected++;
    expect(workingMinutesBetween(cal, a, b)).toBe(expected);
    expect(addWorkingMinutes(cal, a, expected)).toBeLessThanOrEqual(b);
    expect(workingMinutesBetween(cal, a, addWorkingMinutes(cal, a, expected))).toBe(expected);
  });

  test('edge values', () => {
    expect(workingMinutesBetween(cal, at('2026-02-03'), at('2026-02-02'))).toBe(0);
    expect(workingMsBetween(cal, at('2026-02-02', '08:00'), at('2026-02-02', '08:00') + 1500)).toBe(1500);
    expect(() => addWorkingMinutes(cal, at('2026-02-02'), -1)).toThrow(RangeError);
    expect(() => workingMinutesBetween(cal, NaN, 0)).toThrow(RangeError);
    const never: WorkCalendar = { utcOffsetMinutes: 420, week: {}, holidays: [] };
    expect(() => addWorkingMinutes(never, 0, 1)).toThrow(/no working time/);
    expect(firstWorkingDayOfMonth(never, 2026, 1)).toBeNull();
  });

  test('isWorkingTime, nextWorkingMoment', () => {
    expect(isWorkingTime(cal, at('2026-02-02', '07:30'))).toBe(true);
    expect(isWorkingTime(cal, at('2026-02-02', '12:00'))).toBe(false);
    expect(nextWorkingMoment(cal, at('2026-02-02', '12:00'))).toBe(at('2026-02-02', '13:00'));
    expect(nextWorkingMoment(cal, at('2026-02-02', '09:10'))).toBe(at('2026-02-02', '09:10'));
    expect(nextWorkingMoment(cal, at('2026-02-06', '16:30'))).toBe(at('2026-02-09', '07:30'));
  });

  test('firstWorkingDayOfMonth skips New Year and weekends', () => {
    expect(firstWorkingDayOfMonth(cal, 2026, 1)).toEqual({ date: '2026-01-02', dayStartMs: at('2026-01-02'), workStartMs: at('2026-01-02', '07:30') });
    expect(firstWorkingDayOfMonth(cal, 2026, 3)?.date).toBe('2026-03-02');
    expect(firstWorkingDayOfMonth(cal, 2026, 3)?.workStartMs).toBe(at('2026-03-02', '08:00')); // Ramadan hours
    expect(firstWorkingDayOfMonth(cal, 2026, 8)?.date).toBe('2026-08-03');
    expect(firstWorkingDayOfMonth(cal, 2027, 5)?.date).toBe('2027-05-03');
    expect(() => firstWorkingDayOfMonth(cal, 2026, 13)).toThrow(RangeError);
  });

  test('does not depend on the host time zone (calendar offset drives everything)', () => {
    const utcCal: WorkCalendar = { ...cal, utcOffsetMinutes: 0 };
    // 07:30 UTC is 14:30 WIB: the same wall-clock hours shift by seven hours.
    expect(localDateTime(utcCal, '2026-02-02', '07:30') - at('2026-02-02', '07:30')).toBe(7 * 3600000);
    expect(workingMinutesBetween(utcCal, localDateTime(utcCal, '2026-02-02'), localDateTime(utcCal, '2026-02-09'))).toBe(2250);
  });
});

describe('properties', () => {
  test('additivity (ms, any instants): between(a,c) = between(a,b) + between(b,c)', () => {
    fc.assert(fc.property(msInstant, msInstant, msInstant, (x, y, z) => {
      const [a, b, c] = [x, y, z].sort((p, q) => p - q);
      expect(workingMsBetween(cal, a, c)).toBe(workingMsBetween(cal, a, b) + workingMsBetween(cal, b, c));
    }), { numRuns: 500 });
  });

  test('monotonicity: a later end never counts less, a later start never counts more', () => {
    fc.assert(fc.property(minuteInstant, minuteInstant, fc.integer({ min: 0, max: 20000 }), (a, b, d) => {
      expect(workingMinutesBetween(cal, a, b + d * MIN)).toBeGreaterThanOrEqual(workingMinutesBetween(cal, a, b));
      expect(workingMinutesBetween(cal, a + d * MIN, b)).toBeLessThanOrEqual(workingMinutesBetween(cal, a, b));
    }), { numRuns: 500 });
  });

  test('addWorkingMinutes is the inverse of workingMinutesBetween and the earliest such instant', () => {
    fc.assert(fc.property(minuteInstant, fc.integer({ min: 1, max: 30000 }), (s, m) => {
      const r = addWorkingMinutes(cal, s, m);
      expect(workingMinutesBetween(cal, s, r)).toBe(m);
      expect(workingMsBetween(cal, s, r - 1)).toBeLessThan(m * MIN);
      // Lands inside a working period or exactly at its end: the millisecond before is working.
      expect(isWorkingTime(cal, r - 1)).toBe(true);
      expect(isWorkingDay(cal, r - 1)).toBe(true);
      expect(oracleWorking(Math.floor((r - 1) / MIN) * MIN)).toBe(true);
    }), { numRuns: 500 });
  });

  test('inverse holds for sub-minute starts in ms', () => {
    fc.assert(fc.property(msInstant, fc.integer({ min: 1, max: 5e8 }), (s, ms) => {
      expect(workingMsBetween(cal, s, addWorkingMs(cal, s, ms))).toBe(ms);
    }), { numRuns: 300 });
  });

  test('matches a per-minute oracle on spans up to ten days', () => {
    fc.assert(fc.property(minuteInstant, fc.integer({ min: 0, max: 14400 }), (a, len) => {
      let expected = 0;
      for (let t = a; t < a + len * MIN; t += MIN) if (oracleWorking(t)) expected++;
      expect(workingMinutesBetween(cal, a, a + len * MIN)).toBe(expected);
    }), { numRuns: 80 });
  });

  test('any 7-day window of a calendar without holidays has exactly 2250 minutes', () => {
    const plain: WorkCalendar = { utcOffsetMinutes: 420, week: NORMAL_WEEK, holidays: [] };
    fc.assert(fc.property(msInstant, (s) => {
      expect(workingMinutesBetween(plain, s, s + 7 * DAY)).toBe(2250);
    }), { numRuns: 500 });
  });

  test('settings rows round-trip through parseCalendarSettings', () => {
    fc.assert(fc.property(fc.subarray(DEFAULT_HOLIDAYS.slice()), minuteInstant, minuteInstant, (hols, a, b) => {
      const source: WorkCalendar = { ...cal, holidays: hols.map((h) => h.date) };
      const parsed = parseCalendarSettings(calendarSettingsRows(source, hols), { fallback: { calendar: { ...cal, holidays: [] }, holidays: [] } });
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      expect(parsed.holidays.map((h) => h.date).sort()).toEqual(hols.map((h) => h.date).sort());
      expect(workingMsBetween(parsed.calendar, Math.min(a, b), Math.max(a, b))).toBe(workingMsBetween(source, Math.min(a, b), Math.max(a, b)));
    }), { numRuns: 100 });
  });
});

describe('holiday data', () => {
  test('has the 2026 and 2027 cuti bersama from the decrees, all on weekdays, sorted and unique', () => {
    const cb = DEFAULT_HOLIDAYS.filter((h) => h.kind === 'CB').map((h) => h.date);
    expect(cb).toEqual([
      '2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24',
      '2027-02-05', '2027-03-09', '2027-03-12', '2027-03-15', '2027-03-25', '2027-05-18', '2027-05-19', '2027-12-24',
    ]);
    for (const d of cb) expect([1, 2, 3, 4, 5]).toContain(new Date(d + 'T00:00:00Z').getUTCDay());
    const dates = DEFAULT_HOLIDAYS.map((h) => h.date);
    expect(dates).toEqual(dates.slice().sort());
    expect(new Set(dates).size).toBe(dates.length);
    expect(DEFAULT_HOLIDAYS.find((h) => h.date === '2026-03-20')).toEqual({ date: '2026-03-20', name: 'Cuti Bersama Idulfitri', kind: 'CB' });
    expect(DEFAULT_HOLIDAYS.filter((h) => /Idulfitri 144/.test(h.name)).map((h) => h.date)).toEqual(['2026-03-21', '2026-03-22', '2027-03-10', '2027-03-11']);
  });
});

describe('parseWeekHours / formatWeekHours', () => {
  test('parses the documented example', () => {
    const r = parseWeekHours('Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30');
    expect(r).toEqual({ ok: true, week: NORMAL_WEEK });
  });

  test('accepts full names, dots, en dashes, lists and "libur"', () => {
    const r = parseWeekHours('Senin, Rabu 07.30–12.00\nJumat 08:00 s.d. 11:00; Sabtu libur');
    expect(r).toEqual({ ok: true, week: { 1: [{ start: '07:30', end: '12:00' }], 3: [{ start: '07:30', end: '12:00' }], 5: [{ start: '08:00', end: '11:00' }], 6: [] } });
  });

  test('formats back to the compact form', () => {
    expect(formatWeekHours(NORMAL_WEEK)).toBe('Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30');
    expect(formatWeekHours(RAMADAN_WEEK)).toBe('Sen-Kam 08:00-12:00,12:30-15:00; Jum 08:00-11:30,12:30-15:30');
  });

  test('explains each mistake in Indonesian', () => {
    const r = parseWeekHours('Snn-Kam 07:30-12:00; Jum 13:00-11:00; Sel 07:30-12:00,11:00-14:00; Rab 7-12');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(4);
    expect(r.errors[0]).toMatch(/nama hari "Snn" tidak dikenal; gunakan Sen, Sel/);
    expect(r.errors[1]).toMatch(/jam mulai harus sebelum jam selesai/);
    expect(r.errors[2]).toMatch(/07:30-12:00 dan 11:00-14:00 tumpang tindih/);
    expect(r.errors[3]).toMatch(/jam "7-12" tidak dipahami; tulis JJ:MM-JJ:MM/);
  });

  test('rejects a day named twice, an empty text and hours without days', () => {
    const twice = parseWeekHours('Sen-Rab 08:00-12:00; Rab 13:00-15:00');
    expect(twice.ok === false && twice.errors[0]).toMatch(/hari Rabu disebut lebih dari sekali/);
    expect(parseWeekHours('  ').ok).toBe(false);
    const noDay = parseWeekHours('07:30-12:00');
    expect(noDay.ok === false && noDay.errors[0]).toMatch(/nama hari tidak ada/);
    const badClock = parseWeekHours('Sen 07:30-24:30');
    expect(badClock.ok === false && badClock.errors[0]).toMatch(/tidak dipahami/);
  });
});

describe('parseCalendarSettings', () => {
  test('reads hours, holidays in one cell or spread over cells, Date cells, and ignores other keys', () => {
    const rows: unknown[][] = [
      ['Pengaturan', ''],
      ['Standar waktu langkah 4', 3600],
      ['Zona waktu', 'WIB'],
      ['Jam kerja', 'Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30'],
      ['Libur', '2026-03-20 | Cuti Bersama Idulfitri'],
      ['Libur', new Date(Date.UTC(2026, 2, 20, 17, 0)), 'Idulfitri 1447 H'], // 21 March 00:00 WIB
      ['libur:', '17/08/2026', 'Proklamasi Kemerdekaan', 'LN'],
      ['Libur', '25 Desember 2026 | Natal'],
      ['Jam kerja khusus', '2026-02-19 s.d. 2026-03-19 | Ramadan 1447 H | Sen-Kam 08:00-12:00,12:30-15:00; Jum 08:00-11:30,12:30-15:30'],
    ];
    const r = parseCalendarSettings(rows);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.holidays).toEqual([
      { date: '2026-03-20', name: 'Cuti Bersama Idulfitri', kind: 'CB' },
      { date: '2026-03-21', name: 'Idulfitri 1447 H', kind: 'LN' },
      { date: '2026-08-17', name: 'Proklamasi Kemerdekaan', kind: 'LN' },
      { date: '2026-12-25', name: 'Natal', kind: 'LN' },
    ]);
    expect(r.calendar.special).toEqual([{ from: '2026-02-19', to: '2026-03-19', name: 'Ramadan 1447 H', week: RAMADAN_WEEK }]);
    expect(r.calendar.utcOffsetMinutes).toBe(420);
    // 18 March is no longer a holiday here (only the rows count), and it is a Ramadan day.
    expect(isWorkingDay(r.calendar, localDateTime(r.calendar, '2026-03-18', '09:00'))).toBe(true);
    expect(workingMinutesBetween(r.calendar, localDateTime(r.calendar, '2026-03-18'), localDateTime(r.calendar, '2026-03-19'))).toBe(390);
  });

  test('falls back to the defaults for parts without rows', () => {
    const r = parseCalendarSettings([['Lain-lain', 'x']]);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.holidays).toEqual(DEFAULT_HOLIDAYS);
    expect(r.calendar.week).toEqual(NORMAL_WEEK);
    expect(workingMinutesBetween(r.calendar, at('2026-03-17'), at('2026-03-25'))).toBe(390);
  });

  test('reports every problem with its row number and how to fix it', () => {
    const r = parseCalendarSettings([
      ['Jam kerja', 'Sen-Kam 07:30-12:00'],
      ['Libur', '2026-02-30 | Salah'],
      ['Zona waktu', 'Mars'],
      ['Jam kerja khusus', '2026-03-20 s.d. 2026-02-19 | Sen 08:00-12:00'],
      ['Jam kerja khusus', 'Ramadan | Sen 08:00-12:00'],
      ['Jam kerja', 'Sen 08:00-12:00'],
    ], { firstRow: 10 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'Baris 12: zona waktu "Mars" tidak dikenal; tulis WIB, WITA, WIT atau selisih dari UTC seperti +07:00.',
      'Baris 11: tanggal libur "2026-02-30" tidak valid; tulis misalnya "2026-03-20 | Cuti Bersama Idulfitri".',
      'Baris 13: tanggal awal 2026-03-20 setelah tanggal akhir 2026-02-19; tukar urutannya.',
      expect.stringMatching(/^Baris 14: jam kerja khusus perlu tanggal awal dan akhir/),
      'Baris 15: baris "Jam kerja" ada lebih dari satu; simpan satu baris saja.',
    ]);
  });

  test('overlapping special periods are an error', () => {
    const r = parseCalendarSettings([
      ['Jam kerja khusus', '2026-02-19 | 2026-03-20 | Sen 08:00-12:00'],
      ['Jam kerja khusus', '2026-03-01 | 2026-03-05 | Sen 09:00-12:00'],
    ]);
    expect(r.ok === false && r.errors[0]).toMatch(/tumpang tindih/);
  });

  test('parseDateCell formats', () => {
    expect(parseDateCell('2026-3-5')).toBe('2026-03-05');
    expect(parseDateCell('05-03-2026')).toBe('2026-03-05');
    expect(parseDateCell('5 Mei 2027')).toBe('2027-05-05');
    expect(parseDateCell('31/04/2026')).toBeNull();
    expect(parseDateCell('5 Foo 2026')).toBeNull();
    expect(parseDateCell(42)).toBeNull();
    expect(parseDateCell(new Date(NaN))).toBeNull();
  });

  test('validateCalendar reports bad data in a hand-built calendar', () => {
    const bad: WorkCalendar = { utcOffsetMinutes: 1000, week: { 1: [{ start: '12:00', end: '08:00' }] }, holidays: ['2026-13-01'] };
    const errors = validateCalendar(bad);
    expect(errors).toHaveLength(3);
    expect(() => workingMinutesBetween(bad, 0, 1)).toThrow(RangeError);
  });
});
