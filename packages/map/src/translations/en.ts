import type { MapStrings } from './types.js';

const plural = new Intl.PluralRules('en');
const listings = (n: number): string => `${n} ${plural.select(n) === 'one' ? 'listing' : 'listings'}`;

export const en: MapStrings = {
  region: 'Map of results',
  mapInstructions: 'Use the arrow keys to move the map and the plus and minus keys to zoom. Tab moves through the markers.',
  skipMap: 'Skip the map',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  searchArea: 'Search this area',
  showAll: 'Show all results',
  legend: 'Key',
  kinds: { asset: 'asset', activity: 'activity', transfer: 'asset transfer' },
  approximateArea: 'approximate area',
  close: 'Close',
  markerName: (name, kind, approximate) => `${name}, ${kind}${approximate ? ', approximate area' : ''}`,
  clusterName: (n) => `Cluster of ${listings(n)}`,
  siteName: (n, place) => (place ? `${listings(n)} at ${place}` : `${listings(n)} at one place`),
  siteHeading: (n, place) => (place ? `${listings(n)} at ${place}` : `${listings(n)} at one place`),
  zoomed: (direction, level, shown) => `Zoomed ${direction} to level ${level}, ${listings(shown)} shown`,
  noLocations: 'None of these results has a location to show on the map. The list shows them all.',
  someUnplaced: (n) => `${listings(n)} without a location ${n === 1 ? 'is' : 'are'} not on the map.`,
  outliers: (n) => `${listings(n)} far from the others ${n === 1 ? 'is' : 'are'} outside this view.`,
  tilesUnavailable: 'The background map is unavailable. The markers still work.',
  consentText: (host) => `The background map comes from ${host}. Loading it sends your device's internet address to them.`,
  consentButton: 'Load the background map',
  attributionLabel: 'Map data',
};
