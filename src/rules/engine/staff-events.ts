/**
 * Steps people take: entering a stage, deciding an outcome, lodging an appeal. Each is
 * checked against what the written policy requires before anything changes; a step the
 * policy forbids is refused as a value and leaves the case untouched.
 */
import { formatDay } from '../calendar/index.js';
import type { LearnerEvent } from '../events/learner-event.js';
import type { Requirement } from '../pack/schema-parts.js';
import { anchorFor, contactProgress } from './contact-rules.js';
import type { FoldContext, Refusal } from './context.js';
import { runEffects, setTask } from './effects.js';
import { closeCase, lapseProposals, leaveStage, openCase, settlePending } from './lifecycle.js';
import type { Moment } from './moment.js';
import { dueDay, endOf } from './schedule.js';

export function enterStage(ctx: FoldContext, e: LearnerEvent, m: Moment): Refusal | undefined {
  const { compiled, state: s } = ctx;
  const id = e.stage!;
  const stage = compiled.stages.get(id);
  if (!stage) {
    const known = [...compiled.stages.keys()];
    return { code: 'unknown-stage', message: `stage "${id}" is not a stage of ${compiled.pack.id} (its stages: ${known.join(', ') || 'none'})` };
  }
  if (s.status === 'withdrawn') return withdrawn(ctx);
  const from = stage.entry.from;
  if (from && !from.includes(s.stage)) {
    const allowed = from.map((f) => f ?? 'no stage').join(' or ');
    return {
      code: 'forbidden-transition',
      message: `cannot enter ${id} from ${s.stage ?? 'no stage'}: under ${compiled.pack.id}, ${stage.name} follows ${allowed}`,
    };
  }
  const unmet = unmetRequirement(ctx, stage.entry.requires, m);
  if (unmet) return { code: 'forbidden-transition', message: `cannot enter ${id}: ${unmet}` };

  const previous = s.stage;
  leaveStage(ctx);
  lapseProposals(ctx);
  openCase(ctx, m, null);
  s.stage = id;
  s.stageEnteredAt = m.at;
  if (!s.visited.includes(id)) s.visited.push(id);
  s.lastEntered[id] = m.at;
  settlePending(ctx, (action, rec) => action === 'stage' || action === id || rec === id);
  m.push({ at: m.at, kind: 'stage', from: previous, to: id });
  runEffects(ctx, stage.onEnter, { rule: `stage:${id}`, reason: `${stage.name} began`, source: stage.source, stage: id }, m);
  return undefined;
}

export function decide(ctx: FoldContext, e: LearnerEvent, m: Moment): Refusal | undefined {
  const { compiled, state: s } = ctx;
  const outcome = compiled.outcomes.get(e.outcome!);
  if (!outcome) {
    return {
      code: 'unknown-outcome',
      message: `outcome "${e.outcome}" is not an outcome of ${compiled.pack.id} (its outcomes: ${[...compiled.outcomes.keys()].join(', ')})`,
    };
  }
  if (s.status === 'withdrawn') return withdrawn(ctx);
  if (e.stage !== undefined && e.stage !== s.stage) {
    return { code: 'not-at-stage', message: `the decision is for ${e.stage}, but the learner is at ${s.stage ?? 'no stage'}` };
  }
  if (outcome.onlyAt && !outcome.onlyAt.includes(s.stage as string)) {
    return {
      code: 'outcome-not-allowed',
      message: `"${outcome.id}" can only be decided at ${outcome.onlyAt.join(' or ')} under ${compiled.pack.id}; the learner is at ${s.stage ?? 'no stage'}`,
    };
  }
  // An outcome decided under another policy ends the case whatever stage it is at, without the stage's process.
  const stage = s.stage === null || outcome.outsideStages ? undefined : compiled.stages.get(s.stage);
  if (stage && stage.outcomes.length > 0 && !stage.outcomes.includes(outcome.id)) {
    return {
      code: 'outcome-not-allowed',
      message: `"${outcome.id}" is not an outcome of ${stage.id} under ${compiled.pack.id} (allowed: ${stage.outcomes.join(', ')})`,
    };
  }
  const unmet = unmetRequirement(ctx, outcome.requires, m);
  if (unmet) return { code: 'forbidden-transition', message: `cannot decide "${outcome.id}": ${unmet}` };

  const decidedAt = s.stage;
  s.decisions.push({ stage: decidedAt, outcome: outcome.id, at: m.at });
  const decided = { rule: `outcome:${outcome.id}`, reason: outcome.label, source: outcome.source, stage: null, byDecision: true };
  if (stage) runEffects(ctx, stage.onDecision, { ...decided, source: stage.source }, m);
  settlePending(ctx, (action) => action === outcome.id || (action === 'withdraw' && outcome.id === 'terminate') || (action === 'de-escalate' && outcome.id === 'off-support'));
  if (outcome.completesStageTasks && s.stage !== null) {
    const done = s.stage;
    s.tasks = s.tasks.filter((t) => t.stage !== done);
    s.followUps = s.followUps.filter((f) => f.stage !== done);
    ctx.timersChanged();
  }
  if (outcome.leavesStage) leaveStage(ctx);
  if (outcome.closesCase) closeCase(ctx, m);
  if (outcome.ends) {
    s.status = outcome.ends;
    s.pausedBy = outcome.ends === 'paused' ? outcome.id : null;
    ctx.timersChanged();
  }
  if (outcome.resetsRating && compiled.pack.ratings) s.rating = compiled.pack.ratings.initial;
  runEffects(ctx, outcome.effects, decided, m);
  for (const appeal of compiled.appeals) {
    if (!appeal.after.includes(outcome.id) || (appeal.onlyAt && !appeal.onlyAt.includes(decidedAt as string))) continue;
    const last = dueDay(compiled.nation, m.day, appeal.lodgeWithin);
    const lodgeBy = formatDay(last);
    s.appeals.push({ appeal: appeal.id, outcome: outcome.id, decidedAt: m.at, lodgeBy, closesAt: endOf(last) });
    const reason = `${outcome.label}: the ${appeal.by.join(' or ')} may appeal in writing until ${lodgeBy}`;
    for (const role of [appeal.heardBy, ...appeal.tell]) m.push({ at: m.at, kind: 'notify', role, reason });
  }
  return undefined;
}

export function lodgeAppeal(ctx: FoldContext, e: LearnerEvent, m: Moment): Refusal | undefined {
  const { compiled, state: s } = ctx;
  const window = s.appeals[s.appeals.length - 1];
  if (!window) {
    return { code: 'no-appealable-decision', message: `there is no decision on record that ${compiled.pack.id} lets the learner appeal` };
  }
  const appeal = compiled.appeals.find((a) => a.id === window.appeal)!;
  const who = e.by ?? 'learner';
  if (!(appeal.by as readonly string[]).includes(who)) {
    return { code: 'appeal-not-allowed', message: `under ${compiled.pack.id} only the ${appeal.by.join(' or ')} may appeal "${window.outcome}", not the ${who}` };
  }
  if (m.at >= window.closesAt) {
    m.push({
      at: m.at,
      kind: 'notify',
      role: appeal.heardBy,
      reason: `an appeal by the ${who} against "${window.outcome}" arrived after the window closed on ${window.lodgeBy}`,
    });
    return undefined;
  }
  m.push({ at: m.at, kind: 'notify', role: appeal.heardBy, reason: `the ${who} appealed against "${window.outcome}"${appeal.final ? '; the appeal decision is final' : ''}` });
  if (appeal.decideWithin) {
    setTask(ctx, { id: 'decide-appeal', title: `Decide the appeal against "${window.outcome}"`, role: appeal.heardBy, due: appeal.decideWithin }, null, m);
  }
  return undefined;
}

function withdrawn(ctx: FoldContext): Refusal {
  return { code: 'learner-withdrawn', message: `the learner was withdrawn under ${ctx.compiled.pack.id}; no further stages or decisions apply` };
}

function unmetRequirement(ctx: FoldContext, requires: readonly Requirement[] | undefined, m: Moment): string | undefined {
  const s = ctx.state;
  for (const r of requires ?? []) {
    if (!m.holds(r.when, ctx.learner)) continue;
    if (r.visited !== undefined && !s.visited.includes(r.visited)) return r.explain;
    if (r.decided) {
      const { stage, outcome } = r.decided;
      // A decision at a stage counts only from the learner's latest entry to that stage.
      const since = (st: string | null) => (st === null ? -Infinity : (s.lastEntered[st] ?? -Infinity));
      if (!s.decisions.some((d) => (stage === undefined || d.stage === stage) && d.at >= since(d.stage) && outcome.includes(d.outcome))) {
        return r.explain;
      }
    }
    if (r.fired !== undefined && !(s.open && s.reasons.some((f) => f.rule === r.fired))) return r.explain;
    if (r.contactRule !== undefined) {
      const rule = ctx.compiled.contactRules.get(r.contactRule)!;
      const progress = contactProgress(rule, s.contacts, anchorFor(rule, s));
      if (!progress.met) return `${r.explain} (${progress.missing})`;
    }
  }
  return undefined;
}
