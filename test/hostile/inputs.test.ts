/**
 * Hostile catalogue, inputs: formula-looking text, HTML and script, 50,000-character text, emoji
 * and right-to-left text, invalid or ambiguous dates and numbers as text, blank or duplicated IDs,
 * rows pasted with missing values, tabs deleted or renamed, columns deleted or reordered, and
 * nonsense settings. Each case checks the message the user sees, the workbook before and after,
 * and the Log.
 */
import { advanceClock, appendRow, deleteColumns, editCell, renameTab, sheetView } from '../../sandbox/src/actions';
import {
  api,
  hand,
  addConcepts,
  addPeople,
  addStrategy,
  expectPlainMessage,
  get,
  KABAG,
  KASUBBAG,
  latestToken,
  logEntries,
  mails,
  mailsTo,
  pageMessage,
  post,
  records,
  runMenu,
  setSetting,
  snapshotWorkbook,
  STAFF,
  submitMay,
  TAB,
  uiText,
  WEB_APP_URL,
  withoutLog,
  world,
} from './catalogue';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { flushHeldLog, runTrigger } from '../integration/helpers';

const FORMULAS = ['=IMPORTXML("http://evil.example/x","//a")', '=HYPERLINK("http://evil.example","klik")', '+6281234567', '-5', '@SUM(A1:A3)', "'=sudah dikutip", '=1+1'];
const HTML = '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>';
const EMOJI_RTL = '🎉 Sidang putusan 👨‍👩‍👧 \u202Eتجربة\u202C עברית مرحبا 🇮🇩';

function saveConcept(sb: Sandbox, activity: string, extra: Record<string, unknown> = {}) {
  return api<{ id: string }>(sb, 'apiSaveConcept', STAFF, {
    period: '2026-05',
    date: '2026-05-20',
    activity,
    category: '',
    platforms: ['Instagram'],
    pic: STAFF,
    description: '',
    ...extra,
  });
}

function konsep(sb: Sandbox, id: string): Record<string, string> {
  const r = records(sb, TAB.konsep).find((x) => x.ID === id);
  if (!r) throw new Error(`no ${id}`);
  return r;
}

describe('inputs: formula-looking text', () => {
  it('text saved from the panel stays text (never a formula), in the item and in the Log', () => {
    const sb = world({ concepts: 0 });
    for (const f of FORMULAS) {
      const r = saveConcept(sb, f, { description: f });
      expect(r.ok).toBe(true);
      const row = konsep(sb, r.value?.id ?? '');
      expect(row['Kegiatan/Informasi']).toBe(f);
      expect(row.Deskripsi).toBe(f);
    }
    const details = logEntries(sb).filter((l) => l.Aksi === 'Tambah konsep').map((l) => l.Detail);
    expect(details).toHaveLength(FORMULAS.length);
    FORMULAS.forEach((f, i) => expect(details[i]).toContain(f));
  });

  it('a revision note that looks like a formula is stored and logged as typed', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    const note = '=IMPORTRANGE("https://docs.google.com/spreadsheets/d/x","A1:Z")';
    post(sb, { t: token, 'decision_K-0001': 'approve', 'decision_K-0002': 'revise', 'feedback_K-0002': note, aksi: 'kirim' }, KASUBBAG);
    expect(konsep(sb, 'K-0002')['Catatan Revisi']).toBe(note);
    expect(logEntries(sb).some((l) => l.Objek === 'K-0002' && l.Detail.includes(`catatan: ${note}`))).toBe(true);
  });
});

describe('inputs: HTML and script', () => {
  it('is escaped in the review mail and on the review page, and stored unchanged', () => {
    const sb = world({ concepts: 0 });
    const saved = saveConcept(sb, HTML);
    expect(saved.ok).toBe(true);
    submitMay(sb, STAFF);
    const mail = mailsTo(sb, KASUBBAG)[0];
    expect(mail.html).not.toMatch(/<script|<img|href="javascript:/i);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.text).toContain(HTML);
    const page = get(sb, `${WEB_APP_URL}?t=${latestToken(sb, KASUBBAG)}`, KASUBBAG);
    // Siaran's own marked review script aside, nothing the user typed became markup.
    const userPart = page.body.replace(/<script data-siaran="review">[\s\S]*?<\/script>/, '');
    expect(userPart).not.toMatch(/<script|<img|href="javascript:/i);
    expect(page.body).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(konsep(sb, saved.value?.id ?? '')['Kegiatan/Informasi']).toBe(HTML);
  });

  it('a design link that is not http(s) is refused with a plain message', () => {
    const sb = world({ concepts: 1 });
    submitMay(sb, STAFF);
    post(sb, { t: latestToken(sb, KASUBBAG), aksi: 'setujui-semua' }, KASUBBAG);
    post(sb, { t: latestToken(sb, KABAG), aksi: 'setujui-semua' }, KABAG);
    expect(konsep(sb, 'K-0001').Status).toBe('Disetujui');
    const before = withoutLog(snapshotWorkbook(sb));
    const r = api(sb, 'apiSaveDesign', STAFF, { conceptId: 'K-0001', platform: 'Instagram', link: 'javascript:alert(1)', title: '', copy: 'Naskah' });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('VALIDATION');
    expectPlainMessage(r.error?.message);
    for (const d of r.error?.details ?? []) expectPlainMessage(d.message);
    expect(withoutLog(snapshotWorkbook(sb))).toEqual(before);
  });
});

describe('inputs: very long text (50,000 characters)', () => {
  it('the panel refuses it with a plain message and saves nothing', () => {
    const sb = world({ concepts: 0 });
    const before = snapshotWorkbook(sb);
    const r = saveConcept(sb, 'Sidang '.repeat(7200).slice(0, 50000));
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('VALIDATION');
    const said = [r.error?.message, ...(r.error?.details ?? []).map((d) => d.message)].join('\n');
    expect(said).toMatch(/terlalu panjang: 50000 karakter/);
    expectPlainMessage(said);
    expect(snapshotWorkbook(sb)).toEqual(before);
  });

  it('a revision note of 50,000 characters is kept to its first 2,000 (the form allows 2,000)', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const long = 'x'.repeat(50000);
    const res = post(sb, { t: latestToken(sb, KASUBBAG), 'decision_K-0001': 'revise', 'feedback_K-0001': long, 'decision_K-0002': 'approve', aksi: 'kirim' }, KASUBBAG);
    expect(pageMessage(res)).toContain('Keputusan tersimpan');
    expect(konsep(sb, 'K-0001')['Catatan Revisi']).toBe('x'.repeat(2000));
  });

  it('plan rows typed with 50,000 characters each: the approver gets the mail, or someone is told it cannot be sent', () => {
    const sb = world({ concepts: 0 });
    runMenu(sb, 'menuInstallTriggers', KABAG);
    const long = 'Sidang pengucapan putusan 🎉 '.repeat(2000).slice(0, 50000);
    addConcepts(sb, '2026-05', 4, () => ({ 'Kegiatan/Informasi': long }));
    const before = snapshotWorkbook(sb);
    const r = submitMay(sb, STAFF);
    const said = uiText(r);
    const statuses = records(sb, TAB.konsep).map((x) => x.Status);
    if (statuses.every((s) => s === 'Diajukan')) {
      // Completed: the approver has the mail (or it is queued, and the Log says so).
      // The mail body is over MailApp's 200 KB: retrying it every hour can never succeed.
      advanceClock(sb, sb.state.clockMs + 2 * 3600000);
      const mailed = mailsTo(sb, KASUBBAG).length === 1;
      const told = /terlalu (besar|panjang)/i.test(`${said}\n${logEntries(sb).map((l) => l.Detail).join('\n')}`);
      expect(mailed || told).toBe(true);
      // And the user is not told both "sent" and "delayed by the daily quota" for a quota that is not used up.
      expect(said).not.toMatch(/Email dikirim ke .*kuota harian/s);
    } else {
      expect(snapshotWorkbook(sb)).toEqual(before);
    }
    expectPlainMessage(said.replace(/^Periode yang diajukan.*$/m, ''));
  });
});

describe('inputs: emoji and right-to-left text', () => {
  it('travel unchanged through the panel, the sheet, the mail and the review page', () => {
    const sb = world({ concepts: 0 });
    appendRow(sb, KABAG, TAB.pengguna, { Email: 'rtl@example.org', Nama: 'عائشة 🌙 Putri', Peran: 'PNS' });
    const saved = saveConcept(sb, EMOJI_RTL, { description: EMOJI_RTL });
    expect(saved.ok).toBe(true);
    expect(konsep(sb, saved.value?.id ?? '')['Kegiatan/Informasi']).toBe(EMOJI_RTL);
    const r = submitMay(sb, STAFF);
    expect(r.ok).toBe(true);
    expect(mailsTo(sb, KASUBBAG)[0].text).toContain(EMOJI_RTL);
    const page = get(sb, `${WEB_APP_URL}?t=${latestToken(sb, KASUBBAG)}`, KASUBBAG);
    expect(page.body).toContain(EMOJI_RTL);
    expect(logEntries(sb).some((l) => l.Detail.includes(EMOJI_RTL.slice(0, 30)))).toBe(true);
  });
});

describe('inputs: invalid or ambiguous dates, numbers as text', () => {
  it('dates typed in the sheet ("besok", 31/02/2027, 2027-02-31, a number) are listed per row; nothing is submitted', () => {
    const sb = world({ concepts: 0 });
    const bad = ['besok', '31/02/2027', '2027-02-31', '46000', '05/06/2026'];
    addConcepts(sb, '2026-05', bad.length, (i) => ({ 'Rencana Tayang': bad[i] }));
    const before = snapshotWorkbook(sb);
    const r = submitMay(sb, STAFF);
    const said = uiText(r);
    expect(said).toContain('Tidak ada yang diajukan');
    for (let row = 2; row < 2 + bad.length; row++) expect(said).toMatch(new RegExp(`${row}: Rencana Tayang`));
    expectPlainMessage(said.replace(/^Periode yang diajukan.*$/m, ''));
    expect(snapshotWorkbook(sb)).toEqual(before);
    expect(mails(sb)).toHaveLength(0);
  });

  it('the panel refuses an impossible date and a period written as a number', () => {
    const sb = world({ concepts: 0 });
    const before = snapshotWorkbook(sb);
    const a = saveConcept(sb, 'Sidang', { date: '2027-02-31' });
    expect(a.error?.code).toBe('VALIDATION');
    expectPlainMessage([a.error?.message, ...(a.error?.details ?? []).map((d) => d.message)].join('\n'));
    const b = saveConcept(sb, 'Sidang', { period: '202605' });
    expect(b.error?.code).toBe('BAD_REQUEST');
    expectPlainMessage(b.error?.message);
    const c = api(sb, 'apiSubmitConcept', STAFF, { period: 202605 });
    expect(c.error?.code).toBe('BAD_REQUEST');
    expectPlainMessage(c.error?.message);
    expect(snapshotWorkbook(sb)).toEqual(before);
  });

  it('a number typed as text in a setting ("30 menit", "1.000", "-30") is reported in plain words and the default is used', () => {
    const sb = world();
    setSetting(sb, 'waktu_baku.langkah_3', '30 menit');
    setSetting(sb, 'waktu_baku.langkah_5', '-30');
    const overview = api<Array<{ standardMinutes: number }>>(sb, 'apiApprovalOverview', KABAG, {});
    expect(overview.ok).toBe(true);
    submitMay(sb, STAFF);
    const after = api<Array<{ standardMinutes: number }>>(sb, 'apiApprovalOverview', KABAG, {});
    expect(after.value?.map((x) => x.standardMinutes)).toEqual([30, 30]);
  });
});

describe('inputs: blank or duplicated IDs, rows pasted with missing values', () => {
  it('rows pasted without IDs (onEdit does not run for a paste by script) get IDs on submit', () => {
    const sb = world({ concepts: 0 });
    hand(sb, 'zzPasteRows', TAB.konsep, [1, 2].map((i) => ({ Periode: '2026-05', 'Rencana Tayang': `2026-05-1${i}`, 'Kegiatan/Informasi': `Tempel ${i}`, Platform: 'Instagram', PIC: STAFF })));
    const r = submitMay(sb, STAFF);
    expect(r.ok).toBe(true);
    const rows = records(sb, TAB.konsep);
    expect(rows.map((x) => [x.ID, x.Status])).toEqual([
      ['K-0001', 'Diajukan'],
      ['K-0002', 'Diajukan'],
    ]);
  });

  it('two rows with the same ID are refused with a plain message; nothing is submitted', () => {
    const sb = world({ concepts: 0 });
    hand(sb, 'zzPasteRows', TAB.konsep, [1, 2].map((i) => ({ ID: 'K-0001', Periode: '2026-05', 'Rencana Tayang': `2026-05-1${i}`, 'Kegiatan/Informasi': `Ganda ${i}`, Platform: 'Instagram', PIC: STAFF, Status: 'Draf', Versi: 1 })));
    const before = snapshotWorkbook(sb);
    const r = submitMay(sb, STAFF);
    const said = uiText(r);
    expect(said).toContain('K-0001');
    expect(said).toContain('Tidak ada yang diajukan');
    expect(snapshotWorkbook(sb)).toEqual(before);
  });

  it('rows pasted with missing values: every problem is listed by row; nothing changes', () => {
    const sb = world({ concepts: 0 });
    hand(sb, 'zzPasteRows', TAB.konsep, [{ Periode: '2026-05', 'Rencana Tayang': '2026-05-11' }, { Periode: '2026-05', 'Kegiatan/Informasi': 'Tanpa tanggal', PIC: 'bukan-email' }, { Periode: '2026-05', 'Kegiatan/Informasi': 'x', Platform: 'Instagram', 'Rencana Tayang': '2026-05-12' }]);
    const before = snapshotWorkbook(sb);
    const r = submitMay(sb, STAFF);
    const said = uiText(r);
    expect(said).toContain('Tidak ada yang diajukan');
    expect(said).toMatch(/3: Rencana Tayang/);
    expect(said).toMatch(/3: Platform kosong/);
    expect(said).toMatch(/3: PIC.*bukan-email/);
    expect(said).toMatch(/4: PIC/);
    expectPlainMessage(said.replace(/^Periode yang diajukan.*$/m, ''));
    expect(snapshotWorkbook(sb)).toEqual(before);
  });
});

describe('inputs: a tab with no blank rows left', () => {
  it("a staff member's new plan item is refused in plain words with nothing written, and saves once the owner's hourly run has added blank rows", () => {
    const sb = world();
    // The plan tab ends at its last item (many items added since setup; the tab never grows by itself).
    const book = (sb.state.services.spreadsheet as { book: { sheets: Array<{ name: string; maxRows: number; cells: unknown[] }> } }).book;
    const tab = book.sheets.find((x) => x.name === TAB.konsep)!;
    tab.maxRows = tab.cells.length;
    const before = records(sb, TAB.konsep);
    const item = { period: '2026-05', date: '2026-05-14', activity: 'Infografik hak konstitusional', category: 'Edukasi', platforms: ['Instagram'], pic: STAFF, description: '' };
    const refused = api(sb, 'apiSaveConcept', STAFF, item);
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).not.toBe('INTERNAL');
    expectPlainMessage(refused.error?.message ?? '');
    expect(refused.error?.message).toContain('tidak punya baris kosong lagi');
    expect(records(sb, TAB.konsep)).toEqual(before);
    expect(runTrigger(sb, 'triggerHourly', KABAG).ok).toBe(true);
    const saved = api<{ id: string }>(sb, 'apiSaveConcept', STAFF, item);
    expect(saved.ok).toBe(true);
    expect(records(sb, TAB.konsep).map((x) => x['Kegiatan/Informasi'])).toContain('Infografik hak konstitusional');
  });
});

describe('inputs: a tab deleted or renamed', () => {
  it('a renamed tab keeps working (Konsep Konten and Log renamed)', () => {
    const sb = world();
    renameTab(sb, KABAG, TAB.konsep, 'Rencana Bulanan');
    renameTab(sb, KABAG, 'Log', 'Jejak');
    const r = submitMay(sb, STAFF);
    expect(r.ok).toBe(true);
    expect(uiText(r)).toContain('diajukan (P-0001)');
    expect(sheetView(sb, 'Rencana Bulanan').rows.every((row) => row.includes('Diajukan'))).toBe(true);
    // Her lines reach the renamed Log through the owner's trigger (held, then moved).
    flushHeldLog(sb);
    expect(sheetView(sb, 'Jejak').rows.some((row) => row.includes('Permintaan persetujuan dibuat'))).toBe(true);
  });

  it('a deleted Persetujuan tab: a plain "run setup" message; nothing changes; setup brings it back', () => {
    const sb = world();
    hand(sb, 'zzDeleteTab', 'Persetujuan');
    const before = snapshotWorkbook(sb);
    const r = submitMay(sb, STAFF);
    const said = uiText(r);
    expect(said).toMatch(/Tab "Persetujuan" tidak ditemukan/);
    expectPlainMessage(said.replace(/^Periode yang diajukan.*$/m, ''));
    expect(snapshotWorkbook(sb)).toEqual(before);
    expect(mails(sb)).toHaveLength(0);
    runMenu(sb, 'menuSetup', KABAG);
    expect(submitMay(sb, STAFF).ok).toBe(true);
    expect(records(sb, TAB.persetujuan).map((x) => [x['ID Permintaan'], x.Penyetuju])).toEqual([
      ['P-0001', KASUBBAG],
      ['P-0001', KABAG],
    ]);
  });

  it('a deleted Log tab: an action does not go unrecorded', () => {
    const sb = world();
    hand(sb, 'zzDeleteTab', 'Log');
    const before = snapshotWorkbook(sb);
    const r = submitMay(sb, STAFF);
    const logged = snapshotWorkbook(sb).some((t) => t.rows.some((row) => row.includes('Permintaan persetujuan dibuat')));
    const unchanged = JSON.stringify(snapshotWorkbook(sb)) === JSON.stringify(before);
    // Either the action is refused (plain message, nothing changed) or it is logged somewhere.
    if (unchanged) expectPlainMessage(uiText(r).replace(/^Periode yang diajukan.*$/m, ''));
    else expect(logged).toBe(true);
  });

  it('a deleted review request mid-way: its link says "not found" and nothing else changes', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    hand(sb, 'zzDeleteTab', 'Persetujuan');
    const before = snapshotWorkbook(sb);
    const msg = pageMessage(post(sb, { t: token, aksi: 'setujui-semua' }, KASUBBAG));
    expectPlainMessage(msg);
    expect(msg).not.toContain('tersimpan');
    expect(snapshotWorkbook(sb)).toEqual(before);
  });
});

describe('inputs: columns deleted or reordered', () => {
  it('a deleted Status column: a plain message naming the column; nothing changes; setup adds it back', () => {
    const sb = world();
    const headers = sheetView(sb, TAB.konsep).headers;
    deleteColumns(sb, KABAG, TAB.konsep, headers.indexOf('Status') + 1, 1);
    const before = snapshotWorkbook(sb);
    const r = submitMay(sb, STAFF);
    const said = uiText(r);
    expect(said).toMatch(/Kolom "Status" tidak ditemukan/);
    expectPlainMessage(said.replace(/^Periode yang diajukan.*$/m, ''));
    expect(snapshotWorkbook(sb)).toEqual(before);
    runMenu(sb, 'menuSetup', KABAG);
    expect(sheetView(sb, TAB.konsep).headers).toContain('Status');
  });

  it('columns in reverse order: the submission writes each value to its own column', () => {
    const sb = world();
    hand(sb, 'zzReverseColumns', TAB.konsep);
    const r = submitMay(sb, STAFF);
    expect(r.ok).toBe(true);
    const rows = records(sb, TAB.konsep);
    expect(rows.map((x) => [x.ID, x.Status, x['Diajukan Oleh'], x['Kegiatan/Informasi']])).toEqual([
      ['K-0001', 'Diajukan', STAFF, 'Sidang pengucapan putusan perkara 1'],
      ['K-0002', 'Diajukan', STAFF, 'Sidang pengucapan putusan perkara 2'],
    ]);
    expect(pageMessage(post(sb, { t: latestToken(sb, KASUBBAG), 'decision_K-0001': 'revise', 'feedback_K-0001': 'Ubah', 'decision_K-0002': 'approve', aksi: 'kirim' }, KASUBBAG))).toContain('tersimpan');
    expect(records(sb, TAB.konsep)[0]).toMatchObject({ Status: 'Perlu Revisi', 'Catatan Revisi': 'Ubah' });
  });
});

describe('inputs: nonsense settings and people', () => {
  it('an unknown role: the dropdown refuses it; pasted anyway, the person is told their role is unknown', () => {
    const sb = world({ concepts: 0 });
    const typed = world({ concepts: 0 });
    expect(() => appendRow(typed, KABAG, TAB.pengguna, { Email: 'direktur@example.org', Nama: 'Direktur', Peran: 'Direktur' })).toThrow(/list/);
    hand(sb, 'zzClearValidation', TAB.pengguna);
    hand(sb, 'zzPasteRows', TAB.pengguna, [{ Email: 'direktur@example.org', Nama: 'Direktur', Peran: 'Direktur' }]);
    addConcepts(sb, '2026-05', 1, () => ({}), 'direktur@example.org');
    const before = snapshotWorkbook(sb);
    const r = api(sb, 'apiSubmitConcept', 'direktur@example.org', { period: '2026-05' });
    expect(r.error?.code).toBe('FORBIDDEN');
    expect(r.error?.message).toContain('Peran "Direktur"');
    expectPlainMessage(r.error?.message);
    expect(snapshotWorkbook(sb)).toEqual(before);
  });

  it('an approver with an invalid email: "no approver" in plain words; nothing is submitted', () => {
    const sb = world({ people: false });
    appendRow(sb, KABAG, TAB.pengguna, { Email: 'kasubbag(at)example', Nama: 'Kasubbag', Peran: 'Kasubbag' });
    appendRow(sb, KABAG, TAB.pengguna, { Email: STAFF, Nama: 'Staf', Peran: 'PNS' });
    addConcepts(sb, '2026-05', 1);
    const before = snapshotWorkbook(sb);
    const r = api(sb, 'apiSubmitConcept', STAFF, { period: '2026-05' });
    expect(r.error?.code).toBe('VALIDATION');
    expect(r.error?.message).toContain('Belum ada penyetuju dengan peran Kasubbag');
    expectPlainMessage(r.error?.message);
    expect(snapshotWorkbook(sb)).toEqual(before);
  });

  it('an unknown platform in the settings and in a row: the row is refused by name', () => {
    const sb = world({ concepts: 0 });
    setSetting(sb, 'platform', 'Instagram, Friendster');
    addConcepts(sb, '2026-05', 1, () => ({ Platform: 'Facebook' }));
    const before = snapshotWorkbook(sb);
    const r = submitMay(sb, STAFF);
    const said = uiText(r);
    expect(said).toMatch(/Platform "Facebook" tidak dikenal. Gunakan: Instagram/);
    expect(snapshotWorkbook(sb)).toEqual(before);
  });

  it('an unknown approval policy falls back to the default (sequential) and still routes to the Kasubbag first', () => {
    const sb = world();
    setSetting(sb, 'kebijakan_persetujuan', 'voting');
    const r = submitMay(sb, STAFF);
    expect(r.ok).toBe(true);
    expect(mails(sb).map((m) => m.to)).toEqual([[KASUBBAG]]);
    expect(records(sb, TAB.persetujuan).map((x) => x.Kebijakan)).toEqual(['berurutan', 'berurutan']);
  });

  it('nonsense settings are shown to whoever repairs the workbook (setup names each bad key)', () => {
    const sb = world();
    setSetting(sb, 'kebijakan_persetujuan', 'voting');
    setSetting(sb, 'waktu_baku.langkah_3', '-30');
    setSetting(sb, 'masa_berlaku_tautan_hari', '-1');
    const r = runMenu(sb, 'menuSetup', KABAG);
    const said = uiText(r);
    expect(said).toContain('kebijakan_persetujuan');
    expect(said).toContain('masa_berlaku_tautan_hari');
    expect(said).toContain('waktu_baku.langkah_3');
    expectPlainMessage(said.replace(/[a-z_]+\.[a-z_0-9]+|kebijakan_persetujuan|masa_berlaku_tautan_hari/g, ''));
  });
});

describe('inputs: hand edits of Siaran\'s own columns', () => {
  it('typing a status by hand is refused to staff (the owner\'s record); the owner\'s is reverted, told in plain words, and logged', () => {
    const sb = world();
    const n = logEntries(sb).length;
    const a1 = `${String.fromCharCode(65 + sheetView(sb, TAB.konsep).headers.indexOf('Status'))}2`;
    expect(() => editCell(sb, STAFF, TAB.konsep, a1, 'Disetujui')).toThrow('You are trying to edit a protected cell or object');
    const res = editCell(sb, KABAG, TAB.konsep, a1, 'Disetujui');
    expect(records(sb, TAB.konsep)[0].Status).toBe('');
    const toast = res.executions.flatMap((e) => e.ui).map((u) => (u.type === 'toast' ? u.message : '')).join('\n');
    expectPlainMessage(toast);
    expect(logEntries(sb).slice(n).some((l) => l.Aksi === 'Perubahan manual dibatalkan')).toBe(true);
  });
});

void addPeople;
void addStrategy;
