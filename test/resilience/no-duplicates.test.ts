/**
 * No duplicates under Slack's and Teams' retries: 10,000 Slack requests (slash commands
 * and button clicks), each delivered up to 4 times as Slack retries (X-Slack-Retry-Num,
 * X-Slack-Retry-Reason), and 1,000 Teams dialog submissions delivered 3 times each: one
 * record per request, and no message posted twice.
 */
import { createHmac } from 'node:crypto';
import { learnerRecord, person } from '../cases/harness.js';
import { SIGNING_SECRET } from '../bots/slack/fake-slack.js';
import { openSlackProvider, type SlackProvider } from '../bots/slack/slack-harness.js';
import { openTeamsProvider, type TeamsProvider, type TeamsUser } from '../bots/teams/teams-harness.js';

const SLACK_REQUESTS = Number(process.env.NO_DUP_SLACK ?? 10_000);
const TEAMS_SUBMISSIONS = Number(process.env.NO_DUP_TEAMS ?? 1_000);
const LEARNERS = 200;
const CONCURRENCY = 16;

/** Runs `tasks` with at most `limit` at once. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

/** Slack's retry schedule: the first delivery, then up to 3 retries. */
const deliveries = (i: number) => 1 + (i % 4);

describe('Slack', () => {
  let p: SlackProvider;
  const learners = Array.from({ length: LEARNERS }, (_, i) => learnerRecord(`S${i}`, 'mtt', { coach: 'coach@x.org', startDate: '2026-10-26' }));
  beforeAll(async () => {
    p = await openSlackProvider('no-dup-slack', [person('coach@x.org', ['coach'], { slackUserId: 'UCOACH' }), person('ada@x.org', ['admin', 'managers'], { slackUserId: 'UADA' })], learners, '2026-12-22T09:00:00Z', { light: true });
  });
  afterAll(() => p.close(), 60_000);

  test(`${SLACK_REQUESTS} requests, each delivered up to 4 times: one record each`, async () => {
    const send = (form: Record<string, string>, retry: number) => {
      const body = new URLSearchParams(form).toString();
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      const retryHeaders: Record<string, string> = retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': retry % 2 ? 'http_timeout' : 'http_error' } : {};
      return fetch(p.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature, ...retryHeaders }, body });
    };
    const tasks: (() => Promise<number>)[] = [];
    for (let i = 0; i < SLACK_REQUESTS; i++) {
      const learnerId = `S${i % LEARNERS}`;
      const form: Record<string, string> =
        i % 10 === 0
          ? {
              payload: JSON.stringify({
                type: 'block_actions',
                user: { id: 'UCOACH' },
                trigger_id: `t-click-${i}`,
                response_url: `${p.slack.url}/respond/c${i}`,
                container: { type: 'message', message_ts: `${i}.0001` },
                actions: [{ type: 'button', action_id: 'waymark.claim', value: JSON.stringify({ learner: learnerId }), action_ts: `${i}` }],
              }),
            }
          : { command: '/waymark', text: `log ${learnerId} phone no-answer "attempt ${i}"`, user_id: 'UCOACH', channel_id: 'C1', trigger_id: `t-${i}`, response_url: `${p.slack.url}/respond/${i}` };
      for (let r = 0; r < deliveries(i); r++) tasks.push(async () => (await send(form, r)).status);
    }
    const statuses = await pool(tasks, CONCURRENCY);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const expectedResponses = tasks.length;
    await p.slack.until(() => p.slack.of('respond').length >= expectedResponses, 600_000);

    let contacts = 0;
    let claims = 0;
    for (const l of learners) {
      const log = await p.opened.store.eventsOf(l.id);
      const keys = log.map((e) => e.key);
      expect(new Set(keys).size).toBe(keys.length);
      contacts += log.filter((e) => e.event.type === 'contact').length;
      claims += log.filter((e) => e.event.type === 'case.assigned').length;
    }
    const commands = Array.from({ length: SLACK_REQUESTS }, (_, i) => i).filter((i) => i % 10 !== 0).length;
    expect(contacts).toBe(commands);
    // Claims by one coach on a message are one record per (learner, message).
    expect(claims).toBe(SLACK_REQUESTS - commands);
    // Each message posted (alerts to the channel, DMs) is distinct: none was sent twice.
    const posts = p.slack.of('chat.postMessage').map((m) => JSON.stringify(m));
    expect(new Set(posts).size).toBe(posts.length);
  }, 1_200_000);
});

describe('Teams', () => {
  let p: TeamsProvider;
  const coach: TeamsUser = { aadObjectId: 'aad-coach', name: 'Coach' };
  beforeAll(async () => {
    p = await openTeamsProvider('no-dup-teams', [person('coach@x.org', ['coach'], { teamsUserId: 'aad-coach' })], Array.from({ length: 50 }, (_, i) => learnerRecord(`T${i}`, 'mtt', { coach: 'coach@x.org', startDate: '2026-10-26' })), '2026-12-22T09:00:00Z');
    await p.install(coach);
  });
  afterAll(() => p.close());

  test(`${TEAMS_SUBMISSIONS} dialog submissions, each delivered 3 times: one record each`, async () => {
    const tasks: (() => Promise<number>)[] = [];
    for (let i = 0; i < TEAMS_SUBMISSIONS; i++) {
      const data = { verb: 'submit-contact', learner: `T${i % 50}`, form: `form-${i}`, channel: 'email', outcome: 'no_response' };
      for (let r = 0; r < 3; r++) tasks.push(async () => (await p.invoke(coach, 'task/submit', { data })).status);
    }
    const statuses = await pool(tasks, CONCURRENCY);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    let contacts = 0;
    for (let i = 0; i < 50; i++) contacts += (await p.opened.store.eventsOf(`T${i}`)).filter((e) => e.event.type === 'contact').length;
    expect(contacts).toBe(TEAMS_SUBMISSIONS);
    const sent = p.connector.calls.filter((c) => c.method === 'POST' && JSON.stringify(c.body).includes('attachments')).map((c) => c.path + JSON.stringify(c.body));
    expect(new Set(sent).size).toBe(sent.length);
  }, 600_000);
});
