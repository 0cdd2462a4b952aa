/**
 * The persistence port, in the domain's words. One implementation (MongoDB through
 * mongoose, ./mongo); correctness never depends on transactions: idempotency keys under
 * unique indexes, single-document atomic writes, and optimistic versions on cases.
 */
import type { LearnerRecord, LoggedEvent, PolicyVersion, PostedMessage, StaffRecord, StoredCase } from './records.js';

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

export interface Store {
  /** Creates or replaces a learner; says which. */
  putLearner(learner: LearnerRecord): Promise<'created' | 'updated'>;
  getLearner(id: string): Promise<LearnerRecord | null>;

  /** A learner by exact id, else those whose name contains `text` (any case), by name. */
  findLearners(text: string, limit: number): Promise<LearnerRecord[]>;

  /** Installation settings (which chat channel gets alerts, ...), by key. */
  putSetting(key: string, value: string): Promise<void>;
  getSetting(key: string): Promise<string | null>;

  putStaff(staff: StaffRecord): Promise<'created' | 'updated'>;
  getStaff(id: string): Promise<StaffRecord | null>;
  staffByChatId(platform: 'slack' | 'teams', chatId: string): Promise<StaffRecord | null>;
  staffWithRole(role: string): Promise<StaffRecord[]>;

  /** Appends to the audit log unless the learner already has an event with this key. */
  appendEvent(event: LoggedEvent): Promise<AppendOutcome>;
  /** The logged event with this key, if any. */
  findEvent(learnerId: string, key: string): Promise<LoggedEvent | null>;
  /** A learner's whole log in time order (ties in the order recorded). */
  eventsOf(learnerId: string): Promise<LoggedEvent[]>;
  /**
   * The learners whose policy is `policy` (narrowed by `filter`), in id order, each with
   * their log and how far their case has run. Read in batches, so replaying thousands of
   * learners (a backtest) costs a few queries per batch, not three per learner.
   */
  learnerHistories(policy: string, filter?: HistoryFilter): AsyncIterable<LearnerHistory>;

  loadCase(learnerId: string): Promise<StoredCase | null>;
  /**
   * Saves a case if nobody saved it since `expectedVersion` was read (null: it must not
   * exist yet). 'conflict' means reload and try again.
   */
  saveCase(next: Omit<StoredCase, 'version' | 'updatedAt'>, expectedVersion: number | null): Promise<'saved' | 'conflict'>;
  /** Removes delivered items from a case's outbox (no version change: saves keep a superset). */
  markDelivered(learnerId: string, keys: readonly string[]): Promise<void>;
  /** Cases with undelivered outbox items. */
  casesWithOutbox(limit: number): Promise<string[]>;
  /** Cases whose next wake-up is at or before `at`, soonest first. */
  casesDueBefore(at: Date, limit: number): Promise<StoredCase[]>;
  /** Open cases with an item on `meeting`'s agenda for `date` (YYYY-MM-DD). */
  casesOnAgenda(meeting: string, date: string): Promise<StoredCase[]>;
  /** Every case on the at-risk register (for the register export). */
  openCases(): Promise<StoredCase[]>;
  /** Cases a coach claimed or was assigned (which may differ from the learner's coach). */
  casesAssignedTo(staffId: string): Promise<StoredCase[]>;
  /** Cases with a proposal waiting for a decision by one of `roles`. */
  casesAwaitingDecision(roles: readonly string[]): Promise<StoredCase[]>;
  /** The learners whose coach is `coachId`. */
  learnersOfCoach(coachId: string): Promise<LearnerRecord[]>;
  /** Every learner id that has a case (for rebuilding). */
  learnerIdsWithEvents(): Promise<string[]>;
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
