/**
 * The whole Welsh table, every namespace, for the npm entry (`import { cy } from '@community-atlas/elements'`).
 * The embed never uses it: the first screen's Welsh (cy.ts) loads on a Welsh page's first update, and
 * each part's Welsh loads with the part.
 */
import { cy as firstScreen } from './cy.js';
import type { AtlasStrings } from './en.js';
import { cyListingBody } from '../listing/body-cy.js';
import { cyListingWords } from '../listing/listing-cy.js';
import { cyPostcodeWords } from '../location/lookup-cy.js';
import { cyRelaxWords } from '../results/relax-cy.js';
import { cySuggestionWords } from '../search/suggestions-cy.js';
import { cyPrescriber } from '../shortlist/prescriber-cy.js';
import { cyTransferDetail, cyTransferDetailWords } from '../transfer/detail-cy.js';
import { cyTransferCardWords } from '../transfer/transfer-cy.js';

export const cy: AtlasStrings = {
  ...firstScreen,
  ...cyListingWords,
  ...cyListingBody,
  ...cyPostcodeWords,
  ...cySuggestionWords,
  ...cyRelaxWords,
  ...cyTransferCardWords,
  ...cyTransferDetailWords,
  transfer: { ...cyTransferCardWords.transfer, ...cyTransferDetail },
  prescriber: cyPrescriber,
};
