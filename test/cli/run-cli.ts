/**
 * Runs `main` in-process with fake streams: standard input from a string, standard
 * output and error captured as strings. Fast, and as deterministic as the CLI itself.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function runCli(argv: string[], stdin = ''): Promise<CliRun> {
  const out = capture();
  const err = capture();
  const code = await main(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A fresh temporary directory for files a test writes. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'waymark-cli-'));
}

/** Writes `content` (JSON-encoded unless a string) to `name` in `dir`; returns the path. */
export function writeFile(dir: string, name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** The contract's example learner. */
export const LEARNER = {
  id: 'L1',
  programme: 'apprenticeship',
  nation: 'england',
  startDate: '2026-09-01',
  plannedEndDate: '2027-09-01',
};

/** Three missed sessions in September 2026 (the contract's example). */
export const MISSED_SESSIONS = [
  { type: 'session.missed', at: '2026-09-08', notice: false },
  { type: 'contact', at: '2026-09-09T10:30:00Z', channel: 'phone', outcome: 'no_answer' },
  { type: 'session.missed', at: '2026-09-15', notice: false },
  { type: 'session.missed', at: '2026-09-22', notice: false },
];

export function inputJson(events: unknown[], learner: Record<string, unknown> = LEARNER): string {
  return JSON.stringify({ learner, events });
}

/** `waymark simulate --policy <policy> --input - [...extra]` with the input on standard input. */
export function simulateStdin(input: string, extra: string[] = [], policy = 'mtt'): Promise<CliRun> {
  return runCli(['simulate', '--policy', policy, '--input', '-', ...extra], input);
}

/** Runs one command function (args, io, env) in-process, as `runCli` runs `main`. */
export async function runCommand(
  command: (args: string[], io: Parameters<typeof main>[1], env: NodeJS.ProcessEnv) => Promise<number>,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<CliRun> {
  const out = capture();
  const err = capture();
  const code = await command(args, { stdin: Readable.from([]), stdout: out.stream, stderr: err.stream }, env);
  return { code, stdout: out.text(), stderr: err.text() };
}
