/**
 * Rebuilding a case from its audit log. The log is the truth; the case document is a
 * projection. An event the policy refused when it arrived (only possible when two writers
 * raced) is skipped here too, so every rebuild agrees with every other.
 */
import type { Instant } from '../rules/calendar/index.js';
import { foldLog, type FoldedLog, type LoggedStep } from '../rules/engine/fold-log.js';
import type { Learner } from '../rules/events/learner-event.js';
import type { Pack } from '../rules/pack/pack-schema.js';

/** The case, its timeline, its next wake-up, and the logged events the policy refused (kept in the log, left out of the case). */
export type Replayed = FoldedLog;

/**
 * Folds `events` (in time order, with their log keys) and runs timers up to `now`, in one
 * pass (fold-log.ts): the same as folding each event on its own and skipping the refused.
 */
export function replay(pack: Pack, learner: Learner, events: readonly LoggedStep[], now: Instant): Replayed {
  return foldLog(pack, learner, events, now);
}
