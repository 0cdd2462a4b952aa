/**
 * The committed pack schema, as an editor uses it (a JSON Schema 2020-12 validator): every
 * built-in pack and the extending example are valid; an extending pack that gives a whole
 * section, misspells a section, or replaces an element with a bad one is not, and the
 * error points at the part that is wrong.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../../src/rules/packs/pack.schema.json' with { type: 'json' };
import { BUILTIN_PACK_IDS, builtinPackSource } from '../../../src/rules/packs/index.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/acme-mtt-two-misses.json', import.meta.url));
const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

/** The JSON paths the validator complains about (deepest first within each branch). */
function errorPaths(json: unknown): string[] {
  return validate(json) ? [] : [...new Set((validate.errors ?? []).map((e) => e.instancePath))];
}

test.each(BUILTIN_PACK_IDS)('the built-in pack %s is valid', (id) => {
  expect(errorPaths(builtinPackSource(id))).toEqual([]);
});

test('the extending example is valid', () => {
  expect(errorPaths(example)).toEqual([]);
});

test('an extending pack without its own version is not', () => {
  const { version: _version, ...rest } = example;
  expect(validate(rest)).toBe(false);
});

test('an extending pack that gives a whole section is not', () => {
  expect(validate({ ...example, triggers: [] })).toBe(false);
});

test('a misspelt section under change is not, and the error names it', () => {
  expect(validate({ ...example, change: { trigers: {} } })).toBe(false);
  expect(validate.errors?.some((e) => e.instancePath === '/change' && e.params.additionalProperty === 'trigers')).toBe(true);
});

test('a replaced trigger is checked as a trigger', () => {
  const bad = { ...example, replace: { triggers: [{ id: 'x', kind: 'no-such-kind' }] } };
  expect(validate(bad)).toBe(false);
  expect(validate.errors?.some((e) => e.instancePath.startsWith('/replace/triggers/0'))).toBe(true);
  const good = { ...example, replace: { roles: [{ id: 'coach', name: 'Trainer' }] } };
  expect(errorPaths(good)).toEqual([]);
});
