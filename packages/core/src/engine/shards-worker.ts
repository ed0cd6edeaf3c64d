/**
 * The search worker given a sharded directory's manifest (feed/manifest.ts)
 * instead of a feed: loaded by worker.ts with `import()` only then. It answers
 * the page's questions from a ShardSet (shard-set.ts), which loads the shards
 * each state needs. Answers come from what is loaded, with what they cover
 * (`result.coverage`); a further step of shards loads after the answer, and
 * the page is told when it is in (`shards`, `settled`) so that it asks again.
 */
import { FeedLoadError, fetchedText } from '../feed/fetch.js';
import { MANIFEST_VERSION, ManifestError, readManifest, type Manifest } from '../feed/manifest.js';
import type { ListingKind } from '../feed/types.js';
import { mapPointsOf, mapPointsTransfer } from '../location/map-points.js';
import { LISTINGS_PER_MESSAGE, serializeLoadError, type FromWorker, type ToWorker } from './protocol.js';
import { ShardSet } from './shard-set.js';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/** The manifest as a load failure the page words for a resident: a newer format says so. */
function manifestFailure(url: string, text: string, error: unknown): FeedLoadError {
  const version = Number(/"version"\s*:\s*(\d+)/.exec(text.slice(0, 400))?.[1]);
  return new FeedLoadError({
    url, reason: version > MANIFEST_VERSION ? 'too-new' : 'not-a-feed',
    detail: error instanceof ManifestError ? error.message : `${url} could not be read as a sharded directory's manifest: ${String(error)}`,
  });
}

/** Starts answering from the manifest in `message`; gives back the handler for every later message. */
export function shardsWorker(post: Post, message: Extract<ToWorker, { type: 'manifest' }>): (message: ToWorker) => void {
  const started = performance.now();
  const text = fetchedText(message.feed);
  let manifest: Manifest;
  try {
    manifest = readManifest(text, message.url);
  } catch (error) {
    post({ type: 'failed', error: serializeLoadError(manifestFailure(message.url, text, error)) });
    return () => undefined;
  }
  const { lang, kinds } = message.options;
  const set = new ShardSet(manifest, message.url, { ...(lang ? { lang } : {}), ...(kinds?.length ? { kinds } : {}) });
  set.onArrive = (keys) => post({ type: 'shards', data: set.head, keys, settled: false });
  const kindsHeld = [...new Set(manifest.shards.flatMap((s) => Object.keys(s.counts.kind ?? {})))] as ListingKind[];
  // The page gets no places: it places postcodes by asking (`place`), which loads the area's shard.
  post({ type: 'meta', data: set.head, summary: { size: manifest.listings, kinds: kindsHeld.filter((k) => !kinds?.length || kinds.includes(k)), places: [] }, keys: [] });
  post({ type: 'ready', ms: performance.now() - started });

  const answer = async (m: ToWorker & { id: number }): Promise<void> => {
    if (m.type === 'query') {
      const { core, coverage, next } = await set.prepareFor(m.state);
      const { result, indexes } = core.queryIndexes(m.state, new Date(m.now));
      const open = typeof m.state?.open === 'string' ? core.listing(m.state.open) : undefined;
      const records = [...result.items.map((item) => core.listing(item.key)!), ...(open ? [open] : [])];
      post({ type: 'result', id: m.id, result: { ...result, coverage }, indexes, records }, [indexes.buffer]);
      if (next) void set.load(next).then(() => post({ type: 'shards', data: set.head, keys: [], settled: true }));
    } else if (m.type === 'records') {
      const all = set.listings;
      const wanted = m.indexes.filter((i) => i >= 0 && i < all.length);
      for (let i = 0; i === 0 || i < wanted.length; i += LISTINGS_PER_MESSAGE) {
        post({ type: 'records', id: m.id, listings: wanted.slice(i, i + LISTINGS_PER_MESSAGE).map((w) => all[w]!), done: i + LISTINGS_PER_MESSAGE >= wanted.length });
      }
    } else if (m.type === 'points') {
      const all = set.listings;
      const points = mapPointsOf(m.indexes.filter((i) => i >= 0 && i < all.length).map((i) => all[i]!), m.lang);
      post({ type: 'points', id: m.id, points }, mapPointsTransfer(points));
    } else if (m.type === 'suggest') {
      // Someone is typing words: the word index their search will need starts on its way.
      void set.words();
      post({ type: 'suggestions', id: m.id, suggestions: set.engine(true).suggest(m.prefix, m.limit) });
    } else if (m.type === 'place') {
      const placed = await set.place(m.postcode);
      post({ type: 'placed', id: m.id, near: placed?.near ?? null, ...(placed?.attribution ? { attribution: placed.attribution } : {}) });
    }
  };
  return (m) => {
    if (!('id' in m)) return;
    answer(m).catch((error: unknown) => post({ type: 'answer-failed', id: m.id, message: String(error) }));
  };
}
