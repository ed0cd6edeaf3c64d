import { css } from 'lit';

export const shortlistStyles = css`
  @layer atlas {
    :host { display: block; }
    .panel { border: 2px solid var(--atlas-color-border, currentColor); padding: 0.75rem 1rem; }
    h2 { font-size: 1.25em; margin: 0 0 0.25rem; display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: baseline; }
    .count { font-size: 1em; font-weight: 400; color: var(--atlas-color-secondary-text, inherit); }
    ol { padding: 0; margin: 0.5rem 0; list-style: none; counter-reset: item; }
    li { border-top: 1px solid var(--atlas-color-border, currentColor); padding: 0.375rem 0; counter-increment: item; }
    li .name::before { content: counter(item) '. '; }
    .name { display: block; font-weight: 700; overflow-wrap: anywhere; }
    .row { display: flex; flex-wrap: wrap; gap: 0.25rem; margin-top: 0.25rem; }
    .row button { min-height: 2.25rem; padding: 0.125rem 0.5rem; }
    button[aria-disabled='true'] { opacity: 0.55; cursor: default; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; align-items: center; }
    .actions a { display: inline-flex; align-items: center; min-height: 2.75em; padding-inline: 0.25rem; }
    .primary { background: var(--atlas-color-primary, ButtonText); color: var(--atlas-color-primary-text, ButtonFace); border-color: var(--atlas-color-primary, ButtonText); font-weight: 700; }
    label { display: block; font-weight: 700; margin-top: 0.75rem; }
    .hint { margin: 0; font-size: 0.9em; color: var(--atlas-color-secondary-text, inherit); }
    textarea { font: inherit; width: 100%; min-height: 4rem; border: 2px solid var(--atlas-color-input-border, currentColor); padding: 0.375rem 0.5rem; }
    .notice { font-size: 0.9em; border-inline-start: 5px solid var(--atlas-color-warning, #f47738); padding-inline-start: 0.5rem; }
    .status:empty { display: none; }
    .print-only { display: none; }
    @media print {
      .panel { display: none; }
      .print-only { display: block; }
    }
  }
`;
