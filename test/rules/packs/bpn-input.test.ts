/**
 * BPN (seeds/002_0f0e676bce15daa7.txt) under the simulate contract's input rules
 * (shared/contracts/simulate.md): "Events may arrive unsorted; the engine orders them by
 * `at`"; "a repeated `id` is ignored"; "the same input gives byte-identical output".
 */
import { simulate, tryRun, type EventJson } from '../scenario.js';

const AMBER = 'an Amber engagement issue (missed class or review, lateness, poor communication, unsigned documents or functional skills)';

// A full history: Amber issues, inactivity weeks, three attempts on two channels and one to
// the employer, support and welfare answers, week 8, withdrawal, appeal.
const HISTORY: EventJson[] = [
  { id: 'e1', type: 'session.missed', at: '2026-09-03' },
  { id: 'e2', type: 'activity', at: '2026-09-04T18:00:00+01:00' },
  { id: 'e3', type: 'concern.raised', at: '2026-09-10', category: 'lateness' },
  { id: 'e4', type: 'concern.raised', at: '2026-09-11', category: 'mental-health' },
  { id: 'e5', type: 'contact', at: '2026-09-20T09:00:00+01:00', channel: 'phone', outcome: 'no_answer' },
  { id: 'e6', type: 'contact', at: '2026-09-21T09:00:00+01:00', channel: 'email', outcome: 'no_response' },
  { id: 'e7', type: 'stage.entered', at: '2026-09-26', stage: 'formal-warning' },
  { id: 'e8', type: 'contact', at: '2026-10-05T09:00:00+01:00', channel: 'letter', outcome: 'no_response' },
  { id: 'e9', type: 'contact', at: '2026-10-06T09:00:00+01:00', channel: 'phone', outcome: 'no_answer', with: 'employer' },
  { id: 'e10', type: 'decision', at: '2026-10-07', outcome: 'support-offered' },
  { id: 'e11', type: 'decision', at: '2026-10-07', outcome: 'welfare-considered' },
  { id: 'e12', type: 'decision', at: '2026-11-02', outcome: 'withdraw' },
  { id: 'e13', type: 'appeal.lodged', at: '2026-11-05' },
];
const UNTIL = '2026-12-01';

describe('bpn input: "a repeated id is ignored"', () => {
  test('"Red: repeated Amber issues": the same missed class sent twice (same id, next day) is one Amber issue, not two', () => {
    const once = simulate('bpn', [{ id: 'm1', type: 'session.missed', at: '2026-09-08' }, { id: 'm1', type: 'session.missed', at: '2026-09-09' }]);
    expect(once.of('alert')).toEqual([{ at: '2026-09-08T00:00:00.000+01:00', kind: 'alert', reasons: [AMBER] }]);
    expect(once.case.rating).toBe('amber');
    // Without ids they are two issues within 28 days: Red.
    const twice = simulate('bpn', [{ type: 'session.missed', at: '2026-09-08' }, { type: 'session.missed', at: '2026-09-09' }]);
    expect(twice.case.rating).toBe('red');
  });

  test('"minimum three contact attempts": a contact attempt sent twice counts once, so withdrawal is refused', () => {
    const contacts: EventJson[] = [
      { id: 'c1', type: 'contact', at: '2026-09-16', channel: 'phone', outcome: 'no_answer' },
      { id: 'c2', type: 'contact', at: '2026-09-17', channel: 'email', outcome: 'no_response' },
      { id: 'c2', type: 'contact', at: '2026-09-17', channel: 'email', outcome: 'no_response' },
      { id: 'c3', type: 'contact', at: '2026-09-18', channel: 'phone', outcome: 'no_answer', with: 'employer' },
    ];
    expect(tryRun('bpn', [...contacts, { type: 'decision', at: '2026-10-28', outcome: 'withdraw' }])).toEqual({
      ok: false,
      error:
        'events[4]: cannot decide "withdraw": withdrawal needs at least three contact attempts to the apprentice across different channels, and the employer/mentor engaged, first (1 more attempt needed)',
    });
  });

  test('the whole history sent twice (every event repeated with its id) gives the same output as once', () => {
    const once = simulate('bpn', HISTORY, UNTIL);
    const twice = simulate('bpn', [...HISTORY, ...HISTORY], UNTIL);
    expect(twice.timeline).toEqual(once.timeline);
    expect(twice.case).toEqual(once.case);
  });
});

describe('bpn input: "Events may arrive unsorted; the engine orders them by at"', () => {
  test('the history reversed and shuffled gives the same output as sorted', () => {
    const sorted = simulate('bpn', HISTORY, UNTIL);
    const reversed = simulate('bpn', [...HISTORY].reverse(), UNTIL);
    const shuffled = simulate('bpn', [4, 12, 9, 0, 7, 11, 2, 5, 10, 8, 1, 6, 3].map((i) => HISTORY[i]!), UNTIL);
    expect(reversed.timeline).toEqual(sorted.timeline);
    expect(shuffled.timeline).toEqual(sorted.timeline);
    expect(shuffled.case).toEqual(sorted.case);
    // A refusal names the event by its index in the input as given.
    const refused = tryRun('bpn', [{ type: 'decision', at: '2026-10-28', outcome: 'withdraw' }, ...HISTORY.slice(0, 6)].reverse());
    expect(refused.ok ? '' : refused.error).toMatch(/^events\[6\]: cannot decide "withdraw"/);
  });
});

describe('bpn determinism: "the same input gives byte-identical output"', () => {
  test('two runs of the whole history are deep-equal and serialise identically', () => {
    const a = simulate('bpn', HISTORY, UNTIL);
    const b = simulate('bpn', HISTORY, UNTIL);
    expect(b.timeline).toEqual(a.timeline);
    expect(b.case).toEqual(a.case);
    expect(JSON.stringify(b.timeline)).toBe(JSON.stringify(a.timeline));
    // The history is not trivial: it reached Red, week 8, a withdrawal and an appeal.
    expect(a.case.status).toBe('withdrawn');
    expect(a.of('rating').map((r) => r.to)).toEqual(['green', 'amber', 'red']);
    expect(a.of('task').map((t) => t.task)).toEqual(['initial-contact', 'confirm-withdrawal-in-writing', 'decide-appeal']);
  });
});
