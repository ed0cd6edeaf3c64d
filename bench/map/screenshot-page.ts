// A page for looking at the map: every kind of marker, an area, an outline, a
// shared address and clusters, on the local fixture tiles.
import '@community-atlas/map/define';
import type { AtlasMap } from '@community-atlas/map';
import { benchPoints } from '../../test/support/generate.js';

const base = { publisherId: 'demo', referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [] };
const hall = { lat: 52.4862, lng: -1.8904, name: 'St Mark’s Hall' };
const listings = [
  { ...base, id: 'walk', key: 'walk', kind: 'activity', name: 'Riverside health walk', location: { lat: 52.492, lng: -1.9 } },
  { ...base, id: 'lib', key: 'lib', kind: 'asset', name: 'Central Library', location: { lat: 52.4797, lng: -1.9085 } },
  { ...base, id: 'cafe', key: 'cafe', kind: 'activity', name: 'Carers café', location: hall },
  { ...base, id: 'knit', key: 'knit', kind: 'activity', name: 'Knit and natter', location: hall },
  { ...base, id: 'refuge', key: 'refuge', kind: 'asset', name: 'Safe space', location: { lat: 52.47, lng: -1.87, precision: 'approximate', radius: 600 } },
  {
    ...base, id: 'field', key: 'field', kind: 'transfer', name: 'Old bowling green',
    location: { lat: 52.4895, lng: -1.875, outline: { type: 'Polygon', coordinates: [[[-1.877, 52.4885], [-1.873, 52.4885], [-1.873, 52.4905], [-1.877, 52.4905], [-1.877, 52.4885]]] } },
  },
  ...benchPoints(400).map((p, i) => ({ ...base, id: `p${i}`, key: `p${i}`, kind: p.kind, name: `Place ${i}`, location: { lat: 52.48 + (p.lat - 52.48) * 0.08, lng: -1.9 + (p.lng + 1.9) * 0.08 } })),
];

const el = document.createElement('atlas-map') as AtlasMap;
el.setAttribute('tile-url', '/tiles/tile.png');
el.setAttribute('search-area', '');
el.listings = listings as unknown as AtlasMap['listings'];
el.highlighted = 'walk';
document.querySelector('#map')!.append(el);
