import { css } from 'lit';

/**
 * The two ready themes, `theme="gov"` and `theme="nhs"`, in a chunk of their own: a
 * finder without a theme (the default, which inherits the host page's font and
 * colours) never fetches them. Themes only set custom properties, so a host page can
 * still override any of them.
 */
export const themeStyles = css`
  @layer atlas {
    :host([theme='gov']) {
      --atlas-font-family: 'GDS Transport', arial, sans-serif;
      --atlas-color-text: #0b0c0c;
      --atlas-color-secondary-text: #505a5f;
      --atlas-color-link: #1d70b8;
      --atlas-color-link-visited: #4c2c92;
      --atlas-color-focus: #ffdd00;
      --atlas-color-focus-outline: #0b0c0c;
      --atlas-color-primary: #00703c;
      --atlas-color-primary-text: #ffffff;
      --atlas-color-button: #f3f2f1;
      --atlas-color-button-text: #0b0c0c;
      --atlas-color-button-border: #0b0c0c;
      --atlas-color-border: #b1b4b6;
      --atlas-color-accent: #1d70b8;
      --atlas-color-background: #ffffff;
      --atlas-color-input-border: #0b0c0c;
      --atlas-color-error: #d4351c;
      --atlas-radius: 0;
    }
    :host([theme='nhs']) {
      --atlas-font-family: 'Frutiger W01', arial, sans-serif;
      --atlas-color-text: #212b32;
      --atlas-color-secondary-text: #4c6272;
      --atlas-color-link: #005eb8;
      --atlas-color-link-visited: #330072;
      --atlas-color-focus: #ffeb3b;
      --atlas-color-focus-outline: #212b32;
      --atlas-color-primary: #007f3b;
      --atlas-color-primary-text: #ffffff;
      --atlas-color-button: #ffffff;
      --atlas-color-button-text: #005eb8;
      --atlas-color-button-border: #005eb8;
      --atlas-color-border: #d8dde0;
      --atlas-color-accent: #005eb8;
      --atlas-color-background: #ffffff;
      --atlas-color-card: #ffffff;
      --atlas-color-input-border: #4c6272;
      --atlas-color-error: #d5281b;
      --atlas-radius: 4px;
    }
  }
`;
