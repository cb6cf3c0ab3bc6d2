/** Reading the panel's view of the tabs (each tab read once per action through the adapter). */
import type { Cell, Table } from '../../adapters/workbook';
import { parseDateCell } from '../../core/calendar';
import { displayName } from '../../core/people';
import { periodOfCell } from '../../core/sop';
import type { PanelConcept, PanelDesign, PanelReports, PanelStrategy } from '../../shared/contract';
import { cellMs } from '../clock';
import type { Ctx } from '../context';
import { parsePlatformList } from '../../core/platforms';

function iso(v: Cell | undefined): string | null {
  const ms = cellMs(v);
  return ms === null ? null : new Date(ms).toISOString();
}

export function conceptOf(ctx: Ctx, t: Table, i: number): PanelConcept {
  const raw = t.get(i, 'tanggal');
  const pic = t.text(i, 'pic');
  return {
    id: t.text(i, 'id'),
    row: t.sheetRow(i),
    period: periodOfCell(t.get(i, 'periode')),
    date: parseDateCell(raw) ?? '',
    activity: t.text(i, 'kegiatan'),
    category: t.text(i, 'kategori'),
    platforms: parsePlatformList(t.text(i, 'platform')).platforms,
    pic,
    picName: pic ? displayName(ctx.people, pic) : '',
    description: t.text(i, 'deskripsi'),
    status: t.text(i, 'status') || 'Draf',
    feedback: t.text(i, 'catatan'),
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
    link: t.text(i, 'tautan'),
    title: t.text(i, 'judul'),
    copy: typeof t.get(i, 'naskah') === 'string' ? String(t.get(i, 'naskah')) : t.text(i, 'naskah'),
    status: t.text(i, 'status') || 'Draf',
    feedback: t.text(i, 'catatan'),
    version: Number(t.get(i, 'versi')) || 1,
    copyCheck: t.text(i, 'cekNaskah'),
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
    if (id) out.set(id, { url: t.text(i, 'tautan'), at: iso(t.get(i, 'tanggal')) });
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
    if (periodOfCell(t.get(i, 'periode')) !== period) continue;
    const platform = parsePlatformList(t.text(i, 'platform')).platforms[0] ?? t.text(i, 'platform');
    strategy.push({ platform, directions: t.text(i, 'arahan'), by: t.text(i, 'disusunOleh'), at: iso(t.get(i, 'tanggal')) });
    for (const k of REPORT_KEYS) if (!reports[k] && t.has(k)) reports[k] = t.text(i, k);
  }
  return { strategy, reports };
}
