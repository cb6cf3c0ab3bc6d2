/**
 * Compile-time check (never bundled): every endpoint of the contract is exported by src/main.ts
 * with a compatible signature. `npm run typecheck` fails if one is missing or mistyped.
 */
import type * as Main from '../main';
import type { ServerApi } from './contract';

type Implements<T extends ServerApi> = T;
export type EntryPointsImplementContract = Implements<typeof Main>;
