/**
 * LockService: script, user and document locks.
 *
 * A lock is held by one execution and released when that execution ends, as Apps Script releases
 * it. Executions run alone (Sandbox.run) or together (Sandbox.runConcurrent): together, a lock
 * another execution holds really blocks: tryLock waits up to its timeout and returns false,
 * waitLock throws Apps Script's "Lock timeout" message. The host can also make "another
 * execution" hold a lock until a given time (holdLock); waiting for it charges modeled time.
 */
import type { ServiceContext, ServiceModule } from '../service';
import { fail } from './utilities';
import type { SandboxState } from '../state';
import { slice } from '../state';

export type LockScope = 'script' | 'user' | 'document';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export interface HostHold {
  scope: LockScope;
  /** For user locks: whose lock (undefined: every user's). */
  user?: string;
  untilMs: number;
  holder: string;
}

/** A lock held by one of the executions running together (Sandbox.runConcurrent). */
export interface ExecutionHold {
  /** The execution's id (ExecutionScheduler.id). */
  id: string;
  sinceMs: number;
}

export interface LockSlice {
  holds: HostHold[];
  /** Locks held by concurrent executions, by key ('script', 'document', 'user:EMAIL'). */
  byExecution?: Record<string, ExecutionHold>;
  /** When each key was last released by a concurrent execution (its clock, epoch ms). */
  releasedAtMs?: Record<string, number>;
}

const init = (): LockSlice => ({ holds: [] });

/** Who holds each lock among concurrent executions (key -> execution id). */
export function executionLocks(state: SandboxState): { held: Record<string, string>; releasedAtMs: Record<string, number> } {
  const s = slice(state, 'lock', init);
  const held: Record<string, string> = {};
  for (const [k, h] of Object.entries(s.byExecution ?? {})) held[k] = h.id;
  return { held, releasedAtMs: { ...(s.releasedAtMs ?? {}) } };
}

/** Releases every lock an execution holds (it has ended), at `atMs`. */
export function releaseExecutionLocks(state: SandboxState, id: string, atMs: number): void {
  const s = slice(state, 'lock', init);
  for (const [k, h] of Object.entries(s.byExecution ?? {})) {
    if (h.id !== id) continue;
    delete (s.byExecution as Record<string, ExecutionHold>)[k];
    (s.releasedAtMs ??= {})[k] = atMs;
  }
}

/**
 * Makes another (simulated) execution hold a lock until `untilMs`. For a user lock, `user` names
 * whose lock it is; without it, `holder` is used when it is an email, else every user's lock is held.
 */
export function holdLock(state: SandboxState, scope: LockScope, untilMs: number, holder: string, user?: string): void {
  const s = slice(state, 'lock', init);
  const who = scope === 'user' ? (user ?? (holder.includes('@') ? holder : undefined)) : undefined;
  s.holds.push({ scope, user: who, untilMs, holder });
}

/** Releases every lock held through holdLock (or only `holder`'s). */
export function releaseHostLocks(state: SandboxState, holder?: string): void {
  const s = slice(state, 'lock', init);
  s.holds = holder === undefined ? [] : s.holds.filter((h) => h.holder !== holder);
}

/** When the lock becomes free for this user (0 when free now). Expired holds are dropped. */
function busyUntil(ctx: ServiceContext, scope: LockScope, user: string): number {
  const s = ctx.slice('lock', init);
  const now = ctx.now();
  s.holds = s.holds.filter((h) => h.untilMs > now);
  let until = 0;
  for (const h of s.holds) {
    if (h.scope !== scope) continue;
    if (scope === 'user' && h.user !== undefined && h.user !== user) continue;
    until = Math.max(until, h.untilMs);
  }
  return until;
}

export const lockService: ServiceModule = {
  name: 'lock',
  install(ctx: ServiceContext) {
    /** Locks this execution holds, by key, with how many Lock objects hold each. */
    const held = new Map<string, number>();

    class SandboxLock {
      private has = false;
      constructor(private readonly scope: LockScope, private readonly user: string) {}
      private get key(): string {
        return this.scope === 'user' ? `user:${this.user}` : this.scope;
      }
      /** Waits up to `timeout` ms; true when the lock is now held. */
      private acquire(method: string, timeoutInMillis: unknown): boolean {
        ctx.exec.record('LockService', method, 'lock');
        const timeout = Number(timeoutInMillis);
        if (!Number.isFinite(timeout) || timeout < 0) fail(ctx, `Invalid argument: timeoutInMillis`);
        if (this.has) return true;
        if (!held.has(this.key)) {
          let remaining = Math.floor(timeout);
          const until = busyUntil(ctx, this.scope, this.user);
          const now = ctx.now();
          if (until > now) {
            if (until - now > remaining) {
              ctx.exec.wait(remaining);
              return false;
            }
            ctx.exec.wait(until - now);
            remaining -= until - now;
          }
          const scheduler = ctx.exec.scheduler;
          if (scheduler) {
            // Another execution running now may hold it: wait for its release, up to the timeout.
            for (;;) {
              const holder = ctx.slice('lock', init).byExecution?.[this.key];
              if (!holder || holder.id === scheduler.id) break;
              const { free, waitedMs } = scheduler.waitForLock(ctx.exec, this.key, remaining);
              ctx.exec.wait(waitedMs);
              remaining -= waitedMs;
              if (!free) return false;
            }
            (ctx.slice('lock', init).byExecution ??= {})[this.key] = { id: scheduler.id, sinceMs: ctx.now() };
          }
        }
        this.has = true;
        held.set(this.key, (held.get(this.key) ?? 0) + 1);
        return true;
      }
      tryLock(timeoutInMillis: unknown): boolean {
        return this.acquire('tryLock', timeoutInMillis);
      }
      waitLock(timeoutInMillis: unknown): void {
        if (!this.acquire('waitLock', timeoutInMillis)) fail(ctx, LOCK_TIMEOUT_MESSAGE);
      }
      hasLock(): boolean {
        ctx.exec.record('LockService', 'hasLock', 'local');
        return this.has;
      }
      releaseLock(): void {
        ctx.exec.record('LockService', 'releaseLock', 'local');
        if (!this.has) return;
        this.has = false;
        const n = (held.get(this.key) ?? 1) - 1;
        if (n > 0) {
          held.set(this.key, n);
          return;
        }
        held.delete(this.key);
        const scheduler = ctx.exec.scheduler;
        const data = ctx.slice('lock', init);
        if (scheduler && data.byExecution?.[this.key]?.id === scheduler.id) {
          delete data.byExecution[this.key];
          (data.releasedAtMs ??= {})[this.key] = ctx.now();
        }
      }
      toString(): string {
        return 'Lock';
      }
    }

    const LockService = {
      getScriptLock: () => new SandboxLock('script', ''),
      getUserLock: () => new SandboxLock('user', ctx.exec.effectiveUser),
      getDocumentLock: () => new SandboxLock('document', ''),
    };
    return { LockService };
  },
};
