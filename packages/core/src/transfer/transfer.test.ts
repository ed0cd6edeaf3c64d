import { expect } from '@open-wc/testing';
import type { AtlasListing } from '../feed/normalised.js';
import type { TransferDetails } from '../feed/types.js';
import { acvDates, acvPhase, deadlineState, parseDeadline, transferStages } from './index.js';

function transferListing(transfer: Partial<TransferDetails>): AtlasListing {
  return {
    id: 't', key: 't', publisherId: 'p', kind: 'transfer', name: 'Old library',
    referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
    transfer: { assetType: 'library', status: 'available', ...transfer },
  };
}
const withDeadline = (eoiDeadline: string, status: TransferDetails['status'] = 'available'): AtlasListing =>
  transferListing({ status, dates: { eoiDeadline } });

describe('deadlineState', () => {
  it('reads a date as the end of that day in the UK, in GMT and in BST', () => {
    expect(parseDeadline('2026-12-01')?.toISOString()).to.equal('2026-12-01T23:59:59.999Z');
    expect(parseDeadline('2026-07-01')?.toISOString()).to.equal('2026-07-01T22:59:59.999Z');
    expect(parseDeadline('2026-07-01T17:00')?.toISOString()).to.equal('2026-07-01T16:00:00.000Z');
    expect(parseDeadline('2026-07-01T17:00:00Z')?.toISOString()).to.equal('2026-07-01T17:00:00.000Z');
  });
  it('is open more than 14 days out and closing soon within 14', () => {
    expect(deadlineState(withDeadline('2026-12-01'), new Date('2026-11-01T12:00:00Z'))).to.deep.include({ state: 'open', days: 30 });
    expect(deadlineState(withDeadline('2026-12-01'), new Date('2026-11-17T12:00:00Z'))).to.deep.include({ state: 'closing-soon', days: 14 });
    expect(deadlineState(withDeadline('2026-12-01'), new Date('2026-11-16T12:00:00Z'))).to.deep.include({ state: 'open', days: 15 });
  });
  it('is still open late on the deadline day, and closed after it', () => {
    expect(deadlineState(withDeadline('2026-12-01'), new Date('2026-12-01T23:30:00Z'))).to.deep.include({ state: 'closing-soon', days: 0 });
    expect(deadlineState(withDeadline('2026-12-01'), new Date('2026-12-02T00:00:00Z')).state).to.equal('closed');
    // In summer the UK day ends at 23:00 UTC.
    expect(deadlineState(withDeadline('2026-07-01'), new Date('2026-07-01T23:30:00Z')).state).to.equal('closed');
  });
  it('is closed, never open, once the asset is under offer, transferred or withdrawn', () => {
    for (const status of ['under-offer', 'transferred', 'withdrawn'] as const) {
      expect(deadlineState(withDeadline('2027-06-01', status), new Date('2026-11-01T12:00:00Z')).state).to.equal('closed');
    }
  });
  it('is none without a deadline or with one that cannot be read', () => {
    expect(deadlineState(transferListing({}), new Date()).state).to.equal('none');
    expect(deadlineState(withDeadline('next Friday'), new Date()).state).to.equal('none');
    expect(deadlineState(withDeadline('2026-02-30'), new Date()).state).to.equal('none');
  });
});

describe('acvDates', () => {
  it('counts the moratoriums from the day the council received the notice, that day included', () => {
    // Mid Sussex District Council received notice of disposal of the Half Moon,
    // Balcombe, on 27 May 2016 and published the interim moratorium as running
    // "until 7 July 2016": six weeks beginning with 27 May.
    expect(acvDates({ status: 'listed', disposalNotifiedOn: '2016-05-27' })).to.deep.equal({
      noticeReceived: '2016-05-27',
      interimMoratoriumEnds: '2016-07-07',
      fullMoratoriumEnds: '2016-11-26',
      protectedPeriodEnds: '2017-11-26',
    });
  });
  it('ends a period of months at the end of a shorter month (six months beginning with 31 August 2026 end on 28 February 2027)', () => {
    const d = acvDates({ status: 'listed', disposalNotifiedOn: '2026-08-31' });
    expect(d.fullMoratoriumEnds).to.equal('2027-02-28');
    expect(d.interimMoratoriumEnds).to.equal('2026-10-11');
    expect(d.protectedPeriodEnds).to.equal('2028-02-29');
  });
  it('gives six weeks and six months from a notice received on 1 March: interim to 11 April, full to 31 August, on those days inclusive', () => {
    const acv = { status: 'listed' as const, listedOn: '2025-06-01', disposalNotifiedOn: '2027-03-01' };
    expect(acvDates(acv)).to.deep.include({ interimMoratoriumEnds: '2027-04-11', fullMoratoriumEnds: '2027-08-31', protectedPeriodEnds: '2028-08-31' });
    expect(acvPhase(acv, new Date('2027-04-11T22:00:00Z'))).to.equal('interim-moratorium');
    expect(acvPhase(acv, new Date('2027-04-11T23:30:00Z')), 'midnight in BST, not UTC').to.equal('full-moratorium');
    expect(acvPhase(acv, new Date('2027-08-31T12:00:00Z'))).to.equal('full-moratorium');
    expect(acvPhase(acv, new Date('2027-09-01T12:00:00Z'))).to.equal('protected');
  });
  it('keeps a listing for five years beginning with the date of entry', () => {
    expect(acvDates({ status: 'listed', listedOn: '2026-03-01' }).listingEnds).to.equal('2031-02-28');
    expect(acvDates({ status: 'listed', listedOn: '2026-03-01', expiresOn: '2030-01-01' }).listingEnds).to.equal('2030-01-01');
  });
  it('gives nothing for unreadable dates', () => {
    expect(acvDates({ status: 'listed', listedOn: 'soon', disposalNotifiedOn: '2026-13-01' })).to.deep.equal({});
  });
  it('says which phase a listed asset is in', () => {
    const acv = { status: 'listed' as const, listedOn: '2025-01-10', disposalNotifiedOn: '2026-11-02' };
    expect(acvPhase(acv, new Date('2026-11-01T12:00:00Z'))).to.equal('listed');
    expect(acvPhase(acv, new Date('2026-12-13T12:00:00Z'))).to.equal('interim-moratorium');
    expect(acvPhase(acv, new Date('2026-12-14T12:00:00Z'))).to.equal('full-moratorium');
    expect(acvPhase(acv, new Date('2027-05-02T12:00:00Z'))).to.equal('protected');
    expect(acvPhase({ ...acv, status: 'removed' }, new Date('2026-12-01T12:00:00Z'))).to.equal('not-listed');
  });
});

describe('transferStages', () => {
  it('marks stages before the current one done and after it upcoming, with dates', () => {
    const l = transferListing({
      stages: [{ id: 'notice-published', date: '2026-09-01' }, { id: 'information-session', date: '2026-10-01' }, { id: 'eoi-open' }],
      dates: { decision: '2027-02-01' },
    });
    const stages = transferStages(l, {});
    expect(stages.map((s) => `${s.id}:${s.state}`)).to.deep.equal([
      'notice-published:done', 'information-session:done', 'eoi-open:current', 'business-case:upcoming',
      'decision:upcoming', 'call-in:upcoming', 'completed:upcoming',
    ]);
    expect(stages[0]?.date).to.equal('2026-09-01');
    expect(stages.find((s) => s.id === 'decision')?.date).to.equal('2027-02-01');
  });
  it('uses the feed’s stage list named by the listing, and currentStage over the last stage reached', () => {
    const feed = { short: [{ id: 'advertised', label: 'Advertised' }, { id: 'assessed', label: 'Assessed' }, { id: 'agreed', label: 'Agreed' }] };
    const l = transferListing({ stageList: 'short', stages: [{ id: 'advertised' }], currentStage: 'assessed' });
    expect(transferStages(l, feed).map((s) => s.state)).to.deep.equal(['done', 'current', 'upcoming']);
  });
  it('shows an unknown current stage after the furthest known stage, labelled from its id', () => {
    const l = transferListing({ stages: [{ id: 'notice-published' }, { id: 'eoi-open' }], currentStage: 'community-consultation' });
    const stages = transferStages(l, {});
    expect(stages.slice(0, 5).map((s) => `${s.id}:${s.state}`)).to.deep.equal([
      'notice-published:done', 'information-session:done', 'eoi-open:done', 'community-consultation:current', 'business-case:upcoming',
    ]);
    expect(stages[3]?.label).to.equal('Community consultation');
  });
  it('shows every stage upcoming when nothing has happened, and done when transferred', () => {
    expect(transferStages(transferListing({}), undefined).every((s) => s.state === 'upcoming')).to.equal(true);
    expect(transferStages(transferListing({ status: 'transferred' }), undefined).every((s) => s.state === 'done')).to.equal(true);
  });
});
