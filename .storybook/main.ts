import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // The demo feed and the test fixtures, served so stories load a real feed as an embedder would,
  // and a local map tile so map stories never reach a tile server.
  staticDirs: [
    { from: '../demo', to: '/demo' },
    { from: '../packages/elements/test-fixtures', to: '/fixtures' },
    { from: '../test/fixtures/tiles', to: '/tiles' },
  ],
  core: { disableTelemetry: true },
  async viteFinal(config) {
    // Load the packages' TypeScript sources, as the demo and the tests do.
    return { ...config, resolve: { ...config.resolve, conditions: ['source', 'module', 'browser', 'development|production'] } };
  },
};
export default config;
