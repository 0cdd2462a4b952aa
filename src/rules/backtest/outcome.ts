/**
 * What a pack did for one learner over their whole logged history, in the terms a
 * backtest compares: on the register at the end or not, the ratings given, the alerts,
 * the recommendations, the stages entered, the logged steps refused, and the tasks set
 * with their due dates.
 *
 * Outcomes, not timing or wording: an alert is known by the rule that raised it (so a
 * candidate that alerts for the same rule with a different count or description raises
 * "the same" alert), and when an alert, a rating or a recommendation came is not compared.
 * A task's due date is compared: it is a deadline someone must meet. Notifications and
 * agenda items follow from the alerts and stages compared here.
 */
import type { FoldedLog } from '../engine/fold-log.js';

/** One thing that happened: `key` says which (compared), `label` says it in words (shown). */
export interface Item {
  readonly key: string;
  readonly label: string;
}

export interface LearnerOutcome {
  /** On the at-risk register when the replay ended. */
  readonly atRisk: boolean;
  /** The rating at the end (null when the pack rates no one). */
  readonly rating: string | null;
  /** Every rating given, in order, the enrolment rating first. */
  readonly ratingChanges: readonly string[];
  /** One item per reason on each alert, keyed by the rule that raised it where it was a trigger. */
  readonly alerts: readonly Item[];
  /** One item per recommendation made: its action, and the stage it names if any. */
  readonly recommendations: readonly Item[];
  /** The stages entered, in order. */
  readonly stages: readonly string[];
  /** The logged events the pack refused (a stage step it forbids), by log key. */
  readonly refused: readonly Item[];
  /** One item per task set: the task, its role and its due date. */
  readonly tasks: readonly Item[];
}

export function outcomeOf(folded: Pick<FoldedLog, 'state' | 'timeline' | 'refused' | 'fired'>): LearnerOutcome {
  const ruleAt = firedByMoment(folded.fired);
  const ratingChanges: string[] = [];
  const alerts: Item[] = [];
  const recommendations: Item[] = [];
  const stages: string[] = [];
  const tasks: Item[] = [];
  for (const entry of folded.timeline) {
    switch (entry.kind) {
      case 'rating':
        ratingChanges.push(entry.to);
        break;
      case 'alert':
        for (const reason of entry.reasons) {
          const rule = ruleAt.get(`${entry.at} ${reason}`)?.shift();
          alerts.push({ key: rule === undefined ? `reason ${reason}` : `rule ${rule}`, label: reason });
        }
        break;
      case 'recommend': {
        const label = entry.stage === undefined ? entry.action : `${entry.action} ${entry.stage}`;
        recommendations.push({ key: label, label });
        break;
      }
      case 'stage':
        stages.push(entry.to);
        break;
      case 'task':
        tasks.push({ key: `${entry.task} ${entry.role} ${entry.due}`, label: `${entry.task} (${entry.role}) due ${entry.due}` });
        break;
      default:
        break;
    }
  }
  return {
    atRisk: folded.state.open,
    rating: folded.state.rating,
    ratingChanges,
    alerts,
    recommendations,
    stages,
    refused: folded.refused.map((r) => ({ key: r.key, label: `${r.key}: ${r.message}` })),
    tasks,
  };
}

/**
 * The triggers that fired at each instant, by the reason they gave: an alert's reason is
 * its trigger's description, given at the instant the trigger fired.
 */
function firedByMoment(fired: FoldedLog['fired']): Map<string, string[]> {
  const byMoment = new Map<string, string[]>();
  for (const f of fired) {
    const key = `${f.at} ${f.reason}`;
    const rules = byMoment.get(key);
    if (rules) rules.push(f.rule);
    else byMoment.set(key, [f.rule]);
  }
  return byMoment;
}
