/** One listing: its identity (errors skip it), its text and lists, and the small objects on it (audience, cost, opening hours, contact). Location, sessions and transfers have modules of their own. */
import { LISTING_KINDS, WEEKDAYS, type Audience, type Contact, type Cost, type Listing, type ListingKind, type OpeningHours, type StageDefinition } from '../types.js';
import { parseOpeningHours } from '../../schedule/periods.js';
import { COST_PER, DELIVERY_MODES, EMAIL_PATTERN, GENDERS, ID_PATTERN, LONG_LENGTH, MAX_AGE, MAX_COST, NAME_LENGTH, REFERRAL_ROUTES, SUMMARY_LENGTH } from '../rules.js';
import { type Checker, describeValue, isObject, thousands } from './checker.js';
import type { AtlasListing } from '../normalised.js';
import { readLocation } from './location.js';
import { readSession } from './session.js';
import { readAcv, readTransfer } from './transfer.js';

export function readListing(
  c: Checker,
  raw: unknown,
  path: string,
  publisherId: string,
  stageLists: Record<string, StageDefinition[]>,
  seen: Map<string, number>,
): AtlasListing | undefined {
  if (!isObject(raw)) {
    c.report('error', 'not-a-listing', path, 'a listing object', describeValue(raw), `it should be an object, but it is ${describeValue(raw)}`);
    return undefined;
  }

  // Errors first: without an id, a name and a known kind, a listing cannot be shown.
  let id: string | undefined;
  if (typeof raw.id === 'string' && raw.id.trim()) {
    id = raw.id.trim();
  } else if (typeof raw.id === 'number' && Number.isFinite(raw.id)) {
    id = String(raw.id);
  }
  if (id === undefined) {
    c.report('error', 'missing-id', `${path}.id`, 'an id (letters, digits, "-", "_", ".")', describeValue(raw.id), raw.id === undefined ? 'it has no id' : `its id should be text, not ${describeValue(raw.id)}`);
    return undefined;
  }
  c.listingId = id;
  if (seen.has(id)) {
    c.report('error', 'duplicate-id', `${path}.id`, 'an id no other listing in the feed uses', JSON.stringify(id), `the id is already used by the listing at $.listings[${seen.get(id)}], so this later one is skipped`);
    return undefined;
  }
  if (typeof raw.id === 'number') {
    c.warn('wrong-type', `${path}.id`, 'text', raw.id, 'the id is a number', `read as "${id}"`);
  } else if (!ID_PATTERN.test(id)) {
    c.warn('bad-id', `${path}.id`, 'letters, digits, "-", "_" or "."', id, 'the id has characters other than letters, digits, "-", "_" and "."', 'kept as written');
  }
  const kind = raw.kind;
  if (kind === undefined || kind === null || kind === '') {
    c.report('error', 'missing-kind', `${path}.kind`, `one of ${LISTING_KINDS.join(', ')}`, describeValue(kind), 'it has no kind (asset, activity or transfer)');
    return undefined;
  }
  if (typeof kind !== 'string' || !(LISTING_KINDS as readonly string[]).includes(kind)) {
    c.report('error', 'unknown-kind', `${path}.kind`, `one of ${LISTING_KINDS.join(', ')}`, describeValue(kind), `its kind ${describeValue(kind)} is not asset, activity or transfer`);
    return undefined;
  }
  const name = c.text(raw.name, `${path}.name`, 'the name', NAME_LENGTH);
  if (name === undefined) {
    c.report('error', 'missing-name', `${path}.name`, 'a name (text, or {"en": …, "cy": …})', describeValue(raw.name), 'it has no name');
    return undefined;
  }

  const listing: AtlasListing = {
    key: id,
    publisherId,
    id,
    kind: kind as ListingKind,
    name,
    referral: [],
    categories: c.strings(raw.categories, `${path}.categories`, 'categories'),
    needs: c.strings(raw.needs, `${path}.needs`, 'needs'),
    keywords: c.strings(raw.keywords, `${path}.keywords`, 'keywords'),
    accessibility: c.strings(raw.accessibility, `${path}.accessibility`, 'accessibility'),
    languages: c.strings(raw.languages, `${path}.languages`, 'languages'),
    delivery: [],
    areas: c.strings(raw.areas, `${path}.areas`, 'areas'),
    schedule: [],
  };
  const setText = (key: 'summary' | 'description' | 'howToJoin' | 'accessibilityNotes', field: string, limit: number): void => {
    const value = c.text(raw[key], `${path}.${key}`, field, limit);
    if (value !== undefined) listing[key] = value;
  };
  setText('summary', 'the summary', SUMMARY_LENGTH);
  setText('description', 'the description', LONG_LENGTH);
  setText('howToJoin', 'howToJoin', LONG_LENGTH);
  setText('accessibilityNotes', 'accessibilityNotes', LONG_LENGTH);

  if (raw.organisation !== undefined) {
    const org = raw.organisation;
    const orgPath = `${path}.organisation`;
    if (isObject(org)) {
      const orgName = c.text(org.name, `${orgPath}.name`, 'the organisation name', NAME_LENGTH);
      if (orgName) {
        const organisation: NonNullable<Listing['organisation']> = { name: orgName };
        const url = c.url(org.url, `${orgPath}.url`, 'the organisation url');
        if (url) organisation.url = url;
        const charity = c.string(org.charityNumber, `${orgPath}.charityNumber`, 'the charity number');
        if (charity) organisation.charityNumber = charity;
        listing.organisation = organisation;
      } else {
        c.warn('missing-name', `${orgPath}.name`, "the organisation's name", org.name, 'the organisation has no name', 'organisation dropped');
      }
    } else {
      c.wrongType(orgPath, 'organisation', 'an object with "name"', org);
    }
  }

  const audience = readAudience(c, raw.audience, `${path}.audience`);
  if (audience) listing.audience = audience;
  const cost = readCost(c, raw.cost, `${path}.cost`);
  if (cost) listing.cost = cost;

  const referral = Array.isArray(raw.referral) ? raw.referral : raw.referral === undefined || raw.referral === null ? [] : [raw.referral];
  referral.forEach((route, i) => {
    const routePath = Array.isArray(raw.referral) ? `${path}.referral[${i}]` : `${path}.referral`;
    const value = c.oneOf(route, REFERRAL_ROUTES, routePath, 'referral');
    if (value && !listing.referral.includes(value)) listing.referral.push(value);
  });

  const companion = c.boolean(raw.companionWelcome, `${path}.companionWelcome`, 'companionWelcome');
  if (companion !== undefined) listing.companionWelcome = companion;

  const location = readLocation(c, raw.location, `${path}.location`);
  if (location) listing.location = location;
  const delivery = Array.isArray(raw.delivery) ? raw.delivery : raw.delivery === undefined || raw.delivery === null ? [] : [raw.delivery];
  delivery.forEach((mode, i) => {
    const value = c.oneOf(mode, DELIVERY_MODES, Array.isArray(raw.delivery) ? `${path}.delivery[${i}]` : `${path}.delivery`, 'delivery');
    if (value && !listing.delivery.includes(value)) listing.delivery.push(value);
  });
  if (!listing.delivery.length && location) listing.delivery.push('in-person');

  if (raw.schedule !== undefined && raw.schedule !== null) {
    const sessions = Array.isArray(raw.schedule) ? raw.schedule : [raw.schedule];
    sessions.forEach((session, i) => {
      const s = readSession(c, session, Array.isArray(raw.schedule) ? `${path}.schedule[${i}]` : `${path}.schedule`);
      if (s) listing.schedule.push(s);
    });
  }
  const hours = readOpeningHours(c, raw.openingHours, `${path}.openingHours`);
  if (hours) listing.openingHours = hours;
  const contact = readContact(c, raw.contact, `${path}.contact`);
  if (contact) listing.contact = contact;
  const url = c.url(raw.url, `${path}.url`, 'url');
  if (url) listing.url = url;
  const verified = c.date(raw.lastVerified, `${path}.lastVerified`, 'lastVerified');
  if (verified) listing.lastVerified = verified;

  if (raw.transfer !== undefined && raw.transfer !== null) {
    if (kind !== 'transfer') {
      c.warn('wrong-kind-details', `${path}.transfer`, 'transfer details only on a listing of kind transfer', raw.transfer, `it has transfer details but its kind is ${kind}`, 'transfer details dropped');
    } else {
      const transfer = readTransfer(c, raw.transfer, `${path}.transfer`, stageLists);
      if (transfer) listing.transfer = transfer;
    }
  }
  if (raw.acv !== undefined && raw.acv !== null) {
    if (kind !== 'transfer') {
      c.warn('wrong-kind-details', `${path}.acv`, 'asset of community value details only on a listing of kind transfer', raw.acv, `it has asset of community value details but its kind is ${kind}`, 'acv details dropped');
    } else {
      const acv = readAcv(c, raw.acv, `${path}.acv`);
      if (acv) listing.acv = acv;
    }
  }
  return listing;
}

function readAudience(c: Checker, raw: unknown, path: string): Audience | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'audience', 'an object ({"ageMin": 50})', raw);
    return undefined;
  }
  const out: Audience = {};
  const age = { min: 0, max: MAX_AGE, expected: `an age from 0 to ${MAX_AGE}` };
  let ageMin = c.number(raw.ageMin, `${path}.ageMin`, 'ageMin', age);
  let ageMax = c.number(raw.ageMax, `${path}.ageMax`, 'ageMax', age);
  if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax) {
    // Neither end can be trusted; without them the listing shows for every age
    // rather than vanishing from a prescriber's age filter.
    c.warn('age-range', `${path}.ageMin`, `ageMin no more than ageMax (${ageMax})`, ageMin, `ageMin ${ageMin} is more than ageMax ${ageMax}`, 'both ages dropped');
    ageMin = undefined;
    ageMax = undefined;
  }
  if (ageMin !== undefined) out.ageMin = ageMin;
  if (ageMax !== undefined) out.ageMax = ageMax;
  const description = c.text(raw.description, `${path}.description`, 'the audience description', SUMMARY_LENGTH);
  if (description) out.description = description;
  const gender = c.oneOf(raw.gender, GENDERS, `${path}.gender`, 'gender');
  if (gender) out.gender = gender;
  return Object.keys(out).length ? out : undefined;
}

function readCost(c: Checker, raw: unknown, path: string): Cost | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'cost', 'an object ({"free": true} or {"amount": 3, "per": "session"})', raw);
    return undefined;
  }
  const out: Cost = {};
  const free = c.boolean(raw.free, `${path}.free`, 'free');
  if (free !== undefined) out.free = free;
  const description = c.text(raw.description, `${path}.description`, 'the cost description', SUMMARY_LENGTH);
  if (description) out.description = description;
  const amount = c.number(raw.amount, `${path}.amount`, 'the cost amount', { min: 0, max: MAX_COST, expected: `a number of pounds from 0 to ${thousands(MAX_COST)}` }, (words) => {
    if (out.description === undefined) {
      out.description = words;
      return 'moved to the cost description';
    }
    return 'dropped (the cost description is kept)';
  });
  if (amount !== undefined) out.amount = amount;
  const per = c.oneOf(raw.per, COST_PER, `${path}.per`, 'cost per');
  if (per) out.per = per;
  const help = c.text(raw.help, `${path}.help`, 'help with the cost', SUMMARY_LENGTH);
  if (help) out.help = help;
  const budget = c.boolean(raw.personalBudget, `${path}.personalBudget`, 'personalBudget');
  if (budget !== undefined) out.personalBudget = budget;
  return Object.keys(out).length ? out : undefined;
}

function readOpeningHours(c: Checker, raw: unknown, path: string): OpeningHours | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'openingHours', 'an object of weekday to hours ({"mo": "09:00-17:00"})', raw);
    return undefined;
  }
  const out: OpeningHours = {};
  for (const day of WEEKDAYS) {
    const value = raw[day];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && parseOpeningHours(value) !== undefined) {
      out[day] = value.trim();
    } else {
      c.warn('bad-hours', `${path}.${day}`, 'hours like "09:00-13:00,14:00-17:00", or "" for closed', value, `the opening hours for "${day}" cannot be read`, `${day} dropped`);
    }
  }
  const notes = c.text(raw.notes, `${path}.notes`, 'the opening hours notes', SUMMARY_LENGTH);
  if (notes) out.notes = notes;
  return Object.keys(out).length ? out : undefined;
}

function readContact(c: Checker, raw: unknown, path: string): Contact | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'contact', 'an object with phone, email or url', raw);
    return undefined;
  }
  const out: Contact = {};
  for (const key of ['name', 'phone', 'textphone'] as const) {
    const value = c.string(raw[key], `${path}.${key}`, `contact ${key}`);
    if (value) out[key] = value;
  }
  const email = c.string(raw.email, `${path}.email`, 'contact email');
  if (email) {
    if (EMAIL_PATTERN.test(email)) out.email = email;
    else c.warn('bad-email', `${path}.email`, 'an email address (name@example.org)', email, `contact email ${describeValue(email)} is not an email address`, 'email dropped');
  }
  const url = c.url(raw.url, `${path}.url`, 'contact url');
  if (url) out.url = url;
  return Object.keys(out).length ? out : undefined;
}
