/**
 * The `waymark` command line (bin/waymark.js calls `main`). Each command parses its own
 * flags, calls the policy core and prints the result; none holds a business rule. Bad
 * input returns 2 with lines on standard error; `main` never throws, and only an
 * unexpected error (a bug) becomes `waymark: internal error: ...` and exit code 1.
 */
import { auditCommand } from './audit.js';
import { cardsCommand } from './cards.js';
import { casesCommand } from './cases.js';
import { dbCommand } from './db.js';
import { importCommand } from './import.js';
import { badInput, EXIT_INTERNAL, type CliIo } from './io.js';
import { policyCommand } from './policy.js';
import { runCommand } from './run.js';
import { simulateCommand } from './simulate.js';
import { USAGE } from './usage.js';
import { packageVersion } from './version.js';

export type { CliIo } from './io.js';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  simulate: simulateCommand,
  policy: policyCommand,
  db: dbCommand,
  cases: casesCommand,
  import: importCommand,
  audit: auditCommand,
  cards: cardsCommand,
  run: runCommand,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`waymark: internal error: ${message.split('\n')[0]}\n`);
    return EXIT_INTERNAL;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return badInput(io, [USAGE.trimEnd()]);
  if (command === 'help' || command === '--help' || command === '-h') {
    const topic = rest[0];
    if (topic !== undefined && Object.hasOwn(COMMANDS, topic)) return COMMANDS[topic]!(['--help'], io);
    io.stdout.write(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout.write(`${await packageVersion()}\n`);
    return 0;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (run) return run(rest, io);
  const what = command.startsWith('-') ? 'option' : 'command';
  return badInput(io, [`waymark: unknown ${what} ${JSON.stringify(command)}`, USAGE.trimEnd()]);
}
