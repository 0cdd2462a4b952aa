/**
 * A case as the whole team may see it, and the learner it belongs to: what intents and
 * query answers are built from. Nothing here reads a note or a concern's category.
 */
import { compiledFor } from '../rules/engine/compile.js';
import type { CaseState } from '../rules/engine/case-state.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { LearnerRecord, StoredCase } from '../store/records.js';
import type { CaseContext } from './case-context.js';
import type { CaseSummary, Deadline, LearnerRef } from './intents.js';

/** A learner's record, their pack and their stored case (null before anything was logged). */
export interface CaseParts {
  readonly record: LearnerRecord;
  readonly pack: Pack;
  readonly stored: StoredCase | null;
}

/** `known`: the learner's record when the caller has just read it (not read again). */
export async function loadCaseParts(ctx: CaseContext, learnerId: string, known?: LearnerRecord): Promise<CaseParts | null> {
  const record = known ?? (await ctx.store.getLearner(learnerId));
  if (!record) return null;
  const pack = ctx.packFor(record.policy);
  if (!pack) throw new Error(`learner ${learnerId} names policy "${record.policy}", which is not loaded`);
  return { record, pack, stored: await ctx.store.loadCase(learnerId) };
}

/** Who holds the case: the coach who claimed it or was assigned it, else the learner's coach. */
export function caseCoach(record: LearnerRecord, state: CaseState | null | undefined): string | null {
  return state?.assignee ?? record.coach ?? null;
}

export function learnerRef(record: LearnerRecord, state: CaseState | null | undefined): LearnerRef {
  return { id: record.id, name: record.name, policy: record.policy, coach: caseCoach(record, state) };
}

export function caseSummary(pack: Pack, record: LearnerRecord, state: CaseState | null | undefined): CaseSummary {
  if (!state) return { atRisk: false, status: 'monitoring', rating: pack.ratings?.initial ?? null, stage: null, stageName: null, reasons: [], nextDeadline: null };
  const stageName = state.stage === null ? null : (compiledFor(pack, record.nation, record.programme).stages.get(state.stage)?.name ?? state.stage);
  return {
    atRisk: state.open,
    status: state.status,
    rating: state.rating,
    stage: state.stage,
    stageName,
    reasons: [...new Set(state.reasons.map((r) => r.reason))],
    nextDeadline: deadlines(state)[0] ?? null,
  };
}

/** The case's open tasks as deadlines: overdue first, then the soonest due. */
export function deadlines(state: CaseState): Deadline[] {
  return state.tasks
    .map((t) => ({ task: t.task, title: t.title, due: t.due, overdue: t.overdue }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due) || a.task.localeCompare(b.task));
}

/** A role's name in the pack's words (the id when the pack does not define it). */
export function roleName(pack: Pack, role: string): string {
  return pack.roles.find((r) => r.id === role)?.name ?? role;
}
