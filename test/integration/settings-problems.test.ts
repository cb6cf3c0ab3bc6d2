/** Nonsense in Pengaturan is told to people (the panel's who-am-I carries it), not silently ignored. */
import { callFromClient } from '../../sandbox/src/script-run';
import { addPeople, newWorkbook, setSetting, STAFF } from './helpers';
import type { Me, Result } from '../../src/shared/contract';

test('apiWhoAmI lists each bad setting in plain Indonesian, and the defaults stay in use', () => {
  const sb = newWorkbook();
  addPeople(sb);
  setSetting(sb, 'waktu_baku.langkah_2', '-5');
  setSetting(sb, 'kebijakan_persetujuan', 'acak');
  const r = callFromClient(sb, 'apiWhoAmI', [{}], STAFF);
  expect(r.ok).toBe(true);
  const me = (r as { value: Result<Me> }).value;
  expect(me.ok).toBe(true);
  const problems = me.ok ? (me.value.settingsProblems ?? []) : [];
  expect(problems).toHaveLength(2);
  // In the order of the Pengaturan rows.
  expect(problems[0]).toMatch(/kebijakan_persetujuan.*"acak" tidak dikenal/);
  expect(problems[1]).toMatch(/waktu_baku\.langkah_2.*"-5".*Nilai bawaan 30 dipakai/);
});
