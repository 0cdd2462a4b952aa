/**
 * BPN (seeds/002_0f0e676bce15daa7.txt), "6. Inactivity Process and Timescales": Week 2
 * (Inactivity Trigger), Week 3 (Formal Warning), Week 4 (Break in Learning Consideration),
 * Week 5 (Escalation), Week 8 (Withdrawal Consideration). POLICIES.md decision: "week N" =
 * N x 7 calendar days after the last activity (or the start date); the timer fires at that
 * exact London wall-clock instant. Inactivity = "no recorded activity ... and no meaningful
 * communication with BPN".
 */
import { contact } from '../events.js';
import { simulate, type EventJson, type Scenario } from '../scenario.js';

const W2 = 'no recorded activity or meaningful communication for 2 weeks';
const W3 = 'no recorded activity or meaningful communication for 3 weeks';
const W4 = 'no engagement or communication for 4 weeks';
const W5 = 'no engagement for 5 weeks';
const RED_ACTIONS = 'hold a formal discussion with the employer/mentor; a revised training plan may be needed';
const INITIAL_CONTACT = 'Make an initial contact attempt by at least two methods (e.g. email and phone)';
const W8_ASK =
  'withdrawal can be considered after 8 weeks of inactivity, but first record at least three contact attempts to the apprentice across different channels, a contact with the employer/mentor, and the answers on academic and pastoral support and on safeguarding and welfare';

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const at = (run: Scenario, instant: string) => run.timeline.filter((e) => e.at === instant);
const fired = (run: Scenario) => run.case.firedRules.map((r) => r.rule);

/** What each week does when nothing else has happened (no contact attempts recorded). */
function weekEntries(week: number, instant: string, taskDue: string): Record<string, unknown>[] {
  switch (week) {
    case 2:
      return [
        { at: instant, kind: 'alert', reasons: [W2] },
        { at: instant, kind: 'rating', from: 'green', to: 'amber' },
        { at: instant, kind: 'recommend', action: 'stage', reasons: [W2], stage: 'monitoring' },
        { at: instant, kind: 'task', task: 'initial-contact', role: 'coach', due: taskDue, title: INITIAL_CONTACT },
      ];
    case 3:
      return [
        { at: instant, kind: 'alert', reasons: [W3] },
        { at: instant, kind: 'rating', from: 'amber', to: 'red' },
        // "7. Red (At Risk): Triggers include ... sustained poor engagement. Actions: Performance Manager involvement; Formal discussion with employer/mentor".
        { at: instant, kind: 'notify', role: 'performance-manager', reason: RED_ACTIONS },
        { at: instant, kind: 'recommend', action: 'stage', reasons: [W3], stage: 'formal-warning', approver: 'coach' },
      ];
    case 4:
      return [{ at: instant, kind: 'recommend', action: 'break-in-learning', reasons: [W4], approver: 'performance-manager' }];
    case 5:
      return [
        { at: instant, kind: 'recommend', action: 'stage', reasons: [W5], stage: 'performance-review', approver: 'performance-manager' },
        { at: instant, kind: 'notify', role: 'performance-manager', reason: 'review the case: 5 weeks without engagement' },
      ];
    default:
      return [{ at: instant, kind: 'notify', role: 'coach', reason: W8_ASK }];
  }
}

// Start date Tue 1 Sep 2026: week N falls on 1 Sep + 7N days. BST ends Sun 25 Oct 2026, so
// week 8 (27 Oct) is written +00:00. From an activity on Thu 10 Sep 2026 the weeks fall on
// 24 Sep, 1 Oct, 8 Oct, 15 Oct and 5 Nov (+00:00).
const FROM_START = [
  ['Week 2 (Inactivity Trigger)', 2, '2026-09-15', '+01:00'],
  ['Week 3 (Formal Warning)', 3, '2026-09-22', '+01:00'],
  ['Week 4 (Break in Learning Consideration)', 4, '2026-09-29', '+01:00'],
  ['Week 5 (Escalation)', 5, '2026-10-06', '+01:00'],
  ['Week 8 (Withdrawal Consideration)', 8, '2026-10-27', '+00:00'],
] as const;
const FROM_ACTIVITY = [
  ['Week 2 (Inactivity Trigger)', 2, '2026-09-24', '+01:00'],
  ['Week 3 (Formal Warning)', 3, '2026-10-01', '+01:00'],
  ['Week 4 (Break in Learning Consideration)', 4, '2026-10-08', '+01:00'],
  ['Week 5 (Escalation)', 5, '2026-10-15', '+01:00'],
  ['Week 8 (Withdrawal Consideration)', 8, '2026-11-05', '+00:00'],
] as const;

describe.each([
  ['the start date (Tue 1 Sep 2026)', [] as EventJson[], FROM_START, '2026-09-22'],
  ['the last activity (Thu 10 Sep 2026)', [{ type: 'activity', at: '2026-09-10' }], FROM_ACTIVITY, '2026-10-01'],
])('bpn inactivity counted from %s', (_label, events, weeks, initialContactDue) => {
  test.each(weeks)('bpn "%s": %i x 7 days later, at 00:00 London on %s, not a day before, and once only', (_title, week, day, offset) => {
    const rule = `inactive-week-${week}`;
    const instant = `${day}T00:00:00.000${offset}`;
    const expected = weekEntries(week, instant, initialContactDue);

    // Just below: the end of the day before (N x 7 - 1 days).
    const before = simulate('bpn', events, plusDays(day, -1));
    expect(fired(before)).not.toContain(rule);
    expect(at(before, instant)).toEqual([]);

    // At the threshold: exactly N x 7 days, at midnight London time.
    const onTheDay = simulate('bpn', events, day);
    expect(at(onTheDay, instant)).toEqual(expected);
    expect(onTheDay.case.firedRules.filter((r) => r.rule === rule).map((r) => r.at)).toEqual([instant]);

    // Just above: a day later nothing is repeated.
    const after = simulate('bpn', events, plusDays(day, 1));
    expect(at(after, instant)).toEqual(expected);
    expect(after.case.firedRules.filter((r) => r.rule === rule)).toHaveLength(1);
  });

  test('bpn "Week 2" ... "Week 8": the whole timeline to week 8', () => {
    const run = simulate('bpn', events, weeks[4][2]);
    const expected = [
      { at: '2026-09-01T00:00:00.000+01:00', kind: 'rating', from: null, to: 'green' },
      ...weeks.slice(0, 2).flatMap(([, w, d, o]) => weekEntries(w, `${d}T00:00:00.000${o}`, initialContactDue)),
      // The initial-contact task (no attempts made) is overdue at the midnight after its due date.
      { at: `${plusDays(initialContactDue, 1)}T00:00:00.000+01:00`, kind: 'overdue', task: 'initial-contact', role: 'coach', due: initialContactDue },
      ...weeks.slice(2).flatMap(([, w, d, o]) => weekEntries(w, `${d}T00:00:00.000${o}`, initialContactDue)),
    ];
    expect(run.timeline).toEqual(expected);
  });
});

describe('bpn "6. Inactivity": what restarts the clock ("recorded activity" or "meaningful communication")', () => {
  // Start Tue 1 Sep 2026; the engagement on Thu 10 Sep moves week 2 from 15 Sep to 24 Sep.
  const ENGAGEMENT: [string, EventJson][] = [
    ['activity', { type: 'activity', at: '2026-09-10', source: 'bud' }],
    ['progress', { type: 'progress', at: '2026-09-10', actual: 40, planned: 40 }],
    ['attendance at a class', { type: 'session.attended', at: '2026-09-10' }],
    ['attendance at a review', { type: 'visit.attended', at: '2026-09-10' }],
    ['submission of work', { type: 'submission.made', at: '2026-09-10' }],
    ['a review held', { type: 'review.held', at: '2026-09-10' }],
    ['a plan agreed', { type: 'plan.agreed', at: '2026-09-10', kind: 'recovery' }],
    ['a contact that reached the learner', contact('2026-09-10', 'phone', 'reached')],
    ['a contact that reached the learner (with: learner)', contact('2026-09-10', 'email', 'reached', { with: 'learner' })],
  ];

  test.each(ENGAGEMENT)('bpn "Activity": %s resets the clock: no week 2 on 15 Sep, week 2 on 24 Sep (10 + 14)', (_label, event) => {
    expect(simulate('bpn', [event], '2026-09-23').timeline).toEqual([{ at: '2026-09-01T00:00:00.000+01:00', kind: 'rating', from: null, to: 'green' }]);
    const run = simulate('bpn', [event], '2026-09-24');
    expect(run.timeline.slice(1)).toEqual(weekEntries(2, '2026-09-24T00:00:00.000+01:00', '2026-10-01'));
  });

  test.each([
    ['phone', 'no_answer'],
    ['email', 'no_response'],
    ['letter', 'no_response'],
  ])('bpn "no meaningful communication": an unanswered %s contact (%s) does not reset: week 2 still on 15 Sep', (channel, outcome) => {
    const run = simulate('bpn', [contact('2026-09-10', channel, outcome)], '2026-09-15');
    expect(run.timeline.slice(1)).toEqual(weekEntries(2, '2026-09-15T00:00:00.000+01:00', '2026-09-22'));
  });

  test('bpn "meaningful communication with BPN" is the apprentice\'s: reaching only the employer does not reset the clock', () => {
    // The pack's own decision: "a contact that reached the learner (meaningful communication)".
    const run = simulate('bpn', [contact('2026-09-10', 'phone', 'reached', { with: 'employer' })], '2026-09-15');
    expect(run.timeline.slice(1)).toEqual(weekEntries(2, '2026-09-15T00:00:00.000+01:00', '2026-09-22'));
  });

  test('bpn "week N = N x 7 days": an activity at the very instant week 2 falls due is applied first (no week 2 then)', () => {
    const run = simulate('bpn', [{ type: 'activity', at: '2026-09-15' }], '2026-09-29');
    expect(at(run, '2026-09-15T00:00:00.000+01:00')).toEqual([]);
    expect(at(run, '2026-09-29T00:00:00.000+01:00')).toEqual(weekEntries(2, '2026-09-29T00:00:00.000+01:00', '2026-10-06'));
  });

  test('bpn "week N = N x 7 days": an activity one minute after week 2 falls due comes too late for week 2', () => {
    const run = simulate('bpn', [{ type: 'activity', at: '2026-09-15T00:01:00+01:00' }]);
    expect(at(run, '2026-09-15T00:00:00.000+01:00')).toEqual(weekEntries(2, '2026-09-15T00:00:00.000+01:00', '2026-09-22'));
  });

  test('bpn "week N = N x 7 days": a timed activity (12:30) puts week 2 at 12:30 fourteen days later (wall clock)', () => {
    const events = [{ type: 'activity', at: '2026-09-10T12:30:00+01:00' }];
    expect(fired(simulate('bpn', events, '2026-09-23'))).toEqual([]);
    const run = simulate('bpn', events, '2026-09-24');
    expect(run.timeline.slice(1)).toEqual(weekEntries(2, '2026-09-24T12:30:00.000+01:00', '2026-10-01'));
  });
});

describe('bpn inactivity timers across a clock change (Europe/London wall-clock)', () => {
  test('bpn "Week 2": inactive from Sat 20 Mar 2027 (GMT) fires at 00:00 BST on Sat 3 Apr 2027 (BST starts Sun 28 Mar)', () => {
    const learner = { startDate: '2027-03-20' };
    expect(simulate('bpn', [], '2027-04-02', learner).timeline).toEqual([
      { at: '2027-03-20T00:00:00.000+00:00', kind: 'rating', from: null, to: 'green' },
    ]);
    const run = simulate('bpn', [], '2027-04-03', learner);
    expect(run.timeline).toEqual([
      { at: '2027-03-20T00:00:00.000+00:00', kind: 'rating', from: null, to: 'green' },
      ...weekEntries(2, '2027-04-03T00:00:00.000+01:00', '2027-04-10'),
    ]);
    // 14 calendar days on the wall clock are 14 x 24 - 1 hours of elapsed time.
    expect(Date.parse('2027-04-03T00:00:00.000+01:00') - Date.parse('2027-03-20T00:00:00.000+00:00')).toBe((14 * 24 - 1) * 3_600_000);
  });

  test('bpn "Week 2": an activity at 15:00 GMT on 20 Mar 2027 gives week 2 at 15:00 BST on 3 Apr 2027', () => {
    const run = simulate('bpn', [{ type: 'activity', at: '2027-03-20T15:00:00Z' }], '2027-04-03', { startDate: '2027-03-20' });
    expect(run.timeline.slice(1)).toEqual(weekEntries(2, '2027-04-03T15:00:00.000+01:00', '2027-04-10'));
  });

  test('bpn "Week 8": from Tue 1 Sep 2026 (BST) it fires at 00:00 GMT on Tue 27 Oct 2026 (BST ends Sun 25 Oct)', () => {
    const run = simulate('bpn', [], '2026-10-27');
    expect(at(run, '2026-10-27T00:00:00.000+00:00')).toEqual(weekEntries(8, '2026-10-27T00:00:00.000+00:00', ''));
    expect(Date.parse('2026-10-27T00:00:00.000+00:00') - Date.parse('2026-09-01T00:00:00.000+01:00')).toBe((56 * 24 + 1) * 3_600_000);
  });
});

describe('bpn "Week 2: initial contact attempt made (minimum two methods: e.g. email and phone)"', () => {
  // Week 2 on Tue 15 Sep 2026 sets initial-contact due 7 days later, Tue 22 Sep; it is overdue
  // at 00:00 on Wed 23 Sep.
  const OVERDUE = { at: '2026-09-23T00:00:00.000+01:00', kind: 'overdue', task: 'initial-contact', role: 'coach', due: '2026-09-22' };

  test('two attempts by two methods (phone, then email on the due date at 23:59) complete it: never overdue', () => {
    const run = simulate('bpn', [contact('2026-09-16T10:00:00+01:00', 'phone'), contact('2026-09-22T23:59:00+01:00', 'email')], '2026-09-30');
    expect(run.of('overdue')).toEqual([]);
    expect(run.case.openTasks).toEqual([]);
  });

  test('one attempt is below the minimum: overdue at the midnight after the due date', () => {
    const run = simulate('bpn', [contact('2026-09-16T10:00:00+01:00', 'phone')], '2026-09-23');
    expect(run.of('overdue')).toEqual([OVERDUE]);
  });

  test('two attempts by one method (phone twice) are not "two methods": overdue', () => {
    const run = simulate('bpn', [contact('2026-09-16T10:00:00+01:00', 'phone'), contact('2026-09-17T10:00:00+01:00', 'phone')], '2026-09-23');
    expect(run.of('overdue')).toEqual([OVERDUE]);
    expect(run.case.openTasks).toEqual([{ task: 'initial-contact', title: INITIAL_CONTACT, role: 'coach', due: '2026-09-22', overdue: true }]);
  });

  test('the second method on the day after the due date is late: overdue first, then the task is done', () => {
    const run = simulate('bpn', [contact('2026-09-16T10:00:00+01:00', 'phone'), contact('2026-09-23T09:00:00+01:00', 'email')], '2026-09-23');
    expect(run.of('overdue')).toEqual([OVERDUE]);
    expect(run.case.openTasks).toEqual([]);
  });
});

const BIL_TOLD = 'break in learning: the apprenticeship is formally paused; the training plan and Apprenticeship Agreement will be updated and reissued';

describe('bpn steps staff confirm after the inactivity recommendations', () => {
  test('bpn "Week 3 (Formal Warning): apprentice and employer/mentor notified of risk of programme pause; recovery plan"', () => {
    const run = simulate('bpn', [{ type: 'stage.entered', at: '2026-09-23', stage: 'formal-warning' }]);
    expect(at(run, '2026-09-23T00:00:00.000+01:00')).toEqual([
      { at: '2026-09-23T00:00:00.000+01:00', kind: 'stage', from: null, to: 'formal-warning' },
      { at: '2026-09-23T00:00:00.000+01:00', kind: 'notify', role: 'learner', reason: 'formal warning: the programme is at risk of a pause' },
      { at: '2026-09-23T00:00:00.000+01:00', kind: 'notify', role: 'employer', reason: 'formal warning: the programme is at risk of a pause' },
      { at: '2026-09-23T00:00:00.000+01:00', kind: 'recommend', action: 'recovery-plan', reasons: ['Formal warning (stage entered)'] },
      { at: '2026-09-23T00:00:00.000+01:00', kind: 'overdue', task: 'initial-contact', role: 'coach', due: '2026-09-22' },
    ]);
    expect(run.case.pendingRecommendations.map((p) => p.action)).not.toContain('stage');
  });

  test('bpn "Week 4: Break in Learning initiated; training plan and Apprenticeship Agreement updated and reissued"', () => {
    const run = simulate('bpn', [{ type: 'decision', at: '2026-09-30', outcome: 'break-in-learning' }], '2026-10-06');
    expect(at(run, '2026-09-30T00:00:00.000+01:00')).toEqual([
      // "10. Apprentices and employers will be informed at each formal stage".
      { at: '2026-09-30T00:00:00.000+01:00', kind: 'notify', role: 'learner', reason: BIL_TOLD },
      { at: '2026-09-30T00:00:00.000+01:00', kind: 'notify', role: 'employer', reason: BIL_TOLD },
      { at: '2026-09-30T00:00:00.000+01:00', kind: 'notify', role: 'coach', reason: 'update and reissue the training plan and the Apprenticeship Agreement' },
    ]);
    expect(run.case.pendingRecommendations.map((p) => p.action)).not.toContain('break-in-learning');
    // The case stays open during the break: week 5 follows on Tue 6 Oct.
    expect(at(run, '2026-10-06T00:00:00.000+01:00')).toEqual(weekEntries(5, '2026-10-06T00:00:00.000+01:00', ''));
  });

  test('bpn "Week 5: Performance Manager reviews case; further contact attempts made and options discussed with employer"', () => {
    const enter = { type: 'stage.entered', at: '2026-10-07', stage: 'performance-review' };
    const run = simulate('bpn', [enter], '2026-10-15');
    expect(at(run, '2026-10-07T00:00:00.000+01:00')).toEqual([
      { at: '2026-10-07T00:00:00.000+01:00', kind: 'stage', from: null, to: 'performance-review' },
      { at: '2026-10-07T00:00:00.000+01:00', kind: 'notify', role: 'learner', reason: 'the Performance Manager is reviewing your engagement' },
      { at: '2026-10-07T00:00:00.000+01:00', kind: 'notify', role: 'employer', reason: 'the Performance Manager will discuss the options with you' },
      {
        at: '2026-10-07T00:00:00.000+01:00',
        kind: 'task',
        task: 'further-contact',
        role: 'performance-manager',
        due: '2026-10-14',
        title: 'Make further contact attempts and discuss the options with the employer',
      },
      // "8. Before withdrawal is considered": the two recorded answers, due by week 8.
      {
        at: '2026-10-07T00:00:00.000+01:00',
        kind: 'task',
        task: 'record-support-offered',
        role: 'coach',
        due: '2026-10-28',
        title: 'Record whether academic and pastoral support was offered, or why it was not appropriate',
      },
      {
        at: '2026-10-07T00:00:00.000+01:00',
        kind: 'task',
        task: 'record-welfare-considered',
        role: 'coach',
        due: '2026-10-28',
        title: 'Record whether safeguarding or welfare concerns were considered, or why not relevant',
      },
    ]);
    expect(simulate('bpn', [enter], '2026-10-14').of('overdue').filter((o) => o.task === 'further-contact')).toEqual([]);
    expect(run.of('overdue').filter((o) => o.task === 'further-contact')).toEqual([
      { at: '2026-10-15T00:00:00.000+01:00', kind: 'overdue', task: 'further-contact', role: 'performance-manager', due: '2026-10-14' },
    ]);
    // A contact with the employer within the week completes it.
    const done = simulate('bpn', [enter, contact('2026-10-14T16:00:00+01:00', 'phone', 'reached', { with: 'employer' })], '2026-10-20');
    expect(done.of('overdue').filter((o) => o.task === 'further-contact')).toEqual([]);
  });
});
