import { css } from 'lit';

/** Shared by the card and the listing, which render the transfer parts into their own shadow roots; the detail's own are in detail.ts. */
export const transferStyles = css`
  @layer atlas {
    .transfer-facts { display: inline-flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; }
    .transfer-summary { display: block; flex-basis: 100%; }
    .badge.acv { border-style: dashed; }
    /* Closed is said in words; the line-through is only a second cue, never the only one. */
    .deadline.closed { color: var(--atlas-color-muted, inherit); }
    .deadline.closing-soon { font-weight: 700; }
  }
`;
