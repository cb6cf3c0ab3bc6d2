/** What an event is (a hearing agenda or an activity) and the Court's case numbers. */
import type { EventKind } from './types';

/** First match wins: the hearing agendas before the broader words. */
const KIND_PATTERNS: ReadonlyArray<[EventKind, RegExp]> = [
  ['pendahuluan', /pemeriksaan\s+pendahuluan|sidang\s+pendahuluan/i],
  ['perbaikan', /perbaikan\s+permohonan/i],
  ['putusan', /pengucapan\s+(?:putusan|ketetapan)|\bputusan\b|\bketetapan\b/i],
  ['persidangan', /pemeriksaan\s+persidangan|mendengar(?:kan)?\s+keterangan|pembuktian|sidang\s+pleno|persidangan/i],
  ['kunjungan', /kunjungan|audiensi|studi\s+banding|\bvisit/i],
  ['bimtek', /\bbimtek\b|bimbingan\s+teknis|pelatihan|\bdiklat\b/i],
  ['seminar', /seminar|webinar|simposium|konferensi|kuliah\s+umum|diskusi\s+publik|sosialisasi|lokakarya|workshop/i],
  ['hut', /\bhut\b|hari\s+ulang\s+tahun|ulang\s+tahun|anniversary|dies\s+natalis|\bmilad\b/i],
];

/** The kind of an event from its words (agenda, title, a "Jenis" column); 'kegiatan' when nothing matches. */
export function classify(...texts: string[]): EventKind {
  for (const t of texts) {
    if (!t) continue;
    for (const [kind, re] of KIND_PATTERNS) if (re.test(t)) return kind;
  }
  return 'kegiatan';
}

export function isHearing(kind: EventKind): boolean {
  return kind === 'pendahuluan' || kind === 'perbaikan' || kind === 'persidangan' || kind === 'putusan';
}

/**
 * The Court's case number: running number, case type with its optional sub-type, the Roman year of
 * the Court's registry, and the year: 38/PUU-XXIV/2026, 1/SKLN-XXII/2024, 12/PHPU.D-VIII/2010,
 * 100/PHP.BUP-XIX/2021, 01-01-02/PHPU.DPR-DPD-XXII/2024.
 */
const CASE_RE = /^(\d{1,4}(?:-\d{1,2}){0,2})\/([A-Z]{2,}(?:[.-][A-Z]+)*)-([IVXLCDM]+)\/(\d{4})$/;

/** Something written like a case number (digits, a slash, a case type) whatever its form. */
const CASE_LIKE = /\b\d{1,4}(?:-\d{1,2}){0,2}\s*\/\s*(?:PUU|SKLN|PHPU|PHP|PHPKADA|PERKARA)[^\s,;)]*/i;

export function normalizeCaseNumber(text: string): string {
  return text.trim().replace(/\s*\/\s*/g, '/').replace(/\s*-\s*/g, '-').replace(/[.,;:)]+$/, '').toUpperCase();
}

/** True for a case number in the Court's form (after normalizing spaces and case). */
export function isCaseNumber(text: string): boolean {
  return CASE_RE.test(normalizeCaseNumber(text));
}

/**
 * The case number written in free text (a calendar title): `found` is the number in the Court's
 * form, `bad` what looked like one but is not (so the import can say so).
 */
export function findCaseNumber(text: string): { found: string; bad: string } {
  const m = CASE_LIKE.exec(text);
  if (!m) return { found: '', bad: '' };
  const n = normalizeCaseNumber(m[0]);
  return CASE_RE.test(n) ? { found: n, bad: '' } : { found: '', bad: m[0].trim() };
}

/** "Pengujian UU Nomor 1 Tahun 2023 tentang ..." written in free text, or ''. */
export function findLaw(text: string): string {
  const m = /(pengujian\s+(?:materiil\s+|formil\s+)?(?:undang-undang|uu)\b[^;|\n]*)/i.exec(text);
  return m ? m[1].trim().replace(/[.,;]+$/, '') : '';
}
