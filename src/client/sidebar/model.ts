/**
 * The panel's view-model: pure functions from server data to what the views show (month grid,
 * filters, status tones, the live copy check, where server problems belong). No DOM here.
 */
import { checkCopy, checkYouTube, CopyCheck, copyUnitLabel, limitsFromSettings } from '../../core/copy-limits';
import { formatNumber, Lang } from '../../core/i18n';
import { isSubmittable } from '../../core/sop';
import type { ApiError, PanelConcept, PanelDesign, PanelStage } from '../../shared/contract';
import type { Platform } from '../../core/platforms';

// ---------------------------------------------------------------------------------------------
// Periods and dates

export function shiftPeriod(period: string, delta: number): string {
  const [y, m] = period.split('-').map(Number);
  const n = y * 12 + (m - 1) + delta;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

export function daysInMonth(period: string): number {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Weeks of the month, Monday first; days outside the month are null. */
export function monthGrid(period: string): Array<Array<string | null>> {
  const [y, m] = period.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay(); // 0 = Sunday
  const lead = (first + 6) % 7;
  const cells: Array<string | null> = new Array(lead).fill(null);
  for (let d = 1; d <= daysInMonth(period); d++) cells.push(`${period}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** ISO instant -> 'YYYY-MM-DDTHH:MM' in WIB (for datetime-local inputs). */
export function wibInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  return new Date(ms + 7 * 3600000).toISOString().slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Status and filters

export type Tone = 'draft' | 'submitted' | 'approved' | 'revise' | 'published';

export function statusTone(status: string): Tone {
  switch (status) {
    case 'Diajukan':
      return 'submitted';
    case 'Disetujui':
    case 'Ditetapkan':
      return 'approved';
    case 'Perlu Revisi':
      return 'revise';
    case 'Terbit':
      return 'published';
    default:
      return 'draft';
  }
}

/** The status a plan item shows: "Terbit" once every planned platform's design is published. */
export function displayStatus(c: PanelConcept, designs: readonly PanelDesign[]): string {
  if (c.status !== 'Disetujui' || !c.platforms.length) return c.status;
  const mine = designs.filter((d) => d.conceptId === c.id);
  return c.platforms.every((p) => mine.some((d) => d.platform === p && d.publication)) ? 'Terbit' : c.status;
}

export interface Filter {
  platform: string;
  status: string;
}

export function filterConcepts(concepts: readonly PanelConcept[], designs: readonly PanelDesign[], f: Filter): PanelConcept[] {
  return concepts.filter((c) => (!f.platform || c.platforms.indexOf(f.platform) >= 0) && (!f.status || displayStatus(c, designs) === f.status));
}

export function byDay(concepts: readonly PanelConcept[]): Map<string, PanelConcept[]> {
  const out = new Map<string, PanelConcept[]>();
  for (const c of concepts) {
    const list = out.get(c.date) ?? [];
    list.push(c);
    out.set(c.date, list);
  }
  return out;
}

export type SlaState = 'none' | 'ok' | 'near' | 'over' | 'done';

/** ok under 80% of the standard, near from 80%, over past it. */
export function slaState(stage: PanelStage | undefined): SlaState {
  if (!stage) return 'none';
  if (stage.done) return 'done';
  if (stage.minutes === null || stage.standardMinutes === null) return 'none';
  if (stage.minutes > stage.standardMinutes) return 'over';
  return stage.minutes >= stage.standardMinutes * 0.8 ? 'near' : 'ok';
}

/** Editing is allowed for drafts and items sent back (the server enforces it too). */
export function editable(status: string): boolean {
  return isSubmittable(status) || status === '';
}

// ---------------------------------------------------------------------------------------------
// Server problems -> fields and items

const FIELD_KEYS: Record<string, string> = {
  'Rencana Tayang': 'date',
  'Planned Date': 'date',
  'Kegiatan/Informasi': 'activity',
  'Activity/Information': 'activity',
  Platform: 'platforms',
  Platforms: 'platforms',
  PIC: 'pic',
  Owner: 'pic',
  'Tautan Desain': 'link',
  Naskah: 'copy',
  'ID Konsep': 'conceptId',
};

/** The form field a server detail belongs to ('date', 'copy', ...), or '' for the whole form. */
export function fieldKey(field: string | undefined): string {
  if (!field) return '';
  return FIELD_KEYS[field] ?? field;
}

/** The message without the "Field: " prefix the submit endpoints add. */
export function detailText(d: { field?: string; message: string }): string {
  return d.field && d.message.indexOf(`${d.field}: `) === 0 ? d.message.slice(d.field.length + 2) : d.message;
}

export interface ItemProblems {
  /** Item id -> field key -> messages. */
  byItem: Map<string, Map<string, string[]>>;
  /** Problems that name no known item. */
  general: string[];
}

/** Sorts a submission's problems (details naming sheet rows) onto the items they concern. */
export function problemsByItem(error: ApiError, items: ReadonlyArray<{ id: string; row: number }>): ItemProblems {
  const byItem = new Map<string, Map<string, string[]>>();
  const general: string[] = [];
  for (const d of error.details ?? []) {
    const item = d.row !== undefined ? items.find((x) => x.row === d.row) : undefined;
    if (!item) {
      general.push(d.message);
      continue;
    }
    const fields = byItem.get(item.id) ?? new Map<string, string[]>();
    const key = fieldKey(d.field);
    fields.set(key, (fields.get(key) ?? []).concat(detailText(d)));
    byItem.set(item.id, fields);
  }
  return { byItem, general };
}

/** Per-field messages of a save (details name request fields). */
export function fieldProblems(error: ApiError): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of error.details ?? []) {
    const key = fieldKey(d.field);
    if (!out.has(key)) out.set(key, detailText(d));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Designs and the copy checker

/** One slot per planned platform, with its design when there is one. */
export function designSlots(c: PanelConcept, designs: readonly PanelDesign[]): Array<{ platform: string; design: PanelDesign | null }> {
  return c.platforms.map((platform) => ({ platform, design: designs.find((d) => d.conceptId === c.id && d.platform === platform) ?? null }));
}

export interface CopyMeter {
  label: string;
  count: number;
  limit: number;
  over: number;
  unit: string;
  /** 0..1 of the limit (capped at 1). */
  fill: number;
}

export interface CopyView {
  ok: boolean;
  meters: CopyMeter[];
  hashtags: string[];
  mentions: string[];
  links: string[];
  /** What the feed shows before "more", and what it hides (when it folds). */
  visible: string | null;
  hidden: string;
  errors: string[];
  warnings: string[];
  check: CopyCheck;
}

export function copyView(platform: string, copy: string, title: string, flatLimits: Record<string, number>, lang: Lang): CopyView | null {
  const limits = limitsFromSettings(flatLimits);
  let check: CopyCheck;
  if (platform === 'YouTube') check = checkYouTube(title, copy, limits);
  else if (platform === 'X' || platform === 'Instagram' || platform === 'Facebook' || platform === 'TikTok') check = checkCopy(platform as Platform, copy, limits);
  else return null;
  const meter = (label: string, count: number, limit: number, unit: string): CopyMeter => ({
    label,
    count,
    limit,
    over: Math.max(0, count - limit),
    unit: copyUnitLabel(unit, lang),
    fill: limit > 0 ? Math.min(1, count / limit) : 1,
  });
  const meters = check.fields
    ? [
        meter(lang === 'id' ? 'Judul' : 'Title', check.fields.title.count, check.fields.title.limit, check.fields.title.unit),
        meter(lang === 'id' ? 'Deskripsi' : 'Description', check.fields.description.count, check.fields.description.limit, check.fields.description.unit),
      ]
    : [meter(lang === 'id' ? 'Naskah' : 'Copy', check.count, check.limit, check.unit)];
  const msg = (p: { message_id: string; message_en: string }) => (lang === 'en' ? p.message_en : p.message_id);
  const visible = check.visibleBeforeMore !== undefined && check.visibleBeforeMore.length < copy.replace(/\s+$/, '').length ? check.visibleBeforeMore : null;
  return {
    ok: check.ok,
    meters,
    hashtags: check.hashtags,
    mentions: check.mentions,
    links: check.links,
    visible,
    hidden: visible === null ? '' : copy.slice(visible.length),
    errors: check.problems.filter((p) => p.severity === 'error').map(msg),
    warnings: check.problems.filter((p) => p.severity === 'warning').map(msg),
    check,
  };
}

export function meterText(m: CopyMeter, lang: Lang): string {
  const base = `${formatNumber(m.count, lang)} / ${formatNumber(m.limit, lang)} ${m.unit}`;
  if (!m.over) return base;
  return lang === 'id' ? `${base} — lebih ${formatNumber(m.over, lang)}` : `${base} — ${formatNumber(m.over, lang)} over`;
}
