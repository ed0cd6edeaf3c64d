import type { FeedbackLabels } from '@community-atlas/core';

/**
 * The prescriber's tools (shortlist, print, share, keyboard shortcuts, age): their own words. English ones load with
 * prescriber mode (shortlist/prescriber-strings.ts); other languages give them in `prescriber`.
 */
export interface PrescriberDetailStrings {
  /** "3 options"; "No options yet" for 0. */
  count: (n: number) => string;
  empty: string;
  moveUp: string;
  moveDown: string;
  moveUpNamed: (name: string) => string;
  moveDownNamed: (name: string) => string;
  clear: string;
  undo: string;
  added: (name: string, n: number) => string;
  removed: (name: string, n: number) => string;
  moved: (name: string, position: number, n: number) => string;
  cleared: string;
  restored: (n: number) => string;
  full: string;
  /** The list holds `max` options: no more can be added. */
  fullNotice: (max: number) => string;
  /** Stored options the feed no longer has, taken off when the list was opened. */
  pruned: (n: number) => string;
  memoryOnly: string;
  noteLabel: string;
  noteHint: string;
  copyLink: string;
  copyText: string;
  email: string;
  copied: string;
  copyFailed: string;
  emailSubject: (publisher: string) => string;
  printTitle: string;
  printedOn: (date: string, publisher: string) => string;
  noteHeading: string;
  when: string;
  where: string;
  cost: string;
  join: string;
  contact: string;
  missing: (n: number) => string;
  shortcutsHeading: string;
  shortcutsToggle: string;
  shortcuts: Record<'search' | 'next' | 'previous' | 'shortlist', string>;
  ageLabel: string;
  ageHint: string;
  /** Prescriber mode: where the person's details are (and are not) kept. */
  privacy: string;
}

/** A prescriber's words on cards, the listing and the finder in prescriber mode, and (optional, see PrescriberDetailStrings) the prescriber parts' own. */
export interface PrescriberStrings extends Partial<PrescriberDetailStrings> {
  shortlistHeading: string;
  add: string;
  remove: string;
  /** Accessible names that include the visible words and the listing's name. */
  addNamed: (name: string) => string;
  removeNamed: (name: string) => string;
  print: string;
  yourList: string;
  yourListIntro: string;
  backToSearch: string;
  /** On a prescriber's card: someone can come along. */
  companionShort: string;
}

/**
 * The transfer detail's own words. English ones load with the detail (transfer/detail-strings.ts),
 * so a page of results does not carry them; other languages give them in `transfer`.
 */
export interface TransferDetailStrings {
  floorArea: (n: number, formatted: string) => string;
  siteArea: (n: number, formatted: string) => string;
  labels: Record<'assetType' | 'floorArea' | 'siteArea' | 'price' | 'condition' | 'currentUsers' | 'restrictions' | 'planning', string>;
  aboutHeading: string;
  /** A transfer's contact section, where the expression-of-interest action is. */
  contactHeading: string;
  datesHeading: string;
  dates: Record<'noticePublished' | 'informationSession' | 'eoiDeadline' | 'decision', string>;
  /** Screen-reader wording of a stage's position ("Stage 3 of 7"). */
  documentsIntro: string;
  /** A document's type and size after its title ("PDF, 1.2 MB"). */
  documentMeta: (type: string | undefined, size: string | undefined) => string;
  eoiIntro: string;
  eoiClosed: string;
  eoiClosedHelp: Record<'deadline' | 'under-offer' | 'transferred' | 'withdrawn', string>;
  eoiNotYet: string;
  acvHeading: string;
  acvLabels: Record<'status' | 'nominatedBy' | 'nominatedOn' | 'listedOn' | 'listingEnds' | 'noticeReceived' | 'interimEnds' | 'fullEnds', string>;
  acvExplainListed: string;
  acvExplainNominated: string;
  acvExplainInterim: (interimEnds: string, fullEnds: string) => string;
  acvExplainFull: (fullEnds: string) => string;
  acvExplainProtected: (protectedEnds: string) => string;
}

/** Community asset transfer and assets of community value as cards show them, and (optional, see TransferDetailStrings) the detail's words. */
export interface TransferStrings extends Partial<TransferDetailStrings> {
  closesTomorrow: string;
  /** Taken off the market before its deadline (under offer, withdrawn, transferred). */
  closedEarly: string;
  assetType: Record<string, string>;
  /** "Leasehold, 25 years". */
  tenureYears: (tenure: string, years: number) => string;
  /** A lease the feed gives no length for. */
  leaseLengthMissing: (tenure: string) => string;
  acvBadge: Record<'nominated' | 'listed' | 'unsuccessful' | 'removed', string>;
}

/** Every interface string of the finder, in English. Feed text is never here: it comes from the feed. */
/**
 * Words only the listing detail's body shows. English ones load with it (listing/body-strings.ts),
 * so a page of results does not carry them; other languages give them here as usual.
 */
export interface ListingBodyWords {
  ages: (min?: number, max?: number) => string;
  anyone: string;
  personalBudget: string;
  lastChecked: (date: string) => string;
  staleWarning: string;
  reportWrong: string;
  /** The subject of the "report something wrong" mail when the feedback address is a plain mailto:. */
  reportSubject: (id: string, name: string) => string;
  /** The labels of that mail's lines (and of "suggest a listing"'s): listing id, name, page, date, and the prompt. */
  feedbackLabels: FeedbackLabels;
  accessibility: string;
}

/**
 * Words only an open listing and a prescriber's list show. English ones load with the
 * listing (listing/listing-strings.ts), so a page of results does not carry them;
 * other languages give them here as usual.
 */
export interface ListingWords {
  costFree: string;
  costAmount: (amount: string, per?: string) => string;
  costPer: Record<string, string>;
  costHelp: string;
  costUnknown: string;
  upcoming: string;
  openingHours: string;
  address: string;
  directions: string;
  approximate: string;
  online: string;
  phoneOnly: string;
  referral: Record<'self' | 'drop-in' | 'professional', string>;
  /** A professional referral is one way in, beside referring yourself or dropping in. */
  referralProfessionalAlso: string;
  companionWelcome: string;
  phone: string;
  email: string;
  website: string;
}

/** Headings of the listing body's sections; English ones load with it (listing/body-strings.ts). */
export interface BodyHeadings {
  what: string;
  who: string;
  cost: string;
}

/** Headings of the transfer detail's sections; English ones load with it (transfer/detail-strings.ts). */
export interface TransferHeadings {
  transfer: string;
  documents: string;
  stages: string;
}

/** Why a postcode could not be placed; English ones load with the postcode search (location/lookup.ts). */
export interface PostcodeWords {
  postcodeNotFound: string;
  /** The text is not shaped like a postcode, a sector or a district. */
  postcodeInvalid: string;
  /** No lookup service, and neither the gazetteer nor the listings know the postcode's area. */
  postcodeOutsideArea: string;
}

/** Words only the transfer detail shows; English ones load with it (transfer/detail-strings.ts). */
export interface TransferDetailWords {
  deadlineCloses: (date: string) => string;
  stageCurrent: string;
  stageDone: string;
  stageUpcoming: string;
  termsLabel: string;
  tenureLabel: string;
  guidePrice: string;
  guideRent: string;
  reasonLabel: string;
  currentUseLabel: string;
  expressInterest: string;
}

/**
 * A transfer's status, deadline and terms as its card (and its detail) show them. English ones
 * load with the transfer parts (transfer/transfer.ts), only for feeds with transfers; other
 * languages give them here as usual.
 */
export interface TransferCardWords {
  status: Record<string, string>;
  deadlineClosesIn: (days: number) => string;
  deadlineClosesToday: string;
  deadlineClosedOn: (date: string) => string;
  terms: Record<string, string>;
  tenure: Record<string, string>;
  transfer: TransferStrings;
}

export interface AtlasStrings extends Partial<ListingWords>, Partial<ListingBodyWords>, Partial<TransferDetailWords>, Partial<TransferCardWords>, Partial<PostcodeWords> {
  /** BCP 47 tag for Intl formatting of dates, numbers and plurals. */
  locale: string;
  searchLabel: string;
  searchHint: string;
  /** The hint on a page that lists only asset transfers. */
  searchHintTransfer: string;
  searchButton: string;
  suggestionsLabel: string;
  /** What each suggestion is; the English words load with the suggestion list (search/suggestions.ts). */
  suggestionTypes?: Record<'need' | 'category' | 'listing' | 'term', string>;
  filtersHeading: string;
  showFilters: string;
  activeFilters: string;
  removeFilter: (label: string) => string;
  clearAll: string;
  facetNames: Record<string, string>;
  facetValues: Record<string, Record<string, string>>;
  resultsCount: (n: number) => string;
  resultsShowing: (shown: number, total: number) => string;
  /** Why results do not all contain the words typed: the need vocabulary widened the search. `terms` is a list already joined. */
  alsoSearchingFor: (terms: string) => string;
  sortLabel: string;
  sortOptions: Record<'relevance' | 'distance' | 'next' | 'name' | 'deadline', string>;
  showMore: string;
  anyDistance: string;
  loading: string;
  emptyFeed: string;
  noResults: string;
  /** The zero-results view's ways out; the English words load with them (results/relax.ts). */
  noResultsHelp?: string;
  relaxQuery?: (q: string, n: number) => string;
  relaxFilter?: (label: string, n: number) => string;
  relaxDistance?: (n: number) => string;
  errorHeading: string;
  /** Shown when a feed fails; in English the core's more specific message is used instead. */
  loadFailed: string;
  tryAgain: string;
  skippedListings: (n: number) => string;
  /** `miles` is the rounded number, `formatted` the same for display. */
  milesAway: (miles: number, formatted: string) => string;
  veryNear: string;
  nextSession: (when: string) => string;
  /** A place with opening hours that is open at this moment. */
  openNowUntil: (time: string) => string;
  /** A place with opening hours that is closed now. */
  opensNext: (when: string) => string;
  /** A session that is running at this moment. */
  onNowUntil: (time: string) => string;
  free: string;
  back: string;
  /** The listing's own section headings, and (optional, see BodyHeadings and TransferHeadings) those of its body and transfer parts. */
  headings: { whenWhere: string; contact: string } & Partial<BodyHeadings> & Partial<TransferHeadings>;
  suggestListing: string;
  postcodeLabel: string;
  postcodeHint: string;
  findPostcode: string;
  useMyLocation: string;
  locating: string;
  /** The lookup service failed and nothing offline knew the postcode (or the postcode search could not be loaded). */
  postcodeUnavailable: string;
  locationUnavailable: string;
  nearLabel: (label: string) => string;
  clearLocation: string;
  yourLocation: string;
  viewLabel: string;
  views: Record<'list' | 'map' | 'both', string>;
  mapUnavailable: string;
  /** An opened listing whose part of the kit could not be loaded (offline, blocked). */
  listingUnavailable: string;
  /** A search that could not be run (its part of the kit could not be loaded); the results shown are the last ones found. */
  searchUnavailable: string;
  /** Results are limited to the area the map showed when "Search this area" was pressed. */
  areaOnly: string;
  areaClear: string;
  /** A prescriber's words; English ones load with prescriber mode (shortlist/prescriber-strings.ts). */
  prescriber?: PrescriberStrings;
}

const plural = (n: number, one: string, other: string): string =>
  new Intl.PluralRules('en-GB').select(n) === 'one' ? one : other;

export const en: AtlasStrings = {
  locale: 'en-GB',
  searchLabel: 'Search',
  searchHint: 'For example, a need such as “lonely”, an activity such as “walking”, or a place',
  searchHintTransfer: 'For example, a building such as “hall” or “library”, or a place',
  searchButton: 'Search',
  suggestionsLabel: 'Suggestions',
  filtersHeading: 'Filter results',
  showFilters: 'Filters',
  activeFilters: 'Active filters',
  removeFilter: (label) => `Remove filter: ${label}`,
  clearAll: 'Clear all filters',
  facetNames: {
    kind: 'Type', need: 'Need', category: 'Category', cost: 'Cost', day: 'Day', time: 'Time of day', when: 'When',
    access: 'Accessibility', referral: 'How to join', language: 'Language', delivery: 'How it is offered', area: 'Area',
    distance: 'Distance',
  },
  facetValues: {
    kind: { asset: 'Places and groups', activity: 'Activities', transfer: 'Asset transfers' },
    cost: { free: 'Free', 'low-cost': 'Low cost', help: 'Help with cost', 'personal-budget': 'Personal budget' },
    day: { mo: 'Monday', tu: 'Tuesday', we: 'Wednesday', th: 'Thursday', fr: 'Friday', sa: 'Saturday', su: 'Sunday' },
    time: { morning: 'Morning', afternoon: 'Afternoon', evening: 'Evening' },
    when: { now: 'On now', today: 'Today', 'this-week': 'This week' },
    referral: { self: 'Self-referral', 'drop-in': 'Drop in', professional: 'Professional referral' },
    delivery: { 'in-person': 'In person', online: 'Online', phone: 'By phone' },
    distance: { '1': 'Within 1 mile', '2': 'Within 2 miles', '5': 'Within 5 miles', '10': 'Within 10 miles' },
    access: {
      'step-free': 'Step-free access', 'wheelchair-accessible': 'Wheelchair accessible', 'accessible-toilet': 'Accessible toilet',
      'changing-places': 'Changing Places toilet', 'hearing-loop': 'Hearing loop', bsl: 'British Sign Language', 'large-print': 'Large print',
      'easy-read': 'Easy read', 'quiet-space': 'Quiet space', 'accessible-parking': 'Accessible parking', 'assistance-dogs': 'Assistance dogs welcome',
      'dementia-friendly': 'Dementia friendly', seating: 'Seating',
    },
  },
  resultsCount: (n) => (n === 0 ? 'No results' : `${n.toLocaleString('en-GB')} ${plural(n, 'result', 'results')}`),
  resultsShowing: (shown, total) => `Showing ${shown} of ${total.toLocaleString('en-GB')}`,
  alsoSearchingFor: (terms) => `Also searching for ${terms}`,
  sortLabel: 'Sort by',
  sortOptions: { relevance: 'Best match', distance: 'Nearest', next: 'Happening soonest', name: 'Name (A to Z)', deadline: 'Deadline' },
  showMore: 'Show more results',
  anyDistance: 'Any distance',
  loading: 'Loading the directory…',
  emptyFeed: 'There is nothing in this directory yet. Please check back later.',
  noResults: 'Nothing matches your search',
  errorHeading: 'Sorry, there is a problem',
  loadFailed: "We couldn't load the directory just now. Please try again later.",
  tryAgain: 'Try again',
  skippedListings: (n) => `${n} ${plural(n, 'listing', 'listings')} could not be shown because of a problem in the data.`,
  milesAway: (miles, formatted) => `${formatted} ${plural(miles, 'mile', 'miles')} away`,
  veryNear: 'Less than 0.1 miles away',
  nextSession: (when) => `Next: ${when}`,
  openNowUntil: (time) => `Open now, until ${time}`,
  opensNext: (when) => `Opens ${when}`,
  onNowUntil: (time) => `On now, until ${time}`,
  free: 'Free',
  back: 'Back to results',
  headings: { whenWhere: 'When and where', contact: 'How to get in touch or join' },
  suggestListing: 'Suggest a listing',
  postcodeLabel: 'Postcode',
  postcodeHint: 'To find what is near you',
  findPostcode: 'Find',
  useMyLocation: 'Use my location',
  locating: 'Finding your location…',
  postcodeUnavailable: 'Postcode search is not working at the moment. Try again later, or use your location.',
  locationUnavailable: 'We could not get your location. You can enter a postcode instead.',
  nearLabel: (label) => `Near ${label}`,
  clearLocation: 'Clear location',
  yourLocation: 'your location',
  viewLabel: 'Show',
  views: { list: 'List', map: 'Map', both: 'List and map' },
  mapUnavailable: 'The map could not be loaded. The list shows every result.',
  listingUnavailable: 'This listing cannot be shown at the moment. Try again later.',
  searchUnavailable: 'Search is not working at the moment. Try again in a minute.',
  areaOnly: 'Showing results in the map area only.',
  areaClear: 'Show results everywhere',
};
