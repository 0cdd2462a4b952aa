/**
 * The staff directory against the chat platforms and the learners: each person linked to
 * a user on each platform that is set up (or they are never told anything there), and
 * each learner's coach in the directory (or nobody gets their alerts and tasks).
 */
import type { StaffRecord } from '../store/records.js';
import type { LearnerActivity } from '../store/store.js';
import { count, failed, listed, passed, type Check } from './check.js';

const PLATFORMS = {
  slack: { label: 'Slack', field: 'slackUserId', fix: 'give them their Slack member id (slackUserId column of waymark import staff; docs/import.md)' },
  teams: { label: 'Teams', field: 'teamsUserId', fix: 'give them their Entra object id (teamsUserId column of waymark import staff; docs/import.md)' },
} as const;

export function staffLinkedCheck(platform: keyof typeof PLATFORMS, staff: readonly StaffRecord[]): Check {
  const { label, field, fix } = PLATFORMS[platform];
  const name = `staff linked on ${label}`;
  if (staff.length === 0) return failed(name, 'the staff directory is empty', 'load the staff directory: waymark import staff <file.csv> (docs/import.md)');
  const unlinked = staff.filter((s) => !s[field]);
  if (unlinked.length === 0) return passed(name, `all ${count(staff.length, 'member')} of staff`);
  return failed(name, `${unlinked.length} of ${count(staff.length, 'member')} of staff not linked: ${listed(unlinked.map((s) => s.id))}`, fix);
}

export function coachesCheck(learners: readonly LearnerActivity[], staff: readonly StaffRecord[]): Check {
  const known = new Set(staff.map((s) => s.id));
  const strays = learners.filter((l) => l.learner.coach !== undefined && !known.has(l.learner.coach));
  if (strays.length === 0) return passed("learners' coaches", `every learner's coach is in the staff directory (${count(learners.length, 'learner')})`);
  return failed(
    "learners' coaches",
    `${count(strays.length, 'learner')} whose coach is not in the staff directory: ${listed(strays.map((l) => `${l.learner.id} (${l.learner.coach})`))}`,
    'add those coaches to the staff directory (waymark import staff), or correct the learners\' coach column (waymark import learners)',
  );
}
