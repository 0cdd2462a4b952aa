/**
 * Recording a history quietly (`waymark import events`, or `"history": true` on
 * POST /api/events). A provider's back catalogue of events happened in the past: an alert
 * for a learner who was at risk last spring, and caught up since, helps nobody, and years
 * of them would flood the team's channel. So a history is folded exactly like live events
 * (the same checks, refusals, log and case), and then:
 *
 * - the case is run on to now, so the timers that fell due in the past fire now, quietly,
 *   instead of at the learner's next wake-up;
 * - nothing the history set off is queued for delivery;
 * - what is still current is said once, as after a new version of the policy
 *   (policy-update.ts): against the case as it stood before the history, a learner now at
 *   risk is alerted once, with every reason that holds (the card shows the rating, the
 *   stage and the next deadline), each step recommended and waiting is sent to the coach,
 *   and each open task to its owner. Rating and stage changes are on that one alert
 *   rather than posted on their own.
 *
 * Task reminders then follow from the case as usual (a task already overdue gets none).
 */
import { foldEvents, startCase } from '../rules/engine/engine.js';
import { policyUpdateEntries } from '../rules/engine/policy-update.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { Learner } from '../rules/events/learner-event.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { StoredCase } from '../store/records.js';
import { isCurrent, wakeUpAt } from './case-context.js';
import { withOutbox } from './outbox.js';

type CaseParts = Pick<StoredCase, 'policy' | 'packVersion' | 'state' | 'nextWakeUpAt' | 'outbox'>;

/** What a history's summary says: the rest is on the alert's card or in the case. */
const SAID: ReadonlySet<TimelineEntry['kind']> = new Set(['alert', 'recommend', 'task', 'agenda']);

/**
 * The case with a history folded in (`folded`), run on to `now`, its outbox that of `kept`
 * (what was waiting before) plus the summary of what is new since `before`.
 */
export function historySummary(pack: Pack, learner: Learner, before: CaseParts | null, folded: CaseParts, kept: CaseParts | null, now: number): CaseParts {
  let { state, nextWakeUpAt } = folded;
  if (now > state.clock) {
    const advanced = foldEvents(pack, learner, state, [], now);
    if (!advanced.ok) throw new Error('running timers cannot be refused');
    state = advanced.state;
    nextWakeUpAt = wakeUpAt(state, learner.nation, advanced.nextWakeUp);
  }
  const from = isCurrent(before, pack) ? before.state : startCase(pack, learner).state;
  const summary = policyUpdateEntries(from, state, state.clock).filter((e) => SAID.has(e.kind));
  return { ...folded, state, nextWakeUpAt, outbox: withOutbox(kept, learner.id, summary) };
}
