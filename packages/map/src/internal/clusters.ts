import type { Bounds } from './leaflet-adapter.js';
import type { Site, SiteTable } from './points.js';
import { mercatorX, mercatorY } from './mercator.js';

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
/** Sites to a radius squared, over the sites' bounding box, from which a level uses fine cells. */
const FINE_SITES_PER_R2 = 2;
/** Slack on the fine cells' bounds (world units are near 1, so this is far above rounding and far below a pixel). */
const EDGE = 1e-12;

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
  private building: LevelBuild | undefined;
  private idleHandle: number | undefined;
  /** Levels to build in idle time, nearest the view first. */
  private wanted: number[] = [];
  /** The level `expansionZoomInSlices` is building, which idle time leaves alone. */
  private choosing: number | undefined;
  /** Area of the sites' bounding box, in world units squared: how crowded a level will be. */
  private readonly area: number;

  constructor(private readonly sites: SiteTable) {
    // Projected by placePoints, in its one loop over the points.
    this.x = sites.x;
    this.y = sites.y;
    this.weight = sites.weight;
    this.area = sites.area;
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
        // The idle builder's build if it has started this level, so no work is done twice.
        const build = this.building?.z === z ? this.building : this.newBuild(z);
        if (this.building === build) this.building = undefined;
        this.choosing = z;
        let built = build.run(until);
        while (!built) {
          await new Promise((resolve) => setTimeout(resolve));
          until = performance.now() + CHOICE_SLICE_MS;
          built = build.run(until);
        }
        this.choosing = undefined;
        level = this.levels[z] ??= built;
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
          this.building = this.newBuild(next);
        }
        const built = this.building.run(until);
        if (built) {
          this.levels[this.building.z] = built;
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
    const build = this.building?.z === z ? this.building : this.newBuild(z);
    if (this.building === build) this.building = undefined;
    return (this.levels[z] = build.run(Infinity)!);
  }

  private newBuild(z: number): LevelBuild {
    return new LevelBuild(z, this.x, this.y, this.weight, this.area);
  }
}

/**
 * Builds one zoom level, in one go or in slices: `run` works until the level
 * is done or a deadline passes (looked at every 2,048 sites), and carries on
 * from there on the next call.
 *
 * Plain loops over typed arrays, with no call per site, and not a generator:
 * on a page's first draw this code has never run, and the engine can compile
 * a long loop while it runs (on-stack replacement) in a plain function but not
 * in a generator, which a first draw of 50,000 sites then runs several times
 * slower.
 *
 * Within a level, sites are taken in order; each site not yet in a cluster
 * starts one and takes in every free site within the radius of it, and the
 * cluster sits at their mean. Past CLUSTER_MAX_ZOOM every site is its own marker.
 */
class LevelBuild {
  private readonly n: number;
  private readonly side: number;
  private readonly r: number;
  private readonly r2: number;
  /** Cells of half the radius, looked at as a block around each site (crowded levels), rather than twice the radius, four at a time. */
  private readonly fine: boolean;
  /** The cells one new cluster looks at site by site. */
  private readonly look = new Int32Array(64);
  /** 0: putting sites in grid cells; 1: clustering; 2: done. */
  private phase = 0;
  /** The next site of the phase. */
  private next = 0;
  /** Grid cells, numbered as first seen, in an open-addressing table on typed arrays. */
  private readonly cellColumn: Int32Array;
  private readonly cellRow: Int32Array;
  private readonly cellSlot: Int32Array;
  private readonly cellMask: number;
  private readonly cellCount: Int32Array;
  private cells = 0;
  private readonly column: Int32Array;
  private readonly row: Int32Array;
  private readonly cellOfSite: Int32Array;
  private start = new Int32Array(0);
  private end = new Int32Array(0);
  private order = new Int32Array(0);
  private slot = new Int32Array(0);
  private readonly clusterOf: Int32Array;
  private readonly centreX: Float64Array;
  private readonly centreY: Float64Array;
  private readonly members: Int32Array;
  private readonly held: Float64Array;
  private readonly first: Int32Array;
  private size = 0;

  constructor(
    readonly z: number,
    private readonly x: Float64Array,
    private readonly y: Float64Array,
    private readonly weight: Int32Array,
    area: number,
  ) {
    const n = (this.n = x.length);
    const r = (this.r = RADIUS_PX / (TILE_PX * 2 ** z));
    this.r2 = r * r;
    // Cell side = twice the radius: every site within the radius of a site is
    // then in its own cell or the three beside it on the side of the cell it is nearer to.
    // On a crowded level (more than about two sites to a radius squared, as at a first
    // view fitted to 50,000 sites, where a cell holds thousands) each new cluster would
    // look at every free site of four such cells, over and over: there, cells of half the
    // radius, and only those the circle reaches, all taken without a look where the circle
    // holds the whole cell.
    this.fine = n > 2 * FINE_SITES_PER_R2 && n * this.r2 > FINE_SITES_PER_R2 * area;
    this.side = this.fine ? r / 2 : 2 * r;
    let tableSize = 16;
    while (tableSize < n * 2) tableSize *= 2;
    const alone = z > CLUSTER_MAX_ZOOM;
    this.cellColumn = new Int32Array(alone ? 0 : tableSize);
    this.cellRow = new Int32Array(alone ? 0 : tableSize);
    this.cellSlot = new Int32Array(alone ? 0 : tableSize).fill(-1);
    this.cellMask = tableSize - 1;
    this.cellCount = new Int32Array(alone ? 0 : n);
    this.column = new Int32Array(alone ? 0 : n);
    this.row = new Int32Array(alone ? 0 : n);
    this.cellOfSite = new Int32Array(alone ? 0 : n);
    this.clusterOf = new Int32Array(n).fill(-1);
    this.centreX = new Float64Array(alone ? 0 : n);
    this.centreY = new Float64Array(alone ? 0 : n);
    this.members = new Int32Array(alone ? 0 : n);
    this.held = new Float64Array(n);
    this.first = new Int32Array(n);
    if (alone) this.phase = 3;
  }

  /** The level, once built; undefined when `until` (a `performance.now()` time) came first. */
  run(until: number): Level | undefined {
    if (this.phase === 3) return this.alone();
    if (this.phase === 0 && !this.bucket(until)) return undefined;
    if (this.phase === 1 && !this.cluster(until)) return undefined;
    return this.level();
  }

  /** Sites bucketed by grid cell. */
  private bucket(until: number): boolean {
    const { n, x, y, side, column, row, cellOfSite, cellColumn, cellRow, cellSlot, cellMask, cellCount } = this;
    let cells = this.cells;
    for (let i = this.next; i < n; i++) {
      const cx = (column[i] = Math.floor(x[i]! / side));
      const cy = (row[i] = Math.floor(y[i]! / side));
      let cell = -1;
      for (let h = (Math.imul(cx, 73856093) ^ Math.imul(cy, 19349663)) & cellMask; ; h = (h + 1) & cellMask) {
        const found = cellSlot[h]!;
        if (found === -1) {
          cell = cells++;
          cellSlot[h] = cell;
          cellColumn[h] = cx;
          cellRow[h] = cy;
          break;
        }
        if (cellColumn[h] === cx && cellRow[h] === cy) {
          cell = found;
          break;
        }
      }
      cellOfSite[i] = cell;
      cellCount[cell]!++;
      if ((i & PAUSE_EVERY) === PAUSE_EVERY && i + 1 < n && performance.now() >= until) {
        this.cells = cells;
        this.next = i + 1;
        return false;
      }
    }
    this.cells = cells;
    // The sites as one array in cell order, and where each cell starts. Free
    // sites of a cell sit in [start, end): a site taken into a cluster is
    // swapped past `end`, so later searches never look at it again.
    const start = (this.start = new Int32Array(cells + 1));
    for (let c = 0; c < cells; c++) start[c + 1] = start[c]! + cellCount[c]!;
    this.end = start.slice(1);
    const order = (this.order = new Int32Array(n));
    const slot = (this.slot = new Int32Array(n));
    const fill = start.slice(0, cells);
    for (let s = 0; s < n; s++) {
      const at = fill[cellOfSite[s]!]!++;
      order[at] = s;
      slot[s] = at;
    }
    this.phase = 1;
    this.next = 0;
    return true;
  }

  /** The cell at a column and row, or -1 when no site is in it. */
  private find(cx: number, cy: number): number {
    const { cellColumn, cellRow, cellSlot, cellMask } = this;
    for (let h = (Math.imul(cx, 73856093) ^ Math.imul(cy, 19349663)) & cellMask; ; h = (h + 1) & cellMask) {
      const found = cellSlot[h]!;
      if (found === -1 || (cellColumn[h] === cx && cellRow[h] === cy)) return found;
    }
  }

  private cluster(until: number): boolean {
    const { n, x, y, weight, side, r, r2, fine, look, column, row, cellOfSite, start, end, order, slot, clusterOf, centreX, centreY, members, held, first } = this;
    let size = this.size;
    const from = this.next;
    for (let i = from; i < n; i++) {
      if ((i & PAUSE_EVERY) === PAUSE_EVERY && i > from && performance.now() >= until) {
        this.size = size;
        this.next = i;
        return false;
      }
      if (clusterOf[i] !== -1) continue;
      const id = size++;
      const px = x[i]!;
      const py = y[i]!;
      clusterOf[i] = id;
      let sumX = px;
      let sumY = py;
      let count = 1;
      let listings = weight[i]!;
      const cx = column[i]!;
      const cy = row[i]!;
      const besideX = px / side - cx < 0.5 ? cx - 1 : cx + 1;
      const besideY = py / side - cy < 0.5 ? cy - 1 : cy + 1;
      {
        // Take site i out of its cell's free sites: swap it with the cell's last free site and shrink the cell.
        const cell = cellOfSite[i]!;
        const last = --end[cell]!;
        const at = slot[i]!;
        const other = order[last]!;
        order[at] = other;
        slot[other] = at;
        order[last] = i;
        slot[i] = last;
      }
      // The cells to look at site by site: on a crowded level, every fine cell the circle
      // reaches, less those it misses (even their nearest point is out of it) and those it
      // holds whole (even their farthest corner is in it), which are taken without a look;
      // else the site's own cell and the three beside it on the side it is nearer to.
      let looks = 0;
      if (fine) {
        const fromX = Math.floor((px - r) / side);
        const toX = Math.floor((px + r) / side);
        const toY = Math.floor((py + r) / side);
        for (let gy = Math.floor((py - r) / side); gy <= toY; gy++) {
          const top = gy * side - EDGE;
          const bottom = (gy + 1) * side + EDGE;
          const nearY = py < top ? top - py : py > bottom ? py - bottom : 0;
          const farY = Math.max(py - top, bottom - py);
          for (let gx = fromX; gx <= toX; gx++) {
            const left = gx * side - EDGE;
            const right = (gx + 1) * side + EDGE;
            const nearX = px < left ? left - px : px > right ? px - right : 0;
            if (nearX * nearX + nearY * nearY > r2) continue;
            const cell = this.find(gx, gy);
            if (cell < 0 || end[cell] === start[cell]) continue;
            const farX = Math.max(px - left, right - px);
            if (farX * farX + farY * farY > r2) {
              look[looks++] = cell;
              continue;
            }
            for (let k = start[cell]!; k < end[cell]!; k++) {
              const j = order[k]!;
              clusterOf[j] = id;
              sumX += x[j]!;
              sumY += y[j]!;
              listings += weight[j]!;
            }
            count += end[cell]! - start[cell]!;
            end[cell] = start[cell]!;
          }
        }
      } else {
        look[looks++] = cellOfSite[i]!;
        look[looks++] = this.find(besideX, cy);
        look[looks++] = this.find(cx, besideY);
        look[looks++] = this.find(besideX, besideY);
      }
      for (let near = 0; near < looks; near++) {
        const cell = look[near]!;
        if (cell < 0) continue;
        for (let k = start[cell]!; k < end[cell]!; ) {
          const j = order[k]!;
          const ox = x[j]! - px;
          const oy = y[j]! - py;
          if (ox * ox + oy * oy > r2) {
            k++;
            continue;
          }
          clusterOf[j] = id;
          sumX += x[j]!;
          sumY += y[j]!;
          count++;
          listings += weight[j]!;
          // Take j as i was taken; that moves another free site into slot k, so look at k again.
          const last = --end[cell]!;
          const other = order[last]!;
          order[k] = other;
          slot[other] = k;
          order[last] = j;
          slot[j] = last;
        }
      }
      centreX[id] = sumX / count;
      centreY[id] = sumY / count;
      members[id] = count;
      held[id] = listings;
      first[id] = i;
    }
    this.size = size;
    this.phase = 2;
    return true;
  }

  private level(): Level {
    const size = this.size;
    return {
      clusterOf: this.clusterOf,
      x: this.centreX.slice(0, size),
      y: this.centreY.slice(0, size),
      sites: this.members.slice(0, size),
      listings: this.held.slice(0, size),
      first: this.first.slice(0, size),
      size,
    };
  }

  /** Past the deepest clustering level: every site is its own marker. */
  private alone(): Level {
    const { n, clusterOf, first, held, weight } = this;
    for (let i = 0; i < n; i++) {
      clusterOf[i] = i;
      first[i] = i;
      held[i] = weight[i]!;
    }
    return { clusterOf, x: this.x, y: this.y, sites: new Int32Array(n).fill(1), listings: held, first, size: n };
  }
}
