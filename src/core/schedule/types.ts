/** The shapes of the schedule import (issue 18, part 1): events read from a source, and the draft rows made from them. */
import type { Msg } from '../i18n';
import type { Platform } from '../platforms';

/**
 * What an event is. The four hearing agendas of the Court (Pemeriksaan Pendahuluan, Perbaikan
 * Permohonan, Pemeriksaan Persidangan, Pengucapan Putusan/Ketetapan) and the non-hearing activities.
 */
export type EventKind = 'pendahuluan' | 'perbaikan' | 'persidangan' | 'putusan' | 'kunjungan' | 'bimtek' | 'seminar' | 'hut' | 'kegiatan';

export const EVENT_KINDS: readonly EventKind[] = ['pendahuluan', 'perbaikan', 'persidangan', 'putusan', 'kunjungan', 'bimtek', 'seminar', 'hut', 'kegiatan'];

/** Where the events came from: a Google Calendar, an .ics file, or a CSV/pasted table. */
export type SourceKind = 'kalender' | 'ics' | 'tabel';

export interface ScheduleEvent {
  /** Stable id of the event in its source (the calendar's or .ics UID; the table's own id, or one made from date, time and case). */
  uid: string;
  /** 1-based line of the source where the event starts (0 for a calendar). */
  line: number;
  /** Local date (WIB), YYYY-MM-DD. */
  date: string;
  /** Local start time (WIB), HH:MM; '' for an all-day event. */
  time: string;
  allDay: boolean;
  /** The event's own words (calendar title, agenda or activity name). */
  title: string;
  location: string;
  /** A case number in the Court's form (38/PUU-XXIV/2026), or ''. */
  caseNumber: string;
  /** The law under review (pokok perkara), or ''. */
  law: string;
  kind: EventKind;
}

/** A reason an input cannot be imported (the whole import writes nothing while any remains). */
export interface ScheduleProblem {
  line: number;
  msg: Msg;
  params: Record<string, string | number>;
}

export interface ParsedSchedule {
  events: ScheduleEvent[];
  problems: ScheduleProblem[];
  /** Things worth knowing that do not stop the import (a cancelled event left out, a repeat rule read once). */
  notes: ScheduleProblem[];
}

/** One suggestion of a rule: a platform and the format for it ("siaran langsung", "carousel"). */
export interface PlatformFormat {
  platform: Platform;
  format: string;
}

export type ScheduleRules = Record<EventKind, PlatformFormat[]>;

/** A recurring format (a weekly "Tahukah Kamu" video), placed on working days. */
export interface RecurringFormat {
  name: string;
  /** 1 (Monday) to 5 (Friday), or 'kerja' for every working day. */
  weekday: number | 'kerja';
  formats: PlatformFormat[];
  /** Where it was written: 'Strategi' or 'Pengaturan'. */
  origin: string;
}
