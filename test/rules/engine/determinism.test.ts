/**
 * "Deterministic: the same input gives byte-identical output" and "Events may arrive
 * unsorted; the engine orders them by `at`, ties kept in input order. An optional `id` on
 * an event is an idempotency key: a repeated `id` is ignored." (shared/contracts/simulate.md)
 */
import { caseView } from '../../../src/rules/engine/case-view.js';
import { evaluate } from '../../../src/rules/engine/engine.js';
import { toOutput } from '../../../src/rules/engine/timeline.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../../../src/rules/packs/index.js';
import { DEFAULT_LEARNER, simulate, type EventJson } from '../scenario.js';

const EVENTS: EventJson[] = [
  { type: 'visit.cancelled', at: '2026-10-20', by: 'learner' },
  { type: 'session.missed', at: '2026-09-22' },
  { type: 'contact', at: '2026-09-23T10:30:00Z', channel: 'phone', outcome: 'no_answer' },
  { type: 'session.missed', at: '2026-09-08' },
  { type: 'progress', at: '2026-09-29', actual: 10, planned: 45 },
  { type: 'concern.raised', at: '2026-10-05', category: 'wellbeing' },
  { type: 'session.missed', at: '2026-09-15', notice: true },
  { type: 'visit.cancelled', at: '2026-11-02', by: 'employer' },
  { type: 'work.absence', at: '2026-10-06', explained: false },
  { type: 'submission.missed', at: '2026-10-07' },
  { type: 'activity', at: '2026-11-30' },
];

/** The whole `waymark simulate` document for one pack, as text. */
function output(packId: string, events: EventJson[], nation: 'england' | 'scotland' = 'england'): string {
  const pack = builtinPack(packId)!;
  const parsed = parseSimulationInput({ learner: { ...DEFAULT_LEARNER, nation }, events });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const result = evaluate(pack, parsed.value.learner, parsed.value.events, Date.UTC(2027, 2, 1));
  if (!result.ok) throw new Error(result.refusal.message);
  return JSON.stringify({
    policy: pack.id,
    learnerId: parsed.value.learner.id,
    timeline: result.timeline.map(toOutput),
    case: caseView(pack, parsed.value.learner, result.state),
    nextWakeUp: result.nextWakeUp,
  });
}

describe('the same input gives identical output', () => {
  test.each([...BUILTIN_PACK_IDS])('%s: two evaluations of the same input are JSON-identical', (packId) => {
    const first = output(packId, EVENTS);
    const second = output(packId, structuredClone(EVENTS));
    expect(second).toBe(first);
    expect(first.length).toBeGreaterThan(100);
  });

  test('a Scotland learner too (another bank-holiday calendar), and interleaved with other runs', () => {
    const first = output('mtt', EVENTS, 'scotland');
    output('makers', EVENTS);
    output('mtt', EVENTS);
    expect(output('mtt', EVENTS, 'scotland')).toBe(first);
  });

  test('the order the events arrive in does not matter when their instants differ', () => {
    const sorted = [...EVENTS].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    expect(output('mtt', sorted)).toBe(output('mtt', EVENTS));
  });
});

describe('ordering and idempotency', () => {
  test('events at the same instant keep their input order', () => {
    const a: EventJson = { type: 'stage.entered', at: '2026-10-01', stage: 'stage-1' };
    const b: EventJson = { type: 'stage.entered', at: '2026-10-01', stage: 'stage-2' };
    expect(simulate('makers', [b, a]).case.stage).toBe('stage-1');
    expect(simulate('makers', [a, b]).case.stage).toBe('stage-2');
  });

  test('an unsorted history is ordered by `at` before folding', () => {
    const run = simulate('makers', [
      { type: 'stage.entered', at: '2026-10-20', stage: 'stage-2' },
      { type: 'stage.entered', at: '2026-10-01', stage: 'stage-1' },
    ]);
    expect(run.of('stage').map((s) => [s.at, s.from, s.to])).toEqual([
      ['2026-10-01T00:00:00.000+01:00', null, 'stage-1'],
      ['2026-10-20T00:00:00.000+01:00', 'stage-1', 'stage-2'],
    ]);
  });

  test('a repeated `id` is ignored, even with other content', () => {
    const once = simulate('mtt', [
      { type: 'session.missed', at: '2026-09-08', id: 'm1' },
      { type: 'session.missed', at: '2026-09-15', id: 'm2' },
    ]);
    const repeated = simulate('mtt', [
      { type: 'session.missed', at: '2026-09-08', id: 'm1' },
      { type: 'session.missed', at: '2026-09-15', id: 'm2' },
      { type: 'session.missed', at: '2026-09-22', id: 'm2' },
    ]);
    expect(repeated.timeline).toEqual(once.timeline);
    expect(repeated.of('alert')).toEqual([]); // only two distinct misses: no "3 consecutive" alert
  });
});
