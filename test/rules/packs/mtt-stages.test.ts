/**
 * MTT (seeds/003_55c6189255ef96d8.txt) Stages 1-3: "a Stage 1 email will be sent to both
 * parties by the Director"; "a further 2 attempts will be made, emphasising a welfare check,
 * by telephone and email ... within a 5-working day period"; "if this intervention is
 * successful, a support contract is to be put in place. Should all the above efforts be
 * unsuccessful within 5 working days, stage 2"; Stage 2 "within a 10 day working day period"
 * (POLICIES.md decision: 10, not the 5 of the next sentence); Stage 3 "the Director will
 * contact both parties by telephone ... 'Notification of Withdrawal' email".
 *
 * Working days are the learner's nation's (England and Wales share one list). Learners start
 * shortly before each stage so the 42-day no-progress timer stays out of the window.
 */
import { contact, enter } from '../events.js';
import { simulate, type LearnerFields } from '../scenario.js';

const TITLE_1 = 'Make 2 welfare-check attempts, by telephone and by email';
const TITLE_2 = 'Make 2 more welfare-check attempts, by telephone and by email';
const UNSUCCESSFUL_1 = 'Stage 1 efforts were unsuccessful within 5 working days';
const UNSUCCESSFUL_2 = 'Stage 2 efforts were unsuccessful within 10 working days';

function stage1Entry(at: string, due: string) {
  return [
    { at, kind: 'stage', from: null, to: 'stage-1' },
    { at, kind: 'notify', role: 'learner', reason: 'Stage 1 email from the Director' },
    { at, kind: 'notify', role: 'employer', reason: 'Stage 1 email from the Director' },
    { at, kind: 'notify', role: 'learner-support', reason: 'record the Stage 1 notice in the at-risk log (RecordMy)' },
    { at, kind: 'task', task: 'stage-1-welfare-checks', role: 'coach', due, title: TITLE_1 },
  ];
}
function stage1Lapsed(at: string, due: string) {
  return [
    { at, kind: 'overdue', task: 'stage-1-welfare-checks', role: 'coach', due },
    { at, kind: 'recommend', action: 'stage', stage: 'stage-2', approver: 'learner-support', reasons: [UNSUCCESSFUL_1] },
  ];
}

describe('mtt Stage 1 across Christmas 2026 (England: 25 Dec, 28 Dec substitute for Boxing Day, 1 Jan 2027)', () => {
  const learner: LearnerFields = { startDate: '2026-12-01' };
  const START = { at: '2026-12-01T00:00:00.000+00:00', kind: 'rating', from: null, to: 'low' };
  const AT = '2026-12-23T00:00:00.000+00:00';

  test('entry on Wed 23 Dec: the Director emails both parties, the at-risk log, the coach\'s welfare-check task due Mon 4 Jan', () => {
    // 5 working days after Wed 23 Dec 2026: 24, 29, 30, 31 Dec, 4 Jan.
    const run = simulate('mtt', [enter('2026-12-23', 'stage-1')], '2027-01-04', learner);
    expect(run.timeline).toEqual([START, ...stage1Entry(AT, '2027-01-04')]);
    expect(run.case.stage).toBe('stage-1');
  });

  test('nothing done: overdue, and Stage 2 recommended, at the midnight after the due date (00:00 Tue 5 Jan 2027)', () => {
    const run = simulate('mtt', [enter('2026-12-23', 'stage-1')], '2027-01-10', learner);
    expect(run.timeline).toEqual([START, ...stage1Entry(AT, '2027-01-04'), ...stage1Lapsed('2027-01-05T00:00:00.000+00:00', '2027-01-04')]);
  });

  test('a phone and an email attempt (learner or employer) complete the task: no overdue; with no support contract Stage 2 is still recommended', () => {
    const run = simulate(
      'mtt',
      [enter('2026-12-23', 'stage-1'), contact('2026-12-24T10:00:00Z', 'phone'), contact('2026-12-29T09:00:00Z', 'email', 'no_answer', { with: 'employer' })],
      '2027-01-10',
      learner,
    );
    expect(run.of('overdue')).toEqual([]);
    expect(run.case.openTasks).toEqual([]);
    expect(run.of('recommend')).toEqual([stage1Lapsed('2027-01-05T00:00:00.000+00:00', '2027-01-04')[1]]);
  });

  test('two phone calls are not "by telephone and email": still overdue', () => {
    const run = simulate('mtt', [enter('2026-12-23', 'stage-1'), contact('2026-12-24', 'phone'), contact('2026-12-29', 'phone')], '2027-01-10', learner);
    expect(run.of('overdue')).toEqual([stage1Lapsed('2027-01-05T00:00:00.000+00:00', '2027-01-04')[0]]);
  });

  test('an email sent before Stage 1 began does not count towards the further 2 attempts', () => {
    const run = simulate('mtt', [contact('2026-12-22', 'email'), enter('2026-12-23', 'stage-1'), contact('2026-12-24', 'phone')], '2027-01-10', learner);
    expect(run.of('overdue')).toHaveLength(1);
  });

  test('a support contract decided at Stage 1 completes the stage\'s work: no overdue, no Stage 2 recommendation', () => {
    const run = simulate('mtt', [enter('2026-12-23', 'stage-1'), { type: 'decision', at: '2026-12-30', outcome: 'support-contract', stage: 'stage-1' }], '2027-01-20', learner);
    expect(run.of('overdue')).toEqual([]);
    expect(run.of('recommend')).toEqual([]);
    expect(run.case.stage).toBe('stage-1');
  });

  test('a support plan agreed (plan.agreed support) prevents the Stage 2 recommendation', () => {
    const run = simulate('mtt', [enter('2026-12-23', 'stage-1'), { type: 'plan.agreed', at: '2026-12-30', kind: 'support' }], '2027-01-20', learner);
    expect(run.of('recommend')).toEqual([]);
  });

  test('Scotland (own list: 2 Jan 2027 is a Saturday, substitute Mon 4 Jan): due Tue 5 Jan, lapsed at 00:00 Wed 6 Jan', () => {
    // 5 working days after Wed 23 Dec 2026 in Scotland: 24, 29, 30, 31 Dec, 5 Jan (28 Dec, 1 and 4 Jan are holidays).
    const run = simulate('mtt', [enter('2026-12-23', 'stage-1')], '2027-01-06', { ...learner, nation: 'scotland' });
    expect(run.timeline).toEqual([START, ...stage1Entry(AT, '2027-01-05'), ...stage1Lapsed('2027-01-06T00:00:00.000+00:00', '2027-01-05')]);
  });
});

describe('mtt Stage 1 entered just before Easter 2027 and the clocks going forward (Sun 28 Mar 2027)', () => {
  const events = [enter('2027-03-25', 'stage-1')];
  const AT = '2027-03-25T00:00:00.000+00:00';

  test.each([
    // England/Wales/NI: 5 working days after Thu 25 Mar 2027: 30, 31 Mar, 1, 2, 5 Apr (26 Good Friday, 29 Easter Monday).
    ['england', '2027-04-05', '2027-04-06T00:00:00.000+01:00'],
    ['wales', '2027-04-05', '2027-04-06T00:00:00.000+01:00'],
    ['northern-ireland', '2027-04-05', '2027-04-06T00:00:00.000+01:00'],
    // Scotland has Good Friday but no Easter Monday: 29, 30, 31 Mar, 1, 2 Apr.
    ['scotland', '2027-04-02', '2027-04-03T00:00:00.000+01:00'],
  ] as const)('%s: task due %s, entered at +00:00, lapsed at %s (+01:00)', (nation, due, lapsed) => {
    const run = simulate('mtt', events, '2027-04-07', { nation, startDate: '2027-03-01' });
    expect(run.timeline.slice(1)).toEqual([...stage1Entry(AT, due), ...stage1Lapsed(lapsed, due)]);
  });
});

describe('mtt Stage 2: "Learner Support ... will contact both parties by telephone" and 2 more attempts "within a 10 day working day period"', () => {
  const learner: LearnerFields = { startDate: '2027-04-20' };

  test('entered Thu 29 Apr 2027 (after Stage 1): Learner Support\'s task is due Fri 14 May, across the 3 May bank holiday', () => {
    // 10 working days after Thu 29 Apr 2027: 30 Apr, 4, 5, 6, 7, 10, 11, 12, 13, 14 May (Mon 3 May is a bank holiday).
    const run = simulate('mtt', [enter('2027-04-21', 'stage-1'), enter('2027-04-29', 'stage-2')], '2027-05-16', learner);
    const at = '2027-04-29T00:00:00.000+01:00';
    const lapsed = '2027-05-15T00:00:00.000+01:00';
    expect(run.timeline.filter((e) => e.at >= at)).toEqual([
      { at, kind: 'stage', from: 'stage-1', to: 'stage-2' },
      { at, kind: 'notify', role: 'learner-support', reason: 'telephone the learner and the employer; if no commitment is agreed, send the Stage 2 email' },
      { at, kind: 'task', task: 'stage-2-welfare-checks', role: 'learner-support', due: '2027-05-14', title: TITLE_2 },
      { at: lapsed, kind: 'overdue', task: 'stage-2-welfare-checks', role: 'learner-support', due: '2027-05-14' },
      { at: lapsed, kind: 'recommend', action: 'stage', stage: 'stage-3', approver: 'directors', reasons: [UNSUCCESSFUL_2] },
    ]);
  });

  test('10 working days, not 5: nothing has lapsed by the end of Fri 7 May (5 working days) or Thu 13 May', () => {
    const run = simulate('mtt', [enter('2027-04-21', 'stage-1'), enter('2027-04-29', 'stage-2')], '2027-05-14', learner);
    expect(run.of('overdue')).toEqual([]);
    expect(run.of('recommend')).toEqual([]);
  });

  test('entering Stage 2 at 00:00 on the day Stage 1 would lapse ends Stage 1 first: its task never goes overdue', () => {
    // Stage 1 from Wed 21 Apr: due Wed 28 Apr (22, 23, 26, 27, 28); lapse instant 00:00 Thu 29 Apr = the Stage 2 event.
    const run = simulate('mtt', [enter('2027-04-21', 'stage-1'), enter('2027-04-29', 'stage-2')], '2027-05-16', learner);
    expect(run.of('overdue').map((o) => o.task)).toEqual(['stage-2-welfare-checks']);
    expect(run.of('recommend').map((r) => r.stage)).toEqual(['stage-3']);
  });

  test('a support contract at Stage 2 prevents the Stage 3 recommendation', () => {
    const run = simulate(
      'mtt',
      [enter('2027-04-21', 'stage-1'), enter('2027-04-29', 'stage-2'), { type: 'decision', at: '2027-05-06', outcome: 'support-contract', stage: 'stage-2' }],
      '2027-05-20',
      learner,
    );
    expect(run.of('recommend')).toEqual([]);
    expect(run.of('overdue')).toEqual([]);
  });

  test('entered Thu 28 Oct 2027 (BST) just before the clocks go back: due Thu 11 Nov, lapsed at 00:00 GMT on 12 Nov', () => {
    // 10 working days after Thu 28 Oct 2027: 29 Oct, 1, 2, 3, 4, 5, 8, 9, 10, 11 Nov.
    const run = simulate('mtt', [enter('2027-10-26', 'stage-1'), enter('2027-10-28', 'stage-2')], '2027-11-12', { startDate: '2027-10-05' });
    expect(run.of('task').at(-1)).toEqual({
      at: '2027-10-28T00:00:00.000+01:00',
      kind: 'task',
      task: 'stage-2-welfare-checks',
      role: 'learner-support',
      due: '2027-11-11',
      title: TITLE_2,
    });
    expect(run.of('overdue')).toEqual([{ at: '2027-11-12T00:00:00.000+00:00', kind: 'overdue', task: 'stage-2-welfare-checks', role: 'learner-support', due: '2027-11-11' }]);
  });
});

describe('mtt Stage 1 entered Thu 28 Oct 2027 (BST) and Wed 26 May 2027 (before the 31 May bank holiday)', () => {
  test('28 Oct 2027: due Thu 4 Nov (29 Oct, 1, 2, 3, 4 Nov); lapsed at 00:00 GMT Fri 5 Nov', () => {
    const run = simulate('mtt', [enter('2027-10-28', 'stage-1')], '2027-11-05', { startDate: '2027-10-05' });
    expect(run.timeline.slice(1)).toEqual([
      ...stage1Entry('2027-10-28T00:00:00.000+01:00', '2027-11-04'),
      ...stage1Lapsed('2027-11-05T00:00:00.000+00:00', '2027-11-04'),
    ]);
  });

  test('26 May 2027: due Thu 3 Jun (27, 28 May, 1, 2, 3 Jun; Mon 31 May is a bank holiday)', () => {
    const run = simulate('mtt', [enter('2027-05-26', 'stage-1')], '2027-06-04', { startDate: '2027-05-03' });
    expect(run.of('task')).toEqual([stage1Entry('2027-05-26T00:00:00.000+01:00', '2027-06-03')[4]]);
    expect(run.of('overdue')).toEqual([stage1Lapsed('2027-06-04T00:00:00.000+01:00', '2027-06-03')[0]]);
  });
});

describe('mtt Stage 3: "the Director will contact both parties by telephone ... Notification of Withdrawal"', () => {
  const path = [enter('2026-10-01', 'stage-1'), enter('2026-10-09', 'stage-2'), enter('2026-10-23', 'stage-3')];
  const at = '2026-10-23T00:00:00.000+01:00';
  const CALL = { at, kind: 'notify', role: 'directors', reason: 'telephone the learner and the employer; if no commitment is agreed, send the Notification of Withdrawal email' };

  test('an apprentice: the Director calls, and is told to seek the employer\'s agreement before removal; no task', () => {
    const run = simulate('mtt', path, undefined, { startDate: '2026-10-01' });
    expect(run.timeline.filter((e) => e.at === at)).toEqual([
      { at, kind: 'stage', from: 'stage-2', to: 'stage-3' },
      CALL,
      { at, kind: 'notify', role: 'directors', reason: "seek the employer's agreement before removing an apprentice from the programme" },
    ]);
    expect(run.case.openTasks).toEqual([]);
  });

  test('a trainee: the Director calls; no employer agreement is needed', () => {
    const run = simulate('mtt', path, undefined, { startDate: '2026-10-01', programme: 'traineeship' });
    expect(run.timeline.filter((e) => e.at === at)).toEqual([{ at, kind: 'stage', from: 'stage-2', to: 'stage-3' }, CALL]);
  });
});
