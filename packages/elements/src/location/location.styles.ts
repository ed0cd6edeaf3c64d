import { css } from 'lit';

export const locationStyles = css`
  @layer atlas {
    :host { display: block; }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
    form[hidden] { display: none; }
    .field { flex: 0 1 12rem; min-width: 0; }
    label { display: block; font-weight: 700; }
    .hint { display: block; font-size: 0.9em; color: var(--atlas-color-secondary-text, inherit); }
    input { width: 100%; text-transform: uppercase; }
    .message { margin: 0.25rem 0 0; }
    .error { color: var(--atlas-color-error, #d4351c); font-weight: 700; }
    .near { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0.5rem 0 0; }
  }
`;
