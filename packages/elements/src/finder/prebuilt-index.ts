/**
 * Fetches the prebuilt search index (`index.json` from `atlas build`) that a
 * finder's `index` attribute names. It is only ever a speed-up: any failure
 * resolves to undefined with a console warning, and the engine indexes the feed
 * itself. An index built from other data is refused by the engine the same way.
 */
export async function fetchPrebuiltIndex(
  url: string,
  options: { fetch?: typeof fetch; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<object | undefined> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  // A stalled index must not hold the feed back longer than a stalled feed would.
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 20_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await doFetch(url, { signal, headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const index = (await response.json()) as unknown;
    if (typeof index !== 'object' || index === null || (index as { format?: unknown }).format !== 'community-atlas-index') {
      throw new Error('it is not a Community Atlas search index');
    }
    return index;
  } catch (error) {
    if (options.signal?.aborted) return undefined;
    console.warn(`Community Atlas: the search index ${url} could not be used (${(error as Error).message}); the finder indexes the feed itself.`);
    return undefined;
  }
}
