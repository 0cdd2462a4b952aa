/**
 * Who may do what, from the staff directory and the pack's roles. Every check answers
 * null (allowed) or a refusal: a stable code for programs and a sentence for people.
 *
 * - A coach acts on the cases they hold and those of the coaches they cover; anyone
 *   holding another of the pack's roles (leads, managers, the SMT, safeguarding) acts on
 *   any case under that pack.
 * - Only the role the pack names approves, rejects or questions a step, and never the
 *   person who proposed it.
 * - Only a meeting's role records that meeting's decisions (the SMT for its review).
 * - Only managers assign a case to someone else; a coach may claim a case for themself.
 */
import type { Proposal } from '../rules/engine/case-state.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { StaffRecord } from '../store/records.js';
import { caseCoach, roleName, type CaseParts } from './case-summary.js';
import { COACH_ROLE, holds } from './staff-directory.js';

export type RefusalCode =
  | 'invalid-input'
  | 'unknown-staff'
  | 'unknown-learner'
  | 'no-role'
  | 'not-on-caseload'
  | 'managers-only'
  | 'not-the-approver'
  | 'own-proposal'
  | 'already-decided'
  | 'not-a-member'
  | 'admins-only'
  /** The policy forbids it now; `policyCode` gives the engine's reason. */
  | 'refused-by-policy';

export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
  /** For 'refused-by-policy': the engine's stable code (forbidden-transition, ...). */
  readonly policyCode?: string;
}

export const refuse = (code: RefusalCode, message: string): Refusal => ({ code, message });

/** The pack roles (people inside the provider) a staff member holds. */
export function rolesUnder(pack: Pack, staff: StaffRecord): string[] {
  return pack.roles.filter((r) => !r.external && holds(staff, r.id)).map((r) => r.id);
}

/** Holds a role of the pack other than coach: may act on any of its cases. */
export function oversees(pack: Pack, staff: StaffRecord): boolean {
  return rolesUnder(pack, staff).some((r) => r !== COACH_ROLE);
}

export function mayActOn(staff: StaffRecord, parts: CaseParts): Refusal | null {
  const { pack, record } = parts;
  const roles = rolesUnder(pack, staff);
  if (roles.length === 0) return refuse('no-role', `You hold no role under ${pack.name}, so you cannot act on ${record.name}'s case.`);
  if (oversees(pack, staff)) return null;
  const coach = caseCoach(record, parts.stored?.state);
  if (coach === staff.id || (coach !== null && staff.covers?.includes(coach))) return null;
  const holder = coach === null ? 'no coach yet: claim the case first' : `their coach is ${coach}`;
  return refuse('not-on-caseload', `${record.name} is not on your caseload (${holder}).`);
}

/** Whether a staff member holds a role of this pack that may see restricted details. */
export function seesRestricted(pack: Pack, staff: StaffRecord): boolean {
  return pack.roles.some((r) => r.seesRestricted && staff.roles.includes(r.id));
}

/**
 * Seeing a case in full (the case view, a chronology): a role that sees restricted details
 * sees any case under its pack; anyone else, the cases they may act on.
 */
export function mayViewCase(staff: StaffRecord, parts: CaseParts): Refusal | null {
  return seesRestricted(parts.pack, staff) ? null : mayActOn(staff, parts);
}

/** Claiming: a coach takes a case that has no coach, is theirs, or belongs to a coach they cover. */
export function mayClaim(staff: StaffRecord, parts: CaseParts): Refusal | null {
  if (oversees(parts.pack, staff)) return null;
  if (!holds(staff, COACH_ROLE)) return refuse('no-role', `Only a ${roleName(parts.pack, COACH_ROLE)} can claim a case.`);
  if (caseCoach(parts.record, parts.stored?.state) === null) return null;
  const acts = mayActOn(staff, parts);
  return acts === null ? null : refuse('not-on-caseload', `${acts.message} Ask a manager to assign it to you.`);
}

export function mayAssign(staff: StaffRecord, parts: CaseParts, to: StaffRecord | null, toId: string): Refusal | null {
  if (!oversees(parts.pack, staff)) {
    return refuse('managers-only', 'Only a manager can assign a case to someone else; you can claim a case for yourself.');
  }
  if (!to) return refuse('unknown-staff', `There is no "${toId}" in the staff directory.`);
  if (!holds(to, COACH_ROLE)) return refuse('invalid-input', `${to.name} is not a ${roleName(parts.pack, COACH_ROLE)}, so cannot hold a case.`);
  return null;
}

export function mayDecide(staff: StaffRecord, parts: CaseParts, proposal: Proposal, label: string): Refusal | null {
  const { pack, record } = parts;
  if (proposal.approver === null || !holds(staff, proposal.approver)) {
    const who = proposal.approver === null ? 'nobody' : withArticle(roleName(pack, proposal.approver));
    return refuse('not-the-approver', `Only ${who} can approve "${label}" for ${record.name}.`);
  }
  if (proposal.by === staff.id) return refuse('own-proposal', `You proposed "${label}", so someone else must decide it.`);
  return mayActOn(staff, parts);
}

export function mayRecordMeetingDecision(staff: StaffRecord, pack: Pack, meetingId: string): Refusal | null {
  const meeting = pack.meetings.find((m) => m.id === meetingId);
  if (!meeting) {
    const known = pack.meetings.map((m) => m.id).join(', ') || 'none';
    return refuse('invalid-input', `${pack.name} has no meeting "${meetingId}" (its meetings: ${known}).`);
  }
  if (holds(staff, meeting.role)) return null;
  return refuse('not-a-member', `Only ${withArticle(roleName(pack, meeting.role))} can record the decisions of the ${meeting.name}.`);
}

/** Staff with this role install and configure Waymark (bind chat channels, ...). */
export const ADMIN_ROLE = 'admin';

export function mayAdminister(staff: StaffRecord): Refusal | null {
  return holds(staff, ADMIN_ROLE) ? null : refuse('admins-only', `Only a Waymark admin (role "${ADMIN_ROLE}" in the staff directory) can do this; ask one to run it here.`);
}

/** "a Performance Manager", "an Admin", "the Directors", "the Senior Management Team". */
export function withArticle(name: string): string {
  if (/^the /i.test(name)) return name;
  const head = name.split(' (')[0]!;
  const last = head.split(' ').at(-1)!.toLowerCase();
  if (last.endsWith('s') || last === 'team') return `the ${name}`;
  return /^[aeiou]/i.test(name) ? `an ${name}` : `a ${name}`;
}
