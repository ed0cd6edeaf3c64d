/**
 * `createEngine`: the search engine on the main thread. Preparation runs in
 * slices that hand the thread back between them, so loading a large feed never
 * holds the page for long. Queries without words answer as soon as filters,
 * facets and sorting are ready; text search (text.ts: MiniSearch, the need
 * synonyms) is loaded with `import()` only when it is needed — words, a
 * suggestion, a prebuilt index — or in idle time after the first answer, so the
 * first screen never waits for its code or its index. Transfers' deadlines
 * (deadlines.ts, with transfer/deadline.ts) are loaded the same way, before preparing, and only when
 * the data has transfer listings: a directory of groups and activities never fetches them.
 * The extras (extras.ts: filtering by chosen facets, sorts by distance, next session
 * and deadline, distances, the age and map-area filters, zero-result hints) are loaded when a state needs
 * them or as soon as the first answer is given. Each query is planned, loaded, then run:
 * `planFor` says from the state alone what it needs (the text index, the extras), the
 * engine waits for just that, and the core answers once.
 */
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import type { MapPoints } from '../location/map-points.js';
import { FilterCore, hasTransferListings, planFor } from './core.js';
import type { CoreResult, EngineOptions } from './core.js';
import type { TextIndex } from './text.js';
import type { FinderState, QueryResult, SearchEngine, Suggestion } from './types.js';
import { breathe } from '../dom/breathe.js';

export { DISTANCE_BANDS, COST_VALUES, LOW_COST_POUNDS } from './core.js';
export type { EngineOptions, CoreItem, CoreResult } from './core.js';

/** Longest a slice of preparation runs before handing the thread back, in ms. */
const SLICE_MS = 8;

/**
 * Between slices: `breathe` (scheduler.yield where there is one), not a zero
 * timeout, which the browser holds back by 4 ms once timers nest (each slice's
 * timer is set in the last one's task), and which waits behind every task
 * queued meanwhile.
 */
const handBack = breathe;

/**
 * Runs `steps` a slice at a time, waiting for `pause()` between slices; false when `stopped()` cut it short.
 * `reached`: once it holds, the slice ends there and `then` is called, so whatever waits for that point runs
 * before the next slice does.
 */
async function drive(steps: Iterator<void>, pause: () => Promise<void>, stopped: () => boolean, reached?: () => boolean, then?: () => void): Promise<boolean> {
  let sliceStart = performance.now();
  let waiting = !!reached;
  for (;;) {
    if (stopped()) return false;
    if (steps.next().done) return true;
    const now = waiting && reached!();
    if (now) {
      waiting = false;
      then?.();
    }
    if (now || performance.now() - sliceStart > SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
  }
}

export function createEngine(data: AtlasData, options: EngineOptions = {}): SearchEngine {
  const core = new FilterCore(data, options);
  let disposed = false;
  const stopped = (): boolean => disposed;
  // Deadlines are read when the first answer is worked out, so their code is here before it.
  // A chunk that failed to load (offline for a moment) is asked for again by the next query.
  const needsDeadlines = hasTransferListings(data);
  let deadlines: Promise<void> | undefined;
  const loadDeadlines = (): Promise<void> | undefined =>
    needsDeadlines
      ? (deadlines ??= Promise.all([import('./deadlines.js'), import('../transfer/deadline.js')]).then(
          ([{ deadlineReader }, { deadlineState }]) => core.attachDeadlines(deadlineReader(deadlineState)),
          (error: unknown) => {
            deadlines = undefined;
            throw error;
          },
        ))
      : undefined;
  void loadDeadlines()?.catch(() => undefined);
  // Filters, facets and sorting are ready once the columns are made: the rest of preparing (each schedule
  // group's next session, which a query works out for itself when it needs one) goes on after the first answer.
  let columnsMade: (done: boolean) => void = () => undefined;
  const columns = new Promise<boolean>((resolve) => {
    columnsMade = resolve;
  });
  void drive(core.prepare(), handBack, stopped, () => core.filtersReady, () => columnsMade(true)).then(columnsMade);
  /** Filters, facets and sorting prepared, with transfers' deadlines if the data has any. */
  const ready = (): Promise<boolean> => {
    const loading = loadDeadlines();
    return loading ? Promise.all([columns, loading]).then(([done]) => done) : columns;
  };

  // The extras (extras.ts), for states other than the first screen's.
  let extras: Promise<void> | undefined;
  const loadExtras = (): Promise<void> =>
    (extras ??= import('./extras.js').then(
      (module) => core.attachExtras(module.extras),
      (error: unknown) => {
        extras = undefined;
        throw error;
      },
    ));

  // Text search. Until someone waits for it, the index is built in idle time;
  // once a query with words waits, slice follows slice.
  let urgent = false;
  let wake: (() => void) | undefined;
  const pause = (whenIdle = !urgent): Promise<void> => {
    if (!whenIdle || typeof requestIdleCallback !== 'function') return handBack();
    return new Promise((resolve) => {
      const id = requestIdleCallback(() => resolve(), { timeout: 1000 });
      wake = () => {
        cancelIdleCallback(id);
        resolve();
      };
    });
  };
  const hurry = (): void => {
    urgent = true;
    wake?.();
    wake = undefined;
  };
  let textBuilt = false;
  let loading: Promise<TextIndex> | undefined;
  let building: Promise<TextIndex> | undefined;
  /** The text module and an index for this feed (not yet built, unless it was given prebuilt). */
  const loadText = (): Promise<TextIndex> =>
    (loading ??= (async () => {
      // Text search adds the listings tagged with a need word's needs, which the extras find.
      const [{ TextIndex }] = await Promise.all([import('./text.js'), loadExtras()]);
      await ready();
      // A ready feed's text index comes in a file of its own, fetched now (the engine indexes the listings itself without it).
      if (options.prebuiltIndex === undefined) await core.fetchReadyIndex();
      const prebuilt = options.prebuiltIndex ?? core.readyIndex;
      return prebuilt === undefined ? new TextIndex(core) : TextIndex.loaded(core, prebuilt);
    })().catch((error: unknown) => {
      // A chunk that failed to load (offline for a moment) is asked for again next time.
      loading = undefined;
      throw error;
    }));
  /** The text index, built and answering queries with words. */
  const buildText = (): Promise<TextIndex> =>
    (building ??= (async () => {
      const index = await loadText();
      if (await drive(index.build(), pause, stopped)) {
        core.attachText(index);
        textBuilt = true;
        // Then each need phrase's matches, so need words answer quickly: only in idle time, and
        // not in the task that finished the index (the two together were one task of 20 ms or more).
        void pause(true).then(() => drive(index.warm(), () => pause(true), stopped));
      }
      return index;
    })().catch((error: unknown) => {
      building = undefined;
      throw error;
    }));
  /**
   * The text index built and the need phrases a search for `q` looks for found, in
   * slices; and when that took any work, the answer waits for a task of its own,
   * so building, finding and answering are not one long task (issue 18, item 7).
   */
  const prepareText = async (q: string): Promise<void> => {
    let worked = !textBuilt;
    const index = await buildText();
    const steps = index.prepareFor(q);
    if (!steps.next().done) {
      worked = true;
      await handBack();
      await drive(steps, handBack, stopped);
    }
    if (worked) await handBack();
  };
  let idleStart = false;
  /** After the first answer: the extras load at once, text search in idle time, so the first search does not wait for it. */
  const startWhenIdle = (): void => {
    if (idleStart) return;
    idleStart = true;
    // The extras are fetched now, while the first results are drawn (a small
    // chunk, no work until used), so the first filter ticked rarely waits for them.
    void loadExtras().catch(() => undefined);
    const start = (): void => void buildText().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
    else setTimeout(start, 0);
  };
  if (options.prebuiltIndex !== undefined) void buildText().catch(() => undefined);
  const get = (key: string): AtlasListing | undefined => {
    if (!core.filtersReady) core.prepareAll();
    return core.listing(key);
  };

  return {
    async query(state: FinderState, now?: Date): Promise<QueryResult> {
      const plan = planFor(state);
      if (plan.text) hurry();
      // Words wait for the text index (which brings the extras with it); any other state but the first screen's for the extras.
      await Promise.all([plan.text ? prepareText(state.q) : ready(), plan.extras ? loadExtras() : undefined]);
      const result: CoreResult = core.query(state, now);
      const items = [];
      for (const item of result.items) {
        const listing = core.listing(item.key);
        if (listing) items.push({ ...item, listing });
      }
      if (!plan.text && !disposed) startWhenIdle();
      return { ...result, items };
    },
    async suggest(prefix: string, limit?: number): Promise<Suggestion[]> {
      await ready();
      const index = await loadText();
      // Someone is typing: the words follow.
      void buildText().catch(() => undefined);
      return index.suggest(prefix, limit);
    },
    get,
    // The page holds every listing: nothing to ask for.
    records: async (keys: readonly string[]): Promise<AtlasListing[]> => keys.map(get).filter(Boolean) as AtlasListing[],
    // Only a map asks for points, and the map's own chunk carries the code that makes them.
    points: async (keys: readonly string[], lang: string): Promise<MapPoints> =>
      (await import('../location/map-points.js')).mapPointsOf(keys.map(get).filter(Boolean) as AtlasListing[], lang),
    get size(): number {
      return core.size;
    },
    dispose(): void {
      disposed = true;
      wake?.();
    },
  };
}

