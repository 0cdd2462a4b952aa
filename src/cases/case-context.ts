/**
 * What the case use cases need: the store, and a way to find the pack a learner's policy
 * names. Built once at start-up and passed in (no globals).
 */
import type { Pack } from '../rules/pack/pack-schema.js';
import { compareVersions } from '../rules/pack/pack-version.js';
import { STATE_SHAPE, type CaseState } from '../rules/engine/case-state.js';
import { nextNudgeAfter } from '../rules/engine/nudges.js';
import type { Nation } from '../rules/calendar/index.js';
import { parseEvent, parseLearner } from '../rules/events/parse-input.js';
import type { Learner, LearnerEvent } from '../rules/events/learner-event.js';
import type { LearnerRecord, LoggedEvent, StoredCase } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { ClaimsHere } from './once.js';

export interface CaseContext {
  readonly store: Store;
  /** The pack for a policy id (built-in or loaded at start-up); undefined if unknown. */
  readonly packFor: (policy: string) => Pack | undefined;
  /** The clock, at the edge: the use cases take `now` from here, the engine as an argument. */
  readonly now: () => Date;
  /**
   * How long a claimed side effect may stay unfinished before another run takes it over
   * (default CLAIM_LEASE_MS; keep it equal to the scheduler's lock lifetime).
   */
  readonly claimLeaseMs?: number;
  /** What this process knows of its own claims (once.ts), to spare the database a question. */
  readonly claimsHere?: ClaimsHere;
}

/** What an attempt at saving a case returns when someone else saved it first. */
export const CONFLICT = Symbol('save conflict');

/**
 * Retries `attempt` (load, fold, save with the version read) while it meets a save
 * conflict; two writers on one case both land, the loser on a fresh read.
 */
export async function untilSaved<T>(learnerId: string, attempt: (round: number) => Promise<T | typeof CONFLICT>): Promise<T> {
  for (let round = 0; round < SAVE_ATTEMPTS; round++) {
    const result = await attempt(round);
    if (result !== CONFLICT) return result;
  }
  throw new Error(`case ${learnerId}: ${SAVE_ATTEMPTS} save conflicts in a row`);
}

const SAVE_ATTEMPTS = 8;

/** The engine's form of a stored learner (records are validated when stored). */
export function engineLearner(record: LearnerRecord): Learner {
  const parsed = parseLearner({
    id: record.id,
    programme: record.programme,
    nation: record.nation,
    startDate: record.startDate,
    ...(record.plannedEndDate ? { plannedEndDate: record.plannedEndDate } : {}),
  });
  if (!parsed.ok) throw new Error(`stored learner ${record.id} is invalid: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.value;
}

/**
 * When the learner must next be woken: the engine's next timer or the next task nudge,
 * whichever comes first (stored on the case, so a sweep can find overdue wake-ups).
 */
export function wakeUpAt(state: CaseState, nation: Nation, engineNext: number | null): Date | null {
  const times = [engineNext, nextNudgeAfter(state, nation, state.clock)].filter((t): t is number => t !== null);
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/** The engine's form of a logged event (events are validated before they are logged). */
export function engineEvent(logged: LoggedEvent): LearnerEvent {
  const parsed = parseEvent(logged.event, 'event');
  if (!parsed.ok) throw new Error(`logged event ${logged.learnerId}/${logged.key} is invalid`);
  return parsed.value;
}

/**
 * Whether a stored case can be folded onto: made under this pack's version, in the state
 * shape this code writes. Otherwise it is replayed from the log.
 */
export function isCurrent<T extends Pick<StoredCase, 'policy' | 'packVersion' | 'state'>>(stored: T | null, pack: Pack): stored is T {
  return stored !== null && stored.policy === pack.id && stored.packVersion === pack.version && stored.state.shape === STATE_SHAPE;
}

/**
 * Whether a stored case was made under an earlier version of the learner's pack: it is
 * re-evaluated under this one (rebuildCase) before anything else is folded onto it. A case
 * made under a later version than this instance runs is never taken back: this instance
 * is out of date (another one runs the newer pack), and the work fails loudly instead.
 */
export function awaitsPolicyUpdate(stored: StoredCase | null, pack: Pack): stored is StoredCase {
  if (stored === null || stored.policy !== pack.id || stored.packVersion === pack.version) return false;
  if (compareVersions(stored.packVersion, pack.version) > 0) {
    throw new Error(`case ${stored.learnerId} is under ${pack.id} ${stored.packVersion}, newer than the ${pack.version} this instance runs: restart it with the newer pack`);
  }
  return true;
}
