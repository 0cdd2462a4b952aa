/**
 * Opening and closing a case (putting a learner on and taking them off the at-risk
 * register), and the pending recommendations a staff step settles.
 */
import type { Instant } from '../calendar/index.js';
import type { FoldContext } from './context.js';
import type { Moment } from './moment.js';

/** `because`: the rule that put the learner at risk; null when staff opened it with a stage. */
export function openCase(ctx: FoldContext, m: Moment, because: string | null): void {
  const s = ctx.state;
  if (s.open) return;
  s.open = true;
  s.openedAt = m.at;
  s.closedAt = null;
  s.visited = [];
  s.lastEntered = {};
  s.decisions = [];
  s.reasons = [];
  s.contacts = [];
  s.pending = [];
  s.agenda = [];
  // A step proposed before the learner went on the register still waits for its decision.
  s.proposals = s.proposals.filter((p) => p.status === 'pending');
  ctx.compiled.triggers.forEach((t, i) => {
    const mem = s.triggers[i]!;
    mem.firedInCase = false;
    if (t.def.kind === 'consecutive' && t.def.within === 'case') Object.assign(mem, { n: 0, fired: false });
  });
  if (because !== null) ctx.caseOpened(m, because);
}

/** Off the register: the stage ends, its tasks, follow-ups and pending steps are dropped. */
export function closeCase(ctx: FoldContext, m: Moment): void {
  const s = ctx.state;
  leaveStage(ctx);
  s.open = false;
  s.closedAt = m.at;
  // What happened in this case cannot satisfy a later case's entry requirements.
  s.visited = [];
  s.lastEntered = {};
  s.decisions = [];
  s.tasks = [];
  s.followUps = [];
  s.pending = [];
  lapseProposals(ctx);
  ctx.compiled.triggers.forEach((t, i) => {
    if (t.def.kind === 'count' && t.def.within === 'case') Object.assign(s.triggers[i]!, { n: 0, fired: false });
  });
  ctx.timersChanged();
}

/** The current stage ends: tasks and follow-ups it set are dropped. */
export function leaveStage(ctx: FoldContext): void {
  const s = ctx.state;
  if (s.stage === null) return;
  const stage = s.stage;
  s.tasks = s.tasks.filter((t) => t.stage !== stage);
  s.followUps = s.followUps.filter((f) => f.stage !== stage);
  s.stage = null;
  s.stageEnteredAt = null;
  lapseProposals(ctx);
  ctx.timersChanged();
}

/**
 * Proposals still waiting lapse when the case moves to another stage or leaves the
 * register: they were made about a case that has since changed (propose again if needed).
 */
export function lapseProposals(ctx: FoldContext): void {
  for (const p of ctx.state.proposals) if (p.status === 'pending') p.status = 'lapsed';
}

/** Drops the pending recommendations `settles` picks; they have been acted on. */
export function settlePending(ctx: FoldContext, settles: (action: string, stage: string | undefined) => boolean): void {
  const s = ctx.state;
  if (s.pending.length === 0) return;
  s.pending = s.pending.filter((p) => !settles(p.action, p.stage));
}

/** Monitoring starts again (a pause ended, a withdrawal reversed): every rule counts afresh from `at`. */
export function resumeMonitoring(ctx: FoldContext, at: Instant): void {
  const s = ctx.state;
  s.status = 'monitoring';
  s.pausedBy = null;
  for (const mem of s.triggers) {
    mem.n = 0;
    mem.times = [];
    mem.last = at;
    mem.fired = false;
  }
  ctx.timersChanged();
}
