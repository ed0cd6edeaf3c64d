import { expect } from '@open-wc/testing';
import type { AtlasListing } from '../feed/normalised.js';
import type { Gazetteer } from '../feed/types.js';
import {
  boundsOf,
  buildGazetteer,
  currentPosition,
  distanceMiles,
  GeolocationError,
  gazetteerFromListings,
  lookupPostcode,
  lookupPostcodeDetailed,
  mergeGazetteers,
  parsePostcodeQuery,
} from './index.js';

describe('distanceMiles', () => {
  it('measures London (Charing Cross) to Birmingham (New Street) as about 101 miles', () => {
    const d = distanceMiles({ lat: 51.5074, lng: -0.1278 }, { lat: 52.4778, lng: -1.8990 });
    expect(d).to.be.closeTo(101.4, 1);
  });
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 52.1, lng: -1.2 };
    const b = { lat: 52.2, lng: -1.1 };
    expect(distanceMiles(a, a)).to.equal(0);
    expect(distanceMiles(a, b)).to.equal(distanceMiles(b, a));
  });
  it('is NaN for NaN or out-of-range coordinates, so it fails every radius test', () => {
    expect(Number.isNaN(distanceMiles({ lat: Number.NaN, lng: 0 }, { lat: 52, lng: -1 }))).to.equal(true);
    expect(Number.isNaN(distanceMiles({ lat: 52, lng: -1 }, { lat: 200, lng: 0 }))).to.equal(true);
    expect(distanceMiles({ lat: 52, lng: -1 }, { lat: 52, lng: Infinity }) <= 5).to.equal(false);
  });
});

describe('parsePostcodeQuery', () => {
  const cases: [string, ReturnType<typeof parsePostcodeQuery>][] = [
    ['nb12aa', { kind: 'postcode', value: 'NB1 2AA' }],
    ['NB1  2AA', { kind: 'postcode', value: 'NB1 2AA' }],
    [' sw1a1aa ', { kind: 'postcode', value: 'SW1A 1AA' }],
    ['nb1', { kind: 'district', value: 'NB1' }],
    ['EC1A', { kind: 'district', value: 'EC1A' }],
    ['NB12', { kind: 'district', value: 'NB12' }],
    ['NB1 2', { kind: 'sector', value: 'NB1 2' }],
    ['nb1 2a', { kind: 'sector', value: 'NB1 2' }],
    ['walking group', undefined],
    ['', undefined],
    ['12345', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => expect(parsePostcodeQuery(text)).to.deep.equal(expected));
  }
});

const gazetteer: Gazetteer = {
  postcodes: { 'NB1 2AA': [52.1, -1.2] },
  sectors: { 'NB1 2': [52.11, -1.21] },
  districts: { NB1: [52.12, -1.22], NB2: [52.2, -1.3] },
};

function fakeFetch(routes: Record<string, { status: number; body?: unknown } | 'fail'>): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const impl = (async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    const route = routes[url];
    if (route === 'fail') throw new TypeError('Failed to fetch');
    if (!route) return new Response('{"status":404}', { status: 404 });
    return new Response(JSON.stringify(route.body ?? {}), { status: route.status });
  }) as typeof fetch;
  return { fetch: impl, calls };
}

describe('lookupPostcode', () => {
  it('finds a full postcode, a sector and a district offline, most exact first', async () => {
    expect(await lookupPostcode('nb12aa', { gazetteer })).to.deep.equal({ lat: 52.1, lng: -1.2, label: 'NB1 2AA', precision: 'postcode' });
    expect(await lookupPostcode('NB1 2ZZ', { gazetteer })).to.deep.equal({ lat: 52.11, lng: -1.21, label: 'NB1 2', precision: 'sector' });
    expect(await lookupPostcode('NB1 9ZZ', { gazetteer })).to.deep.equal({ lat: 52.12, lng: -1.22, label: 'NB1', precision: 'district' });
    expect(await lookupPostcode('nb2', { gazetteer })).to.deep.equal({ lat: 52.2, lng: -1.3, label: 'NB2', precision: 'district' });
  });

  it('sends nothing anywhere when no service is configured', async () => {
    const { fetch, calls } = fakeFetch({});
    expect(await lookupPostcode('ZZ9 9ZZ', { gazetteer, fetch })).to.equal(undefined);
    expect(calls).to.deep.equal([]);
  });

  it('asks a configured postcodes.io-style service for an exact point', async () => {
    const { fetch, calls } = fakeFetch({
      'https://pc.example/postcodes/NB1%203AB': { status: 200, body: { status: 200, result: { latitude: 52.105, longitude: -1.205 } } },
    });
    const place = await lookupPostcode('nb13ab', { gazetteer, service: 'https://pc.example/', fetch });
    expect(place).to.deep.equal({ lat: 52.105, lng: -1.205, label: 'NB1 3AB', precision: 'postcode' });
    expect(calls).to.deep.equal(['https://pc.example/postcodes/NB1%203AB']);
  });

  it('says "not found", and never throws, for a postcode that does not exist', async () => {
    const { fetch } = fakeFetch({});
    const result = await lookupPostcodeDetailed('NB1 2ZZ', { gazetteer, service: 'https://pc.example', fetch });
    expect(result).to.deep.equal({ ok: false, reason: 'not-found' });
    expect(await lookupPostcode('ZZ99 9ZZ', { service: 'https://pc.example', fetch })).to.equal(undefined);
  });

  it('falls back to the gazetteer when the service is down, and says so when it cannot', async () => {
    const { fetch } = fakeFetch({ 'https://pc.example/postcodes/NB1%202ZZ': 'fail', 'https://pc.example/postcodes/ZZ1%201ZZ': 'fail' });
    expect((await lookupPostcode('NB1 2ZZ', { gazetteer, service: 'https://pc.example', fetch }))?.precision).to.equal('sector');
    expect(await lookupPostcodeDetailed('ZZ1 1ZZ', { gazetteer, service: 'https://pc.example', fetch })).to.deep.equal({ ok: false, reason: 'unavailable' });
  });

  it('answers a sector or district from the gazetteer without asking the service', async () => {
    const { fetch, calls } = fakeFetch({});
    expect((await lookupPostcode('NB1 2', { gazetteer, service: 'https://pc.example', fetch }))?.precision).to.equal('sector');
    expect((await lookupPostcode('nb2', { gazetteer, service: 'https://pc.example', fetch }))?.precision).to.equal('district');
    expect(calls).to.deep.equal([]);
  });

  it('looks an outcode up with the outcodes endpoint', async () => {
    const { fetch } = fakeFetch({ 'https://pc.example/outcodes/ZZ1': { status: 200, body: { result: { latitude: 51, longitude: -2 } } } });
    expect(await lookupPostcode('zz1', { service: 'https://pc.example', fetch })).to.deep.equal({ lat: 51, lng: -2, label: 'ZZ1', precision: 'district' });
  });

  it('rejects text that is not a postcode without asking anyone', async () => {
    const { fetch, calls } = fakeFetch({});
    expect(await lookupPostcodeDetailed('lonely', { service: 'https://pc.example', fetch })).to.deep.equal({ ok: false, reason: 'not-a-postcode' });
    expect(calls).to.have.length(0);
  });

  it('ignores a service URL that is not http or https', async () => {
    const { fetch, calls } = fakeFetch({});
    await lookupPostcode('NB1 3AB', { service: 'javascript:alert(1)', fetch });
    expect(calls).to.have.length(0);
  });

  it('reports an aborted lookup as aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const impl = (async (_: RequestInfo | URL, init?: RequestInit) => {
      if (init?.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      return new Response('{}');
    }) as typeof fetch;
    const result = await lookupPostcodeDetailed('NB1 3AB', { service: 'https://pc.example', fetch: impl, signal: controller.signal });
    expect(result).to.deep.equal({ ok: false, reason: 'aborted' });
  });

  it('skips gazetteer entries with NaN coordinates', async () => {
    const bad: Gazetteer = { postcodes: { 'NB1 2AA': [Number.NaN, -1] }, districts: { NB1: [52, -1] } };
    expect((await lookupPostcode('NB1 2AA', { gazetteer: bad }))?.precision).to.equal('district');
  });
});

function fakeGeolocation(outcome: { coords: { latitude: number; longitude: number } } | { code: number; message: string } | 'never'): Geolocation {
  return {
    getCurrentPosition(success: PositionCallback, failure?: PositionErrorCallback | null) {
      if (outcome === 'never') return;
      if ('coords' in outcome) success(outcome as unknown as GeolocationPosition);
      else failure?.(outcome as unknown as GeolocationPositionError);
    },
    watchPosition: () => 0,
    clearWatch: () => undefined,
  };
}

describe('currentPosition', () => {
  it('gives the position', async () => {
    const p = await currentPosition({ geolocation: fakeGeolocation({ coords: { latitude: 52.1, longitude: -1.2 } }) });
    expect(p).to.deep.equal({ lat: 52.1, lng: -1.2 });
  });
  it('says when permission was refused', async () => {
    const error = await currentPosition({ geolocation: fakeGeolocation({ code: 1, message: 'User denied' }) }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(GeolocationError);
    expect((error as GeolocationError).code).to.equal('denied');
  });
  it('says when the position is unavailable', async () => {
    const error = await currentPosition({ geolocation: fakeGeolocation({ code: 2, message: '' }) }).catch((e: unknown) => e);
    expect((error as GeolocationError).code).to.equal('unavailable');
  });
  it('gives up when the browser never answers', async () => {
    const error = await currentPosition({ geolocation: fakeGeolocation('never'), timeout: 10 }).catch((e: unknown) => e);
    expect((error as GeolocationError).code).to.equal('timeout');
  });
});

describe('buildGazetteer', () => {
  const rows = [
    { outcode: 'NB1', lat: '52.10', lng: '-1.20' },
    { outcode: 'NB2', lat: '52.13', lng: '-1.25' },
    { outcode: 'ZZ1', lat: '57.00', lng: '-4.00' },
    { outcode: 'BAD', lat: 'x', lng: '1' },
    { sector: 'NB1 2', lat: '52.101234', lng: '-1.201234' },
    { sector: 'ZZ1 1', lat: '57.01', lng: '-4.01' },
  ];
  it('keeps districts and sectors in and near the listings’ area, rounded', () => {
    const g = buildGazetteer(rows, ['nb1 2aa'], { attribution: 'Contains OS data' });
    expect(g.districts).to.deep.equal({ NB1: [52.1, -1.2], NB2: [52.13, -1.25] });
    expect(g.sectors).to.deep.equal({ 'NB1 2': [52.1012, -1.2012] });
    expect(g.attribution).to.equal('Contains OS data');
  });
  it('is empty when no wanted postcode is known', () => {
    expect(buildGazetteer(rows, ['not a postcode', 'QQ9 9QQ'])).to.deep.equal({ districts: {}, sectors: {} });
  });
});

describe('boundsOf', () => {
  const make = (lat: number, lng: number, sessions: { lat: number; lng: number }[] = []): AtlasListing =>
    ({ location: { lat, lng }, schedule: sessions.map((s) => ({ ...s, start: '10:00' })) }) as unknown as AtlasListing;
  it('covers locations and session stops, skipping bad points', () => {
    expect(boundsOf([make(52, -1), make(Number.NaN, 3), make(53, -2, [{ lat: 51, lng: 0 }])])).to.deep.equal([51, -2, 53, 0]);
  });
  it('is undefined with no usable point', () => {
    expect(boundsOf([])).to.equal(undefined);
  });
});

describe('gazetteerFromListings', () => {
  const at = (postcode: string, lat: number, lng: number, extra: Record<string, unknown> = {}): AtlasListing =>
    ({ location: { postcode, lat, lng, ...extra } }) as unknown as AtlasListing;
  const listings = [
    at('EH1 1YZ', 55.9497, -3.1916),
    at('eh11yz', 55.95, -3.19), // the same postcode, written another way: the first listing's point stands
    at('EH1 2AB', 55.9477, -3.1996),
    at('EH3 9DR', 55.9425, -3.2065, { geocodePrecision: 'sector' }),
    at('EH1 3ZZ', 55.96, -3.18, { precision: 'approximate' }), // a refuge: never a point, never in a middle
    at('not a postcode', 55, -3),
    at('EH9 1AA', Number.NaN, -3),
  ];

  it('makes points of listings’ own postcodes and middles of their sectors and districts', () => {
    const gaz = gazetteerFromListings(listings);
    expect(gaz.postcodes).to.deep.equal({ 'EH1 1YZ': [55.9497, -3.1916], 'EH1 2AB': [55.9477, -3.1996] });
    expect(gaz.sectors).to.deep.equal({ 'EH1 1': [55.9499, -3.1908], 'EH1 2': [55.9477, -3.1996], 'EH3 9': [55.9425, -3.2065] });
    expect(gaz.districts).to.deep.equal({ EH1: [55.9491, -3.1937], EH3: [55.9425, -3.2065] });
  });

  it('reads only one district’s listings when asked for it', () => {
    const gaz = gazetteerFromListings(listings, 'eh3');
    expect(gaz.postcodes).to.deep.equal({});
    expect(gaz.sectors).to.deep.equal({ 'EH3 9': [55.9425, -3.2065] });
    expect(gaz.districts).to.deep.equal({ EH3: [55.9425, -3.2065] });
    // "EH1" is not the start of "EH11 1AA": a district is matched whole.
    expect(gazetteerFromListings([at('EH11 1AA', 55.93, -3.23)], 'EH1').districts).to.deep.equal({});
  });

  it('lets a feed without a gazetteer find a postcode, a sector and a district near its listings', async () => {
    const gazetteer = gazetteerFromListings(listings);
    expect(await lookupPostcode('eh1 1yz', { gazetteer })).to.include({ label: 'EH1 1YZ', precision: 'postcode' });
    expect(await lookupPostcode('EH1 1AA', { gazetteer })).to.include({ label: 'EH1 1', precision: 'sector' });
    expect(await lookupPostcode('EH3 9ZZ', { gazetteer })).to.include({ label: 'EH3 9', precision: 'sector' });
    expect(await lookupPostcode('EH3', { gazetteer })).to.include({ label: 'EH3', precision: 'district' });
    // The refuge's postcode is not known, so only its district's middle (from the other listings) answers.
    expect(await lookupPostcode('EH1 3ZZ', { gazetteer })).to.include({ label: 'EH1', precision: 'district' });
    expect(await lookupPostcode('G1 1AA', { gazetteer })).to.equal(undefined);
  });

  it('fills only the gaps in a feed’s own gazetteer', () => {
    const own: Gazetteer = { sectors: { 'EH1 1': [55.95, -3.19] }, attribution: 'ONS' };
    const merged = mergeGazetteers(gazetteerFromListings(listings), own);
    expect(merged.sectors!['EH1 1']).to.deep.equal([55.95, -3.19]);
    expect(merged.sectors!['EH1 2']).to.deep.equal([55.9477, -3.1996]);
    expect(merged.attribution).to.equal('ONS');
    expect(mergeGazetteers(undefined, { districts: {} })).to.deep.equal({ districts: {} });
    expect(mergeGazetteers({ attribution: 'ONS' }, { attribution: 'OS' }).attribution).to.equal('ONS; OS');
  });
});
