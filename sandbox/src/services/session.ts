/**
 * Session: who is at the keyboard (active user), who the code runs as (effective user), the
 * script's time zone and the user's locale.
 *
 * The active user's email is '' where Apps Script would not tell it (ctx.exec.activeUser is '').
 * Locales are configured by the host with setUserLocale (default 'id').
 */
import crypto from 'node:crypto';
import type { ServiceContext, ServiceModule } from '../service';
import type { SandboxState } from '../state';
import { slice } from '../state';

export interface SessionSlice {
  /** The locale of users without their own (Apps Script returns e.g. 'en', 'id'). */
  defaultLocale: string;
  locales: Record<string, string>;
}

const initSession = (): SessionSlice => ({ defaultLocale: 'id', locales: {} });

/** Sets a user's locale; with user '' or '*', the default locale. */
export function setUserLocale(state: SandboxState, user: string, locale: string): void {
  const s = slice(state, 'session', initSession);
  if (user === '' || user === '*') s.defaultLocale = locale;
  else s.locales[user] = locale;
}

/** Apps Script's User object. */
export class SandboxUser {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  /** Deprecated in Apps Script: the part of the email before the @. */
  getUsername(): string {
    return this.email.split('@')[0];
  }
  /** Deprecated in Apps Script. */
  getUserLoginId(): string {
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

export const sessionService: ServiceModule = {
  name: 'session',
  install(ctx: ServiceContext) {
    const rec = (method: string) => ctx.exec.record('Session', method, 'local');
    const Session = {
      getActiveUser(): SandboxUser {
        rec('getActiveUser');
        return new SandboxUser(ctx.exec.activeUser);
      },
      getEffectiveUser(): SandboxUser {
        rec('getEffectiveUser');
        return new SandboxUser(ctx.exec.effectiveUser);
      },
      /** Deprecated alias of getActiveUser. */
      getUser(): SandboxUser {
        rec('getUser');
        return new SandboxUser(ctx.exec.activeUser);
      },
      getScriptTimeZone(): string {
        rec('getScriptTimeZone');
        return ctx.timeZone;
      },
      /** Deprecated alias of getScriptTimeZone. */
      getTimeZone(): string {
        rec('getTimeZone');
        return ctx.timeZone;
      },
      getActiveUserLocale(): string {
        rec('getActiveUserLocale');
        const s = ctx.slice('session', initSession);
        return s.locales[ctx.exec.activeUser] ?? s.defaultLocale;
      },
      /** A key stable for one user of one script (it rotates every 30 days live; here it does not). */
      getTemporaryActiveUserKey(): string {
        rec('getTemporaryActiveUserKey');
        const user = ctx.exec.activeUser;
        if (!user) return '';
        return crypto.createHash('sha256').update(`${ctx.scriptId}\n${user}`).digest('base64').slice(0, 43);
      },
    };
    return { Session };
  },
};
