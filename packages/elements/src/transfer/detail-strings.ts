/**
 * The transfer detail's own English words, in the detail's chunk: a page of results
 * never downloads them. Other languages give them in their `transfer` strings.
 */
import type { LoadedStrings, TransferDetailStrings, TransferDetailWords, TransferHeadings, TransferStrings } from '../translations/index.js';
import { transferStrings, type TransferCardStrings } from './transfer.js';
import { cyTransferDetail, cyTransferDetailWords } from './detail-cy.js';
import { englishPlural as plural } from '../internal/format.js';

const enTransferDetail: TransferDetailStrings = {
  floorArea: (n, formatted) => `${formatted} square ${plural(n, 'metre', 'metres')}`,
  siteArea: (n, formatted) => `${formatted} ${plural(n, 'hectare', 'hectares')}`,
  labels: {
    assetType: 'Kind of asset', floorArea: 'Floor area', siteArea: 'Site area', price: 'Price or rent', condition: 'Condition',
    currentUsers: 'Who uses it now', restrictions: 'Restrictions and covenants', planning: 'Planning',
  },
  aboutHeading: 'The building or land',
  contactHeading: 'Express an interest or ask a question',
  datesHeading: 'Key dates',
  dates: { noticePublished: 'Notice published', informationSession: 'Information session', eoiDeadline: 'Expressions of interest close', decision: 'Decision expected' },
  documentsIntro: 'Read these before you express an interest.',
  documentMeta: (type, size) => [type, size].filter(Boolean).join(', '),
  eoiIntro: 'Tell the council your group is interested. Read the information pack first.',
  eoiClosed: 'Expressions of interest are closed',
  eoiClosedHelp: {
    deadline: 'The deadline has passed, so the council cannot consider new expressions of interest.',
    'under-offer': 'This asset is under offer to a group, so the council is not taking new expressions of interest.',
    transferred: 'This asset has already been transferred.',
    withdrawn: 'The council has withdrawn this asset from transfer.',
  },
  eoiNotYet: 'Expressions of interest are not open yet. Contact the council to be told when they open.',
  acvHeading: 'Asset of community value',
  acvLabels: {
    status: 'Status', nominatedBy: 'Nominated by', nominatedOn: 'Nominated on', listedOn: 'Listed on', listingEnds: 'Listed until',
    noticeReceived: 'Owner’s notice of intended sale received', interimEnds: 'Interim moratorium ends', fullEnds: 'Full moratorium ends',
  },
  acvExplainListed: 'If the owner wants to sell, they must tell the council first. Community groups then have six weeks to ask to be treated as a bidder.',
  acvExplainNominated: 'The council is deciding whether to list this as an asset of community value.',
  acvExplainInterim: (interimEnds, fullEnds) =>
    `The owner has told the council they intend to sell. A community group has until ${interimEnds} to ask, in writing, to be treated as a potential bidder. If one does, the owner cannot sell to anyone else until after ${fullEnds}, giving the group time to raise the money.`,
  acvExplainFull: (fullEnds) =>
    `The six weeks for groups to ask to bid have ended. If a group asked in time, the owner cannot sell to anyone else until after ${fullEnds}.`,
  acvExplainProtected: (protectedEnds) =>
    `The moratorium has ended. The owner may now sell to anyone, and no new moratorium can start until after ${protectedEnds}.`,
};

const enTransferDetailWords: TransferDetailWords = {
  deadlineCloses: (date) => `Expressions of interest close on ${date}`,
  stageCurrent: 'current stage',
  stageDone: 'done',
  stageUpcoming: 'to come',
  termsLabel: 'Terms',
  tenureLabel: 'Tenure',
  guidePrice: 'Guide price',
  guideRent: 'Guide rent a year',
  reasonLabel: 'Why it is offered',
  currentUseLabel: 'Current use',
  expressInterest: 'Express an interest',
};

const enTransferHeadings: TransferHeadings = { transfer: 'About this asset transfer', documents: 'Information pack', stages: 'Progress' };

/** Strings with every transfer word there: a language's (or a host's) own, English for any it leaves out. */
export type DetailStrings = TransferCardStrings & TransferDetailWords & {
  transfer: TransferStrings & TransferDetailStrings;
  headings: LoadedStrings['headings'] & TransferHeadings;
};

export function detailStrings(strings: LoadedStrings): DetailStrings {
  const t = transferStrings(strings);
  const welsh = t.locale.startsWith('cy');
  return {
    ...(welsh ? cyTransferDetailWords : enTransferDetailWords), ...t,
    transfer: { ...(welsh ? cyTransferDetail : enTransferDetail), ...t.transfer },
    headings: { ...enTransferHeadings, ...t.headings },
  };
}
