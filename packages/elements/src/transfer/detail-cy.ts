/**
 * The transfer detail's Welsh words, in its chunk beside the English (detail-strings.ts): they load
 * when a transfer is opened on a Welsh page.
 */
import type { TransferDetailStrings, TransferDetailWords } from '../translations/index.js';
import { welshCount as count } from '../internal/format.js';

export const cyTransferDetailWords: TransferDetailWords = {
  deadlineCloses: (date) => `Mae datganiadau o ddiddordeb yn cau ar ${date}`,
  stageCurrent: 'cam presennol',
  stageDone: 'wedi’i wneud',
  stageUpcoming: 'i ddod',
  termsLabel: 'Telerau',
  tenureLabel: 'Deiliadaeth',
  guidePrice: 'Pris arweiniol',
  guideRent: 'Rhent arweiniol y flwyddyn',
  reasonLabel: 'Pam mae’n cael ei gynnig',
  currentUseLabel: 'Defnydd presennol',
  expressInterest: 'Mynegi diddordeb',
};

export const cyTransferDetail: TransferDetailStrings = {
  floorArea: (n) => count(n, { two: 'fetr sgwâr', other: 'metr sgwâr' }),
  siteArea: (n) => count(n, { other: 'hectar' }),
  labels: {
    assetType: 'Math o ased', floorArea: 'Arwynebedd llawr', siteArea: 'Arwynebedd y safle', price: 'Pris neu rent', condition: 'Cyflwr',
    currentUsers: 'Pwy sy’n ei ddefnyddio nawr', restrictions: 'Cyfyngiadau a chyfamodau', planning: 'Cynllunio',
  },
  aboutHeading: 'Yr adeilad neu’r tir',
  contactHeading: 'Mynegi diddordeb neu ofyn cwestiwn',
  datesHeading: 'Dyddiadau allweddol',
  dates: { noticePublished: 'Hysbysiad wedi’i gyhoeddi', informationSession: 'Sesiwn wybodaeth', eoiDeadline: 'Datganiadau o ddiddordeb yn cau', decision: 'Disgwylir penderfyniad' },
  documentsIntro: 'Darllenwch y rhain cyn i chi fynegi diddordeb.',
  documentMeta: (type, size) => [type, size].filter(Boolean).join(', '),
  eoiIntro: 'Rhowch wybod i’r cyngor bod gan eich grŵp ddiddordeb. Darllenwch y pecyn gwybodaeth yn gyntaf.',
  eoiClosed: 'Mae datganiadau o ddiddordeb wedi cau',
  eoiClosedHelp: {
    deadline: 'Mae’r dyddiad cau wedi mynd heibio, felly ni all y cyngor ystyried datganiadau newydd o ddiddordeb.',
    'under-offer': 'Mae’r ased hwn dan gynnig i grŵp, felly nid yw’r cyngor yn derbyn datganiadau newydd o ddiddordeb.',
    transferred: 'Mae’r ased hwn eisoes wedi’i drosglwyddo.',
    withdrawn: 'Mae’r cyngor wedi tynnu’r ased hwn yn ôl o’r broses drosglwyddo.',
  },
  eoiNotYet: 'Nid yw datganiadau o ddiddordeb ar agor eto. Cysylltwch â’r cyngor i gael gwybod pan fyddant yn agor.',
  acvHeading: 'Ased o werth cymunedol',
  acvLabels: {
    status: 'Statws', nominatedBy: 'Enwebwyd gan', nominatedOn: 'Enwebwyd ar', listedOn: 'Rhestrwyd ar', listingEnds: 'Ar y rhestr tan',
    noticeReceived: 'Derbyniwyd hysbysiad y perchennog o fwriad i werthu', interimEnds: 'Diwedd y moratoriwm interim', fullEnds: 'Diwedd y moratoriwm llawn',
  },
  acvExplainListed: 'Os yw’r perchennog am werthu, rhaid iddo ddweud wrth y cyngor yn gyntaf. Yna mae gan grwpiau cymunedol chwe wythnos i ofyn am gael eu trin fel cynigydd.',
  acvExplainNominated: 'Mae’r cyngor yn penderfynu a ddylid rhestru hwn yn ased o werth cymunedol.',
  acvExplainInterim: (interimEnds, fullEnds) =>
    `Mae’r perchennog wedi dweud wrth y cyngor ei fod yn bwriadu gwerthu. Mae gan grŵp cymunedol tan ${interimEnds} i ofyn, yn ysgrifenedig, am gael ei drin fel darpar gynigydd. Os bydd un yn gwneud hynny, ni all y perchennog werthu i neb arall tan ar ôl ${fullEnds}, gan roi amser i’r grŵp godi’r arian.`,
  acvExplainFull: (fullEnds) =>
    `Mae’r chwe wythnos i grwpiau ofyn am gael cynnig wedi dod i ben. Os gofynnodd grŵp mewn pryd, ni all y perchennog werthu i neb arall tan ar ôl ${fullEnds}.`,
  acvExplainProtected: (protectedEnds) =>
    `Mae’r moratoriwm wedi dod i ben. Gall y perchennog werthu i unrhyw un nawr, ac ni all moratoriwm newydd ddechrau tan ar ôl ${protectedEnds}.`,
};
