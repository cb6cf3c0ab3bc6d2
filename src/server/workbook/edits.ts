/**
 * onEdit (simple trigger): keeps the tabs consistent after a person types.
 * - A hand edit of a script-owned column (Status, ID, approvals, Log) is reverted and logged.
 * - A new row in Konsep Konten or Desain Konten gets its ID, Versi 1 and status Draf.
 * - Content of an item under review (Diajukan) is locked until the approvers decide.
 * Simple triggers may write the bound workbook; they may not send mail (nothing here does).
 *
 * onEdit runs on every edit by everyone, so it reads only what the edit needs: ONE find of the
 * workbook's developer metadata says which tab this is, where its columns and the Log's columns
 * are (tags that move with their columns) and the language; the event carries the cell's old and
 * new value. The roster and the settings are never read here.
 */
import { Edit, EditEvent } from '../../adapters/edit';
import { Cell, colLetters, Workbook } from '../../adapters/workbook';
import { defineMessages, Lang, tr } from '../../core/i18n';
import { idSequence } from '../../core/ids';
import { ITEM_CONTENT, locateColumns, normalizeHeader, tabDef, TabKey, TABS } from '../../core/schema';
import { addLog, commit, Ctx, userText } from '../context';
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

/** The roster tab a sheet's name says it is (either language): such an edit is logged whatever the tags say. */
function rosterByName(name: string): 'pengguna' | 'pengaturan' | null {
  const n = normalizeHeader(name);
  for (const def of TABS) {
    if ((def.key === 'pengguna' || def.key === 'pengaturan') && (n === normalizeHeader(def.id) || n === normalizeHeader(def.en))) return def.key;
  }
  return null;
}

/**
 * A context for Log lines only: who (the event's user) and the language hint; nothing read. onEdit
 * runs as the editor, so its lines are held for the owner's trigger (one setProperty), whoever
 * edits: asking whether the editor is the owner would cost a call on every edit (the roster's and
 * the settings' edits are the owner's alone, both tabs being hard-protected: logRosterEdit writes
 * them straight to the Log).
 */
function editCtx(wb: Workbook, email: string, lang: Lang): Ctx {
  return { wb, email, role: null, people: [], settings: defaultSettings(), settingsProblems: [], lang, now: Date.now(), log: [], holdLog: true };
}

export function handleEdit(event: EditEvent): void {
  const e = new Edit(event);
  const wb = e.wb;
  // The tags are read first (one find): they also place the Log's columns for the Log line.
  const tagged = wb.keyOf(e.tab);
  const key = rosterByName(e.tab.name()) ?? tagged;
  // A hand edit of Pengaturan may change the language: onOpen reads it again.
  if (key === 'pengaturan') wb.dropLangHint();
  if (key === 'pengguna' || key === 'pengaturan') return logRosterEdit(e, key);
  if (!key || !WATCHED.includes(key)) return;
  const { row: row0, col: col0, nRows, nCols } = e.block();
  if (row0 === 1) return; // header edits: setup repairs what matters
  const def = tabDef(key);
  // Where each column is: its tag, or (a workbook not set up with tags) the header. On a
  // script-only tab every column is Siaran's: no need to know which.
  const cols = wb.columns(key) ?? (def.scriptOnly ? {} : locateColumns(def, e.tab.headerRow().headers));
  const colDefAt = (c: number) => def.columns.find((d) => cols[d.key] === c - 1);
  const single = nRows === 1 && nCols === 1;
  const ctx = editCtx(wb, e.email(), wb.langHint() ?? 'id');
  const notes: string[] = [];
  let reverted = false;

  // 1. Script-owned columns (or whole script-only tabs): revert.
  for (let c = col0; c < col0 + nCols; c++) {
    const colDef = colDefAt(c);
    if (!def.scriptOnly && !colDef?.scriptOwned) continue;
    const label = colDef?.id ?? colLetters(c);
    if (single) {
      const old = e.oldValue;
      // What the person typed: a formula is reported by its formula, not by its result.
      const typed = e.typed();
      e.setValue(old === undefined ? '' : old);
      reverted = true;
      addLog(ctx, '—', 'Perubahan manual dibatalkan', e.where(), `Nilai "${typed}" dikembalikan ke "${old ?? ''}"`);
      notes.push(tr(ctx.lang, EDIT_MESSAGES.reverted, { column: label }));
    } else {
      addLog(ctx, '—', 'Perubahan manual tidak dapat dibatalkan', e.where(), `Kolom ${label}`);
      notes.push(tr(ctx.lang, EDIT_MESSAGES.cannotRevert, { column: label }));
    }
  }

  // 2 and 3: items under review are locked; new rows get their ID. A reverted cell left the row as it was.
  if ((key === 'konsep' || key === 'desain') && !reverted) planRows(e, ctx, key, cols, row0, nRows, single, notes);

  commit(ctx);
  if (notes.length) e.toast(notes.join('\n'), 'Siaran', 10);
}

/**
 * The edited rows of the plan or the designs (one read of their columns up to the last one these
 * rules need): a single cell typed into an item under review is put back; rows with content but no
 * ID get their ID (one read of the ID column for the next number), written in one block. Status
 * and version stay blank (Draf, version 1): they are the owner's record, hard-protected, and this
 * trigger runs as the person editing.
 */
function planRows(e: Edit, ctx: Ctx, key: 'konsep' | 'desain', cols: Record<string, number>, row0: number, nRows: number, single: boolean, notes: string[]): void {
  const contentKeys = ITEM_CONTENT[key] ?? [];
  const at = (k: string) => cols[k] ?? -1;
  const id = at('id');
  const status = at('status');
  if (id < 0 || status < 0) return;
  const width = Math.max(id, status, ...contentKeys.map(at)) + 1;
  const rows = e.tab.read(row0, 1, nRows, width);
  const text = (r: Cell[], i: number) => (i < 0 ? '' : String(r[i] ?? '').trim());

  if (single && text(rows[0], status) === 'Diajukan') {
    const old = e.oldValue;
    e.setValue(old === undefined ? '' : old);
    addLog(ctx, String(submitStep(key)), 'Perubahan saat ditinjau dibatalkan', text(rows[0], id), e.where());
    notes.push(tr(ctx.lang, EDIT_MESSAGES.locked, { id: text(rows[0], id) }));
    return;
  }

  const fresh = rows.map((r, i) => (!text(r, id) && contentKeys.some((k) => text(r, at(k)) !== '') ? i : -1)).filter((i) => i >= 0);
  if (!fresh.length) return;
  const next = idSequence(key === 'konsep' ? 'K' : 'D', e.tab.readColumn(id + 1).map((v) => String(v ?? '')));
  for (const i of fresh) {
    const r = rows[i];
    r[id] = next();
    addLog(ctx, String(submitStep(key)), 'Baris baru', String(r[id]), `${e.tab.name()} baris ${row0 + i}`);
  }
  // The ID column only, in one block (written back as read, except the new IDs; text stays text).
  const first = fresh[0];
  const block = rows.slice(first, fresh[fresh.length - 1] + 1);
  e.tab.write(row0 + first, id + 1, block.map((r) => [typeof r[id] === 'string' ? userText(r[id]) : r[id] ?? '']));
}

/**
 * A change to the roster or the settings, by the only person who may make it (both tabs are
 * hard-protected for the owner), is logged with who and when: roles and limits are part of the record.
 */
function logRosterEdit(e: Edit, key: 'pengguna' | 'pengaturan'): void {
  const { nRows, nCols } = e.block();
  // Only a Log line: no need to read the roster and the settings (onEdit runs on every edit).
  // These tabs are the owner's (hard protection), so the edit is the owner's: its line goes to the
  // Log directly, not as a reported one, without asking whose execution this is (a call on every
  // roster edit). Should the Log refuse it (a protection someone loosened, so not the owner's
  // edit), the line is held like any other execution's.
  const ctx: Ctx = { ...editCtx(e.wb, e.email(), 'id'), holdLog: false };
  const single = nRows === 1 && nCols === 1;
  const detail = single ? `"${e.oldValue ?? ''}" → "${e.typed()}"` : `${nRows} × ${nCols} sel ditempel`;
  addLog(ctx, '—', key === 'pengguna' ? 'Pengguna diubah' : 'Pengaturan diubah', e.where(), detail);
  try {
    commit(ctx);
  } catch (err) {
    if (!ctx.log.length) throw err;
    ctx.holdLog = true;
    commit(ctx);
  }
}
