/**
 * What the charts show for one policy, read from the store: every learner under it that
 * `include` admits, their log replayed week by week (weekly-history.ts). Aggregates only:
 * no learner's name or detail leaves this module.
 */
import { engineEvent, engineLearner, type CaseContext } from '../cases/case-context.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { LearnerRecord } from '../store/records.js';
import type { Week } from './london-weeks.js';
import {
  decisionWeeks,
  learnerWeeks,
  overdueTasks,
  registerWeeks,
  type Decision,
  type DecisionWeek,
  type OverdueGroup,
  type RegisterPlace,
  type RegisterWeek,
} from './weekly-history.js';
import type { CaseState } from '../rules/engine/case-state.js';

export interface PolicyCharts {
  readonly pack: Pack;
  readonly weeks: readonly Week[];
  /** Learners under the policy that were counted. */
  readonly learners: number;
  readonly register: readonly RegisterWeek[];
  readonly decided: readonly DecisionWeek[];
  /** Overdue at the last week's reading. */
  readonly overdue: readonly OverdueGroup[];
}

/** Which learners to count (all of them for the digest; those the viewer may see for a page). */
export type Include = (record: LearnerRecord) => Promise<boolean>;

export async function policyCharts(ctx: CaseContext, pack: Pack, weeks: readonly Week[], include: Include = async () => true): Promise<PolicyCharts> {
  const places: (readonly RegisterPlace[])[] = [];
  const decisions: Decision[] = [];
  const states: CaseState[] = [];
  for await (const history of ctx.store.learnerHistories(pack.id)) {
    if (!(await include(history.learner))) continue;
    const log = history.events.map(engineEvent);
    const replayed = learnerWeeks(pack, engineLearner(history.learner), log, weeks);
    places.push(replayed.places);
    decisions.push(...replayed.decisions);
    states.push(replayed.state);
  }
  return {
    pack,
    weeks,
    learners: places.length,
    register: registerWeeks(weeks, places),
    decided: decisionWeeks(weeks, decisions),
    overdue: overdueTasks(states),
  };
}
