import { css } from 'lit';

/**
 * The transfer detail's own styles (badges, stage tracker, information pack, interest
 * action), in its chunk: the listing adopts them when the detail arrives.
 */
export const detailStyles = css`
  @layer atlas {
    .badge { display: inline-block; border: 2px solid currentColor; padding: 0 0.5rem; font-weight: 700; }
    .stages li[aria-current='step'] { font-weight: 700; }
    .cta {
      display: inline-block; padding: 0.5rem 1rem; background: var(--atlas-color-primary, ButtonFace); color: var(--atlas-color-primary-text, ButtonText);
      border: 2px solid var(--atlas-color-primary, ButtonText); text-decoration: none; font-weight: 700;
    }
    .cta:visited { color: var(--atlas-color-primary-text, ButtonText); }
    .transfer-badges { display: flex; flex-wrap: wrap; gap: 0.5rem; }

    .stages { list-style: none; padding: 0; margin: 0.5rem 0 1rem; counter-reset: stage; }
    .stages li {
      counter-increment: stage; position: relative; padding: 0 0 0.75rem 2.5rem; min-height: 2rem;
      display: flex; flex-wrap: wrap; gap: 0 0.75rem; align-items: baseline;
    }
    .stages li::before {
      content: counter(stage); position: absolute; inset-inline-start: 0; top: -0.125rem; width: 1.75rem; height: 1.75rem;
      border: 2px solid currentColor; border-radius: 50%; display: grid; place-items: center; font-weight: 700; font-size: 0.9em;
      box-sizing: border-box; background: var(--atlas-color-background, Canvas);
    }
    .stages li:not(:last-child)::after {
      content: ''; position: absolute; inset-inline-start: calc(0.875rem - 1px); top: 1.625rem; bottom: 0; border-inline-start: 2px solid currentColor;
    }
    .stages li.done::before { content: '✓'; background: var(--atlas-color-primary, CanvasText); color: var(--atlas-color-primary-text, Canvas); border-color: var(--atlas-color-primary, CanvasText); }
    .stages li.upcoming { color: var(--atlas-color-muted, inherit); }
    .stages li.upcoming:not(:last-child)::after { border-inline-start-style: dotted; }
    .stages li[aria-current='step'] .stage-name { font-weight: 700; }
    .stages li[aria-current='step']::before { outline: 3px solid var(--atlas-color-focus, #ffdd00); outline-offset: 1px; }
    .stage-date { font-size: 0.9em; }
    .stage-state { font-size: 0.9em; font-style: italic; }
    .stage-state::before { content: '('; }
    .stage-state::after { content: ')'; }

    .documents { padding-inline-start: 1.25rem; }
    .documents li { margin-bottom: 0.375rem; }
    .doc-meta { font-size: 0.9em; }
    .eoi .cta { font-size: 1.125em; padding: 0.625rem 1.25rem; }
    .eoi.closed { border-inline-start: 5px solid var(--atlas-color-border, #b1b4b6); padding: 0.25rem 1rem; }
    @media (forced-colors: active) {
      .stages li.done::before { forced-color-adjust: none; background: CanvasText; color: Canvas; }
    }
  }
`;
