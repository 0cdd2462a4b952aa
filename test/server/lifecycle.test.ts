/**
 * `waymark run` as a process, from start to exit: SIGTERM stops it within the README's
 * 10 seconds in local mode and with a database and every platform configured (a pending
 * driver or Agenda timer must not keep it alive), and `npm start` passes the signal on; a
 * busy PORT stops it at once with a line naming PORT; local mode listens on loopback only
 * unless HOST says otherwise.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startFakeSlack, SIGNING_SECRET, type FakeSlack } from '../bots/slack/fake-slack.js';
import { killAll, startWaymark, until, type Proc } from './processes.js';

/** The README's promise: SIGTERM to exit. A contract, not a performance figure. */
const STOPS_WITHIN_MS = 10_000;
const LOCAL = { PORT: '0', WAYMARK_PLAYGROUND: 'off', WAYMARK_DEMO: 'off' };
const REPO = fileURLToPath(new URL('../..', import.meta.url));

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  killAll();
  await slack.close();
});

const listeningUrl = (p: Proc) => until(() => /listening on (http:\/\/localhost:\d+)/.exec(p.lines.join('\n'))?.[1]);

/** Sends SIGTERM and gives the exit code and the time it took to exit. */
async function terminate(p: Proc): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  p.child.kill('SIGTERM');
  const code = await p.exited;
  return { code, ms: Date.now() - sent };
}

describe('SIGTERM', () => {
  test('local mode: exit 0 within 10 s', async () => {
    const bot = startWaymark(['run'], LOCAL);
    await listeningUrl(bot);
    const { code, ms } = await terminate(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(STOPS_WITHIN_MS);
  });

  test('with MONGODB_URI, Slack, Teams and the data feed: exit 0 within 10 s', async () => {
    const db = startWaymark(['db', '--port', '0'], {});
    const uri = await until(() => db.lines.find((l) => l.startsWith('mongodb://')));
    const bot = startWaymark(['run'], {
      PORT: '0',
      MONGODB_URI: uri,
      WAYMARK_API_KEYS: 'lifecycle-key-0123456789',
      SLACK_BOT_TOKEN: 'xoxb-lifecycle',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      BOT_ID: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      BOT_PASSWORD: 'secret',
    });
    const url = await listeningUrl(bot);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const { code, ms } = await terminate(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(STOPS_WITHIN_MS);
    expect(bot.lines.some((l) => l.includes('waymark stopped'))).toBe(true);
    db.child.kill('SIGTERM');
    await db.exited;
  });

  test('npm start passes it on: once npm has exited, the bot has stopped too', async () => {
    const npm = spawn('npm', ['start', '--silent'], { cwd: REPO, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...LOCAL }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    npm.stdout.on('data', (c: Buffer) => output.push(c.toString()));
    npm.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('close', resolve));
    const url = await until(() => /listening on (http:\/\/localhost:\d+)/.exec(output.join(''))?.[1]);
    npm.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output.join('')).toContain('waymark stopped');
    // Nothing is left serving (an orphaned bot would still answer).
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

describe('PORT already in use', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise((r) => taken.close(r)));

  test('exits 2 at once, saying so and naming PORT', async () => {
    const bot = startWaymark(['run'], { ...LOCAL, PORT: String(port) });
    expect(await bot.exited).toBe(2);
    expect(bot.lines).toContain(`waymark run: PORT: port ${port} (on 127.0.0.1) is already in use (another Waymark, or another program): stop it, or set PORT to a free port`);
    expect(bot.lines.join('\n')).not.toMatch(/internal error|listening on/);
  });
});

describe('the address local mode listens on', () => {
  // An address of this machine that is not 127.0.0.1: its network address if it has one,
  // otherwise another loopback address (Linux routes all of 127/8 to itself).
  const other = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.2';

  const reachable = async (host: string, port: string) => {
    try {
      await fetch(`http://${host}:${port}/healthz`);
      return true;
    } catch {
      return false;
    }
  };

  test('unset HOST: loopback only', async () => {
    const bot = startWaymark(['run'], LOCAL);
    const port = (await listeningUrl(bot)).split(':').pop()!;
    expect(await reachable('127.0.0.1', port)).toBe(true);
    expect(await reachable(other, port)).toBe(false);
    expect((await terminate(bot)).code).toBe(0);
  });

  test('HOST=0.0.0.0: every interface', async () => {
    const bot = startWaymark(['run'], { ...LOCAL, HOST: '0.0.0.0' });
    const port = (await listeningUrl(bot)).split(':').pop()!;
    expect(await reachable('127.0.0.1', port)).toBe(true);
    expect(await reachable(other, port)).toBe(true);
    expect((await terminate(bot)).code).toBe(0);
  });
});
