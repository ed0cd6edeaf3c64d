/**
 * Finder state as URL parameters and back.
 *
 * A link someone copies, texts or prints must reopen exactly what was on
 * screen, and anything a person or a mangled link puts in the address bar must
 * be survivable: values that are unknown or malformed are dropped one by one,
 * never thrown, so the rest of the link still works.
 *
 * Parameter names are the facet ids and a few short words (`q`, `near`, `open`),
 * with comma-separated values, so a link stays readable:
 * `?q=walking&day=tu,we&cost=free&near=52.01,-1.2,NB1%202AA`.
 * With a namespace each name is prefixed (`west.q`), so two finders on one page,
 * and the host page's own parameters, never clash.
 */
import { LISTING_KINDS, TRANSFER_STATUSES, WEEKDAYS } from '../feed/types.js';
import { COST_VALUES, DISTANCE_BANDS, MAX_QUERY_LENGTH } from '../engine/types.js';
import { FACET_IDS, type FacetId, type FinderState, type SortKey } from '../engine/types.js';

const SORTS: readonly SortKey[] = ['relevance', 'distance', 'next', 'name', 'deadline'];
const VIEWS = ['list', 'map', 'both'] as const;

/** Values a facet can take when the kit, not the feed, defines them. */
const FIXED_VALUES: Partial<Record<FacetId, readonly string[]>> = {
  kind: LISTING_KINDS,
  cost: COST_VALUES,
  day: WEEKDAYS,
  time: ['morning', 'afternoon', 'evening'],
  when: ['now', 'today', 'this-week'],
  referral: ['self', 'drop-in', 'professional'],
  delivery: ['in-person', 'online', 'phone'],
  distance: DISTANCE_BANDS,
  status: TRANSFER_STATUSES,
  tenure: ['freehold', 'leasehold', 'licence'],
  deadline: ['open', 'closing-soon'],
};

/** Facets where only one value makes sense (a radius). */
const SINGLE_VALUED: ReadonlySet<FacetId> = new Set(['distance']);

/** Feed-defined values (categories, needs, areas, languages…) are ids: letters, digits, `-`, `_`, `.`, `:`. */
const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,79}$/u;
/**
 * A listing key is `publisher-id/listing-id` or a listing id; generous but bounded. Feeds
 * do have ids with spaces, `<`, `>` or `"` (they are text wherever shown, and encoded in
 * links), so only control characters and blank keys are refused.
 */
const KEY_PATTERN = /^\S\P{Cc}{0,199}$/u;
const MAX_VALUES_PER_FACET = 50;
const MAX_LIMIT = 10_000;
const MAX_LABEL_LENGTH = 80;
/** Five decimal places is about a metre: enough for a postcode centroid, no more. */
const COORDINATE_DECIMALS = 5;

/** The non-facet parameter names. */
export const STATE_WORDS = ['q', 'age', 'near', 'area-bounds', 'sort', 'open', 'limit', 'view'] as const;

/** Every parameter name the finder state uses, without a namespace. */
export const STATE_PARAMS: readonly string[] = [...STATE_WORDS, ...FACET_IDS];

const nameFor = (ns: string) => (name: string): string => (ns ? `${ns}.${name}` : name);

/** True when `param` belongs to the finder state in namespace `ns` (for clearing ours and keeping the page's). */
export function isStateParam(param: string, ns = ''): boolean {
  if (ns) return param.startsWith(`${ns}.`) && STATE_PARAMS.includes(param.slice(ns.length + 1));
  return STATE_PARAMS.includes(param);
}

const round = (n: number): string => String(Number(n.toFixed(COORDINATE_DECIMALS)));

/**
 * The state as URL parameters. Defaults (empty query, relevance sort) are left
 * out so the link stays short. Values are written in a stable order so the
 * same state always gives the same link.
 */
export function encodeState(state: FinderState, ns = ''): URLSearchParams {
  const params = new URLSearchParams();
  const name = nameFor(ns);
  const q = state.q?.trim();
  if (q) params.set(name('q'), q.slice(0, MAX_QUERY_LENGTH));
  for (const facet of FACET_IDS) {
    const chosen = state.filters?.[facet];
    if (chosen?.length) params.set(name(facet), [...new Set(chosen)].join(','));
  }
  if (state.age !== undefined && Number.isFinite(state.age)) params.set(name('age'), String(Math.round(state.age)));
  if (state.near && Number.isFinite(state.near.lat) && Number.isFinite(state.near.lng)) {
    // The label comes last, so commas in it ("Heol y Frenhines, Caerdydd") survive.
    const label = state.near.label?.trim().slice(0, MAX_LABEL_LENGTH);
    params.set(name('near'), [round(state.near.lat), round(state.near.lng), ...(label ? [label] : [])].join(','));
  }
  if (state.bounds?.every(Number.isFinite)) params.set(name('area-bounds'), state.bounds.map(round).join(','));
  if (state.sort && state.sort !== 'relevance') params.set(name('sort'), state.sort);
  if (state.open) params.set(name('open'), state.open);
  if (state.limit) params.set(name('limit'), String(state.limit));
  if (state.view) params.set(name('view'), state.view);
  return params;
}

const split = (value: string): string[] => value.split(',').map((v) => v.trim()).filter(Boolean);

function facetValues(facet: FacetId, raw: string): string[] {
  const fixed = FIXED_VALUES[facet];
  const ok = split(raw).filter((v) => (fixed ? fixed.includes(v) : ID_PATTERN.test(v)));
  const unique = [...new Set(ok)].slice(0, MAX_VALUES_PER_FACET);
  return SINGLE_VALUED.has(facet) ? unique.slice(0, 1) : unique;
}

const inRange = (n: number, min: number, max: number): boolean => Number.isFinite(n) && n >= min && n <= max;

/** A number from a parameter, or NaN; `Number('')` would otherwise be 0. */
const num = (s: string | undefined): number => (s === undefined || s.trim() === '' ? NaN : Number(s));

/**
 * The state a set of URL parameters describes. Every part is checked on its own:
 * an unknown facet value, a sort we do not have or a location off the globe is
 * left out, and the rest of the link still applies. Never throws.
 */
export function decodeState(params: URLSearchParams, ns = ''): FinderState {
  const name = nameFor(ns);
  const get = (key: string): string | undefined => params.get(name(key)) ?? undefined;
  const state: FinderState = { q: '', filters: {}, sort: 'relevance' };

  const q = get('q');
  if (q) state.q = q.slice(0, MAX_QUERY_LENGTH).trim();

  for (const facet of FACET_IDS) {
    const raw = get(facet);
    if (!raw) continue;
    const values = facetValues(facet, raw);
    if (values.length) state.filters[facet] = values;
  }

  const age = num(get('age'));
  if (Number.isInteger(age) && inRange(age, 0, 120)) state.age = age;

  const near = get('near')?.split(',');
  if (near && near.length >= 2) {
    const lat = num(near[0]);
    const lng = num(near[1]);
    if (inRange(lat, -90, 90) && inRange(lng, -180, 180)) {
      const label = near.slice(2).join(',').trim().slice(0, MAX_LABEL_LENGTH);
      state.near = { lat, lng, ...(label ? { label } : {}) };
    }
  }

  const bounds = get('area-bounds')?.split(',').map(num);
  if (bounds?.length === 4) {
    const [south, west, north, east] = bounds as [number, number, number, number];
    if (inRange(south, -90, 90) && inRange(north, -90, 90) && inRange(west, -180, 180) && inRange(east, -180, 180) && south < north && west < east) {
      state.bounds = [south, west, north, east];
    }
  }

  const sort = get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) state.sort = sort as SortKey;

  const open = get('open');
  if (open && KEY_PATTERN.test(open)) state.open = open;

  const limit = num(get('limit'));
  if (Number.isInteger(limit) && inRange(limit, 1, MAX_LIMIT)) state.limit = limit;

  const view = get('view');
  if (view && (VIEWS as readonly string[]).includes(view)) state.view = view as FinderState['view'];

  return state;
}
