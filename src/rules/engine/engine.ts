/**
 * The policy engine's public face: (pack, learner, events, now) -> case state, timeline
 * and the next instant a timer could change anything. Pure and deterministic: `now` is
 * an argument, nothing is read from outside, and the same input gives the same output.
 */
import { londonMidnight, type Instant } from '../calendar/index.js';
import type { Learner, LearnerEvent } from '../events/learner-event.js';
import type { Pack } from '../pack/pack-schema.js';
import { cloneState, initialState, type CaseState } from './case-state.js';
import { compiledFor, type CompiledPack } from './compile.js';
import type { Refusal } from './context.js';
import { Folder } from './folder.js';
import type { TimelineEntry } from './timeline.js';

export interface Evaluation {
  readonly state: CaseState;
  readonly timeline: TimelineEntry[];
  /** The earliest future instant at which a timer could change the case; null if none. */
  readonly nextWakeUp: Instant | null;
}

export type EvaluationResult =
  | ({ readonly ok: true } & Evaluation)
  | { readonly ok: false; readonly refusal: Refusal; /** Index into the events given. */ readonly index: number };

/** A new case for a learner: the enrolment rating, if the pack rates learners. */
export function startCase(pack: Pack, learner: Learner): Evaluation {
  const compiled = compiledFor(pack, learner.nation, learner.programme);
  const { state, timeline } = newCase(compiled, learner);
  return { state, timeline, nextWakeUp: wakeUp(compiled, learner, state) };
}

function newCase(compiled: CompiledPack, learner: Learner): { state: CaseState; timeline: TimelineEntry[] } {
  const state = initialState(compiled, learner);
  const timeline: TimelineEntry[] = [];
  if (state.rating !== null) timeline.push({ at: londonMidnight(learner.startDay), kind: 'rating', from: null, to: state.rating });
  return { state, timeline };
}

/**
 * Folds events (already in time order) onto a stored state and runs timers up to `now`
 * (inclusive). The stored state is not changed. Cost is proportional to the new events,
 * never to the learner's history.
 */
export function foldEvents(
  pack: Pack,
  learner: Learner,
  stored: CaseState,
  events: readonly LearnerEvent[],
  now: Instant,
): EvaluationResult {
  return foldOnto(compiledFor(pack, learner.nation, learner.programme), learner, cloneState(stored), events, now);
}

/** Folds onto `state` itself (the callers own it), appending to `timeline`. */
function foldOnto(
  compiled: CompiledPack,
  learner: Learner,
  state: CaseState,
  events: readonly LearnerEvent[],
  now: Instant,
  timeline: TimelineEntry[] = [],
): EvaluationResult {
  const folder = new Folder(compiled, learner, state, timeline);
  for (let i = 0; i < events.length; i++) {
    const refusal = folder.apply(events[i]!);
    if (refusal) return { ok: false, refusal, index: i };
  }
  folder.advance(now, true);
  return { ok: true, state, timeline, nextWakeUp: folder.nextTimerAt() };
}

/**
 * The whole history at once: events may be unsorted (ordered by `at`, ties kept in the
 * order given) and may repeat an `id` (the later copies are ignored).
 */
export function evaluate(pack: Pack, learner: Learner, events: readonly LearnerEvent[], now: Instant): EvaluationResult {
  const compiled = compiledFor(pack, learner.nation, learner.programme);
  const { state, timeline } = newCase(compiled, learner);
  if (inOrderWithoutIds(events)) return foldOnto(compiled, learner, state, events, now, timeline);
  const order = inTimeOrder(events);
  const result = foldOnto(compiled, learner, state, order.map((i) => events[i]!), now, timeline);
  return result.ok ? result : { ...result, index: order[result.index]! };
}

/** Already sorted with no idempotency keys: nothing to reorder or drop. */
function inOrderWithoutIds(events: readonly LearnerEvent[]): boolean {
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.id !== undefined || (i > 0 && events[i]!.at < events[i - 1]!.at)) return false;
  }
  return true;
}

/** Indices of the events to fold: first copy of each id only, stably sorted by `at`. */
export function inTimeOrder(events: readonly LearnerEvent[]): number[] {
  const seen = new Set<string>();
  const keep: number[] = [];
  events.forEach((e, i) => {
    if (e.id !== undefined) {
      if (seen.has(e.id)) return;
      seen.add(e.id);
    }
    keep.push(i);
  });
  return keep.sort((a, b) => events[a]!.at - events[b]!.at || a - b);
}

export function nextWakeUp(pack: Pack, learner: Learner, state: CaseState): Instant | null {
  return wakeUp(compiledFor(pack, learner.nation, learner.programme), learner, state);
}

function wakeUp(compiled: CompiledPack, learner: Learner, state: CaseState): Instant | null {
  return new Folder(compiled, learner, state, []).nextTimerAt();
}
