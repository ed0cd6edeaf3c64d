import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { feedbackDate, feedbackPage, suggestHref } from '@community-atlas/core';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { FIXTURES, NOW, shadow } from '../test-support/finder.js';

/**
 * "Suggest a listing"'s link (issue 20): core's filling, and the finder's footer link
 * that uses it, loaded on demand beside the feed (finder/suggest-link.ts).
 */
describe('suggest a listing: the link a form or mailbox gets', () => {
  const page = feedbackPage(location)!;

  it('is the page without its query, and the UK date', () => {
    expect(page).to.equal(`${location.origin}${location.pathname}`);
    expect(feedbackDate(new Date('2026-11-22T12:00:00Z'))).to.equal('2026-11-22');
    // 00:30 on 1 July in London is still 30 June in UTC.
    expect(feedbackDate(new Date('2026-06-30T23:30:00Z'))).to.equal('2026-07-01');
  });

  it('fills a form template, or gives a mailto: address a subject and body in the page language', () => {
    const form = new URL(suggestHref('https://example.org/suggest?from={page}&on={date}', { subject: 'Suggest a listing', page, date: '2026-11-22' })!);
    expect(form.searchParams.get('from')).to.equal(page);
    expect(form.searchParams.get('on')).to.equal('2026-11-22');
    const en = new URL(suggestHref('mailto:atlas@example.org', { subject: 'Suggest a listing', page, date: '2026-11-22' })!);
    expect(en.searchParams.get('subject')).to.equal('Suggest a listing');
    expect(en.searchParams.get('body')).to.equal(`Page: ${page}\nDate: 2026-11-22\n\n`);
    const labels = { listing: 'Rhestriad', name: 'Enw', page: 'Tudalen', date: 'Dyddiad', prompt: '' };
    const cy = new URL(suggestHref('mailto:atlas@example.org', { subject: 'Awgrymu rhestriad', labels, page, date: '2026-11-22' })!);
    expect(cy.searchParams.get('subject')).to.equal('Awgrymu rhestriad');
    expect(cy.searchParams.get('body')).to.equal(`Tudalen: ${page}\nDyddiad: 2026-11-22\n\n`);
    expect(suggestHref('javascript:alert(1)', { subject: 'x' })).to.equal(undefined);
  });
});

describe('the finder’s "Suggest a listing" link', () => {
  const page = feedbackPage(location)!;
  const link = (f: AtlasFinder) => shadow(f).querySelector<HTMLAnchorElement>('.footer a');
  const filled = async (suggestUrl: string, lang = 'en'): Promise<string> => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/small-feed.json`} lang=${lang} .now=${NOW} suggest-url=${suggestUrl}></atlas-finder>`);
    // Filled once its small part has arrived (beside the feed); until then it goes where suggest-url says.
    await waitUntil(() => link(f)?.getAttribute('href')?.includes('2026-11-22'), `not filled in: ${link(f)?.getAttribute('href')}`, { timeout: 8000 });
    expect(link(f)!.textContent).to.equal(lang === 'cy' ? 'Awgrymu rhestriad' : 'Suggest a listing');
    await expect(f).to.be.accessible();
    return link(f)!.getAttribute('href')!;
  };

  it('carries the page it came from and today’s date to a mailbox, in the page’s language', async () => {
    const en = new URL(await filled('mailto:directory@example.gov.uk'));
    expect(en.pathname).to.equal('directory@example.gov.uk');
    expect(en.searchParams.get('subject')).to.equal('Suggest a listing');
    expect(en.searchParams.get('body')).to.equal(`Page: ${page}\nDate: 2026-11-22\n\n`);
    const cy = new URL(await filled('mailto:directory@example.gov.uk', 'cy'));
    expect(cy.searchParams.get('subject')).to.equal('Awgrymu rhestriad');
    expect(cy.searchParams.get('body')).to.equal(`Tudalen: ${page}\nDyddiad: 2026-11-22\n\n`);
    // A subject the council wrote into the address is kept, not given twice.
    const own = new URL(await filled('mailto:directory@example.gov.uk?subject=New%20listing'));
    expect(own.searchParams.getAll('subject')).to.deep.equal(['New listing']);
    expect(own.searchParams.get('body')).to.equal(`Page: ${page}\nDate: 2026-11-22\n\n`);
  });

  it('fills a form’s {page} and {date}, and never links anywhere unsafe', async () => {
    const form = new URL(await filled('https://forms.example.gov.uk/suggest?from={page}&on={date}'));
    expect(form.origin + form.pathname).to.equal('https://forms.example.gov.uk/suggest');
    expect(form.searchParams.get('from')).to.equal(page, 'the page without its query');
    expect(form.searchParams.get('on')).to.equal('2026-11-22');
    window.history.replaceState(null, '', `${location.pathname}?q=my+postcode+NB1+2AA`);
    try {
      const withQuery = new URL(await filled('https://forms.example.gov.uk/suggest?from={page}&on={date}'));
      expect(withQuery.searchParams.get('from')).to.equal(page, 'what the person searched for stays out');
    } finally {
      window.history.replaceState(null, '', location.pathname);
    }
    const bad = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/small-feed.json`} .now=${NOW} suggest-url="javascript:alert(1)"></atlas-finder>`);
    await waitUntil(() => bad.engine, 'finder did not load', { timeout: 8000 });
    await bad.updateComplete;
    expect(link(bad)).to.equal(null);
  });
});
