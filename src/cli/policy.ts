/** `waymark policy <subcommand>`: dispatches to one file per subcommand. */
import { badInput, type CliIo } from './io.js';
import { policyBacktest } from './policy-backtest.js';
import { policyCheck } from './policy-check.js';
import { policyExplain } from './policy-explain.js';
import { policyList } from './policy-list.js';
import { policySchema } from './policy-schema.js';
import { policyShow } from './policy-show.js';
import { POLICY_HELP, POLICY_USAGE } from './usage.js';

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  list: policyList,
  show: policyShow,
  check: policyCheck,
  explain: policyExplain,
  schema: policySchema,
  backtest: policyBacktest,
};

export async function policyCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) return badInput(io, ['waymark policy: missing subcommand', POLICY_USAGE]);
  if (sub === 'help' || sub === '--help' || sub === '-h') {
    io.stdout.write(POLICY_HELP);
    return 0;
  }
  const run = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) return badInput(io, [`waymark policy: unknown subcommand ${JSON.stringify(sub)}`, POLICY_USAGE]);
  return run(rest, io);
}
