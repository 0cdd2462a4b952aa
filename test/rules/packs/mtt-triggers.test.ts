/**
 * MTT (seeds/003_55c6189255ef96d8.txt), "When is a learner deemed 'at Risk'?" and
 * "Examples of When to Escalate": the at-risk indicators, the Directors told within the
 * first 60 days, the team and Directors meeting "within 10 days", and the escalation
 * circumstances (support request, mental or physical changes, more than 2 unexplained
 * absences at work, left employment).
 *
 * The default learner is an England apprentice starting Tue 1 Sep 2026; the "no recorded
 * progress within 42 days" timer would fire on 13 Oct 2026, so scenarios end before then
 * or record an activity.
 */
import { activity, concern, progress } from '../events.js';
import { simulate, weekly, type EventJson } from '../scenario.js';

const BEHIND = '30% behind planned progression';
const SESSIONS = '3 consecutive missed sessions';
const HOMEWORK = 'homework not handed in on 4 consecutive occasions';
const SUPPORT = 'showing signs of, or asking for, additional support';
const CONFIDENTIAL = 'a confidential concern was recorded (details go to the safeguarding team only)';
const ABSENCES = 'more than 2 unexplained absences at work';
const LEFT = 'left their employment';
const DIRECTORS_60 = 'at risk within the first 60 days';
/** "tutors should discuss the problems with the Quality Lead and decide the steps needed together" */
const TOGETHER = ': discuss the problems with the tutor and decide the steps needed together';
const QL_BEHIND = { kind: 'notify', role: 'quality-lead', reason: `behind planned progression${TOGETHER}` } as const;
const QL_CONFIDENTIAL = { kind: 'notify', role: 'quality-lead', reason: `a confidential concern was recorded (details stay with the safeguarding team)${TOGETHER}` } as const;
const QL_SESSIONS = { kind: 'notify', role: 'quality-lead', reason: `consecutive training sessions missed without calling in${TOGETHER}` } as const;
/** "RecordMy ... alerts their skills coach, tutor and the IQA and Management team": every alert tells the Managers and IQAs. */
const managers = (what: string) => ({ kind: 'notify', role: 'managers', reason: `at-risk notification: ${what}` }) as const;
const MANAGERS_WHAT: Record<string, string> = {
  [BEHIND]: 'behind planned progression',
  [SESSIONS]: 'consecutive training sessions missed',
  [HOMEWORK]: 'homework not handed in on consecutive occasions',
};
const START_RATING = { at: '2026-09-01T00:00:00.000+01:00', kind: 'rating', from: null, to: 'low' };

const absence = (at: string, explained: boolean): EventJson => ({ type: 'work.absence', at, explained });

/** The entries an at-risk indicator gives at first risk within the first 60 days (`qualityLead`: its notice, when the indicator is also an example of when to escalate). */
function firstIndicator(at: string, reason: string, agendaDate: string, qualityLead?: { kind: 'notify'; role: 'quality-lead'; reason: string }) {
  return [
    { at, kind: 'alert', reasons: [reason] },
    { at, kind: 'rating', from: 'low', to: 'medium' },
    { at, kind: 'recommend', action: 'support-plan', reasons: [reason] },
    { at, kind: 'notify', role: 'directors', reason: DIRECTORS_60 },
    ...(qualityLead ? [{ at, ...qualityLead }] : []),
    { at, kind: 'agenda', meeting: 'team-and-directors', date: agendaDate },
    { at, ...managers(MANAGERS_WHAT[reason]!) },
  ];
}

describe('mtt "is 30% behind planned progression" (decision: planned - actual >= 30 percentage points)', () => {
  test('29 points behind (21 of 50) is not at risk', () => {
    const run = simulate('mtt', [progress('2026-10-01', 21, 50)]);
    expect(run.timeline).toEqual([START_RATING]);
    expect(run.case.atRisk).toBe(false);
  });

  test('exactly 30 points behind (20 of 50) alerts, rates medium, recommends a support plan, tells the Directors and the Quality Lead', () => {
    const run = simulate('mtt', [progress('2026-10-01', 20, 50)]);
    // Thu 1 Oct 2026 + 10 calendar days = Sun 11 Oct 2026.
    expect(run.timeline).toEqual([START_RATING, ...firstIndicator('2026-10-01T00:00:00.000+01:00', BEHIND, '2026-10-11', QL_BEHIND)]);
    expect(run.case.atRisk).toBe(true);
    expect(run.case.rating).toBe('medium');
  });

  test('31 points behind (19 of 50) alerts the same way', () => {
    const run = simulate('mtt', [progress('2026-10-01', 19, 50)]);
    expect(run.timeline).toEqual([START_RATING, ...firstIndicator('2026-10-01T00:00:00.000+01:00', BEHIND, '2026-10-11', QL_BEHIND)]);
  });

  test('fires once while the learner stays behind, and again after recovering and falling behind again', () => {
    const run = simulate('mtt', [
      progress('2026-09-10', 20, 50), // 30 behind: fires
      progress('2026-09-17', 25, 60), // 35 behind, still behind: nothing new
      progress('2026-09-24', 40, 60), // 20 behind: recovered
      progress('2026-10-01', 30, 61), // 31 behind again: fires again
    ]);
    const again = '2026-10-01T00:00:00.000+01:00';
    expect(run.of('alert')).toEqual([
      { at: '2026-09-10T00:00:00.000+01:00', kind: 'alert', reasons: [BEHIND] },
      { at: again, kind: 'alert', reasons: [BEHIND] },
    ]);
    // Second time: already at risk, so no new support-plan recommendation and no rating change.
    expect(run.timeline.filter((e) => e.at === again)).toEqual([
      { at: again, kind: 'alert', reasons: [BEHIND] },
      { at: again, kind: 'notify', role: 'directors', reason: DIRECTORS_60 },
      { at: again, ...QL_BEHIND },
      { at: again, kind: 'agenda', meeting: 'team-and-directors', date: '2026-10-11' },
      { at: again, ...managers('behind planned progression') },
    ]);
    expect(run.of('rating')).toHaveLength(2);
  });
});

describe('mtt "has missed 3 consecutive training sessions" (decision: with or without notice; attendance breaks the run)', () => {
  test('2 consecutive misses are not at risk', () => {
    const run = simulate('mtt', weekly('session.missed', '2026-09-07', 2, { notice: true }));
    expect(run.timeline).toEqual([START_RATING]);
  });

  test('the 3rd consecutive miss (all with notice) alerts; the Quality Lead is not told (the escalation example is "without calling in")', () => {
    const run = simulate('mtt', weekly('session.missed', '2026-09-07', 3, { notice: true }));
    // 3rd miss Mon 21 Sep 2026 + 10 calendar days = Thu 1 Oct 2026.
    expect(run.timeline).toEqual([START_RATING, ...firstIndicator('2026-09-21T00:00:00.000+01:00', SESSIONS, '2026-10-01')]);
  });

  test('a 4th consecutive miss with notice gives nothing new (the rule fired once for the run)', () => {
    const run = simulate('mtt', weekly('session.missed', '2026-09-07', 4, { notice: true }));
    expect(run.of('alert')).toEqual([{ at: '2026-09-21T00:00:00.000+01:00', kind: 'alert', reasons: [SESSIONS] }]);
    expect(run.timeline.filter((e) => e.at.startsWith('2026-09-28'))).toEqual([]);
  });

  test('an attended session breaks the run: miss, miss, attend, miss is not at risk', () => {
    const run = simulate('mtt', [
      ...weekly('session.missed', '2026-09-07', 2, { notice: true }),
      { type: 'session.attended', at: '2026-09-21' },
      { type: 'session.missed', at: '2026-09-28', notice: true },
    ]);
    expect(run.timeline).toEqual([START_RATING]);
  });

  test('after an attended session a fresh run of 3 is needed', () => {
    const run = simulate('mtt', [
      ...weekly('session.missed', '2026-09-02', 2, { notice: true }),
      { type: 'session.attended', at: '2026-09-16' },
      ...weekly('session.missed', '2026-09-17', 3, { notice: true }), // 17, 24 Sep, 1 Oct
    ]);
    expect(run.of('alert')).toEqual([{ at: '2026-10-01T00:00:00.000+01:00', kind: 'alert', reasons: [SESSIONS] }]);
  });

  test('misses without notice count too (the 3rd alerts and, being "without calling in", tells the Quality Lead; the learner was not at risk before it, so no Stage 1 yet)', () => {
    const run = simulate('mtt', weekly('session.missed', '2026-09-07', 3, { notice: false }));
    const at = '2026-09-21T00:00:00.000+01:00';
    expect(run.timeline).toEqual([START_RATING, ...firstIndicator(at, SESSIONS, '2026-10-01'), { at, ...QL_SESSIONS }]);
  });
});

describe('mtt "not handing in homework on four consecutive occasions" (a submission resets the run)', () => {
  test('3 consecutive missed homework is not at risk', () => {
    expect(simulate('mtt', weekly('submission.missed', '2026-09-04', 3)).timeline).toEqual([START_RATING]);
  });

  test('the 4th consecutive missed homework alerts', () => {
    const run = simulate('mtt', weekly('submission.missed', '2026-09-04', 4));
    // 4th on Fri 25 Sep 2026 + 10 calendar days = Mon 5 Oct 2026.
    expect(run.timeline).toEqual([START_RATING, ...firstIndicator('2026-09-25T00:00:00.000+01:00', HOMEWORK, '2026-10-05')]);
  });

  test('a 5th consecutive miss gives nothing new', () => {
    const run = simulate('mtt', weekly('submission.missed', '2026-09-04', 5));
    expect(run.of('alert')).toEqual([{ at: '2026-09-25T00:00:00.000+01:00', kind: 'alert', reasons: [HOMEWORK] }]);
  });

  test('a submission between misses resets: 3 missed, 1 made, 3 missed is not at risk', () => {
    const run = simulate('mtt', [
      ...weekly('submission.missed', '2026-09-02', 3),
      { type: 'submission.made', at: '2026-09-23' },
      ...weekly('submission.missed', '2026-09-24', 3),
    ]);
    expect(run.timeline).toEqual([START_RATING]);
  });
});

describe('mtt "if these indicators occur within the first 60 days on programme the Directors should be informed immediately"', () => {
  // Start Tue 1 Sep 2026 = day 0; day 59 = Fri 30 Oct, day 60 = Sat 31 Oct, day 61 = Sun 1 Nov 2026 (GMT).
  // An activity on 1 Oct keeps the 42-day timer out of the way (it would fire on 12 Nov).
  test.each([
    ['day 59', '2026-10-30', true],
    ['day 60', '2026-10-31', false],
    ['day 61', '2026-11-01', false],
  ])('30%% behind on %s (%s): Directors told = %s (the Quality Lead always)', (_, day, told) => {
    const run = simulate('mtt', [activity('2026-10-01'), progress(day, 20, 50)]);
    const at = `${day}T00:00:00.000+00:00`;
    expect(run.of('alert')).toEqual([{ at, kind: 'alert', reasons: [BEHIND] }]);
    expect(run.of('notify')).toEqual([
      ...(told ? [{ at, kind: 'notify', role: 'directors', reason: DIRECTORS_60 }] : []),
      { at, ...QL_BEHIND },
      { at, ...managers('behind planned progression') },
    ]);
  });

  test('3rd consecutive missed session on day 59 tells the Directors (and the Managers and IQAs; the Quality Lead too, as none was called in)', () => {
    const run = simulate('mtt', [activity('2026-10-01'), ...weekly('session.missed', '2026-10-16', 3, { notice: false })]);
    const at = '2026-10-30T00:00:00.000+00:00';
    expect(run.of('notify')).toEqual([
      { at, kind: 'notify', role: 'directors', reason: DIRECTORS_60 },
      { at, ...managers('consecutive training sessions missed') },
      { at, ...QL_SESSIONS },
    ]);
  });

  test('4th consecutive missed homework on day 60 does not tell the Directors (the alert, and the Managers and IQAs only)', () => {
    const run = simulate('mtt', [activity('2026-10-01'), ...weekly('submission.missed', '2026-10-10', 4)]);
    const at = '2026-10-31T00:00:00.000+00:00';
    expect(run.of('alert')).toEqual([{ at, kind: 'alert', reasons: [HOMEWORK] }]);
    expect(run.of('notify')).toEqual([{ at, ...managers('homework not handed in on consecutive occasions') }]);
  });
});

describe('mtt "the team and Directors will discuss further interventions within 10 days" (decision: calendar days)', () => {
  test('a notification on Thu 24 Dec 2026 is on the agenda by Sun 3 Jan 2027 (calendar days, bank holidays included)', () => {
    const run = simulate('mtt', [concern('2026-12-24', 'support-request')], undefined, { startDate: '2026-12-01' });
    // 24 Dec + 10 calendar days = 3 Jan 2027.
    expect(run.of('agenda')).toEqual([{ at: '2026-12-24T00:00:00.000+00:00', kind: 'agenda', meeting: 'team-and-directors', date: '2027-01-03' }]);
  });
});

describe('mtt "Learner showing signs of, or requesting needing additional support"', () => {
  test('a support request alerts, rates medium, recommends a support plan, tells the Quality Lead, goes on the agenda', () => {
    const at = '2026-10-01T00:00:00.000+01:00';
    expect(simulate('mtt', [concern('2026-10-01', 'support-request')]).timeline).toEqual([
      START_RATING,
      { at, kind: 'alert', reasons: [SUPPORT] },
      { at, kind: 'rating', from: 'low', to: 'medium' },
      { at, kind: 'recommend', action: 'support-plan', reasons: [SUPPORT] },
      { at, kind: 'notify', role: 'quality-lead', reason: "discuss the learner's needs with the tutor and agree the next steps" },
      { at, kind: 'agenda', meeting: 'team-and-directors', date: '2026-10-11' },
      { at, ...managers('the learner is showing signs of, or asking for, additional support') },
    ]);
  });
});

describe('mtt "Mental or physical changes" ("sensitive information ... shared only with the safeguarding team")', () => {
  const CATEGORIES = ['mental-health', 'health', 'illness', 'wellbeing', 'pregnancy-maternity', 'vulnerability'];

  test.each(CATEGORIES)('a "%s" concern: generic alert, sensitive notify to the safeguarding team only; the Quality Lead is told without the details', (category) => {
    const at = '2026-10-01T00:00:00.000+01:00';
    const run = simulate('mtt', [concern('2026-10-01', category)]);
    expect(run.timeline).toEqual([
      START_RATING,
      { at, kind: 'alert', reasons: [CONFIDENTIAL] },
      { at, kind: 'rating', from: 'low', to: 'medium' },
      { at, kind: 'recommend', action: 'support-plan', reasons: [CONFIDENTIAL] },
      { at, ...QL_CONFIDENTIAL },
      { at, kind: 'agenda', meeting: 'team-and-directors', date: '2026-10-11' },
      { at, ...managers('a confidential concern was recorded (details stay with the safeguarding team)') },
      {
        at,
        kind: 'notify',
        role: 'safeguarding-team',
        reason: 'a health or wellbeing concern was raised for this learner: see the restricted record',
        sensitive: true,
      },
    ]);
  });

  test('the channel alert names no category: every category (and safeguarding) gives the same text, none names it', () => {
    const categories = [...CATEGORIES, 'safeguarding'];
    const runs = categories.map((c) => simulate('mtt', [concern('2026-10-01', c)]));
    const alerts = runs.map((r) => JSON.stringify(r.of('alert')));
    expect(new Set(alerts).size).toBe(1);
    // (Its generic text says where details go, "the safeguarding team", the same for every category.)
    CATEGORIES.forEach((c, i) => {
      expect(alerts[i]).not.toContain(c);
      // Only the sensitive direct message may say what kind of concern it was.
      for (const entry of runs[i]!.timeline.filter((e) => !('sensitive' in e))) expect(JSON.stringify(entry)).not.toContain(c);
    });
  });

  test('a safeguarding concern alerts, rates medium and tells the safeguarding team, sensitive', () => {
    const at = '2026-10-01T00:00:00.000+01:00';
    const run = simulate('mtt', [concern('2026-10-01', 'safeguarding')]);
    expect(run.of('alert')).toEqual([{ at, kind: 'alert', reasons: [CONFIDENTIAL] }]);
    expect(run.of('rating')).toContainEqual({ at, kind: 'rating', from: 'low', to: 'medium' });
    expect(run.of('notify')).toEqual([
      { at, ...managers('a confidential concern was recorded (details stay with the safeguarding team)') },
      { at, kind: 'notify', role: 'safeguarding-team', reason: 'a safeguarding concern was raised for this learner: see the restricted record', sensitive: true },
    ]);
  });
});

describe('mtt "Apprentice has more than 2 unexplained absences at work"', () => {
  test('2 unexplained absences (and 3 explained ones) are not at risk', () => {
    const run = simulate('mtt', [
      absence('2026-09-02', false),
      absence('2026-09-03', true),
      absence('2026-09-04', true),
      absence('2026-09-07', true),
      absence('2026-09-08', false),
    ]);
    expect(run.timeline).toEqual([START_RATING]);
  });

  test('the 3rd unexplained absence alerts, rates medium, recommends a support plan, tells the Quality Lead (explained ones between do not matter)', () => {
    const at = '2026-09-09T00:00:00.000+01:00';
    const run = simulate('mtt', [absence('2026-09-02', false), absence('2026-09-03', true), absence('2026-09-08', false), absence('2026-09-09', false)]);
    expect(run.timeline).toEqual([
      START_RATING,
      { at, kind: 'alert', reasons: [ABSENCES] },
      { at, kind: 'rating', from: 'low', to: 'medium' },
      { at, kind: 'recommend', action: 'support-plan', reasons: [ABSENCES] },
      { at, kind: 'notify', role: 'quality-lead', reason: `unexplained absences at work${TOGETHER}` },
      { at, kind: 'agenda', meeting: 'team-and-directors', date: '2026-09-19' },
      { at, ...managers('unexplained absences at work') },
    ]);
  });
});

describe('mtt "Apprentice has left their employment"', () => {
  test('alerts, rates high straight from low, recommends a support plan (first risk), notifies the Directors (training plan transfer) and the Quality Lead, goes on the agenda', () => {
    const at = '2026-10-01T00:00:00.000+01:00';
    expect(simulate('mtt', [{ type: 'employment.ended', at: '2026-10-01' }]).timeline).toEqual([
      START_RATING,
      { at, kind: 'alert', reasons: [LEFT] },
      { at, kind: 'rating', from: 'low', to: 'high' },
      { at, kind: 'recommend', action: 'support-plan', reasons: [LEFT] },
      { at, kind: 'notify', role: 'directors', reason: 'the learner left their employer: decide whether the training plan can transfer' },
      { at, kind: 'notify', role: 'quality-lead', reason: `the learner left their employment${TOGETHER}` },
      { at, kind: 'agenda', meeting: 'team-and-directors', date: '2026-10-11' },
      { at, ...managers('the learner left their employment') },
    ]);
  });
});
