/**
 * The `waymark` command line (bin/waymark.js calls `main`). Each command parses its own
 * flags, calls the policy core and prints the result; none holds a business rule. Bad
 * input returns 2 with lines on standard error; `main` never throws. A database that
 * cannot be reached is exit code 3 with a line naming MONGODB_URI; only an unexpected
 * error (a bug) becomes `waymark: internal error: ...` and exit code 1.
 */
import { DatabaseUnreachable, isDatabaseUnreachable } from '../store/unreachable.js';
import { badInput, EXIT_DATABASE_UNREACHABLE, EXIT_INTERNAL, type CliIo } from './io.js';
import { USAGE } from './usage.js';
import { packageVersion } from './version.js';

export type { CliIo } from './io.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * Each command's module, loaded only when that command runs: `--version` and `simulate`
 * must not pay for the chat SDKs, mongoose or the store that `run` needs. To add a
 * command, add one line here (and its usage in usage.ts).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  simulate: async () => (await import('./simulate.js')).simulateCommand,
  policy: async () => (await import('./policy.js')).policyCommand,
  db: async () => (await import('./db.js')).dbCommand,
  cases: async () => (await import('./cases.js')).casesCommand,
  import: async () => (await import('./import.js')).importCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  cards: async () => (await import('./cards.js')).cardsCommand,
  run: async () => (await import('./run.js')).runCommand,
  doctor: async () => (await import('./doctor.js')).doctorCommand,
  staff: async () => (await import('./staff.js')).staffCommand,
  learners: async () => (await import('./learners.js')).learnersCommand,
  retention: async () => (await import('./retention.js')).retentionCommand,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    if (isDatabaseUnreachable(error)) {
      const unreachable = error instanceof DatabaseUnreachable ? error : new DatabaseUnreachable(message!);
      io.stderr.write(`waymark: ${unreachable.message}\nCheck that the server is running and that MONGODB_URI points at it.\n`);
      return EXIT_DATABASE_UNREACHABLE;
    }
    io.stderr.write(`waymark: internal error: ${message}\n`);
    return EXIT_INTERNAL;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return badInput(io, [USAGE.trimEnd()]);
  if (command === 'help' || command === '--help' || command === '-h') {
    const topic = rest[0];
    if (topic !== undefined && Object.hasOwn(COMMANDS, topic)) return (await COMMANDS[topic]!())(['--help'], io);
    io.stdout.write(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout.write(`${await packageVersion()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (load) return (await load())(rest, io);
  const what = command.startsWith('-') ? 'option' : 'command';
  return badInput(io, [`waymark: unknown ${what} ${JSON.stringify(command)}`, USAGE.trimEnd()]);
}
