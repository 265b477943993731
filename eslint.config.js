import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noUiInCore = {
  patterns: [
    { group: ['react', 'react-dom', 'react-dom/*', 'react-leaflet', 'leaflet', 'zustand'], message: 'src/data and src/model are pure: no React, Leaflet or store.' },
    { group: ['**/map/**', '**/ui/**', '**/app/**', '**/state/**'], message: 'The pure core must not import the layers above it.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'dist-e2e', 'node_modules', 'test-results', 'playwright-report', 'public', '.prof'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Data is text, never HTML.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Text from data is never HTML: use textContent or React.' },
        { property: 'outerHTML', message: 'Text from data is never HTML.' },
        { property: 'insertAdjacentHTML', message: 'Text from data is never HTML.' },
        { property: 'bindPopup', message: 'Render the one popup with React (map/SelectedIncidentPopup).' },
      ],
    },
  },
  {
    files: ['src/data/**', 'src/model/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...noUiInCore.patterns, { group: ['node:*', 'fs', 'path'], message: 'The pure core runs in browsers and workers too: no Node modules.' }],
      }],
      // @types/papaparse pulls Node's types into the core's compile; keep its globals out by rule.
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'],
    },
  },
  // map/ and ui/ never import each other: app/ composes them.
  { files: ['src/map/**'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/ui/**', '**/app/**'], message: 'map/ must not import ui/ or app/.' }] }] } },
  { files: ['src/ui/**'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/map/**', '**/app/**', 'leaflet', 'react-leaflet'], message: 'ui/ must not import map/, app/ or Leaflet.' }] }] } },
  { files: ['scripts/**', 'e2e/**', '*.config.{js,ts}', 'src/**/*.test.ts', 'src/test-support/**'], languageOptions: { globals: globals.node } },
  // Tests break raw JSON on purpose to see how bad data is reported.
  { files: ['src/**/*.test.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
