/**
 * The Pengaturan tab: key/value rows with notes. Parsed into typed settings with defaults; nonsense
 * values are reported as problems (what is wrong and what to do) and the default is used instead.
 */
import { parseDateCell } from './calendar';
import { CopyLimitKey, defaultCopyLimitSettings, isCopyLimitKey } from './copy-limits';
import { defineMessages, Lang, parseLang, tr } from './i18n';
import { ApprovalPolicy, DEFAULT_STANDARD_MINUTES, parsePolicy, StepNo, STEPS } from './sop';
import { parsePlatformList, Platform, PLATFORMS } from './platforms';
import { DEFAULT_RULE_TEXT, EVENT_KINDS, isEventKind, parseRecurringSetting, parseRuleText, RecurringFormat, RULE_KEY_PREFIX, rulesFromTexts, SCHEDULE_MESSAGES as SCHEDULE_RULE_MESSAGES, ScheduleRules } from './schedule';

export interface Holiday {
  date: string;
  name: string;
}

export interface Settings {
  lang: Lang;
  policy: ApprovalPolicy;
  standardMinutes: Record<StepNo, number>;
  platforms: Platform[];
  /** Working hours in the text form the calendar parses ("Sen-Kam 07:30-12:00,13:00-16:00; ..."). */
  workingHours: string;
  holidays: Holiday[];
  /** Copy limits, by "X", "Instagram", "Instagram.hashtag", "Facebook", "YouTube.judul", "YouTube.deskripsi", "TikTok". */
  copyLimits: Record<CopyLimitKey, number>;
  /** Working minutes a request may wait before it goes in a reminder digest. */
  reminderAfterMinutes: number;
  /** Working minutes at the Kasubbag after which a request is escalated to the Kabag. */
  escalateAfterMinutes: number;
  /**
   * Request mails (plan and design) within this many minutes of the first one go to each approver
   * as one mail (a digest) at the end of the window; 0 sends each at the owner's next digest run.
   * Urgent submissions (Mendesak) never wait for the window.
   */
  digestWindowMinutes: number;
  linkValidityDays: number;
  reportFolderId: string;
  reportTemplateId: string;
  /** The Siaran-made base Doc each built-in report is copied from (its footer holds the page numbers). */
  reportBaseId: string;
  reportPlace: string;
  unitName: string;
  institution: string;
  /** The institution's address on the kop (letterhead). */
  address: string;
  /** Drive file id of the logo image on the kop ('' for none). */
  logoId: string;
  /** The report number pattern: {nomor} running number in the year, {bulan} 01-12, {bulan_romawi} I-XII, {tahun}. */
  reportNumberPattern: string;
  /** The Google Calendar of the Court's agenda the schedule import reads ('' for none). */
  scheduleCalendarId: string;
  /** Platforms and formats the schedule import suggests per kind of event (`aturan_jadwal.<jenis>`). */
  scheduleRules: ScheduleRules;
  /** Recurring formats the schedule import places on working days (`format_berulang`, repeatable). */
  recurringFormats: RecurringFormat[];
}

export const DEFAULT_WORKING_HOURS = 'Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30';

export function defaultSettings(): Settings {
  return {
    lang: 'id',
    policy: 'berurutan',
    standardMinutes: { ...DEFAULT_STANDARD_MINUTES },
    platforms: [...PLATFORMS],
    workingHours: DEFAULT_WORKING_HOURS,
    holidays: [],
    copyLimits: defaultCopyLimitSettings(),
    reminderAfterMinutes: 30,
    escalateAfterMinutes: 450,
    digestWindowMinutes: 30,
    linkValidityDays: 14,
    reportFolderId: '',
    reportTemplateId: '',
    reportBaseId: '',
    reportPlace: 'Jakarta',
    unitName: 'Bagian Hubungan Masyarakat dan Kerja Sama Dalam Negeri',
    institution: 'Kepaniteraan dan Sekretariat Jenderal Mahkamah Konstitusi Republik Indonesia',
    address: 'Jalan Medan Merdeka Barat Nomor 6, Jakarta Pusat 10110',
    logoId: '',
    reportNumberPattern: '{nomor}/LAP/HUMAS/{bulan_romawi}/{tahun}',
    scheduleCalendarId: '',
    scheduleRules: rulesFromTexts({}),
    recurringFormats: [],
  };
}

/** The rows setup writes into a new Pengaturan tab: [key, value, note]. */
export function defaultSettingRows(): Array<[string, string, string]> {
  const d = defaultSettings();
  const rows: Array<[string, string, string]> = [
    ['bahasa', 'id', 'Bahasa tampilan: id (Bahasa Indonesia) atau en (English).'],
    ['kebijakan_persetujuan', d.policy, 'berurutan (Kasubbag lalu Kabag), paralel (keduanya), atau salah-satu.'],
  ];
  for (const s of STEPS) {
    rows.push([`waktu_baku.langkah_${s}`, String(d.standardMinutes[s]), `Waktu baku langkah ${s} SOP, dalam menit kerja.`]);
  }
  rows.push(
    ['platform', d.platforms.join(', '), 'Platform yang dikelola, dipisah koma.'],
    ['jam_kerja', d.workingHours, 'Jam kerja per hari (tanpa istirahat), untuk menghitung menit kerja (Perpres 21/2023).'],
  );
  for (const [k, v] of Object.entries(d.copyLimits)) {
    rows.push([`batas_naskah.${k}`, String(v), 'Batas naskah platform (lihat catatan lapangan).']);
  }
  rows.push(
    ['pengingat_setelah_menit', String(d.reminderAfterMinutes), 'Permintaan yang menunggu lebih lama (menit kerja) masuk ringkasan pengingat harian.'],
    ['eskalasi_setelah_menit', String(d.escalateAfterMinutes), 'Permintaan yang menunggu di Kasubbag lebih lama (menit kerja) dieskalasi ke Kabag.'],
    ['jeda_ringkasan_menit', String(d.digestWindowMinutes), 'Pengajuan (konsep dan desain) dalam jeda ini (menit) sampai ke tiap penyetuju sebagai satu email ringkasan; pengajuan bertanda Mendesak dikirim pada putaran pemicu berikutnya (paling lama 10 menit). 0: setiap pengajuan dikirim pada putaran itu.'],
    ['masa_berlaku_tautan_hari', String(d.linkValidityDays), 'Masa berlaku tautan persetujuan di email, dalam hari.'],
    ['folder_laporan', '', 'ID folder Drive untuk laporan. Kosongkan: Siaran membuatnya sendiri.'],
    ['templat_laporan', '', 'ID Google Doc templat yang dibuat Siaran (menu Administrasi → Buat templat laporan); templat lain diabaikan. Kosongkan: tata naskah dinas bawaan.'],
    ['dasar_laporan', '', 'ID Google Doc dasar laporan yang dibuat Siaran (menu Administrasi → Siapkan nomor halaman laporan); nomor halaman di kakinya ikut ke setiap laporan. Dokumen lain diabaikan.'],
    ['tempat_laporan', d.reportPlace, 'Tempat penandatanganan laporan.'],
    ['nama_unit', d.unitName, 'Nama unit pada kop laporan.'],
    ['instansi', d.institution, 'Nama instansi pada kop laporan.'],
    ['alamat_instansi', d.address, 'Alamat instansi pada kop laporan.'],
    ['logo_kop', '', 'Logo kop laporan, diisi Siaran saat logo diunggah (menu Administrasi → Unggah logo kop; PNG/JPEG, maks. 1 MB). Kosongkan: kop tanpa logo.'],
    ['nomor_laporan', d.reportNumberPattern, 'Pola nomor laporan: {nomor} nomor urut laporan dalam setahun, {bulan} 01-12, {bulan_romawi} I-XII, {tahun}.'],
    ['kalender_jadwal', '', 'ID Google Calendar agenda Mahkamah (mis. ...@group.calendar.google.com) untuk Draf rencana dari jadwal. Kosongkan bila memakai berkas .ics atau tabel.'],
  );
  for (const k of EVENT_KINDS) {
    rows.push([RULE_KEY_PREFIX + k, DEFAULT_RULE_TEXT[k], `Platform dan format yang diusulkan untuk ${RULE_NOTES[k]}, dipisah titik koma (Platform: format).`]);
  }
  return rows;
}

const RULE_NOTES: Record<(typeof EVENT_KINDS)[number], string> = {
  pendahuluan: 'sidang Pemeriksaan Pendahuluan',
  perbaikan: 'sidang Perbaikan Permohonan',
  persidangan: 'sidang Pemeriksaan Persidangan',
  putusan: 'sidang Pengucapan Putusan/Ketetapan',
  kunjungan: 'kunjungan',
  bimtek: 'bimbingan teknis',
  seminar: 'seminar dan diskusi',
  hut: 'peringatan dan HUT',
  kegiatan: 'kegiatan lain',
};

const M = defineMessages({
  number: { id: 'Pengaturan "{key}": "{value}" bukan angka yang sah ({rule}). Nilai bawaan {def} dipakai; perbaiki di tab Pengaturan.', en: 'Setting "{key}": "{value}" is not a valid number ({rule}). The default {def} is used; fix it in the Settings tab.' },
  policy: { id: 'Pengaturan "kebijakan_persetujuan": "{value}" tidak dikenal. Pilih berurutan, paralel, atau salah-satu.', en: 'Setting "kebijakan_persetujuan": "{value}" is unknown. Choose berurutan, paralel or salah-satu.' },
  platform: { id: 'Pengaturan "platform": "{value}" bukan platform yang dikenal (Facebook, X, Instagram, YouTube, TikTok).', en: 'Setting "platform": "{value}" is not a known platform (Facebook, X, Instagram, YouTube, TikTok).' },
  holiday: { id: 'Pengaturan "libur": "{value}" bukan tanggal (tulis YYYY-MM-DD, misalnya 2026-03-20).', en: 'Setting "libur": "{value}" is not a date (write YYYY-MM-DD, e.g. 2026-03-20).' },
  numberPattern: { id: 'Pengaturan "nomor_laporan": "{value}" tidak memuat {nomor}. Tulis pola seperti {nomor}/LAP/HUMAS/{bulan_romawi}/{tahun}; pola bawaan dipakai.', en: 'Setting "nomor_laporan": "{value}" has no {nomor}. Write a pattern such as {nomor}/LAP/HUMAS/{bulan_romawi}/{tahun}; the default is used.' },
  unknownKey: { id: 'Pengaturan "{key}" tidak dikenal dan diabaikan.', en: 'Setting "{key}" is unknown and ignored.' },
});

export interface SettingsProblem {
  row: number;
  key: string;
  message: string;
}

/** Parses [key, value, note] rows. `lang` is the language for the problem messages. */
export function parseSettings(rows: ReadonlyArray<readonly unknown[]>, msgLang?: Lang): { settings: Settings; problems: SettingsProblem[] } {
  const s = defaultSettings();
  const problems: SettingsProblem[] = [];
  const langRow = rows.find((r) => String(r[0] ?? '').trim() === 'bahasa');
  if (langRow) s.lang = parseLang(langRow[1]);
  const lang = msgLang ?? s.lang;
  const ruleTexts: Partial<Record<(typeof EVENT_KINDS)[number], string>> = {};
  const num = (row: number, key: string, value: unknown, def: number, min: number, max: number): number => {
    const n = typeof value === 'number' ? value : Number(String(value ?? '').trim().replace(',', '.'));
    if (String(value ?? '').trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      problems.push({ row, key, message: tr(lang, M.number, { key, value: String(value ?? ''), rule: `${min}–${max}`, def }) });
      return def;
    }
    return n;
  };
  rows.forEach((r, i) => {
    const row = i + 2;
    const key = String(r[0] ?? '').trim();
    const value = r[1];
    const note = String(r[2] ?? '').trim();
    if (!key) return;
    const v = String(value ?? '').trim();
    let m: RegExpExecArray | null;
    if (key === 'bahasa') return;
    if (key === 'kebijakan_persetujuan') {
      const p = parsePolicy(v);
      if (p) s.policy = p;
      else problems.push({ row, key, message: tr(lang, M.policy, { value: v }) });
    } else if ((m = /^waktu_baku\.langkah_([1-6])$/.exec(key))) {
      const step = Number(m[1]) as StepNo;
      s.standardMinutes[step] = Math.round(num(row, key, value, s.standardMinutes[step], 1, 100000));
    } else if (key === 'platform') {
      const { platforms, unknown } = parsePlatformList(v);
      for (const u of unknown) problems.push({ row, key, message: tr(lang, M.platform, { value: u }) });
      if (platforms.length) s.platforms = platforms;
    } else if (key === 'jam_kerja') {
      if (v) s.workingHours = v;
    } else if (key === 'libur') {
      const d = parseDateCell(value);
      if (d) s.holidays.push({ date: d, name: note });
      else problems.push({ row, key, message: tr(lang, M.holiday, { value: v }) });
    } else if ((m = /^batas_naskah\.(.+)$/.exec(key))) {
      const k = m[1];
      if (!isCopyLimitKey(k)) problems.push({ row, key, message: tr(lang, M.unknownKey, { key }) });
      else s.copyLimits[k] = Math.round(num(row, key, value, defaultCopyLimitSettings()[k], 1, 1000000));
    } else if (key === 'pengingat_setelah_menit') {
      s.reminderAfterMinutes = Math.round(num(row, key, value, s.reminderAfterMinutes, 0, 100000));
    } else if (key === 'eskalasi_setelah_menit') {
      s.escalateAfterMinutes = Math.round(num(row, key, value, s.escalateAfterMinutes, 0, 100000));
    } else if (key === 'jeda_ringkasan_menit') {
      s.digestWindowMinutes = Math.round(num(row, key, value, s.digestWindowMinutes, 0, 1440));
    } else if (key === 'masa_berlaku_tautan_hari') {
      s.linkValidityDays = num(row, key, value, s.linkValidityDays, 1, 90);
    } else if (key === 'folder_laporan') {
      s.reportFolderId = v;
    } else if (key === 'templat_laporan') {
      const id = /\/d\/([\w-]{10,})/.exec(v);
      s.reportTemplateId = id ? id[1] : v;
    } else if (key === 'dasar_laporan') {
      const id = /\/d\/([\w-]{10,})/.exec(v);
      s.reportBaseId = id ? id[1] : v;
    } else if (key === 'tempat_laporan') {
      if (v) s.reportPlace = v;
    } else if (key === 'nama_unit') {
      if (v) s.unitName = v;
    } else if (key === 'instansi') {
      if (v) s.institution = v;
    } else if (key === 'alamat_instansi') {
      s.address = v;
    } else if (key === 'logo_kop') {
      const id = /\/d\/([\w-]{10,})/.exec(v) ?? /[?&]id=([\w-]{10,})/.exec(v);
      s.logoId = id ? id[1] : v;
    } else if (key === 'nomor_laporan') {
      if (v && v.includes('{nomor}')) s.reportNumberPattern = v;
      else problems.push({ row, key, message: tr(lang, M.numberPattern, { value: v }) });
    } else if (key === 'kalender_jadwal') {
      s.scheduleCalendarId = v;
    } else if (key.startsWith(RULE_KEY_PREFIX)) {
      const kind = key.slice(RULE_KEY_PREFIX.length);
      if (!isEventKind(kind)) problems.push({ row, key, message: tr(lang, M.unknownKey, { key }) });
      else {
        const { unknown } = parseRuleText(v);
        for (const u of unknown) problems.push({ row, key, message: tr(lang, SCHEDULE_RULE_MESSAGES.ruleUnknownPlatform, { key, value: u }) });
        ruleTexts[kind] = v;
      }
    } else if (key === 'format_berulang') {
      if (!v) return;
      const { format, problem } = parseRecurringSetting(v);
      if (format) s.recurringFormats.push(format);
      else if (problem) problems.push({ row, key, message: tr(lang, problem.msg, problem.params) });
    } else {
      problems.push({ row, key, message: tr(lang, M.unknownKey, { key }) });
    }
  });
  s.scheduleRules = rulesFromTexts(ruleTexts);
  return { settings: s, problems };
}
