/**
 * The report's charts, drawn to static SVG when the report is written: no script
 * is needed to read them, and they print. d3-scale places bars and ticks and
 * d3-geo projects the map; the markup is written here, with a <title> and <desc>
 * on every chart, and html.ts puts a table with the same numbers beside each one.
 * All text in them is escaped: listing and area names come from feeds.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';

export const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const fmt = new Intl.NumberFormat('en-GB');

export interface Bar {
  label: string;
  value: number;
  /** Drawn in the warning colour; its label says why, so it reads without colour too. */
  warn?: boolean;
  /** What is written at the end of the bar (default the value). */
  note?: string;
}

/** Rough width of text in the charts' 13px sans-serif: enough to keep labels clear of bars. */
const textWidth = (s: string): number => s.length * 7;

/** A horizontal bar chart: one row per item, the label left, the value at the bar's end. */
export function barChart(o: { id: string; title: string; description: string; bars: Bar[]; max?: number; width?: number }): string {
  const width = o.width ?? 640;
  const row = 26;
  const top = 8;
  const labelWidth = Math.min(260, Math.max(60, ...o.bars.map((b) => textWidth(b.label))) + 12);
  const noteWidth = Math.max(40, ...o.bars.map((b) => textWidth(b.note ?? fmt.format(b.value)))) + 8;
  const height = top + o.bars.length * row + 24;
  const y = scaleBand<number>().domain(o.bars.map((_, i) => i)).range([top, top + o.bars.length * row]).paddingInner(0.25);
  const x = scaleLinear().domain([0, o.max ?? Math.max(1, ...o.bars.map((b) => b.value))]).nice().range([labelWidth, width - noteWidth]);
  const ticks = x.ticks(Math.max(2, Math.min(6, Math.floor((width - labelWidth - noteWidth) / 80))));
  const tickFormat = x.tickFormat(ticks.length);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${o.id}-title ${o.id}-desc">`);
  parts.push(`<title id="${o.id}-title">${esc(o.title)}</title><desc id="${o.id}-desc">${esc(o.description)}</desc>`);
  parts.push('<g aria-hidden="true">');
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${top - 4}" y2="${top + o.bars.length * row}"/>`);
    parts.push(`<text class="tick" x="${x(t)}" y="${height - 6}" text-anchor="middle">${esc(tickFormat(t))}</text>`);
  }
  o.bars.forEach((b, i) => {
    const yy = y(i)!;
    const h = y.bandwidth();
    const w = Math.max(0, x(b.value) - x(0));
    parts.push(`<text class="label" x="${labelWidth - 8}" y="${yy + h / 2}" dy="0.35em" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(`<rect class="${b.warn ? 'bar warn' : 'bar'}" x="${x(0)}" y="${yy}" width="${w}" height="${h}"/>`);
    parts.push(`<text class="value" x="${x(0) + w + 6}" y="${yy + h / 2}" dy="0.35em">${esc(b.note ?? fmt.format(b.value))}</text>`);
  });
  parts.push(`<line class="axis" x1="${x(0)}" x2="${x(0)}" y1="${top - 4}" y2="${top + o.bars.length * row}"/>`);
  parts.push('</g></svg>');
  return parts.join('');
}

export interface MapPoint {
  lat: number;
  lng: number;
  warn: boolean;
}

export interface Boundary {
  name: string;
  listings: number;
  geometry: GeoPermissibleObjects;
}

/**
 * RFC 7946 GeoJSON winds outer rings anticlockwise; d3-geo, on the sphere, reads
 * that as everything but the polygon. Rings whose area is over a hemisphere are
 * turned round.
 */
export function rewind<T extends GeoPermissibleObjects>(geometry: T): T {
  const g = geometry as unknown as { type: string; coordinates: number[][][] | number[][][][] };
  const fix = (rings: number[][][]): number[][][] =>
    rings.map((ring, i) => {
      // Alone, an outer ring (i = 0) the right way round encloses less than a hemisphere; a hole, more.
      const large = geoArea({ type: 'Polygon', coordinates: [ring] } as GeoPermissibleObjects) > 2 * Math.PI;
      return (i === 0) === large ? [...ring].reverse() : ring;
    });
  if (g.type === 'Polygon') return { ...g, coordinates: fix(g.coordinates as number[][][]) } as unknown as T;
  if (g.type === 'MultiPolygon') return { ...g, coordinates: (g.coordinates as number[][][][]).map(fix) } as unknown as T;
  return geometry;
}

/**
 * Listings as points over the area they span (no map tiles, nothing fetched), on
 * the area boundaries shaded by listings when there are some. Points not checked
 * within the report's threshold are drawn as hollow rings, so the two read apart
 * without colour.
 */
export function mapChart(o: { id: string; title: string; description: string; points: MapPoint[]; boundaries?: Boundary[]; width?: number; height?: number }): string {
  const width = o.width ?? 640;
  const height = o.height ?? 520;
  const pad = 12;
  const multi = { type: 'MultiPoint', coordinates: o.points.map((p) => [p.lng, p.lat]) } as GeoPermissibleObjects;
  const extentOf: GeoPermissibleObjects = o.boundaries?.length
    ? ({ type: 'GeometryCollection', geometries: o.boundaries.map((b) => b.geometry) } as unknown as GeoPermissibleObjects)
    : multi;
  const projection = geoMercator().fitExtent([[pad, pad], [width - pad, height - pad]], extentOf);
  const path = geoPath(projection);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart map" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${o.id}-title ${o.id}-desc">`);
  parts.push(`<title id="${o.id}-title">${esc(o.title)}</title><desc id="${o.id}-desc">${esc(o.description)}</desc>`);
  parts.push('<g aria-hidden="true">');
  parts.push(`<rect class="sea" x="0" y="0" width="${width}" height="${height}"/>`);
  if (o.boundaries?.length) {
    const max = Math.max(1, ...o.boundaries.map((b) => b.listings));
    const shade = scaleLinear<string>().domain([0, max]).range(['#f3f7fb', '#3f6f9f']);
    for (const b of o.boundaries) {
      const d = path(b.geometry);
      if (d) parts.push(`<path class="area" d="${d}" fill="${b.listings ? shade(b.listings) : '#fff4e5'}"/>`);
    }
    for (const b of o.boundaries) {
      const [cx, cy] = path.centroid(b.geometry);
      if (Number.isFinite(cx) && Number.isFinite(cy)) parts.push(`<text class="area-label" x="${cx.toFixed(1)}" y="${cy.toFixed(1)}" text-anchor="middle">${esc(b.name)}</text>`);
    }
  }
  const r = o.points.length > 2000 ? 1.4 : o.points.length > 500 ? 2.2 : 3.2;
  // Fresh first, stale on top: the stale ones are what the reader is looking for.
  for (const warn of [false, true]) {
    for (const p of o.points) {
      if (p.warn !== warn) continue;
      const xy = projection([p.lng, p.lat]);
      if (!xy) continue;
      parts.push(`<circle class="${warn ? 'pt warn' : 'pt'}" cx="${xy[0].toFixed(1)}" cy="${xy[1].toFixed(1)}" r="${r}"/>`);
    }
  }
  parts.push('</g></svg>');
  return parts.join('');
}
