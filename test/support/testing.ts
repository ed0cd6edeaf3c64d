// What the browser tests get when they import '@open-wc/testing': the same
// module, except that `waitUntil` waits PATIENCE_MS unless the test says
// otherwise, where open-wc waits one second. web-test-runner.config.mjs maps
// the name here for every test file (this one excepted), so a test reads as
// plain open-wc. A condition that holds returns at once, so a quiet machine runs
// no slower; a machine with both cores busy (CI beside other jobs) can take
// seconds to load a chunk, a feed or a map tile, and must not fail for it.
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

export * from '@open-wc/testing';

/** How long a condition may take to hold before a test fails. */
export const PATIENCE_MS = 8000;

export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { ...options, timeout: Math.max(options.timeout ?? 0, PATIENCE_MS) });
}
