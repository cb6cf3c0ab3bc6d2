/**
 * The report's layout as an official Indonesian report (Tata Naskah Dinas, "Laporan"): blocks
 * (paragraphs, tables, charts) that the Docs adapter appends, its fixed text, and the values of
 * a template's {{placeholders}}.
 */
import { localDate, WorkCalendar } from '../calendar';
import { defineMessages, formatDate, formatNumber, formatPercent, formatPeriod, Lang, Msg, tr } from '../i18n';
import { previousPeriod, STEPS } from '../sop';
import { STEP_MEASURES } from '../sla';
import { valueTicks } from '../chart';
import type { ChartSpec } from '../chart';
import type { PlatformInsight, ReportModel } from './model';

// Layout

export type Block =
  | { t: 'kop'; lines: string[]; address: string; logoId: string }
  | { t: 'title'; lines: string[] }
  | { t: 'h1'; text: string }
  | { t: 'h2'; text: string }
  | { t: 'p'; text: string; italic?: boolean; indent?: boolean }
  | { t: 'list'; items: string[] }
  | { t: 'table'; key: string; rows: string[][]; caption?: string }
  | { t: 'chart'; key: string; spec: ChartSpec; caption: string }
  | { t: 'draft'; text: string }
  | { t: 'signature'; lines: string[]; name: string; nip: string };

export const REPORT_TEXT = defineMessages({
  docName: { id: 'Laporan Media Sosial - {period}', en: 'Social Media Report - {period}' },
  title1: { id: 'LAPORAN', en: 'REPORT' },
  title2: { id: 'PENGELOLAAN MEDIA SOSIAL BULAN {period}', en: 'ON SOCIAL MEDIA MANAGEMENT FOR {period}' },
  titleFull: { id: 'LAPORAN PENGELOLAAN MEDIA SOSIAL BULAN {period}', en: 'REPORT ON SOCIAL MEDIA MANAGEMENT FOR {period}' },
  a: { id: 'A. Pendahuluan', en: 'A. Introduction' },
  a1: { id: '1. Umum', en: '1. General' },
  a1text: {
    id: '{unit} mengelola akun media sosial resmi instansi ({platforms}) sesuai SOP 170/SOP/2300/06/2022 tentang Pengelolaan Media Sosial. Laporan ini menyajikan pelaksanaan pengelolaan media sosial pada bulan {period}.',
    en: 'The {unit} manages the institution\'s official social media accounts ({platforms}) under SOP 170/SOP/2300/06/2022 on Social Media Management. This report presents the social media work of {period}.',
  },
  a2: { id: '2. Maksud dan Tujuan', en: '2. Purpose and Objectives' },
  a2text: {
    id: 'Laporan ini dimaksudkan sebagai pertanggungjawaban pelaksanaan langkah 6 SOP, dengan tujuan memberikan gambaran kegiatan, capaian, dan efektivitas diseminasi informasi melalui media sosial sebagai bahan evaluasi dan penentuan strategi bulan berikutnya.',
    en: 'This report accounts for step 6 of the SOP. Its objective is to show the month\'s activities, results and the effectiveness of information dissemination through social media, as input for evaluation and for next month\'s strategy.',
  },
  a3: { id: '3. Ruang Lingkup', en: '3. Scope' },
  a3text: {
    id: 'Ruang lingkup laporan meliputi strategi dan arahan, perencanaan konten, persetujuan konsep dan desain, publikasi, serta insight (jangkauan, tayangan, impresi, interaksi, dan pengikut) pada periode 1–{lastDay} {period}.',
    en: 'The report covers the strategy and directions, content planning, approval of plans and designs, publication, and insights (reach, views, impressions, engagement and followers) from 1 to {lastDay} {period}.',
  },
  a4: { id: '4. Dasar', en: '4. Legal Basis' },
  b: { id: 'B. Kegiatan yang Dilaksanakan', en: 'B. Activities Carried Out' },
  b1: { id: '1. Strategi dan Arahan per Platform', en: '1. Strategy and Directions per Platform' },
  b1none: { id: 'Tidak ada strategi yang dicatat di tab Strategi untuk periode ini.', en: 'No strategy was recorded in the Strategy tab for this period.' },
  b2: { id: '2. Konten yang Direncanakan, Disetujui, dan Diterbitkan', en: '2. Content Planned, Approved and Published' },
  b2text: {
    id: 'Pada bulan {period} direncanakan {planned} konten, ditetapkan {approved} desain, dan diterbitkan {published} unggahan.',
    en: 'In {period}, {planned} content items were planned, {approved} designs approved and {published} posts published.',
  },
  b3: { id: '3. Daftar Unggahan yang Diterbitkan', en: '3. Published Posts' },
  b3none: { id: 'Tidak ada unggahan yang dicatat di tab Publikasi pada periode ini.', en: 'No post was recorded in the Publications tab for this period.' },
  b4: { id: '4. Aktivitas Tercatat per Langkah SOP', en: '4. Recorded Activity per SOP Step' },
  c: { id: 'C. Hasil yang Dicapai', en: 'C. Results' },
  c1: { id: '1. Insight per Platform', en: '1. Insights per Platform' },
  c1note: {
    id: 'Perubahan dibandingkan dengan bulan {prev}. Jangkauan adalah jumlah jangkauan per unggahan atau per hari, bukan jumlah orang unik. Tayangan = berapa kali konten ditonton atau dilihat (YouTube: Penayangan); Impresi = berapa kali konten ditampilkan (YouTube: Tayangan thumbnail). Tingkat interaksi = interaksi ÷ jangkauan (atau ÷ impresi, lalu ÷ tayangan, bila jangkauan tidak tersedia).',
    en: 'Change compared with {prev}. Reach is the sum of per-post or per-day reach, not unique people. Views = how often content was watched or viewed (YouTube: Views); impressions = how often it was shown (YouTube: thumbnail impressions). Engagement rate = engagement ÷ reach (or ÷ impressions, then ÷ views, when reach is not available).',
  },
  c1noPrev: {
    id: 'Bulan {prev} tidak memiliki data insight, sehingga perubahan belum dapat dihitung. Jangkauan adalah jumlah jangkauan per unggahan atau per hari, bukan jumlah orang unik.',
    en: '{prev} has no insight data, so no change can be computed yet. Reach is the sum of per-post or per-day reach, not unique people.',
  },
  c1none: { id: 'Belum ada data insight untuk periode ini. Impor ekspor CSV platform atau isi tab Insight.', en: 'No insight data for this period yet. Import the platforms\' CSV exports or fill the Insight tab.' },
  c1missing: { id: 'Platform tanpa data insight bulan ini: {list}.', en: 'Platforms without insight data this month: {list}.' },
  c2: { id: '2. Unggahan dengan Interaksi Tertinggi', en: '2. Top Posts by Engagement' },
  c2none: { id: 'Belum ada insight per unggahan untuk periode ini.', en: 'No per-post insights for this period yet.' },
  c3: { id: '3. Grafik', en: '3. Charts' },
  chartReach: { id: 'Grafik 1. Jangkauan per platform, {prev} dan {period}', en: 'Chart 1. Reach per platform, {prev} and {period}' },
  chartDaily: { id: 'Grafik 2. Jumlah unggahan terbit per hari, {period}', en: 'Chart 2. Posts published per day, {period}' },
  c4: { id: '4. Persetujuan Konsep dan Desain', en: '4. Approval of Plans and Designs' },
  c4content: {
    id: 'a. Konten bulan {period} (kapan pun diputuskan): {rounds} putaran pengajuan; {decided} butir telah diputuskan, {approved} disetujui dan {revisions} dikembalikan untuk revisi{open}.',
    en: 'a. Content of {period} (whenever decided): {rounds} submission rounds; {decided} items decided, {approved} approved and {revisions} returned for revision{open}.',
  },
  c4open: { id: '; {n} butir masih menunggu keputusan', en: '; {n} items still await a decision' },
  c4firstPass: { id: ' Persetujuan pada pengajuan pertama {firstPass} ({fpa} dari {fpd} butir versi pertama).', en: ' First-pass approval {firstPass} ({fpa} of {fpd} first-version items).' },
  c4none: { id: 'a. Belum ada pengajuan konsep atau desain untuk konten bulan {period}.', en: 'a. No plan or design was submitted for the content of {period} yet.' },
  c4decided: {
    id: 'b. Keputusan yang diambil selama bulan {period} (untuk konten bulan apa pun): {decided} butir diputuskan, {approved} disetujui dan {revisions} dikembalikan; median waktu keputusan {median} menit kerja dari {decisions} keputusan penyetuju (waktu baku {std3} menit untuk langkah 3 dan {std5} menit untuk langkah 5).',
    en: 'b. Decisions taken during {period} (on any month\'s content): {decided} items decided, {approved} approved and {revisions} returned; median decision time {median} working minutes over {decisions} approver decisions (standard {std3} minutes for step 3 and {std5} minutes for step 5).',
  },
  c4decidedNone: { id: 'b. Tidak ada keputusan persetujuan yang diambil selama bulan {period}.', en: 'b. No approval decision was taken during {period}.' },
  colRound: { id: 'Permintaan', en: 'Request' },
  colKind: { id: 'Jenis', en: 'Kind' },
  colSubmitted: { id: 'Diajukan', en: 'Submitted' },
  colItems: { id: 'Butir', en: 'Items' },
  colRevised: { id: 'Revisi', en: 'Revised' },
  colApproved2: { id: 'Disetujui', en: 'Approved' },
  colOpen: { id: 'Menunggu', en: 'Waiting' },
  colSettled: { id: 'Selesai Diputuskan', en: 'Settled' },
  kindKonsep: { id: 'Konsep', en: 'Plan' },
  kindDesain: { id: 'Desain', en: 'Design' },
  c5: { id: '5. Kepatuhan terhadap Waktu Baku SOP', en: '5. Compliance with the SOP Standard Times' },
  c5text: {
    id: 'Dari {measured} pelaksanaan langkah yang terukur, {within} ({rate}) selesai dalam waktu baku. Indikator "persentase langkah dalam waktu baku" adalah indikator Siaran sendiri, bukan rumus resmi PermenPAN-RB 35/2012; waktu dihitung dalam menit kerja (di luar istirahat, akhir pekan, libur nasional, dan cuti bersama).',
    en: 'Of {measured} measured step executions, {within} ({rate}) were completed within the standard time. The "share of steps within the standard time" is Siaran\'s own indicator, not an official formula of PermenPAN-RB 35/2012; time is counted in working minutes (breaks, weekends, public holidays and collective leave excluded).',
  },
  c5how: {
    id: 'Cara mengukur (untuk konten bulan {period}, kapan pun langkahnya dilaksanakan):',
    en: 'How each step is measured (for the content of {period}, whenever the step took place):',
  },
  number: { id: 'Nomor: {number}', en: 'Number: {number}' },
  attachments: { id: 'Lampiran: {list}', en: 'Attachments: {list}' },
  attachmentFiles: { id: '{n} ({words}) berkas', en: '{n} ({words}) file(s)' },
  subject: { id: 'Hal: Laporan Pengelolaan Media Sosial Bulan {period}', en: 'Subject: Report on Social Media Management for {period}' },
  interim: { id: 'SEMENTARA — data sampai dengan {date}', en: 'INTERIM — data up to {date}' },
  c1interim: {
    id: 'Bulan {period} belum berakhir: angka bulan ini sampai dengan tanggal {day}, dan perubahan dibandingkan dengan tanggal 1–{day} bulan {prev}.',
    en: '{period} has not ended: this month\'s figures run to day {day}, and the change is compared with days 1–{day} of {prev}.',
  },
  d: { id: 'D. Simpulan dan Saran', en: 'D. Conclusions and Recommendations' },
  draft: {
    id: 'DRAF — disusun otomatis dari angka laporan ini. Kabag mohon menyunting bagian ini sebelum laporan ditandatangani.',
    en: 'DRAFT — generated from this report\'s numbers. The Kabag should edit this section before the report is signed.',
  },
  d1: { id: '1. Simpulan', en: '1. Conclusions' },
  d2: { id: '2. Saran', en: '2. Recommendations' },
  e: { id: 'E. Penutup', en: 'E. Closing' },
  etext: {
    id: 'Demikian laporan pengelolaan media sosial bulan {period} ini disampaikan. Atas perhatian dan arahan Bapak/Ibu, kami ucapkan terima kasih.',
    en: 'This concludes the social media management report for {period}. Thank you for your attention and direction.',
  },
  nip: { id: 'NIP {nip}', en: 'NIP {nip}' },
  // Tables
  colNo: { id: 'No.', en: 'No.' },
  colPlatform: { id: 'Platform', en: 'Platform' },
  colDirections: { id: 'Arahan', en: 'Directions' },
  colPlanned: { id: 'Direncanakan', en: 'Planned' },
  colApproved: { id: 'Desain Ditetapkan', en: 'Designs Approved' },
  colPublished: { id: 'Diterbitkan', en: 'Published' },
  colTotal: { id: 'Jumlah', en: 'Total' },
  colDate: { id: 'Tanggal', en: 'Date' },
  colTitle: { id: 'Judul/Kegiatan', en: 'Title/Activity' },
  colLink: { id: 'Tautan', en: 'Link' },
  colReach: { id: 'Jangkauan', en: 'Reach' },
  colViews: { id: 'Tayangan', en: 'Views' },
  colImpr: { id: 'Impresi', en: 'Impressions' },
  colEng: { id: 'Interaksi', en: 'Engagement' },
  colRate: { id: 'Tingkat Interaksi', en: 'Engagement Rate' },
  colFollowers: { id: 'Pengikut', en: 'Followers' },
  colStep: { id: 'Langkah', en: 'Step' },
  colStd: { id: 'Waktu Baku (menit)', en: 'Standard (min)' },
  colMeasured: { id: 'Terukur', en: 'Measured' },
  colMedian: { id: 'Median (menit kerja)', en: 'Median (working min)' },
  colMax: { id: 'Terlama (menit kerja)', en: 'Longest (working min)' },
  colWithin: { id: 'Dalam Waktu Baku', en: 'Within Standard' },
  colCount: { id: 'Jumlah Entri Log', en: 'Log Entries' },
  notMeasured: { id: 'tidak diukur', en: 'not measured' },
  newFollowers: { id: '+{n} baru', en: '+{n} new' },
  followersDelta: { id: '{sign}{n} dari bulan lalu', en: '{sign}{n} from last month' },
  // Conclusions
  sumPublished: {
    id: 'Sebanyak {published} unggahan diterbitkan di {platforms} platform dari {planned} konten yang direncanakan ({realization} realisasi).',
    en: '{published} posts were published on {platforms} platforms out of {planned} planned content items ({realization} realization).',
  },
  sumPublishedNoPlan: { id: 'Sebanyak {published} unggahan diterbitkan di {platforms} platform.', en: '{published} posts were published on {platforms} platforms.' },
  sumBestRate: { id: 'Tingkat interaksi tertinggi dicapai {platform} ({rate}).', en: 'The highest engagement rate was on {platform} ({rate}).' },
  sumGrowth: { id: 'Jangkauan {platform} naik {pct} dibandingkan bulan {prev}.', en: '{platform} reach rose {pct} compared with {prev}.' },
  sumDecline: { id: 'Jangkauan {platform} turun {pct} dibandingkan bulan {prev}.', en: '{platform} reach fell {pct} compared with {prev}.' },
  sumApprovals: {
    id: 'Tingkat persetujuan pada pengajuan pertama {firstPass}, dengan {revisions} permintaan revisi dan median waktu keputusan {median} menit kerja.',
    en: 'First-pass approval rate was {firstPass}, with {revisions} revision requests and a median decision time of {median} working minutes.',
  },
  sumCompliance: { id: '{rate} pelaksanaan langkah SOP selesai dalam waktu baku (indikator Siaran).', en: '{rate} of SOP step executions finished within the standard time (Siaran\'s indicator).' },
  sugStep: { id: 'Percepat langkah {step} SOP: hanya {within} dari {measured} pelaksanaan ({rate}) dalam waktu baku {std} menit kerja.', en: 'Speed up SOP step {step}: only {within} of {measured} executions ({rate}) were within the {std}-working-minute standard.' },
  sugPublishLate: { id: 'Terbitkan konten sesuai tanggal rencana tayang: {late} dari {measured} unggahan terbit setelah tanggal rencananya.', en: 'Publish content on its planned date: {late} of {measured} posts went out after their planned day.' },
  sugFewData: { id: 'Data waktu pelaksanaan langkah SOP bulan ini masih sedikit ({measured} pelaksanaan terukur), belum cukup untuk menilai kepatuhan terhadap waktu baku.', en: 'Too few SOP step executions were measured this month ({measured}) to judge compliance with the standard times.' },
  sugDecline: { id: 'Evaluasi format dan waktu unggah konten {platform} karena jangkauannya menurun.', en: 'Review the format and timing of {platform} content, as its reach declined.' },
  sugUnpublished: { id: 'Tindak lanjuti {n} konten yang direncanakan tetapi belum terbit.', en: 'Follow up the {n} planned content items that were not published.' },
  sugMissing: { id: 'Lengkapi data insight {list} agar capaian seluruh platform dapat dievaluasi.', en: 'Complete the insight data of {list} so every platform can be evaluated.' },
  sugRevisions: { id: 'Perjelas arahan konsep dan desain sejak awal untuk menekan jumlah revisi.', en: 'Make plan and design directions clearer up front to reduce revisions.' },
  sugKeep: { id: 'Pertahankan konsistensi jadwal unggah dan format konten yang berhasil bulan ini.', en: 'Keep this month\'s posting rhythm and the content formats that worked.' },
});

export const LEGAL_BASIS: Record<Lang, readonly string[]> = {
  id: [
    'Undang-Undang Nomor 24 Tahun 2003 tentang Mahkamah Konstitusi sebagaimana telah diubah dengan Undang-Undang Nomor 8 Tahun 2011;',
    'Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;',
    'Keputusan Presiden Nomor 49 Tahun 2012 tentang Sekretariat Jenderal dan Kepaniteraan Mahkamah Konstitusi Republik Indonesia;',
    'Peraturan Sekretaris Jenderal Mahkamah Konstitusi Nomor 04 Tahun 2012 tentang Organisasi dan Tata Kerja Kepaniteraan dan Sekretariat Jenderal Mahkamah Konstitusi;',
    'SOP 170/SOP/2300/06/2022 tentang Pengelolaan Media Sosial.',
  ],
  en: [
    'Law Number 24 of 2003 on the Constitutional Court, as amended by Law Number 8 of 2011;',
    'Law Number 14 of 2008 on Public Information Disclosure;',
    'Presidential Decree Number 49 of 2012 on the Secretariat General and the Registrar\'s Office of the Constitutional Court of the Republic of Indonesia;',
    'Regulation of the Secretary-General of the Constitutional Court Number 04 of 2012 on the Organisation and Work Procedures of the Registrar\'s Office and the Secretariat General of the Constitutional Court;',
    'SOP 170/SOP/2300/06/2022 on Social Media Management.',
  ],
};

/** Formatting for one language: numbers "1.234", percentages "12,5%", dates "5 Januari 2026". */
export function fmt(lang: Lang) {
  return {
    n: (v: number | null, decimals = 0) => (v === null ? '—' : formatNumber(v, lang, decimals)),
    pct: (v: number | null) => (v === null ? '—' : formatPercent(v, lang, 1)),
    signedPct: (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${formatPercent(v, lang, 1)}`),
    points: (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${formatNumber(v * 100, lang, 1)} ${lang === 'id' ? 'poin' : 'pts'}`),
    date: (ms: number) => formatDate(ms, lang),
    isoDate: (d: string) => {
      const [y, m, day] = d.split('-').map(Number);
      return formatDate(Date.UTC(y, m - 1, day, 5), lang);
    },
  };
}

const COUNT_WORDS: Record<Lang, string[]> = {
  id: ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
};

/** The Lampiran line's value: "1 (satu) berkas", or "-" without attachments (Tata Naskah Dinas). */
export function attachmentsText(n: number, lang: Lang): string {
  if (n <= 0) return '-';
  const words = COUNT_WORDS[lang][n] ?? formatNumber(n, lang);
  return tr(lang, REPORT_TEXT.attachmentFiles, { n: formatNumber(n, lang), words });
}

export function reportTitle(period: string, lang: Lang): string {
  return tr(lang, REPORT_TEXT.titleFull, { period: formatPeriod(period, lang).toUpperCase() });
}

export function reportDocName(period: string, lang: Lang): string {
  return tr(lang, REPORT_TEXT.docName, { period: formatPeriod(period, lang) });
}

function metricCell(lang: Lang, v: number | null, ch: number | null): string {
  const f = fmt(lang);
  if (v === null) return '—';
  return ch === null ? f.n(v) : `${f.n(v)} (${f.signedPct(ch)})`;
}

function followersCell(lang: Lang, x: PlatformInsight): string {
  const f = fmt(lang);
  const m = x.now;
  if (m.followersTotal !== null) {
    const parts = [f.n(m.followersTotal)];
    if (x.followersDelta !== null) parts.push(`(${tr(lang, REPORT_TEXT.followersDelta, { sign: x.followersDelta > 0 ? '+' : '', n: f.n(x.followersDelta) })})`);
    else if (m.followersGained !== null) parts.push(`(${tr(lang, REPORT_TEXT.newFollowers, { n: f.n(m.followersGained) })})`);
    return parts.join(' ');
  }
  if (m.followersGained !== null) {
    const t = tr(lang, REPORT_TEXT.newFollowers, { n: f.n(m.followersGained) });
    return x.change.followers === null ? t : `${t} (${f.signedPct(x.change.followers)})`;
  }
  return '—';
}

export interface TableSet {
  strategy: string[][];
  content: string[][];
  posts: string[][];
  insights: string[][];
  top: string[][];
  approvals: string[][];
  rounds: string[][];
  compliance: string[][];
  activity: string[][];
}

/** Every table of the report (header row first), formatted. */
export function reportTables(m: ReportModel): TableSet {
  const lang = m.lang;
  const f = fmt(lang);
  const t = (msg: Msg) => tr(lang, msg);
  const T = REPORT_TEXT;
  const strategy = [[t(T.colNo), t(T.colPlatform), t(T.colDirections)], ...m.strategy.map((s, i) => [String(i + 1), s.platform, s.directions.join('\n')])];
  const content = [
    [t(T.colPlatform), t(T.colPlanned), t(T.colApproved), t(T.colPublished)],
    ...m.content.map((c) => [c.platform, f.n(c.planned), f.n(c.approved), f.n(c.published)]),
    [t(T.colTotal), f.n(m.contentTotal.planned), f.n(m.contentTotal.approved), f.n(m.contentTotal.published)],
  ];
  const posts = [[t(T.colNo), t(T.colDate), t(T.colPlatform), t(T.colTitle), t(T.colLink)], ...m.published.map((p, i) => [String(i + 1), f.date(p.at), p.platform, p.title || '—', p.link || '—'])];
  const insights = [
    [t(T.colPlatform), t(T.colReach), t(T.colViews), t(T.colImpr), t(T.colEng), t(T.colRate), t(T.colFollowers)],
    ...m.insights.map((x) => [
      x.platform,
      metricCell(lang, x.now.reach, x.change.reach),
      metricCell(lang, x.now.views, x.change.views),
      metricCell(lang, x.now.impressions, x.change.impressions),
      metricCell(lang, x.now.engagement, x.change.engagement),
      x.now.engagementRate === null ? '—' : x.engagementRatePoints === null ? f.pct(x.now.engagementRate) : `${f.pct(x.now.engagementRate)} (${f.points(x.engagementRatePoints)})`,
      followersCell(lang, x),
    ]),
  ];
  const top = [
    [t(T.colNo), t(T.colPlatform), t(T.colDate), t(T.colTitle), t(T.colEng), t(T.colReach), t(T.colLink)],
    ...m.topPosts.map((p, i) => [String(i + 1), p.platform, p.date ? f.isoDate(p.date) : '—', p.title || '—', f.n(p.engagement), f.n(p.reach), p.link]),
  ];
  const a = m.contentApprovals;
  const approvals = [
    [lang === 'id' ? 'Ukuran' : 'Measure', lang === 'id' ? 'Nilai' : 'Value'],
    [lang === 'id' ? 'Butir diputuskan' : 'Items decided', f.n(a.decided)],
    [lang === 'id' ? 'Disetujui' : 'Approved', f.n(a.approved)],
    [lang === 'id' ? 'Dikembalikan untuk revisi' : 'Returned for revision', f.n(a.revisions)],
    [lang === 'id' ? 'Persetujuan pada pengajuan pertama' : 'First-pass approval rate', a.firstPassRate === null ? '—' : `${f.pct(a.firstPassRate)} (${f.n(a.firstVersionApproved)}/${f.n(a.firstVersionDecided)})`],
    [lang === 'id' ? 'Median waktu keputusan (menit kerja)' : 'Median decision time (working minutes)', f.n(a.medianMinutes, a.medianMinutes !== null && a.medianMinutes % 1 ? 1 : 0)],
  ];
  const rounds = [
    [t(T.colRound), t(T.colKind), t(T.colSubmitted), t(T.colItems), t(T.colApproved2), t(T.colRevised), t(T.colOpen), t(T.colSettled)],
    ...m.rounds.map((r) => [r.requestId, t(r.kind === 'konsep' ? T.kindKonsep : T.kindDesain), f.date(r.submittedAt), f.n(r.items), f.n(r.approved), f.n(r.revised), f.n(r.open), r.settledAt === null ? '—' : f.date(r.settledAt)]),
  ];
  const compliance = [
    [t(T.colStep), t(T.colStd), t(T.colMeasured), t(T.colMedian), t(T.colMax), t(T.colWithin)],
    ...m.compliance.map((c) =>
      c.measured === 0
        ? [String(c.step), f.n(c.standard), '0', t(T.notMeasured), '—', '—']
        : [String(c.step), f.n(c.standard), f.n(c.measured), f.n(c.medianMinutes, c.medianMinutes !== null && c.medianMinutes % 1 ? 1 : 0), f.n(c.maxMinutes), `${f.n(c.within)} (${f.pct(c.rate)})`],
    ),
    [t(T.colTotal), '', f.n(m.complianceTotal.measured), '', '', m.complianceTotal.measured ? `${f.n(m.complianceTotal.within)} (${f.pct(m.complianceTotal.rate)})` : '—'],
  ];
  const activity = [[t(T.colStep), t(T.colCount)], ...m.activity.map((x) => [x.step, f.n(x.count)])];
  return { strategy, content, posts, insights, top, approvals, rounds, compliance, activity };
}

/** The draft conclusions and recommendations, from the numbers. */
export function draftConclusions(m: ReportModel): { conclusions: string[]; suggestions: string[] } {
  const lang = m.lang;
  const f = fmt(lang);
  const T = REPORT_TEXT;
  const prevLabel = formatPeriod(m.previous, lang);
  const conclusions: string[] = [];
  const suggestions: string[] = [];
  const activePlatforms = m.content.filter((c) => c.published > 0).length;
  if (m.contentTotal.planned > 0) {
    conclusions.push(tr(lang, T.sumPublished, { published: f.n(m.contentTotal.published), platforms: activePlatforms, planned: f.n(m.contentTotal.planned), realization: f.pct(m.contentTotal.published / m.contentTotal.planned) }));
  } else conclusions.push(tr(lang, T.sumPublishedNoPlan, { published: f.n(m.contentTotal.published), platforms: activePlatforms }));
  const rated = m.insights.filter((x) => x.now.engagementRate !== null);
  if (rated.length) {
    const best = rated.reduce((a, b) => ((b.now.engagementRate as number) > (a.now.engagementRate as number) ? b : a));
    conclusions.push(tr(lang, T.sumBestRate, { platform: best.platform, rate: f.pct(best.now.engagementRate) }));
  }
  const withChange = m.insights.filter((x) => x.change.reach !== null);
  if (withChange.length) {
    const up = withChange.reduce((a, b) => ((b.change.reach as number) > (a.change.reach as number) ? b : a));
    if ((up.change.reach as number) > 0) conclusions.push(tr(lang, T.sumGrowth, { platform: up.platform, pct: f.pct(up.change.reach), prev: prevLabel }));
    for (const x of withChange) {
      if ((x.change.reach as number) < 0) {
        conclusions.push(tr(lang, T.sumDecline, { platform: x.platform, pct: f.pct(-(x.change.reach as number)), prev: prevLabel }));
        suggestions.push(tr(lang, T.sugDecline, { platform: x.platform }));
      }
    }
  }
  const ca = m.contentApprovals;
  if (ca.decided > 0 && ca.firstPassRate !== null) {
    conclusions.push(tr(lang, T.sumApprovals, { firstPass: f.pct(ca.firstPassRate), revisions: f.n(ca.revisions), median: f.n(ca.medianMinutes) }));
  }
  // Judge the standard times only on enough data: a step needs 3 measured executions.
  const ENOUGH = 3;
  if (m.complianceTotal.measured >= ENOUGH) conclusions.push(tr(lang, T.sumCompliance, { rate: f.pct(m.complianceTotal.rate) }));
  else suggestions.push(tr(lang, T.sugFewData, { measured: f.n(m.complianceTotal.measured) }));
  for (const c of m.compliance) {
    if (c.measured < ENOUGH || c.rate === null || c.rate >= 0.8) continue;
    if (c.step === 6) suggestions.push(tr(lang, T.sugPublishLate, { late: f.n(c.measured - c.within), measured: f.n(c.measured) }));
    else suggestions.push(tr(lang, T.sugStep, { step: c.step, within: f.n(c.within), measured: f.n(c.measured), rate: f.pct(c.rate), std: f.n(c.standard) }));
  }
  const unpublished = m.contentTotal.planned - m.contentTotal.published;
  if (m.contentTotal.planned > 0 && unpublished > 0) suggestions.push(tr(lang, T.sugUnpublished, { n: f.n(unpublished) }));
  if (m.missingInsights.length) suggestions.push(tr(lang, T.sugMissing, { list: m.missingInsights.join(', ') }));
  if (ca.decided >= ENOUGH && ca.revisions / ca.decided > 0.3) suggestions.push(tr(lang, T.sugRevisions));
  if (!suggestions.length) suggestions.push(tr(lang, T.sugKeep));
  return { conclusions, suggestions };
}

export function reportCharts(m: ReportModel): { reach: ChartSpec; daily: ChartSpec } {
  const lang = m.lang;
  const id = lang === 'id';
  const reach: ChartSpec = {
    kind: 'bar',
    width: 900,
    height: 450,
    title: id ? 'Jangkauan per platform' : 'Reach per platform',
    yTitle: id ? 'Jangkauan' : 'Reach',
    categories: m.insights.map((x) => x.platform),
    series: [
      { name: m.interim && m.throughDay !== null ? `${formatPeriod(m.previous, lang)} (1–${m.throughDay})` : formatPeriod(m.previous, lang), color: '#9aa0a6', values: m.insights.map((x) => (x.prev ? x.prev.reach ?? 0 : 0)) },
      { name: formatPeriod(m.period, lang), color: '#1a73e8', values: m.insights.map((x) => x.now.reach ?? 0) },
    ],
    lang,
  };
  reach.ticks = valueTicks(reach.series.flatMap((s) => s.values), lang);
  const days = m.interim && m.throughDay !== null ? m.publishedPerDay.slice(0, m.throughDay) : m.publishedPerDay;
  const daily: ChartSpec = {
    kind: 'line',
    width: 900,
    height: 400,
    title: id ? 'Unggahan terbit per hari' : 'Posts published per day',
    xTitle: id ? 'Tanggal' : 'Day of month',
    yTitle: id ? 'Unggahan' : 'Posts',
    // An interim month is drawn up to its last day so far, not with empty days to come.
    categories: days.map((_v, i) => String(i + 1)),
    series: [{ name: id ? 'Unggahan' : 'Posts', color: '#d93025', values: days }],
    lang,
  };
  daily.ticks = valueTicks(days, lang);
  return { reach, daily };
}

/** The signature block: "Jakarta, 1 Desember 2026", the position, then name and NIP. */
export function signatureLines(m: ReportModel): { lines: string[]; name: string; nip: string } {
  return {
    lines: [`${m.place}, ${formatDate(m.now, m.lang)}`, `${m.signer.position},`],
    name: m.signer.name || '(……………………………)',
    nip: m.signer.nip ? tr(m.lang, REPORT_TEXT.nip, { nip: m.signer.nip }) : '',
  };
}

/** The whole report as blocks, in order. */
export function reportLayout(m: ReportModel): Block[] {
  const lang = m.lang;
  const T = REPORT_TEXT;
  const t = (msg: Msg, p: Record<string, string | number> = {}) => tr(lang, msg, p);
  const f = fmt(lang);
  const periodLabel = formatPeriod(m.period, lang);
  const prevLabel = formatPeriod(m.previous, lang);
  const tables = reportTables(m);
  const charts = reportCharts(m);
  const draft = draftConclusions(m);
  const b: Block[] = [];
  b.push({ t: 'kop', lines: [m.institution.toUpperCase(), m.unit.toUpperCase()], address: m.address, logoId: m.logoId });
  const titleLines = [t(T.title1), t(T.title2, { period: periodLabel.toUpperCase() })];
  titleLines.push(t(T.number, { number: m.number }));
  titleLines.push(t(T.attachments, { list: attachmentsText(m.attachments, lang) }));
  titleLines.push(t(T.subject, { period: periodLabel }));
  if (m.interim) titleLines.push(t(T.interim, { date: f.date(m.now) }));
  b.push({ t: 'title', lines: titleLines });
  b.push({ t: 'h1', text: t(T.a) });
  b.push({ t: 'h2', text: t(T.a1) });
  b.push({ t: 'p', indent: true, text: t(T.a1text, { unit: m.unit, platforms: m.content.map((c) => c.platform).join(', '), period: periodLabel }) });
  b.push({ t: 'h2', text: t(T.a2) });
  b.push({ t: 'p', indent: true, text: t(T.a2text) });
  b.push({ t: 'h2', text: t(T.a3) });
  b.push({ t: 'p', indent: true, text: t(T.a3text, { lastDay: m.publishedPerDay.length, period: periodLabel }) });
  b.push({ t: 'h2', text: t(T.a4) });
  b.push({ t: 'list', items: [...LEGAL_BASIS[lang]] });

  b.push({ t: 'h1', text: t(T.b) });
  b.push({ t: 'h2', text: t(T.b1) });
  if (m.strategy.length) b.push({ t: 'table', key: 'tabel_strategi', rows: tables.strategy });
  else b.push({ t: 'p', indent: true, italic: true, text: t(T.b1none) });
  b.push({ t: 'h2', text: t(T.b2) });
  b.push({ t: 'p', indent: true, text: t(T.b2text, { period: periodLabel, planned: f.n(m.contentTotal.planned), approved: f.n(m.contentTotal.approved), published: f.n(m.contentTotal.published) }) });
  b.push({ t: 'table', key: 'tabel_konten', rows: tables.content });
  b.push({ t: 'h2', text: t(T.b3) });
  if (m.published.length) b.push({ t: 'table', key: 'tabel_publikasi', rows: tables.posts });
  else b.push({ t: 'p', indent: true, italic: true, text: t(T.b3none) });
  if (m.activity.length) {
    b.push({ t: 'h2', text: t(T.b4) });
    b.push({ t: 'table', key: 'tabel_aktivitas', rows: tables.activity });
  }

  b.push({ t: 'h1', text: t(T.c) });
  b.push({ t: 'h2', text: t(T.c1) });
  if (m.insights.length) {
    b.push({ t: 'table', key: 'tabel_platform', rows: tables.insights });
    const compared = m.insights.some((x) => x.prev !== null);
    b.push({ t: 'p', italic: true, text: t(compared ? T.c1note : T.c1noPrev, { prev: prevLabel }) });
    if (m.interim && m.throughDay !== null) b.push({ t: 'p', italic: true, text: t(T.c1interim, { period: periodLabel, prev: prevLabel, day: m.throughDay }) });
  } else b.push({ t: 'p', indent: true, italic: true, text: t(T.c1none) });
  if (m.missingInsights.length && m.insights.length) b.push({ t: 'p', italic: true, text: t(T.c1missing, { list: m.missingInsights.join(', ') }) });
  b.push({ t: 'h2', text: t(T.c2) });
  if (m.topPosts.length) b.push({ t: 'table', key: 'tabel_unggulan', rows: tables.top });
  else b.push({ t: 'p', indent: true, italic: true, text: t(T.c2none) });
  b.push({ t: 'h2', text: t(T.c3) });
  if (m.insights.length) b.push({ t: 'chart', key: 'grafik_jangkauan', spec: charts.reach, caption: t(T.chartReach, { prev: prevLabel, period: periodLabel }) });
  b.push({ t: 'chart', key: 'grafik_harian', spec: charts.daily, caption: t(T.chartDaily, { period: periodLabel }) });
  b.push({ t: 'h2', text: t(T.c4) });
  const ca = m.contentApprovals;
  if (m.rounds.length) {
    const open = m.rounds.reduce((n, r) => n + r.open, 0);
    let text = t(T.c4content, { period: periodLabel, rounds: f.n(m.rounds.length), decided: f.n(ca.decided), approved: f.n(ca.approved), revisions: f.n(ca.revisions), open: open ? t(T.c4open, { n: f.n(open) }) : '' });
    if (ca.firstPassRate !== null) text += t(T.c4firstPass, { firstPass: f.pct(ca.firstPassRate), fpa: f.n(ca.firstVersionApproved), fpd: f.n(ca.firstVersionDecided) });
    b.push({ t: 'p', indent: true, text });
    b.push({ t: 'table', key: 'tabel_putaran', rows: tables.rounds });
    b.push({ t: 'table', key: 'tabel_persetujuan', rows: tables.approvals });
  } else b.push({ t: 'p', indent: true, italic: true, text: t(T.c4none, { period: periodLabel }) });
  const a = m.approvals;
  b.push({
    t: 'p',
    indent: true,
    text: a.decided || a.decisions
      ? t(T.c4decided, { period: periodLabel, decided: f.n(a.decided), approved: f.n(a.approved), revisions: f.n(a.revisions), median: f.n(a.medianMinutes), decisions: f.n(a.decisions), std3: f.n(m.compliance[2].standard), std5: f.n(m.compliance[4].standard) })
      : t(T.c4decidedNone, { period: periodLabel }),
  });
  b.push({ t: 'h2', text: t(T.c5) });
  b.push({ t: 'p', indent: true, text: t(T.c5text, { measured: f.n(m.complianceTotal.measured), within: f.n(m.complianceTotal.within), rate: f.pct(m.complianceTotal.rate) }) });
  b.push({ t: 'table', key: 'tabel_kepatuhan', rows: tables.compliance });
  b.push({ t: 'p', italic: true, text: t(T.c5how, { period: periodLabel }) });
  b.push({ t: 'list', items: STEPS.map((step) => tr(lang, STEP_MEASURES[step])) });

  b.push({ t: 'h1', text: t(T.d) });
  b.push({ t: 'draft', text: t(T.draft) });
  b.push({ t: 'h2', text: t(T.d1) });
  b.push({ t: 'list', items: draft.conclusions });
  b.push({ t: 'h2', text: t(T.d2) });
  b.push({ t: 'list', items: draft.suggestions });

  b.push({ t: 'h1', text: t(T.e) });
  b.push({ t: 'p', indent: true, text: t(T.etext, { period: periodLabel }) });
  const sig = signatureLines(m);
  b.push({ t: 'signature', lines: sig.lines, name: sig.name, nip: sig.nip });
  return b;
}

/**
 * The {{placeholders}} a user's own template (Pengaturan "templat_laporan") may use:
 *
 *   {{periode}} "Desember 2026"            {{periode_sebelumnya}} "November 2026"
 *   {{bulan}} "Desember"  {{tahun}} "2026"  {{bulan_angka}} "12"
 *   {{judul}} "LAPORAN PENGELOLAAN MEDIA SOSIAL BULAN DESEMBER 2026"
 *   {{instansi}} {{unit}}                  (Pengaturan "instansi", "nama_unit")
 *   {{ringkasan}}                          the draft conclusions as one paragraph
 *   {{simpulan}} {{saran}}                 the draft conclusions / recommendations, numbered lines
 *   {{jumlah_rencana}} {{jumlah_disetujui}} {{jumlah_terbit}}   content planned / designs approved / posts published
 *   {{persetujuan_pertama}} "60,0%"        first-pass approval rate
 *   {{jumlah_revisi}} {{median_keputusan}} revisions; median decision time (working minutes)
 *   {{kepatuhan_sop}} "80,0%"              share of SOP steps within the standard time (Siaran's indicator)
 *   {{tempat}} {{tanggal}} {{tempat_tanggal}} "Jakarta, 4 Januari 2027"
 *   {{jabatan}} {{nama}} {{nip}}           the Kabag, from Pengguna
 *   {{nomor}} {{lampiran}} {{hal}}         the report's number, "1 (satu) berkas" or "-", the subject
 *
 * Tables and charts go where a paragraph holds only their marker (TEMPLATE_BLOCKS):
 *   {{tabel_strategi}} {{tabel_konten}} {{tabel_publikasi}} {{tabel_aktivitas}} {{tabel_platform}}
 *   {{tabel_unggulan}} {{tabel_persetujuan}} {{tabel_putaran}} {{tabel_kepatuhan}} {{grafik_jangkauan}} {{grafik_harian}}
 */
export function templateValues(m: ReportModel): Record<string, string> {
  const lang = m.lang;
  const f = fmt(lang);
  const draft = draftConclusions(m);
  const sig = signatureLines(m);
  const [y, mo] = m.period.split('-');
  return {
    periode: formatPeriod(m.period, lang),
    periode_sebelumnya: formatPeriod(m.previous, lang),
    bulan: formatPeriod(m.period, lang).split(' ')[0],
    tahun: y,
    bulan_angka: mo,
    judul: reportTitle(m.period, lang),
    instansi: m.institution,
    unit: m.unit,
    ringkasan: draft.conclusions.join(' '),
    simpulan: draft.conclusions.map((c, i) => `${i + 1}. ${c}`).join('\n'),
    saran: draft.suggestions.map((c, i) => `${i + 1}. ${c}`).join('\n'),
    jumlah_rencana: f.n(m.contentTotal.planned),
    jumlah_disetujui: f.n(m.contentTotal.approved),
    jumlah_terbit: f.n(m.contentTotal.published),
    persetujuan_pertama: f.pct(m.contentApprovals.firstPassRate),
    jumlah_revisi: f.n(m.contentApprovals.revisions),
    median_keputusan: f.n(m.contentApprovals.medianMinutes),
    kepatuhan_sop: f.pct(m.complianceTotal.rate),
    tempat: m.place,
    tanggal: formatDate(m.now, lang),
    tempat_tanggal: sig.lines[0],
    jabatan: m.signer.position,
    nama: m.signer.name,
    nip: m.signer.nip,
    nomor: m.number,
    lampiran: attachmentsText(m.attachments, lang),
    hal: tr(lang, REPORT_TEXT.subject, { period: formatPeriod(m.period, lang) }).replace(/^[^:]*:\s*/, ''),
  };
}

/** Table and chart markers of a template: {{key}} alone in a paragraph. */
export const TEMPLATE_BLOCKS = ['tabel_strategi', 'tabel_konten', 'tabel_publikasi', 'tabel_aktivitas', 'tabel_platform', 'tabel_unggulan', 'tabel_persetujuan', 'tabel_putaran', 'tabel_kepatuhan', 'grafik_jangkauan', 'grafik_harian'] as const;

/** The month of an instant, for "which month to report" (the month before `ms`, in WIB). */
export function monthBefore(ms: number, cal: WorkCalendar): string {
  return previousPeriod(localDate(cal, ms).slice(0, 7));
}

/**
 * Whether a month's report can be built at `ms`: the month has begun (this month, for a look
 * before it ends, or an earlier one). A month that has not begun has nothing to report; asking for
 * one only spends the owner's trigger time and mails the heads an empty report.
 */
export function monthHasBegun(period: string, ms: number, cal: WorkCalendar): boolean {
  return period <= localDate(cal, ms).slice(0, 7);
}
