/**
 * Which timer of a case falls due next: an open task going overdue, a follow-up, or an
 * inactivity trigger. The fold asks after most events (any event that resets an
 * inactivity clock), so the answer is written into a record the Folder keeps, rather
 * than made as a new object with a closure each time.
 */
import { addLondonDays, type Instant } from '../calendar/index.js';
import type { CaseState, OpenTask, PendingFollowUp } from './case-state.js';
import type { CompiledPack, CompiledTrigger } from './compile.js';

const DAY_MS = 86_400_000;

export interface NextTimer {
  /** false: the case changed since, find it again. */
  known: boolean;
  /** When it falls due; Infinity when there is none. */
  at: Instant;
  /** Which it is: at most one of the three is set. */
  task: OpenTask | undefined;
  followUp: PendingFollowUp | undefined;
  trigger: CompiledTrigger | undefined;
  /**
   * No inactivity trigger is due before this; Infinity once they are counted in `at`.
   * Their exact due instants (London calendar arithmetic) are worked out only when a fold
   * reaches this bound: the next event usually resets the clocks long before.
   */
  inactivityNotBefore: Instant;
}

export function noTimerYet(): NextTimer {
  return { known: false, at: Infinity, task: undefined, followUp: undefined, trigger: undefined, inactivityNotBefore: Infinity };
}

/**
 * The earliest pending timer, into `next`. At one instant: overdue tasks first, then
 * follow-ups, then inactivity triggers (the shorter one first, then pack order). Unless
 * `exact`, the inactivity triggers are only bounded (`inactivityNotBefore`), and the timer
 * found is the next one only up to that bound.
 */
export function findNextTimer(compiled: CompiledPack, s: CaseState, exact: boolean, next: NextTimer): void {
  let at = Infinity;
  let task: OpenTask | undefined;
  let followUp: PendingFollowUp | undefined;
  let trigger: CompiledTrigger | undefined;
  for (let i = 0; i < s.tasks.length; i++) {
    const t = s.tasks[i]!;
    if (!t.overdue && t.overdueAt < at) {
      at = t.overdueAt;
      task = t;
    }
  }
  for (let i = 0; i < s.followUps.length; i++) {
    const f = s.followUps[i]!;
    if (f.at < at) {
      at = f.at;
      task = undefined;
      followUp = f;
    }
  }
  let notBefore = Infinity;
  if (s.status === 'monitoring') {
    // Triggers come shortest first: after one unfired trigger with a given reset instant,
    // a later one with the same instant cannot be due sooner, so it is not computed.
    let offered = Number.NaN;
    const inactivity = compiled.inactivity;
    for (let i = 0; i < inactivity.length; i++) {
      const t = inactivity[i]!;
      const mem = s.triggers[t.index]!;
      if (mem.fired || mem.last === offered || t.def.kind !== 'inactivity') continue;
      offered = mem.last;
      if (!exact) {
        // `days` London days later is that many days give or take a clock change (at
        // most a few hours), so never earlier than a day less. (`days` is a whole number
        // of at least 1: the pack schema says so.)
        const bound = mem.last + (t.def.days - 1) * DAY_MS;
        if (bound < notBefore) notBefore = bound;
        continue;
      }
      const due = addLondonDays(mem.last, t.def.days);
      if (due < at) {
        at = due;
        task = undefined;
        followUp = undefined;
        trigger = t;
      }
    }
  }
  next.known = true;
  next.inactivityNotBefore = notBefore;
  next.at = at;
  next.task = task;
  next.followUp = followUp;
  next.trigger = trigger;
}
