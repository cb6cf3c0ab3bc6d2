/**
 * The keeper of the record: executions that run as the workbook's owner (the web app deployed
 * "execute as me", the owner's triggers, the owner's own menu and panel runs). Only they hold the
 * sealing key, kept in the owner's user properties, which no other user's execution can read (not
 * even an editor running code from the script editor: user properties belong to the running user).
 *
 * Decisions are sealed with this key (core/approval/seal.ts); a decision without a valid seal does
 * not count. The key is made the first time an owner execution needs it; that execution adopts
 * the record as it stands (seals the decisions already there): see record-pass.ts.
 */
import { userProperties } from '../../adapters/props';
import { runsAsOwner } from '../../adapters/session';
import type { OwnerMac } from '../../core/approval';
import { hmacSha256Hex } from '../../core/sha256';
import type { Ctx } from '../context';
import { newSecret } from './secret';

export const KEEPER_KEY = 'siaran.segel.kunci';

export interface Keeper {
  mac: OwnerMac;
  /** True when this execution made the key (the record must be adopted). */
  created: boolean;
}

const cache = new WeakMap<Ctx, Keeper | null>();

/** The owner's MAC, or null when this execution is not the owner's. Made on first use. */
export function keeper(ctx: Ctx): Keeper | null {
  if (cache.has(ctx)) return cache.get(ctx) ?? null;
  let k: Keeper | null = null;
  if (runsAsOwner()) {
    const store = userProperties();
    let key = store.get(KEEPER_KEY);
    // Missing from this execution's first read: read again before making one (an owner execution
    // running meanwhile may just have made it; making a second would unseal its decisions).
    if (!key || key.length < 32) key = store.fresh(KEEPER_KEY);
    let created = false;
    if (!key || key.length < 32) {
      key = newSecret();
      store.set(KEEPER_KEY, key);
      created = true;
    }
    const secret = key;
    // Plain TypeScript HMAC: one seal covers every item, with no service call per item.
    k = { mac: (message) => hmacSha256Hex(secret, message), created };
  }
  cache.set(ctx, k);
  return k;
}

export function keeperMac(ctx: Ctx): OwnerMac | null {
  return keeper(ctx)?.mac ?? null;
}
