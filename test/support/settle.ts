// Waiting in browser tests, shared by every package's tests: never a fixed sleep,
// so a test passes as fast as the machine allows and still passes on a busy one.
import { PATIENCE_MS } from './testing.js';
import { litElements } from './lit.js';

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Waits until `root` and every Lit element inside it (the finder, its results,
 * cards, filters, map…) have finished updating, and stay so across a frame: a
 * query's answer re-renders the results, whose cards then render, whose parts
 * may load on demand. Timers the page sets on purpose (the search box's typing
 * pause) are not waited for: wait for what they lead to with `until`.
 */
export async function settled(root: Element, timeout = PATIENCE_MS): Promise<void> {
  const deadline = performance.now() + timeout;
  const late = (what: string): string => `${root.localName} did not settle within ${timeout} ms: ${what}`;
  for (let quiet = 0; quiet < 2; ) {
    if (performance.now() > deadline) throw new Error(late('its parts kept updating'));
    const before = litElements(root);
    const updating = new Set(before);
    await by(deadline, Promise.all(before.map((el) => el.updateComplete!.then(() => updating.delete(el)))), () =>
      late(`still waiting for the updateComplete of ${[...updating].map((el) => `<${el.localName}>${el.isUpdatePending ? ' (update pending)' : ''}`).join(', ')}`));
    await by(deadline, nextFrame(), () => late('no animation frame came'));
    const after = litElements(root);
    const busy = after.length !== before.length || after.some((el) => el.isUpdatePending);
    quiet = busy ? 0 : quiet + 1;
  }
}

/**
 * `work`, or an error saying what it was waiting for once `deadline` has passed: a wait
 * that never ends fails with the name of what hung, not as the test framework's
 * timeout with no word of where (a prescriber test in CI, December 2026).
 */
async function by<T>(deadline: number, work: Promise<T>, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(what())), Math.max(0, deadline - performance.now()));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until what `read` gives (positions, a zoom, a count) has stayed the same
 * for `frames` frames in a row, as after an animation, and gives it back.
 */
export async function steady<T>(read: () => T, frames = 3, timeout = PATIENCE_MS): Promise<T> {
  const deadline = performance.now() + timeout;
  let last = JSON.stringify(read());
  for (let same = 0; same < frames; ) {
    if (performance.now() > deadline) throw new Error(`still changing after ${timeout} ms: ${last}`);
    await by(deadline, nextFrame(), () => `no animation frame came within ${timeout} ms: ${last}`);
    const now = JSON.stringify(read());
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return read();
}

/**
 * Counts the timers the page sets from now on (a library's end-of-animation
 * timer, say) so a test can wait until every one of them, and every one they
 * set in turn, has run: `const timers = trackTimers(); …; await timers.drained();`.
 * Timers longer than a few seconds are not waited for.
 */
export function trackTimers(): { drained(): Promise<void> } {
  const realSet = window.setTimeout;
  const realClear = window.clearTimeout;
  const pending = new Set<number>();
  const patched = ((handler: TimerHandler, delay?: number, ...args: unknown[]): number => {
    if (typeof handler !== 'function' || (delay ?? 0) > 5000) return realSet(handler, delay, ...args);
    const id: number = realSet(() => {
      pending.delete(id);
      (handler as (...a: unknown[]) => void)(...args);
    }, delay);
    pending.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.setTimeout = patched;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) pending.delete(id);
    realClear(id);
  }) as typeof window.clearTimeout;
  return {
    async drained() {
      try {
        // Timers set from a frame callback (where animations start) are set by the frame after next.
        await nextFrame();
        await nextFrame();
        const deadline = performance.now() + PATIENCE_MS;
        while (pending.size > 0) {
          if (performance.now() > deadline) throw new Error(`${pending.size} timers still to run after ${PATIENCE_MS} ms`);
          await new Promise((resolve) => realSet(resolve, 10));
        }
      } finally {
        window.setTimeout = realSet;
        window.clearTimeout = realClear;
      }
    },
  };
}
