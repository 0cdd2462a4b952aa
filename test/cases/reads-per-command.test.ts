/**
 * What one chat command costs the database, counted through a wrapping Store: the case is
 * read once (recordEvent hands back what it saved, and delivery and the answer use it),
 * the learner and the person once each, and nothing is read back after it is written.
 * Exact counts per method, so one read more or less fails.
 */
import { openSlackProvider, type SlackProvider } from '../bots/slack/slack-harness.js';
import { eraseLearner } from '../../src/privacy/erase.js';
import { builtinPack } from '../../src/rules/packs/index.js';
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

test('a /waymark log on a case: one read each of the person, the learner and the case; two writes', async () => {
  await command('log M2 phone no-answer');
  counted.reset();
  await command('log M2 email no-answer');
  expect(calls()).toEqual({
    staffByChatId: 1, // who typed it (the adapter; the service is handed the record)
    findLearners: 1, // the learner it names (the service is handed the record)
    loadCase: 1,
    appendEvent: 1, // the log's unique index says whether the key is logged already
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

test('a repeated command (a Slack retry) reads the case once, and the log refuses it: nothing saved', async () => {
  await command('log M2 phone reached', { trigger_id: 'retried-trigger' });
  const logged = (await p.opened.store.eventsOf('M2')).length;
  await command('log M2 phone reached', { trigger_id: 'retried-trigger' });
  expect(calls()).toEqual({ staffByChatId: 1, findLearners: 1, loadCase: 1, appendEvent: 1 });
  expect(await p.opened.store.eventsOf('M2')).toHaveLength(logged);
  expect(JSON.stringify(p.slack.of('respond').at(-1))).toContain('(already)');
});

test('opening a case reads the learner, the case and the log; erasures only for an erased learner', async () => {
  await command('case M2');
  expect(calls()).toEqual({
    staffByChatId: 1,
    findLearners: 1, // the learner the command names
    getLearner: 1, // and again as the case is read as of now (a cache in the running bot)
    loadCase: 1,
    eventsOf: 1, // the trail
    policyVersions: 1, // the trail's "policy updated" lines (a cache in the running bot)
    getStaff: 2, // names on the card (a cache in the running bot)
  });
  expect(JSON.stringify(p.slack.of('respond').at(-1))).toContain('Noah Patel');

  const ctx = { store: p.opened.store, packFor: builtinPack, now: () => p.now };
  expect((await eraseLearner(ctx, { learnerId: 'M2', reason: 'Asked to be forgotten', by: 'cli:admin', force: true })).ok).toBe(true);
  await command('case M2');
  expect(counted.count('erasuresOf')).toBe(1);
  expect(JSON.stringify(p.slack.of('respond').at(-1))).toContain('Personal data erased: \\"Asked to be forgotten\\"; free text removed from 0 events, 0 chat messages replaced, by Command line (admin)');
});
