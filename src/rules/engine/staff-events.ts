/**
 * Steps people take: entering a stage, deciding an outcome, lodging an appeal. Each is
 * checked against what the written policy requires before anything changes; a step the
 * policy forbids is refused as a value and leaves the case untouched.
 */
import { formatDay, londonDay } from '../calendar/index.js';
import type { LearnerEvent } from '../events/learner-event.js';
import type { FoldContext, Refusal } from './context.js';
import { runEffects, setTask } from './effects.js';
import { closeCase, lapseProposals, leaveStage, openCase, resumeMonitoring, settlePending } from './lifecycle.js';
import type { Moment } from './moment.js';
import { unmetRequirement } from './requirements.js';
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
  runEffects(ctx, stage.onEnter, { rule: `stage:${id}`, reason: `${stage.name} (stage entered)`, source: stage.source, stage: id }, m);
  return undefined;
}

/** Decides an outcome: a `decision` event, or (`proposed`) an approved proposal, whose reason was checked when it was made. */
export function decide(ctx: FoldContext, e: LearnerEvent, m: Moment, proposed = false): Refusal | undefined {
  const { compiled, state: s } = ctx;
  const outcome = compiled.outcomes.get(e.outcome!);
  if (!outcome) {
    return {
      code: 'unknown-outcome',
      message: `outcome "${e.outcome}" is not an outcome of ${compiled.pack.id} (its outcomes: ${[...compiled.outcomes.keys()].join(', ')})`,
    };
  }
  if (s.status === 'withdrawn') return withdrawn(ctx);
  if (!proposed) {
    const unexplained = reasonMissing(ctx, e, 'in the decision\'s note');
    if (unexplained) return unexplained;
  }
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
  if (window.lodgedAt !== undefined) {
    return { code: 'appeal-not-allowed', message: `an appeal against "${window.outcome}" was already lodged on ${formatDay(londonDay(window.lodgedAt))}` };
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
  s.appeals[s.appeals.length - 1] = { ...window, lodgedAt: m.at };
  m.push({ at: m.at, kind: 'notify', role: appeal.heardBy, reason: `the ${who} appealed against "${window.outcome}"${appeal.final ? '; the appeal decision is final' : ''}` });
  if (appeal.decideWithin) {
    setTask(ctx, { id: 'decide-appeal', title: `Decide the appeal against "${window.outcome}"`, role: appeal.heardBy, due: appeal.decideWithin }, null, m);
  }
  return undefined;
}

/**
 * Records the result of the appeal waiting for one. Whoever heard it and the roles the
 * pack names are told. An upheld appeal reverses the decision: a learner it withdrew or
 * paused is monitored again, back on the register so their coach re-engages them.
 */
export function decideAppeal(ctx: FoldContext, e: LearnerEvent, m: Moment): Refusal | undefined {
  const { compiled, state: s } = ctx;
  const index = s.appeals.findLastIndex((a) => a.lodgedAt !== undefined && a.result === undefined);
  const window = s.appeals[index];
  if (!window) return { code: 'no-appeal-lodged', message: `no appeal lodged in time is waiting for a decision under ${compiled.pack.id}` };
  const appeal = compiled.appeals.find((a) => a.id === window.appeal)!;
  const outcome = compiled.outcomes.get(window.outcome)!;
  const result = e.result!;
  s.appeals[index] = { ...window, result };
  const before = s.tasks.length;
  s.tasks = s.tasks.filter((t) => t.task !== 'decide-appeal');
  if (s.tasks.length !== before) ctx.timersChanged();
  const final = appeal.final ? '; the decision is final' : '';
  const reason =
    result === 'upheld'
      ? `the appeal against "${outcome.label}" was upheld: the decision is reversed${final}`
      : `the appeal against "${outcome.label}" was dismissed: the decision stands${final}`;
  for (const role of new Set([appeal.heardBy, ...appeal.tellOutcome])) m.push({ at: m.at, kind: 'notify', role, reason });
  if (result === 'upheld' && outcome.ends !== undefined && s.status === outcome.ends) {
    resumeMonitoring(ctx, m.at);
    const back = `the appeal against "${outcome.label}" was upheld`;
    m.alert(back);
    openCase(ctx, m, back);
    s.reasons.push({ rule: `appeal:${appeal.id}`, reason: back, at: m.at, source: appeal.source });
  }
  return undefined;
}

/** The refusal of an outcome that must say why (`needsReason`) when no reason was given. */
export function reasonMissing(ctx: FoldContext, e: LearnerEvent, where: string): Refusal | undefined {
  const outcome = ctx.compiled.outcomes.get(e.outcome!);
  if (!outcome?.needsReason || e.note !== undefined) return undefined;
  return { code: 'reason-required', message: `"${outcome.id}" must say why under ${ctx.compiled.pack.id}: give the reason ${where}` };
}

function withdrawn(ctx: FoldContext): Refusal {
  return { code: 'learner-withdrawn', message: `the learner was withdrawn under ${ctx.compiled.pack.id}; no further stages or decisions apply` };
}
