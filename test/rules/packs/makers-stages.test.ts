/**
 * Makers stages (seeds/000_d1e8ca531b567b66.txt, "Stages" and the stage 3-5 table):
 * 1 and 2 informal, back and forth freely; 3, 4, 5 formal; "Stage 3 must have occurred"
 * and "The recommendation email must have been sent from stage 3" before stage 4, and
 * likewise stage 4 before stage 5 (POLICIES.md decision: otherwise a forbidden transition).
 */
import { decide, enter, refusal } from '../events.js';
import { simulate, tryRun, type EventJson } from '../scenario.js';

describe('makers: "the first two stages are informal ... moving back and forth ... stage one, stage two back to stage one"', () => {
  test('1 -> 2 -> 1 -> 2 is accepted with no approval, each move recorded', () => {
    const run = simulate('makers', [
      enter('2026-10-01', 'stage-1'),
      enter('2026-10-15', 'stage-2'),
      enter('2026-11-02', 'stage-1'),
      enter('2026-11-16', 'stage-2'),
    ]);
    expect(run.of('stage').map((s) => [s.from, s.to])).toEqual([
      [null, 'stage-1'],
      ['stage-1', 'stage-2'],
      ['stage-2', 'stage-1'],
      ['stage-1', 'stage-2'],
    ]);
    expect(run.case.stage).toBe('stage-2');
    expect(run.of('task')).toEqual([]);
  });

  test('stage 2 may be entered directly, without stage 1', () => {
    expect(refusal('makers', [enter('2026-10-01', 'stage-2')])).toBe('accepted');
  });

  test.each(['1', '2'])(
    'entering stage %s tells the apprentice and the line manager ("so that apprentices, and their line managers/employers are clear on the different levels or stages")',
    (n) => {
      const run = simulate('makers', [enter('2026-10-01', `stage-${n}`)]);
      expect(run.of('notify')).toEqual([
        { at: '2026-10-01T00:00:00.000+01:00', kind: 'notify', role: 'learner', reason: `you are receiving informal support (stage ${n})` },
        { at: '2026-10-01T00:00:00.000+01:00', kind: 'notify', role: 'line-manager', reason: `the apprentice is receiving informal support (stage ${n})` },
      ]);
    },
  );

  test.each([
    ['no stage', []],
    ['stage 1', [enter('2026-10-01', 'stage-1')]],
    ['stage 2', [enter('2026-10-01', 'stage-2')]],
  ] as [string, EventJson[]][])('stage 3 may be entered from %s', (_, before) => {
    const run = simulate('makers', [...before, enter('2026-10-20', 'stage-3')]);
    expect(run.case.stage).toBe('stage-3');
  });
});

describe('makers stage 3: "notified in person and confirmed by email ... copied to the line manager ... and the client partner"', () => {
  test('entry notifies learner, line manager and client partner, and sets the reviews and recommendation tasks', () => {
    const run = simulate('makers', [enter('2026-10-01', 'stage-3')]);
    const at = '2026-10-01T00:00:00.000+01:00';
    expect(run.of('notify').map((n) => n.role)).toEqual(['learner', 'line-manager', 'client-partner']);
    // 30 working days after Thu 1 Oct 2026 (no bank holidays in between): Thu 12 Nov 2026.
    expect(run.of('task')).toEqual([
      { at, kind: 'task', task: 'stage-3-reviews', role: 'coach', due: '2026-11-12', title: 'Hold the 2 stage 3 review meetings (run by the apprentice)' },
      {
        at,
        kind: 'task',
        task: 'stage-3-recommendation',
        role: 'coach',
        due: '2026-11-12',
        title: 'Make the end-of-stage 3 recommendation and confirm it by email',
      },
    ]);
  });

  test.each([
    // Tue 1 Dec 2026 + 30 working days, England: Dec 2-4 (3), 7-11 (8), 14-18 (13), 21-24 (17);
    // Fri 25 Dec and Mon 28 Dec are bank holidays; Dec 29-31 (20); Fri 1 Jan 2027 is one;
    // Jan 4-8 (25), Jan 11-15 (30) -> Fri 15 Jan 2027.
    ['Christmas 2026, England', 'england', '2026-12-01', '2027-01-15'],
    // Scotland also keeps Mon 4 Jan 2027 (2 January substitute): Jan 5-8 (24), 11-15 (29), Mon 18 Jan (30).
    ['Christmas 2026, Scotland', 'scotland', '2026-12-01', '2027-01-18'],
    // Mon 1 Mar 2027: Mar 2-5 (4), 8-12 (9), 15-19 (14), 22-25 (18); Good Friday 26 Mar and
    // Easter Monday 29 Mar; Mar 30 - Apr 2 (22), Apr 5-9 (27), Apr 12-14 (30) -> Wed 14 Apr 2027.
    ['Easter 2027, England', 'england', '2027-03-01', '2027-04-14'],
    // Mon 26 Apr 2027: Apr 27-30 (4); Mon 3 May bank holiday; May 4-7 (8), 10-14 (13), 17-21 (18),
    // 24-28 (23); Mon 31 May bank holiday; Jun 1-4 (27), Jun 7-9 (30) -> Wed 9 Jun 2027.
    ['May 2027 bank holidays, Wales', 'wales', '2027-04-26', '2027-06-09'],
  ] as const)('the tasks are due 30 working days later across %s', (_, nation, day, due) => {
    const run = simulate('makers', [enter(day, 'stage-3')], undefined, { nation });
    expect(run.of('task').map((t) => [t.task, t.due])).toEqual([
      ['stage-3-reviews', due],
      ['stage-3-recommendation', due],
    ]);
  });

  test('"The apprentice will receive 2 stage 3 review meetings": two stage-3 reviews complete the reviews task', () => {
    const run = simulate(
      'makers',
      [
        enter('2026-12-01', 'stage-3'),
        { type: 'review.held', at: '2026-12-09', stage: 'stage-3' },
        { type: 'review.held', at: '2026-12-16' }, // no stage: not a stage-3 review
        { type: 'review.held', at: '2027-01-06', stage: 'stage-3' },
      ],
      '2027-01-16',
    );
    expect(run.case.openTasks.map((t) => t.task)).toEqual(['stage-3-recommendation']);
    // Only the recommendation is overdue, as London's 16 January begins.
    expect(run.of('overdue')).toEqual([
      { at: '2027-01-16T00:00:00.000+00:00', kind: 'overdue', task: 'stage-3-recommendation', role: 'coach', due: '2027-01-15' },
    ]);
  });

  test('one review only: both tasks are overdue when 15 January 2027 has passed', () => {
    const run = simulate('makers', [enter('2026-12-01', 'stage-3'), { type: 'review.held', at: '2026-12-09', stage: 'stage-3' }], '2027-01-16');
    expect(run.of('overdue').map((o) => [o.at, o.task])).toEqual([
      ['2027-01-16T00:00:00.000+00:00', 'stage-3-reviews'],
      ['2027-01-16T00:00:00.000+00:00', 'stage-3-recommendation'],
    ]);
  });
});

describe('makers stage 4: "Stage 3 must have occurred" and "The recommendation email must have been sent from stage 3"', () => {
  test('refused without stage 3', () => {
    expect(refusal('makers', [enter('2026-10-01', 'stage-4')])).toBe(
      'events[0]: cannot enter stage-4 from no stage: under makers, Stage 4 (formal) follows stage-3',
    );
  });

  test("refused at stage 3 without stage 3's escalate recommendation", () => {
    expect(refusal('makers', [enter('2026-10-01', 'stage-3'), enter('2026-11-01', 'stage-4')])).toBe(
      "events[1]: cannot enter stage-4: stage 4 needs stage 3's recommendation to escalate, confirmed by email",
    );
  });

  test('refused from stage 2 even though stage 3 and its escalation happened earlier in the case', () => {
    const events = [enter('2026-10-01', 'stage-3'), decide('2026-11-02', 'escalate', 'stage-3'), enter('2026-11-03', 'stage-2'), enter('2026-11-10', 'stage-4')];
    expect(refusal('makers', events)).toBe('events[3]: cannot enter stage-4 from stage-2: under makers, Stage 4 (formal) follows stage-3');
  });

  test('accepted after the escalate decision at stage 3, which recommends stage 4 for the pastoral or tech lead', () => {
    const run = simulate('makers', [enter('2026-10-01', 'stage-3'), decide('2026-11-02', 'escalate', 'stage-3'), enter('2026-11-03', 'stage-4')]);
    expect(run.of('recommend')).toEqual([
      {
        at: '2026-11-02T00:00:00.000+00:00',
        kind: 'recommend',
        action: 'stage',
        stage: 'stage-4',
        approver: 'pastoral-or-tech-lead',
        reasons: ['Recommendation to escalate'],
      },
    ]);
    expect(run.of('stage').at(-1)).toEqual({ at: '2026-11-03T00:00:00.000+00:00', kind: 'stage', from: 'stage-3', to: 'stage-4' });
    expect(run.case.pendingRecommendations).toEqual([]);
    // "Stage 4 introduction email should be sent by Pastoral lead or tech lead"; employer attendance essential.
    expect(run.of('notify').filter((n) => n.at.startsWith('2026-11-03')).map((n) => n.role)).toEqual(['learner', 'line-manager']);
    expect(run.of('task').filter((t) => t.at.startsWith('2026-11-03')).map((t) => [t.task, t.role])).toEqual([
      ['stage-4-reviews', 'pastoral-or-tech-lead'],
      ['stage-4-recommendation', 'pastoral-or-tech-lead'],
    ]);
  });
});

describe('makers stage 5: "Stage 4 must have occurred" and "The recommendation email must have been sent from stage 4"', () => {
  const toStage4 = [enter('2026-10-01', 'stage-3'), decide('2026-11-02', 'escalate', 'stage-3'), enter('2026-11-03', 'stage-4')];

  test('refused without stage 4 (from stage 3, even after its escalation)', () => {
    expect(refusal('makers', [enter('2026-10-01', 'stage-3'), decide('2026-11-02', 'escalate'), enter('2026-11-03', 'stage-5')])).toBe(
      'events[2]: cannot enter stage-5 from stage-3: under makers, Stage 5 (formal) follows stage-4',
    );
  });

  test("refused at stage 4 without stage 4's escalate recommendation", () => {
    expect(refusal('makers', [...toStage4, enter('2026-12-01', 'stage-5')])).toBe(
      "events[3]: cannot enter stage-5: stage 5 needs stage 4's recommendation to escalate, confirmed by email",
    );
  });

  test('accepted after the escalate decision at stage 4, which recommends stage 5 for the Head of Developer Success or Training', () => {
    const run = simulate('makers', [...toStage4, decide('2026-12-01', 'escalate', 'stage-4'), enter('2026-12-02', 'stage-5')]);
    expect(run.of('recommend').at(-1)).toEqual({
      at: '2026-12-01T00:00:00.000+00:00',
      kind: 'recommend',
      action: 'stage',
      stage: 'stage-5',
      approver: 'head-of-developer-success-or-training',
      reasons: ['Recommendation to escalate'],
    });
    expect(run.case.stage).toBe('stage-5');
  });
});

describe('makers: "stage 4 ... the recommendation email must have been sent from stage 3" means the current stage 3', () => {
  test('an escalation from an earlier stage 3 does not carry over after the learner went back down', () => {
    const result = tryRun('makers', [
      { type: 'stage.entered', at: '2026-10-01', stage: 'stage-3' },
      { type: 'decision', at: '2026-10-20', outcome: 'escalate', stage: 'stage-3' },
      { type: 'stage.entered', at: '2026-10-21', stage: 'stage-2' },
      { type: 'stage.entered', at: '2026-11-02', stage: 'stage-3' },
      { type: 'stage.entered', at: '2026-11-03', stage: 'stage-4' },
    ]);
    expect(result).toEqual({
      ok: false,
      error: "events[4]: cannot enter stage-4: stage 4 needs stage 3's recommendation to escalate, confirmed by email",
    });
  });

  test('"terminate" is a stage 5 outcome only: refused at an informal stage', () => {
    const result = tryRun('makers', [
      { type: 'stage.entered', at: '2026-10-01', stage: 'stage-1' },
      { type: 'decision', at: '2026-10-02', outcome: 'terminate' },
    ]);
    expect(result).toEqual({
      ok: false,
      error: 'events[1]: "terminate" can only be decided at stage-5 under makers; the learner is at stage-1',
    });
  });
});
