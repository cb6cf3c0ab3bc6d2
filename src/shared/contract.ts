/**
 * The one typed contract between the browser (sidebar, review page) and the server.
 *
 * Every google.script.run target is a member of `ServerApi`; src/main.ts exports each of them (a
 * compile-time check there fails if one is missing or has the wrong type), and the client calls
 * them only through `callServer` (src/client/rpc.ts), so a misspelled name is a compile error.
 *
 * Endpoints take ONE plain-object argument, validate it, and return `Result<T>`: a value, or a
 * typed error with a message in the user's language. They never throw stack traces at the user.
 */
import type { Platform } from '../core/sop';

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VALIDATION'
  | 'SETUP_NEEDED'
  | 'BUSY'
  | 'QUOTA'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  /** Plain message in the user's language: what is wrong and what to do. */
  message: string;
  /** Field- or row-level problems, shown next to the fields. */
  details?: Array<{ field?: string; row?: number; message: string }>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export type Lang = 'id' | 'en';

export interface Me {
  email: string;
  name: string;
  role: 'Kabag' | 'Kasubbag' | 'PNS' | 'PPNPN' | null;
  lang: Lang;
  /** Known people, for PIC pickers. */
  people: Array<{ email: string; name: string; role: string }>;
  platforms: Platform[];
  /** Link to the workbook. */
  workbookUrl: string;
  /** Today's period (YYYY-MM) and the next one, in WIB. */
  currentPeriod: string;
  nextPeriod: string;
}

/**
 * Server endpoints callable from the browser. Each takes one argument object and returns a Result.
 * Features add their endpoints here.
 */
export interface ServerApi {
  /** Who am I, my role and language, and lookup lists for forms. */
  apiWhoAmI(req: Record<string, never>): Result<Me>;
}

export type EndpointName = keyof ServerApi;
export type RequestOf<K extends EndpointName> = Parameters<ServerApi[K]>[0];
export type ValueOf<K extends EndpointName> = ReturnType<ServerApi[K]> extends Result<infer V> ? V : never;
