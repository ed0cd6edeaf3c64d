import { css } from 'lit';

/** What the listing shows without its body and transfer chunks; those bring their own styles (body.styles.ts, transfer/detail.styles.ts). */
export const listingStyles = css`
  @layer atlas {
    :host { display: block; }
    article { overflow-wrap: anywhere; }
    h2 { font-size: 1.75em; margin: 0.5rem 0 1rem; }
    h3 { font-size: 1.25em; margin: 1.5rem 0 0.5rem; border-top: 1px solid var(--atlas-color-border, #b1b4b6); padding-top: 1rem; }
    h4 { font-size: 1em; margin: 1rem 0 0.25rem; }
    p, ul, ol, dl { margin: 0.25rem 0 0.75rem; }
    dt { font-weight: 700; }
    dd { margin: 0 0 0.5rem; }
    table { border-collapse: collapse; }
    th, td { text-align: start; padding: 0.125rem 1rem 0.125rem 0; vertical-align: top; }
    a { display: inline-block; min-height: 1.5rem; }
    @media print {
      .back { display: none; }
      a[href^='http']::after { content: ' (' attr(href) ')'; font-size: 0.85em; }
    }
  }
`;
