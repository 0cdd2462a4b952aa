/**
 * The Store port's bulk read for replaying many learners (a backtest): every learner of a
 * policy, in id order, with the log eventsOf gives and how far their case has run. Runs
 * against the embedded server, or a real MongoDB when MONGODB_URI is set.
 */
import { ObjectId } from 'mongodb';
import type { OpenStore } from '../../../src/store/open-store.js';
import type { LearnerHistory } from '../../../src/store/store.js';
import { learner, logged, openTestStore } from './harness.js';

let opened: OpenStore;
beforeAll(async () => {
  opened = await openTestStore('histories');
});
afterAll(async () => {
  await opened.close();
});

async function all(histories: AsyncIterable<LearnerHistory>): Promise<LearnerHistory[]> {
  const out: LearnerHistory[] = [];
  for await (const history of histories) out.push(history);
  return out;
}

test('every learner of the policy in id order, each with the log eventsOf gives and the case clock', async () => {
  await opened.store.putLearner(learner('H2'));
  await opened.store.putLearner(learner('H1'));
  await opened.store.putLearner(learner('H3', { policy: 'bpn' }));
  await opened.store.putLearner(learner('H4'));
  // Out of time order, with ties broken by when recorded, then by the order appended.
  await opened.store.appendEvent(logged('H1', 'late', '2026-09-22'));
  await opened.store.appendEvent(logged('H1', 'tie-2nd', '2026-09-08', '2026-11-25T09:00:05Z'));
  await opened.store.appendEvent(logged('H1', 'tie-1st', '2026-09-08', '2026-11-25T09:00:01Z'));
  await opened.store.appendEvent(logged('H1', 'tie-3rd', '2026-09-08', '2026-11-25T09:00:05Z'));
  await opened.store.appendEvent(logged('H2', 'only', '2026-09-15'));
  await opened.store.appendEvent(logged('H3', 'other-policy', '2026-09-15'));
  const clock = Date.parse('2026-10-01T12:00:00Z');
  await opened.store.saveCase({ learnerId: 'H1', policy: 'mtt', packVersion: '1.0.0', state: { clock } as never, nextWakeUpAt: null, outbox: [] }, null);

  const histories = await all(opened.store.learnerHistories('mtt'));
  expect(histories.map((h) => h.learner.id)).toEqual(['H1', 'H2', 'H4']);
  expect(histories[0]!.events.map((e) => e.key)).toEqual(['tie-1st', 'tie-2nd', 'tie-3rd', 'late']);
  for (const history of histories) {
    expect(history.learner).toEqual(await opened.store.getLearner(history.learner.id));
    expect(history.events).toEqual(await opened.store.eventsOf(history.learner.id));
  }
  expect(histories.map((h) => h.caseClock)).toEqual([new Date(clock), null, null]);
  expect(histories[2]!.events).toEqual([]);
  expect((await all(opened.store.learnerHistories('bpn'))).map((h) => [h.learner.id, h.events.map((e) => e.key)])).toEqual([['H3', ['other-policy']]]);
});

test('a tie in time and in when recorded goes by the order appended (the ObjectId), as in eventsOf, not by where it is stored', async () => {
  await opened.store.putLearner(learner('H5'));
  const events = opened.connection.db!.collection('events');
  // Stored second, but with the earlier ObjectId: appended first.
  await events.insertOne({ ...logged('H5', 'appended-2nd', '2026-09-08'), _id: new ObjectId('65a000000000000000000002') });
  await events.insertOne({ ...logged('H5', 'appended-1st', '2026-09-08'), _id: new ObjectId('65a000000000000000000001') });
  const [history] = await all(opened.store.learnerHistories('mtt', { ids: ['H5'] }));
  expect(history!.events.map((e) => e.key)).toEqual(['appended-1st', 'appended-2nd']);
  expect(history!.events).toEqual(await opened.store.eventsOf('H5'));
});

test('ids narrow it to those learners, still only those of the policy', async () => {
  const histories = await all(opened.store.learnerHistories('mtt', { ids: ['H4', 'H3', 'H2', 'nobody'] }));
  expect(histories.map((h) => h.learner.id)).toEqual(['H2', 'H4']);
  expect(histories[0]!.events.map((e) => e.key)).toEqual(['only']);
  expect(await all(opened.store.learnerHistories('mtt', { ids: [] }))).toEqual([]);
  expect(await all(opened.store.learnerHistories('no-such-policy'))).toEqual([]);
});

test('many learners come back whole and in order, across the batches they are read in', async () => {
  const ids = Array.from({ length: 620 }, (_, i) => `M${String(i).padStart(4, '0')}`);
  for (const id of [...ids].reverse()) await opened.store.putLearner(learner(id, { policy: 'many' }));
  for (const [i, id] of ids.entries()) if (i % 3 === 0) await opened.store.appendEvent(logged(id, `k${i}`, '2026-09-08'));
  const histories = await all(opened.store.learnerHistories('many'));
  expect(histories.map((h) => h.learner.id)).toEqual(ids);
  expect(histories.map((h) => h.events.map((e) => e.key))).toEqual(ids.map((_, i) => (i % 3 === 0 ? [`k${i}`] : [])));
});

test('shares split the learners between readers: each read once, every third to each of 3', async () => {
  const ids = Array.from({ length: 620 }, (_, i) => `M${String(i).padStart(4, '0')}`);
  const shares = await Promise.all([0, 1, 2].map(async (index) => (await all(opened.store.learnerHistories('many', { share: { index, of: 3 } }))).map((h) => h.learner.id)));
  expect(shares).toEqual([0, 1, 2].map((index) => ids.filter((_, i) => i % 3 === index)));
  const narrowed = await all(opened.store.learnerHistories('many', { ids: ['M0001', 'M0002', 'M0003', 'M0004'], share: { index: 1, of: 2 } }));
  expect(narrowed.map((h) => [h.learner.id, h.events.map((e) => e.key)])).toEqual([
    ['M0002', []],
    ['M0004', []],
  ]);
});
