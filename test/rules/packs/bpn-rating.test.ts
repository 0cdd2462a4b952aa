/**
 * BPN (seeds/002_0f0e676bce15daa7.txt), "7. Learner Risk Rating (Engagement Quality)":
 * Green; Amber (Alert) on lateness, missed reviews, missed classroom sessions, lack of
 * engagement with functional skills, poor communication, unsigned documentation -> tutor
 * notifies apprentice and employer/mentor, recovery plan; Red (At Risk) on repeated Amber
 * issues -> Performance Manager involvement, formal discussion with employer/mentor.
 * "Status returns to Green when expectations are met". POLICIES.md decision: "repeated
 * Amber" = a second Amber trigger within 28 days (both ends included). Also "8. Consider
 * safeguarding or welfare concerns": restricted, to the safeguarding lead only.
 */
import { activity, concern } from '../events.js';
import { simulate, type EventJson, type Scenario } from '../scenario.js';

const AMBER = 'an Amber engagement issue (missed class or review, lateness, poor communication, unsigned documents or functional skills)';
const REPEATED = 'repeated Amber issues (a second within 28 days)';
const ENGAGING = 'engaging again: four engagement records with no Amber issue between them';
const W2 = 'no recorded activity or meaningful communication for 2 weeks';
const TELL = 'Amber alert: an engagement issue was recorded; a recovery plan will be agreed';
const PM = 'hold a formal discussion with the employer/mentor; a revised training plan may be needed';
const START = { at: '2026-09-01T00:00:00.000+01:00', kind: 'rating', from: null, to: 'green' };

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const at = (run: Scenario, instant: string) => run.timeline.filter((e) => e.at === instant);

/** What a first Amber issue does at `instant`. */
const firstAmber = (instant: string) => [
  { at: instant, kind: 'alert', reasons: [AMBER] },
  { at: instant, kind: 'rating', from: 'green', to: 'amber' },
  { at: instant, kind: 'notify', role: 'learner', reason: TELL },
  { at: instant, kind: 'notify', role: 'employer', reason: TELL },
  { at: instant, kind: 'recommend', action: 'recovery-plan', reasons: [AMBER] },
];

describe('bpn "Amber (Alert)" triggers: the tutor tells the apprentice and employer/mentor; a recovery plan is agreed', () => {
  test.each<[string, EventJson]>([
    ['Missed classroom sessions (session.missed)', { type: 'session.missed', at: '2026-09-08' }],
    ['Missed reviews (visit.missed)', { type: 'visit.missed', at: '2026-09-08' }],
    ['Lateness', concern('2026-09-08', 'lateness')],
    ['Poor communication', concern('2026-09-08', 'poor-communication')],
    ['Unsigned documentation', concern('2026-09-08', 'unsigned-documents')],
    ['Lack of engagement with functional skills', concern('2026-09-08', 'functional-skills-disengagement')],
  ])('bpn "Amber (Alert)": "%s" turns Green to Amber', (_label, event) => {
    const run = simulate('bpn', [event]);
    expect(run.timeline).toEqual([START, ...firstAmber('2026-09-08T00:00:00.000+01:00')]);
    expect(run.case.rating).toBe('amber');
    expect(run.case.atRisk).toBe(true);
  });

  test.each(['support-request', 'personal'])('bpn "Amber (Alert)": a "%s" concern is not an Amber trigger: still Green', (category) => {
    const run = simulate('bpn', [concern('2026-09-08', category)]);
    expect(run.timeline).toEqual([START]);
    expect(run.case.rating).toBe('green');
  });

  test('bpn "Amber (Alert)": a plan agreed settles the recovery-plan recommendation', () => {
    const run = simulate('bpn', [concern('2026-09-08', 'lateness'), { type: 'plan.agreed', at: '2026-09-09', kind: 'recovery' }]);
    expect(run.case.pendingRecommendations).toEqual([]);
  });
});

describe('bpn "Red (At Risk): repeated Amber issues" = a second Amber within 28 days (both ends included)', () => {
  // First Amber on the start date, Tue 1 Sep 2026; activities on 10 and 20 Sep keep the
  // inactivity clock (week 2 = 4 Oct) out of the way. Second Amber 27, 28 or 29 days later.
  const before = [{ type: 'session.missed', at: '2026-09-01' }, activity('2026-09-10'), activity('2026-09-20')];

  test.each([
    [27, '2026-09-28'],
    [28, '2026-09-29'],
  ])('bpn "Red (At Risk)": a second Amber %i days after the first (%s) is "repeated": Red, Performance Manager involved', (_days, day) => {
    const run = simulate('bpn', [...before, { type: 'visit.missed', at: day }]);
    const instant = `${day}T00:00:00.000+01:00`;
    expect(at(run, instant)).toEqual([
      { at: instant, kind: 'alert', reasons: [AMBER, REPEATED] },
      { at: instant, kind: 'rating', from: 'amber', to: 'red' },
      { at: instant, kind: 'notify', role: 'learner', reason: TELL },
      { at: instant, kind: 'notify', role: 'employer', reason: TELL },
      { at: instant, kind: 'notify', role: 'performance-manager', reason: PM },
    ]);
    expect(run.case.rating).toBe('red');
  });

  test('bpn "Red (At Risk)": a second Amber 29 days after the first (2026-09-30) is not "repeated": stays Amber', () => {
    const run = simulate('bpn', [...before, { type: 'visit.missed', at: '2026-09-30' }]);
    const instant = '2026-09-30T00:00:00.000+01:00';
    expect(at(run, instant)).toEqual([
      { at: instant, kind: 'alert', reasons: [AMBER] },
      { at: instant, kind: 'notify', role: 'learner', reason: TELL },
      { at: instant, kind: 'notify', role: 'employer', reason: TELL },
    ]);
    expect(run.case.rating).toBe('amber');
  });

  test('bpn "Red (At Risk)": 28 days to the minute counts; one minute more does not', () => {
    const first = { type: 'session.missed', at: '2026-09-01T10:00:00+01:00' };
    const mid = [activity('2026-09-10'), activity('2026-09-20')];
    const exact = simulate('bpn', [first, ...mid, concern('2026-09-29T10:00:00+01:00', 'lateness')]);
    expect(exact.of('rating').map((r) => r.to)).toEqual(['green', 'amber', 'red']);
    const late = simulate('bpn', [first, ...mid, concern('2026-09-29T10:01:00+01:00', 'lateness')]);
    expect(late.of('rating').map((r) => r.to)).toEqual(['green', 'amber']);
  });

  test('bpn "Red (At Risk)": a third Amber while Red changes nothing more than the Amber notice', () => {
    const run = simulate('bpn', [...before, { type: 'visit.missed', at: '2026-09-28' }, concern('2026-09-29', 'lateness')]);
    expect(at(run, '2026-09-29T00:00:00.000+01:00')).toEqual([
      { at: '2026-09-29T00:00:00.000+01:00', kind: 'alert', reasons: [AMBER] },
      { at: '2026-09-29T00:00:00.000+01:00', kind: 'notify', role: 'learner', reason: TELL },
      { at: '2026-09-29T00:00:00.000+01:00', kind: 'notify', role: 'employer', reason: TELL },
    ]);
    expect(run.of('notify').filter((n) => n.role === 'performance-manager')).toHaveLength(1);
  });
});

describe('bpn "Status returns to Green when expectations are met" (four engagement records in a row, staff confirm)', () => {
  // At risk from an Amber issue on Tue 8 Sep 2026; engagement records from 9 Sep.
  const amber = { type: 'session.missed', at: '2026-09-08' };
  const records = (n: number) => Array.from({ length: n }, (_, i) => activity(plusDays('2026-09-09', i)));
  const deEscalations = (run: Scenario) => run.of('recommend').filter((r) => r.action === 'de-escalate');

  test('three engagement records: not yet', () => {
    expect(deEscalations(simulate('bpn', [amber, ...records(3)]))).toEqual([]);
  });

  test('the fourth engagement record recommends de-escalating (back to Green)', () => {
    expect(deEscalations(simulate('bpn', [amber, ...records(4)]))).toEqual([
      { at: '2026-09-12T00:00:00.000+01:00', kind: 'recommend', action: 'de-escalate', reasons: [ENGAGING] },
    ]);
  });

  test('a fifth engagement record does not recommend it again', () => {
    expect(deEscalations(simulate('bpn', [amber, ...records(5)]))).toHaveLength(1);
  });

  test('"may be reinstated if issues reoccur": an Amber issue inside the run starts the count again', () => {
    // Records on 9, 10, 11 Sep; lateness at 12:00 on 11 Sep; then records from 12 Sep.
    const lateness = concern('2026-09-11T12:00:00+01:00', 'lateness');
    const after = (n: number) => Array.from({ length: n }, (_, i) => activity(plusDays('2026-09-12', i)));
    expect(deEscalations(simulate('bpn', [amber, ...records(3), lateness, ...after(3)]))).toEqual([]);
    expect(deEscalations(simulate('bpn', [amber, ...records(3), lateness, ...after(4)]))).toEqual([
      { at: '2026-09-15T00:00:00.000+01:00', kind: 'recommend', action: 'de-escalate', reasons: [ENGAGING] },
    ]);
  });

  test('an apprentice who is not at risk gets no de-escalation recommendation', () => {
    expect(deEscalations(simulate('bpn', records(4)))).toEqual([]);
  });

  test('the decision "de-escalate" returns the rating to Green and takes the learner off the register', () => {
    const run = simulate('bpn', [amber, ...records(4), { type: 'decision', at: '2026-09-14', outcome: 'de-escalate' }]);
    expect(at(run, '2026-09-14T00:00:00.000+01:00')).toEqual([{ at: '2026-09-14T00:00:00.000+01:00', kind: 'rating', from: 'amber', to: 'green' }]);
    expect(run.case.rating).toBe('green');
    expect(run.case.atRisk).toBe(false);
  });

  test('after two weeks without activity (Amber), four engagement records recommend de-escalating even if the apprentice had engaged before', () => {
    // Active 2-5 Sep, then silent: week 2 on Sat 19 Sep (5 + 14) rates Amber. Back on 20-23 Sep.
    const run = simulate('bpn', [...['02', '03', '04', '05', '20', '21', '22', '23'].map((d) => activity(`2026-09-${d}`))]);
    expect(run.of('alert')).toEqual([{ at: '2026-09-19T00:00:00.000+01:00', kind: 'alert', reasons: [W2] }]);
    expect(deEscalations(run)).toEqual([
      { at: '2026-09-23T00:00:00.000+01:00', kind: 'recommend', action: 'de-escalate', reasons: [ENGAGING] },
    ]);
  });
});

describe('bpn "8. Consider safeguarding or welfare concerns": restricted, to the safeguarding lead only', () => {
  const SENSITIVE = {
    kind: 'notify',
    role: 'safeguarding-lead',
    reason: 'a welfare or safeguarding concern was raised for this learner: see the restricted record',
    sensitive: true,
  };

  test.each(['wellbeing', 'mental-health', 'health', 'safeguarding'])(
    'a "%s" concern goes only to the safeguarding lead, marked sensitive: no alert, no rating change',
    (category) => {
      const run = simulate('bpn', [concern('2026-09-08', category)]);
      expect(run.timeline).toEqual([START, { at: '2026-09-08T00:00:00.000+01:00', ...SENSITIVE }]);
      expect(run.case.rating).toBe('green');
      expect(run.case.atRisk).toBe(false);
    },
  );

  test.each(['wellbeing', 'mental-health'])('a "%s" concern beside an Amber issue never enters the alert or a non-sensitive entry', (category) => {
    const run = simulate('bpn', [concern('2026-09-08T10:00:00+01:00', 'lateness'), concern('2026-09-08T10:00:00+01:00', category)]);
    expect(run.of('alert')).toEqual([{ at: '2026-09-08T10:00:00.000+01:00', kind: 'alert', reasons: [AMBER] }]);
    const sensitive = run.timeline.filter((e) => e.kind === 'notify' && e.sensitive === true);
    expect(sensitive).toEqual([{ at: '2026-09-08T10:00:00.000+01:00', ...SENSITIVE }]);
    const open = run.timeline.filter((e) => !(e.kind === 'notify' && e.sensitive === true));
    expect(JSON.stringify(open)).not.toContain(category);
    expect(JSON.stringify(open)).not.toContain('welfare');
  });
});
