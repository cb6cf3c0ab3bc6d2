/**
 * Official non-working days for the SLA clock: national holidays (libur nasional, LN) and
 * collective leave (cuti bersama, CB), plus the Ramadan working-hours periods.
 *
 * Sources: SKB 3 Menteri 1497/2/5/2025 (2026) and SKB 1205/3/2/2026 (2027). Islamic dates follow
 * the Religious Affairs Minister's announcement each year and can move by a day, so this list is
 * only the DEFAULT: the workbook's Pengaturan tab holds the editable copy
 * (see parseCalendarSettings in calendar.ts). Dates are local dates in Asia/Jakarta.
 *
 * Where the decree text did not say which holiday a cuti bersama day belongs to, the name says
 * so with both neighbours; the date is what counts for the clock, the name is only a label.
 */

export type HolidayKind = 'LN' | 'CB';

export interface Holiday {
  /** Local date, 'YYYY-MM-DD'. */
  readonly date: string;
  readonly name: string;
  /** LN = libur nasional (national holiday), CB = cuti bersama (collective leave). */
  readonly kind: HolidayKind;
}

export const HOLIDAYS_2026: readonly Holiday[] = [
  { date: '2026-01-01', name: 'Tahun Baru 2026 Masehi', kind: 'LN' },
  { date: '2026-01-16', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'LN' },
  { date: '2026-02-16', name: 'Cuti Bersama Tahun Baru Imlek', kind: 'CB' },
  { date: '2026-02-17', name: 'Tahun Baru Imlek 2577 Kongzili', kind: 'LN' },
  { date: '2026-03-18', name: 'Cuti Bersama Hari Suci Nyepi', kind: 'CB' },
  { date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', kind: 'LN' },
  { date: '2026-03-20', name: 'Cuti Bersama Idulfitri', kind: 'CB' },
  { date: '2026-03-21', name: 'Idulfitri 1447 H', kind: 'LN' },
  { date: '2026-03-22', name: 'Idulfitri 1447 H', kind: 'LN' },
  { date: '2026-03-23', name: 'Cuti Bersama Idulfitri', kind: 'CB' },
  { date: '2026-03-24', name: 'Cuti Bersama Idulfitri', kind: 'CB' },
  { date: '2026-04-03', name: 'Wafat Yesus Kristus', kind: 'LN' },
  { date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'LN' },
  { date: '2026-05-01', name: 'Hari Buruh Internasional', kind: 'LN' },
  { date: '2026-05-14', name: 'Kenaikan Yesus Kristus', kind: 'LN' },
  { date: '2026-05-15', name: 'Cuti Bersama Kenaikan Yesus Kristus', kind: 'CB' },
  { date: '2026-05-27', name: 'Iduladha 1447 H', kind: 'LN' },
  { date: '2026-05-28', name: 'Cuti Bersama Iduladha', kind: 'CB' },
  { date: '2026-05-31', name: 'Hari Raya Waisak 2570 BE', kind: 'LN' },
  { date: '2026-06-01', name: 'Hari Lahir Pancasila', kind: 'LN' },
  { date: '2026-06-16', name: '1 Muharam Tahun Baru Islam 1448 H', kind: 'LN' },
  { date: '2026-08-17', name: 'Proklamasi Kemerdekaan', kind: 'LN' },
  { date: '2026-08-25', name: 'Maulid Nabi Muhammad SAW', kind: 'LN' },
  { date: '2026-12-24', name: 'Cuti Bersama Kelahiran Yesus Kristus', kind: 'CB' },
  { date: '2026-12-25', name: 'Kelahiran Yesus Kristus (Natal)', kind: 'LN' },
];

export const HOLIDAYS_2027: readonly Holiday[] = [
  { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'LN' },
  { date: '2027-01-05', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'LN' },
  { date: '2027-02-05', name: 'Cuti Bersama Tahun Baru Imlek', kind: 'CB' },
  { date: '2027-02-06', name: 'Tahun Baru Imlek 2578 Kongzili', kind: 'LN' },
  { date: '2027-03-08', name: 'Hari Suci Nyepi (Tahun Baru Saka 1949)', kind: 'LN' },
  { date: '2027-03-09', name: 'Cuti Bersama (Nyepi/Idulfitri)', kind: 'CB' },
  { date: '2027-03-10', name: 'Idulfitri 1448 H', kind: 'LN' },
  { date: '2027-03-11', name: 'Idulfitri 1448 H', kind: 'LN' },
  { date: '2027-03-12', name: 'Cuti Bersama Idulfitri', kind: 'CB' },
  { date: '2027-03-15', name: 'Cuti Bersama Idulfitri', kind: 'CB' },
  { date: '2027-03-25', name: 'Cuti Bersama Wafat Yesus Kristus', kind: 'CB' },
  { date: '2027-03-26', name: 'Wafat Yesus Kristus', kind: 'LN' },
  { date: '2027-03-28', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'LN' },
  { date: '2027-05-01', name: 'Hari Buruh Internasional', kind: 'LN' },
  { date: '2027-05-06', name: 'Kenaikan Yesus Kristus', kind: 'LN' },
  { date: '2027-05-17', name: 'Iduladha 1448 H', kind: 'LN' },
  { date: '2027-05-18', name: 'Cuti Bersama Iduladha', kind: 'CB' },
  { date: '2027-05-19', name: 'Cuti Bersama (Iduladha/Waisak)', kind: 'CB' },
  { date: '2027-05-20', name: 'Hari Raya Waisak 2571 BE', kind: 'LN' },
  { date: '2027-06-01', name: 'Hari Lahir Pancasila', kind: 'LN' },
  { date: '2027-06-06', name: '1 Muharam Tahun Baru Islam 1449 H', kind: 'LN' },
  { date: '2027-08-15', name: 'Maulid Nabi Muhammad SAW', kind: 'LN' },
  { date: '2027-08-17', name: 'Proklamasi Kemerdekaan', kind: 'LN' },
  { date: '2027-12-24', name: 'Cuti Bersama Kelahiran Yesus Kristus', kind: 'CB' },
  { date: '2027-12-25', name: 'Kelahiran Yesus Kristus (Natal)', kind: 'LN' },
  { date: '2027-12-26', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'LN' },
];

/** All default holidays, sorted by date. */
export const DEFAULT_HOLIDAYS: readonly Holiday[] = HOLIDAYS_2026.concat(HOLIDAYS_2027);

/** Working periods of one day, local time 'HH:MM' (end exclusive; '24:00' allowed as an end). */
export interface WorkPeriod {
  readonly start: string;
  readonly end: string;
}

/** 0 = Sunday (Minggu) ... 6 = Saturday (Sabtu), as Date.getUTCDay. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Working periods per weekday, breaks excluded. A missing weekday has no working time. */
export type WeekHours = { readonly [D in Weekday]?: readonly WorkPeriod[] };

/**
 * Normal regime (Perpres 21/2023): 37.5 net hours a week from 07:30.
 * Mon-Thu 07:30-16:00 with a 12:00-13:00 break; Fri 07:30-16:30 with an 11:30-13:00 break.
 */
export const NORMAL_WEEK: WeekHours = {
  1: [{ start: '07:30', end: '12:00' }, { start: '13:00', end: '16:00' }],
  2: [{ start: '07:30', end: '12:00' }, { start: '13:00', end: '16:00' }],
  3: [{ start: '07:30', end: '12:00' }, { start: '13:00', end: '16:00' }],
  4: [{ start: '07:30', end: '12:00' }, { start: '13:00', end: '16:00' }],
  5: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }],
};

/**
 * Ramadan regime: 32.5 net hours a week from 08:00.
 * Mon-Thu 08:00-15:00 with a 12:00-12:30 break; Fri 08:00-15:30 with an 11:30-12:30 break.
 */
export const RAMADAN_WEEK: WeekHours = {
  1: [{ start: '08:00', end: '12:00' }, { start: '12:30', end: '15:00' }],
  2: [{ start: '08:00', end: '12:00' }, { start: '12:30', end: '15:00' }],
  3: [{ start: '08:00', end: '12:00' }, { start: '12:30', end: '15:00' }],
  4: [{ start: '08:00', end: '12:00' }, { start: '12:30', end: '15:00' }],
  5: [{ start: '08:00', end: '11:30' }, { start: '12:30', end: '15:30' }],
};

export interface SpecialPeriod {
  /** First local date, inclusive, 'YYYY-MM-DD'. */
  readonly from: string;
  /** Last local date, inclusive, 'YYYY-MM-DD'. */
  readonly to: string;
  readonly name?: string;
  readonly week: WeekHours;
}

/**
 * Ramadan periods with the Ramadan working hours. The dates are the expected ones (1 Ramadan to
 * the day before Idulfitri); the real dates and hours follow the official announcement (the
 * Religious Affairs Minister's isbat decision and the MenPAN-RB circular on Ramadan working hours)
 * and must be corrected in the workbook's settings when it differs.
 */
export const DEFAULT_RAMADAN_PERIODS: readonly SpecialPeriod[] = [
  { from: '2026-02-19', to: '2026-03-20', name: 'Ramadan 1447 H', week: RAMADAN_WEEK },
  { from: '2027-02-08', to: '2027-03-09', name: 'Ramadan 1448 H', week: RAMADAN_WEEK },
];
