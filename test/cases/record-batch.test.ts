/**
 * Recording a batch equals recording its events one at a time: a differential test over
 * every built-in pack. Two databases get the same learners and the same generated
 * histories (late events, repeated keys, refused staff steps, events before the start,
 * invalid ones, some learners with a case already); one records them with recordEvent one
 * by one, the other with recordBatch. The results per event, the logs, the cases, their
 * outboxes and their next wake-ups must be identical. Then a history recorded quietly.
 */
import { advanceCase } from '../../src/cases/advance-case.js';
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { recordBatch, type BatchItem } from '../../src/cases/record-batch.js';
import { recordEvent } from '../../src/cases/record-event.js';
import { BUILTIN_PACK_IDS } from '../../src/rules/packs/index.js';
import type { OpenStore } from '../../src/store/open-store.js';
import type { Actor, LearnerRecord } from '../../src/store/records.js';
import { caseContext, learner, openTestStore } from '../store/contract/harness.js';
import { countingStore } from './counting-store.js';

const STAFF: Actor = { kind: 'staff', id: 'coach@example.org' };
const FEED: Actor = { kind: 'feed', id: 'test-feed' };
const DAY = 86_400_000;
const START = Date.parse('2026-09-01T00:00:00Z');

let one: OpenStore;
let all: OpenStore;
beforeAll(async () => {
  [one, all] = await Promise.all([openTestStore('batch-one'), openTestStore('batch-all')]);
});
afterAll(async () => {
  await Promise.all([one.close(), all.close()]);
});

/** A seeded stream of numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEPS: Record<string, { stages: string[]; outcomes: string[] }> = {
  makers: { stages: ['stage-1', 'stage-2', 'stage-3', 'stage-4'], outcomes: ['de-escalate', 'escalate', 'extend'] },
  'creative-alliance': { stages: ['smt-review', 'invitation-to-explain', 'written-warning'], outcomes: ['de-escalate', 'withdraw'] },
  bpn: { stages: ['monitoring', 'formal-warning', 'performance-review'], outcomes: ['de-escalate', 'support-offered'] },
  mtt: { stages: ['stage-1', 'stage-2', 'stage-3'], outcomes: ['support-contract', 'de-escalate', 'withdraw'] },
  atl: { stages: ['stage-1', 'stage-2', 'stage-3'], outcomes: ['support-contract', 'de-escalate'] },
};

/** About `count` events for one learner, roughly in time order, with the awkward cases mixed in. */
function history(policy: string, learnerId: string, count: number, seed: number, from = START): BatchItem[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const items: BatchItem[] = [];
  let at = from + DAY;
  for (let i = 0; i < count; i++) {
    at += Math.floor(next() * 4) * DAY; // a quarter at the instant of the one before
    // A late event now and then (dated before ones already sent), and one before the start.
    const when = next() < 0.08 ? at - Math.floor(next() * 20 * DAY) : next() < 0.01 ? START - 3 * DAY : at;
    // Half as dates (London midnight, when many timers fire), half as instants that day.
    const base = { id: `${learnerId}-${seed}-${i}`, at: next() < 0.5 ? new Date(when).toISOString().slice(0, 10) : new Date(when + 36_000_000).toISOString() };
    const roll = next();
    const event =
      roll < 0.3 ? { ...base, type: 'session.missed', notice: next() < 0.2 }
      : roll < 0.4 ? { ...base, type: 'session.attended' }
      : roll < 0.47 ? { ...base, type: 'visit.missed' }
      : roll < 0.52 ? { ...base, type: 'visit.cancelled', by: pick(['learner', 'employer', 'provider']) }
      : roll < 0.6 ? { ...base, type: 'submission.missed' }
      : roll < 0.66 ? { ...base, type: 'progress', actual: Math.floor(next() * 60), planned: 40 + Math.floor(next() * 60) }
      : roll < 0.7 ? { ...base, type: 'activity' }
      : roll < 0.8 ? { ...base, type: 'contact', channel: pick(['phone', 'email', 'meeting']), outcome: pick(['reached', 'no_answer']) }
      : roll < 0.83 ? { ...base, type: 'concern.raised', category: 'wellbeing' }
      : roll < 0.85 ? { ...base, type: 'work.absence', explained: next() < 0.5 }
      : roll < 0.91 ? { ...base, type: 'stage.entered', stage: pick(STEPS[policy]!.stages) }
      : roll < 0.95 ? { ...base, type: 'decision', outcome: pick(STEPS[policy]!.outcomes) }
      : roll < 0.97 ? { ...base, type: 'plan.agreed', kind: 'support' }
      : roll < 0.985 ? { ...base, type: 'session.teleported' }
      : { ...base, id: `${learnerId}-${seed}-${Math.floor(next() * Math.max(i, 1))}`, type: 'session.missed' }; // a repeated key
    items.push({ learnerId, event });
  }
  return items;
}

async function putEverywhere(records: LearnerRecord[]): Promise<void> {
  for (const r of records) await Promise.all([one.store.putLearner(r), all.store.putLearner(r)]);
}

/** What a learner's records hold, comparable across the two databases. */
async function snapshot(opened: OpenStore, learnerId: string) {
  const stored = await opened.store.loadCase(learnerId);
  const log = (await opened.store.eventsOf(learnerId)).map((l) => [l.key, l.event, l.at.toISOString()]);
  if (!stored) return { log, case: null };
  const { version: _version, updatedAt: _updatedAt, ...rest } = stored;
  return { log, case: rest };
}

/** Every kind of outcome the histories produced, over all packs. */
const seen = new Set<string>();

const statusOf = (r: { status: string; key?: string; error?: string }) => [r.status, r.key ?? null, 'error' in r ? r.error : null];

test.each(BUILTIN_PACK_IDS.map((id, n) => [id, n] as const))('%s: a batch leaves every case, outbox and wake-up as one event at a time does', async (policy, n) => {
  const nations = ['england', 'wales', 'scotland', 'northern-ireland'] as const;
  const records = Array.from({ length: 6 }, (_, i) => learner(`${policy}-${i}`, { policy, nation: nations[i % 4]!, startDate: '2026-09-01' }));
  await putEverywhere(records);
  const ctxOne = caseContext(one);
  const ctxAll = caseContext(all);

  // Learners 0-2 already have a case, recorded alike in both databases.
  for (const r of records.slice(0, 3)) {
    for (const item of history(policy, r.id, 12, 7 + n)) {
      const input = { learnerId: item.learnerId, event: item.event, actor: STAFF };
      await recordEvent(ctxOne, input);
      await recordEvent(ctxAll, input);
    }
  }
  // The batch: every learner's history interleaved, re-sending part of the earlier events,
  // and an unknown learner.
  const perLearner = records.map((r, i) => [...history(policy, r.id, 12, 7 + n).slice(0, 4), ...history(policy, r.id, 45, 100 * n + i, START + 30 * DAY)]);
  const batch: BatchItem[] = [];
  for (let i = 0; perLearner.some((h) => i < h.length); i++) for (const h of perLearner) if (i < h.length) batch.push(h[i]!);
  batch.push({ learnerId: 'nobody', event: { id: 'x1', type: 'activity', at: '2026-10-01' } });

  const single = [];
  const lastWakeUp = new Map<string, Date | null>();
  for (const item of batch) {
    const result = await recordEvent(ctxOne, { learnerId: item.learnerId, event: item.event, actor: STAFF });
    single.push(result);
    if (result.status === 'stored') lastWakeUp.set(item.learnerId, result.nextWakeUp);
  }
  const batched = await recordBatch(ctxAll, batch, { actor: STAFF, groupSize: 3 });

  expect(batched.results.map(statusOf)).toEqual(single.map(statusOf));
  const kinds = new Set<string>(single.map((r) => (r.status === 'rejected' ? r.code : r.status)));
  for (const kind of kinds) seen.add(kind);
  expect(['duplicate', 'invalid-event', 'stored', 'unknown-learner'].filter((k) => kinds.has(k))).toHaveLength(4);
  expect(new Map(batched.saved.map((s) => [s.learnerId, s.nextWakeUp]))).toEqual(lastWakeUp);
  expect(batched.saved).toHaveLength(records.length);
  for (const r of records) {
    const [a, b] = await Promise.all([snapshot(one, r.id), snapshot(all, r.id)]);
    expect(b).toEqual(a);
    expect(a.case!.outbox.length).toBeGreaterThan(0);
    expect(b.case!.nextWakeUpAt).toEqual(lastWakeUp.get(r.id));
  }
});

test('the histories had every kind of outcome, refusals by a policy included', () => {
  expect([...seen].sort()).toEqual(['duplicate', 'invalid-event', 'refused-by-policy', 'stored', 'unknown-learner']);
});

test('a history is recorded quietly: the case run on to now, and only what is current said, once', async () => {
  const now = new Date('2027-04-12T09:00:00Z');
  const records = [learner('quiet-1', { policy: 'mtt' }), learner('quiet-2', { policy: 'mtt' })];
  await putEverywhere(records);
  // quiet-1 misses every session from October: at risk now. quiet-2 attends and keeps to plan.
  const items: BatchItem[] = [];
  for (let w = 0; w < 30; w++) {
    const at = new Date(START + (7 + 7 * w) * DAY).toISOString();
    items.push({ learnerId: 'quiet-1', event: { id: `q1-${w}`, type: w < 4 ? 'session.attended' : 'session.missed', at } });
    items.push({ learnerId: 'quiet-2', event: { id: `q2-${w}`, type: 'progress', actual: 3 * w, planned: 3 * w, at } });
  }
  const ctxOne = caseContext(one, () => now);
  for (const item of items) await recordEvent(ctxOne, { learnerId: item.learnerId, event: item.event, actor: FEED });
  for (const r of records) await advanceCase(ctxOne, r.id, now);

  const notifier = new RecordingNotifier();
  const wakeUps: [string, Date | null][] = [];
  const service = new CaseService({ ctx: caseContext(all, () => now), notifier, wakeAt: async (id, at) => void wakeUps.push([id, at]) });
  const results = await service.ingestBatch(FEED, items, true);
  expect(results.filter((r) => r.status === 'stored')).toHaveLength(60);
  expect((await one.store.loadCase('quiet-2'))!.state.open).toBe(false);

  for (const r of records) {
    const [loud, quiet] = [(await one.store.loadCase(r.id))!, (await all.store.loadCase(r.id))!];
    expect(quiet.state).toEqual(loud.state);
    expect(quiet.nextWakeUpAt).toEqual(loud.nextWakeUpAt);
    expect(quiet.outbox).toEqual([]); // delivered
  }
  expect(wakeUps).toEqual(records.map((r, i) => [r.id, wakeUps[i]![1]]));
  expect(wakeUps.map(([, at]) => at)).toEqual(await Promise.all(records.map(async (r) => (await one.store.loadCase(r.id))!.nextWakeUpAt)));
  // One alert for the learner at risk now, naming every reason that holds; nothing for the
  // other; none of the history's many alerts, ratings or notices.
  const loudKinds = (await one.store.loadCase('quiet-1'))!.outbox.map((o) => o.entry.kind);
  expect(loudKinds.filter((k) => k === 'alert').length).toBeGreaterThan(1);
  const alerts = notifier.of('at-risk-alert');
  expect(alerts.map((a) => a.learner.id)).toEqual(['quiet-1']);
  expect(alerts[0]!.why).toEqual((await one.store.loadCase('quiet-1'))!.state.reasons.map((r) => r.reason));
  expect(notifier.of('case-update')).toEqual([]);
  expect(notifier.of('policy-notice')).toEqual([]);
  expect(notifier.sent.every((i) => 'learner' in i && i.learner.id === 'quiet-1')).toBe(true);
});

test('a writer that logged one of the batch keys first (its case not yet saved): the key is its, and the case is replayed from the log', async () => {
  const record = learner('race-1', { policy: 'mtt', startDate: '2026-09-01' });
  await putEverywhere([record]);
  const ctxOne = caseContext(one);
  const ctxAll = caseContext(all);
  const items = history('mtt', record.id, 10, 4242).filter((item, i, all) => all.findIndex((o) => (o.event as { id: string }).id === (item.event as { id: string }).id) === i);
  // The racer logs items[4]'s key first, with other content: the log must keep the racer's.
  const mine = items[4]!.event as { id: string; at: string; type: string };
  const racer = { learnerId: record.id, event: { id: mine.id, at: mine.at, type: mine.type === 'concern.raised' ? 'activity' : 'concern.raised', category: 'wellbeing' }, actor: FEED };
  let raced = 0;
  const racing = new Proxy(all.store, {
    get(target, name, receiver) {
      if (name !== 'appendEvents') return Reflect.get(target, name, receiver) as unknown;
      return async (lines: Parameters<typeof target.appendEvents>[0]) => {
        // The racer's line lands first; its case save has not come yet.
        if (raced++ === 0) expect((await target.appendEvent((await one.store.findEvent(record.id, mine.id))!)).stored).toBe(true);
        return target.appendEvents(lines);
      };
    },
  });
  // One at a time, the racer's event comes first; then the batch, whose copy is a duplicate.
  const single = [await recordEvent(ctxOne, racer)];
  for (const item of items) single.push(await recordEvent(ctxOne, { learnerId: item.learnerId, event: item.event, actor: STAFF }));
  const batched = await recordBatch({ ...ctxAll, store: racing }, items, { actor: STAFF });
  expect(raced).toBe(1);
  expect(batched.results.map(statusOf)).toEqual(single.slice(1).map(statusOf));
  expect(batched.results[4]).toMatchObject({ status: 'duplicate', original: { actor: FEED } });
  const [a, b] = await Promise.all([snapshot(one, record.id), snapshot(all, record.id)]);
  expect(b.log).toEqual(a.log);
  expect(b.log).toHaveLength(single.filter((r) => r.status === 'stored').length);
  expect(b.case!.state).toEqual(a.case!.state);
  expect(b.case!.nextWakeUpAt).toEqual(a.case!.nextWakeUpAt);
});

test('a group of learners costs one read each of learners, keys, cases and who has a log, one insert, and a save per learner', async () => {
  const records = Array.from({ length: 5 }, (_, i) => learner(`group-${i}`, { policy: 'atl', startDate: '2026-09-01' }));
  await putEverywhere(records);
  const counted = countingStore(all.store);
  const items = records.flatMap((r, i) => history('atl', r.id, 4, 900 + i).filter((item) => !['session.teleported', 'stage.entered', 'decision'].includes((item.event as { type: string }).type)));
  const batched = await recordBatch({ ...caseContext(all), store: counted.store }, items, { actor: FEED, groupSize: 2 });
  expect(batched.saved).toHaveLength(5);
  // Groups of 2: 3 groups.
  expect(Object.fromEntries([...counted.calls].sort(([a], [b]) => a.localeCompare(b)))).toEqual({ appendEvents: 3, findEvents: 3, getLearners: 3, learnersWithEvents: 3, loadCases: 3, saveCase: 5 });
});
