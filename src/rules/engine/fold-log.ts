/**
 * Folding a logged history in one pass: the events (in time order, each with its log key)
 * and then timers up to `now`. A logged event the policy refuses is skipped, exactly as if
 * it were not in the log, and reported with its key. This is what rebuilding a case from
 * its audit log and backtesting a pack against the log both need.
 *
 * Same result as folding the events one at a time with `foldEvents` (each with `now` = its
 * own instant) and dropping the refused ones, but one state is folded in place: only an
 * event that may be refused (a staff step) is preceded by a copy to go back to. Cost is
 * proportional to the events, as for `evaluate`.
 */
import type { Instant } from '../calendar/index.js';
import type { EventType } from '../events/event-schema.js';
import type { Learner, LearnerEvent } from '../events/learner-event.js';
import type { Pack } from '../pack/pack-schema.js';
import { cloneState, type CaseState, type FiredRule } from './case-state.js';
import { compiledFor } from './compile.js';
import type { Refusal } from './context.js';
import { startCase } from './engine.js';
import { Folder } from './folder.js';
import type { TimelineEntry } from './timeline.js';

export interface LoggedStep {
  readonly key: string;
  readonly event: LearnerEvent;
}

export interface RefusedStep {
  readonly key: string;
  readonly code: Refusal['code'];
  readonly message: string;
}

export interface FoldedLog {
  readonly state: CaseState;
  readonly timeline: TimelineEntry[];
  /** The earliest future instant at which a timer could change the case; null if none. */
  readonly nextWakeUp: Instant | null;
  /** Logged events the policy refused (left out of the case), and why. */
  readonly refused: RefusedStep[];
  /** Every rule that fired, in order, over the whole history (the state keeps only the current case's). */
  readonly fired: FiredRule[];
}

/**
 * Facts about the learner, which the fold never refuses unless they are out of time order
 * (and that check comes before anything changes). Every other type is a staff step a
 * policy may refuse, so the state is copied before it; a type added later is copied too.
 */
const NEVER_REFUSED: ReadonlySet<EventType> = new Set<EventType>([
  'session.attended',
  'session.missed',
  'visit.attended',
  'visit.missed',
  'visit.cancelled',
  'submission.made',
  'submission.missed',
  'progress',
  'activity',
  'work.absence',
  'employment.ended',
  'concern.raised',
  'contact',
  'review.held',
  'plan.agreed',
]);

export function foldLog(pack: Pack, learner: Learner, log: readonly LoggedStep[], now: Instant): FoldedLog {
  const compiled = compiledFor(pack, learner.nation, learner.programme);
  const start = startCase(pack, learner);
  const timeline = [...start.timeline];
  const refused: RefusedStep[] = [];
  const fired = new FiredRules(start.state);
  let state = start.state;
  let folder = new Folder(compiled, learner, state, timeline);
  for (const { key, event } of log) {
    const undo = NEVER_REFUSED.has(event.type) ? undefined : { state: cloneState(state), entries: timeline.length, fired: fired.all.length };
    // Timers due before the event fire first, as a fold of this event alone fires them
    // (an event older than the case is refused below before anything changes).
    if (event.at >= state.clock && event.at >= state.lastEventAt) {
      folder.advance(event.at, false);
      fired.collect(state);
    }
    const refusal = folder.apply(event);
    if (refusal) {
      refused.push({ key, code: refusal.code, message: refusal.message });
      if (undo) {
        // As if the event were not logged: the timers fired for it fire again before the next one.
        state = undo.state;
        timeline.length = undo.entries;
        folder = new Folder(compiled, learner, state, timeline);
        fired.restart(state, undo.fired);
      }
      continue;
    }
    fired.collect(state);
    folder.advance(event.at, true);
    fired.collect(state);
  }
  folder.advance(Math.max(now, state.clock), true);
  fired.collect(state);
  return { state, timeline, nextWakeUp: folder.nextTimerAt(), refused, fired: fired.all };
}

/**
 * Gathers the rules that fire from `state.reasons`, which a rule firing appends to and a
 * case opening replaces with a fresh list. Collected after each timer run and each event:
 * within one of those, rules fire only after any staff step and nothing closes a case, so
 * the list is replaced at most once after a rule was appended, and what was appended to
 * the old list is still in it.
 */
class FiredRules {
  readonly all: FiredRule[] = [];
  private list: FiredRule[];
  private seen: number;

  constructor(state: CaseState) {
    this.list = state.reasons;
    this.seen = state.reasons.length;
  }

  collect(state: CaseState): void {
    for (let i = this.seen; i < this.list.length; i++) this.all.push(this.list[i]!);
    this.seen = this.list.length;
    if (state.reasons === this.list) return;
    this.list = state.reasons;
    this.seen = 0;
    this.collect(state);
  }

  /** The state was put back to a copy taken when `count` rules had fired: later ones are dropped. */
  restart(state: CaseState, count: number): void {
    this.all.length = count;
    this.list = state.reasons;
    this.seen = state.reasons.length;
  }
}
