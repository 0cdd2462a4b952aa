/**
 * Arbitrary JSON posted to the chat endpoints of a running bot (`waymark run` in local
 * mode, Teams anonymous, Slack over HTTP): every request is answered within a bound,
 * without a server error or internals in the answer, and the process is healthy after
 * (it still answers health checks and real commands on both platforms).
 */
import fc from 'fast-check';
import { SIGNING_SECRET, signedHeaders as signed, startFakeSlack, type FakeSlack } from '../bots/slack/fake-slack.js';
import { startFakeConnector, type FakeConnector } from '../bots/teams/teams-harness.js';
import { killAll, startWaymark, until, type Proc } from '../server/processes.js';

export const RUNS = { teams: 300, slack: 200 };
/**
 * Requests are sent in concurrent batches: Bolt answers a request no listener takes after
 * its 3 s wait for an acknowledgement, so one at a time would take minutes.
 */
const BATCH = 20;
/** Only turns a hang into a failure: a healthy bot answers these in milliseconds. */
const ANSWER_WITHIN_MS = 10_000;

let slack: FakeSlack;
let connector: FakeConnector;
let bot: Proc;
let url: string;

beforeAll(async () => {
  slack = await startFakeSlack();
  connector = await startFakeConnector();
  bot = startWaymark(['run'], {
    PORT: '0',
    WAYMARK_PLAYGROUND: 'off',
    WAYMARK_DEMO: 'off',
    SLACK_BOT_TOKEN: 'xoxb-fuzz-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${slack.url}/api/`,
  });
  url = await until(() => /listening on (http:\/\/localhost:\d+)/.exec(bot.lines.join('\n'))?.[1]);
});
afterAll(async () => {
  bot.child.kill('SIGTERM');
  await bot.exited;
  killAll();
  await connector.close();
  await slack.close();
});

/** Status and body of a POST, or a failure if no answer comes within the bound. */
async function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(url + path, { method: 'POST', headers, body, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  return { status: res.status, text: await res.text() };
}

/** Neither a stack trace nor an HTML error page nor a library's internals. */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\n\s+at |<html|<!DOCTYPE|node_modules|TypeError|SyntaxError|ReferenceError/i);
}

const anything = fc.jsonValue({ maxDepth: 3 });
const activityLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'event', 'typing', ''), anything),
    id: fc.oneof(fc.string(), anything),
    serviceUrl: fc.oneof(fc.constant('connector'), fc.string(), anything),
    channelId: fc.oneof(fc.constant('msteams'), fc.string(), anything),
    from: fc.oneof(fc.record({ id: fc.oneof(fc.constant('29:someone'), fc.string()), aadObjectId: fc.string() }, { requiredKeys: [] }), anything),
    recipient: fc.oneof(fc.record({ id: fc.string() }, { requiredKeys: [] }), anything),
    conversation: fc.oneof(fc.record({ id: fc.string(), conversationType: fc.constantFrom('personal', 'channel', 'groupChat', 'x') }, { requiredKeys: [] }), anything),
    text: fc.oneof(fc.constantFrom('help', 'caseload', 'log A1 phone reached "x"', 'approvals'), fc.string(), anything),
    name: fc.oneof(fc.constantFrom('adaptiveCard/action', 'task/fetch', 'task/submit'), fc.string()),
    value: anything,
    membersAdded: anything,
  },
  { requiredKeys: [] },
);

test('Teams: arbitrary JSON and activity-like bodies on /api/messages are all answered, none with a server error', async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(anything, activityLike), { minLength: BATCH, maxLength: BATCH }), async (values) => {
      const answers = await Promise.all(
        values.map((value) => {
          // A reply to a real-looking activity goes to the recording connector, never out.
          const body = value !== null && typeof value === 'object' && 'serviceUrl' in value && value.serviceUrl === 'connector' ? { ...value, serviceUrl: connector.url } : value;
          return post('/api/messages', JSON.stringify(body), { 'content-type': 'application/json' });
        }),
      );
      answers.forEach((res, i) => {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        // An invoke the bot does not handle is answered 501 Not Implemented, as the Bot
        // Framework specifies; every other answer is below 500.
        const invoke = (values[i] as { type?: unknown } | null)?.type === 'invoke';
        if (!(invoke && res.status === 501)) expect(res.status).toBeLessThan(500);
        expectNoInternals(res.text);
      });
    }),
    { numRuns: RUNS.teams / BATCH },
  );
  // Most arbitrary bodies are not activities.
  expect(statuses.get(400)).toBeGreaterThan(0);
});

// Found by the property below: bodies of a shape Bolt knows (an options request, an
// action, a shortcut, a view, an event) without the fields it reads before any listener
// runs made it throw, which it answers 500. They are bad requests: 400.
test.each([
  ['a form Bolt reads as an options request, with no team or user', { form: { name: '{"LP=1":false}', user_id: '$' } }],
  ['an action with no team or user', { json: { actions: [] } }],
  ['an action whose channel is null', { json: { actions: [], team: { id: 'T1' }, channel: null } }],
  ['a shortcut with no team or user', { json: { type: 'shortcut' } }],
  ['a view submission with no view', { json: { type: 'view_submission' } }],
  ['an event that is not an object', { json: { event: 'x' } }],
] as const)('Slack: %s is a 400, not a server error', async (_name, input) => {
  const [body, type] = 'json' in input ? [JSON.stringify(input.json), 'application/json'] : [new URLSearchParams(input.form).toString(), 'application/x-www-form-urlencoded'];
  const res = await post('/slack/events', body, signed(body, type));
  expect(res).toEqual({ status: 400, text: JSON.stringify({ error: 'not a Slack request: it lacks fields every Slack request has' }) });
});

test('Slack: arbitrary signed JSON and forms on /slack/events are all answered, none with a server error', async () => {
  const field = fc.oneof(fc.constantFrom('command', 'text', 'user_id', 'channel_id', 'payload', 'type', 'token', 'trigger_id'), fc.string());
  const form = fc.dictionary(field, fc.oneof(fc.string(), anything.map((v) => JSON.stringify(v))));
  const input = fc.oneof(anything.map((v) => ({ json: v })), form.map((f) => ({ form: f })));
  await fc.assert(
    fc.asyncProperty(fc.array(input, { minLength: BATCH, maxLength: BATCH }), async (inputs) => {
      const answers = await Promise.all(
        inputs.map((one) => {
          const [body, type] = 'json' in one ? [JSON.stringify(one.json), 'application/json'] : [new URLSearchParams(one.form).toString(), 'application/x-www-form-urlencoded'];
          return post('/slack/events', body, signed(body, type));
        }),
      );
      for (const res of answers) {
        expect(res.status).toBeLessThan(500);
        expectNoInternals(res.text);
      }
    }),
    { numRuns: RUNS.slack / BATCH },
  );
});

test('the bot is healthy after: alive, ready, and real commands on both platforms still answered', async () => {
  expect(bot.child.exitCode).toBeNull();
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
  const form = new URLSearchParams({ command: '/waymark', text: 'help', user_id: 'U1', channel_id: 'C1', trigger_id: 't1', response_url: `${slack.url}/respond/after` }).toString();
  expect((await post('/slack/events', form, signed(form, 'application/x-www-form-urlencoded'))).status).toBe(200);
  await slack.until((calls) => calls.some((c) => c.method === 'respond'));
  const before = connector.calls.length;
  const activity = {
    type: 'message',
    id: 'after-fuzz',
    serviceUrl: connector.url,
    channelId: 'msteams',
    from: { id: '29:after', aadObjectId: 'after' },
    recipient: { id: '28:waymark' },
    conversation: { id: 'a:after', conversationType: 'personal' },
    text: 'help',
  };
  expect((await post('/api/messages', JSON.stringify(activity), { 'content-type': 'application/json' })).status).toBe(200);
  await connector.until((calls) => calls.length > before && calls.slice(before).some((c) => c.path.includes('a%3Aafter') || c.path.includes('a:after')));
});
