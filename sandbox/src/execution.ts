/**
 * One Apps Script execution: who runs it, how it was started, its time budget and the record of
 * every service call with its modeled cost. Services call `exec.record(...)` on every method.
 */
import { COST_MS, CostKey, DEFAULT_BUDGET_MS, SIMPLE_TRIGGER_BUDGET_MS } from './cost-model';
import { AuthorizationError, NeedsReplyError, TimeLimitError } from './errors';

export type ExecutionKind =
  /** The script editor's Run button. */
  | 'editor'
  /** A custom menu item clicked in the Sheets UI. */
  | 'menu'
  /** google.script.run from a sidebar, dialog or web-app page. */
  | 'scriptRun'
  /** onOpen/onEdit simple triggers: AuthMode.LIMITED, 30 s, no services that need authorization. */
  | 'simpleTrigger'
  /** An installable trigger (time-driven, onEdit, onOpen), running as the user who created it. */
  | 'trigger'
  /** doGet/doPost of the web app. */
  | 'webapp';

export interface CallRecord {
  service: string;
  method: string;
  ms: number;
}

export type UiEvent =
  | { type: 'toast'; message: string; title: string; timeoutSeconds: number }
  | { type: 'alert'; title: string; prompt: string; buttons: string; reply: string }
  | { type: 'prompt'; title: string; prompt: string; buttons: string; reply: string; text: string }
  | { type: 'sidebar'; title: string; html: string; width?: number }
  | { type: 'dialog'; title: string; html: string; modal: boolean; width?: number; height?: number }
  | { type: 'menu'; name: string; items: Array<{ caption: string; functionName: string } | { separator: true }>; addon: boolean };

export interface UiReply {
  /** For alerts: the button pressed (OK, CANCEL, YES, NO, CLOSE). For prompts: the button, and the text. */
  button: string;
  text?: string;
}

export interface ExecutionOptions {
  kind: ExecutionKind;
  /** The person at the keyboard (Session.getActiveUser); '' when Apps Script would not tell. */
  activeUser: string;
  /** The account the code runs as (Session.getEffectiveUser). */
  effectiveUser: string;
  budgetMs?: number;
  /** Replies for alerts and prompts, used in order. */
  replies?: UiReply[];
  /** The function being run, for the executions log. */
  functionName: string;
  /** Whether the script's own running time moves its clock (default true). */
  countRunningTime?: boolean;
}

/**
 * How an execution that runs alongside others (Sandbox.runConcurrent) hands over control: at
 * every service call it yields to the scheduler, and a lock held by another execution blocks it.
 */
export interface ExecutionScheduler {
  /** This execution's id among the concurrent ones. */
  readonly id: string;
  /** A service-call boundary: another execution may run before this one goes on. */
  yieldTurn(exec: Execution): void;
  /**
   * Waits until the lock `key`, held by another execution, is released, for at most `timeoutMs` of
   * this execution's time. Returns the time waited and whether the lock is free now.
   */
  waitForLock(exec: Execution, key: string, timeoutMs: number): { free: boolean; waitedMs: number };
  /** A seeded factor (around 1) for the modeled cost of the next call: service latency varies. */
  costFactor(): number;
}

export class Execution {
  readonly kind: ExecutionKind;
  readonly activeUser: string;
  readonly effectiveUser: string;
  readonly functionName: string;
  readonly budgetMs: number;
  readonly calls: CallRecord[] = [];
  readonly ui: UiEvent[] = [];
  readonly logs: string[] = [];
  modeledMs = 0;
  timedOut = false;
  /** Set by Sandbox.runConcurrent: the scheduler that interleaves this execution with others. */
  scheduler?: ExecutionScheduler;
  /** Host time (performance.now) when the script started running; undefined before. */
  private startedReal?: number;
  /** Host time spent not running (waiting for a turn under the concurrent scheduler). */
  private pausedMs = 0;
  private pausedAt?: number;
  private readonly countRunningTime: boolean;
  /**
   * Set when an alert/prompt had no queued reply. From then on every service call throws again,
   * so a script that catches the first throw cannot carry on as if the person had answered.
   */
  waitingFor?: NeedsReplyError['request'];
  private readonly replies: UiReply[];

  constructor(opts: ExecutionOptions) {
    this.kind = opts.kind;
    this.activeUser = opts.activeUser;
    this.effectiveUser = opts.effectiveUser;
    this.functionName = opts.functionName;
    this.budgetMs = opts.budgetMs ?? (opts.kind === 'simpleTrigger' ? SIMPLE_TRIGGER_BUDGET_MS : DEFAULT_BUDGET_MS);
    this.replies = [...(opts.replies ?? [])];
    this.countRunningTime = opts.countRunningTime ?? true;
  }

  /** Starts counting the script's own running time (its CPU time, measured on the host). */
  startClock(): void {
    this.startedReal ??= performance.now();
  }

  /** Stops counting running time while the execution waits for its turn (concurrent runs). */
  pause(): void {
    if (this.pausedAt === undefined) this.pausedAt = performance.now();
  }
  resume(): void {
    if (this.pausedAt !== undefined) this.pausedMs += performance.now() - this.pausedAt;
    this.pausedAt = undefined;
  }

  /** The script's own running time so far, in ms (host time, excluding waits for a turn). */
  cpuMs(): number {
    if (this.startedReal === undefined || !this.countRunningTime) return 0;
    const end = this.pausedAt ?? performance.now();
    return Math.max(0, Math.floor(end - this.startedReal - this.pausedMs));
  }

  /** Time this execution has taken: modeled service time plus its own running time. */
  elapsedMs(): number {
    return this.modeledMs + this.cpuMs();
  }

  /** Throws Apps Script's time-limit error once the budget is spent (and on every check after). */
  checkTime(): void {
    if (this.timedOut) throw new TimeLimitError();
    if (this.elapsedMs() > this.budgetMs) {
      this.timedOut = true;
      throw new TimeLimitError();
    }
  }

  /**
   * Records one service call. `cost` is a key of the cost model or a number of ms.
   * Throws Apps Script's time-limit error once the budget is spent (and on every call after).
   * Under the concurrent scheduler, a call is where another execution may take a turn.
   */
  record(service: string, method: string, cost: CostKey | number = 'local', extraMs = 0): void {
    if (this.timedOut) throw new TimeLimitError();
    if (this.waitingFor) throw new NeedsReplyError(this.waitingFor);
    this.scheduler?.yieldTurn(this);
    const base = (typeof cost === 'number' ? cost : COST_MS[cost]) + extraMs;
    const ms = this.scheduler ? Math.round(base * this.scheduler.costFactor()) : base;
    this.calls.push({ service, method, ms });
    this.modeledMs += ms;
    this.checkTime();
  }

  /** Adds modeled time that is not a service call (Utilities.sleep, waiting for a lock). */
  wait(ms: number): void {
    if (this.timedOut) throw new TimeLimitError();
    if (this.waitingFor) throw new NeedsReplyError(this.waitingFor);
    this.modeledMs += ms;
    this.checkTime();
  }

  /** Simple triggers may not use services that need authorization (MailApp, DriveApp, ...). */
  requireAuth(what: string): void {
    if (this.kind === 'simpleTrigger') throw new AuthorizationError(what);
  }

  /** The next queued reply for an alert or prompt; without one, the caller must ask the user. */
  takeReply(request: { kind: 'alert' | 'prompt'; title: string; prompt: string; buttons: string }): UiReply {
    if (this.waitingFor) throw new NeedsReplyError(this.waitingFor);
    const r = this.replies.shift();
    if (!r) {
      this.waitingFor = request;
      throw new NeedsReplyError(request);
    }
    return r;
  }

  /** Calls per service, e.g. { SpreadsheetApp: 12, MailApp: 1 }. */
  callsByService(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls) out[c.service] = (out[c.service] ?? 0) + 1;
    return out;
  }

  /** Calls per "Service.method". */
  callsByMethod(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls) {
      const k = `${c.service}.${c.method}`;
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  }
}

/** What one execution did: its value or error, its UI, its calls and modeled time. */
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
  /** Modeled service time (service calls, sleeps, lock waits). */
  modeledMs: number;
  /** The script's own running time, measured on the host. */
  cpuMs: number;
  calls: Execution['calls'];
  callsByService: Record<string, number>;
  ui: Execution['ui'];
  logs: string[];
  startedAtMs: number;
}
