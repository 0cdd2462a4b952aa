/**
 * Creative Alliance (seeds/001_015322b6e3381cda.txt), "Actions: Learner does not turn up for
 * pre-arranged visit and has not advised the DC": the DC contacts the learner and speaks to
 * the employer (visit now, or set work and a new date), includes the Quality Manager, and
 * "for every instance of this ... is expected to email the learners' Manager"; "Cancelled
 * visits and lack of engagement to be discussed during DC's next Caseload Review with
 * Quality Manager". "Learner cancellation process": re-arrange, log, email learner and
 * manager copying the QM. The pack's caseload review is 4-weekly from Mon 5 Jan 2026, 10:00.
 */
import { cancelled, contact, visitMissed } from '../events.js';
import { simulate, type LearnerFields, type Scenario } from '../scenario.js';

type Nation = NonNullable<LearnerFields['nation']>;

const MISSED = 'did not turn up for a pre-arranged visit without cancelling';
const FOLLOW_UP = 'Contact the learner and the employer: hold the visit now, or set work and a new date';
const EMPLOYER = 'email from the Development Coach: a pre-arranged visit was missed; please help the learner attend';
const LEARNER = 'email from the Development Coach: you missed a pre-arranged visit without cancelling; your manager is told and the Quality Manager copied';
const QM = 'copied into the correspondence about a missed visit';

const at = (run: Scenario, instant: string) => run.timeline.filter((e) => e.at === instant);

/** What the "Learner cancellation process" does for a cancellation at `instant` (no alert). */
const cancellation = (instant: string, caseload: string) => [
  { at: instant, kind: 'notify', role: 'coach', reason: 're-arrange the visit so the learner is seen, and log the cancellation' },
  { at: instant, kind: 'notify', role: 'learner', reason: 'email from the Development Coach about the cancelled pre-arranged visit; your manager is told and the Quality Manager copied' },
  { at: instant, kind: 'notify', role: 'employer', reason: 'email from the Development Coach: the learner cancelled a pre-arranged visit' },
  { at: instant, kind: 'notify', role: 'quality-manager', reason: 'copied into the email about a cancelled visit' },
  { at: instant, kind: 'agenda', meeting: 'caseload-review', date: caseload },
];

/** What every missed visit without notice does at `instant`. */
const missedVisit = (instant: string, due: string, caseload: string) => [
  { at: instant, kind: 'alert', reasons: [MISSED] },
  { at: instant, kind: 'task', task: 'follow-up-missed-visit', role: 'coach', due, title: FOLLOW_UP },
  { at: instant, kind: 'notify', role: 'learner', reason: LEARNER },
  { at: instant, kind: 'notify', role: 'employer', reason: EMPLOYER },
  { at: instant, kind: 'notify', role: 'quality-manager', reason: QM },
  { at: instant, kind: 'agenda', meeting: 'caseload-review', date: caseload },
];

describe('creative-alliance "Learner does not turn up for pre-arranged visit and has not advised the DC"', () => {
  test('"3. DC to email Learner and Manager and cc in Quality Manager": a missed visit (Mon 7 Sep 2026, 09:00) alerts, sets the follow-up for the next working day, emails the learner and the manager, copies the QM, goes on the caseload review', () => {
    const run = simulate('creative-alliance', [visitMissed('2026-09-07T09:00:00+01:00')]);
    expect(run.timeline).toEqual(missedVisit('2026-09-07T09:00:00.000+01:00', '2026-09-08', '2026-09-14'));
    expect(run.case.atRisk).toBe(true);
  });

  test('"For every instance of this": a second missed visit (after the first was followed up) does all of it again', () => {
    const run = simulate('creative-alliance', [
      visitMissed('2026-09-07T09:00:00+01:00'),
      contact('2026-09-07T11:00:00+01:00', 'phone', 'reached', { with: 'learner' }),
      contact('2026-09-07T11:30:00+01:00', 'phone', 'reached', { with: 'employer' }),
      visitMissed('2026-09-21T09:00:00+01:00'),
    ]);
    // Sittings of the caseload review (4-weekly from 2026-01-05): ... 14 Sep, 12 Oct 2026.
    expect(at(run, '2026-09-21T09:00:00.000+01:00')).toEqual(missedVisit('2026-09-21T09:00:00.000+01:00', '2026-09-22', '2026-10-12'));
    expect(run.of('overdue')).toEqual([]);
  });

  test('"For every instance of this": a second missed visit while the first follow-up is still open gets its own follow-up, due the next working day', () => {
    const run = simulate('creative-alliance', [visitMissed('2026-09-07T09:00:00+01:00'), visitMissed('2026-09-14T09:00:00+01:00')]);
    expect(at(run, '2026-09-14T09:00:00.000+01:00')).toEqual(missedVisit('2026-09-14T09:00:00.000+01:00', '2026-09-15', '2026-09-14'));
  });

  test('a visit missed with notice is a cancellation, not a missed appointment: no alert, the cancellation process instead', () => {
    const run = simulate('creative-alliance', [visitMissed('2026-09-07T09:00:00+01:00', { notice: true })]);
    expect(run.timeline).toEqual(cancellation('2026-09-07T09:00:00.000+01:00', '2026-09-14'));
    expect(run.case.atRisk).toBe(false);
  });

  test('"Learner does not turn up/cancels pre-arranged visit ... 3. DC to email Learner and Manager and cc in Quality Manager": a visit cancelled by the learner', () => {
    const run = simulate('creative-alliance', [{ type: 'visit.cancelled', at: '2026-09-07T09:00:00+01:00', by: 'learner' }]);
    expect(run.timeline).toEqual(cancellation('2026-09-07T09:00:00.000+01:00', '2026-09-14'));
    expect(run.case.atRisk).toBe(false);
  });

  test('"Cancelled visits ... to be discussed during DC\'s next Caseload Review": a cancellation after the 10:00 sitting of Mon 14 Sep goes on Mon 12 Oct', () => {
    expect(simulate('creative-alliance', [cancelled('2026-09-14T09:59:00+01:00', 'learner')]).of('agenda')).toEqual([
      { at: '2026-09-14T09:59:00.000+01:00', kind: 'agenda', meeting: 'caseload-review', date: '2026-09-14' },
    ]);
    expect(simulate('creative-alliance', [cancelled('2026-09-14T10:01:00+01:00', 'learner')]).of('agenda')).toEqual([
      { at: '2026-09-14T10:01:00.000+01:00', kind: 'agenda', meeting: 'caseload-review', date: '2026-10-12' },
    ]);
  });

  test.each(['employer', 'provider'])('a visit cancelled by the %s is not the learner\'s doing: nothing', (by) => {
    expect(simulate('creative-alliance', [{ type: 'visit.cancelled', at: '2026-09-07', by }]).timeline).toEqual([]);
  });
});

describe('creative-alliance "The DC should contact the learner ... and speak to the employer" by the next working day', () => {
  const OVERDUE = { at: '2026-09-09T00:00:00.000+01:00', kind: 'overdue', task: 'follow-up-missed-visit', role: 'coach', due: '2026-09-08' };

  test('contacting the learner and the employer completes the follow-up: never overdue', () => {
    const run = simulate(
      'creative-alliance',
      [visitMissed('2026-09-07T09:00:00+01:00'), contact('2026-09-08T16:00:00+01:00', 'phone', 'reached', { with: 'learner' }), contact('2026-09-08T23:59:00+01:00', 'email', 'no_response', { with: 'employer' })],
      '2026-09-10',
    );
    expect(run.of('overdue')).toEqual([]);
    expect(run.case.openTasks).toEqual([]);
  });

  test('no follow-up: not overdue at the end of Tue 8 Sep (the due date), overdue at 00:00 on Wed 9 Sep', () => {
    expect(simulate('creative-alliance', [visitMissed('2026-09-07T09:00:00+01:00')], '2026-09-08').of('overdue')).toEqual([]);
    expect(simulate('creative-alliance', [visitMissed('2026-09-07T09:00:00+01:00')], '2026-09-09').of('overdue')).toEqual([OVERDUE]);
  });

  test('only the learner contacted (twice) is not "speak to the employer": still overdue', () => {
    const run = simulate(
      'creative-alliance',
      [visitMissed('2026-09-07T09:00:00+01:00'), contact('2026-09-07T10:00:00+01:00', 'phone', 'no_answer', { with: 'learner' }), contact('2026-09-07T11:00:00+01:00', 'email', 'no_response', { with: 'learner' })],
      '2026-09-09',
    );
    expect(run.of('overdue')).toEqual([OVERDUE]);
  });

  test('only the employer contacted (once) is not enough: overdue', () => {
    const run = simulate('creative-alliance', [visitMissed('2026-09-07T09:00:00+01:00'), contact('2026-09-07T10:00:00+01:00', 'phone', 'reached', { with: 'employer' })], '2026-09-09');
    expect(run.of('overdue')).toEqual([OVERDUE]);
  });
});

describe('creative-alliance follow-up "the next working day" across bank holidays', () => {
  test.each<[string, Nation, string, string, string]>([
    ['an ordinary Friday', 'england', '2026-09-11', '2026-09-14', '2026-09-15T00:00:00.000+01:00'],
    // Thu 24 Dec 2026: [Fri 25 Christmas, Sat, Sun, Mon 28 Boxing Day substitute] -> Tue 29 Dec.
    ['Christmas 2026, England', 'england', '2026-12-24', '2026-12-29', '2026-12-30T00:00:00.000+00:00'],
    ['Christmas 2026, Scotland', 'scotland', '2026-12-24', '2026-12-29', '2026-12-30T00:00:00.000+00:00'],
    // Thu 31 Dec 2026: [Fri 1 Jan 2027] -> Mon 4 Jan (England); Scotland also skips Mon 4 Jan (2 January substitute).
    ['New Year 2027, England', 'england', '2026-12-31', '2027-01-04', '2027-01-05T00:00:00.000+00:00'],
    ['New Year 2027, Scotland (2 January substitute)', 'scotland', '2026-12-31', '2027-01-05', '2027-01-06T00:00:00.000+00:00'],
    ['New Year 2027, Northern Ireland (no 2 January)', 'northern-ireland', '2026-12-31', '2027-01-04', '2027-01-05T00:00:00.000+00:00'],
    // Thu 25 Mar 2027: [Good Friday 26, Easter Monday 29] -> Tue 30 Mar; Scotland has no Easter Monday -> Mon 29 Mar.
    ['Easter 2027, England', 'england', '2027-03-25', '2027-03-30', '2027-03-31T00:00:00.000+01:00'],
    ['Easter 2027, Wales', 'wales', '2027-03-25', '2027-03-30', '2027-03-31T00:00:00.000+01:00'],
    ['Easter 2027, Scotland (no Easter Monday)', 'scotland', '2027-03-25', '2027-03-29', '2027-03-30T00:00:00.000+01:00'],
    // Tue 16 Mar 2027: Northern Ireland skips St Patrick's Day (Wed 17) -> Thu 18; England -> Wed 17.
    ['St Patrick\'s Day 2027, England', 'england', '2027-03-16', '2027-03-17', '2027-03-18T00:00:00.000+00:00'],
    ['St Patrick\'s Day 2027, Northern Ireland', 'northern-ireland', '2027-03-16', '2027-03-18', '2027-03-19T00:00:00.000+00:00'],
    // Fri 30 Apr 2027: [Sat, Sun, Mon 3 May] -> Tue 4 May. Fri 28 May: [Mon 31 May] -> Tue 1 Jun.
    ['Early May 2027, England', 'england', '2027-04-30', '2027-05-04', '2027-05-05T00:00:00.000+01:00'],
    ['Spring bank holiday 2027, England', 'england', '2027-05-28', '2027-06-01', '2027-06-02T00:00:00.000+01:00'],
    ['a visit missed on a bank holiday (Mon 3 May 2027)', 'england', '2027-05-03', '2027-05-04', '2027-05-05T00:00:00.000+01:00'],
  ])('over %s (%s): missed %s -> follow up by %s, overdue at %s', (_label, nation, day, due, overdueAt) => {
    const run = simulate('creative-alliance', [visitMissed(day)], due, { nation });
    expect(run.of('task')).toEqual([{ at: expect.stringMatching(new RegExp(`^${day}T00:00:00`)), kind: 'task', task: 'follow-up-missed-visit', role: 'coach', due, title: FOLLOW_UP }]);
    expect(run.of('overdue')).toEqual([]);
    const later = simulate('creative-alliance', [visitMissed(day)], overdueAt.slice(0, 10), { nation });
    expect(later.of('overdue')).toEqual([{ at: overdueAt, kind: 'overdue', task: 'follow-up-missed-visit', role: 'coach', due }]);
  });
});

describe('creative-alliance "discussed during DC\'s next Caseload Review" (every 4 weeks from Mon 5 Jan 2026, 10:00)', () => {
  // Sittings: 2026-01-05 + 28k days: ... 14 Sep, 12 Oct, 9 Nov, 7 Dec 2026, 4 Jan, 1 Feb, 1 Mar, 29 Mar 2027.
  test.each([
    ['2026-09-07', '2026-09-14'],
    ['2026-09-14T09:59:00+01:00', '2026-09-14'],
    ['2026-09-14T10:01:00+01:00', '2026-10-12'],
    ['2026-09-15', '2026-10-12'],
    ['2026-10-12', '2026-10-12'],
    ['2026-12-08', '2027-01-04'],
    ['2027-03-02', '2027-03-29'],
  ])('a visit missed at %s goes on the caseload review of %s', (when, sitting) => {
    expect(simulate('creative-alliance', [visitMissed(when)]).of('agenda')).toEqual([{ at: expect.any(String), kind: 'agenda', meeting: 'caseload-review', date: sitting }]);
  });
});

describe('creative-alliance confidentiality: welfare details go to the safeguarding lead only', () => {
  test.each(['wellbeing', 'mental-health', 'health', 'safeguarding'])('a "%s" concern: one sensitive notice to the safeguarding lead, no alert', (category) => {
    const run = simulate('creative-alliance', [{ type: 'concern.raised', at: '2026-09-08', category }]);
    expect(run.timeline).toEqual([
      {
        at: '2026-09-08T00:00:00.000+01:00',
        kind: 'notify',
        role: 'safeguarding-lead',
        reason: 'a welfare or safeguarding concern was raised for this learner: see the restricted record',
        sensitive: true,
      },
    ]);
  });
});
