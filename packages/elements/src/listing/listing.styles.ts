import { css } from 'lit';

export const listingStyles = css`
  @layer atlas {
    :host { display: block; }
    article { overflow-wrap: anywhere; }
    h2 { font-size: 1.75rem; margin: 0.5rem 0 1rem; }
    h3 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-top: 1px solid var(--atlas-color-border, #b1b4b6); padding-top: 1rem; }
    h4 { font-size: 1rem; margin: 1rem 0 0.25rem; }
    p, ul, ol, dl { margin: 0.25rem 0 0.75rem; }
    dt { font-weight: 700; }
    dd { margin: 0 0 0.5rem; }
    .badge { display: inline-block; border: 2px solid currentColor; padding: 0 0.5rem; font-weight: 700; }
    .warning { border-inline-start: 5px solid var(--atlas-color-warning, #d4351c); padding: 0.5rem 1rem; font-weight: 700; }
    .stages li[aria-current='step'] { font-weight: 700; }
    .stages .state { font-weight: 400; }
    .actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-top: 1.5rem; }
    .cta {
      display: inline-block; padding: 0.5rem 1rem; background: var(--atlas-color-primary, ButtonFace); color: var(--atlas-color-primary-text, ButtonText);
      border: 2px solid var(--atlas-color-primary, ButtonText); text-decoration: none; font-weight: 700;
    }
    .cta:visited { color: var(--atlas-color-primary-text, ButtonText); }
    table { border-collapse: collapse; }
    th, td { text-align: start; padding: 0.125rem 1rem 0.125rem 0; vertical-align: top; }
    a { display: inline-block; min-height: 1.5rem; }
    @media print {
      .back, .report { display: none; }
      a[href^='http']::after { content: ' (' attr(href) ')'; font-size: 0.85em; }
    }
  }
`;
