/**
 * The record against its own editors: a PPNPN staff member who wants her items approved, with
 * nothing but the workbook (typing, pasting blocks, her own script runs and triggers). Each attack
 * below changed the record before decisions were sealed (see SECURITY.md, "Trust model"); now it
 * changes nothing that counts, and the Log names what was tried.
 */
import type { Sandbox } from '../../sandbox/src/sandbox';
import { createHmac } from 'node:crypto';
import { apiEdit, editCell, pasteBlock, sheetView } from '../../sandbox/src/actions';
import { webAppRequest } from '../../sandbox/src/webapp';
import { signToken } from '../../src/core/token';
import {
  addConcepts,
  addPeople,
  addStrategy,
  decideAs,
  formToken,
  KABAG,
  KASUBBAG,
  mailsTo,
  newWorkbook,
  reviewLink,
  records,
  runTrigger,
  setSetting,
  STAFF2,
  TAB,
  viaSubmitPage,
} from '../integration/helpers';

function api(sb: Sandbox, fn: string, user: string, arg: unknown): { ok: boolean; value?: unknown; error?: { code: string; message: string } } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  // A staff member's submission goes on through the submission page (the owner's web app).
  return viaSubmitPage(sb, user, JSON.parse(JSON.stringify(r.value))) as never;
}

const PROTECTED = 'You are trying to edit a protected cell or object';

/** Two plan items of May submitted by STAFF2 (the PPNPN), waiting on the Kasubbag. */
function submitted(): Sandbox {
  const sb = newWorkbook();
  addPeople(sb);
  addStrategy(sb, '2026-05');
  addConcepts(sb, '2026-05', 2, () => ({}), STAFF2);
  expect(api(sb, 'apiSubmitConcept', STAFF2, { period: '2026-05' }).ok).toBe(true);
  return sb;
}

/** Any-one policy; May's K-0002 has the Kasubbag as its PIC; both items submitted by STAFF2. */
function kasubbagIsPic(): Sandbox {
  const sb = newWorkbook();
  addPeople(sb);
  setSetting(sb, 'kebijakan_persetujuan', 'salah-satu');
  addStrategy(sb, '2026-05');
  addConcepts(sb, '2026-05', 2, (i) => (i === 1 ? { PIC: KASUBBAG } : {}), STAFF2);
  expect(api(sb, 'apiSubmitConcept', STAFF2, { period: '2026-05' }).ok).toBe(true);
  return sb;
}

const statuses = (sb: Sandbox) => records(sb, TAB.konsep).map((r) => r.Status);
const logOf = (sb: Sandbox) => records(sb, TAB.log);

/** The A1 address of a column's cell in row `row` of a tab, by its header. */
function cellOf(sb: Sandbox, tab: string, header: string, row: number): string {
  const c = sheetView(sb, tab).headers.indexOf(header);
  if (c < 0) throw new Error(`no column ${header} in ${tab}`);
  return `${String.fromCharCode(65 + c)}${row}`;
}

describe('the record: forged decisions, statuses and swapped content change nothing that counts', () => {
  it('a pasted Persetujuan block with decisions "by the Kabag" (and a journal marker) is not applied: the owner pass removes it and logs it', () => {
    const sb = submitted();
    const at = new Date(Date.UTC(2026, 3, 6, 3, 0)).toISOString();
    const forged = JSON.stringify({ nonce: 'x', items: { 'K-0001': { decision: 'approve', by: KASUBBAG, at, via: 'tautan' }, 'K-0002': { decision: 'approve', by: KASUBBAG, at, via: 'tautan' } }, jurnal: { act: 'putuskan', at, user: KASUBBAG, approver: KASUBBAG, level: 1, via: 'tautan' } });
    const forged2 = JSON.stringify({ nonce: 'y', items: { 'K-0001': { decision: 'approve', by: KABAG, at, via: 'tautan' }, 'K-0002': { decision: 'approve', by: KABAG, at, via: 'tautan' } }, segel: { fp: 'abcdefabcdef', mac: 'ab'.repeat(32) } });
    const statusCol = sheetView(sb, TAB.persetujuan).headers.indexOf('Status');
    const decCol = sheetView(sb, TAB.persetujuan).headers.indexOf('Keputusan');
    expect(decCol).toBeGreaterThan(statusCol);
    // Persetujuan is the owner's (a hard protection): Sheets refuses her paste, and her own script.
    const rowBlock = (status: string, k: string) => {
      const out: string[] = [];
      for (let c = statusCol; c <= decCol; c++) out.push(c === statusCol ? status : c === decCol ? k : (sheetView(sb, TAB.persetujuan).rows[0][c] as string) ?? '');
      return out;
    };
    const before = JSON.stringify(records(sb, TAB.persetujuan));
    expect(() => pasteBlock(sb, STAFF2, TAB.persetujuan, cellOf(sb, TAB.persetujuan, 'Status', 2), [rowBlock('Selesai', forged), rowBlock('Selesai', forged2)])).toThrow(PROTECTED);
    expect(() => apiEdit(sb, STAFF2, TAB.persetujuan, cellOf(sb, TAB.persetujuan, 'Keputusan', 2), forged)).toThrow(PROTECTED);
    expect(JSON.stringify(records(sb, TAB.persetujuan))).toBe(before);
    // Only the owner can write it; a block the owner pasted by mistake (or a script an editor changed,
    // run by the owner) still decides nothing without a seal.
    pasteBlock(sb, KABAG, TAB.persetujuan, cellOf(sb, TAB.persetujuan, 'Status', 2), [rowBlock('Selesai', forged), rowBlock('Selesai', forged2)]);
    // The hourly run (the owner's trigger) finishes journals and repairs: the forgery is removed.
    expect(runTrigger(sb, 'triggerHourly').ok).toBe(true);
    expect(statuses(sb)).toEqual(['Diajukan', 'Diajukan']);
    const removed = logOf(sb).filter((l) => l.Aksi === 'Keputusan tanpa segel dihapus');
    expect(removed.map((l) => l.Detail.split(':')[0])).toEqual([`Tingkat 1, atas nama ${KASUBBAG}`, `Tingkat 2, atas nama ${KABAG}`]);
    expect(removed[0].Detail).toContain('Tidak bersegel');
    expect(removed[1].Detail).toContain('Segel tidak cocok');
    // Nothing credits the heads with an approval, and the real Kasubbag still decides.
    expect(logOf(sb).some((l) => /^Setujui/.test(l.Aksi))).toBe(false);
    expect(decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] }).ok).toBe(true);
    expect(logOf(sb).filter((l) => l.Aksi === 'Setujui (tingkat 1)').map((l) => l.Objek)).toEqual(['K-0001', 'K-0002']);
  });

  it('a two-cell paste of "Disetujui" into Status is refused for staff; the owner\'s is put back by the owner pass and logged; designs cannot be submitted on it', () => {
    const sb = submitted();
    const a1 = cellOf(sb, TAB.konsep, 'Status', 2);
    // The status columns are the owner's record (a hard protection): her paste and her script fail.
    expect(() => pasteBlock(sb, STAFF2, TAB.konsep, a1, [['Disetujui'], ['Disetujui']])).toThrow(PROTECTED);
    expect(() => apiEdit(sb, STAFF2, TAB.konsep, a1, 'Disetujui')).toThrow(PROTECTED);
    expect(statuses(sb)).toEqual(['Diajukan', 'Diajukan']);
    pasteBlock(sb, KABAG, TAB.konsep, a1, [['Disetujui'], ['Disetujui']]);
    expect(runTrigger(sb, 'triggerHourly').ok).toBe(true);
    expect(statuses(sb)).toEqual(['Diajukan', 'Diajukan']);
    const back = logOf(sb).filter((l) => l.Aksi === 'Status dipulihkan dari catatan');
    expect(back.map((l) => [l.Objek, l.Detail.split(';')[0]])).toEqual([
      ['K-0001', '"Disetujui" → Diajukan'],
      ['K-0002', '"Disetujui" → Diajukan'],
    ]);
    expect(api(sb, 'apiSaveDesign', STAFF2, { conceptId: 'K-0001', platform: 'Instagram', link: 'https://drive.google.com/file/d/x/view', copy: 'Teks' }).ok).toBe(false);
  });

  it('the Kasubbag cannot record a decision from her own execution: the panel gives her the review page, and apiDecide refuses', () => {
    const sb = submitted();
    const pending = api(sb, 'apiPendingDecisions', KASUBBAG, {}).value as Array<{ requestId: string; reviewUrl?: string }>;
    // Her execution cannot sign a link (the key is the owner's): the panel opens the page by request.
    expect(pending[0].reviewUrl).toBe('https://script.google.com/macros/s/sandbox-script/exec?r=P-0001&l=1');
    const before = JSON.stringify(records(sb, TAB.persetujuan));
    const r = api(sb, 'apiDecide', KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('FORBIDDEN');
    expect(r.error?.message).toContain('halaman persetujuan');
    expect(JSON.stringify(records(sb, TAB.persetujuan))).toBe(before);
    // The owner (here the Kabag) decides in the panel itself: no link.
    const own = api(sb, 'apiPendingDecisions', KABAG, {}).value as Array<{ reviewUrl?: string }>;
    expect(own.every((p) => p.reviewUrl === undefined)).toBe(true);
  });

  it('content swapped under a level-1 approval (a write that no onEdit sees): the Kabag cannot approve it; it goes back with a note', () => {
    const sb = submitted();
    expect(decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] }).ok).toBe(true);
    // The item is locked while under review; a write through the API (no onEdit) changes its text anyway.
    apiEdit(sb, STAFF2, TAB.konsep, cellOf(sb, TAB.konsep, 'Kegiatan/Informasi', 2), 'Teks lain yang tidak pernah dilihat Kasubbag');
    const d = decideAs(sb, KABAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] });
    expect(d.ok).toBe(true);
    const rows = records(sb, TAB.konsep);
    expect(rows.map((r) => r.Status)).toEqual(['Perlu Revisi', 'Disetujui']);
    expect(rows[0]['Catatan Revisi']).toContain('Isi berubah setelah diputuskan di tingkat 1');
    expect(logOf(sb).filter((l) => l.Aksi === 'Minta revisi (tingkat 2)').map((l) => l.Objek)).toEqual(['K-0001']);
  });

  it('approved content changed afterwards: the approval no longer counts, the item goes back to Perlu Revisi, and the Log names the changed field', () => {
    const sb = submitted();
    for (const who of [KASUBBAG, KABAG]) expect(decideAs(sb, who, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] }).ok).toBe(true);
    expect(statuses(sb)).toEqual(['Disetujui', 'Disetujui']);
    apiEdit(sb, STAFF2, TAB.konsep, cellOf(sb, TAB.konsep, 'Rencana Tayang', 3), '2026-05-29');
    expect(runTrigger(sb, 'triggerHourly').ok).toBe(true);
    const rows = records(sb, TAB.konsep);
    expect(rows.map((r) => r.Status)).toEqual(['Disetujui', 'Perlu Revisi']);
    expect(rows[1]['Catatan Revisi']).toMatch(/^Diubah setelah disetujui \(Rencana tayang\)|^Diubah setelah disetujui \(/);
    const gone = logOf(sb).filter((l) => l.Aksi === 'Persetujuan gugur: isi berubah');
    expect(gone.map((l) => l.Objek)).toEqual(['K-0002']);
    // A second pass changes nothing more.
    const n = logOf(sb).length;
    expect(runTrigger(sb, 'triggerHourly').ok).toBe(true);
    expect(statuses(sb)).toEqual(['Disetujui', 'Perlu Revisi']);
    expect(logOf(sb).filter((l) => l.Aksi === 'Persetujuan gugur: isi berubah')).toHaveLength(1);
    expect(logOf(sb).length).toBeGreaterThanOrEqual(n);
  });

  it("a staff member's own trigger for triggerHourly runs nothing and is logged with her name", () => {
    const sb = submitted();
    const before = JSON.stringify(records(sb, TAB.persetujuan));
    const r = runTrigger(sb, 'triggerHourly', STAFF2);
    expect(r.ok).toBe(true);
    expect(JSON.stringify(records(sb, TAB.persetujuan))).toBe(before);
    const refused = logOf(sb).filter((l) => l.Aksi === 'Pemicu ditolak');
    expect(refused.map((l) => [l.Objek, l.Pengguna])).toEqual([['triggerHourly', STAFF2]]);
  });

  it('a staff member cannot give herself a role: Pengguna is the owner\'s (Sheets refuses her, by hand and in her own script); the owner\'s change is logged with who and what', () => {
    const sb = submitted();
    const row = records(sb, TAB.pengguna).findIndex((r) => r.Email === STAFF2) + 2;
    const roleCell = cellOf(sb, TAB.pengguna, 'Peran', row);
    expect(() => editCell(sb, STAFF2, TAB.pengguna, roleCell, 'Kabag')).toThrow(/protected/);
    expect(() => apiEdit(sb, STAFF2, TAB.pengguna, roleCell, 'Kasubbag')).toThrow(/protected/);
    expect(records(sb, TAB.pengguna)[row - 2].Peran).toBe('PPNPN');
    editCell(sb, KABAG, TAB.pengguna, roleCell, 'PNS');
    const changed = logOf(sb).filter((l) => l.Aksi === 'Pengguna diubah');
    // Every change is there (adding the team was logged cell by cell too); the last is this one.
    expect(changed.length).toBeGreaterThan(1);
    expect(changed.slice(-1).map((l) => [l.Pengguna, l.Objek, l.Detail])).toEqual([[KABAG, `${TAB.pengguna}!${roleCell}`, '"PPNPN" → "PNS"']]);
  });

  it("the approval-link key is the owner's: no script property signs a link, a key she plants there signs nothing that decides, and the panel's page opens only for its approver", () => {
    const sb = submitted();
    const script = () => ((sb.state.services.properties as { script: Record<string, string> }).script);
    // The request mail went out from the owner's digest trigger, with a link that works.
    const mail = mailsTo(sb, KASUBBAG);
    expect(mail).toHaveLength(1);
    expect(reviewLink(mail[0])).toMatch(/exec\?t=/);
    // Every script property is readable by any editor: none of them is a link key.
    expect(Object.keys(script()).filter((k) => /secret|kunci/i.test(k))).toEqual([]);
    // She plants a key where an older Siaran kept it and signs a link for the Kasubbag with the
    // request's real nonce (the Keputusan cell shows it), then gets the Kasubbag to open it.
    const planted = 'planted-secret-of-enough-length-0123456789';
    script()['siaran.approval.secret'] = planted;
    const nonce = (JSON.parse(records(sb, TAB.persetujuan)[0].Keputusan) as { nonce: string }).nonce;
    const hmac = (message: string, secret: string) => createHmac('sha256', secret).update(message, 'utf8').digest();
    const token = signToken({ v: 1, req: 'P-0001', ap: KASUBBAG, lvl: 1, exp: sb.state.clockMs + 86400000, n: nonce }, planted, hmac);
    const url = 'https://script.google.com/macros/s/sandbox-script/exec';
    const res = webAppRequest(sb, { method: 'POST', url, form: { t: token, aksi: 'setujui-semua' }, user: KASUBBAG });
    expect(res.body).toContain('Tautan tidak sah');
    expect(statuses(sb)).toEqual(['Diajukan', 'Diajukan']);
    expect(logOf(sb).filter((l) => l.Aksi === 'Tautan ditolak').map((l) => l.Detail)[0]).toContain('tanda tangan salah');
    // The panel's link carries no token: the page signs one only for the row's signed-in approver.
    const page = (user: string) => webAppRequest(sb, { method: 'GET', url: `${url}?r=P-0001&l=1`, user }).body;
    expect(formToken(page(KASUBBAG))).not.toBe('');
    expect(formToken(page(STAFF2))).toBe('');
    expect(page(STAFF2)).toContain('Bukan untuk akun ini');
    expect(formToken(page(KABAG))).toBe('');
    // The real link still decides.
    expect(decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] }).ok).toBe(true);
  });

  it("a Kasubbag who is the PIC of an item does not decide it: her page and panel leave it out and name who decides, a forged POST for it changes nothing, and the other approver decides it", () => {
    const sb = kasubbagIsPic();
    // Her panel lists only K-0001.
    const pending = api(sb, 'apiPendingDecisions', KASUBBAG, {}).value as Array<{ reviewUrl: string; items: Array<{ id: string }> }>;
    expect(pending[0].items.map((i) => i.id)).toEqual(['K-0001']);
    // Her page: K-0001 to decide, K-0002 named as not hers, with who decides it.
    const page = webAppRequest(sb, { method: 'GET', url: pending[0].reviewUrl, user: KASUBBAG }).body;
    expect(page).toContain('name="decision_K-0001"');
    expect(page).not.toContain('name="decision_K-0002"');
    expect(page).toMatch(/K-0002: Anda PIC item ini, sehingga tidak memutuskannya; keputusannya diambil oleh [^<]+\./);
    // She posts a decision for both anyway (a hand-made form): only K-0001 counts.
    const url = pending[0].reviewUrl.split('?')[0];
    const res = webAppRequest(sb, { method: 'POST', url, form: { t: formToken(page), 'decision_K-0001': 'approve', 'decision_K-0002': 'approve', aksi: 'kirim' }, user: KASUBBAG });
    expect(res.body).toContain('Keputusan tersimpan');
    expect(statuses(sb)).toEqual(['Disetujui', 'Diajukan']);
    expect(logOf(sb).filter((l) => /^Setujui/.test(l.Aksi)).map((l) => l.Objek)).toEqual(['K-0001']);
    // The Kabag (the other approver of the level) decides K-0002.
    const own = api(sb, 'apiPendingDecisions', KABAG, {}).value as Array<{ items: Array<{ id: string }> }>;
    expect(own[0].items.map((i) => i.id)).toEqual(['K-0002']);
    expect(api(sb, 'apiDecide', KABAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0002', decision: 'approve' }] }).ok).toBe(true);
    expect(statuses(sb)).toEqual(['Disetujui', 'Disetujui']);
  });

  it('a plan whose item has as PIC the only approver of a level is not submitted: the message names the item and what to do', () => {
    const sb = newWorkbook();
    addPeople(sb);
    addStrategy(sb, '2026-05');
    addConcepts(sb, '2026-05', 2, (i) => (i === 1 ? { PIC: KASUBBAG } : {}), STAFF2);
    const before = JSON.stringify(records(sb, TAB.persetujuan));
    const r = api(sb, 'apiSubmitConcept', STAFF2, { period: '2026-05' });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toContain('Tidak ada yang diajukan: K-0002 (PIC: Kasubbag Humas, satu-satunya penyetuju tingkat 1).');
    expect(r.error?.message).toContain('Ganti PIC item itu');
    expect(JSON.stringify(records(sb, TAB.persetujuan))).toBe(before);
    // Untouched: a new item's status stays blank (Draf) until its submission.
    expect(statuses(sb)).toEqual(['', '']);
  });

  it("emptying the PIC cell after submission does not let its PIC decide the item: the submitted PIC still counts", () => {
    const sb = kasubbagIsPic();
    // A write no onEdit sees (her own script run) empties K-0002's PIC.
    apiEdit(sb, STAFF2, TAB.konsep, cellOf(sb, TAB.konsep, 'PIC', 3), '');
    const pending = api(sb, 'apiPendingDecisions', KASUBBAG, {}).value as Array<{ items: Array<{ id: string }> }>;
    expect(pending[0].items.map((i) => i.id)).toEqual(['K-0001']);
  });
});

