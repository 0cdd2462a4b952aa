/**
 * Backtesting learners from the database, the part each thread runs: its own connection,
 * its share of the learners whose policy is the pack in force, each replayed as far as
 * their stored case has been run (its clock, or their last event if that is later).
 */
import { engineEvent, engineLearner } from '../cases/case-context.js';
import { backtestLearner, type LearnerDifference } from '../rules/backtest/difference.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

/** What one thread is given: the database, the packs, the learners wanted (all when undefined) and its share. */
export interface StoreJob {
  readonly uri: string;
  readonly candidate: Pack;
  readonly against: Pack;
  readonly only: readonly string[] | undefined;
  readonly share: { readonly index: number; readonly of: number };
}

export interface StoreDone {
  readonly differences: LearnerDifference[];
  readonly replayed: number;
}

export async function backtestStoreShare(job: StoreJob): Promise<StoreDone> {
  const opened = await openStore({ uri: job.uri });
  try {
    return await backtestStored(opened.store, job);
  } finally {
    await opened.close();
  }
}

export async function backtestStored(store: Store, job: Omit<StoreJob, 'uri'>): Promise<StoreDone> {
  const differences: LearnerDifference[] = [];
  let replayed = 0;
  for await (const history of store.learnerHistories(job.against.id, { ...(job.only ? { ids: job.only } : {}), share: job.share })) {
    const log = history.events.map((logged) => ({ key: logged.key, event: engineEvent(logged) }));
    const lastAt = log[log.length - 1]?.event.at ?? -Infinity;
    const now = Math.max(history.caseClock?.getTime() ?? -Infinity, lastAt);
    const difference = backtestLearner(job.candidate, job.against, engineLearner(history.learner), log, now);
    if (difference !== null) differences.push(difference);
    replayed++;
  }
  return { differences, replayed };
}
