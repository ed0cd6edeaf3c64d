import { html, nothing } from 'lit';
import type { ShortlistParts } from './context.js';
import type { ShortlistStore } from './store.js';
import { prescriberStrings } from './prescriber-strings.js';

/** The shortlist as cards and the listing show it in a prescriber's finder. */
export function shortlistParts(store: ShortlistStore): ShortlistParts {
  return {
    store,
    meta(l, t) {
      if (l.kind === 'transfer') return '';
      return html`${l.referral.map((r) => html`<span>${t.facetValues.referral?.[r] ?? r}</span>`)}${l.companionWelcome ? html`<span>${prescriberStrings(t).companionShort}</span>` : nothing}`;
    },
    button(key, name, t) {
      const on = store.has(key);
      const p = prescriberStrings(t);
      // The label changes with the state (rather than aria-pressed) so it says what the press will do;
      // the accessible name starts with the visible words (WCAG 2.5.3) and adds the listing's name.
      return html`<button type="button" class="shortlist-toggle" part="shortlist-toggle" data-on=${on ? 'true' : 'false'}
        aria-label=${on ? p.removeNamed(name) : p.addNamed(name)} @click=${() => store.toggle(key)}>${on ? `✓ ${p.remove}` : `+ ${p.add}`}</button>`;
    },
  };
}
