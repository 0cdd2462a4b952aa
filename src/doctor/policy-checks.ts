/**
 * The policy in use: every role a pack in use names (other than the learner, employer and
 * other outside parties) is held by at least one person in the staff directory, and every
 * learner runs under a pack this deployment loads.
 */
import { ADMIN_ROLE } from '../cases/authorization.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { StaffRecord } from '../store/records.js';
import type { LearnerActivity } from '../store/store.js';
import { count, failed, listed, passed, type Check } from './check.js';

const STAFF_FIX = 'add the people who hold these roles to the staff directory (waymark import staff <file.csv>, docs/import.md; the roles column takes the role ids)';

/** The packs in use: the one in force (WAYMARK_POLICY) and every one a stored learner names. */
export function packsInUse(defaultPolicy: string, learners: readonly LearnerActivity[], packFor: (id: string) => Pack | undefined): Pack[] {
  const ids = new Set([defaultPolicy, ...learners.map((l) => l.learner.policy)]);
  return [...ids].flatMap((id) => packFor(id) ?? []);
}

export function rolesStaffedChecks(packs: readonly Pack[], staff: readonly StaffRecord[]): Check[] {
  const held = new Set(staff.flatMap((s) => s.roles));
  const perPack = packs.map((pack) => {
    const name = `roles staffed (${pack.id})`;
    const roles = pack.roles.filter((r) => !r.external);
    const empty = roles.filter((r) => !held.has(r.id));
    return empty.length === 0
      ? passed(name, `each of the ${count(roles.length, 'role')} is held by someone`)
      : failed(name, `nobody in the staff directory holds ${listed(empty.map((r) => `${r.id} (${r.name})`), 20)}`, STAFF_FIX);
  });
  const admins = staff.filter((s) => s.roles.includes(ADMIN_ROLE));
  const admin =
    admins.length > 0
      ? passed('admin', `${listed(admins.map((s) => s.id))} may bind channels and see setup`)
      : failed('admin', `nobody in the staff directory holds the ${ADMIN_ROLE} role: nobody can bind the alert and SMT channels`, `give someone the ${ADMIN_ROLE} role in the staff directory (waymark import staff, docs/import.md)`);
  return [...perPack, admin];
}

export function learnerPoliciesCheck(learners: readonly LearnerActivity[], packFor: (id: string) => Pack | undefined): Check {
  const unknown = learners.filter((l) => packFor(l.learner.policy) === undefined);
  if (unknown.length === 0) return passed("learners' policies", `every learner's policy is loaded (${count(learners.length, 'learner')})`);
  return failed(
    "learners' policies",
    `${count(unknown.length, 'learner')} under a policy this deployment does not load: ${listed(unknown.map((l) => `${l.learner.id} (${l.learner.policy})`))}`,
    'load their pack (WAYMARK_PACKS) or correct their policy column (waymark import learners)',
  );
}
