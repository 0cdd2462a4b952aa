/**
 * MTT (seeds/003_55c6189255ef96d8.txt): the stage order ("If a learner does not respond to
 * the Stage 1 notification ... Stage 2"; "does not respond to the stage 2 notification ...
 * Stage 3"), "In the case of an apprenticeship learner, agreement must be sought from the
 * employer to remove the learner from the programme", "learners that MTT fail to retain are
 * reviewed every 8 weeks in a leaver panel" (pack setting: first sitting Mon 5 Jan 2026,
 * 10:00, so 12 Oct and 7 Dec 2026 are sittings), and the simulate contract's input rules
 * (repeated ids ignored, unsorted input ordered by `at`, deterministic output).
 */
import { decide, enter, refusal } from '../events.js';
import { simulate, type EventJson } from '../scenario.js';

const TO_STAGE_3 = [enter('2026-09-01', 'stage-1'), enter('2026-09-10', 'stage-2'), enter('2026-09-28', 'stage-3')];

describe('mtt "agreement must be sought from the employer to remove the learner" (apprentices only)', () => {
  test('withdrawing an apprentice at Stage 3 without the employer\'s agreement is refused', () => {
    expect(refusal('mtt', [...TO_STAGE_3, decide('2026-10-05', 'withdraw', 'stage-3')])).toBe(
      'events[3]: cannot decide "withdraw": an apprentice\'s removal needs the employer\'s agreement (record the decision employer-agreed first)',
    );
  });

  test('after employer-agreed, the withdrawal is accepted and goes on the next leaver panel (Mon 7 Dec 2026)', () => {
    const run = simulate('mtt', [...TO_STAGE_3, decide('2026-10-20', 'employer-agreed', 'stage-3'), decide('2026-11-02', 'withdraw', 'stage-3')], undefined, {
      startDate: '2026-09-01',
    });
    // Sittings every 56 days from Mon 5 Jan 2026: ... 17 Aug, 12 Oct, 7 Dec 2026.
    expect(run.of('agenda')).toContainEqual({ at: '2026-11-02T00:00:00.000+00:00', kind: 'agenda', meeting: 'leaver-panel', date: '2026-12-07' });
    expect(run.case.status).toBe('withdrawn');
    expect(run.case.atRisk).toBe(false);
  });

  test.each([
    ['09:59 on the panel day (Mon 12 Oct 2026), before it sits at 10:00', '2026-10-12T09:59:00+01:00', '2026-10-12'],
    ['10:01 on the panel day, after it sat', '2026-10-12T10:01:00+01:00', '2026-12-07'],
  ])('a withdrawal at %s (%s) goes on the panel of %s', (_, at, date) => {
    const run = simulate('mtt', [...TO_STAGE_3, decide('2026-10-05', 'employer-agreed'), decide(at, 'withdraw')]);
    expect(run.of('agenda').filter((a) => a.meeting === 'leaver-panel')).toEqual([
      { at: at.replace(':00+01:00', ':00.000+01:00'), kind: 'agenda', meeting: 'leaver-panel', date },
    ]);
  });

  test('a trainee can be withdrawn at Stage 3 with no employer agreement', () => {
    const run = simulate('mtt', [...TO_STAGE_3, decide('2026-10-05', 'withdraw', 'stage-3')], undefined, { programme: 'traineeship' });
    expect(run.of('agenda')).toEqual([{ at: '2026-10-05T00:00:00.000+01:00', kind: 'agenda', meeting: 'leaver-panel', date: '2026-10-12' }]);
    expect(run.case.status).toBe('withdrawn');
  });

  test('nothing further is accepted after a withdrawal', () => {
    const events = [...TO_STAGE_3, decide('2026-10-05', 'withdraw'), enter('2026-10-06', 'stage-1')];
    expect(refusal('mtt', events, undefined, { programme: 'traineeship' })).toBe('events[4]: the learner was withdrawn under mtt; no further stages or decisions apply');
  });
});

describe('mtt forbidden transitions (the stages follow each other; a decision must fit the current stage)', () => {
  test.each([
    ['Stage 2 without Stage 1', [enter('2026-09-10', 'stage-2')], 'events[0]: cannot enter stage-2 from no stage: under mtt, Stage 2 follows stage-1'],
    [
      'Stage 3 without Stage 2',
      [enter('2026-09-10', 'stage-3')],
      'events[0]: cannot enter stage-3 from no stage: under mtt, Stage 3 (Notification of Withdrawal) follows stage-2',
    ],
    [
      'Stage 3 straight from Stage 1',
      [enter('2026-09-01', 'stage-1'), enter('2026-09-10', 'stage-3')],
      'events[1]: cannot enter stage-3 from stage-1: under mtt, Stage 3 (Notification of Withdrawal) follows stage-2',
    ],
    ['an unknown stage id', [enter('2026-09-10', 'stage-4')], 'events[0]: stage "stage-4" is not a stage of mtt (its stages: stage-1, stage-2, stage-3)'],
    [
      'an outcome not allowed at the current stage (withdraw at Stage 1)',
      [enter('2026-09-01', 'stage-1'), decide('2026-09-10', 'withdraw')],
      'events[1]: "withdraw" is not an outcome of stage-1 under mtt (allowed: support-contract, de-escalate, break-in-learning, employer-agreed)',
    ],
    [
      'a decision naming a stage the learner is not at',
      [enter('2026-09-01', 'stage-1'), decide('2026-09-10', 'support-contract', 'stage-2')],
      'events[1]: the decision is for stage-2, but the learner is at stage-1',
    ],
    [
      'an outcome the policy does not have',
      [enter('2026-09-01', 'stage-1'), decide('2026-09-10', 'terminate')],
      'events[1]: outcome "terminate" is not an outcome of mtt (its outcomes: support-contract, de-escalate, break-in-learning, employer-agreed, withdraw)',
    ],
  ] as [string, EventJson[], string][])('%s is refused', (_, events, message) => {
    expect(refusal('mtt', events)).toBe(message);
  });

  test('the refusal names the event by its index in the input even when the input is unsorted', () => {
    expect(refusal('mtt', [enter('2026-09-10', 'stage-3'), enter('2026-09-01', 'stage-1')])).toBe(
      'events[0]: cannot enter stage-3 from stage-1: under mtt, Stage 3 (Notification of Withdrawal) follows stage-2',
    );
  });

  test('the allowed order 1 -> 2 -> 3 is accepted, each move recorded', () => {
    const run = simulate('mtt', TO_STAGE_3);
    expect(run.of('stage').map((s) => [s.from, s.to])).toEqual([
      [null, 'stage-1'],
      ['stage-1', 'stage-2'],
      ['stage-2', 'stage-3'],
    ]);
  });
});

describe('mtt input handling (shared/contracts/simulate.md)', () => {
  const events: EventJson[] = [
    { id: 'm1', type: 'session.missed', at: '2026-09-07', notice: true },
    { id: 'm2', type: 'session.missed', at: '2026-09-14', notice: true },
    { id: 'p1', type: 'progress', at: '2026-09-18', actual: 20, planned: 50 },
    { id: 'm3', type: 'session.missed', at: '2026-09-21', notice: true },
    { id: 'c1', type: 'visit.cancelled', at: '2026-09-22', by: 'learner' },
    { id: 'c2', type: 'visit.cancelled', at: '2026-09-29', by: 'employer' },
    { id: 's1', type: 'stage.entered', at: '2026-10-01', stage: 'stage-1' },
    { id: 'k1', type: 'contact', at: '2026-10-02T11:00:00+01:00', channel: 'phone', outcome: 'reached' },
  ];

  test('a repeated event id is ignored: two misses and a repeat of "m2" (even at another time) are only 2 misses', () => {
    const run = simulate('mtt', [events[0]!, events[1]!, { ...events[1]!, at: '2026-09-15' }]);
    expect(run.timeline).toEqual([{ at: '2026-09-01T00:00:00.000+01:00', kind: 'rating', from: null, to: 'low' }]);
  });

  test('repeating every event (same ids) gives the same output as the events once', () => {
    expect(simulate('mtt', [...events, ...events], '2026-10-20').timeline).toEqual(simulate('mtt', events, '2026-10-20').timeline);
  });

  test('unsorted input gives the same output as sorted input', () => {
    const shuffled = [events[5]!, events[2]!, events[7]!, events[0]!, events[6]!, events[3]!, events[1]!, events[4]!];
    const sorted = simulate('mtt', events, '2026-10-20');
    expect(simulate('mtt', shuffled, '2026-10-20').timeline).toEqual(sorted.timeline);
    expect(sorted.of('alert').map((a) => a.reasons)).toEqual([['30% behind planned progression'], ['3 consecutive missed sessions'], ['2 cancelled visits in 4 weeks']]);
  });

  test('the same input twice gives deep-equal (and byte-identical) output', () => {
    const a = simulate('mtt', events, '2027-01-31');
    const b = simulate('mtt', events, '2027-01-31');
    expect(b.timeline).toEqual(a.timeline);
    expect(b.case).toEqual(a.case);
    expect(JSON.stringify(b.timeline)).toBe(JSON.stringify(a.timeline));
  });
});
