import { MAP_KINDS, mapPointsOf, placeSites, type AtlasListing, type ListingKind, type MapPoints, type MapSites } from '@community-atlas/core';
import type { Bounds } from './leaflet-adapter.js';

/** One place on the map: a single listing, or several listings at the same address. */
export interface Site {
  id: string;
  /** Position in `PlacedPoints.sites`. */
  index: number;
  lat: number;
  lng: number;
  /** The listings here, as positions in `PlacedPoints.points`. */
  members: number[];
  /** Shown as a shaded area of `radius` metres, never a pin. */
  approximate: boolean;
  radius: number;
}

/**
 * The sites as columns (what clustering reads), with a `Site` object made only
 * for a site that is drawn, opened or looked up: a few hundred, not 50,000.
 */
export class SiteTable {
  private readonly made = new Map<number, Site>();
  readonly size: number;
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  /** Each site in Web Mercator world units (0..1). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Listings at each site. */
  readonly weight: Int32Array;

  constructor(
    private readonly columns: MapSites,
    private readonly keys: readonly string[],
  ) {
    ({ size: this.size, lat: this.lat, lng: this.lng, x: this.x, y: this.y, weight: this.weight } = columns);
  }

  site(index: number): Site {
    let site = this.made.get(index);
    if (site) return site;
    const { first, next, radius: radii, place } = this.columns;
    const members: number[] = [];
    for (let p = first[index]!; p !== -1; p = next[p]!) members.push(p);
    const radius = radii[index]!;
    site = {
      id: radius > 0 ? `a:${this.keys[members[0]!]}` : `${place[index]}`,
      index, lat: this.lat[index]!, lng: this.lng[index]!, members, approximate: radius > 0, radius,
    };
    this.made.set(index, site);
    return site;
  }
}

export interface PlacedPoints {
  points: MapPoints;
  sites: SiteTable;
  /** The site of each point. */
  siteOfPoint: Int32Array;
  /** Listings with no usable coordinates (absent, out of range, or at 0,0). */
  unplaced: number;
  /** Bounds of every site. */
  all?: Bounds;
  /** Bounds without the sites far from all the others (a swapped lat/lng, a typo). */
  core?: Bounds;
  /** How many listings lie outside `core`. */
  outliers: number;
  outlines: NonNullable<MapPoints['outlines']>;
  /** Kinds of the placed listings, for the legend. */
  kinds: Set<ListingKind>;
  /** Whether any site is an approximate area. */
  hasAreas: boolean;
}

/** Listings placed on the map, named in `lang`. */
export function placeListings(listings: readonly AtlasListing[], lang = 'en'): PlacedPoints {
  return placePoints(mapPointsOf(listings, lang));
}

/**
 * Points as sites (`placeSites` from core: one marker for the listings at one
 * address, never merging approximate areas), placed where the points were made
 * when they come with `sites` (the search worker's), else here.
 */
export function placePoints(points: MapPoints): PlacedPoints {
  const placed = points.sites ?? placeSites(points);
  const kinds = new Set<ListingKind>();
  MAP_KINDS.forEach((kind, i) => {
    if (placed.kindBits & (1 << i)) kinds.add(kind);
  });
  return {
    points, sites: new SiteTable(placed, points.keys), siteOfPoint: placed.siteOfPoint, unplaced: points.unplaced,
    all: placed.all, core: placed.core, outliers: placed.outliers, outlines: points.outlines ?? [], kinds, hasAreas: placed.hasAreas,
  };
}
