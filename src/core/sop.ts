/**
 * The SOP itself (SOP 170/SOP/2300/06/2022 "Pengelolaan Media Sosial"): its steps, roles, statuses
 * and the transitions between them. Pure data and rules; no Apps Script.
 */
import { parseDateCell } from './calendar';

export type Role = 'Kabag' | 'Kasubbag' | 'PNS' | 'PPNPN';
export const ROLES: readonly Role[] = ['Kabag', 'Kasubbag', 'PNS', 'PPNPN'];
export const APPROVER_ROLES: readonly Role[] = ['Kasubbag', 'Kabag'];
export const STAFF_ROLES: readonly Role[] = ['PNS', 'PPNPN'];
/** Who may build the monthly report or its records printout (or ask the owner's trigger to): everyone on the roster. */
export const REPORT_ROLES: readonly Role[] = ROLES;

export function normalizeRole(value: unknown): Role | null {
  const v = String(value ?? '').trim().toLowerCase();
  return ROLES.find((r) => r.toLowerCase() === v) ?? null;
}

export type StepNo = 1 | 2 | 3 | 4 | 5 | 6;
export const STEPS: readonly StepNo[] = [1, 2, 3, 4, 5, 6];

/**
 * One step of the SOP as Siaran runs it: who acts, what it produces, and the standard time (Mutu
 * Baku, in working minutes; editable in Pengaturan as waktu_baku.langkah_N). Every caller reads
 * step facts from here; what starts and ends each step's clock is defined with the measuring, in
 * core/sla.ts (STEP_MEASURES, stepInstances).
 */
export interface SopStep {
  readonly no: StepNo;
  readonly actors: readonly Role[];
  /** The step's output (Mutu Baku "Output"). */
  readonly output: string;
  /** The SOP's standard time; steps 1 and 3 are inferred (see the SOP notes). */
  readonly standardMinutes: number;
}

export const SOP_STEPS: Readonly<Record<StepNo, SopStep>> = {
  1: { no: 1, actors: ['Kabag'], output: 'Strategi Kehumasan di Bidang Media Sosial', standardMinutes: 3600 },
  2: { no: 2, actors: ['PNS', 'PPNPN'], output: 'Daftar Diseminasi Kegiatan/Informasi', standardMinutes: 30 },
  3: { no: 3, actors: ['Kabag', 'Kasubbag'], output: 'Konsep konten yang telah disetujui', standardMinutes: 30 },
  4: { no: 4, actors: ['PNS', 'PPNPN'], output: 'Draft Desain Konten', standardMinutes: 3600 },
  5: { no: 5, actors: ['Kabag', 'Kasubbag'], output: 'Desain Konten yang Telah Ditetapkan', standardMinutes: 30 },
  6: { no: 6, actors: ['PNS', 'PPNPN'], output: 'Konten terpublikasi; Laporan Media Sosial', standardMinutes: 90 },
};

/** The SOP's standard times in working minutes, by step (the defaults of Pengaturan). */
export const DEFAULT_STANDARD_MINUTES: Readonly<Record<StepNo, number>> = {
  1: SOP_STEPS[1].standardMinutes, 2: SOP_STEPS[2].standardMinutes, 3: SOP_STEPS[3].standardMinutes,
  4: SOP_STEPS[4].standardMinutes, 5: SOP_STEPS[5].standardMinutes, 6: SOP_STEPS[6].standardMinutes,
};

/** Stored status values. Stable: the screen may translate them, the workbook keeps these. */
export type ConceptStatus = 'Draf' | 'Diajukan' | 'Disetujui' | 'Perlu Revisi';
export type DesignStatus = 'Draf' | 'Diajukan' | 'Ditetapkan' | 'Perlu Revisi';
export const CONCEPT_STATUSES: readonly ConceptStatus[] = ['Draf', 'Diajukan', 'Disetujui', 'Perlu Revisi'];
export const DESIGN_STATUSES: readonly DesignStatus[] = ['Draf', 'Diajukan', 'Ditetapkan', 'Perlu Revisi'];

export type ItemKind = 'konsep' | 'desain';

/** The status an approved item gets: a plan item is Disetujui, a design is Ditetapkan (the SOP's words). */
export function approvedStatus(kind: ItemKind): 'Disetujui' | 'Ditetapkan' {
  return kind === 'konsep' ? 'Disetujui' : 'Ditetapkan';
}

/** The step in which staff make and submit this kind of item: 2 (plan) or 4 (design). */
export function submitStep(kind: ItemKind): 2 | 4 {
  return kind === 'konsep' ? 2 : 4;
}

/** The step in which the heads decide on this kind of item: 3 (plan) or 5 (design). */
export function approvalStep(kind: ItemKind): 3 | 5 {
  return kind === 'konsep' ? 3 : 5;
}

/** A draft or an item sent back may be submitted (step 2 or 4); anything else waits or is decided. */
export function isSubmittable(status: string): boolean {
  return status === 'Draf' || status === 'Perlu Revisi';
}

/** Step 4 starts from an approved plan item: designs are made and submitted only for a Disetujui item. */
export function designsAllowedFor(conceptStatus: string): boolean {
  return conceptStatus === approvedStatus('konsep');
}

/** Which status an item has after an action, or null if the action is not allowed from `from`. */
export function transition(kind: ItemKind, from: string, action: 'submit' | 'approve' | 'revise' | 'edit'): string | null {
  const approved = approvedStatus(kind);
  switch (action) {
    case 'submit':
      return isSubmittable(from) || from === '' ? 'Diajukan' : null;
    case 'approve':
      return from === 'Diajukan' ? approved : null;
    case 'revise':
      return from === 'Diajukan' ? 'Perlu Revisi' : null;
    case 'edit':
      // Editing content that was sent back keeps it in Perlu Revisi until resubmitted; a draft stays a draft.
      return isSubmittable(from) || from === '' ? from || 'Draf' : null;
  }
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
