/**
 * Creative Alliance (seeds/001_015322b6e3381cda.txt): "When the third appointment has not
 * been kept, the DC ... escalates the problem to the Senior Management Team ... The SMT will
 * discuss at the weekly meeting"; work not produced: "a SMART Action Plan"; "When a learner
 * fails to produce work for a deadline for a third time, the DC escalates the problem to the
 * Senior Management Team"; the SMT interventions: an invitation to explain, a warning that
 * the apprenticeship is at risk, notification that it is terminated "if, despite the
 * warning, the issue(s) continue"; "they should be made a Leaver ... Leaver Form to be
 * submitted to Admin". POLICIES.md decision: "third" counts since the case opened (not
 * necessarily consecutive); the SMT meets Monday 10:00 Europe/London.
 */
import { decide, enter, refusal, visitMissed } from '../events.js';
import { simulate, type EventJson, type Scenario } from '../scenario.js';

const MISSED = 'did not turn up for a pre-arranged visit without cancelling';
const THIRD_VISIT = 'third missed appointment';
const DEADLINE = 'work or evidence not produced by its deadline';
const THIRD_DEADLINE = 'third missed deadline';
const SMT_VISITS = 'third missed appointment: decide the desired outcome, the action and who implements and monitors it';
const SMT_DEADLINES = 'third missed deadline: decide the desired outcome, the action and who implements and monitors it';

const late = (when: string): EventJson => ({ type: 'submission.missed', at: when });
const smt = (run: Scenario) => run.of('recommend').filter((r) => r.action === 'smt-review');
const smtAgenda = (run: Scenario) => run.of('agenda').filter((a) => a.meeting === 'smt-weekly');

// Missed visits on Mondays 7, 14, 21, 28 Sep 2026 at 09:00 BST (followed up each time).
const followedUp = (day: string): EventJson[] => [
  visitMissed(`${day}T09:00:00+01:00`),
  { type: 'contact', at: `${day}T11:00:00+01:00`, channel: 'phone', outcome: 'reached', with: 'learner' },
  { type: 'contact', at: `${day}T11:30:00+01:00`, channel: 'phone', outcome: 'reached', with: 'employer' },
];

describe('creative-alliance "When the third appointment has not been kept ... escalates the problem to the Senior Management Team"', () => {
  test('the second missed appointment does not escalate', () => {
    const run = simulate('creative-alliance', [...followedUp('2026-09-07'), ...followedUp('2026-09-14')]);
    expect(smt(run)).toEqual([]);
    expect(run.of('notify').filter((n) => n.role === 'smt')).toEqual([]);
  });

  test('the third (Mon 21 Sep, 09:00) recommends an SMT review, tells the SMT and puts it on that Monday\'s 10:00 meeting', () => {
    const run = simulate('creative-alliance', [...followedUp('2026-09-07'), ...followedUp('2026-09-14'), ...followedUp('2026-09-21')]);
    const t = '2026-09-21T09:00:00.000+01:00';
    expect(run.timeline.filter((e) => e.at === t)).toEqual([
      { at: t, kind: 'alert', reasons: [MISSED, THIRD_VISIT] },
      { at: t, kind: 'task', task: 'follow-up-missed-visit', role: 'coach', due: '2026-09-22', title: 'Contact the learner and the employer: hold the visit now, or set work and a new date' },
      { at: t, kind: 'notify', role: 'learner', reason: 'email from the Development Coach: you missed a pre-arranged visit without cancelling; your manager is told and the Quality Manager copied' },
      { at: t, kind: 'notify', role: 'employer', reason: 'email from the Development Coach: a pre-arranged visit was missed; please help the learner attend' },
      { at: t, kind: 'notify', role: 'quality-manager', reason: 'copied into the correspondence about a missed visit' },
      { at: t, kind: 'agenda', meeting: 'caseload-review', date: '2026-10-12' },
      { at: t, kind: 'recommend', action: 'smt-review', reasons: [THIRD_VISIT], approver: 'smt' },
      { at: t, kind: 'agenda', meeting: 'smt-weekly', date: '2026-09-21' },
      { at: t, kind: 'notify', role: 'smt', reason: SMT_VISITS },
    ]);
  });

  test('a fourth missed appointment does not escalate again', () => {
    const run = simulate('creative-alliance', ['07', '14', '21', '28'].flatMap((d) => followedUp(`2026-09-${d}`)));
    expect(smt(run)).toHaveLength(1);
    expect(smtAgenda(run)).toHaveLength(1);
  });

  test('"third" is not necessarily consecutive: attended visits in between do not restart the count', () => {
    const run = simulate('creative-alliance', [
      visitMissed('2026-09-07'),
      { type: 'visit.attended', at: '2026-09-14' },
      visitMissed('2026-09-21'),
      { type: 'visit.attended', at: '2026-09-28' },
      { type: 'visit.attended', at: '2026-10-05' },
      visitMissed('2026-10-12'),
    ]);
    expect(smt(run)).toEqual([{ at: '2026-10-12T00:00:00.000+01:00', kind: 'recommend', action: 'smt-review', reasons: [THIRD_VISIT], approver: 'smt' }]);
  });

  test('visits missed with notice and learner cancellations are not missed appointments: two misses plus two of those do not escalate', () => {
    const run = simulate('creative-alliance', [
      visitMissed('2026-09-07'),
      visitMissed('2026-09-14', { notice: true }),
      { type: 'visit.cancelled', at: '2026-09-18', by: 'learner' },
      visitMissed('2026-09-21'),
    ]);
    expect(smt(run)).toEqual([]);
    expect(smt(simulate('creative-alliance', [visitMissed('2026-09-07'), visitMissed('2026-09-14', { notice: true }), visitMissed('2026-09-21'), visitMissed('2026-09-28')]))).toHaveLength(1);
  });

  test('missed appointments and missed deadlines are counted apart: two of each do not escalate', () => {
    const run = simulate('creative-alliance', [visitMissed('2026-09-07'), late('2026-09-08'), visitMissed('2026-09-14'), late('2026-09-15')]);
    expect(smt(run)).toEqual([]);
  });

  test('the count restarts after the case is closed (decision de-escalate): two more misses do not escalate, the third does', () => {
    const first = [visitMissed('2026-09-07'), visitMissed('2026-09-14'), decide('2026-09-15', 'de-escalate')];
    expect(smt(simulate('creative-alliance', [...first, visitMissed('2026-09-21'), visitMissed('2026-09-28')]))).toEqual([]);
    expect(smt(simulate('creative-alliance', [...first, visitMissed('2026-09-21'), visitMissed('2026-09-28'), visitMissed('2026-10-05')]))).toEqual([
      { at: '2026-10-05T00:00:00.000+01:00', kind: 'recommend', action: 'smt-review', reasons: [THIRD_VISIT], approver: 'smt' },
    ]);
  });

  test('after an escalation and a de-escalation, a new third missed appointment escalates again', () => {
    const run = simulate('creative-alliance', [
      visitMissed('2026-09-07'), visitMissed('2026-09-14'), visitMissed('2026-09-21'),
      decide('2026-09-28', 'de-escalate'),
      visitMissed('2026-10-05'), visitMissed('2026-10-12'), visitMissed('2026-10-19'),
    ]);
    expect(smt(run).map((r) => r.at)).toEqual(['2026-09-21T00:00:00.000+01:00', '2026-10-19T00:00:00.000+01:00']);
  });
});

describe('creative-alliance "The SMT will discuss at the weekly meeting" (Monday 10:00 Europe/London)', () => {
  const thirdAt = (when: string) => smtAgenda(simulate('creative-alliance', [visitMissed('2026-09-01'), visitMissed('2026-09-02'), visitMissed(when)]));

  test.each([
    ['Sun 20 Sep 2026 (any time)', '2026-09-20T18:00:00+01:00', '2026-09-21'],
    ['Mon 21 Sep 2026 at 09:59 BST', '2026-09-21T09:59:00+01:00', '2026-09-21'],
    ['Mon 21 Sep 2026 at 10:00 BST (the meeting has started)', '2026-09-21T10:00:00+01:00', '2026-09-28'],
    ['Mon 21 Sep 2026 at 10:01 BST', '2026-09-21T10:01:00+01:00', '2026-09-28'],
    ['Tue 22 Sep 2026', '2026-09-22', '2026-09-28'],
    // 09:30 UTC on Mon 28 Sep 2026 is 10:30 BST: too late for that day.
    ['Mon 28 Sep 2026 at 09:30Z (10:30 BST)', '2026-09-28T09:30:00Z', '2026-10-05'],
    // 09:30 UTC on Mon 26 Oct 2026 is 09:30 GMT (BST ended Sun 25 Oct): in time for that day.
    ['Mon 26 Oct 2026 at 09:30Z (09:30 GMT)', '2026-10-26T09:30:00Z', '2026-10-26'],
  ])('a third missed appointment on %s (at: %s) goes on the SMT meeting of %s', (_label, when, meeting) => {
    expect(thirdAt(when)).toEqual([{ at: expect.any(String), kind: 'agenda', meeting: 'smt-weekly', date: meeting }]);
  });

  test('staff escalating to the SMT directly (stage smt-review) on Wed 23 Sep 2026 puts it on Mon 28 Sep', () => {
    const run = simulate('creative-alliance', [enter('2026-09-23', 'smt-review')]);
    expect(run.timeline).toEqual([
      { at: '2026-09-23T00:00:00.000+01:00', kind: 'stage', from: null, to: 'smt-review' },
      { at: '2026-09-23T00:00:00.000+01:00', kind: 'agenda', meeting: 'smt-weekly', date: '2026-09-28' },
    ]);
  });
});

describe('creative-alliance "fails to produce any work set": 1st alerts, 2nd a SMART Action Plan, 3rd to the SMT', () => {
  const t = (d: string) => `2026-09-${d}T00:00:00.000+01:00`;

  test('the first missed deadline (Tue 8 Sep) alerts and goes on the next caseload review (Mon 14 Sep)', () => {
    expect(simulate('creative-alliance', [late('2026-09-08')]).timeline).toEqual([
      { at: t('08'), kind: 'alert', reasons: [DEADLINE] },
      { at: t('08'), kind: 'agenda', meeting: 'caseload-review', date: '2026-09-14' },
    ]);
  });

  test('the second (Tue 15 Sep) recommends a SMART action plan (recovery-plan): "a letter/email will be sent to formally notify learner and their manager", the employer is called, the QM told', () => {
    const run = simulate('creative-alliance', [late('2026-09-08'), late('2026-09-15')]);
    expect(run.timeline.filter((e) => e.at === t('15'))).toEqual([
      { at: t('15'), kind: 'alert', reasons: [DEADLINE] },
      { at: t('15'), kind: 'agenda', meeting: 'caseload-review', date: '2026-10-12' },
      { at: t('15'), kind: 'recommend', action: 'recovery-plan', reasons: ['work consistently not produced (a second missed deadline)'] },
      { at: t('15'), kind: 'notify', role: 'learner', reason: 'letter or email from the Development Coach: formal notice that work set has not been produced; a meeting with your manager will agree a SMART action plan' },
      { at: t('15'), kind: 'notify', role: 'employer', reason: 'call from the Development Coach asking for support; a letter or email will formally notify the learner and you' },
      { at: t('15'), kind: 'notify', role: 'quality-manager', reason: 'a SMART action plan meeting is being arranged for work not produced' },
    ]);
    expect(smt(run)).toEqual([]);
  });

  test('a SMART plan agreed settles the recommendation', () => {
    const run = simulate('creative-alliance', [late('2026-09-08'), late('2026-09-15'), { type: 'plan.agreed', at: '2026-09-16', kind: 'smart' }]);
    expect(run.case.pendingRecommendations).toEqual([]);
  });

  test('the third (Tue 22 Sep) escalates to the SMT, for the meeting of Mon 28 Sep', () => {
    const run = simulate('creative-alliance', [late('2026-09-08'), late('2026-09-15'), late('2026-09-22')]);
    expect(run.timeline.filter((e) => e.at === t('22'))).toEqual([
      { at: t('22'), kind: 'alert', reasons: [DEADLINE, THIRD_DEADLINE] },
      { at: t('22'), kind: 'agenda', meeting: 'caseload-review', date: '2026-10-12' },
      { at: t('22'), kind: 'recommend', action: 'smt-review', reasons: [THIRD_DEADLINE], approver: 'smt' },
      { at: t('22'), kind: 'agenda', meeting: 'smt-weekly', date: '2026-09-28' },
      { at: t('22'), kind: 'notify', role: 'smt', reason: SMT_DEADLINES },
    ]);
  });

  test('a fourth missed deadline does not escalate again', () => {
    expect(smt(simulate('creative-alliance', ['08', '15', '22', '29'].map((d) => late(`2026-09-${d}`))))).toHaveLength(1);
  });
});

describe('creative-alliance SMT interventions: invitation to explain, warning, termination; a leaver', () => {
  const escalated = [enter('2026-09-07', 'smt-review')];

  test.each(['invitation-to-explain', 'written-warning'])('"%s" without an escalation to the SMT first is forbidden', (stage) => {
    expect(refusal('creative-alliance', [enter('2026-09-07', stage)])).toBe(`events[0]: cannot enter ${stage}: SMT interventions follow an escalation to the SMT`);
  });

  test('"an invitation to the learner and employer to explain" after the escalation', () => {
    const run = simulate('creative-alliance', [...escalated, enter('2026-09-14', 'invitation-to-explain')]);
    const reason = 'invitation to explain why the issues continue and what can resolve them';
    expect(run.timeline.filter((e) => e.at === '2026-09-14T00:00:00.000+01:00')).toEqual([
      { at: '2026-09-14T00:00:00.000+01:00', kind: 'stage', from: 'smt-review', to: 'invitation-to-explain' },
      { at: '2026-09-14T00:00:00.000+01:00', kind: 'notify', role: 'learner', reason },
      { at: '2026-09-14T00:00:00.000+01:00', kind: 'notify', role: 'employer', reason },
    ]);
  });

  test('"a warning that the apprenticeship is at risk ... despite an action plan" after the escalation', () => {
    const run = simulate('creative-alliance', [...escalated, enter('2026-09-14', 'written-warning')]);
    const reason = 'written warning: the apprenticeship is at risk if the issues continue despite the action plan';
    expect(run.timeline.filter((e) => e.at === '2026-09-14T00:00:00.000+01:00')).toEqual([
      { at: '2026-09-14T00:00:00.000+01:00', kind: 'stage', from: 'smt-review', to: 'written-warning' },
      { at: '2026-09-14T00:00:00.000+01:00', kind: 'notify', role: 'learner', reason },
      { at: '2026-09-14T00:00:00.000+01:00', kind: 'notify', role: 'employer', reason },
      { at: '2026-09-14T00:00:00.000+01:00', kind: 'recommend', action: 'recovery-plan', reasons: ['Written warning: the apprenticeship is at risk (stage entered)'] },
    ]);
  });

  test('"terminated if, despite the warning, the issue(s) continue": without a warning it is forbidden', () => {
    expect(refusal('creative-alliance', [decide('2026-09-07', 'terminate')])).toBe('events[0]: cannot decide "terminate": termination follows a written warning');
    expect(refusal('creative-alliance', [...escalated, decide('2026-09-14', 'terminate')])).toMatch(/^events\[1\]: /);
    expect(refusal('creative-alliance', [...escalated, enter('2026-09-14', 'invitation-to-explain'), decide('2026-09-21', 'terminate')])).toMatch(/^events\[2\]: /);
  });

  test('"Notification that the apprenticeship is terminated" after the written warning: the learner and their manager are notified, admin submits the Leaver Form; the learner has left', () => {
    const run = simulate('creative-alliance', [...escalated, enter('2026-09-14', 'written-warning'), decide('2026-09-28', 'terminate')]);
    expect(run.timeline.filter((e) => e.at === '2026-09-28T00:00:00.000+01:00')).toEqual([
      { at: '2026-09-28T00:00:00.000+01:00', kind: 'notify', role: 'learner', reason: 'notification that the apprenticeship is terminated' },
      { at: '2026-09-28T00:00:00.000+01:00', kind: 'notify', role: 'employer', reason: 'notification that the apprenticeship is terminated' },
      { at: '2026-09-28T00:00:00.000+01:00', kind: 'notify', role: 'admin', reason: 'submit the Leaver Form' },
    ]);
    expect(run.case.status).toBe('withdrawn');
  });

  test('"made a Leaver following discussion with QM & OM. Leaver Form to be submitted to Admin": the withdraw decision tells the Quality Manager and admin', () => {
    const run = simulate('creative-alliance', [visitMissed('2026-09-07'), decide('2026-09-08', 'withdraw')]);
    expect(run.timeline.filter((e) => e.at === '2026-09-08T00:00:00.000+01:00')).toEqual([
      {
        at: '2026-09-08T00:00:00.000+01:00',
        kind: 'notify',
        role: 'quality-manager',
        reason: 'made a leaver after no sign of re-engaging, following discussion with the Quality Manager and the Operations Manager',
      },
      { at: '2026-09-08T00:00:00.000+01:00', kind: 'notify', role: 'admin', reason: 'submit the Leaver Form' },
    ]);
    expect(run.case.status).toBe('withdrawn');
  });

  test('after the case is closed (de-escalate), a new warning or a termination needs a new escalation to the SMT', () => {
    expect(refusal('creative-alliance', [...escalated, decide('2026-09-08', 'de-escalate'), enter('2026-10-05', 'written-warning')])).toMatch(/^events\[2\]: /);
    expect(refusal('creative-alliance', [...escalated, enter('2026-09-08', 'written-warning'), decide('2026-09-09', 'de-escalate'), decide('2026-10-05', 'terminate')])).toMatch(
      /^events\[3\]: /,
    );
  });
});

describe('creative-alliance input: repeated ids, unsorted input, determinism', () => {
  const HISTORY: EventJson[] = [
    { id: 'a', ...visitMissed('2026-09-07T09:00:00+01:00') },
    { id: 'b', type: 'contact', at: '2026-09-07T11:00:00+01:00', channel: 'phone', outcome: 'reached', with: 'learner' },
    { id: 'c', ...late('2026-09-08') },
    { id: 'd', ...visitMissed('2026-09-14', { notice: true }) },
    { id: 'e', ...late('2026-09-15') },
    { id: 'f', ...visitMissed('2026-09-21T10:30:00+01:00') },
    { id: 'g', ...late('2026-09-22') },
    { id: 'h', ...visitMissed('2026-09-28T08:00:00+01:00') },
    { id: 'i', ...enter('2026-09-28T11:00:00+01:00', 'smt-review') },
    { id: 'j', ...enter('2026-10-05T11:00:00+01:00', 'written-warning') },
  ];

  test('"a repeated id is ignored": the third missed visit sent again (same id) is not a third', () => {
    const twoVisits = [{ id: 'v1', ...visitMissed('2026-09-07') }, { id: 'v2', ...visitMissed('2026-09-14') }, { id: 'v2', ...visitMissed('2026-09-21') }];
    expect(smt(simulate('creative-alliance', twoVisits))).toEqual([]);
    const once = simulate('creative-alliance', HISTORY, '2026-10-31');
    expect(simulate('creative-alliance', [...HISTORY, ...HISTORY], '2026-10-31').timeline).toEqual(once.timeline);
  });

  test('unsorted input gives the same output as sorted', () => {
    const sorted = simulate('creative-alliance', HISTORY, '2026-10-31');
    expect(simulate('creative-alliance', [...HISTORY].reverse(), '2026-10-31').timeline).toEqual(sorted.timeline);
    const shuffled = simulate('creative-alliance', [5, 2, 9, 0, 7, 3, 8, 1, 6, 4].map((i) => HISTORY[i]!), '2026-10-31');
    expect(shuffled.timeline).toEqual(sorted.timeline);
    expect(shuffled.case).toEqual(sorted.case);
  });

  test('determinism: the same input twice gives deep-equal, byte-identical output', () => {
    const a = simulate('creative-alliance', HISTORY, '2026-10-31');
    const b = simulate('creative-alliance', HISTORY, '2026-10-31');
    expect(b.timeline).toEqual(a.timeline);
    expect(b.case).toEqual(a.case);
    expect(JSON.stringify(b.timeline)).toBe(JSON.stringify(a.timeline));
    // Third missed deadline Tue 22 Sep -> Mon 28 Sep; third missed visit Mon 28 Sep 08:00 -> that day;
    // staff enter smt-review Mon 28 Sep 11:00 (after the meeting) -> Mon 5 Oct.
    expect(smtAgenda(a).map((e) => e.date)).toEqual(['2026-09-28', '2026-09-28', '2026-10-05']);
    expect(a.case.stage).toBe('written-warning');
  });
});
