/**
 * Open Referral UK → Community Atlas feed. Pure: takes parsed JSON documents,
 * returns a feed and a report of everything that did not map. No I/O here; the
 * `atlas import oruk` command fetches and writes.
 *
 * Reads both shapes in use:
 * - ORUK 3.0 (the UK profile of HSDS 3.0): services with a nested `organization`,
 *   `service_at_locations[].location` with `addresses`, `schedules`,
 *   `cost_options`, `contacts[].phones`, `attributes[].taxonomy_term`,
 *   `service_areas`; usually a paged API response `{ total_items, total_pages,
 *   page_number, size, contents: [...] }`.
 * - ORUK 1.0: flat tables (`services`, `organizations`, `locations`,
 *   `physical_addresses`, `service_at_locations`, `regular_schedules`,
 *   `cost_options`, `eligibilitys`, `contacts`, `phones`, `service_taxonomys`,
 *   `taxonomies`, `service_areas`) joined by id, or the same fields nested in a
 *   service as the 1.0 API returned them.
 */
import { WEEKDAYS, type Cost, type DeliveryMode, type Feed, type Listing, type ListingKind, type Location, type OpeningHours, type Session, type Weekday } from '../feed/types.js';
import { Tally, type TallyLine } from './tally.js';
import {
  asArray,
  clock,
  coordinates,
  isObject,
  isoDate,
  num,
  objects,
  postcode,
  safeId,
  text,
  unique,
  weekdayCode,
  type Json,
} from './helpers.js';

export interface OrukImportOptions {
  publisher: string;
  /** Today's date (ISO) for `updated` when no service carries `last_modified`; tests pin it. */
  today?: string;
}

export interface OrukImportResult {
  feed: Feed;
  /** Services read, whatever became of them. */
  servicesRead: number;
  /** Services skipped (no id or no name, or not active), with reasons. */
  skipped: TallyLine[];
  /** What was read but could not be carried into the feed, or was changed on the way. */
  notes: TallyLine[];
  /** Taxonomy schemes the mapping table does not know, with how many terms each: kept as keywords. */
  unknownSchemes: Record<string, number>;
}

/** Our own taxonomy names, written by `atlas export oruk`, so a round trip is exact. */
export const ATLAS_TAXONOMY = {
  category: 'community-atlas:category',
  need: 'community-atlas:need',
  kind: 'community-atlas:kind',
  keyword: 'community-atlas:keyword',
  referral: 'community-atlas:referral',
  accessibility: 'community-atlas:accessibility',
  /** The listing's id in the feed it came from, so an import of our own export gives our ids back. */
  id: 'community-atlas:id',
  language: 'community-atlas:language',
  delivery: 'community-atlas:delivery',
  /** `personal-budget`, `companion-welcome`, `companion-not-welcome`. */
  flag: 'community-atlas:flag',
} as const;

/**
 * Words `atlas export oruk` writes where the ORUK 3.0 profile has no field, and
 * this import reads back: paragraphs of the description, a schedule's
 * description, a cost option's or a phone's.
 */
export const ORUK_TEXT_HEADINGS = {
  audience: 'Who it is for:',
  howToJoin: 'How to join:',
  openingHours: 'Opening hours',
  costHelp: 'Help with the cost',
  textphone: 'Textphone',
} as const;

/** Words in a term's name → our category ids. Checked in order; a term may give several. */
const CATEGORY_WORDS: readonly [RegExp, string][] = [
  [/physical activit|exercise|sports?\b|fitness|\bwalk(s|ing)?\b|swimming|football|yoga|dance|dancing|gym\b|cycling|bowls|tennis|badminton|netball|keep fit|pilates|tai chi|aerobics|zumba|running|athletics/i, 'physical-activity'],
  [/food ?bank|food parcel|community pantry|community fridge|lunch club|free meals|meals on wheels/i, 'food'],
  [/\barts?\b|crafts?|music|singing|choir|drama|theatre|creative|painting/i, 'arts'],
  [/garden|allotment|growing/i, 'gardening'],
  [/advice|welfare rights|benefits advice|citizens advice|information and guidance/i, 'advice'],
  [/librar(y|ies)/i, 'library'],
  [/community cent(re|er)|village hall|community hall|community building/i, 'community-centre'],
  [/volunteer/i, 'volunteering'],
  [/befriend/i, 'befriending'],
  [/peer support|support group|self[- ]help group/i, 'peer-support'],
  [/learning|courses?\b|adult education|training|skills/i, 'learning'],
  [/faith|church|mosque|temple|gurdwara|synagogue|worship/i, 'faith'],
  [/parent|toddler|baby|babies|children'?s cent|family hub|early years/i, 'families'],
  [/youth|young people/i, 'young-people'],
  [/older people|later life|over 50s|over 60s|retire/i, 'older-people'],
];

/** Words in a term's name → need ids. */
const NEED_WORDS: readonly [RegExp, string][] = [
  [/lonel|isolat/i, 'loneliness'],
  [/low mood|depress|anxiety|mental (health|wellbeing)|stress/i, 'low-mood'],
  [/carers?\b|caring for/i, 'carer'],
  [/dementia|memory loss/i, 'dementia'],
  [/debt|money|financ|benefits|income|poverty/i, 'money'],
  [/housing|homeless/i, 'housing'],
  [/diabetes/i, 'diabetes'],
  [/weight|obesity|healthy eating/i, 'weight'],
  [/bereave|grief/i, 'bereavement'],
  [/domestic (abuse|violence)/i, 'domestic-abuse'],
  [/alcohol|drugs?\b|substance|addiction/i, 'substance-use'],
  [/mobility|falls prevention|physical disabilit/i, 'mobility'],
  [/employment|job ?seek|unemploy|into work/i, 'employment'],
];

/**
 * Schemes the word tables are written for: the LGA / esd.gov.uk service types and
 * needs lists that ORUK recommends, ORUK's own category lists, and the OpenActive
 * activity list (everything in it is physical activity).
 */
const KNOWN_SCHEMES: readonly { test: RegExp; everything?: string }[] = [
  { test: /openactive|activity.?list/i, everything: 'physical-activity' },
  { test: /esd|lga|local ?gov|service.?types?|needs|circumstances|open.?referral|oruk|bccategor|categor/i },
];

export function importOruk(documents: readonly unknown[], options: OrukImportOptions): OrukImportResult {
  const skipped = new Tally();
  const notes = new Tally();
  const unknownSchemes: Record<string, number> = {};
  const services: Json[] = [];
  for (const [index, document] of documents.entries()) {
    const found = servicesIn(document);
    if (!found) throw new Error(`Document ${index + 1} is not an Open Referral UK response: expected "contents", "content", "services" or an array of services.`);
    services.push(...found);
  }

  const listings: Listing[] = [];
  const ids = new Set<string>();
  let newest: string | undefined;
  for (const service of services) {
    const id = text(service.id);
    const name = text(service.name);
    if (!id) {
      skipped.add('Service without an id', name);
      continue;
    }
    if (!name) {
      skipped.add('Service without a name', id);
      continue;
    }
    const status = text(service.status)?.toLowerCase();
    if (status && status !== 'active') {
      skipped.add(`Service with status "${status}"`, id);
      continue;
    }
    const modified = isoDate(service.last_modified);
    if (modified && (!newest || modified > newest)) newest = modified;
    countUnmapped(service, id, notes);
    for (const listing of serviceListings(service, id, name, notes, unknownSchemes)) {
      let unique = listing.id;
      for (let n = 2; ids.has(unique); n++) unique = `${listing.id}-${n}`;
      if (unique !== listing.id) notes.add('Listing id used twice; a suffix was added', listing.id);
      listing.id = unique;
      ids.add(unique);
      listings.push(listing);
    }
  }

  const feed: Feed = {
    version: '1',
    publisher: { name: options.publisher },
    updated: newest ?? options.today ?? new Date().toISOString().slice(0, 10),
    listings,
  };
  for (const [scheme, count] of Object.entries(unknownSchemes)) {
    for (let i = 0; i < count; i++) notes.add('Taxonomy term from a scheme the mapping table does not know, kept as a keyword', scheme);
  }
  return { feed, servicesRead: services.length, skipped: skipped.lines, notes: notes.lines, unknownSchemes };
}

/**
 * The fields this import reads, by record: everything else a service carries is
 * counted by name ("service.accreditations", "schedules[].count"), so nothing is
 * lost without the summary saying so. `*` is every key of a record read whole.
 */
const READ_FIELDS: Record<string, ReadonlySet<string>> = {
  service: new Set([
    'id', 'name', 'description', 'url', 'website', 'email', 'status', 'organization', 'organization_id', 'service_at_locations',
    'schedules', 'regular_schedules', 'holiday_schedules', 'cost_options', 'fees', 'fees_description', 'contacts', 'phones',
    'attributes', 'service_taxonomys', 'taxonomy_terms', 'service_areas', 'languages', 'eligibilitys', 'eligibility_description',
    'minimum_age', 'maximum_age', 'assured_date', 'application_process', 'last_modified', 'attending_type', 'attending_access', 'alert',
  ]),
  organization: new Set(['id', 'name', 'website', 'url', 'organization_identifiers']),
  organization_identifiers: new Set(['id', 'organization_id', 'identifier_scheme', 'identifier_type', 'identifier']),
  service_at_locations: new Set(['id', 'service_id', 'location_id', 'location', 'schedules', 'regular_schedules', 'holiday_schedules']),
  location: new Set([
    'id', 'name', 'location_type', 'latitude', 'longitude', 'addresses', 'physical_addresses', 'postal_addresses',
    'external_identifier', 'external_identifier_type', 'accessibility', 'accessibility_for_disabilities', 'description', 'url',
  ]),
  addresses: new Set(['id', 'location_id', 'address_1', 'address_2', 'address_3', 'address_4', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type']),
  accessibility: new Set(['id', 'location_id', 'description', 'accessibility', 'details']),
  schedules: new Set([
    'id', 'service_id', 'service_at_location_id', 'location_id', 'opens_at', 'closes_at', 'freq', 'interval', 'byday', 'bymonthday',
    'weekday', 'dtstart', 'valid_from', 'valid_to', 'until', 'description', 'notes',
  ]),
  cost_options: new Set(['id', 'service_id', 'option', 'amount', 'currency', 'amount_description']),
  contacts: new Set(['id', 'service_id', 'name', 'phones', 'email']),
  phones: new Set(['id', 'contact_id', 'service_id', 'location_id', 'organization_id', 'number', 'description']),
  service_areas: new Set(['id', 'service_id', 'name', 'service_area']),
  languages: new Set(['id', 'service_id', 'code', 'language', 'name']),
  eligibilitys: new Set(['id', 'service_id', 'eligibility', 'description', 'minimum_age', 'maximum_age']),
  attributes: new Set(['*']),
  service_taxonomys: new Set(['*']),
  taxonomy_terms: new Set(['*']),
};
const ALIASES: Record<string, string> = {
  regular_schedules: 'schedules', physical_addresses: 'addresses', postal_addresses: 'addresses', accessibility_for_disabilities: 'accessibility',
};

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(hasValue);
  if (isObject(value)) return Object.values(value).some(hasValue);
  return true;
}

/** Counts, by name, every field of a service that this import does not read. */
function countUnmapped(service: Json, id: string, notes: Tally): void {
  const found = new Set<string>();
  const walk = (record: Json, kind: string, path: string): void => {
    const read = READ_FIELDS[kind];
    if (!read || read.has('*')) return;
    for (const [key, value] of Object.entries(record)) {
      if (!hasValue(value)) continue;
      const childKind = ALIASES[key] ?? key;
      if (!read.has(key)) {
        found.add(`${path}${key}`);
        continue;
      }
      if (Array.isArray(value)) for (const item of objects(value)) walk(item, childKind, `${path}${key}[].`);
      else if (isObject(value) && READ_FIELDS[childKind]) walk(value, childKind, `${path}${key}.`);
    }
  };
  walk(service, 'service', '');
  for (const field of found) notes.add(`ORUK field not carried into the feed: ${field}`, id);
}

/** The services in one document, whichever shape it has, or undefined when it has none. */
function servicesIn(document: unknown): Json[] | undefined {
  if (Array.isArray(document)) return objects(document);
  if (!isObject(document)) return undefined;
  if (Array.isArray(document.contents)) return objects(document.contents);
  if (Array.isArray(document.content)) return objects(document.content);
  if (Array.isArray(document.services)) return joinFlatTables(document);
  if (document.id !== undefined && document.name !== undefined) return [document];
  return undefined;
}

/**
 * ORUK 1.0 as flat tables: nest each table's rows into the services they point
 * at, giving the same shape as the 1.0 API's nested service, which the reader
 * below understands.
 */
function joinFlatTables(tables: Json): Json[] {
  const byKey = (rows: Json[], key: string): Map<string, Json[]> => {
    const map = new Map<string, Json[]>();
    for (const row of rows) {
      const value = text(row[key]);
      if (!value) continue;
      const list = map.get(value) ?? [];
      list.push(row);
      map.set(value, list);
    }
    return map;
  };
  const byId = (rows: Json[]): Map<string, Json> => new Map(rows.flatMap((row) => (text(row.id) ? [[text(row.id) as string, row]] : [])));

  const organizations = byId(objects(tables.organizations));
  const taxonomies = byId(objects(tables.taxonomies));
  const addressesByLocation = byKey([...objects(tables.physical_addresses), ...objects(tables.addresses)], 'location_id');
  const phonesByContact = byKey(objects(tables.phones), 'contact_id');
  const phonesByService = byKey(objects(tables.phones), 'service_id');
  const locations = new Map<string, Json>();
  for (const [id, location] of byId(objects(tables.locations))) {
    locations.set(id, { ...location, physical_addresses: addressesByLocation.get(id) ?? location.physical_addresses });
  }
  const schedulesByService = byKey([...objects(tables.regular_schedules), ...objects(tables.schedules)], 'service_id');
  const schedulesByPlace = byKey([...objects(tables.regular_schedules), ...objects(tables.schedules)], 'service_at_location_id');
  const placesByService = byKey(objects(tables.service_at_locations), 'service_id');
  const costs = byKey(objects(tables.cost_options), 'service_id');
  const eligibility = byKey(objects(tables.eligibilitys), 'service_id');
  const contacts = byKey(objects(tables.contacts), 'service_id');
  const serviceTaxonomies = byKey(objects(tables.service_taxonomys), 'service_id');
  const areas = byKey(objects(tables.service_areas), 'service_id');
  const languages = byKey(objects(tables.languages), 'service_id');

  return objects(tables.services).map((service) => {
    const id = text(service.id) ?? '';
    const orgId = text(service.organization_id);
    return {
      ...service,
      organization: service.organization ?? (orgId ? organizations.get(orgId) : undefined),
      service_at_locations: (placesByService.get(id) ?? []).map((place) => {
        const locationId = text(place.location_id);
        const placeId = text(place.id);
        return {
          ...place,
          location: place.location ?? (locationId ? locations.get(locationId) : undefined),
          regular_schedules: placeId ? schedulesByPlace.get(placeId) : undefined,
        };
      }),
      // A schedule tied to one service_at_location is nested there, not repeated here.
      regular_schedules: (schedulesByService.get(id) ?? []).filter((row) => !text(row.service_at_location_id)),
      cost_options: costs.get(id),
      eligibilitys: eligibility.get(id),
      contacts: (contacts.get(id) ?? []).map((contact) => ({ ...contact, phones: phonesByContact.get(text(contact.id) ?? '') ?? contact.phones })),
      phones: phonesByService.get(id),
      service_taxonomys: (serviceTaxonomies.get(id) ?? []).map((row) => ({
        ...row,
        taxonomy: row.taxonomy ?? taxonomies.get(text(row.taxonomy_id) ?? ''),
      })),
      service_areas: areas.get(id),
      languages: languages.get(id),
    };
  });
}

interface Place {
  id: string;
  location?: Location;
  delivery: DeliveryMode[];
  onlineUrl?: string;
  schedules: Json[];
  accessibilityNotes: string[];
}

function serviceListings(service: Json, id: string, name: string, notes: Tally, unknownSchemes: Record<string, number>): Listing[] {
  const base: Listing = { id: safeId(id), kind: 'asset', name };
  if (base.id !== id) notes.add('Service id had characters a listing id cannot have; they were replaced', id);
  const paragraphs = descriptionParts(text(service.description));
  // A short-term alert ("moved online until March") is what a resident must read first.
  const alert = text(service.alert);
  if (alert) notes.add('Service alert put at the start of the description (the feed has no alert field)', id);
  const described = [alert ? `Alert: ${alert}` : undefined, paragraphs.description].filter(Boolean).join('\n\n');
  if (described) base.description = described;
  if (objects(service.holiday_schedules).length) notes.add('Holiday schedule (closures) not carried into the feed', id);
  const url = httpUrl(service.url ?? service.website, notes, id);
  if (url) base.url = url;

  const organization = isObject(service.organization) ? service.organization : undefined;
  const orgName = text(organization?.name);
  if (organization && orgName) {
    base.organisation = { name: orgName };
    const orgUrl = httpUrl(organization.website ?? organization.url, notes, id);
    if (orgUrl) base.organisation.url = orgUrl;
    const charity = objects(organization.organization_identifiers).find((row) => /GB-(CHC|SC|NIC)|charity/i.test(`${text(row.identifier_scheme) ?? ''} ${text(row.identifier_type) ?? ''}`));
    const charityNumber = text(charity?.identifier);
    if (charityNumber) base.organisation.charityNumber = charityNumber;
    for (const row of objects(organization.organization_identifiers)) {
      if (row === charity || !text(row.identifier)) continue;
      const scheme = text(row.identifier_scheme) ?? text(row.identifier_type) ?? 'no scheme named';
      notes.add(`Organisation identifier not carried into the feed (it keeps a charity number only): ${scheme}`, id);
    }
  }

  const audience = readAudience(service, paragraphs.audience);
  if (audience) base.audience = audience;
  const cost = readCost(service, notes, id);
  if (cost) base.cost = cost;
  const contact = readContact(service, notes, id);
  if (contact) base.contact = contact;
  const howToJoin = unique([text(service.application_process), paragraphs.howToJoin].filter((w): w is string => Boolean(w))).join('\n');
  if (howToJoin) base.howToJoin = howToJoin;
  const assured = isoDate(service.assured_date);
  if (assured) base.lastVerified = assured;
  const languages = unique(objects(service.languages).flatMap((row) => {
    const code = text(row.code) ?? text(row.language);
    return code && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(code) ? [code] : [];
  }));
  if (languages.length) base.languages = languages;
  const areas = unique(objects(service.service_areas).flatMap((row) => {
    const area = text(row.name) ?? text(row.service_area);
    return area ? [area] : [];
  }));
  if (areas.length) base.areas = areas;
  const stored = readTaxonomy(service, base, notes, unknownSchemes);
  const storedKind = stored.kind;
  if (stored.id) base.id = stored.id;
  if (stored.personalBudget) base.cost = { ...base.cost, personalBudget: true };
  if (stored.companionWelcome !== undefined) base.companionWelcome = stored.companionWelcome;
  if (stored.languages.length) base.languages = unique([...(base.languages ?? []), ...stored.languages]);

  const places: Place[] = [];
  const online: string[] = [];
  for (const row of objects(service.service_at_locations)) {
    const place = readPlace(row, notes, id);
    if (place.onlineUrl) online.push(place.onlineUrl);
    places.push(place);
  }
  const physical = places.filter((place) => place.location);
  // Schedules of an online or postal "place" belong to the service as a whole.
  const serviceSchedules = [
    ...objects(service.schedules),
    ...objects(service.regular_schedules),
    ...places.filter((place) => !place.location).flatMap((place) => place.schedules),
  ];
  const delivery = new Set<DeliveryMode>();
  // ORUK 1.0 said how people attend in words: "Online", "In person, by phone"; "drop-in", "referral".
  const attending = text(service.attending_type) ?? '';
  if (/online|virtual|video/i.test(attending)) delivery.add('online');
  if (/phone/i.test(attending)) delivery.add('phone');
  const access = text(service.attending_access) ?? '';
  const routes = unique([
    ...(/drop.?in/i.test(access) ? ['drop-in' as const] : []),
    ...(/referr/i.test(access) ? ['professional' as const] : []),
    ...(/appointment|book|self/i.test(access) ? ['self' as const] : []),
  ]);
  if (routes.length && !base.referral) base.referral = routes;
  if (places.some((place) => place.delivery.includes('online'))) delivery.add('online');
  if (!physical.length && base.contact?.phone) delivery.add('phone');

  const build = (place: Place | undefined, listingId: string): Listing => {
    const listing: Listing = structuredClone(base);
    listing.id = listingId;
    const { hours, sessions } = readOpeningHours([...serviceSchedules, ...(place?.schedules ?? [])]);
    const schedule = sessions.flatMap((row) => readSession(row, notes, id));
    if (schedule.length) listing.schedule = schedule;
    if (hours) listing.openingHours = hours;
    listing.kind = storedKind ?? (schedule.length && !looksLikeOpeningHours(schedule) ? 'activity' : 'asset');
    if (place?.location) {
      listing.location = place.location;
      delivery.add('in-person');
    }
    if (place?.accessibilityNotes.length) {
      listing.accessibilityNotes = place.accessibilityNotes.join('\n');
      const features = unique([...(listing.accessibility ?? []), ...accessibilityFeatures(listing.accessibilityNotes)]);
      if (features.length) listing.accessibility = features;
    }
    if (stored.delivery.length) listing.delivery = stored.delivery;
    else if (delivery.size) listing.delivery = [...delivery].sort(deliveryOrder);
    if (!listing.contact?.url && online[0]) listing.contact = { ...listing.contact, url: online[0] };
    return listing;
  };

  if (physical.length <= 1) {
    if (!physical.length && !online.length && !base.contact?.phone) notes.add('Service with no location, no online address and no phone: listed with no place', id);
    else if (!physical.length) notes.add('Service with no physical location: listed as area-wide, with no pin', id);
    return [build(physical[0], base.id)];
  }
  notes.add('Service offered at several locations: one listing per location', id);
  return physical.map((place) => build(place, `${base.id}--${safeId(place.id)}`));
}

const OPENING_HOURS_DAYS: Record<string, Weekday> = { MO: 'mo', TU: 'tu', WE: 'we', TH: 'th', FR: 'fr', SA: 'sa', SU: 'su' };

/**
 * Weekly schedules described "Opening hours" (as `atlas export oruk` writes a
 * listing's opening hours) become opening hours again; every other schedule
 * stays a session.
 */
function readOpeningHours(rows: Json[]): { hours?: OpeningHours; sessions: Json[] } {
  const sessions: Json[] = [];
  const ranges = new Map<Weekday, string[]>();
  let notesText: string | undefined;
  for (const row of rows) {
    const days = (text(row.byday) ?? '').toUpperCase().split(',').map((d) => OPENING_HOURS_DAYS[d.trim()]);
    const opens = clock(row.opens_at);
    const closes = clock(row.closes_at);
    const plainWeekly = text(row.freq)?.toUpperCase() === 'WEEKLY' && (num(row.interval) ?? 1) === 1 && !text(row.dtstart) && !text(row.valid_to);
    if (text(row.description)?.toLowerCase() !== ORUK_TEXT_HEADINGS.openingHours.toLowerCase() || !plainWeekly || !opens || !closes || !days.length || days.some((d) => !d)) {
      sessions.push(row);
      continue;
    }
    for (const day of days as Weekday[]) ranges.set(day, [...(ranges.get(day) ?? []), `${opens}-${closes}`]);
    notesText ??= text(row.notes);
  }
  if (!ranges.size) return { sessions };
  const hours: OpeningHours = {};
  for (const day of WEEKDAYS) {
    const list = ranges.get(day);
    if (list) hours[day] = list.sort().join(',');
  }
  if (notesText) hours.notes = notesText;
  return { hours, sessions };
}

/**
 * A service open most weekdays (an advice line, a library) is a place or service
 * people use, not a session they go to: an asset with hours, not an activity.
 */
function looksLikeOpeningHours(schedule: Session[]): boolean {
  const days = new Set<string>();
  for (const session of schedule) {
    const rule = session.rrule ?? '';
    if (/FREQ=DAILY/.test(rule) && !/INTERVAL=[2-9]/.test(rule)) return true;
    if (!/FREQ=WEEKLY/.test(rule) || /INTERVAL=[2-9]/.test(rule)) continue;
    for (const day of /BYDAY=([A-Z,]+)/.exec(rule)?.[1]?.split(',') ?? []) days.add(day);
  }
  return days.size >= 5;
}

/** Words in ORUK's free-text accessibility → the feed's accessibility features, so the filter finds them. */
const ACCESS_WORDS: readonly [RegExp, string][] = [
  [/step[- ]free|level access|no steps|ramp/i, 'step-free'],
  [/wheelchair/i, 'wheelchair-accessible'],
  [/accessible (toilet|loo|wc)|disabled (toilet|loo|wc)/i, 'accessible-toilet'],
  [/changing places/i, 'changing-places'],
  [/hearing loop|induction loop/i, 'hearing-loop'],
  [/\bbsl\b|british sign language/i, 'bsl'],
  [/large print/i, 'large-print'],
  [/easy read/i, 'easy-read'],
  [/quiet (space|room)/i, 'quiet-space'],
  [/(accessible|disabled|blue badge) parking/i, 'accessible-parking'],
  [/assistance dog|guide dog/i, 'assistance-dogs'],
  [/dementia[- ]friendly/i, 'dementia-friendly'],
];

function accessibilityFeatures(words: string): string[] {
  return ACCESS_WORDS.filter(([re]) => re.test(words)).map(([, feature]) => feature);
}

function deliveryOrder(a: DeliveryMode, b: DeliveryMode): number {
  const order: DeliveryMode[] = ['in-person', 'online', 'phone'];
  return order.indexOf(a) - order.indexOf(b);
}

function httpUrl(value: unknown, notes: Tally, id: string): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : /^www\./i.test(raw) ? `https://${raw}` : raw;
  try {
    const url = new URL(withScheme);
    if (url.protocol === 'http:' || url.protocol === 'https:') return withScheme;
  } catch {
    // fall through to the note
  }
  notes.add('Web address that is not http or https, left out', id);
  return undefined;
}

/**
 * The description, with the "Who it is for:" and "How to join:" paragraphs that
 * `atlas export oruk` writes (the ORUK 3.0 profile has no field for either) taken
 * out into their own fields.
 */
function descriptionParts(description: string | undefined): { description?: string; audience?: string; howToJoin?: string } {
  if (!description) return {};
  const found: Record<'description' | 'audience' | 'howToJoin', string[]> = { description: [], audience: [], howToJoin: [] };
  // A heading's part runs to the next heading: its own paragraphs come with it.
  let into: keyof typeof found = 'description';
  for (const paragraph of description.split('\n\n')) {
    let rest = paragraph;
    for (const key of ['audience', 'howToJoin'] as const) {
      if (paragraph.startsWith(ORUK_TEXT_HEADINGS[key])) {
        into = key;
        rest = paragraph.slice(ORUK_TEXT_HEADINGS[key].length).trim();
      }
    }
    found[into].push(rest);
  }
  const parts: { description?: string; audience?: string; howToJoin?: string } = {};
  for (const key of ['description', 'audience', 'howToJoin'] as const) {
    const joined = found[key].join('\n\n').trim();
    if (joined) parts[key] = joined;
  }
  return parts;
}

function readAudience(service: Json, described?: string): Listing['audience'] {
  const rows = objects(service.eligibilitys);
  const ages = [service, ...rows];
  const mins = ages.map((row) => num(row.minimum_age)).filter((n): n is number => n !== undefined);
  const maxes = ages.map((row) => num(row.maximum_age)).filter((n): n is number => n !== undefined);
  const words = unique([
    text(service.eligibility_description),
    described,
    ...rows.map((row) => text(row.eligibility) ?? text(row.description)),
  ].filter((w): w is string => Boolean(w)));
  const audience: NonNullable<Listing['audience']> = {};
  if (mins.length && Math.min(...mins) > 0) audience.ageMin = Math.min(...mins);
  if (maxes.length && Math.max(...maxes) < 120) audience.ageMax = Math.max(...maxes);
  if (words.length) audience.description = words.join('\n');
  return Object.keys(audience).length ? audience : undefined;
}

const PER: readonly [RegExp, NonNullable<Cost['per']>][] = [
  [/session|class|hour/i, 'session'],
  [/week/i, 'week'],
  [/month/i, 'month'],
  [/year|annual/i, 'year'],
  [/course|term/i, 'course'],
  [/visit|entry|day/i, 'visit'],
];

function readCost(service: Json, notes: Tally, id: string): Cost | undefined {
  const all = objects(service.cost_options);
  // Help with the cost, as `atlas export oruk` writes it: an option of its own.
  const isHelp = (row: Json): boolean => text(row.amount_description)?.toLowerCase() === ORUK_TEXT_HEADINGS.costHelp.toLowerCase() && num(row.amount) === undefined;
  const help = unique(all.filter(isHelp).map((row) => text(row.option)).filter((w): w is string => Boolean(w)));
  const rows = all.filter((row) => !isHelp(row));
  const fees = text(service.fees) ?? text(service.fees_description);
  const cost: Cost = {};
  if (help.length) cost.help = help.join('\n');
  const priced: { amount: number; per?: Cost['per']; words: string; option?: string }[] = [];
  for (const row of rows) {
    const currency = text(row.currency)?.toUpperCase();
    const amount = num(row.amount);
    const option = text(row.option);
    const qualifier = text(row.amount_description);
    if (currency && currency !== 'GBP') {
      notes.add('Cost in a currency other than pounds, kept only in words', id);
    }
    const money = amount === undefined ? '' : amount === 0 ? 'free' : `£${formatPounds(amount)}`;
    const words = [option, option?.toLowerCase().includes(money.toLowerCase()) ? '' : money, qualifier].filter(Boolean).join(' ');
    if (amount !== undefined && (!currency || currency === 'GBP')) {
      const per = qualifier ? PER.find(([re]) => re.test(qualifier))?.[1] : undefined;
      // An option that only says what the price is per ("Per class") says nothing `per` does not.
      const saysMore = option && !/^per \w+$/i.test(option) && option.toLowerCase() !== qualifier?.toLowerCase();
      priced.push({ amount, per, words, ...(saysMore ? { option } : {}) });
    } else if (words) {
      priced.push({ amount: Number.NaN, words });
    }
  }
  const known = priced.filter((p) => !Number.isNaN(p.amount));
  if (known.length && known.every((p) => p.amount === 0)) cost.free = true;
  const paid = known.filter((p) => p.amount > 0).sort((a, b) => a.amount - b.amount);
  const cheapest = paid[0];
  if (cheapest) {
    cost.amount = cheapest.amount;
    if (cheapest.per) cost.per = cheapest.per;
    if (known.some((p) => p.amount === 0)) notes.add('Service both free and paid for some people: the lowest price is kept as the amount', id);
  }
  // One price: its option is the cost in words ("£3, first session free"); several: each in words.
  const single = priced.length === 1 ? priced[0] : undefined;
  const words = unique([
    ...(single ? [Number.isNaN(single.amount) ? single.words : single.option ?? ''] : priced.map((p) => p.words)),
    ...(fees ? [fees] : []),
  ].filter(Boolean));
  // "Free" says nothing that `free: true` does not.
  const said = cost.free ? words.filter((w) => !FREE_WORDS.test(w)) : words;
  if (said.length && !(said.length === 1 && FREE_WORDS.test(said[0] ?? ''))) cost.description = said.join('; ');
  if (!rows.length && fees && FREE_WORDS.test(fees)) {
    cost.free = true;
  }
  return Object.keys(cost).length ? cost : undefined;
}

const FREE_WORDS = /^\s*(free|no charge|£?0(\.00)?)\s*\.?$/i;

function formatPounds(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

function readContact(service: Json, notes: Tally, id: string): Listing['contact'] {
  const contact: NonNullable<Listing['contact']> = {};
  const email = text(service.email);
  const contacts = objects(service.contacts);
  const phoneRows = [...objects(service.phones), ...contacts.flatMap((row) => objects(row.phones))];
  const isTextphone = (row: Json): boolean => /textphone|minicom|text ?relay|typetalk/i.test(text(row.description) ?? '');
  const textphone = phoneRows.filter(isTextphone).map((row) => text(row.number)).find(Boolean);
  const phones = unique(phoneRows.filter((row) => !isTextphone(row)).map((row) => text(row.number)).filter((n): n is string => Boolean(n)));
  const firstEmail = email ?? contacts.map((row) => text(row.email)).find(Boolean);
  if (firstEmail) {
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(firstEmail)) contact.email = firstEmail;
    else notes.add('Email address that does not look like one, left out', id);
  }
  if (textphone) contact.textphone = textphone;
  if (phones[0]) contact.phone = phones[0];
  if (phones.length > 1) notes.add('Service with more than one phone number: the first is kept', id);
  const name = contacts.map((row) => text(row.name)).find(Boolean);
  if (name) contact.name = name;
  return Object.keys(contact).length ? contact : undefined;
}

function readPlace(row: Json, notes: Tally, serviceId: string): Place {
  const location = isObject(row.location) ? row.location : row;
  const place: Place = {
    id: text(location.id) ?? text(row.id) ?? 'location',
    delivery: [],
    schedules: [...objects(row.schedules), ...objects(row.regular_schedules)],
    accessibilityNotes: [],
  };
  if (objects(row.holiday_schedules).length) notes.add('Holiday schedule (closures) not carried into the feed', serviceId);
  const type = text(location.location_type)?.toLowerCase();
  if (type === 'virtual') {
    place.delivery.push('online');
    // The profile's location has no url; `atlas export oruk` puts it in the description.
    const url = text(location.url) ?? text(location.description);
    if (url && /^https?:\/\/\S+$/i.test(url)) place.onlineUrl = url;
    return place;
  }
  const addresses: Json[] = [...objects(location.addresses), ...objects(location.physical_addresses), ...objects(location.postal_addresses).map((a) => ({ ...a, address_type: 'postal' }))];
  const visit = addresses.find((a) => (text(a.address_type)?.toLowerCase() ?? 'physical') === 'physical');
  if (visit && addresses.some((a) => a !== visit && text(a.address_type)?.toLowerCase() === 'postal')) {
    notes.add('Postal address (where to write, besides the one to visit) not carried into the feed', serviceId);
  }
  if (type === 'postal' || (!visit && addresses.length && !coordinates(location.latitude, location.longitude))) {
    notes.add('Postal-only address (where to write, not where to go) not used as the location', serviceId);
    return place;
  }
  const result: Location = {};
  const name = text(location.name);
  if (name) result.name = name;
  // "A free text description of the location": how to find it.
  const directions = text(location.description);
  if (directions) result.directions = directions;
  if (visit) {
    // address_1 is "the first line(s)": one per line, as `atlas export oruk` writes them.
    const lines = [visit.address_1, visit.address_2, visit.address_3, visit.address_4, visit.city, visit.region ?? visit.state_province]
      .flatMap((value) => (text(value) ?? '').split('\n'))
      .map((line) => line.trim())
      .filter(Boolean);
    if (lines.length) result.address = unique(lines);
    const pc = postcode(visit.postal_code);
    if (pc) result.postcode = pc;
  }
  const point = coordinates(location.latitude, location.longitude);
  if (point) {
    result.lat = point.lat;
    result.lng = point.lng;
  } else if (num(location.latitude) === 0 && num(location.longitude) === 0) {
    notes.add('Location at 0,0 (no coordinates): placed by postcode only', serviceId);
  }
  if (text(location.external_identifier) && /uprn/i.test(text(location.external_identifier_type) ?? 'uprn')) {
    result.uprn = text(location.external_identifier);
  }
  for (const access of objects(location.accessibility).concat(objects(location.accessibility_for_disabilities))) {
    const words = text(access.description) ?? text(access.accessibility) ?? text(access.details);
    if (words) place.accessibilityNotes.push(words);
  }
  if (Object.keys(result).length) place.location = result;
  return place;
}

/**
 * One ORUK schedule → one session. ORUK's cut-down RRULE fields become an RRULE
 * string; the 1.0 `weekday` column becomes BYDAY. Times are kept as the UK
 * wall-clock times publishers mean, even when written with a `Z`.
 */
function readSession(row: Json, notes: Tally, id: string): Session[] {
  const start = clock(row.opens_at);
  const end = clock(row.closes_at);
  if (!start) {
    notes.add('Schedule without an opening time, left out', id);
    return [];
  }
  const session: Session = { start };
  if (end) session.end = end;
  let freq = text(row.freq)?.toUpperCase();
  const byday = unique(
    [...asArray(typeof row.byday === 'string' ? row.byday.split(',') : row.byday), ...asArray(row.weekday)]
      .flatMap((day) => {
        const raw = String(day).trim().toUpperCase();
        const nth = /^([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(raw);
        if (nth) return [`${nth[1]?.replace('+', '')}${nth[2]}`];
        const code = weekdayCode(day);
        return code ? [code] : [];
      }),
  );
  const bymonthday = asArray(typeof row.bymonthday === 'string' ? row.bymonthday.split(',') : row.bymonthday)
    .map((v) => num(v))
    .filter((n): n is number => n !== undefined && n !== 0 && Math.abs(n) <= 31);
  const interval = num(row.interval);
  const dtstart = isoDate(row.dtstart) ?? isoDate(row.valid_from);
  const until = isoDate(row.until) ?? isoDate(row.valid_to);
  if (!freq && (byday.length || bymonthday.length)) freq = byday.some((d) => /\d/.test(d)) || bymonthday.length ? 'MONTHLY' : 'WEEKLY';
  if (freq) {
    if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) {
      notes.add('Schedule with a frequency other than daily, weekly, monthly or yearly, left out', id);
      return [];
    }
    const parts = [`FREQ=${freq}`];
    if (interval && interval > 1) parts.push(`INTERVAL=${Math.round(interval)}`);
    if (byday.length) parts.push(`BYDAY=${byday.join(',')}`);
    if (bymonthday.length) parts.push(`BYMONTHDAY=${bymonthday.join(',')}`);
    session.rrule = parts.join(';');
    if (dtstart) session.date = dtstart;
    if (until) session.until = until;
  } else if (dtstart) {
    // No recurrence but a date: a one-off session.
    session.date = dtstart;
  } else {
    notes.add('Schedule with neither a day nor a date, left out', id);
    return [];
  }
  const words = [text(row.description), text(row.notes)].filter(Boolean);
  if (words.length) session.notes = unique(words).join('\n');
  return [session];
}

/**
 * Taxonomy terms → categories, needs and keywords, by our mapping table. Returns
 * the listing kind when our own export stored one.
 */
interface StoredTerms {
  kind?: ListingKind;
  id?: string;
  languages: string[];
  delivery: DeliveryMode[];
  personalBudget?: boolean;
  companionWelcome?: boolean;
}

function readTaxonomy(service: Json, listing: Listing, notes: Tally, unknownSchemes: Record<string, number>): StoredTerms {
  const stored: StoredTerms = { languages: [], delivery: [] };
  const terms: { scheme: string; code?: string; label?: string }[] = [];
  for (const row of objects(service.attributes)) {
    const term = isObject(row.taxonomy_term) ? row.taxonomy_term : row;
    terms.push(termOf(term));
  }
  for (const row of objects(service.service_taxonomys)) {
    const term = isObject(row.taxonomy) ? row.taxonomy : row;
    terms.push(termOf(term));
  }
  for (const term of objects(service.taxonomy_terms)) terms.push(termOf(term));

  const categories: string[] = [];
  const needs: string[] = [];
  const keywords: string[] = [];
  const referral: NonNullable<Listing['referral']> = [];
  const accessibility: string[] = [];
  for (const term of terms) {
    const value = term.code ?? term.label;
    if (!value && !term.label) continue;
    switch (term.scheme) {
      case ATLAS_TAXONOMY.category: if (value) categories.push(value); continue;
      case ATLAS_TAXONOMY.need: if (value) needs.push(value); continue;
      case ATLAS_TAXONOMY.keyword: if (term.label ?? value) keywords.push((term.label ?? value) as string); continue;
      case ATLAS_TAXONOMY.accessibility: if (value) accessibility.push(value); continue;
      case ATLAS_TAXONOMY.referral:
        if (value === 'self' || value === 'drop-in' || value === 'professional') referral.push(value);
        continue;
      case ATLAS_TAXONOMY.kind:
        if (value === 'asset' || value === 'activity') stored.kind = value;
        continue;
      case ATLAS_TAXONOMY.id:
        if (value) stored.id = safeId(value);
        continue;
      case ATLAS_TAXONOMY.language:
        if (value && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(value)) stored.languages.push(value);
        continue;
      case ATLAS_TAXONOMY.delivery:
        if (value === 'in-person' || value === 'online' || value === 'phone') stored.delivery.push(value);
        continue;
      case ATLAS_TAXONOMY.flag:
        if (value === 'personal-budget') stored.personalBudget = true;
        if (value === 'companion-welcome') stored.companionWelcome = true;
        if (value === 'companion-not-welcome') stored.companionWelcome = false;
        continue;
    }
    const label = term.label ?? term.code ?? '';
    const known = KNOWN_SCHEMES.find((scheme) => scheme.test.test(term.scheme));
    if (!known) {
      const scheme = term.scheme || '(no scheme named)';
      unknownSchemes[scheme] = (unknownSchemes[scheme] ?? 0) + 1;
      if (label) keywords.push(label);
      continue;
    }
    let matched = false;
    if (known.everything) {
      categories.push(known.everything);
      matched = true;
    }
    for (const [re, id] of CATEGORY_WORDS) if (re.test(label)) { categories.push(id); matched = true; }
    for (const [re, id] of NEED_WORDS) if (re.test(label)) { needs.push(id); matched = true; }
    if (label) keywords.push(label);
    if (!matched) notes.add('Taxonomy term the mapping table has no category or need for, kept as a keyword', label);
  }
  if (categories.length) listing.categories = unique(categories);
  if (needs.length) listing.needs = unique(needs);
  if (keywords.length) listing.keywords = unique(keywords);
  if (referral.length) listing.referral = unique(referral);
  if (accessibility.length) listing.accessibility = unique(accessibility);
  stored.delivery = unique(stored.delivery);
  return stored;
}

function termOf(term: Json): { scheme: string; code?: string; label?: string } {
  const detail = isObject(term.taxonomy_detail) ? term.taxonomy_detail : undefined;
  const scheme = text(term.vocabulary) ?? text(term.taxonomy) ?? text(detail?.name) ?? text(term.taxonomy_id) ?? '';
  const code = text(term.term_id) ?? text(term.code);
  const label = text(term.name) ?? text(term.term);
  const result: { scheme: string; code?: string; label?: string } = { scheme };
  if (code) result.code = code;
  if (label) result.label = label;
  return result;
}
