/**
 * The pack schema as JSON Schema, for editors (`"$schema": "./pack.schema.json"` in a
 * pack file gives completion and checks while a provider edits it). A pack file is either
 * a whole pack or one that `extends` another and gives only what differs (extend-pack.ts):
 * its own fields are optional (but id and version), and whole elements it replaces or adds
 * are checked as the base's elements are.
 */
import { z } from 'zod/v4';
import { EXTENSIBLE_SECTIONS, extensionFields } from './extend-pack.js';
import { packSchema } from './pack-schema.js';

export function packJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([packSchema, extendingPackSchema()]), { io: 'input', unrepresentable: 'any', reused: 'ref' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'Waymark policy pack',
    description: "A training provider's learners-at-risk policy as data, run by the Waymark policy engine: a whole pack, or one that extends another.",
  };
}

/** A pack that extends another, as editors should know it. */
function extendingPackSchema() {
  const sections: readonly string[] = EXTENSIBLE_SECTIONS;
  const own = Object.fromEntries(
    Object.entries(packSchema.shape)
      .filter(([key]) => !sections.includes(key))
      .map(([key, field]) => [key, key === 'id' || key === 'version' ? field : field.optional()]),
  );
  const elements = (wrap: (element: z.ZodType) => z.ZodType) =>
    z.object(Object.fromEntries(EXTENSIBLE_SECTIONS.map((s) => [s, wrap(elementOf(s)).optional()]))).strict();
  return z
    .object({
      ...own,
      ...extensionFields,
      replace: elements((e) => z.array(e)).optional().meta({ description: 'by section: whole elements, each replacing the base element with its id' }),
      add: elements((e) => z.array(e)).optional().meta({ description: 'by section: new elements' }),
    })
    .strict()
    .meta({ title: 'Extending pack', description: 'A pack built on another ("extends"): only what differs, edited by id' });
}

/** The schema of one element of a section (a trigger, a stage, ...). */
function elementOf(section: (typeof EXTENSIBLE_SECTIONS)[number]): z.ZodType {
  let field: z.ZodType = packSchema.shape[section];
  while (field instanceof z.ZodDefault || field instanceof z.ZodOptional) field = field.unwrap() as z.ZodType;
  if (!(field instanceof z.ZodArray)) throw new Error(`pack section ${section} is not a list`);
  return field.element as z.ZodType;
}
