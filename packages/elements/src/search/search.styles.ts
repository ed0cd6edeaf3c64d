import { css } from 'lit';

export const searchStyles = css`
  @layer atlas {
    :host { display: block; }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
    .field { position: relative; flex: 1 1 14rem; min-width: 0; }
    label { display: block; font-weight: 700; }
    .hint { display: block; color: var(--atlas-color-secondary-text, inherit); font-size: 0.9em; margin-bottom: 0.25rem; }
    /* Beside the postcode field (a wide finder), two lines, so the two fields line up. */
    @container (min-width: 48rem) { .hint { min-height: 2lh; } }
    input { width: 100%; }
    button[type='submit'] {
      background: var(--atlas-color-primary, ButtonFace); color: var(--atlas-color-primary-text, ButtonText);
      border-color: var(--atlas-color-primary, ButtonText);
    }
  }
`;
