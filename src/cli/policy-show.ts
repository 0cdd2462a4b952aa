/**
 * `waymark policy show <pack-id | path> [--resolved]`: a built-in pack exactly as written
 * (the JSON a provider copies to start their own), or a pack file as parsed, defaults
 * filled in. With --resolved, a pack that `extends` another is printed merged with its
 * base: the whole policy the bot would run. Its `$schema` is always `./pack.schema.json`.
 */
import { builtinPackSource } from '../rules/packs/index.js';
import { parseFlags } from './args.js';
import { badInput, printJson, type CliIo } from './io.js';
import { PACK_SCHEMA_REF } from './policy-schema.js';
import { isBuiltinId, loadPolicy } from './policy-source.js';
import { POLICY_USAGE } from './usage.js';

export async function policyShow(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, { resolved: { type: 'boolean' } }, true);
  if (!flags.ok) return badInput(io, [...flags.lines, POLICY_USAGE]);
  const [idOrPath, ...extra] = flags.value.positionals;
  if (idOrPath === undefined) return badInput(io, ['policy show: needs a pack id or a path to a pack file', POLICY_USAGE]);
  if (extra.length > 0) return badInput(io, [`policy show: unexpected argument ${JSON.stringify(extra[0])}`, POLICY_USAGE]);
  if (isBuiltinId(idOrPath) && flags.value.values.resolved !== true) return printJson(io, withSchemaBeside(builtinPackSource(idOrPath)));
  const pack = await loadPolicy(idOrPath, 'policy show');
  if (!pack.ok) return badInput(io, pack.lines);
  return printJson(io, withSchemaBeside(pack.value));
}

/**
 * The pack naming `./pack.schema.json` as its `$schema`, whatever its source named (a path
 * from its own folder means nothing beside a copy): `waymark policy schema --out
 * pack.schema.json` puts the schema there, wherever the copy is kept.
 */
function withSchemaBeside(pack: unknown): object {
  const { $schema: _theirs, ...rest } = pack as Record<string, unknown>;
  return { $schema: PACK_SCHEMA_REF, ...rest };
}
