/**
 * Jest runs the TypeScript sources as native ES modules (Agenda 6 is ESM-only), compiled by
 * SWC per file; type checking is `npm run typecheck`, so tests stay fast.
 * Requires `node --experimental-vm-modules` (the npm scripts pass it).
 */
export default {
  testEnvironment: 'node',
  // Both cores: most of the slow suites wait on child processes, sockets and timers rather
  // than compute, so two at a time roughly halve the run (Jest's default is cores - 1).
  maxWorkers: 2,
  // A test's time limit guards against hangs only: on a loaded 2-core machine a test that
  // takes 1 s alone can take many times that, and must not fail for it.
  testTimeout: 120_000,
  // A worker that has grown past this is replaced before its next test file, so memory
  // from the large suites (the 10,000-request replay) does not pile up across the run.
  workerIdleMemoryLimit: '1GB',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', importAttributes: true },
          target: 'es2022',
          experimental: { keepImportAttributes: true },
        },
        module: { type: 'es6' },
      },
    ],
  },
};
