/**
 * Prescriber mode's English words, in its chunk (with the Welsh, prescriber-cy.ts): a resident's
 * page never downloads them. A host's own `strings.prescriber` goes on top.
 */
import type { LoadedStrings, PrescriberDetailStrings, PrescriberStrings } from '../translations/index.js';
import { cyPrescriber } from './prescriber-cy.js';
import { englishPlural as plural } from '../internal/format.js';

const enPrescriber: PrescriberStrings = {
  shortlistHeading: 'Shortlist',
  add: 'Add to shortlist',
  remove: 'Remove from shortlist',
  addNamed: (name) => `Add to shortlist: ${name}`,
  removeNamed: (name) => `Remove from shortlist: ${name}`,
  print: 'Print',
  yourList: 'Your list',
  yourListIntro: 'The options chosen for you. You can print this page.',
  backToSearch: 'Search the whole directory',
  companionShort: 'Can bring someone',
};

const enPrescriberDetail: PrescriberDetailStrings = {
  count: (n) => (n === 0 ? 'No options yet' : `${n} ${plural(n, 'option', 'options')}`),
  empty: 'Use “Add to shortlist” on a result to collect options for the person.',
  moveUp: 'Up',
  moveDown: 'Down',
  moveUpNamed: (name) => `Up: move ${name} up`,
  moveDownNamed: (name) => `Down: move ${name} down`,
  clear: 'Clear shortlist',
  undo: 'Undo',
  added: (name, n) => `Added ${name}. ${n} ${plural(n, 'option', 'options')} on the shortlist.`,
  removed: (name, n) => `Removed ${name}. ${n} ${plural(n, 'option', 'options')} on the shortlist.`,
  moved: (name, position, n) => `${name} moved to ${position} of ${n}.`,
  cleared: 'Shortlist cleared.',
  restored: (n) => `Shortlist restored: ${n} ${plural(n, 'option', 'options')}.`,
  full: 'The shortlist is full.',
  fullNotice: (max) => `The shortlist is full: it holds ${max} options. Remove one, or clear the shortlist, to add another.`,
  pruned: (n) => `${n} ${plural(n, 'option', 'options')} saved on this computer ${plural(n, 'is', 'are')} no longer in the directory and ${plural(n, 'was', 'were')} taken off the shortlist.`,
  memoryOnly: 'This browser is not keeping the shortlist, so it will be lost if you leave or reload the page.',
  noteLabel: 'Note for the printout (optional)',
  noteHint: 'Appears only on the printed page. It is not saved and not put in any link.',
  copyLink: 'Copy link',
  copyText: 'Copy as text',
  email: 'Email',
  copied: 'Copied.',
  copyFailed: 'Could not copy. The text is selected below: copy it with your keyboard.',
  emailSubject: (publisher) => `Your options from ${publisher}`,
  printTitle: 'Your options',
  printedOn: (date, publisher) => `Printed on ${date} from the directory of ${publisher}.`,
  noteHeading: 'Note',
  when: 'When',
  where: 'Where',
  cost: 'Cost',
  join: 'How to join',
  contact: 'Contact',
  missing: (n) => `${n} ${plural(n, 'option', 'options')} in this link ${plural(n, 'is', 'are')} no longer in the directory.`,
  shortcutsHeading: 'Keyboard shortcuts',
  shortcutsToggle: 'Single-key shortcuts on',
  shortcuts: { search: 'go to search', next: 'next result', previous: 'previous result', shortlist: 'add the result to the shortlist, or remove it', list: 'go to the shortlist, to print, copy or email it' },
  goToShortlist: (n) => `Shortlist (${n})`,
  ageLabel: 'Age',
  ageHint: 'Shows only what a person of this age can join',
  privacy: 'What you enter about the person (age, postcode, search words and filters) stays on this page only. It is not put in the address bar, the browser’s history or its storage, and it is gone when you close or reload the page. A copied link carries only the options on the shortlist.',
};

/** Every prescriber word: the language's (or a host's) own, English for any it leaves out. */
export function prescriberStrings(t: LoadedStrings): PrescriberStrings & PrescriberDetailStrings {
  return { ...(t.locale.startsWith('cy') ? cyPrescriber : { ...enPrescriber, ...enPrescriberDetail }), ...t.prescriber };
}
