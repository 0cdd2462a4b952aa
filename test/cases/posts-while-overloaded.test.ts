/**
 * The posts a command sets off, while the process is overloaded (start.ts hands
 * CaseService postsUnlessOverloaded): the command is recorded and answered, nothing is
 * sent at once, and the posts wait in the case's outbox until the sweep delivers them
 * (deliverOutbox, as the scheduler's sweep calls it), each once. Not overloaded, they go
 * at once. Checked with a concern raised on an mtt learner (not a policy rule under test:
 * any command that sets off posts would do).
 */
import { postsUnlessOverloaded } from '../../src/bots/loop-load.js';
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { deliverOutbox } from '../../src/cases/outbox.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import type { OpenStore } from '../../src/store/open-store.js';
import { openTestStore } from '../store/contract/harness.js';
import { learnerRecord, person } from './harness.js';

const COACH = 'coach@mtt.org';
let opened: OpenStore;
beforeAll(async () => {
  opened = await openTestStore('posts-while-overloaded');
  await opened.store.putStaff(person(COACH, ['coach']));
  for (const id of ['M1', 'M2']) await opened.store.putLearner(learnerRecord(id, 'mtt', { coach: COACH, startDate: '2026-09-01' }));
});
afterAll(() => opened.close());

function serviceWith(load: { over: boolean }) {
  const notifier = new RecordingNotifier();
  const ctx = { store: opened.store, packFor: (id: string) => builtinPack(id), now: () => new Date('2026-10-05T09:00:00Z') };
  const started: Promise<void>[] = [];
  const afterAnswer = postsUnlessOverloaded(load);
  // Every piece the service hands over is seen, and those started are awaited by the test.
  const service = new CaseService({ ctx, notifier, afterAnswer: (posts) => afterAnswer(() => { const p = posts(); started.push(p); return p; }) });
  return { ctx, notifier, service, settled: () => Promise.all(started) };
}

const concern = (learnerId: string, key: string) => ({ kind: 'record-fact' as const, learnerId, fact: 'concern.raised' as const, category: 'support-request', actor: COACH, key });

test('overloaded: recorded and answered, nothing sent at once; the sweep sends the posts, once', async () => {
  const { ctx, notifier, service, settled } = serviceWith({ over: true });
  const result = await service.execute(concern('M1', 'k-over'));
  expect(result.ok).toBe(true);
  await settled();
  expect(notifier.sent).toHaveLength(0);
  const waiting = (await opened.store.loadCase('M1'))!.outbox.length;
  expect(waiting).toBeGreaterThan(0);

  const report = await deliverOutbox(ctx, notifier, 'M1');
  expect(report.failed).toEqual([]);
  expect(report.sent).toBeGreaterThan(0);
  expect(report.sent + report.skipped + report.held).toBe(waiting);
  expect(notifier.sent).toHaveLength(report.sent);
  expect((await opened.store.loadCase('M1'))!.outbox).toHaveLength(0);
  // A second sweep sends nothing again.
  await deliverOutbox(ctx, notifier, 'M1');
  expect(notifier.sent).toHaveLength(report.sent);
});

test('not overloaded: the posts go at once', async () => {
  const { notifier, service, settled } = serviceWith({ over: false });
  expect((await service.execute(concern('M2', 'k-calm'))).ok).toBe(true);
  await settled();
  expect(notifier.sent.length).toBeGreaterThan(0);
  expect((await opened.store.loadCase('M2'))!.outbox).toHaveLength(0);
});
