import type { Bounds } from './leaflet-adapter.js';
import { PairIndex } from './pair-index.js';
import type { Site, SiteTable } from './points.js';

export type Shown =
  | { type: 'cluster'; id: number; lat: number; lng: number; count: number }
  | { type: 'site'; site: Site };

/** Never more elements than this in the page, however many points there are. */
export const MAX_MARKERS = 300;
/** Above this zoom every site stands alone; the map's own max zoom is higher. */
export const CLUSTER_MAX_ZOOM = 16;
/** Cluster radius in screen pixels: wide enough that cluster markers never overlap each other. */
const RADIUS_PX = 60;
/** Leaflet's tiles are 256 px: the world is 256 × 2^zoom pixels wide. */
const TILE_PX = 256;
/** Cluster ids carry their zoom in the low bits, so ids from different zooms never meet. */
const ZOOM_BITS = 5;
/** Idle-time building works in slices of at most this long, and may pause after every 2,048 sites. */
const IDLE_SLICE_MS = 4;
/** A cluster's expansion builds the levels it needs in slices of at most this long, with the page let in between. */
const CHOICE_SLICE_MS = 12;
/** How long a slice may wait for the page to be idle before it runs anyway. */
const IDLE_TIMEOUT_MS = 100;
const PAUSE_EVERY = 2047;

/** The clusters for one zoom level. Cluster i holds the sites whose `clusterOf` is i. */
interface Level {
  clusterOf: Int32Array;
  /** Centre of each cluster (mean of its sites), in world units (0..1, Web Mercator). */
  x: Float64Array;
  y: Float64Array;
  /** Sites and listings in each cluster. */
  sites: Int32Array;
  listings: Float64Array;
  /** The site of a one-site cluster. */
  first: Int32Array;
  size: number;
}

function mercatorX(lng: number): number {
  return lng / 360 + 0.5;
}

function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

function latitudeOf(y: number): number {
  const y2 = (180 - y * 360) * (Math.PI / 180);
  return (360 * Math.atan(Math.exp(y2))) / Math.PI - 90;
}

/**
 * Greedy radius clustering over sites, one zoom level at a time, built only
 * when a view first needs that level.
 *
 * A cluster index that builds every level up front (as supercluster and
 * Leaflet.markercluster do) spends most of a first draw on levels the user is
 * not looking at. Here a level is a single linear pass over typed arrays with a
 * grid of cells, so the first draw pays for one level (a few
 * milliseconds at 50,000 sites); the levels next to it are built when the
 * page is idle, and any other on the zoom that first shows it.
 *
 * Within a level, sites are taken in order; each site not yet in a cluster
 * starts one and takes in every free site within the radius, and the cluster
 * sits at their mean. Levels are independent of each other, so a cluster's
 * sites are found, and its split zoom worked out, from the levels themselves.
 */
export class SiteClusters {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  /** Listings at each site. */
  private readonly weight: Int32Array;
  private readonly levels: (Level | undefined)[] = [];
  /** A level being built in idle time, paused between slices. */
  private building: { z: number; steps: Generator<void, Level> } | undefined;
  private idleHandle: number | undefined;
  /** Levels to build in idle time, nearest the view first. */
  private wanted: number[] = [];
  /** The level `expansionZoomInSlices` is building, which idle time leaves alone. */
  private choosing: number | undefined;

  constructor(private readonly sites: SiteTable) {
    const n = sites.size;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.weight = sites.weight;
    for (let i = 0; i < n; i++) {
      this.x[i] = mercatorX(sites.lng[i]!);
      this.y[i] = mercatorY(sites.lat[i]!);
    }
  }

  /**
   * What to draw for a view. When even the clusters for this zoom would be more
   * than `MAX_MARKERS` (very dense data, a tall screen), it clusters as for a
   * lower zoom: coarser, but every listing is still counted in some marker.
   */
  shown(bounds: Bounds, zoom: number): Shown[] {
    const [s, w, n, e] = bounds;
    const minX = mercatorX(w);
    const maxX = mercatorX(e);
    const minY = mercatorY(n);
    const maxY = mercatorY(s);
    for (let z = Math.min(Math.floor(zoom), CLUSTER_MAX_ZOOM + 1); z >= 0; z--) {
      const level = this.level(z);
      const inView: number[] = [];
      for (let c = 0; c < level.size; c++) {
        const cx = level.x[c]!;
        const cy = level.y[c]!;
        if (cx >= minX && cx <= maxX && cy >= minY && cy <= maxY) {
          inView.push(c);
          if (inView.length > MAX_MARKERS && z > 0) break;
        }
      }
      if (inView.length <= MAX_MARKERS || z === 0) {
        return inView.slice(0, MAX_MARKERS).map((c): Shown => {
          if (level.sites[c] === 1) return { type: 'site', site: this.sites.site(level.first[c]!) };
          return {
            type: 'cluster',
            id: (c << ZOOM_BITS) | z,
            lat: latitudeOf(level.y[c]!),
            lng: (level.x[c]! - 0.5) * 360,
            count: level.listings[c]!,
          };
        });
      }
    }
    return [];
  }

  /**
   * The zoom at which a cluster splits, or undefined when it never does on this
   * map. The levels it needs are built in slices of a few milliseconds with the
   * page let in between: a cluster chosen in a dense map may need several
   * street-level levels (15-40 ms each on a slow machine), which in one go
   * would be one long task between the choice and the zoom.
   */
  async expansionZoom(clusterId: number, mapMaxZoom: number): Promise<number | undefined> {
    const members = this.members(clusterId);
    const first = members[0];
    if (first === undefined) return undefined;
    const top = Math.min(mapMaxZoom, CLUSTER_MAX_ZOOM);
    let until = performance.now() + CHOICE_SLICE_MS;
    for (let z = (clusterId & ((1 << ZOOM_BITS) - 1)) + 1; z <= top; z++) {
      let level = this.levels[z];
      if (!level) {
        // The idle builder's generator if it has started this level, so no work is done twice.
        const steps = this.building?.z === z ? this.building.steps : this.steps(z);
        if (this.building?.z === z) this.building = undefined;
        this.choosing = z;
        let step = steps.next();
        while (!step.done) {
          if (performance.now() >= until) {
            await new Promise((resolve) => setTimeout(resolve));
            until = performance.now() + CHOICE_SLICE_MS;
          }
          step = steps.next();
        }
        this.choosing = undefined;
        level = this.levels[z] ??= step.value;
      }
      const home = level.clusterOf[first];
      if (members.some((site) => level.clusterOf[site] !== home)) return z;
    }
    // Still one cluster at the deepest level: its sites are within a few metres,
    // so a list serves better than zooming to markers stacked on each other.
    return undefined;
  }

  sitesIn(clusterId: number): Site[] {
    return this.members(clusterId).map((i) => this.sites.site(i));
  }

  contains(clusterId: number, site: Site): boolean {
    const level = this.levels[clusterId & ((1 << ZOOM_BITS) - 1)];
    return level?.clusterOf[site.index] === clusterId >> ZOOM_BITS && site.index < this.sites.size && this.sites.site(site.index) === site;
  }

  /**
   * Builds, while the page is idle, the levels a user at `zoom` reaches next
   * (one zoom in, one out, two in), in slices of a few milliseconds: a
   * street-level build of 50,000 sites takes 15-40 ms on a slow machine, too
   * long for one go beside a pan. Levels further away are built by the zoom
   * that first needs them; building all 18 would take the processor from the
   * page for half a second on a slow machine, mostly for levels nobody opens.
   * Cancelled by `dispose`.
   */
  buildNearWhenIdle(zoom: number): void {
    const z = Math.min(Math.floor(zoom), CLUSTER_MAX_ZOOM + 1);
    this.wanted = [z + 1, z - 1, z + 2].filter((level) => level >= 0 && level <= CLUSTER_MAX_ZOOM + 1);
    if (this.idleHandle !== undefined || this.sites.size === 0) return;
    // With a timeout: while a pan or a zoom animates, or a page asks for every
    // animation frame, the browser may never be idle, and a level left unbuilt
    // is then built in one go, in the frame of the zoom that needs it (tens of
    // milliseconds at street level). A slice run by the timeout is as short as
    // an idle one.
    const idle = (then: (deadline?: IdleDeadline) => void): number =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(then, { timeout: IDLE_TIMEOUT_MS }) : window.setTimeout(then, 50);
    const slice = (deadline?: IdleDeadline): void => {
      this.idleHandle = undefined;
      const idleFor = deadline && !deadline.didTimeout ? deadline.timeRemaining() : IDLE_SLICE_MS;
      const until = performance.now() + Math.max(1, Math.min(IDLE_SLICE_MS, idleFor));
      while (performance.now() < until) {
        if (!this.building) {
          const next = this.wanted.find((level) => !this.levels[level] && level !== this.choosing);
          if (next === undefined) return;
          this.building = { z: next, steps: this.steps(next) };
        }
        const step = this.building.steps.next();
        if (step.done) {
          this.levels[this.building.z] = step.value;
          this.building = undefined;
        }
      }
      this.idleHandle = idle(slice);
    };
    this.idleHandle = idle(slice);
  }

  dispose(): void {
    this.building = undefined;
    if (this.idleHandle === undefined) return;
    if (typeof cancelIdleCallback === 'function') cancelIdleCallback(this.idleHandle);
    else clearTimeout(this.idleHandle);
    this.idleHandle = undefined;
  }

  private members(clusterId: number): number[] {
    const level = this.levels[clusterId & ((1 << ZOOM_BITS) - 1)];
    const index = clusterId >> ZOOM_BITS;
    const out: number[] = [];
    if (!level) return out;
    const { clusterOf } = level;
    for (let i = 0; i < clusterOf.length; i++) if (clusterOf[i] === index) out.push(i);
    return out;
  }

  /** A level, built now if it is not built yet (finishing it if idle time has started it). */
  private level(z: number): Level {
    const built = this.levels[z];
    if (built) return built;
    const steps = this.building?.z === z ? this.building.steps : this.steps(z);
    if (this.building?.z === z) this.building = undefined;
    let step = steps.next();
    while (!step.done) step = steps.next();
    return (this.levels[z] = step.value);
  }

  /** Builds a level, pausing now and then so idle time can build it in slices. */
  private *steps(z: number): Generator<void, Level> {
    return z > CLUSTER_MAX_ZOOM ? this.alone() : yield* this.cluster(z);
  }

  /** Past the deepest clustering level: every site is its own marker. */
  private alone(): Level {
    const n = this.sites.size;
    const clusterOf = new Int32Array(n);
    const first = new Int32Array(n);
    const listings = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      clusterOf[i] = i;
      first[i] = i;
      listings[i] = this.weight[i]!;
    }
    return { clusterOf, x: this.x, y: this.y, sites: new Int32Array(n).fill(1), listings, first, size: n };
  }

  private *cluster(z: number): Generator<void, Level> {
    const n = this.sites.size;
    const { x, y, weight } = this;
    const r = RADIUS_PX / (TILE_PX * 2 ** z);
    const r2 = r * r;
    const side = 2 * r;

    // Sites bucketed by grid cell (cell side = twice the radius), as one array
    // in cell order plus where each cell starts: every site within the radius
    // of a site is then in its own cell or the three beside it on the side of
    // the cell it is nearer to. Cells are
    // found through an open-addressing table on typed arrays; a Map keyed by
    // cell costs several times more at street level, where nearly every site
    // has a cell of its own.
    const cells = new CellTable(n);
    const column = new Int32Array(n);
    const row = new Int32Array(n);
    const cellOfSite = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const cx = (column[i] = Math.floor(x[i]! / side));
      const cy = (row[i] = Math.floor(y[i]! / side));
      cellOfSite[i] = cells.add(cx, cy);
      if ((i & PAUSE_EVERY) === PAUSE_EVERY) yield;
    }
    const cellTotal = cells.size;
    const counts = cells.counts;
    const start = new Int32Array(cellTotal + 1);
    for (let c = 0; c < cellTotal; c++) start[c + 1] = start[c]! + counts[c]!;
    // Free sites of a cell sit in [start, end): a site taken into a cluster is
    // swapped past `end`, so later searches never look at it again.
    const end = start.slice(1);
    const order = new Int32Array(n);
    const slot = new Int32Array(n);
    {
      const fill = start.slice(0, cellTotal);
      for (let i = 0; i < n; i++) {
        const at = fill[cellOfSite[i]!]!++;
        order[at] = i;
        slot[i] = at;
      }
    }

    const clusterOf = new Int32Array(n).fill(-1);
    const centreX = new Float64Array(n);
    const centreY = new Float64Array(n);
    const members = new Int32Array(n);
    const held = new Float64Array(n);
    const first = new Int32Array(n);
    let size = 0;
    const take = (site: number): void => {
      // Swap the site with the last free one of its cell, and shrink the cell.
      const cell = cellOfSite[site]!;
      const last = --end[cell]!;
      const at = slot[site]!;
      const other = order[last]!;
      order[at] = other;
      slot[other] = at;
      order[last] = site;
      slot[site] = last;
    };

    for (let i = 0; i < n; i++) {
      if ((i & PAUSE_EVERY) === PAUSE_EVERY) yield;
      if (clusterOf[i] !== -1) continue;
      const id = size++;
      const px = x[i]!;
      const py = y[i]!;
      clusterOf[i] = id;
      take(i);
      let sumX = px;
      let sumY = py;
      let count = 1;
      let listings = weight[i]!;
      const cx = column[i]!;
      const cy = row[i]!;
      const besideX = px / side - cx < 0.5 ? cx - 1 : cx + 1;
      const besideY = py / side - cy < 0.5 ? cy - 1 : cy + 1;
      for (let near = 0; near < 4; near++) {
        const cell = near === 0 ? cellOfSite[i]! : cells.find(near & 1 ? besideX : cx, near & 2 ? besideY : cy);
        if (cell < 0) continue;
        for (let k = start[cell]!; k < end[cell]!; ) {
          const j = order[k]!;
          const ox = x[j]! - px;
          const oy = y[j]! - py;
          if (ox * ox + oy * oy <= r2) {
            clusterOf[j] = id;
            sumX += x[j]!;
            sumY += y[j]!;
            count++;
            listings += weight[j]!;
            // `take` moves another free site into slot k: look at k again.
            take(j);
          } else {
            k++;
          }
        }
      }
      centreX[id] = sumX / count;
      centreY[id] = sumY / count;
      members[id] = count;
      held[id] = listings;
      first[id] = i;
    }
    return {
      clusterOf,
      x: centreX.slice(0, size),
      y: centreY.slice(0, size),
      sites: members.slice(0, size),
      listings: held.slice(0, size),
      first: first.slice(0, size),
      size,
    };
  }
}

/** Grid cells by column and row, numbered in the order first seen, with how many sites each holds. */
class CellTable extends PairIndex {
  readonly counts: Int32Array;

  constructor(capacity: number) {
    super(capacity);
    this.counts = new Int32Array(capacity);
  }

  /** Counts one more site in the cell, and returns the cell's number. */
  override add(column: number, row: number): number {
    const cell = super.add(column, row);
    this.counts[cell]!++;
    return cell;
  }
}
