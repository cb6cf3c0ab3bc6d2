/** General endpoints of the contract (features keep theirs beside their code). */
import type { Me, Result } from '../shared/contract';
import { endpoint } from './run';
import { nextPeriod, periodOf } from '../core/sop';

export function apiWhoAmI(_req: Record<string, never>): Result<Me> {
  return endpoint((ctx) => {
    const current = periodOf(ctx.now);
    return {
      email: ctx.email,
      name: ctx.me?.name ?? ctx.email,
      role: ctx.role,
      lang: ctx.lang,
      people: ctx.people.map((p) => ({ email: p.email, name: p.name, role: p.role ?? p.roleText })),
      platforms: ctx.settings.platforms,
      workbookUrl: ctx.wb.url(),
      currentPeriod: current,
      nextPeriod: nextPeriod(current),
      settingsProblems: ctx.settingsProblems.map((p) => p.message),
    };
  });
}
