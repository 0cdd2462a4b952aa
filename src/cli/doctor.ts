/**
 * `waymark doctor [--json]`: checks a deployment end to end (src/doctor) and prints the
 * checklist, each line ✓ or ✗ with what was found and, for a ✗, how to fix it. Exit 0 when
 * every check passes, 1 otherwise (2 for bad flags). The database is MONGODB_URI's.
 */
import { existsSync } from 'node:fs';
import { runDoctor } from '../doctor/doctor.js';
import type { DoctorReport } from '../doctor/check.js';
import { parseFlags } from './args.js';
import { badInput, printJson, writeLines, type CliIo } from './io.js';

export const DOCTOR_USAGE = 'usage: waymark doctor [--json]   (uses MONGODB_URI and the bot\'s configuration)';

export const DOCTOR_HELP = `${DOCTOR_USAGE}

Checks a deployment and prints one line per check, ✓ or ✗, with how to fix each ✗:
configuration; database (reachable, version, replica set or standalone, indexes, clock);
scheduler (jobs saved, none stuck); policy (packs load, every role held by someone);
staff (linked on each platform, learners' coaches known); Slack (token, scopes, channels);
Teams (credentials, conversation references for channels and approvers); data feed (last
event, learners with no event for 30 days). With no MONGODB_URI only the configuration
and packs are checked. Configuration comes from the environment and .env, as for
\`waymark run\`. Nothing is written.

  --json    { "ok": bool, "checks": [{ "name", "ok", "detail", "fix" }] }

Exit codes: 0 every check passes, 1 otherwise, 2 bad input.
`;

export async function doctorCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): Promise<number> {
  const flags = parseFlags(args, { json: { type: 'boolean' }, help: { type: 'boolean' } });
  if (!flags.ok) return badInput(io, [`waymark doctor: ${flags.lines.join('; ')}`, DOCTOR_USAGE]);
  if (flags.value.values.help) {
    io.stdout.write(DOCTOR_HELP);
    return 0;
  }
  // The bot's configuration as `waymark run` reads it: the environment, and .env when present.
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const result = await runDoctor(env, now);
  if (flags.value.values.json) printJson(io, result);
  else writeLines(io.stdout, checklist(result));
  return result.ok ? 0 : 1;
}

function checklist(result: DoctorReport): string[] {
  const lines = result.checks.flatMap((c) => [`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`, ...(c.fix === null ? [] : [`    fix: ${c.fix}`])]);
  const failing = result.checks.filter((c) => !c.ok).length;
  return [...lines, '', failing === 0 ? `All ${result.checks.length} checks pass.` : `${failing} of ${result.checks.length} checks fail.`];
}
