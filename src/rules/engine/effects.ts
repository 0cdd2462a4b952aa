/**
 * Carrying out what a rule says: alert, rate, recommend, notify, set a task, put an item
 * on a meeting's agenda, start a follow-up. Each effect's `when` is tested first.
 */
import type { Instant } from '../calendar/index.js';
import type { Task } from '../pack/pack-schema.js';
import type { Effect, RecommendEffect } from '../pack/schema-parts.js';
import type { PendingRecommendation } from './case-state.js';
import type { Cause } from './cause.js';
import type { FoldContext } from './context.js';
import { openCase } from './lifecycle.js';
import type { Moment } from './moment.js';
import { recommendRequirements, unmetRequirements } from './requirements.js';
import { dayText, dueDay, endOf, nextSitting } from './schedule.js';
import type { TimelineEntry } from './timeline.js';

export function runEffects(ctx: FoldContext, effects: readonly Effect[] | undefined, cause: Cause, m: Moment): void {
  if (!effects) return;
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i]!;
    if (!m.holds(e.when, ctx.learner)) continue;
    switch (e.do) {
      case 'alert':
        m.alert(e.reason ?? cause.reason);
        openCase(ctx, m, cause.reason);
        break;
      case 'rate':
        rate(ctx, e.atLeast, e.to, cause, m);
        break;
      case 'recommend':
        recommend(ctx, e, cause, m);
        break;
      case 'notify':
        m.push(e.sensitive ? { at: m.at, kind: 'notify', role: e.role, reason: e.reason, sensitive: true } : { at: m.at, kind: 'notify', role: e.role, reason: e.reason });
        break;
      case 'task':
        setTask(ctx, ctx.compiled.tasks.get(e.task)!, cause.stage, m);
        break;
      case 'agenda': {
        const meeting = ctx.compiled.meetings.get(e.meeting)!;
        const date = nextSitting(meeting, ctx.compiled.nation, m.at, m.day);
        ctx.state.agenda.push({ meeting: meeting.id, date, reason: cause.reason, at: m.at });
        m.push({ at: m.at, kind: 'agenda', meeting: meeting.id, date });
        break;
      }
      case 'follow-up': {
        const f = ctx.compiled.followUps.get(e.followUp)!;
        ctx.state.followUps.push({ followUp: f.id, at: endOf(dueDay(ctx.compiled.nation, m.day, f.after)), createdAt: m.at, stage: cause.stage });
        ctx.timersChanged();
        break;
      }
    }
  }
}

function rate(ctx: FoldContext, atLeast: string | undefined, to: string | undefined, cause: Cause, m: Moment): void {
  const { ratingRank, pack } = ctx.compiled;
  const s = ctx.state;
  const current = ratingRank.get(s.rating ?? '') ?? 0;
  const target = to ?? atLeast!;
  if (atLeast !== undefined && ratingRank.get(target)! <= current) return;
  s.rating = target;
  if (ratingRank.get(target)! >= ratingRank.get(pack.ratings!.atRiskFrom)!) openCase(ctx, m, cause.reason);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function recommend(ctx: FoldContext, e: RecommendEffect, cause: Cause, m: Moment): void {
  const s = ctx.state;
  if (e.stage !== undefined && !stageIsAhead(ctx, e.stage, cause)) return;
  for (let i = 0; i < s.pending.length; i++) {
    const same = s.pending[i]!;
    if (same.action === e.action && same.stage === e.stage) {
      if (!same.reasons.includes(cause.reason)) same.reasons.push(cause.reason);
      return;
    }
  }
  const approver = e.approver ?? (e.stage !== undefined ? ctx.compiled.stages.get(e.stage)?.approvedBy : undefined);
  // Built field by field in the order the stored state has always had: action, stage?,
  // approver?, reasons, at, rule, then waitsFor and waiting while it is held.
  const pending = { action: e.action } as Mutable<PendingRecommendation>;
  if (e.stage !== undefined) pending.stage = e.stage;
  if (approver !== undefined) pending.approver = approver;
  pending.reasons = [cause.reason];
  pending.at = m.at;
  pending.rule = cause.rule;
  const requires = recommendRequirements(ctx.compiled, e);
  const unmet = requires === undefined ? undefined : unmetRequirements(ctx, requires, m);
  if (unmet !== undefined && unmet.length > 0) {
    const waiting = unmet.join('; ');
    pending.waitsFor = requires!;
    pending.waiting = waiting;
    s.pending.push(pending);
    runEffects(ctx, e.otherwise, { ...cause, reason: `${cause.reason}; ${waiting}` }, m);
    return;
  }
  s.pending.push(pending);
  m.push(recommendEntry(m.at, pending));
}

/**
 * A rule recommends a stage only if the learner is not already there or further on (in
 * the pack's order); a decision may recommend an earlier stage ("extend at stage 3").
 */
function stageIsAhead(ctx: FoldContext, target: string, cause: Cause): boolean {
  const current = ctx.state.stage;
  if (current === null) return true;
  if (current === target) return false;
  if (cause.byDecision) return true;
  const rank = ctx.compiled.stageRank;
  return rank.get(target)! > rank.get(current)!;
}

/**
 * The `recommend` entry for a pending recommendation: the same as
 * `{ at, kind: 'recommend', ...recommendFields(p) }`, without the intermediate objects.
 */
export function recommendEntry(at: Instant, p: { action: string; stage?: string; approver?: string; reasons: string[] }): TimelineEntry {
  const entry: { at: Instant; kind: 'recommend'; action: string; reasons: string[]; stage?: string; approver?: string } = {
    at,
    kind: 'recommend',
    action: p.action,
    reasons: p.reasons.slice(),
  };
  if (p.stage !== undefined) entry.stage = p.stage;
  if (p.approver !== undefined) entry.approver = p.approver;
  return entry;
}

/** The fields of a `recommend` entry for a pending recommendation. */
export function recommendFields(p: { action: string; stage?: string; approver?: string; reasons: string[] }) {
  return {
    action: p.action,
    reasons: [...p.reasons],
    ...(p.stage !== undefined ? { stage: p.stage } : {}),
    ...(p.approver !== undefined ? { approver: p.approver } : {}),
  };
}

/**
 * Sets a task; one per occurrence ("for every instance"), but the same task for the same
 * stage with the same due date is set once.
 */
export function setTask(ctx: FoldContext, def: Pick<Task, 'id' | 'title' | 'role' | 'due'>, stage: string | null, m: Moment): void {
  const s = ctx.state;
  const due = dueDay(ctx.compiled.nation, m.day, def.due);
  const dueText = dayText(due);
  for (let i = 0; i < s.tasks.length; i++) {
    const t = s.tasks[i]!;
    if (t.task === def.id && t.stage === stage && t.due === dueText) return;
  }
  s.tasks.push({ task: def.id, title: def.title, role: def.role, due: dueText, overdueAt: endOf(due), createdAt: m.at, stage, overdue: false, progress: 0 });
  ctx.timersChanged();
  m.push({ at: m.at, kind: 'task', task: def.id, role: def.role, due: dueText, title: def.title });
}
