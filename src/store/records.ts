/**
 * What the store keeps, in domain terms. The mongoose models in ./mongo map these to
 * documents; nothing outside src/store sees a mongoose type.
 */
import type { CaseState } from '../rules/engine/case-state.js';
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { EventInput } from '../rules/events/event-schema.js';

export interface LearnerRecord {
  readonly id: string;
  readonly name: string;
  readonly programme: 'apprenticeship' | 'traineeship';
  readonly nation: 'england' | 'wales' | 'scotland' | 'northern-ireland';
  readonly startDate: string;
  readonly plannedEndDate?: string | undefined;
  /** The staff id (e-mail) of the learner's coach. */
  readonly coach?: string | undefined;
  readonly employer?: string | undefined;
  /** The policy pack id (or pack file) the learner's case runs under. */
  readonly policy: string;
  /** When their personal data was erased (src/privacy/erase.ts); the record is then a skeleton. */
  readonly erasedAt?: Date | undefined;
}

export interface StaffRecord {
  /** The staff member's e-mail address, lower case. */
  readonly id: string;
  readonly name: string;
  /** Role ids from the policy packs (coach, quality-manager, smt, ...). */
  readonly roles: readonly string[];
  readonly slackUserId?: string | undefined;
  readonly teamsUserId?: string | undefined;
  /** Staff ids whose caseloads this person covers. */
  readonly covers?: readonly string[] | undefined;
  readonly manager?: string | undefined;
}

/** Who or what put an event in the log. */
export interface Actor {
  readonly kind: 'feed' | 'staff' | 'system';
  /** API key label, staff id, or job name. */
  readonly id: string;
}

/** One immutable line of the audit trail. */
export interface LoggedEvent {
  readonly learnerId: string;
  /** The idempotency key: the feed's event id, or one the chat action derives. */
  readonly key: string;
  /** The event as received (simulate.md form, `at` as given). */
  readonly event: EventInput;
  /** `event.at` as an instant, for ordering. */
  readonly at: Date;
  readonly actor: Actor;
  readonly policy: string;
  readonly packVersion: string;
  readonly recordedAt: Date;
}

/** The case projection: the engine's state for a learner, rebuildable from the log. */
export interface StoredCase {
  readonly learnerId: string;
  readonly policy: string;
  readonly packVersion: string;
  readonly state: CaseState;
  /** Optimistic concurrency: incremented by every save. */
  readonly version: number;
  /** When the engine next needs waking for this learner (null: no timer pending). */
  readonly nextWakeUpAt: Date | null;
  /**
   * What the bot must still do: entries saved with the state that produced them (one
   * atomic write), removed once delivered. Nothing is lost if a process dies in between.
   */
  readonly outbox: readonly OutboxItem[];
  readonly updatedAt: Date;
}

export interface OutboxItem {
  /** Stable for the entry: delivery claims it, so it is sent once. */
  readonly key: string;
  readonly entry: TimelineEntry;
}

/** Where a chat message about a learner was posted, so it can be updated in place. */
export interface PostedMessage {
  readonly key: string;
  readonly learnerId: string | null;
  readonly platform: 'slack' | 'teams';
  /** Slack channel id or Teams conversation id. */
  readonly conversation: string;
  /** Slack message ts or Teams activity id. */
  readonly messageId: string;
  readonly purpose: string;
  readonly postedAt: Date;
  /**
   * Set when the learner it is about was erased: 'pending' until the bot has replaced it
   * in Slack or Teams with a neutral "removed" card, then 'done'.
   */
  readonly removal?: 'pending' | 'done' | undefined;
}

/** A version of a policy pack this database has run. */
export interface PolicyVersion {
  /** The pack id. */
  readonly policy: string;
  readonly version: string;
  /** sha256 of the pack as run (extends resolved, defaults filled in): its content. */
  readonly hash: string;
  /** When it was first put in force, and the version it replaced (null: the first). */
  readonly since: Date;
  readonly previous: string | null;
}

/** An erasure of a learner's personal data, kept in their audit trail: who ran it, when and why. */
export interface ErasureRecord {
  readonly learnerId: string;
  readonly at: Date;
  /** Who ran it: `cli:<user>` for `waymark learners erase`, `system:retention` for the daily job. */
  readonly by: string;
  /** Why, as given (the learner's name and employer struck out). */
  readonly reason: string;
  /** How many logged events had free text removed. */
  readonly events: number;
  /** How many chat messages about them are to be replaced with a "removed" card. */
  readonly messages: number;
}

/** Where a restricted detail (a safeguarding or health concern) was shown. */
export type RestrictedView = 'case' | 'audit' | 'export' | 'web';

/** One view of a learner's restricted details: who saw them, when, and where. */
export interface RestrictedAccess {
  readonly learnerId: string;
  /** A staff id (chat), or `cli:<user>` (the command line). */
  readonly viewer: string;
  readonly at: Date;
  readonly view: RestrictedView;
}
