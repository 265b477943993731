// The bench's own lint config: the root config (ESLint looks up the nearest config from each
// file), plus what only the bench needs. Root eslint.config.js is not edited.
import globals from 'globals';
import root from '../eslint.config.js';

export default [
  // The app's production build and the generated data are outputs, not sources.
  { ignores: ['.dist/', 'data/', 'results/'] },
  ...root,
  // The comparison pages are plain browser scripts using the vendored libraries' globals.
  {
    files: ['pages/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, L: 'readonly', Supercluster: 'readonly', Papa: 'readonly' },
    },
  },
  { files: ['*.ts', '*.js'], ignores: ['pages/**'], languageOptions: { globals: globals.node } },
];
