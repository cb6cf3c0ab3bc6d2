/**
 * The sandbox: loads an Apps Script project and runs its functions in node:vm, one fresh global
 * scope per execution (as Apps Script does), with in-process implementations of its services.
 *
 * Knows nothing of the project it runs. State persists in a data folder between executions.
 */
import vm from 'node:vm';
import path from 'node:path';
import { Execution, ExecutionKind, UiReply } from './execution';
import { loadProject, Project } from './project';
import type { ServiceContext, ServiceModule } from './service';
import { newId as makeId, newState, SandboxState, slice as makeSlice, StateStore } from './state';
import { SERVICE_MODULES } from './services';
import { NeedsReplyError } from './errors';

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
}

export interface ExecutionResult {
  functionName: string;
  kind: ExecutionKind;
  user: string;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string; stack?: string };
  /** Set when an alert/prompt had no queued reply: the workbench asks, then runs again with it. */
  needsReply?: NeedsReplyError['request'];
  timedOut: boolean;
  modeledMs: number;
  calls: Execution['calls'];
  callsByService: Record<string, number>;
  ui: Execution['ui'];
  logs: string[];
  startedAtMs: number;
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

  constructor(readonly options: SandboxOptions) {
    this.project = loadProject(path.resolve(options.projectDir));
    this.services = options.services ?? SERVICE_MODULES;
    this.webAppUrl = options.webAppUrl ?? `http://127.0.0.1:8080/macros/s/${'sandbox-script'}/exec`;
    if (options.dataDir) this.store = new StateStore(options.dataDir);
    this.state = this.store?.load() ?? newState(options.owner ?? DEFAULT_OWNER, options.clockMs ?? Date.now());
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

  private createContext(exec: Execution): { context: vm.Context; globals: Record<string, unknown>; ctx: ServiceContext } {
    const state = this.state;
    const clock = state.clockMs;
    const now = () => clock + exec.modeledMs;
    const HostDate = Date;
    // new Date() and Date.now() read the sandbox clock; everything else is the host's Date.
    const SandboxDate = class extends HostDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(now());
        else super(...(args as [string]));
      }
      static override now(): number {
        return now();
      }
    } as unknown as DateConstructor;
    const context = vm.createContext({});
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
    globals.Date = SandboxDate;
    for (const m of this.services) Object.assign(globals, m.install(ctx));
    for (const s of this.scripts()) s.runInContext(context);
    return { context, globals, ctx };
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
    });
    const startedAtMs = this.state.clockMs;
    const result: ExecutionResult = {
      functionName,
      kind,
      user,
      ok: false,
      timedOut: false,
      modeledMs: 0,
      calls: exec.calls,
      callsByService: {},
      ui: exec.ui,
      logs: exec.logs,
      startedAtMs,
    };
    try {
      const { globals, ctx } = this.createContext(exec);
      const fn = globals[functionName];
      if (typeof fn !== 'function') {
        throw new Error(`Script function not found: ${functionName}`);
      }
      const args = typeof opts.args === 'function' ? opts.args(globals, ctx) : (opts.args ?? []);
      result.value = (fn as (...a: unknown[]) => unknown)(...args);
      result.ok = !exec.timedOut;
      if (exec.timedOut) result.error = { name: 'Exception', message: 'Exceeded maximum execution time' };
    } catch (err) {
      if (err instanceof NeedsReplyError) result.needsReply = err.request;
      const e = err as Error;
      result.error = exec.timedOut
        ? { name: 'Exception', message: 'Exceeded maximum execution time' }
        : { name: e?.name ?? 'Error', message: e?.message ?? String(err), stack: e?.stack };
    }
    if (exec.waitingFor) {
      // The script asked a question nobody has answered yet, even if it caught the error.
      result.needsReply = exec.waitingFor;
      result.ok = false;
      result.error = { name: 'NeedsReplyError', message: new NeedsReplyError(exec.waitingFor).message };
    }
    result.timedOut = exec.timedOut;
    result.modeledMs = exec.modeledMs;
    result.callsByService = exec.callsByService();
    this.history.push(result);
    if (this.history.length > 200) this.history.shift();
    this.save();
    return result;
  }
}
