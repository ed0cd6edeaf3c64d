import { css } from 'lit';

export const filtersStyles = css`
  @layer atlas {
    :host { display: block; }
    h2 { font-size: 1.25em; margin: 0 0 0.5rem; }
    .toggle { display: none; width: 100%; text-align: start; }
    fieldset { border: 0; padding: 0; margin: 0 0 1rem; min-width: 0; }
    legend { font-weight: 700; padding: 0; margin-bottom: 0.25rem; }
    .option { display: flex; align-items: center; gap: 0.5rem; min-height: 2.75em; }
    .option input { width: 1.5rem; height: 1.5rem; min-width: 1.5rem; min-height: 1.5rem; margin: 0; accent-color: var(--atlas-color-link, auto); }
    .option label { flex: 1; cursor: pointer; overflow-wrap: anywhere; }
    .count { color: var(--atlas-color-secondary-text, inherit); }
    .chips { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
    .chip { display: inline-flex; align-items: center; gap: 0.25rem; border-radius: var(--atlas-radius-chip, 1.5rem); padding-inline: 0.75rem; overflow-wrap: anywhere; }
    .chip span[aria-hidden] { font-weight: 700; }
    @media (max-width: 40rem) {
      .toggle { display: flex; justify-content: space-between; align-items: center; font-weight: 700; }
      /* A drawn chevron, so the state shows without relying on colour and survives forced colours. */
      .toggle::after {
        content: ''; inline-size: 0.5em; block-size: 0.5em; margin-inline-start: 1rem; flex: none;
        border-inline-end: 0.15em solid currentColor; border-block-end: 0.15em solid currentColor;
        transform: translateY(-0.15em) rotate(45deg);
      }
      .toggle[aria-expanded='true']::after { transform: translateY(0.15em) rotate(-135deg); }
      .panel { margin-top: 1rem; }
      .panel[data-collapsed] { display: none; }
    }
  }
`;
