/**
 * ATL (seeds/004_713f31c5b7deb703.txt) 5.1.1 / 5.1.2 risk factors, 5.2 'At-Risk' rating
 * ("all learners will be rated 'Low' at enrolment unless any of the start risk triggers are
 * identified"; "sensitive information ... shared only with the safeguarding team"), 5.3.1
 * "First risk identified: as learners are rated medium or high risk a support plan and
 * engagement contract must be considered", 5.3.2's "non-attendance to a scheduled session
 * without advance notice" (POLICIES.md decision: Stage 1 only for a learner already at risk),
 * and 5.1's removal of a learner "consistently at or above their expected progress markers".
 *
 * Default learner: England apprentice starting Tue 1 Sep 2026 (42-day timer due 13 Oct 2026).
 */
import { concern, missed, progress } from '../events.js';
import { simulate, type EventJson, type LearnerFields } from '../scenario.js';

const FACTOR = 'a start-of-programme or during-programme risk factor was recorded';
const CONFIDENTIAL = 'a confidential concern was recorded (details go to the safeguarding team only)';
const MISSED = 'missed a scheduled session without advance notice while at risk';
const BACK = 'consistently at or above expected progress again';
const START_RATING = { at: '2026-09-01T00:00:00.000+01:00', kind: 'rating', from: null, to: 'low' };
const AT = '2026-10-01T00:00:00.000+01:00';

const FACTORS = [
  // 5.1.2 During programme
  'bereavement', 'discipline', 'home-circumstances', 'neurodiversity', 'underachievement', 'plagiarism', 'poor-attendance',
  'workload', 'furlough', 'employer-relationship', 'relationship', 'socio-economic', 'travel',
  // 5.1.1 Start of programme
  'carer-responsibilities', 'probation', 'low-achieving-group', 'lack-of-commitment',
];
const HEALTH = ['mental-health', 'health', 'illness', 'wellbeing', 'vulnerability'];

describe('atl 5.1.1 / 5.1.2 risk factors -> 5.2 rating Medium -> 5.3.1 "First risk identified": support plan', () => {
  test.each(FACTORS)('"%s": alert, low -> medium, support-plan recommendation', (category) => {
    expect(simulate('atl', [concern('2026-10-01', category)]).timeline).toEqual([
      START_RATING,
      { at: AT, kind: 'alert', reasons: [FACTOR] },
      { at: AT, kind: 'rating', from: 'low', to: 'medium' },
      { at: AT, kind: 'recommend', action: 'support-plan', reasons: [FACTOR] },
    ]);
  });

  test.each([
    ['an England trainee', { programme: 'traineeship' }],
    ['a Wales apprentice', { nation: 'wales' }],
    ['a Scotland apprentice', { nation: 'scotland' }],
  ] as [string, LearnerFields][])('the same for %s', (_, learner) => {
    expect(simulate('atl', [concern('2026-10-01', 'travel')], undefined, learner).timeline.slice(1)).toEqual([
      { at: AT, kind: 'alert', reasons: [FACTOR] },
      { at: AT, kind: 'rating', from: 'low', to: 'medium' },
      { at: AT, kind: 'recommend', action: 'support-plan', reasons: [FACTOR] },
    ]);
  });

  test('only at first risk: a second risk factor while at risk alerts, with no rating change and no new support-plan recommendation', () => {
    const run = simulate('atl', [concern('2026-10-01', 'travel'), concern('2026-10-05', 'workload')]);
    expect(run.timeline.filter((e) => e.at.startsWith('2026-10-05'))).toEqual([{ at: '2026-10-05T00:00:00.000+01:00', kind: 'alert', reasons: [FACTOR] }]);
    expect(run.of('recommend')).toHaveLength(1);
  });

  test('after removal from the register (de-escalate), a new risk factor is a first risk again', () => {
    const run = simulate('atl', [concern('2026-09-10', 'travel'), { type: 'decision', at: '2026-09-20', outcome: 'de-escalate' }, concern('2026-10-01', 'workload')]);
    expect(run.of('rating')).toEqual([
      START_RATING,
      { at: '2026-09-10T00:00:00.000+01:00', kind: 'rating', from: 'low', to: 'medium' },
      { at: '2026-09-20T00:00:00.000+01:00', kind: 'rating', from: 'medium', to: 'low' },
      { at: AT, kind: 'rating', from: 'low', to: 'medium' },
    ]);
    expect(run.of('recommend').map((r) => [r.at, r.action])).toEqual([
      ['2026-09-10T00:00:00.000+01:00', 'support-plan'],
      [AT, 'support-plan'],
    ]);
  });

  test('5.4 "never put a learner on the register who is clearly not at risk": enrolment alone gives only the Low rating', () => {
    const run = simulate('atl', [{ type: 'session.attended', at: '2026-09-08' }, { type: 'activity', at: '2026-09-09' }]);
    expect(run.timeline).toEqual([START_RATING]);
    expect(run.case.atRisk).toBe(false);
  });
});

describe('atl health and safeguarding: "shared only with the safeguarding team"', () => {
  const SENSITIVE = {
    at: AT,
    kind: 'notify',
    role: 'safeguarding-team',
    reason: 'a health or wellbeing concern was raised for this learner: see the restricted record',
    sensitive: true,
  };

  test.each(HEALTH)('"%s": generic alert, medium, support plan, sensitive notify to the safeguarding team', (category) => {
    expect(simulate('atl', [concern('2026-10-01', category)]).timeline).toEqual([
      START_RATING,
      { at: AT, kind: 'alert', reasons: [CONFIDENTIAL] },
      { at: AT, kind: 'rating', from: 'low', to: 'medium' },
      { at: AT, kind: 'recommend', action: 'support-plan', reasons: [CONFIDENTIAL] },
      SENSITIVE,
    ]);
  });

  test('a safeguarding referral: the same generic alert, medium, sensitive notify', () => {
    const run = simulate('atl', [concern('2026-10-01', 'safeguarding')]);
    expect(run.of('alert')).toEqual([{ at: AT, kind: 'alert', reasons: [CONFIDENTIAL] }]);
    expect(run.of('rating').at(-1)).toEqual({ at: AT, kind: 'rating', from: 'low', to: 'medium' });
    expect(run.of('notify')).toEqual([
      { at: AT, kind: 'notify', role: 'safeguarding-team', reason: 'a safeguarding concern was raised for this learner: see the restricted record', sensitive: true },
    ]);
  });

  test('no channel entry names the category; only the sensitive direct message is specific', () => {
    for (const category of HEALTH) {
      const run = simulate('atl', [concern('2026-10-01', category)]);
      for (const entry of run.timeline.filter((e) => !('sensitive' in e))) expect(JSON.stringify(entry)).not.toContain(category);
    }
  });
});

describe('atl 5.3.2 "non-attendance to a scheduled session without advance notice" (only for a learner already at risk)', () => {
  test('not at risk: a missed session without notice gives nothing', () => {
    expect(simulate('atl', [missed('2026-10-01', false)]).timeline).toEqual([START_RATING]);
  });

  test.each([
    ['an England apprentice', {}, 'sector-manager'],
    ['an England trainee', { programme: 'traineeship' }, 'traineeship-manager'],
    ['a Wales apprentice', { nation: 'wales' }, 'operational-support-coordinator'],
    ['a Northern Ireland apprentice', { nation: 'northern-ireland' }, 'sector-manager'],
  ] as [string, LearnerFields, string][])('at risk, %s: alert, medium -> high, Stage 1 recommended to the %s', (_, learner, approver) => {
    const run = simulate('atl', [concern('2026-09-25', 'travel'), missed('2026-10-01', false)], undefined, learner);
    expect(run.timeline.filter((e) => e.at === AT)).toEqual([
      { at: AT, kind: 'alert', reasons: [MISSED] },
      { at: AT, kind: 'rating', from: 'medium', to: 'high' },
      { at: AT, kind: 'recommend', action: 'stage', stage: 'stage-1', approver, reasons: [MISSED] },
    ]);
  });

  test('at risk, but the session was missed with notice: nothing new', () => {
    const run = simulate('atl', [concern('2026-09-25', 'travel'), missed('2026-10-01', true)]);
    expect(run.timeline.filter((e) => e.at === AT)).toEqual([]);
  });
});

describe('atl 5.1 "returns to being consistently at or above their expected progress markers ... removed from the register"', () => {
  const deEscalations = (events: EventJson[]) =>
    simulate('atl', events)
      .of('recommend')
      .filter((r) => r.action === 'de-escalate');

  test('two on-target readings in a row while at risk recommend de-escalation', () => {
    expect(deEscalations([concern('2026-09-10', 'travel'), progress('2026-09-20', 20, 20), progress('2026-10-01', 31, 30)])).toEqual([
      { at: AT, kind: 'recommend', action: 'de-escalate', reasons: [BACK] },
    ]);
  });

  test('one on-target reading, or a run broken by a reading behind target, is not enough', () => {
    expect(deEscalations([concern('2026-09-10', 'travel'), progress('2026-09-20', 20, 20)])).toEqual([]);
    expect(deEscalations([concern('2026-09-10', 'travel'), progress('2026-09-20', 20, 20), progress('2026-09-25', 20, 25), progress('2026-10-01', 30, 30)])).toEqual([]);
  });

  test('on-target readings from before the learner was at risk do not stop a later return to target being noticed', () => {
    const events = [progress('2026-09-05', 10, 10), progress('2026-09-08', 12, 12), concern('2026-09-10', 'travel'), progress('2026-09-20', 20, 20), progress('2026-10-01', 30, 30)];
    expect(deEscalations(events)).toEqual([{ at: AT, kind: 'recommend', action: 'de-escalate', reasons: [BACK] }]);
  });
});

describe('atl 5.3.1 "as learners are rated medium or high risk a support plan and engagement contract must be considered"', () => {
  test('first risk by a safeguarding referral (rated medium) recommends a support plan', () => {
    expect(simulate('atl', [concern('2026-10-01', 'safeguarding')]).of('recommend')).toContainEqual({
      at: AT,
      kind: 'recommend',
      action: 'support-plan',
      reasons: [CONFIDENTIAL],
    });
  });

  test('first risk by 2 cancelled visits in 4 weeks (rated high) recommends a support plan', () => {
    const run = simulate('atl', [{ type: 'visit.cancelled', at: '2026-09-24' }, { type: 'visit.cancelled', at: '2026-10-01' }]);
    expect(run.of('recommend')).toContainEqual({ at: AT, kind: 'recommend', action: 'support-plan', reasons: ['2 cancelled visits in 4 weeks'] });
  });

  test('first risk by no recorded progress within 42 days (rated high) recommends a support plan', () => {
    expect(simulate('atl', [], '2026-10-13').of('recommend')).toContainEqual({
      at: '2026-10-13T00:00:00.000+01:00',
      kind: 'recommend',
      action: 'support-plan',
      reasons: ['no recorded progress within 42 days'],
    });
  });
});

describe('atl 5.3.1 "These plans and contracts will be shared with learners and employers (where appropriate)"', () => {
  const PLAN_AT = '2026-10-02T00:00:00.000+01:00';
  const LEARNER_TOLD = 'your support plan or engagement contract is shared with you: it sets out the deadlines and other requirements everyone agreed to meet';
  const EMPLOYER_TOLD =
    "the learner's support plan or engagement contract is shared with you: it sets out the deadlines and other requirements everyone agreed to meet";
  const atRisk = [concern('2026-10-01', 'bereavement')];
  const plan = (kind: string): EventJson => ({ type: 'plan.agreed', at: '2026-10-02', kind });
  const told = (run: ReturnType<typeof simulate>) => run.of('notify').filter((n) => n.at === PLAN_AT).map((n) => [n.role, n.reason]);

  test.each(['support', 'engagement'])('an apprentice at risk agrees a %s plan: the apprentice and the employer are sent it; it is not a new reason', (kind) => {
    const run = simulate('atl', [...atRisk, plan(kind)]);
    expect(told(run)).toEqual([
      ['learner', LEARNER_TOLD],
      ['employer', EMPLOYER_TOLD],
    ]);
    expect(run.case.reasons).toEqual([FACTOR]);
  });

  test('"where appropriate": a trainee is sent it, not an employer', () => {
    expect(told(simulate('atl', [...atRisk, plan('support')], undefined, { programme: 'traineeship' }))).toEqual([['learner', LEARNER_TOLD]]);
  });

  test('a plan recorded when the learner is not at risk, or a recovery plan, is not sent by this rule', () => {
    expect(told(simulate('atl', [plan('support')]))).toEqual([]);
    expect(told(simulate('atl', [...atRisk, plan('recovery')]))).toEqual([]);
  });
});
