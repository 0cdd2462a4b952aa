/**
 * Opening and closing a case (putting a learner on and taking them off the at-risk
 * register), and the pending recommendations a staff step settles.
 */
import type { FoldContext } from './context.js';
import type { Moment } from './moment.js';

export function openCase(ctx: FoldContext, m: Moment): void {
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
  for (const t of s.triggers) t.firedInCase = false;
}

/** Off the register: the stage ends, its tasks, follow-ups and pending steps are dropped. */
export function closeCase(ctx: FoldContext, m: Moment): void {
  const s = ctx.state;
  leaveStage(ctx);
  s.open = false;
  s.closedAt = m.at;
  s.tasks = [];
  s.followUps = [];
  s.pending = [];
  ctx.compiled.triggers.forEach((t, i) => {
    if (t.def.kind === 'count' && t.def.within === 'case') s.triggers[i]!.n = 0;
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
  ctx.timersChanged();
}

/** Drops the pending recommendations `settles` picks; they have been acted on. */
export function settlePending(ctx: FoldContext, settles: (action: string, stage: string | undefined) => boolean): void {
  const s = ctx.state;
  if (s.pending.length === 0) return;
  s.pending = s.pending.filter((p) => !settles(p.action, p.stage));
}
