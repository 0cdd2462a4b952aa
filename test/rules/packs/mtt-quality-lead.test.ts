/**
 * MTT (seeds/003_55c6189255ef96d8.txt), "Examples of When to Escalate an “At Risk” Learner":
 * "These examples are when the learner has not improved after the first intervention and at
 * this point tutors should discuss the problems with the Quality Lead and decide the steps
 * needed together." Every example tells the Quality Lead (decision: a notify effect, no task,
 * since the policy sets no deadline for the discussion). The at-risk indicators that are not
 * examples (four missed homework, the other risk factors) do not.
 *
 * The default learner is an England apprentice starting Tue 1 Sep 2026.
 */
import { concern, missed, progress } from '../events.js';
import { simulate, weekly, type EventJson } from '../scenario.js';

const TOGETHER = ': discuss the problems with the tutor and decide the steps needed together';
const qualityLead = (events: EventJson[]) => simulate('mtt', events).of('notify').filter((n) => n.role === 'quality-lead');
const absence = (at: string, explained = false): EventJson => ({ type: 'work.absence', at, explained });

describe('mtt "tutors should discuss the problems with the Quality Lead and decide the steps needed together": every example tells the Quality Lead', () => {
  test.each<[string, EventJson[], string, string]>([
    ['"Learner showing signs of, or requesting needing additional support"', [concern('2026-10-01', 'support-request')], '2026-10-01', "discuss the learner's needs with the tutor and agree the next steps"],
    ['"Mental or physical changes"', [concern('2026-10-01', 'illness')], '2026-10-01', `a confidential concern was recorded (details stay with the safeguarding team)${TOGETHER}`],
    ['"30% behind planned progression"', [progress('2026-10-01', 20, 50)], '2026-10-01', `behind planned progression${TOGETHER}`],
    ['"Missed 3 consecutive training sessions without calling in"', weekly('session.missed', '2026-09-07', 3, { notice: false }), '2026-09-21', `consecutive training sessions missed without calling in${TOGETHER}`],
    ['"Apprentice has more than 2 unexplained absences at work"', [absence('2026-09-07'), absence('2026-09-08'), absence('2026-09-09')], '2026-09-09', `unexplained absences at work${TOGETHER}`],
    ['"Apprentice has left their employment"', [{ type: 'employment.ended', at: '2026-10-01' }], '2026-10-01', `the learner left their employment${TOGETHER}`],
  ])('%s: one notice to the Quality Lead', (_example, events, day, reason) => {
    expect(qualityLead(events)).toEqual([{ at: `${day}T00:00:00.000+01:00`, kind: 'notify', role: 'quality-lead', reason }]);
  });

  test.each<[string, EventJson[]]>([
    ['homework not handed in on four consecutive occasions (an at-risk indicator, not an example)', weekly('submission.missed', '2026-09-04', 4)],
    ['a during-programme risk factor (bereavement)', [concern('2026-10-01', 'bereavement')]],
    ['a referral to the safeguarding team', [concern('2026-10-01', 'safeguarding')]],
  ])('not an example: %s does not tell the Quality Lead', (_label, events) => {
    const run = simulate('mtt', events);
    expect(run.of('alert')).toHaveLength(1);
    expect(run.of('notify').filter((n) => n.role === 'quality-lead')).toEqual([]);
  });

  test('"Mental or physical changes": the Quality Lead\'s notice is not sensitive and names no category', () => {
    for (const category of ['mental-health', 'health', 'illness', 'wellbeing', 'pregnancy-maternity', 'vulnerability']) {
      const [notice, ...more] = qualityLead([concern('2026-10-01', category)]);
      expect(more).toEqual([]);
      expect(notice).not.toHaveProperty('sensitive');
      expect(JSON.stringify(notice)).not.toContain(category);
    }
  });
});

describe('mtt "30% behind planned progression" tells the Quality Lead at 30 points, not below', () => {
  test.each([
    [21, 50, 0],
    [20, 50, 1],
    [19, 50, 1],
  ])('%i of %i planned: %i notice(s)', (actual, planned, notices) => {
    expect(qualityLead([progress('2026-10-01', actual, planned)])).toHaveLength(notices);
  });
});

describe('mtt "Missed 3 consecutive training sessions without calling in (even if this is due to work)" tells the Quality Lead on the 3rd', () => {
  test('2 in a row: not told; the 3rd: told; the 4th: no second notice', () => {
    expect(qualityLead(weekly('session.missed', '2026-09-07', 2, { notice: false }))).toEqual([]);
    expect(qualityLead(weekly('session.missed', '2026-09-07', 3, { notice: false })).map((n) => n.at)).toEqual(['2026-09-21T00:00:00.000+01:00']);
    expect(qualityLead(weekly('session.missed', '2026-09-07', 4, { notice: false })).map((n) => n.at)).toEqual(['2026-09-21T00:00:00.000+01:00']);
  });

  test('"without calling in": 3 misses after calling in put the learner at risk but do not tell the Quality Lead', () => {
    const run = simulate('mtt', weekly('session.missed', '2026-09-07', 3, { notice: true }));
    expect(run.of('alert')).toHaveLength(1);
    expect(run.of('notify').filter((n) => n.role === 'quality-lead')).toEqual([]);
  });

  test('"without calling in": a miss after calling in breaks the run; 3 in a row without calling in after it tell the Quality Lead', () => {
    const events = [missed('2026-09-07', false), missed('2026-09-08', true), missed('2026-09-09', false), missed('2026-09-10', false)];
    expect(qualityLead(events)).toEqual([]);
    expect(qualityLead([...events, missed('2026-09-11', false)]).map((n) => n.at)).toEqual(['2026-09-11T00:00:00.000+01:00']);
  });

  test('a miss with no `notice` is "without calling in"', () => {
    expect(qualityLead(weekly('session.missed', '2026-09-07', 3)).map((n) => n.at)).toEqual(['2026-09-21T00:00:00.000+01:00']);
  });

  test('an attended session breaks the run', () => {
    const events = [missed('2026-09-07', false), missed('2026-09-08', false), { type: 'session.attended', at: '2026-09-09' }, missed('2026-09-10', false)];
    expect(qualityLead(events)).toEqual([]);
    expect(qualityLead([...events, missed('2026-09-11', false), missed('2026-09-14', false)]).map((n) => n.at)).toEqual(['2026-09-14T00:00:00.000+01:00']);
  });
});

describe('mtt "Apprentice has more than 2 unexplained absences at work" tells the Quality Lead on the 3rd', () => {
  test('2 unexplained (and an explained one): not told; the 3rd unexplained: told', () => {
    const two = [absence('2026-09-07'), absence('2026-09-08', true), absence('2026-09-09')];
    expect(qualityLead(two)).toEqual([]);
    expect(qualityLead([...two, absence('2026-09-10')]).map((n) => n.at)).toEqual(['2026-09-10T00:00:00.000+01:00']);
  });
});
