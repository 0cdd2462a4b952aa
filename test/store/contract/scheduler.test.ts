/**
 * Agenda jobs on the store: a learner's wake-up fires their timers and delivers what the
 * engine decided; nudges and digests go once, also with two schedulers on one database;
 * a failed delivery is retried. Embedded server by default; MONGODB_URI when set.
 */
import { recordEvent } from '../../../src/cases/record-event.js';
import { RecordingNotifier } from '../../../src/cases/notifier.js';
import { sendCoachDigests, sendMeetingDigest } from '../../../src/cases/digests.js';
import { wakeLearner } from '../../../src/cases/wake-learner.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { Scheduler, weeklyMeetings } from '../../../src/scheduler/scheduler.js';
import type { OpenStore } from '../../../src/store/open-store.js';
import { caseContext, feed, learner, openTestStore } from './harness.js';

let opened: OpenStore;
beforeAll(async () => {
  opened = await openTestStore('scheduler');
});
afterAll(async () => {
  await opened.close();
});

const NOW = new Date('2026-10-20T09:30:00Z');
const ctx = () => ({ ...caseContext(opened, () => NOW), claimLeaseMs: 2_000 });

async function until(check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function learnerWithStage1(id: string, policy = 'mtt') {
  await opened.store.putLearner(learner(id, { policy }));
  // Stage 1 on Tue 13 Oct: welfare checks due Tue 20 Oct; nudges 19 Oct 09:00 and 20 Oct 09:00 BST.
  await recordEvent(ctx(), { learnerId: id, event: { id: `${id}-s1`, type: 'stage.entered', at: '2026-10-13T10:00:00+01:00', stage: 'stage-1' }, actor: feed });
}

test('wakeLearner fires due timers, delivers their entries and due nudges once, and says when next', async () => {
  const notifier = new RecordingNotifier();
  await learnerWithStage1('S1');
  const report = await wakeLearner(ctx(), notifier, 'S1', NOW);
  expect(report?.nudged).toBe(2);
  expect(notifier.of('nudge').map((n) => n.when)).toEqual(['before-due', 'due']);
  // The 42-day timer (13 Oct 00:00) fired: its alert was delivered with the stage-1 entries.
  expect(notifier.sent.map((i) => i.type)).toEqual(expect.arrayContaining(['case-update', 'task', 'at-risk-alert']));
  expect(notifier.of('case-update').map((i) => i.change)).toContain('Stage 1 began');
  expect(report?.next).toEqual(new Date('2026-10-20T23:00:00Z')); // overdue at midnight after the due date
  expect((await opened.store.loadCase('S1'))?.outbox).toEqual([]);

  const again = await wakeLearner(ctx(), notifier, 'S1', NOW);
  expect(again).toMatchObject({ nudged: 0, delivered: { sent: 0 } });
});

test('a failed delivery stays in the outbox and is sent on the next wake-up', async () => {
  const notifier = new RecordingNotifier();
  await learnerWithStage1('S2');
  notifier.failNext = 1;
  const first = await wakeLearner(ctx(), notifier, 'S2', NOW);
  expect(first?.delivered.failed).toHaveLength(1);
  expect(first?.next?.getTime()).toBeLessThanOrEqual(NOW.getTime() + 60_000);
  expect((await opened.store.loadCase('S2'))?.outbox).toHaveLength(1);
  await wakeLearner(ctx(), notifier, 'S2', NOW);
  expect((await opened.store.loadCase('S2'))?.outbox).toEqual([]);
  expect(new Set(notifier.keys).size).toBe(notifier.keys.length);
});

test('two schedulers on one database deliver every entry and nudge exactly once', async () => {
  const ids = Array.from({ length: 12 }, (_, i) => `P${i}`);
  for (const id of ids) await learnerWithStage1(id);
  const notifiers = [new RecordingNotifier(), new RecordingNotifier()];
  const db = opened.connection.db!;
  const schedulers = notifiers.map(
    (notifier, i) => new Scheduler({ db, ctx: ctx(), notifier, name: `worker-${i}`, processEveryMs: 100, lockLifetimeMs: 2_000, sweepEvery: null }),
  );
  await Promise.all(schedulers.map((s) => s.start()));
  try {
    for (const id of ids) await schedulers[0]!.wakeAt(id, new Date(Date.now() - 1_000));
    await until(async () => (await Promise.all(ids.map((id) => opened.store.loadCase(id)))).every((c) => c?.outbox.length === 0 && c.state.clock >= NOW.getTime()));
    await until(async () => notifiers.flatMap((n) => n.of('nudge')).length >= 2 * ids.length);
  } finally {
    await Promise.all(schedulers.map((s) => s.stop()));
  }
  const keys = notifiers.flatMap((n) => n.keys);
  expect(new Set(keys).size).toBe(keys.length);
  expect(notifiers.flatMap((n) => n.of('nudge'))).toHaveLength(2 * ids.length);
});

test('the SMT digest lists the week\'s agenda items and is sent once per meeting and date', async () => {
  const notifier = new RecordingNotifier();
  await opened.store.putLearner(learner('CA1', { policy: 'creative-alliance' }));
  for (const [i, at] of ['2026-09-07', '2026-09-14', '2026-09-21T08:00:00+01:00'].entries()) {
    await recordEvent(ctx(), { learnerId: 'CA1', event: { id: `v${i}`, type: 'visit.missed', at }, actor: feed });
  }
  // Third missed appointment on Mon 21 Sep before 10:00: on the SMT agenda that day.
  expect(await sendMeetingDigest(ctx(), notifier, 'smt-weekly', '2026-09-21')).toBe('sent');
  expect(await sendMeetingDigest(ctx(), notifier, 'smt-weekly', '2026-09-21')).toBe('already-sent');
  expect(notifier.sent).toEqual([
    {
      type: 'meeting-digest',
      audience: { kind: 'meeting-channel', policy: 'creative-alliance', meeting: 'smt-weekly' },
      sensitivity: 'general',
      meeting: 'smt-weekly',
      meetingName: expect.any(String),
      date: '2026-09-21',
      items: [expect.objectContaining({ learner: expect.objectContaining({ id: 'CA1' }), reasons: ['third missed appointment'] })],
    },
  ]);
  expect(weeklyMeetings([builtinPack('creative-alliance')!, builtinPack('mtt')!])).toEqual([{ id: 'smt-weekly', day: 'monday', time: '10:00' }]);
});

test('each coach gets one morning digest, overdue first', async () => {
  const notifier = new RecordingNotifier();
  await opened.store.putStaff({ id: 'digest-coach@example.org', name: 'D', roles: ['coach'] });
  await opened.store.putLearner(learner('D1', { coach: 'digest-coach@example.org' }));
  await opened.store.putLearner(learner('D2', { coach: 'digest-coach@example.org' }));
  await recordEvent(ctx(), { learnerId: 'D1', event: { id: 'd1', type: 'stage.entered', at: '2026-10-15', stage: 'stage-1' }, actor: feed });
  await recordEvent(ctx(), { learnerId: 'D2', event: { id: 'd2', type: 'stage.entered', at: '2026-10-01', stage: 'stage-1' }, actor: feed });
  await wakeLearner(ctx(), notifier, 'D2', NOW); // D2's checks were due 8 Oct: overdue now
  const result = await sendCoachDigests(ctx(), notifier, '2026-10-20');
  expect(result.failed).toEqual([]);
  const mine = () => notifier.of('coach-digest').filter((d) => d.audience.staffIds.includes('digest-coach@example.org'));
  expect(mine()[0]?.items.map((i) => [i.learner.id, i.case.nextDeadline?.overdue])).toEqual([
    ['D2', true],
    ['D1', false],
  ]);
  await sendCoachDigests(ctx(), notifier, '2026-10-20');
  expect(mine()).toHaveLength(1);
});
