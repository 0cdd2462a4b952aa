/**
 * `waymark db [--port N]`: runs the embedded MongoDB-compatible server for local work, in
 * the foreground, until SIGINT or SIGTERM. Standard output gets exactly one line, the URI
 * (so scripts can read it); standard error gets the warning that nothing is durable.
 */
import { startEmbeddedMongo, type EmbeddedMongo } from '../store/embedded-mongo/index.js';
import { parseFlags } from './args.js';
import { badInput, EXIT_OK, type CliIo } from './io.js';
import { DB_HELP, DB_USAGE } from './usage.js';

/** Not 27017, so it never collides with (or is mistaken for) a real mongod. */
export const DEFAULT_DB_PORT = 27018;

const OPTIONS = {
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const NOTICE = [
  'waymark db: embedded MongoDB-compatible server for local development and tests.',
  'WARNING: data lives in memory only and is LOST when this process stops.',
  'Never keep real data here; set MONGODB_URI to a real MongoDB server for that.',
  'Stop with Ctrl+C (SIGINT) or SIGTERM.',
];

export async function dbCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, OPTIONS);
  if (!flags.ok) return badInput(io, [...flags.lines, DB_USAGE]);
  const { port: portFlag, help } = flags.value.values;
  if (help === true) {
    io.stdout.write(DB_HELP);
    return EXIT_OK;
  }
  const port = typeof portFlag === 'string' ? parsePort(portFlag) : DEFAULT_DB_PORT;
  if (port === undefined) return badInput(io, ['--port: must be a whole number from 0 to 65535 (0 picks a free port)', DB_USAGE]);

  let server: EmbeddedMongo;
  try {
    server = await startEmbeddedMongo({ port });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      return badInput(io, [`--port ${port}: already in use (is another server running?); try --port 0 for a free port`]);
    }
    throw error;
  }
  io.stderr.write(NOTICE.map((line) => `${line}\n`).join(''));
  io.stdout.write(`${server.uri}\n`);
  await nextStopSignal();
  await server.close();
  return EXIT_OK;
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/** Resolves on the first SIGINT or SIGTERM, and stops listening for both. */
function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
