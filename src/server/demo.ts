/**
 * "Muat data demo": a realistic month of the Court's PR work, made by running Siaran's own actions
 * (submit, decide, resubmit) as each person at plausible times, so every record (Persetujuan, Log,
 * working-minute SLA) is exactly what real use would leave. Only for an empty plan: it refuses
 * a workbook that already has content.
 */
import { Workbook, Cell } from '../adapters/workbook';
import { DEMO_PEOPLE, demoConcepts, demoCopy, demoStrategy, rng } from '../core/demo';
import { defineMessages, tr } from '../core/i18n';
import { SiaranError } from '../core/errors';
import { localDateTime, defaultCalendar } from '../core/calendar';
import { previousPeriod, nextPeriod, periodOf } from '../core/sop';
import { buildCtx, commit, Ctx, userText, addLog } from './context';
import { setupWorkbook } from './setup';
import { doSubmitConcept, doSubmitDesigns } from './approvals/api';
import { decide, finishDecision } from './approvals/decide';
import { loadRequests } from './approvals/store';
import { mailEnv } from './approvals/env';
import { flushHeld } from './approvals/mailq';
import type { DecisionInput } from '../core/approval';
import { startBuild } from './report/build';
import { Platform } from '../core/platforms';

export const DEMO_MESSAGES = defineMessages({
  refused: {
    id: 'Data demo hanya dapat dimuat ke workbook yang belum berisi konsep konten. Workbook ini sudah berisi {n} baris konsep; tidak ada yang diubah.',
    en: 'Demo data can only be loaded into a workbook with no content plan yet. This one has {n} plan rows; nothing was changed.',
  },
  done: {
    id: 'Data demo dimuat: {people} orang, konsep {prev} ({a} item, terbit, ber-insight, laporannya di Drive) dan {next} ({b} item, sedang ditinjau).',
    en: 'Demo data loaded: {people} people, plan for {prev} ({a} items, published with insights, report in Drive) and {next} ({b} items, under review).',
  },
});

const KABAG = DEMO_PEOPLE[0].email;
const KASUBBAG = DEMO_PEOPLE[1].email;
const CAL = defaultCalendar();

/** An instant at a wall-clock time (WIB) on a day of a period. */
function at(period: string, day: number, hhmm: string): number {
  const [y, m] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.max(1, Math.min(day, last));
  return localDateTime(CAL, `${period}-${String(d).padStart(2, '0')}`, hhmm);
}

function as(ss: Workbook, email: string, now: number): Ctx {
  return buildCtx(ss.reopen(), email, now);
}

/** Runs one action as a person at a time, and commits it. */
function act<T>(ss: Workbook, email: string, now: number, fn: (ctx: Ctx) => T): T {
  const ctx = as(ss, email, now);
  const out = fn(ctx);
  commit(ctx);
  return out;
}

function decideAll(ss: Workbook, requestId: string, level: number, approver: string, now: number, revise: Record<string, string> = {}): void {
  act(ss, approver, now, (ctx) => {
    const req = loadRequests(ctx).find((r) => r.id === requestId);
    if (!req) return;
    const decisions: DecisionInput[] = req.items.map((i) => (revise[i.id] ? { itemId: i.id, decision: 'revise', feedback: revise[i.id] } : { itemId: i.id, decision: 'approve' }));
    const out = decide(ctx, { requestId, level, approver, decisions, via: level === 1 ? 'panel' : 'tautan' });
    if (out.result.applied.length) finishDecision(ctx, mailEnv(), out);
  });
  deliver(ss, now);
}

/**
 * The owner's digest trigger, run right after a demo action: the mail the action held goes out
 * (only the owner's executions sign links; run by anyone else, the mail waits for the real trigger).
 */
function deliver(ss: Workbook, now: number): void {
  act(ss, KABAG, now, (ctx) => {
    const env = mailEnv({ trigger: true });
    if (env.sendNow) flushHeld(ctx, env, true);
  });
}

export function loadDemo(ss: Workbook, runner: string, nowMs: number): string {
  const wb0 = ss.reopen();
  if (wb0.sheet('konsep')) {
    const t = wb0.table('konsep', { lenient: true });
    if (t.size > 0) throw new SiaranError('CONFLICT', DEMO_MESSAGES.refused, { n: t.size });
  }
  setupWorkbook(ss, '', 'id');

  const current = periodOf(nowMs);
  const prev = previousPeriod(current);
  const next = nextPeriod(current);
  const today = Number(new Date(nowMs + 7 * 3600000).getUTCDate());

  // People (the runner keeps access: if not one of the demo people, they join as Kasubbag's staff).
  act(ss, runner, nowMs, (ctx) => {
    const people = ctx.wb.table('pengguna');
    const have = new Set(people.rows.map((r) => String(r[people.col.email]).toLowerCase()));
    for (const p of DEMO_PEOPLE) {
      if (have.has(p.email)) continue;
      people.append({ email: p.email, nama: p.name, peran: p.role, jabatan: p.position, nip: p.nip ? `'${p.nip}` : '' });
    }
    if (runner && !have.has(runner.toLowerCase()) && !DEMO_PEOPLE.some((p) => p.email === runner)) {
      people.append({ email: runner, nama: runner.split('@')[0], peran: 'PNS', jabatan: 'Pengelola workbook (demo)' });
    }
    addLog(ctx, '—', 'Muat data demo', ss.name(), `Periode ${current} dan ${next}`);
  });

  // Step 1: the Kabag's strategy for this month (written last month) and the next.
  for (const [period, when] of [
    [current, at(prev, 20, '10:00')],
    [next, at(current, Math.min(today - 3, 18), '10:00')],
  ] as const) {
    act(ss, KABAG, when, (ctx) => {
      const t = ctx.wb.table('strategi');
      for (const s of demoStrategy(period)) {
        t.append({
          periode: `'${period}`,
          platform: s.platform,
          arahan: userText(s.directions),
          analisisMedia: 'https://drive.google.com/file/d/demo-analisis-media/view',
          diseminasiPerkara: 'https://drive.google.com/file/d/demo-diseminasi-perkara/view',
          auditKehumasan: 'https://drive.google.com/file/d/demo-audit-kehumasan/view',
          referensi: 'https://www.mkri.id',
          disusunOleh: KABAG,
          tanggal: new Date(when),
        });
      }
      addLog(ctx, '1', 'Tulis strategi', `Strategi ${period}`, `${demoStrategy(period).length} arahan platform`);
    });
  }

  // Step 2 for this month: the plan, drafted and submitted last month.
  const thisPlan = demoConcepts(current, 20, 11);
  const thisIds = writeConcepts(ss, current, thisPlan, at(prev, 21, '09:00'));
  // Step 3: Kasubbag approves most and sends three back; Kabag approves the rest next morning.
  doAs(ss, DEMO_PEOPLE[2].email, at(prev, 21, '10:15'), (ctx) => doSubmitConcept(ctx, current));
  let reqs = requestsOf(ss);
  const r1 = reqs[reqs.length - 1];
  decideAll(ss, r1, 1, KASUBBAG, at(prev, 21, '13:40'), {
    [thisIds[2]]: 'Tambahkan nomor perkara dan jadwal sidang lengkap.',
    [thisIds[7]]: 'Sasaran audiens kurang jelas; fokuskan ke mahasiswa hukum.',
    [thisIds[12]]: 'Gabungkan dengan infografis putusan pada hari yang sama.',
  });
  decideAll(ss, r1, 2, KABAG, at(prev, 22, '08:20'));
  // The team revises the three and resubmits; both heads approve.
  act(ss, DEMO_PEOPLE[2].email, at(prev, 22, '10:00'), (ctx) => {
    const t = ctx.wb.table('konsep');
    for (const id of [thisIds[2], thisIds[7], thisIds[12]]) {
      const i = t.find('id', id);
      if (i >= 0) t.set(i, 'deskripsi', userText(`${t.text(i, 'deskripsi')} (direvisi sesuai masukan)`));
    }
  });
  doAs(ss, DEMO_PEOPLE[2].email, at(prev, 22, '10:30'), (ctx) => doSubmitConcept(ctx, current));
  reqs = requestsOf(ss);
  const r2 = reqs[reqs.length - 1];
  decideAll(ss, r2, 1, KASUBBAG, at(prev, 22, '14:05'));
  decideAll(ss, r2, 2, KABAG, at(prev, 23, '09:10'));

  // Step 4-5 for this month: designs per platform; items planned before today are final and published.
  const designIds = writeDesigns(ss, thisPlan, thisIds, at(prev, 26, '09:00'));
  const byPic = new Map<string, string[]>();
  for (const d of designIds) {
    if (d.day > today + 3) continue; // later items: still drafts
    const list = byPic.get(d.pic) ?? [];
    list.push(d.id);
    byPic.set(d.pic, list);
  }
  let hour = 9;
  const revised: string[] = [];
  for (const [pic, ids] of byPic) {
    doAs(ss, pic, at(prev, 27, `${String(hour).padStart(2, '0')}:00`), (ctx) => doSubmitDesigns(ctx, ids));
    const rid = requestsOf(ss).slice(-1)[0];
    const sendBack = ids.length > 3 ? { [ids[1]]: 'Logo MK terpotong di versi 4:5; sesuaikan tata letak.' } : {};
    revised.push(...Object.keys(sendBack));
    decideAll(ss, rid, 1, KASUBBAG, at(prev, 27, `${String(hour + 2).padStart(2, '0')}:30`), sendBack);
    decideAll(ss, rid, 2, KABAG, at(prev, 28, `${String(Math.min(hour + 1, 15)).padStart(2, '0')}:15`));
    hour = Math.min(hour + 1, 13);
  }
  // Revised designs: fixed and resubmitted, then approved.
  if (revised.length) {
    const pic = designIds.find((d) => d.id === revised[0])!.pic;
    const mine = revised.filter((id) => designIds.find((d) => d.id === id)!.pic === pic);
    doAs(ss, pic, at(current, 1, '09:30'), (ctx) => doSubmitDesigns(ctx, mine));
    const rid = requestsOf(ss).slice(-1)[0];
    decideAll(ss, rid, 1, KASUBBAG, at(current, 1, '11:00'));
    decideAll(ss, rid, 2, KABAG, at(current, 1, '15:10'));
  }

  // Step 6: publications of final designs planned up to today, and insights.
  writePublicationsAndInsights(ss, current, prev, designIds, today, nowMs);

  // Next month: the plan was submitted two working days ago; the Kasubbag has decided, the Kabag not yet.
  const nextPlan = demoConcepts(next, 18, 23);
  const submitDay = Math.max(1, today - 2);
  const nextIds = writeConcepts(ss, next, nextPlan, at(current, submitDay, '08:30'));
  doAs(ss, DEMO_PEOPLE[3].email, at(current, submitDay, '09:45'), (ctx) => doSubmitConcept(ctx, next));
  const r3 = requestsOf(ss).slice(-1)[0];
  decideAll(ss, r3, 1, KASUBBAG, at(current, submitDay, '14:20'), {
    [nextIds[4]]: 'Jadwal bimtek belum pasti; konfirmasi dengan Pusdik terlebih dahulu.',
    [nextIds[9]]: 'Judul video terlalu panjang untuk TikTok; persingkat.',
  });
  // Two new ideas added yesterday, still drafts.
  writeConcepts(ss, next, demoConcepts(next, 2, 99).map((c, i) => ({ ...c, day: 20 + i })), at(current, Math.max(1, today - 1), '15:00'));

  // The demo month's report, so Drive has a Doc and a PDF to open right away.
  act(ss, KABAG, nowMs, (ctx) => startBuild(ctx, current));

  // Tidy the demo workbook: a name, no empty default sheet, and the plan in front.
  if (/^(Untitled spreadsheet|Spreadsheet tanpa judul)$/.test(ss.name())) ss.rename('Siaran – Media Sosial Humas MK (demo)');
  ss.deleteEmptySheets((name) => /^(Sheet1|Lembar1|Sheet 1)$/.test(name));
  ss.reopen().requireSheet('konsep').activate();
  const n = act(ss, runner, nowMs, (ctx) => ctx.people.length);
  return tr('id', DEMO_MESSAGES.done, { people: n, prev: current, a: thisPlan.length, next, b: nextPlan.length + 2 });
}

/** Runs an approvals action (which takes the lock and commits through its own path). */
function doAs<T>(ss: Workbook, email: string, now: number, fn: (ctx: Ctx) => T): T {
  const out = act(ss, email, now, fn);
  deliver(ss, now);
  return out;
}

function requestsOf(ss: Workbook): string[] {
  const ctx = as(ss, KABAG, Date.now());
  return loadRequests(ctx).map((r) => r.id);
}

function writeConcepts(ss: Workbook, period: string, plan: ReturnType<typeof demoConcepts>, when: number): string[] {
  return act(ss, plan[0]?.pic ?? KABAG, when, (ctx) => {
    const t = ctx.wb.table('konsep');
    const next = t.ids('K');
    const ids: string[] = [];
    for (const c of plan) {
      const id = next();
      ids.push(id);
      t.append({
        id,
        periode: `'${period}`,
        tanggal: new Date(at(period, c.day, '00:00')),
        kegiatan: userText(c.activity),
        kategori: c.category,
        platform: c.platforms.join(', '),
        pic: c.pic,
        deskripsi: userText(c.description),
        status: 'Draf',
        catatan: '',
        versi: 1,
      });
      addLog(ctx, '2', 'Tambah konsep', id, c.activity);
    }
    return ids;
  });
}

interface DemoDesign {
  id: string;
  konsepId: string;
  platform: Platform;
  pic: string;
  day: number;
}

function writeDesigns(ss: Workbook, plan: ReturnType<typeof demoConcepts>, ids: string[], when: number): DemoDesign[] {
  return act(ss, KABAG, when, (ctx) => {
    const t = ctx.wb.table('desain');
    const next = t.ids('D');
    let seq = 0;
    const out: DemoDesign[] = [];
    plan.forEach((c, i) => {
      for (const p of c.platforms) {
        const id = next();
        seq++;
        const copy = demoCopy(p, c.activity, seq);
        t.append({
          id,
          konsepId: ids[i],
          platform: p,
          tautan: `https://drive.google.com/file/d/demo-desain-${seq}/view`,
          judul: userText(copy.title),
          naskah: userText(copy.copy),
          versi: 1,
          status: 'Draf',
          catatan: '',
          pic: c.pic,
        });
        out.push({ id, konsepId: ids[i], platform: p, pic: c.pic, day: c.day });
      }
    });
    addLog(ctx, '4', 'Tambah desain', `${out.length} desain`, 'Data demo');
    return out;
  });
}

function writePublicationsAndInsights(
  ss: Workbook,
  current: string,
  prev: string,
  designs: DemoDesign[],
  today: number,
  nowMs: number,
): void {
  act(ss, DEMO_PEOPLE[2].email, nowMs, (ctx) => {
    const status = ctx.wb.table('desain');
    const pub = ctx.wb.table('publikasi');
    const ins = ctx.wb.table('insight');
    const r = rng(5);
    const reachBase: Record<Platform, number> = { Instagram: 18000, X: 9000, Facebook: 12000, YouTube: 6000, TikTok: 25000 };
    let published = 0;
    for (const d of designs) {
      const i = status.find('id', d.id);
      if (i < 0 || status.text(i, 'status') !== 'Ditetapkan' || d.day >= today) continue;
      const time = at(current, d.day, '10:00') + Math.floor(r() * 6) * 3600000;
      const url = postUrl(d.platform, d.id);
      pub.append({ desainId: d.id, platform: d.platform, tanggal: new Date(time), tautan: url, dicatatOleh: DEMO_PEOPLE[2].email });
      const reach = Math.round(reachBase[d.platform] * (0.5 + r()));
      const impressions = Math.round(reach * (1.3 + r() * 0.6));
      const engagement = Math.round(reach * (0.02 + r() * 0.05));
      // Views (Tayangan) are fewer than impressions (Impresi): not everyone shown a post watches it.
      const views = Math.round(impressions * 0.45);
      ins.append({ periode: `'${current}`, platform: d.platform, tanggal: new Date(time), tautan: url, jangkauan: reach, tayangan: views, impresi: impressions, interaksi: engagement, pengikut: '', sumber: 'Demo' });
      published++;
    }
    // Monthly followers per platform for last month and this one (the report shows the change).
    const followers: Record<Platform, number> = { Instagram: 512000, X: 388000, Facebook: 241000, YouTube: 157000, TikTok: 96000 };
    for (const p of Object.keys(followers) as Platform[]) {
      const base = followers[p];
      const lastReach = Math.round(reachBase[p] * 14 * (0.8 + r() * 0.3));
      // Last month day by day, so a report of a month not yet ended compares the same days.
      const lastDays = new Date(Date.UTC(Number(prev.slice(0, 4)), Number(prev.slice(5, 7)), 0)).getUTCDate();
      for (let day = 1; day <= lastDays; day++) {
        const share = (lastReach * (day % 7 === 3 ? 1.6 : 0.9)) / lastDays;
        ins.append({ periode: `'${prev}`, platform: p, tanggal: new Date(at(prev, day, '00:00')), tautan: '', jangkauan: Math.round(share), tayangan: Math.round(share * 0.7), impresi: Math.round(share * 1.5), interaksi: Math.round(share * 0.035), pengikut: day === lastDays ? base : '', sumber: 'Demo (harian)' });
      }
      ins.append({ periode: `'${current}`, platform: p, tanggal: '', tautan: '', jangkauan: '', tayangan: '', interaksi: '', pengikut: Math.round(base * (1.01 + r() * 0.03)), sumber: 'Demo (pengikut akhir bulan)' } as Record<string, Cell>);
    }
    addLog(ctx, '6', 'Catat publikasi', `${published} postingan`, 'Data demo');
  });
}

function postUrl(p: Platform, id: string): string {
  const n = id.replace(/\D/g, '');
  switch (p) {
    case 'Instagram':
      return `https://www.instagram.com/p/DemoMK${n}/`;
    case 'X':
      return `https://x.com/Humas_MKRI/status/19${n.padStart(8, '0')}00001`;
    case 'Facebook':
      return `https://www.facebook.com/mahkamahkonstitusi/posts/${n}0001`;
    case 'YouTube':
      return `https://www.youtube.com/watch?v=demoMK${n}`;
    case 'TikTok':
      return `https://www.tiktok.com/@mahkamahkonstitusi/video/73${n.padStart(8, '0')}01`;
  }
}
