/**
 * `waymark policy backtest <candidate> [--against <pack>] [--input DIR] [--learner ID]...
 * [--json]`: replays learners' histories under the pack in force and under a candidate,
 * and lists the learners whose outcome would change and how (src/rules/backtest).
 *
 * Which learners: with --input, the learner of every *.json file in the folder (each a
 * `simulate` input); otherwise those in the database (MONGODB_URI) whose policy is the
 * pack in force. The pack in force is --against, else the deployment's WAYMARK_POLICY.
 * --learner narrows either to the learners named. Nothing is ever written.
 */
import type { Pack } from '../rules/pack/pack-schema.js';
import { loadPackRegistry, type PackRegistry } from '../pack-files/pack-registry.js';
import { packSourcesFrom } from '../server/config.js';
import { parseFlags } from './args.js';
import { backtestReport, reportTable } from './backtest-report.js';
import { fromInputFolder, fromStore, type Backtested } from './backtest-sources.js';
import { badInput, failed, ok, printJson, writeLines, type CliIo, type Outcome } from './io.js';
import { loadPolicy } from './policy-source.js';
import { BACKTEST_HELP, BACKTEST_USAGE } from './usage.js';

const OPTIONS = {
  against: { type: 'string' },
  input: { type: 'string' },
  learner: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function policyBacktest(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const flags = parseFlags(args, OPTIONS, true);
  if (!flags.ok) return badInput(io, [...flags.lines, BACKTEST_USAGE]);
  const { against: againstFlag, input, learner, json, help } = flags.value.values;
  if (help === true) {
    io.stdout.write(BACKTEST_HELP);
    return 0;
  }
  const [candidateArg, ...extra] = flags.value.positionals;
  const learners = Array.isArray(learner) ? learner : [];
  const problems: string[] = [];
  if (candidateArg === undefined) problems.push('waymark policy backtest: which candidate? give a pack file (or a pack id)');
  if (extra.length > 0) problems.push(`unexpected argument ${JSON.stringify(extra[0])}${learners.length > 0 ? ' (give --learner once per learner)' : ''}`);
  if (learners.some((id) => id.trim() === '')) problems.push('--learner: needs a learner id');
  const uri = env.MONGODB_URI;
  if (typeof input !== 'string' && !uri) {
    problems.push('waymark policy backtest: no learners to replay: set MONGODB_URI to the database, or give --input DIR (a folder of simulate input files)');
  }
  if (problems.length > 0 || candidateArg === undefined) return badInput(io, [...problems, BACKTEST_USAGE]);

  const packs = new PackFinder(env);
  const candidate = await packs.find(candidateArg, 'candidate');
  const against = typeof againstFlag === 'string' ? await packs.find(againstFlag, '--against') : await packs.inForce();
  if (!candidate.ok || !against.ok) return badInput(io, [...(candidate.ok ? [] : candidate.lines), ...(against.ok ? [] : against.lines)]);

  const only = learners.length > 0 ? new Set(learners) : undefined;
  let backtested: Outcome<Backtested>;
  if (typeof input === 'string') {
    backtested = await fromInputFolder(input, only, candidate.value, against.value);
  } else {
    backtested = await fromStore(uri!, only, candidate.value, against.value);
  }
  if (!backtested.ok) return badInput(io, backtested.lines);

  const report = backtestReport(candidate.value, against.value, backtested.value.replayed, backtested.value.differences);
  if (json === true) return printJson(io, report);
  writeLines(io.stdout, reportTable(report, `No learner in the database runs under ${against.value.id} (a learner's pack is their \`policy\`; name another with --against).`));
  return 0;
}

/**
 * Packs by built-in id or file (as every command finds them), else by the id of a pack the
 * deployment loads (WAYMARK_POLICY, WAYMARK_PACKS); the pack in force is WAYMARK_POLICY's.
 */
class PackFinder {
  private registry: Promise<Outcome<PackRegistry>> | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async find(idOrPath: string, label: string): Promise<Outcome<Pack>> {
    const loaded = await loadPolicy(idOrPath, label);
    if (loaded.ok) return loaded;
    const registry = await this.deployment();
    const pack = registry.ok ? registry.value.packFor(idOrPath) : undefined;
    return pack ? ok(pack) : loaded;
  }

  async inForce(): Promise<Outcome<Pack>> {
    const registry = await this.deployment();
    if (!registry.ok) return failed(...registry.lines, 'waymark policy backtest: fix the policy packs above, or name the pack in force with --against');
    return ok(registry.value.packFor(registry.value.defaultPolicy)!);
  }

  private deployment(): Promise<Outcome<PackRegistry>> {
    this.registry ??= loadPackRegistry(packSourcesFrom(this.env));
    return this.registry;
  }
}
