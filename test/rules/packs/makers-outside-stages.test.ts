/**
 * Makers, "Points to note" (seeds/000_d1e8ca531b567b66.txt): "Makers reserve the right to
 * apply any of our other policies to end an apprenticeship agreement for example,
 * safeguarding or code of conduct. In these instances, the stage process would not be
 * followed." Outcome `end-under-other-policy`: at any stage or none, once a safeguarding or
 * code-of-conduct concern was raised in the case; decided by the Director of Delivery or
 * Director of Training (a pack decision: the policy names no one), not the stage's decider.
 */
import { compiledFor } from '../../../src/rules/engine/compile.js';
import { evaluate } from '../../../src/rules/engine/engine.js';
import { availableSteps, stepApprover } from '../../../src/rules/engine/steps.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { concern, decide, enter, progress, refusal } from '../events.js';
import { DEFAULT_LEARNER, simulate, type EventJson } from '../scenario.js';

const END = 'end-under-other-policy';
const NEEDS_CONCERN =
  'cannot decide "end-under-other-policy": ending an apprenticeship outside the stages needs a safeguarding or code-of-conduct matter raised in this case';
const atStage3 = [enter('2027-03-01', 'stage-3')];
const atStage5 = [
  ...atStage3,
  decide('2027-04-01', 'escalate', 'stage-3'),
  enter('2027-04-06', 'stage-4'),
  decide('2027-05-04', 'escalate', 'stage-4'),
  enter('2027-05-05', 'stage-5'),
];

describe('makers: "Makers reserve the right to apply any of our other policies to end an apprenticeship agreement for example, safeguarding or code of conduct"', () => {
  test.each([
    ['no stage (the concern itself opened the case)', [] as EventJson[]],
    ['stage 1', [enter('2027-03-01', 'stage-1')]],
    ['stage 3', atStage3],
    ['stage 5', atStage5],
  ])('after a safeguarding concern, the apprenticeship may be ended at %s: withdrawn, off the register', (_, before) => {
    const run = simulate('makers', [...before, concern('2027-05-10', 'safeguarding'), decide('2027-05-12', END)]);
    expect(run.case).toMatchObject({ status: 'withdrawn', atRisk: false, stage: null, openTasks: [] });
  });

  test('after a code-of-conduct concern too', () => {
    const run = simulate('makers', [...atStage3, concern('2027-03-10', 'code-of-conduct'), decide('2027-03-12', END)]);
    expect(run.case.status).toBe('withdrawn');
  });

  test.each([
    ['with no concern at all', atStage3],
    ['after a placement concern (not safeguarding or conduct)', [...atStage3, concern('2027-03-10', 'team-dynamics')]],
    ['after a health concern (confidential, but not safeguarding or conduct)', [...atStage3, concern('2027-03-10', 'health')]],
  ])('%s it is refused', (_, before) => {
    expect(refusal('makers', [...before, decide('2027-03-12', END)])).toBe(`events[${before.length}]: ${NEEDS_CONCERN}`);
  });

  test('a concern from an earlier, closed case does not count: it needs one raised in the current case', () => {
    const events = [
      concern('2027-01-05', 'code-of-conduct'),
      decide('2027-01-06', 'off-support'),
      progress('2027-03-01', 30, 45), // a new case
      decide('2027-03-05', END),
    ];
    expect(refusal('makers', events)).toBe(`events[3]: ${NEEDS_CONCERN}`);
  });

  test('"the stage process would not be followed": no stage recommendation email, no stage 5 appeal window', () => {
    const run = simulate('makers', [...atStage5, concern('2027-05-10', 'safeguarding'), decide('2027-05-12', END)]);
    const onTheDay = run.of('notify').filter((n) => n.at.startsWith('2027-05-12'));
    expect(onTheDay).toEqual(
      ['learner', 'line-manager', 'coach', 'client-partner', 'safeguarding-lead'].map((role) => ({
        at: '2027-05-12T00:00:00.000+01:00',
        kind: 'notify',
        role,
        reason: expect.stringMatching(/ended under another Makers policy/),
      })),
    );
    expect(JSON.stringify(onTheDay)).not.toMatch(/safeguarding concern|code of conduct|stage recommendation/);
    expect(run.case.appealWindows).toEqual([]);
  });

  test('"termination" itself stays a stage 5 outcome: at stage 3 after a safeguarding concern it is still refused', () => {
    expect(refusal('makers', [...atStage3, concern('2027-03-10', 'safeguarding'), decide('2027-03-12', 'terminate')])).toBe(
      'events[2]: "terminate" can only be decided at stage-5 under makers; the learner is at stage-3',
    );
  });

  test('the Director of Delivery or Training decides it, at any stage, not the stage\'s decider (the coach at stage 3)', () => {
    const pack = builtinPack('makers')!;
    const input = parseSimulationInput({ learner: DEFAULT_LEARNER, events: [...atStage3, concern('2027-03-10', 'safeguarding')] });
    if (!input.ok) throw new Error('bad input');
    const result = evaluate(pack, input.value.learner, input.value.events, Math.max(...input.value.events.map((e) => e.at)));
    if (!result.ok) throw new Error(result.refusal.message);
    const compiled = compiledFor(pack, input.value.learner.nation, input.value.learner.programme);
    const state = result.state;
    expect(state.stage).toBe('stage-3');
    expect(stepApprover(compiled, state, { outcome: END })).toBe('director-of-delivery-or-training');
    expect(stepApprover(compiled, state, { outcome: 'escalate' })).toBe('coach');
    expect(availableSteps(compiled, state).map((s) => s.outcome ?? s.stage)).toContain(END);
  });
});
