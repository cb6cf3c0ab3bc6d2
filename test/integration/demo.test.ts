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
  // The recurring triggers; a one-shot triggerDigest may wait to send the demo's held design mails.
  const handlers0 = triggers(sb).map((t) => t.handler);
  expect(handlers0.filter((h) => h !== 'triggerDigest').sort()).toEqual(['triggerDaily', 'triggerHourly']);
  const day = advanceClock(sb, sb.state.clockMs + 24 * 3600_000);
  const handlers = day.fired.map((f) => f.handler);
  expect(handlers.filter((h) => h === 'triggerDaily')).toHaveLength(1);
  expect(handlers.filter((h) => h === 'triggerHourly').length).toBeGreaterThanOrEqual(23);
  expect(day.fired.filter((f) => !f.ok)).toEqual([]);
});
