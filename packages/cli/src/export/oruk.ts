/**
 * Community Atlas feed → Open Referral UK 3.0 JSON: one page in the shape of the
 * ORUK `/services` API (`{ total_items, total_pages, page_number, size, contents }`)
 * whose services carry their organisation, locations, schedules, cost options,
 * contacts and taxonomy terms nested, as the 3.0 `/services/{id}` endpoint does.
 * Pure: no I/O.
 *
 * Categories, needs, keywords, referral routes, accessibility features and the
 * listing kind go out as taxonomy terms in `community-atlas:*` taxonomies, so
 * that `atlas import oruk` reads them back exactly; other ORUK consumers see them
 * as an ordinary taxonomy.
 */
import type { Feed, Listing, Session, Text } from '@community-atlas/core';
import { ATLAS_TAXONOMY } from '../import/oruk.js';
import { Tally, type TallyLine } from './tally.js';
import type { Json } from './mapping-helpers.js';

export interface OrukExportResult {
  page: {
    total_items: number;
    total_pages: number;
    page_number: number;
    size: number;
    first_page: boolean;
    last_page: boolean;
    empty: boolean;
    contents: Json[];
  };
  /** Listings left out (ORUK has no place for community asset transfers). */
  skipped: TallyLine[];
  /** Fields that ORUK cannot hold, with how many listings had them. */
  notes: TallyLine[];
}

export function exportOruk(feed: Feed): OrukExportResult {
  const skipped = new Tally();
  const notes = new Tally();
  const contents: Json[] = [];
  for (const listing of feed.listings) {
    if (listing.kind === 'transfer') {
      skipped.add('Community asset transfer listing: Open Referral UK has no place for it', listing.id);
      continue;
    }
    contents.push(service(listing, notes));
  }
  return {
    page: {
      total_items: contents.length,
      total_pages: 1,
      page_number: 1,
      size: contents.length,
      first_page: true,
      last_page: true,
      empty: contents.length === 0,
      contents,
    },
    skipped: skipped.lines,
    notes: notes.lines,
  };
}

/** One language of a text, English first; notes when other languages are dropped. */
function english(value: Text | undefined, notes: Tally, id: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  const keys = Object.keys(value);
  if (keys.length > 1) notes.add('Text in more than one language: only English is exported (ORUK text has one language)', id);
  return value.en ?? (keys[0] !== undefined ? value[keys[0]] : undefined);
}

function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organisation';
}

function service(listing: Listing, notes: Tally): Json {
  const id = listing.id;
  const out: Json = {
    id,
    name: english(listing.name, notes, id) ?? id,
    status: 'active',
  };
  const description = english(listing.description ?? listing.summary, notes, id);
  if (description) out.description = description;
  if (listing.summary && listing.description) notes.add('Summary not exported (ORUK has one description)', id);
  if (listing.url) out.url = listing.url;
  if (listing.contact?.email) out.email = listing.contact.email;
  if (listing.audience?.ageMin !== undefined) out.minimum_age = listing.audience.ageMin;
  if (listing.audience?.ageMax !== undefined) out.maximum_age = listing.audience.ageMax;
  const eligibility = english(listing.audience?.description, notes, id);
  if (eligibility) out.eligibility_description = eligibility;
  if (listing.lastVerified) out.assured_date = listing.lastVerified;
  const howToJoin = english(listing.howToJoin, notes, id);
  if (howToJoin) out.application_process = howToJoin;

  if (listing.organisation) {
    const name = english(listing.organisation.name, notes, id) ?? '';
    const organization: Json = { id: slug(name), name, description: '' };
    if (listing.organisation.url) organization.website = listing.organisation.url;
    if (listing.organisation.charityNumber) {
      organization.organization_identifiers = [{
        id: `${slug(name)}-charity`,
        identifier_scheme: 'GB-CHC',
        identifier_type: 'Charity number',
        identifier: listing.organisation.charityNumber,
      }];
    }
    out.organization = organization;
  }

  const placeAt: Json[] = [];
  if (listing.location) {
    const loc = listing.location;
    if (loc.precision === 'approximate') notes.add('Approximate location exported as a point: ORUK has no way to mark it as approximate', id);
    const location: Json = { id: `${id}-location`, location_type: 'physical' };
    const name = english(loc.name, notes, id);
    if (name) location.name = name;
    if (loc.lat !== undefined && loc.lng !== undefined) {
      location.latitude = loc.lat;
      location.longitude = loc.lng;
    }
    if (loc.uprn) {
      location.external_identifier = loc.uprn;
      location.external_identifier_type = 'UPRN';
    }
    if (loc.address?.length || loc.postcode) {
      const lines = loc.address ?? [];
      // First line, the middle lines, then the town: the ORUK address fields.
      const address: Json = { id: `${id}-address`, address_type: 'physical', country: 'GB' };
      if (lines.length === 1) address.address_1 = lines[0];
      if (lines.length >= 2) {
        address.address_1 = lines[0];
        if (lines.length > 2) address.address_2 = lines.slice(1, -1).join(', ');
        address.city = lines[lines.length - 1];
      }
      if (loc.postcode) address.postal_code = loc.postcode;
      location.addresses = [address];
    }
    const accessNotes = english(listing.accessibilityNotes, notes, id);
    if (accessNotes) location.accessibility = [{ id: `${id}-access`, description: accessNotes }];
    placeAt.push({ id: `${id}-at-location`, location });
  }
  if (listing.delivery?.includes('online')) {
    const virtual: Json = { id: `${id}-online`, location_type: 'virtual', name: 'Online' };
    if (listing.contact?.url) virtual.url = listing.contact.url;
    placeAt.push({ id: `${id}-online-at-location`, location: virtual });
  }
  if (placeAt.length) out.service_at_locations = placeAt;

  const schedules = (listing.schedule ?? []).flatMap((session, index) => schedule(session, `${id}-schedule-${index + 1}`, notes, id));
  if (schedules.length) out.schedules = schedules;
  if (listing.openingHours) notes.add('Opening hours not exported (use schedules for ORUK)', id);

  const cost = listing.cost;
  if (cost) {
    const options: Json[] = [];
    if (cost.free) options.push({ id: `${id}-cost-free`, option: 'Free', amount: 0, currency: 'GBP' });
    if (cost.amount !== undefined) {
      const option: Json = { id: `${id}-cost`, amount: cost.amount, currency: 'GBP' };
      if (cost.per) option.amount_description = `per ${cost.per}`;
      options.push(option);
    }
    if (options.length) out.cost_options = options;
    const words = [english(cost.description, notes, id), english(cost.help, notes, id)].filter(Boolean);
    if (words.length) out.fees = words.join('\n');
  }

  const contact = listing.contact;
  if (contact?.phone || contact?.name) {
    const row: Json = { id: `${id}-contact` };
    if (contact.name) row.name = contact.name;
    if (contact.email) row.email = contact.email;
    if (contact.phone) row.phones = [{ id: `${id}-phone`, number: contact.phone }];
    out.contacts = [row];
  }
  if (contact?.phone) out.phones = [{ id: `${id}-service-phone`, number: contact.phone }];
  if (contact?.textphone) notes.add('Textphone number not exported', id);

  if (listing.areas?.length) out.service_areas = listing.areas.map((name, i) => ({ id: `${id}-area-${i + 1}`, name }));
  if (listing.languages?.length) out.languages = listing.languages.map((code, i) => ({ id: `${id}-language-${i + 1}`, code }));

  const attributes: Json[] = [];
  const term = (taxonomy: string, value: string): void => {
    attributes.push({
      id: `${id}-${slug(taxonomy)}-${attributes.length + 1}`,
      taxonomy_term: { id: `${slug(taxonomy)}-${slug(value)}`, taxonomy, code: value, name: value, term: value },
    });
  };
  term(ATLAS_TAXONOMY.kind, listing.kind);
  for (const value of listing.categories ?? []) term(ATLAS_TAXONOMY.category, value);
  for (const value of listing.needs ?? []) term(ATLAS_TAXONOMY.need, value);
  for (const value of listing.keywords ?? []) term(ATLAS_TAXONOMY.keyword, value);
  for (const value of [listing.referral ?? []].flat()) term(ATLAS_TAXONOMY.referral, value);
  for (const value of listing.accessibility ?? []) term(ATLAS_TAXONOMY.accessibility, value);
  out.attributes = attributes;

  for (const field of ['companionWelcome', 'transfer', 'acv'] as const) {
    if (listing[field] !== undefined) notes.add(`"${field}" not exported (ORUK has no such field)`, id);
  }
  return out;
}

const RRULE_PART = /^(FREQ|INTERVAL|BYDAY|BYMONTHDAY)$/;

function schedule(session: Session, scheduleId: string, notes: Tally, id: string): Json[] {
  const row: Json = { id: scheduleId, opens_at: session.start };
  if (session.end) row.closes_at = session.end;
  if (session.rrule) {
    for (const piece of session.rrule.replace(/^RRULE:/i, '').split(';')) {
      const [name = '', value = ''] = piece.split('=');
      const key = name.trim().toUpperCase();
      if (!RRULE_PART.test(key)) {
        if (key) notes.add(`Recurrence part ${key} not exported (ORUK schedules have freq, interval, byday and bymonthday)`, id);
        continue;
      }
      if (key === 'FREQ') row.freq = value.toUpperCase();
      if (key === 'INTERVAL') row.interval = Number(value);
      if (key === 'BYDAY') row.byday = value.toUpperCase();
      if (key === 'BYMONTHDAY') row.bymonthday = value;
    }
    if (row.freq === 'DAILY' || row.freq === 'YEARLY') notes.add(`${String(row.freq)} schedule exported as is (the ORUK profile lists WEEKLY and MONTHLY)`, id);
    if (session.date) row.dtstart = session.date;
    if (session.until) row.valid_to = session.until;
  } else if (session.date) {
    row.dtstart = session.date;
    row.valid_from = session.date;
    row.valid_to = session.date;
  }
  const words = [english(session.notes, notes, id), english(session.place, notes, id)].filter(Boolean);
  if (session.place) notes.add('Session place exported in the schedule notes', id);
  if (words.length) row.notes = words.join('\n');
  if (session.except?.length) notes.add('Session exception dates not exported', id);
  return [row];
}
