/**
 * The at-risk register week by week, for the charts. Pure: the learner's log, the pack and
 * the weeks go in, counts come out; nothing reads the store or the clock.
 *
 * A learner counts in a week when they are on the register at the week's reading (its last
 * moment, Sunday 23:59:59.999 UK time; for the week still running, the moment asked about):
 * someone who joins on a Wednesday and leaves the next Tuesday counts in one week, the one
 * whose Sunday they were on it over. Their stage is the one they are at then, and their
 * reason the rule that put them on the register (the first reason of that case).
 *
 * Why the log is replayed rather than the stored case read: a case state keeps only the
 * current case (openedAt, the last closedAt, this case's reasons, proposals and agenda), so
 * a learner who left the register and came back, or a stage left since, is not in it. The
 * log is the truth and the engine is pure, so the case is folded through the weeks as a
 * rebuild would fold it (events one at a time, a refused one skipped, timers run up to each
 * reading) and read at each week's end. Decisions come from the same fold's timeline.
 */
import type { Instant } from '../rules/calendar/index.js';
import type { CaseState } from '../rules/engine/case-state.js';
import { foldEvents, startCase } from '../rules/engine/engine.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { Verdict } from '../rules/events/event-schema.js';
import type { Learner, LearnerEvent } from '../rules/events/learner-event.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import { weekIndexOf, type Week } from './london-weeks.js';

/** Where a learner stands on the register at one moment; null: not on it. */
export type RegisterPlace = { readonly stage: string | null; readonly reason: string | null } | null;

/** A meeting's decision on an agenda item, or a decider's verdict on a proposal. */
export type DecisionKind = 'meeting' | Verdict;

export interface Decision {
  readonly at: Instant;
  readonly kind: DecisionKind;
}

export interface LearnerWeeks {
  /** Where the learner stood at each week's reading, one per week. */
  readonly places: readonly RegisterPlace[];
  /** Every decision on their case up to the last week's reading, oldest first. */
  readonly decisions: readonly Decision[];
  /** The case as at the last week's reading. */
  readonly state: CaseState;
}

/** Folds the learner's log (in time order) through `weeks` and reads the register at each week's end. */
export function learnerWeeks(pack: Pack, learner: Learner, log: readonly LearnerEvent[], weeks: readonly Week[]): LearnerWeeks {
  let state = startCase(pack, learner).state;
  const decisions: Decision[] = [];
  const places: RegisterPlace[] = [];
  const fold = (events: readonly LearnerEvent[], now: Instant) => {
    const result = foldEvents(pack, learner, state, events, now);
    // A refused event is left out, as a rebuild of the case leaves it out.
    if (!result.ok) return;
    state = result.state;
    decisions.push(...decisionsIn(result.timeline));
  };
  let next = 0;
  for (const week of weeks) {
    for (; next < log.length && log[next]!.at <= week.countedAt; next++) fold([log[next]!], log[next]!.at);
    fold([], week.countedAt);
    places.push(placeOf(state));
  }
  return { places, decisions, state };
}

export function placeOf(state: CaseState): RegisterPlace {
  return state.open ? { stage: state.stage, reason: state.reasons[0]?.reason ?? null } : null;
}

/** The decisions a stretch of timeline records. */
export function decisionsIn(timeline: readonly TimelineEntry[]): Decision[] {
  const out: Decision[] = [];
  for (const e of timeline) {
    if (e.kind === 'decided') out.push({ at: e.at, kind: e.verdict });
    else if (e.kind === 'agenda-decided') out.push({ at: e.at, kind: 'meeting' });
  }
  return out;
}

export interface RegisterWeek {
  readonly week: Week;
  readonly total: number;
  /** Learners per stage id (null: on the register at no stage). */
  readonly byStage: ReadonlyMap<string | null, number>;
  /** Learners per reason that put them on the register (null: none recorded, e.g. a stage entered by staff). */
  readonly byReason: ReadonlyMap<string | null, number>;
}

/** How many learners were on the register each week, and by stage and by reason (each adds up to the total). */
export function registerWeeks(weeks: readonly Week[], learners: readonly (readonly RegisterPlace[])[]): RegisterWeek[] {
  return weeks.map((week, i) => {
    const byStage = new Map<string | null, number>();
    const byReason = new Map<string | null, number>();
    let total = 0;
    for (const places of learners) {
      const place = places[i];
      if (!place) continue;
      total++;
      byStage.set(place.stage, (byStage.get(place.stage) ?? 0) + 1);
      byReason.set(place.reason, (byReason.get(place.reason) ?? 0) + 1);
    }
    return { week, total, byStage, byReason };
  });
}

export interface DecisionWeek {
  readonly week: Week;
  readonly total: number;
  readonly byKind: Readonly<Record<DecisionKind, number>>;
}

/** The decisions made each week (decisions outside the weeks are left out). */
export function decisionWeeks(weeks: readonly Week[], decisions: readonly Decision[]): DecisionWeek[] {
  const counts = weeks.map(() => ({ meeting: 0, approved: 0, rejected: 0, 'more-information': 0 }) satisfies Record<DecisionKind, number>);
  for (const d of decisions) {
    const i = weekIndexOf(weeks, d.at);
    if (i >= 0) counts[i]![d.kind]++;
  }
  return weeks.map((week, i) => {
    const byKind = counts[i]!;
    return { week, byKind, total: Object.values(byKind).reduce((a, b) => a + b, 0) };
  });
}

export interface OverdueGroup {
  readonly title: string;
  /** The role that does the task (pack role id). */
  readonly role: string;
  readonly count: number;
}

/** Tasks overdue in these cases, grouped by task title and role, most first. */
export function overdueTasks(states: readonly CaseState[]): OverdueGroup[] {
  const groups = new Map<string, { title: string; role: string; count: number }>();
  for (const s of states) {
    for (const t of s.tasks) {
      if (!t.overdue) continue;
      const key = `${t.role}\n${t.title}`;
      const group = groups.get(key) ?? { title: t.title, role: t.role, count: 0 };
      group.count++;
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title) || a.role.localeCompare(b.role));
}
