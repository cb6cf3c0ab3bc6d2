/**
 * One digest for the heads: plan and design submissions close together (Pengaturan
 * jeda_ringkasan_menit, default 30) reach each approver as one mail at the end of the window,
 * sent by the installer's own triggerDigest (every 10 minutes) on the sandbox clock; a submission
 * marked Mendesak is mailed at once, with MENDESAK in the subject and on the review page. Two
 * executions racing (two submissions; a submission and the digest) neither lose a held mail nor
 * send one twice.
 */
import { parse } from 'node-html-parser';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { advanceClock } from '../../sandbox/src/actions';
import * as script from '../../sandbox/src/services/script';
import { webAppRequest } from '../../sandbox/src/webapp';
import {
  addConcepts,
  addDesign,
  addPeople,
  addStrategy,
  decideAs,
  deliverHeld,
  KABAG,
  KASUBBAG,
  mailsTo,
  menu,
  MONDAY_0900,
  newWorkbook,
  records,
  reviewLink,
  setSetting,
  shown,
  STAFF,
  STAFF2,
  TAB,
  viaSubmitPage,
  submitPostJob,
  requestIds,
} from './helpers';
import type { SentMail } from '../../sandbox/src/services/mail';

function api<T = unknown>(sb: Sandbox, fn: string, user: string, arg: unknown): { ok: boolean; value?: T; error?: { code: string; message: string } } {
  const r = sb.run(fn, { kind: 'scriptRun', user, args: [arg] });
  if (!r.ok) throw new Error(`${fn} threw: ${r.error?.message}`);
  // A staff member's submission goes on through the submission page (the owner's web app).
  return viaSubmitPage(sb, user, JSON.parse(JSON.stringify(r.value))) as never;
}

const MIN = 60000;
const requestMails = (sb: Sandbox, to: string) => mailsTo(sb, to).filter((m) => /Mohon persetujuan/.test(m.subject));
const text = (html: string) => parse(html).textContent.replace(/\s+/g, ' ');

/** How many request mails to `to` name request `id` (in the subject; a digest lists every id). */
function timesMailed(sb: Sandbox, to: string, id: string): number {
  return requestMails(sb, to).filter((m: SentMail) => new RegExp(`\\b${id}\\b`).test(m.subject)).length;
}

/**
 * Five approved plan items with one Instagram design each (D-0001..D-0005), the triggers
 * installed by the Kabag (the owner), and the digest window at its default (30 minutes).
 */
function fiveDesigns(): Sandbox {
  const sb = newWorkbook();
  addPeople(sb);
  menu(sb, 'menuInstallTriggers', KABAG);
  addStrategy(sb, '2026-05');
  addConcepts(sb, '2026-05', 5, () => ({ Platform: 'Instagram' }));
  const ids = ['K-0001', 'K-0002', 'K-0003', 'K-0004', 'K-0005'];
  expect(api(sb, 'apiSubmitConcept', STAFF, { period: '2026-05' }).ok).toBe(true);
  // The owner's digest trigger sends the plan's request mail (a staff execution cannot sign it).
  deliverHeld(sb);
  for (const who of [KASUBBAG, KABAG]) decideAs(sb, who, { requestId: 'P-0001', decisions: ids.map((itemId) => ({ itemId, decision: 'approve' })) });
  for (const k of ids) addDesign(sb, { konsep: k, platform: 'Instagram', naskah: `Keterangan untuk ${k}. #MKRI` });
  expect(records(sb, TAB.desain)).toHaveLength(5);
  setSetting(sb, 'jeda_ringkasan_menit', '30');
  // The result mail of the plan's decisions goes out with the owner's next digest run.
  deliverHeld(sb);
  expect(script.listTriggers(sb.state).map((t) => t.handler).sort()).toEqual(['triggerDaily', 'triggerDigest', 'triggerHourly']);
  return sb;
}

describe('the digest window', () => {
  it('five designs submitted within the window reach each head as one mail, sent by the owner\'s trigger', () => {
    const sb = fiveDesigns();
    const before = requestMails(sb, KASUBBAG).length;
    const t0 = MONDAY_0900 + 60 * MIN;
    for (let i = 0; i < 5; i++) {
      sb.setClock(t0 + i * 5 * MIN);
      const r = api<{ message: string; requestId: string }>(sb, 'apiSubmitDesigns', STAFF, { ids: [`D-000${i + 1}`] });
      expect(r.ok).toBe(true);
      expect(r.value?.message).toContain('dikirim dalam satu ringkasan');
    }
    // 20 minutes in: nothing yet.
    expect(requestMails(sb, KASUBBAG)).toHaveLength(before);
    // The window of the first ends at t0 + 30 min: the Kabag's digest trigger sends one mail.
    const fired = advanceClock(sb, t0 + 45 * MIN);
    const digestRuns = fired.fired.filter((f) => f.handler === 'triggerDigest');
    expect(digestRuns.length).toBeGreaterThan(0);
    const sub = requestMails(sb, KASUBBAG).slice(before);
    expect(sub).toHaveLength(1);
    expect(sub[0].subject).toBe('[Siaran] Mohon persetujuan: 5 permintaan (5 item) – P-0002, P-0003, P-0004, P-0005, P-0006');
    expect(sub[0].text.startsWith('Yth. Bapak/Ibu Kasubbag Humas,')).toBe(true);
    // Each request keeps its own review link.
    expect((sub[0].html ?? '').match(/exec\?t=/g)).toHaveLength(5);
    expect(requestMails(sb, KABAG).filter((m) => /P-000[2-6]/.test(m.subject))).toHaveLength(0);

    // The Kasubbag decides the five, a few minutes apart: the Kabag gets one mail too.
    for (let i = 0; i < 5; i++) {
      sb.setClock(t0 + 50 * MIN + i * 3 * MIN);
      expect(decideAs(sb, KASUBBAG, { requestId: `P-000${i + 2}`, decisions: [{ itemId: `D-000${i + 1}`, decision: 'approve' }] }).ok).toBe(true);
    }
    expect(requestMails(sb, KABAG).filter((m) => /P-000[2-6]/.test(m.subject))).toHaveLength(0);
    advanceClock(sb, t0 + 120 * MIN);
    const head = requestMails(sb, KABAG).filter((m) => /P-000[2-6]/.test(m.subject));
    expect(head).toHaveLength(1);
    expect(head[0].subject).toContain('5 permintaan');
    expect(requestMails(sb, KASUBBAG).slice(before)).toHaveLength(1);
  });

  it('a plan submission joins the same digest as the designs', () => {
    const sb = fiveDesigns();
    addConcepts(sb, '2026-06', 2);
    const before = requestMails(sb, KASUBBAG).length;
    const t0 = MONDAY_0900 + 60 * MIN;
    sb.setClock(t0);
    const plan = api<{ message: string; requestId: string }>(sb, 'apiSubmitConcept', STAFF, { period: '2026-06' });
    expect(plan.value?.requestId).toBe('P-0002');
    expect(plan.value?.message).toContain('Email untuk Kasubbag Humas dikirim dalam satu ringkasan bersama pengajuan lain, sekitar 30 menit lagi.');
    sb.setClock(t0 + 10 * MIN);
    expect(api<{ requestId: string }>(sb, 'apiSubmitDesigns', STAFF2, { ids: ['D-0001', 'D-0002'] }).value?.requestId).toBe('P-0003');
    expect(requestMails(sb, KASUBBAG)).toHaveLength(before);
    const log = records(sb, TAB.log).filter((r) => r.Aksi === 'Email digabung');
    expect(log.map((r) => [r.Langkah, r.Objek])).toEqual([
      ['3', `P-0002 → ${KASUBBAG}`],
      ['5', `P-0003 → ${KASUBBAG}`],
    ]);
    advanceClock(sb, t0 + 45 * MIN);
    const got = requestMails(sb, KASUBBAG).slice(before);
    expect(got).toHaveLength(1);
    expect(got[0].subject).toBe('[Siaran] Mohon persetujuan: 2 permintaan (4 item) – P-0002, P-0003');
    expect(got[0].text).toContain('== P-0002 – konsep konten Juni 2026 ==');
    expect(got[0].text).toContain('== P-0003 – desain konten Mei 2026 ==');
    const sent = records(sb, TAB.log).filter((r) => r.Aksi === 'Email ringkasan terkirim');
    expect(sent.map((r) => r.Langkah)).toEqual(['3, 5']);
  });

  it('designs of two months submitted together make two requests, each named for its month, in one digest per head', () => {
    const sb = fiveDesigns();
    addConcepts(sb, '2026-06', 1, () => ({ Platform: 'Instagram' }));
    api(sb, 'apiSubmitConcept', STAFF, { period: '2026-06', urgent: true });
    for (const who of [KASUBBAG, KABAG]) decideAs(sb, who, { requestId: 'P-0002', decisions: [{ itemId: 'K-0006', decision: 'approve' }] });
    addDesign(sb, { konsep: 'K-0006', platform: 'Instagram', naskah: 'Keterangan Juni. #MKRI' });
    const before = requestMails(sb, KASUBBAG).length;
    const t0 = sb.state.clockMs;
    const r = api<{ requests: Array<{ requestId: string; period: string; items: string[] }>; message: string }>(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0006', 'D-0001'] });
    expect(r.value?.requests).toEqual([
      { requestId: 'P-0003', period: '2026-05', items: ['D-0001'] },
      { requestId: 'P-0004', period: '2026-06', items: ['D-0006'] },
    ]);
    expect(r.value?.message).toContain('1 desain Mei 2026 diajukan (P-0003). 1 desain Juni 2026 diajukan (P-0004).');
    advanceClock(sb, t0 + 45 * MIN);
    const got = requestMails(sb, KASUBBAG).slice(before);
    expect(got.map((m) => m.subject)).toEqual(['[Siaran] Mohon persetujuan: 2 permintaan (2 item) – P-0003, P-0004']);
    expect(got[0].text).toContain('== P-0003 – desain konten Mei 2026 ==');
    expect(got[0].text).toContain('== P-0004 – desain konten Juni 2026 ==');
    // Each request's own page names its month.
    const links = (got[0].html ?? '').match(/href="([^"]+exec\?t=[^"]+)"/g)!.map((h) => h.slice(6, -1).replace(/&amp;/g, '&'));
    expect(links).toHaveLength(2);
    const headings = links.map((l) => parse(webAppRequest(sb, { method: 'GET', url: l, user: KASUBBAG }).body).querySelector('h1')?.textContent);
    expect(headings).toEqual(['Persetujuan desain konten Mei 2026', 'Persetujuan desain konten Juni 2026']);
  });

  it("a plan marked Mendesak is mailed by the owner's next digest run (not held for the window), with MENDESAK in the subject, the mail and the review page", () => {
    const sb = fiveDesigns();
    addConcepts(sb, '2026-06', 2);
    const r = api<{ message: string }>(sb, 'apiSubmitConcept', STAFF, { period: '2026-06', urgent: true });
    // Only the owner's executions sign links: the owner's digest trigger sends it, on its own.
    expect(r.value?.message).toContain('Email mendesak untuk Kasubbag Humas dikirim oleh pemicu Siaran dalam 10 menit');
    expect(r.value?.message).not.toContain('ringkasan');
    const m = requestMails(sb, KASUBBAG).pop()!;
    expect(m.subject).toBe('[Siaran] MENDESAK – Mohon persetujuan konsep konten Juni 2026 (2 item) – P-0002');
    expect(m.text).toContain('MENDESAK: Staf PNS menandai pengajuan ini mendesak');
    expect(text(m.html ?? '')).toContain('MENDESAK: Staf PNS menandai pengajuan ini mendesak');
    const page = parse(webAppRequest(sb, { method: 'GET', url: reviewLink(m), user: KASUBBAG }).body);
    expect(page.querySelector('title')?.textContent).toBe('MENDESAK – Peninjauan P-0002');
    expect(page.querySelector('h1 .urgent-tag')?.textContent).toBe('MENDESAK');
    expect(page.querySelector('p.urgent')?.textContent).toContain('Mohon diputuskan secepatnya.');
    // The panel shows it too, and the Log says it.
    const pending = api<Array<{ requestId: string; urgent?: boolean }>>(sb, 'apiPendingDecisions', KASUBBAG, {}).value!;
    expect(pending.find((p) => p.requestId === 'P-0002')?.urgent).toBe(true);
    expect(records(sb, TAB.log).find((x) => x.Aksi === 'Permintaan persetujuan dibuat' && x.Objek === 'P-0002')?.Detail).toContain('MENDESAK');
    // The next level's mail is urgent too: the Kasubbag approves, the Kabag is mailed at once.
    decideAs(sb, KASUBBAG, { requestId: 'P-0002', decisions: [{ itemId: 'K-0006', decision: 'approve' }, { itemId: 'K-0007', decision: 'approve' }] });
    const head = requestMails(sb, KABAG).pop()!;
    expect(head.subject).toBe('[Siaran] MENDESAK – Mohon persetujuan konsep konten Juni 2026 (2 item) – P-0002');
    // An ordinary request is not marked.
    api(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0001'], urgent: true });
    expect(requestMails(sb, KASUBBAG).pop()!.subject).toBe('[Siaran] MENDESAK – Mohon persetujuan desain konten Mei 2026 (1 item) – P-0003');
    advanceClock(sb, sb.state.clockMs + 60 * MIN);
    expect(timesMailed(sb, KASUBBAG, 'P-0003')).toBe(1);
  });

  it("the menu asks Mendesak?; yes mails at the owner's next digest run, no holds for the digest window", () => {
    const sb = fiveDesigns();
    addConcepts(sb, '2026-06', 1);
    addConcepts(sb, '2026-07', 1);
    const before = requestMails(sb, KASUBBAG).length;
    const yes = menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-06' }, { button: 'YES' }, { button: 'OK' }]);
    expect(shown(yes)).toContain('Tandai pengajuan ini MENDESAK?');
    expect(requestMails(sb, KASUBBAG).slice(before).map((m) => m.subject)).toEqual(['[Siaran] MENDESAK – Mohon persetujuan konsep konten Juni 2026 (1 item) – P-0002']);
    menu(sb, 'menuSubmitConcept', STAFF, [{ button: 'OK', text: '2026-07' }, { button: 'NO' }, { button: 'OK' }]);
    expect(requestMails(sb, KASUBBAG).slice(before)).toHaveLength(1);
    // Designs: select nothing, month 2026-05, confirm, then Mendesak? yes.
    const d = menu(sb, 'menuSubmitDesigns', STAFF, [{ button: 'OK', text: '2026-05' }, { button: 'YES' }, { button: 'YES' }]);
    expect(shown(d)).toContain('Tandai pengajuan ini MENDESAK?');
    expect(requestMails(sb, KASUBBAG).pop()!.subject).toMatch(/^\[Siaran\] MENDESAK – Mohon persetujuan desain konten Mei 2026 \(5 item\) – P-0004$/);
    advanceClock(sb, sb.state.clockMs + 60 * MIN);
    expect(timesMailed(sb, KASUBBAG, 'P-0003')).toBe(1);
    expect(timesMailed(sb, KASUBBAG, 'P-0004')).toBe(1);
  });

  it('triggerDigest runs only as its installer\'s trigger', () => {
    const sb = fiveDesigns();
    sb.setClock(MONDAY_0900 + 60 * MIN);
    api(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0001'] });
    sb.setClock(MONDAY_0900 + 120 * MIN);
    // A staff member calls it through google.script.run, and the owner from the editor: nothing goes out.
    for (const user of [STAFF, KABAG]) {
      const r = sb.run('triggerDigest', { kind: 'scriptRun', user, args: [] });
      expect(r.ok).toBe(true);
    }
    expect(timesMailed(sb, KASUBBAG, 'P-0002')).toBe(0);
    expect(records(sb, TAB.log).filter((r) => r.Aksi === 'Pemicu ditolak' && r.Objek === 'triggerDigest')).toHaveLength(2);
    // The staff member's own trigger for it is not the installer's either... it runs as them, but
    // the held mail stays for the owner's trigger: submissions never create triggers.
    expect(script.listTriggers(sb.state).filter((t) => t.owner.toLowerCase() !== KABAG)).toHaveLength(0);
    advanceClock(sb, MONDAY_0900 + 135 * MIN);
    expect(timesMailed(sb, KASUBBAG, 'P-0002')).toBe(1);
  });
});

describe('two executions at once', () => {
  // One sandbox (its worker threads start once); every seed starts from the same saved state.
  let sb: Sandbox;
  let start = '';
  beforeAll(() => {
    sb = fiveDesigns();
    sb.setClock(MONDAY_0900 + 60 * MIN);
    start = JSON.stringify(sb.state);
  });
  afterAll(() => sb.close());
  const fresh = (): Sandbox => {
    sb.state = JSON.parse(start) as Sandbox['state'];
    sb.save();
    return sb;
  };
  // Each concurrent run hands the whole state between workers at every service call (about 10 s
  // here), so two seeds each.
  const SEEDS = [1, 2];

  it('two submissions racing are both held, then mailed once together', () => {
    for (const seed of SEEDS) {
      const sb = fresh();
      const t0 = sb.state.clockMs;
      // Each presses Ajukan on her submission page at the same time (the owner's web app, twice at once).
      const run = sb.runConcurrent([submitPostJob(sb, STAFF, 'apiSubmitDesigns', { ids: ['D-0001'] }), submitPostJob(sb, STAFF2, 'apiSubmitDesigns', { ids: ['D-0002'] })], { seed });
      expect(run.results.every((r) => r.ok)).toBe(true);
      expect(requestIds(sb)).toEqual(['P-0001', 'P-0002', 'P-0003']);
      const by = records(sb, TAB.persetujuan).filter((x) => x['ID Permintaan'] !== 'P-0001');
      expect([...new Set(by.map((x) => `${x.Objek}:${x['Diajukan Oleh']}`))].sort()).toEqual([`D-0001 v1:${STAFF}`, `D-0002 v1:${STAFF2}`]);
      expect(requestMails(sb, KASUBBAG).filter((m) => /P-000[23]/.test(m.subject))).toHaveLength(0);
      advanceClock(sb, t0 + 60 * MIN);
      const got = requestMails(sb, KASUBBAG).filter((m) => /P-000[23]/.test(m.subject));
      expect(got.map((m) => m.subject)).toEqual(['[Siaran] Mohon persetujuan: 2 permintaan (2 item) – P-0002, P-0003']);
    }
  });

  it('a submission racing the digest trigger is neither lost nor sent twice', () => {
    for (const seed of SEEDS) {
      const sb = fresh();
      const t0 = sb.state.clockMs;
      api(sb, 'apiSubmitDesigns', STAFF, { ids: ['D-0001'] });
      // Past the first one's window; the Kabag's digest trigger fires while another submission runs.
      sb.setClock(t0 + 31 * MIN);
      const trigger = script.listTriggers(sb.state).find((t) => t.handler === 'triggerDigest')!;
      const event = script.clockEvent(sb.state.clockMs, sb.timeZone, trigger.uid);
      const run = sb.runConcurrent([{ functionName: 'triggerDigest', kind: 'trigger', user: KABAG, effectiveUser: KABAG, args: [event] }, submitPostJob(sb, STAFF2, 'apiSubmitDesigns', { ids: ['D-0002'] })], { seed });
      expect(run.results.every((r) => r.ok)).toBe(true);
      expect(requestIds(sb)).toContain('P-0003');
      expect(timesMailed(sb, KASUBBAG, 'P-0002')).toBe(1);
      advanceClock(sb, t0 + 120 * MIN);
      expect(timesMailed(sb, KASUBBAG, 'P-0002')).toBe(1);
      expect(timesMailed(sb, KASUBBAG, 'P-0003')).toBe(1);
      expect(script.listTriggers(sb.state)).toHaveLength(3);
    }
  });
});
