/**
 * Backtesting a candidate pack for one learner: what would differ between the pack in
 * force and the candidate over the same logged history, and nothing when nothing would.
 */
import { readFileSync } from 'node:fs';
import { londonMidnight, parseDay } from '../../../src/rules/calendar/index.js';
import { backtestLearner, compareOutcomes, countByPart } from '../../../src/rules/backtest/difference.js';
import { outcomeOf, type LearnerOutcome } from '../../../src/rules/backtest/outcome.js';
import { inTimeOrder } from '../../../src/rules/engine/engine.js';
import { foldLog } from '../../../src/rules/engine/fold-log.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import { extendPack } from '../../../src/rules/pack/extend-pack.js';
import { parsePack } from '../../../src/rules/pack/parse-pack.js';
import type { Pack } from '../../../src/rules/pack/pack-schema.js';
import { BUILTIN_PACK_IDS, builtinPack, builtinPackSource } from '../../../src/rules/packs/index.js';
import { DEFAULT_LEARNER, type EventJson } from '../scenario.js';

const mtt = builtinPack('mtt')!;

/** A pack extending mtt (as a provider's file would), parsed. */
function extendMtt(json: Record<string, unknown>): Pack {
  const merged = extendPack({ extends: 'mtt', version: '1.0.0', ...json }, builtinPackSource('mtt') as Record<string, unknown>, 'mtt');
  if (!merged.ok) throw new Error(JSON.stringify(merged.issues));
  const pack = parsePack(merged.value);
  if (!pack.ok) throw new Error(JSON.stringify(pack.issues));
  return pack.value;
}

const acme = extendMtt(JSON.parse(readFileSync(new URL('../../../examples/acme-mtt-two-misses.json', import.meta.url), 'utf8')) as Record<string, unknown>);

/** A learner's input as `waymark policy backtest --input` replays it: logged by index, to the end of the last event's day. */
function replayable(events: EventJson[]) {
  const input = parseSimulationInput({ learner: DEFAULT_LEARNER, events });
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const { learner, events: parsed } = input.value;
  const log = inTimeOrder(parsed).map((i) => ({ key: `events[${i}]`, event: parsed[i]! }));
  return { learner, log, now: londonMidnight(parseDay(events.at(-1)!.at.slice(0, 10))! + 1) - 1 };
}

function backtest(candidate: Pack, against: Pack, events: EventJson[]) {
  const { learner, log, now } = replayable(events);
  return backtestLearner(candidate, against, learner, log, now);
}

/** Weekly sessions on Tuesdays from 8 Sep 2026: 'A' attended, 'M' missed, 'N' missed with notice; activity the day before the first. */
function sessions(pattern: string): EventJson[] {
  const first = parseDay('2026-09-08')!;
  const day = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  return [
    { type: 'activity', at: '2026-09-07' },
    ...[...pattern].map((c, i): EventJson => {
      const at = day(first + 7 * i);
      return c === 'A' ? { type: 'session.attended', at } : { type: 'session.missed', at, notice: c === 'N' };
    }),
  ];
}

describe('acme-mtt (2 consecutive missed sessions) against mtt (3)', () => {
  test('a learner who missed 0 or 1 sessions, or 3 or 4 in a row with the later ones notified, would see no change', () => {
    for (const pattern of ['AAAAA', 'AMAAA', 'AMAMA', 'AMMNA', 'AMMNN']) expect([pattern, backtest(acme, mtt, sessions(pattern))]).toEqual([pattern, null]);
  });

  test('a learner who missed exactly 2 in a row would be put at risk, alerted, rated medium and recommended a support plan', () => {
    expect(backtest(acme, mtt, sessions('AMMAA'))).toEqual({
      learnerId: 'L1',
      atRisk: { against: false, candidate: true },
      rating: { against: 'low', candidate: 'medium' },
      ratingChanges: { against: ['low'], candidate: ['low', 'medium'] },
      alerts: { onlyAgainst: [], onlyCandidate: ['2 consecutive missed sessions'] },
      recommendations: { onlyAgainst: [], onlyCandidate: ['support-plan'] },
    });
  });

  test('3 in a row without notice: both alert for the run, but under the candidate the third is a miss while at risk', () => {
    // The run alerts under both packs (a week earlier under the candidate: timing is not compared);
    // what differs is mtt's own "missed a session without notice while at risk" rule, which the third miss now meets.
    expect(backtest(acme, mtt, sessions('AMMMA'))).toEqual({
      learnerId: 'L1',
      rating: { against: 'medium', candidate: 'high' },
      ratingChanges: { against: ['low', 'medium'], candidate: ['low', 'medium', 'high'] },
      alerts: { onlyAgainst: [], onlyCandidate: ['missed a scheduled session without advance notice while at risk'] },
      recommendations: { onlyAgainst: [], onlyCandidate: ['stage stage-1'] },
    });
  });

  test('alerts are counted: two runs of 2 alert twice under the candidate, never under mtt', () => {
    // Each miss of the second run is also a miss while at risk (the first run put the learner at risk).
    const difference = backtest(acme, mtt, sessions('MMAMM'));
    const twice = ['2 consecutive missed sessions', 'missed a scheduled session without advance notice while at risk'];
    expect(difference?.alerts).toEqual({ onlyAgainst: [], onlyCandidate: [...twice, ...twice] });
  });
});

describe('what is compared', () => {
  const stageOne: EventJson[] = [...sessions('AMMN'), { type: 'stage.entered', at: '2026-09-30', stage: 'stage-1' }, { type: 'session.attended', at: '2026-10-06' }];

  test('a task due sooner: the due dates differ', () => {
    const sooner = extendMtt({ id: 'sooner', change: { tasks: { 'stage-1-welfare-checks': { due: { workingDays: 3 } } } } });
    expect(backtest(sooner, mtt, stageOne)).toEqual({
      learnerId: 'L1',
      tasks: { onlyAgainst: ['stage-1-welfare-checks (coach) due 2026-10-07'], onlyCandidate: ['stage-1-welfare-checks (coach) due 2026-10-05'] },
    });
  });

  test('a stage step the candidate forbids: refused (by log key), so the stage and its task are gone', () => {
    const strict = extendMtt({
      id: 'strict',
      change: { stages: { 'stage-1': { entry: { requires: [{ contactRule: 'welfare-check', explain: 'Stage 1 needs 2 welfare-check attempts first' }] } } } },
    });
    const difference = backtest(strict, mtt, stageOne);
    expect(difference).toEqual({
      learnerId: 'L1',
      stages: { against: ['stage-1'], candidate: [] },
      refused: { onlyAgainst: [], onlyCandidate: [expect.stringMatching(/^events\[5\]: cannot enter stage-1: Stage 1 needs 2 welfare-check attempts first/)] },
      tasks: { onlyAgainst: ['stage-1-welfare-checks (coach) due 2026-10-07'], onlyCandidate: [] },
    });
    // And the other way round: the step refused under the pack in force only.
    expect(backtest(mtt, strict, stageOne)?.refused?.onlyAgainst).toEqual([expect.stringMatching(/^events\[5\]: /)]);
  });

  test('an alert is known by its rule: rewording a description changes no outcome', () => {
    const reworded = extendMtt({ id: 'reworded', change: { triggers: { 'three-consecutive-missed-sessions': { description: '3 missed sessions in a row' } } } });
    const { learner, log, now } = replayable(sessions('AMMNA'));
    const alerts = (pack: Pack) => outcomeOf(foldLog(pack, learner, log, now)).alerts;
    expect(alerts(mtt)).toEqual([{ key: 'rule three-consecutive-missed-sessions', label: '3 consecutive missed sessions' }]);
    expect(alerts(reworded)).toEqual([{ key: 'rule three-consecutive-missed-sessions', label: '3 missed sessions in a row' }]);
    expect(backtest(reworded, mtt, sessions('AMMNA'))).toBeNull();
  });

  test('the same pack on both sides never differs', () => {
    const busy: EventJson[] = [
      ...sessions('MMMAMMNAM'),
      { type: 'concern.raised', at: '2026-09-09', category: 'wellbeing' },
      { type: 'progress', at: '2026-09-30', actual: 10, planned: 45 },
      { type: 'visit.cancelled', at: '2026-10-01', by: 'learner' },
      { type: 'visit.cancelled', at: '2026-10-02', by: 'employer' },
      { type: 'stage.entered', at: '2026-10-05', stage: 'stage-1' },
      { type: 'submission.missed', at: '2026-10-06' },
    ];
    for (const id of BUILTIN_PACK_IDS) expect([id, backtest(builtinPack(id)!, builtinPack(id)!, busy)]).toEqual([id, null]);
  });
});

describe('compareOutcomes', () => {
  const base: LearnerOutcome = {
    atRisk: true,
    rating: 'high',
    ratingChanges: ['low', 'high'],
    alerts: [
      { key: 'rule a', label: 'A' },
      { key: 'rule a', label: 'A' },
      { key: 'reason b', label: 'B' },
    ],
    recommendations: [{ key: 'support-plan', label: 'support-plan' }],
    stages: ['stage-1'],
    refused: [],
    tasks: [{ key: 't coach 2026-10-01', label: 't (coach) due 2026-10-01' }],
  };

  test('lists only the parts that differ, in a fixed order; items as a multiset by key', () => {
    expect(compareOutcomes('X', base, { ...base })).toBeNull();
    const other: LearnerOutcome = { ...base, atRisk: false, alerts: [{ key: 'rule a', label: 'A (reworded)' }, { key: 'reason c', label: 'C' }], stages: ['stage-1', 'stage-2'] };
    const difference = compareOutcomes('X', base, other);
    expect(difference).toEqual({
      learnerId: 'X',
      atRisk: { against: true, candidate: false },
      alerts: { onlyAgainst: ['A', 'B'], onlyCandidate: ['C'] },
      stages: { against: ['stage-1'], candidate: ['stage-1', 'stage-2'] },
    });
    expect(Object.keys(difference!)).toEqual(['learnerId', 'atRisk', 'alerts', 'stages']);
    expect(countByPart([difference!, difference!])).toEqual({ atRisk: 2, rating: 0, ratingChanges: 0, alerts: 2, recommendations: 0, stages: 2, refused: 0, tasks: 0 });
  });
});
