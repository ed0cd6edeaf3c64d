import { expect } from '@open-wc/testing';
import { FeedLoadError, isSafeUrl, loadFeeds, mergeFeeds, normaliseFeed, normalisePostcode, parseFeedText, text } from '../index.js';
import type { AtlasData } from '../index.js';

const FIXTURES = '/test/fixtures/feeds/';

async function fixture(name: string): Promise<AtlasData> {
  const res = await fetch(`${FIXTURES}${name}`);
  return parseFeedText(await res.text(), name);
}

const messages = (data: AtlasData): string[] => data.problems.map((p) => p.message);

describe('feed fixtures', () => {
  it('a valid feed keeps all five listings with no problems', async () => {
    const data = await fixture('valid.json');
    expect(data.problems).to.deep.equal([]);
    expect(data.listings.map((l) => l.id)).to.deep.equal(['walk-riverside-tue', 'womens-refuge-support', 'phone-befriending', 'old-library-hall', 'red-lion-acv']);
    expect(data.publishers[0]!.id).to.equal('northbridge');
    const walk = data.listings[0]!;
    expect(walk.referral).to.deep.equal(['self']);
    expect(walk.delivery).to.deep.equal(['in-person']);
    expect(text(walk.name, 'cy')).to.equal('Taith iechyd glan yr afon');
    expect(data.listings[1]!.location!.precision).to.equal('approximate');
    expect(data.listings[2]!.location).to.equal(undefined);
    expect(data.listings[2]!.delivery).to.deep.equal(['phone', 'online']);
    expect(data.listings[3]!.transfer!.documents![0]!.url).to.equal('https://example.org/old-library-pack.pdf');
    expect(data.listings[4]!.acv!.status).to.equal('listed');
  });

  it('a byte order mark is ignored', async () => {
    const data = await fixture('bom.json');
    expect(data.problems).to.deep.equal([]);
    expect(data.listings).to.have.length(5);
  });

  it('text that is not JSON gives one problem with line and column', async () => {
    const data = await fixture('not-json.json');
    expect(messages(data)).to.deep.equal([
      'The feed is not valid JSON: at line 1, column 1, expected a value (text in double quotes, a number, an object, a list, true, false or null) but found "T".',
    ]);
    expect(data.problems[0]!.source).to.equal('not-json.json');
    expect(data.listings).to.deep.equal([]);
  });

  it('a truncated file says it is cut off and where', async () => {
    const data = await fixture('truncated.json');
    expect(data.problems.map((p) => p.code)).to.deep.equal(['truncated']);
    expect(messages(data)[0]).to.equal(
      'The feed is cut off: it ends at line 31, column 38, where the rest of the text and its closing double quote was expected and 4 objects or lists were still open.',
    );
  });

  it('an empty listings list is a warning, a missing one an error', async () => {
    expect(messages(await fixture('empty-listings.json'))).to.deep.equal(['The feed: the listings list is empty; nothing to show.']);
    const none = await fixture('no-listings.json');
    expect(none.problems.map((p) => [p.severity, p.path, p.message])).to.deep.equal([['error', '$.listings', 'The feed: it has no "listings" list.']]);
  });

  it('a duplicate id skips the later listing and keeps the rest', async () => {
    const data = await fixture('duplicate-ids.json');
    expect(data.listings.map((l) => text(l.name, 'en'))).to.deep.equal(['First hall', 'Third hall']);
    expect(data.skipped).to.equal(1);
    expect(data.problems[0]).to.include({
      severity: 'error',
      code: 'duplicate-id',
      path: '$.listings[1].id',
      listingId: 'hall-1',
      listingIndex: 1,
      message: 'Listing "hall-1": the id is already used by the listing at $.listings[0], so this later one is skipped.',
    });
  });

  it('swapped coordinates in a UK feed are swapped back with a warning', async () => {
    const data = await fixture('swapped-coordinates.json');
    expect(data.listings[0]!.location).to.deep.equal({ lat: 52.4, lng: -1.5 });
    expect(messages(data)).to.deep.equal([
      'Listing "swapped": latitude -1.5 and longitude 52.4 look swapped (the place would be outside the UK, swapped it is inside); read as latitude 52.4, longitude -1.5.',
    ]);
  });

  it('javascript:, data: and vbscript: links are dropped everywhere, safe ones kept', async () => {
    const data = await fixture('javascript-urls.json');
    const listing = data.listings[0]!;
    expect(listing.url).to.equal(undefined);
    expect(listing.contact).to.deep.equal({ phone: '01234 567890' });
    expect(listing.organisation).to.deep.equal({ name: 'Parks team' });
    expect(listing.transfer!.documents!.map((d) => d.url)).to.deep.equal(['https://example.org/plan.pdf']);
    expect(listing.transfer!.expressionOfInterestUrl).to.equal(undefined);
    expect(data.publishers[0]!.url).to.equal(undefined);
    expect(data.problems.map((p) => p.path)).to.deep.equal([
      '$.publisher.url',
      '$.listings[0].organisation.url',
      '$.listings[0].contact.url',
      '$.listings[0].url',
      '$.listings[0].transfer.documents[0].url',
      '$.listings[0].transfer.expressionOfInterestUrl',
    ]);
    expect(data.problems.every((p) => p.code === 'unsafe-url' && p.severity === 'warning')).to.equal(true);
  });

  it('wrong types: bad listings are skipped, repairable ones kept', async () => {
    const data = await fixture('wrong-types.json');
    expect(data.listings.map((l) => l.id)).to.deep.equal(['good-1', 'ages', 'times', 'postcode']);
    expect(data.skipped).to.equal(3);
    expect(messages(data)).to.deep.equal([
      'Listing "bad-kind": its kind "event" is not asset, activity or transfer.',
      'Listing "no-name": it has no name.',
      'Listing "ages": ageMin 18 is more than ageMax 11; both ages dropped.',
      'Listing "ages": the cost amount should be a number of pounds from 0 to 100,000, not -3; the cost amount dropped.',
      'Listing "times": the start time is not a time HH:MM; session dropped.',
      'Listing "times": lastVerified is not a date that can be read; lastVerified dropped.',
      'Listing "postcode": postcode "not a postcode" is not a UK postcode; postcode dropped.',
      'Listing "postcode": latitude 152.3 is not between -90 and 90; coordinates dropped.',
      'Listing 7: it should be an object, but it is "a string, not a listing".',
    ]);
    const ages = data.listings[1]!;
    expect(ages.audience).to.equal(undefined);
    expect(data.listings[3]!.location).to.equal(undefined);
  });

  it('a 1 MB description is cut for display and the listing survives', () => {
    const big = 'x'.repeat(1024 * 1024);
    const data = normaliseFeed({ version: '1', publisher: { name: 'P' }, updated: '2026-11-01', listings: [{ id: 'big', kind: 'asset', name: 'Big', description: big }] });
    expect(data.listings).to.have.length(1);
    expect((data.listings[0]!.description as string).length).to.equal(10_001);
    expect(messages(data)).to.deep.equal([
      'Listing "big": the description is 1,048,576 characters long, more than the 10,000 the finder shows; cut to the first 10,000 characters.',
    ]);
  });

  it('money as words moves to priceNotes; transfer checks warn', () => {
    const data = normaliseFeed({
      version: '1', publisher: { name: 'P' }, updated: '2026-11-01',
      listings: [{ id: 't', kind: 'transfer', name: 'Hall', transfer: {
        assetType: 'hall', status: 'available', guidePrice: '£1', guideRent: 'peppercorn', tenure: { type: 'leasehold' },
        currentStage: 'haggling', dates: { noticePublished: '2026-10-01', eoiDeadline: '2026-09-01' },
      } }],
    });
    const transfer = data.listings[0]!.transfer!;
    expect(transfer.priceNotes).to.equal('£1; peppercorn');
    expect(transfer.guidePrice).to.equal(undefined);
    expect(transfer.currentStage).to.equal(undefined);
    expect(data.problems.map((p) => p.code)).to.deep.equal(['unknown-stage', 'lease-length-missing', 'money-as-text', 'money-as-text', 'deadline-before-notice']);
  });

  it('text stays text: markup in a name is kept as characters', () => {
    const data = normaliseFeed({ version: '1', publisher: { name: 'P' }, updated: '2026-11-01', listings: [{ id: 'x', kind: 'asset', name: '<img src=x onerror=alert(1)>' }] });
    expect(data.listings[0]!.name).to.equal('<img src=x onerror=alert(1)>');
  });
});

describe('helpers', () => {
  it('text() picks the language, then English, then the first given', () => {
    expect(text({ en: 'Hall', cy: 'Neuadd' }, 'cy')).to.equal('Neuadd');
    expect(text({ en: 'Hall', cy: 'Neuadd' }, 'fr')).to.equal('Hall');
    expect(text({ cy: 'Neuadd' }, 'en')).to.equal('Neuadd');
    expect(text('Hall', 'cy')).to.equal('Hall');
    expect(text(undefined, 'en')).to.equal('');
  });

  it('isSafeUrl() reads the scheme as a browser does', () => {
    for (const ok of ['https://example.org', 'HTTP://x', 'mailto:a@b.org', 'tel:01234', 'docs/pack.pdf', '/a:b']) expect(isSafeUrl(ok), ok).to.equal(true);
    for (const bad of ['javascript:alert(1)', ' javascript:x', 'java\tscript:x', '\u0001javascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '']) {
      expect(isSafeUrl(bad), bad).to.equal(false);
    }
  });

  it('normalisePostcode() spells postcodes one way', () => {
    expect(normalisePostcode('nb12aa')).to.equal('NB1 2AA');
    expect(normalisePostcode(' sw1a  1aa ')).to.equal('SW1A 1AA');
    expect(normalisePostcode('TBC')).to.equal(undefined);
  });

  it('mergeFeeds() keeps keys unique per publisher', () => {
    const a = normaliseFeed({ version: '1', publisher: { name: 'Council' }, updated: '2026-10-01', listings: [{ id: 'hall', kind: 'asset', name: 'A' }] });
    const b = normaliseFeed({ version: '1', publisher: { name: 'NHS Trust', id: 'nhs' }, updated: '2026-11-01', listings: [{ id: 'hall', kind: 'asset', name: 'B' }] });
    const merged = mergeFeeds([a, b]);
    expect(merged.listings.map((l) => l.key)).to.deep.equal(['hall', 'nhs:hall']);
    expect(merged.updated).to.equal('2026-11-01');
    const twice = mergeFeeds([a, a]);
    expect(twice.listings).to.have.length(1);
    expect(twice.skipped).to.equal(1);
  });

  it('vocabulary.categories names a feed’s categories; a bad entry is dropped with a warning; merging keeps the first name', () => {
    const feed = (name: string, categories: unknown) => normaliseFeed({
      version: '1', publisher: { name }, updated: '2026-11-01', vocabulary: { categories }, listings: [{ id: `${name}-1`, kind: 'asset', name: 'A', categories: ['park-garden'] }],
    });
    const a = feed('Council', [{ id: 'park-garden', label: { en: 'Parks and gardens', cy: 'Parciau a gerddi' } }, { id: 'no-label' }, 'peer-support']);
    expect(a.categories).to.deep.equal([{ id: 'park-garden', label: { en: 'Parks and gardens', cy: 'Parciau a gerddi' } }]);
    const at = (path: string) => a.problems.find((p) => p.path === path);
    expect(at('$.vocabulary.categories[1]')?.code).to.equal('bad-category');
    expect(at('$.vocabulary.categories[1]')?.severity).to.equal('warning');
    expect(at('$.vocabulary.categories[2]'), 'a category that is not an object').to.not.equal(undefined);
    expect(a.listings).to.have.length(1);
    const b = feed('Trust', [{ id: 'park-garden', label: 'Green spaces' }, { id: 'walking', label: 'Walking groups' }]);
    expect(mergeFeeds([a, b]).categories?.map((c) => `${c.id}: ${text(c.label, 'en')}`)).to.deep.equal(['park-garden: Parks and gardens', 'walking: Walking groups']);
    expect(feed('None', undefined).categories).to.equal(undefined);
    expect(feed('Wrong', 'parks').problems[0]?.path).to.equal('$.vocabulary.categories');
  });
});

describe('loadFeeds', () => {
  it('loads and merges fixtures over HTTP', async () => {
    const data = await loadFeeds([`${FIXTURES}valid.json`, `${FIXTURES}duplicate-ids.json`]);
    expect(data.listings.length).to.equal(7);
  });

  it('a 404 is a FeedLoadError with a plain message and a precise detail', async () => {
    const err = await loadFeeds([`${FIXTURES}missing.json`]).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(FeedLoadError);
    const e = err as FeedLoadError;
    expect(e.userMessage).to.equal("We couldn't load the directory just now. Please try again later.");
    expect(e.status).to.equal(404);
    expect(e.detail).to.match(/^\/test\/fixtures\/feeds\/missing\.json answered HTTP 404 .*expected 200 with a Community Atlas JSON feed\. There is no file at that address/);
  });

  it('one failing feed does not sink the others', async () => {
    const data = await loadFeeds([`${FIXTURES}missing.json`, `${FIXTURES}swapped-coordinates.json`]);
    expect(data.listings.map((l) => l.id)).to.deep.equal(['swapped']);
    expect(data.problems[0]).to.include({ severity: 'error', code: 'feed-http', source: `${FIXTURES}missing.json` });
  });

  it('not JSON, a timeout and a network (CORS) failure each become a FeedLoadError', async () => {
    const notJson = await loadFeeds([`${FIXTURES}not-json.json`]).catch((e: FeedLoadError) => e);
    expect((notJson as FeedLoadError).reason).to.equal('not-json');

    const never: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const timeout = await loadFeeds(['https://feeds.example/slow.json'], { fetch: never, timeoutMs: 20 }).catch((e: FeedLoadError) => e);
    expect((timeout as FeedLoadError).reason).to.equal('timeout');
    expect((timeout as FeedLoadError).detail).to.equal('No complete answer from https://feeds.example/slow.json within 20 ms; expected a Community Atlas JSON feed.');

    const cors: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const network = await loadFeeds(['https://feeds.example/feed.json'], { fetch: cors }).catch((e: FeedLoadError) => e);
    expect((network as FeedLoadError).reason).to.equal('network');
    expect((network as FeedLoadError).detail).to.contain('Access-Control-Allow-Origin');
  });

  it('relative links resolve against the feed, not the page that embeds it', async () => {
    const data = await loadFeeds([`${FIXTURES}relative-links.json`]);
    const listing = data.listings[0]!;
    expect(listing.url).to.equal(`${location.origin}${FIXTURES}pavilion.html`);
    expect(listing.transfer!.documents![0]!.url).to.equal(`${location.origin}${FIXTURES}docs/pack.pdf`);
  });

  it('a feed with no listings list fails that feed with one message', async () => {
    const err = await loadFeeds([`${FIXTURES}no-listings.json`]).catch((e: FeedLoadError) => e);
    expect((err as FeedLoadError).reason).to.equal('not-a-feed');
    expect((err as FeedLoadError).detail).to.equal(`${FIXTURES}no-listings.json: The feed: it has no "listings" list. Expected a Community Atlas JSON feed.`);
  });
});

describe('transfer and ACV fallbacks', () => {
  it('an unknown transfer status and ACV status are read from the stages and dates', () => {
    const data = normaliseFeed({
      version: '1', publisher: { name: 'P' }, updated: '2026-11-01',
      listings: [{ id: 't', kind: 'transfer', name: 'Hall',
        transfer: { assetType: 'castle', status: 'done', stages: [{ id: 'completed', date: '2026-01-01' }] },
        acv: { status: 'yes', listedOn: '2025-04-01' } }],
    });
    const listing = data.listings[0]!;
    expect(listing.transfer!.assetType).to.equal('other');
    expect(listing.transfer!.status).to.equal('transferred');
    expect(listing.acv!.status).to.equal('listed');
    expect(messages(data)).to.deep.equal([
      'Listing "t": assetType should be one of community-centre, hall, library, pavilion, school, land, open-space, other, not "castle"; shown as "other".',
      'Listing "t": status should be one of proposed, available, under-offer, transferred, withdrawn, not "done"; shown as "transferred".',
      'Listing "t": the acv status should be one of nominated, listed, unsuccessful, removed, not "yes"; shown as "listed" from its dates.',
    ]);
  });
});
