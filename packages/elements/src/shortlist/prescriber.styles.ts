import { css } from 'lit';

/** The finder's layout in prescriber mode and for a shared list, in the prescriber chunk: the finder adopts it when the chunk arrives. */
export const finderPrescriberStyles = css`
  @layer atlas {
    /* Filters, dense results and the shortlist side by side on a wide screen. */
    atlas-prescriber-bar { margin-bottom: 1rem; }
    @container (min-width: 60rem) {
      :host([mode='prescriber']) .layout { grid-template-columns: minmax(13rem, 1fr) minmax(0, 2.4fr) minmax(16rem, 1.3fr); }
      :host([mode='prescriber']) .shortlist { position: sticky; top: 0.5rem; align-self: start; max-height: calc(100vh - 1rem); overflow: auto; }
    }
    atlas-listing + .shortlist { display: block; margin-top: var(--atlas-gap); max-width: 40rem; }
    .shared-actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-top: 1rem; }
    @media print {
      :host(:not([data-atlas-printing])) .shortlist, atlas-prescriber-bar, .shared-actions { display: none; }
      :host([data-atlas-printing]) .main, :host([data-atlas-printing]) atlas-listing { display: none; }
      :host([data-atlas-printing]) .layout { display: block; }
    }
  }
`;
