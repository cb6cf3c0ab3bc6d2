/**
 * The monthly report on the BUILT script in the sandbox: the Doc's sections and numbers as its
 * reader sees them (rendered text), the PDF beside it, the Laporan row, the mail to the heads,
 * rebuilding (old files trashed, one row), resuming after the time limit, the template, the
 * records export, the daily job, and a big month inside the time limit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { advanceClock, editCell, insertPageNumbersByHand, sheetView } from '../../sandbox/src/actions';
import { getFileContent, listFiles, registerFile } from '../../sandbox/src/services/drive';
import { renderDocumentHtml, renderDocumentText } from '../../sandbox/src/services/document';
import { outbox, setMailQuota } from '../../sandbox/src/services/mail';
import { listTriggers } from '../../sandbox/src/services/script';
import { holdLock, releaseHostLocks } from '../../sandbox/src/services/lock';
import { Sandbox } from '../../sandbox/src/sandbox';
import { formatKeputusan } from '../../src/core/approval';
import { newSandbox } from './project';
import { runTrigger, sheet as logTab } from './helpers';

const logView = (sb: Sandbox) => logTab(sb, 'Log');

const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

const KABAG = 'kabag@mk.example.id';
const KASUBBAG = 'kasubbag@mk.example.id';
const STAFF = 'andi@mk.example.id';
/** Monday 4 January 2027, 09:00 WIB: the first working day of January 2027. */
const JAN4 = Date.parse('2027-01-04T09:00:00+07:00');

const TEMPLATE_HELPER = `
function zzMakeTemplate(lines) {
  var doc = DocumentApp.create('Templat Laporan');
  var body = doc.getBody();
  body.getChild(0).asParagraph().setText(lines[0]);
  for (var i = 1; i < lines.length; i++) body.appendParagraph(lines[i]);
  doc.saveAndClose();
  return doc.getId();
}
// The office editing the template Siaran made, in Google Docs.
function zzFillTemplate(id, lines) {
  var body = DocumentApp.openById(id).getBody();
  body.appendParagraph('');
  while (body.getNumChildren() > 1) body.removeChild(body.getChild(0));
  body.getChild(0).asParagraph().setText(lines[0]);
  for (var i = 1; i < lines.length; i++) body.appendParagraph(lines[i]);
}
`;

function bulk(sb: Sandbox, tab: string, records: Array<Record<string, unknown>>): void {
  const r = sb.run('zzTestAppendRows', { user: KABAG, args: [tab, records] });
  if (!r.ok) throw new Error(`append ${tab}: ${r.error?.message}`);
}

function api<T>(sb: Sandbox, fn: string, arg: unknown, user = KABAG, budgetMs?: number) {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg], ...(budgetMs ? { budgetMs } : {}) });
  return { run: r, result: r.value as { ok: boolean; value: T; error?: { code: string; message: string } } };
}

function props(sb: Sandbox): Record<string, string> {
  const p = sb.state.services.properties as { script?: Record<string, string> } | undefined;
  return p?.script ?? {};
}

/** Apps Script's limit of one execution: a run that started longer ago than this is dead. */
const RUN_LIMIT_MS = 6 * 60 * 1000;
/** The clock moved past the limit of the run that was cut (a resume continues only a dead or paused run). */
function pastRunLimit(sb: Sandbox): void {
  sb.setClock(sb.state.clockMs + RUN_LIMIT_MS + 1000);
}
const resumeTriggers = (sb: Sandbox) => listTriggers(sb.state).filter((t) => t.handler === 'triggerResumeReport');

const keputusan = (nonce: string, decisions: Record<string, { decision: 'approve' | 'revise'; by: string; at: string }>) =>
  formatKeputusan({ nonce, decisions: Object.fromEntries(Object.entries(decisions).map(([k, d]) => [k, { decision: d.decision, by: d.by, at: Date.parse(d.at), via: 'panel' as const }])) });

/** A small, known December 2026 (see test/core/report.test.ts for the exact arithmetic). */
function populate(sb: Sandbox): void {
  const r = sb.run('menuSetup', { kind: 'menu', user: KABAG, replies: [{ button: 'OK' }] });
  if (!r.ok) throw new Error(r.error?.message);
  editCell(sb, KABAG, 'Pengguna', 'B2', 'Dr. Rahmat Hidayat, S.H., M.H.');
  editCell(sb, KABAG, 'Pengguna', 'D2', 'Kepala Bagian Hubungan Masyarakat dan Kerja Sama Dalam Negeri');
  editCell(sb, KABAG, 'Pengguna', 'E2', '197503122000031001');
  bulk(sb, 'Pengguna', [
    { Email: KASUBBAG, Nama: 'Sri Wahyuni, S.Sos.', Peran: 'Kasubbag', Jabatan: 'Kepala Subbagian Humas' },
    { Email: STAFF, Nama: 'Andi Pratama', Peran: 'PNS' },
  ]);
  bulk(sb, 'Strategi', [
    { Periode: '2026-12', Platform: 'Instagram', Arahan: 'Carousel ringkasan putusan.', 'Disusun Oleh': KABAG, Tanggal: '2026-11-20 09:00' },
    { Periode: '2026-12', Platform: 'X', Arahan: 'Kabar singkat setiap putusan.', 'Disusun Oleh': KABAG, Tanggal: '2026-11-20 10:00' },
  ]);
  bulk(sb, 'Konsep Konten', [
    { ID: 'K-0001', Periode: '2026-12', 'Rencana Tayang': '2026-12-01', 'Kegiatan/Informasi': 'Putusan PUU', Platform: 'Instagram, X', PIC: STAFF, Status: 'Disetujui', Versi: 1, 'Diajukan Pada': '2026-11-30 09:00', 'Diputuskan Pada': '2026-12-01 09:00' },
    { ID: 'K-0002', Periode: '2026-12', 'Rencana Tayang': '2026-12-03', 'Kegiatan/Informasi': 'Tahukah Kamu', Platform: 'TikTok', PIC: STAFF, Status: 'Disetujui', Versi: 1, 'Diajukan Pada': '2026-11-30 09:00', 'Diputuskan Pada': '2026-12-01 09:00' },
  ]);
  bulk(sb, 'Desain Konten', [
    { ID: 'D-0001', 'ID Konsep': 'K-0001', Platform: 'Instagram', 'Tautan Desain': 'https://canva.example/d1', Judul: 'Carousel Putusan PUU', Naskah: 'Naskah', Versi: 1, Status: 'Ditetapkan', 'Diajukan Pada': '2026-12-01 10:00', 'Diputuskan Pada': '2026-12-01 10:30' },
    { ID: 'D-0002', 'ID Konsep': 'K-0001', Platform: 'X', 'Tautan Desain': 'https://canva.example/d2', Judul: 'Kabar Putusan', Naskah: 'Naskah', Versi: 2, Status: 'Ditetapkan', 'Diajukan Pada': '2026-12-02 09:00', 'Diputuskan Pada': '2026-12-02 09:20' },
  ]);
  bulk(sb, 'Publikasi', [
    { 'ID Desain': 'D-0001', Platform: 'Instagram', 'Tanggal Terbit': '2026-12-01 11:00', 'Tautan Postingan': 'https://www.instagram.com/p/AAA/' },
    { 'ID Desain': 'D-0002', Platform: 'X', 'Tanggal Terbit': '2026-12-02 13:30', 'Tautan Postingan': 'https://x.com/mk/status/111' },
  ]);
  bulk(sb, 'Insight', [
    { Periode: '2026-12', Platform: 'Instagram', Tanggal: '2026-12-01', 'Tautan Postingan': 'https://www.instagram.com/p/AAA', Jangkauan: 1000, Tayangan: 1500, Interaksi: 120, Sumber: 'ig.csv', 'Kunci Impor': 'Instagram|post|AAA' },
    { Periode: '2026-12', Platform: 'Instagram', Tanggal: '2026-12-05', 'Tautan Postingan': 'https://www.instagram.com/p/BBB', Jangkauan: 3200, Tayangan: 4000, Interaksi: 90, Sumber: 'ig.csv', 'Kunci Impor': 'Instagram|post|BBB' },
    // Typed by hand: no key.
    { Periode: '2026-12', Platform: 'Instagram', Pengikut: 12500 },
    { Periode: '2026-11', Platform: 'Instagram', Jangkauan: 3500, Tayangan: 5000, Interaksi: 140, Pengikut: 12000 },
  ]);
  bulk(sb, 'Persetujuan', [
    { 'ID Permintaan': 'R-0002', Jenis: 'desain', Periode: '2026-12', Objek: 'D-0001 v1, D-0002 v2', Kebijakan: 'salah-satu', Tingkat: 1, Penyetuju: KASUBBAG, Status: 'Selesai', 'Diajukan Oleh': STAFF, 'Diajukan Pada': '2026-12-01 10:00', 'Mulai Pada': '2026-12-01 10:00', 'Diputuskan Pada': '2026-12-02 09:20', 'Menit Kerja': 25,
      Keputusan: keputusan('n1', { 'D-0001': { decision: 'approve', by: KASUBBAG, at: '2026-12-01T10:30:00+07:00' }, 'D-0002': { decision: 'approve', by: KASUBBAG, at: '2026-12-02T09:20:00+07:00' } }) },
  ]);
}

function newReportSandbox(clockMs = JAN4, extra = ''): Sandbox {
  const sb = newSandbox({ bulk: true, clockMs, owner: KABAG });
  if (extra) writeFileSync(`${sb.options.projectDir}/zz-extra.js`, extra);
  // The project is loaded when a sandbox is made: make it again with the extra file.
  return extra ? new Sandbox({ projectDir: sb.options.projectDir, owner: KABAG, clockMs }) : sb;
}

function laporanRows(sb: Sandbox) {
  return sheetView(sb, 'Laporan').rows.filter((r) => r[0]);
}

function docText(sb: Sandbox, url: string): string {
  const id = /\/d\/([\w-]+)/.exec(url)?.[1] ?? '';
  return renderDocumentText(sb.state, id);
}

describe('monthly report', () => {
  test('builds the Doc (sections A-E, key numbers), the PDF beside it, the Laporan row and the mail', () => {
    const sb = newReportSandbox();
    populate(sb);
    const { run, result } = api<{ status: string; docUrl: string; pdfUrl: string; replaced: boolean; message: string }>(sb, 'apiBuildReport', { period: '2026-12' });
    expect(run.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.value.status).toBe('done');
    expect(result.value.replaced).toBe(false);

    const text = docText(sb, result.value.docUrl);
    for (const h of ['A. Pendahuluan', '1. Umum', '2. Maksud dan Tujuan', '3. Ruang Lingkup', '4. Dasar', 'B. Kegiatan yang Dilaksanakan', 'C. Hasil yang Dicapai', 'D. Simpulan dan Saran', 'E. Penutup']) {
      expect(text).toContain(h);
    }
    expect(text).toContain('LAPORAN');
    expect(text).toContain('PENGELOLAAN MEDIA SOSIAL BULAN DESEMBER 2026');
    // Nomor, then Lampiran (no records archive printed yet) and Hal.
    expect(text).toMatch(/Nomor: 1\/LAP\/HUMAS\/XII\/2026\s+Lampiran: -\s+Hal: Laporan Pengelolaan Media Sosial Bulan Desember 2026/);
    expect(text).toContain('KEPANITERAAN DAN SEKRETARIAT JENDERAL MAHKAMAH KONSTITUSI REPUBLIK INDONESIA');
    expect(text).toContain('Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik');
    // Insights with the change from November; a hand-typed follower total counts.
    expect(text).toContain('4.200 (+20,0%)');
    expect(text).toContain('12.500 (+500 dari bulan lalu)');
    expect(text).toContain('5,0% (+1,0 poin)');
    // Content: 3 planned (Instagram, X, TikTok), 2 designs approved, 2 published.
    expect(text).toContain('direncanakan 3 konten, ditetapkan 2 desain, dan diterbitkan 2 unggahan');
    expect(text).toContain('https://x.com/mk/status/111');
    expect(text).toMatch(/DRAF/);
    expect(text).toContain('indikator Siaran sendiri');
    // Approvals from the Persetujuan tab.
    // ... by the month of the content (whenever decided) and by the month of the decision.
    expect(text).toContain('a. Konten bulan Desember 2026 (kapan pun diputuskan): 1 putaran pengajuan; 2 butir telah diputuskan, 2 disetujui dan 0 dikembalikan untuk revisi. Persetujuan pada pengajuan pertama 100,0% (1 dari 1 butir versi pertama).');
    expect(text).toContain('b. Keputusan yang diambil selama bulan Desember 2026 (untuk konten bulan apa pun): 2 butir diputuskan, 2 disetujui dan 0 dikembalikan; median waktu keputusan 25 menit kerja dari 1 keputusan penyetuju');
    expect(text).toContain('Jakarta, 4 Januari 2027');
    expect(text).toContain('Dr. Rahmat Hidayat, S.H., M.H.');
    expect(text).toContain('NIP 197503122000031001');
    // Two charts as PNG images, drawn by the Charts service.
    expect(run.calls.filter((c) => c.service === 'Charts' && c.method === 'Chart.getAs').length).toBe(2);
    const html = renderDocumentHtml(sb.state, /\/d\/([\w-]+)/.exec(result.value.docUrl)![1]);
    expect((html.match(/<img[^>]+src="data:image\/png;base64,/g) ?? []).length).toBe(2);

    // Storage: the folder was created and written back; Doc and PDF in the year subfolder.
    const files = listFiles(sb.state).filter((f) => !f.trashed);
    const doc = files.find((f) => f.name === 'Laporan Media Sosial - Desember 2026' && f.mimeType === 'application/vnd.google-apps.document');
    const pdf = files.find((f) => f.name === 'Laporan Media Sosial - Desember 2026.pdf');
    expect(doc && pdf).toBeTruthy();
    expect(pdf!.mimeType).toBe('application/pdf');
    expect(doc!.parentId).toBe(pdf!.parentId);
    const drive = sb.state.services.drive as { items: Record<string, { name: string; parents: string[] }> };
    const year = drive.items[doc!.parentId!];
    expect(year.name).toBe('2026');
    expect(drive.items[year.parents[0]].name).toBe('Siaran - Laporan Media Sosial');
    const settings = sheetView(sb, 'Pengaturan').rows.find((r) => r[0] === 'folder_laporan');
    expect(settings?.[1]).toBe(year.parents[0]);
    expect(logView(sb).rows.some((r) => r[3] === 'Folder laporan dibuat')).toBe(true);

    // The PDF, opened and read back as a reader would (Poppler's pdftotext; CI installs it): the
    // kop, the number, the figures, both charts as images and the signature are on its pages.
    const pdfBytes = getFileContent(sb.state, pdf!.id)!.bytes;
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((pdfBytes.toString('latin1').match(/\/Subtype\s*\/Image/g) ?? []).length).toBeGreaterThanOrEqual(2);
    if (PDFTOTEXT) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'laporan-')), 'laporan.pdf');
      writeFileSync(file, pdfBytes);
      const pages = execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      // (Table cells wrap in the PDF, so the figures checked here are ones that fit their cell.)
      for (const want of ['BAGIAN HUBUNGAN MASYARAKAT DAN KERJA SAMA DALAM NEGERI', 'Nomor: 1/LAP/HUMAS/XII/2026', 'Jumlah 3 2 2', 'R-0002 Desain', 'Jumlah 6 5 (83,3%)', 'Grafik 1. Jangkauan per platform', 'Langkah 6 (publikasi)', 'NIP 197503122000031001']) {
        expect(pages).toContain(want);
      }
    } else console.warn('pdftotext not found: the report PDF was checked for its images but not read back. Install it with: apt-get install -y poppler-utils');

    const rows = laporanRows(sb);
    expect(rows.length).toBe(1);
    expect(rows[0][0]).toBe('2026-12');
    expect(rows[0][1]).toBe(result.value.docUrl);
    expect(rows[0][2]).toBe(result.value.pdfUrl);

    const mails = outbox(sb.state);
    const m = mails.find((x) => /Laporan Media Sosial Desember 2026/.test(x.subject));
    expect(m).toBeTruthy();
    expect(`${m!.to}`).toContain(KABAG);
    expect(`${m!.to}`).toContain(KASUBBAG);
    expect(JSON.stringify(m)).toContain(result.value.pdfUrl);
    // No checkpoint or resume trigger left behind.
    expect(props(sb)['siaran.report.checkpoint']).toBeUndefined();
    expect(listTriggers(sb.state).filter((t) => t.handler === 'triggerResumeReport')).toEqual([]);

    // Write the rendering for a human look (the workbench shows the same).
    writeFileSync('/tmp/siaran-report.html', html);
    writeFileSync('/tmp/siaran-report.pdf', getFileContent(sb.state, pdf!.id)!.bytes);
  });

  test('rebuilding a month replaces it: one Laporan row, the old Doc and PDF in the trash', () => {
    const sb = newReportSandbox();
    populate(sb);
    const first = api<{ docUrl: string; pdfUrl: string }>(sb, 'apiBuildReport', { period: '2026-12' }).result.value;
    const second = api<{ docUrl: string; pdfUrl: string; replaced: boolean }>(sb, 'apiBuildReport', { period: '2026-12' }).result;
    expect(second.ok).toBe(true);
    expect(second.value.replaced).toBe(true);
    expect(second.value.docUrl).not.toBe(first.docUrl);
    const rows = laporanRows(sb);
    expect(rows.length).toBe(1);
    expect(rows[0][1]).toBe(second.value.docUrl);
    expect(rows[0][4]).toBe(KABAG);
    const byUrl = (u: string) => listFiles(sb.state).find((f) => u.indexOf(f.id) >= 0)!;
    expect(byUrl(first.docUrl).trashed).toBe(true);
    expect(byUrl(first.pdfUrl).trashed).toBe(true);
    expect(byUrl(second.value.docUrl).trashed).toBe(false);
    expect(byUrl(second.value.pdfUrl).trashed).toBe(false);
    const live = listFiles(sb.state).filter((f) => !f.trashed && /Laporan Media Sosial - Desember 2026/.test(f.name));
    expect(live.length).toBe(2);

    // Under drive.file another user's executions cannot reach the Kabag's files (Drive answers
    // "File not found"), and that user's registry does not list them: a rebuild run as staff
    // leaves the Kabag's report alone. (Report builds belong in the owner's executions.)
    const third = api<{ docUrl: string; replaced: boolean }>(sb, 'apiBuildReport', { period: '2026-12' }, STAFF).result;
    expect(third.ok).toBe(true);
    expect(third.value.replaced).toBe(false);
    expect(byUrl(second.value.docUrl).trashed).toBe(false);
    expect(byUrl(second.value.pdfUrl).trashed).toBe(false);
  });

  test('a build stopped by the time limit resumes from its checkpoint and finishes complete and single', () => {
    const sb = newReportSandbox();
    populate(sb);
    // Stopped after 6.5 s (modeled calls plus the script's own time): the Doc's text (one Docs
    // batchUpdate, at about 4.4 modeled s) is in, the charts (1 s each to render) are not yet.
    const { run } = api(sb, 'apiBuildReport', { period: '2026-12' }, KABAG, 6500);
    expect(run.timedOut).toBe(true);
    const cp = JSON.parse(props(sb)['siaran.report.checkpoint']) as { period: string; phase: string; docId: string; next: number; slots?: { charts: unknown[] } };
    expect(cp.period).toBe('2026-12');
    expect(cp.phase).toBe('doc');
    expect(cp.next).toBe(1);
    expect(cp.slots?.charts.length).toBe(2);
    expect(renderDocumentText(sb.state, cp.docId)).toContain('E. Penutup');
    expect(listTriggers(sb.state).filter((t) => t.handler === 'triggerResumeReport').length).toBe(1);
    expect(laporanRows(sb).length).toBe(0);

    // The resume may itself run out of time; each run continues where the last stopped, once the
    // stopped run's 6 minutes are over.
    let guard = 0;
    pastRunLimit(sb);
    let r = sb.run('triggerResumeReport', { kind: 'trigger', user: KABAG, budgetMs: 3000 });
    while (props(sb)['siaran.report.checkpoint'] && guard++ < 20) {
      pastRunLimit(sb);
      r = sb.run('triggerResumeReport', { kind: 'trigger', user: KABAG, budgetMs: guard > 3 ? undefined : 3000 });
    }
    expect(r.error).toBeUndefined();
    expect(props(sb)['siaran.report.checkpoint']).toBeUndefined();
    expect(listTriggers(sb.state).filter((t) => t.handler === 'triggerResumeReport')).toEqual([]);
    const rows = laporanRows(sb);
    expect(rows.length).toBe(1);
    expect(rows[0][1]).toContain(cp.docId);
    const text = docText(sb, rows[0][1]);
    for (const h of ['A. Pendahuluan', 'B. Kegiatan yang Dilaksanakan', 'C. Hasil yang Dicapai', 'D. Simpulan dan Saran', 'E. Penutup', '4. Dasar', 'NIP 197503122000031001']) {
      expect(text.split(h).length - 1).toBe(1);
    }
    // Each chart once, however many runs it took.
    expect((renderDocumentHtml(sb.state, cp.docId).match(/<img/g) ?? []).length).toBe(2);
    const live = listFiles(sb.state).filter((f) => !f.trashed && /Laporan Media Sosial - Desember 2026/.test(f.name));
    expect(live.map((f) => f.mimeType).sort()).toEqual(['application/pdf', 'application/vnd.google-apps.document']);
  });

  test('the resume trigger fires by itself: a minute later it finds the stopped run within its 6 minutes and waits, then resumes it', () => {
    const sb = newReportSandbox();
    populate(sb);
    expect(api(sb, 'apiBuildReport', { period: '2026-12' }, KABAG, 6500).run.timedOut).toBe(true);
    const started = (JSON.parse(props(sb)['siaran.report.checkpoint']) as { runStarted: number }).runStarted;
    advanceClock(sb, started + 2 * 60 * 1000);
    // Fired at one minute: the run may still be working, so it re-armed itself for after the limit.
    expect(laporanRows(sb).length).toBe(0);
    expect(resumeTriggers(sb).map((t) => (t.clock?.atMs ?? 0) > started + RUN_LIMIT_MS)).toEqual([true]);
    advanceClock(sb, started + RUN_LIMIT_MS + 2 * 60 * 1000);
    expect(props(sb)['siaran.report.checkpoint']).toBeUndefined();
    expect(laporanRows(sb).length).toBe(1);
    expect(resumeTriggers(sb)).toEqual([]);
  });

  test('a resume fired while the build is still within its 6 minutes changes nothing: same checkpoint, same Doc, no report row; it re-arms itself', () => {
    const sb = newReportSandbox();
    populate(sb);
    expect(api(sb, 'apiBuildReport', { period: '2026-12' }, KABAG, 6500).run.timedOut).toBe(true);
    const before = props(sb)['siaran.report.checkpoint'];
    const cp = JSON.parse(before) as { docId: string; runStarted: number; paused?: boolean; runs: number };
    expect(cp.paused).toBeFalsy();
    const doc = renderDocumentHtml(sb.state, cp.docId);
    const files = listFiles(sb.state).length;
    // One minute after the start (and again at five): the run that holds the checkpoint may be working.
    for (const after of [60 * 1000, 5 * 60 * 1000]) {
      sb.setClock(cp.runStarted + after);
      const r = sb.run('triggerResumeReport', { kind: 'trigger', user: KABAG });
      expect(r.error).toBeUndefined();
      expect(props(sb)['siaran.report.checkpoint']).toBe(before);
      expect(renderDocumentHtml(sb.state, cp.docId)).toBe(doc);
      expect(listFiles(sb.state).length).toBe(files);
      expect(laporanRows(sb).length).toBe(0);
      // One trigger, for just after the run's limit.
      const at = resumeTriggers(sb).map((t) => t.clock?.atMs ?? 0);
      expect(at).toHaveLength(1);
      expect(at[0]).toBeGreaterThan(cp.runStarted + RUN_LIMIT_MS);
      expect(at[0]).toBeLessThanOrEqual(cp.runStarted + RUN_LIMIT_MS + 60 * 1000);
    }
    // Past the limit that run is dead: the resume continues it, once.
    pastRunLimit(sb);
    expect(sb.run('triggerResumeReport', { kind: 'trigger', user: KABAG }).error).toBeUndefined();
    expect(props(sb)['siaran.report.checkpoint']).toBeUndefined();
    expect(laporanRows(sb).length).toBe(1);
    expect((renderDocumentHtml(sb.state, cp.docId).match(/<img/g) ?? []).length).toBe(2);
  });

  test('a run that pauses (the script lock busy at its end) is continued by the next resume at once, and re-armed the trigger for a minute later', () => {
    const sb = newReportSandbox();
    populate(sb);
    expect(api(sb, 'apiBuildReport', { period: '2026-12' }, KABAG, 6500).run.timedOut).toBe(true);
    pastRunLimit(sb);
    // Another execution holds the script lock: the resumed run writes the Doc and the PDF, then
    // cannot take the lock for the Laporan row and pauses.
    holdLock(sb.state, 'script', sb.state.clockMs + 30 * 60 * 1000, 'another execution');
    const r = sb.run('triggerResumeReport', { kind: 'trigger', user: KABAG });
    expect(r.error).toBeUndefined();
    const cp = JSON.parse(props(sb)['siaran.report.checkpoint']) as { phase: string; paused?: boolean; runStarted: number; runs: number };
    expect(cp).toMatchObject({ phase: 'finish', paused: true, runs: 2 });
    expect(laporanRows(sb).length).toBe(0);
    const at = resumeTriggers(sb).map((t) => t.clock?.atMs ?? 0);
    expect(at).toHaveLength(1);
    expect(at[0] - sb.state.clockMs).toBeLessThanOrEqual(60 * 1000);
    // The lock is free again; the trigger fires within the minute (the paused run started less
    // than 6 minutes ago, but it stopped by itself).
    releaseHostLocks(sb.state);
    expect(sb.state.clockMs - cp.runStarted).toBeLessThan(RUN_LIMIT_MS);
    expect(sb.run('triggerResumeReport', { kind: 'trigger', user: KABAG }).error).toBeUndefined();
    expect(props(sb)['siaran.report.checkpoint']).toBeUndefined();
    expect(laporanRows(sb).length).toBe(1);
    expect(resumeTriggers(sb)).toEqual([]);
  });

  test("the template Siaran made and the office edited: placeholders replaced, tables and charts at their markers", () => {
    const sb = newReportSandbox(JAN4, TEMPLATE_HELPER);
    populate(sb);
    const made = sb.run('menuCreateTemplate', { kind: 'menu', user: KABAG, replies: [{ button: 'OK' }] });
    expect(made.error).toBeUndefined();
    const said = made.ui.find((u) => u.type === 'alert') as { prompt: string } | undefined;
    expect(said?.prompt).toMatch(/^Templat laporan dibuat di folder laporan: https:\/\/docs\.google\.com\/document\/d\//);
    const id = String(sheetView(sb, 'Pengaturan').rows.find((r) => r[0] === 'templat_laporan')?.[1]);
    // The starter Doc lists the placeholders and sits in the report folder.
    expect(renderDocumentText(sb.state, id)).toContain('{{tabel_platform}}');
    const folderId = String(sheetView(sb, 'Pengaturan').rows.find((r) => r[0] === 'folder_laporan')?.[1]);
    expect(listFiles(sb.state).find((f) => f.id === id)?.parentId).toBe(folderId);
    const edit = sb.run('zzFillTemplate', { user: KABAG, args: [id, ['LAPORAN {{unit}}', 'Periode: {{periode}} ({{tanggal}})', 'Ringkasan: {{ringkasan}}', '{{tabel_platform}}', 'Grafik:', '{{grafik_jangkauan}}', 'Kepatuhan SOP: {{kepatuhan_sop}}', '{{nama}} / NIP {{nip}}']] });
    expect(edit.error).toBeUndefined();
    const { result } = api<{ docUrl: string; status: string }>(sb, 'apiBuildReport', { period: '2026-12' });
    expect(result.ok).toBe(true);
    const text = docText(sb, result.value.docUrl);
    expect(text).toContain('LAPORAN Bagian Hubungan Masyarakat dan Kerja Sama Dalam Negeri');
    expect(text).toContain('Periode: Desember 2026 (4 Januari 2027)');
    expect(text).toContain('4.200 (+20,0%)');
    expect(text).toContain('Dr. Rahmat Hidayat, S.H., M.H. / NIP 197503122000031001');
    expect(text).not.toMatch(/\{\{/);
    expect(text).not.toContain('A. Pendahuluan');
    const html = renderDocumentHtml(sb.state, /\/d\/([\w-]+)/.exec(result.value.docUrl)![1]);
    expect((html.match(/<img/g) ?? []).length).toBe(1);
    // The template itself is untouched.
    expect(renderDocumentText(sb.state, id)).toContain('{{periode}}');
  });

  test('a template id typed into Pengaturan that Siaran did not make is ignored: its text never reaches the report', () => {
    const sb = newReportSandbox(JAN4, TEMPLATE_HELPER);
    populate(sb);
    const foreign = sb.run('zzMakeTemplate', { user: KABAG, args: [['RAHASIA {{unit}}', 'Isi pribadi yang tidak boleh tersebar']] }).value as string;
    const row = sheetView(sb, 'Pengaturan').rows.findIndex((r) => r[0] === 'templat_laporan');
    // (Only the owner may type in Pengaturan; a staff member is refused by Sheets.)
    expect(() => editCell(sb, STAFF, 'Pengaturan', `B${row + 2}`, 'x')).toThrow(/protected/);
    editCell(sb, KABAG, 'Pengaturan', `B${row + 2}`, `https://docs.google.com/document/d/${foreign}/edit`);
    const { result } = api<{ docUrl: string; message: string }>(sb, 'apiBuildReport', { period: '2026-12' });
    expect(result.ok).toBe(true);
    const text = docText(sb, result.value.docUrl);
    expect(text).not.toContain('Isi pribadi');
    expect(text).toContain('A. Pendahuluan');
    expect(result.value.message).toContain(`Templat laporan (${foreign}) di Pengaturan bukan templat yang dibuat Siaran, jadi diabaikan`);
    const log = logView(sb).rows.filter((r) => r.includes('Templat laporan diabaikan'));
    expect(log.length).toBe(1);
  });

  test('records export: one PDF "Arsip Siaran - Desember 2026" in the report folder; the temporary Doc trashed', () => {
    const sb = newReportSandbox();
    populate(sb);
    const r = sb.run('menuExportRecords', { kind: 'menu', user: KABAG, replies: [{ button: 'OK', text: '2026-12' }, { button: 'OK' }] });
    expect(r.error).toBeUndefined();
    const files = listFiles(sb.state);
    const pdf = files.find((f) => f.name === 'Arsip Siaran - Desember 2026.pdf');
    expect(pdf && !pdf.trashed).toBeTruthy();
    const tmp = files.find((f) => f.name === 'Arsip Siaran - Desember 2026' && f.mimeType === 'application/vnd.google-apps.document');
    expect(tmp?.trashed).toBe(true);
    // The temporary Doc held one table per tab with the month's rows.
    const text = renderDocumentText(sb.state, tmp!.id);
    expect(text).toContain('Publikasi (2 baris)');
    expect(text).toContain('Insight (3 baris)');
    expect(text).toContain('Persetujuan (1 baris)');
    expect(text).toContain('https://x.com/mk/status/111');
    const alert = r.ui.find((u) => u.type === 'alert' && /Arsip/.test((u as { prompt: string }).prompt));
    expect(alert).toBeTruthy();
    // The report built afterwards counts the archive as its attachment.
    const { result } = api<{ docUrl: string }>(sb, 'apiBuildReport', { period: '2026-12' });
    expect(docText(sb, result.value.docUrl)).toContain('Lampiran: 1 (satu) berkas');
  });

  test('the daily trigger builds last month on the first working day, once', () => {
    const sb = newReportSandbox(JAN4);
    populate(sb);
    runTrigger(sb, 'triggerDaily', KABAG);
    expect(laporanRows(sb).map((r) => r[0])).toEqual(['2026-12']);
    const before = listFiles(sb.state).length;
    runTrigger(sb, 'triggerDaily', KABAG);
    expect(listFiles(sb.state).length).toBe(before);
    // Not on another day.
    const sb2 = newReportSandbox(Date.parse('2027-01-05T09:00:00+07:00'));
    populate(sb2);
    runTrigger(sb2, 'triggerDaily', KABAG);
    expect(laporanRows(sb2)).toEqual([]);
  });

  test('from a staff member\'s menu: the owner\'s digest trigger builds it; with the mail quota spent, the mail is queued and the hourly trigger sends it', () => {
    const sb = newReportSandbox();
    populate(sb);
    setMailQuota(sb.state, 0);
    const r = sb.run('menuBuildReport', { kind: 'menu', user: STAFF, replies: [{ button: 'OK', text: '' }, { button: 'OK' }] });
    expect(r.error).toBeUndefined();
    const asked = r.ui.filter((u) => u.type === 'alert').map((u) => (u as { prompt: string }).prompt).join('\n');
    expect(asked).toContain('Permintaan tercatat. Laporan Desember 2026 disusun oleh pemicu Siaran milik pemilik workbook dalam 10 menit');
    // Her execution made no file and wrote no report row: it left the request.
    expect(listFiles(sb.state)).toEqual([]);
    expect(laporanRows(sb)).toEqual([]);
    expect(Object.keys(props(sb)).filter((k) => k.startsWith('siaran.laporan.minta.'))).toEqual(['siaran.laporan.minta.2026-12']);
    const d = runTrigger(sb, 'triggerDigest', KABAG);
    expect(d.ok).toBe(true);
    expect(Object.keys(props(sb)).filter((k) => k.startsWith('siaran.laporan.minta.'))).toEqual([]);
    expect(laporanRows(sb).map((x) => x[0])).toEqual(['2026-12']);
    expect(listFiles(sb.state).every((f) => f.owner === KABAG)).toBe(true);
    const lines = logView(sb).rows;
    expect(lines.some((x) => x[3] === 'Laporan diminta' && x[1] === STAFF)).toBe(true);
    expect(lines.some((x) => x[3] === 'Laporan disusun atas permintaan' && x[5].includes(STAFF))).toBe(true);
    const queued = Object.keys(props(sb)).filter((k) => k.startsWith('siaran.rq.'));
    expect(queued.length).toBe(1);
    expect(outbox(sb.state).some((m) => /Laporan Media Sosial/.test(m.subject))).toBe(false);
    expect(logView(sb).rows.some((x) => x[3] === 'Email ditunda' && /Laporan Media Sosial Desember 2026/.test(x[5]))).toBe(true);
    setMailQuota(sb.state, 100);
    runTrigger(sb, 'triggerHourly', KABAG);
    expect(Object.keys(props(sb)).filter((k) => k.startsWith('siaran.rq.'))).toEqual([]);
    expect(outbox(sb.state).filter((m) => /Laporan Media Sosial Desember 2026/.test(m.subject)).length).toBe(1);
    expect(logView(sb).rows.some((x) => x[3] === 'Email tertunda terkirim')).toBe(true);
  });

  test('a head who is not the owner rebuilds a month the owner built: the owner\'s trigger replaces it in the office folder; forged requests build nothing', () => {
    const sb = newReportSandbox();
    populate(sb);
    expect(api(sb, 'apiBuildReport', { period: '2026-12' }).result.ok).toBe(true);
    const first = listFiles(sb.state);
    const b = api<{ status: string; message: string }>(sb, 'apiBuildReport', { period: '2026-12' }, KASUBBAG);
    expect(b.result.ok && b.result.value.status).toBe('queued');
    expect(listFiles(sb.state)).toEqual(first);
    expect(runTrigger(sb, 'triggerDigest', KABAG).ok).toBe(true);
    const after = listFiles(sb.state);
    // The owner's Doc and PDF went to the trash; the new ones are the owner's, and the row links them.
    expect(after.filter((f) => first.some((o) => o.id === f.id)).every((f) => f.trashed)).toBe(true);
    const live = after.filter((f) => !f.trashed);
    expect(live).toHaveLength(2);
    expect(live.every((f) => f.owner === KABAG)).toBe(true);
    expect(laporanRows(sb)).toHaveLength(1);
    expect(live.some((f) => laporanRows(sb)[0][1] === f.url || String(laporanRows(sb)[0][1]).includes(f.id))).toBe(true);
    // An editor's forged requests: someone outside the roster, an unreadable entry. Each is
    // refused at its own run (the oldest first) and logged; nothing is built.
    const script = (sb.state.services.properties as { script: Record<string, string> }).script;
    script['siaran.laporan.minta.2026-11'] = JSON.stringify({ p: '2026-11', u: 'tamu@luar.example.id', at: sb.state.clockMs });
    script['siaran.laporan.minta.zz'] = '{not json';
    // A head's name on a month that has not begun (the panel refuses to write one; an editor can).
    script['siaran.laporan.minta.2027-03'] = JSON.stringify({ p: '2027-03', u: KASUBBAG, at: sb.state.clockMs + 1 });
    for (let i = 0; i < 3; i++) runTrigger(sb, 'triggerDigest', KABAG);
    expect(Object.keys(script).filter((k) => k.startsWith('siaran.laporan.minta.'))).toEqual([]);
    expect(listFiles(sb.state).filter((f) => !f.trashed)).toEqual(live);
    const refused = logView(sb).rows.filter((x) => x[3] === 'Permintaan laporan ditolak');
    expect(refused.map((x) => x[4])).toEqual(['zz', '2026-11', '2027-03']);
    expect(refused[1][5]).toContain('tamu@luar.example.id tidak terdaftar');
    expect(refused[2][5]).toContain('belum dimulai');
  });

  test('people not in Pengguna cannot build; a bad period is refused', () => {
    const sb = newReportSandbox();
    populate(sb);
    expect(api(sb, 'apiBuildReport', { period: '2026-12' }, 'tamu@mk.example.id').result.error?.code).toBe('FORBIDDEN');
    expect(api(sb, 'apiBuildReport', { period: '2026-13' }).result.error?.code).toBe('BAD_REQUEST');
  });

  test('a month that has not begun is refused in plain words, for the owner and for anyone asking; this month may be built', () => {
    const sb = newReportSandbox();
    populate(sb);
    const owner = api(sb, 'apiBuildReport', { period: '2027-02' });
    expect(owner.result.error?.code).toBe('BAD_REQUEST');
    expect(owner.result.error?.message).toBe('Laporan Februari 2027 belum dapat disusun: bulannya belum dimulai. Pilih bulan ini atau bulan sebelumnya.');
    const r = sb.run('menuBuildReport', { kind: 'menu', user: STAFF, replies: [{ button: 'OK', text: '2027-02' }, { button: 'OK' }] });
    expect(r.error).toBeUndefined();
    expect(r.ui.filter((u) => u.type === 'alert').map((u) => (u as { prompt: string }).prompt).join('\n')).toContain('bulannya belum dimulai');
    // Nothing was made, asked for or logged as asked.
    expect(listFiles(sb.state)).toEqual([]);
    expect(Object.keys(props(sb)).filter((k) => k.startsWith('siaran.laporan.minta.'))).toEqual([]);
    expect(logView(sb).rows.some((x) => x[3] === 'Laporan diminta')).toBe(false);
    // January 2027 has begun (the clock is 4 January): a look before it ends is allowed.
    const now = api<{ status: string }>(sb, 'apiBuildReport', { period: '2027-01' }, KASUBBAG);
    expect(now.result.ok && now.result.value.status).toBe('queued');
  });
});

describe('a big month fits the time limit', () => {
  test('1,000 posts on five platforms and 10,000 insight rows: one execution, the Doc in one batch', () => {
    const sb = newReportSandbox();
    populate(sb);
    const platforms = ['Facebook', 'X', 'Instagram', 'YouTube', 'TikTok'];
    const pubs = [];
    for (let i = 0; i < 1000; i++) {
      const day = 1 + (i % 28);
      pubs.push({ 'ID Desain': `D-${String(i + 100).padStart(4, '0')}`, Platform: platforms[i % 5], 'Tanggal Terbit': `2026-12-${String(day).padStart(2, '0')} 10:00`, 'Tautan Postingan': `https://example.com/p/${i}` });
    }
    bulk(sb, 'Publikasi', pubs);
    const ins = [];
    for (let i = 0; i < 10000; i++) {
      const day = 1 + (i % 28);
      ins.push({ Periode: i % 2 ? '2026-12' : '2026-11', Platform: platforms[i % 5], Tanggal: `2026-${i % 2 ? 12 : 11}-${String(day).padStart(2, '0')}`, 'Tautan Postingan': `https://example.com/p/${i}`, Jangkauan: 100 + (i % 50), Tayangan: 200, Interaksi: i % 30, Sumber: 'bulk.csv', 'Kunci Impor': `${platforms[i % 5]}|post|${i}` });
    }
    bulk(sb, 'Insight', ins);
    const { run, result } = api<{ status: string }>(sb, 'apiBuildReport', { period: '2026-12' });
    expect(run.error).toBeUndefined();
    expect(result.value.status).toBe('done');
    expect(run.modeledMs).toBeLessThan(4.5 * 60 * 1000);
    const byMethod: Record<string, number> = {};
    for (const c of run.calls) byMethod[`${c.service}.${c.method}`] = (byMethod[`${c.service}.${c.method}`] ?? 0) + 1;
    // The whole Doc (1,000-row table included) is ONE Docs batchUpdate; DocumentApp only puts the
    // kop rule and the two charts into their slots, and converts the Doc to PDF (openById, getAs:
    // Drive under drive.file has no export for it), and looks for a page number in the footer
    // (getFooter, findElement): no table, row, cell or paragraph call.
    expect(byMethod['Docs.Documents.batchUpdate']).toBe(1);
    expect(byMethod['SpreadsheetApp.Range.setValue'] ?? 0).toBe(0);
    const docCalls = run.calls.filter((c) => c.service === 'DocumentApp').map((c) => c.method);
    expect(docCalls.filter((m) => /^(Table|TableRow|TableCell|Body\.append)/.test(m))).toEqual([]);
    expect(docCalls.length).toBeLessThanOrEqual(19);
    const text = docText(sb, laporanRows(sb)[0][1]);
    expect(text).toContain('diterbitkan 1.002 unggahan');
  });
});

describe('the kop logo (Pengaturan "logo_kop")', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const upload = (sb: Sandbox, req: unknown, user = KABAG) => api<{ id: string; message: string }>(sb, 'apiUploadLogo', req, user).result;
  const images = (sb: Sandbox) => {
    const { result } = api<{ docUrl: string }>(sb, 'apiBuildReport', { period: '2026-12' });
    const html = renderDocumentHtml(sb.state, /\/d\/([\w-]+)/.exec(result.value.docUrl)![1]);
    return (html.match(/<img/g) ?? []).length;
  };

  test('an uploaded logo is stored in the report folder, registered, and goes on the kop', () => {
    const sb = newReportSandbox();
    populate(sb);
    const r = upload(sb, { name: 'pemda.png', mimeType: 'image/png', base64: PNG.toString('base64') });
    expect(r.ok).toBe(true);
    expect(r.value.message).toMatch(/^Logo kop tersimpan di folder laporan \(1 KB\)/);
    const setting = sheetView(sb, 'Pengaturan').rows.find((x) => x[0] === 'logo_kop')?.[1];
    expect(setting).toBe(r.value.id);
    const file = listFiles(sb.state).find((f) => f.id === r.value.id)!;
    expect(file.mimeType).toBe('image/png');
    expect(getFileContent(sb.state, r.value.id)!.bytes.equals(PNG)).toBe(true);
    const folderId = String(sheetView(sb, 'Pengaturan').rows.find((x) => x[0] === 'folder_laporan')?.[1]);
    expect(file.parentId).toBe(folderId);
    expect(images(sb)).toBe(3); // the logo and the two charts
  });

  test('an image id typed into Pengaturan that Siaran did not store does not go on the kop, even when shared', () => {
    const sb = newReportSandbox();
    populate(sb);
    const id = registerFile(sb.state, { name: 'logo.png', mimeType: 'image/png', content: PNG, owner: KABAG });
    const drive = sb.state.services.drive as { items: Record<string, { sharing: { access: string } }> };
    drive.items[id].sharing.access = 'DOMAIN_WITH_LINK';
    bulk(sb, 'Pengaturan', [{ Kunci: 'logo_kop', Nilai: id }]);
    expect(images(sb)).toBe(2);
  });

  test('the upload is checked: PNG or JPEG by its bytes, at most 1 MB, heads only; each refusal says what to do', () => {
    const sb = newReportSandbox();
    populate(sb);
    const gif = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64').toString('base64');
    const asPng = upload(sb, { name: 'anim.gif', mimeType: 'image/png', base64: gif });
    expect(asPng.ok).toBe(false);
    expect(asPng.error?.message).toBe('Logo harus berupa gambar PNG atau JPEG. Berkas "anim.gif" bukan PNG atau JPEG; simpan ulang sebagai PNG/JPEG lalu unggah lagi.');
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]).toString('base64');
    const tooBig = upload(sb, { name: 'besar.png', mimeType: 'image/png', base64: big });
    expect(tooBig.error?.message).toBe('Berkas logo 1025 KB; batasnya 1024 KB (1 MB). Perkecil gambarnya lalu unggah lagi.');
    const svg = upload(sb, { name: 'logo.svg', mimeType: 'image/svg+xml', base64: Buffer.from('<svg/>').toString('base64') });
    expect(svg.error?.code).toBe('VALIDATION');
    const garbage = upload(sb, { name: 'x.png', mimeType: 'image/png', base64: '***' });
    expect(garbage.error?.message).toBe('Isi berkas logo tidak terbaca. Pilih berkasnya lagi lalu unggah ulang.');
    const staff = upload(sb, { name: 'pemda.png', mimeType: 'image/png', base64: PNG.toString('base64') }, STAFF);
    expect(staff.ok).toBe(false);
    expect(staff.error?.code).toBe('FORBIDDEN');
    // Nothing was stored and the setting is unchanged.
    expect(listFiles(sb.state).filter((f) => f.mimeType.startsWith('image/'))).toEqual([]);
    expect(sheetView(sb, 'Pengaturan').rows.find((x) => x[0] === 'logo_kop')?.[1] ?? '').toBe('');
  });
});

describe('the build in few round trips, resumable at every cut', () => {
  function userProps(sb: Sandbox, email: string): Record<string, string> {
    const p = sb.state.services.properties as { user?: Record<string, Record<string, string>> } | undefined;
    return p?.user?.[email] ?? {};
  }

  test('the Doc is made in its year folder, files registered in two writes, the trigger deleted by its handle, no quota question', () => {
    const sb = newReportSandbox();
    populate(sb);
    const { run, result } = api<{ status: string; docUrl: string; pdfUrl: string }>(sb, 'apiBuildReport', { period: '2026-12' });
    expect(run.error).toBeUndefined();
    expect(result.value.status).toBe('done');
    const count = (service: string, method: string) => run.calls.filter((c) => c.service === service && c.method === method).length;
    // One Drive files.create each for the report folder, the year folder, the Doc and the PDF; the
    // year folder is not searched for in a folder made a moment ago, nothing is moved afterwards,
    // and the Docs API only writes (no documents.create).
    expect(count('Drive', 'Files.create')).toBe(4);
    expect(count('Drive', 'Files.list')).toBe(0);
    expect(count('Drive', 'Files.update')).toBe(0);
    expect(count('Drive', 'Files.get')).toBe(0);
    expect(count('Docs', 'Documents.create')).toBe(0);
    expect(count('Docs', 'Documents.batchUpdate')).toBe(1);
    // The registry: the folders and the Doc in one write, the PDF with the month's report in another.
    expect(count('PropertiesService', 'user.setProperty')).toBe(0);
    expect(count('PropertiesService', 'user.setProperties')).toBe(2);
    // The resume trigger made by this run is deleted by its handle (one listing, at the start).
    expect(count('ScriptApp', 'getProjectTriggers')).toBe(1);
    expect(count('ScriptApp', 'deleteTrigger')).toBe(1);
    expect(listTriggers(sb.state).filter((t) => t.handler === 'triggerResumeReport')).toEqual([]);
    // The mail goes without asking the quota first (a refusal queues it: see the quota test).
    expect(count('MailApp', 'getRemainingDailyQuota')).toBe(0);
    expect(count('MailApp', 'sendEmail')).toBe(1);
    // The workbook is opened once (the owner check for the folder setting uses it).
    expect(count('SpreadsheetApp', 'SpreadsheetApp.getActiveSpreadsheet')).toBe(1);

    const id = (url: string) => /\/d\/([\w-]+)/.exec(url)![1];
    const reg = userProps(sb, KABAG);
    expect(reg[`siaran.drive.f.${id(result.value.docUrl)}`]).toBe('report');
    expect(reg[`siaran.drive.f.${id(result.value.pdfUrl)}`]).toBe('pdf');
    expect(JSON.parse(reg['siaran.drive.report.2026-12'])).toEqual({ doc: id(result.value.docUrl), pdf: id(result.value.pdfUrl) });
    const folders = Object.entries(reg).filter(([, v]) => v === 'folder').map(([k]) => k.slice('siaran.drive.f.'.length));
    const drive = sb.state.services.drive as { items: Record<string, { name: string }> };
    expect(folders.map((f) => drive.items[f].name).sort()).toEqual(['2026', 'Siaran - Laporan Media Sosial']);
  });

  test('cut at any point, the resumed build ends with one Doc, one PDF, each chart once, all registered', () => {
    for (let budget = 5000; budget <= 13000; budget += 1000) {
      const sb = newReportSandbox();
      populate(sb);
      const first = api(sb, 'apiBuildReport', { period: '2026-12' }, KABAG, budget).run;
      let guard = 0;
      while (props(sb)['siaran.report.checkpoint'] && guard++ < 10) {
        pastRunLimit(sb);
        const r = sb.run('triggerResumeReport', { kind: 'trigger', user: KABAG });
        expect(r.error).toBeUndefined();
      }
      const where = `cut at ${budget} ms (${first.timedOut ? 'timed out' : 'finished'})`;
      expect([where, props(sb)['siaran.report.checkpoint']]).toEqual([where, undefined]);
      const rows = laporanRows(sb);
      expect([where, rows.length]).toEqual([where, 1]);
      const live = listFiles(sb.state).filter((f) => !f.trashed && /Laporan Media Sosial - Desember 2026/.test(f.name));
      expect([where, live.map((f) => f.mimeType).sort()]).toEqual([where, ['application/pdf', 'application/vnd.google-apps.document']]);
      const doc = live.find((f) => f.mimeType !== 'application/pdf')!;
      const pdf = live.find((f) => f.mimeType === 'application/pdf')!;
      expect([where, rows[0][1]]).toEqual([where, expect.stringContaining(doc.id)]);
      expect([where, rows[0][2]]).toEqual([where, expect.stringContaining(pdf.id)]);
      expect([where, (renderDocumentHtml(sb.state, doc.id).match(/<img/g) ?? []).length]).toEqual([where, 2]);
      const reg = userProps(sb, KABAG);
      expect([where, reg[`siaran.drive.f.${doc.id}`], reg[`siaran.drive.f.${pdf.id}`]]).toEqual([where, 'report', 'pdf']);
      expect([where, JSON.parse(reg['siaran.drive.report.2026-12'] ?? 'null')]).toEqual([where, { doc: doc.id, pdf: pdf.id }]);
      // A run cut between clearing the checkpoint and deleting its trigger leaves the trigger: when
      // it fires it finds no checkpoint and deletes itself, changing nothing.
      if (listTriggers(sb.state).some((t) => t.handler === 'triggerResumeReport')) {
        expect(sb.run('triggerResumeReport', { kind: 'trigger', user: KABAG }).error).toBeUndefined();
        expect([where, laporanRows(sb)]).toEqual([where, rows]);
      }
      expect([where, listTriggers(sb.state).filter((t) => t.handler === 'triggerResumeReport')]).toEqual([where, []]);
    }
  });
});

describe('page numbers: the report base a person numbers once', () => {
  const build = (sb: Sandbox) => api<{ docUrl: string; pdfUrl: string; message: string }>(sb, 'apiBuildReport', { period: '2026-12' }).result;
  const baseMenu = (sb: Sandbox, user = KABAG) => {
    const r = sb.run('menuCreateReportBase', { kind: 'menu', user, replies: [{ button: 'OK' }] });
    expect(r.error).toBeUndefined();
    return r.ui.filter((u) => u.type === 'alert').map((u) => (u as { prompt: string }).prompt).join('\n');
  };
  const setting = (sb: Sandbox, key: string) => String(sheetView(sb, 'Pengaturan').rows.find((x) => x[0] === key)?.[1] ?? '');
  const idOf = (url: string) => /\/d\/([\w-]+)/.exec(url)![1];
  const logged = (sb: Sandbox, aksi: string) => logView(sb).rows.filter((r) => r[3] === aksi);

  test('without a base the report says how to get page numbers; with a numbered base every report is a copy that has them, in the Doc and the PDF', () => {
    const sb = newReportSandbox();
    populate(sb);
    const first = build(sb);
    expect(first.ok).toBe(true);
    expect(first.value.message).toContain('Laporan ini belum bernomor halaman. Sekali saja, pemilik workbook menjalankan menu Siaran → Administrasi → Siapkan nomor halaman laporan');
    expect(logged(sb, 'Laporan tanpa nomor halaman')).toHaveLength(1);

    // The owner makes the base: an empty Doc in the report folder, registered, in Pengaturan.
    const said = baseMenu(sb);
    expect(said).toContain('Dokumen dasar laporan dibuat');
    expect(said).toContain('Sisipkan → Nomor halaman');
    const baseId = setting(sb, 'dasar_laporan');
    expect(listFiles(sb.state).find((f) => f.id === baseId)?.parentId).toBe(setting(sb, 'folder_laporan'));
    // Not numbered yet: the report (a copy of it) says which document to number.
    const second = build(sb);
    expect(second.value.message).toContain(`dokumen dasar laporan (https://docs.google.com/document/d/${baseId}/edit) belum diberi nomor halaman`);
    expect(baseMenu(sb)).toContain('belum bernomor halaman');

    // The Kabag numbers the base by hand (Insert → Page numbers), once.
    insertPageNumbersByHand(sb, KABAG, baseId);
    expect(baseMenu(sb)).toContain('sudah bernomor halaman');
    const third = build(sb);
    expect(third.ok).toBe(true);
    expect(third.value.message).not.toContain('nomor halaman');
    const docId = idOf(third.value.docUrl);
    expect(docId).not.toBe(baseId);
    expect(renderDocumentHtml(sb.state, docId)).toContain('class="page-number"');
    const text = docText(sb, third.value.docUrl);
    expect(text).toContain('A. Pendahuluan');
    expect(text).toContain('E. Penutup');
    // Each PDF page carries its own number at its foot (below 60 pt; the sandbox's PDF is uncompressed).
    const pdf = getFileContent(sb.state, idOf(third.value.pdfUrl))!.bytes.toString('latin1');
    const feet = [...pdf.matchAll(/stream\n([\s\S]*?)\nendstream/g)]
      .map((m) => m[1])
      .filter((x) => /BT /.test(x))
      .map((ops) => [...ops.matchAll(/BT \/F\d [\d.]+ Tf [\d.-]+ ([\d.-]+) Td \(((?:\\.|[^\\)])*)\) Tj ET/g)].filter((m) => Number(m[1]) < 60).map((m) => m[2]));
    expect(feet.length).toBeGreaterThan(1);
    expect(feet).toEqual(feet.map((_, i) => [String(i + 1)]));
    // The base itself is still empty: the report's text went into the copy.
    expect(renderDocumentText(sb.state, baseId).trim()).toBe('#');
  });

  test('a base id typed into Pengaturan that Siaran did not make is not copied; only the owner makes a base', () => {
    const sb = newReportSandbox(JAN4, TEMPLATE_HELPER);
    populate(sb);
    // The Kabag's own Doc (not made through Siaran), its id typed into Pengaturan.
    const own = String(sb.run('zzMakeTemplate', { user: KABAG, args: [['Isi pribadi Kabag']] }).value);
    expect(own).toMatch(/\w{10,}/);
    const row = sheetView(sb, 'Pengaturan').rows.findIndex((x) => x[0] === 'dasar_laporan');
    expect(row).toBeGreaterThanOrEqual(0);
    editCell(sb, KABAG, 'Pengaturan', `B${row + 2}`, own);
    const r = build(sb);
    expect(r.ok).toBe(true);
    expect(docText(sb, r.value.docUrl)).not.toContain('Isi pribadi Kabag');
    expect(r.value.message).toContain('Siapkan nomor halaman laporan');
    const refused = sb.run('menuCreateReportBase', { kind: 'menu', user: KASUBBAG, replies: [{ button: 'OK' }] });
    const text = refused.ui.filter((u) => u.type === 'alert').map((u) => (u as { prompt: string }).prompt).join('\n');
    expect(text).toMatch(/hanya dapat dijalankan oleh pemilik workbook/);
  });
});
