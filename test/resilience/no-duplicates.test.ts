/**
 * No duplicates under Slack's and Teams' retries: Slack requests (slash commands and button
 * clicks), each delivered up to 4 times as Slack retries (X-Slack-Retry-Num,
 * X-Slack-Retry-Reason), and Teams dialog submissions delivered 3 times each: one record per
 * request, and no message posted twice. `npm test` sends 500 and 200; `npm run stress`
 * 10,000 and 1,000.
 */
import { createHmac } from 'node:crypto';
import { learnerRecord, person } from '../cases/harness.js';
import { SIGNING_SECRET } from '../bots/slack/fake-slack.js';
import { openSlackProvider, type SlackProvider } from '../bots/slack/slack-harness.js';
import { openTeamsProvider, type TeamsProvider, type TeamsUser } from '../bots/teams/teams-harness.js';
import type { OpenStore } from '../../src/store/open-store.js';
import { boundFor, sized } from './scale.js';

const SLACK_REQUESTS = sized(500, 10_000);
const TEAMS_SUBMISSIONS = sized(200, 1_000);
const LEARNERS = sized(50, 200);
const CONCURRENCY = 16;

/** Slack's retry schedule: the first delivery, then up to 3 retries. */
const deliveries = (i: number) => 1 + (i % 4);
const SLACK_DELIVERIES = Array.from({ length: SLACK_REQUESTS }, (_, i) => deliveries(i)).reduce((a, b) => a + b, 0);

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

/** Polls `check` until it holds; `ms` only turns a hang into a failure. */
async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Everything the requests set off has finished: no case has anything left to deliver and
 * no delivery is claimed but unfinished. Only then can a count of posts show a late repeat.
 */
async function settled(opened: OpenStore, ms: number): Promise<void> {
  await until(
    async () => (await opened.store.casesWithOutbox(1)).length === 0 && (await opened.connection.db!.collection('claims').countDocuments({ state: 'claimed' })) === 0,
    ms,
    'every delivery to finish',
  );
}

/**
 * Every learner is in the same position (same pack, start, kind of events), so each must
 * have been told about the same number of times, at least once: a bot that posts nothing,
 * skips a learner or repeats itself fails.
 */
function expectSamePostsPerLearner(posts: string[], learnerIn: RegExp, learners: number): void {
  const perLearner = new Map<string, number>();
  for (const post of posts) {
    const learner = learnerIn.exec(post)?.[1];
    expect(learner).toBeDefined();
    perLearner.set(learner!, (perLearner.get(learner!) ?? 0) + 1);
  }
  expect(perLearner.size).toBe(learners);
  const counts = new Set(perLearner.values());
  expect(counts.size).toBe(1);
  const [each] = counts;
  expect(each).toBeGreaterThanOrEqual(1);
  expect(posts).toHaveLength(each! * learners);
}

describe('Slack', () => {
  let p: SlackProvider;
  const learners = Array.from({ length: LEARNERS }, (_, i) => learnerRecord(`S${i}`, 'mtt', { coach: 'coach@x.org', startDate: '2026-10-26' }));
  beforeAll(async () => {
    p = await openSlackProvider('no-dup-slack', [person('coach@x.org', ['coach'], { slackUserId: 'UCOACH' }), person('ada@x.org', ['admin', 'managers'], { slackUserId: 'UADA' })], learners, '2026-12-22T09:00:00Z', { light: true });
  });
  afterAll(() => p.close());

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
    // Every delivery, retries included, is answered (after the ack): wait for them by count.
    await p.slack.until(() => p.slack.of('respond').length >= tasks.length, boundFor(tasks.length));
    await settled(p.opened, boundFor(SLACK_REQUESTS));
    expect(p.slack.of('respond')).toHaveLength(SLACK_DELIVERIES);
    // What the person sees, per request: the delivery that recorded it answered as usual
    // ("Contact logged", "Case claimed"), every other delivery "... (already)": the same
    // record, not a second one. (Which delivery records is whichever comes first. When the
    // case could not be saved after the event was logged, the recording delivery says it
    // "could not confirm"; the record is there, as the counts below show.)
    const seen = new Map<string, string[]>();
    const gist = (text: string) => (text.includes('could not confirm') ? 'could not confirm' : text.includes('is busy') ? 'busy' : text.split(':')[0]!);
    for (const c of p.slack.calls) if (c.method === 'respond') seen.set(c.path, [...(seen.get(c.path) ?? []), gist(String(c.args.text))]);
    const unexpected: { request: number; seen: string[] }[] = [];
    for (let i = 0; i < SLACK_REQUESTS; i++) {
      const [path, title] = i % 10 === 0 ? [`/respond/c${i}`, 'Case claimed'] : [`/respond/${i}`, 'Contact logged'];
      // A delivery turned away while Waymark is busy is told so ("not done"), and did nothing.
      const answers = seen.get(path) ?? [];
      const busy = answers.filter((a) => a === 'busy').length;
      const recording = answers.filter((a) => a === title || a === 'could not confirm').length;
      const repeats = answers.filter((a) => a === `${title} (already)`).length;
      const expected = busy === deliveries(i) ? recording === 0 : recording === 1 && repeats === deliveries(i) - 1 - busy;
      if (answers.length !== deliveries(i) || !expected) unexpected.push({ request: i, seen: answers });
    }
    expect(unexpected).toEqual([]);

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
    expectSamePostsPerLearner(posts, /Learner (S\d+)\b/, LEARNERS);
  }, 2 * boundFor(SLACK_DELIVERIES));
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
    await settled(p.opened, boundFor(TEAMS_SUBMISSIONS));
    let contacts = 0;
    for (let i = 0; i < 50; i++) contacts += (await p.opened.store.eventsOf(`T${i}`)).filter((e) => e.event.type === 'contact').length;
    expect(contacts).toBe(TEAMS_SUBMISSIONS);
    const sent = p.connector.calls.filter((c) => c.method === 'POST' && JSON.stringify(c.body).includes('attachments')).map((c) => c.path + JSON.stringify(c.body));
    expect(new Set(sent).size).toBe(sent.length);
    expectSamePostsPerLearner(sent, /Learner (T\d+)\b/, 50);
  }, 2 * boundFor(3 * TEAMS_SUBMISSIONS));
});
