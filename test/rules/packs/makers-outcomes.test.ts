/**
 * Makers stage outcomes and the stage 5 appeal (seeds/000_d1e8ca531b567b66.txt, "Next
 * steps" column and "Points to note"): stage 3 de-escalate / escalate to 4 / break in
 * learning; stage 4 adds "Extend the formal support at stage 3"; stage 5 replaces
 * escalation with "Notify a termination ... an end to the apprenticeship", appealable
 * "in writing" by "the apprentice or the employer" within "10 working days".
 */
import { decide, enter, refusal } from '../events.js';
import { simulate, type EventJson } from '../scenario.js';

const atStage3 = [enter('2027-03-01', 'stage-3')];
const atStage4 = [...atStage3, decide('2027-04-01', 'escalate', 'stage-3'), enter('2027-04-06', 'stage-4')];
const atStage5 = [...atStage4, decide('2027-05-04', 'escalate', 'stage-4'), enter('2027-05-05', 'stage-5')];
// Terminated on Mon 24 May 2027. 10 working days later: May 25-28 (4); Mon 31 May is the
// Spring bank holiday; Jun 1-4 (8), Mon 7 (9), Tue 8 Jun (10) -> lodge by 2027-06-08.
const terminated = [...atStage5, decide('2027-05-24', 'terminate', 'stage-5')];
const TERMINATED_AT = '2027-05-24T00:00:00.000+01:00';

describe('makers: outcomes allowed at each stage', () => {
  test.each(['de-escalate', 'off-support', 'escalate', 'break-in-learning'])('stage 3 may end with "%s"', (outcome) => {
    expect(refusal('makers', [...atStage3, decide('2027-04-01', outcome, 'stage-3')])).toBe('accepted');
  });

  test.each([
    ['terminate', 'stage-5'],
    ['extend', 'stage-4 or stage-5'],
  ])('stage 3 may not end with "%s"', (outcome, where) => {
    expect(refusal('makers', [...atStage3, decide('2027-04-01', outcome, 'stage-3')])).toBe(
      `events[1]: "${outcome}" can only be decided at ${where} under makers; the learner is at stage-3`,
    );
  });

  test('stage 4 may not end with "terminate"', () => {
    expect(refusal('makers', [...atStage4, decide('2027-05-04', 'terminate', 'stage-4')])).toBe(
      'events[3]: "terminate" can only be decided at stage-5 under makers; the learner is at stage-4',
    );
  });

  test('stage 5 may not "escalate" (there is no stage 6)', () => {
    expect(refusal('makers', [...atStage5, decide('2027-05-24', 'escalate', 'stage-5')])).toBe(
      'events[5]: "escalate" can only be decided at stage-3 or stage-4 under makers; the learner is at stage-5',
    );
  });

  test('a decision naming another stage than the current one is refused', () => {
    expect(refusal('makers', [...atStage4, decide('2027-05-04', 'escalate', 'stage-3')])).toBe(
      'events[3]: the decision is for stage-3, but the learner is at stage-4',
    );
  });

  test.each([
    ['stage 4', atStage4, '2027-05-04'],
    ['stage 5', atStage5, '2027-05-24'],
  ] as const)('"Extend the formal support at stage 3" from %s recommends stage 3 for the coach, and entering stage 3 is accepted', (_, before, day) => {
    const run = simulate('makers', [...before, decide(day, 'extend'), enter('2027-06-01', 'stage-3')]);
    expect(run.of('recommend').at(-1)).toEqual({
      at: `${day}T00:00:00.000+01:00`,
      kind: 'recommend',
      action: 'stage',
      stage: 'stage-3',
      approver: 'coach',
      reasons: ['Formal support extended at stage 3'],
    });
    expect(run.of('stage').at(-1)).toMatchObject({ from: before === atStage4 ? 'stage-4' : 'stage-5', to: 'stage-3' });
    // A new stage-3 time plan: 30 working days after Tue 1 Jun 2027 -> Jun 2-4 (3), 7-11 (8), 14-18 (13),
    // 21-25 (18), 28 Jun - 2 Jul (23), 5-9 Jul (28), 12-13 Jul (30) -> 2027-07-13.
    expect(run.case.openTasks.map((t) => [t.task, t.due])).toEqual([
      ['stage-3-reviews', '2027-07-13'],
      ['stage-3-recommendation', '2027-07-13'],
    ]);
  });

  test('"de-escalate" leaves the formal stage; staff then record stage 1 or 2', () => {
    const run = simulate('makers', [...atStage4, decide('2027-05-04', 'de-escalate', 'stage-4'), enter('2027-05-05', 'stage-2')]);
    expect(run.of('stage').map((s) => [s.from, s.to])).toEqual([
      [null, 'stage-3'],
      ['stage-3', 'stage-4'],
      [null, 'stage-2'],
    ]);
  });
});

describe('makers: the recommendation "is shared in the last meeting, and a confirming email is followed, copying in ..."', () => {
  const copiedAt = (events: EventJson[], day: string) =>
    simulate('makers', events).of('notify')
      .filter((n) => n.at.startsWith(day))
      .map((n) => n.role);

  test.each([
    // Stage 3: "copying in the apprentice, line manager, client partner ... and the Pastoral lead or tech lead".
    ['stage 3 escalate', [...atStage3, decide('2027-04-01', 'escalate', 'stage-3')], '2027-04-01', ['learner', 'line-manager', 'client-partner', 'pastoral-or-tech-lead']],
    ['stage 3 break in learning', [...atStage3, decide('2027-04-01', 'break-in-learning', 'stage-3')], '2027-04-01', ['learner', 'line-manager', 'client-partner', 'pastoral-or-tech-lead']],
    // Stage 4: "the apprentice, placement/tech coach, line manager, client partner ... and the Head of Developer Success or Head of Training".
    [
      'stage 4 escalate',
      [...atStage4, decide('2027-05-04', 'escalate', 'stage-4')],
      '2027-05-04',
      ['learner', 'coach', 'line-manager', 'client-partner', 'head-of-developer-success-or-training'],
    ],
    // Stage 5: "the apprentice, placement/tech coach, line manager, client partner ... and the Pastoral lead or tech lead".
    ['stage 5 terminate', terminated, '2027-05-24', ['learner', 'coach', 'line-manager', 'client-partner', 'pastoral-or-tech-lead']],
  ] as [string, EventJson[], string, string[]][])('%s is confirmed to everyone the policy copies', (_, events, day, roles) => {
    expect(copiedAt(events, day)).toEqual(expect.arrayContaining(roles));
  });
});

describe('makers: "a 10 working days appeal process to the outcome of stage 5"', () => {
  test('terminating at stage 5 tells the Director of Delivery, with the last day to lodge an appeal', () => {
    const run = simulate('makers', terminated);
    expect(run.of('notify').filter((n) => n.role === 'director-of-delivery')).toEqual([
      {
        at: TERMINATED_AT,
        kind: 'notify',
        role: 'director-of-delivery',
        reason: 'Training provision terminated: the apprenticeship ends: the learner or employer may appeal in writing until 2027-06-08',
      },
    ]);
    expect(run.case).toMatchObject({ status: 'withdrawn', atRisk: false, stage: null, openTasks: [] });
    expect(run.case.appealWindows).toEqual([{ outcome: 'terminate', lodgeBy: '2027-06-08' }]);
  });

  test('an appeal by the employer on the last day is in time', () => {
    const run = simulate('makers', [...terminated, { type: 'appeal.lodged', at: '2027-06-08T17:30:00+01:00', by: 'employer' }]);
    expect(run.of('notify').at(-1)).toEqual({
      at: '2027-06-08T17:30:00.000+01:00',
      kind: 'notify',
      role: 'director-of-delivery',
      reason: 'the employer appealed against "terminate"',
    });
  });

  test("an appeal by the learner on the next day is late, and the Director is told it is", () => {
    const run = simulate('makers', [...terminated, { type: 'appeal.lodged', at: '2027-06-09', by: 'learner' }]);
    expect(run.of('notify').at(-1)).toEqual({
      at: '2027-06-09T00:00:00.000+01:00',
      kind: 'notify',
      role: 'director-of-delivery',
      reason: 'an appeal by the learner against "terminate" arrived after the window closed on 2027-06-08',
    });
  });

  test.each([
    ['de-escalate', 'Moved back down to informal support'],
    ['off-support', 'Off support'],
    ['extend', 'Formal support extended at stage 3'],
    ['break-in-learning', 'Break in learning'],
    ['terminate', 'Training provision terminated: the apprenticeship ends'],
  ])('"the outcome of stage 5" is any outcome: "%s" at stage 5 opens the 10-working-day window too', (outcome, label) => {
    const run = simulate('makers', [...atStage5, decide('2027-05-24', outcome, 'stage-5')]);
    expect(run.case.appealWindows).toEqual([{ outcome, lodgeBy: '2027-06-08' }]);
    expect(run.of('notify').filter((n) => n.role === 'director-of-delivery')).toEqual([
      {
        at: TERMINATED_AT,
        kind: 'notify',
        role: 'director-of-delivery',
        reason: `${label}: the learner or employer may appeal in writing until 2027-06-08`,
      },
    ]);
  });

  test('"the apprentice or the employer": the employer may appeal a stage 5 break in learning, heard by the Director of Delivery', () => {
    const run = simulate('makers', [
      ...atStage5,
      decide('2027-05-24', 'break-in-learning', 'stage-5'),
      { type: 'appeal.lodged', at: '2027-06-01', by: 'employer' },
    ]);
    expect(run.of('notify').at(-1)).toEqual({
      at: '2027-06-01T00:00:00.000+01:00',
      kind: 'notify',
      role: 'director-of-delivery',
      reason: 'the employer appealed against "break-in-learning"',
    });
  });

  test.each([
    ['de-escalate at stage 3', [...atStage3, decide('2027-04-01', 'de-escalate', 'stage-3')]],
    ['break in learning at stage 3', [...atStage3, decide('2027-04-01', 'break-in-learning', 'stage-3')]],
    ['de-escalate at stage 4', [...atStage4, decide('2027-05-04', 'de-escalate', 'stage-4')]],
    ['extend at stage 4', [...atStage4, decide('2027-05-04', 'extend', 'stage-4')]],
  ] as [string, EventJson[]][])('only stage 5 outcomes are appealable: %s opens no window', (_, events) => {
    const run = simulate('makers', events);
    expect(run.case.appealWindows).toEqual([]);
    expect(run.of('notify').filter((n) => n.role === 'director-of-delivery')).toEqual([]);
  });

  test('an appeal after a stage 4 decision is refused: there is no appealable decision', () => {
    expect(refusal('makers', [...atStage4, decide('2027-05-04', 'de-escalate', 'stage-4'), { type: 'appeal.lodged', at: '2027-05-05', by: 'learner' }])).toBe(
      'events[4]: there is no decision on record that makers lets the learner appeal',
    );
  });

  test.each([
    ['a stage', enter('2027-06-15', 'stage-1')],
    ['a formal stage', enter('2027-06-15', 'stage-3')],
    ['a decision', decide('2027-06-15', 'de-escalate')],
  ] as const)('after termination %s is refused: the learner was withdrawn', (_, step) => {
    expect(refusal('makers', [...terminated, step])).toBe('events[6]: the learner was withdrawn under makers; no further stages or decisions apply');
  });

  test('after termination no trigger alerts: monitoring has ended', () => {
    const run = simulate('makers', [...terminated, { type: 'progress', at: '2027-06-15', actual: 10, planned: 90 }]);
    expect(run.of('alert')).toEqual([]);
    expect(run.case.status).toBe('withdrawn');
  });
});
