// The element and map tests and the keyboard journeys again, in Firefox: Debian's firefox-esr
// (or FIREFOX_PATH), driven over WebDriver BiDi by puppeteer-core. No browser is downloaded.
// `npm run test:firefox`; inside `npm test`. Firefox's automation cannot emulate
// print or forced colours: the tests that do skip there (emulateMediaOrSkip), and the
// link worker's journey leaves out its print-media checks, saying so (emulateMediaIfAble).
import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteer from 'puppeteer-core';
import base from './web-test-runner.config.mjs';

const executablePath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export default {
  ...base,
  // The elements, the map and the journeys: a keyboard bug a Firefox user would meet shows only here.
  files: ['packages/elements/src/**/*.test.ts', 'packages/map/src/**/*.test.ts', 'test/journeys/*.test.ts'],
  // One Firefox at a time: it is heavier than Chromium, and two cores are shared.
  concurrency: 1,
  browsers: [
    chromeLauncher({
      puppeteer,
      launchOptions: { browser: 'firefox', executablePath, headless: true },
    }),
  ],
};
