/**
 * Everything the bot logs while it works (at info, JSON) is scanned for secrets and
 * learners' details: the Slack token and signing secret, the data-feed API key, learners'
 * names, and notes people typed. None may appear.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { postSigned, SIGNING_SECRET, startFakeSlack } from '../bots/slack/fake-slack.js';

const BIN = fileURLToPath(new URL('../../bin/waymark.js', import.meta.url));
const TOKEN = 'xoxb-1234567890-secret-bot-token';
const API_KEY = 'feed-key-that-must-not-leak-0123456789';
const NAME = 'Zebedee Quartermaine';
const NOTE = 'Disclosed a hospital stay and money worries';

test('no token, key or learner detail is logged while the bot works', async () => {
  const slack = await startFakeSlack();
  const child = spawn(process.execPath, [BIN, 'run'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', WAYMARK_DEMO: 'off', WAYMARK_PLAYGROUND: 'off', WAYMARK_API_KEYS: API_KEY, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /listening on (http:\/\/localhost:\d+)/.exec(lines.join('\n'));
        if (m) {
          clearInterval(t);
          resolve(m[1]!);
        }
      }, 50);
      child.once('exit', () => reject(new Error(lines.join('\n'))));
    });
    const feed = (method: string, path: string, body: object, key = API_KEY) =>
      fetch(url + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await feed('PUT', '/api/learners/Z1', { name: NAME, programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01', policy: 'mtt' })).status).toBe(201);
    await feed('POST', '/api/events', { events: ['2026-11-04', '2026-11-11', '2026-11-18'].map((at, i) => ({ id: `z${i}`, learnerId: 'Z1', type: 'session.missed', at })) });
    await feed('POST', '/api/events', { events: [{ id: 'z9', learnerId: 'Z1', type: 'concern.raised', at: '2026-11-19', category: 'mental-health', note: NOTE }] });
    await feed('POST', '/api/events', { events: [] }, 'wrong-key-0000000000000000');
    await postSigned(`${url}/slack/events`, { command: '/waymark', text: `case ${NAME}`, user_id: 'UNOBODY', trigger_id: 't1', response_url: `${slack.url}/respond/1` });
    await postSigned(`${url}/slack/events`, { command: '/waymark', text: `log Z1 phone reached "${NOTE}"`, user_id: 'UNOBODY', trigger_id: 't2', response_url: `${slack.url}/respond/2` }, { secret: 'forged' });
    await slack.until((calls) => calls.filter((c) => c.method === 'respond').length >= 1);
  } finally {
    // Scanned once the process has closed its output: whatever it logged is then in `lines`.
    const closed = new Promise((r) => child.once('close', r));
    child.kill('SIGTERM');
    await closed;
    await slack.close();
  }
  const log = lines.join('\n');
  expect(log).toMatch(/INFO .*: request/);
  for (const secret of [TOKEN, SIGNING_SECRET, API_KEY, NAME, NOTE, 'Zebedee', 'hospital']) expect(log).not.toContain(secret);
});
