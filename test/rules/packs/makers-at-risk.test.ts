/**
 * Makers (seeds/000_d1e8ca531b567b66.txt): who is at risk and what a recorded issue does.
 * "our definition of an at risk apprentice is any apprentice who has fallen behind their
 * timeline of progression; regardless of the reason" — the pack sets "fallen behind" at
 * planned - actual >= 10 percentage points (trigger `behind-timeline`).
 */
import { evaluate } from '../../../src/rules/engine/engine.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import { parsePack } from '../../../src/rules/pack/parse-pack.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { concern, progress } from '../events.js';
import { DEFAULT_LEARNER, simulate, type EventJson } from '../scenario.js';

const BEHIND = 'fallen behind their timeline of progression';

describe('makers: "our definition of an at risk apprentice is any apprentice who has fallen behind their timeline of progression on the apprenticeship; regardless of the reason" (10 points, the pack setting)', () => {
  test('9 points behind is not yet "fallen behind": no alert, no recommendation', () => {
    const run = simulate('makers', [progress('2026-10-01', 41, 50)]);
    expect(run.timeline).toEqual([]);
    expect(run.case.atRisk).toBe(false);
  });

  test('exactly 10 points behind alerts and recommends informal support at stage 1 (no approver: informal)', () => {
    const run = simulate('makers', [progress('2026-10-01', 40, 50)]);
    expect(run.timeline).toEqual([
      { at: '2026-10-01T00:00:00.000+01:00', kind: 'alert', reasons: [BEHIND] },
      { at: '2026-10-01T00:00:00.000+01:00', kind: 'recommend', action: 'stage', stage: 'stage-1', reasons: [BEHIND] },
    ]);
    expect(run.case.atRisk).toBe(true);
    expect(run.case.pendingRecommendations).toEqual([{ action: 'stage', stage: 'stage-1', reasons: [BEHIND] }]);
  });

  test('11 points behind alerts and recommends stage 1', () => {
    const run = simulate('makers', [progress('2026-10-01', 39, 50)]);
    expect(run.of('alert')).toEqual([{ at: '2026-10-01T00:00:00.000+01:00', kind: 'alert', reasons: [BEHIND] }]);
    expect(run.of('recommend').map((r) => [r.action, r.stage])).toEqual([['stage', 'stage-1']]);
  });

  test('exactly 10 points behind with one-decimal percentages (planned 32.3, actual 22.3) alerts too', () => {
    // 32.3 - 22.3 is 10 percentage points; in binary floating point it is 9.999999999999996.
    const run = simulate('makers', [progress('2026-10-01', 22.3, 32.3)]);
    expect(run.of('alert')).toEqual([{ at: '2026-10-01T00:00:00.000+01:00', kind: 'alert', reasons: [BEHIND] }]);
  });

  test('alerts once while the apprentice stays behind, and again after recovering and falling behind again', () => {
    const run = simulate('makers', [
      progress('2026-10-01', 40, 50), // 10 behind: alert
      progress('2026-10-08', 45, 60), // 15 behind, still behind: nothing new
      progress('2026-10-15', 52, 60), // 8 behind: recovered
      progress('2026-10-22', 54, 65), // 11 behind again: alert again
    ]);
    expect(run.of('alert')).toEqual([
      { at: '2026-10-01T00:00:00.000+01:00', kind: 'alert', reasons: [BEHIND] },
      { at: '2026-10-22T00:00:00.000+01:00', kind: 'alert', reasons: [BEHIND] },
    ]);
    // The stage-1 recommendation from 1 October is still waiting for a person: it is not posted twice.
    expect(run.of('recommend')).toHaveLength(1);
    expect(run.case.pendingRecommendations).toEqual([{ action: 'stage', stage: 'stage-1', reasons: [BEHIND] }]);
  });

  test('the feed\'s own progress record ("actual" and "planned", 0-100) far below plan alerts: 20 done of 60 planned', () => {
    const run = simulate('makers', [{ type: 'progress', at: '2026-10-01', actual: 20, planned: 60 }]);
    expect(run.of('alert')).toEqual([{ at: '2026-10-01T00:00:00.000+01:00', kind: 'alert', reasons: [BEHIND] }]);
  });

  test('on or ahead of plan is not behind, however low the numbers: 0 of 0, 5 of 5, 30 of 20', () => {
    const run = simulate('makers', [progress('2026-10-01', 0, 0), progress('2026-10-08', 5, 5), progress('2026-10-15', 30, 20)]);
    expect(run.timeline).toEqual([]);
  });

  test('the 10 points are the pack\'s documented setting (the policy gives no number), and a provider can change them', () => {
    const pack = builtinPack('makers')!;
    const trigger = pack.triggers.find((t) => t.id === 'behind-timeline')!;
    expect(trigger).toMatchObject({ kind: 'progress-gap', measure: 'points', points: 10 });
    expect(trigger.source).toBe(
      'To start, our definition of an at risk apprentice is any apprentice who has fallen behind their timeline of progression on the apprenticeship; regardless of the reason.',
    );
    expect(trigger.decision).toMatch(/^The policy sets no threshold: .*10 percentage points .* is this pack's setting/);
    // Set to 1 point ("any" gap): 1 behind alerts, level does not.
    const json = JSON.parse(JSON.stringify(pack)) as { triggers: { id: string; points?: number }[] };
    json.triggers.find((t) => t.id === 'behind-timeline')!.points = 1;
    const strict = parsePack(json);
    if (!strict.ok) throw new Error(JSON.stringify(strict.issues));
    const alertsAt = (actual: number, planned: number) => {
      const input = parseSimulationInput({ learner: DEFAULT_LEARNER, events: [progress('2026-10-01', actual, planned)] });
      if (!input.ok) throw new Error('bad input');
      const result = evaluate(strict.value, input.value.learner, input.value.events, input.value.events[0]!.at);
      return result.ok && result.timeline.some((e) => e.kind === 'alert');
    };
    expect([alertsAt(50, 50), alertsAt(49, 50), alertsAt(48, 50)]).toEqual([false, true, true]);
  });

  test('staff entering stage 1 settles the stage-1 recommendation', () => {
    const run = simulate('makers', [progress('2026-10-01', 40, 50), { type: 'stage.entered', at: '2026-10-02', stage: 'stage-1' }]);
    expect(run.case.pendingRecommendations).toEqual([]);
    expect(run.case.stage).toBe('stage-1');
  });
});

describe('makers: pastoral and placement issues ("Pastoral issues ... Placement issues ...")', () => {
  const PASTORAL_OR_PLACEMENT = ['personal', 'dependencies', 'financial', 'employer', 'team-dynamics', 'technical-ability', 'transition'];

  test.each(PASTORAL_OR_PLACEMENT)('a "%s" concern notifies the coach only: no alert, no one else', (category) => {
    const run = simulate('makers', [concern('2026-10-05', category)]);
    expect(run.timeline).toEqual([
      {
        at: '2026-10-05T00:00:00.000+01:00',
        kind: 'notify',
        role: 'coach',
        reason: 'a pastoral or placement issue was recorded: consider an intervention',
      },
    ]);
    expect(run.case.atRisk).toBe(false);
  });

  test.each(['health', 'mental-health', 'wellbeing'])(
    'a "%s" concern (pastoral: health) tells the coach without detail and the safeguarding lead as sensitive',
    (category) => {
      const run = simulate('makers', [concern('2026-10-05', category)]);
      expect(run.of('alert')).toEqual([]);
      expect(run.of('notify')).toEqual([
        { at: '2026-10-05T00:00:00.000+01:00', kind: 'notify', role: 'coach', reason: 'a pastoral or placement issue was recorded: consider an intervention' },
        {
          at: '2026-10-05T00:00:00.000+01:00',
          kind: 'notify',
          role: 'safeguarding-lead',
          reason: 'a health or wellbeing concern was raised for this apprentice: see the restricted record',
          sensitive: true,
        },
      ]);
      expect(JSON.stringify(run.of('notify')[0])).not.toContain(category);
    },
  );
});

describe('makers: "Makers reserve the right to apply any of our other policies ... safeguarding or code of conduct. In these instances, the stage process would not be followed."', () => {
  const ALERT = 'a confidential matter was raised that may be handled outside the stages (details go to the safeguarding lead only)';

  test.each(['safeguarding', 'code-of-conduct'])('a "%s" concern alerts and tells the safeguarding lead, sensitive', (category) => {
    const run = simulate('makers', [concern('2026-10-05', category)]);
    expect(run.timeline).toEqual([
      { at: '2026-10-05T00:00:00.000+01:00', kind: 'alert', reasons: [ALERT] },
      {
        at: '2026-10-05T00:00:00.000+01:00',
        kind: 'notify',
        role: 'safeguarding-lead',
        reason: 'a safeguarding or code-of-conduct matter was raised: it is handled under its own policy, outside the stages',
        sensitive: true,
      },
    ]);
    expect(run.of('recommend')).toEqual([]);
  });

  test('the channel alert does not say which category it was: both give the same alert, with no category field', () => {
    const safeguarding = simulate('makers', [concern('2026-10-05', 'safeguarding')]).of('alert');
    const conduct = simulate('makers', [concern('2026-10-05', 'code-of-conduct')]).of('alert');
    expect(safeguarding).toEqual(conduct);
    expect(Object.keys(safeguarding[0]!).sort()).toEqual(['at', 'kind', 'reasons']);
  });
});

describe('makers: "Recommend a break in learning" pauses monitoring until learning resumes', () => {
  const onBreak: EventJson[] = [
    progress('2026-10-01', 40, 50),
    { type: 'stage.entered', at: '2026-10-05', stage: 'stage-3' },
    { type: 'decision', at: '2026-11-02', outcome: 'break-in-learning', stage: 'stage-3' },
  ];

  test('the break takes the apprentice off the register and out of stage 3, paused', () => {
    const run = simulate('makers', onBreak, '2027-02-01');
    expect(run.case).toMatchObject({ status: 'paused', atRisk: false, stage: null, openTasks: [] });
    expect(run.of('overdue')).toEqual([]); // the stage-3 tasks ended with the break
  });

  test('during the break a placement issue tells no one; after activity resumes learning it does', () => {
    const run = simulate('makers', [
      ...onBreak,
      concern('2026-11-20', 'team-dynamics'),
      { type: 'activity', at: '2027-01-04' },
      concern('2027-01-06', 'team-dynamics'),
    ]);
    expect(run.of('notify').filter((n) => n.at > '2026-11-03')).toEqual([
      {
        at: '2027-01-06T00:00:00.000+00:00',
        kind: 'notify',
        role: 'coach',
        reason: 'a pastoral or placement issue was recorded: consider an intervention',
      },
    ]);
    expect(run.case.status).toBe('monitoring');
  });

  test('after activity resumes it, counts start afresh: still behind alerts again', () => {
    const run = simulate('makers', [...onBreak, { type: 'activity', at: '2027-01-04' }, progress('2027-01-11', 40, 52)]);
    expect(run.of('alert').map((a) => a.at)).toEqual(['2026-10-01T00:00:00.000+01:00', '2027-01-11T00:00:00.000+00:00']);
  });

  test('the pack resumes on recorded progress too (its documented decision): a behind progress during the break alerts at once', () => {
    const run = simulate('makers', [...onBreak, progress('2026-12-07', 40, 55)]);
    expect(run.of('alert').map((a) => a.at)).toEqual(['2026-10-01T00:00:00.000+01:00', '2026-12-07T00:00:00.000+00:00']);
    expect(run.case.status).toBe('monitoring');
  });
});
