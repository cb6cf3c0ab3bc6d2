/** ScriptApp's project triggers: which handlers have one, installing, deleting, one-shot runs. */

/** How an installable trigger runs. */
export type TriggerKind = { daily: { atHour: number } } | { everyHours: number } | { everyMinutes: 1 | 5 | 10 | 15 | 30 };

/** The handler function names that have a project trigger. */
export function handlersInstalled(): Set<string> {
  return new Set(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()));
}

/** Installs a time-based trigger for `handler`. */
export function install(handler: string, kind: TriggerKind): void {
  const b = ScriptApp.newTrigger(handler);
  if ('daily' in kind) b.timeBased().everyDays(1).atHour(kind.daily.atHour).create();
  else if ('everyMinutes' in kind) b.timeBased().everyMinutes(kind.everyMinutes).create();
  else b.timeBased().everyHours(kind.everyHours).create();
}

/** Deletes the project triggers whose handler is one of `handlers`; returns how many. */
export function deleteTriggersFor(handlers: string | ReadonlyArray<string>): number {
  const mine = new Set(typeof handlers === 'string' ? [handlers] : handlers);
  let n = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    if (mine.has(t.getHandlerFunction())) {
      ScriptApp.deleteTrigger(t);
      n++;
    }
  }
  return n;
}

/** A trigger made in this execution: it can be deleted without listing the project's triggers. */
export class MadeTrigger {
  /** @internal Adapters only. */
  constructor(private readonly trigger: GoogleAppsScript.Script.Trigger) {}

  /** Deletes it (ScriptApp.deleteTrigger: one call). */
  delete(): void {
    ScriptApp.deleteTrigger(this.trigger);
  }
}

/** A one-shot trigger that runs `handler` once, about `ms` milliseconds from now. */
export function runOnceAfter(handler: string, ms: number): MadeTrigger {
  return new MadeTrigger(ScriptApp.newTrigger(handler).timeBased().after(ms).create());
}

/**
 * Whether this execution is the firing of one of the running user's own installed triggers for
 * `handler`: Apps Script passes time-driven handlers an event with the trigger's id, and lists
 * only the running user's triggers. A call through google.script.run or the script editor (no
 * event, or an event naming someone else's trigger) is not.
 */
export function firedByOwnTrigger(handler: string, event: unknown): boolean {
  const uid = typeof event === 'object' && event !== null ? (event as { triggerUid?: unknown }).triggerUid : undefined;
  if (typeof uid !== 'string' && typeof uid !== 'number') return false;
  return ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === String(uid) && t.getHandlerFunction() === handler);
}
