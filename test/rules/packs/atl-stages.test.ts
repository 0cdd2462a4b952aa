/**
 * ATL (seeds/004_713f31c5b7deb703.txt) stage deadlines across bank holidays and clock
 * changes (working days on the learner's nation's calendar: England and Wales share one
 * list; Scotland and Northern Ireland have their own), 5.3.4 Stage 3 ("Head of Operations
 * (England) or Operational Support Co-ordinator (Wales) ... 'Notification of Withdrawal'
 * email (with Sector Manager cc)"; "in the case of an apprenticeship learner, agreement must
 * be sought from the employer to remove the learner"), 5.4 leaver panel every 8 weeks, the
 * stage order, and the simulate contract's input rules.
 */
import { decide, enter, refusal } from '../events.js';
import { simulate, type EventJson, type LearnerFields } from '../scenario.js';

/** [task entry `at`, due, overdue `at`] of the last task set. */
function deadline(events: EventJson[], until: string, learner: LearnerFields) {
  const run = simulate('atl', events, until, learner);
  const task = run.of('task').at(-1)!;
  const overdue = run.of('overdue').filter((o) => o.task === task.task);
  return [task.at, task.due, ...overdue.map((o) => o.at)];
}

describe('atl working days across Christmas 2026 (England: 25, 28 Dec, 1 Jan; Scotland also 4 Jan for 2 Jan)', () => {
  const AT = '2026-12-23T00:00:00.000+00:00';

  test('England apprentice, Stage 1 on Wed 23 Dec: 5 working days = 24, 29, 30, 31 Dec, 4 Jan', () => {
    expect(deadline([enter('2026-12-23', 'stage-1')], '2027-01-06', { startDate: '2026-12-01' })).toEqual([AT, '2027-01-04', '2027-01-05T00:00:00.000+00:00']);
  });

  test('England trainee, Stage 1 on Wed 23 Dec: 3 working days = 24, 29, 30 Dec', () => {
    expect(deadline([enter('2026-12-23', 'stage-1')], '2027-01-06', { startDate: '2026-12-01', programme: 'traineeship' })).toEqual([
      AT,
      '2026-12-30',
      '2026-12-31T00:00:00.000+00:00',
    ]);
  });

  test('England trainee, Stage 2 on Thu 31 Dec: 2 working days = 4, 5 Jan 2027 (1 Jan is a bank holiday)', () => {
    const events = [enter('2026-12-23', 'stage-1'), enter('2026-12-31', 'stage-2')];
    expect(deadline(events, '2027-01-08', { startDate: '2026-12-01', programme: 'traineeship' })).toEqual([
      '2026-12-31T00:00:00.000+00:00',
      '2027-01-05',
      '2027-01-06T00:00:00.000+00:00',
    ]);
  });

  test('Scotland apprentice, Stage 1 on Wed 23 Dec: 24, 29, 30, 31 Dec, 5 Jan (4 Jan substitute for 2 Jan)', () => {
    expect(deadline([enter('2026-12-23', 'stage-1')], '2027-01-08', { startDate: '2026-12-01', nation: 'scotland' })).toEqual([
      AT,
      '2027-01-05',
      '2027-01-06T00:00:00.000+00:00',
    ]);
  });

  test('Scotland trainee, Stage 2 on Thu 31 Dec: 2 working days = 5, 6 Jan 2027', () => {
    const events = [enter('2026-12-23', 'stage-1'), enter('2026-12-31', 'stage-2')];
    expect(deadline(events, '2027-01-08', { startDate: '2026-12-01', nation: 'scotland', programme: 'traineeship' })).toEqual([
      '2026-12-31T00:00:00.000+00:00',
      '2027-01-06',
      '2027-01-07T00:00:00.000+00:00',
    ]);
  });
});

describe('atl Stage 1 on Thu 25 Mar 2027, before Easter and the clocks going forward on Sun 28 Mar', () => {
  // Entered at +00:00; lapses at +01:00.
  const AT = '2027-03-25T00:00:00.000+00:00';
  test.each([
    // Good Friday 26 Mar and Easter Monday 29 Mar: 30, 31 Mar, 1, 2, 5 Apr.
    ['Wales apprentice', '2027-04-05', '2027-04-06T00:00:00.000+01:00', { nation: 'wales' }],
    ['Northern Ireland apprentice', '2027-04-05', '2027-04-06T00:00:00.000+01:00', { nation: 'northern-ireland' }],
    // Scotland: Good Friday only: 29, 30, 31 Mar, 1, 2 Apr.
    ['Scotland apprentice', '2027-04-02', '2027-04-03T00:00:00.000+01:00', { nation: 'scotland' }],
    // 3 working days: 30, 31 Mar, 1 Apr.
    ['England trainee', '2027-04-01', '2027-04-02T00:00:00.000+01:00', { programme: 'traineeship' }],
    // Scotland, 3 working days: 29, 30, 31 Mar.
    ['Scotland trainee', '2027-03-31', '2027-04-01T00:00:00.000+01:00', { nation: 'scotland', programme: 'traineeship' }],
  ] as [string, string, string, LearnerFields][])('%s: due %s, lapsed at %s', (_, due, lapsed, learner) => {
    expect(deadline([enter('2027-03-25', 'stage-1')], '2027-04-08', { startDate: '2027-03-01', ...learner })).toEqual([AT, due, lapsed]);
  });
});

describe('atl Northern Ireland keeps its own bank holidays (St Patrick\'s Day, Wed 17 Mar 2027)', () => {
  test('Stage 1 on Mon 15 Mar 2027: NI 16, 18, 19, 22, 23 Mar; England 16, 17, 18, 19, 22 Mar', () => {
    const events = [enter('2027-03-15', 'stage-1')];
    expect(deadline(events, '2027-03-20', { startDate: '2027-03-01', nation: 'northern-ireland' })[1]).toBe('2027-03-23');
    expect(deadline(events, '2027-03-20', { startDate: '2027-03-01', nation: 'england' })[1]).toBe('2027-03-22');
  });
});

describe('atl working days across the May 2027 bank holidays (Mon 3 May, Mon 31 May)', () => {
  test('England apprentice, Stage 2 on Fri 30 Apr: 5 working days = 4, 5, 6, 7, 10 May', () => {
    const events = [enter('2027-04-28', 'stage-1'), enter('2027-04-30', 'stage-2')];
    expect(deadline(events, '2027-05-12', { startDate: '2027-04-20' })).toEqual(['2027-04-30T00:00:00.000+01:00', '2027-05-10', '2027-05-11T00:00:00.000+01:00']);
  });

  test('Wales trainee, Stage 1 on Fri 28 May: 3 working days = 1, 2, 3 Jun', () => {
    expect(deadline([enter('2027-05-28', 'stage-1')], '2027-06-05', { startDate: '2027-05-20', nation: 'wales', programme: 'traineeship' })).toEqual([
      '2027-05-28T00:00:00.000+01:00',
      '2027-06-03',
      '2027-06-04T00:00:00.000+01:00',
    ]);
  });

  test('England trainee, Stage 2 on Fri 28 May: 2 working days = 1, 2 Jun', () => {
    const events = [enter('2027-05-26', 'stage-1'), enter('2027-05-28', 'stage-2')];
    expect(deadline(events, '2027-06-05', { startDate: '2027-05-20', programme: 'traineeship' })[1]).toBe('2027-06-02');
  });
});

describe('atl stages entered just before the clocks go back (Sun 31 Oct 2027)', () => {
  test('England apprentice, Stage 1 on Thu 28 Oct (+01:00): 29 Oct, 1, 2, 3, 4 Nov; lapses at 00:00 GMT on 5 Nov', () => {
    expect(deadline([enter('2027-10-28', 'stage-1')], '2027-11-06', { startDate: '2027-10-20' })).toEqual([
      '2027-10-28T00:00:00.000+01:00',
      '2027-11-04',
      '2027-11-05T00:00:00.000+00:00',
    ]);
  });

  test('Wales trainee, Stage 2 on Fri 29 Oct (+01:00): 1, 2 Nov; lapses at 00:00 GMT on 3 Nov, recommending Stage 3 to the OSC', () => {
    const run = simulate('atl', [enter('2027-10-27', 'stage-1'), enter('2027-10-29', 'stage-2')], '2027-11-03', {
      startDate: '2027-10-20',
      nation: 'wales',
      programme: 'traineeship',
    });
    expect(run.of('recommend')).toEqual([
      {
        at: '2027-11-03T00:00:00.000+00:00',
        kind: 'recommend',
        action: 'stage',
        stage: 'stage-3',
        approver: 'operational-support-coordinator',
        reasons: ['no response within 2 working days of the Stage 2 notice'],
      },
    ]);
  });
});

describe('atl 5.3.4 Stage 3 "Notification of Withdrawal" (with Sector Manager cc) and the employer\'s agreement', () => {
  const TO_3 = [enter('2026-09-01', 'stage-1'), enter('2026-09-08', 'stage-2'), enter('2026-09-15', 'stage-3')];
  const at = '2026-09-15T00:00:00.000+01:00';
  const CALL = 'telephone the learner and the employer; if no commitment is agreed, send the Notification of Withdrawal email';
  const AGREE = "seek the employer's agreement before removing an apprentice from the programme";
  const CC = { at, kind: 'notify', role: 'sector-manager', reason: 'copy of the Notification of Withdrawal' };

  test.each([
    ['England apprentice', {}],
    ['Scotland apprentice', { nation: 'scotland' }],
  ] as [string, LearnerFields][])('%s: the Head of Operations telephones, the Sector Manager is copied, employer agreement sought', (_, learner) => {
    expect(simulate('atl', TO_3, undefined, learner).timeline.filter((e) => e.at === at)).toEqual([
      { at, kind: 'stage', from: 'stage-2', to: 'stage-3' },
      { at, kind: 'notify', role: 'head-of-operations', reason: CALL },
      CC,
      { at, kind: 'notify', role: 'head-of-operations', reason: AGREE },
    ]);
  });

  test('England trainee: the Head of Operations telephones and the Sector Manager is copied; no employer agreement', () => {
    expect(simulate('atl', TO_3, undefined, { programme: 'traineeship' }).timeline.filter((e) => e.at === at)).toEqual([
      { at, kind: 'stage', from: 'stage-2', to: 'stage-3' },
      { at, kind: 'notify', role: 'head-of-operations', reason: CALL },
      CC,
    ]);
  });

  test('Wales apprentice: the Operational Support Co-ordinator telephones and seeks the employer\'s agreement', () => {
    const notes = simulate('atl', TO_3, undefined, { nation: 'wales' }).of('notify').filter((e) => e.at === at);
    expect(notes).toContainEqual({ at, kind: 'notify', role: 'operational-support-coordinator', reason: CALL });
    expect(notes).toContainEqual({ at, kind: 'notify', role: 'operational-support-coordinator', reason: AGREE });
  });

  test.each([
    ['England', {}],
    ['Wales', { nation: 'wales' }],
  ] as [string, LearnerFields][])('an apprentice in %s cannot be withdrawn without the employer\'s agreement', (_, learner) => {
    expect(refusal('atl', [...TO_3, decide('2026-09-22', 'withdraw', 'stage-3')], undefined, learner)).toBe(
      'events[3]: cannot decide "withdraw": an apprentice\'s removal needs the employer\'s agreement (record the decision employer-agreed first)',
    );
  });

  test('with the employer\'s agreement the apprentice is withdrawn and reviewed at the next leaver panel (Mon 12 Oct 2026)', () => {
    const run = simulate('atl', [...TO_3, decide('2026-09-21', 'employer-agreed', 'stage-3'), decide('2026-09-22', 'withdraw', 'stage-3')]);
    // Panel every 8 weeks from Mon 5 Jan 2026 at 10:00: ... 17 Aug, 12 Oct 2026.
    expect(run.of('agenda')).toEqual([{ at: '2026-09-22T00:00:00.000+01:00', kind: 'agenda', meeting: 'leaver-panel', date: '2026-10-12' }]);
    expect(run.case.status).toBe('withdrawn');
  });

  test('a trainee is withdrawn with no employer agreement', () => {
    const run = simulate('atl', [...TO_3, decide('2026-10-13', 'withdraw')], undefined, { programme: 'traineeship' });
    expect(run.of('agenda')).toEqual([{ at: '2026-10-13T00:00:00.000+01:00', kind: 'agenda', meeting: 'leaver-panel', date: '2026-12-07' }]);
  });
});

describe('atl forbidden transitions', () => {
  test.each([
    ['Stage 2 without Stage 1', [enter('2026-09-10', 'stage-2')], 'events[0]: cannot enter stage-2 from no stage: under atl, Stage 2 follows stage-1'],
    ['Stage 3 without Stage 2', [enter('2026-09-10', 'stage-3')], 'events[0]: cannot enter stage-3 from no stage: under atl, Stage 3 (Notification of Withdrawal) follows stage-2'],
    [
      'Stage 3 straight from Stage 1',
      [enter('2026-09-01', 'stage-1'), enter('2026-09-10', 'stage-3')],
      'events[1]: cannot enter stage-3 from stage-1: under atl, Stage 3 (Notification of Withdrawal) follows stage-2',
    ],
    ['an unknown stage', [enter('2026-09-10', 'stage-0')], 'events[0]: stage "stage-0" is not a stage of atl (its stages: stage-1, stage-2, stage-3)'],
    [
      'withdraw at Stage 2',
      [enter('2026-09-01', 'stage-1'), enter('2026-09-08', 'stage-2'), decide('2026-09-10', 'withdraw')],
      'events[2]: "withdraw" is not an outcome of stage-2 under atl (allowed: support-contract, de-escalate, break-in-learning, employer-agreed)',
    ],
    [
      'a decision for a stage the learner is not at',
      [enter('2026-09-01', 'stage-1'), decide('2026-09-10', 'support-contract', 'stage-3')],
      'events[1]: the decision is for stage-3, but the learner is at stage-1',
    ],
  ] as [string, EventJson[], string][])('%s is refused', (_, events, message) => {
    expect(refusal('atl', events)).toBe(message);
    expect(refusal('atl', events, undefined, { nation: 'wales', programme: 'traineeship' })).toBe(message);
  });
});

describe('atl input handling (shared/contracts/simulate.md)', () => {
  const events: EventJson[] = [
    { id: 'a', type: 'concern.raised', at: '2026-09-10', category: 'travel' },
    { id: 'b', type: 'visit.cancelled', at: '2026-09-14', by: 'learner' },
    { id: 'c', type: 'visit.cancelled', at: '2026-09-21', by: 'employer' },
    { id: 'd', type: 'session.missed', at: '2026-09-24T09:00:00+01:00', notice: false },
    { id: 'e', type: 'stage.entered', at: '2026-09-25', stage: 'stage-1' },
    { id: 'f', type: 'contact', at: '2026-09-28T10:00:00Z', channel: 'phone', outcome: 'no_answer' },
  ];

  test('a repeated id is ignored: the second cancellation sent twice is still one cancellation', () => {
    const once = simulate('atl', [events[1]!]);
    expect(simulate('atl', [events[1]!, { ...events[1]!, at: '2026-09-15' }]).timeline).toEqual(once.timeline);
    expect(once.of('alert')).toEqual([]);
  });

  test('unsorted input gives the same output as sorted input', () => {
    const sorted = simulate('atl', events, '2026-10-10');
    expect(simulate('atl', [...events].reverse(), '2026-10-10').timeline).toEqual(sorted.timeline);
    expect(sorted.of('stage')).toHaveLength(1);
  });

  test('the same input twice gives deep-equal, byte-identical output', () => {
    const a = simulate('atl', events, '2027-01-31', { nation: 'wales' });
    const b = simulate('atl', events, '2027-01-31', { nation: 'wales' });
    expect(b.timeline).toEqual(a.timeline);
    expect(b.case).toEqual(a.case);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
