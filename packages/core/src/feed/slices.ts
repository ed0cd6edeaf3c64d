/**
 * Runs `steps` to the end, handing the thread back (`pause`) whenever a slice has run
 * for `sliceMs`: how the page reads a feed without a task long enough to be felt.
 * The answer is the generator's own, so a sliced run gives exactly what a whole one does.
 */
export async function runSliced<T>(steps: Generator<void, T, void>, pause: () => Promise<void>, sliceMs = 8): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}

/** Runs `steps` to the end in one go (Node, the worker, tests): the same answer as `runSliced`. */
export function runWhole<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
