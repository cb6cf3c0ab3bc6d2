/**
 * A report asked for by someone who is not the workbook's owner.
 *
 * The report's Doc, PDF and folders are the office's record: they belong in the owner's report
 * folder, registered as Siaran's in the owner's properties (drive.file reaches only the files the
 * running user's executions made). A staff member's or a head's own execution would make them in
 * her own Drive instead, where the other heads cannot open them, and could not replace the owner's
 * report of that month. So her menu leaves a request in script properties, and the owner's digest
 * trigger (every DIGEST_EVERY_MINUTES) builds it as the owner, saying whose request it was.
 * (A gate of the ServerExtras chunk, see scripts/build.mjs: the trigger's job loads it only when a
 * request waits.)
 *
 * Any editor can write script properties, so a request is checked again when it is built: a valid
 * period, and a requester who may build reports (the roster at that moment). A forged request can
 * only ask for what a staff member may ask for anyway: the month's report built again.
 */
import { scriptProperties } from '../../adapters/props';
import { runsAsOwner } from '../../adapters/session';
import { SiaranError } from '../../core/errors';
import { defineMessages, formatPeriod, tr } from '../../core/i18n';
import { parsePeriod, REPORT_ROLES } from '../../core/sop';
import { monthHasBegun } from '../../core/report';
import { workCalendar } from '../clock';
import { findPerson } from '../../core/people';
import { addLog, commit, Ctx } from '../context';
import { DIGEST_EVERY_MINUTES } from '../approvals/mail-common';
import { openCtx, TRIGGER_USER } from '../run';
import { BuildOutcome, startBuild } from './build';
import { REQUEST_PREFIX } from './request-key';

const REQUEST_MESSAGES = defineMessages({
  queued: {
    id: 'Permintaan tercatat. Laporan {period} disusun oleh pemicu Siaran milik pemilik workbook dalam {minutes} menit, di folder laporan kantor (bukan di Drive Anda), lalu tautannya muncul di tab Laporan dan pimpinan menerima emailnya.',
    en: 'Request recorded. The report for {period} is built by the workbook owner\'s Siaran trigger within {minutes} minutes, in the office\'s report folder (not in your Drive); then its links appear on the Laporan tab and the heads get its mail.',
  },
  notSaved: {
    id: 'Permintaan laporan tidak dapat disimpan ({error}). Tidak ada yang berubah; coba lagi sebentar lagi.',
    en: 'The report request could not be saved ({error}). Nothing changed; try again in a moment.',
  },
});

interface Request {
  p: string;
  u: string;
  at: number;
}

/**
 * The menu's and apiBuildReport's build: the owner builds at once; anyone else asks the owner's trigger
 * to (below): the report's files belong in the owner's report folder, where every head can open
 * them. A month that has not begun is refused for both.
 */
export function buildOrRequest(ctx: Ctx, period: string): BuildOutcome {
  if (!monthHasBegun(period, ctx.now, workCalendar(ctx))) {
    throw new SiaranError(
      'BAD_REQUEST',
      { id: 'Laporan {period} belum dapat disusun: bulannya belum dimulai. Pilih bulan ini atau bulan sebelumnya.', en: 'The report for {period} cannot be built yet: the month has not begun. Choose this month or an earlier one.' },
      { period: formatPeriod(period, ctx.lang) },
    );
  }
  return runsAsOwner() ? startBuild(ctx, period) : requestBuild(ctx, period);
}

/** Leaves the request for the owner's trigger (one setProperty) and says so; nothing else is written but its held Log line. */
function requestBuild(ctx: Ctx, period: string): BuildOutcome {
  const value: Request = { p: period, u: ctx.email, at: ctx.now };
  try {
    scriptProperties().set(REQUEST_PREFIX + period, JSON.stringify(value));
  } catch (e) {
    throw new SiaranError('BUSY', REQUEST_MESSAGES.notSaved, { error: e instanceof Error ? e.message : String(e) });
  }
  addLog(ctx, '6', 'Laporan diminta', period, `Disusun oleh pemicu pemilik workbook dalam ${DIGEST_EVERY_MINUTES} menit.`);
  return { period, status: 'queued', docUrl: '', pdfUrl: '', replaced: false, message: tr(ctx.lang, REQUEST_MESSAGES.queued, { period: formatPeriod(period, ctx.lang), minutes: DIGEST_EVERY_MINUTES }) };
}

function parse(raw: string): Request | null {
  try {
    const v = JSON.parse(raw) as Partial<Request> | null;
    if (!v || typeof v.p !== 'string' || typeof v.u !== 'string' || typeof v.at !== 'number') return null;
    return { p: v.p, u: v.u, at: v.at };
  } catch {
    return null;
  }
}

/**
 * For the digest trigger's job (report/jobs.ts): refuses (deletes and logs) every request that
 * cannot be built, then builds the oldest one that can (one per run: a build may take minutes), as
 * the owner. A request is deleted before its build starts, so one that fails is not tried again
 * every 10 minutes; the Log says why. While another build runs (startBuild refuses: BUSY or
 * CONFLICT), the request waits for the next run; a stale build's checkpoint does not hold it up.
 */
export function buildRequested(): unknown {
  const store = scriptProperties();
  const entries = store.entries(REQUEST_PREFIX);
  if (!entries.length) return { requests: 0 };
  const ctx = openCtx(TRIGGER_USER);
  const parsed = entries.map(([key, raw]) => ({ key, raw, req: raw.length > 2000 ? null : parse(raw) }));
  parsed.sort((a, b) => (a.req?.at ?? 0) - (b.req?.at ?? 0));
  let refused = 0;
  for (const { key, raw, req } of parsed) {
    store.delete(key);
    const period = req ? parsePeriod(req.p) : null;
    if (!req || !period || key !== REQUEST_PREFIX + period || !monthHasBegun(period, ctx.now, workCalendar(ctx))) {
      addLog(ctx, '6', 'Permintaan laporan ditolak', key.slice(REQUEST_PREFIX.length, REQUEST_PREFIX.length + 40), 'Isi permintaan tidak terbaca, atau periodenya tidak sah atau belum dimulai; tidak ada yang disusun.');
      refused++;
      continue;
    }
    const role = findPerson(ctx.people, req.u)?.role ?? null;
    if (!role || REPORT_ROLES.indexOf(role) < 0) {
      addLog(ctx, '6', 'Permintaan laporan ditolak', period, `${req.u} tidak terdaftar di Pengguna dengan peran yang boleh menyusun laporan; tidak ada yang disusun.`);
      refused++;
      continue;
    }
    // The entry names the requester; any editor can write one, so the line says whose name it carries.
    const mark = ctx.log.length;
    addLog(ctx, '6', 'Laporan disusun atas permintaan', period, `Permintaan atas nama ${req.u} (${role}); entri properti skrip, yang dapat ditulis setiap editor.`);
    try {
      const out = startBuild(ctx, period);
      commit(ctx);
      return { period, status: out.status, requestedBy: req.u, refused };
    } catch (e) {
      if (e instanceof SiaranError && (e.code === 'BUSY' || e.code === 'CONFLICT')) {
        store.set(key, raw);
        ctx.log.length = mark;
        commit(ctx);
        return { skipped: 'busy', period, refused };
      }
      const why = e instanceof Error ? e.message : String(e);
      addLog(ctx, '6', 'Permintaan laporan gagal', period, `Permintaan atas nama ${req.u}: ${why}`);
      commit(ctx);
      return { failed: period, error: why, refused };
    }
  }
  commit(ctx);
  return { refused };
}
