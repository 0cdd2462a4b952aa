/**
 * Who is who for a learner: the people holding a pack role for them, and managers. The
 * coach role means the coach holding the learner's case; any other role means everyone
 * the staff directory lists with it.
 */
import type { CaseState } from '../rules/engine/case-state.js';
import type { LearnerRecord, StaffRecord } from '../store/records.js';
import type { CaseContext } from './case-context.js';
import { caseCoach } from './case-summary.js';

export const COACH_ROLE = 'coach';

export async function holdersOf(ctx: CaseContext, role: string, record: LearnerRecord, state: CaseState | null | undefined): Promise<string[]> {
  if (role === COACH_ROLE) {
    const coach = caseCoach(record, state);
    return coach === null ? [] : [coach];
  }
  return (await ctx.store.staffWithRole(role)).map((s) => s.id);
}

/**
 * Who is asked to decide a proposal: everyone holding the approving role, except the
 * proposer. When the role is coach (a stage the coach runs), that means the coaches who
 * cover the case's coach: nobody approves their own proposal.
 */
export async function approversOf(ctx: CaseContext, role: string, record: LearnerRecord, state: CaseState | null | undefined, proposer: string): Promise<string[]> {
  const coach = caseCoach(record, state);
  const holders = await ctx.store.staffWithRole(role);
  const able = role === COACH_ROLE ? holders.filter((s) => s.id === coach || (coach !== null && s.covers?.includes(coach))) : holders;
  return able.map((s) => s.id).filter((id) => id !== proposer);
}

/** `ids` with each person's manager added (for overdue tasks), without repeats. */
export async function withManagers(ctx: CaseContext, ids: readonly string[]): Promise<string[]> {
  const out = [...ids];
  for (const id of ids) {
    const manager = (await ctx.store.getStaff(id))?.manager;
    if (manager && !out.includes(manager)) out.push(manager);
  }
  return out;
}

/** A staff member's name, or their id when the directory does not know them. */
export async function staffName(ctx: CaseContext, id: string): Promise<string> {
  return (await ctx.store.getStaff(id))?.name ?? id;
}

export function holds(staff: StaffRecord, role: string): boolean {
  return staff.roles.includes(role);
}
