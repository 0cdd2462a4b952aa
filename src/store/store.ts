/**
 * The persistence port, in the domain's words. One implementation (MongoDB through
 * mongoose, ./mongo); correctness never depends on transactions: idempotency keys under
 * unique indexes, single-document atomic writes, and optimistic versions on cases.
 */
import type { LearnerRecord, LoggedEvent, PostedMessage, StaffRecord, StoredCase } from './records.js';

export type AppendOutcome =
  | { readonly stored: true; readonly event: LoggedEvent }
  /** The key was logged before: nothing changed; this is the original. */
  | { readonly stored: false; readonly original: LoggedEvent };

export type ClaimResult = 'claimed' | 'done' | 'held';

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
