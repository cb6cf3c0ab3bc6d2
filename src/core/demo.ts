/**
 * A realistic demo month of the Court's PR work, for the sandbox and new workbooks: people for each
 * role, strategy rows, a content plan with hearings, decisions, visits and campaigns on all five
 * platforms, designs with copy, publications and insights. Deterministic (seeded), so tests can
 * rely on it. Names and addresses are fictional.
 */
import type { Platform } from './platforms';

export interface DemoPerson {
  email: string;
  name: string;
  role: 'Kabag' | 'Kasubbag' | 'PNS' | 'PPNPN';
  position: string;
  nip: string;
}

export const DEMO_DOMAIN = 'mk.example.id';

export const DEMO_PEOPLE: DemoPerson[] = [
  { email: `kabag@${DEMO_DOMAIN}`, name: 'Dr. Rahmat Hidayat, S.H., M.H.', role: 'Kabag', position: 'Kepala Bagian Hubungan Masyarakat dan Kerja Sama Dalam Negeri', nip: '197503122000031001' },
  { email: `kasubbag@${DEMO_DOMAIN}`, name: 'Sri Wahyuni, S.Sos., M.Si.', role: 'Kasubbag', position: 'Kepala Subbagian Hubungan Masyarakat', nip: '198011042005012002' },
  { email: `andi@${DEMO_DOMAIN}`, name: 'Andi Pratama, S.I.Kom.', role: 'PNS', position: 'Pranata Humas Ahli Pertama', nip: '199207152019031004' },
  { email: `dewi@${DEMO_DOMAIN}`, name: 'Dewi Lestari, S.H.', role: 'PNS', position: 'Analis Kehumasan', nip: '199405222020122008' },
  { email: `nadia@${DEMO_DOMAIN}`, name: 'Nadia Putri, S.Ds.', role: 'PPNPN', position: 'Desainer Grafis', nip: '' },
  { email: `bima@${DEMO_DOMAIN}`, name: 'Bima Santoso, S.I.Kom.', role: 'PPNPN', position: 'Videografer', nip: '' },
];

export interface DemoStrategy {
  platform: Platform;
  directions: string;
}

export function demoStrategy(period: string): DemoStrategy[] {
  const [y, m] = period.split('-').map(Number);
  const month = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][m - 1];
  return [
    { platform: 'Instagram', directions: `Utamakan carousel ringkasan putusan dan Reels jadwal sidang ${month} ${y}; Story harian untuk sidang yang disiarkan langsung.` },
    { platform: 'X', directions: 'Kabar singkat setiap pengucapan putusan dengan tautan ke risalah dan salinan putusan; gunakan utas untuk perkara yang menarik perhatian publik.' },
    { platform: 'Facebook', directions: 'Unggah berita lengkap dan tautan siaran langsung; sasar pelajar dan mahasiswa untuk kunjungan dan bimtek hak konstitusional.' },
    { platform: 'YouTube', directions: 'Siarkan langsung seluruh sidang pleno; produksi dua video edukasi (penjelasan alur PUU dan hak konstitusional warga).' },
    { platform: 'TikTok', directions: 'Video vertikal 30–60 detik: "Tahukah Kamu" tentang MK dan cuplikan sidang yang mudah dipahami.' },
  ];
}

export interface DemoConcept {
  day: number;
  activity: string;
  category: string;
  platforms: Platform[];
  pic: string;
  description: string;
}

const CASES = [
  { no: '12/PUU-XXIV/2026', law: 'UU Pemilihan Umum', topic: 'ambang batas pencalonan' },
  { no: '27/PUU-XXIV/2026', law: 'UU Cipta Kerja', topic: 'ketentuan pesangon' },
  { no: '31/PUU-XXIV/2026', law: 'UU Informasi dan Transaksi Elektronik', topic: 'pasal pencemaran nama baik' },
  { no: '38/PUU-XXIV/2026', law: 'UU Aparatur Sipil Negara', topic: 'batas usia pensiun' },
  { no: '44/PUU-XXIV/2026', law: 'UU Pemerintahan Daerah', topic: 'kewenangan desa adat' },
  { no: '2/SKLN-XXIV/2026', law: 'sengketa kewenangan lembaga negara', topic: 'kewenangan pengawasan' },
];

const STAGES = ['Pemeriksaan Pendahuluan', 'Perbaikan Permohonan', 'Pemeriksaan Persidangan (mendengar keterangan DPR dan Presiden)', 'Pemeriksaan Persidangan (mendengar ahli dan saksi)', 'Pengucapan Putusan'];

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Working days (Mon–Fri) of a month; holidays are not removed here (the plan may post on them). */
function weekdays(period: string): number[] {
  const [y, m] = period.split('-').map(Number);
  const days: number[] = [];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let d = 1; d <= n; d++) {
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(d);
  }
  return days;
}

/** About `count` plan items for a month, spread over its weekdays. */
export function demoConcepts(period: string, count = 24, seed = 7): DemoConcept[] {
  const r = rng(seed);
  const staff = DEMO_PEOPLE.filter((p) => p.role === 'PNS' || p.role === 'PPNPN').map((p) => p.email);
  const days = weekdays(period);
  const out: DemoConcept[] = [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const templates: Array<() => Omit<DemoConcept, 'day' | 'pic'>> = [
    () => {
      const c = pick(CASES);
      const stage = pick(STAGES);
      return {
        activity: `Sidang ${stage} Perkara ${c.no} (${c.law})`,
        category: stage === 'Pengucapan Putusan' ? 'Putusan' : 'Sidang',
        platforms: stage === 'Pengucapan Putusan' ? ['Instagram', 'X', 'Facebook', 'YouTube'] : ['YouTube', 'X', 'Instagram'],
        description: `Jadwal dan ringkasan sidang pengujian ${c.law} tentang ${c.topic}; siaran langsung di YouTube.`,
      };
    },
    () => {
      const c = pick(CASES);
      return {
        activity: `Infografis Ringkasan Putusan ${c.no}`,
        category: 'Putusan',
        platforms: ['Instagram', 'Facebook', 'X'],
        description: `Carousel 6 slide: pokok permohonan, pertimbangan, amar putusan tentang ${c.topic}.`,
      };
    },
    () => ({
      activity: `Kunjungan ${pick(['Mahasiswa Fakultas Hukum Universitas Gadjah Mada', 'Siswa SMA Negeri 8 Jakarta', 'Delegasi Mahkamah Konstitusi Korea', 'Mahasiswa Universitas Hasanuddin', 'Peserta Sekolah Pimpinan Polri'])} ke MK`,
      category: 'Kunjungan',
      platforms: ['Instagram', 'Facebook'],
      description: 'Foto kegiatan dan kutipan narasumber; tandai akun kampus/instansi.',
    }),
    () => ({
      activity: `Bimtek Hak Konstitusional Warga Negara bagi ${pick(['Guru PPKn', 'Advokat', 'Pengurus Partai Politik', 'Aparatur Desa'])}`,
      category: 'Edukasi',
      platforms: ['Facebook', 'Instagram', 'YouTube'],
      description: 'Liputan pembukaan dan materi pokok di Pusat Pendidikan Pancasila dan Konstitusi, Cisarua.',
    }),
    () => ({
      activity: `Video Edukasi "Tahukah Kamu": ${pick(['Apa itu Pengujian Undang-Undang?', 'Siapa yang bisa mengajukan permohonan ke MK?', 'Bedanya putusan dan ketetapan', 'Cara menonton sidang MK secara daring'])}`,
      category: 'Edukasi',
      platforms: ['TikTok', 'Instagram', 'YouTube'],
      description: 'Video vertikal 45 detik dengan teks; versi YouTube Shorts.',
    }),
    () => ({
      activity: `Kutipan Hakim Konstitusi: ${pick(['tentang keadilan substantif', 'tentang hak atas informasi', 'tentang supremasi konstitusi'])}`,
      category: 'Kutipan',
      platforms: ['Instagram', 'X', 'Facebook'],
      description: 'Kartu kutipan dengan foto resmi; sumber: risalah sidang.',
    }),
    () => ({
      activity: `Seminar Nasional "${pick(['Konstitusi dan Demokrasi Digital', 'Perlindungan Data Pribadi dalam Perspektif Konstitusi', 'Refleksi Akhir Tahun Mahkamah Konstitusi'])}"`,
      category: 'Seminar',
      platforms: ['YouTube', 'Facebook', 'X', 'Instagram'],
      description: 'Siaran langsung dan rangkuman poin penting pembicara.',
    }),
  ];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length]();
    const day = days[Math.min(days.length - 1, Math.floor((i / count) * days.length))];
    out.push({ ...t, day, pic: staff[i % staff.length] });
  }
  return out;
}

/** Copy for one platform, sized like real posts (X under 280 weighted characters). */
export function demoCopy(platform: Platform, activity: string, seed: number): { title: string; copy: string } {
  const r = rng(seed);
  const tag = ['#MahkamahKonstitusi', '#MKRI', '#SidangMK', '#PutusanMK', '#KonstitusiKita'];
  const tags = tag.slice(0, 2 + Math.floor(r() * 3)).join(' ');
  switch (platform) {
    case 'X':
      return { title: '', copy: `${activity}. Simak selengkapnya: https://www.mkri.id/berita ${tags}` };
    case 'Instagram':
      return { title: '', copy: `${activity}\n\nGeser untuk membaca ringkasannya. Sidang dapat disaksikan langsung melalui kanal YouTube Mahkamah Konstitusi.\n\n${tags}` };
    case 'Facebook':
      return { title: '', copy: `${activity}. Mahkamah Konstitusi terus membuka akses informasi persidangan bagi masyarakat. Informasi lengkap, risalah sidang, dan salinan putusan tersedia di laman resmi MK. ${tags}` };
    case 'YouTube':
      return { title: activity.slice(0, 95), copy: `${activity}\n\nSaksikan dan bagikan. Risalah dan putusan: https://www.mkri.id\n\n${tags}` };
    case 'TikTok':
      return { title: '', copy: `${activity} 🎬 ${tags}` };
  }
}
