import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { settled } from '../../../../test/support/settle.js';
import '../define.js';
import type { AtlasListing } from '@community-atlas/core';
import type { AtlasLocation } from './location.js';

const gazetteer = { postcodes: { 'NB1 2AA': [52.1, -1.2] as [number, number] } };

describe('<atlas-location> on its own', () => {
  it('finds a postcode in the feed gazetteer without any request, and passes axe', async () => {
    const el = await fixture<AtlasLocation>(html`<atlas-location .gazetteer=${gazetteer}></atlas-location>`);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector('input')!.value = 'nb1 2aa';
    const change = oneEvent(el, 'atlas-state-change');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const e = await change;
    expect(e.detail.patch.near).to.deep.equal({ lat: 52.1, lng: -1.2, label: 'NB1 2AA' });
    expect(e.detail.patch.sort).to.equal('distance');
  });

  const submit = async (el: AtlasLocation, value: string): Promise<string> => {
    const said = () => el.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim() ?? '';
    const before = said();
    el.shadowRoot!.querySelector('input')!.value = value;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    // Each value tried here gets a message of its own.
    await waitUntil(() => said() && said() !== before, `nothing new said about "${value}"`);
    await settled(el);
    return el.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim() ?? '';
  };

  it('says plainly why a postcode could not be placed: not a postcode, outside the area, or not found by the service', async () => {
    const el = await fixture<AtlasLocation>(html`<atlas-location .gazetteer=${gazetteer}></atlas-location>`);
    expect(await submit(el, 'walking group')).to.contain('Enter a postcode, such as SW1A 1AA');
    expect(el.shadowRoot!.querySelector('input')!.getAttribute('aria-invalid')).to.equal('true');
    // With no lookup service, a real postcode the feed does not know is most likely outside its area.
    expect(await submit(el, 'ZZ9 9ZZ')).to.contain('may be outside the area this directory covers');
    await expect(el).to.be.accessible();

    const notFound = (): Promise<Response> => Promise.resolve(new Response('{"status":404}', { status: 404 }));
    const original = window.fetch;
    window.fetch = notFound;
    try {
      const withService = await fixture<AtlasLocation>(html`<atlas-location .gazetteer=${gazetteer} postcode-service="/postcodes-api"></atlas-location>`);
      expect(await submit(withService, 'ZZ9 9ZZ')).to.contain('could not find that postcode');
    } finally {
      window.fetch = original;
    }
  });

  it('places a postcode the gazetteer does not know from the listings’ own postcodes', async () => {
    const listings = [
      { key: 'a', location: { postcode: 'EH1 1YZ', lat: 55.9497, lng: -3.1916 } },
      { key: 'b', location: { postcode: 'EH1 2AB', lat: 55.9477, lng: -3.1996 } },
    ] as unknown as AtlasListing[];
    const el = await fixture<AtlasLocation>(html`<atlas-location .gazetteer=${gazetteer} .listings=${listings}></atlas-location>`);
    el.shadowRoot!.querySelector('input')!.value = 'EH1 1AA';
    const change = oneEvent(el, 'atlas-state-change');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    // Not at a listing, so the middle of the listings in its sector.
    expect((await change).detail.patch.near).to.deep.equal({ lat: 55.9497, lng: -3.1916, label: 'EH1 1AA' });
    // The gazetteer's own entries still answer first.
    const again = oneEvent(el, 'atlas-state-change');
    el.shadowRoot!.querySelector('input')!.value = 'NB1 2AA';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect((await again).detail.patch.near).to.deep.equal({ lat: 52.1, lng: -1.2, label: 'NB1 2AA' });

    // A feed with no gazetteer at all (an imported spreadsheet) finds a listing's own postcode.
    const bare = await fixture<AtlasLocation>(html`<atlas-location .listings=${listings}></atlas-location>`);
    const found = oneEvent(bare, 'atlas-state-change');
    bare.shadowRoot!.querySelector('input')!.value = 'eh1 2ab';
    bare.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect((await found).detail.patch.near).to.deep.equal({ lat: 55.9477, lng: -3.1996, label: 'EH1 2AB' });
  });

  it('"Use my location" asks the browser and reports a refusal in plain words', async () => {
    const refusing = {
      getCurrentPosition: (_ok: PositionCallback, fail?: PositionErrorCallback | null) => fail?.({ code: 1, message: 'denied', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError),
    } as unknown as Geolocation;
    const el = await fixture<AtlasLocation>(html`<atlas-location .geolocation=${refusing}></atlas-location>`);
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Use my location')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim(), 'nothing said');
    expect(el.shadowRoot!.querySelector('[role="status"]')?.textContent).to.contain('could not get your location');
  });
});
