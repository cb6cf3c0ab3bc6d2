/**
 * Step 2: checking a month's plan rows before they are submitted.
 */
import { formatDate, formatPeriod, Lang, defineMessages, tr } from '../i18n';
import { findPerson, isEmail, Person } from '../people';
import { parsePlatformList, Platform } from '../platforms';

// Validating a month's concept rows (step 2)

export interface ConceptRowInput {
  /** Sheet row number. */
  row: number;
  id: string;
  /** The Rencana Tayang cell as read (Date, 'YYYY-MM-DD', ...), already converted to 'YYYY-MM-DD' or null. */
  date: string | null;
  /** The cell text, for messages. */
  dateText: string;
  activity: string;
  platforms: string;
  pic: string;
}

export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

export const VALIDATION_MESSAGES = defineMessages({
  date: {
    id: 'Rencana Tayang "{value}" tidak berada di {period}. Isi tanggal di bulan itu (misalnya {example}).',
    en: 'Planned Date "{value}" is not in {period}. Enter a date in that month (e.g. {example}).',
  },
  dateMissing: { id: 'Rencana Tayang kosong atau bukan tanggal. Isi tanggal di {period} (misalnya {example}).', en: 'Planned Date is empty or not a date. Enter a date in {period} (e.g. {example}).' },
  activity: { id: 'Kegiatan/Informasi kosong. Tulis kegiatan atau informasi yang akan didiseminasikan.', en: 'Activity/Information is empty. Describe the activity or information to publish.' },
  platformNone: { id: 'Platform kosong. Pilih satu atau lebih platform: {list}.', en: 'Platforms is empty. Choose one or more platforms: {list}.' },
  platformUnknown: { id: 'Platform "{value}" tidak dikenal. Gunakan: {list}.', en: 'Platform "{value}" is unknown. Use: {list}.' },
  picEmail: { id: 'PIC "{value}" bukan alamat email. Pilih email anggota tim dari tab Pengguna.', en: 'Owner "{value}" is not an email address. Pick a team member\'s email from the People tab.' },
  picUnknown: { id: 'PIC {value} tidak ada di tab Pengguna. Tambahkan orangnya di tab Pengguna atau pilih PIC lain.', en: 'Owner {value} is not in the People tab. Add them to the People tab or pick another owner.' },
});

/** Every problem of every row at once (row number, column, what to do). */
export function validateConceptRows(rows: readonly ConceptRowInput[], period: string, people: readonly Person[], allowed: readonly Platform[], lang: Lang): RowProblem[] {
  const out: RowProblem[] = [];
  const list = allowed.join(', ');
  const example = formatDate(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1, 15) - 420 * 60000, lang);
  const periodName = formatPeriod(period, lang);
  for (const r of rows) {
    if (!r.date) out.push({ row: r.row, field: 'Rencana Tayang', message: tr(lang, VALIDATION_MESSAGES.dateMissing, { period: periodName, example }) });
    else if (r.date.slice(0, 7) !== period) out.push({ row: r.row, field: 'Rencana Tayang', message: tr(lang, VALIDATION_MESSAGES.date, { value: r.dateText || r.date, period: periodName, example }) });
    if (!r.activity.trim()) out.push({ row: r.row, field: 'Kegiatan/Informasi', message: tr(lang, VALIDATION_MESSAGES.activity) });
    const { platforms, unknown } = parsePlatformList(r.platforms);
    const notAllowed = platforms.filter((p) => allowed.indexOf(p) < 0);
    if (!platforms.length && !unknown.length) out.push({ row: r.row, field: 'Platform', message: tr(lang, VALIDATION_MESSAGES.platformNone, { list }) });
    for (const u of unknown.concat(notAllowed)) out.push({ row: r.row, field: 'Platform', message: tr(lang, VALIDATION_MESSAGES.platformUnknown, { value: u, list }) });
    const pic = r.pic.trim();
    if (!isEmail(pic)) out.push({ row: r.row, field: 'PIC', message: tr(lang, VALIDATION_MESSAGES.picEmail, { value: pic }) });
    else if (!findPerson(people, pic)) out.push({ row: r.row, field: 'PIC', message: tr(lang, VALIDATION_MESSAGES.picUnknown, { value: pic }) });
  }
  return out;
}
