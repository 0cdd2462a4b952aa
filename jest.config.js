/**
 * Jest runs the TypeScript sources as native ES modules (Agenda 6 is ESM-only), compiled by
 * SWC per file; type checking is `npm run typecheck`, so tests stay fast.
 * Requires `node --experimental-vm-modules` (the npm scripts pass it).
 */
export default {
  testEnvironment: 'node',
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
