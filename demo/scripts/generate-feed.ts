/**
 * Writes demo/feed.json: about 600 plausible listings for the fictional borough of
 * Northbridge (postcode area "NB", which does not exist, so no real address is ever
 * implied), placed over a real town-sized patch of the English Midlands.
 *
 * Deterministic: a seeded PRNG and a fixed reference date, so the same script always
 * writes the same bytes and the demo pages, screenshots and journeys stay stable.
 * Dates are anchored on REFERENCE_DATE rather than "today" for the same reason; the
 * sessions and deadlines run for a year onwards from it.
 *
 * Run: npx tsx demo/scripts/generate-feed.ts   (or npm run demo:feed)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  AreaDefinition,
  Cost,
  Feed,
  Gazetteer,
  Listing,
  Location,
  OpeningHours,
  Session,
  Text,
  TransferDetails,
  AcvDetails,
} from '../../packages/core/src/feed/types.js';
import { acvDates } from '../../packages/core/src/transfer/index.js';

const REFERENCE_DATE = '2026-11-01';
// An output folder may be given (tests regenerate into a temporary one and compare).
const OUT_DIR = process.argv[2] ? resolve(process.argv[2]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(OUT_DIR, 'feed.json');

// ---------------------------------------------------------------------------
// Seeded randomness (mulberry32): small, fast and the same on every platform.

let seed = 0x4e42_2026;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (p: number): boolean => random() < p;
function some<T>(items: readonly T[], min: number, max: number): T[] {
  const pool = [...items];
  const n = Math.min(pool.length, int(min, max));
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  return out;
}

// ---------------------------------------------------------------------------
// Dates, all relative to the reference date.

const DAY_MS = 86_400_000;
const REF_MS = Date.parse(`${REFERENCE_DATE}T00:00:00Z`);
const isoDay = (offsetDays: number): string => new Date(REF_MS + offsetDays * DAY_MS).toISOString().slice(0, 10);
/** Weekday of a day offset, Monday 0 (2026-11-01 is a Sunday). */
const weekdayOfOffset = (offsetDays: number): number => (new Date(REF_MS + offsetDays * DAY_MS).getUTCDay() + 6) % 7;
const RRULE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

// ---------------------------------------------------------------------------
// The place: eight wards, each with a postcode district and a few sectors.

const CENTRE = { lat: 52.6, lng: -1.43 };

interface Ward {
  id: string;
  name: string;
  cy?: string;
  district: string;
  lat: number;
  lng: number;
  streets: string[];
}

const WARDS: Ward[] = [
  { id: 'market-cross', name: 'Market Cross', district: 'NB1', lat: 52.6005, lng: -1.4305, streets: ['High Street', 'Market Square', 'Sheep Street', 'Church Walk', 'Bridge Street', 'Corn Exchange Yard'] },
  { id: 'castle-hill', name: 'Castle Hill', district: 'NB2', lat: 52.6178, lng: -1.4452, streets: ['Castle Road', 'Keep Avenue', 'Bailey Lane', 'Moat Close', 'Tower View'] },
  { id: 'riverside', name: 'Riverside', district: 'NB3', lat: 52.5912, lng: -1.4021, streets: ['Wharf Road', 'Towpath Lane', 'Lock Street', 'Ferry Close', 'Mill Race'] },
  { id: 'abbey-fields', name: 'Abbey Fields', district: 'NB4', lat: 52.5821, lng: -1.4477, streets: ['Abbey Road', 'Priory Crescent', 'Cloister Way', 'Monks Walk', 'Chapter Lane'] },
  { id: 'millbrook', name: 'Millbrook', district: 'NB5', lat: 52.6251, lng: -1.4093, streets: ['Millbrook Road', 'Weir Lane', 'Brook Street', 'Spinney Drive', 'Hopper Close'] },
  { id: 'kingsley', name: 'Kingsley', district: 'NB6', lat: 52.5703, lng: -1.4212, streets: ['Kingsley Avenue', 'Coronation Road', 'Jubilee Way', 'Elm Grove', 'Sycamore Road'] },
  { id: 'st-annes', name: "St Anne's", district: 'NB7', lat: 52.6102, lng: -1.4768, streets: ["St Anne's Road", 'Vicarage Lane', 'Glebe Close', 'Chantry Road', 'Bellfield Drive'] },
  { id: 'hollowell', name: 'Hollowell', district: 'NB8', lat: 52.5898, lng: -1.4652, streets: ['Hollowell Lane', 'Orchard Way', 'Quarry Road', 'Hawthorn Rise', 'Cherry Tree Walk'] },
];

const SECTORS_PER_WARD = 4;
const sectorCentre = new Map<string, [number, number]>();
for (const ward of WARDS) {
  for (let s = 1; s <= SECTORS_PER_WARD; s++) {
    // Sectors sit around their ward's centre, about 700 m out.
    const angle = (s / SECTORS_PER_WARD) * Math.PI * 2 + ward.lat;
    sectorCentre.set(`${ward.district} ${s}`, [round(ward.lat + Math.sin(angle) * 0.0063), round(ward.lng + Math.cos(angle) * 0.0102)]);
  }
}

function round(n: number, places = 6): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const usedPostcodes = new Set<string>();
function placeIn(ward: Ward): { postcode: string; lat: number; lng: number; address: string[] } {
  const sector = int(1, SECTORS_PER_WARD);
  const [slat, slng] = sectorCentre.get(`${ward.district} ${sector}`) as [number, number];
  let postcode = '';
  do postcode = `${ward.district} ${sector}${pick([...UNIT_LETTERS])}${pick([...UNIT_LETTERS])}`;
  while (usedPostcodes.has(postcode) && usedPostcodes.size < 5000);
  usedPostcodes.add(postcode);
  return {
    postcode,
    lat: round(slat + (random() - 0.5) * 0.006),
    lng: round(slng + (random() - 0.5) * 0.009),
    address: [`${int(1, 180)} ${pick(ward.streets)}`, 'Northbridge'],
  };
}

// ---------------------------------------------------------------------------
// Listing templates.

interface Template {
  kind: 'asset' | 'activity';
  /** Several names to vary by; `{ward}` is replaced by the ward's name. */
  names: string[];
  cy?: string;
  summary: string;
  summaryCy?: string;
  categories: string[];
  needs: string[];
  count: number;
  ageMin?: number;
  ageMax?: number;
  audience?: string;
  cost?: 'free' | 'paid' | 'mixed';
  referral?: Listing['referral'];
  howToJoin?: string;
  schedule?: 'weekly' | 'fortnightly' | 'monthly' | 'one-off' | 'mixed';
  openingHours?: boolean;
  times?: [string, string][];
  delivery?: Listing['delivery'];
  approximate?: boolean;
  keywords?: string[];
  organisation?: string;
  venues?: boolean;
}

const ORGS = [
  'Northbridge Community Trust', 'Age UK Northbridge', 'Northbridge Mind', 'Northbridge Carers Centre',
  'Northbridge Borough Council', 'Northbridge Primary Care Network', 'Riverside Residents Together',
  'Northbridge Volunteer Centre', 'Citizens Advice Northbridge', 'Northbridge Libraries', 'Northbridge Leisure',
];

const TEMPLATES: Template[] = [
  // --- assets
  { kind: 'asset', names: ['{ward} Community Centre', '{ward} Neighbourhood Centre'], cy: 'Canolfan Gymunedol {ward}', summary: 'A community centre with rooms to hire, a café and a weekly programme of groups.', summaryCy: 'Canolfan gymunedol gydag ystafelloedd i’w llogi, caffi a rhaglen wythnosol o grwpiau.', categories: ['community-centre'], needs: ['loneliness'], count: 14, cost: 'free', referral: 'drop-in', openingHours: true, keywords: ['room hire', 'hall hire'] },
  { kind: 'asset', names: ['{ward} Village Hall', "St Anne's Church Hall", '{ward} Scout Hut', '{ward} Memorial Hall', 'Methodist Hall, {ward}'], summary: 'A hall for hire by community groups, with a kitchen and parking.', categories: ['hall'], needs: [], count: 18, cost: 'paid', referral: 'self', keywords: ['room hire'] },
  { kind: 'asset', names: ['{ward} Library'], cy: 'Llyfrgell {ward}', summary: 'Books, free computers and Wi-Fi, children’s rhyme time and help getting online.', summaryCy: 'Llyfrau, cyfrifiaduron a Wi-Fi am ddim, amser rhigwm i blant a help i fynd ar-lein.', categories: ['library'], needs: ['digital', 'loneliness'], count: 8, cost: 'free', referral: 'drop-in', openingHours: true, organisation: 'Northbridge Libraries' },
  { kind: 'asset', names: ['{ward} Park', '{ward} Recreation Ground', '{ward} Community Garden', '{ward} Allotments', '{ward} Nature Reserve', '{ward} Pocket Park'], summary: 'Green space open to everyone, with paths, benches and seasonal volunteering days.', categories: ['park-garden'], needs: ['physical-activity', 'low-mood'], count: 24, cost: 'free', referral: 'drop-in' },
  { kind: 'asset', names: ['{ward} Food Bank', '{ward} Community Pantry', '{ward} Community Fridge'], summary: 'Emergency food parcels and a low-cost pantry. Some sessions need a voucher from an agency.', categories: ['food'], needs: ['food', 'money'], count: 10, cost: 'free', referral: ['self', 'professional'], howToJoin: 'Come along during opening hours. Food bank parcels need a voucher from a referral agency such as your GP, Citizens Advice or a housing officer.', openingHours: true, organisation: 'Northbridge Community Trust' },
  { kind: 'asset', names: ['{ward} Tenants’ and Residents’ Association', '{ward} Residents’ Forum'], summary: 'Residents working together on housing repairs, green spaces and community events.', categories: ['tenants-association'], needs: ['housing', 'loneliness'], count: 12, cost: 'free', referral: 'self' },
  { kind: 'asset', names: ['Northbridge Time Bank', '{ward} Time Bank'], summary: 'Give an hour of help, get an hour back: gardening, lifts, shopping, DIY and company.', categories: ['time-bank', 'volunteering'], needs: ['loneliness', 'work'], count: 4, cost: 'free', referral: 'self' },
  { kind: 'asset', names: ['Citizens Advice drop-in, {ward}', 'Money advice at {ward}', '{ward} Welfare Rights Surgery', 'Housing advice, {ward}', 'Debt advice line'], summary: 'Free, confidential advice on benefits, debt, housing, work and consumer problems.', categories: ['advice'], needs: ['money', 'housing', 'work'], count: 16, cost: 'free', referral: ['self', 'drop-in'], openingHours: true, organisation: 'Citizens Advice Northbridge' },
  { kind: 'asset', names: ['St Mary’s Church, {ward}', '{ward} Methodist Church', '{ward} Mosque', 'Gurdwara Sahib Northbridge', '{ward} Baptist Church', 'Quaker Meeting House', '{ward} Community Church'], summary: 'A faith community that welcomes everyone to its coffee mornings, lunch club and warm space.', categories: ['faith-group'], needs: ['loneliness', 'bereavement'], count: 24, cost: 'free', referral: 'drop-in', openingHours: false },
  { kind: 'asset', names: ['Volunteer driver', 'Library volunteer', 'Park ranger volunteer', 'Food bank volunteer', 'Befriending volunteer', 'Café volunteer', 'Digital champion', 'Gardening volunteer', 'Charity shop volunteer', 'Walk leader'], summary: 'A volunteering role: training given, expenses paid, a few hours a week.', categories: ['volunteering'], needs: ['work', 'loneliness', 'low-mood'], count: 36, cost: 'free', referral: 'self', organisation: 'Northbridge Volunteer Centre', howToJoin: 'Ring or email the Volunteer Centre for a friendly chat about the role.' },
  // --- activities
  { kind: 'activity', names: ['{ward} health walk', 'Riverside walk and talk', 'Nordic walking, {ward}', 'Buggy walk, {ward}', 'Walking for wellbeing'], cy: 'Taith iechyd {ward}', summary: 'A gentle hour’s walk with a trained leader, then tea.', summaryCy: 'Taith gerdded hamddenol am awr gydag arweinydd hyfforddedig, yna paned.', categories: ['physical-activity', 'walking'], needs: ['physical-activity', 'loneliness', 'low-mood', 'weight'], count: 30, ageMin: 18, cost: 'free', referral: 'drop-in', schedule: 'weekly', times: [['10:00', '11:00'], ['10:30', '11:30'], ['13:30', '14:30']], organisation: 'Northbridge Leisure', venues: true },
  { kind: 'activity', names: ['Men’s shed, {ward}', '{ward} Repair Café', 'Woodwork club'], summary: 'Make, mend and chat over a cuppa in a friendly workshop.', categories: ['social', 'skills'], needs: ['loneliness', 'low-mood', 'work'], count: 10, ageMin: 18, cost: 'mixed', referral: 'drop-in', schedule: 'mixed', times: [['10:00', '13:00'], ['13:00', '16:00']] },
  { kind: 'activity', names: ['Peer support group for low mood', 'Anxiety peer support', 'Hearing Voices group', 'Wellbeing café', 'Mindfulness for beginners'], summary: 'A safe, friendly group to talk about how you are feeling with people who understand.', categories: ['mental-health', 'peer-support'], needs: ['low-mood', 'loneliness'], count: 22, ageMin: 18, cost: 'free', referral: ['self', 'professional'], schedule: 'mixed', times: [['18:00', '19:30'], ['14:00', '15:30'], ['10:30', '12:00']], organisation: 'Northbridge Mind' },
  { kind: 'activity', names: ['Telephone befriending', 'Home-visiting befriending', 'Friendship café', 'Lunch club', 'Tea and chat'], summary: 'Regular friendly company: a chat over tea, a phone call or a visit at home.', categories: ['befriending', 'social'], needs: ['loneliness', 'bereavement'], count: 22, ageMin: 60, cost: 'mixed', referral: ['self', 'professional'], schedule: 'weekly', times: [['11:00', '13:00'], ['14:00', '16:00']], organisation: 'Age UK Northbridge' },
  { kind: 'activity', names: ['Art for wellbeing', 'Community choir', 'Singing for the brain', 'Creative writing group', 'Ukulele club', 'Pottery drop-in', 'Knit and natter'], summary: 'Make something, learn something and meet people. No experience needed.', categories: ['arts'], needs: ['loneliness', 'low-mood'], count: 30, cost: 'mixed', referral: ['self', 'drop-in'], schedule: 'mixed', times: [['10:00', '12:00'], ['13:30', '15:30'], ['19:00', '21:00']] },
  { kind: 'activity', names: ['Community gardening', 'Green gym', 'Grow your own', 'Allotment mentoring', 'Conservation volunteers'], summary: 'Get outdoors: grow food, look after green spaces and get moving at your own pace.', categories: ['gardening', 'physical-activity'], needs: ['physical-activity', 'low-mood', 'loneliness'], count: 20, cost: 'free', referral: 'self', schedule: 'weekly', times: [['10:00', '13:00'], ['13:00', '15:00']], venues: true },
  { kind: 'activity', names: ['Chair-based exercise', 'Strength and balance class', 'Tai chi for health', 'Gentle yoga', 'Walking football', 'Aqua fit', 'Exercise on referral', 'Couch to 5K', 'Seated dance'], summary: 'A friendly exercise class at your own pace, led by a qualified instructor.', categories: ['physical-activity', 'exercise'], needs: ['physical-activity', 'long-term-conditions', 'weight'], count: 36, ageMin: 18, cost: 'paid', referral: ['self', 'professional'], schedule: 'weekly', times: [['09:30', '10:30'], ['11:00', '12:00'], ['14:00', '15:00'], ['18:30', '19:30']], organisation: 'Northbridge Leisure' },
  { kind: 'activity', names: ['Carers’ café', 'Dementia carers support group', 'Young carers club', 'Carers’ pamper morning', 'Carers’ coffee morning'], summary: 'Time for you: a cuppa, a chat and information for people looking after someone.', categories: ['carers', 'peer-support'], needs: ['carers', 'loneliness', 'low-mood'], count: 16, cost: 'free', referral: ['self', 'professional'], schedule: 'monthly', times: [['10:00', '12:00'], ['13:30', '15:00']], organisation: 'Northbridge Carers Centre' },
  { kind: 'activity', names: ['Bereavement support group', 'Bereavement café', 'Living with loss'], summary: 'A gentle, understanding group for people who have lost someone close.', categories: ['bereavement', 'peer-support'], needs: ['bereavement', 'low-mood', 'loneliness'], count: 8, ageMin: 18, cost: 'free', referral: ['self', 'professional'], schedule: 'monthly', times: [['14:00', '16:00'], ['18:30', '20:00']] },
  { kind: 'activity', names: ['Diabetes education course', 'Living well with a long-term condition', 'Breathe easy (lung health)', 'Pain management course', 'Heart health group', 'Weight management course'], summary: 'Learn to manage your health with others in the same boat, led by health professionals.', categories: ['health', 'course'], needs: ['long-term-conditions', 'weight', 'physical-activity'], count: 18, ageMin: 18, cost: 'free', referral: 'professional', howToJoin: 'Ask your GP, practice nurse or social prescriber to refer you.', schedule: 'mixed', times: [['10:00', '12:00'], ['14:00', '16:00']], organisation: 'Northbridge Primary Care Network' },
  { kind: 'activity', names: ['Get online', 'Digital drop-in', 'Smartphone basics', 'Online safety for beginners'], summary: 'Friendly one-to-one help with phones, tablets, email and online forms.', categories: ['digital', 'course'], needs: ['digital', 'loneliness'], count: 14, cost: 'free', referral: 'drop-in', schedule: 'weekly', times: [['10:00', '12:00'], ['14:00', '16:00']], organisation: 'Northbridge Libraries' },
  { kind: 'activity', names: ['Job club', 'CV and interview workshop', 'English for speakers of other languages', 'Maths for work', 'Confidence and work course'], summary: 'Help with CVs, job searches, applications and interviews, and the skills employers ask for.', categories: ['employment', 'course'], needs: ['work', 'money'], count: 14, ageMin: 16, cost: 'free', referral: ['self', 'professional'], schedule: 'mixed', times: [['09:30', '12:00'], ['13:00', '15:00']] },
  { kind: 'activity', names: ['Stay and play', 'Baby massage', 'Parenting course', 'Dads’ group', 'Rhyme time'], summary: 'Play, songs and support for parents and carers with young children.', categories: ['families'], needs: ['parenting', 'loneliness'], count: 16, ageMax: 5, audience: 'Parents and carers with children under 5', cost: 'mixed', referral: 'drop-in', schedule: 'weekly', times: [['09:30', '11:00'], ['10:00', '11:30'], ['13:30', '15:00']] },
  { kind: 'activity', names: ['Recovery café', 'SMART Recovery meeting', 'Alcohol and drug support drop-in'], summary: 'Non-judgemental support for anyone wanting to cut down or stop drinking or using drugs.', categories: ['recovery', 'peer-support'], needs: ['alcohol-drugs', 'low-mood'], count: 8, ageMin: 18, cost: 'free', referral: ['self', 'drop-in'], schedule: 'weekly', times: [['18:00', '19:30'], ['11:00', '13:00']] },
  { kind: 'activity', names: ['Cook and eat', 'Community meal', 'Budget cooking course', 'Warm space lunch'], summary: 'Cook and share a healthy meal on a budget; everyone eats together at the end.', categories: ['food', 'social'], needs: ['food', 'money', 'loneliness', 'weight'], count: 14, cost: 'mixed', referral: 'drop-in', schedule: 'mixed', times: [['12:00', '14:00'], ['17:30', '19:30']] },
  { kind: 'activity', names: ['Youth club', 'Teen drop-in', 'Young people’s wellbeing group'], summary: 'A safe space for young people: games, sport, trips and someone to talk to.', categories: ['young-people'], needs: ['low-mood', 'loneliness'], count: 10, ageMin: 11, ageMax: 18, cost: 'free', referral: 'drop-in', schedule: 'weekly', times: [['18:00', '20:00'], ['16:00', '18:00']] },
  { kind: 'activity', names: ['Winter wellbeing fair', 'Health check day', 'Community open day', 'Benefits check day', 'Christmas lunch', 'Spring clean-up day', 'Summer fun day'], summary: 'A one-off event with stalls, advice and friendly faces. Everyone welcome.', categories: ['event'], needs: ['loneliness', 'money', 'long-term-conditions'], count: 14, cost: 'free', referral: 'drop-in', schedule: 'one-off', times: [['10:00', '14:00'], ['11:00', '15:00']] },
];

const ACCESSIBILITY = ['step-free', 'wheelchair-accessible', 'accessible-toilet', 'hearing-loop', 'large-print', 'easy-read', 'quiet-space', 'accessible-parking', 'assistance-dogs', 'dementia-friendly', 'seating', 'changing-places', 'bsl'];

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const usedIds = new Set<string>();
function uniqueId(base: string): string {
  let id = slug(base);
  for (let n = 2; usedIds.has(id); n++) id = `${slug(base)}-${n}`;
  usedIds.add(id);
  return id;
}

function phone(): string {
  return `01632 ${int(100, 999)}${int(100, 999)}`;
}

function costFor(kind: Template['cost']): Cost | undefined {
  const mode = kind === 'mixed' ? pick(['free', 'paid', 'paid'] as const) : kind;
  if (!mode) return undefined;
  if (mode === 'free') return { free: true };
  const amount = pick([2, 2.5, 3, 3.5, 4, 5, 6]);
  const cost: Cost = { amount, per: 'session', description: `£${amount.toFixed(2).replace(/\.00$/, '')} a session` };
  if (chance(0.5)) cost.help = pick(['Free for carers and people on Universal Credit.', 'Pay what you can: nobody is turned away.', 'Concessions £1 with a Northbridge Leisure card.', 'First session free.']);
  if (chance(0.3)) cost.personalBudget = true;
  return cost;
}

function openingHours(kind: string): OpeningHours {
  const pattern = pick([
    { mo: '09:00-17:00', tu: '09:00-17:00', we: '09:00-13:00', th: '09:00-19:00', fr: '09:00-17:00', sa: '10:00-13:00' },
    { mo: '10:00-13:00,14:00-17:00', tu: '10:00-13:00,14:00-17:00', th: '10:00-13:00,14:00-19:00', sa: '09:30-12:30' },
    { tu: '10:00-14:00', th: '10:00-14:00', fr: '12:00-15:00' },
    { mo: '08:30-21:00', tu: '08:30-21:00', we: '08:30-21:00', th: '08:30-21:00', fr: '08:30-17:00', sa: '09:00-16:00', su: '10:00-14:00' },
  ]);
  const hours: OpeningHours = { ...pattern };
  if (kind === 'food' && chance(0.5)) hours.notes = 'Closed on bank holidays.';
  return hours;
}

function sessions(mode: Template['schedule'], times: [string, string][]): Session[] {
  const [start, end] = pick(times);
  const kind = mode === 'mixed' ? pick(['weekly', 'weekly', 'fortnightly', 'monthly'] as const) : mode;
  const weekday = int(0, 5);
  switch (kind) {
    case 'weekly': {
      const session: Session = { rrule: `FREQ=WEEKLY;BYDAY=${RRULE_DAYS[weekday]}`, start, end };
      if (chance(0.25)) {
        // Closed over Christmas: the matching weekday in the week from 22 December.
        let off = 51;
        while (weekdayOfOffset(off) !== weekday) off++;
        session.except = [isoDay(off)];
      }
      if (chance(0.1)) session.until = isoDay(int(120, 300));
      return [session];
    }
    case 'fortnightly': {
      // Anchor on the first matching weekday after the reference date, so "every other" has a start.
      let first = int(1, 14);
      while (weekdayOfOffset(first) !== weekday) first++;
      return [{ rrule: `FREQ=WEEKLY;INTERVAL=2;BYDAY=${RRULE_DAYS[weekday]}`, date: isoDay(first), start, end }];
    }
    case 'monthly': {
      const nth = pick([1, 2, 3, 4, -1]);
      return [{ rrule: `FREQ=MONTHLY;BYDAY=${nth}${RRULE_DAYS[weekday]}`, start, end }];
    }
    case 'one-off':
    default: {
      const offset = int(3, 360);
      return [{ date: isoDay(offset), start, end }];
    }
  }
}

function verified(): string {
  // Most listings checked in the last year; about one in eight is stale (over a year old).
  return chance(0.12) ? isoDay(-int(370, 700)) : isoDay(-int(3, 330));
}

const listings: Listing[] = [];
const usedNames = new Set<string>();

function venueIn(ward: Ward): string {
  return pick([`${ward.name} Community Centre`, `${ward.name} Library`, `${ward.name} Park`, `St Mary’s Church Hall`, `${ward.name} Leisure Centre`, `The Old School, ${ward.name}`]);
}

for (const template of TEMPLATES) {
  // Scaled up to about 600 in all, but never so far that a ward gets two places of the same name.
  const wardNamed = template.names.every((n) => n.includes('{ward}'));
  const total = Math.min(Math.round(template.count * 1.25), wardNamed ? template.names.length * WARDS.length : Infinity);
  for (let i = 0; i < total; i++) {
    const ward = WARDS[i % WARDS.length] as Ward;
    // Step the name on each time round the wards, so ward and name pairs do not repeat.
    let baseName = template.names[wardNamed ? Math.floor(i / WARDS.length) % template.names.length : i % template.names.length] as string;
    // A one-of-a-kind place ("Quaker Meeting House") appears once; later turns take a ward's own.
    if (template.kind === 'asset' && !baseName.includes('{ward}') && template.names.some((n) => n.includes('{ward}'))) {
      if (usedNames.has(baseName)) baseName = template.names.filter((n) => n.includes('{ward}'))[i % template.names.filter((n) => n.includes('{ward}')).length] as string;
      usedNames.add(baseName);
    }
    const en = baseName.replace('{ward}', ward.name);
    // Only the first name of a template has a Welsh form, so "cy" always translates "en".
    const name: Text = template.cy && baseName === template.names[0] && chance(0.6) ? { en, cy: template.cy.replace('{ward}', ward.name) } : en;
    const listing: Listing = { id: uniqueId(template.names.length > 1 && !baseName.includes('{ward}') ? `${en} ${ward.name}` : en), kind: template.kind, name };
    listing.summary = template.summaryCy && typeof name !== 'string' ? { en: template.summary, cy: template.summaryCy } : template.summary;
    const org = template.organisation ?? (chance(0.5) ? pick(ORGS) : undefined);
    if (org) listing.organisation = { name: org, url: `https://example.org/${slug(org)}` };
    if (chance(0.15)) listing.organisation = { ...(listing.organisation ?? { name: `${en} group` }), charityNumber: String(int(1_000_000, 1_199_999)) };
    listing.categories = [...template.categories];
    if (template.needs.length) listing.needs = some(template.needs, 1, template.needs.length);
    if (template.keywords) listing.keywords = [...template.keywords];
    if (template.ageMin !== undefined || template.ageMax !== undefined || template.audience) {
      listing.audience = {};
      if (template.ageMin !== undefined) listing.audience.ageMin = template.ageMin;
      if (template.ageMax !== undefined) listing.audience.ageMax = template.ageMax;
      if (template.audience) listing.audience.description = template.audience;
    }
    const cost = costFor(template.cost);
    if (cost) listing.cost = cost;
    if (template.referral) listing.referral = template.referral;
    if (template.howToJoin) listing.howToJoin = template.howToJoin;
    if (template.kind === 'activity') listing.companionWelcome = chance(0.7);
    const access = some(ACCESSIBILITY, 0, 4);
    if (access.length) listing.accessibility = access;

    // Where: phone-only and online ones have no place; home-visiting ones show an area only.
    const phoneOnly = /telephone|line$/i.test(en);
    const homeVisiting = /home-visiting/i.test(en);
    const online = template.kind === 'activity' && !phoneOnly && chance(0.04);
    if (phoneOnly) {
      listing.delivery = ['phone'];
    } else if (online) {
      listing.delivery = ['online'];
      listing.url = `https://example.org/online/${listing.id}`;
    } else {
      const place = placeIn(ward);
      const location: Location = { postcode: place.postcode, lat: place.lat, lng: place.lng };
      if (homeVisiting) {
        location.precision = 'approximate';
        location.radius = 1500;
        delete location.postcode;
        location.name = `${ward.name} area`;
        listing.delivery = ['in-person'];
      } else {
        // Activities happen somewhere with a name of its own; places are their own venue.
        location.name = template.kind === 'activity' || template.venues ? venueIn(ward) : en;
        location.address = place.address;
        if (chance(0.15)) location.directions = pick(['Bus 4 to Market Square, then 2 minutes’ walk.', 'Free parking behind the building.', 'Entrance round the side, by the car park.', 'Meet at the main gates.']);
      }
      listing.location = location;
    }
    listing.areas = chance(0.1) ? [ward.id, (WARDS[(i + 1) % WARDS.length] as Ward).id] : [ward.id];
    if (template.schedule) listing.schedule = sessions(template.schedule, template.times ?? [['10:00', '12:00']]);
    if (template.openingHours && listing.location) listing.openingHours = openingHours(template.categories[0] ?? '');
    listing.contact = {};
    if (chance(0.85) || phoneOnly) listing.contact.phone = phone();
    if (chance(0.7)) listing.contact.email = `${slug(en).slice(0, 24)}@example.org`;
    if (chance(0.4)) listing.contact.name = pick(['Jan', 'Priya', 'Tom', 'Aisha', 'Gareth', 'Mei', 'Sam', 'Olu', 'Bethan']);
    if (chance(0.5) && !listing.url) listing.url = `https://example.org/listings/${listing.id}`;
    listing.lastVerified = verified();
    listings.push(listing);
  }
}

// A domestic-abuse support service: never a pin, only a wide area.
listings.push({
  id: 'northbridge-domestic-abuse-support',
  kind: 'asset',
  name: 'Northbridge Domestic Abuse Support',
  summary: 'Confidential support, safety planning and refuge for anyone affected by domestic abuse. The address is never published.',
  categories: ['advice', 'domestic-abuse'],
  needs: ['housing', 'low-mood'],
  cost: { free: true },
  referral: ['self', 'professional'],
  howToJoin: 'Ring the 24-hour helpline. If you are in danger now, ring 999.',
  location: { precision: 'approximate', name: 'Northbridge', lat: CENTRE.lat, lng: CENTRE.lng, radius: 4000 },
  delivery: ['phone', 'in-person'],
  areas: WARDS.map((w) => w.id),
  contact: { phone: '01632 960000' },
  lastVerified: isoDay(-21),
});

// ---------------------------------------------------------------------------
// Community asset transfer listings and the assets-of-community-value register.

const DOCS = (id: string, withPlan: boolean): TransferDetails['documents'] => {
  const docs: NonNullable<TransferDetails['documents']> = [
    { title: 'Information pack', url: `https://example.org/transfers/${id}/information-pack.pdf`, type: 'pdf', sizeBytes: int(400_000, 2_400_000) },
    { title: 'Expression of interest form', url: `https://example.org/transfers/${id}/eoi-form.docx`, type: 'docx', sizeBytes: int(40_000, 90_000) },
    { title: 'Condition survey', url: `https://example.org/transfers/${id}/condition-survey.pdf`, type: 'pdf', sizeBytes: int(900_000, 5_000_000) },
  ];
  if (withPlan) docs.push({ title: 'Site plan', url: `https://example.org/transfers/${id}/site-plan.geojson`, type: 'geojson', sizeBytes: int(2_000, 9_000) });
  if (chance(0.5)) docs.push({ title: 'Running costs 2025/26', url: `https://example.org/transfers/${id}/running-costs.xlsx`, type: 'xlsx', sizeBytes: int(15_000, 40_000) });
  return docs;
};

function outline(lat: number, lng: number, dLat: number, dLng: number): Location['outline'] {
  const ring: [number, number][] = [
    [round(lng - dLng), round(lat - dLat)],
    [round(lng + dLng), round(lat - dLat)],
    [round(lng + dLng * 1.2), round(lat + dLat * 0.4)],
    [round(lng), round(lat + dLat)],
    [round(lng - dLng), round(lat + dLat * 0.6)],
    [round(lng - dLng), round(lat - dLat)],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

interface TransferSpec {
  name: string;
  ward: number;
  assetType: TransferDetails['assetType'];
  status: TransferDetails['status'];
  stage: string;
  tenure: NonNullable<TransferDetails['tenure']>;
  terms: NonNullable<TransferDetails['terms']>;
  /** Deadline offset from the reference date in days; negative is closed. */
  eoi?: number;
  reason: string;
  currentUse: string;
  floor?: number;
  site?: number;
  plan?: boolean;
  cy?: string;
}

const TRANSFERS: TransferSpec[] = [
  { name: 'Kingsley Community Centre', ward: 5, assetType: 'community-centre', status: 'available', stage: 'eoi-open', tenure: { type: 'leasehold', years: 25 }, terms: 'peppercorn', eoi: 45, reason: 'The council is reviewing its buildings and wants the centre run by the community that uses it.', currentUse: 'Community centre used by eight regular groups.', floor: 420, plan: true },
  { name: 'Abbey Fields Pavilion', ward: 3, assetType: 'pavilion', status: 'available', stage: 'information-session', tenure: { type: 'leasehold', years: 30 }, terms: 'peppercorn', eoi: 90, reason: 'Sports clubs asked to take on the pavilion and improve the changing rooms.', currentUse: 'Changing rooms for football and cricket.', floor: 180, site: 0.3 },
  { name: 'Millbrook Library', ward: 4, assetType: 'library', status: 'available', stage: 'eoi-open', tenure: { type: 'leasehold', years: 15 }, terms: 'nominal', eoi: 21, reason: 'Part of the library strategy: the library stays open, run by volunteers with council support.', currentUse: 'Branch library, 18 hours a week.', floor: 260, cy: 'Llyfrgell Millbrook' },
  { name: 'Land at Quarry Road', ward: 7, assetType: 'land', status: 'available', stage: 'notice-published', tenure: { type: 'freehold' }, terms: 'discounted', eoi: 120, reason: 'Surplus land that could become a community garden or orchard.', currentUse: 'Unused grassland.', site: 0.8, plan: true },
  { name: 'Castle Hill Scout Hut', ward: 1, assetType: 'hall', status: 'under-offer', stage: 'business-case', tenure: { type: 'leasehold', years: 20 }, terms: 'peppercorn', eoi: -30, reason: 'The scouts asked to take on the hut they have used for forty years.', currentUse: 'Scout and guide meetings.', floor: 140 },
  { name: 'The Old School, Hollowell', ward: 7, assetType: 'school', status: 'under-offer', stage: 'decision', tenure: { type: 'freehold' }, terms: 'discounted', eoi: -75, reason: 'Empty since the school moved; the council wants it back in community use.', currentUse: 'Empty.', floor: 900, site: 0.5 },
  { name: 'Riverside Boathouse', ward: 2, assetType: 'other', status: 'transferred', stage: 'completed', tenure: { type: 'leasehold', years: 99 }, terms: 'peppercorn', eoi: -300, reason: 'Transferred to Riverside Rowing and Canoe Club.', currentUse: 'Boat club and café.', floor: 210 },
  { name: "St Anne's Recreation Ground", ward: 6, assetType: 'open-space', status: 'proposed', stage: 'notice-published', tenure: { type: 'licence', years: 5 }, terms: 'nominal', reason: 'A friends group proposes to look after the ground and run the play area.', currentUse: 'Public open space and play area.', site: 2.4, plan: true },
  { name: 'Market Square Public Toilets', ward: 0, assetType: 'other', status: 'withdrawn', stage: 'eoi-open', tenure: { type: 'leasehold', years: 10 }, terms: 'market', eoi: -10, reason: 'Withdrawn: the council will keep running the toilets.', currentUse: 'Public toilets.', floor: 40 },
  { name: 'Millbrook Bowls Pavilion and Green', ward: 4, assetType: 'pavilion', status: 'available', stage: 'eoi-open', tenure: { type: 'leasehold', years: 25 }, terms: 'peppercorn', eoi: 200, reason: 'The bowls club wants to secure the green and open it to the wider community.', currentUse: 'Bowls club.', floor: 95, site: 0.4 },
  { name: 'Kingsley Youth Centre', ward: 5, assetType: 'community-centre', status: 'under-offer', stage: 'call-in', tenure: { type: 'leasehold', years: 25 }, terms: 'peppercorn', eoi: -120, reason: 'A youth charity will run the centre and add holiday activities.', currentUse: 'Youth club three evenings a week.', floor: 330 },
  { name: 'Former Depot, Wharf Road', ward: 2, assetType: 'land', status: 'available', stage: 'eoi-open', tenure: { type: 'freehold' }, terms: 'market', eoi: 60, reason: 'Surplus depot; community-led housing or workshops welcome.', currentUse: 'Empty depot yard.', site: 0.6, floor: 250 },
];

const STAGE_ORDER = ['notice-published', 'information-session', 'eoi-open', 'business-case', 'decision', 'call-in', 'completed'];

/** Land has no building to survey, and a building always has a condition; the random pick stays so the rest of the feed is unchanged. */
function conditionOf(assetType: TransferDetails['assetType'], picked: string): string {
  if (assetType === 'land' || assetType === 'open-space') return 'Not applicable (land).';
  return picked === 'Not applicable (land).' ? 'Fair: roof repairs needed within five years.' : picked;
}

for (const spec of TRANSFERS) {
  const ward = WARDS[spec.ward] as Ward;
  const place = placeIn(ward);
  const id = uniqueId(`transfer ${spec.name}`);
  const current = STAGE_ORDER.indexOf(spec.stage);
  const startOffset = (spec.eoi ?? 100) - 120;
  const stages = STAGE_ORDER.slice(0, current + 1).map((stageId, n) => ({ id: stageId, date: isoDay(startOffset + n * 20) }));
  const transfer: TransferDetails = {
    assetType: spec.assetType,
    status: spec.status,
    stages,
    currentStage: spec.stage,
    tenure: spec.tenure,
    terms: spec.terms,
    reason: spec.reason,
    currentUse: spec.currentUse,
    condition: conditionOf(spec.assetType, pick(['Fair: roof repairs needed within five years.', 'Good; heating replaced in 2022.', 'Poor: see the condition survey.', 'Not applicable (land).'])),
    restrictions: pick(['Must stay in community use.', 'No residential use without planning consent.', 'Public access to be kept during daylight hours.']),
    dates: { noticePublished: isoDay(startOffset) },
    documents: DOCS(id, Boolean(spec.plan)),
    expressionOfInterestUrl: `https://example.org/transfers/${id}/express-interest`,
  };
  if (spec.floor) transfer.floorAreaSqm = spec.floor;
  if (spec.site) transfer.siteAreaHa = spec.site;
  if (spec.tenure.type === 'freehold') {
    if (spec.terms === 'market') transfer.guidePrice = int(8, 30) * 10_000;
    else transfer.priceNotes = 'Discounted below market value for community benefit.';
  } else if (spec.terms === 'peppercorn') {
    transfer.priceNotes = 'Peppercorn rent';
  } else {
    transfer.guideRent = spec.terms === 'nominal' ? 1 : int(2, 9) * 1000;
  }
  if (spec.eoi !== undefined && transfer.dates) {
    // The same day as the information-session stage, which comes before expressions of interest open.
    transfer.dates.informationSession = isoDay(startOffset + 20);
    transfer.dates.eoiDeadline = isoDay(spec.eoi);
    if (spec.status === 'under-offer' || spec.status === 'transferred') transfer.dates.decision = isoDay(spec.eoi + 40);
  }
  const location: Location = { name: spec.name, address: place.address, postcode: place.postcode, lat: place.lat, lng: place.lng, uprn: String(int(10_000_000_000, 10_099_999_999)) };
  if (spec.plan) location.outline = outline(place.lat, place.lng, 0.0008, 0.0013);
  listings.push({
    id,
    kind: 'transfer',
    name: spec.cy ? { en: spec.name, cy: spec.cy } : spec.name,
    summary: `${spec.currentUse} Offered for community asset transfer on a ${spec.tenure.type}${spec.tenure.years ? ` of ${spec.tenure.years} years` : ''}.`,
    categories: ['asset-transfer', spec.assetType],
    location,
    areas: [ward.id],
    contact: { name: 'Community Asset Transfer team', email: 'asset.transfer@example.org', phone: '01632 960100' },
    url: `https://example.org/transfers/${id}`,
    lastVerified: isoDay(-int(2, 60)),
    transfer,
  });
}

interface AcvSpec {
  name: string;
  ward: number;
  status: AcvDetails['status'];
  nominatedBy: string;
  listedYearsAgo?: number;
  disposal?: number;
  use: string;
}

const ACVS: AcvSpec[] = [
  { name: 'The Red Lion, Market Square', ward: 0, status: 'listed', nominatedBy: 'Friends of the Red Lion', listedYearsAgo: 1.5, disposal: -20, use: 'Public house' },
  { name: 'Millbrook Post Office', ward: 4, status: 'listed', nominatedBy: 'Millbrook Residents’ Forum', listedYearsAgo: 3, use: 'Post office and shop' },
  { name: 'Castle Hill Social Club', ward: 1, status: 'listed', nominatedBy: 'Castle Hill Tenants’ and Residents’ Association', listedYearsAgo: 0.5, use: 'Social club and function room' },
  { name: 'Abbey Fields Playing Field', ward: 3, status: 'listed', nominatedBy: 'Abbey Fields Football Club', listedYearsAgo: 4.2, use: 'Playing field' },
  { name: 'The Plough, Hollowell', ward: 7, status: 'nominated', nominatedBy: 'Hollowell Village Society', use: 'Public house (closed)' },
  { name: 'Riverside Chapel', ward: 2, status: 'unsuccessful', nominatedBy: 'Riverside Heritage Group', use: 'Former chapel, now offices' },
];

for (const spec of ACVS) {
  const ward = WARDS[spec.ward] as Ward;
  const place = placeIn(ward);
  const id = uniqueId(`acv ${spec.name}`);
  const acv: AcvDetails = { status: spec.status, nominatedBy: spec.nominatedBy };
  if (spec.listedYearsAgo !== undefined) {
    const listed = -Math.round(spec.listedYearsAgo * 365);
    acv.nominatedOn = isoDay(listed - 56);
    acv.listedOn = isoDay(listed);
    // As a council's register states it: the last day of the five years beginning with the listing date (s.87(3)).
    acv.expiresOn = acvDates({ status: 'listed', listedOn: acv.listedOn }).listingEnds;
  } else {
    acv.nominatedOn = isoDay(-int(10, 40));
  }
  if (spec.disposal !== undefined) acv.disposalNotifiedOn = isoDay(spec.disposal);
  listings.push({
    id,
    kind: 'transfer',
    name: spec.name,
    summary: `${spec.use}. ${spec.status === 'listed' ? 'Listed as an asset of community value' : spec.status === 'nominated' ? 'Nominated as an asset of community value' : 'Nomination as an asset of community value was unsuccessful'}.`,
    categories: ['asset-of-community-value'],
    location: { name: spec.name, address: place.address, postcode: place.postcode, lat: place.lat, lng: place.lng },
    areas: [ward.id],
    contact: { email: 'community.right.to.bid@example.org' },
    url: `https://example.org/acv/${id}`,
    lastVerified: isoDay(-int(5, 90)),
    acv,
  });
}

// ---------------------------------------------------------------------------
// Listings kept badly on purpose, for `atlas report` (its tests assert the numbers):
// never checked, unanswered questions, a session series that has ended, a near
// duplicate of a food bank (same phone, name written differently) and a phone number
// too short to be a UK one. Written without the PRNG and after every other listing,
// so nothing above shifts.
const locationOf = (id: string): Location | undefined => {
  const found = listings.find((l) => l.id === id)?.location;
  return found ? { ...found } : undefined;
};
const castleHillFoodBank = listings.find((l) => l.id === 'castle-hill-food-bank');
listings.push(
  {
    id: 'hollowell-youth-drop-in',
    kind: 'activity',
    name: 'Hollowell youth drop-in',
    categories: ['youth'],
    ...(locationOf('hollowell-community-centre') ? { location: locationOf('hollowell-community-centre') } : {}),
    areas: ['hollowell'],
    contact: { phone: '0163 2960' },
  },
  {
    id: 'kingsley-knit-and-natter',
    kind: 'activity',
    name: 'Kingsley knit and natter',
    summary: 'Bring your knitting, or learn: tea and a chat.',
    categories: ['social', 'arts'],
    needs: ['loneliness'],
    cost: { free: true },
    audience: { ageMin: 18 },
    areas: ['kingsley'],
    schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=TH', start: '14:00', end: '16:00' }],
  },
  {
    id: 'summer-holiday-play-scheme',
    kind: 'activity',
    name: 'Summer holiday play scheme',
    summary: 'Games, crafts and a hot lunch for children in the summer holidays.',
    categories: ['children'],
    needs: ['parenting'],
    audience: { ageMin: 5, ageMax: 11 },
    cost: { free: true },
    areas: ['riverside'],
    ...(locationOf('riverside-food-bank') ? { location: { ...locationOf('riverside-food-bank'), name: 'Riverside Primary School' } } : {}),
    schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', date: '2026-07-27', until: '2026-08-28', start: '10:00', end: '15:00' }],
    contact: { email: 'playscheme@example.org' },
    lastVerified: '2026-06-01',
  },
  {
    id: 'hollowell-foodbank-tuesdays',
    kind: 'asset',
    name: 'Hollowell Foodbank',
    summary: 'Food parcels on Tuesdays.',
    categories: ['food'],
    needs: ['food'],
    cost: { free: true },
    areas: ['hollowell'],
    ...(locationOf('hollowell-food-bank') ? { location: locationOf('hollowell-food-bank') } : {}),
    lastVerified: '2024-03-12',
  },
  {
    id: 'castle-hill-food-bank-and-pantry',
    kind: 'asset',
    name: 'Castle Hill Food Bank and Pantry',
    summary: 'Emergency food parcels and a low-cost pantry.',
    categories: ['food'],
    needs: ['food'],
    cost: { free: true },
    areas: ['castle-hill'],
    delivery: ['phone'],
    contact: { phone: castleHillFoodBank?.contact?.phone ?? '01632 527321' },
    lastVerified: '2026-10-02',
  },
);

const areas: AreaDefinition[] = WARDS.map((w) => ({ id: w.id, name: w.name, type: 'ward' }));
const gazetteer: Gazetteer = {
  districts: Object.fromEntries(WARDS.map((w) => [w.district, [round(w.lat), round(w.lng)]])),
  sectors: Object.fromEntries([...sectorCentre.entries()]),
  attribution: 'Fictional postcodes for the Northbridge demo.',
};

// A local need on top of the default vocabulary, tagged without the PRNG so that the
// rest of the feed does not shift when this list changes.
const COST_OF_LIVING = /warm space|pantry|community fridge|community meal|budget cooking|welfare rights|benefits check/i;
for (const listing of listings) {
  const en = typeof listing.name === 'string' ? listing.name : (listing.name.en ?? '');
  if (COST_OF_LIVING.test(en)) listing.needs = [...(listing.needs ?? []), 'cost-of-living'];
}

const feed: Feed = {
  version: '1',
  publisher: {
    name: 'Northbridge Borough Council',
    id: 'northbridge',
    url: 'https://example.org',
    email: 'atlas@example.org',
    feedbackUrl: 'https://example.org/atlas/report?listing={id}&name={name}',
  },
  updated: REFERENCE_DATE,
  licence: 'OGL-UK-3.0',
  languages: ['en', 'cy'],
  vocabulary: {
    needs: [
      {
        id: 'cost-of-living',
        label: { en: 'Cost of living', cy: 'Costau byw' },
        synonyms: ['bills', 'energy bills', 'heating', 'warm space', 'skint', 'cost of living crisis'],
        categories: ['food', 'advice'],
      },
    ],
    // Names for the categories whose ids read badly when made readable ("Park garden").
    categories: [
      { id: 'park-garden', label: { en: 'Parks and gardens', cy: 'Parciau a gerddi' } },
      { id: 'faith-group', label: { en: 'Faith groups', cy: 'Grwpiau ffydd' } },
      { id: 'tenants-association', label: { en: 'Tenants’ and residents’ associations', cy: 'Cymdeithasau tenantiaid a thrigolion' } },
      { id: 'asset-of-community-value', label: { en: 'Assets of community value', cy: 'Asedau o werth cymunedol' } },
      { id: 'time-bank', label: { en: 'Time banks', cy: 'Banciau amser' } },
      { id: 'peer-support', label: { en: 'Peer support', cy: 'Cymorth gan gymheiriaid' } },
    ],
  },
  areas,
  gazetteer,
  listings,
};

writeFileSync(OUT, `${JSON.stringify(feed, null, 2)}\n`);
// The same fictional centroids as CSV, for trying `atlas import csv --postcodes` on demo/data.
const csvOf = (key: string, table: Record<string, [number, number]>): string =>
  `${key},lat,lng\n${Object.entries(table).map(([k, [lat, lng]]) => `${k},${lat},${lng}`).join('\n')}\n`;
mkdirSync(resolve(OUT_DIR, 'data'), { recursive: true });
writeFileSync(resolve(dirname(OUT), 'data', 'northbridge-postcode-sectors.csv'), csvOf('sector', gazetteer.sectors ?? {}));
writeFileSync(resolve(dirname(OUT), 'data', 'northbridge-postcode-districts.csv'), csvOf('outcode', gazetteer.districts ?? {}));
const counts = listings.reduce<Record<string, number>>((acc, l) => ({ ...acc, [l.kind]: (acc[l.kind] ?? 0) + 1 }), {});
process.stdout.write(`Wrote ${listings.length} listings (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}) to ${relative(process.cwd(), OUT)}\n`);
