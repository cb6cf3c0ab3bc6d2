/**
 * One worker thread of the concurrent scheduler (see concurrent.ts): it keeps a sandbox of the same
 * project, runs the executions it is given one at a time, and at every service call hands the state
 * back to the scheduler and waits for its next turn.
 */
import { MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { Sandbox } from './sandbox';
import type { Execution, ExecutionScheduler } from './execution';
import type { FromWorker, ToWorker, WorkerConfig } from './concurrent';
import { seededRandom } from './concurrent';
import { executionLocks, releaseExecutionLocks } from './services/lock';

const { port, signals, index, config } = workerData as { port: MessagePort; signals: SharedArrayBuffer; index: number; config: WorkerConfig };
const sig = new Int32Array(signals);
const sandbox = new Sandbox({ projectDir: config.projectDir, owner: config.owner, webAppUrl: config.webAppUrl });

function waitTurn(): ToWorker {
  for (;;) {
    Atomics.wait(sig, 1 + index, 0);
    if (Atomics.load(sig, 1 + index) === 1) {
      Atomics.store(sig, 1 + index, 0);
      for (;;) {
        const m = receiveMessageOnPort(port);
        if (m) return m.message as ToWorker;
      }
    }
  }
}

function post(msg: FromWorker): void {
  port.postMessage(msg);
  Atomics.store(sig, 0, 1);
  Atomics.notify(sig, 0);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object';

/** Makes `target` equal to `source`, keeping the identity of objects found at the same path. */
export function patchInPlace(target: Record<string, Json> | Json[], source: Record<string, Json> | Json[]): void {
  if (Array.isArray(target) && Array.isArray(source)) {
    if (target.length > source.length) target.length = source.length;
    source.forEach((v, i) => {
      const t = target[i];
      if (isObject(t) && isObject(v) && Array.isArray(t) === Array.isArray(v)) patchInPlace(t, v);
      else target[i] = v;
    });
    return;
  }
  const t = target as Record<string, Json>;
  const s = source as Record<string, Json>;
  for (const k of Object.keys(t)) if (!Object.prototype.hasOwnProperty.call(s, k)) delete t[k];
  for (const k of Object.keys(s)) {
    const a = t[k];
    const b = s[k];
    if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) patchInPlace(a, b);
    else t[k] = b;
  }
}

function applyState(json: string | undefined): void {
  if (json !== undefined) patchInPlace(sandbox.state as unknown as Record<string, Json>, JSON.parse(json) as Record<string, Json>);
}

function snapshot(now: number): { state: string; now: number; locks: Record<string, string>; released: Record<string, number> } {
  const { held, releasedAtMs } = executionLocks(sandbox.state);
  return { state: JSON.stringify(sandbox.state), now, locks: held, released: releasedAtMs };
}

/** A result that can cross to the scheduler's thread (a returned function or host object cannot). */
function cloneable<T>(v: T): T {
  try {
    return structuredClone(v);
  } catch {
    return JSON.parse(JSON.stringify(v) ?? 'null') as T;
  }
}

for (;;) {
  const start = waitTurn();
  if (start.type !== 'start') continue;
  applyState(start.state);
  const rng = seededRandom(start.seed);
  const clockOf = (exec: Execution) => start.clockMs + exec.elapsedMs();
  const scheduler: ExecutionScheduler = {
    id: start.id,
    yieldTurn(exec) {
      exec.pause();
      post({ type: 'yield', ...snapshot(clockOf(exec)) });
      const m = waitTurn();
      applyState(m.state);
      exec.resume();
    },
    waitForLock(exec, key, timeoutMs) {
      exec.pause();
      post({ type: 'block', key, timeoutMs, ...snapshot(clockOf(exec)) });
      const m = waitTurn();
      applyState(m.state);
      exec.resume();
      return m.type === 'lock' ? { free: m.free, waitedMs: m.waitedMs } : { free: false, waitedMs: 0 };
    },
    costFactor: () => 1 - start.jitter + 2 * start.jitter * rng(),
  };
  try {
    const { job } = start;
    const result = sandbox.run(job.functionName, {
      kind: job.kind,
      user: job.user,
      effectiveUser: job.effectiveUser,
      budgetMs: job.budgetMs,
      replies: job.replies,
      args: job.args,
      clockMs: start.clockMs,
      countRunningTime: start.countRunningTime,
      scheduler,
    });
    const endMs = result.startedAtMs + result.modeledMs + result.cpuMs;
    // Apps Script releases the locks of an execution when it ends.
    releaseExecutionLocks(sandbox.state, start.id, endMs);
    post({ type: 'done', result: cloneable(result), ...snapshot(endMs) });
  } catch (e) {
    post({ type: 'fatal', message: String((e as Error)?.stack ?? e) });
  }
}
