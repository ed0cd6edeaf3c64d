import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { press } from '../../../../test/support/keyboard.js';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { FIXTURES, NOW, shadow, results, cards } from '../test-support/finder.js';
import type { AtlasMap } from '@community-atlas/map';
import { settled } from '../../../../test/support/settle.js';

// The finder with its map, in step with the list. Tiles come from a local
// fixture (every tile is the same image), so nothing reaches the internet.
const TILE_URL = '/test/fixtures/tiles/tile.png';

const cardOf = (f: AtlasFinder, key: string) => cards(f).find((c) => c.item?.listing.key === key)!;
const mapOf = (f: AtlasFinder) => shadow(f).querySelector<AtlasMap>('atlas-map');
const markers = (m: AtlasMap) => [...shadow(m).querySelectorAll<HTMLButtonElement>('.atlas-markers .marker')];
const marker = (m: AtlasMap, name: string) => markers(m).find((b) => b.getAttribute('aria-label')?.startsWith(name));

async function finderWithMap(width = 900): Promise<AtlasFinder> {
  const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/small-feed.json`} .now=${NOW} lang="en"
    view="both" tile-url=${TILE_URL} style=${`display: block; width: ${width}px`}></atlas-finder>`);
  await waitUntil(() => mapOf(f)?.matches(':state(ready)'), 'the map was never drawn', { timeout: 5000 });
  await waitUntil(() => cards(f).length > 0 && mapOf(f)!.markerCount > 0, 'no cards or markers');
  await mapOf(f)!.updateComplete;
  return f;
}

const settle = (f: AtlasFinder): Promise<void> => settled(f);

describe('<atlas-finder> with its map', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', window.location.pathname);
  });
  afterEach(() => {
    window.history.replaceState(null, '', window.location.pathname);
  });

  it('shows exactly the current results on the map, and follows a search', async () => {
    const f = await finderWithMap();
    const map = mapOf(f)!;
    // The map is given every result (as points) and places those with a location; the pavilion has none and is only in the list.
    const given = (): number => (map.points ? map.points.keys.length + map.points.unplaced : 0);
    await waitUntil(() => given() === cards(f).length, `the map was given ${given()} of ${cards(f).length} results`);
    expect([...map.points!.keys, 'pavilion-closed'].sort()).to.deep.equal(cards(f).map((c) => c.item!.listing.key).sort());
    expect(map.points!.unplaced).to.equal(1);
    expect(marker(map, 'Cricket pavilion')).to.equal(undefined);
    expect(marker(map, 'Carers’ café'), 'café marker').to.not.equal(undefined);
    shadow(shadow(f).querySelector('atlas-search')!).querySelector('input')!.focus();
    await sendKeys({ type: 'walk' });
    await waitUntil(() => given() === 1, `map had ${given()} results`);
    expect(map.points!.keys).to.deep.equal(['walk-riverside']);
  });

  it('puts the list and the map side by side when the finder is wide, and one above the other when it is not', async () => {
    const box = (el: Element) => el.getBoundingClientRect();
    const wide = await finderWithMap(1300);
    let map = box(mapOf(wide)!);
    let list = box(results(wide));
    expect(map.left, 'map to the right of the list').to.be.at.least(list.right);
    expect(map.top).to.be.below(list.top + 60);
    // The view buttons keep their own height, however tall the filters beside them.
    for (const b of shadow(wide).querySelectorAll('.views button')) expect(box(b).height).to.be.below(80);
    wide.remove();

    const narrow = await finderWithMap(700);
    map = box(mapOf(narrow)!);
    list = box(results(narrow));
    expect(list.top, 'list below the map').to.be.at.least(map.bottom);
    await expect(narrow).to.be.accessible();
  });

  it('passes tile-consent="ask" to its map: no tile loads until the person says so, and the markers work', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/small-feed.json`} .now=${NOW} lang="en"
      view="both" tile-url=${`${TILE_URL}?finder-consent`} tile-consent="ask" style="display: block; width: 900px"></atlas-finder>`);
    await waitUntil(() => mapOf(f)?.matches(':state(ready)') && mapOf(f)!.markerCount > 0, 'the map was never drawn', { timeout: 5000 });
    const map = mapOf(f)!;
    await map.updateComplete;
    expect(map.tileConsent).to.equal('ask');
    expect(shadow(map).querySelectorAll('img.leaflet-tile')).to.have.length(0);
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('finder-consent'))).to.equal(false);
    expect([...shadow(map).querySelectorAll('button')].some((b) => b.textContent === 'Load the background map')).to.equal(true);
  });

  it('highlights the marker of the card under the pointer or keyboard focus, and lets go when it leaves', async () => {
    const f = await finderWithMap();
    const map = mapOf(f)!;
    const card = cardOf(f, 'carers-cafe');
    card.dispatchEvent(new PointerEvent('pointerenter'));
    await settle(f);
    expect(marker(map, 'Carers’ café')!.classList.contains('highlighted')).to.equal(true);
    card.dispatchEvent(new PointerEvent('pointerleave'));
    await settle(f);
    expect(marker(map, 'Carers’ café')!.classList.contains('highlighted')).to.equal(false);

    card.focus();
    await settle(f);
    expect(marker(map, 'Carers’ café')!.classList.contains('highlighted')).to.equal(true);
    expect(markers(map).filter((m) => m.classList.contains('highlighted'))).to.have.length(1);
  });

  it('highlights the card of the marker under the pointer or keyboard focus', async () => {
    const f = await finderWithMap();
    const map = mapOf(f)!;
    marker(map, 'Carers’ café')!.focus();
    await settle(f);
    expect(cardOf(f, 'carers-cafe').hasAttribute('highlighted')).to.equal(true);
    expect(cards(f).filter((c) => c.hasAttribute('highlighted'))).to.have.length(1);
    marker(map, 'Carers’ café')!.blur();
    await settle(f);
    expect(cardOf(f, 'carers-cafe').hasAttribute('highlighted')).to.equal(false);
  });

  it('opens the listing chosen on the map, and on the way back keeps the same map and view and puts focus on its card', async () => {
    const f = await finderWithMap();
    const map = mapOf(f)!;
    map.fitToResults();
    const zoomBefore = map.zoom;
    marker(map, 'Carers’ café')!.click();
    await waitUntil(() => shadow(f).querySelector('atlas-listing'), 'the listing did not open');
    expect(shadow(f).querySelector('atlas-listing')!.listing?.key).to.equal('carers-cafe');
    expect(new URLSearchParams(window.location.search).get('open')).to.equal('carers-cafe');

    const back = shadow(shadow(f).querySelector('atlas-listing')!).querySelector<HTMLButtonElement>('button.back')!;
    back.click();
    await waitUntil(() => shadow(f).querySelector('atlas-results'), 'the list did not come back');
    await waitUntil(() => shadow(results(f)).activeElement === cardOf(f, 'carers-cafe'), 'focus did not go to the card');
    // The same element, so the user's pan and zoom are where they left them.
    expect(mapOf(f)).to.equal(map);
    await waitUntil(() => map.matches(':state(ready)') && map.markerCount > 0, 'the map did not come back');
    expect(map.zoom).to.equal(zoomBefore);
  });

  it('"Search this area" narrows the results to the map, says so, and can be undone', async () => {
    const f = await finderWithMap();
    const map = mapOf(f)!;
    expect(cards(f)).to.have.length(6);
    // Close in on the riverside walk and the library (0.01° apart), away from the café and the hall.
    map.fitToResults();
    const zoomIn = shadow(map).querySelector<HTMLButtonElement>('button.control[aria-label="Zoom in"]')!;
    for (let i = 0; i < 4; i++) {
      const from = map.zoom!;
      zoomIn.click();
      // Leaflet takes no new zoom while one is animating (its map pane has leaflet-zoom-anim meanwhile).
      await waitUntil(() => map.zoom === from + 1 && !shadow(map).querySelector('.leaflet-zoom-anim'), `did not zoom in from ${from}`);
    }
    const searchArea = () => [...shadow(map).querySelectorAll<HTMLButtonElement>('button.control')].find((b) => b.textContent?.trim() === 'Search this area');
    await waitUntil(searchArea, 'no "Search this area" button after the user zoomed');
    const button = searchArea()!;
    button.click();
    await waitUntil(() => cards(f).length < 6, 'results were not narrowed');
    await settle(f);
    const [s, w, n, e] = map.bounds!;
    for (const card of cards(f)) {
      const loc = card.item!.listing.location!;
      expect(loc.lat! >= s && loc.lat! <= n && loc.lng! >= w && loc.lng! <= e, card.item!.listing.key).to.equal(true);
    }
    expect(new URLSearchParams(window.location.search).get('area-bounds')).to.match(/^[-\d.]+,[-\d.]+,[-\d.]+,[-\d.]+$/);
    const note = shadow(f).querySelector('.area-only')!;
    expect(note.textContent).to.contain('Showing results in the map area only.');
    await expect(f).to.be.accessible();

    note.querySelector('button')!.click();
    await waitUntil(() => cards(f).length === 6, 'results were not widened again');
    await settle(f);
    expect(shadow(f).querySelector('.area-only')).to.equal(null);
    expect(new URLSearchParams(window.location.search).has('area-bounds')).to.equal(false);
  });

  it('fits new results unless the user has moved the map', async () => {
    const f = await finderWithMap();
    const map = mapOf(f)!;
    const search = shadow(shadow(f).querySelector('atlas-search')!).querySelector('input')!;
    search.focus();
    await sendKeys({ type: 'carers' });
    await waitUntil(() => map.points?.keys.length === 1, 'the search did not narrow the map');
    await settle(f);
    // One result: fitted to it, so it is in the middle of the view.
    let [s, w, n, e] = map.bounds!;
    expect(52.3 > s && 52.3 < n && -1.5 > w && -1.5 < e).to.equal(true);
    const fitted = map.zoom ?? 0;
    expect(fitted).to.be.greaterThan(10);

    // The user zooms out; the next results keep their view.
    shadow(map).querySelector<HTMLButtonElement>('button.control[aria-label="Zoom out"]')!.click();
    await waitUntil(() => map.zoom === fitted - 1 && !shadow(map).querySelector('.leaflet-zoom-anim'), 'did not zoom out');
    await settled(map);
    search.focus();
    await press('Control+A');
    await sendKeys({ type: 'walk' });
    await waitUntil(() => map.points?.keys[0] === 'walk-riverside', 'the search did not change the map');
    await settle(f);
    expect(map.zoom).to.equal(fitted - 1);
    [s, w, n, e] = map.bounds!;
    expect(52.3 > s && 52.3 < n && -1.5 > w && -1.5 < e, 'view kept').to.equal(true);
  });

  it('gives its map the same colour tokens: theme="nhs" reaches the focused marker, and so does a host page\'s --atlas-color-focus', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/small-feed.json`} .now=${NOW} lang="en" theme="nhs"
      view="both" tile-url=${TILE_URL} style="display: block; width: 900px"></atlas-finder>`);
    await waitUntil(() => mapOf(f)?.matches(':state(ready)') && mapOf(f)!.markerCount > 0, 'the map was never drawn', { timeout: 5000 });
    await waitUntil(() => getComputedStyle(f).getPropertyValue('--atlas-color-focus').trim() === '#ffeb3b', 'the NHS theme never arrived');
    const map = mapOf(f)!;
    await map.updateComplete;
    const cafe = marker(map, 'Carers’ café')!;
    cafe.focus();
    await waitUntil(() => cafe.matches(':focus-visible'), 'the marker never showed keyboard focus');
    const outline = () => getComputedStyle(cafe).outlineColor;
    expect(outline(), 'NHS focus yellow').to.equal('rgb(255, 235, 59)');
    // A host page's own value on the finder wins over the theme, and reaches the map inside it.
    f.style.setProperty('--atlas-color-focus', '#d4351c');
    expect(outline(), 'the host page\'s focus colour').to.equal('rgb(212, 53, 28)');
    // Set on an ancestor instead, for a finder without a theme: the same.
    f.style.removeProperty('--atlas-color-focus');
    f.removeAttribute('theme');
    f.parentElement!.style.setProperty('--atlas-color-focus', 'rgb(1, 2, 3)');
    await f.updateComplete;
    expect(outline(), 'an ancestor\'s focus colour').to.equal('rgb(1, 2, 3)');
    f.parentElement!.style.removeProperty('--atlas-color-focus');
  });
});
