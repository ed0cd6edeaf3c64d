import { css } from 'lit';

export const searchStyles = css`
  @layer atlas {
    :host { display: block; }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
    .field { position: relative; flex: 1 1 14rem; min-width: 0; }
    label { display: block; font-weight: 700; }
    .hint { display: block; color: var(--atlas-color-secondary-text, inherit); font-size: 0.9em; margin-bottom: 0.25rem; }
    input { width: 100%; }
    [role='listbox'] {
      position: absolute; z-index: 10; inset-inline: 0; top: 100%; margin: 0; padding: 0; list-style: none;
      background: var(--atlas-color-background, Canvas); color: var(--atlas-color-text, CanvasText);
      border: 2px solid var(--atlas-color-input-border, currentColor); border-top: 0; max-height: 18rem; overflow-y: auto;
    }
    [role='option'] { padding: 0.5rem; min-height: 2.75rem; cursor: pointer; display: flex; justify-content: space-between; gap: 0.5rem; }
    [role='option'][aria-selected='true'] {
      background: var(--atlas-color-link, Highlight); color: var(--atlas-color-background, HighlightText);
      outline: 2px solid transparent;
    }
    .type { font-size: 0.85em; font-style: italic; }
    button[type='submit'] {
      background: var(--atlas-color-primary, ButtonFace); color: var(--atlas-color-primary-text, ButtonText);
      border-color: var(--atlas-color-primary, ButtonText);
    }
    @media (forced-colors: active) {
      [role='option'][aria-selected='true'] { background: Highlight; color: HighlightText; forced-color-adjust: none; }
    }
  }
`;
