/**
 * What one chat command costs the database, counted through a wrapping Store: the case is
 * read once (recordEvent hands back what it saved, and delivery and the answer use it),
 * the learner and the person once each, and nothing is read back after it is written.
 * Exact counts per method, so one read more or less fails.
 */
import { openSlackProvider, type SlackProvider } from '../bots/slack/slack-harness.js';
import { countingStore, type CountingStore } from './counting-store.js';
import { learnerRecord, person } from './harness.js';

const COACH = 'coach@mtt.org';
let p: SlackProvider;
let counted: CountingStore;

beforeAll(async () => {
  p = await openSlackProvider(
    'reads-per-command',
    [person(COACH, ['coach'], { slackUserId: 'U-COACH', manager: 'man@mtt.org' }), person('man@mtt.org', ['managers', 'directors', 'quality-lead'], { slackUserId: 'U-MAN' })],
    [learnerRecord('M1', 'mtt', { coach: COACH, startDate: '2026-10-26', name: 'Mia Jones' }), learnerRecord('M2', 'mtt', { coach: COACH, startDate: '2026-12-01', name: 'Noah Patel' })],
    '2026-12-22T09:00:00Z',
    { wrapStore: (store) => (counted = countingStore(store)).store },
  );
  await p.opened.store.putSetting('slack:channel:alerts', 'C-TEAM');
});
afterAll(() => p.close());

/** `/waymark <text>` as the coach; resolves once its answer has reached Slack. */
async function command(text: string, extra: Record<string, string> = {}): Promise<void> {
  const before = p.slack.of('respond').length;
  counted.reset();
  expect((await p.command('U-COACH', text, extra)).status).toBe(200);
  await p.slack.until(() => p.slack.of('respond').length > before);
}

const calls = () => Object.fromEntries([...counted.calls].sort(([a], [b]) => a.localeCompare(b)));

test('a /waymark log on a case: one read each of the person, the learner, the case and the key; two writes', async () => {
  await command('log M2 phone no-answer');
  counted.reset();
  await command('log M2 email no-answer');
  expect(calls()).toEqual({
    staffByChatId: 1, // who typed it (the adapter; the service is handed the record)
    findLearners: 1, // the learner it names (the service is handed the record)
    loadCase: 1,
    findEvent: 1, // is this key logged already?
    appendEvent: 1,
    saveCase: 1,
  });
  expect(JSON.stringify(p.slack.of('respond').at(-1))).toContain('Contact logged');
});

test('a command that sets off notifications still reads the case and the learner once', async () => {
  // Mia started 2026-10-26: nothing recorded for 42 days puts her at risk with this first
  // event: an alert and a case update to the team channel, a recommendation and tasks by DM.
  await command('log M1 phone no-answer');
  expect(p.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(5);
  expect(calls()).toEqual({
    staffByChatId: 1,
    findLearners: 1,
    loadCase: 1,
    eventsOf: 1, // no case yet: the log is replayed (it may hold an event a crash left unfolded)
    findEvent: 1,
    appendEvent: 1,
    saveCase: 1,
    staffWithRole: 1, // the quality lead, for a task (read once in the command)
    getStaff: 3, // the Slack notifier: the DM's person (coach, twice) and the manager
    getSetting: 2, // the Slack notifier: the team channel, for each of its two posts
    // Each delivery is claimed, posted, remembered (to update it in place) and completed:
    // the claims keep two instances from posting it twice.
    claim: 5,
    recordMessage: 5,
    completeClaim: 5,
    markDelivered: 1,
  });
});

test('a repeated command (a Slack retry) reads the case once and writes nothing', async () => {
  await command('log M2 phone reached', { trigger_id: 'retried-trigger' });
  await command('log M2 phone reached', { trigger_id: 'retried-trigger' });
  expect(calls()).toEqual({ staffByChatId: 1, findLearners: 1, loadCase: 1, findEvent: 1 });
  expect(JSON.stringify(p.slack.of('respond').at(-1))).toContain('(already)');
});
