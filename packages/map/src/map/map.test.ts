import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { AtlasMap } from './map.js';
import type { AtlasSelectEvent } from '../events/select.js';
import type { AtlasAreaSearchEvent } from '../events/area-search.js';
import { MAX_MARKERS } from '../internal/clusters.js';
import { mapPointsOf, type MapPoints } from '@community-atlas/core';
import { listing, manyListings, MISSING_TILE_URL, TILE_URL } from '../test-support/listings.js';
import { steady, trackTimers } from '../../../../test/support/settle.js';
import { emulateMediaIfAble, emulateMediaOrSkip } from '../../../../test/support/keyboard.js';

const town = [
  listing('walk', 'Riverside health walk', 'activity', { lat: 52.1, lng: -1.2, name: 'Riverside Park gates' }),
  listing('hall', 'Northbridge Community Hall', 'asset', { lat: 52.11, lng: -1.18 }),
  listing('depot', 'Old depot', 'transfer', { lat: 52.09, lng: -1.23 }),
];

async function ready(el: AtlasMap): Promise<AtlasMap> {
  await waitUntil(() => el.matches(':state(ready)'), 'the map was never drawn');
  await el.updateComplete;
  return el;
}

async function mapOf(listings = town, attrs: { consent?: string; tiles?: string; lang?: string } = {}): Promise<AtlasMap> {
  const el = await fixture<AtlasMap>(html`<atlas-map
    style="--atlas-map-height: 420px; width: 640px"
    tile-url=${attrs.tiles ?? TILE_URL}
    tile-consent=${attrs.consent ?? ''}
    lang=${attrs.lang ?? 'en'}
    search-area
    .listings=${listings}
  ></atlas-map>`);
  return ready(el);
}

function markers(el: AtlasMap): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.atlas-markers .marker')];
}

function names(el: AtlasMap): string[] {
  return markers(el).map((m) => m.getAttribute('aria-label') ?? '');
}

/** What the map last announced (its polite live region). */
function live(el: AtlasMap): string {
  return el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!;
}

function shadowText(el: AtlasMap): string {
  return el.shadowRoot!.textContent?.replace(/\s+/g, ' ') ?? '';
}

describe('<atlas-map>', () => {
  it('fits the results clear of its own controls: no marker sits under "Search this area", the zoom buttons or the legend', async () => {
    // Results at the corners of a box that, at zoom 10, just fills a 640 × 420 map less 40 px all round:
    // fitted with even padding, the north-west marker would sit under "Search this area".
    const corners = [
      listing('nw', 'North west', 'asset', { lat: 52.28, lng: -1.4 }),
      listing('ne', 'North east', 'activity', { lat: 52.28, lng: -0.64 }),
      listing('sw', 'South west', 'transfer', { lat: 52.0, lng: -1.4 }),
      listing('se', 'South east', 'asset', { lat: 52.0, lng: -0.64 }),
    ];
    const el = await mapOf(corners);
    el.fitToResults();
    await waitUntil(() => markers(el).length === 4, 'four markers');
    // However the fit is drawn (animated or not), the markers have come to rest.
    await steady(() => markers(el).map((m) => { const r = m.getBoundingClientRect(); return [r.left, r.top]; }));
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const controls = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button.control, .legend')].map((c) => c.getBoundingClientRect());
    expect(controls.length, 'controls found').to.be.at.least(3);
    expect(markers(el)).to.have.length(4);
    for (const m of markers(el)) {
      const box = m.getBoundingClientRect();
      expect(controls.some((c) => overlaps(box, c)), `${m.getAttribute('aria-label')} is clear of the controls`).to.equal(false);
    }
  });

  afterEach(async () => {
    await emulateMediaIfAble({ reducedMotion: 'no-preference', forcedColors: 'none' });
  });

  it('is a named region with a skip link, and passes axe', async () => {
    const el = await mapOf();
    const region = el.shadowRoot!.querySelector('[role="region"]')!;
    expect(region.getAttribute('aria-label')).to.equal('Map of results');
    expect(el.shadowRoot!.querySelector('.skip')!.textContent).to.equal('Skip the map');
    await expect(el).to.be.accessible();
  });

  it('speaks Welsh when lang="cy"', async () => {
    const el = await mapOf(town, { lang: 'cy' });
    expect(el.shadowRoot!.querySelector('[role="region"]')!.getAttribute('aria-label')).to.equal("Map o'r canlyniadau");
    expect(names(el)).to.include('Riverside health walk, gweithgaredd');
    await expect(el).to.be.accessible();
  });

  it('takes its language from the page when it has no lang, and names listings in it', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="cy">
      <atlas-map
        style="--atlas-map-height: 300px"
        tile-url=${TILE_URL}
        .listings=${[listing('walk', { en: 'Riverside health walk', cy: 'Taith iechyd glan yr afon' }, 'activity', { lat: 52.1, lng: -1.2 })]}
      ></atlas-map>
    </div>`);
    const el = await ready(wrapper.querySelector('atlas-map')!);
    expect(names(el)).to.deep.equal(['Taith iechyd glan yr afon, gweithgaredd']);
    expect(el.shadowRoot!.querySelector('.skip')!.textContent).to.equal("Neidio heibio'r map");
  });

  it('shows exactly the listings, named by name and kind, with a shape per kind', async () => {
    const el = await mapOf();
    expect(names(el).sort()).to.deep.equal(
      ['Northbridge Community Hall, asset', 'Old depot, asset transfer', 'Riverside health walk, activity'].sort(),
    );
    const shapes = markers(el).map((m) => m.querySelector('.shape')!.classList[1]);
    expect(shapes.sort()).to.deep.equal(['activity', 'asset', 'transfer']);
    const legend = el.shadowRoot!.querySelector('.legend')!.textContent!.replace(/\s+/g, ' ');
    expect(legend).to.contain('Asset').and.to.contain('Activity').and.to.contain('Asset transfer');

    el.listings = town.slice(0, 1);
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Riverside health walk, activity']);
  });

  it('gives every marker and control a target of at least 24 by 24 pixels', async () => {
    const el = await mapOf();
    const targets = [...markers(el), ...el.shadowRoot!.querySelectorAll<HTMLElement>('button.control')];
    expect(targets.length).to.be.greaterThan(3);
    for (const t of targets) {
      const box = t.getBoundingClientRect();
      expect(box.width, t.getAttribute('aria-label') ?? t.textContent ?? '').to.be.at.least(24);
      expect(box.height).to.be.at.least(24);
    }
  });

  it('fits the results when they change', async () => {
    const el = await mapOf();
    const [s, w, n, e] = el.bounds!;
    for (const l of town) {
      expect(l.location!.lat!).to.be.within(s, n);
      expect(l.location!.lng!).to.be.within(w, e);
    }
    const far = [listing('far', 'Far hall', 'asset', { lat: 55.9, lng: -3.2 })];
    el.listings = far;
    await el.updateComplete;
    const [s2, w2, n2, e2] = el.bounds!;
    expect(55.9).to.be.within(s2, n2);
    expect(-3.2).to.be.within(w2, e2);
  });

  it('does not fight a user who has moved the map', async () => {
    const el = await mapOf();
    el.shadowRoot!.querySelector<HTMLElement>('.leaflet')!.focus();
    await sendKeys({ press: 'NumpadSubtract' });
    await waitUntil(() => el.shadowRoot!.querySelector('[aria-live]')!.textContent!.includes('Zoomed out'));
    const before = el.bounds!;
    el.listings = [listing('far', 'Far hall', 'asset', { lat: 55.9, lng: -3.2 })];
    await el.updateComplete;
    expect(el.bounds).to.deep.equal(before);
    expect(55.9).not.to.be.within(before[0], before[2]);
  });

  it('says in words when no listing has a location, and passes axe', async () => {
    const el = await mapOf([
      listing('online', 'Online peer support', 'activity'),
      listing('zero', 'Null island hall', 'asset', { lat: 0, lng: 0 }),
    ]);
    expect(markers(el)).to.have.length(0);
    expect(shadowText(el)).to.contain('None of these results has a location to show on the map.');
    await expect(el).to.be.accessible();
  });

  it('never places a listing at 0,0', async () => {
    const el = await mapOf([...town, listing('zero', 'Null island hall', 'asset', { lat: 0, lng: 0 })]);
    expect(names(el)).to.have.length(3);
    expect(names(el).join()).not.to.contain('Null island');
  });

  it('says in words when no listing has usable coordinates, whatever is wrong with them, and passes axe', async () => {
    const bad = (key: string, location: Record<string, unknown>) =>
      listing(key, `Hall ${key}`, 'asset', location as unknown as Parameters<typeof listing>[3]);
    const el = await mapOf([
      bad('address-only', { name: 'Village hall', address: ['1 High Street'] }),
      bad('text', { lat: '52.1', lng: '-1.2' }),
      bad('off-the-globe', { lat: 152.1, lng: -1.2 }),
      bad('not-a-number', { lat: Number.NaN, lng: -1.2 }),
      bad('near-zero', { lat: 0.00001, lng: -0.00002 }),
    ]);
    expect(markers(el)).to.have.length(0);
    expect(shadowText(el)).to.contain('None of these results has a location to show on the map.');
    // The map stays usable: its controls are there and it can still be panned.
    expect(el.shadowRoot!.querySelector('button[aria-label="Zoom in"]')).to.be.instanceOf(HTMLButtonElement);
    await expect(el).to.be.accessible();
  });

  it('places the good listings and leaves out the bad ones, counting none of them at 0,0 in the fitted view', async () => {
    const el = await mapOf([
      ...town,
      listing('zero', 'Null island hall', 'asset', { lat: 0, lng: 0 }),
      listing('off', 'Nowhere hall', 'asset', { lat: 95, lng: 200 }),
      listing('none', 'Online group', 'activity'),
    ]);
    expect(names(el).map((n) => n.split(',')[0])).to.have.members(['Riverside health walk', 'Northbridge Community Hall', 'Old depot']);
    const [s, w, n, e] = el.bounds!;
    // Fitted to the town, not stretched to the equator or the date line.
    expect(s).to.be.above(51);
    expect(n).to.be.below(53);
    expect(w).to.be.above(-3);
    expect(e).to.be.below(1);
    expect(shadowText(el)).not.to.contain('None of these results');
    await expect(el).to.be.accessible();
  });

  it('keeps one far-away listing from zooming the map out to the world', async () => {
    const swapped = listing('swapped', 'Swapped hall', 'asset', { lat: -1.2, lng: 52.1 });
    const el = await mapOf([...town, swapped]);
    const [s, , n] = el.bounds!;
    expect(n - s).to.be.lessThan(1);
    expect(shadowText(el)).to.contain('1 listing far from the others is outside this view.');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.actions .message button')!.click();
    await el.updateComplete;
    const [s2, , n2] = el.bounds!;
    expect(-1.2).to.be.within(s2, n2);
  });

  it('shows an approximate location as a shaded area, never a pin', async () => {
    const refuge = listing('refuge', 'Safe space', 'asset', { lat: 52.1, lng: -1.2, precision: 'approximate', radius: 800 });
    const el = await mapOf([refuge, town[1]!]);
    const area = markers(el).find((m) => m.getAttribute('aria-label')!.startsWith('Safe space'))!;
    expect(area.getAttribute('aria-label')).to.equal('Safe space, asset, approximate area');
    expect(area.classList.contains('area')).to.equal(true);
    expect(area.querySelector('.shape')).to.equal(null);
    // 800 m across at this zoom is far bigger than any pin.
    expect(area.getBoundingClientRect().width).to.be.greaterThan(40);
    expect(el.shadowRoot!.querySelector('.legend')!.textContent).to.contain('Approximate area');
    await expect(el).to.be.accessible();
  });

  it('draws the outline of a transfer site', async () => {
    const site = listing('field', 'Playing field', 'transfer', {
      outline: {
        type: 'Polygon',
        coordinates: [[[-1.21, 52.1], [-1.2, 52.1], [-1.2, 52.105], [-1.21, 52.105], [-1.21, 52.1]]],
      },
    });
    const el = await mapOf([site, town[0]!]);
    expect(el.shadowRoot!.querySelectorAll('path.atlas-outline')).to.have.length(1);
    // A site with only an outline still gets a marker, at the outline's centre.
    expect(names(el)).to.include('Playing field, asset transfer');
  });

  it('fires atlas-select when a marker is chosen, and not when the owner sets selected', async () => {
    const el = await mapOf();
    let fired = 0;
    el.addEventListener('atlas-select', () => fired++);
    el.selected = 'hall';
    await el.updateComplete;
    expect(fired).to.equal(0);
    expect(markers(el).find((m) => m.classList.contains('selected'))!.getAttribute('aria-label')).to.contain('Northbridge');

    const walk = markers(el).find((m) => m.getAttribute('aria-label')!.startsWith('Riverside'))!;
    setTimeout(() => walk.click());
    const event = (await oneEvent(el, 'atlas-select')) as AtlasSelectEvent;
    expect(event.detail).to.deep.equal({ key: 'walk' });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('brings the selected listing into view without counting as the user moving the map', async () => {
    const far = listing('far', 'Far hall', 'asset', { lat: 52.3, lng: -1.2 });
    const el = await mapOf([...town, far]);
    el.fitToResults();
    // Zoom right in on the town, as the owner might, so the far hall is out of view.
    el.listings = town;
    await el.updateComplete;
    expect(52.3).not.to.be.within(el.bounds![0], el.bounds![2]);
    el.listings = [...town, far];
    el.fit = false;
    await el.updateComplete;
    el.selected = 'far';
    await el.updateComplete;
    expect(52.3).to.be.within(el.bounds![0], el.bounds![2]);
    // Not a user move: new results are still fitted.
    el.fit = true;
    el.listings = town;
    await el.updateComplete;
    expect(52.3).not.to.be.within(el.bounds![0], el.bounds![2]);
  });

  it('tells the host which marker the user points at or focuses', async () => {
    const el = await mapOf();
    const walk = markers(el).find((m) => m.getAttribute('aria-label')!.startsWith('Riverside'))!;
    setTimeout(() => walk.focus());
    const on = await oneEvent(el, 'atlas-highlight');
    expect(on.detail).to.deep.equal({ key: 'walk' });
    setTimeout(() => walk.blur());
    const off = await oneEvent(el, 'atlas-highlight');
    expect(off.detail).to.deep.equal({ key: undefined });
  });

  it('highlights the marker of the highlighted listing', async () => {
    const el = await mapOf();
    el.highlighted = 'depot';
    await el.updateComplete;
    const lit = markers(el).filter((m) => m.classList.contains('highlighted'));
    expect(lit.map((m) => m.getAttribute('aria-label'))).to.deep.equal(['Old depot, asset transfer']);
  });

  it('lists the listings that share one address as buttons', async () => {
    const at = { lat: 52.1, lng: -1.2, name: 'St Mark’s Hall' };
    const el = await mapOf([
      listing('a', 'Carers café', 'activity', at),
      listing('b', 'Knit and natter', 'activity', at),
      listing('c', 'St Mark’s Hall', 'asset', at),
      town[1]!,
    ]);
    const site = markers(el).find((m) => m.getAttribute('aria-label') === '3 listings at St Mark’s Hall')!;
    expect(site, 'a marker for the three listings at the hall').to.be.instanceOf(HTMLButtonElement);
    site.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.panel'));
    const panel = el.shadowRoot!.querySelector('.panel')!;
    expect(panel.querySelector('h2')!.textContent).to.equal('3 listings at St Mark’s Hall');
    const buttons = [...panel.querySelectorAll('li button')];
    expect(buttons.map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Carers café, activity',
      'Knit and natter, activity',
      'St Mark’s Hall, asset',
    ]);
    expect(el.shadowRoot!.activeElement).to.equal(buttons[0]);
    await expect(el).to.be.accessible();

    setTimeout(() => (buttons[1] as HTMLButtonElement).click());
    const event = (await oneEvent(el, 'atlas-select')) as AtlasSelectEvent;
    expect(event.detail.key).to.equal('b');

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.shadowRoot!.querySelector('.panel'));
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('3 listings at St Mark’s Hall');
  });

  it('shows the same markers, key and same-place lists from points (typed arrays, as the search worker sends them) as from the listings they came from', async () => {
    // At the walk's own starting point, so three listings share one place.
    const hall = { lat: 52.1, lng: -1.2, name: 'St Mark’s Hall' };
    const listings = [
      ...town,
      listing('a', { en: 'Carers café', cy: 'Caffi gofalwyr' }, 'activity', hall),
      listing('b', 'Knit and natter', 'activity', hall),
      listing('area', 'Bereavement support', 'asset', { lat: 52.12, lng: -1.21, precision: 'approximate', radius: 500 }),
      listing('nowhere', 'Phone befriending', 'activity'),
    ];
    const fromListings = await mapOf(listings, { lang: 'cy' });
    const points = mapPointsOf(listings, 'cy');
    expect(points.lat).to.be.instanceOf(Float64Array);
    expect(points.unplaced, 'the listing with no place').to.equal(1);
    const fromPoints = await fixture<AtlasMap>(html`<atlas-map
      style="--atlas-map-height: 420px; width: 640px" tile-url=${TILE_URL} lang="cy" .points=${points}
    ></atlas-map>`);
    await ready(fromPoints);
    await waitUntil(() => names(fromPoints).length === names(fromListings).length, 'the same number of markers');
    expect(names(fromPoints).sort()).to.deep.equal(names(fromListings).sort());
    expect(names(fromPoints)).to.include('Bereavement support, ased, ardal fras');
    const legend = (el: AtlasMap) => el.shadowRoot!.querySelector('.legend')!.textContent!.replace(/\s+/g, ' ');
    expect(legend(fromPoints)).to.equal(legend(fromListings));

    const site = markers(fromPoints).find((m) => m.getAttribute('aria-label')?.includes('Riverside Park gates'))!;
    expect(site, 'one marker for the three listings there, named by the first one’s place').to.be.instanceOf(HTMLButtonElement);
    site.click();
    await waitUntil(() => fromPoints.shadowRoot!.querySelector('.panel'));
    const buttons = [...fromPoints.shadowRoot!.querySelectorAll<HTMLButtonElement>('.panel li button')];
    expect(buttons.map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Riverside health walk, gweithgaredd', 'Caffi gofalwyr, gweithgaredd', 'Knit and natter, gweithgaredd']);
    await expect(fromPoints).to.be.accessible();
    setTimeout(() => buttons[1]!.click());
    const event = (await oneEvent(fromPoints, 'atlas-select')) as AtlasSelectEvent;
    expect(event.detail.key).to.equal('a');
  });

  it('names its markers and lists when the names come on demand (the search worker\'s points), asking only for those of what it draws', async () => {
    /** Points as the worker's arrive: keys and typed arrays, and no names or places until asked for. */
    const onDemand = (full: MapPoints, asked: Set<number>): MapPoints => {
      const points: MapPoints = {
        ...full,
        names: new Array<string>(full.keys.length),
        places: new Array<string>(full.keys.length),
        labels: async (which) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          for (const p of which) {
            asked.add(p);
            points.names[p] = full.names[p]!;
            points.places[p] = full.places[p]!;
          }
        },
      };
      return points;
    };
    const show = async (points: MapPoints): Promise<AtlasMap> => {
      const el = await fixture<AtlasMap>(html`<atlas-map
        style="--atlas-map-height: 420px; width: 640px" tile-url=${TILE_URL} lang="en" .points=${points}
      ></atlas-map>`);
      await ready(el);
      await waitUntil(() => markers(el).length > 0, 'no markers');
      return el;
    };
    const hall = { lat: 52.1, lng: -1.2, name: 'St Mark’s Hall' };
    const el = await show(onDemand(mapPointsOf([...town, listing('a', 'Carers café', 'activity', hall), listing('b', 'Knit and natter', 'activity', hall)], 'en'), new Set()));
    expect(names(el).sort()).to.deep.equal(['3 listings at Riverside Park gates', 'Northbridge Community Hall, asset', 'Old depot, asset transfer']);
    markers(el).find((m) => m.getAttribute('aria-label')!.startsWith('3 listings'))!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.panel'));
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.panel li button')];
    expect(buttons.map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Riverside health walk, activity', 'Carers café, activity', 'Knit and natter, activity']);

    // Thousands of points: names only for the markers drawn, and none of them named by its key.
    const asked = new Set<number>();
    const many = await show(onDemand(mapPointsOf(manyListings(3000), 'en'), asked));
    const drawn = names(many).filter((n) => !n.startsWith('Cluster of'));
    expect(drawn.every((n) => /^Place \d+, /.test(n)), drawn.join(' | ')).to.equal(true);
    expect(asked.size).to.be.within(drawn.length, 300);
  });

  it('names the same listings again when its language changes', async () => {
    const el = await mapOf([listing('walk', { en: 'Riverside health walk', cy: 'Taith iechyd glan yr afon' }, 'activity', { lat: 52.1, lng: -1.2 })]);
    expect(names(el)).to.deep.equal(['Riverside health walk, activity']);
    el.lang = 'cy';
    await waitUntil(() => names(el)[0] === 'Taith iechyd glan yr afon, gweithgaredd', `named in Welsh, not ${names(el).join()}`);
  });

  it(`never puts more than ${MAX_MARKERS} marker elements in the page for 50,000 points`, async function () {
    this.timeout(30000);
    const many = manyListings(50000);
    const el = await mapOf(many);
    const clusterNames = names(el);
    expect(clusterNames.length).to.be.within(1, MAX_MARKERS);
    expect(clusterNames.some((n) => /^Cluster of \d+ listings$/.test(n))).to.equal(true);
    // Zoom in step by step: at no level does the page hold more than the cap.
    for (let i = 0; i < 8; i++) {
      el.shadowRoot!.querySelector<HTMLButtonElement>('.zoom button')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[aria-live]')!.textContent!.includes(`level ${el.zoom}`));
      expect(el.shadowRoot!.querySelectorAll('.marker').length).to.be.within(1, MAX_MARKERS);
    }
  });

  it('highlights the cluster that holds the highlighted listing, at every zoom', async () => {
    await emulateMediaIfAble({ reducedMotion: 'reduce' });
    const many = manyListings(2000, [52.5, -1.9], 0.3);
    const el = await mapOf(many);
    el.highlighted = 'p0';
    await el.updateComplete;
    for (let i = 0; i < 4; i++) {
      const lit = markers(el).filter((m) => m.classList.contains('highlighted'));
      expect(lit, `one highlighted marker at zoom ${el.zoom}`).to.have.length(1);
      // Choosing it leads to the listing: a cluster zooms towards it, a marker is the listing itself.
      const name = lit[0]!.getAttribute('aria-label')!;
      expect(/^Cluster of \d+ listings$/.test(name) || name.startsWith('Place 0,')).to.equal(true);
      const zoom = el.zoom!;
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom in"]')!.click();
      // The zoom's end, not its start: a click while a zoom still moves is not a zoom (Leaflet), and a browser
      // that cannot be told to reduce motion animates.
      await waitUntil(() => live(el).includes(`level ${zoom + 1},`));
      await el.updateComplete;
      const place = many[0]!.location!;
      if (!(place.lat! >= el.bounds![0] && place.lat! <= el.bounds![2] && place.lng! >= el.bounds![1] && place.lng! <= el.bounds![3])) break;
    }
  });

  it('counts every listing in the clusters it draws', async () => {
    const el = await mapOf(manyListings(2000, [52.5, -1.9], 0.3));
    el.fitToResults();
    const total = markers(el)
      .map((m) => m.getAttribute('aria-label')!)
      .reduce((sum, name) => sum + Number(/^Cluster of (\d+)/.exec(name)?.[1] ?? 1), 0);
    expect(total).to.equal(2000);
  });

  it('zooms into a cluster chosen by keyboard and announces it', async () => {
    await emulateMediaIfAble({ reducedMotion: 'reduce' });
    const el = await mapOf(manyListings(500, [52.5, -1.9], 0.2));
    const zoom = el.zoom!;
    const cluster = markers(el).find((m) => m.getAttribute('aria-label')!.startsWith('Cluster of'))!;
    cluster.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.zoom! > zoom);
    await waitUntil(() => /Zoomed in to level \d+, \d+ listings? shown/.test(el.shadowRoot!.querySelector('[aria-live]')!.textContent!));
    // Focus stays on the map, on a marker near where the cluster was.
    expect(el.shadowRoot!.activeElement?.classList.contains('marker')).to.equal(true);
  });

  it('pans and zooms by keyboard, and zooms with the + and − buttons', async () => {
    await emulateMediaIfAble({ reducedMotion: 'reduce' });
    const el = await mapOf();
    const skip = el.shadowRoot!.querySelector<HTMLElement>('.skip')!;
    skip.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.classList.contains('leaflet')).to.equal(true);
    const [, w] = el.bounds!;
    await sendKeys({ press: 'ArrowRight' });
    // A pan that moves (where motion is not reduced) ends a little later.
    await waitUntil(() => el.bounds![1] > w, 'the arrow key did not pan the map east');
    const zoom = el.zoom!;
    await sendKeys({ press: 'NumpadAdd' });
    await waitUntil(() => /^Zoomed in to level \d+, \d+ listings? shown$/.test(live(el)));
    expect(el.zoom).to.equal(zoom + 1);
    expect(live(el)).to.contain(`level ${zoom + 1},`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom out"]')!.click();
    await waitUntil(() => /^Zoomed out to level \d+, \d+ listings? shown$/.test(live(el)));
    expect(el.zoom).to.equal(zoom);
    await expect(el).to.be.accessible();
  });

  it('zooms without animation when reduced motion is asked for, and with it otherwise', async function () {
    await emulateMediaOrSkip(this, { reducedMotion: 'reduce' });
    const still = await mapOf();
    const z = still.zoom!;
    still.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom in"]')!.click();
    // No animation: the new level is there at once.
    expect(still.zoom).to.equal(z + 1);

    await emulateMediaIfAble({ reducedMotion: 'no-preference' });
    const moving = await mapOf();
    const z2 = moving.zoom!;
    moving.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom in"]')!.click();
    expect(moving.zoom).to.equal(z2);
    await waitUntil(() => moving.zoom === z2 + 1, 'the animated zoom never finished');
  });

  it('makes every zoom asked for while one still moves: + pressed twice, Zoom in clicked twice', async () => {
    await emulateMediaIfAble({ reducedMotion: 'no-preference' });
    const el = await mapOf();
    const z = el.zoom!;
    el.shadowRoot!.querySelector<HTMLElement>('.leaflet')!.focus();
    await sendKeys({ press: 'NumpadAdd' });
    // The first zoom has begun (its level is set in its first frame; it moves for a quarter of a second more).
    await waitUntil(() => el.zoom === z + 1);
    await sendKeys({ press: 'NumpadAdd' });
    await waitUntil(() => live(el).includes(`level ${z + 2},`), 'the second press of + was lost');
    expect(el.zoom).to.equal(z + 2);
    const zoomIn = el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom in"]')!;
    zoomIn.click();
    await waitUntil(() => el.zoom === z + 3);
    zoomIn.click();
    await waitUntil(() => live(el).includes(`level ${z + 4},`), 'the second click of Zoom in was lost');
    expect(el.zoom).to.equal(z + 4);
    await expect(el).to.be.accessible();
  });

  it('reaches a marker with Tab and chooses it with Enter or Space', async () => {
    const el = await mapOf(town.slice(0, 2));
    el.shadowRoot!.querySelector<HTMLElement>('.leaflet')!.focus();
    await sendKeys({ press: 'Tab' });
    const first = el.shadowRoot!.activeElement as HTMLElement;
    expect(first.classList.contains('marker')).to.equal(true);
    const keys: string[] = [];
    el.addEventListener('atlas-select', (e) => keys.push(e.detail.key));
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: ' ' });
    expect(keys).to.have.length(2);
    expect(new Set(keys)).to.deep.equal(new Set(['walk', 'hall']));
  });

  it('fires atlas-area-search with the visible bounds', async () => {
    const el = await mapOf();
    const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Search this area')!;
    setTimeout(() => button.click());
    const event = (await oneEvent(el, 'atlas-area-search')) as AtlasAreaSearchEvent;
    const [s, w, n, e] = event.detail.bounds;
    expect(s).to.be.lessThan(n);
    expect(w).to.be.lessThan(e);
    expect(event.detail.bounds).to.deep.equal(el.bounds);
  });

  it('skips to the skip-target, or asks the host to', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <atlas-map style="--atlas-map-height: 300px" tile-url=${TILE_URL} skip-target="results" .listings=${town}></atlas-map>
      <h2 id="results">Results</h2>
    </div>`);
    const el = await ready(wrapper.querySelector('atlas-map')!);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.skip')!.click();
    expect(document.activeElement?.id).to.equal('results');

    el.removeAttribute('skip-target');
    await el.updateComplete;
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('.skip')!.click());
    await oneEvent(el, 'atlas-skip-map');
  });

  it('loads no tile before consent when tile-consent="ask", and loads them after', async () => {
    const el = await mapOf(town, { consent: 'ask', tiles: `${TILE_URL}?consent-test` });
    expect(el.shadowRoot!.querySelectorAll('img.leaflet-tile')).to.have.length(0);
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('consent-test'))).to.equal(false);
    expect(shadowText(el)).to.contain(`The background map comes from ${location.host}.`);
    // Markers work before consent.
    expect(markers(el)).to.have.length(3);
    await expect(el).to.be.accessible();
    const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Load the background map')!;
    button.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('img.leaflet-tile-loaded').length > 0);
    expect(el.shadowRoot!.textContent).to.contain('OpenStreetMap');
  });

  it('says when the background map is unavailable, and the markers still work', async () => {
    const el = await mapOf(town, { tiles: MISSING_TILE_URL });
    await waitUntil(() => shadowText(el).includes('The background map is unavailable.'));
    expect(markers(el)).to.have.length(3);
    await expect(el).to.be.accessible();
    const hall = markers(el).find((m) => m.getAttribute('aria-label')!.startsWith('Northbridge'))!;
    hall.focus();
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const event = (await oneEvent(el, 'atlas-select')) as AtlasSelectEvent;
    expect(event.detail.key).to.equal('hall');
    // The zoom buttons still move the map, and the markers follow.
    const zoom = el.zoom!;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom out"]')!.click();
    await waitUntil(() => el.zoom! < zoom);
    await waitUntil(() => markers(el).length > 0);
    expect(shadowText(el)).to.contain('The background map is unavailable.');
  });

  it('waits for a size before drawing, then draws when shown', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="display: none">
      <atlas-map style="--atlas-map-height: 300px" tile-url=${TILE_URL} .listings=${town}></atlas-map>
    </div>`);
    const el = wrapper.querySelector('atlas-map')!;
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(el.matches(':state(ready)')).to.equal(false);
    expect(el.shadowRoot!.querySelectorAll('img')).to.have.length(0);
    wrapper.style.display = 'block';
    await ready(el);
    expect(markers(el)).to.have.length(3);
  });

  it('waits while its box has no width or no height, then draws the results when it gets one, and passes axe', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 0; overflow: hidden">
      <atlas-map style="--atlas-map-height: 300px" tile-url=${TILE_URL} lang="en" .listings=${town}></atlas-map>
    </div>`);
    const el = wrapper.querySelector('atlas-map')!;
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(el.matches(':state(ready)')).to.equal(false);
    expect(el.markerCount).to.equal(0);
    // Collapsed, it still names itself and offers its skip link.
    expect(el.shadowRoot!.querySelector('[role="region"]')!.getAttribute('aria-label')).to.equal('Map of results');
    await expect(el).to.be.accessible();

    wrapper.style.width = '640px';
    await ready(el);
    expect(markers(el)).to.have.length(3);
    // Fitted to the results, not drawn for a map of no size: every marker is inside the visible box.
    const box = el.shadowRoot!.querySelector('.leaflet')!.getBoundingClientRect();
    for (const marker of markers(el)) {
      const at = marker.getBoundingClientRect();
      expect(at.left + at.width / 2).to.be.within(box.left, box.right);
      expect(at.top + at.height / 2).to.be.within(box.top, box.bottom);
    }
    await expect(el).to.be.accessible();

    // Collapsed again (a closed tab), then shown again: the same markers, still in view.
    wrapper.style.width = '0';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    wrapper.style.width = '640px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(markers(el)).to.have.length(3);
  });

  it('opens a list for a cluster of places a few metres apart, which no zoom would split', async () => {
    const close = [0, 1, 2, 3, 4].map((i) => listing(`stall${i}`, `Market stall ${i}`, 'activity', { lat: 52.1 + i * 0.00002, lng: -1.2 }));
    const el = await mapOf(close);
    const cluster = markers(el).find((m) => m.getAttribute('aria-label') === 'Cluster of 5 listings')!;
    expect(cluster, 'one cluster for the five stalls').to.be.instanceOf(HTMLButtonElement);
    const zoom = el.zoom!;
    cluster.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.panel'));
    expect(el.zoom).to.equal(zoom);
    const buttons = [...el.shadowRoot!.querySelectorAll('.panel li button')];
    expect(buttons.map((b) => b.textContent!.replace(/\s+/g, ' ').trim()).sort()).to.deep.equal(
      [0, 1, 2, 3, 4].map((i) => `Market stall ${i}, activity`),
    );
    await expect(el).to.be.accessible();
  });

  it('survives being moved in the page', async () => {
    const el = await mapOf();
    el.highlighted = 'hall';
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el);
    await ready(el);
    expect(markers(el)).to.have.length(3);
    expect(markers(el).some((m) => m.classList.contains('highlighted'))).to.equal(true);
    other.remove();
  });

  it('can be taken out of the page in the middle of a zoom animation', async () => {
    await emulateMediaIfAble({ reducedMotion: 'no-preference' });
    const el = await mapOf();
    const z = el.zoom!;
    const timers = trackTimers();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom in"]')!.click();
    el.remove();
    // Leaflet's own timer for the end of the animation (250 ms) runs on a map no longer in the page: an error there fails the run.
    await timers.drained();
    document.body.append(el);
    await ready(el);
    expect(el.zoom).to.be.within(z, z + 1);
    expect(markers(el)).to.have.length(3);
    el.remove();
  });

  it('uses system colours for markers in forced-colours mode', async function () {
    await emulateMediaOrSkip(this, { forcedColors: 'active' });
    const el = await mapOf();
    const shape = markers(el)[0]!.querySelector('.shape')!;
    expect(getComputedStyle(shape).forcedColorAdjust).to.equal('none');
    await expect(el).to.be.accessible();
  });
});
