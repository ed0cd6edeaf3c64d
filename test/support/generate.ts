/**
 * Test data made to order, for the tests and the benchmarks alike (bench/ imports
 * it from here). The same seed always gives the same data, so runs compare like
 * with like and a failing test can be run again on exactly what failed.
 *
 * `generateFeed`: feeds of any size with the three kinds, needs,
 * categories, costs, ages, access features, weekly and monthly sessions,
 * opening hours, wards and a few Welsh names, over a town-sized area.
 * `townPoints`: places crowded near a centre and thin at the edges, as in a
 * real town or county, for the map.
 */
import type { Feed, Listing } from '@community-atlas/core';

const ACTIVITIES = [
  ['Health walk', 'physical-activity', ['loneliness', 'physical-activity']],
  ['Knit and natter', 'crafts', ['loneliness']],
  ['Lunch club', 'food', ['loneliness', 'food']],
  ['Community choir', 'music', ['low-mood', 'arts']],
  ['Allotment group', 'gardening', ['nature', 'physical-activity']],
  ['Chair yoga', 'physical-activity', ['pain', 'physical-activity']],
  ['Tai chi', 'physical-activity', ['physical-activity', 'long-term-conditions']],
  ['Repair café', 'skills', ['learning']],
  ['Carers’ café', 'carers', ['carers', 'loneliness']],
  ['Bereavement peer support', 'peer-support', ['bereavement', 'low-mood']],
  ['Money advice drop-in', 'advice', ['money', 'benefits']],
  ['Digital help sessions', 'skills', ['digital', 'learning']],
  ['Men’s shed', 'crafts', ['loneliness', 'confidence']],
  ['Memory café', 'dementia', ['dementia', 'carers']],
  ['Parent and toddler group', 'families', ['parenting']],
  ['Walking football', 'physical-activity', ['physical-activity', 'weight']],
  ['Book club', 'reading', ['loneliness', 'learning']],
  ['Food bank', 'food', ['food', 'money']],
] as const;
const PLACES = ['Riverside', 'Northbridge', 'St Anne’s', 'Millfield', 'Eastgate', 'Harbour', 'Oakwood', 'Castle Hill', 'Brookside', 'Westfield', 'Priory', 'Hillcrest'];
const VENUES = ['Community Centre', 'Library', 'Methodist Hall', 'Leisure Centre', 'Park Pavilion', 'Scout Hut', 'Baptist Church Hall', 'Youth Centre'];
const ACCESS = ['step-free', 'wheelchair-accessible', 'accessible-toilet', 'hearing-loop', 'large-print', 'parking'];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** The first of each weekday from Monday 2 November 2026. */
const FIRST_DATES: Record<string, string> = Object.fromEntries(DAYS.map((day, i) => [day, `2026-11-${String(2 + i).padStart(2, '0')}`]));
const WARDS = ['riverside', 'northbridge-central', 'millfield', 'eastgate', 'oakwood', 'castle-hill', 'brookside', 'westfield'];

/** mulberry32: a small seeded generator, so a feed (or a test's random states) can be made again exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateFeed(count: number, seed = 20261122): Feed {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const listings: Listing[] = [];
  for (let i = 0; i < count; i++) {
    const [what, category, needs] = pick(ACTIVITIES);
    const place = pick(PLACES);
    const venue = `${place} ${pick(VENUES)}`;
    const roll = random();
    const kind = roll < 0.62 ? 'activity' : roll < 0.97 ? 'asset' : 'transfer';
    // Dense in the middle like a town, thinner at the edges: about 8 miles across.
    const r = random() ** 1.5 * 0.06;
    const angle = random() * Math.PI * 2;
    const lat = 52.24 + r * Math.sin(angle);
    const lng = -0.89 + r * Math.cos(angle) * 1.6;
    const name = kind === 'asset' ? venue : kind === 'transfer' ? `${place} ${pick(['Old Library', 'Pavilion', 'Community Hall', 'Allotments'])}` : `${place} ${what.toLowerCase()}`;
    const listing: Record<string, unknown> = {
      id: `l${i}`,
      kind,
      name: i % 40 === 0 ? { en: name, cy: `${name} (Cymraeg)` } : name,
      summary: `A friendly ${what.toLowerCase()} at ${venue}. Everyone welcome, no need to book.`,
      description: `Run by local volunteers since ${2000 + (i % 25)}. Tea and biscuits afterwards. Bring a friend or come on your own; someone will say hello at the door.`,
      categories: [category],
      needs: [...needs],
      cost: random() < 0.45 ? { free: true } : { amount: Math.round(random() * 8 * 2) / 2, per: 'session', ...(random() < 0.3 ? { help: 'Ask about a free place' } : {}) },
      audience: random() < 0.4 ? { ageMin: pick([16, 18, 50, 55, 65]) } : random() < 0.1 ? { ageMax: 11 } : {},
      referral: [random() < 0.8 ? 'self' : 'professional', ...(random() < 0.4 ? ['drop-in'] : [])],
      accessibility: ACCESS.filter(() => random() < 0.4),
      areas: [pick(WARDS)],
      location: { name: venue, postcode: `NN${1 + (i % 7)} ${1 + (i % 9)}AB`, lat: Number(lat.toFixed(5)), lng: Number(lng.toFixed(5)) },
      organisation: { name: `${place} Community Trust` },
      lastVerified: '2026-09-14',
    };
    if (kind === 'activity') {
      const day = pick(DAYS);
      const hour = 9 + Math.floor(random() * 10);
      const rrule = random() < 0.8 ? `FREQ=WEEKLY;BYDAY=${day}` : random() < 0.5 ? `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}` : `FREQ=MONTHLY;BYDAY=${1 + Math.floor(random() * 3)}${day}`;
      // A fortnightly session names its first date (the week it runs), as a real feed must: without one the normaliser drops it.
      const first = rrule.includes('INTERVAL') ? { date: FIRST_DATES[day]! } : {};
      listing.schedule = [{ rrule, ...first, start: `${String(hour).padStart(2, '0')}:00`, end: `${String(hour + 1).padStart(2, '0')}:30` }];
    } else if (kind === 'asset') {
      listing.openingHours = { mo: '09:00-17:00', tu: '09:00-17:00', we: '09:00-13:00', th: '09:00-17:00', fr: '09:00-16:30', ...(random() < 0.5 ? { sa: '10:00-13:00' } : {}) };
    } else {
      listing.transfer = { assetType: pick(['library', 'pavilion', 'hall', 'land']), status: pick(['available', 'proposed', 'under-offer']), dates: { eoiDeadline: `2027-0${1 + (i % 6)}-15` } };
    }
    listings.push(listing as unknown as Listing);
  }
  return { version: '1', publisher: { name: 'Benchborough Council', url: 'https://example.org' }, updated: '2026-11-01', licence: 'OGL-UK-3.0', listings } as Feed;
}

/** Where `townPoints` puts its points. */
export interface TownOptions {
  /** Default 7. */
  seed?: number;
  /** [lat, lng]; default the West Midlands. */
  centre?: readonly [number, number];
  /** How far out, in degrees of longitude (latitude is 0.6 of it); default 1.5. */
  spread?: number;
}

/**
 * `count` points around `centre`, squared offsets crowding them near it, each of
 * the three kinds in turn. Its own small generator (a linear congruential one), so
 * the points are the ones the map's tests and benchmarks were written against.
 */
export function townPoints(count: number, { seed = 7, centre = [52.5, -1.9], spread = 1.5 }: TownOptions = {}): { lat: number; lng: number; kind: 'asset' | 'activity' | 'transfer' }[] {
  const random = (): number => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const kinds = ['asset', 'activity', 'transfer'] as const;
  return Array.from({ length: count }, (_, i) => {
    const r = random() ** 2 * spread;
    const a = random() * Math.PI * 2;
    return { lat: centre[0] + r * Math.sin(a) * 0.6, lng: centre[1] + r * Math.cos(a), kind: kinds[i % 3]! };
  });
}

/** The map benchmarks' points, the same for every page they compare. */
export const benchPoints = (count: number): ReturnType<typeof townPoints> => townPoints(count, { centre: [52.48, -1.9], spread: 1.2 });

/** Postcode areas `nationalFeed` spreads its listings over, with a centre each: WS is 7 miles from B, CV 17, the rest far. */
export const NATIONAL_AREAS: Readonly<Record<string, readonly [number, number]>> = {
  B: [52.48, -1.9], WS: [52.58, -1.98], CV: [52.41, -1.51], LS: [53.8, -1.55], CF: [51.48, -3.18], EH: [55.95, -3.19], SW: [51.46, -0.17],
};

/**
 * A national directory in small: `generateFeed`'s listings moved to the postcode
 * areas of NATIONAL_AREAS in turn (each within about 3 miles of its centre,
 * postcode districts 1 to 9), every 11th with coordinates but no postcode (a
 * grid shard) and every 17th with no place at all (online), for `atlas build --shards`.
 */
export function nationalFeed(count: number, seed = 20261206): Feed {
  const feed = generateFeed(count, seed);
  const random = prng(seed + 1);
  const areas = Object.entries(NATIONAL_AREAS);
  feed.listings = feed.listings.map((listing, i) => {
    if (i % 17 === 0) return { ...listing, location: undefined, delivery: ['online'] } as unknown as Listing;
    const [area, [lat, lng]] = areas[i % areas.length]!;
    const r = random() * 0.04;
    const angle = random() * Math.PI * 2;
    const place = { lat: Number((lat + r * Math.sin(angle)).toFixed(5)), lng: Number((lng + r * Math.cos(angle) * 1.6).toFixed(5)) };
    if (i % 11 === 0) return { ...listing, location: { name: listing.location?.name ?? 'Hall', ...place } } as Listing;
    return { ...listing, location: { ...listing.location!, ...place, postcode: `${area}${1 + (i % 9)} ${1 + (i % 8)}AB` } } as Listing;
  });
  return feed;
}
