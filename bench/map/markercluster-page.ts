// Bench page: Leaflet.markercluster, the usual peer, on the same points.
import './leaflet-global.js';
import 'leaflet.markercluster';
import type * as Leaflet from 'leaflet';
import { benchPoints } from '../../test/support/generate.js';

// The plugin extends the global copy, so use that one throughout.
const L = (window as unknown as { L: typeof Leaflet }).L;
const map = L.map('map', { center: [54.3, -3.2], zoom: 5 });
L.tileLayer('/tiles/tile.png').addTo(map);
const afterFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
const icon = L.divIcon({ className: 'peer-marker', iconSize: [20, 20] });

(window as unknown as Record<string, unknown>)['benchMarkers'] = () =>
  document.querySelectorAll('.leaflet-marker-icon').length;
(window as unknown as Record<string, unknown>)['benchDraw'] = async (count: number) => {
  const points = benchPoints(count);
  const t0 = performance.now();
  const group = L.markerClusterGroup();
  group.addLayers(points.map((p) => L.marker([p.lat, p.lng], { icon, title: `Place` })));
  map.addLayer(group);
  map.fitBounds(group.getBounds(), { padding: [40, 40], maxZoom: 16, animate: false });
  await afterFrame();
  const drawMs = performance.now() - t0;
  map.getContainer().focus();
  return { drawMs, markers: document.querySelectorAll('.leaflet-marker-icon').length };
};
