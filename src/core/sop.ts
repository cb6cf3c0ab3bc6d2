/**
 * The SOP itself (SOP 170/SOP/2300/06/2022 "Pengelolaan Media Sosial"): its steps, roles, statuses
 * and the transitions between them. Pure data and rules; no Apps Script.
 */
import { parseDateCell } from './calendar';

export type Role = 'Kabag' | 'Kasubbag' | 'PNS' | 'PPNPN';
export const ROLES: readonly Role[] = ['Kabag', 'Kasubbag', 'PNS', 'PPNPN'];
export const APPROVER_ROLES: readonly Role[] = ['Kasubbag', 'Kabag'];
export const STAFF_ROLES: readonly Role[] = ['PNS', 'PPNPN'];

export function normalizeRole(value: unknown): Role | null {
  const v = String(value ?? '').trim().toLowerCase();
  return ROLES.find((r) => r.toLowerCase() === v) ?? null;
}

export type StepNo = 1 | 2 | 3 | 4 | 5 | 6;
export const STEPS: readonly StepNo[] = [1, 2, 3, 4, 5, 6];

/** The SOP's standard times in working minutes (steps 1 and 3 inferred: see the SOP notes). */
export const DEFAULT_STANDARD_MINUTES: Record<StepNo, number> = { 1: 3600, 2: 30, 3: 30, 4: 3600, 5: 30, 6: 90 };

export const STEP_ACTORS: Record<StepNo, readonly Role[]> = {
  1: ['Kabag'],
  2: ['PNS', 'PPNPN'],
  3: ['Kabag', 'Kasubbag'],
  4: ['PNS', 'PPNPN'],
  5: ['Kabag', 'Kasubbag'],
  6: ['PNS', 'PPNPN'],
};

/** Stored status values. Stable: the screen may translate them, the workbook keeps these. */
export type ConceptStatus = 'Draf' | 'Diajukan' | 'Disetujui' | 'Perlu Revisi';
export type DesignStatus = 'Draf' | 'Diajukan' | 'Ditetapkan' | 'Perlu Revisi';
export const CONCEPT_STATUSES: readonly ConceptStatus[] = ['Draf', 'Diajukan', 'Disetujui', 'Perlu Revisi'];
export const DESIGN_STATUSES: readonly DesignStatus[] = ['Draf', 'Diajukan', 'Ditetapkan', 'Perlu Revisi'];

export type ItemKind = 'konsep' | 'desain';

/** Which status an item has after an action, or null if the action is not allowed from `from`. */
export function transition(kind: ItemKind, from: string, action: 'submit' | 'approve' | 'revise' | 'edit'): string | null {
  const approved = kind === 'konsep' ? 'Disetujui' : 'Ditetapkan';
  switch (action) {
    case 'submit':
      return from === 'Draf' || from === 'Perlu Revisi' || from === '' ? 'Diajukan' : null;
    case 'approve':
      return from === 'Diajukan' ? approved : null;
    case 'revise':
      return from === 'Diajukan' ? 'Perlu Revisi' : null;
    case 'edit':
      // Editing content that was sent back keeps it in Perlu Revisi until resubmitted; a draft stays a draft.
      return from === 'Draf' || from === 'Perlu Revisi' || from === '' ? from || 'Draf' : null;
  }
}

/** The step an item's approval belongs to. */
export function approvalStep(kind: ItemKind): StepNo {
  return kind === 'konsep' ? 3 : 5;
}
export function submitStep(kind: ItemKind): StepNo {
  return kind === 'konsep' ? 2 : 4;
}

export type ApprovalPolicy = 'berurutan' | 'paralel' | 'salah-satu';
export const APPROVAL_POLICIES: readonly ApprovalPolicy[] = ['berurutan', 'paralel', 'salah-satu'];

export function parsePolicy(value: unknown): ApprovalPolicy | null {
  const v = String(value ?? '').trim().toLowerCase();
  if (['berurutan', 'sequential', 'bertingkat'].includes(v)) return 'berurutan';
  if (['paralel', 'parallel', 'semua', 'all'].includes(v)) return 'paralel';
  if (['salah-satu', 'salah satu', 'any', 'any-one', 'salah_satu'].includes(v)) return 'salah-satu';
  return null;
}

/** A YYYY-MM period, validated. */
export function parsePeriod(value: unknown): string | null {
  const v = String(value ?? '').trim();
  const m = /^(\d{4})-(\d{1,2})$/.exec(v);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/**
 * A Periode cell as 'YYYY-MM': text as typed ("2026-12", "2026-1"), or the Date Sheets makes of
 * it when the cell is not formatted as text (read in WIB). Anything else comes back trimmed, so a
 * caller comparing it with a period simply finds no match.
 */
export function periodOfCell(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as Date).getTime === 'function') {
    return (parseDateCell(value) ?? '').slice(0, 7);
  }
  const text = String(value ?? '').trim();
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(text)) return parsePeriod(text.slice(0, text.lastIndexOf('-'))) ?? text;
  return parsePeriod(text) ?? text;
}

export function periodOf(ms: number, utcOffsetMinutes = 420): string {
  const d = new Date(ms + utcOffsetMinutes * 60000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
