/**
 * Community Atlas feed → Open Referral UK 3.0 JSON: one page in the shape of the
 * ORUK `/services` API (`{ total_items, total_pages, page_number, size, contents }`)
 * whose services are full records, as the 3.0 `/services/{id}` endpoint returns
 * them (organisation, locations, schedules, cost options, contacts and taxonomy
 * terms nested). Pure: no I/O.
 *
 * Every record validates against the official compiled `service.json` of the UK
 * profile, and carries only fields the profile defines, with one exception:
 * phone numbers. The profile keeps the phone table (a phone belongs to a contact
 * through `contact_id`) but its compiled service nests phones nowhere, so a
 * record that followed it to the letter could not give a number to ring. We nest
 * them under their contact, `contacts[].phones`, as HSDS 3.0 does; each is a
 * valid profile `phone` record.
 *
 * Ids are UUIDs (the profile requires them) made from the publisher's id and the
 * listing's id (version 5), so they stay the same from one export to the next.
 * A listing whose id is already a UUID (read from ORUK) keeps it. The listing's
 * own id goes out as a `community-atlas:id` term, so `atlas import oruk` gives
 * our ids back.
 *
 * Categories, needs, keywords, referral routes, accessibility features, languages,
 * the listing kind and a few flags go out as taxonomy terms in `community-atlas:*`
 * taxonomies, so that `atlas import oruk` reads them back exactly; other ORUK
 * consumers see them as an ordinary taxonomy with a name and a description.
 */
import { DEFAULT_NEEDS, slugify, type Feed, type Listing, type Session, type Text, type Weekday, WEEKDAYS } from '@community-atlas/core';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { ATLAS_TAXONOMY, ORUK_TEXT_HEADINGS, Tally, type Json, type TallyLine } from '@community-atlas/core/oruk';
import { isUuid, uuidv5 } from './uuid.js';

interface OrukExportResult {
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
  /** Fields ORUK requires that the feed does not have, written empty, with how many services. */
  empty: TallyLine[];
}

/**
 * The fields of a service that a `/services` list page carries (the profile's
 * `service_list.json`: the one-to-one fields and the organisation). The full
 * record is at `/services/{id}`.
 */
const ORUK_LIST_FIELDS = [
  'id', 'organization_id', 'name', 'description', 'url', 'email', 'status', 'fees', 'accreditations',
  'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'alert', 'last_modified', 'organization',
] as const;

/** The organisation's one-to-one fields, as a list page carries it. */
const ORUK_LIST_ORGANIZATION_FIELDS = ['id', 'name', 'description', 'email', 'website', 'logo', 'uri', 'parent_organization_id'] as const;

/** A full service as a list page carries it: its one-to-one fields only. */
export function orukListItem(service: Json): Json {
  const item: Json = {};
  for (const field of ORUK_LIST_FIELDS) if (service[field] !== undefined) item[field] = service[field];
  const organization = service.organization;
  if (organization && typeof organization === 'object') {
    const org: Json = {};
    for (const field of ORUK_LIST_ORGANIZATION_FIELDS) if ((organization as Json)[field] !== undefined) org[field] = (organization as Json)[field];
    item.organization = org;
  }
  return item;
}

/** One page of the `/services` API around `contents`. */
export function orukPage(contents: Json[], pageNumber = 1, totalPages = 1, totalItems = contents.length): OrukExportResult['page'] {
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: totalItems === 0,
    contents,
  };
}

export function exportOruk(feed: Feed): OrukExportResult {
  const skipped = new Tally();
  const notes = new Tally();
  const empty = new Tally();
  const contents: Json[] = [];
  const publisherId = feed.publisher?.id || slugify(feed.publisher?.name ?? '') || 'feed';
  const labels = termLabels(feed);
  for (const listing of feed.listings) {
    if (listing.kind === 'transfer') {
      skipped.add('Community asset transfer listing: Open Referral UK has no place for it', listing.id);
      continue;
    }
    contents.push(new ServiceWriter(listing, publisherId, notes, empty, labels).service());
  }
  return { page: orukPage(contents), skipped: skipped.lines, notes: notes.lines, empty: empty.lines };
}

/** Names for our taxonomy terms' descriptions: the feed's own category names, then the default needs'. */
function termLabels(feed: Feed): Map<string, string> {
  const labels = new Map<string, string>();
  for (const need of DEFAULT_NEEDS) labels.set(`${ATLAS_TAXONOMY.need}/${need.id}`, plainText(need.label));
  for (const need of feed.vocabulary?.needs ?? []) labels.set(`${ATLAS_TAXONOMY.need}/${need.id}`, plainText(need.label));
  for (const category of feed.vocabulary?.categories ?? []) labels.set(`${ATLAS_TAXONOMY.category}/${category.id}`, plainText(category.label));
  return labels;
}

function plainText(value: Text): string {
  return typeof value === 'string' ? value : (value.en ?? Object.values(value)[0] ?? '');
}

function humanise(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const FIXED_DESCRIPTIONS: Record<string, string> = {
  [`${ATLAS_TAXONOMY.kind}/asset`]: 'A place, space, group or service that people can use',
  [`${ATLAS_TAXONOMY.kind}/activity`]: 'Something people can go to, held in sessions',
  [`${ATLAS_TAXONOMY.referral}/self`]: 'People can get in touch and join by themselves',
  [`${ATLAS_TAXONOMY.referral}/drop-in`]: 'People can just turn up',
  [`${ATLAS_TAXONOMY.referral}/professional`]: 'People need a referral from a professional, such as a GP or link worker',
  [`${ATLAS_TAXONOMY.flag}/personal-budget`]: 'Can be paid for from a personal or direct-payment budget',
  [`${ATLAS_TAXONOMY.flag}/companion-welcome`]: 'A friend, carer or link worker can come along',
  [`${ATLAS_TAXONOMY.flag}/companion-not-welcome`]: 'A friend, carer or link worker cannot come along',
};

const RRULE_PART = /^(FREQ|INTERVAL|BYDAY|BYMONTHDAY|UNTIL|WKST)$/;
const DAY_CODES: Record<Weekday, string> = { mo: 'MO', tu: 'TU', we: 'WE', th: 'TH', fr: 'FR', sa: 'SA', su: 'SU' };

const isEmail = (value: string): boolean => (fullFormats.email as RegExp).test(value);
const isUri = (value: string): boolean => (fullFormats.uri as (s: string) => boolean)(value);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Writes one listing as one ORUK service, noting on the way whatever ORUK cannot hold. */
class ServiceWriter {
  readonly #listing: Listing;
  readonly #notes: Tally;
  readonly #empty: Tally;
  readonly #labels: Map<string, string>;
  readonly #id: string;
  readonly #serviceId: string;

  constructor(listing: Listing, publisherId: string, notes: Tally, empty: Tally, labels: Map<string, string>) {
    this.#listing = listing;
    this.#notes = notes;
    this.#empty = empty;
    this.#labels = labels;
    this.#id = listing.id;
    this.#serviceId = isUuid(listing.id) ? listing.id.toLowerCase() : uuidv5(`${publisherId}/${listing.id}`);
  }

  /** A stable UUID for a part of this service ("location", "schedule/2"). */
  #uuid(part: string): string {
    return uuidv5(`${this.#serviceId}/${part}`);
  }

  #note(reason: string): void {
    this.#notes.add(reason, this.#id);
  }

  /** One language of a text, English first; notes when other languages are dropped. */
  #english(value: Text | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    const keys = Object.keys(value);
    if (keys.length > 1) this.#note('Text in more than one language: only English is exported (ORUK text has one language)');
    return value.en ?? (keys[0] !== undefined ? value[keys[0]] : undefined);
  }

  /** A web address as the profile's `uri` format accepts it, or undefined with a note. */
  #uri(value: string | undefined, what: string): string | undefined {
    if (!value) return undefined;
    if (isUri(value)) return value;
    // Spaces and other characters a URI may not hold, escaped as a browser would.
    let href = value;
    try {
      href = new URL(value).href;
    } catch {
      // checked below
    }
    if (isUri(href)) return href;
    this.#note(`${what} that is not a valid web address, left out`);
    return undefined;
  }

  #email(value: string | undefined): string | undefined {
    if (!value) return undefined;
    if (isEmail(value)) return value;
    this.#note('Email address that ORUK would not accept, left out');
    return undefined;
  }

  service(): Json {
    const listing = this.#listing;
    const out: Json = {
      id: this.#serviceId,
      name: this.#english(listing.name) ?? listing.id,
      status: 'active',
    };
    const description = this.#description();
    if (description) out.description = description;
    const url = this.#uri(listing.url, 'Listing web page');
    if (url) out.url = url;
    const email = this.#email(listing.contact?.email);
    if (email) out.email = email;
    if (listing.audience?.ageMin !== undefined) out.minimum_age = listing.audience.ageMin;
    if (listing.audience?.ageMax !== undefined) out.maximum_age = listing.audience.ageMax;
    if (listing.audience?.gender && listing.audience.gender !== 'any') this.#note('Audience gender not exported (ORUK has no such field)');
    if (listing.lastVerified && ISO_DATE.test(listing.lastVerified.slice(0, 10))) out.assured_date = listing.lastVerified.slice(0, 10);

    const organization = this.#organization();
    if (organization) {
      out.organization_id = organization.id;
      out.organization = organization;
    }
    const places = this.#places();
    if (places.length) out.service_at_locations = places;
    const schedules = this.#schedules();
    if (schedules.length) out.schedules = schedules;
    const costs = this.#costOptions();
    if (costs.length) out.cost_options = costs;
    const contacts = this.#contacts();
    if (contacts.length) out.contacts = contacts;
    if (listing.areas?.length) {
      out.service_areas = listing.areas.map((name, i) => ({ id: this.#uuid(`area/${i + 1}`), service_id: this.#serviceId, name }));
    }
    out.attributes = this.#attributes();
    for (const field of ['transfer', 'acv'] as const) {
      if (listing[field] !== undefined) this.#note(`"${field}" not exported (ORUK has no such field)`);
    }
    return out;
  }

  /**
   * The service description, with "Who it is for:" and "How to join:" paragraphs:
   * the profile dropped HSDS's `eligibility_description` and
   * `application_process`, and the description is what every ORUK reader shows.
   * `atlas import oruk` reads the two paragraphs back into their fields.
   */
  #description(): string | undefined {
    const listing = this.#listing;
    const main = this.#english(listing.description ?? listing.summary);
    if (listing.summary && listing.description) this.#note('Summary not exported (ORUK has one description)');
    const audience = this.#english(listing.audience?.description);
    const join = this.#english(listing.howToJoin);
    const paragraphs = [
      main,
      audience ? `${ORUK_TEXT_HEADINGS.audience} ${audience}` : undefined,
      join ? `${ORUK_TEXT_HEADINGS.howToJoin} ${join}` : undefined,
    ].filter(Boolean);
    return paragraphs.length ? paragraphs.join('\n\n') : undefined;
  }

  #organization(): Json | undefined {
    const org = this.#listing.organisation;
    if (!org) return undefined;
    const name = this.#english(org.name) ?? '';
    // The organisation's id depends on its name only, so its services share it.
    const id = uuidv5(`organisation/${name.trim().toLowerCase()}`);
    // The profile requires a description; the feed has none to give, and an empty one says so.
    const organization: Json = { id, name, description: '' };
    this.#empty.add('organization "description" (a feed has no such field)', this.#id);
    const website = this.#uri(org.url, 'Organisation web page');
    if (website) organization.website = website;
    if (org.charityNumber) {
      organization.organization_identifiers = [{
        id: uuidv5(`${id}/charity/${org.charityNumber}`),
        organization_id: id,
        identifier_scheme: 'GB-CHC',
        identifier_type: 'Charity number',
        identifier: org.charityNumber,
      }];
    }
    return organization;
  }

  #places(): Json[] {
    const listing = this.#listing;
    const places: Json[] = [];
    const loc = listing.location;
    if (loc?.precision === 'approximate') {
      // A refuge or a home-visiting service: ORUK would show a pin or a street.
      this.#note('Approximate location (shown only as an area) not exported: ORUK has no way to keep it from showing as a pin');
    } else if (loc) {
      const locationId = this.#uuid('location');
      const location: Json = { id: locationId, location_type: 'physical' };
      const name = this.#english(loc.name);
      if (name) location.name = name;
      const directions = this.#english(loc.directions);
      if (directions) location.description = directions;
      if (loc.lat !== undefined && loc.lng !== undefined) {
        location.latitude = loc.lat;
        location.longitude = loc.lng;
      }
      if (loc.uprn) {
        location.external_identifier = loc.uprn;
        location.external_identifier_type = 'UPRN';
      }
      if (loc.address?.length || loc.postcode) location.addresses = [this.#address(locationId)];
      const accessNotes = this.#english(listing.accessibilityNotes);
      if (accessNotes) location.accessibility = [{ id: this.#uuid('location/accessibility'), location_id: locationId, description: accessNotes }];
      if (loc.outline) this.#note('Site outline not exported (ORUK locations are points)');
      places.push({ id: this.#uuid('at-location'), service_id: this.#serviceId, location_id: locationId, location });
    }
    if (listing.delivery?.includes('online')) {
      const locationId = this.#uuid('online');
      const virtual: Json = { id: locationId, location_type: 'virtual', name: 'Online' };
      // The profile's location has no url: the address to join at goes in its description.
      const url = this.#uri(listing.contact?.url, 'Online address');
      if (url) virtual.description = url;
      places.push({ id: this.#uuid('online-at-location'), service_id: this.#serviceId, location_id: locationId, location: virtual });
    } else if (listing.contact?.url) {
      this.#note('Contact web address of a listing not delivered online, not exported (ORUK keeps one web page per service)');
    }
    return places;
  }

  /**
   * The feed's address lines → ORUK's fields: every line but the last is
   * `address_1` (one line each, so they come back as they went), the last is the
   * town. The profile requires a county (`state_province`) that the feed does not
   * have: it is written empty, and counted apart from what was lost.
   */
  #address(locationId: string): Json {
    const loc = this.#listing.location ?? {};
    const lines = loc.address ?? [];
    const address: Json = { id: this.#uuid('location/address'), location_id: locationId };
    if (lines.length >= 2) {
      address.address_1 = lines.slice(0, -1).join('\n');
      address.city = lines[lines.length - 1];
    } else {
      address.address_1 = lines[0] ?? this.#english(loc.name) ?? '';
      address.city = '';
      this.#empty.add('address "city" (the address has no separate town line)', this.#id);
    }
    address.state_province = '';
    this.#empty.add('address "state_province" (the county: a feed has no such field)', this.#id);
    address.postal_code = loc.postcode ?? '';
    if (!loc.postcode) this.#empty.add('address "postal_code" (the listing has no postcode)', this.#id);
    address.country = 'GB';
    address.address_type = 'physical';
    return address;
  }

  #schedules(): Json[] {
    const listing = this.#listing;
    const rows: Json[] = [];
    for (const session of listing.schedule ?? []) {
      const row = this.#session(session, rows.length + 1);
      if (row) rows.push(row);
    }
    if (listing.openingHours) rows.push(...this.#openingHours(rows.length));
    return rows;
  }

  #session(session: Session, n: number): Json | undefined {
    const row: Json = { id: this.#uuid(`schedule/${n}`), service_id: this.#serviceId, opens_at: session.start };
    if (session.end) row.closes_at = session.end;
    if (session.rrule) {
      let until = session.until;
      for (const piece of session.rrule.replace(/^RRULE:/i, '').split(';')) {
        const [name = '', value = ''] = piece.split('=');
        const key = name.trim().toUpperCase();
        if (!key) continue;
        if (!RRULE_PART.test(key)) {
          this.#note(`Recurrence part ${key} not exported (ORUK schedules have freq, interval, byday and bymonthday)`);
          continue;
        }
        if (key === 'FREQ') row.freq = value.toUpperCase();
        if (key === 'INTERVAL') row.interval = Number(value);
        if (key === 'BYDAY') row.byday = value.toUpperCase();
        if (key === 'BYMONTHDAY') row.bymonthday = value;
        if (key === 'UNTIL' && !until && /^\d{8}/.test(value)) until = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
      }
      // The profile has WEEKLY and MONTHLY only. Every day is every week on every day.
      if (row.freq === 'DAILY' && (row.interval === undefined || row.interval === 1) && row.byday === undefined) {
        row.freq = 'WEEKLY';
        row.byday = 'MO,TU,WE,TH,FR,SA,SU';
      }
      if (row.freq !== 'WEEKLY' && row.freq !== 'MONTHLY') {
        this.#note(`Schedule repeating ${String(row.freq ?? 'with no frequency').toLowerCase()} not exported (the ORUK profile has weekly and monthly schedules only)`);
        return undefined;
      }
      if (session.date) row.dtstart = session.date;
      if (until) row.valid_to = until;
    } else if (session.date) {
      row.dtstart = session.date;
      row.valid_from = session.date;
      row.valid_to = session.date;
    }
    const words = [this.#english(session.notes), this.#english(session.place)].filter(Boolean);
    if (session.place) this.#note('Session place exported in the schedule notes');
    if (session.lat !== undefined) this.#note('Session map position not exported (ORUK schedules have no place)');
    if (words.length) row.notes = words.join('\n');
    if (session.except?.length) this.#note('Session exception dates not exported (ORUK schedules have no exception dates)');
    return row;
  }

  /**
   * Weekly opening hours → weekly schedules, one per run of hours, days with the
   * same hours together, described "Opening hours" so that `atlas import oruk`
   * makes opening hours of them again.
   */
  #openingHours(before: number): Json[] {
    const hours = this.#listing.openingHours ?? {};
    const days = new Map<string, string[]>();
    for (const day of WEEKDAYS) {
      for (const range of (hours[day] ?? '').split(',')) {
        if (!/^\d{2}:\d{2}-\d{2}:\d{2}$/.test(range.trim())) continue;
        const list = days.get(range.trim()) ?? [];
        list.push(DAY_CODES[day]);
        days.set(range.trim(), list);
      }
    }
    const notes = this.#english(hours.notes);
    const rows: Json[] = [];
    for (const [range, byday] of days) {
      const [opens, closes] = range.split('-');
      const row: Json = {
        id: this.#uuid(`schedule/${before + rows.length + 1}`),
        service_id: this.#serviceId,
        freq: 'WEEKLY',
        byday: byday.join(','),
        opens_at: opens,
        closes_at: closes,
        description: ORUK_TEXT_HEADINGS.openingHours,
      };
      if (notes && !rows.length) row.notes = notes;
      rows.push(row);
    }
    if (notes && !rows.length) this.#note('Opening hours notes not exported (no hours to attach them to)');
    return rows;
  }

  /**
   * Cost → cost options: "Free" at 0, the price with what it is per and the
   * cost in words, and help with the cost as an option of its own. The profile's
   * cost options have no currency: amounts are pounds.
   */
  #costOptions(): Json[] {
    const cost = this.#listing.cost;
    if (!cost) return [];
    const rows: Json[] = [];
    const words = this.#english(cost.description);
    if (cost.free) rows.push({ id: this.#uuid('cost/free'), service_id: this.#serviceId, option: 'Free', amount: 0 });
    if (cost.amount !== undefined) {
      const row: Json = { id: this.#uuid('cost/price'), service_id: this.#serviceId, amount: cost.amount };
      if (words) row.option = words;
      if (cost.per) row.amount_description = `per ${cost.per}`;
      rows.push(row);
    } else if (words) {
      rows.push({ id: this.#uuid('cost/words'), service_id: this.#serviceId, option: words });
    }
    const help = this.#english(cost.help);
    if (help) rows.push({ id: this.#uuid('cost/help'), service_id: this.#serviceId, option: help, amount_description: ORUK_TEXT_HEADINGS.costHelp });
    return rows;
  }

  #contacts(): Json[] {
    const contact = this.#listing.contact;
    if (!contact?.phone && !contact?.name && !contact?.textphone) return [];
    const id = this.#uuid('contact');
    const row: Json = { id, service_id: this.#serviceId };
    if (contact.name) row.name = contact.name;
    const phones: Json[] = [];
    if (contact.phone) phones.push({ id: this.#uuid('contact/phone'), contact_id: id, number: contact.phone });
    if (contact.textphone) phones.push({ id: this.#uuid('contact/textphone'), contact_id: id, number: contact.textphone, description: ORUK_TEXT_HEADINGS.textphone });
    if (phones.length) row.phones = phones;
    return [row];
  }

  #attributes(): Json[] {
    const listing = this.#listing;
    const attributes: Json[] = [];
    const term = (taxonomy: string, value: string, description?: string): void => {
      const key = `${taxonomy}/${value}`;
      const termId = uuidv5(`taxonomy-term/${key}`);
      attributes.push({
        id: this.#uuid(`attribute/${key}`),
        link_id: this.#serviceId,
        link_type: 'service',
        taxonomy_term_id: termId,
        taxonomy_term: {
          id: termId,
          name: value,
          description: description ?? FIXED_DESCRIPTIONS[key] ?? this.#labels.get(key) ?? humanise(value),
          taxonomy: taxonomy,
          term: value,
        },
      });
    };
    term(ATLAS_TAXONOMY.id, listing.id, 'The listing’s id in the Community Atlas feed it came from');
    term(ATLAS_TAXONOMY.kind, listing.kind);
    for (const value of listing.categories ?? []) term(ATLAS_TAXONOMY.category, value);
    for (const value of listing.needs ?? []) term(ATLAS_TAXONOMY.need, value);
    for (const value of listing.keywords ?? []) term(ATLAS_TAXONOMY.keyword, value, value);
    for (const value of [listing.referral ?? []].flat()) term(ATLAS_TAXONOMY.referral, value);
    for (const value of listing.accessibility ?? []) term(ATLAS_TAXONOMY.accessibility, value);
    for (const code of listing.languages ?? []) term(ATLAS_TAXONOMY.language, code, languageName(code));
    for (const mode of listing.delivery ?? []) term(ATLAS_TAXONOMY.delivery, mode, DELIVERY[mode]);
    if (listing.cost?.personalBudget) term(ATLAS_TAXONOMY.flag, 'personal-budget');
    if (listing.companionWelcome !== undefined) term(ATLAS_TAXONOMY.flag, listing.companionWelcome ? 'companion-welcome' : 'companion-not-welcome');
    return attributes;
  }
}

const DELIVERY: Record<string, string> = {
  'in-person': 'In person',
  online: 'Online',
  phone: 'By phone',
};

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
