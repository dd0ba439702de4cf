// The demo's ESLint setup: what a team adds to its own eslint.config.js.
import tsParser from '@typescript-eslint/parser';
import promptlint from '@promptlint/eslint-plugin';

export default [
  ...promptlint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
  },
  {
    settings: { promptlint: { callsPerDay: 2000 } },
  },
];
