/** Messages of the panel endpoints (Bahasa Indonesia first). */
import { defineMessages } from '../../core/i18n';

export const PANEL_MESSAGES = defineMessages({
  badRequest: { id: 'Permintaan tidak sah: {what}. Muat ulang panel lalu coba lagi.', en: 'Invalid request: {what}. Reload the panel and try again.' },
  invalid: { id: 'Belum tersimpan: {n} isian perlu diperbaiki. Lihat catatan merah di bawah isian yang ditandai.', en: 'Not saved: {n} field(s) need fixing. See the red notes under the marked fields.' },
  period: { id: 'Periode "{value}" tidak sah. Tulis YYYY-MM, misalnya 2026-12.', en: 'Period "{value}" is not valid. Write YYYY-MM, e.g. 2026-12.' },
  tooLong: { id: '{label} terlalu panjang: {n} karakter, paling banyak {max}. Persingkat.', en: '{label} is too long: {n} characters, at most {max}. Shorten it.' },
  required: { id: '{label} wajib diisi.', en: '{label} is required.' },
  dateBad: { id: 'Tanggal "{value}" tidak sah. Pilih tanggal (YYYY-MM-DD).', en: 'Date "{value}" is not valid. Pick a date (YYYY-MM-DD).' },
  dateTimeBad: { id: 'Waktu terbit "{value}" tidak sah. Isi tanggal dan jam (WIB).', en: 'Publication time "{value}" is not valid. Enter a date and a time (WIB).' },
  future: { id: 'Waktu terbit {value} masih di masa depan. Catat publikasi setelah konten tayang.', en: 'Publication time {value} is in the future. Record the post after it is published.' },
  url: { id: '"{value}" bukan tautan yang sah. Tempel tautan lengkap yang diawali https://', en: '"{value}" is not a valid link. Paste the full link starting with https://' },
  platform: { id: 'Platform "{value}" tidak dikelola. Pilih dari: {list}.', en: 'Platform "{value}" is not managed. Choose from: {list}.' },
  platformNotInPlan: { id: 'Konsep {id} tidak direncanakan untuk {platform} (platform konsep: {list}).', en: 'Plan item {id} is not planned for {platform} (its platforms: {list}).' },
  conceptNotFound: { id: 'Konsep {id} tidak ditemukan di Konsep Konten. Muat ulang panel.', en: 'Plan item {id} is not in the Content Plan. Reload the panel.' },
  designNotFound: { id: 'Desain {id} tidak ditemukan di Desain Konten. Muat ulang panel.', en: 'Design {id} is not in Content Designs. Reload the panel.' },
  underReview: {
    id: '{id} sedang ditinjau (Diajukan) dan tidak dapat diubah. Tunggu keputusan Kasubbag/Kabag; bila diminta revisi, Anda dapat mengubahnya lagi.',
    en: '{id} is under review (Submitted) and cannot be changed. Wait for the Kasubbag/Kabag decision; if they ask for a revision, you can edit it again.',
  },
  approvedLocked: {
    id: '{id} sudah {status} dan tidak dapat diubah lagi. Bila perlu perubahan, hubungi Kasubbag/Kabag.',
    en: '{id} is already {status} and can no longer be changed. If it needs a change, contact the Kasubbag/Kabag.',
  },
  conceptNotApproved: {
    id: 'Konsep {id} berstatus {status}; desain hanya dibuat untuk konsep yang Disetujui.',
    en: 'Plan item {id} has status {status}; designs are only made for Approved plan items.',
  },
  designExists: { id: 'Konsep {id} sudah punya desain {design} untuk {platform}. Ubah desain itu.', en: 'Plan item {id} already has design {design} for {platform}. Edit that design.' },
  designMismatch: { id: 'Desain {id} milik konsep {concept} untuk {platform}; tidak dapat dipindah.', en: 'Design {id} belongs to plan item {concept} for {platform}; it cannot be moved.' },
  notApprovedDesign: {
    id: 'Desain {id} berstatus {status}. Publikasi hanya dicatat untuk desain yang Ditetapkan.',
    en: 'Design {id} has status {status}. Publications are recorded only for approved (final) designs.',
  },
  actionConcept: { id: 'Menyusun konsep', en: 'Drafting plan items' },
  actionDesign: { id: 'Menyusun desain', en: 'Making designs' },
  actionPublish: { id: 'Mencatat publikasi', en: 'Recording publications' },
  actionStrategy: { id: 'Menyusun strategi', en: 'Writing the strategy' },
  // Field labels.
  fPeriod: { id: 'Periode', en: 'Period' },
  fDate: { id: 'Rencana tayang', en: 'Planned date' },
  fActivity: { id: 'Kegiatan/Informasi', en: 'Activity/Information' },
  fCategory: { id: 'Kategori', en: 'Category' },
  fPlatforms: { id: 'Platform', en: 'Platforms' },
  fPic: { id: 'PIC', en: 'Owner' },
  fDescription: { id: 'Deskripsi', en: 'Description' },
  fLink: { id: 'Tautan desain', en: 'Design link' },
  fTitle: { id: 'Judul', en: 'Title' },
  fCopy: { id: 'Naskah', en: 'Copy' },
  fUrl: { id: 'Tautan postingan', en: 'Post link' },
  fDirections: { id: 'Arahan {platform}', en: '{platform} directions' },
  fReport: { id: 'Tautan laporan', en: 'Report link' },
  reportUrl: { id: '{label}: "{value}" bukan tautan. Tempel tautan lengkap yang diawali https:// (misalnya dari Google Drive), atau kosongkan.', en: '{label}: "{value}" is not a link. Paste the full link starting with https:// (e.g. from Google Drive), or leave it empty.' },
  postPlatform: {
    id: 'Tautan ini milik {actual}, bukan {platform}. Tempel tautan postingan {platform} untuk desain {id} (alamatnya {hosts}).',
    en: 'This link belongs to {actual}, not {platform}. Paste the link of the {platform} post for design {id} (its address is {hosts}).',
  },
  postUnknown: {
    id: 'Tautan ini bukan tautan {platform}. Tempel tautan postingan {platform} untuk desain {id} (alamatnya {hosts}).',
    en: 'This is not a {platform} link. Paste the link of the {platform} post for design {id} (its address is {hosts}).',
  },
  otherSite: { id: 'situs lain ({host})', en: 'another site ({host})' },
  dayWeekend: {
    id: 'Perhatian: {date} jatuh pada hari {day} (akhir pekan). Tetap disimpan; pastikan ada yang bertugas mengunggah.',
    en: 'Note: {date} is a {day} (weekend). Saved anyway; make sure someone is on duty to post.',
  },
  dayHoliday: {
    id: 'Perhatian: {date} (hari {day}) adalah hari libur: {name}. Tetap disimpan; pastikan ada yang bertugas mengunggah.',
    en: 'Note: {date} ({day}) is a holiday: {name}. Saved anyway; make sure someone is on duty to post.',
  },
  holidayUnnamed: { id: 'libur atau cuti bersama', en: 'holiday or collective leave' },
});
