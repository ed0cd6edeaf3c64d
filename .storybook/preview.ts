import type { Preview } from '@storybook/web-components-vite';
import '../packages/elements/src/define.js';

const preview: Preview = {
  parameters: {
    a11y: { test: 'error' },
    layout: 'padded',
  },
};
export default preview;
