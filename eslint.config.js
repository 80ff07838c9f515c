import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Data flows one way (CONVENTIONS.md): sql <- queries, models, ingest, charts <- engine, store <- ui <- app.
const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({
          group: [group],
          message: 'This import breaks the layer direction (see CONVENTIONS.md).',
        })),
      },
    ],
  },
});
const pureForbidden = ['react', 'react-dom', 'react-dom/*', 'dexie', 'comlink', '@duckdb/*', 'duckdb-browser-blocking'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'bench/results/', 'public/'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(['src/sql/**'], [...pureForbidden, '../*']),
  layer(
    ['src/queries/**', 'src/models/**', 'src/charts/**'],
    [...pureForbidden, '../engine/*', '../store/*', '../ui/*', '../app/*', '../ingest/*'],
  ),
  layer(['src/ingest/**'], [...pureForbidden, '../engine/*', '../store/*', '../ui/*', '../app/*']),
  layer(['src/engine/**'], ['react', 'react-dom', 'dexie', '../store/*', '../ui/*', '../app/*']),
  layer(['src/store/**'], ['react', 'react-dom', 'comlink', '@duckdb/*', '../engine/*', '../ui/*', '../app/*']),
  layer(['src/ui/**'], ['@duckdb/*', 'duckdb-browser-blocking', '../app/*', '../../app/*', '../../../app/*']),
  // One screen never imports another screen.
  {
    files: ['src/ui/features/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./[^.]', message: 'One screen never imports another screen.' },
            { group: ['@duckdb/*', '../../../app/*'], message: 'This import breaks the layer direction (see CONVENTIONS.md).' },
          ],
        },
      ],
    },
  },
);
