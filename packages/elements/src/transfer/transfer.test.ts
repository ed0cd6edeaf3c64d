import { expect, fixture, html } from '@open-wc/testing';
import { normaliseFeed, type AtlasListing, type FacetCount, type TransferDetails } from '@community-atlas/core';
import '../define.js';
import { loadLanguage } from '../translations/index.js';
import type { AtlasCard } from '../card/card.js';
import type { AtlasListingDetail } from '../listing/listing.js';
import type { AtlasFilters } from '../filters/filters.js';

const NOW = new Date('2026-11-22T12:00:00Z');

const transfer = (t: Partial<TransferDetails> = {}, over: Partial<AtlasListing> = {}): AtlasListing => ({
  id: 'old-library', key: 'old-library', publisherId: 'p', kind: 'transfer', name: { en: 'Old library', cy: 'Hen lyfrgell' },
  referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
  transfer: { assetType: 'library', status: 'available', ...t },
  ...over,
});

const FULL: Partial<TransferDetails> = {
  tenure: { type: 'leasehold', years: 25 },
  terms: 'peppercorn',
  priceNotes: '£1 a year if asked',
  floorAreaSqm: 420,
  siteAreaHa: 0.4,
  condition: 'Sound roof; the boiler needs replacing.',
  currentUse: 'Closed since 2025.',
  currentUsers: 'A Saturday toddler group hires the back room.',
  reason: 'The library moved to the new hub.',
  restrictions: 'A covenant limits use to community purposes.',
  planning: 'Grade II listed.',
  stages: [{ id: 'notice-published', date: '2026-10-01' }, { id: 'information-session', date: '2026-10-20' }, { id: 'eoi-open' }],
  dates: { noticePublished: '2026-10-01', informationSession: '2026-10-20', eoiDeadline: '2026-12-04', decision: '2027-02-10' },
  documents: [
    { title: 'Information pack', url: 'https://example.org/pack.pdf', type: 'pdf', sizeBytes: 1_240_000 },
    { title: 'Site plan', url: 'https://example.org/plan.geojson', type: 'geojson', sizeBytes: 3_500 },
    { title: 'Sneaky', url: 'javascript:alert(1)', type: 'pdf' },
  ],
  expressionOfInterestUrl: 'https://example.org/eoi/old-library',
};

const card = (l: AtlasListing, lang = 'en', now = NOW) =>
  fixture<AtlasCard>(html`<atlas-card lang=${lang} .now=${now} .item=${{ listing: l, score: 0 }}></atlas-card>`);
const detail = (l: AtlasListing, lang = 'en', now = NOW, stageLists = {}) =>
  fixture<AtlasListingDetail>(html`<atlas-listing lang=${lang} .now=${now} .stageLists=${stageLists} .listing=${l}></atlas-listing>`);
const words = (el: Element): string => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

before(async () => {
  await loadLanguage('cy');
});

describe('transfer cards', () => {
  it('show the status as a word, the deadline in words, and what and on what terms', async () => {
    const el = await card(transfer(FULL));
    expect(el.shadowRoot!.querySelector('.badge')?.textContent).to.equal('Available');
    expect(words(el)).to.contain('Closes in 12 days');
    expect(el.shadowRoot!.querySelector('.transfer-summary')?.textContent).to.equal('Library · Leasehold, 25 years · Peppercorn rent');
    await expect(el).to.be.accessible();
  });

  it('say "closes tomorrow" and "closes today", in English and Welsh with Welsh plurals', async () => {
    const l = transfer({ dates: { eoiDeadline: '2026-11-23' } });
    expect(words(await card(l))).to.contain('Closes tomorrow');
    expect(words(await card(l, 'cy'))).to.contain('Yn cau yfory');
    expect(words(await card(l, 'en', new Date('2026-11-23T20:00:00Z')))).to.contain('Closes today');
    expect(words(await card(transfer({ dates: { eoiDeadline: '2026-11-24' } }), 'cy'))).to.contain('Yn cau ymhen 2 ddiwrnod');
    const cy = await card(transfer(FULL), 'cy');
    expect(cy.shadowRoot!.querySelector('.transfer-summary')?.textContent).to.equal('Llyfrgell · Prydles, 25 o flynyddoedd · Rhent hedyn pupur');
    expect(cy.shadowRoot!.querySelector('.badge')?.textContent).to.equal('Ar gael');
  });

  it('show a past deadline as closed, and any deadline closed once the asset is under offer', async () => {
    const past = await card(transfer({ dates: { eoiDeadline: '2026-03-03' } }));
    expect(words(past)).to.contain('Closed on 3 March 2026');
    expect(words(past)).not.to.contain('Closes in');
    const offered = await card(transfer({ status: 'under-offer', dates: { eoiDeadline: '2027-01-31' } }));
    expect(offered.shadowRoot!.querySelector('.badge')?.textContent).to.equal('Under offer');
    expect(words(offered)).to.contain('Closed to new interest');
    expect(words(offered)).not.to.contain('31 January 2027');
    expect(words(offered)).not.to.contain('Closes in');
  });

  it('mark an asset of community value in words', async () => {
    const el = await card(transfer({}, { transfer: undefined, acv: { status: 'listed', listedOn: '2024-05-01' } }));
    expect(el.shadowRoot!.querySelector('.badge.acv')?.textContent).to.equal('Asset of community value');
    await expect(el).to.be.accessible();
  });
});

describe('transfer detail', () => {
  it('gives the terms, the building, key dates, the information pack and the expression-of-interest link', async () => {
    const el = await detail(transfer(FULL, { contact: { email: 'assets@example.org' } }));
    const root = el.shadowRoot!;
    const text = words(el);
    for (const shown of [
      'Leasehold, 25 years', 'Peppercorn rent', '£1 a year if asked', '420 square metres', '0.4 hectares', 'The boiler needs replacing'.toLowerCase(),
      'A Saturday toddler group hires the back room.', 'The library moved to the new hub.', 'A covenant limits use to community purposes.',
      'Grade II listed.', 'Expressions of interest close', 'Friday, 4 December 2026', 'Decision expected',
    ]) expect(text).to.contain(shown);
    const docs = [...root.querySelectorAll('.documents li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(docs).to.deep.equal(['Information pack (PDF, 1.2 MB)', 'Site plan (GeoJSON, 3.5 kB)']);
    expect(root.querySelector('a[href^="javascript"]')).to.equal(null);
    const action = root.querySelector<HTMLAnchorElement>('[part="action"]');
    expect(action?.textContent).to.equal('Express an interest');
    expect(action?.href).to.equal('https://example.org/eoi/old-library');
    expect(root.querySelector('a[href^="mailto:"]')?.textContent).to.equal('assets@example.org');
    await expect(el).to.be.accessible();
  });

  it('tracks the stages in an ordered list that says which is current and which are done', async () => {
    const el = await detail(transfer(FULL));
    const items = [...el.shadowRoot!.querySelectorAll('ol.stages > li')];
    expect(items).to.have.length(7);
    const current = items.filter((li) => li.getAttribute('aria-current') === 'step');
    expect(current).to.have.length(1);
    expect(current[0]!.textContent).to.contain('Expressions of interest open');
    expect(current[0]!.querySelector('.stage-state')?.textContent).to.equal('current stage');
    expect(items[0]!.querySelector('.stage-state')?.textContent).to.equal('done');
    expect(items[0]!.textContent).to.contain('1 October 2026');
    expect(items[6]!.querySelector('.stage-state')?.textContent).to.equal('to come');
    const cy = await detail(transfer(FULL), 'cy');
    expect(cy.shadowRoot!.querySelector('[aria-current="step"] .stage-state')?.textContent).to.equal('cam presennol');
  });

  it('draws the stage tracker, the interest button and the stale warning with the styles their chunks bring', async () => {
    const el = await detail(transfer(FULL, { lastVerified: '2024-01-10' }));
    const root = el.shadowRoot!;
    const style = (selector: string, pseudo?: string) => getComputedStyle(root.querySelector(selector)!, pseudo);
    expect(style('ol.stages').listStyleType, 'stages are numbered by the tracker, not the list').to.equal('none');
    expect(style('ol.stages > li', '::before').borderTopLeftRadius, 'a round marker for each stage').to.equal('50%');
    expect(style('.badge').borderTopStyle).to.equal('solid');
    expect(style('[part="action"]').display).to.equal('inline-block');
    expect(style('.warning').borderInlineStartWidth).to.equal('5px');
    const card = await fixture<AtlasCard>(html`<atlas-card .now=${NOW} .item=${{ listing: transfer(FULL), score: 0 }}></atlas-card>`);
    expect(getComputedStyle(card.shadowRoot!.querySelector('.transfer-summary')!).display, 'cards keep their transfer styles').to.equal('block');
  });

  it('reads in Welsh, with Welsh plurals for years and areas, and passes axe', async () => {
    const el = await detail(transfer({ ...FULL, tenure: { type: 'leasehold', years: 2 }, floorAreaSqm: 2 }), 'cy');
    const text = words(el);
    expect(text).to.contain('Prydles, 2 flynedd');
    expect(text).to.contain('2 fetr sgwâr');
    expect(text).to.contain('Rhent hedyn pupur');
    expect(text).to.contain('Yn cau ymhen 12 diwrnod');
    expect(el.shadowRoot!.querySelector('[part="action"]')?.textContent).to.equal('Mynegi diddordeb');
    await expect(el).to.be.accessible();
  });

  it('honours a stage list the feed defines', async () => {
    const lists = { short: [{ id: 'advertised', label: 'Advertised' }, { id: 'assessed', label: 'Bids assessed' }, { id: 'agreed', label: 'Heads of terms agreed' }] };
    const el = await detail(transfer({ stageList: 'short', stages: [{ id: 'advertised' }, { id: 'assessed' }] }), 'en', NOW, lists);
    const items = [...el.shadowRoot!.querySelectorAll('ol.stages > li .stage-name')].map((s) => s.textContent);
    expect(items).to.deep.equal(['Advertised', 'Bids assessed', 'Heads of terms agreed']);
    expect(el.shadowRoot!.querySelector('[aria-current="step"]')?.textContent).to.contain('Bids assessed');
  });

  it('offers no link once the deadline has passed, and says why', async () => {
    const el = await detail(transfer({ ...FULL, dates: { eoiDeadline: '2026-03-03' } }));
    const root = el.shadowRoot!;
    expect(root.querySelector('[part="action"]')).to.equal(null);
    expect(root.querySelector('a[href*="/eoi/"]')).to.equal(null);
    expect(words(el)).to.contain('Closed on 3 March 2026');
    expect(words(el)).to.contain('Expressions of interest are closed');
    expect(words(el)).to.contain('The deadline has passed');
    await expect(el).to.be.accessible();
  });

  it('says a withdrawn asset is withdrawn, and that interest is not open yet when there is no link', async () => {
    const withdrawn = await detail(transfer({ ...FULL, status: 'withdrawn' }));
    expect(withdrawn.shadowRoot!.querySelector('[part="action"]')).to.equal(null);
    expect(words(withdrawn)).to.contain('The council has withdrawn this asset from transfer.');
    const proposed = await detail(transfer({ status: 'proposed' }));
    expect(words(proposed)).to.contain('Expressions of interest are not open yet');
    expect(proposed.shadowRoot!.querySelector('[part="action"]')).to.equal(null);
  });
});

describe('assets of community value', () => {
  // The Half Moon, Balcombe: Mid Sussex received notice of disposal on 27 May 2016
  // and published the interim moratorium as running until 7 July 2016.
  const halfMoon = (status: 'listed' | 'nominated' = 'listed') =>
    transfer({}, { transfer: undefined, name: 'The Half Moon', acv: { status, nominatedBy: 'Balcombe Parish Council', listedOn: '2015-03-02', disposalNotifiedOn: '2016-05-27' } });

  it('explain the interim moratorium with its end and the full moratorium end', async () => {
    const el = await detail(halfMoon(), 'en', new Date('2016-06-10T12:00:00Z'));
    const text = words(el);
    expect(text).to.contain('A community group has until 7 July 2016 to ask, in writing, to be treated as a potential bidder');
    expect(text).to.contain('until after 26 November 2016');
    expect(text).to.contain('Balcombe Parish Council');
    expect(text).to.contain('Listed until');
    expect(text).to.contain('1 March 2020');
    expect(el.shadowRoot!.querySelector('[part="action"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('explain the full moratorium and the protected period after it, and a nomination', async () => {
    expect(words(await detail(halfMoon(), 'en', new Date('2016-08-01T12:00:00Z')))).to.contain('If a group asked in time, the owner cannot sell to anyone else until after 26 November 2016');
    expect(words(await detail(halfMoon(), 'en', new Date('2017-01-05T12:00:00Z')))).to.contain('no new moratorium can start until after 26 November 2017');
    const nominated = await detail(halfMoon('nominated'), 'cy', new Date('2016-06-10T12:00:00Z'));
    expect(words(nominated)).to.contain('Mae’r cyngor yn penderfynu a ddylid rhestru hwn');
    expect(words(nominated)).not.to.contain('Ar y rhestr tan');
  });
});

describe('bad input, as the user sees it', () => {
  const feed = {
    version: '1',
    publisher: { name: 'Northbridge Borough Council' },
    listings: [{
      id: 'bad-hall', kind: 'transfer', name: 'Mill Lane hall',
      transfer: {
        assetType: 'hall', status: 'available', tenure: { type: 'leasehold' }, guidePrice: '£1', guideRent: 'peppercorn',
        stages: [{ id: 'notice-published' }, { id: 'eoi-open' }], currentStage: 'community-consultation',
        dates: { noticePublished: '2026-11-01', eoiDeadline: '2026-10-01' },
        documents: [{ title: 'Pack', url: 'javascript:alert(1)' }, { title: 'Plan', url: 'https://example.org/plan.pdf' }],
      },
    }],
  };

  it('warns of each problem, keeps the listing, and shows what can be trusted', async () => {
    const data = normaliseFeed(feed);
    const codes = data.problems.map((p) => p.code);
    expect(codes).to.include.members(['lease-length-missing', 'unknown-stage', 'deadline-before-notice', 'unsafe-url', 'money-as-text']);
    expect(data.listings).to.have.length(1);
    const l = data.listings[0]!;
    const el = await detail(l, 'en', new Date('2026-11-10T12:00:00Z'), data.transferStages);
    const root = el.shadowRoot!;
    const text = words(el);
    // A lease with no length says so rather than looking complete.
    expect(text).to.contain('Leasehold (length of lease not given)');
    // Money written as text is shown as the publisher wrote it.
    expect(root.querySelector('dl')?.textContent).to.contain('Price or rent£1; peppercorn');
    // A deadline before the notice date is in the past here: closed, never open.
    expect(text).to.contain('Closed on 1 October 2026');
    expect(root.querySelector('[part="action"]')).to.equal(null);
    // The unknown current stage is dropped by the normaliser; the tracker still says where things stand.
    expect(root.querySelectorAll('[aria-current="step"]')).to.have.length(1);
    expect(root.querySelector('[aria-current="step"]')?.textContent).to.contain('Expressions of interest open');
    // The unsafe document is gone and the safe one stays.
    expect([...root.querySelectorAll('.documents a')].map((a) => a.textContent)).to.deep.equal(['Plan']);
    await expect(el).to.be.accessible();
  });

  it('shows an unknown current stage from a hand-built listing after the furthest stage reached', async () => {
    const el = await detail(transfer({ stages: [{ id: 'notice-published' }, { id: 'eoi-open' }], currentStage: 'community-consultation' }));
    const current = el.shadowRoot!.querySelector('[aria-current="step"]');
    expect(current?.textContent).to.contain('Community consultation');
    expect(current?.textContent).to.contain('current stage');
  });
});

describe('transfer filters', () => {
  it('offer status, open deadlines, kind of asset and tenure with plain labels', async () => {
    const facets: Record<string, FacetCount[]> = {
      status: [{ value: 'available', count: 5 }, { value: 'under-offer', count: 2 }],
      deadline: [{ value: 'open', count: 4 }, { value: 'closing-soon', count: 1 }],
      assetType: [{ value: 'library', count: 2 }, { value: 'open-space', count: 3 }],
      tenure: [{ value: 'freehold', count: 1 }, { value: 'leasehold', count: 6 }],
    };
    const el = await fixture<AtlasFilters>(html`<atlas-filters .facets=${facets} .total=${7}></atlas-filters>`);
    const legends = [...el.shadowRoot!.querySelectorAll('legend')].map((l) => l.textContent!.trim());
    expect(legends).to.include.members(['Status', 'Deadline', 'Kind of asset', 'Tenure']);
    const text = words(el);
    for (const label of ['Under offer', 'Open for interest', 'Open space', 'Leasehold (to rent long term)']) expect(text).to.contain(label);
    const cy = await fixture<AtlasFilters>(html`<atlas-filters lang="cy" .facets=${facets} .total=${7}></atlas-filters>`);
    expect(words(cy)).to.contain('Man agored');
    expect(words(cy)).to.contain('Math o ased');
  });
});
