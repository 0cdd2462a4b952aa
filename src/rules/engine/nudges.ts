/**
 * When to remind people about their open tasks: at 09:00 London on the working day before
 * the due date, at 09:00 on the due date, and the moment the task is overdue. Each nudge
 * has a key, so whoever sends it can make sure it goes once. Pure: `now` is an argument.
 */
import { londonInstant, parseDay, subtractWorkingDays, type Instant, type Nation } from '../calendar/index.js';
import type { CaseState, OpenTask } from './case-state.js';

export type NudgeKind = 'before-due' | 'due' | 'overdue';

export interface Nudge {
  /** Unique per learner, task occurrence and kind. */
  readonly key: string;
  readonly kind: NudgeKind;
  readonly learnerId: string;
  readonly task: string;
  readonly title: string;
  readonly role: string;
  readonly due: string;
  readonly at: Instant;
}

/** 09:00, when the working day starts. */
export const NUDGE_MINUTE = 9 * 60;

/** Every nudge of the case's open tasks, in time order (those before a task was set are left out). */
export function taskNudges(state: CaseState, nation: Nation): Nudge[] {
  const nudges: Nudge[] = [];
  for (const task of state.tasks) {
    const dueDay = parseDay(task.due)!;
    const times: [NudgeKind, Instant][] = [
      ['before-due', londonInstant(subtractWorkingDays(nation, dueDay, 1), NUDGE_MINUTE)],
      ['due', londonInstant(dueDay, NUDGE_MINUTE)],
      ['overdue', task.overdueAt],
    ];
    for (const [kind, at] of times) {
      if (at <= task.createdAt) continue;
      if (kind !== 'overdue' && task.overdue) continue;
      nudges.push(nudge(state, task, kind, at));
    }
  }
  return nudges.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/** The nudges whose time has come by `now` (the sender skips those it already sent). */
export function nudgesDue(state: CaseState, nation: Nation, now: Instant): Nudge[] {
  return taskNudges(state, nation).filter((n) => n.at <= now);
}

/** The first nudge time after `now`, or null. */
export function nextNudgeAfter(state: CaseState, nation: Nation, now: Instant): Instant | null {
  return taskNudges(state, nation).find((n) => n.at > now)?.at ?? null;
}

function nudge(state: CaseState, task: OpenTask, kind: NudgeKind, at: Instant): Nudge {
  return {
    key: `nudge:${state.learnerId}:${task.task}:${task.createdAt}:${kind}`,
    kind,
    learnerId: state.learnerId,
    task: task.task,
    title: task.title,
    role: task.role,
    due: task.due,
    at,
  };
}
