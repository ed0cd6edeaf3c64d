import { css } from 'lit';

export const resultsStyles = css`
  @layer atlas {
    :host { display: block; }
    /* last baseline: the count lines up with the text in the sort box, not with the box's border. */
    .bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-end; align-items: last baseline; gap: 0.5rem 1rem; margin-bottom: 0.75rem; }
    .count { font-size: 1.25em; font-weight: 700; margin: 0; }
    /* "1,944 results so far" wraps beside the sort box rather than pushing it onto a row of its own (and the
       whole answer's count after it, whose bar keeps the height the "so far" one had). */
    .arriving .count { flex: 1 1 0; }
    .expanded { margin: -0.25rem 0 0.75rem; color: var(--atlas-color-secondary-text, inherit); }
    .sort label { display: block; font-weight: 700; }
    ol { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
    .more { margin-top: 1rem; }
    .none h3 { font-size: 1.25em; }
    .none ul { padding-inline-start: 1.25rem; }
    .none li { margin-bottom: 0.5rem; }
    @media print {
      .sort, .more button { display: none; }
      li { break-inside: avoid; }
    }
  }
`;
