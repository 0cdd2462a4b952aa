/**
 * Architecture rules, checked on the resolved module graph by `npm run lint`
 * (`depcruise src --config .dependency-cruiser.cjs`).
 *
 * The policy engine in src/rules is a pure fold: events in, state and actions out. It has
 * to run under `waymark simulate` with no database, chat platform or network, and give the
 * same answer for the same input. So src/rules may depend only on src/rules itself and on a
 * short list of pure npm packages (validation, date arithmetic, time zones).
 * Anything else (another src folder such as cli/, bots/ or scheduler/, a node core module,
 * any other npm package) fails. eslint.config.js enforces the same boundary at lint time,
 * plus the clock/`process` rules that a module graph cannot see.
 */

/** npm packages the policy core may import. Keep this list short and pure. */
const PURE_PACKAGES = ['zod', 'date-fns', '@date-fns/tz'];
const PURE_PACKAGE_PATHS = `^node_modules/(${PURE_PACKAGES.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'rules-not-to-core-modules',
      severity: 'error',
      comment:
        'The policy engine (src/rules) is a pure fold, runnable by `waymark simulate` with no ' +
        'database, chat platform or network: it must not import node core modules (fs, path, ' +
        'http, child_process, os, ...). Do the I/O in the caller and pass the data in.',
      from: { path: '^src/rules/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'rules-not-to-other-src',
      severity: 'error',
      comment:
        'The policy engine (src/rules) is a pure fold, runnable by `waymark simulate` with no ' +
        'database, chat platform or network: it must not import other src folders (cli, bots, ' +
        'cards, scheduler, ...). Those depend on the engine, never the other way round.',
      from: { path: '^src/rules/' },
      to: { path: '^src/', pathNot: '^src/rules/' },
    },
    {
      name: 'rules-only-to-rules-and-pure-packages',
      severity: 'error',
      comment:
        'The policy engine (src/rules) is a pure fold, runnable by `waymark simulate` with no ' +
        'database, chat platform or network: besides src/rules it may import only the npm ' +
        `packages ${PURE_PACKAGES.join(', ')}. Any other package (mongoose, agenda, @slack/*, ` +
        'botbuilder, pino, ...) or file outside src fails. To allow a new pure package, add it ' +
        'to PURE_PACKAGES in .dependency-cruiser.cjs and say why in the commit.',
      from: { path: '^src/rules/' },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: ['^src/', PURE_PACKAGE_PATHS],
        // unresolvable imports are reported by not-to-unresolvable below
        couldNotResolve: false,
      },
    },
    {
      name: 'cases-not-to-platforms-or-adapters',
      severity: 'error',
      comment:
        'The case service (src/cases) is the channel-neutral core that Slack, Teams, the HTTP ' +
        'API, the CLI and the scheduler all call: it talks to storage and people only through ' +
        'its ports (src/store/store.ts, src/cases/notifier.ts). It must not import mongoose, ' +
        'the MongoDB driver, Agenda, a chat SDK, a logger, or the adapters that use them.',
      from: { path: '^src/cases/' },
      to: {
        path: [
          '^node_modules/(mongoose|mongodb|bson|mingo|agenda|@agendajs|@slack|@microsoft|botbuilder[^/]*|pino[^/]*)/',
          '^src/(store/mongo|store/embedded-mongo|store/open-store|scheduler|bots|cli|cards)',
        ],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Circular dependencies in src make load order fragile (ESM cycles see uninitialised ' +
        'bindings) and blur which layer owns what. Break the cycle by moving the shared part ' +
        'into its own module.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'src-not-to-test-or-bench',
      severity: 'error',
      comment:
        'Production code must not import test or benchmark code: neither is built into dist/, ' +
        'so the import would break the installed `waymark` command.',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'This import cannot be resolved to a file or an installed package, so none of the ' +
        'rules above can check it. Fix the path (NodeNext style: `./engine.js` for engine.ts) ' +
        'or add the package.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '^node_modules' },
    // See type-only imports (`import type`) too: a type import from outside the core is
    // still a dependency on it.
    tsPreCompilationDeps: true,
    // Use the project's tsconfig (NodeNext module resolution) for parsing and resolution.
    // NodeNext-style specifiers (`./engine.js` pointing at `engine.ts`) need no
    // extensionAlias: dependency-cruiser retries an unresolved .js/.jsx/.mjs/.cjs specifier
    // with .ts/.tsx/.d.ts (.mts/.cts), as tsc does. (Its config schema does not accept
    // enhanced-resolve's `extensionAlias` option.)
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      // Resolve packages through their package.json `exports` (e.g. `zod/v4`), as Node does.
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    // `process.getBuiltinModule('fs')` is an import too.
    detectProcessBuiltinModuleCalls: true,
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
