/**
 * The panel's endpoints (google.script.run targets), each returning Result<T>. Every request
 * field is checked; writes go through the workbook adapter (each tab read once, written once at
 * commit) and each change appends a Log entry.
 */
import type { Cell, Table } from '../../adapters/workbook';
import { validateConceptRows } from '../../core/approval';
import { checkCopy, checkYouTube } from '../../core/copy-limits';
import { SiaranError } from '../../core/errors';
import { formatDate, formatDateTime, Msg, statusLabel, tr } from '../../core/i18n';
import { isWorkingDay } from '../../core/calendar';
import { DEFAULT_HOLIDAYS } from '../../core/holidays';
import { APPROVER_ROLES, designsAllowedFor, parsePeriod, periodOfCell, previousPeriod, STAFF_ROLES, transition } from '../../core/sop';
import { stripControl } from '../../core/sheet-text';
import type {
  PanelConcept,
  PanelDesign,
  PanelMonth,
  PanelReports,
  PanelTask,
  Result,
} from '../../shared/contract';
import { pendingFor } from '../approvals/api';
import { minutesFn, workCalendar } from '../clock';
import { copyCheckText, copyLimitsOf } from '../copy-check';
import { addLog, commit, Ctx, requireRole, userText } from '../context';
import { mailEnv } from '../approvals/env';
import { sendOrQueue } from '../approvals/mailq';
import { MailIntent } from '../approvals/mail-common';
import { endpoint } from '../run';
import { PANEL_MESSAGES as M } from './messages';
import { conceptOf, designOf, readPublications, readStrategy, REPORT_KEYS } from './read';
import { stageOf } from './stages';
import { mergeArchived } from '../archive/read';
import { yearEnded } from '../../core/archive';
import { staffTasks } from './tasks';

/** Sets the given cells of one row; commit writes just that row (the workbook adapter's rule). */
function setRow(t: Table, row: number, values: Record<string, Cell>): void {
  for (const [k, v] of Object.entries(values)) if (t.has(k)) t.set(row, k, v);
}
import { badRequest, FieldCheck, isHttpUrl, localMidnight, parseLocalDateTime, requestObject } from './validate';
import { parsePlatform, Platform, PLATFORM_HOSTS, platformOfUrl } from '../../core/platforms';
import { STRATEGY_SAVED } from '../../core/report';

/** Limits on free text (characters). */
export const MAX = { activity: 1000, category: 100, description: 5000, link: 2000, title: 200, copy: 10000, directions: 5000, report: 2000 };

/** User text for a cell: control characters removed, never a formula. */
const cellText = (s: string) => userText(stripControl(s));

function period(ctx: Ctx, value: unknown): string {
  if (typeof value !== 'string') throw badRequest('period');
  const p = parsePeriod(value);
  if (!p) throw new SiaranError('BAD_REQUEST', M.period, { value: value.slice(0, 20) });
  return p;
}

function lockedError(ctx: Ctx, id: string, status: string): SiaranError {
  if (status === 'Diajukan') return new SiaranError('CONFLICT', M.underReview, { id });
  return new SiaranError('CONFLICT', M.approvedLocked, { id, status: statusLabel(status, ctx.lang) });
}

// ---------------------------------------------------------------------------------------------
// Reading

export function panelMonth(ctx: Ctx, p: string): PanelMonth {
  const k = ctx.wb.table('konsep');
  const concepts: PanelConcept[] = [];
  for (let i = 0; i < k.size; i++) {
    if (!k.text(i, 'id') && !k.text(i, 'kegiatan')) continue;
    const c = conceptOf(ctx, k, i);
    if (c.period === p) concepts.push(c);
  }
  concepts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
  const ids = new Set(concepts.map((c) => c.id).filter(Boolean));
  const pubs = readPublications(ctx);
  const d = ctx.wb.table('desain');
  const designs: PanelDesign[] = [];
  for (let i = 0; i < d.size; i++) if (ids.has(d.text(i, 'konsepId'))) designs.push(designOf(d, i, pubs));
  const { strategy, reports } = readStrategy(ctx, p);
  const minutes = minutesFn(ctx);
  const ms = (s: string | null) => (s ? Date.parse(s) : null);
  const stageDesigns = designs.map((x) => ({ conceptId: x.conceptId, platform: x.platform, status: x.status, submittedAt: ms(x.submittedAt), decidedAt: ms(x.decidedAt), published: !!x.publication }));
  const stages = concepts.map((c) =>
    stageOf({ id: c.id, status: c.status, platforms: c.platforms, submittedAt: ms(c.submittedAt), decidedAt: ms(c.decidedAt) }, stageDesigns, ctx.settings.standardMinutes, ctx.now, minutes),
  );
  const standardMinutes: Record<string, number> = {};
  for (const [s, v] of Object.entries(ctx.settings.standardMinutes)) standardMinutes[s] = v;
  return { period: p, concepts, designs, strategy, reports, stages, copyLimits: { ...ctx.settings.copyLimits }, standardMinutes, now: new Date(ctx.now).toISOString() };
}

export function apiPanelMonth(req: unknown): Result<PanelMonth> {
  return endpoint((ctx) => {
    const obj = requestObject(req, ['period']);
    const p = period(ctx, obj.period);
    // An archived month: its plan items, designs and publications come from the year's archive
    // (read by code that only those months load: the current year's months need none of it).
    if (yearEnded(Number(p.slice(0, 4)), ctx.now)) mergeArchived(ctx, [p], ['konsep', 'desain', 'publikasi']);
    return panelMonth(ctx, p);
  });
}

export function apiMyTasks(req: unknown): Result<PanelTask[]> {
  return endpoint((ctx) => {
    if (req !== undefined && req !== null) requestObject(req, []);
    const out: PanelTask[] = [];
    if (ctx.role && APPROVER_ROLES.indexOf(ctx.role) >= 0) {
      for (const p of pendingFor(ctx)) {
        out.push({ kind: 'decide', id: p.requestId, period: p.period, title: `${p.items.length} ${p.kind}`, since: p.startedAt });
      }
    }
    // Open work of recent months (from last month on): older months are closed by the report.
    const from = previousPeriod(new Date(ctx.now + 7 * 3600000).toISOString().slice(0, 7));
    const k = ctx.wb.table('konsep');
    const concepts: PanelConcept[] = [];
    for (let i = 0; i < k.size; i++) {
      if (!k.text(i, 'id')) continue;
      const c = conceptOf(ctx, k, i);
      if (c.period >= from) concepts.push(c);
    }
    const ids = new Set(concepts.map((c) => c.id));
    const pubs = readPublications(ctx);
    const d = ctx.wb.table('desain');
    const designs: PanelDesign[] = [];
    for (let i = 0; i < d.size; i++) if (ids.has(d.text(i, 'konsepId'))) designs.push(designOf(d, i, pubs));
    return out.concat(staffTasks(ctx.email, concepts, designs));
  });
}

// ---------------------------------------------------------------------------------------------
// Step 2: plan items

const CONCEPT_FIELDS: Record<string, string> = { 'Rencana Tayang': 'date', 'Kegiatan/Informasi': 'activity', Platform: 'platforms', PIC: 'pic' };

const WEEKDAYS: Record<'id' | 'en', string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/**
 * A planned date on a weekend or a holiday (the settings' calendar, core/calendar.ts) is allowed
 * (posts go out on any day) but worth a word naming the day; null on a working day.
 */
export function plannedDayWarning(ctx: Ctx, date: string, dateMs: number): string | null {
  const cal = workCalendar(ctx);
  if (isWorkingDay(cal, dateMs + 12 * 3600000)) return null;
  const dow = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
  const day = WEEKDAYS[ctx.lang][dow];
  const shown = formatDate(dateMs, ctx.lang);
  if (dow === 0 || dow === 6) return tr(ctx.lang, M.dayWeekend, { date: shown, day });
  const named = ctx.settings.holidays.find((x) => x.date === date && x.name) ?? DEFAULT_HOLIDAYS.find((x) => x.date === date);
  return tr(ctx.lang, M.dayHoliday, { date: shown, day, name: named?.name || tr(ctx.lang, M.holidayUnnamed) });
}

export function saveConcept(ctx: Ctx, req: unknown): PanelConcept {
  requireRole(ctx, STAFF_ROLES, tr(ctx.lang, M.actionConcept));
  const obj = requestObject(req, ['id', 'period', 'date', 'activity', 'category', 'platforms', 'pic', 'description']);
  const f = new FieldCheck(ctx.lang);
  const id = f.id(obj, 'id', { optional: true });
  const p = period(ctx, obj.period);
  const date = f.text(obj, 'date', M.fDate, { max: 10 });
  const activity = f.text(obj, 'activity', M.fActivity, { max: MAX.activity });
  const category = f.text(obj, 'category', M.fCategory, { max: MAX.category });
  const description = f.text(obj, 'description', M.fDescription, { max: MAX.description });
  const pic = f.text(obj, 'pic', M.fPic, { max: 254 });
  if (!Array.isArray(obj.platforms) || obj.platforms.length > 10 || !obj.platforms.every((x) => typeof x === 'string' && x.length <= 40)) throw badRequest('platforms');
  const platforms: Platform[] = [];
  for (const name of obj.platforms as string[]) {
    const pl = parsePlatform(name);
    if (!pl || ctx.settings.platforms.indexOf(pl) < 0) f.add('platforms', M.platform, { value: name, list: ctx.settings.platforms.join(', ') });
    else if (platforms.indexOf(pl) < 0) platforms.push(pl);
  }
  const dateMs = date ? localMidnight(date) : null;
  if (date && dateMs === null) f.add('date', M.dateBad, { value: date });

  const t = ctx.wb.table('konsep');
  let i = -1;
  if (id) {
    i = t.find('id', id);
    if (i < 0) throw new SiaranError('NOT_FOUND', M.conceptNotFound, { id });
    const status = t.text(i, 'status') || 'Draf';
    if (transition('konsep', status, 'edit') === null) throw lockedError(ctx, id, status);
  }
  // The same rules as submitting the month (so a saved item can be submitted as it is).
  const problems = validateConceptRows(
    [{ row: i >= 0 ? t.sheetRow(i) : t.size + 2, id, date: dateMs === null ? null : date, dateText: date, activity, platforms: platforms.join(', '), pic }],
    p,
    ctx.people,
    ctx.settings.platforms,
    ctx.lang,
  );
  for (const pr of problems) f.add(CONCEPT_FIELDS[pr.field] ?? pr.field, { id: pr.message, en: pr.message });
  f.done();

  const values = {
    periode: p,
    tanggal: new Date(dateMs as number),
    kegiatan: cellText(activity),
    kategori: cellText(category),
    platform: platforms.join(', '),
    pic: cellText(pic),
    deskripsi: cellText(description),
  };
  if (i < 0) {
    const newId = t.ids('K')();
    // Status and version stay blank (Draf, version 1): they are the owner's record (hard-protected).
    i = t.append({ id: newId, ...values });
    addLog(ctx, '2', 'Tambah konsep', newId, `${p}; ${date}; ${platforms.join(', ')}; ${activity.slice(0, 200)}`);
  } else {
    const before = conceptOf(ctx, t, i);
    const changed: string[] = [];
    const same = (a: string, b: string) => a === b;
    if (!same(before.period, p)) changed.push('periode');
    if (!same(before.date, date)) changed.push('tanggal');
    if (!same(before.activity, activity)) changed.push('kegiatan');
    if (!same(before.category, category)) changed.push('kategori');
    if (!same(before.platforms.join(', '), platforms.join(', '))) changed.push('platform');
    if (!same(before.pic, pic)) changed.push('pic');
    if (!same(before.description, description)) changed.push('deskripsi');
    setRow(t, i, values);
    addLog(ctx, '2', 'Ubah konsep', id, changed.length ? `Diubah: ${changed.join(', ')}` : 'Tanpa perubahan isi');
  }
  const out = conceptOf(ctx, t, i);
  const warning = dateMs === null ? null : plannedDayWarning(ctx, date, dateMs);
  return warning ? { ...out, warnings: [warning] } : out;
}

export function apiSaveConcept(req: unknown): Result<PanelConcept> {
  return endpoint((ctx) => saveConcept(ctx, req));
}

// ---------------------------------------------------------------------------------------------
// Step 4: designs

export function saveDesign(ctx: Ctx, req: unknown): PanelDesign {
  requireRole(ctx, STAFF_ROLES, tr(ctx.lang, M.actionDesign));
  const obj = requestObject(req, ['id', 'conceptId', 'platform', 'link', 'title', 'copy']);
  const f = new FieldCheck(ctx.lang);
  const id = f.id(obj, 'id', { optional: true });
  const conceptId = f.id(obj, 'conceptId');
  if (typeof obj.platform !== 'string' || obj.platform.length > 40) throw badRequest('platform');
  const platform = parsePlatform(obj.platform);
  const link = f.text(obj, 'link', M.fLink, { max: MAX.link, required: true });
  const title = f.text(obj, 'title', M.fTitle, { max: MAX.title });
  if (typeof obj.copy !== 'string') throw badRequest('copy');
  const copy = stripControl(obj.copy).replace(/\s+$/, '');
  if (copy.length > MAX.copy) f.add('copy', M.tooLong, { label: tr(ctx.lang, M.fCopy), n: copy.length, max: MAX.copy });
  if (link && !f.details.some((x) => x.field === 'link') && !isHttpUrl(link)) f.add('link', M.url, { value: link.slice(0, 80) });

  const k = ctx.wb.table('konsep');
  const ci = k.find('id', conceptId);
  if (ci < 0) throw new SiaranError('NOT_FOUND', M.conceptNotFound, { id: conceptId });
  const concept = conceptOf(ctx, k, ci);
  if (!designsAllowedFor(concept.status)) throw new SiaranError('CONFLICT', M.conceptNotApproved, { id: conceptId, status: statusLabel(concept.status, ctx.lang) });
  if (!platform || concept.platforms.indexOf(platform) < 0) {
    throw new SiaranError('VALIDATION', M.platformNotInPlan, { id: conceptId, platform: String(obj.platform).slice(0, 40), list: concept.platforms.join(', ') });
  }
  const t = ctx.wb.table('desain');
  let i = -1;
  if (id) {
    i = t.find('id', id);
    if (i < 0) throw new SiaranError('NOT_FOUND', M.designNotFound, { id });
    if (t.text(i, 'konsepId') !== conceptId || parsePlatform(t.text(i, 'platform')) !== platform) {
      throw new SiaranError('CONFLICT', M.designMismatch, { id, concept: t.text(i, 'konsepId'), platform: t.text(i, 'platform') });
    }
    const status = t.text(i, 'status') || 'Draf';
    if (transition('desain', status, 'edit') === null) throw lockedError(ctx, id, status);
  } else {
    for (let r = 0; r < t.size; r++) {
      if (t.text(r, 'konsepId') === conceptId && parsePlatform(t.text(r, 'platform')) === platform) {
        throw new SiaranError('CONFLICT', M.designExists, { id: conceptId, design: t.text(r, 'id'), platform });
      }
    }
  }
  f.done();

  // The copy check is saved with the draft (the server checks again on submit).
  const limits = copyLimitsOf(ctx);
  const check = platform === 'YouTube' ? checkYouTube(title, copy, limits) : checkCopy(platform as Platform, copy, limits);
  const values = { tautan: cellText(link), judul: cellText(title), naskah: cellText(copy), cekNaskah: cellText(copyCheckText(check, ctx.lang)) };
  if (i < 0) {
    const newId = t.ids('D')();
    i = t.append({ id: newId, konsepId: conceptId, platform, ...values, pic: cellText(ctx.email) });
    addLog(ctx, '4', 'Tambah desain', newId, `${conceptId} ${platform}; ${check.ok ? 'naskah OK' : 'naskah melebihi batas'}`);
  } else {
    setRow(t, i, values);
    addLog(ctx, '4', 'Ubah desain', id, `${conceptId} ${platform}; ${check.ok ? 'naskah OK' : 'naskah melebihi batas'}`);
  }
  return designOf(t, i, readPublications(ctx));
}

export function apiSaveDesign(req: unknown): Result<PanelDesign> {
  return endpoint((ctx) => saveDesign(ctx, req));
}

// ---------------------------------------------------------------------------------------------
// Step 6: publications

export function recordPublication(ctx: Ctx, req: unknown): PanelDesign {
  requireRole(ctx, STAFF_ROLES, tr(ctx.lang, M.actionPublish));
  const obj = requestObject(req, ['designId', 'url', 'publishedAt']);
  const f = new FieldCheck(ctx.lang);
  const designId = f.id(obj, 'designId');
  const url = f.text(obj, 'url', M.fUrl, { max: MAX.link, required: true });
  if (url && !f.details.length && !isHttpUrl(url)) f.add('url', M.url, { value: url.slice(0, 80) });
  if (typeof obj.publishedAt !== 'string' || obj.publishedAt.length > 40) throw badRequest('publishedAt');
  const at = parseLocalDateTime(obj.publishedAt);
  if (at === null) f.add('publishedAt', M.dateTimeBad, { value: obj.publishedAt });
  else if (at > ctx.now + 5 * 60000) f.add('publishedAt', M.future, { value: formatDateTime(at, ctx.lang) });

  const d = ctx.wb.table('desain');
  const i = d.find('id', designId);
  if (i < 0) throw new SiaranError('NOT_FOUND', M.designNotFound, { id: designId });
  const status = d.text(i, 'status') || 'Draf';
  if (status !== 'Ditetapkan') throw new SiaranError('CONFLICT', M.notApprovedDesign, { id: designId, status: statusLabel(status, ctx.lang) });
  // The post link must be a post of the design's platform (an Instagram link is not the X post).
  const designPlatform = parsePlatform(d.text(i, 'platform'));
  if (url && designPlatform && !f.details.some((x) => x.field === 'url')) {
    const actual = platformOfUrl(url);
    if (actual !== designPlatform) {
      const hosts = PLATFORM_HOSTS[designPlatform].join(', ');
      if (actual) f.add('url', M.postPlatform, { actual, platform: designPlatform, id: designId, hosts });
      else f.add('url', M.postUnknown, { platform: designPlatform, id: designId, hosts });
    }
  }
  f.done();

  const p = ctx.wb.table('publikasi');
  const platform = parsePlatform(d.text(i, 'platform')) ?? d.text(i, 'platform');
  const existing = p.find('desainId', designId);
  const when = new Date(at as number);
  if (existing >= 0) {
    setRow(p, existing, { tanggal: when, tautan: cellText(url), dicatatOleh: cellText(ctx.email) });
    addLog(ctx, '6', 'Ubah catatan publikasi', designId, `${platform}; ${url}`);
  } else {
    p.append({ desainId: designId, platform, tanggal: when, tautan: cellText(url), dicatatOleh: cellText(ctx.email) });
    addLog(ctx, '6', 'Catat publikasi', designId, `${platform}; ${url}`);
  }
  return designOf(d, i, readPublications(ctx));
}

export function apiRecordPublication(req: unknown): Result<PanelDesign> {
  return endpoint((ctx) => recordPublication(ctx, req));
}

// ---------------------------------------------------------------------------------------------
// Step 1: strategy

const REPORT_LABEL: Record<keyof PanelReports, Msg> = {
  analisisMedia: { id: 'Laporan Analisis Media', en: 'Media Analysis Report' },
  diseminasiPerkara: { id: 'Laporan Diseminasi Perkara dan Putusan', en: 'Case and Decision Dissemination Report' },
  auditKehumasan: { id: 'Laporan Audit Kehumasan', en: 'PR Audit Report' },
  referensi: { id: 'Referensi', en: 'References' },
};

export function saveStrategy(ctx: Ctx, req: unknown): { saved: number } {
  requireRole(ctx, APPROVER_ROLES, tr(ctx.lang, M.actionStrategy));
  const obj = requestObject(req, ['period', 'directions', 'reports']);
  const p = period(ctx, obj.period);
  const f = new FieldCheck(ctx.lang);
  if (!Array.isArray(obj.directions) || obj.directions.length > 10) throw badRequest('directions');
  const directions: Array<{ platform: Platform; text: string }> = [];
  for (const d of obj.directions as unknown[]) {
    const o = requestObject(d, ['platform', 'text']);
    if (typeof o.platform !== 'string' || o.platform.length > 40) throw badRequest('directions[].platform');
    const pl = parsePlatform(o.platform);
    if (!pl || ctx.settings.platforms.indexOf(pl) < 0) {
      f.add(`directions.${o.platform.slice(0, 40)}`, M.platform, { value: o.platform.slice(0, 40), list: ctx.settings.platforms.join(', ') });
      continue;
    }
    const text = f.text(o, 'text', { id: tr('id', M.fDirections, { platform: pl }), en: tr('en', M.fDirections, { platform: pl }) }, { max: MAX.directions });
    const long = f.details.find((x) => x.field === 'text');
    if (long) long.field = `directions.${pl}`;
    if (!directions.some((x) => x.platform === pl)) directions.push({ platform: pl, text });
  }
  const ro = requestObject(obj.reports, REPORT_KEYS as string[]);
  const reports = {} as PanelReports;
  for (const key of REPORT_KEYS) {
    reports[key] = f.text(ro, key, M.fReport, { max: MAX.report });
    // The three reports are links (Drive, a site); Referensi is free text.
    if (key !== 'referensi' && reports[key] && !f.details.some((x) => x.field === key) && !isHttpUrl(reports[key])) f.add(key, M.reportUrl, { label: tr(ctx.lang, REPORT_LABEL[key]), value: reports[key].slice(0, 80) });
    const long = f.details.find((x) => x.field === key);
    if (long) long.field = `reports.${key}`;
  }
  f.done();

  const t: Table = ctx.wb.table('strategi');
  let saved = 0;
  for (const d of directions) {
    let row = -1;
    for (let i = 0; i < t.size && row < 0; i++) if (periodOfCell(t.get(i, 'periode')) === p && parsePlatform(t.text(i, 'platform')) === d.platform) row = i;
    if (row < 0 && !d.text) continue;
    const values: Record<string, string | Date> = { arahan: cellText(d.text), disusunOleh: cellText(ctx.email), tanggal: new Date(ctx.now) };
    for (const key of REPORT_KEYS) values[key] = cellText(reports[key]);
    if (row < 0) t.append({ periode: p, platform: d.platform, ...values });
    else setRow(t, row, values);
    saved++;
  }
  if (saved) addLog(ctx, '1', STRATEGY_SAVED, p, `${saved} platform: ${directions.filter((d) => d.text).map((d) => d.platform).join(', ')}`);
  return { saved };
}

/** The heads other than the one who saved it hear that a month's strategy was saved (after the save is committed). */
export function notifyStrategy(ctx: Ctx, period: string): void {
  const me = ctx.email.toLowerCase();
  const heads = ctx.people.filter((x) => x.role !== null && (APPROVER_ROLES as readonly string[]).indexOf(x.role) >= 0 && /@/.test(x.email) && x.email.toLowerCase() !== me);
  const seen = new Set<string>();
  const intents: MailIntent[] = [];
  for (const x of heads) {
    if (seen.has(x.email.toLowerCase())) continue;
    seen.add(x.email.toLowerCase());
    intents.push({ k: 'strategy', period, to: x.email, by: ctx.email });
  }
  if (!intents.length) return;
  commit(ctx);
  sendOrQueue(ctx, mailEnv(), intents);
}

export function apiSaveStrategy(req: unknown): Result<{ saved: number }> {
  return endpoint((ctx) => {
    const r = saveStrategy(ctx, req);
    const p = typeof (req as { period?: unknown }).period === 'string' ? parsePeriod((req as { period: string }).period) : null;
    if (r.saved && p) notifyStrategy(ctx, p);
    return r;
  });
}

