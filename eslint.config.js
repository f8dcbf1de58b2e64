import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The folders of src/ depend inward: core ← catalog ← config ← store ← providers ← gateway ←
 * {cache, compliance, governance, metrics, engine, jobs} ← runtime ← server ← cli (catalog is a table of
 * data that config reads; security, like core, imports nothing of ours). Each folder gets a block
 * forbidding imports from the folders above it, type imports included; the patterns are relative
 * paths from any depth inside the folder (`../x/*`, `../../x/*`, …). test/house-rules.test.ts checks them.
 */
const above = (folders) => folders.flatMap((f) => ['../', '../../', '../../../'].map((up) => `${up}${f}/*`));
const layer = (folder, forbidden, message) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: above(forbidden), message }] }] },
});
const TOP = ['runtime', 'server', 'cli'];
const DOMAIN = ['cache', 'compliance', 'governance', 'metrics', 'engine', 'jobs', 'knowledge', 'eval', 'apps', 'analytics'];
const folderRules = [
  layer('core', ['security', 'config', 'catalog', 'store', 'providers', 'gateway', ...DOMAIN, ...TOP], 'core imports nothing of ours.'),
  layer('security', ['config', 'catalog', 'store', 'providers', 'gateway', ...DOMAIN, ...TOP], 'security imports only core.'),
  layer('config', ['security', 'store', 'providers', 'gateway', ...DOMAIN, ...TOP], 'config imports only core and catalog.'),
  layer('catalog', ['security', 'config', 'store', 'providers', 'gateway', ...DOMAIN, ...TOP], 'catalog imports only core.'),
  layer('store', ['security', 'catalog', 'providers', 'gateway', ...DOMAIN, ...TOP], 'store imports only core and config.'),
  layer('providers', ['gateway', ...DOMAIN, ...TOP], 'providers import nothing above them (gateway, its stages, runtime, server, cli).'),
  // The gateway knows its stages only by core/stage.ts: data security, limits and the cache plug in from their folders.
  layer(
    'gateway',
    ['store', ...DOMAIN, ...TOP],
    'gateway imports no stage (compliance, governance, cache), no store, nothing above it: stages plug in through core/stage.ts.',
  ),
  ...DOMAIN.map((f) => layer(f, TOP, `${f} imports nothing above it (runtime, server, cli).`)),
  // The job queue knows job types only by their interface: handlers plug in from their folders (runtime registers them).
  layer(
    'jobs',
    ['security', 'catalog', 'providers', 'gateway', ...DOMAIN.filter((f) => f !== 'jobs'), ...TOP],
    'jobs imports only core, config and store: job types plug in from their folders.',
  ),
  layer('runtime', ['server', 'cli'], 'runtime imports neither server nor cli.'),
  layer('server', ['cli'], 'server does not import cli.'),
];

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
  ...folderRules,
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
