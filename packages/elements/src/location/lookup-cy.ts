/** Why a postcode could not be placed, in Welsh: in the postcode search's chunk beside the English (lookup.ts). */
import type { PostcodeWords } from '../translations/index.js';

export const cyPostcodeWords: PostcodeWords = {
  postcodeNotFound: 'Doedd dim modd dod o hyd i’r cod post hwnnw. Gwiriwch ef a rhowch gynnig arall arni.',
  postcodeInvalid: 'Rhowch god post, fel SW1A 1AA, neu ran gyntaf cod post, fel SW1A.',
  postcodeOutsideArea: 'Doedd dim modd lleoli’r cod post hwnnw: efallai ei fod y tu allan i’r ardal y mae’r cyfeiriadur hwn yn ei chwmpasu. Gwiriwch ef, neu defnyddiwch eich lleoliad.',
};
