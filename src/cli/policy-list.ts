/** `waymark policy list [--json]`: the built-in packs, one per line (id, version, provider, name). */
import { BUILTIN_PACK_IDS, builtinPack } from '../rules/packs/index.js';
import { parseFlags } from './args.js';
import { badInput, printJson, writeLines, type CliIo } from './io.js';
import { POLICY_USAGE } from './usage.js';

export interface PackSummary {
  readonly id: string;
  readonly version: string;
  readonly provider: string;
  readonly name: string;
}

export function builtinSummaries(): PackSummary[] {
  return BUILTIN_PACK_IDS.map((id) => {
    const pack = builtinPack(id)!;
    return { id, version: pack.version, provider: pack.provider, name: pack.name };
  });
}

export async function policyList(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, { json: { type: 'boolean' } });
  if (!flags.ok) return badInput(io, [...flags.lines, POLICY_USAGE]);
  const rows = builtinSummaries();
  if (flags.value.values.json === true) return printJson(io, rows);
  writeLines(io.stdout, alignColumns(rows.map((r) => [r.id, r.version, r.provider, r.name])));
  return 0;
}

/** Columns padded to their widest cell, two spaces apart; no trailing spaces. */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
