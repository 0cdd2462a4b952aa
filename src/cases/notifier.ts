/**
 * The port through which the core tells people things. The chat adapters implement it
 * (issues 5-7 render these as cards); RecordingNotifier serves the tests. Each call is a
 * single delivery; callers make sure it happens once.
 */
import type { TimelineEntry } from '../rules/engine/timeline.js';
import type { Nudge } from '../rules/engine/nudges.js';
import type { AgendaItem } from '../rules/engine/case-state.js';

export interface SmtDigestItem {
  readonly learnerId: string;
  readonly item: AgendaItem;
}

export interface CoachDigestItem {
  readonly learnerId: string;
  readonly rating: string | null;
  readonly stage: string | null;
  readonly openTasks: { task: string; due: string; overdue: boolean }[];
}

export interface Notifier {
  /** Something the policy says must happen now for a learner (alert, notify, task, ...). */
  caseEntry(learnerId: string, entry: TimelineEntry, key: string): Promise<void>;
  /** A reminder about a task, before it is due, on the day, or when overdue. */
  nudge(nudge: Nudge): Promise<void>;
  /** The weekly list for a meeting (e.g. the SMT's). */
  meetingDigest(meeting: string, date: string, items: readonly SmtDigestItem[]): Promise<void>;
  /** A coach's morning list. */
  coachDigest(coachId: string, date: string, items: readonly CoachDigestItem[]): Promise<void>;
}

export type Sent =
  | { kind: 'caseEntry'; learnerId: string; entry: TimelineEntry; key: string }
  | { kind: 'nudge'; nudge: Nudge }
  | { kind: 'meetingDigest'; meeting: string; date: string; items: readonly SmtDigestItem[] }
  | { kind: 'coachDigest'; coachId: string; date: string; items: readonly CoachDigestItem[] };

/** Keeps every delivery in order; `failNext` makes the next call throw (for retry tests). */
export class RecordingNotifier implements Notifier {
  readonly sent: Sent[] = [];
  failNext = 0;

  private record(item: Sent): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new Error('delivery failed (test)'));
    }
    this.sent.push(item);
    return Promise.resolve();
  }

  caseEntry(learnerId: string, entry: TimelineEntry, key: string): Promise<void> {
    return this.record({ kind: 'caseEntry', learnerId, entry, key });
  }
  nudge(nudge: Nudge): Promise<void> {
    return this.record({ kind: 'nudge', nudge });
  }
  meetingDigest(meeting: string, date: string, items: readonly SmtDigestItem[]): Promise<void> {
    return this.record({ kind: 'meetingDigest', meeting, date, items });
  }
  coachDigest(coachId: string, date: string, items: readonly CoachDigestItem[]): Promise<void> {
    return this.record({ kind: 'coachDigest', coachId, date, items });
  }
}
