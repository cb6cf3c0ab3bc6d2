/**
 * Executions that run at the same time. Apps Script runs up to 30 executions of a user at once, and
 * they interleave between service calls; script code in node:vm is synchronous, so each concurrent
 * execution runs in its own worker thread with its own copy of the sandbox, and a scheduler on the
 * calling thread lets one of them run at a time:
 *
 * - at every service call an execution stops (Atomics.wait on a SharedArrayBuffer) and hands the
 *   state and its clock back; the scheduler gives the next turn to the execution whose clock is
 *   earliest (a discrete-event simulation), ties broken by a seeded random choice;
 * - every service call's modeled cost varies by a seeded factor (service latency is not constant),
 *   and each execution starts after a seeded delay, so different seeds give different
 *   interleavings while one seed always gives the same one;
 * - the state is handed over as JSON and patched into the receiving worker's state in place (so
 *   objects a service holds stay the same objects);
 * - a lock held by another execution blocks: the waiter sleeps until the holder releases it (and
 *   gets it at the release time) or until its timeout passes on the holder's clock.
 *
 * By default the clock of a concurrent execution counts modeled time only (not the host's running
 * time), so a seed replays identically.
 */
import path from 'node:path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ExecutionKind, UiReply } from './execution';
import type { ExecutionResult } from './execution';
import type { SandboxState } from './state';

/** What a concurrent run needs of the sandbox: its state, replaced at the end. */
interface StateHolder {
  state: SandboxState;
}

/** Apps Script's limit of simultaneous executions per user. */
export const MAX_CONCURRENT = 30;

export interface ConcurrentJob {
  functionName: string;
  kind?: ExecutionKind;
  user?: string;
  effectiveUser?: string;
  budgetMs?: number;
  replies?: UiReply[];
  /** Arguments (structured-cloneable: they cross to a worker thread). */
  args?: unknown[];
}

export interface ConcurrentOptions {
  /** Seeds the scheduler: the same seed replays the same interleaving. Default 1. */
  seed?: number;
  /** How much a call's modeled cost varies: each costs (1 ± jitter) times its model. Default 0.5. */
  jitter?: number;
  /** Executions start within this many ms of each other (seeded). Default 100. */
  maxStartDelayMs?: number;
  /** Count the host's running time in the executions' clocks (breaks exact replay). Default false. */
  countRunningTime?: boolean;
}

export interface ConcurrentRun {
  seed: number;
  /** One result per job, in the order of the jobs. */
  results: ExecutionResult[];
  /** The job index of each turn, in order (compare two runs of a seed). */
  schedule: number[];
}

/** A small seeded PRNG (mulberry32): numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Messages between the scheduler and a worker. */
export type ToWorker =
  | { type: 'start'; job: ConcurrentJob; id: string; clockMs: number; seed: number; jitter: number; countRunningTime: boolean; state?: string }
  | { type: 'turn'; state?: string }
  | { type: 'lock'; free: boolean; waitedMs: number; state?: string };

interface Snapshot {
  state: string;
  now: number;
  locks: Record<string, string>;
  released: Record<string, number>;
}
export type FromWorker =
  | ({ type: 'yield' } & Snapshot)
  | ({ type: 'block'; key: string; timeoutMs: number } & Snapshot)
  | ({ type: 'done'; result: ExecutionResult } & Snapshot)
  | { type: 'fatal'; message: string };

export interface WorkerConfig {
  projectDir: string;
  owner: string;
  webAppUrl: string;
}

const BOOT = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
try {
  require(workerData.tsx);
  require(workerData.entry);
} catch (e) {
  workerData.port.postMessage({ type: 'fatal', message: String(e && e.stack || e) });
  const sig = new Int32Array(workerData.signals);
  Atomics.store(sig, 0, 1);
  Atomics.notify(sig, 0);
}
`;

/** Worker threads kept for a sandbox's concurrent runs (started on first use). */
export class WorkerPool {
  readonly signals = new Int32Array(new SharedArrayBuffer(4 * (1 + MAX_CONCURRENT)));
  private readonly workers: Array<{ worker: Worker; port: MessagePort }> = [];

  constructor(private readonly config: WorkerConfig) {}

  ensure(n: number): void {
    while (this.workers.length < n) {
      const index = this.workers.length;
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(BOOT, {
        eval: true,
        workerData: {
          tsx: require.resolve('tsx/cjs'),
          entry: path.join(__dirname, 'concurrent-worker.ts'),
          port: port2,
          signals: this.signals.buffer,
          index,
          config: this.config,
        },
        transferList: [port2],
      });
      worker.unref();
      port1.unref();
      this.workers.push({ worker, port: port1 });
    }
  }

  send(i: number, msg: ToWorker): void {
    this.workers[i].port.postMessage(msg);
    Atomics.store(this.signals, 1 + i, 1);
    Atomics.notify(this.signals, 1 + i);
  }

  /** Blocks until worker i answers (only one worker runs at a time). */
  receive(i: number): FromWorker {
    const started = Date.now();
    for (;;) {
      Atomics.wait(this.signals, 0, 0, 1000);
      if (Atomics.load(this.signals, 0) === 1) {
        Atomics.store(this.signals, 0, 0);
        for (let spins = 0; spins < 1e6; spins++) {
          const m = receiveMessageOnPort(this.workers[i].port);
          if (m) return m.message as FromWorker;
        }
        throw new Error('A concurrent execution signalled without a message.');
      }
      // A worker that neither answers nor stops (it cannot: its own vm timeout ends a runaway script).
      if (Date.now() - started > 15 * 60_000) throw new Error('A concurrent execution stopped answering.');
    }
  }

  close(): void {
    for (const w of this.workers) void w.worker.terminate();
    this.workers.length = 0;
  }
}

interface Slot {
  status: 'new' | 'ready' | 'blocked' | 'done';
  now: number;
  seen: number;
  block?: { key: string; since: number; deadline: number; timeoutMs: number };
  grant?: { free: boolean; waitedMs: number };
  result?: ExecutionResult;
  seed: number;
}

export function runConcurrent(sb: StateHolder, pool: WorkerPool, jobs: ConcurrentJob[], options: ConcurrentOptions): ConcurrentRun {
  if (jobs.length === 0) return { seed: options.seed ?? 1, results: [], schedule: [] };
  if (jobs.length > MAX_CONCURRENT) throw new Error(`At most ${MAX_CONCURRENT} executions run at once.`);
  const seed = options.seed ?? 1;
  const rng = seededRandom(seed);
  const jitter = Math.min(0.95, Math.max(0, options.jitter ?? 0.5));
  const maxStart = Math.max(0, options.maxStartDelayMs ?? 100);
  pool.ensure(jobs.length);
  const base = sb.state.clockMs;
  let stateJson = JSON.stringify(sb.state);
  let version = 1;
  let locks: Record<string, string> = {};
  let released: Record<string, number> = {};
  const ids = jobs.map((_, i) => `e${i + 1}`);
  const slots: Slot[] = jobs.map(() => ({ status: 'new', now: base + Math.floor(rng() * maxStart), seen: 0, seed: Math.floor(rng() * 2 ** 32) }));
  const schedule: number[] = [];
  const isReady = (s: Slot) => s.status === 'new' || s.status === 'ready';

  for (;;) {
    // A blocked execution whose lock was released gets it at the release time (if before its deadline).
    for (const s of slots) {
      if (s.status !== 'blocked' || !s.block) continue;
      if (locks[s.block.key]) continue;
      const at = Math.max(s.block.since, released[s.block.key] ?? s.block.since);
      s.grant = at <= s.block.deadline ? { free: true, waitedMs: at - s.block.since } : { free: false, waitedMs: s.block.timeoutMs };
      s.now = Math.min(at, s.block.deadline);
      s.status = 'ready';
    }
    // One whose deadline passed on every running clock times out.
    const ready = slots.filter(isReady);
    const minReady = ready.length ? Math.min(...ready.map((s) => s.now)) : Infinity;
    const blocked = slots.filter((s) => s.status === 'blocked');
    const expired = ready.length ? blocked.filter((s) => (s.block as Slot['block'] & object).deadline < minReady) : blocked.sort((a, b) => (a.block?.deadline ?? 0) - (b.block?.deadline ?? 0)).slice(0, 1);
    for (const s of expired) {
      const b = s.block as NonNullable<Slot['block']>;
      s.grant = { free: false, waitedMs: b.timeoutMs };
      s.now = b.deadline;
      s.status = 'ready';
    }
    const candidates = slots.map((s, i) => i).filter((i) => isReady(slots[i]));
    if (candidates.length === 0) break;
    const earliest = Math.min(...candidates.map((i) => slots[i].now));
    const tied = candidates.filter((i) => slots[i].now === earliest);
    const i = tied[Math.floor(rng() * tied.length)];
    const s = slots[i];
    schedule.push(i);
    const state = s.seen === version ? undefined : stateJson;
    s.seen = version;
    if (s.status === 'new') {
      pool.send(i, { type: 'start', job: jobs[i], id: ids[i], clockMs: s.now, seed: s.seed, jitter, countRunningTime: options.countRunningTime ?? false, state });
    } else if (s.grant) {
      pool.send(i, { type: 'lock', ...s.grant, state });
      s.grant = undefined;
    } else {
      pool.send(i, { type: 'turn', state });
    }
    const msg = pool.receive(i);
    if (msg.type === 'fatal') throw new Error(`A concurrent execution failed in the sandbox: ${msg.message}`);
    stateJson = msg.state;
    version++;
    s.seen = version;
    locks = msg.locks;
    released = msg.released;
    s.now = msg.now;
    if (msg.type === 'yield') s.status = 'ready';
    else if (msg.type === 'block') {
      s.status = 'blocked';
      s.block = { key: msg.key, since: msg.now, deadline: msg.now + msg.timeoutMs, timeoutMs: msg.timeoutMs };
    } else {
      s.status = 'done';
      s.result = msg.result;
    }
  }
  sb.state = JSON.parse(stateJson) as SandboxState;
  return { seed, results: slots.map((s) => s.result as ExecutionResult), schedule };
}
