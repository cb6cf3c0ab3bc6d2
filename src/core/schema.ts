/**
 * The workbook's shape: one tab per SOP artifact. Tabs are found by a stable key kept in developer
 * metadata (so users may rename them); columns by their header text in either language (so users
 * may reorder them, insert their own, or rename a header to the other language).
 */

export type TabKey =
  | 'strategi'
  | 'konsep'
  | 'desain'
  | 'publikasi'
  | 'insight'
  | 'laporan'
  | 'persetujuan'
  | 'log'
  | 'pengguna'
  | 'pengaturan';

export interface ColumnDef<C extends string = string> {
  /** The key code uses (Table.get(row, key)): a literal type per tab, see ColumnKey. */
  key: C;
  /** Header in Bahasa Indonesia (written by setup) and accepted English alias. */
  id: string;
  en: string;
  /** Actions refuse to run when a required column is missing. */
  required?: boolean;
  /** Only the script writes it: hand edits are reverted. */
  scriptOwned?: boolean;
  /**
   * Part of the record (an item's status and its submission and decision): only the owner's
   * executions write it, under a hard protection (setup). Blank in a new row: Draf, version 1.
   */
  record?: boolean;
  /** How setup formats it. */
  format?: 'date' | 'datetime' | 'text' | 'number' | 'integer';
  /** Dropdown source. */
  list?: 'platform' | 'platforms' | 'pic' | 'conceptStatus' | 'designStatus' | 'role' | 'policy';
  width?: number;
}

export interface TabDef<K extends TabKey = TabKey, C extends string = string> {
  key: K;
  id: string;
  en: string;
  step: string;
  columns: ColumnDef<C>[];
  /** Setup protects the whole tab (only the script writes it). */
  scriptOnly?: boolean;
}

const c = <C extends string>(key: C, id: string, en: string, extra: Partial<Omit<ColumnDef, 'key'>> = {}): ColumnDef<C> => ({ key, id, en, ...extra });

/** Keeps a tab's key and column keys as literal types. */
const tab = <K extends TabKey, C extends string>(def: TabDef<K, C>): TabDef<K, C> => def;

const TAB_DEFS = [
  tab({
    key: 'strategi',
    id: 'Strategi',
    en: 'Strategy',
    step: '1',
    columns: [
      c('periode', 'Periode', 'Period', { required: true, format: 'text', width: 80 }),
      c('platform', 'Platform', 'Platform', { required: true, list: 'platform', width: 100 }),
      c('arahan', 'Arahan', 'Directions', { required: true, width: 360 }),
      c('analisisMedia', 'Laporan Analisis Media', 'Media Analysis Report', { width: 160 }),
      c('diseminasiPerkara', 'Laporan Diseminasi Perkara dan Putusan', 'Case and Decision Dissemination Report', { width: 160 }),
      c('auditKehumasan', 'Laporan Audit Kehumasan', 'PR Audit Report', { width: 160 }),
      c('referensi', 'Referensi', 'References', { width: 160 }),
      c('disusunOleh', 'Disusun Oleh', 'Written By', { required: true, scriptOwned: true, width: 160 }),
      c('tanggal', 'Tanggal', 'Date', { required: true, format: 'datetime', scriptOwned: true, width: 130 }),
    ],
  }),
  tab({
    key: 'konsep',
    id: 'Konsep Konten',
    en: 'Content Plan',
    step: '2-3',
    columns: [
      c('id', 'ID', 'ID', { required: true, scriptOwned: true, width: 90 }),
      c('periode', 'Periode', 'Period', { required: true, format: 'text', width: 80 }),
      c('tanggal', 'Rencana Tayang', 'Planned Date', { required: true, format: 'date', width: 110 }),
      c('kegiatan', 'Kegiatan/Informasi', 'Activity/Information', { required: true, width: 260 }),
      c('kategori', 'Kategori', 'Category', { width: 110 }),
      c('platform', 'Platform', 'Platforms', { required: true, list: 'platforms', width: 150 }),
      c('pic', 'PIC', 'Owner', { required: true, list: 'pic', width: 160 }),
      c('deskripsi', 'Deskripsi', 'Description', { width: 260 }),
      c('status', 'Status', 'Status', { required: true, scriptOwned: true, record: true, list: 'conceptStatus', width: 110 }),
      c('catatan', 'Catatan Revisi', 'Revision Notes', { required: true, scriptOwned: true, record: true, width: 220 }),
      c('versi', 'Versi', 'Version', { scriptOwned: true, record: true, format: 'integer', width: 60 }),
      c('diajukanOleh', 'Diajukan Oleh', 'Submitted By', { scriptOwned: true, record: true, width: 160 }),
      c('diajukanPada', 'Diajukan Pada', 'Submitted At', { scriptOwned: true, record: true, format: 'datetime', width: 130 }),
      c('diputuskanPada', 'Diputuskan Pada', 'Decided At', { scriptOwned: true, record: true, format: 'datetime', width: 130 }),
      c('sumberJadwal', 'Sumber Jadwal', 'Schedule Source', { scriptOwned: true, width: 160 }),
    ],
  }),
  tab({
    key: 'desain',
    id: 'Desain Konten',
    en: 'Content Designs',
    step: '4-5',
    columns: [
      c('id', 'ID', 'ID', { required: true, scriptOwned: true, width: 100 }),
      c('konsepId', 'ID Konsep', 'Plan ID', { required: true, width: 90 }),
      c('platform', 'Platform', 'Platform', { required: true, list: 'platform', width: 100 }),
      c('tautan', 'Tautan Desain', 'Design Link', { required: true, width: 200 }),
      c('judul', 'Judul', 'Title', { width: 200 }),
      c('naskah', 'Naskah', 'Copy', { required: true, width: 320 }),
      c('cekNaskah', 'Cek Naskah', 'Copy Check', { scriptOwned: true, width: 200 }),
      c('pic', 'PIC', 'Owner', { list: 'pic', width: 160 }),
      c('versi', 'Versi', 'Version', { required: true, scriptOwned: true, record: true, format: 'integer', width: 60 }),
      c('status', 'Status', 'Status', { required: true, scriptOwned: true, record: true, list: 'designStatus', width: 110 }),
      c('catatan', 'Catatan Revisi', 'Revision Notes', { required: true, scriptOwned: true, record: true, width: 220 }),
      c('diajukanOleh', 'Diajukan Oleh', 'Submitted By', { scriptOwned: true, record: true, width: 160 }),
      c('diajukanPada', 'Diajukan Pada', 'Submitted At', { scriptOwned: true, record: true, format: 'datetime', width: 130 }),
      c('diputuskanPada', 'Diputuskan Pada', 'Decided At', { scriptOwned: true, record: true, format: 'datetime', width: 130 }),
    ],
  }),
  tab({
    key: 'publikasi',
    id: 'Publikasi',
    en: 'Publications',
    step: '6',
    columns: [
      c('desainId', 'ID Desain', 'Design ID', { required: true, width: 100 }),
      c('platform', 'Platform', 'Platform', { required: true, list: 'platform', width: 100 }),
      c('tanggal', 'Tanggal Terbit', 'Published At', { required: true, format: 'datetime', width: 130 }),
      c('tautan', 'Tautan Postingan', 'Post Link', { required: true, width: 260 }),
      c('dicatatOleh', 'Dicatat Oleh', 'Recorded By', { scriptOwned: true, width: 160 }),
    ],
  }),
  tab({
    key: 'insight',
    id: 'Insight',
    en: 'Insights',
    step: '6',
    columns: [
      c('periode', 'Periode', 'Period', { required: true, format: 'text', width: 80 }),
      c('platform', 'Platform', 'Platform', { required: true, list: 'platform', width: 100 }),
      c('tanggal', 'Tanggal', 'Date', { format: 'date', width: 100 }),
      c('tautan', 'Tautan Postingan', 'Post Link', { width: 240 }),
      c('judul', 'Judul', 'Title', { width: 200 }),
      c('jangkauan', 'Jangkauan', 'Reach', { required: true, format: 'integer', width: 100 }),
      c('tayangan', 'Tayangan', 'Views', { required: true, format: 'integer', width: 100 }),
      c('impresi', 'Impresi', 'Impressions', { required: true, format: 'integer', width: 100 }),
      c('interaksi', 'Interaksi', 'Engagement', { required: true, format: 'integer', width: 100 }),
      c('pengikut', 'Pengikut', 'Followers', { required: true, format: 'integer', width: 100 }),
      c('sumber', 'Sumber', 'Source', { width: 160 }),
      c('kunci', 'Kunci Impor', 'Import Key', { scriptOwned: true, width: 160 }),
    ],
  }),
  tab({
    key: 'laporan',
    id: 'Laporan',
    en: 'Reports',
    step: '6',
    scriptOnly: true,
    columns: [
      c('periode', 'Periode', 'Period', { required: true, format: 'text', width: 80 }),
      c('dokumen', 'Dokumen', 'Document', { required: true, width: 260 }),
      c('pdf', 'PDF', 'PDF', { required: true, width: 260 }),
      c('dibuatPada', 'Dibuat Pada', 'Created At', { required: true, format: 'datetime', width: 130 }),
      c('dibuatOleh', 'Dibuat Oleh', 'Created By', { width: 160 }),
    ],
  }),
  tab({
    key: 'persetujuan',
    id: 'Persetujuan',
    en: 'Approvals',
    step: '3, 5',
    scriptOnly: true,
    columns: [
      c('id', 'ID Permintaan', 'Request ID', { required: true, width: 110 }),
      c('jenis', 'Jenis', 'Kind', { required: true, width: 80 }),
      c('periode', 'Periode', 'Period', { required: true, format: 'text', width: 80 }),
      c('objek', 'Objek', 'Items', { required: true, width: 220 }),
      c('kebijakan', 'Kebijakan', 'Policy', { required: true, width: 100 }),
      c('tingkat', 'Tingkat', 'Level', { required: true, format: 'integer', width: 60 }),
      c('penyetuju', 'Penyetuju', 'Approver', { required: true, width: 180 }),
      c('status', 'Status', 'Status', { required: true, width: 110 }),
      c('diajukanOleh', 'Diajukan Oleh', 'Submitted By', { required: true, width: 160 }),
      c('diajukanPada', 'Diajukan Pada', 'Submitted At', { required: true, format: 'datetime', width: 130 }),
      c('mulaiPada', 'Mulai Pada', 'Started At', { format: 'datetime', width: 130 }),
      c('diputuskanPada', 'Diputuskan Pada', 'Decided At', { format: 'datetime', width: 130 }),
      c('keputusan', 'Keputusan', 'Decisions', { required: true, width: 260 }),
      c('menitKerja', 'Menit Kerja', 'Working Minutes', { format: 'integer', width: 90 }),
      c('pengingat', 'Pengingat Terakhir', 'Last Reminder', { format: 'datetime', width: 130 }),
    ],
  }),
  tab({
    key: 'log',
    id: 'Log',
    en: 'Log',
    step: '—',
    scriptOnly: true,
    columns: [
      c('waktu', 'Waktu', 'Time', { required: true, format: 'datetime', width: 130 }),
      c('pengguna', 'Pengguna', 'User', { required: true, width: 180 }),
      c('langkah', 'Langkah', 'Step', { required: true, width: 70 }),
      c('aksi', 'Aksi', 'Action', { required: true, width: 160 }),
      c('objek', 'Objek', 'Object', { required: true, width: 160 }),
      c('detail', 'Detail', 'Details', { required: true, width: 360 }),
    ],
  }),
  tab({
    key: 'pengguna',
    id: 'Pengguna',
    en: 'People',
    step: '—',
    columns: [
      c('email', 'Email', 'Email', { required: true, width: 220 }),
      c('nama', 'Nama', 'Name', { required: true, width: 200 }),
      c('peran', 'Peran', 'Role', { required: true, list: 'role', width: 100 }),
      c('jabatan', 'Jabatan', 'Position', { width: 300 }),
      c('nip', 'NIP', 'Employee No.', { format: 'text', width: 150 }),
    ],
  }),
  tab({
    key: 'pengaturan',
    id: 'Pengaturan',
    en: 'Settings',
    step: '—',
    columns: [
      c('kunci', 'Kunci', 'Key', { required: true, width: 220 }),
      c('nilai', 'Nilai', 'Value', { required: true, format: 'text', width: 320 }),
      c('keterangan', 'Keterangan', 'Notes', { width: 420 }),
    ],
  }),
] as const;

export const TABS: readonly TabDef[] = TAB_DEFS;

/** The column keys of tab `K`, as a union of literals: a misspelled key does not compile. */
export type ColumnKey<K extends TabKey> = Extract<(typeof TAB_DEFS)[number], { key: K }> extends TabDef<K, infer C> ? C : never;

export function tabDef(key: TabKey): TabDef {
  const t = TABS.find((x) => x.key === key);
  if (!t) throw new Error(`Unknown tab ${key}`);
  return t;
}

export function normalizeHeader(h: unknown): string {
  return String(h ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/**
 * Maps each column key to its 0-based index in `headers`, by Indonesian or English header text.
 * Columns not found map to -1. A user's own columns are ignored.
 */
export function locateColumns(def: TabDef, headers: readonly unknown[]): Record<string, number> {
  const norm = headers.map(normalizeHeader);
  const out: Record<string, number> = {};
  for (const col of def.columns) {
    const i = norm.findIndex((h) => h === normalizeHeader(col.id) || h === normalizeHeader(col.en));
    out[col.key] = i;
  }
  return out;
}

export function missingRequired(def: TabDef, located: Record<string, number>): ColumnDef[] {
  return def.columns.filter((col) => col.required && located[col.key] < 0);
}

export const TAB_METADATA_KEY = 'siaran.tab';

/** Content columns whose text makes a plan or design row a new item (it then gets its ID). */
export const ITEM_CONTENT: Partial<Record<TabKey, string[]>> = { konsep: ['kegiatan', 'tanggal', 'platform'], desain: ['konsepId', 'naskah', 'tautan'] };

/**
 * The columns onEdit reads, of `located` (key -> 0-based index): every column of the Log (its
 * line), the script-owned columns of the other tabs people edit, and a new item's content columns.
 * Script-only tabs and the roster need none.
 */
export function editedColumns(def: TabDef, located: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  if (def.key !== 'log' && (def.scriptOnly || def.key === 'pengguna' || def.key === 'pengaturan')) return out;
  for (const c of def.columns) if (def.key === 'log' || c.scriptOwned || ITEM_CONTENT[def.key]?.includes(c.key)) out[c.key] = located[c.key];
  return out;
}
