/**
 * What the policy worked out for a learner over their whole history, for the chronology:
 * the engine's timeline (going on the register, ratings, stages, recommendations, tasks set
 * and overdue, agenda items) and when each task stopped being open (done, or ended with its
 * stage or the case). The case keeps only its open tasks, so the log is folded again one
 * step at a time to see each one go: the same fold as a rebuild (fold-log.ts says the two
 * agree), dropping the events the policy refused. Pure: `now` is an argument.
 */
import { foldEvents, startCase } from '../rules/engine/engine.js';
import type { CaseState, OpenTask } from '../rules/engine/case-state.js';
import type { LoggedStep } from '../rules/engine/fold-log.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { Learner } from '../rules/events/learner-event.js';
import type { Pack } from '../rules/pack/pack-schema.js';

/** A task that is no longer open, and why: its done-when was met, or its stage or case ended. */
export interface TaskEnded {
  readonly at: number;
  readonly task: string;
  readonly title: string;
  readonly role: string;
  readonly due: string;
  readonly how: 'done' | 'stage-left' | 'case-closed';
}

export interface CaseHistory {
  readonly timeline: readonly TimelineEntry[];
  readonly ended: readonly TaskEnded[];
}

export function caseHistory(pack: Pack, learner: Learner, log: readonly LoggedStep[], now: number): CaseHistory {
  const start = startCase(pack, learner);
  const timeline: TimelineEntry[] = [...start.timeline];
  const ended: TaskEnded[] = [];
  let state = start.state;
  // Each event with the timers due by its instant, then the timers due by now.
  const step = (events: LoggedStep['event'][], until: number): void => {
    const folded = foldEvents(pack, learner, state, events, until);
    if (!folded.ok) return; // refused when logged or since: not part of the case
    ended.push(...endedTasks(state, folded.state, folded.timeline, until));
    timeline.push(...folded.timeline);
    state = folded.state;
  };
  for (const { event } of log) step([event], event.at);
  step([], Math.max(now, state.clock));
  return { timeline, ended };
}

/** Tasks open before the step (or set during it) that are not open after it. */
function endedTasks(before: CaseState, after: CaseState, entries: readonly TimelineEntry[], at: number): TaskEnded[] {
  const open = new Set(after.tasks.map(taskKey));
  const set = entries.flatMap((e) => (e.kind === 'task' ? [{ task: e.task, title: e.title, role: e.role, due: e.due }] : []));
  const candidates = new Map([...before.tasks, ...set].map((t) => [taskKey(t), t]));
  const how: TaskEnded['how'] = before.open && !after.open ? 'case-closed' : after.stage !== before.stage ? 'stage-left' : 'done';
  return [...candidates.values()].filter((t) => !open.has(taskKey(t))).map((t) => ({ at, task: t.task, title: t.title, role: t.role, due: t.due, how }));
}

const taskKey = (t: Pick<OpenTask, 'task' | 'due'>): string => `${t.task}|${t.due}`;
