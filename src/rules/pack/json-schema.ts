/**
 * The pack schema as JSON Schema, for editors (`"$schema": "./pack.schema.json"` in a
 * pack file gives completion and checks while a provider edits it).
 */
import { z } from 'zod/v4';
import { packSchema } from './pack-schema.js';

export function packJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(packSchema, { io: 'input', unrepresentable: 'any', reused: 'ref' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'Waymark policy pack',
    description: "A training provider's learners-at-risk policy as data, run by the Waymark policy engine.",
  };
}
