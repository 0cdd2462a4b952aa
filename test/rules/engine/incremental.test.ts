/**
 * The engine folds a learner's history incrementally (the store keeps the case state and
 * hands it back with the new events). Folding in chunks must give exactly what evaluating
 * the whole history at once gives, without changing the stored state it was handed.
 */
import { addLondonDays, londonMidnight, parseDay, type Instant } from '../../../src/rules/calendar/index.js';
import type { CaseState } from '../../../src/rules/engine/case-state.js';
import { evaluate, foldEvents, startCase } from '../../../src/rules/engine/engine.js';
import type { TimelineEntry } from '../../../src/rules/engine/timeline.js';
import type { Learner, LearnerEvent } from '../../../src/rules/events/learner-event.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import type { Pack } from '../../../src/rules/pack/pack-schema.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { DEFAULT_LEARNER, type EventJson } from '../scenario.js';

function input(events: EventJson[]): { learner: Learner; events: LearnerEvent[] } {
  const parsed = parseSimulationInput({ learner: DEFAULT_LEARNER, events });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const pack = (id: string): Pack => builtinPack(id)!;

/** Folds `chunks` one after another, `now` = each chunk's last event (or `finalNow` for a last, empty chunk). */
function foldInChunks(p: Pack, learner: Learner, chunks: LearnerEvent[][], finalNow?: Instant) {
  const start = startCase(p, learner);
  let state: CaseState = start.state;
  const timeline: TimelineEntry[] = [...start.timeline];
  const all = finalNow === undefined ? chunks : [...chunks, []];
  for (const chunk of all) {
    const now = chunk.length > 0 ? chunk[chunk.length - 1]!.at : finalNow!;
    const before = structuredClone(state);
    const result = foldEvents(p, learner, state, chunk, now);
    if (!result.ok) throw new Error(result.refusal.message);
    expect(state).toEqual(before); // the stored state handed in is not mutated
    state = result.state;
    timeline.push(...result.timeline);
  }
  return { state, timeline };
}

function split<T>(list: T[], sizes: number[]): T[][] {
  const out: T[][] = [];
  let i = 0;
  for (const n of sizes) out.push(list.slice(i, (i += n)));
  if (i < list.length) out.push(list.slice(i));
  return out;
}

const MTT: EventJson[] = [
  { type: 'session.missed', at: '2026-09-08' },
  { type: 'session.missed', at: '2026-09-15', notice: true },
  { type: 'session.missed', at: '2026-09-22' },
  { type: 'contact', at: '2026-09-23T10:30:00Z', channel: 'phone', outcome: 'no_answer' },
  { type: 'progress', at: '2026-09-29', actual: 10, planned: 45 },
  { type: 'stage.entered', at: '2026-10-01', stage: 'stage-1' },
  { type: 'contact', at: '2026-10-02T09:00:00+01:00', channel: 'phone', outcome: 'no_answer' },
  { type: 'visit.cancelled', at: '2026-10-20', by: 'learner' },
  // the 5-working-day stage-1 follow-up and the 42-day no-progress timer fire between these
  { type: 'visit.cancelled', at: '2026-11-12', by: 'employer' },
  { type: 'stage.entered', at: '2026-11-13', stage: 'stage-2' },
  { type: 'plan.agreed', at: '2026-11-20', kind: 'support' },
];

const MAKERS: EventJson[] = [
  { type: 'progress', at: '2026-10-01', actual: 30, planned: 45 },
  { type: 'concern.raised', at: '2026-10-05', category: 'financial' },
  { type: 'stage.entered', at: '2026-12-01', stage: 'stage-3' },
  { type: 'review.held', at: '2026-12-09', stage: 'stage-3' },
  // both stage-3 tasks fall overdue as 16 January 2027 begins
  { type: 'decision', at: '2027-01-20', outcome: 'escalate', stage: 'stage-3' },
  { type: 'stage.entered', at: '2027-01-21', stage: 'stage-4' },
  { type: 'decision', at: '2027-02-10', outcome: 'escalate', stage: 'stage-4' },
  { type: 'stage.entered', at: '2027-02-11', stage: 'stage-5' },
  { type: 'decision', at: '2027-03-01', outcome: 'terminate', stage: 'stage-5' },
  { type: 'appeal.lodged', at: '2027-03-05', by: 'employer' },
];

describe.each([
  ['mtt', MTT],
  ['makers', MAKERS],
] as const)('%s: incremental folding equals evaluating the whole history', (packId, json) => {
  const { learner, events } = input([...json]);
  const last = events[events.length - 1]!.at;
  const batch = evaluate(pack(packId), learner, events, last);
  if (!batch.ok) throw new Error(batch.refusal.message);

  test('the scenario is not trivial: timers fire between events', () => {
    expect(batch.timeline.length).toBeGreaterThan(10);
    expect(batch.timeline.some((e) => e.kind === 'overdue' || e.kind === 'recommend')).toBe(true);
  });

  test.each([
    ['one chunk', [events.length]],
    ['one event at a time', events.map(() => 1)],
    ['chunks of 3, 1 and the rest', [3, 1]],
    ['chunks of 5 and the rest', [5]],
  ])('%s: same final state and same timeline', (_, sizes) => {
    const folded = foldInChunks(pack(packId), learner, split(events, sizes));
    expect(folded.state).toEqual(batch.state);
    expect(folded.timeline).toEqual(batch.timeline);
  });

  test('running the timers on to a later `now` in a last, empty fold equals evaluating up to that `now`', () => {
    const later = addLondonDays(last, 120);
    const whole = evaluate(pack(packId), learner, events, later);
    if (!whole.ok) throw new Error(whole.refusal.message);
    const folded = foldInChunks(pack(packId), learner, split(events, [2, 2, 2]), later);
    expect(folded.state).toEqual(whole.state);
    expect(folded.timeline).toEqual(whole.timeline);
    expect(whole.state.clock).toBe(later);
  });
});

describe('foldEvents refuses events older than the case state', () => {
  const p = pack('mtt');
  const { learner, events } = input([
    { type: 'session.missed', at: '2026-09-08' },
    { type: 'session.missed', at: '2026-09-15' },
    { type: 'session.missed', at: '2026-09-10' },
  ]);

  test('an event older than the last folded event: refusal "out-of-order", nothing folded', () => {
    const first = foldEvents(p, learner, startCase(p, learner).state, [events[0]!, events[1]!], events[1]!.at);
    if (!first.ok) throw new Error(first.refusal.message);
    const late = foldEvents(p, learner, first.state, [events[2]!], events[2]!.at);
    expect(late).toEqual({
      ok: false,
      index: 0,
      refusal: { code: 'out-of-order', message: 'the event is older than the case state; rebuild the case from its events' },
    });
  });

  test('within one chunk, the index names the out-of-order event', () => {
    const result = foldEvents(p, learner, startCase(p, learner).state, [events[0]!, events[1]!, events[2]!], events[1]!.at);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([result.index, result.refusal.code]).toEqual([2, 'out-of-order']);
  });

  test('an event older than the instant timers already ran to is refused too (else the 42-day alert already sent would stand)', () => {
    const start = londonMidnight(parseDay('2026-09-01')!);
    const woken = foldEvents(p, learner, startCase(p, learner).state, [], addLondonDays(start, 50));
    if (!woken.ok) throw new Error(woken.refusal.message);
    expect(woken.timeline.map((e) => e.kind)).toContain('alert'); // no progress within 42 days
    const progress = input([{ type: 'progress', at: '2026-10-01', actual: 20, planned: 20 }]).events;
    const late = foldEvents(p, learner, woken.state, progress, progress[0]!.at);
    expect(late.ok ? 'accepted' : late.refusal.code).toBe('out-of-order');
  });
});
