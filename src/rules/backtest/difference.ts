/**
 * Backtesting a candidate pack: one learner's logged history replayed under the pack in
 * force ("against") and under the candidate, with the same `now`, and what would differ
 * (outcome.ts says what is compared). Pure: packs, learner and log in, a small record out
 * that lists only what differs, or null when the outcome is the same.
 */
import type { Instant } from '../calendar/index.js';
import { foldLog, type LoggedStep } from '../engine/fold-log.js';
import type { Learner } from '../events/learner-event.js';
import type { Pack } from '../pack/pack-schema.js';
import { outcomeOf, type Item, type LearnerOutcome } from './outcome.js';

export interface Sides<T> {
  readonly against: T;
  readonly candidate: T;
}

/** Items one side has and the other lacks (as many times as it has more of them). */
export interface OnlyIn {
  readonly onlyAgainst: string[];
  readonly onlyCandidate: string[];
}

/** What would differ for one learner; a field is present only when that part differs. */
export interface LearnerDifference {
  readonly learnerId: string;
  readonly atRisk?: Sides<boolean>;
  readonly rating?: Sides<string | null>;
  readonly ratingChanges?: Sides<readonly string[]>;
  readonly alerts?: OnlyIn;
  readonly recommendations?: OnlyIn;
  readonly stages?: Sides<readonly string[]>;
  readonly refused?: OnlyIn;
  readonly tasks?: OnlyIn;
}

/** The parts a difference may name, in the order they are listed. */
export const DIFFERENCE_PARTS = ['atRisk', 'rating', 'ratingChanges', 'alerts', 'recommendations', 'stages', 'refused', 'tasks'] as const;
export type DifferencePart = (typeof DIFFERENCE_PARTS)[number];

/** Replays the learner's log under both packs up to `now` and compares the outcomes. */
export function backtestLearner(candidate: Pack, against: Pack, learner: Learner, log: readonly LoggedStep[], now: Instant): LearnerDifference | null {
  const before = outcomeOf(foldLog(against, learner, log, now));
  const after = outcomeOf(foldLog(candidate, learner, log, now));
  return compareOutcomes(learner.id, before, after);
}

export function compareOutcomes(learnerId: string, against: LearnerOutcome, candidate: LearnerOutcome): LearnerDifference | null {
  const parts: { -readonly [P in DifferencePart]?: LearnerDifference[P] } = {};
  if (against.atRisk !== candidate.atRisk) parts.atRisk = { against: against.atRisk, candidate: candidate.atRisk };
  if (against.rating !== candidate.rating) parts.rating = { against: against.rating, candidate: candidate.rating };
  if (!sameList(against.ratingChanges, candidate.ratingChanges)) parts.ratingChanges = { against: against.ratingChanges, candidate: candidate.ratingChanges };
  parts.alerts = onlyIn(against.alerts, candidate.alerts);
  parts.recommendations = onlyIn(against.recommendations, candidate.recommendations);
  if (!sameList(against.stages, candidate.stages)) parts.stages = { against: against.stages, candidate: candidate.stages };
  parts.refused = onlyIn(against.refused, candidate.refused);
  parts.tasks = onlyIn(against.tasks, candidate.tasks);
  const differing = DIFFERENCE_PARTS.filter((part) => parts[part] !== undefined);
  if (differing.length === 0) return null;
  return Object.fromEntries([['learnerId', learnerId], ...differing.map((part) => [part, parts[part]])]) as unknown as LearnerDifference;
}

/** How many learners differ in each part. */
export function countByPart(differences: readonly LearnerDifference[]): Record<DifferencePart, number> {
  const counts = Object.fromEntries(DIFFERENCE_PARTS.map((part) => [part, 0])) as Record<DifferencePart, number>;
  for (const difference of differences) for (const part of DIFFERENCE_PARTS) if (difference[part] !== undefined) counts[part]++;
  return counts;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The multiset difference both ways, by key; undefined when both sides have the same items. */
function onlyIn(against: readonly Item[], candidate: readonly Item[]): OnlyIn | undefined {
  const unmatched = new Map<string, number>();
  for (const item of candidate) unmatched.set(item.key, (unmatched.get(item.key) ?? 0) + 1);
  const onlyAgainst: string[] = [];
  for (const item of against) {
    const left = unmatched.get(item.key) ?? 0;
    if (left > 0) unmatched.set(item.key, left - 1);
    else onlyAgainst.push(item.label);
  }
  const onlyCandidate: string[] = [];
  for (const item of candidate) {
    const left = unmatched.get(item.key) ?? 0;
    if (left === 0) continue;
    onlyCandidate.push(item.label);
    unmatched.set(item.key, left - 1);
  }
  return onlyAgainst.length === 0 && onlyCandidate.length === 0 ? undefined : { onlyAgainst, onlyCandidate };
}
