/**
 * onEdit (simple trigger): keeps the tabs consistent after a person types.
 * - A hand edit of a script-owned column (Status, ID, approvals, Log) is reverted and logged.
 * - A new row in Konsep Konten or Desain Konten gets its ID, Versi 1 and status Draf.
 * - Content of an item under review (Diajukan) is locked until the approvers decide.
 * Simple triggers may write the bound workbook; they may not send mail (nothing here does).
 */
import { Edit, EditEvent } from '../../adapters/edit';
import { CACHE_KEYS, documentCache } from '../../adapters/cache';
import { Tab, Workbook } from '../../adapters/workbook';
import { defineMessages, tr } from '../../core/i18n';
import { locateColumns, tabDef, TabKey } from '../../core/schema';
import { buildCtx, addLog, commit, Ctx } from '../context';
import { submitStep } from '../../core/sop';
import { defaultSettings } from '../../core/settings';

export const EDIT_MESSAGES = defineMessages({
  reverted: {
    id: 'Kolom "{column}" hanya diisi oleh Siaran; perubahan Anda dibatalkan. Gunakan menu Siaran atau panel untuk mengubah status.',
    en: 'Column "{column}" is filled by Siaran only; your change was reverted. Use the Siaran menu or panel to change the status.',
  },
  locked: {
    id: '{id} sedang menunggu persetujuan; isinya tidak dapat diubah sampai diputuskan. Perubahan Anda dibatalkan.',
    en: '{id} is waiting for approval; it cannot be changed until decided. Your change was reverted.',
  },
  cannotRevert: {
    id: 'Beberapa sel di kolom milik Siaran ({column}) diubah sekaligus dan tidak dapat dikembalikan otomatis. Periksa Log dan jalankan Siapkan / perbaiki workbook.',
    en: 'Several cells in a Siaran column ({column}) were changed at once and cannot be reverted automatically. Check the Log and run Set up / repair workbook.',
  },
});

const WATCHED: TabKey[] = ['konsep', 'desain', 'publikasi', 'strategi', 'insight', 'persetujuan', 'log', 'laporan'];

export function handleEdit(event: EditEvent): void {
  const e = new Edit(event);
  const wb = e.wb;
  const sheet = e.tab;
  const key = wb.keyOf(sheet);
  // A hand edit of Pengaturan may change the language: onOpen reads it again.
  if (key === 'pengaturan') documentCache().remove([CACHE_KEYS.lang]);
  if (key === 'pengguna' || key === 'pengaturan') return logRosterEdit(e, key);
  if (!key || !WATCHED.includes(key)) return;
  const { row: row0, col: col0, nRows, nCols } = e.block();
  if (row0 === 1) return; // header edits: setup repairs what matters
  const single = nRows === 1 && nCols === 1;
  if (!needsWork(wb, sheet, key, row0, col0, nRows, nCols, single)) return;
  const email = e.email();
  const ctx = buildCtx(wb, email, Date.now());
  const table = wb.table(key, { lenient: true });
  const notes: string[] = [];

  // 1. Script-owned columns (or whole script-only tabs): revert.
  for (let c = col0; c < col0 + nCols; c++) {
    const colDef = table.def.columns.find((d) => table.col[d.key] === c - 1);
    const owned = table.def.scriptOnly || (colDef?.scriptOwned ?? false);
    if (!owned) continue;
    const label = colDef?.id ?? table.headers[c - 1] ?? String(c);
    if (single) {
      const old = e.oldValue;
      // What the person typed: a formula is reported by its formula, not by its result.
      const typed = e.typed();
      e.setValue(old === undefined ? '' : old);
      if (table.rows[row0 - 2]) table.rows[row0 - 2][c - 1] = old === undefined ? '' : old;
      addLog(ctx, '—', 'Perubahan manual dibatalkan', e.where(), `Nilai "${typed}" dikembalikan ke "${old ?? ''}"`);
      notes.push(tr(ctx.lang, EDIT_MESSAGES.reverted, { column: label }));
    } else {
      addLog(ctx, '—', 'Perubahan manual tidak dapat dibatalkan', e.where(), `Kolom ${label}`);
      notes.push(tr(ctx.lang, EDIT_MESSAGES.cannotRevert, { column: label }));
    }
  }

  // 2. Items under review are locked.
  if ((key === 'konsep' || key === 'desain') && single && !notes.length) {
    const r = row0 - 2;
    if (table.text(r, 'status') === 'Diajukan') {
      const old = e.oldValue;
      e.setValue(old === undefined ? '' : old);
      const id = table.text(r, 'id');
      addLog(ctx, String(submitStep(key)), 'Perubahan saat ditinjau dibatalkan', id, e.where());
      notes.push(tr(ctx.lang, EDIT_MESSAGES.locked, { id }));
    }
  }

  // 3. New rows: ID, Versi 1 and Draf.
  if (key === 'konsep' || key === 'desain') assignIds(ctx, key, row0 - 2, nRows);

  commit(ctx);
  if (notes.length) e.toast(notes.join('\n'), 'Siaran', 10);
}

/**
 * A change to the roster or the settings, by the only person who may make it (both tabs are
 * hard-protected for the owner), is logged with who and when: roles and limits are part of the record.
 */
function logRosterEdit(e: Edit, key: 'pengguna' | 'pengaturan'): void {
  const { nRows, nCols } = e.block();
  // Only a Log line: no need to read the roster and the settings (onEdit runs on every edit).
  const email = e.email();
  const ctx: Ctx = { wb: e.wb, email, role: null, people: [], settings: defaultSettings(), settingsProblems: [], lang: 'id', now: Date.now(), log: [] };
  const single = nRows === 1 && nCols === 1;
  const detail = single ? `"${e.oldValue ?? ''}" → "${e.typed()}"` : `${nRows} × ${nCols} sel ditempel`;
  addLog(ctx, '—', key === 'pengguna' ? 'Pengguna diubah' : 'Pengaturan diubah', e.where(), detail);
  commit(ctx);
}

/**
 * onEdit runs on every edit, so it decides first whether there is anything to do: most edits
 * (content typed in a row that has its ID and is not under review) need nothing, and then
 * Pengguna and Pengaturan are not read. Tabs other than the plan and the designs need only their
 * header row for that; the plan and designs are read once (the table is cached for the work).
 */
function needsWork(wb: Workbook, sheet: Tab, key: TabKey, row0: number, col0: number, nRows: number, nCols: number, single: boolean): boolean {
  const def = tabDef(key);
  if (def.scriptOnly) return true;
  const edited = (c: number) => c >= col0 - 1 && c < col0 - 1 + nCols;
  if (key !== 'konsep' && key !== 'desain') {
    const located = locateColumns(def, sheet.headerRow().headers);
    return def.columns.some((c) => c.scriptOwned && edited(located[c.key]));
  }
  const t = wb.table(key, { lenient: true });
  if (t.def.columns.some((c) => c.scriptOwned && edited(t.col[c.key]))) return true;
  if (single && t.text(row0 - 2, 'status') === 'Diajukan') return true;
  if (t.col.id < 0) return false;
  for (let r = row0 - 2; r < Math.min(row0 - 2 + nRows, t.size); r++) {
    if (!t.text(r, 'id') && t.rows[r].some((v) => String(v ?? '').trim() !== '')) return true;
  }
  return false;
}

/** Gives rows in [from, from+n) that have content but no ID their ID, version 1 and Draf. */
export function assignIds(ctx: Ctx, key: 'konsep' | 'desain', from: number, n: number): void {
  const t = ctx.wb.table(key, { lenient: true });
  if (t.col.id < 0 || t.col.status < 0) return;
  const next = t.ids(key === 'konsep' ? 'K' : 'D');
  const contentKeys = key === 'konsep' ? (['kegiatan', 'tanggal', 'platform'] as const) : (['konsepId', 'naskah', 'tautan'] as const);
  for (let r = Math.max(from, 0); r < Math.min(from + n, t.size); r++) {
    if (t.text(r, 'id')) continue;
    if (!contentKeys.some((k) => t.text(r, k) !== '')) continue;
    const id = next();
    t.set(r, 'id', id);
    if (!t.text(r, 'status')) t.set(r, 'status', 'Draf');
    if (t.has('versi') && !t.text(r, 'versi')) t.set(r, 'versi', 1);
    addLog(ctx, String(submitStep(key)), 'Baris baru', id, `${t.tab.name()} baris ${r + 2}`);
  }
}
