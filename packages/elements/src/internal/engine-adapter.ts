/**
 * The one place the elements reach the search engine and URL state. Until the
 * core engine lands this holds a small stand-in with the same interface
 * (SearchEngine, encodeState/decodeState), so switching is a change to this file only.
 */
import {
  EMPTY_STATE, FACET_IDS, deadlineState, distanceMiles, text,
  type AtlasData, type AtlasListing, type FacetCount, type FacetId, type FinderState, type QueryResult,
  type ResultItem, type SearchEngine, type SortKey, type Suggestion,
} from '@community-atlas/core';
import { nextSession } from '@community-atlas/core';

const fold = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function haystack(l: AtlasListing): string {
  const parts: string[] = [];
  const add = (v: unknown): void => {
    if (typeof v === 'string') parts.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) if (typeof x === 'string') parts.push(x);
  };
  add(l.name); add(l.summary); add(l.description); add(l.organisation?.name);
  parts.push(...l.keywords, ...l.categories.map((c) => c.replace(/-/g, ' ')), ...l.needs.map((c) => c.replace(/-/g, ' ')));
  add(l.location?.name);
  return fold(parts.join(' '));
}

function values(l: AtlasListing, facet: FacetId, now: Date): string[] {
  switch (facet) {
    case 'kind': return [l.kind];
    case 'category': return l.categories;
    case 'need': return l.needs;
    case 'cost': {
      const out: string[] = [];
      if (l.cost?.free) out.push('free');
      if (!l.cost?.free && typeof l.cost?.amount === 'number' && l.cost.amount <= 5) out.push('low-cost');
      if (l.cost?.help) out.push('help');
      if (l.cost?.personalBudget) out.push('personal-budget');
      return out;
    }
    case 'access': return l.accessibility;
    case 'referral': return l.referral;
    case 'language': return l.languages;
    case 'delivery': return l.delivery;
    case 'area': return l.areas;
    case 'status': return l.transfer ? [l.transfer.status] : [];
    case 'assetType': return l.transfer ? [l.transfer.assetType] : [];
    case 'tenure': return l.transfer?.tenure ? [l.transfer.tenure.type] : [];
    case 'deadline': {
      const d = deadlineState(l, now).state;
      return d === 'open' ? ['open'] : d === 'closing-soon' ? ['open', 'closing-soon'] : [];
    }
    default: return [];
  }
}

function pointOf(l: AtlasListing): { lat: number; lng: number } | undefined {
  const loc = l.location;
  return loc && typeof loc.lat === 'number' && typeof loc.lng === 'number' ? { lat: loc.lat, lng: loc.lng } : undefined;
}

class SimpleEngine implements SearchEngine {
  readonly #listings: AtlasListing[];
  readonly #text = new Map<string, string>();
  readonly #byKey = new Map<string, AtlasListing>();

  constructor(data: AtlasData) {
    this.#listings = data.listings;
    for (const l of data.listings) {
      this.#text.set(l.key, haystack(l));
      this.#byKey.set(l.key, l);
    }
  }

  get size(): number { return this.#listings.length; }

  #match(state: FinderState, now: Date, skip?: FacetId | 'q' | 'age' | 'bounds'): { listing: AtlasListing; score: number; distance?: number }[] {
    const terms = skip === 'q' ? [] : fold(state.q).split(/\s+/).filter(Boolean);
    const out: { listing: AtlasListing; score: number; distance?: number }[] = [];
    for (const l of this.#listings) {
      const hay = this.#text.get(l.key) ?? '';
      if (!terms.every((t) => hay.includes(t))) continue;
      let ok = true;
      let distance: number | undefined;
      const p = pointOf(l);
      if (state.near && p) distance = distanceMiles(state.near, p);
      for (const facet of FACET_IDS) {
        if (facet === skip) continue;
        const chosen = state.filters[facet];
        if (!chosen?.length) continue;
        if (facet === 'distance') {
          if (!state.near || distance === undefined || distance > Number(chosen[0])) ok = false;
        } else if (!values(l, facet, now).some((v) => chosen.includes(v))) ok = false;
        if (!ok) break;
      }
      if (ok && skip !== 'bounds' && state.bounds) {
        const [south, west, north, east] = state.bounds;
        if (!p || p.lat < south || p.lat > north || p.lng < west || p.lng > east) ok = false;
      }
      if (ok && skip !== 'age' && state.age !== undefined) {
        const a = l.audience;
        if ((a?.ageMin !== undefined && state.age < a.ageMin) || (a?.ageMax !== undefined && state.age > a.ageMax)) ok = false;
      }
      if (!ok) continue;
      const name = fold(text(l.name, 'en'));
      const score = terms.reduce((s, t) => s + (name.includes(t) ? 2 : 1), 0);
      out.push({ listing: l, score, ...(distance !== undefined ? { distance } : {}) });
    }
    return out;
  }

  async query(state: FinderState, now: Date = new Date()): Promise<QueryResult> {
    const matched = this.#match(state, now);
    const items: ResultItem[] = matched.map((m) => {
      const next = nextSession(m.listing, now);
      return { ...m, ...(next ? { next } : {}) };
    });
    sortItems(items, state.sort, now);
    const facets: Partial<Record<FacetId, FacetCount[]>> = {};
    for (const facet of FACET_IDS) {
      if (facet === 'distance') continue;
      const counts = new Map<string, number>();
      for (const m of this.#match(state, now, facet)) for (const v of new Set(values(m.listing, facet, now))) counts.set(v, (counts.get(v) ?? 0) + 1);
      for (const v of state.filters[facet] ?? []) if (!counts.has(v)) counts.set(v, 0);
      if (counts.size) facets[facet] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    const result: QueryResult = {
      total: items.length,
      items: state.limit ? items.slice(0, state.limit) : items,
      keys: items.map((i) => i.listing.key),
      facets,
    };
    if (!items.length) {
      const relax: NonNullable<QueryResult['relax']> = [];
      if (state.q.trim()) relax.push({ facet: 'q', total: this.#match(state, now, 'q').length });
      for (const [facet, chosen] of Object.entries(state.filters) as [FacetId, string[]][]) {
        if (!chosen?.length) continue;
        const total = this.#match(state, now, facet).length;
        if (facet === 'distance') relax.push({ facet, total });
        else for (const value of chosen) relax.push({ facet, value, total });
      }
      if (state.bounds) relax.push({ facet: 'bounds', total: this.#match(state, now, 'bounds').length });
      result.relax = relax.filter((r) => r.total > 0).sort((a, b) => b.total - a.total);
    }
    return result;
  }

  async suggest(prefix: string, limit = 6): Promise<Suggestion[]> {
    const p = fold(prefix.trim());
    if (p.length < 2) return [];
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    for (const l of this.#listings) {
      for (const need of l.needs) {
        const label = need.replace(/-/g, ' ');
        if (fold(label).startsWith(p) && !seen.has(label)) { seen.add(label); out.push({ text: label, type: 'need' }); }
      }
    }
    for (const l of this.#listings) {
      const name = text(l.name, 'en');
      if (fold(name).split(/\s+/).some((w) => w.startsWith(p)) && !seen.has(name)) { seen.add(name); out.push({ text: name, type: 'listing', key: l.key }); }
    }
    return out.slice(0, limit);
  }

  get(key: string): AtlasListing | undefined { return this.#byKey.get(key); }

  dispose(): void { /* nothing held */ }
}

function sortItems(items: ResultItem[], sort: SortKey, now: Date): void {
  const name = (i: ResultItem): string => text(i.listing.name, 'en');
  const by: Record<SortKey, (a: ResultItem, b: ResultItem) => number> = {
    relevance: (a, b) => b.score - a.score || name(a).localeCompare(name(b)),
    name: (a, b) => name(a).localeCompare(name(b)),
    distance: (a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity),
    next: (a, b) => (a.next?.start.getTime() ?? Infinity) - (b.next?.start.getTime() ?? Infinity),
    deadline: (a, b) => (deadlineState(a.listing, now).deadline?.getTime() ?? Infinity) - (deadlineState(b.listing, now).deadline?.getTime() ?? Infinity),
  };
  items.sort(by[sort] ?? by.relevance);
}

export function createEngine(data: AtlasData): SearchEngine {
  return new SimpleEngine(data);
}

const SORTS: readonly SortKey[] = ['relevance', 'distance', 'next', 'name', 'deadline'];

/** Finder state as URL parameters, each prefixed with the namespace so two finders on one page keep apart. */
export function encodeState(state: FinderState, ns = ''): URLSearchParams {
  const p = new URLSearchParams();
  const k = (name: string): string => (ns ? `${ns}.${name}` : name);
  if (state.q) p.set(k('q'), state.q);
  for (const [facet, chosen] of Object.entries(state.filters)) if (chosen?.length) p.set(k(facet), chosen.join(','));
  if (state.age !== undefined) p.set(k('age'), String(state.age));
  if (state.near) p.set(k('near'), `${state.near.lat.toFixed(5)},${state.near.lng.toFixed(5)}${state.near.label ? `,${state.near.label}` : ''}`);
  if (state.sort !== 'relevance') p.set(k('sort'), state.sort);
  if (state.open) p.set(k('open'), state.open);
  if (state.limit) p.set(k('limit'), String(state.limit));
  if (state.view) p.set(k('view'), state.view);
  return p;
}

export function decodeState(params: URLSearchParams, ns = ''): FinderState {
  const k = (name: string): string => (ns ? `${ns}.${name}` : name);
  const state: FinderState = { ...EMPTY_STATE, filters: {} };
  state.q = params.get(k('q')) ?? '';
  for (const facet of FACET_IDS) {
    const v = params.get(k(facet));
    if (v) state.filters[facet] = v.split(',').filter(Boolean);
  }
  const age = Number(params.get(k('age')));
  if (params.has(k('age')) && Number.isFinite(age)) state.age = age;
  const near = params.get(k('near'))?.split(',');
  if (near && near.length >= 2) {
    const lat = Number(near[0]);
    const lng = Number(near[1]);
    if (Number.isFinite(lat) && Number.isFinite(lng)) state.near = { lat, lng, ...(near[2] ? { label: near.slice(2).join(',') } : {}) };
  }
  const sort = params.get(k('sort')) as SortKey | null;
  if (sort && SORTS.includes(sort)) state.sort = sort;
  const open = params.get(k('open'));
  if (open) state.open = open;
  const limit = Number(params.get(k('limit')));
  if (limit > 0) state.limit = limit;
  const view = params.get(k('view'));
  if (view === 'list' || view === 'map' || view === 'both') state.view = view;
  return state;
}
