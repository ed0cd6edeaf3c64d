/**
 * Hands the main thread back to the page for a moment (a task of its own): parsing,
 * checking and indexing a feed, answering a query and drawing its answer are each a
 * few tens of milliseconds on a phone, and run back to back they were one task of
 * 200 ms or more, during which a tap or a key waits (issue 18, item 7).
 * `scheduler.yield` where the browser has it, which keeps this work ahead of other
 * tasks queued meanwhile; else a zero timeout.
 */
export function breathe(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
