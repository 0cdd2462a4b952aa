/**
 * A full work queue in Slack: the ack still comes at once, and the person is told Waymark
 * is busy and nothing was done (a slash command in its ack, a click by its response_url);
 * nothing is lost silently: every command is either done or told busy, and only the done
 * ones are in the log.
 */
import { BUSY } from '../../../src/bots/conversation.js';
import { WorkQueue } from '../../../src/bots/work-queue.js';
import { learnerRecord, person } from '../../cases/harness.js';
import { openSlackProvider, textOf, type SlackProvider } from './slack-harness.js';

const COACH = 'coach@mtt.org';
// One piece of work at a time and one waiting: with the slot held, one command queues and the rest are refused.
const work = new WorkQueue({ concurrency: 1, maxWaiting: 1 });
let p: SlackProvider;

beforeAll(async () => {
  p = await openSlackProvider('slack-busy', [person(COACH, ['coach'], { slackUserId: 'U-COACH' })], [learnerRecord('M1', 'mtt', { coach: COACH, startDate: '2026-12-01' })], '2026-12-22T09:00:00Z', { work });
});
afterAll(() => p.close());

test('a full queue: a slash command is told busy in its ack; the queued one is done once the queue moves', async () => {
  let release!: () => void;
  work.offer(() => new Promise<void>((r) => (release = r)));
  const sent = ['log M1 phone no-answer "one"', 'log M1 email no-answer "two"', 'log M1 visit no-answer "three"'];
  const acks = [];
  for (const text of sent) acks.push(await p.command('U-COACH', text));
  expect(acks.map((a) => a.status)).toEqual([200, 200, 200]);
  // The first waits for its turn (an empty ack); the other two are told busy in the ack itself, privately.
  expect(acks.map((a) => a.body.includes(BUSY))).toEqual([false, true, true]);
  expect(JSON.parse(acks[1]!.body)).toMatchObject({ response_type: 'ephemeral' });
  expect(await p.opened.store.eventsOf('M1')).toEqual([]);

  release();
  await work.idle();
  await p.slack.until(() => p.slack.of('respond').length === 1);
  // Only the done one answers by its response_url.
  expect(p.slack.of('respond').map((r) => textOf(r).includes('Contact logged'))).toEqual([true]);
  // Exactly the done command is in the log: nothing lost, nothing recorded behind a busy answer.
  expect((await p.opened.store.eventsOf('M1')).map((e) => (e.event as { note?: string }).note)).toEqual(['one']);
});

test('a full queue: a click is told busy by its response_url, and nothing is recorded', async () => {
  let release!: () => void;
  work.offer(() => new Promise<void>((r) => (release = r)));
  work.offer(() => new Promise<void>((r) => setTimeout(r, 0)));
  const before = p.slack.of('respond').length;
  const logged = (await p.opened.store.eventsOf('M1')).length;
  const ack = await p.click('U-COACH', 'claim', { learner: 'M1' });
  expect(ack.status).toBe(200);
  expect(ack.body).not.toContain(BUSY);
  await p.slack.until(() => p.slack.of('respond').length === before + 1);
  expect(textOf(p.slack.of('respond')[before]!)).toContain(BUSY);
  release();
  await work.idle();
  expect(p.slack.of('respond')).toHaveLength(before + 1);
  expect(await p.opened.store.eventsOf('M1')).toHaveLength(logged);
});

test('a form submitted while the queue is full stays open, filled in, saying Waymark is busy', async () => {
  let release!: () => void;
  work.offer(() => new Promise<void>((r) => (release = r)));
  work.offer(() => new Promise<void>((r) => setTimeout(r, 0)));
  const view = { id: 'V-BUSY', callback_id: 'waymark.submit-contact', private_metadata: JSON.stringify({ learner: 'M1' }) };
  const res = await p.submit('U-COACH', view, { channel: { type: 'static_select', selected_option: { value: 'phone' } }, outcome: { type: 'static_select', selected_option: { value: 'reached' } } });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ response_action: 'errors' });
  expect(res.body).toContain(BUSY);
  release();
  await work.idle();
  expect((await p.opened.store.eventsOf('M1')).some((e) => e.key === 'slack:view:V-BUSY')).toBe(false);
});
