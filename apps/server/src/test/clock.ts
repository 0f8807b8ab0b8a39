/** A clock that runs at real speed but reads 12:00 in India today, so calling hours never get in a test's way. */
import type { Clock } from '../platform/context.js';

export function noonInIndia(): Clock {
  const now = new Date();
  const ist = new Date(now.getTime() + 5.5 * 3600_000);
  const offset = Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate(), 12, 0) - 5.5 * 3600_000 - now.getTime();
  return { now: () => new Date(Date.now() + offset) };
}
