/**
 * `waymark simulate` (docs/contracts/simulate.md): flags, then the pack and the input
 * (both read, so one run reports the problems of both), then the pure run.
 */
import { missingDateReason, parseDay, type CivilDay } from '../rules/calendar/index.js';
import { parseFlags } from './args.js';
import { readJson } from './files.js';
import { badInput, printJson, type CliIo } from './io.js';
import { loadPolicy } from './policy-source.js';
import { runSimulation } from './simulate-run.js';
import { SIMULATE_HELP, SIMULATE_USAGE } from './usage.js';

const OPTIONS = {
  policy: { type: 'string' },
  input: { type: 'string' },
  until: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function simulateCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, OPTIONS);
  if (!flags.ok) return badInput(io, [...flags.lines, SIMULATE_USAGE]);
  const { policy, input, until, help } = flags.value.values;
  if (help === true) {
    io.stdout.write(SIMULATE_HELP);
    return 0;
  }

  const problems: string[] = [];
  if (typeof policy !== 'string') problems.push('--policy: is required (a built-in pack id or a path to a pack file)');
  if (typeof input !== 'string') problems.push('--input: is required (a JSON file, or - for standard input)');
  let untilDay: CivilDay | undefined;
  if (typeof until === 'string') {
    untilDay = parseDay(until);
    const missing = missingDateReason(until);
    if (untilDay === undefined) problems.push(`--until: ${missing === undefined ? 'must be a date written YYYY-MM-DD' : `is not a real date: ${missing}`}`);
  }
  if (problems.length > 0 || typeof policy !== 'string' || typeof input !== 'string') {
    return badInput(io, [...problems, SIMULATE_USAGE]);
  }

  const pack = await loadPolicy(policy, '--policy');
  const json = await readJson(input, '--input', io.stdin);
  if (!pack.ok || !json.ok) return badInput(io, [...(pack.ok ? [] : pack.lines), ...(json.ok ? [] : json.lines)]);

  const output = runSimulation(pack.value, json.value, untilDay);
  if (!output.ok) return badInput(io, output.lines);
  return printJson(io, output.value);
}
