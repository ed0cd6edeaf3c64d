/**
 * Everything `atlas build` writes, as a list of files in memory, so the command
 * can put them in a fresh folder and swap it in whole. Pure apart from the clock.
 */
import type { AtlasData, Feed, Gazetteer } from '@community-atlas/core';
import { buildGazetteer, parseFeedText, serializeIndex, serializeReady, type CentroidRow } from '@community-atlas/core';
import type { Centroids } from '../import/postcodes.js';
import { indexPage, listingPage, slugs, STYLESHEET, type SiteOptions } from './html.js';

export const FILES = { feed: 'feed.json', index: 'index.json', ready: 'ready.json', stylesheet: 'atlas-static.css', page: 'index.html' } as const;

interface SiteFile {
  /** Relative path with forward slashes. */
  path: string;
  content: string;
}

interface Site {
  files: SiteFile[];
  data: AtlasData;
}

/**
 * The rows `buildGazetteer` reads. When only full postcodes were given, a sector's
 * and a district's centre is the mean of their postcodes, which is what the
 * published sector and district centroids are too.
 */
function centroidRows(centroids: Centroids): CentroidRow[] {
  const rows: CentroidRow[] = [];
  for (const [outcode, [lat, lng]] of centroids.districts) rows.push({ outcode, lat, lng });
  for (const [sector, [lat, lng]] of centroids.sectors) rows.push({ sector, lat, lng });
  const sums = new Map<string, [number, number, number]>();
  for (const [postcode, [lat, lng]] of centroids.postcodes) {
    const sector = postcode.slice(0, -2);
    const district = postcode.split(' ')[0]!;
    for (const key of [`s:${sector}`, `d:${district}`]) {
      const sum = sums.get(key) ?? [0, 0, 0];
      sums.set(key, [sum[0] + lat, sum[1] + lng, sum[2] + 1]);
    }
  }
  for (const [key, [lat, lng, n]] of sums) {
    const name = key.slice(2);
    if (key.startsWith('s:') && !centroids.sectors.has(name)) rows.push({ sector: name, lat: lat / n, lng: lng / n });
    if (key.startsWith('d:') && !centroids.districts.has(name)) rows.push({ outcode: name, lat: lat / n, lng: lng / n });
  }
  return rows;
}

/** The gazetteer for the feed's own area: the districts and sectors around its listings. */
export function gazetteerFor(feed: Feed, centroids: Centroids): Gazetteer {
  const postcodes: string[] = [];
  const points: { lat: number; lng: number }[] = [];
  for (const l of feed.listings) {
    if (l.location?.postcode) postcodes.push(l.location.postcode);
    if (typeof l.location?.lat === 'number' && typeof l.location.lng === 'number') points.push({ lat: l.location.lat, lng: l.location.lng });
  }
  return buildGazetteer(centroidRows(centroids), postcodes, { points });
}

/** feed.json, index.json, ready.json, the stylesheet, index.html and a page per listing. */
export function buildSite(feed: Feed, options: SiteOptions & { now?: Date; progress?(done: number, total: number): void }): Site {
  const now = options.now ?? new Date();
  const feedText = `${JSON.stringify(feed)}\n`;
  // Read back exactly as the finder will read feed.json, so the prebuilt index's
  // fingerprint matches the listings the finder holds.
  const data = parseFeedText(feedText, FILES.feed);
  const files: SiteFile[] = [
    { path: FILES.feed, content: feedText },
    { path: FILES.index, content: serializeIndex(data) },
    // The feed ready to use (normalised, with its facet columns): what index.html's finder loads. Its text
    // index is built by the finder after the first page: reading a prebuilt one took as long, and its file
    // was more than the feed's own bytes again to a phone (engine/ready-write.ts in the core).
    { path: FILES.ready, content: serializeReady(feed, { now }).text },
    { path: FILES.stylesheet, content: STYLESHEET },
    { path: FILES.page, content: indexPage(data, options, now, { feed: FILES.ready }) },
  ];
  const names = slugs(data);
  data.listings.forEach((listing, i) => {
    files.push({ path: `listings/${names.get(listing.key)}.html`, content: listingPage(listing, data, options, now) });
    options.progress?.(i + 1, data.listings.length);
  });
  return { files, data };
}
