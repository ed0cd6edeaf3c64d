/**
 * A transfer's status, deadline and terms in Welsh, in the transfer parts' chunk beside the English
 * (transfer.ts): a Welsh page without transfers never downloads them.
 */
import type { TransferCardWords } from '../translations/index.js';
import { welshCount as count } from '../internal/format.js';

export const cyTransferCardWords: TransferCardWords = {
  status: { proposed: 'Arfaethedig', available: 'Ar gael', 'under-offer': 'Dan gynnig', transferred: 'Wedi’i drosglwyddo', withdrawn: 'Wedi’i dynnu’n ôl' },
  deadlineClosesIn: (days) => `Yn cau ymhen ${count(days, { two: 'ddiwrnod', other: 'diwrnod' })}`,
  deadlineClosesToday: 'Yn cau heddiw',
  deadlineClosedOn: (date) => `Caeodd ar ${date}`,
  terms: { peppercorn: 'Rhent hedyn pupur', nominal: 'Swm enwol', discounted: 'Am bris gostyngol', market: 'Gwerth y farchnad' },
  tenure: { freehold: 'Rhydd-ddaliad', leasehold: 'Prydles', licence: 'Trwydded' },
  transfer: {
    closesTomorrow: 'Yn cau yfory',
    closedEarly: 'Ar gau i ddiddordeb newydd',
    assetType: {
      'community-centre': 'Canolfan gymunedol', hall: 'Neuadd', library: 'Llyfrgell', pavilion: 'Pafiliwn', school: 'Ysgol',
      land: 'Tir', 'open-space': 'Man agored', other: 'Adeilad neu dir arall',
    },
    // "Blwyddyn" mutates after 1 and 2; "o flynyddoedd" reads correctly after any larger number.
    tenureYears: (tenure, years) => `${tenure}, ${count(years, { one: 'flwyddyn', two: 'flynedd', few: 'blynedd', many: 'blynedd', other: 'o flynyddoedd' })}`,
    leaseLengthMissing: (tenure) => `${tenure} (hyd y brydles heb ei roi)`,
    acvBadge: { nominated: 'Wedi’i enwebu’n ased o werth cymunedol', listed: 'Ased o werth cymunedol', unsuccessful: 'Enwebiad aflwyddiannus', removed: 'Wedi’i dynnu oddi ar y rhestr' },
  },
};
