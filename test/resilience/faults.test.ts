/**
 * Faults under load, with the bot as a real process on a separate database process:
 * - kill -9 while people are logging contacts, then restart: every command a person was
 *   told was recorded is in the event log; what fell due while the bot was down is
 *   delivered once after the restart;
 * - the database stops answering (SIGSTOP) under load: the bot reports not ready, people
 *   are told their action could not be confirmed (never a silent success), and when the
 *   database answers again (SIGCONT) the bot recovers without a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { recordEvent } from '../../src/cases/record-event.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { postSigned, SIGNING_SECRET, startFakeSlack, type FakeSlack } from '../bots/slack/fake-slack.js';

const BIN = fileURLToPath(new URL('../../bin/waymark.js', import.meta.url));
const LEARNERS = 20;
const processes: ChildProcess[] = [];
let slack: FakeSlack;
let db: { child: ChildProcess; uri: string };
let opened: OpenStore;

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  processes.push(child);
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l));
  return { child, lines };
}

async function until<T>(check: () => T | undefined | Promise<T | undefined>, ms = 30_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startBot(): Promise<{ child: ChildProcess; url: string }> {
  const bot = run(['run'], { MONGODB_URI: db.uri, PORT: '0', LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: 'xoxb-faults', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/` });
  const url = await until(() => /listening on (http:\/\/localhost:\d+)/.exec(bot.lines.join('\n'))?.[1], 30_000, 'the bot to listen');
  return { child: bot.child, url };
}

let serial = 0;
/** `/waymark log <learner> ...` from the coach; resolves to the command's index. */
async function logContact(url: string): Promise<number> {
  const i = ++serial;
  await postSigned(`${url}/slack/events`, {
    command: '/waymark',
    text: `log F${i % LEARNERS} phone no-answer "attempt ${i}"`,
    user_id: 'UCOACH',
    channel_id: 'C1',
    trigger_id: `tf-${i}`,
    response_url: `${slack.url}/respond/${i}`,
  }).catch(() => undefined);
  return i;
}

/** How many replies told the coach a command could not be confirmed. */
function notConfirmed(): number {
  return slack.calls.filter((c) => c.method === 'respond' && JSON.stringify(c.args).includes('could not confirm')).length;
}

beforeAll(async () => {
  slack = await startFakeSlack();
  const dbProcess = run(['db', '--port', '0'], {});
  db = { child: dbProcess.child, uri: await until(() => dbProcess.lines.find((l) => l.startsWith('mongodb://')), 20_000, 'waymark db') };
  opened = await openStore({ uri: db.uri });
  await opened.store.putStaff({ id: 'coach@x.org', name: 'Coach', roles: ['coach'], slackUserId: 'UCOACH' });
  for (let i = 0; i < LEARNERS; i++) {
    await opened.store.putLearner({ id: `F${i}`, name: `Learner F${i}`, programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01', coach: 'coach@x.org', policy: 'mtt' });
  }
  await opened.store.putSetting('slack:channel:alerts', 'CALERTS');
}, 60_000);

afterAll(async () => {
  for (const p of processes) if (p.exitCode === null) p.kill('SIGCONT');
  await opened?.close();
  for (const p of processes) if (p.exitCode === null) p.kill('SIGKILL');
  await slack?.close();
});

test('kill -9 under load, restart: nothing a person saw as done is lost; what fell due meanwhile goes out once', async () => {
  const first = await startBot();
  const sent: Promise<number>[] = [];
  const load = setInterval(() => sent.push(logContact(first.url)), 20); // about 50 commands a second
  await until(() => (slack.calls.filter((c) => c.method === 'respond').length >= 40 ? true : undefined), 30_000, 'responses under load');
  first.child.kill('SIGKILL');
  clearInterval(load);
  await Promise.all(sent);

  // Every "Contact logged" the coach saw is in the event log.
  const confirmed = slack.calls.filter((c) => c.method === 'respond' && JSON.stringify(c.args).includes('Contact logged'));
  expect(confirmed.length).toBeGreaterThan(20);
  const keys = new Set<string>();
  for (let i = 0; i < LEARNERS; i++) for (const e of await opened.store.eventsOf(`F${i}`)) keys.add(e.key);
  for (const response of confirmed) {
    const attempt = /^\/respond\/(\d+)$/.exec(response.path)?.[1];
    expect(attempt).toBeDefined();
    expect(keys.has(`slack:command:tf-${attempt}`)).toBe(true);
  }

  // While it is down, a feed writes three missed sessions for a learner straight into the
  // database: their alert is owed, and the restarted bot's sweep (every minute) sends it
  // (after the 60 s lease of any delivery the killed bot had claimed and not finished).
  const ctx = { store: opened.store, packFor: builtinPack, now: () => new Date() };
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  for (const ago of [14, 7, 0]) await recordEvent(ctx, { learnerId: 'F0', event: { id: `down-${ago}`, type: 'session.missed', at: day(ago) }, actor: { kind: 'feed', id: 'mis' } });
  const owed = (await opened.store.loadCase('F0'))!.outbox.length;
  expect(owed).toBeGreaterThan(0);

  const second = await startBot();
  await until(async () => ((await opened.store.loadCase('F0'))!.outbox.length === 0 ? true : undefined), 180_000, 'the owed alert after restart');
  const alerts = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'CALERTS' && JSON.stringify(c.args).includes('Learner F0'));
  expect(alerts.length).toBeGreaterThan(0);
  // Each owed entry was claimed and sent once: every claim done, no more posts than claims.
  const claims = await opened.connection.db!.collection('claims').find({ _id: { $regex: '^deliver:F0:' } } as never).toArray();
  expect(claims.length).toBeGreaterThan(0);
  expect(claims.every((c) => c.state === 'done')).toBe(true);
  const toF0 = slack.calls.filter((c) => c.method === 'chat.postMessage' && JSON.stringify(c.args).includes('Learner F0'));
  expect(toF0.length).toBeLessThanOrEqual(claims.length);
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));
}, 300_000);

test('the database stops answering under load: not ready, people told, recovered without a restart', async () => {
  const bot = await startBot();
  const ready = async () => (await fetch(`${bot.url}/readyz`)).status;
  expect(await ready()).toBe(200);
  const before = notConfirmed();
  db.child.kill('SIGSTOP');
  try {
    const sent: Promise<number>[] = [];
    const load = setInterval(() => sent.push(logContact(bot.url)), 100);
    await until(async () => ((await ready()) === 503 ? true : undefined), 20_000, '/readyz to report 503');
    // Everyone who acted while the database was away is told it could not be confirmed.
    await until(() => (notConfirmed() > before ? true : undefined), 40_000, 'a could-not-confirm reply');
    clearInterval(load);
    await Promise.all(sent);
  } finally {
    db.child.kill('SIGCONT');
  }
  await until(async () => ((await ready()) === 200 ? true : undefined), 40_000, '/readyz to recover');
  const respondsBefore = slack.calls.filter((c) => c.method === 'respond').length;
  const i = await logContact(bot.url);
  await until(() => (slack.calls.filter((c) => c.method === 'respond').length > respondsBefore ? true : undefined), 20_000, 'a reply after recovery');
  expect(JSON.stringify(slack.calls.filter((c) => c.method === 'respond').at(-1)!.args)).toContain('Contact logged');
  expect((await opened.store.eventsOf(`F${i % LEARNERS}`)).some((e) => e.key === `slack:command:tf-${i}`)).toBe(true);
  bot.child.kill('SIGTERM');
  await new Promise((r) => bot.child.once('exit', r));
}, 150_000);
