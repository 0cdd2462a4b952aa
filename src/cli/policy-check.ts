/**
 * `waymark policy check <file>...`: checks custom packs with the same parser the built-in
 * ones pass. Each good file gets one `ok` line on standard output; every problem in a bad
 * one is a line `<file>: <path>: <message>` on standard error, and the exit code is 2.
 */
import type { Pack } from '../rules/pack/pack-schema.js';
import { parseFlags } from './args.js';
import { badInput, writeLines, type CliIo } from './io.js';
import { loadPackFile } from './policy-source.js';
import { POLICY_USAGE } from './usage.js';

export async function policyCheck(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, {}, true);
  if (!flags.ok) return badInput(io, [...flags.lines, POLICY_USAGE]);
  const files = flags.value.positionals;
  if (files.length === 0) return badInput(io, ['policy check: needs the path of a pack file', POLICY_USAGE]);
  let exit = 0;
  for (const file of files) {
    const pack = await loadPackFile(file, 'policy check');
    if (pack.ok) writeLines(io.stdout, [`${file}: ok (${describe(pack.value)})`]);
    else exit = badInput(io, pack.lines);
  }
  return exit;
}

function describe(pack: Pack): string {
  return `${pack.id} ${pack.version}: ${count(pack.triggers.length, 'trigger')}, ${count(pack.stages.length, 'stage')}, ${count(pack.variants.length, 'variant')}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
