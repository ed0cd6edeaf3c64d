/**
 * The Welsh words an open listing (and a prescriber's list) shows, in the listing's chunk beside the
 * English (listing-strings.ts): a Welsh page of results never downloads them.
 */
import type { ListingWords } from '../translations/index.js';

export const cyListingWords: ListingWords = {
  costFree: 'Am ddim',
  costAmount: (amount, per) => (per ? `${amount} y ${per}` : amount),
  costPer: { session: 'sesiwn', week: 'wythnos', month: 'mis', year: 'flwyddyn', course: 'cwrs', visit: 'ymweliad' },
  costHelp: 'Help gyda’r gost',
  costUnknown: 'Holwch am y gost',
  upcoming: 'Y sesiynau nesaf',
  openingHours: 'Oriau agor',
  address: 'Cyfeiriad',
  directions: 'Cael cyfarwyddiadau (OpenStreetMap)',
  approximate: 'Nid yw’r union gyfeiriad yn cael ei ddangos. Dyma’r ardal gyffredinol.',
  online: 'Ar-lein',
  phoneOnly: 'Dros y ffôn',
  referral: { self: 'Gallwch atgyfeirio eich hun', 'drop-in': 'Galwch heibio', professional: 'Mae angen atgyfeiriad gan weithiwr proffesiynol, fel meddyg teulu neu weithiwr cyswllt' },
  referralProfessionalAlso: 'Gall gweithiwr proffesiynol, fel meddyg teulu neu weithiwr cyswllt, eich atgyfeirio hefyd',
  companionWelcome: 'Gallwch ddod â rhywun gyda chi',
  phone: 'Ffôn',
  email: 'E-bost',
  website: 'Gwefan',
};
