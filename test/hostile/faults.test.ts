/**
 * Hostile catalogue, faults: the mail quota runs out, an execution is cut at its time budget in
 * the middle of a decision, two executions race on one request, the script lock is not obtained,
 * a trigger fires twice, a menu item has no function behind it, and the report folder is deleted.
 * (Secret rotation with links outstanding is in links.test.ts.)
 */
import { decideAs, submitPageForm } from '../integration/helpers';
import { advanceClock, definesFunction, openWorkbook } from '../../sandbox/src/actions';
import { holdLock, releaseHostLocks } from '../../sandbox/src/services/lock';
import { setTrashed } from '../../sandbox/src/services/drive';
import { setMailQuota } from '../../sandbox/src/services/mail';
import { listTriggers } from '../../sandbox/src/services/script';
import {
  api,
  cutPoints,
  journalRow,
  get,
  expectPlainMessage,
  KABAG,
  KASUBBAG,
  latestToken,
  logEntries,
  mails,
  mailsTo,
  pageMessage,
  post,
  postWithBudget,
  records,
  restoreState,
  rowsOf,
  runMenu,
  saveState,
  snapshotWorkbook,
  STAFF,
  submitMay,
  T_MONDAY,
  TAB,
  uiText,
  withoutLog,
  world,
  WEB_APP_URL,
  TabSnapshot,
} from './catalogue';
import { runTrigger } from '../integration/helpers';

describe('faults: the mail quota runs out', () => {
  it('the submission is saved, the mail is queued (Log), the user is told plainly, and the hourly trigger sends it later', () => {
    const sb = world();
    runMenu(sb, 'menuInstallTriggers', KABAG);
    setMailQuota(sb.state, 0);
    const r = submitMay(sb, STAFF);
    expect(r.ok).toBe(true);
    const said = uiText(r);
    expect(records(sb, TAB.konsep).map((x) => x.Status)).toEqual(['Diajukan', 'Diajukan']);
    // A staff execution cannot sign the link: the owner's digest trigger sends the mail.
    expect(said).toMatch(/dikirim oleh pemicu Siaran dalam 10 menit/);
    expectPlainMessage(said.replace(/^Periode yang diajukan.*$/m, ''));
    // The message must not also claim the mail was sent.
    expect(said).not.toMatch(/Email dikirim ke/);
    // The digest trigger finds no quota: the mail waits in the queue, and the Log says why.
    expect(mails(sb)).toHaveLength(0);
    const delayed = logEntries(sb).filter((l) => l.Aksi === 'Email ditunda');
    expect(delayed).toHaveLength(1);
    expect(delayed[0].Detail).toContain('kuota email harian');
    // Next day the quota is back: the hourly trigger sends it, once, and the Log says so.
    setMailQuota(sb.state, 100);
    advanceClock(sb, T_MONDAY + 86400000 + 3600000);
    // The queued request mail goes out once. (Tuesday's 07:00 reminder digest is a different mail:
    // by then the request has waited more than the reminder threshold.)
    expect(mailsTo(sb, KASUBBAG).filter((m) => /Mohon persetujuan/.test(m.subject))).toHaveLength(1);
    expect(logEntries(sb).filter((l) => l.Aksi === 'Email tertunda terkirim')).toHaveLength(1);
    // The link in the late mail works.
    expect(pageMessage(post(sb, { t: latestToken(sb, KASUBBAG), aksi: 'setujui-semua' }, KASUBBAG))).toContain('Keputusan tersimpan');
  });

  it('the quota runs out between a decision and its mails: the decision stands, the mails wait in the queue', () => {
    const sb = world();
    submitMay(sb, STAFF);
    setMailQuota(sb.state, 1);
    const res = post(sb, { t: latestToken(sb, KASUBBAG), 'decision_K-0001': 'approve', 'decision_K-0002': 'revise', 'feedback_K-0002': 'Ubah foto', aksi: 'kirim' }, KASUBBAG);
    expect(pageMessage(res)).toContain('Keputusan tersimpan');
    expect(records(sb, TAB.konsep).map((x) => x.Status)).toEqual(['Diajukan', 'Perlu Revisi']);
    // The decision holds its mails for the owner's digest trigger, which finds the quota spent.
    const sent = mails(sb).length;
    const queued = logEntries(sb).filter((l) => l.Aksi === 'Email ditunda');
    expect(queued.length).toBeGreaterThanOrEqual(1);
    expect(sent + queued.length).toBe(3); // Kasubbag's request, Kabag's request, the outcome to staff
  });
});

/** The decision as the workbook records it: Persetujuan, Konsep Konten and the decision Log lines. */
function decisionState(s: TabSnapshot[]) {
  const log = rowsOf(s, 'Log').filter((l) => /^(Setujui|Minta revisi) \(tingkat|^Status: |^Tingkat \d (selesai|dimulai)/.test(l.Aksi));
  // The decision's instant (ISO, to the ms) depends on how long the run took: the sandbox clock
  // moves with each execution's running time, so a cut-then-repaired run records a later one.
  return JSON.stringify({ pers: rowsOf(s, 'Persetujuan'), konsep: rowsOf(s, 'Konsep Konten'), log: log.map((l) => `${l.Aksi}|${l.Objek}`) }).replace(
    /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g,
    '<instant>',
  ).replace(/\\"mac\\":\\"[0-9a-f]+\\"/g, '<seal over the instant>');
}

describe('faults: an execution is cut at its time budget in the middle of a decision', () => {
  // Apps Script has no transaction across tabs: a cut between two writes always leaves something
  // half-done for a moment. What the product guarantees (SECURITY.md, finding 7) is that the next
  // approval action, or the hourly trigger, finishes or undoes it from the journal (Persetujuan).
  // So each cut is followed by the hourly trigger, and only then is the workbook judged: no trace
  // of the decision or all of it (Persetujuan, items, decision Log lines, and its mail).
  const mailKeys = (sb: ReturnType<typeof world>) => new Set(mails(sb).map((m) => `${m.to.join(',')}|${m.subject}`));
  const mailCounts = (sb: ReturnType<typeof world>) => JSON.stringify(mails(sb).map((m) => `${m.to.join(',')}|${m.subject}`).sort());

  /** May's plan submitted; the Kasubbag's decision form (one approved, one sent back); the state before it. */
  function decisionForm() {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    const form = { t: token, 'decision_K-0001': 'approve', 'decision_K-0002': 'revise', 'feedback_K-0002': 'Perbaiki judul', aksi: 'kirim' };
    return { sb, token, form, saved: saveState(sb) };
  }

  it('at every service call of the decision, the workbook holds either no trace of it or all of it, and each of its mails once, once the next action has run', () => {
    const { sb, token, form, saved } = decisionForm();
    const before = decisionState(snapshotWorkbook(sb));
    const full = postWithBudget(sb, form, KASUBBAG, 6 * 60 * 1000);
    expect(full.ok).toBe(true);
    const after = decisionState(snapshotWorkbook(sb));
    expect(after).not.toBe(before);
    expect(runTrigger(sb, 'triggerHourly', KABAG).ok).toBe(true);
    const fullMails = mailKeys(sb);
    const fullCounts = mailCounts(sb);
    expect(fullMails.size).toBeGreaterThan(1);
    const cuts = cutPoints(full.calls);
    expect(cuts.length).toBeGreaterThan(10);
    const halfWritten: string[] = [];
    let repaired = 0;
    for (const [i, cut] of cuts.entries()) {
      restoreState(sb, saved);
      const r = postWithBudget(sb, form, KASUBBAG, cut.at);
      expect(r.timedOut).toBe(true);
      const cutState = decisionState(snapshotWorkbook(sb));
      // Opening the link now (a mail scanner, the approver) writes and sends nothing, whatever was cut.
      const sentBefore = mails(sb).length;
      const whole = JSON.stringify(snapshotWorkbook(sb));
      get(sb, `${WEB_APP_URL}?t=${encodeURIComponent(token)}`, KASUBBAG);
      if (JSON.stringify(snapshotWorkbook(sb)) !== whole || mails(sb).length !== sentBefore) halfWritten.push(`cut ${i + 1}/${cuts.length} at ${cut.call}: a GET changed the workbook or sent mail`);
      const trig = runTrigger(sb, 'triggerHourly', KABAG);
      expect(trig.ok).toBe(true);
      const now = decisionState(snapshotWorkbook(sb));
      if (now !== cutState) repaired++;
      if (now !== before && now !== after) {
        const s = snapshotWorkbook(sb);
        const pers = rowsOf(s, 'Persetujuan')[0];
        const k = rowsOf(s, 'Konsep Konten').map((x) => x.Status).join('/');
        halfWritten.push(`cut ${i + 1}/${cuts.length} at ${cut.call}: Persetujuan level 1 "${pers.Status}" ${pers.Keputusan.includes('revise') ? 'with' : 'without'} decisions; items ${k}`);
      } else if (now === after) {
        // Nothing lost and nothing twice: the mail the cut run held is held again by the repair,
        // and the trigger sends each mail of the full decision once.
        const got = mailKeys(sb);
        const missing = [...fullMails].filter((m) => !got.has(m));
        if (missing.length) halfWritten.push(`cut ${i + 1}/${cuts.length} at ${cut.call}: mail never sent: ${missing.join('; ')}`);
        else if (mailCounts(sb) !== fullCounts) halfWritten.push(`cut ${i + 1}/${cuts.length} at ${cut.call}: mail sent twice: ${mailCounts(sb)}`);
      }
    }
    restoreState(sb, saved);
    expect(halfWritten).toEqual([]);
    // The repair is exercised: some cuts left a state that only the trigger completed.
    expect(repaired).toBeGreaterThan(0);
  });

  it('a decision cut right after it held its mail: the next digest run finishes it, then sends each mail once', () => {
    const { sb, form, saved } = decisionForm();
    const full = postWithBudget(sb, form, KASUBBAG, 6 * 60 * 1000);
    expect(full.ok).toBe(true);
    const after = decisionState(snapshotWorkbook(sb));
    const fullCounts = mailCounts(sb);
    // The budget ends inside the call after the held mail's setProperties.
    const cuts = cutPoints(full.calls);
    const held = cuts.findIndex((c) => c.call === 'PropertiesService.script.setProperties');
    expect(held).toBeGreaterThan(0);
    restoreState(sb, saved);
    expect(postWithBudget(sb, form, KASUBBAG, cuts[held + 1].at).timedOut).toBe(true);
    expect(journalRow(sb)).toBeDefined();
    // Only the digest trigger (every 10 minutes), not the hourly one.
    expect(runTrigger(sb, 'triggerDigest', KABAG).ok).toBe(true);
    expect(journalRow(sb)).toBeUndefined();
    expect(decisionState(snapshotWorkbook(sb))).toBe(after);
    expect(mailCounts(sb)).toBe(fullCounts);
  });

  it('a submission cut at its time budget leaves either nothing or the whole request, and its mail once, once the next action has run', () => {
    const sb = world();
    const saved = saveState(sb);
    // Link nonces are random per run: compare the requests without them.
    // A new item's blank status is Draf (the owner's hourly pass writes the word).
    const state = (s: TabSnapshot[]) => JSON.stringify({ pers: rowsOf(s, 'Persetujuan').map((r) => ({ ...r, Keputusan: r.Keputusan.replace(/"nonce":"\w+"/, '"nonce":"…"') })), konsep: rowsOf(s, 'Konsep Konten').map((r) => ({ ...r, Status: r.Status || 'Draf' })) });
    const before = state(snapshotWorkbook(sb));
    const full = submitMay(sb, STAFF);
    expect(full.ok).toBe(true);
    const after = state(snapshotWorkbook(sb));
    const cuts = cutPoints(full.calls);
    const halfWritten: string[] = [];
    let repaired = 0;
    for (const cut of cuts) {
      restoreState(sb, saved);
      submitMay(sb, STAFF, cut.at);
      const cutState = state(snapshotWorkbook(sb));
      expect(runTrigger(sb, 'triggerHourly', KABAG).ok).toBe(true);
      const now = state(snapshotWorkbook(sb));
      if (now !== cutState) repaired++;
      if (now !== before && now !== after) halfWritten.push(`cut at ${cut.call}: ${records(sb, TAB.konsep).map((x) => x.Status).join('/')}; ${records(sb, TAB.persetujuan).length} Persetujuan rows`);
      else if (now === after && mailsTo(sb, KASUBBAG).length !== 1) halfWritten.push(`cut at ${cut.call}: submitted, and the Kasubbag gets the request mail ${mailsTo(sb, KASUBBAG).length} times`);
    }
    restoreState(sb, saved);
    expect(halfWritten).toEqual([]);
    expect(repaired).toBeGreaterThan(0);
  });
});

describe('faults: two executions race on one request', () => {
  it('the same decision from the mail link and from the panel is recorded once', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    // The panel's way for the Kasubbag: the review page with a fresh link.
    expect(decideAs(sb, KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }, { itemId: 'K-0002', decision: 'approve' }] }).ok).toBe(true);
    const after = snapshotWorkbook(sb);
    const res = post(sb, { t: token, 'decision_K-0001': 'revise', 'feedback_K-0001': 'balapan', 'decision_K-0002': 'approve', aksi: 'kirim' }, KASUBBAG);
    const msg = pageMessage(res);
    expect(msg).toContain('sudah diputuskan');
    expectPlainMessage(msg);
    expect(snapshotWorkbook(sb)).toEqual(after);
    expect(logEntries(sb).filter((l) => l.Aksi === 'Setujui (tingkat 1)')).toHaveLength(2);
  });

  it('the plan submitted twice (two clicks, two windows) makes one request', () => {
    const sb = world();
    const a = submitMay(sb, STAFF);
    const b = submitMay(sb, STAFF);
    expect(uiText(a)).toContain('P-0001');
    expectPlainMessage(uiText(b).replace(/^Periode yang diajukan.*$/m, ''));
    expect(new Set(records(sb, TAB.persetujuan).map((x) => x['ID Permintaan']))).toEqual(new Set(['P-0001']));
    expect(mails(sb)).toHaveLength(1);
  });
});

describe('faults: the script lock is not obtained', () => {
  it('review page, panel, submission and triggers say "busy" in plain words and change nothing; later it works', () => {
    const sb = world();
    submitMay(sb, STAFF);
    const token = latestToken(sb, KASUBBAG);
    addLater(sb);
    const before = snapshotWorkbook(sb);
    holdLock(sb.state, 'script', T_MONDAY + 10 * 60000, 'another execution');
    const page = pageMessage(post(sb, { t: token, aksi: 'setujui-semua' }, KASUBBAG));
    expect(page).toMatch(/^Sedang sibuk/);
    expectPlainMessage(page);
    const panel = api(sb, 'apiDecide', KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(panel.error?.code).toBe('BUSY');
    expectPlainMessage(panel.error?.message);
    // Her check needs no lock (it writes nothing); the submission page's POST is what waits for it.
    const check = api<{ pageUrl?: string }>(sb, 'apiSubmitConcept', STAFF, { period: '2026-06' });
    expect(check.value?.pageUrl).toBeDefined();
    const form = submitPageForm(get(sb, check.value?.pageUrl ?? '', STAFF).body);
    const submit = pageMessage(post(sb, form ?? {}, STAFF));
    expect(submit).toMatch(/^Sedang sibuk/);
    expectPlainMessage(submit);
    const trig = runTrigger(sb, 'triggerHourly', KABAG);
    expect(trig.ok).toBe(true);
    expect(snapshotWorkbook(sb)).toEqual(before);
    releaseHostLocks(sb.state);
    expect(pageMessage(post(sb, { t: token, aksi: 'setujui-semua' }, KASUBBAG))).toContain('Keputusan tersimpan');
  });
});

/** A June plan row, so a second submission has something to submit. */
function addLater(sb: ReturnType<typeof world>): void {
  api(sb, 'apiSaveConcept', STAFF, { period: '2026-06', date: '2026-06-10', activity: 'Juni', category: '', platforms: ['Instagram'], pic: STAFF, description: '' });
}

describe('faults: a trigger fires twice', () => {
  it('installing the triggers twice makes no duplicates', () => {
    const sb = world({ concepts: 0 });
    runMenu(sb, 'menuInstallTriggers', KABAG);
    const second = runMenu(sb, 'menuInstallTriggers', KABAG);
    expect(listTriggers(sb.state).map((t) => t.handler).sort()).toEqual(['triggerDaily', 'triggerDigest', 'triggerHourly']);
    expectPlainMessage(uiText(second));
  });

  it('the daily trigger run twice sends one digest per person per day, and the Log shows one reminder', () => {
    const sb = world();
    submitMay(sb, STAFF);
    // Tuesday 07:15 WIB: the request has waited more than the reminder threshold.
    sb.setClock(Date.UTC(2026, 3, 7, 0, 15));
    const first = runTrigger(sb, 'triggerDaily', KABAG);
    const second = runTrigger(sb, 'triggerDaily', KABAG);
    expect(first.ok && second.ok).toBe(true);
    const digests = mailsTo(sb, KASUBBAG).filter((m) => /Pengingat/.test(m.subject));
    expect(digests).toHaveLength(1);
    expect(logEntries(sb).filter((l) => l.Aksi === 'Pengingat harian' && l.Objek === KASUBBAG)).toHaveLength(1);
  });

  it('the hourly trigger run twice sends each queued mail once', () => {
    const sb = world();
    setMailQuota(sb.state, 0);
    submitMay(sb, STAFF);
    // The owner's digest trigger runs while the quota is out: the mail goes to the queue.
    expect(mails(sb)).toHaveLength(0);
    setMailQuota(sb.state, 100);
    sb.setClock(T_MONDAY + 86400000);
    runTrigger(sb, 'triggerHourly', KABAG);
    runTrigger(sb, 'triggerHourly', KABAG);
    expect(mailsTo(sb, KASUBBAG)).toHaveLength(1);
    expect(logEntries(sb).filter((l) => l.Aksi === 'Email tertunda terkirim')).toHaveLength(1);
  });
});

describe('faults: menu items and the report folder', () => {
  it('every item of the Siaran menu has a function behind it (a careless click never meets "function not found")', () => {
    const sb = world({ concepts: 0 });
    const menus = openWorkbook(sb, KABAG).menus;
    const items = menus.flatMap((m) => m.items).filter((x): x is { caption: string; functionName: string } => 'functionName' in x);
    expect(items.length).toBeGreaterThan(5);
    const missing = items.filter((i) => !definesFunction(sb, i.functionName)).map((i) => `${i.caption} → ${i.functionName}`);
    expect(missing).toEqual([]);
  });

  it('the report folder is deleted: a plain message or a new folder; no data lost', () => {
    const sb = world();
    // The report menu must exist: without it this test fails instead of skipping quietly.
    expect(definesFunction(sb, 'menuBuildReport')).toBe(true);
    const r1 = runMenu(sb, 'menuBuildReport', KABAG, [{ button: 'OK', text: '2026-04' }, { button: 'OK' }, { button: 'OK' }]);
    expect(r1.ok).toBe(true);
    const folderId = records(sb, 'Pengaturan').find((x) => x.Kunci === 'folder_laporan')?.Nilai ?? '';
    expect(folderId).not.toBe('');
    // Moved to the trash by hand, in Drive.
    expect(setTrashed(sb.state, folderId, true)).toBe(true);
    const before = withoutLog(snapshotWorkbook(sb));
    const r2 = runMenu(sb, 'menuBuildReport', KABAG, [{ button: 'OK', text: '2026-04' }, { button: 'OK' }, { button: 'OK' }]);
    expect(r2.ok).toBe(true);
    expectPlainMessage(uiText(r2));
    const after = withoutLog(snapshotWorkbook(sb));
    for (const t of before) expect(after.find((x) => x.name === t.name)?.rows.length).toBeGreaterThanOrEqual(t.rows.length);
  });
});

void KABAG;

describe('faults: a cut action seen from a head who is not the owner', () => {
  it("a submission cut after its journal was written: the Kasubbag's panel still lists what waits (her execution cannot repair the owner's record), and the owner's next run finishes it", () => {
    const sb = world();
    const saved = saveState(sb);
    const full = submitMay(sb, STAFF);
    expect(full.ok).toBe(true);
    let journaled = false;
    for (const cut of cutPoints(full.calls)) {
      restoreState(sb, saved);
      submitMay(sb, STAFF, cut.at);
      if (journalRow(sb)) {
        journaled = true;
        break;
      }
    }
    expect(journaled).toBe(true);
    const panel = api<unknown[]>(sb, 'apiPendingDecisions', KASUBBAG, {});
    expect(panel.ok).toBe(true);
    // Her decision call from the panel does not start the repair in her execution either: no Log
    // line or mail is held in her name, and she is answered in plain words.
    const props = () => JSON.stringify((sb.state.services.properties as { script?: Record<string, string> } | undefined)?.script ?? {});
    const held = props();
    const decided = api<unknown>(sb, 'apiDecide', KASUBBAG, { requestId: 'P-0001', decisions: [{ itemId: 'K-0001', decision: 'approve' }] });
    expect(decided.ok).toBe(false);
    expect(decided.error?.code).not.toBe('INTERNAL');
    expect(props()).toBe(held);
    expect(journalRow(sb)).toBeDefined();
    expect(runTrigger(sb, 'triggerHourly', KABAG).ok).toBe(true);
    expect(journalRow(sb)).toBeUndefined();
    expect(records(sb, TAB.konsep).map((x) => x.Status)).toEqual(['Diajukan', 'Diajukan']);
  });
});
