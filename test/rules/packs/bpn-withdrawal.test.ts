/**
 * BPN (seeds/002_0f0e676bce15daa7.txt): "Week 8 (Withdrawal Consideration)"; "8. Before
 * withdrawal is considered, BPN will make multiple contact attempts (minimum three across
 * different channels)"; "9. Decisions are made by the Associate Director of
 * Apprenticeships"; "10. Withdrawal decisions will be confirmed in writing within 10 working
 * days"; "11. Appeals must be submitted within 10 working days of notification ... Decision
 * confirmed within 10 working days of appeal receipt ... final". POLICIES.md decisions:
 * withdrawal is only recommended when the contact rule is met (3 attempts, at least 2
 * distinct channels); otherwise the bot asks for the missing attempts. Section 8: the 3
 * attempts are attempts to reach the apprentice; "Engage the employer/mentor" is a
 * separate requirement (a contact with the employer); support offered and welfare
 * considered are recorded answers a withdrawal needs.
 */
import { contact, decide, refusal } from '../events.js';
import { simulate, tryRun, type EventJson, type Scenario } from '../scenario.js';

const W8 = 'no engagement for 8 weeks';
const W8_ASK =
  'withdrawal can be considered after 8 weeks of inactivity, but first record at least three contact attempts to the apprentice across different channels, a contact with the employer/mentor, and the answers on academic and pastoral support and on safeguarding and welfare';
const CONTACTS = 'at least three contact attempts to the apprentice across different channels, and the employer/mentor engaged';
const NEEDS_CONTACTS = 'withdrawal needs at least three contact attempts to the apprentice across different channels, and the employer/mentor engaged, first';
// Start Tue 1 Sep 2026, no activity: the case opens at week 2 (Tue 15 Sep); week 8 is
// 1 Sep + 56 days = Tue 27 Oct 2026, 00:00 GMT (BST ended Sun 25 Oct).
const WEEK8 = '2026-10-27T00:00:00.000+00:00';

const at = (run: Scenario, instant: string) => run.timeline.filter((e) => e.at === instant);
const withdrawRecs = (run: Scenario) => run.of('recommend').filter((r) => r.action === 'withdraw');
const WITHDRAWN_TOLD = 'withdrawal decided by the Associate Director of Apprenticeships; written confirmation follows within 10 working days';
const coachAsked = (run: Scenario) => run.of('notify').filter((n) => n.role === 'coach' && n.reason === W8_ASK);

const phoneEmailPhone = [contact('2026-09-16', 'phone'), contact('2026-09-17', 'email', 'no_response'), contact('2026-09-18', 'phone')];
/** "Engage the employer/mentor": one attempt to reach the employer. */
const employer = contact('2026-09-19', 'phone', 'no_answer', { with: 'employer' });
/** The two recorded answers section 8 asks for before a withdrawal. */
const answered = (at: string) => [decide(at, 'support-offered'), decide(at, 'welfare-considered')];
/** Everything section 8 asks for before a withdrawal, by Sat 19 Sep. */
const ready = [...phoneEmailPhone, employer, ...answered('2026-09-19')];

describe('bpn "Week 8 (Withdrawal Consideration)" with "minimum three [contact attempts] across different channels"', () => {
  test('bpn "minimum three": two attempts (phone, email) are not enough: the coach is asked, no withdrawal recommended', () => {
    const run = simulate('bpn', [...phoneEmailPhone.slice(0, 2), employer, ...answered('2026-09-19')], '2026-10-27');
    expect(at(run, WEEK8)).toEqual([{ at: WEEK8, kind: 'notify', role: 'coach', reason: W8_ASK }]);
    expect(withdrawRecs(run)).toEqual([]);
    expect(run.case.pendingRecommendations.find((p) => p.action === 'withdraw')).toEqual({
      action: 'withdraw',
      approver: 'associate-director',
      reasons: [W8],
      waitingFor: `${CONTACTS} (1 more attempt needed)`,
    });
    expect(run.case.contactRules).toEqual([
      { rule: 'before-withdrawal', attempts: 2, channels: ['phone', 'email'], met: false, missing: '1 more attempt needed' },
    ]);
  });

  test('bpn "across different channels": three attempts on one channel (phone x3) are not enough: the coach is asked', () => {
    const run = simulate('bpn', [contact('2026-09-16', 'phone'), contact('2026-09-17', 'phone'), contact('2026-09-18', 'phone'), employer, ...answered('2026-09-19')], '2026-10-27');
    expect(at(run, WEEK8)).toEqual([{ at: WEEK8, kind: 'notify', role: 'coach', reason: W8_ASK }]);
    expect(withdrawRecs(run)).toEqual([]);
    expect(run.case.contactRules[0]!.missing).toBe('1 more attempt needed (1 more channel not yet used)');
  });

  test('bpn "minimum three across different channels": phone, email, phone (and the employer): withdrawal recommended at week 8 for the Associate Director', () => {
    const run = simulate('bpn', ready, '2026-10-27');
    expect(at(run, WEEK8)).toEqual([{ at: WEEK8, kind: 'recommend', action: 'withdraw', reasons: [W8], approver: 'associate-director' }]);
    expect(coachAsked(run)).toEqual([]);
  });

  test('bpn "Week 8": the contact rule met is not enough on its own: nothing at the end of day 55 (Mon 26 Oct)', () => {
    const run = simulate('bpn', ready, '2026-10-26');
    expect(withdrawRecs(run)).toEqual([]);
    expect(run.case.pendingRecommendations.map((p) => p.action)).not.toContain('withdraw');
  });

  test('bpn "Make multiple contact attempts (minimum three ...)" means the apprentice: an attempt to reach the employer does not count among the three', () => {
    const events = [contact('2026-09-16', 'phone'), contact('2026-09-17', 'phone'), contact('2026-09-18', 'email', 'no_response', { with: 'employer' }), ...answered('2026-09-19')];
    const run = simulate('bpn', events, '2026-10-27');
    expect(at(run, WEEK8)).toEqual([{ at: WEEK8, kind: 'notify', role: 'coach', reason: W8_ASK }]);
    expect(withdrawRecs(run)).toEqual([]);
    // Two to the apprentice on one channel: one more, on another channel.
    expect(run.case.contactRules).toEqual([
      { rule: 'before-withdrawal', attempts: 2, channels: ['phone'], met: false, missing: '1 more attempt needed (1 more channel not yet used)' },
    ]);
  });

  test('bpn "Engage the employer/mentor": three attempts to the apprentice on two channels but none to the employer: held, the coach is asked', () => {
    const run = simulate('bpn', [...phoneEmailPhone, ...answered('2026-09-19')], '2026-10-27');
    expect(at(run, WEEK8)).toEqual([{ at: WEEK8, kind: 'notify', role: 'coach', reason: W8_ASK }]);
    expect(withdrawRecs(run)).toEqual([]);
    expect(run.case.contactRules).toEqual([
      { rule: 'before-withdrawal', attempts: 3, channels: ['phone', 'email'], met: false, missing: '1 more attempt needed (an attempt with the employer)' },
    ]);
  });

  test('bpn "Engage the employer/mentor": the employer contacted after week 8 (Wed 28 Oct 11:00 GMT) brings the recommendation at that moment', () => {
    const run = simulate('bpn', [...phoneEmailPhone, ...answered('2026-09-19'), contact('2026-10-28T11:00:00Z', 'email', 'no_response', { with: 'employer' })]);
    expect(withdrawRecs(run)).toEqual([
      { at: '2026-10-28T11:00:00.000+00:00', kind: 'recommend', action: 'withdraw', reasons: [W8], approver: 'associate-director' },
    ]);
  });

  test('bpn "Engage the employer/mentor": neither attempt counts for the other: two to the apprentice and none to the employer need two more', () => {
    const run = simulate('bpn', phoneEmailPhone.slice(0, 2), '2026-10-27');
    expect(run.case.contactRules[0]!.missing).toBe('2 more attempts needed (an attempt with the employer)');
  });

  test('bpn "Week 8": the missing third attempt logged after week 8 (Wed 28 Oct 11:00 GMT) brings the recommendation at that moment', () => {
    const run = simulate('bpn', [...phoneEmailPhone.slice(0, 2), employer, ...answered('2026-09-19'), contact('2026-10-28T11:00:00Z', 'letter', 'no_response')]);
    expect(coachAsked(run)).toEqual([{ at: WEEK8, kind: 'notify', role: 'coach', reason: W8_ASK }]);
    expect(withdrawRecs(run)).toEqual([
      { at: '2026-10-28T11:00:00.000+00:00', kind: 'recommend', action: 'withdraw', reasons: [W8], approver: 'associate-director' },
    ]);
  });

  test('bpn "across different channels": after three phone attempts, a fourth phone attempt is not enough; an email is', () => {
    const three = [contact('2026-09-16', 'phone'), contact('2026-09-17', 'phone'), contact('2026-09-18', 'phone'), employer, ...answered('2026-09-19')];
    const fourth = simulate('bpn', [...three, contact('2026-10-28T09:00:00Z', 'phone')]);
    expect(withdrawRecs(fourth)).toEqual([]);
    const fifth = simulate('bpn', [...three, contact('2026-10-28T09:00:00Z', 'phone'), contact('2026-10-28T10:00:00Z', 'email', 'no_response')]);
    expect(withdrawRecs(fifth)).toEqual([
      { at: '2026-10-28T10:00:00.000+00:00', kind: 'recommend', action: 'withdraw', reasons: [W8], approver: 'associate-director' },
    ]);
  });

  test('bpn "If engagement cannot be re-established": a third attempt that reaches the apprentice withdraws the question', () => {
    const run = simulate('bpn', [...phoneEmailPhone.slice(0, 2), employer, ...answered('2026-09-19'), contact('2026-10-28T11:00:00Z', 'phone', 'reached')]);
    expect(withdrawRecs(run)).toEqual([]);
    expect(run.case.pendingRecommendations.map((p) => p.action)).not.toContain('withdraw');
  });
});

describe('bpn "9. Decisions are made by the Associate Director" after "minimum three contact attempts across different channels"', () => {
  test('bpn "minimum three": a withdrawal decision with two attempts is refused (bad input, exit 2), naming the event', () => {
    expect(refusal('bpn', [...phoneEmailPhone.slice(0, 2), employer, ...answered('2026-09-20'), decide('2026-10-28', 'withdraw')])).toBe(
      `events[5]: cannot decide "withdraw": ${NEEDS_CONTACTS} (1 more attempt needed)`,
    );
  });

  test('bpn "across different channels": a withdrawal decision after three phone attempts is refused', () => {
    const phoneX3 = [contact('2026-09-16', 'phone'), contact('2026-09-17', 'phone'), contact('2026-09-18', 'phone'), employer];
    expect(refusal('bpn', [...phoneX3, ...answered('2026-09-20'), decide('2026-10-28', 'withdraw')])).toBe(
      `events[6]: cannot decide "withdraw": ${NEEDS_CONTACTS} (1 more attempt needed (1 more channel not yet used))`,
    );
  });

  test('bpn "minimum three": a withdrawal decision with no attempts at all is refused', () => {
    expect(refusal('bpn', [decide('2026-09-02', 'withdraw')])).toBe(
      `events[0]: cannot decide "withdraw": ${NEEDS_CONTACTS} (4 more attempts needed (an attempt with the employer; 2 more channels not yet used))`,
    );
  });

  test('bpn "Engage the employer/mentor": a withdrawal decision after three attempts to the apprentice alone is refused', () => {
    expect(refusal('bpn', [...phoneEmailPhone, ...answered('2026-09-20'), decide('2026-10-28', 'withdraw')])).toBe(
      `events[5]: cannot decide "withdraw": ${NEEDS_CONTACTS} (1 more attempt needed (an attempt with the employer))`,
    );
    expect(refusal('bpn', [...phoneEmailPhone, employer, ...answered('2026-09-20'), decide('2026-10-28', 'withdraw')])).toBe('accepted');
  });

  test('bpn "10. confirmed in writing within 10 working days" and "11. appeal within 10 working days of notification"', () => {
    // Decided Wed 28 Oct 2026. 10 working days: Oct 29, 30 (2); Nov 2-6 (7); Nov 9, 10, 11 (10) -> Wed 11 Nov.
    const run = simulate('bpn', [...ready, decide('2026-10-28', 'withdraw')]);
    expect(at(run, '2026-10-28T00:00:00.000+00:00')).toEqual([
      // "10. Apprentices and employers will be informed at each formal stage".
      { at: '2026-10-28T00:00:00.000+00:00', kind: 'notify', role: 'learner', reason: WITHDRAWN_TOLD },
      { at: '2026-10-28T00:00:00.000+00:00', kind: 'notify', role: 'employer', reason: WITHDRAWN_TOLD },
      {
        at: '2026-10-28T00:00:00.000+00:00',
        kind: 'task',
        task: 'confirm-withdrawal-in-writing',
        role: 'associate-director',
        due: '2026-11-11',
        title: 'Confirm the withdrawal decision in writing',
      },
      { at: '2026-10-28T00:00:00.000+00:00', kind: 'notify', role: 'appeals-reviewer', reason: 'Withdrawal: the learner may appeal in writing until 2026-11-11' },
      // "within 10 working days of notification": the apprentice is told of the window too.
      { at: '2026-10-28T00:00:00.000+00:00', kind: 'notify', role: 'learner', reason: 'Withdrawal: the learner may appeal in writing until 2026-11-11' },
    ]);
    expect(run.case.status).toBe('withdrawn');
    expect(run.case.pendingRecommendations).toEqual([]);
    expect(run.case.appealWindows).toEqual([{ outcome: 'withdraw', lodgeBy: '2026-11-11' }]);
  });

  test('bpn "confirmed in writing within 10 working days": not overdue on Wed 11 Nov, overdue at 00:00 on Thu 12 Nov', () => {
    const events = [...ready, decide('2026-10-28', 'withdraw')];
    expect(simulate('bpn', events, '2026-11-11').of('overdue')).toEqual([]);
    expect(simulate('bpn', events, '2026-11-12').of('overdue')).toEqual([
      { at: '2026-11-12T00:00:00.000+00:00', kind: 'overdue', task: 'confirm-withdrawal-in-writing', role: 'associate-director', due: '2026-11-11' },
    ]);
  });

  test('bpn "withdrawal": once withdrawn, the inactivity timeline stops (nothing after the decision but its own deadline)', () => {
    const run = simulate('bpn', [...ready, decide('2026-10-20', 'withdraw')], '2026-12-31');
    expect(run.timeline.filter((e) => e.at > '2026-10-20T00:00:00.000+01:00' && e.kind !== 'overdue')).toEqual([]);
    expect(run.case.firedRules.map((r) => r.rule)).not.toContain('inactive-week-8');
  });
});

describe('bpn "11. Appeals": "submitted within 10 working days of notification"; "decision confirmed within 10 working days of appeal receipt"; "final"', () => {
  const withdrawn = [...ready, decide('2026-10-28', 'withdraw')]; // lodge by Wed 11 Nov 2026
  const appeal = (when: string, by?: string): EventJson => ({ type: 'appeal.lodged', at: when, ...(by ? { by } : {}) });
  const RECEIVED = 'the learner appealed against "withdraw"; the appeal decision is final';
  const decideAppeal = (instant: string, due: string) => ({
    at: instant,
    kind: 'task',
    task: 'decide-appeal',
    role: 'appeals-reviewer',
    due,
    title: 'Decide the appeal against "withdraw"',
  });

  test('an appeal on Mon 2 Nov: decide-appeal due 10 working days later (Nov 3-6 (4), 9-13 (9), Mon 16 Nov)', () => {
    const run = simulate('bpn', [...withdrawn, appeal('2026-11-02')]);
    expect(at(run, '2026-11-02T00:00:00.000+00:00')).toEqual([
      { at: '2026-11-02T00:00:00.000+00:00', kind: 'notify', role: 'appeals-reviewer', reason: RECEIVED },
      decideAppeal('2026-11-02T00:00:00.000+00:00', '2026-11-16'),
    ]);
  });

  test('an appeal at 23:59 on the last day (Wed 11 Nov) is in time: decided by Wed 25 Nov (12, 13, 16-20, 23, 24, 25)', () => {
    const run = simulate('bpn', [...withdrawn, appeal('2026-11-11T23:59:00Z')]);
    expect(at(run, '2026-11-11T23:59:00.000+00:00')).toEqual([
      { at: '2026-11-11T23:59:00.000+00:00', kind: 'notify', role: 'appeals-reviewer', reason: RECEIVED },
      decideAppeal('2026-11-11T23:59:00.000+00:00', '2026-11-25'),
    ]);
  });

  test('an appeal at 00:00 on Thu 12 Nov is late: noted as late, no decide-appeal task', () => {
    const run = simulate('bpn', [...withdrawn, appeal('2026-11-12')]);
    expect(at(run, '2026-11-12T00:00:00.000+00:00')).toEqual([
      {
        at: '2026-11-12T00:00:00.000+00:00',
        kind: 'notify',
        role: 'appeals-reviewer',
        reason: 'an appeal by the learner against "withdraw" arrived after the window closed on 2026-11-11',
      },
      { at: '2026-11-12T00:00:00.000+00:00', kind: 'overdue', task: 'confirm-withdrawal-in-writing', role: 'associate-director', due: '2026-11-11' },
    ]);
    expect(run.of('task').filter((t) => t.task === 'decide-appeal')).toEqual([]);
  });

  test('"decision confirmed within 10 working days of appeal receipt": decide-appeal overdue at 00:00 on Tue 17 Nov', () => {
    const run = simulate('bpn', [...withdrawn, appeal('2026-11-02')], '2026-11-17');
    expect(run.of('overdue').filter((o) => o.task === 'decide-appeal')).toEqual([
      { at: '2026-11-17T00:00:00.000+00:00', kind: 'overdue', task: 'decide-appeal', role: 'appeals-reviewer', due: '2026-11-16' },
    ]);
  });

  test('"Apprentices may appeal a withdrawal decision": an appeal with no withdrawal on record is refused', () => {
    expect(refusal('bpn', [appeal('2026-09-02')])).toBe('events[0]: there is no decision on record that bpn lets the learner appeal');
    expect(refusal('bpn', [{ type: 'session.missed', at: '2026-09-01' }, decide('2026-09-20', 'de-escalate'), appeal('2026-09-21')])).toBe(
      'events[2]: there is no decision on record that bpn lets the learner appeal',
    );
  });

  describe('"10. Apprentices and employers will be informed at each formal stage": the appeal\'s result (appeal.decided)', () => {
    const result = (when: string, outcome: 'upheld' | 'dismissed'): EventJson => ({ type: 'appeal.decided', at: when, result: outcome });
    const lodged = [...withdrawn, appeal('2026-11-02')];
    const told = (run: Scenario, instant: string) => at(run, instant).filter((e) => e.kind === 'notify').map((n) => [n.role, n.reason]);

    test('dismissed: the reviewer, the apprentice, the employer and the tutor are told; the withdrawal stands; the deadline is met', () => {
      const run = simulate('bpn', [...lodged, result('2026-11-10', 'dismissed')], '2026-11-30');
      const reason = 'the appeal against "Withdrawal" was dismissed: the decision stands; the decision is final';
      expect(told(run, '2026-11-10T00:00:00.000+00:00')).toEqual([
        ['appeals-reviewer', reason],
        ['learner', reason],
        ['employer', reason],
        ['coach', reason],
      ]);
      expect(run.case.status).toBe('withdrawn');
      expect(run.case.atRisk).toBe(false);
      expect(run.case.openTasks.map((t) => t.task)).not.toContain('decide-appeal');
      expect(run.of('overdue').filter((o) => o.task === 'decide-appeal')).toEqual([]);
    });

    test('upheld: everyone is told the withdrawal is reversed; the learner is monitored again and back on the register', () => {
      const run = simulate('bpn', [...lodged, result('2026-11-10', 'upheld')], '2026-11-10');
      const reason = 'the appeal against "Withdrawal" was upheld: the decision is reversed; the decision is final';
      expect(told(run, '2026-11-10T00:00:00.000+00:00').filter(([, r]) => r === reason).map(([role]) => role)).toEqual([
        'appeals-reviewer',
        'learner',
        'employer',
        'coach',
      ]);
      expect(run.case.status).toBe('monitoring');
      expect(run.case.atRisk).toBe(true);
      expect(run.case.reasons).toEqual(['the appeal against "Withdrawal" was upheld']);
    });

    test('a result with no appeal lodged, after a late appeal, or a second time is refused', () => {
      const NONE = 'no appeal lodged in time is waiting for a decision under bpn';
      expect(refusal('bpn', [...withdrawn, result('2026-11-02', 'upheld')])).toBe(`events[7]: ${NONE}`);
      expect(refusal('bpn', [...withdrawn, appeal('2026-11-12'), result('2026-11-13', 'upheld')])).toBe(`events[8]: ${NONE}`);
      expect(refusal('bpn', [...lodged, result('2026-11-10', 'dismissed'), result('2026-11-11', 'upheld')])).toBe(`events[9]: ${NONE}`);
      expect(refusal('bpn', [...lodged, result('2026-11-10', 'dismissed')])).toBe('accepted');
    });

    test('a second appeal against the same decision is refused', () => {
      expect(refusal('bpn', [...lodged, appeal('2026-11-03')])).toBe('events[8]: an appeal against "withdraw" was already lodged on 2026-11-02');
    });
  });

  test('"Apprentices may appeal a withdrawal decision": an appeal lodged by the employer is not accepted as the apprentice\'s appeal', () => {
    const result = tryRun('bpn', [...withdrawn, appeal('2026-11-02', 'employer')]);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/^events\[7\]: /);
  });
});
