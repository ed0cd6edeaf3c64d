import { expect } from '@open-wc/testing';
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import { createEngine } from './engine.js';
import { serializeIndex } from './full.js';
import type { FinderState } from './types.js';

function listing(key: string, extra: Partial<AtlasListing> = {}): AtlasListing {
  return {
    id: key, key, publisherId: 'p', kind: 'activity', name: key,
    referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
    ...extra,
  } as AtlasListing;
}

function data(listings: AtlasListing[]): AtlasData {
  return { publishers: [], licences: [], languages: ['en'], needs: [], areas: [], transferStages: {}, listings, problems: [], skipped: 0 };
}

const state = (extra: Partial<FinderState> = {}): FinderState => ({ q: '', filters: {}, sort: 'relevance', ...extra });

const feed = data([
  listing('befriend', { name: 'Telephone befriending', summary: 'A weekly friendly call', cost: { free: true } }),
  listing('walk', { name: 'Riverside health walk', categories: ['walking'], cost: { amount: 3, per: 'session' }, location: { lat: 52.1, lng: -1.2 } }),
  listing('caffi', { name: { en: 'Repair cafe', cy: 'Caffî trwsio' }, summary: 'Fix things together', location: { lat: 52.3, lng: -1.2 } }),
  listing('mind', { name: 'Talking group', needs: ['low-mood'], cost: { amount: 20, per: 'session' } }),
  listing('hall', { kind: 'asset', name: 'Village hall' }),
]);

describe('createEngine', () => {
  it('finds befriending when someone types "lonely", and says what else it searched for', async () => {
    const result = await createEngine(feed).query(state({ q: 'lonely' }));
    expect(result.keys).to.include('befriend');
    expect(result.keys).not.to.include('hall');
    expect(result.expandedTerms).to.include('befriending');
  });

  it('finds walking groups for "exercise" and mental wellbeing for "low mood"', async () => {
    const engine = createEngine(feed);
    expect((await engine.query(state({ q: 'exercise' }))).keys).to.deep.equal(['walk']);
    expect((await engine.query(state({ q: 'low mood' }))).keys).to.deep.equal(['mind']);
  });

  it('finds Welsh text typed without the circumflex, and a half-typed last word', async () => {
    const engine = createEngine(feed);
    expect((await engine.query(state({ q: 'caffi' }))).keys).to.deep.equal(['caffi']);
    expect((await engine.query(state({ q: 'riversi' }))).keys).to.deep.equal(['walk']);
  });

  it('counts each facet with the other filters applied but not its own', async () => {
    const result = await createEngine(feed).query(state({ filters: { cost: ['free'], kind: ['activity'] } }));
    expect(result.keys).to.deep.equal(['befriend']);
    const cost = Object.fromEntries((result.facets.cost ?? []).map((f) => [f.value, f.count]));
    expect(cost).to.include({ free: 1, 'low-cost': 1 });
    const kind = Object.fromEntries((result.facets.kind ?? []).map((f) => [f.value, f.count]));
    expect(kind).to.include({ activity: 1, asset: 0 });
  });

  it('sorts by distance with listings lacking coordinates last, and keeps working with a NaN location', async () => {
    const engine = createEngine(feed);
    const near = await engine.query(state({ sort: 'distance', near: { lat: 52.3, lng: -1.2 } }));
    expect(near.keys.slice(0, 2)).to.deep.equal(['caffi', 'walk']);
    const bad = await engine.query(state({ sort: 'distance', near: { lat: Number.NaN, lng: 1 }, filters: { distance: ['1'] } }));
    expect(bad.total).to.equal(5);
  });

  it('suggests how to relax filters when nothing matches', async () => {
    const result = await createEngine(feed).query(state({ q: 'walk', filters: { cost: ['free'] } }));
    expect(result.total).to.equal(0);
    expect(result.relax).to.deep.include.members([{ facet: 'cost', value: 'free', total: 1 }, { facet: 'q', total: 1 }]);
  });

  it('survives bad queries: 5,000 characters, punctuation only, emoji, unknown facet values', async () => {
    const engine = createEngine(feed);
    expect((await engine.query(state({ q: 'x'.repeat(5000) }))).total).to.equal(0);
    expect((await engine.query(state({ q: '?!.,;' }))).total).to.equal(5);
    expect((await engine.query(state({ q: '🙂🙂' }))).total).to.equal(5);
    expect((await engine.query(state({ filters: { kind: ['banana'] } }))).total).to.equal(5);
  });

  it('answers the same from a prebuilt index', async () => {
    const index = serializeIndex(feed);
    const result = await createEngine(feed, { prebuiltIndex: index }).query(state({ q: 'befriending' }));
    expect(result.keys).to.deep.equal(['befriend']);
  });

  it('suggests needs and listing names for the search box', async () => {
    const suggestions = await createEngine(feed).suggest('rep');
    expect(suggestions.map((s) => s.text)).to.include('Repair cafe');
  });
});
