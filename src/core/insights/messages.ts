/** Bilingual (Bahasa Indonesia first, English second) messages of the insights import. */
import type { InsightError, MappingField } from './types';
import type { Platform } from '../platforms';

export const FIELD_LABELS: Record<MappingField, { id: string; en: string }> = {
  postId: { id: 'ID unggahan', en: 'Post ID' },
  postUrl: { id: 'Tautan unggahan', en: 'Post link' },
  date: { id: 'Tanggal', en: 'Date' },
  title: { id: 'Judul', en: 'Title' },
  reach: { id: 'Jangkauan', en: 'Reach' },
  impressions: { id: 'Impresi', en: 'Impressions' },
  views: { id: 'Tayangan', en: 'Views' },
  likes: { id: 'Suka', en: 'Likes' },
  comments: { id: 'Komentar', en: 'Comments' },
  shares: { id: 'Dibagikan', en: 'Shares' },
  saves: { id: 'Disimpan', en: 'Saves' },
  engagement: { id: 'Interaksi', en: 'Engagement' },
  followersGained: { id: 'Pengikut baru', en: 'New followers' },
  followersTotal: { id: 'Total pengikut', en: 'Total followers' },
  profileVisits: { id: 'Kunjungan profil', en: 'Profile visits' },
};

export interface Problem {
  id: string;
  en: string;
}

export const problems = {
  badNumber(field: MappingField, column: string, value: string): Problem {
    const l = FIELD_LABELS[field];
    return {
      id: `angka '${l.id}' tidak terbaca: '${value}' (kolom "${column}")`,
      en: `number '${l.en}' is not readable: '${value}' (column "${column}")`,
    };
  },
  negativeNumber(field: MappingField, column: string, value: string): Problem {
    const l = FIELD_LABELS[field];
    return {
      id: `angka '${l.id}' tidak boleh negatif: '${value}' (kolom "${column}")`,
      en: `number '${l.en}' cannot be negative: '${value}' (column "${column}")`,
    };
  },
  badDate(column: string, value: string): Problem {
    return {
      id: `tanggal tidak terbaca: '${value}' (kolom "${column}")`,
      en: `date is not readable: '${value}' (column "${column}")`,
    };
  },
  noIdentity(): Problem {
    return {
      id: 'tidak ada ID, tautan, maupun tanggal dan judul untuk mengenali unggahan ini',
      en: 'no ID, link, or date and title to identify this post',
    };
  },
  noDate(): Problem {
    return {
      id: 'tanggal kosong; baris harian perlu tanggal',
      en: 'the date is empty; a daily row needs a date',
    };
  },
  noPeriod(): Problem {
    return {
      id: 'tanggal kosong dan periode belum dipilih; pilih periode (bulan) lalu impor lagi',
      en: 'no date and no period chosen; choose the period (month) and import again',
    };
  },
  duplicateInFile(firstLine: number): Problem {
    return {
      id: `sama dengan baris ${firstLine} (unggahan atau tanggal yang sama muncul dua kali di berkas)`,
      en: `same as line ${firstLine} (the same post or date appears twice in the file)`,
    };
  },
};

export function rowError(line: number, problemsOfRow: Problem[]): InsightError {
  return {
    line,
    reason_id: `Baris ${line}: ${problemsOfRow.map((p) => p.id).join('; ')}.`,
    reason_en: `Line ${line}: ${problemsOfRow.map((p) => p.en).join('; ')}.`,
  };
}

export const fileErrors = {
  empty(): InsightError {
    return { line: 0, reason_id: 'Berkas kosong: tidak ada baris data.', reason_en: 'The file is empty: no data rows.' };
  },
  unterminatedQuote(line: number): InsightError {
    return {
      line,
      reason_id: `Baris ${line}: tanda kutip (") dibuka tetapi tidak ditutup; sisa berkas terbaca sebagai satu sel. Ekspor ulang berkasnya.`,
      reason_en: `Line ${line}: a quote (") is opened but never closed; the rest of the file reads as one cell. Export the file again.`,
    };
  },
  unknownFormat(): InsightError {
    return {
      line: 0,
      reason_id: 'Bentuk berkas tidak dikenali. Pilih platform dan cocokkan kolomnya secara manual.',
      reason_en: 'The file shape is not recognised. Choose the platform and match the columns by hand.',
    };
  },
  needPlatform(): InsightError {
    return {
      line: 0,
      reason_id: 'Berkas ini tidak menyebut platformnya. Pilih platform (Facebook, Instagram, X, YouTube, TikTok) lalu impor lagi.',
      reason_en: 'This file does not say which platform it is from. Choose the platform (Facebook, Instagram, X, YouTube, TikTok) and import again.',
    };
  },
  unknownSeries(name: string): InsightError {
    return {
      line: 0,
      reason_id: `Deret harian '${name}' tidak dipakai laporan (yang dipakai: pengikut, kunjungan, tayangan, jangkauan/penonton, interaksi). Cocokkan kolom 'Primary' secara manual bila perlu.`,
      reason_en: `The daily series '${name}' is not used by the report (used: follows, visits, views, reach/viewers, interactions). Map the 'Primary' column by hand if needed.`,
    };
  },
  missingColumn(field: MappingField, column: string): InsightError {
    const l = FIELD_LABELS[field];
    return {
      line: 0,
      reason_id: `Kolom "${column}" (untuk '${l.id}') tidak ada di berkas. Perbaiki pencocokan kolom.`,
      reason_en: `Column "${column}" (for '${l.en}') is not in the file. Fix the column mapping.`,
    };
  },
  noMetricMapped(): InsightError {
    return {
      line: 0,
      reason_id: 'Belum ada kolom angka yang dicocokkan (jangkauan, impresi, tayangan, interaksi, pengikut...). Cocokkan minimal satu.',
      reason_en: 'No number column is mapped (reach, impressions, views, engagement, followers...). Map at least one.',
    };
  },
  noKeyMapped(): InsightError {
    return {
      line: 0,
      reason_id: "Cocokkan kolom 'ID unggahan', 'Tautan unggahan' atau 'Tanggal' agar setiap baris bisa dikenali.",
      reason_en: "Map the 'Post ID', 'Post link' or 'Date' column so that each row can be identified.",
    };
  },
  needsYear(count: number, example: string, platform: Platform | null): InsightError {
    const p = platform ?? '';
    return {
      line: 0,
      reason_id: `${count} baris ${p} bertanggal tanpa tahun (mis. '${example}'). Pilih periode (bulan dan tahun) lalu impor lagi.`.replace('  ', ' '),
      reason_en: `${count} ${p} rows have dates without a year (e.g. '${example}'). Choose the period (month and year) and import again.`.replace('  ', ' '),
    };
  },
  badPeriod(period: string): InsightError {
    return {
      line: 0,
      reason_id: `Periode '${period}' tidak valid; tulis sebagai TTTT-BB, mis. 2025-09.`,
      reason_en: `Period '${period}' is not valid; write it as YYYY-MM, e.g. 2025-09.`,
    };
  },
};
