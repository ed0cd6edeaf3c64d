/** What each suggestion is, in Welsh: in the suggestion list's chunk beside the English (suggestions.ts). */
import type { SuggestionWords } from '../translations/en.js';

export const cySuggestionWords: SuggestionWords = { suggestionTypes: { need: 'angen', category: 'math', listing: 'rhestriad', term: 'gair' } };
