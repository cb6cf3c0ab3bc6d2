/**
 * The suggestions the Kabag can edit: which platforms and formats each kind of event gets
 * (Pengaturan `aturan_jadwal.<jenis>`), and recurring formats (Pengaturan `format_berulang`, or a
 * "Rutin:" line in the month's Strategi directions).
 */
import { parsePlatform, Platform } from '../platforms';
import type { Msg } from '../i18n';
import { SCHEDULE_MESSAGES as M } from './messages';
import { EVENT_KINDS, EventKind, PlatformFormat, RecurringFormat, ScheduleRules } from './types';

/** The Pengaturan key of each kind's rule. */
export const RULE_KEY_PREFIX = 'aturan_jadwal.';

/** Defaults written by setup; the Kabag edits them in Pengaturan. */
export const DEFAULT_RULE_TEXT: Record<EventKind, string> = {
  putusan: 'YouTube: siaran langsung; X: pembaruan; Instagram: carousel',
  pendahuluan: 'X: pembaruan',
  perbaikan: 'X: pembaruan',
  persidangan: 'X: pembaruan',
  kunjungan: 'Instagram: foto; Facebook: foto',
  bimtek: 'Instagram: foto; Facebook: foto',
  seminar: 'Instagram: poster; X: pembaruan',
  hut: 'Instagram: video; Facebook: video; X: pembaruan; YouTube: video',
  kegiatan: 'Instagram: foto; Facebook: foto',
};

export function isEventKind(v: string): v is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(v);
}

/** "YouTube: siaran langsung; X: pembaruan" (also "YouTube (siaran langsung), X") -> suggestions and unknown names. */
export function parseRuleText(text: string): { formats: PlatformFormat[]; unknown: string[] } {
  const formats: PlatformFormat[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[;,]+/)) {
    const t = part.trim();
    if (!t) continue;
    const m = /^([^:(]+?)\s*(?::\s*(.*)|\((.*)\))?$/.exec(t);
    const name = m ? m[1].trim() : t;
    const format = m ? (m[2] ?? m[3] ?? '').trim() : '';
    const p = parsePlatform(name);
    if (!p) unknown.push(name);
    else if (!formats.some((f) => f.platform === p)) formats.push({ platform: p, format });
  }
  return { formats, unknown };
}

export function defaultRules(): ScheduleRules {
  const out = {} as ScheduleRules;
  for (const k of EVENT_KINDS) out[k] = parseRuleText(DEFAULT_RULE_TEXT[k]).formats;
  return out;
}

/** The rules from the settings' texts (by kind), on top of the defaults. */
export function rulesFromTexts(texts: Partial<Record<EventKind, string>>): ScheduleRules {
  const out = defaultRules();
  for (const k of EVENT_KINDS) {
    const t = texts[k];
    if (t !== undefined) out[k] = parseRuleText(t).formats;
  }
  return out;
}

const DAYS: Record<string, number | 'kerja'> = {
  senin: 1, selasa: 2, rabu: 3, kamis: 4, jumat: 5, "jum'at": 5, 'hari kerja': 'kerja', kerja: 'kerja',
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, 'working day': 'kerja', 'every working day': 'kerja',
};

function dayOf(text: string): number | 'kerja' | null {
  const k = text.trim().toLowerCase().replace(/^setiap\s+/, '').replace(/\s+/g, ' ');
  return Object.prototype.hasOwnProperty.call(DAYS, k) ? DAYS[k] : null;
}

/** One `format_berulang` value: "Tahukah Kamu | Jumat | YouTube: video; Instagram: reels". */
export function parseRecurringSetting(value: string): { format: RecurringFormat | null; problem: { msg: Msg; params: Record<string, string> } | null } {
  const parts = value.split('|').map((x) => x.trim());
  const day = parts.length >= 2 ? dayOf(parts[1]) : null;
  if (parts.length < 3 || !parts[0] || day === null) return { format: null, problem: { msg: M.recurringBad, params: { value } } };
  const { formats, unknown } = parseRuleText(parts.slice(2).join('|'));
  if (unknown.length || !formats.length) return { format: null, problem: { msg: M.ruleUnknownPlatform, params: { key: 'format_berulang', value: unknown[0] ?? parts[2] } } };
  return { format: { name: parts[0], weekday: day, formats, origin: 'Pengaturan' }, problem: null };
}

const RUTIN_LINE = /^\s*(?:[-•*]\s*)?(?:rutin|berkala|konten\s+rutin)\s*:\s*(.+?)\s+setiap\s+(hari\s+kerja|senin|selasa|rabu|kamis|jum'?at)\b\s*(?:\(([^)]*)\))?/gim;

/**
 * Recurring formats written in the month's Strategi directions, one per line:
 * `Rutin: Tahukah Kamu setiap Jumat (video)` on the Strategi row of a platform puts a weekly
 * "Tahukah Kamu" on that platform. The same name on several platforms' rows is one format.
 */
export function recurringFromStrategy(rows: ReadonlyArray<{ platform: Platform | null; directions: string }>): RecurringFormat[] {
  const out: RecurringFormat[] = [];
  for (const r of rows) {
    if (!r.platform) continue;
    RUTIN_LINE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = RUTIN_LINE.exec(r.directions))) {
      const name = m[1].trim().replace(/^["“']|["”']$/g, '');
      const day = dayOf(m[2]);
      if (!name || day === null) continue;
      let f = out.find((x) => x.name.toLowerCase() === name.toLowerCase() && x.weekday === day);
      if (!f) {
        f = { name, weekday: day, formats: [], origin: 'Strategi' };
        out.push(f);
      }
      if (!f.formats.some((x) => x.platform === r.platform)) f.formats.push({ platform: r.platform, format: (m[3] ?? '').trim() });
    }
  }
  return out;
}
