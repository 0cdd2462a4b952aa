/**
 * ATL (seeds/004_713f31c5b7deb703.txt) variants by nation and programme, 5.3.2-5.3.4:
 * "a Stage 1 email ... by the Coach and Sector/ Traineeship Manager (England) or Operational
 * Support Co-ordinator (Wales)"; "No recorded progress within 42 days (England) or 49 days
 * (Wales) (Apprenticeships)"; "2 cancelled visits in 4 weeks (apprenticeships)"; "within a
 * 5-working day period ... reduced for traineeships ... within 3 working days" (Stage 1) and
 * "... within 2 working days" (Stage 2). Pack decision: Scotland and Northern Ireland follow
 * the England roles and day counts with their own bank holidays.
 *
 * Learners start Tue 15 Sep 2026 unless said otherwise (42 days later is 27 Oct 2026).
 */
import { cancelled, enter } from '../events.js';
import { simulate, type LearnerFields } from '../scenario.js';

const TITLE_1 = 'Make 2 welfare-check attempts, by telephone and by email';
const TITLE_2 = 'Make 2 more welfare-check attempts, by telephone and by email';
const OSC = 'operational-support-coordinator';
const START = '2026-09-15';

interface Variant {
  name: string;
  learner: LearnerFields;
  /** Who sends the Stage 1 email with the coach, and keeps the at-risk log. */
  owner: string;
  ownerName: string;
  /** Stage 1 task due / lapse, Stage 2 task due / lapse, for Stage 1 on Thu 1 Oct and Stage 2 on Fri 9 Oct 2026. */
  stage1: readonly [string, string, string];
  stage2: readonly [string, string, string];
  stage3Approver: string;
}

const APPRENTICE_5_5 = {
  // Stage 1 on Thu 1 Oct 2026: 5 working days = 2, 5, 6, 7, 8 Oct. Stage 2 on Fri 9 Oct: 12, 13, 14, 15, 16 Oct.
  stage1: ['2026-10-08', '2026-10-09T00:00:00.000+01:00', 'Stage 1 efforts were unsuccessful within 5 working days'],
  stage2: ['2026-10-16', '2026-10-17T00:00:00.000+01:00', 'Stage 2 efforts were unsuccessful within 5 working days'],
} as const;
const TRAINEE_3_2 = {
  // Stage 1 on Thu 1 Oct 2026: 3 working days = 2, 5, 6 Oct. Stage 2 on Fri 9 Oct: 2 working days = 12, 13 Oct.
  stage1: ['2026-10-06', '2026-10-07T00:00:00.000+01:00', 'no response within 3 working days of the Stage 1 notice'],
  stage2: ['2026-10-13', '2026-10-14T00:00:00.000+01:00', 'no response within 2 working days of the Stage 2 notice'],
} as const;

const VARIANTS: Variant[] = [
  { name: 'England apprentice', learner: {}, owner: 'sector-manager', ownerName: 'Sector Manager', ...APPRENTICE_5_5, stage3Approver: 'head-of-operations' },
  { name: 'England trainee', learner: { programme: 'traineeship' }, owner: 'traineeship-manager', ownerName: 'Traineeship Manager', ...TRAINEE_3_2, stage3Approver: 'head-of-operations' },
  { name: 'Wales apprentice', learner: { nation: 'wales' }, owner: OSC, ownerName: 'Operational Support Co-ordinator', ...APPRENTICE_5_5, stage3Approver: OSC },
  { name: 'Wales trainee', learner: { nation: 'wales', programme: 'traineeship' }, owner: OSC, ownerName: 'Operational Support Co-ordinator', ...TRAINEE_3_2, stage3Approver: OSC },
  { name: 'Scotland apprentice', learner: { nation: 'scotland' }, owner: 'sector-manager', ownerName: 'Sector Manager', ...APPRENTICE_5_5, stage3Approver: 'head-of-operations' },
  { name: 'Northern Ireland apprentice', learner: { nation: 'northern-ireland' }, owner: 'sector-manager', ownerName: 'Sector Manager', ...APPRENTICE_5_5, stage3Approver: 'head-of-operations' },
  { name: 'Scotland trainee', learner: { nation: 'scotland', programme: 'traineeship' }, owner: 'traineeship-manager', ownerName: 'Traineeship Manager', ...TRAINEE_3_2, stage3Approver: 'head-of-operations' },
];

describe.each(VARIANTS)('atl 5.3.2 / 5.3.3 for an $name', (v) => {
  const learner = { startDate: START, ...v.learner };

  test(`Stage 1: the coach and the ${v.ownerName} email both parties; the at-risk log; welfare checks due ${v.stage1[0]}; then Stage 2 recommended`, () => {
    const at = '2026-10-01T00:00:00.000+01:00';
    const run = simulate('atl', [enter('2026-10-01', 'stage-1')], '2026-10-09', learner);
    const [due, lapsed, reason] = v.stage1;
    expect(run.timeline.slice(1)).toEqual([
      { at, kind: 'stage', from: null, to: 'stage-1' },
      { at, kind: 'notify', role: 'learner', reason: `Stage 1 email from the coach and the ${v.ownerName}` },
      { at, kind: 'notify', role: 'employer', reason: `Stage 1 email from the coach and the ${v.ownerName}` },
      { at, kind: 'notify', role: v.owner, reason: 'record the Stage 1 notice in the at-risk log' },
      { at, kind: 'task', task: 'stage-1-welfare-checks', role: 'coach', due, title: TITLE_1 },
      { at: lapsed, kind: 'overdue', task: 'stage-1-welfare-checks', role: 'coach', due },
      { at: lapsed, kind: 'recommend', action: 'stage', stage: 'stage-2', approver: v.owner, reasons: [reason] },
    ]);
  });

  test(`Stage 2: the ${v.ownerName} telephones; their 2 attempts are due ${v.stage2[0]}; then Stage 3 recommended to the ${v.stage3Approver}`, () => {
    const at = '2026-10-09T00:00:00.000+01:00';
    const run = simulate('atl', [enter('2026-10-01', 'stage-1'), enter('2026-10-09', 'stage-2')], '2026-10-20', learner);
    const [due, lapsed, reason] = v.stage2;
    expect(run.timeline.filter((e) => e.at >= at)).toEqual([
      { at, kind: 'stage', from: 'stage-1', to: 'stage-2' },
      { at, kind: 'notify', role: v.owner, reason: 'telephone the learner and the employer; if no commitment is agreed, send the Stage 2 email' },
      { at, kind: 'task', task: 'stage-2-welfare-checks', role: v.owner, due, title: TITLE_2 },
      { at: lapsed, kind: 'overdue', task: 'stage-2-welfare-checks', role: v.owner, due },
      { at: lapsed, kind: 'recommend', action: 'stage', stage: 'stage-3', approver: v.stage3Approver, reasons: [reason] },
    ]);
  });
});

describe('atl "No recorded progress within 42 days (England) or 49 days (Wales) (Apprenticeships)"', () => {
  // Start Tue 1 Sep 2026 = day 0: day 41 = 12 Oct, day 42 = 13 Oct, day 48 = 19 Oct, day 49 = 20 Oct, day 50 = 21 Oct.
  const alerts = (until: string, learner: LearnerFields) => simulate('atl', [], until, learner).of('alert');
  const fired = (day: string, reason: string) => [{ at: `${day}T00:00:00.000+01:00`, kind: 'alert', reasons: [reason] }];
  const E42 = 'no recorded progress within 42 days';
  const W49 = 'no recorded progress within 49 days';

  test.each(['england', 'scotland', 'northern-ireland'] as const)('%s apprentice: day 41 nothing; day 42 fires at 00:00, rated high, support plan (first risk) and Stage 1 recommended', (nation) => {
    expect(alerts('2026-10-12', { nation })).toEqual([]);
    const run = simulate('atl', [], '2026-10-13', { nation });
    const at = '2026-10-13T00:00:00.000+01:00';
    expect(run.timeline.slice(1)).toEqual([
      { at, kind: 'alert', reasons: [E42] },
      { at, kind: 'rating', from: 'low', to: 'high' },
      { at, kind: 'recommend', action: 'support-plan', reasons: [E42] },
      { at, kind: 'recommend', action: 'stage', stage: 'stage-1', approver: 'sector-manager', reasons: [E42] },
    ]);
  });

  test('Wales apprentice: nothing at day 42 or day 48', () => {
    expect(alerts('2026-10-13', { nation: 'wales' })).toEqual([]);
    expect(alerts('2026-10-19', { nation: 'wales' })).toEqual([]);
  });

  test('Wales apprentice: day 49 fires at 00:00 on 20 Oct: support plan (first risk), Stage 1 recommended to the Operational Support Co-ordinator', () => {
    const run = simulate('atl', [], '2026-10-20', { nation: 'wales' });
    const at = '2026-10-20T00:00:00.000+01:00';
    expect(run.timeline.slice(1)).toEqual([
      { at, kind: 'alert', reasons: [W49] },
      { at, kind: 'rating', from: 'low', to: 'high' },
      { at, kind: 'recommend', action: 'support-plan', reasons: [W49] },
      { at, kind: 'recommend', action: 'stage', stage: 'stage-1', approver: OSC, reasons: [W49] },
    ]);
  });

  test('Wales apprentice: day 50 shows the one alert of day 49', () => {
    expect(alerts('2026-10-21', { nation: 'wales' })).toEqual(fired('2026-10-20', W49));
  });

  test('Wales: an activity on 1 Oct 2026 restarts the 49 days (due 00:00 GMT 19 Nov 2026)', () => {
    const run = simulate('atl', [{ type: 'activity', at: '2026-10-01' }], '2026-11-19', { nation: 'wales' });
    expect(run.of('alert')).toEqual([{ at: '2026-11-19T00:00:00.000+00:00', kind: 'alert', reasons: [W49] }]);
  });

  test.each(['england', 'wales', 'scotland', 'northern-ireland'] as const)('%s trainee: never (apprenticeships only)', (nation) => {
    expect(simulate('atl', [], '2027-03-01', { nation, programme: 'traineeship' }).timeline).toHaveLength(1);
  });
});

describe('atl "2 cancelled visits in 4 weeks (apprenticeships)"', () => {
  const CANCELLED = '2 cancelled visits in 4 weeks';

  test.each([
    ['England', {}, 'sector-manager'],
    ['Wales', { nation: 'wales' }, OSC],
  ] as [string, LearnerFields, string][])('%s apprentice: 2 cancellations exactly 28 days apart: high, support plan (first risk), Stage 1 recommended', (_, learner, approver) => {
    const run = simulate('atl', [cancelled('2026-09-07', 'learner'), cancelled('2026-10-05', 'employer')], undefined, learner);
    const at = '2026-10-05T00:00:00.000+01:00';
    expect(run.timeline.slice(1)).toEqual([
      { at, kind: 'alert', reasons: [CANCELLED] },
      { at, kind: 'rating', from: 'low', to: 'high' },
      { at, kind: 'recommend', action: 'support-plan', reasons: [CANCELLED] },
      { at, kind: 'recommend', action: 'stage', stage: 'stage-1', approver, reasons: [CANCELLED] },
    ]);
  });

  test('29 days apart: nothing', () => {
    expect(simulate('atl', [cancelled('2026-09-07'), cancelled('2026-10-06')]).timeline).toHaveLength(1);
  });

  test('provider cancellations do not count', () => {
    expect(simulate('atl', [cancelled('2026-09-07', 'provider'), cancelled('2026-09-14'), cancelled('2026-09-21', 'provider')]).timeline).toHaveLength(1);
  });

  test.each(['england', 'wales'] as const)('%s trainee: nothing (apprenticeships only)', (nation) => {
    const run = simulate('atl', [cancelled('2026-09-07'), cancelled('2026-09-14')], undefined, { nation, programme: 'traineeship' });
    expect(run.timeline).toEqual([{ at: '2026-09-01T00:00:00.000+01:00', kind: 'rating', from: null, to: 'low' }]);
  });
});

describe('atl 5.3.2 "Sector/ Traineeship Manager (England) or Operational Support Co-ordinator (Wales)": who decides a break in learning outside a stage', () => {
  const proposeBreak = (learner: LearnerFields) =>
    simulate(
      'atl',
      [
        { type: 'concern.raised', at: '2026-10-01', category: 'carer-responsibilities' },
        { type: 'step.proposed', at: '2026-10-02', proposal: 'p1', outcome: 'break-in-learning', staff: 'coach@atl.org' },
      ],
      undefined,
      { startDate: START, ...learner },
    ).of('proposal');

  test.each([
    ['England apprentice', 'sector-manager', {}],
    ['England trainee', 'traineeship-manager', { programme: 'traineeship' }],
    ['Scotland trainee', 'traineeship-manager', { nation: 'scotland', programme: 'traineeship' }],
    ['Wales apprentice', OSC, { nation: 'wales' }],
    ['Wales trainee', OSC, { nation: 'wales', programme: 'traineeship' }],
  ] as [string, string, LearnerFields][])('%s: the %s decides', (_, approver, learner) => {
    expect(proposeBreak(learner)).toEqual([expect.objectContaining({ kind: 'proposal', proposal: 'p1', approver })]);
  });
});
