/**
 * Errors the sandbox throws into script code. Messages are Apps Script's own wording where the
 * documentation or the platform gives one, so script code and tests see what they would see live.
 */
export class ScriptError extends Error {
  constructor(message: string, name = 'Exception') {
    super(message);
    this.name = name;
  }
}

/** Thrown once an execution has used up its time budget. Further service calls throw it again. */
export class TimeLimitError extends ScriptError {
  constructor() {
    super('Exceeded maximum execution time', 'Exception');
  }
}

/** Thrown when a simple trigger calls a service that needs authorization. */
export class AuthorizationError extends ScriptError {
  constructor(what: string) {
    super(`You do not have permission to call ${what}`, 'Exception');
  }
}

/** Thrown by Ui prompts/alerts when no reply is queued (the workbench then asks the user). */
export class NeedsReplyError extends Error {
  constructor(public readonly request: { kind: 'alert' | 'prompt'; title: string; prompt: string; buttons: string }) {
    super(`The script is waiting for a reply to: ${request.title || request.prompt}`);
    this.name = 'NeedsReplyError';
  }
}
