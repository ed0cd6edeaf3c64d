import { expect } from '@open-wc/testing';
import { decodeState, encodeState, isStateParam } from './state.js';
import type { FinderState } from '../engine/types.js';

const params = (query: string): URLSearchParams => new URLSearchParams(query);

describe('URL state', () => {
  const full: FinderState = {
    q: 'health walk',
    filters: { need: ['loneliness', 'low-mood'], cost: ['free'], day: ['tu', 'we'], access: ['step-free'], distance: ['2'] },
    age: 72,
    near: { lat: 52.123456789, lng: -1.23456789, label: 'NB1 2AA' },
    bounds: [52, -1.3, 52.2, -1.1],
    sort: 'distance',
    open: 'northbridge/walk-riverside-tue',
    limit: 40,
    view: 'both',
  };

  it('opens listings whose ids have spaces, <, > or " from their own link', () => {
    for (const id of ['walk riverside', 'a<b>', 'say "hello"', 'p/x <y> "z"']) {
      const link = encodeState({ q: '', filters: {}, sort: 'relevance', open: id });
      expect(decodeState(params(link.toString())).open, id).to.equal(id);
    }
    expect(decodeState(params('open=%20%20')).open, 'blank').to.equal(undefined);
    expect(decodeState(params('open=a%0Ab')).open, 'a control character').to.equal(undefined);
  });

  it('round-trips the whole state through a readable query string', () => {
    const encoded = encodeState(full);
    expect(encoded.toString()).to.equal(
      'q=health+walk&need=loneliness%2Clow-mood&cost=free&day=tu%2Cwe&access=step-free&distance=2&age=72'
      + '&near=52.12346%2C-1.23457%2CNB1+2AA&area-bounds=52%2C-1.3%2C52.2%2C-1.1&sort=distance'
      + '&open=northbridge%2Fwalk-riverside-tue&limit=40&view=both',
    );
    const back = decodeState(encoded);
    expect(back).to.deep.equal({ ...full, near: { lat: 52.12346, lng: -1.23457, label: 'NB1 2AA' } });
  });

  it('leaves defaults out, so an untouched finder has a clean address', () => {
    expect(encodeState({ q: '  ', filters: {}, sort: 'relevance' }).toString()).to.equal('');
    expect(decodeState(params(''))).to.deep.equal({ q: '', filters: {}, sort: 'relevance' });
  });

  it('keeps two finders on one page apart with namespaces, and leaves the page its own parameters', () => {
    const url = params('page=3&west.q=library&east.q=swimming&east.day=sa&q=not-ours-either');
    expect(decodeState(url, 'west')).to.deep.equal({ q: 'library', filters: {}, sort: 'relevance' });
    expect(decodeState(url, 'east')).to.deep.equal({ q: 'swimming', filters: { day: ['sa'] }, sort: 'relevance' });
    expect(encodeState({ q: 'x', filters: { kind: ['asset'] }, sort: 'name' }, 'west').toString())
      .to.equal('west.q=x&west.kind=asset&west.sort=name');
    expect(isStateParam('west.q', 'west')).to.equal(true);
    expect(isStateParam('west.page', 'west')).to.equal(false);
    expect(isStateParam('east.q', 'west')).to.equal(false);
    expect(isStateParam('page')).to.equal(false);
    expect(isStateParam('need')).to.equal(true);
  });

  it('drops unknown and malformed values one by one and keeps the rest of the link', () => {
    const state = decodeState(params(
      'kind=asset,spaceship&cost=free,cheap&day=tu,tuesday&distance=2,5&sort=random&view=globe'
      + '&age=-4&limit=0&near=91,0&area-bounds=52,-1,51,-2&need=loneliness,<script>&open=a%00b&colour=red',
    ));
    expect(state).to.deep.equal({
      q: '',
      filters: { kind: ['asset'], cost: ['free'], day: ['tu'], distance: ['2'], need: ['loneliness'] },
      sort: 'relevance',
    });
  });

  it('never throws on hostile or broken input', () => {
    const nasty = [
      'q=' + 'a'.repeat(5000),
      'near=NaN,NaN', 'near=,', 'near=52.1', 'near=Infinity,1', 'age=1e400', 'age=abc', 'age=', 'limit=1.5',
      'need=%F0%9F%98%80', 'q=%00%01', 'area-bounds=a,b,c,d', 'sort=constructor', 'need=__proto__',
      'kind=,,,', 'day=' + 'tu,'.repeat(1000),
    ];
    for (const query of nasty) {
      const state = decodeState(params(query));
      expect(state.q.length, query).to.be.at.most(200);
      expect(state.near, query).to.equal(undefined);
      expect(state.age, query).to.equal(undefined);
      expect(state.limit, query).to.equal(undefined);
      expect(state.bounds, query).to.equal(undefined);
      expect(state.sort, query).to.equal('relevance');
    }
    expect(decodeState(params('day=' + 'tu,'.repeat(1000))).filters.day).to.deep.equal(['tu']);
  });

  it('reads a typed-in location label with commas and keeps feed-defined ids in Welsh', () => {
    const state = decodeState(params('near=51.48,-3.18,Heol y Frenhines, Caerdydd&area=treganna&need=unigrwydd'));
    expect(state.near).to.deep.equal({ lat: 51.48, lng: -3.18, label: 'Heol y Frenhines, Caerdydd' });
    expect(decodeState(encodeState(state)).near).to.deep.equal(state.near);
    expect(state.filters).to.deep.equal({ area: ['treganna'], need: ['unigrwydd'] });
  });
});
