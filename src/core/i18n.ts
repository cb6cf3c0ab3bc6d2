/**
 * Language: Bahasa Indonesia first, English as a setting. Each feature keeps its own message table
 * (`defineMessages`), so features do not edit one shared file. Dates read "5 Januari 2026", times WIB.
 */
export type Lang = 'id' | 'en';

export interface Msg {
  id: string;
  en: string;
}

export function parseLang(value: unknown): Lang {
  const v = String(value ?? '').trim().toLowerCase();
  return v === 'en' || v === 'english' || v === 'inggris' || v.startsWith('en-') || v.startsWith('en_') ? 'en' : 'id';
}

/**
 * A message table. Placeholders are written {name}. The build marks each call as pure
 * (scripts/build.mjs), so a table nobody reads is left out of dist/Code.js.
 */
export function defineMessages<T extends Record<string, Msg>>(table: T): T {
  return table;
}

export function tr(lang: Lang, msg: Msg, params: Record<string, string | number> = {}): string {
  const text = msg[lang] ?? msg.id;
  // A value that already ends a sentence ("Dr. Rahmat Hidayat, M.Si.") takes the place of the
  // template's full stop: never "M.Si..".
  return text.replace(/\{(\w+)\}(\.(?!\.))?/g, (m, name: string, dot: string | undefined) => {
    if (!(name in params)) return m;
    const v = String(params[name]);
    return dot && /\.$/.test(v) ? v : v + (dot ?? '');
  });
}

export const MONTHS: Record<Lang, readonly string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
export const WEEKDAYS: Record<Lang, readonly string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** Wall-clock parts of an instant in a fixed UTC offset (WIB is +07:00, no daylight saving). */
export function wallClock(ms: number, utcOffsetMinutes = 420) {
  const d = new Date(ms + utcOffsetMinutes * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "5 Januari 2026" / "5 January 2026". */
export function formatDate(ms: number, lang: Lang = 'id', utcOffsetMinutes = 420): string {
  const w = wallClock(ms, utcOffsetMinutes);
  return `${w.day} ${MONTHS[lang][w.month - 1]} ${w.year}`;
}

/** "5 Januari 2026 09.30 WIB" (Indonesian uses a dot in times) / "5 January 2026 09:30 WIB". */
export function formatDateTime(ms: number, lang: Lang = 'id', utcOffsetMinutes = 420): string {
  const w = wallClock(ms, utcOffsetMinutes);
  const sep = lang === 'id' ? '.' : ':';
  return `${formatDate(ms, lang, utcOffsetMinutes)} ${pad(w.hour)}${sep}${pad(w.minute)} ${zoneName(utcOffsetMinutes)}`;
}

export function zoneName(utcOffsetMinutes: number): string {
  if (utcOffsetMinutes === 420) return 'WIB';
  if (utcOffsetMinutes === 480) return 'WITA';
  if (utcOffsetMinutes === 540) return 'WIT';
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const a = Math.abs(utcOffsetMinutes);
  return `UTC${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** "Desember 2026" for "2026-12". */
export function formatPeriod(period: string, lang: Lang = 'id'): string {
  const [y, m] = period.split('-').map(Number);
  if (!y || !m) return period;
  return `${MONTHS[lang][m - 1]} ${y}`;
}

/** Numbers with Indonesian separators: 1.234,5 (or English 1,234.5). */
export function formatNumber(n: number, lang: Lang = 'id', decimals = 0): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const group = lang === 'id' ? '.' : ',';
  const dec = lang === 'id' ? ',' : '.';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${n < 0 ? '-' : ''}${grouped}${frac ? dec + frac : ''}`;
}

export function formatPercent(ratio: number, lang: Lang = 'id', decimals = 1): string {
  return `${formatNumber(ratio * 100, lang, decimals)}%`;
}

/** Working minutes as "1 hari 2 jam 5 menit" using a 450-minute working day, or plain minutes. */
export function formatMinutes(min: number, lang: Lang = 'id'): string {
  const m = Math.round(min);
  if (m < 60) return lang === 'id' ? `${m} menit` : `${m} min`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (lang === 'id') return r ? `${h} jam ${r} menit` : `${h} jam`;
  return r ? `${h} h ${r} min` : `${h} h`;
}

const STATUS_EN: Record<string, string> = {
  Draf: 'Draft',
  Diajukan: 'Submitted',
  Disetujui: 'Approved',
  Ditetapkan: 'Approved (final)',
  'Perlu Revisi': 'Needs revision',
  Menunggu: 'Waiting',
  Selesai: 'Done',
  Dibatalkan: 'Cancelled',
  Terbit: 'Published',
};

/** Stored status values stay Indonesian; the screen may show them in English. */
export function statusLabel(status: string, lang: Lang): string {
  return lang === 'en' ? (STATUS_EN[status] ?? status) : status;
}

/** Escapes text for HTML (mail bodies, pages). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
