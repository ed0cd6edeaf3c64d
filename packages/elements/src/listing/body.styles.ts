import { css } from 'lit';

/** The listing body's own styles, in its chunk: the listing adopts them when the body arrives. */
export const bodyStyles = css`
  @layer atlas {
    .warning { border-inline-start: 5px solid var(--atlas-color-warning, #d4351c); padding: 0.5rem 1rem; font-weight: 700; }
    .more summary { cursor: pointer; color: var(--atlas-color-link, LinkText); text-decoration: underline; padding: 0.25em 0; }
    .more[open] summary { margin-bottom: 0.5em; }
    .actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-top: 1.5rem; }
    @media print {
      .report { display: none; }
    }
  }
`;
