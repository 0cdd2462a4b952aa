/**
 * What the core asks the chat adapters to tell people, as typed, channel-neutral intents.
 * Each carries its audience and a sensitivity. An intent addressed to a channel is built
 * only from channel-safe facts (`LearnerRef`, `CaseSummary`, the pack's own wording), so
 * no renderer can leak a restricted detail into a channel: the intent never holds one.
 * Restricted details (a safeguarding or health concern's category and note) travel only
 * in `restricted` intents, addressed to people whose role may see them.
 */
import type { Verdict } from '../rules/events/event-schema.js';
import type { NudgeKind } from '../rules/engine/nudges.js';

/** A posted channel: the coaching team's, or a meeting's (the SMT's weekly review). */
export type ChannelAudience =
  | { readonly kind: 'team-channel'; readonly policy: string }
  | { readonly kind: 'meeting-channel'; readonly policy: string; readonly meeting: string };

/** Direct messages to these staff (ids from the staff directory); `role` says why them. */
export interface DirectAudience {
  readonly kind: 'direct';
  readonly staffIds: readonly string[];
  readonly role?: string;
}

export type Audience = ChannelAudience | DirectAudience;
export type Sensitivity = 'general' | 'restricted';

/** A learner as anyone on the team may see them. */
export interface LearnerRef {
  readonly id: string;
  readonly name: string;
  readonly policy: string;
  /** Staff id of the coach holding the case (claimed or assigned, else the learner's coach). */
  readonly coach: string | null;
}

export interface Deadline {
  readonly task: string;
  readonly title: string;
  /** YYYY-MM-DD, the last day. */
  readonly due: string;
  readonly overdue: boolean;
}

/** A case as anyone on the team may see it: nothing restricted, no free-text notes. */
export interface CaseSummary {
  readonly atRisk: boolean;
  readonly status: 'monitoring' | 'paused' | 'withdrawn';
  readonly rating: string | null;
  readonly stage: string | null;
  /** The stage's name in the policy's words. */
  readonly stageName: string | null;
  /** Why the rules fired, in the pack's (channel-safe) words. */
  readonly reasons: readonly string[];
  /** The soonest open deadline, overdue first. */
  readonly nextDeadline: Deadline | null;
}

/** A proposed step as shown to the people deciding it and to its proposer. */
export interface ProposalRef {
  readonly id: string;
  /** "Stage 2" or "Break in learning": the policy's words for the step. */
  readonly label: string;
  readonly stage?: string;
  readonly outcome?: string;
  /** Staff id and name of the proposer. */
  readonly by: string;
  readonly byName: string;
  readonly at: Date;
  /** The role that decides it and its name. */
  readonly approver: string;
  readonly approverName: string;
}

interface About {
  readonly learner: LearnerRef;
  readonly case: CaseSummary;
}

/** The restricted detail behind a concern, for the roles that may see it. */
export interface RestrictedDetail {
  readonly category: string;
  readonly categoryLabel: string;
  readonly note?: string;
}

export type Intent =
  /** A learner went on the at-risk register or a rule fired again: the team channel. */
  | (About & { readonly type: 'at-risk-alert'; readonly audience: ChannelAudience; readonly sensitivity: 'general'; readonly why: readonly string[] })
  /** The case moved: a stage began, the rating changed, the learner left the register. */
  | (About & { readonly type: 'case-update'; readonly audience: ChannelAudience; readonly sensitivity: 'general'; readonly change: string })
  /** A step waits for the decider's approval: a DM to each person holding the role. */
  | (About & { readonly type: 'approval-request'; readonly audience: DirectAudience; readonly sensitivity: 'general'; readonly proposal: ProposalRef; readonly reason: string })
  /**
   * A proposal was decided: tells the proposer and the other deciders, and asks the
   * adapters to update the messages posted for `updates` (the approval requests) in place.
   */
  | (About & {
      readonly type: 'decision-result';
      readonly audience: DirectAudience;
      readonly sensitivity: 'general';
      readonly proposal: ProposalRef;
      readonly verdict: Verdict;
      readonly by: string;
      readonly byName: string;
      readonly at: Date;
      readonly comment?: string;
      readonly updates: string;
    })
  /** The policy asks for a step: a DM to the coach holding the case. */
  | (About & { readonly type: 'recommendation'; readonly audience: DirectAudience; readonly sensitivity: 'general'; readonly action: string; readonly label: string; readonly approverName: string | null; readonly why: readonly string[] })
  /** A task was set: a DM to the people holding its role. */
  | (About & { readonly type: 'task'; readonly audience: DirectAudience; readonly sensitivity: 'general'; readonly deadline: Deadline; readonly roleName: string })
  /** A reminder before or on a task's due date: a DM to its owner. */
  | (About & { readonly type: 'nudge'; readonly audience: DirectAudience; readonly sensitivity: 'general'; readonly when: Exclude<NudgeKind, 'overdue'>; readonly deadline: Deadline })
  /** A task's deadline passed: a DM to its owner and their manager. */
  | (About & { readonly type: 'overdue'; readonly audience: DirectAudience; readonly sensitivity: 'general'; readonly deadline: Deadline; readonly roleName: string })
  /**
   * Something the policy says a role must be told ("tell the Directors at once"). For a
   * role outside the provider (learner, employer) it goes to the coach, who tells them.
   * `restricted` ones go only to roles that may see restricted details, with the detail.
   */
  | (About & {
      readonly type: 'policy-notice';
      readonly audience: DirectAudience;
      readonly sensitivity: Sensitivity;
      readonly role: string;
      readonly roleName: string;
      readonly tellExternal: boolean;
      readonly reason: string;
      readonly detail?: RestrictedDetail;
    })
  /** A meeting recorded its decision on a learner: the meeting's channel and the owner. */
  | (About & {
      readonly type: 'agenda-decision';
      readonly audience: ChannelAudience | DirectAudience;
      readonly sensitivity: 'general';
      readonly meeting: string;
      readonly meetingName: string;
      readonly date: string;
      readonly outcome: string;
      readonly action: string;
      readonly owner: string;
      readonly ownerName: string;
      readonly reviewDate: string;
    })
  /** The week's agenda for a meeting (the SMT's review), to its channel, with its chart when one was made. */
  | {
      readonly type: 'meeting-digest';
      readonly audience: ChannelAudience;
      readonly sensitivity: 'general';
      readonly meeting: string;
      readonly meetingName: string;
      readonly date: string;
      readonly items: readonly AgendaEntry[];
      readonly chart?: DigestChartRef;
    }
  /** A coach's morning list, overdue first. */
  | { readonly type: 'coach-digest'; readonly audience: DirectAudience; readonly sensitivity: 'general'; readonly date: string; readonly items: readonly CaseloadItem[] };

export type IntentType = Intent['type'];

/**
 * The digest's chart (at risk this week against the last 8 weeks), by the picture's name:
 * each platform's notifier turns the name into a signed address when it sends, so the
 * intent holds no address and no secret. Counts only: nothing about any one learner.
 */
export interface DigestChartRef {
  readonly picture: string;
  /** What the picture shows, in words, for people who cannot see it. */
  readonly alt: string;
}

/** One learner on a sitting's agenda, with every reason they are on it. */
export interface AgendaEntry extends About {
  readonly reasons: readonly string[];
  readonly decided?: { outcome: string; action: string; owner: string; ownerName: string; reviewDate: string; by: string; at: Date };
}

export interface CaseloadItem extends About {
  readonly overdue: boolean;
}
