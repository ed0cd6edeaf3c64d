// What the browser tests get when they import '@open-wc/testing': the same
// module, except that `waitUntil` waits PATIENCE_MS unless the test says
// otherwise, where open-wc waits one second. web-test-runner.config.mjs maps
// the name here for every test file (this one excepted), so a test reads as
// plain open-wc. A condition that holds returns at once, so a quiet machine runs
// no slower; a machine with both cores busy (CI beside other jobs) can take
// seconds to load a chunk, a feed or a map tile, and must not fail for it.
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { litElements } from './lit.js';

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

const within = <T>(ms: number, work: Promise<T>): Promise<T | 'not within'> =>
  Promise.race([work, new Promise<'not within'>((resolve) => setTimeout(() => resolve('not within'), ms))]);

/**
 * What a test that is about to time out was waiting for, said in the browser's log (which
 * the runner prints beside the failure): the Lit elements whose `updateComplete` has not
 * resolved, whether animation frames and yielded tasks still run, and where focus is.
 */
async function reportHang(title: string): Promise<void> {
  const elements = litElements(document.documentElement);
  const stuck: string[] = [];
  await Promise.all(elements.map(async (el) => {
    if ((await within(500, el.updateComplete ?? Promise.resolve())) !== 'not within') return;
    const states = [el.isUpdatePending ? 'update pending' : '', el.hasUpdated ? '' : 'never updated', el.isConnected ? '' : 'disconnected'].filter(Boolean);
    const phase = (el as { phase?: unknown }).phase;
    stuck.push(`<${el.localName}>${states.length ? ` (${states.join(', ')})` : ''}${typeof phase === 'string' ? ` phase=${phase}` : ''}`);
  }));
  const frame = await within(500, new Promise<string>((resolve) => requestAnimationFrame(() => resolve('runs'))));
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  const task = scheduler?.yield ? await within(500, scheduler.yield().then(() => 'runs')) : 'no scheduler.yield';
  let focus: Element | null = document.activeElement;
  const path: string[] = [];
  while (focus) {
    path.push(focus.localName);
    focus = focus.shadowRoot?.activeElement ?? null;
  }
  console.error([
    `"${title}" is about to time out.`,
    `Lit elements whose updateComplete has not resolved (of ${elements.length}): ${stuck.join(', ') || 'none'}.`,
    `Animation frames: ${frame}; scheduler.yield: ${task}; focus: ${path.join(' > ') || 'none'}.`,
  ].join('\n'));
}

// Every test that would time out says first what it was waiting for: the framework's timeout alone names no
// cause (two prescriber tests hung so in one CI run, December 2026). Mocha's globals exist only in the runner.
if (typeof beforeEach === 'function' && typeof afterEach === 'function') {
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  beforeEach(function () {
    const test = this.currentTest;
    const limit = test?.timeout() ?? this.timeout();
    watchdog = setTimeout(() => void reportHang(test?.fullTitle() ?? 'a test'), Math.max(limit / 2, limit - 3000));
  });
  afterEach(() => clearTimeout(watchdog));
}
