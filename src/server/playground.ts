/**
 * Microsoft's Agents Playground beside the bot in local mode: a local Teams-like web
 * client with a mock connector, pointed at the bot's /api/messages, so anyone can chat
 * with Waymark in a browser with nothing set up. It is a development tool: when it is not
 * installed (a production install), local mode says so and carries on without it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Playground {
  readonly url: string;
  stop(): void;
}

export async function startPlayground(botPort: number, port: number, log: (line: string) => void): Promise<Playground | null> {
  let cli: string;
  try {
    cli = join(dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  } catch {
    log('the Agents Playground is not installed (npm install --include=dev); Teams can still be reached at /api/messages');
    return null;
  }
  // With no display the playground exits unless told not to open a browser itself.
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const child: ChildProcess = spawn(process.execPath, [cli, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(port), '--dt'], {
    env: { ...process.env, ...(headless ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise<number | null>((resolve) => {
    const onData = (c: Buffer) => {
      output += c.toString();
      const m = /Listening on (\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => resolve(null));
    setTimeout(() => resolve(null), 30_000).unref();
  });
  const actual = await listening;
  if (actual === null) {
    log(`the Agents Playground did not start: ${output.trim().split('\n').slice(-3).join(' | ')}`);
    child.kill('SIGTERM');
    return null;
  }
  return { url: `http://localhost:${actual}`, stop: () => void child.kill('SIGTERM') };
}
