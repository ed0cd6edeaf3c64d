/**
 * Writing a ready feed (the format is described in feed/ready.ts): for
 * `atlas build`, in Node. The finder never loads this module.
 */
import { normaliseFeed, normaliseFeedCounting } from '../feed/normalise.js';
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import type { Feed } from '../feed/types.js';
import { READY_FORMAT, READY_VERSION, readyHashBytes, readySeal, type ReadyBody, type ReadyHeader } from '../feed/ready.js';
import { KIND_SCREENS_KEY, kindsKey, SCREEN_FACETS, SCREEN_KEY, type FirstScreen, type KindScreens } from '../feed/first.js';
import { keepKinds } from '../feed/ready-kinds.js';
import { attachReadyParts } from '../feed/ready-parts.js';
import { FilterCore, type ReadyColumns } from './core.js';
import { summarise } from './types.js';
import { writeTextIndex } from './index-write.js';
import { closedByStatus, closingSoonFrom, parseDeadline } from '../transfer/deadline.js';

export interface ReadyFeed {
  /** The file's text. */
  text: string;
  /** Its length in UTF-8 bytes. */
  bytes: number;
  /** Its hash (`readyHash` of the body), which names shards. */
  hash: string;
  /** The normalised data the finder will hold when it trusts the file. */
  data: AtlasData;
  /** The prebuilt columns, as written. */
  columns: ReadyColumns;
  /** Every term of the text index written. */
  terms: string[];
  /**
   * The text index, a file of its own to write beside the feed under `path`
   * (named by its seal, so a host can cache it for ever), as the feed's header
   * names it: only when asked for (`indexFile`).
   */
  index?: { path: string; text: string };
}

/** The name of a ready feed's text index file, whose seal is `seal`. */
const readyIndexName = (seal: string): string => `ready-index.${seal}.json`;

/** Any base: a feed whose normalised form depends on it has relative links. */
const SOME_BASE = 'https://ready.invalid/some/where/';

/**
 * A ready feed for `feed`: its listings normalised (as the finder would read
 * them, without a source), the engine's columns for `lang` (default `en`;
 * other languages order names their own way and work the columns out again)
 * and the terms of its text index. The text index itself is written only
 * with `indexFile`, in a file of its own (`index`) that the feed's header
 * names; without it (what atlas build and shards write) the engine indexes
 * the listings after the first page. Reading a prebuilt index (JSON.parse
 * and MiniSearch's loadJS) took as long as building it from the listings
 * (10,000 listings in Chromium, wall time at machine load 20: 2.3 to 5.4 s
 * against 2.0 to 5.9 s, building quicker in 4 of 6 alternating pairs; CPU in
 * Node: 1.1 to 1.3 s against 0.8 to 1.3 s, and 11.7 to 14.1 s against 11.6
 * to 11.9 s at 100,000),
 * while its file is 1.13 MB gzip at 10,000 listings: 5.7 s more of a slow
 * phone's 1.6 Mbit/s link before the first words' results.
 */
export function serializeReady(
  feed: Feed, options: { lang?: string; indexFile?: boolean; kindScreens?: boolean; slots?: boolean; now?: Date } = {},
): ReadyFeed {
  const lang = options.lang ?? 'en';
  // Normalised once: only a feed with relative links is normalised again against
  // some base to see whether its listings depend on where the feed is found.
  const { data, relativeLinks } = normaliseFeedCounting(feed);
  const relative = relativeLinks > 0 && JSON.stringify(normaliseFeed(feed, { baseUrl: SOME_BASE }).listings) !== JSON.stringify(data.listings);
  const now = options.now;
  const core = new FilterCore(data, { lang, ...(now ? { now: () => now } : {}) });
  // Each schedule group's weekly slots as they are now, with until when they hold (`ReadyColumns.slots`):
  // a fresh worker then need not work them out before its first answer. Not with `slots: false` (shards).
  const columns = core.exportColumns({ slots: options.slots !== false });
  // Each transfer's deadline as the engine reads it (transfer/deadline.ts), so that a worker's first answer parses no date.
  columns.deadlines = columns.deadlines?.map(([deadline, status]) => {
    const closes = parseDeadline(deadline)?.getTime();
    return closes === undefined ? [deadline, status] : [deadline, status, closes, closingSoonFrom(closes), closedByStatus(status) ? 1 : 0];
  });
  const index = writeTextIndex(core, { json: !!options.indexFile });
  const { listings, ...rest } = data;
  const gazetteerFromFeed = rest.gazetteer !== undefined && JSON.stringify(rest.gazetteer) === JSON.stringify(feed.gazetteer);
  if (gazetteerFromFeed) delete rest.gazetteer;
  const { listings: _, ...feedHead } = feed;
  // The body as JSON.stringify would write it (see feed/ready.ts for its
  // order), the text index written in as serialized rather than parsed and
  // written again. In ASCII (each other character as its JSON escape): text
  // that is all ASCII decodes several times faster in the browser, where one
  // curly apostrophe would make the whole text two bytes per character
  // (feed/ascii.ts). Made as bytes, hashed, and read back as text once, which
  // then takes one byte per character here too. Each listing's length in
  // those bytes is written before the listings, so that a reader can read one
  // listing without the others (feed/ready.ts's readReadyBytes).
  const listingBytes = listings.map((l) => asciiBytes([JSON.stringify(l)]));
  const head: Omit<ReadyBody, 'feed'> = {
    data: { ...rest, ...(gazetteerFromFeed ? { gazetteerFromFeed } : {}) },
    columns,
    keys: listings.map((l) => l.key),
    summary: summarise(listings, false),
    sizes: listingBytes.map((b) => b.length),
  };
  const feedStart = JSON.stringify(feedHead).slice(0, -1);
  // The first screen first, on a line of its own (feed/first.ts), then the kinds' screens on theirs; each sealed on its own in the header too.
  const { screen, others } = firstScreen(core, data, lang, options.kindScreens === false ? undefined : columns);
  const screenJson = asciiBytes([JSON.stringify(screen)]);
  const othersJson = others && asciiBytes([JSON.stringify(others)]);
  const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
  const first = asciiBytes([
    SCREEN_KEY, text(screenJson), ',\n', ...(othersJson ? [KIND_SCREENS_KEY, text(othersJson), ',\n'] : []),
    JSON.stringify(head).slice(1, -1), ',"feed":', feedStart, feedStart.length > 1 ? ',' : '', '"listings":[',
  ]);
  const last = asciiBytes([']}}\n']);
  const between = listingBytes.reduce((n, b) => n + b.length, Math.max(0, listingBytes.length - 1));
  const ascii = new Uint8Array(first.length + between + last.length);
  ascii.set(first);
  let at = first.length;
  listingBytes.forEach((b, i) => {
    if (i) ascii[at++] = 0x2c;
    ascii.set(b, at);
    at += b.length;
  });
  ascii.set(last, at);
  const listingsAt = first.length;
  const hash = readyHashBytes(ascii);
  // The text index in a file of its own, in ASCII too, named by its seal.
  const indexBytes = options.indexFile ? asciiBytes([index.json]) : undefined;
  const indexSeal = indexBytes && readySeal([indexBytes]);
  const textIndex = indexBytes && indexSeal ? { file: readyIndexName(indexSeal), seal: indexSeal, bytes: indexBytes.length } : undefined;
  const header: Omit<ReadyHeader, 'format' | 'seals'> & { format: string } = {
    format: READY_FORMAT, version: READY_VERSION, hash, length: ascii.length, lang, relative, listingsAt, ...(textIndex ? { textIndex } : {}),
  };
  // The seals (what the worker checks, see readReadyBytes): the header so far (the text index file's seal
  // with it) with what comes before the listings, and the listings to the end.
  header.first = {
    length: screenJson.length, seal: readyHashBytes(screenJson), kinds: screen.kinds,
    ...(othersJson ? { byKinds: { length: othersJson.length, seal: readyHashBytes(othersJson) } } : {}),
  };
  const sealed = JSON.stringify(header).slice(0, -1);
  const seals = [
    readySeal([new TextEncoder().encode(sealed), ascii.subarray(0, listingsAt)]),
    readySeal([ascii.subarray(listingsAt)]),
  ];
  const headLine = `${sealed},"seals":${JSON.stringify(seals)},\n`;
  return {
    text: headLine + new TextDecoder().decode(ascii), bytes: utf8Length(headLine) + ascii.length, hash, data, columns, terms: index.terms,
    ...(indexBytes && textIndex ? { index: { path: textIndex.file, text: new TextDecoder().decode(indexBytes) } } : {}),
  };
}

/** The finder's page size: how many results its first page shows. */
const FIRST_PAGE = 20;

/**
 * What a finder shows for the default state (feed/first.ts): the engine's
 * answer for it, without what depends on the clock or a place. The order of
 * the results is the names' order in `lang`, which the clock does not change.
 */
function firstScreen(core: FilterCore, data: AtlasData, lang: string, columns: ReadyColumns | undefined): { screen: FirstScreen; others?: KindScreens } {
  const every = screenAnswer(core, data.listings);
  const kinds = summarise(data.listings, false).kinds;
  const screen: FirstScreen = {
    lang,
    total: every.total,
    kinds,
    limit: FIRST_PAGE,
    listings: every.listings,
    facets: every.facets,
    needs: data.needs.map(({ id, label }) => ({ id, label })),
    areas: data.areas,
    ...(data.categories ? { categories: data.categories } : {}),
    skipped: data.skipped,
  };
  if (!columns || kinds.length < 2) return { screen: named(screen, data, screen.listings) };
  // A finder given kinds that keep some of the feed's and not others (a council page's "asset activity"):
  // each such set's first page, its listings not on the first screen kept once, in `more`.
  const others: KindScreens = { byKinds: {}, more: [] };
  const places = new Map(every.listings.map((l, i) => [l.key, i]));
  for (let mask = 1; mask < (1 << kinds.length) - 1; mask++) {
    const some = kinds.filter((_, k) => mask & (1 << k));
    // The columns narrowed to those kinds (feed/ready-kinds.ts), as the engine takes them from the ready feed.
    const listings = [...data.listings];
    attachReadyParts(listings, { columns });
    const kept = keepKinds({ ...data, listings }, some);
    const answer = screenAnswer(new FilterCore(kept, { lang }), kept.listings);
    others.byKinds[kindsKey(some)] = {
      total: answer.total,
      kinds: summarise(kept.listings, false).kinds,
      listings: answer.listings.map((l) => {
        let place = places.get(l.key);
        if (place === undefined) {
          places.set(l.key, (place = every.listings.length + others.more.length));
          others.more.push(l);
        }
        return place;
      }),
      facets: answer.facets,
    };
  }
  return { screen: named(screen, data, [...screen.listings, ...others.more]), others };
}

/**
 * `screen` with what the listing view names for `listings` (see `FirstScreen.publishers`):
 * the view finds a listing's publisher by id, or takes the first, and a transfer's stages
 * by its list's name, or `default`; each finds the same in these as in the whole data.
 */
function named(screen: FirstScreen, data: AtlasData, listings: readonly AtlasListing[]): FirstScreen {
  const ids = new Set(listings.map((l) => l.publisherId));
  const lists = new Set(['default', ...listings.flatMap((l) => (l.transfer?.stageList ? [l.transfer.stageList] : []))]);
  const transfers = listings.some((l) => l.kind === 'transfer');
  return {
    ...screen,
    publishers: data.publishers.filter((p, i) => i === 0 || ids.has(p.id ?? '')),
    transferStages: transfers ? Object.fromEntries(Object.entries(data.transferStages).filter(([name]) => lists.has(name))) : {},
  };
}

/** The engine's answer for the default state: its total, first page and the facets that need neither the clock nor a place. */
function screenAnswer(core: FilterCore, listings: readonly AtlasListing[]): Pick<FirstScreen, 'total' | 'listings' | 'facets'> {
  // Any time will do: nothing kept below depends on it.
  const answer = core.query({ q: '', filters: {}, sort: 'relevance', limit: FIRST_PAGE }, new Date(0));
  const byKey = new Map(listings.map((l) => [l.key, l]));
  const facets: FirstScreen['facets'] = {};
  for (const facet of SCREEN_FACETS) if (answer.facets[facet]) facets[facet] = answer.facets[facet];
  return { total: answer.total, listings: answer.items.map((item) => byKey.get(item.key)!), facets };
}

const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * `parts` of JSON text joined, as bytes of ASCII: each character beyond ASCII
 * as its escape (JSON.stringify leaves them only inside strings, where an
 * escape means the same).
 */
function asciiBytes(parts: readonly string[]): Uint8Array {
  let length = 0;
  for (const part of parts) {
    length += part.length;
    for (let i = 0; i < part.length; i++) if (part.charCodeAt(i) >= 0x80) length += 5;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (c < 0x80) {
        bytes[at++] = c;
        continue;
      }
      bytes[at++] = 0x5c;
      bytes[at++] = 0x75;
      bytes[at++] = HEX[c >>> 12]!;
      bytes[at++] = HEX[(c >>> 8) & 15]!;
      bytes[at++] = HEX[(c >>> 4) & 15]!;
      bytes[at++] = HEX[c & 15]!;
    }
  }
  return bytes;
}

/** UTF-8 bytes of `text`; a national shard is megabytes of mostly ASCII, so only the runs of other characters are walked. */
export const utf8Length = (text: string): number => {
  let bytes = text.length;
  for (const [run] of text.matchAll(/[\u0080-\uffff]+/g)) {
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      bytes += c < 0x800 ? 1 : c >= 0xd800 && c < 0xdc00 ? 3 : c >= 0xdc00 && c < 0xe000 ? -1 : 2;
    }
  }
  return bytes;
};
