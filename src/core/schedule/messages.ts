/** Messages of the schedule import, Bahasa Indonesia first. Each says what is wrong and what to do. */
import { defineMessages } from '../i18n';
import type { EventKind } from './types';

export const SCHEDULE_MESSAGES = defineMessages({
  unreadable: { id: 'Berkas tidak terbaca sebagai kalender (.ics): tidak ada BEGIN:VCALENDAR. Ekspor ulang kalender sebagai iCalendar (.ics).', en: 'The file cannot be read as a calendar (.ics): there is no BEGIN:VCALENDAR. Export the calendar again as iCalendar (.ics).' },
  empty: { id: 'Berkas atau tabel kosong. Pilih berkas jadwal atau tempel tabelnya.', en: 'The file or table is empty. Choose a schedule file or paste the table.' },
  noHeader: { id: 'Baris judul kolom tidak ditemukan. Tabel perlu kolom Tanggal dan kolom Agenda (jadwal sidang) atau Kegiatan.', en: 'No header row found. The table needs a Tanggal (date) column and an Agenda (hearings) or Kegiatan (activity) column.' },
  noDate: { id: 'Acara "{title}" tidak punya tanggal. Lengkapi tanggalnya di sumber, lalu impor lagi.', en: 'Event "{title}" has no date. Add its date in the source, then import again.' },
  badDate: { id: 'Tanggal "{value}" tidak terbaca. Tulis seperti 2026-12-03, 03/12/2026 atau 3 Desember 2026.', en: 'Date "{value}" cannot be read. Write it like 2026-12-03, 03/12/2026 or 3 Desember 2026.' },
  badTime: { id: 'Waktu "{value}" tidak terbaca. Tulis seperti 09.00 atau 13:30.', en: 'Time "{value}" cannot be read. Write it like 09.00 or 13:30.' },
  badCase: { id: 'Nomor perkara "{value}" tidak dikenali. Tulis seperti 38/PUU-XXIV/2026.', en: 'Case number "{value}" is not in a known form. Write it like 38/PUU-XXIV/2026.' },
  noWhat: { id: 'Baris ini tidak punya agenda sidang maupun nama kegiatan. Isi salah satunya atau hapus barisnya.', en: 'This row has neither a hearing agenda nor an activity name. Fill in one of them or delete the row.' },
  badZone: { id: 'Zona waktu "{zone}" pada acara "{title}" tidak dikenal. Ekspor ulang dengan zona Asia/Jakarta.', en: 'Time zone "{zone}" of event "{title}" is unknown. Export again with the Asia/Jakarta zone.' },
  badIcsDate: { id: 'Tanggal "{value}" pada acara "{title}" tidak terbaca.', en: 'Date "{value}" of event "{title}" cannot be read.' },
  unterminated: { id: 'Tanda kutip tidak ditutup; baris setelahnya tidak terbaca. Periksa berkas CSV-nya.', en: 'A quote is not closed; the rows after it cannot be read. Check the CSV file.' },
  cancelled: { id: 'Acara "{title}" dibatalkan di kalender; tidak dibuat konsep.', en: 'Event "{title}" is cancelled in the calendar; no plan item is made.' },
  repeating: { id: 'Acara "{title}" berulang; hanya kejadian pertamanya ({date}) yang dibaca. Tambahkan kejadian lainnya sebagai format berulang atau ekspor kalender dengan kejadian terpisah.', en: 'Event "{title}" repeats; only its first occurrence ({date}) is read. Add the others as a recurring format or export the calendar with separate occurrences.' },
  ruleUnknownPlatform: { id: 'Pengaturan "{key}": "{value}" bukan platform yang dikenal (Facebook, X, Instagram, YouTube, TikTok).', en: 'Setting "{key}": "{value}" is not a known platform (Facebook, X, Instagram, YouTube, TikTok).' },
  recurringBad: { id: 'Pengaturan "format_berulang": "{value}" tidak terbaca. Tulis nama | hari | platform: format, misalnya Tahukah Kamu | Jumat | YouTube: video; Instagram: reels.', en: 'Setting "format_berulang": "{value}" cannot be read. Write name | day | platform: format, e.g. Tahukah Kamu | Jumat | YouTube: video; Instagram: reels.' },
});

/** How each kind reads in a plan item and in the dialog. */
export const KIND_LABELS: Record<EventKind, { id: string; en: string }> = {
  pendahuluan: { id: 'Sidang Pemeriksaan Pendahuluan', en: 'Preliminary Examination hearing' },
  perbaikan: { id: 'Sidang Perbaikan Permohonan', en: 'Petition Revision hearing' },
  persidangan: { id: 'Sidang Pemeriksaan Persidangan', en: 'Trial Examination hearing' },
  putusan: { id: 'Sidang Pengucapan Putusan/Ketetapan', en: 'Decision Pronouncement hearing' },
  kunjungan: { id: 'Kunjungan', en: 'Visit' },
  bimtek: { id: 'Bimbingan Teknis', en: 'Technical training' },
  seminar: { id: 'Seminar/Diskusi', en: 'Seminar/Discussion' },
  hut: { id: 'Peringatan/HUT', en: 'Anniversary' },
  kegiatan: { id: 'Kegiatan', en: 'Activity' },
};

/** The Kategori a plan item gets from its event. */
export const KIND_CATEGORY: Record<EventKind, string> = {
  pendahuluan: 'Persidangan',
  perbaikan: 'Persidangan',
  persidangan: 'Persidangan',
  putusan: 'Putusan',
  kunjungan: 'Kegiatan',
  bimtek: 'Kegiatan',
  seminar: 'Kegiatan',
  hut: 'Kegiatan',
  kegiatan: 'Kegiatan',
};

export const RECURRING_CATEGORY = 'Konten Rutin';
