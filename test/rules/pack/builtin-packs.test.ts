/**
 * The built-in packs are data a provider can copy and edit: each one parses with the same
 * parser as a custom pack, a copy with a change still parses and the change takes effect,
 * and the committed JSON Schema (for editors) is the one the code generates.
 */
import { evaluate } from '../../../src/rules/engine/engine.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import { EXTENSIBLE_SECTIONS } from '../../../src/rules/pack/extend-pack.js';
import { packJsonSchema } from '../../../src/rules/pack/json-schema.js';
import { parsePack } from '../../../src/rules/pack/parse-pack.js';
import type { Pack } from '../../../src/rules/pack/pack-schema.js';
import { BUILTIN_PACK_IDS, builtinPack, builtinPackSource } from '../../../src/rules/packs/index.js';
import committedSchema from '../../../src/rules/packs/pack.schema.json' with { type: 'json' };
import { DEFAULT_LEARNER } from '../scenario.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form pack JSON edited in tests

describe('every built-in pack', () => {
  test('the list is the five policies of POLICIES.md', () => {
    expect([...BUILTIN_PACK_IDS]).toEqual(['makers', 'creative-alliance', 'bpn', 'mtt', 'atl']);
  });

  test.each([...BUILTIN_PACK_IDS])('%s parses with no issue and keeps its id', (id) => {
    const parsed = parsePack(builtinPackSource(id));
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    expect(parsed.ok && parsed.value.id).toBe(id);
    expect(builtinPack(id)!.id).toBe(id);
  });

  test.each([...BUILTIN_PACK_IDS])('%s points editors at the committed schema', (id) => {
    expect((builtinPackSource(id) as Json).$schema).toBe('./pack.schema.json');
  });

  test('an unknown id is not a built-in pack', () => {
    expect(builtinPack('nope')).toBeUndefined();
  });
});

describe('the JSON Schema for editors', () => {
  test('src/rules/packs/pack.schema.json is exactly what packJsonSchema() generates', () => {
    const generated = JSON.parse(JSON.stringify(packJsonSchema())) as unknown;
    try {
      expect(committedSchema).toEqual(generated);
    } catch (error) {
      throw new Error(
        'src/rules/packs/pack.schema.json is stale: regenerate it with `npx waymark policy schema > src/rules/packs/pack.schema.json`\n' +
          (error as Error).message,
        { cause: error },
      );
    }
  });

  test('it describes the pack format with a title: a whole pack, or one that extends another', () => {
    const schema = packJsonSchema();
    expect(schema.title).toBe('Waymark policy pack');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const [whole, extending] = schema.anyOf as Json[];
    expect(schema.anyOf).toHaveLength(2);
    expect(Object.keys(whole!.properties as object)).toEqual(
      expect.arrayContaining(['id', 'version', 'roles', 'triggers', 'stages', 'outcomes', 'tasks', 'appeals', 'variants']),
    );
    expect(whole!.properties.extends).toBeUndefined();
    expect(extending!.required).toEqual(['id', 'version', 'extends']);
    expect(Object.keys(extending!.properties.change.properties as object)).toEqual([...EXTENSIBLE_SECTIONS]);
    // A whole section cannot be given by an extending pack (only changed by id).
    expect(extending!.properties.triggers).toBeUndefined();
    expect(extending!.additionalProperties).toBe(false);
  });
});

describe('a provider copies a built-in pack and edits it', () => {
  const copy = (id: (typeof BUILTIN_PACK_IDS)[number]): Json => JSON.parse(JSON.stringify(builtinPackSource(id))) as Json;

  function alertsFor(pack: Pack, actual: number, planned: number): number {
    const input = parseSimulationInput({ learner: DEFAULT_LEARNER, events: [{ type: 'progress', at: '2026-10-01', actual, planned }] });
    if (!input.ok) throw new Error(JSON.stringify(input.issues));
    const result = evaluate(pack, input.value.learner, input.value.events, input.value.events[0]!.at);
    if (!result.ok) throw new Error(result.refusal.message);
    return result.timeline.filter((e) => e.kind === 'alert').length;
  }

  test('makers with "fallen behind" at 15 points instead of 10: parses, and 14 points no longer alerts', () => {
    const edited = copy('makers');
    edited.id = 'makers-custom';
    edited.triggers.find((t: Json) => t.id === 'behind-timeline').points = 15;
    const parsed = parsePack(edited);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(alertsFor(parsed.value, 36, 50)).toBe(0);
    expect(alertsFor(parsed.value, 35, 50)).toBe(1);
    expect(alertsFor(builtinPack('makers')!, 36, 50)).toBe(1); // the built-in pack is unchanged
  });

  test('makers with a new role told at stage 3: parses', () => {
    const edited = copy('makers');
    edited.roles.push({ id: 'hr-partner', name: 'HR partner at the employer', external: true });
    edited.stages.find((s: Json) => s.id === 'stage-3').onEnter.push({ do: 'notify', role: 'hr-partner', reason: 'copy of the stage 3 email' });
    expect(parsePack(edited).ok).toBe(true);
  });

  test.each([...BUILTIN_PACK_IDS])('%s with a new version number and without "$schema" still parses', (id) => {
    const edited = copy(id);
    edited.version = '2.1.0';
    delete edited.$schema;
    const parsed = parsePack(edited);
    expect(parsed.ok && parsed.value.version).toBe('2.1.0');
  });

  test('parsing a copy does not change the built-in source', () => {
    const before = JSON.stringify(builtinPackSource('mtt'));
    parsePack(builtinPackSource('mtt'));
    expect(JSON.stringify(builtinPackSource('mtt'))).toBe(before);
  });
});
