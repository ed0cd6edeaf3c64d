import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
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

  it('says plainly when a postcode is not found', async () => {
    const el = await fixture<AtlasLocation>(html`<atlas-location .gazetteer=${gazetteer}></atlas-location>`);
    el.shadowRoot!.querySelector('input')!.value = 'ZZ9 9ZZ';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')?.textContent).to.contain('could not find that postcode');
    expect(el.shadowRoot!.querySelector('input')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('"Use my location" asks the browser and reports a refusal in plain words', async () => {
    const refusing = {
      getCurrentPosition: (_ok: PositionCallback, fail?: PositionErrorCallback | null) => fail?.({ code: 1, message: 'denied', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError),
    } as unknown as Geolocation;
    const el = await fixture<AtlasLocation>(html`<atlas-location .geolocation=${refusing}></atlas-location>`);
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Use my location')!.click();
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')?.textContent).to.contain('could not get your location');
  });
});
