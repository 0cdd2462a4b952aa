/**
 * BPN (seeds/002_0f0e676bce15daa7.txt), "8. Support and Intervention. Before withdrawal is
 * considered, BPN will: ... Offer academic and pastoral support where appropriate ...
 * Consider safeguarding or welfare concerns where relevant". POLICIES.md decision: both are
 * recorded answers (done, or not appropriate with a reason) that a withdrawal needs. They
 * are outcomes that change nothing in the case; the reason travels as the proposal's note.
 */
import { contact, decide, refusal } from '../events.js';
import { simulate, type EventJson } from '../scenario.js';

const NEEDS_SUPPORT =
  'withdrawal needs a recorded answer on academic and pastoral support first: record "support offered", or "support not appropriate" with the reason';
const NEEDS_WELFARE =
  'withdrawal needs a recorded answer on safeguarding and welfare first: record "welfare considered", or "welfare not relevant" with the reason';

/** The contact rule met: three attempts to the apprentice on two channels, one to the employer. */
const contacts = [
  contact('2026-09-16', 'phone'),
  contact('2026-09-17', 'email', 'no_response'),
  contact('2026-09-18', 'phone'),
  contact('2026-09-19', 'phone', 'no_answer', { with: 'employer' }),
];
const withdraw = decide('2026-10-28', 'withdraw');
const propose = (at: string, outcome: string, note: string): EventJson => ({ type: 'step.proposed', at, proposal: `p-${outcome}`, outcome, staff: 'tutor@bpn.org', note });

describe('bpn "Offer academic and pastoral support where appropriate" before withdrawal', () => {
  test('no answer on support: a withdrawal decision is refused, naming what to record', () => {
    expect(refusal('bpn', [...contacts, decide('2026-09-20', 'welfare-considered'), withdraw])).toBe(`events[5]: cannot decide "withdraw": ${NEEDS_SUPPORT}`);
  });

  test('"support offered" recorded: the withdrawal is accepted', () => {
    expect(refusal('bpn', [...contacts, decide('2026-09-20', 'support-offered'), decide('2026-09-20', 'welfare-considered'), withdraw])).toBe('accepted');
  });

  test('"where appropriate": "support not appropriate" (with its reason) is an answer too', () => {
    const events = [...contacts, propose('2026-09-20', 'support-not-appropriate', 'No reply to any offer'), decide('2026-09-20', 'welfare-considered'), withdraw];
    expect(refusal('bpn', events)).toBe('accepted');
  });

  test('a withdrawal cannot even be proposed without the answer (the proposal is refused before anyone is asked)', () => {
    const events = [...contacts, decide('2026-09-20', 'welfare-considered'), propose('2026-10-28', 'withdraw', 'Eight weeks inactive')];
    expect(refusal('bpn', events)).toBe(`events[5]: cannot decide "withdraw": ${NEEDS_SUPPORT}`);
  });

  test('an answer from an earlier, closed case does not count for the next one', () => {
    const events = [
      { type: 'session.missed', at: '2026-09-02' },
      decide('2026-09-03', 'support-offered'),
      decide('2026-09-04', 'de-escalate'),
      { type: 'session.missed', at: '2026-09-10' },
      ...contacts,
      decide('2026-09-20', 'welfare-considered'),
      withdraw,
    ];
    expect(refusal('bpn', events)).toBe(`events[9]: cannot decide "withdraw": ${NEEDS_SUPPORT}`);
  });
});

describe('bpn "Consider safeguarding or welfare concerns where relevant" before withdrawal', () => {
  test('no answer on welfare: a withdrawal decision is refused, naming what to record', () => {
    expect(refusal('bpn', [...contacts, decide('2026-09-20', 'support-offered'), withdraw])).toBe(`events[5]: cannot decide "withdraw": ${NEEDS_WELFARE}`);
  });

  test('"where relevant": "welfare not relevant" (with its reason) is an answer too', () => {
    const events = [...contacts, decide('2026-09-20', 'support-offered'), propose('2026-09-20', 'welfare-not-relevant', 'No sign of any concern'), withdraw];
    expect(refusal('bpn', events)).toBe('accepted');
  });

  test('the answers are not steps: recording them keeps the case open at its stage, with no approval asked', () => {
    const run = simulate('bpn', [
      { type: 'stage.entered', at: '2026-10-07', stage: 'performance-review' },
      propose('2026-10-08', 'support-offered', 'Offered catch-up sessions and a pastoral call'),
      propose('2026-10-08', 'welfare-not-relevant', 'No sign of any concern'),
    ]);
    expect(run.case.stage).toBe('performance-review');
    expect(run.case.atRisk).toBe(true);
    expect(run.of('proposal')).toEqual([]);
  });
});

describe('bpn "8. Before withdrawal is considered": the bot asks for both answers when the Performance Manager review begins', () => {
  // Entered Wed 7 Oct 2026; due 21 calendar days later, Wed 28 Oct (week 8 from the entry's week 5).
  const enter = { type: 'stage.entered', at: '2026-10-07', stage: 'performance-review' };
  const asked = (run: ReturnType<typeof simulate>) => run.of('overdue').filter((o) => o.task.startsWith('record-'));

  test('both tasks are set for the tutor, due Wed 28 Oct', () => {
    const run = simulate('bpn', [enter]);
    expect(run.case.openTasks.filter((t) => t.task.startsWith('record-')).map((t) => [t.task, t.role, t.due])).toEqual([
      ['record-support-offered', 'coach', '2026-10-28'],
      ['record-welfare-considered', 'coach', '2026-10-28'],
    ]);
  });

  test('not overdue at the end of Wed 28 Oct; overdue at 00:00 GMT on Thu 29 Oct', () => {
    expect(asked(simulate('bpn', [enter], '2026-10-28'))).toEqual([]);
    expect(asked(simulate('bpn', [enter], '2026-10-29'))).toEqual([
      { at: '2026-10-29T00:00:00.000+00:00', kind: 'overdue', task: 'record-support-offered', role: 'coach', due: '2026-10-28' },
      { at: '2026-10-29T00:00:00.000+00:00', kind: 'overdue', task: 'record-welfare-considered', role: 'coach', due: '2026-10-28' },
    ]);
  });

  test('each answer completes its own task: "support not appropriate" the first, "welfare considered" the second', () => {
    const one = simulate('bpn', [enter, propose('2026-10-20', 'support-not-appropriate', 'No reply to any offer')], '2026-10-29');
    expect(asked(one).map((o) => o.task)).toEqual(['record-welfare-considered']);
    const both = simulate('bpn', [enter, propose('2026-10-20', 'support-not-appropriate', 'No reply to any offer'), decide('2026-10-21', 'welfare-considered')], '2026-10-29');
    expect(asked(both)).toEqual([]);
  });
});

describe('bpn "Offer ... support where appropriate" / "Consider ... welfare concerns where relevant": "not appropriate" must say why', () => {
  const REFUSED = (outcome: string, where: string) => `"${outcome}" must say why under bpn: give the reason ${where}`;

  test.each(['support-not-appropriate', 'welfare-not-relevant'])('%s from the data feed without a note is refused, naming the event', (outcome) => {
    expect(refusal('bpn', [...contacts, decide('2026-09-20', outcome)])).toBe(`events[4]: ${REFUSED(outcome, "in the decision's note")}`);
  });

  test.each(['support-not-appropriate', 'welfare-not-relevant'])('%s from the data feed with its reason in the note is accepted', (outcome) => {
    expect(refusal('bpn', [...contacts, { ...decide('2026-09-20', outcome), note: 'No reply to two offers' }])).toBe('accepted');
  });

  test('a proposal of "support not appropriate" without a reason is refused before anyone is asked', () => {
    const bare: EventJson = { type: 'step.proposed', at: '2026-09-20', proposal: 'p1', outcome: 'support-not-appropriate', staff: 'tutor@bpn.org' };
    expect(refusal('bpn', [...contacts, bare])).toBe(`events[4]: ${REFUSED('support-not-appropriate', 'with the proposal')}`);
  });

  test('the answers that were done ("support offered", "welfare considered") need no reason', () => {
    expect(refusal('bpn', [...contacts, decide('2026-09-20', 'support-offered'), decide('2026-09-20', 'welfare-considered')])).toBe('accepted');
  });
});

describe('bpn "8. Before withdrawal is considered": the week-8 recommendation waits for the answers on support and welfare too', () => {
  // Start Tue 1 Sep 2026, no activity: week 8 is Tue 27 Oct 2026, 00:00 GMT.
  const WEEK8 = '2026-10-27T00:00:00.000+00:00';
  const SUPPORT_ANSWER = 'a recorded answer on academic and pastoral support ("support offered", or "support not appropriate" with the reason)';
  const WELFARE_ANSWER = 'a recorded answer on safeguarding and welfare ("welfare considered", or "welfare not relevant" with the reason)';
  const recommended = (run: ReturnType<typeof simulate>) => run.of('recommend').filter((r) => r.action === 'withdraw');
  const waiting = (run: ReturnType<typeof simulate>) => run.case.pendingRecommendations.find((p) => p.action === 'withdraw')?.waitingFor;

  test('contacts done but neither answer: no recommendation at week 8; the case says both are missing', () => {
    const run = simulate('bpn', contacts, '2026-10-27');
    expect(recommended(run)).toEqual([]);
    expect(waiting(run)).toBe(`${SUPPORT_ANSWER}; ${WELFARE_ANSWER}`);
    expect(run.of('notify').filter((n) => n.at === WEEK8 && n.role === 'coach')).toHaveLength(1);
  });

  test('one answer of two: still held, waiting for the other only', () => {
    const run = simulate('bpn', [...contacts, decide('2026-09-20', 'support-offered')], '2026-10-27');
    expect(recommended(run)).toEqual([]);
    expect(waiting(run)).toBe(WELFARE_ANSWER);
  });

  test('the last answer recorded after week 8 (Wed 28 Oct 10:00 GMT) brings the recommendation at that moment, once', () => {
    const last = { ...decide('2026-10-28T10:00:00Z', 'welfare-not-relevant'), note: 'No sign of any concern' };
    const run = simulate('bpn', [...contacts, decide('2026-09-20', 'support-offered'), last], '2026-11-30');
    expect(recommended(run)).toEqual([
      { at: '2026-10-28T10:00:00.000+00:00', kind: 'recommend', action: 'withdraw', reasons: ['no engagement for 8 weeks'], approver: 'associate-director' },
    ]);
    expect(waiting(run)).toBeUndefined();
  });

  test('every answer given before week 8: recommended at week 8 itself, not before', () => {
    const events = [...contacts, decide('2026-09-20', 'support-offered'), decide('2026-09-20', 'welfare-considered')];
    expect(recommended(simulate('bpn', events, '2026-10-26'))).toEqual([]);
    expect(recommended(simulate('bpn', events, '2026-10-27')).map((r) => r.at)).toEqual([WEEK8]);
  });
});
