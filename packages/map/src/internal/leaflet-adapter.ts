/**
 * Every call into Leaflet lives here, so moving to Leaflet 2 (ES classes, no
 * global `L`, renamed factory functions) changes this file and nothing else.
 * The rest of the map works in plain numbers: [lat, lng] pairs, bounds as
 * [south, west, north, east], points in the marker layer's pixel space.
 */
import {
  Map as LeafletMap,
  GridLayer,
  TileLayer,
  GeoJSON,
  type LatLngBoundsExpression,
  type PanOptions,
  type PointExpression,
  type ZoomPanOptions,
} from 'leaflet/dist/leaflet-src.esm.js';
import type { GeoJsonMultiPolygon, GeoJsonPolygon } from '@community-atlas/core';

export type Bounds = [south: number, west: number, north: number, east: number];
export interface View {
  center: [number, number];
  zoom: number;
}

interface AdapterCallbacks {
  /** The view changed; `user` is false when the kit moved it (fitting results, resizing). */
  moveEnd(user: boolean): void;
  zoomEnd(user: boolean, from: number, to: number): void;
  /** One round of tile loading finished: `failed` when no tile loaded at all. */
  tiles(state: 'ok' | 'failed'): void;
}

interface AdapterOptions {
  view: View;
  reducedMotion: boolean;
  minZoom: number;
  maxZoom: number;
  callbacks: AdapterCallbacks;
}

interface OutlineShape {
  key: string;
  geometry: GeoJsonPolygon | GeoJsonMultiPolygon;
}

/** Web Mercator ground resolution at zoom 0, metres per pixel at the equator (256 px tiles). */
const EQUATOR_METRES_PER_PIXEL = 156543.03392;

interface TileRecord { el: HTMLImageElement; coords: { z: number } }
interface TileLayerInternals {
  _tiles: Record<string, TileRecord | undefined>;
  _tileZoom: number;
  fire(type: string, data: object): unknown;
}

/**
 * Leaflet's tile layer, except that it stops a tile's download by taking away the
 * image's `src` rather than pointing it at a `data:` GIF: a Content-Security-Policy
 * whose `img-src` names only the tile host reports every such GIF as a violation
 * (dozens on one zoom). Removing the attribute aborts the pending request just the
 * same (HTML's "update the image data") and fires no load event.
 */
const StrictTileLayer = TileLayer.extend({
  _abortLoading(this: TileLayerInternals): void {
    for (const [key, tile] of Object.entries(this._tiles)) {
      if (!tile || tile.coords.z === this._tileZoom) continue;
      const el = tile.el;
      el.onload = null;
      el.onerror = null;
      if (el.complete) continue;
      el.removeAttribute('src');
      el.remove();
      delete this._tiles[key];
      this.fire('tileabort', { tile: el, coords: tile.coords });
    }
  },
  _removeTile(this: TileLayerInternals, key: string): unknown {
    const tile = this._tiles[key];
    if (!tile) return undefined;
    tile.el.removeAttribute('src');
    return (GridLayer.prototype as unknown as { _removeTile(this: unknown, key: string): unknown })._removeTile.call(this, key);
  },
}) as unknown as typeof TileLayer;

export class MapAdapter {
  /** Where the kit draws its markers: moves with the map while panning, hidden during zoom animation. */
  readonly markerRoot: HTMLElement;
  private readonly map: LeafletMap;
  private readonly outlines: GeoJSON;
  private tiles: TileLayer | undefined;
  private tileUrl = '';
  private programmatic = 0;
  private lastZoom: number;
  /** A zoom animation is under way (from its first frame to its end). */
  private zooming = false;
  /** The level last asked for while a zoom animation was under way, made when that one ends. */
  private queuedZoom: number | undefined;
  private tileErrors = 0;
  private tileLoads = 0;

  constructor(container: HTMLElement, private readonly options: AdapterOptions) {
    const still = options.reducedMotion;
    this.map = new LeafletMap(container, {
      center: options.view.center,
      zoom: options.view.zoom,
      minZoom: options.minZoom,
      maxZoom: options.maxZoom,
      // The kit draws its own zoom buttons and attribution, translated and in its own styles.
      zoomControl: false,
      attributionControl: false,
      zoomAnimation: !still,
      fadeAnimation: !still,
      markerZoomAnimation: !still,
      inertia: !still,
      keyboard: true,
    });
    if (still) {
      // Leaflet's keyboard handler pans with an animation that no option turns off.
      const panBy = this.map.panBy.bind(this.map);
      this.map.panBy = (offset: PointExpression, opts?: PanOptions) => panBy(offset, { ...opts, animate: false });
    }
    // Leaflet drops a zoom asked for while another is still animating: a second press of + or a quick second
    // click of Zoom in did nothing. The last level asked for is kept and made when the running zoom ends.
    const setZoom = this.map.setZoom.bind(this.map);
    this.map.setZoom = (zoom: number, opts?: ZoomPanOptions) => {
      if (!this.zooming) return setZoom(zoom, opts);
      this.queuedZoom = zoom;
      return this.map;
    };
    this.map.on('zoomanim', this.onZoomAnim);
    this.lastZoom = this.map.getZoom();
    this.outlines = new GeoJSON(undefined, {
      interactive: false,
      style: () => ({ className: 'atlas-outline', weight: 2 }),
    }).addTo(this.map);
    this.markerRoot = document.createElement('div');
    this.markerRoot.className = 'atlas-markers leaflet-zoom-hide';
    this.map.getPane('markerPane')?.appendChild(this.markerRoot);
    this.map.on('moveend', this.onMoveEnd);
    this.map.on('zoomend', this.onZoomEnd);
  }

  private readonly onMoveEnd = (): void => this.options.callbacks.moveEnd(this.programmatic === 0);

  private readonly onZoomAnim = (): void => {
    this.zooming = true;
  };

  private readonly onZoomEnd = (): void => {
    this.zooming = false;
    const to = this.map.getZoom();
    const from = this.lastZoom;
    this.lastZoom = to;
    if (to !== from) this.options.callbacks.zoomEnd(this.programmatic === 0, from, to);
    const queued = this.queuedZoom;
    this.queuedZoom = undefined;
    if (queued !== undefined && queued !== to) this.map.setZoom(queued);
  };

  get zoom(): number {
    return this.map.getZoom();
  }
  get minZoom(): number {
    return this.map.getMinZoom();
  }
  get maxZoom(): number {
    return this.map.getMaxZoom();
  }

  view(): View {
    const c = this.map.getCenter();
    return { center: [c.lat, c.lng], zoom: this.map.getZoom() };
  }

  /** The visible area, clamped to real coordinates. */
  bounds(): Bounds {
    const b = this.map.getBounds();
    return [
      Math.max(-90, b.getSouth()),
      Math.max(-180, b.getWest()),
      Math.min(90, b.getNorth()),
      Math.min(180, b.getEast()),
    ];
  }

  /** Position of a coordinate in the marker layer, in pixels. */
  point(lat: number, lng: number): { x: number; y: number } {
    const p = this.map.latLngToLayerPoint([lat, lng]);
    return { x: p.x, y: p.y };
  }

  metresToPixels(metres: number, lat: number): number {
    const metresPerPixel = (EQUATOR_METRES_PER_PIXEL * Math.cos((lat * Math.PI) / 180)) / 2 ** this.map.getZoom();
    return metres / metresPerPixel;
  }

  /** Moves made by the kit, not the user: they must not count as the user moving the map. */
  private quietly(move: () => void): void {
    this.programmatic++;
    try {
      move();
    } finally {
      this.programmatic--;
    }
  }

  fit(bounds: Bounds, maxZoom: number): void {
    const [s, w, n, e] = bounds;
    const box: LatLngBoundsExpression = [
      [s, w],
      [n, e],
    ];
    // More room at the top, under the "Search this area" and zoom buttons, and at the bottom, over the
    // legend and attribution, so no result is fitted behind the map's own controls.
    this.quietly(() => this.map.fitBounds(box, { paddingTopLeft: [40, 72], paddingBottomRight: [40, 56], maxZoom, animate: false }));
  }

  setView(view: View): void {
    this.quietly(() => this.map.setView(view.center, view.zoom, { animate: false }));
  }

  /** Brings a point into view if it is outside, without changing the zoom. */
  reveal(lat: number, lng: number): void {
    if (this.map.getBounds().pad(-0.1).contains([lat, lng])) return;
    this.quietly(() => this.map.panTo([lat, lng], { animate: false }));
  }

  /** A zoom the user asked for (a button, a cluster): animated unless reduced motion is wanted. */
  userZoom(delta: number): void {
    this.map.setZoom(this.map.getZoom() + delta);
  }

  userZoomTo(lat: number, lng: number, zoom: number): void {
    this.map.setView([lat, lng], zoom, { animate: !this.options.reducedMotion });
  }

  invalidateSize(): void {
    this.quietly(() => this.map.invalidateSize({ pan: false }));
  }

  focusContainer(): void {
    this.map.getContainer().focus();
  }

  /** Shows tiles from a URL template, or none when `url` is empty. */
  setTiles(url: string): void {
    if (url === this.tileUrl) return;
    this.tileUrl = url;
    this.tiles?.remove();
    this.tiles = undefined;
    if (!url) return;
    const tiles = new StrictTileLayer(url, { maxZoom: this.options.maxZoom, attribution: '' });
    tiles.on('loading', () => {
      this.tileErrors = 0;
      this.tileLoads = 0;
    });
    tiles.on('tileload', () => this.tileLoads++);
    tiles.on('tileerror', () => this.tileErrors++);
    tiles.on('load', () => {
      this.options.callbacks.tiles(this.tileErrors > 0 && this.tileLoads === 0 ? 'failed' : 'ok');
    });
    tiles.addTo(this.map);
    this.tiles = tiles;
  }

  setOutlines(shapes: readonly OutlineShape[]): void {
    this.outlines.clearLayers();
    for (const shape of shapes) {
      this.outlines.addData(shape.geometry);
    }
    this.outlines.eachLayer((layer) => {
      const el = (layer as unknown as { getElement?: () => Element | undefined }).getElement?.();
      el?.setAttribute('aria-hidden', 'true');
    });
  }

  destroy(): void {
    this.map.off('moveend', this.onMoveEnd);
    this.map.off('zoomend', this.onZoomEnd);
    this.map.off('zoomanim', this.onZoomAnim);
    this.map.stop();
    // Leaflet 1.9 ends a zoom animation from a timer that still runs after
    // remove() and then throws on the removed panes: end it before removing,
    // so taking the map out of the page mid-zoom is safe.
    const leaflet = this.map as unknown as { _animatingZoom?: boolean; _onZoomTransitionEnd?: () => void };
    if (leaflet._animatingZoom) leaflet._onZoomTransitionEnd?.();
    this.map.remove();
  }
}
