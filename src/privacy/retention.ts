/**
 * Retention: learners whose data is past WAYMARK_RETENTION_YEARS (retention-rule.ts) are
 * erased as `waymark learners erase` erases them, by the daily job, or listed by
 * `waymark retention --dry-run`. A learner still on the at-risk register is held, not
 * erased, and listed so someone looks at them. One learner's failure never stops the rest.
 */
import type { CaseContext } from '../cases/case-context.js';
import { formatDay, londonDay } from '../rules/calendar/index.js';
import { eraseLearner } from './erase.js';
import { keptUntil, learningEnded, pastRetention } from './retention-rule.js';

/** Who the audit says erased a learner past retention. */
export const RETENTION_ACTOR = 'system:retention';

export interface RetentionCandidate {
  readonly learnerId: string;
  /** When learning ended, and the last day the data was to be kept (YYYY-MM-DD). */
  readonly ended: string;
  readonly keptUntil: string;
  /** On the at-risk register: held until the case is closed. */
  readonly openCase: boolean;
}

export interface RetentionReport {
  readonly erased: string[];
  readonly held: RetentionCandidate[];
  readonly failed: { learnerId: string; error: string }[];
}

/** The learners not yet erased whose data is past retention on `now`'s date, by id. */
export async function learnersPastRetention(ctx: CaseContext, years: number, now: Date): Promise<RetentionCandidate[]> {
  const today = formatDay(londonDay(now.getTime()));
  const out: RetentionCandidate[] = [];
  for (const { learner, lastEventAt } of await ctx.store.learnerActivity()) {
    if (learner.erasedAt) continue;
    const stored = await ctx.store.loadCase(learner.id);
    const facts = { startDate: learner.startDate, plannedEndDate: learner.plannedEndDate, lastEventAt, withdrawn: stored?.state.status === 'withdrawn' };
    if (!pastRetention(facts, years, today)) continue;
    const ended = learningEnded(facts);
    out.push({ learnerId: learner.id, ended, keptUntil: keptUntil(ended, years), openCase: stored?.state.open ?? false });
  }
  return out;
}

export async function applyRetention(ctx: CaseContext, years: number, now: Date): Promise<RetentionReport> {
  const report: RetentionReport = { erased: [], held: [], failed: [] };
  for (const candidate of await learnersPastRetention(ctx, years, now)) {
    if (candidate.openCase) {
      report.held.push(candidate);
      continue;
    }
    try {
      const reason = `retention: ${years} years after learning ended on ${candidate.ended}`;
      const outcome = await eraseLearner(ctx, { learnerId: candidate.learnerId, reason, by: RETENTION_ACTOR, force: false });
      if (outcome.ok) report.erased.push(candidate.learnerId);
      else report.failed.push({ learnerId: candidate.learnerId, error: outcome.refusal.message });
    } catch (error) {
      report.failed.push({ learnerId: candidate.learnerId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
