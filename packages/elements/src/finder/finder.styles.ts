import { css } from 'lit';

/** Layout. The two ready themes come with their own chunk (themes.ts), prescriber mode's layout with its chunk (shortlist/prescriber.styles.ts), and the map's with the map (map-view.ts). */
export const finderStyles = css`
  @layer atlas {
    :host {
      display: block;
      container-type: inline-size;
      --atlas-gap: 1.5rem;
    }
    /* Until the first screen is whole (finder.ts, #settle): what follows the finder in the page stays where it is. */
    :host(:state(drawing)) { min-block-size: var(--atlas-finder-reserve, 100svh); }
    .top { display: grid; gap: 1rem; margin-bottom: var(--atlas-gap); }
    .layout { display: grid; gap: var(--atlas-gap); grid-template-columns: minmax(0, 1fr); }
    @container (min-width: 48rem) {
      .layout { grid-template-columns: minmax(12rem, 1fr) minmax(0, 3fr); }
      .top { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); align-items: start; }
    }
    /* align-content: the filters column can be far taller than the results; the rows must not stretch to it. */
    .main { min-width: 0; display: grid; gap: 1rem; align-content: start; }
    .views { display: flex; flex-wrap: wrap; gap: 0.5rem; border: 0; padding: 0; margin: 0; }
    .views legend { font-weight: 700; float: left; margin-inline-end: 0.5rem; padding-block: 0.5rem; }
    .views button[aria-pressed='true'] { background: var(--atlas-color-link, CanvasText); color: var(--atlas-color-background, Canvas); text-decoration: underline 3px; }
    /* Forced colours drop backgrounds: the chosen view keeps the system's selected colours. */
    @media (forced-colors: active) { .views button[aria-pressed='true'] { forced-color-adjust: none; background: Highlight; color: HighlightText; border-color: Highlight; } }
    .state { padding: 1rem; border-inline-start: 5px solid var(--atlas-color-border, currentColor); }
    .state.error { border-color: var(--atlas-color-error, #d4351c); }
    .state h2 { margin-top: 0; font-size: 1.25em; }
    .footer { margin-top: var(--atlas-gap); font-size: 0.9em; }
    @media print {
      .top, atlas-filters, .views, .footer { display: none; }
      .layout { grid-template-columns: 1fr; }
    }
  }
`;
