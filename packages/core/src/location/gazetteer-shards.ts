/**
 * Placing a postcode from a sharded directory's national gazetteer (the
 * manifest's `gazetteer`, feed/manifest.ts): the postcode's area names one
 * small file, fetched once and checked against its hash, whose sector centre
 * (else district centre) is the answer. No lookup service is asked.
 */
import { GAZETTEER_FORMAT, GAZETTEER_VERSION, type GazetteerShard, type GazetteerShardEntry, type Manifest } from '../feed/manifest.js';
import { readyHash } from '../feed/ready.js';
import { lookupPostcodeDetailed, parsePostcodeQuery, type PostcodePlace } from './postcode.js';

export interface GazetteerPlaceOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Shards already fetched, by URL: give the same map to every call so each area is fetched once. */
  cache?: Map<string, Promise<GazetteerShard>>;
}

export type GazetteerPlaceResult =
  | { ok: true; place: PostcodePlace; attribution: string }
  | {
      ok: false;
      /**
       * `not-a-postcode`: the text is not shaped like one. `not-found`: the
       * gazetteer has no such sector or district (or no shard for its area, as
       * for Northern Ireland in a GB gazetteer). `no-gazetteer`: the manifest
       * has none. `unavailable`: its shard could not be fetched or failed its
       * hash (`message` says which). `aborted`: the caller cancelled.
       */
      reason: 'not-a-postcode' | 'not-found' | 'no-gazetteer' | 'unavailable' | 'aborted';
      message?: string;
    };

/** The gazetteer shard entry for the area of `text` (a postcode, sector or district), if the manifest has one. */
export function gazetteerShardFor(manifest: Pick<Manifest, 'gazetteer'>, text: string): GazetteerShardEntry | undefined {
  const query = parsePostcodeQuery(text);
  const area = query && /^[A-Z]{1,2}/.exec(query.value)?.[0];
  return area ? manifest.gazetteer?.shards.find((s) => s.area === area) : undefined;
}

/** Reads a gazetteer shard's text, checking it against the hash the manifest gives; throws saying what is wrong. */
export function readGazetteerShard(text: string, entry: Pick<GazetteerShardEntry, 'hash' | 'file'>): GazetteerShard {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (readyHash(body) !== entry.hash) throw new Error(`the gazetteer shard ${entry.file} fails its hash (the manifest names ${entry.hash}): upload the files written with this manifest`);
  const json = JSON.parse(body) as Partial<GazetteerShard>;
  if (json.format !== GAZETTEER_FORMAT || typeof json.version !== 'number' || json.version > GAZETTEER_VERSION) {
    throw new Error(`${entry.file} is not a gazetteer shard this version of Community Atlas reads (format ${String(json.format)}, version ${String(json.version)})`);
  }
  return json as GazetteerShard;
}

/**
 * Where the postcode, sector or district `text` is, from the gazetteer of the
 * manifest found at `manifestUrl`: a full postcode or a sector gives its
 * sector's centre when the gazetteer has it, else its district's. Never throws.
 */
export async function placePostcode(manifest: Pick<Manifest, 'gazetteer'>, manifestUrl: string, text: string, options: GazetteerPlaceOptions = {}): Promise<GazetteerPlaceResult> {
  if (!parsePostcodeQuery(text)) return { ok: false, reason: 'not-a-postcode' };
  if (!manifest.gazetteer?.shards.length) return { ok: false, reason: 'no-gazetteer' };
  const entry = gazetteerShardFor(manifest, text);
  if (!entry) return { ok: false, reason: 'not-found' };
  const url = new URL(entry.file, manifestUrl).href;
  const cache = options.cache ?? new Map<string, Promise<GazetteerShard>>();
  let pending = cache.get(url);
  if (!pending) {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    pending = (async () => {
      const response = await doFetch(url, options.signal ? { signal: options.signal } : {});
      if (!response.ok) throw new Error(`the gazetteer shard ${entry.file} could not be loaded (HTTP ${response.status})`);
      return readGazetteerShard(await response.text(), entry);
    })();
    cache.set(url, pending);
    // A failed fetch is not kept: the next search tries again.
    pending.catch(() => cache.delete(url));
  }
  let shard: GazetteerShard;
  try {
    shard = await pending;
  } catch (error) {
    if (options.signal?.aborted) return { ok: false, reason: 'aborted' };
    return { ok: false, reason: 'unavailable', message: (error as Error).message };
  }
  const result = await lookupPostcodeDetailed(text, { gazetteer: shard });
  if (result.ok) return { ok: true, place: result.place, attribution: manifest.gazetteer.attribution };
  return { ok: false, reason: result.reason === 'not-a-postcode' ? 'not-a-postcode' : 'not-found' };
}
