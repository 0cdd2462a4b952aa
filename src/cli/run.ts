/**
 * `waymark run` (what `npm start` runs): loads .env when present, checks the configuration
 * (one line per problem, exit 2), starts the bot and stops it gracefully on SIGTERM or
 * SIGINT within 10 seconds.
 */
import { existsSync } from 'node:fs';
import { pino } from 'pino';
import pretty from 'pino-pretty';
import { loadPackRegistry } from '../pack-files/pack-registry.js';
import { configFrom, configWarnings } from '../server/config.js';
import { NotStarted, startWaymark } from '../server/start.js';
import { demoRegisterLine } from '../server/demo-provider.js';
import { badInput, type CliIo } from './io.js';

export const RUN_USAGE = 'usage: waymark run   (configuration from the environment and .env; see .env.example)';

/** The most a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

export async function runCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args[0] === '--help' || args[0] === 'help') {
    io.stdout.write(`${RUN_USAGE}\n\nStarts the bot: the HTTP server (health, data feed, Slack), the scheduler and the store.\nWith no MONGODB_URI it uses the embedded in-memory store (nothing is durable).\n`);
    return 0;
  }
  if (args.length > 0) return badInput(io, [`waymark run: unexpected argument ${JSON.stringify(args[0])}`, RUN_USAGE]);
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const checked = configFrom(env);
  if (!checked.ok) return badInput(io, [...checked.problems.map((p) => `waymark run: ${p}`), 'See .env.example for every variable.']);
  // Every pack is checked before anything starts: a bad one is a line naming its file.
  const registry = await loadPackRegistry({ policy: checked.config.policy, packs: checked.config.packs });
  if (!registry.ok) return badInput(io, [...registry.lines, 'waymark run: not started: fix the policy packs above (`waymark policy check <file>` checks one)']);
  const options = { level: checked.config.logLevel, redact: ['*.token', '*.botToken', '*.signingSecret', '*.appToken', '*.apiKeys', '*.botPassword'] };
  const out = io.stdout as NodeJS.WritableStream & { write: (s: string) => boolean };
  // Local mode logs for people (pretty); otherwise JSON lines for a log pipeline.
  const log = checked.config.local ? pino(options, pretty({ destination: out, colorize: (out as { isTTY?: boolean }).isTTY === true, sync: true })) : pino(options, out);
  for (const warning of configWarnings(env)) log.warn(warning);
  let running;
  try {
    running = await startWaymark(checked.config, log, registry.value);
  } catch (error) {
    if (!(error instanceof NotStarted)) throw error;
    return badInput(io, [...error.lines, 'waymark run: not started: nothing was changed']);
  }
  const listening = `Waymark is listening on http://localhost:${running.port} (health: /healthz, /readyz)`;
  // Production logs are JSON lines for a log pipeline: no plain-text line among them.
  if (!checked.config.local) log.info({ port: running.port }, listening);
  else io.stdout.write(`${listening}. Stop with Ctrl-C.\n`);
  if (running.demo) io.stdout.write(`Demo provider (${registry.value.defaultPolicy}): ${running.demo.learners} learners, ${running.demo.atRisk} at risk, ${running.demo.waitingForApproval} waiting for approval.\n`);
  if (running.demo && running.links) io.stdout.write(`${demoRegisterLine(running.links, running.ctx.now())}\n`);
  if (running.playgroundUrl) io.stdout.write(`Chat with Waymark in the Agents Playground: ${running.playgroundUrl} (you are Alex Wilber; try "caseload")\n`);
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping');
      const limit = setTimeout(() => {
        log.error('shutdown took longer than 10 s; exiting');
        resolve(1);
      }, SHUTDOWN_LIMIT_MS);
      limit.unref();
      running.stop().then(
        () => {
          clearTimeout(limit);
          resolve(0);
        },
        (error: unknown) => {
          log.error({ err: String(error) }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    // Another instance put a newer pack in force: stop, and exit 2 (this configuration is out of date).
    void running.superseded.then((lines) => {
      io.stderr.write(lines.map((l) => `waymark run: ${l}\n`).join(''));
      running.stop().then(
        () => resolve(2),
        () => resolve(2),
      );
    });
  });
}
