/**
 * The demo month (loadDemoData, as the script editor or the sandbox's serve --demo runs it) comes
 * with Siaran's daily and hourly triggers, so moving the sandbox clock runs them.
 */
import { Sandbox } from '../../sandbox/src/sandbox';
import { advanceClock, runFunction, triggers } from '../../sandbox/src/actions';
import { MONDAY_0900 } from './helpers';

test('loadDemoData installs the daily and hourly triggers, which then fire as the clock moves', () => {
  const sb = new Sandbox({ projectDir: 'dist', owner: 'kabag@example.org', clockMs: MONDAY_0900 });
  const r = runFunction(sb, sb.state.owner, 'loadDemoData');
  expect(r.error).toBeUndefined();
  // The recurring triggers: daily, hourly, and the digest of held request mails every 10 minutes.
  const handlers0 = triggers(sb).map((t) => t.handler);
  expect(handlers0.sort()).toEqual(['triggerDaily', 'triggerDigest', 'triggerHourly']);
  const day = advanceClock(sb, sb.state.clockMs + 24 * 3600_000);
  const handlers = day.fired.map((f) => f.handler);
  expect(handlers.filter((h) => h === 'triggerDaily')).toHaveLength(1);
  expect(handlers.filter((h) => h === 'triggerHourly').length).toBeGreaterThanOrEqual(23);
  expect(handlers.filter((h) => h === 'triggerDigest').length).toBeGreaterThanOrEqual(143);
  expect(day.fired.filter((f) => !f.ok)).toEqual([]);
});
