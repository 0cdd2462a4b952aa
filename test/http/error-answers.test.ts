/**
 * Every endpoint of the running bot answers a bad request (malformed or oversized JSON, a
 * body of the wrong kind, a wrong method or path) with its status and a short JSON or
 * plain-text error: never Express's HTML page, a stack trace or a library's internals,
 * whatever NODE_ENV is (Express shows stack traces unless it is "production").
 */
import { pino } from 'pino';
import { loadPackRegistry } from '../../src/pack-files/pack-registry.js';
import { configFrom } from '../../src/server/config.js';
import { startWaymark, type Running } from '../../src/server/start.js';
import { SIGNING_SECRET, signedHeaders, startFakeSlack, type FakeSlack } from '../bots/slack/fake-slack.js';

const KEY = 'error-answers-key-0123456789';

interface Probe {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body?: string;
  readonly type?: string;
  /** Send the data-feed key. */
  readonly key?: boolean;
  /** Sign as Slack does. */
  readonly signed?: boolean;
}

const big = (bytes: number) => JSON.stringify({ events: [{ id: 'x', note: 'x'.repeat(bytes) }] });

const PROBES: Probe[] = [
  { name: 'Teams: malformed JSON', method: 'POST', path: '/api/messages', body: '{"type":', status: 400 },
  { name: 'Teams: JSON that is not an activity', method: 'POST', path: '/api/messages', body: '{}', status: 400 },
  { name: 'Teams: a body that is not JSON', method: 'POST', path: '/api/messages', body: 'hello', type: 'text/plain', status: 400 },
  { name: 'Teams: a body over the limit', method: 'POST', path: '/api/messages', body: big(1_100_000), status: 413 },
  { name: 'Teams: GET', method: 'GET', path: '/api/messages', status: 404 },
  { name: 'feed: malformed JSON for a learner', method: 'PUT', path: '/api/learners/L1', body: '{"name":', key: true, status: 400 },
  { name: 'feed: malformed JSON without a key', method: 'PUT', path: '/api/learners/L1', body: '{"name":', status: 401 },
  { name: 'feed: malformed JSON for events', method: 'POST', path: '/api/events', body: '[{', key: true, status: 400 },
  { name: 'feed: events over the limit', method: 'POST', path: '/api/events', body: big(2_200_000), key: true, status: 413 },
  { name: 'feed: a wrong method', method: 'DELETE', path: '/api/events', key: true, status: 405 },
  { name: 'feed: an unknown learner', method: 'GET', path: '/api/learners/NOPE/case', key: true, status: 404 },
  { name: 'feed: a path that does not decode', method: 'GET', path: '/api/learners/%E0%A4%A/case', key: true, status: 400 },
  { name: 'Slack: malformed JSON, signed', method: 'POST', path: '/slack/events', body: '{"type":', signed: true, status: 400 },
  { name: 'Slack: JSON that is not an object, signed', method: 'POST', path: '/slack/events', body: 'null', signed: true, status: 400 },
  { name: 'Slack: malformed JSON, unsigned', method: 'POST', path: '/slack/events', body: '{"type":', status: 401 },
  { name: 'Slack: GET', method: 'GET', path: '/slack/events', status: 404 },
  { name: 'health: a wrong method', method: 'POST', path: '/healthz', body: '{', status: 404 },
  { name: 'an unknown path', method: 'GET', path: '/wp-admin/', status: 404 },
];

function headers(probe: Probe): Record<string, string> {
  const type = probe.type ?? 'application/json';
  if (probe.signed) return signedHeaders(probe.body ?? '', type);
  return { ...(probe.body === undefined ? {} : { 'content-type': type }), ...(probe.key ? { authorization: `Bearer ${KEY}` } : {}) };
}

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());

describe.each(['development', 'production'])('NODE_ENV=%s', (nodeEnv) => {
  let bot: Running;
  let url: string;
  const given = process.env.NODE_ENV;
  beforeAll(async () => {
    // Express reads NODE_ENV when an app is made.
    process.env.NODE_ENV = nodeEnv;
    const config = configFrom({
      PORT: '0',
      WAYMARK_DEMO: 'off',
      WAYMARK_PLAYGROUND: 'off',
      WAYMARK_API_KEYS: KEY,
      SLACK_BOT_TOKEN: 'xoxb-error-answers',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
    });
    if (!config.ok) throw new Error(config.problems.join('\n'));
    const registry = await loadPackRegistry({ policy: config.config.policy });
    if (!registry.ok) throw new Error(registry.lines.join('\n'));
    bot = await startWaymark(config.config, pino({ level: 'silent' }), registry.value);
    url = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot.stop();
    process.env.NODE_ENV = given;
  });

  test.each(PROBES)('$name: $status, a short JSON or plain-text error', async (probe) => {
    const res = await fetch(url + probe.path, { method: probe.method, headers: headers(probe), ...(probe.body === undefined ? {} : { body: probe.body }) });
    const text = await res.text();
    expect(res.status).toBe(probe.status);
    if (text !== '') {
      expect(res.headers.get('content-type')).toMatch(/^(application\/json|text\/plain)/);
      if (res.headers.get('content-type')!.startsWith('application/json')) expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
    }
    expect(text.length).toBeLessThan(300);
    expect(text).not.toMatch(/\n\s+at |<html|<!DOCTYPE|node_modules|Error:|\/src\/|\/dist\//i);
  });
});
