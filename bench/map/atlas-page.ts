// Bench page: <atlas-map> on 50,000 points. Driven by bench/map.bench.mjs.
import '@community-atlas/map/define';
import type { AtlasMap } from '@community-atlas/map';
import { loadFinder, type MapPoints } from '@community-atlas/core';
import { benchPoints, generateFeed } from '../../test/support/generate.js';

declare global {
  interface Window {
    benchDraw(count: number): Promise<{ drawMs: number; markers: number }>;
    benchMarkers(): number;
    benchRedraw(count: number): Promise<{ redrawMs: number }>;
    benchFinderDraw(count: number): Promise<{ drawMs: number; pointsMs: number; markers: number; inWorker: boolean }>;
  }
}

function makeMap(): AtlasMap {
  const map = document.createElement('atlas-map') as AtlasMap;
  map.setAttribute('tile-url', '/tiles/tile.png');
  map.setAttribute('lang', 'en');
  document.querySelector('#map')!.append(map);
  return map;
}
// `?finder`: no map until the finder's path makes one (benchFinderDraw), as the finder does.
let el = location.search.includes('finder') ? (undefined as unknown as AtlasMap) : makeMap();

/** The view of the first draw, for the breakdown below. */
let drawnView: { bounds: [number, number, number, number]; zoom: number } | undefined;
const afterFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));

window.benchRedraw = async (count) => {
  const again = benchPoints(count).map((p, i) => ({
    id: `q${i}`, key: `q${i}`, publisherId: 'bench', kind: p.kind, name: `Place ${i}`,
    referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
    location: { lat: p.lat, lng: p.lng },
  }));
  const t0 = performance.now();
  el.listings = again as AtlasMap['listings'];
  await el.updateComplete;
  await afterFrame();
  return { redrawMs: performance.now() - t0 };
};
// The same map and view with no markers: what the tiles alone cost a pan or zoom frame.
(window as unknown as Record<string, unknown>)['benchEmpty'] = async () => {
  el.listings = [];
  await el.updateComplete;
  await afterFrame();
};
window.benchMarkers = () => el.shadowRoot!.querySelectorAll('.marker').length;
/**
 * The columns the search worker sends for `count` points (typed arrays and three
 * lists of strings), made as they arrive on the page: no listing objects.
 */
function workerPoints(count: number): MapPoints {
  const from = benchPoints(count);
  const kinds = { asset: 0, activity: 1, transfer: 2 } as const;
  return {
    keys: from.map((_, i) => `p${i}`),
    names: from.map((_, i) => `Place ${i}`),
    places: from.map(() => ''),
    lat: Float64Array.from(from, (p) => p.lat),
    lng: Float64Array.from(from, (p) => p.lng),
    kinds: Uint8Array.from(from, (p) => kinds[p.kind]),
    radius: new Float32Array(count),
    unplaced: 0,
  };
}

window.benchDraw = async (count) => {
  while (!el.matches(':state(ready)')) await afterFrame();
  // `?points`: what the search worker sends, and no listing objects on the page.
  const points = location.search.includes('points') ? workerPoints(count) : undefined;
  const listings = points ? [] : benchPoints(count).map((p, i) => ({
    id: `p${i}`, key: `p${i}`, publisherId: 'bench', kind: p.kind, name: `Place ${i}`,
    referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
    location: { lat: p.lat, lng: p.lng },
  }));
  await afterFrame();
  performance.mark('atlas-draw-start');
  const t0 = performance.now();
  if (points) el.points = points;
  else el.listings = listings as AtlasMap['listings'];
  await el.updateComplete;
  await afterFrame();
  const drawMs = performance.now() - t0;
  performance.mark('atlas-draw-end');
  drawnView = { bounds: el.bounds!, zoom: el.zoom! };
  (el.shadowRoot!.querySelector('.leaflet') as HTMLElement).focus();
  return { drawMs, markers: window.benchMarkers() };
};

// Where the draw time goes, for the report: placing, clustering the drawn view
// (the only level a first draw builds), and the rest (Lit, Leaflet, layout, paint).
// Also every level, for comparison with indexes that build them all first; the map
// builds only the levels next to the view in idle time, and others when zoomed to.
import { placeListings } from '../../packages/map/src/internal/points.js';
import { SiteClusters, CLUSTER_MAX_ZOOM } from '../../packages/map/src/internal/clusters.js';
(window as unknown as Record<string, unknown>)['benchParts'] = (count: number) => {
  const listings = benchPoints(count).map((p, i) => ({
    key: `p${i}`, kind: p.kind, name: `Place ${i}`, location: { lat: p.lat, lng: p.lng },
  })) as unknown as AtlasMap['listings'];
  const t0 = performance.now();
  const placed = placeListings(listings);
  const t1 = performance.now();
  // The same padding as the map's own draw: a quarter of the view on each side.
  const [s, w, n, e] = drawnView!.bounds;
  const padLat = (n - s) * 0.25;
  const padLng = (e - w) * 0.25;
  new SiteClusters(placed.sites).shown([s - padLat, w - padLng, n + padLat, e + padLng], drawnView!.zoom);
  const t2 = performance.now();
  const every = new SiteClusters(placed.sites);
  for (let z = CLUSTER_MAX_ZOOM + 1; z >= 0; z--) every.shown([-85, -180, 85, 180], z);
  const t3 = performance.now();
  return { placeMs: t1 - t0, clusterMs: t2 - t1, allLevelsMs: t3 - t2 };
};

/**
 * The finder's own path (FinderMapView in elements): a search worker holds a
 * feed of `count` listings at the bench's points and has answered the first
 * query; then, as the finder does, the map is made and put in the page and the
 * engine is asked for the results' points at the same moment; the worker makes
 * them and sends them with their typed arrays transferred, and the map draws
 * them. Timed from that moment to the next frame after the markers are drawn,
 * so it counts the worker's work, the message and its unpacking on the page,
 * the map's set-up, placing, clustering and drawing. Loading the feed is not
 * counted: the search bench measures that.
 */
window.benchFinderDraw = async (count) => {
  const feed = generateFeed(count);
  const at = benchPoints(count);
  feed.listings.forEach((listing, i) => {
    const location = listing.location as Record<string, unknown>;
    location['lat'] = at[i]!.lat;
    location['lng'] = at[i]!.lng;
  });
  const url = URL.createObjectURL(new Blob([JSON.stringify(feed)], { type: 'application/json' }));
  const { engine, inWorker } = await loadFinder([url], { worker: true, workerUrl: new URL('./worker.js', import.meta.url) });
  const result = await engine.query({ q: '', filters: {}, sort: 'name', limit: 20 });
  await new Promise((r) => setTimeout(r, 300));
  await afterFrame();
  performance.mark('atlas-draw-start');
  const t0 = performance.now();
  el = makeMap();
  let pointsMs = 0;
  await engine.points(result.keys, 'en').then((points) => {
    pointsMs = performance.now() - t0;
    el.points = points;
  });
  while (!el.matches(':state(ready)') || window.benchMarkers() === 0) {
    await el.updateComplete;
    if (el.matches(':state(ready)') && window.benchMarkers() > 0) break;
    await afterFrame();
  }
  await afterFrame();
  const drawMs = performance.now() - t0;
  performance.mark('atlas-draw-end');
  drawnView = { bounds: el.bounds!, zoom: el.zoom! };
  (el.shadowRoot!.querySelector('.leaflet') as HTMLElement).focus();
  return { drawMs, pointsMs, markers: window.benchMarkers(), inWorker };
};
