/** Reading the panel's view of the tabs (each tab read once per action through the adapter). */
import type { Cell, Table } from '../../adapters/workbook';
import { parseDateCell } from '../../core/calendar';
import { displayName } from '../../core/people';
import { parsePlatformList } from '../../core/sop';
import type { PanelConcept, PanelDesign, PanelReports, PanelStrategy } from '../../shared/contract';
import { cellMs } from '../approvals/store';
import type { Ctx } from '../context';

function iso(v: Cell | undefined): string | null {
  const ms = cellMs(v);
  return ms === null ? null : new Date(ms).toISOString();
}

/** A Periode cell as 'YYYY-MM' (Sheets may have turned "2026-12" into a date). */
export function cellPeriod(v: Cell | undefined): string {
  if (v !== null && typeof v === 'object' && typeof (v as Date).getTime === 'function') return (parseDateCell(v) ?? '').slice(0, 7);
  const s = String(v ?? '').trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s.slice(0, 7) : s;
}

/** Text a user typed, as stored (a leading apostrophe that forced text is not part of it). */
function plain(t: Table, i: number, key: string): string {
  const v = t.get(i, key);
  if (typeof v === 'string') return v.replace(/^'/, '').trim();
  return t.text(i, key);
}

export function conceptOf(ctx: Ctx, t: Table, i: number): PanelConcept {
  const raw = t.get(i, 'tanggal');
  const pic = t.text(i, 'pic');
  return {
    id: t.text(i, 'id'),
    row: t.sheetRow(i),
    period: cellPeriod(t.get(i, 'periode')),
    date: parseDateCell(raw) ?? '',
    activity: plain(t, i, 'kegiatan'),
    category: plain(t, i, 'kategori'),
    platforms: parsePlatformList(t.text(i, 'platform')).platforms,
    pic,
    picName: pic ? displayName(ctx.people, pic) : '',
    description: plain(t, i, 'deskripsi'),
    status: t.text(i, 'status') || 'Draf',
    feedback: plain(t, i, 'catatan'),
    version: Number(t.get(i, 'versi')) || 1,
    submittedAt: iso(t.get(i, 'diajukanPada')),
    decidedAt: iso(t.get(i, 'diputuskanPada')),
  };
}

export function designOf(t: Table, i: number, publications: Map<string, { url: string; at: string | null }>): PanelDesign {
  const id = t.text(i, 'id');
  return {
    id,
    row: t.sheetRow(i),
    conceptId: t.text(i, 'konsepId'),
    platform: parsePlatformList(t.text(i, 'platform')).platforms[0] ?? t.text(i, 'platform'),
    link: plain(t, i, 'tautan'),
    title: plain(t, i, 'judul'),
    copy: typeof t.get(i, 'naskah') === 'string' ? String(t.get(i, 'naskah')).replace(/^'/, '') : t.text(i, 'naskah'),
    status: t.text(i, 'status') || 'Draf',
    feedback: plain(t, i, 'catatan'),
    version: Number(t.get(i, 'versi')) || 1,
    copyCheck: plain(t, i, 'cekNaskah'),
    pic: t.text(i, 'pic'),
    submittedAt: iso(t.get(i, 'diajukanPada')),
    decidedAt: iso(t.get(i, 'diputuskanPada')),
    publication: publications.get(id) ?? null,
  };
}

/** Publikasi rows by design id (the latest row wins). */
export function readPublications(ctx: Ctx): Map<string, { url: string; at: string | null }> {
  const out = new Map<string, { url: string; at: string | null }>();
  if (!ctx.wb.sheet('publikasi')) return out;
  const t = ctx.wb.table('publikasi');
  for (let i = 0; i < t.size; i++) {
    const id = t.text(i, 'desainId');
    if (id) out.set(id, { url: plain(t, i, 'tautan'), at: iso(t.get(i, 'tanggal')) });
  }
  return out;
}

export const REPORT_KEYS: ReadonlyArray<keyof PanelReports> = ['analisisMedia', 'diseminasiPerkara', 'auditKehumasan', 'referensi'];

export function readStrategy(ctx: Ctx, period: string): { strategy: PanelStrategy[]; reports: PanelReports } {
  const reports: PanelReports = { analisisMedia: '', diseminasiPerkara: '', auditKehumasan: '', referensi: '' };
  const strategy: PanelStrategy[] = [];
  if (!ctx.wb.sheet('strategi')) return { strategy, reports };
  const t = ctx.wb.table('strategi', { lenient: true });
  for (let i = 0; i < t.size; i++) {
    if (cellPeriod(t.get(i, 'periode')) !== period) continue;
    const platform = parsePlatformList(t.text(i, 'platform')).platforms[0] ?? t.text(i, 'platform');
    strategy.push({ platform, directions: plain(t, i, 'arahan'), by: t.text(i, 'disusunOleh'), at: iso(t.get(i, 'tanggal')) });
    for (const k of REPORT_KEYS) if (!reports[k] && t.has(k)) reports[k] = plain(t, i, k);
  }
  return { strategy, reports };
}
