// The project's own lint (`npm run lint`): typescript-eslint's strict preset over the sources, tests
// and scripts, and eslint-plugin-eslint-plugin's recommended rules over the ESLint plugin's sources.
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

const node = Object.fromEntries(
  ['process', 'console', 'URL', 'Buffer', 'performance', 'setTimeout', 'clearTimeout', 'structuredClone', 'TextEncoder', 'TextDecoder'].map((name) => [
    name,
    'readonly',
  ]),
);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'bench/**', 'fixtures/**', 'examples/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      // With noUncheckedIndexedAccess, `xs[i]!` after a bounds check is the idiom (~820 sites).
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Generic rule types (`Rule<any>`) and JSON in tests; worth typing, file by file.
      '@typescript-eslint/no-explicit-any': 'off',
      // Control characters in the tokenizer's, cache's and YAML scanner's regexes are deliberate.
      'no-control-regex': 'off',
      // Tests delete environment variables by name.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // `boolean | void` visitors.
      '@typescript-eslint/no-invalid-void-type': 'off',
      // Regexes in tests spell out the exact spaces they expect.
      'no-regex-spaces': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: node } },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...node, require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['packages/eslint-plugin/src/**/*.ts'], ...eslintPlugin.configs.recommended },
);
