import type { ListingKind } from '@community-atlas/core';

/** Every string `<atlas-map>` shows or announces. Override per element with the `strings` property. */
export interface MapStrings {
  /** Accessible name of the map region. */
  region: string;
  /** How to use the map by keyboard, read when the map gets focus. */
  mapInstructions: string;
  skipMap: string;
  zoomIn: string;
  zoomOut: string;
  searchArea: string;
  showAll: string;
  legend: string;
  kinds: Record<ListingKind, string>;
  approximateArea: string;
  close: string;
  /** "Riverside health walk, activity" (and ", approximate area" for an area). */
  markerName(name: string, kind: string, approximate: boolean): string;
  clusterName(count: number): string;
  /** A group of listings at one address (or too close to split). */
  siteName(count: number, place: string | undefined): string;
  siteHeading(count: number, place: string | undefined): string;
  zoomed(direction: 'in' | 'out', level: number, shown: number): string;
  noLocations: string;
  /** Some listings could not be placed (no location, or at 0,0). */
  someUnplaced(count: number): string;
  outliers(count: number): string;
  tilesUnavailable: string;
  consentText(host: string): string;
  consentButton: string;
  attributionLabel: string;
}
