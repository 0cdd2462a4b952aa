/**
 * `waymark run` as a process: with nothing configured it serves health on the embedded
 * store and prints a link to the register for the demo user; with Slack configured, Slack's signed requests reach Bolt on the same server;
 * SIGTERM stops it cleanly; a bad variable stops it at once with a precise line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { postSigned, SIGNING_SECRET, startFakeSlack, type FakeSlack } from '../bots/slack/fake-slack.js';

const BIN = fileURLToPath(new URL('../../bin/waymark.js', import.meta.url));

interface Bot {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

async function startBot(env: Record<string, string>): Promise<Bot> {
  const child = spawn(process.execPath, [BIN, 'run'], { env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', WAYMARK_PLAYGROUND: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`the bot exited: ${output}`));
    });
  });
  return { child, url, output: () => output, exited };
}

/** The first capture of `pattern` in the bot's output, once it has arrived. */
async function lineMatching(bot: Bot, pattern: RegExp): Promise<string> {
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const m = pattern.exec(bot.output());
    if (m) return m[1]!;
  }
  throw new Error(`no line matching ${pattern}: ${bot.output()}`);
}

test('nothing configured: the embedded store, the demo provider, the playground, health answered, SIGTERM stops it cleanly', async () => {
  const bot = await startBot({ WAYMARK_PLAYGROUND: 'on', WAYMARK_PLAYGROUND_PORT: '0' });
  expect(bot.output()).toContain('embedded in-memory database');
  // The lines after "listening" may arrive in a later chunk of the pipe.
  const playground = await lineMatching(bot, /Agents Playground: (http:\/\/localhost:\d+)/);
  expect(bot.output()).toMatch(/Demo provider \(atl\): 8 learners, \d at risk, \d waiting for approval\./);
  // The register, opened as the demo user with the link printed after the demo line.
  const register = await lineMatching(bot, /waiting for approval\.\nRegister: (\S+) \(works for 15 minutes; type "register" in chat for a new one\)\n/);
  expect(register.startsWith(`${bot.url}/web/alex.wilber%40demo.waymark/register?t=`)).toBe(true);
  const page = await fetch(register);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Signed in as Alex Wilber');
  // The same token is no key to another person's pages.
  expect((await fetch(register.replace('alex.wilber%40demo.waymark', 'sam.okafor%40demo.waymark'))).status).toBe(401);
  expect((await fetch(playground!)).status).toBe(200);
  expect(await (await fetch(`${bot.url}/healthz`)).json()).toEqual({ status: 'ok' });
  expect(await (await fetch(`${bot.url}/readyz`)).json()).toEqual({ status: 'ready' });
  bot.child.kill('SIGTERM');
  // 0, not 1: the shutdown finished within its 10 s limit (past it the process exits 1).
  expect(await bot.exited).toBe(0);
  expect(bot.output()).toContain('waymark stopped');
});

describe('with Slack configured', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());

  test('Slack is served on the bot\'s one HTTP server, with signatures checked; no secret is logged', async () => {
    const bot = await startBot({ SLACK_BOT_TOKEN: 'xoxb-secret-token-1', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/` });
    try {
      const form = { command: '/waymark', text: 'help', user_id: 'U1', channel_id: 'C1', trigger_id: 't1', response_url: `${slack.url}/respond/run` };
      expect((await postSigned(`${bot.url}/slack/events`, form)).status).toBe(200);
      await slack.until((calls) => calls.some((c) => c.method === 'respond'));
      expect((await postSigned(`${bot.url}/slack/events`, form, { secret: 'forged' })).status).toBe(401);
      expect(bot.output()).toMatch(/slack: "http"/);
      expect(bot.output()).not.toContain('xoxb-secret-token-1');
      expect(bot.output()).not.toContain(SIGNING_SECRET);
    } finally {
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    }
  });
});

test('a bad variable stops it before anything starts, naming the variable', async () => {
  const child = spawn(process.execPath, [BIN, 'run'], { env: { PATH: process.env.PATH ?? '', PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(2);
  expect(stderr).toBe('waymark run: PORT: must be a port number (0-65535)\nSee .env.example for every variable.\n');
});
