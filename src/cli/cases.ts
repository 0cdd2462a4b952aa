/**
 * `waymark cases rebuild [--learner <id>]`: replays cases from the audit log (the log is
 * the truth; case documents are projections) against the database in MONGODB_URI.
 * `waymark cases register`: prints the at-risk register (every learner on it) as CSV, as of
 * now: timers that fell due since a case was last worked on run first (as-of-now.ts).
 */
import { parseArgs } from 'node:util';
import { rebuildCase } from '../cases/advance-case.js';
import { registerCsv } from '../cases/case-queries.js';
import { badInput, writeLines, type CliIo } from './io.js';
import { withCaseContext } from './with-cases.js';

export const CASES_USAGE = 'usage: waymark cases rebuild [--learner <id>] | waymark cases register   (uses MONGODB_URI)';

export async function casesCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === 'help') {
    io.stdout.write(
      `${CASES_USAGE}\n\nrebuild   replays every case (or one learner's) from its event log and saves it\nregister  prints the at-risk register (every learner on it) as CSV\n`,
    );
    return 0;
  }
  if (sub === 'register') return registerCommand(rest, io, env);
  if (sub !== 'rebuild') return badInput(io, [sub === undefined ? 'waymark cases: which subcommand?' : `waymark cases: unknown subcommand ${JSON.stringify(sub)}`, CASES_USAGE]);
  let learner: string | undefined;
  try {
    ({ learner } = parseArgs({ args: rest, options: { learner: { type: 'string' } }, strict: true, allowPositionals: false }).values);
  } catch (error) {
    return badInput(io, [`waymark cases rebuild: ${(error as Error).message}`, CASES_USAGE]);
  }
  return withCaseContext(
    'waymark cases rebuild',
    io,
    env,
    async (ctx) => {
      const ids = learner !== undefined ? [learner] : await ctx.store.learnerIdsWithEvents();
      let failures = 0;
      for (const id of ids) {
        try {
          const result = await rebuildCase(ctx, id, ctx.now());
          const refused = result.refused.length > 0 ? `; ${result.refused.length} logged events refused by the policy: ${result.refused.join(', ')}` : '';
          writeLines(io.stdout, [`${id}: rebuilt${refused}`]);
        } catch (error) {
          failures++;
          writeLines(io.stderr, [`${id}: not rebuilt: ${(error as Error).message}`]);
        }
      }
      writeLines(io.stdout, [`${ids.length - failures} of ${ids.length} cases rebuilt`]);
      return failures > 0 ? 1 : 0;
    },
    { purpose: 'to rebuild', nothing: 'nothing was rebuilt' },
  );
}

async function registerCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  if (args.length > 0) return badInput(io, [`waymark cases register: unexpected argument ${JSON.stringify(args[0])}`, CASES_USAGE]);
  // The register shows cases as of now, running timers that fell due: under the packs in force only.
  return withCaseContext(
    'waymark cases register',
    io,
    env,
    async (ctx) => {
      io.stdout.write(await registerCsv(ctx, () => true));
      return 0;
    },
    { purpose: 'to read', nothing: 'nothing was printed' },
  );
}
