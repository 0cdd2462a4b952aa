/**
 * The steps a person may propose for a case, and which role must approve each: entering a
 * stage (approved by the stage's `approvedBy`) or deciding an outcome (by the current
 * stage's `decidedBy`, else the outcome's own `decidedBy`, else the role a pending
 * recommendation names; an `outsideStages` outcome skips the stage's). A step with no
 * approving role is taken at once.
 */
import type { CaseState, StepRef } from './case-state.js';
import type { CompiledPack } from './compile.js';

export type { StepRef } from './case-state.js';

export type Step = StepRef & {
  /** In the policy's words: the stage's name or the outcome's label. */
  readonly label: string;
  /** The role whose approval it needs; null: whoever may act on the case takes it. */
  readonly approver: string | null;
};

/**
 * The steps the pack allows from where the case stands, in pack order: stages whose entry
 * may follow the current one, then the outcomes the current stage allows (all outcomes
 * allowed here when not at a stage, once the learner is on the register). Entry and
 * outcome requirements are checked when the step is proposed or taken.
 */
export function availableSteps(compiled: CompiledPack, state: CaseState): Step[] {
  if (state.status === 'withdrawn') return [];
  const steps: Step[] = [];
  for (const stage of compiled.stages.values()) {
    if (stage.id === state.stage) continue;
    if (stage.entry.from && !stage.entry.from.includes(state.stage)) continue;
    steps.push({ stage: stage.id, label: stage.name, approver: stage.approvedBy ?? null });
  }
  const current = state.stage === null ? undefined : compiled.stages.get(state.stage);
  if (!state.open && !current) return steps;
  for (const outcome of compiled.outcomes.values()) {
    if (current && !outcome.outsideStages && current.outcomes.length > 0 && !current.outcomes.includes(outcome.id)) continue;
    if (outcome.onlyAt && !outcome.onlyAt.includes(state.stage as string)) continue;
    steps.push({ outcome: outcome.id, label: outcome.label, approver: stepApprover(compiled, state, { outcome: outcome.id }) });
  }
  return steps;
}

/** The role that must approve `step` for this case; null when it needs no approval. */
export function stepApprover(compiled: CompiledPack, state: CaseState, step: StepRef): string | null {
  if (step.stage !== undefined) return compiled.stages.get(step.stage)?.approvedBy ?? null;
  const outcome = compiled.outcomes.get(step.outcome);
  const current = state.stage === null || outcome?.outsideStages ? undefined : compiled.stages.get(state.stage);
  if (current?.decidedBy) return current.decidedBy;
  if (outcome?.decidedBy) return outcome.decidedBy;
  const recommended = state.pending.find((p) => p.action === step.outcome && p.approver !== undefined);
  return recommended?.approver ?? null;
}

/** How a step is named in messages ("enter stage-3", "decide break-in-learning"). */
export function describeStep(step: StepRef): string {
  return step.stage !== undefined ? `enter ${step.stage}` : `decide "${step.outcome}"`;
}
