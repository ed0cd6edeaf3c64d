/**
 * `createEngine`: the search engine on the main thread. Preparation runs in
 * slices that hand the thread back between them, so loading a large feed never
 * holds the page for long; queries without words answer as soon as the facets
 * are ready, and queries with words once the text index is built.
 */
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import { EngineCore } from './core.js';
import type { EngineOptions } from './core.js';
import type { FinderState, QueryResult, SearchEngine, Suggestion } from './types.js';

export { EngineCore, MAX_QUERY_LENGTH, DISTANCE_BANDS, COST_VALUES, LOW_COST_POUNDS } from './core.js';
export type { EngineOptions, CoreItem, CoreResult } from './core.js';

/** Longest a slice of preparation runs before handing the thread back, in ms. */
const SLICE_MS = 8;

const handBack = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function createEngine(data: AtlasData, options: EngineOptions = {}): SearchEngine {
  const core = new EngineCore(data, options);
  let disposed = false;
  const ready = (async () => {
    const steps = core.prepare();
    let sliceStart = performance.now();
    for (;;) {
      if (disposed) return;
      const step = steps.next();
      if (step.done) return;
      if (performance.now() - sliceStart > SLICE_MS) {
        await handBack();
        sliceStart = performance.now();
      }
    }
  })();
  const waitFor = async (needIndex: boolean): Promise<void> => {
    while (!(needIndex ? core.ready : core.filtersReady)) {
      await Promise.race([ready, handBack()]);
      if (disposed) return;
    }
  };
  return {
    async query(state: FinderState, now?: Date): Promise<QueryResult> {
      await waitFor(typeof state?.q === 'string' && state.q.trim() !== '');
      const result = core.query(state, now);
      const items = [];
      for (const item of result.items) {
        const listing = core.listing(item.key);
        if (listing) items.push({ ...item, listing });
      }
      return { ...result, items };
    },
    async suggest(prefix: string, limit?: number): Promise<Suggestion[]> {
      await waitFor(false);
      return core.suggest(prefix, limit);
    },
    get(key: string): AtlasListing | undefined {
      if (!core.filtersReady) core.prepareAll();
      return core.listing(key);
    },
    get size(): number {
      return core.size;
    },
    dispose(): void {
      disposed = true;
    },
  };
}

/** A prebuilt text index for `data`, to pass back as `options.prebuiltIndex` (what `atlas build` writes). */
export function serializeIndex(data: AtlasData, options: Omit<EngineOptions, 'prebuiltIndex'> = {}): string {
  return new EngineCore(data, options).serialize();
}
