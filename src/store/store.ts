/**
 * The persistence port, in the domain's words. One implementation (MongoDB through
 * mongoose, ./mongo); correctness never depends on transactions: idempotency keys under
 * unique indexes, single-document atomic writes, and optimistic versions on cases.
 */
import type { EventInput } from '../rules/events/event-schema.js';
import type { Actor, ErasureRecord, LearnerRecord, LoggedEvent, PolicyVersion, PostedMessage, RestrictedAccess, StaffRecord, StoredCase } from './records.js';

export type AppendOutcome =
  | { readonly stored: true; readonly event: LoggedEvent }
  /** The key was logged before: nothing changed; this is the original. */
  | { readonly stored: false; readonly original: LoggedEvent };

export type ClaimResult = 'claimed' | 'done' | 'held';

/** Which learners learnerHistories reads, beyond their policy. */
export interface HistoryFilter {
  /** Only these learners. */
  readonly ids?: readonly string[];
  /**
   * Only one of `of` shares: the learners at places index, index + of, index + 2 x of, ...
   * in id order (index from 0), so `of` readers, one per share, read each learner once.
   */
  readonly share?: { readonly index: number; readonly of: number };
}

/** One learner with their whole log, for replaying many learners in one pass. */
export interface LearnerHistory {
  readonly learner: LearnerRecord;
  /** The learner's log in time order, ties in the order recorded (as eventsOf gives it). */
  readonly events: LoggedEvent[];
  /** How far the stored case has been run (its state's clock); null when there is no case. */
  readonly caseClock: Date | null;
}

/** A learner and the instant (`at`) of their latest logged event, null when there is none. */
export interface LearnerActivity {
  readonly learner: LearnerRecord;
  readonly lastEventAt: Date | null;
}

export interface Store {
  /** Creates or replaces a learner; says which. */
  putLearner(learner: LearnerRecord): Promise<'created' | 'updated'>;
  getLearner(id: string): Promise<LearnerRecord | null>;
  /** The learners with these ids that exist, in no particular order (one read for a batch). */
  getLearners(ids: readonly string[]): Promise<LearnerRecord[]>;

  /** A learner by exact id, else those whose name contains `text` (any case), by name. */
  findLearners(text: string, limit: number): Promise<LearnerRecord[]>;

  /** Installation settings (which chat channel gets alerts, ...), by key. */
  putSetting(key: string, value: string): Promise<void>;
  getSetting(key: string): Promise<string | null>;

  putStaff(staff: StaffRecord): Promise<'created' | 'updated'>;
  getStaff(id: string): Promise<StaffRecord | null>;
  staffByChatId(platform: 'slack' | 'teams', chatId: string): Promise<StaffRecord | null>;
  staffWithRole(role: string): Promise<StaffRecord[]>;
  /** The whole staff directory, by id (for linking chat accounts and setup checks). */
  allStaff(): Promise<StaffRecord[]>;

  /** Appends to the audit log unless the learner already has an event with this key. */
  appendEvent(event: LoggedEvent): Promise<AppendOutcome>;
  /** The logged event with this key, if any. */
  findEvent(learnerId: string, key: string): Promise<LoggedEvent | null>;
  /**
   * Appends a batch in one write (a history being recorded): each event is stored unless
   * its learner already has one with its key, which the same unique index decides as for
   * appendEvent, so a racing writer never gets a second copy. One outcome per event, in order.
   */
  appendEvents(events: readonly LoggedEvent[]): Promise<AppendOutcome[]>;
  /**
   * The logged events with these keys, per learner (learner id -> keys), in no particular
   * order: one read for a batch of learners.
   */
  findEvents(wanted: ReadonlyMap<string, readonly string[]>): Promise<LoggedEvent[]>;
  /** A learner's whole log in time order (ties in the order recorded). */
  eventsOf(learnerId: string): Promise<LoggedEvent[]>;
  /** The event recorded last by an actor of this kind (the feed: when data last arrived), if any. */
  lastRecorded(kind: Actor['kind']): Promise<LoggedEvent | null>;
  /**
   * The learners whose policy is `policy` (narrowed by `filter`), in id order, each with
   * their log and how far their case has run. Read in batches, so replaying thousands of
   * learners (a backtest) costs a few queries per batch, not three per learner.
   */
  learnerHistories(policy: string, filter?: HistoryFilter): AsyncIterable<LearnerHistory>;

  loadCase(learnerId: string): Promise<StoredCase | null>;
  /** The cases of these learners that exist, in no particular order (one read for a batch). */
  loadCases(learnerIds: readonly string[]): Promise<StoredCase[]>;
  /**
   * Saves a case if nobody saved it since `expectedVersion` was read (null: it must not
   * exist yet), as version `expectedVersion + 1` (1 when new), so a writer knows what it
   * saved without reading it back. 'conflict' means reload and try again.
   */
  saveCase(next: Omit<StoredCase, 'version' | 'updatedAt'>, expectedVersion: number | null): Promise<'saved' | 'conflict'>;
  /** Removes delivered items from a case's outbox (no version change: saves keep a superset). */
  markDelivered(learnerId: string, keys: readonly string[]): Promise<void>;
  /** Cases with undelivered outbox items. */
  casesWithOutbox(limit: number): Promise<string[]>;
  /** Cases whose next wake-up is at or before `at`, soonest first. */
  casesDueBefore(at: Date, limit: number): Promise<StoredCase[]>;
  /**
   * Cases with an item on `meeting`'s agenda for `date` (YYYY-MM-DD), open or not: a leaver
   * panel reviews learners whose withdrawal took them off the register.
   */
  casesOnAgenda(meeting: string, date: string): Promise<StoredCase[]>;
  /** Every case on the at-risk register (for the register export). */
  openCases(): Promise<StoredCase[]>;
  /** Cases a coach claimed or was assigned (which may differ from the learner's coach). */
  casesAssignedTo(staffId: string): Promise<StoredCase[]>;
  /** Cases with a proposal waiting for a decision by one of `roles`. */
  casesAwaitingDecision(roles: readonly string[]): Promise<StoredCase[]>;
  /** The learners whose coach is `coachId`. */
  learnersOfCoach(coachId: string): Promise<LearnerRecord[]>;
  /** Every learner, by id, with when their latest event happened (null: none logged). */
  learnerActivity(): Promise<LearnerActivity[]>;
  /** Every learner id that has a case (for rebuilding). */
  learnerIdsWithEvents(): Promise<string[]>;
  /** Which of these learners have anything logged (one read for a batch). */
  learnersWithEvents(ids: readonly string[]): Promise<string[]>;
  /** Learners whose case was last saved under `policy` at a version other than `version`. */
  casesUnderOtherVersion(policy: string, version: string): Promise<string[]>;

  /** Every version of `policy` this database has run, in the order they came into force. */
  policyVersions(policy: string): Promise<PolicyVersion[]>;
  /**
   * Puts `next` in force for its policy if `next.previous` is still the version in force
   * (null: none yet) and records it in the policy's history. 'conflict': another instance
   * changed the version in force first.
   */
  putPolicyInForce(next: PolicyVersion): Promise<'done' | 'conflict'>;
  /** The version of `policy` in force on this database, if any has been. */
  policyInForce(policy: string): Promise<string | null>;

  recordMessage(message: PostedMessage): Promise<void>;
  messagesFor(learnerId: string, purpose?: string): Promise<PostedMessage[]>;

  /**
   * Data protection (src/privacy). The log is append-only except here: an erasure replaces
   * the logged events' payloads with copies stripped of free text, keeping every key, date,
   * actor and pack version, so the case still rebuilds and the funding audit still reads.
   */
  rewriteEvents(learnerId: string, events: readonly { key: string; event: EventInput }[]): Promise<void>;
  /** Marks every message posted about the learner for replacement with a "removed" card; how many. */
  markMessagesForRemoval(learnerId: string): Promise<number>;
  /** Messages waiting to be replaced with a "removed" card, oldest first. */
  messagesAwaitingRemoval(limit: number): Promise<PostedMessage[]>;
  /** The message was replaced (or cannot be, and never will): it is no longer waiting. */
  messageRemoved(key: string): Promise<void>;
  recordErasure(erasure: ErasureRecord): Promise<void>;
  /** The erasures of a learner, oldest first. */
  erasuresOf(learnerId: string): Promise<ErasureRecord[]>;
  /** Logs one view of a learner's restricted details (the access log). */
  recordRestrictedAccess(access: RestrictedAccess): Promise<void>;
  /** Every view of a learner's restricted details, oldest first. */
  restrictedAccessOf(learnerId: string): Promise<RestrictedAccess[]>;

  /**
   * Claims a one-off side effect (a nudge, a notification) by key, across processes and
   * restarts: 'claimed' the first time, 'done' once completed, 'held' while another
   * holder's lease lasts. A claim not completed within `leaseMs` (its holder died) is
   * taken over: 'claimed' again.
   */
  claim(key: string, leaseMs: number): Promise<ClaimResult>;
  /**
   * The holder is still at work (a post waiting its turn in a channel's queue, say): the
   * lease starts again, so the claim is not taken over from a live holder.
   */
  renewClaim(key: string): Promise<void>;
  /** The side effect happened: the key is never claimed again. */
  completeClaim(key: string): Promise<void>;
  /** The side effect failed: gives the claim back so a retry may take it at once. */
  releaseClaim(key: string): Promise<void>;
}
