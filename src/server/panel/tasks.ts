/**
 * "My tasks": what waits on the person, from plan items and designs. Pure. Approvers' pending
 * decisions are added by the endpoint (they come from the Persetujuan tab).
 */
import type { PanelConcept, PanelDesign, PanelTask } from '../../shared/contract';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function staffTasks(email: string, concepts: readonly PanelConcept[], designs: readonly PanelDesign[]): PanelTask[] {
  const out: PanelTask[] = [];
  const conceptById = new Map(concepts.map((c) => [c.id, c]));
  for (const c of concepts) {
    if (!same(c.pic, email)) continue;
    const status = c.status || 'Draf';
    if (status === 'Draf') out.push({ kind: 'concept-draft', id: c.id, period: c.period, title: c.activity, date: c.date });
    else if (status === 'Perlu Revisi') out.push({ kind: 'concept-revise', id: c.id, period: c.period, title: c.activity, date: c.date, feedback: c.feedback, since: c.decidedAt });
    else if (status === 'Disetujui') {
      for (const p of c.platforms) {
        if (!designs.some((d) => d.conceptId === c.id && d.platform === p)) out.push({ kind: 'design-needed', id: c.id, period: c.period, title: c.activity, date: c.date, platform: p, since: c.decidedAt });
      }
    }
  }
  for (const d of designs) {
    const c = conceptById.get(d.conceptId);
    const mine = same(d.pic, email) || (c !== undefined && same(c.pic, email));
    if (!mine) continue;
    const base = { id: d.id, period: c?.period ?? '', title: c?.activity ?? d.conceptId, date: c?.date ?? '', platform: d.platform, conceptId: d.conceptId };
    const status = d.status || 'Draf';
    if (status === 'Draf') out.push({ kind: 'design-draft', ...base });
    else if (status === 'Perlu Revisi') out.push({ kind: 'design-revise', ...base, feedback: d.feedback, since: d.decidedAt });
    else if (status === 'Ditetapkan' && !d.publication) out.push({ kind: 'publish', ...base, since: d.decidedAt });
  }
  // By planned date (what is due first; no date last); on the same day revisions first (someone
  // is waiting on them), then the rest in a stable order.
  const rank: Record<PanelTask['kind'], number> = { decide: 0, 'concept-revise': 1, 'design-revise': 2, publish: 3, 'design-needed': 4, 'design-draft': 5, 'concept-draft': 6 };
  const day = (t: PanelTask) => t.date || '9999-99-99';
  return out.sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : 0) || rank[a.kind] - rank[b.kind] || (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
