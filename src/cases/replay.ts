/**
 * Rebuilding a case from its audit log. The log is the truth; the case document is a
 * projection. An event the policy refused when it arrived (only possible when two writers
 * raced) is skipped here too, so every rebuild agrees with every other.
 */
import type { Instant } from '../rules/calendar/index.js';
import type { CaseState } from '../rules/engine/case-state.js';
import type { Refusal } from '../rules/engine/context.js';
import { foldEvents, startCase } from '../rules/engine/engine.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { Learner, LearnerEvent } from '../rules/events/learner-event.js';
import type { Pack } from '../rules/pack/pack-schema.js';

export interface Replayed {
  readonly state: CaseState;
  readonly timeline: TimelineEntry[];
  readonly nextWakeUp: Instant | null;
  /** Logged events the policy refused (kept in the log, left out of the case), and why. */
  readonly refused: { key: string; code: Refusal['code']; message: string }[];
}

/** Folds `events` (in time order, with their log keys) and runs timers up to `now`. */
export function replay(pack: Pack, learner: Learner, events: readonly { key: string; event: LearnerEvent }[], now: Instant): Replayed {
  const start = startCase(pack, learner);
  let state = start.state;
  const timeline = [...start.timeline];
  const refused: { key: string; code: Refusal['code']; message: string }[] = [];
  for (const { key, event } of events) {
    const folded = foldEvents(pack, learner, state, [event], event.at);
    if (!folded.ok) {
      refused.push({ key, code: folded.refusal.code, message: folded.refusal.message });
      continue;
    }
    state = folded.state;
    timeline.push(...folded.timeline);
  }
  const last = foldEvents(pack, learner, state, [], Math.max(now, state.clock));
  if (!last.ok) throw new Error(`advancing a replayed case refused: ${last.refusal.message}`);
  return { state: last.state, timeline: [...timeline, ...last.timeline], nextWakeUp: last.nextWakeUp, refused };
}
