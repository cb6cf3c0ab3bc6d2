/**
 * The contract between the sandbox core and each service implementation.
 *
 * A service module installs globals (SpreadsheetApp, MailApp, ...) into one execution's context.
 * It keeps its persistent data in `ctx.slice(name, init)` (JSON-serializable, dates as epoch ms)
 * and calls `ctx.exec.record(service, method, cost)` on every method Apps Script would bill.
 */
import type { Execution } from './execution';
import type { Project } from './project';
import type { SandboxState } from './state';

export interface ServiceContext {
  state: SandboxState;
  exec: Execution;
  project: Project;
  /** The script's time zone (manifest timeZone, default America/New_York as Apps Script's). */
  timeZone: string;
  /** Current time inside this execution: the sandbox clock plus the modeled time spent so far. */
  now(): number;
  /** The Date class of the script's context (new Date() reads the sandbox clock). Use it for every Date handed to script code. */
  Date: DateConstructor;
  /** A JSON-serializable slice of persistent state owned by one service. */
  slice<T>(name: string, init: () => T): T;
  /** A fresh id (file ids look like Drive's, 'number' ids are numeric strings). */
  newId(kind?: 'file' | 'number'): string;
  /** Runs source code in the script's global scope (used by HtmlService scriptlets). */
  evalInScript(source: string, filename?: string): unknown;
  /** The web app's /exec URL (ScriptApp.getService().getUrl()). */
  webAppUrl: string;
  scriptId: string;
  /** Throws an Error made in the script's realm (so `e instanceof Error` holds in script code). */
  fail(message: string, name?: string): never;
  /** Values other services published for this execution (e.g. the active spreadsheet's id). */
  shared: Record<string, unknown>;
}

export interface ServiceModule {
  /** A short name, e.g. 'spreadsheet'. */
  name: string;
  /** Globals this module defines for one execution. */
  install(ctx: ServiceContext): Record<string, unknown>;
}
