/** Script properties holding reports asked for by someone who is not the owner (see request.ts): one key per month. */
export const REQUEST_PREFIX = 'siaran.laporan.minta.';
