/**
 * OAuth scopes an execution holds. A manifest that lists `oauthScopes` sets them exactly (Apps
 * Script then asks for those and no others); without the list, Apps Script infers the scopes from
 * the code, so every service is authorized.
 */
import type { ServiceContext } from './service';

export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';
export const DRIVE_READONLY_SCOPE = 'https://www.googleapis.com/auth/drive.readonly';
export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';

/** The manifest's explicit scopes, or null when the manifest leaves them to be inferred. */
export function explicitScopes(ctx: ServiceContext): string[] | null {
  const s = ctx.project.manifest.oauthScopes;
  return Array.isArray(s) ? s.map(String) : null;
}

/** True when the execution holds `scope` (always, when the manifest lists no scopes). */
export function hasScope(ctx: ServiceContext, scope: string): boolean {
  const s = explicitScopes(ctx);
  return s === null || s.includes(scope);
}

/**
 * Throws Apps Script's error for a call the manifest's scopes do not cover: "You do not have
 * permission to call DriveApp.getFileById. Required permissions: (A || B)". `accepted` lists the
 * scopes of which any one suffices, narrowest first.
 */
export function requireScope(ctx: ServiceContext, what: string, accepted: string[]): void {
  if (accepted.some((s) => hasScope(ctx, s))) return;
  const req = accepted.length === 1 ? accepted[0] : `(${accepted.join(' || ')})`;
  ctx.fail(`You do not have permission to call ${what}. Required permissions: ${req}`, 'Exception');
}
