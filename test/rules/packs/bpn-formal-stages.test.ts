/**
 * BPN (seeds/002_0f0e676bce15daa7.txt), "10. Notifications and Record Keeping: Apprentices
 * and employers will be informed at each formal stage". The apprentice and the employer are
 * external roles: each notice goes to the tutor holding the case, who tells them. Every
 * formal step tells both: the formal warning (week 3), the break in learning (week 4), the
 * Performance Manager review (week 5) and the withdrawal.
 */
import { contact, decide, enter } from '../events.js';
import { simulate, type EventJson } from '../scenario.js';

/** Everything section 8 asks for before a withdrawal. */
const beforeWithdrawal = [
  contact('2026-09-16', 'phone'),
  contact('2026-09-17', 'email', 'no_response'),
  contact('2026-09-18', 'phone'),
  contact('2026-09-19', 'phone', 'no_answer', { with: 'employer' }),
  decide('2026-09-20', 'support-offered'),
  decide('2026-09-20', 'welfare-considered'),
];

describe('bpn "Apprentices and employers will be informed at each formal stage"', () => {
  test.each<[string, EventJson[], string]>([
    ['formal warning (week 3)', [enter('2026-09-23', 'formal-warning')], '2026-09-23T00:00:00.000+01:00'],
    ['break in learning (week 4)', [decide('2026-09-30', 'break-in-learning')], '2026-09-30T00:00:00.000+01:00'],
    ['Performance Manager review (week 5)', [enter('2026-10-07', 'performance-review')], '2026-10-07T00:00:00.000+01:00'],
    ['withdrawal', [...beforeWithdrawal, decide('2026-10-28', 'withdraw')], '2026-10-28T00:00:00.000+00:00'],
  ])('the %s tells the apprentice and the employer at that moment', (_step, events, instant) => {
    const told = simulate('bpn', events)
      .of('notify')
      // The appeal window (section 11) is told to the apprentice separately.
      .filter((n) => n.at === instant && (n.role === 'learner' || n.role === 'employer') && !n.reason.includes('may appeal'))
      .map((n) => n.role);
    expect(told).toEqual(['learner', 'employer']);
  });

  test('the recorded answers on support and welfare are not formal stages: nobody outside is told', () => {
    const run = simulate('bpn', [enter('2026-10-07', 'performance-review'), decide('2026-10-08', 'support-offered'), { ...decide('2026-10-08', 'welfare-not-relevant'), note: 'No sign of any concern' }]);
    expect(run.of('notify').filter((n) => n.at === '2026-10-08T00:00:00.000+01:00')).toEqual([]);
  });
});
