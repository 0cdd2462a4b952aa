/**
 * Trigger kinds over small custom packs: counts within a window ("a count within a window
 * includes both ends", shared/contracts/simulate.md), consecutive runs broken by a
 * resetting event, and the progress gap in points or as a ratio of plan
 * (POLICIES.md mtt: `planned - actual >= 30` or `actual <= 0.7 x planned`).
 */
import { londonDay, londonMidnight } from '../../../src/rules/calendar/index.js';
import { evaluate } from '../../../src/rules/engine/engine.js';
import { toOutput } from '../../../src/rules/engine/timeline.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import { parsePack } from '../../../src/rules/pack/parse-pack.js';
import type { Pack } from '../../../src/rules/pack/pack-schema.js';
import { cancelled, missed, progress } from '../events.js';
import { DEFAULT_LEARNER, type EventJson } from '../scenario.js';

function packWith(trigger: Record<string, unknown>): Pack {
  const parsed = parsePack({
    id: 'custom',
    version: '1.0.0',
    name: 'Custom',
    provider: 'Test',
    source: 'test',
    roles: [{ id: 'coach', name: 'Coach' }],
    triggers: [{ id: 'rule', description: 'the rule fired', source: 'test', effects: [{ do: 'alert' }], ...trigger }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** The alert instants (London ISO) the pack gives for these events, run to the end of the last event's day. */
function alerts(pack: Pack, events: EventJson[]): string[] {
  const parsed = parseSimulationInput({ learner: DEFAULT_LEARNER, events });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const last = Math.max(...parsed.value.events.map((e) => e.at));
  const result = evaluate(pack, parsed.value.learner, parsed.value.events, londonMidnight(londonDay(last) + 1) - 1);
  if (!result.ok) throw new Error(result.refusal.message);
  return result.timeline.filter((e) => e.kind === 'alert').map((e) => toOutput(e).at);
}

const attended = (at: string): EventJson => ({ type: 'session.attended', at });

describe('count within a window of days: both ends included', () => {
  const twoIn28 = packWith({ kind: 'count', match: [{ type: 'visit.cancelled' }], count: 2, within: { days: 28 } });

  test('the second match exactly 28 days after the first counts (both ends of the window)', () => {
    expect(alerts(twoIn28, [cancelled('2026-09-01', 'learner'), cancelled('2026-09-29', 'learner')])).toEqual(['2026-09-29T00:00:00.000+01:00']);
  });

  test('one millisecond past 28 days does not', () => {
    expect(alerts(twoIn28, [cancelled('2026-09-01', 'learner'), cancelled('2026-09-29T00:00:00.001+01:00', 'learner')])).toEqual([]);
  });

  test('28 days across the October clock change are 28 London calendar days (673 real hours)', () => {
    expect(alerts(twoIn28, [cancelled('2026-10-10', 'learner'), cancelled('2026-11-07', 'learner')])).toEqual(['2026-11-07T00:00:00.000+00:00']);
  });

  test('a third match inside the same window does not alert again; a new pair after the window does', () => {
    const events = [cancelled('2026-09-01', 'learner'), cancelled('2026-09-10', 'learner'), cancelled('2026-09-20', 'learner'), cancelled('2026-12-01', 'learner'), cancelled('2026-12-15', 'learner')];
    expect(alerts(twoIn28, events)).toEqual(['2026-09-10T00:00:00.000+01:00', '2026-12-15T00:00:00.000+00:00']);
  });

  test('only matching events count', () => {
    const byProvider = packWith({ kind: 'count', match: [{ type: 'visit.cancelled', notBy: ['provider'] }], count: 2, within: { days: 28 } });
    const events: EventJson[] = [cancelled('2026-09-01', 'learner'), { type: 'visit.cancelled', at: '2026-09-08', by: 'provider' }];
    expect(alerts(byProvider, events)).toEqual([]);
    expect(alerts(byProvider, [...events, { type: 'visit.cancelled', at: '2026-09-15' }])).toEqual(['2026-09-15T00:00:00.000+01:00']);
  });
});

describe('consecutive runs', () => {
  const threeInARow = packWith({ kind: 'consecutive', match: [{ type: 'session.missed' }], resetBy: [{ type: 'session.attended' }], count: 3 });

  test('three misses in a row alert on the third', () => {
    expect(alerts(threeInARow, [missed('2026-09-08'), missed('2026-09-15'), missed('2026-09-22')])).toEqual(['2026-09-22T00:00:00.000+01:00']);
  });

  test('an attended session breaks the run; the count starts again', () => {
    const events = [missed('2026-09-08'), missed('2026-09-15'), attended('2026-09-22'), missed('2026-09-29'), missed('2026-10-06')];
    expect(alerts(threeInARow, events)).toEqual([]);
    expect(alerts(threeInARow, [...events, missed('2026-10-13')])).toEqual(['2026-10-13T00:00:00.000+01:00']);
  });

  test('events that neither match nor reset leave the run alone', () => {
    const events: EventJson[] = [missed('2026-09-08'), { type: 'submission.made', at: '2026-09-09' }, { type: 'activity', at: '2026-09-10' }, missed('2026-09-15'), missed('2026-09-22')];
    expect(alerts(threeInARow, events)).toEqual(['2026-09-22T00:00:00.000+01:00']);
  });

  test('a fourth miss in the same run does not alert again; a new run of three after a reset does', () => {
    const events = [missed('2026-09-08'), missed('2026-09-15'), missed('2026-09-22'), missed('2026-09-29'), attended('2026-10-06'), missed('2026-10-13'), missed('2026-10-20'), missed('2026-10-27')];
    expect(alerts(threeInARow, events)).toEqual(['2026-09-22T00:00:00.000+01:00', '2026-10-27T00:00:00.000+00:00']);
  });
});

describe('progress gap as a ratio: behind when actual <= 0.7 x planned', () => {
  const ratio = packWith({ kind: 'progress-gap', measure: 'ratio', ratio: 0.7 });

  test('exactly 70% of plan is behind (35 of 50)', () => {
    expect(alerts(ratio, [progress('2026-10-01', 35, 50)])).toEqual(['2026-10-01T00:00:00.000+01:00']);
  });

  test('exactly 70% of plan is behind (63 of 90, where 0.7 x 90 is 62.99999999999999 in floating point)', () => {
    expect(alerts(ratio, [progress('2026-10-01', 63, 90)])).toEqual(['2026-10-01T00:00:00.000+01:00']);
  });

  test('just above 70% is not (36 of 50)', () => {
    expect(alerts(ratio, [progress('2026-10-01', 36, 50)])).toEqual([]);
  });

  test('planned 0 is never behind, even with actual 0', () => {
    expect(alerts(ratio, [progress('2026-10-01', 0, 0)])).toEqual([]);
  });

  test('alerts when it first falls behind, not again while behind, and again after catching up', () => {
    const events = [progress('2026-10-01', 30, 50), progress('2026-10-08', 20, 60), progress('2026-10-15', 50, 60), progress('2026-10-22', 40, 70)];
    expect(alerts(ratio, events)).toEqual(['2026-10-01T00:00:00.000+01:00', '2026-10-22T00:00:00.000+01:00']);
  });
});

describe('progress gap in points: behind when planned - actual >= points', () => {
  const points = packWith({ kind: 'progress-gap', measure: 'points', points: 30 });

  test.each([
    [40, 10, true],
    [40, 11, false],
    [100, 0, true],
    [0, 0, false],
    [32.3, 2.3, true], // 30 points; 32.3 - 2.3 is 29.999999999999996 in floating point
  ])('planned %d, actual %d: behind = %s', (planned, actual, behind) => {
    expect(alerts(points, [progress('2026-10-01', actual, planned)])).toEqual(behind ? ['2026-10-01T00:00:00.000+01:00'] : []);
  });
});
