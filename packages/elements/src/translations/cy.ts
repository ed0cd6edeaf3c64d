import { NEED_LABELS_CY } from '@community-atlas/core';
import type { AtlasStrings, WordsOfParts } from './en.js';
import { formatNumber, welshCount as count, type DateNames } from '../internal/format.js';

const results = (n: number): string => count(n, { two: 'ganlyniad', few: 'chanlyniad', many: 'chanlyniad', other: 'canlyniad' });

/**
 * The first screen's Welsh, loaded on a Welsh page's first update. Each part that loads on demand
 * brings its own Welsh (`WordsOfParts`: the prescriber's in shortlist/prescriber-cy.ts, a transfer's
 * in transfer/transfer-cy.ts and transfer/detail-cy.ts, an open listing's in listing/listing-cy.ts and
 * listing/body-cy.ts, a postcode search's in location/lookup-cy.ts, the suggestion list's and the
 * search hints' in search/suggestions-cy.ts and results/relax-cy.ts), and
 * translations/welsh.ts puts them together as the whole `cy` table for the npm entry. Each is
 * typed with its namespace of AtlasStrings in full: a word left out is a type error.
 */
const welsh = {
  locale: 'cy-GB',
  // Not "Chwilio" as well as the button: two controls with one name cannot be told apart.
  searchLabel: 'Chwilio am',
  searchHint: 'Er enghraifft, angen fel “unig”, gweithgaredd fel “cerdded”, neu le',
  searchHintTransfer: 'Er enghraifft, adeilad fel “neuadd” neu “llyfrgell”, neu le',
  searchButton: 'Chwilio',
  suggestionsLabel: 'Awgrymiadau',
  filtersHeading: 'Hidlo’r canlyniadau',
  showFilters: 'Rhagor o hidlwyr',
  activeFilters: 'Hidlwyr gweithredol',
  removeFilter: (label) => `Tynnu’r hidlydd: ${label}`,
  clearAll: 'Clirio pob hidlydd',
  allOptions: (n) => `Dangos pob un o’r ${n} dewis`,
  fewerOptions: 'Dangos llai o ddewisiadau',
  typeToFilter: (name) => `Teipiwch i gyfyngu ar “${name}”`,
  choices: {
    'cost-any': 'Unrhyw gost', 'cost-low': 'Am ddim neu gost isel', 'day-any': 'Unrhyw ddiwrnod', 'day-weekdays': 'Yn ystod yr wythnos (dydd Llun i ddydd Gwener)', 'day-weekend': 'Penwythnosau',
    'day-choose': 'Dewis diwrnodau', 'time-any': 'Unrhyw adeg o’r dydd', 'time-daytime': 'Yn ystod y dydd (bore neu brynhawn)', 'when-any': 'Unrhyw bryd', 'distance-any': 'Unrhyw bellter',
  },
  showResults: (n) => `Dangos ${n === 0 ? 'dim canlyniadau' : results(n)}`,
  resultsHeading: 'Canlyniadau',
  facetNames: {
    kind: 'Math', need: 'Angen', category: 'Categori', cost: 'Cost', day: 'Diwrnod', time: 'Adeg o’r dydd', when: 'Pryd',
    access: 'Hygyrchedd', referral: 'Sut i ymuno', language: 'Iaith', delivery: 'Sut mae’n cael ei gynnig', area: 'Ardal',
    distance: 'Pellter', status: 'Statws', assetType: 'Math o ased', tenure: 'Deiliadaeth', deadline: 'Dyddiad cau',
  },
  facetValues: {
    // The default needs' Welsh names come from core, with this chunk, so English pages never load them.
    need: NEED_LABELS_CY,
    kind: { asset: 'Lleoedd a grwpiau', activity: 'Gweithgareddau', transfer: 'Trosglwyddo asedau' },
    cost: { free: 'Am ddim', 'low-cost': 'Cost isel', help: 'Help gyda’r gost', 'personal-budget': 'Cyllideb bersonol' },
    day: { mo: 'Dydd Llun', tu: 'Dydd Mawrth', we: 'Dydd Mercher', th: 'Dydd Iau', fr: 'Dydd Gwener', sa: 'Dydd Sadwrn', su: 'Dydd Sul' },
    time: { morning: 'Bore', afternoon: 'Prynhawn', evening: 'Noswaith' },
    when: { now: 'Ymlaen nawr', today: 'Heddiw', 'this-week': 'Yr wythnos hon' },
    referral: { self: 'Hunanatgyfeirio', 'drop-in': 'Galw heibio', professional: 'Atgyfeiriad proffesiynol' },
    delivery: { 'in-person': 'Wyneb yn wyneb', online: 'Ar-lein', phone: 'Dros y ffôn' },
    distance: { '1': 'O fewn 1 filltir', '2': 'O fewn 2 filltir', '5': 'O fewn 5 milltir', '10': 'O fewn 10 milltir' },
    status: { proposed: 'Arfaethedig', available: 'Ar gael', 'under-offer': 'Dan gynnig', transferred: 'Wedi’i drosglwyddo', withdrawn: 'Wedi’i dynnu’n ôl' },
    deadline: { open: 'Ar agor i ddiddordeb', 'closing-soon': 'Yn cau cyn bo hir' },
    assetType: {
      'community-centre': 'Canolfan gymunedol', hall: 'Neuadd', library: 'Llyfrgell', pavilion: 'Pafiliwn', school: 'Ysgol',
      land: 'Tir', 'open-space': 'Man agored', other: 'Arall',
    },
    tenure: { freehold: 'Rhydd-ddaliad (i’w berchen)', leasehold: 'Prydles (i’w rentu’n hirdymor)', licence: 'Trwydded (i’w ddefnyddio)' },
    // Common category ids (the demo feed's, and those `atlas import` writes). English pages show a feed's own
    // ids made readable; Welsh pages need words, and this table loads only with the Welsh strings.
    category: {
      advice: 'Cyngor', arts: 'Celfyddydau', 'asset-of-community-value': 'Ased o werth cymunedol', 'asset-transfer': 'Trosglwyddo asedau',
      befriending: 'Cyfeillio', bereavement: 'Profedigaeth', carers: 'Gofalwyr', children: 'Plant', 'community-centre': 'Canolfan gymunedol',
      course: 'Cyrsiau', dance: 'Dawns', digital: 'Digidol', 'domestic-abuse': 'Cam-drin domestig', employment: 'Cyflogaeth',
      event: 'Digwyddiadau', exercise: 'Ymarfer corff', 'faith-group': 'Grwpiau ffydd', families: 'Teuluoedd', food: 'Bwyd',
      gardening: 'Garddio', hall: 'Neuaddau', health: 'Iechyd', housing: 'Tai', land: 'Tir', learning: 'Dysgu', library: 'Llyfrgelloedd',
      'mental-health': 'Iechyd meddwl', music: 'Cerddoriaeth', 'older-people': 'Pobl hŷn', 'open-space': 'Man agored', other: 'Arall',
      'park-garden': 'Parciau a gerddi', pavilion: 'Pafiliynau', 'peer-support': 'Cymorth gan gymheiriaid',
      'physical-activity': 'Gweithgarwch corfforol', recovery: 'Adferiad', school: 'Ysgolion', skills: 'Sgiliau', social: 'Cymdeithasol',
      sport: 'Chwaraeon', swimming: 'Nofio', 'tenants-association': 'Cymdeithasau tenantiaid', 'time-bank': 'Banc amser',
      transport: 'Trafnidiaeth', volunteering: 'Gwirfoddoli', walking: 'Cerdded', 'young-people': 'Pobl ifanc',
    },
    access: {
      'step-free': 'Mynediad heb risiau', 'wheelchair-accessible': 'Hygyrch i gadeiriau olwyn', 'accessible-toilet': 'Toiled hygyrch',
      'changing-places': 'Toiled Changing Places', 'hearing-loop': 'Dolen sain', bsl: 'Iaith Arwyddion Prydain', 'large-print': 'Print bras',
      'easy-read': 'Hawdd ei ddeall', 'quiet-space': 'Lle tawel', 'accessible-parking': 'Parcio hygyrch', 'assistance-dogs': 'Croeso i gŵn cymorth',
      'dementia-friendly': 'Cyfeillgar i bobl â dementia', seating: 'Seddi',
    },
  },
  resultsCount: (n) => (n === 0 ? 'Dim canlyniadau' : results(n)),
  resultsShowing: (shown, total) => `Yn dangos ${shown} o ${formatNumber(total, 'cy-GB')}`,
  shardCoverage: (c) => !c.prompt && !c.miles && !c.more && !c.limited ? '' : c.prompt ? 'Rhowch god post, neu eiriau i chwilio amdanyn nhw, i weld rhestriadau.'
    : `${c.miles ? `Yn dangos canlyniadau o fewn ${c.miles} milltir` : c.limited ? 'Yn dangos canlyniadau o rai o’r ardaloedd sy’n cyfateb; ychwanegwch god post i chwilio’n agos ato' : 'Yn dangos y canlyniadau a gafwyd hyd yma'}${c.more ? '; yn chwilio ymhellach…' : '.'}`,
  arriving: (count) => `${count} hyd yma`,
  arrivingRest: '; wrthi’n llwytho gweddill y cyfeiriadur…',
  shardsSkipped: (areas) => `Doedd dim modd llwytho rhestriadau rhai ardaloedd (${areas}), felly mae canlyniadau oddi yno ar goll.`,
  shardWordsUnavailable: 'Doedd dim modd llwytho’r rhestr o ba ardaloedd sydd â pha enwau, felly mae’r chwiliad hwn yn edrych yn yr ardaloedd sydd wedi’u llwytho’n barod yn unig. Ychwanegwch god post i chwilio’n agos ato.',
  alsoSearchingFor: (terms) => `Hefyd yn chwilio am y geiriau hyn: ${terms}`,
  sortLabel: 'Trefnu yn ôl',
  sortOptions: { relevance: 'Y cyfatebiad gorau', distance: 'Agosaf', next: 'Yn digwydd gyntaf', name: 'Enw (A i Y)', deadline: 'Dyddiad cau' },
  showMore: 'Dangos rhagor o ganlyniadau',
  loading: 'Wrthi’n llwytho’r cyfeiriadur…',
  stillLoading: 'Dal wrthi’n llwytho’r cyfeiriadur… mae’n cymryd yn hirach nag arfer.',
  emptyFeed: 'Does dim byd yn y cyfeiriadur hwn eto. Dewch yn ôl yn nes ymlaen.',
  noResults: 'Does dim byd yn cyfateb i’ch chwiliad',
  errorHeading: 'Mae’n ddrwg gennym, mae problem',
  loadFailed: 'Doedd dim modd llwytho’r cyfeiriadur ar hyn o bryd. Rhowch gynnig arall arni yn nes ymlaen.',
  tryAgain: 'Rhoi cynnig arall arni',
  skippedListings: (n) => `Doedd dim modd dangos ${count(n, { two: 'restriad', other: 'rhestriad' })} oherwydd problem yn y data.`,
  // Milltir is feminine: one and two take a soft mutation (1 filltir, 2 filltir).
  milesAway: (miles, formatted) => `${formatted} ${miles === 1 || miles === 2 ? 'filltir' : 'milltir'} i ffwrdd`,
  veryNear: 'Llai na 0.1 milltir i ffwrdd',
  nextSession: (when) => `Nesaf: ${when}`,
  openNowUntil: (time) => `Ar agor nawr, tan ${time}`,
  opensNext: (when) => `Yn agor ${when}`,
  onNowUntil: (time) => `Yn digwydd nawr, tan ${time}`,
  noUpcoming: 'Dim sesiynau i ddod',
  free: 'Am ddim',
  back: 'Yn ôl i’r canlyniadau',
  headings: {
    what: 'Beth ydyw', who: 'Ar gyfer pwy', cost: 'Cost', whenWhere: 'Pryd a ble', contact: 'Sut i gysylltu neu ymuno',
    transfer: 'Am y trosglwyddiad ased hwn', documents: 'Pecyn gwybodaeth', stages: 'Cynnydd',
  },
  suggestListing: 'Awgrymu rhestriad',
  postcodeLabel: 'Cod post',
  postcodeHint: 'I ddod o hyd i beth sydd yn agos atoch',
  findPostcode: 'Dod o hyd',
  useMyLocation: 'Defnyddio fy lleoliad',
  locating: 'Wrthi’n dod o hyd i’ch lleoliad…',
  postcodeUnavailable: 'Dydy chwilio am god post ddim yn gweithio ar hyn o bryd. Rhowch gynnig arall arni nes ymlaen, neu defnyddiwch eich lleoliad.',
  locationUnavailable: 'Doedd dim modd cael eich lleoliad. Gallwch roi cod post yn lle hynny.',
  nearLabel: (label) => `Yn agos at ${label}`,
  clearLocation: 'Clirio’r lleoliad',
  yourLocation: 'eich lleoliad',
  viewLabel: 'Dangos',
  views: { list: 'Rhestr', map: 'Map', both: 'Rhestr a map' },
  mapUnavailable: 'Doedd dim modd llwytho’r map. Mae’r rhestr yn dangos pob canlyniad.',
  listingUnavailable: 'Does dim modd dangos y rhestriad hwn ar hyn o bryd. Rhowch gynnig arall arni nes ymlaen.',
  searchUnavailable: 'Dydy chwilio ddim yn gweithio ar hyn o bryd. Rhowch gynnig arall arni mewn munud.',
  areaOnly: 'Yn dangos canlyniadau yn ardal y map yn unig.',
  areaClear: 'Dangos canlyniadau ym mhob man',
} satisfies Omit<AtlasStrings, WordsOfParts>;

export const cy: Omit<AtlasStrings, WordsOfParts> = welsh;

/** Day names (Sunday first) and month names for Welsh dates, where the browser's Intl has none (see internal/format.ts). */
export const welshDateNames: DateNames = {
  days: ['Dydd Sul', 'Dydd Llun', 'Dydd Mawrth', 'Dydd Mercher', 'Dydd Iau', 'Dydd Gwener', 'Dydd Sadwrn'],
  months: ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'],
};
