/**
 * What a learner's wake-up does: fire the timers due by `now`, deliver what the engine
 * decided, send the task nudges whose time has come (each once, by key), and say when to
 * wake this learner next. The scheduler calls it with its clock; it decides nothing itself.
 */
import { nudgesDue } from '../rules/engine/nudges.js';
import { advanceCase } from './advance-case.js';
import { engineLearner, type CaseContext } from './case-context.js';
import { loadCaseParts } from './case-summary.js';
import { intentForNudge } from './entry-intents.js';
import type { Notifier } from './notifier.js';
import { CLAIM_LEASE_MS, once } from './once.js';
import { deliverOutbox, type DeliveryReport } from './outbox.js';

export interface WakeReport {
  readonly delivered: DeliveryReport;
  readonly nudged: number;
  readonly failedNudges: string[];
  /** When to wake this learner next (null: nothing pending). */
  readonly next: Date | null;
}

export async function wakeLearner(ctx: CaseContext, notifier: Notifier, learnerId: string, now: Date): Promise<WakeReport | null> {
  const advanced = await advanceCase(ctx, learnerId, now);
  if (!advanced) return null;
  const delivered = await deliverOutbox(ctx, notifier, learnerId);
  const parts = await loadCaseParts(ctx, learnerId);
  const stored = parts?.stored;
  if (!parts || !stored) return null;
  const nation = engineLearner(parts.record).nation;
  let nudged = 0;
  let held = delivered.held;
  const failedNudges: string[] = [];
  for (const nudge of nudgesDue(stored.state, nation, now.getTime())) {
    try {
      const intent = await intentForNudge(ctx, parts, nudge);
      if (!intent) continue;
      const result = await once(ctx, nudge.key, () => notifier.send(intent, nudge.key));
      if (result === 'done') nudged++;
      if (result === 'held') held++;
    } catch {
      failedNudges.push(nudge.key);
    }
  }
  const candidates = stored.nextWakeUpAt ? [stored.nextWakeUpAt.getTime()] : [];
  // A failed delivery or nudge is retried soon, and one another worker holds (it may have
  // died) once the holder's lease has run out, rather than at the next timer.
  if (failedNudges.length > 0 || delivered.failed.length > 0) candidates.push(now.getTime() + RETRY_AFTER_MS);
  if (held > 0) candidates.push(now.getTime() + (ctx.claimLeaseMs ?? CLAIM_LEASE_MS));
  return { delivered, nudged, failedNudges, next: candidates.length > 0 ? new Date(Math.min(...candidates)) : null };
}

/** How long to wait before retrying a delivery that failed. */
export const RETRY_AFTER_MS = 60_000;
