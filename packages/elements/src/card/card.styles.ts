import { css } from 'lit';

export const cardStyles = css`
  @layer atlas {
    :host { display: block; }
    article {
      border: 1px solid var(--atlas-color-border, #b1b4b6);
      border-inline-start: 5px solid var(--atlas-color-accent, var(--atlas-color-link, currentColor));
      padding: 0.75rem 1rem; background: var(--atlas-color-card, transparent);
      overflow-wrap: anywhere;
    }
    h3 { margin: 0 0 0.25rem; font-size: 1.125em; }
    h3 a { display: inline-block; min-height: 1.5rem; padding-block: 0.125rem; }
    p { margin: 0.25rem 0; }
    .meta { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.95em; color: var(--atlas-color-secondary-text, inherit); }
    .badge { display: inline-block; border: 2px solid currentColor; padding: 0 0.4rem; font-weight: 700; font-size: 0.85em; }
    :host([highlighted]) article { outline: 3px solid var(--atlas-color-focus, #ffdd00); }
    /* Prescriber mode: more results on screen at once, and the shortlist button. */
    article.dense { padding: 0.5rem 0.75rem; }
    article.dense h3 { font-size: 1.05em; }
    article.dense > p:not(.meta) { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
    .shortlist-toggle { margin-top: 0.375rem; min-height: 2.25rem; padding: 0.125rem 0.625rem; }
    .shortlist-toggle[data-on='true'] { background: var(--atlas-color-link, Highlight); color: var(--atlas-color-background, HighlightText); border-color: var(--atlas-color-link, Highlight); }
    @media (forced-colors: active) { article { border-color: CanvasText; } }
  }
`;
