// Leaflet.markercluster is a plugin for the global `L` of Leaflet 1.x.
import * as L from 'leaflet';
(window as unknown as { L: typeof L }).L = { ...L } as typeof L;
