/** The listing body's Welsh words, in its chunk beside the English (body-strings.ts). */
import type { ListingBodyWords } from '../translations/index.js';

export const cyListingBody: ListingBodyWords = {
  ages: (min, max) =>
    min !== undefined && max !== undefined ? `Oedran ${min} i ${max}` : min !== undefined ? `Oedran ${min} a hŷn` : `Oedran hyd at ${max}`,
  anyone: 'Unrhyw un',
  personalBudget: 'Gellir talu o gyllideb bersonol',
  lastChecked: (date) => `Gwiriwyd ddiwethaf ${date}`,
  staleWarning: 'Cafodd hwn ei wirio ddiwethaf dros flwyddyn yn ôl. Gwiriwch y manylion cyn mynd.',
  reportWrong: 'Rhoi gwybod am rywbeth o’i le yn y rhestriad hwn',
  reportSubject: (id, name) => `Rhywbeth o’i le gyda’r rhestriad ${id}: ${name}`,
  feedbackLabels: { listing: 'Rhestriad', name: 'Enw', page: 'Tudalen', date: 'Dyddiad', prompt: 'Beth sydd o’i le neu ar goll:' },
  accessibility: 'Hygyrchedd',
  readMore: 'Darllen rhagor',
};
