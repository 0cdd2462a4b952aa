/**
 * Proposals, the decisions on them, and meetings' decisions on agenda items, folded by the
 * engine: which steps are offered, who must approve, and every refusal.
 */
import { compiledFor } from '../../../src/rules/engine/compile.js';
import { evaluate } from '../../../src/rules/engine/engine.js';
import { availableSteps, stepApprover } from '../../../src/rules/engine/steps.js';
import { parseSimulationInput } from '../../../src/rules/events/parse-input.js';
import { issueLine } from '../../../src/rules/issues.js';
import { builtinPack } from '../../../src/rules/packs/index.js';
import { DEFAULT_LEARNER, type EventJson, type LearnerFields } from '../scenario.js';
import { contact, enter, missed } from '../events.js';

function run(packId: string, events: EventJson[], learner: LearnerFields = {}) {
  const pack = builtinPack(packId)!;
  const input = parseSimulationInput({ learner: { ...DEFAULT_LEARNER, ...learner }, events });
  if (!input.ok) throw new Error(input.issues.map(issueLine).join('\n'));
  const result = evaluate(pack, input.value.learner, input.value.events, Math.max(...input.value.events.map((e) => e.at)));
  const compiled = compiledFor(pack, input.value.learner.nation, input.value.learner.programme);
  return { result, compiled };
}

function state(packId: string, events: EventJson[], learner: LearnerFields = {}) {
  const { result, compiled } = run(packId, events, learner);
  if (!result.ok) throw new Error(result.refusal.message);
  return { ...result, compiled };
}

function refusal(packId: string, events: EventJson[]) {
  const { result } = run(packId, events);
  return result.ok ? 'accepted' : `${result.refusal.code}: ${result.refusal.message}`;
}

const propose = (at: string, proposal: string, step: { stage: string } | { outcome: string }, staff = 'coach@x.org'): EventJson => ({
  type: 'step.proposed',
  at,
  proposal,
  ...step,
  staff,
});
const decideOn = (at: string, proposal: string, verdict: string, staff = 'boss@x.org'): EventJson => ({ type: 'step.decided', at, proposal, verdict, staff });

// mtt: three missed sessions put the learner at risk and recommend stage 1.
const atRisk = [missed('2026-09-08'), missed('2026-09-15'), missed('2026-09-22')];

describe('proposing a step', () => {
  test('a step needing approval waits for the role the pack names and says so', () => {
    const { state: s, timeline } = state('mtt', [...atRisk, propose('2026-09-23T10:00:00Z', 'p1', { stage: 'stage-1' })]);
    expect(s.stage).toBeNull();
    expect(s.proposals).toEqual([
      { id: 'p1', step: { stage: 'stage-1' }, by: 'coach@x.org', at: Date.parse('2026-09-23T10:00:00Z'), approver: 'directors', status: 'pending' },
    ]);
    expect(timeline.at(-1)).toMatchObject({ kind: 'proposal', proposal: 'p1', approver: 'directors' });
  });

  test('approving takes the step; the decision records who and when', () => {
    const { state: s, timeline } = state('mtt', [
      ...atRisk,
      propose('2026-09-23T10:00:00Z', 'p1', { stage: 'stage-1' }),
      decideOn('2026-09-23T11:00:00Z', 'p1', 'approved'),
    ]);
    expect(s.stage).toBe('stage-1');
    expect(s.proposals[0]).toMatchObject({ status: 'approved', decidedBy: 'boss@x.org', decidedAt: Date.parse('2026-09-23T11:00:00Z') });
    expect(timeline.map((e) => e.kind)).toContain('stage');
    expect(timeline.at(-1)).toMatchObject({ kind: 'decided', proposal: 'p1', verdict: 'approved', by: 'boss@x.org' });
  });

  test.each(['rejected', 'more-information'])('%s leaves the case where it was', (verdict) => {
    const { state: s } = state('mtt', [...atRisk, propose('2026-09-23T10:00:00Z', 'p1', { stage: 'stage-1' }), decideOn('2026-09-23T11:00:00Z', 'p1', verdict)]);
    expect(s.stage).toBeNull();
    expect(s.proposals[0]?.status).toBe(verdict);
  });

  test('a step no role approves is taken at once (makers stages 1 and 2)', () => {
    const { state: s, timeline } = state('makers', [propose('2026-09-23T10:00:00Z', 'p1', { stage: 'stage-1' })]);
    expect(s.stage).toBe('stage-1');
    expect(s.proposals[0]).toMatchObject({ approver: null, status: 'taken' });
    expect(timeline.some((e) => e.kind === 'proposal')).toBe(false);
  });

  test('a step the policy forbids is refused before anyone is asked', () => {
    expect(refusal('mtt', [...atRisk, propose('2026-09-23', 'p1', { stage: 'stage-3' })])).toBe(
      'forbidden-transition: cannot enter stage-3 from no stage: under mtt, Stage 3 (Notification of Withdrawal) follows stage-2',
    );
    expect(refusal('bpn', [...atRisk, propose('2026-09-23', 'p1', { outcome: 'withdraw' })])).toMatch(
      /^forbidden-transition: cannot decide "withdraw": withdrawal needs at least three contact attempts/,
    );
  });

  test('the same step cannot wait twice', () => {
    expect(refusal('mtt', [...atRisk, propose('2026-09-23T10:00:00Z', 'p1', { stage: 'stage-1' }), propose('2026-09-23T10:01:00Z', 'p2', { stage: 'stage-1' })])).toBe(
      'already-proposed: enter stage-1 was already proposed by coach@x.org on 2026-09-23T11:00:00.000+01:00 and is waiting for a decision',
    );
  });

  test('a proposal is decided once; a second decision is refused and says who settled it', () => {
    expect(
      refusal('mtt', [
        ...atRisk,
        propose('2026-09-23T10:00:00Z', 'p1', { stage: 'stage-1' }),
        decideOn('2026-09-23T11:00:00Z', 'p1', 'rejected', 'a@x.org'),
        decideOn('2026-09-23T11:00:01Z', 'p1', 'approved', 'b@x.org'),
      ]),
    ).toBe('proposal-not-pending: the proposal to enter stage-1 was already settled (rejected by a@x.org on 2026-09-23T12:00:00.000+01:00)');
    expect(refusal('mtt', [...atRisk, decideOn('2026-09-23', 'nope', 'approved')])).toBe(
      'unknown-proposal: there is no proposal "nope" in the learner\'s current case',
    );
  });

  test('approval re-checks the policy: the case may have moved on', () => {
    expect(
      refusal('mtt', [
        ...atRisk,
        propose('2026-09-23T10:00:00Z', 'p1', { stage: 'stage-1' }),
        enter('2026-09-23T10:30:00Z', 'stage-1'),
        propose('2026-09-23T10:40:00Z', 'p2', { stage: 'stage-2' }),
        decideOn('2026-09-23T11:00:00Z', 'p2', 'approved'),
        decideOn('2026-09-23T11:10:00Z', 'p1', 'approved'),
      ]),
    ).toBe('proposal-not-pending: the proposal to enter stage-1 was already settled (lapsed)');
  });

  test('closing the case lapses what still waits', () => {
    const { state: s } = state('bpn', [
      ...atRisk,
      propose('2026-09-23T10:00:00Z', 'p1', { outcome: 'break-in-learning' }),
      propose('2026-09-23T10:05:00Z', 'p2', { outcome: 'de-escalate' }),
    ]);
    expect(s.open).toBe(false);
    expect(s.proposals.map((p) => p.status)).toEqual(['lapsed', 'taken']);
  });

  test('to the rules an approved step is the decision it took: an approved support contract ends the stage 1 follow-up', () => {
    const stage1 = [...atRisk, enter('2026-09-23T09:00:00Z', 'stage-1')];
    const later = { type: 'activity', at: '2026-10-10' };
    const without = state('mtt', [...stage1, later]);
    expect(without.timeline.filter((e) => e.kind === 'recommend').map((e) => e.kind === 'recommend' && e.stage)).toContain('stage-2');
    const approved = state('mtt', [
      ...stage1,
      propose('2026-09-24T10:00:00Z', 'p1', { outcome: 'support-contract' }),
      decideOn('2026-09-24T11:00:00Z', 'p1', 'approved'),
      later,
    ]);
    expect(approved.state.decisions.map((d) => d.outcome)).toEqual(['support-contract']);
    expect(approved.timeline.filter((e) => e.kind === 'recommend').map((e) => e.kind === 'recommend' && e.stage)).not.toContain('stage-2');
  });

  test('a proposal names exactly one step', () => {
    expect(() => run('mtt', [{ type: 'step.proposed', at: '2026-09-23', proposal: 'p', staff: 's@x.org' }])).toThrow(
      'must name exactly one step: a stage to enter or an outcome to decide',
    );
  });
});

describe('who approves which step', () => {
  test.each([
    ['makers', [], { stage: 'stage-3' }, 'coach'],
    ['makers', [], { stage: 'stage-1' }, null],
    ['bpn', atRisk, { outcome: 'break-in-learning' }, 'performance-manager'],
    ['bpn', atRisk, { outcome: 'withdraw' }, 'associate-director'],
    ['bpn', atRisk, { outcome: 'de-escalate' }, null],
    ['creative-alliance', [], { stage: 'smt-review' }, 'smt'],
    ['creative-alliance', [missed('2026-09-08'), ...[1, 2, 3].map((i) => ({ type: 'visit.missed', at: `2026-09-0${i + 1}` }))], { outcome: 'withdraw' }, 'operations-manager'],
    ['mtt', atRisk, { outcome: 'withdraw' }, 'directors'],
    ['atl', atRisk, { outcome: 'withdraw' }, 'head-of-operations'],
  ] as const)('%s, %j -> %s', (packId, events, step, approver) => {
    const { compiled, state: s } = state(packId, [...events, contact('2026-09-22', 'phone')]);
    expect(stepApprover(compiled, s, step)).toBe(approver);
  });

  test('at a stage, its decider decides every outcome (atl Wales: the OSC)', () => {
    const events = [...atRisk, enter('2026-09-23', 'stage-1')];
    const england = state('atl', events);
    expect(stepApprover(england.compiled, england.state, { outcome: 'de-escalate' })).toBe('sector-manager');
    const wales = state('atl', events, { nation: 'wales' });
    expect(stepApprover(wales.compiled, wales.state, { outcome: 'de-escalate' })).toBe('operational-support-coordinator');
    const walesOff = state('atl', atRisk, { nation: 'wales' });
    expect(stepApprover(walesOff.compiled, walesOff.state, { outcome: 'withdraw' })).toBe('operational-support-coordinator');
  });

  test('the steps offered follow the pack: the next stage and the stage\'s outcomes', () => {
    const { compiled, state: s } = state('mtt', [...atRisk, enter('2026-09-23', 'stage-1')]);
    expect(availableSteps(compiled, s).map((x) => x.stage ?? x.outcome)).toEqual([
      'stage-2',
      'support-contract',
      'de-escalate',
      'break-in-learning',
      'employer-agreed',
    ]);
    const before = state('makers', [missed('2026-09-08')]);
    expect(before.state.open).toBe(false);
    expect(availableSteps(before.compiled, before.state).map((x) => x.stage ?? x.outcome)).toEqual(['stage-1', 'stage-2', 'stage-3']);
  });
});

describe('a meeting decides an agenda item', () => {
  const third = [1, 2, 3].map((i) => ({ type: 'visit.missed', at: `2026-09-0${i + 1}` }));
  const smtDecision = (fields: Record<string, unknown>): EventJson => ({
    type: 'agenda.decided',
    at: '2026-09-07T10:30:00Z',
    meeting: 'smt-weekly',
    date: '2026-09-07',
    outcome: 'Back to regular visits',
    action: 'Weekly check-ins with the employer',
    owner: 'dc@x.org',
    reviewDate: '2026-10-05',
    staff: 'smt@x.org',
    ...fields,
  });

  test('the outcome, action, owner and review date are kept on the item', () => {
    const { state: s, timeline } = state('creative-alliance', [...third, smtDecision({})]);
    expect(s.agenda.find((a) => a.meeting === 'smt-weekly')?.decided).toEqual({
      outcome: 'Back to regular visits',
      action: 'Weekly check-ins with the employer',
      owner: 'dc@x.org',
      reviewDate: '2026-10-05',
      by: 'smt@x.org',
      at: Date.parse('2026-09-07T10:30:00Z'),
    });
    expect(timeline.at(-1)).toMatchObject({ kind: 'agenda-decided', meeting: 'smt-weekly', date: '2026-09-07', owner: 'dc@x.org' });
  });

  test('an item not on the agenda, or a review date already past, is refused', () => {
    expect(refusal('creative-alliance', [...third, smtDecision({ date: '2026-09-14' })])).toBe(
      'no-agenda-item: the learner is not on the smt-weekly agenda for 2026-09-14 (their agenda items: caseload-review on 2026-09-14, caseload-review on 2026-09-14, caseload-review on 2026-09-14, smt-weekly on 2026-09-07)',
    );
    expect(refusal('creative-alliance', [...third, smtDecision({ reviewDate: '2026-09-06' })])).toBe(
      'review-date-passed: the review date 2026-09-06 is before the day of the decision (2026-09-07)',
    );
  });
});
