/**
 * MTT (seeds/003_55c6189255ef96d8.txt), "Stage 1 ... in response to: non-attendance to a
 * scheduled session without advance notice; no recorded progress within 42 days for
 * apprenticeships; 2 cancelled visits in 4 weeks for apprenticeships", the 'At-Risk' rating
 * (Low / Medium / High, Low at enrolment), "First risk identified" (support plan), and the
 * return to "consistently at or above their expected progress markers".
 *
 * POLICIES.md decisions: the 42-day and cancelled-visit circumstances recommend Stage 1 on
 * their own; a missed session without notice only for a learner already at risk.
 */
import { cancelled, concern, missed, progress } from '../events.js';
import { simulate, type EventJson } from '../scenario.js';

const NO_PROGRESS = 'no recorded progress within 42 days';
const CANCELLED = '2 cancelled visits in 4 weeks';
const MISSED = 'missed a scheduled session without advance notice while at risk';
const SUPPORT = 'showing signs of, or asking for, additional support';
const BEHIND = '30% behind planned progression';
const BACK = 'consistently at or above expected progress again';
const START_RATING = { at: '2026-09-01T00:00:00.000+01:00', kind: 'rating', from: null, to: 'low' };
/** "RecordMy ... alerts their skills coach, tutor and the IQA and Management team": every alert tells the Managers and IQAs. */
const MANAGERS_WHAT: Record<string, string> = {
  [NO_PROGRESS]: 'no recorded progress',
  [CANCELLED]: 'cancelled visits',
  [MISSED]: 'a scheduled session missed without advance notice while at risk',
};
const managers = (at: string, reason: string) => ({ at, kind: 'notify', role: 'managers', reason: `at-risk notification: ${MANAGERS_WHAT[reason]!}` });

/** A Stage 1 circumstance at first risk: alert, straight to high, a support plan (first risk), Stage 1 (the Directors approve). */
function stage1Circumstance(at: string, reason: string, agendaDate: string) {
  return [
    { at, kind: 'alert', reasons: [reason] },
    { at, kind: 'rating', from: 'low', to: 'high' },
    { at, kind: 'recommend', action: 'support-plan', reasons: [reason] },
    { at, kind: 'recommend', action: 'stage', stage: 'stage-1', approver: 'directors', reasons: [reason] },
    { at, kind: 'agenda', meeting: 'team-and-directors', date: agendaDate },
    managers(at, reason),
  ];
}

describe('mtt "No recorded progress within 42 days for apprenticeships" (decision: since the last progress or activity, or the start date)', () => {
  // Start Tue 1 Sep 2026 (day 0); day 42 = Tue 13 Oct 2026, still BST.
  test('day 41 (--until 2026-10-12): nothing yet', () => {
    expect(simulate('mtt', [], '2026-10-12').timeline).toEqual([START_RATING]);
  });

  test('day 42 (--until 2026-10-13): fires at exactly 00:00 London on 13 Oct, with no event that day', () => {
    // Agenda: 13 Oct + 10 calendar days = 23 Oct 2026.
    expect(simulate('mtt', [], '2026-10-13').timeline).toEqual([START_RATING, ...stage1Circumstance('2026-10-13T00:00:00.000+01:00', NO_PROGRESS, '2026-10-23')]);
  });

  test('day 43 and later: it has fired once only', () => {
    const run = simulate('mtt', [], '2026-11-30');
    expect(run.of('alert')).toEqual([{ at: '2026-10-13T00:00:00.000+01:00', kind: 'alert', reasons: [NO_PROGRESS] }]);
    expect(run.case.rating).toBe('high');
  });

  test('an activity resets the clock: activity at 14:30 BST on 20 Sep fires at 14:30 GMT on 1 Nov (42 wall-clock days, across the clock change)', () => {
    const events = [{ type: 'activity', at: '2026-09-20T14:30:00+01:00' }];
    expect(simulate('mtt', events, '2026-10-31').of('alert')).toEqual([]);
    expect(simulate('mtt', events, '2026-11-01').of('alert')).toEqual([{ at: '2026-11-01T14:30:00.000+00:00', kind: 'alert', reasons: [NO_PROGRESS] }]);
  });

  test('a progress reading resets the clock: progress on 15 Sep fires on 27 Oct 2026 (GMT), not on 13 Oct', () => {
    const run = simulate('mtt', [progress('2026-09-15', 10, 10)], '2026-10-27');
    expect(run.of('alert')).toEqual([{ at: '2026-10-27T00:00:00.000+00:00', kind: 'alert', reasons: [NO_PROGRESS] }]);
  });

  test('an activity at the very instant the timer is due (00:00 on day 42) is applied first: no alert', () => {
    const run = simulate('mtt', [{ type: 'activity', at: '2026-10-13' }], '2026-11-23');
    // The clock restarts at 13 Oct; 42 days later is 24 Nov.
    expect(run.timeline).toEqual([START_RATING]);
  });

  test('events that are not progress or activity do not reset it', () => {
    const run = simulate('mtt', [{ type: 'session.attended', at: '2026-10-01' }, { type: 'visit.attended', at: '2026-10-06' }], '2026-10-13');
    expect(run.of('alert')).toEqual([{ at: '2026-10-13T00:00:00.000+01:00', kind: 'alert', reasons: [NO_PROGRESS] }]);
  });

  test('not for traineeships: a trainee with no recorded progress for 6 months gets nothing', () => {
    const run = simulate('mtt', [], '2027-03-01', { programme: 'traineeship' });
    expect(run.timeline).toEqual([START_RATING]);
  });
});

describe('mtt "2 cancelled visits in 4 weeks for apprenticeships" (decision: 28 days, both ends; provider cancellations do not count)', () => {
  test('1 cancelled visit is nothing', () => {
    expect(simulate('mtt', [cancelled('2026-09-07', 'learner')]).timeline).toEqual([START_RATING]);
  });

  test('2 cancellations exactly 28 days apart (Mon 7 Sep and Mon 5 Oct 2026) recommend Stage 1', () => {
    const run = simulate('mtt', [cancelled('2026-09-07', 'learner'), cancelled('2026-10-05', 'employer')]);
    expect(run.timeline).toEqual([START_RATING, ...stage1Circumstance('2026-10-05T00:00:00.000+01:00', CANCELLED, '2026-10-15')]);
  });

  test('2 cancellations 29 days apart (7 Sep and 6 Oct 2026) do not', () => {
    expect(simulate('mtt', [cancelled('2026-09-07', 'learner'), cancelled('2026-10-06', 'learner')]).timeline).toEqual([START_RATING]);
  });

  test('a visit the provider cancelled does not count', () => {
    const run = simulate('mtt', [cancelled('2026-09-07', 'provider'), cancelled('2026-09-14', 'learner'), cancelled('2026-09-21', 'provider')]);
    expect(run.timeline).toEqual([START_RATING]);
  });

  test('a cancellation with no "by" counts (only the provider is excluded)', () => {
    expect(simulate('mtt', [cancelled('2026-09-07'), cancelled('2026-09-14')]).of('alert')).toEqual([
      { at: '2026-09-14T00:00:00.000+01:00', kind: 'alert', reasons: [CANCELLED] },
    ]);
  });

  test('a 3rd cancellation in the same 4 weeks gives nothing new', () => {
    const run = simulate('mtt', [cancelled('2026-09-07'), cancelled('2026-09-14'), cancelled('2026-09-21')]);
    expect(run.of('alert')).toHaveLength(1);
    expect(run.of('recommend').map((r) => [r.at, r.action])).toEqual([
      ['2026-09-14T00:00:00.000+01:00', 'support-plan'],
      ['2026-09-14T00:00:00.000+01:00', 'stage'],
    ]);
  });

  test('not for traineeships', () => {
    const run = simulate('mtt', [cancelled('2026-09-07'), cancelled('2026-09-14')], undefined, { programme: 'traineeship' });
    expect(run.timeline).toEqual([START_RATING]);
  });
});

describe('mtt "non-attendance to a scheduled session without advance notice" (decision: Stage 1 only when already at risk)', () => {
  test('a learner not at risk who misses one session without notice: nothing', () => {
    expect(simulate('mtt', [missed('2026-09-10', false)]).timeline).toEqual([START_RATING]);
  });

  test('a learner already at risk (rated medium) who misses a session without notice: alert, high, recommend Stage 1', () => {
    const at = '2026-09-10T00:00:00.000+01:00';
    const run = simulate('mtt', [concern('2026-09-03', 'support-request'), missed('2026-09-10', false)]);
    expect(run.timeline.filter((e) => e.at === at)).toEqual([
      { at, kind: 'alert', reasons: [MISSED] },
      { at, kind: 'rating', from: 'medium', to: 'high' },
      { at, kind: 'recommend', action: 'stage', stage: 'stage-1', approver: 'directors', reasons: [MISSED] },
      { at, kind: 'agenda', meeting: 'team-and-directors', date: '2026-09-20' },
      managers(at, MISSED),
    ]);
  });

  test('a learner at risk who misses a session with notice: nothing new', () => {
    const run = simulate('mtt', [concern('2026-09-03', 'support-request'), missed('2026-09-10', true)]);
    expect(run.timeline.filter((e) => e.at.startsWith('2026-09-10'))).toEqual([]);
  });

  test('the 4th consecutive miss without notice (at risk since the 3rd) recommends Stage 1; the 3rd did not', () => {
    const run = simulate('mtt', ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28'].map((d) => missed(d, false)));
    expect(run.of('recommend')).toEqual([
      { at: '2026-09-21T00:00:00.000+01:00', kind: 'recommend', action: 'support-plan', reasons: ['3 consecutive missed sessions'] },
      { at: '2026-09-28T00:00:00.000+01:00', kind: 'recommend', action: 'stage', stage: 'stage-1', approver: 'directors', reasons: [MISSED] },
    ]);
  });
});

describe('mtt \'At-Risk\' rating: "Low / Medium / High"; "all learners will be rated Low at enrolment"', () => {
  test('enrolment gives a rating entry from null to low at 00:00 on the start date', () => {
    expect(simulate('mtt', []).timeline).toEqual([START_RATING]);
    expect(simulate('mtt', [], undefined, { startDate: '2027-01-11' }).timeline).toEqual([
      { at: '2027-01-11T00:00:00.000+00:00', kind: 'rating', from: null, to: 'low' },
    ]);
  });

  test('low -> medium (30% behind) -> high (left employment); a further medium-level risk changes nothing', () => {
    const run = simulate('mtt', [
      progress('2026-09-10', 20, 50),
      { type: 'employment.ended', at: '2026-09-20' },
      concern('2026-09-25', 'travel'),
    ]);
    expect(run.of('rating')).toEqual([
      START_RATING,
      { at: '2026-09-10T00:00:00.000+01:00', kind: 'rating', from: 'low', to: 'medium' },
      { at: '2026-09-20T00:00:00.000+01:00', kind: 'rating', from: 'medium', to: 'high' },
    ]);
    expect(run.case.rating).toBe('high');
  });
});

describe('mtt "if an \'at-risk\' learner returns to being consistently at or above their expected progress markers, they will be removed"', () => {
  test('two on-target readings in a row while at risk recommend de-escalation; staff confirm it and the rating returns to low', () => {
    const run = simulate('mtt', [
      progress('2026-09-10', 10, 50), // 40 behind: at risk
      progress('2026-09-20', 20, 20), // on target (1)
      progress('2026-10-01', 35, 30), // above target (2)
      { type: 'decision', at: '2026-10-02', outcome: 'de-escalate' },
    ]);
    expect(run.of('recommend').filter((r) => r.action === 'de-escalate')).toEqual([
      { at: '2026-10-01T00:00:00.000+01:00', kind: 'recommend', action: 'de-escalate', reasons: [BACK] },
    ]);
    expect(run.of('rating').at(-1)).toEqual({ at: '2026-10-02T00:00:00.000+01:00', kind: 'rating', from: 'medium', to: 'low' });
    expect(run.case.atRisk).toBe(false);
  });

  test('one on-target reading is not "consistently"', () => {
    const run = simulate('mtt', [progress('2026-09-10', 10, 50), progress('2026-09-20', 20, 20)]);
    expect(run.of('recommend').filter((r) => r.action === 'de-escalate')).toEqual([]);
  });

  test('a reading below target between two on-target ones breaks the run', () => {
    const run = simulate('mtt', [progress('2026-09-10', 10, 50), progress('2026-09-17', 20, 20), progress('2026-09-24', 20, 25), progress('2026-10-01', 30, 30)]);
    expect(run.of('recommend').filter((r) => r.action === 'de-escalate')).toEqual([]);
  });

  test('a learner not at risk with on-target readings is not recommended for removal (nothing to remove)', () => {
    const run = simulate('mtt', [progress('2026-09-10', 10, 10), progress('2026-09-20', 20, 20)]);
    expect(run.timeline).toEqual([START_RATING]);
  });

  test('on-target readings from before the learner was at risk do not stop a later return to target being noticed', () => {
    const run = simulate('mtt', [
      progress('2026-09-05', 10, 10),
      progress('2026-09-10', 15, 15), // two on target while not at risk
      concern('2026-09-15', 'support-request'), // at risk
      progress('2026-09-22', 20, 20),
      progress('2026-10-01', 30, 30), // two on target in a row while at risk
    ]);
    expect(run.of('recommend').filter((r) => r.action === 'de-escalate')).toEqual([
      { at: '2026-10-01T00:00:00.000+01:00', kind: 'recommend', action: 'de-escalate', reasons: [BACK] },
    ]);
  });
});

describe('mtt "First risk identified: as learners are rated medium or high risk a support plan and engagement plan must be considered"', () => {
  // The pack's own decision: "a support-plan recommendation accompanies the first risk".
  test.each([
    ['a support request', [concern('2026-09-10', 'support-request')], '2026-09-10', SUPPORT],
    ['30% behind', [progress('2026-09-10', 20, 50)], '2026-09-10', BEHIND],
    ['left employment (straight to high)', [{ type: 'employment.ended', at: '2026-09-10' }], '2026-09-10', 'left their employment'],
    ['2 cancelled visits in 4 weeks (straight to high)', [cancelled('2026-09-03'), cancelled('2026-09-10')], '2026-09-10', CANCELLED],
    [
      'a safeguarding referral',
      [concern('2026-09-10', 'safeguarding')],
      '2026-09-10',
      'a confidential concern was recorded (details go to the safeguarding team only)',
    ],
  ] as [string, EventJson[], string, string][])('first risk by %s recommends a support plan', (_, events, day, reason) => {
    const run = simulate('mtt', events);
    expect(run.of('recommend')).toContainEqual({ at: `${day}T00:00:00.000+01:00`, kind: 'recommend', action: 'support-plan', reasons: [reason] });
  });

  test('first risk by no recorded progress within 42 days (straight to high) recommends a support plan', () => {
    expect(simulate('mtt', [], '2026-10-13').of('recommend')).toContainEqual({
      at: '2026-10-13T00:00:00.000+01:00',
      kind: 'recommend',
      action: 'support-plan',
      reasons: [NO_PROGRESS],
    });
  });
});
