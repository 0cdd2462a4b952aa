/**
 * ATL (seeds/004_713f31c5b7deb703.txt) progress against plan. 5.2 'At-Risk' rating: "Low:
 * Learner ahead/at target - no obvious risk", "Medium: Learner slightly behind target, and
 * showing early signs of challenge/risk", "High: Learner significantly at risk of becoming a
 * leaver"; 5.1.2 "a learner's behaviours and/or progress ... will identify them as being
 * 'at-risk'"; 5.1 "if an 'at-risk' learner returns to being consistently at or above their
 * expected progress markers, they will be removed from the 'at-risk' register".
 *
 * POLICIES.md decision (5.2, progress), as pack settings: planned - actual >= 10 points is
 * slightly behind (alert, at least Medium), >= 25 points significantly at risk (alert, High);
 * two readings in a row at or above plan recommend removal from the register (staff decide).
 *
 * Default learner: England apprentice starting Tue 1 Sep 2026.
 */
import { decide, progress } from '../events.js';
import { simulate, type LearnerFields } from '../scenario.js';

const SLIGHTLY = 'slightly behind target: progress 10 or more points behind plan';
const SIGNIFICANTLY = 'significantly at risk of becoming a leaver: progress 25 or more points behind plan';
const BACK = 'consistently at or above expected progress again';
const START_RATING = { at: '2026-09-01T00:00:00.000+01:00', kind: 'rating', from: null, to: 'low' };
const AT = '2026-10-01T00:00:00.000+01:00';

describe('atl 5.2 "Medium: Learner slightly behind target" (10 points behind plan)', () => {
  test('9 points behind: still Low, nothing', () => {
    expect(simulate('atl', [progress('2026-10-01', 31, 40)]).timeline).toEqual([START_RATING]);
  });

  test.each([
    ['10 points behind', 30, 40],
    ['11 points behind', 29, 40],
    ['10 points behind in binary floating point (32.3 planned, 22.3 actual)', 22.3, 32.3],
  ])('%s: alert, low -> medium, support plan (first risk)', (_, actual, planned) => {
    expect(simulate('atl', [progress('2026-10-01', actual, planned)]).timeline).toEqual([
      START_RATING,
      { at: AT, kind: 'alert', reasons: [SLIGHTLY] },
      { at: AT, kind: 'rating', from: 'low', to: 'medium' },
      { at: AT, kind: 'recommend', action: 'support-plan', reasons: [SLIGHTLY] },
    ]);
  });

  test.each([
    ['an England trainee', { programme: 'traineeship' }],
    ['a Wales apprentice', { nation: 'wales' }],
  ] as [string, LearnerFields][])('the same for %s', (_, learner) => {
    expect(simulate('atl', [progress('2026-10-01', 30, 40)], undefined, learner).of('rating').at(-1)).toEqual({
      at: AT,
      kind: 'rating',
      from: 'low',
      to: 'medium',
    });
  });

  test('readings that stay behind do not alert again; back within 10 points and behind again does', () => {
    const run = simulate('atl', [progress('2026-10-01', 30, 40), progress('2026-10-15', 38, 50), progress('2026-10-20', 51, 55), progress('2026-10-29', 50, 60)]);
    expect(run.of('alert').map((a) => [a.at.slice(0, 10), a.reasons])).toEqual([
      ['2026-10-01', [SLIGHTLY]],
      ['2026-10-29', [SLIGHTLY]],
    ]);
  });
});

describe('atl 5.2 "High: Learner significantly at risk of becoming a leaver" (25 points behind plan)', () => {
  test('24 points behind: Medium only', () => {
    const run = simulate('atl', [progress('2026-10-01', 16, 40)]);
    expect(run.of('alert')).toEqual([{ at: AT, kind: 'alert', reasons: [SLIGHTLY] }]);
    expect(run.case.rating).toBe('medium');
  });

  test.each([
    ['25 points behind', 15, 40],
    ['26 points behind', 14, 40],
  ])('%s at the first reading: one alert with both reasons, low -> high, support plan', (_, actual, planned) => {
    expect(simulate('atl', [progress('2026-10-01', actual, planned)]).timeline).toEqual([
      START_RATING,
      { at: AT, kind: 'alert', reasons: [SLIGHTLY, SIGNIFICANTLY] },
      { at: AT, kind: 'rating', from: 'low', to: 'high' },
      { at: AT, kind: 'recommend', action: 'support-plan', reasons: [SLIGHTLY] },
    ]);
  });

  test('already Medium, then 25 points behind: alert, medium -> high; 24 points behind would not', () => {
    const at = '2026-11-02T00:00:00.000+00:00';
    const to25 = simulate('atl', [progress('2026-10-01', 30, 40), progress('2026-11-02', 35, 60)]);
    expect(to25.timeline.filter((e) => e.at === at)).toEqual([
      { at, kind: 'alert', reasons: [SIGNIFICANTLY] },
      { at, kind: 'rating', from: 'medium', to: 'high' },
    ]);
    const to24 = simulate('atl', [progress('2026-10-01', 30, 40), progress('2026-11-02', 36, 60)]);
    expect(to24.timeline.filter((e) => e.at === at)).toEqual([]);
  });

  test('an apprentice far behind plan, with a progress record every month, is no longer left at Low with no alert', () => {
    // Monthly records keep the 42-day "no recorded progress" rule quiet; the gap grows 5, 15, 30 points.
    const run = simulate('atl', [progress('2026-10-01', 5, 10), progress('2026-11-01', 5, 20), progress('2026-12-01', 5, 35)], '2026-12-31');
    expect(run.of('alert').map((a) => [a.at.slice(0, 10), a.reasons])).toEqual([
      ['2026-11-01', [SLIGHTLY]],
      ['2026-12-01', [SIGNIFICANTLY]],
    ]);
    expect(run.of('rating').map((r) => r.to)).toEqual(['low', 'medium', 'high']);
    expect(run.case.atRisk).toBe(true);
  });
});

describe('atl 5.1 "returns to being consistently at or above their expected progress markers, they will be removed from the \'at-risk\' register"', () => {
  const behind = [progress('2026-10-01', 10, 40)];

  test('significantly behind, then at plan twice in a row: removal recommended; staff decide it: rating high -> low, off the register', () => {
    const onPlan = [...behind, progress('2026-11-02', 60, 60), progress('2026-12-01', 70, 70)];
    const recommended = simulate('atl', onPlan);
    expect(recommended.of('recommend').filter((r) => r.action === 'de-escalate')).toEqual([
      { at: '2026-12-01T00:00:00.000+00:00', kind: 'recommend', action: 'de-escalate', reasons: [BACK] },
    ]);
    expect(recommended.case.atRisk).toBe(true);

    const removed = simulate('atl', [...onPlan, decide('2026-12-02', 'de-escalate')]);
    expect(removed.of('rating').at(-1)).toEqual({ at: '2026-12-02T00:00:00.000+00:00', kind: 'rating', from: 'high', to: 'low' });
    expect(removed.case.atRisk).toBe(false);
  });

  test('at plan, then a reading just below plan: no removal recommended (the run is broken)', () => {
    const run = simulate('atl', [...behind, progress('2026-11-02', 60, 60), progress('2026-12-01', 69.5, 70)]);
    expect(run.of('recommend').filter((r) => r.action === 'de-escalate')).toEqual([]);
  });

  test('after removal, falling 10 points behind again is a first risk again: alert, Medium, support plan', () => {
    const run = simulate('atl', [
      ...behind,
      progress('2026-11-02', 60, 60),
      progress('2026-12-01', 70, 70),
      decide('2026-12-02', 'de-escalate'),
      progress('2027-01-04', 70, 80),
    ]);
    const at = '2027-01-04T00:00:00.000+00:00';
    expect(run.timeline.filter((e) => e.at === at)).toEqual([
      { at, kind: 'alert', reasons: [SLIGHTLY] },
      { at, kind: 'rating', from: 'low', to: 'medium' },
      { at, kind: 'recommend', action: 'support-plan', reasons: [SLIGHTLY] },
    ]);
  });
});
