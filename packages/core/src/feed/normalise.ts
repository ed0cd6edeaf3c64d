/**
 * The exact, tolerant normaliser: reads one feed as parsed JSON into clean data,
 * repairing, skipping and reporting with exact messages. This file reads the feed
 * as a whole; one module per section of the feed reads that section (normaliser/:
 * head, listing, location, session, transfer), all through one shared checker
 * (normaliser/checker.ts) and by the rules in rules.ts, which the quick check
 * reads too. The browser loads this module with `import()` only for a feed the
 * quick check leaves to it (read.ts); the embed build's configuration decides
 * which chunk each module it imports lands in.
 */
import type { AtlasData, AtlasListing } from './normalised.js';
import { emptyData } from './fetch.js';
import { runSliced, runWhole } from './slices.js';
import type { Gazetteer } from './types.js';
import { Checker, describeValue, isObject } from './normaliser/checker.js';
import { readAreas, readCategories, readGazetteer, readNeeds, readPublisher, readStageLists } from './normaliser/head.js';
import { readListing } from './normaliser/listing.js';

export { describeValue };

export interface NormaliseOptions {
  /** The file or URL the feed came from; copied onto every problem. */
  source?: string;
  /**
   * Relative links in the feed (documents, listing pages) are resolved against
   * this, normally the feed's own URL, so they work wherever the finder is embedded.
   */
  baseUrl?: string;
}

/**
 * Turns one feed, as parsed JSON, into clean data the finder can trust, without
 * a schema compiler. Tolerant: a listing with no id, no name, no kind (or an
 * unknown one) or a duplicate id is skipped and counted; anything else wrong is
 * dropped or repaired and the listing is kept. Every problem is reported.
 * Strings stay strings: nothing here or downstream treats feed text as markup.
 */
export function normaliseFeed(json: unknown, options: NormaliseOptions = {}): AtlasData {
  return runWhole(normaliseSteps(json, options));
}

/**
 * `normaliseFeed` a listing at a time: the page runs it in slices with the thread
 * handed back between them (a feed with a megabyte-long description, or a thousand
 * listings to repair, was one task of 60 ms and more).
 */
export function normaliseFeedSliced(json: unknown, options: NormaliseOptions, pause: () => Promise<void>, sliceMs = 8): Promise<AtlasData> {
  return runSliced(normaliseSteps(json, options), pause, sliceMs);
}

/**
 * `normaliseFeed`, and how many relative links it read: with none, a `baseUrl`
 * would have given the same data (what `atlas build` asks of a ready feed).
 */
export function normaliseFeedCounting(json: unknown, options: NormaliseOptions = {}): { data: AtlasData; relativeLinks: number } {
  const c = new Checker(options.source, options.baseUrl);
  const data = runWhole(normaliseSteps(json, options, c));
  return { data, relativeLinks: c.relativeLinks };
}

function* normaliseSteps(json: unknown, options: NormaliseOptions, c = new Checker(options.source, options.baseUrl)): Generator<void, AtlasData, void> {
  const empty = (): AtlasData => emptyData(c.problems);

  if (!isObject(json)) {
    c.report(
      'error',
      'not-a-feed',
      '$',
      'an object with "version", "publisher" and "listings"',
      describeValue(json),
      `it should be an object with a "listings" list, but it is ${describeValue(json)}`,
    );
    return empty();
  }
  if (!Array.isArray(json.listings)) {
    c.report(
      'error',
      'no-listings',
      '$.listings',
      'a list of listings',
      describeValue(json.listings),
      json.listings === undefined ? 'it has no "listings" list' : `"listings" should be a list, but it is ${describeValue(json.listings)}`,
    );
    return empty();
  }

  if (json.version !== '1' && json.version !== 1) {
    c.warn('unknown-version', '$.version', '"1"', json.version, `the format version should be "1", not ${describeValue(json.version)}`, 'read as version 1');
  }

  const publisher = readPublisher(c, json.publisher, options.source);
  const updated = c.date(json.updated, '$.updated', 'updated', true);
  const licence = c.string(json.licence, '$.licence', 'licence');
  const languages = c.strings(json.languages, '$.languages', 'languages');
  const needs = readNeeds(c, json.vocabulary);
  const categories = readCategories(c, json.vocabulary);
  const areas = readAreas(c, json.areas);
  const transferStages = readStageLists(c, json.transferStages);
  let gazetteer: Gazetteer | undefined;
  let gazetteerUrl: string | undefined;
  if (isObject(json.gazetteer) && typeof json.gazetteer.url === 'string') {
    gazetteerUrl = c.url(json.gazetteer.url, '$.gazetteer.url', 'gazetteer url');
  } else if (json.gazetteer !== undefined) {
    gazetteer = readGazetteer(c, json.gazetteer);
  }

  if (json.listings.length === 0) {
    c.warn('no-listings', '$.listings', 'at least one listing', json.listings, 'the listings list is empty', 'nothing to show');
  }

  const listings: AtlasListing[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  const raws: unknown[] = json.listings;
  for (let index = 0; index < raws.length; index++) {
    // A hole in a list made in code is passed over, as forEach would (JSON has none).
    if (!(index in raws)) continue;
    c.listingIndex = index;
    c.listingId = undefined;
    const listing = readListing(c, raws[index], `$.listings[${index}]`, publisher.id!, transferStages, seen);
    if (listing) {
      seen.set(listing.id, index);
      listings.push(listing);
    } else {
      skipped++;
    }
    yield;
  }
  c.listingIndex = undefined;
  c.listingId = undefined;

  return {
    publishers: [publisher],
    ...(updated ? { updated } : {}),
    licences: licence ? [licence] : [],
    languages: languages.length ? languages : ['en'],
    needs,
    ...(categories.length ? { categories } : {}),
    areas,
    transferStages,
    ...(gazetteer ? { gazetteer } : {}),
    ...(gazetteerUrl ? { gazetteerUrl } : {}),
    listings,
    problems: c.problems,
    skipped,
    ...(options.source ? { sources: [options.source] } : {}),
  };
}
