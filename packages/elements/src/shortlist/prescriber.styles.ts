import { css } from 'lit';

/** The finder's layout in prescriber mode and for a shared list, in the prescriber chunk: the finder adopts it when the chunk arrives. */
export const finderPrescriberStyles = css`
  @layer atlas {
    /* Filters, dense results and the shortlist side by side on a wide screen. */
    atlas-prescriber-bar { margin-bottom: 1rem; }
    /* Always in sight and first in the finder: the way to the shortlist's Print, Copy and Email from anywhere. */
    .to-shortlist { margin: 0 0 0.5rem; text-align: end; }
    .to-shortlist a { display: inline-flex; align-items: center; gap: 0.5rem; min-height: 2.75rem; padding: 0.25rem 0.75rem; border: 2px solid currentColor; font-weight: 700; }
    .to-shortlist kbd { border: 1px solid currentColor; border-radius: 3px; padding: 0 0.3rem; font-family: inherit; font-weight: 400; }
    @container (min-width: 60rem) {
      :host([mode='prescriber']) .layout { grid-template-columns: minmax(13rem, 1fr) minmax(0, 2.4fr) minmax(16rem, 1.3fr); }
      :host([mode='prescriber']) .shortlist { position: sticky; top: 0.5rem; align-self: start; max-height: calc(100vh - 1rem); overflow: auto; }
    }
    atlas-listing + .shortlist { display: block; margin-top: var(--atlas-gap); max-width: 40rem; }
    .shared-actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-top: 1rem; }
    @media print {
      :host(:not([data-atlas-printing])) .shortlist, atlas-prescriber-bar, .to-shortlist, .shared-actions { display: none; }
      :host([data-atlas-printing]) .main, :host([data-atlas-printing]) atlas-listing { display: none; }
      :host([data-atlas-printing]) .layout { display: block; }
    }
  }
`;
