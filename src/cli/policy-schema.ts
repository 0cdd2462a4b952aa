/**
 * `waymark policy schema [--out FILE]`: the pack format as JSON Schema, for the `"$schema"`
 * line of a pack file. A pack printed by `policy show` names `./pack.schema.json`, so
 * `policy schema --out pack.schema.json` in the pack's folder makes editors check it there.
 */
import { packJsonSchema } from '../rules/pack/json-schema.js';
import { parseFlags } from './args.js';
import { writeText } from './files.js';
import { badInput, EXIT_OK, printJson, writeLines, type CliIo } from './io.js';
import { POLICY_USAGE } from './usage.js';

/** What a pack printed by `policy show` names as its `$schema`: the file `--out pack.schema.json` writes beside it. */
export const PACK_SCHEMA_REF = './pack.schema.json';

export async function policySchema(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, { out: { type: 'string' } });
  if (!flags.ok) return badInput(io, [...flags.lines.map((l) => `policy schema: ${l}`), POLICY_USAGE]);
  const out = flags.value.values.out as string | undefined;
  if (out === undefined) return printJson(io, packJsonSchema());
  if (out === '') return badInput(io, ['policy schema: --out needs a file name', POLICY_USAGE]);
  const written = await writeText(out, `${JSON.stringify(packJsonSchema(), null, 2)}\n`);
  if (!written.ok) return badInput(io, [`policy schema: cannot write "${out}": ${written.reason}`]);
  writeLines(io.stderr, [`policy schema: wrote the pack format as JSON Schema to ${out}`]);
  return EXIT_OK;
}
