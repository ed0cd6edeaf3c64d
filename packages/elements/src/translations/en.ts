import type { FeedbackLabels } from '@community-atlas/core';
import { englishPlural as plural, formatNumber } from '../internal/format.js';

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
  shortcuts: Record<'search' | 'next' | 'previous' | 'shortlist' | 'list', string>;
  /** The control at the top of a prescriber's finder that goes to the shortlist and its Print, Copy and Email. */
  goToShortlist: (n: number) => string;
  ageLabel: string;
  ageHint: string;
  /** Prescriber mode: where the person's details are (and are not) kept. */
  privacy: string;
}

/** A prescriber's words on cards, the listing and the finder in prescriber mode (the prescriber parts' own are PrescriberDetailStrings). */
export interface PrescriberStrings {
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

/** Community asset transfer and assets of community value as cards show them (the detail's own are TransferDetailStrings). */
export interface TransferStrings {
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
  /** Opens the rest of a long description. */
  readMore: string;
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

/**
 * The first screen's words (search, filters, results, cards, the finder around them): the English
 * ones are in this file, in the first chunk. Every part that loads on demand has its own words,
 * below, whose English loads with the part.
 */
interface FinderWords {
  /** BCP 47 tag for Intl formatting of dates, numbers and plurals. */
  locale: string;
  searchLabel: string;
  searchHint: string;
  /** The hint on a page that lists only asset transfers. */
  searchHintTransfer: string;
  searchButton: string;
  suggestionsLabel: string;
  filtersHeading: string;
  showFilters: string;
  activeFilters: string;
  removeFilter: (label: string) => string;
  clearAll: string;
  /** A long group's fold button: how many options it holds. */
  allOptions: (n: number) => string;
  fewerOptions: string;
  /** The box that narrows a long group's options; `name` is the group's. */
  typeToFilter: (name: string) => string;
  /** Choices of the groups that are one choice, by `facet-choice` (`cost-any`, `day-weekdays`); a choice of one value not here is named as the value. */
  choices: Record<string, string>;
  /** After the first filters: moves focus to the first result. */
  showResults: (n: number) => string;
  /** The heading over the result list. */
  resultsHeading: string;
  facetNames: Record<string, string>;
  facetValues: Record<string, Record<string, string>>;
  resultsCount: (n: number) => string;
  resultsShowing: (shown: number, total: number) => string;
  /**
   * A sharded (national) directory: what the results cover, said after the count. `miles`: every
   * result within that distance of the place is shown; `more`: further areas are still loading;
   * `limited`: words found in more areas than are loaded; `prompt`: nothing asked for yet.
   */
  shardCoverage: (c: { miles?: number; more: boolean; limited?: boolean; prompt?: boolean }) => string;
  /** The count (`resultsCount`'s) while a large directory is still arriving and the results are from the part that has. */
  arriving: (count: string) => string;
  /**
   * Said after `arriving`, to screen readers only: a longer count took two lines on a phone, and the list
   * moved up a line when the whole answer came ("so far" already says to the eye that more is coming).
   */
  arrivingRest: string;
  /** A sharded directory: the areas whose listings could not be loaded, already joined. */
  shardsSkipped: (areas: string) => string;
  /** A sharded directory: the index of which areas hold which words could not be loaded, so a search by name looks only in the areas loaded. */
  shardWordsUnavailable: string;
  /** Why results do not all contain the words typed: the need vocabulary widened the search. `terms` is a list already joined. */
  alsoSearchingFor: (terms: string) => string;
  sortLabel: string;
  sortOptions: Record<'relevance' | 'distance' | 'next' | 'name' | 'deadline', string>;
  showMore: string;
  loading: string;
  /** Said in place of `loading` when the feed is slow (after 8 seconds). */
  stillLoading: string;
  emptyFeed: string;
  noResults: string;
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
  /** An activity whose every session is over (last summer's scheme): it must not look as if it were on. */
  noUpcoming: string;
  free: string;
  back: string;
  /** The listing's own section headings (its body's and transfer part's are BodyHeadings and TransferHeadings). */
  headings: { whenWhere: string; contact: string };
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
}

/** What each suggestion is; the English words load with the suggestion list (search/suggestions.ts). */
export interface SuggestionWords {
  suggestionTypes: Record<'need' | 'category' | 'listing' | 'term', string>;
}

/** The zero-results view's ways out; the English words load with them (results/relax.ts). */
export interface RelaxWords {
  noResultsHelp: string;
  relaxQuery: (q: string, n: number) => string;
  relaxFilter: (label: string, n: number) => string;
  relaxDistance: (n: number) => string;
}

/**
 * Every interface string of the kit, in one language: what a translation gives. Each part's words
 * are its own namespace (above); the Welsh table (cy.ts) gives every one, and leaving one out is a
 * type error. Feed text is never here: it comes from the feed.
 */
export interface AtlasStrings extends FinderWords, ListingWords, ListingBodyWords, TransferDetailWords, TransferCardWords, PostcodeWords, SuggestionWords, RelaxWords {
  headings: FinderWords['headings'] & BodyHeadings & TransferHeadings;
  transfer: TransferStrings & TransferDetailStrings;
  /** A prescriber's words; English ones load with prescriber mode (shortlist/prescriber-strings.ts). */
  prescriber: PrescriberStrings & PrescriberDetailStrings;
}

/** The namespaces whose words, in every language, load with their part rather than with the first screen. */
export type WordsOfParts = 'prescriber' | 'transfer' | keyof TransferCardWords | keyof TransferDetailWords | keyof ListingWords | keyof ListingBodyWords | keyof PostcodeWords | keyof SuggestionWords | keyof RelaxWords;

/**
 * The words an element has at a given moment: the first screen's always, and each part's once it
 * has loaded (English parts' words load with the part). Internal: what `AtlasElement.t` gives.
 */
export interface LoadedStrings
  extends FinderWords, Partial<ListingWords>, Partial<ListingBodyWords>, Partial<TransferDetailWords>, Partial<Omit<TransferCardWords, 'transfer'>>,
    Partial<PostcodeWords>, Partial<SuggestionWords>, Partial<RelaxWords> {
  headings: FinderWords['headings'] & Partial<BodyHeadings> & Partial<TransferHeadings>;
  transfer?: TransferStrings & Partial<TransferDetailStrings>;
  prescriber?: PrescriberStrings & Partial<PrescriberDetailStrings>;
}

export const en: LoadedStrings = {
  locale: 'en-GB',
  // Not "Search" as well as the button: two controls with one name cannot be told apart.
  searchLabel: 'Search for',
  searchHint: 'For example, a need such as “lonely”, an activity such as “walking”, or a place',
  searchHintTransfer: 'For example, a building such as “hall” or “library”, or a place',
  searchButton: 'Search',
  suggestionsLabel: 'Suggestions',
  filtersHeading: 'Filter results',
  showFilters: 'More filters',
  activeFilters: 'Active filters',
  removeFilter: (label) => `Remove filter: ${label}`,
  clearAll: 'Clear all filters',
  allOptions: (n) => `Show all ${n} options`,
  fewerOptions: 'Show fewer options',
  typeToFilter: (name) => `Type to narrow “${name}”`,
  choices: {
    'cost-any': 'Any cost', 'cost-low': 'Free or low cost', 'day-any': 'Any day', 'day-weekdays': 'Weekdays (Monday to Friday)', 'day-weekend': 'Weekends',
    'day-choose': 'Choose days', 'time-any': 'Any time of day', 'time-daytime': 'Daytime (morning or afternoon)', 'when-any': 'Any time', 'distance-any': 'Any distance',
  },
  showResults: (n) => `Show ${formatNumber(n, 'en-GB')} ${plural(n, 'result', 'results')}`,
  resultsHeading: 'Results',
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
  resultsCount: (n) => (n === 0 ? 'No results' : `${formatNumber(n, 'en-GB')} ${plural(n, 'result', 'results')}`),
  resultsShowing: (shown, total) => `Showing ${shown} of ${formatNumber(total, 'en-GB')}`,
  shardCoverage: (c) => !c.prompt && !c.miles && !c.more && !c.limited ? '' : c.prompt ? 'Enter a postcode, or words to search for, to see listings.'
    : `${c.miles ? `Showing results within ${c.miles} miles` : c.limited ? 'Showing results from some of the areas that match; add a postcode to search near it' : 'Showing the results found so far'}${c.more ? '; searching further…' : '.'}`,
  arriving: (count) => `${count} so far`,
  arrivingRest: '; loading the rest of the directory…',
  shardsSkipped: (areas) => `Listings from some areas (${areas}) could not be loaded, so results from there are missing.`,
  shardWordsUnavailable: 'The list of which areas hold which names could not be loaded, so this search looks only in the areas already loaded. Add a postcode to search near it.',
  alsoSearchingFor: (terms) => `Also searching for ${terms}`,
  sortLabel: 'Sort by',
  sortOptions: { relevance: 'Best match', distance: 'Nearest', next: 'Happening soonest', name: 'Name (A to Z)', deadline: 'Deadline' },
  showMore: 'Show more results',
  loading: 'Loading the directory…',
  stillLoading: 'Still loading the directory… it is taking longer than usual.',
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
  noUpcoming: 'No upcoming sessions',
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
