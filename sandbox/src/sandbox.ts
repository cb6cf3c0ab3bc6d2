/**
 * The sandbox: loads an Apps Script project and runs its functions in node:vm, one fresh global
 * scope per execution (as Apps Script does), with in-process implementations of its services.
 *
 * Knows nothing of the project it runs. State persists in a data folder between executions.
 */
import vm from 'node:vm';
import path from 'node:path';
import { Execution, ExecutionKind, ExecutionResult, ExecutionScheduler, UiReply } from './execution';

export type { ExecutionResult };
import { ConcurrentJob, ConcurrentOptions, ConcurrentRun, runConcurrent, WorkerPool } from './concurrent';
import { loadProject, Project } from './project';
import type { ServiceContext, ServiceModule } from './service';
import { newId as makeId, newState, SandboxState, slice as makeSlice, StateStore } from './state';
import { SERVICE_MODULES } from './services';
import { setMailQuota } from './services/mail';
import { NeedsReplyError } from './errors';
import { installZonedDate } from './zoned-date';
import { callInContext, cleanStack, hideHostObjects, isHostTimeout, namespaceNames, remainingMs } from './script-realm';

export interface SandboxOptions {
  /** The project folder (appsscript.json + scripts + html). */
  projectDir: string;
  /** Where state is kept. Without it, state lives in memory only (tests). */
  dataDir?: string;
  /** The owner of a new workbook. */
  owner?: string;
  /** The initial clock of a new state (epoch ms). */
  clockMs?: number;
  /** The web app's base URL; ScriptApp.getService().getUrl() returns it. */
  webAppUrl?: string;
  /** Service modules to install (default: all). */
  services?: ServiceModule[];
  /**
   * MailApp's daily recipient quota: 100 for a consumer account (the default of a new state), 1,500
   * for Google Workspace. When given, it is written into the state (it persists).
   */
  mailQuota?: number;
}

export interface RunOptions {
  kind?: ExecutionKind;
  /** Who is at the keyboard. Default: the owner. */
  user?: string;
  /** Who the code runs as. Default: the user (the owner for web apps executing as the deployer). */
  effectiveUser?: string;
  budgetMs?: number;
  replies?: UiReply[];
  /** Arguments, or a builder that makes them inside the execution (e.g. an onEdit event with a Range). */
  args?: unknown[] | ((globals: Record<string, unknown>, ctx: ServiceContext) => unknown[]);
  /** The clock the execution starts at (default: the sandbox clock). */
  clockMs?: number;
  /** Whether the script's own running time moves its clock and counts against its budget (default true). */
  countRunningTime?: boolean;
  /** Set by runConcurrent: interleaves this execution with others. */
  scheduler?: ExecutionScheduler;
}


const DEFAULT_OWNER = 'owner@example.org';

export class Sandbox {
  readonly project: Project;
  readonly store?: StateStore;
  state: SandboxState;
  webAppUrl: string;
  readonly services: ServiceModule[];
  /** The last executions, newest last (the workbench shows them). */
  readonly history: ExecutionResult[] = [];
  private compiled?: vm.Script[];
  private pool?: WorkerPool;

  constructor(readonly options: SandboxOptions) {
    this.project = loadProject(path.resolve(options.projectDir));
    this.services = options.services ?? SERVICE_MODULES;
    this.webAppUrl = options.webAppUrl ?? `http://127.0.0.1:8080/macros/s/${'sandbox-script'}/exec`;
    if (options.dataDir) this.store = new StateStore(options.dataDir);
    this.state = this.store?.load() ?? newState(options.owner ?? DEFAULT_OWNER, options.clockMs ?? Date.now());
    if (options.mailQuota !== undefined) setMailQuota(this.state, options.mailQuota);
  }

  get timeZone(): string {
    return this.project.manifest.timeZone ?? 'America/New_York';
  }

  get scriptId(): string {
    return 'sandbox-script';
  }

  /** Starts over: a new, empty state owned by `owner`. */
  reset(owner?: string, clockMs?: number): void {
    this.state = newState(owner ?? this.state.owner, clockMs ?? this.state.clockMs);
    if (this.options.mailQuota !== undefined) setMailQuota(this.state, this.options.mailQuota);
    this.save();
  }

  /** While above 0, save() only notes that the state changed (see holdSaves). */
  private savesHeld = 0;
  private unsaved = false;

  save(): void {
    if (this.savesHeld > 0) {
      this.unsaved = true;
      return;
    }
    this.store?.save(this.state);
  }

  /**
   * Holds saving until the returned release function is called, then writes the state once.
   * Advancing the clock runs hundreds of executions; writing a large state after each one was
   * most of the time it took.
   */
  holdSaves(): () => void {
    this.savesHeld++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.savesHeld === 0 && this.unsaved) {
        this.unsaved = false;
        this.store?.save(this.state);
      }
    };
  }

  /**
   * Reloads the state if another process (the command line) saved it since this sandbox last read
   * or wrote it, so a running workbench and the CLI stay in step. Returns true when it reloaded.
   */
  reloadIfChanged(): boolean {
    if (!this.store || this.savesHeld > 0 || !this.store.changedOnDisk()) return false;
    const fresh = this.store.load();
    if (!fresh) return false;
    this.state = fresh;
    return true;
  }

  /** Sets the clock (no triggers fire; see the actions module for advancing with triggers). */
  setClock(ms: number): void {
    this.state.clockMs = ms;
    this.save();
  }

  private scripts(): vm.Script[] {
    if (!this.compiled) {
      this.compiled = this.project.scripts.map((f) => new vm.Script(f.source, { filename: f.file }));
    }
    return this.compiled;
  }

  /** Functions the project declares at top level (what the editor's Run menu lists). */
  globalFunctions(): string[] {
    const { globals } = this.createContext(new Execution({ kind: 'editor', activeUser: '', effectiveUser: '', functionName: '' }));
    return Object.keys(globals).filter((k) => typeof globals[k] === 'function');
  }

  private createContext(exec: Execution, clock = this.state.clockMs): { context: vm.Context; globals: Record<string, unknown>; ctx: ServiceContext } {
    const state = this.state;
    // The execution's clock: the sandbox clock when it started, plus the modeled time of its service
    // calls and waits, plus its own running time.
    const now = () => clock + exec.elapsedMs();
    const context = vm.createContext({});
    // Date in the context reads the sandbox clock and computes local time in the script's zone.
    // A script that polls Date.now() is stopped once its time is up, as Apps Script stops it.
    const SandboxDate = installZonedDate(context, this.timeZone, () => {
      exec.checkTime();
      return now();
    });
    hideHostObjects(context);
    const ctx: ServiceContext = {
      state,
      exec,
      project: this.project,
      timeZone: this.timeZone,
      now,
      Date: SandboxDate,
      slice: <T>(name: string, init: () => T) => makeSlice(state, name, init),
      newId: (kind) => makeId(state, kind),
      evalInScript: (source, filename) => vm.runInContext(source, context, { filename: filename ?? 'template' }),
      webAppUrl: this.webAppUrl,
      scriptId: this.scriptId,
      shared: {},
      fail: (message, name) => {
        const E = vm.runInContext('Error', context) as ErrorConstructor;
        const err = new E(message);
        if (name) err.name = name;
        throw err;
      },
    };
    const globals = context as unknown as Record<string, unknown>;
    for (const m of this.services) {
      const installed = m.install(ctx);
      for (const [name, value] of Object.entries(installed)) {
        if (value !== null && typeof value === 'object') namespaceNames.set(value, name);
      }
      Object.assign(globals, installed);
    }
    for (const s of this.scripts()) s.runInContext(context, { timeout: remainingMs(exec) });
    return { context, globals, ctx };
  }

  /**
   * Runs several executions at once, interleaved at service-call boundaries by a scheduler seeded
   * with `options.seed`: the same seed replays the same interleaving. Each execution runs in a
   * worker thread; the state is handed from one to the next at each turn. Returns when all ended.
   */
  runConcurrent(jobs: ConcurrentJob[], options: ConcurrentOptions = {}): ConcurrentRun {
    if (this.options.services) throw new Error('runConcurrent runs the standard services only (SandboxOptions.services is set).');
    this.pool ??= new WorkerPool({ projectDir: this.project.dir, owner: this.state.owner, webAppUrl: this.webAppUrl });
    let run: ConcurrentRun;
    try {
      run = runConcurrent(this, this.pool, jobs, options);
    } catch (err) {
      // Workers may be stopped in the middle of an execution: start afresh next time.
      this.close();
      throw err;
    }
    for (const r of run.results) {
      this.history.push(r);
      if (this.history.length > 200) this.history.shift();
    }
    this.save();
    return run;
  }

  /** Stops the worker threads runConcurrent started (they also stop with the process). */
  close(): void {
    this.pool?.close();
    this.pool = undefined;
  }

  /**
   * Runs one top-level function as one execution and saves the state afterwards.
   * Errors thrown by the script are caught and reported, as the Apps Script executions log does.
   */
  run(functionName: string, opts: RunOptions = {}): ExecutionResult {
    const kind = opts.kind ?? 'editor';
    const user = opts.user ?? this.state.owner;
    const effectiveUser =
      opts.effectiveUser ??
      (kind === 'webapp' && this.project.manifest.webapp?.executeAs !== 'USER_ACCESSING' ? this.state.owner : user || this.state.owner);
    const exec = new Execution({
      kind,
      activeUser: user,
      effectiveUser,
      budgetMs: opts.budgetMs,
      replies: opts.replies,
      functionName,
      countRunningTime: opts.countRunningTime,
    });
    exec.scheduler = opts.scheduler;
    const startedAtMs = opts.clockMs ?? this.state.clockMs;
    const result: ExecutionResult = {
      functionName,
      kind,
      user,
      ok: false,
      timedOut: false,
      modeledMs: 0,
      cpuMs: 0,
      calls: exec.calls,
      callsByService: {},
      ui: exec.ui,
      logs: exec.logs,
      startedAtMs,
    };
    exec.startClock();
    try {
      const { globals, ctx, context } = this.createContext(exec, startedAtMs);
      const fn = globals[functionName];
      if (typeof fn !== 'function') {
        throw new Error(`Script function not found: ${functionName}`);
      }
      const args = typeof opts.args === 'function' ? opts.args(globals, ctx) : (opts.args ?? []);
      result.value = callInContext(context, () => (fn as (...a: unknown[]) => unknown)(...args), remainingMs(exec));
      result.ok = !exec.timedOut;
      if (exec.timedOut) result.error = { name: 'Exception', message: 'Exceeded maximum execution time' };
    } catch (err) {
      if (err instanceof NeedsReplyError) result.needsReply = err.request;
      if (isHostTimeout(err)) exec.timedOut = true;
      const e = err as Error;
      result.error = exec.timedOut
        ? { name: 'Exception', message: 'Exceeded maximum execution time' }
        : { name: e?.name ?? 'Error', message: e?.message ?? String(err), stack: cleanStack(e?.stack, this.project, e?.name) };
    }
    if (exec.waitingFor) {
      // The script asked a question nobody has answered yet, even if it caught the error.
      result.needsReply = exec.waitingFor;
      result.ok = false;
      result.error = { name: 'NeedsReplyError', message: new NeedsReplyError(exec.waitingFor).message };
    }
    result.timedOut = exec.timedOut;
    result.modeledMs = exec.modeledMs;
    result.cpuMs = exec.cpuMs();
    // The sandbox clock moves on by the time the execution took, so the next one starts later.
    this.state.clockMs = Math.max(this.state.clockMs, startedAtMs + exec.elapsedMs());
    result.callsByService = exec.callsByService();
    this.history.push(result);
    if (this.history.length > 200) this.history.shift();
    this.save();
    return result;
  }
}
