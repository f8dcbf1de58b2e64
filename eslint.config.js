import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'models/', 'coverage/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The console: the rules of hooks, and the React Compiler's checks of what hooks may do.
  { files: ['web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
  },
  // SQL lives in src/store/ repositories (one place to add a second dialect): elsewhere no driver, no query builder.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'better-sqlite3', message: 'SQL lives in src/store/ repositories: use one of them.' },
            {
              name: 'kysely',
              allowTypeImports: true,
              message: 'SQL lives in src/store/ repositories: use one of them (type imports are fine).',
            },
          ],
          patterns: [{ group: ['better-sqlite3/*'], message: 'SQL lives in src/store/ repositories: use one of them.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(prepare|selectFrom|insertInto|updateTable|deleteFrom|pragma)$/]',
          message: 'SQL lives in src/store/ repositories: add a method there.',
        },
        {
          // `exec` with SQL text; RegExp#exec stays allowed.
          selector:
            'CallExpression[callee.property.name="exec"][arguments.0.type=/^(Literal|TemplateLiteral)$/]:not([callee.object.regex])',
          message: 'SQL lives in src/store/ repositories: add a method there.',
        },
      ],
    },
  },
);
