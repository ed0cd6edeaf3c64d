import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AtlasListing } from '@community-atlas/core';
import '../define.js';
import type { AtlasListingDetail } from './listing.js';
import { feedbackHref } from '@community-atlas/core';
import { summarise } from '../shortlist/describe.js';
import { en as english } from '../translations/en.js';

const base = (over: Partial<AtlasListing>): AtlasListing => ({
  id: 'cafe-1', key: 'cafe-1', publisherId: 'p', kind: 'activity', name: 'Memory café',
  referral: ['professional'], categories: [], needs: [], keywords: [], accessibility: ['hearing-loop'], languages: [], delivery: [], areas: [], schedule: [],
  ...over,
});
const NOW = new Date('2026-11-22T12:00:00Z');

describe('<atlas-listing> on its own', () => {
  it('a phone value with no digits is shown as words, not a tel: link', async () => {
    const el = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} .listing=${base({ contact: { phone: 'Ask at reception' } })}></atlas-listing>`);
    expect(el.shadowRoot!.querySelector('a[href^="tel:"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('dd')!.textContent).to.contain('Ask at reception');
    const plus = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} .listing=${base({ contact: { phone: '+ (ext.)' } })}></atlas-listing>`);
    expect(plus.shadowRoot!.querySelector('a[href^="tel:"]'), 'a plus sign alone dials nothing').to.equal(null);
  });

  it('a 1 MB description shows its first part, and the rest when asked for (Read more)', async () => {
    const para = 'Our group meets every week in the hall by the river, with tea, cake and a warm welcome for anyone. ';
    const description = `${para.repeat(10)}\n\n`.repeat(Math.ceil(1_048_576 / (para.length * 10 + 2))).slice(0, 1_048_576 - 4) + 'END.';
    const el = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} .listing=${base({ description })}></atlas-listing>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('.more'), 'Read more');
    const shown = (): number => root.textContent!.length;
    expect(shown(), 'only the first part is in the page').to.be.below(5_000);
    expect(root.textContent).to.contain(para.trim());
    expect(root.textContent).not.to.contain('END.');
    const more = root.querySelector<HTMLElement>('.more summary, .more button')!;
    expect(more.textContent!.trim()).to.equal('Read more');
    await expect(el).to.be.accessible();
    more.click();
    await waitUntil(() => root.textContent!.includes('END.'), 'the rest, on request');
    expect(shown()).to.be.above(1_000_000);
    // A description of a few paragraphs is shown whole, with nothing to press.
    const short = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} .listing=${base({ description: `${para}\n\n${para}END.` })}></atlas-listing>`);
    await waitUntil(() => short.shadowRoot!.textContent!.includes('END.'), 'short description');
    expect(short.shadowRoot!.querySelector('.more')).to.equal(null);
  });

  it('says when a referral is needed, in the contact section, and passes axe', async () => {
    const el = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} .listing=${base({ contact: { phone: '01234 567890' } })}></atlas-listing>`);
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('You need a referral from a professional');
    expect(text).to.contain('Hearing loop');
    expect(el.shadowRoot!.querySelector<HTMLAnchorElement>('a[href^="tel:"]')?.getAttribute('href')).to.equal('tel:01234567890');
    await expect(el).to.be.accessible();
  });

  it('builds the report link from a mailto: address or a URL template, and refuses unsafe ones', () => {
    const l = base({});
    expect(feedbackHref('mailto:fix@example.org', l, 'Memory café')).to.equal('mailto:fix@example.org?subject=Something%20wrong%20with%20listing%20cafe-1%3A%20Memory%20caf%C3%A9');
    expect(feedbackHref('https://example.org/r?id={id}&n={name}', l, 'Memory café')).to.equal('https://example.org/r?id=cafe-1&n=Memory%20caf%C3%A9');
    expect(feedbackHref('javascript:alert({id})', l, 'x')).to.equal(undefined);
  });

  it('carries the listing id, name, the page (without its query) and the date in a report, by template or mail', async () => {
    const template = 'https://example.org/r?id={id}&n={name}&from={page}&on={date}';
    const el = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} feedback=${template} .listing=${base({})}></atlas-listing>`);
    const page = `${location.origin}${location.pathname}`;
    expect(el.shadowRoot!.querySelector('.report a')?.getAttribute('href')).to.equal(
      `https://example.org/r?id=cafe-1&n=Memory%20caf%C3%A9&from=${encodeURIComponent(page)}&on=2026-11-22`,
    );
    const mail = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} feedback="mailto:fix@example.org" .listing=${base({})}></atlas-listing>`);
    const href = new URL(mail.shadowRoot!.querySelector('.report a')!.getAttribute('href')!);
    expect(href.searchParams.get('subject')).to.equal('Something wrong with listing cafe-1: Memory café');
    expect(href.searchParams.get('body')).to.equal(`Listing: cafe-1\nName: Memory café\nPage: ${page}\nDate: 2026-11-22\n\nWhat is wrong or missing:\n`);
    expect(href.searchParams.get('body')).not.to.contain('?');
  });

  it('writes the report mail in Welsh on a Welsh page', async () => {
    const el = await fixture<AtlasListingDetail>(html`<atlas-listing lang="cy" .now=${NOW} feedback="mailto:fix@example.org" .listing=${base({ name: { en: 'Memory café', cy: 'Caffi cof' } })}></atlas-listing>`);
    const href = new URL(el.shadowRoot!.querySelector('.report a')!.getAttribute('href')!);
    expect(href.searchParams.get('subject')).to.equal('Rhywbeth o’i le gyda’r rhestriad cafe-1: Caffi cof');
    expect(href.searchParams.get('body')).to.match(/^Rhestriad: cafe-1\nEnw: Caffi cof\nTudalen: .+\nDyddiad: 2026-11-22\n\nBeth sydd o’i le neu ar goll:\n$/);
  });

  it('uses the feedback attribute over the publisher default', async () => {
    const el = await fixture<AtlasListingDetail>(html`<atlas-listing feedback="mailto:a@example.org" .publishers=${[{ name: 'P', id: 'p', feedbackUrl: 'https://example.org/{id}' }]} .listing=${base({})}></atlas-listing>`);
    expect(el.shadowRoot!.querySelector('.report a')?.getAttribute('href')).to.match(/^mailto:a@example\.org\?subject=/);
  });

  it("says where each session is and its notes, as the feed gives them, in English and in Welsh, and passes axe", async () => {
    const schedule = [
      { rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '10:45', place: { en: 'Village hall car park', cy: 'Maes parcio neuadd y pentref' }, notes: 'Stops only in dry weather.' },
      { rrule: 'FREQ=WEEKLY;BYDAY=TH', start: '14:00', end: '15:00' },
    ];
    const listing = base({ name: 'Mobile library', schedule });
    const items = (el: AtlasListingDetail): string[] => [...el.shadowRoot!.querySelectorAll('ul > li')].map((li) => li.textContent!.trim());
    const en = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} .listing=${listing}></atlas-listing>`);
    await en.updateComplete;
    expect(items(en)).to.include.members(['Every Tuesday, 10am–10:45am, Village hall car park. Stops only in dry weather.', 'Every Thursday, 2pm–3pm']);
    await expect(en).to.be.accessible();
    const cy = await fixture<AtlasListingDetail>(html`<atlas-listing lang="cy" .now=${NOW} .listing=${listing}></atlas-listing>`);
    await cy.updateComplete;
    expect(items(cy)).to.include('10yb–10:45yb, Maes parcio neuadd y pentref. Stops only in dry weather.');
    await expect(cy).to.be.accessible();
    // The print view and the copied shortlist say it too.
    expect(summarise(listing, english, 'en', NOW).when).to.include('Every Tuesday, 10am–10:45am, Village hall car park. Stops only in dry weather.');
  });

  it('reads in Welsh with English fallback for feed text', async () => {
    const el = await fixture<AtlasListingDetail>(html`<atlas-listing lang="cy" .listing=${base({ summary: 'Tea and songs' })}></atlas-listing>`);
    const headings = [...el.shadowRoot!.querySelectorAll('h3')].map((h) => h.textContent);
    expect(headings[0]).to.equal('Beth ydyw');
    expect(el.shadowRoot!.textContent).to.contain('Tea and songs');
  });

  it('keeps the English listing words a host leaves out when it renames some', async () => {
    const el = await fixture<AtlasListingDetail>(html`<atlas-listing .strings=${{ phone: 'Telephone' }} .listing=${base({ contact: { phone: '01234 567890', email: 'cafe@example.org' } })}></atlas-listing>`);
    const terms = [...el.shadowRoot!.querySelectorAll('dt')].map((d) => d.textContent);
    expect(terms).to.deep.equal(['Telephone', 'Email']);
    expect(el.shadowRoot!.textContent).to.contain('You need a referral from a professional');
  });

  it('keeps the English headings a host leaves out when it renames some', async () => {
    const el = await fixture<AtlasListingDetail>(html`<atlas-listing .strings=${{ headings: { whenWhere: 'Times and place', contact: 'Get in touch' } }} .listing=${base({})}></atlas-listing>`);
    const headings = [...el.shadowRoot!.querySelectorAll('h3')].map((h) => h.textContent);
    expect(headings).to.deep.equal(['What it is', 'Who it is for', 'Cost', 'Times and place', 'Get in touch']);
  });
});

describe('<atlas-listing> referral routes', () => {
  const base = {
    id: 'r', key: 'r', publisherId: 'p', kind: 'activity' as const, name: 'Peer support group',
    categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
  };

  it('says a referral is needed only when it is the only way in', async () => {
    const only = await fixture<HTMLElement>(html`<atlas-listing .listing=${{ ...base, referral: ['professional'] }}></atlas-listing>`);
    expect(only.shadowRoot!.textContent).to.contain('You need a referral from a professional');
    const either = await fixture<HTMLElement>(html`<atlas-listing .listing=${{ ...base, referral: ['self', 'professional'] }}></atlas-listing>`);
    const words = either.shadowRoot!.textContent!;
    expect(words).to.contain('You can refer yourself');
    expect(words).to.contain('A professional, such as a GP or link worker, can also refer you');
    expect(words).not.to.contain('You need a referral');
  });
});
