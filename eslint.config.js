import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'storybook-static/**',
      'coverage/**',
      'bench/out/**',
      '**/custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/best-practice'],
  {
    // lit-a11y ships only an eslintrc-style preset; its rules are flat-compatible.
    plugins: { 'lit-a11y': litA11y },
    rules: { ...litA11y.configs.recommended.rules },
  },
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'The kit runs under a strict CSP: no eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'The kit runs under a strict CSP: no new Function.' },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'Feed text must stay text.' }] },
      ],
    },
  },
  {
    files: ['packages/cli/**', 'bench/**', 'scripts/**', '*.config.*', 'demo/scripts/**', '.storybook/**', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // core must stay free of DOM frameworks and of the other packages.
    files: ['packages/core/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', 'leaflet', 'leaflet/*', '@community-atlas/elements', '@community-atlas/elements/*', '@community-atlas/map', '@community-atlas/map/*', '@community-atlas/cli', '@community-atlas/cli/*', '**/elements/src/**', '**/map/src/**', '**/cli/src/**'], message: 'core has no DOM framework and imports no other package.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/elements/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'lit/directives/unsafe-html.js', message: 'Feed text must stay text.' }],
          patterns: [
            { group: ['@community-atlas/cli', '@community-atlas/cli/*', 'leaflet', 'leaflet/*', '**/cli/src/**', '**/map/src/**'], message: 'elements never imports the CLI; the map is reached only through a dynamic import (on-demand.ts).' },
            // The map's types only (its classes and events as types): its code arrives with the map's chunk.
            { group: ['@community-atlas/map', '@community-atlas/map/*'], allowTypeImports: true, message: 'elements imports only the map\'s types; its code loads on demand (on-demand.ts).' },
          ],
        },
      ],
    },
  },
  {
    // The map stands alone: it imports core and Leaflet, never the elements or the CLI.
    files: ['packages/map/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'lit/directives/unsafe-html.js', message: 'Feed text must stay text.' }],
          patterns: [
            { group: ['@community-atlas/elements', '@community-atlas/elements/*', '@community-atlas/cli', '@community-atlas/cli/*', '**/elements/src/**', '**/cli/src/**'], message: 'the map imports neither the elements nor the CLI.' },
          ],
        },
      ],
    },
  },
);
