/** LockService's script lock as the Lock port. */
import type { Lock } from '../core/ports';

export function scriptLock(): Lock {
  const lock = LockService.getScriptLock();
  return {
    tryLock: (ms) => lock.tryLock(ms),
    release: () => {
      try {
        lock.releaseLock();
      } catch {
        // Releasing a lock that is not held is harmless.
      }
    },
  };
}
