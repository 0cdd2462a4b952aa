/**
 * Appending events through the store: idempotent, refused steps write nothing, races lose
 * nothing, and the case always equals a replay of the log. Embedded server by default;
 * a real MongoDB when MONGODB_URI is set.
 */
import { advanceCase, rebuildCase } from '../../../src/cases/advance-case.js';
import { engineEvent, engineLearner } from '../../../src/cases/case-context.js';
import { recordEvent } from '../../../src/cases/record-event.js';
import { replay } from '../../../src/cases/replay.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import type { OpenStore } from '../../../src/store/open-store.js';
import { caseContext, feed, learner, openTestStore } from './harness.js';

let opened: OpenStore;
beforeAll(async () => {
  opened = await openTestStore('record-event');
});
afterAll(async () => {
  await opened.close();
});

const missed = (id: string, at: string) => ({ id, type: 'session.missed', at, notice: false });

async function replayedFromLog(learnerId: string, now: number) {
  const record = (await opened.store.getLearner(learnerId))!;
  const log = (await opened.store.eventsOf(learnerId)).map((l) => ({ key: l.key, event: engineEvent(l) }));
  return replay(builtinPack(record.policy)!, engineLearner(record), log, now);
}

test('an event is stored, folded into the case, and answers what the bot must do', async () => {
  const ctx = caseContext(opened);
  await opened.store.putLearner(learner('A1'));
  for (const [id, at] of [['m1', '2026-09-08'], ['m2', '2026-09-15']]) {
    expect((await recordEvent(ctx, { learnerId: 'A1', event: missed(id!, at!), actor: feed })).status).toBe('stored');
  }
  const third = await recordEvent(ctx, { learnerId: 'A1', event: missed('m3', '2026-09-22'), actor: feed });
  if (third.status !== 'stored') throw new Error(JSON.stringify(third));
  // Told: the Directors (within the first 60 days), the Managers and IQAs (every alert), and the
  // Quality Lead (3 missed without calling in, an example of when to escalate).
  expect(third.entries.map((e) => e.kind)).toEqual(['alert', 'rating', 'recommend', 'notify', 'agenda', 'notify', 'notify']);
  expect(third.nextWakeUp).toEqual(new Date('2026-10-12T23:00:00Z')); // 42 days after the start: 13 Oct 00:00 BST
  const stored = await opened.store.loadCase('A1');
  expect(stored).toMatchObject({ policy: 'mtt', packVersion: '1.3.0', version: 3 });
  expect(stored?.state.rating).toBe('medium');
  const log = await opened.store.eventsOf('A1');
  expect(log.map((l) => [l.key, l.actor, l.packVersion])).toEqual([
    ['m1', feed, '1.3.0'],
    ['m2', feed, '1.3.0'],
    ['m3', feed, '1.3.0'],
  ]);
});

test('a repeated key is a duplicate that changes nothing and returns the original', async () => {
  const ctx = caseContext(opened);
  await opened.store.putLearner(learner('A2'));
  await recordEvent(ctx, { learnerId: 'A2', event: missed('d1', '2026-09-08'), actor: feed });
  const before = await opened.store.loadCase('A2');
  const again = await recordEvent(ctx, { learnerId: 'A2', event: { ...missed('d1', '2026-09-09') }, actor: feed });
  expect(again).toMatchObject({ status: 'duplicate', key: 'd1', original: { key: 'd1', event: { type: 'session.missed', at: '2026-09-08' } } });
  expect(await opened.store.loadCase('A2')).toEqual(before);
});

test('the same event sent 4 times at once is stored once', async () => {
  const ctx = caseContext(opened);
  await opened.store.putLearner(learner('A3'));
  const results = await Promise.all([1, 2, 3, 4].map(() => recordEvent(ctx, { learnerId: 'A3', event: missed('x', '2026-09-08'), actor: feed })));
  expect(results.filter((r) => r.status === 'stored')).toHaveLength(1);
  expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(3);
  expect(await opened.store.eventsOf('A3')).toHaveLength(1);
});

test('two writers racing on one case both land, with nothing lost', async () => {
  const ctx = caseContext(opened);
  await opened.store.putLearner(learner('A4'));
  await recordEvent(ctx, { learnerId: 'A4', event: missed('r0', '2026-09-08'), actor: feed });
  const results = await Promise.all([
    recordEvent(ctx, { learnerId: 'A4', event: missed('r1', '2026-09-15'), actor: feed }),
    recordEvent(ctx, { learnerId: 'A4', event: missed('r2', '2026-09-22'), actor: feed }),
    recordEvent(ctx, { learnerId: 'A4', event: { id: 'r3', type: 'work.absence', at: '2026-09-22T12:00:00Z', explained: false }, actor: feed }),
  ]);
  expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
  const stored = (await opened.store.loadCase('A4'))!;
  const truth = await replayedFromLog('A4', stored.state.clock);
  expect(stored.state).toEqual(truth.state);
  expect(stored.state.open).toBe(true); // 3 consecutive missed sessions
});

test('a step the policy forbids is refused and nothing is written', async () => {
  const ctx = caseContext(opened);
  await opened.store.putLearner(learner('A5'));
  await recordEvent(ctx, { learnerId: 'A5', event: missed('f0', '2026-09-08'), actor: feed });
  const before = await opened.store.loadCase('A5');
  const refused = await recordEvent(ctx, { learnerId: 'A5', event: { id: 'f1', type: 'stage.entered', at: '2026-09-09', stage: 'stage-2' }, actor: feed });
  expect(refused).toEqual({
    status: 'rejected',
    key: 'f1',
    code: 'refused-by-policy',
    error: 'event: cannot enter stage-2 from no stage: under mtt, Stage 2 follows stage-1',
    refusal: { code: 'forbidden-transition', message: 'cannot enter stage-2 from no stage: under mtt, Stage 2 follows stage-1' },
  });
  expect(await opened.store.eventsOf('A5')).toHaveLength(1);
  expect(await opened.store.loadCase('A5')).toEqual(before);
});

test('a logged key sent again is a duplicate even where the policy would now refuse the event', async () => {
  const ctx = caseContext(opened);
  const staff = { kind: 'staff', id: 'coach@example.org' } as const;
  await opened.store.putLearner(learner('R7'));
  const proposed = { id: 'p1', type: 'step.proposed', at: '2026-09-09', proposal: 'p1', stage: 'stage-1', staff: staff.id, note: 'three missed' };
  expect((await recordEvent(ctx, { learnerId: 'R7', event: proposed, actor: staff })).status).toBe('stored');
  const before = await opened.store.loadCase('R7');
  // The same step proposed again under a new key is refused: one is waiting already.
  expect(await recordEvent(ctx, { learnerId: 'R7', event: { ...proposed, id: 'p2', proposal: 'p2' }, actor: staff })).toMatchObject({
    status: 'rejected',
    refusal: { code: 'already-proposed' },
  });
  // Under its logged key it is the original: on the stored case's clock, and before it (a replay).
  for (const at of ['2026-09-09', '2026-09-08']) {
    expect(await recordEvent(ctx, { learnerId: 'R7', event: { ...proposed, at }, actor: staff })).toMatchObject({ status: 'duplicate', key: 'p1', original: { key: 'p1', event: { at: '2026-09-09' } } });
  }
  expect(await opened.store.eventsOf('R7')).toHaveLength(1);
  expect(await opened.store.loadCase('R7')).toEqual(before);
});

test('bad input is rejected with the field named, and nothing is written', async () => {
  const ctx = caseContext(opened);
  await opened.store.putLearner(learner('A6'));
  const cases = [
    [{ id: 'b1', type: 'contact', at: '2026-09-08', channel: 'pigeon', outcome: 'reached' }, 'invalid-event', /^event\.channel: must be one of/],
    [{ type: 'session.missed', at: '2026-09-08' }, 'invalid-event', /^event\.id: is required/],
    [{ id: 'b3', type: 'session.missed', at: '2026-08-01' }, 'invalid-event', /start date/],
    [{ id: 'b4', type: 'nonsense', at: '2026-09-08' }, 'invalid-event', /^event\.type: unknown event type "nonsense"/],
  ] as const;
  for (const [event, code, error] of cases) {
    const result = await recordEvent(ctx, { learnerId: 'A6', event, actor: feed });
    expect(result).toMatchObject({ status: 'rejected', code });
    expect(result.status === 'rejected' && result.error).toMatch(error);
  }
  expect(await recordEvent(ctx, { learnerId: 'ghost', event: missed('g', '2026-09-08'), actor: feed })).toMatchObject({
    status: 'rejected',
    code: 'unknown-learner',
    error: 'learnerId: no learner "ghost"',
  });
  expect(await opened.store.eventsOf('A6')).toEqual([]);
  expect(await opened.store.loadCase('A6')).toBeNull();
});

test('timers fire when the case is woken, and a late event replays the log', async () => {
  const ctx = caseContext(opened);
  await opened.store.putLearner(learner('A7'));
  await recordEvent(ctx, { learnerId: 'A7', event: { id: 'a1', type: 'activity', at: '2026-09-02' }, actor: feed });
  const woken = await advanceCase(ctx, 'A7', new Date('2026-10-20T00:00:00Z'));
  expect(woken?.entries.filter((e) => e.kind === 'alert')).toEqual([
    { at: Date.parse('2026-10-13T23:00:00Z'), kind: 'alert', reasons: ['no recorded progress within 42 days'] },
  ]);
  // Progress dated before the alert arrives late: the case is replayed and the alert moves.
  const late = await recordEvent(ctx, { learnerId: 'A7', event: { id: 'p1', type: 'progress', at: '2026-10-01', actual: 40, planned: 45 }, actor: feed });
  expect(late.status).toBe('stored');
  const stored = (await opened.store.loadCase('A7'))!;
  expect(stored.state).toEqual((await replayedFromLog('A7', Date.parse('2026-10-20T00:00:00Z'))).state);
  expect(stored.state.reasons).toEqual([]); // no alert any more: progress on 1 Oct reset the 42 days
  const rebuilt = await rebuildCase(ctx, 'A7', new Date('2026-10-20T00:00:00Z'));
  expect(rebuilt.refused).toEqual([]);
  expect((await opened.store.loadCase('A7'))!.state).toEqual(stored.state);
});
