/**
 * Running `waymark` commands as child processes in a test: their output collected line by
 * line, their exit awaited, and every one killed at the end if still running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/waymark.js', import.meta.url));

export interface Proc {
  readonly child: ChildProcess;
  /** Standard output and error, line by line, as they arrive. */
  readonly lines: string[];
  /** The exit code once the process has closed its output. */
  readonly exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

/** Starts `waymark <args>` with only PATH and `env` in its environment. */
export function startWaymark(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, lines, exited };
}

/** Kills whatever is still running (call from afterAll). */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}

/** Polls `check` until it gives a value; `ms` only turns a hang into a failure. */
export async function until<T>(check: () => T | undefined | Promise<T | undefined>, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
