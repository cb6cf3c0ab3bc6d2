/**
 * The Log lines that executions other than the owner's held in script properties (commit in
 * context.ts), moved into the Log by the owner's triggers (triggerDigest every 10 minutes, and the
 * hourly trigger). Each keeps its time and user, and its Detail ends with reportedMark(user): a held
 * entry is what that person's own execution reported, and any editor can write one.
 */
import { scriptKeysWaiting, scriptProperties } from '../adapters/props';
import { runsAsOwner } from '../adapters/session';
import { LogEntry, reportedMark } from '../core/log';
import { appendLog, Ctx, HELD_LOG_PREFIX, parseHeld } from './context';
import { openCtx, TRIGGER_USER, withScriptLock } from './run';

/** Entries moved per run (each is one deleteProperty); the rest wait for the next run. */
const MAX_ENTRIES = 300;
/**
 * Moves the held lines into the Log: sorted by their time, then deletes their entries. The caller
 * holds the script lock (two owner runs never both copy an entry). The Log is written before the
 * entries are deleted, so a run cut between the two copies them again next time (a duplicate,
 * never a loss). An unreadable entry is dropped with one line saying so, never copied raw.
 */
export function moveHeldLog(ctx: Ctx): { moved: number; dropped: number } | { skipped: string } {
  // Only the owner's executions write the Log; anyone else's would hold the lines again.
  if (!runsAsOwner()) return { skipped: 'not the owner' };
  const store = scriptProperties();
  const entries = store.entries(HELD_LOG_PREFIX).slice(0, MAX_ENTRIES);
  if (!entries.length) return { moved: 0, dropped: 0 };
  const lines: LogEntry[] = [];
  const dropped: LogEntry[] = [];
  for (const [key, value] of entries) {
    const held = value.length > 9216 ? null : parseHeld(value);
    if (!held) {
      dropped.push({ at: ctx.now, user: TRIGGER_USER, step: '—', action: 'Catatan titipan tidak terbaca', object: key.slice(0, 100), detail: `Entri titipan Log ini tidak terbaca (${value.length} karakter), jadi dibuang tanpa disalin.` });
      continue;
    }
    for (const [at, user, step, action, object, detail] of held) lines.push({ at, user, step, action, object, detail: `${detail}${reportedMark(user)}` });
  }
  // A stable sort: lines of one time keep the order of their entries (the action's own order).
  lines.sort((a, b) => a.at - b.at);
  ctx.log.push(...lines, ...dropped);
  appendLog(ctx);
  for (const [key] of entries) store.delete(key);
  return { moved: lines.length, dropped: dropped.length };
}

/** The job of triggerDigest and triggerHourly (nothing is opened when nothing is held). */
export const heldLogJob = {
  name: 'heldLog',
  run: () => {
    if (!scriptKeysWaiting(HELD_LOG_PREFIX)) return { moved: 0, dropped: 0 };
    const ctx = openCtx(TRIGGER_USER);
    return withScriptLock(() => moveHeldLog(ctx), () => ({ skipped: 'busy' }));
  },
};
