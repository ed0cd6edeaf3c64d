import { expect } from '@open-wc/testing';
import { feedbackDate, feedbackPage, suggestHref } from '@community-atlas/core';

/**
 * "Suggest a listing"'s link filling (issue 20). The finder's footer does not use it
 * yet: its first chunk has no room (elements README, "Reports and suggestions").
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
