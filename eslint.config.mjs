// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Test code: spec files, the top-level test tree, and the `testing/` helpers beside the code they fake. */
const TESTS = ['**/*.spec.ts', 'test/**', '**/testing/**'];

/**
 * Raw SQL on the `events` table. Only the ledger-file module (its SQL table, its tests, its
 * tampering helper) and the PostgreSQL adapter may write it: everyone else reads through
 * LedgerFile or the store's port and capabilities, so the schema has one owner.
 */
const EVENTS_SQL = String.raw`/\bFROM\s+events\b|\bINTO\s+events\b|\bUPDATE\s+events\b/i`;
const EVENTS_SQL_OWNERS = [
  'libs/event-store/src/sqlite/ledger-file.ts',
  'libs/event-store/src/sqlite/ledger-file.*spec.ts',
  'libs/event-store/src/sqlite/testing/ledger-file-*.ts',
  'libs/event-store/src/postgres/**',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'coverage/**',
      'artifacts/**',
      'cache/**',
      'typechain-types/**',
      '.data/**',
      'libs/merkle/src/keccak-wasm.generated.ts',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    // A `let` read by a closure before its one assignment cannot become a const (it would be read in its dead zone).
    rules: { 'prefer-const': ['error', { ignoreReadBeforeAssign: true }] },
  },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommended],
    // Type information for the few rules that need it (promises, thrown values): the whole
    // recommendedTypeChecked set costs the same program but reports ~900 `any`s in tests that
    // parse JSON bodies, which would be churn, not bug-finding.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      'max-lines': ['error', { max: 300 }],
      'no-restricted-syntax': [
        'error',
        {
          selector: `Literal[value=${EVENTS_SQL}], TemplateElement[value.raw=${EVENTS_SQL}]`,
          message:
            'SQL on the events table belongs to the ledger-file module (libs/event-store/src/sqlite/ledger-file.ts): read through LedgerFile.',
        },
      ],
    },
  },
  {
    files: EVENTS_SQL_OWNERS,
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests read untyped JSON (HTTP bodies, NDJSON lines) and may run longer than a source file.
    files: TESTS,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'max-lines': ['error', { max: 400 }],
    },
  },
  {
    // Programs whose output is their console: the CLI, build and deploy scripts, benchmarks.
    files: ['apps/cli/**', 'apps/verify-page/src/build.cli.ts', 'scripts/**', 'bench/**', 'deploy/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);
