/**
 * The approval-link key's move out of script properties (which every editor can read) into the
 * owner's store: once, before the owner has a key, and never again.
 */
import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from '../../../src/core/ports';
import { adoptLegacySecret, ensureSecret, hasSecret, PREVIOUS_SECRETS_KEY, SECRET_KEY, sign, verify } from '../../../src/server/approvals/secret';

function store(init: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...init };
  return {
    data,
    get: (k) => (k in data ? data[k] : null),
    set: (k, v) => {
      data[k] = v;
    },
    delete: (k) => {
      delete data[k];
    },
  };
}

// New keys come from Utilities.getUuid (the adapter); Node's generator stands in for it here.
(globalThis as unknown as { Utilities: { getUuid: () => string } }).Utilities = { getUuid: () => randomUUID() };

const LEGACY = 'legacy-secret-of-enough-length-000000';
const NOW = Date.UTC(2026, 4, 4, 2);
const payload = { v: 1 as const, req: 'P-0001', ap: 'kasubbag@example.org', lvl: 1, exp: NOW + 86400000, n: 'n'.repeat(32) };

describe('adoptLegacySecret', () => {
  it('moves a script-property secret into the owner store as a previous key: its links are "replaced", never valid', () => {
    const script = store({ [SECRET_KEY]: LEGACY });
    const own = store();
    const old = sign(store({ [SECRET_KEY]: LEGACY }), payload);
    adoptLegacySecret(script, own);
    expect(script.data).toEqual({});
    expect(hasSecret(own)).toBe(false);
    expect(JSON.parse(own.data[PREVIOUS_SECRETS_KEY])).toEqual([LEGACY]);
    ensureSecret(own);
    const v = verify(own, old, NOW);
    expect(v.ok && v.secretIndex).toBe(1);
    const fresh = verify(own, sign(own, payload), NOW);
    expect(fresh.ok && fresh.secretIndex).toBe(0);
  });

  it('does nothing once the owner holds a key: a key planted in script properties later is never read into it', () => {
    const own = store();
    ensureSecret(own);
    const before = { ...own.data };
    const script = store({ [SECRET_KEY]: LEGACY });
    adoptLegacySecret(script, own);
    expect(own.data).toEqual(before);
    expect(verify(own, sign(store({ [SECRET_KEY]: LEGACY }), payload), NOW).ok).toBe(false);
  });

  it('with nothing to move, writes nothing', () => {
    const script = store();
    const own = store();
    adoptLegacySecret(script, own);
    expect(own.data).toEqual({});
  });
});
