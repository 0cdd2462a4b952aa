/**
 * Proposals and the decisions on them, and a meeting's decision on an agenda item. A
 * proposal is checked against the policy as if the step were taken now (a forbidden step
 * is refused before anyone is asked); a step that needs nobody's approval is taken at
 * once; otherwise it waits for the role the pack names. Approving takes the step, and the
 * policy is checked again, since the case may have moved on meanwhile.
 */
import { formatLondon, parseDay } from '../calendar/index.js';
import type { LearnerEvent } from '../events/learner-event.js';
import type { Proposal } from './case-state.js';
import type { FoldContext, Refusal } from './context.js';
import type { Moment } from './moment.js';
import { reasonMissing } from './staff-events.js';
import { describeStep, stepApprover, type StepRef } from './steps.js';

/** Takes a step for real (`trial`: on a scratch copy of the case, to see if it would be refused). */
export interface StepTaker {
  take(step: StepRef, m: Moment): Refusal | undefined;
  trial(step: StepRef, m: Moment): Refusal | undefined;
}

export function propose(ctx: FoldContext, steps: StepTaker, e: LearnerEvent, m: Moment): Refusal | undefined {
  const s = ctx.state;
  const step: StepRef = e.stage !== undefined ? { stage: e.stage } : { outcome: e.outcome! };
  const waiting = s.proposals.find((p) => p.status === 'pending' && p.step.stage === step.stage && p.step.outcome === step.outcome);
  if (waiting) {
    return {
      code: 'already-proposed',
      message: `${describeStep(step)} was already proposed by ${waiting.by} on ${formatLondon(waiting.at)} and is waiting for a decision`,
    };
  }
  const unexplained = step.outcome !== undefined ? reasonMissing(ctx, e, 'with the proposal') : undefined;
  if (unexplained) return unexplained;
  const refused = steps.trial(step, m);
  if (refused) return refused;
  const approver = stepApprover(ctx.compiled, s, step);
  const proposal: Proposal = { id: e.proposal!, step, by: e.staff!, at: m.at, approver, status: approver === null ? 'taken' : 'pending' };
  if (approver === null) {
    const taken = steps.take(step, m);
    if (taken) return taken;
    s.proposals.push(proposal);
    return undefined;
  }
  s.proposals.push(proposal);
  m.push({ at: m.at, kind: 'proposal', proposal: proposal.id, approver });
  return undefined;
}

export function decideProposal(ctx: FoldContext, steps: StepTaker, e: LearnerEvent, m: Moment): Refusal | undefined {
  const proposal = ctx.state.proposals.find((p) => p.id === e.proposal);
  if (!proposal) return { code: 'unknown-proposal', message: `there is no proposal "${e.proposal}" in the learner's current case` };
  if (proposal.status !== 'pending') {
    const when = proposal.decidedAt === undefined ? '' : ` on ${formatLondon(proposal.decidedAt)}`;
    const who = proposal.decidedBy === undefined ? '' : ` by ${proposal.decidedBy}`;
    return { code: 'proposal-not-pending', message: `the proposal to ${describeStep(proposal.step)} was already settled (${proposal.status}${who}${when})` };
  }
  if (e.verdict === 'approved') {
    const refused = steps.take(proposal.step, m);
    if (refused) return refused;
  }
  proposal.status = e.verdict!;
  proposal.decidedBy = e.staff!;
  proposal.decidedAt = m.at;
  m.push({ at: m.at, kind: 'decided', proposal: proposal.id, verdict: e.verdict!, by: e.staff! });
  return undefined;
}

/** Records what a meeting decided about an item on its agenda for that date. */
export function decideAgendaItem(ctx: FoldContext, e: LearnerEvent, m: Moment): Refusal | undefined {
  const s = ctx.state;
  const index = s.agenda.findIndex((a) => a.meeting === e.meeting && a.date === e.date);
  if (index < 0) {
    const on = s.agenda.map((a) => `${a.meeting} on ${a.date}`).join(', ') || 'none';
    return { code: 'no-agenda-item', message: `the learner is not on the ${e.meeting} agenda for ${e.date} (their agenda items: ${on})` };
  }
  if (parseDay(e.reviewDate!)! < m.day) {
    return { code: 'review-date-passed', message: `the review date ${e.reviewDate} is before the day of the decision (${formatLondon(m.at).slice(0, 10)})` };
  }
  const item = s.agenda[index]!;
  const decided = { outcome: e.outcome!, action: e.action!, owner: e.owner!, reviewDate: e.reviewDate!, by: e.staff!, at: m.at };
  // One decision covers every item the learner has on that sitting's agenda.
  s.agenda = s.agenda.map((a) => (a.meeting === item.meeting && a.date === item.date ? { ...a, decided } : a));
  m.push({ at: m.at, kind: 'agenda-decided', meeting: item.meeting, date: item.date, owner: decided.owner, reviewDate: decided.reviewDate });
  return undefined;
}
