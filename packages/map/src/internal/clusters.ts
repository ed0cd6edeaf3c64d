import Supercluster from 'supercluster';
import type { Bounds } from './leaflet-adapter.js';
import type { Site } from './points.js';

interface PointProps {
  site: number;
  /** Listings at the site; summed into clusters so a cluster says how many listings, not sites. */
  n: number;
}
interface ClusterProps {
  n?: number;
  point_count?: number;
}

export type Shown =
  | { type: 'cluster'; id: number; lat: number; lng: number; count: number }
  | { type: 'site'; site: Site };

/** Never more elements than this in the page, however many points there are. */
export const MAX_MARKERS = 300;
/** Above this zoom every site stands alone; the map's own max zoom is higher. */
export const CLUSTER_MAX_ZOOM = 16;
/**
 * With very many sites, stop clustering at street level instead: the two
 * deepest levels are the dearest to build (almost every point survives to
 * them), and stopping there halves the build at 50,000 points. Views closer in
 * stay within the marker cap through `shown()`'s coarser fallback.
 */
const LARGE = 20_000;
const LARGE_MAX_ZOOM = 14;

/**
 * Supercluster over sites. It builds a spatial index per zoom level once, and a
 * view is then a range query, which is what keeps 50,000 points smooth.
 */
export class SiteClusters {
  private readonly index: Supercluster<PointProps, ClusterProps>;
  private readonly maxZoom: number;

  constructor(private readonly sites: readonly Site[]) {
    // Summing listings per cluster (map/reduce) costs about a third more to
    // build; only pay for it when some site holds more than one listing.
    const shared = sites.some((site) => site.listings.length > 1);
    this.maxZoom = sites.length > LARGE ? LARGE_MAX_ZOOM : CLUSTER_MAX_ZOOM;
    this.index = new Supercluster<PointProps, ClusterProps>({
      // Leaflet's tiles are 256 px, so with this extent the radius is in screen
      // pixels: wide enough that cluster markers never overlap each other.
      radius: 60,
      extent: 256,
      maxZoom: this.maxZoom,
      ...(shared
        ? {
            map: (p: PointProps): ClusterProps => ({ n: p.n }),
            reduce: (acc: ClusterProps, p: ClusterProps) => {
              acc.n = (acc.n ?? 0) + (p.n ?? 0);
            },
          }
        : {}),
    });
    this.index.load(
      sites.map((site, i) => ({
        type: 'Feature' as const,
        properties: { site: i, n: site.listings.length },
        geometry: { type: 'Point' as const, coordinates: [site.lng, site.lat] },
      })),
    );
  }

  /**
   * What to draw for a view. When even the clusters for this zoom would be more
   * than `MAX_MARKERS` (very dense data, a tall screen), it clusters as for a
   * lower zoom: coarser, but every listing is still counted in some marker.
   */
  shown(bounds: Bounds, zoom: number): Shown[] {
    const [s, w, n, e] = bounds;
    const bbox: [number, number, number, number] = [w, s, e, n];
    for (let z = Math.floor(zoom); z >= 0; z--) {
      const features = this.index.getClusters(bbox, z);
      if (features.length <= MAX_MARKERS || z === 0) {
        return features.slice(0, MAX_MARKERS).map((f): Shown => {
          const [lng, lat] = f.geometry.coordinates as [number, number];
          const props = f.properties as (PointProps | ClusterProps) & { cluster?: boolean; cluster_id?: number; point_count?: number };
          if (props.cluster && props.cluster_id !== undefined) {
            return { type: 'cluster', id: props.cluster_id, lat, lng, count: props.n ?? props.point_count ?? 0 };
          }
          return { type: 'site', site: this.sites[(props as PointProps).site]! };
        });
      }
    }
    return [];
  }

  /** The zoom at which a cluster splits, or undefined when it never does on this map. */
  expansionZoom(clusterId: number, mapMaxZoom: number): number | undefined {
    const z = this.index.getClusterExpansionZoom(clusterId);
    if (z > mapMaxZoom) return undefined;
    // Still one cluster at the deepest level: its sites are within a few metres,
    // so a list serves better than zooming to markers stacked on each other.
    if (z > this.maxZoom && this.maxZoom === CLUSTER_MAX_ZOOM) return undefined;
    return z;
  }

  sitesIn(clusterId: number): Site[] {
    return this.index.getLeaves(clusterId, Infinity).map((f) => this.sites[f.properties.site]!);
  }

  contains(clusterId: number, site: Site): boolean {
    return this.index.getLeaves(clusterId, Infinity).some((f) => this.sites[f.properties.site] === site);
  }
}
