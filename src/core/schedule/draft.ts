/**
 * Events -> draft plan items for one month (Draf, never submitted by themselves): planned date and
 * time, an activity text made from the event, a category, platforms and formats suggested by the
 * rules and the month's Strategi, recurring formats on working days, and for each row what the
 * import will do with it against what the month already holds.
 */
import { findCaseNumber, isHearing } from './kinds';
import { KIND_CATEGORY, KIND_LABELS, RECURRING_CATEGORY } from './messages';
import type { Platform } from '../platforms';
import type { EventKind, PlatformFormat, RecurringFormat, ScheduleEvent, ScheduleRules } from './types';

/** A plan item already in the workbook (any month; only the chosen month's are compared). */
export interface ExistingConcept {
  id: string;
  /** Planned date, YYYY-MM-DD ('' when empty). */
  date: string;
  activity: string;
  description: string;
  /** The schedule source id it was imported from ('' for a hand-made item). */
  source: string;
  /** Draf (or sent back for revision): the import may update it. */
  editable: boolean;
}

export interface DayInfo {
  working: boolean;
  weekend: boolean;
  /** The holiday's name (or 'libur') when the date is a holiday or collective leave day, else ''. */
  holiday: string;
}

export interface DraftInput {
  period: string;
  events: readonly ScheduleEvent[];
  /** How the preview names the source of an event ("jadwal.ics baris 12", "kalender Agenda MK"). */
  sourceOf: (e: ScheduleEvent) => string;
  rules: ScheduleRules;
  /** The month's Strategi rows (platform and directions). */
  strategy: ReadonlyArray<{ platform: Platform | null; directions: string }>;
  /** The platforms the office manages (Pengaturan `platform`). */
  platforms: readonly Platform[];
  recurring: readonly RecurringFormat[];
  day: (date: string) => DayInfo;
  existing: readonly ExistingConcept[];
}

/**
 * baru: a new item; perbarui: the item imported before from the same event changed (date, text);
 * sama: imported before, nothing changed; duplikat: the month already holds it (or the source lists
 * it twice); terkunci: imported before but submitted or approved, so it is left alone.
 */
export type DraftAction = 'baru' | 'perbarui' | 'sama' | 'duplikat' | 'terkunci';

export interface DraftRow {
  /** The source event's id, stored in the item (Sumber Jadwal). */
  key: string;
  source: string;
  kind: EventKind | 'rutin';
  date: string;
  time: string;
  activity: string;
  category: string;
  platforms: Platform[];
  /** "YouTube: siaran langsung; X: pembaruan". */
  formats: string;
  description: string;
  weekend: boolean;
  holiday: string;
  action: DraftAction;
  /** The item it updates or duplicates. */
  existingId: string;
  /** Proposed for writing (new and changed rows); the user may untick. */
  include: boolean;
}

export interface DraftResult {
  rows: DraftRow[];
  /** Events outside the chosen month (left out). */
  outside: number;
}

/** Words in a platform's Strategi directions that ask for this kind of event on that platform. */
const KIND_WORDS: Record<EventKind, RegExp> = {
  putusan: /putusan|ketetapan/i,
  pendahuluan: /\bsidang\b|persidangan|perkara/i,
  perbaikan: /\bsidang\b|persidangan|perkara/i,
  persidangan: /\bsidang\b|persidangan|perkara/i,
  kunjungan: /kunjungan/i,
  bimtek: /bimtek|bimbingan\s+teknis/i,
  seminar: /seminar|diskusi|webinar/i,
  hut: /\bhut\b|ulang\s+tahun/i,
  kegiatan: /\bkegiatan\b/i,
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9/]+/g, ' ').trim();

/**
 * The suggestion for a kind: the rule's platforms that the office manages; when the month has a
 * Strategi, only the platforms it gives directions for (unless none would be left), plus any
 * platform whose directions name this kind of event.
 */
export function suggest(kind: EventKind, input: Pick<DraftInput, 'rules' | 'strategy' | 'platforms'>): PlatformFormat[] {
  let out = input.rules[kind].filter((f) => input.platforms.includes(f.platform));
  const strat = input.strategy.filter((s): s is { platform: Platform; directions: string } => !!s.platform);
  if (strat.length) {
    const named = new Set(strat.map((s) => s.platform));
    const kept = out.filter((f) => named.has(f.platform));
    if (kept.length) out = kept;
    for (const s of strat) {
      if (KIND_WORDS[kind].test(s.directions) && input.platforms.includes(s.platform) && !out.some((f) => f.platform === s.platform)) out.push({ platform: s.platform, format: '' });
    }
  }
  return out;
}

export function formatsText(fs: readonly PlatformFormat[]): string {
  return fs.map((f) => (f.format ? `${f.platform}: ${f.format}` : f.platform)).join('; ');
}

/** The plan item's activity text for an event (always in Bahasa Indonesia: it is the plan's content). */
export function activityOf(e: ScheduleEvent): string {
  if (isHearing(e.kind) && e.caseNumber) return `${KIND_LABELS[e.kind].id} Perkara Nomor ${e.caseNumber}${e.law ? ` (${e.law})` : ''}`;
  return e.title;
}

/** The item's description: when, where, the agenda as written, the formats (not the file or line: a renamed file is the same schedule). */
function descriptionOf(e: ScheduleEvent, formats: string): string {
  const parts: string[] = [];
  parts.push(e.time ? `Pukul ${e.time.replace(':', '.')} WIB` : 'Sepanjang hari');
  if (e.location) parts.push(e.location);
  if (isHearing(e.kind) && e.caseNumber && e.title && norm(e.title) !== norm(KIND_LABELS[e.kind].id)) parts.push(`Agenda: ${e.title}`);
  if (formats) parts.push(`Format: ${formats}`);
  return parts.join(' · ');
}

function daysOfMonth(period: string): string[] {
  const [y, m] = period.split('-').map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const out: string[] = [];
  for (let d = 1; d <= n; d++) out.push(`${period}-${String(d).padStart(2, '0')}`);
  return out;
}

const dow = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * The dates of a recurring format in the month: each working day, or each week's given weekday;
 * when that day is not a working day, the next working day of the same week (none: that week is
 * skipped).
 */
export function recurringDates(f: RecurringFormat, period: string, day: (date: string) => DayInfo): string[] {
  const days = daysOfMonth(period);
  if (f.weekday === 'kerja') return days.filter((d) => day(d).working);
  const out: string[] = [];
  days.forEach((d, i) => {
    if (dow(d) !== f.weekday) return;
    for (let j = i; j < days.length && dow(days[j]) >= 1 && dow(days[j]) <= 5; j++) {
      if (day(days[j]).working) {
        out.push(days[j]);
        return;
      }
    }
  });
  return out;
}

export function draftRows(input: DraftInput): DraftResult {
  const month = input.existing.filter((x) => x.date.slice(0, 7) === input.period);
  const bySource = new Map<string, ExistingConcept>();
  for (const x of input.existing) if (x.source && !bySource.has(x.source)) bySource.set(x.source, x);
  const byText = new Map<string, ExistingConcept>();
  for (const x of month) {
    byText.set(`${x.date}|${norm(x.activity)}`, x);
    const c = findCaseNumber(x.activity).found;
    if (c) byText.set(`${x.date}|case:${c}`, x);
  }
  const seen = new Set<string>();
  const rows: DraftRow[] = [];
  let outside = 0;

  const place = (base: Omit<DraftRow, 'action' | 'existingId' | 'include' | 'weekend' | 'holiday'>, caseNumber: string) => {
    const info = input.day(base.date);
    const row: DraftRow = { ...base, weekend: info.weekend, holiday: info.holiday, action: 'baru', existingId: '', include: true };
    const prior = bySource.get(base.key);
    const same = byText.get(`${base.date}|${norm(base.activity)}`) ?? (caseNumber ? byText.get(`${base.date}|case:${caseNumber}`) : undefined);
    if (seen.has(base.key)) row.action = 'duplikat';
    else if (prior) {
      row.existingId = prior.id;
      if (!prior.editable) row.action = 'terkunci';
      else if (prior.date === base.date && prior.activity === base.activity && prior.description === base.description) row.action = 'sama';
      else row.action = 'perbarui';
    } else if (same) {
      row.action = 'duplikat';
      row.existingId = same.id;
    }
    row.include = row.action === 'baru' || row.action === 'perbarui';
    seen.add(base.key);
    rows.push(row);
  };

  for (const e of input.events) {
    if (e.date.slice(0, 7) !== input.period) {
      outside++;
      continue;
    }
    const fs = suggest(e.kind, input);
    const formats = formatsText(fs);
    const source = input.sourceOf(e);
    place(
      {
        key: e.uid,
        source,
        kind: e.kind,
        date: e.date,
        time: e.time,
        activity: activityOf(e),
        category: KIND_CATEGORY[e.kind],
        platforms: fs.map((f) => f.platform),
        formats,
        description: descriptionOf(e, formats),
      },
      e.caseNumber,
    );
  }
  for (const f of input.recurring) {
    const fs = f.formats.filter((x) => input.platforms.includes(x.platform));
    const formats = formatsText(fs);
    const slug = norm(f.name).replace(/\s+/g, '-');
    for (const date of recurringDates(f, input.period, input.day)) {
      const source = `format berulang (${f.origin})`;
      place(
        {
          key: `rutin:${slug}:${date}`,
          source,
          kind: 'rutin',
          date,
          time: '',
          activity: f.name,
          category: RECURRING_CATEGORY,
          platforms: fs.map((x) => x.platform),
          formats,
          description: `Konten rutin (${f.origin}) · Format: ${formats}`,
        },
        '',
      );
    }
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return { rows, outside };
}
