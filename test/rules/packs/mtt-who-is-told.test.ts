/**
 * MTT (seeds/003_55c6189255ef96d8.txt): who the written policy says is told, read end to end
 * (issue 15, last step): the IQA and Management team of every notification, learners and
 * employers of the plans agreed with them, employers of a break in learning, leaders and
 * managers of a withdrawal, and the safeguarding team (only) of a confidential concern,
 * also once the learner is no longer monitored.
 *
 * The default learner is an England apprentice starting Tue 1 Sep 2026.
 */
import { concern, decide, missed, progress } from '../events.js';
import { simulate, weekly, type EventJson } from '../scenario.js';

const notices = (events: EventJson[], role: string, learner = {}) =>
  simulate('mtt', events, undefined, learner)
    .of('notify')
    .filter((n) => n.role === role);
const plan = (at: string, kind: string): EventJson => ({ type: 'plan.agreed', at, kind });
/** At risk on 1 Oct 2026, by a request for support. */
const atRisk = [concern('2026-10-01', 'support-request')];

describe('mtt "Notifications that a learner may be a risk are logged into the RecordMy platform, which alerts their skills coach, tutor and the IQA and Management team."', () => {
  test.each<[string, EventJson[], string]>([
    ['30% behind planned progression (30 points)', [progress('2026-10-01', 20, 50)], 'behind planned progression'],
    ['3 consecutive missed sessions', weekly('session.missed', '2026-09-07', 3, { notice: true }), 'consecutive training sessions missed'],
    ['homework not handed in 4 times in a row', weekly('submission.missed', '2026-09-04', 4), 'homework not handed in on consecutive occasions'],
    ['a request for support', [concern('2026-10-01', 'support-request')], 'the learner is showing signs of, or asking for, additional support'],
    ['a mental or physical change', [concern('2026-10-01', 'illness')], 'a confidential concern was recorded (details stay with the safeguarding team)'],
    ['a referral to the safeguarding team', [concern('2026-10-01', 'safeguarding')], 'a confidential concern was recorded (details stay with the safeguarding team)'],
    ['a risk factor', [concern('2026-10-01', 'bereavement')], 'a start-of-programme or during-programme risk factor was recorded'],
    ['a 3rd unexplained absence at work', ['2026-09-07', '2026-09-08', '2026-09-09'].map((at) => ({ type: 'work.absence', at, explained: false })), 'unexplained absences at work'],
    ['leaving employment', [{ type: 'employment.ended', at: '2026-10-01' }], 'the learner left their employment'],
    ['2 cancelled visits in 4 weeks', [{ type: 'visit.cancelled', at: '2026-09-07' }, { type: 'visit.cancelled', at: '2026-09-14' }], 'cancelled visits'],
  ])('%s: one alert, and the Managers and IQAs told of it once', (_label, events, what) => {
    const run = simulate('mtt', events);
    const alert = run.of('alert');
    expect(alert).toHaveLength(1);
    expect(run.of('notify').filter((n) => n.role === 'managers')).toEqual([{ at: alert[0]!.at, kind: 'notify', role: 'managers', reason: `at-risk notification: ${what}` }]);
  });

  test('no recorded progress within 42 days: told on day 42 (13 Oct 2026), not on day 41', () => {
    expect(simulate('mtt', [], '2026-10-12').of('notify')).toEqual([]);
    expect(simulate('mtt', [], '2026-10-13').of('notify')).toEqual([
      { at: '2026-10-13T00:00:00.000+01:00', kind: 'notify', role: 'managers', reason: 'at-risk notification: no recorded progress' },
    ]);
  });

  test('below each threshold no notification, so the Managers and IQAs are not told: 29 points behind, 2 missed sessions, 3 missed homework', () => {
    for (const events of [[progress('2026-10-01', 21, 50)], weekly('session.missed', '2026-09-07', 2), weekly('submission.missed', '2026-09-04', 3)]) {
      expect(notices(events, 'managers')).toEqual([]);
    }
  });

  test('a second notification while at risk (a session missed without notice) tells them again', () => {
    const told = notices([...atRisk, missed('2026-10-05', false)], 'managers');
    expect(told.map((n) => [n.at, n.reason])).toEqual([
      ['2026-10-01T00:00:00.000+01:00', 'at-risk notification: the learner is showing signs of, or asking for, additional support'],
      ['2026-10-05T00:00:00.000+01:00', 'at-risk notification: a scheduled session missed without advance notice while at risk'],
    ]);
  });
});

describe('mtt "These plans will be shared with learners and employers (where appropriate)"', () => {
  test.each(['support', 'engagement'])('a %s plan agreed is shared with the learner and the employer, once each', (kind) => {
    const run = simulate('mtt', [...atRisk, plan('2026-10-05', kind)]);
    expect(run.of('notify').filter((n) => n.at.startsWith('2026-10-05'))).toEqual([
      { at: '2026-10-05T00:00:00.000+01:00', kind: 'notify', role: 'learner', reason: 'your support or engagement plan: the deadlines and requirements agreed for all parties' },
      {
        at: '2026-10-05T00:00:00.000+01:00',
        kind: 'notify',
        role: 'employer',
        reason: "the learner's support or engagement plan (where appropriate): the deadlines and requirements agreed for all parties",
      },
    ]);
    expect(run.of('alert')).toHaveLength(1);
  });

  test.each(['recovery', 'smart'])('a %s plan is not one of "these plans": no one is told', (kind) => {
    expect(simulate('mtt', [...atRisk, plan('2026-10-05', kind)]).of('notify').filter((n) => n.at.startsWith('2026-10-05'))).toEqual([]);
  });
});

describe('mtt "must ensure that employers are involved in any significant changes to planned delivery in the apprenticeship"', () => {
  const BREAK = { kind: 'notify', role: 'employer', reason: "a break in learning, a significant change to the apprenticeship's planned delivery" };

  test("a break in learning tells an apprentice's employer", () => {
    expect(notices([...atRisk, decide('2026-10-05', 'break-in-learning')], 'employer')).toEqual([{ at: '2026-10-05T00:00:00.000+01:00', ...BREAK }]);
  });

  test("a trainee's break in learning is not a change to an apprenticeship: the employer is not told", () => {
    expect(notices([...atRisk, decide('2026-10-05', 'break-in-learning')], 'employer', { programme: 'traineeship' })).toEqual([]);
  });
});

describe('mtt "a Learner Withdrawal and Exit Review will be performed, this will inform leaders and managers the reasons for non completion"', () => {
  const EXIT = 'Learner Withdrawal and Exit Review: the reasons for non-completion';

  test('a withdrawal tells the Managers and IQAs and the Directors, and puts the learner on the leaver panel', () => {
    const run = simulate('mtt', [...atRisk, decide('2026-10-05', 'employer-agreed'), decide('2026-10-06', 'withdraw')]);
    const at = '2026-10-06T00:00:00.000+01:00';
    expect(run.timeline.filter((e) => e.at === at && e.kind !== 'rating')).toEqual([
      { at, kind: 'agenda', meeting: 'leaver-panel', date: '2026-10-12' },
      { at, kind: 'notify', role: 'managers', reason: EXIT },
      { at, kind: 'notify', role: 'directors', reason: EXIT },
    ]);
  });

  test('a break in learning is not a withdrawal: no Exit Review notice', () => {
    const run = simulate('mtt', [...atRisk, decide('2026-10-05', 'break-in-learning')]);
    expect(run.of('notify').filter((n) => n.reason === EXIT)).toEqual([]);
  });
});

describe('mtt "any sensitive information that arises from safeguarding conversations must be shared only with the safeguarding team", also when the learner is no longer monitored', () => {
  const HEALTH = { kind: 'notify', role: 'safeguarding-team', reason: 'a health or wellbeing concern was raised for this learner: see the restricted record', sensitive: true };
  const SAFEGUARDING = { kind: 'notify', role: 'safeguarding-team', reason: 'a safeguarding concern was raised for this learner: see the restricted record', sensitive: true };
  const withdrawn = [...atRisk, decide('2026-10-05', 'employer-agreed'), decide('2026-10-06', 'withdraw')];
  const onBreak = [...atRisk, decide('2026-10-05', 'break-in-learning')];

  test.each<[string, EventJson[], string, object]>([
    ['after withdrawal, a mental or physical change', withdrawn, 'illness', HEALTH],
    ['after withdrawal, a referral to the safeguarding team', withdrawn, 'safeguarding', SAFEGUARDING],
    ['during a break in learning, a mental or physical change', onBreak, 'mental-health', HEALTH],
    ['during a break in learning, a referral to the safeguarding team', onBreak, 'safeguarding', SAFEGUARDING],
  ])('%s: the safeguarding team is told, and nothing else happens (no alert, no one else told, not back on the register)', (_label, before, category, notice) => {
    const run = simulate('mtt', [...before, concern('2026-10-20', category)]);
    expect(run.timeline.filter((e) => e.at.startsWith('2026-10-20'))).toEqual([{ at: '2026-10-20T00:00:00.000+01:00', ...notice }]);
    expect(run.case.atRisk).toBe(false);
  });

  test('while monitored the same concern still alerts and puts the learner at risk, and the safeguarding team is told once', () => {
    const run = simulate('mtt', [concern('2026-10-01', 'illness')]);
    expect(run.of('alert')).toHaveLength(1);
    expect(run.of('notify').filter((n) => n.role === 'safeguarding-team')).toEqual([{ at: '2026-10-01T00:00:00.000+01:00', ...HEALTH }]);
    expect(run.case.atRisk).toBe(true);
    // One reason on the register, though two rules read the concern.
    expect(run.case.reasons).toEqual(['a confidential concern was recorded (details go to the safeguarding team only)']);
  });
});
