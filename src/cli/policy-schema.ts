/** `waymark policy schema`: the pack format as JSON Schema (for `"$schema"` in a pack file). */
import { packJsonSchema } from '../rules/pack/json-schema.js';
import { parseFlags } from './args.js';
import { badInput, printJson, type CliIo } from './io.js';
import { POLICY_USAGE } from './usage.js';

export async function policySchema(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, {});
  if (!flags.ok) return badInput(io, [...flags.lines, POLICY_USAGE]);
  return printJson(io, packJsonSchema());
}
