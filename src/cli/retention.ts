/**
 * `waymark retention [--dry-run] [--json]`: the learners whose personal data is past
 * WAYMARK_RETENTION_YEARS after their learning ended (src/privacy/retention-rule.ts).
 * With --dry-run it lists them and changes nothing; without, it erases them as the bot's
 * daily job does. A learner on the at-risk register is held and listed. Uses MONGODB_URI.
 */
import { applyRetention, learnersPastRetention, type RetentionCandidate } from '../privacy/retention.js';
import { retentionYearsFrom } from '../server/config.js';
import { parseFlags } from './args.js';
import { badInput, printJson, writeLines, type CliIo } from './io.js';
import { withCaseContext } from './with-cases.js';

export const RETENTION_USAGE = 'usage: waymark retention [--dry-run] [--json]   (uses MONGODB_URI and WAYMARK_RETENTION_YEARS)';

export const RETENTION_HELP = `${RETENTION_USAGE}

Learners whose personal data is kept past WAYMARK_RETENTION_YEARS (default 6) after their
learning ended (withdrawn: their last logged event; otherwise the later of their planned
end date and their last logged event) are erased as \`waymark learners erase\` erases them.
The bot does this every day; this runs it now.
  --dry-run   list who would be erased (and who is held, being on the at-risk register); change nothing
  --json      { "years", "dryRun", "learners": [{ "learnerId", "ended", "keptUntil", "openCase" }], "erased"?, "failed"? }
Exit codes: 0 done, 1 some learners could not be erased, 2 bad input, 3 database unreachable.
`;

export async function retentionCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args[0] === '--help' || args[0] === 'help') {
    io.stdout.write(RETENTION_HELP);
    return 0;
  }
  const flags = parseFlags(args, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
  if (!flags.ok) return badInput(io, [`waymark retention: ${flags.lines.join('; ')}`, RETENTION_USAGE]);
  const retention = retentionYearsFrom(env);
  if (!retention.ok) return badInput(io, [`waymark retention: ${retention.problem}`]);
  const { years } = retention;
  const dryRun = flags.value.values['dry-run'] === true;
  const json = flags.value.values.json === true;
  return withCaseContext('waymark retention', io, env, async (ctx) => {
    const now = ctx.now();
    if (dryRun) {
      const learners = await learnersPastRetention(ctx, years, now);
      if (json) return printJson(io, { years, dryRun, learners });
      writeLines(io.stdout, [`${learners.length} learner${learners.length === 1 ? '' : 's'} past ${years} years' retention (nothing changed):`, ...learners.map(line)]);
      return 0;
    }
    const report = await applyRetention(ctx, years, now);
    if (json) printJson(io, { years, dryRun, learners: report.held, erased: report.erased, failed: report.failed });
    else {
      writeLines(io.stdout, [
        `${report.erased.length} learner${report.erased.length === 1 ? '' : 's'} erased after ${years} years: ${report.erased.join(', ') || 'none'}`,
        ...report.held.map((c) => `held: ${line(c)}`),
      ]);
      writeLines(io.stderr, report.failed.map((f) => `${f.learnerId}: not erased: ${f.error}`));
    }
    return report.failed.length > 0 ? 1 : 0;
  });
}

function line(c: RetentionCandidate): string {
  return `${c.learnerId}  learning ended ${c.ended}, kept until ${c.keptUntil}${c.openCase ? '  (on the at-risk register: held until the case is closed)' : ''}`;
}
