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
            { group: ['lit', 'lit/*', 'leaflet', '@community-atlas/elements', '@community-atlas/map', '@community-atlas/cli'], message: 'core has no DOM framework and imports no other package.' },
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
            { group: ['@community-atlas/cli', 'leaflet'], message: 'elements never imports the CLI; the map is reached only through a dynamic import.' },
          ],
        },
      ],
    },
  },
);
