import { css } from 'lit';

/** Layout, plus the two ready themes. Themes only set custom properties, so a host page can still override any of them. Prescriber mode's layout comes with its chunk (shortlist/prescriber.styles.ts), and the map's with the map (map-view.ts). */
export const finderStyles = css`
  @layer atlas {
    :host {
      display: block;
      container-type: inline-size;
      --atlas-gap: 1.5rem;
    }
    :host([theme='gov']) {
      --atlas-font-family: 'GDS Transport', arial, sans-serif;
      --atlas-color-text: #0b0c0c;
      --atlas-color-secondary-text: #505a5f;
      --atlas-color-link: #1d70b8;
      --atlas-color-link-visited: #4c2c92;
      --atlas-color-focus: #ffdd00;
      --atlas-color-focus-outline: #0b0c0c;
      --atlas-color-primary: #00703c;
      --atlas-color-primary-text: #ffffff;
      --atlas-color-button: #f3f2f1;
      --atlas-color-button-text: #0b0c0c;
      --atlas-color-button-border: #0b0c0c;
      --atlas-color-border: #b1b4b6;
      --atlas-color-accent: #1d70b8;
      --atlas-color-background: #ffffff;
      --atlas-color-input-border: #0b0c0c;
      --atlas-color-error: #d4351c;
      --atlas-radius: 0;
    }
    :host([theme='nhs']) {
      --atlas-font-family: 'Frutiger W01', arial, sans-serif;
      --atlas-color-text: #212b32;
      --atlas-color-secondary-text: #4c6272;
      --atlas-color-link: #005eb8;
      --atlas-color-link-visited: #330072;
      --atlas-color-focus: #ffeb3b;
      --atlas-color-focus-outline: #212b32;
      --atlas-color-primary: #007f3b;
      --atlas-color-primary-text: #ffffff;
      --atlas-color-button: #ffffff;
      --atlas-color-button-text: #005eb8;
      --atlas-color-button-border: #005eb8;
      --atlas-color-border: #d8dde0;
      --atlas-color-accent: #005eb8;
      --atlas-color-background: #ffffff;
      --atlas-color-card: #ffffff;
      --atlas-color-input-border: #4c6272;
      --atlas-color-error: #d5281b;
      --atlas-radius: 4px;
    }
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
    .views button[aria-pressed='true'] { background: var(--atlas-color-link, Highlight); color: var(--atlas-color-background, HighlightText); }
    .state { padding: 1rem; border-inline-start: 5px solid var(--atlas-color-border, currentColor); }
    .state.error { border-color: var(--atlas-color-error, #d4351c); }
    .state h2 { margin-top: 0; font-size: 1.25rem; }
    .footer { margin-top: var(--atlas-gap); font-size: 0.9em; }
    @media print {
      .top, atlas-filters, .views, .footer { display: none; }
      .layout { grid-template-columns: 1fr; }
    }
  }
`;
