// ESLint flat config. typescript-eslint's recommended rules without type information
// (no parserOptions.project), so `npx eslint .` stays fast.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const PURE_CONFIG = 'The policy core gets configuration as arguments; it never reads process or the environment.';
const PURE_CLOCK = 'The policy core never reads the clock or a random source; `now` is an argument.';
const PURE_IO =
  'The policy core is a pure fold with no I/O: it must run under `waymark simulate` with no database, chat platform or network. Do the I/O in the caller and pass the data in.';

const RULES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src', 'rules');

/**
 * Local rule: a relative import in src/rules must stay inside src/rules (so `../cli/main.js`
 * fails in the editor, not only in dependency-cruiser). Bare specifiers are left to
 * no-restricted-imports here and to the package allowlist in .dependency-cruiser.cjs.
 */
const stayInsideRules = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      outside:
        "'{{specifier}}' leaves src/rules. The policy core is a pure fold: it may import only src/rules and the pure packages listed in .dependency-cruiser.cjs; other src folders depend on it, never the other way round.",
    },
  },
  create(context) {
    const check = (source) => {
      if (!source || typeof source.value !== 'string') return;
      const specifier = source.value;
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) return;
      const target = path.resolve(path.dirname(context.filename), specifier);
      const rel = path.relative(RULES_DIR, target);
      if (rel.startsWith('..') || path.isAbsolute(rel)) {
        context.report({ node: source, messageId: 'outside', data: { specifier } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      TSImportType: (node) => check(node.source),
    };
  },
};

/** Node globals used by plain-JS bench scripts (the `globals` package is not a dependency). */
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'performance', 'structuredClone',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'queueMicrotask', 'globalThis', 'gc',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'coverage/']),

  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.{ts,js}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // `const { _id, ...rest } = doc` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },

  {
    files: ['bench/**/*.js'],
    languageOptions: { globals: nodeGlobals },
  },

  // The case service (src/cases) takes its clock and configuration from its context, so
  // jobs, requests and tests decide what "now" is; only the edges read the clock or env.
  {
    files: ['src/cases/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'src/cases gets configuration through its CaseContext.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'src/cases reads the time from ctx.now().' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/cases reads the time from ctx.now().' },
      ],
    },
  },

  // The policy core (src/rules) is pure: same inputs, same outputs. These rules make the
  // boundary visible at lint time; .dependency-cruiser.cjs enforces the same boundary on the
  // resolved module graph.
  {
    files: ['src/rules/**/*.ts'],
    plugins: { waymark: { rules: { 'stay-inside-rules': stayInsideRules } } },
    rules: {
      'waymark/stay-inside-rules': 'error',
      'no-restricted-globals': ['error', { name: 'process', message: PURE_CONFIG }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='globalThis'][property.name='process']",
          message: PURE_CONFIG,
        },
        // MemberExpression (not only CallExpression) so `const clock = Date.now` is caught too.
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: PURE_CLOCK },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: PURE_CLOCK },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: PURE_CLOCK },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: PURE_CLOCK },
        // `Date()` without `new` returns the current time as a string.
        { selector: "CallExpression[callee.name='Date']", message: PURE_CLOCK },
        // no-restricted-imports does not see `import('…')`; the core has no reason to load code at run time.
        { selector: 'ImportExpression', message: PURE_IO },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: PURE_IO })),
          patterns: [
            { regex: '^node:', message: PURE_IO },
            {
              group: [
                'mongoose', 'mongoose/*',
                'mongodb', 'mongodb/*',
                'agenda', 'agenda/*', '@agendajs/*',
                '@slack/*',
                '@microsoft/*',
                'botbuilder*',
                'pino', 'pino/*', 'pino-*',
              ],
              message: PURE_IO,
            },
          ],
        },
      ],
    },
  },
);
