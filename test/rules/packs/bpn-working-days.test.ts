/**
 * BPN (seeds/002_0f0e676bce15daa7.txt) working-day deadlines across UK bank holidays:
 * "10. Withdrawal decisions will be confirmed in writing within 10 working days";
 * "11. Appeals must be submitted within 10 working days of notification ... Decision
 * confirmed within 10 working days of appeal receipt". "N working days after D" = the Nth
 * day strictly after D that is not a weekend or a bank holiday of the learner's nation
 * (shared/contracts/simulate.md). Every expected date below is counted by hand.
 *
 * Bank holidays used: England & Wales: Fri 25 Dec 2026, Mon 28 Dec 2026 (Boxing Day
 * substitute), Fri 1 Jan 2027, Fri 26 Mar 2027 (Good Friday), Mon 29 Mar 2027 (Easter
 * Monday), Mon 3 May 2027, Mon 31 May 2027. Scotland: the same but Mon 4 Jan 2027 (2 January
 * substitute) and no Easter Monday. Northern Ireland: as England plus Wed 17 Mar 2027.
 */
import { simulate, type EventJson, type LearnerFields } from '../scenario.js';

type Nation = NonNullable<LearnerFields['nation']>;

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Midnight London of a day, written as the engine writes it (BST from 28 Mar to 31 Oct 2027). */
const midnight = (day: string) => `${day}T00:00:00.000${day >= '2027-03-28' && day < '2027-10-31' ? '+01:00' : '+00:00'}`;

/**
 * A learner who starts 7 days before the decision, misses a class that day (the case opens),
 * has three unanswered attempts on two channels and one to the employer, has support offered
 * and welfare considered on record, and is withdrawn on `decision`.
 */
function withdrawal(nation: Nation, decision: string, appeal?: string) {
  const start = plusDays(decision, -7);
  const events: EventJson[] = [
    { type: 'session.missed', at: start },
    { type: 'contact', at: plusDays(start, 1), channel: 'phone', outcome: 'no_answer' },
    { type: 'contact', at: plusDays(start, 2), channel: 'email', outcome: 'no_response' },
    { type: 'contact', at: plusDays(start, 3), channel: 'phone', outcome: 'no_answer' },
    { type: 'contact', at: plusDays(start, 3), channel: 'email', outcome: 'no_response', with: 'employer' },
    { type: 'decision', at: plusDays(start, 4), outcome: 'support-offered' },
    { type: 'decision', at: plusDays(start, 4), outcome: 'welfare-considered' },
    { type: 'decision', at: decision, outcome: 'withdraw' },
    ...(appeal !== undefined ? [{ type: 'appeal.lodged', at: appeal }] : []),
  ];
  return simulate('bpn', events, undefined, { nation, startDate: start });
}

const confirmTask = (decision: string, due: string) => ({
  at: midnight(decision),
  kind: 'task',
  task: 'confirm-withdrawal-in-writing',
  role: 'associate-director',
  due,
  title: 'Confirm the withdrawal decision in writing',
});
const appealTask = (lodged: string, due: string) => ({
  at: midnight(lodged),
  kind: 'task',
  task: 'decide-appeal',
  role: 'appeals-reviewer',
  due,
  title: 'Decide the appeal against "withdraw"',
});

describe('bpn "confirmed in writing within 10 working days" and "appeal within 10 working days of notification"', () => {
  test.each<[string, Nation, string, string]>([
    // Fri 18 Dec 2026: Dec 21, 22, 23, 24 (4); [25 Fri, 28 Mon]; 29, 30, 31 (7); [1 Jan]; Jan 4, 5, 6 (10).
    ['Christmas 2026, England', 'england', '2026-12-18', '2027-01-06'],
    ['Christmas 2026, Wales (England\'s list)', 'wales', '2026-12-18', '2027-01-06'],
    // Scotland also skips Mon 4 Jan (2 January substitute): ... 31 Dec (7); Jan 5, 6, 7 (10).
    ['Christmas 2026, Scotland', 'scotland', '2026-12-18', '2027-01-07'],
    ['Christmas 2026, Northern Ireland (no 2 January)', 'northern-ireland', '2026-12-18', '2027-01-06'],
    // Wed 24 Mar 2027: Mar 25 (1); [26 Good Friday, 29 Easter Monday]; 30, 31, Apr 1, 2 (5); Apr 5-9 (10).
    ['Easter 2027, England', 'england', '2027-03-24', '2027-04-09'],
    ['Easter 2027, Northern Ireland', 'northern-ireland', '2027-03-24', '2027-04-09'],
    // Scotland has Good Friday but no Easter Monday: Mar 25 (1); 29, 30, 31, Apr 1, 2 (6); Apr 5-8 (10).
    ['Easter 2027, Scotland (no Easter Monday)', 'scotland', '2027-03-24', '2027-04-08'],
    // Mon 15 Mar 2027 in England: 16-19 (4); 22-25 (8); [26, 29]; 30, 31 (10).
    ['St Patrick\'s Day 2027, England (not a holiday)', 'england', '2027-03-15', '2027-03-31'],
    // Northern Ireland also skips Wed 17 Mar: 16 (1); 18, 19 (3); 22-25 (7); [26, 29]; 30, 31, Apr 1 (10).
    ['St Patrick\'s Day 2027, Northern Ireland', 'northern-ireland', '2027-03-15', '2027-04-01'],
    // Scotland: 16-19 (4); 22-25 (8); [26]; 29, 30 (10).
    ['St Patrick\'s Day 2027, Scotland (Easter Monday is a working day)', 'scotland', '2027-03-15', '2027-03-30'],
    // Fri 30 Apr 2027: [Mon 3 May]; May 4-7 (4); 10-14 (9); 17 (10).
    ['Early May 2027, England', 'england', '2027-04-30', '2027-05-17'],
    ['Early May 2027, Scotland', 'scotland', '2027-04-30', '2027-05-17'],
    // Mon 17 May 2027: 18-21 (4); 24-28 (9); [Mon 31 May]; Tue 1 Jun (10).
    ['Spring bank holiday 2027, England', 'england', '2027-05-17', '2027-06-01'],
  ])('bpn "10 working days" over %s (%s): decided %s -> confirm in writing and lodge an appeal by %s', (_label, nation, decision, due) => {
    const run = withdrawal(nation, decision);
    expect(run.of('task')).toEqual([confirmTask(decision, due)]);
    expect(run.of('notify').filter((n) => n.at === midnight(decision) && n.role === 'appeals-reviewer')).toEqual([
      { at: midnight(decision), kind: 'notify', role: 'appeals-reviewer', reason: `Withdrawal: the learner may appeal in writing until ${due}` },
    ]);
    expect(run.case.appealWindows).toEqual([{ outcome: 'withdraw', lodgeBy: due }]);
  });
});

describe('bpn "Decision confirmed within 10 working days of appeal receipt"', () => {
  test.each<[string, Nation, string, string, string]>([
    // Appeal Mon 21 Dec 2026: 22, 23, 24 (3); [25, 28]; 29, 30, 31 (6); [1 Jan]; Jan 4-7 (10).
    ['Christmas 2026, England', 'england', '2026-12-18', '2026-12-21', '2027-01-07'],
    // Scotland also skips Mon 4 Jan: ... 31 Dec (6); Jan 5, 6, 7, 8 (10).
    ['Christmas 2026, Scotland', 'scotland', '2026-12-18', '2026-12-21', '2027-01-08'],
    // Appeal Thu 25 Mar 2027: [26, 29]; 30, 31, Apr 1, 2 (4); Apr 5-9 (9); Mon 12 Apr (10).
    ['Easter 2027, England', 'england', '2027-03-24', '2027-03-25', '2027-04-12'],
    // Scotland: [26]; 29, 30, 31, Apr 1, 2 (5); Apr 5-9 (10).
    ['Easter 2027, Scotland', 'scotland', '2027-03-24', '2027-03-25', '2027-04-09'],
    // Appeal Tue 16 Mar 2027 in Northern Ireland: [17]; 18, 19 (2); 22-25 (6); [26, 29]; 30, 31, Apr 1, 2 (10).
    ['St Patrick\'s Day 2027, Northern Ireland', 'northern-ireland', '2027-03-15', '2027-03-16', '2027-04-02'],
    // Appeal Thu 20 May 2027: 21 (1); 24-28 (6); [31 May]; Jun 1-4 (10).
    ['Spring bank holiday 2027, England', 'england', '2027-05-17', '2027-05-20', '2027-06-04'],
    // Appeal on the bank holiday itself, Mon 31 May 2027: Jun 1-4 (4); 7-11 (9); 14 (10).
    ['an appeal lodged on Mon 31 May 2027 (a bank holiday)', 'england', '2027-05-17', '2027-05-31', '2027-06-14'],
  ])('bpn "within 10 working days of appeal receipt" over %s (%s): withdrawn %s, appeal %s -> decide by %s', (_label, nation, decision, appeal, due) => {
    const run = withdrawal(nation, decision, appeal);
    expect(run.of('task').filter((t) => t.task === 'decide-appeal')).toEqual([appealTask(appeal, due)]);
  });
});

describe('bpn "Appeals must be submitted within 10 working days" at the edge, across the Spring bank holiday', () => {
  // Withdrawn Mon 17 May 2027: the appeal window closes at the end of Tue 1 Jun 2027.
  test('at 23:59 on Tue 1 Jun 2027 the appeal is in time: decide by Tue 15 Jun (Jun 2-4 (3), 7-11 (8), 14, 15)', () => {
    const run = withdrawal('england', '2027-05-17', '2027-06-01T23:59:00+01:00');
    expect(run.of('task').filter((t) => t.task === 'decide-appeal')).toEqual([
      { ...appealTask('2027-06-01', '2027-06-15'), at: '2027-06-01T23:59:00.000+01:00' },
    ]);
  });

  test('at 00:00 on Wed 2 Jun 2027 the appeal is late: noted as late, no decide-appeal task', () => {
    const run = withdrawal('england', '2027-05-17', '2027-06-02');
    expect(run.of('task').filter((t) => t.task === 'decide-appeal')).toEqual([]);
    expect(run.of('notify').filter((n) => n.at === '2027-06-02T00:00:00.000+01:00')).toEqual([
      {
        at: '2027-06-02T00:00:00.000+01:00',
        kind: 'notify',
        role: 'appeals-reviewer',
        reason: 'an appeal by the learner against "withdraw" arrived after the window closed on 2027-06-01',
      },
    ]);
  });
});

describe('bpn "confirmed in writing within 10 working days": overdue at the London midnight after the due date', () => {
  test('withdrawn Fri 18 Dec 2026 (England), due Wed 6 Jan 2027: not overdue on the 6th, overdue at 00:00 GMT on Thu 7 Jan', () => {
    const events: EventJson[] = [
      { type: 'session.missed', at: '2026-12-11' },
      { type: 'contact', at: '2026-12-12', channel: 'phone', outcome: 'no_answer' },
      { type: 'contact', at: '2026-12-13', channel: 'email', outcome: 'no_response' },
      { type: 'contact', at: '2026-12-14', channel: 'phone', outcome: 'no_answer' },
      { type: 'contact', at: '2026-12-14', channel: 'email', outcome: 'no_response', with: 'employer' },
      { type: 'decision', at: '2026-12-15', outcome: 'support-not-appropriate', note: 'Offered twice in November; no reply' },
      { type: 'decision', at: '2026-12-15', outcome: 'welfare-not-relevant', note: 'No concerns known to the tutor or employer' },
      { type: 'decision', at: '2026-12-18', outcome: 'withdraw' },
    ];
    const learner = { startDate: '2026-12-11' };
    expect(simulate('bpn', events, '2027-01-06', learner).of('overdue')).toEqual([]);
    expect(simulate('bpn', events, '2027-01-07', learner).of('overdue')).toEqual([
      { at: '2027-01-07T00:00:00.000+00:00', kind: 'overdue', task: 'confirm-withdrawal-in-writing', role: 'associate-director', due: '2027-01-06' },
    ]);
  });
});
