/**
 * The client side of the typed contract: `callServer('apiWhoAmI', {})` returns a Promise of the
 * endpoint's value, or rejects with its typed ApiError. A misspelled endpoint, a wrong argument or
 * a wrong use of the result is a compile error.
 */
import type { ApiError, EndpointName, RequestOf, Result, ValueOf } from '../shared/contract';

interface Runner {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: Error) => void): Runner;
  [name: string]: unknown;
}

declare const google: { script: { run: Runner } };

export class ServerError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ServerError';
  }
}

export function callServer<K extends EndpointName>(name: K, request: RequestOf<K>): Promise<ValueOf<K>> {
  return new Promise((resolve, reject) => {
    if (typeof google === 'undefined' || !google.script || !google.script.run) {
      reject(new ServerError({ code: 'INTERNAL', message: 'google.script.run tidak tersedia. Buka panel dari menu Siaran.' }));
      return;
    }
    const runner = google.script.run
      .withSuccessHandler((raw: unknown) => {
        const result = raw as Result<ValueOf<K>> | null;
        if (result && result.ok === true) resolve(result.value);
        else if (result && result.ok === false) reject(new ServerError(result.error));
        else reject(new ServerError({ code: 'INTERNAL', message: 'Jawaban server tidak dikenali.' }));
      })
      .withFailureHandler((err: Error) => {
        // Only platform failures land here (endpoints return typed errors): network, quota, auth.
        reject(new ServerError({ code: 'INTERNAL', message: err && err.message ? err.message : String(err) }));
      });
    const fn = runner[name] as (req: RequestOf<K>) => void;
    fn.call(runner, request);
  });
}
