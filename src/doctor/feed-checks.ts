/**
 * The data feed: when the provider's systems last sent an event, and which learners have
 * had no event for QUIET_DAYS (a feed that stopped, or a learner it leaves out).
 */
import type { LoggedEvent } from '../store/records.js';
import type { LearnerActivity } from '../store/store.js';
import { count, failed, listed, passed, type Check } from './check.js';

export const QUIET_DAYS = 30;
const DAY_MS = 86_400_000;

export function lastArrivalCheck(last: LoggedEvent | null, now: Date): Check {
  if (last === null) {
    return failed('data feed', 'no event has arrived from the data feed yet', 'send events: waymark import events <file.csv> (docs/import.md) or the HTTP API (WAYMARK_API_KEYS)');
  }
  const days = Math.floor((now.getTime() - last.recordedAt.getTime()) / DAY_MS);
  return passed('data feed', `the last event arrived ${last.recordedAt.toISOString()} (${days === 0 ? 'today' : `${count(days, 'day')} ago`}, from ${last.actor.id})`);
}

export function quietLearnersCheck(learners: readonly LearnerActivity[], now: Date): Check {
  const since = now.getTime() - QUIET_DAYS * DAY_MS;
  const quiet = learners.filter((l) => l.lastEventAt === null || l.lastEventAt.getTime() < since);
  const name = `learners heard of in ${QUIET_DAYS} days`;
  if (quiet.length === 0) return passed(name, `every learner has an event in the last ${QUIET_DAYS} days (${count(learners.length, 'learner')})`);
  const describe = (l: LearnerActivity) => `${l.learner.id} (${l.lastEventAt === null ? 'no event ever' : `last ${l.lastEventAt.toISOString().slice(0, 10)}`})`;
  return failed(
    name,
    `${count(quiet.length, 'learner')} with no event for ${QUIET_DAYS} days: ${listed(quiet.map(describe))}`,
    'check that the feed still sends their attendance and progress (and that they are still on programme)',
  );
}
